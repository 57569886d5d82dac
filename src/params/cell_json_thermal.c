/* cell_json_thermal.c — a cell file's "thermal" section (docs/thermal.md):
 *   "thermal": {
 *     "negative_collector": {"thickness_m", "density_kg_m3", "heat_capacity_J_kg_K",
 *                            "conductivity_W_m_K", "electronic_conductivity_S_m"},
 *     "negative" | "separator" | "positive": {"density_kg_m3", "heat_capacity_J_kg_K",
 *                                             "conductivity_W_m_K"},
 *     "positive_collector": as the negative's,
 *     "heat_transfer_W_m2_K", "cooling_area_m2", "cell_volume_m3",
 *     "ambient_K", "initial_K" (optional: the cell's temperature_K)
 *   }
 * Over a base with thermal data each key is optional; otherwise all but
 * ambient_K are required.  Ranges are checked with the cell (cell_thermal.c). */
#include <stdio.h>
#include <string.h>

#include "cell_json_internal.h"

static const char *const LAYER_NAMES[CF_N_LAYERS] = {"negative_collector", "negative", "separator", "positive",
                                                     "positive_collector"};
static const char *const LAYER_KEYS[] = {"density_kg_m3", "heat_capacity_J_kg_K", "conductivity_W_m_K", "comment", NULL};
static const char *const CC_KEYS[] = {"thickness_m", "density_kg_m3", "heat_capacity_J_kg_K", "conductivity_W_m_K",
                                      "electronic_conductivity_S_m", "comment", NULL};
static const char *const THERMAL_KEYS[] = {"negative_collector", "negative", "separator", "positive",
                                           "positive_collector", "heat_transfer_W_m2_K", "cooling_area_m2",
                                           "cell_volume_m3", "ambient_K", "initial_K", "comment", NULL};

/* obj[key] into *dst: required unless `optional`. */
static int num(const json_t *obj, const char *path, const char *key, double *dst, int optional, cf_error *err)
{
    char where[128];
    cf_cell_json_join(where, sizeof where, path, key);
    const json_t *v = json_object_get(obj, key);
    if (!v) {
        if (optional) return CF_OK;
        return cf_error_set(err, CF_EINVAL, where, "%s is required in a thermal section (docs/thermal.md)", where);
    }
    return cf_cell_json_number(v, where, dst, err);
}

int cf_cell_json_read_thermal(const json_t *root, cf_thermal *t, cf_error *err)
{
    const json_t *o = json_object_get(root, "thermal");
    if (!o) return CF_OK;
    if (!json_is_object(o)) return cf_error_set(err, CF_EINVAL, "thermal", "thermal must be an object");
    if (cf_cell_json_check_keys(o, "thermal", THERMAL_KEYS, err)) return CF_EINVAL;
    int opt = t->present; /* over a base's data every key is optional */
    for (int l = 0; l < CF_N_LAYERS; l++) {
        char path[64];
        snprintf(path, sizeof path, "thermal.%s", LAYER_NAMES[l]);
        const json_t *lo = json_object_get(o, LAYER_NAMES[l]);
        if (!lo) {
            if (opt) continue;
            return cf_error_set(err, CF_EINVAL, path, "%s is required in a thermal section (docs/thermal.md)", path);
        }
        if (!json_is_object(lo)) return cf_error_set(err, CF_EINVAL, path, "%s must be an object", path);
        int cc = l == CF_LAYER_NCC || l == CF_LAYER_PCC;
        if (cf_cell_json_check_keys(lo, path, cc ? CC_KEYS : LAYER_KEYS, err)) return CF_EINVAL;
        if (num(lo, path, "density_kg_m3", &t->density_kg_m3[l], opt, err) ||
            num(lo, path, "heat_capacity_J_kg_K", &t->heat_capacity_J_kg_K[l], opt, err) ||
            num(lo, path, "conductivity_W_m_K", &t->conductivity_W_m_K[l], opt, err))
            return CF_EINVAL;
        if (cc) {
            int s = l == CF_LAYER_NCC ? 0 : 1;
            if (num(lo, path, "thickness_m", &t->cc_thickness_m[s], opt, err) ||
                num(lo, path, "electronic_conductivity_S_m", &t->cc_conductivity_S_m[s], opt, err))
                return CF_EINVAL;
        }
    }
    if (num(o, "thermal", "heat_transfer_W_m2_K", &t->h_W_m2_K, opt, err) ||
        num(o, "thermal", "cooling_area_m2", &t->cooling_area_m2, opt, err) ||
        num(o, "thermal", "cell_volume_m3", &t->volume_m3, opt, err) ||
        num(o, "thermal", "ambient_K", &t->T_ambient_K, 1, err) || num(o, "thermal", "initial_K", &t->T_initial_K, 1, err))
        return CF_EINVAL;
    t->present = 1;
    return CF_OK;
}
