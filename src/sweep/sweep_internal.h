/* sweep_internal.h — the parsed sweep spec and the pieces that build it.
 *
 * spec.c reads the top level (base, model, protocol, outputs); spec_vary.c
 * the dimensions and their sampling; lhs.c the seeded Latin hypercube;
 * json_path.c the dotted-path edits of the base JSON; run_one.c one run;
 * exec.c the threads; rows.c the CSV rows; results.c and checkpoint.c the
 * collected rows. */
#ifndef CF_SWEEP_INTERNAL_H
#define CF_SWEEP_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "cellforge/cf_design.h"
#include "cellforge/cf_model.h"
#include "cellforge/cf_protocol.h"
#include "cellforge/cf_sweep.h"

/* What a dimension changes. */
typedef enum {
    SW_DIM_PATH = 0,        /* a dotted path into the base cell/recipe JSON */
    SW_DIM_CRATE = 1,       /* C-rate of a constant-current run             */
    SW_DIM_TEMPERATURE = 2, /* cell temperature, degC                        */
    SW_DIM_SOC = 3          /* initial state of charge, 0..1                 */
} sw_dim_kind;

#define SW_PATH_MAX_DEPTH 8

typedef struct {
    sw_dim_kind kind;
    char *name;          /* as written in the spec                         */
    int depth;           /* path segments (SW_DIM_PATH)                     */
    char *seg[SW_PATH_MAX_DEPTH];
    size_t n_values;     /* grid: values along this dimension               */
    double *values;      /* grid values, or NULL for LHS                    */
    double from, to;     /* LHS range                                       */
    int log_scale;       /* "scale": "log"                                  */
} sw_dim;

/* Outputs: figures from a simulation or a design. */
typedef enum {
    SW_OUT_CAPACITY = 0, SW_OUT_ENERGY, SW_OUT_MIN_V, SW_OUT_MAX_V, SW_OUT_DURATION,
    SW_OUT_FINAL_V, SW_OUT_CHARGE_AH, SW_OUT_FINAL_T, SW_OUT_MAX_T,
    SW_OUT_WH_KG, SW_OUT_WH_L, SW_OUT_NP, SW_OUT_MASS_G, SW_OUT_VOLUME_CM3,
    SW_OUT_DESIGN_CAPACITY, SW_OUT_DESIGN_ENERGY,
    SW_OUT_CLAIM
} sw_out_kind;

typedef struct {
    sw_out_kind kind;
    char *name;          /* column name                                    */
    const char *seed;    /* SW_OUT_CLAIM: full seed name (static storage)  */
    int claim;           /* SW_OUT_CLAIM: claim number                     */
} sw_output;

typedef enum { SW_BASE_CELL = 0, SW_BASE_RECIPE = 1 } sw_base_kind;

struct cf_sweep {
    char *source;                /* spec file name for messages             */
    sw_base_kind base_kind;
    char stem[64];               /* default cell name for JSON-built cells  */
    json_t *base_json;           /* the base cell/recipe as JSON            */
    cf_cell *base_cell;          /* the base as a cell (simulating sweeps)  */
    cf_recipe *base_recipe;      /* recipes: the base recipe                */
    cf_model_options model;
    cf_protocol *protocol;       /* NULL: constant current at `crate`       */
    double crate;                /* fixed C-rate (when no protocol)         */
    double soc;                  /* fixed initial SOC, NAN = the cell's     */
    double temperature_C;        /* fixed temperature, NAN = the cell's     */
    int simulate;                /* 1: runs simulate (every cell sweep; a
                                    recipe sweep that gives model, crate,
                                    protocol, soc or temperature_C)         */
    int has_path_dims;           /* some dimension edits the JSON           */
    int lhs;                     /* 1: Latin hypercube sampling             */
    uint64_t seed;
    size_t n_dims;
    sw_dim *dims;
    size_t n_runs;
    double *lhs_values;          /* LHS: n_runs x n_dims, row-major         */
    size_t n_outputs;
    sw_output *outputs;
    char *header;
    uint64_t fingerprint;
};

/* ---- spec helpers (spec_util.c) ---- */

/* The closest of `known` (NULL-terminated) within 3 edits, or NULL. */
const char *sw_suggest(const char *word, const char *const *known);
/* CF_EINVAL "unknown key 'k' (did you mean 'x'?)" for any key of obj not in known. */
int sw_check_keys(const json_t *obj, const char *path, const char *const *known, cf_error *err);
int sw_number(const json_t *v, const char *key, double *out, cf_error *err);
/* FNV-1a, 64 bit, continuing from h (start with SW_FNV_START). */
#define SW_FNV_START 1469598103934665603ULL
uint64_t sw_fnv1a(uint64_t h, const void *data, size_t n);
/* Joins dir and a relative path (an absolute path or dir NULL: a copy). */
char *sw_resolve_path(const char *dir, const char *path);
char *sw_strdup(const char *s);

/* ---- dimensions (spec_vary.c) ---- */
int sw_parse_vary(cf_sweep *s, const json_t *spec, cf_error *err);
void sw_dims_free(cf_sweep *s);

/* ---- seeded Latin hypercube (lhs.c) ---- */
/* Fills out[n_samples x n_dims] with values in [0,1): in every dimension
 * exactly one sample falls in each of the n_samples equal bins. */
void sw_lhs_unit(uint64_t seed, size_t n_samples, size_t n_dims, double *out);

/* ---- dotted-path edits (json_path.c) ---- */
/* Sets v (a new reference, which this call takes over, also on failure)
 * at path seg[0..depth-1] in root, creating missing
 * objects on the way; a numeric segment indexes an array.  CF_EINVAL when a
 * segment goes through a value that is not an object/array. */
int sw_json_set_path(json_t *root, char *const *seg, int depth, json_t *v, const char *name, cf_error *err);

/* ---- one run (run_one.c) ---- */
/* A cell from a cell-file JSON object (the cell loader's reader; `stem`
 * names the cell when the object has no "name" and no "base"). */
int sw_cell_from_json(const json_t *root, const char *stem, cf_cell **out, cf_error *err);
/* Builds the cell (or recipe) of run `run` from `base` (the base JSON or a
 * copy of it).  Pass NULL for the pointer of the other base kind. */
int sw_build_variant(const cf_sweep *s, const json_t *base, size_t run, cf_cell **cell, cf_recipe **recipe,
                     cf_error *err);

/* ---- rows (rows.c) ---- */
/* Appends to a growing buffer; returns 0 or CF_ENOMEM. */
typedef struct {
    char *p;
    size_t n, cap;
} sw_buf;
int sw_buf_printf(sw_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A number that reads back to the same double, shortest of %.15g/%.17g. */
int sw_buf_exact(sw_buf *b, double v);
/* A CSV field: quoted when it holds ',', '"' or a line break (turned to spaces). */
int sw_buf_csv_text(sw_buf *b, const char *text);
int sw_build_header(cf_sweep *s);

#endif
