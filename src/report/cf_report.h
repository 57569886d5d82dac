/* cf_report.h — the cell report: one self-contained HTML file (inline CSS and
 * SVG plots, no scripts, nothing fetched) about a cell: its parameters, a
 * simulation summary with plots and, for a recipe, the design breakdown and
 * the claim table.
 *
 * One code path for every front end: `cellforge report` (cli/cmd_report.c)
 * and cellforge.report in Python (python/ext/report.c) fill a request and
 * call cf_report_write or cf_report_render.  The report is an output: it
 * loads the inputs, runs the simulation and draws from the solution; it
 * lives in the static library cellforge_report beside cellforge_plot, so
 * libcellforge itself stays free of graphics.
 *
 * Bad input (unknown cell, malformed protocol, bad model, SOC or output name)
 * is an error and writes nothing.  A simulation that fails for a limit of the
 * cell or of the solver is not: the page says what failed, and a run that
 * stopped after computing rows is drawn from those rows with the reason above
 * them; the outcome tells the caller so. */
#ifndef CELLFORGE_CF_REPORT_H
#define CELLFORGE_CF_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cellforge/cellforge.h"

/* At most this many profile times (the profile panels' snapshots). */
#define CF_REPORT_MAX_PROFILE_TIMES 16

typedef struct {
    /* What the report is about.  With cell and recipe NULL, `source` is
     * loaded as the CLI's CELL argument: a built-in cell name, a cell JSON
     * file or a recipe JSON file (tried as a recipe first).  With cell or
     * recipe set, that object is used (not copied, not changed) and `source`
     * only names it on the page.  A recipe gives the design, the claims and,
     * when it can be turned into model parameters, the cell simulated. */
    const char *source;        /* default "chen2020"                          */
    const cf_cell *cell;
    const cf_recipe *recipe;
    /* What to run: at most one of a constant C-rate, protocol text or a
     * protocol file; none: a 1C discharge from the cell's initial state. */
    int has_crate;
    double crate;              /* > 0 discharges; < 0 charges from 0 % SOC   */
    const char *protocol;      /* PyBaMM-style steps                          */
    const char *protocol_file; /* a protocol file (docs/protocols.md)         */
    const char *model;         /* "spm", "spme" or "dfn" (NULL: "dfn")        */
    double soc;                /* initial SOC; NAN: the cell's own start      */
    /* Times of the profile panels, s (n 0: 5 evenly spaced over the run). */
    const double *profile_times;
    size_t n_profile_times;
    /* Protocol runs: called with steps done / total (may be NULL). */
    void (*progress)(void *user, int64_t done, int64_t total);
    void *progress_user;
} cf_report_request;

/* source "chen2020", no run given (1C discharge), model "dfn", soc NAN. */
void cf_report_request_default(cf_report_request *r);

/* What the report holds, for the caller to tell the user. */
typedef struct {
    int has_cell;          /* the cell could be simulated                       */
    int has_recipe;        /* design and claims sections                        */
    int n_plots;           /* figures on the page (0 without cairo)             */
    int sim_failed;        /* the simulation failed: sim_error (the page says so) */
    int sim_stopped;       /* it stopped early: the page shows the rows up to t_end_s */
    cf_error sim_error;    /* why it failed or stopped                          */
    const char *stop_reason; /* cf_end_reason_code of the stop ("cutoff", ...)  */
    double t_end_s;
    /* When `source` was a file that was neither a cell nor a recipe: why it
     * was not a recipe either (the error returned says why not a cell). */
    cf_error recipe_error;
} cf_report_outcome;

/* The report's file name: "-" (standard output) or a name ending in .html
 * or .htm; CF_EINVAL naming the allowed endings otherwise. */
int cf_report_check_path(const char *path, cf_error *err);

/* Writes the report to path (missing folders are created; the file appears
 * whole or not at all; "-": standard output).  outcome may be NULL. */
int cf_report_write(const cf_report_request *r, const char *path, cf_report_outcome *outcome, cf_error *err);

/* The same page into a new malloc'ed, NUL-terminated string (*html, *len
 * without the NUL); the caller frees it. */
int cf_report_render(const cf_report_request *r, char **html, size_t *len, cf_report_outcome *outcome,
                     cf_error *err);

#endif
