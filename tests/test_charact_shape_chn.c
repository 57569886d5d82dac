/* test_charact_shape_chn.c — sphericity of particles with analytic shape
 * factors (regular polygons, circles, ellipses), and CHN atomic ratios. */
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

#define PI 3.14159265358979323846

static void shape_of(const char *text, cf_shape_input kind, cf_shape_definition def, cf_shape_result *r)
{
    cf_shape_data d;
    cf_error e;
    cf_error_clear(&e);
    int rc = cf_shape_parse(text, "gen.txt", kind, &d, &e);
    if (rc == CF_OK) rc = cf_shape_analyze(&d, def, 0.8, r, &e);
    if (rc != CF_OK) fprintf(stderr, "%s: %s\n", e.where, e.message);
    assert_int_equal(rc, CF_OK);
    cf_shape_free(&d);
}

/* Circularity 4πA/P²: circle 1, hexagon π√3/6, square π/4, triangle π√3/9. */
static void test_polygon_mix(void **state)
{
    (void)state;
    assert_true(fabs(cfgen_polygon_circularity(4) - PI / 4.0) < 1e-12);
    assert_true(fabs(cfgen_polygon_circularity(6) - PI * sqrt(3.0) / 6.0) < 1e-12);
    assert_true(fabs(cfgen_polygon_circularity(3) - PI * sqrt(3.0) / 9.0) < 1e-12);
    const int sides[] = {0, 6, 4, 3};
    const size_t counts[] = {300, 150, 100, 50};
    double want = 0.0, wadell = 0.0;
    size_t tot = 0;
    for (int k = 0; k < 4; k++) {
        want += counts[k] * cfgen_polygon_circularity(sides[k]);
        wadell += counts[k] * sqrt(cfgen_polygon_circularity(sides[k]));
        tot += counts[k];
    }
    want /= (double)tot;
    wadell /= (double)tot;
    char *t = cfgen_shape_polygons(sides, counts, 4, 0.002, 5);
    cf_shape_result r;
    shape_of(t, CF_SHAPE_AREA_PERIMETER, CF_SHAPE_DEF_DEFAULT, &r);
    assert_int_equal(r.definition, CF_SHAPE_DEF_CIRCULARITY);
    assert_int_equal(r.n, tot);
    assert_true(fabs(r.mean - want) <= 0.01);
    assert_true(r.mean_u > 0.0 && fabs(r.mean - want) < 5.0 * r.mean_u);
    /* Circles and hexagons (450 of 600) are >= 0.8; squares and triangles not. */
    assert_true(fabs(r.frac_at_least - 450.0 / 600.0) < 0.01);
    assert_true(r.max < 1.05 && r.min > 0.55);
    shape_of(t, CF_SHAPE_AREA_PERIMETER, CF_SHAPE_DEF_WADELL, &r);
    assert_true(fabs(r.mean - wadell) <= 0.01);
    free(t);
    /* Noise-free circles give exactly 1. */
    const int c0[] = {0};
    const size_t n0[] = {50};
    t = cfgen_shape_polygons(c0, n0, 1, 0.0, 1);
    shape_of(t, CF_SHAPE_AREA_PERIMETER, CF_SHAPE_DEF_DEFAULT, &r);
    assert_true(fabs(r.mean - 1.0) < 1e-5 && r.sd < 1e-5);
    free(t);
}

static void test_ellipses(void **state)
{
    (void)state;
    double mean_q;
    char *t = cfgen_shape_ellipses(400, 0.6, 1.0, 11, &mean_q);
    cf_shape_result r;
    shape_of(t, CF_SHAPE_AXES, CF_SHAPE_DEF_DEFAULT, &r);
    assert_int_equal(r.definition, CF_SHAPE_DEF_ASPECT);
    assert_true(fabs(r.mean - mean_q) <= 0.01);
    free(t);
    /* Ellipse circularity: axes 2:1 → A = π/2, P ≈ 4.8442 (Ramanujan, exact
     * to 1e-5 here), 4πA/P² = 0.8408. */
    shape_of("2 1\n", CF_SHAPE_AXES, CF_SHAPE_DEF_CIRCULARITY, &r);
    assert_true(fabs(r.mean - 4.0 * PI * (PI / 2.0) / (4.844224 * 4.844224)) < 1e-4);
    /* Axis order does not matter. */
    shape_of("1 2\n", CF_SHAPE_AXES, CF_SHAPE_DEF_ASPECT, &r);
    assert_true(fabs(r.mean - 0.5) < 1e-12);
    /* Only the axis ratio counts: axes near the largest double give the
     * circularity of 2:1 (their area and perimeter would overflow to
     * inf/inf = NaN if computed first). */
    double c21 = 4.0 * PI * (PI / 2.0) / (4.844224 * 4.844224);
    shape_of("1e308 5e307\n", CF_SHAPE_AXES, CF_SHAPE_DEF_CIRCULARITY, &r);
    assert_true(fabs(r.mean - c21) < 1e-4);
    shape_of("1e308 3\n", CF_SHAPE_AXES, CF_SHAPE_DEF_WADELL, &r);
    assert_true(r.mean >= 0.0 && r.mean < 1e-100 && r.hist[0] == 1);
}

static void test_shape_errors(void **state)
{
    (void)state;
    cf_shape_data d;
    cf_error e;
    assert_int_equal(cf_shape_parse("A P\n10 12\n10 5\n", "bad.txt", CF_SHAPE_AREA_PERIMETER, &d, &e), CF_EINVAL);
    assert_non_null(strstr(e.where, "bad.txt:3"));
    assert_non_null(strstr(e.message, "too short"));
    assert_int_equal(cf_shape_parse("10 12\n0 5\n", "bad.txt", CF_SHAPE_AREA_PERIMETER, &d, &e), CF_EINVAL);
    assert_non_null(strstr(e.where, "bad.txt:2"));
    assert_int_equal(cf_shape_parse("10 12 3\n", "bad.txt", CF_SHAPE_AREA_PERIMETER, &d, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "expected 2 numeric columns"));
    assert_int_equal(cf_shape_parse("10 12\n", "ok", CF_SHAPE_AREA_PERIMETER, &d, &e), CF_OK);
    cf_shape_result r;
    assert_int_equal(cf_shape_analyze(&d, CF_SHAPE_DEF_ASPECT, 0.8, &r, &e), CF_EINVAL);
    cf_shape_free(&d);
    /* Huge area and perimeter: 4πA/P² without the inf/inf = NaN of 4πA and P²
     * overflowing; a perimeter too short for its area is refused on reading. */
    assert_int_equal(cf_shape_parse("1e308 1e200\n", "big", CF_SHAPE_AREA_PERIMETER, &d, &e), CF_OK);
    assert_int_equal(cf_shape_analyze(&d, CF_SHAPE_DEF_CIRCULARITY, 0.8, &r, &e), CF_OK);
    assert_true(fabs(r.mean / (4.0 * PI * 1e-92) - 1.0) < 1e-12);
    cf_shape_free(&d);
    assert_int_equal(cf_shape_parse("1e308 1e-10\n", "big", CF_SHAPE_AREA_PERIMETER, &d, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "too short"));
}

static void test_chn(void **state)
{
    (void)state;
    cf_chn_input in = {95.1, 0.0, 0.4, 0.0, 1.2, 0.0};
    cf_chn_result r;
    cf_error e;
    assert_int_equal(cf_chn_compute(&in, &r, &e), CF_OK);
    assert_true(fabs(r.h_c_atomic - (0.4 / 1.008) / (95.1 / 12.011)) < 1e-12);
    assert_true(fabs(r.h_c_atomic - 0.0501) < 0.0001);
    assert_true(r.has_n && r.n_wt_pct == 1.2);
    assert_true(fabs(r.n_c_atomic - (1.2 / 14.007) / (95.1 / 12.011)) < 1e-12);
    assert_true(r.h_c_u == 0.0);
    /* Uncertainty: relative errors add in quadrature. */
    in.h_u = 0.04;
    in.c_u = 0.951;
    assert_int_equal(cf_chn_compute(&in, &r, &e), CF_OK);
    assert_true(fabs(r.h_c_u / r.h_c_atomic - sqrt(0.01 + 0.0001)) < 1e-9);
    /* Replicates: mean and standard error. */
    double v[] = {95.0, 95.2, 95.1}, m, u;
    assert_int_equal(cf_chn_replicates(v, 3, &m, &u, &e), CF_OK);
    assert_true(fabs(m - 95.1) < 1e-12 && fabs(u - 0.1 / sqrt(3.0)) < 1e-12);
    /* Bad input. */
    cf_chn_input bad = {0.0, 0, 0.4, 0, -1, 0};
    assert_int_equal(cf_chn_compute(&bad, &r, &e), CF_EINVAL);
    cf_chn_input over = {99.0, 0, 1.5, 0, 1.0, 0};
    assert_int_equal(cf_chn_compute(&over, &r, &e), CF_EINVAL);
    assert_non_null(strstr(e.message, "exceeds 100"));
    cf_chn_input neg = {90.0, 0, -0.1, 0, 1.0, 0};
    assert_int_equal(cf_chn_compute(&neg, &r, &e), CF_EINVAL);
    /* N not measured. */
    cf_chn_input non = {90.0, 0, 0.5, 0, -1, 0};
    assert_int_equal(cf_chn_compute(&non, &r, &e), CF_OK);
    assert_false(r.has_n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_polygon_mix),
        cmocka_unit_test(test_ellipses),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test(test_chn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
