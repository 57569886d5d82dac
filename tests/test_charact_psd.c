/* test_charact_psd.c — moment means and percentiles of log-normal
 * distributions (known in closed form), number⇄volume conversion, particle
 * lists, S·Dv50, empty and malformed tables. */
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

static void analyze(const char *text, cf_psd_basis basis, cf_psd_size_is size_is,
                    const cf_psd_options *o, cf_psd_result *r)
{
    cf_psd_dist d;
    cf_error e;
    cf_error_clear(&e);
    int rc = cf_psd_parse(text, "gen.csv", basis, size_is, &d, &e);
    if (rc != CF_OK) fprintf(stderr, "%s: %s\n", e.where, e.message);
    assert_int_equal(rc, CF_OK);
    rc = cf_psd_analyze(&d, o, r, &e);
    if (rc != CF_OK) fprintf(stderr, "%s: %s\n", e.where, e.message);
    assert_int_equal(rc, CF_OK);
    cf_psd_free(&d);
}

static int rel(double got, double want, double tol)
{
    if (fabs(got / want - 1.0) <= tol) return 1;
    fprintf(stderr, "got %.6g want %.6g (tol %g)\n", got, want, tol);
    return 0;
}

/* Volume % in geometric classes (laser diffraction): D4/D1 = e^{3s²} ±1 %. */
static void test_lognormal_volume_classes(void **state)
{
    (void)state;
    const double xg[] = {4.0, 8.0, 2.5}, s[] = {0.35, 0.5, 0.25};
    for (int k = 0; k < 3; k++) {
        for (int cols = 2; cols <= 3; cols++) {
            char *t = cfgen_psd_classes(xg[k], s[k], 0.05, 2000.0, pow(10.0, 1.0 / 20.0), cols, 1);
            cf_psd_result r;
            analyze(t, CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, NULL, &r);
            free(t);
            assert_true(rel(r.d4_d1, exp(3.0 * s[k] * s[k]), 0.01));
            assert_true(rel(r.d10_um, cfgen_lognormal_dpq(xg[k], s[k], 1, 0), 0.01));
            assert_true(rel(r.d32_um, cfgen_lognormal_dpq(xg[k], s[k], 3, 2), 0.01));
            assert_true(rel(r.d43_um, cfgen_lognormal_dpq(xg[k], s[k], 4, 3), 0.01));
            /* Volume median xg e^{3s²}; Dv10/Dv90 at z = ∓1.2816. */
            double mv = xg[k] * exp(3.0 * s[k] * s[k]);
            assert_true(rel(r.dv50_um, mv, 0.01));
            assert_true(rel(r.dv10_um, mv * exp(-1.2815516 * s[k]), 0.01));
            assert_true(rel(r.dv90_um, mv * exp(1.2815516 * s[k]), 0.01));
            assert_true(rel(r.dn50_um, xg[k], 0.01));
            /* The grouping uncertainty is the size of the actual error. */
            double err = fabs(r.d4_d1 - exp(3.0 * s[k] * s[k]));
            assert_true(r.d4_d1_u > 0.5 * err && r.d4_d1_u < 2.0 * err + 1e-4);
            assert_true(r.dv50_u_um > 0.0);
        }
    }
}

/* The same distribution given as number %: the conversion must agree. */
static void test_number_basis(void **state)
{
    (void)state;
    char *t = cfgen_psd_classes(6.0, 0.4, 0.05, 2000.0, pow(10.0, 1.0 / 25.0), 3, 0);
    cf_psd_result r;
    analyze(t, CF_PSD_NUMBER, CF_PSD_SIZE_CENTER, NULL, &r);
    free(t);
    assert_true(rel(r.d4_d1, exp(3.0 * 0.16), 0.01));
    assert_true(rel(r.dv50_um, 6.0 * exp(0.48), 0.01));
    assert_true(rel(r.dn50_um, 6.0, 0.01));
    /* Number and volume fractions of one class table are consistent:
     * v_i ∝ n_i x_i³. */
    cf_psd_dist d;
    cf_error e;
    assert_int_equal(cf_psd_parse("1 10\n2 20\n4 70\n", "x", CF_PSD_NUMBER, CF_PSD_SIZE_CENTER, &d, &e), CF_OK);
    double nf[3], vf[3];
    assert_int_equal(cf_psd_convert(&d, nf, vf, &e), CF_OK);
    double sv = 0.1 * 1 + 0.2 * 8 + 0.7 * 64;
    assert_true(fabs(nf[2] - 0.7) < 1e-12);
    assert_true(fabs(vf[0] - 0.1 / sv) < 1e-12 && fabs(vf[2] - 0.7 * 64 / sv) < 1e-12);
    cf_psd_free(&d);
}

/* Upper- and lower-limit size columns describe the same classes. */
static void test_size_conventions(void **state)
{
    (void)state;
    /* Classes 1-2, 2-4, 4-8 µm with volume 20/50/30 %. */
    cf_psd_result a, b, c;
    analyze("1,2,20\n2,4,50\n4,8,30\n", CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, NULL, &a);
    analyze("2,20\n4,50\n8,30\n", CF_PSD_VOLUME, CF_PSD_SIZE_UPPER, NULL, &b);
    analyze("1,20\n2,50\n4,30\n", CF_PSD_VOLUME, CF_PSD_SIZE_LOWER, NULL, &c);
    assert_true(fabs(a.dv50_um - b.dv50_um) < 1e-9 && fabs(a.dv50_um - c.dv50_um) < 1e-9);
    assert_true(fabs(a.d43_um - b.d43_um) < 1e-9 && fabs(a.d43_um - c.d43_um) < 1e-9);
    /* Hand values: D[4,3] = Σ v x at the classes' geometric means √2, √8, √32.
     * Dv50 lies in class 2-4 at fraction 0.3/0.5 of it in ln x: 2·2^0.6. */
    assert_true(fabs(a.d43_um - (0.2 * sqrt(2.0) + 0.5 * sqrt(8.0) + 0.3 * sqrt(32.0))) < 1e-12);
    /* With the volume spread evenly in ln x, ⟨x⟩ = (U − L)/ln(U/L): the
     * reported uncertainty is the difference. */
    assert_true(fabs(a.d43_u_um - fabs(a.d43_um - (0.2 * 1 + 0.5 * 2 + 0.3 * 4) / log(2.0))) < 1e-12);
    assert_true(fabs(a.dv50_um - 2.0 * pow(2.0, 0.6)) < 1e-12);
}

/* A particle list (image analysis): sample moments of a known population,
 * with bootstrap uncertainties that cover the sampling error. */
static void test_particle_list(void **state)
{
    (void)state;
    const double xg = 7.0, s = 0.3;
    char *t = cfgen_psd_list(xg, s, 20000, 42);
    cf_psd_result r;
    cf_psd_options o;
    cf_psd_options_default(&o);
    o.bootstrap = 50;
    analyze(t, CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, &o, &r);
    free(t);
    assert_true(r.is_list && r.n == 20000 && r.uncertainty_kind == 1);
    double want = exp(3.0 * s * s);
    assert_true(rel(r.d4_d1, want, 0.01));
    assert_true(r.d4_d1_u > 0.0 && fabs(r.d4_d1 - want) < 5.0 * r.d4_d1_u);
    assert_true(rel(r.dn50_um, xg, 0.02));
    assert_true(rel(r.dv50_um, xg * exp(3.0 * s * s), 0.03));
    /* Deterministic: same seed, same answer. */
    t = cfgen_psd_list(xg, s, 500, 7);
    cf_psd_result r1, r2;
    analyze(t, CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, &o, &r1);
    analyze(t, CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, &o, &r2);
    free(t);
    assert_true(r1.d4_d1_u == r2.d4_d1_u && r1.dv50_u_um == r2.dv50_u_um);
    /* Monodisperse list: every mean equals the size, D4/D1 = 1. */
    analyze("5\n5\n5\n5\n", CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, &o, &r);
    assert_true(fabs(r.d4_d1 - 1.0) < 1e-12 && fabs(r.dv50_um - 5.0) < 1e-12);
}

static void test_s_dv50(void **state)
{
    (void)state;
    cf_psd_options o;
    cf_psd_options_default(&o);
    o.bet_m2_g = 4.0;
    o.bet_u_m2_g = 0.1;
    cf_psd_result r;
    analyze("1,2,20\n2,4,50\n4,8,30\n", CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, &o, &r);
    assert_true(fabs(r.s_dv50 - 4.0 * r.dv50_um) < 1e-12);
    assert_true(r.s_dv50_u > 0.1 * r.dv50_um * 0.999);
}

static void expect_error(const char *text, const char *where, const char *words)
{
    cf_psd_dist d;
    cf_error e;
    cf_error_clear(&e);
    assert_int_equal(cf_psd_parse(text, "bad.csv", CF_PSD_VOLUME, CF_PSD_SIZE_CENTER, &d, &e), CF_EINVAL);
    if (!strstr(e.where, where) || !strstr(e.message, words)) fprintf(stderr, "'%s' '%s'\n", e.where, e.message);
    assert_non_null(strstr(e.where, where));
    assert_non_null(strstr(e.message, words));
}

static void test_empty_and_malformed(void **state)
{
    (void)state;
    expect_error("size,vol\n1,0\n2,0\n4,0\n", "bad.csv", "empty distribution");
    expect_error("size,vol\n", "bad.csv", "no data rows");
    expect_error("1,2\n2,3\n1.5,4\n", "bad.csv:3", "increase");
    expect_error("1,2\n2,-3\n", "bad.csv:2", "negative amount");
    expect_error("1,2\n2,x3\n", "bad.csv:2:3", "expected a finite decimal number");
    expect_error("1,2,3,4\n", "bad.csv:1", "expected 1 to 3 numeric columns");
    expect_error("1,2,10\n1.5,3,10\n", "bad.csv:2", "overlaps");
    expect_error("0,1\n", "bad.csv:1", "> 0");
    expect_error("3\n-1\n", "bad.csv:2", "> 0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lognormal_volume_classes),
        cmocka_unit_test(test_number_basis),
        cmocka_unit_test(test_size_conventions),
        cmocka_unit_test(test_particle_list),
        cmocka_unit_test(test_s_dv50),
        cmocka_unit_test(test_empty_and_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
