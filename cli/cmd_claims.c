/* cmd_claims.c — `cellforge claims`: every claim of the three seeds against a
 * recipe, the text and check of one claim (--explain), and the smallest
 * change that flips one claim (--design-around). */
#include "cli.h"
#include "cellforge/cellforge.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

static const char *USAGE =
    "usage: cellforge claims FILE [--run RUN.json] [--seed SEED] [--json] [-o OUT]\n"
    "       cellforge claims --cell FILE ...  (the same)\n"
    "       cellforge claims --explain SEED CLAIM [--json]\n"
    "       cellforge claims FILE --design-around SEED CLAIM [--run RUN.json] [--json] [-o OUT]\n\n"
    "Checks every claim of the seeds in data/seeds (independent and dependent, following the\n"
    "dependency chains) against the recipe FILE (docs/recipe.md).  Each claim is met, not_met or\n"
    "undetermined (information missing), with the values used, the claimed range and a reason.\n\n"
    "  --run RUN.json       process record of a simulation or formation (schema in docs/recipe.md);\n"
    "                       process claims read it first, then the recipe's \"process\" block\n"
    "  --seed SEED          only this seed (000, 001, 002 or the full name)\n"
    "  --explain SEED N     print the claim text and what the check computes\n"
    "  --design-around SEED N\n"
    "                       the smallest single-variable change of the recipe that flips claim N,\n"
    "                       with its change in Wh/kg and Wh/L (others listed after it)\n"
    "  --json               machine-readable output\n"
    "  -o, --out OUT        write to OUT instead of standard output\n"
    ;

static double fin(double x) { return isfinite(x) ? x : 0.0; }

static json_t *claim_json(const cf_claim_result *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "seed", json_string(c->seed));
    json_object_set_new(o, "claim", json_integer(c->claim));
    json_object_set_new(o, "status", json_string(cf_claim_status_name(c->status)));
    json_t *v = json_object();
    for (size_t i = 0; i < c->n_values; i++)
        json_object_set_new(v, c->values[i].name,
                            c->values[i].is_text ? json_string(c->values[i].text) : json_real(fin(c->values[i].num)));
    json_object_set_new(o, "values", v);
    json_object_set_new(o, "range", json_string(c->range));
    json_t *d = json_array();
    for (size_t i = 0; i < c->n_deps; i++) json_array_append_new(d, json_integer(c->depends_on[i]));
    json_object_set_new(o, "depends_on", d);
    json_object_set_new(o, "reason", json_string(c->reason));
    return o;
}

static void values_text(const cf_claim_result *c, char *buf, size_t n)
{
    buf[0] = '\0';
    size_t u = 0;
    for (size_t i = 0; i < c->n_values && u + 1 < n; i++) {
        const cf_claim_value *v = &c->values[i];
        int w = v->is_text ? snprintf(buf + u, n - u, "%s%s=%s", i ? ", " : "", v->name, v->text)
                           : snprintf(buf + u, n - u, "%s%s=%.6g", i ? ", " : "", v->name, v->num);
        if (w < 0) break;
        u += (size_t)w;
    }
}

static void write_claims_text(FILE *f, const cf_claims_report *rep, const char *path)
{
    const char *seed = NULL;
    int n[3] = {0, 0, 0};
    fprintf(f, "Seed claims for recipe %s\n", cli_esc(path));
    for (size_t i = 0; i < rep->n; i++) {
        const cf_claim_result *c = &rep->r[i];
        if (c->seed != seed) {
            seed = c->seed;
            fprintf(f, "\nseed %s\n  %5s  %-12s  %-10s  %s\n", seed, "claim", "status", "depends_on", "reason");
        }
        char deps[40] = "-";
        size_t u = 0;
        for (size_t k = 0; k < c->n_deps && u + 1 < sizeof deps; k++) {
            int w = snprintf(deps + u, sizeof deps - u, "%s%d", k ? "," : "", c->depends_on[k]);
            if (w < 0) break;
            u += (size_t)w;
        }
        fprintf(f, "  %5d  %-12s  %-10s  %s\n", c->claim, cf_claim_status_name(c->status), deps, cli_esc(c->reason));
        char vals[600];
        values_text(c, vals, sizeof vals);
        if (vals[0]) fprintf(f, "  %5s  %-12s  %-10s  values: %s\n", "", "", "", cli_esc(vals));
        fprintf(f, "  %5s  %-12s  %-10s  range:  %s\n", "", "", "", c->range);
        n[c->status]++;
    }
    fprintf(f, "\n%zu claims: %d met, %d not_met, %d undetermined\n", rep->n, n[0], n[1], n[2]);
}

static int run_explain(const char *seed, const char *num, int json)
{
    long claim;
    if (!seed || !num) return cli_usage_error("claims", "--explain needs SEED and CLAIM, e.g. --explain 000 2");
    if (cli_parse_int("claims", "--explain CLAIM", num, 1, 1000, &claim)) return 2;
    cf_error err;
    cf_error_clear(&err);
    cf_claim_info info;
    if (cf_claims_explain(seed, (int)claim, &info, &err)) return cli_fail("claims", &err);
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "seed", json_string(info.seed));
        json_object_set_new(o, "claim", json_integer(info.claim));
        json_t *d = json_array();
        for (size_t i = 0; i < info.n_deps; i++) json_array_append_new(d, json_integer(info.depends_on[i]));
        json_object_set_new(o, "depends_on", d);
        json_object_set_new(o, "text", json_string(info.text));
        json_object_set_new(o, "check", json_string(info.check));
        cf_json_dumpf(o, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(o);
        return 0;
    }
    printf("seed %s, claim %d", info.seed, info.claim);
    if (info.n_deps) {
        printf(" (depends on claim");
        for (size_t i = 0; i < info.n_deps; i++) printf("%s%d", i ? (i + 1 == info.n_deps ? " or " : ", ") : " ", info.depends_on[i]);
        printf(")");
    }
    printf("\n\nclaim text:\n  %s\n\nwhat the check computes:\n  %s\n", info.text, info.check);
    return 0;
}

static void write_around_text(FILE *f, const cf_design_around *a)
{
    fprintf(f, "Design-around for seed %s claim %d: now %s (%.1f Wh/kg, %.1f Wh/L)\n\n", cli_esc(a->seed), a->claim,
            cf_claim_status_name(a->status), a->wh_per_kg, a->wh_per_L);
    if (!a->n) {
        fprintf(f, "%s\n", cli_esc(a->note));
        return;
    }
    fprintf(f, "  %-4s %-48s %-22s %-22s %-12s %12s %12s\n", "rank", "variable", "from", "to", "new status",
            "dWh/kg", "dWh/L");
    for (size_t i = 0; i < a->n; i++) {
        const cf_design_change *c = &a->c[i];
        char from[40], to[40];
        if (c->is_text) {
            snprintf(from, sizeof from, "%s", c->from_text);
            snprintf(to, sizeof to, "%s", c->to_text);
        } else {
            snprintf(from, sizeof from, "%.6g", c->from);
            snprintf(to, sizeof to, "%.6g", c->to);
        }
        fprintf(f, "  %-4zu %-48s %-22s %-22s %-12s %+12.2f %+12.2f\n", i + 1, cli_esc(c->variable), cli_esc(from), cli_esc(to),
                cf_claim_status_name(c->new_status), c->d_wh_per_kg, c->d_wh_per_L);
    }
    const cf_design_change *b = &a->c[0];
    char from[40], to[40];
    if (b->is_text) {
        snprintf(from, sizeof from, "%s", b->from_text);
        snprintf(to, sizeof to, "%s", b->to_text);
    } else {
        snprintf(from, sizeof from, "%.6g", b->from);
        snprintf(to, sizeof to, "%.6g", b->to);
    }
    fprintf(f, "\nsmallest change: %s %s -> %s flips the claim to %s, costing %+.2f Wh/kg and %+.2f Wh/L.\n(%s)\n",
            cli_esc(b->variable), cli_esc(from), cli_esc(to), cf_claim_status_name(b->new_status), b->d_wh_per_kg,
            b->d_wh_per_L, cli_esc(a->note));
}

static int write_around_json(FILE *f, const cf_design_around *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "seed", json_string(a->seed));
    json_object_set_new(o, "claim", json_integer(a->claim));
    json_object_set_new(o, "status", json_string(cf_claim_status_name(a->status)));
    json_object_set_new(o, "wh_per_kg", json_real(fin(a->wh_per_kg)));
    json_object_set_new(o, "wh_per_L", json_real(fin(a->wh_per_L)));
    json_t *arr = json_array();
    for (size_t i = 0; i < a->n; i++) {
        const cf_design_change *c = &a->c[i];
        json_t *x = json_object();
        json_object_set_new(x, "variable", json_string(c->variable));
        json_object_set_new(x, "from", c->is_text ? json_string(c->from_text) : json_real(fin(c->from)));
        json_object_set_new(x, "to", c->is_text ? json_string(c->to_text) : json_real(fin(c->to)));
        json_object_set_new(x, "relative_change", c->is_text ? json_null() : json_real(fin(c->relative_change)));
        json_object_set_new(x, "new_status", json_string(cf_claim_status_name(c->new_status)));
        json_object_set_new(x, "d_wh_per_kg", json_real(fin(c->d_wh_per_kg)));
        json_object_set_new(x, "d_wh_per_L", json_real(fin(c->d_wh_per_L)));
        json_object_set_new(x, "wh_per_kg", json_real(fin(c->wh_per_kg)));
        json_object_set_new(x, "wh_per_L", json_real(fin(c->wh_per_L)));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "changes", arr);
    json_object_set_new(o, "note", json_string(a->note));
    int rc = cf_json_dumpf(o, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(o);
    return rc;
}

int cmd_claims(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help(stdout, "claims", USAGE);
        return 0;
    }
    const char *path = NULL, *out = "-", *run_path = NULL, *only = NULL;
    const char *ex_seed = NULL, *ex_num = NULL, *da_seed = NULL, *da_num = NULL;
    int json = 0, explain = 0, around = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0 || strcmp(a, "--output") == 0 ||
                 strcmp(a, "--run") == 0 || strcmp(a, "--seed") == 0 || strcmp(a, "--cell") == 0) {
            if (i + 1 >= argc) return cli_usage_error("claims", "%s needs a value", a);
            const char *v = argv[++i];
            if (strcmp(a, "--run") == 0)
                run_path = v;
            else if (strcmp(a, "--seed") == 0)
                only = v;
            else if (strcmp(a, "--cell") == 0) {
                if (path) return cli_usage_error("claims", "one recipe file only (got '%s' and '%s')", path, v);
                path = v;
            } else
                out = v;
        } else if (strcmp(a, "--explain") == 0 || strcmp(a, "--design-around") == 0) {
            if (i + 2 >= argc) return cli_usage_error("claims", "%s needs SEED and CLAIM, e.g. %s 000 2", a, a);
            if (strcmp(a, "--explain") == 0) {
                explain = 1;
                ex_seed = argv[i + 1];
                ex_num = argv[i + 2];
            } else {
                around = 1;
                da_seed = argv[i + 1];
                da_num = argv[i + 2];
            }
            i += 2;
        } else if (a[0] == '-' && a[1])
            return cli_usage_error("claims", "unknown option '%s'", a);
        else if (path)
            return cli_usage_error("claims", "one recipe file only (got '%s' and '%s')", path, a);
        else
            path = a;
    }
    if (explain) {
        if (path || around) return cli_usage_error("claims", "--explain takes no recipe file and no other mode");
        return run_explain(ex_seed, ex_num, json);
    }
    if (!path) return cli_usage_error("claims", "give a recipe file");
    if (only && !cf_claims_seed_resolve(only))
        return cli_usage_error("claims", "unknown seed '%s' (known: %s, %s, %s or their prefixes 000, 001, 002)", only,
                               cf_claims_seed_name(0), cf_claims_seed_name(1), cf_claims_seed_name(2));
    long da_claim = 0;
    if (around && cli_parse_int("claims", "--design-around CLAIM", da_num, 1, 1000, &da_claim)) return 2;

    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = NULL;
    cf_run_record run;
    if (cf_recipe_load(path, &r, &err)) return cli_fail("claims", &err);
    if (run_path && cf_run_record_load(run_path, &run, &err)) {
        cf_recipe_free(r);
        return cli_fail("claims", &err);
    }
    const cf_run_record *runp = run_path ? &run : NULL;

    cf_claims_report *rep = NULL;
    cf_design_around *da = NULL;
    int st;
    if (around) {
        da = malloc(sizeof *da);
        st = da ? cf_claims_design_around(r, runp, da_seed, (int)da_claim, da, &err)
                : cf_error_set(&err, CF_ENOMEM, "claims", "out of memory");
    } else {
        rep = malloc(sizeof *rep);
        st = rep ? cf_claims_check(r, runp, rep, &err) : cf_error_set(&err, CF_ENOMEM, "claims", "out of memory");
    }
    cf_recipe_free(r);
    if (st) {
        free(rep);
        free(da);
        return cli_fail("claims", &err);
    }
    if (rep && only) {
        /* Keep one seed's results, in order. */
        const char *keep = cf_claims_seed_resolve(only);
        size_t k = 0;
        for (size_t i = 0; i < rep->n; i++)
            if (strcmp(rep->r[i].seed, keep) == 0) rep->r[k++] = rep->r[i];
        rep->n = k;
    }

    cf_outfile *f;
    if (cf_outfile_open(out, &f, &err)) {
        free(rep);
        free(da);
        return cli_fail("claims", &err);
    }
    FILE *fp = cf_outfile_stream(f);
    int bad = 0;
    if (da) {
        if (json) bad = write_around_json(fp, da) != 0;
        else write_around_text(fp, da);
    } else if (json) {
        json_t *root = json_object(), *arr = json_array();
        for (size_t i = 0; i < rep->n; i++) json_array_append_new(arr, claim_json(&rep->r[i]));
        json_object_set_new(root, "recipe", json_string(path));
        if (run_path) json_object_set_new(root, "run", json_string(run_path));
        json_object_set_new(root, "claims", arr);
        bad = cf_json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0;
        fputc('\n', fp);
        json_decref(root);
    } else {
        write_claims_text(fp, rep, path);
    }
    free(rep);
    free(da);
    /* A failed write is reported by the commit, which knows whether the
     * output was a file or standard output. */
    if (cf_outfile_commit(f, &err)) return cli_fail("claims", &err);
    if (bad) {
        cf_error_set(&err, CF_EIO, out, "could not write output");
        return cli_fail("claims", &err);
    }
    return 0;
}
