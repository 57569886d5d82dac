/* bpx_write.c — any cf_cell as a BPX v1.1 file that cf_bpx_load reads back to
 * the same cell (docs/bpx.md, "Writing").
 *
 * The reader's mappings are inverted: surface area per volume = 3 eps_s / R,
 * transport efficiency = eps^b, k = j0_ref c_max sqrt(c_e0) / F, the
 * electrode conductivity written as the effective sigma (1 - eps)^b.
 *
 * The initial state is written the way the reader rebuilds it: "Minimum/
 * Maximum stoichiometry" are each phase's stoichiometries at the cut-off
 * voltages (cf_bpx_windows, with the cell's lithium), the SOC is the negative
 * electrode's position between them, and each window is slid (its width
 * kept) so that min + SOC (max - min) gives the phase's initial stoichiometry
 * to the last bits even when the phases of a blend are not in equilibrium.
 * When the OCV never reaches both cut-offs the windows cannot be computed:
 * SOC 0 with the initial stoichiometries as the SOC-0 limits is written, and
 * a note says the limits are not physical. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpx_emit.h"
#include "bpx_internal.h"
#include "cellforge/cellforge.h"

#define TABLE_POINTS 201

typedef struct {
    const cf_cell *c;
    cf_bpx_notes *notes;
    int fail; /* out of memory while building the tree */
} writer;

static void set(writer *w, json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v)) w->fail = 1;
}

static json_t *real(double v) { return json_real(v); }

static json_t *table_json(writer *w, const double *x, const double *y, int n)
{
    json_t *t = json_object(), *ax = json_array(), *ay = json_array();
    if (!t || !ax || !ay) {
        json_decref(t);
        json_decref(ax);
        json_decref(ay);
        w->fail = 1;
        return NULL;
    }
    for (int i = 0; i < n; i++)
        if (json_array_append_new(ax, real(x[i])) || json_array_append_new(ay, real(y[i]))) w->fail = 1;
    set(w, t, "x", ax);
    set(w, t, "y", ay);
    return t;
}

static json_t *term_json(writer *w, const cf_term *t)
{
    switch (t->kind) {
    case CF_TERM_CONST: return real(t->value);
    case CF_TERM_EXPR: return json_string(cf_expr_text(t->expr));
    case CF_TERM_TABLE: return table_json(w, t->table.x, t->table.y, t->table.n);
    default: return NULL;
    }
}

/* A function BPX cannot state as a formula, sampled at the cell temperature. */
static json_t *sampled(writer *w, const cf_fn *f, double lo, double hi, const char *where)
{
    double x[TABLE_POINTS], y[TABLE_POINTS];
    for (int i = 0; i < TABLE_POINTS; i++) {
        x[i] = lo + (hi - lo) * i / (TABLE_POINTS - 1);
        y[i] = cf_fn_eval(f, x[i], w->c->T_K, NULL);
    }
    cf_bpx_note(w->notes, "%s: the built-in '%s' has no BPX formula; written as a %d-point table at %g K", where,
                f->name, TABLE_POINTS, w->c->T_K);
    return table_json(w, x, y, TABLE_POINTS);
}

/* The BPX value of f, and the parts that go under their own keys: the
 * entropic coefficient (*dT, OCPs) and the activation energy (*Ea). */
static json_t *fn_json(writer *w, const cf_fn *f, const char *where, double lo, double hi, json_t **dT, double *Ea)
{
    *dT = NULL;
    *Ea = 0.0;
    switch (f->kind) {
    case CF_FN_CONSTANT: return real(f->value);
    case CF_FN_TABLE: return table_json(w, f->x, f->y, f->n);
    case CF_FN_BUILTIN: {
        const char *text = cf_bpx_builtin_expression(f->name);
        double Ea_builtin = cf_bpx_builtin_activation(f->name);
        /* An Arrhenius text refers to 298.15 K; against another reference
         * temperature it would be wrong, so such a cell gets the table. */
        if (!text || (Ea_builtin != 0.0 && w->c->T_ref != CF_BPX_BUILTIN_T_REF)) return sampled(w, f, lo, hi, where);
        *Ea = Ea_builtin;
        return json_string(text);
    }
    case CF_FN_EXPR: {
        const cf_fn_expr *c = cf_fn_composite(f);
        if ((c->dT.kind != CF_TERM_NONE || c->Ea_J_mol != 0.0) && c->T_ref != w->c->T_ref)
            cf_bpx_note(w->notes, "%s: its temperature terms refer to %g K, the cell to %g K; written against the "
                                  "cell's reference temperature",
                        where, c->T_ref, w->c->T_ref);
        if (c->dT.kind != CF_TERM_NONE) *dT = term_json(w, &c->dT);
        *Ea = c->Ea_J_mol;
        return term_json(w, &c->base);
    }
    default: return NULL;
    }
}

static void transport(writer *w, json_t *o, const cf_fn *f, const char *key, const char *ea_key, const char *where)
{
    json_t *dT;
    double Ea;
    double hi = fmax(4000.0, 3.0 * w->c->electrolyte.c_init);
    /* a table starts at 1 mol/m3: a conductivity is 0 at c = 0 (Kim 2011's
     * is), which BPX readers refuse; below, the end slope extends it */
    set(w, o, key, fn_json(w, f, where, 1.0, hi, &dT, &Ea));
    if (dT) {
        json_decref(dT);
        cf_bpx_note(w->notes, "%s: a temperature slope term has no place in BPX and is dropped", where);
    }
    if (Ea != 0.0) set(w, o, ea_key, real(Ea));
}

/* ---- exact inverses of the reader's mappings (bpx_map.c) ---- */

static double fwd_active(double a, const double *p) { return cf_bpx_map_active_fraction(a, p[0]); }
static double fwd_j0(double k, const double *p) { return cf_bpx_map_j0_ref(k, p[0], p[1]); }
static double fwd_brugg(double te, const double *p) { return cf_bpx_map_bruggeman(te, p[0]); }
static double fwd_scale(double sto, const double *p) { return sto * p[0]; }
static double fwd_lo(double lo, const double *p) { return cf_bpx_map_sto((int)p[0], lo, p[1], p[2]); }
static double fwd_hi(double hi, const double *p) { return cf_bpx_map_sto((int)p[0], p[1], hi, p[2]); }

static double surface_area(double fraction, double R)
{
    const double p[1] = {R};
    return cf_bpx_exact_inverse(3.0 * fraction / R, fraction, fwd_active, p);
}

static double rate_constant(double j0_ref, double c_max, double ce0)
{
    const double p[2] = {c_max, ce0};
    return cf_bpx_exact_inverse(j0_ref * c_max * sqrt(ce0) / CF_FARADAY, j0_ref, fwd_j0, p);
}

static double transport_efficiency(double eps, double b)
{
    const double p[1] = {eps};
    return cf_bpx_exact_inverse(pow(eps, b), b, fwd_brugg, p);
}

/* Nudges one limit so that the reader's formula gives exactly the
 * stoichiometry whose product with c_max is c_init. */
static void exact_limits(int side, double c_init, double c_max, double soc, double *lo, double *hi)
{
    const double pc[1] = {c_max};
    double sto = cf_bpx_exact_inverse(c_init / c_max, c_init, fwd_scale, pc);
    const double plo[3] = {side, *hi, soc};
    double l = cf_bpx_exact_inverse(*lo, sto, fwd_lo, plo);
    if (cf_bpx_map_sto(side, l, *hi, soc) == sto) {
        *lo = l;
        return;
    }
    const double phi[3] = {side, *lo, soc};
    double h = cf_bpx_exact_inverse(*hi, sto, fwd_hi, phi);
    if (cf_bpx_map_sto(side, *lo, h, soc) == sto) {
        *hi = h;
        return;
    }
    /* Rounding can step over the target along either axis alone: try both. */
    double l0 = *lo;
    for (int k = 0; k < 32; k++) {
        l0 = nextafter(l0, k % 2 ? INFINITY : -INFINITY);
        const double p2[3] = {side, l0, soc};
        h = cf_bpx_exact_inverse(*hi, sto, fwd_hi, p2);
        if (cf_bpx_map_sto(side, l0, h, soc) == sto) {
            *lo = l0;
            *hi = h;
            return;
        }
    }
}

/* ---- the initial state as stoichiometry limits and a SOC ---- */

typedef struct {
    double soc;
    double lo[2][CF_MAX_PHASES], hi[2][CF_MAX_PHASES];
} limits;

static void state_limits(writer *w, limits *L)
{
    const cf_cell *c = w->c;
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    double sto[2][CF_MAX_PHASES], st0[2][CF_MAX_PHASES], st100[2][CF_MAX_PHASES];
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++) sto[s][i] = es[s]->phase[i].c_init / es[s]->phase[i].c_max;
    int ok = cf_bpx_windows(c, cf_bpx_cell_lithium(c), st0, st100) == 0;
    double soc = 0;
    if (ok) {
        double x = 0, x0 = 0, x100 = 0;
        for (int i = 0; i < c->neg.n_phases; i++) {
            double q = c->neg.phase[i].active_fraction * c->neg.thickness_m * c->neg.phase[i].c_max;
            x += q * sto[0][i];
            x0 += q * st0[0][i];
            x100 += q * st100[0][i];
        }
        soc = x100 > x0 ? (x - x0) / (x100 - x0) : 0.0;
        if (soc < 0 || soc > 1) {
            cf_bpx_note(w->notes, "the initial state lies outside the cut-off voltages (SOC %g); written as SOC %g",
                        soc, soc < 0 ? 0.0 : 1.0);
            soc = soc < 0 ? 0.0 : 1.0;
        }
        for (int s = 0; s < 2 && ok; s++)
            for (int i = 0; i < es[s]->n_phases; i++) {
                /* Negative: sto = lo + soc w; positive: sto = hi - soc w. */
                double width = fabs(st100[s][i] - st0[s][i]);
                if (s == 0) {
                    L->lo[s][i] = sto[s][i] - soc * width;
                    L->hi[s][i] = L->lo[s][i] + width;
                } else {
                    L->hi[s][i] = sto[s][i] + soc * width;
                    L->lo[s][i] = L->hi[s][i] - width;
                }
                if (L->lo[s][i] < 0 || L->hi[s][i] > 1) ok = 0;
            }
    }
    if (!ok) {
        soc = 0.0;
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < es[s]->n_phases; i++) {
                L->lo[s][i] = s == 0 ? sto[s][i] : 0.0;
                L->hi[s][i] = s == 0 ? 1.0 : sto[s][i];
            }
        cf_bpx_note(w->notes, "the cell's OCV does not span its cut-off voltages from this state: written as SOC 0 "
                              "with placeholder stoichiometry limits (the initial state is kept exactly)");
    }
    L->soc = soc;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            exact_limits(s, es[s]->phase[i].c_init, es[s]->phase[i].c_max, soc, &L->lo[s][i], &L->hi[s][i]);
}

/* ---- sections ---- */

static json_t *particle(writer *w, const cf_electrode *e, int side, int i, const limits *L, json_t *o)
{
    const cf_phase *ph = &e->phase[i];
    char where[96];
    snprintf(where, sizeof where, "%s electrode, %s", side == 0 ? "negative" : "positive", ph->name);
    set(w, o, "Minimum stoichiometry", real(L->lo[side][i]));
    set(w, o, "Maximum stoichiometry", real(L->hi[side][i]));
    set(w, o, "Maximum concentration [mol.m-3]", real(ph->c_max));
    set(w, o, "Particle radius [m]", real(ph->particle_radius_m));
    set(w, o, "Surface area per unit volume [m-1]", real(surface_area(ph->active_fraction, ph->particle_radius_m)));
    json_t *dT;
    double Ea;
    if (ph->diffusivity_fn.kind != CF_FN_CONSTANT) {
        /* D(sto): an expression or table in x, its Arrhenius factor beside it */
        set(w, o, "Diffusivity [m2.s-1]", fn_json(w, &ph->diffusivity_fn, where, 0.0, 1.0, &dT, &Ea));
        if (dT) json_decref(dT);
        if (ph->diffusivity_fn.kind == CF_FN_BUILTIN)
            cf_bpx_note(w->notes, "%s: diffusivity '%s' is written as its values at the reference temperature; its "
                                  "own temperature dependence is not carried",
                        where, ph->diffusivity_fn.name);
        set(w, o, "Diffusivity activation energy [J.mol-1]", real(ph->diffusivity_Ea_J_mol + Ea));
    } else {
        set(w, o, "Diffusivity [m2.s-1]", real(ph->diffusivity_m2_s));
        set(w, o, "Diffusivity activation energy [J.mol-1]", real(ph->diffusivity_Ea_J_mol));
    }
    set(w, o, "OCP [V]", fn_json(w, &ph->ocp, where, 0.0, 1.0, &dT, &Ea));
    if (dT) set(w, o, "Entropic change coefficient [V.K-1]", dT);
    if (Ea != 0.0)
        cf_bpx_note(w->notes, "%s: an Arrhenius factor on the OCP has no place in BPX and is dropped", where);
    double k = rate_constant(ph->j0_ref, ph->c_max, w->c->electrolyte.c_init);
    set(w, o, "Reaction rate constant [mol.m-2.s-1]", real(k));
    set(w, o, "Reaction rate constant activation energy [J.mol-1]", real(ph->j0_Ea_J_mol));
    if (ph->alpha != 0.5)
        cf_bpx_note(w->notes, "%s: charge-transfer coefficient %g written as BPX's symmetric 0.5", where, ph->alpha);
    if (ph->volume_expansion != 0.0)
        cf_bpx_note(w->notes, "%s: volume expansion %g has no place in BPX and is dropped", where,
                    ph->volume_expansion);
    return o;
}

static json_t *electrode(writer *w, const cf_electrode *e, int side, const limits *L)
{
    json_t *o = json_object();
    if (!o) {
        w->fail = 1;
        return NULL;
    }
    set(w, o, "Thickness [m]", real(e->thickness_m));
    set(w, o, "Porosity", real(e->porosity));
    set(w, o, "Transport efficiency", real(transport_efficiency(e->porosity, e->bruggeman_electrolyte)));
    set(w, o, "Conductivity [S.m-1]", real(e->conductivity_S_m * pow(1.0 - e->porosity, e->bruggeman_electrode)));
    if (e->n_phases == 1) return particle(w, e, side, 0, L, o);
    json_t *ps = json_object();
    if (!ps) w->fail = 1;
    for (int i = 0; i < e->n_phases && ps; i++) {
        char name[CF_NAME_MAX + 8];
        snprintf(name, sizeof name, "%s", e->phase[i].name[0] ? e->phase[i].name : "Material");
        /* Particle names are object keys: make them distinct. */
        for (int k = 2; json_object_get(ps, name); k++)
            snprintf(name, sizeof name, "%.60s %d", e->phase[i].name[0] ? e->phase[i].name : "Material", k);
        json_t *p = json_object();
        if (!p) w->fail = 1;
        else set(w, ps, name, particle(w, e, side, i, L, p));
    }
    set(w, o, "Particle", ps);
    return o;
}

static json_t *validation(writer *w, const cf_bpx_meta *meta)
{
    json_t *v = json_object();
    if (!v) {
        w->fail = 1;
        return NULL;
    }
    for (size_t k = 0; k < meta->n_experiments; k++) {
        const cf_bpx_experiment *e = &meta->experiments[k];
        json_t *o = json_object();
        if (!o) {
            w->fail = 1;
            break;
        }
        const double *cols[4] = {e->time_s, e->current_A, e->voltage_V, e->temperature_K};
        const char *keys[4] = {"Time [s]", "Current [A]", "Voltage [V]", "Temperature [K]"};
        for (int c = 0; c < 4; c++) {
            if (!cols[c]) continue;
            json_t *a = json_array();
            if (!a) w->fail = 1;
            for (size_t i = 0; a && i < e->n; i++)
                if (json_array_append_new(a, real(cols[c][i]))) w->fail = 1;
            set(w, o, keys[c], a);
        }
        set(w, v, e->name, o);
    }
    return v;
}

static json_t *build(writer *w, const cf_bpx_meta *meta)
{
    const cf_cell *c = w->c;
    json_t *root = json_object(), *h = json_object(), *p = json_object(), *cell = json_object(),
           *el = json_object(), *sep = json_object(), *st = json_object(), *ic = json_object(), *te = json_object();
    if (!root || !h || !p || !cell || !el || !sep || !st || !ic || !te) w->fail = 1;
    set(w, root, "Header", h);
    set(w, root, "Parameterisation", p);
    set(w, root, "State", st);
    if (w->fail) return root;

    char desc[160];
    snprintf(desc, sizeof desc, "Written by cellforge %s from the cell '%s'", cf_version(), c->name);
    set(w, h, "BPX", json_string("1.1.0"));
    set(w, h, "Title", json_string(meta->title ? meta->title : c->name));
    set(w, h, "Description", json_string(desc));
    set(w, h, "Model", json_string(meta->model_name ? meta->model_name : "DFN"));

    set(w, p, "Cell", cell);
    set(w, cell, "Electrode area [m2]", real(c->area_m2));
    set(w, cell, "Number of electrode pairs connected in parallel to make a cell", json_integer(1));
    set(w, cell, "Lower voltage cut-off [V]", real(c->v_min));
    set(w, cell, "Upper voltage cut-off [V]", real(c->v_max));
    set(w, cell, "Nominal cell capacity [A.h]", real(c->nominal_capacity_Ah));
    set(w, cell, "Reference temperature [K]", real(c->T_ref));
    const cf_thermal *th = &c->thermal;
    if (th->present) {
        /* BPX's cell-level density and specific heat: the mass-weighted
         * means over the layers, so that rho c_p V is the cell's heat capacity */
        double Ls[CF_N_LAYERS] = {th->cc_thickness_m[0], c->neg.thickness_m, c->sep.thickness_m, c->pos.thickness_m,
                                  th->cc_thickness_m[1]};
        double L = 0, m = 0, mc = 0;
        for (int l = 0; l < CF_N_LAYERS; l++) {
            L += Ls[l];
            m += th->density_kg_m3[l] * Ls[l];
            mc += th->density_kg_m3[l] * th->heat_capacity_J_kg_K[l] * Ls[l];
        }
        set(w, cell, "Density [kg.m-3]", real(m / L));
        set(w, cell, "Specific heat capacity [J.K-1.kg-1]", real(mc / m));
        set(w, cell, "External surface area [m2]", real(th->cooling_area_m2));
        set(w, cell, "Volume [m3]", real(th->volume_m3));
        if (th->cc_thickness_m[0] > 0 || th->cc_thickness_m[1] > 0)
            cf_bpx_note(w->notes, "the collectors' ohmic heat and the layers' thermal conductivities have no place in "
                                  "BPX 1.x and are not written");
    }

    set(w, p, "Electrolyte", el);
    set(w, el, "Cation transference number", real(c->electrolyte.t_plus));
    transport(w, el, &c->electrolyte.diffusivity, "Diffusivity [m2.s-1]", "Diffusivity activation energy [J.mol-1]",
              "electrolyte diffusivity");
    transport(w, el, &c->electrolyte.conductivity, "Conductivity [S.m-1]",
              "Conductivity activation energy [J.mol-1]", "electrolyte conductivity");
    if (c->electrolyte.transport_reduction != 0.0)
        cf_bpx_note(w->notes, "electrolyte transport reduction %g (gel electrolyte) has no place in BPX and is dropped",
                    c->electrolyte.transport_reduction);
    if (c->reservoir.present)
        cf_bpx_note(w->notes, "the lithium reservoir has no place in BPX and is dropped");
    if (c->neg.plating)
        cf_bpx_note(w->notes, "lithium plating on the negative (exchange current %g A/m2) has no place in BPX and is "
                              "dropped", c->neg.plating_j0_A_m2);
    if (c->neg.sei.model != CF_SEI_NONE)
        cf_bpx_note(w->notes, "%s SEI growth on the negative has no place in BPX and is dropped",
                    cf_sei_model_name(c->neg.sei.model));
    if (c->neg.li_plating.model != CF_PLATING_NONE)
        cf_bpx_note(w->notes, "%s lithium plating on the negative has no place in BPX and is dropped",
                    cf_plating_model_name(c->neg.li_plating.model));
    for (int s = 0; s < 2; s++) {
        const cf_electrode *e = s == 0 ? &c->neg : &c->pos;
        if (e->lam.model)
            cf_bpx_note(w->notes, "%s loss of active material on the %s has no place in BPX and is dropped",
                        cf_lam_model_name(e->lam.model), s == 0 ? "negative" : "positive");
        if (e->cracking.model)
            cf_bpx_note(w->notes, "particle cracking (%s) on the %s has no place in BPX and is dropped",
                        cf_crack_model_name(e->cracking.model), s == 0 ? "negative" : "positive");
    }
    if (c->electrolyte.thermodynamic_factor != 1.0)
        cf_bpx_note(w->notes, "thermodynamic factor %g: BPX has none (readers take 1)",
                    c->electrolyte.thermodynamic_factor);

    limits L;
    state_limits(w, &L);
    set(w, p, "Negative electrode", electrode(w, &c->neg, 0, &L));
    set(w, p, "Positive electrode", electrode(w, &c->pos, 1, &L));
    set(w, p, "Separator", sep);
    set(w, sep, "Thickness [m]", real(c->sep.thickness_m));
    set(w, sep, "Porosity", real(c->sep.porosity));
    set(w, sep, "Transport efficiency", real(transport_efficiency(c->sep.porosity, c->sep.bruggeman_electrolyte)));

    set(w, st, "Initial conditions", ic);
    set(w, ic, "Initial state-of-charge", real(L.soc));
    set(w, ic, "Initial temperature [K]",
        real(!isnan(meta->initial_temperature_K) ? meta->initial_temperature_K
             : th->present && th->T_initial_K > 0 ? th->T_initial_K
                                                  : c->T_K));
    set(w, ic, "Initial electrolyte concentration [mol.m-3]", real(c->electrolyte.c_init));
    set(w, st, "Thermal environment", te);
    set(w, te, "Ambient temperature [K]", real(th->present && th->T_ambient_K > 0 ? th->T_ambient_K : c->T_K));
    /* The cell's own heat transfer, else the source file's, else 0 (PyBaMM's default). */
    set(w, te, "Heat transfer coefficient [W.m-2.K-1]",
        real(th->present ? th->h_W_m2_K
             : isnan(meta->heat_transfer_coefficient) ? 0.0 : meta->heat_transfer_coefficient));
    if (meta->n_experiments) set(w, root, "Validation", validation(w, meta));
    return root;
}

int cf_bpx_write(const cf_cell *cell, const cf_bpx_meta *meta_in, const char *path, cf_bpx_notes *notes,
                 cf_error *err)
{
    int rc = cf_cell_validate(cell, err);
    if (rc) return rc;
    if (cell->neg.planar || cell->neg.n_phases < 1)
        return cf_error_set(err, CF_EINVAL, cell->name,
                            "a lithium-metal negative has no BPX form (BPX electrodes are made of particles)");
    cf_bpx_meta meta;
    if (meta_in) meta = *meta_in;
    else cf_bpx_meta_default(&meta);
    cf_bpx_notes scratch = {0};
    writer w = {.c = cell, .notes = notes ? notes : &scratch};
    json_t *root = build(&w, &meta);
    if (w.fail) {
        json_decref(root);
        return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    }
    cf_outfile *f;
    rc = cf_outfile_open(path, &f, err);
    if (!rc) {
        cf_bpx_emit(cf_outfile_stream(f), root);
        rc = cf_outfile_commit(f, err);
    }
    json_decref(root);
    return rc;
}
