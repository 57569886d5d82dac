/* hppc.c — hybrid pulse power characterisation (FreedomCAR Battery Test
 * Manual for Power-Assist HEVs, DOE/ID-11069, INEEL, October 2003).
 *
 * From the starting state the cell is discharged to each SOC level by charge
 * count (a constant current for step x nominal capacity / current), rested,
 * then given a discharge pulse, a rest, a charge ("regen") pulse at
 * charge_ratio x the discharge current and a rest.  Per level:
 *   R_dis = (OCV - V_dis(t)) / I_dis,       R_chg = (V_chg(t) - OCV_chg) / I_chg
 * at t = 1 s ("instantaneous") and at the pulse end, and the manual's pulse
 * power capabilities from the end-of-pulse resistances:
 *   P_dis = V_min (OCV - V_min) / R_dis,    P_chg = V_max (V_max - OCV_chg) / R_chg
 * OCV_chg is the voltage just before the charge pulse, as the manual takes
 * the regen resistance and power from the voltage before that pulse. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celltest/celltest_internal.h"

#define STEPS_PER_LEVEL 6
#define T_INSTANT_S 1.0

void cf_test_hppc_options_default(cf_hppc_options *o)
{
    memset(o, 0, sizeof *o);
    o->soc_step = 0.1;
    o->rest_s = 3600.0;
    o->pulse_crate = 1.0;
    o->pulse_s = 10.0;
    o->pulse_rest_s = 40.0;
    o->charge_ratio = 0.75;
    o->move_crate = 1.0;
    o->initial_soc = 1.0;
}

void cf_test_hppc_result_free(cf_hppc_result *r)
{
    if (!r) return;
    free(r->points);
    cf_solution_free(r->series);
    free(r);
}

static int check_options(const cf_hppc_options *o, cf_error *err)
{
    int rc = ct_check("hppc", "soc_step", o->soc_step, 0.0, 0.5, 1, err);
    if (!rc) rc = ct_check("hppc", "rest_s", o->rest_s, 0.0, 1e6, 1, err);
    if (!rc) rc = ct_check("hppc", "pulse_crate", o->pulse_crate, 0.0, 100.0, 1, err);
    if (!rc) rc = ct_check("hppc", "pulse_s", o->pulse_s, T_INSTANT_S, 3600.0, 1, err);
    if (!rc) rc = ct_check("hppc", "pulse_rest_s", o->pulse_rest_s, 0.0, 1e6, 1, err);
    if (!rc) rc = ct_check("hppc", "charge_ratio", o->charge_ratio, 0.0, 10.0, 1, err);
    if (!rc) rc = ct_check("hppc", "move_crate", o->move_crate, 0.0, 100.0, 1, err);
    if (!rc && !isnan(o->initial_soc)) rc = ct_check("hppc", "initial_soc", o->initial_soc, 0.0, 1.0, 0, err);
    return rc;
}

/* The test's running state. */
typedef struct {
    cf_plan *plan;
    cf_solution *sol;
    int level;
    int stopped;           /* the model refused a state: end the test */
    cf_error limit;        /* why */
} hppc_run;

/* One pulse of current I (signed) split at 1 s so that V(1 s) is a solver
 * output, not an interpolation.  Returns the voltages after 1 s and at the
 * end, or *cut = 1 when a cut-off (or the model) ended the pulse early. */

static int pulse(hppc_run *h, double I, double length_s, int step, double *v1, double *vend, int *cut, cf_error *err)
{
    *cut = 0;
    double part[2] = {T_INSTANT_S, length_s - T_INSTANT_S}, *v[2] = {v1, vend};
    for (int i = 0; i < 2; i++) {
        cf_segment seg;
        ct_current_segment(&seg, I, part[i]);
        cf_stop_reason why;
        int lim;
        int rc = ct_run(h->plan, &seg, step, h->level, h->sol, &why, &lim, &h->limit, err);
        if (rc) return rc;
        if (lim) { h->stopped = 1; *cut = 1; return CF_OK; }
        if (why != CF_STOP_DURATION) { *cut = 1; return CF_OK; }
        *v[i] = ct_voltage(h->plan);
    }
    return CF_OK;
}

/* A rest or constant-current move; 1 when it ran its full duration. */
static int hold(hppc_run *h, double I, double duration_s, int step, int *full, cf_error *err)
{
    cf_segment seg;
    ct_current_segment(&seg, I, duration_s);
    cf_stop_reason why;
    int lim;
    int rc = ct_run(h->plan, &seg, step, h->level, h->sol, &why, &lim, &h->limit, err);
    if (lim) h->stopped = 1;
    *full = !rc && !lim && why == CF_STOP_DURATION;
    return rc;
}

static int push(cf_hppc_result *r, size_t *cap, const cf_hppc_point *p)
{
    if (r->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        cf_hppc_point *np = realloc(r->points, nc * sizeof *np);
        if (!np) return CF_ENOMEM;
        r->points = np;
        *cap = nc;
    }
    r->points[r->n++] = *p;
    return CF_OK;
}

/* The pulse pair at one level, from the rested state.  Returns 0 and leaves
 * the plan after the last rest, or stops the test through h->stopped. */
static int level_pulses(hppc_run *h, const cf_hppc_options *o, const cf_cell *c, double I, cf_hppc_point *pt,
                        cf_error *err)
{
    int base = STEPS_PER_LEVEL * h->level, cut, full, rc;
    cf_state_summary s;
    cf_sim_state(h->plan, &s);
    pt->ocv_V = s.voltage_V;
    pt->sto_neg = s.sto_surf_neg_avg;
    pt->sto_pos = s.sto_surf_pos_avg;
    pt->discharged_Ah = ct_last_Ah(h->sol);
    if ((rc = pulse(h, I, o->pulse_s, base + 2, &pt->v_dis_1s_V, &pt->v_dis_end_V, &cut, err))) return rc;
    pt->dis_limited = cut;
    if (h->stopped) return CF_OK;
    if (!cut) {
        pt->r_dis_1s_ohm = (pt->ocv_V - pt->v_dis_1s_V) / I;
        pt->r_dis_ohm = (pt->ocv_V - pt->v_dis_end_V) / I;
        pt->p_dis_W = c->v_min * (pt->ocv_V - c->v_min) / pt->r_dis_ohm;
    }
    if ((rc = hold(h, 0.0, o->pulse_rest_s, base + 3, &full, err)) || h->stopped) return rc;
    double Ic = o->charge_ratio * I;
    pt->ocv_chg_V = ct_voltage(h->plan);
    if ((rc = pulse(h, -Ic, o->pulse_s, base + 4, &pt->v_chg_1s_V, &pt->v_chg_end_V, &cut, err))) return rc;
    pt->chg_limited = cut;
    if (h->stopped) return CF_OK;
    if (!cut) {
        pt->r_chg_1s_ohm = (pt->v_chg_1s_V - pt->ocv_chg_V) / Ic;
        pt->r_chg_ohm = (pt->v_chg_end_V - pt->ocv_chg_V) / Ic;
        pt->p_chg_W = c->v_max * (c->v_max - pt->ocv_chg_V) / pt->r_chg_ohm;
    }
    return hold(h, 0.0, o->pulse_rest_s, base + 5, &full, err);
}

static void nan_point(cf_hppc_point *p)
{
    double *f[] = {&p->ocv_V, &p->v_dis_1s_V, &p->v_dis_end_V, &p->r_dis_1s_ohm, &p->r_dis_ohm,
                   &p->ocv_chg_V, &p->v_chg_1s_V, &p->v_chg_end_V, &p->r_chg_1s_ohm, &p->r_chg_ohm,
                   &p->p_dis_W, &p->p_chg_W, &p->sto_neg, &p->sto_pos};
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) *f[i] = NAN;
}

int cf_test_hppc(cf_plan *plan, const cf_hppc_options *opt, cf_hppc_result **out, cf_error *err)
{
    *out = NULL;
    cf_hppc_options defaults;
    if (!opt) {
        cf_test_hppc_options_default(&defaults);
        opt = &defaults;
    }
    int rc = check_options(opt, err);
    if (rc) return rc;
    const cf_cell *c = cf_plan_cell(plan);
    double soc0 = isnan(opt->initial_soc) ? 1.0 : opt->initial_soc;
    if (!(soc0 - opt->soc_step > 1e-9))
        return cf_error_set(err, CF_EINVAL, "hppc",
                            "initial_soc %g with soc_step %g leaves no SOC level above 0: start higher or use a "
                            "smaller step", soc0, opt->soc_step);
    if ((rc = ct_reset(plan, opt->initial_soc, err))) return rc;
    cf_hppc_result *r = calloc(1, sizeof *r);
    hppc_run h = {.plan = plan, .sol = cf_solution_new()};
    if (!r || !h.sol) {
        free(r);
        cf_solution_free(h.sol);
        return cf_error_set(err, CF_ENOMEM, "hppc", "out of memory");
    }
    r->series = h.sol;
    double Q = c->nominal_capacity_Ah, I = opt->pulse_crate * Q, Imove = opt->move_crate * Q;
    r->discharge_current_A = I;
    r->charge_current_A = opt->charge_ratio * I;
    r->v_min_V = c->v_min;
    r->v_max_V = c->v_max;
    size_t cap = 0;
    /* Levels soc0 - k*step for k = 1, 2, ... while above 0 (90 %..10 % by default). */
    for (int k = 1; soc0 - k * opt->soc_step > 1e-9; k++) {
        h.level = k - 1;
        double target = soc0 - k * opt->soc_step;
        /* Charge count: remove exactly what separates the present state from the level. */
        double to_remove_Ah = (soc0 - target) * Q - ct_last_Ah(h.sol);
        int full = 1;
        if (to_remove_Ah > 0 && (rc = hold(&h, Imove, to_remove_Ah / Imove * 3600.0, STEPS_PER_LEVEL * h.level,
                                           &full, err)))
            break;
        if (!full || h.stopped) {
            snprintf(r->note, sizeof r->note, "the cell reached its lower cut-off %.3f V before %.1f %% SOC",
                     c->v_min, 100 * target);
            break;
        }
        if ((rc = hold(&h, 0.0, opt->rest_s, STEPS_PER_LEVEL * h.level + 1, &full, err))) break;
        cf_hppc_point pt;
        nan_point(&pt);
        pt.soc = target;
        if ((rc = level_pulses(&h, opt, c, I, &pt, err))) break;
        if (h.stopped) snprintf(r->note, sizeof r->note, "stopped at %.1f %% SOC: %.300s", 100 * target, h.limit.message);
        /* A level whose pulse was cut short is kept: that is a finding too. */
        if ((rc = push(r, &cap, &pt))) {
            cf_error_set(err, rc, "hppc", "out of memory");
            break;
        }
        if (h.stopped) break;
    }
    if (rc) {
        char where[64];
        snprintf(where, sizeof where, "hppc level %d", h.level + 1);
        cf_error_prefix_where(err, where);
        if (r->n == 0 && !(r->series && r->series->n > 0)) {
            cf_test_hppc_result_free(r);
            return rc;
        }
        /* what was measured up to the failure is kept */
        snprintf(r->note, sizeof r->note, "stopped at %s: %.300s", where, err->message);
    }
    *out = r;
    return rc;
}
