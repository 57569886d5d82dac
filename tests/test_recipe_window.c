/* test_recipe_window.c — the design's capacity is the simulator's.
 *
 * Recipes are generated across every host negative (graphite, hard carbon,
 * Sn-Ni, Sn) and every positive (NMC811, LiCoO2, LiMn2O4, LiNiO2, NCA,
 * LiFePO4), loadings and N/P; for each the design capacity (open-circuit
 * window of the recipe's own cell) must equal the simulated C/20 discharge
 * capacity from full within 2 % (SPM and DFN), with both electrodes inside
 * their windows at the design's cut-offs, and the formation loss must take
 * the larger of the two electrodes' (1 - first-cycle efficiency) shares of
 * the first charge.  Also:
 * N/P < 1 on a host is a plating risk, not capacity; Li/O and alloy bounds
 * are enforced. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cellforge/cellforge.h"

static const char *const NEG[] = {
    "{\"material\": \"graphite\", \"mass_fraction\": 0.95, \"dv50_um\": 12}",
    "{\"material\": \"hard_carbon\", \"mass_fraction\": 0.95, \"dv50_um\": 10}",
    "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.95, \"ni_mass_fraction\": 0.1, \"dv50_um\": 3}",
    "{\"material\": \"tin\", \"mass_fraction\": 0.95, \"dv50_um\": 3}"};
static const double NEG_Q[] = {360, 295, 850, 980}; /* rough mAh/g, to size the N/P */
enum { N_NEG = sizeof NEG / sizeof NEG[0] };
/* every positive with electrochemical data; LFP without a size (its 50 nm) */
static const char *const POS[] = {"nmc811", "lco", "limn2o4", "linio2", "nca", "lfp"};
static const double POS_Q[] = {200, 150, 120, 200, 190, 165};
enum { N_POS = sizeof POS / sizeof POS[0] };

static cf_recipe *make(int in, int ip, double pos_g_m2, double np, const char *extra_neg)
{
    /* Sn swells 2.6x: it needs N/P well above 1 to keep pore room at full charge */
    if (in >= 2 && np < 1.5) np *= 1.5;
    double neg_g_m2 = np * pos_g_m2 * 0.95 * POS_Q[ip] / (0.95 * NEG_Q[in]);
    char text[2048];
    snprintf(text, sizeof text,
             "{\"name\": \"gen\", \"format\": {\"type\": \"pouch\", \"electrode_width_mm\": 50, "
             "\"electrode_height_mm\": 50, \"layers\": 2},"
             "\"negative\": {\"collector\": {\"material\": \"copper\", \"thickness_um\": 10}, \"sides\": 2, "
             "\"coating_g_m2\": %.3f, \"porosity\": %s, %s \"components\": [%s, {\"material\": \"pvdf\", "
             "\"mass_fraction\": 0.05}]},"
             "\"positive\": {\"collector\": {\"material\": \"aluminium\", \"thickness_um\": 15}, \"sides\": 2, "
             "\"coating_g_m2\": %.3f, \"porosity\": 0.3, \"components\": [{\"material\": \"%s\", \"mass_fraction\": "
             "0.95%s}, {\"material\": \"pvdf\", \"mass_fraction\": 0.05}]},"
             "\"separator\": {\"material\": \"pe\", \"thickness_um\": 16, \"porosity\": 0.4},"
             "\"electrolyte\": {\"type\": \"liquid\", \"salt\": \"LiPF6\", \"concentration_mol_L\": 1.0}}",
             neg_g_m2, in >= 2 ? "0.55" : "0.35", extra_neg ? extra_neg : "", NEG[in], pos_g_m2, POS[ip],
             strcmp(POS[ip], "lfp") == 0 ? "" : ", \"dv50_um\": 8");
    cf_recipe *r = NULL;
    cf_error err;
    cf_error_clear(&err);
    if (cf_recipe_parse(text, "<gen>", &r, &err)) fail_msg("recipe: %s: %s", err.where, err.message);
    return r;
}

/* C/20 discharge from 100 % SOC; returns the capacity and checks the
 * electrodes against their windows (1 mV slack). */
static double c20(const cf_cell *cell, cf_model_kind kind)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 8;
    opt.nr_neg = opt.nr_pos = 10;
    cf_plan *plan = NULL;
    cf_error err;
    cf_error_clear(&err);
    if (cf_plan_new(cell, &opt, &plan, &err) || cf_sim_reset_soc(plan, 1.0, &err))
        fail_msg("plan: %s: %s", err.where, err.message);
    cf_solution *sol = NULL;
    if (cf_sim_run_crate(plan, 0.05, &sol, &err)) fail_msg("run: %s: %s", err.where, err.message);
    for (size_t i = 0; i < sol->n; i++) {
        assert_true(sol->pos_potential[i] <= cell->pos.window_max_V + 1e-3);
        assert_true(sol->pos_potential[i] >= cell->pos.window_min_V - 1e-3);
        assert_true(sol->neg_potential[i] >= cell->neg.window_min_V - 1e-3);
        assert_true(sol->neg_potential[i] <= cell->neg.window_max_V + 1e-3);
    }
    double q = fabs(sol->capacity_Ah[sol->n - 1]);
    cf_solution_free(sol);
    cf_plan_free(plan);
    return q;
}

/* Every host negative with every positive, at two loadings and two N/P
 * (>= 1): design capacity == simulated C/20 capacity within 2 %, SPM and
 * DFN, both electrodes inside their windows throughout. */
static void test_design_equals_simulation(void **state)
{
    (void)state;
    static const double loading[] = {120, 220};
    static const double nps[] = {1.1, 1.6};
    double worst[2] = {0, 0};
    for (int in = 0; in < N_NEG; in++)
        for (int ip = 0; ip < N_POS; ip++)
            for (int il = 0; il < 2; il++)
                for (int inp = 0; inp < 2; inp++) {
                    cf_recipe *r = make(in, ip, loading[il], nps[inp], NULL);
                    cf_design d;
                    cf_error err;
                    cf_error_clear(&err);
                    if (cf_design_compute(r, &d, &err))
                        fail_msg("%s|%s: design: %s", NEG[in], POS[ip], err.message);
                    assert_true(d.capacity_from_window);
                    assert_true(d.np_ratio >= 1.0);
                    /* the cut-offs keep both electrodes inside at open circuit */
                    assert_true(d.u_pos_V[1] <= d.pos_window_V[1] + 1e-9 && d.u_neg_V[1] >= d.neg_window_V[0] - 1e-9);
                    assert_true(d.u_pos_V[0] >= d.pos_window_V[0] - 1e-9 && d.u_neg_V[0] <= d.neg_window_V[1] + 1e-9);
                    /* formation: the larger loss, between LFP's 3 % and a host's 20 % */
                    assert_true(d.first_cycle_loss_Ah > 0.029 * d.first_charge_cell_Ah &&
                                d.first_cycle_loss_Ah < 0.21 * d.first_charge_cell_Ah);
                    assert_float_equal(d.first_cycle_loss_Ah, fmax(d.first_cycle_loss_neg_Ah, d.first_cycle_loss_pos_Ah),
                                       1e-12 * d.first_cycle_loss_Ah);
                    cf_cell *cell = NULL;
                    if (cf_recipe_to_cell(r, &cell, &err)) fail_msg("cell: %s", err.message);
                    assert_float_equal(cell->nominal_capacity_Ah, d.capacity_Ah, 1e-9 * d.capacity_Ah);
                    static const cf_model_kind kinds[2] = {CF_MODEL_SPM, CF_MODEL_DFN};
                    for (int m = 0; m < 2; m++) {
                        double q = c20(cell, kinds[m]), dev = fabs(q / d.capacity_Ah - 1);
                        worst[m] = fmax(worst[m], dev);
                        if (dev > 0.02)
                            fail_msg("%s|%s %.0f g/m2 N/P %.1f: design %.5f Ah, %s C/20 %.5f Ah", NEG[in], POS[ip],
                                     loading[il], nps[inp], d.capacity_Ah, m ? "DFN" : "SPM", q);
                    }
                    cf_cell_free(cell);
                    cf_recipe_free(r);
                }
    print_message("%d recipes: worst |C/20 / design - 1| SPM %.2f %%, DFN %.2f %%\n", N_NEG * N_POS * 4,
                  100 * worst[0], 100 * worst[1]);
}

/* Formation loses the larger of the two electrodes' first-cycle losses:
 * graphite keeps 8 % of the first charge (FCE 0.92) but NMC811 cannot take
 * back 11 % (FCE 0.89), so graphite | NMC811 loses 11 %; hard carbon keeps
 * 20 % (FCE 0.80), more than NMC811's 11 %, so hard carbon | NMC811 loses
 * 20 %.  The formed cell's inventory is the assembled one minus the loss. */
static void test_formation_loss_in_initial_state(void **state)
{
    (void)state;
    static const struct { int in; double neg, pos, lost; } CASES[] = {{0, 0.08, 0.11, 0.11}, {1, 0.20, 0.11, 0.20}};
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        cf_recipe *r = make(CASES[k].in, 0, 150, 1.2, NULL);
        cf_design d;
        cf_cell *cell = NULL;
        assert_int_equal(cf_design_compute(r, &d, NULL), CF_OK);
        assert_int_equal(cf_recipe_to_cell(r, &cell, NULL), CF_OK);
        double li_Ah = cf_cell_lithium_mol_m2(cell) * cell->area_m2 * CF_FARADAY / 3600.0;
        /* as assembled: the positive's as-made lithium plus 1 % of the host */
        double as_made = 0;
        for (size_t i = 0; i < d.positive.n_components; i++)
            if (d.positive.comp[i].is_active)
                as_made += d.positive.comp[i].mass_g * d.positive.comp[i].theoretical_capacity_mAh_g / 1000.0;
        double host = d.negative.comp[0].mass_g * d.negative.comp[0].theoretical_capacity_mAh_g / 1000.0;
        assert_float_equal(li_Ah, 0.99 * as_made + 0.01 * host - d.first_cycle_loss_Ah, 2e-3 * li_Ah);
        double q1 = d.first_charge_cell_Ah;
        assert_float_equal(d.first_cycle_loss_neg_Ah, CASES[k].neg * q1, 1e-6 * q1);
        assert_float_equal(d.first_cycle_loss_pos_Ah, CASES[k].pos * q1, 1e-6 * q1);
        assert_float_equal(d.first_cycle_loss_Ah, CASES[k].lost * q1, 1e-6 * q1);
        cf_cell_free(cell);
        cf_recipe_free(r);
    }
}

/* N/P below 1 on a host: a plating risk, never capacity; declared plating
 * (a lithium-metal cell formed by charging) counts the positive. */
static void test_np_below_one(void **state)
{
    (void)state;
    cf_recipe *lo = make(0, 0, 200, 0.875, NULL), *hi = make(0, 0, 200, 1.1, NULL);
    cf_design dl, dh;
    assert_int_equal(cf_design_compute(lo, &dl, NULL), CF_OK);
    assert_int_equal(cf_design_compute(hi, &dh, NULL), CF_OK);
    assert_true(dl.plating_risk_Ah > 0 && dl.li_plated_Ah == 0 && !dl.li_metal_negative);
    assert_true(dh.plating_risk_Ah == 0);
    /* less negative cannot mean more energy per mass */
    assert_true(dl.capacity_Ah < dh.capacity_Ah);
    assert_true(dl.energy_Wh < dh.energy_Wh);
    cf_recipe *decl = make(0, 0, 200, 0.875, "\"lithium_plating\": \"intended\",");
    cf_design dd;
    assert_int_equal(cf_design_compute(decl, &dd, NULL), CF_OK);
    assert_true(dd.li_plated_Ah > 0 && dd.li_metal_negative && dd.plating_risk_Ah == 0);
    cf_recipe_free(lo);
    cf_recipe_free(hi);
    cf_recipe_free(decl);
}

static int parse_fails(const char *text, const char *key)
{
    cf_recipe *r = NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_recipe_parse(text, "<t>", &r, &err);
    cf_recipe_free(r);
    if (rc != CF_EINVAL) return 0;
    return strstr(err.where, key) != NULL || strstr(err.message, key) != NULL;
}

static void recipe_with(char *buf, size_t n, const char *neg_comp, const char *pos_comp)
{
    snprintf(buf, n,
             "{\"name\": \"b\", \"format\": {\"type\": \"coin\", \"electrode_diameter_mm\": 15},"
             "\"negative\": {\"collector\": {\"material\": \"copper\", \"thickness_um\": 10}, \"sides\": 1, "
             "\"coating_g_m2\": 40, \"porosity\": 0.5, \"components\": [%s, {\"material\": \"pvdf\", "
             "\"mass_fraction\": 0.1}]},"
             "\"positive\": {\"collector\": {\"material\": \"aluminium\", \"thickness_um\": 15}, \"sides\": 1, "
             "\"coating_g_m2\": 150, \"porosity\": 0.3, \"components\": [%s, {\"material\": \"pvdf\", "
             "\"mass_fraction\": 0.1}]},"
             "\"separator\": {\"material\": \"pe\", \"thickness_um\": 16, \"porosity\": 0.4},"
             "\"electrolyte\": {\"type\": \"liquid\", \"salt\": \"LiPF6\", \"concentration_mol_L\": 1.0}}",
             neg_comp, pos_comp);
}

static void test_physical_bounds(void **state)
{
    (void)state;
    char t[4096];
    const char *sn = "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.1}";
    /* Li/O 1.6 for LiNiO2 is impossible (Li2NiO2: 1.0); 1.0 is the limit */
    recipe_with(t, sizeof t, sn, "{\"material\": \"linio2\", \"mass_fraction\": 0.9, \"li_o_ratio\": 1.6}");
    assert_true(parse_fails(t, "li_o_ratio"));
    recipe_with(t, sizeof t, sn, "{\"material\": \"linio2\", \"mass_fraction\": 0.9, \"li_o_ratio\": 1.0}");
    assert_false(parse_fails(t, "li_o_ratio"));
    recipe_with(t, sizeof t, sn, "{\"material\": \"nmc811\", \"mass_fraction\": 0.9, \"li_o_ratio\": 0.6}");
    assert_true(parse_fails(t, "li_o_ratio"));
    /* ternary Sn-Ni-Cu: accepted, Cu inert; the active capacity is that of
     * the Sn and Ni3Sn4 in it */
    const char *nmc = "{\"material\": \"nmc811\", \"mass_fraction\": 0.9}";
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.15, "
                "\"sn_mass_fraction\": 0.78, \"third_element\": \"Cu\"}", nmc);
    cf_recipe *r = NULL;
    cf_error err;
    cf_error_clear(&err);
    if (cf_recipe_parse(t, "<t>", &r, &err)) fail_msg("ternary: %s: %s", err.where, err.message);
    cf_design d;
    assert_int_equal(cf_design_compute(r, &d, NULL), CF_OK);
    const cf_design_component *c = &d.negative.comp[0];
    assert_float_equal(c->w_third, 0.07, 1e-9);
    assert_float_equal(c->w_ni3sn4, 0.15 / 0.27051, 1e-3);
    assert_float_equal(c->w_sn, 0.78 - (0.15 / 0.27051 - 0.15), 1e-3);
    assert_float_equal(c->theoretical_capacity_mAh_g, c->w_ni3sn4 * 724.7 + c->w_sn * 993.4, 0.5);
    cf_cell *cell = NULL;
    assert_int_equal(cf_recipe_to_cell(r, &cell, NULL), CF_OK);
    cf_cell_free(cell);
    cf_recipe_free(r);
    /* an unknown third element, fractions that do not leave room for it, and
     * a binary alloy whose fractions do not sum to 1 */
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.15, "
                "\"sn_mass_fraction\": 0.78, \"third_element\": \"Xx\"}", nmc);
    assert_true(parse_fails(t, "third_element"));
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.15, "
                "\"sn_mass_fraction\": 0.85, \"third_element\": \"Cu\"}", nmc);
    assert_true(parse_fails(t, "Cu"));
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.15, "
                "\"sn_mass_fraction\": 0.78}", nmc);
    assert_true(parse_fails(t, "third_element"));
    /* phases contradicting the composition: 10 % Ni leaves free Sn */
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.1, "
                "\"phases\": [\"Ni3Sn4\"]}", nmc);
    assert_true(parse_fails(t, "phases"));
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.1, "
                "\"phases\": [\"Sn\"]}", nmc);
    assert_true(parse_fails(t, "phases"));
    recipe_with(t, sizeof t,
                "{\"material\": \"sn_ni_alloy\", \"mass_fraction\": 0.9, \"ni_mass_fraction\": 0.1, "
                "\"phases\": [\"Ni3Sn4\", \"Sn\"]}", nmc);
    assert_false(parse_fails(t, "phases"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_equals_simulation),
        cmocka_unit_test(test_formation_loss_in_initial_state),
        cmocka_unit_test(test_np_below_one),
        cmocka_unit_test(test_physical_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
