/* design_json.c — a design as JSON text: what `cellforge design --json`
 * prints and the Python binding reads, from one writer (through
 * cf_json_dumps, the library's JSON output with unsafe controls escaped). */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_design.h"
#include "io/json_out.h"

static double fin(double x) { return isfinite(x) ? x : 0.0; }

const char *cf_design_given_name(int g)
{
    if (g & 1) return "porosity";
    if (g & 2) return "thickness_um";
    if (g & 4) return "density_g_cm3";
    return "none (bare collector)";
}

static json_t *electrode_json(const cf_design_electrode *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "given", json_string(cf_design_given_name(e->given)));
    json_object_set_new(o, "sides", json_integer(e->sides));
    json_object_set_new(o, "coating_g_m2", json_real(fin(e->coating_g_m2)));
    json_object_set_new(o, "thickness_um", json_real(fin(e->thickness_um)));
    json_object_set_new(o, "porosity", json_real(fin(e->porosity)));
    json_object_set_new(o, "apparent_density_g_cm3", json_real(fin(e->coating_density_g_cm3)));
    json_object_set_new(o, "pore_free_density_g_cm3", json_real(fin(e->skeleton_density_g_cm3)));
    json_object_set_new(o, "density_with_collector_g_cm3", json_real(fin(e->electrode_density_g_cm3)));
    json_object_set_new(o, "collector_thickness_um", json_real(fin(e->collector_thickness_um)));
    json_object_set_new(o, "areal_capacity_mAh_cm2", json_real(fin(e->areal_capacity_mAh_cm2)));
    json_object_set_new(o, "area_m2", json_real(fin(e->area_m2)));
    json_object_set_new(o, "capacity_Ah", json_real(fin(e->capacity_Ah)));
    json_object_set_new(o, "average_potential_V", json_real(fin(e->average_potential_V)));
    json_object_set_new(o, "mass_g", json_real(fin(e->mass_g)));
    json_t *a = json_array();
    for (size_t i = 0; i < e->n_components; i++) {
        const cf_design_component *c = &e->comp[i];
        json_t *x = json_object();
        json_object_set_new(x, "material", json_string(c->material));
        json_object_set_new(x, "active", json_boolean(c->is_active));
        json_object_set_new(x, "mass_fraction", json_real(fin(c->mass_fraction)));
        json_object_set_new(x, "volume_fraction", json_real(fin(c->volume_fraction)));
        json_object_set_new(x, "density_kg_m3", json_real(fin(c->density_kg_m3)));
        json_object_set_new(x, "specific_capacity_mAh_g", json_real(fin(c->specific_capacity_mAh_g)));
        json_object_set_new(x, "particle_radius_m", c->particle_radius_m > 0 ? json_real(c->particle_radius_m) : json_null());
        json_object_set_new(x, "mass_g", json_real(fin(c->mass_g)));
        json_object_set_new(x, "capacity_Ah", json_real(fin(c->capacity_Ah)));
        if (c->li_o_source) {
            static const char *const src[] = {"none", "nominal", "given", "reservoir"};
            json_object_set_new(x, "li_o_ratio", json_real(fin(c->li_o_ratio)));
            json_object_set_new(x, "li_o_source", json_string(src[c->li_o_source & 3]));
        }
        if (strcmp(c->material, "sn_ni_alloy") == 0) {
            json_object_set_new(x, "ni_mass_fraction", json_real(fin(c->ni_mass_fraction)));
            json_object_set_new(x, "Z", json_real(fin(c->z_ratio)));
            json_object_set_new(x, "Z_source", json_string(c->z_from_lever_rule ? "lever rule" : "measured"));
            json_object_set_new(x, "w_sn4ni3", json_real(fin(c->w_ni3sn4)));
            json_object_set_new(x, "w_sn", json_real(fin(c->w_sn)));
            json_object_set_new(x, "w_free_ni", json_real(fin(c->w_free_ni)));
        }
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "components", a);
    return o;
}

char *cf_design_json(const cf_design *d)
{
    json_t *root = json_object();
    json_object_set_new(root, "name", json_string(d->name));
    json_object_set_new(root, "negative", electrode_json(&d->negative));
    json_object_set_new(root, "positive", electrode_json(&d->positive));
    json_t *c = json_object();
    json_object_set_new(c, "np_ratio", json_real(fin(d->np_ratio)));
    json_object_set_new(c, "capacity_Ah", json_real(fin(d->capacity_Ah)));
    json_object_set_new(c, "nominal_voltage_V", json_real(fin(d->nominal_voltage_V)));
    json_object_set_new(c, "energy_Wh", json_real(fin(d->energy_Wh)));
    json_object_set_new(c, "mass_g", json_real(fin(d->mass_g)));
    json_object_set_new(c, "volume_cm3", json_real(fin(d->volume_cm3)));
    json_object_set_new(c, "volume_basis", json_string(d->volume_is_outer ? "outer" : "stack"));
    json_object_set_new(c, "stack_volume_cm3", json_real(fin(d->stack_volume_cm3)));
    json_object_set_new(c, "wh_per_kg", json_real(fin(d->wh_per_kg)));
    json_object_set_new(c, "wh_per_L", json_real(fin(d->wh_per_L)));
    json_object_set_new(c, "separator_thickness_um", json_real(fin(d->separator_thickness_um)));
    json_object_set_new(c, "separator_porosity", json_real(fin(d->separator_porosity)));
    json_object_set_new(c, "electrolyte_g", json_real(fin(d->electrolyte_g)));
    json_object_set_new(c, "pore_volume_cm3", json_real(fin(d->pore_volume_cm3)));
    json_object_set_new(c, "reservoir_Ah", json_real(fin(d->reservoir_Ah)));
    json_object_set_new(c, "first_charge_Ah", json_real(fin(d->first_charge_Ah)));
    json_object_set_new(c, "li_plated_Ah", json_real(fin(d->li_plated_Ah)));
    json_object_set_new(c, "li_metal_negative", json_boolean(d->li_metal_negative));
    json_object_set_new(c, "plating_risk_Ah", json_real(fin(d->plating_risk_Ah)));
    json_object_set_new(c, "capacity_from_window", json_boolean(d->capacity_from_window));
    json_object_set_new(c, "voltage_min_V", json_real(fin(d->v_min_V)));
    json_object_set_new(c, "voltage_max_V", json_real(fin(d->v_max_V)));
    json_object_set_new(c, "negative_window_V", json_pack("[ff]", fin(d->neg_window_V[0]), fin(d->neg_window_V[1])));
    json_object_set_new(c, "positive_window_V", json_pack("[ff]", fin(d->pos_window_V[0]), fin(d->pos_window_V[1])));
    if (d->capacity_from_window) {
        json_object_set_new(c, "negative_potential_V", json_pack("[ff]", fin(d->u_neg_V[0]), fin(d->u_neg_V[1])));
        json_object_set_new(c, "positive_potential_V", json_pack("[ff]", fin(d->u_pos_V[0]), fin(d->u_pos_V[1])));
        json_object_set_new(c, "first_charge_cell_Ah", json_real(fin(d->first_charge_cell_Ah)));
        json_object_set_new(c, "first_cycle_loss_Ah", json_real(fin(d->first_cycle_loss_Ah)));
        json_object_set_new(c, "first_cycle_loss_negative_Ah", json_real(fin(d->first_cycle_loss_neg_Ah)));
        json_object_set_new(c, "first_cycle_loss_positive_Ah", json_real(fin(d->first_cycle_loss_pos_Ah)));
    }
    if (d->has_thermal) {
        json_object_set_new(c, "heat_capacity_J_K", json_real(fin(d->heat_capacity_J_K)));
        json_object_set_new(c, "specific_heat_J_kg_K", json_real(fin(d->specific_heat_J_kg_K)));
        json_object_set_new(c, "thermal_mass_g", json_real(fin(d->thermal_mass_g)));
        json_object_set_new(c, "cooling_area_m2", json_real(fin(d->cooling_area_m2)));
        json_object_set_new(c, "heat_transfer_W_m2_K", json_real(fin(d->heat_transfer_W_m2_K)));
    }
    json_object_set_new(root, "cell", c);
    json_t *b = json_array();
    for (size_t i = 0; i < d->n_items; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "item", json_string(d->items[i].name));
        json_object_set_new(x, "mass_g", json_real(fin(d->items[i].mass_g)));
        json_object_set_new(x, "volume_cm3", json_real(fin(d->items[i].volume_cm3)));
        json_array_append_new(b, x);
    }
    json_object_set_new(root, "breakdown", b);
    json_t *n = json_array();
    for (size_t i = 0; i < d->n_notes; i++) json_array_append_new(n, json_string(d->notes[i]));
    json_object_set_new(root, "notes", n);
    char *text = cf_json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    json_decref(root);
    return text;
}
