/* test_protocol_fuzz.c — random, truncated and mutated protocol and
 * drive-cycle texts never crash, hang or leak (run under ASan), and every
 * outcome is either a well-formed protocol or a clean, printable error.
 * The generator is seeded, so a failure reproduces. */
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

#define DATA CF_TEST_DATA_DIR "/protocol/"

typedef struct {
    uint64_t s;
} rng;

static uint64_t next_u64(rng *r)
{
    /* xorshift64*: small, deterministic, good enough to pick fragments. */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static size_t pick(rng *r, size_t n) { return (size_t)(next_u64(r) % n); }

static void check_printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f) fail_msg("unprintable byte 0x%02X in message", (unsigned char)*s);
}

/* A parsed protocol must be internally consistent and survive a format ->
 * parse round trip; an error must be clean. */
static void check_outcome(const char *text, int rc, cf_protocol *p, const cf_error *err)
{
    if (rc != CF_OK) {
        if (p) fail_msg("protocol returned with error for \"%s\"", text);
        if (rc != CF_EINVAL && rc != CF_EIO) fail_msg("status %d for \"%s\"", rc, text);
        if (!err->message[0]) fail_msg("empty message for \"%s\"", text);
        check_printable(err->message);
        return;
    }
    assert_non_null(p);
    int n = cf_protocol_step_count(p);
    assert_true(n >= 1);
    for (int i = 0; i < n; i++) {
        const cf_step *s = cf_protocol_step(p, i);
        assert_true(isfinite(s->value) && isfinite(s->duration_s) && s->duration_s >= 0 && s->period_s >= 0);
        assert_true(s->n_conditions >= 0 && s->n_conditions <= CF_STEP_MAX_CONDITIONS);
        if (s->mode == CF_STEP_REST) assert_true(s->value == 0);
        else if (s->mode != CF_STEP_DRIVE_CURRENT && s->mode != CF_STEP_DRIVE_POWER) assert_true(s->value != 0);
        for (int k = 0; k < s->n_conditions; k++) {
            assert_true(s->conditions[k].value > 0 && isfinite(s->conditions[k].value));
            assert_true(s->conditions[k].cmp != CF_CMP_AUTO);
        }
        char buf[512];
        if (cf_step_format(s, buf, sizeof buf) < sizeof buf) {
            cf_error e2;
            cf_protocol *q = NULL;
            if (cf_protocol_parse(buf, &q, &e2) != CF_OK)
                fail_msg("canonical \"%s\" of \"%s\" does not parse: %s", buf, text, e2.message);
            const cf_step *t = cf_protocol_step(q, 0);
            assert_int_equal(t->mode, s->mode);
            assert_int_equal(t->n_conditions, s->n_conditions);
            cf_protocol_free(q);
        }
    }
    /* Walk a bounded prefix of the execution order. */
    cf_protocol_iter it;
    cf_step_visit v;
    cf_protocol_iter_init(&it, p);
    int64_t last_cycle = -1, count = 0;
    while (count < 2000 && cf_protocol_iter_next(&it, &v)) {
        assert_true(v.cycle == last_cycle || v.cycle == last_cycle + 1);
        assert_true(v.step_in_cycle < cf_protocol_group(p, v.group)->steps_per_cycle);
        assert_true(v.cycle_start == (v.step_in_cycle == 0));
        last_cycle = v.cycle;
        count++;
    }
    if (cf_protocol_total_steps(p) <= 2000) assert_int_equal(count, cf_protocol_total_steps(p));
    cf_protocol_free(p);
}

static void parse_and_check(const char *text)
{
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    check_outcome(text, rc, p, &err);
}

static const char *const FRAGMENTS[] = {
    "Discharge", "Charge", "Hold", "Rest", "Run", "at", "for", "until", "or", "repeat", "cycle", "terminate",
    "times", "capacity", "period", "C", "C/", "A", "mA", "W", "mW", "kW", "Ohm", "mOhm", "V", "mV", "Ah",
    "mAh", "A.h", "s", "min", "minutes", "h", "hour", "day", "1", "0", "-1", "2.5", "4.2", ".5", "1e", "1e3",
    "1e999", "-0", "3/", "+", "-", ".", "/", "%", "<", ">", "(", ")", "{", "}", ";", "\n", "\r\n", "#", "\"",
    " ", " ", " ", "\t", "\xCE\xA9", "\xFF", "\x01", "50", "C/50", "1C", "4.2V", "80%",
    "Run \"" DATA "drive_current.csv\"", "Run " DATA "drive_power.csv",
};

static void test_random_token_soup(void **state)
{
    (void)state;
    rng r = {0x9E3779B97F4A7C15ULL};
    const size_t nf = sizeof FRAGMENTS / sizeof FRAGMENTS[0];
    char text[1024];
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0, parts = pick(&r, 24);
        text[0] = '\0';
        for (size_t k = 0; k < parts; k++) {
            const char *f = FRAGMENTS[pick(&r, nf)];
            size_t fl = strlen(f);
            if (len + fl + 2 >= sizeof text) break;
            memcpy(text + len, f, fl);
            len += fl;
            if (pick(&r, 3)) text[len++] = ' ';
            text[len] = '\0';
        }
        parse_and_check(text);
    }
}

/* Grammatical steps from random parts: most parse, and those must be right. */
static void test_random_wellformed(void **state)
{
    (void)state;
    static const char *const verbs[] = {"Discharge at", "Charge at", "Hold at", "Rest"};
    static const char *const qty[] = {"1C", "C/3", "2 A", "500 mA", "3 W", "4 Ohm", "4.2 V", "3700 mV"};
    static const char *const lims[] = {"", " for 1 h", " until 3 V", " until 4.2 V or C/50",
                                       " for 10 min or until 50 mA", " until > 3.9 V", " until < 2 A"};
    rng r = {12345};
    int parsed = 0;
    for (int iter = 0; iter < 5000; iter++) {
        char text[512] = "";
        size_t steps = 1 + pick(&r, 4);
        int repeat = (int)pick(&r, 2);
        if (repeat) snprintf(text, sizeof text, "repeat %d {\n", 1 + (int)pick(&r, 5));
        for (size_t k = 0; k < steps; k++) {
            size_t v = pick(&r, 4);
            char step[128];
            snprintf(step, sizeof step, "%s%s%s%s\n", verbs[v], v == 3 ? "" : " ", v == 3 ? "" : qty[pick(&r, 8)],
                     lims[pick(&r, 7)]);
            strncat(text, step, sizeof text - strlen(text) - 1);
        }
        if (repeat) strncat(text, "}\nterminate 80% capacity\n", sizeof text - strlen(text) - 1);
        cf_error err;
        cf_protocol *p = NULL;
        int rc = cf_protocol_parse(text, &p, &err);
        parsed += rc == CF_OK;
        check_outcome(text, rc, p, &err);
    }
    /* The static checks reject only some combinations (e.g. a voltage
     * condition on a hold): both outcomes must actually occur. */
    assert_true(parsed > 100 && parsed < 5000);
}

static const char *const GOOD =
    "# check-up then ageing\n"
    "Rest for 1 hour\n"
    "repeat 3 times\n"
    "{\n"
    "  Discharge at 1C for 10 hours or until 2.5 V   # CC\n"
    "  repeat 2 { Discharge at 2 W for 10 s; Rest until > 3.6 V }\n"
    "  Charge at C/3 for 1 h or until 4.2 V or 5 A\n"
    "  Hold at 4.2V until C/50 or 10 mA (30 s period)\n"
    "}\n"
    "Discharge at 4 Ohm until 3 V; Charge at 1 A until 4.1V\n"
    "terminate 80% capacity\n"
    "until 2.5 V\n";

static void test_truncations_and_mutations(void **state)
{
    (void)state;
    parse_and_check(GOOD);
    size_t n = strlen(GOOD);
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    for (size_t cut = 0; cut <= n; cut++) {
        memcpy(buf, GOOD, cut);
        buf[cut] = '\0';
        parse_and_check(buf);
    }
    static const char repl[] = {'\0', ' ', ';', '{', '}', '#', '"', '/', '-', '0', 'x', '\n', '%', '<', (char)0xC3};
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof repl; k++) {
            memcpy(buf, GOOD, n + 1);
            buf[i] = repl[k];
            parse_and_check(buf);
        }
    }
    free(buf);
}

static void check_drive(const char *text)
{
    cf_error err;
    cf_drive_cycle *dc = NULL;
    int rc = cf_drive_cycle_parse(text, "fuzz.csv", &dc, &err);
    if (rc) {
        assert_null(dc);
        assert_int_equal(rc, CF_EINVAL);
        check_printable(err.message);
        return;
    }
    size_t n = cf_drive_cycle_size(dc);
    const double *t = cf_drive_cycle_times(dc), *y = cf_drive_cycle_values(dc);
    assert_true(n >= 2);
    assert_true(t[0] == 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(isfinite(t[i]) && isfinite(y[i]));
        if (i) assert_true(t[i] > t[i - 1]);
    }
    for (double s = -1; s < 3 * cf_drive_cycle_duration(dc); s += 0.37) assert_true(isfinite(cf_drive_cycle_eval(dc, s)));
    cf_drive_cycle_free(dc);
}

static void test_drive_cycle_fuzz(void **state)
{
    (void)state;
    static const char *const csv = "# header follows\ntime_s,speed,current_A\r\n0,1,0.5\n1.5,2,-1e-1\n\n3,3,\"2\"\n4,4,1\n";
    size_t n = strlen(csv);
    char buf[256];
    for (size_t cut = 0; cut <= n; cut++) {
        memcpy(buf, csv, cut);
        buf[cut] = '\0';
        check_drive(buf);
    }
    static const char repl[] = {'\0', ',', '\n', '-', 'e', 'n', '.', '"', '#', ' ', '9'};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof repl; k++) {
            memcpy(buf, csv, n + 1);
            buf[i] = repl[k];
            check_drive(buf);
        }
    rng r = {777};
    static const char alphabet[] = "0123456789.,-+eE\n \"#abtime_scurrent_Apower_W";
    for (int iter = 0; iter < 5000; iter++) {
        size_t len = pick(&r, sizeof buf - 1);
        for (size_t k = 0; k < len; k++) buf[k] = alphabet[pick(&r, sizeof alphabet - 1)];
        buf[len] = '\0';
        check_drive(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_token_soup),
        cmocka_unit_test(test_random_wellformed),
        cmocka_unit_test(test_truncations_and_mutations),
        cmocka_unit_test(test_drive_cycle_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
