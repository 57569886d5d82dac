/* test_claims_002.c — seed 002 (hard carbon): every bounded property just
 * inside and just outside, the half-open bulk-density range, the product
 * S x Dv50, the process claim and the dependency chain. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "design_test_util.h"

#define EX "recipe_hard_carbon.json"
#define HC "negative.components[0]."

typedef struct {
    const char *key;
    int claim;
    const char *values[4];
    int want[4];
} bound_case;

static void property_bounds(void **state)
{
    (void)state;
    const bound_case cases[] = {
        {"d002_nm", 1, {"0.3649", "0.365", "0.400", "0.4001"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
        {"lc_nm", 1, {"0.999", "1.0", "3.0", "3.001"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
        {"h_c_atomic", 1, {"0", "0.0999", "0.1", "0.1001"}, {DT_MET, DT_MET, DT_MET, DT_NOT}},
        {"dv50_um", 1, {"0.999", "1", "20", "20.01"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
        {"sphericity", 1, {"0.799", "0.8", "0.95", "1"}, {DT_NOT, DT_MET, DT_MET, DT_MET}},
        /* "at least 0.40 and below 0.60" */
        {"bulk_density_g_cm3", 3, {"0.3999", "0.40", "0.5999", "0.60"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
        {"d4_d1", 4, {"1", "2.999", "3.0", "3.001"}, {DT_MET, DT_MET, DT_MET, DT_NOT}},
        {"exotherm_peak_C", 6, {"599.9", "600", "900", "1200"}, {DT_NOT, DT_MET, DT_MET, DT_MET}},
        {"si_coating_wt_pct", 7, {"0.0999", "0.1", "10", "10.01"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
        {"n_wt_pct", 8, {"0.4999", "0.5", "5", "5.001"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
        {"oxidation_C", 9, {"149.9", "150", "400", "400.1"}, {DT_NOT, DT_MET, DT_MET, DT_NOT}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[96];
        snprintf(path, sizeof path, HC "%s", cases[i].key);
        for (int k = 0; k < 4; k++) {
            int s = dt_status1(EX, path, cases[i].values[k], "002", cases[i].claim);
            if (s != cases[i].want[k])
                fail_msg("%s = %s: claim %d is %d, expected %d", cases[i].key, cases[i].values[k], cases[i].claim, s,
                         cases[i].want[k]);
        }
    }
}

/* S x Dv50 with Dv50 = 10 um: BET 0.2999 / 0.3 / 4.0 / 4.001 m2/g -> 2.999 / 3 / 40 / 40.01. */
static void s_dv50_bounds(void **state)
{
    (void)state;
    const char *bet[] = {"0.2999", "0.3", "4.0", "4.001"};
    const int want[] = {DT_NOT, DT_MET, DT_MET, DT_NOT};
    for (int k = 0; k < 4; k++) {
        dt_edit e[] = {{HC "dv50_um", "10"}, {HC "bet_m2_g", bet[k]}};
        cf_recipe *r = dt_recipe(EX, e, 2);
        assert_int_equal(dt_status(r, NULL, "002", 5), want[k]);
        cf_recipe_free(r);
    }
}

static void coating_rate(void **state)
{
    (void)state;
    /* Thickness is given, so the loading moves the porosity only. */
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "60", "002", 10), DT_MET);
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "60.1", "002", 10), DT_NOT);
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "60.1", "002", 11), DT_NOT);
    assert_int_equal(dt_status1(EX, "negative.coating_g_m2", "60", "002", 11), DT_MET);
}

static void precursor_and_process(void **state)
{
    (void)state;
    assert_int_equal(dt_status1(EX, HC "precursor", "\"phenolic_resin\"", "002", 2), DT_NOT);
    assert_int_equal(dt_status1(EX, HC "precursor", "\"mystery_polymer\"", "002", 2), DT_UND);
    assert_int_equal(dt_status1(EX, HC "precursor", NULL, "002", 2), DT_UND);
    assert_int_equal(dt_status1(EX, HC "precursor", "\"pvc\"", "002", 9), DT_MET);
    assert_int_equal(dt_status1(EX, HC "oxidation_atmosphere", "\"nitrogen\"", "002", 9), DT_NOT);
    assert_int_equal(dt_status1(EX, HC "carbonization_atmosphere", "\"air\"", "002", 9), DT_NOT);
    assert_int_equal(dt_status1(EX, HC "precursor_shape", "\"irregular\"", "002", 9), DT_NOT);
    assert_int_equal(dt_status1(EX, HC "precursor_polymerization", "\"emulsion\"", "002", 9), DT_NOT);
    /* Claim 3 needs claim 1 or 2: a non-vinyl precursor alone does not break it. */
    assert_int_equal(dt_status1(EX, HC "precursor", "\"phenolic_resin\"", "002", 3), DT_MET);
}

static void missing_values_and_chain(void **state)
{
    (void)state;
    assert_int_equal(dt_status1(EX, HC "d002_nm", NULL, "002", 1), DT_UND);
    assert_int_equal(dt_status1(EX, HC "d002_nm", NULL, "002", 4), DT_UND); /* parents undetermined */
    /* One value missing, another out of range: not met wins. */
    dt_edit e[] = {{HC "d002_nm", NULL}, {HC "lc_nm", "5"}};
    cf_recipe *r = dt_recipe(EX, e, 2);
    assert_int_equal(dt_status(r, NULL, "002", 1), DT_NOT);
    for (int c = 2; c <= 11; c++) assert_int_equal(dt_status(r, NULL, "002", c), DT_NOT);
    cf_recipe_free(r);
    /* Graphite: d002 0.3354 nm is outside 0.365-0.400 even unmeasured. */
    r = dt_recipe("recipe_commercial_graphite_nmc.json", NULL, 0);
    assert_int_equal(dt_status(r, NULL, "002", 1), DT_NOT);
    assert_float_equal(dt_value(r, NULL, "002", 1, "d002_nm"), 0.3354, 1e-12);
    cf_recipe_free(r);
    /* The whole example meets all eleven claims. */
    r = dt_recipe(EX, NULL, 0);
    for (int c = 1; c <= 11; c++) assert_int_equal(dt_status(r, NULL, "002", c), DT_MET);
    cf_recipe_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(property_bounds),
        cmocka_unit_test(s_dv50_bounds),
        cmocka_unit_test(coating_rate),
        cmocka_unit_test(precursor_and_process),
        cmocka_unit_test(missing_values_and_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
