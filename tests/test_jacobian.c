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
#include "model/plan_internal.h"

static int residual(cf_plan *p, const double *y, const double *yp, double *F)
{
    return p->opt.kind == CF_MODEL_DFN ? cf_dfn_residual(p, 10.0, y, yp, F) : cf_spm_residual(p, 10.0, y, yp, F);
}

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
 * particles (porosity follows lithiation in the DFN). */
static void check_model_cell(cf_model_kind kind, cf_control_mode mode, double value, int blend)
{
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    if (blend) make_blend(cell);
    if (blend == 2) {
        cell->neg.phase[0].volume_expansion = 0.1;
        cell->neg.phase[1].volume_expansion = 0.3;
        cell->pos.phase[1].volume_expansion = -0.05;
    }
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 5;
    opt.nr_neg = opt.nr_pos = 4;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp), *F0 = malloc(n * sizeof *F0),
           *F1 = malloc(n * sizeof *F1), *F2 = malloc(n * sizeof *F2), *Jd = malloc(p->jac.nnz * sizeof *Jd);
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
    const double cj = 0.37;
    cf_asm_begin_fill(&p->jac, Jd);
    if (kind == CF_MODEL_DFN) cf_dfn_jacobian(p, 10.0, y, yp, cj, &p->jac);
    else cf_spm_jacobian(p, 10.0, y, yp, cj, &p->jac);
    assert_int_equal(p->jac.pos, p->jac.calls);
    assert_int_equal(residual(p, y, yp, F0), 0);
    double worst = 0.0;
    for (int j = 0; j < n; j++) {
        double h = 1e-6 * fmax(fabs(y[j]), 1e-2);
        double save = y[j], savep = yp[j];
        y[j] = save + h; residual(p, y, yp, F1);
        y[j] = save - h; residual(p, y, yp, F2);
        y[j] = save;
        /* dF/dy' enters as cj times the y' derivative */
        double hp = 1e-3;
        double *F3 = malloc(n * sizeof *F3);
        yp[j] = savep + hp; residual(p, y, yp, F3);
        yp[j] = savep;
        for (int i = 0; i < n; i++) {
            double fd = (F1[i] - F2[i]) / (2 * h) + cj * (F3[i] - F0[i]) / hp;
            double an = 0.0;
            for (long long k = p->jac.row_ptr[i]; k < p->jac.row_ptr[i + 1]; k++)
                if (p->jac.col_idx[k] == j) an = Jd[k];
            double scale = fmax(fabs(fd), fabs(an));
            double rel = fabs(fd - an) / fmax(scale, 1e-6);
            if (scale > 1e-8 && rel > worst) worst = rel;
            if (scale > 1e-8 && rel > 1e-4)
                print_error("model %d row %d col %d: analytic %.10g vs FD %.10g\n", kind, i, j, an, fd);
        }
        free(F3);
    }
    assert_true(worst < 1e-4);
    free(y); free(yp); free(F0); free(F1); free(F2); free(Jd);
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

static void test_dfn_current(void **s) { (void)s; check_model(CF_MODEL_DFN, CF_CONTROL_CURRENT, 5.0); }
static void test_dfn_power(void **s) { (void)s; check_model(CF_MODEL_DFN, CF_CONTROL_POWER, 12.0); }
static void test_dfn_resistance(void **s) { (void)s; check_model(CF_MODEL_DFN, CF_CONTROL_RESISTANCE, 1.0); }
static void test_spm_current(void **s) { (void)s; check_model(CF_MODEL_SPM, CF_CONTROL_CURRENT, 5.0); }
static void test_spme_current(void **s) { (void)s; check_model(CF_MODEL_SPME, CF_CONTROL_CURRENT, 5.0); }
static void test_spme_voltage(void **s) { (void)s; check_model(CF_MODEL_SPME, CF_CONTROL_VOLTAGE, 4.0); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfn_current), cmocka_unit_test(test_dfn_power),
        cmocka_unit_test(test_dfn_resistance), cmocka_unit_test(test_spm_current),
        cmocka_unit_test(test_spme_current), cmocka_unit_test(test_spme_voltage),
        cmocka_unit_test(test_blend_dfn), cmocka_unit_test(test_blend_spm), cmocka_unit_test(test_blend_spme),
        cmocka_unit_test(test_expansion_dfn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
