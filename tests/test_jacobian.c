/* test_jacobian.c — the analytic Jacobians of SPM, SPMe and DFN agree with
 * central finite differences of the residual, at a perturbed, non-equilibrium
 * state (so every term, including the electrolyte gradients, is exercised). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

static void check_model_cell(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    if (blend) make_blend(cell);
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
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 5;
    opt.nr_neg = opt.nr_pos = g_disc == CF_DISC_SPECTRAL ? 5 : 4;
    opt.discretisation = g_disc;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp);
    memcpy(y, N_VGetArrayPointer(p->y), n * sizeof *y);
    /* A state away from equilibrium: smooth perturbations of every unknown. */
    srand(7);
    for (int i = 0; i < n; i++) {
        double r = (double)rand() / RAND_MAX - 0.5;
        if (N_VGetArrayPointer(p->id)[i] == 1.0 && i != p->iQ && i != p->iE) y[i] *= 1.0 + 0.02 * r;
        else y[i] += 0.01 * r;
        yp[i] = 0.1 * r;
    }
    y[p->iI] = 3.0;
    cf_segment_init(&p->seg, mode, value);
    assert_true(cf_test_jacobian_fd(p, 10.0, y, yp, 0.37) < 1e-4);
    free(y);
    free(yp);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
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
        cmocka_unit_test(test_spectral_dsto_spm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
