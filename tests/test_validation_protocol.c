/* test_validation_protocol.c — the step machine against PyBaMM 26.10 on the
 * same protocols (tests/data/pybamm/protocol_*.csv, made by
 * validation/pybamm_protocol_reference.py; settings in protocol_reference.json):
 *   CC-CV charge -> rest -> 1C discharge from 0 % SOC: voltage within 5 mV
 *   max, CV-hold current within 2 %, step transitions within 1 s;
 *   power, resistance, rest and current steps: voltage within 5 mV max;
 *   the full cycle of validation/pybamm_extended_reference.py (1C discharge,
 *   rest, 1C charge, CV hold to C/50 that takes the negative surface to
 *   stoichiometry 0.9994, rest, 2C discharge) from the cell's initial state:
 *   voltage within 2 mV RMS, each step's charge within 0.5 %, step ends within
 *   1 s (settings in extended_reference.json). */
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "support/protocol_run.h"

/* The reference rows: time_s, current_A, voltage_V, step. */
enum { COL_T, COL_I, COL_V, COL_STEP };

/* Our value of column y at the reference row j's time and step. */
static double at_row(const cf_solution *s, const double *y, const cf_test_rows *r, int j)
{
    return cf_test_step_value(s, y, (int)cf_test_row(r, j, COL_STEP), cf_test_row(r, j, COL_T));
}

static double step_end(const cf_solution *s, int k)
{
    double t = NAN;
    for (size_t j = 0; j < s->n; j++)
        if (s->step[j] == k) t = s->t[j];
    return t;
}

static cf_solution *run(const char *text, double soc)
{
    cf_cell *cell = cf_test_builtin_cell("chen2020");
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.discretisation = CF_DISC_FV; /* PyBaMM's finite volumes, whatever the default */
    cf_experiment_result *res;
    cf_solution *sol = cf_test_run_ok(cell, &opt, text, soc, &res);
    assert_int_equal(res->steps_skipped, 0);
    cf_experiment_result_free(res);
    cf_cell_free(cell);
    return sol;
}

static double max_voltage_error_mV(const cf_solution *sol, const cf_test_rows *r)
{
    double worst = 0;
    for (int j = 0; j < r->n; j++)
        worst = fmax(worst, fabs(at_row(sol, sol->voltage, r, j) - cf_test_row(r, j, COL_V)) * 1e3);
    return worst;
}

static void test_cccv_rest_discharge(void **state)
{
    (void)state;
    cf_test_rows r;
    cf_test_rows_load("protocol_dfn.csv", 4, 100, &r);
    cf_solution *sol = run("Charge at 0.5C until 4.2 V; Hold at 4.2 V until C/50; Rest for 1 hour; "
                           "Discharge at 1C until 2.5 V",
                           0.0);
    double worst = max_voltage_error_mV(sol, &r);

    char path[1024];
    snprintf(path, sizeof path, "%s/pybamm/protocol_reference.json", CF_TEST_DATA_DIR);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    json_t *c = json_object_get(json_object_get(root, "cases"), "protocol_dfn");
    json_t *steps = json_object_get(c, "steps");
    double worst_t = 0;
    for (int k = 0; k < 4; k++) {
        double ref_end = json_real_value(json_object_get(json_array_get(steps, k), "end_time_s"));
        worst_t = fmax(worst_t, fabs(step_end(sol, k) - ref_end));
    }
    json_t *cv = json_object_get(c, "cv_hold_current_A");
    double worst_i = 0;
    for (size_t k = 0; k < json_array_size(cv); k++) {
        double t = json_real_value(json_object_get(json_array_get(cv, k), "time_s"));
        double iref = json_real_value(json_object_get(json_array_get(cv, k), "current_A"));
        worst_i = fmax(worst_i, fabs(cf_test_step_value(sol, sol->current, 1, t) / iref - 1));
    }
    print_message("CC-CV/rest/1C: max |dV| %.3f mV, max step-end error %.3f s, max CV current error %.4f %%\n",
                  worst, worst_t, worst_i * 100);
    assert_true(worst < 5.0);
    assert_true(worst_t < 1.0);
    assert_true(worst_i < 0.02);
    json_decref(root);
    cf_solution_free(sol);
    cf_test_rows_free(&r);
}

static void test_power_resistance_steps(void **state)
{
    (void)state;
    cf_test_rows r;
    cf_test_rows_load("protocol_power_dfn.csv", 4, 100, &r);
    cf_solution *sol = run("Discharge at 10 W for 10 minutes; Discharge at 2 Ohm for 10 minutes; Rest for 10 minutes; "
                           "Charge at 1 A for 5 minutes",
                           NAN);
    double worst = max_voltage_error_mV(sol, &r);
    print_message("power/resistance/rest/current: max |dV| %.3f mV\n", worst);
    assert_true(worst < 5.0);
    cf_solution_free(sol);
    cf_test_rows_free(&r);
}

/* Net charge through step k (A h, + = discharged): capacity at its last row
 * minus capacity at its first. */
static double step_charge(const cf_solution *s, int k)
{
    double first = NAN, last = NAN;
    for (size_t j = 0; j < s->n; j++) {
        if (s->step[j] != k) continue;
        if (isnan(first)) first = s->capacity_Ah[j];
        last = s->capacity_Ah[j];
    }
    return last - first;
}

static void test_cccv_cycle(void **state)
{
    (void)state;
    static const char *steps_text = "Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C until 4.2 V; "
                                    "Hold at 4.2 V until C/50; Rest for 30 minutes; Discharge at 2C until 2.5 V";
    cf_test_rows r;
    cf_test_rows_load("protocol_cccv_cycle_dfn.csv", 4, 100, &r);
    cf_solution *sol = run(steps_text, NAN);
    double se = 0;
    for (int j = 0; j < r.n; j++) {
        double e = (at_row(sol, sol->voltage, &r, j) - cf_test_row(&r, j, COL_V)) * 1e3;
        se += e * e;
    }
    double rms = sqrt(se / r.n), worst = max_voltage_error_mV(sol, &r);

    char path[1024];
    snprintf(path, sizeof path, "%s/pybamm/extended_reference.json", CF_TEST_DATA_DIR);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    json_t *steps = json_object_get(json_object_get(json_object_get(root, "cases"), "protocol_cccv_cycle_dfn"), "steps");
    assert_int_equal(json_array_size(steps), 6);
    double worst_t = 0, worst_q = 0;
    for (int k = 0; k < 6; k++) {
        json_t *st = json_array_get(steps, k);
        double ref_end = json_real_value(json_object_get(st, "end_time_s"));
        double ref_q = json_real_value(json_object_get(st, "net_discharge_Ah"));
        worst_t = fmax(worst_t, fabs(step_end(sol, k) - ref_end));
        if (fabs(ref_q) > 0.1) { /* the rests pass no charge */
            double q = step_charge(sol, k);
            print_message("  step %d: %+.5f A h vs PyBaMM %+.5f A h, ends at %.2f s vs %.2f s\n", k, q, ref_q,
                          step_end(sol, k), ref_end);
            worst_q = fmax(worst_q, fabs(q / ref_q - 1));
        }
    }
    print_message("CC-CV cycle: rms %.3f mV, max |dV| %.3f mV, max step-end error %.3f s, max step charge error "
                  "%.4f %%\n", rms, worst, worst_t, worst_q * 100);
    assert_true(rms <= 2.0);
    assert_true(worst_q <= 0.005);
    assert_true(worst_t < 1.0);
    json_decref(root);
    cf_solution_free(sol);
    cf_test_rows_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cccv_rest_discharge),
                                       cmocka_unit_test(test_power_resistance_steps),
                                       cmocka_unit_test(test_cccv_cycle)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
