/* cell_json.c — placeholder replaced below */
#include <stddef.h>
#include "params/cell_json.h"
int cf_cell_load_json(const char *path, cf_cell **out, cf_error *err)
{
    *out = NULL;
    return cf_error_set(err, CF_EINVAL, path, "cell files are not supported yet");
}
