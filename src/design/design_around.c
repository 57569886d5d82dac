/* design_around.c — the smallest single-variable change that flips a claim.
 *
 * Every number the claims read is a "knob" (porosity, loadings, mass
 * fractions, measured material properties, reservoir mass, process times).
 * For each knob, holding everything else in the recipe as given, the search
 * walks away from the current value in both directions with geometrically
 * growing steps until the claim's status flips (met <-> not_met), bisects to
 * the boundary, then rounds to the fewest significant digits (within 0.1 % of
 * the boundary) that still flip.
 * Text choices (electrolyte type, collector, precursor, atmospheres,
 * reservoir connection) are tried as alternatives after the numbers.
 * Candidates are ranked by relative change |to - from| / |from|. */
#include "design/claims_internal.h"
#include "design/coating.h"
#include "design/design_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KNOBS 96
#define GROWTH 1.04
#define BISECT_STEPS 60

typedef enum {
    K_POROSITY,
    K_COATING,
    K_FRACTION,
    K_PROP,
    K_RESERVOIR_MASS,
    K_PROCESS_TIME,
    K_RUN_TIME,
    K_RUN_LIO,
    K_RUN_PLATED,
    K_TEXT_ELECTROLYTE,
    K_TEXT_POS_COLLECTOR,
    K_TEXT_RESERVOIR_END,
    K_TEXT_PROP
} knob_kind;

typedef struct {
    int kind;
    int el;   /* 0 negative, 1 positive */
    int comp; /* component index */
    int id;   /* cf_rprop_id or cf_rtext_id */
    double lo, hi;
    char path[96];
} knob;

typedef struct {
    cf_recipe *r;       /* working copy */
    cf_run_record run;  /* working copy */
    int has_run;
    const cf_claim_set *set;
    int claim;
    cf_claims_report *rep;
    cf_design d;
} search;

static cf_recipe_electrode *el_of(cf_recipe *r, int el) { return el ? &r->pos : &r->neg; }

/* Wh/kg and Wh/L of the working copy need the window's energy; a copy the
 * window refuses keeps the fast design's figures. */
static void full_design(search *s)
{
    cf_design d;
    if (cf_design_compute(s->r, &d, NULL) == CF_OK) s->d = d;
}

/* Status of the claim for the working copy, or -1 when the copy is not a valid recipe. */
static int status_now(search *s)
{
    for (int k = 0; k < 2; k++) {
        const cf_recipe_electrode *e = el_of(s->r, k);
        for (size_t i = 0; i < e->n_comp; i++) {
            cf_dsnni_state st;
            if (strcmp(e->comp[i].mat->name, "sn_ni_alloy") == 0 && cf_dsnni_resolve(&e->comp[i], &st) != 0) return -1;
        }
    }
    /* the claims do not read the window's capacity: the fast design will do */
    if (cf_design_compute_ex(s->r, &s->d, 0, NULL) != CF_OK) return -1;
    cf_claim_ctx ctx = {s->r, &s->d, s->has_run ? &s->run : NULL};
    s->rep->n = 0;
    cf_claims_eval_set(s->set, &ctx, s->rep);
    for (size_t i = 0; i < s->rep->n; i++)
        if (s->rep->r[i].claim == s->claim) return s->rep->r[i].status;
    return -1;
}

static double get(search *s, const knob *k)
{
    cf_recipe_electrode *e = el_of(s->r, k->el);
    switch (k->kind) {
    case K_POROSITY: {
        double t, eps, rho;
        if (cf_rcoat_solve(e, "", &t, &eps, &rho, NULL) != CF_OK) return NAN;
        return eps;
    }
    case K_COATING: return e->coating_g_m2;
    case K_FRACTION: return e->comp[k->comp].mass_fraction;
    case K_PROP: return e->comp[k->comp].p[k->id].v;
    case K_RESERVOIR_MASS: return s->r->reservoir.mass_mg;
    case K_PROCESS_TIME: return s->r->process.first_charge_after_electrolyte_h.v;
    case K_RUN_TIME: return s->run.first_charge_after_contact_h;
    case K_RUN_LIO: return s->run.li_o_ratio_after_prelithiation;
    case K_RUN_PLATED: return s->run.li_metal_plated_Ah;
    default: return NAN;
    }
}

static void set(search *s, const knob *k, double v)
{
    cf_recipe_electrode *e = el_of(s->r, k->el);
    switch (k->kind) {
    case K_POROSITY:
        /* Porosity now fixes the coating; loading stays, thickness and density follow. */
        e->porosity.have = 1;
        e->porosity.v = v;
        e->thickness_um.have = 0;
        e->density_g_cm3.have = 0;
        break;
    case K_COATING: e->coating_g_m2 = v; break;
    case K_FRACTION: {
        double w0 = e->comp[k->comp].mass_fraction, scale = (1.0 - v) / (1.0 - w0);
        for (size_t i = 0; i < e->n_comp; i++)
            e->comp[i].mass_fraction = (int)i == k->comp ? v : e->comp[i].mass_fraction * scale;
        break;
    }
    case K_PROP: e->comp[k->comp].p[k->id].v = v; break;
    case K_RESERVOIR_MASS: s->r->reservoir.mass_mg = v; break;
    case K_PROCESS_TIME: s->r->process.first_charge_after_electrolyte_h.v = v; break;
    case K_RUN_TIME: s->run.first_charge_after_contact_h = v; break;
    case K_RUN_LIO: s->run.li_o_ratio_after_prelithiation = v; break;
    case K_RUN_PLATED: s->run.li_metal_plated_Ah = v; break;
    default: break;
    }
}

static void add(knob *ks, size_t *n, knob k)
{
    if (*n < MAX_KNOBS) ks[(*n)++] = k;
}

static size_t list_knobs(const cf_recipe *r, const cf_run_record *run, knob *ks)
{
    size_t n = 0;
    const char *names[2] = {"negative", "positive"};
    for (int el = 0; el < 2; el++) {
        const cf_recipe_electrode *e = el ? &r->pos : &r->neg;
        if (e->coating_g_m2 <= 0) continue;
        knob k = {K_POROSITY, el, 0, 0, 0.0, 0.95, ""};
        snprintf(k.path, sizeof k.path, "%s.porosity", names[el]);
        add(ks, &n, k);
        k = (knob){K_COATING, el, 0, 0, 0.1, 2000, ""};
        snprintf(k.path, sizeof k.path, "%s.coating_g_m2", names[el]);
        add(ks, &n, k);
        for (size_t i = 0; i < e->n_comp; i++) {
            const cf_recipe_component *c = &e->comp[i];
            if (e->n_comp > 1 && c->mass_fraction < 1.0) {
                k = (knob){K_FRACTION, el, (int)i, 0, 1e-3, 0.999, ""};
                snprintf(k.path, sizeof k.path, "%s.components[%zu].mass_fraction", names[el], i);
                add(ks, &n, k);
            }
            for (int p = 0; p < CF_P_COUNT; p++) {
                if (!c->p[p].have || p == CF_P_SPECIFIC_CAPACITY || p == CF_P_DENSITY || p == CF_P_PARTICLE_RADIUS_UM ||
                    p == CF_P_AVERAGE_POTENTIAL)
                    continue;
                const cf_rprop_info *pi = cf_rprop_info_at(p);
                k = (knob){K_PROP, el, (int)i, p, pi->lo, pi->hi, ""};
                snprintf(k.path, sizeof k.path, "%s.components[%zu].%s", names[el], i, pi->key);
                add(ks, &n, k);
            }
            for (int t = 0; t < CF_T_COUNT; t++) {
                if (!c->t[t][0] || t == CF_T_FORM) continue;
                static const char *const tk[CF_T_COUNT] = {"precursor", "precursor_shape", "precursor_polymerization",
                                                           "oxidation_atmosphere", "carbonization_atmosphere", "form"};
                k = (knob){K_TEXT_PROP, el, (int)i, t, 0, 0, ""};
                snprintf(k.path, sizeof k.path, "%s.components[%zu].%s", names[el], i, tk[t]);
                add(ks, &n, k);
            }
        }
    }
    if (r->reservoir.present) {
        add(ks, &n, (knob){K_RESERVOIR_MASS, 0, 0, 0, 0, 1e7, "reservoir.mass_mg"});
        add(ks, &n, (knob){K_TEXT_RESERVOIR_END, 0, 0, 0, 0, 0, "reservoir.connected_to"});
    }
    if (run && run->has_first_charge_after_contact_h)
        add(ks, &n, (knob){K_RUN_TIME, 0, 0, 0, 0, 1e4, "run.first_charge_after_contact_h"});
    else if (r->process.first_charge_after_electrolyte_h.have)
        add(ks, &n, (knob){K_PROCESS_TIME, 0, 0, 0, 0, 1e4, "process.first_charge_after_electrolyte_h"});
    if (run && run->has_li_o_ratio_after_prelithiation)
        add(ks, &n, (knob){K_RUN_LIO, 0, 0, 0, 0, 2, "run.li_o_ratio_after_prelithiation"});
    if (run && run->has_li_metal_plated_Ah)
        add(ks, &n, (knob){K_RUN_PLATED, 0, 0, 0, 0, 1e6, "run.li_metal_plated_Ah"});
    add(ks, &n, (knob){K_TEXT_ELECTROLYTE, 0, 0, 0, 0, 0, "electrolyte.type"});
    add(ks, &n, (knob){K_TEXT_POS_COLLECTOR, 0, 0, 0, 0, 0, "positive.collector.material"});
    return n;
}

static int flipped(int s0, int st) { return st >= 0 && st != CF_CLAIM_UNDETERMINED && st != s0; }

/* Rounds x away from x0 to `digits` significant digits. */
static double round_away(double x, double x0, int digits)
{
    if (x == 0) return 0;
    double p = pow(10.0, floor(log10(fabs(x))) - digits + 1);
    return x > x0 ? ceil(x / p - 1e-9) * p : floor(x / p + 1e-9) * p;
}

/* Searches one direction; returns 1 and the flipping value in *out. */
static int search_dir(search *s, const knob *k, double x0, int s0, int dir, double *out)
{
    double limit = dir > 0 ? k->hi : k->lo;
    double span = (limit - x0) * dir;
    if (span <= 0) return 0;
    double scale = fmax(fabs(x0), 1e-3 * (k->hi - k->lo));
    double d = fmin(1e-6 * scale, span), prev = x0, x = x0;
    int found = 0;
    for (int it = 0; it < 2000; it++) {
        x = x0 + dir * d;
        set(s, k, x);
        int st = status_now(s);
        if (flipped(s0, st)) {
            found = 1;
            break;
        }
        if (st == s0) prev = x;
        if (d >= span) break;
        d = fmin(d * GROWTH, span);
    }
    if (!found) {
        set(s, k, x0);
        return 0;
    }
    double lo = prev, hi = x; /* lo keeps s0, hi flips */
    for (int it = 0; it < BISECT_STEPS; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid == lo || mid == hi) break;
        set(s, k, mid);
        int st = status_now(s);
        if (flipped(s0, st))
            hi = mid;
        else if (st == s0)
            lo = mid;
        else
            break;
    }
    /* Round to the fewest digits that stay within 0.1 % of the boundary value. */
    double best = hi;
    for (int digits = 2; digits <= 9; digits++) {
        double c = round_away(hi, x0, digits);
        if ((c - x0) * dir <= 0 || (limit - c) * dir < 0) continue;
        if (fabs(c - hi) > 1e-3 * fmax(fabs(hi), 1e-12)) continue;
        set(s, k, c);
        if (flipped(s0, status_now(s))) {
            best = c;
            break;
        }
    }
    set(s, k, x0);
    *out = best;
    return 1;
}

static const char *text_of(search *s, const knob *k, char *buf, size_t n)
{
    switch (k->kind) {
    case K_TEXT_ELECTROLYTE: return s->r->electrolyte.porous_polymer ? "porous_polymer" : "liquid";
    case K_TEXT_POS_COLLECTOR: return s->r->pos.collector->name;
    case K_TEXT_RESERVOIR_END: return s->r->reservoir.on_positive ? "positive" : "negative";
    default: snprintf(buf, n, "%s", el_of(s->r, k->el)->comp[k->comp].t[k->id]); return buf;
    }
}

/* Sets alternative `alt` (0 or 1) of a text knob; returns 0 when that
 * alternative is the current value (nothing to try). */
static int set_text(search *s, const knob *k, int alt)
{
    cf_recipe_electrode *e = el_of(s->r, k->el);
    switch (k->kind) {
    case K_TEXT_ELECTROLYTE:
        if (alt) return 0;
        s->r->electrolyte.porous_polymer = !s->r->electrolyte.porous_polymer;
        return 1;
    case K_TEXT_POS_COLLECTOR: {
        const char *to = alt ? "nickel" : "aluminium";
        if (strcmp(s->r->pos.collector->name, to) == 0) return 0;
        s->r->pos.collector = cf_dmat_find(to);
        return 1;
    }
    case K_TEXT_RESERVOIR_END:
        if (alt) return 0;
        s->r->reservoir.on_positive = !s->r->reservoir.on_positive;
        return 1;
    default: {
        /* One value the claims accept and one they do not, per text property. */
        static const char *const alts[CF_T_COUNT][2] = {{"vinyl_resin", "phenolic_resin"}, {"spherical", "irregular"},
                                                        {"suspension", "emulsion"},       {"air", "nitrogen"},
                                                        {"nitrogen", "air"},              {"powder", "foil"}};
        char *t = e->comp[k->comp].t[k->id];
        if (strcmp(t, alts[k->id][alt]) == 0) return 0;
        snprintf(t, sizeof e->comp[0].t[0], "%s", alts[k->id][alt]);
        return 1;
    }
    }
}

static int cmp_change(const void *a, const void *b)
{
    const cf_design_change *x = a, *y = b;
    double rx = x->is_text ? 1e300 : x->relative_change, ry = y->is_text ? 1e300 : y->relative_change;
    return rx < ry ? -1 : rx > ry;
}

int cf_claims_design_around(const cf_recipe *r, const cf_run_record *run, const char *seed, int claim,
                            cf_design_around *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    cf_claim_info info;
    int st = cf_claims_explain(seed, claim, &info, err);
    if (st) return st;
    out->seed = info.seed;
    out->claim = claim;

    search s;
    memset(&s, 0, sizeof s);
    s.set = cf_claims_set_find(seed);
    s.claim = claim;
    s.has_run = run != NULL;
    if (run) s.run = *run;
    s.rep = malloc(sizeof *s.rep);
    knob *ks = malloc(MAX_KNOBS * sizeof *ks);
    cf_design_change *cand = malloc(MAX_KNOBS * sizeof *cand);
    if (!s.rep || !ks || !cand) {
        free(s.rep), free(ks), free(cand);
        return cf_error_set(err, CF_ENOMEM, "design-around", "out of memory");
    }
    if ((st = cf_recipe_clone(r, &s.r, err))) goto done;
    int s0 = status_now(&s);
    if (s0 < 0) {
        st = cf_design_compute(r, &s.d, err);
        if (!st) st = cf_error_set(err, CF_EINVAL, r->source, "the recipe cannot be evaluated");
        goto done;
    }
    out->status = s0;
    full_design(&s);
    out->wh_per_kg = s.d.wh_per_kg;
    out->wh_per_L = s.d.wh_per_L;
    if (s0 == CF_CLAIM_UNDETERMINED) {
        for (size_t i = 0; i < s.rep->n; i++)
            if (s.rep->r[i].claim == claim)
                snprintf(out->note, sizeof out->note, "claim is undetermined (%.330s); supply the missing values first",
                         s.rep->r[i].reason);
        goto done;
    }

    size_t nk = list_knobs(r, run, ks), nc = 0;
    for (size_t i = 0; i < nk; i++) {
        const knob *k = &ks[i];
        cf_design_change c;
        memset(&c, 0, sizeof c);
        snprintf(c.variable, sizeof c.variable, "%s", k->path);
        if (k->kind >= K_TEXT_ELECTROLYTE) {
            char buf[40];
            snprintf(c.from_text, sizeof c.from_text, "%s", text_of(&s, k, buf, sizeof buf));
            for (int alt = 0; alt < 2 && nc < MAX_KNOBS; alt++) {
                if (!set_text(&s, k, alt)) continue;
                int ns = status_now(&s);
                snprintf(c.to_text, sizeof c.to_text, "%s", text_of(&s, k, buf, sizeof buf));
                if (flipped(s0, ns)) {
                    c.is_text = 1;
                    c.relative_change = -1;
                    c.new_status = ns;
                    full_design(&s);
                    c.wh_per_kg = s.d.wh_per_kg;
                    c.wh_per_L = s.d.wh_per_L;
                    cand[nc++] = c;
                }
                *s.r = *r; /* back to the recipe as given */
            }
            continue;
        }
        double x0 = get(&s, k);
        if (!isfinite(x0)) continue;
        double best = NAN;
        for (int dir = -1; dir <= 1; dir += 2) {
            double v;
            if (search_dir(&s, k, x0, s0, dir, &v) && (!isfinite(best) || fabs(v - x0) < fabs(best - x0))) best = v;
        }
        if (!isfinite(best)) continue;
        set(&s, k, best);
        int ns = status_now(&s);
        c.from = x0;
        c.to = best;
        c.relative_change = x0 != 0 ? fabs(best - x0) / fabs(x0) : fabs(best - x0) / (k->hi - k->lo);
        c.new_status = ns;
        full_design(&s);
        c.wh_per_kg = s.d.wh_per_kg;
        c.wh_per_L = s.d.wh_per_L;
        /* Undo exactly: back to the recipe (and record) as given. */
        *s.r = *r;
        if (run) s.run = *run;
        if (flipped(s0, ns)) cand[nc++] = c;
    }
    qsort(cand, nc, sizeof cand[0], cmp_change);
    for (size_t i = 0; i < nc && out->n < CF_DESIGN_AROUND_MAX; i++) {
        cand[i].d_wh_per_kg = cand[i].wh_per_kg - out->wh_per_kg;
        cand[i].d_wh_per_L = cand[i].wh_per_L - out->wh_per_L;
        out->c[out->n++] = cand[i];
    }
    if (!out->n)
        snprintf(out->note, sizeof out->note,
                 "no single recipe value flips claim %d within the allowed ranges (a text feature that is fixed by "
                 "the material choice, e.g. the active material itself, may decide it)",
                 claim);
    else
        snprintf(out->note, sizeof out->note,
                 "each change alone, all other given recipe values held; porosity changes keep the loading and "
                 "move thickness and density");
done:
    cf_recipe_free(s.r);
    free(s.rep);
    free(ks);
    free(cand);
    return st;
}
