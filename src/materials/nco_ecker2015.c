/* nco_ecker2015.c — OCP of the Kokam SLPB 75106100 cell's NCO positive
 * (LiNi0.4Co0.6O2) vs Li/Li+, sto = y.
 * Source: Ecker et al., J. Electrochem. Soc. 162 (2015) A1836 (Part I), the
 * measured curve as fitted analytically for PyBaMM's "Ecker2015" set (one
 * coefficient, 0.176187, refitted by S. O'Kane) [SRC]:
 *   U = -2.35211 y - 0.0747061 tanh(31.886 (y - 0.0219921))
 *       + 6.34984 tanh(2.66395 (y - 0.174352))
 *       - 0.640243 tanh(5.48623 (y - 0.439245))
 *       - 3.82383 tanh(4.12167 (y - 0.176187))
 *       - 0.0542123 tanh(18.2919 (y - 0.762272)) + 4.23285.
 * Kept exactly as published: decreasing on [0.00092, 1] (4.58 V to 3.49 V);
 * below y = 0.00092 it rises by 0.034 mV (tests/test_materials.c bounds it),
 * far above any cut-off.  T is ignored (the set has no entropic term). */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

static const struct {
    double a, k, c; /* -a tanh(k (y - c)) */
} TANH[] = {{0.0747061, 31.886, 0.0219921}, {-6.34984, 2.66395, 0.174352}, {0.640243, 5.48623, 0.439245},
            {3.82383, 4.12167, 0.176187},   {0.0542123, 18.2919, 0.762272}};

double cf_ocp_nco_ecker2015(double y, double T, double *dU)
{
    (void)T;
    double u = -2.35211 * y + 4.23285, d = -2.35211;
    for (int i = 0; i < 5; i++) {
        double t = cf_tanh(TANH[i].k * (y - TANH[i].c));
        u -= TANH[i].a * t;
        d -= TANH[i].a * TANH[i].k * (1.0 - t * t);
    }
    if (dU) *dU = d;
    return u;
}
