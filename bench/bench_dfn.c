/* bench_dfn.c — time a 1C DFN discharge of chen2020 in-process.
 *
 * Plan once, run many: the plan (mesh, Jacobian pattern, KLU symbolic
 * analysis) is built once; each timed run resets the state and integrates
 * the full discharge to 2.5 V.  Prints the median of N runs after a warm-up,
 * solver work per run, the heap a plan and a run hold (glibc's mallinfo2:
 * bytes allocated and not freed, so the cell loaded before is left out)
 * and the process's peak memory.
 *
 * usage: bench_dfn [--mesh N] [--runs N] [--model spm|spme|dfn] [--crate X] [--rtol R] [--atol A]
 *                  [--linear-solver auto|klu] [--integrator bdf|ida] [--mesh-x N] [--mesh-r N]
 *                  [--discretisation fv|spectral] [--cell NAME|FILE] [--thermal isothermal|lumped|x]
 *                  [--heat-sources 0|1]   (with a thermal model: the heat columns at every row; default 1)
 * (--mesh-x N or N,S,P: negative, separator, positive) */
#define _POSIX_C_SOURCE 200809L
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cellforge/cellforge.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

/* The process's CPU time: on a shared machine it counts only this run's
 * work, not the time other processes hold the core. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_once(cf_plan *plan, double crate, double soc, cf_solution **sol, cf_error *err)
{
    int rc = isnan(soc) ? cf_sim_reset(plan, err) : cf_sim_reset_soc(plan, soc, err);
    return rc ? rc : cf_sim_run_crate(plan, crate, sol, err);
}

int main(int argc, char **argv)
{
    int mesh = 0, runs = 20, heat_sources = 1, mesh_x = 0, mesh_xs = 0, mesh_xp = 0, mesh_r = 0;
    double crate = 1.0, rtol = 1e-6, atol = 1e-6;
    const char *model = "dfn", *linsol = "auto", *integ = "bdf", *disc = "spectral", *cellname = "chen2020", *thermal = "isothermal";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--mesh")) mesh = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--runs")) runs = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--crate")) crate = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--model")) model = argv[i + 1];
        else if (!strcmp(argv[i], "--rtol")) rtol = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--atol")) atol = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--linear-solver")) linsol = argv[i + 1];
        else if (!strcmp(argv[i], "--integrator")) integ = argv[i + 1];
        else if (!strcmp(argv[i], "--mesh-x")) {
            /* N, or N,S,P per domain (negative, separator, positive) */
            if (sscanf(argv[i + 1], "%d,%d,%d", &mesh_x, &mesh_xs, &mesh_xp) != 3) mesh_xs = mesh_xp = mesh_x;
        }
        else if (!strcmp(argv[i], "--mesh-r")) mesh_r = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--discretisation")) disc = argv[i + 1];
        else if (!strcmp(argv[i], "--cell")) cellname = argv[i + 1];
        else if (!strcmp(argv[i], "--thermal")) thermal = argv[i + 1];
        else if (!strcmp(argv[i], "--heat-sources")) heat_sources = atoi(argv[i + 1]) != 0;
    }
    if ((mesh != 0 && mesh < 2) || runs < 1 || runs > 100000) {
        fprintf(stderr, "bench_dfn: --mesh must be >= 2 and --runs in [1, 100000]\n");
        return 2;
    }
    cf_error err;
    cf_cell *cell;
    cf_model_options opt;
    cf_model_options_default(&opt);
    if (cf_model_kind_parse(model, &opt.kind, &err) || cf_linear_solver_parse(linsol, &opt.linear_solver, &err) ||
        cf_integrator_parse(integ, &opt.integrator, &err) || cf_discretisation_parse(disc, &opt.discretisation, &err) ||
        cf_thermal_mode_parse(thermal, &opt.thermal, &err) || cf_cell_load(cellname, &cell, &err)) {
        fprintf(stderr, "bench_dfn: %s\n", err.message);
        return 2;
    }
    opt.n_neg = opt.n_sep = opt.n_pos = mesh_x > 0 ? mesh_x : mesh;
    if (mesh_x > 0) {
        opt.n_sep = mesh_xs > 0 ? mesh_xs : mesh_x;
        opt.n_pos = mesh_xp > 0 ? mesh_xp : mesh_x;
    }
    opt.nr_neg = opt.nr_pos = mesh_r > 0 ? mesh_r : mesh;
    cf_model_options_resolve(&opt); /* 0: the discretisation's default mesh, printed below */
    opt.rtol = rtol;
    opt.atol = atol;
    opt.heat_sources = heat_sources;
    size_t heap0 = mallinfo2().uordblks;
    double t0 = now_ms();
    cf_plan *plan;
    if (cf_plan_new(cell, &opt, &plan, &err)) {
        fprintf(stderr, "bench_dfn: %s: %s\n", err.where, err.message);
        return 1;
    }
    double plan_ms = now_ms() - t0;
    size_t heap_plan = mallinfo2().uordblks - heap0;
    /* the state `cellforge simulate --crate X` starts from (a cell assembled
     * discharged starts a discharge charged) */
    double soc = cf_cell_start_soc(cell, crate);
    cf_solution *sol;
    if (run_once(plan, crate, soc, &sol, &err)) { /* warm-up */
        fprintf(stderr, "bench_dfn: %s: %s\n", err.where, err.message);
        return 1;
    }
    double cap = sol->capacity_Ah[sol->n - 1];
    /* the plan after a run (its integrator's workspace is allocated by then)
     * and that run's solution, both still held */
    size_t heap_run = mallinfo2().uordblks - heap0;
    cf_solution_free(sol);
    cf_solver_stats s0, s1;
    cf_sim_stats(plan, &s0);
    double *ms = malloc(sizeof(double) * (size_t)runs), *cpu = malloc(sizeof(double) * (size_t)runs);
    for (int r = 0; r < runs; r++) {
        double a = now_ms(), c = cpu_ms();
        if (run_once(plan, crate, soc, &sol, &err)) {
            fprintf(stderr, "bench_dfn: %s\n", err.message);
            return 1;
        }
        ms[r] = now_ms() - a;
        cpu[r] = cpu_ms() - c;
        cf_solution_free(sol);
    }
    cf_sim_stats(plan, &s1);
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("case            %s %s %gC discharge, mesh %d,%d,%d in x, %d per particle (%s), %d unknowns, rtol %g "
           "atol %g, linear solver %s, integrator %s\n", cellname, model, crate, opt.n_neg, opt.n_sep, opt.n_pos,
           opt.nr_neg, disc, cf_plan_size(plan), rtol, atol, linsol, integ);
    printf("capacity_Ah     %.5f\n", cap);
    printf("plan_ms         %.3f (once)\n", plan_ms);
    printf("median_ms       %.3f (min %.3f, max %.3f, %d runs)\n", ms[runs / 2], ms[0], ms[runs - 1], runs);
    printf("cpu_ms          %.3f (min %.3f, max %.3f, %d runs; CPU time of the process)\n", cpu[runs / 2], cpu[0],
           cpu[runs - 1], runs);
    printf("steps           %.1f per run\n", (double)(s1.steps - s0.steps) / runs);
    printf("newton_iters    %.1f per run\n", (double)(s1.newton_iters - s0.newton_iters) / runs);
    printf("jacobian_evals  %.1f per run\n", (double)(s1.jacobian_evals - s0.jacobian_evals) / runs);
    printf("residual_evals  %.1f per run\n", (double)(s1.residual_evals - s0.residual_evals) / runs);
    printf("error_test_fails %.1f per run\n", (double)(s1.error_test_fails - s0.error_test_fails) / runs);
    printf("newton_fails    %.1f per run\n", (double)(s1.newton_fails - s0.newton_fails) / runs);
    printf("heap_kB         %.1f plan, %.1f plan + run and its solution\n", heap_plan / 1024.0, heap_run / 1024.0);
    printf("peak_rss_MB     %.1f\n", ru.ru_maxrss / 1024.0);
    free(ms);
    free(cpu);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return 0;
}
