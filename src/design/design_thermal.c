/* design_thermal.c — the cell's thermal data from its recipe (docs/recipe.md,
 * "thermal").
 *
 * Heat capacity: every part of the cell the design weighs, times its
 * specific heat (thermal_props.c): the coatings' components, the electrolyte
 * in their pores and the separator's, the foils, the separator, electrolyte
 * beyond the pores, a reservoir and the case:  C = sum_i m_i c_p,i.  The
 * recipe may give the cell's mean specific heat or its mass instead (C =
 * mass x specific heat, the other from the design).  This C is computed
 * once, here; the simulated cell's layers are filled so that the lumped
 * model's C = V sum_l rho_l c_l L_l / sum_l L_l equals it.
 *
 * Cooling area: the recipe's, else the outer size's surface (a pouch's two
 * faces and four edges, a cylinder's side and ends).
 *
 * The layers of the cell (per unit of its electrode area A, thickness L_l:
 * half of a double-sided foil, a coating, the separator): density
 * m_l / (A L_l) with the pores' electrolyte, specific heat the layer's
 * mass-weighted one, conductivity of the foil's metal or [ASSUME] Marquis et
 * al.'s coating and separator values.  The case and electrolyte outside the
 * pores are not in a layer: the cell's thermal volume V = A sum_l L_l x
 * C / C_layers carries them, so the lumped C is the design's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "design/design_internal.h"
#include "design/recipe_internal.h"
#include "design/thermal_props.h"

#define CP_ALLOY_THIRD_J_KG_K 228.4 /* a ternary alloy's inert third element [ASSUME: tin's] */

typedef struct {
    double m[CF_N_LAYERS];  /* g in each layer           */
    double mc[CF_N_LAYERS]; /* J/K in each layer         */
    double m_out, mc_out;   /* outside the layers: case, free electrolyte, reservoir */
    const char *missing;    /* a material with no specific heat (NULL: none)         */
} parts;

static double component_cp(const cf_design_component *c)
{
    if (strcmp(c->material, "sn_ni_alloy") == 0) /* its phases by mass */
        return c->w_sn * cf_thermal_material_cp("tin") + c->w_ni3sn4 * cf_thermal_material_cp("ni3sn4") +
               c->w_free_ni * cf_thermal_material_cp("nickel") + c->w_third * CP_ALLOY_THIRD_J_KG_K;
    return cf_thermal_material_cp(c->material);
}

static void weigh(const cf_recipe *r, const cf_design *d, parts *p)
{
    memset(p, 0, sizeof *p);
    double a_side = cf_design_area_per_side_m2(r), layers = r->format.layers;
    double rho_el = r->electrolyte.density_g_cm3.have ? r->electrolyte.density_g_cm3.v : CF_ELECTROLYTE_DENSITY_DEFAULT;
    /* the electrolyte fills the pores as far as it goes; the rest is outside */
    double el_vol = d->electrolyte_g / rho_el;
    double fill = d->pore_volume_cm3 > 0 ? fmin(1.0, el_vol / d->pore_volume_cm3) : 0.0;
    const cf_design_electrode *el[2] = {&d->negative, &d->positive};
    const cf_recipe_electrode *re[2] = {&r->neg, &r->pos};
    const int coat[2] = {CF_LAYER_NEG, CF_LAYER_POS}, foil[2] = {CF_LAYER_NCC, CF_LAYER_PCC};
    double in_pores = 0;
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < el[k]->n_components; i++) {
            const cf_design_component *c = &el[k]->comp[i];
            double cp = component_cp(c);
            if (!(cp > 0) && c->mass_g > 0) p->missing = c->material;
            p->m[coat[k]] += c->mass_g;
            p->mc[coat[k]] += c->mass_g * cp;
        }
        double pore = el[k]->thickness_um * el[k]->area_m2 * el[k]->porosity * fill * rho_el; /* um m2 = cm3 */
        p->m[coat[k]] += pore;
        p->mc[coat[k]] += pore * CF_ELECTROLYTE_CP_J_KG_K;
        in_pores += pore;
        double fm = re[k]->collector->density_g_cm3 * re[k]->collector_thickness_um * a_side * layers;
        p->m[foil[k]] += fm;
        p->mc[foil[k]] += fm * cf_thermal_material_cp(re[k]->collector->name);
    }
    double sep_vol = r->sep.thickness_um * a_side * r->pos.sides * layers;
    double sm = r->sep.mat->density_g_cm3 * (1.0 - r->sep.porosity) * sep_vol;
    double sp = sep_vol * r->sep.porosity * fill * rho_el;
    p->m[CF_LAYER_SEP] = sm + sp;
    p->mc[CF_LAYER_SEP] = sm * cf_thermal_material_cp(r->sep.mat->name) + sp * CF_ELECTROLYTE_CP_J_KG_K;
    in_pores += sp;
    double free_el = fmax(0.0, d->electrolyte_g - in_pores);
    p->m_out = free_el;
    p->mc_out = free_el * CF_ELECTROLYTE_CP_J_KG_K;
    if (r->reservoir.present) {
        double m = r->reservoir.mass_mg * 1e-3;
        p->m_out += m;
        p->mc_out += m * cf_thermal_material_cp("lithium");
    }
    if (r->format.case_mass_g.have) {
        double cp = r->thermal.case_heat_capacity_J_kg_K.have ? r->thermal.case_heat_capacity_J_kg_K.v : CF_CASE_CP_J_KG_K;
        p->m_out += r->format.case_mass_g.v;
        p->mc_out += r->format.case_mass_g.v * cp;
    }
}

/* The outer size's surface, m2 (0: the format gives none). */
static double outer_area_m2(const cf_recipe *r)
{
    if (r->format.type == CF_FORMAT_POUCH && r->format.cell_thickness_mm.have) {
        double w = r->format.cell_width_mm.v, h = r->format.cell_height_mm.v, t = r->format.cell_thickness_mm.v;
        return 2.0 * (w * h + w * t + h * t) * 1e-6;
    }
    if (r->format.type != CF_FORMAT_POUCH && r->format.diameter_mm.have) {
        double dm = r->format.diameter_mm.v, h = r->format.height_mm.v;
        return (CF_PI * dm * h + 0.5 * CF_PI * dm * dm) * 1e-6;
    }
    return 0.0;
}

int cf_design_thermal(const cf_recipe *r, cf_design *d, cf_error *err)
{
    parts p;
    weigh(r, d, &p);
    char where[200];
    double c_parts = p.mc_out, m_parts = p.m_out;
    for (int l = 0; l < CF_N_LAYERS; l++) {
        c_parts += p.mc[l];
        m_parts += p.m[l];
    }
    if (p.missing && !r->thermal.heat_capacity_J_kg_K.have) {
        snprintf(where, sizeof where, "%.150s: thermal", r->source);
        return cf_error_set(err, CF_EINVAL, where,
                            "no specific heat is known for '%s': give thermal.heat_capacity_J_kg_K (the cell's, "
                            "J/(kg K))", p.missing);
    }
    d->has_thermal = 1;
    d->thermal_mass_g = r->thermal.mass_g.have ? r->thermal.mass_g.v : m_parts;
    d->specific_heat_J_kg_K = r->thermal.heat_capacity_J_kg_K.have ? r->thermal.heat_capacity_J_kg_K.v : c_parts / m_parts;
    d->heat_capacity_J_K = d->thermal_mass_g * 1e-3 * d->specific_heat_J_kg_K;
    d->heat_transfer_W_m2_K = r->thermal.heat_transfer_W_m2_K.v;
    d->cooling_area_m2 = r->thermal.cooling_area_cm2.have ? r->thermal.cooling_area_cm2.v * 1e-4 : outer_area_m2(r);
    if (!r->thermal.cooling_area_cm2.have && !(d->cooling_area_m2 > 0)) {
        snprintf(where, sizeof where, "%.150s: thermal.cooling_area_cm2", r->source);
        return cf_error_set(err, CF_EINVAL, where,
                            "thermal.cooling_area_cm2 is required: the format gives no outer size (pouch: "
                            "cell_width_mm, cell_height_mm, cell_thickness_mm; cylindrical and coin: diameter_mm, "
                            "height_mm) to take the cooled surface from");
    }
    return CF_OK;
}

void cf_design_thermal_cell(const cf_recipe *r, const cf_design *d, cf_cell *c)
{
    if (!d->has_thermal) return;
    parts p;
    weigh(r, d, &p);
    cf_thermal *t = &c->thermal;
    memset(t, 0, sizeof *t);
    t->present = 1;
    double A = c->area_m2; /* the cell's electrode area: the layers are per unit of it */
    double L[CF_N_LAYERS] = {r->neg.collector_thickness_um * 1e-6 / r->neg.sides, c->neg.thickness_m,
                             c->sep.thickness_m, c->pos.thickness_m,
                             r->pos.collector_thickness_um * 1e-6 / r->pos.sides};
    const cf_dmat *foil[2] = {r->neg.collector, r->pos.collector};
    double k_sep[CF_N_LAYERS] = {0, CF_NEG_COATING_K_W_M_K, CF_SEPARATOR_K_W_M_K, CF_POS_COATING_K_W_M_K, 0};
    double sL = 0, c_layers = 0;
    for (int l = 0; l < CF_N_LAYERS; l++) {
        int s = l == CF_LAYER_NCC ? 0 : l == CF_LAYER_PCC ? 1 : -1;
        /* a layer of no thickness (a bare foil's coating) holds nothing: the
         * foil's density stands in, weighing zero */
        double fallback = s >= 0 ? foil[s]->density_g_cm3 * 1e3 : 1000.0;
        t->density_kg_m3[l] = L[l] > 0 && p.m[l] > 0 ? p.m[l] * 1e-3 / (A * L[l]) : fallback;
        t->heat_capacity_J_kg_K[l] = p.m[l] > 0 ? p.mc[l] / p.m[l] : CF_CASE_CP_J_KG_K;
        t->conductivity_W_m_K[l] = k_sep[l];
        if (s >= 0) {
            double k = 0, sigma = 0;
            cf_thermal_collector(foil[s]->name, &k, &sigma);
            t->conductivity_W_m_K[l] = k;
            t->cc_thickness_m[s] = L[l];
            t->cc_conductivity_S_m[s] = sigma;
        }
        sL += L[l];
        c_layers += t->density_kg_m3[l] * t->heat_capacity_J_kg_K[l] * L[l] * A;
    }
    t->h_W_m2_K = d->heat_transfer_W_m2_K;
    t->cooling_area_m2 = d->cooling_area_m2;
    /* the volume whose layers hold the design's heat capacity (case and
     * electrolyte outside the pores included) */
    t->volume_m3 = A * sL * d->heat_capacity_J_K / c_layers;
    t->T_ambient_K = r->thermal.ambient_C.have ? r->thermal.ambient_C.v + 273.15 : 0.0;
    t->T_initial_K = r->thermal.initial_C.have ? r->thermal.initial_C.v + 273.15 : 0.0;
    for (int s = 0; s < 2; s++) {
        if (!r->thermal.entropic_V_K[s].have) continue;
        cf_electrode *e = s ? &c->pos : &c->neg;
        for (int i = 0; i < e->n_phases; i++) {
            cf_fn_set_constant(&e->phase[i].entropic, r->thermal.entropic_V_K[s].v);
        }
    }
    if (r->contact_resistance_ohm.have) c->contact_resistance_ohm = r->contact_resistance_ohm.v;
}
