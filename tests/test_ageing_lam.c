/* test_ageing_lam.c — loss of active material:
 *  - lithium is conserved across every sink (particles, electrolyte, SEI,
 *    plated, dead and the lithium lost with active material) to 1e-9
 *    relative over two CC-CV cycles with everything on (reaction-limited SEI,
 *    partially reversible plating, stress- and reaction-driven LAM), in the
 *    SPM, SPMe and DFN;
 *  - stress-driven loss acts only under tensile surface stress: the particle
 *    that delithiates (its surface below its mean) loses material, the one
 *    that lithiates does not, and a rest loses nothing once the particles
 *    have relaxed;
 *  - the per-cycle LAM columns are 100 (1 - f) and capacity falls;
 *  - volume-driven loss (alloys) follows its closed form under a constant
 *    current: the mean active share falls linearly, by beta_v w |I| t /
 *    (A L eps0 F c_max), in the SPM and the DFN alike, and a rest costs
 *    nothing; lithium is conserved with it too;
 *  - the reported reaction variables are on the surface as it is now: the
 *    surface area to volume ratio is a f, the interfacial current density
 *    times it is the volumetric one, and that integrates over the
 *    electrode to the cell's current;
 *  - under the lumped thermal model, with every mechanism on, lithium is
 *    conserved, and with an activation energy on the mechanical rates the
 *    cell, warmed above their reference temperature, loses more material
 *    than without one; the through-cell thermal model is refused;
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
#include "cellforge/cf_variables.h"
#include "support/protocol_run.h"

static double total_li(const cf_state_summary *s)
{
    return s->li_solid_neg_mol + s->li_solid_pos_mol + s->li_electrolyte_mol + s->li_sei_mol + s->li_metal_mol +
           s->li_dead_mol + s->li_lam_mol;
}

/* chen2020 with loss of active material on both electrodes (rates raised so
 * that two cycles lose a measurable share), and when `coupled` SEI growth,
 * plating and reaction-driven loss on the negative too. */
static cf_plan *make_plan(cf_model_kind kind, int coupled, double tol, cf_cell **cell_out)
{
    cf_error err;
    cf_cell *cell = cf_test_builtin_cell("chen2020");
    for (int s = 0; s < 2; s++) {
        cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
        cf_electrode_set_lam(e, s, CF_LAM_STRESS | (coupled && s == 0 ? CF_LAM_REACTION : 0));
        e->lam.stress_rate_s *= 100;
        e->lam.reaction_factor_m3_mol = 1e-4;
    }
    if (coupled) {
        cf_electrode_set_sei(&cell->neg, CF_SEI_REACTION_LIMITED);
        cell->neg.sei.exchange_current_A_m2 *= 100;
        cf_electrode_set_li_plating(&cell->neg, CF_PLATING_PARTIALLY_REVERSIBLE);
    }
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
    cf_plan *plan = make_plan(kind, 1, 1e-10, &cell);
    cf_error err;
    char text[512];
    snprintf(text, sizeof text, "(%s); (%s)", CYCLE, CYCLE);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(plan, &s0);
    cf_solution *sol;
    cf_experiment_result *res;
    assert_int_equal(cf_test_run_protocol(plan, text, NAN, &sol, &res, &err), 0);
    assert_true(sol->end.completed);
    cf_sim_state(plan, &s1);
    double li0 = total_li(&s0), li1 = total_li(&s1);
    print_message("model %d: lithium %.12g -> %.12g mol (rel %.2e); LAM %.4f %% / %.4f %%, lost with it %.3e mol, "
                  "SEI %.3e, plated %.3e, dead %.3e\n",
                  kind, li0, li1, fabs(li1 / li0 - 1), s1.lam_pct[0], s1.lam_pct[1], s1.li_lam_mol,
                  s1.li_sei_mol - s0.li_sei_mol, s1.li_metal_mol, s1.li_dead_mol);
    assert_true(fabs(li1 / li0 - 1) < 1e-9);
    /* every sink took a measurable share */
    assert_true(s1.li_lam_mol > 1e-6 * li0);
    assert_true(s1.lam_pct[0] > 1e-3 && s1.lam_pct[1] > 1e-3);
    assert_true(s1.li_sei_mol - s0.li_sei_mol > 1e-6 * li0);
    assert_true(s1.li_dead_mol > 0);
    /* the per-cycle table carries the state's LAM, growing */
    assert_int_equal(res->n, 2);
    assert_true(fabs(res->cycles[1].lam_neg_pct - s1.lam_pct[0]) < 1e-12);
    assert_true(fabs(res->cycles[1].lam_pos_pct - s1.lam_pct[1]) < 1e-12);
    assert_true(res->cycles[1].lam_neg_pct > res->cycles[0].lam_neg_pct && res->cycles[0].lam_neg_pct > 0);
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

static void test_conservation_spm(void **s) { (void)s; run_conservation(CF_MODEL_SPM); }

/* chen2020 whose graphite is given an alloy's swelling (e = 2), with
 * volume-driven loss on the negative (and with `coupled` reaction-limited
 * SEI, plating and reaction-driven loss beside it). */
static cf_plan *make_alloy_plan(cf_model_kind kind, int coupled, cf_cell **cell_out)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cell->neg.phase[0].volume_expansion = 2.0;
    cf_electrode_set_lam(&cell->neg, 0, CF_LAM_VOLUME | (coupled ? CF_LAM_REACTION : 0));
    cell->neg.lam.volume_rate = 0.01;
    if (coupled) {
        cell->neg.lam.reaction_factor_m3_mol = 1e-4;
        cf_electrode_set_sei(&cell->neg, CF_SEI_REACTION_LIMITED);
        cell->neg.sei.exchange_current_A_m2 *= 100;
        cf_electrode_set_li_plating(&cell->neg, CF_PLATING_PARTIALLY_REVERSIBLE);
    }
    assert_int_equal(cf_cell_validate(cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = 1e-10;
    opt.n_neg = opt.n_sep = opt.n_pos = 8;
    opt.nr_neg = opt.nr_pos = 8;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    *cell_out = cell;
    return plan;
}

static void run_volume_closed_form(cf_model_kind kind)
{
    cf_cell *cell;
    cf_plan *plan = make_alloy_plan(kind, 0, &cell);
    cf_error err;
    assert_int_equal(cf_sim_reset_soc(plan, 1.0, &err), 0);
    cf_state_summary s0, s1, s2;
    cf_sim_state(plan, &s0);
    cf_solution *sol = cf_solution_new();
    cf_stop_reason why;
    cf_segment seg;
    double I = cell->nominal_capacity_Ah, t = 1800.0;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, I); /* 1C discharge, 30 min: the negative delithiates throughout */
    seg.duration_s = t;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s1);
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 0.0);
    seg.duration_s = 3600.0;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 1, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s2);
    /* sum over the electrode of a f j = I / A: the strain rate integrates to the charge */
    const cf_phase *ph = &cell->neg.phase[0];
    double e = ph->volume_expansion, s0i = ph->c_init / ph->c_max, w = e / (1 + e * s0i);
    double want = 100.0 * cell->neg.lam.volume_rate * w * I * t /
                  (cell->area_m2 * cell->neg.thickness_m * ph->active_fraction * CF_FARADAY * ph->c_max);
    print_message("model %d: LAM after a 1C half hour %.9f %% (closed form %.9f %%, rel %.2e), after a 1 h rest "
                  "%.9f %%\n",
                  kind, s1.lam_pct[0], want, fabs(s1.lam_pct[0] / want - 1), s2.lam_pct[0]);
    assert_true(fabs(s1.lam_pct[0] / want - 1) < 1e-4);
    /* the rest: the SPM's particle relaxes without current; the DFN's cells even out a little */
    assert_true(s2.lam_pct[0] - s1.lam_pct[0] < (kind == CF_MODEL_DFN ? 2e-2 : 1e-6) * s1.lam_pct[0]);
    assert_true(s1.lam_pct[1] == 0);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_volume_closed_form(void **s)
{
    (void)s;
    run_volume_closed_form(CF_MODEL_SPM);
    run_volume_closed_form(CF_MODEL_SPME);
    run_volume_closed_form(CF_MODEL_DFN);
}

/* Lithium is conserved with volume-driven loss beside SEI, plating and
 * reaction-driven loss over two CC-CV cycles. */
static void run_volume_conservation(cf_model_kind kind)
{
    cf_cell *cell;
    cf_plan *plan = make_alloy_plan(kind, 1, &cell);
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
    print_message("model %d, volume-driven: lithium rel change %.2e; LAM %.4f %%, lost with it %.3e mol\n", kind,
                  fabs(li1 / li0 - 1), s1.lam_pct[0], s1.li_lam_mol);
    assert_true(fabs(li1 / li0 - 1) < 1e-9);
    assert_true(s1.lam_pct[0] > 0.1 && s1.li_lam_mol > 1e-6 * li0);
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
/* The lumped thermal model with loss of active material (stress-driven on
 * both electrodes, reaction-driven beside SEI): lithium conserved, and with
 * 50 kJ/mol on the mechanical rates the cell, heated by its own losses
 * above their reference temperature, loses more than with none. */
static void run_thermal(cf_model_kind kind)
{
    double lam[2];
    for (int th = 0; th < 2; th++) {
        cf_cell *cell;
        cf_error err;
        assert_int_equal(cf_cell_builtin("okane2022", &cell, &err), 0);
        cell->neg.cracking.model = CF_CRACK_NONE; /* cracking runs isothermal only */
        for (int s = 0; s < 2; s++) {
            cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
            cf_electrode_set_lam(e, s, CF_LAM_STRESS | (s == 0 ? CF_LAM_REACTION : 0));
            e->lam.stress_rate_s *= 100;
            e->lam.reaction_factor_m3_mol = 1e-4;
            e->lam.activation_energy_J_mol = th ? 50000.0 : 0.0;
        }
        cf_electrode_set_sei(&cell->neg, CF_SEI_REACTION_LIMITED);
        cell->neg.sei.exchange_current_A_m2 *= 100;
        cf_model_options opt;
        cf_model_options_default(&opt);
        opt.kind = kind;
        opt.rtol = opt.atol = 1e-10;
        opt.n_neg = opt.n_sep = opt.n_pos = 8;
        opt.nr_neg = opt.nr_pos = 8;
        opt.thermal = CF_THERMAL_LUMPED;
        cf_plan *plan;
        assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
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
        double li0 = total_li(&s0), li1 = total_li(&s1), Tmax = 0;
        for (size_t r = 0; r < sol->n; r++) Tmax = fmax(Tmax, sol->temperature_K[r]);
        print_message("model %d, lumped, E %s: lithium rel change %.2e; LAM %.5f %% / %.5f %%, max T %.2f K\n", kind,
                      th ? "50 kJ/mol" : "0", fabs(li1 / li0 - 1), s1.lam_pct[0], s1.lam_pct[1], Tmax);
        assert_true(fabs(li1 / li0 - 1) < 1e-9);
        assert_true(s1.lam_pct[0] > 1e-3 && s1.lam_pct[1] > 1e-3);
        assert_true(Tmax > cell->T_ref + 1.0); /* it warmed above the rates' reference */
        lam[th] = s1.lam_pct[1]; /* the positive: stress-driven only */
        cf_experiment_result_free(res);
        cf_solution_free(sol);
        cf_protocol_free(proto);
        cf_plan_free(plan);
        cf_cell_free(cell);
    }
    assert_true(lam[1] > 1.2 * lam[0]);
}
static void test_thermal(void **s)
{
    (void)s;
    run_thermal(CF_MODEL_SPME);
    run_thermal(CF_MODEL_DFN);
}

/* Variable `name` at the last row of sol into v (n values); returns n_x. */
static int last_values(cf_plan *plan, const cf_solution *sol, const char *name, double *v)
{
    cf_error err;
    int i;
    cf_variable_info info;
    assert_int_equal(cf_variable_find(plan, name, &i, &err), 0);
    assert_int_equal(cf_variable_info_at(plan, i, &info), 0);
    assert_int_equal(cf_variable_values(plan, i, sol, sol->n - 1, 1, v, &err), 0);
    return info.n_x;
}

static void run_reduced_surface(cf_model_kind kind)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_electrode_set_lam(&cell->neg, 0, CF_LAM_STRESS);
    cell->neg.lam.stress_rate_s = 1e-5; /* a few % of the graphite lost in a 1C half hour */
    cell->neg.lam.critical_stress_Pa = 1e7;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = 1e-9;
    opt.n_neg = opt.n_sep = opt.n_pos = 8;
    opt.store_states = 1;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_sim_reset_soc(plan, 1.0, &err), 0);
    cf_solution *sol = cf_solution_new();
    cf_stop_reason why;
    cf_segment seg;
    double I = cell->nominal_capacity_Ah;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, I);
    seg.duration_s = 1800;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_state_summary st;
    cf_sim_state(plan, &st);
    double aj[64], j[64], ratio[64], am, L = cell->neg.thickness_m, A = cell->area_m2;
    int nx = last_values(plan, sol, "Negative electrode volumetric interfacial current density [A.m-3]", aj);
    last_values(plan, sol, "Negative electrode interfacial current density [A.m-2]", j);
    last_values(plan, sol, "Negative electrode surface area to volume ratio [m-1]", ratio);
    last_values(plan, sol, "X-averaged negative electrode active material volume fraction", &am);
    double a0 = 3.0 * cell->neg.phase[0].active_fraction / cell->neg.phase[0].particle_radius_m, sum = 0, err_aj = 0;
    double fbar = 1.0 - st.lam_pct[0] / 100.0, rbar = 0;
    for (int n = 0; n < nx; n++) {
        sum += aj[n] / nx; /* the negative's x cells are of one width */
        rbar += ratio[n] / nx;
        err_aj = fmax(err_aj, fabs(aj[n] - ratio[n] * j[n]) / fabs(aj[n]));
    }
    print_message("model %d: LAM %.3f %%; integral of a f j %.9g A (I %.9g), surface ratio %.6g (a0 f %.6g), "
                  "active fraction %.6g (eps0 f %.6g), |aj - ratio j| %.1e\n",
                  kind, st.lam_pct[0], sum * L * A, I, rbar, a0 * fbar, am,
                  cell->neg.phase[0].active_fraction * fbar, err_aj);
    assert_true(st.lam_pct[0] > 0.1);
    assert_true(fabs(sum * L * A / I - 1) < 1e-6);
    assert_true(fabs(rbar / (a0 * fbar) - 1) < 1e-9);
    assert_true(fabs(am / (cell->neg.phase[0].active_fraction * fbar) - 1) < 1e-9);
    assert_true(err_aj < 1e-12);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_reduced_surface(void **s)
{
    (void)s;
    run_reduced_surface(CF_MODEL_SPM);
    run_reduced_surface(CF_MODEL_SPME);
    run_reduced_surface(CF_MODEL_DFN);
}

static void test_volume_conservation(void **s)
{
    (void)s;
    run_volume_conservation(CF_MODEL_SPME);
    run_volume_conservation(CF_MODEL_DFN);
}
static void test_conservation_spme(void **s) { (void)s; run_conservation(CF_MODEL_SPME); }
static void test_conservation_dfn(void **s) { (void)s; run_conservation(CF_MODEL_DFN); }

/* Tensile stress only: a discharge delithiates the negative (surface below
 * the mean: tensile) and lithiates the positive (compressive); a charge the
 * reverse; a long rest relaxes both. */
static void run_direction(cf_model_kind kind)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(kind, 0, 1e-8, &cell);
    cf_error err;
    assert_int_equal(cf_sim_reset_soc(plan, 1.0, &err), 0);
    cf_state_summary s0, s1, s2, s3;
    cf_sim_state(plan, &s0);
    cf_solution *sol = cf_solution_new();
    cf_stop_reason why;
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, cell->nominal_capacity_Ah); /* 1C discharge, 30 min */
    seg.duration_s = 1800;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s1);
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 0.0);
    seg.duration_s = 20 * 3600.0; /* relaxed: the mean and surface agree */
    assert_int_equal(cf_sim_run_segment(plan, &seg, 1, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s2);
    cf_segment_init(&seg, CF_CONTROL_CURRENT, -cell->nominal_capacity_Ah); /* 1C charge, 30 min */
    seg.duration_s = 1800;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 1, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s3);
    print_message("model %d: LAM neg/pos after discharge %.3e/%.3e %%, rest %.3e/%.3e, charge %.3e/%.3e\n", kind,
                  s1.lam_pct[0], s1.lam_pct[1], s2.lam_pct[0], s2.lam_pct[1], s3.lam_pct[0], s3.lam_pct[1]);
    assert_true(s0.lam_pct[0] == 0 && s0.lam_pct[1] == 0);
    assert_true(s1.lam_pct[0] > 1e-4 && s1.lam_pct[1] == 0);   /* discharge: the negative only */
    /* the rest adds next to nothing: the gradient decays within minutes */
    /* (DFN: the x cells even out through the electrolyte, a small delithiation in some) */
    assert_true(s2.lam_pct[0] - s1.lam_pct[0] < 0.2 * s1.lam_pct[0] && s2.lam_pct[1] < 0.01 * s3.lam_pct[1]);
    assert_true(s3.lam_pct[1] > 1e-4);                               /* charge: the positive */
    assert_true(s3.lam_pct[0] - s2.lam_pct[0] < 1e-3 * s1.lam_pct[0]); /* and not the negative */
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

static void test_refusals(void **s)
{
    (void)s;
    cf_cell *cell = cf_test_builtin_cell("chen2020");
    cf_error err;
    cf_electrode_set_lam(&cell->pos, 1, CF_LAM_REACTION);
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "positive.loss_of_active_material");
    cell->pos.lam.model = CF_LAM_STRESS;
    cf_electrode_set_lam(&cell->neg, 0, CF_LAM_REACTION); /* without SEI growth */
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.loss_of_active_material");
    cell->neg.lam.model = CF_LAM_STRESS;
    cell->neg.lam.poisson_ratio = 0.5;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.loss_of_active_material.poisson_ratio");
    cell->neg.lam.poisson_ratio = 0.3;
    cell->neg.lam.stress_rate_s = -1e-7;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.loss_of_active_material.stress_rate_s");
    cell->neg.lam.stress_rate_s = 2.7778e-7;
    assert_int_equal(cf_cell_validate(cell, &err), 0);
    cell->neg.lam.activation_energy_J_mol = 6e5;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.loss_of_active_material.activation_energy_J_mol");
    cell->neg.lam.activation_energy_J_mol = 0.0;
    /* not with the through-cell thermal model yet (its heat sources) */
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.thermal = CF_THERMAL_X;
    cf_plan *plan = NULL;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), CF_EINVAL);
    assert_string_equal(err.where, "thermal");
    int m;
    assert_int_equal(cf_lam_model_parse("stress-and-reaction-driven", "--lam", &m, &err), 0);
    assert_int_equal(m, CF_LAM_STRESS | CF_LAM_REACTION);
    assert_int_equal(cf_lam_model_parse("stress", "--lam", &m, &err), CF_EINVAL);
    assert_string_equal(err.where, "--lam");
    assert_int_equal(cf_lam_model_parse("volume-and-reaction-driven", "--lam", &m, &err), 0);
    assert_int_equal(m, CF_LAM_VOLUME | CF_LAM_REACTION);
    assert_string_equal(cf_lam_model_name(CF_LAM_VOLUME), "volume-driven");
    /* volume-driven loss needs an alloy: graphite swells 10 % */
    cell->neg.lam.model = CF_LAM_VOLUME;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.loss_of_active_material");
    assert_non_null(strstr(err.message, "at least 50 %"));
    cell->neg.phase[0].volume_expansion = 2.0;
    assert_int_equal(cf_cell_validate(cell, &err), 0);
    cell->neg.lam.volume_rate = 2.0;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.loss_of_active_material.volume_rate");
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals),          cmocka_unit_test(test_direction),
        cmocka_unit_test(test_conservation_spm),  cmocka_unit_test(test_conservation_spme),
        cmocka_unit_test(test_conservation_dfn),   cmocka_unit_test(test_volume_closed_form),
        cmocka_unit_test(test_volume_conservation), cmocka_unit_test(test_thermal),
        cmocka_unit_test(test_reduced_surface),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
