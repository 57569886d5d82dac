/* rate.c — rate capability: for each C-rate, a constant-current discharge
 * from the same starting state (full by default) to the lower cut-off;
 * capacity, energy, mean voltage and retention against the lowest rate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celltest/celltest_internal.h"

static const double DEFAULT_CRATES[] = {0.2, 0.5, 1.0, 2.0, 3.0, 5.0};

void cf_test_rate_options_default(cf_rate_options *o)
{
    memset(o, 0, sizeof *o);
    o->crates = DEFAULT_CRATES;
    o->n_crates = sizeof DEFAULT_CRATES / sizeof DEFAULT_CRATES[0];
    o->initial_soc = 1.0;
}

void cf_test_rate_result_free(cf_rate_result *r)
{
    if (!r) return;
    free(r->points);
    free(r);
}

static int check_options(const cf_rate_options *o, cf_error *err)
{
    if (!o->crates || o->n_crates < 1 || o->n_crates > CF_RATE_MAX_CRATES)
        return cf_error_set(err, CF_EINVAL, "rate", "option crates: %zu value(s) given, allowed 1 to %d",
                            o->crates ? o->n_crates : 0, CF_RATE_MAX_CRATES);
    for (size_t i = 0; i < o->n_crates; i++) {
        char name[32];
        snprintf(name, sizeof name, "crates[%zu]", i);
        int rc = ct_check("rate", name, o->crates[i], 0.0, 100.0, 1, err);
        if (rc) return rc;
    }
    if (!isnan(o->initial_soc)) return ct_check("rate", "initial_soc", o->initial_soc, 0.0, 1.0, 0, err);
    return CF_OK;
}

/* One discharge; a model limit mid-way (e.g. electrolyte depletion at a high
 * rate) ends it like a cut-off and is reported, with what was delivered. */
static int discharge(cf_plan *plan, double initial_soc, cf_rate_point *pt, cf_error *limit, cf_error *err)
{
    int rc = ct_reset(plan, initial_soc, err);
    if (rc) return rc;
    cf_solution *sol = cf_solution_new();
    if (!sol) return cf_error_set(err, CF_ENOMEM, "rate", "out of memory");
    cf_segment seg;
    ct_current_segment(&seg, pt->current_A, INFINITY);
    cf_stop_reason why;
    rc = ct_run(plan, &seg, 0, 0, sol, &why, &pt->limited, limit, err);
    if (!rc && sol->n > 0) {
        size_t last = sol->n - 1;
        pt->capacity_Ah = sol->capacity_Ah[last];
        pt->energy_Wh = sol->energy_Wh[last];
        pt->duration_s = sol->t[last] - sol->t[0];
    }
    if (!rc && !(pt->capacity_Ah > 0)) {
        /* Nothing delivered: the loaded voltage starts below the cut-off. */
        if (!pt->limited)
            cf_error_set(limit, CF_ELIMIT, "rate",
                         "at %g C the voltage under load is already below the lower cut-off at the start", pt->crate);
        pt->limited = 1;
        pt->capacity_Ah = pt->energy_Wh = 0.0;
    }
    pt->mean_voltage_V = pt->capacity_Ah > 0 ? pt->energy_Wh / pt->capacity_Ah : NAN;
    cf_solution_free(sol);
    return rc;
}

int cf_test_rate(cf_plan *plan, const cf_rate_options *opt, cf_rate_result **out, cf_error *err)
{
    *out = NULL;
    cf_rate_options defaults;
    if (!opt) {
        cf_test_rate_options_default(&defaults);
        opt = &defaults;
    }
    int rc = check_options(opt, err);
    if (rc) return rc;
    const cf_cell *c = cf_plan_cell(plan);
    cf_rate_result *r = calloc(1, sizeof *r);
    if (r) r->points = calloc(opt->n_crates, sizeof *r->points);
    if (!r || !r->points) {
        cf_test_rate_result_free(r);
        return cf_error_set(err, CF_ENOMEM, "rate", "out of memory");
    }
    size_t ref = 0;
    for (size_t i = 0; i < opt->n_crates && !rc; i++) {
        cf_rate_point *pt = &r->points[i];
        pt->crate = opt->crates[i];
        pt->current_A = pt->crate * c->nominal_capacity_Ah;
        cf_error limit;
        cf_error_clear(&limit);
        rc = discharge(plan, opt->initial_soc, pt, &limit, err);
        if (rc) {
            char where[64];
            snprintf(where, sizeof where, "rate %g C", pt->crate);
            cf_error_prefix_where(err, where);
        } else if (pt->limited && !r->note[0]) {
            snprintf(r->note, sizeof r->note, "%g C ended by a model limit: %.300s", pt->crate, limit.message);
        }
        if (rc) break; /* this rate's point is not measured */
        r->n = i + 1;
        if (opt->crates[i] < opt->crates[ref]) ref = i;
    }
    if (rc && r->n == 0) {
        cf_test_rate_result_free(r);
        return rc;
    }
    if (rc) /* the rates measured before the failure are kept */
        snprintf(r->note, sizeof r->note, "stopped at %g C: %.300s", opt->crates[r->n], err->message);
    double q_ref = r->points[ref].capacity_Ah;
    for (size_t i = 0; i < r->n; i++) r->points[i].retention = q_ref > 0 ? r->points[i].capacity_Ah / q_ref : NAN;
    *out = r;
    return rc;
}
