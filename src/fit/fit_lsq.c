/* fit_lsq.c — bounded weighted least squares over GSL, with intervals.
 *
 * GSL's gsl_multifit_nlinear (trust region, Levenberg–Marquardt with Moré
 * scaling) does the iterations.  It has no bounds, so each parameter is
 * mapped from an unbounded u: s = lo + (hi - lo)(1 + tanh u)/2, s in the
 * fitted scale (log or value).  The Jacobian is forward differences in s
 * (one residual evaluation — one simulation — per parameter), times ds/du.
 *
 * At the optimum the Jacobian J in s is column-scaled and decomposed (SVD):
 * a condition number above the limit, or an interval wider than the
 * parameter's bounds, means some combination of parameters barely changes
 * the residuals — non-identifiable — and is reported instead of intervals.
 * (Forward differences carry a truncation error of O(step) relative, so an
 * exactly dependent pair shows a condition number of only ~1e2-1e3: the
 * interval test is the one that catches it.)  Otherwise cov = (J^T J)^-1 * chi2 / (n - p) and the
 * intervals are s +- t_{(1+c)/2, n-p} * se. */
#include "fit/fit_internal.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const fit_problem *prob;
    double *r_cache;     /* residuals at s_cache */
    double s_cache[CF_FIT_MAX_PARAMS];
    int have_cache;
    gsl_matrix *js;      /* Jacobian in s at js_at */
    double js_at[CF_FIT_MAX_PARAMS];
    int have_js;
    double *r_tmp;
    int evaluations;
    int failed;          /* a residual evaluation could not run at all */
} lsq_ctx;

static void u_to_s(const fit_problem *p, const double *u, double *s)
{
    for (size_t k = 0; k < p->p; k++) s[k] = p->lo[k] + (p->hi[k] - p->lo[k]) * 0.5 * (1 + tanh(u[k]));
}

static double dsdu(const fit_problem *p, size_t k, double u)
{
    double t = tanh(u);
    return (p->hi[k] - p->lo[k]) * 0.5 * (1 - t * t);
}

static int eval_r(lsq_ctx *c, const double *s, double *r)
{
    c->evaluations++;
    int rc = c->prob->f(c->prob->user, s, r);
    if (rc) c->failed = 1;
    return rc;
}

static int cb_f(const gsl_vector *x, void *params, gsl_vector *f)
{
    lsq_ctx *c = params;
    const fit_problem *p = c->prob;
    double s[CF_FIT_MAX_PARAMS];
    u_to_s(p, x->data, s);
    if (eval_r(c, s, c->r_cache)) return GSL_EBADFUNC;
    memcpy(c->s_cache, s, sizeof s);
    c->have_cache = 1;
    for (size_t i = 0; i < p->n; i++) gsl_vector_set(f, i, c->r_cache[i]);
    return GSL_SUCCESS;
}

/* Forward differences in s at s (r0: residuals there), into c->js. */
static int jacobian_s(lsq_ctx *c, const double *s, const double *r0)
{
    const fit_problem *p = c->prob;
    for (size_t k = 0; k < p->p; k++) {
        double sk[CF_FIT_MAX_PARAMS];
        memcpy(sk, s, p->p * sizeof(double));
        /* Step inward from an upper bound so the model stays within it. */
        double h = p->fd_step[k];
        if (sk[k] + h > p->hi[k]) h = -h;
        sk[k] += h;
        if (eval_r(c, sk, c->r_tmp)) return GSL_EBADFUNC;
        for (size_t i = 0; i < p->n; i++) gsl_matrix_set(c->js, i, k, (c->r_tmp[i] - r0[i]) / h);
    }
    memcpy(c->js_at, s, p->p * sizeof(double));
    c->have_js = 1;
    return GSL_SUCCESS;
}

static int cb_df(const gsl_vector *x, void *params, gsl_matrix *J)
{
    lsq_ctx *c = params;
    const fit_problem *p = c->prob;
    double s[CF_FIT_MAX_PARAMS];
    u_to_s(p, x->data, s);
    if (!c->have_cache || memcmp(s, c->s_cache, p->p * sizeof(double))) {
        if (eval_r(c, s, c->r_cache)) return GSL_EBADFUNC;
        memcpy(c->s_cache, s, sizeof s);
        c->have_cache = 1;
    }
    int rc = jacobian_s(c, s, c->r_cache);
    if (rc) return rc;
    for (size_t k = 0; k < p->p; k++) {
        double d = dsdu(p, k, gsl_vector_get(x, k));
        for (size_t i = 0; i < p->n; i++) gsl_matrix_set(J, i, k, gsl_matrix_get(c->js, i, k) * d);
    }
    return GSL_SUCCESS;
}

static double sumsq(const double *r, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += r[i] * r[i];
    return s;
}

/* Intervals from c->js at the optimum s (residuals r). */
static int intervals(lsq_ctx *c, const double *s, fit_outcome *out, cf_error *err)
{
    const fit_problem *p = c->prob;
    size_t n = p->n, np = p->p;
    double d[CF_FIT_MAX_PARAMS];
    for (size_t k = 0; k < np; k++) {
        gsl_vector_view col = gsl_matrix_column(c->js, k);
        d[k] = gsl_blas_dnrm2(&col.vector);
        if (!(d[k] > 0) || !isfinite(d[k])) {
            out->condition = INFINITY;
            return cf_error_set(err, CF_EINVAL, p->names[k],
                                "non-identifiable: changing %s does not change the model voltage at these data "
                                "(its sensitivity is zero): fix it, or fit it to data where it matters",
                                p->names[k]);
        }
    }
    gsl_matrix *a = gsl_matrix_alloc(n, np), *v = gsl_matrix_alloc(np, np);
    gsl_vector *sv = gsl_vector_alloc(np), *work = gsl_vector_alloc(np);
    if (!a || !v || !sv || !work) {
        gsl_matrix_free(a);
        gsl_matrix_free(v);
        gsl_vector_free(sv);
        gsl_vector_free(work);
        return cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < np; k++) gsl_matrix_set(a, i, k, gsl_matrix_get(c->js, i, k) / d[k]);
    gsl_linalg_SV_decomp(a, v, sv, work);
    double smax = gsl_vector_get(sv, 0), smin = gsl_vector_get(sv, np - 1);
    out->condition = smin > 0 ? smax / smin : INFINITY;
    double dof = (double)(n - np);
    double s2 = out->chi2 / dof;
    double tq = gsl_cdf_tdist_Pinv(0.5 * (1 + p->confidence), dof);
    double cov[CF_FIT_MAX_PARAMS][CF_FIT_MAX_PARAMS];
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < np; j++) {
            double acc = 0;
            for (size_t k = 0; k < np; k++) {
                double sk = gsl_vector_get(sv, k);
                if (sk > 0) acc += gsl_matrix_get(v, i, k) * gsl_matrix_get(v, j, k) / (sk * sk);
            }
            cov[i][j] = acc / (d[i] * d[j]) * s2;
        }
    /* Not identified: a (near) dependent Jacobian, or a parameter whose
     * interval is wider than its bounds (the data do not narrow it down). */
    int rc = CF_OK;
    char wide[400] = "";
    size_t wl = 0, n_wide = 0;
    for (size_t k = 0; k < np; k++)
        if (2 * tq * sqrt(cov[k][k]) > p->hi[k] - p->lo[k]) {
            n_wide++;
            int m = snprintf(wide + wl, sizeof wide - wl, "%s%s", wl ? ", " : "", p->names[k]);
            if (m < 0 || (size_t)m >= sizeof wide - wl) break;
            wl += (size_t)m;
        }
    if (!(out->condition <= p->max_condition) || wl) {
        /* The right singular vector of the smallest singular value is the
         * direction the data see least: name its large components. */
        char combo[400] = "";
        size_t len = 0;
        for (size_t k = 0; k < np; k++) {
            double w = gsl_matrix_get(v, k, np - 1);
            if (fabs(w) < 0.2) continue;
            int m = snprintf(combo + len, sizeof combo - len, "%s%+.2f %s", len ? " " : "", w, p->names[k]);
            if (m < 0 || (size_t)m >= sizeof combo - len) break;
            len += (size_t)m;
        }
        rc = cf_error_set(err, CF_EINVAL, "fit",
                          "non-identifiable: %s%s%sthe data do not determine the %zu parameter(s) separately (condition number "
                          "%.3g); the combination %s (in the fitted scale, log for log-scaled parameters) barely "
                          "changes the voltage: fix one of them or add data that separates them",
                          !wl ? "" : n_wide > 1 ? "the intervals of " : "the interval of ", wl ? wide : "",
                          !wl ? "" : n_wide > 1 ? " are wider than their bounds; " : " is wider than its bounds; ", np,
                          out->condition, combo);
    }
    for (size_t k = 0; k < np; k++) {
        out->se[k] = rc ? INFINITY : sqrt(cov[k][k]);
        out->lo_ci[k] = s[k] - tq * out->se[k];
        out->hi_ci[k] = s[k] + tq * out->se[k];
        for (size_t j = 0; j < np; j++)
            out->corr[k * np + j] = rc ? NAN : cov[k][j] / sqrt(cov[k][k] * cov[j][j]);
    }
    gsl_matrix_free(a);
    gsl_matrix_free(v);
    gsl_vector_free(sv);
    gsl_vector_free(work);
    return rc;
}

int fit_solve(const fit_problem *prob, fit_outcome *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = prob->n, np = prob->p;
    if (np == 0 || np > CF_FIT_MAX_PARAMS)
        return cf_error_set(err, CF_EINVAL, "fit", "%zu parameters: fit 1 to %d", np, CF_FIT_MAX_PARAMS);
    if (n <= np)
        return cf_error_set(err, CF_EINVAL, "fit", "%zu data points for %zu parameters: a fit needs more points "
                            "than parameters", n, np);
    /* GSL's default handler aborts the process; the statuses are checked. */
    gsl_set_error_handler_off();
    lsq_ctx c = {.prob = prob};
    c.r_cache = malloc(n * sizeof(double));
    c.r_tmp = malloc(n * sizeof(double));
    c.js = gsl_matrix_alloc(n, np);
    gsl_vector *x = gsl_vector_alloc(np);
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, np);
    int rc = CF_OK;
    if (!c.r_cache || !c.r_tmp || !c.js || !x || !w) {
        rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
        goto done;
    }
    for (size_t k = 0; k < np; k++) {
        double f = (prob->s0[k] - prob->lo[k]) / (prob->hi[k] - prob->lo[k]);
        f = fmin(fmax(f, 1e-6), 1 - 1e-6);
        gsl_vector_set(x, k, atanh(2 * f - 1));
    }
    if (eval_r(&c, prob->s0, c.r_cache)) {
        rc = cf_error_set(err, CF_ESOLVER, "fit", "the model could not run the data at the initial parameters");
        goto done;
    }
    out->chi2_initial = sumsq(c.r_cache, n);
    gsl_multifit_nlinear_fdf fdf = {.f = cb_f, .df = cb_df, .fvv = NULL, .n = n, .p = np, .params = &c};
    int st = gsl_multifit_nlinear_init(x, &fdf, w);
    int info = 0;
    if (!st) st = gsl_multifit_nlinear_driver((size_t)prob->max_iter, 1e-6, 1e-8, 1e-10, NULL, NULL, &info, w);
    out->iterations = (int)gsl_multifit_nlinear_niter(w);
    if (st == GSL_EBADFUNC || (st && c.failed)) {
        rc = cf_error_set(err, CF_ESOLVER, "fit", "the model could not run the data during the iterations");
        goto done;
    }
    snprintf(out->stop, sizeof out->stop, "%s",
             st == GSL_EMAXITER ? "iteration limit reached (not converged)"
             : st               ? gsl_strerror(st)
             : info == 1        ? "converged: small step"
             : info == 2        ? "converged: small gradient"
                                : "converged");
    double s[CF_FIT_MAX_PARAMS];
    gsl_vector *xf = gsl_multifit_nlinear_position(w);
    u_to_s(prob, xf->data, s);
    memcpy(out->s, s, np * sizeof(double));
    for (size_t k = 0; k < np; k++) {
        double f = 0.5 * (1 + tanh(gsl_vector_get(xf, k)));
        out->at_bound[k] = f < 1e-4 || f > 1 - 1e-4;
    }
    /* Residuals and the Jacobian in s exactly at the optimum. */
    if (!c.have_cache || memcmp(s, c.s_cache, np * sizeof(double))) {
        if (eval_r(&c, s, c.r_cache)) {
            rc = cf_error_set(err, CF_ESOLVER, "fit", "the model could not run the data at the optimum");
            goto done;
        }
        memcpy(c.s_cache, s, sizeof s);
        c.have_cache = 1;
    }
    out->chi2 = sumsq(c.r_cache, n);
    if (!c.have_js || memcmp(s, c.js_at, np * sizeof(double))) {
        if (jacobian_s(&c, s, c.r_cache)) {
            rc = cf_error_set(err, CF_ESOLVER, "fit", "the model could not run the data near the optimum");
            goto done;
        }
    }
    rc = intervals(&c, s, out, err);
done:
    out->evaluations = c.evaluations;
    if (w) gsl_multifit_nlinear_free(w);
    gsl_vector_free(x);
    gsl_matrix_free(c.js);
    free(c.r_cache);
    free(c.r_tmp);
    return rc;
}
