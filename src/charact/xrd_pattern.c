/* xrd_pattern.c — reading powder patterns and stripping Cu Kα2.
 *
 * A pattern is two columns, 2θ in degrees and intensity.  2θ must strictly
 * increase (a scan goes one way; a repeated or reversed angle means the file
 * was concatenated or sorted wrongly) and intensities must be >= 0 (raw
 * counts; a negative value means someone already subtracted something). */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const XRD_COLS[] = {"2theta in degrees", "intensity"};

static int pattern_from_table(cf_ctab *t, cf_xrd_pattern *pat, cf_error *err)
{
    pat->two_theta_deg = malloc(t->nrows * sizeof(double));
    pat->intensity = malloc(t->nrows * sizeof(double));
    if (!pat->two_theta_deg || !pat->intensity) {
        cf_xrd_pattern_free(pat);
        return cf_error_set(err, CF_ENOMEM, t->name, "out of memory");
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double x = cf_ctab_at(t, r, 0), y = cf_ctab_at(t, r, 1);
        int rc = CF_OK;
        if (!(x > 0.0 && x < 180.0))
            rc = cf_ctab_fail(t, r, err, "2theta = %g degrees is outside (0, 180)", x);
        else if (r > 0 && !(x > pat->two_theta_deg[r - 1]))
            rc = cf_ctab_fail(t, r, err,
                              "2theta must increase strictly: %g after %g on line %d "
                              "(expected a single scan in increasing angle)",
                              x, pat->two_theta_deg[r - 1], t->line[r - 1]);
        else if (y < 0.0)
            rc = cf_ctab_fail(t, r, err, "negative intensity %g: expected raw counts >= 0", y);
        if (rc != CF_OK) {
            cf_xrd_pattern_free(pat);
            return rc;
        }
        pat->two_theta_deg[r] = x;
        pat->intensity[r] = y;
    }
    pat->n = t->nrows;
    return CF_OK;
}

int cf_xrd_pattern_parse(const char *text, const char *name, cf_xrd_pattern *pat, cf_error *err)
{
    memset(pat, 0, sizeof *pat);
    cf_ctab t;
    int rc = cf_ctab_parse(text, name, 2, 2, XRD_COLS, &t, err);
    if (rc != CF_OK) return rc;
    rc = pattern_from_table(&t, pat, err);
    cf_ctab_free(&t);
    return rc;
}

int cf_xrd_pattern_read(const char *path, cf_xrd_pattern *pat, cf_error *err)
{
    memset(pat, 0, sizeof *pat);
    cf_ctab t;
    int rc = cf_ctab_read(path, 2, 2, XRD_COLS, &t, err);
    if (rc != CF_OK) return rc;
    rc = pattern_from_table(&t, pat, err);
    cf_ctab_free(&t);
    return rc;
}

void cf_xrd_pattern_free(cf_xrd_pattern *pat)
{
    if (!pat) return;
    free(pat->two_theta_deg);
    free(pat->intensity);
    memset(pat, 0, sizeof *pat);
}

int cf_xrd_strip_ka2(cf_xrd_pattern *pat, double ratio, cf_error *err)
{
    /* Rachinger (1948): I(2θ) = I1(2θ) + R·I1(2θ'), where 2θ' is the Kα1 angle
     * whose Kα2 line falls at 2θ: sin θ' = (λ1/λ2) sin θ.  Walking up in angle,
     * I1 at 2θ' < 2θ is already known, so I1(2θ) = I(2θ) − R·I1(2θ').  The
     * exact angle mapping is used rather than a fixed shift. */
    if (!(ratio >= 0.0 && ratio <= 1.0))
        return cf_error_set(err, CF_EINVAL, "ka2-ratio", "Kα2/Kα1 ratio %g is outside [0, 1]", ratio);
    if (pat->n == 0 || ratio == 0.0) return CF_OK;
    const double k = CF_XRD_LAMBDA_CU_KA1_NM / CF_XRD_LAMBDA_CU_KA2_NM;
    const double *x = pat->two_theta_deg;
    double *raw = malloc(pat->n * sizeof *raw);
    if (!raw) return cf_error_set(err, CF_ENOMEM, "xrd", "out of memory");
    memcpy(raw, pat->intensity, pat->n * sizeof *raw);
    double *i1 = pat->intensity;
    const double deg = CF_PI / 180.0;
    size_t j = 0; /* index with x[j] <= x' (x' grows with x) */
    for (size_t i = 0; i < pat->n; i++) {
        double xp = 2.0 * asin(k * sin(0.5 * x[i] * deg)) / deg;
        if (xp < x[0]) {
            /* Kα1 partner lies before the scan: assume the first point's
             * Kα1 share there (the scan starts on background). */
            i1[i] = raw[i] - ratio * raw[0] / (1.0 + ratio);
            continue;
        }
        while (j + 1 < i && x[j + 1] <= xp) j++;
        if (j + 1 < i) { /* both neighbours already stripped */
            double w = (xp - x[j]) / (x[j + 1] - x[j]);
            i1[i] = raw[i] - ratio * ((1.0 - w) * i1[j] + w * i1[j + 1]);
        } else { /* x' between x[i-1] and x[i]: I1(x') involves I1(x[i]) itself */
            size_t a = i - 1;
            double w = (xp - x[a]) / (x[i] - x[a]);
            i1[i] = (raw[i] - ratio * (1.0 - w) * i1[a]) / (1.0 + ratio * w);
        }
    }
    free(raw);
    return CF_OK;
}
