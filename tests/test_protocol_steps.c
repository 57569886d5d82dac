/* test_protocol_steps.c — every example string of the experiment language
 * parses to the mode, SI value, sign, duration and conditions the spec
 * (PyBaMM's experiment strings) gives it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_protocol.h"

/* Parses text that must hold exactly one step and returns a copy of it
 * (text/source pointers are not used after the protocol is freed). */
static cf_step one_step(const char *text)
{
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    if (rc) print_message("unexpected error for \"%s\": %s: %s\n", text, err.where, err.message);
    assert_int_equal(rc, CF_OK);
    assert_int_equal(cf_protocol_step_count(p), 1);
    cf_step s = *cf_protocol_step(p, 0);
    s.text = NULL;
    s.source = NULL;
    cf_protocol_free(p);
    return s;
}

static void assert_close_at(double a, double b, int line)
{
    if (!(fabs(a - b) <= 1e-12 * (1 + fabs(b)))) fail_msg("line %d: %.17g != %.17g", line, a, b);
}
#define assert_close(a, b) assert_close_at((a), (b), __LINE__)

static void assert_cond(const cf_condition *c, cf_cond_kind kind, double value, cf_cmp written, cf_cmp cmp)
{
    assert_int_equal(c->kind, kind);
    assert_close(c->value, value);
    assert_int_equal(c->written, written);
    assert_int_equal(c->cmp, cmp);
}

static void test_issue_examples(void **state)
{
    (void)state;
    cf_step s = one_step("Discharge at 1C until 2.5 V");
    assert_int_equal(s.mode, CF_STEP_CRATE);
    assert_int_equal(s.verb, CF_VERB_DISCHARGE);
    assert_close(s.value, 1.0);
    assert_true(s.duration_s == 0);
    assert_int_equal(s.n_conditions, 1);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 2.5, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Charge at 0.5 C for 1 hour or until 4.2 V");
    assert_int_equal(s.mode, CF_STEP_CRATE);
    assert_close(s.value, -0.5); /* positive = discharge */
    assert_close(s.duration_s, 3600);
    assert_int_equal(s.n_conditions, 1);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 4.2, CF_CMP_AUTO, CF_CMP_ABOVE);

    s = one_step("Hold at 4.2 V until C/50");
    assert_int_equal(s.mode, CF_STEP_VOLTAGE);
    assert_int_equal(s.verb, CF_VERB_HOLD);
    assert_close(s.value, 4.2);
    assert_int_equal(s.n_conditions, 1);
    assert_cond(&s.conditions[0], CF_COND_CRATE, 0.02, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Rest for 30 minutes");
    assert_int_equal(s.mode, CF_STEP_REST);
    assert_true(s.value == 0);
    assert_close(s.duration_s, 1800);
    assert_int_equal(s.n_conditions, 0);

    s = one_step("Discharge at 2 W for 10 minutes");
    assert_int_equal(s.mode, CF_STEP_POWER);
    assert_close(s.value, 2.0);
    assert_close(s.duration_s, 600);
    assert_int_equal(s.n_conditions, 0);

    s = one_step("Discharge at 4 Ohm until 3 V");
    assert_int_equal(s.mode, CF_STEP_RESISTANCE);
    assert_close(s.value, 4.0);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 3.0, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Charge at 1 A until 4.1V");
    assert_int_equal(s.mode, CF_STEP_CURRENT);
    assert_close(s.value, -1.0);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 4.1, CF_CMP_AUTO, CF_CMP_ABOVE);
}

static void test_pybamm_forms(void **state)
{
    (void)state;
    cf_step s = one_step("Discharge at 1C for 10 hours or until 3.3 V");
    assert_close(s.value, 1.0);
    assert_close(s.duration_s, 36000);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 3.3, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Hold at 4.2V until 50 mA");
    assert_int_equal(s.mode, CF_STEP_VOLTAGE);
    assert_cond(&s.conditions[0], CF_COND_CURRENT, 0.05, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Rest for 1 hour");
    assert_close(s.duration_s, 3600);

    s = one_step("Charge at C/3 until 4.2 V");
    assert_int_equal(s.mode, CF_STEP_CRATE);
    assert_close(s.value, -1.0 / 3.0);

    /* PyBaMM's output period suffix. */
    s = one_step("Discharge at 1C for 1 hour (1 minute period)");
    assert_close(s.duration_s, 3600);
    assert_close(s.period_s, 60);
}

static void test_units(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        cf_step_mode mode;
        double value;
    } cases[] = {
        {"Discharge at 500 mA", CF_STEP_CURRENT, 0.5},
        {"Discharge at 2 amps", CF_STEP_CURRENT, 2.0},
        {"Charge at 250mA", CF_STEP_CURRENT, -0.25},
        {"Discharge at 1500 mW", CF_STEP_POWER, 1.5},
        {"Charge at 1.5 kW", CF_STEP_POWER, -1500},
        {"Discharge at 250 mOhm", CF_STEP_RESISTANCE, 0.25},
        {"Discharge at 2 Ohms", CF_STEP_RESISTANCE, 2.0},
        {"Hold at 4200 mV for 1 h", CF_STEP_VOLTAGE, 4.2},
        {"Discharge at C/20", CF_STEP_CRATE, 0.05},
        {"Discharge at C/2.5", CF_STEP_CRATE, 0.4},
        {"Discharge at 2C", CF_STEP_CRATE, 2.0},
        {"Discharge at 0.1 C", CF_STEP_CRATE, 0.1},
        /* "Charge at <V>" is a voltage step too, with the charge direction kept. */
        {"Charge at 4.2 V until 0.1 A", CF_STEP_VOLTAGE, 4.2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cf_step s = one_step(cases[i].text);
        assert_int_equal(s.mode, cases[i].mode);
        assert_close(s.value, cases[i].value);
    }
    cf_step s = one_step("Discharge at 1 A until 2500 mV");
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 2.5, CF_CMP_AUTO, CF_CMP_BELOW);
    s = one_step("Hold at 4.2 V until C/20");
    assert_cond(&s.conditions[0], CF_COND_CRATE, 0.05, CF_CMP_AUTO, CF_CMP_BELOW);
    s = one_step("Hold at 4.2 V until 0.05C");
    assert_cond(&s.conditions[0], CF_COND_CRATE, 0.05, CF_CMP_AUTO, CF_CMP_BELOW);
}

static void test_durations(void **state)
{
    (void)state;
    static const struct {
        const char *unit;
        double seconds;
    } cases[] = {
        {"s", 1},          {"sec", 1},         {"secs", 1},     {"second", 1},   {"seconds", 1},
        {"min", 60},       {"mins", 60},       {"minute", 60},  {"minutes", 60}, {"h", 3600},
        {"hr", 3600},      {"hrs", 3600},      {"hour", 3600},  {"hours", 3600}, {"day", 86400},
        {"days", 86400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "Rest for 2.5 %s", cases[i].unit);
        cf_step s = one_step(text);
        assert_close(s.duration_s, 2.5 * cases[i].seconds);
        snprintf(text, sizeof text, "Rest for 3%s", cases[i].unit); /* no space */
        s = one_step(text);
        assert_close(s.duration_s, 3 * cases[i].seconds);
    }
}

static void test_case_spacing_and_numbers(void **state)
{
    (void)state;
    cf_step s = one_step("dIsChArGe AT 1c UNTIL 2.5v");
    assert_int_equal(s.mode, CF_STEP_CRATE);
    assert_close(s.value, 1);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 2.5, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("REST FOR 1 HOUR");
    assert_close(s.duration_s, 3600);

    s = one_step("  \tCharge   at\t 1   A   until   4.1   V  ");
    assert_close(s.value, -1);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 4.1, CF_CMP_AUTO, CF_CMP_ABOVE);

    s = one_step("Discharge at 1e-3 A for 3.6e3 s");
    assert_close(s.value, 1e-3);
    assert_close(s.duration_s, 3600);

    s = one_step("Charge at 5E-1C until 4.2e0 V");
    assert_close(s.value, -0.5);
    assert_close(s.conditions[0].value, 4.2);

    s = one_step("Discharge at .5 C for 1.E1 min");
    assert_close(s.value, 0.5);
    assert_close(s.duration_s, 600);

    s = one_step("Hold at +4.2 V for 1 h");
    assert_close(s.value, 4.2);
}

static void test_multiple_conditions(void **state)
{
    (void)state;
    cf_step s = one_step("Discharge at 2 W until 3 V or 5 A");
    assert_int_equal(s.n_conditions, 2);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 3, CF_CMP_AUTO, CF_CMP_BELOW);
    /* At constant power the current rises as the voltage falls. */
    assert_cond(&s.conditions[1], CF_COND_CURRENT, 5, CF_CMP_AUTO, CF_CMP_ABOVE);

    s = one_step("Hold at 4.2 V for 2 h or until C/50 or 10 mA");
    assert_close(s.duration_s, 7200);
    assert_int_equal(s.n_conditions, 2);
    assert_cond(&s.conditions[0], CF_COND_CRATE, 0.02, CF_CMP_AUTO, CF_CMP_BELOW);
    assert_cond(&s.conditions[1], CF_COND_CURRENT, 0.01, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Charge at 1C until 4.2 V or until 4.1 V");
    assert_int_equal(s.n_conditions, 2);

    /* 'for' after 'until', and without 'or'. */
    s = one_step("Discharge at 1C until 2.5 V or for 2 h");
    assert_close(s.duration_s, 7200);
    assert_int_equal(s.n_conditions, 1);
    s = one_step("Charge at 1C for 1 h until 4.2 V");
    assert_close(s.duration_s, 3600);
    assert_int_equal(s.n_conditions, 1);

    s = one_step("Charge at 5 W until 4.2 V or 0.1 A");
    assert_close(s.value, -5);
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 4.2, CF_CMP_AUTO, CF_CMP_ABOVE);
    assert_cond(&s.conditions[1], CF_COND_CURRENT, 0.1, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Discharge at 4 Ohm until 0.5 A");
    assert_cond(&s.conditions[0], CF_COND_CURRENT, 0.5, CF_CMP_AUTO, CF_CMP_BELOW);

    s = one_step("Discharge at 1 A until 1 V or 2 V or 3 V or 4 V");
    assert_int_equal(s.n_conditions, CF_STEP_MAX_CONDITIONS);
}

static void test_explicit_comparisons(void **state)
{
    (void)state;
    cf_step s = one_step("Rest for 1 h or until > 3.6 V");
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 3.6, CF_CMP_ABOVE, CF_CMP_ABOVE);
    s = one_step("Rest until < 3.4 V");
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 3.4, CF_CMP_BELOW, CF_CMP_BELOW);
    /* Without a sign a rest relaxes toward the threshold from either side. */
    s = one_step("Rest until 3.6 V");
    assert_cond(&s.conditions[0], CF_COND_VOLTAGE, 3.6, CF_CMP_AUTO, CF_CMP_CROSS);
    s = one_step("Discharge at 2 W until > 5 A or < 3 V");
    assert_cond(&s.conditions[0], CF_COND_CURRENT, 5, CF_CMP_ABOVE, CF_CMP_ABOVE);
    assert_cond(&s.conditions[1], CF_COND_VOLTAGE, 3, CF_CMP_BELOW, CF_CMP_BELOW);
}

static void test_positions_and_text(void **state)
{
    (void)state;
    cf_error err;
    cf_protocol *p = NULL;
    assert_int_equal(cf_protocol_parse("Discharge at 1C until 2.5 V; Rest for 1 h\n  Charge at C/2 until 4.2 V",
                                       &p, &err),
                     CF_OK);
    assert_int_equal(cf_protocol_step_count(p), 3);
    const cf_step *a = cf_protocol_step(p, 0), *b = cf_protocol_step(p, 1), *c = cf_protocol_step(p, 2);
    assert_int_equal(a->line, 1);
    assert_int_equal(a->column, 1);
    assert_int_equal(b->line, 1);
    assert_int_equal(b->column, 30);
    assert_int_equal(c->line, 2);
    assert_int_equal(c->column, 3);
    assert_string_equal(a->text, "Discharge at 1C until 2.5 V");
    assert_string_equal(b->text, "Rest for 1 h");
    assert_string_equal(c->text, "Charge at C/2 until 4.2 V");
    assert_string_equal(c->source, "protocol");
    assert_int_equal(c->index, 2);
    assert_int_equal(c->conditions[0].column, 23); /* "4.2" after two leading spaces */
    assert_null(cf_protocol_step(p, 3));
    assert_null(cf_protocol_step(p, -1));
    cf_protocol_free(p);
    cf_protocol_free(NULL); /* harmless */
}

static void test_setpoints_for_a_cell(void **state)
{
    (void)state;
    const double Q = 5.0; /* Ah */
    cf_step s = one_step("Charge at C/2 until 4.2 V");
    assert_close(cf_step_setpoint(&s, Q), -2.5);
    s = one_step("Discharge at 3 A");
    assert_close(cf_step_setpoint(&s, Q), 3.0);
    s = one_step("Rest for 1 h");
    assert_true(cf_step_setpoint(&s, Q) == 0);
    s = one_step("Hold at 4.2 V until C/50");
    assert_close(cf_step_setpoint(&s, Q), 4.2);
    assert_close(cf_condition_threshold(&s.conditions[0], Q), 0.1);
    /* A C/50 taper ends when |I| falls to 0.1 A on a 5 Ah cell. */
    assert_false(cf_condition_reached(&s.conditions[0], 0.11, 2.5, Q));
    assert_true(cf_condition_reached(&s.conditions[0], 0.1, 2.5, Q));
    assert_int_equal(cf_condition_direction(&s.conditions[0], 2.5, Q), -1);
}

static void test_condition_reached(void **state)
{
    (void)state;
    cf_step d = one_step("Discharge at 1C until 2.5 V");
    assert_false(cf_condition_reached(&d.conditions[0], 2.51, 3.7, 5));
    assert_true(cf_condition_reached(&d.conditions[0], 2.5, 3.7, 5));
    assert_true(cf_condition_reached(&d.conditions[0], 2.4, 3.7, 5));

    cf_step r = one_step("Rest until 3.6 V");
    /* From below: reached when rising to 3.6; from above: when falling to it. */
    assert_false(cf_condition_reached(&r.conditions[0], 3.5, 3.4, 5));
    assert_true(cf_condition_reached(&r.conditions[0], 3.6, 3.4, 5));
    assert_false(cf_condition_reached(&r.conditions[0], 3.7, 3.8, 5));
    assert_true(cf_condition_reached(&r.conditions[0], 3.59, 3.8, 5));
    assert_int_equal(cf_condition_direction(&r.conditions[0], 3.4, 5), 1);
    assert_int_equal(cf_condition_direction(&r.conditions[0], 3.8, 5), -1);
    assert_int_equal(cf_condition_direction(&r.conditions[0], 3.6, 5), 0);
}

static void test_stops_resolve(void **state)
{
    (void)state;
    cf_step_stops st;
    cf_step s = one_step("Discharge at 2 W until 3 V or 3.2 V or 5 A");
    assert_int_equal(cf_step_stops_resolve(&s, 5, 3.7, 0.5, &st), 0);
    assert_close(st.v_below, 3.2); /* of two lower limits the higher is met first */
    assert_true(isnan(st.v_above));
    assert_true(isnan(st.abs_i_below));
    assert_close(st.abs_i_above, 5);
    assert_int_equal(cf_step_stops_resolve(&s, 5, 3.1, 0.5, &st), 1); /* already below 3.2 V */

    /* The direction check the step machine needs: charging until 3 V from 3.7 V. */
    s = one_step("Charge at 1C until 3 V");
    assert_int_equal(cf_step_stops_resolve(&s, 5, 3.7, 0, &st), 1);
    assert_close(st.v_above, 3);
    assert_int_equal(cf_step_stops_resolve(&s, 5, 2.9, 0, &st), 0);

    s = one_step("Hold at 4.2 V until C/50 or 10 mA");
    assert_int_equal(cf_step_stops_resolve(&s, 5, 4.1, 2.0, &st), 0);
    assert_close(st.abs_i_below, 0.1); /* C/50 = 0.1 A is met before 10 mA */

    s = one_step("Rest for 1 h");
    assert_int_equal(cf_step_stops_resolve(&s, 5, 3.7, 0, &st), 0);
    assert_true(isnan(st.v_below) && isnan(st.v_above) && isnan(st.abs_i_below) && isnan(st.abs_i_above));
}

static void test_mode_names(void **state)
{
    (void)state;
    assert_string_equal(cf_step_mode_name(CF_STEP_CRATE), "C-rate");
    assert_string_equal(cf_step_mode_name(CF_STEP_DRIVE_POWER), "drive power");
    assert_string_equal(cf_step_mode_name((cf_step_mode)99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_examples),
        cmocka_unit_test(test_pybamm_forms),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_case_spacing_and_numbers),
        cmocka_unit_test(test_multiple_conditions),
        cmocka_unit_test(test_explicit_comparisons),
        cmocka_unit_test(test_positions_and_text),
        cmocka_unit_test(test_setpoints_for_a_cell),
        cmocka_unit_test(test_condition_reached),
        cmocka_unit_test(test_stops_resolve),
        cmocka_unit_test(test_mode_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
