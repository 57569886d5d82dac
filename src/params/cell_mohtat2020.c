/* cell_mohtat2020.c — the built-in 5 Ah graphite | NMC pouch cell of Mohtat,
 * Lee, Siegel and Stefanopoulou, J. Electrochem. Soc. 167 (2020) 110561, with
 * exactly the values of PyBaMM's "Mohtat2020" set so the two codes can be
 * compared on the same case; units and assumptions in docs/cells.md.
 * The set's initial concentrations are the discharged cell (negative at
 * stoichiometry 0.0017), so the cell is marked assembled-discharged: a
 * discharge (--crate X > 0) starts from SOC 1 computed from them with the
 * cyclable lithium kept, as PyBaMM's initial_soc = 1 does. */
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

int cf_cell_builtin_mohtat2020(cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "mohtat2020", "out of memory");
    strcpy(c->name, "mohtat2020");
    c->neg = (cf_electrode){.thickness_m = 62e-6, .porosity = 0.3, .conductivity_S_m = 100.0,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 1.5, .n_phases = 1};
    c->neg.phase[0] = (cf_phase){
        .name = "graphite", .active_fraction = 0.61, .particle_radius_m = 2.5e-6, .c_max = 28746.0,
        .c_init = 48.8682, .diffusivity_m2_s = 5e-15, .diffusivity_Ea_J_mol = 42770.0,
        .j0_ref = 1.061e-6, .j0_Ea_J_mol = 37480.0, .alpha = 0.5};
    c->pos = (cf_electrode){.thickness_m = 67e-6, .porosity = 0.3, .conductivity_S_m = 100.0,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 1.5, .n_phases = 1};
    c->pos.phase[0] = (cf_phase){
        .name = "nmc", .active_fraction = 0.445, .particle_radius_m = 3.5e-6, .c_max = 35380.0,
        .c_init = 31513.0, .diffusivity_m2_s = 8e-15, .diffusivity_Ea_J_mol = 18550.0,
        .j0_ref = 4.824e-6, .j0_Ea_J_mol = 39570.0, .alpha = 0.5};
    c->sep = (cf_separator){.thickness_m = 12e-6, .porosity = 0.4, .bruggeman_electrolyte = 1.5};
    c->electrolyte.c_init = 1000.0;
    c->electrolyte.t_plus = 0.38;
    c->electrolyte.thermodynamic_factor = 1.0;
    int rc = cf_fn_set_builtin(&c->neg.phase[0].ocp, "graphite_ocp_mohtat2020", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].ocp, "nmc_ocp_mohtat2020", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "mohtat2020_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "mohtat2020_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    c->area_m2 = 1.0 * 0.205;
    c->nominal_capacity_Ah = 5.0;
    c->v_min = 2.8;
    c->v_max = 4.2;
    c->T_ref = 298.15;
    c->T_K = 298.15;
    c->assembled_discharged = 1;
    *out = c;
    return CF_OK;
}
