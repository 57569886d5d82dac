/* params_internal.h — built-in cell constructors (one file each). */
#ifndef CF_PARAMS_INTERNAL_H
#define CF_PARAMS_INTERNAL_H
#include "cellforge/cf_cell.h"
int cf_cell_builtin_chen2020(cf_cell **out, cf_error *err);
#endif
