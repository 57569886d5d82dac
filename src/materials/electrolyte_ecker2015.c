/* electrolyte_ecker2015.c — LiPF6 in EC:DMC of the Kokam SLPB 75106100 cell.
 * Source: Ecker et al., J. Electrochem. Soc. 162 (2015) A1836 (Part I), in the
 * form PyBaMM's "Ecker2015" set uses (Richardson et al., Electrochim. Acta 339
 * (2020) 135862) [SRC]; c in mol/m3, m = c/1000 mol/L, T in K:
 *   kappa_296(m) = 0.2667 m^3 - 1.2983 m^2 + 1.7919 m + 0.1726          S/m
 *   kappa(c, T)  = kappa_296 (296/T) exp(Ea/R (1/296 - 1/T)), Ea = 17.1 kJ/mol
 *   D(c, T)      = k_B T kappa / (F q_e c)   (Nernst-Einstein)         m2/s
 * kappa_296 stays above 0.67 S/m for every m >= 0 (its only local minimum,
 * m = 2.25).  D grows as 1/c towards c = 0 (the published form);
 * [ASSUME] below 0.1 mol/m3 (a solver overshoot; normal runs stay far above)
 * c is held at 0.1 mol/m3 with zero slope, so D stays finite. */
#include <math.h>

#include "cellforge/cf_cell.h"
#include "material_fns.h"

#define EA_J_MOL 1.71e4
#define T0_K 296.0
#define C_FLOOR_MOL_M3 0.1
/* Boltzmann's constant over the elementary charge (V/K), SI 2019 exact values */
#define KB_OVER_QE (1.380649e-23 / 1.602176634e-19)

double cf_electrolyte_kappa_ecker2015(double c, double T, double *dk)
{
    double m = c / 1000.0;
    double k296 = 0.1726 + m * (1.7919 + m * (-1.2983 + m * 0.2667));
    double dk296 = (1.7919 + m * (-2.0 * 1.2983 + m * 3.0 * 0.2667)) / 1000.0;
    double f = T0_K / T * exp(EA_J_MOL / CF_GAS_CONSTANT * (1.0 / T0_K - 1.0 / T));
    if (dk) *dk = dk296 * f;
    return k296 * f;
}

double cf_electrolyte_D_ecker2015(double c, double T, double *dD)
{
    double held = c < C_FLOOR_MOL_M3, cc = held ? C_FLOOR_MOL_M3 : c, dk;
    double k = cf_electrolyte_kappa_ecker2015(cc, T, &dk);
    double a = KB_OVER_QE / CF_FARADAY * T;
    if (dD) *dD = held ? 0.0 : a * (dk / cc - k / (cc * cc));
    return a * k / cc;
}
