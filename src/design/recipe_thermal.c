/* recipe_thermal.c — a recipe's "thermal" block and its contact resistance
 * (docs/recipe.md):
 *   "thermal": {"heat_transfer_W_m2_K": h, "cooling_area_cm2": A,
 *               "heat_capacity_J_kg_K": c, "mass_g": m, "case_heat_capacity_J_kg_K": c_case,
 *               "ambient_C": T, "initial_C": T0,
 *               "negative_entropic_V_K": s, "positive_entropic_V_K": s},
 *   "contact_resistance_ohm": R
 * Only h is required: the design computes the heat capacity from the
 * materials' masses and specific heats, and the cooling area from the
 * format's outer size (design_thermal.c).  Each value is checked against
 * its quantity's one range (src/core/ranges.c) and refused with its key. */
#include <stdio.h>

#include "cellforge/cf_ranges.h"
#include "design/json_util.h"
#include "design/recipe_internal.h"

/* A number at obj[key] (any finite value), then its quantity's range. */
static int qty(const json_t *obj, const char *key, cf_quantity q, const cf_rjloc *loc, cf_ropt *out, cf_error *err)
{
    const cf_range *rg = cf_quantity_range(q);
    int st = cf_rj_number(obj, key, 0, -1e300, 1e300, rg->unit, loc, out, err);
    if (st || !out->have) return st;
    cf_rjloc k = cf_rjloc_child(loc, key);
    char where[200];
    snprintf(where, sizeof where, "%s: %s", k.source, k.path);
    return cf_check_quantity(q, out->v, where, err);
}

int cf_recipe_parse_thermal(const json_t *root, const char *source, cf_recipe *r, cf_error *err)
{
    static const char *const keys[] = {"heat_transfer_W_m2_K", "cooling_area_cm2", "heat_capacity_J_kg_K", "mass_g",
                                       "case_heat_capacity_J_kg_K", "ambient_C", "initial_C", "negative_entropic_V_K",
                                       "positive_entropic_V_K", NULL};
    cf_rjloc top;
    top.source = source;
    top.path[0] = '\0';
    int st;
    if ((st = qty(root, "contact_resistance_ohm", CF_QTY_CONTACT_RESISTANCE, &top, &r->contact_resistance_ohm, err)))
        return st;
    json_t *o;
    if ((st = cf_rj_object(root, "thermal", 0, &top, &o, err)) || !o) return st;
    cf_rjloc loc = cf_rjloc_child(&top, "thermal");
    if ((st = cf_rj_check_keys(o, keys, &loc, err))) return st;
    cf_ropt h;
    /* the heat-transfer coefficient is the one thing no material gives */
    if ((st = cf_rj_number(o, "heat_transfer_W_m2_K", 1, -1e300, 1e300, "W/(m2 K)", &loc, &h, err)) ||
        (st = qty(o, "heat_transfer_W_m2_K", CF_QTY_HEAT_TRANSFER, &loc, &r->thermal.heat_transfer_W_m2_K, err)) ||
        (st = cf_rj_number(o, "cooling_area_cm2", 0, 0, 1e8, "cm2", &loc, &r->thermal.cooling_area_cm2, err)) ||
        (st = qty(o, "heat_capacity_J_kg_K", CF_QTY_HEAT_CAPACITY, &loc, &r->thermal.heat_capacity_J_kg_K, err)) ||
        (st = cf_rj_number(o, "mass_g", 0, 1e-3, 1e7, "g", &loc, &r->thermal.mass_g, err)) ||
        (st = qty(o, "case_heat_capacity_J_kg_K", CF_QTY_HEAT_CAPACITY, &loc, &r->thermal.case_heat_capacity_J_kg_K,
                  err)) ||
        (st = qty(o, "ambient_C", CF_QTY_TEMPERATURE_C, &loc, &r->thermal.ambient_C, err)) ||
        (st = qty(o, "initial_C", CF_QTY_TEMPERATURE_C, &loc, &r->thermal.initial_C, err)) ||
        /* the cell file's bound on an entropic coefficient: |dU/dT| <= 10 mV/K */
        (st = cf_rj_number(o, "negative_entropic_V_K", 0, -1e-2, 1e-2, "V/K", &loc, &r->thermal.entropic_V_K[0], err)) ||
        (st = cf_rj_number(o, "positive_entropic_V_K", 0, -1e-2, 1e-2, "V/K", &loc, &r->thermal.entropic_V_K[1], err)))
        return st;
    r->thermal.present = 1;
    return CF_OK;
}
