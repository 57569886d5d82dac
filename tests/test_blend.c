/* test_blend.c — blended electrodes (several active materials sharing the
 * electrode potential):
 *  - a blend whose second phase has zero fraction reproduces the
 *    single-material cell within 1e-6 V (DFN, SPM, SPMe);
 *  - at C/50 each phase delivers its share: a positive split into two
 *    phases of the same material but different size delivers the
 *    single-phase capacity, and each phase's charge is its capacity share
 *    (sum of phases within 0.5 %);
 *  - lithium is conserved to 1e-9 and the phase currents add up to I. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"

static cf_plan *plan_for(cf_cell *cell, cf_model_kind kind, double rtol, int mesh)
{
    cf_error err;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = rtol;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = mesh;
    cf_plan *p;
    int rc = cf_plan_new(cell, &opt, &p, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    return p;
}

/* Splits the positive into two phases: fraction f of the material in
 * particles half the size (and faster kinetics), the rest unchanged. */
static void split_positive(cf_cell *c, double f)
{
    cf_electrode *e = &c->pos;
    e->n_phases = 2;
    e->phase[1] = e->phase[0];
    e->phase[1].active_fraction = f * e->phase[0].active_fraction;
    e->phase[0].active_fraction *= 1 - f;
    e->phase[1].particle_radius_m *= 0.5;
    e->phase[1].j0_ref *= 1.5;
}

static void test_zero_fraction_phase(void **state)
{
    (void)state;
    for (int m = 0; m < 3; m++) {
        cf_error err;
        cf_cell *one, *two;
        assert_int_equal(cf_cell_builtin("chen2020", &one, &err), 0);
        assert_int_equal(cf_cell_builtin("chen2020", &two, &err), 0);
        split_positive(two, 0.0); /* second phase present with zero fraction */
        cf_plan *p1 = plan_for(one, (cf_model_kind)m, 1e-9, 10), *p2 = plan_for(two, (cf_model_kind)m, 1e-9, 10);
        cf_solution *s1, *s2;
        assert_int_equal(cf_sim_reset(p1, &err), 0);
        assert_int_equal(cf_sim_reset(p2, &err), 0);
        cf_segment seg;
        cf_segment_init(&seg, CF_CONTROL_CURRENT, 5.0);
        seg.duration_s = 3000;
        cf_stop_reason why;
        s1 = cf_solution_new();
        s2 = cf_solution_new();
        assert_int_equal(cf_sim_run_segment(p1, &seg, 0, 0, s1, &why, &err), 0);
        assert_int_equal(cf_sim_run_segment(p2, &seg, 0, 0, s2, &why, &err), 0);
        double dv = fabs(s1->voltage[s1->n - 1] - s2->voltage[s2->n - 1]);
        print_message("model %d: |V_single - V_blend(1, 0)| = %.3g V at 3000 s\n", m, dv);
        assert_true(dv < 1e-6);
        cf_solution_free(s1);
        cf_solution_free(s2);
        cf_plan_free(p1);
        cf_plan_free(p2);
        cf_cell_free(one);
        cf_cell_free(two);
    }
}

static void test_phase_shares_at_low_rate(void **state)
{
    (void)state;
    const double f = 0.3;
    for (int m = 0; m < 3; m++) {
        cf_error err;
        cf_cell *one, *two;
        assert_int_equal(cf_cell_builtin("chen2020", &one, &err), 0);
        assert_int_equal(cf_cell_builtin("chen2020", &two, &err), 0);
        split_positive(two, f);
        cf_plan *p1 = plan_for(one, (cf_model_kind)m, 1e-6, 10), *p2 = plan_for(two, (cf_model_kind)m, 1e-6, 10);
        cf_solution *s1, *s2;
        assert_int_equal(cf_simulate_crate(p1, 0.02, &s1, &err), 0);
        assert_int_equal(cf_sim_reset(p2, &err), 0);
        cf_phase_state a0, b0, a1, b1;
        cf_sim_phase_state(p2, 1, 0, &a0);
        cf_sim_phase_state(p2, 1, 1, &b0);
        assert_int_equal(cf_sim_run_crate(p2, 0.02, &s2, &err), 0);
        cf_sim_phase_state(p2, 1, 0, &a1);
        cf_sim_phase_state(p2, 1, 1, &b1);
        double q1 = s1->capacity_Ah[s1->n - 1], q2 = s2->capacity_Ah[s2->n - 1];
        double qa = (a1.li_mol - a0.li_mol) * CF_FARADAY / 3600, qb = (b1.li_mol - b0.li_mol) * CF_FARADAY / 3600;
        print_message("model %d: C/50 single %.5f Ah, blend %.5f Ah = %.5f + %.5f (share %.4f, expected %.2f)\n", m,
                      q1, q2, qa, qb, qb / (qa + qb), f);
        assert_true(fabs(q2 / q1 - 1) < 5e-3);          /* the blend delivers the sum of its phases */
        assert_true(fabs((qa + qb) / q2 - 1) < 1e-6);   /* every ampere-hour is a phase's lithium */
        assert_true(fabs(qb / (qa + qb) - f) < 5e-3);   /* each phase its capacity share */
        cf_solution_free(s1);
        cf_solution_free(s2);
        cf_plan_free(p1);
        cf_plan_free(p2);
        cf_cell_free(one);
        cf_cell_free(two);
    }
}

static void test_blend_conservation(void **state)
{
    (void)state;
    for (int m = 0; m < 3; m++) {
        cf_error err;
        cf_cell *cell;
        assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
        split_positive(cell, 0.5);
        cell->neg.n_phases = 2;
        cell->neg.phase[1] = cell->neg.phase[0];
        cell->neg.phase[1].active_fraction = 0.25;
        cell->neg.phase[0].active_fraction = 0.5;
        cell->neg.phase[1].particle_radius_m = 2e-6;
        cf_plan *p = plan_for(cell, (cf_model_kind)m, 1e-10, 8);
        assert_int_equal(cf_sim_reset(p, &err), 0);
        cf_state_summary s0, s1;
        cf_sim_state(p, &s0);
        cf_segment seg;
        cf_segment_init(&seg, CF_CONTROL_CURRENT, 7.5);
        seg.duration_s = 1200;
        cf_stop_reason why;
        assert_int_equal(cf_sim_run_segment(p, &seg, 0, 0, NULL, &why, &err), 0);
        cf_sim_state(p, &s1);
        double li0 = s0.li_solid_neg_mol + s0.li_solid_pos_mol + s0.li_electrolyte_mol;
        double li1 = s1.li_solid_neg_mol + s1.li_solid_pos_mol + s1.li_electrolyte_mol;
        print_message("model %d: blended lithium %.12g -> %.12g (rel %.2e), I_neg %.9f I_pos %.9f\n", m, li0, li1,
                      fabs(li1 / li0 - 1), s1.reaction_current_neg_A, s1.reaction_current_pos_A);
        assert_true(fabs(li1 / li0 - 1) < 1e-9);
        assert_true(fabs(s1.reaction_current_neg_A - 7.5) < 1e-6);
        assert_true(fabs(s1.reaction_current_pos_A + 7.5) < 1e-6);
        cf_plan_free(p);
        cf_cell_free(cell);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_zero_fraction_phase),
                                       cmocka_unit_test(test_phase_shares_at_low_rate),
                                       cmocka_unit_test(test_blend_conservation)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
