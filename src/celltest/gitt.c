/* gitt.c — galvanostatic intermittent titration (Weppner & Huggins,
 * J. Electrochem. Soc. 124 (1977) 1569).
 *
 * Discharge pulses of length tau, each followed by a relaxation, from the
 * starting state until the lower cut-off.  For pulse k:
 *   dEs = E_s(k) - E_s(k-1)       relaxed voltage after minus before the pulse
 *   dEt = V(tau) - V(0+)          voltage change during the pulse, the
 *                                 instantaneous (IR, kinetic) step excluded
 *   D   = 4/(pi tau) (m_B V_M / (M_B S))^2 (dEs/dEt)^2
 * For spherical particles of radius R the volume-to-surface ratio
 * m_B V_M / (M_B S) is R/3, so D = 4/(pi tau) (R/3)^2 (dEs/dEt)^2.
 * The formula holds for tau << (R/3)^2 / D and for one electrode; on a full
 * cell both electrodes add to dEs and dEt, so D is an apparent value that
 * approaches the chosen electrode's when that electrode dominates the
 * voltage response (docs/cell-tests.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celltest/celltest_internal.h"

/* A bound on the loop whatever the cell: 1e5 pulses of at least ~1e-4 of the
 * capacity each is far more than any cell holds. */
#define GITT_MAX_PULSES 100000
#define PI 3.14159265358979323846

void cf_test_gitt_options_default(cf_gitt_options *o)
{
    memset(o, 0, sizeof *o);
    o->pulse_crate = 0.05;
    o->pulse_s = 600.0;
    o->relax_s = 3600.0;
    o->electrode = CF_SIDE_POSITIVE;
    o->max_pulses = 0;
    o->initial_soc = 1.0;
}

void cf_test_gitt_result_free(cf_gitt_result *r)
{
    if (!r) return;
    free(r->points);
    cf_solution_free(r->series);
    free(r);
}

static int check_options(const cf_gitt_options *o, cf_error *err)
{
    int rc = ct_check("gitt", "pulse_crate", o->pulse_crate, 0.0, 100.0, 1, err);
    if (!rc) rc = ct_check("gitt", "pulse_s", o->pulse_s, 0.0, 1e6, 1, err);
    if (!rc) rc = ct_check("gitt", "relax_s", o->relax_s, 0.0, 1e7, 1, err);
    if (!rc && o->electrode != CF_SIDE_NEGATIVE && o->electrode != CF_SIDE_POSITIVE)
        rc = cf_error_set(err, CF_EINVAL, "gitt", "option electrode = %d: allowed negative (0) or positive (1)",
                          (int)o->electrode);
    if (!rc && (o->max_pulses < 0 || o->max_pulses > GITT_MAX_PULSES))
        rc = cf_error_set(err, CF_EINVAL, "gitt", "option max_pulses = %d is outside the allowed range [0, %d]",
                          o->max_pulses, GITT_MAX_PULSES);
    if (!rc && !isnan(o->initial_soc)) rc = ct_check("gitt", "initial_soc", o->initial_soc, 0.0, 1.0, 0, err);
    return rc;
}

static int push(cf_gitt_result *r, size_t *cap, const cf_gitt_point *p)
{
    if (r->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        cf_gitt_point *np = realloc(r->points, nc * sizeof *np);
        if (!np) return CF_ENOMEM;
        r->points = np;
        *cap = nc;
    }
    r->points[r->n++] = *p;
    return CF_OK;
}

/* Pulse k and its relaxation.  *have = 1 when the pulse passed charge and
 * *pt is filled; *more = 0 when the test is over (r->note says why). */
static int pulse_and_relax(cf_plan *plan, const cf_gitt_options *o, cf_gitt_result *r, int k, double *es_prev,
                           cf_gitt_point *pt, int *have, int *more, cf_error *err)
{
    cf_solution *sol = r->series;
    cf_segment seg;
    cf_stop_reason why;
    int lim;
    cf_error limit;
    size_t first = sol->n;
    *have = *more = 0;
    ct_current_segment(&seg, r->current_A, o->pulse_s);
    int rc = ct_run(plan, &seg, 2 * k, k, sol, &why, &lim, &limit, err);
    if (rc) return rc;
    if (lim) {
        snprintf(r->note, sizeof r->note, "pulse %d: %.300s", k + 1, limit.message);
        return CF_OK;
    }
    size_t last = sol->n - 1;
    if (sol->n == first || !(sol->t[last] > sol->t[first])) {
        snprintf(r->note, sizeof r->note, "pulse %d: the voltage under load starts below the lower cut-off", k + 1);
        return CF_OK;
    }
    *have = 1;
    memset(pt, 0, sizeof *pt);
    pt->ocv_before_V = *es_prev;
    pt->ir_drop_V = *es_prev - sol->voltage[first];
    pt->delta_et_V = sol->voltage[last] - sol->voltage[first];
    pt->discharged_Ah = sol->capacity_Ah[last];
    pt->complete = why == CF_STOP_DURATION;
    ct_current_segment(&seg, 0.0, o->relax_s);
    rc = ct_run(plan, &seg, 2 * k + 1, k, sol, &why, &lim, &limit, err);
    if (rc) return rc;
    pt->ocv_V = ct_voltage(plan);
    pt->delta_es_V = pt->ocv_V - *es_prev;
    if (lim) {
        pt->complete = 0;
        snprintf(r->note, sizeof r->note, "relaxation %d: %.300s", k + 1, limit.message);
    }
    double ratio = pt->delta_es_V / pt->delta_et_V, L = r->radius_m / 3.0;
    pt->diffusivity_m2_s = pt->complete && isfinite(ratio) ? 4.0 / (PI * r->tau_s) * L * L * ratio * ratio : NAN;
    *es_prev = pt->ocv_V;
    *more = pt->complete;
    if (!pt->complete && !r->note[0])
        snprintf(r->note, sizeof r->note, "pulse %d reached the lower cut-off %.3f V", k + 1,
                 cf_plan_cell(plan)->v_min);
    return CF_OK;
}

int cf_test_gitt(cf_plan *plan, const cf_gitt_options *opt, cf_gitt_result **out, cf_error *err)
{
    *out = NULL;
    cf_gitt_options defaults;
    if (!opt) {
        cf_test_gitt_options_default(&defaults);
        opt = &defaults;
    }
    int rc = check_options(opt, err);
    if (rc) return rc;
    const cf_cell *c = cf_plan_cell(plan);
    const cf_electrode *el = opt->electrode == CF_SIDE_NEGATIVE ? &c->neg : &c->pos;
    if (opt->phase < 0 || opt->phase >= el->n_phases) {
        return cf_error_set(err, CF_EINVAL, "gitt", "option phase = %d is outside the allowed range [0, %d] (the %s "
                            "electrode has %d active phase(s))", opt->phase, el->n_phases - 1,
                            opt->electrode == CF_SIDE_NEGATIVE ? "negative" : "positive", el->n_phases);
    }
    if ((rc = ct_reset(plan, opt->initial_soc, err))) return rc;
    cf_gitt_result *r = calloc(1, sizeof *r);
    if (r) r->series = cf_solution_new();
    if (!r || !r->series) {
        cf_test_gitt_result_free(r);
        return cf_error_set(err, CF_ENOMEM, "gitt", "out of memory");
    }
    r->current_A = opt->pulse_crate * c->nominal_capacity_Ah;
    r->tau_s = opt->pulse_s;
    r->radius_m = el->phase[opt->phase].particle_radius_m;
    double es = ct_voltage(plan);
    size_t cap = 0;
    int limit = opt->max_pulses > 0 ? opt->max_pulses : GITT_MAX_PULSES, more = 1;
    for (int k = 0; k < limit && more; k++) {
        cf_gitt_point pt;
        int have;
        if ((rc = pulse_and_relax(plan, opt, r, k, &es, &pt, &have, &more, err))) {
            char where[64];
            snprintf(where, sizeof where, "gitt pulse %d", k + 1);
            cf_error_prefix_where(err, where);
            break;
        }
        if (have && (rc = push(r, &cap, &pt))) {
            cf_error_set(err, rc, "gitt", "out of memory");
            break;
        }
    }
    if (rc && r->n == 0 && !(r->series && r->series->n > 0)) {
        cf_test_gitt_result_free(r);
        return rc;
    }
    r->total_Ah = ct_last_Ah(r->series);
    /* Run to the cut-off, the SOC scale is the charge the test removed (the
     * usual GITT normalisation); stopped by max_pulses or a failure, the
     * nominal capacity. */
    double soc0 = isnan(opt->initial_soc) ? 1.0 : opt->initial_soc;
    for (size_t i = 0; i < r->n; i++) {
        double q = r->points[i].discharged_Ah;
        r->points[i].soc = more || rc ? soc0 - q / c->nominal_capacity_Ah
                                      : (r->total_Ah > 0 ? 1.0 - q / r->total_Ah : NAN);
    }
    if (rc) /* the pulses measured before the failure are kept */
        snprintf(r->note, sizeof r->note, "stopped early: %.140s: %.220s", err->where, err->message);
    else if (more && !r->note[0])
        snprintf(r->note, sizeof r->note, "stopped after %d pulse(s) (max_pulses)", limit);
    *out = r;
    return rc;
}
