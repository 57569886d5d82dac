/* test_thermal.c — the lumped energy balance conserves energy.
 *
 * 1. At every output row the heat sources, each evaluated on its own from
 *    the discrete solution (ohmic heat -i.grad(phi) at the finite-volume
 *    faces of solid and electrolyte, a j eta, a j T dU/dT, i^2/sigma in the
 *    collectors), add up to the electrical power into the cell less the
 *    power the reactions store at their equilibrium (enthalpy) potential,
 *    plus the collectors' heat: the heat the temperature row integrates.
 *    1e-6 relative (the algebraic rows hold to the solver's tolerance, here
 *    1e-10; at the default 1e-6 the sum is within ~0.3 %).
 * 2. Adiabatic (h = 0): C (T_end - T_0) equals the time integral of that
 *    heat (trapezoid on 1 s rows, 1e-4 relative).
 * 3. Cooling: with h > 0 after the load the cell returns to the ambient.
 * 5. A contact resistance R lowers the terminal voltage by I R and heats
 *    the cell by I^2 R (in every check above: the cell has 10 mOhm).
 * 4. Without the heat sources (model option heat_sources 0) the run is the
 *    same (temperatures within 1e-9 K) and the heat columns are NaN.
 * The cell carries entropic data so the reversible heat is not zero.  In the
 * SPM and SPMe the electrolyte heat is what the others leave (their
 * electrolyte has no potential of its own), so (1) tests the DFN's sources;
 * for them it checks the signs and the reversible heat. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/protocol_run.h"

static cf_cell *thermal_cell(double h)
{
    cf_cell *cell;
    cf_error err;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_fn_set_constant(&cell->neg.phase[0].entropic, -1e-4);
    cf_fn_set_constant(&cell->pos.phase[0].entropic, 2e-4);
    cell->thermal.h_W_m2_K = h;
    cell->contact_resistance_ohm = 0.01; /* its heat is in the collectors' column */
    return cell;
}

static int g_heat_sources = 1; /* of the next run */
static cf_thermal_mode g_mode = CF_THERMAL_LUMPED; /* and its energy balance */

static cf_solution *run(cf_cell *cell, cf_model_kind kind, const char *protocol, double dt, double tol)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.thermal = g_mode;
    opt.output_dt_s = dt;
    opt.rtol = opt.atol = tol;
    opt.heat_sources = g_heat_sources;
    return cf_test_run_ok(cell, &opt, protocol, NAN, NULL);
}

static void check_sources(cf_model_kind kind)
{
    cf_cell *cell = thermal_cell(10.0);
    cf_solution *s = run(cell, kind, "Discharge at 2C until 2.7 V; Charge at 1C for 10 minutes", 0, 1e-10);
    assert_true(s->has_thermal);
    double worst = 0, rev = 0;
    for (size_t i = 0; i < s->n; i++) {
        double sum = s->heat_ohmic_solid_W[i] + s->heat_ohmic_electrolyte_W[i] + s->heat_reaction_W[i] +
                     s->heat_reversible_W[i] + s->heat_collector_W[i];
        double scale = fabs(s->heat_total_W[i]) + fabs(s->current[i] * s->voltage[i]) * 1e-3;
        double e = fabs(sum - s->heat_total_W[i]) / scale;
        if (e > worst && e > 1e-6)
            print_message("row %zu t %.3f I %.4f total %.6g sum %.6g\n", i, s->t[i], s->current[i], s->heat_total_W[i], sum);
        worst = fmax(worst, e);
        rev = fmax(rev, fabs(s->heat_reversible_W[i]));
        assert_true(s->heat_ohmic_solid_W[i] >= -1e-9 && s->heat_collector_W[i] >= 0);
    }
    print_message("%s: sources vs total, worst %.2e relative; reversible up to %.3f W\n", cf_model_kind_name(kind),
                  worst, rev);
    assert_true(worst < 1e-6);
    assert_true(rev > 0.1);
    cf_solution_free(s);
    cf_cell_free(cell);
}

static void test_sources_dfn(void **st) { (void)st; check_sources(CF_MODEL_DFN); }
/* The through-cell model: its nodes' local sources (what its rows integrate) add up likewise. */
static void test_sources_x(void **st)
{
    (void)st;
    g_mode = CF_THERMAL_X;
    check_sources(CF_MODEL_DFN);
    g_mode = CF_THERMAL_LUMPED;
}

/* Simpson's rule over rows equally spaced in time (an even number of intervals). */
static double simpson(const double *t, const double *f, size_t n)
{
    double s = 0.0;
    size_t m = (n - 1) / 2 * 2; /* intervals Simpson takes; a last odd one by the trapezoid */
    for (size_t i = 0; i + 2 <= m; i += 2) s += (t[i + 2] - t[i]) / 6.0 * (f[i] + 4.0 * f[i + 1] + f[i + 2]);
    if (m < n - 1) s += 0.5 * (t[n - 1] - t[n - 2]) * (f[n - 1] + f[n - 2]);
    return s;
}

/* The through-cell model conserves energy over a discharge: the heat its
 * layers hold at the end (sum of rho c_p L A times each layer's mean
 * temperature rise: within a layer rho c_p is uniform) plus the heat given
 * to the ambient equals the heat generated, the electrical work less the
 * energy the reactions stored (heat_total_W), to 1e-6 relative.  Rows of
 * 0.5 s, Simpson's rule, rtol 1e-10; h = 10 W/(m2 K) as chen2020's. */
static void test_x_conservation(void **st)
{
    (void)st;
    g_mode = CF_THERMAL_X;
    cf_cell *cell = thermal_cell(10.0);
    cf_solution *s = run(cell, CF_MODEL_DFN, "Discharge at 2C until 2.5 V", 0.5, 1e-10);
    g_mode = CF_THERMAL_LUMPED;
    const cf_thermal *t = &cell->thermal;
    double L[CF_N_LAYERS] = {t->cc_thickness_m[0], cell->neg.thickness_m, cell->sep.thickness_m,
                             cell->pos.thickness_m, t->cc_thickness_m[1]};
    double held = 0.0;
    for (int l = 0; l < CF_N_LAYERS; l++)
        held += t->density_kg_m3[l] * t->heat_capacity_J_kg_K[l] * L[l] * cell->area_m2 *
                (s->layer_temperature_K[l][s->n - 1] - s->layer_temperature_K[l][0]);
    double q = simpson(s->t, s->heat_total_W, s->n), out = simpson(s->t, s->cooling_W, s->n);
    double *iv = malloc(s->n * sizeof *iv);
    for (size_t i = 0; i < s->n; i++) iv[i] = s->current[i] * s->voltage[i];
    double work = simpson(s->t, iv, s->n);
    free(iv);
    print_message("x 2C: held %.6f J + to the ambient %.6f J vs generated %.6f J (%.2e); electrical work %.1f J\n", held,
                  out, q, fabs(held + out - q) / q, work);
    assert_true(fabs(held + out - q) < 1e-6 * q);
    assert_true(out > 0.05 * q); /* the cooling is part of the balance */
    /* the hottest node is at least as hot as the mean, and the layers differ */
    double spread = 0.0;
    for (size_t i = 0; i < s->n; i++) {
        assert_true(s->temperature_max_K[i] >= s->temperature_K[i] - 1e-12);
        spread = fmax(spread, s->layer_temperature_K[CF_LAYER_POS][i] - s->layer_temperature_K[CF_LAYER_NCC][i]);
    }
    assert_true(spread > 0.0);
    cf_solution_free(s);
    cf_cell_free(cell);
}
static void test_sources_spme(void **st) { (void)st; check_sources(CF_MODEL_SPME); }
static void test_sources_spm(void **st) { (void)st; check_sources(CF_MODEL_SPM); }

static void test_adiabatic(void **st)
{
    (void)st;
    cf_cell *cell = thermal_cell(0.0);
    cf_solution *s = run(cell, CF_MODEL_DFN, "Discharge at 2C until 2.5 V", 1.0, 1e-8);
    const cf_thermal *t = &cell->thermal;
    double L[CF_N_LAYERS] = {t->cc_thickness_m[0], cell->neg.thickness_m, cell->sep.thickness_m,
                             cell->pos.thickness_m, t->cc_thickness_m[1]};
    double sL = 0, rc = 0;
    for (int l = 0; l < CF_N_LAYERS; l++) {
        sL += L[l];
        rc += t->density_kg_m3[l] * t->heat_capacity_J_kg_K[l] * L[l];
    }
    double C = rc / sL * t->volume_m3, q = 0;
    for (size_t i = 1; i < s->n; i++) q += 0.5 * (s->t[i] - s->t[i - 1]) * (s->heat_total_W[i] + s->heat_total_W[i - 1]);
    double dT = s->temperature_K[s->n - 1] - s->temperature_K[0];
    print_message("adiabatic 2C: C dT = %.4f J, integrated heat %.4f J (%.2e)\n", C * dT, q, fabs(C * dT - q) / q);
    assert_true(fabs(C * dT - q) < 1e-4 * q);
    cf_solution_free(s);
    cf_cell_free(cell);
}

static void test_cooling(void **st)
{
    (void)st;
    cf_cell *cell = thermal_cell(200.0);
    cf_solution *s = run(cell, CF_MODEL_SPME, "Discharge at 2C for 10 minutes; Rest for 2 hours", 0, 1e-8);
    double Tmax = 0;
    for (size_t i = 0; i < s->n; i++) Tmax = fmax(Tmax, s->temperature_K[i]);
    double Tend = s->temperature_K[s->n - 1];
    /* time constant C / (h A) ~ 40 s: two hours bring it back within a trace */
    assert_true(Tmax > 298.15 + 0.1);
    assert_true(fabs(Tend - 298.15) < 1e-3);
    assert_true(fabs(s->cooling_W[s->n - 1]) < 1e-2);
    cf_solution_free(s);
    cf_cell_free(cell);
}

static void test_contact_resistance(void **st)
{
    (void)st;
    const cf_model_kind kinds[] = {CF_MODEL_DFN, CF_MODEL_SPME, CF_MODEL_SPM};
    for (int k = 0; k < 3; k++) {
        cf_cell *cell = thermal_cell(10.0);
        cf_solution *s[2];
        for (int r = 0; r < 2; r++) {
            cell->contact_resistance_ohm = r ? 0.02 : 0.0;
            s[r] = run(cell, kinds[k], "Discharge at 1C for 1 minute", 0, 1e-8);
        }
        /* the first row: the same state, the terminal I R lower */
        double I = s[1]->current[0], dV = s[0]->voltage[0] - s[1]->voltage[0];
        print_message("%s: contact 20 mOhm at %.3f A: %.6f V lower\n", cf_model_kind_name(kinds[k]), I, dV);
        assert_true(fabs(dV - 0.02 * I) < 1e-7);
        assert_true(fabs(s[1]->heat_collector_W[0] - s[0]->heat_collector_W[0] - 0.02 * I * I) < 1e-9);
        cf_solution_free(s[0]);
        cf_solution_free(s[1]);
        cf_cell_free(cell);
    }
}

static void test_without_heat_sources(void **st)
{
    (void)st;
    cf_cell *cell = thermal_cell(10.0);
    cf_solution *s[2];
    for (int k = 0; k < 2; k++) {
        g_heat_sources = k;
        s[k] = run(cell, CF_MODEL_DFN, "Discharge at 2C for 10 minutes; Rest for 5 minutes", 0, 1e-6);
    }
    g_heat_sources = 1;
    assert_int_equal(s[0]->n, s[1]->n);
    assert_true(s[1]->has_heat_sources && !s[0]->has_heat_sources && s[0]->has_thermal);
    double worst = 0;
    for (size_t i = 0; i < s[0]->n; i++) {
        worst = fmax(worst, fabs(s[0]->temperature_K[i] - s[1]->temperature_K[i]));
        assert_true(isnan(s[0]->heat_total_W[i]) && isnan(s[0]->heat_reaction_W[i]));
        assert_true(fabs(s[0]->cooling_W[i] - s[1]->cooling_W[i]) < 1e-8);
    }
    assert_true(worst < 1e-9);
    assert_true(s[0]->temperature_K[s[0]->n - 1] > 300.0);
    cf_solution_free(s[0]);
    cf_solution_free(s[1]);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sources_dfn), cmocka_unit_test(test_sources_x),
                                       cmocka_unit_test(test_x_conservation), cmocka_unit_test(test_sources_spme),
                                       cmocka_unit_test(test_sources_spm), cmocka_unit_test(test_adiabatic),
                                       cmocka_unit_test(test_cooling), cmocka_unit_test(test_without_heat_sources),
                                       cmocka_unit_test(test_contact_resistance)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
