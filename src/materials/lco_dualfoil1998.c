/* lco_dualfoil1998.c — OCP of LixCoO2 vs Li/Li+, sto = x.
 * Source: the Dualfoil fit (Doyle, Newman et al.), the positive OCP of Marquis
 * et al., JES 166 (2019) A3693 and of PyBaMM's "Marquis2019" set [SRC], with
 * the stoichiometry stretched by 1.062 (y = 1.062 x):
 *   U = 2.16216 + 0.07645 tanh(30.834 - 54.4806 y) + 2.1581 tanh(52.294 - 50.294 y)
 *       - 0.14169 tanh(11.0923 - 19.8543 y) + 0.2051 tanh(1.4684 - 5.4888 y)
 *       + 0.2531 tanh((0.56478 - y)/0.1316) - 0.02167 tanh((y - 0.525)/0.006).
 * Strictly decreasing on [0, 1]. T is ignored (isothermal; the source's
 * entropic term is not used). */
#include <math.h>
#include <stddef.h>

#include "material_fns.h"

#define LCO_STRETCH 1.062

static const struct {
    double a, b, k; /* a tanh(b + k y) */
} TERMS[] = {
    {0.07645, 30.834, -54.4806}, {2.1581, 52.294, -50.294},
    {-0.14169, 11.0923, -19.8543}, {0.2051, 1.4684, -5.4888},
    {0.2531, 0.56478 / 0.1316, -1.0 / 0.1316}, {-0.02167, -0.525 / 0.006, 1.0 / 0.006},
};

double cf_ocp_lco_dualfoil1998(double x, double T, double *dU)
{
    (void)T;
    double y = LCO_STRETCH * x, u = 2.16216, d = 0.0;
    for (size_t i = 0; i < sizeof TERMS / sizeof TERMS[0]; i++) {
        double t = tanh(TERMS[i].b + TERMS[i].k * y);
        u += TERMS[i].a * t;
        d += TERMS[i].a * (1.0 - t * t) * TERMS[i].k;
    }
    if (dU) *dU = d * LCO_STRETCH;
    return u;
}
