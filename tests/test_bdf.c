/* test_bdf.c — the BDF integrator (src/solver/bdf.c) on problems with known
 * solutions: accuracy against the tolerance, dense output, roots located to
 * round-off, stop times hit exactly, algebraic unknowns, step-size control
 * on a stiff problem, and failure codes instead of hangs. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "solver/bdf.h"

/* Problems F(t, y, y') = 0 with a dense Jacobian J = dF/dy + cj dF/dy' of
 * size <= 4, solved by Gaussian elimination with partial pivoting. */
typedef struct {
    int n, kind;
    double lambda;  /* decay rate of the stiff problem */
    double J[4][4];
    double LU[4][4];
    int piv[4];
    long setups;
} problem;

enum { DECAY, OSCILLATOR, DAE, STIFF, RAMP };

static int residual(double t, const double *y, const double *yp, double *F, void *u)
{
    problem *p = u;
    switch (p->kind) {
    case DECAY: F[0] = yp[0] + y[0]; break;
    case OSCILLATOR: F[0] = yp[0] - y[1]; F[1] = yp[1] + y[0]; break;
    case DAE: /* y0' = -y0 + y1, 0 = y1 - cos t */
        F[0] = yp[0] + y[0] - y[1];
        F[1] = y[1] - cos(t);
        break;
    case STIFF: /* y' = -lambda (y - cos t) - sin t: y = cos t after a fast transient */
        F[0] = yp[0] + p->lambda * (y[0] - cos(t)) + sin(t);
        break;
    case RAMP: F[0] = yp[0] - 1.0; break;
    }
    return 0;
}

static void jacobian(problem *p, double cj)
{
    memset(p->J, 0, sizeof p->J);
    switch (p->kind) {
    case DECAY: p->J[0][0] = 1.0 + cj; break;
    case OSCILLATOR: p->J[0][0] = cj; p->J[0][1] = -1.0; p->J[1][0] = 1.0; p->J[1][1] = cj; break;
    case DAE: p->J[0][0] = 1.0 + cj; p->J[0][1] = -1.0; p->J[1][1] = 1.0; break;
    case STIFF: p->J[0][0] = p->lambda + cj; break;
    case RAMP: p->J[0][0] = cj; break;
    }
}

static int setup(double t, double cj, const double *y, const double *yp, void *u)
{
    (void)t; (void)y; (void)yp;
    problem *p = u;
    jacobian(p, cj);
    memcpy(p->LU, p->J, sizeof p->J);
    p->setups++;
    for (int k = 0; k < p->n; k++) {
        int m = k;
        for (int i = k + 1; i < p->n; i++)
            if (fabs(p->LU[i][k]) > fabs(p->LU[m][k])) m = i;
        p->piv[k] = m;
        if (p->LU[m][k] == 0.0) return 1;
        for (int j = 0; j < p->n; j++) {
            double tmp = p->LU[k][j];
            p->LU[k][j] = p->LU[m][j];
            p->LU[m][j] = tmp;
        }
        for (int i = k + 1; i < p->n; i++) {
            p->LU[i][k] /= p->LU[k][k];
            for (int j = k + 1; j < p->n; j++) p->LU[i][j] -= p->LU[i][k] * p->LU[k][j];
        }
    }
    return 0;
}

static int solve(double *x, void *u)
{
    problem *p = u;
    for (int k = 0; k < p->n; k++) {
        double tmp = x[k];
        x[k] = x[p->piv[k]];
        x[p->piv[k]] = tmp;
    }
    for (int i = 0; i < p->n; i++)
        for (int j = 0; j < i; j++) x[i] -= p->LU[i][j] * x[j];
    for (int i = p->n - 1; i >= 0; i--) {
        for (int j = i + 1; j < p->n; j++) x[i] -= p->LU[i][j] * x[j];
        x[i] /= p->LU[i][i];
    }
    return 0;
}

static int roots(double t, const double *y, const double *yp, double *g, void *u)
{
    (void)t; (void)yp; (void)u;
    g[0] = y[0] - 0.5;  /* crossed rising by RAMP at t = 0.5 */
    g[1] = y[0] - 0.25; /* watched only falling: never reported for RAMP */
    return 0;
}

static cf_bdf *make(problem *p, int kind, double rtol, int with_roots)
{
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->n = kind == OSCILLATOR || kind == DAE ? 2 : 1;
    p->lambda = 1e6;
    cf_bdf_fns fns = {residual, setup, solve, with_roots ? roots : NULL};
    cf_bdf *b = cf_bdf_new(p->n, with_roots ? 2 : 0, &fns, p);
    assert_non_null(b);
    double atol[2] = {rtol, rtol};
    assert_int_equal(cf_bdf_set_tolerances(b, rtol, atol), CF_BDF_SUCCESS);
    return b;
}

/* Integrates to t_end; returns the number of steps. */
static long run_to(cf_bdf *b, double t_end, double *y, double *yp)
{
    cf_bdf_set_stop_time(b, t_end);
    double t = 0.0;
    long steps = 0;
    int rc;
    while ((rc = cf_bdf_step(b, &t, y, yp)) == CF_BDF_SUCCESS) steps++;
    assert_int_equal(rc, CF_BDF_TSTOP);
    assert_true(t == t_end); /* the stop time exactly */
    return steps;
}

static void test_decay_accuracy(void **s)
{
    (void)s;
    const double tols[] = {1e-4, 1e-6, 1e-8};
    double prev_err = INFINITY;
    for (int k = 0; k < 3; k++) {
        problem p;
        cf_bdf *b = make(&p, DECAY, tols[k], 0);
        double y[1] = {1.0}, yp[1] = {-1.0};
        assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
        long steps = run_to(b, 10.0, y, yp);
        double err = fabs(y[0] - exp(-10.0));
        cf_bdf_stats st0;
        cf_bdf_get_stats(b, &st0);
        print_message("decay rtol %g: error %.3g, %ld steps\n", tols[k], err, st0.steps);
        /* global error within a modest multiple of the tolerance, and falling with it */
        assert_true(err < 20.0 * tols[k]);
        assert_true(err < prev_err);
        assert_true(fabs(yp[0] + y[0]) < tols[k]); /* the residual, to Newton accuracy */
        prev_err = err;
        cf_bdf_stats st;
        cf_bdf_get_stats(b, &st);
        assert_int_equal(st.steps, steps + 1);
        assert_true(st.steps < 80L << k); /* high orders in use: far fewer than Euler */
        cf_bdf_free(b);
    }
}

/* Capping the order at 1 (backward Euler) needs many more steps for the same
 * tolerance: the variable order is what makes the steps long. */
static void test_order_cap(void **s)
{
    (void)s;
    long steps[2];
    for (int cap = 0; cap < 2; cap++) {
        problem p;
        cf_bdf *b = make(&p, OSCILLATOR, 1e-6, 0);
        if (cap) cf_bdf_set_max_order(b, 1);
        double y[2] = {0.0, 1.0}, yp[2] = {1.0, 0.0};
        assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
        steps[cap] = run_to(b, 10.0, y, yp);
        assert_true(fabs(y[0] - sin(10.0)) < (cap ? 2e-2 : 1e-4));
        cf_bdf_free(b);
    }
    print_message("oscillator to t = 10 at rtol 1e-6: %ld steps up to order 5, %ld at order 1\n", steps[0], steps[1]);
    assert_true(steps[1] > 10 * steps[0]);
}

static void test_oscillator_and_dense_output(void **s)
{
    (void)s;
    problem p;
    cf_bdf *b = make(&p, OSCILLATOR, 1e-8, 0);
    double y[2] = {0.0, 1.0}, yp[2] = {1.0, 0.0}; /* y0 = sin t, y1 = cos t */
    assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
    cf_bdf_set_stop_time(b, 20.0);
    double t = 0.0, t_prev = 0.0, worst = 0.0;
    int rc;
    while ((rc = cf_bdf_step(b, &t, y, yp)) == CF_BDF_SUCCESS || rc == CF_BDF_TSTOP) {
        /* dense output inside the step: value and derivative */
        double tm = 0.5 * (t_prev + t), ym[2], ypm[2];
        assert_int_equal(cf_bdf_dky(b, tm, 0, ym), CF_BDF_SUCCESS);
        assert_int_equal(cf_bdf_dky(b, tm, 1, ypm), CF_BDF_SUCCESS);
        worst = fmax(worst, fabs(ym[0] - sin(tm)));
        worst = fmax(worst, fabs(ypm[0] - cos(tm)) * 0.1);
        t_prev = t;
        if (rc == CF_BDF_TSTOP) break;
    }
    assert_int_equal(rc, CF_BDF_TSTOP);
    assert_true(fabs(y[0] - sin(20.0)) < 1e-5);
    assert_true(fabs(y[1] - cos(20.0)) < 1e-5);
    assert_true(worst < 1e-5);
    /* outside the last step is refused */
    double out[2];
    assert_int_equal(cf_bdf_dky(b, 21.0, 0, out), CF_BDF_BAD_INPUT);
    cf_bdf_free(b);
}

static void test_algebraic_unknown(void **s)
{
    (void)s;
    problem p;
    cf_bdf *b = make(&p, DAE, 1e-7, 0);
    double y[2] = {0.5, 1.0}, yp[2] = {0.5, 0.0}; /* y0 = (cos t + sin t)/2 */
    assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
    run_to(b, 15.0, y, yp);
    assert_true(fabs(y[0] - 0.5 * (cos(15.0) + sin(15.0))) < 1e-5);
    assert_true(fabs(y[1] - cos(15.0)) < 1e-9); /* the constraint holds to Newton accuracy */
    cf_bdf_free(b);
}

/* A stiff decay onto a slow solution: the steps grow with the slow
 * solution's scale, not the fast one's (a explicit method would need
 * millions), and reuse the Jacobian across steps. */
static void test_stiff(void **s)
{
    (void)s;
    problem p;
    cf_bdf *b = make(&p, STIFF, 1e-6, 0);
    double y[1] = {2.0}, yp[1] = {-1e6};
    assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
    long steps = run_to(b, 10.0, y, yp);
    assert_true(fabs(y[0] - cos(10.0)) < 1e-4);
    assert_true(steps < 400);
    assert_true(p.setups < steps);
    cf_bdf_free(b);
}

static void test_roots(void **s)
{
    (void)s;
    problem p;
    cf_bdf *b = make(&p, RAMP, 1e-6, 1);
    int dir[2] = {1, -1};
    cf_bdf_set_root_directions(b, dir);
    double y[1] = {0.0}, yp[1] = {1.0}, t = 0.0;
    assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
    cf_bdf_set_stop_time(b, 3.0);
    int rc;
    while ((rc = cf_bdf_step(b, &t, y, yp)) == CF_BDF_SUCCESS) {
    }
    assert_int_equal(rc, CF_BDF_ROOT);
    assert_true(fabs(t - 0.5) < 1e-12);
    assert_true(fabs(y[0] - 0.5) < 1e-12);
    int info[2];
    cf_bdf_root_info(b, info);
    assert_int_equal(info[0], 1);
    assert_int_equal(info[1], 0); /* 0.25 was crossed rising, which g[1] does not watch */
    /* going on finds no further root and stops at the stop time */
    while ((rc = cf_bdf_step(b, &t, y, yp)) == CF_BDF_SUCCESS) {
    }
    assert_int_equal(rc, CF_BDF_TSTOP);
    assert_true(t == 3.0 && fabs(y[0] - 3.0) < 1e-9);
    cf_bdf_free(b);
}

static int refusing_residual(double t, const double *y, const double *yp, double *F, void *u)
{
    (void)u;
    F[0] = yp[0] + y[0];
    return t > 1.0 ? 1 : 0; /* a state the model cannot evaluate past t = 1 */
}

/* A model that refuses every state past t = 1: repeated Newton failures end
 * the integration with a code instead of an endless loop of shrinking steps. */
static void test_failure_is_reported(void **s)
{
    (void)s;
    problem p;
    memset(&p, 0, sizeof p);
    p.kind = DECAY;
    p.n = 1;
    cf_bdf_fns fns = {refusing_residual, setup, solve, NULL};
    cf_bdf *b = cf_bdf_new(1, 0, &fns, &p);
    double atol[1] = {1e-6}, y[1] = {1.0}, yp[1] = {-1.0}, t = 0.0;
    assert_int_equal(cf_bdf_set_tolerances(b, 1e-6, atol), CF_BDF_SUCCESS);
    assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_SUCCESS);
    cf_bdf_set_stop_time(b, 5.0);
    int rc;
    long n = 0;
    while ((rc = cf_bdf_step(b, &t, y, yp)) == CF_BDF_SUCCESS) n++;
    assert_true(rc < 0);
    assert_true(t <= 1.0);
    assert_true(n < 10000);
    cf_bdf_free(b);
    /* bad arguments */
    assert_null(cf_bdf_new(0, 0, &fns, &p));
    b = cf_bdf_new(1, 0, &fns, &p);
    atol[0] = -1.0;
    assert_int_equal(cf_bdf_set_tolerances(b, 1e-6, atol), CF_BDF_BAD_INPUT);
    y[0] = NAN;
    assert_int_equal(cf_bdf_reinit(b, 0.0, y, yp), CF_BDF_BAD_INPUT);
    cf_bdf_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decay_accuracy),    cmocka_unit_test(test_order_cap),
        cmocka_unit_test(test_oscillator_and_dense_output),
        cmocka_unit_test(test_algebraic_unknown), cmocka_unit_test(test_stiff),
        cmocka_unit_test(test_roots),             cmocka_unit_test(test_failure_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
