/* cell_thermal.c — checks a cell's thermal data (docs/thermal.md): every
 * value named by its key, with its allowed range (src/core/ranges.c). */
#include <stdio.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_ranges.h"
#include "params_internal.h"

static int layer_check(const cf_thermal *t, int l, cf_error *err)
{
    static const char *names[CF_N_LAYERS] = {"negative_collector", "negative", "separator", "positive",
                                             "positive_collector"};
    char where[96];
    snprintf(where, sizeof where, "thermal.%s.density_kg_m3", names[l]);
    if (cf_check_quantity(CF_QTY_DENSITY, t->density_kg_m3[l], where, err)) return CF_EINVAL;
    snprintf(where, sizeof where, "thermal.%s.heat_capacity_J_kg_K", names[l]);
    if (cf_check_quantity(CF_QTY_HEAT_CAPACITY, t->heat_capacity_J_kg_K[l], where, err)) return CF_EINVAL;
    snprintf(where, sizeof where, "thermal.%s.conductivity_W_m_K", names[l]);
    if (cf_check_quantity(CF_QTY_THERMAL_CONDUCTIVITY, t->conductivity_W_m_K[l], where, err)) return CF_EINVAL;
    return CF_OK;
}

int cf_thermal_validate(const cf_cell *c, cf_error *err)
{
    const cf_thermal *t = &c->thermal;
    if (!t->present) return CF_OK;
    for (int l = 0; l < CF_N_LAYERS; l++)
        if (layer_check(t, l, err)) return CF_EINVAL;
    static const char *cc[2] = {"negative_collector", "positive_collector"};
    for (int s = 0; s < 2; s++) {
        char where[96];
        snprintf(where, sizeof where, "thermal.%s.thickness_m", cc[s]);
        if (!(t->cc_thickness_m[s] >= 0 && t->cc_thickness_m[s] <= 1e-2))
            return cf_error_set(err, CF_EINVAL, where, "%g m is outside the allowed range [0, 0.01] m",
                                t->cc_thickness_m[s]);
        snprintf(where, sizeof where, "thermal.%s.electronic_conductivity_S_m", cc[s]);
        if (!(t->cc_conductivity_S_m[s] > 0 && t->cc_conductivity_S_m[s] <= 1e9))
            return cf_error_set(err, CF_EINVAL, where, "%g S/m is outside the allowed range (0, 1e9] S/m",
                                t->cc_conductivity_S_m[s]);
    }
    if (cf_check_quantity(CF_QTY_HEAT_TRANSFER, t->h_W_m2_K, "thermal.heat_transfer_W_m2_K", err)) return CF_EINVAL;
    if (!(t->cooling_area_m2 >= 0 && t->cooling_area_m2 <= 1e4))
        return cf_error_set(err, CF_EINVAL, "thermal.cooling_area_m2", "%g m2 is outside the allowed range [0, 1e4] m2",
                            t->cooling_area_m2);
    if (!(t->volume_m3 > 0 && t->volume_m3 <= 10))
        return cf_error_set(err, CF_EINVAL, "thermal.cell_volume_m3", "%g m3 is outside the allowed range (0, 10] m3",
                            t->volume_m3);
    if (t->T_ambient_K != 0 && cf_check_quantity(CF_QTY_TEMPERATURE_K, t->T_ambient_K, "thermal.ambient_K", err))
        return CF_EINVAL;
    if (t->T_initial_K != 0 && cf_check_quantity(CF_QTY_TEMPERATURE_K, t->T_initial_K, "thermal.initial_K", err))
        return CF_EINVAL;
    return CF_OK;
}

