/* lam_params.c — loss-of-active-material parameters of an electrode:
 * defaults, names, ranges and a cell file's "loss_of_active_material".
 *
 * Defaults: O'Kane et al., "Lithium-ion battery degradation: how to model
 * it", PCCP 24 (2022) 7909 (PyBaMM's "OKane2022" set), on the LG M50:
 * beta = 2.7778e-7 1/s and m = 2 on both electrodes; critical stress 60 MPa
 * (graphite) and 375 MPa (NMC811); the particles' mechanics after Ai et al.,
 * JES 167 (2020) 013512: partial molar volume 3.1e-6 / 1.25e-5 m3/mol,
 * Young's modulus 15 / 375 GPa, Poisson's ratio 0.3 / 0.2.  The set's
 * reaction-driven factor is 0 (no reaction-driven loss); 1e-5 m3/mol
 * [ASSUME] is the default when the mechanism is asked for, a loss of ~1e-5
 * active volume fraction per mol/m3 of SEI lithium.
 *
 * Volume-driven loss (alloy negatives): beta_v = 2e-3 [ASSUME: no published
 * fit; a tin electrode cycled over its whole lithiation, +258 % and back,
 * travels 5.15 of volumetric strain per cycle and so loses 1 % of its active
 * material per cycle].  No LAM mechanism of O'Kane 2022 depends on
 * temperature: E = 0 unless given. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params/param_table.h"

void cf_lam_defaults(cf_lam_params *l, int side)
{
    *l = (cf_lam_params){.model = 0,
                         .stress_rate_s = 2.7778e-7,
                         .stress_exponent = 2.0,
                         .critical_stress_Pa = side == 0 ? 60e6 : 375e6,
                         .reaction_factor_m3_mol = 1e-5,
                         .partial_molar_volume_m3_mol = side == 0 ? 3.1e-6 : 1.25e-5,
                         .young_modulus_Pa = side == 0 ? 15e9 : 375e9,
                         .poisson_ratio = side == 0 ? 0.3 : 0.2,
                         .stress_induced_diffusion = 1.0,
                         .volume_rate = 2e-3,
                         .activation_energy_J_mol = 0.0};
}

void cf_electrode_set_lam(cf_electrode *e, int side, int model)
{
    if (!(e->lam.critical_stress_Pa > 0) && !(e->lam.young_modulus_Pa > 0)) cf_lam_defaults(&e->lam, side); /* never set */
    e->lam.model = model;
}

/* Each model name and its CF_LAM_* bits. */
static const struct {
    const char *name;
    int bits;
} NAMES[] = {{"none", 0},
             {"stress-driven", CF_LAM_STRESS},
             {"reaction-driven", CF_LAM_REACTION},
             {"stress-and-reaction-driven", CF_LAM_STRESS | CF_LAM_REACTION},
             {"volume-driven", CF_LAM_VOLUME},
             {"volume-and-reaction-driven", CF_LAM_VOLUME | CF_LAM_REACTION}};
#define NNAMES (sizeof NAMES / sizeof NAMES[0])

const char *cf_lam_model_name(int m)
{
    for (size_t i = 0; i < NNAMES; i++)
        if (NAMES[i].bits == m) return NAMES[i].name;
    return "unknown";
}

int cf_lam_model_parse(const char *name, const char *key, int *m, cf_error *err)
{
    for (size_t i = 0; i < NNAMES; i++)
        if (strcmp(name, NAMES[i].name) == 0) {
            *m = NAMES[i].bits;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, key,
                        "unknown loss-of-active-material model '%s' (allowed: none, stress-driven, reaction-driven, "
                        "stress-and-reaction-driven, volume-driven, volume-and-reaction-driven)",
                        name);
}

static int set_model(cf_electrode *e, int side, const char *name, const char *key, cf_error *err)
{
    int m;
    if (cf_lam_model_parse(name, key, &m, err)) return CF_EINVAL;
    cf_electrode_set_lam(e, side, m);
    return CF_OK;
}

#define R(key, field, lo, hi, lo_open, hi_open, unit) \
    {key, offsetof(cf_lam_params, field), lo, hi, lo_open, hi_open, unit}
/* Why: beta up to 1e-3 1/s (a tenth of the material lost per cycle-hour at the
 * critical stress) and 0 allowed (the mechanism off); m from 1 (the rate
 * stays differentiable where the stress turns tensile) to 10; stresses and
 * moduli from the softest binder-bound carbons to ceramics; Omega up to
 * silicon's ~1e-5 with room; nu below the incompressible 0.5; beta_r with
 * room above the 1e-5 order that makes a few % LAM over an SEI's life;
 * beta_v up to 1 (all the material lost over one unit of strain); E as the
 * SEI's and plating's activation energies. */
static const cf_param_range RANGES[] = {
    R("stress_rate_s", stress_rate_s, 0, 1e-3, 0, 0, "1/s"),
    R("stress_exponent", stress_exponent, 1, 10, 0, 0, ""),
    R("critical_stress_Pa", critical_stress_Pa, 0, 1e11, 1, 0, "Pa"),
    R("reaction_factor_m3_mol", reaction_factor_m3_mol, 0, 1e-2, 0, 0, "m3/mol"),
    R("partial_molar_volume_m3_mol", partial_molar_volume_m3_mol, 0, 1e-4, 0, 0, "m3/mol"),
    R("young_modulus_Pa", young_modulus_Pa, 0, 1e13, 1, 0, "Pa"),
    R("poisson_ratio", poisson_ratio, 0, 0.5, 0, 1, ""),
    R("stress_induced_diffusion", stress_induced_diffusion, 0, 1, 0, 0, ""),
    R("volume_rate", volume_rate, 0, 1, 0, 0, ""),
    R("activation_energy_J_mol", activation_energy_J_mol, 0, 5e5, 0, 0, "J/mol"),
};
#undef R

const cf_param_table cf_lam_table = {"loss_of_active_material", "loss-of-active-material",
                                     offsetof(cf_electrode, lam), RANGES, sizeof RANGES / sizeof RANGES[0],
                                     set_model};

int cf_lam_validate(const cf_electrode *e, const char *side, cf_error *err)
{
    const cf_lam_params *l = &e->lam;
    if (l->model == 0) return CF_OK;
    char key[160];
    snprintf(key, sizeof key, "%s.loss_of_active_material", side);
    if (strcmp(cf_lam_model_name(l->model), "unknown") == 0)
        return cf_error_set(err, CF_EINVAL, key, "unknown loss-of-active-material model %d", l->model);
    if (e->planar)
        return cf_error_set(err, CF_EINVAL, key,
                            "loss of active material applies to an electrode of particles, not to a lithium-metal "
                            "negative");
    if ((l->model & CF_LAM_REACTION) && strcmp(side, "negative") != 0)
        return cf_error_set(err, CF_EINVAL, key,
                            "reaction-driven loss of active material follows the SEI's side reaction, modelled on "
                            "the negative only (allowed here: none, stress-driven)");
    if ((l->model & CF_LAM_REACTION) && e->sei.model == CF_SEI_NONE)
        return cf_error_set(err, CF_EINVAL, key,
                            "reaction-driven loss of active material needs SEI growth on the negative (its "
                            "\"sei\" model, or --sei)");
    if (l->model & CF_LAM_VOLUME) { /* an alloy's swelling drives it; not a host's few % */
        double emax = 0.0;
        for (int i = 0; i < e->n_phases; i++) emax = fmax(emax, e->phase[i].volume_expansion);
        if (emax < CF_LAM_ALLOY_EXPANSION)
            return cf_error_set(err, CF_EINVAL, key,
                                "volume-driven loss of active material applies to an alloy electrode (a phase that "
                                "swells by at least %g %% from empty to full); this electrode's phases swell by at "
                                "most %g %% (allowed here: none, stress-driven, reaction-driven)",
                                100.0 * CF_LAM_ALLOY_EXPANSION, 100.0 * emax);
    }
    if (l->stress_induced_diffusion != 0 && l->stress_induced_diffusion != 1) {
        snprintf(key, sizeof key, "%s.loss_of_active_material.stress_induced_diffusion", side);
        return cf_error_set(err, CF_EINVAL, key, "%g is not allowed (allowed: 0 off, 1 on)",
                            l->stress_induced_diffusion);
    }
    return cf_param_table_check(&cf_lam_table, e, side, err);
}
