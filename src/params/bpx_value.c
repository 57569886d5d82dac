/* bpx_value.c — a BPX FloatFunctionTable: a number, an expression string in x
 * or a table {"x": [...], "y": [...]}, read into a cf_term; and the cf_fn
 * made from a term and its temperature dependence.
 *
 * Tables are sorted by x as PyBaMM does (BPX does not require order), but a
 * repeated x is an error: it has no single value.  They are interpolated like
 * every cellforge table (monotone cubic, docs/cell-format.md), not linearly as
 * PyBaMM does; docs/bpx.md says what that changes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpx_internal.h"
#include "cell_json_internal.h"

#define TABLE_MAX_POINTS 1000000

static int read_axis(const json_t *arr, const char *where, const char *axis, double **out, cf_error *err)
{
    char key[CF_BPX_PATH_MAX + 8];
    snprintf(key, sizeof key, "%s/%s", where, axis);
    *out = NULL;
    if (!arr) return cf_error_set(err, CF_EINVAL, key, "%s is required (a list of numbers)", key);
    if (!json_is_array(arr))
        return cf_error_set(err, CF_EINVAL, key, "%s must be a list of numbers (got %s)", key,
                            cf_cell_json_type_name(arr));
    size_t n = json_array_size(arr);
    if (n > TABLE_MAX_POINTS)
        return cf_error_set(err, CF_EINVAL, key, "%s has %zu points; at most %d are allowed", key, n,
                            TABLE_MAX_POINTS);
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return cf_error_set(err, CF_ENOMEM, key, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char item[sizeof key + 24];
        snprintf(item, sizeof item, "%s[%zu]", key, i);
        if (cf_cell_json_number(json_array_get(arr, i), item, &v[i], err)) {
            free(v);
            return CF_EINVAL;
        }
    }
    *out = v;
    return CF_OK;
}

typedef struct {
    double x, y;
} point;

static int by_x(const void *a, const void *b)
{
    double xa = ((const point *)a)->x, xb = ((const point *)b)->x;
    return (xa > xb) - (xa < xb);
}

static int read_table(const json_t *obj, const char *where, int positive, cf_term *t, cf_error *err)
{
    static const char *const keys[] = {"x", "y", NULL};
    if (cf_bpx_check_keys(obj, where, keys, NULL, err)) return CF_EINVAL;
    double *x = NULL, *y = NULL;
    int rc = read_axis(json_object_get(obj, "x"), where, "x", &x, err);
    if (!rc) rc = read_axis(json_object_get(obj, "y"), where, "y", &y, err);
    size_t n = json_array_size(json_object_get(obj, "x")), ny = json_array_size(json_object_get(obj, "y"));
    if (!rc && n != ny)
        rc = cf_error_set(err, CF_EINVAL, where, "%s: x has %zu points but y has %zu; they must match", where, n, ny);
    else if (!rc && n < 2)
        rc = cf_error_set(err, CF_EINVAL, where, "%s needs at least 2 points (got %zu)", where, n);
    point *pts = rc ? NULL : malloc(n * sizeof *pts);
    if (!rc && !pts) rc = cf_error_set(err, CF_ENOMEM, where, "out of memory");
    if (!rc) {
        for (size_t i = 0; i < n; i++) pts[i] = (point){x[i], y[i]};
        qsort(pts, n, sizeof *pts, by_x);
        for (size_t i = 0; i < n; i++) {
            x[i] = pts[i].x;
            y[i] = pts[i].y;
        }
        for (size_t i = 1; i < n && !rc; i++)
            if (!(x[i] > x[i - 1]))
                rc = cf_error_set(err, CF_EINVAL, where, "%s: x = %g appears twice; a table needs distinct x", where,
                                  x[i]);
        for (size_t i = 0; i < n && !rc && positive; i++)
            if (!(y[i] > 0))
                rc = cf_error_set(err, CF_EINVAL, where, "%s must be > 0 everywhere (y = %g at x = %g)", where, y[i],
                                  x[i]);
    }
    free(pts);
    if (rc) {
        free(x);
        free(y);
        return rc;
    }
    memset(t, 0, sizeof *t);
    t->kind = CF_TERM_TABLE;
    t->table.kind = CF_FN_TABLE;
    t->table.n = (int)n;
    t->table.x = x;
    t->table.y = y;
    strcpy(t->table.name, "table");
    return CF_OK;
}

int cf_bpx_term(const json_t *obj, const char *path, const char *key, int required, int positive, cf_term *t,
                cf_error *err)
{
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, path, key);
    memset(t, 0, sizeof *t);
    const json_t *v = json_object_get(obj, key);
    if (!v) {
        if (!required) return CF_OK;
        return cf_error_set(err, CF_EINVAL, where, "%s is required (a number, an expression in x or a table)", where);
    }
    if (json_is_number(v)) {
        t->kind = CF_TERM_CONST;
        return cf_cell_json_number(v, where, &t->value, err);
    }
    if (json_is_string(v)) {
        int rc = cf_expr_compile(json_string_value(v), &t->expr, err);
        if (rc) {
            /* "column 17: unknown function 'tnh'" under the key's path. */
            cf_error_prefix_where(err, where);
            return rc;
        }
        t->kind = CF_TERM_EXPR;
        return CF_OK;
    }
    if (json_is_object(v)) return read_table(v, where, positive, t, err);
    return cf_error_set(err, CF_EINVAL, where,
                        "%s must be a number, an expression string in x or a table {\"x\": [...], \"y\": [...]} "
                        "(got %s)",
                        where, cf_cell_json_type_name(v));
}

int cf_bpx_make_fn(cf_term *base, cf_term *dT, double Ea, double T_ref, cf_fn *f, cf_error *err)
{
    int plain = (!dT || dT->kind == CF_TERM_NONE) && Ea == 0.0;
    if (plain && base->kind == CF_TERM_CONST) {
        cf_fn_set_constant(f, base->value);
        cf_term_clear(base);
        return CF_OK;
    }
    if (plain && base->kind == CF_TERM_EXPR) {
        const char *name = cf_bpx_builtin_for_expression(cf_expr_text(base->expr));
        if (name && cf_fn_set_builtin(f, name, NULL) == CF_OK) {
            cf_term_clear(base);
            return CF_OK;
        }
    }
    if (plain && base->kind == CF_TERM_TABLE) {
        *f = base->table; /* the points move to f */
        memset(base, 0, sizeof *base);
        return CF_OK;
    }
    cf_fn_expr *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    c->base = *base;
    memset(base, 0, sizeof *base);
    if (dT) {
        c->dT = *dT;
        memset(dT, 0, sizeof *dT);
    }
    c->Ea_J_mol = Ea;
    c->T_ref = T_ref;
    return cf_fn_set_composite(f, c, err);
}
