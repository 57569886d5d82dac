/* test_ageing.c — SEI growth on the negative:
 *  - lithium is conserved across particles, electrolyte and SEI to 1e-9
 *    relative over a whole cycling run (tight tolerances), in every model
 *    and under every growth law;
 *  - the solvent-diffusion-limited film follows its closed form
 *    L^2 = L0^2 + 2 V_bar D_sol c_sol t / z, whatever the current;
 *  - the lithium the SEI took is the cyclable lithium the electrodes lost,
 *    and capacity falls cycle after cycle;
 *  - with lithium plating too (O'Kane; a fast cold charge plates, the rest
 *    strips, some turns dead): conserved across particles, electrolyte,
 *    SEI, plated and dead lithium to 1e-9;
 *  - a SEI on the positive or on a lithium-metal negative is refused. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"

static double total_li(const cf_state_summary *s)
{
    return s->li_solid_neg_mol + s->li_solid_pos_mol + s->li_electrolyte_mol + s->li_sei_mol + s->li_metal_mol +
           s->li_dead_mol;
}

static cf_plan *make_plan(cf_model_kind kind, cf_sei_model m, double tol, int mesh, cf_cell **cell_out)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_electrode_set_sei(&cell->neg, m);
    /* faster than the published fit so that a few cycles age the cell measurably */
    cell->neg.sei.exchange_current_A_m2 *= 100;
    cell->neg.sei.solvent_diffusivity_m2_s *= 100;
    cell->neg.sei.electron_conductivity_S_m *= 100;
    cell->neg.sei.interstitial_diffusivity_m2_s *= 100;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = tol;
    opt.n_neg = opt.n_sep = opt.n_pos = mesh;
    opt.nr_neg = opt.nr_pos = mesh;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    *cell_out = cell;
    return plan;
}

static const char *CYCLES = "Discharge at 1C until 2.5 V; Rest for 10 minutes; Charge at 0.5C until 4.2 V; "
                            "Hold at 4.2 V until 50 mA; Rest for 10 minutes";

static void run_conservation(cf_model_kind kind, cf_sei_model m)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(kind, m, 1e-10, 8, &cell);
    cf_error err;
    cf_protocol *proto;
    char text[512];
    snprintf(text, sizeof text, "%s; %s", CYCLES, CYCLES);
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
    double li0 = total_li(&s0), li1 = total_li(&s1), grown = s1.li_sei_mol - s0.li_sei_mol;
    print_message("model %d, SEI %s: lithium %.12g -> %.12g mol (rel %.2e), SEI took %.3e mol, %.3f -> %.3f nm\n",
                  kind, cf_sei_model_name(m), li0, li1, fabs(li1 / li0 - 1), grown, s0.sei_thickness_m * 1e9,
                  s1.sei_thickness_m * 1e9);
    assert_true(fabs(li1 / li0 - 1) < 1e-9);
    assert_true(grown > 1e-6 * li0); /* the SEI grew measurably */
    assert_true(s1.sei_thickness_m > s0.sei_thickness_m);
    /* what the SEI took is what the electrodes' lithium lost */
    double cyclable0 = s0.li_solid_neg_mol + s0.li_solid_pos_mol, cyclable1 = s1.li_solid_neg_mol + s1.li_solid_pos_mol;
    double de = s1.li_electrolyte_mol - s0.li_electrolyte_mol;
    assert_true(fabs((cyclable0 - cyclable1 - de) / grown - 1) < 1e-6);
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

static void test_conservation_dfn(void **s)
{
    (void)s;
    for (int m = CF_SEI_REACTION_LIMITED; m <= CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED; m++)
        run_conservation(CF_MODEL_DFN, (cf_sei_model)m);
}
static void test_conservation_spm(void **s)
{
    (void)s;
    for (int m = CF_SEI_REACTION_LIMITED; m <= CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED; m++)
        run_conservation(CF_MODEL_SPM, (cf_sei_model)m);
}
static void test_conservation_spme(void **s)
{
    (void)s;
    run_conservation(CF_MODEL_SPME, CF_SEI_REACTION_LIMITED);
    run_conservation(CF_MODEL_SPME, CF_SEI_SOLVENT_DIFFUSION_LIMITED);
}

static void run_plating(cf_model_kind kind, cf_plating_model pm)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(kind, CF_SEI_REACTION_LIMITED, 1e-10, 8, &cell);
    cf_plan_free(plan);
    cell->T_K = 273.15;
    cf_electrode_set_li_plating(&cell->neg, pm);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.rtol = opt.atol = 1e-10;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 8;
    cf_error err;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_sim_reset_soc(plan, 0.0, &err), 0);
    cf_state_summary s0, s1, s2;
    cf_sim_state(plan, &s0);
    cf_stop_reason why;
    cf_solution *sol = cf_solution_new();
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, -2.0 * cell->nominal_capacity_Ah); /* 2C charge */
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s1);
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 0.0);
    seg.duration_s = 7200;
    assert_int_equal(cf_sim_run_segment(plan, &seg, 1, 0, sol, &why, &err), 0);
    cf_sim_state(plan, &s2);
    double li0 = total_li(&s0), li2 = total_li(&s2);
    print_message("model %d, plating %s: plated %.3e mol after the charge, %.3e after the rest, dead %.3e; lithium rel "
                  "%.2e\n", kind, cf_plating_model_name(pm), s1.li_metal_mol + s1.li_dead_mol, s2.li_metal_mol,
                  s2.li_dead_mol, fabs(li2 / li0 - 1));
    assert_true(fabs(li2 / li0 - 1) < 1e-9);
    assert_true(s1.li_metal_mol + s1.li_dead_mol > 1e-4); /* it plated */
    if (pm == CF_PLATING_IRREVERSIBLE) assert_true(s2.li_metal_mol == 0 && s2.li_dead_mol >= s1.li_dead_mol);
    if (pm == CF_PLATING_REVERSIBLE) assert_true(s2.li_dead_mol == 0 && s2.li_metal_mol < 0.1 * s1.li_metal_mol);
    if (pm == CF_PLATING_PARTIALLY_REVERSIBLE)
        assert_true(s2.li_dead_mol > s1.li_dead_mol && s2.li_metal_mol < 0.1 * s1.li_metal_mol);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_plating(void **s)
{
    (void)s;
    for (int k = CF_MODEL_SPM; k <= CF_MODEL_DFN; k++)
        for (int m = CF_PLATING_REVERSIBLE; m <= CF_PLATING_PARTIALLY_REVERSIBLE; m++)
            run_plating((cf_model_kind)k, (cf_plating_model)m);
}

/* Solvent-diffusion limited: dL/dt = V_bar D c / (z L) on every surface. */
static void check_parabolic(cf_model_kind kind)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(kind, CF_SEI_SOLVENT_DIFFUSION_LIMITED, 1e-9, 8, &cell);
    cf_error err;
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 2.0);
    seg.duration_s = 3600;
    cf_stop_reason why;
    cf_solution *sol = cf_solution_new();
    assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err), 0);
    cf_state_summary st;
    cf_sim_state(plan, &st);
    const cf_sei *p = &cell->neg.sei;
    double L0 = p->initial_thickness_m;
    double L = sqrt(L0 * L0 + 2 * p->molar_volume_m3_mol * p->solvent_diffusivity_m2_s *
                                  p->solvent_concentration_mol_m3 * 3600 / p->li_per_sei);
    print_message("model %d: L = %.9g nm, closed form %.9g nm\n", kind, st.sei_thickness_m * 1e9, L * 1e9);
    assert_true(L > 1.01 * L0);
    assert_true(fabs(st.sei_thickness_m / L - 1) < 1e-6);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}
static void test_parabolic_dfn(void **s) { (void)s; check_parabolic(CF_MODEL_DFN); }
static void test_parabolic_spm(void **s) { (void)s; check_parabolic(CF_MODEL_SPM); }

/* Capacity fades from cycle to cycle with reaction-limited SEI. */
static void test_fade(void **s)
{
    (void)s;
    cf_cell *cell;
    cf_plan *plan = make_plan(CF_MODEL_SPM, CF_SEI_REACTION_LIMITED, 1e-6, 10, &cell);
    cf_error err;
    cf_protocol *proto;
    char text[1024];
    snprintf(text, sizeof text, "%s; %s; %s; %s", CYCLES, CYCLES, CYCLES, CYCLES);
    assert_int_equal(cf_protocol_parse(text, &proto, &err), 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    cf_solution *sol;
    cf_experiment_result *res;
    assert_int_equal(cf_simulate_protocol(plan, proto, &eo, &sol, &res, &err), 0);
    /* the protocol's steps form one cycle per Discharge: the discharges fall */
    double prev = INFINITY;
    int falls = 0;
    for (size_t c = 0; c < res->n; c++) {
        double q = res->cycles[c].discharge_Ah;
        if (q > 0 && q < prev) falls++;
        if (q > 0) prev = q;
    }
    assert_true(falls >= 3);
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

/* A thick SEI film (0.67 um, 0.13 Ohm m2 at O'Kane's resistivity, as ~800
 * cycles of growth leave it): every model discharges through it, the film's
 * drop lowering the voltage by about j R L at the start. */
static void test_thick_film(void **s)
{
    (void)s;
    for (int k = CF_MODEL_SPM; k <= CF_MODEL_DFN; k++) {
        double V0[2];
        for (int film = 0; film < 2; film++) {
            cf_cell *cell;
            cf_plan *plan = make_plan((cf_model_kind)k, CF_SEI_REACTION_LIMITED, 1e-6, 10, &cell);
            cf_plan_free(plan);
            cell->neg.sei.exchange_current_A_m2 = 1e-12; /* no growth: the film only */
            cell->neg.sei.initial_thickness_m = film ? 6.7e-7 : 5e-9;
            cf_model_options opt;
            cf_model_options_default(&opt);
            opt.kind = (cf_model_kind)k;
            opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
            cf_error err;
            assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
            cf_solution *sol = NULL;
            assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), 0);
            assert_true(sol->end.completed && sol->capacity_Ah[sol->n - 1] > 4.0);
            V0[film] = sol->voltage[1];
            cf_solution_free(sol);
            cf_plan_free(plan);
            cf_cell_free(cell);
        }
        /* 1C over the negative's particle surface: j = I / (A a L) ~ 1.49 A/m2 */
        double drop = V0[0] - V0[1], jRL = 1.49 * 2e5 * (6.7e-7 - 5e-9);
        print_message("model %d: film drop %.4f V (j R L %.4f V)\n", k, drop, jRL);
        assert_true(fabs(drop / jRL - 1) < 0.1);
    }
}

static void test_refusals(void **s)
{
    (void)s;
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_electrode_set_sei(&cell->pos, CF_SEI_REACTION_LIMITED);
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "positive.sei");
    cell->pos.sei.model = CF_SEI_NONE;
    cf_electrode_set_sei(&cell->neg, CF_SEI_SOLVENT_DIFFUSION_LIMITED);
    cell->neg.sei.initial_thickness_m = -1e-9;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    assert_string_equal(err.where, "negative.sei.initial_thickness_m");
    cell->neg.sei.initial_thickness_m = 5e-9;
    cell->neg.sei.solvent_diffusivity_m2_s = 0;
    assert_int_equal(cf_cell_validate(cell, &err), CF_EINVAL);
    cf_sei_model m;
    assert_int_equal(cf_sei_model_parse("solvent-diffusion", "--sei", &m, &err), 0);
    assert_int_equal(m, CF_SEI_SOLVENT_DIFFUSION_LIMITED);
    assert_int_equal(cf_sei_model_parse("ec-reaction", "--sei", &m, &err), CF_EINVAL);
    assert_string_equal(err.where, "--sei");
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals),       cmocka_unit_test(test_parabolic_spm),
        cmocka_unit_test(test_parabolic_dfn),  cmocka_unit_test(test_conservation_spm),
        cmocka_unit_test(test_conservation_spme), cmocka_unit_test(test_conservation_dfn),
        cmocka_unit_test(test_fade),           cmocka_unit_test(test_plating),
        cmocka_unit_test(test_thick_film),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
