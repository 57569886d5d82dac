#define _POSIX_C_SOURCE 200809L
/* cmd_test.c — `cellforge test hppc|rate|gitt|cycle`: the standard cell
 * tests of cf_celltest.h on a simulated cell, each printed as a table (or
 * JSON) and optionally written as CSV. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cellforge/cellforge.h"
#include "cellforge/cf_celltest.h"
#include "celltest_cli.h"
#include "cli.h"
#include "plot_cli.h"
#include "io/json_out.h"

enum { T_HPPC = 1, T_RATE = 2, T_GITT = 4, T_CYCLE = 8, T_ALL = 15 };

static const char *USAGE =
    "usage: cellforge test <hppc|rate|gitt|cycle> [CELL] [options]\n"
    "\n"
    "Standard cell tests on a simulated cell, each with its analysis\n"
    "(procedures, formulas and sources: docs/cell-tests.md):\n"
    "  hppc    pulse resistance and pulse power vs SOC (FreedomCAR HPPC)\n"
    "  rate    capacity and energy vs discharge C-rate\n"
    "  gitt    OCV and apparent solid diffusivity vs SOC (Weppner-Huggins)\n"
    "  cycle   CC-CV charge / CC discharge cycles: efficiencies and retention\n"
    "\n"
    "common options:\n"
    "  CELL, --cell CELL  built-in cell (docs/cells.md) or a cell file (default chen2020)\n"
    "  --model M          spm | spme | dfn (default dfn)\n"
    "  --temperature T    cell temperature, {R:temperature} (default: the cell's)\n"
    "  --mesh N           x volumes per domain and particle nodes (fv: volumes), {R:mesh}\n"
    "                     (default: the discretisation's, as simulate)\n"
    "  --discretisation D spectral (default) or fv (PyBaMM's finite volumes), as simulate\n"
    "  --rtol R           solver relative tolerance, {R:rtol} (default 1e-6)\n"
    "  --integrator I     bdf (default) or ida; --linear-solver auto (default) or klu\n"
    "  --soc S            initial state of charge, {R:soc} (default 1; cycle: 0)\n"
    "  -o, --out FILE     write the analysis table (CSV; SI units, empty cell = not measured)\n"
    "  --json             print one JSON object instead of the table\n"
    "  --max-steps N      stop each simulated run after N solver steps, {R:max_steps} (a rate\n"
    "                     test's discharges each count their own), keeping what was measured\n"
    "                     (exit 3)\n"
    "  --max-wall-time S  the same after S seconds of computing, {R:max_wall}\n"
    PLOT_CLI_USAGE
    "  -h, --help         this help\n"
    "\n"
    "durations (DUR) are seconds or a number with s, min or h: 3600, 60min, 1h\n"
    "\n"
    "hppc:   --soc-step S (0.1; [0.001, 0.5])  --rest DUR (1h; [1 s, 1e6 s])\n"
    "        --pulse-crate C (1; [1e-4, 100])  --pulse-time DUR (10 s; (1 s, 1 h])\n"
    "        --series FILE.csv (raw time series)\n"
    "rate:   --crates LIST (0.2,0.5,1,2,3,5; each in (0, 100], at most 64)\n"
    "gitt:   --pulse-crate C (0.05; [1e-4, 100])  --pulse-time DUR (10min; [0.1 s, 1e6 s])\n"
    "        --relax DUR (1h; [1 s, 1e7 s])\n"
    "        --electrode negative|positive (positive: whose particle radius enters D)\n"
    "        --phase N (0: active phase of a blended electrode; [0, 3])\n"
    "        --max-pulses N (0 = until the lower cut-off; [0, 100000])  --series FILE.csv\n"
    "cycle:  --cycles N (3; [1, 100000])  --charge-crate C (0.5; [1e-4, 100])\n"
    "        --cv-cutoff C (0.05; [1e-5, 100], at most --charge-crate)\n"
    "        --discharge-crate C (1; [1e-4, 100])  --rest DUR (10min; [1 s, 1e6 s])\n"
    "\n"
    "A test that stops early (the solver gives up, a budget is spent) keeps what it measured:\n"
    "the table, --out, --series, --plot and --json hold the points up to the stop, and the\n"
    "note says where and why.\n";

typedef struct {
    const char *name;
    int bit;
    const char *cell, *model, *out, *series, *integrator, *linear_solver, *discretisation;
    double temperature_C, rtol, soc, max_wall;
    long mesh, max_steps;
    int json, has_temperature;
    cf_hppc_options hppc;
    cf_rate_options rate;
    double crates[CF_RATE_MAX_CRATES];
    cf_gitt_options gitt;
    cf_cycle_options cycle;
    plot_cli_args plot; /* --plot, --plot-kinds, --plot-profiles, --progress (plot_cli.h) */
} test_args;

/* Which tests each option applies to. */
typedef struct {
    struct option opt;
    int tests;
} test_option;

static const test_option OPTS[] = {
    {{"cell", required_argument, 0, 'c'}, T_ALL},        {{"model", required_argument, 0, 'm'}, T_ALL},
    {{"temperature", required_argument, 0, 'T'}, T_ALL}, {{"mesh", required_argument, 0, 'n'}, T_ALL},
    {{"rtol", required_argument, 0, 't'}, T_ALL},        {{"soc", required_argument, 0, 's'}, T_ALL},
    {{"integrator", required_argument, 0, 'I'}, T_ALL}, {{"linear-solver", required_argument, 0, 'K'}, T_ALL},
    {{"discretisation", required_argument, 0, 'Z'}, T_ALL},
    {{"out", required_argument, 0, 'o'}, T_ALL},         {{"json", no_argument, 0, 'j'}, T_ALL},
    {{"max-steps", required_argument, 0, 'x'}, T_ALL},   {{"max-wall-time", required_argument, 0, 'W'}, T_ALL},
    {{"help", no_argument, 0, 'h'}, T_ALL},              {{"series", required_argument, 0, 'S'}, T_HPPC | T_GITT},
    {{"soc-step", required_argument, 0, 'p'}, T_HPPC},   {{"rest", required_argument, 0, 'r'}, T_HPPC | T_CYCLE},
    {{"pulse-crate", required_argument, 0, 'C'}, T_HPPC | T_GITT},
    {{"pulse-time", required_argument, 0, 'P'}, T_HPPC | T_GITT},
    {{"relax", required_argument, 0, 'R'}, T_GITT},      {{"electrode", required_argument, 0, 'e'}, T_GITT},
    {{"phase", required_argument, 0, 'f'}, T_GITT},      {{"max-pulses", required_argument, 0, 'M'}, T_GITT},
    {{"crates", required_argument, 0, 'L'}, T_RATE},     {{"cycles", required_argument, 0, 'N'}, T_CYCLE},
    {{"charge-crate", required_argument, 0, 'q'}, T_CYCLE},
    {{"discharge-crate", required_argument, 0, 'd'}, T_CYCLE},
    {{"cv-cutoff", required_argument, 0, 'v'}, T_CYCLE},
    {{"plot", required_argument, 0, PLOT_CLI_OPT_PLOT}, T_ALL}, {{"plot-kinds", required_argument, 0, PLOT_CLI_OPT_KINDS}, T_ALL},
    {{"plot-profiles", required_argument, 0, PLOT_CLI_OPT_PROFILES}, T_ALL}, {{"progress", no_argument, 0, PLOT_CLI_OPT_PROGRESS}, T_ALL},
};
#define N_OPTS (sizeof OPTS / sizeof OPTS[0])

static const char *test_names(int mask, char *buf, size_t size)
{
    static const char *names[] = {"hppc", "rate", "gitt", "cycle"};
    buf[0] = '\0';
    for (int i = 0; i < 4; i++)
        if (mask & (1 << i)) snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? ", " : "", names[i]);
    return buf;
}

/* Seconds, or a number with s / min / h. */
static int parse_duration(const char *cmd, const char *opt, const char *text, double lo, double hi, double *out)
{
    char *end = NULL;
    double v = strtod(text, &end);
    if (end == text || !isfinite(v))
        return cli_usage_error(cmd, "%s expects a duration (seconds, or a number with s, min or h), got '%s'", opt,
                               text);
    while (*end == ' ') end++;
    double mult = 0;
    if (*end == '\0' || strcasecmp(end, "s") == 0) mult = 1;
    else if (strcasecmp(end, "min") == 0) mult = 60;
    else if (strcasecmp(end, "h") == 0) mult = 3600;
    if (mult == 0)
        return cli_usage_error(cmd, "%s: unknown unit '%s' in '%s' (allowed: s, min, h)", opt, end, text);
    v *= mult;
    if (!(v >= lo && v <= hi))
        return cli_usage_error(cmd, "%s = %g s is outside the allowed range [%g, %g] s", opt, v, lo, hi);
    *out = v;
    return 0;
}

static int parse_crates(const char *cmd, const char *text, test_args *a)
{
    size_t n = 0;
    const char *s = text;
    for (;;) {
        if (n == CF_RATE_MAX_CRATES)
            return cli_usage_error(cmd, "--crates: more than %d values", CF_RATE_MAX_CRATES);
        char *end = NULL;
        double v = strtod(s, &end);
        if (end == s || (*end != ',' && *end != '\0') || !isfinite(v))
            return cli_usage_error(cmd, "--crates expects a comma-separated list of C-rates, got '%s'", text);
        if (!(v > 0 && v <= 100))
            return cli_usage_error(cmd, "--crates value %zu = %g is outside the allowed range (0, 100]", n + 1, v);
        a->crates[n++] = v;
        if (*end == '\0') break;
        s = end + 1;
    }
    a->rate.crates = a->crates;
    a->rate.n_crates = n;
    return 0;
}

/* Options of one test's own kind; 0, 2 on a usage error. */
static int parse_specific(const char *cmd, int ch, const char *arg, test_args *a)
{
    long l;
    double *pulse_crate = a->bit == T_HPPC ? &a->hppc.pulse_crate : &a->gitt.pulse_crate;
    switch (ch) {
    case 'p': return cli_parse_double(cmd, "--soc-step", arg, 1e-3, 0.5, &a->hppc.soc_step);
    case 'r': return parse_duration(cmd, "--rest", arg, 1, 1e6, a->bit == T_HPPC ? &a->hppc.rest_s : &a->cycle.rest_s);
    case 'C': return cli_parse_double(cmd, "--pulse-crate", arg, 1e-4, 100, pulse_crate);
    case 'P':
        if (a->bit == T_HPPC) {
            if (parse_duration(cmd, "--pulse-time", arg, 0, 3600, &a->hppc.pulse_s)) return 2;
            if (!(a->hppc.pulse_s > 1.0)) /* the 1 s resistance is sampled inside the pulse */
                return cli_usage_error(cmd, "--pulse-time = %g s is outside the allowed range (1, 3600] s",
                                       a->hppc.pulse_s);
            return 0;
        }
        return parse_duration(cmd, "--pulse-time", arg, 0.1, 1e6, &a->gitt.pulse_s);
    case 'R': return parse_duration(cmd, "--relax", arg, 1, 1e7, &a->gitt.relax_s);
    case 'e':
        if (strcmp(arg, "negative") == 0) a->gitt.electrode = CF_SIDE_NEGATIVE;
        else if (strcmp(arg, "positive") == 0) a->gitt.electrode = CF_SIDE_POSITIVE;
        else return cli_usage_error(cmd, "--electrode '%s': allowed negative or positive", arg);
        return 0;
    case 'f':
        if (cli_parse_int(cmd, "--phase", arg, 0, 3, &l)) return 2;
        a->gitt.phase = (int)l;
        return 0;
    case 'M':
        if (cli_parse_int(cmd, "--max-pulses", arg, 0, 100000, &l)) return 2;
        a->gitt.max_pulses = (int)l;
        return 0;
    case 'L': return parse_crates(cmd, arg, a);
    case 'N':
        if (cli_parse_int(cmd, "--cycles", arg, 1, 100000, &l)) return 2;
        a->cycle.cycles = (int)l;
        return 0;
    case 'q': return cli_parse_double(cmd, "--charge-crate", arg, 1e-4, 100, &a->cycle.charge_crate);
    case 'd': return cli_parse_double(cmd, "--discharge-crate", arg, 1e-4, 100, &a->cycle.discharge_crate);
    case 'v': return cli_parse_double(cmd, "--cv-cutoff", arg, 1e-5, 100, &a->cycle.cv_cutoff_crate);
    }
    return cli_usage_error(cmd, "unknown option");
}

/* Returns 0 to run, -1 after printing help, 2 on a usage error. */
static int parse_args(const char *cmd, int argc, char **argv, test_args *a)
{
    struct option longopts[N_OPTS + 1];
    for (size_t i = 0; i < N_OPTS; i++) longopts[i] = OPTS[i].opt;
    memset(&longopts[N_OPTS], 0, sizeof longopts[N_OPTS]);
    optind = 1;
    opterr = 0;
    int ch, idx;
    int has_cell = 0;
    while ((idx = -1, ch = getopt_long(argc, argv, "ho:", longopts, &idx)) != -1) {
        if (ch == 'h') {
            cli_help(stdout, "test", USAGE);
            return -1;
        }
        if (ch == '?' || ch == ':')
            return cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        for (size_t i = 0; i < N_OPTS; i++)
            if (OPTS[i].opt.val == ch && !(OPTS[i].tests & a->bit)) {
                char buf[64];
                return cli_usage_error(cmd, "--%s does not apply to this test (it is for: %s)", OPTS[i].opt.name,
                                       test_names(OPTS[i].tests, buf, sizeof buf));
            }
        int rc = 0;
        switch (ch) {
        case 'c': a->cell = optarg; has_cell = 1; break;
        case 'm': a->model = optarg; break;
        case 'o': a->out = optarg; break;
        case 'S': a->series = optarg; break;
        case 'j': a->json = 1; break;
        case 'T':
            rc = cli_parse_quantity(cmd, "--temperature", optarg, CF_QTY_TEMPERATURE_C, &a->temperature_C);
            a->has_temperature = 1;
            break;
        case 'n': rc = cli_parse_quantity_long(cmd, "--mesh", optarg, CF_QTY_MESH, &a->mesh); break;
        case 't': rc = cli_parse_quantity(cmd, "--rtol", optarg, CF_QTY_RTOL, &a->rtol); break;
        case 'I': a->integrator = optarg; break;
        case 'K': a->linear_solver = optarg; break;
        case 'Z': a->discretisation = optarg; break;
        case 's': rc = cli_parse_quantity(cmd, "--soc", optarg, CF_QTY_SOC, &a->soc); break;
        case 'x': rc = cli_parse_quantity_long(cmd, "--max-steps", optarg, CF_QTY_MAX_STEPS, &a->max_steps); break;
        case 'W': rc = cli_parse_quantity(cmd, "--max-wall-time", optarg, CF_QTY_MAX_WALL_S, &a->max_wall); break;
        case PLOT_CLI_OPT_PLOT: case PLOT_CLI_OPT_KINDS: case PLOT_CLI_OPT_PROFILES: case PLOT_CLI_OPT_PROGRESS:
            rc = plot_cli_option(&a->plot, cmd, ch, optarg);
            break;
        default: rc = parse_specific(cmd, ch, optarg, a); break;
        }
        if (rc) return rc;
    }
    if (cli_positional_cell(cmd, argc, argv, &optind, &a->cell, has_cell)) return 2;
    if (a->bit == T_CYCLE && !(a->cycle.cv_cutoff_crate <= a->cycle.charge_crate))
        return cli_usage_error(cmd, "--cv-cutoff = %g C must not exceed --charge-crate = %g C",
                               a->cycle.cv_cutoff_crate, a->cycle.charge_crate);
    if (!isnan(a->soc)) {
        a->hppc.initial_soc = a->rate.initial_soc = a->gitt.initial_soc = a->soc;
        a->cycle.initial_soc = a->soc;
    }
    return 0;
}

/* ---- the four tests: run, then describe the table ---- */

#define DCOL(key, head, scale, dec, type, field) {key, head, scale, dec, offsetof(type, field), CT_DOUBLE}
#define ICOL(key, head, type, field) {key, head, 1, 0, offsetof(type, field), CT_INT}

static const ct_col HPPC_COLS[] = {
    DCOL("soc", "SOC %", 100, 0, cf_hppc_point, soc),
    DCOL("discharged_Ah", 0, 1, 4, cf_hppc_point, discharged_Ah),
    DCOL("ocv_V", "OCV V", 1, 4, cf_hppc_point, ocv_V),
    DCOL("r_dis_1s_ohm", "Rdis1s mOhm", 1e3, 2, cf_hppc_point, r_dis_1s_ohm),
    DCOL("r_dis_ohm", "Rdis mOhm", 1e3, 2, cf_hppc_point, r_dis_ohm),
    DCOL("ocv_chg_V", 0, 1, 4, cf_hppc_point, ocv_chg_V),
    DCOL("r_chg_1s_ohm", "Rchg1s mOhm", 1e3, 2, cf_hppc_point, r_chg_1s_ohm),
    DCOL("r_chg_ohm", "Rchg mOhm", 1e3, 2, cf_hppc_point, r_chg_ohm),
    DCOL("p_dis_W", "Pdis W", 1, 1, cf_hppc_point, p_dis_W),
    DCOL("p_chg_W", "Pchg W", 1, 1, cf_hppc_point, p_chg_W),
    DCOL("v_dis_1s_V", 0, 1, 4, cf_hppc_point, v_dis_1s_V),
    DCOL("v_dis_end_V", 0, 1, 4, cf_hppc_point, v_dis_end_V),
    DCOL("v_chg_1s_V", 0, 1, 4, cf_hppc_point, v_chg_1s_V),
    DCOL("v_chg_end_V", 0, 1, 4, cf_hppc_point, v_chg_end_V),
    ICOL("dis_limited", 0, cf_hppc_point, dis_limited),
    ICOL("chg_limited", 0, cf_hppc_point, chg_limited),
};

static const ct_col RATE_COLS[] = {
    DCOL("crate", "C-rate", 1, 2, cf_rate_point, crate),
    DCOL("current_A", "current A", 1, 3, cf_rate_point, current_A),
    DCOL("capacity_Ah", "capacity Ah", 1, 4, cf_rate_point, capacity_Ah),
    DCOL("energy_Wh", "energy Wh", 1, 3, cf_rate_point, energy_Wh),
    DCOL("mean_voltage_V", "mean V", 1, 4, cf_rate_point, mean_voltage_V),
    DCOL("retention", "retention %", 100, 2, cf_rate_point, retention),
    DCOL("duration_s", 0, 1, 1, cf_rate_point, duration_s),
    ICOL("limited", "limited", cf_rate_point, limited),
};

static const ct_col GITT_COLS[] = {
    DCOL("soc", "SOC %", 100, 1, cf_gitt_point, soc),
    DCOL("discharged_Ah", 0, 1, 4, cf_gitt_point, discharged_Ah),
    DCOL("ocv_before_V", 0, 1, 4, cf_gitt_point, ocv_before_V),
    DCOL("ocv_V", "OCV V", 1, 4, cf_gitt_point, ocv_V),
    DCOL("ir_drop_V", "IR mV", 1e3, 2, cf_gitt_point, ir_drop_V),
    DCOL("delta_es_V", "dEs mV", 1e3, 2, cf_gitt_point, delta_es_V),
    DCOL("delta_et_V", "dEt mV", 1e3, 2, cf_gitt_point, delta_et_V),
    DCOL("diffusivity_m2_s", "D 1e-15 m2/s", 1e15, 3, cf_gitt_point, diffusivity_m2_s),
    ICOL("complete", 0, cf_gitt_point, complete),
};

static const ct_col CYCLE_COLS[] = {
    ICOL("cycle", "cycle", cf_cycle_point, cycle),
    DCOL("charge_Ah", "charge Ah", 1, 4, cf_cycle_point, charge_Ah),
    DCOL("discharge_Ah", "dischg Ah", 1, 4, cf_cycle_point, discharge_Ah),
    DCOL("charge_Wh", "charge Wh", 1, 3, cf_cycle_point, charge_Wh),
    DCOL("discharge_Wh", "dischg Wh", 1, 3, cf_cycle_point, discharge_Wh),
    DCOL("coulombic_efficiency", "CE %", 100, 3, cf_cycle_point, coulombic_efficiency),
    DCOL("energy_efficiency", "EE %", 100, 2, cf_cycle_point, energy_efficiency),
    DCOL("retention", "retention %", 100, 3, cf_cycle_point, retention),
    DCOL("duration_s", 0, 1, 1, cf_cycle_point, duration_s),
};

#define TABLE(cols, rows_, n_, type) \
    ((ct_table){cols, sizeof cols / sizeof cols[0], rows_, n_, sizeof(type)})

typedef struct {
    ct_table table;
    const cf_solution *series;
    json_t *info;       /* test-specific JSON members */
    char line[512];     /* test-specific line for the human header */
    const char *footnote; /* explains "-" cells in the human table, or NULL */
    const char *note;
    void *result;
    void (*free_result)(void *);
} test_output;

static void free_hppc(void *r) { cf_test_hppc_result_free(r); }
static void free_rate(void *r) { cf_test_rate_result_free(r); }
static void free_gitt(void *r) { cf_test_gitt_result_free(r); }
static void free_cycle(void *r) { cf_test_cycle_result_free(r); }

static int run_test(const test_args *a, cf_plan *plan, test_output *o, cf_error *err)
{
    int rc;
    o->info = json_object();
    if (a->bit == T_HPPC) {
        cf_hppc_result *r;
        rc = cf_test_hppc(plan, &a->hppc, &r, err);
        if (!r) return rc; /* else: what was measured, whether or not it failed */
        o->result = r;
        o->free_result = free_hppc;
        o->table = TABLE(HPPC_COLS, r->points, r->n, cf_hppc_point);
        o->series = r->series;
        o->note = r->note;
        snprintf(o->line, sizeof o->line,
                 "pulses %.3f A discharge, %.3f A charge, %g s; rest %g s; power at v_min %.3f V / v_max %.3f V",
                 r->discharge_current_A, r->charge_current_A, a->hppc.pulse_s, a->hppc.rest_s, r->v_min_V,
                 r->v_max_V);
        for (size_t i = 0; i < r->n; i++)
            if (r->points[i].dis_limited || r->points[i].chg_limited)
                o->footnote = "-: not measured, the pulse reached the cell's voltage limit before its end";
        json_object_set_new(o->info, "discharge_current_A", json_real(r->discharge_current_A));
        json_object_set_new(o->info, "charge_current_A", json_real(r->charge_current_A));
        json_object_set_new(o->info, "pulse_s", json_real(a->hppc.pulse_s));
        json_object_set_new(o->info, "rest_s", json_real(a->hppc.rest_s));
        json_object_set_new(o->info, "v_min_V", json_real(r->v_min_V));
        json_object_set_new(o->info, "v_max_V", json_real(r->v_max_V));
    } else if (a->bit == T_RATE) {
        cf_rate_result *r;
        rc = cf_test_rate(plan, &a->rate, &r, err);
        if (!r) return rc; /* else: what was measured, whether or not it failed */
        o->result = r;
        o->free_result = free_rate;
        o->table = TABLE(RATE_COLS, r->points, r->n, cf_rate_point);
        o->note = r->note;
        snprintf(o->line, sizeof o->line, "CC discharges to the lower cut-off; retention vs the lowest C-rate");
    } else if (a->bit == T_GITT) {
        cf_gitt_result *r;
        rc = cf_test_gitt(plan, &a->gitt, &r, err);
        if (!r) return rc; /* else: what was measured, whether or not it failed */
        o->result = r;
        o->free_result = free_gitt;
        o->table = TABLE(GITT_COLS, r->points, r->n, cf_gitt_point);
        o->series = r->series;
        o->note = r->note;
        if (r->n > 0 && !r->points[r->n - 1].complete)
            o->footnote = "-: not measured, the last pulse reached the lower cut-off";
        const char *side = a->gitt.electrode == CF_SIDE_NEGATIVE ? "negative" : "positive";
        snprintf(o->line, sizeof o->line,
                 "pulses %.4f A for %g s, relax %g s; D = 4/(pi tau) (R/3)^2 (dEs/dEt)^2 with the %s radius "
                 "R = %.3g m (apparent: both electrodes respond)",
                 r->current_A, r->tau_s, a->gitt.relax_s, side, r->radius_m);
        json_object_set_new(o->info, "current_A", json_real(r->current_A));
        json_object_set_new(o->info, "tau_s", json_real(r->tau_s));
        json_object_set_new(o->info, "relax_s", json_real(a->gitt.relax_s));
        json_object_set_new(o->info, "electrode", json_string(side));
        json_object_set_new(o->info, "radius_m", json_real(r->radius_m));
        json_object_set_new(o->info, "total_Ah", json_real(r->total_Ah));
    } else {
        cf_cycle_result *r;
        rc = cf_test_cycle(plan, &a->cycle, &r, err);
        if (!r) return rc; /* else: what was measured, whether or not it failed */
        o->result = r;
        o->free_result = free_cycle;
        o->table = TABLE(CYCLE_COLS, r->points, r->n, cf_cycle_point);
        o->note = r->note;
        const cf_cell *c = cf_plan_cell(plan);
        snprintf(o->line, sizeof o->line,
                 "%d x (charge %g C to %.3f V, hold until %g C, rest %g s, discharge %g C to %.3f V, rest %g s)",
                 a->cycle.cycles, a->cycle.charge_crate, c->v_max, a->cycle.cv_cutoff_crate, a->cycle.rest_s,
                 a->cycle.discharge_crate, c->v_min, a->cycle.rest_s);
        json_object_set_new(o->info, "protocol", json_string(r->protocol));
        json_object_set_new(o->info, "stopped_early", json_boolean(r->stopped_early));
    }
    return rc;
}

static void write_series(FILE *fp, const cf_solution *s)
{
    fprintf(fp, "time_s,current_A,voltage_V,capacity_Ah,energy_Wh,step,cycle\n");
    for (size_t i = 0; i < s->n; i++)
        fprintf(fp, "%.6f,%.9g,%.9g,%.9g,%.9g,%d,%d\n", s->t[i], s->current[i], s->voltage[i], s->capacity_Ah[i],
                s->energy_Wh[i], s->step[i] + 1, s->cycle[i] + 1); /* numbered from 1 */
}

/* All requested files or none (never a removal of what a path named
 * before: it may have been a device or someone's file). */
static int write_outputs(const test_args *a, const test_output *o, cf_error *err)
{
    const char *paths[2] = {a->series && o->series ? a->series : NULL, a->out};
    cf_outfile *f[2];
    int rc = cf_outfile_open_all(paths, 2, f, err);
    if (rc) return rc;
    if (f[0]) write_series(cf_outfile_stream(f[0]), o->series);
    if (f[1]) ct_table_write_csv(&o->table, cf_outfile_stream(f[1]));
    return cf_outfile_commit_all(f, 2, err);
}

static void print_result(const test_args *a, const cf_cell *cell, const cf_model_options *mo, const test_output *o,
                         int completed)
{
    if (a->json) {
        json_t *j = json_object();
        json_object_set_new(j, "completed", json_boolean(completed));
        json_object_set_new(j, "test", json_string(a->name));
        json_object_set_new(j, "cell", json_string(cell->name));
        json_object_set_new(j, "model", json_string(cf_model_kind_name(mo->kind)));
        json_object_set_new(j, "temperature_C", json_real(cell->T_K - 273.15));
        json_object_update(j, o->info);
        json_object_set_new(j, "note", json_string(o->note));
        json_object_set_new(j, "rows", ct_table_json(&o->table));
        cf_json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
        fputc('\n', stdout);
        json_decref(j);
        return;
    }
    printf("cellforge test %s: cell %s, model %s, %.1f degC\n", a->name, cli_esc(cell->name), cf_model_kind_name(mo->kind),
           cell->T_K - 273.15);
    printf("%s\n\n", o->line);
    ct_table_print(&o->table, stdout);
    if (o->footnote) printf("%s\n", o->footnote);
    if (o->note && o->note[0]) printf("\nnote: %s\n", cli_esc(o->note));
    if (a->out) printf("wrote %s (%zu rows)\n", cli_esc(a->out), o->table.n_rows);
    if (a->series && o->series) printf("wrote %s (%zu rows)\n", cli_esc(a->series), o->series->n);
}

static int select_test(const char *name, int *bit)
{
    static const struct {
        const char *name;
        int bit;
    } tests[] = {{"hppc", T_HPPC}, {"rate", T_RATE}, {"gitt", T_GITT}, {"cycle", T_CYCLE}};
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (strcmp(name, tests[i].name) == 0) {
            *bit = tests[i].bit;
            return 0;
        }
    return 1;
}

int cmd_test(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && cli_wants_help(argc, argv)) {
            cli_help(stdout, "test", USAGE);
            return 0;
        }
        return cli_usage_error("test", "name a test: hppc, rate, gitt or cycle");
    }
    test_args a = {.name = argv[1], .cell = "chen2020", .model = "dfn", .mesh = 0, .rtol = 1e-6, .soc = NAN};
    if (select_test(argv[1], &a.bit))
        return cli_usage_error("test", "unknown test '%s' (known: hppc, rate, gitt, cycle)", argv[1]);
    cf_test_hppc_options_default(&a.hppc);
    cf_test_rate_options_default(&a.rate);
    cf_test_gitt_options_default(&a.gitt);
    cf_test_cycle_options_default(&a.cycle);
    char cmd[32];
    snprintf(cmd, sizeof cmd, "test %s", a.name);
    int rc = parse_args(cmd, argc - 1, argv + 1, &a);
    if (rc) return rc < 0 ? 0 : rc;
    if (a.out && a.series && strcmp(a.out, a.series) == 0 && strcmp(a.out, "-") != 0)
        return cli_usage_error(cmd, "--out and --series name the same file '%s'", a.out);

    cf_error err;
    cf_error_clear(&err);
    cf_model_options mo;
    cf_model_options_default(&mo);
    mo.n_neg = mo.n_sep = mo.n_pos = mo.nr_neg = mo.nr_pos = (int)a.mesh; /* 0: the default */
    mo.rtol = mo.atol = a.rtol;
    mo.max_steps = a.max_steps;
    mo.max_wall_s = a.max_wall;
    if (cf_model_kind_parse(a.model, &mo.kind, &err) ||
        (a.integrator && cf_integrator_parse(a.integrator, &mo.integrator, &err)) ||
        (a.linear_solver && cf_linear_solver_parse(a.linear_solver, &mo.linear_solver, &err)) ||
        (a.discretisation && cf_discretisation_parse(a.discretisation, &mo.discretisation, &err)))
        return cli_fail(cmd, &err);
    cf_cell *cell = NULL;
    if (cf_cell_load(a.cell, &cell, &err)) return cli_fail(cmd, &err);
    /* HPPC, rate and GITT set states of charge between the cut-offs; a
     * lithium-metal negative has none (its lithium is what the run moves).
     * Say so in the test's own terms rather than about an --soc the user
     * never gave. */
    if (cell->neg.planar && a.bit != T_CYCLE) {
        cf_error_set(&err, CF_EINVAL, "--cell",
                     "'%s' has a lithium-metal negative: test %s sets states of charge between the cut-offs, "
                     "which such a cell does not have (its negative's lithium, %g mol/m2 as assembled, is what "
                     "the run moves); use 'test cycle' or 'simulate --protocol' with a charge first",
                     a.cell, a.name, cell->neg.li_metal_mol_m2);
        cf_cell_free(cell);
        return cli_fail(cmd, &err);
    }
    if (a.has_temperature) cell->T_K = a.temperature_C + 273.15;
    cf_plan *plan = NULL;
    test_output o;
    memset(&o, 0, sizeof o);
    rc = cf_plan_new(cell, &mo, &plan, &err);
    if (!rc) rc = plot_cli_attach_test(&a.plot, cmd, a.name, plan, &a.rate, &a.cycle, &err);
    if (!rc) rc = run_test(&a, plan, &o, &err);
    /* A test that failed after measuring something keeps it: every output
     * is written from it, and the exit status says it stopped early. */
    cf_error run_err = err;
    int kept = rc && o.result;
    if (kept) {
        rc = CF_OK;
        cf_error_clear(&err);
    }
    if (!rc) rc = plot_cli_finish_test(&a.plot, cell, o.series, o.result, &err);
    plot_cli_release(&a.plot);
    if (!rc) rc = write_outputs(&a, &o, &err);
    int status = CLI_EXIT_OK;
    if (!rc) {
        print_result(&a, cell, &mo, &o, !kept);
        cli_flush_stdout();
        if (kept) {
            cf_run_end end;
            memset(&end, 0, sizeof end);
            end.reason = cf_sim_last_failure(plan);
            end.t_s = o.series && o.series->n ? o.series->t[o.series->n - 1] : NAN;
            status = cli_stopped_early(cmd, &end, &run_err);
        }
    } else {
        status = cli_fail(cmd, &err);
    }
    if (o.free_result) o.free_result(o.result);
    json_decref(o.info);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return status;
}
