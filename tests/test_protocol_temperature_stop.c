/* test_protocol_temperature_stop.c — steps that end on the cell's
 * temperature ("until 45 oC").
 *
 * Parsing: "until T oC" / "until T K" among a step's conditions, in range,
 * with '<' / '>' or, as written bare, whichever side the cell starts on; the
 * canonical text reads back to the same step.  Running (chen2020, lumped): a
 * 3C discharge stops exactly where the cell reaches 40 degC, and the cooling
 * rest after it ends at 30 degC after the time Newton's law of cooling gives
 * (C / (h A) ln((T1 - Ta) / (T2 - Ta))); a condition already met at the start
 * skips its step, and on a rest a bare one goes the way the cell relaxes; an isothermal run is refused (its temperature never moves). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"
#include "support/protocol_run.h"

static const cf_step *first_step(const char *text, cf_protocol **p)
{
    cf_error err;
    int rc = cf_protocol_parse(text, p, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    return cf_protocol_step(*p, 0);
}

static void test_parse(void **s)
{
    (void)s;
    cf_protocol *p, *q;
    const cf_step *st = first_step("Rest until 30 oC", &p);
    assert_int_equal(st->n_conditions, 1);
    assert_int_equal(st->conditions[0].kind, CF_COND_TEMPERATURE);
    assert_true(fabs(st->conditions[0].value - 303.15) < 1e-12);
    assert_int_equal(st->conditions[0].cmp, CF_CMP_CROSS);
    char buf[256];
    cf_step_format(st, buf, sizeof buf);
    const cf_step *back = first_step(buf, &q);
    print_message("'Rest until 30 oC' -> '%s'\n", buf);
    assert_true(back->conditions[0].kind == CF_COND_TEMPERATURE &&
                fabs(back->conditions[0].value - 303.15) < 1e-9);
    cf_protocol_free(q);
    cf_protocol_free(p);
    st = first_step("Discharge at 2C until 2.5 V or until > 318.15 K at 35oC", &p);
    assert_int_equal(st->n_conditions, 2);
    assert_int_equal(st->conditions[0].kind, CF_COND_VOLTAGE);
    assert_int_equal(st->conditions[1].kind, CF_COND_TEMPERATURE);
    assert_int_equal(st->conditions[1].cmp, CF_CMP_ABOVE);
    assert_true(st->conditions[1].value == 318.15 && fabs(st->ambient_K - 308.15) < 1e-12);
    cf_step_format(st, buf, sizeof buf);
    back = first_step(buf, &q);
    assert_true(back->conditions[1].cmp == CF_CMP_ABOVE && fabs(back->conditions[1].value - 318.15) < 1e-9);
    cf_protocol_free(q);
    cf_protocol_free(p);
    const char *bad[][2] = {{"Rest until 150 oC", "outside the allowed range"},
                            {"Rest until 45 degF", "or a temperature (oC, K)"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cf_error err;
        assert_int_not_equal(cf_protocol_parse(bad[i][0], &p, &err), 0);
        print_message("%s: %s\n", bad[i][0], err.message);
        assert_non_null(strstr(err.message, bad[i][1]));
    }
}

static int run(const char *text, cf_thermal_mode thermal, cf_solution **sol, cf_experiment_result **res, cf_error *err)
{
    cf_cell *cell = cf_test_builtin_cell("chen2020");
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    opt.thermal = thermal;
    opt.rtol = opt.atol = 1e-8;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, err), 0);
    int rc = cf_test_run_protocol(plan, text, NAN, sol, res, err);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return rc;
}

static void test_heat_then_cool(void **st)
{
    (void)st;
    cf_solution *s;
    cf_experiment_result *res;
    cf_error err;
    int rc = run("Discharge at 3C until 40 oC; Rest until 30 oC", CF_THERMAL_LUMPED, &s, &res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    size_t k1 = 0, k2 = 0, f2 = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->step[i] == 0) k1 = i;
        if (s->step[i] == 1) {
            if (!f2) f2 = i;
            k2 = i;
        }
    }
    double T1 = s->temperature_K[k1], T2 = s->temperature_K[k2], rest = s->t[k2] - s->t[k1];
    /* chen2020: C = 42.8 J/K, h A = 10 W/(m2 K) x 53.1 cm2 */
    double tau = 42.80 / 0.0531, want = tau * log((T1 - 298.15) / (T2 - 298.15));
    print_message("discharge stopped at %.6f K (%.1f V), rest to %.6f K in %.1f s (Newton's law %.1f s)\n", T1,
                  s->voltage[k1], T2, rest, want);
    assert_true(fabs(T1 - 313.15) < 1e-5);
    assert_true(fabs(T2 - 303.15) < 1e-5);
    assert_true(s->voltage[k1] > 2.6); /* the temperature, not the cut-off, ended it */
    assert_true(s->temperature_K[f2] >= T2);
    /* the rest's relaxation heat is small: within 1 % of the law's time */
    assert_true(fabs(rest - want) < 0.01 * want);
    assert_int_equal(res->steps_skipped, 0);
    cf_solution_free(s);
    cf_experiment_result_free(res);
}

static void test_met_at_start(void **st)
{
    (void)st;
    cf_solution *s;
    cf_experiment_result *res;
    cf_error err;
    /* the cell starts at 25 degC: the rest's condition holds at once */
    assert_int_equal(run("Rest until 25 oC; Discharge at 1C for 1 minute", CF_THERMAL_LUMPED, &s, &res, &err), 0);
    assert_int_equal(res->steps_skipped, 1);
    print_message("skipped: %s\n", res->skipped[0].reason);
    assert_non_null(strstr(res->skipped[0].reason, "temperature"));
    cf_solution_free(s);
    cf_experiment_result_free(res);
}

/* A bare condition on a rest goes the way the cell relaxes: in its 25 degC
 * room a cell at 25 degC is already "until 30 oC" (cooled to it), and in a
 * 45 degC room "until 40 oC" warms it there after tau ln(20 / 5). */
static void test_rest_towards_ambient(void **st)
{
    (void)st;
    cf_solution *s;
    cf_experiment_result *res;
    cf_error err;
    assert_int_equal(run("Rest until 30 oC; Rest until 40 oC at 45 oC", CF_THERMAL_LUMPED, &s, &res, &err), 0);
    assert_int_equal(res->steps_skipped, 1);
    double want = 42.80 / 0.0531 * log(20.0 / 5.0), got = s->t[s->n - 1] - s->t[0];
    print_message("skipped: %s; warmed to %.6f K in %.1f s (Newton's law %.1f s)\n", res->skipped[0].reason,
                  s->temperature_K[s->n - 1], got, want);
    assert_true(fabs(s->temperature_K[s->n - 1] - 313.15) < 1e-5);
    assert_true(fabs(got - want) < 2e-3 * want);
    cf_solution_free(s);
    cf_experiment_result_free(res);
}

static void test_isothermal_refused(void **st)
{
    (void)st;
    cf_solution *s = NULL;
    cf_experiment_result *res = NULL;
    cf_error err;
    assert_int_equal(run("Discharge at 1C for 1 minute; Rest until 30 oC", CF_THERMAL_ISOTHERMAL, &s, &res, &err),
                     CF_EINVAL);
    print_message("%s: %s\n", err.where, err.message);
    assert_non_null(strstr(err.message, "--thermal lumped"));
    assert_non_null(strstr(err.where, ":1:"));
    assert_null(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_parse), cmocka_unit_test(test_heat_then_cool),
                                       cmocka_unit_test(test_met_at_start), cmocka_unit_test(test_rest_towards_ambient),
                                       cmocka_unit_test(test_isothermal_refused)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
