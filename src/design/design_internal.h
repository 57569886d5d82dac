/* design_internal.h — helpers shared inside src/design (not public). */
#ifndef CF_DESIGN_INTERNAL_H
#define CF_DESIGN_INTERNAL_H

#include "cellforge/cf_design.h"

#define CF_PI 3.14159265358979323846
/* g/cm3, ~1 M LiPF6 in EC/DMC-type carbonates [ASSUME] */
#define CF_ELECTROLYTE_DENSITY_DEFAULT 1.2

struct cf_recipe;
/* Coated area of one side of one electrode sheet, m2. */
double cf_design_area_per_side_m2(const struct cf_recipe *r);

/* cf_design_compute; with_window 0 skips the open-circuit window (capacity,
 * energy and cut-offs stay on table values): for searches that read only
 * the claims' quantities, which do not depend on it. */
int cf_design_compute_ex(const struct cf_recipe *r, cf_design *d, int with_window, cf_error *err);
/* The simulator's parameters from an already computed design. */
void cf_design_params_fill(const struct cf_recipe *r, const cf_design *d, cf_design_params *out);
/* Formation, cut-offs, capacity and energy from the recipe's cell at open
 * circuit (recipe_cell.c); fills the window fields of d.  Leaves d alone
 * (capacity_from_window 0) for lithium-metal, plating and reservoir cells. */
int cf_design_window(const struct cf_recipe *r, cf_design *d, cf_error *err);

/* The cell's heat capacity and cooling area from the design's masses and
 * the recipe's thermal block (design_thermal.c); CF_EINVAL names the key
 * the recipe must give when the design cannot compute one. */
int cf_design_thermal(const struct cf_recipe *r, cf_design *d, cf_error *err);
/* The cell's thermal data (layers, collectors, heat transfer, volume) for
 * the recipe's cell c, whose lumped heat capacity is the design's. */
struct cf_cell;
void cf_design_thermal_cell(const struct cf_recipe *r, const cf_design *d, struct cf_cell *c);

#endif
