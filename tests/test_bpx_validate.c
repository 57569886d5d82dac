/* test_bpx_validate.c — running a BPX file's Validation experiments
 * (cf_bpx_run_experiment, what `cellforge validate` prints).
 *
 * tests/data/bpx/chen2020_pybamm.bpx.json holds the chen2020 cell as BPX and,
 * as measured data, PyBaMM's own DFN 1C and 2C discharges of that cell
 * (tests/data/pybamm/dfn_*.csv) with BPX's current sign.  cellforge matches
 * PyBaMM to ~0.02 mV on this case when run directly, so the same agreement
 * through the file shows that the cell, its initial state, the kinetics
 * mapping, the current sign and the time axis all survive BPX. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "cellforge/cf_bpx.h"
#include "cellforge/cf_model.h"

#define FILE_PYBAMM CF_TEST_DATA_DIR "/bpx/chen2020_pybamm.bpx.json"

static void test_pybamm_runs_through_bpx(void **state)
{
    (void)state;
    cf_cell *c;
    cf_bpx_info in;
    cf_error err;
    cf_error_clear(&err);
    assert_int_equal(cf_bpx_load(FILE_PYBAMM, &c, &in, &err), CF_OK);
    assert_int_equal(in.n_experiments, 2);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.discretisation = CF_DISC_FV; /* PyBaMM's finite volumes: the data is PyBaMM's, same mesh */
    opt.kind = in.model;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(c, &opt, &plan, &err), CF_OK);
    for (size_t i = 0; i < in.n_experiments; i++) {
        cf_bpx_comparison cmp;
        if (cf_bpx_run_experiment(plan, &in.experiments[i], &cmp, &err))
            fail_msg("%s: %s: %s", in.experiments[i].name, err.where, err.message);
        print_message("%s: %zu points, RMS %.4f mV, max %.4f mV\n", in.experiments[i].name, cmp.compared,
                      1e3 * cmp.rms_V, 1e3 * cmp.max_V);
        /* A reference that ends at the cut-off (PyBaMM's 2C run: its last
         * point is 2.5 V exactly) ends where ours reaches it too; whether
         * ours gets there just before or just after that last sample is
         * decided by a fraction of a microvolt (75 us at 4.6 mV/s), so that
         * one point may be left out, and the run stops by the cut-off. */
        const cf_bpx_experiment *e = &in.experiments[i];
        int ends_at_cutoff = fabs(e->voltage_V[e->n - 1] - c->v_min) < 1e-6;
        if (ends_at_cutoff && cmp.compared + 1 == e->n)
            assert_true(cmp.stopped_early && cmp.t_end_s > e->time_s[e->n - 2] - e->time_s[0]);
        else {
            assert_int_equal(cmp.compared, e->n);
            assert_false(cmp.stopped_early);
        }
        assert_true(cmp.rms_V < 0.1e-3); /* the direct comparison gives ~0.02 mV */
        assert_true(cmp.max_V < 1e-3);
    }
    cf_plan_free(plan);
    cf_bpx_info_clear(&in);
    cf_cell_free(c);
}

/* The sign convention matters: the same data read as a charge (the BPX
 * current taken with cellforge's sign) cannot match, and from a nearly full
 * cell it reaches the upper cut-off at once. */
static void test_current_sign(void **state)
{
    (void)state;
    cf_cell *c;
    cf_bpx_info in;
    assert_int_equal(cf_bpx_load(FILE_PYBAMM, &c, &in, NULL), CF_OK);
    cf_bpx_experiment *e = &in.experiments[0];
    for (size_t i = 0; i < e->n; i++) e->current_A[i] = -e->current_A[i];
    cf_model_options opt;
    cf_model_options_default(&opt);
    cf_plan *plan;
    assert_int_equal(cf_plan_new(c, &opt, &plan, NULL), CF_OK);
    cf_bpx_comparison cmp;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_bpx_run_experiment(plan, e, &cmp, &err);
    assert_true(rc != CF_OK || cmp.stopped_early || cmp.rms_V > 0.1);
    /* And the drive cycle of the original data discharges (positive current). */
    cf_drive_cycle *dc;
    for (size_t i = 0; i < e->n; i++) e->current_A[i] = -e->current_A[i];
    assert_int_equal(cf_bpx_validation_drive(e, &dc, NULL), CF_OK);
    assert_true(cf_drive_cycle_eval(dc, 100.0) == 5.0);
    cf_drive_cycle_free(dc);
    cf_plan_free(plan);
    cf_bpx_info_clear(&in);
    cf_cell_free(c);
}

/* A measured series longer than the cell can follow stops at the cut-off:
 * the comparison covers what was simulated and says so. */
static void test_run_past_cutoff(void **state)
{
    (void)state;
    cf_cell *c;
    cf_bpx_info in;
    assert_int_equal(cf_bpx_load(FILE_PYBAMM, &c, &in, NULL), CF_OK);
    c->v_min = 3.2; /* the discharge now ends well before the data does */
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(c, &opt, &plan, NULL), CF_OK);
    cf_bpx_comparison cmp;
    cf_error err;
    cf_error_clear(&err);
    assert_int_equal(cf_bpx_run_experiment(plan, &in.experiments[0], &cmp, &err), CF_OK);
    assert_true(cmp.stopped_early);
    assert_true(cmp.compared > 10 && cmp.compared < in.experiments[0].n);
    assert_true(cmp.note[0] != '\0');
    assert_true(cmp.t_end_s < 3600);
    cf_plan_free(plan);
    cf_bpx_info_clear(&in);
    cf_cell_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pybamm_runs_through_bpx),
        cmocka_unit_test(test_current_sign),
        cmocka_unit_test(test_run_past_cutoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
