/* params_internal.h — built-in cell constructors (one file each). */
#ifndef CF_PARAMS_INTERNAL_H
#define CF_PARAMS_INTERNAL_H
#include "cellforge/cf_cell.h"
int cf_cell_builtin_chen2020(cf_cell **out, cf_error *err);
int cf_cell_builtin_marquis2019(cf_cell **out, cf_error *err);
/* The cell's thermal data in range (cell_thermal.c); CF_OK when it has none. */
int cf_thermal_validate(const cf_cell *c, cf_error *err);
int cf_cell_builtin_okane2022(cf_cell **out, cf_error *err);
#endif
