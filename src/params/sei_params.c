/* sei_params.c — SEI growth parameters of an electrode: defaults, names,
 * allowed ranges, and reading them from a cell file's "sei" object.
 *
 * Defaults are O'Kane et al., "Lithium-ion battery degradation: how to model
 * it", Phys. Chem. Chem. Phys. 24 (2022) 7909, for the LG M50 (the values
 * PyBaMM ships as its "OKane2022" set): L_0 = 5 nm, V_bar = 9.585e-5 m3/mol,
 * z = 1 (as in the paper), j0 = 1.5e-7 A/m2, U = 0.4 V, R = 2e5 Ohm m,
 * D_sol = 2.5e-22 m2/s, c_sol = 2636 mol/m3, kappa = 8.95e-14 S/m,
 * D_li = 1e-20 m2/s, c_li0 = 15 mol/m3, E = 38 kJ/mol.  The mechanisms'
 * equations are Marquis' (thesis, Oxford 2020, section 5.6.4; docs/ageing.md). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params/param_table.h"

void cf_sei_defaults(cf_sei *s)
{
    *s = (cf_sei){.model = CF_SEI_NONE,
                  .initial_thickness_m = 5e-9,
                  .molar_volume_m3_mol = 9.585e-5,
                  .li_per_sei = 1.0,
                  .exchange_current_A_m2 = 1.5e-7,
                  .alpha = 0.5,
                  .ocp_V = 0.4,
                  .resistivity_ohm_m = 2e5,
                  .solvent_diffusivity_m2_s = 2.5e-22,
                  .solvent_concentration_mol_m3 = 2636.0,
                  .electron_conductivity_S_m = 8.95e-14,
                  .interstitial_diffusivity_m2_s = 1e-20,
                  .interstitial_concentration_mol_m3 = 15.0,
                  .activation_energy_J_mol = 38000.0};
}

void cf_electrode_set_sei(cf_electrode *e, cf_sei_model model)
{
    if (!(e->sei.molar_volume_m3_mol > 0)) cf_sei_defaults(&e->sei); /* never set */
    e->sei.model = model;
}

static const char *const NAMES[] = {"none", "reaction-limited", "solvent-diffusion-limited",
                                    "electron-migration-limited", "interstitial-diffusion-limited"};

const char *cf_sei_model_name(cf_sei_model m)
{
    return (unsigned)m < sizeof NAMES / sizeof NAMES[0] ? NAMES[m] : "unknown";
}

int cf_sei_model_parse(const char *name, const char *key, cf_sei_model *m, cf_error *err)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        size_t n = strlen(NAMES[i]);
        const char *suffix = "-limited";
        size_t ns = strlen(suffix);
        /* the full name, or the name without "-limited" */
        if (strcmp(name, NAMES[i]) == 0 ||
            (n > ns && strcmp(NAMES[i] + n - ns, suffix) == 0 && strlen(name) == n - ns &&
             strncmp(name, NAMES[i], n - ns) == 0)) {
            *m = (cf_sei_model)i;
            return CF_OK;
        }
    }
    return cf_error_set(err, CF_EINVAL, key,
                        "unknown SEI model '%s' (allowed: none, reaction-limited, solvent-diffusion-limited, "
                        "electron-migration-limited, interstitial-diffusion-limited; \"-limited\" may be left off)",
                        name);
}

static int set_model(cf_electrode *e, int side, const char *name, const char *key, cf_error *err)
{
    (void)side; /* the negative's (validation refuses SEI on the positive) */
    cf_sei_model m;
    if (cf_sei_model_parse(name, key, &m, err)) return CF_EINVAL;
    cf_electrode_set_sei(e, m);
    return CF_OK;
}

#define R(key, field, lo, hi, lo_open, unit) {key, offsetof(cf_sei, field), lo, hi, lo_open, 0, unit}
/* Why these bounds: thickness from a monolayer's fraction to 10 um (a cell
 * long dead); the rates over more than ten decades around the published
 * fits, zero allowed where it switches the mechanism off; U within the
 * negative's range vs Li/Li+; z from 0.5 (half a lithium per SEI unit) to 10. */
static const cf_param_range RANGES[] = {
    R("initial_thickness_m", initial_thickness_m, 0, 1e-5, 1, "m"),
    R("molar_volume_m3_mol", molar_volume_m3_mol, 0, 1e-2, 1, "m3/mol"),
    R("li_per_sei", li_per_sei, 0.5, 10, 0, ""),
    R("exchange_current_A_m2", exchange_current_A_m2, 0, 1e-2, 0, "A/m2"),
    R("charge_transfer_coefficient", alpha, 0, 1, 1, ""),
    R("ocp_V", ocp_V, 0, 3, 0, "V"),
    R("resistivity_ohm_m", resistivity_ohm_m, 0, 1e12, 0, "Ohm m"),
    R("solvent_diffusivity_m2_s", solvent_diffusivity_m2_s, 0, 1e-12, 0, "m2/s"),
    R("solvent_concentration_mol_m3", solvent_concentration_mol_m3, 0, 2e4, 0, "mol/m3"),
    R("electron_conductivity_S_m", electron_conductivity_S_m, 0, 1e-3, 0, "S/m"),
    R("interstitial_diffusivity_m2_s", interstitial_diffusivity_m2_s, 0, 1e-12, 0, "m2/s"),
    R("interstitial_concentration_mol_m3", interstitial_concentration_mol_m3, 0, 1e4, 0, "mol/m3"),
    R("activation_energy_J_mol", activation_energy_J_mol, 0, 5e5, 0, "J/mol"),
};
#undef R

const cf_param_table cf_sei_table = {"sei", "SEI", offsetof(cf_electrode, sei), RANGES,
                                     sizeof RANGES / sizeof RANGES[0], set_model};

int cf_sei_validate(const cf_electrode *e, const char *side, cf_error *err)
{
    const cf_sei *s = &e->sei;
    if (s->model == CF_SEI_NONE) return CF_OK;
    char key[128];
    if ((unsigned)s->model > CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED) {
        snprintf(key, sizeof key, "%s.sei.model", side);
        return cf_error_set(err, CF_EINVAL, key, "unknown SEI model %d", (int)s->model);
    }
    if (strcmp(side, "negative") != 0) {
        snprintf(key, sizeof key, "%s.sei", side);
        return cf_error_set(err, CF_EINVAL, key,
                            "SEI growth is modelled on the negative electrode only (got it on the %s)", side);
    }
    if (e->planar) {
        snprintf(key, sizeof key, "%s.sei", side);
        return cf_error_set(err, CF_EINVAL, key,
                            "SEI growth applies to a porous negative's particles, not to a planar lithium-metal "
                            "negative (its losses are its plating efficiency)");
    }
    if (cf_param_table_check(&cf_sei_table, e, side, err)) return CF_EINVAL;
    /* the mechanism's own rate must be there */
    struct { cf_sei_model m; double v; const char *k; } need[] = {
        {CF_SEI_REACTION_LIMITED, s->exchange_current_A_m2, "exchange_current_A_m2"},
        {CF_SEI_SOLVENT_DIFFUSION_LIMITED, s->solvent_diffusivity_m2_s * s->solvent_concentration_mol_m3,
         "solvent_diffusivity_m2_s"},
        {CF_SEI_ELECTRON_MIGRATION_LIMITED, s->electron_conductivity_S_m, "electron_conductivity_S_m"},
        {CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED,
         s->interstitial_diffusivity_m2_s * s->interstitial_concentration_mol_m3, "interstitial_diffusivity_m2_s"}};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (need[i].m == s->model && !(need[i].v > 0)) {
            snprintf(key, sizeof key, "%s.sei.%s", side, need[i].k);
            return cf_error_set(err, CF_EINVAL, key, "the %s SEI model needs %s > 0 (and its concentration > 0)",
                                cf_sei_model_name(s->model), key);
        }
    return CF_OK;
}
