/* run_one.c — one run of a sweep: build the variant, simulate and/or
 * design it, and turn the figures into a CSV row.
 *
 * A worker keeps the last cell and its plan.  Plans are built for one cell,
 * and plan.c copies the cell (temperature included) into the plan with no
 * setter for T afterwards, so a plan is reused while only the C-rate and the
 * SOC change, and rebuilt when the cell or the temperature does.  Building a
 * plan costs about 0.4 ms against about 20 ms for a DFN discharge (mesh 20),
 * so the rebuilds are cheap.  A run always starts from cf_sim_reset, which
 * makes its result independent of the runs the worker did before: the same
 * run gives the same bits on any thread (checked by test_sweep_exec).
 *
 * A simulating recipe sweep builds the recipe variant, computes its design
 * (and claims) and converts it with cf_recipe_to_cell; the design figures
 * are kept with the cell, since both depend on the path values only. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_experiment.h"
#include "params/cell_json_internal.h"
#include "sweep/sweep_internal.h"

typedef struct {
    double v[SW_OUT_CLAIM]; /* by sw_out_kind; NAN = not available        */
    int have_claims;
    /* a simulation that failed after computing rows: its figures are from
     * the rows up to the failure, and the row says so beside the message */
    int stopped_early;
    cf_run_end end;
} figures;

struct cf_sweep_worker {
    const cf_sweep *s;
    json_t *base;         /* the worker's own copy of the base JSON        */
    double *vals;         /* this run's values, one per dimension          */
    double *cell_vals;    /* the values `cell` was built with              */
    cf_cell *cell;
    double cell_T;        /* the cell's own temperature (K)                */
    cf_plan *plan;
    double plan_T;        /* the temperature the plan was built for        */
    cf_design *design;    /* recipe sweeps                                 */
    cf_claims_report *claims;
    figures cell_design;  /* simulating recipe sweeps: design of `cell`    */
    int want_claims;      /* some output is a claim status                 */
};

int sw_cell_from_json(const json_t *root, const char *stem, cf_cell **out, cf_error *err)
{
    return cf_cell_json_read_params(root, stem, out, err);
}

int sw_build_variant(const cf_sweep *s, const json_t *base, size_t run, cf_cell **cell, cf_recipe **recipe,
                     cf_error *err)
{
    if (cell) *cell = NULL;
    if (recipe) *recipe = NULL;
    json_t *copy = json_deep_copy(base);
    if (!copy) return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory");
    int rc = CF_OK;
    for (size_t d = 0; d < s->n_dims && !rc; d++) {
        const sw_dim *dim = &s->dims[d];
        if (dim->kind != SW_DIM_PATH) continue;
        rc = sw_json_set_path(copy, dim->seg, dim->depth, json_real(cf_sweep_value(s, run, d)), dim->name, err);
    }
    if (!rc && s->base_kind == SW_BASE_CELL) {
        rc = sw_cell_from_json(copy, s->stem, cell, err);
    } else if (!rc) {
        char *text = json_dumps(copy, JSON_COMPACT | JSON_REAL_PRECISION(17));
        rc = text ? cf_recipe_parse(text, "recipe", recipe, err) : cf_error_set(err, CF_ENOMEM, "sweep", "out of memory");
        free(text);
    }
    json_decref(copy);
    return rc;
}

int cf_sweep_worker_new(const cf_sweep *s, cf_sweep_worker **out, cf_error *err)
{
    *out = NULL;
    cf_sweep_worker *w = calloc(1, sizeof *w);
    if (!w) return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory");
    w->s = s;
    /* Own copy: threads never share jansson values, whatever the jansson
     * version's rules on concurrent reads. */
    w->base = json_deep_copy(s->base_json);
    size_t nd = s->n_dims ? s->n_dims : 1;
    w->vals = calloc(nd, sizeof(double));
    w->cell_vals = calloc(nd, sizeof(double));
    int recipe = s->base_kind == SW_BASE_RECIPE;
    if (recipe) {
        w->design = malloc(sizeof *w->design);
        w->claims = malloc(sizeof *w->claims);
    }
    for (size_t k = 0; k < s->n_outputs; k++) w->want_claims |= s->outputs[k].kind == SW_OUT_CLAIM;
    if (!w->base || !w->vals || !w->cell_vals || (recipe && (!w->design || !w->claims))) {
        cf_sweep_worker_free(w);
        return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory");
    }
    *out = w;
    return CF_OK;
}

void cf_sweep_worker_free(cf_sweep_worker *w)
{
    if (!w) return;
    cf_plan_free(w->plan);
    cf_cell_free(w->cell);
    json_decref(w->base);
    free(w->vals);
    free(w->cell_vals);
    free(w->design);
    free(w->claims);
    free(w);
}

static double dim_value(const cf_sweep_worker *w, sw_dim_kind kind, double fallback)
{
    for (size_t d = 0; d < w->s->n_dims; d++)
        if (w->s->dims[d].kind == kind) return w->vals[d];
    return fallback;
}

/* The design figures (and claim statuses, if wanted) of a recipe variant.
 * In a design-only sweep capacity_Ah and energy_Wh are the design's too. */
static int design_figures(cf_sweep_worker *w, const cf_recipe *r, figures *f, cf_error *err)
{
    int rc = cf_design_compute(r, w->design, err);
    if (rc) return rc;
    const cf_design *d = w->design;
    f->v[SW_OUT_DESIGN_CAPACITY] = d->capacity_Ah;
    f->v[SW_OUT_DESIGN_ENERGY] = d->energy_Wh;
    f->v[SW_OUT_WH_KG] = d->wh_per_kg;
    f->v[SW_OUT_WH_L] = d->wh_per_L;
    f->v[SW_OUT_NP] = d->np_ratio;
    f->v[SW_OUT_MASS_G] = d->mass_g;
    f->v[SW_OUT_VOLUME_CM3] = d->volume_cm3;
    if (!w->s->simulate) {
        f->v[SW_OUT_CAPACITY] = d->capacity_Ah;
        f->v[SW_OUT_ENERGY] = d->energy_Wh;
    }
    if (w->want_claims) {
        rc = cf_claims_check(r, NULL, w->claims, err);
        f->have_claims = !rc;
    }
    return rc;
}

static int design(cf_sweep_worker *w, size_t run, figures *f, cf_error *err)
{
    cf_recipe *r = NULL;
    int rc = sw_build_variant(w->s, w->base, run, NULL, &r, err);
    if (!rc) rc = design_figures(w, r, f, err);
    cf_recipe_free(r);
    return rc;
}

/* A simulating recipe sweep's cell: the variant's design, then the cell. */
static int recipe_cell(cf_sweep_worker *w, size_t run, cf_error *err)
{
    cf_recipe *r = NULL;
    int rc = sw_build_variant(w->s, w->base, run, NULL, &r, err);
    memset(&w->cell_design, 0, sizeof w->cell_design);
    for (size_t k = 0; k < SW_OUT_CLAIM; k++) w->cell_design.v[k] = NAN;
    if (!rc) rc = design_figures(w, r, &w->cell_design, err);
    if (!rc) rc = cf_recipe_to_cell(r, &w->cell, err);
    cf_recipe_free(r);
    return rc;
}

/* The run's cell: the last one again when no path value changed. */
static int ensure_cell(cf_sweep_worker *w, size_t run, cf_error *err)
{
    const cf_sweep *s = w->s;
    if (w->cell) {
        int same = 1;
        for (size_t d = 0; d < s->n_dims && same; d++)
            if (s->dims[d].kind == SW_DIM_PATH) same = w->vals[d] == w->cell_vals[d];
        if (same) return CF_OK;
    }
    cf_plan_free(w->plan);
    w->plan = NULL;
    cf_cell_free(w->cell);
    w->cell = NULL;
    int rc = s->base_kind == SW_BASE_RECIPE ? recipe_cell(w, run, err)
             : s->has_path_dims             ? sw_build_variant(s, w->base, run, &w->cell, NULL, err)
                                            : cf_cell_copy(s->base_cell, &w->cell, err);
    if (rc) return rc;
    memcpy(w->cell_vals, w->vals, s->n_dims * sizeof(double));
    w->cell_T = w->cell->T_K;
    return CF_OK;
}

static int ensure_plan(cf_sweep_worker *w, double T_K, cf_error *err)
{
    if (w->plan && w->plan_T == T_K) return CF_OK;
    cf_plan_free(w->plan);
    w->plan = NULL;
    w->cell->T_K = T_K;
    if (T_K != w->cell_T) w->cell->thermal.T_ambient_K = T_K; /* a swept temperature: the cell's and its room's */
    int rc = cf_plan_new(w->cell, &w->s->model, &w->plan, err);
    if (!rc) w->plan_T = T_K;
    return rc;
}

static void solution_figures(const cf_solution *sol, figures *f)
{
    size_t last = sol->n - 1;
    double vmin = INFINITY, vmax = -INFINITY;
    for (size_t i = 0; i < sol->n; i++) {
        if (sol->voltage[i] < vmin) vmin = sol->voltage[i];
        if (sol->voltage[i] > vmax) vmax = sol->voltage[i];
    }
    f->v[SW_OUT_MIN_V] = vmin;
    f->v[SW_OUT_MAX_V] = vmax;
    f->v[SW_OUT_DURATION] = sol->t[last] - sol->t[0];
    f->v[SW_OUT_FINAL_V] = sol->voltage[last];
    /* the cell's temperature (the through-cell model's mean at the end and
     * hottest point at any time; the lumped model's one; else the set one) */
    double tmax = -INFINITY;
    for (size_t i = 0; i < sol->n; i++) tmax = fmax(tmax, sol->temperature_max_K[i]);
    f->v[SW_OUT_FINAL_T] = sol->temperature_K[last] - 273.15;
    f->v[SW_OUT_MAX_T] = tmax - 273.15;
}

static int simulate(cf_sweep_worker *w, size_t run, figures *f, cf_error *err)
{
    const cf_sweep *s = w->s;
    int rc = ensure_cell(w, run, err);
    if (rc) return rc;
    if (s->base_kind == SW_BASE_RECIPE) *f = w->cell_design;
    double T_C = dim_value(w, SW_DIM_TEMPERATURE, s->temperature_C);
    if ((rc = ensure_plan(w, isnan(T_C) ? w->cell_T : T_C + 273.15, err))) return rc;
    double soc = dim_value(w, SW_DIM_SOC, s->soc);
    cf_solution *sol = NULL;
    if (s->protocol) {
        cf_experiment_options eo;
        cf_experiment_options_default(&eo);
        eo.initial_soc = soc;
        cf_experiment_result *res = NULL;
        rc = cf_simulate_protocol(w->plan, s->protocol, &eo, &sol, &res, err);
        if (!rc && sol->n == 0)
            rc = cf_error_set(err, CF_ELIMIT, "protocol",
                              "no step could run: every step's end condition already holds at its start");
        if (!rc || (sol && sol->n > 0)) {
            double dis_ah = 0, dis_wh = 0, ch_ah = 0;
            for (size_t i = 0; i < res->n; i++) {
                dis_ah += res->cycles[i].discharge_Ah;
                dis_wh += res->cycles[i].discharge_Wh;
                ch_ah += res->cycles[i].charge_Ah;
            }
            f->v[SW_OUT_CAPACITY] = dis_ah;
            f->v[SW_OUT_ENERGY] = dis_wh;
            f->v[SW_OUT_CHARGE_AH] = ch_ah;
        }
        cf_experiment_result_free(res);
    } else {
        double crate = dim_value(w, SW_DIM_CRATE, s->crate);
        /* the same default start as `cellforge simulate --crate X` */
        if (isnan(soc)) soc = cf_cell_start_soc(w->cell, crate);
        rc = isnan(soc) ? cf_sim_reset(w->plan, err) : cf_sim_reset_soc(w->plan, soc, err);
        if (!rc) rc = cf_sim_run_crate(w->plan, crate, &sol, err);
        if (sol) { /* (after a failure: the rows up to it) */
            double q = sol->capacity_Ah[sol->n - 1];
            f->v[SW_OUT_CAPACITY] = fabs(q);
            f->v[SW_OUT_ENERGY] = fabs(sol->energy_Wh[sol->n - 1]);
            f->v[SW_OUT_CHARGE_AH] = crate < 0 ? fabs(q) : 0.0;
        }
    }
    if (sol && sol->n > 0) solution_figures(sol, f);
    if (rc && sol && sol->n > 0) {
        f->stopped_early = 1;
        f->end = sol->end;
    }
    cf_solution_free(sol);
    if (rc) {
        /* Start the next run from a fresh plan, so no trace of a failed
         * solve can reach it. */
        cf_plan_free(w->plan);
        w->plan = NULL;
    }
    return rc;
}

static const char *claim_status(const cf_sweep_worker *w, const sw_output *o)
{
    for (size_t i = 0; i < w->claims->n; i++)
        if (strcmp(w->claims->r[i].seed, o->seed) == 0 && w->claims->r[i].claim == o->claim)
            return cf_claim_status_name(w->claims->r[i].status);
    return "";
}

static int format_row(cf_sweep_worker *w, size_t run, const figures *f, int failed, const cf_error *e, char **row)
{
    const cf_sweep *s = w->s;
    sw_buf b = {0};
    int rc = sw_buf_printf(&b, "%zu", run);
    for (size_t d = 0; d < s->n_dims && !rc; d++) {
        rc = sw_buf_printf(&b, ",");
        if (!rc) rc = sw_buf_exact(&b, w->vals[d]);
    }
    int empty = failed && !f->stopped_early; /* a run stopped early has figures up to the stop */
    for (size_t k = 0; k < s->n_outputs && !rc; k++) {
        const sw_output *o = &s->outputs[k];
        if (empty) rc = sw_buf_printf(&b, ",");
        else if (o->kind == SW_OUT_CLAIM) rc = sw_buf_printf(&b, ",%s", f->have_claims ? claim_status(w, o) : "");
        else if (isfinite(f->v[o->kind])) rc = sw_buf_printf(&b, ",%.10g", f->v[o->kind]);
        else rc = sw_buf_printf(&b, ","); /* not defined for this run: empty, never NaN */
    }
    if (!rc) rc = sw_buf_printf(&b, ",");
    if (!rc && failed) {
        char msg[sizeof e->where + sizeof e->message + 96];
        int used = 0;
        if (f->stopped_early)
            used = snprintf(msg, sizeof msg, "stopped early (%s) at t = %.1f s, figures up to there: ",
                            cf_end_reason_code(f->end.reason), f->end.t_s);
        snprintf(msg + used, sizeof msg - (size_t)used, "%s%s%s", e->where, e->where[0] ? ": " : "", e->message);
        rc = sw_buf_csv_text(&b, msg);
    }
    if (rc) {
        free(b.p);
        return rc;
    }
    *row = b.p;
    return CF_OK;
}

int cf_sweep_worker_run(cf_sweep_worker *w, size_t run, char **row, cf_error *err)
{
    *row = NULL;
    const cf_sweep *s = w->s;
    if (run >= s->n_runs)
        return cf_error_set(err, CF_EINVAL, "run", "run %zu is outside the sweep's range [0, %zu]", run,
                            s->n_runs - 1);
    for (size_t d = 0; d < s->n_dims; d++) w->vals[d] = cf_sweep_value(s, run, d);
    figures f;
    memset(&f, 0, sizeof f);
    for (size_t k = 0; k < SW_OUT_CLAIM; k++) f.v[k] = NAN;
    cf_error e;
    cf_error_clear(&e);
    int rc = s->simulate ? simulate(w, run, &f, &e) : design(w, run, &f, &e);
    if (rc == CF_ENOMEM) return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory in run %zu", run);
    if (format_row(w, run, &f, rc != CF_OK, &e, row))
        return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory formatting run %zu", run);
    return CF_OK;
}
