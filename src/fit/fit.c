#define _POSIX_C_SOURCE 200809L
/* fit.c — cf_fit_run: a cell's parameters from measured voltage.
 *
 * Each residual evaluation is one simulation: the trial values are set in
 * the base cell file, the cell is loaded (and checked) as from a file, and
 * the model runs the measured current from the first data time to the last.
 * The fit sits after the solver: it only builds cells, runs plans and reads
 * solutions; the solver knows nothing of it. */
#include "fit/fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/json_out.h"
#include "model/plan_internal.h"

typedef struct {
    json_t *base;
    char stem[CF_NAME_MAX];
    const cf_fit_data *data;
    const cf_fit_param *params;
    size_t np;
    int soc_index;            /* the "initial_soc" parameter, or -1 */
    int log_scale[CF_FIT_MAX_PARAMS];
    cf_fit_options opt;
    double *tau;              /* data times from the first, s */
    double v_lo, v_hi;        /* run limits: the data's range widened */
    double *model_v;          /* the last evaluation's voltage */
    double *seg_t;            /* a segment's times from its start */
    double i_step;            /* a current change that starts a segment, A */
    int simulations;
    cf_error first_err;       /* the first cell/model error (for the message) */
} run_ctx;

static double to_value(const run_ctx *c, size_t k, double s)
{
    return c->log_scale[k] ? exp(s) : s;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The cell with the trial values (physical units). */
static int trial_cell(run_ctx *c, const double *val, cf_cell **cell, json_t **edited, cf_error *err)
{
    *cell = NULL;
    json_t *copy = json_deep_copy(c->base);
    if (!copy) return cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    int rc = CF_OK;
    for (size_t k = 0; k < c->np && !rc; k++)
        if ((int)k != c->soc_index) rc = fit_json_set(copy, c->params[k].path, val[k], err);
    if (!rc) rc = fit_cell_from_json(copy, c->stem, cell, err);
    if (edited && !rc) *edited = copy;
    else json_decref(copy);
    return rc;
}

/* Model voltage at the data times for trial values val.  A run that ends
 * before the last data time (a physical limit, a solver failure) keeps its
 * last voltage for the rest: a poor fit, never a missing residual. */
static int model_voltage(run_ctx *c, const double *val, double *v, cf_error *err)
{
    c->simulations++;
    const cf_fit_data *d = c->data;
    cf_cell *cell = NULL;
    cf_plan *plan = NULL;
    cf_solution *sol = cf_solution_new();
    int rc = sol ? trial_cell(c, val, &cell, NULL, err) : cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    if (!rc) rc = cf_plan_new(cell, &c->opt.model, &plan, err);
    double soc = c->soc_index >= 0 ? val[c->soc_index] : c->opt.initial_soc;
    if (!rc) rc = isnan(soc) ? cf_sim_reset(plan, err) : cf_sim_reset_soc(plan, soc, err);
    if (!rc) {
        /* The data, not the cell's cut-offs, say where the run ends. */
        plan->cell->v_min = fmin(plan->cell->v_min, c->v_lo);
        plan->cell->v_max = fmax(plan->cell->v_max, c->v_hi);
        /* One segment per stretch of steady current, and one per current
         * step between two data points (a change by more than 1 % of the
         * largest current): the integrator's steps grow long in a rest and
         * would step over a short pulse, and a segment's ends are exact
         * solver points, so the voltage on both sides of a step is the
         * model's own, not interpolated across the step. */
        size_t a = 0;
        while (a + 1 < d->n) {
            size_t b = a + 1;
            if (fabs(d->current_A[b] - d->current_A[a]) <= c->i_step)
                while (b + 1 < d->n && fabs(d->current_A[b + 1] - d->current_A[b]) <= c->i_step) b++;
            for (size_t k = a; k <= b; k++) c->seg_t[k - a] = c->tau[k] - c->tau[a];
            cf_segment seg;
            cf_segment_init(&seg, CF_CONTROL_CURRENT, 0);
            seg.series_t = c->seg_t;
            seg.series_v = d->current_A + a;
            seg.series_n = (int)(b - a + 1);
            seg.duration_s = c->tau[b] - c->tau[a];
            cf_stop_reason why;
            cf_error serr;
            cf_error_clear(&serr);
            if (cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &serr) || why != CF_STOP_DURATION) break;
            a = b;
        }
    }
    if (rc) {
        if (!c->first_err.code && err) c->first_err = *err;
    } else {
        size_t j = 0;
        double last = sol->n ? sol->voltage[sol->n - 1] : 0.0;
        for (size_t i = 0; i < d->n; i++) {
            double t = c->tau[i];
            while (j + 1 < sol->n && sol->t[j + 1] < t) j++;
            if (sol->n == 0 || t > sol->t[sol->n - 1]) v[i] = last;
            else if (j + 1 >= sol->n || t <= sol->t[j]) v[i] = sol->voltage[j];
            else {
                double w = (t - sol->t[j]) / (sol->t[j + 1] - sol->t[j]);
                v[i] = sol->voltage[j] + w * (sol->voltage[j + 1] - sol->voltage[j]);
            }
        }
    }
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return rc;
}

static int residuals(void *user, const double *s, double *r)
{
    run_ctx *c = user;
    double val[CF_FIT_MAX_PARAMS];
    for (size_t k = 0; k < c->np; k++) val[k] = to_value(c, k, s[k]);
    cf_error err;
    cf_error_clear(&err);
    if (model_voltage(c, val, c->model_v, &err)) {
        /* A trial the cell loader refuses (e.g. a porosity and active
         * fraction that add past 1): a large residual turns the step back. */
        for (size_t i = 0; i < c->data->n; i++) r[i] = 1.0 / c->opt.sigma_V;
        return 0;
    }
    for (size_t i = 0; i < c->data->n; i++) r[i] = (c->model_v[i] - c->data->voltage_V[i]) / c->opt.sigma_V;
    return 0;
}

void cf_fit_options_default(cf_fit_options *o)
{
    memset(o, 0, sizeof *o);
    cf_model_options_default(&o->model);
    o->model.kind = CF_MODEL_DFN;
    o->initial_soc = NAN;
    o->sigma_V = 1e-3;
    o->max_iter = 50;
    o->fd_step = 1e-3;
    o->confidence = 0.95;
    o->max_condition = 1e8;
}

static int check_params(const cf_fit_param *p, size_t np, int *log_scale, int *soc_index, cf_error *err)
{
    *soc_index = -1;
    if (np == 0 || np > CF_FIT_MAX_PARAMS)
        return cf_error_set(err, CF_EINVAL, "--param", "%zu parameters: fit 1 to %d", np, CF_FIT_MAX_PARAMS);
    for (size_t k = 0; k < np; k++) {
        const char *path = p[k].path ? p[k].path : "";
        if (!path[0] || strlen(path) >= CF_FIT_PATH_MAX)
            return cf_error_set(err, CF_EINVAL, "--param", "parameter %zu: a key path of 1 to %d characters", k + 1,
                                CF_FIT_PATH_MAX - 1);
        for (size_t j = 0; j < k; j++)
            if (!strcmp(path, p[j].path)) return cf_error_set(err, CF_EINVAL, path, "fitted twice");
        if (!isfinite(p[k].lower) || !isfinite(p[k].upper) || !(p[k].lower < p[k].upper))
            return cf_error_set(err, CF_EINVAL, path, "bounds [%g, %g]: need finite lower < upper", p[k].lower,
                                p[k].upper);
        if (!strcmp(path, "initial_soc")) {
            *soc_index = (int)k;
            if (p[k].lower < 0 || p[k].upper > 1)
                return cf_error_set(err, CF_EINVAL, path, "bounds [%g, %g] outside the allowed range [0, 1]",
                                    p[k].lower, p[k].upper);
        }
        int ls = p[k].log_scale;
        if (ls < 0) ls = p[k].lower > 0 && p[k].upper / p[k].lower >= 10;
        if (ls && !(p[k].lower > 0))
            return cf_error_set(err, CF_EINVAL, path, "a log scale needs positive bounds, not [%g, %g]", p[k].lower,
                                p[k].upper);
        log_scale[k] = ls;
        if (!isnan(p[k].initial) && !(p[k].initial > p[k].lower && p[k].initial < p[k].upper))
            return cf_error_set(err, CF_EINVAL, path, "initial value %g is not inside the bounds (%g, %g)",
                                p[k].initial, p[k].lower, p[k].upper);
    }
    return CF_OK;
}

static int check_options(const cf_fit_options *o, cf_error *err)
{
    if (!(o->sigma_V > 0) || !isfinite(o->sigma_V))
        return cf_error_set(err, CF_EINVAL, "--sigma", "%g V: the voltage noise must be > 0", o->sigma_V);
    if (o->max_iter < 1 || o->max_iter > 10000)
        return cf_error_set(err, CF_EINVAL, "--max-iter", "%d outside the allowed range [1, 10000]", o->max_iter);
    if (!(o->fd_step > 0 && o->fd_step <= 0.1))
        return cf_error_set(err, CF_EINVAL, "fd_step", "%g outside the allowed range (0, 0.1]", o->fd_step);
    if (!(o->confidence > 0 && o->confidence < 1))
        return cf_error_set(err, CF_EINVAL, "--confidence", "%g outside the allowed range (0, 1)", o->confidence);
    if (!isnan(o->initial_soc) && !(o->initial_soc >= 0 && o->initial_soc <= 1))
        return cf_error_set(err, CF_EINVAL, "--initial-soc", "%g outside the allowed range [0, 1]", o->initial_soc);
    if (!(o->max_condition > 1))
        return cf_error_set(err, CF_EINVAL, "max_condition", "%g: must be > 1", o->max_condition);
    return CF_OK;
}

/* One output row per data spacing (no finer than the span / 50000): the
 * solver's dense output at the data times, interpolated linearly between. */
static double output_dt(const cf_fit_data *d)
{
    double span = d->t_s[d->n - 1] - d->t_s[0], dt = span;
    for (size_t i = 0; i + 1 < d->n; i++) dt = fmin(dt, d->t_s[i + 1] - d->t_s[i]);
    return fmax(dt, span / 50000);
}

void cf_fit_result_free(cf_fit_result *r)
{
    if (!r) return;
    free(r->model_V);
    free(r->cell_json);
    free(r);
}

int cf_fit_run(const char *cell, const cf_fit_data *data, const cf_fit_param *params, size_t n_params,
               const cf_fit_options *opt_in, cf_fit_result **out, cf_error *err)
{
    *out = NULL;
    double t_start = now_s();
    cf_fit_options opt;
    if (opt_in) opt = *opt_in;
    else cf_fit_options_default(&opt);
    run_ctx c = {0};
    int rc = check_options(&opt, err);
    if (!rc) rc = check_params(params, n_params, c.log_scale, &c.soc_index, err);
    if (rc) return rc;
    if (!data || data->n < 3 || data->n <= n_params)
        return cf_error_set(err, CF_EINVAL, "data", "%zu data points for %zu parameters: a fit needs at least 3 and "
                            "more points than parameters", data ? data->n : 0, n_params);
    c.data = data;
    c.params = params;
    c.np = n_params;
    c.opt = opt;
    c.opt.model.output_dt_s = output_dt(data);
    c.opt.model.store_states = 0;
    rc = fit_base_json(cell, &c.base, c.stem, sizeof c.stem, err);
    if (rc) return rc;
    cf_fit_result *res = calloc(1, sizeof *res);
    c.tau = malloc(data->n * sizeof(double));
    c.model_v = malloc(data->n * sizeof(double));
    c.seg_t = malloc(data->n * sizeof(double));
    if (res) res->model_V = malloc(data->n * sizeof(double));
    if (!res || !c.tau || !c.model_v || !c.seg_t || !res->model_V) {
        rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
        goto done;
    }
    c.v_lo = INFINITY;
    c.v_hi = -INFINITY;
    for (size_t i = 0; i < data->n; i++) {
        c.tau[i] = data->t_s[i] - data->t_s[0];
        c.v_lo = fmin(c.v_lo, data->voltage_V[i]);
        c.v_hi = fmax(c.v_hi, data->voltage_V[i]);
    }
    c.v_lo -= 0.5;
    c.v_hi += 0.5;
    for (size_t i = 0; i < data->n; i++) c.i_step = fmax(c.i_step, fabs(data->current_A[i]));
    c.i_step *= 0.01;

    fit_problem prob = {.n = data->n, .p = n_params, .f = residuals, .user = &c, .max_iter = opt.max_iter,
                        .confidence = opt.confidence, .max_condition = opt.max_condition};
    double val0[CF_FIT_MAX_PARAMS];
    for (size_t k = 0; k < n_params; k++) {
        const cf_fit_param *p = &params[k];
        prob.names[k] = p->path;
        prob.lo[k] = c.log_scale[k] ? log(p->lower) : p->lower;
        prob.hi[k] = c.log_scale[k] ? log(p->upper) : p->upper;
        prob.s0[k] = isnan(p->initial) ? 0.5 * (prob.lo[k] + prob.hi[k])
                     : c.log_scale[k] ? log(p->initial) : p->initial;
        prob.fd_step[k] = opt.fd_step * (prob.hi[k] - prob.lo[k]);
        val0[k] = to_value(&c, k, prob.s0[k]);
    }
    /* The parameters and the model must work at the start: an unknown key
     * or a value the cell refuses is the user's to fix, not the optimiser's. */
    rc = model_voltage(&c, val0, c.model_v, err);
    if (rc) goto done;

    fit_outcome fo;
    rc = fit_solve(&prob, &fo, err);
    if (rc && rc != CF_EINVAL) goto done;
    res->n_params = n_params;
    res->n_points = data->n;
    for (size_t k = 0; k < n_params; k++) {
        cf_fit_param_result *pr = &res->params[k];
        snprintf(pr->path, sizeof pr->path, "%s", params[k].path);
        pr->initial = val0[k];
        pr->value = to_value(&c, k, fo.s[k]);
        pr->std_error = fo.se[k];
        pr->lower_ci = to_value(&c, k, fo.lo_ci[k]);
        pr->upper_ci = to_value(&c, k, fo.hi_ci[k]);
        pr->log_scale = c.log_scale[k];
        pr->at_bound = fo.at_bound[k];
        for (size_t j = 0; j < n_params; j++) res->correlation[k * n_params + j] = fo.corr[k * n_params + j];
    }
    res->chi2 = fo.chi2;
    res->rms_V = sqrt(fo.chi2 / (double)data->n) * opt.sigma_V;
    res->initial_rms_V = sqrt(fo.chi2_initial / (double)data->n) * opt.sigma_V;
    res->condition = fo.condition;
    res->iterations = fo.iterations;
    snprintf(res->stop, sizeof res->stop, "%s", fo.stop);
    {
        double val[CF_FIT_MAX_PARAMS];
        for (size_t k = 0; k < n_params; k++) val[k] = res->params[k].value;
        cf_error e2;
        cf_error_clear(&e2);
        int r2 = model_voltage(&c, val, res->model_V, &e2);
        json_t *edited = NULL;
        cf_cell *fc = NULL;
        if (!r2) r2 = trial_cell(&c, val, &fc, &edited, &e2);
        cf_cell_free(fc);
        if (!r2) {
            res->cell_json = cf_json_dumps(edited, JSON_INDENT(2) | JSON_REAL_PRECISION(10) | JSON_PRESERVE_ORDER);
            json_decref(edited);
        }
        if (r2 && !rc) rc = (cf_error_set(err, e2.code, e2.where, "%s", e2.message), e2.code);
        if (!r2 && !res->cell_json && !rc) rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    }
    res->simulations = c.simulations;
    res->wall_s = now_s() - t_start;
    *out = res;
    res = NULL;
done:
    cf_fit_result_free(res);
    free(c.tau);
    free(c.model_v);
    free(c.seg_t);
    json_decref(c.base);
    return rc;
}

char *cf_fit_result_json(const cf_fit_result *r, const cf_fit_options *opt)
{
    json_t *root = json_object(), *params = json_array();
    if (!root || !params) {
        json_decref(root);
        json_decref(params);
        return NULL;
    }
    for (size_t k = 0; k < r->n_params; k++) {
        const cf_fit_param_result *p = &r->params[k];
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(p->path));
        json_object_set_new(o, "initial", json_real(p->initial));
        json_object_set_new(o, "value", json_real(p->value));
        if (isfinite(p->lower_ci) && isfinite(p->upper_ci)) {
            json_object_set_new(o, "lower", json_real(p->lower_ci));
            json_object_set_new(o, "upper", json_real(p->upper_ci));
        }
        json_object_set_new(o, "scale", json_string(p->log_scale ? "log" : "linear"));
        json_object_set_new(o, "at_bound", json_boolean(p->at_bound));
        json_array_append_new(params, o);
    }
    json_object_set_new(root, "parameters", params);
    json_object_set_new(root, "confidence", json_real(opt ? opt->confidence : 0.95));
    json_object_set_new(root, "points", json_integer((json_int_t)r->n_points));
    json_object_set_new(root, "rms_V", json_real(r->rms_V));
    json_object_set_new(root, "initial_rms_V", json_real(r->initial_rms_V));
    if (isfinite(r->condition)) json_object_set_new(root, "condition", json_real(r->condition));
    json_object_set_new(root, "iterations", json_integer(r->iterations));
    json_object_set_new(root, "simulations", json_integer(r->simulations));
    json_object_set_new(root, "stop", json_string(r->stop));
    char *s = cf_json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(root);
    return s;
}
