/* graphite_mcmb2528_dualfoil.c — OCP of MCMB 2528 graphite vs Li/Li+, sto = x
 * in LixC6.  Source: the fit used by Dualfoil (Doyle, Newman et al.; Dualfoil
 * 5.x "MCMB 2528 graphite (Bellcore)"), the negative OCP of Marquis et al.,
 * JES 166 (2019) A3693 and of PyBaMM's "Marquis2019" set [SRC]:
 *   U = 0.194 + 1.5 exp(-120 x) + 0.0351 tanh((x - 0.286)/0.083)
 *       - 0.0045 tanh((x - 0.849)/0.119) - 0.035 tanh((x - 0.9233)/0.05)
 *       - 0.0147 tanh((x - 0.5)/0.034) - 0.102 tanh((x - 0.194)/0.142)
 *       - 0.022 tanh((x - 0.9)/0.0164) - 0.011 tanh((x - 0.124)/0.0226)
 *       + 0.0155 tanh((x - 0.105)/0.029).
 * Kept exactly as published, so it is not strictly decreasing everywhere: it
 * rises by 0.043 mV between sto 0.3136 and 0.3333 (tests/test_materials.c
 * bounds that bump).  T is ignored (isothermal; the source's entropic term is
 * not used). */
#include <math.h>
#include <stddef.h>

#include "material_fns.h"

static const struct {
    double a, c, w; /* a tanh((x - c) / w) */
} TERMS[] = {
    {0.0351, 0.286, 0.083},  {-0.0045, 0.849, 0.119}, {-0.035, 0.9233, 0.05},
    {-0.0147, 0.5, 0.034},   {-0.102, 0.194, 0.142},  {-0.022, 0.9, 0.0164},
    {-0.011, 0.124, 0.0226}, {0.0155, 0.105, 0.029},
};

double cf_ocp_graphite_mcmb2528_dualfoil(double x, double T, double *dU)
{
    (void)T;
    double e = exp(-120.0 * x);
    double u = 0.194 + 1.5 * e, d = -180.0 * e;
    for (size_t i = 0; i < sizeof TERMS / sizeof TERMS[0]; i++) {
        double t = tanh((x - TERMS[i].c) / TERMS[i].w);
        u += TERMS[i].a * t;
        d += TERMS[i].a * (1.0 - t * t) / TERMS[i].w;
    }
    if (dU) *dU = d;
    return u;
}
