/* ticks.c — axis tick positions and labels.
 *
 * Ticks are "nice": a step of 1, 2 or 5 times a power of ten, as a person
 * would choose, with the axis widened to whole steps so the first and last
 * tick sit on the frame. */
#include <math.h>
#include <stdio.h>

#include "plot/cf_plot.h"

/* The nice number nearest to raw from {1, 2, 5, 10} x 10^k, rounding up
 * past the geometric midpoints (1.41, 3.16, 7.07). */
static double nice_step(double raw, int bump)
{
    double e = floor(log10(raw));
    double base = pow(10.0, e);
    double f = raw / base;
    static const double M[] = {1, 2, 5, 10, 20, 50};
    int i = f < 1.414 ? 0 : f < 3.162 ? 1 : f < 7.071 ? 2 : 3;
    i += bump;
    if (i > 5) i = 5;
    return M[i] * base;
}

int cf_plot_nice_ticks(double lo, double hi, int target, double *ticks, int cap, double *lo_out, double *hi_out)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi)) || hi - lo < 1e-300) {
        /* A flat curve still gets an axis around its value. */
        double d = lo != 0 ? 0.05 * fabs(lo) : 0.5;
        lo -= d;
        hi += d;
    }
    if (target < 2) target = 2;
    double raw = (hi - lo) / (target - 1);
    double step = 0, first = 0;
    int n = 0;
    for (int bump = 0; bump <= 5; bump++) {
        step = nice_step(raw, bump);
        first = floor(lo / step + 1e-9) * step;
        double last = ceil(hi / step - 1e-9) * step;
        n = (int)lround((last - first) / step) + 1;
        if (n <= cap) break;
    }
    if (n > cap) n = cap;
    for (int i = 0; i < n; i++) {
        double t = first + i * step;
        if (fabs(t) < 1e-9 * step) t = 0; /* no "-0" or 1e-17 from rounding */
        ticks[i] = t;
    }
    if (lo_out) *lo_out = n > 0 ? ticks[0] : lo;
    if (hi_out) *hi_out = n > 0 ? ticks[n - 1] : hi;
    return n;
}

void cf_plot_format_tick(double v, double step, char *buf, size_t len)
{
    if (v == 0) v = 0; /* turns -0 into 0 */
    double mag = fmax(fabs(v), step);
    if (step <= 0 || !isfinite(step) || mag >= 1e6 || step < 1e-4) {
        snprintf(buf, len, "%.4g", v);
        return;
    }
    int dec = (int)ceil(-log10(step) - 1e-9);
    if (dec < 0) dec = 0;
    snprintf(buf, len, "%.*f", dec, v);
}
