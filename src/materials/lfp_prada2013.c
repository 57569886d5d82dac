/* lfp_prada2013.c — OCP of Li_yFePO4 (LFP) vs Li/Li+, sto = y (1 Li per
 * formula unit).
 * Source: the fit of Afshar, Morris & Khajepour, "Efficient electrochemical
 * model for lithium-ion cells", arXiv:1709.03970 (2017), the LFP OCP of
 * PyBaMM's Prada2013 parameter set (Prada et al., JES 160 (2013) A616)
 * [SRC]:
 *   U = 3.4077 - 0.020269 y + 0.5 e^(-150 y) - 0.9 e^(-30 (1 - y)).
 * The two-phase plateau near 3.4 V with steep ends; decreasing on [0, 1]
 * (dU/dy = -0.020269 - 75 e^(-150 y) - 27 e^(-30 (1 - y)) < 0 everywhere);
 * 3.908 V at y = 0, 2.487 V at y = 1.  T is ignored (no entropic term). */
#include <math.h>

#include "material_fns.h"

double cf_ocp_lfp_prada2013(double y, double T, double *dU)
{
    (void)T;
    double a = exp(-150.0 * y);
    double b = exp(-30.0 * (1.0 - y));
    if (dU) *dU = -0.020269 - 75.0 * a - 27.0 * b;
    return 3.4077 - 0.020269 * y + 0.5 * a - 0.9 * b;
}
