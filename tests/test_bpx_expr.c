/* test_bpx_expr.c — the expression evaluator behind BPX functions
 * (cf_expr.h): values against hand-computed ones, Python's operator rules,
 * exact derivatives against central finite differences, errors that name the
 * column, the nesting limit, and the cf_fn plumbing (copy, release, eval). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_expr.h"

static double eval_text(const char *text, double x, double *d)
{
    cf_expr *e = NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_expr_compile(text, &e, &err);
    if (rc) fail_msg("'%s' did not compile: %s: %s", text, err.where, err.message);
    double v = cf_expr_eval(e, x, d);
    cf_expr_free(e);
    return v;
}

static void check_value(const char *text, double x, double want)
{
    double got = eval_text(text, x, NULL);
    if (!(fabs(got - want) <= 1e-14 * fmax(1.0, fabs(want))))
        fail_msg("%s at x=%g: got %.17g, want %.17g", text, x, got, want);
}

static void test_arithmetic_and_precedence(void **state)
{
    (void)state;
    check_value("1 + 2 * 3", 0, 7);
    check_value("(1 + 2) * 3", 0, 9);
    check_value("2 - 3 - 4", 0, -5);          /* left-associative */
    check_value("1 / 2 / 2", 0, 0.25);
    check_value("2 ** 3 ** 2", 0, 512);       /* right-associative, as Python */
    check_value("2 ^ 3 ^ 2", 0, 512);
    check_value("-2 ** 2", 0, -4);            /* -(2**2) in Python */
    check_value("(-2) ** 2", 0, 4);
    check_value("2 ** -1", 0, 0.5);           /* a signed exponent */
    check_value("--x", 3, 3);
    check_value("+x - -x", 3, 6);
    check_value("-x ** 2", 3, -9);
    check_value("2 * -x", 3, -6);
    check_value(".5 + 1. + 1e-3 + 2.5E+2", 0, 251.501);
    check_value("pi", 0, 3.14159265358979323846);
    check_value("  x\t*\n2 ", 4, 8);
}

static void test_functions(void **state)
{
    (void)state;
    double x = 0.37;
    check_value("exp(x)", x, exp(x));
    check_value("log(x)", x, log(x));
    check_value("log10(x)", x, log10(x));
    check_value("sqrt(x)", x, sqrt(x));
    check_value("tanh(x)", x, tanh(x));
    check_value("sinh(x)", x, sinh(x));
    check_value("cosh(x)", x, cosh(x));
    check_value("sin(x)", x, sin(x));
    check_value("cos(x)", x, cos(x));
    check_value("tan(x)", x, tan(x));
    check_value("abs(-x)", x, x);
    check_value("exp(log(x))", x, x);
    /* The Chen2020 graphite OCP, as a BPX file writes it, at sto 0.5. */
    double s = 0.5;
    double want = 1.9793 * exp(-39.3631 * s) + 0.2482 - 0.0909 * tanh(29.8538 * (s - 0.1234)) -
                  0.04478 * tanh(14.9159 * (s - 0.2769)) - 0.0205 * tanh(30.4444 * (s - 0.6103));
    check_value("1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234))"
                 " - 0.04478 * tanh(14.9159 * (x - 0.2769)) - 0.0205 * tanh(30.4444 * (x - 0.6103))",
                 s, want);
    /* Nyman's conductivity at 1 mol/L: 0.1297 - 2.51 + 3.329 S/m. */
    check_value("0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)", 1000,
                 0.1297 - 2.51 + 3.329);
}

/* Derivatives: exact (dual numbers) against a central difference. */
static void test_derivatives(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "x", "3*x**2 - 2*x + 1", "x ** 1.5", "x ** x", "2 ** x", "exp(-39.3631 * x)", "log(1 + x)",
        "sqrt(x)", "tanh(29.8538 * (x - 0.1234))", "sinh(x) / cosh(x)", "sin(x) * cos(x) + tan(x)",
        "1 / (1 + x ** 2)", "abs(x - 0.2)", "log10(x) ^ 2", "-x ** 3 / (x + 2)",
        "(-0.1112 * x + 0.02914 + 0.3561 * exp(-((x - 0.08309) ** 2) / 0.004616)) / 1000",
        "-0.809 * x + 4.4875 - 0.0428 * tanh(18.5138 * (x - 0.5542)) - 17.7326 * tanh(15.789 * (x - 0.3117))"};
    static const double xs[] = {0.05, 0.3, 0.55, 0.8, 1.3};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++) {
            double x = xs[k], h = 1e-6 * fmax(1.0, fabs(x)), d;
            double v = eval_text(texts[i], x, &d);
            double fd = (eval_text(texts[i], x + h, NULL) - eval_text(texts[i], x - h, NULL)) / (2 * h);
            if (!(fabs(d - fd) <= 1e-6 * fmax(1.0, fabs(fd))))
                fail_msg("%s at x=%g: d/dx %.12g, finite difference %.12g (f=%g)", texts[i], x, d, fd, v);
        }
    /* Exact values of the derivative where they are known. */
    double d;
    eval_text("x ** 1.5", 0.0, &d);
    assert_true(d == 0.0); /* not NaN: the exponent's log term is never formed */
    eval_text("3 * x ** 2", 2.0, &d);
    assert_true(d == 12.0);
    eval_text("7", 2.0, &d);
    assert_true(d == 0.0);
}

static void check_error(const char *text, int column, const char *fragment)
{
    cf_expr *e = (cf_expr *)1;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_expr_compile(text, &e, &err);
    if (rc != CF_EINVAL) fail_msg("'%.60s' compiled (rc %d)", text, rc);
    assert_null(e);
    if (column > 0) {
        char want[32];
        snprintf(want, sizeof want, "column %d", column);
        if (strcmp(err.where, want) != 0)
            fail_msg("'%.60s': where '%s', want '%s' (%s)", text, err.where, want, err.message);
    }
    if (!strstr(err.message, fragment)) fail_msg("'%.60s': message '%s' lacks '%s'", text, err.message, fragment);
}

static void test_errors_name_the_column(void **state)
{
    (void)state;
    check_error("0.2482 - 0.0909 * tnh(x)", 19, "unknown function 'tnh' (did you mean 'tanh'?)");
    check_error("1 + y", 5, "unknown name 'y'");
    check_error("1 + sto", 5, "the only variable is x");
    check_error("2x", 1, "malformed or out-of-range number '2x'");
    check_error("1e999", 1, "out-of-range");
    check_error("1e", 1, "malformed");
    check_error("(1 + x", 7, "'(' opened at column 1 is not closed");
    check_error("1 + x)", 6, "')' without a matching '('");
    check_error("1 + * 2", 5, "expected a number, x, a function or '('");
    check_error("1 +", 4, "ends where a number");
    check_error("", 1, "empty expression");
    check_error("   ", 1, "empty expression");
    check_error("1 + xx", 5, "unknown name 'xx' (did you mean 'x'?)");
    check_error("ln(x)", 1, "unknown function 'ln' (did you mean 'log'?)");
    check_error("exp 2", 5, "needs its argument in parentheses");
    check_error("exp()", 5, "needs one argument");
    check_error("exp(1, 2)", 6, "takes one argument");
    check_error("x(2)", 1, "'x' is the variable");
    check_error("1 $ 2", 3, "unexpected character '$'");
    check_error("1 + \xff", 5, "byte 0xff");
    check_error("x x", 3, "expected an operator");
    check_error("()", 2, "empty parentheses");
    check_error("import os", 1, "unknown name 'import'");
    check_error("__import__('os')", 1, "unknown function '__import__'");
}

static char *nested(int depth, const char *open, const char *inner, const char *close)
{
    size_t n = (size_t)depth * (strlen(open) + strlen(close)) + strlen(inner) + 1;
    char *s = malloc(n);
    s[0] = '\0';
    for (int i = 0; i < depth; i++) strcat(s, open);
    strcat(s, inner);
    for (int i = 0; i < depth; i++) strcat(s, close);
    return s;
}

static void test_depth_limit(void **state)
{
    (void)state;
    /* Each parenthesis level is one level of nesting; x itself is one more. */
    char *ok = nested(CF_EXPR_MAX_DEPTH - 1, "(", "x", ")");
    check_value(ok, 2.5, 2.5);
    free(ok);
    char *deep = nested(CF_EXPR_MAX_DEPTH, "(", "x", ")");
    check_error(deep, CF_EXPR_MAX_DEPTH + 1, "nested deeper than 64 levels");
    free(deep);
    char *calls = nested(200, "exp(", "x", ")");
    check_error(calls, 0, "nested deeper than 64 levels");
    free(calls);
    char *signs = nested(60000, "-", "x", "");
    check_error(signs, 0, "nested deeper");
    free(signs);
    /* A long flat sum is not deep: 10000 terms compile and add up. */
    size_t n = 10000;
    char *sum = malloc(n * 2 + 8), *q = sum;
    *q++ = 'x';
    for (size_t i = 1; i < n; i++) {
        *q++ = '+';
        *q++ = 'x';
    }
    *q = '\0';
    check_value(sum, 0.5, 0.5 * (double)n);
    free(sum);
    char *huge = malloc(CF_EXPR_MAX_LENGTH + 16);
    memset(huge, ' ', CF_EXPR_MAX_LENGTH + 8);
    huge[CF_EXPR_MAX_LENGTH + 8] = '\0';
    huge[0] = 'x';
    check_error(huge, 0, "longer than 65536");
    free(huge);
}

static void test_text_copy_and_uses_x(void **state)
{
    (void)state;
    cf_expr *e, *c;
    assert_int_equal(cf_expr_compile("2 * x + 1", &e, NULL), CF_OK);
    assert_int_equal(cf_expr_copy(e, &c, NULL), CF_OK);
    cf_expr_free(e);
    assert_string_equal(cf_expr_text(c), "2 * x + 1");
    assert_true(cf_expr_uses_x(c));
    assert_true(cf_expr_eval(c, 3, NULL) == 7);
    cf_expr_free(c);
    assert_int_equal(cf_expr_compile("3.3e-14", &e, NULL), CF_OK);
    assert_false(cf_expr_uses_x(e));
    cf_expr_free(e);
    cf_expr_free(NULL);
}

/* cf_fn of kind CF_FN_EXPR through the ordinary cf_fn calls. */
static void test_fn_expression(void **state)
{
    (void)state;
    cf_fn f;
    cf_fn_set_constant(&f, 2.0);
    cf_error err;
    cf_error_clear(&err);
    assert_int_equal(cf_fn_set_expression(&f, "x ** 2 + 1", &err), CF_OK);
    assert_int_equal(f.kind, CF_FN_EXPR);
    assert_string_equal(cf_fn_expression_text(&f), "x ** 2 + 1");
    double d;
    assert_true(cf_fn_eval(&f, 3.0, 298.15, &d) == 10.0);
    assert_true(d == 6.0);
    /* A bad expression leaves f as it was. */
    assert_int_equal(cf_fn_set_expression(&f, "x +", &err), CF_EINVAL);
    assert_int_equal(f.kind, CF_FN_EXPR);
    cf_fn g;
    assert_int_equal(cf_fn_copy(&g, &f, &err), CF_OK);
    cf_fn_release(&f);
    assert_int_equal(f.kind, CF_FN_CONSTANT);
    assert_true(cf_fn_eval(&g, 2.0, 298.15, NULL) == 5.0); /* the copy owns its own program */
    cf_fn_release(&g);
    assert_null(cf_fn_expression_text(&g));

    /* A cell owning an expression copies and frees it (ASan checks leaks). */
    cf_cell *cell, *copy;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), CF_OK);
    assert_int_equal(cf_fn_set_expression(&cell->pos.phase[0].ocp, "4.2 - 0.9 * x", &err), CF_OK);
    assert_int_equal(cf_cell_copy(cell, &copy, &err), CF_OK);
    cf_cell_free(cell);
    assert_true(fabs(cf_fn_eval(&copy->pos.phase[0].ocp, 0.5, 298.15, NULL) - 3.75) < 1e-15);
    cf_cell_free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arithmetic_and_precedence),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_derivatives),
        cmocka_unit_test(test_errors_name_the_column),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_text_copy_and_uses_x),
        cmocka_unit_test(test_fn_expression),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
