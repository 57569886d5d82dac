/* snapshots.c — profiles across the cell captured during a run, at the
 * solver steps nearest to chosen times (policy in cf_plot_sim.h).
 *
 * The observer cannot report errors, so an allocation failure during the
 * run is remembered and returned by cf_plot_snapshots_finish.  Each
 * snapshot is one block of doubles: c_e[n_x], phi_e[n_x], sto_neg[n_neg],
 * sto_pos[n_pos]; x positions are the same for every snapshot.  When time
 * goes back (the plan was reset between runs) capture starts over. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/cf_plot_sim.h"

struct cf_plot_snapshots {
    double targets[CF_SNAP_MAX_TIMES];
    size_t n_targets;
    int explicit_times;   /* 1: targets given; 0: evenly spaced, chosen at finish */
    int ready, failed, finished;
    int n_x, n_neg, n_pos;
    size_t block;         /* doubles per snapshot */
    double *x, *x_neg, *x_pos;
    /* the latest and previous observations */
    double *cur, *prev;
    double t_cur, t_prev;
    int have_cur, have_prev;
    double t_first;
    /* explicit times: chosen[i] filled when the run passes targets[i] */
    double *chosen;
    double chosen_t[CF_SNAP_MAX_TIMES];
    int assigned[CF_SNAP_MAX_TIMES];
    /* evenly spaced times: a thinned store of observations */
    double *store;
    double store_t[CF_SNAP_STORE];
    size_t n_store;
    double min_gap;
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int cf_plot_snapshots_new(const double *times_s, size_t n_times, size_t n_default, cf_plot_snapshots **out,
                          cf_error *err)
{
    *out = NULL;
    if (n_times > CF_SNAP_MAX_TIMES)
        return cf_error_set(err, CF_EINVAL, "profile times", "%zu times given; at most %d", n_times,
                            CF_SNAP_MAX_TIMES);
    if (n_times == 0 && (n_default < 1 || n_default > CF_SNAP_MAX_TIMES))
        return cf_error_set(err, CF_EINVAL, "profile times", "%zu default times; allowed 1 to %d", n_default,
                            CF_SNAP_MAX_TIMES);
    for (size_t i = 0; i < n_times; i++)
        if (!isfinite(times_s[i]) || times_s[i] < 0)
            return cf_error_set(err, CF_EINVAL, "profile times", "time %zu is %g s; times must be finite and >= 0",
                                i + 1, times_s[i]);
    cf_plot_snapshots *s = calloc(1, sizeof *s);
    if (!s) return cf_error_set(err, CF_ENOMEM, "profile times", "out of memory");
    s->explicit_times = n_times > 0;
    s->n_targets = n_times ? n_times : n_default;
    if (n_times) {
        memcpy(s->targets, times_s, n_times * sizeof *times_s);
        qsort(s->targets, n_times, sizeof s->targets[0], cmp_double);
    }
    *out = s;
    return CF_OK;
}

void cf_plot_snapshots_free(cf_plot_snapshots *s)
{
    if (!s) return;
    free(s->x);
    free(s->x_neg);
    free(s->x_pos);
    free(s->cur);
    free(s->prev);
    free(s->chosen);
    free(s->store);
    free(s);
}

/* Sizes the buffers from the first observation. */
static int prepare(cf_plot_snapshots *s, const cf_plan *plan)
{
    int cap = cf_plan_size(plan) + 2; /* no profile has more points than unknowns */
    s->x = malloc((size_t)cap * sizeof *s->x);
    s->x_neg = malloc((size_t)cap * sizeof *s->x_neg);
    s->x_pos = malloc((size_t)cap * sizeof *s->x_pos);
    if (!s->x || !s->x_neg || !s->x_pos) return -1;
    s->n_x = cf_sim_profile_electrolyte(plan, s->x, NULL, NULL, cap);
    s->n_neg = cf_sim_profile_surface_sto(plan, 0, s->x_neg, NULL, cap);
    s->n_pos = cf_sim_profile_surface_sto(plan, 1, s->x_pos, NULL, cap);
    s->block = (size_t)(2 * s->n_x + s->n_neg + s->n_pos);
    if (s->block == 0) s->block = 1;
    s->cur = malloc(s->block * sizeof *s->cur);
    s->prev = malloc(s->block * sizeof *s->prev);
    if (!s->cur || !s->prev) return -1;
    if (s->explicit_times) s->chosen = malloc(s->n_targets * s->block * sizeof *s->chosen);
    else s->store = malloc((size_t)CF_SNAP_STORE * s->block * sizeof *s->store);
    if (!s->chosen && !s->store) return -1;
    s->ready = 1;
    return 0;
}

static void capture(const cf_plot_snapshots *s, const cf_plan *plan, double *dst)
{
    int nx = s->n_x;
    if (nx > 0) cf_sim_profile_electrolyte(plan, NULL, dst, dst + nx, nx);
    if (s->n_neg > 0) cf_sim_profile_surface_sto(plan, 0, NULL, dst + 2 * nx, s->n_neg);
    if (s->n_pos > 0) cf_sim_profile_surface_sto(plan, 1, NULL, dst + 2 * nx + s->n_neg, s->n_pos);
}

/* Keeps store entries at least min_gap apart (the first always stays). */
static void thin_store(cf_plot_snapshots *s)
{
    double span = s->store_t[s->n_store - 1] - s->store_t[0];
    s->min_gap = fmax(2 * s->min_gap, 2 * span / CF_SNAP_STORE);
    size_t k = 1;
    for (size_t i = 1; i < s->n_store; i++) {
        if (s->store_t[i] - s->store_t[k - 1] < s->min_gap) continue;
        if (k != i) {
            s->store_t[k] = s->store_t[i];
            memcpy(s->store + k * s->block, s->store + i * s->block, s->block * sizeof *s->store);
        }
        k++;
    }
    if (k >= s->n_store) { /* all at (nearly) one time: halve by index */
        k = 0;
        for (size_t i = 0; i < s->n_store; i += 2, k++) {
            s->store_t[k] = s->store_t[i];
            memcpy(s->store + k * s->block, s->store + i * s->block, s->block * sizeof *s->store);
        }
    }
    s->n_store = k;
}

void cf_plot_snapshots_observe(void *user, const cf_plan *plan, double t)
{
    cf_plot_snapshots *s = user;
    if (!s || s->failed || s->finished) return;
    if (!s->ready && prepare(s, plan)) {
        s->failed = 1;
        return;
    }
    if (s->have_cur && t < s->t_cur) {
        /* The plan was reset (a driver running several experiments): the
         * profiles describe the last run, so capture starts over. */
        s->have_cur = s->have_prev = 0;
        s->n_store = 0;
        s->min_gap = 0;
        memset(s->assigned, 0, sizeof s->assigned);
    }
    /* The current observation becomes the previous one. */
    double *tmp = s->prev;
    s->prev = s->cur;
    s->cur = tmp;
    s->t_prev = s->t_cur;
    s->have_prev = s->have_cur;
    capture(s, plan, s->cur);
    s->t_cur = t;
    if (!s->have_cur) s->t_first = t;
    s->have_cur = 1;
    if (s->explicit_times) {
        /* A target between the previous step and this one gets the nearer
         * of the two (the earlier on a tie). */
        for (size_t i = 0; i < s->n_targets; i++) {
            if (s->assigned[i] || s->targets[i] > t) continue;
            int use_prev = s->have_prev && s->targets[i] - s->t_prev <= t - s->targets[i];
            memcpy(s->chosen + i * s->block, use_prev ? s->prev : s->cur, s->block * sizeof *s->cur);
            s->chosen_t[i] = use_prev ? s->t_prev : t;
            s->assigned[i] = 1;
        }
        return;
    }
    if (s->n_store > 0 && t - s->store_t[s->n_store - 1] < s->min_gap) return;
    if (s->n_store == CF_SNAP_STORE) {
        thin_store(s);
        if (t - s->store_t[s->n_store - 1] < s->min_gap) return;
    }
    memcpy(s->store + s->n_store * s->block, s->cur, s->block * sizeof *s->cur);
    s->store_t[s->n_store++] = t;
}

int cf_plot_snapshots_finish(cf_plot_snapshots *s, cf_error *err)
{
    if (s->failed) return cf_error_set(err, CF_ENOMEM, "profiles", "out of memory while storing profile snapshots");
    if (!s->have_cur) return cf_error_set(err, CF_EINVAL, "profiles", "no solver step was observed");
    if (s->finished) return CF_OK;
    s->finished = 1;
    if (s->explicit_times) {
        /* Times after the end of the run get its last state. */
        for (size_t i = 0; i < s->n_targets; i++)
            if (!s->assigned[i]) {
                memcpy(s->chosen + i * s->block, s->cur, s->block * sizeof *s->cur);
                s->chosen_t[i] = s->t_cur;
                s->assigned[i] = 1;
            }
        return CF_OK;
    }
    /* Evenly spaced over the run; the last state joins the store so the end
     * of the run is exact. */
    if (s->n_store == CF_SNAP_STORE) thin_store(s);
    if (s->store_t[s->n_store - 1] != s->t_cur) {
        memcpy(s->store + s->n_store * s->block, s->cur, s->block * sizeof *s->cur);
        s->store_t[s->n_store++] = s->t_cur;
    }
    s->chosen = malloc(s->n_targets * s->block * sizeof *s->chosen);
    if (!s->chosen) return cf_error_set(err, CF_ENOMEM, "profiles", "out of memory");
    double t0 = s->t_first, t1 = s->t_cur;
    for (size_t i = 0; i < s->n_targets; i++) {
        double target = s->n_targets > 1 ? t0 + (t1 - t0) * (double)i / (double)(s->n_targets - 1) : t1;
        size_t best = 0;
        for (size_t k = 1; k < s->n_store; k++)
            if (fabs(s->store_t[k] - target) < fabs(s->store_t[best] - target)) best = k;
        s->targets[i] = target;
        s->chosen_t[i] = s->store_t[best];
        memcpy(s->chosen + i * s->block, s->store + best * s->block, s->block * sizeof *s->chosen);
        s->assigned[i] = 1;
    }
    return CF_OK;
}

size_t cf_plot_snapshots_count(const cf_plot_snapshots *s) { return s && s->finished ? s->n_targets : 0; }

int cf_plot_snapshots_get(const cf_plot_snapshots *s, size_t i, cf_plot_snapshot *out)
{
    if (!s || !s->finished || i >= s->n_targets) return CF_EINVAL;
    const double *b = s->chosen + i * s->block;
    out->t_s = s->chosen_t[i];
    out->target_s = s->targets[i];
    out->n_x = s->n_x;
    out->x_m = s->x;
    out->c_e = b;
    out->phi_e = b + s->n_x;
    out->n_neg = s->n_neg;
    out->x_neg_m = s->x_neg;
    out->sto_neg = b + 2 * s->n_x;
    out->n_pos = s->n_pos;
    out->x_pos_m = s->x_pos;
    out->sto_pos = b + 2 * s->n_x + s->n_neg;
    return CF_OK;
}
