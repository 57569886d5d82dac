#define _POSIX_C_SOURCE 200809L
/* cmd_simulate.c — `cellforge simulate`: run a cell under a protocol and
 * report capacity, energy, duration and final voltage. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cellforge/cellforge.h"
#include "cli.h"

static const char *USAGE =
    "usage: cellforge simulate [options]\n"
    "\n"
    "Simulates a cell; with no options, a 1C constant-current discharge of the\n"
    "built-in chen2020 cell (LG M50) with the DFN model, from 100 %% SOC to the\n"
    "lower cut-off voltage, and prints a short summary.\n"
    "\n"
    "options:\n"
    "  --cell NAME|FILE   built-in cell (chen2020) or a cell JSON file (docs/cell-format.md)\n"
    "  --model M          spm | spme | dfn (default dfn)\n"
    "  --crate X          constant current at X C; X > 0 discharges to the lower cut-off,\n"
    "                     X < 0 charges to the upper cut-off (default 1)\n"
    "  --soc S            initial state of charge in [0, 1] (default: the cell's initial\n"
    "                     state, 100 %% for chen2020; 0 when charging with --crate < 0)\n"
    "  --temperature T    cell temperature in degC (default: the cell's, 25 degC for chen2020)\n"
    "  --mesh N           finite volumes per domain and per particle (default 20)\n"
    "  --out FILE.csv     write the time series: time_s,current_A,voltage_V,capacity_Ah,\n"
    "                     energy_Wh,step,cycle (positive current = discharge)\n"
    "  --output-dt S      one CSV row every S seconds (default: one per solver step)\n"
    "  --rtol R           solver relative tolerance (default 1e-6; absolute tolerances scale with it)\n"
    "  --json             print one JSON object with the results instead of the summary\n"
    "  -h, --help         this help\n";

typedef struct {
    const char *cell, *model, *out;
    double crate, temperature_C, output_dt, rtol, soc;
    long mesh;
    int json, has_temperature;
} sim_args;

static int parse_args(int argc, char **argv, sim_args *a)
{
    static const struct option opts[] = {
        {"cell", required_argument, 0, 'c'},   {"model", required_argument, 0, 'm'},
        {"crate", required_argument, 0, 'r'},  {"out", required_argument, 0, 'o'},
        {"json", no_argument, 0, 'j'},         {"temperature", required_argument, 0, 'T'},
        {"mesh", required_argument, 0, 'n'},   {"output-dt", required_argument, 0, 'd'},
        {"rtol", required_argument, 0, 't'},    {"soc", required_argument, 0, 's'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
    *a = (sim_args){.cell = "chen2020", .model = "dfn", .crate = 1.0, .mesh = 20, .rtol = 1e-6, .soc = NAN};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': a->cell = optarg; break;
        case 'm': a->model = optarg; break;
        case 'o': a->out = optarg; break;
        case 'j': a->json = 1; break;
        case 'r':
            if (cli_parse_double("simulate", "--crate", optarg, -1000, 1000, &a->crate)) return 2;
            if (a->crate == 0) return cli_usage_error("simulate", "--crate 0 never ends; use a non-zero C-rate");
            break;
        case 'T':
            if (cli_parse_double("simulate", "--temperature", optarg, -70, 120, &a->temperature_C)) return 2;
            a->has_temperature = 1;
            break;
        case 'n':
            if (cli_parse_int("simulate", "--mesh", optarg, 2, 500, &a->mesh)) return 2;
            break;
        case 'd':
            if (cli_parse_double("simulate", "--output-dt", optarg, 1e-3, 1e6, &a->output_dt)) return 2;
            break;
        case 's':
            if (cli_parse_double("simulate", "--soc", optarg, 0, 1, &a->soc)) return 2;
            break;
        case 't':
            if (cli_parse_double("simulate", "--rtol", optarg, 1e-12, 1e-2, &a->rtol)) return 2;
            break;
        case 'h': fputs(USAGE, stdout); return -1;
        default:
            return cli_usage_error("simulate", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) return cli_usage_error("simulate", "unexpected argument '%s'", argv[optind]);
    return 0;
}

static int write_csv(const char *path, const cf_solution *s, cf_error *err)
{
    cf_outfile *f;
    int rc = cf_outfile_open(path, &f, err);
    if (rc) return rc;
    FILE *fp = cf_outfile_stream(f);
    fprintf(fp, "time_s,current_A,voltage_V,capacity_Ah,energy_Wh,step,cycle\n");
    for (size_t i = 0; i < s->n; i++)
        fprintf(fp, "%.6f,%.9g,%.9g,%.9g,%.9g,%d,%d\n", s->t[i], s->current[i], s->voltage[i], s->capacity_Ah[i],
                s->energy_Wh[i], s->step[i], s->cycle[i]);
    return cf_outfile_commit(f, err);
}

int cmd_simulate(int argc, char **argv)
{
    sim_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? 0 : rc;
    cf_error err;
    cf_error_clear(&err);
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = (int)a.mesh;
    opt.output_dt_s = a.output_dt;
    opt.rtol = a.rtol;
    opt.atol = a.rtol;
    if (cf_model_kind_parse(a.model, &opt.kind, &err)) return cli_fail("simulate", &err);
    cf_cell *cell = NULL;
    if (cf_cell_load(a.cell, &cell, &err)) return cli_fail("simulate", &err);
    if (a.has_temperature) cell->T_K = a.temperature_C + 273.15;
    cf_plan *plan = NULL;
    cf_solution *sol = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = cf_plan_new(cell, &opt, &plan, &err);
    /* A charge from the default (full) state would end at once: start empty. */
    double soc = isnan(a.soc) && a.crate < 0 ? 0.0 : a.soc;
    if (!rc) rc = isnan(soc) ? cf_sim_reset(plan, &err) : cf_sim_reset_soc(plan, soc, &err);
    if (!rc) rc = cf_sim_run_crate(plan, a.crate, &sol, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!rc && a.out) rc = write_csv(a.out, sol, &err);
    if (rc) {
        if (err.code == CF_ELIMIT || err.code == CF_ESOLVER) {
            char where[sizeof err.where];
            snprintf(where, sizeof where, "%s at %gC", cell->name, a.crate);
            cf_error_prefix_where(&err, where);
        }
        cf_solution_free(sol);
        cf_plan_free(plan);
        cf_cell_free(cell);
        return cli_fail("simulate", &err);
    }
    size_t last = sol->n - 1;
    double cap = fabs(sol->capacity_Ah[last]), energy = fabs(sol->energy_Wh[last]);
    double dur = sol->t[last] - sol->t[0], vend = sol->voltage[last];
    double wall_ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6;
    if (a.json) {
        json_t *o = json_object();
        json_object_set_new(o, "cell", json_string(cell->name));
        json_object_set_new(o, "model", json_string(cf_model_kind_name(opt.kind)));
        json_object_set_new(o, "crate", json_real(a.crate));
        if (!isnan(soc)) json_object_set_new(o, "initial_soc", json_real(soc));
        json_object_set_new(o, "temperature_C", json_real(cell->T_K - 273.15));
        json_object_set_new(o, "capacity_Ah", json_real(cap));
        json_object_set_new(o, "energy_Wh", json_real(energy));
        json_object_set_new(o, "duration_s", json_real(dur));
        json_object_set_new(o, "final_voltage_V", json_real(vend));
        json_object_set_new(o, "rows", json_integer((json_int_t)sol->n));
        json_object_set_new(o, "wall_time_ms", json_real(wall_ms));
        json_dumpf(o, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
        fputc('\n', stdout);
        json_decref(o);
    } else {
        printf("cell %s, model %s, %s at %g C (%.3f A), %.1f degC", cell->name, cf_model_kind_name(opt.kind),
               a.crate > 0 ? "discharge" : "charge", fabs(a.crate), fabs(a.crate) * cell->nominal_capacity_Ah,
               cell->T_K - 273.15);
        if (!isnan(soc)) printf(", from %.0f %% SOC", soc * 100);
        printf("\n");
        printf("  capacity      %.4f Ah\n", cap);
        printf("  energy        %.4f Wh\n", energy);
        printf("  duration      %.1f s (%.3f h)\n", dur, dur / 3600.0);
        printf("  final voltage %.4f V\n", vend);
        printf("  solved in     %.1f ms\n", wall_ms);
        if (a.out) printf("  wrote         %s (%zu rows)\n", a.out, sol->n);
    }
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return 0;
}
