/* fn_eval.c — evaluating cf_fn material functions (constant, built-in, table,
 * expression).
 *
 * Tables use monotone cubic Hermite interpolation (Fritsch–Carlson), so an
 * OCP table keeps its monotonicity and has a continuous derivative, which the
 * Newton iteration needs.  Outside the table the end slope extends linearly. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "expr/fn_expr.h"
#include "material_fns.h"

static double end_slope(const double *x, const double *y, int i)
{
    return (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
}

/* Fritsch–Carlson slope at node i. */
static double node_slope(const double *x, const double *y, int n, int i)
{
    if (n < 2) return 0.0;
    if (i == 0) return end_slope(x, y, 0);
    if (i == n - 1) return end_slope(x, y, n - 2);
    double d0 = end_slope(x, y, i - 1), d1 = end_slope(x, y, i);
    if (d0 * d1 <= 0) return 0.0;
    double h0 = x[i] - x[i - 1], h1 = x[i + 1] - x[i];
    double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;
    return (w1 + w2) / (w1 / d0 + w2 / d1);
}

static double table_eval(const cf_fn *f, double xv, double *dfdx)
{
    const double *x = f->x, *y = f->y;
    int n = f->n;
    if (n == 1) {
        if (dfdx) *dfdx = 0;
        return y[0];
    }
    if (xv <= x[0]) {
        double s = end_slope(x, y, 0);
        if (dfdx) *dfdx = s;
        return y[0] + s * (xv - x[0]);
    }
    if (xv >= x[n - 1]) {
        double s = end_slope(x, y, n - 2);
        if (dfdx) *dfdx = s;
        return y[n - 1] + s * (xv - x[n - 1]);
    }
    int lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (x[mid] <= xv) lo = mid; else hi = mid;
    }
    double h = x[hi] - x[lo], t = (xv - x[lo]) / h;
    double m0 = node_slope(x, y, n, lo) * h, m1 = node_slope(x, y, n, hi) * h;
    double t2 = t * t, t3 = t2 * t;
    double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
    if (dfdx) {
        double d00 = 6 * t2 - 6 * t, d10 = 3 * t2 - 4 * t + 1, d01 = -6 * t2 + 6 * t, d11 = 3 * t2 - 2 * t;
        *dfdx = (d00 * y[lo] + d10 * m0 + d01 * y[hi] + d11 * m1) / h;
    }
    return h00 * y[lo] + h10 * m0 + h01 * y[hi] + h11 * m1;
}

double cf_fn_eval(const cf_fn *f, double x, double T, double *dfdx)
{
    switch (f->kind) {
    case CF_FN_BUILTIN: {
        const cf_material_fn_entry *e = cf_material_fn_get(f->builtin);
        return e->fn(x, T, dfdx);
    }
    case CF_FN_TABLE:
        return table_eval(f, x, dfdx);
    case CF_FN_EXPR:
        return cf_fn_expr_eval(f->expr, x, T, dfdx);
    case CF_FN_CONSTANT:
    default:
        if (dfdx) *dfdx = 0.0;
        return f->value;
    }
}

int cf_fn_set_builtin(cf_fn *f, const char *name, cf_error *err)
{
    int idx = cf_material_fn_find(name);
    if (idx < 0) {
        char list[384] = "";
        size_t used = 0;
        for (int i = 0; i < cf_material_fn_count() && used + 40 < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                     cf_material_fn_get(i)->name);
        return cf_error_set(err, CF_EINVAL, name, "unknown material function '%s' (known: %s)", name, list);
    }
    memset(f, 0, sizeof *f);
    f->kind = CF_FN_BUILTIN;
    f->builtin = idx;
    snprintf(f->name, sizeof f->name, "%s", name);
    return CF_OK;
}

void cf_fn_set_constant(cf_fn *f, double v)
{
    memset(f, 0, sizeof *f);
    f->kind = CF_FN_CONSTANT;
    f->value = v;
    snprintf(f->name, sizeof f->name, "constant");
}
