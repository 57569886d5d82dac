#define _POSIX_C_SOURCE 200809L
/* exec.c — running a sweep's runs on a pool of threads.
 *
 * Each thread owns a cf_sweep_worker (its own plan, hence its own SUNDIALS
 * context, as IDA requires) and takes the next run from one atomic counter:
 * dynamic scheduling, so a thread that drew fast runs simply does more of
 * them.  Rows go to the caller's callback under a mutex, one at a time. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sweep/sweep_internal.h"

typedef struct {
    const cf_sweep *s;
    const cf_sweep_exec_options *o;
    size_t total;
    atomic_size_t next;
    atomic_int failed;
    pthread_mutex_t lock; /* guards on_row and err */
    cf_error err;         /* the first fatal error */
} pool;

int cf_sweep_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 && n <= 4096 ? (int)n : 1;
}

static void fail(pool *p, const cf_error *e)
{
    pthread_mutex_lock(&p->lock);
    if (!atomic_load(&p->failed)) p->err = *e;
    atomic_store(&p->failed, 1);
    pthread_mutex_unlock(&p->lock);
}

static void pause_for(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - floor(s)) * 1e9)};
    while (nanosleep(&ts, &ts) != 0) continue; /* resumed after a signal */
}

static void *work(void *arg)
{
    pool *p = arg;
    cf_error e;
    cf_error_clear(&e);
    cf_sweep_worker *w;
    pthread_mutex_lock(&p->lock); /* the workers copy the shared base JSON one at a time */
    int rc = cf_sweep_worker_new(p->s, &w, &e);
    pthread_mutex_unlock(&p->lock);
    if (rc) {
        fail(p, &e);
        return NULL;
    }
    while (!atomic_load(&p->failed)) {
        size_t k = atomic_fetch_add(&p->next, 1);
        if (k >= p->total) break;
        size_t run = p->o->runs ? p->o->runs[k] : k;
        if (p->o->delay_s > 0) pause_for(p->o->delay_s);
        char *row;
        if (cf_sweep_worker_run(w, run, &row, &e)) {
            fail(p, &e);
            break;
        }
        pthread_mutex_lock(&p->lock);
        int stop = p->o->on_row && !atomic_load(&p->failed) ? p->o->on_row(p->o->user, run, row) : 0;
        if (stop && !atomic_load(&p->failed)) {
            cf_error_set(&p->err, stop, "sweep", "stopped after run %zu by the caller", run);
            atomic_store(&p->failed, 1);
        }
        pthread_mutex_unlock(&p->lock);
        free(row);
    }
    cf_sweep_worker_free(w);
    return NULL;
}

int cf_sweep_execute(const cf_sweep *s, const cf_sweep_exec_options *opt, cf_error *err)
{
    cf_sweep_exec_options def;
    if (!opt) {
        memset(&def, 0, sizeof def);
        opt = &def;
    }
    if (!(opt->delay_s >= 0 && opt->delay_s <= 3600))
        return cf_error_set(err, CF_EINVAL, "delay", "delay %g s is outside the allowed range [0, 3600]", opt->delay_s);
    pool p = {.s = s, .o = opt, .total = opt->runs ? opt->n_runs : s->n_runs};
    for (size_t i = 0; opt->runs && i < opt->n_runs; i++)
        if (opt->runs[i] >= s->n_runs)
            return cf_error_set(err, CF_EINVAL, "runs", "run %zu is outside the sweep's range [0, %zu]", opt->runs[i],
                                s->n_runs - 1);
    atomic_init(&p.next, 0);
    atomic_init(&p.failed, 0);
    cf_error_clear(&p.err);
    if (pthread_mutex_init(&p.lock, NULL)) return cf_error_set(err, CF_ENOMEM, "threads", "cannot create a mutex");
    size_t nt = opt->threads > 0 ? (size_t)opt->threads : (size_t)cf_sweep_default_threads();
    if (nt > p.total) nt = p.total ? p.total : 1;
    pthread_t *th = nt > 1 ? calloc(nt - 1, sizeof *th) : NULL;
    size_t started = 0;
    int rc = CF_OK;
    if (nt > 1 && !th) rc = cf_error_set(err, CF_ENOMEM, "threads", "out of memory");
    /* The calling thread is worker 0; the others are extra. */
    for (; !rc && started < nt - 1; started++)
        if (pthread_create(&th[started], NULL, work, &p)) {
            cf_error e;
            cf_error_set(&e, CF_ENOMEM, "threads", "cannot start thread %zu of %zu", started + 2, nt);
            fail(&p, &e);
            break;
        }
    if (!rc) work(&p);
    for (size_t i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    pthread_mutex_destroy(&p.lock);
    if (!rc && atomic_load(&p.failed)) {
        if (err) *err = p.err;
        rc = p.err.code ? p.err.code : CF_ENOMEM;
    }
    return rc;
}
