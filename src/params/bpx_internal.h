/* bpx_internal.h — the pieces of the BPX reader and writer (docs/bpx.md).
 *
 *   bpx_load.c        file -> JSON -> cell; the Header; the dispatcher's entry
 *   bpx_v0.c          BPX 0.x -> 1.x conversion (what the bpx package does)
 *   bpx_keys.c        strict keys with unit-aware suggestions; numbers; paths
 *   bpx_value.c       a value (number | expression | table) into a cf_term
 *   bpx_params.c      Parameterisation -> cf_cell
 *   bpx_state.c       State: initial SOC, temperatures, degradation
 *   bpx_window.c      stoichiometries at the cut-off voltages (SOC windows)
 *   bpx_validation.c  Validation time series
 *   bpx_write.c       cf_cell -> BPX 1.1
 *   bpx_builtin_exprs.c  built-in material functions as BPX expression text
 *
 * Key paths join BPX keys with '/' because the keys themselves contain dots
 * ("Maximum concentration [mol.m-3]"). */
#ifndef CF_BPX_INTERNAL_H
#define CF_BPX_INTERNAL_H

#include <jansson.h>

#include "cellforge/cf_bpx.h"
#include "expr/fn_expr.h"

#define CF_BPX_PATH_MAX 192

/* Reading state shared by the section readers. */
typedef struct {
    cf_bpx_info *info;      /* never NULL inside the reader */
    double T_ref;           /* K */
    double ce0;             /* initial electrolyte concentration, mol/m3 */
    int spm_type;           /* electrodes without conductivity/porosity data */
    /* Stoichiometry limits per phase, in BPX's sense (min <= max). */
    double sto_min[2][CF_MAX_PHASES], sto_max[2][CF_MAX_PHASES];
    char phase_names[2][CF_MAX_PHASES][CF_NAME_MAX];
} bpx_ctx;

void cf_bpx_note(cf_bpx_notes *notes, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- keys (bpx_keys.c) ---- */

/* A key that is not allowed where it stands, with the reason to give. */
typedef struct {
    const char *key, *hint;
} bpx_hint;

const char *cf_bpx_path(char *buf, size_t n, const char *parent, const char *key);
/* Every key of obj must be in `known` (NULL-terminated).  An unknown key is an
 * error that names its path and, when it is a known key with another unit
 * ("Thickness [cm]"), the expected key; `hints` (may be NULL) explain keys
 * that moved between BPX versions. */
int cf_bpx_check_keys(const json_t *obj, const char *path, const char *const *known, const bpx_hint *hints,
                      cf_error *err);
/* The object at key (NULL when absent and not required). */
int cf_bpx_object(const json_t *parent, const char *path, const char *key, int required, const json_t **out,
                  cf_error *err);
/* A finite number at key; when absent: an error if required, else *out = dflt
 * and returns CF_OK with *present = 0 (present may be NULL). */
int cf_bpx_number(const json_t *obj, const char *path, const char *key, int required, double dflt, double *out,
                  int *present, cf_error *err);
/* A number at key within [lo, hi] (open ends with lo_open/hi_open). */
int cf_bpx_range(double v, const char *path, const char *key, double lo, double hi, int lo_open, int hi_open,
                 cf_error *err);

/* ---- values (bpx_value.c) ---- */

/* Reads a BPX FloatFunctionTable at key into t (kind NONE when absent and not
 * required).  `positive`: a table's y values must be > 0. */
int cf_bpx_term(const json_t *obj, const char *path, const char *key, int required, int positive, cf_term *t,
                cf_error *err);
/* Builds f from base (+ (T - T_ref) dT) times an Arrhenius factor, taking the
 * terms (left empty).  The simplest cf_fn kind that says it is chosen:
 * constant, table, or expression. */
int cf_bpx_make_fn(cf_term *base, cf_term *dT, double Ea, double T_ref, cf_fn *f, cf_error *err);

/* ---- sections ---- */

int cf_bpx_read_json(const json_t *root, const char *stem, cf_cell **out, cf_bpx_info *info, cf_error *err);
/* A BPX 0.x object converted in place to the 1.x layout. */
int cf_bpx_convert_v0(json_t *root, cf_bpx_notes *notes, cf_error *err);
int cf_bpx_read_params(const json_t *param, bpx_ctx *ctx, cf_cell *c, cf_error *err);
/* Reads State (initial conditions, thermal environment) before the electrodes
 * (the kinetics need the initial electrolyte concentration). */
int cf_bpx_read_state(const json_t *state, bpx_ctx *ctx, cf_cell *c, cf_error *err);
/* Sets the initial concentrations from the SOC and applies Degradation. */
int cf_bpx_apply_state(const json_t *state, bpx_ctx *ctx, cf_cell *c, cf_error *err);
int cf_bpx_read_validation(const json_t *v, cf_bpx_info *info, cf_error *err);

/* ---- SOC windows (bpx_window.c) ---- */

/* Each phase's stoichiometry at the open-circuit states where the cell's OCV
 * equals v_min (sto0) and v_max (sto100), holding `n_li` mol/m2 of lithium in
 * the active material of both electrodes.  Returns 1 when no such states
 * exist (the OCV never reaches a cut-off with this lithium), else 0. */
int cf_bpx_windows(const cf_cell *c, double n_li, double sto0[2][CF_MAX_PHASES],
                   double sto100[2][CF_MAX_PHASES]);
/* Lithium in the active material, mol per m2 of electrode, from c_init. */
double cf_bpx_cell_lithium(const cf_cell *c);

/* ---- mappings (bpx_map.c) ---- */

double cf_bpx_map_active_fraction(double a, double R);         /* a R / 3              */
double cf_bpx_map_j0_ref(double k, double c_max, double ce0);  /* F k / (c_max sqrt(ce0)) */
double cf_bpx_map_bruggeman(double te, double eps);            /* ln te / ln eps        */
/* A phase's initial stoichiometry from its limits and the SOC (side 0 neg). */
double cf_bpx_map_sto(int side, double lo, double hi, double soc);
/* A double within 64 ulps of guess with f(x, p) == target, else guess. */
double cf_bpx_exact_inverse(double guess, double target, double (*f)(double, const double *), const double *p);

/* ---- built-in functions as text (bpx_builtin_exprs.c) ---- */

/* The BPX expression of a built-in material function, or NULL when it has
 * none (piecewise or temperature-dependent functions other than Arrhenius).
 * For an Arrhenius built-in the text is its value at CF_BPX_BUILTIN_T_REF and
 * cf_bpx_builtin_activation gives its activation energy (J/mol; 0 for the
 * others): BPX's own "activation energy" key carries it. */
#define CF_BPX_BUILTIN_T_REF 298.15
const char *cf_bpx_builtin_expression(const char *name);
double cf_bpx_builtin_activation(const char *name);
/* The built-in whose BPX text is exactly `text` (with no activation energy
 * of its own), or NULL. */
const char *cf_bpx_builtin_for_expression(const char *text);

#endif
