/* lm.c — a small Levenberg–Marquardt least-squares fitter.
 *
 * Problems here are small (≤ 10 parameters, ≤ ~10⁵ residuals), so the normal
 * equations with Marquardt's diagonal scaling and a dense Cholesky solve are
 * accurate enough and simple.  The Jacobian is by central differences: the
 * peak models are cheap and this keeps each caller to a residual function.
 * Box bounds are handled by clamping each trial step, which suffices for
 * bounds that are physical limits (height ≥ 0, 0 ≤ η ≤ 1) rather than
 * active constraints at the optimum. */
#include "charact_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int cf_spd_solve(double *a, double *b, size_t n)
{
    /* In-place Cholesky A = L Lᵀ (lower triangle), then two triangular solves. */
    for (size_t j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (size_t k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
        if (!(d > 0.0) || !isfinite(d)) return -1;
        d = sqrt(d);
        a[j * n + j] = d;
        for (size_t i = j + 1; i < n; i++) {
            double s = a[i * n + j];
            for (size_t k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = s / d;
        }
    }
    for (size_t i = 0; i < n; i++) {
        double s = b[i];
        for (size_t k = 0; k < i; k++) s -= a[i * n + k] * b[k];
        b[i] = s / a[i * n + i];
    }
    for (size_t i = n; i-- > 0;) {
        double s = b[i];
        for (size_t k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
        b[i] = s / a[i * n + i];
    }
    return 0;
}

int cf_spd_invert(double *a, size_t n)
{
    double l[CF_LM_MAXP * CF_LM_MAXP], col[CF_LM_MAXP], inv[CF_LM_MAXP * CF_LM_MAXP];
    if (n == 0 || n > CF_LM_MAXP) return -1;
    for (size_t j = 0; j < n; j++) {
        memcpy(l, a, n * n * sizeof *l);
        for (size_t i = 0; i < n; i++) col[i] = (i == j);
        if (cf_spd_solve(l, col, n) != 0) return -1;
        for (size_t i = 0; i < n; i++) inv[i * n + j] = col[i];
    }
    /* Symmetrise: round-off makes the two halves differ in the last bits. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) a[i * n + j] = 0.5 * (inv[i * n + j] + inv[j * n + i]);
    return 0;
}

static double sumsq(const double *r, size_t m)
{
    double s = 0.0;
    for (size_t i = 0; i < m; i++) s += r[i] * r[i];
    return s;
}

static void clamp(const cf_lm_problem *pb, double *p)
{
    for (size_t j = 0; j < pb->np; j++) {
        if (pb->lower && p[j] < pb->lower[j]) p[j] = pb->lower[j];
        if (pb->upper && p[j] > pb->upper[j]) p[j] = pb->upper[j];
    }
}

/* Central-difference Jacobian, column j in jac[j*m ...].  Steps stay inside
 * the bounds (one-sided at a bound) so the model is never asked about
 * parameters it cannot evaluate.  Returns -1 if the model refuses a point. */
static int jacobian(const cf_lm_problem *pb, cf_lm_fn fn, void *ctx, const double *p, double *jac,
                    double *r1, double *r2)
{
    double q[CF_LM_MAXP];
    for (size_t j = 0; j < pb->np; j++) {
        double sc = pb->scale ? pb->scale[j] : 1.0;
        double h = 1e-6 * fmax(fabs(p[j]), sc);
        double lo = p[j] - h, hi = p[j] + h;
        if (pb->lower && lo < pb->lower[j]) lo = p[j];
        if (pb->upper && hi > pb->upper[j]) hi = p[j];
        if (hi == lo) return -1;
        memcpy(q, p, pb->np * sizeof *q);
        q[j] = hi;
        if (fn(q, r1, ctx) != 0) return -1;
        q[j] = lo;
        if (fn(q, r2, ctx) != 0) return -1;
        double inv = 1.0 / (hi - lo);
        for (size_t i = 0; i < pb->m; i++) jac[j * pb->m + i] = (r1[i] - r2[i]) * inv;
    }
    return 0;
}

static void normal_equations(const cf_lm_problem *pb, const double *jac, const double *r, double *a,
                             double *g)
{
    size_t m = pb->m, np = pb->np;
    for (size_t i = 0; i < np; i++) {
        double s = 0.0;
        for (size_t k = 0; k < m; k++) s += jac[i * m + k] * r[k];
        g[i] = s;
        for (size_t j = 0; j <= i; j++) {
            double t = 0.0;
            for (size_t k = 0; k < m; k++) t += jac[i * m + k] * jac[j * m + k];
            a[i * np + j] = a[j * np + i] = t;
        }
    }
}

int cf_lm_fit(const cf_lm_problem *pb, cf_lm_fn fn, void *ctx, double *p, cf_lm_result *res,
              cf_error *err)
{
    memset(res, 0, sizeof *res);
    size_t m = pb->m, np = pb->np;
    if (np == 0 || np > CF_LM_MAXP || m <= np)
        return cf_error_set(err, CF_EINVAL, "fit", "need more data points (%zu) than parameters (%zu)",
                            m, np);
    double *work = malloc((np + 3) * m * sizeof *work);
    if (!work) return cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    double *jac = work, *r = work + np * m, *r1 = r + m, *r2 = r1 + m;
    double a[CF_LM_MAXP * CF_LM_MAXP], g[CF_LM_MAXP], step[CF_LM_MAXP], trial[CF_LM_MAXP];
    double lam = 1e-3;
    int max_iter = pb->max_iter > 0 ? pb->max_iter : 200;
    int rc = CF_OK;

    clamp(pb, p);
    if (fn(p, r, ctx) != 0) {
        rc = cf_error_set(err, CF_ESOLVER, "fit", "the starting point is outside the model's domain");
        goto done;
    }
    double cost = sumsq(r, m);
    int it;
    for (it = 0; it < max_iter; it++) {
        if (jacobian(pb, fn, ctx, p, jac, r1, r2) != 0) {
            rc = cf_error_set(err, CF_ESOLVER, "fit", "cannot evaluate the model's derivatives");
            goto done;
        }
        normal_equations(pb, jac, r, a, g);
        double dmax = 0.0;
        for (size_t i = 0; i < np; i++) dmax = fmax(dmax, a[i * np + i]);
        int accepted = 0;
        double new_cost = cost;
        while (!accepted) {
            double aa[CF_LM_MAXP * CF_LM_MAXP];
            memcpy(aa, a, np * np * sizeof *aa);
            for (size_t i = 0; i < np; i++) {
                double d = fmax(a[i * np + i], 1e-15 * dmax + DBL_MIN);
                aa[i * np + i] += lam * d;
                step[i] = -g[i];
            }
            if (cf_spd_solve(aa, step, np) == 0) {
                for (size_t i = 0; i < np; i++) trial[i] = p[i] + step[i];
                clamp(pb, trial);
                if (fn(trial, r1, ctx) == 0) {
                    new_cost = sumsq(r1, m);
                    if (isfinite(new_cost) && new_cost <= cost) accepted = 1;
                }
            }
            if (!accepted) {
                lam *= 10.0;
                if (lam > 1e16) break;
            }
        }
        if (!accepted) { /* no downhill step at any damping: a (local) minimum */
            res->converged = 1;
            break;
        }
        int small = 1;
        for (size_t i = 0; i < np; i++) {
            double sc = pb->scale ? pb->scale[i] : 1.0;
            if (fabs(trial[i] - p[i]) > 1e-10 * (fabs(p[i]) + 1e-6 * sc)) small = 0;
        }
        double drop = cost - new_cost;
        memcpy(p, trial, np * sizeof *p);
        memcpy(r, r1, m * sizeof *r);
        cost = new_cost;
        lam = fmax(lam / 10.0, 1e-12);
        if (small || drop <= 1e-14 * cost) {
            res->converged = 1;
            it++;
            break;
        }
    }
    res->iterations = it;
    res->rss = cost;
    res->s2 = cost / (double)(m - np);
    /* Covariance from the Jacobian at the solution. */
    if (jacobian(pb, fn, ctx, p, jac, r1, r2) == 0) {
        normal_equations(pb, jac, r, a, g);
        if (cf_spd_invert(a, np) == 0) {
            for (size_t i = 0; i < np * np; i++) res->cov[i] = a[i] * res->s2;
            res->cov_ok = 1;
        }
    }
    for (size_t j = 0; j < np; j++) {
        double sc = pb->scale ? pb->scale[j] : 1.0;
        double tol = 1e-9 * fmax(fabs(p[j]), sc);
        res->at_bound[j] = (pb->lower && p[j] <= pb->lower[j] + tol) ||
                           (pb->upper && p[j] >= pb->upper[j] - tol);
    }
done:
    free(work);
    return rc;
}
