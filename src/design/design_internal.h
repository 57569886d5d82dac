/* design_internal.h — helpers shared inside src/design (not public). */
#ifndef CF_DESIGN_INTERNAL_H
#define CF_DESIGN_INTERNAL_H

#include "cellforge/cf_design.h"

#define CF_PI 3.14159265358979323846

struct cf_recipe;
/* Coated area of one side of one electrode sheet, m2. */
double cf_design_area_per_side_m2(const struct cf_recipe *r);

#endif
