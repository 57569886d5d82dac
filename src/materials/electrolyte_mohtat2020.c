/* electrolyte_mohtat2020.c — the LiPF6 electrolyte of Mohtat et al.'s
 * graphite|NMC pouch cell (PyBaMM's "Mohtat2020" set): concentration-
 * independent transport with Arrhenius factors about 298.15 K.
 * Source: Mohtat et al., J. Electrochem. Soc. 167 (2020) 110561 [SRC], values
 * from Capiglia et al. (1999) as fitted in Dualfoil:
 *   D     = 5.35e-10 exp(Ea/R (1/298.15 - 1/T)) m2/s, Ea = 37.04 kJ/mol
 *   kappa = 1.3      exp(Ea/R (1/298.15 - 1/T)) S/m,  Ea = 34.70 kJ/mol */
#include <math.h>

#include "cellforge/cf_cell.h"
#include "material_fns.h"

static double arrhenius(double Ea, double T) { return exp(Ea / CF_GAS_CONSTANT * (1.0 / 298.15 - 1.0 / T)); }

double cf_electrolyte_D_mohtat2020(double c, double T, double *dD)
{
    (void)c;
    if (dD) *dD = 0.0;
    return 5.35e-10 * arrhenius(37040.0, T);
}

double cf_electrolyte_kappa_mohtat2020(double c, double T, double *dk)
{
    (void)c;
    if (dk) *dk = 0.0;
    return 1.3 * arrhenius(34700.0, T);
}
