/* test_ranges.c — one range per quantity: the protocol parser accepts a
 * set-point, end condition or duration exactly when cf_quantity_check does
 * (the simulator's check), at and around every bound; the simulator refuses
 * the same values for segments built by hand (never "cannot re-initialise
 * the integrator"), and checks a current against the cell's capacity with
 * the C-rate bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cellforge.h"

static int accepts(cf_quantity q, double v)
{
    char msg[256];
    return cf_quantity_check(q, v, msg, sizeof msg) == CF_OK;
}

static int parses(const char *fmt, double v)
{
    char text[128];
    snprintf(text, sizeof text, fmt, v);
    cf_protocol *p = NULL;
    cf_error err;
    int rc = cf_protocol_parse(text, &p, &err);
    cf_protocol_free(p);
    return rc == CF_OK;
}

static void test_parser_agrees_with_the_range_at_every_bound(void **state)
{
    (void)state;
    static const struct {
        cf_quantity q;
        const char *fmt; /* one step with the value in it */
    } cases[] = {
        {CF_QTY_CRATE, "Discharge at %.17g C"},
        {CF_QTY_CURRENT, "Discharge at %.17g A"},
        {CF_QTY_POWER, "Discharge at %.17g W"},
        {CF_QTY_RESISTANCE, "Discharge at %.17g Ohm"},
        {CF_QTY_VOLTAGE, "Hold at %.17g V for 1 s"},
        {CF_QTY_VOLTAGE, "Discharge at 1 C until %.17g V"},
        {CF_QTY_CURRENT, "Hold at 4 V until %.17g A"},
        {CF_QTY_CRATE, "Hold at 4 V until %.17g C"},
        {CF_QTY_DURATION, "Rest for %.17g s"},
        {CF_QTY_OUTPUT_DT, "Discharge at 1 C for 1 h (%.17g s period)"}, /* the step's output interval */
    };
    int checked = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const cf_range *r = cf_quantity_range(cases[i].q);
        assert_non_null(r);
        /* The bounds, just inside and outside them, the middle, far beyond. */
        const double values[] = {r->lo, nextafter(r->lo, -INFINITY), nextafter(r->lo, INFINITY), r->hi,
                                 nextafter(r->hi, -INFINITY), nextafter(r->hi, INFINITY), 0.5 * (r->lo + r->hi),
                                 r->hi * 10, 1e308, 1e-300};
        for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
            double v = values[k];
            if (!(v > 0)) continue; /* the parser takes magnitudes; the sign is the verb */
            int want = accepts(cases[i].q, v), got = parses(cases[i].fmt, v);
            if (want != got) print_error("%s with %.17g: range says %d, parser %d\n", cases[i].fmt, v, want, got);
            assert_int_equal(want, got);
            checked++;
        }
    }
    assert_true(checked > 80);
}

static void test_the_ranges_themselves(void **state)
{
    (void)state;
    assert_true(accepts(CF_QTY_CRATE, 1000) && accepts(CF_QTY_CRATE, -1000));
    assert_false(accepts(CF_QTY_CRATE, 0) || accepts(CF_QTY_CRATE, 1000.001) || accepts(CF_QTY_CRATE, NAN));
    assert_false(accepts(CF_QTY_VOLTAGE, 10) || accepts(CF_QTY_VOLTAGE, 0));
    assert_true(accepts(CF_QTY_MESH, 2) && accepts(CF_QTY_MESH, 500));
    assert_false(accepts(CF_QTY_MESH, 2.5) || accepts(CF_QTY_MESH, 501));
    assert_true(accepts(CF_QTY_SOC, 0) && accepts(CF_QTY_SOC, 1));
    char msg[256];
    cf_quantity_check(CF_QTY_CRATE, 5000, msg, sizeof msg);
    assert_string_equal(msg, "C-rate 5000 C is outside the allowed range [-1000, 1000] C without 0 (positive "
                             "discharges, negative charges)");
    cf_quantity_check(CF_QTY_TEMPERATURE_C, 300, msg, sizeof msg);
    assert_string_equal(msg, "temperature 300 degC is outside the allowed range [-70, 120] degC");
    assert_null(cf_quantity_range(CF_QTY_COUNT));
}

static void test_cell_temperature_is_the_option_range(void **state)
{
    (void)state;
    /* A cell file's temperature_K and --temperature / temperature_C in degC
     * are the same quantity with the same bounds. */
    cf_cell *c;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &c, &err), CF_OK);
    const double degC[] = {-70, -70.01, 120, 120.01, 25};
    for (size_t i = 0; i < sizeof degC / sizeof degC[0]; i++) {
        c->T_K = degC[i] + 273.15;
        int cell_ok = cf_cell_validate(c, &err) == CF_OK;
        assert_int_equal(cell_ok, accepts(CF_QTY_TEMPERATURE_C, degC[i]));
    }
    cf_cell_free(c);
}

typedef struct {
    cf_cell *cell;
    cf_plan *plan;
} fixture;

static int setup(void **state)
{
    static fixture f;
    cf_error err;
    if (cf_cell_builtin("chen2020", &f.cell, &err)) return -1;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = 8;
    if (cf_plan_new(f.cell, &opt, &f.plan, &err)) return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    cf_plan_free(f->plan);
    cf_cell_free(f->cell);
    return 0;
}

static int run_segment(fixture *f, cf_control_mode mode, double value, double duration, cf_error *err)
{
    cf_error e;
    if (cf_sim_reset(f->plan, &e)) return -1;
    cf_segment seg;
    cf_segment_init(&seg, mode, value);
    seg.duration_s = duration;
    cf_solution *sol = cf_solution_new();
    cf_stop_reason why;
    int rc = cf_sim_run_segment(f->plan, &seg, 0, 0, sol, &why, err);
    cf_solution_free(sol);
    return rc;
}

static void test_simulator_refuses_the_same(void **state)
{
    fixture *f = *state;
    cf_error err;
    /* Was "cannot re-initialise the integrator". */
    assert_int_equal(run_segment(f, CF_CONTROL_CURRENT, 1e308, 10, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "current 1e+308 A is outside the allowed range"));
    assert_int_equal(run_segment(f, CF_CONTROL_POWER, -2e6, 10, &err), CF_EINVAL);
    assert_int_equal(run_segment(f, CF_CONTROL_VOLTAGE, 10, 10, &err), CF_EINVAL);
    assert_int_equal(run_segment(f, CF_CONTROL_RESISTANCE, 1e-9, 10, &err), CF_EINVAL);
    assert_int_equal(run_segment(f, CF_CONTROL_CURRENT, 1, 2e9, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "duration"));
    /* Within 1e5 A but above 1000 C for this 5 Ah cell. */
    double q = f->cell->nominal_capacity_Ah;
    assert_int_equal(run_segment(f, CF_CONTROL_CURRENT, 1001 * q, 10, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "for this cell's"));
    /* Inside every range: runs (a rest is a zero current). */
    assert_int_equal(run_segment(f, CF_CONTROL_CURRENT, 0, 10, &err), CF_OK);
    assert_int_equal(run_segment(f, CF_CONTROL_CURRENT, q, 10, &err), CF_OK);
    /* The C-rate entry point: the same range. */
    cf_solution *sol = NULL;
    assert_int_equal(cf_sim_reset(f->plan, &err), CF_OK);
    assert_int_equal(cf_sim_run_crate(f->plan, 1000.5, &sol, &err), CF_EINVAL);
    assert_null(sol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parser_agrees_with_the_range_at_every_bound),
        cmocka_unit_test(test_the_ranges_themselves),
        cmocka_unit_test(test_cell_temperature_is_the_option_range),
        cmocka_unit_test(test_simulator_refuses_the_same),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
