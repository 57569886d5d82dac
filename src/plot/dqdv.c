/* dqdv.c — incremental capacity |dQ/dV| of one constant-current segment.
 *
 * The solver's steps are uneven (long on plateaus, short at knees), so the
 * derivative is not taken between raw rows: Q(V) is first put on a uniform
 * voltage grid, then differentiated and smoothed (method in cf_plot_sim.h).
 * A Gaussian kernel is used because it broadens a peak without moving it and
 * keeps the area under the curve (the charge passed) in the interior. */
#include <math.h>
#include <stdlib.h>

#include "plot/cf_plot_sim.h"

size_t cf_plot_dqdv(const double *v, const double *q, size_t n, double dv, double sigma, double **v_out,
                    double **dqdv_out)
{
    *v_out = *dqdv_out = NULL;
    if (n < 3 || !(dv > 0) || !(sigma >= 0)) return 0;
    /* Direction from the ends: falling on discharge, rising on charge. */
    size_t first = 0, last = n - 1;
    while (first < n && !(isfinite(v[first]) && isfinite(q[first]))) first++;
    while (last > first && !(isfinite(v[last]) && isfinite(q[last]))) last--;
    if (last <= first) return 0;
    double dir = v[last] < v[first] ? -1.0 : 1.0;
    /* Keep the points that set a new voltage extreme: Q becomes a function of
     * V (small relaxation wiggles would otherwise fold it back). */
    double *kv = malloc((last - first + 1) * sizeof *kv), *kq = malloc((last - first + 1) * sizeof *kq);
    if (!kv || !kq) {
        free(kv);
        free(kq);
        return 0;
    }
    size_t m = 0;
    for (size_t i = first; i <= last; i++) {
        if (!isfinite(v[i]) || !isfinite(q[i])) continue;
        if (m == 0 || dir * (v[i] - kv[m - 1]) > 0) {
            kv[m] = v[i];
            kq[m] = q[i];
            m++;
        } else {
            kq[m - 1] = q[i]; /* same voltage reached again: the charge passed there counts */
        }
    }
    double span = fabs(kv[m - 1] - kv[0]);
    size_t ng = m >= 2 ? (size_t)floor(span / dv) + 1 : 0;
    if (ng < 3) {
        free(kv);
        free(kq);
        return 0;
    }
    double *gv = malloc(ng * sizeof *gv), *gq = malloc(ng * sizeof *gq), *d = malloc(ng * sizeof *d),
           *out = malloc(ng * sizeof *out);
    if (!gv || !gq || !d || !out) {
        free(gv), free(gq), free(d), free(out), free(kv), free(kq);
        return 0;
    }
    /* Linear interpolation of Q at each grid voltage (grid runs in the
     * segment's direction, so one pass over the kept points suffices). */
    size_t j = 0;
    for (size_t i = 0; i < ng; i++) {
        gv[i] = kv[0] + dir * dv * (double)i;
        while (j + 2 < m && dir * (kv[j + 1] - gv[i]) < 0) j++;
        double a = kv[j], b = kv[j + 1];
        double w = b != a ? (gv[i] - a) / (b - a) : 0;
        if (w < 0) w = 0;
        if (w > 1) w = 1;
        gq[i] = kq[j] + w * (kq[j + 1] - kq[j]);
    }
    for (size_t i = 0; i < ng; i++) {
        size_t lo = i ? i - 1 : 0, hi = i + 1 < ng ? i + 1 : ng - 1;
        d[i] = fabs((gq[hi] - gq[lo]) / (gv[hi] - gv[lo]));
    }
    long half = sigma > 0 ? (long)ceil(3 * sigma / dv) : 0;
    for (size_t i = 0; i < ng; i++) {
        double sw = 0, s = 0;
        for (long k = -half; k <= half; k++) {
            long idx = (long)i + k;
            if (idx < 0 || idx >= (long)ng) continue;
            double w = sigma > 0 ? exp(-0.5 * (k * dv / sigma) * (k * dv / sigma)) : 1.0;
            sw += w;
            s += w * d[idx];
        }
        out[i] = s / sw;
    }
    free(gq);
    free(d);
    free(kv);
    free(kq);
    *v_out = gv;
    *dqdv_out = out;
    return ng;
}
