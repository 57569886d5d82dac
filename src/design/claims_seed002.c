/* claims_seed002.c — seed 002_e1fce42b0ed87cbc: hard-carbon negative
 * material (XRD, H/C, particle size and shape, bulk density, thermal, surface
 * coating, nitrogen), its production process, electrode and battery.
 *
 * The OCR of the seed lost the dashes of several ranges ("1.0 3.0 nm",
 * "1 20 um", "3 40", "150 400 C", "0.5 5 wt.%"); they are read as inclusive
 * ranges like the intact ones ("0.365 - 0.400 nm", "0.1 - 10 wt.%"). */
#include "design/claims_internal.h"

#include <stdio.h>
#include <string.h>

#define SEED "002_e1fce42b0ed87cbc"

/* The carbon active material of the negative (hard_carbon first, then graphite). */
static const cf_recipe_component *carbon(const cf_claim_ctx *c)
{
    const cf_recipe_component *rc = cf_claims_find_material(&c->r->neg, "hard_carbon", NULL);
    if (!rc) rc = cf_claims_find_material(&c->r->neg, "graphite", NULL);
    return rc;
}

static int need_carbon(const cf_claim_ctx *c, cf_cacc *a, const cf_recipe_component **rc)
{
    *rc = carbon(c);
    if (*rc) return 1;
    cf_cacc_range(a, "carbon negative material (hard_carbon or graphite)");
    cf_cacc_feature(a, CF_CLAIM_NOT_MET, "the negative has no carbon active material");
    return 0;
}

static void prop(cf_cacc *a, const cf_recipe_component *rc, int id, const char *label, cf_cbound b)
{
    const cf_rprop_info *pi = cf_rprop_info_at(id);
    cf_cacc_num(a, pi->key, label, pi->unit, rc->p[id].have, rc->p[id].v, b);
}

static void c1(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (!need_carbon(c, a, &rc)) return;
    cf_cacc_value_text(a, "material", rc->mat->name);
    prop(a, rc, CF_P_SPHERICITY, "sphericity", (cf_cbound){CF_B_INCL, 0.8, CF_B_NONE, 0});
    /* Graphite without a measured d002 takes its crystallographic 0.3354 nm. */
    int have = rc->p[CF_P_D002_NM].have || rc->mat->d002_nm > 0;
    double d002 = rc->p[CF_P_D002_NM].have ? rc->p[CF_P_D002_NM].v : rc->mat->d002_nm;
    cf_cacc_num(a, "d002_nm", rc->p[CF_P_D002_NM].have ? "d002" : "d002 (graphite, literature)", "nm", have, d002,
               (cf_cbound){CF_B_INCL, 0.365, CF_B_INCL, 0.400});
    prop(a, rc, CF_P_LC_NM, "Lc(002)", (cf_cbound){CF_B_INCL, 1.0, CF_B_INCL, 3.0});
    prop(a, rc, CF_P_H_C_ATOMIC, "H/C", (cf_cbound){CF_B_NONE, 0, CF_B_INCL, 0.1});
    prop(a, rc, CF_P_DV50_UM, "Dv50", (cf_cbound){CF_B_INCL, 1, CF_B_INCL, 20});
}

/* Polymers of vinyl monomers (CH2=CHR): the claim's "vinyl resin". */
static const char *const VINYL[] = {"vinyl_resin", "polystyrene", "styrene_divinylbenzene", "polyvinyl_chloride", "pvc",
                                    "polyvinylidene_chloride", "polyacrylonitrile", "pan", "polymethyl_methacrylate",
                                    "pmma", "polyvinyl_alcohol", "polyvinyl_acetate", "acrylic_resin", NULL};
static const char *const NOT_VINYL[] = {"phenolic_resin", "phenol_resin", "furan_resin", "furfuryl_alcohol_resin",
                                        "epoxy_resin", "petroleum_pitch", "coal_tar_pitch", "pitch", "coconut_shell",
                                        "cellulose", "sucrose", "lignin", "starch", "biomass", "petroleum_coke", NULL};

static void vinyl(const cf_recipe_component *rc, cf_cacc *a)
{
    const char *p = rc->t[CF_T_PRECURSOR];
    cf_cacc_range(a, "precursor is a vinyl resin");
    if (!p[0]) {
        cf_cacc_feature(a, CF_CLAIM_UNDETERMINED, "precursor not given");
        return;
    }
    cf_cacc_value_text(a, "precursor", p);
    if (cf_claims_in_list(p, VINYL))
        cf_cacc_feature(a, CF_CLAIM_MET, "precursor %s is a vinyl resin", p);
    else if (cf_claims_in_list(p, NOT_VINYL))
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "precursor %s is not a vinyl resin", p);
    else
        cf_cacc_feature(a, CF_CLAIM_UNDETERMINED, "precursor '%s' is not classified (see docs/recipe.md for the list)", p);
}

static void c2(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (need_carbon(c, a, &rc)) vinyl(rc, a);
}

static void c3(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    /* "at least 0.40 and below 0.60" */
    if (need_carbon(c, a, &rc)) prop(a, rc, CF_P_BULK_DENSITY, "bulk specific gravity", (cf_cbound){CF_B_INCL, 0.40, CF_B_EXCL, 0.60});
}

static void c4(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (need_carbon(c, a, &rc)) prop(a, rc, CF_P_D4_D1, "D4/D1", (cf_cbound){CF_B_NONE, 0, CF_B_INCL, 3.0});
}

static void c5(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (!need_carbon(c, a, &rc)) return;
    int have = rc->p[CF_P_BET_M2_G].have && rc->p[CF_P_DV50_UM].have;
    double v = rc->p[CF_P_BET_M2_G].v * rc->p[CF_P_DV50_UM].v;
    if (rc->p[CF_P_BET_M2_G].have) cf_cacc_value_num(a, "bet_m2_g", rc->p[CF_P_BET_M2_G].v);
    if (rc->p[CF_P_DV50_UM].have) cf_cacc_value_num(a, "dv50_um", rc->p[CF_P_DV50_UM].v);
    cf_cacc_num(a, "s_dv50", have ? "S x Dv50" : "S x Dv50 (bet_m2_g and dv50_um)", "m2/g.um", have, v,
               (cf_cbound){CF_B_INCL, 3, CF_B_INCL, 40});
}

static void c6(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (need_carbon(c, a, &rc)) prop(a, rc, CF_P_EXOTHERM_C, "exothermic peak", (cf_cbound){CF_B_INCL, 600, CF_B_NONE, 0});
}

static void c7(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (need_carbon(c, a, &rc)) prop(a, rc, CF_P_SI_COATING_WT_PCT, "silicon-compound coating", (cf_cbound){CF_B_INCL, 0.1, CF_B_INCL, 10});
}

static void c8(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe_component *rc;
    if (need_carbon(c, a, &rc)) prop(a, rc, CF_P_N_WT_PCT, "nitrogen", (cf_cbound){CF_B_INCL, 0.5, CF_B_INCL, 5});
}

static void text_is(cf_cacc *a, const cf_recipe_component *rc, int id, const char *name,
                    const char *const *yes, const char *what)
{
    const char *v = rc->t[id];
    cf_cacc_range(a, "%s %s", name, what);
    if (!v[0]) {
        cf_cacc_feature(a, CF_CLAIM_UNDETERMINED, "%s not given", name);
        return;
    }
    cf_cacc_value_text(a, name, v);
    int ok = cf_claims_in_list(v, yes);
    cf_cacc_feature(a, ok ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "%s '%s' %s %s", name, v, ok ? "is" : "is not", what);
}

static void c9(const cf_claim_ctx *c, cf_cacc *a)
{
    static const char *const spherical[] = {"spherical", NULL};
    static const char *const suspension[] = {"suspension", NULL};
    static const char *const oxidizing[] = {"air", "oxygen", "o2", "ozone", "no2", "nitrogen_dioxide", "oxidizing_gas", NULL};
    static const char *const inert[] = {"nitrogen", "n2", "argon", "ar", "helium", "he", "inert_gas", NULL};
    const cf_recipe_component *rc;
    if (!need_carbon(c, a, &rc)) return;
    vinyl(rc, a);
    text_is(a, rc, CF_T_PRECURSOR_SHAPE, "precursor_shape", spherical, "spherical");
    text_is(a, rc, CF_T_PRECURSOR_POLYMERIZATION, "precursor_polymerization", suspension, "suspension");
    prop(a, rc, CF_P_OXIDATION_C, "oxidation temperature", (cf_cbound){CF_B_INCL, 150, CF_B_INCL, 400});
    text_is(a, rc, CF_T_OXIDATION_ATMOSPHERE, "oxidation_atmosphere", oxidizing, "an oxidizing gas");
    text_is(a, rc, CF_T_CARBONIZATION_ATMOSPHERE, "carbonization_atmosphere", inert, "an inert gas");
}

static void c10(const cf_claim_ctx *c, cf_cacc *a)
{
    cf_cacc_num(a, "coating_g_m2", "negative coating", "g/m2", 1, c->r->neg.coating_g_m2,
               (cf_cbound){CF_B_NONE, 0, CF_B_INCL, 60});
}

static void c11(const cf_claim_ctx *c, cf_cacc *a)
{
    (void)c;
    cf_cacc_range(a, "a non-aqueous secondary battery with that negative");
    cf_cacc_feature(a, CF_CLAIM_MET, "the recipe is a non-aqueous secondary battery with this negative");
}

static const cf_claim_def DEFS[] = {
    {1, 0, {0}, "A negative electrode material for non-aqueous electrolyte secondary batteries, comprising: a carbon "
     "material having a sphericity of at least 0.8, and exhibiting an average (002) interlayer spacing d002 of 0.365 - "
     "0.400 nm, a crystallite size in a c-axis direction Lc(002) of 1.0 - 3.0 nm, as measured by X-ray diffractometry, "
     "a hydrogen-to-carbon atomic ratio (H/C) of at most 0.1 as measured by elementary analysis, and an average "
     "particle size Dv50 of 1 - 20 um.",
     "The negative's hard_carbon component (else graphite). sphericity >= 0.8; 0.365 <= d002 <= 0.400 nm (graphite "
     "without a measured value: 0.3354 nm); 1.0 <= Lc <= 3.0 nm; H/C <= 0.1; 1 <= Dv50 <= 20 um. All inclusive; "
     "a missing value leaves the claim undetermined unless another one fails.",
     c1},
    {2, 1, {1}, "A negative electrode material according to claim 1, comprising a carbonization product of a vinyl "
     "resin.", "The component's 'precursor' is a vinyl polymer (list in docs/recipe.md).", c2},
    {3, 2, {1, 2}, "A negative electrode material according to claim 1 or 2, having a bulk specific gravity of at least "
     "0.40 and below 0.60.", "0.40 <= bulk_density_g_cm3 < 0.60 (upper bound exclusive: 'below').", c3},
    {4, 3, {1, 2, 3}, "A negative electrode material according to any one of claims 1-3, having a ratio D4/D1 of at "
     "most 3.0 between a weight-average particle size D4 and a length average particle size D1.",
     "d4_d1 <= 3.0 (D4 = D[4,3], D1 = D[1,0], ISO 9276-2).", c4},
    {5, 4, {1, 2, 3, 4}, "A negative electrode material according to any one of claims 1-4, having a product of a "
     "specific surface area S (m2/g) and an average particle size Dv50 (um) of 3 - 40.",
     "S x Dv50 = bet_m2_g x dv50_um, 3 <= S x Dv50 <= 40.", c5},
    {6, 5, {1, 2, 3, 4, 5}, "A negative electrode material according to any one of claims 1-5, exhibiting an exothermic "
     "peak temperature of at least 600 C.", "exotherm_peak_C >= 600.", c6},
    {7, 6, {1, 2, 3, 4, 5, 6}, "A negative electrode material according to any one of claims 1-6, comprising a surface "
     "of the carbon material coated with 0.1 - 10 wt.% of a silicon compound.", "0.1 <= si_coating_wt_pct <= 10.", c7},
    {8, 7, {1, 2, 3, 4, 5, 6, 7}, "A negative electrode material according to any one of claims 1-7, containing 0.5 - 5 "
     "wt.% of nitrogen.", "0.5 <= n_wt_pct <= 5.", c8},
    {9, 8, {1, 2, 3, 4, 5, 6, 7, 8}, "A process for producing a negative electrode material according to any one of "
     "claims 1-8, comprising: oxidizing a spherical vinyl resin obtained through suspension polymerization at a "
     "temperature of 150 - 400 C in an oxidizing gas atmosphere to provide a carbon precursor, and carbonizing the "
     "carbon precursor in an inert gas atmosphere.",
     "precursor is a vinyl resin; precursor_shape 'spherical'; precursor_polymerization 'suspension'; "
     "150 <= oxidation_C <= 400; oxidation_atmosphere an oxidizing gas (air, oxygen, ozone, no2); "
     "carbonization_atmosphere an inert gas (nitrogen, argon, helium).",
     c9},
    {10, 8, {1, 2, 3, 4, 5, 6, 7, 8}, "A negative electrode for non-aqueous electrolyte secondary batteries, having a "
     "layer of active substance comprising a negative electrode material according to any one of claims 1-8 and "
     "formed at a coating rate of at most 60 g/m2.",
     "negative.coating_g_m2 (dry coating per side) <= 60.", c10},
    {11, 1, {10}, "A non-aqueous electrolyte secondary battery having a negative electrode according to claim 10.",
     "Claim 10 met (every recipe is a non-aqueous secondary battery).", c11},
};

const cf_claim_set *cf_claims_set_002(void)
{
    static const cf_claim_set set = {SEED, sizeof DEFS / sizeof DEFS[0], DEFS};
    return &set;
}
