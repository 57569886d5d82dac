/* cell_builtin.c — the table of built-in cells. */
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

typedef struct {
    const char *name;
    int (*make)(cf_cell **out, cf_error *err);
} builtin_cell;

static const builtin_cell BUILTINS[] = {
    {"chen2020", cf_cell_builtin_chen2020},
    {"marquis2019", cf_cell_builtin_marquis2019},
    {"okane2022", cf_cell_builtin_okane2022},
};

static const char *const NAMES[] = {"chen2020", "marquis2019", "okane2022", NULL};

const char *const *cf_cell_builtin_names(void) { return NAMES; }

int cf_cell_builtin(const char *name, cf_cell **out, cf_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < sizeof BUILTINS / sizeof BUILTINS[0]; i++)
        if (strcmp(name, BUILTINS[i].name) == 0) return BUILTINS[i].make(out, err);
    return cf_error_set(err, CF_EINVAL, "--cell", "unknown built-in cell '%s' (known: chen2020, marquis2019, okane2022; or give a JSON file path)",
                        name);
}
