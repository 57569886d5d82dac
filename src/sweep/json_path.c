/* json_path.c — set a value at a dotted path ("negative.porosity") in a JSON
 * document, the way a sweep changes one key of the base cell or recipe.
 *
 * Editing the JSON (rather than the cf_cell struct) keeps the cell file
 * format the one source of truth: every key it documents can be swept, and
 * the loader checks the edited value exactly as it checks a file. */
#include <stdlib.h>
#include <string.h>

#include "sweep/sweep_internal.h"

/* A segment made only of digits indexes an array. */
static int is_index(const char *seg, size_t *idx)
{
    if (!seg[0]) return 0;
    size_t v = 0;
    for (const char *c = seg; *c; c++) {
        if (*c < '0' || *c > '9' || v > 100000000) return 0;
        v = v * 10 + (size_t)(*c - '0');
    }
    *idx = v;
    return 1;
}

static int set_path(json_t *root, char *const *seg, int depth, json_t *v, const char *name, cf_error *err)
{
    json_t *node = root;
    for (int i = 0; i < depth; i++) {
        int last = i == depth - 1;
        size_t idx;
        if (json_is_array(node)) {
            if (!is_index(seg[i], &idx))
                return cf_error_set(err, CF_EINVAL, name, "'%s' is a list here: use a position 0..%zu instead of '%s'",
                                    i ? seg[i - 1] : "(top)", json_array_size(node) - 1, seg[i]);
            if (idx >= json_array_size(node))
                return cf_error_set(err, CF_EINVAL, name, "position %zu is outside the list's range [0, %zu]", idx,
                                    json_array_size(node) - 1);
            if (last) return json_array_set(node, idx, v) ? cf_error_set(err, CF_ENOMEM, name, "out of memory") : 0;
            node = json_array_get(node, idx);
            continue;
        }
        if (!json_is_object(node))
            return cf_error_set(err, CF_EINVAL, name, "'%s' holds a single value, so it has no key '%s'",
                                i ? seg[i - 1] : "(top)", seg[i]);
        if (last) return json_object_set(node, seg[i], v) ? cf_error_set(err, CF_ENOMEM, name, "out of memory") : 0;
        json_t *next = json_object_get(node, seg[i]);
        if (!next) {
            /* A base file (or {"base": "chen2020"}) may leave whole sections
             * out: the loader takes them from its base. */
            next = json_object();
            if (!next || json_object_set_new(node, seg[i], next))
                return cf_error_set(err, CF_ENOMEM, name, "out of memory");
        }
        node = next;
    }
    return cf_error_set(err, CF_EINVAL, name, "empty path");
}

/* Takes v (a new reference) in every case: set_path's json_*_set add their
 * own reference, so ours is dropped here, on success and on failure. */
int sw_json_set_path(json_t *root, char *const *seg, int depth, json_t *v, const char *name, cf_error *err)
{
    int rc = set_path(root, seg, depth, v, name, err);
    json_decref(v);
    return rc;
}
