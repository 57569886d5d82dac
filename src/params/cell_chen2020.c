/* cell_chen2020.c — the built-in LG M50 cell (Chen et al., JES 167 (2020)
 * 080534), with exactly the values of PyBaMM's "Chen2020" parameter set so
 * the two codes can be compared on the same case. */
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
    /* Thermal data as PyBaMM's Chen2020 set gives it: layer densities, heat
     * capacities and conductivities, collectors (copper 12 um, aluminium
     * 16 um, handbook metal values), h = 10 W/(m2 K) over the 21700 can's
     * 53.1 cm2 and 24.2 cm3.  Chen et al. (2020) measured none of these;
     * the layers' values are those of PyBaMM's Marquis2019 set (Marquis et
     * al., JES 166 (2019) A3693).  No entropic data (dU/dT = 0). */
    cf_thermal *t = &c->thermal;
    t->present = 1;
    const double rho[CF_N_LAYERS] = {8960.0, 1657.0, 397.0, 3262.0, 2700.0};
    const double cp[CF_N_LAYERS] = {385.0, 700.0, 700.0, 700.0, 897.0};
    const double k[CF_N_LAYERS] = {401.0, 1.7, 0.16, 2.1, 237.0};
    for (int l = 0; l < CF_N_LAYERS; l++) {
        t->density_kg_m3[l] = rho[l];
        t->heat_capacity_J_kg_K[l] = cp[l];
        t->conductivity_W_m_K[l] = k[l];
    }
    t->cc_thickness_m[0] = 12e-6;
    t->cc_thickness_m[1] = 16e-6;
    t->cc_conductivity_S_m[0] = 58411000.0;
    t->cc_conductivity_S_m[1] = 36914000.0;
    t->h_W_m2_K = 10.0;
    t->cooling_area_m2 = 0.00531;
    t->volume_m3 = 2.42e-5;
    t->T_ambient_K = 298.15;
    *out = c;
    return CF_OK;
}
