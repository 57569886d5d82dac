/* celltest_common.c — helpers shared by the standard cell tests. */
#include <math.h>

#include "celltest/celltest_internal.h"

int ct_reset(cf_plan *plan, double soc, cf_error *err)
{
    return isnan(soc) ? cf_sim_reset(plan, err) : cf_sim_reset_soc(plan, soc, err);
}

int ct_check(const char *test, const char *name, double v, double lo, double hi, int open_lo, cf_error *err)
{
    int ok = isfinite(v) && (open_lo ? v > lo : v >= lo) && v <= hi;
    if (ok) return CF_OK;
    return cf_error_set(err, CF_EINVAL, test, "option %s = %g is outside the allowed range %c%g, %g]", name, v,
                        open_lo ? '(' : '[', lo, hi);
}

void ct_current_segment(cf_segment *seg, double current_A, double duration_s)
{
    cf_segment_init(seg, CF_CONTROL_CURRENT, current_A);
    seg->duration_s = duration_s;
}

int ct_run(cf_plan *plan, const cf_segment *seg, int step, int cycle, cf_solution *sol, cf_stop_reason *why,
           int *limited, cf_error *limit_err, cf_error *err)
{
    *limited = 0;
    cf_error e;
    cf_error_clear(&e);
    cf_run_end before;
    if (sol) before = sol->end;
    int rc = cf_sim_run_segment(plan, seg, step, cycle, sol, why, &e);
    if (rc == CF_ELIMIT && cf_sim_last_failure(plan) == CF_END_PHYSICAL_LIMIT) {
        /* The cell cannot do this step (e.g. a pulse beyond what it can deliver
         * at low SOC): a finding of the test, not a failure of it. */
        if (sol) sol->end = before;
        *limited = 1;
        if (limit_err) *limit_err = e;
        return CF_OK;
    }
    if (rc && err) *err = e;
    return rc;
}

double ct_voltage(const cf_plan *plan)
{
    cf_state_summary s;
    cf_sim_state(plan, &s);
    return s.voltage_V;
}

double ct_last_Ah(const cf_solution *sol) { return sol->n ? sol->capacity_Ah[sol->n - 1] : 0.0; }
