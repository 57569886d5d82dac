/* cf_sweep.h — many variants of a cell, run across threads (and, from the
 * CLI, MPI ranks), with deterministic results and resumable checkpoints.
 *
 * A sweep spec (JSON, docs/sweeps.md) names a base cell (or a design
 * recipe), a model, a protocol or C-rate, and the values to vary:
 *
 *     {"cell": "chen2020", "model": "spm", "mesh": 10, "crate": 1,
 *      "vary": {"negative.porosity": {"from": 0.2, "to": 0.4, "n": 5},
 *               "crate": [0.5, 1, 2]},
 *      "outputs": ["capacity_Ah", "energy_Wh"]}
 *
 * Runs are numbered 0..n-1 by the spec alone (grid: the first dimension
 * varies slowest; Latin hypercube: sample order), so a run's number and its
 * values do not depend on how many threads or ranks compute it.  Each run
 * yields one CSV row "run,<varied values>,<outputs>,error"; a run that fails
 * keeps its row with empty outputs and the library's message in `error`.
 * The row text is the unit that threads, ranks and checkpoints pass around:
 * the same spec always gives the same rows, byte for byte.
 *
 * Thread safety: a cf_sweep is immutable once parsed; any number of threads
 * may run at once, each with its own cf_sweep_worker (cf_sweep_execute does
 * all of this). */
#ifndef CELLFORGE_CF_SWEEP_H
#define CELLFORGE_CF_SWEEP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many runs in one sweep (the row table lives in memory). */
#define CF_SWEEP_MAX_RUNS 10000000

typedef struct cf_sweep cf_sweep;

/* Reads and checks a spec file.  Paths inside it (cell, recipe,
 * protocol_file) are relative to the spec file's directory.  Spec errors are
 * CF_EINVAL with `where` = "file: key.path" and the allowed range or a
 * suggestion for a misspelt key. */
int cf_sweep_load(const char *path, cf_sweep **out, cf_error *err);
/* The same from text; `source` names it in messages, `base_dir` resolves
 * relative paths (NULL: the working directory). */
int cf_sweep_parse(const char *text, const char *source, const char *base_dir, cf_sweep **out,
                   cf_error *err);
void cf_sweep_free(cf_sweep *s); /* NULL is harmless */

size_t cf_sweep_run_count(const cf_sweep *s);
size_t cf_sweep_dim_count(const cf_sweep *s);
const char *cf_sweep_dim_name(const cf_sweep *s, size_t dim); /* "negative.porosity", "crate" */
/* The value of dimension `dim` in run `run`. */
double cf_sweep_value(const cf_sweep *s, size_t run, size_t dim);
size_t cf_sweep_output_count(const cf_sweep *s);
const char *cf_sweep_output_name(const cf_sweep *s, size_t k);
/* The CSV header: "run,<dims>,<outputs>,error" (no newline). */
const char *cf_sweep_csv_header(const cf_sweep *s);
/* A hash of everything that decides the rows (spec, base cell or recipe
 * file contents, protocol); checkpoints carry it. */
uint64_t cf_sweep_fingerprint(const cf_sweep *s);
/* Number of cores online (>= 1), the default thread count. */
int cf_sweep_default_threads(void);

/* ---- running ---- */

/* A worker holds what one thread reuses between runs: the last cell and its
 * plan (rebuilt only when the cell or temperature changes). */
typedef struct cf_sweep_worker cf_sweep_worker;

/* Copies what it needs from s: create workers one at a time (or under a
 * lock); afterwards each worker runs on its own thread. */
int cf_sweep_worker_new(const cf_sweep *s, cf_sweep_worker **out, cf_error *err);
void cf_sweep_worker_free(cf_sweep_worker *w);
/* Runs `run` and returns its CSV row (no newline; free() it) in *row.  A
 * run that fails is not an error here: its message goes in the row.  Only
 * an impossible request (run out of range) or exhausted memory returns
 * non-zero. */
int cf_sweep_worker_run(cf_sweep_worker *w, size_t run, char **row, cf_error *err);

typedef struct {
    int threads;          /* <= 0: cf_sweep_default_threads()                   */
    const size_t *runs;   /* runs to do, handed out in this order; NULL: all    */
    size_t n_runs;
    /* Called once per finished run with its row, never from two threads at
     * once (a mutex serialises the calls), in completion order.  A non-zero
     * return stops the sweep: no further run starts, and cf_sweep_execute
     * returns that value (the callback keeps its own message). */
    int (*on_row)(void *user, size_t run, const char *row);
    void *user;
    /* Optional: a pause in seconds before each run (0 = none).  Only for tests
     * and demonstrations of resuming: it makes a short sweep slow enough to
     * interrupt. */
    double delay_s;
} cf_sweep_exec_options;

/* Runs the requested runs on `threads` threads, each taking the next run
 * from a shared atomic counter (dynamic scheduling: slow runs do not hold
 * the others back).  The calling thread is one of them.  Returns non-zero
 * only for fatal errors (threads, memory, a stop from on_row); failed runs
 * are rows. */
int cf_sweep_execute(const cf_sweep *s, const cf_sweep_exec_options *opt, cf_error *err);

/* ---- collecting rows ---- */

typedef struct cf_sweep_results cf_sweep_results;

int cf_sweep_results_new(const cf_sweep *s, cf_sweep_results **out, cf_error *err);
void cf_sweep_results_free(cf_sweep_results *r);
/* Stores a copy of `row` under its run number (its first field).  A run
 * already stored keeps its first row (returns 0 as well).  CF_EINVAL when the
 * row's run number is missing or out of range. */
int cf_sweep_results_put(cf_sweep_results *r, const char *row, cf_error *err);
size_t cf_sweep_results_count(const cf_sweep_results *r);
const char *cf_sweep_results_row(const cf_sweep_results *r, size_t run); /* NULL: not yet */
/* Header and every row in run order; CF_EINVAL naming the first missing run
 * when some are not done. */
int cf_sweep_results_write(const cf_sweep_results *r, FILE *out, cf_error *err);

/* The run number at the start of a row; -1 when there is none. */
long long cf_sweep_row_run(const char *row);

/* ---- checkpoints ----
 * A checkpoint file starts with a line naming the sweep's fingerprint and
 * then holds one line per finished run, each with a checksum, appended and
 * flushed as the run finishes.  Opening one reads back every intact line
 * and cuts off a torn last line (a kill in the middle of a write), so the
 * next append starts on a clean line. */
typedef struct cf_sweep_checkpoint cf_sweep_checkpoint;

/* Opens or creates `path` for sweep s, putting the rows already there into
 * r.  CF_EINVAL when the file belongs to another sweep or is not a
 * checkpoint; CF_EIO when it cannot be read or written. */
int cf_sweep_checkpoint_open(const char *path, const cf_sweep *s, cf_sweep_results *r,
                             cf_sweep_checkpoint **out, cf_error *err);
/* Appends one finished row and flushes it to the operating system. */
int cf_sweep_checkpoint_append(cf_sweep_checkpoint *ck, const char *row, cf_error *err);
/* Closes the file (NULL is harmless); CF_EIO if a buffered write failed. */
int cf_sweep_checkpoint_close(cf_sweep_checkpoint *ck, cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
