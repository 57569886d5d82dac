/* design_test_util.h — helpers for the design and claims tests (header-only,
 * static inline, so nothing clashes with other tests' support files).
 *
 * dt_recipe() loads an example recipe, applies edits "key.path" = JSON text
 * (NULL deletes the key) and parses the result, so every boundary test runs
 * the real parser on a known recipe with one value changed. */
#ifndef CF_DESIGN_TEST_UTIL_H
#define CF_DESIGN_TEST_UTIL_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_design.h"

typedef struct {
    const char *path;  /* "negative.components[0].d002_nm" */
    const char *json;  /* "0.3649", "\"air\"", or NULL to delete */
} dt_edit;

/* Walks to the parent object of the last path element; *last gets its name. */
static inline json_t *dt_parent(json_t *root, const char *path, char *last, size_t n)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *cur = root;
    char *tok = buf;
    for (;;) {
        char *dot = strchr(tok, '.');
        if (dot) *dot = '\0';
        char *br = strchr(tok, '[');
        long idx = -1;
        if (br) {
            idx = strtol(br + 1, NULL, 10);
            *br = '\0';
        }
        if (!dot && idx < 0) {
            snprintf(last, n, "%.60s", tok);
            return cur;
        }
        cur = json_object_get(cur, tok);
        if (idx >= 0) cur = json_array_get(cur, (size_t)idx);
        if (!cur) return NULL;
        if (!dot) { /* path ends in an array element: not supported */
            return NULL;
        }
        tok = dot + 1;
    }
}

/* Text of the example with edits applied (free() it), or NULL. */
static inline char *dt_text(const char *example, const dt_edit *edits, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/examples/%s", CF_SOURCE_DIR, example);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        fprintf(stderr, "cannot load %s: %s\n", path, je.text);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        char last[64];
        json_t *parent = dt_parent(root, edits[i].path, last, sizeof last);
        if (!parent) {
            fprintf(stderr, "bad test path %s\n", edits[i].path);
            json_decref(root);
            return NULL;
        }
        if (!edits[i].json) {
            json_object_del(parent, last);
            continue;
        }
        json_t *v = json_loads(edits[i].json, JSON_DECODE_ANY, &je);
        if (!v) {
            fprintf(stderr, "bad test value %s\n", edits[i].json);
            json_decref(root);
            return NULL;
        }
        json_object_set_new(parent, last, v);
    }
    char *text = json_dumps(root, JSON_REAL_PRECISION(17));
    json_decref(root);
    return text;
}

/* Parsed recipe (or NULL with err filled). */
static inline cf_recipe *dt_recipe_err(const char *example, const dt_edit *edits, size_t n, cf_error *err)
{
    char *text = dt_text(example, edits, n);
    if (!text) return NULL;
    cf_recipe *r = NULL;
    cf_recipe_parse(text, "<test>", &r, err);
    free(text);
    return r;
}

static inline cf_recipe *dt_recipe(const char *example, const dt_edit *edits, size_t n)
{
    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = dt_recipe_err(example, edits, n, &err);
    if (!r) fprintf(stderr, "recipe rejected: %s: %s\n", err.where, err.message);
    return r;
}

/* Status of one claim (-1 on failure). */
static inline int dt_status(const cf_recipe *r, const cf_run_record *run, const char *seed, int claim)
{
    static cf_claims_report rep; /* test-only scratch: large, single-threaded tests */
    cf_error err;
    if (!r || cf_claims_check(r, run, &rep, &err) != CF_OK) return -1;
    const char *full = cf_claims_seed_resolve(seed);
    for (size_t i = 0; i < rep.n; i++)
        if (strcmp(rep.r[i].seed, full) == 0 && rep.r[i].claim == claim) return rep.r[i].status;
    return -1;
}

/* Status of one claim for the example with one edit; frees the recipe. */
static inline int dt_status1(const char *example, const char *path, const char *json, const char *seed, int claim)
{
    dt_edit e = {path, json};
    cf_recipe *r = dt_recipe(example, &e, 1);
    int s = dt_status(r, NULL, seed, claim);
    cf_recipe_free(r);
    return s;
}

/* Value named `name` of one claim's result (NAN if absent). */
static inline double dt_value(const cf_recipe *r, const cf_run_record *run, const char *seed, int claim,
                              const char *name)
{
    static cf_claims_report rep;
    cf_error err;
    if (!r || cf_claims_check(r, run, &rep, &err) != CF_OK) return -1e300;
    const char *full = cf_claims_seed_resolve(seed);
    for (size_t i = 0; i < rep.n; i++)
        if (strcmp(rep.r[i].seed, full) == 0 && rep.r[i].claim == claim)
            for (size_t k = 0; k < rep.r[i].n_values; k++)
                if (strcmp(rep.r[i].values[k].name, name) == 0) return rep.r[i].values[k].num;
    return -1e300;
}

#define DT_MET CF_CLAIM_MET
#define DT_NOT CF_CLAIM_NOT_MET
#define DT_UND CF_CLAIM_UNDETERMINED

#endif
