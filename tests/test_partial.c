/* test_partial.c — a run that stops early keeps what it computed: the rows
 * up to the stop (identical to the same rows of a run without the stop), the
 * cycles, and how it ended (reason, step, time); the run budgets; output rows
 * on every multiple of --output-dt for every model and a drive cycle. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"

static cf_plan *new_plan(cf_cell **cell, cf_model_kind kind, long max_steps, double max_wall_s, double output_dt,
                         double rtol)
{
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
    opt.max_steps = max_steps;
    opt.max_wall_s = max_wall_s;
    opt.output_dt_s = output_dt;
    opt.rtol = opt.atol = rtol;
    cf_plan *plan = NULL;
    assert_int_equal(cf_plan_new(*cell, &opt, &plan, &err), 0);
    return plan;
}

typedef struct {
    int rc;
    cf_error err;
    cf_solution *sol;
    cf_experiment_result *res;
} outcome;

static outcome run_text(cf_model_kind kind, long max_steps, double max_wall_s, const char *text)
{
    cf_cell *cell;
    cf_plan *plan = new_plan(&cell, kind, max_steps, max_wall_s, 0, 1e-6);
    cf_protocol *proto;
    outcome o;
    memset(&o, 0, sizeof o);
    assert_int_equal(cf_protocol_parse(text, &proto, &o.err), 0);
    o.rc = cf_simulate_protocol(plan, proto, NULL, &o.sol, &o.res, &o.err);
    cf_protocol_free(proto);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return o;
}

static void outcome_free(outcome *o)
{
    cf_solution_free(o->sol);
    cf_experiment_result_free(o->res);
}

static const char *PROTOCOL = "Discharge at 1C for 20 minutes; Rest for 10 minutes; Charge at 1C until 4.1 V";

/* A step budget spent in the middle of step 2: the error, and with it every
 * row up to there, the same rows as the complete run's, and the cycles. */
static void test_failure_keeps_rows(void **state)
{
    (void)state;
    outcome full = run_text(CF_MODEL_SPM, 0, 0, PROTOCOL);
    assert_int_equal(full.rc, CF_OK);
    assert_true(full.sol->end.completed);
    assert_int_equal(full.sol->end.reason, CF_END_COMPLETED);
    assert_int_equal(full.sol->end.step, 2); /* the last step ran to its end */
    assert_true(full.sol->end.t_s == full.sol->t[full.sol->n - 1]);
    /* the budget falls inside step 2 (the rest) */
    size_t rest_first = 0;
    while (full.sol->step[rest_first] != 1) rest_first++;
    long budget = (long)rest_first + 3; /* one row per solver step, plus a start row per step */

    outcome part = run_text(CF_MODEL_SPM, budget, 0, PROTOCOL);
    assert_int_equal(part.rc, CF_ELIMIT);
    assert_non_null(part.sol);
    assert_non_null(part.res);
    const cf_run_end *e = &part.sol->end;
    assert_false(e->completed);
    assert_int_equal(e->reason, CF_END_STEP_LIMIT);
    assert_string_equal(cf_end_reason_code(e->reason), "step_limit");
    assert_int_equal(e->status, CF_ELIMIT);
    assert_int_equal(e->step, 1);
    assert_string_equal(e->step_text, "Rest for 10 minutes");
    assert_true(e->t_s == part.sol->t[part.sol->n - 1]);
    assert_non_null(strstr(e->message, "max-steps"));
    /* the error names the step as before */
    assert_non_null(strstr(part.err.where, "step 2 (cycle 2): Rest for 10 minutes"));
    /* the rows are the complete run's first rows, bit for bit */
    assert_true(part.sol->n > rest_first && part.sol->n < full.sol->n);
    for (size_t i = 0; i < part.sol->n; i++) {
        assert_true(part.sol->t[i] == full.sol->t[i]);
        assert_true(part.sol->voltage[i] == full.sol->voltage[i]);
        assert_true(part.sol->capacity_Ah[i] == full.sol->capacity_Ah[i]);
        assert_int_equal(part.sol->step[i], full.sol->step[i]);
    }
    /* the cycles: the first whole, the second up to the stop */
    assert_true(part.res->stopped_early);
    assert_non_null(strstr(part.res->note, "Rest for 10 minutes"));
    assert_int_equal(part.res->n, 2);
    assert_true(fabs(part.res->cycles[0].discharge_Ah - full.res->cycles[0].discharge_Ah) < 1e-12);
    assert_true(part.res->cycles[1].duration_s > 0 && part.res->cycles[1].duration_s < 600);
    /* the process record is computed from the rows kept */
    assert_true(isfinite(part.res->process.min_positive_potential_V));
    outcome_free(&part);
    outcome_free(&full);
}

/* A constant-rate run out of budget returns its rows too. */
static void test_crate_failure_keeps_rows(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_error err;
    cf_plan *plan = new_plan(&cell, CF_MODEL_SPME, 25, 0, 0, 1e-6);
    cf_solution *sol = NULL;
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), CF_ELIMIT);
    assert_non_null(sol);
    assert_int_equal(sol->n, 26); /* the start row and one per step */
    assert_false(sol->end.completed);
    assert_int_equal(sol->end.reason, CF_END_STEP_LIMIT);
    assert_int_equal(sol->end.step, 0);
    assert_true(sol->end.t_s == sol->t[sol->n - 1] && sol->t[sol->n - 1] > 0);
    cf_solution_free(sol);
    /* nothing computed, nothing returned: a rate beyond the cell at the start */
    sol = NULL;
    assert_int_not_equal(cf_simulate_crate(plan, -1.0, &sol, &err), CF_OK); /* charging a full cell */
    assert_null(sol);
    /* and without the budget the same run completes, ending at its cut-off */
    cf_plan_free(plan);
    cf_cell_free(cell);
    plan = new_plan(&cell, CF_MODEL_SPME, 0, 0, 0, 1e-6);
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), CF_OK);
    assert_true(sol->end.completed);
    assert_int_equal(sol->end.reason, CF_END_COMPLETED);
    assert_true(sol->end.t_s == sol->t[sol->n - 1]);
    assert_true(sol->n > 26);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

/* With output rows on a grid, a failure's last accepted state is a row too:
 * the rows reach the time of the stop, and match the complete run there. */
static void test_failure_row_on_a_grid(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_error err;
    /* a budget that ends the run a few rows in (spectral particles spend
     * ~80 steps on the discharge's start at rtol 1e-6, FV's ~10) */
    cf_plan *plan = new_plan(&cell, CF_MODEL_SPM, 120, 0, 60.0, 1e-6);
    cf_solution *sol = NULL;
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), CF_ELIMIT);
    assert_non_null(sol);
    size_t n = sol->n;
    assert_true(n >= 3);
    double t_stop = sol->t[n - 1];
    assert_true(sol->end.t_s == t_stop);
    assert_true(fmod(t_stop, 60.0) > 1e-6); /* the stop, off the grid */
    for (size_t i = 0; i + 1 < n; i++) assert_true(fabs(sol->t[i] - 60.0 * (double)i) < 1e-9);
    assert_true(t_stop > sol->t[n - 2]);
    double v_stop = sol->voltage[n - 1], q_stop = sol->capacity_Ah[n - 1];
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    /* the complete run's state at that time: the same (its dense output there) */
    plan = new_plan(&cell, CF_MODEL_SPM, 0, 0, 0, 1e-6);
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), CF_OK);
    size_t i = 0;
    while (sol->t[i] < t_stop - 1e-9) i++;
    assert_true(fabs(sol->t[i] - t_stop) < 1e-9); /* the same solver steps, one of them ends there */
    assert_true(sol->voltage[i] == v_stop);
    assert_true(fabs(sol->capacity_Ah[i] - q_stop) < 1e-12);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

/* A cut-off that ends a step before its own end stops the protocol: not an
 * error, but not complete either; the step and time are recorded. */
static void test_cutoff_is_an_early_stop(void **state)
{
    (void)state;
    outcome o = run_text(CF_MODEL_SPM, 0, 0, "Discharge at 1C for 10 minutes; Discharge at 2C for 5 hours; Rest for 1 hour");
    assert_int_equal(o.rc, CF_OK);
    const cf_run_end *e = &o.sol->end;
    assert_false(e->completed);
    assert_int_equal(e->reason, CF_END_CUTOFF);
    assert_int_equal(e->status, CF_OK);
    assert_int_equal(e->step, 1);
    assert_string_equal(e->step_text, "Discharge at 2C for 5 hours");
    assert_true(e->t_s == o.sol->t[o.sol->n - 1]);
    assert_true(fabs(o.sol->voltage[o.sol->n - 1] - 2.5) < 1e-6); /* chen2020's lower cut-off */
    assert_int_equal(o.sol->step[o.sol->n - 1], 1);                 /* the rest never ran */
    outcome_free(&o);
}

/* The protocol's termination criterion is a complete run. */
static void test_termination_is_complete(void **state)
{
    (void)state;
    outcome o = run_text(CF_MODEL_SPM, 0, 0,
                         "repeat 50 { Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V }\nterminate 3.5 V");
    assert_int_equal(o.rc, CF_OK);
    /* every cycle ends at 4.1 V after a discharge to 3.0 V: the minimum
     * voltage criterion ends it after the first cycle */
    assert_true(o.sol->end.completed);
    assert_int_equal(o.sol->end.reason, CF_END_TERMINATION);
    assert_int_equal(o.res->n, 1);
    outcome_free(&o);
}

/* A wall-time budget stops a long run with its rows. */
static void test_wall_time_budget(void **state)
{
    (void)state;
    outcome o = run_text(CF_MODEL_DFN, 0, 1e-3, "repeat 1000 { Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V }");
    assert_int_equal(o.rc, CF_ELIMIT);
    assert_non_null(o.sol);
    assert_int_equal(o.sol->end.reason, CF_END_WALL_TIME);
    assert_string_equal(cf_end_reason_code(o.sol->end.reason), "wall_time");
    assert_true(o.sol->n >= 2);
    assert_true(o.sol->end.t_s > 0);
    outcome_free(&o);
}

/* Output rows: every multiple of the period in the run exactly once (to
 * 1e-9 s), and beside them only the step ends. */
static void check_grid(const cf_solution *s, double P)
{
    double T = s->t[s->n - 1];
    long long kmax = (long long)floor(T / P + 1e-9);
    for (long long k = 0; k <= kmax; k++) {
        int count = 0;
        for (size_t i = 0; i < s->n; i++) count += fabs(s->t[i] - (double)k * P) <= 1e-9;
        if (count != 1) print_error("t = %g s: %d rows\n", (double)k * P, count);
        assert_int_equal(count, 1);
    }
    for (size_t i = 0; i < s->n; i++) {
        double k = round(s->t[i] / P);
        int on_grid = fabs(s->t[i] - k * P) <= 1e-9;
        int step_end = i == s->n - 1 || s->step[i + 1] != s->step[i] || s->t[i + 1] == s->t[i];
        int step_start = i == 0 || s->step[i - 1] != s->step[i] || s->t[i - 1] == s->t[i];
        if (!(on_grid || step_end || step_start)) print_error("row %zu at t = %.12g s\n", i, s->t[i]);
        assert_true(on_grid || step_end || step_start);
    }
}

static void test_output_rows_on_every_multiple(void **state)
{
    (void)state;
    cf_error err;
    const cf_model_kind kinds[] = {CF_MODEL_SPM, CF_MODEL_SPME, CF_MODEL_DFN};
    for (int m = 0; m < 3; m++) {
        /* a drive cycle at a tight tolerance: the steps crowd its kinks and
         * land within nanoseconds past whole seconds */
        cf_cell *cell;
        cf_plan *plan = new_plan(&cell, kinds[m], 0, 0, 1.0, 1e-11);
        cf_drive_cycle *dc;
        cf_protocol *proto;
        assert_int_equal(cf_drive_cycle_load(CF_TEST_DATA_DIR "/protocol/drive_long.csv", &dc, &err), 0);
        assert_int_equal(cf_protocol_from_drive_cycle(dc, &proto, &err), 0);
        cf_experiment_options eo;
        cf_experiment_options_default(&eo);
        eo.initial_soc = 0.5;
        cf_solution *sol;
        cf_experiment_result *res;
        int rc = cf_simulate_protocol(plan, proto, &eo, &sol, &res, &err);
        if (rc) print_error("%s: %s\n", err.where, err.message);
        assert_int_equal(rc, CF_OK);
        assert_true(sol->end.completed);
        assert_true(fabs(sol->t[sol->n - 1] - 552.5) < 1e-9); /* the whole drive cycle */
        check_grid(sol, 1.0);
        assert_int_equal(sol->n, 554);
        cf_solution_free(sol);
        cf_experiment_result_free(res);
        cf_protocol_free(proto);
        cf_plan_free(plan);
        cf_cell_free(cell);

        /* steps that end off the grid (a voltage stop, odd durations) */
        plan = new_plan(&cell, kinds[m], 0, 0, 7.5, 1e-6);
        assert_int_equal(cf_protocol_parse("Discharge at 1C until 3.6 V; Rest for 10 minutes; Charge at 0.5C for "
                                           "7.3 minutes; Discharge at 2C for 1 minute",
                                           &proto, &err),
                         0);
        assert_int_equal(cf_simulate_protocol(plan, proto, NULL, &sol, &res, &err), CF_OK);
        check_grid(sol, 7.5);
        cf_solution_free(sol);
        cf_experiment_result_free(res);
        cf_protocol_free(proto);
        cf_plan_free(plan);
        cf_cell_free(cell);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failure_keeps_rows),
        cmocka_unit_test(test_crate_failure_keeps_rows),
        cmocka_unit_test(test_failure_row_on_a_grid),
        cmocka_unit_test(test_cutoff_is_an_early_stop),
        cmocka_unit_test(test_termination_is_complete),
        cmocka_unit_test(test_wall_time_budget),
        cmocka_unit_test(test_output_rows_on_every_multiple),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
