/* test_limits.c — runs that reach a physical limit end as the physics has
 * them, with PyBaMM 26.10 (Chen2020, default DFN/SPMe, IDAKLU at rtol = atol
 * = 1e-8) as the peer for the figures:
 *   - the CC-CV cycle "Discharge at 1C until 2.5 V; Rest 30 min; Charge at 1C
 *     until 4.2 V; Hold at 4.2 V until C/50; Rest 30 min; Discharge at 2C
 *     until 2.5 V" completes on meshes 10 and 20 with both integrators
 *     (PyBaMM: 15846 s; its negative surface reaches stoichiometry 0.99944);
 *   - 3C discharges run to the 2.5 V cut-off as the electrolyte runs dry
 *     (PyBaMM DFN 552.6 s / 2.3027 Ah, SPMe 59.4 s / 0.2476 Ah);
 *   - a voltage hold from rest charges the cell (PyBaMM from 50 % SOC,
 *     "Hold at 4.1 V until 50 mA": 2.0796 Ah in 10869.5 s), also after a rest;
 *   - a step that cannot start is skipped, counted and listed with its reason;
 *   - SPMe voltage holds: one whose electrolyte stays above zero (the current
 *     at its limiting value for a while) completes as PyBaMM's (from 90 % SOC,
 *     "Hold at 3.5 V until C/50": 5038.97 s, 3.4775 Ah); one that drains a
 *     cell of electrolyte ends there on the named physical limit with its rows
 *     (PyBaMM's SPMe fails at that point: from 50 % SOC at 3.0 V, between
 *     6.0 and 6.2 s, after 70.577, 64.152, 53.691, 48.437, 41.110 A at 1, 2,
 *     4, 5, 6 s). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/protocol_run.h"

#define CCCV "Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C until 4.2 V; " \
             "Hold at 4.2 V until C/50; Rest for 30 minutes; Discharge at 2C until 2.5 V"

static cf_plan *make_plan(cf_cell **cell, cf_model_kind kind, int mesh, cf_integrator integ)
{
    cf_error err;
    *cell = cf_test_builtin_cell("chen2020");
    cf_model_options o;
    cf_model_options_default(&o);
    o.kind = kind;
    o.integrator = integ;
    o.discretisation = CF_DISC_FV; /* PyBaMM's finite volumes, whatever the default */
    o.n_neg = o.n_sep = o.n_pos = o.nr_neg = o.nr_pos = mesh;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(*cell, &o, &plan, &err), 0);
    return plan;
}

/* The most lithiated negative particle surface (over x) seen after any step. */
static void track_neg_surface(void *user, const cf_plan *plan, double t)
{
    (void)t;
    double x[256], sto[256];
    int n = cf_sim_profile_surface_sto(plan, 0, x, sto, 256);
    for (int k = 0; k < n; k++)
        if (sto[k] > *(double *)user) *(double *)user = sto[k];
}

typedef struct {
    double duration_s, charge_Ah, discharge_Ah, max_neg_sto, final_V;
    int64_t run, skipped;
} run_out;

static run_out run_protocol(cf_model_kind kind, int mesh, cf_integrator integ, const char *text, double soc)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, kind, mesh, integ);
    run_out r = {0};
    cf_plan_set_observer(plan, track_neg_surface, &r.max_neg_sto);
    cf_error err;
    cf_solution *sol;
    cf_experiment_result *res;
    int rc = cf_test_run_protocol(plan, text, soc, &sol, &res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_false(res->stopped_early);
    for (size_t c = 0; c < res->n; c++) {
        r.charge_Ah += res->cycles[c].charge_Ah;
        r.discharge_Ah += res->cycles[c].discharge_Ah;
    }
    r.duration_s = sol->t[sol->n - 1] - sol->t[0];
    r.final_V = sol->voltage[sol->n - 1];
    r.run = res->steps_run;
    r.skipped = res->steps_skipped;
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return r;
}

static void check_cccv_mesh(int mesh)
{
    run_out b = run_protocol(CF_MODEL_DFN, mesh, CF_INTEGRATOR_BDF, CCCV, NAN);
    run_out i = run_protocol(CF_MODEL_DFN, mesh, CF_INTEGRATOR_IDA, CCCV, NAN);
    run_out *rs[2] = {&b, &i};
    for (int k = 0; k < 2; k++) {
        const run_out *r = rs[k];
        assert_int_equal(r->run, 6);
        assert_int_equal(r->skipped, 0);
        assert_true(fabs(r->final_V - 2.5) < 1e-6); /* ended on the last step's cut-off */
        /* the whole cycle as PyBaMM's: 15846 s (mesh 20, as PyBaMM's default) */
        assert_true(fabs(r->duration_s - 15846.0) < (mesh == 20 ? 5.0 : 20.0));
        /* charged about the 1C window plus the hold; discharged the first 1C
         * discharge from the initial state and the 2C one from full */
        assert_true(r->charge_Ah > 4.9 && r->charge_Ah < 5.1);
        assert_true(r->discharge_Ah > 9.5 && r->discharge_Ah < 9.9);
        /* the negative surface goes within the regularisation scale of full
         * but not past it (PyBaMM: 0.99944) */
        print_message("mesh %d: %.1f s, charged %.4f Ah, discharged %.4f Ah, negative surface max %.5f\n", mesh, r->duration_s, r->charge_Ah, r->discharge_Ah, r->max_neg_sto);
        assert_true(r->max_neg_sto > 0.999 && r->max_neg_sto < 1.0);
    }
    /* the integrators agree on the same model */
    assert_true(fabs(b.duration_s - i.duration_s) < 2.0);
    assert_true(fabs(b.charge_Ah - i.charge_Ah) < 2e-3);
    assert_true(fabs(b.discharge_Ah - i.discharge_Ah) < 2e-3);
    assert_true(fabs(b.max_neg_sto - i.max_neg_sto) < 1e-4);
}

static void test_cccv_mesh20(void **s) { (void)s; check_cccv_mesh(20); }
static void test_cccv_mesh10(void **s) { (void)s; check_cccv_mesh(10); }

static void check_3c(cf_model_kind kind, double t_ref, double q_ref, double tol)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, kind, 20, CF_INTEGRATOR_BDF);
    cf_solution *sol;
    cf_error err;
    int rc = cf_simulate_crate(plan, 3.0, &sol, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    size_t last = sol->n - 1;
    assert_true(fabs(sol->voltage[last] - 2.5) < 1e-3); /* the cut-off, not a failure */
    double t = sol->t[last], q = sol->capacity_Ah[last];
    assert_true(fabs(t / t_ref - 1) < tol);
    assert_true(fabs(q / q_ref - 1) < tol);
    for (size_t k = 0; k < sol->n; k++) assert_true(isfinite(sol->voltage[k]));
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

static void test_dfn_3c(void **s) { (void)s; check_3c(CF_MODEL_DFN, 552.64, 2.30267, 2e-3); }
static void test_spme_3c(void **s) { (void)s; check_3c(CF_MODEL_SPME, 59.418, 0.247575, 5e-3); }

static void test_hold_from_rest(void **s)
{
    (void)s;
    const char *texts[] = {"Hold at 4.1 V until 50 mA", "Rest for 10 minutes; Hold at 4.1 V until 50 mA"};
    run_out r[2];
    for (int k = 0; k < 2; k++) {
        r[k] = run_protocol(CF_MODEL_DFN, 10, CF_INTEGRATOR_BDF, texts[k], 0.5);
        assert_int_equal(r[k].run, k + 1);
        assert_int_equal(r[k].skipped, 0);
        assert_true(fabs(r[k].final_V - 4.1) < 1e-9);
        assert_true(fabs(r[k].charge_Ah - 2.0796) < 0.005); /* PyBaMM (mesh 20): 2.0796 Ah */
    }
    assert_true(fabs(r[0].duration_s - 10869.5) < 50.0); /* PyBaMM (mesh 20): 10869.5 s */
    /* the rest changes nothing the hold then does: same charge, 600 s later */
    assert_true(fabs(r[1].charge_Ah - r[0].charge_Ah) < 1e-3);
    assert_true(fabs(r[1].duration_s - r[0].duration_s - 600.0) < 30.0);
}

static void test_skipped_step_listed(void **s)
{
    (void)s;
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, CF_MODEL_SPM, 10, CF_INTEGRATOR_BDF);
    cf_error err;
    cf_solution *sol;
    cf_experiment_result *res;
    /* the second charge cannot start (already at 4.2 V); the last hold's
     * current is already below 1 A once the hold is applied */
    assert_int_equal(cf_test_run_protocol(plan,
                                          "Charge at 1C until 4.2 V; Charge at 1C until 4.2 V; "
                                          "Hold at 4.2 V until C/20; Hold at 4.2 V until 1 A",
                                          0.2, &sol, &res, &err),
                     0);
    assert_int_equal(res->steps_run, 2);
    assert_int_equal(res->steps_skipped, 2);
    assert_int_equal((int)res->n_skipped_listed, 2);
    assert_int_equal((int)res->skipped[0].index, 1);
    assert_non_null(strstr(res->skipped[0].reason, "voltage"));
    assert_int_equal((int)res->skipped[1].index, 3);
    assert_non_null(strstr(res->skipped[1].reason, "current"));
    /* no row of the skipped steps */
    for (size_t k = 0; k < sol->n; k++) assert_true(sol->step[k] != 1 && sol->step[k] != 3);
    cf_solution_free(sol);
    cf_experiment_result_free(res);
    cf_plan_free(plan);
    cf_cell_free(cell);
}

/* SPMe, chen2020, mesh 20, "Hold at V until C/50" from soc: rc, solution. */
static int spme_hold(double soc, double V, cf_solution **sol, cf_error *err)
{
    cf_cell *cell;
    cf_plan *plan = make_plan(&cell, CF_MODEL_SPME, 20, CF_INTEGRATOR_BDF);
    char text[64];
    snprintf(text, sizeof text, "Hold at %.2f V until C/50", V);
    int rc = cf_test_run_protocol(plan, text, soc, sol, NULL, err);
    assert_non_null(*sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return rc;
}

/* The current at time t, linear between rows. */
static double current_at(const cf_solution *sol, double t)
{
    for (size_t k = 1; k < sol->n; k++)
        if (sol->t[k] >= t) {
            double f = (t - sol->t[k - 1]) / (sol->t[k] - sol->t[k - 1]);
            return sol->current[k - 1] + f * (sol->current[k] - sol->current[k - 1]);
        }
    return NAN;
}

static void test_spme_hold_limiting_current(void **s)
{
    (void)s;
    cf_solution *sol;
    cf_error err;
    int rc = spme_hold(0.9, 3.5, &sol, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    assert_true(sol->end.completed);
    size_t last = sol->n - 1;
    assert_true(fabs(sol->t[last] - 5038.97) < 5.0);
    assert_true(fabs(sol->capacity_Ah[last] - 3.4775) < 2e-3);
    assert_true(fabs(sol->current[last] - 0.1) < 1e-6); /* C/50 of 5 Ah */
    cf_solution_free(sol);
}

static void test_spme_hold_electrolyte_depleted(void **s)
{
    (void)s;
    cf_solution *sol;
    cf_error err;
    int rc = spme_hold(0.5, 3.0, &sol, &err);
    assert_int_equal(rc, CF_ELIMIT);
    assert_int_equal(sol->end.reason, CF_END_PHYSICAL_LIMIT);
    assert_non_null(strstr(sol->end.message, "electrolyte is depleted"));
    assert_null(strstr(sol->end.message, "integration failed"));
    assert_true(sol->n > 20);
    /* where PyBaMM's SPMe fails (its lowest c_e at 6.0 s: 15 mol/m3) */
    double t_end = sol->t[sol->n - 1];
    assert_true(t_end > 6.0 && t_end < 6.3);
    assert_true(fabs(sol->end.t_s - t_end) < 1e-9);
    /* the rows: the voltage held, the current falling, as PyBaMM's */
    for (size_t k = 0; k < sol->n; k++) {
        assert_true(fabs(sol->voltage[k] - 3.0) < 1e-6);
        assert_true(sol->current[k] > 0 && isfinite(sol->current[k]));
        if (k) assert_true(sol->current[k] <= sol->current[k - 1] + 1e-9);
    }
    const double t_ref[] = {1, 2, 4, 5, 6}, I_ref[] = {70.5768, 64.1517, 53.6914, 48.4368, 41.1102};
    for (int i = 0; i < 5; i++) assert_true(fabs(current_at(sol, t_ref[i]) / I_ref[i] - 1) < 2e-3);
    cf_solution_free(sol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cccv_mesh20), cmocka_unit_test(test_cccv_mesh10), cmocka_unit_test(test_dfn_3c),
        cmocka_unit_test(test_spme_3c),     cmocka_unit_test(test_hold_from_rest),
        cmocka_unit_test(test_skipped_step_listed), cmocka_unit_test(test_spme_hold_limiting_current),
        cmocka_unit_test(test_spme_hold_electrolyte_depleted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
