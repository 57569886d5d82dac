/* recipe_cell.c — a recipe turned into model parameters (cf_cell), and the
 * design's capacity from that same cell.
 *
 * Geometry, porosities and volume fractions come from the design; the
 * electrochemistry of each active material (c_max, OCP, window, first-cycle
 * efficiency) from the material table (src/materials/material_data.c).  The
 * design then asks the cell, at open circuit (src/params/cell_ocv.c):
 *   - the cut-offs: v_max where the first electrode reaches its window's
 *     charge end (positive at its upper limit, negative at its lower one),
 *     v_min where the first reaches its discharge end;
 *   - formation: the first charge to v_max moves lithium to the negative,
 *     which keeps (1 - first-cycle efficiency) of what each host phase
 *     received (SEI), while each positive phase cannot take back
 *     (1 - its first-cycle efficiency) of what it gave; the first discharge
 *     ends on whichever runs out first, so the cyclable lithium loses the
 *     larger of the two (the electrode balance of Kasnatscheew et al., PCCP
 *     18 (2016) 3956; docs/materials.md), and the formed cell starts
 *     discharged (SOC 0) with that inventory;
 *   - the capacity and energy between the cut-offs.
 * `cellforge simulate --cell recipe.json` runs that same formed cell, so the
 * simulated capacity at a low rate is the design's.  Values the recipe
 * cannot give are labelled assumptions in docs/recipe.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_design.h"
#include "design/design_internal.h"
#include "design/recipe_internal.h"
#include "materials/material_data.h"

/* A host is never charged beyond this lithiation, nor a positive refilled
 * beyond it, nor either emptied below 1 - it [ASSUME]: the OCPs are singular
 * or the kinetics vanish at the very ends. */
#define STO_MARGIN 0.99
#define FORMATION_ITERATIONS 4
/* The discharge end is placed this far inside both windows [ASSUME]: under
 * a slow discharge the electrode that does not set the end is less
 * discharged than at open circuit, so the other one ends a little beyond
 * its open-circuit end (a flat positive such as LiFePO4 passes all of the
 * difference to the negative: 1-2 mV at C/20). */
#define DISCHARGE_GUARD_V 0.005

/* Li/O at stoichiometry 1 (sto counts up to two Li per formula unit). */
static double li_o_at_full(const char *material)
{
    if (strcmp(material, "linio2") == 0) return 1.0;  /* Li2NiO2   */
    if (strcmp(material, "limn2o4") == 0) return 0.5; /* Li2Mn2O4  */
    if (strcmp(material, "nmc811") == 0 || strcmp(material, "lco") == 0 || strcmp(material, "nca") == 0)
        return 0.5; /* LiMO2 */
    return 0.0;
}

/* Cut-offs of cells the window does not set (lithium-metal negatives and
 * reservoirs, whose assembled state is what they are about) [ASSUME: the
 * usual cycling windows], kept inside the positive's own window. */
static void table_limits(const char *pos, double *vmin, double *vmax)
{
    static const struct { const char *m; double lo, hi; } W[] = {
        {"nmc811", 2.5, 4.2}, {"linio2", 3.0, 4.3}, {"limn2o4", 3.5, 4.3}, {"nca", 2.7, 4.2},
        {"lco", 3.0, 4.2},    {"lfp", 2.5, 3.65}};
    *vmin = 2.5;
    *vmax = 4.2;
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (strcmp(pos, W[i].m) == 0) {
            *vmin = W[i].lo;
            *vmax = W[i].hi;
        }
}

static int has_electrochemistry(const cf_material_data *md)
{
    return md && md->ocp && md->c_max_mol_m3 > 0;
}

/* "graphite, hard_carbon, ..." : the materials the simulator has data for,
 * from the material table itself so the message cannot fall behind it. */
static void simulable_materials(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < cf_material_data_count(); i++) {
        const cf_material_data *md = cf_material_data_get(i);
        if (!has_electrochemistry(md)) continue;
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", md->name);
        if (w < 0 || (size_t)w >= n - used) return;
        used += (size_t)w;
    }
}

/* The electrode's window: the narrowest that holds all its materials. */
static void narrow_window(cf_electrode *e, const cf_material_data *md)
{
    if (!e->has_window) {
        e->has_window = 1;
        e->window_min_V = md->u_min_V;
        e->window_max_V = md->u_max_V;
        return;
    }
    e->window_min_V = fmax(e->window_min_V, md->u_min_V);
    e->window_max_V = fmin(e->window_max_V, md->u_max_V);
}

/* c_max from the component's density and theoretical capacity when the
 * recipe overrides either, else the table's (the two agree by construction). */
static int add_phase(cf_electrode *e, const cf_material_data *md, const char *material, double fraction,
                     double radius, double sto, double c_max, const char *where, cf_error *err)
{
    if (!has_electrochemistry(md)) {
        char known[256];
        simulable_materials(known, sizeof known);
        return cf_error_set(err, CF_EINVAL, where,
                            "'%s' has no electrochemical data for the simulator (known: %s, sn_ni_alloy as "
                            "tin + ni3sn4, lithium as a metal negative)", material, known);
    }
    if (e->n_phases >= CF_MAX_PHASES)
        return cf_error_set(err, CF_EINVAL, where, "more than %d active materials in one electrode", CF_MAX_PHASES);
    cf_phase *ph = &e->phase[e->n_phases];
    memset(ph, 0, sizeof *ph);
    snprintf(ph->name, sizeof ph->name, "%s", md->name);
    ph->active_fraction = fraction;
    /* the material's typical size, else 5 um [ASSUME], when the recipe gives none */
    ph->particle_radius_m = radius > 0 ? radius : md->radius_typical_m > 0 ? md->radius_typical_m : 5e-6;
    ph->c_max = c_max > 0 ? c_max : md->c_max_mol_m3;
    /* as assembled; formation (below) places the formed state */
    sto = fmin(fmax(sto, 1.0 - STO_MARGIN), STO_MARGIN);
    ph->c_init = sto * ph->c_max;
    ph->diffusivity_m2_s = md->diffusivity_m2_s > 0 ? md->diffusivity_m2_s : 1e-14;
    ph->j0_ref = md->j0_ref;
    ph->alpha = 0.5;
    ph->volume_expansion = md->volume_expansion;
    ph->li_o_at_full = li_o_at_full(md->name);
    int rc = cf_fn_set_builtin(&ph->ocp, md->ocp, err);
    if (rc) return rc;
    narrow_window(e, md);
    e->n_phases++;
    return CF_OK;
}

/* The component's c_max: its own density and sto-1 capacity when overridden. */
static double component_c_max(const cf_design_component *c, const cf_material_data *md, int q_given, int rho_given)
{
    if (!q_given && !rho_given) return md->c_max_mol_m3;
    double q = q_given ? c->theoretical_capacity_mAh_g : md->q_theo_mAh_g;
    return cf_material_c_max(c->density_kg_m3, q);
}

static int electrode_from(const cf_recipe_electrode *re, const cf_design_electrode_params *d, int negative,
                          int has_reservoir, cf_electrode *e, cf_error *err)
{
    const char *side = negative ? "negative" : "positive";
    memset(e, 0, sizeof *e);
    e->thickness_m = d->thickness_m;
    e->porosity = d->porosity;
    e->thickness_swelling = d->thickness_swelling;
    e->conductivity_S_m = negative ? 100.0 : 10.0; /* [ASSUME] composite electrodes with carbon additive */
    e->bruggeman_electrolyte = 1.5;
    for (size_t k = 0; k < d->n_components; k++) {
        const cf_design_component *c = &d->comp[k];
        if (!c->is_active) continue;
        char where[96];
        snprintf(where, sizeof where, "%s.components[%zu]", side, k);
        if (strcmp(c->material, "lithium") == 0) {
            if (!negative) return cf_error_set(err, CF_EINVAL, where, "lithium metal can only be the negative");
            e->planar = 1;
            e->li_metal_mol_m2 += c->capacity_Ah * 3600 / CF_FARADAY / d->area_m2;
            continue;
        }
        const cf_recipe_component *rc_ = &re->comp[k];
        int q_given = rc_->p[CF_P_SPECIFIC_CAPACITY].have, rho_given = rc_->p[CF_P_DENSITY].have;
        const cf_material_data *md = cf_material_data_find(c->material);
        double sto = md ? md->sto_as_made : 0;
        /* a positive as made: its given Li/O (a reservoir's lithium is the
         * cell's reservoir, not yet in the positive) */
        if (!negative && li_o_at_full(c->material) > 0) {
            if (rc_->p[CF_P_LI_O_RATIO].have) sto = rc_->p[CF_P_LI_O_RATIO].v / li_o_at_full(c->material);
            else if (c->li_o_ratio > 0 && c->li_o_source != CF_LIO_RESERVOIR && !has_reservoir)
                sto = c->li_o_ratio / li_o_at_full(c->material);
        }
        int rc;
        if (strcmp(c->material, "sn_ni_alloy") == 0) {
            /* The alloy is two active phases (plus inert Ni or a third element);
             * split its volume by their masses and densities. */
            const cf_material_data *sn = cf_material_data_find("tin"), *ni = cf_material_data_find("ni3sn4");
            double v_sn = c->w_sn / sn->density_kg_m3, v_ni = c->w_ni3sn4 / ni->density_kg_m3;
            double v_inert = c->w_free_ni / 8908.0 + (c->w_third > 0 ? c->w_third / c->third_density_kg_m3 : 0.0);
            double v = v_sn + v_ni + v_inert;
            rc = CF_OK;
            if (v_sn > 0)
                rc = add_phase(e, sn, "tin", c->volume_fraction * v_sn / v, c->particle_radius_m, sn->sto_as_made, 0,
                               where, err);
            if (!rc && v_ni > 0)
                rc = add_phase(e, ni, "ni3sn4", c->volume_fraction * v_ni / v, c->particle_radius_m, ni->sto_as_made,
                               0, where, err);
        } else {
            rc = add_phase(e, md, c->material, c->volume_fraction, c->particle_radius_m, sto,
                           md ? component_c_max(c, md, q_given, rho_given) : 0, where, err);
        }
        if (rc) return rc;
    }
    if (e->planar && e->n_phases > 0)
        return cf_error_set(err, CF_EINVAL, side, "a lithium-metal negative cannot hold other active materials yet");
    /* A bare collector negative (no coating) is anode-free: lithium plates on the copper. */
    if (negative && e->n_phases == 0) e->planar = 1;
    if (!e->planar && e->n_phases == 0)
        return cf_error_set(err, CF_EINVAL, side, "the %s electrode has no active material", side);
    return CF_OK;
}

/* Lithium metal on the negative: a planar surface (foil or bare collector)
 * or plating on the host's particles, which the recipe asks for with
 * plating_exchange_current_A_m2 or the design expects (the first charge
 * brings more lithium than the host holds).  Defaults as for cell files. */
static void negative_lithium(const cf_design_params *dp, cf_electrode *e)
{
    if (e->planar) {
        e->li_j0_ref = CF_LI_J0_DEFAULT_A_M2;
        e->plating_efficiency = dp->plating_efficiency > 0 ? dp->plating_efficiency : CF_LI_PLATING_EFFICIENCY_DEFAULT;
        return;
    }
    if (!(dp->plating_j0_A_m2 > 0) && !(dp->li_plated_Ah > 0)) return;
    e->plating = 1;
    e->plating_j0_A_m2 = dp->plating_j0_A_m2 > 0 ? dp->plating_j0_A_m2 : CF_HOST_PLATING_J0_DEFAULT_A_M2;
    e->plating_efficiency = dp->plating_efficiency > 0 ? dp->plating_efficiency : 1.0;
}

/* The cell as assembled: geometry, phases, as-made lithium, table limits. */
static int build_cell(const cf_recipe *r, const cf_design *d, cf_cell **out, cf_error *err)
{
    *out = NULL;
    cf_design_params dp;
    cf_design_params_fill(r, d, &dp);
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "recipe", "out of memory");
    snprintf(c->name, sizeof c->name, "%s", cf_recipe_name(r));
    int has_res = dp.reservoir_li_mol > 0 && dp.reservoir_on_positive;
    int rc = electrode_from(&r->neg, &dp.negative, 1, has_res, &c->neg, err);
    if (!rc) negative_lithium(&dp, &c->neg);
    /* A host declared to plate is a lithium-metal negative: below 0 V it
     * plates by design, and it starts as assembled (an empty host above its
     * cycling window), so it has no window of its own, as a foil has none;
     * the design still reports the host's. */
    if (!rc && r->neg.li_metal_plating && !c->neg.planar) c->neg.has_window = 0;
    if (!rc) { /* the recipe's ageing of the negative (the cell's validation checks where it applies) */
        c->neg.sei = r->neg.sei;
        c->neg.li_plating = r->neg.li_plating;
        c->neg.plating_efficiency_ref_A_m2 =
            r->neg.plating_efficiency_current_A_m2.have ? r->neg.plating_efficiency_current_A_m2.v : 0.0;
        c->neg.plating_efficiency_exponent =
            r->neg.plating_efficiency_exponent.have ? r->neg.plating_efficiency_exponent.v : 0.0;
    }
    if (!rc) rc = electrode_from(&r->pos, &dp.positive, 0, has_res, &c->pos, err);
    for (int side = 0; !rc && side < 2; side++) { /* particle cracking, with the mechanics it uses */
        const cf_recipe_electrode *re = side == 0 ? &r->neg : &r->pos;
        cf_electrode *ce = side == 0 ? &c->neg : &c->pos;
        if (re->cracking.model == CF_CRACK_NONE) continue;
        ce->cracking = re->cracking;
        ce->lam = re->mechanics;
    }
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.diffusivity, "nyman2008_diffusivity", err);
    if (!rc) rc = cf_fn_set_builtin(&c->electrolyte.conductivity, "nyman2008_conductivity", err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    /* LiPF6 in carbonates (Nyman 2008); a porous polymer blocks [ASSUME] 60 % of the liquid's transport */
    c->electrolyte.c_init = dp.electrolyte_concentration_mol_m3 > 0 ? dp.electrolyte_concentration_mol_m3 : 1000;
    c->electrolyte.t_plus = 0.2594;
    c->electrolyte.thermodynamic_factor = 1.0;
    c->electrolyte.transport_reduction = dp.electrolyte_porous_polymer ? 0.6 : 0.0;
    c->sep = (cf_separator){dp.separator_thickness_m, dp.separator_porosity, 1.5};
    c->area_m2 = dp.positive.area_m2;
    c->nominal_capacity_Ah = dp.nominal_capacity_Ah;
    table_limits(c->pos.phase[0].name, &c->v_min, &c->v_max);
    if (c->pos.has_window) c->v_max = fmin(c->v_max, c->pos.window_max_V);
    c->T_ref = c->T_K = 298.15;
    if (has_res)
        c->reservoir = (cf_reservoir){
            .present = 1,
            .li_mol = dp.reservoir_li_mol,
            .area_m2 = dp.reservoir_area_m2 > 0 ? dp.reservoir_area_m2 : CF_RESERVOIR_AREA_DEFAULT_M2,
            .j0_ref = dp.reservoir_j0_A_m2 > 0 ? dp.reservoir_j0_A_m2 : CF_LI_J0_DEFAULT_A_M2,
            .path_length_m = dp.reservoir_path_m > 0 ? dp.reservoir_path_m : CF_RESERVOIR_PATH_DEFAULT_M,
            .alloy_potential_V = CF_AL_ALLOY_POTENTIAL_V,
            /* only an aluminium collector alloys with lithium */
            .alloy_j0_A_m2 = dp.positive_collector_aluminium ? CF_AL_ALLOY_J0_A_M2 : 0.0};
    c->assembled_discharged = 1;
    *out = c;
    return CF_OK;
}

/* ---------------------------------------------------------- formation */

/* Negative lithium at which the first electrode reaches its charge end
 * (top = 1) or its discharge end (top = 0), for inventory n (mol/m2). */
static double end_lithium(const cf_cell *c, double n, int top)
{
    double T = c->T_K, qn = cf_electrode_capacity_mol_m2(&c->neg), qp = cf_electrode_capacity_mol_m2(&c->pos);
    if (top) {
        double x = fmin(STO_MARGIN * qn, n - (1.0 - STO_MARGIN) * qp);
        x = fmin(x, n - cf_electrode_lithium_at(&c->pos, T, c->pos.window_max_V));
        return fmin(x, cf_electrode_lithium_at(&c->neg, T, c->neg.window_min_V));
    }
    double x = fmax((1.0 - STO_MARGIN) * qn, n - STO_MARGIN * qp);
    x = fmax(x, n - cf_electrode_lithium_at(&c->pos, T, c->pos.window_min_V + DISCHARGE_GUARD_V));
    return fmax(x, cf_electrode_lithium_at(&c->neg, T, c->neg.window_max_V - DISCHARGE_GUARD_V));
}

static double ocv_at(const cf_cell *c, double n, double x)
{
    return cf_electrode_ocv(&c->pos, c->T_K, n - x, NULL) - cf_electrode_ocv(&c->neg, c->T_K, x, NULL);
}

/* Cut-offs for inventory n, inside both windows (rounded inwards to 1 mV). */
static int derive_limits(cf_cell *c, double n, const char *src, cf_error *err)
{
    double xt = end_lithium(c, n, 1), xb = end_lithium(c, n, 0);
    if (!(xb < xt)) {
        return cf_error_set(err, CF_EINVAL, src,
                            "no cell voltage range keeps both electrodes in their windows (negative %.3g-%.3g V, "
                            "positive %.3g-%.3g V vs Li/Li+) with this lithium inventory and N/P: at the charge end the "
                            "negative would hold %.3g %% and at the discharge end %.3g %% of its capacity; change the "
                            "loadings or the materials",
                            c->neg.window_min_V, c->neg.window_max_V, c->pos.window_min_V, c->pos.window_max_V,
                            100 * xt / cf_electrode_capacity_mol_m2(&c->neg),
                            100 * xb / cf_electrode_capacity_mol_m2(&c->neg));
    }
    c->v_max = floor(ocv_at(c, n, xt) * 1000.0) / 1000.0;
    c->v_min = ceil(ocv_at(c, n, xb) * 1000.0) / 1000.0;
    if (!(c->v_min < c->v_max))
        return cf_error_set(err, CF_EINVAL, src, "the electrodes' windows leave no voltage range (%.3f-%.3f V)",
                            c->v_min, c->v_max);
    return CF_OK;
}

/* First-cycle losses of the first charge that moves the negative from x0 to
 * x1 (inventory n): per phase of a side, (1 - first-cycle efficiency) of the
 * lithium it took (negative: SEI) or gave (positive: sites it cannot refill
 * on the first discharge).  *neg and *pos in mol/m2. */
static void first_cycle_losses(const cf_cell *c, double n, double x0, double x1, double *neg, double *pos)
{
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    double li0[2] = {x0, n - x0}, li1[2] = {x1, n - x1}, out[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        double s0[CF_MAX_PHASES], s1[CF_MAX_PHASES];
        cf_electrode_ocv(es[s], c->T_K, li0[s], s0);
        cf_electrode_ocv(es[s], c->T_K, li1[s], s1);
        for (int i = 0; i < es[s]->n_phases; i++) {
            const cf_phase *ph = &es[s]->phase[i];
            const cf_material_data *md = cf_material_data_find(ph->name);
            if (!md || !md->fce_applied) continue;
            double moved = fabs(s1[i] - s0[i]) * ph->active_fraction * es[s]->thickness_m * ph->c_max;
            out[s] += (1.0 - md->first_cycle_efficiency) * moved;
        }
    }
    *neg = out[0];
    *pos = out[1];
}

/* Places each phase at the open-circuit state with the negative holding x. */
static void place(cf_cell *c, double n, double x)
{
    double sn[CF_MAX_PHASES], sp[CF_MAX_PHASES];
    cf_electrode_ocv(&c->neg, c->T_K, x, sn);
    cf_electrode_ocv(&c->pos, c->T_K, n - x, sp);
    for (int i = 0; i < c->neg.n_phases; i++) c->neg.phase[i].c_init = sn[i] * c->neg.phase[i].c_max;
    for (int i = 0; i < c->pos.n_phases; i++) c->pos.phase[i].c_init = sp[i] * c->pos.phase[i].c_max;
}

/* Whether the window sets this cell's limits and capacity: a porous host
 * negative, no reservoir and no lithium metal meant to plate. */
static int window_applies(const cf_recipe *r, const cf_cell *c)
{
    return !c->neg.planar && !c->reservoir.present && !r->neg.li_metal_plating;
}

typedef struct {
    double n0, n1;         /* lithium as assembled, after formation (mol/m2)  */
    double first_charge;   /* mol/m2 moved to the negative on the first charge */
    double loss_neg;       /* mol/m2 of it the negative keeps (SEI)            */
    double loss_pos;       /* mol/m2 of sites the positive cannot refill       */
    double loss;           /* the cyclable lithium lost: the larger of the two */
    cf_ocv_window w;
} formation;

/* Formation of a cell whose window applies: limits, first charge, its loss,
 * formed state at SOC 0.  The limits depend on the formed inventory and the
 * loss on the first charge to those limits, so a few fixed-point passes
 * settle both (the loss changes by < 1e-6 after four). */
static int form(cf_cell *c, const char *src, formation *f, cf_error *err)
{
    f->n0 = cf_cell_lithium_mol_m2(c);
    /* as assembled the hosts hold only the margin's lithium */
    double x_init = 0;
    for (int i = 0; i < c->neg.n_phases; i++)
        x_init += c->neg.phase[i].active_fraction * c->neg.thickness_m * c->neg.phase[i].c_init;
    f->loss = f->loss_neg = f->loss_pos = 0;
    int rc = CF_OK;
    for (int it = 0; it < FORMATION_ITERATIONS; it++) {
        f->n1 = f->n0 - f->loss;
        if ((rc = derive_limits(c, f->n1, src, err))) return rc;
        double x_top;
        if (cf_cell_negative_lithium_at(c, c->v_max, f->n0, &x_top)) x_top = end_lithium(c, f->n0, 1);
        f->first_charge = fmax(0.0, x_top - x_init);
        first_cycle_losses(c, f->n0, x_init, x_top, &f->loss_neg, &f->loss_pos);
        f->loss = fmax(f->loss_neg, f->loss_pos);
    }
    f->n1 = f->n0 - f->loss;
    if (cf_cell_ocv_window(c, f->n1, &f->w))
        return cf_error_set(err, CF_EINVAL, src, "the open-circuit voltage does not reach both cut-offs %.3f and %.3f V",
                            c->v_min, c->v_max);
    place(c, f->n1, f->w.x_empty);
    return CF_OK;
}

/* ------------------------------------------- lithium-metal negatives */

static double electrode_lithium(const cf_electrode *e)
{
    double li = 0;
    for (int i = 0; i < e->n_phases; i++) li += e->phase[i].active_fraction * e->thickness_m * e->phase[i].c_init;
    return li;
}

/* Open-circuit voltage once the first charge is done, q mol/m2 into the
 * discharge: the positive refills from pos_end while the negative gives its
 * metal first (at lithium's potential, 0 V) and then its host's lithium. */
typedef struct {
    const cf_cell *c;
    double pos_end, metal, host;
} metal_cell;

static double metal_ocv(const metal_cell *m, double q)
{
    double up = cf_electrode_ocv(&m->c->pos, m->c->T_K, m->pos_end + q, NULL);
    if (q <= m->metal || m->c->neg.n_phases == 0) return up;
    return up - cf_electrode_ocv(&m->c->neg, m->c->T_K, m->host - (q - m->metal), NULL);
}

/* Formation and capacity of a cell whose negative is lithium metal (a foil,
 * a bare collector, or a host on which plating is declared), from the same
 * cell and OCPs the simulator runs, at open circuit:
 *   - the positive starts as made plus what it absorbs of a reservoir
 *     shorted to it (up to sto 1);
 *   - the first charge ends at v_max with the negative at lithium's 0 V (a
 *     host that never fills: where the cell's OCV is v_max), the positive at
 *     its lithium for v_max vs Li/Li+;
 *   - the host takes from its assembled state to its state at 0 V, the rest
 *     plates, of which the plating efficiency stays active;
 *   - the discharge refills the positive to v_min (vs the metal at 0 V, then
 *     vs the host once the metal is spent). */
static int metal_formation(const cf_recipe *r, cf_cell *c, cf_design *d)
{
    double T = c->T_K, ah = c->area_m2 * CF_FARADAY / 3600.0;
    double qp = cf_electrode_capacity_mol_m2(&c->pos);
    double n_pos = electrode_lithium(&c->pos), n_host = electrode_lithium(&c->neg);
    double res = c->reservoir.present ? c->reservoir.li_mol / c->area_m2 : 0.0;
    double take = fmin(res, fmax(0.0, qp - n_pos));
    /* a reservoir on the negative adds its lithium there (the cell does not model it) */
    double res_neg = r->reservoir.present && !r->reservoir.on_positive ? r->reservoir.mass_mg * 1e-3 / CF_M_LI / c->area_m2
                                                                        : 0.0;
    n_pos += take;
    double first = fmax(0.0, n_pos - cf_electrode_lithium_at(&c->pos, T, c->v_max));
    double room = c->neg.n_phases ? fmax(0.0, cf_electrode_lithium_at(&c->neg, T, 0.0) - n_host) : 0.0;
    if (c->neg.n_phases && first + res_neg < room) {
        /* the host never fills: the charge ends where the cell's OCV is v_max */
        double x;
        if (!cf_cell_negative_lithium_at(c, c->v_max, n_pos + n_host + res_neg, &x))
            first = fmax(0.0, x - n_host - res_neg);
    }
    double into_host = fmin(first + res_neg, room);
    double beyond = fmax(0.0, first + res_neg - room);
    double eff = c->neg.plating_efficiency > 0 ? c->neg.plating_efficiency : 1.0;
    metal_cell m = {c, n_pos - first, c->neg.li_metal_mol_m2 + beyond * eff, n_host + into_host};
    /* discharge: the positive to v_min against the metal, then against the host */
    double q = cf_electrode_lithium_at(&c->pos, T, c->v_min) - m.pos_end;
    if (q > m.metal) {
        double x;
        q = m.metal;
        if (c->neg.n_phases && !cf_cell_negative_lithium_at(c, c->v_min, m.pos_end + m.metal + m.host, &x))
            q += fmax(0.0, m.host - x);
    }
    q = fmax(0.0, q);
    enum { N = 200 };
    double e = 0;
    for (int i = 0; i <= N; i++) e += metal_ocv(&m, q * i / N) * (i == 0 || i == N ? 1 : (i % 2 ? 4 : 2));
    d->capacity_from_window = 1;
    d->v_min_V = c->v_min;
    d->v_max_V = c->v_max;
    d->capacity_Ah = q * ah;
    d->energy_Wh = e / (3.0 * N) * q * ah;
    d->first_charge_Ah = d->first_charge_cell_Ah = first * ah;
    /* the negative's first-cycle loss: dead lithium of the first plating */
    d->first_cycle_loss_Ah = d->first_cycle_loss_neg_Ah = beyond * (1.0 - eff) * ah;
    d->first_cycle_loss_pos_Ah = 0;
    d->li_plated_Ah = beyond * eff * ah;
    d->plating_risk_Ah = 0;
    d->li_metal_negative = c->neg.planar || beyond > 0;
    d->u_pos_V[1] = cf_electrode_ocv(&c->pos, T, m.pos_end, NULL);
    d->u_pos_V[0] = cf_electrode_ocv(&c->pos, T, m.pos_end + q, NULL);
    /* at open circuit the cell is at its cut-off: the negative is the rest
     * (0 V while it holds metal, higher once a bare collector is stripped) */
    d->u_neg_V[1] = fmax(0.0, d->u_pos_V[1] - c->v_max); /* >= 0: rounding off lithium's 0 V */
    d->u_neg_V[0] = fmax(0.0, d->u_pos_V[0] - c->v_min);
    return CF_OK;
}

int cf_design_window(const cf_recipe *r, cf_design *d, cf_error *err)
{
    /* a material without an OCP leaves the design on table capacities */
    const cf_design_electrode *es[2] = {&d->negative, &d->positive};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < es[k]->n_components; i++) {
            const cf_design_component *c = &es[k]->comp[i];
            if (!c->is_active || strcmp(c->material, "lithium") == 0 || strcmp(c->material, "sn_ni_alloy") == 0)
                continue;
            if (!has_electrochemistry(cf_material_data_find(c->material))) return CF_OK;
        }
    cf_cell *c = NULL;
    int rc = build_cell(r, d, &c, err);
    if (rc) return rc;
    d->neg_window_V[0] = c->neg.window_min_V;
    d->neg_window_V[1] = c->neg.window_max_V;
    d->pos_window_V[0] = c->pos.window_min_V;
    d->pos_window_V[1] = c->pos.window_max_V;
    d->v_min_V = c->v_min;
    d->v_max_V = c->v_max;
    if (!window_applies(r, c)) {
        /* lithium metal is the negative: its formation and capacity at open circuit */
        if (c->neg.planar || r->neg.li_metal_plating) rc = metal_formation(r, c, d);
        cf_cell_free(c);
        return rc;
    }
    char src[200];
    snprintf(src, sizeof src, "%.150s", r->source);
    formation f;
    rc = form(c, src, &f, err);
    if (!rc) {
        double ah = c->area_m2 * CF_FARADAY / 3600.0;
        d->capacity_from_window = 1;
        d->v_min_V = c->v_min;
        d->v_max_V = c->v_max;
        d->capacity_Ah = f.w.capacity_Ah;
        d->energy_Wh = cf_cell_ocv_energy_Wh(c, &f.w);
        d->first_charge_cell_Ah = f.first_charge * ah;
        d->first_cycle_loss_Ah = f.loss * ah;
        d->first_cycle_loss_neg_Ah = f.loss_neg * ah;
        d->first_cycle_loss_pos_Ah = f.loss_pos * ah;
        for (int k = 0; k < 2; k++) {
            d->u_neg_V[k] = f.w.u_neg[k];
            d->u_pos_V[k] = f.w.u_pos[k];
        }
    }
    cf_cell_free(c);
    return rc;
}

int cf_recipe_to_cell(const cf_recipe *r, cf_cell **out, cf_error *err)
{
    *out = NULL;
    cf_design d;
    int rc = cf_design_compute(r, &d, err);
    if (rc) return rc;
    cf_cell *c = NULL;
    if ((rc = build_cell(r, &d, &c, err))) return rc;
    cf_design_thermal_cell(r, &d, c); /* the recipe's thermal data, its heat capacity the design's */
    if (window_applies(r, c)) {
        formation f;
        char src[200];
        snprintf(src, sizeof src, "%.150s", r->source);
        rc = form(c, src, &f, err);
        if (!rc) c->nominal_capacity_Ah = f.w.capacity_Ah;
    }
    if (!rc) rc = cf_cell_validate(c, err);
    if (rc) {
        cf_error_prefix_where(err, "recipe");
        cf_cell_free(c);
        return rc;
    }
    *out = c;
    return CF_OK;
}
