/* bet.c — BET specific surface area from an N2 adsorption isotherm.
 *
 * Linear BET form, x = p/p0, V adsorbed (cm3/g STP):
 *     x / (V (1 − x)) = 1/(Vm C) + (C − 1)/(Vm C) · x
 * Vm = 1/(slope + intercept), C = 1 + slope/intercept,
 * S = Vm · N_A · σ / 22 414 cm3/mol.
 * The range is chosen with the Rouquerol criteria (ISO 9277:2010 annex):
 *   1. V(1 − x) increases with x over the range (taken as: the range ends
 *      at or before the maximum of V(1 − x));
 *   2. C > 0;
 *   3. x at the monolayer, 1/(sqrt(C) + 1), lies inside the range;
 *   4. that x agrees within a tolerance with the x where the measured V = Vm;
 * plus at least min_points points and R² >= min_r2.  Of the ranges that pass,
 * the one with most points wins; ties go to the higher R². */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AVOGADRO 6.02214076e23
#define MOLAR_VOLUME_STP_CM3 22414.0

void cf_bet_options_default(cf_bet_options *o)
{
    memset(o, 0, sizeof *o);
    o->min_points = 3;
    o->min_r2 = 0.995;
    o->cross_section_nm2 = 0.162;
    o->pm_tolerance = 0.10;
}

void cf_bet_free(cf_bet_isotherm *iso)
{
    if (!iso) return;
    free(iso->p_rel);
    free(iso->v_cm3_g);
    memset(iso, 0, sizeof *iso);
}

static const char *const BET_COLS[] = {"p/p0", "adsorbed volume in cm3/g STP"};

/* Keeps the adsorption branch: p/p0 rises; a fall starts the desorption
 * branch, which must then keep falling and is ignored. */
static int iso_from_table(const cf_ctab *t, cf_bet_isotherm *iso, cf_error *err)
{
    iso->p_rel = malloc(t->nrows * sizeof(double));
    iso->v_cm3_g = malloc(t->nrows * sizeof(double));
    if (!iso->p_rel || !iso->v_cm3_g) {
        cf_bet_free(iso);
        return cf_error_set(err, CF_ENOMEM, t->name, "out of memory");
    }
    size_t desorb_from = 0; /* row index where desorption starts, 0 = none yet */
    int rc = CF_OK;
    for (size_t r = 0; r < t->nrows && rc == CF_OK; r++) {
        double x = cf_ctab_at(t, r, 0), v = cf_ctab_at(t, r, 1);
        if (!(x > 0.0 && x < 1.0))
            rc = cf_ctab_fail(t, r, err, "p/p0 = %g is outside (0, 1)", x);
        else if (v < 0.0)
            rc = cf_ctab_fail(t, r, err, "negative adsorbed volume %g cm3/g: expected >= 0", v);
        else if (r > 0 && !desorb_from && x == cf_ctab_at(t, r - 1, 0))
            rc = cf_ctab_fail(t, r, err, "p/p0 = %g repeats line %d: expected increasing p/p0 "
                              "on the adsorption branch", x, t->line[r - 1]);
        else if (r > 0 && !desorb_from && x < cf_ctab_at(t, r - 1, 0))
            desorb_from = r;
        else if (desorb_from && x > cf_ctab_at(t, r - 1, 0))
            rc = cf_ctab_fail(t, r, err,
                              "p/p0 rises again (%g after %g) after the desorption branch began on "
                              "line %d: expected one adsorption branch, then at most one desorption branch",
                              x, cf_ctab_at(t, r - 1, 0), t->line[desorb_from]);
        if (rc == CF_OK && !desorb_from) {
            iso->p_rel[iso->n] = x;
            iso->v_cm3_g[iso->n] = v;
            iso->n++;
        }
    }
    if (rc != CF_OK) {
        cf_bet_free(iso);
        return rc;
    }
    iso->n_desorption_ignored = desorb_from ? t->nrows - desorb_from : 0;
    return CF_OK;
}

int cf_bet_parse(const char *text, const char *name, cf_bet_isotherm *iso, cf_error *err)
{
    memset(iso, 0, sizeof *iso);
    cf_ctab t;
    int rc = cf_ctab_parse(text, name, 2, 2, BET_COLS, &t, err);
    if (rc != CF_OK) return rc;
    rc = iso_from_table(&t, iso, err);
    cf_ctab_free(&t);
    return rc;
}

int cf_bet_read(const char *path, cf_bet_isotherm *iso, cf_error *err)
{
    memset(iso, 0, sizeof *iso);
    cf_ctab t;
    int rc = cf_ctab_read(path, 2, 2, BET_COLS, &t, err);
    if (rc != CF_OK) return rc;
    rc = iso_from_table(&t, iso, err);
    cf_ctab_free(&t);
    return rc;
}

typedef struct {
    double slope, intercept, r2;
    double var_s, var_i, cov_si;
} linfit;

static int fit_line(const double *x, const double *y, size_t a, size_t n, linfit *f)
{
    double sx = 0, sy = 0;
    for (size_t i = a; i < a + n; i++) {
        sx += x[i];
        sy += y[i];
    }
    double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, syy = 0;
    for (size_t i = a; i < a + n; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (!(sxx > 0.0)) return -1;
    f->slope = sxy / sxx;
    f->intercept = my - f->slope * mx;
    double rss = 0.0;
    for (size_t i = a; i < a + n; i++) {
        double e = y[i] - f->intercept - f->slope * x[i];
        rss += e * e;
    }
    f->r2 = syy > 0.0 ? 1.0 - rss / syy : 1.0;
    double s2 = n > 2 ? rss / (double)(n - 2) : 0.0;
    f->var_s = s2 / sxx;
    f->var_i = s2 * (1.0 / n + mx * mx / sxx);
    f->cov_si = -mx * s2 / sxx;
    return 0;
}

/* p/p0 where the measured isotherm reaches v (linear interpolation); 0 if never. */
static double x_at_v(const cf_bet_isotherm *iso, double v)
{
    for (size_t i = 0; i + 1 < iso->n; i++) {
        double v0 = iso->v_cm3_g[i], v1 = iso->v_cm3_g[i + 1];
        if ((v0 <= v && v <= v1) && v1 > v0)
            return iso->p_rel[i] + (v - v0) / (v1 - v0) * (iso->p_rel[i + 1] - iso->p_rel[i]);
    }
    return 0.0;
}

static void fill_result(const cf_bet_isotherm *iso, const linfit *f, size_t a, size_t n,
                        double sigma_nm2, cf_bet_result *r)
{
    double s = f->slope, i = f->intercept, sum = s + i;
    r->vm_cm3_g = 1.0 / sum;
    r->vm_u_cm3_g = sqrt(fmax(f->var_s + f->var_i + 2.0 * f->cov_si, 0.0)) / (sum * sum);
    r->c = 1.0 + s / i;
    /* C − 1 = s/i: ∂/∂s = 1/i, ∂/∂i = −s/i². */
    double ds = 1.0 / i, di = -s / (i * i);
    r->c_u = sqrt(fmax(ds * ds * f->var_s + di * di * f->var_i + 2.0 * ds * di * f->cov_si, 0.0));
    double per_cm3 = AVOGADRO * sigma_nm2 * 1e-18 / MOLAR_VOLUME_STP_CM3; /* m2 per cm3 STP */
    r->area_m2_g = r->vm_cm3_g * per_cm3;
    r->area_u_m2_g = r->vm_u_cm3_g * per_cm3;
    r->r2 = f->r2;
    r->first = a;
    r->count = n;
    r->p_lo = iso->p_rel[a];
    r->p_hi = iso->p_rel[a + n - 1];
    r->p_monolayer = r->c > 0.0 ? 1.0 / (sqrt(r->c) + 1.0) : 0.0;
    r->p_at_vm = x_at_v(iso, r->vm_cm3_g);
}

static int check_options(const cf_bet_isotherm *iso, const cf_bet_options *o, cf_error *err)
{
    if (o->min_points < 3)
        return cf_error_set(err, CF_EINVAL, "min-points", "at least 3 points are needed for a BET fit");
    if (!(o->cross_section_nm2 > 0.0 && o->cross_section_nm2 < 1.0))
        return cf_error_set(err, CF_EINVAL, "cross-section", "molecular cross-section %g nm2 is outside (0, 1)",
                            o->cross_section_nm2);
    if (!(o->min_r2 >= 0.0 && o->min_r2 <= 1.0))
        return cf_error_set(err, CF_EINVAL, "min-r2", "minimum R² %g is outside [0, 1]", o->min_r2);
    if (!(o->pm_tolerance > 0.0))
        return cf_error_set(err, CF_EINVAL, "pm-tolerance", "criterion-4 tolerance must be > 0");
    if ((o->p_min != 0.0 || o->p_max != 0.0) && !(o->p_min > 0.0 && o->p_min < o->p_max && o->p_max < 1.0))
        return cf_error_set(err, CF_EINVAL, "range", "p/p0 range %g–%g: need 0 < min < max < 1",
                            o->p_min, o->p_max);
    if (!iso || iso->n < o->min_points)
        return cf_error_set(err, CF_EINVAL, "isotherm",
                            "only %zu adsorption points: need at least %zu for a BET fit",
                            iso ? iso->n : 0, o->min_points);
    for (size_t k = 0; k < iso->n; k++)
        if (!(iso->p_rel[k] > 0.0 && iso->p_rel[k] < 1.0) || !(iso->v_cm3_g[k] >= 0.0) ||
            (k > 0 && !(iso->p_rel[k] > iso->p_rel[k - 1])))
            return cf_error_set(err, CF_EINVAL, "isotherm",
                                "point %zu: need 0 < p/p0 < 1, increasing, and V >= 0", k + 1);
    return CF_OK;
}

int cf_bet_analyze(const cf_bet_isotherm *iso, const cf_bet_options *opt, cf_bet_result *res,
                   cf_error *err)
{
    memset(res, 0, sizeof *res);
    cf_bet_options o;
    if (opt) o = *opt;
    else cf_bet_options_default(&o);
    int rc = check_options(iso, &o, err);
    if (rc != CF_OK) return rc;
    size_t n = iso->n;
    double vmin = iso->v_cm3_g[0], vmax = vmin;
    for (size_t k = 1; k < n; k++) {
        vmin = fmin(vmin, iso->v_cm3_g[k]);
        vmax = fmax(vmax, iso->v_cm3_g[k]);
    }
    if (!(vmin > 0.0))
        return cf_error_set(err, CF_EINVAL, "isotherm",
                            "adsorbed volume is zero at p/p0 = %g: every point needs V > 0 for the "
                            "BET transform", iso->p_rel[0]);
    /* A flat isotherm (micropores filled below the first point, or a blank
     * run) has no monolayer build-up for BET to describe. */
    if (vmax - vmin < 0.02 * vmax)
        return cf_error_set(err, CF_EINVAL, "isotherm",
                            "flat isotherm: adsorbed volume varies only %.3g–%.3g cm3/g over p/p0 "
                            "%g–%g (less than 2%%); BET needs the monolayer build-up (measure lower p/p0)",
                            vmin, vmax, iso->p_rel[0], iso->p_rel[n - 1]);
    double *y = malloc(n * sizeof *y);
    if (!y) return cf_error_set(err, CF_ENOMEM, "bet", "out of memory");
    for (size_t k = 0; k < n; k++) y[k] = iso->p_rel[k] / (iso->v_cm3_g[k] * (1.0 - iso->p_rel[k]));

    if (o.p_min > 0.0) { /* fixed range: no criteria, the user decided */
        size_t a = 0;
        while (a < n && iso->p_rel[a] < o.p_min) a++;
        size_t b = a;
        while (b < n && iso->p_rel[b] <= o.p_max) b++;
        linfit f;
        if (b - a < 3 || fit_line(iso->p_rel, y, a, b - a, &f) != 0) {
            free(y);
            return cf_error_set(err, CF_EINVAL, "range", "fewer than 3 points with p/p0 in %g–%g",
                                o.p_min, o.p_max);
        }
        free(y);
        if (!(f.intercept > 0.0) || !(f.slope + f.intercept > 0.0))
            return cf_error_set(err, CF_EINVAL, "range",
                                "BET plot over p/p0 %g–%g has a negative intercept (C < 0): the range "
                                "is not BET-consistent", o.p_min, o.p_max);
        fill_result(iso, &f, a, b - a, o.cross_section_nm2, res);
        return CF_OK;
    }

    /* Criterion 1: ranges end at or before the maximum of V(1 − x).  Dips
     * before the maximum are taken as noise: demanding a strict rise point
     * by point would cut ranges at random on noisy data with high C, where
     * V(1 − x) rises only slowly. */
    size_t lim = 0;
    for (size_t k = 1; k < n; k++)
        if (iso->v_cm3_g[k] * (1.0 - iso->p_rel[k]) > iso->v_cm3_g[lim] * (1.0 - iso->p_rel[lim])) lim = k;
    int found = 0;
    linfit best = {0};
    size_t best_a = 0, best_n = 0;
    size_t candidates = 0;
    for (size_t a = 0; a + o.min_points <= lim + 1; a++) {
        for (size_t b = a + o.min_points - 1; b <= lim; b++) {
            size_t m = b - a + 1;
            linfit f;
            if (fit_line(iso->p_rel, y, a, m, &f) != 0) continue;
            if (!(f.intercept > 0.0) || !(f.slope > -f.intercept)) continue; /* criterion 2 */
            if (f.r2 < o.min_r2) continue;
            double c = 1.0 + f.slope / f.intercept, vm = 1.0 / (f.slope + f.intercept);
            double xm = 1.0 / (sqrt(c) + 1.0);
            if (xm < iso->p_rel[a] || xm > iso->p_rel[b]) continue; /* criterion 3 */
            double xv = x_at_v(iso, vm);
            if (!(xv > 0.0) || fabs(xv - xm) > o.pm_tolerance * xm) continue; /* criterion 4 */
            candidates++;
            if (!found || m > best_n || (m == best_n && f.r2 > best.r2)) {
                found = 1;
                best = f;
                best_a = a;
                best_n = m;
            }
        }
    }
    free(y);
    if (!found)
        return cf_error_set(err, CF_EINVAL, "isotherm",
                            "no p/p0 range of >= %zu points meets the Rouquerol criteria with R² >= %g "
                            "(V(1-p/p0) rising, C > 0, monolayer p/p0 inside the range and within %g%% "
                            "of the data); give a range with --range to override",
                            o.min_points, o.min_r2, 100.0 * o.pm_tolerance);
    fill_result(iso, &best, best_a, best_n, o.cross_section_nm2, res);
    res->automatic = 1;
    res->n_candidates = candidates;
    return CF_OK;
}
