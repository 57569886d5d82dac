/* test_cell_json.c — cell parameter files (docs/cell-format.md): a file with
 * only a base is the built-in cell; the shipped full example is the built-in
 * cell written out; a full file returns every value it holds; every key is
 * required without a base; table functions pass through their points; and
 * every class of bad input is CF_EINVAL naming the file and the key, with no
 * cell returned and (under ASan) nothing leaked. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_model.h"
#include "params/cell_json.h"

/* ---- a scratch directory per test ---- */

typedef struct {
    char dir[64];
    char path[256]; /* the last file written */
} scratch;

static int scratch_setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    snprintf(s->dir, sizeof s->dir, "/tmp/cf_cell_json_XXXXXX");
    if (!mkdtemp(s->dir)) {
        free(s);
        return -1;
    }
    *state = s;
    return 0;
}

static int scratch_teardown(void **state)
{
    scratch *s = *state;
    DIR *d = opendir(s->dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char p[384];
            snprintf(p, sizeof p, "%s/%s", s->dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(s->dir);
    free(s);
    return 0;
}

static const char *write_text(scratch *s, const char *name, const char *text)
{
    snprintf(s->path, sizeof s->path, "%s/%s", s->dir, name);
    FILE *f = fopen(s->path, "wb");
    assert_non_null(f);
    assert_true(fputs(text, f) != EOF);
    assert_int_equal(fclose(f), 0);
    return s->path;
}

static const char *write_json(scratch *s, const char *name, const json_t *root)
{
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    assert_non_null(text);
    write_text(s, name, text);
    free(text);
    return s->path;
}

static cf_cell *load_ok(const char *path)
{
    cf_error err;
    cf_error_clear(&err);
    cf_cell *c = NULL;
    int rc = cf_cell_load_json(path, &c, &err);
    if (rc) fail_msg("%s: %s", err.where, err.message);
    assert_non_null(c);
    return c;
}

/* ---- comparing cells field by field ---- */

static void same_double(const char *field, double a, double b)
{
    if (!(a == b)) fail_msg("%s: %.17g != %.17g", field, a, b);
}

static void same_fn(const char *field, const cf_fn *a, const cf_fn *b)
{
    if (a->kind != b->kind) fail_msg("%s: kind %d != %d", field, a->kind, b->kind);
    assert_string_equal(a->name, b->name);
    if (a->kind == CF_FN_CONSTANT) same_double(field, a->value, b->value);
    if (a->kind == CF_FN_BUILTIN) assert_int_equal(a->builtin, b->builtin);
    if (a->kind == CF_FN_TABLE) {
        assert_int_equal(a->n, b->n);
        for (int i = 0; i < a->n; i++) {
            same_double(field, a->x[i], b->x[i]);
            same_double(field, a->y[i], b->y[i]);
        }
    }
}

static void same_electrode(const char *side, const cf_electrode *a, const cf_electrode *b)
{
    char f[96];
#define SAME(m) (snprintf(f, sizeof f, "%s.%s", side, #m), same_double(f, a->m, b->m))
    SAME(thickness_m);
    SAME(porosity);
    SAME(conductivity_S_m);
    SAME(bruggeman_electrolyte);
    SAME(bruggeman_electrode);
    assert_int_equal(a->n_phases, b->n_phases);
    for (int i = 0; i < a->n_phases; i++) {
        SAME(phase[i].active_fraction);
        SAME(phase[i].particle_radius_m);
        SAME(phase[i].c_max);
        SAME(phase[i].c_init);
        SAME(phase[i].diffusivity_m2_s);
        SAME(phase[i].diffusivity_Ea_J_mol);
        SAME(phase[i].j0_ref);
        SAME(phase[i].j0_Ea_J_mol);
        SAME(phase[i].alpha);
        SAME(phase[i].volume_expansion);
        snprintf(f, sizeof f, "%s.ocp", side);
        same_fn(f, &a->phase[i].ocp, &b->phase[i].ocp);
    }
#undef SAME
}

/* Every field of cf_cell except the name. */
static void same_cell(const cf_cell *a, const cf_cell *b)
{
    same_electrode("neg", &a->neg, &b->neg);
    same_electrode("pos", &a->pos, &b->pos);
    same_double("sep.thickness_m", a->sep.thickness_m, b->sep.thickness_m);
    same_double("sep.porosity", a->sep.porosity, b->sep.porosity);
    same_double("sep.bruggeman_electrolyte", a->sep.bruggeman_electrolyte, b->sep.bruggeman_electrolyte);
    same_double("electrolyte.c_init", a->electrolyte.c_init, b->electrolyte.c_init);
    same_double("electrolyte.t_plus", a->electrolyte.t_plus, b->electrolyte.t_plus);
    same_double("electrolyte.thermodynamic_factor", a->electrolyte.thermodynamic_factor,
                b->electrolyte.thermodynamic_factor);
    same_fn("electrolyte.diffusivity", &a->electrolyte.diffusivity, &b->electrolyte.diffusivity);
    same_fn("electrolyte.conductivity", &a->electrolyte.conductivity, &b->electrolyte.conductivity);
    same_double("area_m2", a->area_m2, b->area_m2);
    same_double("nominal_capacity_Ah", a->nominal_capacity_Ah, b->nominal_capacity_Ah);
    same_double("v_min", a->v_min, b->v_min);
    same_double("v_max", a->v_max, b->v_max);
    same_double("T_ref", a->T_ref, b->T_ref);
    same_double("T_K", a->T_K, b->T_K);
}

static cf_cell *builtin_chen2020(void)
{
    cf_error err;
    cf_cell *c = NULL;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), CF_OK);
    return c;
}

/* Discharged capacity of a 1C SPM discharge (coarse mesh: both cells share it). */
static double spm_capacity(const cf_cell *cell)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 8;
    cf_error err;
    cf_plan *plan = NULL;
    cf_solution *sol = NULL;
    int rc = cf_plan_new(cell, &opt, &plan, &err);
    if (!rc) rc = cf_simulate_crate(plan, 1.0, &sol, &err);
    if (rc) fail_msg("%s: %s", err.where, err.message);
    double q = fabs(sol->capacity_Ah[sol->n - 1]);
    cf_solution_free(sol);
    cf_plan_free(plan);
    return q;
}

/* ---- a base with no overrides is the built-in cell ---- */

static void test_base_only_is_builtin(void **state)
{
    scratch *s = *state;
    cf_cell *f = load_ok(write_text(s, "plain_base.json", "{\"base\": \"chen2020\"}\n"));
    cf_cell *b = builtin_chen2020();
    same_cell(f, b);
    /* Results are labelled with the file's name, not the base's. */
    assert_string_equal(f->name, "plain_base");
    double qf = spm_capacity(f), qb = spm_capacity(b);
    assert_true(qf > 4.0 && qf < 5.5); /* a 5 Ah cell at 1C */
    same_double("capacity", qf, qb);
    cf_cell_free(f);
    cf_cell_free(b);
}

/* The shipped example writes every key out; it must equal the C values. */
static void test_full_example_is_builtin(void **state)
{
    (void)state;
    cf_cell *f = load_ok(CF_SOURCE_DIR "/examples/chen2020_cell.json");
    cf_cell *b = builtin_chen2020();
    same_cell(f, b);
    assert_string_equal(f->name, "chen2020");
    cf_cell_free(f);
    cf_cell_free(b);
}

/* The thin example halves both coatings: same per-volume physics at 1C of
 * half the nominal capacity, so the SPM delivers half the charge. */
static void test_thin_example_halves_capacity(void **state)
{
    (void)state;
    cf_cell *t = load_ok(CF_SOURCE_DIR "/examples/chen2020_thin_cell.json");
    cf_cell *b = builtin_chen2020();
    assert_string_equal(t->name, "chen2020 thin");
    same_double("neg.thickness_m", t->neg.thickness_m, b->neg.thickness_m / 2);
    same_double("pos.thickness_m", t->pos.thickness_m, b->pos.thickness_m / 2);
    same_double("neg.porosity", t->neg.porosity, b->neg.porosity); /* untouched keys come from the base */
    double qt = spm_capacity(t), qb = spm_capacity(b);
    assert_true(fabs(qt / qb - 0.5) < 1e-4);
    cf_cell_free(t);
    cf_cell_free(b);
}

/* ---- a full file without base returns every value ---- */

typedef struct {
    const char *section; /* NULL: top level */
    const char *key;
    double value;
    size_t offset; /* of the double in cf_cell */
} rt_key;

#define N_(k, v, m) {"negative", k, v, offsetof(cf_cell, neg.m)}
#define P_(k, v, m) {"positive", k, v, offsetof(cf_cell, pos.m)}
/* Values differ from chen2020 and from each other where possible, so a
 * field read into the wrong place shows. */
static const rt_key ROUNDTRIP[] = {
    {NULL, "nominal_capacity_Ah", 3.1, offsetof(cf_cell, nominal_capacity_Ah)},
    {NULL, "voltage_min_V", 2.7, offsetof(cf_cell, v_min)},
    {NULL, "voltage_max_V", 4.15, offsetof(cf_cell, v_max)},
    {NULL, "electrode_area_m2", 0.0523, offsetof(cf_cell, area_m2)},
    {NULL, "temperature_K", 303.15, offsetof(cf_cell, T_K)},
    {NULL, "reference_temperature_K", 296.0, offsetof(cf_cell, T_ref)},
    N_("thickness_m", 61.5e-6, thickness_m),
    N_("porosity", 0.31, porosity),
    N_("active_volume_fraction", 0.62, phase[0].active_fraction),
    N_("particle_radius_m", 7.1e-6, phase[0].particle_radius_m),
    N_("max_concentration_mol_m3", 30555, phase[0].c_max),
    N_("initial_concentration_mol_m3", 25001, phase[0].c_init),
    N_("diffusivity_m2_s", 2.1e-14, phase[0].diffusivity_m2_s),
    N_("diffusivity_activation_energy_J_mol", 12000, phase[0].diffusivity_Ea_J_mol),
    N_("conductivity_S_m", 100, conductivity_S_m),
    N_("bruggeman_electrolyte", 1.7, bruggeman_electrolyte),
    N_("bruggeman_electrode", 0.25, bruggeman_electrode),
    N_("exchange_current_coefficient", 5.5e-7, phase[0].j0_ref),
    N_("exchange_current_activation_energy_J_mol", 30000, phase[0].j0_Ea_J_mol),
    N_("charge_transfer_coefficient", 0.45, phase[0].alpha),
    P_("thickness_m", 55.5e-6, thickness_m),
    P_("porosity", 0.28, porosity),
    P_("active_volume_fraction", 0.7, phase[0].active_fraction),
    P_("particle_radius_m", 4.4e-6, phase[0].particle_radius_m),
    P_("max_concentration_mol_m3", 51000, phase[0].c_max),
    P_("initial_concentration_mol_m3", 20000, phase[0].c_init),
    P_("diffusivity_m2_s", 6e-15, phase[0].diffusivity_m2_s),
    P_("diffusivity_activation_energy_J_mol", 8000, phase[0].diffusivity_Ea_J_mol),
    P_("conductivity_S_m", 1.1, conductivity_S_m),
    P_("bruggeman_electrolyte", 1.6, bruggeman_electrolyte),
    P_("bruggeman_electrode", 0.3, bruggeman_electrode),
    P_("exchange_current_coefficient", 2.2e-6, phase[0].j0_ref),
    P_("exchange_current_activation_energy_J_mol", 16000, phase[0].j0_Ea_J_mol),
    P_("charge_transfer_coefficient", 0.55, phase[0].alpha),
    {"separator", "thickness_m", 20e-6, offsetof(cf_cell, sep.thickness_m)},
    {"separator", "porosity", 0.41, offsetof(cf_cell, sep.porosity)},
    {"separator", "bruggeman_electrolyte", 1.8, offsetof(cf_cell, sep.bruggeman_electrolyte)},
    {"electrolyte", "initial_concentration_mol_m3", 1200, offsetof(cf_cell, electrolyte.c_init)},
    {"electrolyte", "transference_number", 0.363, offsetof(cf_cell, electrolyte.t_plus)},
    {"electrolyte", "thermodynamic_factor", 1.2, offsetof(cf_cell, electrolyte.thermodynamic_factor)},
};
#undef N_
#undef P_

static const double OCP_X[] = {0.02, 0.1, 0.25, 0.5, 0.75, 0.95};
static const double OCP_Y[] = {0.9, 0.22, 0.14, 0.12, 0.09, 0.08};
static const double KAPPA_X[] = {0, 1000, 2000};
static const double KAPPA_Y[] = {0.5, 1.0, 0.8};

static json_t *table_json(const double *x, const double *y, size_t n)
{
    json_t *t = json_object(), *jx = json_array(), *jy = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(jx, json_real(x[i]));
        json_array_append_new(jy, json_real(y[i]));
    }
    json_object_set_new(t, "x", jx);
    json_object_set_new(t, "y", jy);
    return t;
}

static json_t *roundtrip_json(void)
{
    json_t *root = json_object();
    json_object_set_new(root, "name", json_string("round trip"));
    const char *sections[] = {"negative", "positive", "separator", "electrolyte"};
    for (int i = 0; i < 4; i++) json_object_set_new(root, sections[i], json_object());
    for (size_t i = 0; i < sizeof ROUNDTRIP / sizeof ROUNDTRIP[0]; i++) {
        json_t *o = ROUNDTRIP[i].section ? json_object_get(root, ROUNDTRIP[i].section) : root;
        json_object_set_new(o, ROUNDTRIP[i].key, json_real(ROUNDTRIP[i].value));
    }
    json_object_set_new(json_object_get(root, "negative"), "ocp", table_json(OCP_X, OCP_Y, 6));
    json_object_set_new(json_object_get(root, "positive"), "ocp", json_string("nmc811_chen2020"));
    json_t *el = json_object_get(root, "electrolyte");
    json_object_set_new(el, "diffusivity_m2_s", json_real(2.7e-10));
    json_object_set_new(el, "conductivity_S_m", table_json(KAPPA_X, KAPPA_Y, 3));
    return root;
}

static void test_full_file_roundtrip(void **state)
{
    scratch *s = *state;
    json_t *root = roundtrip_json();
    cf_cell *c = load_ok(write_json(s, "full.json", root));
    json_decref(root);
    assert_string_equal(c->name, "round trip");
    for (size_t i = 0; i < sizeof ROUNDTRIP / sizeof ROUNDTRIP[0]; i++) {
        double got = *(const double *)((const char *)c + ROUNDTRIP[i].offset);
        same_double(ROUNDTRIP[i].key, got, ROUNDTRIP[i].value);
    }
    assert_int_equal(c->neg.phase[0].ocp.kind, CF_FN_TABLE);
    assert_int_equal(c->neg.phase[0].ocp.n, 6);
    for (int i = 0; i < 6; i++) {
        same_double("ocp.x", c->neg.phase[0].ocp.x[i], OCP_X[i]);
        same_double("ocp.y", c->neg.phase[0].ocp.y[i], OCP_Y[i]);
    }
    assert_int_equal(c->pos.phase[0].ocp.kind, CF_FN_BUILTIN);
    assert_string_equal(c->pos.phase[0].ocp.name, "nmc811_chen2020");
    assert_int_equal(c->electrolyte.diffusivity.kind, CF_FN_CONSTANT);
    same_double("D", cf_fn_eval(&c->electrolyte.diffusivity, 1234, 300, NULL), 2.7e-10);
    assert_int_equal(c->electrolyte.conductivity.kind, CF_FN_TABLE);
    /* The loaded cell owns its tables: a copy is independent of it. */
    cf_error err;
    cf_cell *copy = NULL;
    assert_int_equal(cf_cell_copy(c, &copy, &err), CF_OK);
    cf_cell_free(c);
    same_double("copy ocp.y[3]", copy->neg.phase[0].ocp.y[3], OCP_Y[3]);
    cf_cell_free(copy);
}

/* Removing any one key (or section) of the full example is an error naming it. */
static void test_every_key_required_without_base(void **state)
{
    scratch *s = *state;
    json_error_t jerr;
    json_t *full = json_load_file(CF_SOURCE_DIR "/examples/chen2020_cell.json", 0, &jerr);
    assert_non_null(full);
    int checked = 0;
    const char *top;
    json_t *tv;
    json_object_foreach(full, top, tv) {
        if (strcmp(top, "comment") == 0 || strcmp(top, "name") == 0) continue;
        /* The area is given as height x width; either alone is an error too. */
        size_t nsub = json_is_object(tv) ? json_object_size(tv) : 0;
        for (size_t k = 0; k <= nsub; k++) {
            json_t *doc = json_deep_copy(full);
            char key[128];
            if (k == nsub) { /* the whole key or section */
                json_object_del(doc, top);
                snprintf(key, sizeof key, "%s", top);
            } else {
                json_t *sec = json_object_get(doc, top);
                const char *sub = NULL;
                void *it = json_object_iter(sec);
                for (size_t j = 0; j < k; j++) it = json_object_iter_next(sec, it);
                sub = json_object_iter_key(it);
                if (strcmp(sub, "comment") == 0) {
                    json_decref(doc);
                    continue;
                }
                snprintf(key, sizeof key, "%s.%s", top, sub);
                json_object_del(sec, sub);
            }
            const char *path = write_json(s, "missing.json", doc);
            json_decref(doc);
            cf_error err;
            cf_cell *c = (cf_cell *)&err;
            int rc = cf_cell_load_json(path, &c, &err);
            if (rc != CF_EINVAL || c != NULL || !strstr(err.where, key) ||
                !(strstr(err.message, "required") || strstr(err.message, "with")))
                fail_msg("without %s: rc %d, where '%s', message '%s'", key, rc, err.where, err.message);
            checked++;
        }
    }
    json_decref(full);
    /* 7 top-level numbers (area as height and width) and 4 sections; 15 keys
     * per electrode, 3 in the separator, 5 in the electrolyte. */
    assert_int_equal(checked, 7 + 4 + 2 * 15 + 3 + 5);
}

/* ---- material functions from files ---- */

static void test_table_ocp_passes_through_points(void **state)
{
    scratch *s = *state;
    const char *path = write_text(s, "table.json",
                                  "{\"base\": \"chen2020\", \"negative\": {\"ocp\": "
                                  "{\"x\": [0.02, 0.1, 0.25, 0.5, 0.75, 0.95],"
                                  " \"y\": [0.9, 0.22, 0.14, 0.12, 0.09, 0.08]}},"
                                  " \"electrolyte\": {\"conductivity_S_m\": {\"x\": [0, 2000], \"y\": [0.2, 1.4]}}}");
    cf_cell *c = load_ok(path);
    const cf_fn *f = &c->neg.phase[0].ocp;
    for (int i = 0; i < 6; i++) same_double("U at a table point", cf_fn_eval(f, OCP_X[i], 298.15, NULL), OCP_Y[i]);
    /* Between points a monotone table stays between its neighbours and falls. */
    for (int i = 0; i < 5; i++) {
        double dU = 0, u = cf_fn_eval(f, 0.5 * (OCP_X[i] + OCP_X[i + 1]), 298.15, &dU);
        assert_true(u < OCP_Y[i] && u > OCP_Y[i + 1]);
        assert_true(dU < 0);
    }
    /* Two points: a straight line, slope (1.4 - 0.2) / 2000. */
    double dk = 0, k = cf_fn_eval(&c->electrolyte.conductivity, 500, 298.15, &dk);
    assert_true(fabs(k - 0.5) < 1e-12);
    assert_true(fabs(dk - 6e-4) < 1e-15);
    /* The other electrode keeps the base's function. */
    assert_string_equal(c->pos.phase[0].ocp.name, "nmc811_chen2020");
    cf_cell_free(c);
}

static void test_overrides_and_alternatives(void **state)
{
    scratch *s = *state;
    cf_cell *c = load_ok(write_text(s, "alt.json",
                                    "{\"base\": \"chen2020\", \"comment\": [1, 2],"
                                    " \"electrode_height_m\": 0.05, \"electrode_width_m\": 2,"
                                    " \"temperature_K\": 283.15,"
                                    " \"negative\": {\"max_concentration_mol_m3\": 30000,"
                                    "   \"initial_stoichiometry\": 0.8, \"comment\": \"x\"},"
                                    " \"positive\": {\"ocp\": 4.0}}"));
    same_double("area", c->area_m2, 0.05 * 2);
    same_double("c_init", c->neg.phase[0].c_init, 0.8 * 30000);
    same_double("T_K", c->T_K, 283.15);
    assert_int_equal(c->pos.phase[0].ocp.kind, CF_FN_CONSTANT);
    same_double("U", cf_fn_eval(&c->pos.phase[0].ocp, 0.3, 298, NULL), 4.0);
    assert_string_equal(c->neg.phase[0].ocp.name, "graphite_chen2020");
    /* An integer is a number too. */
    cf_cell_free(c);
    c = load_ok(write_text(s, "int.json", "{\"base\": \"chen2020\", \"nominal_capacity_Ah\": 4}"));
    same_double("capacity", c->nominal_capacity_Ah, 4);
    cf_cell_free(c);
    /* cf_cell_load falls through to files for names that are not built in. */
    cf_error err;
    assert_int_equal(cf_cell_load(s->path, &c, &err), CF_OK);
    same_double("capacity", c->nominal_capacity_Ah, 4);
    cf_cell_free(c);
}

/* ---- every class of bad input ---- */

typedef struct {
    const char *text;
    const char *where;   /* must appear in where (after the path) */
    const char *message; /* must appear in the message */
} bad_case;

#define B "{\"base\": \"chen2020\", "
#define TBL(x, y) "{\"ocp\": {\"x\": " x ", \"y\": " y "}}"
static const bad_case BAD[] = {
    /* malformed JSON: file:line:col */
    {"{\"base\": \"chen2020\",\n  \"name\": }", ":2:11", "malformed JSON at line 2, column 11"},
    {"{\"base\": \"chen2020\",}", ":1:", "malformed JSON at line 1"},
    {"", ":1:", "malformed JSON"},
    {"{\"base\": \"chen2020\"} extra", ":1:", "malformed JSON"},
    {B "\"base\": \"chen2020\"}", ":1:", "duplicate"},
    {"[1, 2]", "", "one JSON object"},
    {"\"chen2020\"", "", "one JSON object"},
    /* non-finite numbers cannot be written in JSON */
    {B "\"temperature_K\": NaN}", ":1:", "malformed JSON"},
    {B "\"temperature_K\": Infinity}", ":1:", "malformed JSON"},
    {B "\"temperature_K\": 1e999}", ":1:", "overflow"},
    /* unknown keys, with and without a suggestion */
    {B "\"nominal_capacity_Ahh\": 5}", "nominal_capacity_Ahh", "did you mean 'nominal_capacity_Ah'?"},
    {B "\"Name\": \"x\"}", "Name", "did you mean 'name'?"},
    {B "\"negative\": {\"porosty\": 0.3}}", "negative.porosty", "did you mean 'porosity'?"},
    {B "\"separator\": {\"prosity\": 0.3}}", "separator.prosity", "did you mean 'porosity'?"},
    {B "\"electrolyte\": {\"transference\": 0.3}}", "electrolyte.transference", "known: initial_concentration_mol_m3"},
    {B "\"negative\": {\"ocp\": {\"x\": [0, 1], \"yy\": [1, 2]}}}", "negative.ocp.yy", "did you mean 'y'?"},
    {B "\"thermal\": {\"heat_transfr_W_m2_K\": 5}}", "thermal.heat_transfr_W_m2_K", "did you mean 'heat_transfer_W_m2_K'?"},
    {B "\"thermal\": 5}", "thermal", "thermal must be an object"},
    {B "\"thermal\": {\"separator\": {\"density_kg_m3\": -1}}}", "thermal.separator.density_kg_m3",
     "density -1 kg/m3 is outside the allowed range (0, 30000] kg/m3"},
    {B "\"negative\": {\"entropic_V_K\": 0.5}}", "negative.entropic_V_K", "outside the allowed range [-0.01, 0.01] V/K"},
    {B "\"negative\": {\"entropic_V_K\": \"graphite_chen2020\"}}", "negative.entropic_V_K", "must be a number (V/K)"},
    /* wrong types */
    {B "\"negative\": {\"porosity\": \"0.3\"}}", "negative.porosity", "negative.porosity must be a number (got a string)"},
    {B "\"negative\": {\"porosity\": true}}", "negative.porosity", "must be a number (got a boolean)"},
    {B "\"negative\": {\"porosity\": null}}", "negative.porosity", "must be a number (got null)"},
    {B "\"separator\": {\"thickness_m\": [1]}}", "separator.thickness_m", "must be a number (got an array)"},
    {B "\"negative\": 5}", "negative", "negative must be an object"},
    {B "\"electrolyte\": []}", "electrolyte", "electrolyte must be an object"},
    {B "\"name\": 5}", "name", "name must be a string"},
    {B "\"name\": \"\"}", "name", "1 to 63 characters"},
    {B "\"name\": \"0123456789012345678901234567890123456789012345678901234567890123456789\"}", "name",
     "1 to 63 characters"},
    {"{\"base\": 1}", "base", "base must be the name of a built-in cell"},
    {B "\"negative\": {\"ocp\": true}}", "negative.ocp", "a function name, a number or a table"},
    /* tables */
    {B "\"negative\": " TBL("[0, 0.5, 0.5]", "[1, 2, 3]") "}", "negative.ocp.x[2]", "strictly increasing"},
    {B "\"negative\": " TBL("[0.9, 0.5, 0.1]", "[1, 2, 3]") "}", "negative.ocp.x[1]", "strictly increasing"},
    {B "\"negative\": " TBL("[0, 0.5]", "[1, 2, 3]") "}", "negative.ocp", "x has 2 points but negative.ocp.y has 3"},
    {B "\"negative\": " TBL("[0]", "[1]") "}", "negative.ocp", "at least 2 points"},
    {B "\"negative\": " TBL("[]", "[]") "}", "negative.ocp", "at least 2 points"},
    {B "\"negative\": " TBL("[0, \"a\"]", "[1, 2]") "}", "negative.ocp.x[1]", "must be a number (got a string)"},
    {B "\"negative\": " TBL("[0, 1]", "[1, null]") "}", "negative.ocp.y[1]", "must be a number (got null)"},
    {B "\"negative\": " TBL("\"0, 1\"", "[1, 2]") "}", "negative.ocp.x", "must be a list of numbers"},
    {B "\"negative\": {\"ocp\": {\"y\": [1, 2]}}}", "negative.ocp.x", "negative.ocp.x is required"},
    {B "\"electrolyte\": {\"conductivity_S_m\": {\"x\": [0, 1000, 2000], \"y\": [0.5, 0, 1]}}}",
     "electrolyte.conductivity_S_m.y[1]", "> 0"},
    /* material function names */
    {B "\"negative\": {\"ocp\": \"graphite_chen202\"}}", "negative.ocp", "did you mean 'graphite_chen2020'?"},
    {B "\"negative\": {\"ocp\": \"graphite\"}}", "negative.ocp", "unknown material function 'graphite'"},
    {B "\"electrolyte\": {\"diffusivity_m2_s\": \"nyman2008_diffusivty\"}}", "electrolyte.diffusivity_m2_s",
     "did you mean 'nyman2008_diffusivity'?"},
    {B "\"positive\": {\"ocp\": \"nyman2008_conductivity\"}}", "positive.ocp", "must be an open-circuit potential"},
    {B "\"electrolyte\": {\"conductivity_S_m\": \"graphite_chen2020\"}}", "electrolyte.conductivity_S_m",
     "must be an electrolyte conductivity"},
    /* base */
    {"{\"base\": \"chen2021\"}", "base", "did you mean 'chen2020'?"},
    {"{\"base\": \"lg_m50\"}", "base", "'lg_m50' is not a built-in cell"},
    /* alternatives */
    {B "\"negative\": {\"initial_concentration_mol_m3\": 20000, \"initial_stoichiometry\": 0.5}}",
     "negative.initial_stoichiometry", "not both"},
    {B "\"negative\": {\"initial_stoichiometry\": 1.2}}", "negative.initial_stoichiometry", "(0, 1)"},
    {B "\"electrode_area_m2\": 0.1, \"electrode_height_m\": 0.1}", "electrode_height_m", "not both"},
    {B "\"electrode_height_m\": 0.1}", "electrode_width_m", "required with electrode_height_m"},
    {B "\"electrode_height_m\": -0.1, \"electrode_width_m\": -2}", "electrode_height_m", "must be > 0"},
    /* ranges (cf_cell_validate), reported with the file's key names */
    {B "\"negative\": {\"porosity\": 1.5}}", "negative.porosity", "allowed range (0, 1)"},
    {B "\"negative\": {\"porosity\": 0.3}}", "negative.porosity+active_volume_fraction", "exceed 1"},
    {B "\"negative\": {\"max_concentration_mol_m3\": 100}}", "negative.initial_concentration_mol_m3", "(0, 100)"},
    {B "\"positive\": {\"charge_transfer_coefficient\": 0}}", "positive.charge_transfer_coefficient", "(0, 1)"},
    {B "\"positive\": {\"exchange_current_coefficient\": -1}}", "positive.exchange_current_coefficient", "range"},
    {B "\"separator\": {\"thickness_m\": 0.02}}", "separator.thickness_m", "(0, 0.01]"},
    {B "\"electrode_area_m2\": -1}", "electrode_area_m2", "range"},
    {B "\"voltage_max_V\": 2.0}", "voltage_max_V", "range"},
    {B "\"temperature_K\": 500}", "temperature_K", "[203.15, 393.15] K"},
    {B "\"reference_temperature_K\": 0}", "reference_temperature_K", "[150, 500]"},
    {B "\"electrolyte\": {\"transference_number\": 1.0}}", "electrolyte.transference_number", "[0, 1)"},
    {B "\"electrolyte\": {\"diffusivity_m2_s\": -1e-10}}", "electrolyte.diffusivity_m2_s", "must be > 0"},
    {B "\"negative\": {\"thickness_swelling\": 1.5}}", "negative.thickness_swelling", "allowed range [0, 1]"},
    {B "\"positive\": {\"thickness_swelling\": \"free\"}}", "positive.thickness_swelling", "must be a number"},
    /* a solid diffusivity of the stoichiometry: a built-in of that role, or a positive table */
    {B "\"negative\": {\"diffusivity_m2_s\": \"graphite_diffusivity_ecker201\"}}", "negative.diffusivity_m2_s",
     "did you mean 'graphite_diffusivity_ecker2015'?"},
    {B "\"negative\": {\"diffusivity_m2_s\": \"nyman2008_diffusivity\"}}", "negative.diffusivity_m2_s",
     "must be a solid diffusivity"},
    {B "\"positive\": {\"diffusivity_m2_s\": {\"x\": [0, 1], \"y\": [1e-14, 0]}}}", "positive.diffusivity_m2_s.y[1]",
     "> 0"},
    {B "\"positive\": {\"diffusivity_m2_s\": {\"x\": [0, 0.5, 0.9], \"y\": [1e-14, 2e-14, 2e-15]}}}",
     "positive.diffusivity_m2_s", "a solid diffusivity must be in (0, 1e-6] over 0..1"},
    {B "\"negative\": {\"phases\": [{}], \"diffusivity_m2_s\": 1e-14}}", "negative.diffusivity_m2_s",
     "beside \"phases\""},
    /* errors after a table was read: the table must be freed (ASan) */
    {B "\"negative\": " TBL("[0, 1]", "[1, 0]") ", \"positive\": {\"porosity\": \"x\"}}", "positive.porosity",
     "must be a number"},
    {B "\"electrolyte\": {\"diffusivity_m2_s\": {\"x\": [0, 1], \"y\": [1, 2]},"
       " \"conductivity_S_m\": {\"x\": [0, 1], \"y\": [1]}}}",
     "electrolyte.conductivity_S_m", "must match"},
    {B "\"negative\": " TBL("[0, 1]", "[1, 0]") ", \"separator\": {\"porosity\": 2}}", "separator.porosity", "range"},
    /* without a base */
    {"{\"name\": \"x\"}", "nominal_capacity_Ah", "nominal_capacity_Ah is required"},
    {"{}", "nominal_capacity_Ah", "is required"},
    /* other formats */
    {"{\"Header\": {\"BPX\": 0.1, \"Title\": \"x\"}, \"Parameterisation\": {}}", "Header/Model", "Header/Model is required"},
    {"{\"negative\": {\"components\": []}, \"positive\": {}}", "", "recipe files: use cellforge design"},
    {"{\"components\": []}", "", "recipe files: use cellforge design"},
};
#undef B
#undef TBL

static void test_bad_files(void **state)
{
    scratch *s = *state;
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        const char *path = write_text(s, "bad.json", BAD[i].text);
        cf_error err;
        cf_error_clear(&err);
        cf_cell *c = (cf_cell *)&err; /* must be reset to NULL */
        int rc = cf_cell_load_json(path, &c, &err);
        if (rc != CF_EINVAL || c != NULL || err.code != CF_EINVAL || strncmp(err.where, path, strlen(path)) != 0 ||
            !strstr(err.where + strlen(path), BAD[i].where) || !strstr(err.message, BAD[i].message))
            fail_msg("case %zu %s\n  got rc %d, where '%s', message '%s'\n  wanted where with '%s', message with '%s'",
                     i, BAD[i].text, rc, err.where, err.message, BAD[i].where, BAD[i].message);
    }
}

static void test_missing_and_unreadable(void **state)
{
    scratch *s = *state;
    char path[320];
    snprintf(path, sizeof path, "%s/nope.json", s->dir);
    cf_error err;
    cf_cell *c = (cf_cell *)&err;
    assert_int_equal(cf_cell_load_json(path, &c, &err), CF_EINVAL);
    assert_null(c);
    assert_non_null(strstr(err.message, "no such cell file"));
    assert_non_null(strstr(err.message, "chen2020"));
    /* A directory opens but does not read. */
    c = (cf_cell *)&err;
    assert_int_not_equal(cf_cell_load_json(s->dir, &c, &err), CF_OK);
    assert_null(c);
    c = (cf_cell *)&err;
    assert_int_equal(cf_cell_load_json("", &c, &err), CF_EINVAL);
    assert_null(c);
    /* A NUL byte inside the file is malformed JSON, not a truncated file. */
    snprintf(path, sizeof path, "%s/nul.json", s->dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite("{\"base\": \"chen2020\"}\0{", 1, 22, f);
    fclose(f);
    c = (cf_cell *)&err;
    assert_int_equal(cf_cell_load_json(path, &c, &err), CF_EINVAL);
    assert_null(c);
}

/* The built-in table: every name makes a valid cell whose description
 * (cellforge cells) carries its capacity and cut-offs; an index outside the
 * table is refused with the range; an unknown name is refused with every
 * built-in name in the message (the list comes from the table). */
static void test_builtin_table(void **state)
{
    (void)state;
    const char *const *names = cf_cell_builtin_names();
    int n = cf_cell_builtin_count();
    assert_true(n >= 7);
    cf_error err;
    for (int i = 0; i < n; i++) {
        cf_builtin_cell_info f;
        assert_int_equal(cf_cell_builtin_info(i, &f, &err), CF_OK);
        assert_string_equal(f.name, names[i]);
        assert_true(strlen(f.chemistry) > 0 && strlen(f.format) > 0 && strlen(f.source) > 0);
        cf_cell *c;
        assert_int_equal(cf_cell_builtin(f.name, &c, &err), CF_OK);
        assert_int_equal(cf_cell_validate(c, &err), CF_OK);
        assert_true(f.nominal_capacity_Ah == c->nominal_capacity_Ah && f.nominal_capacity_Ah > 0);
        assert_true(f.v_min == c->v_min && f.v_max == c->v_max && f.v_min < f.v_max);
        cf_cell_free(c);
    }
    assert_null(names[n]);
    cf_builtin_cell_info f;
    assert_int_equal(cf_cell_builtin_info(n, &f, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "allowed range"));
    cf_cell *c;
    assert_int_equal(cf_cell_builtin("kim2011", &c, &err), CF_EINVAL);
    for (int i = 0; i < n; i++) assert_non_null(strstr(err.message, names[i]));
    assert_int_equal(cf_cell_load("no-such-cell", &c, &err), CF_EINVAL);
    for (int i = 0; i < n; i++) assert_non_null(strstr(err.message, names[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_table),
        cmocka_unit_test_setup_teardown(test_base_only_is_builtin, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_full_example_is_builtin, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_thin_example_halves_capacity, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_full_file_roundtrip, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_every_key_required_without_base, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_table_ocp_passes_through_points, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_overrides_and_alternatives, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_bad_files, scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_unreadable, scratch_setup, scratch_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
