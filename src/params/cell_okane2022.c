/* cell_okane2022.c — the LG M50 with O'Kane et al.'s degradation
 * parameters (O'Kane et al., "Lithium-ion battery degradation: how to model
 * it", PCCP 24 (2022) 7909; PyBaMM's "OKane2022" set): the chen2020 cell with
 * the set's changes to it — solid conductivities with Bruggeman exponent 1.5,
 * Arrhenius solid diffusivities (30.3 kJ/mol graphite, after Ecker et al.
 * 2015; 25 kJ/mol NMC811, after Cabanero et al. 2018) — and its ageing on by
 * default: solvent-diffusion-limited SEI (z = 1, as the paper), partially
 * reversible lithium plating, stress-driven loss of active material on both
 * electrodes with the set's mechanics, and cracking of the negative's
 * particles with SEI on the cracks (the paper's coupled model: "swelling and
 * cracking" on the negative, "swelling only" on the positive; docs/ageing.md).
 * Not taken from the set: the electrolyte's 17 kJ/mol Arrhenius factors (the
 * values are the same at 25 degC, the set's reference) and the porosity
 * change of SEI and plating, which cellforge does not model yet. */
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

int cf_cell_builtin_okane2022(cf_cell **out, cf_error *err)
{
    int rc = cf_cell_builtin_chen2020(out, err);
    if (rc) return rc;
    cf_cell *c = *out;
    strcpy(c->name, "okane2022");
    c->neg.bruggeman_electrode = 1.5;
    c->pos.bruggeman_electrode = 1.5;
    c->neg.phase[0].diffusivity_Ea_J_mol = 3.03e4;
    c->pos.phase[0].diffusivity_Ea_J_mol = 2.5e4;
    cf_electrode_set_sei(&c->neg, CF_SEI_SOLVENT_DIFFUSION_LIMITED);
    cf_electrode_set_li_plating(&c->neg, CF_PLATING_PARTIALLY_REVERSIBLE);
    cf_electrode_set_lam(&c->neg, 0, CF_LAM_STRESS);
    cf_electrode_set_lam(&c->pos, 1, CF_LAM_STRESS);
    cf_electrode_set_cracking(&c->neg, 0, CF_CRACK_SEI);
    return CF_OK;
}
