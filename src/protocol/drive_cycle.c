/* drive_cycle.c — the cf_drive_cycle object: storage, checks on arrays,
 * linear interpolation with repeats, and the knots an integrator stops on. */
#include "protocol/protocol_internal.h"
#include "cellforge/cf_ranges.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cf_drive_cycle_free(cf_drive_cycle *dc)
{
    if (!dc) return;
    free(dc->t);
    free(dc->y);
    free(dc->name);
    free(dc);
}

cf_drive_cycle *cf_dc_alloc(const char *name)
{
    cf_drive_cycle *dc = calloc(1, sizeof *dc);
    if (!dc) return NULL;
    size_t n = strlen(name);
    dc->name = malloc(n + 1);
    if (!dc->name) {
        free(dc);
        return NULL;
    }
    memcpy(dc->name, name, n + 1);
    return dc;
}

/* Room for one more point; doubling. */
int cf_dc_reserve(cf_drive_cycle *dc, size_t *cap)
{
    if (dc->n < *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 256;
    if (nc > ((size_t)-1) / sizeof(double) / 2) return -1;
    double *nt = realloc(dc->t, nc * sizeof *nt);
    if (!nt) return -1;
    dc->t = nt;
    double *ny = realloc(dc->y, nc * sizeof *ny);
    if (!ny) return -1;
    dc->y = ny;
    *cap = nc;
    return 0;
}

/* Step time starts at the first row: storing it that way lets a caller use
 * the arrays directly as a step-relative series. */
void cf_dc_shift_to_zero(cf_drive_cycle *dc)
{
    double t0 = dc->t[0];
    for (size_t i = 0; i < dc->n; i++) dc->t[i] -= t0;
}

int cf_dc_time_problem(size_t i, double t, double prev, char *msg, size_t size)
{
    double latest = cf_quantity_range(CF_QTY_DURATION)->hi;
    if (i == 0 && t < 0) return snprintf(msg, size, "time must start at >= 0 (got %.10g s)", t), 1;
    if (t > latest) return snprintf(msg, size, "time %.10g s is past the longest step, %.10g s", t, latest), 1;
    if (i > 0 && !(t > prev))
        return snprintf(msg, size, "time %.10g s is not after %.10g s: time must increase strictly", t, prev), 1;
    if (i > 0 && t - prev < CF_DRIVE_MIN_DT_S)
        return snprintf(msg, size, "time %.10g s is only %.3g s after %.10g s: rows must be at least %g s apart",
                        t, t - prev, prev, CF_DRIVE_MIN_DT_S),
               1;
    return 0;
}

int cf_drive_cycle_new(cf_drive_kind kind, const double *time_s, const double *values, size_t n,
                       const char *name, cf_drive_cycle **out, cf_error *err)
{
    *out = NULL;
    if (!name || !name[0]) name = "drive cycle";
    if (kind != CF_DRIVE_CURRENT && kind != CF_DRIVE_POWER)
        return cf_error_set(err, CF_EINVAL, name, "drive-cycle kind must be current or power");
    if (n < 2 || !time_s || !values)
        return cf_error_set(err, CF_EINVAL, name, "drive cycle needs at least two points (has %zu)", n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(time_s[i]) || !isfinite(values[i]))
            return cf_error_set(err, CF_EINVAL, name, "point %zu is not a finite number", i + 1);
        char msg[200];
        if (cf_dc_time_problem(i, time_s[i], i ? time_s[i - 1] : 0.0, msg, sizeof msg))
            return cf_error_set(err, CF_EINVAL, name, "point %zu: %s", i + 1, msg);
    }
    cf_drive_cycle *dc = cf_dc_alloc(name);
    if (!dc) return cf_error_set(err, CF_ENOMEM, name, "out of memory");
    dc->t = malloc(n * sizeof *dc->t);
    dc->y = malloc(n * sizeof *dc->y);
    if (!dc->t || !dc->y || n > ((size_t)-1) / sizeof(double)) {
        cf_drive_cycle_free(dc);
        return cf_error_set(err, CF_ENOMEM, name, "out of memory");
    }
    memcpy(dc->t, time_s, n * sizeof *dc->t);
    memcpy(dc->y, values, n * sizeof *dc->y);
    dc->n = n;
    dc->kind = kind;
    cf_dc_shift_to_zero(dc);
    *out = dc;
    return CF_OK;
}

/* ---- accessors and interpolation ---- */

cf_drive_kind cf_drive_cycle_kind(const cf_drive_cycle *dc) { return dc ? dc->kind : CF_DRIVE_CURRENT; }
const char *cf_drive_cycle_name(const cf_drive_cycle *dc) { return dc ? dc->name : ""; }
size_t cf_drive_cycle_size(const cf_drive_cycle *dc) { return dc ? dc->n : 0; }
const double *cf_drive_cycle_times(const cf_drive_cycle *dc) { return dc ? dc->t : NULL; }
const double *cf_drive_cycle_values(const cf_drive_cycle *dc) { return dc ? dc->y : NULL; }

double cf_drive_cycle_duration(const cf_drive_cycle *dc)
{
    return dc && dc->n >= 2 ? dc->t[dc->n - 1] - dc->t[0] : 0.0;
}

/* Index i with t[i] <= tau < t[i+1], for t[0] <= tau < t[n-1]. */
static size_t segment(const cf_drive_cycle *dc, double tau)
{
    size_t lo = 0, hi = dc->n - 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (dc->t[mid] <= tau)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static double interp(const cf_drive_cycle *dc, double tau)
{
    if (tau <= dc->t[0]) return dc->y[0];
    if (tau >= dc->t[dc->n - 1]) return dc->y[dc->n - 1];
    size_t i = segment(dc, tau);
    double w = (tau - dc->t[i]) / (dc->t[i + 1] - dc->t[i]);
    return dc->y[i] + w * (dc->y[i + 1] - dc->y[i]);
}

double cf_drive_cycle_eval(const cf_drive_cycle *dc, double t)
{
    if (!dc || dc->n == 0) return 0.0;
    double d = cf_drive_cycle_duration(dc);
    if (!(t > 0) || !isfinite(t) || !(d > 0)) return dc->y[0];
    if (t <= d) return interp(dc, dc->t[0] + t);
    return interp(dc, dc->t[0] + fmod(t, d));
}

double cf_drive_cycle_next_knot(const cf_drive_cycle *dc, double t)
{
    double d = cf_drive_cycle_duration(dc);
    if (!(d > 0)) return INFINITY;
    if (!(t >= 0)) return 0.0;
    if (!isfinite(t)) return INFINITY;
    double k = floor(t / d);
    double r = t - k * d;
    double t0 = dc->t[0];
    size_t i = (r < d) ? segment(dc, t0 + r) + 1 : dc->n - 1;
    /* Rounding in t - k*d can land on or just before a knot already passed:
     * step forward until strictly after t (bounded: one pass at most). */
    for (size_t guard = 0; guard <= dc->n + 1; guard++) {
        double cand = k * d + (dc->t[i] - t0);
        if (cand > t) return cand;
        if (++i >= dc->n) {
            i = 1; /* knot 0 of the next pass is knot n-1 of this one */
            k += 1;
        }
    }
    /* Unreachable within the time rules (a cycle of >= 1 us, t <= 1e9 s);
     * still strictly after t, as callers rely on. */
    return t + d > t ? t + d : nextafter(t, INFINITY);
}
