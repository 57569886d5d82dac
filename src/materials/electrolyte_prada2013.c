/* electrolyte_prada2013.c — conductivity of LiPF6 in EC:EMC (3:7) of the
 * LFP|graphite cell of Prada et al. (PyBaMM's "Prada2013" set).
 * Source: Prada et al., J. Electrochem. Soc. 160 (2013) A616, the fit of
 * PyBaMM's "Prada2013" set [SRC]; with u = c/1e6 (c in mol/m3):
 *   kappa = 1000 (4.1253e-4 + 5.007 u - 4721.2 u^2 + 1.5094e6 u^3 - 1.6018e8 u^4)  S/m
 * (1.90 S/m at the set's 1200 mol/m3).  The quartic turns negative above
 * about 4500 mol/m3, far beyond the fit's data; [ASSUME] below 2 mS/m it is
 * replaced by (2 mS/m)^2 / (4 mS/m - k), which joins it with equal value and
 * slope and stays positive (falling as 1/|k|): the published fit is kept
 * exactly wherever k >= 2 mS/m (every c up to about 4500 mol/m3).
 * T is ignored (the set gives no temperature dependence). */
#include <math.h>

#include "material_fns.h"

#define KNEE_S_M 2e-3

double cf_electrolyte_kappa_prada2013(double c, double T, double *dk)
{
    (void)T;
    double u = c / 1e6;
    double k = 1000.0 * (4.1253e-4 + u * (5.007 + u * (-4721.2 + u * (1.5094e6 + u * -1.6018e8))));
    double dkk = (5.007 + u * (-2.0 * 4721.2 + u * (3.0 * 1.5094e6 + u * -4.0 * 1.6018e8))) / 1000.0;
    if (k >= KNEE_S_M) {
        if (dk) *dk = dkk;
        return k;
    }
    double g = 1.0 / (2.0 * KNEE_S_M - k);
    if (dk) *dk = KNEE_S_M * KNEE_S_M * g * g * dkk;
    return KNEE_S_M * KNEE_S_M * g;
}
