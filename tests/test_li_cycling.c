/* test_li_cycling.c — lithium inventory over cycles of an anode-free
 * lithium-metal cell (seed 001):
 *  - with 100 % plating efficiency the capacity does not fade;
 *  - at 99 %, each charge leaves 1 % of the plated lithium dead; with no
 *    excess lithium the discharge capacity of cycle n is CE^n Q, so the
 *    cycle at which it falls to 80 % of the first is 1 + ln(0.8)/ln(CE),
 *    and with an excess e (share of Q on the negative at the start) the
 *    excess is spent first: n ~ 1 + e/(1 - CE) + ln(0.8)/ln(CE).  The
 *    simulated count must match within 5 %. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"

static cf_cell *anode_free(double ce, double excess_mol_m2)
{
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), 0);
    c->neg.planar = 1;
    c->neg.n_phases = 0;
    c->neg.li_metal_mol_m2 = excess_mol_m2;
    c->neg.li_j0_ref = 70.6;
    c->neg.plating_efficiency = ce;
    cf_phase *ph = &c->pos.phase[0];
    assert_int_equal(cf_fn_set_builtin(&ph->ocp, "linio2_ocp", &err), 0);
    ph->c_max = 97919;
    ph->c_init = 0.5 * ph->c_max;
    ph->li_o_at_full = 1.0;
    ph->diffusivity_m2_s = 5e-14;
    ph->j0_ref = 1.29e-6;
    c->pos.thickness_m = 40e-6;
    c->v_max = 4.3;
    c->v_min = 3.0;
    c->nominal_capacity_Ah = 2.0;
    return c;
}

static int cycles_to_80(double ce, double excess_mol_m2, int max_cycles, double *q_first, double *q_last)
{
    cf_error err;
    cf_cell *cell = anode_free(ce, excess_mol_m2);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_sep = opt.n_pos = opt.nr_pos = 6;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    char text[256];
    snprintf(text, sizeof text,
             "repeat %d { Charge at 1C until 4.3 V; Discharge at 1C until 3.0 V }\nterminate 80%% capacity", max_cycles);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse(text, &proto, &err), 0);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(p, proto, NULL, &sol, &res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    int n = (int)res->n;
    *q_first = res->cycles[0].discharge_Ah;
    *q_last = res->cycles[n - 1].discharge_Ah;
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(p);
    cf_cell_free(cell);
    return n;
}

static void test_no_fade_at_full_efficiency(void **state)
{
    (void)state;
    double q1, qn;
    int n = cycles_to_80(1.0, 0.0, 8, &q1, &qn);
    print_message("CE 100 %%: %d cycles, %.5f -> %.5f Ah\n", n, q1, qn);
    assert_int_equal(n, 8);
    assert_true(fabs(qn / q1 - 1) < 1e-3);
}

static void test_fade_matches_inventory_estimate(void **state)
{
    (void)state;
    const double ce = 0.99;
    double q1, qn;
    int n = cycles_to_80(ce, 0.0, 60, &q1, &qn);
    double est = 1 + log(0.8) / log(ce);
    print_message("CE 99 %%, no excess: 80 %% at cycle %d (estimate %.1f), %.4f -> %.4f Ah\n", n, est, q1, qn);
    assert_true(fabs(n / est - 1) < 0.05);
    /* excess lithium equal to half a cycle's capacity postpones the fade */
    double q_cycle_mol_m2 = q1 / ce * 3600 / CF_FARADAY / 0.1027;
    int n2 = cycles_to_80(ce, 0.5 * q_cycle_mol_m2, 150, &q1, &qn);
    double est2 = 1 + 0.5 / (1 - ce) + log(0.8) / log(ce);
    print_message("CE 99 %%, 50 %% excess: 80 %% at cycle %d (estimate %.1f)\n", n2, est2);
    assert_true(fabs(n2 / est2 - 1) < 0.05);
}

/* One constant-current charge at `crate` with 1 - CE = (1 - ce)(i/i_ref)^beta:
 * the dead lithium per charge passed (Ah/Ah). */
static double dead_share(double ce, double beta, double iref, double crate, double *i_A_m2)
{
    cf_error err;
    cf_cell *cell = anode_free(ce, 0.3);
    cell->neg.plating_efficiency_exponent = beta;
    cell->neg.plating_efficiency_ref_A_m2 = iref;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_sep = opt.n_pos = opt.nr_pos = 6;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    char text[128];
    snprintf(text, sizeof text, "Charge at %gC until 4.3 V", crate);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse(text, &proto, &err), 0);
    cf_solution *sol;
    cf_experiment_result *res;
    assert_int_equal(cf_simulate_protocol(p, proto, NULL, &sol, &res, &err), 0);
    double share = res->cycles[0].dead_li_Ah / res->cycles[0].charge_Ah;
    *i_A_m2 = crate * cell->nominal_capacity_Ah / cell->area_m2;
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(p);
    cf_cell_free(cell);
    return share;
}

/* The share of a constant-current plating that dies is (1 - CE_ref)(i/i_ref)^beta,
 * whatever the current; beta = 0 is the fixed efficiency. */
static void test_dead_lithium_follows_current_density(void **state)
{
    (void)state;
    const double ce = 0.99, iref = 5.0;
    double betas[] = {0.0, 0.5, 1.0};
    for (int b = 0; b < 3; b++) {
        double i1, i2;
        double s1 = dead_share(ce, betas[b], iref, 0.5, &i1), s2 = dead_share(ce, betas[b], iref, 1.0, &i2);
        double e1 = (1 - ce) * pow(i1 / iref, betas[b]), e2 = (1 - ce) * pow(i2 / iref, betas[b]);
        print_message("beta %.1f: dead share %.6f at %.2f A/m2 (law %.6f), %.6f at %.2f A/m2 (law %.6f)\n", betas[b],
                      s1, i1, e1, s2, i2, e2);
        assert_true(fabs(s1 / e1 - 1) < 1e-6);
        assert_true(fabs(s2 / e2 - 1) < 1e-6);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_no_fade_at_full_efficiency),
                                       cmocka_unit_test(test_fade_matches_inventory_estimate),
                                       cmocka_unit_test(test_dead_lithium_follows_current_density)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
