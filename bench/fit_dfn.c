/* fit_dfn.c — time a 4-parameter fit of a 1C discharge and a 30-minute rest
 * (DFN, chen2020, mesh 20 per domain and particle: cellforge's default,
 * PyBaMM's default mesh) to synthetic data with known parameters.
 *
 * Data: chen2020 with its negative and positive solid diffusivities and
 * exchange-current coefficients changed (truth below), 1C (5 A) for 3300 s
 * from SOC 1 (about 92 % of the capacity, above the 2.5 V cut-off) then
 * 1800 s at rest, one point every 10 s, plus 2 mV Gaussian noise (seed
 * given).  The fit starts from the cell file's values and uses log scales
 * with bounds a factor 30 either side of them.  Prints the recovery table,
 * the iterations and simulations, and the wall and CPU time of the fit (CPU
 * time: on a shared machine it counts only this process's work).
 *
 * usage: fit_dfn [--seed N] [--mesh N] [--model spm|spme|dfn] */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cellforge/cellforge.h"

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng = 1;
static double uniform01(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (double)((rng * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}
static double gauss(void)
{
    double u1 = uniform01(), u2 = uniform01();
    if (u1 < 1e-300) u1 = 1e-300;
    return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
}

static int die(const char *what, const cf_error *e)
{
    fprintf(stderr, "fit_dfn: %s: %s: %s\n", what, e->where, e->message);
    return 1;
}

int main(int argc, char **argv)
{
    long seed = 1, mesh = 20;
    const char *model = "dfn";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--seed")) seed = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--mesh")) mesh = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--model")) model = argv[i + 1];
        else {
            fprintf(stderr, "usage: fit_dfn [--seed N] [--mesh N] [--model spm|spme|dfn]\n");
            return 2;
        }
    }
    cf_error err;
    cf_error_clear(&err);
    cf_cell *cell = NULL;
    if (cf_cell_builtin("chen2020", &cell, &err)) return die("cell", &err);
    static const char *const paths[4] = {"negative.diffusivity_m2_s", "positive.diffusivity_m2_s",
                                         "negative.exchange_current_coefficient",
                                         "positive.exchange_current_coefficient"};
    double file[4] = {cell->neg.phase[0].diffusivity_m2_s, cell->pos.phase[0].diffusivity_m2_s,
                      cell->neg.phase[0].j0_ref, cell->pos.phase[0].j0_ref};
    double truth[4] = {1.5e-14, 8e-15, 1.2e-6, 5e-6};
    cell->neg.phase[0].diffusivity_m2_s = truth[0];
    cell->pos.phase[0].diffusivity_m2_s = truth[1];
    cell->neg.phase[0].j0_ref = truth[2];
    cell->pos.phase[0].j0_ref = truth[3];

    cf_model_options mo;
    cf_model_options_default(&mo);
    if (cf_model_kind_parse(model, &mo.kind, &err)) return die("model", &err);
    mo.discretisation = CF_DISC_FV; /* the benchmark's fixed case: finite volumes, mesh N everywhere */
    mo.n_neg = mo.n_sep = mo.n_pos = mo.nr_neg = mo.nr_pos = (int)mesh;
    mo.output_dt_s = 10;
    size_t n = 511; /* 0..5100 s */
    cf_fit_data d = {.n = n, .format = CF_FIT_FORMAT_GENERIC};
    d.t_s = malloc(n * sizeof(double));
    d.current_A = malloc(n * sizeof(double));
    d.voltage_V = malloc(n * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        d.t_s[i] = 10.0 * (double)i;
        d.current_A[i] = d.t_s[i] <= 3300 ? cell->nominal_capacity_Ah : 0.0;
    }
    cf_plan *plan = NULL;
    if (cf_plan_new(cell, &mo, &plan, &err) || cf_sim_reset_soc(plan, 1.0, &err)) return die("plan", &err);
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, 0);
    seg.series_t = d.t_s;
    seg.series_v = d.current_A;
    seg.series_n = (int)n;
    seg.duration_s = d.t_s[n - 1];
    cf_solution *sol = cf_solution_new();
    cf_stop_reason why;
    if (cf_sim_run_segment(plan, &seg, 0, 0, sol, &why, &err)) return die("synthetic data", &err);
    rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
    for (size_t i = 0, j = 0; i < n; i++) {
        while (j < sol->n && fabs(sol->t[j] - d.t_s[i]) > 1e-6) j++;
        if (j == sol->n) {
            fprintf(stderr, "fit_dfn: no row at t = %g s\n", d.t_s[i]);
            return 1;
        }
        d.voltage_V[i] = sol->voltage[j] + 2e-3 * gauss();
    }
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);

    cf_fit_param p[4];
    for (int k = 0; k < 4; k++)
        p[k] = (cf_fit_param){.path = paths[k], .lower = file[k] / 30, .upper = file[k] * 30, .initial = file[k],
                              .log_scale = 1};
    cf_fit_options o;
    cf_fit_options_default(&o);
    o.model = mo;
    o.initial_soc = 1.0;
    o.sigma_V = 2e-3;
    cf_fit_result *r = NULL;
    double c0 = cpu_s();
    int rc = cf_fit_run("chen2020", &d, p, 4, &o, &r, &err);
    double cpu = cpu_s() - c0;
    if (rc) return die("fit", &err);
    printf("%s fit of chen2020, mesh %ld, %zu points (1C for 3300 s, 1800 s rest), 2 mV noise, seed %ld\n", model,
           mesh, n, seed);
    printf("%-40s %12s %12s %12s   %s\n", "parameter", "cell file", "true", "fitted", "95 % interval");
    int all_in = 1;
    for (int k = 0; k < 4; k++) {
        const cf_fit_param_result *q = &r->params[k];
        int in = q->lower_ci <= truth[k] && truth[k] <= q->upper_ci;
        all_in &= in;
        printf("%-40s %12.4g %12.4g %12.4g   [%.4g, %.4g]%s\n", q->path, file[k], truth[k], q->value, q->lower_ci,
               q->upper_ci, in ? "" : "  (true value outside)");
    }
    printf("rms %.3f mV; %d iterations, %d simulations; %s\n", 1e3 * r->rms_V, r->iterations, r->simulations, r->stop);
    printf("fit_wall_s %.2f\nfit_cpu_s %.2f\n", r->wall_s, cpu);
    printf("recovered %s\n", all_in ? "all within their intervals" : "NOT all within their intervals");
    cf_fit_result_free(r);
    free(d.t_s);
    free(d.current_A);
    free(d.voltage_V);
    return 0;
}
