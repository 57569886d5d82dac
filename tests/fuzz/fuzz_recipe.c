/* fuzz_recipe.c — design recipes (docs/recipe.md): parse, then everything a
 * recipe feeds — the design calculation, the simulator's parameters, the
 * cell made from it and every seed's claims.  (The design-around search is
 * not run: it repeats the design and claims on changed copies of a recipe
 * that has already passed through them, at ~100x the cost per input.)
 *
 * Work bound: a recipe with a blended electrode (two active phases, e.g. the
 * Sn-Ni alloy, or two active materials) is parsed and cloned only.  Its
 * design solves the phases' common open-circuit potential inside the
 * window's root finding (nested root finders over step-like OCPs), about
 * 0.7 s per input in a release build and 5 s under the sanitizers, which
 * would hold the harness at ~14 inputs/s; single-phase electrodes take the
 * direct path (~10^4 inputs/s).  The design of blends is checked by the
 * test suite (test_design_calc, test_recipe_window, test_claims_000). */
#include "fuzz_common.h"

#include <string.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_design.h"
#include "design/recipe_internal.h"
#include "materials/material_data.h"

/* Active phases an electrode of the recipe becomes (as recipe_cell.c adds them). */
static int active_phases(const cf_recipe_electrode *e)
{
    int n = 0;
    for (size_t k = 0; k < e->n_comp; k++) {
        if (strcmp(e->comp[k].material, "sn_ni_alloy") == 0) n += 2;
        else if (cf_material_data_find(e->comp[k].material)) n++;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = NULL;
    int rc = cf_recipe_parse(text, "fuzz_recipe.json", &r, &err);
    free(text);
    if (rc != CF_OK) {
        FUZZ_CHECK(r == NULL);
        fuzz_check_error(rc, &err);
        return 0;
    }
    if (active_phases(&r->neg) > 1 || active_phases(&r->pos) > 1) { /* a blend: see the top */
        cf_recipe *c = NULL;
        FUZZ_CHECK(cf_recipe_clone(r, &c, &err) == CF_OK);
        FUZZ_CHECK(strcmp(cf_recipe_name(c), cf_recipe_name(r)) == 0);
        cf_recipe_free(c);
        cf_recipe_free(r);
        return 0;
    }
    static cf_design d;
    rc = cf_design_compute(r, &d, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    else FUZZ_CHECK(d.n_items <= CF_DESIGN_MAX_ITEMS && d.n_notes <= CF_DESIGN_MAX_NOTES);
    static cf_design_params p;
    rc = cf_design_cell_params(r, &p, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    cf_cell *cell = NULL;
    rc = cf_recipe_to_cell(r, &cell, &err);
    if (rc != CF_OK) {
        FUZZ_CHECK(cell == NULL);
        fuzz_check_error(rc, &err);
    } else {
        FUZZ_CHECK(cf_cell_validate(cell, &err) == CF_OK);
        cf_cell_free(cell);
    }
    static cf_claims_report rep;
    rc = cf_claims_check(r, NULL, &rep, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    else
        for (size_t i = 0; i < rep.n; i++)
            FUZZ_CHECK(rep.r[i].status >= CF_CLAIM_MET && rep.r[i].status <= CF_CLAIM_UNDETERMINED);
    cf_recipe_free(r);
    return 0;
}
