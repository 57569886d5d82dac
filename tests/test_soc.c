/* test_soc.c — initial state from a state of charge: the open-circuit
 * voltage sits exactly at the cut-offs at 0 % and 100 %, rises with SOC, and
 * the cyclable lithium of the cell is kept. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"

static double ocv_and_lithium(cf_plan *plan, double soc, double *li)
{
    cf_error err;
    assert_int_equal(cf_sim_reset_soc(plan, soc, &err), 0);
    cf_state_summary s;
    cf_sim_state(plan, &s);
    *li = s.li_solid_neg_mol + s.li_solid_pos_mol;
    return s.voltage_V; /* at rest the initial state's V is the OCV */
}

static void test_soc_limits(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, NULL, &plan, &err), 0);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    cf_state_summary s0;
    cf_sim_state(plan, &s0);
    double li0 = s0.li_solid_neg_mol + s0.li_solid_pos_mol, li;
    double v0 = ocv_and_lithium(plan, 0.0, &li);
    assert_true(fabs(v0 - cell->v_min) < 1e-9);
    assert_true(fabs(li / li0 - 1) < 1e-12);
    double v1 = ocv_and_lithium(plan, 1.0, &li);
    assert_true(fabs(v1 - cell->v_max) < 1e-9);
    assert_true(fabs(li / li0 - 1) < 1e-12);
    double prev = v0;
    for (int k = 1; k <= 9; k++) {
        double v = ocv_and_lithium(plan, k / 10.0, &li);
        assert_true(v > prev);
        prev = v;
    }
    assert_int_equal(cf_sim_reset_soc(plan, 1.2, &err), CF_EINVAL);
    assert_int_equal(cf_sim_reset_soc(plan, NAN, &err), CF_EINVAL);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_soc_limits)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
