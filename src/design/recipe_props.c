/* recipe_props.c — the optional measured properties a component may carry:
 * JSON key, unit, allowed range and which materials accept it.  One table so
 * the parser, the claims and the design-around search agree on names. */
#include "design/recipe_internal.h"

#include <string.h>

static const cf_rprop_info PROPS[CF_P_COUNT] = {
    [CF_P_NI_MASS_FRACTION] = {"ni_mass_fraction", "", 0, 1, CF_PK_SNNI, "Ni mass fraction of the alloy (0.10 = 10 %)"},
    [CF_P_SN_MASS_FRACTION] = {"sn_mass_fraction", "", 0, 1, CF_PK_SNNI, "Sn mass fraction of the alloy"},
    [CF_P_Z] = {"Z", "", 0, 1e6, CF_PK_SNNI, "measured phase ratio m(Sn4Ni3)/m(Sn)"},
    [CF_P_D002_NM] = {"d002_nm", "nm", 0.3, 0.6, CF_PK_CARBON, "(002) interlayer spacing by XRD"},
    [CF_P_LC_NM] = {"lc_nm", "nm", 0.1, 100, CF_PK_CARBON, "crystallite size Lc(002) by XRD"},
    [CF_P_H_C_ATOMIC] = {"h_c_atomic", "", 0, 2, CF_PK_CARBON, "H/C atomic ratio by elemental analysis"},
    [CF_P_DV50_UM] = {"dv50_um", "um", 0.01, 1000, CF_PK_ANY, "volume-median particle size Dv50"},
    [CF_P_SPHERICITY] = {"sphericity", "", 0, 1, CF_PK_ANY, "particle sphericity"},
    [CF_P_BULK_DENSITY] = {"bulk_density_g_cm3", "g/cm3", 0.01, 10, CF_PK_ANY, "bulk specific gravity"},
    [CF_P_D4_D1] = {"d4_d1", "", 1, 100, CF_PK_ANY, "D4/D1 = D[4,3]/D[1,0]"},
    [CF_P_BET_M2_G] = {"bet_m2_g", "m2/g", 0.01, 3000, CF_PK_ANY, "BET specific surface area S"},
    [CF_P_EXOTHERM_C] = {"exotherm_peak_C", "C", 0, 1500, CF_PK_CARBON, "exothermic peak temperature (DTA)"},
    [CF_P_SI_COATING_WT_PCT] = {"si_coating_wt_pct", "wt%", 0, 100, CF_PK_CARBON, "silicon-compound surface coating"},
    [CF_P_N_WT_PCT] = {"n_wt_pct", "wt%", 0, 100, CF_PK_CARBON, "nitrogen content"},
    [CF_P_OXIDATION_C] = {"oxidation_C", "C", 0, 1500, CF_PK_CARBON, "precursor oxidation temperature"},
    [CF_P_LI_O_RATIO] = {"li_o_ratio", "", 0, 2, CF_PK_POSITIVE, "Li/O atomic ratio of the positive active"},
    [CF_P_SPECIFIC_CAPACITY] = {"specific_capacity_mAh_g", "mAh/g", 0, 5000, CF_PK_ANY, "capacity at sto 1 of the material (overrides the facts; c_max follows it)"},
    [CF_P_DENSITY] = {"density_g_cm3", "g/cm3", 0.1, 25, CF_PK_ANY, "true density (overrides the facts; c_max follows it)"},
    [CF_P_PARTICLE_RADIUS_UM] = {"particle_radius_um", "um", 0.001, 1000, CF_PK_ANY, "particle radius for the model"},
    [CF_P_AVERAGE_POTENTIAL] = {"average_potential_V", "V", 0, 6, CF_PK_ANY, "average potential vs Li/Li+ (overrides the table)"},
};

const cf_rprop_info *cf_rprop_info_at(int id)
{
    return id >= 0 && id < CF_P_COUNT ? &PROPS[id] : NULL;
}

int cf_rprop_find(const char *key)
{
    for (int i = 0; i < CF_P_COUNT; i++)
        if (strcmp(PROPS[i].key, key) == 0) return i;
    return -1;
}
