/* test_plating.c — lithium plating on a porous negative (DFN):
 *  - analytic Jacobian of the plating terms against finite differences,
 *    also for a host above lithium holding a trace near zero;
 *  - charging a nearly full graphite electrode hard plates lithium, and
 *    lithium (particles + electrolyte + plated metal) is conserved to 1e-9;
 *  - with a vanishing plating exchange current nothing plates and the run
 *    equals the one without plating. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "support/jacobian_fd.h"

static cf_cell *plating_cell(double j0)
{
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), 0);
    c->neg.plating = j0 > 0;
    c->neg.plating_j0_A_m2 = j0;
    c->neg.plating_efficiency = 1.0;
    return c;
}

static void test_jacobian_fd(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell = plating_cell(1.0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = 4;
    opt.nr_neg = opt.nr_pos = 4;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp);
    memcpy(y, N_VGetArrayPointer(p->y), n * sizeof *y);
    /* some plated lithium and slightly negative overpotentials in the negative */
    for (int k = 0; k < p->n_neg; k++) {
        int ice = p->off[k] + p->side[0].ncs;
        y[ice + 3] = 0.5 + 0.1 * k;
        y[ice + 1] = 0.02 * (k - 1); /* phi_s - phi_e around 0 V vs Li */
    }
    y[p->iI] = -5.0;
    cf_segment_init(&p->seg, CF_CONTROL_CURRENT, -5.0);
    double worst = cf_test_jacobian_fd(p, 0.0, y, yp, 0.0);
    assert_true(worst < 1e-4);
    /* a host above lithium (past the stripping cap) holding a trace on
     * either side of zero, within the switch's floor: the state of an empty
     * graphite's first charge */
    const double trace[4] = {-3e-3, -2e-4, 4e-5, 2e-3};
    for (int k = 0; k < p->n_neg; k++) {
        int ice = p->off[k] + p->side[0].ncs;
        y[ice + 3] = trace[k % 4];
        y[ice + 1] = y[ice + 2] - (0.45 + 0.05 * k);
    }
    worst = cf_test_jacobian_fd(p, 0.0, y, yp, 0.0);
    assert_true(worst < 1e-4);
    free(y);
    free(yp);
    cf_plan_free(p);
    cf_cell_free(cell);
}

/* charge at 3C from 70 % SOC to 4.4 V: the graphite fills and its surface
 * potential falls below lithium's */
static void charge(double j0, double *plated_mol, double *drift, double *v_end)
{
    cf_error err;
    cf_cell *cell = plating_cell(j0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.rtol = opt.atol = 1e-10;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    assert_int_equal(cf_sim_reset_soc(p, 0.70, &err), 0);
    p->cell->v_max = 4.45; /* beyond the normal window: an overcharge */
    cf_state_summary s0, s1;
    cf_sim_state(p, &s0);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, -15.0);
    seg.stop_v_above = 4.4;
    cf_stop_reason why;
    int rc = cf_sim_run_segment(p, &seg, 0, 0, NULL, &why, &err);
    if (rc) print_error("%s\n", err.message);
    assert_int_equal(rc, 0);
    cf_sim_state(p, &s1);
    double l0 = s0.li_solid_neg_mol + s0.li_solid_pos_mol + s0.li_electrolyte_mol + s0.li_metal_mol;
    double l1 = s1.li_solid_neg_mol + s1.li_solid_pos_mol + s1.li_electrolyte_mol + s1.li_metal_mol;
    *plated_mol = s1.li_metal_mol;
    *drift = fabs(l1 / l0 - 1);
    *v_end = s1.voltage_V;
    cf_plan_free(p);
    cf_cell_free(cell);
}

static void test_plating_and_conservation(void **state)
{
    (void)state;
    double plated, drift, v, plated0, drift0, v0, vnone, d;
    charge(1.0, &plated, &drift, &v);
    charge(1e-12, &plated0, &drift0, &v0);
    charge(0.0, &d, &d, &vnone);
    print_message("3C charge from 70 %% to 4.4 V: plated %.4g mol (drift %.1e), with j0 -> 0: %.3g mol; V %.5f / %.5f / %.5f\n",
                  plated, drift, plated0, v, v0, vnone);
    assert_true(plated > 1e-4);       /* a hard charge of a nearly full graphite plates */
    assert_true(drift < 1e-9);
    assert_true(plated0 < 1e-9);      /* no exchange current, no plating */
    assert_true(fabs(v0 - vnone) < 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_jacobian_fd),
                                       cmocka_unit_test(test_plating_and_conservation)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
