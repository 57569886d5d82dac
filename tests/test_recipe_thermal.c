/* test_recipe_thermal.c — a recipe's "thermal" block (docs/recipe.md):
 * the design's heat capacity against a hand sum of mass x specific heat for
 * the documented commercial recipe, the cooling area from its outer size,
 * the simulated cell's lumped heat capacity equal to the design's (one
 * number), an adiabatic recipe cell whose C dT equals its integrated heat,
 * contact resistance and entropic coefficients reaching the cell, and
 * refusals with key, value and range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "cellforge/cellforge.h"
#include "design_test_util.h"
#include "support/protocol_run.h"

#define COMMERCIAL "recipe_commercial_graphite_nmc.json"
#define HEV "hard_carbon_hev_cell.json"

/* The lumped model's C from a cell's layers (docs/thermal.md). */
static double lumped_C(const cf_cell *c)
{
    const cf_thermal *t = &c->thermal;
    double L[CF_N_LAYERS] = {t->cc_thickness_m[0], c->neg.thickness_m, c->sep.thickness_m, c->pos.thickness_m,
                             t->cc_thickness_m[1]};
    double sL = 0, rc = 0;
    for (int l = 0; l < CF_N_LAYERS; l++) {
        sL += L[l];
        rc += t->density_kg_m3[l] * t->heat_capacity_J_kg_K[l] * L[l];
    }
    return rc / sL * t->volume_m3;
}

/* The worked example's masses (docs/recipe.md) times the specific heats of
 * docs/recipe.md's table. */
static void commercial_heat_capacity(void **st)
{
    (void)st;
    dt_edit e[] = {{"thermal", "{\"heat_transfer_W_m2_K\": 10}"}};
    cf_recipe *r = dt_recipe(COMMERCIAL, e, 1);
    assert_non_null(r);
    cf_design d;
    cf_error err;
    assert_int_equal(cf_design_compute(r, &d, &err), CF_OK);
    double hand = 153.6 * 700 + 3.2 * 709 + 3.2 * 1300           /* positive: NMC811, carbon black, PVDF */
                  + 96 * 709 + 1 * 709 + 1.5 * 1200 + 1.5 * 1900 /* negative: graphite, CB, CMC, SBR */
                  + 12.96 * 896.9 + 28.672 * 384.6               /* Al and Cu foils */
                  + 5.472 * 1900 + 45.377 * 1810 + 15 * 897;     /* PE, electrolyte, case */
    hand *= 1e-3;                                                /* g -> kg */
    print_message("heat capacity %.3f J/K, hand %.3f J/K; mass %.3f g\n", d.heat_capacity_J_K, hand, d.thermal_mass_g);
    assert_true(d.has_thermal);
    assert_true(fabs(d.heat_capacity_J_K - hand) < 2e-4 * hand); /* the doc's masses are rounded */
    assert_true(fabs(d.thermal_mass_g - d.mass_g) < 1e-9 * d.mass_g);
    /* 110 x 220 x 6.8 mm: 2 (110 x 220 + 110 x 6.8 + 220 x 6.8) mm2 */
    assert_true(fabs(d.cooling_area_m2 - 2 * (110 * 220 + 110 * 6.8 + 220 * 6.8) * 1e-6) < 1e-12);
    /* the cell the recipe simulates has the design's heat capacity */
    cf_cell *c = NULL;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    assert_true(c->thermal.present);
    print_message("cell's lumped C %.6f J/K\n", lumped_C(c));
    assert_true(fabs(lumped_C(c) - d.heat_capacity_J_K) < 1e-12 * d.heat_capacity_J_K);
    assert_true(fabs(c->thermal.cooling_area_m2 - d.cooling_area_m2) < 1e-15);
    /* a layer's density is its own: the separator PE (0.95 g/cm3) at 40 %
     * porosity with its pores full of electrolyte (1.2 g/cm3) */
    assert_true(fabs(c->thermal.density_kg_m3[CF_LAYER_SEP] - (950 * 0.6 + 1200 * 0.4)) < 1e-6);
    assert_true(fabs(c->thermal.density_kg_m3[CF_LAYER_NCC] - 8960) < 1e-6);
    cf_cell_free(c);
    cf_recipe_free(r);
}

/* A given specific heat or mass replaces the materials' sum; ambient,
 * start, contact resistance and entropic coefficients reach the cell. */
static void overrides(void **st)
{
    (void)st;
    dt_edit e[] = {{"thermal", "{\"heat_transfer_W_m2_K\": 5, \"heat_capacity_J_kg_K\": 1000, \"mass_g\": 400, "
                               "\"ambient_C\": 45, \"initial_C\": -10, \"positive_entropic_V_K\": -1e-4}"},
                   {"contact_resistance_ohm", "0.002"}};
    cf_recipe *r = dt_recipe(COMMERCIAL, e, 2);
    assert_non_null(r);
    cf_design d;
    cf_error err;
    assert_int_equal(cf_design_compute(r, &d, &err), CF_OK);
    assert_true(fabs(d.heat_capacity_J_K - 400.0) < 1e-9);
    cf_cell *c = NULL;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    assert_true(fabs(lumped_C(c) - 400.0) < 1e-9);
    assert_true(fabs(c->thermal.T_ambient_K - 318.15) < 1e-9 && fabs(c->thermal.T_initial_K - 263.15) < 1e-9);
    assert_true(fabs(c->contact_resistance_ohm - 0.002) < 1e-15);
    assert_true(fabs(cf_fn_eval(&c->pos.phase[0].entropic, 0.5, 298.15, NULL) + 1e-4) < 1e-15);
    assert_true(fabs(cf_fn_eval(&c->neg.phase[0].entropic, 0.5, 298.15, NULL)) == 0.0);
    cf_cell_free(c);
    cf_recipe_free(r);
}

/* Adiabatic (h = 0) 10C pulse of the seed-002 recipe cell: C dT equals the
 * heat the run integrates, with the design's C. */
static void adiabatic_recipe_cell(void **st)
{
    (void)st;
    dt_edit e[] = {{"thermal.heat_transfer_W_m2_K", "0"}};
    cf_recipe *r = dt_recipe(HEV, e, 1);
    assert_non_null(r);
    cf_design d;
    cf_error err;
    assert_int_equal(cf_design_compute(r, &d, &err), CF_OK);
    cf_cell *c = NULL;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), CF_OK);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPME;
    opt.thermal = CF_THERMAL_LUMPED;
    opt.rtol = opt.atol = 1e-9;
    cf_solution *s = cf_test_run_ok(c, &opt, "Discharge at 10C for 10 seconds; Rest for 20 seconds", 0.5, NULL);
    double q = 0;
    for (size_t i = 1; i < s->n; i++) q += 0.5 * (s->t[i] - s->t[i - 1]) * (s->heat_total_W[i] + s->heat_total_W[i - 1]);
    double dT = s->temperature_K[s->n - 1] - s->temperature_K[0];
    print_message("adiabatic 10C pulse: C %.3f J/K, dT %.4f K, C dT %.4f J, heat %.4f J\n", d.heat_capacity_J_K, dT,
                  d.heat_capacity_J_K * dT, q);
    assert_true(dT > 0);
    assert_true(fabs(d.heat_capacity_J_K * dT - q) < 1e-3 * q);
    cf_solution_free(s);
    cf_cell_free(c);
    cf_recipe_free(r);
}

static void refused(const char *example, const char *path, const char *json, const char *where_has,
                    const char *msg_has)
{
    dt_edit e[] = {{path, json}};
    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = dt_recipe_err(example, e, 1, &err);
    int rc = CF_EINVAL;
    if (r) { /* some refusals come with the design (the cooling area) */
        cf_design d;
        rc = cf_design_compute(r, &d, &err);
        cf_recipe_free(r);
    }
    print_message("%s = %s: %s: %s\n", path, json ? json : "(deleted)", err.where, err.message);
    assert_int_equal(rc, CF_EINVAL);
    assert_non_null(strstr(err.where, where_has));
    assert_non_null(strstr(err.message, msg_has));
}

static void refusals(void **st)
{
    (void)st;
    refused(HEV, "thermal.heat_transfer_W_m2_K", "-1", "thermal.heat_transfer_W_m2_K", "[0, 100000]");
    refused(HEV, "thermal.heat_transfer_W_m2_K", NULL, "thermal", "heat_transfer_W_m2_K");
    refused(HEV, "thermal.heat_capacity_J_kg_K", "-700", "thermal.heat_capacity_J_kg_K", "(0, 100000]");
    refused(HEV, "thermal.ambient_C", "150", "thermal.ambient_C", "[-70, 120]");
    refused(HEV, "thermal.initial_C", "-80", "thermal.initial_C", "[-70, 120]");
    refused(HEV, "thermal.cooling_area_cm2", "-5", "thermal.cooling_area_cm2", "[0, 1e+08]");
    refused(HEV, "thermal.cooling_area_cm2", NULL, "thermal.cooling_area_cm2", "outer size");
    refused(HEV, "thermal.positive_entropic_V_K", "0.5", "thermal.positive_entropic_V_K", "[-0.01, 0.01]");
    refused(HEV, "thermal.heat_transfer", "10", "thermal", "heat_transfer_W_m2_K");
    refused(HEV, "contact_resistance_ohm", "11", "contact_resistance_ohm", "[0, 10]");
    refused(HEV, "thermal", "5", "thermal", "object");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(commercial_heat_capacity), cmocka_unit_test(overrides),
                                       cmocka_unit_test(adiabatic_recipe_cell), cmocka_unit_test(refusals)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
