/* test_protocol_ambient.c — a step's ambient temperature ("at 45 oC").
 *
 * Parsing: "at T oC" / "at T K" among a step's limits, in range, once; the
 * canonical text reads back to the same step.  Running: a lumped cell resting
 * in a 45 degC room warms towards 45 degC with the time constant C / (h A),
 * and the next step without a temperature cools back towards the cell's own
 * ambient; an isothermal cell runs a step at its temperature (its rows say
 * so, and a cold step gives less capacity). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

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
    cf_protocol *p;
    const cf_step *st = first_step("Discharge at 1C for 1 hour at 45oC", &p);
    assert_true(fabs(st->ambient_K - 318.15) < 1e-12);
    assert_true(st->duration_s == 3600);
    char buf[256];
    cf_step_format(st, buf, sizeof buf);
    cf_protocol *q;
    const cf_step *back = first_step(buf, &q);
    assert_true(back->ambient_K == st->ambient_K && back->duration_s == st->duration_s);
    cf_protocol_free(q);
    cf_protocol_free(p);
    st = first_step("Charge at 1 A until 4.1 V at 273.15 K", &p);
    assert_true(st->ambient_K == 273.15 && st->n_conditions == 1);
    cf_protocol_free(p);
    st = first_step("Rest for 10 minutes at -10 oC", &p);
    assert_true(fabs(st->ambient_K - 263.15) < 1e-12);
    cf_protocol_free(p);
    const char *bad[][2] = {{"Rest for 1 hour at 45", "a temperature unit, oC or K"},
                            {"Rest for 1 hour at 200 oC", "outside the allowed range"},
                            {"Rest for 1 hour at 45 oC at 20 oC", "one 'at' temperature"},
                            {"Rest for 1 hour at hot", "a temperature after 'at'"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cf_error err;
        assert_int_not_equal(cf_protocol_parse(bad[i][0], &p, &err), 0);
        if (!strstr(err.message, bad[i][1])) print_error("%s: %s\n", bad[i][0], err.message);
        assert_non_null(strstr(err.message, bad[i][1]));
    }
}

static cf_solution *run(const char *text, cf_thermal_mode thermal)
{
    cf_cell *cell = cf_test_builtin_cell("chen2020");
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    opt.thermal = thermal;
    cf_solution *sol = cf_test_run_ok(cell, &opt, text, NAN, NULL);
    cf_cell_free(cell);
    return sol;
}

/* Temperature (K) at the end of executed step k. */
static double step_end_T(const cf_solution *s, int k)
{
    double T = NAN;
    for (size_t i = 0; i < s->n; i++)
        if (s->step[i] == k) T = s->temperature_K[i];
    return T;
}

static void test_lumped_room(void **st)
{
    (void)st;
    /* chen2020: C = 42.8 J/K, h A = 0.0531 W/K, a time constant of 806 s */
    cf_solution *s = run("Rest for 1 hour at 45 oC; Rest for 1 hour", CF_THERMAL_LUMPED);
    double tau = 42.80 / 0.0531, T0 = 298.15, Tr = 318.15;
    double T1 = step_end_T(s, 0), T2 = step_end_T(s, 1);
    double want1 = Tr + (T0 - Tr) * exp(-3600 / tau), want2 = T0 + (want1 - T0) * exp(-3600 / tau);
    print_message("after the warm hour %.4f K (Newton's law %.4f), after the next %.4f K (%.4f)\n", T1, want1, T2, want2);
    /* a resting cell makes no heat: Newton's law of cooling, to the solver's tolerance */
    assert_true(fabs(T1 - want1) < 0.01 && fabs(T2 - want2) < 0.01);
    cf_solution_free(s);
}

static void test_isothermal_step(void **st)
{
    (void)st;
    cf_solution *warm = run("Discharge at 2C for 10 minutes at 45 oC; Rest for 1 minute", CF_THERMAL_ISOTHERMAL);
    cf_solution *cold = run("Discharge at 2C for 10 minutes at -10 oC; Rest for 1 minute", CF_THERMAL_ISOTHERMAL);
    assert_true(fabs(warm->temperature_K[1] - 318.15) < 1e-9 && fabs(cold->temperature_K[1] - 263.15) < 1e-9);
    assert_true(fabs(warm->temperature_K[warm->n - 1] - 298.15) < 1e-9); /* the rest: the cell's own */
    /* the same charge out, at a lower voltage when cold */
    size_t kw = 0, kc = 0;
    for (size_t i = 0; i < warm->n; i++) if (warm->step[i] == 0) kw = i;
    for (size_t i = 0; i < cold->n; i++) if (cold->step[i] == 0) kc = i;
    print_message("end of the 2C step: %.4f V at 45 degC, %.4f V at -10 degC\n", warm->voltage[kw], cold->voltage[kc]);
    assert_true(warm->voltage[kw] > cold->voltage[kc] + 0.02);
    cf_solution_free(warm);
    cf_solution_free(cold);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_parse), cmocka_unit_test(test_lumped_room),
                                       cmocka_unit_test(test_isothermal_step)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
