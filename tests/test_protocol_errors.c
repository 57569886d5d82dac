/* test_protocol_errors.c — every static check fails with a message that
 * names the step (1-based), the line and column (1-based) of the offending
 * word, and what was expected; nothing is returned on failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cellforge/cf_protocol.h"

typedef struct {
    const char *text;
    const char *where;   /* exact */
    const char *message; /* must appear in the message */
} error_case;

static void run_cases(const error_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cf_error err;
        cf_error_clear(&err);
        cf_protocol *p = (cf_protocol *)&err; /* must be reset to NULL */
        int rc = cf_protocol_parse(cases[i].text, &p, &err);
        if (rc != CF_EINVAL || p != NULL || strcmp(err.where, cases[i].where) != 0 ||
            !strstr(err.message, cases[i].message))
            fail_msg("case %zu \"%s\": rc %d, where \"%s\", message \"%s\"; wanted where \"%s\", message with \"%s\"",
                     i, cases[i].text, rc, err.where, err.message, cases[i].where, cases[i].message);
        assert_int_equal(err.code, CF_EINVAL);
    }
}

static void test_step_errors(void **state)
{
    (void)state;
    static const error_case cases[] = {
        /* "3" of "3 V" is column 50: the first step and "; " take 29 columns. */
        {"Discharge at 1C until 2.5 V; Hold at 4.2 V until 3 V", "protocol:1:50: step 2",
         "a voltage condition cannot end a voltage hold"},
        {"Rest for 0 minutes", "protocol:1:10: step 1", "must be a finite number > 0 (got 0)"},
        {"Rest for -5 minutes", "protocol:1:10: step 1", "> 0 (got -5)"},
        {"Discharge at -1 A", "protocol:1:14: step 1", "negative set-point"},
        {"Discharge at 0 A", "protocol:1:14: step 1", "set-point must be > 0"},
        {"Discharge at 0 C until 3 V", "protocol:1:14: step 1", "set-point must be > 0"},
        {"Dischrage at 1C", "protocol:1:1: step 1", "unexpected 'Dischrage' (did you mean 'Discharge'?)"},
        {"Discharge at 1 Q until 3 V", "protocol:1:16: step 1", "unknown unit 'Q': expected C, C/n, A, mA"},
        {"Discharge at 4 \xCE\xA9", "protocol:1:16: step 1", "non-ASCII"},
        {"Discharge at 1 until 3 V", "protocol:1:14: step 1", "missing unit after the number"},
        {"Discharge at 1C untill 3 V", "protocol:1:17: step 1", "'untill' (did you mean 'until'?)"},
        {"Discharge at 1C until 3 V please", "protocol:1:27: step 1", "unexpected 'please'"},
        {"Discharge at 1C for 1 fortnight", "protocol:1:23: step 1", "unknown time unit 'fortnight'"},
        {"Discharge at 1C for 1", "protocol:1:21: step 1", "missing time unit"},
        {"Discharge at 1C for", "protocol:1:20: step 1", "expected a duration after 'for'"},
        {"Discharge at 1C until", "protocol:1:22: step 1", "unexpected end of step"},
        {"Discharge at", "protocol:1:13: step 1", "expected a number with a unit"},
        {"Discharge 1C", "protocol:1:11: step 1", "expected 'at' after 'Discharge'"},
        {"Rest", "protocol:1:1: step 1", "never ends by itself"},
        {"Hold at 4.2 V", "protocol:1:1: step 1", "never ends by itself"},
        {"Hold at 1 A until 4.2 V", "protocol:1:9: step 1", "'Hold at' takes a voltage"},
        {"Charge at 4 Ohm until 4.2 V", "protocol:1:11: step 1", "a resistance can only discharge"},
        {"Discharge at 1C until 80% capacity", "protocol:1:23: step 1", "'terminate 80% capacity' on its own line"},
        {"Discharge at 1 A until 0.5 A", "protocol:1:24: step 1", "the current is fixed by this step"},
        {"Discharge at 1C until C/50", "protocol:1:23: step 1", "the current is fixed by this step"},
        {"Rest for 1 h or until 1 A", "protocol:1:23: step 1", "the current is zero during a rest"},
        {"Discharge at 1C until 2 W", "protocol:1:23: step 1", "not on power"},
        {"Discharge at 1C until 0 V", "protocol:1:23: step 1", "condition value must be > 0"},
        {"Discharge at 1 A until 1 V or 2 V or 3 V or 4 V or 5 V", "protocol:1:52: step 1", "too many conditions"},
        {"Discharge at 1C for 1 h for 2 h", "protocol:1:25: step 1", "one 'for' duration"},
        {"Discharge at C/0", "protocol:1:16: step 1", "divisor of C/n"},
        {"Discharge at C/x", "protocol:1:16: step 1", "a number after 'C/'"},
        {"Discharge at 1e999 A", "protocol:1:14: step 1", "not finite"},
        {"Charge at 1C or until 4.2 V", "protocol:1:14: step 1", "nothing to join"},
        {"Charge at 1C for 1 h or 4.2 V", "protocol:1:25: step 1", "'for' or 'until' after 'or'"},
        {"Discharge at 1C for 1 h (10 s)", "protocol:1:30: step 1", "'period'"},
        {"Discharge at 1C for 1 h (10 s period) extra", "protocol:1:39: step 1", "end of step after the period"},
        {"Run", "protocol:1:4: step 1", "expected a drive-cycle CSV file"},
        {"Run \"abc.csv", "protocol:1:5: step 1", "closing"},
        /* Positions count lines, comments and blank lines included. */
        {"Rest for 1 h\n# a comment\n\nDischarge at 1C until 2.5 V\n  Charge at 1C untl 4.2 V", "protocol:5:16: step 3",
         "unexpected 'untl'"},
        {"repeat 2 {\n  Rest for 1 h\n  Hold at 4.2 V until 3 V\n}", "protocol:3:23: step 2", "voltage hold"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_structure_errors(void **state)
{
    (void)state;
    static const error_case cases[] = {
        {"repeat 0 { Rest for 1 h }", "protocol:1:8", "whole number from 1 to 1000000000"},
        {"repeat 2.5 { Rest for 1 h }", "protocol:1:8", "whole number"},
        {"repeat 1e10 { Rest for 1 h }", "protocol:1:8", "whole number"},
        {"repeat x { Rest for 1 h }", "protocol:1:8", "expected a repeat count"},
        {"repeat 3 Rest for 1 h", "protocol:1:10", "expected '{'"},
        {"repeat 3", "protocol:1:1", "expected '{' after 'repeat N'"},
        {"repeat 3\nRest for 1 h", "protocol:2:1", "expected '{' after 'repeat N'"},
        {"repeat 3 {\nRest for 1 h\n", "protocol:1:1", "never closed"},
        {"Rest for 1 h }", "protocol:1:14", "'}' without a 'repeat N {'"},
        {"repeat 2 { }", "protocol:1:1", "repeat block has no steps"},
        {"repeat 2 { # nothing\n}", "protocol:1:1", "repeat block has no steps"},
        {"{ Rest for 1 h }", "protocol:1:1", "'{' must follow"},
        {"repeat 3 {{ Rest for 1 s }}", "protocol:1:11", "'{' must follow"},
        {"cycle 3 { Rest for 1 s }", "protocol:1:7", "expected '{'"},
        {"repeat 1 { repeat 1 { repeat 1 { repeat 1 { repeat 1 { repeat 1 { repeat 1 { repeat 1 { repeat 1 "
         "{ Rest for 1 s } } } } } } } } }",
         "protocol:1:89", "nested too deep"},
        {"repeat 2 { terminate 80% capacity; Rest for 1 h }", "protocol:1:12", "outside any repeat block"},
        {"Rest for 1 h; terminate 120% capacity", "protocol:1:25", "(0, 100]"},
        {"Rest for 1 h; terminate 0% capacity", "protocol:1:25", "> 0"},
        {"Rest for 1 h; terminate 80%", "protocol:1:28", "expected 'capacity'"},
        {"Rest for 1 h; terminate 80% capacity; terminate 70% capacity", "protocol:1:39", "given twice"},
        {"Rest for 1 h; terminate 3 W", "protocol:1:27", "expected a criterion"},
        {"Rest for 1 h; terminate", "protocol:1:24", "incomplete termination"},
        {"Rest for 1 h; until 80% capacity please", "protocol:1:34", "expected end of line"},
        {"", "protocol", "protocol has no steps"},
        {"  ;; \n # only a comment\n", "protocol", "protocol has no steps"},
        {"terminate 80% capacity", "protocol", "protocol has no steps"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_named_source_and_null(void **state)
{
    (void)state;
    cf_error err;
    cf_protocol *p = NULL;
    assert_int_equal(cf_protocol_parse_ex("Rest for 1 h\nRest for x", "ageing.txt", NULL, &p, &err), CF_EINVAL);
    assert_string_equal(err.where, "ageing.txt:2:10: step 2");
    assert_int_equal(cf_protocol_parse(NULL, &p, &err), CF_EINVAL);
    assert_null(p);
    /* NULL err is allowed: the status alone reports the failure. */
    assert_int_equal(cf_protocol_parse("Rest", &p, NULL), CF_EINVAL);
    assert_null(p);
    /* A missing drive-cycle file is an I/O error naming both the step and the file. */
    assert_int_equal(cf_protocol_parse("Rest for 1 s; Run /nonexistent/dir/us06.csv", &p, &err), CF_EIO);
    assert_non_null(strstr(err.where, "protocol:1:19: step 2: /nonexistent/dir/us06.csv"));
}

static void test_message_is_printable(void **state)
{
    (void)state;
    /* Control and non-ASCII bytes are shown escaped, never raw. */
    cf_error err;
    cf_protocol *p = NULL;
    assert_int_equal(cf_protocol_parse("Discharge at 1C \x01\x7f until 3 V", &p, &err), CF_EINVAL);
    for (const char *c = err.message; *c; c++) assert_true((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f);
    assert_non_null(strstr(err.message, "\\x01"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_errors),
        cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_named_source_and_null),
        cmocka_unit_test(test_message_is_printable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
