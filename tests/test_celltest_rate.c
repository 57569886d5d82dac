/* test_celltest_rate.c — rate capability: capacity falls monotonically with
 * C-rate, the lowest default rate (C/5) is within 2 % of a C/50 discharge,
 * and a slow SPM discharge delivers the thermodynamic capacity between the
 * cut-off OCVs (known from the lithium inventory). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_celltest.h"

static cf_plan *make_plan(cf_cell **cell, cf_model_kind kind)
{
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", cell, &err), 0);
    cf_model_options mo;
    cf_model_options_default(&mo);
    mo.kind = kind;
    mo.n_neg = mo.n_sep = mo.n_pos = mo.nr_neg = mo.nr_pos = 10;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(*cell, &mo, &plan, &err), 0);
    return plan;
}

static cf_rate_result *rate(cf_plan *plan, const double *crates, size_t n)
{
    cf_error err;
    cf_rate_options o;
    cf_test_rate_options_default(&o);
    if (crates) {
        o.crates = crates;
        o.n_crates = n;
    }
    cf_rate_result *r;
    int rc = cf_test_rate(plan, &o, &r, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    return r;
}

static void test_dfn_monotonic_and_reference(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, CF_MODEL_DFN);
    cf_rate_result *r = rate(plan, NULL, 0);
    const double slow[] = {0.02};
    cf_rate_result *ref = rate(plan, slow, 1);
    assert_int_equal((int)r->n, 6);
    double q50 = ref->points[0].capacity_Ah;
    assert_true(q50 > 0);
    const cf_rate_point *p = r->points;
    assert_true(fabs(p[0].crate - 0.2) < 1e-12);
    assert_true(p[0].capacity_Ah <= q50 * (1 + 1e-6));     /* slower never delivers less */
    assert_true(p[0].capacity_Ah > 0.98 * q50);             /* C/5 within 2 % of C/50 */
    assert_true(fabs(p[0].retention - 1) < 1e-12);
    for (size_t i = 0; i < r->n; i++) {
        assert_true(fabs(p[i].current_A - p[i].crate * cell->nominal_capacity_Ah) < 1e-12);
        if (i > 0) {
            assert_true(p[i].capacity_Ah < p[i - 1].capacity_Ah);
            assert_true(p[i].retention < p[i - 1].retention);
        }
        if (p[i].capacity_Ah > 0) {
            /* Energy is delivered between the cut-offs: the mean voltage lies between them. */
            assert_true(p[i].mean_voltage_V > cell->v_min && p[i].mean_voltage_V < cell->v_max);
            assert_true(fabs(p[i].duration_s - p[i].capacity_Ah * 3600 / p[i].current_A) < 1e-6 * p[i].duration_s);
        }
    }
    /* Over (nearly) the whole window the mean voltage falls with rate (more
     * polarisation); once the electrolyte runs dry (3C and 5C here) the
     * discharge ends early and its mean covers only the high-voltage start. */
    for (size_t i = 1; i < r->n && !p[i].limited && p[i].retention > 0.9; i++)
        assert_true(p[i].mean_voltage_V < p[i - 1].mean_voltage_V);
    /* ... and there the voltage collapses to the cut-off: no model limit */
    assert_true(p[4].crate == 3.0 && !p[4].limited && p[4].retention < 0.6);
    cf_test_rate_result_free(r);
    cf_test_rate_result_free(ref);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

/* Charge between the two open-circuit states at the cut-offs, from the
 * lithium moved out of the negative between SOC 1 and SOC 0. */
static double thermodynamic_capacity_Ah(cf_plan *plan)
{
    cf_error err;
    cf_state_summary full, empty;
    assert_int_equal(cf_sim_reset_soc(plan, 1.0, &err), 0);
    cf_sim_state(plan, &full);
    assert_int_equal(cf_sim_reset_soc(plan, 0.0, &err), 0);
    cf_sim_state(plan, &empty);
    return (full.li_solid_neg_mol - empty.li_solid_neg_mol) * CF_FARADAY / 3600.0;
}

static void test_spm_slow_rate_reaches_thermodynamic_capacity(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, CF_MODEL_SPM);
    double q_ocv = thermodynamic_capacity_Ah(plan);
    const double crates[] = {1.0, 0.02, 0.1};
    cf_rate_result *r = rate(plan, crates, 3);
    /* The reference is the lowest rate wherever it is in the list. */
    assert_true(fabs(r->points[1].retention - 1) < 1e-12);
    assert_true(r->points[0].retention < r->points[2].retention && r->points[2].retention < 1);
    /* At C/50 the overpotential ends the discharge only slightly before the
     * OCV reaches the cut-off: within 1.5 % below, never above. */
    double q = r->points[1].capacity_Ah;
    if (!(q <= q_ocv * 1.001 && q > 0.985 * q_ocv)) print_error("C/50 %.5f Ah, OCV %.5f Ah\n", q, q_ocv);
    assert_true(q <= q_ocv * 1.001 && q > 0.985 * q_ocv);
    cf_test_rate_result_free(r);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

static void test_bad_options(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, CF_MODEL_SPM);
    cf_error err;
    cf_rate_options o;
    cf_rate_result *r;
    cf_test_rate_options_default(&o);
    o.n_crates = 0;
    assert_int_equal(cf_test_rate(plan, &o, &r, &err), CF_EINVAL);
    assert_null(r);
    const double bad[] = {1.0, -2.0};
    o.crates = bad;
    o.n_crates = 2;
    assert_int_equal(cf_test_rate(plan, &o, &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "crates[1] = -2"));
    assert_non_null(strstr(err.message, "(0, 100]"));
    cf_test_rate_options_default(&o);
    o.initial_soc = 1.5;
    assert_int_equal(cf_test_rate(plan, &o, &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "initial_soc"));
    cf_plan_free(plan);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfn_monotonic_and_reference),
        cmocka_unit_test(test_spm_slow_rate_reaches_thermodynamic_capacity),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
