/* test_charact_dta.c — exothermic peak temperatures from synthetic DTA/DSC
 * curves: a first-order reaction whose maximum is known exactly (Kissinger),
 * Gaussian exotherms with known onset and area, sign conventions, no peak,
 * malformed files. */
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

static int analyze(const char *text, const cf_dta_options *o, cf_dta_result *r, cf_error *e)
{
    cf_dta_curve c;
    cf_error_clear(e);
    int rc = cf_dta_parse(text, "gen.txt", 0, 0, &c, e);
    if (rc != CF_OK) return rc;
    rc = cf_dta_analyze(&c, o, r, e);
    cf_dta_free(&c);
    return rc;
}

/* Peak temperature ±1 °C for skewed reaction exotherms at several heating
 * rates, energies, noise levels and sampling steps. */
static void test_kissinger_peak(void **state)
{
    (void)state;
    const double tm[] = {680.0, 612.3, 745.8, 600.0};
    const double E[] = {150e3, 220e3, 120e3, 180e3};
    const double dt[] = {0.5, 1.0, 0.2, 2.0};
    const double noise[] = {0.2, 0.5, 0.1, 0.3};
    for (int k = 0; k < 4; k++) {
        char *t = cfgen_dta_kissinger(tm[k], E[k], 10.0, 40.0, 5.0, -0.01, 100.0, 1000.0, dt[k], noise[k],
                                      (unsigned)k + 1);
        cf_dta_result r;
        cf_error e;
        int rc = analyze(t, NULL, &r, &e);
        free(t);
        if (rc != CF_OK) fprintf(stderr, "%s: %s\n", e.where, e.message);
        assert_int_equal(rc, CF_OK);
        const cf_dta_peak *p = &r.peaks[r.main];
        if (fabs(p->t_c - tm[k]) > 1.0) fprintf(stderr, "peak %.3f want %.3f\n", p->t_c, tm[k]);
        assert_true(fabs(p->t_c - tm[k]) <= 1.0);
        assert_true(p->t_u_c > 0.0 && fabs(p->t_c - tm[k]) <= 5.0 * p->t_u_c + 0.1);
        assert_true(r.n_peaks == 1);
        assert_true(p->onset_c < p->t_c);
    }
}

/* Two Gaussian exotherms on a sloping baseline, exothermic down (DSC):
 * peak = centre, onset = centre − 2σ (tangent at the inflection point),
 * area = A σ sqrt(2π). */
static void test_gauss_two_peaks_exo_down(void **state)
{
    (void)state;
    const double amp[] = {3.0, 10.0}, cen[] = {420.0, 655.0}, sig[] = {15.0, 25.0};
    char *t = cfgen_dta_gauss(amp, cen, sig, 2, -2.0, 0.004, 50.0, 900.0, 0.5, 0.05, 1, 3);
    cf_dta_options o;
    cf_dta_options_default(&o);
    o.exo_down = 1;
    cf_dta_result r;
    cf_error e;
    assert_int_equal(analyze(t, &o, &r, &e), CF_OK);
    assert_int_equal(r.n_peaks, 2);
    assert_int_equal(r.main, 1);
    for (int k = 0; k < 2; k++) {
        assert_true(fabs(r.peaks[k].t_c - cen[k]) <= 1.0);
        assert_true(fabs(r.peaks[k].onset_c - (cen[k] - 2.0 * sig[k])) <= 2.0);
        assert_true(fabs(r.peaks[k].height / amp[k] - 1.0) < 0.03);
        assert_true(fabs(r.peaks[k].area / (amp[k] * sig[k] * sqrt(2.0 * 3.14159265358979)) - 1.0) < 0.05);
    }
    /* Read with the wrong convention, these are endotherms: no exotherm. */
    assert_int_equal(analyze(t, NULL, &r, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "--exo-down"));
    free(t);
    /* A temperature window isolates the small peak. */
    t = cfgen_dta_gauss(amp, cen, sig, 2, -2.0, 0.004, 50.0, 900.0, 0.5, 0.05, 0, 3);
    o.exo_down = 0;
    o.t_min_c = 300.0;
    o.t_max_c = 540.0;
    assert_int_equal(analyze(t, &o, &r, &e), CF_OK);
    assert_int_equal(r.n_peaks, 1);
    assert_true(fabs(r.peaks[0].t_c - 420.0) <= 1.0);
    free(t);
}

static void test_no_peak(void **state)
{
    (void)state;
    double amp = 0.0, cen = 500.0, sig = 20.0;
    char *t = cfgen_dta_gauss(&amp, &cen, &sig, 1, 1.0, 0.002, 50.0, 900.0, 1.0, 0.05, 0, 9);
    cf_dta_result r;
    cf_error e;
    assert_int_equal(analyze(t, NULL, &r, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "no exothermic peak"));
    free(t);
}

static void expect_error(const char *text, const char *where, const char *words)
{
    cf_dta_curve c;
    cf_error e;
    cf_error_clear(&e);
    assert_int_equal(cf_dta_parse(text, "bad.txt", 0, 0, &c, &e), CF_EINVAL);
    if (!strstr(e.where, where) || !strstr(e.message, words)) fprintf(stderr, "'%s' '%s'\n", e.where, e.message);
    assert_non_null(strstr(e.where, where));
    assert_non_null(strstr(e.message, words));
}

static void test_malformed_and_columns(void **state)
{
    (void)state;
    expect_error("T HF\n100 1\n101 2\n100.5 3\n", "bad.txt:4", "temperature falls");
    expect_error("100 1\n101 2q\n", "bad.txt:2:5", "expected a finite decimal number");
    expect_error("100 1\n101 2 3\n", "bad.txt:2", "expected 2 columns");
    expect_error("0 100 1\n1 101 2\n", "bad.txt:1", "--cols");
    /* Three columns (time, T, signal) with explicit columns. */
    cf_dta_curve c;
    cf_error e;
    assert_int_equal(cf_dta_parse("0 100 1\n1 101 2\n", "ok", 1, 2, &c, &e), CF_OK);
    assert_true(c.n == 2 && c.t_c[1] == 101.0 && c.signal[1] == 2.0);
    cf_dta_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kissinger_peak),
        cmocka_unit_test(test_gauss_two_peaks_exo_down),
        cmocka_unit_test(test_no_peak),
        cmocka_unit_test(test_malformed_and_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
