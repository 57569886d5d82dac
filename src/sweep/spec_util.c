/* spec_util.c — small strict helpers for reading sweep specs. */
#include <stdlib.h>
#include <string.h>

#include "sweep/sweep_internal.h"
#include "core/edit_distance.h"

char *sw_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

const char *sw_suggest(const char *word, const char *const *known) { return cf_edit_nearest(word, known, 3); }

int sw_check_keys(const json_t *obj, const char *path, const char *const *known, cf_error *err)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (strcmp(key, "comment") == 0) continue;
        int ok = 0;
        for (size_t i = 0; known[i] && !ok; i++) ok = strcmp(key, known[i]) == 0;
        if (ok) continue;
        char where[192];
        snprintf(where, sizeof where, "%s%s%s", path, path[0] ? "." : "", key);
        const char *s = sw_suggest(key, known);
        char list[320] = "";
        size_t used = 0;
        for (size_t i = 0; known[i]; i++)
            if (used + strlen(known[i]) + 3 < sizeof list)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", known[i]);
        if (s) return cf_error_set(err, CF_EINVAL, where, "unknown key '%s' (did you mean '%s'?)", key, s);
        return cf_error_set(err, CF_EINVAL, where, "unknown key '%s' (known: %s)", key, list);
    }
    return CF_OK;
}

int sw_number(const json_t *v, const char *key, double *out, cf_error *err)
{
    if (!json_is_number(v))
        return cf_error_set(err, CF_EINVAL, key, "%s must be a number", key);
    *out = json_number_value(v);
    return CF_OK;
}

uint64_t sw_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

char *sw_resolve_path(const char *dir, const char *path)
{
    if (!dir || !dir[0] || path[0] == '/') return sw_strdup(path);
    size_t n = strlen(dir) + strlen(path) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, path);
    return p;
}
