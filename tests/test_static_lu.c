/* test_static_lu.c — the fixed-order sparse LU (src/solver/static_lu.c)
 * solves the plans' Newton systems as KLU does, falls back to KLU when its
 * order meets a zero pivot, and hands over patterns whose fill would be too
 * large; whole simulations agree with KLU's to within the tolerances. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sunlinsol/sunlinsol_klu.h>

#include "cellforge/cellforge.h"
#include "model/plan_internal.h"
#include "solver/static_lu.h"

/* Componentwise backward error of x for A x = b: the smallest relative change
 * of A's entries and b's that x solves exactly (Oettli–Prager). */
static double backward_error(SUNMatrix A, N_Vector xv, N_Vector bv)
{
    sunindextype n = SM_ROWS_S(A), *ptr = SM_INDEXPTRS_S(A), *col = SM_INDEXVALS_S(A);
    const double *x = N_VGetArrayPointer(xv), *b = N_VGetArrayPointer(bv), *a = SM_DATA_S(A);
    double worst = 0.0;
    for (sunindextype i = 0; i < n; i++) {
        double r = -b[i], scale = fabs(b[i]);
        for (sunindextype k = ptr[i]; k < ptr[i + 1]; k++) {
            r += a[k] * x[col[k]];
            scale += fabs(a[k] * x[col[k]]);
        }
        if (scale > 0) worst = fmax(worst, fabs(r) / scale);
    }
    return worst;
}

/* Solves J x = b for a random b with the plan's solver and with a KLU of its
 * own on a copy of J.  Returns the plan solver's backward error; the
 * difference from KLU's solution, relative to its largest entry, goes to
 * *diff (it is only small where J is well conditioned). */
static double solve_and_compare(cf_plan *p, double cj, int algebraic_ic, double *diff)
{
    int n = p->n;
    double *y = N_VGetArrayPointer(p->y), *yp = N_VGetArrayPointer(p->yp);
    cf_plan_fill_jacobian(p, 0.0, y, yp, cj, p->J);
    if (algebraic_ic) { /* the consistent initialisation's matrix: identity differential rows */
        const double *id = N_VGetArrayPointer(p->id);
        sunindextype *ptr = SM_INDEXPTRS_S(p->J), *col = SM_INDEXVALS_S(p->J);
        for (int i = 0; i < n; i++)
            if (id[i] != 0.0)
                for (sunindextype k = ptr[i]; k < ptr[i + 1]; k++) SM_DATA_S(p->J)[k] = col[k] == i ? 1.0 : 0.0;
    }
    SUNMatrix Jk = SUNMatClone(p->J);
    assert_non_null(Jk);
    assert_int_equal(SUNMatCopy(p->J, Jk), 0);
    N_Vector b = N_VClone(p->y), x = N_VClone(p->y), xk = N_VClone(p->y);
    srand(11);
    for (int i = 0; i < n; i++) N_VGetArrayPointer(b)[i] = (double)rand() / RAND_MAX - 0.5;
    SUNLinearSolver klu = SUNLinSol_KLU(p->y, Jk, p->ctx);
    assert_int_equal(SUNLinSolInitialize(klu), 0);
    assert_int_equal(SUNLinSolSetup(klu, Jk), 0);
    assert_int_equal(SUNLinSolSolve(klu, Jk, xk, b, 0.0), 0);
    assert_int_equal(SUNLinSolInitialize(p->LS), 0);
    assert_int_equal(SUNLinSolSetup(p->LS, p->J), 0);
    assert_int_equal(SUNLinSolSolve(p->LS, p->J, x, b, 0.0), 0);
    double scale = 0.0, d = 0.0;
    for (int i = 0; i < n; i++) scale = fmax(scale, fabs(N_VGetArrayPointer(xk)[i]));
    for (int i = 0; i < n; i++) d = fmax(d, fabs(N_VGetArrayPointer(x)[i] - N_VGetArrayPointer(xk)[i]));
    *diff = d / scale;
    double berr = backward_error(p->J, x, b);
    SUNLinSolFree(klu);
    SUNMatDestroy(Jk);
    N_VDestroy(b);
    N_VDestroy(x);
    N_VDestroy(xk);
    return berr;
}

static cf_discretisation g_disc = CF_DISC_FV; /* of the next make_plan */
static cf_thermal_mode g_thermal = CF_THERMAL_ISOTHERMAL;

static cf_plan *make_plan(const char *cell_name, cf_model_kind kind, int blend_expanding)
{
    cf_cell *cell;
    cf_error err;
    if (cell_name[0] == '/') assert_int_equal(cf_cell_load(cell_name, &cell, &err), 0);
    else assert_int_equal(cf_cell_builtin(cell_name, &cell, &err), 0);
    if (blend_expanding) { /* two phases per electrode, the negative's swelling */
        cf_electrode *es[2] = {&cell->neg, &cell->pos};
        for (int s = 0; s < 2; s++) {
            es[s]->n_phases = 2;
            es[s]->phase[1] = es[s]->phase[0];
            es[s]->phase[1].active_fraction = 0.3 * es[s]->phase[0].active_fraction;
            es[s]->phase[0].active_fraction *= 0.7;
            es[s]->phase[1].particle_radius_m *= 0.5;
        }
        cell->neg.phase[0].volume_expansion = 0.1;
        cell->neg.phase[1].volume_expansion = 0.3;
    }
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.discretisation = g_disc;
    opt.thermal = g_thermal;
    if (g_disc == CF_DISC_SPECTRAL) opt.nr_neg = opt.nr_pos = 8;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    cf_cell_free(cell);
    return p;
}

/* well_conditioned: also require the solution to equal KLU's (not only a
 * backward-stable one: near-singular systems allow many). */
static void check_plan(cf_plan *p, cf_control_mode mode, double value, int well_conditioned)
{
    cf_segment_init(&p->seg, mode, value);
    const double cjs[] = {1e-4, 0.3, 50.0, 0.0};
    for (int k = 0; k < 4; k++) {
        double diff, berr = solve_and_compare(p, cjs[k], k == 3, &diff);
        if (berr > 1e-13 || (well_conditioned && diff > 1e-9))
            print_message("cj %g: backward error %.3g, difference from KLU %.3g\n", cjs[k], berr, diff);
        assert_true(berr < 1e-13);
        if (well_conditioned) assert_true(diff < 1e-9);
    }
    cf_static_lu_stats st;
    cf_static_lu_get_stats(p->LS, &st);
    /* the node-by-node order makes almost no fill, and needs no pivoting */
    assert_true(st.fill_nnz > 0 && st.fill_nnz < 2 * (long)p->jac.nnz);
    assert_int_equal(st.fallbacks, 0);
}

static void test_dfn_controls(void **s)
{
    (void)s;
    cf_plan *p = make_plan("chen2020", CF_MODEL_DFN, 0);
    check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
    check_plan(p, CF_CONTROL_VOLTAGE, 3.9, 1); /* the control row has no dI entry of its own */
    check_plan(p, CF_CONTROL_POWER, 15.0, 1);
    check_plan(p, CF_CONTROL_RESISTANCE, 0.8, 1);
    cf_plan_free(p);
}

static void test_spm_spme(void **s)
{
    (void)s;
    cf_plan *p = make_plan("chen2020", CF_MODEL_SPM, 0);
    check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
    check_plan(p, CF_CONTROL_VOLTAGE, 3.9, 1);
    cf_plan_free(p);
    p = make_plan("chen2020", CF_MODEL_SPME, 1);
    check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
    cf_plan_free(p);
}

static void test_blend_expansion_dfn(void **s)
{
    (void)s;
    cf_plan *p = make_plan("chen2020", CF_MODEL_DFN, 1);
    check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
    cf_plan_free(p);
}

static void test_lithium_metal_reservoir(void **s)
{
    (void)s;
    cf_plan *p = make_plan(CF_SOURCE_DIR "/examples/li_reservoir_cell.json", CF_MODEL_DFN, 0);
    check_plan(p, CF_CONTROL_CURRENT, 0.5, 0);
    cf_plan_free(p);
}

/* Spectral particles: dense blocks, eliminated in the node order without
 * fill outside them (the fill bound of check_plan) and without pivoting. */
static void test_spectral(void **s)
{
    (void)s;
    g_disc = CF_DISC_SPECTRAL;
    cf_plan *p = make_plan("chen2020", CF_MODEL_DFN, 0);
    check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
    check_plan(p, CF_CONTROL_VOLTAGE, 3.9, 1);
    cf_plan_free(p);
    p = make_plan("chen2020", CF_MODEL_DFN, 1);
    check_plan(p, CF_CONTROL_POWER, 15.0, 1);
    cf_plan_free(p);
    p = make_plan("chen2020", CF_MODEL_SPME, 0);
    check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
    cf_plan_free(p);
    g_disc = CF_DISC_FV;
}

/* A lumped temperature enters every row and its row reads every reaction:
 * it is eliminated last as the border (a Schur complement), the rest keeps
 * the isothermal pattern's fill, and the solves agree with KLU's. */
static void test_lumped_thermal_border(void **s)
{
    (void)s;
    const cf_model_kind kinds[] = {CF_MODEL_DFN, CF_MODEL_SPME, CF_MODEL_SPM};
    for (int k = 0; k < 3; k++) {
        long fill[2];
        for (int th = 0; th < 2; th++) {
            g_thermal = th ? CF_THERMAL_LUMPED : CF_THERMAL_ISOTHERMAL;
            cf_plan *p = make_plan("chen2020", kinds[k], 0);
            if (th) {
                double *y = N_VGetArrayPointer(p->y);
                y[p->iT] = 318.15; /* away from T_ref: every Arrhenius derivative non-zero */
            }
            check_plan(p, CF_CONTROL_CURRENT, 5.0, 1);
            check_plan(p, CF_CONTROL_VOLTAGE, 3.9, 1);
            cf_static_lu_stats st;
            cf_static_lu_get_stats(p->LS, &st);
            assert_int_equal(st.border, th);
            fill[th] = st.fill_nnz;
            cf_plan_free(p);
        }
        assert_int_equal(fill[0], fill[1]);
    }
    g_thermal = CF_THERMAL_ISOTHERMAL;
}

/* Whole discharges: the same steps and voltages as with KLU. */
static void test_simulation_matches_klu(void **s)
{
    (void)s;
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_solution *sol[2];
    for (int k = 0; k < 2; k++) {
        cf_model_options opt;
        cf_model_options_default(&opt);
        opt.linear_solver = k == 0 ? CF_LINSOL_AUTO : CF_LINSOL_KLU;
        cf_plan *p;
        assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
        assert_int_equal(cf_simulate_crate(p, 2.0, &sol[k], &err), 0);
        cf_plan_free(p);
    }
    assert_true(fabs(sol[0]->capacity_Ah[sol[0]->n - 1] - sol[1]->capacity_Ah[sol[1]->n - 1]) < 1e-6);
    assert_true(fabs(sol[0]->t[sol[0]->n - 1] - sol[1]->t[sol[1]->n - 1]) < 1e-3);
    int m = sol[0]->n < sol[1]->n ? sol[0]->n : sol[1]->n;
    for (int i = 0; i < m; i++)
        if (fabs(sol[0]->t[i] - sol[1]->t[i]) < 1e-9)
            assert_true(fabs(sol[0]->voltage[i] - sol[1]->voltage[i]) < 1e-6);
    cf_solution_free(sol[0]);
    cf_solution_free(sol[1]);
    cf_cell_free(cell);
}

/* A hand-made CSR system for the pivot and fill hand-overs. */
typedef struct {
    SUNContext ctx;
    SUNMatrix A;
    N_Vector x, b;
    SUNLinearSolver S;
} small_system;

static void small_system_new(small_system *m, int n, int nnz)
{
    assert_int_equal(SUNContext_Create(NULL, &m->ctx), 0);
    m->A = SUNSparseMatrix(n, n, nnz, CSR_MAT, m->ctx);
    m->x = N_VNew_Serial(n, m->ctx);
    m->b = N_VNew_Serial(n, m->ctx);
    assert_true(m->A && m->x && m->b);
}

static double small_system_residual(small_system *m)
{
    sunindextype n = SM_ROWS_S(m->A), *ptr = SM_INDEXPTRS_S(m->A), *col = SM_INDEXVALS_S(m->A);
    double worst = 0.0, *x = N_VGetArrayPointer(m->x), *b = N_VGetArrayPointer(m->b);
    for (sunindextype i = 0; i < n; i++) {
        double r = -b[i];
        for (sunindextype k = ptr[i]; k < ptr[i + 1]; k++) r += SM_DATA_S(m->A)[k] * x[col[k]];
        worst = fmax(worst, fabs(r));
    }
    return worst;
}

static void small_system_free(small_system *m)
{
    SUNLinSolFree(m->S);
    SUNMatDestroy(m->A);
    N_VDestroy(m->x);
    N_VDestroy(m->b);
    SUNContext_Free(&m->ctx);
}

/* A permutation matrix with a zero first pivot in every order without
 * pivoting: the solver must hand the factorisation to KLU and still solve. */
static void test_zero_pivot_falls_back(void **s)
{
    (void)s;
    small_system m;
    small_system_new(&m, 3, 4);
    sunindextype ptr[] = {0, 2, 3, 4}, col[] = {1, 2, 0, 2};
    double val[] = {2.0, 1.0, 3.0, 4.0}; /* [[0 2 1], [3 0 0], [0 0 4]] */
    memcpy(SM_INDEXPTRS_S(m.A), ptr, sizeof ptr);
    memcpy(SM_INDEXVALS_S(m.A), col, sizeof col);
    memcpy(SM_DATA_S(m.A), val, sizeof val);
    m.S = cf_static_lu_new(m.x, m.A, m.ctx);
    assert_non_null(m.S);
    for (int i = 0; i < 3; i++) N_VGetArrayPointer(m.b)[i] = i + 1.0;
    assert_int_equal(SUNLinSolInitialize(m.S), 0);
    assert_int_equal(SUNLinSolSetup(m.S, m.A), 0);
    assert_int_equal(SUNLinSolSolve(m.S, m.A, m.x, m.b, 0.0), 0);
    assert_true(small_system_residual(&m) < 1e-12);
    cf_static_lu_stats st;
    cf_static_lu_get_stats(m.S, &st);
    assert_int_equal(st.fallbacks, 1);
    assert_int_equal(st.factorisations, 0);
    small_system_free(&m);
}

/* Random sparse rows fill in almost completely without an ordering: the
 * solver gives the pattern to KLU from the start, and solves it correctly. */
static void test_large_fill_uses_klu(void **s)
{
    (void)s;
    enum { N = 600, PER_ROW = 6 };
    small_system m;
    small_system_new(&m, N, N * PER_ROW);
    sunindextype *ptr = SM_INDEXPTRS_S(m.A), *col = SM_INDEXVALS_S(m.A);
    srand(3);
    ptr[0] = 0;
    for (int i = 0; i < N; i++) {
        int cols[PER_ROW];
        cols[0] = i;
        for (int k = 1; k < PER_ROW; k++) {
            int c, dup;
            do {
                c = rand() % N;
                dup = 0;
                for (int j = 0; j < k; j++) dup |= cols[j] == c;
            } while (dup);
            cols[k] = c;
        }
        for (int k = 0; k < PER_ROW; k++) {
            col[i * PER_ROW + k] = cols[k];
            SM_DATA_S(m.A)[i * PER_ROW + k] = cols[k] == i ? 10.0 : (double)rand() / RAND_MAX;
        }
        ptr[i + 1] = (i + 1) * PER_ROW;
    }
    m.S = cf_static_lu_new(m.x, m.A, m.ctx);
    assert_non_null(m.S);
    cf_static_lu_stats st;
    cf_static_lu_get_stats(m.S, &st);
    assert_int_equal(st.fill_nnz, 0);
    for (int i = 0; i < N; i++) N_VGetArrayPointer(m.b)[i] = sin(i);
    assert_int_equal(SUNLinSolInitialize(m.S), 0);
    assert_int_equal(SUNLinSolSetup(m.S, m.A), 0);
    assert_int_equal(SUNLinSolSolve(m.S, m.A, m.x, m.b, 0.0), 0);
    assert_true(small_system_residual(&m) < 1e-10);
    small_system_free(&m);
}

/* A tridiagonal system with a dense last row and column (an arrow): the
 * arrow's unknown is the border; the solution is A's to round-off. */
static void test_arrow_border(void **s)
{
    (void)s;
    enum { N = 60 };
    small_system m;
    small_system_new(&m, N, 5 * N);
    sunindextype *ptr = SM_INDEXPTRS_S(m.A), *col = SM_INDEXVALS_S(m.A);
    double *a = SM_DATA_S(m.A);
    int q = 0;
    ptr[0] = 0;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            int in = i == N - 1 || j == N - 1 || abs(i - j) <= 1;
            if (!in) continue;
            col[q] = j;
            a[q++] = i == j ? 4.0 + 0.01 * i : (i == N - 1 || j == N - 1 ? 0.3 * sin(i + 2.0 * j) : -1.0);
        }
        ptr[i + 1] = q;
    }
    int border = N - 1;
    m.S = cf_static_lu_new_bordered(m.x, m.A, m.ctx, &border, 1);
    assert_non_null(m.S);
    for (int i = 0; i < N; i++) N_VGetArrayPointer(m.b)[i] = cos(0.7 * i);
    assert_int_equal(SUNLinSolInitialize(m.S), 0);
    assert_int_equal(SUNLinSolSetup(m.S, m.A), 0);
    assert_int_equal(SUNLinSolSolve(m.S, m.A, m.x, m.b, 0.0), 0);
    assert_true(small_system_residual(&m) < 1e-13);
    /* in place (x and b the same vector), as the integrators may call it */
    N_VScale(1.0, m.b, m.x);
    assert_int_equal(SUNLinSolSolve(m.S, m.A, m.x, m.x, 0.0), 0);
    assert_true(small_system_residual(&m) < 1e-13);
    cf_static_lu_stats st;
    cf_static_lu_get_stats(m.S, &st);
    assert_int_equal(st.border, 1);
    assert_int_equal(st.fallbacks, 0);
    small_system_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfn_controls),          cmocka_unit_test(test_spm_spme),
        cmocka_unit_test(test_blend_expansion_dfn),   cmocka_unit_test(test_lithium_metal_reservoir),
        cmocka_unit_test(test_simulation_matches_klu), cmocka_unit_test(test_zero_pivot_falls_back),
        cmocka_unit_test(test_large_fill_uses_klu),   cmocka_unit_test(test_spectral),
        cmocka_unit_test(test_lumped_thermal_border), cmocka_unit_test(test_arrow_border),

    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
