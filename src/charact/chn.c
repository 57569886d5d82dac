/* chn.c — atomic ratios from CHN elemental analysis (mass %).
 *
 * H/C = (H% / 1.008) / (C% / 12.011); N/C likewise with 14.007 (IUPAC
 * conventional atomic weights).  Uncertainties propagate to first order. */
#include "cellforge/cf_charact.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define M_C 12.011
#define M_H 1.008
#define M_N 14.007

int cf_chn_replicates(const double *v, size_t n, double *mean, double *u, cf_error *err)
{
    if (n == 0) return cf_error_set(err, CF_EINVAL, "chn", "no values given");
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) return cf_error_set(err, CF_EINVAL, "chn", "value %zu is not a number", i + 1);
        s += v[i];
    }
    double m = s / (double)n, ss = 0.0;
    for (size_t i = 0; i < n; i++) ss += (v[i] - m) * (v[i] - m);
    *mean = m;
    *u = n > 1 ? sqrt(ss / (double)(n - 1) / (double)n) : 0.0;
    return CF_OK;
}

int cf_chn_parse_replicates(const char *text, const char *what, double *mean, double *u, int *nrep,
                            cf_error *err)
{
    double v[CF_CHN_MAX_REPLICATES];
    size_t n = 0;
    const char *p = text;
    for (;;) {
        char *end;
        errno = 0;
        double x = strtod(p, &end);
        if (end == p || errno == ERANGE || !isfinite(x) || (*end && *end != ','))
            return cf_error_set(err, CF_EINVAL, what, "%s expects a number or comma-separated numbers, got '%.60s'",
                                what, text);
        if (x < 0.0 || x > 100.0) return cf_error_set(err, CF_EINVAL, what, "%s = %g wt%% is outside [0, 100]", what, x);
        if (n == CF_CHN_MAX_REPLICATES)
            return cf_error_set(err, CF_EINVAL, what, "%s: at most %d replicates", what, CF_CHN_MAX_REPLICATES);
        v[n++] = x;
        if (!*end) break;
        p = end + 1;
    }
    int rc = cf_chn_replicates(v, n, mean, u, err);
    if (rc == CF_OK) *nrep = (int)n;
    return rc;
}

static int check_pct(const char *what, double v, double u, int may_be_zero, cf_error *err)
{
    if (!isfinite(v) || v < 0.0 || v > 100.0 || (!may_be_zero && v == 0.0))
        return cf_error_set(err, CF_EINVAL, what, "%s = %g wt%% is outside %s", what, v,
                            may_be_zero ? "[0, 100]" : "(0, 100]");
    if (!isfinite(u) || u < 0.0 || u > 100.0)
        return cf_error_set(err, CF_EINVAL, what, "uncertainty of %s = %g wt%% is outside [0, 100]", what, u);
    return CF_OK;
}

int cf_chn_compute(const cf_chn_input *in, cf_chn_result *res, cf_error *err)
{
    memset(res, 0, sizeof *res);
    int rc;
    if ((rc = check_pct("C", in->c_wt, in->c_u, 0, err)) != CF_OK) return rc;
    if ((rc = check_pct("H", in->h_wt, in->h_u, 1, err)) != CF_OK) return rc;
    res->has_n = in->n_wt >= 0.0;
    if (res->has_n && (rc = check_pct("N", in->n_wt, in->n_u, 1, err)) != CF_OK) return rc;
    double n = res->has_n ? in->n_wt : 0.0;
    double sum = in->c_wt + in->h_wt + n;
    /* Analysers report each element independently, so the sum may exceed 100
     * by the measurement error; more than 1 % over is a typo or unit mix-up. */
    if (sum > 101.0)
        return cf_error_set(err, CF_EINVAL, "chn",
                            "C + H + N = %.2f wt%% exceeds 100 (allowed up to 101 for analyser error)", sum);
    double c = in->c_wt, h = in->h_wt;
    res->h_c_atomic = (h / M_H) / (c / M_C);
    res->h_c_u = res->h_c_atomic * sqrt((h > 0.0 ? (in->h_u / h) * (in->h_u / h) : 0.0) +
                                        (in->c_u / c) * (in->c_u / c));
    if (h == 0.0) res->h_c_u = (in->h_u / M_H) / (c / M_C);
    if (res->has_n) {
        res->n_wt_pct = n;
        res->n_u = in->n_u;
        res->n_c_atomic = (n / M_N) / (c / M_C);
        res->n_c_u = n > 0.0 ? res->n_c_atomic * sqrt((in->n_u / n) * (in->n_u / n) + (in->c_u / c) * (in->c_u / c))
                             : (in->n_u / M_N) / (c / M_C);
    }
    res->rest_wt_pct = fmax(100.0 - sum, 0.0);
    return CF_OK;
}
