/* celltest_internal.h — pieces shared by the standard cell tests. */
#ifndef CF_CELLTEST_INTERNAL_H
#define CF_CELLTEST_INTERNAL_H

#include "cellforge/cf_celltest.h"

/* Puts the plan at `soc` (NAN: the cell's own initial state). */
int ct_reset(cf_plan *plan, double soc, cf_error *err);

/* Checks lo < v <= hi (open_lo) or lo <= v <= hi; the message names the
 * test, the option and the range. */
int ct_check(const char *test, const char *name, double v, double lo, double hi, int open_lo, cf_error *err);

/* A constant-current segment (A, + = discharge; 0 = rest) of `duration_s`
 * (INFINITY: until the cell's cut-off). */
void ct_current_segment(cf_segment *seg, double current_A, double duration_s);

/* Runs one segment appending to sol; `*limited` is set to 1 instead of
 * failing when the model refuses the state (CF_ELIMIT: the cell cannot carry
 * the current), with the message kept in *limit_err.  Other failures return
 * their status. */
int ct_run(cf_plan *plan, const cf_segment *seg, int step, int cycle, cf_solution *sol, cf_stop_reason *why,
           int *limited, cf_error *limit_err, cf_error *err);

/* Voltage and discharged charge of the plan's present state. */
double ct_voltage(const cf_plan *plan);

/* Net discharged Ah at the last row of sol (0 when empty). */
double ct_last_Ah(const cf_solution *sol);

#endif
