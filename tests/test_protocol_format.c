/* test_protocol_format.c — canonical text: known renderings, and parse ->
 * format -> parse gives the same steps and the same execution order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_protocol.h"

static cf_protocol *parse_ok(const char *text)
{
    cf_error err;
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    if (rc) fail_msg("\"%s\": %s: %s", text, err.where, err.message);
    return p;
}

static void test_canonical_text(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Discharge at 1C until 2.5 V", "Discharge at 1 C until 2.5 V"},
        {"Charge at 0.5 C for 1 hour or until 4.2 V", "Charge at C/2 for 1 h or until 4.2 V"},
        {"Hold at 4.2 V until C/50", "Hold at 4.2 V until C/50"},
        {"Rest for 30 minutes", "Rest for 30 min"},
        {"Discharge at 2 W for 10 minutes", "Discharge at 2 W for 10 min"},
        {"Discharge at 4 Ohm until 3 V", "Discharge at 4 Ohm until 3 V"},
        {"Charge at 1 A until 4.1V", "Charge at 1 A until 4.1 V"},
        {"Hold at 4.2V until 50 mA", "Hold at 4.2 V until 50 mA"},
        {"discharge at 2w until < 2.5v or > 4 a", "Discharge at 2 W until < 2.5 V or > 4 A"},
        {"Discharge at 1C for 90 s", "Discharge at 1 C for 90 s"},
        {"Discharge at 1C for 5400 s", "Discharge at 1 C for 90 min"},
        {"Rest for 2 days", "Rest for 48 h"},
        {"Discharge at 250 mOhm until 3 V", "Discharge at 250 mOhm until 3 V"},
        {"Charge at 1500 mW until 4.2 V", "Charge at 1.5 W until 4.2 V"},
        {"Charge at 0.3 C until 4.2 V", "Charge at 0.3 C until 4.2 V"},
        {"Discharge at 1C for 1 hour (1 minute period)", "Discharge at 1 C for 1 h (1 min period)"},
        {"Rest until 3.6 V", "Rest until 3.6 V"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cf_protocol *p = parse_ok(cases[i].in);
        char buf[256];
        size_t n = cf_step_format(cf_protocol_step(p, 0), buf, sizeof buf);
        if (strcmp(buf, cases[i].out) != 0) fail_msg("\"%s\" -> \"%s\", wanted \"%s\"", cases[i].in, buf, cases[i].out);
        assert_int_equal(n, strlen(cases[i].out));
        cf_protocol_free(p);
    }
}

static void test_buffer_sizes(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("Charge at 0.5 C for 1 hour or until 4.2 V");
    const cf_step *s = cf_protocol_step(p, 0);
    size_t need = cf_step_format(s, NULL, 0);
    assert_int_equal(need, strlen("Charge at C/2 for 1 h or until 4.2 V"));
    char small[10];
    memset(small, 'x', sizeof small);
    assert_int_equal(cf_step_format(s, small, sizeof small), need);
    assert_string_equal(small, "Charge at");
    cf_protocol_free(p);
}

static void assert_same_step(const cf_step *a, const cf_step *b)
{
    assert_int_equal(a->mode, b->mode);
    assert_int_equal(a->verb, b->verb);
    assert_true(fabs(a->value - b->value) <= 1e-9 * fabs(a->value));
    assert_true(fabs(a->duration_s - b->duration_s) <= 1e-9 * a->duration_s);
    assert_true(fabs(a->period_s - b->period_s) <= 1e-9 * a->period_s);
    assert_int_equal(a->n_conditions, b->n_conditions);
    for (int i = 0; i < a->n_conditions; i++) {
        assert_int_equal(a->conditions[i].kind, b->conditions[i].kind);
        assert_int_equal(a->conditions[i].written, b->conditions[i].written);
        assert_int_equal(a->conditions[i].cmp, b->conditions[i].cmp);
        assert_true(fabs(a->conditions[i].value - b->conditions[i].value) <= 1e-9 * a->conditions[i].value);
    }
}

static void test_step_round_trip(void **state)
{
    (void)state;
    static const char *steps[] = {
        "Charge at C/3 until 4.2 V",
        "Charge at 0.37 C for 7 min or until 4.15 V",
        "Discharge at 1.23456789 A until 2.75 V",
        "Discharge at 1.23456789 W until 2.75 V or 3 A",
        "Discharge at 12.5 W for 10 s or until 3 V or > 7 A",
        "Charge at 999 mW until 4.2 V or 10 mA",
        "Hold at 4.2 V for 2 h or until C/50 or 5 mA",
        "Hold at 3.0 V until < 0.02 C",
        "Discharge at 0.5 Ohm until 2.5 V or 0.1 A",
        "Discharge at 3e-3 A for 1e5 s",
        "Rest for 4321 s or until > 3.9 V",
        "Rest for 1 day",
        "Charge at 4.1 V until 20 mA",
        "Discharge at C/7 for 3 h (30 s period)",
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        cf_protocol *a = parse_ok(steps[i]);
        char buf[256];
        cf_step_format(cf_protocol_step(a, 0), buf, sizeof buf);
        assert_null(strpbrk(buf, ",;\n")); /* safe in a CSV column */
        cf_protocol *b = parse_ok(buf);
        assert_same_step(cf_protocol_step(a, 0), cf_protocol_step(b, 0));
        cf_protocol_free(a);
        cf_protocol_free(b);
    }
}

static void test_protocol_round_trip(void **state)
{
    (void)state;
    cf_protocol *a = parse_ok("Rest for 1 h\n"
                              "repeat 3 {\n"
                              "  Discharge at 1C until 2.5 V\n"
                              "  repeat 2 { Discharge at 2C for 10 s; Rest for 10 s }\n"
                              "  Charge at C/2 until 4.2 V; Hold at 4.2 V until C/50\n"
                              "}\n"
                              "cycle { Rest for 5 min; Discharge at C/20 until 2.5 V }\n"
                              "terminate 80% capacity\nterminate 2.5 V\nterminate 4 Ah capacity");
    FILE *f = tmpfile();
    assert_non_null(f);
    cf_error err;
    assert_int_equal(cf_protocol_write(a, f, &err), CF_OK);
    long len = ftell(f);
    assert_true(len > 0);
    rewind(f);
    char *text = calloc(1, (size_t)len + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    cf_protocol *b = parse_ok(text);
    free(text);
    assert_int_equal(cf_protocol_step_count(a), cf_protocol_step_count(b));
    assert_int_equal(cf_protocol_group_count(a), cf_protocol_group_count(b));
    assert_int_equal(cf_protocol_cycle_count(a), cf_protocol_cycle_count(b));
    assert_int_equal(cf_protocol_total_steps(a), cf_protocol_total_steps(b));
    assert_memory_equal(cf_protocol_termination(a), cf_protocol_termination(b), sizeof(cf_termination));
    cf_protocol_iter ia, ib;
    cf_step_visit va, vb;
    cf_protocol_iter_init(&ia, a);
    cf_protocol_iter_init(&ib, b);
    int64_t n = 0;
    while (cf_protocol_iter_next(&ia, &va)) {
        assert_int_equal(cf_protocol_iter_next(&ib, &vb), 1);
        assert_int_equal(va.step->index, vb.step->index);
        assert_int_equal(va.cycle, vb.cycle);
        assert_int_equal(va.step_in_cycle, vb.step_in_cycle);
        assert_int_equal(va.cycle_end, vb.cycle_end);
        assert_same_step(va.step, vb.step);
        n++;
    }
    assert_int_equal(cf_protocol_iter_next(&ib, &vb), 0);
    assert_int_equal(n, 1 + 3 * (1 + 4 + 2) + 2);
    cf_protocol_free(a);
    cf_protocol_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_text),
        cmocka_unit_test(test_buffer_sizes),
        cmocka_unit_test(test_step_round_trip),
        cmocka_unit_test(test_protocol_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
