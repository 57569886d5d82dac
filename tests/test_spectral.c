/* test_spectral.c — the spectral (polynomial Galerkin) particles:
 *  - the node rule integrates s^k over the sphere exactly for k <= 2n-2
 *    (Gauss-Radau in s = (r/R)^2 with the weight 3/2 s^(1/2)), with positive
 *    weights and the last node on the surface;
 *  - the rows are exact for every polynomial profile of the space: for
 *    c = (r/R)^(2k), k < n, the analytic dc/dt = D 2k(2k+1) s^(k-1) / R^2 with
 *    the surface flux -2k D/R makes every row vanish;
 *  - the diffusion rows carry no lithium: sum_i vol_i (rows without c')
 *    equals the surface term N_surf for any profile;
 *  - an SPM discharge (particles only) with 12 nodes agrees with finite
 *    volumes at 160 shells (both near the converged particles) and differs
 *    from 20 shells by more than from 160: the finite volumes converge
 *    towards it;
 *  - the step start: the mode sum S_n(tau) (surface response of the n-node
 *    rows to a unit outward flux from t = 0, R = D = 1) equals the rows'
 *    own response integrated by implicit Euler; S_n + the step-start shape
 *    is the exact sphere's response, which 64 nodes reproduce from
 *    tau = 1e-3 on while 4 nodes do not; the shape is continuous where the
 *    exact response changes formula (tau = 0.04) and 0 from tau_cut on;
 *  - step starts in every model: through a 2C step from rest and a rest after
 *    it, 4 nodes with the correction follow the converged particles (48
 *    nodes) in the SPM, SPMe (to 0.005 mV: their particle currents are
 *    steps, for which the correction is exact) and DFN (0.1 mV), in voltage
 *    and in the surface concentration the variables report, where the 4
 *    nodes' own surface value is 100 times further off. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_variables.h"
#include "model/plan_internal.h"

static void test_quadrature(void **state)
{
    (void)state;
    for (int n = 2; n <= CF_SPECTRAL_MAX; n++) {
        cf_particle_mesh m;
        memset(&m, 0, sizeof m);
        double R = 2e-6;
        assert_int_equal(cf_particle_mesh_init_spectral(&m, n, R), 0);
        assert_true(fabs(m.node_s[n - 1] - 1.0) < 1e-15);
        for (int i = 0; i < n; i++) {
            assert_true(m.vol[i] > 0);
            if (i > 0) assert_true(m.node_s[i] > m.node_s[i - 1]);
        }
        for (int k = 0; k <= 2 * n - 2; k++) {
            double v = 0.0;
            for (int i = 0; i < n; i++) v += m.vol[i] / (R * R * R / 3.0) * pow(m.node_s[i], k);
            double exact = 3.0 / (2.0 * k + 3.0);
            if (fabs(v / exact - 1) > 1e-11) fail_msg("n %d k %d: %.16g vs %.16g", n, k, v, exact);
        }
        cf_particle_mesh_free(&m);
    }
}

/* A side holding one constant-diffusivity spectral particle. */
static void side_with(cf_side *sd, int n, double R, double D)
{
    memset(sd, 0, sizeof *sd);
    sd->nph = 1;
    sd->Ds[0] = D;
    assert_int_equal(cf_particle_mesh_init_spectral(&sd->pm[0], n, R), 0);
}

static void test_polynomials_exact(void **state)
{
    (void)state;
    double R = 5.86e-6, D = 3.3e-14;
    for (int n = 3; n <= 12; n++) {
        cf_side sd;
        side_with(&sd, n, R, D);
        const double *s = sd.pm[0].node_s;
        double c[CF_SPECTRAL_MAX], cp[CF_SPECTRAL_MAX], F[CF_SPECTRAL_MAX];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                c[i] = 1000.0 * pow(s[i], k);
                cp[i] = k ? 1000.0 * D * 2 * k * (2 * k + 1) * pow(s[i], k - 1) / (R * R) : 0.0;
            }
            double N_surf = R * R * (-1000.0 * D * 2 * k / R); /* r^2 times the outward flux */
            cf_particle_rows_spectral(NULL, &sd, 0, c, cp, N_surf, F);
            double scale = 1000.0 * D * 2 * (k + 1) * (2 * k + 3) / (R * R);
            for (int i = 0; i < n; i++)
                if (fabs(F[i]) > 1e-9 * scale) fail_msg("n %d k %d row %d: %g (scale %g)", n, k, i, F[i], scale);
        }
        cf_particle_mesh_free(&sd.pm[0]);
    }
}

static void test_rows_conserve(void **state)
{
    (void)state;
    int n = 9;
    double R = 5.22e-6, D = 4e-15, N_surf = 3.7e-9;
    cf_side sd;
    side_with(&sd, n, R, D);
    double c[CF_SPECTRAL_MAX], zero[CF_SPECTRAL_MAX] = {0}, F[CF_SPECTRAL_MAX];
    srand(3);
    for (int i = 0; i < n; i++) c[i] = 20000.0 + 5000.0 * rand() / RAND_MAX;
    cf_particle_rows_spectral(NULL, &sd, 0, c, zero, N_surf, F);
    double total = 0.0, size = 0.0;
    for (int i = 0; i < n; i++) {
        total += sd.pm[0].vol[i] * F[i];
        size += fabs(sd.pm[0].vol[i] * F[i]);
    }
    assert_true(fabs(total - N_surf) < 1e-12 * (size + fabs(N_surf)));
    cf_particle_mesh_free(&sd.pm[0]);
}

/* Voltage of a chen2020 SPM 1C discharge at output times 60 s apart. */
static cf_solution *discharge(cf_discretisation disc, int nr)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    opt.n_neg = opt.n_sep = opt.n_pos = 8;
    opt.nr_neg = opt.nr_pos = nr;
    opt.discretisation = disc;
    opt.rtol = opt.atol = 1e-9;
    opt.output_dt_s = 60.0;
    cf_plan *plan;
    cf_solution *sol;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_simulate_crate(plan, 1.0, &sol, &err), 0);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return sol;
}

/* Largest voltage difference at the common output times from 60 s on. */
static double max_diff(const cf_solution *a, const cf_solution *b)
{
    double d = 0.0;
    for (size_t i = 1; i < a->n && i < b->n; i++) {
        if (fabs(a->t[i] - b->t[i]) > 1e-6 || a->t[i] + 60.0 > a->t[a->n - 1] || a->t[i] + 60 > b->t[b->n - 1])
            continue;
        d = fmax(d, fabs(a->voltage[i] - b->voltage[i]));
    }
    return d;
}

static void test_agrees_with_fine_fv(void **state)
{
    (void)state;
    cf_solution *sp = discharge(CF_DISC_SPECTRAL, 12), *fv160 = discharge(CF_DISC_FV, 160),
                *fv20 = discharge(CF_DISC_FV, 20);
    double d160 = max_diff(sp, fv160), d20 = max_diff(sp, fv20);
    double c_sp = sp->capacity_Ah[sp->n - 1], c_fv = fv160->capacity_Ah[fv160->n - 1];
    print_message("spectral 12 vs fv 160: %.4f mV, vs fv 20: %.4f mV; capacity %.7f vs %.7f Ah\n", d160 * 1e3,
                  d20 * 1e3, c_sp, c_fv);
    assert_true(d160 < 0.1e-3);
    assert_true(d20 > 4 * d160);
    assert_true(fabs(c_sp / c_fv - 1) < 1e-4);
    cf_solution_free(sp);
    cf_solution_free(fv160);
    cf_solution_free(fv20);
}

/* Bad options are refused with the allowed range. */
/* Surface value at tau of the n-node rows' response to a unit outward flux
 * (R = D = 1) by implicit Euler with step dt: (I + dt A0) c+ = c - dt e_n/w_n 3. */
static double integrated_step_response(const cf_particle_mesh *m, double tau, double dt)
{
    int n = m->nr;
    double M[CF_SPECTRAL_MAX * CF_SPECTRAL_MAX], c[CF_SPECTRAL_MAX] = {0};
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) M[i * n + k] = dt * m->A0[i * n + k] + (i == k);
    /* LU without pivoting (diagonally dominant) */
    for (int k = 0; k < n; k++)
        for (int i = k + 1; i < n; i++) {
            double f = M[i * n + k] / M[k * n + k];
            M[i * n + k] = f;
            for (int j = k + 1; j < n; j++) M[i * n + j] -= f * M[k * n + j];
        }
    long steps = lround(tau / dt);
    for (long s = 0; s < steps; s++) {
        c[n - 1] -= dt * m->inv_vol[n - 1]; /* N_surf = R^2 * 1 */
        for (int i = 1; i < n; i++)
            for (int k = 0; k < i; k++) c[i] -= M[i * n + k] * c[k];
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) c[i] -= M[i * n + k] * c[k];
            c[i] /= M[i * n + i];
        }
    }
    return c[n - 1];
}

static void test_step_start(void **state)
{
    (void)state;
    cf_particle_mesh m4, m8, m64;
    memset(&m4, 0, sizeof m4);
    memset(&m8, 0, sizeof m8);
    memset(&m64, 0, sizeof m64);
    assert_int_equal(cf_particle_mesh_init_spectral(&m4, 4, 1.0), 0);
    assert_int_equal(cf_particle_mesh_init_spectral(&m8, 8, 1.0), 0);
    assert_int_equal(cf_particle_mesh_init_spectral(&m64, 64, 1.0), 0);
    const cf_particle_mesh *ms[2] = {&m4, &m8};
    for (int q = 0; q < 2; q++) {
        const cf_particle_mesh *m = ms[q];
        assert_true(fabs(m->mode_zero - 3.0) < 1e-10);
        assert_int_equal(m->nmodes, m->nr - 1);
        for (int k = 0; k < 3; k++) {
            double tau = (double[]){0.005, 0.03, 0.2}[k];
            /* S_n from its modes, through the exact response and the shape */
            double exact = 1.0 - exp(tau) * erfc(-sqrt(tau)); /* short-time formula, below 0.04 */
            if (tau > 0.04) {
                double sum = 0.0;
                for (int j = 1; j <= 40; j++) {
                    double b = (j + 0.5) * 3.14159265358979323846 - 1.0 / ((j + 0.5) * 3.14159265358979323846);
                    for (int it = 0; it < 8; it++) b -= (b * cos(b) - sin(b)) / (-b * sin(b));
                    sum += exp(-b * b * tau) / (b * b);
                }
                exact = -(3.0 * tau + 0.2 - 2.0 * sum);
            }
            double Sn = exact - cf_step_start_shape(m, tau);
            double Si = integrated_step_response(m, tau, 1e-6);
            print_message("n %d tau %g: S_n %.6f integrated %.6f exact %.6f\n", m->nr, tau, Sn, Si, exact);
            assert_true(fabs(Sn - Si) < 2e-4);
        }
    }
    /* the exact response: 64 nodes reach it from tau = 1e-3 on, 4 nodes do not */
    for (double tau = 1e-3; tau < 1.0; tau *= 2) {
        assert_true(fabs(cf_step_start_shape(&m64, tau)) < 2e-4);
    }
    print_message("shape at tau 1e-3: 4 nodes %.3e, 64 nodes %.3e\n", cf_step_start_shape(&m4, 1e-3), cf_step_start_shape(&m64, 1e-3));
    assert_true(fabs(cf_step_start_shape(&m4, 1e-3)) > 5e-3); /* 19 % of S(1e-3) = -0.0367 */
    /* continuity across the change of formula, and nothing from tau_cut on */
    assert_true(fabs(cf_step_start_shape(&m8, 0.04 * (1 - 1e-9)) - cf_step_start_shape(&m8, 0.04 * (1 + 1e-9))) < 1e-9);
    assert_true(m8.tau_cut > 0.01 && m8.tau_cut < 5.0);
    assert_true(cf_step_start_shape(&m8, m8.tau_cut) == 0.0);
    assert_true(fabs(cf_step_start_shape(&m8, 0.999 * m8.tau_cut)) < 1e-11);
    cf_particle_mesh_free(&m4);
    cf_particle_mesh_free(&m8);
    cf_particle_mesh_free(&m64);
}

/* chen2020 from rest: 2C for 20 s, then 20 s at rest; one row a second. */
typedef struct {
    cf_solution *sol;
    double *surf;  /* X-averaged negative particle surface concentration, per row */
    double *raw;   /* the same without the step-start correction               */
} step_run;

static step_run run_steps(cf_model_kind kind, int nodes)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = kind;
    opt.n_neg = opt.n_sep = opt.n_pos = 10;
    opt.nr_neg = opt.nr_pos = nodes;
    opt.discretisation = CF_DISC_SPECTRAL;
    opt.rtol = opt.atol = 1e-9;
    opt.output_dt_s = 1.0;
    opt.store_states = 1;
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_int_equal(cf_sim_reset(plan, &err), 0);
    step_run r = {cf_solution_new(), NULL, NULL};
    for (int q = 0; q < 2; q++) {
        cf_segment seg;
        cf_segment_init(&seg, CF_CONTROL_CURRENT, q == 0 ? 2.0 * cell->nominal_capacity_Ah : 0.0);
        seg.duration_s = 20.0;
        cf_stop_reason why;
        assert_int_equal(cf_sim_run_segment(plan, &seg, q, 0, r.sol, &why, &err), 0);
    }
    int vi;
    assert_int_equal(cf_variable_find(plan, "X-averaged negative particle surface concentration [mol.m-3]", &vi, &err), 0);
    size_t n = r.sol->n;
    r.surf = malloc(n * sizeof(double));
    r.raw = malloc(n * sizeof(double));
    assert_int_equal(cf_variable_values(plan, vi, r.sol, 0, n, r.surf, &err), 0);
    assert_int_equal((int)r.sol->shift_n, cf_step_start_cols(plan));
    for (size_t k = 0; k < n; k++) {
        /* the negative's mean correction: the SPM/SPMe's column 0, the DFN's cells dx-weighted */
        const double *sh = r.sol->surface_shift + k * r.sol->shift_n;
        double m = sh[0];
        if (kind == CF_MODEL_DFN) {
            const cf_side *sd = &plan->side[0];
            double L = 0;
            m = 0;
            for (int c = sd->first; c <= sd->last; c++) {
                m += plan->dx[c] * sh[c * CF_MAX_PHASES];
                L += plan->dx[c];
            }
            m /= L;
        }
        r.raw[k] = r.surf[k] - m;
    }
    cf_plan_free(plan);
    cf_cell_free(cell);
    return r;
}

static void check_step_starts(cf_model_kind kind)
{
    step_run a = run_steps(kind, 4), b = run_steps(kind, 48);
    assert_int_equal(a.sol->n, b.sol->n);
    double dv = 0, dc = 0, draw = 0;
    for (size_t k = 0; k < a.sol->n; k++) {
        assert_true(fabs(a.sol->t[k] - b.sol->t[k]) < 1e-9);
        dv = fmax(dv, fabs(a.sol->voltage[k] - b.sol->voltage[k]));
        dc = fmax(dc, fabs(a.surf[k] - b.surf[k]));
        draw = fmax(draw, fabs(a.raw[k] - b.surf[k]));
    }
    print_message("%s 4 vs 48 nodes, 2C step and rest: V %.4f mV; negative surface %.3f mol/m3 (node value alone %.3f)\n",
                  cf_model_kind_name(kind), dv * 1e3, dc, draw);
    /* the SPM/SPMe's particle currents are steps, for which the correction is
     * exact; the DFN's move across x after the step, which 4 nodes follow less well */
    assert_true(dv < (kind == CF_MODEL_DFN ? 0.1e-3 : 0.005e-3));
    assert_true(dc < 0.01 * draw);
    step_run *rs[2] = {&a, &b};
    for (int q = 0; q < 2; q++) {
        cf_solution_free(rs[q]->sol);
        free(rs[q]->surf);
        free(rs[q]->raw);
    }
}
static void test_step_start_spm(void **s) { (void)s; check_step_starts(CF_MODEL_SPM); }
static void test_step_start_spme(void **s) { (void)s; check_step_starts(CF_MODEL_SPME); }
static void test_step_start_dfn(void **s) { (void)s; check_step_starts(CF_MODEL_DFN); }

static void test_options_refused(void **state)
{
    (void)state;
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin("chen2020", &cell, &err), 0);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.discretisation = CF_DISC_SPECTRAL;
    opt.nr_neg = CF_SPECTRAL_MAX + 1;
    cf_plan *plan = NULL;
    assert_int_not_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_non_null(strstr(err.message, "2 to 64 nodes"));
    opt.nr_neg = 6;
    opt.discretisation = (cf_discretisation)7;
    assert_int_not_equal(cf_plan_new(cell, &opt, &plan, &err), 0);
    assert_non_null(strstr(err.message, "fv, spectral"));
    cf_discretisation d;
    assert_int_not_equal(cf_discretisation_parse("chebyshev", &d, &err), 0);
    assert_string_equal(err.where, "--discretisation");
    assert_int_equal(cf_discretisation_parse("spectral", &d, &err), 0);
    assert_int_equal(d, CF_DISC_SPECTRAL);
    cf_cell_free(cell);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quadrature),          cmocka_unit_test(test_polynomials_exact),
        cmocka_unit_test(test_rows_conserve),       cmocka_unit_test(test_agrees_with_fine_fv),
        cmocka_unit_test(test_options_refused),     cmocka_unit_test(test_step_start),
        cmocka_unit_test(test_step_start_spm),      cmocka_unit_test(test_step_start_spme),
        cmocka_unit_test(test_step_start_dfn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
