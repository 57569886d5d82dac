#define _POSIX_C_SOURCE 200809L
/* fit_ocv.c — OCV balancing: the electrodes' stoichiometry windows from a
 * slow (near open-circuit) curve and the two electrodes' OCPs.
 *
 * On a curve slow enough that overpotentials are negligible, the cell
 * voltage after removing charge Q (Ah) from the first point is
 *     V(Q) = U_pos(y0 + Q / C_pos) - U_neg(x0 - Q / C_neg)
 * (x0, y0: the electrodes' stoichiometries at the first point; C_neg, C_pos:
 * their capacities, Ah).  Four parameters, fitted by fit_solve; the fitted
 * cell takes the capacities as active volume fractions and x0, y0 as initial
 * concentrations (the curve's first point is the cell's initial state).
 * The method is the usual one of electrode balancing, e.g. Birkl et al.,
 * J. Power Sources 341 (2017) 373. */
#include "fit/fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/json_out.h"

typedef struct {
    const cf_cell *cell;
    const cf_fit_data *data;
    double *q_Ah;  /* removed charge at each point */
    double sigma;
    double *model_v;
} ocv_ctx;

static double ocp(const cf_phase *ph, double sto, double T)
{
    /* Outside [0, 1] the OCP functions are not defined: the curve is held
     * at the end value, which the fit's residuals push back from. */
    sto = fmin(fmax(sto, 1e-6), 1 - 1e-6);
    return cf_fn_eval(&ph->ocp, sto, T, NULL);
}

static void ocv_model(const ocv_ctx *c, const double *s, double *v)
{
    const cf_phase *pn = &c->cell->neg.phase[0], *pp = &c->cell->pos.phase[0];
    double T = c->cell->T_K;
    double x0 = s[0], y0 = s[1], cn = exp(s[2]), cp = exp(s[3]);
    for (size_t i = 0; i < c->data->n; i++) {
        double q = c->q_Ah[i];
        v[i] = ocp(pp, y0 + q / cp, T) - ocp(pn, x0 - q / cn, T);
    }
}

static int ocv_residuals(void *user, const double *s, double *r)
{
    ocv_ctx *c = user;
    ocv_model(c, s, c->model_v);
    for (size_t i = 0; i < c->data->n; i++) r[i] = (c->model_v[i] - c->data->voltage_V[i]) / c->sigma;
    return 0;
}

static double capacity_Ah(const cf_cell *cell, const cf_electrode *e)
{
    return cf_electrode_capacity_mol_m2(e) * cell->area_m2 * CF_FARADAY / 3600;
}

int cf_fit_ocv_balance(const char *cell_name, const cf_fit_data *data, const cf_fit_options *opt_in,
                       cf_fit_result **out, cf_error *err)
{
    *out = NULL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cf_fit_options opt;
    if (opt_in) opt = *opt_in;
    else cf_fit_options_default(&opt);
    if (!(opt.sigma_V > 0) || !(opt.confidence > 0 && opt.confidence < 1) || opt.max_iter < 1)
        return cf_error_set(err, CF_EINVAL, "fit", "options: sigma > 0, confidence in (0, 1), max_iter >= 1");
    if (!data || data->n < 5)
        return cf_error_set(err, CF_EINVAL, "data", "%zu points: an OCV balance needs at least 5",
                            data ? data->n : 0);
    json_t *base = NULL;
    char stem[CF_NAME_MAX];
    int rc = fit_base_json(cell_name, &base, stem, sizeof stem, err);
    cf_cell *cell = NULL;
    if (!rc) rc = fit_cell_from_json(base, stem, &cell, err);
    if (!rc && (cell->neg.n_phases != 1 || cell->pos.n_phases != 1 || cell->neg.planar))
        rc = cf_error_set(err, CF_EINVAL, cell_name, "OCV balancing takes one active material per electrode (this "
                          "cell has %d negative and %d positive)", cell->neg.n_phases, cell->pos.n_phases);
    ocv_ctx c = {.cell = cell, .data = data, .sigma = opt.sigma_V};
    cf_fit_result *res = NULL;
    if (!rc) {
        c.q_Ah = malloc(data->n * sizeof(double));
        c.model_v = malloc(data->n * sizeof(double));
        res = calloc(1, sizeof *res);
        if (res) res->model_V = malloc(data->n * sizeof(double));
        if (!c.q_Ah || !c.model_v || !res || !res->model_V) rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    }
    double qmax = 0;
    if (!rc) {
        c.q_Ah[0] = 0;
        for (size_t i = 1; i < data->n; i++) {
            double dq = 0.5 * (data->current_A[i] + data->current_A[i - 1]) * (data->t_s[i] - data->t_s[i - 1]);
            c.q_Ah[i] = c.q_Ah[i - 1] + dq / 3600;
            qmax = fmax(qmax, fabs(c.q_Ah[i]));
        }
        if (!(qmax > 0))
            rc = cf_error_set(err, CF_EINVAL, "data", "no charge passes in the data: an OCV curve is a slow charge "
                              "or discharge");
    }
    if (rc) goto done;
    double cn0 = capacity_Ah(cell, &cell->neg), cp0 = capacity_Ah(cell, &cell->pos);
    const cf_phase *pn = &cell->neg.phase[0], *pp = &cell->pos.phase[0];
    fit_problem prob = {.n = data->n, .p = 4, .f = ocv_residuals, .user = &c, .max_iter = opt.max_iter,
                        .confidence = opt.confidence, .max_condition = opt.max_condition};
    static const char *const names[4] = {"negative.sto_start", "positive.sto_start", "negative.capacity_Ah",
                                         "positive.capacity_Ah"};
    prob.lo[0] = prob.lo[1] = 0;
    prob.hi[0] = prob.hi[1] = 1;
    prob.s0[0] = fmin(fmax(pn->c_init / pn->c_max, 0.02), 0.98);
    prob.s0[1] = fmin(fmax(pp->c_init / pp->c_max, 0.02), 0.98);
    /* Capacities within a factor 3 of the cell's, and at least the charge
     * the curve passes. */
    prob.lo[2] = log(fmax(cn0 / 3, qmax));
    prob.hi[2] = log(fmax(cn0 * 3, 3 * qmax));
    prob.lo[3] = log(fmax(cp0 / 3, qmax));
    prob.hi[3] = log(fmax(cp0 * 3, 3 * qmax));
    prob.s0[2] = fmin(fmax(log(cn0), prob.lo[2] + 1e-3), prob.hi[2] - 1e-3);
    prob.s0[3] = fmin(fmax(log(cp0), prob.lo[3] + 1e-3), prob.hi[3] - 1e-3);
    for (int k = 0; k < 4; k++) {
        prob.names[k] = names[k];
        prob.fd_step[k] = 1e-6 * (prob.hi[k] - prob.lo[k]) * 100;
    }
    fit_outcome fo;
    rc = fit_solve(&prob, &fo, err);
    if (rc && rc != CF_EINVAL) goto done;
    res->n_params = 4;
    res->n_points = data->n;
    for (int k = 0; k < 4; k++) {
        cf_fit_param_result *p = &res->params[k];
        int lg = k >= 2;
        snprintf(p->path, sizeof p->path, "%s", names[k]);
        p->initial = lg ? exp(prob.s0[k]) : prob.s0[k];
        p->value = lg ? exp(fo.s[k]) : fo.s[k];
        p->std_error = fo.se[k];
        p->lower_ci = lg ? exp(fo.lo_ci[k]) : fo.lo_ci[k];
        p->upper_ci = lg ? exp(fo.hi_ci[k]) : fo.hi_ci[k];
        p->log_scale = lg;
        p->at_bound = fo.at_bound[k];
        for (int j = 0; j < 4; j++) res->correlation[k * 4 + j] = fo.corr[k * 4 + j];
    }
    res->chi2 = fo.chi2;
    res->rms_V = sqrt(fo.chi2 / (double)data->n) * opt.sigma_V;
    res->initial_rms_V = sqrt(fo.chi2_initial / (double)data->n) * opt.sigma_V;
    res->condition = fo.condition;
    res->iterations = fo.iterations;
    res->simulations = fo.evaluations;
    snprintf(res->stop, sizeof res->stop, "%s", fo.stop);
    ocv_model(&c, fo.s, res->model_V);
    {
        /* The fitted cell: capacities through the coatings' thicknesses
         * (loading; porosity and active fraction kept, so the cell stays
         * one the loader takes), the first point's stoichiometries as the
         * initial state. */
        cf_error e2;
        cf_error_clear(&e2);
        double fn = res->params[2].value / cn0, fp = res->params[3].value / cp0;
        int r2 = fit_json_set(base, "negative.thickness_m", cell->neg.thickness_m * fn, &e2);
        if (!r2) r2 = fit_json_set(base, "positive.thickness_m", cell->pos.thickness_m * fp, &e2);
        if (!r2) r2 = fit_json_set(base, "negative.initial_concentration_mol_m3", res->params[0].value * pn->c_max, &e2);
        if (!r2) r2 = fit_json_set(base, "positive.initial_concentration_mol_m3", res->params[1].value * pp->c_max, &e2);
        cf_cell *fc = NULL;
        if (!r2) r2 = fit_cell_from_json(base, stem, &fc, &e2);
        cf_cell_free(fc);
        if (r2 && !rc) {
            rc = cf_error_set(err, CF_EINVAL, cell_name, "the fitted windows make a cell the loader refuses: %s%s%s",
                              e2.where, e2.where[0] ? ": " : "", e2.message);
        } else if (!r2) {
            res->cell_json = cf_json_dumps(base, JSON_INDENT(2) | JSON_REAL_PRECISION(10) | JSON_PRESERVE_ORDER);
            if (!res->cell_json && !rc) rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
        }
    }
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    res->wall_s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (!rc || rc == CF_EINVAL) {
        *out = res;
        res = NULL;
    }
done:
    cf_fit_result_free(res);
    free(c.q_Ah);
    free(c.model_v);
    cf_cell_free(cell);
    json_decref(base);
    return rc;
}
