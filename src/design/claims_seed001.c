/* claims_seed001.c — seed 001_2064d47b93057da7: lithium reservoir connected
 * to the positive, lithium metal formed on the negative by charging,
 * over-lithiated LiNiO2 / LiMn2O4 positives.
 *
 * Product claims 1-9 and process claims 10-15.  Process facts come from the
 * process record (--run) when it has them, else from the design / recipe. */
#include "design/claims_internal.h"

#include <stdio.h>
#include <string.h>

#define SEED "001_2064d47b93057da7"

/* Does lithium metal serve as (or form on) the negative?  Run record first. */
static void li_metal_negative(const cf_claim_ctx *c, cf_cacc *a, int formed_by_charging)
{
    const cf_design *d = c->d;
    cf_cacc_range(a, formed_by_charging ? "metallic lithium formed on the negative by charging"
                                       : "metallic lithium used as negative active material");
    if (c->run && c->run->has_li_metal_plated_Ah) {
        double p = c->run->li_metal_plated_Ah;
        cf_cacc_value_num(a, "li_metal_plated_Ah", p);
        cf_cacc_value_text(a, "li_metal_source", "process record");
        cf_cacc_feature(a, p > 0 ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "process record: %.4g Ah lithium metal plated on the negative", p);
        return;
    }
    cf_cacc_value_num(a, "li_metal_plated_Ah", d->li_plated_Ah);
    cf_cacc_value_num(a, "np_ratio", d->np_ratio);
    int in_neg = 0;
    for (size_t i = 0; i < d->negative.n_components; i++)
        in_neg |= strcmp(d->negative.comp[i].material, "lithium") == 0 && d->negative.comp[i].mass_g > 0;
    if (d->li_plated_Ah > 0)
        cf_cacc_feature(a, CF_CLAIM_MET,
                       "design: the first charge moves %.4g Ah to the negative, %.4g Ah beyond its host capacity, "
                       "which plates as lithium metal",
                       d->first_charge_Ah, d->li_plated_Ah);
    else if (in_neg)
        cf_cacc_feature(a, CF_CLAIM_MET, "the negative contains lithium metal%s",
                       formed_by_charging ? " and charging deposits more on it" : "");
    else
        cf_cacc_feature(a, CF_CLAIM_NOT_MET,
                       "design: the negative host (%.4g Ah) takes all %.4g Ah of the first charge, so no lithium metal "
                       "forms",
                       d->negative.host_capacity_Ah, d->first_charge_Ah);
}

static void reservoir_on_positive(const cf_claim_ctx *c, cf_cacc *a)
{
    const cf_recipe *r = c->r;
    cf_cacc_range(a, "metallic lithium electrically connected to the positive");
    if (!r->reservoir.present) {
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "no lithium reservoir in the recipe");
        return;
    }
    cf_cacc_value_num(a, "reservoir_mg", r->reservoir.mass_mg);
    cf_cacc_value_text(a, "reservoir_connected_to", r->reservoir.on_positive ? "positive" : "negative");
    if (!r->reservoir.on_positive)
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "the lithium reservoir is connected to the negative");
    else if (r->reservoir.mass_mg <= 0)
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "the lithium reservoir has zero mass");
    else
        cf_cacc_feature(a, CF_CLAIM_MET, "%.4g mg lithium metal connected to the positive", r->reservoir.mass_mg);
}

/* LiNiO2 with 0.5 < Li/O <= 1, or LiMn2O4 with 0.25 < Li/O <= 0.5: either
 * oxide in its window is enough ("at least one of").  Two states of the
 * positive: as assembled (as made: the recipe's li_o_ratio or the nominal
 * stoichiometry) and after pre-lithiation (plus the reservoir lithium it
 * absorbs, or the process record's value).  Both are reported; `assembled`
 * picks the one the claim judges (claim 11 assembles the positive with the
 * ratio; the product claims describe the battery after pre-lithiation). */
static void li_o_window(const cf_claim_ctx *c, cf_cacc *a, int assembled)
{
    const cf_recipe *r = c->r;
    int status = CF_CLAIM_NOT_MET, found = 0, run_used = 0;
    char why_ok[240] = "", why_not[320] = "";
    for (size_t i = 0; i < r->pos.n_comp; i++) {
        const cf_recipe_component *rc = &r->pos.comp[i];
        const char *name = rc->mat->name;
        int nio = strcmp(name, "linio2") == 0, mno = strcmp(name, "limn2o4") == 0;
        if (!nio && !mno) continue;
        found = 1;
        const cf_design_component *dc = &c->d->positive.comp[i];
        double made = rc->p[CF_P_LI_O_RATIO].have ? rc->p[CF_P_LI_O_RATIO].v
                                                   : rc->mat->li_per_formula / rc->mat->o_per_formula;
        double after = dc->li_o_ratio;
        const char *src = dc->li_o_source == CF_LIO_GIVEN      ? "recipe li_o_ratio"
                          : dc->li_o_source == CF_LIO_RESERVOIR ? "as made + reservoir lithium"
                                                                : "nominal stoichiometry";
        if (c->run && c->run->has_li_o_ratio_after_prelithiation && !run_used) {
            after = c->run->li_o_ratio_after_prelithiation; /* applies to the first such oxide */
            src = "process record";
            run_used = 1;
        }
        double v = assembled ? made : after;
        cf_cbound b = nio ? (cf_cbound){CF_B_EXCL, 0.5, CF_B_INCL, 1.0} : (cf_cbound){CF_B_EXCL, 0.25, CF_B_INCL, 0.5};
        const char *var = nio ? "li_o_ratio_linio2" : "li_o_ratio_limn2o4";
        char range[120], asm_name[40];
        cf_cbound_format(&b, var, range, sizeof range);
        cf_cacc_range(a, "%s%s", range, assembled ? " as assembled" : " after pre-lithiation");
        snprintf(asm_name, sizeof asm_name, "%s_as_assembled", var);
        cf_cacc_value_num(a, asm_name, made);
        cf_cacc_value_num(a, var, after);
        cf_cacc_value_text(a, nio ? "li_o_source_linio2" : "li_o_source_limn2o4", src);
        int ok = cf_cbound_holds(&b, v);
        status = cf_ctri_or(status, ok ? CF_CLAIM_MET : CF_CLAIM_NOT_MET);
        char why[400];
        snprintf(why, sizeof why, "%s Li/O as assembled %.6g, after pre-lithiation %.6g (%s): the %s value is %s %s",
                 nio ? "LiNiO2" : "LiMn2O4", made, after, src, assembled ? "as-assembled" : "pre-lithiated",
                 ok ? "within" : "outside", range);
        if (ok && !why_ok[0]) snprintf(why_ok, sizeof why_ok, "%.239s", why);
        if (!ok) {
            size_t u = strlen(why_not);
            snprintf(why_not + u, sizeof why_not - u, "%s%.200s", u ? "; " : "", why);
        }
    }
    if (!found) {
        cf_cacc_range(a, "0.5 < li_o_ratio_linio2 <= 1 or 0.25 < li_o_ratio_limn2o4 <= 0.5");
        cf_cacc_feature(a, CF_CLAIM_NOT_MET, "the positive contains neither LiNiO2 (linio2) nor LiMn2O4 (limn2o4)");
        return;
    }
    cf_cacc_feature(a, status, "%s", status == CF_CLAIM_MET ? why_ok : why_not);
}

static void absorber(const cf_claim_ctx *c, cf_cacc *a)
{
    char names[120];
    int has = cf_claims_has_absorber(&c->r->neg, names, sizeof names);
    cf_cacc_range(a, "lithium-absorbable material in the negative");
    cf_cacc_value_text(a, "li_absorbing_materials", has ? names : "none");
    cf_cacc_feature(a, has ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "the negative %s lithium-absorbable material%s%s",
                   has ? "contains" : "has no", has ? ": " : "", has ? names : "");
}

static void porous_polymer(const cf_claim_ctx *c, cf_cacc *a)
{
    int pp = c->r->electrolyte.porous_polymer;
    cf_cacc_range(a, "electrolyte type porous_polymer");
    cf_cacc_value_text(a, "electrolyte_type", pp ? "porous_polymer" : "liquid");
    cf_cacc_feature(a, pp ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "the electrolyte is %s",
                   pp ? "a porous polymer electrolyte" : "liquid, not a porous polymer electrolyte");
}

static void c1(const cf_claim_ctx *c, cf_cacc *a)
{
    li_metal_negative(c, a, 0);
    reservoir_on_positive(c, a);
}

static void c2(const cf_claim_ctx *c, cf_cacc *a)
{
    li_metal_negative(c, a, 0);
    li_o_window(c, a, 0);
}

static void c9(const cf_claim_ctx *c, cf_cacc *a) { li_metal_negative(c, a, 1); }

static void c10(const cf_claim_ctx *c, cf_cacc *a)
{
    reservoir_on_positive(c, a);
    li_metal_negative(c, a, 1);
}

static void c11(const cf_claim_ctx *c, cf_cacc *a)
{
    li_o_window(c, a, 1);
    li_metal_negative(c, a, 1);
}

static void c12(const cf_claim_ctx *c, cf_cacc *a)
{
    const char *m = c->r->pos.collector->name;
    int al = strcmp(m, "aluminium") == 0;
    cf_cacc_range(a, "positive collector aluminium");
    cf_cacc_value_text(a, "positive_collector", m);
    cf_cacc_feature(a, al ? CF_CLAIM_MET : CF_CLAIM_NOT_MET, "positive collector is %s", al ? "aluminium" : m);
}

static void c13(const cf_claim_ctx *c, cf_cacc *a)
{
    int have = 0;
    double h = 0;
    const char *src = "";
    if (c->run && c->run->has_first_charge_after_contact_h) {
        have = 1;
        h = c->run->first_charge_after_contact_h;
        src = "process record";
    } else if (c->r->process.first_charge_after_electrolyte_h.have) {
        have = 1;
        h = c->r->process.first_charge_after_electrolyte_h.v;
        src = "recipe process block";
    }
    /* "within 2 hours": at most 2 h. */
    cf_cacc_num(a, "first_charge_after_contact_h", "first charge after electrolyte contact", "h", have, h,
               (cf_cbound){CF_B_NONE, 0, CF_B_INCL, 2.0});
    if (have) cf_cacc_value_text(a, "time_source", src);
    if (c->run && c->run->has_min_positive_potential_V)
        cf_cacc_value_num(a, "min_positive_potential_V", c->run->min_positive_potential_V);
    /* what waiting did to the aluminium collector (shown, not judged: the claim is the time) */
    if (c->run && c->run->has_time_below_threshold_s) {
        cf_cacc_value_num(a, "time_below_alloy_threshold_s", c->run->time_below_threshold_s);
        cf_cacc_value_num(a, "alloying_threshold_V", c->run->threshold_V);
    }
    if (c->run && c->run->has_li_alloyed_Ah) cf_cacc_value_num(a, "li_alloyed_with_collector_Ah", c->run->li_alloyed_Ah);
}

static const cf_claim_def DEFS[] = {
    {1, 0, {0}, "A non-aqueous electrolyte secondary battery in which metallic lithium is to be used as a negative "
     "active material, which comprises: a positive electrode comprising a positive active material; a negative "
     "electrode; metallic lithium electrically connected to said positive electrode; and an electrolyte.",
     "Lithium metal as negative active: the process record's li_metal_plated_Ah > 0 when given, else the design: "
     "the negative contains lithium metal, or the first charge (positive capacity + over-lithiation + reservoir) "
     "exceeds the negative host capacity so lithium plates. Reservoir: 'reservoir' with connected_to 'positive' and "
     "mass_mg > 0.",
     c1},
    {2, 0, {0}, "A non-aqueous electrolyte secondary battery in which metallic lithium is to be used as a negative "
     "active material, which comprises: a positive electrode comprising as a positive active material a "
     "lithium-containing compound containing at least one of lithium nickel oxide having a ratio of lithium atoms to "
     "oxygen atoms within the range of from greater than 0.5 to not greater than 1 and lithium manganese spinel having "
     "a ratio of lithium atoms to oxygen atoms within the range of from greater than 0.25 to not greater than 0.5; a "
     "negative electrode; and an electrolyte.",
     "Lithium metal as in claim 1. Li/O of each linio2 / limn2o4 component: the process record's "
     "li_o_ratio_after_prelithiation (first such oxide), else the recipe's li_o_ratio plus reservoir lithium "
     "absorbed, else the nominal 0.5 / 0.25 (the battery after pre-lithiation; the as-assembled value is reported "
     "beside it). 'from greater than a to not greater than b' = a < Li/O <= b. Either "
     "oxide in its window meets the claim. Other oxides (nmc811, lco, lfp) are not counted as lithium nickel oxide.",
     c2},
    {3, 1, {1}, "The battery according to claim 1, wherein said negative electrode comprises a lithium-absorbable "
     "material.",
     "A negative component that hosts lithium: graphite, hard_carbon, tin or sn_ni_alloy (carbon black is not "
     "counted).",
     absorber},
    {4, 1, {2}, "The battery according to claim 2, wherein said negative electrode comprises a lithium-absorbable "
     "material.", "As claim 3, depending on claim 2.", absorber},
    {5, 1, {1}, "The battery according to claim 1, comprising a porous polymer electrolyte as an electrolyte.",
     "electrolyte.type is 'porous_polymer'.", porous_polymer},
    {6, 1, {2}, "The battery according to claim 2, comprising a porous polymer electrolyte as an electrolyte.",
     "As claim 5, depending on claim 2.", porous_polymer},
    {7, 1, {3}, "The battery according to claim 3, comprising a porous polymer electrolyte as an electrolyte.",
     "As claim 5, depending on claim 3.", porous_polymer},
    {8, 1, {4}, "The battery according to claim 4, comprising a porous polymer electrolyte as an electrolyte.",
     "As claim 5, depending on claim 4.", porous_polymer},
    {9, 8, {1, 2, 3, 4, 5, 6, 7, 8}, "A non-aqueous electrolyte secondary battery which is obtained by charging the "
     "battery according to any one of claims 1 to 8 to form metallic lithium on the negative electrode.",
     "Any of claims 1-8 met, and charging forms lithium metal on the negative (process record's li_metal_plated_Ah "
     "> 0, else the design's plating estimate or a lithium-metal negative).",
     c9},
    {10, 0, {0}, "A process for the preparation of a non-aqueous electrolyte secondary battery comprising metallic "
     "lithium on a negative electrode, which comprises a step of assembling a positive electrode electrically "
     "connected to metallic lithium and a negative electrode into a battery, and a step of forming metallic lithium on "
     "said negative electrode by charging the battery.",
     "Reservoir on the positive as in claim 1, and lithium metal formed on the negative by charging as in claim 9.",
     c10},
    {11, 0, {0}, "A process for the preparation of a non-aqueous electrolyte secondary battery comprising metallic "
     "lithium on a negative electrode, which comprises a step of assembling a positive electrode comprising a positive "
     "active material containing at least one of lithium nickel oxide with Li/O from greater than 0.5 to not greater "
     "than 1 or lithium manganese spinel with Li/O from greater than 0.25 to not greater than 0.5 into a battery, and "
     "a step of forming said metallic lithium on said negative electrode by charging the battery.",
     "Li/O window as in claim 2, judged on the positive as assembled (the recipe's li_o_ratio or the nominal "
     "stoichiometry, without reservoir lithium, which enters after electrolyte contact); the value after "
     "pre-lithiation is reported beside it. And lithium metal formed on the negative by charging as in claim 9.",
     c11},
    {12, 1, {10}, "The process according to claim 10, wherein said positive electrode comprises a current collector "
     "comprising aluminum.", "positive.collector.material is aluminium (or aluminum).", c12},
    {13, 2, {10, 12}, "The process according to claim 10 or 12, wherein said charging begins within 2 hours after the "
     "contact of said positive electrode with electrolyte.",
     "Time from electrolyte contact to the start of the first charge: the process record's "
     "first_charge_after_contact_h, else the recipe's process.first_charge_after_electrolyte_h, else undetermined. "
     "'within 2 hours' = at most 2 h (inclusive). min_positive_potential_V from the record is shown when present.",
     c13},
    {14, 2, {10, 11}, "The process according to claim 10 or 11, wherein said negative electrode comprises a "
     "lithium-absorbable material as a negative active material.", "As claim 3.", absorber},
    {15, 2, {10, 11}, "The process according to claim 10 or 11, wherein said battery comprises a porous polymer "
     "electrolyte as an electrolyte.", "As claim 5.", porous_polymer},
};

const cf_claim_set *cf_claims_set_001(void)
{
    static const cf_claim_set set = {SEED, sizeof DEFS / sizeof DEFS[0], DEFS};
    return &set;
}
