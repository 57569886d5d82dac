/* claims_engine.c — bound logic, three-valued features and the walk over
 * each seed's claims with their dependency chains.
 *
 * A claim's status is AND(any one of its parents, its own features), in
 * three values: not_met wins over undetermined, which wins over met; for
 * the parents ("according to claim 1 or 2") met wins over undetermined,
 * which wins over not_met. */
#include "design/claims_internal.h"
#include "design/design_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define BOUND_REL_TOL 1e-9

/* ---------------------------------------------------------------- bounds */

static double tol_of(double bound) { return BOUND_REL_TOL * fabs(bound) + 1e-15; }

int cf_cbound_holds(const cf_cbound *b, double v)
{
    if (!isfinite(v)) return 0;
    if (b->lo_kind == CF_B_INCL && v < b->lo - tol_of(b->lo)) return 0;
    if (b->lo_kind == CF_B_EXCL && v <= b->lo + tol_of(b->lo)) return 0;
    if (b->hi_kind == CF_B_INCL && v > b->hi + tol_of(b->hi)) return 0;
    if (b->hi_kind == CF_B_EXCL && v >= b->hi - tol_of(b->hi)) return 0;
    return 1;
}

void cf_cbound_format(const cf_cbound *b, const char *var, char *buf, size_t n)
{
    const char *lo_op = b->lo_kind == CF_B_INCL ? "<=" : "<";
    const char *hi_op = b->hi_kind == CF_B_INCL ? "<=" : "<";
    if (b->lo_kind && b->hi_kind)
        snprintf(buf, n, "%g %s %s %s %g", b->lo, lo_op, var, hi_op, b->hi);
    else if (b->lo_kind)
        snprintf(buf, n, "%s %s %g", var, b->lo_kind == CF_B_INCL ? ">=" : ">", b->lo);
    else if (b->hi_kind)
        snprintf(buf, n, "%s %s %g", var, hi_op, b->hi);
    else
        snprintf(buf, n, "%s any", var);
}

/* ------------------------------------------------------------ tri-state */

int cf_ctri_and(int a, int b)
{
    if (a == CF_CLAIM_NOT_MET || b == CF_CLAIM_NOT_MET) return CF_CLAIM_NOT_MET;
    if (a == CF_CLAIM_UNDETERMINED || b == CF_CLAIM_UNDETERMINED) return CF_CLAIM_UNDETERMINED;
    return CF_CLAIM_MET;
}

int cf_ctri_or(int a, int b)
{
    if (a == CF_CLAIM_MET || b == CF_CLAIM_MET) return CF_CLAIM_MET;
    if (a == CF_CLAIM_UNDETERMINED || b == CF_CLAIM_UNDETERMINED) return CF_CLAIM_UNDETERMINED;
    return CF_CLAIM_NOT_MET;
}

const char *cf_claim_status_name(int status)
{
    switch (status) {
    case CF_CLAIM_MET: return "met";
    case CF_CLAIM_NOT_MET: return "not_met";
    default: return "undetermined";
    }
}

/* ------------------------------------------------------------- features */

static void append(char *buf, size_t n, const char *sep, const char *text)
{
    size_t len = strlen(buf);
    if (len + 1 >= n) return;
    snprintf(buf + len, n - len, "%s%s", len ? sep : "", text);
}

void cf_cacc_value_num(cf_cacc *a, const char *name, double v)
{
    cf_claim_result *r = a->res;
    if (r->n_values >= CF_CLAIM_MAX_VALUES || !isfinite(v)) return;
    cf_claim_value *x = &r->values[r->n_values++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", name);
    x->num = v;
}

void cf_cacc_value_text(cf_cacc *a, const char *name, const char *text)
{
    cf_claim_result *r = a->res;
    if (r->n_values >= CF_CLAIM_MAX_VALUES) return;
    cf_claim_value *x = &r->values[r->n_values++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", name);
    x->is_text = 1;
    snprintf(x->text, sizeof x->text, "%.39s", text);
}

void cf_cacc_range(cf_cacc *a, const char *fmt, ...)
{
    char tmp[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    append(a->res->range, sizeof a->res->range, "; ", tmp);
}

void cf_cacc_feature(cf_cacc *a, int status, const char *fmt, ...)
{
    char tmp[240];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    a->status = cf_ctri_and(a->status, status);
    if (status == CF_CLAIM_MET)
        append(a->met, sizeof a->met, "; ", tmp);
    else if (status == CF_CLAIM_NOT_MET)
        append(a->not_met, sizeof a->not_met, "; ", tmp);
    else
        append(a->undet, sizeof a->undet, "; ", tmp);
}

int cf_cacc_num(cf_cacc *a, const char *name, const char *label, const char *unit, int have, double v,
               cf_cbound b)
{
    char range[120];
    cf_cbound_format(&b, name, range, sizeof range);
    cf_cacc_range(a, "%s%s%s", range, unit[0] ? " " : "", unit);
    if (!have) {
        cf_cacc_feature(a, CF_CLAIM_UNDETERMINED, "%s not given", label);
        return CF_CLAIM_UNDETERMINED;
    }
    cf_cacc_value_num(a, name, v);
    int ok = cf_cbound_holds(&b, v);
    const char *sp = unit[0] ? " " : "";
    if (ok) {
        cf_cacc_feature(a, CF_CLAIM_MET, "%s %.6g%s%s within %s", label, v, sp, unit, range);
        return CF_CLAIM_MET;
    }
    int below = (b.lo_kind && (b.lo_kind == CF_B_INCL ? v < b.lo : v <= b.lo + tol_of(b.lo)));
    cf_cacc_feature(a, CF_CLAIM_NOT_MET, "%s %.6g%s%s is %s %s", label, v, sp, unit, below ? "below" : "above", range);
    return CF_CLAIM_NOT_MET;
}

/* ------------------------------------------------------------- look-ups */

const cf_recipe_component *cf_claims_find_material(const cf_recipe_electrode *e, const char *name, size_t *index)
{
    for (size_t i = 0; i < e->n_comp; i++)
        if (strcmp(e->comp[i].mat->name, name) == 0) {
            if (index) *index = i;
            return &e->comp[i];
        }
    return NULL;
}

static int collect(const cf_recipe_electrode *e, int want_carbon, char *names, size_t n)
{
    int found = 0;
    if (names && n) names[0] = '\0';
    for (size_t i = 0; i < e->n_comp; i++) {
        const cf_dmat *m = e->comp[i].mat;
        int hit = want_carbon ? m->is_carbon : m->li_absorbing;
        if (!hit || e->comp[i].mass_fraction <= 0) continue;
        found = 1;
        if (names) append(names, n, ",", m->name);
    }
    return found;
}

int cf_claims_has_carbon(const cf_recipe_electrode *e, char *names, size_t n) { return collect(e, 1, names, n); }
int cf_claims_has_absorber(const cf_recipe_electrode *e, char *names, size_t n) { return collect(e, 0, names, n); }

int cf_claims_in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0) return 1;
    return 0;
}

/* ---------------------------------------------------------------- sets */

const cf_claim_set *cf_claims_set_at(size_t i)
{
    switch (i) {
    case 0: return cf_claims_set_000();
    case 1: return cf_claims_set_001();
    case 2: return cf_claims_set_002();
    default: return NULL;
    }
}

size_t cf_claims_seed_count(void) { return 3; }

const char *cf_claims_seed_name(size_t i)
{
    const cf_claim_set *s = cf_claims_set_at(i);
    return s ? s->seed : NULL;
}

const char *cf_claims_seed_resolve(const char *name)
{
    if (!name || !name[0]) return NULL;
    for (size_t i = 0; i < cf_claims_seed_count(); i++) {
        const char *s = cf_claims_seed_name(i);
        size_t n = strlen(name);
        if (strcmp(s, name) == 0) return s;
        /* "000" (the prefix) or "441cfe1333df67aa" (the hash), with or without ".txt" */
        if (n == 3 && strncmp(s, name, 3) == 0) return s;
        if (strcmp(s + 4, name) == 0) return s;
        if (n > 4 && strcmp(name + n - 4, ".txt") == 0 && strncmp(s, name, n - 4) == 0 && strlen(s) == n - 4)
            return s;
    }
    return NULL;
}

const cf_claim_set *cf_claims_set_find(const char *seed)
{
    const char *full = cf_claims_seed_resolve(seed);
    for (size_t i = 0; full && i < cf_claims_seed_count(); i++)
        if (strcmp(cf_claims_set_at(i)->seed, full) == 0) return cf_claims_set_at(i);
    return NULL;
}

/* ----------------------------------------------------------------- walk */

static const cf_claim_result *find_result(const cf_claims_report *out, size_t from, const char *seed, int claim)
{
    for (size_t i = from; i < out->n; i++)
        if (out->r[i].seed == seed && out->r[i].claim == claim) return &out->r[i];
    return NULL;
}

static void list_claims(char *buf, size_t n, const cf_claim_def *def)
{
    buf[0] = '\0';
    for (int i = 0; i < def->n_deps; i++) {
        char t[24];
        snprintf(t, sizeof t, "%s%d", i == 0 ? "" : i == def->n_deps - 1 ? " or " : ", ", def->deps[i]);
        append(buf, n, "", t);
    }
}

void cf_claims_eval_set(const cf_claim_set *set, const cf_claim_ctx *ctx, cf_claims_report *out)
{
    size_t first = out->n;
    for (size_t k = 0; k < set->n && out->n < CF_CLAIMS_MAX; k++) {
        const cf_claim_def *def = &set->defs[k];
        cf_claim_result *res = &out->r[out->n];
        memset(res, 0, sizeof *res);
        res->seed = set->seed;
        res->claim = def->number;
        res->n_deps = (size_t)def->n_deps;
        for (int i = 0; i < def->n_deps; i++) res->depends_on[i] = def->deps[i];

        cf_cacc acc;
        memset(&acc, 0, sizeof acc);
        acc.res = res;
        acc.status = CF_CLAIM_MET;
        def->eval(ctx, &acc);

        int parent = CF_CLAIM_MET;
        int via = 0;
        if (def->n_deps) {
            parent = CF_CLAIM_NOT_MET;
            for (int i = 0; i < def->n_deps; i++) {
                const cf_claim_result *p = find_result(out, first, set->seed, def->deps[i]);
                int ps = p ? p->status : CF_CLAIM_UNDETERMINED;
                if (ps == CF_CLAIM_MET && !via) via = def->deps[i];
                parent = cf_ctri_or(parent, ps);
            }
        }
        res->status = cf_ctri_and(parent, acc.status);
        char deps[64], parents[120];
        list_claims(deps, sizeof deps, def);
        if (def->n_deps > 1)
            snprintf(parents, sizeof parents, "none of claims %s (on which it depends) is %s", deps,
                     parent == CF_CLAIM_NOT_MET ? "met" : "met; some are undetermined");
        else
            snprintf(parents, sizeof parents, "claim %s (on which it depends) is %s", deps,
                     parent == CF_CLAIM_NOT_MET ? "not met" : "undetermined");
        if (acc.status == CF_CLAIM_NOT_MET)
            snprintf(res->reason, sizeof res->reason, "%s", acc.not_met);
        else if (parent == CF_CLAIM_NOT_MET)
            snprintf(res->reason, sizeof res->reason, "%.110s%s%.250s%s", parents,
                     acc.status == CF_CLAIM_MET ? " (own feature holds: " : "",
                     acc.status == CF_CLAIM_MET ? acc.met : "", acc.status == CF_CLAIM_MET ? ")" : "");
        else if (acc.status == CF_CLAIM_UNDETERMINED)
            snprintf(res->reason, sizeof res->reason, "information missing: %.370s", acc.undet);
        else if (parent == CF_CLAIM_UNDETERMINED)
            snprintf(res->reason, sizeof res->reason, "%.110s (own feature holds: %.250s)", parents, acc.met);
        else if (via)
            snprintf(res->reason, sizeof res->reason, "%.360s (via claim %d)", acc.met, via);
        else
            snprintf(res->reason, sizeof res->reason, "%s", acc.met);
        if (!res->range[0]) snprintf(res->range, sizeof res->range, "-");
        out->n++;
    }
}

int cf_claims_check(const cf_recipe *r, const cf_run_record *run, cf_claims_report *out, cf_error *err)
{
    out->n = 0;
    cf_design d;
    /* no claim reads the window's capacity or energy */
    int st = cf_design_compute_ex(r, &d, 0, err);
    if (st) return st;
    cf_claim_ctx ctx = {r, &d, run};
    for (size_t i = 0; i < cf_claims_seed_count(); i++) cf_claims_eval_set(cf_claims_set_at(i), &ctx, out);
    return CF_OK;
}

int cf_claims_explain(const char *seed, int claim, cf_claim_info *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    const cf_claim_set *set = cf_claims_set_find(seed);
    if (!set)
        return cf_error_set(err, CF_EINVAL, "seed", "unknown seed '%s' (known: %s, %s, %s; or their 3-digit prefixes)",
                            seed ? seed : "", cf_claims_seed_name(0), cf_claims_seed_name(1), cf_claims_seed_name(2));
    for (size_t i = 0; i < set->n; i++)
        if (set->defs[i].number == claim) {
            const cf_claim_def *d = &set->defs[i];
            out->seed = set->seed;
            out->claim = claim;
            out->n_deps = (size_t)d->n_deps;
            for (int k = 0; k < d->n_deps; k++) out->depends_on[k] = d->deps[k];
            out->text = d->text;
            out->check = d->check;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, "claim", "seed %s has claims 1 to %zu; there is no claim %d", set->seed,
                        set->n, claim);
}
