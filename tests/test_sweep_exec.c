#define _POSIX_C_SOURCE 200809L
/* test_sweep_exec.c — running sweeps: the same rows on 1 and 2 threads and
 * from a reused or a fresh plan; the physics of the varied quantities; the
 * JSON path edit equals the same change made to the cell directly; failed
 * runs keep their row; checkpoints survive a torn last line. */
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

static const char *SPEC_MIX = "{\"cell\": \"chen2020\", \"model\": \"spme\", \"mesh\": 8, \"vary\": {"
                              "\"negative.thickness_m\": [7e-5, 8.52e-5], \"temperature_C\": [10, 25],"
                              "\"crate\": [0.5, 1, 2]}, \"outputs\": [\"capacity_Ah\", \"energy_Wh\"]}";

static void test_threads_identical(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse(SPEC_MIX);
    cf_sweep_results *one = cf_test_sweep_run_all(s, 1), *two = cf_test_sweep_run_all(s, 2);
    for (size_t i = 0; i < cf_sweep_run_count(s); i++)
        assert_string_equal(cf_sweep_results_row(one, i), cf_sweep_results_row(two, i));
    cf_sweep_results_free(one);
    cf_sweep_results_free(two);
    cf_sweep_free(s);
}

/* A worker that did other runs first gives the same row as a fresh one. */
static void test_reuse_equals_fresh(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse(SPEC_MIX);
    const size_t order[] = {11, 0, 5, 6, 1, 3};
    cf_test_sweep_reuse_equals_fresh(s, order, 6);
    /* past the last run */
    cf_error err;
    cf_sweep_worker *w;
    assert_int_equal(cf_sweep_worker_new(s, &w, &err), 0);
    assert_int_equal(cf_sweep_worker_run(w, 12, &(char *){NULL}, &err), CF_EINVAL);
    cf_sweep_worker_free(w);
    cf_sweep_free(s);
}

static void test_physics(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse(SPEC_MIX);
    cf_sweep_results *r = cf_test_sweep_run_all(s, 2);
    /* Columns: run, thickness, T, crate, capacity, energy. */
    for (size_t g = 0; g < 4; g++) {
        double q05 = cf_test_sweep_value(r, 3 * g, 4), q1 = cf_test_sweep_value(r, 3 * g + 1, 4),
               q2 = cf_test_sweep_value(r, 3 * g + 2, 4);
        assert_true(q05 > q1 && q1 > q2); /* polarisation grows with the rate */
    }
    for (size_t c = 0; c < 3; c++) {
        /* Warmer: faster kinetics and diffusion, more capacity at the cut-off. */
        assert_true(cf_test_sweep_value(r, 3 + c, 4) > cf_test_sweep_value(r, c, 4));
        /* A thinner negative holds less lithium to give. */
        assert_true(cf_test_sweep_value(r, 6 + c, 4) > cf_test_sweep_value(r, c, 4));
    }
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

/* At C/20 the capacity from SOC s is close to s times the full capacity:
 * the SOC is defined between the cut-off voltages at open circuit. */
static void test_soc_scales_capacity(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"model\": \"spm\", \"mesh\": 10, \"crate\": 0.05,"
                                      "\"vary\": {\"soc\": [1, 0.5]}, \"outputs\": [\"capacity_Ah\", "
                                      "\"min_voltage_V\"]}");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 1);
    double q1 = cf_test_sweep_value(r, 0, 2), q05 = cf_test_sweep_value(r, 1, 2);
    assert_true(fabs(q05 / q1 - 0.5) < 0.02);
    assert_true(fabs(cf_test_sweep_value(r, 0, 3) - 2.5) < 1e-6); /* ends at the cut-off */
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

/* The dotted path edits the cell file; the same change made to the cf_cell
 * struct by hand must give the same capacity. */
static void test_path_equals_struct(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"model\": \"spme\", \"mesh\": 8, \"crate\": 1.5,"
                                      "\"vary\": {\"electrolyte.initial_concentration_mol_m3\": [1200]},"
                                      "\"outputs\": [\"capacity_Ah\"]}");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 1);
    double q_sweep = cf_test_sweep_value(r, 0, 2);
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), 0);
    c->electrolyte.c_init = 1200;
    cf_model_options o;
    cf_model_options_default(&o);
    o.kind = CF_MODEL_SPME;
    o.n_neg = o.n_sep = o.n_pos = o.nr_neg = o.nr_pos = 8;
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &o, &p, &err), 0);
    cf_solution *sol;
    assert_int_equal(cf_simulate_crate(p, 1.5, &sol, &err), 0);
    double q = sol->capacity_Ah[sol->n - 1];
    assert_true(fabs(q_sweep / q - 1) < 1e-9); /* the row keeps 10 digits */
    cf_solution_free(sol);
    cf_plan_free(p);
    cf_cell_free(c);
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

static void test_failed_run_kept(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"model\": \"spm\", \"mesh\": 6,"
                                      "\"vary\": {\"negative.porosity\": [0.2, 0.3, 0.24]}}");
    cf_sweep_results *r = cf_test_sweep_run_all(s, 2);
    const char *bad = cf_sweep_results_row(r, 1);
    assert_non_null(strstr(bad, "exceed 1")); /* porosity 0.3 + active 0.75 */
    assert_true(isnan(cf_test_csv_field(bad, 2)));
    assert_true(cf_test_sweep_value(r, 0, 2) > 4.5);
    assert_true(cf_test_sweep_value(r, 2, 2) > 4.5);
    const char *ok = cf_sweep_results_row(r, 2);
    assert_int_equal(ok[strlen(ok) - 1], ','); /* empty error column */
    cf_sweep_results_free(r);
    cf_sweep_free(s);
}

static void test_checkpoint_torn_line(void **state)
{
    (void)state;
    cf_sweep *s = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"model\": \"spm\", \"mesh\": 6, "
                                      "\"vary\": {\"crate\": [1, 2, 3]}}");
    char path[] = "/tmp/cf_sweep_ckXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    remove(path);
    cf_error err;
    cf_sweep_results *r;
    cf_sweep_checkpoint *ck;
    assert_int_equal(cf_sweep_results_new(s, &r, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_open(path, s, r, &ck, &err), 0);
    assert_int_equal(cf_sweep_results_count(r), 0);
    assert_int_equal(cf_sweep_checkpoint_append(ck, "2,3,1,2,3,4,5,", &err), 0);
    assert_int_equal(cf_sweep_checkpoint_append(ck, "0,1,1,2,3,4,5,", &err), 0);
    assert_int_equal(cf_sweep_checkpoint_close(ck, &err), 0);
    cf_sweep_results_free(r);
    FILE *f = fopen(path, "a");
    fputs("0badf00d 1,2,1,2", f); /* a kill in the middle of a line */
    fclose(f);
    assert_int_equal(cf_sweep_results_new(s, &r, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_open(path, s, r, &ck, &err), 0);
    assert_int_equal(cf_sweep_results_count(r), 2);
    assert_string_equal(cf_sweep_results_row(r, 2), "2,3,1,2,3,4,5,");
    assert_null(cf_sweep_results_row(r, 1));
    assert_int_equal(cf_sweep_checkpoint_append(ck, "1,2,1,2,3,4,5,", &err), 0);
    assert_int_equal(cf_sweep_checkpoint_close(ck, &err), 0);
    cf_sweep_results_free(r);
    /* The torn tail was cut, so the new line reads back whole. */
    assert_int_equal(cf_sweep_results_new(s, &r, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_open(path, s, r, &ck, &err), 0);
    assert_int_equal(cf_sweep_results_count(r), 3);
    assert_int_equal(cf_sweep_checkpoint_close(ck, &err), 0);
    cf_sweep_results_free(r);
    /* Another sweep refuses the file. */
    cf_sweep *other = cf_test_sweep_parse("{\"cell\": \"chen2020\", \"model\": \"spm\", \"mesh\": 6, "
                                          "\"vary\": {\"crate\": [1, 2]}}");
    assert_int_equal(cf_sweep_results_new(other, &r, &err), 0);
    assert_int_equal(cf_sweep_checkpoint_open(path, other, r, &ck, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "different sweep"));
    cf_sweep_results_free(r);
    cf_sweep_free(other);
    remove(path);
    cf_sweep_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_identical),  cmocka_unit_test(test_reuse_equals_fresh),
        cmocka_unit_test(test_physics),            cmocka_unit_test(test_soc_scales_capacity),
        cmocka_unit_test(test_path_equals_struct), cmocka_unit_test(test_failed_run_kept),
        cmocka_unit_test(test_checkpoint_torn_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
