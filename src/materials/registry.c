/* registry.c — the built-in material functions by name.
 * Adding a material function is one file plus one line here. */
#include <string.h>
#include "material_fns.h"

static const cf_material_fn_entry REGISTRY[] = {
    {"graphite_chen2020", CF_FN_ROLE_OCP, cf_ocp_graphite_chen2020,
     "Chen et al., JES 167 (2020) 080534 (LG M50 graphite)"},
    {"nmc811_chen2020", CF_FN_ROLE_OCP, cf_ocp_nmc811_chen2020,
     "Chen et al., JES 167 (2020) 080534 (LG M50 NMC811)"},
    {"nyman2008_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_nyman2008,
     "Nyman et al., Electrochim. Acta 53 (2008) 6356"},
    {"nyman2008_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_nyman2008,
     "Nyman et al., Electrochim. Acta 53 (2008) 6356"},
};

int cf_material_fn_count(void) { return (int)(sizeof REGISTRY / sizeof REGISTRY[0]); }

const cf_material_fn_entry *cf_material_fn_get(int index)
{
    if (index < 0 || index >= cf_material_fn_count()) return NULL;
    return &REGISTRY[index];
}

int cf_material_fn_find(const char *name)
{
    for (int i = 0; i < cf_material_fn_count(); i++)
        if (strcmp(REGISTRY[i].name, name) == 0) return i;
    return -1;
}
