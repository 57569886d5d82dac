/* Ageing from a recipe: the negative's "sei" and "lithium_plating" (an
 * ageing model), either electrode's "particle_cracking" and a lithium-metal negative's efficiency keys reach the
 * cell built from the recipe (recipe -> design -> cell), the cell ages with
 * them, and bad values are refused with their key. */
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cellforge/cellforge.h"

/* The hard-carbon seed recipe with `key` set to the JSON `value` on `side`
 * (NULL value: unchanged); returns the parse status, the recipe in *out. */
static int recipe_with(const char *side, const char *key, const char *value, cf_recipe **out, cf_error *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/examples/hard_carbon_hev_cell.json", CF_SOURCE_DIR);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    assert_non_null(root);
    if (value) json_object_set_new(json_object_get(root, side), key, json_loads(value, JSON_DECODE_ANY, &je));
    char *text = json_dumps(root, 0);
    int rc = cf_recipe_parse(text, "recipe.json", out, err);
    free(text);
    json_decref(root);
    return rc;
}

/* Lithium the SEI took in a 2 h rest at full charge (SPM), Ah. */
static double sei_loss(const cf_cell *cell)
{
    cf_error err;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse("Charge at 1C until 4.1 V; Rest for 2 hours", &proto, &err), 0);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(p, proto, NULL, &sol, &res, &err);
    if (rc) fail_msg("%s: %s", err.where, err.message);
    double li = res->cycles[res->n - 1].li_sei_Ah;
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(p);
    return li;
}

static void test_sei_and_plating_reach_the_cell(void **state)
{
    (void)state;
    cf_error err;
    cf_recipe *r;
    cf_cell *c;
    /* without: no ageing */
    assert_int_equal(recipe_with("negative", "sei", NULL, &r, &err), CF_OK);
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    assert_int_equal(c->neg.sei.model, CF_SEI_NONE);
    assert_true(sei_loss(c) == 0.0);
    cf_cell_free(c);
    cf_recipe_free(r);
    /* an object: its model and overrides, as a cell file's */
    assert_int_equal(recipe_with("negative", "sei", "{\"model\": \"reaction-limited\", \"exchange_current_A_m2\": 3e-7}",
                                 &r, &err),
                     CF_OK);
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    assert_int_equal(c->neg.sei.model, CF_SEI_REACTION_LIMITED);
    assert_true(c->neg.sei.exchange_current_A_m2 == 3e-7);
    assert_true(c->neg.sei.molar_volume_m3_mol == 9.585e-5); /* the rest O'Kane's */
    double li = sei_loss(c);
    print_message("recipe cell with reaction-limited SEI: %.3e Ah to the SEI\n", li);
    assert_true(li > 0.0);
    cf_cell_free(c);
    cf_recipe_free(r);
    /* plating on the host as an ageing model */
    assert_int_equal(recipe_with("negative", "lithium_plating", "\"partially-reversible\"", &r, &err), CF_OK);
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    assert_int_equal(c->neg.li_plating.model, CF_PLATING_PARTIALLY_REVERSIBLE);
    assert_true(c->neg.li_plating.rate_constant_m_s == 1e-9);
    cf_cell_free(c);
    cf_recipe_free(r);
}

static void test_refusals_name_the_key(void **state)
{
    (void)state;
    cf_error err;
    cf_recipe *r = NULL;
    assert_int_equal(recipe_with("negative", "sei", "\"bogus\"", &r, &err), CF_EINVAL);
    print_message("%s: %s\n", err.where, err.message);
    assert_non_null(strstr(err.where, "negative.sei"));
    assert_non_null(strstr(err.message, "reaction-limited"));
    assert_int_equal(recipe_with("positive", "sei", "\"reaction-limited\"", &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.where, "positive.sei"));
    assert_int_equal(recipe_with("negative", "sei", "{\"model\": \"reaction-limited\", \"exchange_current_A_m2\": -1}",
                                 &r, &err),
                     CF_OK);
    cf_cell *c = NULL;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_EINVAL); /* the cell's range check */
    print_message("%s: %s\n", err.where, err.message);
    assert_non_null(strstr(err.where, "exchange_current_A_m2"));
    assert_null(c);
    cf_recipe_free(r);
    assert_int_equal(recipe_with("negative", "lithium_plating", "\"sometimes\"", &r, &err), CF_EINVAL);
    print_message("%s: %s\n", err.where, err.message);
    assert_non_null(strstr(err.where, "negative.lithium_plating"));
    assert_non_null(strstr(err.message, "intended"));
    assert_int_equal(recipe_with("negative", "plating_efficiency_exponent", "4", &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.where, "plating_efficiency_exponent"));
}

/* Particle cracking from a recipe: the model, its parameters and the
 * particles' mechanics reach the cell, whose negative's cracks grow in a
 * discharge; SEI on the positive's cracks is refused with its key. */
static void test_cracking_reaches_the_cell(void **state)
{
    (void)state;
    cf_error err;
    cf_recipe *r;
    assert_int_equal(recipe_with("negative", "particle_cracking", "{\"model\": \"cracking\", \"rate_constant\": 1e-18}",
                                 &r, &err),
                     CF_OK);
    cf_cell *c;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    cf_recipe_free(r);
    assert_int_equal(c->neg.cracking.model, CF_CRACK_GROWTH);
    assert_true(c->neg.cracking.rate_constant == 1e-18 && c->neg.cracking.paris_m == 2.2);
    assert_true(c->neg.lam.young_modulus_Pa > 0 && c->neg.lam.model == 0); /* mechanics, no loss */
    assert_int_equal(c->pos.cracking.model, CF_CRACK_NONE);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &opt, &p, &err), 0);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse("Charge at 1C until 4.1 V; Discharge at 1C until 3 V", &proto, &err), 0);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(p, proto, NULL, &sol, &res, &err);
    if (rc) fail_msg("%s: %s", err.where, err.message);
    double l = res->cycles[res->n - 1].crack_length_neg_m;
    print_message("crack length after the discharge %.9g nm\n", l * 1e9);
    assert_true(l > 2e-8 * (1 + 1e-9));
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(p);
    cf_cell_free(c);
    assert_int_equal(recipe_with("positive", "particle_cracking", "\"cracking-with-sei\"", &r, &err), CF_OK);
    c = NULL;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_EINVAL);
    print_message("%s: %s\n", err.where, err.message);
    assert_non_null(strstr(err.where, "positive.particle_cracking"));
    assert_null(c);
    cf_recipe_free(r);
    assert_int_equal(recipe_with("negative", "particle_cracking", "\"cracks\"", &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.where, "negative.particle_cracking"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sei_and_plating_reach_the_cell),
                                       cmocka_unit_test(test_refusals_name_the_key),
                                       cmocka_unit_test(test_cracking_reaches_the_cell)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
