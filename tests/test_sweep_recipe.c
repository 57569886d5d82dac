#define _POSIX_C_SOURCE 200809L
/* test_sweep_recipe.c — recipe sweeps that simulate: each variant's design
 * and its simulation in one row.  Physics: the simulated C/10 capacity of a
 * graphite | NMC811 recipe is near its design capacity; with a fixed loading
 * a more porous negative holds more electrolyte (lower Wh/kg), is thicker
 * (lower Wh/L), keeps N/P, and at 2C (DFN) gives more capacity.  A row
 * equals the recipe converted and simulated by hand from SOC 1 (the default
 * for an as-assembled cell).  1 and 2 threads, reused and fresh workers give
 * the same bytes; the spec's new keys change the fingerprint. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_sweep.h"
#include "support/sweep_run.h"

/* The commercial-like graphite | NMC811 pouch of examples/ with the negative
 * given by porosity (so that porosity can be swept at a fixed loading), no
 * outer cell size (Wh/L over the stack) and the electrolyte filling the pore
 * volume (so that porosity moves the mass).  %s: the negative's porosity. */
static const char *RECIPE =
    "{\"name\": \"graphite | NMC811 test pouch\","
    " \"format\": {\"type\": \"pouch\", \"electrode_width_mm\": 100, \"electrode_height_mm\": 200, \"layers\": 20,"
    "  \"case_mass_g\": 15},"
    " \"negative\": {\"collector\": {\"material\": \"copper\", \"thickness_um\": 8}, \"sides\": 2,"
    "  \"coating_g_m2\": 125, \"porosity\": %s,"
    "  \"components\": [{\"material\": \"graphite\", \"mass_fraction\": 0.96, \"dv50_um\": 15},"
    "   {\"material\": \"carbon_black\", \"mass_fraction\": 0.01}, {\"material\": \"cmc\", \"mass_fraction\": 0.015},"
    "   {\"material\": \"sbr\", \"mass_fraction\": 0.015}]},"
    " \"positive\": {\"collector\": {\"material\": \"aluminium\", \"thickness_um\": 12}, \"sides\": 2,"
    "  \"coating_g_m2\": 200, \"density_g_cm3\": 3.4,"
    "  \"components\": [{\"material\": \"%s\", \"mass_fraction\": 0.96, \"dv50_um\": 10},"
    "   {\"material\": \"carbon_black\", \"mass_fraction\": 0.02}, {\"material\": \"pvdf\", \"mass_fraction\": 0.02}]},"
    " \"separator\": {\"material\": \"pe\", \"thickness_um\": 12, \"porosity\": 0.40},"
    " \"electrolyte\": {\"type\": \"liquid\", \"salt\": \"LiPF6\", \"concentration_mol_L\": 1.0}}";

static char recipe_path[64];
static char bad_path[64];

static void write_recipe(char *path, const char *porosity, const char *positive)
{
    strcpy(path, "/tmp/cf_sweep_recipeXXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, RECIPE, porosity, positive);
    assert_int_equal(fclose(f), 0);
}

/* A recipe the simulator cannot take: lithium metal beside graphite in the
 * negative (the design and the cell refuse it; parsing accepts it). */
static void write_unsimulatable(char *path)
{
    char text[4096];
    snprintf(text, sizeof text, RECIPE, "0.27", "nmc811");
    static const char from[] = "\"components\": [{\"material\": \"graphite\", \"mass_fraction\": 0.96";
    static const char to[] = "\"components\": [{\"material\": \"lithium\", \"mass_fraction\": 0.05}, "
                             "{\"material\": \"graphite\", \"mass_fraction\": 0.91";
    char *at = strstr(text, from);
    assert_non_null(at);
    char out[4200];
    snprintf(out, sizeof out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    strcpy(path, "/tmp/cf_sweep_recipeXXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(out, f);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    (void)state;
    write_recipe(recipe_path, "0.27", "nmc811");
    write_unsimulatable(bad_path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove(recipe_path);
    remove(bad_path);
    return 0;
}

/* A spec around the test recipe: %s is replaced by the path. */
static cf_sweep *parse_spec(const char *fmt, int *rc_out, cf_error *err)
{
    char text[2048];
    snprintf(text, sizeof text, fmt, recipe_path);
    cf_sweep *s = NULL;
    cf_error_clear(err);
    *rc_out = cf_sweep_parse(text, "spec", NULL, &s, err);
    return s;
}

static cf_sweep *parse_ok(const char *fmt)
{
    cf_error err;
    int rc;
    cf_sweep *s = parse_spec(fmt, &rc, &err);
    if (rc) fprintf(stderr, "unexpected error: %s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    return s;
}


static void assert_no_error(const char *row)
{
    if (row[strlen(row) - 1] != ',') fprintf(stderr, "failed run: %s\n", row);
    assert_int_equal(row[strlen(row) - 1], ',');
}

/* Columns: run, porosity, capacity, design capacity, Wh/kg, Wh/L, N/P,
 * min V, duration. */
static const char *SPEC_C10 = "{\"recipe\": \"%s\", \"model\": \"spm\", \"mesh\": 10, \"crate\": 0.1,"
                              "\"vary\": {\"negative.porosity\": [0.25, 0.3, 0.35, 0.45]},"
                              "\"outputs\": [\"capacity_Ah\", \"design_capacity_Ah\", \"wh_per_kg\", \"wh_per_L\","
                              " \"np_ratio\", \"min_voltage_V\", \"duration_s\"]}";

static void test_design_and_simulation(void **state)
{
    (void)state;
    cf_sweep *s = parse_ok(SPEC_C10);
    assert_string_equal(cf_sweep_csv_header(s), "run,negative.porosity,capacity_Ah,design_capacity_Ah,wh_per_kg,"
                                                "wh_per_L,np_ratio,min_voltage_V,duration_s,error");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 1);
    double np0 = cf_test_sweep_value(r, 0, 6);
    cf_recipe *rec = NULL;
    cf_design d; /* the loading is fixed, so one design gives the cut-off of every row */
    assert_int_equal(cf_recipe_load(recipe_path, &rec, NULL), CF_OK);
    assert_int_equal(cf_design_compute(rec, &d, NULL), CF_OK);
    double v_min = d.v_min_V;
    cf_recipe_free(rec);
    for (size_t i = 0; i < 4; i++) {
        const char *row = cf_sweep_results_row(r, i);
        assert_no_error(row);
        double q = cf_test_csv_field(row, 2), q_design = cf_test_csv_field(row, 3), t = cf_test_csv_field(row, 8);
        /* A full discharge at C/10 from SOC 1 gives the design capacity: the
         * design is the same cell's lithium between the same cut-offs. */
        assert_true(fabs(q / q_design - 1) < 0.02);
        /* It ends at the lower cut-off the electrodes' windows give... */
        assert_true(fabs(cf_test_csv_field(row, 7) - v_min) < 1e-6);
        /* ...and at constant current Q = I t, with 1C = the design capacity. */
        assert_true(fabs(q / (0.1 * q_design * t / 3600) - 1) < 1e-6);
        /* The loading is fixed: N/P does not move with porosity. */
        assert_true(fabs(cf_test_csv_field(row, 6) / np0 - 1) < 1e-12);
        if (i == 0) continue;
        const char *prev = cf_sweep_results_row(r, i - 1);
        /* More pore volume holds more electrolyte (it fills the pores here)... */
        assert_true(cf_test_csv_field(row, 4) < cf_test_csv_field(prev, 4));
        /* ...and a coating of the same mass is thicker. */
        assert_true(cf_test_csv_field(row, 5) < cf_test_csv_field(prev, 5));
    }
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

/* At 2C the electrolyte limits the discharge (DFN): more porosity, more
 * capacity.  A dense negative runs the electrolyte dry: its voltage
 * collapses to the cut-off at depletion, well short of the others' capacity
 * (or, where a solver cannot follow the collapse, the row says why). */
static void test_rate_needs_porosity(void **state)
{
    (void)state;
    cf_sweep *s = parse_ok("{\"recipe\": \"%s\", \"model\": \"dfn\", \"mesh\": 6, \"crate\": 2,"
                           "\"vary\": {\"negative.porosity\": [0.15, 0.27, 0.35, 0.45]},"
                           "\"outputs\": [\"capacity_Ah\", \"wh_per_kg\"]}");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 2);
    const char *dense = cf_sweep_results_row(r, 0);
    if (isnan(cf_test_csv_field(dense, 2))) {
        assert_non_null(strstr(dense, "electrolyte is depleted"));
        /* a failed run: no figures */
        assert_true(isnan(cf_test_csv_field(dense, 2)) && isnan(cf_test_csv_field(dense, 3)));
    } else {
        assert_true(cf_test_sweep_value(r, 0, 2) < 0.95 * cf_test_sweep_value(r, 1, 2));
    }
    for (size_t i = 1; i < 4; i++) assert_no_error(cf_sweep_results_row(r, i));
    for (size_t i = 2; i < 4; i++)
        assert_true(cf_test_sweep_value(r, i, 2) > cf_test_sweep_value(r, i - 1, 2));
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

/* The row of a variant equals that variant's recipe converted and simulated
 * directly, from SOC 1 (the default for an as-assembled cell, as
 * `cellforge simulate` starts it); from the assembled state itself the cell
 * is empty. */
static void test_row_equals_direct(void **state)
{
    (void)state;
    cf_sweep *s = parse_ok("{\"recipe\": \"%s\", \"model\": \"spme\", \"mesh\": 8, \"crate\": 0.5,"
                           "\"vary\": {\"negative.porosity\": [0.33]}, \"outputs\": [\"capacity_Ah\"]}");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 1);
    double q_sweep = cf_test_sweep_value(r, 0, 2);
    char text[4096];
    snprintf(text, sizeof text, RECIPE, "0.33", "nmc811");
    cf_error err;
    cf_recipe *rec;
    cf_cell *c;
    assert_int_equal(cf_recipe_parse(text, "test", &rec, &err), 0);
    assert_int_equal(cf_recipe_to_cell(rec, &c, &err), 0);
    assert_int_equal(c->assembled_discharged, 1);
    cf_model_options o;
    cf_model_options_default(&o);
    o.kind = CF_MODEL_SPME;
    o.n_neg = o.n_sep = o.n_pos = o.nr_neg = o.nr_pos = 8;
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &o, &p, &err), 0);
    cf_solution *sol = NULL;
    assert_int_equal(cf_sim_reset_soc(p, 1.0, &err), 0);
    assert_int_equal(cf_sim_run_crate(p, 0.5, &sol, &err), 0);
    double q = sol->capacity_Ah[sol->n - 1];
    assert_true(fabs(q_sweep / q - 1) < 1e-9); /* the row keeps 10 digits */
    cf_solution_free(sol);
    sol = NULL;
    /* As assembled the cell is discharged: little or nothing to give. */
    assert_int_equal(cf_sim_reset(p, &err), 0);
    if (cf_sim_run_crate(p, 0.5, &sol, &err) == CF_OK) assert_true(sol->capacity_Ah[sol->n - 1] < 0.05 * q);
    cf_solution_free(sol);
    cf_plan_free(p);
    cf_cell_free(c);
    cf_recipe_free(rec);
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

/* Design figures, claim statuses and simulations, with the cell reused
 * while only the C-rate changes: the same bytes on 1 and 2 threads, and a
 * worker that ran other variants first gives the row of a fresh one. */
static const char *SPEC_MIX = "{\"recipe\": \"%s\", \"model\": \"dfn\", \"mesh\": 5,"
                              "\"vary\": {\"negative.porosity\": [0.27, 0.4], \"crate\": [0.5, 1, 3]},"
                              "\"outputs\": [\"capacity_Ah\", \"energy_Wh\", \"wh_per_kg\", \"np_ratio\","
                              " \"claim_000_1\", \"design_energy_Wh\", \"duration_s\"]}";

static void test_threads_identical(void **state)
{
    (void)state;
    cf_sweep *s = parse_ok(SPEC_MIX);
    cf_sweep_results *one = cf_test_sweep_run_all(s, 1), *two = cf_test_sweep_run_all(s, 2);
    for (size_t i = 0; i < cf_sweep_run_count(s); i++) {
        assert_string_equal(cf_sweep_results_row(one, i), cf_sweep_results_row(two, i));
        const char *row = cf_sweep_results_row(one, i);
        if (row[strlen(row) - 1] == ',') {
            /* Claim statuses are words; the design energy is the design's. */
            assert_true(strstr(row, ",met,") || strstr(row, ",not_met,") || strstr(row, ",undetermined,"));
            assert_true(cf_test_csv_field(row, 8) > 90); /* 26.7 Ah x 3.69 V: about 98.6 Wh */
        }
    }
    /* The rate lowers the simulated energy, never the design's. */
    for (size_t g = 0; g < 2; g++) {
        const char *a = cf_sweep_results_row(one, 3 * g), *b = cf_sweep_results_row(one, 3 * g + 1);
        assert_no_error(a);
        assert_no_error(b);
        assert_true(cf_test_csv_field(a, 4) > cf_test_csv_field(b, 4));
        assert_true(cf_test_csv_field(a, 8) == cf_test_csv_field(b, 8));
    }
    cf_sweep_results_free(one);
    cf_sweep_results_free(two);
    cf_sweep_free(s);
}

static void test_reuse_equals_fresh(void **state)
{
    (void)state;
    cf_sweep *s = parse_ok(SPEC_MIX);
    const size_t order[] = {4, 0, 5, 1, 3, 2};
    cf_test_sweep_reuse_equals_fresh(s, order, 6);
    cf_sweep_free(s);
}

/* A charge-discharge protocol from the assembled (discharged) state: the
 * discharge gives back no more than the charge put in. */
static void test_protocol_from_assembled(void **state)
{
    (void)state;
    cf_sweep *s = parse_ok("{\"recipe\": \"%s\", \"model\": \"spm\", \"mesh\": 8,"
                           "\"protocol\": \"Charge at C/5 until 4.2 V; Discharge at C/5 until 2.5 V\","
                           "\"vary\": {\"negative.porosity\": [0.3]},"
                           "\"outputs\": [\"charge_Ah\", \"capacity_Ah\", \"design_capacity_Ah\"]}");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 1);
    const char *row = cf_sweep_results_row(r, 0);
    assert_no_error(row);
    double ch = cf_test_csv_field(row, 2), dis = cf_test_csv_field(row, 3), design = cf_test_csv_field(row, 4);
    assert_true(ch > 0.8 * design); /* it started empty: the charge fills it */
    assert_true(dis <= ch * (1 + 1e-6) && dis > 0.9 * ch);
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

static void parse_bad(const char *fmt, const char *where_part, const char *msg_part)
{
    cf_error err;
    int rc;
    cf_sweep *s = parse_spec(fmt, &rc, &err);
    if (rc != CF_EINVAL || !strstr(err.where, where_part) || !strstr(err.message, msg_part))
        fprintf(stderr, "for %s\n got %d %s: %s\n", fmt, rc, err.where, err.message);
    assert_int_equal(rc, CF_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.where, where_part));
    assert_non_null(strstr(err.message, msg_part));
}

static void test_spec(void **state)
{
    (void)state;
    /* Without simulation keys a recipe sweep stays design-only, with the
     * columns it always had. */
    cf_sweep *d = parse_ok("{\"recipe\": \"%s\"}");
    assert_string_equal(cf_sweep_csv_header(d), "run,capacity_Ah,energy_Wh,wh_per_kg,wh_per_L,error");
    /* Varying a condition turns the simulation on, as a key does. */
    cf_sweep *v = parse_ok("{\"recipe\": \"%s\", \"vary\": {\"crate\": [1]}}");
    assert_string_equal(cf_sweep_csv_header(v), "run,crate,capacity_Ah,energy_Wh,min_voltage_V,max_voltage_V,"
                                                "duration_s,design_capacity_Ah,wh_per_kg,wh_per_L,error");
    cf_sweep *c = parse_ok("{\"recipe\": \"%s\", \"crate\": 1}");
    assert_true(cf_sweep_fingerprint(c) != cf_sweep_fingerprint(d));
    /* "cell" naming a recipe file is the same simulating recipe sweep. */
    cf_sweep *as_cell = parse_ok("{\"cell\": \"%s\", \"crate\": 1, \"vary\": {\"negative.porosity\": [0.3]},"
                                 "\"outputs\": [\"capacity_Ah\", \"np_ratio\"]}");
    assert_string_equal(cf_sweep_csv_header(as_cell), "run,negative.porosity,capacity_Ah,np_ratio,error");
    cf_sweep_free(as_cell);
    /* A checkpoint of the design-only sweep is refused by the simulating one. */
    char path[] = "/tmp/cf_sweep_rckXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    remove(path);
    cf_error err;
    cf_sweep_results *r;
    cf_sweep_checkpoint *ck;
    assert_int_equal(cf_sweep_results_new(d, &r, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_open(path, d, r, &ck, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_append(ck, "0,30.72,112.7,301.2,685.1,", &err), 0);
    assert_int_equal(cf_sweep_checkpoint_close(ck, &err), 0);
    cf_sweep_results_free(r);
    assert_int_equal(cf_sweep_results_new(c, &r, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_open(path, c, r, &ck, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "different sweep"));
    cf_sweep_results_free(r);
    remove(path);
    cf_sweep_free(c);
    cf_sweep_free(v);
    cf_sweep_free(d);

    parse_bad("{\"recipe\": \"%s\", \"outputs\": [\"min_voltage_V\"]}", "outputs", "comes from a simulation");
    parse_bad("{\"recipe\": \"%s\", \"model\": \"spm\", \"outputs\": [\"capacity_Ahh\"]}", "outputs",
              "did you mean 'capacity_Ah'");
    parse_bad("{\"recipe\": \"%s\", \"model\": \"spm\", \"mesh\": 1}", "mesh", "[2, 500]");
    parse_bad("{\"recipe\": \"%s\", \"soc\": 1.5}", "soc", "[0, 1]");
    parse_bad("{\"recipe\": \"%s\", \"protocol\": \"Discharge at 1C until 2.5 V\", \"vary\": {\"crate\": [1]}}", "vary.crate",
              "protocol");
    parse_bad("{\"cell\": \"chen2020\", \"outputs\": [\"design_capacity_Ah\"]}", "outputs", "recipe");
    /* A recipe the simulator cannot take is a spec error, not a failure per row. */
    char text[256];
    snprintf(text, sizeof text, "{\"recipe\": \"%s\", \"crate\": 1}", bad_path);
    cf_sweep *s = NULL;
    assert_int_equal(cf_sweep_parse(text, "spec", NULL, &s, &err), CF_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "cannot be simulated"));
    assert_non_null(strstr(err.message, "lithium-metal negative cannot hold other active materials"));
    assert_null(strstr(err.message, "does not offer yet"));
    /* ...while a design-only spec, which builds no cell, parses. */
    snprintf(text, sizeof text, "{\"recipe\": \"%s\"}", bad_path);
    assert_int_equal(cf_sweep_parse(text, "spec", NULL, &s, &err), 0);
    cf_sweep_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_and_simulation), cmocka_unit_test(test_rate_needs_porosity),
        cmocka_unit_test(test_row_equals_direct),     cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_reuse_equals_fresh),    cmocka_unit_test(test_protocol_from_assembled),
        cmocka_unit_test(test_spec),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
