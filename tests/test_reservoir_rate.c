/* test_reservoir_rate.c — seed 001's reservoir as an electrode with a rate,
 * and recipes that make lithium-metal cells:
 *  - the path resistance is path / (kappa eps^b A) (checked by hand);
 *  - a smaller contact lithiates more slowly (Li/O after 2 h lower), and a
 *    reservoir larger than the positive holds pulls it below the alloying
 *    threshold later for a smaller contact; the record's time below and
 *    lithium delivered below are positive only when it gets there;
 *  - the process columns: Li/O rises while the reservoir falls, lithium
 *    conserved between them (reservoir + positive + alloy constant at rest);
 *  - a recipe with a bare collector negative is an anode-free cell whose
 *    first charge plates what passes times the plating efficiency;
 *  - the seed-001 recipe (empty graphite negative, reservoir on the
 *    positive) runs its formation protocol to the end with the default
 *    model options (and with spectral particles, and with IDA), plates lithium on the graphite during the first charge,
 *    after the onset, and never holds a negative plated inventory beyond a
 *    trace (the host-plating switch near n = 0 used to stall the charge);
 *  - design and simulation one truth for lithium-metal recipes: first
 *    charge, plated lithium and capacity at C/20 within 2 %, electrode
 *    potentials at the cut-offs within 10 mV (seed 001, and anode-free);
 *  - recipe reservoir keys reach the cell; out-of-range keys and a reservoir
 *    without electrolyte are refused with the key and range;
 *  - the collector alloying: analytic Jacobian vs finite differences with the
 *    positive near the alloying potential; lithium conserved to 1e-9 with
 *    the alloy counted; none alloys while the positive stays above it, and
 *    without alloying kinetics (a nickel collector) none at all. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "support/jacobian_fd.h"
#include "support/protocol_run.h"

#define ROOM_MOL (0.5 * 0.39219) /* Li/O 0.5 -> 1.0 in examples/li_reservoir_cell.json */

static cf_cell *reservoir_cell(double mult, double area_m2)
{
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_load(CF_SOURCE_DIR "/examples/li_reservoir_cell.json", &c, &err), 0);
    c->reservoir.li_mol = mult * ROOM_MOL;
    c->reservoir.area_m2 = area_m2;
    c->reservoir.path_length_m = 1e-3;
    assert_int_equal(cf_cell_validate(c, &err), 0);
    return c;
}

static void run(cf_cell *c, const char *protocol, cf_solution **sol, cf_experiment_result **res)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
    *sol = cf_test_run_ok(c, &opt, protocol, NAN, res);
}

static void test_path_resistance(void **state)
{
    (void)state;
    cf_cell *c = reservoir_cell(0.5, 1e-3);
    double kappa = cf_fn_eval(&c->electrolyte.conductivity, c->electrolyte.c_init, c->T_K, NULL);
    double R = 1e-3 / (kappa * pow(c->sep.porosity, c->sep.bruggeman_electrolyte) * 1e-3);
    assert_true(fabs(cf_reservoir_resistance(c) / R - 1) < 1e-12);
    c->reservoir.path_length_m = 0;
    assert_true(cf_reservoir_resistance(c) == c->reservoir.ionic_resistance_ohm);
    cf_cell_free(c);
}

static void test_rate_and_threshold(void **state)
{
    (void)state;
    const double areas[] = {1e-3, 1e-2};
    double lio2[2], first[2];
    for (int i = 0; i < 2; i++) {
        cf_cell *c = reservoir_cell(1.5, areas[i]);
        cf_solution *sol;
        cf_experiment_result *res;
        run(c, "Rest for 2 hours; Charge at C/100 for 1 second", &sol, &res);
        lio2[i] = res->process.li_o_at_first_charge;
        cf_solution_free(sol);
        cf_experiment_result_free(res);
        run(c, "Rest for 24 hours", &sol, &res);
        const cf_process_record *pr = &res->process;
        first[i] = pr->first_below_threshold_s;
        print_message("area %g m2: Li/O at 2 h %.4f, below 0.3 V from %.0f s for %.0f s, %.4g Ah delivered below\n",
                      areas[i], lio2[i], first[i], pr->time_below_threshold_s, pr->li_below_threshold_Ah);
        assert_true(pr->min_positive_potential_V < pr->threshold_V);
        /* below from then until the reservoir is spent (alloying into the collector) */
        assert_true(pr->time_below_threshold_s > 3600 && pr->time_below_threshold_s <= 86400 - first[i] + 1);
        assert_true(pr->li_below_threshold_Ah > 0);
        /* at rest the reservoir's lithium goes into the positive: their sum is constant */
        assert_true(sol->has_li_o && sol->has_reservoir);
        double O = 0.39219, to_mol = 3600 / CF_FARADAY;
        double li0 = sol->pos_li_o[0] * O + (sol->reservoir_Ah[0] + sol->alloyed_Ah[0]) * to_mol;
        size_t e = sol->n - 1;
        double li1 = sol->pos_li_o[e] * O + (sol->reservoir_Ah[e] + sol->alloyed_Ah[e]) * to_mol;
        assert_true(fabs(li1 / li0 - 1) < 1e-4);
        assert_true(sol->pos_li_o[sol->n - 1] > 0.95 && sol->reservoir_Ah[sol->n - 1] < sol->reservoir_Ah[0]);
        cf_solution_free(sol);
        cf_experiment_result_free(res);
        cf_cell_free(c);
    }
    assert_true(lio2[0] < lio2[1] - 0.05); /* ten times less contact: slower */
    assert_true(first[0] > first[1] + 3600);
    /* a reservoir the positive can take never gets it there */
    cf_cell *c = reservoir_cell(0.5, 1e-2);
    cf_solution *sol;
    cf_experiment_result *res;
    run(c, "Rest for 24 hours", &sol, &res);
    assert_true(isnan(res->process.first_below_threshold_s) && res->process.time_below_threshold_s == 0);
    assert_true(res->process.li_below_threshold_Ah == 0 && res->process.min_positive_potential_V > 1.0);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_cell_free(c);
}

static const char *RECIPE_HEAD =
    "{\"name\": \"t\", \"format\": {\"type\": \"pouch\", \"electrode_width_mm\": 50, \"electrode_height_mm\": 50, "
    "\"layers\": 1},"
    "\"positive\": {\"collector\": {\"material\": \"aluminium\", \"thickness_um\": 20}, \"sides\": 1, "
    "\"coating_g_m2\": 150, \"porosity\": 0.30, \"components\": [{\"material\": \"linio2\", \"mass_fraction\": 0.9},"
    "{\"material\": \"carbon_black\", \"mass_fraction\": 0.05}, {\"material\": \"pvdf\", \"mass_fraction\": 0.05}]},"
    "\"separator\": {\"material\": \"pe\", \"thickness_um\": 20, \"porosity\": 0.45},";

static int recipe_cell(const char *neg, const char *tail, cf_cell **cell, cf_error *err)
{
    char text[4096];
    snprintf(text, sizeof text, "%s \"negative\": %s, %s}", RECIPE_HEAD, neg, tail);
    cf_recipe *r;
    *cell = NULL;
    int rc = cf_recipe_parse(text, "t.json", &r, err);
    if (rc) return rc;
    rc = cf_recipe_to_cell(r, cell, err);
    cf_recipe_free(r);
    return rc;
}

#define BARE "{\"collector\": {\"material\": \"copper\", \"thickness_um\": 10}, \"sides\": 1, \"coating_g_m2\": 0}"
#define LIQUID "\"electrolyte\": {\"type\": \"liquid\", \"salt\": \"LiPF6\", \"concentration_mol_L\": 1.0"

static void test_recipe_anode_free(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *c;
    assert_int_equal(recipe_cell(BARE, LIQUID ", \"amount_g_per_Ah\": 3}", &c, &err), 0);
    assert_true(c->neg.planar && c->neg.li_metal_mol_m2 == 0);
    assert_true(c->neg.plating_efficiency == CF_LI_PLATING_EFFICIENCY_DEFAULT);
    cf_solution *sol;
    cf_experiment_result *res;
    run(c, "Charge at C/10 until 4.2 V", &sol, &res);
    const cf_process_record *pr = &res->process;
    print_message("anode-free recipe: passed %.5f Ah, plated %.5f Ah\n", pr->charge_passed_Ah, pr->li_plated_Ah);
    assert_true(pr->charge_passed_Ah > 0.03);
    assert_true(fabs(pr->li_plated_Ah / (pr->charge_passed_Ah * CF_LI_PLATING_EFFICIENCY_DEFAULT) - 1) < 1e-3);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_cell_free(c);

    /* reservoir keys reach the cell */
    assert_int_equal(recipe_cell(BARE, LIQUID ", \"amount_g_per_Ah\": 3}, \"reservoir\": {\"material\": \"lithium\", "
                                       "\"mass_mg\": 5, \"connected_to\": \"positive\", \"area_cm2\": 4, "
                                       "\"path_length_mm\": 2, \"exchange_current_A_m2\": 10}", &c, &err), 0);
    assert_true(c->reservoir.present && fabs(c->reservoir.area_m2 - 4e-4) < 1e-15);
    assert_true(fabs(c->reservoir.path_length_m - 2e-3) < 1e-15 && c->reservoir.j0_ref == 10);
    cf_cell_free(c);
}

/* The seed-001 recipe's formation, as `cellforge simulate --cell
 * examples/recipe_li_reservoir.json --protocol ...` runs it (default options). */
static void recipe_formation(cf_discretisation disc, cf_integrator integ)
{
    cf_error err;
    cf_recipe *r;
    cf_cell *c;
    assert_int_equal(cf_recipe_load(CF_SOURCE_DIR "/examples/recipe_li_reservoir.json", &r, &err), 0);
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), 0);
    cf_recipe_free(r);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.discretisation = disc;
    opt.integrator = integ;
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &opt, &p, &err), 0);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse("Rest for 1 hour; Charge at C/10 until 4.2 V; Discharge at C/10 until 3.0 V",
                                       &proto, &err), 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(p, proto, &eo, &sol, &res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_false(res->stopped_early);
    assert_int_equal(res->steps_run, 3);
    const cf_process_record *pr = &res->process;
    double min_li = 0;
    for (size_t i = 0; i < sol->n; i++) min_li = fmin(min_li, sol->li_metal_Ah[i]);
    print_message("recipe formation (%s, %s): charged %.5f Ah, plated %.5f Ah (onset %.0f s), final %.4f V, min Li metal %.3g Ah\n",
                  cf_discretisation_name(disc), integ == CF_INTEGRATOR_IDA ? "ida" : "bdf", pr->charge_passed_Ah, pr->li_plated_Ah, pr->plating_onset_s, sol->voltage[sol->n - 1], min_li);
    assert_true(fabs(sol->voltage[sol->n - 1] - 3.0) < 1e-3);
    assert_true(pr->charge_passed_Ah > 0.05); /* the charge reached 4.2 V, not a stall near 1.4 V */
    assert_true(pr->li_plated_Ah > 0.01 && pr->li_plated_Ah < pr->charge_passed_Ah);
    assert_true(isfinite(pr->plating_onset_s) && pr->plating_onset_s > pr->first_charge_s);
    /* a trace below zero at most (the host's equilibrium, ~ -5e-9 Ah here),
     * never an over-stripped inventory */
    assert_true(min_li > -2e-8);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_protocol_free(proto);
    cf_plan_free(p);
    cf_cell_free(c);
}

static void test_recipe_formation(void **state)
{
    (void)state;
    recipe_formation(CF_DISC_FV, CF_INTEGRATOR_BDF);
    recipe_formation(CF_DISC_SPECTRAL, CF_INTEGRATOR_BDF);
    recipe_formation(CF_DISC_FV, CF_INTEGRATOR_IDA);
}

/* One truth for a lithium-metal recipe: the design's first charge, plated
 * lithium and reversible capacity (from the recipe's cell at open circuit)
 * against the simulated formation at C/20 to the design's cut-offs, within
 * 2 %: the seed-001 recipe (graphite that plates once full, reservoir on the
 * positive) and the same positive against a bare collector (anode-free: the
 * plating efficiency's dead lithium is out of the plated and the capacity);
 * and both electrodes' potentials vs Li/Li+ at the cut-offs within 10 mV of
 * the design's. */
static void formation_truth(cf_recipe *r, const char *label)
{
    cf_error err;
    cf_design d;
    assert_int_equal(cf_design_compute(r, &d, &err), 0);
    cf_cell *c;
    assert_int_equal(cf_recipe_to_cell(r, &c, &err), 0);
    assert_true(d.capacity_from_window && d.li_metal_negative);
    cf_model_options opt;
    cf_model_options_default(&opt);
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &opt, &p, &err), 0);
    char text[160];
    snprintf(text, sizeof text, "Rest for 1 hour; Charge at C/20 until %.3f V; Discharge at C/20 until %.3f V",
             d.v_max_V, d.v_min_V);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse(text, &proto, &err), 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(p, proto, &eo, &sol, &res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_false(res->stopped_early);
    const cf_process_record *pr = &res->process;
    double q = res->cycles[res->n - 1].discharge_Ah;
    print_message("%s: first charge %.5f / %.5f Ah, plated %.5f / %.5f Ah, capacity %.5f / %.5f Ah "
                  "(design / simulated C/20)\n", label, d.first_charge_Ah, pr->charge_passed_Ah, d.li_plated_Ah,
                  pr->li_plated_Ah, d.capacity_Ah, q);
    assert_true(fabs(pr->charge_passed_Ah / d.first_charge_Ah - 1) < 0.02);
    assert_true(fabs(pr->li_plated_Ah / d.li_plated_Ah - 1) < 0.02);
    assert_true(fabs(q / d.capacity_Ah - 1) < 0.02);
    /* both electrodes at the cut-offs (the charge's and the discharge's
     * last rows) within 10 mV of the design's, and inside the positive's window */
    size_t k = 0, last = sol->n - 1;
    while (k + 1 < sol->n && sol->step[k + 1] <= 1) k++;
    print_message("%s: at %.3f / %.3f V positive %.4f / %.4f V (design %.4f / %.4f), negative %.4f / %.4f V "
                  "(design %.4f / %.4f)\n", label, d.v_max_V, d.v_min_V, sol->pos_potential[k], sol->pos_potential[last],
                  d.u_pos_V[1], d.u_pos_V[0], sol->neg_potential[k], sol->neg_potential[last], d.u_neg_V[1],
                  d.u_neg_V[0]);
    assert_true(fabs(sol->pos_potential[k] - d.u_pos_V[1]) < 0.01);
    assert_true(fabs(sol->pos_potential[last] - d.u_pos_V[0]) < 0.01);
    assert_true(fabs(sol->neg_potential[k] - d.u_neg_V[1]) < 0.01);
    assert_true(fabs(sol->neg_potential[last] - d.u_neg_V[0]) < 0.01);
    assert_true(sol->pos_potential[k] <= c->pos.window_max_V && sol->pos_potential[last] >= c->pos.window_min_V);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_protocol_free(proto);
    cf_plan_free(p);
    cf_cell_free(c);
}

static void test_recipe_formation_truth(void **state)
{
    (void)state;
    cf_error err;
    cf_recipe *r;
    assert_int_equal(cf_recipe_load(CF_SOURCE_DIR "/examples/recipe_li_reservoir.json", &r, &err), 0);
    formation_truth(r, "seed-001 recipe");
    cf_recipe_free(r);
    char text[4096];
    snprintf(text, sizeof text, "%s \"negative\": %s, %s, \"amount_g_per_Ah\": 3}, \"reservoir\": {\"material\": "
             "\"lithium\", \"mass_mg\": 12, \"connected_to\": \"positive\", \"area_cm2\": 5}}", RECIPE_HEAD, BARE, LIQUID);
    assert_int_equal(cf_recipe_parse(text, "t.json", &r, &err), 0);
    formation_truth(r, "anode-free recipe with reservoir");
    cf_recipe_free(r);
}

static void test_recipe_bad_reservoir(void **state)
{
    (void)state;
    const struct { const char *tail, *where, *what; } cases[] = {
        {LIQUID ", \"amount_g_per_Ah\": 3}, \"reservoir\": {\"material\": \"lithium\", \"mass_mg\": 5, "
                "\"connected_to\": \"positive\", \"area_cm2\": 0}", "reservoir.area_cm2", "cm2"},
        {LIQUID ", \"amount_g_per_Ah\": 3}, \"reservoir\": {\"material\": \"lithium\", \"mass_mg\": 5, "
                "\"connected_to\": \"positive\", \"path_length_mm\": 5000}", "reservoir.path_length_mm", "mm"},
        {LIQUID ", \"amount_g_per_Ah\": 3}, \"reservoir\": {\"material\": \"lithium\", \"mass_mg\": 5, "
                "\"connected_to\": \"positive\", \"exchange_current_A_m2\": -1}", "reservoir.exchange_current_A_m2",
         "A/m2"},
        {LIQUID ", \"mass_g\": 0}, \"reservoir\": {\"material\": \"lithium\", \"mass_mg\": 5, "
                "\"connected_to\": \"positive\"}", "reservoir", "needs electrolyte"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cf_error err;
        cf_cell *c;
        assert_int_not_equal(recipe_cell(BARE, cases[i].tail, &c, &err), 0);
        print_message("%s: %s\n", err.where, err.message);
        assert_non_null(strstr(err.where, cases[i].where));
        assert_non_null(strstr(err.message, cases[i].what));
        assert_null(c);
    }
}

static double total_li(const cf_state_summary *s)
{
    return s->li_solid_neg_mol + s->li_solid_pos_mol + s->li_electrolyte_mol + s->li_metal_mol + s->li_dead_mol +
           s->li_reservoir_mol + s->li_alloyed_mol;
}

static void test_collector_alloying(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *c = reservoir_cell(1.5, 1e-2);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 4;
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &opt, &p, &err), 0);
    /* Jacobian with the collector just below the alloying potential */
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp);
    memcpy(y, N_VGetArrayPointer(p->y), n * sizeof *y);
    int icl = p->off[p->nx - 1] + p->side[1].ncs;
    y[p->iV] = y[icl + 1] + 0.25;
    y[p->iIres] = 0.05;
    y[p->iNal] = 1e-3;
    y[p->iNLi] = 0.5; /* lithium on the negative: its kinetics away from the bare-copper switch */
    cf_segment_init(&p->seg, CF_CONTROL_CURRENT, 0.0);
    double worst = cf_test_jacobian_fd(p, 0.0, y, yp, 0.0);
    print_message("alloying Jacobian: worst relative FD disagreement %.2e\n", worst);
    assert_true(worst < 1e-4);
    free(y);
    free(yp);
    /* a rest through the alloying: lithium conserved with the alloy counted */
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse("Rest for 24 hours", &proto, &err), 0);
    cf_state_summary s0, s1;
    assert_int_equal(cf_sim_reset(p, &err), 0);
    cf_sim_state(p, &s0);
    cf_solution *sol;
    cf_experiment_result *res;
    assert_int_equal(cf_simulate_protocol(p, proto, NULL, &sol, &res, &err), 0);
    cf_sim_state(p, &s1);
    print_message("alloyed %.4g mol, Li total %.12g -> %.12g mol\n", s1.li_alloyed_mol, total_li(&s0), total_li(&s1));
    assert_true(s1.li_alloyed_mol > 0.01);
    assert_true(fabs(total_li(&s1) / total_li(&s0) - 1) < 1e-9);
    assert_true(fabs(res->process.li_alloyed_Ah - s1.li_alloyed_mol * CF_FARADAY / 3600) < 1e-9);
    /* alloying holds the positive near the alloying potential */
    assert_true(res->process.min_positive_potential_V > 0.2 && res->process.min_positive_potential_V < 0.3);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_plan_free(p);
    /* a collector that does not alloy: none, and the positive goes on down */
    c->reservoir.alloy_j0_A_m2 = 0;
    run(c, "Rest for 24 hours", &sol, &res);
    assert_true(res->process.li_alloyed_Ah == 0 && res->process.min_positive_potential_V < 0.1);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_cell_free(c);
    /* a reservoir the positive can hold: the positive stays above it, nothing alloys */
    c = reservoir_cell(0.5, 1e-2);
    run(c, "Rest for 24 hours", &sol, &res);
    print_message("sized reservoir: %.3g Ah alloyed\n", res->process.li_alloyed_Ah);
    assert_true(res->process.li_alloyed_Ah < 1e-6);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_protocol_free(proto);
    cf_cell_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_path_resistance), cmocka_unit_test(test_rate_and_threshold),
                                       cmocka_unit_test(test_recipe_anode_free),
                                       cmocka_unit_test(test_recipe_formation),
                                       cmocka_unit_test(test_recipe_formation_truth),
                                       cmocka_unit_test(test_recipe_bad_reservoir),
                                       cmocka_unit_test(test_collector_alloying)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
