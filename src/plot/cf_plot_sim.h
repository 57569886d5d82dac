/* cf_plot_sim.h — plots of simulations: what to draw from a cf_solution, an
 * experiment's cycles and profile snapshots taken during the run.
 *
 * Kinds (names for --plot-kinds):
 *   voltage   voltage vs capacity (one curve per charge/discharge run, or per
 *             overlaid run, e.g. the C-rates of a rate test)
 *   time      voltage vs time
 *   current   current vs time
 *   profiles  electrolyte concentration and potential across the cell and
 *             particle surface stoichiometry, at chosen times
 *   dqdv      incremental capacity |dQ/dV| of constant-current segments
 *   cycles    charge and discharge capacity per cycle
 *   process   each electrode's potential vs Li/Li+ over time, and where the
 *             cell has them the positive's Li/O, lithium metal on the
 *             negative and lithium left in a reservoir (seed 001's process)
 */
#ifndef CELLFORGE_CF_PLOT_SIM_H
#define CELLFORGE_CF_PLOT_SIM_H

#include <stddef.h>
#include "cellforge/cf_cell.h"
#include "cellforge/cf_model.h"
#include "plot/cf_plot.h"

enum {
    CF_PLOT_KIND_VOLTAGE = 1,
    CF_PLOT_KIND_TIME = 2,
    CF_PLOT_KIND_CURRENT = 4,
    CF_PLOT_KIND_PROFILES = 8,
    CF_PLOT_KIND_DQDV = 16,
    CF_PLOT_KIND_CYCLES = 32,
    CF_PLOT_KIND_PROCESS = 64,
    CF_PLOT_KIND_ALL = 127
};

/* The process panels of one run (see "process" above). */
void cf_plot_add_process(cf_plot_figure *f, const cf_solution *s);

/* "voltage,dqdv" -> bits; "all" for every kind.  CF_EINVAL naming the
 * unknown word and the known ones. */
int cf_plot_kinds_parse(const char *list, unsigned *kinds, cf_error *err);

/* ---- dQ/dV (dqdv.c) ----
 * Method: along one constant-current segment the points where the voltage
 * reaches a new extreme in the segment's direction are kept (so Q(V) is a
 * function), Q(V) is interpolated linearly onto a uniform grid of dv volts,
 * differentiated by central differences, and smoothed with a Gaussian kernel
 * of standard deviation sigma volts (truncated at 3 sigma, renormalised at
 * the ends).  Outputs |dQ/dV| in the units of q per volt, on the grid from
 * the segment's first to its last voltage.  Returns the point count (0 when
 * the segment spans less than 3 grid steps); *v and *dqdv are malloc'd. */
#define CF_DQDV_GRID_V 0.002
#define CF_DQDV_SIGMA_V 0.010
size_t cf_plot_dqdv(const double *v, const double *q, size_t n, double dv, double sigma, double **v_out,
                    double **dqdv_out);

/* ---- profile snapshots (snapshots.c) ----
 * Attach cf_plot_snapshots_observe with cf_plan_set_observer (user = the
 * snapshots), run, then call cf_plot_snapshots_finish.  With explicit times
 * each snapshot is the solver step (or segment start) nearest to its time.
 * With none, n_default times evenly spaced from the first to the last
 * observed step (ends included) are served from a store that keeps every
 * step for runs up to CF_SNAP_STORE steps and otherwise steps at least
 * duration/CF_SNAP_STORE apart (so "nearest" is within that spacing). */
#define CF_SNAP_MAX_TIMES 16
#define CF_SNAP_STORE 1024

typedef struct cf_plot_snapshots cf_plot_snapshots;

int cf_plot_snapshots_new(const double *times_s, size_t n_times, size_t n_default, cf_plot_snapshots **out,
                          cf_error *err);
void cf_plot_snapshots_free(cf_plot_snapshots *s);
void cf_plot_snapshots_observe(void *user, const cf_plan *plan, double t);
/* Chooses the snapshots; CF_ENOMEM if memory ran out during the run,
 * CF_EINVAL if nothing was observed. */
int cf_plot_snapshots_finish(cf_plot_snapshots *s, cf_error *err);
size_t cf_plot_snapshots_count(const cf_plot_snapshots *s);

typedef struct {
    double t_s;           /* time of the solver step used       */
    double target_s;      /* the time asked for                 */
    int n_x;              /* electrolyte points (0 for the SPM)  */
    const double *x_m, *c_e, *phi_e; /* phi_e NAN where the model has none */
    int n_neg, n_pos;     /* surface points per electrode        */
    const double *x_neg_m, *sto_neg, *x_pos_m, *sto_pos;
} cf_plot_snapshot;

int cf_plot_snapshots_get(const cf_plot_snapshots *s, size_t i, cf_plot_snapshot *out);

/* ---- recording runs the caller does not keep (recorder.c) ----
 * For drivers that run segments themselves and return no time series (the
 * cell tests): an observer that records time, voltage and current at every
 * solver step, integrates charge and energy (trapezoids between steps), and
 * starts a new run whenever the time goes back (the plan was reset).  A new
 * segment (two observations at one time) counts as a new step; with
 * infer_cycles a charge that follows a discharge starts a new cycle. */
typedef struct cf_plot_recorder cf_plot_recorder;

int cf_plot_recorder_new(int infer_cycles, cf_plot_recorder **out, cf_error *err);
void cf_plot_recorder_free(cf_plot_recorder *r);
void cf_plot_recorder_observe(void *user, const cf_plan *plan, double t);
size_t cf_plot_recorder_runs(const cf_plot_recorder *r);
/* Run i as a solution view owned by the recorder (do not free it). */
const cf_solution *cf_plot_recorder_run(const cf_plot_recorder *r, size_t i);
/* Completed discharges after a charge, for progress (infer_cycles). */
int cf_plot_recorder_cycles_done(const cf_plot_recorder *r);
int cf_plot_recorder_failed(const cf_plot_recorder *r); /* memory ran out */

/* ---- panels (sim_plots.c) ----
 * runs/labels: one or more solutions (labels may be NULL for a single run);
 * nominal_Ah (0 = unknown) turns currents into C-rates in legends. */
void cf_plot_add_voltage_capacity(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels,
                                  size_t n, double nominal_Ah);
void cf_plot_add_voltage_time(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels,
                              size_t n);
void cf_plot_add_current(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels, size_t n);
void cf_plot_add_dqdv(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels, size_t n,
                      double nominal_Ah);
/* Three panels: c_e(x), phi_e(x), surface stoichiometry(x); the cell gives
 * the domain boundaries. */
void cf_plot_add_profiles(cf_plot_figure *f, const cf_plot_snapshots *s, const cf_cell *cell);
/* cycle numbers are 1-based; NAN values are skipped. */
void cf_plot_add_cycles(cf_plot_figure *f, const double *cycle, const double *charge_Ah, const double *discharge_Ah,
                        size_t n);

#endif
