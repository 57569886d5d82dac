/* claims_internal.h — the claims engine: bounds as the claims word them,
 * three-valued features, and the claim tables of each seed (internal). */
#ifndef CF_DESIGN_CLAIMS_INTERNAL_H
#define CF_DESIGN_CLAIMS_INTERNAL_H

#include "cellforge/cf_design.h"
#include "design/recipe_internal.h"

/* ------------------------------------------------------------- bounds
 * "5 to 25"                         -> [5, 25]   both inclusive
 * "at least 0.8"                    -> [0.8, -)
 * "at most 0.1"                     -> (-, 0.1]
 * "at least 0.40 and below 0.60"    -> [0.40, 0.60)
 * "from greater than 0.5 to not greater than 1" -> (0.5, 1]
 * Comparisons allow a relative 1e-9 so a value written as the bound (0.30
 * porosity read as 30 %) is on the bound, not a rounding error away. */
typedef enum { CF_B_NONE = 0, CF_B_INCL, CF_B_EXCL } cf_cbound_kind;

typedef struct {
    int lo_kind;
    double lo;
    int hi_kind;
    double hi;
} cf_cbound;

int cf_cbound_holds(const cf_cbound *b, double v);
/* "0.2 <= Z <= 3", "0.5 < li_o_ratio <= 1", "sphericity >= 0.8" */
void cf_cbound_format(const cf_cbound *b, const char *var, char *buf, size_t n);

/* ----------------------------------------------- three-valued features */
typedef struct {
    cf_claim_result *res;
    int status;          /* AND of the features so far */
    char met[400];       /* why the met features hold           */
    char not_met[400];   /* why the failing features fail        */
    char undet[400];     /* what information is missing          */
} cf_cacc;

int cf_ctri_and(int a, int b);
int cf_ctri_or(int a, int b);

void cf_cacc_value_num(cf_cacc *a, const char *name, double v);
void cf_cacc_value_text(cf_cacc *a, const char *name, const char *text);
void cf_cacc_range(cf_cacc *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A feature with a known status and a short reason. */
void cf_cacc_feature(cf_cacc *a, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A numeric feature: records the value and the range; missing -> undetermined.
 * `label` names it in reasons ("porosity", "d002"), `name` in values. */
int cf_cacc_num(cf_cacc *a, const char *name, const char *label, const char *unit, int have, double v,
               cf_cbound b);

/* ------------------------------------------------------------ context */
typedef struct {
    const cf_recipe *r;
    const cf_design *d;
    const cf_run_record *run; /* NULL without --run */
} cf_claim_ctx;

typedef void (*cf_claim_eval_fn)(const cf_claim_ctx *ctx, cf_cacc *acc);

typedef struct {
    int number;
    int n_deps;
    int deps[CF_CLAIM_MAX_DEPS]; /* any one of them (claims say "claim 1 or claim 2") */
    const char *text;
    const char *check;
    cf_claim_eval_fn eval;       /* the claim's own features only */
} cf_claim_def;

typedef struct {
    const char *seed;
    size_t n;
    const cf_claim_def *defs;
} cf_claim_set;

const cf_claim_set *cf_claims_set_000(void);
const cf_claim_set *cf_claims_set_001(void);
const cf_claim_set *cf_claims_set_002(void);
const cf_claim_set *cf_claims_set_at(size_t i);
const cf_claim_set *cf_claims_set_find(const char *seed);

/* Evaluates every claim of one set, appending to out. */
void cf_claims_eval_set(const cf_claim_set *set, const cf_claim_ctx *ctx, cf_claims_report *out);

/* Shared look-ups. */
const cf_recipe_component *cf_claims_find_material(const cf_recipe_electrode *e, const char *name, size_t *index);
int cf_claims_has_carbon(const cf_recipe_electrode *e, char *names, size_t n);
int cf_claims_has_absorber(const cf_recipe_electrode *e, char *names, size_t n);
/* 1 if a string is in the NULL-terminated list. */
int cf_claims_in_list(const char *s, const char *const *list);

#endif
