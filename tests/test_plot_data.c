/* test_plot_data.c — the numbers behind the plots (src/plot, library
 * cellforge_plot): nice axis ticks, dQ/dV against analytic curves, profile
 * snapshots at the solver steps nearest to the asked times (and holding the
 * electrolyte's lithium), and the recorder's charge integral.
 *
 * The plot library is linked only into the CLI, so its data sources are
 * compiled into this test directly; none of them draws anything. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "plot/dqdv.c"
#include "plot/recorder.c"
#include "plot/snapshots.c"
#include "plot/ticks.c"

/* ------------------------------------------------------------------ ticks */

static int is_nice(double step)
{
    double e = floor(log10(step)), m = step / pow(10, e);
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9 || fabs(m - 10) < 1e-9;
}

static void test_nice_ticks(void **state)
{
    (void)state;
    const double ranges[][2] = {{0, 4.94}, {2.5, 4.2}, {-0.013, 0.27}, {1e-6, 3e-6}, {-120, 5000}, {3.7, 3.7}, {0, 0}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        double t[16], lo, hi;
        int n = cf_plot_nice_ticks(ranges[r][0], ranges[r][1], 6, t, 16, &lo, &hi);
        assert_true(n >= 3 && n <= 12);
        double step = t[1] - t[0];
        assert_true(is_nice(step));
        assert_true(t[0] <= ranges[r][0] + 1e-12 && t[n - 1] >= ranges[r][1] - 1e-12);
        assert_true(lo == t[0] && hi == t[n - 1]);
        for (int i = 1; i < n; i++) assert_true(fabs(t[i] - t[i - 1] - step) < 1e-9 * fabs(step));
        if (ranges[r][1] > ranges[r][0]) /* the axis is not much wider than the data */
            assert_true(hi - lo < 2.5 * (ranges[r][1] - ranges[r][0]) + 2 * step);
    }
}

static void test_tick_labels(void **state)
{
    (void)state;
    char b[32];
    cf_plot_format_tick(2.5, 0.5, b, sizeof b);
    assert_string_equal(b, "2.5");
    cf_plot_format_tick(3, 1, b, sizeof b);
    assert_string_equal(b, "3");
    cf_plot_format_tick(0.04, 0.02, b, sizeof b);
    assert_string_equal(b, "0.04");
    cf_plot_format_tick(-0.0, 0.1, b, sizeof b);
    assert_string_equal(b, "0.0");
    cf_plot_format_tick(2e-6, 1e-6, b, sizeof b);
    assert_string_equal(b, "2e-06");
}

/* ------------------------------------------------------------------ dQ/dV */

/* A logistic step Q(V) = Qt / (1 + exp((V - V0)/w)) sampled as a constant
 * current discharge would (uniform in Q): |dQ/dV| peaks at V0 with height
 * Qt/(4w), and its area is the charge passed. */
static void test_dqdv_logistic(void **state)
{
    (void)state;
    const double Qt = 5, V0 = 3.5, w = 0.05;
    const size_t n = 400;
    double *v = malloc(n * sizeof *v), *q = malloc(n * sizeof *q);
    for (size_t i = 0; i < n; i++) {
        q[i] = Qt * (0.001 + 0.998 * (double)i / (double)(n - 1));
        v[i] = V0 + w * log(Qt / q[i] - 1);
    }
    double *gv, *d;
    size_t m = cf_plot_dqdv(v, q, n, CF_DQDV_GRID_V, CF_DQDV_SIGMA_V, &gv, &d);
    assert_true(m > 100);
    size_t peak = 0;
    double area = 0;
    for (size_t i = 0; i < m; i++) {
        if (d[i] > d[peak]) peak = i;
        if (i) area += 0.5 * (d[i] + d[i - 1]) * fabs(gv[i] - gv[i - 1]);
    }
    assert_true(gv[0] > gv[m - 1]); /* discharge: the grid runs down in voltage */
    assert_true(fabs(gv[peak] - V0) < 0.003);
    assert_true(fabs(d[peak] - Qt / (4 * w)) < 0.02 * Qt / (4 * w));
    assert_true(fabs(area - (q[n - 1] - q[0])) < 0.01 * (q[n - 1] - q[0]));
    free(gv);
    free(d);

    /* the same curve charged (voltage rising) gives the same peak */
    for (size_t i = 0; i < n / 2; i++) {
        double tv = v[i], tq = q[i];
        v[i] = v[n - 1 - i], q[i] = q[n - 1 - i];
        v[n - 1 - i] = tv, q[n - 1 - i] = tq;
    }
    m = cf_plot_dqdv(v, q, n, CF_DQDV_GRID_V, CF_DQDV_SIGMA_V, &gv, &d);
    peak = 0;
    for (size_t i = 0; i < m; i++)
        if (d[i] > d[peak]) peak = i;
    assert_true(gv[0] < gv[m - 1]);
    assert_true(fabs(gv[peak] - V0) < 0.003);
    free(gv);
    free(d);
    free(v);
    free(q);
}

/* A straight Q(V) has one slope everywhere, ends included (the kernel is
 * renormalised there), however unevenly it is sampled. */
static void test_dqdv_linear(void **state)
{
    (void)state;
    const size_t n = 57;
    double v[57], q[57];
    for (size_t i = 0; i < n; i++) {
        double s = (double)i / (double)(n - 1);
        v[i] = 4.0 - 1.0 * s * s; /* uneven steps */
        q[i] = 2.0 * (4.0 - v[i]);
    }
    double *gv, *d;
    size_t m = cf_plot_dqdv(v, q, n, CF_DQDV_GRID_V, CF_DQDV_SIGMA_V, &gv, &d);
    assert_true(m >= 400);
    for (size_t i = 0; i < m; i++) assert_true(fabs(d[i] - 2.0) < 1e-9);
    free(gv);
    free(d);
    /* too short to differentiate: nothing, not garbage */
    double vs[3] = {4.0, 3.999, 3.998}, qs[3] = {0, 1, 2};
    assert_int_equal(cf_plot_dqdv(vs, qs, 3, CF_DQDV_GRID_V, CF_DQDV_SIGMA_V, &gv, &d), 0);
    assert_null(gv);
}

/* -------------------------------------------------------------- snapshots */

static cf_plan *dfn_plan(cf_cell **cell)
{
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(*cell, &opt, &plan, &err), 0);
    return plan;
}

static double nearest_row_time(const cf_solution *s, double target)
{
    double best = s->t[0];
    for (size_t i = 1; i < s->n; i++)
        if (fabs(s->t[i] - target) < fabs(best - target)) best = s->t[i];
    return best;
}

/* Lithium in the electrolyte, sum of eps c dx over the cells (mol/m2). */
static double electrolyte_li(const cf_cell *c, const cf_plot_snapshot *sn)
{
    double sum = 0;
    for (int k = 0; k < sn->n_x; k++) {
        double x = sn->x_m[k], eps, dx;
        if (x < c->neg.thickness_m) eps = c->neg.porosity, dx = c->neg.thickness_m / 10;
        else if (x < c->neg.thickness_m + c->sep.thickness_m) eps = c->sep.porosity, dx = c->sep.thickness_m / 10;
        else eps = c->pos.porosity, dx = c->pos.thickness_m / 10;
        sum += eps * dx * sn->c_e[k];
    }
    return sum;
}

static void test_snapshots_nearest_step(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_plan *plan = dfn_plan(&cell);
    const double times[] = {1800, 0, 600, 1e6}; /* unsorted on purpose */
    cf_plot_snapshots *s;
    cf_error err;
    assert_int_equal(cf_plot_snapshots_new(times, 4, 5, &s, &err), 0);
    cf_plan_set_observer(plan, cf_plot_snapshots_observe, s);
    cf_solution *sol;
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), 0);
    assert_int_equal(cf_plot_snapshots_finish(s, &err), 0);
    assert_int_equal(cf_plot_snapshots_count(s), 4);
    const double sorted[] = {0, 600, 1800, 1e6};
    cf_plot_snapshot sn = {0};
    double li0 = 0;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(cf_plot_snapshots_get(s, i, &sn), 0);
        assert_true(sn.target_s == sorted[i]);
        /* one row per solver step (no output_dt): the nearest row is the
         * nearest step */
        assert_true(sn.t_s == nearest_row_time(sol, sorted[i]));
        assert_int_equal(sn.n_x, 30);
        assert_int_equal(sn.n_neg, 10);
        assert_int_equal(sn.n_pos, 10);
        double li = electrolyte_li(cell, &sn);
        if (i == 0) li0 = li;
        assert_true(fabs(li - li0) < 1e-6 * li0); /* the electrolyte keeps its lithium */
        for (int k = 0; k < sn.n_neg; k++) assert_true(sn.sto_neg[k] > 0 && sn.sto_neg[k] < 1);
    }
    assert_true(fabs(li0 - cell->electrolyte.c_init * (cell->neg.porosity * cell->neg.thickness_m +
                                                       cell->sep.porosity * cell->sep.thickness_m +
                                                       cell->pos.porosity * cell->pos.thickness_m)) <
                1e-6 * li0);
    /* during discharge lithium ions are made in the negative and used in the
     * positive: the salt piles up on the negative side */
    assert_int_equal(cf_plot_snapshots_get(s, 2, &sn), 0);
    assert_true(sn.c_e[0] > cell->electrolyte.c_init && sn.c_e[29] < cell->electrolyte.c_init);
    /* and the negative's surface has less lithium than at the start */
    cf_plot_snapshot first = {0};
    cf_plot_snapshots_get(s, 0, &first);
    assert_true(sn.sto_neg[9] < first.sto_neg[9]);
    /* a time past the end gets the last step */
    assert_int_equal(cf_plot_snapshots_get(s, 3, &sn), 0);
    assert_true(sn.t_s == sol->t[sol->n - 1]);
    cf_plot_snapshots_free(s);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

static void test_snapshots_default_times(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_plan *plan = dfn_plan(&cell);
    cf_plot_snapshots *s;
    cf_error err;
    assert_int_equal(cf_plot_snapshots_new(NULL, 0, 5, &s, &err), 0);
    cf_plan_set_observer(plan, cf_plot_snapshots_observe, s);
    cf_solution *sol;
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), 0);
    assert_true(sol->n < CF_SNAP_STORE); /* every step was kept: nearest is exact */
    assert_int_equal(cf_plot_snapshots_finish(s, &err), 0);
    assert_int_equal(cf_plot_snapshots_count(s), 5);
    double t_end = sol->t[sol->n - 1];
    cf_plot_snapshot sn = {0};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(cf_plot_snapshots_get(s, i, &sn), 0);
        assert_true(fabs(sn.target_s - t_end * (double)i / 4) < 1e-9 * t_end);
        assert_true(sn.t_s == nearest_row_time(sol, sn.target_s));
    }
    cf_plot_snapshots_free(s);
    cf_solution_free(sol);

    /* A run longer than the store: the snapshots are still solver steps,
     * the ends exact, the others within the store's spacing. */
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse("Discharge at 2C until 2.5 V; Rest for 10 minutes; Charge at 2C until 4.2 V; "
                                       "Rest for 10 minutes; Discharge at 2C until 2.5 V; Rest for 10 minutes; "
                                       "Charge at 2C until 4.2 V; Rest for 10 minutes; Discharge at 2C until 2.5 V",
                                       &proto, &err),
                     0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    opt.max_step_s = 2; /* many small steps */
    cf_plan *spm;
    assert_int_equal(cf_plan_new(cell, &opt, &spm, &err), 0);
    assert_int_equal(cf_plot_snapshots_new(NULL, 0, 7, &s, &err), 0);
    cf_plan_set_observer(spm, cf_plot_snapshots_observe, s);
    assert_int_equal(cf_simulate_protocol(spm, proto, NULL, &sol, NULL, &err), 0);
    assert_true(sol->n > 2 * CF_SNAP_STORE);
    assert_int_equal(cf_plot_snapshots_finish(s, &err), 0);
    t_end = sol->t[sol->n - 1];
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(cf_plot_snapshots_get(s, i, &sn), 0);
        int is_row = 0;
        for (size_t k = 0; k < sol->n; k++) is_row |= sol->t[k] == sn.t_s;
        assert_true(is_row);
        assert_true(fabs(sn.t_s - sn.target_s) <= 4 * t_end / CF_SNAP_STORE);
    }
    cf_plot_snapshots_get(s, 0, &sn);
    assert_true(sn.t_s == sol->t[0]);
    cf_plot_snapshots_get(s, 6, &sn);
    assert_true(sn.t_s == t_end);
    cf_plot_snapshots_free(s);
    cf_solution_free(sol);
    cf_plan_free(spm);
    cf_protocol_free(proto);

    /* bad requests are refused with a message */
    double bad[] = {-1};
    assert_int_equal(cf_plot_snapshots_new(bad, 1, 5, &s, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, ">= 0"));
    assert_int_equal(cf_plot_snapshots_new(NULL, 0, 0, &s, &err), CF_EINVAL);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

/* --------------------------------------------------------------- recorder */

static void test_recorder(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_plan *plan = dfn_plan(&cell);
    cf_plot_recorder *r;
    cf_error err;
    assert_int_equal(cf_plot_recorder_new(0, &r, &err), 0);
    cf_plan_set_observer(plan, cf_plot_recorder_observe, r);
    cf_solution *a, *b;
    assert_int_equal(cf_simulate_crate(plan, 1.0, &a, &err), 0);
    assert_int_equal(cf_simulate_crate(plan, 2.0, &b, &err), 0); /* resets: a second run */
    assert_int_equal(cf_plot_recorder_runs(r), 2);
    const cf_solution *ra = cf_plot_recorder_run(r, 0), *rb = cf_plot_recorder_run(r, 1);
    /* trapezoids over the solver steps give the solver's own charge */
    assert_true(fabs(ra->capacity_Ah[ra->n - 1] - a->capacity_Ah[a->n - 1]) < 1e-3 * a->capacity_Ah[a->n - 1]);
    assert_true(fabs(rb->capacity_Ah[rb->n - 1] - b->capacity_Ah[b->n - 1]) < 1e-3 * b->capacity_Ah[b->n - 1]);
    assert_true(fabs(ra->t[ra->n - 1] - a->t[a->n - 1]) < 1e-9);
    assert_true(rb->capacity_Ah[rb->n - 1] < ra->capacity_Ah[ra->n - 1]); /* less at 2C than at 1C */
    assert_false(cf_plot_recorder_failed(r));
    cf_plot_recorder_free(r);
    cf_solution_free(a);
    cf_solution_free(b);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_tick_labels),
        cmocka_unit_test(test_dqdv_logistic),
        cmocka_unit_test(test_dqdv_linear),
        cmocka_unit_test(test_snapshots_nearest_step),
        cmocka_unit_test(test_snapshots_default_times),
        cmocka_unit_test(test_recorder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
