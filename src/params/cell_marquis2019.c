/* cell_marquis2019.c — the built-in Kokam SLPB78205130H pouch cell (graphite
 * MCMB 2528 | LiCoO2, LiPF6 in EC:DMC) of Marquis, Sulzer, Timms, Please and
 * Chapman, JES 166 (2019) A3693, with exactly the values of PyBaMM's
 * "Marquis2019" parameter set (Dualfoil's material fits) so the two codes can
 * be compared on the same case; units and assumptions in docs/cells.md.
 * One assumption: the set's separator porosity 1.0 (no separator solid) is
 * 0.999 here, as a porosity must lie in (0, 1). */
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

int cf_cell_builtin_marquis2019(cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "marquis2019", "out of memory");
    strcpy(c->name, "marquis2019");
    c->neg = (cf_electrode){.thickness_m = 100e-6, .porosity = 0.3, .conductivity_S_m = 100.0,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 1.5, .n_phases = 1};
    c->neg.phase[0] = (cf_phase){
        .name = "graphite", .active_fraction = 0.6, .particle_radius_m = 10e-6, .c_max = 24983.2619938437,
        .c_init = 19986.609595075, .diffusivity_m2_s = 3.9e-14, .diffusivity_Ea_J_mol = 42770.0,
        .j0_ref = 2e-5, .j0_Ea_J_mol = 37480.0, .alpha = 0.5};
    c->pos = (cf_electrode){.thickness_m = 100e-6, .porosity = 0.3, .conductivity_S_m = 10.0,
                            .bruggeman_electrolyte = 1.5, .bruggeman_electrode = 1.5, .n_phases = 1};
    c->pos.phase[0] = (cf_phase){
        .name = "lco", .active_fraction = 0.5, .particle_radius_m = 10e-6, .c_max = 51217.9257309275,
        .c_init = 30730.7554385565, .diffusivity_m2_s = 1e-13, .diffusivity_Ea_J_mol = 18550.0,
        .j0_ref = 6e-7, .j0_Ea_J_mol = 39570.0, .alpha = 0.5};
    c->sep = (cf_separator){.thickness_m = 25e-6, .porosity = 0.999, .bruggeman_electrolyte = 1.5};
    c->electrolyte.c_init = 1000.0;
    c->electrolyte.t_plus = 0.4;
    c->electrolyte.thermodynamic_factor = 1.0;
    int rc = cf_fn_set_builtin(&c->neg.phase[0].ocp, "graphite_mcmb2528_dualfoil", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].ocp, "lco_ocp_dualfoil1998", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "capiglia1999_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "capiglia1999_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    c->area_m2 = 0.137 * 0.207;
    c->nominal_capacity_Ah = 0.680616;
    c->v_min = 3.105;
    c->v_max = 4.1;
    c->T_ref = 298.15;
    c->T_K = 298.15;
    *out = c;
    return CF_OK;
}
