/* bpx_run.c — one BPX Validation experiment run on a plan and compared with
 * its measured voltage (what `cellforge validate` reports). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bpx_internal.h"
#include "cellforge/cf_experiment.h"

/* Simulated voltage at time t by linear interpolation in the solution rows,
 * which never step back in time; *k carries the search forward. */
static double voltage_at(const cf_solution *s, double t, size_t *k)
{
    while (*k + 1 < s->n && s->t[*k + 1] < t) (*k)++;
    if (*k + 1 >= s->n) return s->voltage[s->n - 1];
    double t0 = s->t[*k], t1 = s->t[*k + 1];
    if (t <= t0 || t1 <= t0) return s->voltage[*k];
    double w = (t - t0) / (t1 - t0);
    return (1 - w) * s->voltage[*k] + w * s->voltage[*k + 1];
}

static void compare(const cf_bpx_experiment *e, const cf_solution *s, cf_bpx_comparison *o)
{
    double sum = 0, worst = -1;
    size_t k = 0;
    o->t_end_s = s->n ? s->t[s->n - 1] : 0;
    for (size_t i = 0; i < e->n && s->n > 0; i++) {
        double t = e->time_s[i] - e->time_s[0];
        if (t > o->t_end_s * (1 + 1e-12) + 1e-9) break; /* the run stopped before this point */
        double d = voltage_at(s, t, &k) - e->voltage_V[i];
        sum += d * d;
        o->compared++;
        if (fabs(d) > worst) {
            worst = fabs(d);
            o->t_max_s = e->time_s[i];
        }
    }
    o->rms_V = o->compared ? sqrt(sum / (double)o->compared) : NAN;
    o->max_V = o->compared ? worst : NAN;
}

int cf_bpx_run_experiment(cf_plan *plan, const cf_bpx_experiment *e, cf_bpx_comparison *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    out->rms_V = out->max_V = NAN;
    cf_drive_cycle *dc;
    cf_protocol *proto;
    int rc = cf_bpx_validation_drive(e, &dc, err);
    if (!rc) rc = cf_protocol_from_drive_cycle(dc, &proto, err); /* takes dc */
    if (rc) return rc;
    cf_experiment_options eo;
    cf_experiment_options_default(&eo); /* initial_soc NAN: the cell's own state */
    cf_solution *sol = NULL;
    cf_experiment_result *res = NULL;
    rc = cf_simulate_protocol(plan, proto, &eo, &sol, &res, err);
    if (!rc) {
        compare(e, sol, out);
        out->stopped_early = out->compared < e->n;
        if (res && res->stopped_early) snprintf(out->note, sizeof out->note, "%s", res->note);
        else if (out->stopped_early) snprintf(out->note, sizeof out->note, "the run ended at %g s", out->t_end_s);
    }
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    if (rc && err) cf_error_prefix_where(err, e->name);
    return rc;
}
