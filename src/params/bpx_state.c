/* bpx_state.c — BPX "State": the initial SOC and temperatures, and
 * "Degradation" applied to the cell (docs/bpx.md, "State").
 *
 * Initial concentrations follow BPX's own definition (the bpx package's
 * get_electrode_concentrations): with the file's stoichiometry limits,
 *     negative  sto = min + SOC (max - min)
 *     positive  sto = max - SOC (max - min)
 * so a file whose limits sit at its cut-off voltages (which the bpx package
 * checks) starts where PyBaMM starts it.
 *
 * Degradation makes an aged cell at that SOC: LAM removes a fraction of each
 * phase's active material (its volume fraction, lithium and all), LLI a
 * fraction of the fresh cell's lithium; the aged cell is then placed at the
 * same SOC between its own cut-off open-circuit states (cf_bpx_windows),
 * because the fresh stoichiometry limits no longer bound it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_ranges.h"
#include "bpx_internal.h"
#include "cell_json_internal.h"

#define STO_FLOOR 1e-9 /* c_s = 0 or c_max stops the kinetics: keep inside */

static const char *const STATE_KEYS[] = {"Initial conditions", "Thermal environment", "Thermal state",
                                         "Degradation", NULL};
static const char *const INITIAL_KEYS[] = {"Initial state-of-charge",
                                           "Initial temperature [K]",
                                           "Initial electrolyte concentration [mol.m-3]",
                                           "Initial hysteresis state: Positive electrode",
                                           "Initial hysteresis state: Negative electrode",
                                           NULL};
static const char *const THERMAL_KEYS[] = {"Ambient temperature [K]", "Heat transfer coefficient [W.m-2.K-1]", NULL};
static const char *const DEGRADATION_KEYS[] = {"LLI", "LAM: Negative electrode", "LAM: Positive electrode", NULL};

int cf_bpx_read_state(const json_t *state, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    cf_bpx_info *info = ctx->info;
    info->initial_soc = 1.0;
    info->initial_temperature_K = info->ambient_temperature_K = info->heat_transfer_coefficient = NAN;
    ctx->ce0 = 1000.0;
    if (!state) {
        cf_bpx_note(&info->notes, "no State section: initial SOC 1, electrolyte at 1000 mol/m3, cell at the "
                                  "reference temperature");
        return CF_OK;
    }
    if (!json_is_object(state))
        return cf_error_set(err, CF_EINVAL, "State", "State must be an object (got %s)", cf_cell_json_type_name(state));
    if (cf_bpx_check_keys(state, "State", STATE_KEYS, NULL, err)) return CF_EINVAL;
    const cf_range *tk = cf_quantity_range(CF_QTY_TEMPERATURE_K); /* the simulator's range */
    const json_t *ic, *te;
    if (cf_bpx_object(state, "State", "Initial conditions", 0, &ic, err)) return CF_EINVAL;
    if (ic) {
        const char *P = "State/Initial conditions";
        int has_soc, has_ce;
        if (cf_bpx_check_keys(ic, P, INITIAL_KEYS, NULL, err) ||
            cf_bpx_number(ic, P, "Initial state-of-charge", 0, 1.0, &info->initial_soc, &has_soc, err) ||
            cf_bpx_range(info->initial_soc, P, "Initial state-of-charge", 0, 1, 0, 0, err) ||
            cf_bpx_number(ic, P, "Initial temperature [K]", 0, NAN, &info->initial_temperature_K, NULL, err) ||
            (!isnan(info->initial_temperature_K) &&
             cf_bpx_range(info->initial_temperature_K, P, "Initial temperature [K]", tk->lo, tk->hi, 0, 0, err)) ||
            cf_bpx_number(ic, P, "Initial electrolyte concentration [mol.m-3]", 0, 1000.0, &ctx->ce0, &has_ce, err) ||
            cf_bpx_range(ctx->ce0, P, "Initial electrolyte concentration [mol.m-3]", 0, 2e4, 1, 0, err))
            return CF_EINVAL;
        if (!has_soc) cf_bpx_note(&info->notes, "no Initial state-of-charge: the cell starts full (SOC 1)");
        if (!has_ce)
            cf_bpx_note(&info->notes, "no Initial electrolyte concentration [mol.m-3]: 1000 mol/m3 assumed");
        if (json_object_get(ic, "Initial hysteresis state: Positive electrode") ||
            json_object_get(ic, "Initial hysteresis state: Negative electrode"))
            cf_bpx_note(&info->notes, "initial hysteresis states are ignored (no OCP hysteresis model)");
    }
    const char *tkey = json_object_get(state, "Thermal state") ? "Thermal state" : "Thermal environment";
    if (cf_bpx_object(state, "State", tkey, 0, &te, err)) return CF_EINVAL;
    if (te) {
        char P[64];
        snprintf(P, sizeof P, "State/%s", tkey);
        if (cf_bpx_check_keys(te, P, THERMAL_KEYS, NULL, err) ||
            cf_bpx_number(te, P, "Ambient temperature [K]", 0, NAN, &info->ambient_temperature_K, NULL, err) ||
            (!isnan(info->ambient_temperature_K) &&
             cf_bpx_range(info->ambient_temperature_K, P, "Ambient temperature [K]", tk->lo, tk->hi, 0, 0, err)) ||
            cf_bpx_number(te, P, "Heat transfer coefficient [W.m-2.K-1]", 0, NAN, &info->heat_transfer_coefficient,
                          NULL, err))
            return CF_EINVAL;
        if (strcmp(tkey, "Thermal state") == 0)
            cf_bpx_note(&info->notes, "State/Thermal state read as State/Thermal environment (its BPX 1.x name)");
    }
    (void)c;
    return CF_OK;
}

/* LAM of one electrode: a number, or {material: number} for a blend. */
static int read_lam(const json_t *deg, const char *key, int side, const bpx_ctx *ctx, const cf_electrode *e,
                    double *lam, cf_error *err)
{
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, "State/Degradation", key);
    const json_t *v = json_object_get(deg, key);
    if (!v) return cf_error_set(err, CF_EINVAL, where, "%s is required (a fraction in [0, 1))", where);
    if (json_is_number(v)) {
        double x = json_number_value(v);
        if (cf_bpx_range(x, "State/Degradation", key, 0, 1, 0, 1, err)) return CF_EINVAL;
        for (int i = 0; i < e->n_phases; i++) lam[i] = x;
        return CF_OK;
    }
    int blend = ctx->phase_names[side][0][0] != '\0';
    if (!json_is_object(v) || !blend)
        return cf_error_set(err, CF_EINVAL, where, "%s must be a number%s (got %s)", where,
                            blend ? " or {material: number} naming each Particle" : "",
                            cf_cell_json_type_name(v));
    for (int i = 0; i < e->n_phases; i++) {
        const json_t *m = json_object_get(v, ctx->phase_names[side][i]);
        char wm[CF_BPX_PATH_MAX];
        cf_bpx_path(wm, sizeof wm, where, ctx->phase_names[side][i]);
        if (!m) return cf_error_set(err, CF_EINVAL, wm, "%s is required (a fraction for each Particle material)", wm);
        if (cf_cell_json_number(m, wm, &lam[i], err) ||
            cf_bpx_range(lam[i], where, ctx->phase_names[side][i], 0, 1, 0, 1, err))
            return CF_EINVAL;
    }
    if (json_object_size(v) != (size_t)e->n_phases) {
        const char *name;
        json_t *m;
        json_object_foreach((json_t *)v, name, m) {
            int known = 0;
            for (int i = 0; i < e->n_phases; i++) known |= strcmp(name, ctx->phase_names[side][i]) == 0;
            if (!known) {
                char wm[CF_BPX_PATH_MAX];
                return cf_error_set(err, CF_EINVAL, cf_bpx_path(wm, sizeof wm, where, name),
                                    "'%.60s' is not a Particle material of this electrode", name);
            }
        }
    }
    return CF_OK;
}

static int apply_degradation(const json_t *deg, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    const char *P = "State/Degradation";
    cf_bpx_info *info = ctx->info;
    if (!json_is_object(deg))
        return cf_error_set(err, CF_EINVAL, P, "%s must be an object (got %s)", P, cf_cell_json_type_name(deg));
    if (cf_bpx_check_keys(deg, P, DEGRADATION_KEYS, NULL, err) ||
        cf_bpx_number(deg, P, "LLI", 1, 0, &info->lli, NULL, err) ||
        cf_bpx_range(info->lli, P, "LLI", 0, 1, 0, 1, err) ||
        read_lam(deg, "LAM: Negative electrode", 0, ctx, &c->neg, info->lam_neg, err) ||
        read_lam(deg, "LAM: Positive electrode", 1, ctx, &c->pos, info->lam_pos, err))
        return CF_EINVAL;
    int any = info->lli > 0;
    for (int i = 0; i < CF_MAX_PHASES; i++) any |= info->lam_neg[i] > 0 || info->lam_pos[i] > 0;
    if (!any) return CF_OK;
    double fresh = cf_bpx_cell_lithium(c);
    for (int i = 0; i < c->neg.n_phases; i++) c->neg.phase[i].active_fraction *= 1.0 - info->lam_neg[i];
    for (int i = 0; i < c->pos.n_phases; i++) c->pos.phase[i].active_fraction *= 1.0 - info->lam_pos[i];
    double n_li = cf_bpx_cell_lithium(c) - info->lli * fresh;
    double st0[2][CF_MAX_PHASES], st100[2][CF_MAX_PHASES];
    if (!(n_li > 0) || cf_bpx_windows(c, n_li, st0, st100))
        return cf_error_set(err, CF_EINVAL, P,
                            "after this degradation the cell's open-circuit voltage never reaches both cut-offs "
                            "(%g V and %g V), so the initial SOC %g cannot be placed; check LLI and LAM",
                            c->v_min, c->v_max, info->initial_soc);
    cf_electrode *es[2] = {&c->neg, &c->pos};
    double s = info->initial_soc;
    for (int side = 0; side < 2; side++)
        for (int i = 0; i < es[side]->n_phases; i++) {
            double sto = st0[side][i] + s * (st100[side][i] - st0[side][i]);
            es[side]->phase[i].c_init = fmin(fmax(sto, STO_FLOOR), 1 - STO_FLOOR) * es[side]->phase[i].c_max;
        }
    cf_bpx_note(&info->notes,
                "degradation applied: LLI %g of the lithium, LAM %g (negative) and %g (positive) of the active "
                "material; the aged cell is placed at SOC %g between its cut-off voltages",
                info->lli, info->lam_neg[0], info->lam_pos[0], s);
    return CF_OK;
}

int cf_bpx_apply_state(const json_t *state, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    cf_bpx_info *info = ctx->info;
    /* Isothermal models hold the cell at the ambient temperature (PyBaMM's
     * isothermal option does the same); fall back as the bpx converter does. */
    double T = !isnan(info->ambient_temperature_K) ? info->ambient_temperature_K
             : !isnan(info->initial_temperature_K) ? info->initial_temperature_K
                                                   : c->T_ref;
    if (isnan(info->ambient_temperature_K))
        cf_bpx_note(&info->notes, "no Ambient temperature [K]: the cell is held at %g K", T);
    else if (!isnan(info->initial_temperature_K) && info->initial_temperature_K != info->ambient_temperature_K)
        cf_bpx_note(&info->notes,
                    "an isothermal run holds the cell at the ambient %g K, not the initial %g K (--thermal lumped "
                    "starts there)", T, info->initial_temperature_K);
    c->T_K = T;
    if (c->thermal.present) { /* a thermal model starts at the initial temperature */
        c->thermal.T_ambient_K = T;
        c->thermal.T_initial_K = isnan(info->initial_temperature_K) ? T : info->initial_temperature_K;
        c->thermal.h_W_m2_K = isnan(info->heat_transfer_coefficient) ? 0.0 : info->heat_transfer_coefficient;
        if (isnan(info->heat_transfer_coefficient))
            cf_bpx_note(&info->notes, "no Heat transfer coefficient [W.m-2.K-1]: 0 (adiabatic) for --thermal lumped");
    }
    if (isnan(info->ambient_temperature_K)) info->ambient_temperature_K = T;
    if (isnan(info->initial_temperature_K)) info->initial_temperature_K = T;
    double s = info->initial_soc;
    int clamped = 0;
    cf_electrode *es[2] = {&c->neg, &c->pos};
    for (int side = 0; side < 2; side++)
        for (int i = 0; i < es[side]->n_phases; i++) {
            double sto = cf_bpx_map_sto(side, ctx->sto_min[side][i], ctx->sto_max[side][i], s);
            if (sto < STO_FLOOR || sto > 1 - STO_FLOOR) {
                sto = fmin(fmax(sto, STO_FLOOR), 1 - STO_FLOOR);
                clamped = 1;
            }
            es[side]->phase[i].c_init = sto * es[side]->phase[i].c_max;
        }
    if (clamped)
        cf_bpx_note(&info->notes, "an initial stoichiometry of exactly 0 or 1 was moved %g inside (the kinetics "
                                  "vanish at the ends)", STO_FLOOR);
    const json_t *deg = state ? json_object_get(state, "Degradation") : NULL;
    return deg ? apply_degradation(deg, ctx, c, err) : CF_OK;
}
