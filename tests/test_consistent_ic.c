/* test_consistent_ic.c — the consistent initialisation from rest to a load:
 * from the DFN's kinetic starting guess (cf_dfn_guess_potentials) it needs
 * fewer Newton iterations than from the rest state, and converges to the
 * same state as from rest. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "model/plan_internal.h"

static void test_guess_and_convergence(void **state)
{
    (void)state;
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    const double currents[] = {5.0, 15.0, -5.0}; /* 1C and 3C discharge, 1C charge (from half charge) */
    for (int c = 0; c < 3; c++) {
        assert_int_equal(cf_sim_reset_soc(p, 0.5, &err), 0);
        double *y = N_VGetArrayPointer(p->y);
        cf_segment_init(&p->seg, CF_CONTROL_CURRENT, currents[c]);
        y[p->iI] = currents[c];
        double *rest = malloc((size_t)p->n * sizeof *rest);
        memcpy(rest, y, (size_t)p->n * sizeof *y);
        /* the consistent state: the guessed start (cf_consistent_ic's default) ... */
        long it0 = p->ic_newton_iters;
        assert_int_equal(cf_consistent_ic(p, 0.0), 0);
        long with_guess = p->ic_newton_iters - it0;
        double *a = malloc((size_t)p->n * sizeof *a);
        memcpy(a, y, (size_t)p->n * sizeof *y);
        /* ... equals the one reached from rest: voltage controlled at its V, which
         * takes no guess, lands on the same current and potentials */
        memcpy(y, rest, (size_t)p->n * sizeof *y);
        cf_segment_init(&p->seg, CF_CONTROL_VOLTAGE, a[p->iV]);
        y[p->iV] = a[p->iV];
        it0 = p->ic_newton_iters;
        assert_int_equal(cf_consistent_ic(p, 0.0), 0);
        long from_rest = p->ic_newton_iters - it0;
        print_message("I = %g A: %ld Newton iterations from the kinetic guess, %ld from rest\n", currents[c],
                      with_guess, from_rest);
        assert_true(with_guess < from_rest);
        assert_true(fabs(y[p->iI] - currents[c]) < 1e-6 * fabs(currents[c]));
        double worst = 0.0;
        for (int i = 0; i < p->n; i++)
            if (N_VGetArrayPointer(p->id)[i] == 0.0 && i != p->iI) worst = fmax(worst, fabs(y[i] - a[i]));
        assert_true(worst < 1e-6); /* volts */
        free(rest);
        free(a);
    }
    cf_plan_free(p);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_guess_and_convergence)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
