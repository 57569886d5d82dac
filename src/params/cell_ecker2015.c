/* cell_ecker2015.c — the built-in Kokam SLPB 75106100 pouch cell (graphite |
 * LiNi0.4Co0.6O2, LiPF6 in EC:DMC) of Ecker et al., J. Electrochem. Soc. 162
 * (2015) A1836 (Part I, parameters) and A1849 (Part II, validation), with
 * exactly the values of PyBaMM's "Ecker2015" set (one electrode pair of the
 * 7.5 Ah cell, 0.15625 Ah) so the two codes can be compared on the same
 * case; units and assumptions in docs/cells.md.  The set's reference
 * temperature is 296.15 K (its kinetics' Arrhenius factors refer to it); the
 * cell runs at 298.15 K.  The solid diffusivities and the electrolyte carry
 * their own temperature dependence (their functions), so their activation
 * energies here are 0. */
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

int cf_cell_builtin_ecker2015(cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "ecker2015", "out of memory");
    strcpy(c->name, "ecker2015");
    c->neg = (cf_electrode){.thickness_m = 74e-6, .porosity = 0.329, .conductivity_S_m = 14.0,
                            .bruggeman_electrolyte = 1.6372789338386007, .bruggeman_electrode = 0.0, .n_phases = 1};
    /* reaction rate k = 1.11e-10 m/s (graphite), 3.01e-11 m/s (NCO): j0_ref = F k */
    c->neg.phase[0] = (cf_phase){
        .name = "graphite", .active_fraction = 0.372403, .particle_radius_m = 13.7e-6, .c_max = 31920.0,
        .c_init = 26120.05, .diffusivity_m2_s = 2.0e-14, .diffusivity_Ea_J_mol = 0.0,
        .j0_ref = CF_FARADAY * 1.11e-10, .j0_Ea_J_mol = 53400.0, .alpha = 0.5};
    c->pos = (cf_electrode){.thickness_m = 54e-6, .porosity = 0.296, .conductivity_S_m = 68.1,
                            .bruggeman_electrolyte = 1.5442267190786427, .bruggeman_electrode = 0.0, .n_phases = 1};
    c->pos.phase[0] = (cf_phase){
        .name = "nco", .active_fraction = 0.40832, .particle_radius_m = 6.5e-6, .c_max = 48580.0,
        .c_init = 12630.8, .diffusivity_m2_s = 3.0e-14, .diffusivity_Ea_J_mol = 0.0,
        .j0_ref = CF_FARADAY * 3.01e-11, .j0_Ea_J_mol = 43600.0, .alpha = 0.5};
    c->sep = (cf_separator){.thickness_m = 20e-6, .porosity = 0.508, .bruggeman_electrolyte = 1.9804586773134945};
    c->electrolyte.c_init = 1000.0;
    c->electrolyte.t_plus = 0.26;
    c->electrolyte.thermodynamic_factor = 1.0;
    int rc = cf_fn_set_builtin(&c->neg.phase[0].ocp, "graphite_ocp_ecker2015", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].ocp, "nco_ocp_ecker2015", err);
    if (!rc) rc = cf_fn_set_builtin(&c->neg.phase[0].diffusivity_fn, "graphite_diffusivity_ecker2015", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].diffusivity_fn, "nco_diffusivity_ecker2015", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "ecker2015_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "ecker2015_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    c->area_m2 = 0.101 * 0.085;
    c->nominal_capacity_Ah = 0.15625;
    c->v_min = 2.5;
    c->v_max = 4.2;
    c->T_ref = 296.15;
    c->T_K = 298.15;
    *out = c;
    return CF_OK;
}
