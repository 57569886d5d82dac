/* test_protocol_cycles.c — repeat blocks, cycle numbering, the iterator's
 * execution order, bounded memory for long experiments, and the
 * experiment-level termination criteria. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_protocol.h"

static cf_protocol *parse_ok(const char *text)
{
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    if (rc) print_message("unexpected error: %s: %s\n", err.where, err.message);
    assert_int_equal(rc, CF_OK);
    assert_non_null(p);
    return p;
}

/* Expected visit: step index, cycle, position in cycle, first/last of cycle. */
typedef struct {
    int step;
    int64_t cycle, in_cycle;
    int start, end;
} visit;

static void check_sequence(const cf_protocol *p, const visit *want, size_t n)
{
    cf_protocol_iter it;
    cf_protocol_iter_init(&it, p);
    cf_step_visit v;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(cf_protocol_iter_next(&it, &v), 1);
        if (v.step->index != want[i].step || v.cycle != want[i].cycle || v.step_in_cycle != want[i].in_cycle ||
            v.cycle_start != want[i].start || v.cycle_end != want[i].end || v.index != (int64_t)i)
            fail_msg("visit %zu: got step %d cycle %lld pos %lld start %d end %d index %lld", i, v.step->index,
                     (long long)v.cycle, (long long)v.step_in_cycle, v.cycle_start, v.cycle_end,
                     (long long)v.index);
    }
    assert_int_equal(cf_protocol_iter_next(&it, &v), 0);
    assert_int_equal(cf_protocol_iter_next(&it, &v), 0); /* stays finished */
    assert_int_equal(cf_protocol_total_steps(p), (int64_t)n);
}

static void test_top_level_steps_are_cycles(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("Charge at 1C until 4.2 V; Discharge at 1C until 3 V");
    assert_int_equal(cf_protocol_group_count(p), 2);
    assert_int_equal(cf_protocol_cycle_count(p), 2);
    const visit want[] = {{0, 0, 0, 1, 1}, {1, 1, 0, 1, 1}};
    check_sequence(p, want, 2);
    cf_protocol_free(p);
}

/* PyBaMM's tuple: a '(' group is one cycle; ';', ',' or newlines separate
 * its steps; a step's own "(1 minute period)" stays inside the step. */
static void test_parenthesised_group_is_one_cycle(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("(Discharge at 1C until 3 V, Rest for 10 min); "
                              "(Charge at 1C until 4.1 V (1 minute period); Hold at 4.1 V until C/50)\n"
                              "Rest for 1 h");
    assert_int_equal(cf_protocol_cycle_count(p), 3);
    const visit want[] = {{0, 0, 0, 1, 0}, {1, 0, 1, 0, 1}, {2, 1, 0, 1, 0}, {3, 1, 1, 0, 1}, {4, 2, 0, 1, 1}};
    check_sequence(p, want, 5);
    assert_true(fabs(cf_protocol_step(p, 2)->period_s - 60.0) < 1e-12);
    assert_true(cf_protocol_step(p, 0)->period_s == 0.0);
    cf_protocol_free(p);
    /* multi-line, as a file */
    p = parse_ok("(\n  Discharge at 1C until 3 V\n  Charge at 1C until 4.1 V\n)\n");
    assert_int_equal(cf_protocol_cycle_count(p), 1);
    cf_protocol_free(p);
    /* unbalanced or empty groups are errors that point at the group */
    static const char *const bad[] = {"(Discharge at 1C until 3 V", "Discharge at 1C until 3 V)", "()",
                                      "(Discharge at 1C until 3 V}", "repeat 2 { Rest for 1 h )",
                                      "Rest for 1 h (1e7 s period)"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cf_error err;
        cf_error_clear(&err);
        cf_protocol *q = NULL;
        if (cf_protocol_parse(bad[i], &q, &err) != CF_EINVAL) fail_msg("accepted: %s", bad[i]);
        assert_null(q);
        assert_true(strstr(err.where, "protocol:1:") != NULL);
    }
}

static void test_repeat_block_order(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("Rest for 1 h\n"
                              "repeat 3 {\n"
                              "  Discharge at 1C until 3 V\n"
                              "  Charge at 1C until 4.2 V\n"
                              "}\n"
                              "Rest for 2 h\n");
    assert_int_equal(cf_protocol_step_count(p), 4);
    assert_int_equal(cf_protocol_cycle_count(p), 5);
    assert_int_equal(cf_protocol_group_count(p), 3);
    const cf_cycle_group *g = cf_protocol_group(p, 1);
    assert_int_equal(g->first_step, 1);
    assert_int_equal(g->n_steps, 2);
    assert_int_equal(g->repeat, 3);
    assert_int_equal(g->first_cycle, 1);
    assert_int_equal(g->steps_per_cycle, 2);
    assert_int_equal(g->line, 2);
    g = cf_protocol_group(p, 2);
    assert_int_equal(g->first_cycle, 4);
    assert_int_equal(cf_protocol_step(p, 0)->group, 0);
    assert_int_equal(cf_protocol_step(p, 2)->group, 1);
    assert_int_equal(cf_protocol_step(p, 3)->group, 2);
    assert_null(cf_protocol_group(p, 3));
    const visit want[] = {
        {0, 0, 0, 1, 1}, {1, 1, 0, 1, 0}, {2, 1, 1, 0, 1}, {1, 2, 0, 1, 0},
        {2, 2, 1, 0, 1}, {1, 3, 0, 1, 0}, {2, 3, 1, 0, 1}, {3, 4, 0, 1, 1},
    };
    check_sequence(p, want, sizeof want / sizeof want[0]);
    cf_protocol_free(p);
}

static void test_brace_layouts_and_comments(void **state)
{
    (void)state;
    /* Same protocol written three ways: one line, braces on own lines with
     * comments, and 'repeat N times'. */
    const char *texts[] = {
        "repeat 2 { Discharge at 1C until 3 V; Charge at 1C until 4.2 V }",
        "# comment line\n"
        "repeat 2   # trailing comment\n"
        "{\n"
        "    Discharge at 1C until 3 V   # discharge\n"
        "\n"
        "    Charge at 1C until 4.2 V\n"
        "}\n",
        "\xEF\xBB\xBFrepeat 2 times {\r\n\tDischarge at 1C until 3 V\r\n\tCharge at 1C until 4.2 V\r\n}\r\n",
    };
    const visit want[] = {{0, 0, 0, 1, 0}, {1, 0, 1, 0, 1}, {0, 1, 0, 1, 0}, {1, 1, 1, 0, 1}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cf_protocol *p = parse_ok(texts[i]);
        assert_int_equal(cf_protocol_step_count(p), 2);
        assert_string_equal(cf_protocol_step(p, 1)->text, "Charge at 1C until 4.2 V");
        check_sequence(p, want, 4);
        cf_protocol_free(p);
    }
}

static void test_nested_repeat(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("repeat 2 {\n"
                              "  Discharge at C/10 for 1 h\n"         /* A = 0 */
                              "  repeat 3 { Discharge at 1C for 10 s; Rest for 10 s }\n" /* B = 1, C = 2 */
                              "  Charge at C/2 until 4.2 V\n"          /* D = 3 */
                              "}");
    assert_int_equal(cf_protocol_cycle_count(p), 2);
    assert_int_equal(cf_protocol_group(p, 0)->steps_per_cycle, 8);
    visit want[16];
    const int pass[8] = {0, 1, 2, 1, 2, 1, 2, 3};
    for (int c = 0; c < 2; c++)
        for (int k = 0; k < 8; k++) {
            visit v = {pass[k], c, k, k == 0, k == 7};
            want[c * 8 + k] = v;
        }
    check_sequence(p, want, 16);
    cf_protocol_free(p);

    /* 'cycle { }' groups top-level steps into one cycle. */
    p = parse_ok("cycle { Charge at C/2 until 4.2 V; Hold at 4.2 V until C/50; Discharge at 1C until 2.5 V }");
    assert_int_equal(cf_protocol_cycle_count(p), 1);
    const visit one[] = {{0, 0, 0, 1, 0}, {1, 0, 1, 0, 0}, {2, 0, 2, 0, 1}};
    check_sequence(p, one, 3);
    cf_protocol_free(p);
}

static void test_long_experiment_memory_is_bounded(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("repeat 10000 { Discharge at 1C until 3 V; Rest for 10 min; Charge at 1C until 4.2 V }");
    assert_int_equal(cf_protocol_step_count(p), 3); /* not 30000 */
    assert_int_equal(cf_protocol_cycle_count(p), 10000);
    assert_int_equal(cf_protocol_total_steps(p), 30000);
    cf_protocol_iter it;
    cf_protocol_iter_init(&it, p);
    cf_step_visit v;
    int64_t n = 0, ends = 0, last_cycle = -1;
    while (cf_protocol_iter_next(&it, &v)) {
        assert_int_equal(v.step->index, (int)(n % 3));
        assert_int_equal(v.cycle, n / 3);
        ends += v.cycle_end;
        last_cycle = v.cycle;
        n++;
    }
    assert_int_equal(n, 30000);
    assert_int_equal(ends, 10000);
    assert_int_equal(last_cycle, 9999);
    cf_protocol_free(p);

    /* Counts stay exact up to 1e15 executed steps without expanding anything. */
    p = parse_ok("repeat 1000000000 { repeat 1000000 { Rest for 1 s } }");
    assert_int_equal(cf_protocol_total_steps(p), 1000000000000000LL);
    assert_int_equal(cf_protocol_cycle_count(p), 1000000000LL);
    assert_int_equal(cf_protocol_group(p, 0)->steps_per_cycle, 1000000);
    cf_protocol_iter_init(&it, p);
    for (int k = 0; k < 1000001; k++) assert_int_equal(cf_protocol_iter_next(&it, &v), 1);
    assert_int_equal(v.cycle, 1); /* step 1,000,001 opens the second cycle */
    assert_int_equal(v.step_in_cycle, 0);
    cf_protocol_free(p);

    cf_error err;
    assert_int_equal(cf_protocol_parse("repeat 1000000000 { repeat 1000001 { Rest for 1 s } }", &p, &err), CF_EINVAL);
    assert_null(p);
    assert_non_null(strstr(err.message, "more than 1e15"));
}

static void test_two_iterators_are_independent(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("repeat 2 { Rest for 1 s; Rest for 2 s }");
    cf_protocol_iter a, b;
    cf_protocol_iter_init(&a, p);
    cf_protocol_iter_init(&b, p);
    cf_step_visit va, vb;
    assert_int_equal(cf_protocol_iter_next(&a, &va), 1);
    assert_int_equal(cf_protocol_iter_next(&a, &va), 1);
    assert_int_equal(cf_protocol_iter_next(&b, &vb), 1);
    assert_int_equal(va.step->index, 1);
    assert_int_equal(vb.step->index, 0);
    assert_int_equal(vb.index, 0);
    cf_protocol_free(p);

    cf_protocol_iter_init(&a, NULL); /* an iterator over nothing ends at once */
    assert_int_equal(cf_protocol_iter_next(&a, &va), 0);
}

static void test_termination_parse(void **state)
{
    (void)state;
    cf_protocol *p = parse_ok("Discharge at 1C until 3 V");
    assert_false(cf_protocol_has_termination(p));
    cf_protocol_free(p);

    static const struct {
        const char *line;
        double fraction, ah, volts;
    } cases[] = {
        {"terminate 80% capacity", 0.8, 0, 0},
        {"until 80% capacity", 0.8, 0, 0},
        {"TERMINATE 75 % Capacity", 0.75, 0, 0},
        {"terminate 4 Ah capacity", 0, 4, 0},
        {"terminate 4Ah capacity", 0, 4, 0},
        {"terminate 4000 mAh capacity", 0, 4, 0},
        {"terminate 4 A.h capacity", 0, 4, 0},
        {"terminate 2.5 V", 0, 0, 2.5},
        {"terminate 2500 mV", 0, 0, 2.5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[160];
        snprintf(text, sizeof text, "repeat 5 { Discharge at 1C until 3 V; Charge at 1C until 4.2 V }\n%s",
                 cases[i].line);
        p = parse_ok(text);
        const cf_termination *t = cf_protocol_termination(p);
        assert_true(cf_protocol_has_termination(p));
        assert_true(fabs(t->capacity_fraction - cases[i].fraction) < 1e-12);
        assert_true(fabs(t->capacity_Ah - cases[i].ah) < 1e-12);
        assert_true(fabs(t->min_voltage - cases[i].volts) < 1e-12);
        assert_int_equal(cf_protocol_step_count(p), 2);
        cf_protocol_free(p);
    }

    /* Several criteria at once; the line may come first. */
    p = parse_ok("terminate 80% capacity; terminate 2.5 V\nrepeat 3 { Rest for 1 s }");
    assert_true(fabs(cf_protocol_termination(p)->capacity_fraction - 0.8) < 1e-12);
    assert_true(fabs(cf_protocol_termination(p)->min_voltage - 2.5) < 1e-12);
    cf_protocol_free(p);
}

static void test_termination_reached(void **state)
{
    (void)state;
    cf_termination t = {0.8, 0, 0};
    /* 80% of a 5 Ah first cycle is 4 Ah. */
    assert_false(cf_termination_reached(&t, 5.0, 4.01, 3.0));
    assert_true(cf_termination_reached(&t, 5.0, 4.0, 3.0));
    assert_true(cf_termination_reached(&t, 5.0, 3.9, 3.0));
    assert_false(cf_termination_reached(&t, 0.0, 0.0, 3.0)); /* no reference yet */
    cf_termination a = {0, 4.0, 0};
    assert_false(cf_termination_reached(&a, 5.0, 4.5, 3.0));
    assert_true(cf_termination_reached(&a, 5.0, 3.99, 3.0));
    cf_termination v = {0, 0, 2.5};
    assert_false(cf_termination_reached(&v, 5.0, 1.0, 2.6));
    assert_true(cf_termination_reached(&v, 5.0, 1.0, 2.5));
    cf_termination none = {0, 0, 0};
    assert_false(cf_termination_reached(&none, 5.0, 0.0, 0.0));
    assert_false(cf_termination_reached(NULL, 5.0, 0.0, 0.0));
}

static void test_protocol_file(void **state)
{
    (void)state;
    cf_error err;
    cf_protocol *p = NULL;
    const char *path = CF_TEST_DATA_DIR "/protocol/cycling.txt";
    int rc = cf_protocol_load_file(path, &p, &err);
    if (rc) print_message("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, CF_OK);
    assert_int_equal(cf_protocol_step_count(p), 6);
    assert_int_equal(cf_protocol_cycle_count(p), 5); /* rest, 3 x CC-CV, drive */
    assert_int_equal(cf_protocol_total_steps(p), 1 + 3 * 4 + 1);
    const cf_step *hold = cf_protocol_step(p, 4);
    assert_int_equal(hold->mode, CF_STEP_VOLTAGE);
    assert_int_equal(hold->line, 9);
    assert_int_equal(hold->column, 5);
    assert_string_equal(hold->source, path);
    const cf_step *cc = cf_protocol_step(p, 1);
    assert_string_equal(cc->text, "Discharge at 1C until 2.5 V"); /* comment stripped */
    const cf_step *drive = cf_protocol_step(p, 5);
    assert_int_equal(drive->mode, CF_STEP_DRIVE_CURRENT);
    assert_true(drive->duration_s == 100);
    assert_true(fabs(cf_protocol_termination(p)->capacity_fraction - 0.8) < 1e-12);
    cf_protocol_free(p);

    rc = cf_protocol_load_file(CF_TEST_DATA_DIR "/protocol/no_such_file.txt", &p, &err);
    assert_int_equal(rc, CF_EIO);
    assert_null(p);
    assert_non_null(strstr(err.where, "no_such_file.txt"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_level_steps_are_cycles),
        cmocka_unit_test(test_repeat_block_order),
        cmocka_unit_test(test_parenthesised_group_is_one_cycle),
        cmocka_unit_test(test_brace_layouts_and_comments),
        cmocka_unit_test(test_nested_repeat),
        cmocka_unit_test(test_long_experiment_memory_is_bounded),
        cmocka_unit_test(test_two_iterators_are_independent),
        cmocka_unit_test(test_termination_parse),
        cmocka_unit_test(test_termination_reached),
        cmocka_unit_test(test_protocol_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
