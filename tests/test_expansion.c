/* test_expansion.c — particles that swell with lithiation (Sn: +258 % from
 * Sn to Li22Sn5) fill the electrode's pores:
 *  - solid plus pore volume is conserved (porosity + solid fractions + inert = 1);
 *  - an all-Sn layer at 30 % initial porosity closes its pores before full
 *    lithiation (the simulation stops with CF_ELIMIT and says so), at 75 % it
 *    does not (the charge ends with the tin full), and its lowest porosity is
 *    the geometric value;
 *  - lithium is conserved to 1e-9 while the pores shrink (DFN, where the
 *    electrolyte sees the current porosity);
 *  - with the layer's thickness free to follow (thickness_swelling 1) the
 *    same 30 % layer charges the tin full at its initial porosity, and the
 *    thickness grows by the geometric (S - S0)/S0; half constrained (0.5) its
 *    pores close later, where 1 - S/lambda = 0 (SPM and DFN; lithium and the
 *    DFN's electrolyte salt conserved to 1e-9). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"

#define BETA_SN 2.58
static const double STO[] = {0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
static const double OCP[] = {1.0, 0.66, 0.55, 0.45, 0.40, 0.30, 0.05};

/* A thin all-tin negative against a thick, fully lithiated NMC positive, so the
 * positive can fill the tin completely. */
static cf_cell *tin_cell(double porosity)
{
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), 0);
    cf_phase *sn = &c->neg.phase[0];
    strcpy(sn->name, "tin");
    sn->active_fraction = 1.0 - porosity;
    c->neg.porosity = porosity;
    c->neg.thickness_m = 10e-6;
    sn->c_max = 4.4 * 7285.0 / 0.11871; /* Li per Sn x Sn atoms per m3 */
    sn->c_init = 0.01 * sn->c_max;
    sn->particle_radius_m = 2e-6;
    sn->diffusivity_m2_s = 1e-14;
    sn->volume_expansion = BETA_SN;
    sn->ocp.kind = CF_FN_TABLE;
    sn->ocp.n = 7;
    sn->ocp.x = malloc(sizeof STO);
    sn->ocp.y = malloc(sizeof OCP);
    memcpy(sn->ocp.x, STO, sizeof STO);
    memcpy(sn->ocp.y, OCP, sizeof OCP);
    strcpy(sn->ocp.name, "table");
    c->pos.thickness_m = 200e-6;
    c->pos.phase[0].c_init = 0.95 * c->pos.phase[0].c_max;
    c->v_max = 4.6;
    c->v_min = 2.0;
    return c;
}

static double thickness_pct, final_porosity, salt_drift; /* of the last charge_tin, negative */
static cf_stop_reason last_why;

static int charge_tin(cf_cell *c, cf_model_kind kind, double *min_eps, double *sbar, cf_error *err, double *li_drift)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 8;
    opt.rtol = opt.atol = 1e-9;
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &opt, &p, err), 0);
    assert_int_equal(cf_sim_reset(p, err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(p, &s0);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, -0.5); /* charge: lithium into the tin */
    cf_stop_reason why;
    cf_error_clear(err);
    int rc = cf_sim_run_segment(p, &seg, 0, 0, NULL, &why, err);
    last_why = why;
    cf_sim_state(p, &s1);
    cf_phase_state ps;
    cf_sim_phase_state(p, 0, 0, &ps);
    *sbar = ps.sto_avg;
    *min_eps = cf_sim_min_porosity(p);
    *li_drift = fabs((s1.li_solid_neg_mol + s1.li_solid_pos_mol + s1.li_electrolyte_mol) /
                         (s0.li_solid_neg_mol + s0.li_solid_pos_mol + s0.li_electrolyte_mol) -
                     1);
    salt_drift = fabs(s1.li_electrolyte_mol / s0.li_electrolyte_mol - 1);
    cf_sim_swelling(p, 0, &thickness_pct, &final_porosity);
    cf_plan_free(p);
    return rc;
}

/* The charge ended because the pores closed.  The SPM stops on the closure
 * itself; the DFN's electrolyte chokes as its pores close, so it may instead
 * reach the voltage cut-off with them all but closed: a converged mesh does
 * (FV with 30 per domain and particle, and the spectral default: min
 * porosity 1e-4 to 2e-3), FV with 8 volumes stopped on the closure. */
static void pores_closed(int dfn, int rc, const cf_error *err, double min_eps)
{
    if (!dfn || rc != CF_OK) {
        assert_int_equal(rc, CF_ELIMIT);
        assert_non_null(strstr(err->message, "pores"));
    } else {
        assert_int_equal(last_why, CF_STOP_VMAX_LIMIT);
        assert_true(min_eps < 0.005);
    }
}

static void test_pores_close_at_30_percent(void **state)
{
    (void)state;
    for (int m = 0; m < 2; m++) {
        cf_cell *c = tin_cell(0.30);
        cf_error err;
        double min_eps, sbar, drift;
        int rc = charge_tin(c, m == 0 ? CF_MODEL_SPM : CF_MODEL_DFN, &min_eps, &sbar, &err, &drift);
        print_message("30 %% porosity (%s): rc %d, min porosity %.4f at mean sto %.3f: %s\n", m ? "dfn" : "spm", rc,
                      min_eps, sbar, err.message);
        pores_closed(m, rc, &err, min_eps);
        /* closure where 0.7 (1 + beta s) / (1 + 0.01 beta) = 1: s = 0.18, long before full */
        assert_true(sbar < 0.25 && sbar > 0.12);
        cf_cell_free(c);
    }
}

static void test_pores_stay_open_at_75_percent(void **state)
{
    (void)state;
    for (int m = 0; m < 2; m++) {
        cf_cell *c = tin_cell(0.75);
        cf_error err;
        double min_eps, sbar, drift;
        int rc = charge_tin(c, m == 0 ? CF_MODEL_SPM : CF_MODEL_DFN, &min_eps, &sbar, &err, &drift);
        double expect = 1.0 - 0.25 * (1 + BETA_SN * sbar) / (1 + 0.01 * BETA_SN);
        print_message("75 %% porosity (%s): rc %d, min porosity %.4f (geometry %.4f) at mean sto %.3f, Li drift %.1e: %s\n",
                      m ? "dfn" : "spm", rc, min_eps, expect, sbar, drift, err.message);
        /* the charge ends when the tin is full, not because the pores closed:
         * its OCP's barrier at full lithiation takes the voltage to the cut-off */
        assert_int_equal(rc, CF_OK);
        assert_int_equal(last_why, CF_STOP_VMAX_LIMIT);
        assert_true(sbar > 0.9);                 /* charged close to full lithiation */
        assert_true(min_eps > 0.1);              /* pores still open */
        assert_true(fabs(min_eps - expect) < 0.02); /* uniform in the SPM; nearly so in a thin DFN layer */
        assert_true(drift < 1e-9);
        cf_cell_free(c);
    }
}

/* Solid volume per as-built volume of the tin layer at mean stoichiometry s. */
static double tin_solid(double porosity, double s)
{
    return (1.0 - porosity) * (1 + BETA_SN * s) / (1 + 0.01 * BETA_SN);
}

static void test_free_swelling_keeps_porosity(void **state)
{
    (void)state;
    for (int m = 0; m < 2; m++) {
        cf_cell *c = tin_cell(0.30);
        c->neg.thickness_swelling = 1.0;
        cf_error err;
        double min_eps, sbar, drift;
        int rc = charge_tin(c, m == 0 ? CF_MODEL_SPM : CF_MODEL_DFN, &min_eps, &sbar, &err, &drift);
        double expect = 100.0 * (tin_solid(0.30, sbar) / 0.70 - 1.0);
        print_message("30 %% porosity, free (%s): rc %d, porosity %.4f (min %.4f), thickness %+.1f %% (geometry "
                      "%+.1f %%) at mean sto %.3f, Li drift %.1e, salt drift %.1e: %s\n",
                      m ? "dfn" : "spm", rc, final_porosity, min_eps, thickness_pct, expect, sbar, drift, salt_drift,
                      err.message);
        /* the tin fills: its OCP's barrier takes the voltage to the cut-off */
        assert_int_equal(rc, CF_OK);
        assert_int_equal(last_why, CF_STOP_VMAX_LIMIT);
        assert_true(sbar > 0.9);
        assert_true(fabs(min_eps - 0.30) < 1e-6);   /* the porosity is kept */
        assert_true(fabs(final_porosity - 0.30) < 1e-6);
        assert_true(fabs(thickness_pct - expect) < 0.02 * expect); /* +230 %: uniform in the SPM, nearly in the DFN */
        assert_true(drift < 1e-9);
        if (m == 1) assert_true(salt_drift < 1e-9); /* the electrolyte's salt: no reaction net of transport */
        cf_cell_free(c);
    }
}

static void test_half_constrained_pores_close_later(void **state)
{
    (void)state;
    for (int m = 0; m < 2; m++) {
        cf_cell *c = tin_cell(0.30);
        c->neg.thickness_swelling = 0.5;
        cf_error err;
        double min_eps, sbar, drift;
        int rc = charge_tin(c, m == 0 ? CF_MODEL_SPM : CF_MODEL_DFN, &min_eps, &sbar, &err, &drift);
        /* closure where S = lambda = 1 + 0.5 (S - 0.7)/0.7, S = 1.75: 0.7 (1 + beta s) = 1.75 (1 + 0.01 beta) */
        double s_close = (1.75 / 0.7 * (1 + 0.01 * BETA_SN) - 1) / BETA_SN;
        print_message("30 %% porosity, half constrained (%s): rc %d, min porosity %.4f at mean sto %.3f (closure at "
                      "%.3f), thickness %+.1f %%, Li drift %.1e: %s\n",
                      m ? "dfn" : "spm", rc, min_eps, sbar, s_close, thickness_pct, drift, err.message);
        pores_closed(m, rc, &err, min_eps);
        assert_true(sbar > s_close - 0.08 && sbar < s_close + 0.02);
        assert_true(drift < 1e-9);
        cf_cell_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_pores_close_at_30_percent),
                                       cmocka_unit_test(test_pores_stay_open_at_75_percent),
                                       cmocka_unit_test(test_free_swelling_keeps_porosity),
                                       cmocka_unit_test(test_half_constrained_pores_close_later)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
