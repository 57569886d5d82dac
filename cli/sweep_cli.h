/* sweep_cli.h — pieces of `cellforge sweep` shared by the threaded path
 * (cmd_sweep.c) and the MPI path (mpi/sweep_mpi.c, built only with MPI). */
#ifndef CELLFORGE_SWEEP_CLI_H
#define CELLFORGE_SWEEP_CLI_H

#include <stddef.h>
#include "cellforge/cf_sweep.h"

typedef struct {
    const char *spec, *out, *checkpoint;
    long threads;      /* 0: default                         */
    int progress;      /* 1: forced on with --progress       */
    double delay_s;    /* --delay (testing)                  */
} sweep_args;

/* Progress on stderr: runs done, runs/s, time left. */
typedef struct {
    int on, tty;
    size_t total, done, started_with;
    double t0, last;
} sweep_progress;

/* Where finished rows go on the process that writes the results: the row
 * table, the checkpoint and the progress bar. */
typedef struct {
    cf_sweep *sweep;
    cf_sweep_results *res;
    cf_sweep_checkpoint *ck;
    sweep_progress prog;
    cf_error err;      /* first failure while storing a row  */
    int failed;
} sweep_sink;

/* Loads the spec, opens the checkpoint (reading back its rows) and lists
 * the runs still to do (free() *todo).  Also checks that --out can be
 * written, before hours of work. */
int sweep_prepare(const sweep_args *a, sweep_sink *k, size_t **todo, size_t *n_todo, cf_error *err);
/* Stores one finished row; returns non-zero (and keeps the error in k)
 * when the checkpoint cannot be written. */
int sweep_sink_row(sweep_sink *k, const char *row);
/* Ends the progress bar and writes --out (whole or not at all). */
int sweep_finish(const sweep_args *a, sweep_sink *k, cf_error *err);
/* Frees what sweep_prepare made; closes the checkpoint. */
void sweep_sink_close(sweep_sink *k);

/* Ranks in the MPI job this process was started in, from the launcher's
 * environment (Open MPI, MPICH/PMI, PMIx); 1 when not under a launcher. */
long sweep_launcher_size(void);

#ifdef CF_HAVE_MPI
/* The whole command under MPI; returns the exit status (same on all ranks). */
int sweep_run_mpi(const sweep_args *a);
#endif

#endif
