#define _POSIX_C_SOURCE 200809L
/* sweep_cli.c — what `cellforge sweep` does around the library's runs:
 * checkpoint and results bookkeeping, the progress bar, the output file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cellforge/cf_io.h"
#include "sweep_cli.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

long sweep_launcher_size(void)
{
    const char *vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", NULL};
    for (int i = 0; vars[i]; i++) {
        const char *v = getenv(vars[i]);
        if (v && atol(v) > 1) return atol(v);
    }
    return 1;
}

static void clock_text(double s, char *buf, size_t n)
{
    if (!isfinite(s) || s < 0) {
        snprintf(buf, n, "--:--");
        return;
    }
    long t = (long)(s + 0.5);
    if (t >= 3600) snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static void progress_print(sweep_progress *p, int final)
{
    double el = now_s() - p->t0;
    size_t new_runs = p->done - p->started_with;
    double rate = el > 0 ? (double)new_runs / el : 0;
    char when[32];
    clock_text(final ? el : (rate > 0 ? (double)(p->total - p->done) / rate : NAN), when, sizeof when);
    int width = 30, fill = p->total ? (int)((double)width * (double)p->done / (double)p->total) : width;
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    /* On a terminal the line is redrawn in place (\r); in a log, one line each. */
    fprintf(stderr, "%s[%s] %zu/%zu runs  %.1f runs/s  %s %s%s", p->tty ? "\r" : "", bar, p->done, p->total, rate,
            final ? "took" : "left", when, p->tty && !final ? "   " : "\n");
    fflush(stderr);
}

static void progress_start(sweep_progress *p, int forced, size_t total, size_t done)
{
    p->tty = isatty(STDERR_FILENO);
    p->on = forced || p->tty;
    p->total = total;
    p->done = p->started_with = done;
    p->t0 = p->last = now_s();
    if (p->on) progress_print(p, 0);
}

static void progress_tick(sweep_progress *p)
{
    p->done++;
    if (!p->on) return;
    double t = now_s();
    /* A terminal redraws often; a log file gets a line a second. */
    if (t - p->last < (p->tty ? 0.1 : 1.0) || (!p->tty && p->done == p->total)) return; /* the end has its own line */
    p->last = t;
    progress_print(p, 0);
}

int sweep_prepare(const sweep_args *a, sweep_sink *k, size_t **todo, size_t *n_todo, cf_error *err)
{
    memset(k, 0, sizeof *k);
    *todo = NULL;
    *n_todo = 0;
    int rc = cf_sweep_load(a->spec, &k->sweep, err);
    if (!rc && a->out) rc = cf_outfile_check(a->out, err); /* fail before hours of runs */
    if (!rc) rc = cf_sweep_results_new(k->sweep, &k->res, err);
    if (!rc && a->checkpoint) rc = cf_sweep_checkpoint_open(a->checkpoint, k->sweep, k->res, &k->ck, err);
    if (rc) return rc;
    size_t n = cf_sweep_run_count(k->sweep);
    *todo = malloc((n - cf_sweep_results_count(k->res) + 1) * sizeof **todo);
    if (!*todo) return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory");
    for (size_t i = 0; i < n; i++)
        if (!cf_sweep_results_row(k->res, i)) (*todo)[(*n_todo)++] = i;
    progress_start(&k->prog, a->progress, n, cf_sweep_results_count(k->res));
    return CF_OK;
}

int sweep_sink_row(sweep_sink *k, const char *row)
{
    if (k->failed) return k->failed;
    int rc = cf_sweep_results_put(k->res, row, &k->err);
    if (!rc && k->ck) rc = cf_sweep_checkpoint_append(k->ck, row, &k->err);
    if (rc) {
        k->failed = rc;
        return rc;
    }
    progress_tick(&k->prog);
    return 0;
}

int sweep_finish(const sweep_args *a, sweep_sink *k, cf_error *err)
{
    if (k->prog.on) progress_print(&k->prog, 1);
    cf_outfile *f;
    int rc = cf_outfile_open(a->out ? a->out : "-", &f, err);
    if (rc) return rc;
    rc = cf_sweep_results_write(k->res, cf_outfile_stream(f), err);
    if (rc) {
        cf_outfile_abort(f);
        return rc;
    }
    if ((rc = cf_outfile_commit(f, err))) return rc;
    size_t n = cf_sweep_run_count(k->sweep), failed = 0;
    for (size_t i = 0; i < n; i++) {
        const char *row = cf_sweep_results_row(k->res, i);
        if (row && row[0] && row[strlen(row) - 1] != ',') failed++; /* a message in the last column */
    }
    if (failed)
        fprintf(stderr,
                "cellforge sweep: %zu of %zu runs failed or stopped early; their messages are in the error column\n",
                failed, n);
    return CF_OK;
}

void sweep_sink_close(sweep_sink *k)
{
    cf_sweep_checkpoint_close(k->ck, NULL);
    cf_sweep_results_free(k->res);
    cf_sweep_free(k->sweep);
    memset(k, 0, sizeof *k);
}
