/* test_charact_bet.c — BET areas recovered from isotherms built on the BET
 * equation with noise; the automatic range obeys the Rouquerol criteria;
 * flat isotherms and bad files are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_charact.h"
#include "support/charact_gen.h"

static int analyze(const char *text, const cf_bet_options *o, cf_bet_result *r, cf_error *e)
{
    cf_bet_isotherm iso;
    cf_error_clear(e);
    int rc = cf_bet_parse(text, "gen.txt", &iso, e);
    if (rc != CF_OK) return rc;
    rc = cf_bet_analyze(&iso, o, r, e);
    cf_bet_free(&iso);
    return rc;
}

static size_t grid(double *x, double lo, double hi, size_t n)
{
    for (size_t i = 0; i < n; i++) x[i] = lo * pow(hi / lo, (double)i / (double)(n - 1));
    return n;
}

/* Rouquerol criteria hold for the chosen range (checked from the result). */
static void check_criteria(const cf_bet_result *r)
{
    assert_true(r->c > 0.0);
    assert_true(r->p_monolayer >= r->p_lo && r->p_monolayer <= r->p_hi);
    assert_true(fabs(r->p_at_vm - r->p_monolayer) <= 0.1 * r->p_monolayer);
    assert_true(r->count >= 3);
}

static void test_type2_with_plateau(void **state)
{
    (void)state;
    const double vm[] = {0.9, 10.0, 150.0}, c[] = {40.0, 120.0, 600.0};
    double x[40];
    size_t n = grid(x, 0.005, 0.95, 40);
    for (int k = 0; k < 3; k++) {
        for (unsigned seed = 1; seed <= 5; seed++) {
            char *t = cfgen_bet(vm[k], c[k], x, n, 0.30, 0.2, 0.003, seed);
            cf_bet_result r;
            cf_error e;
            int rc = analyze(t, NULL, &r, &e);
            free(t);
            if (rc != CF_OK) fprintf(stderr, "%s: %s\n", e.where, e.message);
            assert_int_equal(rc, CF_OK);
            double want = cfgen_bet_area(vm[k]);
            if (fabs(r.area_m2_g / want - 1.0) > 0.02)
                fprintf(stderr, "S %.4g want %.4g C %.4g range %.4g–%.4g\n", r.area_m2_g, want, r.c, r.p_lo, r.p_hi);
            assert_true(fabs(r.area_m2_g / want - 1.0) <= 0.02);
            assert_true(r.automatic && r.area_u_m2_g > 0.0);
            assert_true(fabs(r.c - c[k]) <= 4.0 * r.c_u + 0.01 * c[k]); /* C is loosely determined */
            check_criteria(&r);
            assert_true(r.p_hi <= 0.31); /* criterion 1 stops at the plateau */
        }
    }
}

/* Exact BET data, no noise: any range gives vm exactly, R² = 1, and the
 * area conversion is S = vm N_A σ / 22414 (4.353 m2/g per cm3/g). */
static void test_exact_and_fixed_range(void **state)
{
    (void)state;
    double x[25];
    size_t n = grid(x, 0.01, 0.5, 25);
    char *t = cfgen_bet(10.0, 100.0, x, n, 1.0, 0.0, 0.0, 1);
    cf_bet_result r;
    cf_error e;
    assert_int_equal(analyze(t, NULL, &r, &e), CF_OK);
    assert_true(fabs(r.vm_cm3_g - 10.0) < 1e-4 && fabs(r.c - 100.0) < 0.01);
    assert_true(fabs(r.area_m2_g - 43.53) < 0.01);
    cf_bet_options o;
    cf_bet_options_default(&o);
    o.p_min = 0.05;
    o.p_max = 0.30;
    assert_int_equal(analyze(t, &o, &r, &e), CF_OK);
    free(t);
    assert_true(!r.automatic && r.p_lo >= 0.05 && r.p_hi <= 0.30);
    assert_true(fabs(r.vm_cm3_g - 10.0) < 1e-4);
}

/* Desorption points after the adsorption branch are ignored. */
static void test_desorption_ignored(void **state)
{
    (void)state;
    double x[30];
    size_t n = grid(x, 0.01, 0.6, 30);
    char *t = cfgen_bet(5.0, 80.0, x, n, 1.0, 0.0, 0.0, 1);
    size_t len = strlen(t);
    char *t2 = malloc(len + 200);
    memcpy(t2, t, len + 1);
    strcat(t2, "0.5\t999\n0.3\t999\n0.3\t998\n");
    free(t);
    cf_bet_isotherm iso;
    cf_error e;
    assert_int_equal(cf_bet_parse(t2, "x", &iso, &e), CF_OK);
    assert_int_equal(iso.n, 30);
    assert_int_equal(iso.n_desorption_ignored, 3);
    cf_bet_free(&iso);
    cf_bet_result r;
    assert_int_equal(analyze(t2, NULL, &r, &e), CF_OK);
    assert_true(fabs(r.vm_cm3_g - 5.0) < 1e-3);
    free(t2);
}

static void test_flat_isotherm(void **state)
{
    (void)state;
    cf_bet_result r;
    cf_error e;
    assert_int_equal(analyze("0.05 12.0\n0.1 12.01\n0.2 12.02\n0.3 12.0\n0.4 12.03\n", NULL, &r, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "flat isotherm"));
    assert_int_equal(analyze("0.05 0\n0.1 0\n0.2 0\n0.3 0\n", NULL, &r, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "zero"));
    /* A Langmuir-like isotherm saturated before the first point has no
     * Rouquerol-consistent range. */
    assert_int_equal(analyze("0.1 10\n0.2 10.5\n0.3 10.7\n0.4 10.8\n0.5 10.9\n", NULL, &r, &e), CF_EINVAL);
}

static void expect_error(const char *text, const char *where, const char *words)
{
    cf_bet_isotherm iso;
    cf_error e;
    cf_error_clear(&e);
    assert_int_equal(cf_bet_parse(text, "bad.txt", &iso, &e), CF_EINVAL);
    if (!strstr(e.where, where) || !strstr(e.message, words)) fprintf(stderr, "'%s' '%s'\n", e.where, e.message);
    assert_non_null(strstr(e.where, where));
    assert_non_null(strstr(e.message, words));
}

static void test_malformed(void **state)
{
    (void)state;
    expect_error("p V\n0.1 1\n1.2 3\n", "bad.txt:3", "outside (0, 1)");
    expect_error("0.1 1\n0 3\n", "bad.txt:2", "outside (0, 1)");
    expect_error("0.1 1\n0.2 -3\n", "bad.txt:2", "negative adsorbed volume");
    expect_error("0.1 1\n0.2 3 4\n", "bad.txt:2", "expected 2 columns");
    expect_error("0.1 1\n0.2 3\n0.1 2\n0.15 2\n", "bad.txt:4", "rises again");
    expect_error("0.1 1\n0.1 1.1\n", "bad.txt:2", "repeats");
    expect_error("0.1 1\n0.2 3O\n", "bad.txt:2:5", "expected a finite decimal number in column 2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type2_with_plateau),
        cmocka_unit_test(test_exact_and_fixed_range),
        cmocka_unit_test(test_desorption_ignored),
        cmocka_unit_test(test_flat_isotherm),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
