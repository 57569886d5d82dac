/* nmc811_chen2020.c — LG M50 NMC811 OCP.
 * Source: Chen et al., J. Electrochem. Soc. 167 (2020) 080534, the fit used
 * by PyBaMM's Chen2020 set.  Valid for sto in [0, 1]. */
#include <math.h>
#include "material_fns.h"
#include "smooth.h"

double cf_ocp_nmc811_chen2020(double s, double T, double *dU)
{
    (void)T;
    double t1 = cf_tanh(18.5138 * (s - 0.5542));
    double t2 = cf_tanh(15.7890 * (s - 0.3117));
    double t3 = cf_tanh(15.9308 * (s - 0.3120));
    if (dU)
        *dU = -0.8090 - 0.0428 * 18.5138 * (1 - t1 * t1) - 17.7326 * 15.7890 * (1 - t2 * t2)
              + 17.5842 * 15.9308 * (1 - t3 * t3);
    return -0.8090 * s + 4.4875 - 0.0428 * t1 - 17.7326 * t2 + 17.5842 * t3;
}
