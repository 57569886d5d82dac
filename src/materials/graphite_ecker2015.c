/* graphite_ecker2015.c — OCP of the Kokam SLPB 75106100 cell's graphite vs
 * Li/Li+, sto = x in LixC6.
 * Source: Ecker et al., J. Electrochem. Soc. 162 (2015) A1836 (Part I), the
 * measured curve as fitted analytically for PyBaMM's "Ecker2015" set
 * (Richardson et al., Electrochim. Acta 339 (2020) 135862) [SRC]:
 *   U = 0.716502 e^(-369.028 x) + 0.12193 e^(-35.6478 (x - 0.0530947))
 *       - 0.0189193 tanh(21.1967 (x - 0.196176))
 *       - 0.0169644 tanh(27.1365 (x - 0.312832))
 *       - 0.0199313 tanh(28.5697 (x - 0.614221))
 *       - 0.931153 e^(36.328 (x - 1.10743)) + 0.140031.
 * Strictly decreasing on [0, 1] (1.722 V at x = 0, 0.065 V at x = 1).
 * T is ignored (the set has no entropic term). */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

static const struct {
    double a, k, c; /* -a tanh(k (x - c)) */
} TANH[] = {{0.0189193, 21.1967, 0.196176}, {0.0169644, 27.1365, 0.312832}, {0.0199313, 28.5697, 0.614221}};

double cf_ocp_graphite_ecker2015(double x, double T, double *dU)
{
    (void)T;
    double e1 = 0.716502 * exp(-369.028 * x);
    double e2 = 0.12193 * exp(-35.6478 * (x - 0.0530947));
    double e3 = 0.931153 * exp(36.328 * (x - 1.10743));
    double u = e1 + e2 - e3 + 0.140031, d = -369.028 * e1 - 35.6478 * e2 - 36.328 * e3;
    for (int i = 0; i < 3; i++) {
        double t = cf_tanh(TANH[i].k * (x - TANH[i].c));
        u -= TANH[i].a * t;
        d -= TANH[i].a * TANH[i].k * (1.0 - t * t);
    }
    if (dU) *dU = d;
    return u;
}
