/* design_calc.c — masses, volumes, capacities and energy of a recipe.
 *
 * The arithmetic is written out by hand for one recipe in docs/recipe.md
 * ("Worked example"); the test test_design_calc checks the code against it.
 * Units: areal masses g/m2, thicknesses um, areas m2 — so that
 * 1 um x 1 m2 = 1 cm3 and (g/m2) / um = g/cm3. */
#include "design/coating.h"
#include "design/design_internal.h"
#include "design/recipe_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define AH_PER_MOL (CF_FARADAY_C_MOL / 3600.0)

static void note(cf_design *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void note(cf_design *d, const char *fmt, ...)
{
    if (d->n_notes >= CF_DESIGN_MAX_NOTES) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->notes[d->n_notes++], sizeof d->notes[0], fmt, ap);
    va_end(ap);
}

static void item(cf_design *d, const char *a, const char *b, double mass_g, double vol_cm3)
{
    if (d->n_items >= CF_DESIGN_MAX_ITEMS) return;
    cf_design_item *it = &d->items[d->n_items++];
    snprintf(it->name, sizeof it->name, "%s%s%.30s", a, b[0] ? " " : "", b);
    it->mass_g = mass_g;
    it->volume_cm3 = vol_cm3;
}

double cf_design_area_per_side_m2(const cf_recipe *r)
{
    switch (r->format.type) {
    case CF_FORMAT_POUCH: return r->format.electrode_width_mm * r->format.electrode_height_mm * 1e-6;
    case CF_FORMAT_CYLINDRICAL: return r->format.electrode_length_mm * r->format.electrode_width_mm * 1e-6;
    default: {
        double rad = 0.5 * r->format.electrode_diameter_mm * 1e-3;
        return CF_PI * rad * rad;
    }
    }
}

/* One electrode: coating geometry, components, capacity. */
static int electrode(const cf_recipe_electrode *e, const char *where, double area_side, int layers,
                     cf_design_electrode *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    int st = cf_rcoat_solve(e, where, &out->thickness_um, &out->porosity, &out->coating_density_g_cm3, err);
    if (st) return st;
    out->given = (e->porosity.have ? CF_DESIGN_GIVEN_POROSITY : 0) |
                 (e->thickness_um.have ? CF_DESIGN_GIVEN_THICKNESS : 0) |
                 (e->density_g_cm3.have ? CF_DESIGN_GIVEN_DENSITY : 0);
    out->sides = e->sides;
    out->coating_g_m2 = e->coating_g_m2;
    out->collector_thickness_um = e->collector_thickness_um;
    out->skeleton_density_g_cm3 = cf_rcoat_skeleton_density(e);
    out->area_m2 = area_side * e->sides * layers;
    double foil_area = area_side * layers;
    double coat_mass = e->coating_g_m2 * out->area_m2;
    double foil_vol = e->collector_thickness_um * foil_area;
    double foil_mass = e->collector->density_g_cm3 * foil_vol;
    out->mass_g = coat_mass + foil_mass;
    out->volume_cm3 = out->thickness_um * out->area_m2 + foil_vol;
    double per_foil_t = out->thickness_um * e->sides + e->collector_thickness_um;
    out->electrode_density_g_cm3 =
        per_foil_t > 0 ? (e->coating_g_m2 * e->sides + e->collector->density_g_cm3 * e->collector_thickness_um) / per_foil_t : 0;

    double q_areal = 0, qv = 0;
    out->n_components = e->n_comp;
    for (size_t i = 0; i < e->n_comp; i++) {
        const cf_recipe_component *rc = &e->comp[i];
        cf_design_component *c = &out->comp[i];
        snprintf(c->material, sizeof c->material, "%s", rc->mat->name);
        double rho = cf_rcomp_density(rc), q = cf_rcomp_capacity(rc);
        c->mass_fraction = rc->mass_fraction;
        c->density_kg_m3 = rho * 1000.0;
        c->specific_capacity_mAh_g = q;
        c->theoretical_capacity_mAh_g = cf_rcomp_theoretical(rc);
        c->first_cycle_efficiency = q > 0 ? cf_rcomp_first_cycle_efficiency(rc) : 1.0;
        c->is_active = q > 0;
        c->average_potential_V = c->is_active ? cf_rcomp_potential(rc) : 0.0;
        c->volume_fraction = (1.0 - out->porosity) * out->skeleton_density_g_cm3 * rc->mass_fraction / rho;
        if (rc->p[CF_P_PARTICLE_RADIUS_UM].have)
            c->particle_radius_m = rc->p[CF_P_PARTICLE_RADIUS_UM].v * 1e-6;
        else if (rc->p[CF_P_DV50_UM].have)
            c->particle_radius_m = 0.5 * rc->p[CF_P_DV50_UM].v * 1e-6;
        c->mass_g = rc->mass_fraction * coat_mass;
        c->capacity_Ah = c->mass_g * q / 1000.0;
        out->capacity_Ah += c->capacity_Ah;
        if (rc->mat->role != CF_ROLE_LITHIUM_METAL) out->host_capacity_Ah += c->capacity_Ah;
        qv += c->capacity_Ah * c->average_potential_V;
        q_areal += rc->mass_fraction * q;
        if (strcmp(rc->mat->name, "sn_ni_alloy") == 0) {
            cf_dsnni_state s;
            cf_dsnni_resolve(rc, &s); /* validated at load */
            c->ni_mass_fraction = s.ni;
            c->sn_mass_fraction = rc->p[CF_P_SN_MASS_FRACTION].have ? rc->p[CF_P_SN_MASS_FRACTION].v : s.sn;
            c->z_ratio = s.z;
            c->w_ni3sn4 = s.w_ni3sn4;
            c->w_sn = s.w_sn;
            c->w_free_ni = s.w_free_ni;
            c->z_from_lever_rule = s.z_from_lever_rule;
            if (rc->third_element[0]) {
                snprintf(c->third_element, sizeof c->third_element, "%s", rc->third_element);
                c->w_third = s.w_third;
                c->third_density_kg_m3 = s.third_density * 1000.0;
            }
        }
    }
    /* g/m2 x mAh/g = mAh/m2; / 1e4 -> mAh/cm2 */
    out->areal_capacity_mAh_cm2 = e->coating_g_m2 * q_areal / 1e4;
    out->average_potential_V = out->capacity_Ah > 0 ? qv / out->capacity_Ah : 0.0;
    return CF_OK;
}

/* Li/O of each positive oxide in the cell: as made (li_o_ratio or the
 * nominal stoichiometry) plus the reservoir lithium it absorbs, shared by
 * headroom up to li_o_max (Li2NiO2, Li2Mn2O4).  Returns the charge (Ah) the
 * positive holds beyond its nominal stoichiometry as made. */
static double positive_lithium(const cf_recipe *r, cf_design *d, double *absorbed_mol)
{
    cf_design_electrode *p = &d->positive;
    double n_res = r->reservoir.present && r->reservoir.on_positive ? r->reservoir.mass_mg * 1e-3 / CF_M_LI : 0.0;
    double head[CF_DESIGN_MAX_COMPONENTS] = {0}, head_sum = 0, extra_Ah = 0;
    for (size_t i = 0; i < r->pos.n_comp; i++) {
        const cf_recipe_component *rc = &r->pos.comp[i];
        cf_design_component *c = &p->comp[i];
        const cf_dmat *m = rc->mat;
        if (m->o_per_formula <= 0 || m->molar_mass_g_mol <= 0 || m->role != CF_ROLE_POSITIVE_ACTIVE) continue;
        double nominal = m->li_per_formula / m->o_per_formula;
        double made = rc->p[CF_P_LI_O_RATIO].have ? rc->p[CF_P_LI_O_RATIO].v : nominal;
        c->li_o_ratio = made;
        c->li_o_source = rc->p[CF_P_LI_O_RATIO].have ? CF_LIO_GIVEN : CF_LIO_NOMINAL;
        double n_o = c->mass_g / m->molar_mass_g_mol * m->o_per_formula;
        extra_Ah += (made - nominal) * n_o * AH_PER_MOL;
        if (m->li_o_max > 0 && made < m->li_o_max) {
            head[i] = (m->li_o_max - made) * n_o;
            head_sum += head[i];
        }
    }
    *absorbed_mol = 0;
    if (n_res > 0 && head_sum > 0) {
        double take = fmin(n_res, head_sum);
        for (size_t i = 0; i < r->pos.n_comp; i++) {
            if (head[i] <= 0) continue;
            cf_design_component *c = &p->comp[i];
            const cf_dmat *m = r->pos.comp[i].mat;
            double n_o = c->mass_g / m->molar_mass_g_mol * m->o_per_formula;
            double add = take * head[i] / head_sum;
            c->li_o_ratio += add / n_o;
            c->li_o_source = CF_LIO_RESERVOIR;
        }
        *absorbed_mol = take;
    }
    return extra_Ah;
}

int cf_design_compute(const cf_recipe *r, cf_design *d, cf_error *err)
{
    return cf_design_compute_ex(r, d, 1, err);
}

int cf_design_compute_ex(const cf_recipe *r, cf_design *d, int with_window, cf_error *err)
{
    memset(d, 0, sizeof *d);
    snprintf(d->name, sizeof d->name, "%s", r->name);
    double a_side = cf_design_area_per_side_m2(r);
    int layers = r->format.layers;
    char where[200];
    snprintf(where, sizeof where, "%.150s: negative", r->source);
    int st = electrode(&r->neg, where, a_side, layers, &d->negative, err);
    if (st) return st;
    snprintf(where, sizeof where, "%.150s: positive", r->source);
    if ((st = electrode(&r->pos, where, a_side, layers, &d->positive, err))) return st;
    d->separator_thickness_um = r->sep.thickness_um;
    d->separator_porosity = r->sep.porosity;

    /* Lithium bookkeeping: what the first charge moves to the negative. */
    double absorbed = 0;
    double extra_Ah = positive_lithium(r, d, &absorbed);
    double res_Ah = r->reservoir.present ? r->reservoir.mass_mg * 1e-3 * CF_LI_METAL_mAh_g / 1000.0 : 0.0;
    d->reservoir_Ah = res_Ah;
    double qp = d->positive.capacity_Ah, qn = d->negative.capacity_Ah, qhost = d->negative.host_capacity_Ah;
    d->first_charge_Ah = qp + extra_Ah + (r->reservoir.present && r->reservoir.on_positive ? res_Ah : 0.0);
    if (d->first_charge_Ah < 0) d->first_charge_Ah = 0;
    double on_neg = d->first_charge_Ah + (r->reservoir.present && !r->reservoir.on_positive ? res_Ah : 0.0);
    int li_in_negative = 0;
    for (size_t i = 0; i < d->negative.n_components; i++)
        li_in_negative |= r->neg.comp[i].mat->role == CF_ROLE_LITHIUM_METAL && d->negative.comp[i].mass_g > 0;
    /* Lithium metal is the negative when the recipe says so: a lithium
     * component, a bare collector (anode-free) or plating declared intended. */
    int metal_declared = li_in_negative || r->neg.coating_g_m2 <= 0 || r->neg.li_metal_plating;
    double beyond = on_neg > qhost ? on_neg - qhost : 0.0;
    d->li_plated_Ah = metal_declared ? beyond : 0.0;
    d->plating_risk_Ah = metal_declared ? 0.0 : beyond;
    d->li_metal_negative = li_in_negative || d->li_plated_Ah > 1e-9 * (qp > 0 ? qp : 1.0);
    d->np_ratio = qp > 0 ? qn / qp : 0.0;

    /* Table capacities: lithium metal on the negative -> the positive's; else
     * the smaller side.  The window (below) replaces this where it applies. */
    d->capacity_Ah = d->li_metal_negative ? qp : fmin(qp, qn);

    /* the window (or a lithium-metal negative's formation) from the cell at open circuit */
    int st_w = with_window ? cf_design_window(r, d, err) : CF_OK;
    if (st_w) return st_w;
    if (d->li_plated_Ah > 0 && !li_in_negative)
        note(d, "lithium metal forms on the negative on first charge: %.4g Ah of the %.4g Ah moved (the rest enters "
                "a host or dies)", d->li_plated_Ah, d->first_charge_Ah);
    if (d->plating_risk_Ah > 0)
        note(d, "plating risk: N/P %.3f < 1, a full first charge would plate %.4g Ah on the host; not counted "
                "(cut-off at the host's limit; lithium_plating \"intended\" declares a Li-metal cell)",
             d->np_ratio, d->plating_risk_Ah);
    else if (!d->li_metal_negative && qn < qp)
        note(d, "N/P = %.3f < 1: the negative limits capacity", d->np_ratio);
    if (with_window && !d->capacity_from_window && !d->li_metal_negative && !r->reservoir.present)
        note(d, "capacity from the table's practical capacities: a material has no OCP data, so the recipe "
                "cannot be simulated");
    if (d->capacity_from_window && d->first_cycle_loss_Ah > 0 && d->li_metal_negative)
        note(d, "formation: first charge %.4g Ah; first-cycle loss %.4g Ah: the plated lithium that dies (plating "
                "efficiency)", d->first_charge_cell_Ah, d->first_cycle_loss_Ah);
    else if (d->capacity_from_window && d->first_cycle_loss_Ah > 0)
        note(d, "formation: first charge %.4g Ah; first-cycle loss %.4g Ah, the %s's (negative keeps %.4g Ah as "
                "SEI, positive cannot refill %.4g Ah)",
             d->first_charge_cell_Ah, d->first_cycle_loss_Ah,
             d->first_cycle_loss_pos_Ah > d->first_cycle_loss_neg_Ah ? "positive" : "negative",
             d->first_cycle_loss_neg_Ah, d->first_cycle_loss_pos_Ah);

    if (r->nominal_voltage_V.have) {
        d->nominal_voltage_V = r->nominal_voltage_V.v;
        d->nominal_voltage_given = 1;
    } else if (d->capacity_from_window) {
        d->nominal_voltage_V = d->capacity_Ah > 0 ? d->energy_Wh / d->capacity_Ah : 0.0;
    } else {
        double vneg = d->negative.average_potential_V;
        if (d->li_metal_negative && !li_in_negative && d->capacity_Ah > 0) {
            /* Charge fills the host first, the rest is metal at 0 V vs Li. */
            double in_host = fmin(d->capacity_Ah, qhost);
            vneg = in_host * d->negative.average_potential_V / d->capacity_Ah;
        }
        d->nominal_voltage_V = d->positive.average_potential_V - vneg;
        note(d, "nominal voltage %.3f V = positive %.3f V - negative %.3f V (table averages vs Li/Li+)",
             d->nominal_voltage_V, d->positive.average_potential_V, vneg);
    }
    if (!d->capacity_from_window || d->nominal_voltage_given) d->energy_Wh = d->capacity_Ah * d->nominal_voltage_V;

    /* Breakdown. */
    const cf_design_electrode *el[2] = {&d->negative, &d->positive};
    const cf_recipe_electrode *re[2] = {&r->neg, &r->pos};
    const char *side[2] = {"negative", "positive"};
    double stack = 0, pores = 0;
    for (int k = 0; k < 2; k++) {
        double coat_vol = el[k]->thickness_um * el[k]->area_m2;
        for (size_t i = 0; i < el[k]->n_components; i++) {
            const cf_design_component *c = &el[k]->comp[i];
            item(d, side[k], c->material, c->mass_g, coat_vol * c->volume_fraction);
        }
        char name[48];
        snprintf(name, sizeof name, "collector %s", re[k]->collector->name);
        double fv = re[k]->collector_thickness_um * a_side * layers;
        item(d, side[k], name, re[k]->collector->density_g_cm3 * fv, fv);
        if (el[k]->n_components) item(d, side[k], "pores", 0.0, coat_vol * el[k]->porosity);
        stack += coat_vol + fv;
        pores += coat_vol * el[k]->porosity;
    }
    double sep_area = a_side * r->pos.sides * layers;
    double sep_vol = r->sep.thickness_um * sep_area;
    item(d, "separator", r->sep.name, r->sep.mat->density_g_cm3 * (1.0 - r->sep.porosity) * sep_vol, sep_vol);
    stack += sep_vol;
    pores += sep_vol * r->sep.porosity;
    d->pore_volume_cm3 = pores;

    double rho_el = r->electrolyte.density_g_cm3.have ? r->electrolyte.density_g_cm3.v : CF_ELECTROLYTE_DENSITY_DEFAULT;
    if (r->electrolyte.amount_g_per_Ah.have) {
        d->electrolyte_g = r->electrolyte.amount_g_per_Ah.v * d->capacity_Ah;
        d->electrolyte_source = 0;
    } else if (r->electrolyte.mass_g.have) {
        d->electrolyte_g = r->electrolyte.mass_g.v;
        d->electrolyte_source = 1;
    } else {
        d->electrolyte_g = rho_el * pores;
        d->electrolyte_source = 2;
        note(d, "no electrolyte amount given: it fills the pore volume %.4g cm3 at %.3g g/cm3", pores, rho_el);
    }
    double el_vol = d->electrolyte_g / rho_el;
    item(d, "electrolyte", r->electrolyte.salt, d->electrolyte_g, el_vol);
    /* Electrolyte beyond the pores sits in the case's free space: it adds mass, not stack volume. */
    if (el_vol > 1.001 * pores)
        note(d, "electrolyte %.4g cm3 exceeds the pore volume %.4g cm3; the excess is outside the stack volume", el_vol,
             pores);
    else if (el_vol < 0.999 * pores)
        note(d, "electrolyte %.4g cm3 fills %.0f %% of the pore volume %.4g cm3", el_vol, 100 * el_vol / pores, pores);

    if (r->reservoir.present) {
        double m = r->reservoir.mass_mg * 1e-3;
        item(d, "lithium reservoir", "", m, m / 0.534);
        stack += m / 0.534;
        if (absorbed > 0)
            note(d, "reservoir lithium absorbed by the positive: %.4g mmol of %.4g mmol", absorbed * 1e3,
                 r->reservoir.mass_mg / CF_M_LI);
    }
    if (r->format.case_mass_g.have)
        item(d, "case and tabs", "", r->format.case_mass_g.v, 0.0);
    else
        note(d, "no case_mass_g given: mass and Wh/kg exclude the case and tabs");
    d->stack_volume_cm3 = stack;

    d->mass_g = 0;
    for (size_t i = 0; i < d->n_items; i++) d->mass_g += d->items[i].mass_g;
    if (r->format.type == CF_FORMAT_POUCH && r->format.cell_thickness_mm.have) {
        d->volume_cm3 = r->format.cell_width_mm.v * r->format.cell_height_mm.v * r->format.cell_thickness_mm.v * 1e-3;
        d->volume_is_outer = 1;
    } else if (r->format.type != CF_FORMAT_POUCH && r->format.diameter_mm.have) {
        double rad = 0.5 * r->format.diameter_mm.v;
        d->volume_cm3 = CF_PI * rad * rad * r->format.height_mm.v * 1e-3;
        d->volume_is_outer = 1;
    } else {
        d->volume_cm3 = stack;
        note(d, "no outer size given: Wh/L uses the stack volume %.4g cm3", stack);
    }
    if (d->volume_is_outer && d->volume_cm3 < stack * 0.999)
        note(d, "outer volume %.4g cm3 is smaller than the stack volume %.4g cm3: check the dimensions",
             d->volume_cm3, stack);
    d->wh_per_kg = d->mass_g > 0 ? d->energy_Wh / (d->mass_g * 1e-3) : 0.0;
    d->wh_per_L = d->volume_cm3 > 0 ? d->energy_Wh / (d->volume_cm3 * 1e-3) : 0.0;
    return r->thermal.present ? cf_design_thermal(r, d, err) : CF_OK;
}
