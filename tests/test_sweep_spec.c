/* test_sweep_spec.c — sweep specs: the run numbering of grids, seeded Latin
 * hypercubes (reproducible, one sample per bin in every dimension), and
 * spec errors that say where and what is allowed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_sweep.h"
#include "support/sweep_run.h"
#include "sweep/sweep_internal.h"

/* Parses a bad spec; checks the code and that `where` and the message hold
 * the given fragments. */
static void parse_bad(const char *text, const char *where_part, const char *msg_part)
{
    cf_error err;
    cf_error_clear(&err);
    cf_sweep *s = NULL;
    int rc = cf_sweep_parse(text, "spec", NULL, &s, &err);
    if (rc != CF_EINVAL || !strstr(err.where, where_part) || !strstr(err.message, msg_part))
        fprintf(stderr, "for %s\n got %d %s: %s\n", text, rc, err.where, err.message);
    assert_int_equal(rc, CF_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.where, where_part));
    assert_non_null(strstr(err.message, msg_part));
}

static void test_grid_order(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"model\": \"spm\", \"vary\": {"
                                      "\"negative.porosity\": {\"from\": 0.2, \"to\": 0.24, \"n\": 3},"
                                      "\"crate\": [0.5, 2]}}");
    assert_int_equal(cf_sweep_run_count(s), 6);
    assert_int_equal(cf_sweep_dim_count(s), 2);
    assert_string_equal(cf_sweep_dim_name(s, 0), "negative.porosity");
    /* The first dimension varies slowest; the ends of a range are exact. */
    const double por[] = {0.2, 0.2, 0.22, 0.22, 0.24, 0.24}, cr[] = {0.5, 2, 0.5, 2, 0.5, 2};
    for (size_t r = 0; r < 6; r++) {
        assert_true(fabs(cf_sweep_value(s, r, 0) - por[r]) < 1e-15);
        assert_true(cf_sweep_value(s, r, 1) == cr[r]);
    }
    assert_true(cf_sweep_value(s, 4, 0) == 0.24);
    assert_true(isnan(cf_sweep_value(s, 6, 0)));
    assert_string_equal(cf_sweep_csv_header(s), "run,negative.porosity,crate,capacity_Ah,energy_Wh,min_voltage_V,"
                                                "max_voltage_V,duration_s,error");
    cf_sweep_free(s);
}

static void test_grid_log_scale(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"vary\": {\"negative.diffusivity_m2_s\": "
                                      "{\"from\": 1e-15, \"to\": 1e-13, \"n\": 3, \"scale\": \"log\"}}}");
    assert_true(fabs(cf_sweep_value(s, 1, 0) / 1e-14 - 1) < 1e-12); /* geometric middle */
    assert_true(cf_sweep_value(s, 2, 0) == 1e-13);
    cf_sweep_free(s);
}

static const char *LHS = "{\"cell\": \"chen2020\", \"sampling\": \"latin_hypercube\", \"samples\": 50, \"seed\": %d,"
                         "\"vary\": {\"negative.porosity\": {\"from\": 0.15, \"to\": 0.25},"
                         "\"soc\": {\"from\": 0.2, \"to\": 1}, \"temperature_C\": {\"from\": 0, \"to\": 40}}}";

static cf_sweep *lhs(int seed)
{
    char text[512];
    snprintf(text, sizeof text, LHS, seed);
    return cf_test_sweep_parse(text);
}

static void test_lhs_stratified(void **state)
{
    (void)state;
    cf_sweep *s = lhs(7);
    const double lo[] = {0.15, 0.2, 0}, hi[] = {0.25, 1, 40};
    size_t n = cf_sweep_run_count(s);
    assert_int_equal(n, 50);
    for (size_t d = 0; d < 3; d++) {
        int seen[50] = {0};
        for (size_t r = 0; r < n; r++) {
            double v = cf_sweep_value(s, r, d);
            assert_true(v >= lo[d] && v < hi[d]);
            int bin = (int)floor((v - lo[d]) / (hi[d] - lo[d]) * 50);
            assert_true(bin >= 0 && bin < 50);
            seen[bin]++;
        }
        for (int b = 0; b < 50; b++) assert_int_equal(seen[b], 1); /* one sample per bin */
    }
    cf_sweep_free(s);
}

static void test_lhs_reproducible(void **state)
{
    (void)state;
    cf_sweep *a = lhs(7), *b = lhs(7), *c = lhs(8);
    int differs = 0;
    for (size_t r = 0; r < 50; r++)
        for (size_t d = 0; d < 3; d++) {
            assert_true(cf_sweep_value(a, r, d) == cf_sweep_value(b, r, d));
            differs |= cf_sweep_value(a, r, d) != cf_sweep_value(c, r, d);
        }
    assert_true(differs);
    assert_true(cf_sweep_fingerprint(a) == cf_sweep_fingerprint(b));
    assert_true(cf_sweep_fingerprint(a) != cf_sweep_fingerprint(c));
    cf_sweep_free(a);
    cf_sweep_free(b);
    cf_sweep_free(c);
}

/* Samples are not a lattice: with few bins the points should still cover
 * the square evenly on average (mean near the centre). */
static void test_lhs_mean(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"sampling\": \"latin_hypercube\", \"samples\": 2000,"
                                      "\"vary\": {\"soc\": {\"from\": 0, \"to\": 1}}}");
    double sum = 0;
    for (size_t r = 0; r < 2000; r++) sum += cf_sweep_value(s, r, 0);
    /* Stratified: the mean of n samples is within 1/(2n) of 1/2. */
    assert_true(fabs(sum / 2000 - 0.5) <= 0.5 / 2000 + 1e-12);
    cf_sweep_free(s);
}

static void test_spec_errors(void **state)
{
    (void)state;
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"negative.porosty\": [0.2]}}", "vary.negative.porosty",
              "did you mean 'porosity'");
    parse_bad("{\"cell\": \"chen2020\", \"protocl\": \"x\"}", "protocl", "did you mean 'protocol'");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"negative.porosity\": {\"from\": 0.2, \"to\": 0.3, \"n\": 0}}}",
              "vary.negative.porosity.n", "[1, ");
    parse_bad("{\"cell\": \"chen2020\", \"sampling\": \"latin_hypercube\", \"samples\": 4, \"vary\": "
              "{\"soc\": {\"from\": 0.9, \"to\": 0.1}}}",
              "vary.soc", "from <= to");
    parse_bad("{\"cell\": \"chen2020\", \"sampling\": \"latin_hypercube\", \"vary\": {\"soc\": {\"from\": 0, "
    "\"to\": 1}}}",
              "samples", "needs");
    parse_bad("{\"cell\": \"chen2020\", \"sampling\": \"latin_hypercube\", \"samples\": 3, \"vary\": {\"soc\": [0.1]}}",
              "vary.soc", "not a list");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"negative.porosity.x\": [0.2]}}", "vary.negative.porosity.x",
              "no key 'x'");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"negative..porosity\": [0.2]}}", "vary.negative..porosity",
              "empty segment");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"soc\": [0.5, 1.5]}}", "vary.soc[1]", "[0, 1]");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"crate\": [1]}, \"protocol\": \"Discharge at 1C until 3 V\"}",
              "vary.crate", "protocol");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"crate\": []}}", "vary.crate", "empty");
    parse_bad("{\"cell\": \"chen2020\", \"outputs\": [\"capacity_Ahh\"]}", "outputs", "did you mean 'capacity_Ah'");
    parse_bad("{\"cell\": \"chen2020\", \"outputs\": [\"wh_per_kg\"]}", "outputs", "recipe");
    parse_bad("{\"cell\": \"chen2020\", \"mesh\": 1}", "mesh", "[2, 500]");
    parse_bad("{\"cell\": \"chen2020\", \"integrator\": \"rk45\"}", "integrator", "allowed: bdf, ida");
    parse_bad("{\"cell\": \"chen2020\", \"integrator\": 2}", "integrator", "\"bdf\" or \"ida\"");
    parse_bad("{\"cell\": \"chen2020\", \"linear_solver\": \"pardiso\"}", "linear_solver", "allowed: auto, klu");
    parse_bad("{\"cell\": \"chen2020\", \"discretisation\": \"fem\"}", "discretisation", "allowed: fv, spectral");
    parse_bad("{\"cell\": \"chen2020\", \"discretisation\": 1}", "discretisation", "\"fv\" or \"spectral\"");
    parse_bad("{\"cell\": \"chen2020\", \"mesh_r\": 1}", "mesh_r", "[2, 2000]");
    parse_bad("{\"cell\": \"chen2020\", \"mesh_x\": 2.5}", "mesh_x", "[2, 2000]");
    parse_bad("{\"cell\": \"chen2020\", \"mesh_x\": [20, 5]}", "mesh_x", "array of three");
    parse_bad("{\"cell\": \"chen2020\", \"mesh_x\": [20, 1, 20]}", "mesh_x", "array of three");
    parse_bad("{\"cell\": \"chen2021\"}", "cell", "did you mean 'chen2020'");
    parse_bad("{\"model\": \"spm\"}", "cell", "missing");
    parse_bad("{\"cell\": \"chen2020\", \"sampling\": \"grid\", \"samples\": 3}", "samples", "latin_hypercube");
    parse_bad("{\"cell\": \"chen2020\", \"vary\": {\"name\": [1]}}", "vary.name", "text");
    parse_bad("{\"cell\": \"chen2020\",", "spec:", "malformed JSON");
}

/* discretisation, mesh_x and mesh_r set the plan's options; mesh the rest */
static void test_spec_discretisation(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"mesh\": 12, \"mesh_r\": 6, "
                                      "\"discretisation\": \"spectral\"}");
    assert_int_equal(s->model.discretisation, CF_DISC_SPECTRAL);
    assert_int_equal(s->model.nr_neg, 6);
    assert_int_equal(s->model.nr_pos, 6);
    assert_int_equal(s->model.n_sep, 12);
    cf_sweep_free(s);
    /* the default discretisation; a mesh not given is its default (0 until the plan resolves it) */
    s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"mesh_x\": 30}");
    assert_int_equal(s->model.discretisation, CF_DISC_SPECTRAL);
    assert_int_equal(s->model.n_neg, 30);
    assert_int_equal(s->model.nr_pos, 0);
    cf_model_options o = s->model;
    cf_model_options_resolve(&o);
    assert_int_equal(o.n_neg, 30);
    assert_int_equal(o.nr_pos, 5);
    cf_sweep_free(s);
    s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"discretisation\": \"fv\"}"); /* PyBaMM's scheme and mesh */
    assert_int_equal(s->model.discretisation, CF_DISC_FV);
    o = s->model;
    cf_model_options_resolve(&o);
    assert_int_equal(o.n_neg, 20);
    assert_int_equal(o.n_sep, 20);
    assert_int_equal(o.nr_pos, 20);
    cf_sweep_free(s);
    s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"mesh_x\": [40, 5, 20]}"); /* per domain */
    assert_int_equal(s->model.n_neg, 40);
    assert_int_equal(s->model.n_sep, 5);
    assert_int_equal(s->model.n_pos, 20);
    cf_sweep_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_order),      cmocka_unit_test(test_grid_log_scale),
        cmocka_unit_test(test_lhs_stratified),  cmocka_unit_test(test_lhs_reproducible),
        cmocka_unit_test(test_lhs_mean),        cmocka_unit_test(test_spec_errors),
        cmocka_unit_test(test_spec_discretisation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
