/* recipe_cell.c — a recipe turned into model parameters (cf_cell), so that
 * `cellforge simulate --cell recipe.json` simulates what `cellforge design`
 * describes.  Geometry, porosities, fractions and capacity come from the
 * design (cf_design_cell_params); the electrochemistry of each active
 * material from the material table (src/materials/material_data.c).  Values
 * the recipe cannot give are labelled assumptions in docs/recipe.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_design.h"
#include "cellforge/cf_cell.h"
#include "materials/material_data.h"

/* Li/O at stoichiometry 1 (sto counts up to two Li per formula unit). */
static double li_o_at_full(const char *material)
{
    if (strcmp(material, "linio2") == 0) return 1.0;  /* Li2NiO2   */
    if (strcmp(material, "limn2o4") == 0) return 0.5; /* Li2Mn2O4  */
    return 0.0;
}

/* Voltage window by positive material [ASSUME: usual cycling windows]. */
static void window(const char *pos, double *vmin, double *vmax)
{
    static const struct { const char *m; double lo, hi; } W[] = {
        {"nmc811", 2.5, 4.2}, {"linio2", 3.0, 4.3}, {"limn2o4", 3.5, 4.3}, {"nca", 2.7, 4.2},
        {"lco", 3.0, 4.2},    {"lfp", 2.5, 3.65}};
    *vmin = 2.5;
    *vmax = 4.2;
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (strcmp(pos, W[i].m) == 0) {
            *vmin = W[i].lo;
            *vmax = W[i].hi;
        }
}

static int has_electrochemistry(const cf_material_data *md)
{
    return md && md->ocp && md->c_max_mol_m3 > 0;
}

/* "graphite, hard_carbon, ..." : the materials the simulator has data for,
 * from the material table itself so the message cannot fall behind it. */
static void simulable_materials(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < cf_material_data_count(); i++) {
        const cf_material_data *md = cf_material_data_get(i);
        if (!has_electrochemistry(md)) continue;
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", md->name);
        if (w < 0 || (size_t)w >= n - used) return;
        used += (size_t)w;
    }
}

static int add_phase(cf_electrode *e, const char *material, double fraction, double radius, double sto,
                     const char *where, cf_error *err)
{
    const cf_material_data *md = cf_material_data_find(material);
    if (!has_electrochemistry(md)) {
        char known[256];
        simulable_materials(known, sizeof known);
        return cf_error_set(err, CF_EINVAL, where,
                            "'%s' has no electrochemical data for the simulator (known: %s, sn_ni_alloy as "
                            "tin + ni3sn4, lithium as a metal negative)", material, known);
    }
    if (e->n_phases >= CF_MAX_PHASES)
        return cf_error_set(err, CF_EINVAL, where, "more than %d active materials in one electrode", CF_MAX_PHASES);
    cf_phase *ph = &e->phase[e->n_phases];
    memset(ph, 0, sizeof *ph);
    snprintf(ph->name, sizeof ph->name, "%s", material);
    ph->active_fraction = fraction;
    ph->particle_radius_m = radius > 0 ? radius : 5e-6; /* [ASSUME] when the recipe gives no size */
    ph->c_max = md->c_max_mol_m3;
    /* keep the initial state inside (0, 1): an "empty" host starts with 1 %
     * [ASSUME], away from the OCP's singular end */
    sto = fmin(fmax(sto, 0.01), 0.99);
    ph->c_init = sto * ph->c_max;
    ph->diffusivity_m2_s = md->diffusivity_m2_s > 0 ? md->diffusivity_m2_s : 1e-14;
    ph->j0_ref = md->j0_ref;
    ph->alpha = 0.5;
    ph->volume_expansion = md->volume_expansion;
    ph->li_o_at_full = li_o_at_full(material);
    int rc = cf_fn_set_builtin(&ph->ocp, md->ocp, err);
    if (rc) return rc;
    e->n_phases++;
    return CF_OK;
}

static int electrode_from(const cf_design_electrode_params *d, int negative, int has_reservoir, cf_electrode *e,
                          cf_error *err)
{
    const char *side = negative ? "negative" : "positive";
    memset(e, 0, sizeof *e);
    e->thickness_m = d->thickness_m;
    e->porosity = d->porosity;
    e->thickness_swelling = d->thickness_swelling;
    e->conductivity_S_m = negative ? 100.0 : 10.0; /* [ASSUME] composite electrodes with carbon additive */
    e->bruggeman_electrolyte = 1.5;
    for (size_t k = 0; k < d->n_components; k++) {
        const cf_design_component *c = &d->comp[k];
        if (!c->is_active) continue;
        char where[96];
        snprintf(where, sizeof where, "%s.components[%zu]", side, k);
        if (strcmp(c->material, "lithium") == 0) {
            if (!negative) return cf_error_set(err, CF_EINVAL, where, "lithium metal can only be the negative");
            e->planar = 1;
            e->li_metal_mol_m2 += c->capacity_Ah * 3600 / CF_FARADAY / d->area_m2;
            continue;
        }
        const cf_material_data *md = cf_material_data_find(c->material);
        double sto = md ? md->sto_as_made : 0;
        if (!negative && c->li_o_ratio > 0 && li_o_at_full(c->material) > 0 && c->li_o_source != CF_LIO_RESERVOIR &&
            !has_reservoir)
            sto = c->li_o_ratio / li_o_at_full(c->material);
        int rc;
        if (strcmp(c->material, "sn_ni_alloy") == 0) {
            /* The alloy is two phases; split its volume by their masses and densities. */
            const cf_material_data *sn = cf_material_data_find("tin"), *ni = cf_material_data_find("ni3sn4");
            double v_sn = c->w_sn / sn->density_kg_m3, v_ni = c->w_ni3sn4 / ni->density_kg_m3;
            double v_free = c->w_free_ni / 8908.0, v = v_sn + v_ni + v_free;
            rc = add_phase(e, "tin", c->volume_fraction * v_sn / v, c->particle_radius_m, sn->sto_as_made, where, err);
            if (!rc && v_ni > 0)
                rc = add_phase(e, "ni3sn4", c->volume_fraction * v_ni / v, c->particle_radius_m, ni->sto_as_made,
                               where, err);
        } else {
            rc = add_phase(e, c->material, c->volume_fraction, c->particle_radius_m, sto, where, err);
        }
        if (rc) return rc;
    }
    if (e->planar && e->n_phases > 0)
        return cf_error_set(err, CF_EINVAL, side, "a lithium-metal negative cannot hold other active materials yet");
    /* A bare collector negative (no coating) is anode-free: lithium plates on the copper. */
    if (negative && e->n_phases == 0) e->planar = 1;
    if (!e->planar && e->n_phases == 0)
        return cf_error_set(err, CF_EINVAL, side, "the %s electrode has no active material", side);
    return CF_OK;
}

/* Lithium metal on the negative: a planar surface (foil or bare collector)
 * or plating on the host's particles, which the recipe asks for with
 * plating_exchange_current_A_m2 or the design expects (the first charge
 * brings more lithium than the host holds).  Defaults as for cell files. */
static void negative_lithium(const cf_design_params *dp, cf_electrode *e)
{
    if (e->planar) {
        e->li_j0_ref = CF_LI_J0_DEFAULT_A_M2;
        e->plating_efficiency = dp->plating_efficiency > 0 ? dp->plating_efficiency : CF_LI_PLATING_EFFICIENCY_DEFAULT;
        return;
    }
    if (!(dp->plating_j0_A_m2 > 0) && !(dp->li_plated_Ah > 0)) return;
    e->plating = 1;
    e->plating_j0_A_m2 = dp->plating_j0_A_m2 > 0 ? dp->plating_j0_A_m2 : CF_HOST_PLATING_J0_DEFAULT_A_M2;
    e->plating_efficiency = dp->plating_efficiency > 0 ? dp->plating_efficiency : 1.0;
}

int cf_recipe_to_cell(const cf_recipe *r, cf_cell **out, cf_error *err)
{
    *out = NULL;
    cf_design_params dp;
    int rc = cf_design_cell_params(r, &dp, err);
    if (rc) return rc;
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "recipe", "out of memory");
    snprintf(c->name, sizeof c->name, "%s", cf_recipe_name(r));
    int has_res = dp.reservoir_li_mol > 0 && dp.reservoir_on_positive;
    rc = electrode_from(&dp.negative, 1, has_res, &c->neg, err);
    if (!rc) negative_lithium(&dp, &c->neg);
    if (!rc) rc = electrode_from(&dp.positive, 0, has_res, &c->pos, err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "nyman2008_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "nyman2008_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    /* LiPF6 in carbonates (Nyman 2008); a porous polymer blocks [ASSUME] 60 % of the liquid's transport */
    c->electrolyte.c_init = dp.electrolyte_concentration_mol_m3 > 0 ? dp.electrolyte_concentration_mol_m3 : 1000;
    c->electrolyte.t_plus = 0.2594;
    c->electrolyte.thermodynamic_factor = 1.0;
    c->electrolyte.transport_reduction = dp.electrolyte_porous_polymer ? 0.6 : 0.0;
    c->sep = (cf_separator){dp.separator_thickness_m, dp.separator_porosity, 1.5};
    c->area_m2 = dp.positive.area_m2;
    c->nominal_capacity_Ah = dp.nominal_capacity_Ah;
    window(c->pos.phase[0].name, &c->v_min, &c->v_max);
    c->T_ref = c->T_K = 298.15;
    if (has_res)
        c->reservoir = (cf_reservoir){
            .present = 1,
            .li_mol = dp.reservoir_li_mol,
            .area_m2 = dp.reservoir_area_m2 > 0 ? dp.reservoir_area_m2 : CF_RESERVOIR_AREA_DEFAULT_M2,
            .j0_ref = dp.reservoir_j0_A_m2 > 0 ? dp.reservoir_j0_A_m2 : CF_LI_J0_DEFAULT_A_M2,
            .path_length_m = dp.reservoir_path_m > 0 ? dp.reservoir_path_m : CF_RESERVOIR_PATH_DEFAULT_M,
            .alloy_potential_V = CF_AL_ALLOY_POTENTIAL_V,
            /* only an aluminium collector alloys with lithium */
            .alloy_j0_A_m2 = dp.positive_collector_aluminium ? CF_AL_ALLOY_J0_A_M2 : 0.0};
    c->assembled_discharged = 1;
    rc = cf_cell_validate(c, err);
    if (rc) {
        cf_error_prefix_where(err, "recipe");
        cf_cell_free(c);
        return rc;
    }
    *out = c;
    return CF_OK;
}
