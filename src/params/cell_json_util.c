/* cell_json_util.c — strict helpers for reading cell files: unknown keys with
 * a "did you mean" suggestion, finite numbers, key paths. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cell_json_internal.h"
#include "core/edit_distance.h"

const char *cf_cell_json_suggest(const char *word, const char *const *known) { return cf_edit_nearest(word, known, 3); }

const char *cf_cell_json_join(char *buf, size_t n, const char *parent, const char *key)
{
    if (parent && parent[0])
        snprintf(buf, n, "%s.%s", parent, key);
    else
        snprintf(buf, n, "%s", key);
    return buf;
}

int cf_cell_json_check_keys(const json_t *obj, const char *path, const char *const *known, cf_error *err)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (strcmp(key, "comment") == 0) continue;
        int ok = 0;
        for (size_t i = 0; known[i] && !ok; i++) ok = strcmp(key, known[i]) == 0;
        if (ok) continue;
        char where[192];
        snprintf(where, sizeof where, "%s%s%.80s", path, path[0] ? "." : "", key);
        const char *s = cf_cell_json_suggest(key, known);
        if (s)
            return cf_error_set(err, CF_EINVAL, where, "unknown key '%.80s' (did you mean '%s'?)", key, s);
        /* No close match: list what is allowed, as much as fits. */
        char list[400] = "";
        size_t used = 0;
        for (size_t i = 0; known[i] && used + strlen(known[i]) + 8 < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", known[i]);
        return cf_error_set(err, CF_EINVAL, where, "unknown key '%.60s' in %s (known: %s)", key,
                            path[0] ? path : "the top level", list);
    }
    return CF_OK;
}

const char *cf_cell_json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL:
    default: return "null";
    }
}

int cf_cell_json_number(const json_t *value, const char *key, double *out, cf_error *err)
{
    if (!json_is_number(value))
        return cf_error_set(err, CF_EINVAL, key, "%s must be a number (got %s)", key, cf_cell_json_type_name(value));
    double v = json_number_value(value);
    /* jansson rejects NaN/Infinity literals and overflowing reals while
     * parsing; huge integers still convert, so check what arrives. */
    if (!isfinite(v)) return cf_error_set(err, CF_EINVAL, key, "%s must be a finite number", key);
    *out = v;
    return CF_OK;
}

int cf_cell_json_load(const char *text, size_t len, const char *name, json_t **root, cf_error *err)
{
    json_error_t jerr;
    *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (*root) return CF_OK;
    char where[sizeof err->where];
    int line = jerr.line > 0 ? jerr.line : 1, col = jerr.column > 0 ? jerr.column : 1;
    snprintf(where, sizeof where, "%.150s:%d:%d", name, line, col);
    return cf_error_set(err, CF_EINVAL, where, "malformed JSON at line %d, column %d: %s", line, col, jerr.text);
}
