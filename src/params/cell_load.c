/* cell_load.c — a cell from a built-in name, a cell file, or a recipe. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"
#include "cellforge/cf_design.h"
#include "cellforge/cf_io.h"
#include "design/recipe_detect.h"
#include "params/cell_json.h"

/* A recipe names its electrodes' components; a cell file gives model values.
 * Reading the file here also applies the input rules (regular files only,
 * size cap) before either loader sees it. */
static int is_recipe(const char *path, int *recipe, cf_error *err)
{
    *recipe = 0;
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_JSON, &text, &len, err);
    if (rc) return rc;
    json_error_t jerr;
    json_t *root = json_loadb(text, len, 0, &jerr);
    free(text);
    if (!root) return CF_OK; /* the cell loader reports the syntax error with its position */
    *recipe = cf_json_is_recipe(root);
    json_decref(root);
    return CF_OK;
}

int cf_cell_load(const char *name_or_path, cf_cell **out, cf_error *err)
{
    *out = NULL;
    if (!name_or_path || !name_or_path[0]) return cf_error_set(err, CF_EINVAL, "--cell", "empty cell name");
    for (const char *const *n = cf_cell_builtin_names(); *n; n++)
        if (strcmp(*n, name_or_path) == 0) return cf_cell_builtin(name_or_path, out, err);
    if (access(name_or_path, F_OK) != 0) {
        char list[512];
        cf_cell_builtin_name_list(list, sizeof list);
        return cf_error_set(err, CF_EINVAL, "--cell", "'%s' is neither a built-in cell (%s) nor an existing file",
                            name_or_path, list);
    }
    int recipe, rc = is_recipe(name_or_path, &recipe, err);
    if (rc) return rc;
    if (recipe) {
        cf_recipe *r;
        rc = cf_recipe_load(name_or_path, &r, err);
        if (rc) return rc;
        rc = cf_recipe_to_cell(r, out, err);
        cf_recipe_free(r);
        return rc;
    }
    return cf_cell_load_json(name_or_path, out, err);
}
