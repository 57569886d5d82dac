/* crack_params.c — particle-cracking parameters of an electrode: defaults,
 * names, ranges and a cell file's (or recipe's) "particle_cracking".
 *
 * Defaults: O'Kane et al., "Lithium-ion battery degradation: how to model
 * it", PCCP 24 (2022) 7909 (PyBaMM's "OKane2022" set), the same on both
 * electrodes of the LG M50: Paris' law b = 1.12 and m = 2.2, k_cr =
 * 3.9e-20 m/(Pa m^0.5)^m per hour with no temperature dependence (Ai et al.,
 * JES 167 (2020) 013512; Deshpande et al., JES 159 (2012) A1730), initial
 * crack length 20 nm, width 15 nm and 3.18e15 cracks per m2 of particle
 * surface; the SEI on the cracks starts "practically zero", 5e-13 m. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params/param_table.h"

void cf_crack_defaults(cf_crack_params *c)
{
    *c = (cf_crack_params){.model = CF_CRACK_NONE,
                           .initial_length_m = 2e-8,
                           .width_m = 1.5e-8,
                           .density_m2 = 3.18e15,
                           .paris_b = 1.12,
                           .paris_m = 2.2,
                           .rate_constant = 3.9e-20,
                           .activation_energy_J_mol = 0.0,
                           .initial_sei_thickness_m = 5e-13};
}

void cf_electrode_set_cracking(cf_electrode *e, int side, int model)
{
    if (!(e->cracking.initial_length_m > 0)) cf_crack_defaults(&e->cracking); /* never set */
    /* the crack grows under the particles' stress: their mechanics are the
     * loss-of-active-material parameters' (defaults when none were set) */
    if (!(e->lam.young_modulus_Pa > 0)) {
        int m = e->lam.model;
        cf_lam_defaults(&e->lam, side);
        e->lam.model = m;
    }
    e->cracking.model = model;
}

static const char *const NAMES[] = {"none", "cracking", "cracking-with-sei"};

const char *cf_crack_model_name(int m) { return (unsigned)m < 3 ? NAMES[m] : "unknown"; }

int cf_crack_model_parse(const char *name, const char *key, int *m, cf_error *err)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(name, NAMES[i]) == 0) {
            *m = i;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, key,
                        "unknown particle-cracking model '%s' (allowed: none, cracking, cracking-with-sei)", name);
}

static int set_model(cf_electrode *e, int side, const char *name, const char *key, cf_error *err)
{
    int m;
    if (cf_crack_model_parse(name, key, &m, err)) return CF_EINVAL;
    cf_electrode_set_cracking(e, side, m);
    return CF_OK;
}

#define R(key, field, lo, hi, lo_open, unit) {key, offsetof(cf_crack_params, field), lo, hi, lo_open, 0, unit}
/* Why: lengths and widths from atoms to a large particle's radius (the
 * length is checked against the radius too); densities with decades around
 * O'Kane's 3e15 (a crack every ~20 nm); b of order 1 (1.12: an edge crack);
 * m of Paris' law 1 to 10 (metals and ceramics 2-4); k_cr up to 1e-10
 * (metres per hour at 1 MPa m^0.5 with m = 1) and 0 allowed (cracks fixed);
 * the crack SEI from nothing to a thick film. */
static const cf_param_range RANGES[] = {
    R("initial_length_m", initial_length_m, 0, 1e-4, 1, "m"),
    R("width_m", width_m, 0, 1e-5, 1, "m"),
    R("density_m2", density_m2, 0, 1e20, 1, "1/m2"),
    R("paris_b", paris_b, 0, 10, 1, ""),
    R("paris_m", paris_m, 1, 10, 0, ""),
    R("rate_constant", rate_constant, 0, 1e-10, 0, "m/(Pa m^0.5)^m per hour"),
    R("activation_energy_J_mol", activation_energy_J_mol, 0, 5e5, 0, "J/mol"),
    R("initial_sei_thickness_m", initial_sei_thickness_m, 0, 1e-6, 1, "m"),
};
#undef R

const cf_param_table cf_crack_table = {"particle_cracking", "particle-cracking", offsetof(cf_electrode, cracking),
                                       RANGES, sizeof RANGES / sizeof RANGES[0], set_model};

int cf_crack_validate(const cf_electrode *e, const char *side, cf_error *err)
{
    const cf_crack_params *c = &e->cracking;
    if (c->model == CF_CRACK_NONE) return CF_OK;
    char key[160];
    snprintf(key, sizeof key, "%s.particle_cracking", side);
    if (c->model < 0 || c->model > CF_CRACK_SEI)
        return cf_error_set(err, CF_EINVAL, key, "unknown particle-cracking model %d", c->model);
    if (e->planar)
        return cf_error_set(err, CF_EINVAL, key,
                            "particle cracking applies to an electrode of particles, not to a lithium-metal "
                            "negative");
    if (e->n_phases > 1)
        return cf_error_set(err, CF_EINVAL, key,
                            "particle cracking is modelled for an electrode of one active material (this one has "
                            "%d phases)",
                            e->n_phases);
    if (c->model == CF_CRACK_SEI && strcmp(side, "negative") != 0)
        return cf_error_set(err, CF_EINVAL, key,
                            "SEI on cracks follows the SEI's growth, modelled on the negative only (allowed here: "
                            "none, cracking)");
    if (c->model == CF_CRACK_SEI && e->sei.model == CF_SEI_NONE)
        return cf_error_set(err, CF_EINVAL, key,
                            "cracking-with-sei needs SEI growth on the negative (its \"sei\" model, or --sei); "
                            "without it use \"cracking\"");
    if (cf_param_table_check(&cf_crack_table, e, side, err)) return CF_EINVAL;
    /* the crack's stress from the particles' mechanics (the loss-of-active-material keys, checked
     * whether or not that loss is on) */
    if (cf_param_table_check(&cf_lam_table, e, side, err)) return CF_EINVAL;
    double R = e->phase[0].particle_radius_m;
    if (c->initial_length_m >= R) {
        snprintf(key, sizeof key, "%s.particle_cracking.initial_length_m", side);
        return cf_error_set(err, CF_EINVAL, key,
                            "%g m is not below the particle radius %g m (allowed: (0, radius) m)",
                            c->initial_length_m, R);
    }
    return CF_OK;
}
