/* electrolyte_capiglia1999.c — LiPF6 in EC:DMC, the electrolyte of Marquis
 * et al., JES 166 (2019) A3693 and of PyBaMM's "Marquis2019" set.
 * Source: Capiglia et al., J. Power Sources 81-82 (1999) 859, as fitted in
 * Dualfoil [SRC]; c in mol/m3, T in K, Arrhenius about 298.15 K with the
 * activation energies of the same set (D: 37.04 kJ/mol, kappa: 34.70 kJ/mol):
 *   D     = 5.34e-10 exp(-0.65 c/1000)                                  m2/s
 *   kappa = 0.0911 + 1.9101 m - 1.052 m^2 + 0.1554 m^3, m = c/1000      S/m
 * kappa stays positive for every c >= 0 (its cubic has no real root there). */
#include <math.h>

#include "cellforge/cf_cell.h"
#include "material_fns.h"

#define T_REF_K 298.15
#define EA_D_J_MOL 37040.0
#define EA_KAPPA_J_MOL 34700.0

static double arrhenius(double Ea, double T) { return exp(Ea / CF_GAS_CONSTANT * (1.0 / T_REF_K - 1.0 / T)); }

double cf_electrolyte_D_capiglia1999(double c, double T, double *dD)
{
    double a = arrhenius(EA_D_J_MOL, T), e = 5.34e-10 * exp(-0.65 * c / 1000.0) * a;
    if (dD) *dD = -0.65 / 1000.0 * e;
    return e;
}

double cf_electrolyte_kappa_capiglia1999(double c, double T, double *dk)
{
    double a = arrhenius(EA_KAPPA_J_MOL, T), m = c / 1000.0;
    if (dk) *dk = (1.9101 - 2.0 * 1.052 * m + 3.0 * 0.1554 * m * m) / 1000.0 * a;
    return (0.0911 + m * (1.9101 + m * (-1.052 + m * 0.1554))) * a;
}
