/* test_protocol_drive.c — drive-cycle CSV files: reading, the errors that
 * name their line, linear interpolation with repeats, knots, and drive
 * cycles inside protocols. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_protocol.h"

#define DATA CF_TEST_DATA_DIR "/protocol/"

static void assert_near_at(double a, double b, int line)
{
    if (!(fabs(a - b) <= 1e-12 * (1 + fabs(b)))) fail_msg("line %d: %.17g != %.17g", line, a, b);
}
#define assert_near(a, b) assert_near_at((a), (b), __LINE__)

static cf_drive_cycle *load_ok(const char *path)
{
    cf_error err;
    cf_drive_cycle *dc = NULL;
    int rc = cf_drive_cycle_load(path, &dc, &err);
    if (rc) print_message("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, CF_OK);
    return dc;
}

static void test_good_current_file(void **state)
{
    (void)state;
    /* rows (0,0) (10,5) (20,-2) (40,1); a comment, a blank line and an
     * ignored column in between. */
    cf_drive_cycle *dc = load_ok(DATA "drive_current.csv");
    assert_int_equal(cf_drive_cycle_kind(dc), CF_DRIVE_CURRENT);
    assert_int_equal(cf_drive_cycle_size(dc), 4);
    assert_near(cf_drive_cycle_duration(dc), 40);
    assert_near(cf_drive_cycle_times(dc)[2], 20);
    assert_near(cf_drive_cycle_values(dc)[2], -2);
    assert_string_equal(cf_drive_cycle_name(dc), DATA "drive_current.csv");
    /* Linear interpolation between rows. */
    assert_near(cf_drive_cycle_eval(dc, 0), 0);
    assert_near(cf_drive_cycle_eval(dc, 5), 2.5);
    assert_near(cf_drive_cycle_eval(dc, 15), 1.5);
    assert_near(cf_drive_cycle_eval(dc, 30), -0.5);
    assert_near(cf_drive_cycle_eval(dc, 40), 1);
    /* Past one pass the series starts again. */
    assert_near(cf_drive_cycle_eval(dc, 45), 2.5);
    assert_near(cf_drive_cycle_eval(dc, 95), 1.5);
    assert_near(cf_drive_cycle_eval(dc, -3), 0);
    assert_near(cf_drive_cycle_eval(dc, NAN), 0);
    /* Knots: the next row strictly after t, repeats included. */
    assert_near(cf_drive_cycle_next_knot(dc, -1), 0);
    assert_near(cf_drive_cycle_next_knot(dc, 0), 10);
    assert_near(cf_drive_cycle_next_knot(dc, 10), 20);
    assert_near(cf_drive_cycle_next_knot(dc, 25), 40);
    assert_near(cf_drive_cycle_next_knot(dc, 40), 50);
    assert_near(cf_drive_cycle_next_knot(dc, 79.5), 80);
    assert_near(cf_drive_cycle_next_knot(dc, 80), 90);
    /* Walking knot to knot always advances. */
    double t = 0;
    for (int i = 0; i < 1000; i++) {
        double nt = cf_drive_cycle_next_knot(dc, t);
        assert_true(nt > t);
        t = nt;
    }
    assert_near(t, 333 * 40.0 + 10); /* 3 knots per 40 s pass: 1000 knots = 333 passes + 1 */
    cf_drive_cycle_free(dc);
    cf_drive_cycle_free(NULL);
}

static void test_good_power_file(void **state)
{
    (void)state;
    /* Quoted PyBaMM-style header, CRLF line ends, time starting at 100 s. */
    cf_drive_cycle *dc = load_ok(DATA "drive_power.csv");
    assert_int_equal(cf_drive_cycle_kind(dc), CF_DRIVE_POWER);
    assert_near(cf_drive_cycle_duration(dc), 30);
    assert_near(cf_drive_cycle_times(dc)[0], 0); /* shifted to the step start */
    assert_near(cf_drive_cycle_eval(dc, 5), 20);
    assert_near(cf_drive_cycle_eval(dc, 20), 10);
    cf_drive_cycle_free(dc);
}

typedef struct {
    const char *file;
    const char *where;
    const char *message;
} file_case;

static void test_bad_files(void **state)
{
    (void)state;
    static const file_case cases[] = {
        {"drive_nonmono.csv", "drive_nonmono.csv:5:1", "time_s 2 is not after 2 on line 4"},
        {"drive_missing.csv", "drive_missing.csv:1", "no 'current_A' or 'power_W' column"},
        {"drive_nan.csv", "drive_nan.csv:4:3", "'NaN' in column 'current_A' is not a finite number"},
        {"drive_text.csv", "drive_text.csv:3:1", "'one' in column 'time_s' is not a number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, DATA "%s", cases[i].file);
        cf_error err;
        cf_drive_cycle *dc = (cf_drive_cycle *)&err;
        int rc = cf_drive_cycle_load(path, &dc, &err);
        char where[600];
        snprintf(where, sizeof where, DATA "%s", cases[i].where);
        if (rc != CF_EINVAL || dc || strcmp(err.where, where) || !strstr(err.message, cases[i].message))
            fail_msg("%s: rc %d where \"%s\" message \"%s\"", cases[i].file, rc, err.where, err.message);
    }
    cf_error err;
    cf_drive_cycle *dc = NULL;
    assert_int_equal(cf_drive_cycle_load(DATA "absent.csv", &dc, &err), CF_EIO);
    assert_null(dc);
    /* A directory or device is refused up front rather than read. */
    assert_int_equal(cf_drive_cycle_load(CF_TEST_DATA_DIR, &dc, &err), CF_EINVAL);
    assert_string_equal(err.message, "is a directory; only regular files are read as input");
    assert_int_equal(cf_drive_cycle_load("/dev/zero", &dc, &err), CF_EINVAL);
    cf_protocol *p = NULL;
    assert_int_equal(cf_protocol_load_file("/dev/null", &p, &err), CF_EINVAL);
    assert_null(p);
}

static void test_bad_text(void **state)
{
    (void)state;
    static const file_case cases[] = {
        {"", "m.csv", "drive cycle is empty"},
        {"# only a comment\n\n", "m.csv", "drive cycle is empty"},
        {"time_s,current_A\n", "m.csv", "at least two rows (has 0)"},
        {"time_s,current_A\n0,1\n", "m.csv", "at least two rows (has 1)"},
        {"time_s,current_A\n-1,1\n2,1\n", "m.csv:2:1", "start at >= 0"},
        {"time_s,current_A\n0,1\n1,inf\n", "m.csv:3:3", "not a finite number"},
        {"time_s,current_A\n0,1\n1,0x10\n", "m.csv:3:3", "not a number"},
        {"time_s,current_A\n0,1\n1,\n", "m.csv:3:3", "empty value in column 'current_A'"},
        {"time_s,current_A\n0,1\n1\n", "m.csv:3", "no value for column 'current_A'"},
        {"time_s,current_A\n0,1\n1,2.5.3\n", "m.csv:3:3", "not a number"},
        {"time_s,current_A\n0,1\n0.5,1\n0.4,1\n", "m.csv:4:1", "not after 0.5 on line 3"},
        {"current_A,power_W\n0,1\n", "m.csv:1", "no 'time_s' column"},
        {"time_s,current_A,power_W\n0,1,1\n1,1,1\n", "m.csv:1", "both 'current_A' and 'power_W'"},
        {"time_s,current_A,time_s\n0,1,1\n1,1,1\n", "m.csv:1:18", "'time_s' appears twice"},
        {"0,1\n1,2\n", "m.csv:1", "no 'time_s' column (header: '0,1')"},
        /* Rows closer than 1 us, or times past the longest step, would make the
         * knots of repeated passes indistinguishable (found by fuzzing: a
         * 1e-308 s cycle whose next knot never advanced). */
        {"time_s,current_A\n0,0\n1e-308,50\n", "m.csv:3:1", "rows must be at least 1e-06 s apart"},
        {"time_s,current_A\n0,0\n1.0000000005,1\n1.000000001,1\n", "m.csv:4:1", "at least 1e-06 s apart"},
        {"time_s,current_A\n0,0\n2e9,1\n", "m.csv:3:1", "past the longest step, 1000000000 s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cf_error err;
        cf_drive_cycle *dc = NULL;
        int rc = cf_drive_cycle_parse(cases[i].file, "m.csv", &dc, &err);
        if (rc != CF_EINVAL || dc || strcmp(err.where, cases[i].where) || !strstr(err.message, cases[i].message))
            fail_msg("case %zu: rc %d where \"%s\" message \"%s\"", i, rc, err.where, err.message);
    }
}

static void test_lenient_but_exact(void **state)
{
    (void)state;
    /* Spaces, quotes, upper-case names, extra columns and trailing commas are fine. */
    cf_error err;
    cf_drive_cycle *dc = NULL;
    assert_int_equal(cf_drive_cycle_parse(" TIME_S , note, Current_A ,\n 0 , a , \"1.5\",\n# pause\n2,b,-0.5,\n",
                                          NULL, &dc, &err),
                     CF_OK);
    assert_int_equal(cf_drive_cycle_size(dc), 2);
    assert_near(cf_drive_cycle_eval(dc, 1), 0.5);
    assert_string_equal(cf_drive_cycle_name(dc), "drive cycle");
    cf_drive_cycle_free(dc);
}

static void test_from_arrays(void **state)
{
    (void)state;
    const double t[] = {5, 6, 8}, y[] = {1, 3, 3};
    cf_error err;
    cf_drive_cycle *dc = NULL;
    assert_int_equal(cf_drive_cycle_new(CF_DRIVE_POWER, t, y, 3, "arrays", &dc, &err), CF_OK);
    assert_near(cf_drive_cycle_duration(dc), 3);
    assert_near(cf_drive_cycle_eval(dc, 0.5), 2);
    cf_drive_cycle_free(dc);
    const double bad_t[] = {0, 1, 1};
    assert_int_equal(cf_drive_cycle_new(CF_DRIVE_CURRENT, bad_t, y, 3, "arrays", &dc, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "point 3"));
    const double close_t[] = {0, 1, 1 + 1e-9}, late_t[] = {0, 1, 1e10};
    assert_int_equal(cf_drive_cycle_new(CF_DRIVE_CURRENT, close_t, y, 3, "arrays", &dc, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "point 3: time 1.000000001 s is only 1e-09 s after 1 s"));
    assert_int_equal(cf_drive_cycle_new(CF_DRIVE_CURRENT, late_t, y, 3, "arrays", &dc, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "past the longest step"));
    const double nan_y[] = {0, NAN, 1};
    assert_int_equal(cf_drive_cycle_new(CF_DRIVE_CURRENT, t, nan_y, 3, "arrays", &dc, &err), CF_EINVAL);
    assert_int_equal(cf_drive_cycle_new(CF_DRIVE_CURRENT, t, y, 1, "arrays", &dc, &err), CF_EINVAL);
    assert_int_equal(cf_drive_cycle_new((cf_drive_kind)7, t, y, 3, "arrays", &dc, &err), CF_EINVAL);
    assert_null(dc);
}

static void test_run_steps(void **state)
{
    (void)state;
    cf_error err;
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse("Run \"" DATA "drive_current.csv\" until 3 V; Run " DATA "drive_power.csv for 100 s or until 5 A", &p,
                               &err);
    if (rc) print_message("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, CF_OK);
    const cf_step *a = cf_protocol_step(p, 0), *b = cf_protocol_step(p, 1);
    assert_int_equal(a->mode, CF_STEP_DRIVE_CURRENT);
    assert_int_equal(a->verb, CF_VERB_RUN);
    assert_near(a->duration_s, 40); /* one pass by default */
    assert_non_null(a->drive);
    assert_int_equal(a->conditions[0].cmp, CF_CMP_CROSS);
    assert_near(cf_step_setpoint(a, 5), 0);
    assert_int_equal(b->mode, CF_STEP_DRIVE_POWER);
    assert_near(b->duration_s, 100);
    assert_int_equal(b->conditions[0].kind, CF_COND_CURRENT);
    assert_int_equal(b->conditions[0].cmp, CF_CMP_CROSS);
    assert_near(cf_drive_cycle_eval(b->drive, 65), 20); /* 65 s = 5 s into the 3rd pass */
    cf_protocol_free(p);

    /* A current drive cycle fixes the current: no current condition. */
    rc = cf_protocol_parse("Run " DATA "drive_current.csv until 5 A", &p, &err);
    assert_int_equal(rc, CF_EINVAL);
    assert_non_null(strstr(err.message, "set by the drive cycle"));
    /* A bad file inside a protocol names the step and the file's line. */
    rc = cf_protocol_parse("Rest for 1 s\nRun " DATA "drive_nan.csv", &p, &err);
    assert_int_equal(rc, CF_EINVAL);
    assert_non_null(strstr(err.where, "protocol:2:5: step 2: "));
    assert_non_null(strstr(err.where, "drive_nan.csv:4:3"));
}

static void test_protocol_from_drive_cycle(void **state)
{
    (void)state;
    cf_error err;
    cf_protocol *p = NULL;
    assert_int_equal(cf_protocol_from_drive_cycle(load_ok(DATA "drive_power.csv"), &p, &err), CF_OK);
    assert_int_equal(cf_protocol_step_count(p), 1);
    assert_int_equal(cf_protocol_cycle_count(p), 1);
    const cf_step *s = cf_protocol_step(p, 0);
    assert_int_equal(s->mode, CF_STEP_DRIVE_POWER);
    assert_near(s->duration_s, 30);
    assert_string_equal(s->text, "Run \"" DATA "drive_power.csv\"");
    cf_protocol_iter it;
    cf_step_visit v;
    cf_protocol_iter_init(&it, p);
    assert_int_equal(cf_protocol_iter_next(&it, &v), 1);
    assert_true(v.cycle_start && v.cycle_end);
    assert_int_equal(cf_protocol_iter_next(&it, &v), 0);
    cf_protocol_free(p);
    assert_int_equal(cf_protocol_from_drive_cycle(NULL, &p, &err), CF_EINVAL);
    assert_null(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_current_file),
        cmocka_unit_test(test_good_power_file),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_lenient_but_exact),
        cmocka_unit_test(test_from_arrays),
        cmocka_unit_test(test_run_steps),
        cmocka_unit_test(test_protocol_from_drive_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
