/* graphite_kim2011.c — graphite OCP vs Li/Li+ of Kim et al.'s NCA|graphite
 * pouch cell, sto = x in LixC6.
 * Source: Kim et al., "Multi-domain modeling of lithium-ion batteries
 * encompassing multi-physics in varied length scales", J. Electrochem. Soc.
 * 158 (2011) A955, the fit of PyBaMM's "NCA_Kim2011" set [SRC]:
 *   U = 0.124 + 1.5 e^(-70 x) - 0.0351 tanh((x - 0.286)/0.083)
 *       - 0.0045 tanh((x - 0.9)/0.119) - 0.035 tanh((x - 0.99)/0.05)
 *       - 0.0147 tanh((x - 0.5)/0.034) - 0.102 tanh((x - 0.194)/0.142)
 *       - 0.022 tanh((x - 0.98)/0.0164) - 0.011 tanh((x - 0.124)/0.0226)
 *       + 0.0155 tanh((x - 0.105)/0.029).
 * Strictly decreasing on [0, 1] (1.820 V to -0.052 V).  T is ignored. */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

static const struct {
    double a, c, w; /* a tanh((x - c)/w) */
} TANH[] = {{-0.0351, 0.286, 0.083}, {-0.0045, 0.9, 0.119},   {-0.035, 0.99, 0.05},
            {-0.0147, 0.5, 0.034},   {-0.102, 0.194, 0.142},  {-0.022, 0.98, 0.0164},
            {-0.011, 0.124, 0.0226}, {0.0155, 0.105, 0.029}};

double cf_ocp_graphite_kim2011(double x, double T, double *dU)
{
    (void)T;
    double e = 1.5 * exp(-70.0 * x);
    double u = 0.124 + e, d = -70.0 * e;
    for (int i = 0; i < 8; i++) {
        double t = cf_tanh((x - TANH[i].c) / TANH[i].w);
        u += TANH[i].a * t;
        d += TANH[i].a * (1.0 - t * t) / TANH[i].w;
    }
    if (dU) *dU = d;
    return u;
}
