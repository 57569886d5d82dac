/* cell_json.h — reading cell parameter files (docs/cell-format.md). */
#ifndef CF_CELL_JSON_H
#define CF_CELL_JSON_H
#include "cellforge/cf_cell.h"
#include <jansson.h>
int cf_cell_load_json(const char *path, cf_cell **out, cf_error *err);
#endif
