/* cell_chen2020.c — the built-in LG M50 cell (Chen et al., JES 167 (2020)
 * 080534), with exactly the values of PyBaMM's "Chen2020" parameter set so
 * the two codes can be compared on the same case (REFERENCE.md §5). */
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

int cf_cell_builtin_chen2020(cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "chen2020", "out of memory");
    strcpy(c->name, "chen2020");
    c->neg = (cf_electrode){.thickness_m = 85.2e-6, .porosity = 0.25, .conductivity_S_m = 215.0,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 0.0, .n_phases = 1};
    c->neg.phase[0] = (cf_phase){
        .name = "graphite", .active_fraction = 0.75, .particle_radius_m = 5.86e-6, .c_max = 33133.0,
        .c_init = 29866.0, .diffusivity_m2_s = 3.3e-14, .diffusivity_Ea_J_mol = 0.0,
        .j0_ref = 6.48e-7, .j0_Ea_J_mol = 35000.0, .alpha = 0.5};
    c->pos = (cf_electrode){.thickness_m = 75.6e-6, .porosity = 0.335, .conductivity_S_m = 0.18,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 0.0, .n_phases = 1};
    c->pos.phase[0] = (cf_phase){
        .name = "nmc811", .active_fraction = 0.665, .particle_radius_m = 5.22e-6, .c_max = 63104.0,
        .c_init = 17038.0, .diffusivity_m2_s = 4e-15, .diffusivity_Ea_J_mol = 0.0,
        .j0_ref = 3.42e-6, .j0_Ea_J_mol = 17800.0, .alpha = 0.5};
    c->sep = (cf_separator){.thickness_m = 12e-6, .porosity = 0.47, .bruggeman_electrolyte = 1.5};
    c->electrolyte.c_init = 1000.0;
    c->electrolyte.t_plus = 0.2594;
    c->electrolyte.thermodynamic_factor = 1.0;
    int rc = cf_fn_set_builtin(&c->neg.phase[0].ocp, "graphite_chen2020", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].ocp, "nmc811_chen2020", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "nyman2008_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "nyman2008_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    c->area_m2 = 0.065 * 1.58;
    c->nominal_capacity_Ah = 5.0;
    c->v_min = 2.5;
    c->v_max = 4.2;
    c->T_ref = 298.15;
    c->T_K = 298.15;
    *out = c;
    return CF_OK;
}
