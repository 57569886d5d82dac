/* electrolyte_valoen2005.c — LiPF6 in PC:EC:DMC (10:27:63 by volume).
 * Source: Valøen & Reimers, J. Electrochem. Soc. 152 (2005) A882 [SRC].
 * The fits take c in mol/L and T in K; these functions
 * take c in mol/m3 (the cell's unit) and convert.  t+ = 0.38 belongs to the
 * same paper: the cell carries it as a number (electrolyte.t_plus).
 *
 * Outside the range the paper measured, two fits need a guard so that the
 * values stay finite and positive for c in [1, 6000] mol/m3, T in [233, 353] K:
 * - diffusivity: the Vogel–Tammann–Fulcher term 54/(T - 229 - 5c) is singular
 *   at T = 229 + 5c (e.g. 233 K at 0.8 mol/L).  [ASSUME] T - T0 is replaced by
 *   a smooth max(T - T0, 5 K) (softplus, 2 K wide): identical to the paper
 *   wherever T - T0 > ~15 K, and D ~1e-19 m2/s (frozen, but positive and
 *   finite) at or below the singular temperature.
 * - conductivity: the paper's kappa = 0.1 c p(c, T)^2 touches zero where the
 *   polynomial p changes sign (e.g. 233 K, 2.27 mol/L).  [ASSUME] p^2 is
 *   replaced by sqrt(p^4 + 1e-4), a floor of 0.001 S/m per mol/L that changes
 *   the value by < 1e-6 relative wherever |p| > 1 (all normal conditions).
 *   Below about -10 degC and above ~2 mol/L the fit is an extrapolation that
 *   can rise again with c; treat such results with care.
 * Concentrations below 1e-3 mol/m3 (a solver overshoot; the valid range
 * starts at 1 mol/m3) are held at 1e-3 with zero slope. */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

#define C_FLOOR_MOL_M3 1e-3
#define VR_T_PLUS 0.38
#define VTF_MIN_GAP_K 5.0
#define VTF_SMOOTH_K 2.0
#define KAPPA_FLOOR4 1e-4

/* c in mol/L; *scale = d(mol/L)/d(mol/m3), 0 where the floor holds. */
static double molar(double c, double *scale)
{
    if (c < C_FLOOR_MOL_M3) {
        *scale = 0.0;
        return C_FLOOR_MOL_M3 / 1000.0;
    }
    *scale = 1.0 / 1000.0;
    return c / 1000.0;
}

double cf_electrolyte_kappa_valoen2005(double c, double T, double *dk)
{
    double scale, m = molar(c, &scale);
    double a0 = -10.5 + 0.0740 * T - 6.96e-5 * T * T;
    double a1 = 0.668 - 0.0178 * T + 2.80e-5 * T * T;
    double a2 = 0.494 - 8.86e-4 * T;
    double p = a0 + m * (a1 + m * a2), dp = a1 + 2.0 * m * a2;
    double q = sqrt(p * p * p * p + KAPPA_FLOOR4); /* ~ p^2 */
    if (dk) *dk = 0.1 * (q + m * 2.0 * p * p * p * dp / q) * scale;
    return 0.1 * m * q; /* mS/cm -> S/m is the factor 0.1 */
}

double cf_electrolyte_D_valoen2005(double c, double T, double *dD)
{
    double scale, m = molar(c, &scale);
    double gap = T - 229.0 - 5.0 * m;
    double z = (gap - VTF_MIN_GAP_K) / VTF_SMOOTH_K;
    double g = VTF_MIN_GAP_K + VTF_SMOOTH_K * cf_softplus(z); /* smooth max(gap, 5 K) */
    double dg = -5.0 * cf_logistic(z);                        /* d g / d m */
    double e = -4.43 - 54.0 / g - 0.22 * m;
    double D = 1e-4 * pow(10.0, e); /* cm2/s -> m2/s */
    if (dD) *dD = D * log(10.0) * (54.0 * dg / (g * g) - 0.22) * scale;
    return D;
}

double cf_electrolyte_tdf_valoen2005(double c, double T, double *dt)
{
    double scale, m = molar(c, &scale);
    double r = sqrt(m), g = 0.982 * (1.0 - 0.0052 * (T - 294.0));
    /* The paper fits (1 + dln f/dln c)(1 - t+) with its own t+ = 0.38. */
    if (dt) *dt = (-0.12 / r + 1.5 * g * r) / (1.0 - VR_T_PLUS) * scale;
    return (0.601 - 0.24 * r + g * m * r) / (1.0 - VR_T_PLUS);
}
