/* test_experiment.c — the step machine: each control mode holds its
 * set-point, steps end exactly at their conditions, cycles and termination
 * criteria, drive cycles followed, infeasible and already-met steps. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"

typedef struct {
    cf_cell *cell;
    cf_plan *plan;
    cf_solution *sol;
    cf_experiment_result *res;
} run;

static void run_protocol(run *r, cf_model_kind kind, const char *text, double soc)
{
    cf_error err;
    memset(r, 0, sizeof *r);
    assert_int_equal(cf_cell_builtin("chen2020", &r->cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 10;
    assert_int_equal(cf_plan_new(r->cell, &opt, &r->plan, &err), 0);
    cf_protocol *proto;
    int rc = cf_protocol_parse(text, &proto, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    eo.initial_soc = soc;
    rc = cf_simulate_protocol(r->plan, proto, &eo, &r->sol, &r->res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    cf_protocol_free(proto);
}

static void done(run *r)
{
    cf_experiment_result_free(r->res);
    cf_solution_free(r->sol);
    cf_plan_free(r->plan);
    cf_cell_free(r->cell);
}

/* Last row of executed step k. */
static size_t last_row(const cf_solution *s, int k)
{
    size_t last = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->step[i] == k) last = i;
    return last;
}

static void test_cccv_rest_discharge(void **state)
{
    (void)state;
    run r;
    run_protocol(&r, CF_MODEL_DFN,
                 "Charge at 0.5C until 4.2 V; Hold at 4.2 V until C/50; Rest for 1 hour; Discharge at 1C until 2.5 V",
                 0.0);
    const cf_solution *s = r.sol;
    assert_int_equal(r.res->steps_run, 4);
    assert_int_equal((int)r.res->n, 4); /* each string is a cycle, as in PyBaMM */
    size_t e0 = last_row(s, 0), e1 = last_row(s, 1), e2 = last_row(s, 2), e3 = last_row(s, 3);
    assert_true(fabs(s->voltage[e0] - 4.2) < 1e-6);         /* CC ends at 4.2 V */
    for (size_t i = e0 + 1; i <= e1; i++) {
        if (s->step[i] != 1) continue;
        assert_true(fabs(s->voltage[i] - 4.2) < 1e-9);      /* CV holds the voltage */
        assert_true(s->current[i] < 0);                     /* and still charges */
    }
    assert_true(fabs(s->current[e1] + 0.1) < 1e-6);         /* ends at C/50 = 0.1 A */
    for (size_t i = e1 + 1; i <= e2; i++)
        if (s->step[i] == 2) assert_true(fabs(s->current[i]) < 1e-12);
    assert_true(fabs(s->t[e2] - s->t[e1] - 3600) < 1e-6);   /* rest lasts 1 h */
    assert_true(fabs(s->voltage[e3] - 2.5) < 1e-6);
    /* CC-CV from 0 % SOC charges the cell fully: the 1C discharge gets back
     * nearly all of it (the rest is the rate loss at 1C). */
    double q_in = r.res->cycles[0].charge_Ah + r.res->cycles[1].charge_Ah;
    double q_out = r.res->cycles[3].discharge_Ah;
    assert_true(q_in > 4.9 && q_in < 5.3);
    assert_true(q_out < q_in && q_out > 0.9 * q_in);
    done(&r);
}

static void test_power_and_resistance(void **state)
{
    (void)state;
    run r;
    run_protocol(&r, CF_MODEL_SPME, "Discharge at 10 W for 10 minutes; Discharge at 2 Ohm for 10 minutes; Charge at 5 W for 5 minutes", NAN);
    const cf_solution *s = r.sol;
    for (size_t i = 0; i < s->n; i++) {
        double P = s->current[i] * s->voltage[i];
        if (s->step[i] == 0) assert_true(fabs(P - 10.0) < 1e-4); /* Newton tolerance, rtol 1e-6 */
        if (s->step[i] == 1) assert_true(fabs(s->voltage[i] - 2.0 * s->current[i]) < 1e-5);
        if (s->step[i] == 2) assert_true(fabs(P + 5.0) < 1e-4);
    }
    assert_true(fabs(s->t[s->n - 1] - 1500) < 1e-6);
    /* energy counter: 10 W for 600 s is 1.6667 Wh */
    size_t e0 = last_row(s, 0);
    assert_true(fabs(s->energy_Wh[e0] - 10.0 * 600 / 3600) < 1e-4);
    done(&r);
}

static void test_cycles_and_termination(void **state)
{
    (void)state;
    run r;
    /* 3C to 3.0 V delivers well under 4.8 Ah, so the criterion ends it after one cycle. */
    run_protocol(&r, CF_MODEL_SPM, "repeat 5 { Discharge at 3C until 3.0 V; Charge at 1C until 4.1 V }\nterminate 4.8 Ah capacity", NAN);
    assert_int_equal((int)r.res->n, 1);
    assert_true(r.res->stopped_early);
    assert_true(r.res->cycles[0].discharge_Ah < 4.8);
    done(&r);
    /* Without a criterion the same block runs all five cycles; cycles 2..5 are
     * identical (no ageing), so their Coulombic efficiency is 1. */
    run_protocol(&r, CF_MODEL_SPM, "repeat 5 { Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V }", NAN);
    assert_int_equal((int)r.res->n, 5);
    for (int c = 2; c < 5; c++) {
        assert_true(fabs(r.res->cycles[c].discharge_Ah - r.res->cycles[1].discharge_Ah) < 1e-4);
        assert_true(fabs(r.res->cycles[c].coulombic_efficiency - 1.0) < 1e-3);
    }
    done(&r);
}

/* Cycles as users group them: a flat list makes one cycle per step, whose
 * efficiencies are undefined (one direction only); a group that discharges
 * and charges has both, and they obey their bounds: energy efficiency below
 * the coulombic one (the cell charges at a higher voltage than it
 * discharges), each at most about 1 from a full state. */
static void test_cycle_efficiencies(void **state)
{
    (void)state;
    run r;
    run_protocol(&r, CF_MODEL_SPM, "Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V", NAN);
    assert_int_equal((int)r.res->n, 2);
    for (int c = 0; c < 2; c++) {
        assert_true(isnan(r.res->cycles[c].coulombic_efficiency));
        assert_true(isnan(r.res->cycles[c].energy_efficiency));
    }
    assert_true(r.res->cycles[0].discharge_Ah > 1.0 && r.res->cycles[0].charge_Ah == 0.0);
    double dis = r.res->cycles[0].discharge_Ah, chg = r.res->cycles[1].charge_Ah;
    done(&r);
    run_protocol(&r, CF_MODEL_SPM, "(Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V)", NAN);
    assert_int_equal((int)r.res->n, 1);
    const cf_cycle_stats *c = &r.res->cycles[0];
    /* the same steps: the same charge, now in one cycle */
    assert_true(fabs(c->discharge_Ah - dis) < 1e-9 * dis && fabs(c->charge_Ah - chg) < 1e-9 * chg);
    if (!(fabs(c->coulombic_efficiency - dis / chg) < 1e-12 && c->energy_efficiency < c->coulombic_efficiency &&
          c->energy_efficiency > 0.8))
        fail_msg("CE %.6f (want %.6f), EE %.6f", c->coulombic_efficiency, dis / chg, c->energy_efficiency);
    done(&r);
}

/* "(10 s period)": the step's rows fall every 10 s from its start, other
 * steps keep one row per solver step. */
static void test_step_period(void **state)
{
    (void)state;
    run r;
    run_protocol(&r, CF_MODEL_SPM, "Rest for 95 s; Discharge at 1C for 125 s (10 s period); Rest for 30 s", 0.5);
    size_t n0 = 0, n1 = 0;
    double t1 = NAN;
    for (size_t i = 0; i < r.sol->n; i++) {
        if (r.sol->step[i] == 0) n0++;
        if (r.sol->step[i] != 1) continue;
        if (isnan(t1)) t1 = r.sol->t[i];
        double k = (r.sol->t[i] - t1) / 10.0;
        /* every row on the step's grid, except its end at 125 s */
        if (!(fabs(k - round(k)) < 1e-9 || fabs(r.sol->t[i] - t1 - 125.0) < 1e-9))
            fail_msg("row at %.9g s, %.9g s into the step", r.sol->t[i], r.sol->t[i] - t1);
        n1++;
    }
    assert_true(fabs(t1 - 95.0) < 1e-9);
    assert_int_equal((int)n1, 14); /* 0, 10, ..., 120 and the end at 125 */
    assert_true(n0 >= 2);
    done(&r);
}

static void test_infeasible_and_skipped(void **state)
{
    (void)state;
    run r;
    /* already at 4.2 V OCV when full: "Charge until 4.1 V" is met at once and skipped */
    run_protocol(&r, CF_MODEL_SPM, "Charge at 1C until 4.1 V; Discharge at 1C for 10 hours; Rest for 1 hour", 1.0);
    assert_int_equal(r.res->steps_skipped, 1);
    assert_true(r.res->stopped_early); /* the cut-off ends the 10 h discharge: rest never runs */
    assert_non_null(strstr(r.res->note, "cut-off"));
    assert_true(fabs(r.sol->voltage[r.sol->n - 1] - 2.5) < 1e-6);
    done(&r);
}

static void test_drive_cycle_followed(void **state)
{
    (void)state;
    char path[] = "/tmp/cf_drive_test_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fprintf(fp, "time_s,current_A\n0,2\n100,8\n200,-3\n300,0\n");
    fclose(fp);
    char text[1200];
    snprintf(text, sizeof text, "Run %s for 600 s", path);
    run r;
    /* from 80 % SOC: from the cell's own (full) state the -3 A charge at
     * 200 s reaches the 4.2 V cut-off at 200.2 s on a converged mesh (FV with
     * 160 volumes per particle 200.8 s, spectral 200.2 s); only FV's 10
     * volumes per particle stayed below it */
    run_protocol(&r, CF_MODEL_DFN, text, 0.8);
    remove(path);
    const double ts[] = {0, 100, 200, 300}, vs[] = {2, 8, -3, 0};
    for (size_t i = 0; i < r.sol->n; i++) {
        double tau = fmod(r.sol->t[i], 300.0);
        if (r.sol->t[i] > 0 && tau == 0.0) continue; /* pass boundary: either end */
        double expect = 0;
        for (int k = 0; k < 3; k++)
            if (tau >= ts[k] && tau <= ts[k + 1]) expect = vs[k] + (vs[k + 1] - vs[k]) * (tau - ts[k]) / 100.0;
        assert_true(fabs(r.sol->current[i] - expect) < 1e-8);
    }
    assert_true(fabs(r.sol->t[r.sol->n - 1] - 600) < 1e-6);
    /* The charge counter integrates the piecewise-linear current exactly:
     * one pass carries 500 + 250 - 150 = 600 A s. (Integrated by the solver
     * it drifted ~0.02 A s while IDA started at low order.) */
    size_t n = r.sol->n;
    double q_expect = 2 * 600.0 / 3600.0;
    if (!(fabs(r.sol->capacity_Ah[n - 1] - q_expect) <= 1e-7 * q_expect))
        fail_msg("net charge %.12g Ah, expected %.12g Ah", r.sol->capacity_Ah[n - 1], q_expect);
    /* Energy is the integral of I V: the rows' trapezoid agrees to the
     * quadrature error of the rows' spacing. */
    double e_rows = 0;
    for (size_t i = 1; i < n; i++)
        e_rows += 0.5 * (r.sol->t[i] - r.sol->t[i - 1]) *
                  (r.sol->current[i] * r.sol->voltage[i] + r.sol->current[i - 1] * r.sol->voltage[i - 1]) / 3600.0;
    if (!(fabs(r.sol->energy_Wh[n - 1] - e_rows) <= 1e-4 * fabs(e_rows)))
        fail_msg("energy %.9g Wh, rows' trapezoid %.9g Wh", r.sol->energy_Wh[n - 1], e_rows);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cccv_rest_discharge), cmocka_unit_test(test_power_and_resistance),
        cmocka_unit_test(test_cycles_and_termination), cmocka_unit_test(test_infeasible_and_skipped),
        cmocka_unit_test(test_drive_cycle_followed), cmocka_unit_test(test_cycle_efficiencies),
        cmocka_unit_test(test_step_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
