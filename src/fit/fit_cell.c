#define _POSIX_C_SOURCE 200809L
/* fit_cell.c — the base cell of a fit as its cell file (JSON), edited by
 * key path.  Editing the file rather than the cf_cell struct keeps the cell
 * file format the one source of truth (as sweeps do): every documented key
 * can be fitted, the loader checks each trial value as it checks a file, and
 * the fitted cell is written as the base file with the fitted keys set. */
#include "fit/fit_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_io.h"
#include "params/cell_json_internal.h"

int fit_base_json(const char *cell, json_t **out, char *stem, size_t stem_cap, cf_error *err)
{
    *out = NULL;
    for (const char *const *n = cf_cell_builtin_names(); *n; n++)
        if (!strcmp(*n, cell)) {
            *out = json_pack("{ss}", "base", cell);
            snprintf(stem, stem_cap, "%s", cell);
            return *out ? CF_OK : cf_error_set(err, CF_ENOMEM, "cell", "out of memory");
        }
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(cell, CF_INPUT_JSON, &text, &len, err);
    if (rc) return rc;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, 0, &jerr);
    free(text);
    if (!root)
        return cf_error_set(err, CF_EINVAL, cell, "line %d column %d: %s", jerr.line, jerr.column, jerr.text);
    if (!json_is_object(root) || json_object_get(root, "Parameterisation") || json_object_get(root, "electrodes")) {
        json_decref(root);
        return cf_error_set(err, CF_EINVAL, cell, "a fit takes a built-in cell or a cellforge cell file; for a BPX "
                            "file or a recipe, write its cell first (cellforge bpx / design)");
    }
    const char *base = strrchr(cell, '/');
    base = base ? base + 1 : cell;
    snprintf(stem, stem_cap, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem) *dot = 0;
    *out = root;
    return CF_OK;
}

int fit_json_set(json_t *root, const char *path, double v, cf_error *err)
{
    char buf[CF_FIT_PATH_MAX];
    if (strlen(path) >= sizeof buf) return cf_error_set(err, CF_EINVAL, path, "key path longer than %d characters",
                                                        CF_FIT_PATH_MAX - 1);
    snprintf(buf, sizeof buf, "%s", path);
    json_t *node = root;
    char *save = NULL;
    char *seg = strtok_r(buf, ".", &save);
    int depth = 0;
    while (seg) {
        char *next = strtok_r(NULL, ".", &save);
        if (++depth > FIT_PATH_MAX_DEPTH) return cf_error_set(err, CF_EINVAL, path, "key path deeper than %d",
                                                              FIT_PATH_MAX_DEPTH);
        if (!json_is_object(node))
            return cf_error_set(err, CF_EINVAL, path, "'%s' is inside a value that is not an object", seg);
        if (!next) {
            json_t *old = json_object_get(node, seg);
            if (old && !json_is_number(old))
                return cf_error_set(err, CF_EINVAL, path, "the cell file holds a %s there, not a number: only "
                                    "numeric keys can be fitted", json_is_string(old) ? "function name" : "table or "
                                    "object");
            return json_object_set_new(node, seg, json_real(v)) ? cf_error_set(err, CF_ENOMEM, path, "out of memory")
                                                                 : CF_OK;
        }
        json_t *child = json_object_get(node, seg);
        if (!child) {
            /* A file with a base may leave whole sections out. */
            child = json_object();
            if (!child || json_object_set_new(node, seg, child)) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
        }
        node = child;
        seg = next;
    }
    return cf_error_set(err, CF_EINVAL, path, "empty key path");
}

int fit_cell_from_json(const json_t *root, const char *stem, cf_cell **out, cf_error *err)
{
    return cf_cell_json_read_params(root, stem, out, err);
}
