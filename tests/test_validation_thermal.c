/* test_validation_thermal.c — cellforge's lumped and through-cell thermal DFN
 * against PyBaMM's.
 *
 * Reference: validation/pybamm_thermal.py (PyBaMM's version and settings in
 * tests/data/pybamm/thermal_reference.json): DFN {"thermal": "lumped"},
 * Chen2020 with its thermal data, 20-point mesh, 1C and 3C discharges and a
 * discharge - cooling rest - CC-CV charge.  The tolerances: the
 * temperature within 0.2 K at every reference row and the voltage within
 * 2 mV RMS; the final temperature of each case is printed beside PyBaMM's.
 * The through-cell model (--thermal x) against PyBaMM's {"thermal": "x-full"}
 * (validation/pybamm_thermal_x.py, thermal_x_reference.json): the same cases,
 * the face cooling h A_cool / (2 A) on both sides; the mean temperature and
 * the hottest node's within 0.2 K, the voltage within 2 mV RMS. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "support/protocol_run.h"

static void check_case_mode(const char *file, const char *protocol, cf_thermal_mode mode)
{
    /* time_s, current_A, voltage_V, temperature_C, step (x: and temperature_max_C) */
    const int x = mode == CF_THERMAL_X;
    cf_test_rows r;
    cf_test_rows_load(file, x ? 6 : 5, 50, &r);
    cf_cell *cell = cf_test_builtin_cell("chen2020");
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.discretisation = CF_DISC_FV; /* PyBaMM's finite volumes, whatever the default */
    opt.thermal = mode;
    cf_solution *sol = cf_test_run_ok(cell, &opt, protocol, NAN, NULL);
    assert_true(sol->has_thermal);
    double se = 0, worst_T = 0, worst_v = 0, worst_max = 0;
    for (int j = 0; j < r.n; j++) {
        int k = (int)cf_test_row(&r, j, 4);
        double t = cf_test_row(&r, j, 0);
        double dv = cf_test_step_value(sol, sol->voltage, k, t) - cf_test_row(&r, j, 2);
        double dT = cf_test_step_value(sol, sol->temperature_K, k, t) - 273.15 - cf_test_row(&r, j, 3);
        se += dv * dv;
        worst_v = fmax(worst_v, fabs(dv));
        worst_T = fmax(worst_T, fabs(dT));
        if (x)
            worst_max = fmax(worst_max, fabs(cf_test_step_value(sol, sol->temperature_max_K, k, t) - 273.15 -
                                             cf_test_row(&r, j, 5)));
    }
    double rms_mV = sqrt(se / r.n) * 1e3;
    print_message("%-20s T end %.3f degC (PyBaMM %.3f), worst |dT| %.4f K (hottest node %.4f K), voltage RMS %.3f mV, "
                  "max %.2f mV\n",
                  file, sol->temperature_K[sol->n - 1] - 273.15, cf_test_row(&r, r.n - 1, 3), worst_T, worst_max,
                  rms_mV, worst_v * 1e3);
    assert_true(worst_T < 0.2);
    assert_true(worst_max < 0.2);
    assert_true(rms_mV < 2.0);
    cf_solution_free(sol);
    cf_cell_free(cell);
    cf_test_rows_free(&r);
}

static void check_case(const char *file, const char *protocol) { check_case_mode(file, protocol, CF_THERMAL_LUMPED); }

static void test_1C(void **s) { (void)s; check_case("thermal_1C.csv", "Discharge at 1C until 2.5 V"); }
static void test_3C(void **s) { (void)s; check_case("thermal_3C.csv", "Discharge at 3C until 2.5 V"); }
static void test_cccv(void **s)
{
    (void)s;
    check_case("thermal_cccv.csv", "Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C until 4.2 V; "
                                   "Hold at 4.2 V until C/20");
}

static void test_x_1C(void **s) { (void)s; check_case_mode("thermal_x_1C.csv", "Discharge at 1C until 2.5 V", CF_THERMAL_X); }
static void test_x_3C(void **s) { (void)s; check_case_mode("thermal_x_3C.csv", "Discharge at 3C until 2.5 V", CF_THERMAL_X); }
static void test_x_cccv(void **s)
{
    (void)s;
    check_case_mode("thermal_x_cccv.csv",
                    "Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C until 4.2 V; Hold at 4.2 V until C/20",
                    CF_THERMAL_X);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_1C),   cmocka_unit_test(test_3C),
                                       cmocka_unit_test(test_cccv), cmocka_unit_test(test_x_1C),
                                       cmocka_unit_test(test_x_3C), cmocka_unit_test(test_x_cccv)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
