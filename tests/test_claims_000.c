/* test_claims_000.c — seed 000 (Sn–Ni alloy negative): every bounded claim
 * just inside and just outside its bounds, the lever rule against figures
 * computed from Ni3Sn4's Ni mass fraction 0.27051 [CALC], and the
 * dependency chains (incl. truncated claim 4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "design_test_util.h"

#define EX "recipe_sn_ni.json"
#define ALLOY "negative.components[0]"

/* Claim 2 with a measured Z; ni 0.22 keeps claim 1 met and Z up to 3.01 consistent. */
static int z_status(const char *z)
{
    dt_edit e[] = {{ALLOY ".Z", z}, {ALLOY ".ni_mass_fraction", "0.22"}};
    cf_recipe *r = dt_recipe(EX, e, 2);
    assert_non_null(r);
    int s = dt_status(r, NULL, "000", 2);
    assert_int_equal(dt_status(r, NULL, "000", 1), DT_MET);
    cf_recipe_free(r);
    return s;
}

static void z_bounds(void **state)
{
    (void)state;
    assert_int_equal(z_status("0.199"), DT_NOT);
    assert_int_equal(z_status("0.2"), DT_MET);
    assert_int_equal(z_status("3.0"), DT_MET);
    assert_int_equal(z_status("3.01"), DT_NOT);
}

/* Lever rule with Ni3Sn4's Ni mass fraction 3 * 58.6934 / 650.920 [CALC]:
 * w_Ni 5 % -> Z 0.227, 10 % -> 0.587, 15 % -> 1.245;
 * Z = 0.2 <-> 4.51 %, Z = 3 <-> 20.29 %. */
static void z_from_lever_rule(void **state)
{
    (void)state;
    const double ni[] = {0.05, 0.10, 0.15}, z[] = {0.227, 0.587, 1.245};
    for (int i = 0; i < 3; i++) {
        char v[32];
        snprintf(v, sizeof v, "%g", ni[i]);
        dt_edit e = {ALLOY ".ni_mass_fraction", v};
        cf_recipe *r = dt_recipe(EX, &e, 1);
        assert_non_null(r);
        assert_float_equal(dt_value(r, NULL, "000", 2, "Z"), z[i], 1e-3);
        cf_recipe_free(r);
    }
    /* Claim 2 flips at the Ni contents the reference gives. */
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.0452", "000", 2), DT_NOT); /* claim 1 fails too */
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.2028", "000", 2), DT_MET);
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.2030", "000", 2), DT_NOT);
}

static void ni_and_sn_bounds(void **state)
{
    (void)state;
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.0499", "000", 1), DT_NOT);
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.05", "000", 1), DT_MET);
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.25", "000", 1), DT_MET);
    assert_int_equal(dt_status1(EX, ALLOY ".ni_mass_fraction", "0.2501", "000", 1), DT_NOT);
}

static void phases(void **state)
{
    (void)state;
    assert_int_equal(dt_status1(EX, ALLOY ".phases", "[\"Sn4Ni3\", \"Sn\"]", "000", 1), DT_MET);
    assert_int_equal(dt_status1(EX, ALLOY ".phases", "[\"Ni3Sn4\", \"Ni3Sn2\"]", "000", 1), DT_NOT);
    /* A measured Z of 0 means no Sn4Ni3. */
    dt_edit e[] = {{ALLOY ".Z", "0"}, {ALLOY ".ni_mass_fraction", "0.10"}};
    cf_recipe *r = dt_recipe(EX, e, 2);
    assert_int_equal(dt_status(r, NULL, "000", 1), DT_NOT);
    cf_recipe_free(r);
}

static void porosity_bounds(void **state)
{
    (void)state;
    const char *p[] = {"0.299", "0.30", "0.75", "0.751"};
    const int want[] = {DT_NOT, DT_MET, DT_MET, DT_NOT};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(dt_status1(EX, "negative.porosity", p[i], "000", 5), want[i]);
        assert_int_equal(dt_status1(EX, "negative.porosity", p[i], "000", 6), want[i]); /* via claim 3 */
    }
    /* Porosity given as a thickness: 30 % exactly through the derivation. */
    cf_recipe *r = dt_recipe(EX, NULL, 0);
    cf_design d;
    assert_int_equal(cf_design_compute(r, &d, NULL), CF_OK);
    double t30 = d.negative.coating_g_m2 / (d.negative.skeleton_density_g_cm3 * 0.70);
    cf_recipe_free(r);
    char v[40];
    snprintf(v, sizeof v, "%.17g", t30);
    dt_edit e[] = {{"negative.porosity", NULL}, {"negative.thickness_um", v}};
    r = dt_recipe(EX, e, 2);
    assert_int_equal(dt_status(r, NULL, "000", 5), DT_MET);
    cf_recipe_free(r);
    snprintf(v, sizeof v, "%.17g", t30 * 0.999); /* thinner: porosity below 30 % */
    r = dt_recipe(EX, e, 2);
    assert_int_equal(dt_status(r, NULL, "000", 5), DT_NOT);
    cf_recipe_free(r);
}

/* Apparent density of the composite layer.  A pure alloy coating with 25 % Ni
 * (pore-free 8.53 g/cm3) reaches the 8.3 bound with claim 1 still met. */
static int density_status(const char *rho)
{
    dt_edit e[] = {{"negative.porosity", NULL},
                   {"negative.density_g_cm3", rho},
                   {"negative.components", "[{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 1.0, "
                                           "\"ni_mass_fraction\": 0.25}]"}};
    cf_recipe *r = dt_recipe(EX, e, 3);
    assert_non_null(r);
    assert_int_equal(dt_status(r, NULL, "000", 1), DT_MET);
    int s = dt_status(r, NULL, "000", 8);
    cf_recipe_free(r);
    return s;
}

static void density_bounds(void **state)
{
    (void)state;
    assert_int_equal(density_status("2.49"), DT_NOT);
    assert_int_equal(density_status("2.5"), DT_MET);
    assert_int_equal(density_status("8.3"), DT_MET);
    assert_int_equal(density_status("8.31"), DT_NOT);
}

static void carbon_and_truncated_claim4(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe(EX, NULL, 0);
    assert_int_equal(dt_status(r, NULL, "000", 3), DT_MET);
    assert_int_equal(dt_status(r, NULL, "000", 4), DT_UND); /* text cut off in the seed */
    assert_int_equal(dt_status(r, NULL, "000", 7), DT_UND);
    assert_int_equal(dt_status(r, NULL, "000", 10), DT_UND);
    cf_recipe_free(r);
    /* No carbon: claim 3 and 4 fail outright, their dependants too. */
    dt_edit e = {"negative.components",
                 "[{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.1},"
                 " {\"material\": \"pvdf\", \"mass_fraction\": 0.1}]"};
    r = dt_recipe(EX, &e, 1);
    assert_int_equal(dt_status(r, NULL, "000", 3), DT_NOT);
    assert_int_equal(dt_status(r, NULL, "000", 4), DT_NOT);
    assert_int_equal(dt_status(r, NULL, "000", 6), DT_NOT);
    assert_int_equal(dt_status(r, NULL, "000", 7), DT_NOT);
    assert_int_equal(dt_status(r, NULL, "000", 5), DT_MET); /* via claim 1 */
    cf_recipe_free(r);
}

static void graphite_negative_fails_claim1_chain(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe("recipe_commercial_graphite_nmc.json", NULL, 0);
    for (int c = 1; c <= 10; c++) assert_int_equal(dt_status(r, NULL, "000", c), DT_NOT);
    cf_recipe_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(z_bounds),
        cmocka_unit_test(z_from_lever_rule),
        cmocka_unit_test(ni_and_sn_bounds),
        cmocka_unit_test(phases),
        cmocka_unit_test(porosity_bounds),
        cmocka_unit_test(density_bounds),
        cmocka_unit_test(carbon_and_truncated_claim4),
        cmocka_unit_test(graphite_negative_fails_claim1_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
