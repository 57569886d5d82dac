/* graphite_mohtat2020.c — graphite OCP vs Li/Li+ of Mohtat et al.'s pouch
 * cell, sto = x in LixC6.
 * Source: Mohtat et al., J. Electrochem. Soc. 167 (2020) 110561, the fit of
 * PyBaMM's "Mohtat2020" set ("PeymanMPM") [SRC]:
 *   U = 0.063 + 0.8 e^(-75 (x + 0.001)) - 0.0120 tanh((x - 0.127)/0.016)
 *       - 0.0118 tanh((x - 0.155)/0.016) - 0.0035 tanh((x - 0.220)/0.020)
 *       - 0.0095 tanh((x - 0.190)/0.013) - 0.0145 tanh((x - 0.490)/0.020)
 *       - 0.0800 tanh((x - 1.030)/0.055).
 * Strictly decreasing on [0, 1] (0.936 V to 0.051 V).  T is ignored here;
 * the set's entropic coefficient is not part of the built-in cell. */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

static const struct {
    double a, c, w; /* -a tanh((x - c)/w) */
} TANH[] = {{0.0120, 0.127, 0.016}, {0.0118, 0.155, 0.016}, {0.0035, 0.220, 0.020},
            {0.0095, 0.190, 0.013}, {0.0145, 0.490, 0.020}, {0.0800, 1.030, 0.055}};

double cf_ocp_graphite_mohtat2020(double x, double T, double *dU)
{
    (void)T;
    double e = 0.8 * exp(-75.0 * (x + 0.001));
    double u = 0.063 + e, d = -75.0 * e;
    for (int i = 0; i < 6; i++) {
        double t = cf_tanh((x - TANH[i].c) / TANH[i].w);
        u -= TANH[i].a * t;
        d -= TANH[i].a * (1.0 - t * t) / TANH[i].w;
    }
    if (dU) *dU = d;
    return u;
}
