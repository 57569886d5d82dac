/* solid_diffusivity_ecker2015.c — stoichiometry-dependent solid diffusivities
 * of the Kokam SLPB 75106100 cell's graphite and NCO (LiNi0.4Co0.6O2)
 * electrodes, measured by GITT.
 * Source: Ecker et al., J. Electrochem. Soc. 162 (2015) A1836 (Part I) and
 * A1849 (Part II), in the fitted form PyBaMM's Ecker2015 parameter set uses:
 *   graphite  D = (8.4e-13 exp(-11.3 sto) + 8.2e-15) exp(Ea/R (1/296    - 1/T)), Ea = 30.3 kJ/mol
 *   NCO       D = (3.7e-13 - 3.4e-13 exp(-12 (sto - 0.62)^2))
 *                                                  exp(Ea/R (1/296.15 - 1/T)), Ea = 80.6 kJ/mol
 * The temperature dependence is part of the published function, so a cell
 * using these sets its diffusivity activation energy to 0.  m2/s. */
#include <math.h>

#include "cellforge/cf_cell.h"
#include "material_fns.h"

double cf_solid_D_graphite_ecker2015(double sto, double T, double *dD)
{
    double arr = exp(3.03e4 / CF_GAS_CONSTANT * (1.0 / 296.0 - 1.0 / T));
    double e = 8.4e-13 * exp(-11.3 * sto);
    if (dD) *dD = -11.3 * e * arr;
    return (e + 8.2e-15) * arr;
}

double cf_solid_D_nco_ecker2015(double sto, double T, double *dD)
{
    double arr = exp(8.06e4 / CF_GAS_CONSTANT * (1.0 / 296.15 - 1.0 / T));
    double u = sto - 0.62, g = exp(-12.0 * u * u);
    if (dD) *dD = 3.4e-13 * 24.0 * u * g * arr;
    return (3.7e-13 - 3.4e-13 * g) * arr;
}
