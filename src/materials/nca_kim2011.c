/* nca_kim2011.c — NCA OCP vs Li/Li+ of Kim et al.'s NCA|graphite pouch cell,
 * sto = y.
 * Source: Kim et al., J. Electrochem. Soc. 158 (2011) A955, the fit of
 * PyBaMM's "NCA_Kim2011" set [SRC]:
 *   U = 1.638 y^10 - 2.222 y^9 + 15.056 y^8 - 23.488 y^7 + 81.246 y^6
 *       - 344.566 y^5 + 621.3475 y^4 - 554.774 y^3 + 264.427 y^2
 *       - 66.3691 y + 11.8058 - 0.61386 e^(5.8201 y^136.4).
 * Strictly decreasing on [0, 1]; the fit is meant for the cell's window
 * (y about 0.4-0.99: 4.2-3.0 V) and runs far outside any physical potential
 * at its ends (11.19 V at y = 0, -202.8 V at y = 1).  y^136.4 is taken as 0
 * for y <= 0 (its limit), so the function stays finite there.
 * T is ignored. */
#include <math.h>

#include "material_fns.h"

static const double POLY[] = {11.8058,  -66.3691, 264.427, -554.774, 621.3475, -344.566,
                              81.246,   -23.488,  15.056,  -2.222,   1.638}; /* y^0 .. y^10 */

double cf_ocp_nca_kim2011(double y, double T, double *dU)
{
    (void)T;
    double p = 0.0, dp = 0.0;
    for (int i = 10; i >= 0; i--) {
        dp = dp * y + p;
        p = p * y + POLY[i];
    }
    double yk = y > 0 ? pow(y, 136.4) : 0.0;
    double e = 0.61386 * exp(5.8201 * yk), de = y > 0 ? e * 5.8201 * 136.4 * yk / y : 0.0;
    if (dU) *dU = dp - de;
    return p - e;
}
