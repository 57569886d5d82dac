/* test_bpx_expr_fuzz.c — random text into the expression compiler: token
 * soup, mutated real OCP expressions and raw bytes.  Every input either
 * compiles (and then evaluates without fault) or fails with CF_EINVAL and a
 * "column N" inside the text.  Run under AddressSanitizer/UBSan
 * (-DCF_SANITIZE=ON) this is the crash test of the parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_expr.h"

/* xorshift64*: a fixed, portable sequence so failures reproduce. */
static uint64_t next_u64(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static unsigned pick(uint64_t *s, unsigned n) { return (unsigned)(next_u64(s) % n); }

static void check_one(const char *text, size_t len, long *compiled)
{
    cf_expr *e = NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_expr_compile(text, &e, &err);
    if (rc == CF_OK) {
        assert_non_null(e);
        (*compiled)++;
        double d;
        static const double xs[] = {-1.0, 0.0, 0.5, 1e3};
        for (size_t i = 0; i < 4; i++) (void)cf_expr_eval(e, xs[i], &d);
        cf_expr_free(e);
        return;
    }
    assert_int_equal(rc, CF_EINVAL);
    assert_null(e);
    assert_true(err.message[0] != '\0');
    if (len > CF_EXPR_MAX_LENGTH) return;
    unsigned long col = 0;
    if (sscanf(err.where, "column %lu", &col) != 1) fail_msg("no column in '%s' for '%.80s'", err.where, text);
    if (col < 1 || col > len + 1) fail_msg("column %lu outside 1..%zu for '%.80s'", col, len + 1, text);
}

/* Tokens drawn mostly in grammatical order (an operand after an operator),
 * with a share of junk, so that both the evaluator and the error paths run. */
static void test_token_soup(void **state)
{
    (void)state;
    static const char *const operands[] = {"x", "pi", "1", "2.5", "1e-3", ".5", "7.", "0", "1e308", "1e-400"};
    static const char *const prefixes[] = {"-", "+", "(", "exp(", "tanh(", "log(", "sqrt(", "abs(", "cosh("};
    static const char *const infixes[] = {"+", "-", "*", "/", "**", "^", " * ", " ** -"};
    static const char *const junk[] = {",", "tnh", " ", "e", "1e", "x(", "((", "))", "\t", ")", "exp", "2x", "$"};
#define PICK(a) a[pick(&s, sizeof a / sizeof a[0])]
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    char buf[512];
    long compiled = 0;
    for (int iter = 0; iter < 200000; iter++) {
        size_t len = 0;
        int open = 0, want_operand = 1;
        unsigned n = pick(&s, 30);
        buf[0] = '\0';
        for (unsigned k = 0; k < n || open > 0; k++) {
            const char *t;
            if (pick(&s, 20) == 0) t = PICK(junk);
            else if (want_operand) t = pick(&s, 3) == 0 ? PICK(prefixes) : PICK(operands);
            else if (open > 0 && pick(&s, 3) == 0) t = ")";
            else if (k >= n) t = ")";
            else t = PICK(infixes);
            size_t tl = strlen(t);
            if (len + tl + 1 >= sizeof buf) break;
            memcpy(buf + len, t, tl + 1);
            len += tl;
            char last = t[tl - 1];
            if (last == '(') open++;
            if (last == ')') open--;
            want_operand = !(last == ')' || (t == operands[0] || strchr("0123456789.xi", last)));
            if (k > 200) break;
        }
        check_one(buf, len, &compiled);
    }
#undef PICK
    /* The soup must reach the evaluator often, or it tests only errors. */
    print_message("token soup: %ld of 200000 compiled\n", compiled);
    assert_true(compiled > 20000);
}

static void test_mutated_ocps(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        ("1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234)) - 0.04478 * tanh(14.9159 * (x - "
         "0.2769)) - 0.0205 * tanh(30.4444 * (x - 0.6103))"),
        "0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)",
        "(-0.1112 * x + 0.02914 + 0.3561 * exp(-((x - 0.08309) ** 2) / 0.004616)) / 1000"};
    static const char alphabet[] = "x()+-*/^.,e0123456789 pitanhexplogsqrt\xff\x01";
    uint64_t s = 12345;
    char buf[512];
    long compiled = 0;
    for (int iter = 0; iter < 100000; iter++) {
        const char *seed = seeds[pick(&s, 3)];
        size_t len = strlen(seed);
        memcpy(buf, seed, len + 1);
        unsigned edits = 1 + pick(&s, 4);
        for (unsigned k = 0; k < edits && len > 0; k++) {
            size_t at = pick(&s, (unsigned)len);
            switch (pick(&s, 3)) {
            case 0: buf[at] = alphabet[pick(&s, sizeof alphabet - 1)]; break; /* replace */
            case 1: memmove(buf + at, buf + at + 1, len - at); len--; break;   /* delete */
            default:                                                           /* insert */
                if (len + 2 < sizeof buf) {
                    memmove(buf + at + 1, buf + at, len - at + 1);
                    buf[at] = alphabet[pick(&s, sizeof alphabet - 1)];
                    len++;
                }
            }
        }
        check_one(buf, len, &compiled);
    }
    assert_true(compiled > 1000);
}

static void test_raw_bytes(void **state)
{
    (void)state;
    uint64_t s = 777;
    char buf[256];
    long compiled = 0;
    for (int iter = 0; iter < 100000; iter++) {
        size_t len = pick(&s, 200);
        for (size_t i = 0; i < len; i++) {
            buf[i] = (char)(1 + pick(&s, 255)); /* no NUL inside */
        }
        buf[len] = '\0';
        check_one(buf, len, &compiled);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_soup),
        cmocka_unit_test(test_mutated_ocps),
        cmocka_unit_test(test_raw_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
