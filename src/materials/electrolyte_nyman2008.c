/* electrolyte_nyman2008.c — LiPF6 in EC:EMC (3:7), 25 degC.
 * Source: Nyman, Behm, Lindbergh, Electrochim. Acta 53 (2008) 6356, as used
 * in PyBaMM's Chen2020 set.  No temperature dependence is given by the
 * source, so T is ignored.  c in mol/m3. */
#include <math.h>
#include "material_fns.h"

double cf_electrolyte_D_nyman2008(double c, double T, double *dD)
{
    (void)T;
    double m = c / 1000.0;
    if (dD) *dD = (2 * 8.794e-11 * m - 3.972e-10) / 1000.0;
    return 8.794e-11 * m * m - 3.972e-10 * m + 4.862e-10;
}

double cf_electrolyte_kappa_nyman2008(double c, double T, double *dk)
{
    (void)T;
    double m = c > 0 ? c / 1000.0 : 0.0;
    double sq = sqrt(m);
    if (dk) *dk = (3 * 0.1297 * m * m - 1.5 * 2.51 * sq + 3.329) / 1000.0;
    return 0.1297 * m * m * m - 2.51 * m * sq + 3.329 * m;
}
