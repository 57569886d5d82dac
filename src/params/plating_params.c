/* plating_params.c — O'Kane lithium plating parameters of an electrode:
 * defaults, names, ranges and a cell file's "lithium_plating" object.
 *
 * Defaults: O'Kane et al., "Lithium-ion battery degradation: how to model
 * it", PCCP 24 (2022) 7909 (PyBaMM's "OKane2022" set): k = 1e-9 m/s,
 * alpha = 0.65, gamma_0 = 1e-6 1/s, no plated lithium at the start.  The
 * exchange currents F k c_e (plating) and F k c_Li (stripping) are O'Kane
 * et al., JES 167 (2020) 090540. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params/param_table.h"

void cf_li_plating_defaults(cf_plating_params *p)
{
    *p = (cf_plating_params){.model = CF_PLATING_NONE,
                         .rate_constant_m_s = 1e-9,
                         .transfer_coefficient = 0.65,
                         .dead_decay_s = 1e-6,
                         .initial_mol_m3 = 0.0,
                         .activation_energy_J_mol = 0.0};
}

void cf_electrode_set_li_plating(cf_electrode *e, cf_plating_model model)
{
    if (!(e->li_plating.rate_constant_m_s > 0) && !(e->li_plating.transfer_coefficient > 0))
        cf_li_plating_defaults(&e->li_plating); /* never set */
    e->li_plating.model = model;
}

static const char *const NAMES[] = {"none", "reversible", "irreversible", "partially-reversible"};

const char *cf_plating_model_name(cf_plating_model m)
{
    return (unsigned)m < sizeof NAMES / sizeof NAMES[0] ? NAMES[m] : "unknown";
}

int cf_plating_model_parse(const char *name, const char *key, cf_plating_model *m, cf_error *err)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(name, NAMES[i]) == 0) {
            *m = (cf_plating_model)i;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, key,
                        "unknown lithium plating model '%s' (allowed: none, reversible, irreversible, "
                        "partially-reversible)",
                        name);
}

static int set_model(cf_electrode *e, int side, const char *name, const char *key, cf_error *err)
{
    (void)side; /* the same defaults on either electrode */
    cf_plating_model m;
    if (cf_plating_model_parse(name, key, &m, err)) return CF_EINVAL;
    cf_electrode_set_li_plating(e, m);
    return CF_OK;
}

#define R(key, field, lo, hi, lo_open, unit) {key, offsetof(cf_plating_params, field), lo, hi, lo_open, 0, unit}
/* Why: k over ten decades around the fits (1e-9 to 1e-11 m/s published);
 * alpha a transfer coefficient; gamma_0 up to one per second (dead within a
 * second); the plated lithium at the start up to a graphite's capacity;
 * the activation energy as the SEI's (0: k at every temperature, as the
 * OKane2022 set gives it). */
static const cf_param_range RANGES[] = {
    R("rate_constant_m_s", rate_constant_m_s, 0, 1e-4, 1, "m/s"),
    R("transfer_coefficient", transfer_coefficient, 0, 1, 1, ""),
    R("dead_decay_s", dead_decay_s, 0, 1, 0, "1/s"),
    R("initial_mol_m3", initial_mol_m3, 0, 1e5, 0, "mol/m3"),
    R("activation_energy_J_mol", activation_energy_J_mol, 0, 5e5, 0, "J/mol"),
};
#undef R

const cf_param_table cf_li_plating_table = {"lithium_plating", "lithium plating", offsetof(cf_electrode, li_plating),
                                            RANGES, sizeof RANGES / sizeof RANGES[0], set_model};

int cf_li_plating_validate(const cf_electrode *e, const char *side, cf_error *err)
{
    const cf_plating_params *p = &e->li_plating;
    if (p->model == CF_PLATING_NONE) return CF_OK;
    char key[128];
    snprintf(key, sizeof key, "%s.lithium_plating", side);
    if ((unsigned)p->model > CF_PLATING_PARTIALLY_REVERSIBLE)
        return cf_error_set(err, CF_EINVAL, key, "unknown lithium plating model %d", (int)p->model);
    if (strcmp(side, "negative") != 0)
        return cf_error_set(err, CF_EINVAL, key, "lithium plating is modelled on the negative electrode only");
    if (e->planar)
        return cf_error_set(err, CF_EINVAL, key,
                            "lithium plating applies to a host's particles (graphite, hard carbon), not to a "
                            "lithium-metal negative, where plating is the electrode's own reaction");
    if (e->plating)
        return cf_error_set(err, CF_EINVAL, key,
                            "give either lithium_plating or plating_exchange_current_A_m2 (the host plating of "
                            "docs/cell-format.md), not both");
    return cf_param_table_check(&cf_li_plating_table, e, side, err);
}
