/* smooth.h — smooth step pieces shared by the built-in OCP curves.
 *
 * OCPs are built from terms with a continuous first derivative everywhere,
 * because the cell model solves for potentials with Newton iterations and a
 * kinked OCP makes its Jacobian jump.  All are static inline pure functions. */
#ifndef CF_MATERIALS_SMOOTH_H
#define CF_MATERIALS_SMOOTH_H

#include <math.h>

/* tanh from one exp: 1 - 2/(e^2z + 1).  Within a few 1e-16 of libm's tanh
 * in absolute terms — what a sum of OCP terms needs — and about twice as
 * fast: libm's tanh goes through expm1 for a relative accuracy near z = 0
 * that these sums do not use.  The OCPs evaluate several per call, at every
 * node, every residual.  e^2z overflowing to inf gives 1; underflowing, -1. */
static inline double cf_tanh(double z)
{
    return 1.0 - 2.0 / (exp(2.0 * z) + 1.0);
}

/* Falling step 1 -> 0 across z = 0: (1 - tanh z)/2, with d/dz in *d. */
static inline double cf_step_down(double z, double *d)
{
    double t = cf_tanh(z);
    *d = -0.5 * (1.0 - t * t);
    return 0.5 * (1.0 - t);
}

/* Logistic 1/(1 + e^-z), written so that neither branch overflows. */
static inline double cf_logistic(double z)
{
    if (z >= 0) return 1.0 / (1.0 + exp(-z));
    double e = exp(z);
    return e / (1.0 + e);
}

/* Softplus ln(1 + e^z) (a smooth max(0, z)); its derivative is cf_logistic. */
static inline double cf_softplus(double z)
{
    return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

#endif
