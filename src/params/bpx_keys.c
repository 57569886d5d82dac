/* bpx_keys.c — strict BPX keys: unknown keys are errors (as in the bpx
 * package, which forbids extra fields), with the most useful suggestion:
 *
 *   "Thickness [cm]"  -> BPX gives it as "Thickness [m]" (SI; convert the value)
 *   "Thickness"       -> the key carries its unit: "Thickness [m]"
 *   "Porosty"         -> did you mean "Porosity"?
 *   "Initial temperature [K]" in Cell (a BPX 0.x place) -> where it moved
 *
 * plus numbers with ranges and key paths. */
#define _POSIX_C_SOURCE 200809L /* strncasecmp */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bpx_internal.h"
#include "cell_json_internal.h"

void cf_bpx_note(cf_bpx_notes *notes, const char *fmt, ...)
{
    if (!notes) return;
    if (notes->n >= CF_BPX_MAX_NOTES) {
        notes->dropped++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(notes->text[notes->n++], CF_BPX_NOTE_LEN, fmt, ap);
    va_end(ap);
}

const char *cf_bpx_path(char *buf, size_t n, const char *parent, const char *key)
{
    if (parent && parent[0]) snprintf(buf, n, "%s/%s", parent, key);
    else snprintf(buf, n, "%s", key);
    return buf;
}

/* "Thickness [m]" -> base "Thickness" (length 9) and unit "m". */
static size_t split_unit(const char *key, const char **unit, size_t *unit_len)
{
    const char *open = strrchr(key, '[');
    size_t len = strlen(key);
    if (!open || len < 2 || key[len - 1] != ']') {
        *unit = NULL;
        *unit_len = 0;
        return len;
    }
    *unit = open + 1;
    *unit_len = (size_t)(key + len - 1 - (open + 1));
    size_t base = (size_t)(open - key);
    while (base > 0 && key[base - 1] == ' ') base--;
    return base;
}

static int unknown_key(const char *key, const char *where, const char *const *known, cf_error *err)
{
    const char *unit;
    size_t ulen, blen = split_unit(key, &unit, &ulen);
    for (size_t i = 0; known[i]; i++) {
        const char *kunit;
        size_t kulen, kblen = split_unit(known[i], &kunit, &kulen);
        if (kblen != blen || strncasecmp(known[i], key, blen) != 0) continue;
        if (!unit && kunit)
            return cf_error_set(err, CF_EINVAL, where,
                                "'%.60s' needs its unit in the key: BPX names it '%s' (SI units)", key, known[i]);
        if (unit && kunit)
            return cf_error_set(err, CF_EINVAL, where,
                                "'%.60s' has the unit [%.*s], but BPX gives this value in [%.*s] as '%s'; convert "
                                "the value to SI units and rename the key",
                                key, (int)ulen, unit, (int)kulen, kunit, known[i]);
        if (unit && !kunit)
            return cf_error_set(err, CF_EINVAL, where, "'%.60s' has no unit in BPX: the key is '%s'", key, known[i]);
        return cf_error_set(err, CF_EINVAL, where, "unknown key '%.60s' (did you mean '%s'?)", key, known[i]);
    }
    const char *s = cf_cell_json_suggest(key, known);
    if (s) return cf_error_set(err, CF_EINVAL, where, "unknown key '%.80s' (did you mean '%s'?)", key, s);
    char list[400] = "";
    size_t used = 0;
    for (size_t i = 0; known[i] && used + strlen(known[i]) + 8 < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'", i ? ", " : "", known[i]);
    return cf_error_set(err, CF_EINVAL, where, "unknown key '%.80s' (allowed here: %s)", key, list);
}

int cf_bpx_check_keys(const json_t *obj, const char *path, const char *const *known, const bpx_hint *hints,
                      cf_error *err)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        int ok = 0;
        for (size_t i = 0; known[i] && !ok; i++) ok = strcmp(key, known[i]) == 0;
        if (ok) continue;
        char where[CF_BPX_PATH_MAX];
        cf_bpx_path(where, sizeof where, path, key);
        for (size_t i = 0; hints && hints[i].key; i++)
            if (strcmp(key, hints[i].key) == 0)
                return cf_error_set(err, CF_EINVAL, where, "'%s' is not allowed here: %s", key, hints[i].hint);
        return unknown_key(key, where, known, err);
    }
    return CF_OK;
}

int cf_bpx_object(const json_t *parent, const char *path, const char *key, int required, const json_t **out,
                  cf_error *err)
{
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, path, key);
    *out = json_object_get(parent, key);
    if (!*out) {
        if (!required) return CF_OK;
        return cf_error_set(err, CF_EINVAL, where, "%s is required (an object)", where);
    }
    if (!json_is_object(*out))
        return cf_error_set(err, CF_EINVAL, where, "%s must be an object {...} (got %s)", where,
                            cf_cell_json_type_name(*out));
    return CF_OK;
}

int cf_bpx_number(const json_t *obj, const char *path, const char *key, int required, double dflt, double *out,
                  int *present, cf_error *err)
{
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, path, key);
    const json_t *v = json_object_get(obj, key);
    if (present) *present = v != NULL;
    if (!v) {
        if (required) return cf_error_set(err, CF_EINVAL, where, "%s is required (a number)", where);
        *out = dflt;
        return CF_OK;
    }
    if (json_is_string(v))
        return cf_error_set(err, CF_EINVAL, where,
                            "%s must be a number (got the string \"%.40s\"; only material functions may be "
                            "expressions)",
                            where, json_string_value(v));
    return cf_cell_json_number(v, where, out, err);
}

int cf_bpx_range(double v, const char *path, const char *key, double lo, double hi, int lo_open, int hi_open,
                 cf_error *err)
{
    int bad = !isfinite(v) || (lo_open ? v <= lo : v < lo) || (hi_open ? v >= hi : v > hi);
    if (!bad) return CF_OK;
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, path, key);
    return cf_error_set(err, CF_EINVAL, where, "%g is outside the allowed range %s%g, %g%s", v, lo_open ? "(" : "[",
                        lo, hi, hi_open ? ")" : "]");
}
