/* test_conservation.c — physics invariants of the model core:
 *  - total lithium (solid + electrolyte) is constant through a CC discharge
 *    (to 1e-9 relative with tight solver tolerances), also with particles
 *    that change volume in electrodes whose thickness partly or fully
 *    follows them and with stoichiometry-dependent solid diffusivities,
 *    with finite-volume and with spectral particles;
 *  - the reaction currents integrated over each electrode equal the applied
 *    current (negative: +I, positive: -I);
 *  - a C/50 discharge delivers close to the capacity the two electrodes'
 *    lithium inventory allows between the cut-offs, and the charge counter
 *    equals I*t exactly in CC. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"

static void run_conservation_cell(cf_model_kind kind, int swelling, cf_discretisation disc)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    if (swelling) {
        /* graphite +10 %, half of it into thickness; the positive shrinks 3 %, free */
        cell->neg.phase[0].volume_expansion = 0.10;
        cell->neg.thickness_swelling = 0.5;
        cell->pos.phase[0].volume_expansion = -0.03;
        cell->pos.thickness_swelling = 1.0;
        assert_int_equal(cf_fn_set_builtin(&cell->neg.phase[0].diffusivity_fn, "graphite_diffusivity_ecker2015", &err),
                         0);
        assert_int_equal(cf_fn_set_builtin(&cell->pos.phase[0].diffusivity_fn, "nco_diffusivity_ecker2015", &err), 0);
    }
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = 1e-10;
    opt.atol = 1e-10;
    opt.n_neg = opt.n_sep = opt.n_pos = 10;
    opt.nr_neg = opt.nr_pos = disc == CF_DISC_SPECTRAL ? 6 : 10;
    opt.discretisation = disc;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(plan, &s0);
    double li0 = s0.li_solid_neg_mol + s0.li_solid_pos_mol + s0.li_electrolyte_mol;
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 5.0);
    seg.duration_s = 1800;
    cf_stop_reason why;
    cf_solution *sol = cf_solution_new();
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    assert_int_equal(why, CF_STOP_DURATION);
    cf_sim_state(plan, &s1);
    if (swelling) { /* the graphite delithiated: thinner than at the start */
        double d0 = sol->thickness_change_pct[0][0], d1 = sol->thickness_change_pct[0][sol->n - 1];
        print_message("negative thickness %+.3f %% -> %+.3f %%\n", d0, d1);
        assert_true(d1 < d0 - 0.1);
    }
    double li1 = s1.li_solid_neg_mol + s1.li_solid_pos_mol + s1.li_electrolyte_mol;
    print_message("model %d: lithium %.12g -> %.12g mol (rel %.2e)\n", kind, li0, li1, fabs(li1 / li0 - 1));
    assert_true(fabs(li1 / li0 - 1) < 1e-9);
    /* Lithium actually moved: 5 A for 1800 s is 0.0933 mol from negative to positive. */
    double moved = 5.0 * 1800 / CF_FARADAY;
    assert_true(fabs((s0.li_solid_neg_mol - s1.li_solid_neg_mol) / moved - 1) < 1e-6);
    /* Reaction currents balance the applied current. */
    assert_true(fabs(s1.reaction_current_neg_A - 5.0) < 1e-6);
    assert_true(fabs(s1.reaction_current_pos_A + 5.0) < 1e-6);
    /* The charge counter is the integral of I. */
    assert_true(fabs(sol->capacity_Ah[sol->n - 1] - 5.0 * 1800 / 3600) < 1e-8);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

static void run_conservation(cf_model_kind kind) { run_conservation_cell(kind, 0, CF_DISC_FV); }

static void test_dfn(void **s) { (void)s; run_conservation(CF_MODEL_DFN); }
static void test_dfn_swelling(void **s) { (void)s; run_conservation_cell(CF_MODEL_DFN, 1, CF_DISC_FV); }
static void test_spm_swelling(void **s) { (void)s; run_conservation_cell(CF_MODEL_SPM, 1, CF_DISC_FV); }
static void test_spectral_dfn(void **s) { (void)s; run_conservation_cell(CF_MODEL_DFN, 0, CF_DISC_SPECTRAL); }
static void test_spectral_dfn_swelling(void **s) { (void)s; run_conservation_cell(CF_MODEL_DFN, 1, CF_DISC_SPECTRAL); }
static void test_spectral_spm_swelling(void **s) { (void)s; run_conservation_cell(CF_MODEL_SPM, 1, CF_DISC_SPECTRAL); }
static void test_spectral_spme(void **s) { (void)s; run_conservation_cell(CF_MODEL_SPME, 0, CF_DISC_SPECTRAL); }
static void test_spme(void **s) { (void)s; run_conservation(CF_MODEL_SPME); }
static void test_spm(void **s) { (void)s; run_conservation(CF_MODEL_SPM); }

/* At C/50 the voltage is within a few mV of open circuit, so every model
 * delivers the same capacity, and the rest after it relaxes to equilibrium. */
static void test_low_rate_agreement(void **s)
{
    (void)s;
    double cap[3];
    for (int m = 0; m < 3; m++) {
        cf_error err;
        cf_cell *cell;
        assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
        cf_model_options opt;
        cf_model_options_default(&opt);
        opt.kind = (cf_model_kind)m;
        opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
        cf_plan *plan;
        cf_solution *sol;
        assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
        assert_int_equal(cf_simulate_crate(plan, 0.02, &sol, &err), 0);
        cap[m] = sol->capacity_Ah[sol->n - 1];
        cf_solution_free(sol);
        cf_plan_free(plan);
        cf_cell_free(cell);
    }
    print_message("C/50 capacity: spm %.5f spme %.5f dfn %.5f Ah\n", cap[0], cap[1], cap[2]);
    assert_true(fabs(cap[1] / cap[0] - 1) < 2e-3);
    assert_true(fabs(cap[2] / cap[0] - 1) < 2e-3);
    assert_true(cap[0] > 5.0 && cap[0] < 5.3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfn_swelling), cmocka_unit_test(test_spm_swelling),
        cmocka_unit_test(test_dfn), cmocka_unit_test(test_spme), cmocka_unit_test(test_spm),
        cmocka_unit_test(test_low_rate_agreement), cmocka_unit_test(test_spectral_dfn),
        cmocka_unit_test(test_spectral_dfn_swelling), cmocka_unit_test(test_spectral_spm_swelling),
        cmocka_unit_test(test_spectral_spme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
