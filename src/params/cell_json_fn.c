/* cell_json_fn.c — a material function from a cell file: the name of a
 * built-in published function, a constant, or a table {"x": [...], "y": [...]}
 * interpolated by cf_fn_eval. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell_json_internal.h"

/* Tables hold measured curves (hundreds of points); a million is a mistake. */
#define TABLE_MAX_POINTS 1000000

static const char *role_name(cf_fn_role role)
{
    switch (role) {
    case CF_FN_ROLE_OCP: return "an open-circuit potential";
    case CF_FN_ROLE_ELECTROLYTE_D: return "an electrolyte diffusivity";
    case CF_FN_ROLE_ELECTROLYTE_KAPPA: return "an electrolyte conductivity";
    case CF_FN_ROLE_SOLID_D: return "a solid diffusivity";
    default: return "a material function";
    }
}

/* Names of the built-in functions with this role, NULL-terminated, into
 * names[cap]; and the same as a ", "-separated list. */
static void role_names(cf_fn_role role, const char **names, size_t cap, char *list, size_t n)
{
    size_t k = 0, used = 0;
    list[0] = '\0';
    for (int i = 0; i < cf_material_fn_count() && k + 1 < cap; i++) {
        const cf_material_fn_entry *e = cf_material_fn_get(i);
        if (e->role != role) continue;
        names[k++] = e->name;
        if (used + strlen(e->name) + 3 < n)
            used += (size_t)snprintf(list + used, n - used, "%s%s", used ? ", " : "", e->name);
    }
    names[k] = NULL;
}

static int read_name(const char *name, const char *key, cf_fn_role role, cf_fn *f, cf_error *err)
{
    const char *names[64];
    char list[320];
    role_names(role, names, sizeof names / sizeof names[0], list, sizeof list);
    cf_error inner;
    cf_error_clear(&inner);
    /* The registry is the one place that knows which names exist. */
    if (cf_fn_set_builtin(f, name, &inner) != CF_OK) {
        const char *s = cf_cell_json_suggest(name, names);
        if (s)
            return cf_error_set(err, CF_EINVAL, key, "%s; did you mean '%s'?", inner.message, s);
        return cf_error_set(err, CF_EINVAL, key, "%s; %s accepts %s", inner.message, key, list);
    }
    const cf_material_fn_entry *e = cf_material_fn_get(f->builtin);
    if (e->role != role)
        return cf_error_set(err, CF_EINVAL, key, "'%.60s' is %s, but %s must be %s (one of: %s)", name,
                            role_name(e->role), key, role_name(role), list);
    return CF_OK;
}

/* Reads array `arr` (named key.axis) into a new malloc'ed vector. */
static int read_axis(const json_t *arr, const char *key, const char *axis, double **out, cf_error *err)
{
    char where[192];
    snprintf(where, sizeof where, "%s.%s", key, axis);
    *out = NULL;
    if (!arr) return cf_error_set(err, CF_EINVAL, where, "%s is required (a list of numbers)", where);
    if (!json_is_array(arr))
        return cf_error_set(err, CF_EINVAL, where, "%s must be a list of numbers (got %s)", where,
                            cf_cell_json_type_name(arr));
    size_t n = json_array_size(arr);
    if (n > TABLE_MAX_POINTS)
        return cf_error_set(err, CF_EINVAL, where, "%s has %zu points; at most %d are allowed", where, n,
                            TABLE_MAX_POINTS);
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char item[sizeof where + 16];
        snprintf(item, sizeof item, "%s[%zu]", where, i);
        if (cf_cell_json_number(json_array_get(arr, i), item, &v[i], err)) {
            free(v);
            return CF_EINVAL;
        }
    }
    *out = v;
    return CF_OK;
}

static int check_table(const double *x, const double *y, size_t n, const char *key, cf_fn_role role, cf_error *err)
{
    char where[192];
    for (size_t i = 1; i < n; i++)
        if (!(x[i] > x[i - 1])) {
            snprintf(where, sizeof where, "%s.x[%zu]", key, i);
            return cf_error_set(err, CF_EINVAL, where,
                                "%s.x must be strictly increasing: x[%zu] = %g is not greater than x[%zu] = %g", key,
                                i, x[i], i - 1, x[i - 1]);
        }
    /* Transport properties divide and take roots downstream: keep them positive. */
    if (role != CF_FN_ROLE_OCP)
        for (size_t i = 0; i < n; i++)
            if (!(y[i] > 0)) {
                snprintf(where, sizeof where, "%s.y[%zu]", key, i);
                return cf_error_set(err, CF_EINVAL, where, "%s must be > 0 everywhere (y[%zu] = %g)", key, i, y[i]);
            }
    return CF_OK;
}

static int read_table(const json_t *obj, const char *key, cf_fn_role role, cf_fn *f, cf_error *err)
{
    static const char *const keys[] = {"x", "y", NULL};
    if (cf_cell_json_check_keys(obj, key, keys, err)) return CF_EINVAL;
    double *x = NULL, *y = NULL;
    int rc = read_axis(json_object_get(obj, "x"), key, "x", &x, err);
    if (!rc) rc = read_axis(json_object_get(obj, "y"), key, "y", &y, err);
    if (rc) {
        free(x);
        return rc;
    }
    size_t nx = json_array_size(json_object_get(obj, "x")), ny = json_array_size(json_object_get(obj, "y"));
    if (nx != ny)
        rc = cf_error_set(err, CF_EINVAL, key, "%s.x has %zu points but %s.y has %zu; they must match", key, nx, key,
                          ny);
    else if (nx < 2)
        rc = cf_error_set(err, CF_EINVAL, key, "%s needs at least 2 points (got %zu)", key, nx);
    else
        rc = check_table(x, y, nx, key, role, err);
    if (rc) {
        free(x);
        free(y);
        return rc;
    }
    memset(f, 0, sizeof *f);
    f->kind = CF_FN_TABLE;
    f->n = (int)nx;
    f->x = x;
    f->y = y;
    snprintf(f->name, sizeof f->name, "table");
    return CF_OK;
}

int cf_cell_json_read_fn(const json_t *value, const char *key, cf_fn_role role, cf_fn *f, cf_error *err)
{
    cf_fn tmp;
    memset(&tmp, 0, sizeof tmp);
    int rc;
    if (json_is_string(value)) {
        rc = read_name(json_string_value(value), key, role, &tmp, err);
    } else if (json_is_number(value)) {
        double v = 0;
        rc = cf_cell_json_number(value, key, &v, err);
        if (!rc) cf_fn_set_constant(&tmp, v);
    } else if (json_is_object(value)) {
        rc = read_table(value, key, role, &tmp, err);
    } else {
        rc = cf_error_set(err, CF_EINVAL, key,
                          "%s must be a function name, a number or a table {\"x\": [...], \"y\": [...]} (got %s)",
                          key, cf_cell_json_type_name(value));
    }
    if (rc) return rc;
    if (f->kind == CF_FN_TABLE) {
        free(f->x);
        free(f->y);
    }
    *f = tmp;
    return CF_OK;
}
