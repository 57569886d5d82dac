/* dta.c — exothermic peaks of a DTA/DSC heating curve.
 *
 * Steps: put exothermic up; remove a straight baseline fitted to the first
 * and last 5 % of the curve; smooth lightly (Gaussian in temperature) only to
 * find the peaks; then locate each peak's maximum on the raw data with a
 * cubic fitted to its top (the cubic follows the skew of a reaction peak,
 * which a parabola or heavier smoothing would shift).  The uncertainty of
 * the peak temperature comes from the cubic's coefficient covariance. */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cf_dta_options_default(cf_dta_options *o)
{
    memset(o, 0, sizeof *o);
    o->min_fraction = 0.05;
}

void cf_dta_free(cf_dta_curve *c)
{
    if (!c) return;
    free(c->t_c);
    free(c->signal);
    memset(c, 0, sizeof *c);
}

static int curve_from_table(const cf_ctab *t, size_t tc, size_t sc, cf_dta_curve *c, cf_error *err)
{
    if (tc == 0 && sc == 0) {
        if (t->ncols != 2)
            return cf_ctab_fail(t, 0, err,
                                "found %zu columns: expected 2 (temperature in °C, heat flow); "
                                "pick columns with --cols T,S",
                                t->ncols);
        sc = 1;
    }
    if (tc >= t->ncols || sc >= t->ncols || tc == sc)
        return cf_ctab_fail(t, 0, err, "columns %zu and %zu requested but the file has %zu", tc + 1,
                            sc + 1, t->ncols);
    c->t_c = malloc(t->nrows * sizeof(double));
    c->signal = malloc(t->nrows * sizeof(double));
    if (!c->t_c || !c->signal) {
        cf_dta_free(c);
        return cf_error_set(err, CF_ENOMEM, t->name, "out of memory");
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double T = cf_ctab_at(t, r, tc);
        int rc = CF_OK;
        if (!(T >= -273.15 && T <= 3000.0))
            rc = cf_ctab_fail(t, r, err, "temperature %g °C is outside [-273.15, 3000]", T);
        else if (r > 0 && T < c->t_c[r - 1])
            rc = cf_ctab_fail(t, r, err,
                              "temperature falls (%g °C after %g °C on line %d): expected one heating "
                              "segment with non-decreasing temperature",
                              T, c->t_c[r - 1], t->line[r - 1]);
        if (rc != CF_OK) {
            cf_dta_free(c);
            return rc;
        }
        c->t_c[r] = T;
        c->signal[r] = cf_ctab_at(t, r, sc);
    }
    c->n = t->nrows;
    return CF_OK;
}

int cf_dta_parse(const char *text, const char *name, size_t t_col, size_t s_col, cf_dta_curve *c,
                 cf_error *err)
{
    memset(c, 0, sizeof *c);
    cf_ctab t;
    int rc = cf_ctab_parse(text, name, 2, 16, NULL, &t, err);
    if (rc != CF_OK) return rc;
    rc = curve_from_table(&t, t_col, s_col, c, err);
    cf_ctab_free(&t);
    return rc;
}

int cf_dta_read(const char *path, size_t t_col, size_t s_col, cf_dta_curve *c, cf_error *err)
{
    memset(c, 0, sizeof *c);
    cf_ctab t;
    int rc = cf_ctab_read(path, 2, 16, NULL, &t, err);
    if (rc != CF_OK) return rc;
    rc = curve_from_table(&t, t_col, s_col, c, err);
    cf_ctab_free(&t);
    return rc;
}

/* Gaussian smoothing in temperature (σ in °C), truncated at 3σ. */
static void gauss_smooth(const double *t, const double *y, size_t n, double sig, double *out)
{
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        while (t[lo] < t[i] - 3.0 * sig) lo++;
        while (hi + 1 < n && t[hi + 1] <= t[i] + 3.0 * sig) hi++;
        double sw = 0.0, s = 0.0;
        for (size_t k = lo; k <= hi; k++) {
            double u = (t[k] - t[i]) / sig;
            double w = exp(-0.5 * u * u);
            sw += w;
            s += w * y[k];
        }
        out[i] = s / sw;
    }
}

/* Maximum of a cubic fitted to the raw points [a, b]; returns 0 and the
 * temperature and its standard uncertainty, or -1 if the cubic has no
 * maximum inside. */
static int cubic_top(const double *t, const double *y, size_t a, size_t b, double *tm, double *um,
                     double *ym)
{
    size_t m = b - a + 1;
    double tc = 0.5 * (t[a] + t[b]), hw = 0.5 * (t[b] - t[a]);
    if (!(hw > 0.0)) return -1;
    double *u = malloc(m * sizeof *u);
    if (!u) return -1;
    for (size_t i = 0; i < m; i++) u[i] = (t[a + i] - tc) / hw;
    double c[4], cov[16];
    int deg = m >= 8 ? 3 : 2;
    if (cf_polyfit(u, y + a, m, deg, c, cov) != 0) {
        free(u);
        return -1;
    }
    free(u);
    if (deg == 2) c[3] = 0.0;
    /* p'(u) = c1 + 2 c2 u + 3 c3 u² = 0, with p'' < 0. */
    double best = NAN;
    if (fabs(c[3]) < 1e-12 * (fabs(c[2]) + fabs(c[1]))) {
        if (c[2] < 0.0) best = -c[1] / (2.0 * c[2]);
    } else {
        double A = 3.0 * c[3], B = 2.0 * c[2], C = c[1];
        double disc = B * B - 4.0 * A * C;
        if (disc >= 0.0) {
            double q = -0.5 * (B + copysign(sqrt(disc), B));
            double r1 = q / A, r2 = q != 0.0 ? C / q : r1;
            double roots[2] = {r1, r2};
            for (int k = 0; k < 2; k++)
                if (2.0 * c[2] + 6.0 * c[3] * roots[k] < 0.0 && fabs(roots[k]) <= 1.0) best = roots[k];
        }
    }
    if (!isfinite(best) || fabs(best) > 1.0) return -1;
    double pp = 2.0 * c[2] + 6.0 * c[3] * best; /* p''(u*) < 0 */
    /* Implicit function u(c) at the maximum: du/dc_k = −(∂p′/∂c_k) / p″. */
    double g[4] = {0.0, -1.0 / pp, -2.0 * best / pp, -3.0 * best * best / pp};
    size_t k = (size_t)deg + 1;
    double var = 0.0;
    for (size_t i = 1; i < k; i++)
        for (size_t j = 1; j < k; j++) var += g[i] * g[j] * cov[i * k + j];
    *tm = tc + hw * best;
    *um = hw * sqrt(fmax(var, 0.0));
    *ym = c[0] + best * (c[1] + best * (c[2] + best * c[3]));
    return 0;
}

static int peak_cmp(const void *a, const void *b)
{
    const cf_dta_peak *x = a, *y = b;
    return (x->t_c > y->t_c) - (x->t_c < y->t_c);
}

int cf_dta_analyze(const cf_dta_curve *cv, const cf_dta_options *opt, cf_dta_result *res,
                   cf_error *err)
{
    memset(res, 0, sizeof *res);
    cf_dta_options o;
    if (opt) o = *opt;
    else cf_dta_options_default(&o);
    if (!(o.min_fraction >= 0.0 && o.min_fraction < 1.0))
        return cf_error_set(err, CF_EINVAL, "min-fraction", "%g is outside [0, 1)", o.min_fraction);
    if (!(o.smooth_c >= 0.0 && o.smooth_c <= 100.0))
        return cf_error_set(err, CF_EINVAL, "smooth", "smoothing %g °C is outside [0, 100]", o.smooth_c);
    int ranged = o.t_min_c != 0.0 || o.t_max_c != 0.0;
    if (ranged && !(o.t_min_c < o.t_max_c))
        return cf_error_set(err, CF_EINVAL, "range", "temperature range %g–%g °C is empty", o.t_min_c,
                            o.t_max_c);
    if (!cv || cv->n == 0) return cf_error_set(err, CF_EINVAL, "dta", "empty curve");
    size_t a = 0, b = cv->n;
    if (ranged) {
        while (a < cv->n && cv->t_c[a] < o.t_min_c) a++;
        while (b > a && cv->t_c[b - 1] > o.t_max_c) b--;
    }
    size_t n = b - a;
    if (n < 20 || !(cv->t_c[b - 1] > cv->t_c[a]))
        return cf_error_set(err, CF_EINVAL, "dta",
                            "only %zu points (or no temperature span) in the analysed range: need >= 20", n);
    for (size_t i = a; i < b; i++)
        if (!isfinite(cv->signal[i]) || (i > a && cv->t_c[i] < cv->t_c[i - 1]))
            return cf_error_set(err, CF_EINVAL, "dta", "point %zu: need finite values and non-decreasing "
                                "temperature", i + 1);
    const double *t = cv->t_c + a;
    double *buf = malloc(2 * n * sizeof *buf);
    if (!buf) return cf_error_set(err, CF_ENOMEM, "dta", "out of memory");
    double *y = buf, *s = buf + n;
    double sign = o.exo_down ? -1.0 : 1.0;

    /* Baseline through both ends. */
    size_t k = n / 20 > 3 ? n / 20 : 3;
    double *bx = malloc(2 * k * 2 * sizeof *bx);
    if (!bx) {
        free(buf);
        return cf_error_set(err, CF_ENOMEM, "dta", "out of memory");
    }
    double *by = bx + 2 * k;
    for (size_t i = 0; i < k; i++) {
        bx[i] = t[i];
        by[i] = sign * cv->signal[a + i];
        bx[k + i] = t[n - 1 - i];
        by[k + i] = sign * cv->signal[b - 1 - i];
    }
    double bl[2];
    int prc = cf_polyfit(bx, by, 2 * k, 1, bl, NULL);
    free(bx);
    if (prc != 0) {
        free(buf);
        return cf_error_set(err, CF_EINVAL, "dta", "cannot fit a baseline: the curve has no temperature span");
    }
    for (size_t i = 0; i < n; i++) y[i] = sign * cv->signal[a + i] - (bl[0] + bl[1] * t[i]);
    res->baseline[0] = bl[0];
    res->baseline[1] = bl[1];

    double dt_med;
    {
        double *dt = malloc((n - 1) * sizeof *dt);
        if (!dt) {
            free(buf);
            return cf_error_set(err, CF_ENOMEM, "dta", "out of memory");
        }
        for (size_t i = 0; i + 1 < n; i++) dt[i] = t[i + 1] - t[i];
        dt_med = cf_median(dt, n - 1);
        free(dt);
    }
    if (!(dt_med > 0.0)) dt_med = (t[n - 1] - t[0]) / (double)(n - 1);
    double sig = o.smooth_c > 0.0 ? o.smooth_c : fmax(3.0 * dt_med, 1.0);
    res->smooth_c = sig;
    gauss_smooth(t, y, n, sig, s);
    double noise = cf_noise_sigma(y, n);
    res->noise = noise;

    /* Local maxima of the smoothed curve, with topographic prominence. */
    cf_dta_peak found[64];
    double promv[64];
    size_t nf = 0;
    double top = 0.0;
    for (size_t i = 1; i + 1 < n && nf < 64; i++) {
        if (!(s[i] > s[i - 1] && s[i] >= s[i + 1]) || !(s[i] > 0.0)) continue;
        /* l, r: the lowest points on either side before the curve rises
         * above this peak (or the data end). */
        size_t l = i, r = i;
        for (size_t j = i; j > 0 && s[j - 1] <= s[i]; j--)
            if (s[j - 1] < s[l]) l = j - 1;
        for (size_t j = i; j + 1 < n && s[j + 1] <= s[i]; j++)
            if (s[j + 1] < s[r]) r = j + 1;
        double base = fmax(fmax(s[l], s[r]), 0.0);
        double prom = s[i] - base;
        if (prom < 5.0 * noise) continue;
        /* The top: raw points where the smoothed curve is within 30 % of the
         * prominence of the maximum (at least 3 either side). */
        size_t ta = i, tb = i;
        while (ta > 0 && s[ta - 1] > s[i] - 0.3 * prom) ta--;
        while (tb + 1 < n && s[tb + 1] > s[i] - 0.3 * prom) tb++;
        if (i - ta < 3) ta = i >= 3 ? i - 3 : 0;
        if (tb - i < 3) tb = i + 3 < n ? i + 3 : n - 1;
        cf_dta_peak pk = {0};
        double ym;
        if (cubic_top(t, y, ta, tb, &pk.t_c, &pk.t_u_c, &ym) != 0) {
            pk.t_c = t[i];
            pk.t_u_c = 0.5 * dt_med;
            ym = s[i];
        }
        pk.height = ym;
        /* The peak's own foot on each side: where the curve returns to the
         * baseline or turns up again into a neighbouring peak. */
        size_t fl = i, fr = i;
        while (fl > 0 && s[fl] > 0.0 && s[fl - 1] <= s[fl]) fl--;
        while (fr + 1 < n && s[fr] > 0.0 && s[fr + 1] <= s[fr]) fr++;
        /* Extrapolated onset: tangent at the steepest point of the leading edge. */
        size_t j0 = fl, js = i;
        double best = 0.0;
        for (size_t j = j0 + 1; j <= i; j++) {
            double d = (s[j] - s[j - 1]) / fmax(t[j] - t[j - 1], 1e-12);
            if (d > best) { best = d; js = j; }
        }
        pk.onset_c = best > 0.0 ? 0.5 * (t[js] + t[js - 1]) - 0.5 * (s[js] + s[js - 1]) / best : t[fl];
        double area = 0.0;
        for (size_t j = fl; j < fr; j++) area += 0.5 * (y[j] + y[j + 1]) * (t[j + 1] - t[j]);
        pk.area = area;
        promv[nf] = prom;
        found[nf++] = pk;
        top = fmax(top, prom);
    }
    free(buf);
    size_t kept = 0;
    for (size_t i = 0; i < nf; i++)
        if (promv[i] >= o.min_fraction * top && kept < CF_DTA_MAX_PEAKS) res->peaks[kept++] = found[i];
    if (kept == 0)
        return cf_error_set(err, CF_EINVAL, "dta",
                            "no exothermic peak between %g and %g °C rises above the noise (σ = %.3g); "
                            "if exothermic is plotted downward, use --exo-down",
                            t[0], t[n - 1], noise);
    qsort(res->peaks, kept, sizeof res->peaks[0], peak_cmp);
    res->n_peaks = kept;
    for (size_t i = 1; i < kept; i++)
        if (res->peaks[i].height > res->peaks[res->main].height) res->main = i;
    return CF_OK;
}
