/* cycle.c — cycling: CC-CV charge, rest, CC discharge, rest, repeated, run
 * as an ordinary protocol (cf_protocol.h) so that it is exactly what
 * `cellforge simulate --protocol` would run; per-cycle efficiencies come from
 * the step machine's cycle statistics, retention is against cycle 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_experiment.h"
#include "cellforge/cf_protocol.h"
#include "celltest/celltest_internal.h"

#define CYCLE_MAX 100000

void cf_test_cycle_options_default(cf_cycle_options *o)
{
    memset(o, 0, sizeof *o);
    o->cycles = 3;
    o->charge_crate = 0.5;
    o->cv_cutoff_crate = 0.05;
    o->discharge_crate = 1.0;
    o->rest_s = 600.0;
    o->initial_soc = 0.0;
}

void cf_test_cycle_result_free(cf_cycle_result *r)
{
    if (!r) return;
    free(r->points);
    free(r);
}

static int check_options(const cf_cycle_options *o, cf_error *err)
{
    if (o->cycles < 1 || o->cycles > CYCLE_MAX)
        return cf_error_set(err, CF_EINVAL, "cycle", "option cycles = %d is outside the allowed range [1, %d]",
                            o->cycles, CYCLE_MAX);
    int rc = ct_check("cycle", "charge_crate", o->charge_crate, 0.0, 100.0, 1, err);
    if (!rc) rc = ct_check("cycle", "cv_cutoff_crate", o->cv_cutoff_crate, 0.0, o->charge_crate, 1, err);
    if (!rc) rc = ct_check("cycle", "discharge_crate", o->discharge_crate, 0.0, 100.0, 1, err);
    if (!rc) rc = ct_check("cycle", "rest_s", o->rest_s, 0.0, 1e6, 1, err);
    if (!rc && !isnan(o->initial_soc)) rc = ct_check("cycle", "initial_soc", o->initial_soc, 0.0, 1.0, 0, err);
    return rc;
}

/* The protocol text; %.10g keeps every set-point exact enough and is valid
 * in the step language (scientific notation is accepted). */
static int protocol_text(const cf_cycle_options *o, const cf_cell *c, char *buf, size_t size)
{
    int n = snprintf(buf, size,
                     "repeat %d {\n"
                     "    Charge at %.10g C until %.10g V\n"
                     "    Hold at %.10g V until %.10g C\n"
                     "    Rest for %.10g s\n"
                     "    Discharge at %.10g C until %.10g V\n"
                     "    Rest for %.10g s\n"
                     "}\n",
                     o->cycles, o->charge_crate, c->v_max, c->v_max, o->cv_cutoff_crate, o->rest_s,
                     o->discharge_crate, c->v_min, o->rest_s);
    return n > 0 && (size_t)n < size ? CF_OK : CF_EINVAL;
}

int cf_test_cycle(cf_plan *plan, const cf_cycle_options *opt, cf_cycle_result **out, cf_error *err)
{
    *out = NULL;
    cf_cycle_options defaults;
    if (!opt) {
        cf_test_cycle_options_default(&defaults);
        opt = &defaults;
    }
    int rc = check_options(opt, err);
    if (rc) return rc;
    cf_cycle_result *r = calloc(1, sizeof *r);
    if (!r) return cf_error_set(err, CF_ENOMEM, "cycle", "out of memory");
    if (protocol_text(opt, cf_plan_cell(plan), r->protocol, sizeof r->protocol)) {
        cf_test_cycle_result_free(r);
        return cf_error_set(err, CF_EINVAL, "cycle", "protocol text too long");
    }
    cf_protocol *proto = NULL;
    cf_solution *sol = NULL;
    cf_experiment_result *res = NULL;
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    eo.initial_soc = opt->initial_soc;
    /* A lithium-metal cell has no SOC window to start from: it starts as
     * assembled (after its reservoir, if any, has lithiated the positive). */
    const cf_cell *cell = cf_plan_cell(plan);
    if ((cell->neg.planar || cell->reservoir.present) && opt->initial_soc == 0.0) eo.initial_soc = NAN;
    rc = cf_protocol_parse(r->protocol, &proto, err);
    if (!rc) rc = cf_simulate_protocol(plan, proto, &eo, &sol, &res, err);
    /* a run that failed after some cycles keeps them (the last one partial) */
    int kept = rc && res && res->n > 0;
    if ((!rc || kept) && res->n > 0) {
        r->points = calloc(res->n, sizeof *r->points);
        if (!r->points) rc = cf_error_set(err, CF_ENOMEM, "cycle", "out of memory"), kept = 0;
    }
    if (!rc || kept) {
        double first = res->n > 0 ? res->cycles[0].discharge_Ah : 0.0;
        for (size_t i = 0; i < res->n; i++) {
            const cf_cycle_stats *s = &res->cycles[i];
            cf_cycle_point *p = &r->points[i];
            p->cycle = (int)s->cycle + 1;
            p->charge_Ah = s->charge_Ah;
            p->discharge_Ah = s->discharge_Ah;
            p->charge_Wh = s->charge_Wh;
            p->discharge_Wh = s->discharge_Wh;
            p->coulombic_efficiency = s->coulombic_efficiency;
            p->energy_efficiency = s->energy_efficiency;
            p->retention = first > 0 ? s->discharge_Ah / first : NAN;
            p->duration_s = s->duration_s;
        }
        r->n = res->n;
        r->stopped_early = res->stopped_early;
        snprintf(r->note, sizeof r->note, "%s", res->note);
    }
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_protocol_free(proto);
    if (rc) cf_error_prefix_where(err, "cycle");
    if (rc && !kept) {
        cf_test_cycle_result_free(r);
        return rc;
    }
    *out = r;
    return rc;
}
