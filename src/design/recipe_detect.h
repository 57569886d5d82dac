/* recipe_detect.h — whether a JSON document is a design recipe: the one
 * test every reader that accepts "a cell or a recipe" asks (the cell loader,
 * the cell-file reader's format table, sweep specs). */
#ifndef CF_DESIGN_RECIPE_DETECT_H
#define CF_DESIGN_RECIPE_DETECT_H

#include <jansson.h>

/* A recipe lists components (docs/recipe.md), at the top or per electrode;
 * a bare-collector negative (anode-free) is still a recipe by its positive.
 * A cell file gives model values and never has "components". */
int cf_json_is_recipe(const json_t *root);

#endif
