/* test_validation_thermal.c — cellforge's lumped thermal DFN against PyBaMM's.
 *
 * Reference: validation/pybamm_thermal.py (PyBaMM's version and settings in
 * tests/data/pybamm/thermal_reference.json): DFN {"thermal": "lumped"},
 * Chen2020 with its thermal data, 20-point mesh, 1C and 3C discharges and a
 * discharge - cooling rest - CC-CV charge.  The tolerances: the
 * temperature within 0.2 K at every reference row and the voltage within
 * 2 mV RMS; the final temperature of each case is printed beside PyBaMM's. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"

typedef struct {
    int n;
    double *t, *v, *T;
    int *step;
} ref_rows;

static void load_rows(const char *name, ref_rows *r)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/pybamm/%s", CF_TEST_DATA_DIR, name);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[256];
    assert_non_null(fgets(line, sizeof line, fp));
    int cap = 8192;
    r->t = malloc(cap * sizeof(double));
    r->v = malloc(cap * sizeof(double));
    r->T = malloc(cap * sizeof(double));
    r->step = malloc(cap * sizeof(int));
    assert_true(r->t && r->v && r->T && r->step);
    r->n = 0;
    double i;
    while (r->n < cap &&
           fscanf(fp, "%lf,%lf,%lf,%lf,%d", &r->t[r->n], &i, &r->v[r->n], &r->T[r->n], &r->step[r->n]) == 5)
        r->n++;
    fclose(fp);
    assert_true(r->n > 50);
}

/* y at time t within executed step k, from that step's rows only: the two
 * codes end a step within milliseconds of each other, and across a step's
 * end the voltage jumps. */
static double at(const cf_solution *s, const double *y, int k, double t)
{
    size_t lo = (size_t)-1, hi = (size_t)-1;
    for (size_t j = 0; j < s->n; j++) {
        if (s->step[j] != k) continue;
        if (s->t[j] <= t) lo = j;
        if (s->t[j] >= t && hi == (size_t)-1) hi = j;
    }
    if (lo == (size_t)-1) return y[hi];
    if (hi == (size_t)-1 || hi == lo) return y[lo];
    return y[lo] + (y[hi] - y[lo]) * (t - s->t[lo]) / (s->t[hi] - s->t[lo]);
}

static void check_case(const char *file, const char *protocol)
{
    ref_rows r;
    load_rows(file, &r);
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.thermal = CF_THERMAL_LUMPED;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse(protocol, &proto, &err), 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(plan, proto, &eo, &sol, &res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_true(sol->has_thermal);
    double se = 0, worst_T = 0, worst_v = 0;
    for (int j = 0; j < r.n; j++) {
        double dv = at(sol, sol->voltage, r.step[j], r.t[j]) - r.v[j];
        double dT = at(sol, sol->temperature_K, r.step[j], r.t[j]) - 273.15 - r.T[j];
        se += dv * dv;
        worst_v = fmax(worst_v, fabs(dv));
        worst_T = fmax(worst_T, fabs(dT));
    }
    double rms_mV = sqrt(se / r.n) * 1e3;
    print_message("%-20s T end %.3f degC (PyBaMM %.3f), worst |dT| %.4f K, voltage RMS %.3f mV, max %.2f mV\n", file,
                  sol->temperature_K[sol->n - 1] - 273.15, r.T[r.n - 1], worst_T, rms_mV, worst_v * 1e3);
    assert_true(worst_T < 0.2);
    assert_true(rms_mV < 2.0);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_protocol_free(proto);
    cf_plan_free(plan);
    cf_cell_free(cell);
    free(r.t);
    free(r.v);
    free(r.T);
    free(r.step);
}

static void test_1C(void **s) { (void)s; check_case("thermal_1C.csv", "Discharge at 1C until 2.5 V"); }
static void test_3C(void **s) { (void)s; check_case("thermal_3C.csv", "Discharge at 3C until 2.5 V"); }
static void test_cccv(void **s)
{
    (void)s;
    check_case("thermal_cccv.csv", "Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C until 4.2 V; "
                                   "Hold at 4.2 V until C/20");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_1C), cmocka_unit_test(test_3C), cmocka_unit_test(test_cccv)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
