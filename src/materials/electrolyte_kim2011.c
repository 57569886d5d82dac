/* electrolyte_kim2011.c — LiPF6 in EC of Kim et al.'s NCA|graphite cell.
 * Source: Kim et al., J. Electrochem. Soc. 158 (2011) A955, as in PyBaMM's
 * "NCA_Kim2011" set [SRC]; c in mol/m3, m = c/1000 mol/L, T in K:
 *   kappa = 3.45 e^(-798/T) m^3 - 48.5 e^(-1080/T) m^2 + 244 e^(-1440/T) m   S/m
 *   D     = 5.84e-7 e^(-2870/T) m^2 - 33.9e-7 e^(-2920/T) m + 129e-7 e^(-3200/T)  m2/s
 * kappa/m has no real root for T in 233-353 K, so kappa > 0 for c > 0.  D's
 * quadratic has roots below about 240 K (D < 0 near 2 mol/L at 233 K, far
 * outside the fit's data); [ASSUME] below 2e-13 m2/s it is replaced by
 * (2e-13)^2 / (4e-13 - D) m2/s, which joins it with equal value and slope and
 * stays positive: the published fit is kept exactly wherever D >= 2e-13 m2/s
 * (every c at 298 K, where D >= 4.2e-11). */
#include <math.h>

#include "material_fns.h"

#define D_KNEE 2e-13

double cf_electrolyte_kappa_kim2011(double c, double T, double *dk)
{
    double m = c / 1000.0;
    double a3 = 3.45 * exp(-798.0 / T), a2 = -48.5 * exp(-1080.0 / T), a1 = 244.0 * exp(-1440.0 / T);
    if (dk) *dk = (a1 + m * (2.0 * a2 + m * 3.0 * a3)) / 1000.0;
    return m * (a1 + m * (a2 + m * a3));
}

double cf_electrolyte_D_kim2011(double c, double T, double *dD)
{
    double m = c / 1000.0;
    double b2 = 5.84e-7 * exp(-2870.0 / T), b1 = -33.9e-7 * exp(-2920.0 / T), b0 = 129e-7 * exp(-3200.0 / T);
    double D = b0 + m * (b1 + m * b2), dDm = (b1 + 2.0 * b2 * m) / 1000.0;
    if (D >= D_KNEE) {
        if (dD) *dD = dDm;
        return D;
    }
    double g = 1.0 / (2.0 * D_KNEE - D);
    if (dD) *dD = D_KNEE * D_KNEE * g * g * dDm;
    return D_KNEE * D_KNEE * g;
}
