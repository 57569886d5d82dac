/* bpx_v0.c — a BPX 0.x object rewritten in the 1.x layout before reading.
 *
 * BPX 1.0 added the top-level "State" and moved three values out of
 * "Parameterisation".  PyBaMM (since 26.6, through bpx 1.1.1's
 * convert_v0_to_v1) loads 0.x files by this repacking, and so does cellforge:
 *
 *   Cell "Initial temperature [K]"           -> State/Initial conditions
 *        (absent: the ambient temperature)
 *   Cell "Ambient temperature [K]"           -> State/Thermal environment
 *        (absent: the reference temperature, else 298.15 K)
 *   Electrolyte "Initial concentration [mol.m-3]"
 *        -> State/Initial conditions/"Initial electrolyte concentration [mol.m-3]"
 *   Cell "Thermal conductivity [W.m-1.K-1]"  -> dropped (no 1.x place)
 *   State/Initial conditions/"Initial state-of-charge" = 1 (0.x has none)
 *
 * Nothing else changes: in particular a 0.1/0.2 file written before BPX 0.3
 * fixed the factor 2 in j = 2 j0 sinh(F eta / 2RT) is read with the factor,
 * as the converter does ("cross-version semantic changes are not adjusted"). */
#include <math.h>

#include "bpx_internal.h"

/* Removes obj[key] and returns its number value, or NAN when absent or not a
 * number (a non-number is left in place for the 1.x reader to report). */
static double take_number(json_t *obj, const char *key)
{
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!v || !json_is_number(v)) return NAN;
    double x = json_number_value(v);
    json_object_del(obj, key);
    return x;
}

int cf_bpx_convert_v0(json_t *root, cf_bpx_notes *notes, cf_error *err)
{
    if (json_object_get(root, "State"))
        return cf_error_set(err, CF_EINVAL, "State",
                            "a BPX 0.x file has no State section (State is BPX 1.x): set Header/BPX to \"1.1.0\" or "
                            "remove State");
    json_t *param = json_object_get(root, "Parameterisation");
    json_t *cell = json_is_object(param) ? json_object_get(param, "Cell") : NULL;
    json_t *electrolyte = json_is_object(param) ? json_object_get(param, "Electrolyte") : NULL;
    double ambient = take_number(cell, "Ambient temperature [K]");
    double initial = take_number(cell, "Initial temperature [K]");
    double ce0 = take_number(electrolyte, "Initial concentration [mol.m-3]");
    int had_k = json_is_object(cell) && json_object_get(cell, "Thermal conductivity [W.m-1.K-1]");
    if (had_k) json_object_del(cell, "Thermal conductivity [W.m-1.K-1]");
    json_t *ref = json_is_object(cell) ? json_object_get(cell, "Reference temperature [K]") : NULL;
    if (isnan(ambient)) ambient = json_is_number(ref) ? json_number_value(ref) : 298.15;
    if (isnan(initial)) initial = ambient;

    json_t *ic = json_object(), *te = json_object(), *state = json_object();
    int rc = !ic || !te || !state;
    rc = rc || json_object_set_new(ic, "Initial state-of-charge", json_integer(1));
    rc = rc || json_object_set_new(ic, "Initial temperature [K]", json_real(initial));
    if (!isnan(ce0)) rc = rc || json_object_set_new(ic, "Initial electrolyte concentration [mol.m-3]", json_real(ce0));
    rc = rc || json_object_set_new(te, "Ambient temperature [K]", json_real(ambient));
    if (rc) {
        json_decref(ic);
        json_decref(te);
        json_decref(state);
        return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    }
    json_object_set_new(state, "Initial conditions", ic);
    json_object_set_new(state, "Thermal environment", te);
    if (json_object_set_new(root, "State", state)) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    cf_bpx_note(notes, "a BPX 0.x file, converted to 1.x as the bpx package and PyBaMM do: initial SOC 1, ambient "
                       "%g K, initial %g K%s",
                ambient, initial, had_k ? ", thermal conductivity dropped" : "");
    return CF_OK;
}
