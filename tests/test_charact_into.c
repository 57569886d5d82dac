/* test_charact_into.c — writing results into a recipe's hard-carbon
 * component (other keys untouched, errors for missing paths), plus the
 * Levenberg–Marquardt fitter against closed-form least squares. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellforge/cf_charact.h"
#include "cellforge/cf_io.h"
#include "charact/charact_internal.h"

static const char *RECIPE =
    "{\n"
    "  \"name\": \"hc test cell\",\n"
    "  \"negative\": {\n"
    "    \"thickness_um\": 60,\n"
    "    \"components\": [\n"
    "      {\"material\": \"carbon_black\", \"mass_fraction\": 0.02},\n"
    "      {\"material\": \"hard_carbon\", \"mass_fraction\": 0.9, \"d002_nm\": 0.38, \"lc_nm\": 1.2,\n"
    "       \"precursor\": \"vinyl_resin\", \"oxidation_C\": 250, \"ratio\": 0.1234567890123456789}\n"
    "    ]\n"
    "  },\n"
    "  \"positive\": {\"components\": [{\"material\": \"nmc811\", \"mass_fraction\": 0.95}]}\n"
    "}\n";

static char *temp_recipe(const char *text)
{
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/cf_into_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_into_by_electrode(void **state)
{
    (void)state;
    char *path = temp_recipe(RECIPE);
    cf_charact_field f[] = {{"d002_nm", 0.37123456789}, {"lc_nm", 1.6}};
    char resolved[128];
    cf_error e;
    assert_int_equal(cf_charact_into_recipe(path, "negative", f, 2, resolved, sizeof resolved, &e), CF_OK);
    assert_string_equal(resolved, "negative.components[1]");
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    assert_non_null(root);
    json_t *hc = json_array_get(json_object_get(json_object_get(root, "negative"), "components"), 1);
    assert_true(fabs(json_real_value(json_object_get(hc, "d002_nm")) - 0.371235) < 1e-12);
    assert_true(json_real_value(json_object_get(hc, "lc_nm")) == 1.6);
    /* Everything else is untouched, exactly. */
    assert_string_equal(json_string_value(json_object_get(hc, "precursor")), "vinyl_resin");
    assert_int_equal(json_integer_value(json_object_get(hc, "oxidation_C")), 250);
    assert_true(json_real_value(json_object_get(hc, "ratio")) == 0.1234567890123456789);
    assert_true(json_real_value(json_object_get(hc, "mass_fraction")) == 0.9);
    assert_string_equal(json_string_value(json_object_get(root, "name")), "hc test cell");
    json_t *cb = json_array_get(json_object_get(json_object_get(root, "negative"), "components"), 0);
    assert_null(json_object_get(cb, "d002_nm"));
    json_decref(root);
    /* Explicit component path. */
    cf_charact_field g[] = {{"bet_m2_g", 4.2}};
    assert_int_equal(cf_charact_into_recipe(path, "negative.components[1]", g, 1, resolved, sizeof resolved, &e), CF_OK);
    root = json_load_file(path, 0, &je);
    hc = json_array_get(json_object_get(json_object_get(root, "negative"), "components"), 1);
    assert_true(json_real_value(json_object_get(hc, "bet_m2_g")) == 4.2);
    assert_true(json_real_value(json_object_get(hc, "lc_nm")) == 1.6);
    json_decref(root);
    remove(path);
    free(path);
}

static void test_into_under_electrodes(void **state)
{
    (void)state;
    char *path = temp_recipe("{\"electrodes\": {\"negative\": {\"components\": "
                             "[{\"material\": \"hard_carbon\"}]}}}");
    cf_charact_field f[] = {{"sphericity", 0.91}};
    char resolved[128];
    cf_error e;
    assert_int_equal(cf_charact_into_recipe(path, "negative", f, 1, resolved, sizeof resolved, &e), CF_OK);
    assert_string_equal(resolved, "electrodes.negative.components[0]");
    remove(path);
    free(path);
}

static void expect_into_error(const char *component, const char *words)
{
    char *path = temp_recipe(RECIPE);
    cf_charact_field f[] = {{"d002_nm", 0.37}};
    cf_error e;
    cf_error_clear(&e);
    assert_int_equal(cf_charact_into_recipe(path, component, f, 1, NULL, 0, &e), CF_EINVAL);
    if (!strstr(e.message, words)) fprintf(stderr, "'%s' '%s'\n", e.where, e.message);
    assert_non_null(strstr(e.message, words));
    /* The file is unchanged. */
    char *text = NULL;
    size_t len;
    assert_int_equal(cf_read_file(path, CF_INPUT_JSON, &text, &len, &e), CF_OK);
    assert_string_equal(text, RECIPE);
    free(text);
    remove(path);
    free(path);
}

static void test_into_errors(void **state)
{
    (void)state;
    expect_into_error("negativ", "no key 'negativ'");
    expect_into_error("negative.components[5]", "does not exist");
    expect_into_error("negative.components[0]", "expected \"hard_carbon\"");
    expect_into_error("positive", "no component with material \"hard_carbon\"");
    expect_into_error("negative.components[x]", "bad index");
    expect_into_error("", "empty component path");
    expect_into_error("name.x", "not an object");
    cf_error e;
    cf_charact_field f[] = {{"d002_nm", 0.37}};
    char *path = temp_recipe("{\"negative\": [1, 2,\n oops]}");
    assert_int_equal(cf_charact_into_recipe(path, "negative", f, 1, NULL, 0, &e), CF_EINVAL);
    assert_non_null(strstr(e.where, ":2:"));
    remove(path);
    free(path);
    assert_int_equal(cf_charact_into_recipe("/nonexistent/recipe.json", "negative", f, 1, NULL, 0, &e), CF_EIO);
    cf_charact_field bad[] = {{"d002_nm", NAN}};
    path = temp_recipe(RECIPE);
    assert_int_equal(cf_charact_into_recipe(path, "negative", bad, 1, NULL, 0, &e), CF_EINVAL);
    remove(path);
    free(path);
}

/* ---- LM against closed-form least squares ---- */
typedef struct {
    const double *x, *y;
    size_t m;
} line_ctx;

static int line_resid(const double *p, double *r, void *ctx)
{
    const line_ctx *c = ctx;
    for (size_t i = 0; i < c->m; i++) r[i] = p[0] + p[1] * c->x[i] - c->y[i];
    return 0;
}

static int expo_resid(const double *p, double *r, void *ctx)
{
    const line_ctx *c = ctx;
    for (size_t i = 0; i < c->m; i++) r[i] = p[0] * exp(-p[1] * c->x[i]) - c->y[i];
    return 0;
}

static void test_lm_matches_ols(void **state)
{
    (void)state;
    double x[20], y[20];
    for (int i = 0; i < 20; i++) {
        x[i] = i;
        y[i] = 2.0 + 0.5 * i + 0.1 * sin(7.0 * i); /* deterministic "noise" */
    }
    line_ctx c = {x, y, 20};
    double p[2] = {0.0, 0.0};
    cf_lm_problem pb = {20, 2, NULL, NULL, NULL, 0};
    cf_lm_result r;
    cf_error e;
    assert_int_equal(cf_lm_fit(&pb, line_resid, &c, p, &r, &e), CF_OK);
    assert_true(r.converged && r.cov_ok);
    double coef[2], cov[4];
    assert_int_equal(cf_polyfit(x, y, 20, 1, coef, cov), 0);
    assert_true(fabs(p[0] - coef[0]) < 1e-8 && fabs(p[1] - coef[1]) < 1e-9);
    assert_true(fabs(r.cov[0] / cov[0] - 1.0) < 1e-5 && fabs(r.cov[3] / cov[3] - 1.0) < 1e-5);
    /* A non-linear model from a poor start, exact data. */
    for (int i = 0; i < 20; i++) y[i] = 3.0 * exp(-0.25 * x[i]);
    double q[2] = {1.0, 1.0};
    double lo[2] = {0.0, 0.0}, hi[2] = {100.0, 10.0};
    cf_lm_problem pb2 = {20, 2, lo, hi, NULL, 0};
    assert_int_equal(cf_lm_fit(&pb2, expo_resid, &c, q, &r, &e), CF_OK);
    assert_true(fabs(q[0] - 3.0) < 1e-7 && fabs(q[1] - 0.25) < 1e-8);
    /* Too few points. */
    cf_lm_problem pb3 = {2, 2, NULL, NULL, NULL, 0};
    assert_int_equal(cf_lm_fit(&pb3, line_resid, &c, q, &r, &e), CF_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_into_by_electrode),
        cmocka_unit_test(test_into_under_electrodes),
        cmocka_unit_test(test_into_errors),
        cmocka_unit_test(test_lm_matches_ols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
