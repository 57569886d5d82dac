/* xrd_fit.c — (002) peak fit, d002 by Bragg, Lc by Scherrer.
 *
 * The background is fitted together with the peak (a polynomial in the
 * window) rather than subtracted first: hard-carbon (002) bands are so broad
 * that no part of the window is pure background, and a joint fit carries the
 * background's uncertainty into the peak's.  The peak is a pseudo-Voigt
 * (Gaussian and Lorentzian of one FWHM mixed by η), enough for the band's
 * shape and giving the FWHM directly. */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEG (CF_PI / 180.0)

void cf_xrd_options_default(cf_xrd_options *o)
{
    memset(o, 0, sizeof *o);
    o->window_min_deg = 10.0;
    o->window_max_deg = 35.0;
    o->background_order = 1;
    o->ka2_ratio = 0.5;
    o->scherrer_k = 0.9;
    o->broadening = CF_XRD_BROADENING_GAUSSIAN;
}

double cf_xrd_bragg_d_nm(double two_theta_deg, double lambda_nm)
{
    return lambda_nm / (2.0 * sin(0.5 * two_theta_deg * DEG));
}

double cf_xrd_scherrer_nm(double k, double lambda_nm, double beta_deg, double two_theta_deg)
{
    return k * lambda_nm / (beta_deg * DEG * cos(0.5 * two_theta_deg * DEG));
}

/* ---- the model: p = {H, x0, Γ, η, b0..b_order} ---- */
typedef struct {
    const double *x, *y;
    size_t m;
    double mid, half; /* background variable t = (x − mid)/half ∈ [−1, 1] */
    int order;
} pv_ctx;

static double pseudo_voigt(double x, double x0, double fwhm, double eta)
{
    double u = (x - x0) / fwhm;
    return eta / (1.0 + 4.0 * u * u) + (1.0 - eta) * exp(-4.0 * log(2.0) * u * u);
}

static double background(const double *b, int order, double t)
{
    double s = 0.0;
    for (int k = order; k >= 0; k--) s = s * t + b[k];
    return s;
}

static int pv_resid(const double *p, double *r, void *vctx)
{
    const pv_ctx *c = vctx;
    if (!(p[2] > 0.0)) return -1;
    for (size_t i = 0; i < c->m; i++) {
        double t = (c->x[i] - c->mid) / c->half;
        r[i] = p[0] * pseudo_voigt(c->x[i], p[1], p[2], p[3]) + background(p + 4, c->order, t) - c->y[i];
    }
    return 0;
}

typedef struct {
    double p[CF_LM_MAXP];
    double u[CF_LM_MAXP];
    double noise, r2;
    int iterations;
    int at_bound[CF_LM_MAXP];
    size_t m;
} peak_fit;

/* Moving-average smoothing (half-width w points) used only for start values. */
static void smooth(const double *y, size_t m, size_t w, double *out)
{
    for (size_t i = 0; i < m; i++) {
        size_t a = i >= w ? i - w : 0, b = i + w < m ? i + w : m - 1;
        double s = 0.0;
        for (size_t k = a; k <= b; k++) s += y[k];
        out[i] = s / (double)(b - a + 1);
    }
}

/* Fits one peak + background to x[0..m).  `what` names the peak in messages. */
static int fit_peak(const double *x, const double *y, size_t m, int order, const char *what,
                    peak_fit *pf, cf_error *err)
{
    memset(pf, 0, sizeof *pf);
    size_t np = 4 + (size_t)order + 1;
    if (m < np + 8)
        return cf_error_set(err, CF_EINVAL, what,
                            "only %zu data points in the fit window (need at least %zu)", m, np + 8);
    double *s = calloc(2 * m, sizeof *s); /* zeroed: quiets a false maybe-uninitialized */
    if (!s) return cf_error_set(err, CF_ENOMEM, what, "out of memory");
    double *res = s + m;

    /* Start values: a straight line through the window's two ends as the
     * background, the smoothed maximum above it as the peak, and its
     * half-maximum crossings as the width. */
    size_t k = m / 20 > 3 ? m / 20 : 3;
    double xa = 0, ya = 0, xb = 0, yb = 0;
    for (size_t i = 0; i < k; i++) {
        xa += x[i]; ya += y[i];
        xb += x[m - 1 - i]; yb += y[m - 1 - i];
    }
    xa /= (double)k; ya /= (double)k; xb /= (double)k; yb /= (double)k;
    double slope = (yb - ya) / (xb - xa);
    for (size_t i = 0; i < m; i++) res[i] = y[i] - (ya + slope * (x[i] - xa));
    smooth(res, m, m / 50 > 1 ? m / 50 : 1, s);
    size_t imax = 0;
    for (size_t i = 1; i < m; i++)
        if (s[i] > s[imax]) imax = i;
    double h0 = s[imax];
    double width = x[m - 1] - x[0];
    double noise = cf_noise_sigma(y, m);
    double ymax = 0.0;
    for (size_t i = 0; i < m; i++) ymax = fmax(ymax, fabs(y[i]));
    /* A bump smaller than the noise, or than 0.1 % of the signal when there
     * is no noise, is not worth fitting. */
    if (!(h0 > 3.0 * noise) || !(h0 > 1e-3 * ymax)) {
        free(s);
        return cf_error_set(err, CF_EINVAL, what,
                            "no peak between %.2f and %.2f degrees 2theta: the signal rises at most "
                            "%.3g above a straight background (noise %.3g)",
                            x[0], x[m - 1], h0, noise);
    }
    double xl = NAN, xr = NAN;
    for (size_t i = imax; i-- > 0;)
        if (s[i] < 0.5 * h0) { xl = x[i]; break; }
    for (size_t i = imax + 1; i < m; i++)
        if (s[i] < 0.5 * h0) { xr = x[i]; break; }
    double g0;
    if (isfinite(xl) && isfinite(xr)) g0 = xr - xl;
    else if (isfinite(xl)) g0 = 2.0 * (x[imax] - xl);
    else if (isfinite(xr)) g0 = 2.0 * (xr - x[imax]);
    else g0 = width / 3.0;
    double step = width / (double)(m - 1);
    if (g0 < 2.0 * step) g0 = 2.0 * step;
    free(s);

    pv_ctx c = {x, y, m, 0.5 * (x[0] + x[m - 1]), 0.5 * width, order};
    double *p = pf->p;
    p[0] = h0;
    p[1] = x[imax];
    p[2] = g0;
    p[3] = 0.5;
    for (int j = 0; j <= order; j++) p[4 + j] = 0.0;
    p[4] = ya + slope * (c.mid - xa);
    if (order >= 1) p[5] = slope * c.half;
    double lo[CF_LM_MAXP], hi[CF_LM_MAXP], sc[CF_LM_MAXP];
    for (size_t j = 0; j < np; j++) {
        lo[j] = -INFINITY;
        hi[j] = INFINITY;
        sc[j] = fmax(fabs(p[4]), fabs(h0));
    }
    lo[0] = 0.0;             sc[0] = h0;
    lo[1] = x[0];            hi[1] = x[m - 1]; sc[1] = 1.0;
    lo[2] = 0.5 * step;      hi[2] = 2.0 * width; sc[2] = g0;
    lo[3] = 0.0;             hi[3] = 1.0;  sc[3] = 1.0;
    cf_lm_problem pb = {m, np, lo, hi, sc, 400};
    cf_lm_result lr;
    int rc = cf_lm_fit(&pb, pv_resid, &c, p, &lr, err);
    if (rc != CF_OK) {
        cf_error_prefix_where(err, what);
        return rc;
    }
    if ((!lr.converged || !lr.cov_ok) && (lr.at_bound[0] || !(p[0] > 3.0 * noise)))
        /* The height ran to zero: x0, Γ and η are then undetermined, so
         * neither convergence nor a covariance can be had; there is no peak. */
        return cf_error_set(err, CF_EINVAL, what,
                            "no peak between %.2f and %.2f degrees 2theta: the fitted height falls "
                            "to %.3g, below 3 x the noise (%.3g)",
                            x[0], x[m - 1], p[0], noise);
    if (p[1] - 0.5 * p[2] < x[0] || p[1] + 0.5 * p[2] > x[m - 1] || lr.at_bound[1] || lr.at_bound[2])
        return cf_error_set(err, CF_EINVAL, what,
                            "no complete peak between %.2f and %.2f degrees 2theta: the fitted "
                            "peak (centre %.2f, FWHM %.2f) reaches the window edge; widen the window "
                            "or check the scan range",
                            x[0], x[m - 1], p[1], p[2]);
    if (!lr.converged)
        return cf_error_set(err, CF_ESOLVER, what, "peak fit did not converge in %d iterations",
                            lr.iterations);
    if (!lr.cov_ok)
        return cf_error_set(err, CF_EINVAL, what,
                            "peak fit is degenerate (parameters not determined by the data); "
                            "try a lower --bg-order or a wider window");
    for (size_t j = 0; j < np; j++) {
        pf->u[j] = sqrt(fmax(lr.cov[j * np + j], 0.0));
        pf->at_bound[j] = lr.at_bound[j];
    }
    double mean = 0.0, sst = 0.0;
    for (size_t i = 0; i < m; i++) mean += y[i];
    mean /= (double)m;
    for (size_t i = 0; i < m; i++) sst += (y[i] - mean) * (y[i] - mean);
    pf->r2 = sst > 0.0 ? 1.0 - lr.rss / sst : 0.0;
    pf->noise = sqrt(lr.s2);
    pf->iterations = lr.iterations;
    pf->m = m;

    /* Is it a peak?  A real band has a significant height (its centre and
     * both half-maximum points were checked to lie inside the window). */
    double H = p[0];
    if (!(H > 5.0 * pf->u[0]) || !(H > 3.0 * pf->noise) || !(H > 3.0 * noise))
        return cf_error_set(err, CF_EINVAL, what,
                            "no peak between %.2f and %.2f degrees 2theta: fitted height %.3g ± %.2g "
                            "is not significant above the noise (%.3g)",
                            x[0], x[m - 1], H, pf->u[0], fmax(pf->noise, noise));
    return CF_OK;
}

/* Indices [a, b) of the points inside [lo, hi]. */
static void window_indices(const cf_xrd_pattern *pat, double lo, double hi, size_t *a, size_t *b)
{
    size_t i = 0;
    while (i < pat->n && pat->two_theta_deg[i] < lo) i++;
    size_t j = i;
    while (j < pat->n && pat->two_theta_deg[j] <= hi) j++;
    *a = i;
    *b = j;
}

static int copy_pattern(const cf_xrd_pattern *src, double shift, cf_xrd_pattern *dst, cf_error *err)
{
    dst->n = src->n;
    dst->two_theta_deg = malloc(src->n * sizeof(double));
    dst->intensity = malloc(src->n * sizeof(double));
    if (!dst->two_theta_deg || !dst->intensity) {
        cf_xrd_pattern_free(dst);
        return cf_error_set(err, CF_ENOMEM, "xrd", "out of memory");
    }
    for (size_t i = 0; i < src->n; i++) {
        dst->two_theta_deg[i] = src->two_theta_deg[i] - shift;
        dst->intensity[i] = src->intensity[i];
    }
    return CF_OK;
}

static int check_options(const cf_xrd_options *o, cf_error *err)
{
    if (!(o->window_min_deg > 0.0 && o->window_max_deg < 180.0 && o->window_min_deg < o->window_max_deg))
        return cf_error_set(err, CF_EINVAL, "window",
                            "2theta window %g–%g is invalid: need 0 < min < max < 180 degrees",
                            o->window_min_deg, o->window_max_deg);
    if (o->background_order < 0 || o->background_order > 3)
        return cf_error_set(err, CF_EINVAL, "bg-order", "background order %d is outside 0..3",
                            o->background_order);
    if (!(o->scherrer_k > 0.0 && o->scherrer_k <= 2.0))
        return cf_error_set(err, CF_EINVAL, "K", "Scherrer K = %g is outside (0, 2]", o->scherrer_k);
    if (!(o->lambda_nm >= 0.0 && o->lambda_nm < 1.0))
        return cf_error_set(err, CF_EINVAL, "lambda", "wavelength %g nm is outside (0, 1) nm",
                            o->lambda_nm);
    if (!(o->instrument_fwhm_deg >= 0.0 && o->instrument_fwhm_u_deg >= 0.0))
        return cf_error_set(err, CF_EINVAL, "instrument-fwhm",
                            "instrumental FWHM and its uncertainty must be >= 0");
    if (fabs(o->zero_shift_deg) > 5.0)
        return cf_error_set(err, CF_EINVAL, "zero-shift", "zero shift %g degrees is outside [-5, 5]",
                            o->zero_shift_deg);
    return CF_OK;
}

int cf_xrd_analyze(const cf_xrd_pattern *pat, const cf_xrd_options *opt, cf_xrd_result *res,
                   cf_error *err)
{
    memset(res, 0, sizeof *res);
    cf_xrd_options o;
    if (opt) o = *opt;
    else cf_xrd_options_default(&o);
    int rc = check_options(&o, err);
    if (rc != CF_OK) return rc;
    if (!pat || pat->n == 0) return cf_error_set(err, CF_EINVAL, "xrd", "empty pattern");

    cf_xrd_pattern w = {0};
    rc = copy_pattern(pat, o.zero_shift_deg, &w, err);
    if (rc != CF_OK) return rc;
    if (o.strip_ka2 && (rc = cf_xrd_strip_ka2(&w, o.ka2_ratio, err)) != CF_OK) {
        cf_xrd_pattern_free(&w);
        return rc;
    }
    double lambda = o.lambda_nm > 0.0 ? o.lambda_nm
                    : o.strip_ka2     ? CF_XRD_LAMBDA_CU_KA1_NM
                                      : CF_XRD_LAMBDA_CU_KA_NM;
    size_t a, b;
    window_indices(&w, o.window_min_deg, o.window_max_deg, &a, &b);
    peak_fit pf;
    rc = fit_peak(w.two_theta_deg + a, w.intensity + a, b - a, o.background_order, "(002) fit", &pf,
                  err);
    if (rc == CF_OK) {
        res->window_min_deg = w.two_theta_deg[a];
        res->window_max_deg = w.two_theta_deg[b - 1];
    }
    cf_xrd_pattern_free(&w);
    if (rc != CF_OK) return rc;

    double x0 = pf.p[1], ux0 = pf.u[1], B = pf.p[2], uB = pf.u[2];
    double bI = o.instrument_fwhm_deg, ub = o.instrument_fwhm_u_deg;
    double beta, ubeta;
    if (bI > 0.0 && !(bI < B))
        return cf_error_set(err, CF_EINVAL, "instrument-fwhm",
                            "instrumental FWHM %.4g degrees is not smaller than the measured FWHM "
                            "%.4g degrees: nothing is left to attribute to crystallite size",
                            bI, B);
    if (o.broadening == CF_XRD_BROADENING_LORENTZIAN) {
        beta = B - bI;
        ubeta = sqrt(uB * uB + ub * ub);
    } else {
        beta = sqrt(B * B - bI * bI);
        ubeta = sqrt(B * B * uB * uB + bI * bI * ub * ub) / beta;
    }
    double th = 0.5 * x0 * DEG, uth = 0.5 * ux0 * DEG;
    res->two_theta_deg = x0;
    res->two_theta_u_deg = ux0;
    res->fwhm_deg = B;
    res->fwhm_u_deg = uB;
    res->beta_deg = beta;
    res->beta_u_deg = ubeta;
    res->height = pf.p[0];
    res->height_u = pf.u[0];
    res->eta = pf.p[3];
    res->eta_u = pf.u[3];
    res->background_order = o.background_order;
    for (int j = 0; j <= o.background_order; j++) res->background[j] = pf.p[4 + j];
    res->lambda_nm = lambda;
    res->scherrer_k = o.scherrer_k;
    res->d002_nm = cf_xrd_bragg_d_nm(x0, lambda);
    res->d002_u_nm = res->d002_nm * uth / tan(th); /* |∂d/∂θ| = d cot θ */
    res->lc_nm = cf_xrd_scherrer_nm(o.scherrer_k, lambda, beta, x0);
    res->lc_u_nm = res->lc_nm * sqrt((ubeta / beta) * (ubeta / beta) + (tan(th) * uth) * (tan(th) * uth));
    res->noise = pf.noise;
    res->r2 = pf.r2;
    res->n_points = pf.m;
    res->iterations = pf.iterations;
    res->ka2_stripped = o.strip_ka2 != 0;
    return CF_OK;
}

int cf_xrd_standard_fit(const cf_xrd_pattern *pat, double lo_deg, double hi_deg, int strip_ka2,
                        double ka2_ratio, cf_xrd_standard *st, cf_error *err)
{
    memset(st, 0, sizeof *st);
    if (!pat || pat->n < 10) return cf_error_set(err, CF_EINVAL, "standard", "standard pattern has too few points");
    if (lo_deg == 0.0 && hi_deg == 0.0) {
        lo_deg = pat->two_theta_deg[0];
        hi_deg = pat->two_theta_deg[pat->n - 1];
    }
    if (!(lo_deg < hi_deg))
        return cf_error_set(err, CF_EINVAL, "standard-range", "range %g–%g is empty", lo_deg, hi_deg);
    cf_xrd_pattern w = {0};
    int rc = copy_pattern(pat, 0.0, &w, err);
    if (rc != CF_OK) return rc;
    if (strip_ka2 && (rc = cf_xrd_strip_ka2(&w, ka2_ratio, err)) != CF_OK) {
        cf_xrd_pattern_free(&w);
        return rc;
    }
    size_t a, b;
    window_indices(&w, lo_deg, hi_deg, &a, &b);
    if (b - a < 5) {
        cf_xrd_pattern_free(&w);
        return cf_error_set(err, CF_EINVAL, "standard", "fewer than 5 points between %g and %g degrees",
                            lo_deg, hi_deg);
    }
    /* The standard's strongest line, and a window of ±6 of its estimated
     * FWHMs: wide enough for the tails, narrow enough to exclude neighbours. */
    size_t im = a;
    double ymin = w.intensity[a];
    for (size_t i = a; i < b; i++) {
        if (w.intensity[i] > w.intensity[im]) im = i;
        if (w.intensity[i] < ymin) ymin = w.intensity[i];
    }
    double half = ymin + 0.5 * (w.intensity[im] - ymin);
    size_t l = im, r = im;
    while (l > a && w.intensity[l] > half) l--;
    while (r + 1 < b && w.intensity[r] > half) r++;
    double g = w.two_theta_deg[r] - w.two_theta_deg[l];
    double step = (w.two_theta_deg[b - 1] - w.two_theta_deg[a]) / (double)(b - a - 1);
    double span = fmax(6.0 * g, 12.0 * step);
    size_t a2, b2;
    window_indices(&w, fmax(lo_deg, w.two_theta_deg[im] - span), fmin(hi_deg, w.two_theta_deg[im] + span),
                   &a2, &b2);
    peak_fit pf;
    rc = fit_peak(w.two_theta_deg + a2, w.intensity + a2, b2 - a2, 1, "standard peak fit", &pf, err);
    cf_xrd_pattern_free(&w);
    if (rc != CF_OK) return rc;
    st->two_theta_deg = pf.p[1];
    st->two_theta_u_deg = pf.u[1];
    st->fwhm_deg = pf.p[2];
    st->fwhm_u_deg = pf.u[2];
    st->eta = pf.p[3];
    return CF_OK;
}
