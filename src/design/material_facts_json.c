/* material_facts_json.c — the material facts as JSON text: what `cellforge
 * materials --json` prints and Python's cellforge.materials() reads, from one
 * writer (through cf_json_dumps, the library's JSON output). */
#include <jansson.h>
#include <stdlib.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_design.h"
#include "io/json_out.h"

char *cf_material_facts_json(void)
{
    json_t *arr = json_array();
    if (!arr) return NULL;
    for (int i = 0; i < cf_material_facts_count(); i++) {
        cf_material_facts f;
        cf_material_facts_get(i, &f);
        /* c_max again from density and capacity: the check the table shows */
        double check = f.density_kg_m3 * 1000.0 * f.theoretical_mAh_g * 3.6 / CF_FARADAY;
        json_t *o = json_object();
        json_object_set_new(o, "material", json_string(f.name));
        json_object_set_new(o, "formula", json_string(f.formula));
        json_object_set_new(o, "density_kg_m3", json_real(f.density_kg_m3));
        json_object_set_new(o, "molar_mass_g_mol", json_real(f.molar_mass_g_mol));
        json_object_set_new(o, "theoretical_mAh_g", json_real(f.theoretical_mAh_g));
        json_object_set_new(o, "c_max_mol_m3", json_real(f.c_max_mol_m3));
        json_object_set_new(o, "c_max_from_density_and_capacity", json_real(check));
        json_object_set_new(o, "window_V", json_pack("[ff]", f.window_V[0], f.window_V[1]));
        json_object_set_new(o, "sto_window", json_pack("[ff]", f.sto_window[0], f.sto_window[1]));
        json_object_set_new(o, "sto_as_made", json_real(f.sto_as_made));
        json_object_set_new(o, "practical_mAh_g", json_real(f.practical_mAh_g));
        json_object_set_new(o, "first_cycle_efficiency", json_real(f.first_cycle_efficiency));
        json_object_set_new(o, "first_cycle_loss_applied", json_boolean(f.first_cycle_loss_applied));
        json_object_set_new(o, "ocp", json_string(f.ocp));
        json_object_set_new(o, "source", json_string(f.source));
        json_array_append_new(arr, o);
    }
    char *s = cf_json_dumps(arr, JSON_INDENT(2) | JSON_REAL_PRECISION(8));
    json_decref(arr);
    return s;
}
