/* test_claims_001.c — seed 001 (lithium reservoir, Li metal formed by
 * charging, over-lithiated LiNiO2 / LiMn2O4): Li/O windows at their bounds,
 * Li/O derived from the reservoir against a hand calculation, the process
 * claim's time bound, and the process record taking precedence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "design_test_util.h"

#define EX "recipe_li_reservoir.json"

#define REJECTED (-2)

/* Claim 2 with a given Li/O and no reservoir (lithium metal still forms: N/P 0.56). */
static int lio_status(const char *material, const char *lio, int claim)
{
    char comp[160];
    snprintf(comp, sizeof comp, "\"%s\"", material);
    /* A thin negative (N/P ~0.2) so lithium metal forms for every oxide tried. */
    dt_edit e[] = {{"reservoir", NULL}, {"positive.components[0].material", comp},
                   {"positive.components[0].li_o_ratio", lio}, {"negative.coating_g_m2", "10"}};
    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = dt_recipe_err(EX, e, 4, &err);
    if (!r) return REJECTED; /* physically impossible Li/O: refused at load */
    int s = dt_status(r, NULL, "001", claim);
    cf_recipe_free(r);
    return s;
}

static void linio2_window(void **state)
{
    (void)state;
    /* above Li2NiO2 (Li/O 1) the recipe itself is refused */
    const char *v[] = {"0.5", "0.5001", "1.0", "1.0001", "1.6"};
    const int want[] = {DT_NOT, DT_MET, DT_MET, REJECTED, REJECTED};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(lio_status("linio2", v[i], 2), want[i]);
        assert_int_equal(lio_status("linio2", v[i], 11), want[i]);
    }
}

static void limn2o4_window(void **state)
{
    (void)state;
    const char *v[] = {"0.25", "0.2501", "0.5", "0.5001"};
    const int want[] = {DT_NOT, DT_MET, DT_MET, REJECTED};
    for (int i = 0; i < 4; i++) assert_int_equal(lio_status("limn2o4", v[i], 2), want[i]);
    /* NMC811 is not "lithium nickel oxide" in the claim's sense; LiMO2 holds at most Li/O 0.5. */
    assert_int_equal(lio_status("nmc811", "0.5", 2), DT_NOT);
    assert_int_equal(lio_status("nmc811", "0.6", 2), REJECTED);
}

/* Hand calculation: 150 g/m2 x 0.0025 m2 x 0.90 = 0.3375 g LiNiO2 (97.632 g/mol)
 * holds 2 x 0.3375/97.632 = 6.9137 mmol O; 12 mg Li = 1.72886 mmol;
 * Li/O = 0.5 + 1.72886/6.9137 = 0.75006. */
static void lio_from_reservoir(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe(EX, NULL, 0);
    assert_non_null(r);
    double expect = 0.5 + (12e-3 / 6.941) / (2 * 0.3375 / 97.632);
    assert_float_equal(dt_value(r, NULL, "001", 2, "li_o_ratio_linio2"), expect, 1e-6);
    assert_int_equal(dt_status(r, NULL, "001", 2), DT_MET);
    cf_design d;
    assert_int_equal(cf_design_compute(r, &d, NULL), CF_OK);
    assert_int_equal(d.positive.comp[0].li_o_source, CF_LIO_RESERVOIR);
    cf_recipe_free(r);
    /* A large reservoir saturates at Li2NiO2 (Li/O = 1), still inside the window. */
    r = dt_recipe(EX, &(dt_edit){"reservoir.mass_mg", "1000"}, 1);
    assert_float_equal(dt_value(r, NULL, "001", 2, "li_o_ratio_linio2"), 1.0, 1e-12);
    assert_int_equal(dt_status(r, NULL, "001", 2), DT_MET);
    cf_recipe_free(r);
    /* Without the reservoir LiNiO2 stays at 0.5: outside (0.5, 1]. */
    r = dt_recipe(EX, &(dt_edit){"reservoir", NULL}, 1);
    assert_float_equal(dt_value(r, NULL, "001", 2, "li_o_ratio_linio2"), 0.5, 1e-12);
    assert_int_equal(dt_status(r, NULL, "001", 2), DT_NOT);
    assert_int_equal(dt_status(r, NULL, "001", 1), DT_NOT);
    cf_recipe_free(r);
}

static void reservoir_and_lithium_metal(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe(EX, NULL, 0);
    /* Claim 11 assembles the positive with the Li/O: as assembled it is
     * Li(1)NiO2 (0.5, outside), the reservoir brings it to 0.75 only after
     * electrolyte contact; both are reported. */
    for (int c = 1; c <= 15; c++) assert_int_equal(dt_status(r, NULL, "001", c), c == 11 ? DT_NOT : DT_MET);
    assert_float_equal(dt_value(r, NULL, "001", 11, "li_o_ratio_linio2_as_assembled"), 0.5, 1e-12);
    assert_float_equal(dt_value(r, NULL, "001", 11, "li_o_ratio_linio2"), 0.5 + (12e-3 / 6.941) / (2 * 0.3375 / 97.632),
                       1e-6);
    assert_float_equal(dt_value(r, NULL, "001", 2, "li_o_ratio_linio2_as_assembled"), 0.5, 1e-12);
    cf_recipe_free(r);
    /* a positive made over-lithiated meets it as assembled, without a reservoir */
    dt_edit e11[] = {{"reservoir", NULL}, {"positive.components[0].li_o_ratio", "0.75"}};
    r = dt_recipe(EX, e11, 2);
    assert_int_equal(dt_status(r, NULL, "001", 11), DT_MET);
    assert_float_equal(dt_value(r, NULL, "001", 11, "li_o_ratio_linio2_as_assembled"), 0.75, 1e-12);
    cf_recipe_free(r);
    assert_int_equal(dt_status1(EX, "reservoir.connected_to", "\"negative\"", "001", 1), DT_NOT);
    assert_int_equal(dt_status1(EX, "reservoir.mass_mg", "0", "001", 1), DT_NOT);
    /* A negative big enough to host everything: no lithium metal forms (N/P > 1). */
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "300", "001", 1), DT_NOT);
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "300", "001", 9), DT_NOT);
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "300", "001", 10), DT_NOT);
    assert_int_equal(dt_status1(EX, "positive.collector.material", "\"nickel\"", "001", 12), DT_NOT);
    assert_int_equal(dt_status1(EX, "electrolyte.type", "\"liquid\"", "001", 5), DT_NOT);
    assert_int_equal(dt_status1(EX, "electrolyte.type", "\"liquid\"", "001", 15), DT_NOT);
    assert_int_equal(dt_status1(EX, "electrolyte.type", "\"liquid\"", "001", 3), DT_MET);
}

static void first_charge_time(void **state)
{
    (void)state;
    const char *h = "process.first_charge_after_electrolyte_h";
    assert_int_equal(dt_status1(EX, h, "2.0", "001", 13), DT_MET);
    assert_int_equal(dt_status1(EX, h, "2.01", "001", 13), DT_NOT);
    assert_int_equal(dt_status1(EX, "process", NULL, "001", 13), DT_UND);
    /* Parent 10 not met decides even when the time is unknown. */
    dt_edit e[] = {{"process", NULL}, {"reservoir.connected_to", "\"negative\""}};
    cf_recipe *r = dt_recipe(EX, e, 2);
    assert_int_equal(dt_status(r, NULL, "001", 13), DT_NOT);
    cf_recipe_free(r);
}

static void process_record_wins(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe(EX, NULL, 0); /* recipe says 1.0 h */
    cf_run_record run;
    cf_error err;
    assert_int_equal(cf_run_record_parse("{\"first_charge_after_contact_h\": 2.5}", "<run>", &run, &err), CF_OK);
    assert_int_equal(dt_status(r, &run, "001", 13), DT_NOT);
    assert_int_equal(cf_run_record_parse("{\"first_charge_after_contact_h\": 1.99, \"li_metal_plated_Ah\": 0}",
                                         "<run>", &run, &err), CF_OK);
    assert_int_equal(dt_status(r, &run, "001", 13), DT_NOT); /* claim 10: no Li metal per the record */
    assert_int_equal(dt_status(r, &run, "001", 9), DT_NOT);
    /* a record's collector figures are shown with claim 13 (the claim itself is the time) */
    assert_int_equal(cf_run_record_parse("{\"first_charge_after_contact_h\": 24, \"time_below_threshold_s\": 52272, "
                                         "\"threshold_V\": 0.3, \"li_alloyed_Ah\": 1.08, \"li_metal_plated_Ah\": 10.4}",
                                         "<run>", &run, &err), CF_OK);
    assert_int_equal(dt_status(r, &run, "001", 13), DT_NOT);
    assert_float_equal(dt_value(r, &run, "001", 13, "time_below_alloy_threshold_s"), 52272, 1e-9);
    assert_float_equal(dt_value(r, &run, "001", 13, "li_alloyed_with_collector_Ah"), 1.08, 1e-12);
    assert_int_equal(cf_run_record_parse("{\"li_o_ratio_after_prelithiation\": 0.5}", "<run>", &run, &err), CF_OK);
    assert_int_equal(dt_status(r, &run, "001", 2), DT_NOT);
    cf_recipe_free(r);
    /* Bad records name the key and suggest. */
    assert_int_equal(cf_run_record_parse("{\"first_charge_after_contact\": 1}", "run.json", &run, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "first_charge_after_contact_h"));
    assert_int_equal(cf_run_record_parse("{\"li_metal_plated_Ah\": -1}", "run.json", &run, &err), CF_EINVAL);
    assert_int_equal(cf_run_record_parse("{\"li_metal_plated_Ah\": }", "run.json", &run, &err), CF_EINVAL);
    assert_non_null(strstr(err.where, "run.json:1:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linio2_window),
        cmocka_unit_test(limn2o4_window),
        cmocka_unit_test(lio_from_reservoir),
        cmocka_unit_test(reservoir_and_lithium_metal),
        cmocka_unit_test(first_charge_time),
        cmocka_unit_test(process_record_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
