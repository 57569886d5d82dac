#define _POSIX_C_SOURCE 200809L
/* spec.c — reading a sweep spec: the base cell or recipe, model, protocol,
 * fixed conditions and outputs (the "vary" map is in spec_vary.c).
 * Everything is checked here, once, so that runs only fail for reasons a
 * run can have (a value the cell loader rejects, a solver failure). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_io.h"
#include "design/recipe_detect.h"
#include "sweep/sweep_internal.h"

static const char *const TOP_KEYS[] = {"cell", "recipe", "model", "mesh", "mesh_x", "mesh_r", "discretisation", "thermal",
                                       "rtol", "integrator", "linear_solver", "max_steps", "protocol", "protocol_file",
                                       "crate", "soc", "temperature_C", "vary", "sampling", "samples", "seed", "outputs",
                                       NULL};
/* Keys that only make sense when the sweep simulates: in a recipe sweep any
 * of them (or varying crate, soc or temperature_C) turns the simulation on. */
static const char *const SIM_KEYS[] = {"model", "mesh", "mesh_x", "mesh_r", "discretisation", "thermal", "rtol", "integrator",
                                       "linear_solver", "max_steps", "protocol",
                                       "protocol_file", "crate", "soc", "temperature_C", NULL};
static const char *const SIM_DIMS[] = {"crate", "soc", "temperature_C", NULL};

/* Where an output comes from. */
enum {
    NEED_SIM = 1,   /* a simulation (every cell sweep, a simulating recipe sweep) */
    NEED_RECIPE = 2 /* a design: recipe sweeps only                              */
};

typedef struct {
    const char *name;
    sw_out_kind kind;
    int need; /* NEED_* bits; 0: every sweep */
} out_info;

/* capacity_Ah and energy_Wh are the simulation's when the sweep simulates,
 * else the design's; design_capacity_Ah / design_energy_Wh are always the
 * design's, so that one row can hold both. */
static const out_info OUTPUTS[] = {
    {"capacity_Ah", SW_OUT_CAPACITY, 0},
    {"energy_Wh", SW_OUT_ENERGY, 0},
    {"min_voltage_V", SW_OUT_MIN_V, NEED_SIM},
    {"max_voltage_V", SW_OUT_MAX_V, NEED_SIM},
    {"duration_s", SW_OUT_DURATION, NEED_SIM},
    {"final_voltage_V", SW_OUT_FINAL_V, NEED_SIM},
    {"charge_Ah", SW_OUT_CHARGE_AH, NEED_SIM},
    {"final_temperature_C", SW_OUT_FINAL_T, NEED_SIM},
    {"max_temperature_C", SW_OUT_MAX_T, NEED_SIM},
    {"wh_per_kg", SW_OUT_WH_KG, NEED_RECIPE},
    {"wh_per_L", SW_OUT_WH_L, NEED_RECIPE},
    {"np_ratio", SW_OUT_NP, NEED_RECIPE},
    {"mass_g", SW_OUT_MASS_G, NEED_RECIPE},
    {"volume_cm3", SW_OUT_VOLUME_CM3, NEED_RECIPE},
    {"design_capacity_Ah", SW_OUT_DESIGN_CAPACITY, NEED_RECIPE},
    {"design_energy_Wh", SW_OUT_DESIGN_ENERGY, NEED_RECIPE},
};
#define N_OUTPUTS (sizeof OUTPUTS / sizeof OUTPUTS[0])

static const char *const DEFAULT_CELL_OUTPUTS[] = {"capacity_Ah", "energy_Wh", "min_voltage_V", "max_voltage_V",
                                                   "duration_s", NULL};
static const char *const DEFAULT_RECIPE_OUTPUTS[] = {"capacity_Ah", "energy_Wh", "wh_per_kg", "wh_per_L", NULL};
static const char *const DEFAULT_RECIPE_SIM_OUTPUTS[] = {"capacity_Ah", "energy_Wh", "min_voltage_V",
                                                         "max_voltage_V", "duration_s", "design_capacity_Ah",
                                                         "wh_per_kg", "wh_per_L", NULL};

static int out_available(const cf_sweep *s, const out_info *o)
{
    if ((o->need & NEED_SIM) && !s->simulate) return 0;
    if ((o->need & NEED_RECIPE) && s->base_kind != SW_BASE_RECIPE) return 0;
    return 1;
}

/* "dir/cell.json" -> "cell" (the loader's default cell name). */
static void file_stem(const char *path, char *stem, size_t n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t len = strlen(b);
    if (len > 5 && strcmp(b + len - 5, ".json") == 0) len -= 5;
    if (len >= n) len = n - 1;
    memcpy(stem, b, len);
    stem[len] = '\0';
}

static int load_json_file(const char *path, const char *key, json_t **out, cf_error *err)
{
    json_error_t je;
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = cf_read_file(path, CF_INPUT_JSON, &text, &len, err);
    if (rc) {
        cf_error_prefix_where(err, key);
        return rc;
    }
    *out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    free(text);
    if (!*out) return cf_error_set(err, CF_EINVAL, key, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    if (!json_is_object(*out)) return cf_error_set(err, CF_EINVAL, key, "%s must hold one JSON object", path);
    return CF_OK;
}

static int parse_recipe_base(cf_sweep *s, const char *name, const char *base_dir, const char *key, cf_error *err);

static int parse_cell_base(cf_sweep *s, const char *name, const char *base_dir, cf_error *err)
{
    s->base_kind = SW_BASE_CELL;
    for (const char *const *n = cf_cell_builtin_names(); *n; n++)
        if (strcmp(*n, name) == 0) {
            /* A built-in cell is the cell file {"base": name}: path edits
             * then go through the same loader as for files. */
            s->base_json = json_pack("{ss}", "base", name);
            snprintf(s->stem, sizeof s->stem, "%s", name);
            if (!s->base_json) return cf_error_set(err, CF_ENOMEM, "cell", "out of memory");
            int rc = cf_cell_builtin(name, &s->base_cell, err);
            if (rc) cf_error_prefix_where(err, "cell");
            return rc;
        }
    char *path = sw_resolve_path(base_dir, name);
    if (!path) return cf_error_set(err, CF_ENOMEM, "cell", "out of memory");
    /* access(), not fopen(): opening a FIFO to probe it would wait for a writer. */
    if (access(path, R_OK) != 0) {
        const char *sug = sw_suggest(name, cf_cell_builtin_names());
        cf_error_set(err, CF_EINVAL, "cell", "'%s' is neither a built-in cell%s%s%s nor a readable file (%s)", name,
                     sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "", path);
        free(path);
        return CF_EINVAL;
    }
    int rc = load_json_file(path, "cell", &s->base_json, err);
    if (!rc && cf_json_is_recipe(s->base_json)) {
        /* A recipe named as the cell (as `simulate --cell` accepts): a
         * simulating recipe sweep, whose paths go into the recipe. */
        json_decref(s->base_json);
        s->base_json = NULL;
        rc = parse_recipe_base(s, path, NULL, "cell", err);
        free(path);
        return rc;
    }
    if (!rc && (rc = cf_cell_load(path, &s->base_cell, err))) cf_error_prefix_where(err, "cell");
    file_stem(path, s->stem, sizeof s->stem);
    free(path);
    return rc;
}

/* The recipe file; a simulating sweep also converts it to a cell now, so
 * that a recipe the simulator cannot take is a spec error, not a failure in
 * every row. */
static int parse_recipe_base(cf_sweep *s, const char *name, const char *base_dir, const char *key, cf_error *err)
{
    s->base_kind = SW_BASE_RECIPE;
    char *path = sw_resolve_path(base_dir, name);
    if (!path) return cf_error_set(err, CF_ENOMEM, key, "out of memory");
    int rc = cf_recipe_load(path, &s->base_recipe, err);
    if (rc) cf_error_prefix_where(err, key);
    if (!rc) rc = load_json_file(path, key, &s->base_json, err);
    free(path);
    if (rc || !s->simulate) return rc;
    rc = cf_recipe_to_cell(s->base_recipe, &s->base_cell, err);
    if (rc == CF_EINVAL) {
        /* The converter's message (which names the material and the
         * known ones) is cut only if it is very long. */
        char msg[sizeof err->where + sizeof err->message + 4];
        snprintf(msg, sizeof msg, "%s%s%s", err->where, err->where[0] ? ": " : "", err->message);
        cf_error_set(err, CF_EINVAL, key, "the recipe cannot be simulated: %.300s (a spec %swithout model, mesh, "
                                          "rtol, protocol, crate, soc and temperature_C computes its design only)",
                     msg, strcmp(key, "recipe") ? "naming it as \"recipe\", " : "");
    }
    return rc;
}

/* A recipe sweep simulates when the spec sets a simulation key or varies a
 * simulation condition. */
static int recipe_simulates(const json_t *spec)
{
    for (int i = 0; SIM_KEYS[i]; i++)
        if (json_object_get(spec, SIM_KEYS[i])) return 1;
    const json_t *vary = json_object_get(spec, "vary");
    for (int i = 0; SIM_DIMS[i]; i++)
        if (json_is_object(vary) && json_object_get(vary, SIM_DIMS[i])) return 1;
    return 0;
}

static int parse_base(cf_sweep *s, const json_t *spec, const char *base_dir, cf_error *err)
{
    const json_t *cell = json_object_get(spec, "cell"), *recipe = json_object_get(spec, "recipe");
    if (cell && recipe) return cf_error_set(err, CF_EINVAL, "recipe", "give either \"cell\" or \"recipe\", not both");
    if (!cell && !recipe)
        return cf_error_set(err, CF_EINVAL, "cell", "missing: name a base \"cell\" (chen2020 or a cell JSON file) "
                                                    "or a design \"recipe\" file");
    const json_t *v = cell ? cell : recipe;
    const char *key = cell ? "cell" : "recipe";
    if (!json_is_string(v) || !json_string_value(v)[0])
        return cf_error_set(err, CF_EINVAL, key, "%s must be a name or a file path (text)", key);
    s->simulate = cell ? 1 : recipe_simulates(spec);
    if (cell) return parse_cell_base(s, json_string_value(v), base_dir, err);
    return parse_recipe_base(s, json_string_value(v), base_dir, "recipe", err);
}

static int parse_model(cf_sweep *s, const json_t *spec, cf_error *err)
{
    cf_model_options_default(&s->model);
    const json_t *m = json_object_get(spec, "model");
    if (m) {
        if (!json_is_string(m)) return cf_error_set(err, CF_EINVAL, "model", "model must be \"spm\", \"spme\" or \"dfn\"");
        int rc = cf_model_kind_parse(json_string_value(m), &s->model.kind, err);
        if (rc) {
            cf_error_prefix_where(err, "model");
            return rc;
        }
    } else {
        s->model.kind = CF_MODEL_DFN;
    }
    const json_t *mesh = json_object_get(spec, "mesh");
    if (mesh) {
        if (!json_is_integer(mesh))
            return cf_error_set(err, CF_EINVAL, "mesh", "mesh must be a whole number (finite volumes per domain and "
                                                        "per particle)");
        int mrc = cf_check_quantity(CF_QTY_MESH, (double)json_integer_value(mesh), "mesh", err);
        if (mrc) return mrc;
        int n = (int)json_integer_value(mesh);
        s->model.n_neg = s->model.n_sep = s->model.n_pos = s->model.nr_neg = s->model.nr_pos = n;
    }
    /* as simulate's --mesh-x, --mesh-r (after mesh, which they override) */
    const char *mkeys[2] = {"mesh_x", "mesh_r"};
    for (int i = 0; i < 2; i++) {
        const json_t *v = json_object_get(spec, mkeys[i]);
        if (!v) continue;
        if (i == 0 && json_is_array(v)) { /* [negative, separator, positive] */
            int *dst[3] = {&s->model.n_neg, &s->model.n_sep, &s->model.n_pos};
            for (size_t q = 0; q < 3; q++) {
                const json_t *e = json_array_get(v, q);
                if (json_array_size(v) != 3 || !json_is_integer(e) || json_integer_value(e) < 2 ||
                    json_integer_value(e) > 2000)
                    return cf_error_set(err, CF_EINVAL, "mesh_x",
                                        "mesh_x must be a whole number in [2, 2000] or an array of three "
                                        "(negative, separator, positive; finite volumes in x)");
                *dst[q] = (int)json_integer_value(e);
            }
            continue;
        }
        if (!json_is_integer(v) || json_integer_value(v) < 2 || json_integer_value(v) > 2000)
            return cf_error_set(err, CF_EINVAL, mkeys[i], "%s must be a whole number in [2, 2000] (%s)", mkeys[i],
                                i ? "finite volumes or spectral nodes per particle" : "finite volumes in x per domain");
        int n = (int)json_integer_value(v);
        if (i) s->model.nr_neg = s->model.nr_pos = n;
        else s->model.n_neg = s->model.n_sep = s->model.n_pos = n;
    }
    const json_t *disc = json_object_get(spec, "discretisation");
    if (disc) {
        int rc = json_is_string(disc)
                     ? cf_discretisation_parse(json_string_value(disc), &s->model.discretisation, err)
                     : cf_error_set(err, CF_EINVAL, "discretisation", "must be \"fv\" or \"spectral\"");
        if (rc) {
            snprintf(err->where, sizeof err->where, "discretisation");
            return rc;
        }
    }
    const json_t *th = json_object_get(spec, "thermal");
    if (th) {
        int rc = json_is_string(th) ? cf_thermal_mode_parse(json_string_value(th), &s->model.thermal, err)
                                    : cf_error_set(err, CF_EINVAL, "thermal", "must be \"isothermal\", \"lumped\" or \"x\"");
        if (rc) {
            snprintf(err->where, sizeof err->where, "thermal");
            return rc;
        }
    }
    const json_t *rtol = json_object_get(spec, "rtol");
    if (rtol) {
        double r;
        int rc = sw_number(rtol, "rtol", &r, err);
        if (rc) return rc;
        rc = cf_check_quantity(CF_QTY_RTOL, r, "rtol", err);
        if (rc) return rc;
        s->model.rtol = s->model.atol = r; /* as `cellforge simulate --rtol` */
    }
    /* each run's step budget, as simulate's --max-steps (a wall-time budget
     * would make the rows depend on the machine) */
    const json_t *max_steps = json_object_get(spec, "max_steps");
    if (max_steps) {
        if (!json_is_integer(max_steps))
            return cf_error_set(err, CF_EINVAL, "max_steps", "max_steps must be a whole number (solver steps per run)");
        int brc = cf_check_quantity(CF_QTY_MAX_STEPS, (double)json_integer_value(max_steps), "max_steps", err);
        if (brc) return brc;
        s->model.max_steps = (long)json_integer_value(max_steps);
    }
    /* solver choices, as simulate's --integrator and --linear-solver */
    const json_t *integ = json_object_get(spec, "integrator"), *ls = json_object_get(spec, "linear_solver");
    if (integ) {
        int rc = json_is_string(integ) ? cf_integrator_parse(json_string_value(integ), &s->model.integrator, err)
                                       : cf_error_set(err, CF_EINVAL, "integrator", "must be \"bdf\" or \"ida\"");
        if (rc) {
            snprintf(err->where, sizeof err->where, "integrator");
            return rc;
        }
    }
    if (ls) {
        int rc = json_is_string(ls) ? cf_linear_solver_parse(json_string_value(ls), &s->model.linear_solver, err)
                                    : cf_error_set(err, CF_EINVAL, "linear_solver", "must be \"auto\" or \"klu\"");
        if (rc) {
            snprintf(err->where, sizeof err->where, "linear_solver");
            return rc;
        }
    }
    return CF_OK;
}

static int fixed_number(const json_t *spec, const char *key, cf_quantity q, double *out, cf_error *err)
{
    const json_t *v = json_object_get(spec, key);
    if (!v) return CF_OK;
    int rc = sw_number(v, key, out, err);
    return rc ? rc : cf_check_quantity(q, *out, key, err);
}

static int parse_conditions(cf_sweep *s, const json_t *spec, const char *source, const char *base_dir,
                            cf_error *err)
{
    s->crate = 1.0;
    s->soc = NAN;
    s->temperature_C = NAN;
    const json_t *pt = json_object_get(spec, "protocol"), *pf = json_object_get(spec, "protocol_file");
    if (pt && pf) return cf_error_set(err, CF_EINVAL, "protocol_file", "give \"protocol\" or \"protocol_file\", not both");
    if ((pt || pf) && json_object_get(spec, "crate"))
        return cf_error_set(err, CF_EINVAL, "crate", "give a \"protocol\" or a constant \"crate\", not both");
    int rc = CF_OK;
    if (pt) {
        if (!json_is_string(pt))
            return cf_error_set(err, CF_EINVAL, "protocol", "protocol must be text such as \"Discharge at 1C until 2.5 V\"");
        rc = cf_protocol_parse_ex(json_string_value(pt), "protocol", base_dir, &s->protocol, err);
    } else if (pf) {
        if (!json_is_string(pf)) return cf_error_set(err, CF_EINVAL, "protocol_file", "protocol_file must be a path");
        char *path = sw_resolve_path(base_dir, json_string_value(pf));
        if (!path) return cf_error_set(err, CF_ENOMEM, "protocol_file", "out of memory");
        rc = cf_protocol_load_file(path, &s->protocol, err);
        free(path);
    }
    if (rc) return rc;
    if ((rc = fixed_number(spec, "crate", CF_QTY_CRATE, &s->crate, err))) return rc;
    if ((rc = fixed_number(spec, "soc", CF_QTY_SOC, &s->soc, err))) return rc;
    return fixed_number(spec, "temperature_C", CF_QTY_TEMPERATURE_C, &s->temperature_C, err);
}

static int add_output(cf_sweep *s, sw_out_kind kind, const char *name, const char *seed, int claim, cf_error *err)
{
    for (size_t i = 0; i < s->n_outputs; i++)
        if (strcmp(s->outputs[i].name, name) == 0)
            return cf_error_set(err, CF_EINVAL, "outputs", "'%s' is listed twice", name);
    sw_output *o = realloc(s->outputs, (s->n_outputs + 1) * sizeof *o);
    if (!o) return cf_error_set(err, CF_ENOMEM, "outputs", "out of memory");
    s->outputs = o;
    o = &s->outputs[s->n_outputs];
    *o = (sw_output){.kind = kind, .name = sw_strdup(name), .seed = seed, .claim = claim};
    if (!o->name) return cf_error_set(err, CF_ENOMEM, "outputs", "out of memory");
    s->n_outputs++;
    return CF_OK;
}

/* Claim columns: "claims" gives every claim of every seed, "claim_000_3"
 * one claim; the list comes from checking the base recipe. */
static int add_claims(cf_sweep *s, const char *name, cf_error *err)
{
    cf_claims_report *rep = malloc(sizeof *rep);
    if (!rep) return cf_error_set(err, CF_ENOMEM, "outputs", "out of memory");
    int rc = cf_claims_check(s->base_recipe, NULL, rep, err);
    int found = 0;
    for (size_t i = 0; !rc && i < rep->n; i++) {
        char col[64];
        snprintf(col, sizeof col, "claim_%.3s_%d", rep->r[i].seed, rep->r[i].claim);
        if (strcmp(name, "claims") && strcmp(name, col)) continue;
        found = 1;
        rc = add_output(s, SW_OUT_CLAIM, col, rep->r[i].seed, rep->r[i].claim, err);
    }
    free(rep);
    if (!rc && !found)
        rc = cf_error_set(err, CF_EINVAL, "outputs", "no claim '%s': write claim_<seed>_<n> (e.g. claim_000_1) or "
                                                     "\"claims\" for all (see cellforge claims --explain)", name);
    return rc;
}

static int is_claim_name(const char *name) { return strcmp(name, "claims") == 0 || strncmp(name, "claim_", 6) == 0; }

static int output_error(const cf_sweep *s, const char *name, cf_error *err)
{
    int recipe = s->base_kind == SW_BASE_RECIPE;
    const char *known[N_OUTPUTS + 2];
    size_t k = 0;
    for (size_t i = 0; i < N_OUTPUTS; i++)
        if (out_available(s, &OUTPUTS[i])) known[k++] = OUTPUTS[i].name;
    if (recipe) known[k++] = "claims";
    known[k] = NULL;
    for (size_t i = 0; i < N_OUTPUTS; i++) {
        if (strcmp(OUTPUTS[i].name, name)) continue;
        if ((OUTPUTS[i].need & NEED_RECIPE) && !recipe)
            return cf_error_set(err, CF_EINVAL, "outputs", "'%s' is a design figure: it needs a \"recipe\" sweep",
                                name);
        return cf_error_set(err, CF_EINVAL, "outputs",
                            "'%s' comes from a simulation, and this recipe sweep computes the design only: give "
                            "\"model\", \"crate\" or \"protocol\" to simulate each variant too", name);
    }
    if (!recipe && is_claim_name(name))
        return cf_error_set(err, CF_EINVAL, "outputs", "claim statuses need a \"recipe\" sweep");
    const char *sug = sw_suggest(name, known);
    char list[400] = "";
    size_t used = 0;
    for (size_t i = 0; known[i]; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", known[i]);
    if (sug) return cf_error_set(err, CF_EINVAL, "outputs", "unknown output '%s' (did you mean '%s'?)", name, sug);
    return cf_error_set(err, CF_EINVAL, "outputs", "unknown output '%s' (known: %s)", name, list);
}

static int parse_outputs(cf_sweep *s, const json_t *spec, cf_error *err)
{
    const json_t *outs = json_object_get(spec, "outputs");
    if (outs && (!json_is_array(outs) || json_array_size(outs) == 0))
        return cf_error_set(err, CF_EINVAL, "outputs", "outputs must be a non-empty list of names");
    int recipe = s->base_kind == SW_BASE_RECIPE;
    const char *const *defaults = !recipe ? DEFAULT_CELL_OUTPUTS
                                  : s->simulate ? DEFAULT_RECIPE_SIM_OUTPUTS
                                                : DEFAULT_RECIPE_OUTPUTS;
    size_t n = outs ? json_array_size(outs) : 0;
    for (size_t i = 0; outs ? i < n : defaults[i] != NULL; i++) {
        const char *name = outs ? json_string_value(json_array_get(outs, i)) : defaults[i];
        if (!name) return cf_error_set(err, CF_EINVAL, "outputs", "outputs[%zu] must be a name (text)", i);
        int rc = -1;
        for (size_t k = 0; k < N_OUTPUTS && rc < 0; k++)
            if (strcmp(OUTPUTS[k].name, name) == 0 && out_available(s, &OUTPUTS[k]))
                rc = add_output(s, OUTPUTS[k].kind, name, NULL, 0, err);
        if (rc < 0 && recipe && is_claim_name(name)) rc = add_claims(s, name, err);
        if (rc < 0) rc = output_error(s, name, err);
        if (rc) return rc;
    }
    return CF_OK;
}

/* The loader's complaint about the probe: about the type of exactly this
 * key means the key exists (CF_OK); anything else is the spec's problem. */
static int judge_probe(const sw_dim *dim, cf_error *perr)
{
    /* Recipe messages read "recipe: a.b[2].c"; compare as "a.b.2.c". */
    char w[sizeof perr->where];
    const char *src = perr->where;
    if (strncmp(src, "recipe: ", 8) == 0) src += 8;
    size_t n = 0;
    for (const char *c = src; *c && n + 1 < sizeof w; c++)
        if (*c == '[') w[n++] = '.';
        else if (*c != ']') w[n++] = *c;
    w[n] = '\0';
    if (strstr(perr->message, "unknown key")) return CF_EINVAL;
    if (strcmp(w, dim->name) == 0) return CF_OK;
    /* The probe's parent is a number in the format ("x must be a number"). */
    if (n > 0 && strncmp(dim->name, w, n) == 0 && dim->name[n] == '.' && strstr(perr->message, "number"))
        return cf_error_set(perr, CF_EINVAL, "", "'%s' holds a single value, so it has no key '%s'", w,
                            dim->name + n + 1);
    return CF_EINVAL;
}

/* Whether each path names a numeric key of the cell/recipe format: the
 * loader is asked to read the base with a text value there.  A numeric key
 * then complains about the type, a misspelt one about an unknown key (with
 * the loader's own suggestion). */
static int probe_paths(const cf_sweep *s, cf_error *err)
{
    static const char *const no_sweep[] = {"base", "name", "comment", "description", NULL};
    for (size_t d = 0; d < s->n_dims; d++) {
        const sw_dim *dim = &s->dims[d];
        if (dim->kind != SW_DIM_PATH) continue;
        char where[224];
        snprintf(where, sizeof where, "vary.%s", dim->name);
        for (int i = 0; no_sweep[i]; i++)
            if (strcmp(dim->seg[0], no_sweep[i]) == 0)
                return cf_error_set(err, CF_EINVAL, where, "'%s' is text, not a number to sweep", dim->seg[0]);
        json_t *copy = json_deep_copy(s->base_json);
        if (!copy) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
        cf_error perr;
        cf_error_clear(&perr);
        int rc = sw_json_set_path(copy, dim->seg, dim->depth, json_string("\x01"), dim->name, &perr);
        if (!rc) {
            cf_cell *c = NULL;
            cf_recipe *r = NULL;
            if (s->base_kind == SW_BASE_CELL) {
                rc = sw_cell_from_json(copy, s->stem, &c, &perr);
            } else {
                char *text = json_dumps(copy, JSON_COMPACT);
                rc = text ? cf_recipe_parse(text, "recipe", &r, &perr) : CF_ENOMEM;
                free(text);
            }
            cf_cell_free(c);
            cf_recipe_free(r);
            if (rc == CF_OK) rc = cf_error_set(&perr, CF_EINVAL, "", "this key takes text, not a number to sweep");
            else if (rc == CF_EINVAL) rc = judge_probe(dim, &perr);
        }
        json_decref(copy);
        if (rc) {
            cf_error_set(err, rc, where, "%s%s%s", perr.where, perr.where[0] ? ": " : "", perr.message);
            return rc;
        }
    }
    return CF_OK;
}

static uint64_t fingerprint(const cf_sweep *s, const json_t *spec)
{
    uint64_t h = SW_FNV_START;
    const char *v = cf_version();
    h = sw_fnv1a(h, v, strlen(v) + 1);
    const json_t *docs[] = {spec, s->base_json};
    for (int i = 0; i < 2; i++) {
        char *t = json_dumps(docs[i], JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
        if (t) h = sw_fnv1a(h, t, strlen(t) + 1);
        free(t);
    }
    if (s->protocol) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (m) {
            cf_protocol_write(s->protocol, m, NULL);
            fclose(m);
            h = sw_fnv1a(h, buf, len);
        }
        free(buf);
    }
    /* Rows whose meaning is newer than the spec text: a simulated recipe
     * (or other as-assembled cell) starts a discharge charged.  Sweeps
     * without such a cell keep the fingerprint, and so their checkpoints. */
    if (s->simulate && s->base_cell && s->base_cell->assembled_discharged) {
        static const char tag[] = "as-assembled cell: discharges start at SOC 1";
        h = sw_fnv1a(h, tag, sizeof tag);
    }
    return sw_fnv1a(h, s->header, strlen(s->header));
}

int cf_sweep_parse(const char *text, const char *source, const char *base_dir, cf_sweep **out, cf_error *err)
{
    *out = NULL;
    if (!source) source = "sweep";
    json_error_t je;
    json_t *spec = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    if (!spec) {
        char where[192];
        snprintf(where, sizeof where, "%.150s:%d:%d", source, je.line, je.column);
        return cf_error_set(err, CF_EINVAL, where, "malformed JSON: %s", je.text);
    }
    cf_sweep *s = calloc(1, sizeof *s);
    int rc = s ? CF_OK : cf_error_set(err, CF_ENOMEM, source, "out of memory");
    if (!rc && !json_is_object(spec))
        rc = cf_error_set(err, CF_EINVAL, "", "a sweep spec must be one JSON object {...}");
    if (!rc && !(s->source = sw_strdup(source))) rc = cf_error_set(err, CF_ENOMEM, "", "out of memory");
    if (!rc) rc = sw_check_keys(spec, "", TOP_KEYS, err);
    if (!rc) rc = parse_base(s, spec, base_dir, err);
    if (!rc && s->simulate) rc = parse_model(s, spec, err);
    if (!rc && s->simulate) rc = parse_conditions(s, spec, source, base_dir, err);
    if (!rc) rc = sw_parse_vary(s, spec, err);
    if (!rc) rc = parse_outputs(s, spec, err);
    if (!rc) rc = probe_paths(s, err);
    if (!rc) rc = sw_build_header(s);
    if (!rc) s->fingerprint = fingerprint(s, spec);
    json_decref(spec);
    if (rc) {
        if (rc == CF_ENOMEM) cf_error_set(err, CF_ENOMEM, "", "out of memory");
        cf_error_prefix_where(err, source);
        cf_sweep_free(s);
        return rc;
    }
    *out = s;
    return CF_OK;
}

int cf_sweep_load(const char *path, cf_sweep **out, cf_error *err)
{
    *out = NULL;
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return cf_error_set(err, CF_EINVAL, path, "no such sweep spec file");
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_JSON, &text, &len, err);
    if (rc) return rc;
    char *dir = sw_strdup(path);
    if (!dir) {
        free(text);
        return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    }
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    rc = cf_sweep_parse(text, path, slash ? (dir[0] ? dir : "/") : NULL, out, err);
    free(dir);
    free(text);
    return rc;
}

void cf_sweep_free(cf_sweep *s)
{
    if (!s) return;
    sw_dims_free(s);
    for (size_t i = 0; i < s->n_outputs; i++) free(s->outputs[i].name);
    free(s->outputs);
    cf_protocol_free(s->protocol);
    cf_cell_free(s->base_cell);
    cf_recipe_free(s->base_recipe);
    json_decref(s->base_json);
    free(s->header);
    free(s->source);
    free(s);
}

size_t cf_sweep_run_count(const cf_sweep *s) { return s->n_runs; }
size_t cf_sweep_dim_count(const cf_sweep *s) { return s->n_dims; }
const char *cf_sweep_dim_name(const cf_sweep *s, size_t d) { return d < s->n_dims ? s->dims[d].name : NULL; }
size_t cf_sweep_output_count(const cf_sweep *s) { return s->n_outputs; }
const char *cf_sweep_output_name(const cf_sweep *s, size_t k) { return k < s->n_outputs ? s->outputs[k].name : NULL; }
const char *cf_sweep_csv_header(const cf_sweep *s) { return s->header; }
uint64_t cf_sweep_fingerprint(const cf_sweep *s) { return s->fingerprint; }
