/* design_params.c — the design mapped to what the simulator needs (SI units).
 * Per electrode: coating thickness, porosity, volume fraction of every
 * component (actives included), active list with capacity, density and
 * particle radius, area and nominal capacity.  The model maps these onto its
 * own cell struct. */
#include "design/design_internal.h"
#include "design/recipe_internal.h"

#include <string.h>

static void map_electrode(const cf_design_electrode *e, cf_design_electrode_params *p)
{
    memset(p, 0, sizeof *p);
    p->thickness_m = e->thickness_um * 1e-6;
    p->porosity = e->porosity;
    p->area_m2 = e->area_m2;
    p->nominal_capacity_Ah = e->capacity_Ah;
    p->collector_thickness_m = e->collector_thickness_um * 1e-6;
    p->n_components = e->n_components;
    for (size_t i = 0; i < e->n_components; i++) {
        p->comp[i] = e->comp[i];
        if (e->comp[i].is_active) p->active_volume_fraction += e->comp[i].volume_fraction;
    }
}

int cf_design_cell_params(const cf_recipe *r, cf_design_params *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    cf_design d;
    int st = cf_design_compute(r, &d, err);
    if (st) return st;
    cf_design_params_fill(r, &d, out);
    return CF_OK;
}

void cf_design_params_fill(const cf_recipe *r, const cf_design *dd, cf_design_params *out)
{
    memset(out, 0, sizeof *out);
    map_electrode(&dd->negative, &out->negative);
    map_electrode(&dd->positive, &out->positive);
    out->negative.thickness_swelling = r->neg.thickness_swelling.have ? r->neg.thickness_swelling.v : 0.0;
    out->positive.thickness_swelling = r->pos.thickness_swelling.have ? r->pos.thickness_swelling.v : 0.0;
    out->separator_thickness_m = r->sep.thickness_um * 1e-6;
    out->separator_porosity = r->sep.porosity;
    out->electrolyte_concentration_mol_m3 = r->electrolyte.concentration_mol_L * 1000.0;
    out->electrolyte_porous_polymer = r->electrolyte.porous_polymer;
    out->reservoir_li_mol = r->reservoir.present ? r->reservoir.mass_mg * 1e-3 / CF_M_LI : 0.0;
    out->reservoir_on_positive = r->reservoir.present && r->reservoir.on_positive;
    out->reservoir_area_m2 = r->reservoir.area_cm2.have ? r->reservoir.area_cm2.v * 1e-4 : 0.0;
    out->reservoir_path_m = r->reservoir.path_length_mm.have ? r->reservoir.path_length_mm.v * 1e-3 : 0.0;
    out->reservoir_j0_A_m2 = r->reservoir.exchange_current_A_m2.have ? r->reservoir.exchange_current_A_m2.v : 0.0;
    out->plating_j0_A_m2 = r->neg.plating_exchange_current_A_m2.have ? r->neg.plating_exchange_current_A_m2.v : 0.0;
    out->li_plated_Ah = dd->li_plated_Ah;
    out->positive_collector_aluminium = r->pos.collector && strstr(r->pos.collector->name, "alumin") != NULL;
    out->plating_efficiency = r->neg.plating_efficiency.have ? r->neg.plating_efficiency.v : 0.0;
    out->nominal_capacity_Ah = dd->capacity_Ah;
    out->nominal_voltage_V = dd->nominal_voltage_V;
    out->first_charge_after_electrolyte_s = r->process.first_charge_after_electrolyte_h.have
                                                ? r->process.first_charge_after_electrolyte_h.v * 3600.0
                                                : -1.0;
}
