/* cell_json_params.c — the cellforge cell-parameter schema (docs/cell-format.md)
 * read into a cf_cell.
 *
 * Without "base" every physical key is required; with "base" the file starts
 * from that built-in cell and each key present overrides one value.  Keys are
 * checked before values so a misspelt key is reported as a typo (with a
 * suggestion) rather than as the missing key it was meant to be.  Ranges are
 * left to cf_cell_validate, the one place that knows them; its field names
 * are translated back into the file's key names. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params/param_table.h"
#include "cell_json_internal.h"
#include "cellforge/cf_expr.h"

typedef struct {
    const char *key;
    size_t offset; /* of a double inside the struct being filled */
} num_key;

#define EL(key, field) {key, offsetof(cf_electrode, field)}
static const num_key ELECTRODE_NUMS[] = {
    EL("thickness_m", thickness_m),
    EL("porosity", porosity),
    EL("conductivity_S_m", conductivity_S_m),
    EL("bruggeman_electrolyte", bruggeman_electrolyte),
    EL("bruggeman_electrode", bruggeman_electrode),
};
#undef EL
/* Keys of one active material (phase); on the electrode itself they describe
 * its single phase, inside "phases": [...] one phase of a blend each. */
#define PH(key, field) {key, offsetof(cf_phase, field)}
static const num_key PHASE_NUMS[] = {
    PH("active_volume_fraction", active_fraction),
    PH("particle_radius_m", particle_radius_m),
    PH("max_concentration_mol_m3", c_max),
    PH("diffusivity_activation_energy_J_mol", diffusivity_Ea_J_mol),
    PH("exchange_current_coefficient", j0_ref),
    PH("exchange_current_activation_energy_J_mol", j0_Ea_J_mol),
    PH("charge_transfer_coefficient", alpha),
};
#undef PH
static const char *const ELECTRODE_KEYS[] = {
    "thickness_m", "porosity", "active_volume_fraction", "particle_radius_m", "max_concentration_mol_m3",
    "initial_concentration_mol_m3", "initial_stoichiometry", "diffusivity_m2_s",
    "diffusivity_activation_energy_J_mol", "conductivity_S_m", "bruggeman_electrolyte", "bruggeman_electrode",
    "exchange_current_coefficient", "exchange_current_activation_energy_J_mol", "charge_transfer_coefficient",
    "ocp", "volume_expansion", "li_o_at_full", "material", "phases", "type", "plating_exchange_current_A_m2",
    "thickness_swelling", "potential_window_V", "entropic_V_K", "sei", "lithium_plating", "loss_of_active_material", "particle_cracking", "comment", NULL};
static const char *const PHASE_KEYS[] = {
    "material", "active_volume_fraction", "particle_radius_m", "max_concentration_mol_m3",
    "initial_concentration_mol_m3", "initial_stoichiometry", "diffusivity_m2_s",
    "diffusivity_activation_energy_J_mol", "exchange_current_coefficient",
    "exchange_current_activation_energy_J_mol", "charge_transfer_coefficient", "ocp", "volume_expansion",
    "li_o_at_full", "entropic_V_K", "comment", NULL};

static const num_key SEPARATOR_NUMS[] = {
    {"thickness_m", offsetof(cf_separator, thickness_m)},
    {"porosity", offsetof(cf_separator, porosity)},
    {"bruggeman_electrolyte", offsetof(cf_separator, bruggeman_electrolyte)},
};
static const char *const SEPARATOR_KEYS[] = {"thickness_m", "porosity", "bruggeman_electrolyte", NULL};

static const num_key ELECTROLYTE_NUMS[] = {
    {"initial_concentration_mol_m3", offsetof(cf_electrolyte, c_init)},
    {"transference_number", offsetof(cf_electrolyte, t_plus)},
    {"thermodynamic_factor", offsetof(cf_electrolyte, thermodynamic_factor)},
};
static const char *const ELECTROLYTE_KEYS[] = {"initial_concentration_mol_m3", "transference_number",
                                               "thermodynamic_factor", "diffusivity_m2_s", "conductivity_S_m",
                                               "transport_reduction", "comment", NULL};

static const num_key CELL_NUMS[] = {
    {"nominal_capacity_Ah", offsetof(cf_cell, nominal_capacity_Ah)},
    {"voltage_min_V", offsetof(cf_cell, v_min)},
    {"voltage_max_V", offsetof(cf_cell, v_max)},
    {"temperature_K", offsetof(cf_cell, T_K)},
    {"reference_temperature_K", offsetof(cf_cell, T_ref)},
};
static const char *const CELL_KEYS[] = {
    "base", "name", "nominal_capacity_Ah", "voltage_min_V", "voltage_max_V", "electrode_area_m2",
    "electrode_height_m", "electrode_width_m", "temperature_K", "reference_temperature_K", "negative", "positive",
    "separator", "electrolyte", "reservoir", "stop_on_window", "thermal", "contact_resistance_ohm", NULL};

/* cf_cell_validate names struct fields; the file uses these keys instead.
 * Matched per dotted component, so "negative.c_max" and "electrolyte.c_init"
 * both translate. */
static const struct {
    const char *field, *key;
} FIELD_TO_KEY[] = {
    {"active_fraction", "active_volume_fraction"},
    {"c_max", "max_concentration_mol_m3"},
    {"c_init", "initial_concentration_mol_m3"},
    {"diffusivity_Ea_J_mol", "diffusivity_activation_energy_J_mol"},
    {"j0_ref", "exchange_current_coefficient"},
    {"j0_Ea_J_mol", "exchange_current_activation_energy_J_mol"},
    {"alpha", "charge_transfer_coefficient"},
    {"porosity+active_fraction", "porosity+active_volume_fraction"},
    {"t_plus", "transference_number"},
    {"diffusivity", "diffusivity_m2_s"},
    {"conductivity", "conductivity_S_m"},
    {"area_m2", "electrode_area_m2"},
    {"v_min", "voltage_min_V"},
    {"v_max", "voltage_max_V"},
    {"T_ref", "reference_temperature_K"},
    {"li_metal_mol_m2", "lithium_mol_m2"},
    {"li_j0_ref", "exchange_current_A_m2"},
    {"plating_j0_A_m2", "plating_exchange_current_A_m2"},
    {"li_mol", "lithium_mol"},
    {"alloy_potential_V", "collector_alloying_potential_V"},
    {"alloy_j0_A_m2", "collector_alloying_exchange_current_A_m2"},
};

static void field_to_key(char *where, size_t n)
{
    const char *dot = strrchr(where, '.');
    size_t head = dot ? (size_t)(dot - where) + 1 : 0;
    for (size_t i = 0; i < sizeof FIELD_TO_KEY / sizeof FIELD_TO_KEY[0]; i++)
        if (strcmp(where + head, FIELD_TO_KEY[i].field) == 0) {
            if (head && strcmp(FIELD_TO_KEY[i].field, "area_m2") == 0) return; /* reservoir.area_m2 is its key */
            snprintf(where + head, n - head, "%s", FIELD_TO_KEY[i].key);
            return;
        }
}

/* Reads every number of `keys` present in obj into dst; a missing one is an
 * error unless the file has a base. */
static int read_numbers(const json_t *obj, const char *path, const num_key *keys, size_t nkeys, void *dst,
                        int has_base, cf_error *err)
{
    char key[128];
    for (size_t i = 0; i < nkeys; i++) {
        cf_cell_json_join(key, sizeof key, path, keys[i].key);
        const json_t *v = json_object_get(obj, keys[i].key);
        if (!v) {
            if (has_base) continue;
            return cf_error_set(err, CF_EINVAL, key, "%s is required (no \"base\" to take it from)", key);
        }
        double *field = (double *)((char *)dst + keys[i].offset);
        if (cf_cell_json_number(v, key, field, err)) return CF_EINVAL;
    }
    return CF_OK;
}

/* The member `key` of root as an object, or NULL when absent and allowed. */
static int get_section(const json_t *root, const char *key, int has_base, const json_t **out, cf_error *err)
{
    *out = json_object_get(root, key);
    if (!*out) {
        if (has_base) return CF_OK;
        return cf_error_set(err, CF_EINVAL, key, "%s is required (an object; no \"base\" to take it from)", key);
    }
    if (!json_is_object(*out))
        return cf_error_set(err, CF_EINVAL, key, "%s must be an object (got %s)", key,
                            cf_cell_json_type_name(*out));
    return CF_OK;
}

/* Either an absolute concentration or a stoichiometry of c_max, never both. */
static int read_initial(const json_t *o, const char *path, cf_phase *e, int has_base, cf_error *err)
{
    char kc[96], ks[96];
    cf_cell_json_join(kc, sizeof kc, path, "initial_concentration_mol_m3");
    cf_cell_json_join(ks, sizeof ks, path, "initial_stoichiometry");
    const json_t *c = json_object_get(o, "initial_concentration_mol_m3"), *s = json_object_get(o, "initial_stoichiometry");
    if (c && s)
        return cf_error_set(err, CF_EINVAL, ks, "give %s or %s, not both", kc, ks);
    if (c) return cf_cell_json_number(c, kc, &e->c_init, err);
    if (s) {
        double sto = 0;
        if (cf_cell_json_number(s, ks, &sto, err)) return CF_EINVAL;
        if (!(sto > 0 && sto < 1))
            return cf_error_set(err, CF_EINVAL, ks, "%g is outside the allowed range (0, 1)", sto);
        e->c_init = sto * e->c_max;
        return CF_OK;
    }
    if (has_base) return CF_OK;
    return cf_error_set(err, CF_EINVAL, kc, "%s is required (or %s; no \"base\" to take it from)", kc, ks);
}

/* One phase's keys from object o (the electrode itself or an entry of
 * "phases"); `required` is 0 when a base supplies the values. */
static int read_phase(const json_t *o, const char *path, cf_phase *ph, int required, cf_error *err)
{
    if (read_numbers(o, path, PHASE_NUMS, sizeof PHASE_NUMS / sizeof PHASE_NUMS[0], ph, !required, err))
        return CF_EINVAL;
    /* After the numbers: a stoichiometry needs this file's c_max. */
    if (read_initial(o, path, ph, !required, err)) return CF_EINVAL;
    char key[128];
    /* The solid diffusivity: a number, or a function of the stoichiometry
     * (a built-in name or a table); the number then records its value at
     * stoichiometry 0.5 and the reference temperature, for reports. */
    cf_cell_json_join(key, sizeof key, path, "diffusivity_m2_s");
    const json_t *dv = json_object_get(o, "diffusivity_m2_s");
    if (dv && json_is_number(dv)) {
        if (cf_cell_json_number(dv, key, &ph->diffusivity_m2_s, err)) return CF_EINVAL;
        cf_fn_release(&ph->diffusivity_fn);
    } else if (dv) {
        if (cf_cell_json_read_fn(dv, key, CF_FN_ROLE_SOLID_D, &ph->diffusivity_fn, err)) return CF_EINVAL;
        ph->diffusivity_m2_s = cf_fn_eval(&ph->diffusivity_fn, 0.5, 298.15, NULL);
    } else if (required) {
        return cf_error_set(err, CF_EINVAL, key, "%s is required (no \"base\" to take it from)", key);
    }
    cf_cell_json_join(key, sizeof key, path, "volume_expansion");
    const json_t *ve = json_object_get(o, "volume_expansion");
    if (ve && cf_cell_json_number(ve, key, &ph->volume_expansion, err)) return CF_EINVAL;
    cf_cell_json_join(key, sizeof key, path, "li_o_at_full");
    const json_t *lo = json_object_get(o, "li_o_at_full");
    if (lo && cf_cell_json_number(lo, key, &ph->li_o_at_full, err)) return CF_EINVAL;
    const json_t *mat = json_object_get(o, "material");
    if (mat) {
        cf_cell_json_join(key, sizeof key, path, "material");
        if (!json_is_string(mat)) return cf_error_set(err, CF_EINVAL, key, "%s must be a string", key);
        snprintf(ph->name, sizeof ph->name, "%s", json_string_value(mat));
    }
    /* the entropic coefficient dU/dT (V/K): a number or a table in the stoichiometry */
    const json_t *en = json_object_get(o, "entropic_V_K");
    if (en) {
        cf_cell_json_join(key, sizeof key, path, "entropic_V_K");
        if (json_is_string(en))
            return cf_error_set(err, CF_EINVAL, key, "%s must be a number (V/K) or an {\"x\", \"y\"} table", key);
        if (cf_cell_json_read_fn(en, key, CF_FN_ROLE_OCP, &ph->entropic, err)) return CF_EINVAL;
        int bad = 0;
        for (int k = 0; k <= 20; k++) bad |= !(fabs(cf_fn_eval(&ph->entropic, k / 20.0, 298.15, NULL)) <= 1e-2);
        if (bad) return cf_error_set(err, CF_EINVAL, key, "%s is outside the allowed range [-0.01, 0.01] V/K", key);
    }
    cf_cell_json_join(key, sizeof key, path, "ocp");
    const json_t *ocp = json_object_get(o, "ocp");
    if (ocp) return cf_cell_json_read_fn(ocp, key, CF_FN_ROLE_OCP, &ph->ocp, err);
    if (!required) return CF_OK;
    return cf_error_set(err, CF_EINVAL, key, "%s is required (no \"base\" to take it from)", key);
}

static int read_phases(const json_t *arr, const char *path, cf_electrode *e, int has_base, cf_error *err)
{
    char key[128];
    cf_cell_json_join(key, sizeof key, path, "phases");
    if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > CF_MAX_PHASES)
        return cf_error_set(err, CF_EINVAL, key, "%s must be an array of 1 to %d active materials", key, CF_MAX_PHASES);
    int n = (int)json_array_size(arr), base_n = e->n_phases;
    for (int i = 0; i < n; i++) {
        char pk[160];
        snprintf(pk, sizeof pk, "%.128s[%d]", key, i % 10);
        const json_t *o = json_array_get(arr, (size_t)i);
        if (!json_is_object(o)) return cf_error_set(err, CF_EINVAL, pk, "%s must be an object", pk);
        if (cf_cell_json_check_keys(o, pk, PHASE_KEYS, err)) return CF_EINVAL;
        cf_phase *ph = &e->phase[i];
        /* A new phase beyond the base's starts from nothing: all keys required. */
        int from_base = has_base && i < base_n;
        if (!from_base) {
            cf_fn_release(&ph->ocp);
            cf_fn_release(&ph->diffusivity_fn);
            memset(ph, 0, sizeof *ph);
        }
        e->n_phases = i + 1; /* so the cell frees what was read so far */
        if (read_phase(o, pk, ph, !from_base, err)) return CF_EINVAL;
    }
    return CF_OK;
}

/* Lithium metal: 76 934 mol/m3 = 0.534 g/cm3 (CRC Handbook of Chemistry and Physics) / 6.941 g/mol [CALC]. */
#define LI_METAL_MOL_M3 76934.0
/* Lithium kinetics and plating efficiency: defaults in cf_cell.h. */
#define LI_J0_XU2019 CF_LI_J0_DEFAULT_A_M2
#define LI_PLATING_EFFICIENCY CF_LI_PLATING_EFFICIENCY_DEFAULT

static const char *const LI_METAL_KEYS[] = {"type",
                                            "lithium_mol_m2",
                                            "lithium_thickness_m",
                                            "exchange_current_A_m2",
                                            "plating_efficiency",
                                            "plating_efficiency_current_A_m2",
                                            "plating_efficiency_exponent",
                                            "comment",
                                            NULL};

/* "type": "lithium_metal" — a planar lithium (or bare copper) negative. */
static int read_li_metal(const json_t *o, const char *path, cf_electrode *e, cf_error *err)
{
    char key[128];
    if (cf_cell_json_check_keys(o, path, LI_METAL_KEYS, err)) return CF_EINVAL;
    for (int i = 0; i < CF_MAX_PHASES; i++) {
        cf_fn_release(&e->phase[i].ocp);
        cf_fn_release(&e->phase[i].diffusivity_fn);
    }
    memset(e->phase, 0, sizeof e->phase);
    e->n_phases = 0;
    e->planar = 1;
    e->li_metal_mol_m2 = 0.0; /* anode-free unless lithium is given */
    e->li_j0_ref = LI_J0_XU2019;
    e->plating_efficiency = LI_PLATING_EFFICIENCY;
    const json_t *n = json_object_get(o, "lithium_mol_m2"), *t = json_object_get(o, "lithium_thickness_m");
    if (n && t) {
        cf_cell_json_join(key, sizeof key, path, "lithium_mol_m2");
        return cf_error_set(err, CF_EINVAL, key, "give lithium_mol_m2 or lithium_thickness_m, not both");
    }
    cf_cell_json_join(key, sizeof key, path, n ? "lithium_mol_m2" : "lithium_thickness_m");
    double v;
    if ((n || t) && cf_cell_json_number(n ? n : t, key, &v, err)) return CF_EINVAL;
    if (n) e->li_metal_mol_m2 = v;
    if (t) e->li_metal_mol_m2 = v * LI_METAL_MOL_M3;
    const json_t *j = json_object_get(o, "exchange_current_A_m2"), *pe = json_object_get(o, "plating_efficiency");
    cf_cell_json_join(key, sizeof key, path, "exchange_current_A_m2");
    if (j && cf_cell_json_number(j, key, &e->li_j0_ref, err)) return CF_EINVAL;
    cf_cell_json_join(key, sizeof key, path, "plating_efficiency");
    if (pe && cf_cell_json_number(pe, key, &e->plating_efficiency, err)) return CF_EINVAL;
    /* the efficiency's current-density dependence (docs/ageing.md) */
    e->plating_efficiency_ref_A_m2 = CF_LI_EFFICIENCY_REF_DEFAULT_A_M2;
    e->plating_efficiency_exponent = 0.0;
    const json_t *ir = json_object_get(o, "plating_efficiency_current_A_m2"),
                 *be = json_object_get(o, "plating_efficiency_exponent");
    cf_cell_json_join(key, sizeof key, path, "plating_efficiency_current_A_m2");
    if (ir && cf_cell_json_number(ir, key, &e->plating_efficiency_ref_A_m2, err)) return CF_EINVAL;
    cf_cell_json_join(key, sizeof key, path, "plating_efficiency_exponent");
    if (be && cf_cell_json_number(be, key, &e->plating_efficiency_exponent, err)) return CF_EINVAL;
    return CF_OK;
}

/* "potential_window_V": [low, high] vs Li/Li+, 0 <= low < high <= 6. */
static int read_window(const json_t *o, const char *path, cf_electrode *e, cf_error *err)
{
    const json_t *w = json_object_get(o, "potential_window_V");
    if (!w) return CF_OK;
    char key[128];
    cf_cell_json_join(key, sizeof key, path, "potential_window_V");
    double lo, hi;
    if (!json_is_array(w) || json_array_size(w) != 2 || !json_is_number(json_array_get(w, 0)) ||
        !json_is_number(json_array_get(w, 1)))
        return cf_error_set(err, CF_EINVAL, key, "%s must be [low, high] in V vs Li/Li+", key);
    lo = json_number_value(json_array_get(w, 0));
    hi = json_number_value(json_array_get(w, 1));
    if (!(lo >= 0 && hi <= 6 && lo < hi))
        return cf_error_set(err, CF_EINVAL, key, "%s [%g, %g] is outside the allowed range 0 <= low < high <= 6 V", key,
                            lo, hi);
    e->has_window = 1;
    e->window_min_V = lo;
    e->window_max_V = hi;
    return CF_OK;
}

/* A side model of the electrode at `key`: "sei": "solvent-diffusion-limited"
 * (the model with its default parameters) or {"model": ..., parameter
 * keys...} (docs/ageing.md); likewise "lithium_plating" and
 * "loss_of_active_material". */
int cf_json_read_side_model(const cf_param_table *t, const json_t *s, const char *key, int side, cf_electrode *e,
                            cf_error *err)
{
    if (json_is_string(s)) return t->set_model(e, side, json_string_value(s), key, err);
    if (!json_is_object(s))
        return cf_error_set(err, CF_EINVAL, key, "%s must be a model name or an object with \"model\"", key);
    const char *keys[32];
    if (!cf_param_table_keys(t, keys, sizeof keys / sizeof keys[0]) || cf_cell_json_check_keys(s, key, keys, err))
        return CF_EINVAL;
    const json_t *mv = json_object_get(s, "model");
    char mkey[192];
    cf_cell_json_join(mkey, sizeof mkey, key, "model");
    if (!mv || !json_is_string(mv))
        return cf_error_set(err, CF_EINVAL, mkey, "%s is required: a %s model name", mkey, t->what);
    if (t->set_model(e, side, json_string_value(mv), mkey, err)) return CF_EINVAL;
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)s, k, v) {
        if (strcmp(k, "model") == 0 || strcmp(k, "comment") == 0) continue;
        char nkey[192];
        double x;
        cf_cell_json_join(nkey, sizeof nkey, key, k);
        if (cf_cell_json_number(v, nkey, &x, err) || cf_param_table_set(t, e, k, x, nkey, err)) return CF_EINVAL;
    }
    return CF_OK;
}

/* The side model `t` of the electrode at `path`, when its object names it. */
static int read_side_model(const json_t *o, const char *path, cf_electrode *e, const cf_param_table *t, cf_error *err)
{
    const json_t *s = json_object_get(o, t->object);
    if (!s) return CF_OK;
    char key[160];
    cf_cell_json_join(key, sizeof key, path, t->object);
    return cf_json_read_side_model(t, s, key, strcmp(path, "negative") == 0 ? 0 : 1, e, err);
}

static int read_electrode(const json_t *root, const char *path, cf_electrode *e, int has_base, cf_error *err)
{
    const json_t *o;
    if (get_section(root, path, has_base, &o, err)) return CF_EINVAL;
    if (!o) return CF_OK;
    const json_t *type = json_object_get(o, "type");
    if (type) {
        char key[128];
        cf_cell_json_join(key, sizeof key, path, "type");
        const char *tv = json_is_string(type) ? json_string_value(type) : "";
        if (strcmp(tv, "lithium_metal") == 0) return read_li_metal(o, path, e, err);
        if (strcmp(tv, "porous") != 0)
            return cf_error_set(err, CF_EINVAL, key, "%s must be \"porous\" or \"lithium_metal\"", key);
        e->planar = 0;
    }
    if (cf_cell_json_check_keys(o, path, ELECTRODE_KEYS, err)) return CF_EINVAL;
    if (read_numbers(o, path, ELECTRODE_NUMS, sizeof ELECTRODE_NUMS / sizeof ELECTRODE_NUMS[0], e, has_base, err))
        return CF_EINVAL;
    const json_t *sw = json_object_get(o, "thickness_swelling");
    if (sw) { /* optional: 0 (held thickness) unless given */
        char key[128];
        cf_cell_json_join(key, sizeof key, path, "thickness_swelling");
        if (cf_cell_json_number(sw, key, &e->thickness_swelling, err)) return CF_EINVAL;
    }
    if (read_window(o, path, e, err)) return CF_EINVAL;
    const json_t *pl = json_object_get(o, "plating_exchange_current_A_m2");
    if (pl) { /* lithium may plate on this (porous) electrode's particles */
        char key[128];
        cf_cell_json_join(key, sizeof key, path, "plating_exchange_current_A_m2");
        if (cf_cell_json_number(pl, key, &e->plating_j0_A_m2, err)) return CF_EINVAL;
        e->plating = 1;
        if (!(e->plating_efficiency > 0)) e->plating_efficiency = 1.0;
    }
    if (read_side_model(o, path, e, &cf_sei_table, err) || read_side_model(o, path, e, &cf_li_plating_table, err) ||
        read_side_model(o, path, e, &cf_lam_table, err) || read_side_model(o, path, e, &cf_crack_table, err))
        return CF_EINVAL;
    const json_t *phases = json_object_get(o, "phases");
    if (!phases) {
        if (!has_base) e->n_phases = 1;
        return read_phase(o, path, &e->phase[0], !has_base, err);
    }
    for (size_t i = 0; i <= sizeof PHASE_NUMS / sizeof PHASE_NUMS[0]; i++) {
        const char *pk = i < sizeof PHASE_NUMS / sizeof PHASE_NUMS[0] ? PHASE_NUMS[i].key : "diffusivity_m2_s";
        if (json_object_get(o, pk)) {
            char key[128];
            cf_cell_json_join(key, sizeof key, path, pk);
            return cf_error_set(err, CF_EINVAL, key,
                                "%s given beside \"phases\": put each material's keys inside its phases[] entry",
                                key);
        }
    }
    return read_phases(phases, path, e, has_base, err);
}

static const char *const RESERVOIR_KEYS[] = {"lithium_mol", "lithium_mass_g", "area_m2", "exchange_current_A_m2",
                                             "ionic_resistance_ohm", "path_length_m", "connected_to",
                                             "collector_alloying_potential_V",
                                             "collector_alloying_exchange_current_A_m2", "comment", NULL};

/* Lumped electrolyte path between a reservoir at the cell's edge and the
 * positive [ASSUME]: 1 Ohm, so a fresh positive at ~3.9 V draws ~1–2 A. */
#define RESERVOIR_R_DEFAULT CF_RESERVOIR_R_DEFAULT_OHM

static int read_reservoir(const json_t *root, cf_reservoir *r, cf_error *err)
{
    const json_t *o = json_object_get(root, "reservoir");
    if (!o) return CF_OK;
    if (!json_is_object(o)) return cf_error_set(err, CF_EINVAL, "reservoir", "reservoir must be an object");
    if (cf_cell_json_check_keys(o, "reservoir", RESERVOIR_KEYS, err)) return CF_EINVAL;
    const json_t *to = json_object_get(o, "connected_to");
    if (to && !(json_is_string(to) && strcmp(json_string_value(to), "positive") == 0))
        return cf_error_set(err, CF_EINVAL, "reservoir.connected_to",
                            "a reservoir can only be connected to \"positive\" (seed 001)");
    *r = (cf_reservoir){.present = 1, .j0_ref = LI_J0_XU2019, .ionic_resistance_ohm = RESERVOIR_R_DEFAULT,
                        .alloy_potential_V = CF_AL_ALLOY_POTENTIAL_V, .alloy_j0_A_m2 = CF_AL_ALLOY_J0_A_M2};
    const json_t *mol = json_object_get(o, "lithium_mol"), *g = json_object_get(o, "lithium_mass_g");
    if (!!mol == !!g)
        return cf_error_set(err, CF_EINVAL, "reservoir.lithium_mol",
                            "give exactly one of reservoir.lithium_mol or reservoir.lithium_mass_g");
    double v;
    if (cf_cell_json_number(mol ? mol : g, mol ? "reservoir.lithium_mol" : "reservoir.lithium_mass_g", &v, err))
        return CF_EINVAL;
    r->li_mol = mol ? v : v / 6.941;
    const json_t *a = json_object_get(o, "area_m2");
    if (!a) return cf_error_set(err, CF_EINVAL, "reservoir.area_m2", "reservoir.area_m2 is required");
    if (cf_cell_json_number(a, "reservoir.area_m2", &r->area_m2, err)) return CF_EINVAL;
    const json_t *j = json_object_get(o, "exchange_current_A_m2"), *R = json_object_get(o, "ionic_resistance_ohm");
    const json_t *L = json_object_get(o, "path_length_m");
    if (j && cf_cell_json_number(j, "reservoir.exchange_current_A_m2", &r->j0_ref, err)) return CF_EINVAL;
    if (R && L)
        return cf_error_set(err, CF_EINVAL, "reservoir.path_length_m",
                            "give reservoir.ionic_resistance_ohm or reservoir.path_length_m, not both");
    if (R && cf_cell_json_number(R, "reservoir.ionic_resistance_ohm", &r->ionic_resistance_ohm, err)) return CF_EINVAL;
    if (L && cf_cell_json_number(L, "reservoir.path_length_m", &r->path_length_m, err)) return CF_EINVAL;
    const json_t *au = json_object_get(o, "collector_alloying_potential_V"),
                 *aj = json_object_get(o, "collector_alloying_exchange_current_A_m2");
    if (au && cf_cell_json_number(au, "reservoir.collector_alloying_potential_V", &r->alloy_potential_V, err))
        return CF_EINVAL;
    if (aj && cf_cell_json_number(aj, "reservoir.collector_alloying_exchange_current_A_m2", &r->alloy_j0_A_m2, err))
        return CF_EINVAL;
    return CF_OK;
}

static int read_separator(const json_t *root, cf_separator *s, int has_base, cf_error *err)
{
    const json_t *o;
    if (get_section(root, "separator", has_base, &o, err)) return CF_EINVAL;
    if (!o) return CF_OK;
    if (cf_cell_json_check_keys(o, "separator", SEPARATOR_KEYS, err)) return CF_EINVAL;
    return read_numbers(o, "separator", SEPARATOR_NUMS, sizeof SEPARATOR_NUMS / sizeof SEPARATOR_NUMS[0], s,
                        has_base, err);
}

static int read_electrolyte(const json_t *root, cf_electrolyte *el, int has_base, cf_error *err)
{
    const json_t *o;
    if (get_section(root, "electrolyte", has_base, &o, err)) return CF_EINVAL;
    if (!o) return CF_OK;
    if (cf_cell_json_check_keys(o, "electrolyte", ELECTROLYTE_KEYS, err)) return CF_EINVAL;
    if (read_numbers(o, "electrolyte", ELECTROLYTE_NUMS, sizeof ELECTROLYTE_NUMS / sizeof ELECTROLYTE_NUMS[0], el,
                     has_base, err))
        return CF_EINVAL;
    const json_t *tr = json_object_get(o, "transport_reduction"); /* optional: 0 for a liquid */
    if (tr && cf_cell_json_number(tr, "electrolyte.transport_reduction", &el->transport_reduction, err))
        return CF_EINVAL;
    static const struct {
        const char *key;
        cf_fn_role role;
        size_t offset;
    } fns[] = {{"diffusivity_m2_s", CF_FN_ROLE_ELECTROLYTE_D, offsetof(cf_electrolyte, diffusivity)},
               {"conductivity_S_m", CF_FN_ROLE_ELECTROLYTE_KAPPA, offsetof(cf_electrolyte, conductivity)}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        char key[96];
        cf_cell_json_join(key, sizeof key, "electrolyte", fns[i].key);
        const json_t *v = json_object_get(o, fns[i].key);
        cf_fn *f = (cf_fn *)((char *)el + fns[i].offset);
        if (v) {
            if (cf_cell_json_read_fn(v, key, fns[i].role, f, err)) return CF_EINVAL;
        } else if (!has_base) {
            return cf_error_set(err, CF_EINVAL, key, "%s is required (no \"base\" to take it from)", key);
        }
    }
    return CF_OK;
}

/* electrode_area_m2, or electrode_height_m times electrode_width_m. */
static int read_area(const json_t *root, cf_cell *c, int has_base, cf_error *err)
{
    const json_t *a = json_object_get(root, "electrode_area_m2");
    const json_t *h = json_object_get(root, "electrode_height_m"), *w = json_object_get(root, "electrode_width_m");
    if (a && (h || w))
        return cf_error_set(err, CF_EINVAL, h ? "electrode_height_m" : "electrode_width_m",
                            "give electrode_area_m2 or electrode_height_m and electrode_width_m, not both");
    if (a) return cf_cell_json_number(a, "electrode_area_m2", &c->area_m2, err);
    if (h && !w)
        return cf_error_set(err, CF_EINVAL, "electrode_width_m", "electrode_width_m is required with electrode_height_m");
    if (w && !h)
        return cf_error_set(err, CF_EINVAL, "electrode_height_m", "electrode_height_m is required with electrode_width_m");
    if (h) {
        double hv = 0, wv = 0;
        if (cf_cell_json_number(h, "electrode_height_m", &hv, err)) return CF_EINVAL;
        if (cf_cell_json_number(w, "electrode_width_m", &wv, err)) return CF_EINVAL;
        if (!(hv > 0)) return cf_error_set(err, CF_EINVAL, "electrode_height_m", "%g m must be > 0", hv);
        if (!(wv > 0)) return cf_error_set(err, CF_EINVAL, "electrode_width_m", "%g m must be > 0", wv);
        c->area_m2 = hv * wv;
        return CF_OK;
    }
    if (has_base) return CF_OK;
    return cf_error_set(err, CF_EINVAL, "electrode_area_m2",
                        "electrode_area_m2 is required (or electrode_height_m and electrode_width_m; no \"base\" to "
                        "take it from)");
}

static int read_name(const json_t *root, const char *stem, cf_cell *c, cf_error *err)
{
    const json_t *v = json_object_get(root, "name");
    if (!v) {
        /* The file's own name says more than the base's in printed results. */
        if (stem && stem[0]) snprintf(c->name, sizeof c->name, "%.*s", CF_NAME_MAX - 1, stem);
        return CF_OK;
    }
    if (!json_is_string(v))
        return cf_error_set(err, CF_EINVAL, "name", "name must be a string (got %s)", cf_cell_json_type_name(v));
    const char *s = json_string_value(v);
    size_t n = strlen(s);
    if (n == 0 || n >= CF_NAME_MAX || n != json_string_length(v))
        return cf_error_set(err, CF_EINVAL, "name", "name must have 1 to %d characters (got %zu)", CF_NAME_MAX - 1,
                            json_string_length(v));
    memcpy(c->name, s, n + 1);
    return CF_OK;
}

/* The starting cell: a copy of the named built-in, or all zeros. */
static int start_cell(const json_t *root, cf_cell **out, int *has_base, cf_error *err)
{
    *out = NULL;
    *has_base = 0;
    const json_t *b = json_object_get(root, "base");
    if (!b) {
        *out = calloc(1, sizeof **out);
        if (!*out) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
        return CF_OK;
    }
    if (!json_is_string(b))
        return cf_error_set(err, CF_EINVAL, "base", "base must be the name of a built-in cell (got %s)",
                            cf_cell_json_type_name(b));
    const char *name = json_string_value(b);
    const char *const *names = cf_cell_builtin_names();
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; names[i]; i++) {
        if (strcmp(names[i], name) == 0) {
            *has_base = 1;
            return cf_cell_builtin(name, out, err);
        }
        if (used + strlen(names[i]) + 3 < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", names[i]);
    }
    const char *s = cf_cell_json_suggest(name, names);
    return cf_error_set(err, CF_EINVAL, "base", "'%.60s' is not a built-in cell%s%s%s (built-in cells: %s)", name,
                        s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "", list);
}

int cf_cell_json_read_params(const json_t *root, const char *stem, cf_cell **out, cf_error *err)
{
    *out = NULL;
    if (cf_cell_json_check_keys(root, "", CELL_KEYS, err)) return CF_EINVAL;
    cf_cell *c;
    int has_base, rc = start_cell(root, &c, &has_base, err);
    if (rc) return rc;
    rc = read_name(root, stem, c, err);
    if (!rc)
        rc = read_numbers(root, "", CELL_NUMS, sizeof CELL_NUMS / sizeof CELL_NUMS[0], c, has_base, err);
    if (!rc) rc = read_area(root, c, has_base, err);
    if (!rc) rc = read_electrode(root, "negative", &c->neg, has_base, err);
    if (!rc) rc = read_electrode(root, "positive", &c->pos, has_base, err);
    if (!rc) rc = read_separator(root, &c->sep, has_base, err);
    if (!rc) rc = read_electrolyte(root, &c->electrolyte, has_base, err);
    if (!rc) rc = read_reservoir(root, &c->reservoir, err);
    if (!rc) rc = cf_cell_json_read_thermal(root, &c->thermal, err);
    const json_t *rcj = json_object_get(root, "contact_resistance_ohm"); /* optional: 0, or the base's */
    if (!rc && rcj) rc = cf_cell_json_number(rcj, "contact_resistance_ohm", &c->contact_resistance_ohm, err);
    const json_t *sw = json_object_get(root, "stop_on_window");
    if (!rc && sw) {
        if (!json_is_boolean(sw)) rc = cf_error_set(err, CF_EINVAL, "stop_on_window", "stop_on_window must be true or false");
        else c->stop_on_window = json_is_true(sw);
    }
    if (!rc && (rc = cf_cell_validate(c, err)) != CF_OK && err) field_to_key(err->where, sizeof err->where);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    *out = c;
    return CF_OK;
}
