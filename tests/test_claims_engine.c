/* test_claims_engine.c — the bound logic as the claims word it, three-valued
 * combination, seed names, --explain for every claim, and the design-around
 * search (boundary found, energy cost with the right sign). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "design/claims_internal.h"
#include "design_test_util.h"

static void bounds(void **state)
{
    (void)state;
    cf_cbound incl = {CF_B_INCL, 0.2, CF_B_INCL, 3};
    assert_false(cf_cbound_holds(&incl, 0.199));
    assert_true(cf_cbound_holds(&incl, 0.2));
    assert_true(cf_cbound_holds(&incl, 3.0));
    assert_false(cf_cbound_holds(&incl, 3.01));
    /* "from greater than 0.5 to not greater than 1" */
    cf_cbound lio = {CF_B_EXCL, 0.5, CF_B_INCL, 1};
    assert_false(cf_cbound_holds(&lio, 0.5));
    assert_true(cf_cbound_holds(&lio, 0.5001));
    assert_true(cf_cbound_holds(&lio, 1.0));
    assert_false(cf_cbound_holds(&lio, 1.0001));
    /* "at least 0.40 and below 0.60" */
    cf_cbound bulk = {CF_B_INCL, 0.4, CF_B_EXCL, 0.6};
    assert_true(cf_cbound_holds(&bulk, 0.4));
    assert_false(cf_cbound_holds(&bulk, 0.6));
    /* One-sided, and values a rounding error from the bound count as on it. */
    cf_cbound atmost = {CF_B_NONE, 0, CF_B_INCL, 0.1};
    assert_true(cf_cbound_holds(&atmost, 0.1 * (1 + 1e-12)));
    assert_true(cf_cbound_holds(&atmost, -5));
    cf_cbound pct = {CF_B_INCL, 30, CF_B_INCL, 75};
    assert_true(cf_cbound_holds(&pct, 0.3 * 100)); /* 30.000000000000004 */
    assert_false(cf_cbound_holds(&pct, NAN));
    char buf[80];
    cf_cbound_format(&lio, "Li/O", buf, sizeof buf);
    assert_string_equal(buf, "0.5 < Li/O <= 1");
    cf_cbound_format(&bulk, "rho", buf, sizeof buf);
    assert_string_equal(buf, "0.4 <= rho < 0.6");
    cf_cbound atleast = {CF_B_INCL, 0.8, CF_B_NONE, 0};
    cf_cbound_format(&atleast, "s", buf, sizeof buf);
    assert_string_equal(buf, "s >= 0.8");
}

static void three_values(void **state)
{
    (void)state;
    const int M = DT_MET, N = DT_NOT, U = DT_UND;
    assert_int_equal(cf_ctri_and(M, M), M);
    assert_int_equal(cf_ctri_and(M, U), U);
    assert_int_equal(cf_ctri_and(U, N), N);
    assert_int_equal(cf_ctri_or(N, N), N);
    assert_int_equal(cf_ctri_or(N, U), U);
    assert_int_equal(cf_ctri_or(U, M), M);
}

static void seeds_and_explain(void **state)
{
    (void)state;
    assert_int_equal(cf_claims_seed_count(), 3);
    assert_string_equal(cf_claims_seed_resolve("000"), "000_441cfe1333df67aa");
    assert_string_equal(cf_claims_seed_resolve("2064d47b93057da7"), "001_2064d47b93057da7");
    assert_string_equal(cf_claims_seed_resolve("002_e1fce42b0ed87cbc.txt"), "002_e1fce42b0ed87cbc");
    assert_null(cf_claims_seed_resolve("003"));
    const int n_claims[3] = {10, 15, 11};
    for (size_t s = 0; s < 3; s++)
        for (int c = 1; c <= n_claims[s]; c++) {
            cf_claim_info info;
            cf_error err;
            assert_int_equal(cf_claims_explain(cf_claims_seed_name(s), c, &info, &err), CF_OK);
            assert_true(strlen(info.text) > 40);
            assert_true(strlen(info.check) > 10);
            for (size_t k = 0; k < info.n_deps; k++) assert_true(info.depends_on[k] < c);
        }
    cf_claim_info info;
    cf_error err;
    assert_int_equal(cf_claims_explain("000", 11, &info, &err), CF_EINVAL);
    assert_int_equal(cf_claims_explain("999", 1, &info, &err), CF_EINVAL);
    assert_int_equal(cf_claims_explain("001", 13, &info, &err), CF_OK);
    assert_int_equal(info.n_deps, 2);
    assert_int_equal(info.depends_on[0], 10);
    assert_int_equal(info.depends_on[1], 12);
}

static void every_claim_reported(void **state)
{
    (void)state;
    const char *ex[] = {"recipe_commercial_graphite_nmc.json", "recipe_sn_ni.json", "recipe_hard_carbon.json",
                        "recipe_li_reservoir.json"};
    for (int i = 0; i < 4; i++) {
        cf_recipe *r = dt_recipe(ex[i], NULL, 0);
        assert_non_null(r);
        static cf_claims_report rep;
        cf_error err;
        assert_int_equal(cf_claims_check(r, NULL, &rep, &err), CF_OK);
        assert_int_equal(rep.n, 36);
        for (size_t k = 0; k < rep.n; k++) {
            assert_true(rep.r[k].reason[0] != '\0');
            assert_true(rep.r[k].range[0] != '\0');
            for (size_t v = 0; v < rep.r[k].n_values; v++)
                if (!rep.r[k].values[v].is_text) assert_true(isfinite(rep.r[k].values[v].num));
        }
        cf_recipe_free(r);
    }
}

/* Claim 5 of seed 000 (porosity 30-75 %) at porosity 45 %: the smallest
 * change is the porosity to just under 30 %; a denser layer of the same
 * loading is thinner, so Wh/L rises and Wh/kg (same masses) stays. */
static void design_around_porosity(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe("recipe_sn_ni.json", NULL, 0);
    static cf_design_around da;
    cf_error err;
    assert_int_equal(cf_claims_design_around(r, NULL, "000", 5, &da, &err), CF_OK);
    assert_int_equal(da.status, DT_MET);
    assert_true(da.n >= 1);
    assert_string_equal(da.c[0].variable, "negative.porosity");
    assert_true(da.c[0].to < 0.30 && da.c[0].to > 0.295);
    assert_int_equal(da.c[0].new_status, DT_NOT);
    assert_true(da.c[0].d_wh_per_L > 0);
    assert_float_equal(da.c[0].d_wh_per_kg, 0.0, 1e-9);
    /* The change really flips the claim. */
    char v[40];
    snprintf(v, sizeof v, "%.17g", da.c[0].to);
    assert_int_equal(dt_status1("recipe_sn_ni.json", "negative.porosity", v, "000", 5), DT_NOT);
    cf_recipe_free(r);
}

/* Claim 2 of seed 002 is text-only (vinyl precursor): the change is a text one. */
static void design_around_text_and_undetermined(void **state)
{
    (void)state;
    cf_recipe *r = dt_recipe("recipe_hard_carbon.json", NULL, 0);
    static cf_design_around da;
    cf_error err;
    assert_int_equal(cf_claims_design_around(r, NULL, "002", 2, &da, &err), CF_OK);
    assert_true(da.n >= 1);
    int found_text = 0;
    for (size_t i = 0; i < da.n; i++)
        if (da.c[i].is_text && strcmp(da.c[i].variable, "negative.components[0].precursor") == 0) found_text = 1;
    assert_true(found_text);
    /* Numbers come first: the smallest numeric change breaks claim 1 (d002 0.381 -> 0.3649). */
    assert_false(da.c[0].is_text);
    assert_string_equal(da.c[0].variable, "negative.components[0].d002_nm");
    assert_true(da.c[0].to < 0.365 && da.c[0].to > 0.36);
    cf_recipe_free(r);
    /* Seed 000 claim 4 is undetermined: a note, no change. */
    r = dt_recipe("recipe_sn_ni.json", NULL, 0);
    assert_int_equal(cf_claims_design_around(r, NULL, "000", 4, &da, &err), CF_OK);
    assert_int_equal(da.n, 0);
    assert_non_null(strstr(da.note, "undetermined"));
    assert_int_equal(cf_claims_design_around(r, NULL, "000", 99, &da, &err), CF_EINVAL);
    cf_recipe_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bounds),
        cmocka_unit_test(three_values),
        cmocka_unit_test(seeds_and_explain),
        cmocka_unit_test(every_claim_reported),
        cmocka_unit_test(design_around_porosity),
        cmocka_unit_test(design_around_text_and_undetermined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
