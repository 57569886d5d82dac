/* test_design_recipe.c — bad recipes are rejected with what, where and the
 * allowed range: unknown keys with a suggestion, missing fields, values out of
 * range, inconsistent porosity / thickness / density, fractions not summing to
 * 1, JSON syntax errors with line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "design_test_util.h"

#define EX "recipe_sn_ni.json"

/* Expects rejection; checks that `where` and `message` contain the given texts. */
static void rejects(const dt_edit *e, size_t n, const char *where_has, const char *msg_has, const char *msg_has2)
{
    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = dt_recipe_err(EX, e, n, &err);
    if (r) {
        cf_recipe_free(r);
        fail_msg("recipe accepted; expected an error mentioning '%s'", msg_has);
    }
    assert_int_equal(err.code, CF_EINVAL);
    if (where_has && !strstr(err.where, where_has)) fail_msg("where '%s' lacks '%s'", err.where, where_has);
    if (msg_has && !strstr(err.message, msg_has)) fail_msg("message '%s' lacks '%s'", err.message, msg_has);
    if (msg_has2 && !strstr(err.message, msg_has2)) fail_msg("message '%s' lacks '%s'", err.message, msg_has2);
}

static void unknown_keys_suggest(void **state)
{
    (void)state;
    rejects((dt_edit[]){{"electrolite", "{}"}}, 1, "electrolite", "did you mean 'electrolyte'", NULL);
    rejects((dt_edit[]){{"negative.porosty", "0.4"}}, 1, "negative.porosty", "did you mean 'porosity'", NULL);
    rejects((dt_edit[]){{"negative.components[0].ni_mas_fraction", "0.1"}}, 1, "negative.components[0]",
            "did you mean 'ni_mass_fraction'", NULL);
    rejects((dt_edit[]){{"format.layer", "3"}}, 1, "format.layer", "did you mean 'layers'", NULL);
    rejects((dt_edit[]){{"negative.colour", "\"red\""}}, 1, "negative.colour", "unknown key", "allowed:");
    rejects((dt_edit[]){{"negative.components[0].material", "\"grafite\""}}, 1, "material", "did you mean 'graphite'",
            NULL);
    rejects((dt_edit[]){{"separator.material", "\"pee\""}}, 1, "separator.material", "did you mean 'pe'", NULL);
    /* A real key on the wrong material says so. */
    rejects((dt_edit[]){{"positive.components[0].d002_nm", "0.37"}}, 1, "d002_nm", "only to carbon", NULL);
}

static void missing_fields_named(void **state)
{
    (void)state;
    rejects((dt_edit[]){{"negative.coating_g_m2", NULL}}, 1, "negative", "coating_g_m2", NULL);
    rejects((dt_edit[]){{"name", NULL}}, 1, NULL, "'name'", NULL);
    rejects((dt_edit[]){{"separator", NULL}}, 1, NULL, "'separator'", NULL);
    rejects((dt_edit[]){{"negative.porosity", NULL}}, 1, "negative", "porosity, thickness_um or density_g_cm3", NULL);
    rejects((dt_edit[]){{"negative.components[0].ni_mass_fraction", NULL}}, 1, "components[0]", "ni_mass_fraction",
            NULL);
    rejects((dt_edit[]){{"format.layers", NULL}}, 1, "format", "layers", NULL);
}

static void out_of_range(void **state)
{
    (void)state;
    rejects((dt_edit[]){{"negative.porosity", "45"}}, 1, "negative.porosity", "[0, 0.95]", "fraction");
    rejects((dt_edit[]){{"negative.sides", "3"}}, 1, "negative.sides", "[1, 2]", NULL);
    rejects((dt_edit[]){{"separator.thickness_um", "-5"}}, 1, "separator.thickness_um", "allowed range", NULL);
    rejects((dt_edit[]){{"negative.coating_g_m2", "\"50\""}}, 1, "coating_g_m2", "expected a number", NULL);
    /* Z that needs more Ni than the alloy has. */
    rejects((dt_edit[]){{"negative.components[0].Z", "3.01"}}, 1, "components[0]", "ni_mass_fraction >= 0.20305",
            NULL);
}

static void inconsistent_coating(void **state)
{
    (void)state;
    /* Porosity 0.45 implies 19.29 um; 60 um and 3.0 g/cm3 (16.7 um) disagree. */
    rejects((dt_edit[]){{"negative.thickness_um", "60"}, {"negative.density_g_cm3", "3.0"}}, 2, "negative",
            "disagree", "60");
    /* Two given that agree (within 1 %) are accepted. */
    cf_recipe *r = dt_recipe(EX, NULL, 0);
    cf_design d;
    assert_int_equal(cf_design_compute(r, &d, NULL), CF_OK);
    cf_recipe_free(r);
    char t[40];
    snprintf(t, sizeof t, "%.6g", d.negative.thickness_um * 1.005);
    r = dt_recipe(EX, &(dt_edit){"negative.thickness_um", t}, 1);
    assert_non_null(r);
    cf_recipe_free(r);
    snprintf(t, sizeof t, "%.6g", d.negative.thickness_um * 1.02);
    rejects((dt_edit[]){{"negative.thickness_um", t}}, 1, "negative", "disagree", NULL);
    /* Denser than pore-free. */
    rejects((dt_edit[]){{"negative.porosity", NULL}, {"negative.density_g_cm3", "6"}}, 2, "negative",
            "exceeds the pore-free density", NULL);
}

static void fractions_must_sum_to_one(void **state)
{
    (void)state;
    rejects((dt_edit[]){{"negative.components[0].mass_fraction", "0.75"}}, 1, "negative.components",
            "sum to 0.95", "0.75 + 0.1 + 0.1");
    rejects((dt_edit[]){{"positive.components[2].mass_fraction", "0.05"}}, 1, "positive.components", "sum to 1.02",
            NULL);
}

static void json_syntax_line_col(void **state)
{
    (void)state;
    const char *text = "{\n  \"name\": \"x\",\n  \"format\": {\"type\": \"pouch\",, }\n}\n";
    cf_recipe *r = NULL;
    cf_error err;
    assert_int_equal(cf_recipe_parse(text, "cell.json", &r, &err), CF_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.where, "cell.json:3:"));
    assert_int_equal(cf_recipe_parse("{\"name\": \"a\", \"name\": \"b\"}", "dup.json", &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "duplicate"));
    assert_int_equal(cf_recipe_parse("[1, 2]", "arr.json", &r, &err), CF_EINVAL);
    assert_int_equal(cf_recipe_load("/nonexistent/recipe.json", &r, &err), CF_EIO);
}

static void every_example_loads(void **state)
{
    (void)state;
    const char *ex[] = {"recipe_commercial_graphite_nmc.json", "recipe_sn_ni.json", "recipe_hard_carbon.json",
                        "recipe_li_reservoir.json"};
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/examples/%s", CF_SOURCE_DIR, ex[i]);
        cf_recipe *r = NULL;
        cf_error err;
        if (cf_recipe_load(path, &r, &err) != CF_OK) fail_msg("%s: %s: %s", ex[i], err.where, err.message);
        cf_recipe *c = NULL;
        assert_int_equal(cf_recipe_clone(r, &c, &err), CF_OK);
        assert_string_equal(cf_recipe_name(c), cf_recipe_name(r));
        cf_recipe_free(c);
        cf_recipe_free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unknown_keys_suggest),
        cmocka_unit_test(missing_fields_named),
        cmocka_unit_test(out_of_range),
        cmocka_unit_test(inconsistent_coating),
        cmocka_unit_test(fractions_must_sum_to_one),
        cmocka_unit_test(json_syntax_line_col),
        cmocka_unit_test(every_example_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
