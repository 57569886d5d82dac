/* claims_seed000.c — seed 000_441cfe1333df67aa: Sn–Ni alloy negative.
 *
 * Ten claims; 1 is independent, the rest hang on "claim 1 or claim 2" or on
 * claim 3 / claim 4.  Claim 4's text is cut off in the seed after "contains
 * carbon material, and": its missing feature keeps it undetermined unless
 * a known part already fails. */
#include "design/claims_internal.h"

#include <stdio.h>
#include <string.h>

#define SEED "000_441cfe1333df67aa"

/* The first Sn–Ni alloy in the negative, with its phase split from the design. */
static const cf_design_component *alloy(const cf_claim_ctx *c, const cf_recipe_component **rc)
{
    size_t i;
    *rc = cf_claims_find_material(&c->r->neg, "sn_ni_alloy", &i);
    return *rc ? &c->d->negative.comp[i] : NULL;
}

static int has_phase(const cf_recipe_component *rc, const char *name)
{
    for (int i = 0; i < rc->n_phases; i++)
        if (strcmp(rc->phases[i], name) == 0) return 1;
    return 0;
}

static void c1(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    const cf_design_component *dc = alloy(c, &rc);
    cf_cacc_range(a, "alloy of Sn and Ni");
    if (!dc) {
        char names[120] = "";
        for (size_t i = 0; i < c->r->neg.n_comp; i++) {
            size_t u = strlen(names);
            snprintf(names + u, sizeof names - u, "%s%s", u ? "," : "", c->r->neg.comp[i].mat->name);
        }
        cf_cacc_value_text(a, "negative_components", names[0] ? names : "none");
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "the negative active material is not a Sn-Ni alloy (components: %s)",
                       names[0] ? names : "none");
        return;
    }
    cf_cacc_feature(a, CF_CLAIM_MET, "negative composite layer holds a Sn-Ni alloy");
    cf_cacc_num(a, "ni_mass_pct", "Ni", "mass%", 1, 100.0 * dc->ni_mass_fraction,
               (cf_cbound){CF_B_INCL, 5, CF_B_INCL, 25});
    cf_cacc_num(a, "sn_mass_pct", "Sn", "mass%", 1, 100.0 * dc->sn_mass_fraction,
               (cf_cbound){CF_B_INCL, 75, CF_B_INCL, 95});
    cf_cacc_range(a, "phases Sn4Ni3 and Sn present");
    if (rc->n_phases) {
        int ok = has_phase(rc, "Ni3Sn4") && has_phase(rc, "Sn");
        cf_cacc_value_text(a, "phases", ok ? "Sn4Ni3+Sn (measured)" : "measured list lacks one");
        cf_cacc_feature(a, ok ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "measured phases %s both Sn4Ni3 and Sn",
                       ok ? "include" : "do not include");
        return;
    }
    cf_cacc_value_num(a, "w_sn4ni3", dc->w_ni3sn4);
    cf_cacc_value_num(a, "w_sn", dc->w_sn);
    int both = dc->w_ni3sn4 > 1e-9 && dc->w_sn > 1e-9;
    cf_cacc_feature(a, both ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "%s phase split gives Sn4Ni3 %.3g and Sn %.3g by mass%s",
                   dc->z_from_lever_rule ? "lever-rule (all Ni in Sn4Ni3)" : "measured-Z", dc->w_ni3sn4, dc->w_sn,
                   both ? "" : ": one phase is absent");
}

static void c2(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    const cf_design_component *dc = alloy(c, &rc);
    if (!dc) {
        cf_cacc_range(a, "0.2 <= Z <= 3");
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "no Sn-Ni alloy, so no Z = m(Sn4Ni3)/m(Sn)");
        return;
    }
    cf_cacc_num(a, "Z", "Z = m(Sn4Ni3)/m(Sn)", "", 1, dc->z_ratio, (cf_cbound){CF_B_INCL, 0.2, CF_B_INCL, 3});
    cf_cacc_value_text(a, "Z_source", dc->z_from_lever_rule ? "lever rule" : "measured");
}

static void carbon(const cf_claim_ctx *c, cf_cacc *a)
{
    char names[120];
    int has = cf_claims_has_carbon(&c->r->neg, names, sizeof names);
    cf_cacc_range(a, "carbon material in the composite layer");
    cf_cacc_value_text(a, "carbon_materials", has ? names : "none");
    cf_cacc_feature(a, has ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "composite layer %s carbon material%s%s",
                   has ? "contains" : "has no", has ? ": " : "", has ? names : "");
}

static void c3(const cf_claim_ctx *c, cf_cacc *a) { carbon(c, a); }

static void c4(const cf_claim_ctx *c, cf_cacc *a)
{
    carbon(c, a);
    cf_cacc_range(a, "(rest of claim 4 missing from the seed)");
    cf_cacc_feature(a, CF_CLAIM_UNDETERMINED,
                   "claim 4 is cut off in the seed after 'contains carbon material, and'; its second feature is unknown");
}

static void porosity(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    const cf_design_component *dc = alloy(c, &rc);
    const char *form = rc && rc->t[CF_T_FORM][0] ? rc->t[CF_T_FORM] : NULL;
    cf_cacc_range(a, "powdered negative active material");
    if (!dc) {
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "no Sn-Ni alloy active material");
    } else if (form && strcmp(form, "powder") != 0) {
        cf_cacc_value_text(a, "form", form);
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "the active material is a %s, not a powder", form);
    } else {
        cf_cacc_value_text(a, "form", form ? "powder" : "powder (coated composite)");
        cf_cacc_feature(a, CF_CLAIM_MET, "powdered active material%s", form ? "" : " (a coated composite layer)");
    }
    cf_cacc_num(a, "porosity_pct", "porosity", "%", 1, 100.0 * c->d->negative.porosity,
               (cf_cbound){CF_B_INCL, 30, CF_B_INCL, 75});
}

static void density(const cf_claim_ctx *c, cf_cacc *a)
{
    cf_cacc_num(a, "apparent_density_g_cm3", "apparent density of the composite layer", "g/cm3",
               c->r->neg.coating_g_m2 > 0, c->d->negative.coating_density_g_cm3,
               (cf_cbound){CF_B_INCL, 2.5, CF_B_INCL, 8.3});
    cf_cacc_value_num(a, "with_collector_g_cm3", c->d->negative.electrode_density_g_cm3);
}

static const cf_claim_def DEFS[] = {
    {1, 0, {0}, "A non-aqueous electrolyte secondary battery comprising: a negative electrode with a composite layer "
     "containing a negative active material; a positive electrode; and a non-aqueous electrolyte; characterized in "
     "that said negative active material is an alloy containing 5 to 25 mass% of nickel and 75 to 95 mass% of tin, "
     "and said alloy contains Sn4Ni3 phase and Sn phase.",
     "Finds the sn_ni_alloy component of the negative. Ni and Sn mass% from ni_mass_fraction (or from Z with all Ni "
     "in Sn4Ni3: w_Ni = 0.27051 Z/(1+Z)); both bounds inclusive: 5 <= Ni <= 25, 75 <= Sn <= 95. Phases: the "
     "component's measured 'phases' list when given, else the equilibrium lever rule (Sn4Ni3 and Sn both present for "
     "0 < w_Ni < 0.27051) or the measured Z (both present when Z > 0). The electrolyte of every recipe is "
     "non-aqueous.",
     c1},
    {2, 1, {1}, "The battery according to claim 1, wherein the content ratio of Sn4Ni3 phase and Sn phase in said "
     "alloy is 0.2 <= Z <= 3, where m1 is the mass of Sn4Ni3 phase, m2 the mass of the Sn phase and Z = m1/m2.",
     "Z = the component's measured Z, else the lever rule f/(1-f) with f = w_Ni / 0.27051, the Ni mass fraction of Ni3Sn4 (3 x 58.6934 / 650.920). "
     "Inclusive: 0.2 <= Z <= 3.",
     c2},
    {3, 2, {1, 2}, "The battery according to claim 1 or claim 2, wherein said composite layer contains carbon material.",
     "Met when any negative component is a carbon material (graphite, hard_carbon, carbon_black).", c3},
    {4, 2, {1, 2}, "The battery according to claim 1 or claim 2, wherein said composite layer contains carbon "
     "material, and [the rest of the claim is missing from the seed text].",
     "Checks the carbon material as in claim 3; the truncated second feature is unknown, so the claim is "
     "undetermined unless the carbon check or claims 1/2 already fail.",
     c4},
    {5, 2, {1, 2}, "The battery according to claim 1 or claim 2, wherein in said composite layer powdered negative "
     "active material is used, and the porosity of said composite layer is 30 to 75 %.",
     "Powder: the alloy component's 'form' (default powder for a coated composite layer). Porosity of the negative "
     "coating (given, or 1 - apparent density / pore-free density), inclusive 30 <= porosity <= 75 %.",
     porosity},
    {6, 1, {3}, "The battery according to claim 3, wherein in said composite layer powdered negative active material "
     "is used, and the porosity of said composite layer is 30 to 75 %.",
     "As claim 5, depending on claim 3.", porosity},
    {7, 1, {4}, "The battery according to claim 4, wherein in said composite layer powdered negative active material "
     "is used, and the porosity of said composite layer is 30 to 75 %.",
     "As claim 5, depending on claim 4.", porosity},
    {8, 2, {1, 2}, "The battery according to claim 1 or claim 2, wherein the apparent density of said negative "
     "electrode is 2.5 to 8.3 g/cm3.",
     "Apparent density = coating mass per side / coating thickness per side (the composite layer, collector "
     "excluded; the value with the collector is shown too). Inclusive 2.5 <= density <= 8.3 g/cm3.",
     density},
    {9, 1, {3}, "The battery according to claim 3, wherein the apparent density of said negative electrode is 2.5 to "
     "8.3 g/cm3.",
     "As claim 8, depending on claim 3.", density},
    {10, 1, {4}, "The battery according to claim 4, wherein the apparent density of said negative electrode is 2.5 "
     "to 8.3 g/cm3.",
     "As claim 8, depending on claim 4.", density},
};

const cf_claim_set *cf_claims_set_000(void)
{
    static const cf_claim_set set = {SEED, sizeof DEFS / sizeof DEFS[0], DEFS};
    return &set;
}
