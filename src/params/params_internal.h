/* params_internal.h — built-in cell constructors (one file each; the table
 * of them is cell_builtin.c). */
#ifndef CF_PARAMS_INTERNAL_H
#define CF_PARAMS_INTERNAL_H
#include <stddef.h>

#include "cellforge/cf_cell.h"
int cf_cell_builtin_chen2020(cf_cell **out, cf_error *err);
int cf_cell_builtin_ecker2015(cf_cell **out, cf_error *err);
int cf_cell_builtin_marquis2019(cf_cell **out, cf_error *err);
int cf_cell_builtin_mohtat2020(cf_cell **out, cf_error *err);
int cf_cell_builtin_nca_kim2011(cf_cell **out, cf_error *err);
int cf_cell_builtin_okane2022(cf_cell **out, cf_error *err);
int cf_cell_builtin_prada2013(cf_cell **out, cf_error *err);
/* "chen2020, ecker2015, ..." — the built-in names for messages, from the table. */
void cf_cell_builtin_name_list(char *buf, size_t size);
/* The cell's thermal data in range (cell_thermal.c); CF_OK when it has none. */
int cf_thermal_validate(const cf_cell *c, cf_error *err);
#endif
