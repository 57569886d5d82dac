/* bpx_params.c — BPX "Parameterisation" into a cf_cell (mappings: docs/bpx.md).
 *
 * The less obvious conversions, as PyBaMM's BPX import makes them:
 *   active volume fraction   = surface area per unit volume x radius / 3
 *   Bruggeman exponent       = ln(transport efficiency) / ln(porosity)
 *   electrode conductivity   = BPX's value, already effective (exponent 0)
 *   electrode area           = area x number of electrode pairs
 *   j0 = F k sqrt(c_e/c_e0 c_s/c_max (1 - c_s/c_max))  (BPX, k the reaction
 *        rate constant)  =  j0_ref sqrt(c_e c_s (c_max - c_s))
 *        with j0_ref = F k / (c_max sqrt(c_e0)), c_e0 the initial electrolyte
 *        concentration; j = 2 j0 sinh(F eta / 2RT) is Butler-Volmer with
 *        alpha = 1/2.
 * Values are range-checked here under their BPX keys; cf_cell_validate then
 * checks the cell as a whole. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpx_internal.h"
#include "cell_json_internal.h"

#define E_MAX 5e5 /* J/mol: the model's range for activation energies */

static const char *const CELL_KEYS[] = {"Electrode area [m2]",
                                        "External surface area [m2]",
                                        "Volume [m3]",
                                        "Number of electrode pairs connected in parallel to make a cell",
                                        "Lower voltage cut-off [V]",
                                        "Upper voltage cut-off [V]",
                                        "Nominal cell capacity [A.h]",
                                        "Reference temperature [K]",
                                        "Density [kg.m-3]",
                                        "Specific heat capacity [J.K-1.kg-1]",
                                        NULL};
static const bpx_hint CELL_HINTS[] = {
    {"Initial temperature [K]", "BPX 1.0 moved it to State/Initial conditions"},
    {"Ambient temperature [K]", "BPX 1.0 moved it to State/Thermal environment"},
    {"Thermal conductivity [W.m-1.K-1]", "it is not part of BPX 1.x (give it in Parameterisation/User-defined)"},
    {NULL, NULL}};

static const char *const ELECTROLYTE_KEYS[] = {"Cation transference number", "Diffusivity [m2.s-1]",
                                               "Diffusivity activation energy [J.mol-1]", "Conductivity [S.m-1]",
                                               "Conductivity activation energy [J.mol-1]", NULL};
static const bpx_hint ELECTROLYTE_HINTS[] = {
    {"Initial concentration [mol.m-3]",
     "BPX 1.0 renamed it 'Initial electrolyte concentration [mol.m-3]' and moved it to State/Initial conditions"},
    {NULL, NULL}};

#define PARTICLE_KEY_LIST                                                                                      \
    "Minimum stoichiometry", "Maximum stoichiometry", "Maximum concentration [mol.m-3]", "Particle radius [m]",   \
        "Surface area per unit volume [m-1]", "Diffusivity [m2.s-1]", "Diffusivity activation energy [J.mol-1]", \
        "OCP [V]", "OCP (delithiation) [V]", "OCP (lithiation) [V]", "OCP hysteresis decay constant",            \
        "Entropic change coefficient [V.K-1]", "Reaction rate constant [mol.m-2.s-1]",                           \
        "Reaction rate constant activation energy [J.mol-1]"
#define ELECTRODE_KEY_LIST "Thickness [m]", "Porosity", "Transport efficiency", "Conductivity [S.m-1]"

static const char *const PARTICLE_KEYS[] = {PARTICLE_KEY_LIST, NULL};
static const char *const ELECTRODE_SINGLE_KEYS[] = {ELECTRODE_KEY_LIST, PARTICLE_KEY_LIST, NULL};
static const char *const ELECTRODE_BLEND_KEYS[] = {ELECTRODE_KEY_LIST, "Particle", NULL};
static const char *const SEPARATOR_KEYS[] = {"Thickness [m]", "Porosity", "Transport efficiency", NULL};

/* ---- Cell ---- */

/* BPX 1.x carries no thermal conductivity and no collectors: a layer
 * conductivity of 1 W/(m K) [ASSUME: between a separator's 0.2 and a
 * coating's 2] (the lumped model does not use it) and collectors of zero
 * thickness (no collector heat; the conductivity only keeps r_cc defined). */
#define BPX_THERMAL_CONDUCTIVITY 1.0
#define BPX_CC_CONDUCTIVITY 1e9

static int read_cell(const json_t *param, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    const char *P = "Parameterisation/Cell";
    const json_t *o;
    if (cf_bpx_object(param, "Parameterisation", "Cell", 1, &o, err)) return CF_EINVAL;
    if (cf_bpx_check_keys(o, P, CELL_KEYS, CELL_HINTS, err)) return CF_EINVAL;
    double area, pairs, Tref;
    int has_Tref;
    if (cf_bpx_number(o, P, "Electrode area [m2]", 1, 0, &area, NULL, err) ||
        cf_bpx_range(area, P, "Electrode area [m2]", 0, 1e4, 1, 0, err))
        return CF_EINVAL;
    const char *kp = "Number of electrode pairs connected in parallel to make a cell";
    if (cf_bpx_number(o, P, kp, 1, 0, &pairs, NULL, err) || cf_bpx_range(pairs, P, kp, 1, 1e5, 0, 0, err))
        return CF_EINVAL;
    if (pairs != floor(pairs)) {
        char where[CF_BPX_PATH_MAX];
        return cf_error_set(err, CF_EINVAL, cf_bpx_path(where, sizeof where, P, kp), "%g must be a whole number",
                            pairs);
    }
    /* PyBaMM divides the current by pairs x area: one cellforge area. */
    c->area_m2 = area * pairs;
    if (cf_bpx_number(o, P, "Lower voltage cut-off [V]", 1, 0, &c->v_min, NULL, err) ||
        cf_bpx_range(c->v_min, P, "Lower voltage cut-off [V]", 0, 10, 0, 0, err) ||
        cf_bpx_number(o, P, "Upper voltage cut-off [V]", 1, 0, &c->v_max, NULL, err) ||
        cf_bpx_range(c->v_max, P, "Upper voltage cut-off [V]", c->v_min, 10, 1, 0, err) ||
        cf_bpx_number(o, P, "Nominal cell capacity [A.h]", 1, 0, &c->nominal_capacity_Ah, NULL, err) ||
        cf_bpx_range(c->nominal_capacity_Ah, P, "Nominal cell capacity [A.h]", 0, 1e6, 1, 0, err) ||
        cf_bpx_number(o, P, "Reference temperature [K]", 0, 298.15, &Tref, &has_Tref, err) ||
        cf_bpx_range(Tref, P, "Reference temperature [K]", 150, 500, 0, 0, err))
        return CF_EINVAL;
    if (!has_Tref)
        cf_bpx_note(&ctx->info->notes, "no Reference temperature [K] in Parameterisation/Cell: 298.15 K assumed");
    c->T_ref = ctx->T_ref = Tref;
    /* Thermal data: the cell's density, specific heat, surface and volume (BPX
     * has no per-layer values, no thermal conductivity and no collectors):
     * every layer gets the cell's rho and c_p, so the lumped heat capacity is
     * rho c_p V as BPX means it. */
    const char *tk[4] = {"Density [kg.m-3]", "Specific heat capacity [J.K-1.kg-1]", "External surface area [m2]",
                         "Volume [m3]"};
    double tv[4];
    int have[4], n_have = 0;
    for (int k = 0; k < 4; k++) {
        if (cf_bpx_number(o, P, tk[k], 0, NAN, &tv[k], &have[k], err)) return CF_EINVAL;
        n_have += have[k];
    }
    if (n_have == 4) {
        if (cf_bpx_range(tv[0], P, tk[0], 0, 3e4, 1, 0, err) || cf_bpx_range(tv[1], P, tk[1], 0, 1e5, 1, 0, err) ||
            cf_bpx_range(tv[2], P, tk[2], 0, 1e4, 0, 0, err) || cf_bpx_range(tv[3], P, tk[3], 0, 10, 1, 0, err))
            return CF_EINVAL;
        cf_thermal *t = &c->thermal;
        t->present = 1;
        for (int l = 0; l < CF_N_LAYERS; l++) {
            t->density_kg_m3[l] = tv[0];
            t->heat_capacity_J_kg_K[l] = tv[1];
            t->conductivity_W_m_K[l] = BPX_THERMAL_CONDUCTIVITY;
        }
        t->cc_thickness_m[0] = t->cc_thickness_m[1] = 0.0;
        t->cc_conductivity_S_m[0] = t->cc_conductivity_S_m[1] = BPX_CC_CONDUCTIVITY;
        t->cooling_area_m2 = tv[2];
        t->volume_m3 = tv[3];
    } else if (n_have > 0) {
        cf_bpx_note(&ctx->info->notes, "Parameterisation/Cell has only part of the thermal data (Density, Specific "
                                       "heat capacity, External surface area, Volume): the cell has none");
    }
    return CF_OK;
}

/* ---- Electrolyte ---- */

static int read_activation(const json_t *o, const char *P, const char *key, double *Ea, cf_error *err)
{
    return cf_bpx_number(o, P, key, 0, 0.0, Ea, NULL, err) || cf_bpx_range(*Ea, P, key, -E_MAX, E_MAX, 0, 0, err);
}

static int read_transport(const json_t *o, const char *P, const char *key, const char *ea_key, bpx_ctx *ctx,
                          cf_fn *f, cf_error *err)
{
    cf_term t;
    double Ea;
    if (read_activation(o, P, ea_key, &Ea, err)) return CF_EINVAL;
    if (cf_bpx_term(o, P, key, 1, 1, &t, err)) return CF_EINVAL;
    if (t.kind == CF_TERM_CONST && !(t.value > 0)) {
        char where[CF_BPX_PATH_MAX];
        return cf_error_set(err, CF_EINVAL, cf_bpx_path(where, sizeof where, P, key), "%s must be > 0 (got %g)",
                            where, t.value);
    }
    cf_fn_release(f);
    return cf_bpx_make_fn(&t, NULL, Ea, ctx->T_ref, f, err);
}

static int read_electrolyte(const json_t *param, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    const char *P = "Parameterisation/Electrolyte";
    const json_t *o;
    c->electrolyte.c_init = ctx->ce0;
    c->electrolyte.thermodynamic_factor = 1.0; /* BPX has none; PyBaMM sets 1 */
    if (cf_bpx_object(param, "Parameterisation", "Electrolyte", !ctx->spm_type, &o, err)) return CF_EINVAL;
    if (!o) {
        /* An SPM file: the SPM never looks at the electrolyte, but the cell
         * must be complete to load. */
        c->electrolyte.t_plus = 0.3;
        cf_fn_set_constant(&c->electrolyte.diffusivity, 3e-10);
        cf_fn_set_constant(&c->electrolyte.conductivity, 1.0);
        return CF_OK;
    }
    if (cf_bpx_check_keys(o, P, ELECTROLYTE_KEYS, ELECTROLYTE_HINTS, err)) return CF_EINVAL;
    if (cf_bpx_number(o, P, "Cation transference number", 1, 0, &c->electrolyte.t_plus, NULL, err) ||
        cf_bpx_range(c->electrolyte.t_plus, P, "Cation transference number", 0, 1, 0, 1, err))
        return CF_EINVAL;
    if (read_transport(o, P, "Diffusivity [m2.s-1]", "Diffusivity activation energy [J.mol-1]", ctx,
                       &c->electrolyte.diffusivity, err) ||
        read_transport(o, P, "Conductivity [S.m-1]", "Conductivity activation energy [J.mol-1]", ctx,
                       &c->electrolyte.conductivity, err))
        return CF_EINVAL;
    return CF_OK;
}

/* ---- particles ---- */

/* The particle diffusivity: a number, or a function of the stoichiometry
 * (an expression in x or a table) that the particles evaluate as given; its
 * activation energy stays an Arrhenius factor applied by the model.  The
 * number diffusivity_m2_s records its value at stoichiometry 0.5 (reports). */
static int particle_diffusivity(cf_term *t, const char *where, double lo, double hi, bpx_ctx *ctx, cf_phase *ph,
                                cf_error *err)
{
    if (t->kind == CF_TERM_CONST || (t->kind == CF_TERM_EXPR && !cf_expr_uses_x(t->expr))) {
        ph->diffusivity_m2_s = cf_term_eval(t, 0.0, NULL);
        cf_fn_release(&ph->diffusivity_fn);
        if (!(ph->diffusivity_m2_s > 0) || !isfinite(ph->diffusivity_m2_s))
            return cf_error_set(err, CF_EINVAL, where, "%s must be > 0 (got %g)", where, ph->diffusivity_m2_s);
        return CF_OK;
    }
    for (int k = 0; k <= 100; k++) {
        double s = k / 100.0, d = cf_term_eval(t, s, NULL);
        if (!(d > 0) || !isfinite(d))
            return cf_error_set(err, CF_EINVAL, where, "%s is %g at stoichiometry %g; it must be > 0 over 0..1",
                                where, d, s);
    }
    ph->diffusivity_m2_s = cf_term_eval(t, 0.5, NULL);
    cf_fn_release(&ph->diffusivity_fn);
    return cf_bpx_make_fn(t, NULL, 0.0, ctx->T_ref, &ph->diffusivity_fn, err);
}

static int read_particle(const json_t *o, const char *P, bpx_ctx *ctx, int side, int i, cf_phase *ph, cf_error *err)
{
    double lo, hi, a, k;
    if (cf_bpx_number(o, P, "Minimum stoichiometry", 1, 0, &lo, NULL, err) ||
        cf_bpx_range(lo, P, "Minimum stoichiometry", 0, 1, 0, 0, err) ||
        cf_bpx_number(o, P, "Maximum stoichiometry", 1, 0, &hi, NULL, err) ||
        cf_bpx_range(hi, P, "Maximum stoichiometry", lo, 1, 0, 0, err) ||
        cf_bpx_number(o, P, "Maximum concentration [mol.m-3]", 1, 0, &ph->c_max, NULL, err) ||
        cf_bpx_range(ph->c_max, P, "Maximum concentration [mol.m-3]", 0, 1e6, 1, 0, err) ||
        cf_bpx_number(o, P, "Particle radius [m]", 1, 0, &ph->particle_radius_m, NULL, err) ||
        cf_bpx_range(ph->particle_radius_m, P, "Particle radius [m]", 0, 1e-3, 1, 0, err) ||
        cf_bpx_number(o, P, "Surface area per unit volume [m-1]", 1, 0, &a, NULL, err) ||
        cf_bpx_range(a, P, "Surface area per unit volume [m-1]", 0, 1e12, 1, 0, err) ||
        read_activation(o, P, "Diffusivity activation energy [J.mol-1]", &ph->diffusivity_Ea_J_mol, err) ||
        cf_bpx_number(o, P, "Reaction rate constant [mol.m-2.s-1]", 1, 0, &k, NULL, err) ||
        cf_bpx_range(k, P, "Reaction rate constant [mol.m-2.s-1]", 0, 1e3, 1, 0, err) ||
        read_activation(o, P, "Reaction rate constant activation energy [J.mol-1]", &ph->j0_Ea_J_mol, err))
        return CF_EINVAL;
    ctx->sto_min[side][i] = lo;
    ctx->sto_max[side][i] = hi;
    ph->active_fraction = cf_bpx_map_active_fraction(a, ph->particle_radius_m);
    ph->j0_ref = cf_bpx_map_j0_ref(k, ph->c_max, ctx->ce0);
    ph->alpha = 0.5; /* j = 2 j0 sinh(F eta / 2RT) */
    ph->volume_expansion = 0.0;

    char where[CF_BPX_PATH_MAX];
    cf_term t;
    if (cf_bpx_term(o, P, "Diffusivity [m2.s-1]", 1, 1, &t, err)) return CF_EINVAL;
    int rc = particle_diffusivity(&t, cf_bpx_path(where, sizeof where, P, "Diffusivity [m2.s-1]"), lo, hi, ctx, ph,
                                  err);
    cf_term_clear(&t);
    if (rc) return rc;

    cf_term U, dUdT;
    if (cf_bpx_term(o, P, "OCP [V]", 1, 0, &U, err)) return CF_EINVAL;
    if (cf_bpx_term(o, P, "Entropic change coefficient [V.K-1]", 0, 0, &dUdT, err)) {
        cf_term_clear(&U);
        return CF_EINVAL;
    }
    cf_fn_release(&ph->ocp);
    if (cf_bpx_make_fn(&U, &dUdT, 0.0, ctx->T_ref, &ph->ocp, err)) {
        cf_term_clear(&U);
        cf_term_clear(&dUdT);
        return CF_EINVAL;
    }
    if (json_object_get(o, "OCP (lithiation) [V]") || json_object_get(o, "OCP (delithiation) [V]") ||
        json_object_get(o, "OCP hysteresis decay constant"))
        cf_bpx_note(&ctx->info->notes, "%s: OCP hysteresis branches are ignored; 'OCP [V]' is used throughout", P);
    return CF_OK;
}

/* ---- electrodes ---- */

static int transport_to_bruggeman(double te, double eps, const char *P, double *b, cf_error *err)
{
    if (cf_bpx_range(te, P, "Transport efficiency", 0, 1, 1, 0, err)) return CF_EINVAL;
    *b = cf_bpx_map_bruggeman(te, eps);
    return CF_OK;
}

static int read_porous(const json_t *o, const char *P, bpx_ctx *ctx, double solid, double *eps, double *brugg,
                       cf_error *err)
{
    int has_eps, has_te;
    double te;
    int required = !ctx->spm_type;
    if (cf_bpx_number(o, P, "Porosity", required, 0.5 * (1.0 - solid), eps, &has_eps, err) ||
        cf_bpx_range(*eps, P, "Porosity", 0, 1, 1, 1, err) ||
        cf_bpx_number(o, P, "Transport efficiency", required, -1, &te, &has_te, err))
        return CF_EINVAL;
    if (!has_te) {
        *brugg = 1.5; /* SPM placeholder */
        return CF_OK;
    }
    return transport_to_bruggeman(te, *eps, P, brugg, err);
}

static int read_electrode(const json_t *param, const char *key, bpx_ctx *ctx, int side, cf_electrode *e,
                          cf_error *err)
{
    char P[CF_BPX_PATH_MAX];
    cf_bpx_path(P, sizeof P, "Parameterisation", key);
    const json_t *o;
    if (cf_bpx_object(param, "Parameterisation", key, 1, &o, err)) return CF_EINVAL;
    const json_t *particles = json_object_get(o, "Particle");
    if (particles) {
        for (size_t i = 0; PARTICLE_KEYS[i]; i++)
            if (json_object_get(o, PARTICLE_KEYS[i])) {
                char where[CF_BPX_PATH_MAX];
                return cf_error_set(err, CF_EINVAL, cf_bpx_path(where, sizeof where, P, PARTICLE_KEYS[i]),
                                    "'%s' is given beside 'Particle': a blended electrode gives each material's "
                                    "keys inside %s/Particle/<material>",
                                    PARTICLE_KEYS[i], P);
            }
    }
    if (cf_bpx_check_keys(o, P, particles ? ELECTRODE_BLEND_KEYS : ELECTRODE_SINGLE_KEYS, NULL, err))
        return CF_EINVAL;
    if (cf_bpx_number(o, P, "Thickness [m]", 1, 0, &e->thickness_m, NULL, err) ||
        cf_bpx_range(e->thickness_m, P, "Thickness [m]", 0, 0.01, 1, 0, err))
        return CF_EINVAL;
    const char *side_name = side == 0 ? "negative" : "positive";
    if (!particles) {
        e->n_phases = 1;
        snprintf(e->phase[0].name, sizeof e->phase[0].name, "%s", side_name);
        snprintf(ctx->phase_names[side][0], CF_NAME_MAX, "%s", "");
        if (read_particle(o, P, ctx, side, 0, &e->phase[0], err)) return CF_EINVAL;
    } else {
        char PP[CF_BPX_PATH_MAX];
        cf_bpx_path(PP, sizeof PP, P, "Particle");
        if (!json_is_object(particles) || json_object_size(particles) < 1)
            return cf_error_set(err, CF_EINVAL, PP, "%s must be an object of 1 to %d materials {\"name\": {...}}",
                                PP, CF_MAX_PHASES);
        if (json_object_size(particles) > CF_MAX_PHASES)
            return cf_error_set(err, CF_EINVAL, PP, "%s lists %zu materials; cellforge blends 1 to %d", PP,
                                json_object_size(particles), CF_MAX_PHASES);
        const char *name;
        json_t *po;
        int i = 0;
        json_object_foreach((json_t *)particles, name, po) {
            char Pi[CF_BPX_PATH_MAX];
            cf_bpx_path(Pi, sizeof Pi, PP, name);
            if (!json_is_object(po))
                return cf_error_set(err, CF_EINVAL, Pi, "%s must be an object (got %s)", Pi,
                                    cf_cell_json_type_name(po));
            if (cf_bpx_check_keys(po, Pi, PARTICLE_KEYS, NULL, err)) return CF_EINVAL;
            e->n_phases = i + 1; /* so the cell frees what was read so far */
            snprintf(e->phase[i].name, sizeof e->phase[i].name, "%.*s", CF_NAME_MAX - 1, name);
            snprintf(ctx->phase_names[side][i], CF_NAME_MAX, "%.*s", CF_NAME_MAX - 1, name);
            if (read_particle(po, Pi, ctx, side, i, &e->phase[i], err)) return CF_EINVAL;
            i++;
        }
    }
    double solid = 0;
    for (int i = 0; i < e->n_phases; i++) solid += e->phase[i].active_fraction;
    int has_sigma;
    if (cf_bpx_number(o, P, "Conductivity [S.m-1]", !ctx->spm_type, 100.0, &e->conductivity_S_m, &has_sigma, err) ||
        cf_bpx_range(e->conductivity_S_m, P, "Conductivity [S.m-1]", 0, 1e9, 1, 0, err))
        return CF_EINVAL;
    e->bruggeman_electrode = 0.0; /* BPX's conductivity is already effective */
    if (read_porous(o, P, ctx, solid, &e->porosity, &e->bruggeman_electrolyte, err)) return CF_EINVAL;
    /* Files round the surface area (PyBaMM's Chen2020 positive: 3 x 0.665 /
     * 5.22e-6 = 382183.9 m-1, written 382184), which can push porosity plus
     * active fraction a hair over 1: scale the fractions back to fit. */
    if (e->porosity + solid > 1.0 && e->porosity + solid <= 1.0 + 1e-3) {
        double scale = (1.0 - e->porosity) / solid;
        for (int i = 0; i < e->n_phases; i++) e->phase[i].active_fraction *= scale;
        cf_bpx_note(&ctx->info->notes,
                    "%s: porosity plus active volume fraction is %.9g (> 1 by rounding); the active fraction is "
                    "scaled by %.7g to fit",
                    P, e->porosity + solid, scale);
        solid = 1.0 - e->porosity;
    }
    if (e->porosity + solid > 1.0 + 1e-12) {
        char where[CF_BPX_PATH_MAX];
        return cf_error_set(err, CF_EINVAL, cf_bpx_path(where, sizeof where, P, "Porosity"),
                            "porosity %g plus the active volume fraction %g (surface area per unit volume x particle "
                            "radius / 3) exceed 1",
                            e->porosity, solid);
    }
    return CF_OK;
}

static int read_separator(const json_t *param, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    const char *P = "Parameterisation/Separator";
    const json_t *o;
    if (cf_bpx_object(param, "Parameterisation", "Separator", !ctx->spm_type, &o, err)) return CF_EINVAL;
    if (!o) {
        c->sep = (cf_separator){.thickness_m = 1e-5, .porosity = 0.5, .bruggeman_electrolyte = 1.5};
        return CF_OK;
    }
    if (cf_bpx_check_keys(o, P, SEPARATOR_KEYS, NULL, err)) return CF_EINVAL;
    double te;
    if (cf_bpx_number(o, P, "Thickness [m]", 1, 0, &c->sep.thickness_m, NULL, err) ||
        cf_bpx_range(c->sep.thickness_m, P, "Thickness [m]", 0, 0.01, 1, 0, err) ||
        cf_bpx_number(o, P, "Porosity", 1, 0, &c->sep.porosity, NULL, err) ||
        cf_bpx_range(c->sep.porosity, P, "Porosity", 0, 1, 1, 1, err) ||
        cf_bpx_number(o, P, "Transport efficiency", 1, 0, &te, NULL, err))
        return CF_EINVAL;
    return transport_to_bruggeman(te, c->sep.porosity, P, &c->sep.bruggeman_electrolyte, err);
}

/* An SPM parameterisation gives no electrode conductivity (BPX's own test). */
static int spm_type(const json_t *param, int model_is_spm, int *spm, cf_error *err)
{
    static const char *const sides[] = {"Negative electrode", "Positive electrode"};
    int full[2];
    for (int s = 0; s < 2; s++) {
        const json_t *e = json_object_get(param, sides[s]);
        full[s] = !json_is_object(e) || json_object_get(e, "Conductivity [S.m-1]") != NULL;
    }
    if (full[0] != full[1])
        return cf_error_set(err, CF_EINVAL, "Parameterisation",
                            "the %s has 'Conductivity [S.m-1]' but the %s has not: both electrodes must be full "
                            "(DFN) or both single-particle (SPM) parameterisations",
                            full[0] ? "negative electrode" : "positive electrode",
                            full[0] ? "positive electrode" : "negative electrode");
    if (!full[0] && !model_is_spm)
        return cf_error_set(err, CF_EINVAL, "Parameterisation/Negative electrode/Conductivity [S.m-1]",
                            "Parameterisation/Negative electrode/Conductivity [S.m-1] is required: the header's "
                            "Model needs a full parameterisation (an SPM file has Model \"SPM\")");
    *spm = !full[0];
    return CF_OK;
}

int cf_bpx_read_params(const json_t *param, bpx_ctx *ctx, cf_cell *c, cf_error *err)
{
    static const char *const KEYS[] = {"Cell", "Electrolyte", "Negative electrode", "Positive electrode", "Separator",
                                       "User-defined", NULL};
    if (cf_bpx_check_keys(param, "Parameterisation", KEYS, NULL, err)) return CF_EINVAL;
    int spm = 0;
    if (spm_type(param, ctx->info->model == CF_MODEL_SPM, &spm, err)) return CF_EINVAL;
    ctx->spm_type = spm;
    ctx->info->spm_only = spm;
    if (spm)
        cf_bpx_note(&ctx->info->notes, "an SPM parameterisation (no electrode conductivity): electrolyte, separator "
                                       "and porosity values are placeholders; simulate it with the SPM only");
    const json_t *ud = json_object_get(param, "User-defined");
    if (ud) {
        if (!json_is_object(ud))
            return cf_error_set(err, CF_EINVAL, "Parameterisation/User-defined",
                                "Parameterisation/User-defined must be an object (got %s)", cf_cell_json_type_name(ud));
        size_t n = json_object_size(ud) - (json_object_get(ud, "description") ? 1 : 0);
        if (n)
            cf_bpx_note(&ctx->info->notes, "Parameterisation/User-defined: %zu parameter%s ignored (cellforge's models "
                                           "do not use them)",
                        n, n == 1 ? "" : "s");
    }
    if (read_cell(param, ctx, c, err) || read_electrolyte(param, ctx, c, err) ||
        read_electrode(param, "Negative electrode", ctx, 0, &c->neg, err) ||
        read_electrode(param, "Positive electrode", ctx, 1, &c->pos, err) || read_separator(param, ctx, c, err))
        return CF_EINVAL;
    return CF_OK;
}
