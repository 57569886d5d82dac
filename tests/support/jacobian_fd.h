/* jacobian_fd.h — checks a plan's analytic Jacobian against central finite
 * differences of its residual (test support). */
#ifndef CF_TEST_JACOBIAN_FD_H
#define CF_TEST_JACOBIAN_FD_H
#include "model/plan_internal.h"

/* Largest relative disagreement between dF/dy + cj dF/dy' assembled by the
 * model and its finite-difference estimate at (y, y'), ignoring entries below
 * 1e-8 and differences within the differencing noise |F| eps / h.  Entries
 * that disagree by more than 1e-4 are printed with their row and column. */
double cf_test_jacobian_fd(cf_plan *p, double t, double *y, double *yp, double cj);

#endif
