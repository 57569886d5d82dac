/* test_jacobian.c — the analytic Jacobians of SPM, SPMe and DFN agree with
 * central finite differences of the residual, at a perturbed, non-equilibrium
 * state (so every term, including the electrolyte gradients, is exercised),
 * and at states at the physical limits, where the regularised kinetics and
 * transport take over. */
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

/* chen2020 with both electrodes split into two phases of different size,
 * diffusivity and kinetics (the same OCP), so blend terms are exercised. */
static void make_blend(cf_cell *cell)
{
    cf_electrode *es[2] = {&cell->neg, &cell->pos};
    for (int s = 0; s < 2; s++) {
        cf_electrode *e = es[s];
        e->n_phases = 2;
        e->phase[1] = e->phase[0];
        e->phase[1].active_fraction = 0.4 * e->phase[0].active_fraction;
        e->phase[0].active_fraction *= 0.6;
        e->phase[1].particle_radius_m *= 0.5;
        e->phase[1].diffusivity_m2_s *= 3.0;
        e->phase[1].j0_ref *= 2.0;
        e->phase[1].c_init *= 0.98;
    }
}

/* blend: 1 = two phases per electrode; 2 = the same with expanding negative
 * particles (porosity follows lithiation in the DFN); 3 = the same with the
 * electrodes' thickness following the expansion (partly constrained
 * negative, free positive); 4 = stoichiometry-dependent solid diffusivities
 * (Ecker2015's built-ins, and a table on the negative's second phase). */
static cf_discretisation g_disc = CF_DISC_FV; /* the particles of the next check */
static cf_thermal_mode g_thermal = CF_THERMAL_ISOTHERMAL; /* and its energy balance */

/* Everything that depends on temperature, for the thermal checks: solid
 * diffusivity activation energies, entropic coefficients (a constant and a
 * table), Valoen-Reimers' electrolyte functions of T, collector heat and a
 * contact resistance. */
static void make_thermal(cf_cell *cell, cf_error *err)
{
    for (int s = 0; s < 2; s++) {
        cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
        for (int i = 0; i < e->n_phases; i++) e->phase[i].diffusivity_Ea_J_mol = 20000.0 + 5000.0 * i + 10000.0 * s;
    }
    cf_fn_set_constant(&cell->neg.phase[0].entropic, -2e-4);
    static double tx[] = {0.0, 0.4, 1.0}, ty[] = {1e-4, -3e-4, 2e-4};
    cf_fn *f = &cell->pos.phase[0].entropic;
    f->kind = CF_FN_TABLE;
    f->n = 3;
    f->x = malloc(sizeof tx);
    f->y = malloc(sizeof ty);
    memcpy(f->x, tx, sizeof tx);
    memcpy(f->y, ty, sizeof ty);
    assert_int_equal(cf_fn_set_builtin(&cell->electrolyte.diffusivity, "valoen_reimers2005_diffusivity", err), 0);
    assert_int_equal(cf_fn_set_builtin(&cell->electrolyte.conductivity, "valoen_reimers2005_conductivity", err), 0);
    cell->contact_resistance_ohm = 0.012; /* in the voltage row and the heat */
}
/* A state away from equilibrium: smooth perturbations (pseudo-random from
 * `seed`) of every unknown of the plan's initial state and of its rates,
 * with a 3 A current; the caller frees both. */
static void perturbed_state(const cf_plan *p, unsigned seed, double **y_out, double **yp_out)
{
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp);
    assert_true(y && yp);
    memcpy(y, N_VGetArrayPointer(p->y), n * sizeof *y);
    srand(seed);
    for (int i = 0; i < n; i++) {
        double r = (double)rand() / RAND_MAX - 0.5;
        if (N_VGetArrayPointer(p->id)[i] == 1.0 && i != p->iQ && i != p->iE) y[i] *= 1.0 + 0.02 * r;
        else y[i] += 0.01 * r;
        yp[i] = 0.1 * r;
    }
    y[p->iI] = 3.0;
    *y_out = y;
    *yp_out = yp;
}

static cf_sei_model g_sei = CF_SEI_NONE;        /* SEI growth on the negative of the next check */
static cf_plating_model g_plating = CF_PLATING_NONE; /* O'Kane plating on it */
static int g_thick = 0;                               /* a thick SEI film */
static int g_lam = 0; /* loss of active material: 1 stress-driven on both electrodes, 2 with reaction-driven on the
                         negative, 3 volume-driven on an alloy negative (reaction-driven too with SEI) */
static int g_crack = 0; /* particle cracking on both electrodes (with SEI on the negative's cracks when SEI grows) */

static void check_model_cell(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    if (blend) make_blend(cell);
    if (g_sei != CF_SEI_NONE) {
        cf_electrode_set_sei(&cell->neg, g_sei);
        cf_sei *sei = &cell->neg.sei;
        /* rates raised so that every SEI term stands out of the differences' noise */
        sei->exchange_current_A_m2 = 1e-3;
        sei->solvent_diffusivity_m2_s = 1e-18;
        sei->electron_conductivity_S_m = 1e-9;
        sei->interstitial_diffusivity_m2_s = 1e-16;
        sei->resistivity_ohm_m = 2e6; /* a 10 mOhm m2 film */
        if (g_thick) sei->initial_thickness_m = 6.7e-7;
    }
    if (g_plating != CF_PLATING_NONE) {
        cf_electrode_set_li_plating(&cell->neg, g_plating);
        cell->neg.li_plating.rate_constant_m_s = 1e-6; /* to stand out of the differences' noise */
        cell->neg.li_plating.initial_mol_m3 = 50.0;    /* plated lithium to strip */
        cell->neg.li_plating.dead_decay_s = 1e-2;
        cell->neg.li_plating.activation_energy_J_mol = 30000.0; /* a T column under the lumped model */
    }
    for (int s = 0; g_lam && s < 2; s++) {
        cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
        if (g_lam == 3 && s == 0) {
            /* an alloy negative: its phases swell 250 % and 80 % (free thickness: the pores stay open) */
            cf_electrode_set_lam(e, s, CF_LAM_VOLUME | (g_sei != CF_SEI_NONE ? CF_LAM_REACTION : 0));
            for (int i = 0; i < e->n_phases; i++) e->phase[i].volume_expansion = i == 0 ? 2.5 : 0.8;
            e->thickness_swelling = 1.0;
            e->lam.volume_rate = 0.5;
            e->lam.activation_energy_J_mol = 40000.0; /* a T column under the lumped model */
            e->lam.reaction_factor_m3_mol = 1e-2;
            continue;
        }
        cf_electrode_set_lam(e, s, CF_LAM_STRESS | (g_lam == 2 && s == 0 ? CF_LAM_REACTION : 0));
        if (g_lam == 3) e->lam.activation_energy_J_mol = 25000.0;
        /* rates raised, the critical stress lowered: the terms stand out of the differences' noise */
        e->lam.stress_rate_s = 1e-3;
        e->lam.critical_stress_Pa = 1e5;
        e->lam.stress_exponent = 2.5;
        e->lam.reaction_factor_m3_mol = 1e-2;
    }
    for (int s = 0; g_crack && s < 2; s++) {
        cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
        cf_electrode_set_cracking(e, s, s == 0 && g_sei != CF_SEI_NONE ? CF_CRACK_SEI : CF_CRACK_GROWTH);
        e->cracking.rate_constant = 1e-10; /* to stand out of the differences' noise */
        e->cracking.initial_sei_thickness_m = 1e-9;
    }
    if (blend == 2 || blend == 3) {
        cell->neg.phase[0].volume_expansion = 0.1;
        cell->neg.phase[1].volume_expansion = 0.3;
        cell->pos.phase[1].volume_expansion = -0.05;
    }
    if (blend == 3) {
        cell->neg.thickness_swelling = 0.6;
        cell->pos.thickness_swelling = 1.0;
    }
    if (blend == 4) {
        assert_int_equal(cf_fn_set_builtin(&cell->neg.phase[0].diffusivity_fn, "graphite_diffusivity_ecker2015", &err), 0);
        assert_int_equal(cf_fn_set_builtin(&cell->pos.phase[0].diffusivity_fn, "nco_diffusivity_ecker2015", &err), 0);
        assert_int_equal(cf_fn_set_builtin(&cell->pos.phase[1].diffusivity_fn, "nco_diffusivity_ecker2015", &err), 0);
        static double tx[] = {0.0, 0.3, 0.7, 1.0}, ty[] = {1e-13, 3e-14, 5e-15, 2e-15};
        cf_fn *f = &cell->neg.phase[1].diffusivity_fn;
        f->kind = CF_FN_TABLE;
        f->n = 4;
        f->x = malloc(sizeof tx);
        f->y = malloc(sizeof ty);
        memcpy(f->x, tx, sizeof tx);
        memcpy(f->y, ty, sizeof ty);
    }
    if (g_thermal != CF_THERMAL_ISOTHERMAL) make_thermal(cell, &err);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 5;
    opt.nr_neg = opt.nr_pos = g_disc == CF_DISC_SPECTRAL ? 5 : 4;
    opt.discretisation = g_disc;
    opt.thermal = g_thermal;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    if (g_disc == CF_DISC_SPECTRAL) { /* a live step start: the surfaces the kinetics see are shifted */
        p->start.n = 1;
        p->start.t0[0] = 9.9;
        for (int q = 0; q < cf_step_start_cols(p); q++) p->start.dj[q] = 20.0 * (1 + q % 3);
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < p->side[s].nph; i++) {
                p->start.rate[0][s][i] = 1e-3; /* tau = 1e-4 at t = 10 s */
                p->start.scale[0][s][i] = 1e3;
            }
        double c0 = cf_step_start_correction(p, 0, 0, 0, 10.0);
        if (!(fabs(c0) > 10.0)) print_error("step-start correction %g\n", c0);
        assert_true(fabs(c0) > 10.0);
    }
    double *y, *yp;
    perturbed_state(p, 7, &y, &yp);
    if (g_crack) /* the negative's surface poorer than its core (tensile: its cracks grow); the positive's as perturbed */
        for (int k = 0; k < (p->opt.kind == CF_MODEL_DFN ? p->n_neg : 1); k++) {
            const cf_side *sd = &p->side[0];
            int o = p->opt.kind == CF_MODEL_DFN ? p->off[k] + sd->ph_off[0] : sd->off_cs[0];
            for (int r = 0; r < sd->pm[0].nr; r++) y[o + r] *= 1.0 - 0.03 * r;
        }
    if (p->iT >= 0) y[p->iT] = 311.0; /* away from T_ref: the entropic shift acts */
    if (p->th.x) { /* through the cell: every node at its own temperature */
        for (int k = 0; k < p->nx; k++) y[p->th.tx[k]] = 305.0 + 1.3 * k + 0.7 * (k % 3);
        y[p->th.iTcn] = 303.0;
        y[p->th.iTcp] = 327.0;
    }
    cf_segment_init(&p->seg, mode, value);
    assert_true(cf_test_jacobian_fd(p, 10.0, y, yp, 0.37) < 1e-4);
    free(y);
    free(yp);
    cf_plan_free(p);
    cf_cell_free(cell);
}

/* Sets every shell of phase 0 in DFN cell k (or the SPM particle of side s)
 * to stoichiometry sto. */
static void set_particle(cf_plan *p, double *y, int s, int k, double sto)
{
    const cf_side *sd = &p->side[s];
    double cmax = sd->el->phase[0].c_max;
    int o = p->opt.kind == CF_MODEL_DFN ? p->off[k] + sd->ph_off[0] : sd->off_cs[0];
    for (int r = 0; r < sd->pm[0].nr; r++) y[o + r] = sto * cmax * (1.0 + 1e-3 * r);
}

static int ce_index(const cf_plan *p, int k)
{
    if (p->opt.kind != CF_MODEL_DFN) return p->off_ce + k;
    return p->off[k] + (p->dom[k] == DOM_SEP ? 0 : p->side[SIDE_OF_DOM(p->dom[k])].ncs);
}

/* At the limits: particle surfaces within the regularisation scale of empty
 * and full (and beyond full, where j0 is clamped to zero), electrolyte
 * concentrations in the linear range of j0's root, under the transport and
 * diffusion-potential floors, and (SPMe) in its run-dry range and below zero.
 * The analytic Jacobian must still match finite differences, and the
 * residual must stay finite. */
static void check_limits(cf_model_kind kind, cf_control_mode mode, double value)
{
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 5;
    opt.nr_neg = opt.nr_pos = 4;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp), *F = malloc(n * sizeof *F);
    memcpy(y, N_VGetArrayPointer(p->y), n * sizeof *y);
    srand(11);
    for (int i = 0; i < n; i++) yp[i] = 0.1 * ((double)rand() / RAND_MAX - 0.5);
    y[p->iI] = 3.0;
    if (kind == CF_MODEL_DFN) {
        set_particle(p, y, 0, 0, 1.0 - 3e-4); /* negative nearly full */
        set_particle(p, y, 0, 1, 2e-4);       /* ... and nearly empty */
        set_particle(p, y, 0, 2, 1.02);       /* beyond full: no reaction */
        set_particle(p, y, 1, p->nx - 1, 1.0 - 5e-4);
        set_particle(p, y, 1, p->nx - 2, 3e-4);
        double ce[] = {0.3, 3.0, 0.004, 700.0, 15.0, 0.05, 1200.0, 0.7, 4.0, 0.002, 900.0, 6.0, 0.4, 1000.0, 8.0};
        for (int k = 0; k < p->nx && k < 15; k++) y[ce_index(p, k)] = ce[k];
    } else {
        set_particle(p, y, 0, 0, 1.0 - 3e-4);
        set_particle(p, y, 1, 0, 4e-4);
        if (kind == CF_MODEL_SPME) {
            double ce[] = {0.3, 3.0, 1e-5, 700.0, 15.0, 0.05, 1200.0, 0.7, 4.0, -2.0, 900.0, 6.0, 0.4, 1000.0, 3e-3};
            for (int k = 0; k < p->nx && k < 15; k++) y[ce_index(p, k)] = ce[k];
        }
    }
    cf_segment_init(&p->seg, mode, value);
    double worst = cf_test_jacobian_fd(p, 10.0, y, yp, 0.37);
    assert_true(worst < 1e-4);
    int rc = kind == CF_MODEL_DFN ? cf_dfn_residual(p, 10.0, y, yp, F) : cf_spm_residual(p, 10.0, y, yp, F);
    assert_int_equal(rc, 0);
    for (int i = 0; i < n; i++) assert_true(isfinite(F[i]));
    /* SPMe: a cell whose c_e has gone below zero (as PyBaMM's does once it runs
     * dry) still gives a finite residual */
    if (kind == CF_MODEL_SPME) {
        y[ce_index(p, p->nx - 1)] = -2.0;
        assert_int_equal(cf_spm_residual(p, 10.0, y, yp, F), 0);
        for (int i = 0; i < n; i++) assert_true(isfinite(F[i]));
    }
    free(y);
    free(yp);
    free(F);
    cf_plan_free(p);
    cf_cell_free(cell);
}

static void test_limits_dfn(void **s) { (void)s; check_limits(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0); }
static void test_limits_dfn_hold(void **s) { (void)s; check_limits(CF_MODEL_DFN, CF_CONTROL_VOLTAGE, 4.2); }
static void test_limits_spm(void **s) { (void)s; check_limits(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0); }
static void test_limits_spme(void **s) { (void)s; check_limits(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0); }

/* The regularised pieces on their own: derivatives against central
 * differences across their ranges (including beyond the limits, where they
 * are constant), sqrt agreement where the regularisation is negligible. */
static void test_regularised_functions(void **s)
{
    (void)s;
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_plan *p; /* a DFN's: c_e0 and c_max scale the roots */
    assert_int_equal(cf_plan_new(cell, NULL, &p, &err), 0);
    const cf_phase *ph = &cell->neg.phase[0];
    double cmax = ph->c_max, ce0 = cell->electrolyte.c_init;
    const double stos[] = {-0.01, 1e-5, 3e-4, 1e-3, 0.02, 0.5, 0.98, 1 - 1e-3, 1 - 3e-4, 1 - 1e-6, 1.01};
    const double ces[] = {-5.0, 1e-4, 0.3, 1.0, 3.0, 100.0, 1000.0, 4000.0};
    for (size_t a = 0; a < sizeof stos / sizeof *stos; a++)
        for (size_t b = 0; b < sizeof ces / sizeof *ces; b++) {
            double cs = stos[a] * cmax, ce = ces[b], dce, dcs, d1, d2;
            double j0 = cf_j0(p, ph, 1.0, ce, cs, &dce, &dcs);
            assert_true(isfinite(j0) && isfinite(dce) && isfinite(dcs));
            assert_true(ce > 0 ? j0 >= 0 : j0 <= 0); /* odd in c_e: a drained cell gives Li+ back */
            double hs = 1e-5 * cmax * fmin(fabs(stos[a]) + 1e-6, fabs(1 - stos[a]) + 1e-6);
            double he = 1e-5 * (fabs(ce) + 1e-6);
            double fs = (cf_j0(p, ph, 1.0, ce, cs + hs, &d1, &d2) - cf_j0(p, ph, 1.0, ce, cs - hs, &d1, &d2)) / (2 * hs);
            double fe = (cf_j0(p, ph, 1.0, ce + he, cs, &d1, &d2) - cf_j0(p, ph, 1.0, ce - he, cs, &d1, &d2)) / (2 * he);
            /* relative, with a floor of round-off on j0's scale (d/dc_s is 0 at half-full) */
            assert_true(fabs(fs - dcs) <= 1e-5 * fabs(fs) + 1e-7 * fabs(j0) / cmax);
            assert_true(fabs(fe - dce) <= 1e-5 * fabs(fe) + 1e-7 * fabs(j0) / ce0);
            if (stos[a] <= 0 || stos[a] >= 1) assert_true(j0 == 0.0 && dce == 0.0 && dcs == 0.0);
            if (ce < 0 && stos[a] > 0 && stos[a] < 1) {
                double dd1, dd2, mirror = cf_j0(p, ph, 1.0, -ce, cs, &dd1, &dd2);
                assert_true(fabs(j0 + mirror) <= 1e-15 * fabs(mirror) && fabs(dce - dd1) <= 1e-12 * fabs(dd1));
            }
            /* well inside, the exact roots to within (delta/x)^2 / 4 for each factor */
            if (stos[a] >= 0.02 && stos[a] <= 0.98 && ce >= 100) {
                double exact = ph->j0_ref * sqrt(ce * cs * (cmax - cs));
                assert_true(fabs(j0 / exact - 1) < 2e-3);
            }
        }
    /* bounded slope at the limits: finite as c_s -> c_max and c_e -> 0 */
    double dce, dcs;
    cf_j0(p, ph, 1.0, 1e-12, cmax * (1 - 1e-12), &dce, &dcs);
    assert_true(isfinite(dce) && isfinite(dcs) && dce > 0 && dcs < 0);
    /* the C1 floor: exact from 2m, >= m, continuous slope at 0 and 2m */
    const double cs_[] = {-1.0, 0.0, 1e-3, 2.5, 9.999, 10.0, 10.001, 500.0};
    for (size_t i = 0; i < sizeof cs_ / sizeof *cs_; i++) {
        double d, v = cf_ce_floor(cs_[i], 5.0, &d);
        assert_true(v >= 5.0 && v >= cs_[i]);
        if (cs_[i] >= 10.0) assert_true(v == cs_[i] && d == 1.0);
        double h = 1e-6, dp, dm;
        double fd = (cf_ce_floor(cs_[i] + h, 5.0, &dp) - cf_ce_floor(cs_[i] - h, 5.0, &dm)) / (2 * h);
        assert_true(fabs(fd - d) < 1e-5);
    }
    /* inverse Butler-Volmer finite at j0 = 0, and the exact asinh elsewhere */
    double f = 38.9, dj, dj0;
    double eta0 = cf_bv_eta(f, 10.0, 0.0, &dj, &dj0);
    assert_true(isfinite(eta0) && eta0 > 1.5 && isfinite(dj) && dj0 == 0.0);
    assert_true(fabs(cf_bv_eta(f, 10.0, 2.0, &dj, &dj0) - 2.0 / f * asinh(2.5)) < 1e-15);
    cf_plan_free(p);
    cf_cell_free(cell);
}

static void check_model(cf_model_kind kind, cf_control_mode mode, double value)
{
    check_model_cell(kind, mode, value, 0);
}

static void test_blend_dfn(void **s) { (void)s; check_model_cell(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 1); }
static void test_blend_spm(void **s) { (void)s; check_model_cell(CF_MODEL_SPM, CF_CONTROL_POWER, 12.0, 1); }
static void test_blend_spme(void **s) { (void)s; check_model_cell(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1); }
static void test_expansion_dfn(void **s) { (void)s; check_model_cell(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 2); }
static void test_swelling_dfn(void **s) { (void)s; check_model_cell(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 3); }
static void test_swelling_dfn_power(void **s) { (void)s; check_model_cell(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 3); }
static void test_dsto_dfn(void **s) { (void)s; check_model_cell(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 4); }
static void test_dsto_spm(void **s) { (void)s; check_model_cell(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 4); }
static void test_dsto_spme(void **s) { (void)s; check_model_cell(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0, 4); }

static void test_dfn_current(void **s) { (void)s; check_model(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0); }
static void test_dfn_power(void **s) { (void)s; check_model(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0); }
static void test_dfn_resistance(void **s) { (void)s; check_model(CF_MODEL_DFN, CF_CONTROL_RESISTANCE, 1.0); }
static void test_spm_current(void **s) { (void)s; check_model(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0); }
static void test_spme_current(void **s) { (void)s; check_model(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0); }
static void test_spme_voltage(void **s) { (void)s; check_model(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0); }

/* The lumped thermal model: the temperature row and every T column. */
static void check_thermal(cf_model_kind kind, cf_control_mode mode, double value, int blend, cf_discretisation d)
{
    g_thermal = CF_THERMAL_LUMPED;
    g_disc = d;
    check_model_cell(kind, mode, value, blend);
    g_thermal = CF_THERMAL_ISOTHERMAL;
    g_disc = CF_DISC_FV;
}
static void test_thermal_dfn(void **s) { (void)s; check_thermal(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0, CF_DISC_FV); }
/* The through-cell model: every node's temperature row and column. */
static void check_thermal_x(cf_control_mode mode, double value, int blend, cf_discretisation d)
{
    g_thermal = CF_THERMAL_X;
    g_disc = d;
    check_model_cell(CF_MODEL_DFN, mode, value, blend);
    g_thermal = CF_THERMAL_ISOTHERMAL;
    g_disc = CF_DISC_FV;
}
static void test_thermal_x(void **s) { (void)s; check_thermal_x(CF_CONTROL_CURRENT, 5.0, 0, CF_DISC_FV); }
static void test_thermal_x_blend(void **s) { (void)s; check_thermal_x(CF_CONTROL_POWER, 12.0, 1, CF_DISC_FV); }
static void test_thermal_x_dsto(void **s) { (void)s; check_thermal_x(CF_CONTROL_VOLTAGE, 4.0, 4, CF_DISC_FV); }
static void test_thermal_x_spectral(void **s) { (void)s; check_thermal_x(CF_CONTROL_CURRENT, 5.0, 0, CF_DISC_SPECTRAL); }
static void test_thermal_dfn_blend(void **s) { (void)s; check_thermal(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 1, CF_DISC_FV); }
static void test_thermal_dfn_dsto(void **s) { (void)s; check_thermal(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 4, CF_DISC_FV); }
static void test_thermal_dfn_swelling(void **s) { (void)s; check_thermal(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 3, CF_DISC_FV); }
static void test_thermal_dfn_spectral(void **s) { (void)s; check_thermal(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0, CF_DISC_SPECTRAL); }
static void test_thermal_spm(void **s) { (void)s; check_thermal(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 0, CF_DISC_FV); }
static void test_thermal_spm_blend(void **s) { (void)s; check_thermal(CF_MODEL_SPM, CF_CONTROL_POWER, 12.0, 1, CF_DISC_FV); }
static void test_thermal_spme(void **s) { (void)s; check_thermal(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 0, CF_DISC_FV); }
static void test_thermal_spme_dsto(void **s) { (void)s; check_thermal(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0, 4, CF_DISC_FV); }
static void test_thermal_spme_spectral(void **s) { (void)s; check_thermal(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1, CF_DISC_SPECTRAL); }

/* A BPX cell whose positive OCP carries its entropic term inside the
 * expression and whose conductivity has an Arrhenius factor: the OCP's own
 * dU/dT in the kinetics and in the heat (chen2020's thermal data added). */
static void check_thermal_bpx(cf_model_kind kind)
{
    cf_cell *cell, *ref;
    cf_error err;
    char path[1024];
    snprintf(path, sizeof path, "%s/bpx/kinds.bpx.json", CF_TEST_DATA_DIR);
    assert_int_equal(cf_cell_load(path, &cell, &err), 0);
    assert_int_equal(cf_cell_builtin("chen2020", &ref, &err), 0);
    cell->thermal = ref->thermal;
    cf_cell_free(ref);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 5;
    opt.nr_neg = opt.nr_pos = 4;
    opt.thermal = CF_THERMAL_LUMPED;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    double *y, *yp;
    perturbed_state(p, 5, &y, &yp);
    y[p->iT] = 289.0;
    cf_segment_init(&p->seg, CF_CONTROL_CURRENT, 5.0);
    assert_true(cf_test_jacobian_fd(p, 10.0, y, yp, 0.37) < 1e-4);
    free(y);
    free(yp);
    cf_plan_free(p);
    cf_cell_free(cell);
}
static void test_thermal_bpx_dfn(void **s) { (void)s; check_thermal_bpx(CF_MODEL_DFN); }
static void test_thermal_bpx_spme(void **s) { (void)s; check_thermal_bpx(CF_MODEL_SPME); }

/* Spectral particles: dense blocks, constant D and D(sto), in every model. */
static void check_spectral(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    g_disc = CF_DISC_SPECTRAL;
    check_model_cell(kind, mode, value, blend);
    g_disc = CF_DISC_FV;
}
static void test_spectral_dfn(void **s) { (void)s; check_spectral(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_spectral_spm(void **s) { (void)s; check_spectral(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_spectral_spme(void **s) { (void)s; check_spectral(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0, 0); }
static void test_spectral_blend_dfn(void **s) { (void)s; check_spectral(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 1); }
static void test_spectral_swelling_dfn(void **s) { (void)s; check_spectral(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 3); }
static void test_spectral_dsto_dfn(void **s) { (void)s; check_spectral(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 4); }
static void test_spectral_dsto_spm(void **s) { (void)s; check_spectral(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 4); }
static void test_spectral_blend_spm(void **s) { (void)s; check_spectral(CF_MODEL_SPM, CF_CONTROL_POWER, 12.0, 1); }
static void test_spectral_blend_spme(void **s) { (void)s; check_spectral(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1); }
static void test_spectral_dsto_spme(void **s) { (void)s; check_spectral(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 4); }

/* SEI growth (every law, with its film resistance) in every model, alone
 * and in a blend, and with plating beside it in the DFN. */
static void check_sei(cf_model_kind kind, cf_control_mode mode, double value, int blend, cf_sei_model m)
{
    g_sei = m;
    check_model_cell(kind, mode, value, blend);
    g_sei = CF_SEI_NONE;
}
static void check_sei_all(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    for (int m = CF_SEI_REACTION_LIMITED; m <= CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED; m++)
        check_sei(kind, mode, value, blend, (cf_sei_model)m);
}
static void test_sei_dfn(void **s) { (void)s; check_sei_all(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_sei_dfn_charge(void **s) { (void)s; check_sei_all(CF_MODEL_DFN, CF_CONTROL_CURRENT, -5.0, 0); }
static void test_sei_spm(void **s) { (void)s; check_sei_all(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_sei_spme(void **s) { (void)s; check_sei_all(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0, 0); }
static void test_sei_blend_dfn(void **s) { (void)s; check_sei_all(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 1); }
static void test_sei_blend_spm(void **s) { (void)s; check_sei_all(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 1); }
static void test_sei_blend_spme(void **s) { (void)s; check_sei_all(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1); }
/* A thick film (0.67 um at 2e6 Ohm m: 1.3 Ohm m2), where the film's drop
 * dominates the kinetics: the film-limited current and its derivatives. */
static void test_sei_thick_film(void **s)
{
    (void)s;
    g_thick = 1;
    check_sei(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 1, CF_SEI_REACTION_LIMITED);
    check_sei(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 1, CF_SEI_REACTION_LIMITED);
    g_thick = 0;
}

static void test_sei_spectral_dfn(void **s)
{
    (void)s;
    g_disc = CF_DISC_SPECTRAL;
    check_sei(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 4, CF_SEI_REACTION_LIMITED);
    g_disc = CF_DISC_FV;
}

/* O'Kane plating (each model), alone and with reaction-limited SEI and its film. */
static void check_plating_all(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    for (int m = CF_PLATING_REVERSIBLE; m <= CF_PLATING_PARTIALLY_REVERSIBLE; m++) {
        g_plating = (cf_plating_model)m;
        check_model_cell(kind, mode, value, blend);
        check_sei(kind, mode, value, blend, CF_SEI_REACTION_LIMITED);
        g_plating = CF_PLATING_NONE;
    }
}
static void check_lam(cf_model_kind kind, cf_control_mode mode, double value, int blend, int coupled)
{
    g_lam = coupled ? 2 : 1;
    if (coupled) {
        g_sei = CF_SEI_REACTION_LIMITED;
        g_plating = CF_PLATING_PARTIALLY_REVERSIBLE;
    }
    check_model_cell(kind, mode, value, blend);
    g_lam = 0;
    g_sei = CF_SEI_NONE;
    g_plating = CF_PLATING_NONE;
}
/* Volume-driven loss on an alloy negative, alone and with SEI, plating and reaction-driven loss. */
static void check_lam_volume(cf_model_kind kind, cf_control_mode mode, double value, int blend, int coupled)
{
    g_lam = 3;
    if (coupled) {
        g_sei = CF_SEI_REACTION_LIMITED;
        g_plating = CF_PLATING_PARTIALLY_REVERSIBLE;
    }
    check_model_cell(kind, mode, value, blend);
    g_lam = 0;
    g_sei = CF_SEI_NONE;
    g_plating = CF_PLATING_NONE;
}
static void test_lam_volume_dfn(void **s) { (void)s; check_lam_volume(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0, 0); }
static void test_lam_volume_spm(void **s) { (void)s; check_lam_volume(CF_MODEL_SPM, CF_CONTROL_CURRENT, -5.0, 0, 0); }
static void test_lam_volume_spme(void **s) { (void)s; check_lam_volume(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0, 0, 0); }
static void test_lam_volume_blend(void **s)
{
    (void)s;
    check_lam_volume(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 1, 0);
    check_lam_volume(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1, 0);
}
static void test_lam_volume_coupled(void **s)
{
    (void)s;
    check_lam_volume(CF_MODEL_DFN, CF_CONTROL_CURRENT, -5.0, 0, 1);
    check_lam_volume(CF_MODEL_SPM, CF_CONTROL_CURRENT, -5.0, 0, 1);
    check_lam_volume(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.1, 1, 1);
}
static void test_lam_dfn(void **s) { (void)s; check_lam(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0, 0); }
static void test_lam_spm(void **s) { (void)s; check_lam(CF_MODEL_SPM, CF_CONTROL_CURRENT, -5.0, 0, 0); }
static void test_lam_spme(void **s) { (void)s; check_lam(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0, 0, 0); }
static void test_lam_blend_dfn(void **s) { (void)s; check_lam(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 1, 0); }
static void test_lam_blend_spme(void **s) { (void)s; check_lam(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1, 0); }
static void test_lam_coupled_dfn(void **s) { (void)s; check_lam(CF_MODEL_DFN, CF_CONTROL_CURRENT, -5.0, 0, 1); }
static void test_lam_coupled_spm(void **s) { (void)s; check_lam(CF_MODEL_SPM, CF_CONTROL_CURRENT, -5.0, 0, 1); }
static void test_lam_coupled_spme(void **s) { (void)s; check_lam(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.1, 0, 1); }
static void test_lam_coupled_blend_dfn(void **s) { (void)s; check_lam(CF_MODEL_DFN, CF_CONTROL_POWER, -12.0, 1, 1); }
static void test_lam_coupled_blend_spm(void **s) { (void)s; check_lam(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 1, 1); }

/* Particle cracking on both electrodes, alone, with SEI on the negative's
 * cracks (the reaction-limited law sees the intercalation current and its
 * film; the solvent-diffusion law only its thickness), and with everything
 * else on beside it. */
static void check_crack(cf_model_kind kind, cf_control_mode mode, double value)
{
    g_crack = 1;
    check_model_cell(kind, mode, value, 0);
    check_sei(kind, mode, value, 0, CF_SEI_REACTION_LIMITED);
    check_sei(kind, mode, value, 0, CF_SEI_SOLVENT_DIFFUSION_LIMITED);
    check_lam(kind, mode, value, 0, 1);
    g_crack = 0;
}
static void test_crack_dfn(void **s) { (void)s; check_crack(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0); }
static void test_crack_dfn_charge(void **s) { (void)s; check_crack(CF_MODEL_DFN, CF_CONTROL_CURRENT, -5.0); }
static void test_crack_spm(void **s) { (void)s; check_crack(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0); }
static void test_crack_spme(void **s) { (void)s; check_crack(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0); }

static void test_plating_dfn(void **s) { (void)s; check_plating_all(CF_MODEL_DFN, CF_CONTROL_CURRENT, -5.0, 0); }
static void test_plating_spm(void **s) { (void)s; check_plating_all(CF_MODEL_SPM, CF_CONTROL_CURRENT, -5.0, 0); }
static void test_plating_spme(void **s) { (void)s; check_plating_all(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.1, 0); }
static void test_plating_blend_dfn(void **s) { (void)s; check_plating_all(CF_MODEL_DFN, CF_CONTROL_POWER, -12.0, 1); }
static void test_plating_blend_spme(void **s) { (void)s; check_plating_all(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1); }

/* Ageing at the lumped temperature: every SEI law, and partially reversible
 * plating beside reaction-limited SEI, with their Arrhenius and F/RT columns. */
static void check_thermal_ageing(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    g_thermal = CF_THERMAL_LUMPED;
    check_sei_all(kind, mode, value, blend);
    g_plating = CF_PLATING_PARTIALLY_REVERSIBLE;
    check_model_cell(kind, mode, -value, blend);
    check_sei(kind, mode, -value, blend, CF_SEI_REACTION_LIMITED);
    g_plating = CF_PLATING_NONE;
    g_thermal = CF_THERMAL_ISOTHERMAL;
}
/* Loss of active material at the lumped temperature: the heat sources on the
 * surface a_i f, the mechanical rates' Arrhenius columns (stress-driven on
 * both electrodes, volume-driven on an alloy negative), coupled with SEI and
 * plating. */
static void check_thermal_lam(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    g_thermal = CF_THERMAL_LUMPED;
    check_lam(kind, mode, value, blend, 0);
    check_lam(kind, mode, -value, blend, 1);
    check_lam_volume(kind, mode, value, blend, 0);
    check_lam_volume(kind, mode, -value, blend, 1);
    g_thermal = CF_THERMAL_ISOTHERMAL;
}
static void test_thermal_lam_dfn(void **s) { (void)s; check_thermal_lam(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_thermal_lam_dfn_blend(void **s) { (void)s; check_thermal_lam(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0, 1); }
static void test_thermal_lam_spm(void **s) { (void)s; check_thermal_lam(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_thermal_lam_spme(void **s) { (void)s; check_thermal_lam(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_thermal_lam_spme_blend(void **s) { (void)s; check_thermal_lam(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1); }
static void test_thermal_ageing_dfn(void **s) { (void)s; check_thermal_ageing(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_thermal_ageing_dfn_blend(void **s) { (void)s; check_thermal_ageing(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0, 1); }
static void test_thermal_ageing_spm(void **s) { (void)s; check_thermal_ageing(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_thermal_ageing_spme(void **s) { (void)s; check_thermal_ageing(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 0); }
static void test_thermal_ageing_spme_blend(void **s) { (void)s; check_thermal_ageing(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0, 1); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lam_dfn), cmocka_unit_test(test_lam_spm), cmocka_unit_test(test_lam_spme),
        cmocka_unit_test(test_lam_blend_dfn), cmocka_unit_test(test_lam_blend_spme),
        cmocka_unit_test(test_lam_coupled_dfn), cmocka_unit_test(test_lam_coupled_spm),
        cmocka_unit_test(test_lam_coupled_spme), cmocka_unit_test(test_lam_coupled_blend_dfn),
        cmocka_unit_test(test_lam_coupled_blend_spm), cmocka_unit_test(test_lam_volume_dfn),
        cmocka_unit_test(test_lam_volume_spm), cmocka_unit_test(test_lam_volume_spme),
        cmocka_unit_test(test_lam_volume_blend), cmocka_unit_test(test_lam_volume_coupled),
        cmocka_unit_test(test_thermal_lam_dfn), cmocka_unit_test(test_thermal_lam_dfn_blend),
        cmocka_unit_test(test_thermal_lam_spm), cmocka_unit_test(test_thermal_lam_spme),
        cmocka_unit_test(test_thermal_lam_spme_blend),
        cmocka_unit_test(test_crack_dfn), cmocka_unit_test(test_crack_dfn_charge), cmocka_unit_test(test_crack_spm),
        cmocka_unit_test(test_crack_spme),
        cmocka_unit_test(test_plating_dfn), cmocka_unit_test(test_plating_spm), cmocka_unit_test(test_plating_spme),
        cmocka_unit_test(test_plating_blend_dfn), cmocka_unit_test(test_plating_blend_spme),
        cmocka_unit_test(test_sei_dfn), cmocka_unit_test(test_sei_dfn_charge), cmocka_unit_test(test_sei_spm),
        cmocka_unit_test(test_sei_spme), cmocka_unit_test(test_sei_blend_dfn), cmocka_unit_test(test_sei_blend_spm),
        cmocka_unit_test(test_sei_blend_spme), cmocka_unit_test(test_sei_spectral_dfn),
        cmocka_unit_test(test_sei_thick_film),
        cmocka_unit_test(test_dfn_current), cmocka_unit_test(test_dfn_power),
        cmocka_unit_test(test_dfn_resistance), cmocka_unit_test(test_spm_current),
        cmocka_unit_test(test_spme_current), cmocka_unit_test(test_spme_voltage),
        cmocka_unit_test(test_blend_dfn), cmocka_unit_test(test_blend_spm), cmocka_unit_test(test_blend_spme),
        cmocka_unit_test(test_expansion_dfn), cmocka_unit_test(test_swelling_dfn),
        cmocka_unit_test(test_swelling_dfn_power), cmocka_unit_test(test_dsto_dfn),
        cmocka_unit_test(test_dsto_spm), cmocka_unit_test(test_dsto_spme),
        cmocka_unit_test(test_spectral_dfn), cmocka_unit_test(test_spectral_spm),
        cmocka_unit_test(test_spectral_spme), cmocka_unit_test(test_spectral_blend_dfn),
        cmocka_unit_test(test_spectral_swelling_dfn), cmocka_unit_test(test_spectral_dsto_dfn),
        cmocka_unit_test(test_spectral_dsto_spm), cmocka_unit_test(test_spectral_blend_spm),
        cmocka_unit_test(test_spectral_blend_spme), cmocka_unit_test(test_spectral_dsto_spme),
        cmocka_unit_test(test_thermal_dfn), cmocka_unit_test(test_thermal_dfn_blend),
        cmocka_unit_test(test_thermal_x), cmocka_unit_test(test_thermal_x_blend),
        cmocka_unit_test(test_thermal_x_dsto), cmocka_unit_test(test_thermal_x_spectral),
        cmocka_unit_test(test_thermal_dfn_dsto), cmocka_unit_test(test_thermal_dfn_swelling),
        cmocka_unit_test(test_thermal_dfn_spectral), cmocka_unit_test(test_thermal_spm),
        cmocka_unit_test(test_thermal_spm_blend), cmocka_unit_test(test_thermal_spme),
        cmocka_unit_test(test_thermal_spme_dsto), cmocka_unit_test(test_thermal_spme_spectral),
        cmocka_unit_test(test_thermal_bpx_dfn), cmocka_unit_test(test_thermal_bpx_spme),
        cmocka_unit_test(test_thermal_ageing_dfn), cmocka_unit_test(test_thermal_ageing_dfn_blend),
        cmocka_unit_test(test_thermal_ageing_spm), cmocka_unit_test(test_thermal_ageing_spme),
        cmocka_unit_test(test_thermal_ageing_spme_blend),
        cmocka_unit_test(test_limits_dfn), cmocka_unit_test(test_limits_dfn_hold), cmocka_unit_test(test_limits_spm),
        cmocka_unit_test(test_limits_spme), cmocka_unit_test(test_regularised_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
