/* test_charact_xrd.c — d002 and Lc recovered from synthetic patterns with
 * known answers, noise and background; Bragg/Scherrer reference values;
 * malformed files rejected with their line numbers. */
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

static void analyze_text(const char *text, const cf_xrd_options *o, cf_xrd_result *r, int expect)
{
    cf_xrd_pattern p;
    cf_error e;
    cf_error_clear(&e);
    assert_int_equal(cf_xrd_pattern_parse(text, "gen.xy", &p, &e), CF_OK);
    int rc = cf_xrd_analyze(&p, o, r, &e);
    if (rc != expect) fprintf(stderr, "rc %d: %s: %s\n", rc, e.where, e.message);
    assert_int_equal(rc, expect);
    cf_xrd_pattern_free(&p);
}

/* d002 ±0.001 nm and Lc ±5 % across the claimed ranges, and the reported
 * uncertainty covers the actual error. */
static void check_recovery(cfgen_xrd_spec *s, const cf_xrd_options *o)
{
    char *text = cfgen_xrd(s);
    cf_xrd_result r;
    analyze_text(text, o, &r, CF_OK);
    free(text);
    if (fabs(r.d002_nm - s->d002_nm) > 0.001 || fabs(r.lc_nm / s->lc_nm - 1.0) > 0.05)
        fprintf(stderr, "d002 %.5f (true %.4f) Lc %.4f (true %.3f) eta %.3f\n", r.d002_nm, s->d002_nm,
                r.lc_nm, s->lc_nm, r.eta);
    assert_true(fabs(r.d002_nm - s->d002_nm) <= 0.001);
    assert_true(fabs(r.lc_nm / s->lc_nm - 1.0) <= 0.05);
    assert_true(r.d002_u_nm > 0.0 && r.lc_u_nm > 0.0);
    assert_true(fabs(r.d002_nm - s->d002_nm) <= 5.0 * r.d002_u_nm + 1e-5);
    assert_true(fabs(r.lc_nm - s->lc_nm) <= 5.0 * r.lc_u_nm + 0.01 * s->lc_nm);
    assert_true(r.r2 > 0.9);
}

static void test_recover_default(void **state)
{
    (void)state;
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    check_recovery(&s, NULL);
}

static void test_recover_claim_corners(void **state)
{
    (void)state;
    const double d[] = {0.365, 0.400, 0.372, 0.395};
    const double lc[] = {1.0, 3.0, 3.0, 1.0};
    const double eta[] = {0.2, 0.7, 0.0, 1.0};
    for (int i = 0; i < 4; i++) {
        cfgen_xrd_spec s;
        cfgen_xrd_default(&s);
        s.d002_nm = d[i];
        s.lc_nm = lc[i];
        s.eta = eta[i];
        s.seed = 100 + (unsigned)i;
        check_recovery(&s, NULL);
    }
}

static void test_ka2_stripping(void **state)
{
    (void)state;
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    s.ka2 = 1;
    s.lc_nm = 2.8;
    s.d002_nm = 0.370;
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    o.strip_ka2 = 1;
    check_recovery(&s, &o);
    cf_xrd_result r;
    char *text = cfgen_xrd(&s);
    analyze_text(text, &o, &r, CF_OK);
    free(text);
    assert_true(r.ka2_stripped);
    assert_true(fabs(r.lambda_nm - CF_XRD_LAMBDA_CU_KA1_NM) < 1e-9);
}

/* Rachinger on a noise-free narrow doublet: the Kα2 line disappears and the
 * Kα1 line keeps its height. */
static void test_rachinger_removes_doublet(void **state)
{
    (void)state;
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    s.ka2 = 1;
    s.poisson = 0;
    s.bg[0] = s.bg[1] = 0.0;
    s.d002_nm = 0.1920; /* a sharp line near 47.3° where the doublet splits by 0.13° */
    s.lc_nm = 200.0;
    s.eta = 0.0;
    s.step = 0.005;
    s.tt_min = 44.0;
    s.tt_max = 50.0;
    char *text = cfgen_xrd(&s);
    cf_xrd_pattern p;
    cf_error e;
    assert_int_equal(cf_xrd_pattern_parse(text, "gen.xy", &p, &e), CF_OK);
    free(text);
    double c1, w1;
    cfgen_xrd_peak(&s, &c1, &w1);
    double c2 = 2.0 * asin(CF_XRD_LAMBDA_CU_KA2_NM / (2.0 * s.d002_nm)) * 180.0 / 3.14159265358979323846;
    assert_true(c2 - c1 > 2.0 * w1); /* resolved doublet, so the test means something */
    assert_int_equal(cf_xrd_strip_ka2(&p, 0.5, &e), CF_OK);
    double at1 = 0, at2 = 0, d1 = 1e9, d2 = 1e9, neg = 0;
    for (size_t i = 0; i < p.n; i++) {
        if (fabs(p.two_theta_deg[i] - c1) < d1) { d1 = fabs(p.two_theta_deg[i] - c1); at1 = p.intensity[i]; }
        if (fabs(p.two_theta_deg[i] - c2) < d2) { d2 = fabs(p.two_theta_deg[i] - c2); at2 = p.intensity[i]; }
        if (p.intensity[i] < neg) neg = p.intensity[i];
    }
    assert_true(fabs(at1 - s.height) < 0.03 * s.height);
    assert_true(fabs(at2) < 0.03 * s.height);
    assert_true(neg > -0.03 * s.height);
    cf_xrd_pattern_free(&p);
}

static void test_instrument_broadening(void **state)
{
    (void)state;
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    s.lc_nm = 3.0;
    s.instr_fwhm_deg = 1.2; /* exaggerated so the correction matters */
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    o.instrument_fwhm_deg = 1.2;
    check_recovery(&s, &o);
    /* Without the correction the apparent crystallite is smaller. */
    char *text = cfgen_xrd(&s);
    cf_xrd_result r;
    analyze_text(text, NULL, &r, CF_OK);
    assert_true(r.lc_nm < 0.95 * s.lc_nm);
    /* b >= B cannot be corrected for. */
    o.instrument_fwhm_deg = 20.0;
    analyze_text(text, &o, &r, CF_EINVAL);
    free(text);
}

static void test_standard_fit(void **state)
{
    (void)state;
    /* A sharp Si(111)-like line: d = 0.31356 nm, crystallite 100 nm, plus
     * 0.08° instrumental width; the fit returns the total FWHM. */
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    s.d002_nm = 0.31356;
    s.lc_nm = 100.0;
    s.instr_fwhm_deg = 0.08;
    s.eta = 0.5;
    s.height = 20000.0;
    s.bg[0] = 200.0;
    s.bg[1] = 0.0;
    s.tt_min = 20.0;
    s.tt_max = 40.0;
    s.step = 0.01;
    char *text = cfgen_xrd(&s);
    cf_xrd_pattern p;
    cf_error e;
    assert_int_equal(cf_xrd_pattern_parse(text, "si.xy", &p, &e), CF_OK);
    free(text);
    double c, w;
    cfgen_xrd_peak(&s, &c, &w);
    cf_xrd_standard st;
    assert_int_equal(cf_xrd_standard_fit(&p, 0, 0, 0, 0.5, &st, &e), CF_OK);
    assert_true(fabs(st.two_theta_deg - c) < 0.005);
    assert_true(fabs(st.fwhm_deg / w - 1.0) < 0.03);
    assert_true(st.fwhm_u_deg > 0.0);
    cf_xrd_pattern_free(&p);
}

static void test_curved_background(void **state)
{
    (void)state;
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    s.bg[0] = 150.0;
    s.bg[1] = 2.0;
    s.bg[2] = 0.15;
    s.lc_nm = 1.8;
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    o.background_order = 2;
    check_recovery(&s, &o);
}

static void test_no_peak(void **state)
{
    (void)state;
    cfgen_xrd_spec s;
    cfgen_xrd_default(&s);
    s.height = 0.0;
    char *text = cfgen_xrd(&s);
    cf_xrd_result r;
    analyze_text(text, NULL, &r, CF_EINVAL);
    free(text);
    /* Only a band outside the window (the (10) band near 43°). */
    cfgen_xrd_default(&s);
    s.height = 0.0;
    s.peak2_center_deg = 43.0;
    s.peak2_fwhm_deg = 6.0;
    s.peak2_height = 2000.0;
    text = cfgen_xrd(&s);
    analyze_text(text, NULL, &r, CF_EINVAL);
    free(text);
    /* A window with too few points. */
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    o.window_min_deg = 80.0;
    o.window_max_deg = 90.0;
    cfgen_xrd_default(&s);
    text = cfgen_xrd(&s);
    analyze_text(text, &o, &r, CF_EINVAL);
    free(text);
}

static void test_bragg_scherrer_reference(void **state)
{
    (void)state;
    /* Bragg's law d = λ / (2 sin θ) with Cu Kα, λ = 0.15418 nm [CALC]. */
    double l = 0.15418, deg = 3.14159265358979323846 / 180.0;
    assert_true(fabs(cf_xrd_bragg_d_nm(24.39, l) - 0.365) < 0.0005);
    assert_true(fabs(cf_xrd_bragg_d_nm(22.22, l) - 0.400) < 0.0005);
    assert_true(fabs(cf_xrd_bragg_d_nm(26.58, l) - 0.3354) < 0.0005);
    assert_true(fabs(cf_xrd_scherrer_nm(0.9, l, 8.1, 23.4) - 1.0) < 0.01);
    assert_true(fabs(cf_xrd_scherrer_nm(0.9, l, 2.7, 23.4) - 3.0) < 0.02);
    /* Exact inverse: d = λ / (2 sin θ). */
    double tt = 2.0 * asin(l / (2.0 * 0.38)) / deg;
    assert_true(fabs(cf_xrd_bragg_d_nm(tt, l) - 0.38) < 1e-12);
}

static void expect_parse_error(const char *text, const char *where, const char *words)
{
    cf_xrd_pattern p;
    cf_error e;
    cf_error_clear(&e);
    assert_int_equal(cf_xrd_pattern_parse(text, "bad.xy", &p, &e), CF_EINVAL);
    if (!strstr(e.where, where) || !strstr(e.message, words))
        fprintf(stderr, "where '%s' message '%s'\n", e.where, e.message);
    assert_non_null(strstr(e.where, where));
    assert_non_null(strstr(e.message, words));
    assert_null(p.two_theta_deg);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_parse_error("# c\n2theta I\n10 5\n10.1 6 7\n", "bad.xy:4", "expected 2 columns");
    expect_parse_error("10 5\n10.1 abc\n", "bad.xy:2:6", "expected a finite decimal number in column 2");
    expect_parse_error("10 5\n10.2 6\n10.1 7\n", "bad.xy:3", "must increase");
    expect_parse_error("10 5\n10.2 -6\n", "bad.xy:2", "negative intensity");
    expect_parse_error("10 5\n10.2 nan\n", "bad.xy:2", "finite");
    expect_parse_error("10, 5\n10.2,,6\n", "bad.xy:2", "empty field");
    expect_parse_error("2theta intensity\n", "bad.xy", "no data rows");
    expect_parse_error("10 5 1\n", "bad.xy:1", "expected 2 numeric columns, found 3");
    expect_parse_error("10 5\n10.1 6\nfooter 7\n", "bad.xy:3:1", "expected a finite decimal number in column 1");
    /* Accepted variety: BOM, CRLF, comments, separators, a trailing comment. */
    cf_xrd_pattern p;
    cf_error e;
    assert_int_equal(cf_xrd_pattern_parse("\xEF\xBB\xBF" "Angle;Counts\r\n% note\r\n10;5\r\n10.1 , 6 # x\r\n\r\n10.2\t7\r\n",
                                          "ok.xy", &p, &e),
                     CF_OK);
    assert_int_equal(p.n, 3);
    assert_true(p.two_theta_deg[1] == 10.1 && p.intensity[2] == 7.0);
    cf_xrd_pattern_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recover_default),
        cmocka_unit_test(test_recover_claim_corners),
        cmocka_unit_test(test_ka2_stripping),
        cmocka_unit_test(test_rachinger_removes_doublet),
        cmocka_unit_test(test_instrument_broadening),
        cmocka_unit_test(test_standard_fit),
        cmocka_unit_test(test_curved_background),
        cmocka_unit_test(test_no_peak),
        cmocka_unit_test(test_bragg_scherrer_reference),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
