/* nca_albertus.c — OCP of Li_yNi0.8Co0.15Al0.05O2 (NCA) vs Li/Li+, sto = y
 * (1 Li per formula unit; over-lithiation is not covered: NCA turns two-phase
 * below 2.14 V, Robert & Novák, Chem. Mater. 30 (2018) 1907).
 * Source: the Albertus fit as listed in DUALFOIL 5.2 [SRC]:
 *   U = 0.99 y^2 - 2.35 y + 4.9 - e^(45(y-1.012)) + e^((0.04-y)/0.085)
 *       - e^(100(y-1.005)).
 * Decreasing on [0, 1] (1.98 y - 2.35 < 0 there and every exponential term
 * falls); 6.50 V at y = 0, 2.35 V at y = 1.  T is ignored. */
#include <math.h>

#include "material_fns.h"

double cf_ocp_nca_albertus(double y, double T, double *dU)
{
    (void)T;
    double a = exp(45.0 * (y - 1.012));
    double b = exp((0.04 - y) / 0.085);
    double c = exp(100.0 * (y - 1.005));
    if (dU) *dU = 1.98 * y - 2.35 - 45.0 * a - b / 0.085 - 100.0 * c;
    return 0.99 * y * y - 2.35 * y + 4.9 - a + b - c;
}
