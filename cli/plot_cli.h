/* plot_cli.h — the --plot, --plot-kinds, --plot-profiles and --progress
 * options shared by the commands that run simulations (simulate, test).
 *
 * A command adds the four long options (values PLOT_CLI_OPT_*) to its
 * getopt table, passes them to plot_cli_option, and around the run calls:
 *   plot_cli_attach    after the plan is made (profile snapshots, ticks);
 *   plot_cli_progress  for protocol runs (fills cf_experiment_options);
 *   plot_cli_finish    after a successful run (writes the plot);
 *   plot_cli_release   always, before printing anything (ends the bar).
 * The cell tests use plot_cli_attach_test / plot_cli_finish_test instead. */
#ifndef CELLFORGE_CLI_PLOT_CLI_H
#define CELLFORGE_CLI_PLOT_CLI_H

#include "cellforge/cf_celltest.h"
#include "cellforge/cf_experiment.h"
#include "plot/cf_plot_sim.h"
#include "progress.h"

enum { PLOT_CLI_OPT_PLOT = 0x7001, PLOT_CLI_OPT_KINDS, PLOT_CLI_OPT_PROFILES, PLOT_CLI_OPT_PROGRESS };

#define PLOT_CLI_USAGE                                                                                   \
    "  --plot FILE        draw the run into FILE (.png, .svg or .pdf): voltage vs capacity and\n"      \
    "                     vs time, current, dQ/dV, profiles across the cell, capacity per cycle,\n"    \
    "                     electrode potentials vs Li/Li+ (with Li/O and lithium metal: process)\n"    \
    "  --plot-kinds LIST  only these: voltage,time,current,profiles,dqdv,cycles,process (default:\n"  \
    "                     all that apply)\n"                                                                \
    "  --plot-profiles LIST  times of the profiles, each >= 0, at most 16, e.g. 0,600,30min,1h\n"   \
    "                     (s unless min or h is given; default: 5 evenly spaced over the run,\n"      \
    "                     ends included)\n"                                                            \
    "  --progress         progress on stderr even when it is not a terminal (on a terminal it is\n"   \
    "                     always shown for protocols)\n"

typedef struct {
    const char *path;                 /* --plot                          */
    unsigned kinds;                   /* --plot-kinds (0: all that apply) */
    unsigned kinds_named;             /* kinds the user asked for by name */
    double times[CF_SNAP_MAX_TIMES];  /* --plot-profiles, s               */
    size_t n_times;
    int progress_forced;              /* --progress                       */
    /* run state */
    const char *cmd;
    cf_plot_snapshots *snaps;
    cf_plot_recorder *rec;   /* cell tests: their time series      */
    int test;                /* cell tests: 'h', 'r', 'g' or 'c'    */
    const double *crates;    /* rate test: labels of the runs       */
    size_t n_crates;
    int64_t total;           /* progress total (0: unknown)         */
    cli_progress prog;
} plot_cli_args;

/* Handles one of the PLOT_CLI_OPT_* options; 0, or 2 after printing a usage
 * error (bad extension, unknown kind, bad time). */
int plot_cli_option(plot_cli_args *a, const char *cmd, int opt, const char *arg);

/* Checks the combination (--plot-kinds/--plot-profiles need --plot) and
 * starts profile capture on plan; CF_EINVAL for a bad combination. */
int plot_cli_attach(plot_cli_args *a, const char *cmd, cf_plan *plan, cf_error *err);

/* Points eo's progress callback at the bar (started here). */
void plot_cli_progress(plot_cli_args *a, cf_experiment_options *eo);

/* Writes the plot of one run (res may be NULL) when --plot was given. */
int plot_cli_finish(plot_cli_args *a, const cf_cell *cell, const cf_solution *sol, const cf_experiment_result *res,
                    cf_error *err);

/* The same for several runs overlaid (labels name them) and optional
 * per-cycle capacities (cycles may be NULL); for the cell tests. */
typedef struct {
    const double *cycle, *charge_Ah, *discharge_Ah;
    size_t n;
} plot_cli_cycles;
int plot_cli_finish_runs(plot_cli_args *a, const cf_cell *cell, const cf_solution *const *runs,
                         const char *const *labels, size_t n, const plot_cli_cycles *cycles, cf_error *err);

/* The cell tests drive the plan themselves and keep little of the run, so
 * the observer records it (cf_plot_recorder) for the plots and counts
 * C-rates or cycles for the bar.  test: "hppc", "rate", "gitt" or "cycle";
 * rate and cycle may be NULL for the other tests. */
int plot_cli_attach_test(plot_cli_args *a, const char *cmd, const char *test, cf_plan *plan,
                         const cf_rate_options *rate, const cf_cycle_options *cycle, cf_error *err);
/* After a successful test: series is the test's own time series if it has
 * one (hppc, gitt; else NULL), result its cf_*_result (cycle: for the
 * capacity per cycle). */
int plot_cli_finish_test(plot_cli_args *a, const cf_cell *cell, const cf_solution *series, const void *result,
                         cf_error *err);

/* Ends the progress bar and frees the run state (safe to repeat). */
void plot_cli_release(plot_cli_args *a);

#endif
