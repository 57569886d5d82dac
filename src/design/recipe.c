/* recipe.c — reading and validating a recipe file (schema: docs/recipe.md).
 *
 * Validation is strict and happens here, once: the design, claims and
 * design-around code may then trust every field.  The first problem found is
 * reported with its key path; nothing is half-filled for the caller. */
#include "design/coating.h"
#include "design/json_util.h"
#include "design/recipe_internal.h"
#include "params/param_table.h"
#include "cellforge/cf_io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRACTION_SUM_TOL 5e-4

static void wherebuf(const cf_rjloc *loc, char *buf, size_t n)
{
    snprintf(buf, n, "%s: %s", loc->source, loc->path);
}

/* ------------------------------------------------------------- format */

static int parse_format(const json_t *o, const cf_rjloc *loc, cf_recipe *r, cf_error *err)
{
    static const char *const types[] = {"pouch", "cylindrical", "coin", NULL};
    static const char *const k_pouch[] = {"type", "electrode_width_mm", "electrode_height_mm", "layers",
                                          "cell_width_mm", "cell_height_mm", "cell_thickness_mm",
                                          "case_mass_g", NULL};
    static const char *const k_cyl[] = {"type", "electrode_length_mm", "electrode_width_mm", "layers",
                                        "diameter_mm", "height_mm", "case_mass_g", NULL};
    static const char *const k_coin[] = {"type", "electrode_diameter_mm", "layers", "diameter_mm",
                                         "height_mm", "case_mass_g", NULL};
    int type, st;
    if ((st = cf_rj_choice(o, "type", 1, types, loc, &type, err))) return st;
    r->format.type = type + 1;
    const char *const *keys = type == 0 ? k_pouch : type == 1 ? k_cyl : k_coin;
    if ((st = cf_rj_check_keys(o, keys, loc, err))) return st;
    cf_ropt v;
    int have;
    long layers = 1;
    if ((st = cf_rj_int(o, "layers", type == 0, 1, 1000, loc, &have, &layers, err))) return st;
    r->format.layers = (int)layers;
    if (type == 0) {
        if ((st = cf_rj_number(o, "electrode_width_mm", 1, 0.1, 5000, "mm", loc, &v, err))) return st;
        r->format.electrode_width_mm = v.v;
        if ((st = cf_rj_number(o, "electrode_height_mm", 1, 0.1, 5000, "mm", loc, &v, err))) return st;
        r->format.electrode_height_mm = v.v;
        if ((st = cf_rj_number(o, "cell_width_mm", 0, 0.1, 5000, "mm", loc, &r->format.cell_width_mm, err)) ||
            (st = cf_rj_number(o, "cell_height_mm", 0, 0.1, 5000, "mm", loc, &r->format.cell_height_mm, err)) ||
            (st = cf_rj_number(o, "cell_thickness_mm", 0, 0.01, 1000, "mm", loc, &r->format.cell_thickness_mm, err)))
            return st;
        int n_outer = r->format.cell_width_mm.have + r->format.cell_height_mm.have + r->format.cell_thickness_mm.have;
        if (n_outer != 0 && n_outer != 3) {
            char w[192];
            wherebuf(loc, w, sizeof w);
            return cf_error_set(err, CF_EINVAL, w,
                                "give all three of cell_width_mm, cell_height_mm, cell_thickness_mm (outer "
                                "size for Wh/L) or none (Wh/L then uses the stack volume)");
        }
    } else if (type == 1) {
        if ((st = cf_rj_number(o, "electrode_length_mm", 1, 1, 1e5, "mm", loc, &v, err))) return st;
        r->format.electrode_length_mm = v.v;
        if ((st = cf_rj_number(o, "electrode_width_mm", 1, 0.1, 5000, "mm", loc, &v, err))) return st;
        r->format.electrode_width_mm = v.v;
    } else {
        if ((st = cf_rj_number(o, "electrode_diameter_mm", 1, 0.1, 500, "mm", loc, &v, err))) return st;
        r->format.electrode_diameter_mm = v.v;
    }
    if (type != 0) {
        if ((st = cf_rj_number(o, "diameter_mm", 0, 0.1, 1000, "mm", loc, &r->format.diameter_mm, err)) ||
            (st = cf_rj_number(o, "height_mm", 0, 0.1, 5000, "mm", loc, &r->format.height_mm, err)))
            return st;
        if (r->format.diameter_mm.have != r->format.height_mm.have) {
            char w[192];
            wherebuf(loc, w, sizeof w);
            return cf_error_set(err, CF_EINVAL, w, "give both diameter_mm and height_mm (outer size) or neither");
        }
    }
    return cf_rj_number(o, "case_mass_g", 0, 0, 1e5, "g", loc, &r->format.case_mass_g, err);
}

/* ---------------------------------------------------------- component */

static int prop_kind_ok(int kinds, const cf_dmat *m)
{
    if (kinds == CF_PK_ANY) return 1;
    if ((kinds & CF_PK_SNNI) && strcmp(m->name, "sn_ni_alloy") == 0) return 1;
    if ((kinds & CF_PK_CARBON) && m->is_carbon) return 1;
    if ((kinds & CF_PK_POSITIVE) && m->role == CF_ROLE_POSITIVE_ACTIVE) return 1;
    return 0;
}

static const char *const TEXT_KEYS[CF_T_COUNT] = {"precursor", "precursor_shape", "precursor_polymerization",
                                                  "oxidation_atmosphere", "carbonization_atmosphere", "form"};

static int parse_phases(const json_t *o, const cf_rjloc *loc, cf_recipe_component *c, cf_error *err)
{
    json_t *a = json_object_get(o, "phases");
    if (!a) return CF_OK;
    cf_rjloc pl = cf_rjloc_child(loc, "phases");
    char w[192];
    wherebuf(&pl, w, sizeof w);
    if (!json_is_array(a) || json_array_size(a) > 4)
        return cf_error_set(err, CF_EINVAL, w, "expected a list of up to 4 phase names, e.g. [\"Ni3Sn4\", \"Sn\"]");
    static const char *const names[] = {"Ni3Sn4", "Sn4Ni3", "Sn", "Ni", "Ni3Sn2", "Ni3Sn", NULL};
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *s = json_array_get(a, i);
        const char *t = json_is_string(s) ? json_string_value(s) : "";
        int k = -1;
        for (int j = 0; names[j]; j++)
            if (strcmp(t, names[j]) == 0) k = j;
        if (k < 0) {
            const char *sug = cf_rj_suggest(t, names);
            return cf_error_set(err, CF_EINVAL, w, "unknown phase '%.30s'%s%s%s (known: Ni3Sn4 (= Sn4Ni3), Sn, Ni, Ni3Sn2, Ni3Sn)",
                                t, sug ? " — did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
        }
        snprintf(c->phases[c->n_phases++], sizeof c->phases[0], "%s", k == 1 ? "Ni3Sn4" : names[k]);
    }
    return CF_OK;
}

/* Composition of an Sn-Ni(-X) alloy and its measured phases: they must agree. */
static int check_alloy(cf_recipe_component *c, const cf_rjloc *loc, cf_error *err)
{
    char w[192];
    wherebuf(loc, w, sizeof w);
    const cf_ropt *ni = &c->p[CF_P_NI_MASS_FRACTION], *sn = &c->p[CF_P_SN_MASS_FRACTION];
    if (!ni->have && !c->p[CF_P_Z].have)
        return cf_error_set(err, CF_EINVAL, w, "sn_ni_alloy needs ni_mass_fraction (0..1) or the measured phase ratio Z");
    if (c->third_element[0]) {
        if (cf_dsnni_third_density(c->third_element) <= 0) {
            cf_rjloc kl = cf_rjloc_child(loc, "third_element");
            wherebuf(&kl, w, sizeof w);
            return cf_error_set(err, CF_EINVAL, w, "third_element '%s' is not known (allowed: %s)", c->third_element,
                                cf_dsnni_third_list());
        }
        if (!ni->have || !sn->have)
            return cf_error_set(err, CF_EINVAL, w,
                                "a ternary Sn-Ni-%s alloy needs ni_mass_fraction and sn_mass_fraction (the rest is %s)",
                                c->third_element, c->third_element);
        double x = 1.0 - ni->v - sn->v;
        if (!(x > 1e-3 && x < 1.0))
            return cf_error_set(err, CF_EINVAL, w,
                                "ni_mass_fraction %g + sn_mass_fraction %g leave %g for %s; allowed: more than 0.001 "
                                "(for a binary alloy omit third_element)",
                                ni->v, sn->v, x, c->third_element);
    } else if (sn->have) {
        double n = ni->have ? ni->v : -1;
        if (n < 0 || fabs(n + sn->v - 1.0) > 1e-3)
            return cf_error_set(err, CF_EINVAL, w,
                                "sn_mass_fraction %g with ni_mass_fraction %g: they must sum to 1 for a binary alloy; "
                                "for Sn-Ni-X name the third element (third_element, one of %s)",
                                sn->v, n, cf_dsnni_third_list());
    }
    cf_dsnni_state s;
    if (cf_dsnni_resolve(c, &s) != 0)
        return cf_error_set(err, CF_EINVAL, w,
                            "Z = %g needs ni_mass_fraction >= %.5g (0.27051 Z/(1+Z): Ni3Sn4 holds 0.27051 Ni), "
                            "but ni_mass_fraction = %g",
                            c->p[CF_P_Z].v, cf_dsnni_ni_in_ni3sn4() * c->p[CF_P_Z].v / (1 + c->p[CF_P_Z].v), ni->v);
    if (c->n_phases == 0) return CF_OK;
    int has[6] = {0}; /* Ni3Sn4, Sn, Ni, Ni3Sn2, Ni3Sn */
    static const char *const names[] = {"Ni3Sn4", "Sn", "Ni", "Ni3Sn2", "Ni3Sn"};
    for (int i = 0; i < c->n_phases; i++)
        for (int k = 0; k < 5; k++)
            if (strcmp(c->phases[i], names[k]) == 0) has[k] = 1;
    cf_rjloc pl = cf_rjloc_child(loc, "phases");
    wherebuf(&pl, w, sizeof w);
    if (s.ni > 1e-3 && !has[0] && !has[2] && !has[3] && !has[4])
        return cf_error_set(err, CF_EINVAL, w,
                            "the alloy holds %g Ni by mass but the measured phases name no Ni-bearing phase (allowed: "
                            "Ni3Sn4, Ni, Ni3Sn2, Ni3Sn)", s.ni);
    if (!has[3] && !has[4]) {
        if (s.w_sn > 1e-3 && !has[1])
            return cf_error_set(err, CF_EINVAL, w,
                                "the composition leaves %.3g of the alloy as free Sn (Ni3Sn4 holds 0.27051 Ni) but the "
                                "measured phases do not list Sn", s.w_sn);
        if (s.w_sn <= 1e-3 && has[1])
            return cf_error_set(err, CF_EINVAL, w,
                                "the measured phases list Sn, but ni_mass_fraction %g binds all Sn as Ni3Sn4 (free Sn "
                                "needs ni_mass_fraction < 0.27051 of the Sn-Ni part)", s.ni);
    }
    return CF_OK;
}

static int parse_component(const json_t *o, const cf_rjloc *loc, int positive, cf_recipe_component *c,
                           cf_error *err)
{
    char w[192];
    wherebuf(loc, w, sizeof w);
    if (!json_is_object(o)) return cf_error_set(err, CF_EINVAL, w, "expected an object {\"material\": ..., \"mass_fraction\": ...}");
    int st;
    if ((st = cf_rj_text(o, "material", 1, loc, c->material, sizeof c->material, err))) return st;
    c->mat = cf_dmat_find(c->material);
    cf_rjloc ml = cf_rjloc_child(loc, "material");
    wherebuf(&ml, w, sizeof w);
    if (!c->mat) {
        const char *names[64];
        size_t n = 0;
        for (size_t i = 0; i < cf_dmat_count() && n < 63; i++) {
            int role = cf_dmat_at(i)->role;
            if (role != CF_ROLE_COLLECTOR && role != CF_ROLE_SEPARATOR) names[n++] = cf_dmat_at(i)->name;
        }
        names[n] = NULL;
        const char *s = cf_rj_suggest(c->material, names);
        if (s) return cf_error_set(err, CF_EINVAL, w, "unknown material '%s' — did you mean '%s'?", c->material, s);
        return cf_error_set(err, CF_EINVAL, w, "unknown material '%s' (see docs/materials.md for the list)", c->material);
    }
    int role = c->mat->role;
    int ok = role == CF_ROLE_CONDUCTIVE || role == CF_ROLE_BINDER ||
             (positive ? role == CF_ROLE_POSITIVE_ACTIVE
                       : role == CF_ROLE_NEGATIVE_ACTIVE || role == CF_ROLE_LITHIUM_METAL);
    if (!ok)
        return cf_error_set(err, CF_EINVAL, w, "'%s' cannot be a component of the %s coating", c->material,
                            positive ? "positive" : "negative");

    /* Allowed keys: the common ones plus the properties this material accepts. */
    const char *allowed[CF_P_COUNT + CF_T_COUNT + 4];
    size_t n = 0;
    allowed[n++] = "material";
    allowed[n++] = "mass_fraction";
    for (int i = 0; i < CF_P_COUNT; i++)
        if (prop_kind_ok(cf_rprop_info_at(i)->kinds, c->mat)) allowed[n++] = cf_rprop_info_at(i)->key;
    for (int i = 0; i < CF_T_COUNT; i++)
        if (i == CF_T_FORM || c->mat->is_carbon) allowed[n++] = TEXT_KEYS[i];
    if (strcmp(c->mat->name, "sn_ni_alloy") == 0) {
        allowed[n++] = "phases";
        allowed[n++] = "third_element";
    }
    allowed[n] = NULL;
    /* A key that exists but belongs to another material deserves its own message. */
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)o, key, val) {
        (void)val;
        int p = cf_rprop_find(key);
        if (p >= 0 && !prop_kind_ok(cf_rprop_info_at(p)->kinds, c->mat)) {
            cf_rjloc kl = cf_rjloc_child(loc, key);
            wherebuf(&kl, w, sizeof w);
            const int k = cf_rprop_info_at(p)->kinds;
            return cf_error_set(err, CF_EINVAL, w, "'%s' applies only to %s, not to '%s'", key,
                                k == CF_PK_SNNI ? "sn_ni_alloy" : k == CF_PK_CARBON ? "carbon materials" : "positive active materials",
                                c->material);
        }
    }
    if ((st = cf_rj_check_keys(o, allowed, loc, err))) return st;

    cf_ropt v;
    if ((st = cf_rj_number(o, "mass_fraction", 1, 0, 1, "", loc, &v, err))) return st;
    c->mass_fraction = v.v;
    for (int i = 0; i < CF_P_COUNT; i++) {
        const cf_rprop_info *pi = cf_rprop_info_at(i);
        if ((st = cf_rj_number(o, pi->key, 0, pi->lo, pi->hi, pi->unit, loc, &c->p[i], err))) return st;
    }
    for (int i = 0; i < CF_T_COUNT; i++)
        if ((st = cf_rj_text(o, TEXT_KEYS[i], 0, loc, c->t[i], sizeof c->t[i], err))) return st;
    if (c->t[CF_T_FORM][0]) {
        static const char *const forms[] = {"powder", "foil", "film", NULL};
        int idx;
        if ((st = cf_rj_choice(o, "form", 0, forms, loc, &idx, err))) return st;
    }
    if ((st = parse_phases(o, loc, c, err))) return st;

    if (strcmp(c->mat->name, "sn_ni_alloy") == 0) {
        if ((st = cf_rj_text(o, "third_element", 0, loc, c->third_element, sizeof c->third_element, err))) return st;
        if ((st = check_alloy(c, loc, err))) return st;
    }
    if (positive && c->p[CF_P_LI_O_RATIO].have && c->mat->li_o_max > 0) {
        double lio = c->p[CF_P_LI_O_RATIO].v, hi = c->mat->li_o_max;
        if (!(lio > 0 && lio <= hi + 1e-12)) {
            cf_rjloc kl = cf_rjloc_child(loc, "li_o_ratio");
            wherebuf(&kl, w, sizeof w);
            return cf_error_set(err, CF_EINVAL, w,
                                "li_o_ratio %g is outside the possible range for %s: 0 < Li/O <= %g (%s is its most "
                                "lithiated form)",
                                lio, c->material, hi, c->mat->most_lithiated ? c->mat->most_lithiated : "");
        }
    }
    return CF_OK;
}

/* ----------------------------------------------------------- electrode */

static int parse_electrode(const json_t *o, const cf_rjloc *loc, int positive, cf_recipe_electrode *e,
                           cf_error *err)
{
    static const char *const keys[] = {"collector", "sides", "coating_g_m2", "porosity", "thickness_um",
                                       "density_g_cm3", "components", "thickness_swelling",
                                       "plating_exchange_current_A_m2", "plating_efficiency", "lithium_plating",
                                       "plating_efficiency_current_A_m2", "plating_efficiency_exponent", "sei",
                                       "particle_cracking", NULL};
    static const char *const ckeys[] = {"material", "thickness_um", NULL};
    int st;
    char w[192];
    if ((st = cf_rj_check_keys(o, keys, loc, err))) return st;
    json_t *col;
    if ((st = cf_rj_object(o, "collector", 1, loc, &col, err))) return st;
    cf_rjloc cl = cf_rjloc_child(loc, "collector");
    if ((st = cf_rj_check_keys(col, ckeys, &cl, err))) return st;
    if ((st = cf_rj_text(col, "material", 1, &cl, e->collector_name, sizeof e->collector_name, err))) return st;
    e->collector = cf_dmat_find(e->collector_name);
    if (!e->collector || e->collector->role != CF_ROLE_COLLECTOR) {
        static const char *const cols[] = {"copper", "aluminium", "aluminum", "nickel", NULL};
        cf_rjloc ml = cf_rjloc_child(&cl, "material");
        wherebuf(&ml, w, sizeof w);
        const char *s = cf_rj_suggest(e->collector_name, cols);
        return cf_error_set(err, CF_EINVAL, w, "unknown collector material '%s'%s%s%s (one of: copper, aluminium, nickel)",
                            e->collector_name, s ? " — did you mean '" : "", s ? s : "", s ? "'?" : "");
    }
    cf_ropt v;
    if ((st = cf_rj_number(col, "thickness_um", 1, 1, 500, "um", &cl, &v, err))) return st;
    e->collector_thickness_um = v.v;
    long sides;
    int have;
    if ((st = cf_rj_int(o, "sides", 1, 1, 2, loc, &have, &sides, err))) return st;
    e->sides = (int)sides;
    if ((st = cf_rj_number(o, "coating_g_m2", 1, 0, 2000, "g/m2", loc, &v, err))) return st;
    e->coating_g_m2 = v.v;
    {
        /* "lithium_plating": "intended" declares a lithium-metal negative formed
         * by charging; without it plating on a host is a risk, not capacity. */
        static const char *const plating[] = {"intended", "avoided", NULL};
        int idx = 1;
        const json_t *lp = json_object_get(o, "lithium_plating");
        cf_rjloc kl = cf_rjloc_child(loc, "lithium_plating");
        wherebuf(&kl, w, sizeof w);
        if (lp && positive) return cf_error_set(err, CF_EINVAL, w, "lithium_plating applies to the negative only");
        const char *lps = json_is_string(lp) ? json_string_value(lp) : NULL;
        if (lp && (!lps || (strcmp(lps, "intended") != 0 && strcmp(lps, "avoided") != 0))) {
            /* otherwise an ageing model of plating on the host, as in cell files */
            cf_electrode tmp;
            memset(&tmp, 0, sizeof tmp);
            if (cf_json_read_side_model(&cf_li_plating_table, lp, w, 0, &tmp, err)) {
                if (lps)
                    return cf_error_set(err, CF_EINVAL, w,
                                        "'%s' is neither intended, avoided nor a lithium plating model (none, "
                                        "reversible, irreversible, partially-reversible)",
                                        lps);
                return CF_EINVAL;
            }
            e->li_plating = tmp.li_plating;
        } else if (lp && (st = cf_rj_choice(o, "lithium_plating", 0, plating, loc, &idx, err)))
            return st;
        e->li_metal_plating = idx == 0;
        const json_t *sei = json_object_get(o, "sei");
        if (sei) {
            cf_rjloc sl = cf_rjloc_child(loc, "sei");
            wherebuf(&sl, w, sizeof w);
            if (positive) return cf_error_set(err, CF_EINVAL, w, "sei applies to the negative only");
            cf_electrode tmp;
            memset(&tmp, 0, sizeof tmp);
            if (cf_json_read_side_model(&cf_sei_table, sei, w, 0, &tmp, err)) return CF_EINVAL;
            e->sei = tmp.sei;
        }
        const json_t *cr = json_object_get(o, "particle_cracking");
        if (cr) { /* as the cell file's; the cell's validation checks where it applies */
            cf_rjloc crl = cf_rjloc_child(loc, "particle_cracking");
            wherebuf(&crl, w, sizeof w);
            cf_electrode tmp;
            memset(&tmp, 0, sizeof tmp);
            if (cf_json_read_side_model(&cf_crack_table, cr, w, positive, &tmp, err)) return CF_EINVAL;
            e->cracking = tmp.cracking;
            e->mechanics = tmp.lam;
        }
    }
    if ((st = cf_rj_number(o, "porosity", 0, 0, 0.95, "(fraction: 0.45 = 45 %)", loc, &e->porosity, err)) ||
        (st = cf_rj_number(o, "thickness_um", 0, 0.1, 5000, "um", loc, &e->thickness_um, err)) ||
        (st = cf_rj_number(o, "density_g_cm3", 0, 0.01, 25, "g/cm3", loc, &e->density_g_cm3, err)) ||
        (st = cf_rj_number(o, "thickness_swelling", 0, 0, 1, "(0 = thickness held, 1 = free swelling)", loc,
                           &e->thickness_swelling, err)))
        return st;
    /* Lithium plating on the negative (its host's particles, or a bare collector) */
    if (positive && (json_object_get(o, "plating_exchange_current_A_m2") || json_object_get(o, "plating_efficiency") ||
                     json_object_get(o, "plating_efficiency_current_A_m2") ||
                     json_object_get(o, "plating_efficiency_exponent"))) {
        wherebuf(loc, w, sizeof w);
        return cf_error_set(err, CF_EINVAL, w, "lithium plating keys belong to the negative, not the positive");
    }
    if ((st = cf_rj_number(o, "plating_exchange_current_A_m2", 0, 1e-6, 1e4, "A/m2", loc,
                           &e->plating_exchange_current_A_m2, err)) ||
        (st = cf_rj_number(o, "plating_efficiency", 0, 0.5, 1, "(fraction: 0.9925 = 99.25 %)", loc,
                           &e->plating_efficiency, err)) ||
        (st = cf_rj_number(o, "plating_efficiency_current_A_m2", 0, 1e-6, 1e3, "A/m2", loc,
                           &e->plating_efficiency_current_A_m2, err)) ||
        (st = cf_rj_number(o, "plating_efficiency_exponent", 0, 0, 3, "", loc, &e->plating_efficiency_exponent,
                           err)))
        return st;

    json_t *comps = json_object_get(o, "components");
    cf_rjloc pl = cf_rjloc_child(loc, "components");
    wherebuf(&pl, w, sizeof w);
    if (!comps && e->coating_g_m2 > 0) {
        wherebuf(loc, w, sizeof w);
        return cf_error_set(err, CF_EINVAL, w, "missing required key 'components' in %s", loc->path);
    }
    if (comps) {
        if (!json_is_array(comps) || json_array_size(comps) > CF_DESIGN_MAX_COMPONENTS ||
            (json_array_size(comps) == 0 && e->coating_g_m2 > 0))
            return cf_error_set(err, CF_EINVAL, w, "expected a list of 1 to %d components", CF_DESIGN_MAX_COMPONENTS);
        e->n_comp = json_array_size(comps);
        for (size_t i = 0; i < e->n_comp; i++) {
            cf_rjloc il = cf_rjloc_index(&pl, i);
            if ((st = parse_component(json_array_get(comps, i), &il, positive, &e->comp[i], err))) return st;
        }
    }
    if (e->n_comp) {
        double sum = 0;
        char parts[200] = "";
        size_t u = 0;
        for (size_t i = 0; i < e->n_comp; i++) {
            sum += e->comp[i].mass_fraction;
            if (u < sizeof parts)
                u += (size_t)snprintf(parts + u, sizeof parts - u, "%s%g", i ? " + " : "", e->comp[i].mass_fraction);
        }
        if (fabs(sum - 1.0) > FRACTION_SUM_TOL)
            return cf_error_set(err, CF_EINVAL, w, "mass fractions sum to %.6g (%s); they must sum to 1 (within %g)",
                                sum, parts, FRACTION_SUM_TOL);
        for (size_t i = 0; i < e->n_comp; i++) e->comp[i].mass_fraction /= sum;
        int any_active = 0;
        for (size_t i = 0; i < e->n_comp; i++)
            any_active |= e->comp[i].mat->role == CF_ROLE_NEGATIVE_ACTIVE ||
                          e->comp[i].mat->role == CF_ROLE_POSITIVE_ACTIVE || e->comp[i].mat->role == CF_ROLE_LITHIUM_METAL;
        if (!any_active && e->coating_g_m2 > 0)
            return cf_error_set(err, CF_EINVAL, w, "the %s coating has no active material", positive ? "positive" : "negative");
    }
    double t, eps, rho;
    wherebuf(loc, w, sizeof w);
    return cf_rcoat_solve(e, w, &t, &eps, &rho, err);
}

/* ------------------------------------------------ separator, electrolyte, ... */

static int parse_separator(const json_t *o, const cf_rjloc *loc, cf_recipe *r, cf_error *err)
{
    static const char *const keys[] = {"material", "thickness_um", "porosity", NULL};
    static const char *const mats[] = {"pe", "pp", NULL};
    int st, idx;
    if ((st = cf_rj_check_keys(o, keys, loc, err))) return st;
    if ((st = cf_rj_choice(o, "material", 1, mats, loc, &idx, err))) return st;
    snprintf(r->sep.name, sizeof r->sep.name, "%s", mats[idx]);
    r->sep.mat = cf_dmat_find(mats[idx]);
    cf_ropt v;
    if ((st = cf_rj_number(o, "thickness_um", 1, 1, 500, "um", loc, &v, err))) return st;
    r->sep.thickness_um = v.v;
    if ((st = cf_rj_number(o, "porosity", 1, 0.05, 0.95, "(fraction)", loc, &v, err))) return st;
    r->sep.porosity = v.v;
    return CF_OK;
}

static int parse_electrolyte(const json_t *o, const cf_rjloc *loc, cf_recipe *r, cf_error *err)
{
    static const char *const keys[] = {"type", "salt", "concentration_mol_L", "amount_g_per_Ah", "mass_g",
                                       "density_g_cm3", NULL};
    static const char *const types[] = {"liquid", "porous_polymer", NULL};
    static const char *const salts[] = {"LiPF6", "LiBF4", "LiClO4", "LiTFSI", "LiFSI", "LiAsF6", NULL};
    int st, idx;
    if ((st = cf_rj_check_keys(o, keys, loc, err))) return st;
    if ((st = cf_rj_choice(o, "type", 1, types, loc, &idx, err))) return st;
    r->electrolyte.porous_polymer = idx == 1;
    if ((st = cf_rj_choice(o, "salt", 1, salts, loc, &idx, err))) return st;
    snprintf(r->electrolyte.salt, sizeof r->electrolyte.salt, "%s", salts[idx]);
    cf_ropt v;
    if ((st = cf_rj_number(o, "concentration_mol_L", 1, 0.01, 6, "mol/L", loc, &v, err))) return st;
    r->electrolyte.concentration_mol_L = v.v;
    if ((st = cf_rj_number(o, "amount_g_per_Ah", 0, 0, 50, "g/Ah", loc, &r->electrolyte.amount_g_per_Ah, err)) ||
        (st = cf_rj_number(o, "mass_g", 0, 0, 1e6, "g", loc, &r->electrolyte.mass_g, err)) ||
        (st = cf_rj_number(o, "density_g_cm3", 0, 0.5, 3, "g/cm3", loc, &r->electrolyte.density_g_cm3, err)))
        return st;
    if (r->electrolyte.amount_g_per_Ah.have && r->electrolyte.mass_g.have) {
        char w[192];
        wherebuf(loc, w, sizeof w);
        return cf_error_set(err, CF_EINVAL, w, "give amount_g_per_Ah or mass_g, not both (%g g/Ah, %g g)",
                            r->electrolyte.amount_g_per_Ah.v, r->electrolyte.mass_g.v);
    }
    return CF_OK;
}

static int parse_reservoir(const json_t *o, const cf_rjloc *loc, cf_recipe *r, cf_error *err)
{
    static const char *const keys[] = {"material", "mass_mg", "connected_to", "area_cm2", "path_length_mm",
                                       "exchange_current_A_m2", NULL};
    static const char *const mats[] = {"lithium", NULL};
    static const char *const ends[] = {"positive", "negative", NULL};
    int st, idx;
    if ((st = cf_rj_check_keys(o, keys, loc, err))) return st;
    if ((st = cf_rj_choice(o, "material", 1, mats, loc, &idx, err))) return st;
    cf_ropt v;
    if ((st = cf_rj_number(o, "mass_mg", 1, 0, 1e8, "mg", loc, &v, err))) return st;
    r->reservoir.mass_mg = v.v;
    if ((st = cf_rj_choice(o, "connected_to", 1, ends, loc, &idx, err))) return st;
    r->reservoir.on_positive = idx == 0;
    r->reservoir.present = 1;
    /* The reservoir as an electrode: wetted area, electrolyte path to the
     * positive, exchange current (defaults in cf_cell.h, docs/recipe.md) */
    if ((st = cf_rj_number(o, "area_cm2", 0, 1e-4, 1e4, "cm2", loc, &r->reservoir.area_cm2, err)) ||
        (st = cf_rj_number(o, "path_length_mm", 0, 1e-3, 1e3, "mm", loc, &r->reservoir.path_length_mm, err)) ||
        (st = cf_rj_number(o, "exchange_current_A_m2", 0, 1e-3, 1e4, "A/m2", loc,
                           &r->reservoir.exchange_current_A_m2, err)))
        return st;
    return CF_OK;
}

static int parse_process(const json_t *o, const cf_rjloc *loc, cf_recipe *r, cf_error *err)
{
    static const char *const keys[] = {"first_charge_after_electrolyte_h", NULL};
    int st;
    if ((st = cf_rj_check_keys(o, keys, loc, err))) return st;
    return cf_rj_number(o, "first_charge_after_electrolyte_h", 0, 0, 1e5, "h", loc,
                          &r->process.first_charge_after_electrolyte_h, err);
}

static int parse_root(const json_t *root, cf_recipe *r, cf_error *err)
{
    static const char *const keys[] = {"name", "description", "nominal_voltage_V", "format", "negative", "positive",
                                       "separator", "electrolyte", "reservoir", "process", "thermal",
                                       "contact_resistance_ohm", NULL};
    cf_rjloc top;
    top.source = r->source;
    top.path[0] = '\0';
    int st;
    if ((st = cf_rj_check_keys(root, keys, &top, err))) return st;
    if ((st = cf_rj_text(root, "name", 1, &top, r->name, sizeof r->name, err))) return st;
    json_t *d = json_object_get(root, "description");
    if (d && !json_is_string(d)) return cf_error_set(err, CF_EINVAL, r->source, "description: expected text");
    if ((st = cf_rj_number(root, "nominal_voltage_V", 0, 0.5, 6, "V", &top, &r->nominal_voltage_V, err))) return st;

    json_t *o;
    cf_rjloc l;
    if ((st = cf_rj_object(root, "format", 1, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "format");
    if ((st = parse_format(o, &l, r, err))) return st;
    if ((st = cf_rj_object(root, "negative", 1, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "negative");
    if ((st = parse_electrode(o, &l, 0, &r->neg, err))) return st;
    if ((st = cf_rj_object(root, "positive", 1, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "positive");
    if ((st = parse_electrode(o, &l, 1, &r->pos, err))) return st;
    if (r->pos.coating_g_m2 <= 0) {
        char w[192];
        cf_rjloc pl = cf_rjloc_child(&l, "coating_g_m2");
        wherebuf(&pl, w, sizeof w);
        return cf_error_set(err, CF_EINVAL, w, "the positive needs a coating (coating_g_m2 > 0)");
    }
    if ((st = cf_rj_object(root, "separator", 1, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "separator");
    if ((st = parse_separator(o, &l, r, err))) return st;
    if ((st = cf_rj_object(root, "electrolyte", 1, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "electrolyte");
    if ((st = parse_electrolyte(o, &l, r, err))) return st;
    if ((st = cf_rj_object(root, "reservoir", 0, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "reservoir");
    if (o && (st = parse_reservoir(o, &l, r, err))) return st;
    if (r->reservoir.present && ((r->electrolyte.mass_g.have && r->electrolyte.mass_g.v <= 0) ||
                                 (r->electrolyte.amount_g_per_Ah.have && r->electrolyte.amount_g_per_Ah.v <= 0))) {
        char w[192];
        wherebuf(&l, w, sizeof w);
        return cf_error_set(err, CF_EINVAL, w,
                            "a lithium reservoir needs electrolyte to reach the electrode it lithiates, but the "
                            "electrolyte amount is 0 (give electrolyte.amount_g_per_Ah or mass_g > 0)");
    }
    if ((st = cf_rj_object(root, "process", 0, &top, &o, err))) return st;
    l = cf_rjloc_child(&top, "process");
    if (o && (st = parse_process(o, &l, r, err))) return st;
    if ((st = cf_recipe_parse_thermal(root, r->source, r, err))) return st;
    return CF_OK;
}

int cf_recipe_parse(const char *text, const char *source, cf_recipe **out, cf_error *err)
{
    *out = NULL;
    if (!source) source = "<string>";
    json_t *root;
    int st = cf_rj_parse_text(text, source, &root, err);
    if (st) return st;
    cf_recipe *r = calloc(1, sizeof *r);
    if (!r) {
        json_decref(root);
        return cf_error_set(err, CF_ENOMEM, source, "out of memory");
    }
    snprintf(r->source, sizeof r->source, "%s", source);
    st = parse_root(root, r, err);
    json_decref(root);
    if (st) {
        free(r);
        return st;
    }
    *out = r;
    return CF_OK;
}

int cf_recipe_load(const char *path, cf_recipe **out, cf_error *err)
{
    *out = NULL;
    char *text;
    int st = cf_read_file(path, CF_INPUT_JSON, &text, NULL, err);
    if (st) return st;
    st = cf_recipe_parse(text, path, out, err);
    free(text);
    return st;
}

int cf_recipe_clone(const cf_recipe *r, cf_recipe **out, cf_error *err)
{
    *out = malloc(sizeof **out);
    if (!*out) return cf_error_set(err, CF_ENOMEM, r->source, "out of memory");
    /* Plain data (material pointers refer to the static table): a copy is a clone. */
    memcpy(*out, r, sizeof **out);
    return CF_OK;
}

void cf_recipe_free(cf_recipe *r) { free(r); }

const char *cf_recipe_name(const cf_recipe *r) { return r ? r->name : ""; }
