/* cell.c — cell lifetime (copy, free) and physical validation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params/param_table.h"
#include "cellforge/cf_cell.h"
#include "params_internal.h"
#include "cellforge/cf_ranges.h"
#include "expr/fn_expr.h"

static int copy_fn(cf_fn *dst, const cf_fn *src)
{
    *dst = *src;
    if (src->kind == CF_FN_EXPR && cf_fn_expr_clone(src->expr, &dst->expr) != CF_OK) {
        dst->kind = CF_FN_CONSTANT; /* never free the source's expression */
        dst->expr = NULL;
        return CF_ENOMEM;
    }
    if (src->kind != CF_FN_TABLE) return CF_OK;
    dst->x = malloc((size_t)src->n * sizeof(double));
    dst->y = malloc((size_t)src->n * sizeof(double));
    if (!dst->x || !dst->y) {
        free(dst->x);
        free(dst->y);
        dst->x = dst->y = NULL;
        dst->kind = CF_FN_CONSTANT;
        return CF_ENOMEM;
    }
    memcpy(dst->x, src->x, (size_t)src->n * sizeof(double));
    memcpy(dst->y, src->y, (size_t)src->n * sizeof(double));
    return CF_OK;
}

static void free_fn(cf_fn *f)
{
    if (f->kind == CF_FN_TABLE) {
        free(f->x);
        free(f->y);
    }
    if (f->kind == CF_FN_EXPR) cf_fn_expr_destroy(f->expr);
    f->x = f->y = NULL;
    f->expr = NULL;
}

/* Every material function a cell owns, so copy and free treat them alike. */
static int cell_fns(cf_cell *c, cf_fn **out)
{
    int n = 0;
    for (int i = 0; i < CF_MAX_PHASES; i++) out[n++] = &c->neg.phase[i].ocp;
    for (int i = 0; i < CF_MAX_PHASES; i++) out[n++] = &c->pos.phase[i].ocp;
    for (int i = 0; i < CF_MAX_PHASES; i++) out[n++] = &c->neg.phase[i].diffusivity_fn;
    for (int i = 0; i < CF_MAX_PHASES; i++) out[n++] = &c->pos.phase[i].diffusivity_fn;
    for (int i = 0; i < CF_MAX_PHASES; i++) out[n++] = &c->neg.phase[i].entropic;
    for (int i = 0; i < CF_MAX_PHASES; i++) out[n++] = &c->pos.phase[i].entropic;
    out[n++] = &c->electrolyte.diffusivity;
    out[n++] = &c->electrolyte.conductivity;
    return n;
}
#define CF_CELL_FNS (6 * CF_MAX_PHASES + 2)

double cf_cell_start_soc(const cf_cell *cell, double crate)
{
    /* lithium-metal and reservoir cells start as assembled either way */
    if (cell->neg.planar || cell->reservoir.present) return NAN;
    if (crate < 0) return 0.0;
    return crate > 0 && cell->assembled_discharged ? 1.0 : NAN;
}

double cf_cell_negative_layer_m(const cf_cell *c)
{
    return c->neg.planar ? 0.0 : c->neg.thickness_m;
}

double cf_reservoir_resistance(const cf_cell *c)
{
    const cf_reservoir *r = &c->reservoir;
    if (!(r->path_length_m > 0)) return r->ionic_resistance_ohm;
    /* the separator's effective conductivity over the reservoir's contact */
    double kappa = cf_fn_eval(&c->electrolyte.conductivity, c->electrolyte.c_init, c->T_K, NULL) *
                   (1.0 - c->electrolyte.transport_reduction) * pow(c->sep.porosity, c->sep.bruggeman_electrolyte);
    return r->path_length_m / (kappa * r->area_m2);
}

void cf_cell_free(cf_cell *cell)
{
    if (!cell) return;
    cf_fn *fns[CF_CELL_FNS];
    int n = cell_fns(cell, fns);
    for (int i = 0; i < n; i++) free_fn(fns[i]);
    free(cell);
}

int cf_cell_copy(const cf_cell *src, cf_cell **out, cf_error *err)
{
    *out = NULL;
    cf_cell *c = malloc(sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, src->name, "out of memory");
    *c = *src;
    /* Tables are re-pointed below; mark them empty first so a failed copy frees safely. */
    cf_fn *dst[CF_CELL_FNS], *from[CF_CELL_FNS];
    int n = cell_fns(c, dst);
    cell_fns((cf_cell *)src, from);
    for (int i = 0; i < n; i++)
        if (dst[i]->kind == CF_FN_TABLE || dst[i]->kind == CF_FN_EXPR) dst[i]->kind = CF_FN_CONSTANT;
    for (int i = 0; i < n; i++)
        if (copy_fn(dst[i], from[i]) != CF_OK) {
            cf_cell_free(c);
            return cf_error_set(err, CF_ENOMEM, src->name, "out of memory");
        }
    *out = c;
    return CF_OK;
}

/* Range checks.  `lo_open`/`hi_open` make a bound exclusive. */
static int check(cf_error *err, const char *key, double v, double lo, double hi, int lo_open, int hi_open)
{
    int bad = !isfinite(v) || (lo_open ? v <= lo : v < lo) || (hi_open ? v >= hi : v > hi);
    if (!bad) return CF_OK;
    return cf_error_set(err, CF_EINVAL, key, "%g is outside the allowed range %s%g, %g%s", v,
                        lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]");
}

static int validate_phase(const cf_phase *e, const char *side, int i, int n, cf_error *err)
{
    char key[96], prefix[48];
    /* A single material is written flat on the electrode; a blend's in phases[]. */
    if (n == 1) snprintf(prefix, sizeof prefix, "%s", side);
    else snprintf(prefix, sizeof prefix, "%.20s.phases[%d]", side, i % 10);
    /* Only the first phase must be present; further ones may be switched off
     * with a zero fraction (a blend reduced to one material). */
    double min_fraction = i == 0 ? 0 : -1;
#define CHECK(field, lo, hi, lo_open, hi_open)                                             \
    do {                                                                                   \
        snprintf(key, sizeof key, "%s.%s", prefix, #field);                               \
        if (check(err, key, e->field, lo, hi, lo_open, hi_open)) return CF_EINVAL;         \
    } while (0)
    if (min_fraction < 0) CHECK(active_fraction, 0, 1, 0, 0);
    else CHECK(active_fraction, 0, 1, 1, 0);
    CHECK(particle_radius_m, 0, 1e-3, 1, 0);
    CHECK(c_max, 0, 1e6, 1, 0);
    CHECK(c_init, 0, e->c_max, 1, 1);
    CHECK(diffusivity_m2_s, 0, 1e-6, 1, 0);
    CHECK(diffusivity_Ea_J_mol, 0, 5e5, 0, 0);
    CHECK(j0_ref, 0, 1e3, 1, 0);
    CHECK(j0_Ea_J_mol, 0, 5e5, 0, 0);
    CHECK(alpha, 0, 1, 1, 1);
    CHECK(volume_expansion, -0.9, 10, 0, 0);
#undef CHECK
    if (e->diffusivity_fn.kind != CF_FN_CONSTANT) {
        /* D(sto) must stay a diffusivity over the whole stoichiometry range
         * the particles can reach (the harmonic face mean needs D > 0). */
        snprintf(key, sizeof key, "%s.diffusivity_m2_s", prefix);
        for (int k = 0; k <= 100; k++) {
            double sto = k / 100.0, D = cf_fn_eval(&e->diffusivity_fn, sto, 298.15, NULL);
            if (!(D > 0 && D <= 1e-6))
                return cf_error_set(err, CF_EINVAL, key,
                                    "%s is %g m2/s at stoichiometry %g; a solid diffusivity must be in (0, 1e-6] "
                                    "over 0..1",
                                    key, D, sto);
        }
    }
    return CF_OK;
}

static int validate_planar(const cf_electrode *e, const char *side, cf_error *err)
{
    char key[96];
    if (strcmp(side, "negative") != 0)
        return cf_error_set(err, CF_EINVAL, side, "only the negative electrode can be planar lithium metal");
    if (e->n_phases != 0)
        return cf_error_set(err, CF_EINVAL, side, "a planar lithium-metal negative has no particle phases (%d given)",
                            e->n_phases);
    snprintf(key, sizeof key, "%s.li_metal_mol_m2", side);
    if (check(err, key, e->li_metal_mol_m2, 0, 1e4, 0, 0)) return CF_EINVAL;
    snprintf(key, sizeof key, "%s.li_j0_ref", side);
    if (check(err, key, e->li_j0_ref, 0, 1e5, 1, 0)) return CF_EINVAL;
    snprintf(key, sizeof key, "%s.plating_efficiency", side);
    if (check(err, key, e->plating_efficiency, 0, 1, 1, 0)) return CF_EINVAL;
    /* Why: i_ref a current density a cell can plate at (up to 100 mA/cm2);
     * beta up to cubic (the losses' growth with current density) */
    snprintf(key, sizeof key, "%s.plating_efficiency_current_A_m2", side);
    if (e->plating_efficiency_ref_A_m2 != 0 && check(err, key, e->plating_efficiency_ref_A_m2, 0, 1e3, 1, 0))
        return CF_EINVAL;
    snprintf(key, sizeof key, "%s.plating_efficiency_exponent", side);
    if (check(err, key, e->plating_efficiency_exponent, 0, 3, 0, 0)) return CF_EINVAL;
    return CF_OK;
}

static int validate_electrode(const cf_electrode *e, const char *side, cf_error *err)
{
    char key[96];
    if (cf_sei_validate(e, side, err) || cf_li_plating_validate(e, side, err) || cf_lam_validate(e, side, err) ||
        cf_crack_validate(e, side, err))
        return CF_EINVAL;
    if (e->planar) return validate_planar(e, side, err);
    if (e->plating) {
        snprintf(key, sizeof key, "%s.plating_j0_A_m2", side);
        if (strcmp(side, "negative") != 0)
            return cf_error_set(err, CF_EINVAL, key, "lithium plating is modelled on the negative only");
        if (check(err, key, e->plating_j0_A_m2, 0, 1e5, 1, 0)) return CF_EINVAL;
        snprintf(key, sizeof key, "%s.plating_efficiency", side);
        if (check(err, key, e->plating_efficiency, 0, 1, 1, 0)) return CF_EINVAL;
    }
#define CHECK(field, lo, hi, lo_open, hi_open)                                             \
    do {                                                                                   \
        snprintf(key, sizeof key, "%s.%s", side, #field);                                 \
        if (check(err, key, e->field, lo, hi, lo_open, hi_open)) return CF_EINVAL;         \
    } while (0)
    CHECK(thickness_m, 0, 0.01, 1, 0);
    CHECK(porosity, 0, 1, 1, 1);
    CHECK(conductivity_S_m, 0, 1e9, 1, 0);
    CHECK(bruggeman_electrolyte, 0, 10, 0, 0);
    CHECK(bruggeman_electrode, 0, 10, 0, 0);
    CHECK(thickness_swelling, 0, 1, 0, 0);
#undef CHECK
    if (e->n_phases < 1 || e->n_phases > CF_MAX_PHASES) {
        snprintf(key, sizeof key, "%s.phases", side);
        return cf_error_set(err, CF_EINVAL, key, "%d active materials; allowed 1 to %d", e->n_phases, CF_MAX_PHASES);
    }
    double solid = 0;
    for (int i = 0; i < e->n_phases; i++) {
        if (validate_phase(&e->phase[i], side, i, e->n_phases, err)) return CF_EINVAL;
        solid += e->phase[i].active_fraction;
    }
    snprintf(key, sizeof key, "%s.porosity+active_fraction", side);
    if (e->porosity + solid > 1 + 1e-12)
        return cf_error_set(err, CF_EINVAL, key,
                            "porosity %g plus active volume fraction %g exceed 1 (no room for the solid)",
                            e->porosity, solid);
    return CF_OK;
}

int cf_cell_validate(const cf_cell *c, cf_error *err)
{
    if (validate_electrode(&c->neg, "negative", err)) return CF_EINVAL;
    if (validate_electrode(&c->pos, "positive", err)) return CF_EINVAL;
    if (c->reservoir.present) {
        /* Physical ranges: a contact from 0.01 mm2 to 1 m2, a path from 1 um to
         * 1 m, lithium's exchange current from 1 mA/m2 to 10 kA/m2.  A
         * reservoir larger than the positive can take is allowed: the rest
         * stays metallic and pulls the positive towards lithium's potential. */
        if (check(err, "reservoir.li_mol", c->reservoir.li_mol, 0, 1e6, 1, 0)) return CF_EINVAL;
        if (check(err, "reservoir.area_m2", c->reservoir.area_m2, 1e-8, 1, 0, 0)) return CF_EINVAL;
        if (check(err, "reservoir.exchange_current_A_m2", c->reservoir.j0_ref, 1e-3, 1e4, 0, 0)) return CF_EINVAL;
        if (check(err, "reservoir.ionic_resistance_ohm", c->reservoir.ionic_resistance_ohm, 0, 1e9, 0, 0))
            return CF_EINVAL;
        if (check(err, "reservoir.alloy_potential_V", c->reservoir.alloy_potential_V, 0, 1, 0, 0)) return CF_EINVAL;
        if (check(err, "reservoir.alloy_j0_A_m2", c->reservoir.alloy_j0_A_m2, 0, 1e4, 0, 0)) return CF_EINVAL;
        if (c->reservoir.path_length_m != 0 &&
            check(err, "reservoir.path_length_m", c->reservoir.path_length_m, 1e-6, 1, 0, 0))
            return CF_EINVAL;
        if (!(c->sep.porosity > 0) || !(c->electrolyte.c_init > 0))
            return cf_error_set(err, CF_EINVAL, "reservoir",
                                "a reservoir needs an electrolyte path to the positive (separator porosity %g, "
                                "electrolyte concentration %g mol/m3; both must be > 0)",
                                c->sep.porosity, c->electrolyte.c_init);
    }
    if (c->reservoir.present && c->pos.n_phases < 1)
        return cf_error_set(err, CF_EINVAL, "reservoir", "a reservoir needs a positive electrode to connect to");
    if (check(err, "separator.thickness_m", c->sep.thickness_m, 0, 0.01, 1, 0)) return CF_EINVAL;
    if (check(err, "separator.porosity", c->sep.porosity, 0, 1, 1, 1)) return CF_EINVAL;
    if (check(err, "separator.bruggeman_electrolyte", c->sep.bruggeman_electrolyte, 0, 10, 0, 0))
        return CF_EINVAL;
    if (check(err, "electrolyte.c_init", c->electrolyte.c_init, 0, 2e4, 1, 0)) return CF_EINVAL;
    if (check(err, "electrolyte.t_plus", c->electrolyte.t_plus, 0, 1, 0, 1)) return CF_EINVAL;
    if (check(err, "electrolyte.transport_reduction", c->electrolyte.transport_reduction, 0, 1, 0, 1))
        return CF_EINVAL;
    if (check(err, "electrolyte.thermodynamic_factor", c->electrolyte.thermodynamic_factor, 0, 100, 1, 0))
        return CF_EINVAL;
    if (check(err, "area_m2", c->area_m2, 0, 1e4, 1, 0)) return CF_EINVAL;
    if (check(err, "nominal_capacity_Ah", c->nominal_capacity_Ah, 0, 1e6, 1, 0)) return CF_EINVAL;
    if (check(err, "v_min", c->v_min, 0, 10, 0, 0)) return CF_EINVAL;
    if (check(err, "v_max", c->v_max, c->v_min, 10, 1, 0)) return CF_EINVAL;
    if (check(err, "T_ref", c->T_ref, 150, 500, 0, 0)) return CF_EINVAL;
    if (cf_check_quantity(CF_QTY_CONTACT_RESISTANCE, c->contact_resistance_ohm, "contact_resistance_ohm", err))
        return CF_EINVAL;
    if (c->contact_resistance_ohm > 0 && c->reservoir.present)
        return cf_error_set(err, CF_EINVAL, "contact_resistance_ohm",
                            "a cell with a lithium reservoir (wired to the positive terminal) takes no contact "
                            "resistance; allowed for it: 0");
    /* The operating temperature: the range --temperature and Python check. */
    if (cf_check_quantity(CF_QTY_TEMPERATURE_K, c->T_K, "temperature_K", err)) return CF_EINVAL;
    if (cf_thermal_validate(c, err)) return CF_EINVAL;
    /* Transport functions must be positive at the initial state. */
    double D = cf_fn_eval(&c->electrolyte.diffusivity, c->electrolyte.c_init, c->T_K, NULL);
    double k = cf_fn_eval(&c->electrolyte.conductivity, c->electrolyte.c_init, c->T_K, NULL);
    if (!(D > 0) || !isfinite(D))
        return cf_error_set(err, CF_EINVAL, "electrolyte.diffusivity",
                            "electrolyte diffusivity is %g m2/s at the initial concentration; must be > 0", D);
    if (!(k > 0) || !isfinite(k))
        return cf_error_set(err, CF_EINVAL, "electrolyte.conductivity",
                            "electrolyte conductivity is %g S/m at the initial concentration; must be > 0", k);
    return CF_OK;
}
