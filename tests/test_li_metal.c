/* test_li_metal.c — lithium-metal cells of seed 001 in the DFN:
 *  - analytic Jacobian of the planar negative and the reservoir rows vs FD;
 *  - anode-free first charge: lithium plated equals lithium removed from the
 *    positive (and reservoir) within 0.1 %, and lithium is conserved to 1e-9;
 *  - pre-lithiation by a reservoir shorted to the positive: after it is
 *    spent, the positive's Li/O equals (initial Li + reservoir Li) / O
 *    within 0.1 %, with the cell at rest (I = 0);
 *  - every lithium-metal example cell file (a .json in examples/ with a
 *    lithium-metal negative) charged at C/20 to its upper cut-off delivers
 *    its stated nominal capacity within 2 % on the discharge to its lower
 *    one, with its positive inside its potential window throughout. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "support/jacobian_fd.h"

/* Anode-free LiNiO2 cell: planar negative with `li0` mol/m2 of lithium,
 * Li(1)NiO2 positive (sto = y/2 = 0.5), optional reservoir of `res_mol`. */
static cf_cell *linio2_cell(double li0, double res_mol)
{
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), 0);
    c->neg.planar = 1;
    c->neg.n_phases = 0;
    c->neg.li_metal_mol_m2 = li0;
    c->neg.li_j0_ref = 70.6;            /* Xu 2019 at 1 M */
    c->neg.plating_efficiency = 1.0;
    cf_phase *ph = &c->pos.phase[0];
    strcpy(ph->name, "linio2");
    assert_int_equal(cf_fn_set_builtin(&ph->ocp, "linio2_ocp", &err), 0);
    ph->c_max = 97919;
    ph->c_init = 0.5 * ph->c_max;
    ph->li_o_at_full = 1.0;             /* Li2NiO2 */
    ph->diffusivity_m2_s = 5e-15;
    ph->j0_ref = 1.29e-6;
    c->pos.thickness_m = 50e-6;
    c->v_max = 4.3;
    c->v_min = 3.0;
    c->nominal_capacity_Ah = 0.665 * 50e-6 * 0.1027 * 97919 * 0.5 * CF_FARADAY / 3600 * 0.8;
    if (res_mol > 0) {
        c->reservoir.present = 1;
        c->reservoir.li_mol = res_mol;
        c->reservoir.area_m2 = 1e-4;
        c->reservoir.j0_ref = 70.6;
        c->reservoir.ionic_resistance_ohm = 2.0;
    }
    return c;
}

static void test_jacobian_fd(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell = linio2_cell(0.5, 0.01);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = 4;
    opt.nr_neg = opt.nr_pos = 4;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    int n = p->n;
    double *y = malloc(n * sizeof *y), *yp = calloc(n, sizeof *yp);
    memcpy(y, N_VGetArrayPointer(p->y), n * sizeof *y);
    srand(3);
    for (int i = 0; i < n; i++) {
        double r = (double)rand() / RAND_MAX - 0.5;
        y[i] = N_VGetArrayPointer(p->id)[i] == 1.0 && fabs(y[i]) > 1 ? y[i] * (1 + 0.02 * r) : y[i] + 0.01 * r;
    }
    y[p->iI] = 1.0;
    y[p->iIres] = 0.05;
    cf_segment_init(&p->seg, CF_CONTROL_CURRENT, 1.0);
    double worst = cf_test_jacobian_fd(p, 0.0, y, yp, 0.0);
    assert_true(worst < 1e-4);
    /* plating, with an efficiency that falls with the current density */
    cell->neg.plating_efficiency = 0.98;
    cell->neg.plating_efficiency_exponent = 0.7;
    y[p->iI] = -1.0;
    cf_segment_init(&p->seg, CF_CONTROL_CURRENT, -1.0);
    worst = cf_test_jacobian_fd(p, 0.0, y, yp, 0.0);
    assert_true(worst < 1e-4);
    free(y);
    free(yp);
    cf_plan_free(p);
    cf_cell_free(cell);
}

static double total_li(const cf_state_summary *s)
{
    return s->li_solid_neg_mol + s->li_solid_pos_mol + s->li_electrolyte_mol + s->li_metal_mol + s->li_dead_mol +
           s->li_reservoir_mol + s->li_alloyed_mol;
}

static void test_anode_free_first_charge(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell = linio2_cell(0.0, 0.0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.rtol = opt.atol = 1e-10;
    opt.n_sep = opt.n_pos = opt.nr_pos = 10;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    assert_int_equal(cf_sim_reset(p, &err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(p, &s0);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, -0.1 * cell->nominal_capacity_Ah);
    cf_stop_reason why;
    int rc = cf_sim_run_segment(p, &seg, 0, 0, NULL, &why, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(why, CF_STOP_VMAX_LIMIT);
    cf_sim_state(p, &s1);
    double plated = s1.li_metal_mol, removed = s0.li_solid_pos_mol - s1.li_solid_pos_mol;
    print_message("anode-free charge to 4.3 V: plated %.6g mol, removed from LiNiO2 %.6g mol, Li/O %.4f -> %.4f\n",
                  plated, removed, s0.positive_li_o, s1.positive_li_o);
    assert_true(plated > 0);
    assert_true(fabs(plated / removed - 1) < 1e-3);
    assert_true(fabs(total_li(&s1) / total_li(&s0) - 1) < 1e-9);
    assert_true(s1.positive_li_o < s0.positive_li_o);
    cf_plan_free(p);
    cf_cell_free(cell);
}

static void test_prelithiation_by_reservoir(void **state)
{
    (void)state;
    cf_error err;
    /* oxygen in the positive: eps L A c_max / (Li/O at full) */
    cf_cell *probe = linio2_cell(0.0, 0.0);
    const cf_phase *ph = &probe->pos.phase[0];
    double O = ph->active_fraction * probe->pos.thickness_m * probe->area_m2 * ph->c_max / ph->li_o_at_full;
    double li_pos0 = ph->active_fraction * probe->pos.thickness_m * probe->area_m2 * ph->c_init;
    cf_cell_free(probe);
    double res = 0.25 * O; /* sized for Li/O = 0.75 after pre-lithiation */
    cf_cell *cell = linio2_cell(0.0, res);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.rtol = opt.atol = 1e-9;
    opt.n_sep = opt.n_pos = opt.nr_pos = 10;
    cf_plan *p;
    assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
    assert_int_equal(cf_sim_reset(p, &err), 0);
    cf_state_summary s0, s1;
    cf_sim_state(p, &s0);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 0.0); /* open circuit from electrolyte contact */
    seg.duration_s = 48 * 3600;
    cf_stop_reason why;
    int rc = cf_sim_run_segment(p, &seg, 0, 0, NULL, &why, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    cf_sim_state(p, &s1);
    double expect = (li_pos0 + res) / O;
    print_message("pre-lithiation: reservoir %.4g -> %.3g mol, Li/O %.5f (expected %.5f), positive at %.3f V vs Li\n",
                  s0.li_reservoir_mol, s1.li_reservoir_mol, s1.positive_li_o, expect, s1.positive_potential_V);
    assert_true(fabs(s1.li_reservoir_mol) < 1e-3 * res);
    assert_true(fabs(s1.positive_li_o / expect - 1) < 1e-3);
    assert_true(fabs(total_li(&s1) / total_li(&s0) - 1) < 1e-9);
    cf_plan_free(p);
    cf_cell_free(cell);
}

/* The shipped reservoir cell through its whole process (electrolyte contact,
 * first charge plating lithium, discharge) on a coarse and the default mesh,
 * with both time integrators: the same plated lithium and discharge.  (The
 * coarse mesh once stopped our BDF where a trial state made the Jacobian
 * non-finite: such a factorisation must only shorten the step.) */
static void test_reservoir_example_both_integrators(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_load(CF_SOURCE_DIR "/examples/li_reservoir_cell.json", &cell, &err), 0);
    const int meshes[] = {6, 20};
    for (int m = 0; m < 2; m++) {
        double cap[2], li[2];
        for (int integ = 0; integ < 2; integ++) {
            cf_model_options opt;
            cf_model_options_default(&opt);
            opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = meshes[m];
            opt.integrator = integ == 0 ? CF_INTEGRATOR_BDF : CF_INTEGRATOR_IDA;
            cf_plan *p;
            assert_int_equal(cf_plan_new(cell, &opt, &p, &err), 0);
            cf_protocol *proto;
            assert_int_equal(cf_protocol_parse("Rest for 2 hours; Charge at C/10 until 4.3 V; "
                                               "Discharge at C/10 until 3.0 V", &proto, &err), 0);
            cf_experiment_options eo;
            cf_experiment_options_default(&eo);
            cf_solution *sol;
            cf_experiment_result *res;
            int rc = cf_simulate_protocol(p, proto, &eo, &sol, &res, &err);
            if (rc) print_error("mesh %d, %s: %s: %s\n", meshes[m], integ ? "ida" : "bdf", err.where, err.message);
            assert_int_equal(rc, 0);
            cap[integ] = res->cycles[res->n - 1].discharge_Ah;
            li[integ] = 0;
            for (size_t i = 0; i < sol->n; i++) li[integ] = fmax(li[integ], sol->li_metal_Ah[i]);
            cf_solution_free(sol);
            cf_experiment_result_free(res);
            cf_protocol_free(proto);
            cf_plan_free(p);
        }
        print_message("reservoir example, mesh %d: discharge %.5f / %.5f Ah, plated %.5f / %.5f Ah (bdf / ida)\n",
                      meshes[m], cap[0], cap[1], li[0], li[1]);
        assert_true(cap[0] > 3.0 && fabs(cap[0] / cap[1] - 1) < 1e-3);
        assert_true(li[0] > 5.0 && fabs(li[0] / li[1] - 1) < 1e-3);
    }
    cf_cell_free(cell);
}

/* One example: charge and discharge at C/20 between its cut-offs. */
static void example_at_c20(const char *path)
{
    cf_error err;
    cf_cell *c;
    assert_int_equal(cf_cell_load(path, &c, &err), 0);
    assert_true(c->pos.has_window); /* the example states its positive's window */
    cf_model_options opt;
    cf_model_options_default(&opt);
    cf_plan *p;
    assert_int_equal(cf_plan_new(c, &opt, &p, &err), 0);
    char text[128];
    snprintf(text, sizeof text, "Charge at C/20 until %.4g V; Discharge at C/20 until %.4g V", c->v_max, c->v_min);
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse(text, &proto, &err), 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_simulate_protocol(p, proto, &eo, &sol, &res, &err);
    if (rc) print_error("%s: %s: %s\n", path, err.where, err.message);
    assert_int_equal(rc, 0);
    double q = res->cycles[res->n - 1].discharge_Ah, lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < sol->n; i++) {
        lo = fmin(lo, sol->pos_potential[i]);
        hi = fmax(hi, sol->pos_potential[i]);
    }
    print_message("%s: C/20 %.4f Ah, nominal %.4f Ah (%+.2f %%), positive %.3f-%.3f V (window %.3g-%.3g V)\n",
                  strrchr(path, '/') + 1, q, c->nominal_capacity_Ah, 100 * (q / c->nominal_capacity_Ah - 1), lo, hi,
                  c->pos.window_min_V, c->pos.window_max_V);
    assert_true(fabs(q / c->nominal_capacity_Ah - 1) < 0.02);
    assert_true(lo > c->pos.window_min_V - 1e-3 && hi < c->pos.window_max_V + 1e-3);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_protocol_free(proto);
    cf_plan_free(p);
    cf_cell_free(c);
}

static void test_examples_nominal_capacity(void **state)
{
    (void)state;
    DIR *dir = opendir(CF_SOURCE_DIR "/examples");
    assert_non_null(dir);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/examples/%s", CF_SOURCE_DIR, de->d_name);
        cf_error err;
        cf_cell *c;
        if (cf_cell_load(path, &c, &err)) continue; /* a recipe or a sweep, not a cell file */
        int li = c->neg.planar;
        cf_cell_free(c);
        if (!li) continue;
        example_at_c20(path);
        n++;
    }
    closedir(dir);
    assert_true(n >= 3); /* li_metal_cell, li_reservoir_cell, li_reservoir_lmo_cell */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_jacobian_fd),
                                       cmocka_unit_test(test_anode_free_first_charge),
                                       cmocka_unit_test(test_examples_nominal_capacity),
                                       cmocka_unit_test(test_prelithiation_by_reservoir),
                                       cmocka_unit_test(test_reservoir_example_both_integrators)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
