/* cell_nca_kim2011.c — the built-in 0.43 Ah graphite | NCA pouch cell of
 * Kim, Smith, Lee, Santhanagopalan, Pesaran, "Multi-domain modeling of
 * lithium-ion batteries encompassing multi-physics in varied length scales",
 * J. Electrochem. Soc. 158 (2011) A955, with exactly the values of PyBaMM's
 * "NCA_Kim2011" set so the two codes can be compared on the same case; units
 * and assumptions in docs/cells.md.  The set gives each exchange current as
 * its value at 100 % SOC (36 A/m2 graphite at sto 0.36, 4 A/m2 NCA at sto
 * 0.41, both at the initial 1200 mol/m3 electrolyte); j0_ref is that value
 * over c_e^0.5 c_s^0.5 (c_max - c_s)^0.5 there. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

static double j0_ref(double i0, double sto, double c_max, double c_e)
{
    return i0 / (sqrt(c_e) * sqrt(c_max - sto * c_max) * sqrt(sto * c_max));
}

int cf_cell_builtin_nca_kim2011(cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "nca_kim2011", "out of memory");
    strcpy(c->name, "nca_kim2011");
    c->neg = (cf_electrode){.thickness_m = 70e-6, .porosity = 0.4, .conductivity_S_m = 100.0,
                            .bruggeman_electrolyte = 2.0, .bruggeman_electrode = 2.0, .n_phases = 1};
    c->neg.phase[0] = (cf_phase){
        .name = "graphite", .active_fraction = 0.51, .particle_radius_m = 5.083e-7, .c_max = 28700.0,
        .c_init = 18081.0, .diffusivity_m2_s = 9e-14, .diffusivity_Ea_J_mol = 4000.0,
        .j0_ref = j0_ref(36.0, 0.36, 28700.0, 1200.0), .j0_Ea_J_mol = 30000.0, .alpha = 0.5};
    c->pos = (cf_electrode){.thickness_m = 50e-6, .porosity = 0.4, .conductivity_S_m = 10.0,
                            .bruggeman_electrolyte = 2.0, .bruggeman_electrode = 2.0, .n_phases = 1};
    c->pos.phase[0] = (cf_phase){
        .name = "nca", .active_fraction = 0.41, .particle_radius_m = 1.633e-6, .c_max = 49000.0,
        .c_init = 20090.0, .diffusivity_m2_s = 3e-15, .diffusivity_Ea_J_mol = 20000.0,
        .j0_ref = j0_ref(4.0, 0.41, 49000.0, 1200.0), .j0_Ea_J_mol = 30000.0, .alpha = 0.5};
    c->sep = (cf_separator){.thickness_m = 25e-6, .porosity = 0.4, .bruggeman_electrolyte = 2.0};
    c->electrolyte.c_init = 1200.0;
    c->electrolyte.t_plus = 0.4;
    c->electrolyte.thermodynamic_factor = 1.0;
    int rc = cf_fn_set_builtin(&c->neg.phase[0].ocp, "graphite_ocp_kim2011", err);
    if (!rc) rc = cf_fn_set_builtin(&c->pos.phase[0].ocp, "nca_ocp_kim2011", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "kim2011_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "kim2011_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    c->area_m2 = 0.2 * 0.14;
    c->nominal_capacity_Ah = 0.43;
    c->v_min = 2.7;
    c->v_max = 4.2;
    c->T_ref = 298.15;
    c->T_K = 298.15;
    *out = c;
    return CF_OK;
}
