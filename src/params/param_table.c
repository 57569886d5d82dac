/* param_table.c — the named parameters of an electrode's side models (SEI,
 * lithium plating, loss of active material; param_table.h): the keys a cell
 * file's object may hold, setting one by its key, and the range check of
 * each. */
#include "params/param_table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int cf_param_table_keys(const cf_param_table *t, const char **keys, size_t n)
{
    if (n < t->n_ranges + 3) return 0;
    keys[0] = "model";
    keys[1] = "comment";
    for (size_t i = 0; i < t->n_ranges; i++) keys[i + 2] = t->ranges[i].key;
    keys[t->n_ranges + 2] = NULL;
    return 1;
}

int cf_param_table_set(const cf_param_table *t, cf_electrode *e, const char *key, double v, const char *where,
                       cf_error *err)
{
    for (size_t i = 0; i < t->n_ranges; i++)
        if (strcmp(t->ranges[i].key, key) == 0) {
            *(double *)((char *)e + t->params_off + t->ranges[i].off) = v;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, where, "unknown %s parameter '%s'", t->what, key);
}

int cf_param_table_check(const cf_param_table *t, const cf_electrode *e, const char *side, cf_error *err)
{
    for (size_t i = 0; i < t->n_ranges; i++) {
        const cf_param_range *r = &t->ranges[i];
        double v = *(const double *)((const char *)e + t->params_off + r->off);
        if (!isfinite(v) || (r->lo_open ? v <= r->lo : v < r->lo) || (r->hi_open ? v >= r->hi : v > r->hi)) {
            char key[160];
            snprintf(key, sizeof key, "%s.%s.%s", side, t->object, r->key);
            return cf_error_set(err, CF_EINVAL, key, "%g%s%s is outside the allowed range %s%g, %g%s%s%s", v,
                                r->unit[0] ? " " : "", r->unit, r->lo_open ? "(" : "[", r->lo, r->hi,
                                r->hi_open ? ")" : "]", r->unit[0] ? " " : "", r->unit);
        }
    }
    return CF_OK;
}
