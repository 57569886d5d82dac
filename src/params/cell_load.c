/* cell_load.c — a cell from a built-in name or a JSON file. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <unistd.h>

#include "cellforge/cf_cell.h"
#include "params/cell_json.h"

int cf_cell_load(const char *name_or_path, cf_cell **out, cf_error *err)
{
    *out = NULL;
    if (!name_or_path || !name_or_path[0]) return cf_error_set(err, CF_EINVAL, "--cell", "empty cell name");
    for (const char *const *n = cf_cell_builtin_names(); *n; n++)
        if (strcmp(*n, name_or_path) == 0) return cf_cell_builtin(name_or_path, out, err);
    if (access(name_or_path, F_OK) != 0)
        return cf_error_set(err, CF_EINVAL, "--cell",
                            "'%s' is neither a built-in cell (chen2020) nor an existing file", name_or_path);
    return cf_cell_load_json(name_or_path, out, err);
}
