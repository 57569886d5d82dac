/* nmc_mohtat2020.c — NMC OCP vs Li/Li+ of Mohtat et al.'s pouch cell,
 * sto = y.
 * Source: Mohtat et al., J. Electrochem. Soc. 167 (2020) 110561, the fit of
 * PyBaMM's "Mohtat2020" set ("PeymanMPM") [SRC]:
 *   U = 4.3452 - 1.6518 y + 1.6225 y^2 - 2.0843 y^3 + 3.5146 y^4 - 2.2166 y^5
 *       - 0.5623e-4 e^(109.451 y - 100.006).
 * Strictly decreasing on [0, 1] (4.345 V to 2.819 V).  T is ignored here;
 * the set's entropic coefficient is not part of the built-in cell. */
#include <math.h>

#include "material_fns.h"

double cf_ocp_nmc_mohtat2020(double y, double T, double *dU)
{
    (void)T;
    double e = 0.5623e-4 * exp(109.451 * y - 100.006);
    double p = 4.3452 + y * (-1.6518 + y * (1.6225 + y * (-2.0843 + y * (3.5146 + y * -2.2166))));
    double dp = -1.6518 + y * (2.0 * 1.6225 + y * (-3.0 * 2.0843 + y * (4.0 * 3.5146 + y * -5.0 * 2.2166)));
    if (dU) *dU = dp - 109.451 * e;
    return p - e;
}
