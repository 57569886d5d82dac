#define _POSIX_C_SOURCE 200809L
/* cmd_simulate.c — `cellforge simulate`: run a cell under a constant C-rate
 * or a protocol and report capacity, energy, duration and final voltage. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"
#include "cli.h"
#include "plot_cli.h"
#include "io/json_out.h"

/* long-only options (beyond the plot options' codes) */
enum { LAM_OPT_NEG = 0x7101, LAM_OPT_POS, CRACK_OPT_NEG, CRACK_OPT_POS };

static const char *USAGE =
    "usage: cellforge simulate [CELL] [options]\n"
    "\n"
    "Simulates a cell; with no options, a 1C constant-current discharge of the\n"
    "built-in chen2020 cell (LG M50) with the DFN model, from 100 % SOC to the\n"
    "lower cut-off voltage, and prints a short summary.\n"
    "\n"
    "what to run (one of):\n"
    "  --crate X          constant current at X C, {R:crate}; X > 0\n"
    "                     discharges to the lower cut-off, X < 0 charges to the upper cut-off\n"
    "                     (default: 1)\n"
    "  --protocol TEXT    PyBaMM-style steps separated by ';', e.g.\n"
    "                     \"Charge at C/2 until 4.2 V; Hold at 4.2 V until C/50; Rest for 1 hour\"\n"
    "  --protocol-file F  a protocol file: one step per line, # comments, repeat N { ... },\n"
    "                     terminate 80% capacity (docs/protocols.md)\n"
    "  --drive-cycle F    follow a CSV drive cycle (time_s and current_A or power_W)\n"
    "\n"
    "options:\n"
    "  CELL, --cell CELL  built-in cell (docs/cells.md), a cell JSON, BPX or recipe\n"
    "                     file (docs/cell-format.md)\n"
    "  --model M          spm | spme | dfn (default dfn)\n"
    "  --soc S            initial state of charge, {R:soc} (default: the cell's initial\n"
    "                     state, 100 % for chen2020; 0 when charging with --crate < 0)\n"
    "  --temperature T    cell temperature, {R:temperature} (default: the cell's, 25 degC\n"
    "                     for chen2020); with --thermal lumped or x the start and the ambient\n"
    "  --thermal M        isothermal (default), lumped: one cell temperature heated by the\n"
    "                     ohmic, reaction, reversible and collector heat and cooled to the\n"
    "                     ambient, or x: the temperature through the cell (collectors,\n"
    "                     coatings, separator), each volume heated by its own sources and\n"
    "                     cooled at the two faces, DFN only (docs/thermal.md); the cell\n"
    "                     needs thermal data\n"
    "  --ambient T        ambient temperature for --thermal lumped or x, {R:temperature}\n"
    "                     (default: the cell's, or --temperature)\n"
    "  --mesh N           x volumes per domain and particle nodes (fv: volumes), {R:mesh}\n"
    "                     (default: the discretisation's, spectral 60,5,30 in x and 5\n"
    "                     nodes, fv 20 everywhere)\n"
    "  --mesh-x N         finite volumes in x per domain, [2, 2000] (default: --mesh); N,S,P:\n"
    "                     in the negative, separator and positive, each in [2, 2000]\n"
    "  --mesh-r N         per particle: nodes, [2, 64], or finite volumes with\n"
    "                     --discretisation fv, [2, 2000] (default: --mesh)\n"
    "  --discretisation D spectral (default: polynomial Galerkin particles, exact lithium\n"
    "                     balance, harmonic-mean electrolyte conductivity at the x faces;\n"
    "                     within 1 mV of the converged DFN) or fv (PyBaMM's finite\n"
    "                     volumes, for one-to-one comparisons with PyBaMM; docs/models.md)\n"
    "  --rtol R           solver relative tolerance, {R:rtol} (default 1e-6; absolute\n"
    "                     tolerances scale with it)\n"
    "  --integrator I     bdf (cellforge's own, default) or ida (SUNDIALS IDA), for comparisons\n"
    "  --linear-solver L  auto (fixed-order sparse LU, KLU when it needs pivoting; default) or klu\n"
    "  -o, --out FILE     write the time series (CSV): time_s,current_A,voltage_V,capacity_Ah,\n"
    "                     energy_Wh,step,cycle (positive current = discharge; capacity and\n"
    "                     energy are the net discharged amounts since the start),\n"
    "                     negative_potential_V,positive_potential_V (vs Li/Li+ in the electrolyte\n"
    "                     at each collector), where the cell has them positive_li_o,\n"
    "                     li_metal_Ah, reservoir_li_Ah, alloyed_li_Ah (lithium alloyed into the\n"
    "                     positive's collector), and when a particle changes volume\n"
    "                     neg_/pos_thickness_change_pct and neg_/pos_porosity (each electrode's\n"
    "                     swelling, docs/models.md), and with --thermal lumped or x temperature_C\n"
    "                     and the heat sources in W: heat_ohmic_solid_W, heat_ohmic_electrolyte_W,\n"
    "                     heat_reaction_W, heat_reversible_W, heat_collector_W, heat_total_W,\n"
    "                     cooling_W (given to the ambient); with x also temperature_max_C and\n"
    "                     each layer's mean: temperature_negative_collector_C, _negative_C,\n"
    "                     _separator_C, _positive_C, _positive_collector_C\n"
    "  --sei MODEL        SEI growth on the negative's particles: reaction-limited,\n"
    "                     solvent-diffusion-limited, electron-migration-limited,\n"
    "                     interstitial-diffusion-limited (\"-limited\" may be left off) or none,\n"
    "                     with the cell's SEI parameters or O'Kane et al. 2022's (docs/ageing.md)\n"
    "  --plating MODEL    lithium plating on the negative's particles (O'Kane et al. 2022):\n"
    "                     reversible, irreversible, partially-reversible (plated lithium turning\n"
    "                     dead) or none (docs/ageing.md)\n"
    "  --lam-negative MODEL, --lam-positive MODEL\n"
    "                     loss of active material of that electrode: stress-driven (particle\n"
    "                     stress from concentration gradients), reaction-driven (with the\n"
    "                     SEI's side reaction; negative only), stress-and-reaction-driven,\n"
    "                     volume-driven (an alloy's swelling, e.g. tin's), volume-and-reaction-\n"
    "                     driven or none, with the cell's parameters or O'Kane et al. 2022's\n"
    "                     (docs/ageing.md)\n"
    "  --cracking-negative MODEL, --cracking-positive MODEL\n"
    "                     particle cracking of that electrode (Paris' law under the particles'\n"
    "                     surface stress): cracking, cracking-with-sei (SEI also grows on the\n"
    "                     crack walls; negative, with SEI growth) or none (docs/ageing.md)\n"
    "  --variables LIST   add model variables by PyBaMM name, comma-separated, to --out (one\n"
    "                     column per point of a profile: NAME@x=X, NAME@x=X@r=R, in m) and\n"
    "                     to --json (\"variables\": values per row with their grids), e.g.\n"
    "                     \"Negative particle surface concentration [mol.m-3],Electrolyte\n"
    "                     potential [V]\"; 'list' prints the names this model and cell have\n"
    "  --stop-on-window   end a step when an electrode leaves its potential window (the\n"
    "                     cell's potential_window_V; recipes: their materials'); without it\n"
    "                     leaving the window is only warned about\n"
    "  --output-dt S      a row at every multiple of S seconds of the run and at every step's\n"
    "                     end, {R:output_dt} (default: one row per solver step; a step's\n"
    "                     \"(1 minute period)\" sets its own)\n"
    "  --max-steps N      stop the run after N solver steps, {R:max_steps}, keeping its rows\n"
    "                     (exit 3)\n"
    "  --max-wall-time S  stop the run after S seconds of computing, {R:max_wall}, keeping\n"
    "                     its rows (exit 3)\n"
    "  --cycles-out FILE  per-cycle summary CSV (charge/discharge Ah and Wh, efficiencies, and\n"
    "                     the ageing at each cycle's end: lost lithium inventory and active\n"
    "                     material, SEI thickness, lithium in the SEI, plated and dead lithium)\n"
    "  --record FILE      process record JSON (first charge after electrolyte contact, minimum\n"
    "                     positive potential, Li/O after pre-lithiation, plated lithium) for\n"
    "                     'cellforge claims --run FILE'; needs a protocol\n"
    "  --threshold V      positive potential vs Li/Li+ below which time is counted, [-1, 5] V\n"
    "                     (default 0.3)\n"
    PLOT_CLI_USAGE
    "  --json             print one JSON object with the results instead of the summary;\n"
    "                     \"completed\" and \"termination\" say how the run ended\n"
    "  -h, --help         this help\n"
    "\n"
    "A run that stops early (a cut-off before a step's own end, a physical limit, a solver\n"
    "failure, a --max-steps/--max-wall-time budget) keeps what it computed: --out,\n"
    "--cycles-out, --record, --plot and --json hold every row up to the stop.\n";

typedef struct {
    const char *cell, *model, *out, *cycles_out, *protocol, *protocol_file, *drive_cycle, *record;
    const char *integrator, *linear_solver, *discretisation, *thermal, *sei, *plating, *variables;
    const char *lam[2]; /* --lam-negative, --lam-positive */
    const char *crack[2]; /* --cracking-negative, --cracking-positive */
    double ambient_C;
    int has_ambient;
    double crate, temperature_C, output_dt, rtol, soc, threshold, max_wall;
    long mesh, max_steps, mesh_x, mesh_r; /* mesh 0: the default; mesh_x, mesh_r 0: --mesh */
    long mesh_x3[3];                        /* --mesh-x NEG,SEP,POS (mesh_x -1) */
    int json, has_temperature, has_crate, stop_on_window, has_cell;
    plot_cli_args plot; /* --plot, --plot-kinds, --plot-profiles, --progress (plot_cli.h) */
} sim_args;


/* --mesh-x N (every domain) or N,S,P (negative, separator, positive). */
static int parse_mesh_x(const char *text, sim_args *a)
{
    if (!strchr(text, ',')) return cli_parse_int("simulate", "--mesh-x", text, 2, 2000, &a->mesh_x);
    char buf[64];
    if (strlen(text) >= sizeof buf)
        return cli_usage_error("simulate", "--mesh-x expects N or N,S,P (whole numbers in [2, 2000]), got '%s'",
                               cli_esc(text));
    strcpy(buf, text);
    int commas = 0;
    for (const char *c = text; *c; c++) commas += *c == ',';
    if (commas != 2)
        return cli_usage_error("simulate", "--mesh-x expects N or N,S,P (negative, separator, positive; whole "
                                           "numbers in [2, 2000]), got '%s'", cli_esc(text));
    const char *names[3] = {"--mesh-x (negative)", "--mesh-x (separator)", "--mesh-x (positive)"};
    char *part = buf;
    for (int n = 0; n < 3; n++) {
        char *comma = strchr(part, ',');
        if (comma) *comma = '\0';
        if (cli_parse_int("simulate", names[n], part, 2, 2000, &a->mesh_x3[n])) return 2;
        part = comma ? comma + 1 : part;
    }
    a->mesh_x = -1;
    return 0;
}

static int parse_args(int argc, char **argv, sim_args *a)
{
    static const struct option opts[] = {
        {"cell", required_argument, 0, 'c'},     {"model", required_argument, 0, 'm'},
        {"crate", required_argument, 0, 'r'},    {"out", required_argument, 0, 'o'},
        {"json", no_argument, 0, 'j'},           {"temperature", required_argument, 0, 'T'},
        {"mesh", required_argument, 0, 'n'},     {"output-dt", required_argument, 0, 'd'},
        {"rtol", required_argument, 0, 't'},     {"soc", required_argument, 0, 's'},
        {"protocol", required_argument, 0, 'p'}, {"protocol-file", required_argument, 0, 'f'},
        {"drive-cycle", required_argument, 0, 'D'}, {"cycles-out", required_argument, 0, 'C'},
        {"record", required_argument, 0, 'R'},   {"threshold", required_argument, 0, 'H'},
        {"integrator", required_argument, 0, 'I'}, {"linear-solver", required_argument, 0, 'L'},
        {"max-steps", required_argument, 0, 'N'}, {"max-wall-time", required_argument, 0, 'W'},
        {"mesh-x", required_argument, 0, 'X'},   {"mesh-r", required_argument, 0, 'Y'},
        {"discretisation", required_argument, 0, 'Z'},
        {"thermal", required_argument, 0, 'K'},  {"ambient", required_argument, 0, 'A'},
        {"stop-on-window", no_argument, 0, 'O'},
        {"sei", required_argument, 0, 'E'}, {"plating", required_argument, 0, 'G'},
        {"lam-negative", required_argument, 0, LAM_OPT_NEG}, {"lam-positive", required_argument, 0, LAM_OPT_POS},
        {"cracking-negative", required_argument, 0, CRACK_OPT_NEG},
        {"cracking-positive", required_argument, 0, CRACK_OPT_POS},
        {"variables", required_argument, 0, 'V'},
        {"plot", required_argument, 0, PLOT_CLI_OPT_PLOT}, {"plot-kinds", required_argument, 0, PLOT_CLI_OPT_KINDS},
        {"plot-profiles", required_argument, 0, PLOT_CLI_OPT_PROFILES}, {"progress", no_argument, 0, PLOT_CLI_OPT_PROGRESS},
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
    *a = (sim_args){.cell = "chen2020", .model = "dfn", .crate = 1.0, .mesh = 0, .rtol = 1e-6, .soc = NAN, .threshold = 0.3};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': a->cell = optarg; a->has_cell = 1; break;
        case 'm': a->model = optarg; break;
        case 'o': a->out = optarg; break;
        case 'C': a->cycles_out = optarg; break;
        case 'p': a->protocol = optarg; break;
        case 'f': a->protocol_file = optarg; break;
        case 'D': a->drive_cycle = optarg; break;
        case 'j': a->json = 1; break;
        case 'O': a->stop_on_window = 1; break;
        case 'V': a->variables = optarg; break;
        case 'r':
            if (cli_parse_quantity("simulate", "--crate", optarg, CF_QTY_CRATE, &a->crate)) return 2;
            a->has_crate = 1;
            break;
        case 'T':
            if (cli_parse_quantity("simulate", "--temperature", optarg, CF_QTY_TEMPERATURE_C, &a->temperature_C)) return 2;
            a->has_temperature = 1;
            break;
        case 'n':
            if (cli_parse_quantity_long("simulate", "--mesh", optarg, CF_QTY_MESH, &a->mesh)) return 2;
            break;
        case 'X':
            if (parse_mesh_x(optarg, a)) return 2;
            break;
        case 'Y':
            if (cli_parse_int("simulate", "--mesh-r", optarg, 2, 2000, &a->mesh_r)) return 2;
            break;
        case 'Z': a->discretisation = optarg; break;
        case 'K': a->thermal = optarg; break;
        case 'A':
            if (cli_parse_quantity("simulate", "--ambient", optarg, CF_QTY_TEMPERATURE_C, &a->ambient_C)) return 2;
            a->has_ambient = 1;
            break;
        case 'E': a->sei = optarg; break;
        case 'G': a->plating = optarg; break;
        case LAM_OPT_NEG: a->lam[0] = optarg; break;
        case LAM_OPT_POS: a->lam[1] = optarg; break;
        case CRACK_OPT_NEG: a->crack[0] = optarg; break;
        case CRACK_OPT_POS: a->crack[1] = optarg; break;
        case 'd':
            if (cli_parse_quantity("simulate", "--output-dt", optarg, CF_QTY_OUTPUT_DT, &a->output_dt)) return 2;
            break;
        case 's':
            if (cli_parse_quantity("simulate", "--soc", optarg, CF_QTY_SOC, &a->soc)) return 2;
            break;
        case 'R': a->record = optarg; break;
        case 'N':
            if (cli_parse_quantity_long("simulate", "--max-steps", optarg, CF_QTY_MAX_STEPS, &a->max_steps)) return 2;
            break;
        case 'W':
            if (cli_parse_quantity("simulate", "--max-wall-time", optarg, CF_QTY_MAX_WALL_S, &a->max_wall)) return 2;
            break;
        case 'I': a->integrator = optarg; break;
        case 'L': a->linear_solver = optarg; break;
        case 'H':
            if (cli_parse_double("simulate", "--threshold", optarg, -1, 5, &a->threshold)) return 2;
            break;
        case 't':
            if (cli_parse_quantity("simulate", "--rtol", optarg, CF_QTY_RTOL, &a->rtol)) return 2;
            break;
        case PLOT_CLI_OPT_PLOT: case PLOT_CLI_OPT_KINDS: case PLOT_CLI_OPT_PROFILES: case PLOT_CLI_OPT_PROGRESS:
            if (plot_cli_option(&a->plot, "simulate", ch, optarg)) return 2;
            break;
        case 'h': cli_help(stdout, "simulate", USAGE); return -1;
        default:
            return cli_usage_error("simulate", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (cli_positional_cell("simulate", argc, argv, &optind, &a->cell, a->has_cell)) return 2;
    int sources = a->has_crate + !!a->protocol + !!a->protocol_file + !!a->drive_cycle;
    if (sources > 1)
        return cli_usage_error("simulate", "give only one of --crate, --protocol, --protocol-file, --drive-cycle");
    if (a->cycles_out && sources - a->has_crate == 0)
        return cli_usage_error("simulate", "--cycles-out needs --protocol, --protocol-file or --drive-cycle");
    if (a->record && sources - a->has_crate == 0)
        return cli_usage_error("simulate", "--record needs --protocol, --protocol-file or --drive-cycle");
    return 0;
}

/* Some electrode's particles change volume: the outputs then carry each
 * electrode's thickness change and porosity over time. */
static int cell_swells(const cf_cell *c)
{
    for (int i = 0; i < c->neg.n_phases; i++)
        if (c->neg.phase[i].volume_expansion != 0) return 1;
    for (int i = 0; i < c->pos.n_phases; i++)
        if (c->pos.phase[i].volume_expansion != 0) return 1;
    return 0;
}

static void csv_number(FILE *fp, double v, const char *sep);

/* --variables: the requested variables' values and grids. */
#define MAX_VARIABLES 64
typedef struct {
    int n;
    cf_variable_info info[MAX_VARIABLES];
    int idx[MAX_VARIABLES];
    double *vals[MAX_VARIABLES], *x[MAX_VARIABLES], *r[MAX_VARIABLES];
} var_cols;

static void var_cols_free(var_cols *v)
{
    for (int i = 0; i < v->n; i++) {
        free(v->vals[i]);
        free(v->x[i]);
        free(v->r[i]);
    }
    v->n = 0;
}

/* Finds each name of the comma-separated list (before the run: an unknown
 * name is refused with the closest ones). */
static int var_cols_find(const char *list, const cf_plan *plan, var_cols *v, cf_error *err)
{
    memset(v, 0, sizeof *v);
    const char *p = list;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && *p == ' ') p++, len--;
        while (len && p[len - 1] == ' ') len--;
        if (len == 0 || len >= CF_VARIABLE_NAME_MAX)
            return cf_error_set(err, CF_EINVAL, "--variables", "an empty or too long name in '%.200s'", list);
        if (v->n == MAX_VARIABLES)
            return cf_error_set(err, CF_EINVAL, "--variables", "at most %d variables", MAX_VARIABLES);
        char name[CF_VARIABLE_NAME_MAX];
        memcpy(name, p, len);
        name[len] = 0;
        int rc = cf_variable_find(plan, name, &v->idx[v->n], err);
        if (rc) {
            snprintf(err->where, sizeof err->where, "--variables");
            return rc;
        }
        cf_variable_info_at(plan, v->idx[v->n], &v->info[v->n]);
        v->n++;
        p += len;
        while (*p == ' ') p++;
        if (*p == ',') p++;
    }
    return CF_OK;
}

/* Their values over the solution's rows (after the run). */
static int var_cols_eval(var_cols *v, cf_plan *plan, const cf_solution *sol, cf_error *err)
{
    for (int i = 0; i < v->n; i++) {
        const cf_variable_info *in = &v->info[i];
        v->vals[i] = malloc((sol->n ? sol->n : 1) * (size_t)in->n_x * (size_t)in->n_r * sizeof(double));
        v->x[i] = malloc((size_t)in->n_x * sizeof(double));
        v->r[i] = malloc((size_t)in->n_r * sizeof(double));
        if (!v->vals[i] || !v->x[i] || !v->r[i]) return cf_error_set(err, CF_ENOMEM, "--variables", "out of memory");
        cf_variable_grid(plan, v->idx[i], v->x[i], v->r[i]);
        int rc = cf_variable_values(plan, v->idx[i], sol, 0, sol->n, v->vals[i], err);
        if (rc) return rc;
    }
    return CF_OK;
}

static void var_cols_header(FILE *fp, const var_cols *v)
{
    for (int i = 0; v && i < v->n; i++) {
        const cf_variable_info *in = &v->info[i];
        for (int ix = 0; ix < in->n_x; ix++)
            for (int ir = 0; ir < in->n_r; ir++) {
                fprintf(fp, ",%s", in->name);
                if (in->n_x > 1 || (in->n_r > 1 && isfinite(v->x[i][ix]))) fprintf(fp, "@x=%.6g", v->x[i][ix]);
                if (in->n_r > 1) fprintf(fp, "@r=%.6g", v->r[i][ir]);
            }
    }
}

static void var_cols_row(FILE *fp, const var_cols *v, size_t row)
{
    for (int i = 0; v && i < v->n; i++) {
        size_t w = (size_t)v->info[i].n_x * (size_t)v->info[i].n_r;
        for (size_t k = 0; k < w; k++) {
            fputc(',', fp);
            csv_number(fp, v->vals[i][row * w + k], "");
        }
    }
}

static json_t *json_num(double v);

static json_t *var_cols_json(const var_cols *v, size_t rows)
{
    json_t *o = json_object();
    for (int i = 0; i < v->n; i++) {
        const cf_variable_info *in = &v->info[i];
        json_t *e = json_object(), *vals = json_array();
        json_object_set_new(e, "domain", json_string(in->domain));
        json_t *xs = json_null(), *rs = json_null();
        if (isfinite(v->x[i][0])) {
            xs = json_array();
            for (int k = 0; k < in->n_x; k++) json_array_append_new(xs, json_real(v->x[i][k]));
        }
        if (in->n_r > 1) {
            rs = json_array();
            for (int k = 0; k < in->n_r; k++) json_array_append_new(rs, json_real(v->r[i][k]));
        }
        json_object_set_new(e, "x_m", xs);
        json_object_set_new(e, "r_m", rs);
        size_t w = (size_t)in->n_x * (size_t)in->n_r;
        for (size_t row = 0; row < rows; row++) {
            const double *d = v->vals[i] + row * w;
            if (w == 1) {
                json_array_append_new(vals, json_num(d[0]));
                continue;
            }
            json_t *rx = json_array();
            for (int ix = 0; ix < in->n_x; ix++) {
                if (in->n_r == 1) {
                    json_array_append_new(rx, json_num(d[ix]));
                    continue;
                }
                json_t *rr = json_array();
                for (int ir = 0; ir < in->n_r; ir++) json_array_append_new(rr, json_num(d[ix * in->n_r + ir]));
                json_array_append_new(rx, rr);
            }
            if (in->n_x == 1 && in->n_r > 1) { /* one particle: its radial profile */
                json_t *only = json_incref(json_array_get(rx, 0));
                json_decref(rx);
                rx = only;
            }
            json_array_append_new(vals, rx);
        }
        json_object_set_new(e, "values", vals);
        json_object_set_new(o, in->name, e);
    }
    return o;
}

static void write_csv(FILE *fp, const cf_solution *s, int swells, const var_cols *v)
{
    /* Electrode potentials vs Li/Li+ always; the process columns (positive
     * Li/O, lithium metal on the negative, reservoir lithium left and
     * alloyed) where the cell has them; swelling when particles swell. */
    fprintf(fp, "time_s,current_A,voltage_V,capacity_Ah,energy_Wh,step,cycle,negative_potential_V,positive_potential_V"
                "%s%s%s%s%s",
            s->has_li_o ? ",positive_li_o" : "", s->has_li_metal ? ",li_metal_Ah" : "",
            s->has_reservoir ? ",reservoir_li_Ah,alloyed_li_Ah" : "",
            swells ? ",neg_thickness_change_pct,pos_thickness_change_pct,neg_porosity,pos_porosity" : "",
            s->has_thermal ? ",temperature_C,heat_ohmic_solid_W,heat_ohmic_electrolyte_W,heat_reaction_W,"
                             "heat_reversible_W,heat_collector_W,heat_total_W,cooling_W"
                           : "");
    /* through the cell: the hottest point and each layer's mean */
    const int tx = s->has_thermal == CF_THERMAL_X;
    if (tx)
        fputs(",temperature_max_C,temperature_negative_collector_C,temperature_negative_C,temperature_separator_C,"
              "temperature_positive_C,temperature_positive_collector_C",
              fp);
    var_cols_header(fp, v);
    fputc('\n', fp);
    for (size_t i = 0; i < s->n; i++) {
        fprintf(fp, "%.6f,%.9g,%.9g,%.9g,%.9g,%d,%d,%.9g,%.9g", s->t[i], s->current[i], s->voltage[i], s->capacity_Ah[i],
                s->energy_Wh[i], s->step[i] + 1, s->cycle[i] + 1, s->neg_potential[i], s->pos_potential[i]);
        if (s->has_li_o) fprintf(fp, ",%.9g", s->pos_li_o[i]);
        if (s->has_li_metal) fprintf(fp, ",%.9g", s->li_metal_Ah[i]);
        if (s->has_reservoir) fprintf(fp, ",%.9g,%.9g", s->reservoir_Ah[i], s->alloyed_Ah[i]);
        if (swells) {
            fputc(',', fp);
            csv_number(fp, s->thickness_change_pct[0][i], ",");
            csv_number(fp, s->thickness_change_pct[1][i], ",");
            csv_number(fp, s->porosity[0][i], ",");
            csv_number(fp, s->porosity[1][i], "");
        }
        if (s->has_thermal)
            fprintf(fp, ",%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g", s->temperature_K[i] - 273.15,
                    s->heat_ohmic_solid_W[i], s->heat_ohmic_electrolyte_W[i], s->heat_reaction_W[i],
                    s->heat_reversible_W[i], s->heat_collector_W[i], s->heat_total_W[i], s->cooling_W[i]);
        if (tx) {
            fprintf(fp, ",%.9g", s->temperature_max_K[i] - 273.15);
            for (int l = 0; l < CF_N_LAYERS; l++) fprintf(fp, ",%.9g", s->layer_temperature_K[l][i] - 273.15);
        }
        var_cols_row(fp, v, i);
        fputc('\n', fp);
    }
}

/* Final and largest thickness change (%), final and lowest porosity of
 * electrode e over the solution's rows. */
static void swelling_summary(const cf_solution *s, int e, double *last, double *max, double *eps, double *eps_min)
{
    *last = s->thickness_change_pct[e][s->n - 1];
    *eps = *eps_min = s->porosity[e][s->n - 1];
    *max = *last;
    for (size_t i = 0; i < s->n; i++) {
        *max = fmax(*max, s->thickness_change_pct[e][i]);
        *eps_min = fmin(*eps_min, s->porosity[e][i]);
    }
}

static void csv_number(FILE *fp, double v, const char *sep)
{
    if (isfinite(v)) fprintf(fp, "%.9g%s", v, sep);
    else fprintf(fp, "%s", sep); /* empty cell: not defined (e.g. efficiency without charge) */
}

static void write_cycles(FILE *fp, const cf_experiment_result *r)
{
    fprintf(fp, "cycle,charge_Ah,discharge_Ah,charge_Wh,discharge_Wh,coulombic_efficiency,energy_efficiency,"
                "duration_s,min_voltage_V,max_voltage_V,lli_pct,lam_neg_pct,lam_pos_pct,sei_thickness_m,li_sei_Ah,"
                "plated_li_Ah,dead_li_Ah,crack_length_neg_m,crack_length_pos_m,crack_sei_thickness_m,li_crack_sei_Ah\n");
    for (size_t i = 0; i < r->n; i++) {
        const cf_cycle_stats *c = &r->cycles[i];
        fprintf(fp, "%lld,", (long long)c->cycle + 1); /* numbered from 1 */
        csv_number(fp, c->charge_Ah, ",");
        csv_number(fp, c->discharge_Ah, ",");
        csv_number(fp, c->charge_Wh, ",");
        csv_number(fp, c->discharge_Wh, ",");
        csv_number(fp, c->coulombic_efficiency, ",");
        csv_number(fp, c->energy_efficiency, ",");
        csv_number(fp, c->duration_s, ",");
        csv_number(fp, c->min_voltage_V, ",");
        csv_number(fp, c->max_voltage_V, ",");
        csv_number(fp, c->lli_pct, ",");
        csv_number(fp, c->lam_neg_pct, ",");
        csv_number(fp, c->lam_pos_pct, ",");
        csv_number(fp, c->sei_thickness_m, ",");
        csv_number(fp, c->li_sei_Ah, ",");
        csv_number(fp, c->plated_li_Ah, ",");
        csv_number(fp, c->dead_li_Ah, ",");
        csv_number(fp, c->crack_length_neg_m, ",");
        csv_number(fp, c->crack_length_pos_m, ",");
        csv_number(fp, c->crack_sei_thickness_m, ",");
        csv_number(fp, c->li_crack_sei_Ah, "\n");
    }
}

static json_t *json_num(double v) { return isfinite(v) ? json_real(v) : json_null(); }

/* The process record read by `cellforge claims --run` (docs/recipe.md). */
static int write_record(FILE *fp, const char *path, const char *cell, const cf_process_record *pr, cf_error *err)
{
    json_t *o = json_object();
    json_object_set_new(o, "cellforge_version", json_string(cf_version()));
    json_object_set_new(o, "recipe", json_string(cell));
    if (isfinite(pr->first_charge_s))
        json_object_set_new(o, "first_charge_after_contact_h", json_real(pr->first_charge_s / 3600.0));
    if (isfinite(pr->min_positive_potential_V))
        json_object_set_new(o, "min_positive_potential_V", json_real(pr->min_positive_potential_V));
    if (isfinite(pr->li_o_at_first_charge))
        json_object_set_new(o, "li_o_ratio_after_prelithiation", json_real(pr->li_o_at_first_charge));
    json_object_set_new(o, "li_metal_plated_Ah", json_real(pr->li_plated_Ah));
    json_object_set_new(o, "threshold_V", json_real(pr->threshold_V));
    json_object_set_new(o, "time_below_threshold_s", json_real(pr->time_below_threshold_s));
    if (isfinite(pr->first_below_threshold_s))
        json_object_set_new(o, "first_below_threshold_h", json_real(pr->first_below_threshold_s / 3600.0));
    json_object_set_new(o, "li_below_threshold_Ah", json_real(pr->li_below_threshold_Ah));
    json_object_set_new(o, "li_alloyed_Ah", json_real(pr->li_alloyed_Ah));
    int rc = CF_OK;
    if (cf_json_dumpf(o, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0)
        rc = cf_error_set(err, CF_EIO, path, "cannot write the process record");
    else
        fputc('\n', fp);
    json_decref(o);
    return rc;
}

/* --out, --cycles-out and --record: all written or none (never a removal of
 * what a path named before: it may have been a device or someone's file). */
static int write_outputs(const sim_args *a, const cf_cell *cell, const cf_solution *sol,
                         const cf_experiment_result *res, const var_cols *v, cf_error *err)
{
    const char *paths[3] = {a->out, a->cycles_out, a->record};
    cf_outfile *f[3];
    int rc = cf_outfile_open_all(paths, 3, f, err);
    if (rc) return rc;
    if (f[0]) write_csv(cf_outfile_stream(f[0]), sol, cell_swells(cell), v);
    if (f[1]) write_cycles(cf_outfile_stream(f[1]), res);
    if (f[2]) rc = write_record(cf_outfile_stream(f[2]), a->record, a->cell, &res->process, err);
    if (rc) {
        cf_outfile_abort_all(f, 3);
        return rc;
    }
    return cf_outfile_commit_all(f, 3, err);
}

static int load_protocol(const sim_args *a, cf_protocol **proto, cf_error *err)
{
    *proto = NULL;
    if (a->protocol) return cf_protocol_parse(a->protocol, proto, err);
    if (a->protocol_file) return cf_protocol_load_file(a->protocol_file, proto, err);
    if (a->drive_cycle) {
        cf_drive_cycle *dc;
        int rc = cf_drive_cycle_load(a->drive_cycle, &dc, err);
        return rc ? rc : cf_protocol_from_drive_cycle(dc, proto, err);
    }
    return CF_OK;
}

typedef struct {
    double charge_Ah, discharge_Ah, charge_Wh, discharge_Wh;
} totals;

static totals sum_totals(const cf_experiment_result *r)
{
    totals t = {0, 0, 0, 0};
    for (size_t i = 0; r && i < r->n; i++) {
        t.charge_Ah += r->cycles[i].charge_Ah;
        t.discharge_Ah += r->cycles[i].discharge_Ah;
        t.charge_Wh += r->cycles[i].charge_Wh;
        t.discharge_Wh += r->cycles[i].discharge_Wh;
    }
    return t;
}

/* How the run ended: reason code, message, step and time of the stop. */
static json_t *termination_json(const cf_run_end *e)
{
    json_t *t = json_object();
    json_object_set_new(t, "reason", json_string(cf_end_reason_code(e->reason)));
    json_object_set_new(t, "message", json_string(e->message));
    json_object_set_new(t, "time_s", json_num(e->t_s));
    /* the step, numbered from 1 as in the summary and in messages */
    json_object_set_new(t, "step", e->step >= 0 ? json_integer((json_int_t)e->step + 1) : json_null());
    json_object_set_new(t, "cycle", e->cycle >= 0 ? json_integer((json_int_t)e->cycle + 1) : json_null());
    json_object_set_new(t, "step_text", e->step_text[0] ? json_string(e->step_text) : json_null());
    return t;
}

/* Range of each electrode's potential over the run and whether it left its
 * window; warnings go to stderr whatever the output format. */
typedef struct {
    double lo[2], hi[2];   /* [0 negative | 1 positive] */
    double t_lo[2], t_hi[2];
    int out[2];
} window_check;

static void check_windows(const cf_cell *cell, const cf_solution *sol, window_check *w)
{
    const double *E[2] = {sol->neg_potential, sol->pos_potential};
    const cf_electrode *el[2] = {&cell->neg, &cell->pos};
    static const char *const name[2] = {"negative", "positive"};
    for (int s = 0; s < 2; s++) {
        w->lo[s] = INFINITY;
        w->hi[s] = -INFINITY;
        w->t_lo[s] = w->t_hi[s] = 0;
        w->out[s] = 0;
        for (size_t i = 0; i < sol->n; i++) {
            if (E[s][i] < w->lo[s]) { w->lo[s] = E[s][i]; w->t_lo[s] = sol->t[i]; }
            if (E[s][i] > w->hi[s]) { w->hi[s] = E[s][i]; w->t_hi[s] = sol->t[i]; }
        }
        if (!el[s]->has_window || (s == 0 && el[s]->planar)) continue;
        /* 1 mV of slack: a stop exactly at the limit is not a violation */
        if (w->hi[s] > el[s]->window_max_V + 1e-3) {
            w->out[s] = 1;
            fprintf(stderr, "cellforge simulate: warning: the %s electrode reaches %.3f V vs Li/Li+ at t = %.0f s, above "
                            "its window's upper limit %.3f V\n", name[s], w->hi[s], w->t_hi[s], el[s]->window_max_V);
        }
        if (w->lo[s] < el[s]->window_min_V - 1e-3) {
            w->out[s] = 1;
            fprintf(stderr, "cellforge simulate: warning: the %s electrode falls to %.3f V vs Li/Li+ at t = %.0f s, below "
                            "its window's lower limit %.3f V\n", name[s], w->lo[s], w->t_lo[s], el[s]->window_min_V);
        }
    }
}

static json_t *potentials_json(const cf_cell *cell, const window_check *w)
{
    static const char *const side[2] = {"negative", "positive"};
    const cf_electrode *el[2] = {&cell->neg, &cell->pos};
    json_t *ep = json_object();
    for (int k = 0; k < 2; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "min_V", json_num(w->lo[k]));
        json_object_set_new(e, "max_V", json_num(w->hi[k]));
        if (el[k]->has_window) {
            json_object_set_new(e, "window_V", json_pack("[ff]", el[k]->window_min_V, el[k]->window_max_V));
            json_object_set_new(e, "inside_window", json_boolean(!w->out[k]));
        }
        json_object_set_new(ep, side[k], e);
    }
    return ep;
}

static void print_json(const sim_args *a, const cf_cell *cell, const cf_model_options *opt, const cf_solution *sol,
                       const cf_experiment_result *res, double soc, double wall_ms, double min_porosity,
                       const var_cols *v)
{
    size_t last = sol->n - 1;
    json_t *o = json_object();
    json_object_set_new(o, "completed", json_boolean(sol->end.completed));
    json_object_set_new(o, "termination", termination_json(&sol->end));
    json_object_set_new(o, "cell", json_string(cell->name));
    json_object_set_new(o, "model", json_string(cf_model_kind_name(opt->kind)));
    {
        /* the discretisation and mesh that ran (0 in opt: its default) */
        cf_model_options r = *opt;
        cf_model_options_resolve(&r);
        json_object_set_new(o, "discretisation", json_string(cf_discretisation_name(r.discretisation)));
        json_object_set_new(o, "mesh_x", json_pack("[iii]", r.n_neg, r.n_sep, r.n_pos));
        json_object_set_new(o, "mesh_r", json_integer(r.nr_neg));
    }
    json_object_set_new(o, "temperature_C", json_real(cell->T_K - 273.15));
    {
        window_check w;
        check_windows(cell, sol, &w);
        json_object_set_new(o, "electrode_potentials", potentials_json(cell, &w));
    }
    if (!isnan(soc)) json_object_set_new(o, "initial_soc", json_real(soc));
    if (!res) {
        json_object_set_new(o, "crate", json_real(a->crate));
        json_object_set_new(o, "capacity_Ah", json_real(fabs(sol->capacity_Ah[last])));
        json_object_set_new(o, "energy_Wh", json_real(fabs(sol->energy_Wh[last])));
        /* a constant-rate charge charged what it moved; a discharge nothing */
        int charging = sol->capacity_Ah[last] < 0;
        json_object_set_new(o, "charge_Ah", json_real(charging ? fabs(sol->capacity_Ah[last]) : 0.0));
        json_object_set_new(o, "charge_Wh", json_real(charging ? fabs(sol->energy_Wh[last]) : 0.0));
    } else {
        totals t = sum_totals(res);
        json_object_set_new(o, "capacity_Ah", json_real(t.discharge_Ah));
        json_object_set_new(o, "energy_Wh", json_real(t.discharge_Wh));
        json_object_set_new(o, "charge_Ah", json_real(t.charge_Ah));
        json_object_set_new(o, "charge_Wh", json_real(t.charge_Wh));
        json_object_set_new(o, "steps_run", json_integer(res->steps_run));
        json_object_set_new(o, "steps_skipped", json_integer(res->steps_skipped));
        json_t *sk = json_array();
        for (size_t i = 0; i < res->n_skipped_listed; i++) {
            json_t *so = json_object();
            json_object_set_new(so, "step", json_integer(res->skipped[i].index + 1));
            json_object_set_new(so, "cycle", json_integer(res->skipped[i].cycle + 1));
            json_object_set_new(so, "reason", json_string(res->skipped[i].reason));
            json_array_append_new(sk, so);
        }
        json_object_set_new(o, "skipped_steps", sk);
        json_object_set_new(o, "stopped_early", json_boolean(res->stopped_early));
        json_object_set_new(o, "note", json_string(res->note));
        json_t *cycles = json_array();
        for (size_t i = 0; i < res->n; i++) {
            const cf_cycle_stats *c = &res->cycles[i];
            json_t *co = json_object();
            json_object_set_new(co, "cycle", json_integer(c->cycle + 1));
            json_object_set_new(co, "charge_Ah", json_num(c->charge_Ah));
            json_object_set_new(co, "discharge_Ah", json_num(c->discharge_Ah));
            json_object_set_new(co, "charge_Wh", json_num(c->charge_Wh));
            json_object_set_new(co, "discharge_Wh", json_num(c->discharge_Wh));
            json_object_set_new(co, "coulombic_efficiency", json_num(c->coulombic_efficiency));
            json_object_set_new(co, "energy_efficiency", json_num(c->energy_efficiency));
            json_object_set_new(co, "duration_s", json_num(c->duration_s));
            json_object_set_new(co, "min_voltage_V", json_num(c->min_voltage_V));
            json_object_set_new(co, "max_voltage_V", json_num(c->max_voltage_V));
            json_object_set_new(co, "lli_pct", json_num(c->lli_pct));
            json_object_set_new(co, "lam_neg_pct", json_num(c->lam_neg_pct));
            json_object_set_new(co, "lam_pos_pct", json_num(c->lam_pos_pct));
            json_object_set_new(co, "sei_thickness_m", json_num(c->sei_thickness_m));
            json_object_set_new(co, "li_sei_Ah", json_num(c->li_sei_Ah));
            json_object_set_new(co, "plated_li_Ah", json_num(c->plated_li_Ah));
            json_object_set_new(co, "dead_li_Ah", json_num(c->dead_li_Ah));
            json_object_set_new(co, "crack_length_neg_m", json_num(c->crack_length_neg_m));
            json_object_set_new(co, "crack_length_pos_m", json_num(c->crack_length_pos_m));
            json_object_set_new(co, "crack_sei_thickness_m", json_num(c->crack_sei_thickness_m));
            json_object_set_new(co, "li_crack_sei_Ah", json_num(c->li_crack_sei_Ah));
            json_array_append_new(cycles, co);
        }
        json_object_set_new(o, "cycles", cycles);
        const cf_process_record *pr = &res->process;
        json_t *po = json_object();
        json_object_set_new(po, "first_charge_after_contact_h", json_num(pr->first_charge_s / 3600.0));
        json_object_set_new(po, "li_o_ratio_after_prelithiation", json_num(pr->li_o_at_first_charge));
        json_object_set_new(po, "min_positive_potential_V", json_num(pr->min_positive_potential_V));
        json_object_set_new(po, "threshold_V", json_num(pr->threshold_V));
        json_object_set_new(po, "time_below_threshold_s", json_num(pr->time_below_threshold_s));
        json_object_set_new(po, "first_below_threshold_s", json_num(pr->first_below_threshold_s));
        json_object_set_new(po, "li_below_threshold_Ah", json_num(pr->li_below_threshold_Ah));
        json_object_set_new(po, "li_alloyed_Ah", json_num(pr->li_alloyed_Ah));
        json_object_set_new(po, "li_metal_plated_Ah", json_num(pr->li_plated_Ah));
        json_object_set_new(po, "first_charge_passed_Ah", json_num(pr->charge_passed_Ah));
        json_object_set_new(po, "reservoir_left_mol", json_num(pr->reservoir_left_mol));
        json_object_set_new(po, "plating_onset_s", json_num(pr->plating_onset_s));
        json_object_set_new(o, "process", po);
    }
    /* the process columns of the CSV, summarised (start, end, min, max) */
    const double *col[4] = {sol->has_li_o ? sol->pos_li_o : NULL, sol->has_li_metal ? sol->li_metal_Ah : NULL,
                            sol->has_reservoir ? sol->reservoir_Ah : NULL, sol->has_reservoir ? sol->alloyed_Ah : NULL};
    static const char *const col_name[4] = {"positive_li_o", "li_metal_Ah", "reservoir_li_Ah", "alloyed_li_Ah"};
    json_t *pc = json_object();
    for (int k = 0; k < 4; k++) {
        if (!col[k]) continue;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < sol->n; i++) lo = fmin(lo, col[k][i]), hi = fmax(hi, col[k][i]);
        json_object_set_new(pc, col_name[k], json_pack("{s:o,s:o,s:o,s:o}", "start", json_num(col[k][0]), "end",
                                                       json_num(col[k][sol->n - 1]), "min", json_num(lo), "max",
                                                       json_num(hi)));
    }
    json_object_set_new(o, "process_columns", pc);
    json_object_set_new(o, "min_porosity", json_num(min_porosity));
    if (cell_swells(cell)) {
        json_t *sw = json_object();
        for (int e = 0; e < 2; e++) {
            double end, max, eps, eps_min;
            swelling_summary(sol, e, &end, &max, &eps, &eps_min);
            json_t *so = json_object();
            json_object_set_new(so, "thickness_swelling", json_real(e ? cell->pos.thickness_swelling
                                                                      : cell->neg.thickness_swelling));
            json_object_set_new(so, "thickness_change_pct", json_num(end));
            json_object_set_new(so, "max_thickness_change_pct", json_num(max));
            json_object_set_new(so, "final_porosity", json_num(eps));
            json_object_set_new(so, "min_porosity", json_num(eps_min));
            json_object_set_new(sw, e ? "positive" : "negative", so);
        }
        json_object_set_new(o, "swelling", sw);
    }
    json_object_set_new(o, "duration_s", json_real(sol->t[last] - sol->t[0]));
    json_object_set_new(o, "final_voltage_V", json_real(sol->voltage[last]));
    json_object_set_new(o, "thermal", json_string(cf_thermal_mode_name(opt->thermal)));
    if (sol->has_thermal) {
        /* the mean at the end; the hottest point at any time (the lumped
         * model's one temperature is both) */
        double Tmax = sol->temperature_max_K[0];
        for (size_t i = 0; i < sol->n; i++) Tmax = fmax(Tmax, sol->temperature_max_K[i]);
        json_object_set_new(o, "final_temperature_C", json_real(sol->temperature_K[last] - 273.15));
        json_object_set_new(o, "max_temperature_C", json_real(Tmax - 273.15));
    }
    json_object_set_new(o, "rows", json_integer((json_int_t)sol->n));
    json_object_set_new(o, "wall_time_ms", json_real(wall_ms));
    if (v->n) json_object_set_new(o, "variables", var_cols_json(v, sol->n));
    cf_json_dumpf(o, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(o);
}

static void print_summary(const sim_args *a, const cf_cell *cell, const cf_model_options *opt,
                          const cf_solution *sol, const cf_experiment_result *res, double soc, double wall_ms,
                          double min_porosity)
{
    size_t last = sol->n - 1;
    double dur = sol->t[last] - sol->t[0];
    if (!res) {
        printf("cell %s, model %s, %s at %g C (%.3f A), %.1f degC", cli_esc(cell->name), cf_model_kind_name(opt->kind),
               a->crate > 0 ? "discharge" : "charge", fabs(a->crate), fabs(a->crate) * cell->nominal_capacity_Ah,
               cell->T_K - 273.15);
        if (!isnan(soc)) printf(", from %.0f %% SOC", soc * 100);
        printf("\n  capacity      %.4f Ah\n", fabs(sol->capacity_Ah[last]));
        printf("  energy        %.4f Wh\n", fabs(sol->energy_Wh[last]));
    } else {
        totals t = sum_totals(res);
        printf("cell %s, model %s, protocol of %lld step(s) run, %lld skipped, %zu cycle(s), %.1f degC\n",
               cli_esc(cell->name), cf_model_kind_name(opt->kind), (long long)res->steps_run, (long long)res->steps_skipped,
               res->n, cell->T_K - 273.15);
        printf("  discharged    %.4f Ah, %.4f Wh\n", t.discharge_Ah, t.discharge_Wh);
        printf("  charged       %.4f Ah, %.4f Wh\n", t.charge_Ah, t.charge_Wh);
        if (res->stopped_early && sol->end.completed) printf("  note          %s\n", cli_esc(res->note));
        for (size_t i = 0; i < res->n_skipped_listed && i < 3; i++)
            printf("  skipped       step %lld (cycle %lld): %s\n", (long long)res->skipped[i].index + 1,
                   (long long)res->skipped[i].cycle + 1, res->skipped[i].reason);
        if (res->steps_skipped > 3) printf("  skipped       ... %lld steps in all\n", (long long)res->steps_skipped);
        const cf_process_record *pr = &res->process;
        if (isfinite(pr->li_o_at_first_charge))
            printf("  Li/O          %.4f at the first charge (%.2f h after electrolyte contact)\n",
                   pr->li_o_at_first_charge, pr->first_charge_s / 3600);
        /* The collector-alloying diagnostics (seed 001) apply to cells whose
         * lithium metal can pull the positive that low: a reservoir or a
         * lithium-metal negative, or any cell whose positive did go below. */
        if (cell->reservoir.present || cell->neg.planar || pr->time_below_threshold_s > 0)
            printf("  positive      min %.3f V vs Li/Li+, %.0f s below %.2f V\n", pr->min_positive_potential_V,
                   pr->time_below_threshold_s, pr->threshold_V);
        if (isfinite(pr->first_below_threshold_s) && cell->reservoir.present)
            printf("  below %.2f V  from t = %.2f h; the reservoir delivered %.4g Ah meanwhile, %.4g Ah alloyed with "
                   "the collector\n", pr->threshold_V, pr->first_below_threshold_s / 3600, pr->li_below_threshold_Ah,
                   pr->li_alloyed_Ah);
        else if (isfinite(pr->first_below_threshold_s))
            printf("  below %.2f V  from t = %.2f h\n", pr->threshold_V, pr->first_below_threshold_s / 3600);
        if (pr->li_plated_Ah > 0) printf("  plated Li     %.4f Ah after the first charge\n", pr->li_plated_Ah);
        if (isfinite(pr->plating_onset_s))
            printf("  plating       began at t = %.1f s on the negative's particles\n", pr->plating_onset_s);
    }
    if (!sol->end.completed) {
        const cf_run_end *e = &sol->end;
        printf("  STOPPED EARLY %s at t = %.1f s", cf_end_reason_code(e->reason), e->t_s);
        if (e->step >= 0 && e->step_text[0]) printf(" in step %lld (%s)", e->step + 1, e->step_text);
        printf(": %s\n", e->message);
    }
    printf("  duration      %.1f s (%.3f h)\n", dur, dur / 3600.0);
    printf("  final voltage %.4f V\n", sol->voltage[last]);
    if (sol->has_thermal) {
        double Tmax = sol->temperature_max_K[0];
        for (size_t i = 0; i < sol->n; i++) Tmax = fmax(Tmax, sol->temperature_max_K[i]);
        if (sol->has_thermal == CF_THERMAL_X)
            printf("  temperature   %.2f degC at the end (mean), %.2f degC at most (hottest point; through the cell)\n",
                   sol->temperature_K[last] - 273.15, Tmax - 273.15);
        else
            printf("  temperature   %.2f degC at the end, %.2f degC at most (lumped)\n", sol->temperature_K[last] - 273.15,
                   Tmax - 273.15);
    }
    window_check w;
    check_windows(cell, sol, &w);
    printf("  electrodes    negative %.3f to %.3f V, positive %.3f to %.3f V vs Li/Li+", w.lo[0], w.hi[0], w.lo[1],
           w.hi[1]);
    if (cell->neg.has_window && !cell->neg.planar && cell->pos.has_window)
        printf(" (windows %.3g-%.3g, %.3g-%.3g V%s)", cell->neg.window_min_V, cell->neg.window_max_V,
               cell->pos.window_min_V, cell->pos.window_max_V, w.out[0] || w.out[1] ? ": LEFT" : "");
    else if (cell->pos.has_window) /* a lithium-metal negative has no window of its own */
        printf(" (positive's window %.3g-%.3g V%s)", cell->pos.window_min_V, cell->pos.window_max_V,
               w.out[1] ? ": LEFT" : "");
    printf("\n");
    if (isfinite(min_porosity) && min_porosity < fmin(cell->neg.porosity, cell->pos.porosity) - 1e-6)
        printf("  min porosity  %.4f (particles swell with lithiation)\n", min_porosity);
    if (cell_swells(cell))
        for (int e = 0; e < 2; e++) {
            double end, max, eps, eps_min;
            swelling_summary(sol, e, &end, &max, &eps, &eps_min);
            if (isfinite(end))
                printf("  %s  thickness %+.2f %% at the end (max %+.2f %%), porosity %.4f (min %.4f)\n",
                       e ? "positive" : "negative", end, max, eps, eps_min);
        }
    printf("  solved in     %.1f ms\n", wall_ms);
    if (a->out) printf("  wrote         %s (%zu rows)\n", cli_esc(a->out), sol->n);
    if (a->cycles_out) printf("  wrote         %s (%zu cycles)\n", cli_esc(a->cycles_out), res ? res->n : 0);
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
    opt.n_neg = opt.n_sep = opt.n_pos = (int)(a.mesh_x ? a.mesh_x : a.mesh);
    if (a.mesh_x < 0) {
        opt.n_neg = (int)a.mesh_x3[0];
        opt.n_sep = (int)a.mesh_x3[1];
        opt.n_pos = (int)a.mesh_x3[2];
    }
    opt.nr_neg = opt.nr_pos = (int)(a.mesh_r ? a.mesh_r : a.mesh);
    opt.output_dt_s = a.output_dt;
    opt.max_steps = a.max_steps;
    opt.max_wall_s = a.max_wall;
    opt.rtol = a.rtol;
    opt.atol = a.rtol;
    opt.store_states = a.variables != NULL; /* the variables are computed from them */
    opt.heat_sources = a.out || a.plot.path; /* only the CSV and the plots show them */
    if (cf_model_kind_parse(a.model, &opt.kind, &err) ||
        (a.integrator && cf_integrator_parse(a.integrator, &opt.integrator, &err)) ||
        (a.linear_solver && cf_linear_solver_parse(a.linear_solver, &opt.linear_solver, &err)) ||
        (a.discretisation && cf_discretisation_parse(a.discretisation, &opt.discretisation, &err)) ||
        (a.thermal && cf_thermal_mode_parse(a.thermal, &opt.thermal, &err)))
        return cli_fail("simulate", &err);
    /* spectral particles take at most 64 nodes: say so by the option that asked for more */
    long nr = a.mesh_r ? a.mesh_r : a.mesh;
    if (opt.discretisation == CF_DISC_SPECTRAL && nr > 64)
        return cli_usage_error("simulate", "%s %ld: the spectral discretisation (the default) takes 2 to 64 nodes per "
                               "particle; finite volumes (--discretisation fv) take up to 2000",
                               a.mesh_r ? "--mesh-r" : "--mesh", nr);
    cf_protocol *proto = NULL;
    if (load_protocol(&a, &proto, &err)) return cli_fail("simulate", &err);
    cf_cell *cell = NULL;
    if (cf_cell_load(a.cell, &cell, &err)) {
        cf_protocol_free(proto);
        return cli_fail("simulate", &err);
    }
    if (a.has_temperature) cell->T_K = cell->thermal.T_ambient_K = a.temperature_C + 273.15;
    if (a.has_ambient) cell->thermal.T_ambient_K = a.ambient_C + 273.15;
    if (a.stop_on_window) cell->stop_on_window = 1;
    if (a.sei) {
        cf_sei_model sm;
        if (cf_sei_model_parse(a.sei, "--sei", &sm, &err)) {
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        if (cell->neg.planar && sm != CF_SEI_NONE) {
            cf_error_set(&err, CF_EINVAL, "--sei",
                         "SEI growth applies to a porous negative's particles; %s has a lithium-metal negative "
                         "(its losses are its plating efficiency)", cli_esc(cell->name));
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        cf_electrode_set_sei(&cell->neg, sm);
    }
    if (a.plating) {
        cf_plating_model pm;
        if (cf_plating_model_parse(a.plating, "--plating", &pm, &err)) {
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        if (cell->neg.planar && pm != CF_PLATING_NONE) {
            cf_error_set(&err, CF_EINVAL, "--plating",
                         "lithium plating applies to a host's particles (graphite, hard carbon); %s has a "
                         "lithium-metal negative, where plating is the electrode's own reaction",
                         cli_esc(cell->name));
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        cf_electrode_set_li_plating(&cell->neg, pm);
    }
    for (int s = 0; s < 2; s++) {
        if (!a.lam[s]) continue;
        const char *opt_name = s == 0 ? "--lam-negative" : "--lam-positive";
        int lm;
        cf_electrode *e = s == 0 ? &cell->neg : &cell->pos;
        if (cf_lam_model_parse(a.lam[s], opt_name, &lm, &err)) {
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        if (lm && (e->planar || (s == 1 && (lm & CF_LAM_REACTION)))) {
            cf_error_set(&err, CF_EINVAL, opt_name,
                         e->planar ? "loss of active material applies to an electrode of particles; %s has a "
                                     "lithium-metal negative"
                                   : "reaction-driven loss follows the SEI's side reaction, on the negative only "
                                     "(allowed for %s's positive: none, stress-driven)",
                         cli_esc(cell->name));
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        cf_electrode_set_lam(e, s, lm);
    }
    for (int s = 0; s < 2; s++) { /* the cell's validation checks where it applies */
        if (!a.crack[s]) continue;
        int cm;
        if (cf_crack_model_parse(a.crack[s], s == 0 ? "--cracking-negative" : "--cracking-positive", &cm, &err)) {
            cf_cell_free(cell);
            cf_protocol_free(proto);
            return cli_fail("simulate", &err);
        }
        cf_electrode_set_cracking(s == 0 ? &cell->neg : &cell->pos, s, cm);
    }
    cf_plan *plan = NULL;
    cf_solution *sol = NULL;
    cf_experiment_result *res = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = cf_plan_new(cell, &opt, &plan, &err);
    var_cols vars;
    memset(&vars, 0, sizeof vars);
    if (!rc && a.variables && strcmp(a.variables, "list") == 0) {
        /* the names this model and cell have, with their shape per row */
        for (int i = 0, n = cf_variable_count(plan); i < n; i++) {
            cf_variable_info in;
            cf_variable_info_at(plan, i, &in);
            printf("%s", in.name);
            if (in.n_x > 1 || in.n_r > 1) printf("  [%s: %d x %d]", in.domain, in.n_x, in.n_r);
            printf("\n");
        }
        cli_flush_stdout();
        cf_plan_free(plan);
        cf_cell_free(cell);
        cf_protocol_free(proto);
        return CLI_EXIT_OK;
    }
    if (!rc && a.variables) rc = var_cols_find(a.variables, plan, &vars, &err);
    if (!rc) rc = plot_cli_attach(&a.plot, "simulate", plan, &err);
    double soc = isnan(a.soc) && !proto ? cf_cell_start_soc(cell, a.crate) : a.soc;
    if (!rc && proto) {
        cf_experiment_options eo;
        cf_experiment_options_default(&eo);
        eo.initial_soc = soc;
        eo.threshold_V = a.threshold;
        plot_cli_progress(&a.plot, &eo);
        rc = cf_simulate_protocol(plan, proto, &eo, &sol, &res, &err);
        if (!rc && sol->n == 0)
            rc = cf_error_set(&err, CF_ELIMIT, "protocol", "no step could run: every step's end condition already "
                                                           "holds at its start");
    } else if (!rc) {
        rc = isnan(soc) ? cf_sim_reset(plan, &err) : cf_sim_reset_soc(plan, soc, &err);
        if (!rc) rc = cf_sim_run_crate(plan, a.crate, &sol, &err);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc && !proto && (err.code == CF_ELIMIT || err.code == CF_ESOLVER)) {
        char where[sizeof err.where];
        snprintf(where, sizeof where, "%s at %gC", cell->name, a.crate);
        cf_error_prefix_where(&err, where);
    }
    /* A run that failed after computing rows keeps them: every output is
     * written from them as from a complete run, and the exit status says
     * it stopped early. */
    cf_error run_err = err;
    int kept = rc && sol && sol->n > 0;
    if (kept) {
        rc = CF_OK;
        cf_error_clear(&err);
    }
    if (!rc) rc = plot_cli_finish(&a.plot, cell, sol, res, &err);
    plot_cli_release(&a.plot);
    if (!rc && vars.n) rc = var_cols_eval(&vars, plan, sol, &err);
    if (!rc) rc = write_outputs(&a, cell, sol, res, &vars, &err);
    double wall_ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6;
    int status = CLI_EXIT_OK;
    if (!rc) {
        double min_porosity = cf_sim_min_porosity(plan);
        if (a.json) print_json(&a, cell, &opt, sol, res, soc, wall_ms, min_porosity, &vars);
        else print_summary(&a, cell, &opt, sol, res, soc, wall_ms, min_porosity);
        cli_flush_stdout();
        if (!sol->end.completed) status = cli_stopped_early("simulate", &sol->end, kept ? &run_err : NULL);
    } else {
        status = cli_fail("simulate", &err);
    }
    var_cols_free(&vars);
    cf_experiment_result_free(res);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    cf_protocol_free(proto);
    return status;
}
