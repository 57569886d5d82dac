/* test_celltest_cycle.c — cycling without an ageing model: after the first
 * cycle (which starts from an empty cell) every cycle starts from the same
 * state, so capacity retention and Coulombic efficiency stay at 1 within
 * 0.1 %; energy efficiency is below 1 in every cycle (the overpotentials
 * dissipate energy). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_celltest.h"

static void test_dfn_cycles_without_ageing(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options mo;
    cf_model_options_default(&mo);
    mo.kind = CF_MODEL_DFN;
    mo.n_neg = mo.n_sep = mo.n_pos = mo.nr_neg = mo.nr_pos = 10;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &mo, &plan, &err), 0);
    cf_cycle_options o;
    cf_test_cycle_options_default(&o);
    o.cycles = 4;
    cf_cycle_result *r;
    int rc = cf_test_cycle(plan, &o, &r, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal((int)r->n, 4);
    assert_false(r->stopped_early);
    assert_non_null(strstr(r->protocol, "repeat 4 {"));
    assert_non_null(strstr(r->protocol, "Hold at 4.2 V until 0.05 C"));
    /* Cycle 1 charges from empty; its 1C discharge stops before empty again. */
    assert_true(r->points[0].coulombic_efficiency < 1.0);
    assert_true(r->points[0].charge_Ah > 0.95 * cell->nominal_capacity_Ah);
    for (size_t i = 0; i < r->n; i++) {
        const cf_cycle_point *p = &r->points[i];
        assert_int_equal(p->cycle, (int)i + 1);
        assert_true(p->energy_efficiency < 1.0 && p->energy_efficiency > 0.5);
        assert_true(p->discharge_Wh < p->charge_Wh);
        if (i == 0) {
            assert_true(fabs(p->retention - 1) < 1e-12);
            continue;
        }
        if (fabs(p->retention - 1) > 1e-3 || fabs(p->coulombic_efficiency - 1) > 1e-3)
            print_error("cycle %d: retention %.6f, CE %.6f\n", p->cycle, p->retention, p->coulombic_efficiency);
        assert_true(fabs(p->retention - 1) < 1e-3);
        assert_true(fabs(p->coulombic_efficiency - 1) < 1e-3);
    }
    cf_test_cycle_result_free(r);

    /* Options out of range name the option and the range. */
    cf_test_cycle_options_default(&o);
    o.cycles = 0;
    assert_int_equal(cf_test_cycle(plan, &o, &r, &err), CF_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "cycles = 0"));
    assert_non_null(strstr(err.message, "[1, 100000]"));
    cf_test_cycle_options_default(&o);
    o.cv_cutoff_crate = 1.0; /* above the 0.5 C charge */
    assert_int_equal(cf_test_cycle(plan, &o, &r, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "cv_cutoff_crate"));
    cf_plan_free(plan);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfn_cycles_without_ageing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
