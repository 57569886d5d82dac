/* cell_prada2013.c — the built-in A123 ANR26650 LFP | graphite cell (2.3 Ah)
 * of Prada, Di Domenico, Creff, Bernard, Sauvant-Moynot, Huet, "A simplified
 * electrochemical and thermal aging model of LiFePO4-graphite Li-ion
 * batteries", J. Electrochem. Soc. 160 (2013) A616, with exactly the values
 * of PyBaMM's "Prada2013" set so the two codes can be compared on the same
 * case; units and assumptions in docs/cells.md.  The paper gives no OCPs:
 * the set (and this cell) takes Chen et al. 2020's graphite and Afshar et
 * al. 2017's LFP fits, and Chen 2020's graphite exchange current.  The set
 * runs at 298 K while its kinetics' Arrhenius factors refer to 298.15 K. */
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

int cf_cell_builtin_prada2013(cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "prada2013", "out of memory");
    strcpy(c->name, "prada2013");
    c->neg = (cf_electrode){.thickness_m = 34e-6, .porosity = 0.36, .conductivity_S_m = 215.0,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 1.5, .n_phases = 1};
    c->neg.phase[0] = (cf_phase){
        .name = "graphite", .active_fraction = 0.58, .particle_radius_m = 5e-6, .c_max = 30555.0,
        .c_init = 24749.55, .diffusivity_m2_s = 3e-15, .diffusivity_Ea_J_mol = 0.0,
        .j0_ref = 6.48e-7, .j0_Ea_J_mol = 35000.0, .alpha = 0.5};
    c->pos = (cf_electrode){.thickness_m = 80e-6, .porosity = 0.426, .conductivity_S_m = 0.33795074,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 1.5, .n_phases = 1};
    c->pos.phase[0] = (cf_phase){
        .name = "lfp", .active_fraction = 0.374, .particle_radius_m = 5e-8, .c_max = 22806.0,
        .c_init = 86.6628, .diffusivity_m2_s = 5.9e-18, .diffusivity_Ea_J_mol = 0.0,
        .j0_ref = 6e-7, .j0_Ea_J_mol = 39570.0, .alpha = 0.5};
    c->sep = (cf_separator){.thickness_m = 25e-6, .porosity = 0.45, .bruggeman_electrolyte = 1.5};
    c->electrolyte.c_init = 1200.0;
    c->electrolyte.t_plus = 0.36;
    c->electrolyte.thermodynamic_factor = 1.0;
    cf_fn_set_constant(&c->electrolyte.diffusivity, 2e-10);
    int rc = cf_fn_set_builtin(&c->neg.phase[0].ocp, "graphite_chen2020", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].ocp, "lfp_ocp_prada2013", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "prada2013_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    c->area_m2 = 0.6 * 0.3;
    c->nominal_capacity_Ah = 2.3;
    c->v_min = 2.0;
    c->v_max = 3.6;
    c->T_ref = 298.15;
    c->T_K = 298.0;
    *out = c;
    return CF_OK;
}
