/* bdf.h — variable-order, variable-step BDF integrator for index-1 DAEs
 * F(t, y, y') = 0, with root finding and dense output.
 *
 * Why our own: SUNDIALS' IDA (as Debian ships it, unoptimised) spends more
 * time in its own bookkeeping — some thirty vector passes per step, each a
 * call through a function pointer — than our models spend in their residual.
 * This integrator takes the same kind of steps (BDF orders 1–5 in Newton
 * divided-difference form, error test on y_corrector − y_predictor, modified
 * Newton with a Jacobian kept while the leading coefficient stays within
 * 25 %) but fuses its vector work into four passes per step.
 *
 * Method (BDF in fixed-leading-coefficient form, as DASSL and IDA):
 *   psi_i = t_{n+1} − t_{n+1−i};  phi_j(n) = psi_1(n)…psi_j(n) y[t_n … t_{n−j}]
 *   predictor  y_p = Σ_{j≤k} β_j phi_j,  y'_p = Σ_{j≤k} β_j phi_j Σ_{i≤j} 1/psi_i,
 *              β_j = Π_{i≤j} psi_i(n+1)/psi_i(n)   (the Newton interpolant through
 *              the last k+1 points, extrapolated)
 *   corrector  y' = y'_p + cj (y − y_p),  cj = (1 + 1/2 + … + 1/k) / h, which
 *              stays fixed while h and k do, so a Jacobian and its convergence
 *              rate remain valid from step to step
 *   error      ‖y − y_p‖ |h/psi_{k+1} − Σ1/j + h Σ1/psi_i| ≤ 1 (1/(k+1) at
 *              constant steps) in the weighted RMS norm, weights
 *              1/(rtol |y| + atol).
 * The order and step follow the usual rules (lower the order when the
 * (k−1)th and (k−2)th differences are no larger than the kth; raise it after
 * k+1 steps at one order when the (k+2)th difference is smaller; the step
 * from the error estimate at the chosen order, at most doubling).  The
 * formulas are those of the published method (Brenan, Campbell & Petzold,
 * "Numerical Solution of Initial-Value Problems in DAEs", ch. 5); the code is
 * our own. */
#ifndef CF_BDF_H
#define CF_BDF_H

typedef struct {
    /* F(t, y, y'): 0, > 0 recoverable (the step is retried shorter), < 0 fatal. */
    int (*residual)(double t, const double *y, const double *yp, double *F, void *user);
    /* Evaluates dF/dy + cj dF/dy' at (t, y, y') and factorises it; same codes. */
    int (*setup)(double t, double cj, const double *y, const double *yp, void *user);
    /* Solves the factorised system in place (b in, x out); same codes.  The
     * buffer is always cf_bdf_work_vector(), so a caller may wrap it once. */
    int (*solve)(double *x, void *user);
    /* Root functions g(t, y, y'), n_roots of them (may be NULL if none). */
    int (*roots)(double t, const double *y, const double *yp, double *g, void *user);
} cf_bdf_fns;

enum {
    CF_BDF_SUCCESS = 0,
    CF_BDF_ROOT = 1,             /* stopped at a root of g (cf_bdf_root_info)   */
    CF_BDF_TSTOP = 2,            /* reached the stop time                        */
    CF_BDF_ERR_FAILS = -1,       /* repeated error-test failures                 */
    CF_BDF_CONV_FAILS = -2,      /* repeated Newton failures                     */
    CF_BDF_STEP_TOO_SMALL = -3,  /* the step fell below round-off of t           */
    CF_BDF_FATAL = -4,           /* a callback returned a fatal code             */
    CF_BDF_BAD_INPUT = -5
};

typedef struct {
    long steps, residual_evals, setups, newton_iters, error_test_fails, newton_fails;
} cf_bdf_stats;

typedef struct cf_bdf cf_bdf;

/* n unknowns, n_roots root functions. NULL on allocation failure or bad
 * arguments. */
cf_bdf *cf_bdf_new(int n, int n_roots, const cf_bdf_fns *fns, void *user);
void cf_bdf_free(cf_bdf *b);

/* rtol and per-unknown atol (copied); max step (0: none); max order 1..5;
 * root directions (−1 falling only, +1 rising only, 0 both; copied). */
int cf_bdf_set_tolerances(cf_bdf *b, double rtol, const double *atol);
void cf_bdf_set_max_step(cf_bdf *b, double hmax);
/* id[i] != 0 marks a differential unknown (default: all).  When the
 * Jacobian was set up for another cj, only their corrections are rescaled. */
void cf_bdf_set_differential(cf_bdf *b, const double *id);
void cf_bdf_set_max_order(cf_bdf *b, int kmax);
void cf_bdf_set_root_directions(cf_bdf *b, const int *dir);

/* Starts afresh at (t0, y0, y0'), which must be consistent. */
int cf_bdf_reinit(cf_bdf *b, double t0, const double *y0, const double *yp0);
/* No step goes past tstop (a step ending there returns CF_BDF_TSTOP). */
void cf_bdf_set_stop_time(cf_bdf *b, double tstop);

/* Takes one step, or stops at a root or the stop time inside it; writes the
 * time reached and y, y' there.  Returns a CF_BDF_* code. */
int cf_bdf_step(cf_bdf *b, double *t, double *y, double *yp);
/* y (k = 0) or y' (k = 1) at t within the last step, from its interpolant. */
int cf_bdf_dky(const cf_bdf *b, double t, int k, double *out);
/* After CF_BDF_ROOT: info[i] = ±1 (direction of the crossing) for the roots
 * found, 0 otherwise. */
void cf_bdf_root_info(const cf_bdf *b, int *info);
/* Counters since creation. */
void cf_bdf_get_stats(const cf_bdf *b, cf_bdf_stats *s);
const char *cf_bdf_code_name(int code);
/* The array the solve callback always receives. */
double *cf_bdf_work_vector(cf_bdf *b);

#endif
