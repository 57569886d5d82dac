/* psd.c — percentiles and moment means of a particle-size distribution.
 *
 * Moment means follow ISO 9276-2: D[p,q] = (Σ n x^p / Σ n x^q)^(1/(p−q)),
 * summed over particles, or over classes at their representative size
 * (geometric mean of the limits); a volume distribution converts to number
 * by n ∝ v / x³ (and back by v ∝ n x³).
 * Percentiles interpolate the cumulative distribution inside a class in
 * ln x (classes of laser diffraction are geometric), linearly when the
 * class starts at 0. */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cf_psd_options_default(cf_psd_options *o)
{
    memset(o, 0, sizeof *o);
    o->bootstrap = 200;
    o->seed = 20240611ULL;
}

/* ⟨x^k⟩ of a class [L, U] with representative size x.  model 0: all of
 * the class at x (the usual histogram sum); model 1: the amount spread
 * evenly in ln x over the class.  For a smooth distribution the first is
 * biased by about k²w²/24 (w = ln(U/L), Sheppard's grouping error) and the
 * second by twice that in the other direction, so their difference is a
 * fair size for the discretisation uncertainty.  A zero-width class (a
 * listed particle) is a point in both. */
static double class_moment(double L, double U, double x, int k, int model)
{
    if (model == 0 || !(U > L) || !(L > 0.0) || k == 0) return pow(x, k);
    return (pow(U, k) - pow(L, k)) / (k * log(U / L));
}

/* Number and volume fractions per class. */
static void fractions(const cf_psd_dist *d, double *nf, double *vf)
{
    double sn = 0.0, sv = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        double a = d->amount[i], L = d->lower_um[i], U = d->upper_um[i];
        if (d->basis == CF_PSD_VOLUME) {
            vf[i] = a;
            nf[i] = a * class_moment(L, U, d->mid_um[i], -3, 0);
        } else {
            nf[i] = a;
            vf[i] = a * class_moment(L, U, d->mid_um[i], 3, 0);
        }
        sn += nf[i];
        sv += vf[i];
    }
    for (size_t i = 0; i < d->n; i++) {
        nf[i] = sn > 0.0 ? nf[i] / sn : 0.0;
        vf[i] = sv > 0.0 ? vf[i] / sv : 0.0;
    }
}

int cf_psd_convert(const cf_psd_dist *d, double *number_frac, double *volume_frac, cf_error *err)
{
    if (!d || d->n == 0) return cf_error_set(err, CF_EINVAL, "psd", "empty distribution");
    fractions(d, number_frac, volume_frac);
    return CF_OK;
}

typedef struct {
    double d10, d32, d43;
    double p10, p50, p90; /* volume percentiles */
    double n10, n50, n90; /* number percentiles */
} psd_stats;

/* Moment means from point sizes x with number weights nf (particle lists). */
static void moments(const double *x, const double *nf, size_t n, psd_stats *s)
{
    double m0 = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (size_t i = 0; i < n; i++) {
        double w = nf[i], xi = x[i];
        m0 += w;
        m1 += w * xi;
        m2 += w * xi * xi;
        m3 += w * xi * xi * xi;
        m4 += w * xi * xi * xi * xi;
    }
    s->d10 = m0 > 0 ? m1 / m0 : 0.0;
    s->d32 = m2 > 0 ? m3 / m2 : 0.0;
    s->d43 = m3 > 0 ? m4 / m3 : 0.0;
}

/* Moment means of classes: number moments M_p = Σ n_i ⟨x^p⟩_i, where a
 * volume amount counts as n ∝ v ⟨x^-3⟩, i.e. M_p = Σ v_i ⟨x^(p-3)⟩_i. */
static void class_moments(const cf_psd_dist *d, int model, psd_stats *s)
{
    int shift = d->basis == CF_PSD_VOLUME ? -3 : 0;
    double m[5] = {0};
    for (size_t i = 0; i < d->n; i++)
        for (int p = 0; p <= 4; p++)
            m[p] += d->amount[i] * class_moment(d->lower_um[i], d->upper_um[i], d->mid_um[i], p + shift, model);
    s->d10 = m[0] > 0 ? m[1] / m[0] : 0.0;
    s->d32 = m[2] > 0 ? m[3] / m[2] : 0.0;
    s->d43 = m[3] > 0 ? m[4] / m[3] : 0.0;
}

/* Size at cumulative fraction q for classes with limits lo/hi and fractions f. */
static double class_percentile(const double *lo, const double *hi, const double *f, size_t n, double q)
{
    double c = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (f[i] <= 0.0) continue;
        if (c + f[i] >= q || i + 1 == n) {
            double w = (q - c) / f[i];
            if (w < 0.0) w = 0.0;
            if (w > 1.0) w = 1.0;
            if (lo[i] > 0.0) return lo[i] * pow(hi[i] / lo[i], w);
            return lo[i] + w * (hi[i] - lo[i]);
        }
        c += f[i];
    }
    return hi[n - 1];
}

/* Class index holding percentile q (for the class-width uncertainty). */
static size_t class_of(const double *f, size_t n, double q)
{
    double c = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (f[i] <= 0.0) continue;
        if (c + f[i] >= q) return i;
        c += f[i];
    }
    return n - 1;
}

/* Percentile of sorted sizes x with weights w: each particle's weight is
 * centred on it, and the size is linear between neighbouring centres. */
static double list_percentile(const double *x, const double *w, size_t n, double q)
{
    double tot = 0.0;
    for (size_t i = 0; i < n; i++) tot += w[i];
    double c = 0.0, prev_c = -1.0, prev_x = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] <= 0.0) continue;
        double ci = (c + 0.5 * w[i]) / tot;
        if (ci >= q) {
            if (prev_c < 0.0) return x[i];
            return prev_x + (x[i] - prev_x) * (q - prev_c) / (ci - prev_c);
        }
        prev_c = ci;
        prev_x = x[i];
        c += w[i];
    }
    return prev_x;
}

static void list_stats(const double *x, const double *count, size_t n, double *nf, double *vf,
                       psd_stats *s)
{
    double sn = 0.0, sv = 0.0;
    for (size_t i = 0; i < n; i++) {
        nf[i] = count[i];
        vf[i] = count[i] * x[i] * x[i] * x[i];
        sn += nf[i];
        sv += vf[i];
    }
    for (size_t i = 0; i < n; i++) {
        nf[i] /= sn;
        vf[i] /= sv;
    }
    moments(x, nf, n, s);
    s->p10 = list_percentile(x, vf, n, 0.10);
    s->p50 = list_percentile(x, vf, n, 0.50);
    s->p90 = list_percentile(x, vf, n, 0.90);
    s->n10 = list_percentile(x, nf, n, 0.10);
    s->n50 = list_percentile(x, nf, n, 0.50);
    s->n90 = list_percentile(x, nf, n, 0.90);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void set_main(cf_psd_result *r, const psd_stats *s)
{
    r->dv10_um = s->p10;
    r->dv50_um = s->p50;
    r->dv90_um = s->p90;
    r->dn10_um = s->n10;
    r->dn50_um = s->n50;
    r->dn90_um = s->n90;
    r->d10_um = s->d10;
    r->d32_um = s->d32;
    r->d43_um = s->d43;
    r->d4_d1 = s->d43 / s->d10;
    r->span = (s->p90 - s->p10) / s->p50;
}

/* Particle lists: sampling uncertainty by a deterministic bootstrap. */
static int analyze_list(const cf_psd_dist *d, const cf_psd_options *o, cf_psd_result *r, cf_error *err)
{
    size_t n = d->n;
    double *buf = malloc(4 * n * sizeof *buf);
    if (!buf) return cf_error_set(err, CF_ENOMEM, "psd", "out of memory");
    double *x = buf, *cnt = buf + n, *nf = buf + 2 * n, *vf = buf + 3 * n;
    memcpy(x, d->mid_um, n * sizeof *x);
    qsort(x, n, sizeof *x, cmp_double);
    for (size_t i = 0; i < n; i++) cnt[i] = 1.0;
    psd_stats s;
    list_stats(x, cnt, n, nf, vf, &s);
    set_main(r, &s);
    r->uncertainty_kind = 1;
    unsigned B = n >= 2 ? o->bootstrap : 0;
    if (B > 0) {
        /* Resampling with replacement = integer weights on the sorted list,
         * so no re-sorting is needed. */
        double acc[7][2] = {{0}};
        unsigned long long st = o->seed;
        for (unsigned b = 0; b < B; b++) {
            for (size_t i = 0; i < n; i++) cnt[i] = 0.0;
            for (size_t i = 0; i < n; i++) {
                size_t k = (size_t)(cf_rng_uniform(&st) * (double)n);
                cnt[k < n ? k : n - 1] += 1.0;
            }
            psd_stats t;
            list_stats(x, cnt, n, nf, vf, &t);
            double v[7] = {t.p10, t.p50, t.p90, t.d10, t.d32, t.d43, t.d43 / t.d10};
            for (int k = 0; k < 7; k++) {
                acc[k][0] += v[k];
                acc[k][1] += v[k] * v[k];
            }
        }
        double u[7];
        for (int k = 0; k < 7; k++) {
            double m = acc[k][0] / B, var = acc[k][1] / B - m * m;
            u[k] = var > 0.0 ? sqrt(var * B / (B - 1.0)) : 0.0;
        }
        r->dv10_u_um = u[0];
        r->dv50_u_um = u[1];
        r->dv90_u_um = u[2];
        r->d10_u_um = u[3];
        r->d32_u_um = u[4];
        r->d43_u_um = u[5];
        r->d4_d1_u = u[6];
    }
    free(buf);
    return CF_OK;
}

static int analyze_classes(const cf_psd_dist *d, cf_psd_result *r, cf_error *err)
{
    size_t n = d->n;
    double *buf = malloc(2 * n * sizeof *buf);
    if (!buf) return cf_error_set(err, CF_ENOMEM, "psd", "out of memory");
    double *nf = buf, *vf = buf + n;
    fractions(d, nf, vf);
    psd_stats s, a;
    class_moments(d, 0, &s);
    s.p10 = class_percentile(d->lower_um, d->upper_um, vf, n, 0.10);
    s.p50 = class_percentile(d->lower_um, d->upper_um, vf, n, 0.50);
    s.p90 = class_percentile(d->lower_um, d->upper_um, vf, n, 0.90);
    s.n10 = class_percentile(d->lower_um, d->upper_um, nf, n, 0.10);
    s.n50 = class_percentile(d->lower_um, d->upper_um, nf, n, 0.50);
    s.n90 = class_percentile(d->lower_um, d->upper_um, nf, n, 0.90);
    set_main(r, &s);
    /* Moments: the spread to the within-class model sizes the grouping error. */
    class_moments(d, 1, &a);
    r->d10_u_um = fabs(s.d10 - a.d10);
    r->d32_u_um = fabs(s.d32 - a.d32);
    r->d43_u_um = fabs(s.d43 - a.d43);
    r->d4_d1_u = fabs(s.d43 / s.d10 - a.d43 / a.d10);
    /* Percentiles: where inside its class a percentile lies is not known;
     * a rectangular distribution over the class gives u = width / sqrt(12). */
    size_t k10 = class_of(vf, n, 0.10), k50 = class_of(vf, n, 0.50), k90 = class_of(vf, n, 0.90);
    r->dv10_u_um = (d->upper_um[k10] - d->lower_um[k10]) / sqrt(12.0);
    r->dv50_u_um = (d->upper_um[k50] - d->lower_um[k50]) / sqrt(12.0);
    r->dv90_u_um = (d->upper_um[k90] - d->lower_um[k90]) / sqrt(12.0);
    r->uncertainty_kind = 0;
    free(buf);
    return CF_OK;
}

int cf_psd_analyze(const cf_psd_dist *d, const cf_psd_options *opt, cf_psd_result *res,
                   cf_error *err)
{
    memset(res, 0, sizeof *res);
    cf_psd_options o;
    if (opt) o = *opt;
    else cf_psd_options_default(&o);
    if (!d || d->n == 0) return cf_error_set(err, CF_EINVAL, "psd", "empty distribution: no classes");
    double sum = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        if (!(d->amount[i] >= 0.0) || !(d->mid_um[i] >= 0.0) || !isfinite(d->mid_um[i]))
            return cf_error_set(err, CF_EINVAL, "psd", "class %zu: amount and size must be finite and >= 0", i + 1);
        sum += d->amount[i];
    }
    if (!(sum > 0.0))
        return cf_error_set(err, CF_EINVAL, "psd", "empty distribution: every amount is zero");
    if (o.bet_m2_g < 0.0 || o.bet_u_m2_g < 0.0)
        return cf_error_set(err, CF_EINVAL, "bet", "specific surface area must be >= 0");
    int rc = d->is_list ? analyze_list(d, &o, res, err) : analyze_classes(d, res, err);
    if (rc != CF_OK) return rc;
    if (!(res->d10_um > 0.0) || !isfinite(res->d4_d1))
        return cf_error_set(err, CF_EINVAL, "psd",
                            "all of the distribution is in a class of size 0: moment means are undefined");
    res->n = d->n;
    res->is_list = d->is_list;
    res->basis = d->basis;
    res->amount_sum = d->amount_sum;
    if (o.bet_m2_g > 0.0) {
        res->s_dv50 = o.bet_m2_g * res->dv50_um;
        res->s_dv50_u = sqrt(o.bet_u_m2_g * o.bet_u_m2_g * res->dv50_um * res->dv50_um +
                             o.bet_m2_g * o.bet_m2_g * res->dv50_u_um * res->dv50_u_um);
    }
    return CF_OK;
}
