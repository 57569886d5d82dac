/* hard_carbon.c — OCP of a hard carbon vs Li/Li+ (lithiation branch).
 *
 * [ASSUME] No citable Li-ion hard-carbon OCP parameterisation was found
 * (none in PyBaMM, BattMo, MPET or DUALFOIL).  Typical half-cell curves slope from ~1.1 V to ~0.1 V
 * over the first ~half of the reversible capacity (Li in defects and between
 * turbostratic layers) and then run on a low plateau (Li filling nanopores)
 * down to ~0 V.  This curve reproduces that shape and nothing more; replace
 * it with a digitised, cited curve (e.g. Buiel & Dahn, Electrochim. Acta 45
 * (1999) 121) when one is available.
 *
 *   U(s) = 0.15 - 0.14 s                        plateau: 0.08 V at s 0.5 -> 0.01 V at s 1
 *        + 1.3 w ln(1 + e^((0.5 - s)/w)), w 0.03    slope of 1.3 V per unit sto that
 *                                                   fades out smoothly at s ~ 0.5
 *        + 0.3 e^(-s/0.1)                         steeper start (concave curve)
 *
 * Values: U(0) = 1.10 V, U(0.25) = 0.46 V, U(0.5) = 0.11 V, U(1) = 0.010 V;
 * every term falls with s, so U is strictly decreasing; the steepest slope is
 * 4.4 V per unit sto at s = 0.  T is ignored. */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

#define HC_BASE 0.15
#define HC_PLATEAU_SLOPE 0.14
#define HC_SLOPE 1.3
#define HC_KNEE 0.5
#define HC_KNEE_W 0.03
#define HC_START 0.3
#define HC_START_L 0.1

double cf_ocp_hard_carbon(double s, double T, double *dU)
{
    (void)T;
    double z = (HC_KNEE - s) / HC_KNEE_W;
    double e = HC_START * exp(-s / HC_START_L);
    if (dU) *dU = -HC_PLATEAU_SLOPE - HC_SLOPE * cf_logistic(z) - e / HC_START_L;
    return HC_BASE - HC_PLATEAU_SLOPE * s + HC_SLOPE * HC_KNEE_W * cf_softplus(z) + e;
}
