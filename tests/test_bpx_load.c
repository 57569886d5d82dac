/* test_bpx_load.c — reading BPX files (docs/bpx.md): the hand-written files
 * in tests/data/bpx/ give the values their mappings predict (each value kind,
 * a blended particle, a 0.x file, an SPM file, degradation), and every kind
 * of bad file is CF_EINVAL naming the full key path, with no cell returned. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellforge/cf_bpx.h"
#include "cellforge/cf_expr.h"
#include "cellforge/cf_model.h"

#define DATA CF_TEST_DATA_DIR "/bpx/"
#define R_GAS CF_GAS_CONSTANT

static void near(const char *what, double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fmax(fabs(want), 1e-300)))
        fail_msg("%s: got %.17g, want %.17g (rel %.1e)", what, got, want, rel);
}

static int has_note(const cf_bpx_info *in, const char *fragment)
{
    for (int i = 0; i < in->notes.n; i++)
        if (strstr(in->notes.text[i], fragment)) return 1;
    return 0;
}

static cf_cell *load(const char *name, cf_bpx_info *info)
{
    cf_cell *c = NULL;
    cf_error err;
    cf_error_clear(&err);
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    if (cf_bpx_load(path, &c, info, &err)) fail_msg("%s: %s: %s", name, err.where, err.message);
    return c;
}

/* The positive OCP of kinds.bpx.json, written out independently. */
static double nmc(double x)
{
    return -0.809 * x + 4.4875 - 0.0428 * tanh(18.5138 * (x - 0.5542)) - 17.7326 * tanh(15.789 * (x - 0.3117)) +
           17.5842 * tanh(15.9308 * (x - 0.312));
}

static double nyman_kappa(double c)
{
    double m = c / 1000;
    return 0.1297 * m * m * m - 2.51 * pow(m, 1.5) + 3.329 * m;
}

static void test_value_kinds(void **state)
{
    (void)state;
    cf_bpx_info in;
    cf_cell *c = load("kinds.bpx.json", &in);
    assert_string_equal(in.version, "1.1.0");
    assert_string_equal(in.model_name, "DFN");
    assert_int_equal(in.model, CF_MODEL_DFN);
    assert_false(in.converted_from_v0);
    assert_string_equal(in.title, "Every value kind: numbers, expressions, tables");
    near("area = area x pairs", c->area_m2, 0.1, 1e-15);
    near("T_ref", c->T_ref, 298.15, 0);
    near("T_K = ambient", c->T_K, 308.15, 0);
    near("initial T", in.initial_temperature_K, 300, 0);
    near("heat transfer", in.heat_transfer_coefficient, 10, 0);
    near("soc", in.initial_soc, 0.5, 0);

    /* Geometry and transport mappings. */
    near("neg active = aR/3", c->neg.phase[0].active_fraction, 383959 * 5.86e-6 / 3, 1e-15);
    near("neg Bruggeman = ln(te)/ln(eps)", c->neg.bruggeman_electrolyte, log(0.125) / log(0.25), 1e-15);
    near("sep Bruggeman", c->sep.bruggeman_electrolyte, log(0.3222) / log(0.47), 1e-15);
    assert_true(c->neg.bruggeman_electrode == 0.0);
    near("neg sigma", c->neg.conductivity_S_m, 215, 0);
    near("electrolyte c0", c->electrolyte.c_init, 1000, 0);
    near("t+", c->electrolyte.t_plus, 0.2594, 0);
    /* Kinetics: j0_ref = F k / (c_max sqrt(c_e0)), symmetric Butler-Volmer. */
    near("neg j0_ref", c->neg.phase[0].j0_ref, CF_FARADAY * 7e-6 / (33133 * sqrt(1000.0)), 1e-15);
    near("pos j0_ref", c->pos.phase[0].j0_ref, CF_FARADAY * 7e-5 / (63104 * sqrt(1000.0)), 1e-15);
    near("alpha", c->neg.phase[0].alpha, 0.5, 0);
    near("neg Ea j0", c->neg.phase[0].j0_Ea_J_mol, 35000, 0);
    near("pos Ea D", c->pos.phase[0].diffusivity_Ea_J_mol, 12000, 0);
    /* Initial state from the SOC: negative min + s(max-min), positive max - s(max-min). */
    near("neg c_init", c->neg.phase[0].c_init, (0.03 + 0.5 * (0.9 - 0.03)) * 33133, 1e-15);
    near("pos c_init", c->pos.phase[0].c_init, (0.9 - 0.5 * (0.9 - 0.27)) * 63104, 1e-15);

    /* Number: the electrolyte diffusivity is a constant. */
    assert_int_equal(c->electrolyte.diffusivity.kind, CF_FN_CONSTANT);
    near("D_e", cf_fn_eval(&c->electrolyte.diffusivity, 1000, c->T_K, NULL), 3e-10, 0);
    /* An expression that does not use x, as a particle diffusivity. */
    near("neg D_s from \"3.3e-14\"", c->neg.phase[0].diffusivity_m2_s, 3.3e-14, 1e-15);
    /* Table (written unsorted): sorted, and passing through its points. */
    const cf_fn *t = &c->neg.phase[0].ocp;
    assert_int_equal(t->kind, CF_FN_TABLE);
    assert_int_equal(t->n, 7);
    for (int i = 1; i < t->n; i++) assert_true(t->x[i] > t->x[i - 1]);
    near("table at 0.3", cf_fn_eval(t, 0.3, c->T_K, NULL), 0.14, 1e-15);
    near("table at 0", cf_fn_eval(t, 0.0, c->T_K, NULL), 1.2, 1e-15);
    /* Expression + entropic coefficient: U(x) + (T - T_ref) dU/dT. */
    const cf_fn *u = &c->pos.phase[0].ocp;
    assert_int_equal(u->kind, CF_FN_EXPR);
    double d;
    near("pos OCP at 308.15 K", cf_fn_eval(u, 0.6, 308.15, &d), nmc(0.6) + 10 * -1e-4, 1e-14);
    near("pos OCP at T_ref", cf_fn_eval(u, 0.6, 298.15, NULL), nmc(0.6), 1e-14);
    double h = 1e-6, fd = (nmc(0.6 + h) - nmc(0.6 - h)) / (2 * h);
    near("pos dU/dx", d, fd, 1e-7);
    /* Expression + activation energy: kappa(c) exp(Ea/R (1/T_ref - 1/T)). */
    const cf_fn *k = &c->electrolyte.conductivity;
    assert_int_equal(k->kind, CF_FN_EXPR);
    near("kappa at T_ref", cf_fn_eval(k, 1200, 298.15, NULL), nyman_kappa(1200), 1e-14);
    near("kappa at 308.15 K", cf_fn_eval(k, 1200, 308.15, NULL),
         nyman_kappa(1200) * exp(17100 / R_GAS * (1 / 298.15 - 1 / 308.15)), 1e-14);
    /* A table diffusivity in x is used as given, D(sto) = 1e-14 (1 + 2 sto),
     * with its activation energy applied by the model; the number records
     * its value at stoichiometry 0.5. */
    const cf_fn *dfn = &c->pos.phase[0].diffusivity_fn;
    assert_int_equal(dfn->kind, CF_FN_TABLE);
    near("pos D(0.1)", cf_fn_eval(dfn, 0.1, 298.15, NULL), 1.2e-14, 1e-12);
    near("pos D(0.8)", cf_fn_eval(dfn, 0.8, 298.15, NULL), 2.6e-14, 1e-12);
    near("pos D_s at sto 0.5", c->pos.phase[0].diffusivity_m2_s, 2e-14, 1e-12);
    near("pos D_s activation energy", c->pos.phase[0].diffusivity_Ea_J_mol, 12000, 1e-12);
    assert_false(has_note(&in, "geometric mean"));
    assert_true(has_note(&in, "User-defined: 1 parameter ignored"));
    assert_true(has_note(&in, "isothermal"));

    /* Validation data, and its current as a drive cycle with cellforge's sign. */
    assert_int_equal(in.n_experiments, 1);
    assert_string_equal(in.experiments[0].name, "Rest");
    assert_int_equal(in.experiments[0].n, 3);
    assert_non_null(in.experiments[0].temperature_K);
    near("t[2]", in.experiments[0].time_s[2], 20, 0);
    cf_bpx_info_clear(&in);
    assert_null(in.experiments);
    cf_cell_free(c);
}

static void test_blended_particles(void **state)
{
    (void)state;
    cf_bpx_info in;
    cf_cell *c = load("blend.bpx.json", &in);
    assert_int_equal(c->neg.n_phases, 1);
    assert_int_equal(c->pos.n_phases, 2);
    assert_string_equal(c->pos.phase[0].name, "Large");
    assert_string_equal(c->pos.phase[1].name, "Small");
    near("large fraction", c->pos.phase[0].active_fraction, 166250 * 8e-6 / 3, 1e-15);
    near("small fraction", c->pos.phase[1].active_fraction, 332500 * 2e-6 / 3, 1e-15);
    near("large radius", c->pos.phase[0].particle_radius_m, 8e-6, 0);
    /* SOC 1: the negative at its maximum, each positive phase at its minimum. */
    near("neg c_init", c->neg.phase[0].c_init, 0.9106 * 33133, 1e-15);
    for (int i = 0; i < 2; i++) near("pos c_init", c->pos.phase[i].c_init, 0.2638 * 63104, 1e-15);
    /* Splitting one positive into two sizes of the same material keeps the
     * capacity at a low rate: compare with the same cell unblended. */
    cf_cell *single = load("v0.bpx.json", NULL);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    cf_plan *p1, *p2;
    cf_solution *s1, *s2;
    single->T_K = c->T_K;
    single->electrolyte.c_init = c->electrolyte.c_init;
    assert_int_equal(cf_plan_new(c, &opt, &p1, NULL), CF_OK);
    assert_int_equal(cf_plan_new(single, &opt, &p2, NULL), CF_OK);
    assert_int_equal(cf_simulate_crate(p1, 0.05, &s1, NULL), CF_OK);
    assert_int_equal(cf_simulate_crate(p2, 0.05, &s2, NULL), CF_OK);
    near("C/20 capacity blend vs single", s1->capacity_Ah[s1->n - 1], s2->capacity_Ah[s2->n - 1], 0.01);
    cf_solution_free(s1);
    cf_solution_free(s2);
    cf_plan_free(p1);
    cf_plan_free(p2);
    cf_cell_free(single);
    cf_bpx_info_clear(&in);
    cf_cell_free(c);
}

/* A 0.x file is repacked as bpx 1.1.1 / PyBaMM do. */
static void test_v0_conversion(void **state)
{
    (void)state;
    cf_bpx_info in;
    cf_cell *c = load("v0.bpx.json", &in);
    assert_true(in.converted_from_v0);
    assert_string_equal(in.version, "0.1");
    near("soc = 1", in.initial_soc, 1, 0);
    near("T_K = ambient", c->T_K, 303.15, 0);
    near("initial T = ambient", in.initial_temperature_K, 303.15, 0);
    near("c_e0 from Electrolyte", c->electrolyte.c_init, 1200, 0);
    near("j0_ref uses c_e0", c->neg.phase[0].j0_ref, CF_FARADAY * 7.04e-6 / (33133 * sqrt(1200.0)), 1e-15);
    near("neg c_init at max", c->neg.phase[0].c_init, 0.9106 * 33133, 1e-15);
    near("pos c_init at min", c->pos.phase[0].c_init, 0.2638 * 63104, 1e-15);
    /* The negative's entropic expression applies 5 K above the reference. */
    double x = 0.08309;
    double dUdT = (-0.1112 * x + 0.02914 + 0.3561) / 1000;
    cf_fn base;
    cf_fn_set_constant(&base, 0);
    assert_int_equal(cf_fn_set_expression(&base,
                                          "1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234)) "
                                          "- 0.04478 * tanh(14.9159 * (x - 0.2769)) - 0.0205 * tanh(30.4444 * (x - "
                                          "0.6103))",
                                          NULL),
                     CF_OK);
    near("neg OCP + 5 K entropic", cf_fn_eval(&c->neg.phase[0].ocp, x, 303.15, NULL),
         cf_fn_eval(&base, x, 0, NULL) + 5 * dUdT, 1e-13);
    cf_fn_release(&base);
    assert_true(has_note(&in, "BPX 0.x file, converted"));
    cf_bpx_info_clear(&in);
    cf_cell_free(c);
}

static void test_spm_file(void **state)
{
    (void)state;
    cf_bpx_info in;
    cf_cell *c = load("spm.bpx.json", &in);
    assert_true(in.spm_only);
    assert_int_equal(in.model, CF_MODEL_SPM);
    assert_true(has_note(&in, "SPM parameterisation"));
    /* The SPM of this file is the SPM of the same cell written in full. */
    cf_cell *full = load("blend.bpx.json", NULL);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    cf_plan *p;
    cf_solution *s;
    assert_int_equal(cf_plan_new(c, &opt, &p, NULL), CF_OK);
    assert_int_equal(cf_simulate_crate(p, 1.0, &s, NULL), CF_OK);
    double q = s->capacity_Ah[s->n - 1];
    assert_true(q > 4.5 && q < 5.2);
    cf_solution_free(s);
    cf_plan_free(p);
    cf_cell_free(full);
    cf_bpx_info_clear(&in);
    /* Through the generic loader too. */
    cf_cell *g = NULL;
    assert_int_equal(cf_cell_load(DATA "spm.bpx.json", &g, NULL), CF_OK);
    assert_string_equal(g->name, "spm.bpx");
    cf_cell_free(g);
    cf_cell_free(c);
}

/* ---- editing a file in memory ---- */

static json_t *read_json(const char *name)
{
    json_error_t e;
    json_t *r = json_load_file(name, 0, &e);
    if (!r) fail_msg("%s: %s", name, e.text);
    return r;
}

/* The object at a '/'-separated path (BPX keys contain dots, never '/'). */
static json_t *at(json_t *root, const char *path)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *o = root;
    for (char *save = NULL, *k = strtok_r(buf, "/", &save); k; k = strtok_r(NULL, "/", &save)) {
        o = json_object_get(o, k);
        if (!o) fail_msg("no %s in the test file", path);
    }
    return o;
}

static void put(json_t *root, const char *parent, const char *key, json_t *v)
{
    json_object_set_new(at(root, parent), key, v);
}

static void rename_key(json_t *root, const char *parent, const char *from, const char *to)
{
    json_t *o = at(root, parent), *v = json_object_get(o, from);
    assert_non_null(v);
    json_object_set(o, to, v);
    json_object_del(o, from);
}

static char tmp_path[64];

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp_path, sizeof tmp_path, "/tmp/cf_bpx_load_XXXXXX");
    int fd = mkstemp(tmp_path);
    if (fd < 0) return -1;
    close(fd);
    return 0;
}

static int remove_tmp(void **state)
{
    (void)state;
    unlink(tmp_path);
    return 0;
}

/* Writes root, loads it, expects CF_EINVAL with both fragments; frees root. */
static void expect_bad(json_t *root, const char *where, const char *message)
{
    assert_int_equal(json_dump_file(root, tmp_path, JSON_INDENT(1)), 0);
    json_decref(root);
    cf_cell *c = (cf_cell *)1;
    cf_bpx_info in;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_bpx_load(tmp_path, &c, &in, &err);
    if (rc != CF_EINVAL) fail_msg("loaded (rc %d); expected an error at %s", rc, where);
    assert_null(c);
    assert_null(in.experiments);
    if (!strstr(err.where, tmp_path)) fail_msg("where '%s' does not name the file", err.where);
    if (!strstr(err.where, where)) fail_msg("where '%s' lacks '%s' (message: %s)", err.where, where, err.message);
    if (!strstr(err.message, message)) fail_msg("message '%s' lacks '%s'", err.message, message);
}

#define KINDS DATA "kinds.bpx.json"
#define NEG "Parameterisation/Negative electrode"
#define POS "Parameterisation/Positive electrode"

static void test_missing_and_misnamed_keys(void **state)
{
    (void)state;
    json_t *r = read_json(KINDS);
    json_object_del(at(r, NEG), "Thickness [m]");
    expect_bad(r, NEG "/Thickness [m]", NEG "/Thickness [m] is required");

    r = read_json(KINDS);
    rename_key(r, NEG, "Thickness [m]", "Thickness [cm]");
    expect_bad(r, NEG "/Thickness [cm]", "BPX gives this value in [m] as 'Thickness [m]'");

    r = read_json(KINDS);
    rename_key(r, NEG, "Thickness [m]", "Thickness");
    expect_bad(r, NEG "/Thickness", "needs its unit in the key: BPX names it 'Thickness [m]'");

    r = read_json(KINDS);
    rename_key(r, NEG, "Porosity", "Porosty");
    expect_bad(r, NEG "/Porosty", "did you mean 'Porosity'?");

    r = read_json(KINDS);
    rename_key(r, "Parameterisation/Cell", "Nominal cell capacity [A.h]", "Nominal cell capacity [mA.h]");
    expect_bad(r, "Cell/Nominal cell capacity [mA.h]", "'Nominal cell capacity [A.h]'");

    r = read_json(KINDS);
    json_object_del(at(r, "Parameterisation"), "Separator");
    expect_bad(r, "Parameterisation/Separator", "Parameterisation/Separator is required");

    r = read_json(KINDS);
    json_object_del(at(r, "Header"), "Model");
    expect_bad(r, "Header/Model", "is required");

    r = read_json(KINDS);
    json_object_del(at(r, POS), "OCP [V]");
    expect_bad(r, POS "/OCP [V]", "is required");

    /* BPX 0.x places in a 1.x file say where the value went. */
    r = read_json(KINDS);
    put(r, "Parameterisation/Cell", "Initial temperature [K]", json_real(298.15));
    expect_bad(r, "Cell/Initial temperature [K]", "moved it to State/Initial conditions");
    r = read_json(KINDS);
    put(r, "Parameterisation/Electrolyte", "Initial concentration [mol.m-3]", json_real(1000));
    expect_bad(r, "Electrolyte/Initial concentration [mol.m-3]", "Initial electrolyte concentration [mol.m-3]");
}

static void test_bad_values(void **state)
{
    (void)state;
    json_t *r = read_json(KINDS);
    put(r, NEG, "Thickness [m]", json_string("85e-6"));
    expect_bad(r, NEG "/Thickness [m]", "must be a number");

    r = read_json(KINDS);
    put(r, NEG, "Porosity", json_real(1.2));
    expect_bad(r, NEG "/Porosity", "outside the allowed range (0, 1)");

    r = read_json(KINDS);
    put(r, "State/Initial conditions", "Initial state-of-charge", json_real(1.5));
    expect_bad(r, "State/Initial conditions/Initial state-of-charge", "outside the allowed range [0, 1]");

    r = read_json(KINDS);
    put(r, NEG, "Maximum stoichiometry", json_real(0.01));
    expect_bad(r, NEG "/Maximum stoichiometry", "outside the allowed range [0.03, 1]");

    r = read_json(KINDS);
    put(r, NEG, "Transport efficiency", json_real(1.5));
    expect_bad(r, NEG "/Transport efficiency", "outside the allowed range (0, 1]");

    r = read_json(KINDS);
    put(r, "Parameterisation/Cell", "Number of electrode pairs connected in parallel to make a cell", json_real(2.5));
    expect_bad(r, "Number of electrode pairs", "must be a whole number");

    /* Tables. */
    r = read_json(KINDS);
    json_array_set_new(at(r, NEG "/OCP [V]/x"), 1, json_real(0.5));
    expect_bad(r, NEG "/OCP [V]", "x = 0.5 appears twice");
    r = read_json(KINDS);
    json_array_append_new(at(r, NEG "/OCP [V]/x"), json_real(0.95));
    expect_bad(r, NEG "/OCP [V]", "x has 8 points but y has 7");
    r = read_json(KINDS);
    put(r, POS, "Diffusivity [m2.s-1]", json_pack("{s:[f,f],s:[f,f]}", "x", 0.0, 1.0, "y", 1e-14, -1e-14));
    expect_bad(r, POS "/Diffusivity [m2.s-1]", "must be > 0 everywhere");
    r = read_json(KINDS);
    put(r, NEG, "OCP [V]", json_pack("{s:[f,f],s:[f,f],s:i}", "x", 0.0, 1.0, "y", 1.0, 0.1, "z", 1));
    expect_bad(r, NEG "/OCP [V]/z", "unknown key 'z'");
    r = read_json(KINDS);
    put(r, NEG, "OCP [V]", json_true());
    expect_bad(r, NEG "/OCP [V]", "must be a number, an expression string in x or a table");

    /* Expressions: the column inside the string. */
    r = read_json(KINDS);
    put(r, POS, "OCP [V]", json_string("4.2 - 0.5 * tnh(x)"));
    expect_bad(r, POS "/OCP [V]: column 13", "unknown function 'tnh' (did you mean 'tanh'?)");
    r = read_json(KINDS);
    put(r, "Parameterisation/Electrolyte", "Conductivity [S.m-1]", json_string("1 + (x / 1000"));
    expect_bad(r, "Electrolyte/Conductivity [S.m-1]: column 14", "'(' opened at column 5 is not closed");
    char deep[300] = "";
    for (int i = 0; i < 80; i++) strcat(deep, "(");
    strcat(deep, "x");
    for (int i = 0; i < 80; i++) strcat(deep, ")");
    r = read_json(KINDS);
    put(r, POS, "OCP [V]", json_string(deep));
    expect_bad(r, POS "/OCP [V]: column 65", "nested deeper than 64 levels");

    /* Header and structure. */
    r = read_json(KINDS);
    put(r, "Header", "BPX", json_string("2.0.0"));
    expect_bad(r, "Header/BPX", "newer than this reader");
    r = read_json(KINDS);
    put(r, "Header", "BPX", json_string("one"));
    expect_bad(r, "Header/BPX", "is not a BPX version");
    r = read_json(KINDS);
    put(r, "Header", "Model", json_string("Partial"));
    expect_bad(r, "Header/Model", "\"Partial\" parameterisation");
    r = read_json(KINDS);
    put(r, "Header", "Model", json_string("P2D"));
    expect_bad(r, "Header/Model", "must be \"SPM\", \"SPMe\" or \"DFN\"");
    r = read_json(KINDS);
    put(r, "", "Extra", json_object());
    expect_bad(r, "Extra", "unknown key 'Extra'");
    r = read_json(KINDS);
    put(r, NEG, "Particle", json_object());
    expect_bad(r, NEG "/Minimum stoichiometry", "given beside 'Particle'");

    /* A 0.x file may not have a State. */
    r = read_json(KINDS);
    put(r, "Header", "BPX", json_real(0.4));
    expect_bad(r, "State", "a BPX 0.x file has no State section");

    /* Validation series. */
    r = read_json(KINDS);
    json_array_append_new(at(r, "Validation/Rest/Voltage [V]"), json_real(3.7));
    expect_bad(r, "Validation/Rest/Voltage [V]", "has 4 values but Time [s] has 3");
    r = read_json(KINDS);
    json_array_set_new(at(r, "Validation/Rest/Time [s]"), 2, json_real(5));
    expect_bad(r, "Validation/Rest/Time [s]", "must increase");
}

static void test_too_many_particles(void **state)
{
    (void)state;
    json_t *r = read_json(DATA "blend.bpx.json");
    json_t *ps = at(r, POS "/Particle"), *large = json_object_get(ps, "Large");
    for (int i = 0; i < 3; i++) {
        char name[16];
        snprintf(name, sizeof name, "Extra %d", i);
        json_object_set_new(ps, name, json_deep_copy(large));
    }
    expect_bad(r, POS "/Particle", "lists 5 materials; cellforge blends 1 to 4");
}

/* ---- degradation ---- */

static double lithium(const cf_cell *c)
{
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    double li = 0;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            li += es[s]->phase[i].active_fraction * es[s]->thickness_m * es[s]->phase[i].c_init;
    return li;
}

static cf_cell *load_json(json_t *r, cf_bpx_info *in)
{
    assert_int_equal(json_dump_file(r, tmp_path, 0), 0);
    json_decref(r);
    cf_cell *c = NULL;
    cf_error err;
    cf_error_clear(&err);
    if (cf_bpx_load(tmp_path, &c, in, &err)) fail_msg("%s: %s", err.where, err.message);
    return c;
}

static void test_degradation(void **state)
{
    (void)state;
    json_t *r = read_json(DATA "chen2020_pybamm.bpx.json");
    put(r, "State/Initial conditions", "Initial state-of-charge", json_real(1.0));
    cf_cell *fresh = load_json(json_deep_copy(r), NULL);
    put(r, "State", "Degradation",
        json_pack("{s:f,s:f,s:f}", "LLI", 0.1, "LAM: Negative electrode", 0.05, "LAM: Positive electrode", 0.02));
    cf_bpx_info in;
    cf_cell *aged = load_json(r, &in);
    near("LLI", in.lli, 0.1, 0);
    near("neg LAM", aged->neg.phase[0].active_fraction, fresh->neg.phase[0].active_fraction * 0.95, 1e-15);
    near("pos LAM", aged->pos.phase[0].active_fraction, fresh->pos.phase[0].active_fraction * 0.98, 1e-15);
    /* Lithium: what the remaining material held, less 10 % of the fresh cell's. */
    double lam_li = 0.95 * fresh->neg.phase[0].active_fraction * fresh->neg.thickness_m * fresh->neg.phase[0].c_init +
                    0.98 * fresh->pos.phase[0].active_fraction * fresh->pos.thickness_m * fresh->pos.phase[0].c_init;
    near("aged lithium", lithium(aged), lam_li - 0.1 * lithium(fresh), 1e-9);
    /* SOC 1 of the aged cell is its open circuit at the upper cut-off. */
    double T = aged->T_K;
    double ocv = cf_fn_eval(&aged->pos.phase[0].ocp, aged->pos.phase[0].c_init / aged->pos.phase[0].c_max, T, NULL) -
                 cf_fn_eval(&aged->neg.phase[0].ocp, aged->neg.phase[0].c_init / aged->neg.phase[0].c_max, T, NULL);
    near("aged OCV at SOC 1", ocv, aged->v_max, 1e-9);
    assert_true(has_note(&in, "degradation applied"));
    /* Lost lithium shows: the aged cell gives less charge at C/10. */
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    double q[2];
    cf_cell *cells[2] = {fresh, aged};
    for (int k = 0; k < 2; k++) {
        cf_plan *p;
        cf_solution *s;
        assert_int_equal(cf_plan_new(cells[k], &opt, &p, NULL), CF_OK);
        assert_int_equal(cf_simulate_crate(p, 0.1, &s, NULL), CF_OK);
        q[k] = s->capacity_Ah[s->n - 1];
        cf_solution_free(s);
        cf_plan_free(p);
    }
    assert_true(q[1] < 0.95 * q[0]);
    cf_bpx_info_clear(&in);
    cf_cell_free(fresh);
    cf_cell_free(aged);

    /* Per material on a blend; an unknown material is an error. */
    r = read_json(DATA "blend.bpx.json");
    put(r, "State", "Degradation",
        json_pack("{s:f,s:f,s:{s:f,s:f}}", "LLI", 0.0, "LAM: Negative electrode", 0.0, "LAM: Positive electrode",
                  "Large", 0.1, "Small", 0.3));
    cf_cell *b = load_json(r, NULL);
    near("large LAM", b->pos.phase[0].active_fraction, 166250 * 8e-6 / 3 * 0.9, 1e-14);
    near("small LAM", b->pos.phase[1].active_fraction, 332500 * 2e-6 / 3 * 0.7, 1e-14);
    cf_cell_free(b);
    r = read_json(DATA "blend.bpx.json");
    put(r, "State", "Degradation",
        json_pack("{s:f,s:f,s:{s:f,s:f,s:f}}", "LLI", 0.0, "LAM: Negative electrode", 0.0, "LAM: Positive electrode",
                  "Large", 0.1, "Small", 0.3, "Medium", 0.2));
    expect_bad(r, "LAM: Positive electrode/Medium", "not a Particle material");
    r = read_json(DATA "blend.bpx.json");
    put(r, "State", "Degradation",
        json_pack("{s:f,s:{s:f},s:f}", "LLI", 0.0, "LAM: Negative electrode", "Graphite", 0.1,
                  "LAM: Positive electrode", 0.0));
    expect_bad(r, "LAM: Negative electrode", "must be a number");
    r = read_json(DATA "blend.bpx.json");
    put(r, "State", "Degradation",
        json_pack("{s:f,s:f,s:f}", "LLI", 1.0, "LAM: Negative electrode", 0.0, "LAM: Positive electrode", 0.0));
    expect_bad(r, "State/Degradation/LLI", "outside the allowed range [0, 1)");
}

/* Files that are not BPX fail cleanly through the generic loader too. */
static void test_generic_loader(void **state)
{
    (void)state;
    cf_cell *c = NULL;
    cf_error err;
    cf_error_clear(&err);
    assert_int_equal(cf_cell_load(KINDS, &c, &err), CF_OK);
    assert_string_equal(c->name, "kinds.bpx");
    cf_cell_free(c);
    assert_true(cf_bpx_is_bpx_file(KINDS));
    assert_false(cf_bpx_is_bpx_file(CF_SOURCE_DIR "/examples/chen2020_cell.json"));
    assert_false(cf_bpx_is_bpx_file(DATA "no-such-file.json"));
    assert_int_equal(cf_bpx_load(CF_SOURCE_DIR "/examples/chen2020_cell.json", &c, NULL, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "not a BPX file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_kinds),
        cmocka_unit_test(test_blended_particles),
        cmocka_unit_test(test_v0_conversion),
        cmocka_unit_test(test_spm_file),
        cmocka_unit_test_setup_teardown(test_missing_and_misnamed_keys, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_bad_values, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_too_many_particles, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_degradation, make_tmp, remove_tmp),
        cmocka_unit_test(test_generic_loader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
