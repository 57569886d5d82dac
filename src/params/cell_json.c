/* cell_json.c — a cell from a JSON file: read, parse, pick the reader for the
 * file's shape, and put the file path in front of every error.
 *
 * Several JSON formats describe cells (our parameter files, BPX, design
 * recipes); they are told apart by their top-level keys, not the file name.
 * Adding a format is one detector and one line in FORMATS. */
#define _POSIX_C_SOURCE 200809L /* access() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellforge/cf_io.h"
#include "cell_json_internal.h"
#include "params/bpx_internal.h"
#include "params/cell_json.h"
#include "design/recipe_detect.h"

typedef struct {
    const char *name;
    int (*matches)(const json_t *root); /* NULL: everything (keep last) */
    int (*read)(const json_t *root, const char *stem, cf_cell **out, cf_error *err);
} cell_format;

/* BPX 0.x/1.x files always open with a "Header" object. */
static int is_bpx(const json_t *root) { return json_object_get(root, "Header") != NULL; }

/* BPX files (docs/bpx.md); the header, state and validation data are only
 * available through cf_bpx_load. */
static int read_bpx(const json_t *root, const char *stem, cf_cell **out, cf_error *err)
{
    return cf_bpx_read_json(root, stem, out, NULL, err);
}

static int read_recipe(const json_t *root, const char *stem, cf_cell **out, cf_error *err)
{
    return cf_error_set(err, CF_EINVAL, "",
                        "this is a design recipe, not a cell parameter file; recipe files: use cellforge design");
}

static const cell_format FORMATS[] = {
    {"BPX", is_bpx, read_bpx},
    {"recipe", cf_json_is_recipe, read_recipe},
    {"cell parameters", NULL, cf_cell_json_read_params},
};

/* "dir/my_cell.json" -> "my_cell": the default cell name. */
static void file_stem(const char *path, char *stem, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".json") == 0) len -= 5;
    if (len >= n) len = n - 1;
    memcpy(stem, base, len);
    stem[len] = '\0';
}

/* A missing file is usually a mistyped built-in name: say so, as bad input. */
static int missing_file(const char *path, cf_error *err)
{
    const char *const *names = cf_cell_builtin_names();
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; names[i]; i++)
        if (used + strlen(names[i]) + 3 < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", names[i]);
    const char *s = cf_cell_json_suggest(path, names);
    return cf_error_set(err, CF_EINVAL, path, "no such cell file, and not a built-in cell%s%s%s (built-in cells: %s)",
                        s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "", list);
}

/* JSON text -> one object; `name` (a file path or "<string>") places errors. */
static int parse_text(const char *text, size_t len, const char *name, json_t **root, cf_error *err)
{
    /* scalars are decoded so that "5" gets "must hold an object", not a syntax error */
    if (cf_cell_json_load(text, len, name, root, err)) return CF_EINVAL;
    if (!json_is_object(*root)) {
        const char *t = cf_cell_json_type_name(*root);
        json_decref(*root);
        *root = NULL;
        return cf_error_set(err, CF_EINVAL, name, "a cell file must hold one JSON object {...} (got %s)", t);
    }
    return CF_OK;
}

int cf_cell_parse(const char *text, size_t len, const char *name, cf_cell **out, cf_error *err)
{
    *out = NULL;
    if (!name || !name[0]) name = "<string>";
    json_t *root;
    int rc = parse_text(text, len, name, &root, err);
    if (rc) return rc;
    char stem[CF_NAME_MAX];
    file_stem(name, stem, sizeof stem);
    for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
        if (FORMATS[i].matches && !FORMATS[i].matches(root)) continue;
        rc = FORMATS[i].read(root, stem, out, err);
        break;
    }
    json_decref(root);
    /* Readers name keys; the user also needs to know which file. */
    if (rc) cf_error_prefix_where(err, name);
    return rc;
}

int cf_cell_load_json(const char *path, cf_cell **out, cf_error *err)
{
    *out = NULL;
    if (!path || !path[0]) return cf_error_set(err, CF_EINVAL, "--cell", "empty cell file name");
    /* access(), not fopen(): opening a FIFO to probe it would wait for a writer. */
    if (access(path, F_OK) != 0 && errno == ENOENT) return missing_file(path, err);
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_JSON, &text, &len, err);
    if (rc) return rc;
    rc = cf_cell_parse(text, len, path, out, err);
    free(text);
    return rc;
}
