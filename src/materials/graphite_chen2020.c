/* graphite_chen2020.c — LG M50 graphite OCP.
 * Source: Chen et al., J. Electrochem. Soc. 167 (2020) 080534, the fit used
 * by PyBaMM's Chen2020 set.  Valid for sto in [0, 1]. */
#include <math.h>
#include "material_fns.h"
#include "smooth.h"

double cf_ocp_graphite_chen2020(double s, double T, double *dU)
{
    (void)T;
    double e = 1.9793 * exp(-39.3631 * s);
    double t1 = cf_tanh(29.8538 * (s - 0.1234));
    double t2 = cf_tanh(14.9159 * (s - 0.2769));
    double t3 = cf_tanh(30.4444 * (s - 0.6103));
    if (dU)
        *dU = -39.3631 * e - 0.0909 * 29.8538 * (1 - t1 * t1) - 0.04478 * 14.9159 * (1 - t2 * t2)
              - 0.0205 * 30.4444 * (1 - t3 * t3);
    return e + 0.2482 - 0.0909 * t1 - 0.04478 * t2 - 0.0205 * t3;
}
