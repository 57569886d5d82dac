/* shape.c — particle sphericity from image-analysis tables.
 *
 * Definitions (ISO 9276-6 names; see docs/characterisation.md):
 *   circularity  4πA/P²          area A, perimeter P of the projection (1 for a circle)
 *   wadell       sqrt(4πA/P²)    perimeter of the equal-area circle / P
 *   aspect       minor / major   axis lengths
 * Axis tables give circularity and wadell through the ellipse with those
 * axes (Ramanujan's perimeter).  Measured perimeters scatter around the true
 * one, so near-round particles can give values just above 1.  Up to 1.2
 * these are kept as measured and counted: clipping them to 1 would bias the
 * mean low exactly for the round particles the claim is about.  Beyond 1.2
 * the row is rejected as not area/perimeter data. */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PLAUSIBLE 1.2

void cf_shape_free(cf_shape_data *d)
{
    if (!d) return;
    free(d->a);
    free(d->b);
    memset(d, 0, sizeof *d);
}

const char *cf_shape_definition_name(cf_shape_definition def)
{
    switch (def) {
    case CF_SHAPE_DEF_CIRCULARITY: return "circularity 4*pi*A/P^2";
    case CF_SHAPE_DEF_WADELL: return "Wadell circularity sqrt(4*pi*A/P^2)";
    case CF_SHAPE_DEF_ASPECT: return "aspect ratio minor/major";
    default: return "default";
    }
}

static double ellipse_perimeter(double a, double b)
{
    double x = 0.5 * a, y = 0.5 * b, h = ((x - y) / (x + y)) * ((x - y) / (x + y));
    return CF_PI * (x + y) * (1.0 + 3.0 * h / (10.0 + sqrt(4.0 - 3.0 * h)));
}

static double value_of(cf_shape_input kind, cf_shape_definition def, double a, double b)
{
    /* Both forms are written so that no intermediate overflows: with axes the
     * circularity depends only on their ratio (the ellipse scaled to a major
     * axis of 1), and A/P/P keeps huge or tiny finite inputs from giving
     * inf/inf = NaN. */
    if (kind == CF_SHAPE_AXES) {
        double ratio = fmin(a, b) / fmax(a, b);
        if (def == CF_SHAPE_DEF_ASPECT) return ratio;
        double area = 0.25 * CF_PI * ratio, p = ellipse_perimeter(1.0, ratio);
        double c = 4.0 * CF_PI * area / (p * p);
        return def == CF_SHAPE_DEF_WADELL ? sqrt(c) : c;
    }
    double c = 4.0 * CF_PI * (a / b / b);
    return def == CF_SHAPE_DEF_WADELL ? sqrt(c) : c;
}

static cf_shape_definition resolve(cf_shape_input kind, cf_shape_definition def)
{
    if (def != CF_SHAPE_DEF_DEFAULT) return def;
    return kind == CF_SHAPE_AXES ? CF_SHAPE_DEF_ASPECT : CF_SHAPE_DEF_CIRCULARITY;
}

static int data_from_table(const cf_ctab *t, cf_shape_input kind, cf_shape_data *d, cf_error *err)
{
    const char *an = kind == CF_SHAPE_AXES ? "major axis" : "area";
    const char *bn = kind == CF_SHAPE_AXES ? "minor axis" : "perimeter";
    d->a = malloc(t->nrows * sizeof(double));
    d->b = malloc(t->nrows * sizeof(double));
    if (!d->a || !d->b) {
        cf_shape_free(d);
        return cf_error_set(err, CF_ENOMEM, t->name, "out of memory");
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double a = cf_ctab_at(t, r, 0), b = cf_ctab_at(t, r, 1);
        int rc = CF_OK;
        if (!(a > 0.0)) rc = cf_ctab_fail(t, r, err, "%s %g: expected a value > 0", an, a);
        else if (!(b > 0.0)) rc = cf_ctab_fail(t, r, err, "%s %g: expected a value > 0", bn, b);
        else if (kind == CF_SHAPE_AREA_PERIMETER && 4.0 * CF_PI * a / (b * b) > MAX_PLAUSIBLE)
            rc = cf_ctab_fail(t, r, err,
                              "perimeter %g is too short for area %g: a circle of that area has "
                              "perimeter %.4g (expected columns: area, perimeter in one length unit)",
                              b, a, 2.0 * sqrt(CF_PI * a));
        if (rc != CF_OK) {
            cf_shape_free(d);
            return rc;
        }
        d->a[r] = a;
        d->b[r] = b;
    }
    d->n = t->nrows;
    d->kind = kind;
    return CF_OK;
}

int cf_shape_parse(const char *text, const char *name, cf_shape_input kind, cf_shape_data *d,
                   cf_error *err)
{
    memset(d, 0, sizeof *d);
    static const char *const AP[] = {"area", "perimeter"}, *const AX[] = {"major axis", "minor axis"};
    cf_ctab t;
    int rc = cf_ctab_parse(text, name, 2, 2, kind == CF_SHAPE_AXES ? AX : AP, &t, err);
    if (rc != CF_OK) return rc;
    rc = data_from_table(&t, kind, d, err);
    cf_ctab_free(&t);
    return rc;
}

int cf_shape_read(const char *path, cf_shape_input kind, cf_shape_data *d, cf_error *err)
{
    memset(d, 0, sizeof *d);
    static const char *const AP[] = {"area", "perimeter"}, *const AX[] = {"major axis", "minor axis"};
    cf_ctab t;
    int rc = cf_ctab_read(path, 2, 2, kind == CF_SHAPE_AXES ? AX : AP, &t, err);
    if (rc != CF_OK) return rc;
    rc = data_from_table(&t, kind, d, err);
    cf_ctab_free(&t);
    return rc;
}

int cf_shape_values(const cf_shape_data *d, cf_shape_definition def, double *out, size_t *n_above_1,
                    cf_error *err)
{
    def = resolve(d->kind, def);
    if (def == CF_SHAPE_DEF_ASPECT && d->kind != CF_SHAPE_AXES)
        return cf_error_set(err, CF_EINVAL, "definition",
                            "the aspect ratio needs major/minor axes (--axes), not area/perimeter");
    size_t above = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (!(d->a[i] > 0.0 && d->b[i] > 0.0 && isfinite(d->a[i]) && isfinite(d->b[i])))
            return cf_error_set(err, CF_EINVAL, "shape", "particle %zu: values must be finite and > 0", i + 1);
        double v = value_of(d->kind, def, d->a[i], d->b[i]);
        if (!(v <= MAX_PLAUSIBLE)) /* also an overflow to inf */
            return cf_error_set(err, CF_EINVAL, "shape",
                                "particle %zu: %s = %.3g is impossible (> 1 beyond digitisation error)",
                                i + 1, cf_shape_definition_name(def), v);
        if (v > 1.0) above++;
        out[i] = v;
    }
    if (n_above_1) *n_above_1 = above;
    return CF_OK;
}

int cf_shape_analyze(const cf_shape_data *d, cf_shape_definition def, double threshold,
                     cf_shape_result *res, cf_error *err)
{
    memset(res, 0, sizeof *res);
    if (!d || d->n == 0) return cf_error_set(err, CF_EINVAL, "shape", "no particles");
    if (!(threshold >= 0.0 && threshold <= 1.0))
        return cf_error_set(err, CF_EINVAL, "threshold", "threshold %g is outside [0, 1]", threshold);
    double *v = malloc(d->n * sizeof *v);
    if (!v) return cf_error_set(err, CF_ENOMEM, "shape", "out of memory");
    int rc = cf_shape_values(d, def, v, &res->n_above_1, err);
    if (rc != CF_OK) {
        free(v);
        return rc;
    }
    size_t n = d->n;
    double s = 0.0, mn = v[0], mx = v[0];
    size_t above = 0;
    for (size_t i = 0; i < n; i++) {
        s += v[i];
        mn = fmin(mn, v[i]);
        mx = fmax(mx, v[i]);
        if (v[i] >= threshold) above++;
        size_t k = (size_t)(v[i] * CF_SHAPE_HIST_BINS);
        res->hist[k < CF_SHAPE_HIST_BINS ? k : CF_SHAPE_HIST_BINS - 1]++;
    }
    double m = s / (double)n, ss = 0.0;
    for (size_t i = 0; i < n; i++) ss += (v[i] - m) * (v[i] - m);
    res->definition = resolve(d->kind, def);
    res->mean = m;
    res->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
    res->mean_u = res->sd / sqrt((double)n);
    res->median = cf_median(v, n);
    res->min = mn;
    res->max = mx;
    res->threshold = threshold;
    res->frac_at_least = (double)above / (double)n;
    res->n = n;
    free(v);
    return CF_OK;
}
