/* recorder.c — time series of runs whose driver keeps none (see
 * cf_plot_sim.h): the cell tests reset and drive the plan themselves. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/cf_plot_sim.h"

typedef struct {
    cf_solution view; /* arrays owned here, not by cf_solution_free */
} run;

struct cf_plot_recorder {
    run *runs;
    size_t n, cap;
    int infer_cycles, failed;
    double last_t;
    int have_last;
    int last_dir;       /* sign of the last non-zero current in this run */
    int seen_discharge; /* since the current cycle began */
    int cycles_done;
};

int cf_plot_recorder_new(int infer_cycles, cf_plot_recorder **out, cf_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out) return cf_error_set(err, CF_ENOMEM, "recorder", "out of memory");
    (*out)->infer_cycles = infer_cycles;
    return CF_OK;
}

static void run_free(run *r)
{
    cf_solution *s = &r->view;
    free(s->t), free(s->current), free(s->voltage), free(s->capacity_Ah), free(s->energy_Wh);
    free(s->step), free(s->cycle);
}

void cf_plot_recorder_free(cf_plot_recorder *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) run_free(&r->runs[i]);
    free(r->runs);
    free(r);
}

static int grow(cf_solution *s)
{
    size_t cap = s->cap ? 2 * s->cap : 256;
    double **d[] = {&s->t, &s->current, &s->voltage, &s->capacity_Ah, &s->energy_Wh};
    for (size_t i = 0; i < 5; i++) {
        double *nd = realloc(*d[i], cap * sizeof **d[i]);
        if (!nd) return -1;
        *d[i] = nd;
    }
    int **ii[] = {&s->step, &s->cycle};
    for (size_t i = 0; i < 2; i++) {
        int *ni = realloc(*ii[i], cap * sizeof **ii[i]);
        if (!ni) return -1;
        *ii[i] = ni;
    }
    s->cap = cap;
    return 0;
}

static int new_run(cf_plot_recorder *r)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        run *nr = realloc(r->runs, cap * sizeof *nr);
        if (!nr) return -1;
        r->runs = nr;
        r->cap = cap;
    }
    memset(&r->runs[r->n++], 0, sizeof(run));
    r->last_dir = 0;
    r->seen_discharge = 0;
    return 0;
}

void cf_plot_recorder_observe(void *user, const cf_plan *plan, double t)
{
    cf_plot_recorder *r = user;
    if (!r || r->failed) return;
    cf_state_summary st;
    if (cf_sim_state(plan, &st) != CF_OK) return;
    if ((!r->have_last || t < r->last_t) && new_run(r)) {
        r->failed = 1;
        return;
    }
    cf_solution *s = &r->runs[r->n - 1].view;
    if (s->n == s->cap && grow(s)) {
        r->failed = 1;
        return;
    }
    size_t k = s->n;
    double I = st.current_A, V = st.voltage_V;
    int step = 0, cycle = 0;
    double Q = 0, E = 0;
    if (k > 0) {
        double dt = t - s->t[k - 1];
        /* Trapezoids between steps; a segment start (dt = 0) adds nothing. */
        Q = s->capacity_Ah[k - 1] + 0.5 * (I + s->current[k - 1]) * dt / 3600.0;
        E = s->energy_Wh[k - 1] + 0.5 * (I * V + s->current[k - 1] * s->voltage[k - 1]) * dt / 3600.0;
        step = s->step[k - 1] + (dt == 0);
        cycle = s->cycle[k - 1];
    }
    int dir = I > 1e-12 ? 1 : I < -1e-12 ? -1 : 0;
    if (dir) {
        if (r->infer_cycles && dir < 0 && r->last_dir > 0 && r->seen_discharge) {
            cycle++;
            r->cycles_done++;
            r->seen_discharge = 0;
        }
        if (dir > 0) r->seen_discharge = 1;
        r->last_dir = dir;
    }
    s->t[k] = t;
    s->current[k] = I;
    s->voltage[k] = V;
    s->capacity_Ah[k] = Q;
    s->energy_Wh[k] = E;
    s->step[k] = step;
    s->cycle[k] = cycle;
    s->n++;
    r->last_t = t;
    r->have_last = 1;
}

size_t cf_plot_recorder_runs(const cf_plot_recorder *r) { return r ? r->n : 0; }

const cf_solution *cf_plot_recorder_run(const cf_plot_recorder *r, size_t i)
{
    return r && i < r->n ? &r->runs[i].view : NULL;
}

int cf_plot_recorder_cycles_done(const cf_plot_recorder *r) { return r ? r->cycles_done : 0; }

int cf_plot_recorder_failed(const cf_plot_recorder *r) { return r ? r->failed : 0; }
