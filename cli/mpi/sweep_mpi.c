#define _POSIX_C_SOURCE 200809L
/* sweep_mpi.c — `cellforge sweep` across MPI ranks (compiled only when CMake
 * finds MPI; it defines CF_HAVE_MPI).
 *
 * Every rank reads the spec (so the spec and the files it names must exist
 * on every machine).  Rank 0 reads the checkpoint and broadcasts the runs
 * still to do; rank r takes every size-th of them starting at r, and runs
 * its share on threads as a single process would.  Rows travel to rank 0 as
 * text, where they go into the row table, the checkpoint and the progress
 * bar; rank 0 writes the results in run order, so the file is the same as
 * with one process.
 *
 * Only each process's main thread calls MPI (MPI_THREAD_FUNNELED): the
 * compute threads hand their rows over through a queue. */
#include <mpi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sweep_cli.h"

enum { TAG_ROW = 1, TAG_DONE = 2 };

typedef struct row_node {
    struct row_node *next;
    char row[];
} row_node;

/* Rows finished by this rank's threads, waiting for the main thread. */
typedef struct {
    pthread_mutex_t lock;
    row_node *head, *tail;
    int finished;   /* the compute thread has returned   */
    int stop;       /* the main thread wants no more runs */
    int rc;         /* cf_sweep_execute's result          */
    cf_error err;
    const cf_sweep *sweep;
    cf_sweep_exec_options opt;
} queue;

static int queue_row(void *user, size_t run, const char *row)
{
    (void)run;
    queue *q = user;
    size_t n = strlen(row) + 1;
    row_node *r = malloc(sizeof *r + n);
    if (!r) return CF_ENOMEM;
    memcpy(r->row, row, n);
    r->next = NULL;
    pthread_mutex_lock(&q->lock);
    if (q->tail) q->tail->next = r;
    else q->head = r;
    q->tail = r;
    int stop = q->stop;
    pthread_mutex_unlock(&q->lock);
    return stop;
}

static row_node *queue_take(queue *q, int *finished)
{
    pthread_mutex_lock(&q->lock);
    row_node *r = q->head;
    if (r) {
        q->head = r->next;
        if (!q->head) q->tail = NULL;
    }
    *finished = q->finished;
    pthread_mutex_unlock(&q->lock);
    return r;
}

static void *compute(void *arg)
{
    queue *q = arg;
    cf_error e;
    cf_error_clear(&e);
    int rc = q->opt.n_runs ? cf_sweep_execute(q->sweep, &q->opt, &e) : CF_OK;
    pthread_mutex_lock(&q->lock);
    q->rc = rc;
    q->err = e;
    q->finished = 1;
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

static void nap(void)
{
    struct timespec ts = {0, 1000000}; /* 1 ms: rows take far longer to make */
    nanosleep(&ts, NULL);
}

/* Threads per rank by default: this machine's cores shared among the ranks
 * that run on it. */
static int default_threads(void)
{
    MPI_Comm node;
    int local = 1;
    if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node) == MPI_SUCCESS) {
        MPI_Comm_size(node, &local);
        MPI_Comm_free(&node);
    }
    int t = cf_sweep_default_threads() / (local > 0 ? local : 1);
    return t > 0 ? t : 1;
}

/* Sends a fatal status as "code|where|message" so rank 0 can print it. */
static void send_done(int rc, const cf_error *e)
{
    char msg[sizeof e->where + sizeof e->message + 16];
    snprintf(msg, sizeof msg, "%d|%s|%s", rc, rc ? e->where : "", rc ? e->message : "");
    MPI_Send(msg, (int)strlen(msg) + 1, MPI_CHAR, 0, TAG_DONE, MPI_COMM_WORLD);
}

static void parse_done(const char *msg, int *rc, cf_error *e)
{
    *rc = atoi(msg);
    const char *w = strchr(msg, '|');
    const char *m = w ? strchr(w + 1, '|') : NULL;
    if (*rc && w && m) {
        snprintf(e->where, sizeof e->where, "%.*s", (int)(m - w - 1), w + 1);
        snprintf(e->message, sizeof e->message, "%s", m + 1);
        e->code = *rc;
    }
}

/* Rank 0: receive everything the others send until each has said DONE. */
static int poll_others(sweep_sink *k, int *done_ranks, int *worst, cf_error *worst_err)
{
    int flag;
    MPI_Status st;
    int got = 0;
    while (MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st) == MPI_SUCCESS && flag) {
        int n;
        MPI_Get_count(&st, MPI_CHAR, &n);
        char *buf = malloc((size_t)n + 1);
        if (!buf) return CF_ENOMEM;
        MPI_Recv(buf, n, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        buf[n] = '\0';
        if (st.MPI_TAG == TAG_ROW) {
            sweep_sink_row(k, buf); /* on a checkpoint failure keep draining; k->failed says so */
        } else {
            int rc;
            cf_error e;
            cf_error_clear(&e);
            parse_done(buf, &rc, &e);
            if (rc && !*worst) {
                *worst = rc;
                *worst_err = e;
            }
            (*done_ranks)++;
        }
        free(buf);
        got = 1;
    }
    return got;
}

static int drive(int rank, int size, sweep_sink *k, queue *q, cf_error *err)
{
    pthread_t th;
    if (pthread_create(&th, NULL, compute, q)) {
        q->rc = cf_error_set(&q->err, CF_ENOMEM, "threads", "cannot start the compute thread");
        q->finished = 1;
    }
    int done_ranks = 1, worst = 0, finished = 0;
    cf_error worst_err;
    cf_error_clear(&worst_err);
    while (1) {
        int busy = 0;
        row_node *r;
        while ((r = queue_take(q, &finished)) != NULL) {
            if (rank == 0) {
                if (sweep_sink_row(k, r->row)) {
                    pthread_mutex_lock(&q->lock);
                    q->stop = 1;
                    pthread_mutex_unlock(&q->lock);
                }
            } else {
                MPI_Send(r->row, (int)strlen(r->row) + 1, MPI_CHAR, 0, TAG_ROW, MPI_COMM_WORLD);
            }
            free(r);
            busy = 1;
        }
        if (rank == 0) busy |= poll_others(k, &done_ranks, &worst, &worst_err) > 0;
        /* The queue was empty when `finished` was read: nothing more comes. */
        if (finished && (rank != 0 || done_ranks == size)) break;
        if (!busy) nap();
    }
    pthread_join(th, NULL);
    if (rank != 0) {
        send_done(q->rc, &q->err);
        return q->rc;
    }
    if (k->failed) {
        *err = k->err;
        return k->failed;
    }
    if (q->rc) {
        *err = q->err;
        return q->rc;
    }
    if (worst) *err = worst_err;
    return worst;
}

static int run_mpi(const sweep_args *a, int rank, int size)
{
    cf_error err;
    cf_error_clear(&err);
    sweep_sink k;
    memset(&k, 0, sizeof k);
    size_t *todo = NULL, n_todo = 0;
    int rc;
    if (rank == 0) {
        rc = sweep_prepare(a, &k, &todo, &n_todo, &err);
    } else {
        /* Quiet on the other ranks: rank 0 reports spec errors. */
        rc = cf_sweep_load(a->spec, &k.sweep, &err);
    }
    /* All ranks agree before anyone waits on anyone. */
    int worst = 0;
    MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst) {
        if (rank == 0 && !rc) cf_error_set(&err, worst, "mpi", "another rank could not read the spec (is the "
                                                               "file on every machine?)");
        if (rank != 0) rc = worst;
    }
    unsigned long long count = n_todo;
    if (!worst) {
        MPI_Bcast(&count, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
        if (rank != 0) todo = malloc((count + 1) * sizeof *todo);
        unsigned long long *wire = malloc((count + 1) * sizeof *wire);
        int ok = todo && wire, all_ok;
        MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
        if (!all_ok) {
            rc = worst = cf_error_set(&err, CF_ENOMEM, "mpi", "out of memory for the list of runs");
        } else {
            if (rank == 0)
                for (size_t i = 0; i < count; i++) wire[i] = todo[i];
            /* In chunks: MPI counts are ints. */
            for (unsigned long long off = 0; off < count; off += 1u << 24) {
                unsigned long long n = count - off < (1u << 24) ? count - off : (1u << 24);
                MPI_Bcast(wire + off, (int)n, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
            }
            /* Interleaved shares: neighbouring runs (often similar in cost)
             * are spread over the ranks. */
            size_t mine = 0;
            for (size_t i = (size_t)rank; i < count; i += (size_t)size) todo[mine++] = (size_t)wire[i];
            queue q;
            memset(&q, 0, sizeof q);
            pthread_mutex_init(&q.lock, NULL);
            q.sweep = k.sweep;
            q.opt = (cf_sweep_exec_options){.threads = a->threads > 0 ? (int)a->threads : default_threads(),
                                            .runs = todo, .n_runs = mine, .on_row = queue_row, .user = &q,
                                            .delay_s = a->delay_s};
            rc = drive(rank, size, &k, &q, &err);
            pthread_mutex_destroy(&q.lock);
        }
        free(wire);
    }
    if (rank == 0 && !rc) rc = sweep_finish(a, &k, &err);
    free(todo);
    int status = rc ? (err.code == CF_EINVAL ? 2 : 1) : 0;
    if (rank == 0 && rc) cli_fail("sweep", &err);
    if (rank == 0) sweep_sink_close(&k);
    else cf_sweep_free(k.sweep);
    /* Every rank exits with rank 0's status, so mpirun reports it. */
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return status;
}

int sweep_run_mpi(const sweep_args *a)
{
    int provided = 0;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "cellforge sweep: error: MPI could not start\n");
        return 1;
    }
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int status;
    if (provided < MPI_THREAD_FUNNELED) {
        if (rank == 0)
            fprintf(stderr, "cellforge sweep: error: this MPI library offers no thread support "
                            "(MPI_THREAD_FUNNELED), which sweep needs\n");
        status = 1;
    } else {
        status = run_mpi(a, rank, size);
    }
    MPI_Finalize();
    return status;
}
