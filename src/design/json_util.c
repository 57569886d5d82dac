/* json_util.c — strict JSON object reading shared by recipes and run records. */
#include "design/json_util.h"
#include "core/edit_distance.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void where_of(const cf_rjloc *loc, char *buf, size_t n)
{
    if (loc->path[0])
        snprintf(buf, n, "%s: %s", loc->source, loc->path);
    else
        snprintf(buf, n, "%s", loc->source);
}

cf_rjloc cf_rjloc_child(const cf_rjloc *parent, const char *key)
{
    cf_rjloc c;
    c.source = parent->source;
    if (parent->path[0])
        snprintf(c.path, sizeof c.path, "%.100s.%.50s", parent->path, key);
    else
        snprintf(c.path, sizeof c.path, "%.50s", key);
    return c;
}

cf_rjloc cf_rjloc_index(const cf_rjloc *parent, size_t i)
{
    cf_rjloc c;
    c.source = parent->source;
    snprintf(c.path, sizeof c.path, "%.140s[%zu]", parent->path, i);
    return c;
}

size_t cf_rj_edit_distance(const char *a, const char *b)
{
    /* keys are short: compare at most their first 63 characters */
    size_t la = strlen(a), lb = strlen(b);
    size_t d = cf_edit_distance(a, la > 63 ? 63 : la, b, lb > 63 ? 63 : lb, 0);
    return d > 99 ? 99 : d;
}

const char *cf_rj_suggest(const char *word, const char *const *list)
{
    const char *best = NULL;
    size_t best_d = 100;
    for (size_t i = 0; list[i]; i++) {
        size_t d = cf_rj_edit_distance(word, list[i]);
        if (d < best_d) {
            best_d = d;
            best = list[i];
        }
    }
    /* Close enough to be a typo: at most a third of the word, at least 1, at most 3. */
    size_t len = strlen(word), limit = len / 3;
    if (limit < 1) limit = 1;
    if (limit > 3) limit = 3;
    return best_d <= limit ? best : NULL;
}

int cf_rj_parse_text(const char *text, const char *source, json_t **out, cf_error *err)
{
    json_error_t je;
    *out = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    if (!*out) {
        char where[192];
        snprintf(where, sizeof where, "%.150s:%d:%d", source, je.line, je.column);
        return cf_error_set(err, CF_EINVAL, where, "JSON syntax error: %s", je.text);
    }
    if (!json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        return cf_error_set(err, CF_EINVAL, source, "expected a JSON object at the top level");
    }
    return CF_OK;
}

int cf_rj_check_keys(const json_t *obj, const char *const *allowed, const cf_rjloc *loc,
                       cf_error *err)
{
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)obj, key, val) {
        (void)val;
        int ok = strcmp(key, "comment") == 0;
        for (size_t i = 0; !ok && allowed[i]; i++) ok = strcmp(key, allowed[i]) == 0;
        if (ok) continue;
        char list[300] = "";
        size_t used = 0;
        for (size_t i = 0; allowed[i] && used + 2 < sizeof list; i++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
            if (w < 0) break;
            used += (size_t)w;
        }
        cf_rjloc k = cf_rjloc_child(loc, key);
        char where[192];
        where_of(&k, where, sizeof where);
        const char *s = cf_rj_suggest(key, allowed);
        if (s)
            return cf_error_set(err, CF_EINVAL, where, "unknown key '%.60s' — did you mean '%s'? (allowed: %s)",
                                key, s, list);
        return cf_error_set(err, CF_EINVAL, where, "unknown key '%.60s' (allowed: %s)", key, list);
    }
    return CF_OK;
}

static int missing(const char *key, const cf_rjloc *loc, cf_error *err)
{
    char where[192];
    where_of(loc, where, sizeof where);
    return cf_error_set(err, CF_EINVAL, where[0] ? where : loc->source, "missing required key '%s'%s%s",
                        key, loc->path[0] ? " in " : "", loc->path);
}

int cf_rj_number(const json_t *obj, const char *key, int required, double lo, double hi,
                   const char *unit, const cf_rjloc *loc, cf_ropt *out, cf_error *err)
{
    out->have = 0;
    out->v = 0;
    json_t *v = json_object_get(obj, key);
    if (!v) return required ? missing(key, loc, err) : CF_OK;
    cf_rjloc k = cf_rjloc_child(loc, key);
    char where[192];
    where_of(&k, where, sizeof where);
    if (!json_is_number(v))
        return cf_error_set(err, CF_EINVAL, where, "expected a number%s%s, got %s", unit[0] ? " in " : "",
                            unit, json_is_string(v) ? "text" : "another JSON type");
    double x = json_number_value(v);
    if (!isfinite(x) || x < lo || x > hi)
        return cf_error_set(err, CF_EINVAL, where, "%s = %g %s is outside the allowed range [%g, %g] %s",
                            key, x, unit, lo, hi, unit);
    out->have = 1;
    out->v = x;
    return CF_OK;
}

int cf_rj_int(const json_t *obj, const char *key, int required, long lo, long hi,
                const cf_rjloc *loc, int *have, long *out, cf_error *err)
{
    *have = 0;
    json_t *v = json_object_get(obj, key);
    if (!v) return required ? missing(key, loc, err) : CF_OK;
    cf_rjloc k = cf_rjloc_child(loc, key);
    char where[192];
    where_of(&k, where, sizeof where);
    if (!json_is_integer(v))
        return cf_error_set(err, CF_EINVAL, where, "expected a whole number in [%ld, %ld]", lo, hi);
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return cf_error_set(err, CF_EINVAL, where, "%s = %lld is outside the allowed range [%ld, %ld]", key,
                            (long long)x, lo, hi);
    *have = 1;
    *out = (long)x;
    return CF_OK;
}

int cf_rj_text(const json_t *obj, const char *key, int required, const cf_rjloc *loc, char *buf,
                 size_t n, cf_error *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v) return required ? missing(key, loc, err) : CF_OK;
    cf_rjloc k = cf_rjloc_child(loc, key);
    char where[192];
    where_of(&k, where, sizeof where);
    if (!json_is_string(v)) return cf_error_set(err, CF_EINVAL, where, "expected text");
    const char *s = json_string_value(v);
    if (strlen(s) >= n || !s[0])
        return cf_error_set(err, CF_EINVAL, where, "text must be 1 to %zu characters long", n - 1);
    snprintf(buf, n, "%s", s);
    return CF_OK;
}

int cf_rj_choice(const json_t *obj, const char *key, int required, const char *const *choices,
                   const cf_rjloc *loc, int *index, cf_error *err)
{
    char buf[64] = "";
    *index = -1;
    int st = cf_rj_text(obj, key, required, loc, buf, sizeof buf, err);
    if (st || !buf[0]) return st;
    for (int i = 0; choices[i]; i++)
        if (strcmp(buf, choices[i]) == 0) {
            *index = i;
            return CF_OK;
        }
    cf_rjloc k = cf_rjloc_child(loc, key);
    char where[192], list[200] = "";
    where_of(&k, where, sizeof where);
    size_t used = 0;
    for (size_t i = 0; choices[i] && used + 2 < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", choices[i]);
        if (w < 0) break;
        used += (size_t)w;
    }
    const char *s = cf_rj_suggest(buf, choices);
    if (s) return cf_error_set(err, CF_EINVAL, where, "'%s' is not known — did you mean '%s'? (one of: %s)", buf, s, list);
    return cf_error_set(err, CF_EINVAL, where, "'%s' is not known (one of: %s)", buf, list);
}

int cf_rj_object(const json_t *obj, const char *key, int required, const cf_rjloc *loc, json_t **out,
                   cf_error *err)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!v) return required ? missing(key, loc, err) : CF_OK;
    if (!json_is_object(v)) {
        cf_rjloc k = cf_rjloc_child(loc, key);
        char where[192];
        where_of(&k, where, sizeof where);
        return cf_error_set(err, CF_EINVAL, where, "expected an object { ... }");
    }
    *out = v;
    return CF_OK;
}
