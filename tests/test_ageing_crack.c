/* test_ageing_crack.c — particle cracking and SEI on the cracks:
 *  - lithium is conserved across every sink (particles, electrolyte, SEI,
 *    SEI on cracks, plated, dead and the lithium lost with active material)
 *    to 1e-9 relative over two CC-CV cycles with everything on, in the SPM,
 *    SPMe and DFN, and the per-cycle columns carry the state;
 *  - cracks grow only under tensile surface stress: a discharge lengthens
 *    the negative's (its surface delithiates), not the positive's;
 *  - with the cracks held (k_cr = 0) the solvent-diffusion-limited film on
 *    them follows its closed form L^2 = L_0^2 + 2 V_bar D c t / z;
 *  - bad input is refused with the key and the allowed range or names. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"

static double total_li(const cf_state_summary *s)
{
    return s->li_solid_neg_mol + s->li_solid_pos_mol + s->li_electrolyte_mol + s->li_sei_mol +
           s->li_crack_sei_mol + s->li_metal_mol + s->li_dead_mol + s->li_lam_mol;
}

/* chen2020 with reaction-limited SEI, cracking with SEI on the negative's
 * cracks, cracking of the positive, and (coupled) plating and stress- and
 * reaction-driven LAM; the crack rate raised so two cycles grow a
 * measurable length. */
static cf_plan *make_plan(cf_model_kind kind, int coupled, cf_sei_model sei, double tol, cf_cell **cell_out)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_electrode_set_sei(&cell->neg, sei);
    if (sei == CF_SEI_REACTION_LIMITED) cell->neg.sei.exchange_current_A_m2 *= 100;
    for (int s = 0; s < 2; s++) {
        cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
        cf_electrode_set_cracking(e, s, s == 0 ? CF_CRACK_SEI : CF_CRACK_GROWTH);
        e->cracking.rate_constant *= 1e3;
        if (coupled) cf_electrode_set_lam(e, s, CF_LAM_STRESS | (s == 0 ? CF_LAM_REACTION : 0));
    }
    if (coupled) cf_electrode_set_li_plating(&cell->neg, CF_PLATING_PARTIALLY_REVERSIBLE);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = tol;
    opt.n_neg = opt.n_sep = opt.n_pos = 8;
    opt.nr_neg = opt.nr_pos = 8;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    *cell_out = cell;
    return plan;
}

static const char *CYCLE = "Discharge at 1C until 2.5 V; Rest for 10 minutes; Charge at 0.5C until 4.2 V; "
                           "Hold at 4.2 V until 50 mA; Rest for 10 minutes";

static void run_conservation(cf_model_kind kind)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(kind, 1, CF_SEI_REACTION_LIMITED, 1e-10, &cell);
    cf_error err;
    cf_protocol *proto;
    char text[512];
    snprintf(text, sizeof text, "(%s); (%s)", CYCLE, CYCLE);
    assert_int_equal(cf_protocol_parse(text, &proto, &err), 0);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(plan, &s0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    cf_solution *sol;
    cf_experiment_result *res;
    assert_int_equal(cf_simulate_protocol(plan, proto, &eo, &sol, &res, &err), 0);
    assert_true(sol->end.completed);
    cf_sim_state(plan, &s1);
    double li0 = total_li(&s0), li1 = total_li(&s1);
    double took = s1.li_crack_sei_mol - s0.li_crack_sei_mol;
    print_message("model %d: lithium %.12g -> %.12g mol (rel %.2e); cracks %.6g / %.6g nm, crack SEI %.3e mol "
                  "(%.3f nm), SEI %.3e, LAM %.3e, dead %.3e\n",
                  kind, li0, li1, fabs(li1 / li0 - 1), s1.crack_length_m[0] * 1e9, s1.crack_length_m[1] * 1e9, took,
                  s1.crack_sei_thickness_m * 1e9, s1.li_sei_mol - s0.li_sei_mol, s1.li_lam_mol, s1.li_dead_mol);
    assert_true(fabs(li1 / li0 - 1) < 1e-9);
    /* every sink took a measurable share, and the cracks grew */
    assert_true(took > 1e-6 * li0);
    assert_true(s1.li_sei_mol - s0.li_sei_mol > 1e-6 * li0);
    assert_true(s1.li_lam_mol > 0 && s1.li_dead_mol > 0);
    assert_true(s1.crack_length_m[0] > s0.crack_length_m[0] && s1.crack_length_m[1] > s0.crack_length_m[1]);
    assert_true(fabs(s0.crack_length_m[0] / cell->neg.cracking.initial_length_m - 1) < 1e-14);
    /* the per-cycle table carries the state */
    assert_int_equal(res->n, 2);
    const cf_cycle_stats *c = &res->cycles[1];
    assert_true(fabs(c->crack_length_neg_m - s1.crack_length_m[0]) <= 1e-15 * s1.crack_length_m[0]);
    assert_true(fabs(c->crack_length_pos_m - s1.crack_length_m[1]) <= 1e-15 * s1.crack_length_m[1]);
    assert_true(fabs(c->crack_sei_thickness_m - s1.crack_sei_thickness_m) <= 1e-15 * s1.crack_sei_thickness_m);
    assert_true(fabs(c->li_crack_sei_Ah - took * CF_FARADAY / 3600.0) < 1e-9 * c->li_crack_sei_Ah);
    assert_true(c->li_crack_sei_Ah > res->cycles[0].li_crack_sei_Ah && res->cycles[0].li_crack_sei_Ah > 0);
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_conservation_spm(void **s) { (void)s; run_conservation(CF_MODEL_SPM); }
static void test_conservation_spme(void **s) { (void)s; run_conservation(CF_MODEL_SPME); }
static void test_conservation_dfn(void **s) { (void)s; run_conservation(CF_MODEL_DFN); }

/* A 1C discharge from full: the negative delithiates (tensile surface: its
 * cracks grow), the positive lithiates (compressive: its cracks stay). */
static void run_direction(cf_model_kind kind)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(kind, 0, CF_SEI_REACTION_LIMITED, 1e-8, &cell);
    cf_error err;
    assert_int_equal(cf_sim_reset_soc(plan, 1.0, &err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(plan, &s0);
    cf_solution *sol = cf_solution_new();
    cf_stop_reason why;
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, cell->nominal_capacity_Ah);
    seg.duration_s = 1800;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s1);
    print_message("model %d: crack growth in a discharge, negative %.3e nm, positive %.3e nm\n", kind,
                  (s1.crack_length_m[0] - s0.crack_length_m[0]) * 1e9,
                  (s1.crack_length_m[1] - s0.crack_length_m[1]) * 1e9);
    assert_true(s1.crack_length_m[0] > s0.crack_length_m[0] * (1 + 1e-6));
    assert_true(s1.crack_length_m[1] == s0.crack_length_m[1]);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_direction(void **s)
{
    (void)s;
    run_direction(CF_MODEL_SPM);
    run_direction(CF_MODEL_DFN);
}

/* Cracks held: the solvent-diffusion film on their walls grows as
 * L^2 = L_0^2 + 2 V_bar D c t / z whatever the current. */
static void run_parabolic(cf_model_kind kind)
{
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_electrode_set_sei(&cell->neg, CF_SEI_SOLVENT_DIFFUSION_LIMITED);
    cf_electrode_set_cracking(&cell->neg, 0, CF_CRACK_SEI);
    cell->neg.cracking.rate_constant = 0.0;
    cell->neg.cracking.initial_sei_thickness_m = 2e-9;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = 1e-9;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    cf_state_summary s0, st;
    cf_sim_state(plan, &s0);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 2.0);
    seg.duration_s = 3600;
    cf_stop_reason why;
    cf_solution *sol = cf_solution_new();
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &st);
    const cf_sei *p = &cell->neg.sei;
    double L0 = s0.crack_sei_thickness_m; /* PyBaMM's start: L_cr0 / (2 rho w l_0) on the walls */
    double L = sqrt(L0 * L0 + 2 * p->molar_volume_m3_mol * p->solvent_diffusivity_m2_s *
                                  p->solvent_concentration_mol_m3 * 3600 / p->li_per_sei);
    print_message("model %d: crack SEI %.9g nm (from %.6g), closed form %.9g nm\n", kind,
                  st.crack_sei_thickness_m * 1e9, L0 * 1e9, L * 1e9);
    assert_true(L > 1.01 * L0);
    assert_true(fabs(st.crack_sei_thickness_m / L - 1) < 1e-6);
    assert_true(st.crack_length_m[0] == s0.crack_length_m[0]);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_parabolic(void **s)
{
    (void)s;
    run_parabolic(CF_MODEL_SPM);
    run_parabolic(CF_MODEL_DFN);
}

static void expect_refusal(cf_cell *cell, const char *key_part)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    cf_plan *plan = NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_plan_new(cell, &opt, &plan, &err);
    print_message("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, CF_EINVAL);
    assert_true(strstr(err.message, key_part) || strstr(err.where, key_part));
    cf_plan_free(plan);
}

static void test_refusals(void **s)
{
    (void)s;
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_electrode_set_cracking(&cell->neg, 0, CF_CRACK_SEI); /* no SEI growth */
    expect_refusal(cell, "needs SEI growth");
    cf_electrode_set_sei(&cell->neg, CF_SEI_REACTION_LIMITED);
    cf_electrode_set_cracking(&cell->pos, 1, CF_CRACK_SEI); /* no SEI on the positive */
    expect_refusal(cell, "negative only");
    cf_electrode_set_cracking(&cell->pos, 1, CF_CRACK_GROWTH);
    cell->neg.cracking.paris_m = 0.5;
    expect_refusal(cell, "negative.particle_cracking.paris_m");
    cell->neg.cracking.paris_m = 2.2;
    cell->neg.cracking.initial_length_m = 1e-4; /* beyond the particle radius */
    expect_refusal(cell, "particle radius");
    cell->neg.cracking.initial_length_m = 2e-8;
    cell->neg.cracking.density_m2 = -1;
    expect_refusal(cell, "density_m2");
    cf_cell_free(cell);
    int m;
    cf_error_clear(&err);
    assert_int_equal(cf_crack_model_parse("cracks", "--cracking-negative", &m, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "cracking-with-sei"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conservation_spm), cmocka_unit_test(test_conservation_spme),
        cmocka_unit_test(test_conservation_dfn), cmocka_unit_test(test_direction),
        cmocka_unit_test(test_parabolic),        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
