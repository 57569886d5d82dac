#define _POSIX_C_SOURCE 200809L
/* cmd_report.c — `cellforge report`: one self-contained HTML file about a
 * cell: its parameters, a simulation with plots and, for a recipe, the design
 * breakdown and the claim table.
 *
 * A failed simulation (a limit of the cell, the solver) does not lose the
 * rest of the report: the page says what failed, and a run that stopped
 * after computing rows (a cut-off, a physical limit, a failure in a later
 * step) is drawn from those rows with the reason above it, as `simulate`
 * keeps them.  Bad input (unknown cell, malformed protocol, bad option)
 * writes nothing and exits 2. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cellforge/cellforge.h"
#include "cli.h"
#include "plot/cf_plot.h"
#include "plot/cf_plot_sim.h"
#include "plot_cli.h"
#include "progress.h"
#include "report_html.h"

static const char *USAGE =
    "usage: cellforge report [CELL] --out OUT.html [what to run] [options]\n"
    "\n"
    "Writes one self-contained HTML file (inline CSS and SVG plots, no scripts, nothing\n"
    "fetched) about a cell: its parameters, a simulation summary with plots, and, when\n"
    "FILE is a recipe (docs/recipe.md), the design breakdown and the claim table.\n"
    "\n"
    "  -o, --out FILE     the report to write ('-' for standard output; missing folders are\n"
    "                     created); required (--html FILE: the same)\n"
    "  CELL, --cell CELL  built-in cell (docs/cells.md), cell JSON or recipe JSON (default chen2020)\n"
    "what to run (one of; default a 1C discharge from the cell's initial state):\n"
    "  --crate X          constant current at X C, {R:crate} (X < 0 charges, from 0 % SOC)\n"
    "  --protocol TEXT    PyBaMM-style steps separated by ';'\n"
    "  --protocol-file F  a protocol file (docs/protocols.md)\n"
    "options:\n"
    "  --model M          spm | spme | dfn (default dfn)\n"
    "  --soc S            initial state of charge, {R:soc}\n"
    "  --plot-profiles LIST  times of the profiles, each >= 0, at most 16, e.g. 0,600,30min\n"
    "                     (default: 5 evenly spaced)\n"
    "  --progress         progress on stderr even when it is not a terminal\n"
    "  -h, --help         this help\n"
    ;

typedef struct {
    const char *html, *cell, *protocol, *protocol_file, *model;
    double crate, soc;
    int has_crate;
    plot_cli_args plot; /* only --plot-profiles and --progress are accepted here */
} report_args;

enum { OPT_HTML = 0x6001, OPT_CELL, OPT_CRATE, OPT_PROTOCOL, OPT_PROTOCOL_FILE, OPT_MODEL, OPT_SOC };

static int parse_args(int argc, char **argv, report_args *a)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, OPT_HTML},
        {"html", required_argument, 0, OPT_HTML}, /* the former name of --out */
        {"cell", required_argument, 0, OPT_CELL},
        {"crate", required_argument, 0, OPT_CRATE},
        {"protocol", required_argument, 0, OPT_PROTOCOL},
        {"protocol-file", required_argument, 0, OPT_PROTOCOL_FILE},
        {"model", required_argument, 0, OPT_MODEL},
        {"soc", required_argument, 0, OPT_SOC},
        {"plot-profiles", required_argument, 0, PLOT_CLI_OPT_PROFILES},
        {"progress", no_argument, 0, PLOT_CLI_OPT_PROGRESS},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    *a = (report_args){.cell = "chen2020", .model = "dfn", .crate = 1.0, .soc = NAN};
    optind = 1;
    opterr = 0;
    int ch;
    int has_cell = 0;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'o':
        case OPT_HTML: a->html = optarg; break;
        case OPT_CELL: a->cell = optarg; has_cell = 1; break;
        case OPT_PROTOCOL: a->protocol = optarg; break;
        case OPT_PROTOCOL_FILE: a->protocol_file = optarg; break;
        case OPT_MODEL: a->model = optarg; break;
        case OPT_CRATE:
            if (cli_parse_quantity("report", "--crate", optarg, CF_QTY_CRATE, &a->crate)) return 2;
            a->has_crate = 1;
            break;
        case OPT_SOC:
            if (cli_parse_quantity("report", "--soc", optarg, CF_QTY_SOC, &a->soc)) return 2;
            break;
        case PLOT_CLI_OPT_PROFILES:
        case PLOT_CLI_OPT_PROGRESS:
            if (plot_cli_option(&a->plot, "report", ch, optarg)) return 2;
            break;
        case 'h': cli_help(stdout, "report", USAGE); return -1;
        default: return cli_usage_error("report", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (cli_positional_cell("report", argc, argv, &optind, &a->cell, has_cell)) return 2;
    if (!a->html) return cli_usage_error("report", "--out FILE.html is required (the report to write)");
    size_t len = strlen(a->html);
    if (strcmp(a->html, "-") != 0 && (len < 5 || (strcmp(a->html + len - 5, ".html") != 0 &&
                                                  (len < 4 || strcmp(a->html + len - 4, ".htm") != 0))))
        return cli_usage_error("report", "--html %s: the report's name must end in .html or .htm", a->html);
    if (a->has_crate + !!a->protocol + !!a->protocol_file > 1)
        return cli_usage_error("report", "give only one of --crate, --protocol, --protocol-file");
    return 0;
}

/* ---------------------------------------------------------------- inputs */

typedef struct {
    cf_recipe *recipe;
    cf_design design;
    cf_claims_report claims;
    cf_cell *cell;
    cf_error cell_err;   /* why the cell could not be loaded (recipe only) */
    cf_protocol *proto;
} inputs;

static void inputs_free(inputs *in)
{
    cf_recipe_free(in->recipe);
    cf_cell_free(in->cell);
    cf_protocol_free(in->proto);
}

/* A file is tried as a recipe first (silently), then as a cell; a recipe
 * that is not (yet) simulatable keeps its design and claims. */
static int load_inputs(const report_args *a, inputs *in, cf_error *err)
{
    memset(in, 0, sizeof *in);
    int rc = CF_OK;
    if (a->protocol) rc = cf_protocol_parse(a->protocol, &in->proto, err);
    else if (a->protocol_file) rc = cf_protocol_load_file(a->protocol_file, &in->proto, err);
    if (rc) return rc;
    cf_error rerr;
    cf_error_clear(&rerr);
    int is_file = access(a->cell, R_OK) == 0;
    if (is_file && cf_recipe_load(a->cell, &in->recipe, &rerr) != CF_OK) in->recipe = NULL;
    cf_error_clear(&in->cell_err);
    int crc = cf_cell_load(a->cell, &in->cell, &in->cell_err);
    if (crc && !in->recipe) {
        *err = in->cell_err;
        /* Say both readings when the file was neither a cell nor a recipe. */
        if (is_file && rerr.code)
            fprintf(stderr, "cellforge report: note: read as a recipe instead: %s%s%s\n", rerr.where,
                    rerr.where[0] ? ": " : "", rerr.message);
        return crc;
    }
    if (in->recipe) {
        if ((rc = cf_design_compute(in->recipe, &in->design, err))) return rc;
        if ((rc = cf_claims_check(in->recipe, NULL, &in->claims, err))) return rc;
    }
    return CF_OK;
}

/* ------------------------------------------------------------ simulation */

typedef struct {
    cf_plan *plan;
    cf_solution *sol;
    cf_experiment_result *res;
    cf_plot_snapshots *snaps;
    cf_error err;       /* why the simulation failed (the report says so) */
    int failed;         /* nothing to draw                                       */
    int partial;        /* it failed after computing rows: they are drawn        */
    double wall_ms;
    double soc;
    char what[160];
} sim_run;

static void observe(void *user, const cf_plan *plan, double t)
{
    sim_run *r = user;
    cf_plot_snapshots_observe(r->snaps, plan, t);
}

/* Returns CF_EINVAL-class errors (bad model name, bad times) for the caller
 * to fail on; other failures are kept in r->err for the page. */
static int simulate(const report_args *a, const inputs *in, sim_run *r, cf_error *err)
{
    memset(r, 0, sizeof *r);
    cf_model_options opt;
    cf_model_options_default(&opt);
    int rc = cf_model_kind_parse(a->model, &opt.kind, err);
    if (!rc) rc = cf_plot_snapshots_new(a->plot.times, a->plot.n_times, 5, &r->snaps, err);
    if (rc) return rc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cf_error_clear(&r->err);
    rc = cf_plan_new(in->cell, &opt, &r->plan, &r->err);
    if (!rc) cf_plan_set_observer(r->plan, observe, r);
    r->soc = isnan(a->soc) && !in->proto ? cf_cell_start_soc(in->cell, a->crate) : a->soc;
    cli_progress prog; /* protocols only: a constant-current run is one step */
    memset(&prog, 0, sizeof prog);
    if (in->proto) cli_progress_start(&prog, "report", "steps", a->plot.progress_forced);
    if (!rc && in->proto) {
        cf_experiment_options eo;
        cf_experiment_options_default(&eo);
        eo.initial_soc = r->soc;
        eo.progress = cli_progress_experiment;
        eo.progress_user = &prog;
        rc = cf_simulate_protocol(r->plan, in->proto, &eo, &r->sol, &r->res, &r->err);
        if (!rc && r->sol->n == 0)
            rc = cf_error_set(&r->err, CF_ELIMIT, "protocol", "no step could run: every step's end condition "
                                                              "already holds at its start");
        snprintf(r->what, sizeof r->what, "protocol %s", a->protocol_file ? a->protocol_file : "(below)");
    } else if (!rc) {
        rc = isnan(r->soc) ? cf_sim_reset(r->plan, &r->err) : cf_sim_reset_soc(r->plan, r->soc, &r->err);
        if (!rc) rc = cf_sim_run_crate(r->plan, a->crate, &r->sol, &r->err);
        snprintf(r->what, sizeof r->what, "%s at %g C (%.4g A)", a->crate > 0 ? "discharge" : "charge",
                 fabs(a->crate), fabs(a->crate) * in->cell->nominal_capacity_Ah);
        if (!isnan(r->soc)) {
            size_t used = strlen(r->what);
            snprintf(r->what + used, sizeof r->what - used, " from %.0f %% SOC", 100 * r->soc);
        }
    }
    cli_progress_end(&prog);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->wall_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-6;
    if (rc && r->sol && r->sol->n > 0) {
        /* Stopped by a failure after computing rows: the page draws them and
         * says why (the profiles, when any state was observed, up to the stop). */
        r->partial = 1;
        cf_error ferr;
        (void)cf_plot_snapshots_finish(r->snaps, &ferr);
        rc = CF_OK;
    } else if (!rc) {
        rc = cf_plot_snapshots_finish(r->snaps, &r->err);
    }
    r->failed = rc != CF_OK;
    return CF_OK;
}

static void sim_free(sim_run *r)
{
    cf_plot_snapshots_free(r->snaps);
    cf_experiment_result_free(r->res);
    cf_solution_free(r->sol);
    cf_plan_free(r->plan);
}

/* ----------------------------------------------------------------- plots */

/* Writes one <figure> per panel; returns how many, or -1 with err set. */
static int write_plots(FILE *f, const inputs *in, const sim_run *r, cf_error *err)
{
    cf_plot_figure *fig = cf_plot_figure_new(NULL);
    if (!fig) return cf_error_set(err, CF_ENOMEM, "report", "out of memory"), -1;
    const cf_solution *runs[1] = {r->sol};
    double nominal = in->cell->nominal_capacity_Ah;
    cf_plot_add_voltage_capacity(fig, runs, NULL, 1, nominal);
    cf_plot_add_voltage_time(fig, runs, NULL, 1);
    cf_plot_add_current(fig, runs, NULL, 1);
    cf_plot_add_dqdv(fig, runs, NULL, 1, nominal);
    cf_plot_add_process(fig, r->sol);
    cf_plot_add_profiles(fig, r->snaps, in->cell);
    size_t with_discharge = 0;
    for (size_t i = 0; r->res && i < r->res->n; i++) with_discharge += r->res->cycles[i].discharge_Ah > 0;
    if (with_discharge >= 2) { /* per-cycle capacity says something from two discharges on */
        size_t n = r->res->n;
        double *buf = malloc(3 * n * sizeof *buf);
        if (buf) {
            for (size_t i = 0; i < n; i++) {
                buf[i] = (double)r->res->cycles[i].cycle + 1;
                buf[n + i] = r->res->cycles[i].charge_Ah;
                buf[2 * n + i] = r->res->cycles[i].discharge_Ah;
            }
            cf_plot_add_cycles(fig, buf, buf + n, buf + 2 * n, n);
            free(buf);
        }
    }
    int written = html_figures(f, fig, "p", err);
    cf_plot_figure_free(fig);
    return written;
}

/* ------------------------------------------------------------------ page */

/* A run that ended before its protocol did (a cut-off, a physical limit, a
 * failure after some rows): why, where, and that what follows is the rows up
 * to the stop — the same facts `simulate` prints when it stops early. */
static void stopped_notice(FILE *f, const sim_run *r)
{
    const cf_run_end *end = &r->sol->end;
    fprintf(f, "<p class=\"notice\" id=\"sim-stopped\">The simulation stopped early (%s): ",
            cf_end_reason_code(end->reason));
    if (r->partial && r->err.code) {
        html_escape(f, r->err.where);
        if (r->err.where[0]) fputs(": ", f);
        html_escape(f, r->err.message);
    } else {
        if (end->step >= 0 && end->step_text[0]) {
            fprintf(f, "step %lld (cycle %lld): ", end->step + 1, end->cycle + 1);
            html_escape(f, end->step_text);
            fputs(": ", f);
        }
        html_escape(f, end->message);
    }
    size_t last = r->sol->n - 1;
    fprintf(f, ". The summary and plots below are the %zu rows computed up to t = %.1f s.</p>\n", r->sol->n,
            r->sol->t[last]);
}

static int write_page(FILE *f, const report_args *a, const inputs *in, const sim_run *r, int *n_plots,
                      cf_error *err)
{
    const char *name = in->cell ? in->cell->name : cf_recipe_name(in->recipe);
    if (in->recipe) name = cf_recipe_name(in->recipe);
    char title[200];
    snprintf(title, sizeof title, "cellforge report: %s", name);
    html_begin(f, title);
    char date[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm)) strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm);
    fputs("<header>\n<h1>", f);
    html_escape(f, name);
    fprintf(f, "</h1>\n<p class=\"sub\">cellforge %s report &middot; ", cf_version());
    html_escape(f, a->cell);
    fprintf(f, " &middot; %s</p>\n</header>\n<nav>\n", date);
    if (in->cell) fputs("<a href=\"#cell\">Cell</a>\n", f);
    fputs("<a href=\"#simulation\">Simulation</a>\n", f);
    if (in->recipe) fputs("<a href=\"#design\">Design</a>\n<a href=\"#claims\">Claims</a>\n", f);
    fputs("</nav>\n", f);
    if (in->cell) report_cell_section(f, in->cell, a->cell);
    fputs("<section id=\"simulation\">\n<h2>Simulation</h2>\n", f);
    *n_plots = 0;
    if (!in->cell) {
        fputs("<p class=\"notice\">This recipe cannot be simulated: it could not be turned into model "
              "parameters (see below). The design and the claims below are computed from the recipe "
              "itself.</p>\n<p class=\"muted\">",
              f);
        html_escape(f, in->cell_err.where);
        if (in->cell_err.where[0]) fputs(": ", f);
        html_escape(f, in->cell_err.message);
        fputs("</p>\n", f);
    } else if (r->failed) {
        fputs("<p class=\"notice\">The simulation did not complete: ", f);
        html_escape(f, r->err.where);
        if (r->err.where[0]) fputs(": ", f);
        html_escape(f, r->err.message);
        fputs("</p>\n", f);
    } else {
        if (r->partial || !r->sol->end.completed) stopped_notice(f, r);
        report_sim s = {a->model, r->what, in->proto, r->sol, r->res, r->wall_ms};
        report_sim_summary(f, &s);
        if (!cf_plot_available())
            fputs("<p class=\"notice\">No plots: this cellforge was built without cairo (install libcairo2-dev "
                  "and rebuild).</p>\n",
                  f);
        int n = cf_plot_available() ? write_plots(f, in, r, err) : 0;
        if (n < 0) return err->code ? err->code : CF_EIO;
        *n_plots = n;
    }
    fputs("</section>\n", f);
    if (in->recipe) {
        int rc = report_design_section(f, &in->design, n_plots, err);
        if (rc) return rc;
        report_claims_section(f, &in->claims);
    }
    html_end(f);
    return CF_OK;
}

/* Creates the missing directories above path ("out/" in out/report.html):
 * a report usually goes into a folder of its own. */
static int make_parent_dirs(const char *path, cf_error *err)
{
    char dir[1024];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return cf_error_set(err, CF_EINVAL, path, "path longer than %zu characters", sizeof dir - 1);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return CF_OK;
    *slash = '\0';
    for (char *p = dir + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char keep = *p;
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                return cf_error_set(err, CF_EIO, dir, "cannot create the report's directory: %s", strerror(errno));
            *p = keep;
            if (!keep) break;
        }
    }
    return CF_OK;
}

int cmd_report(int argc, char **argv)
{
    report_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? 0 : rc;
    cf_error err;
    cf_error_clear(&err);
    inputs in;
    if ((rc = load_inputs(&a, &in, &err))) {
        inputs_free(&in);
        return cli_fail("report", &err);
    }
    sim_run r;
    memset(&r, 0, sizeof r);
    if (in.cell && (rc = simulate(&a, &in, &r, &err))) {
        sim_free(&r);
        inputs_free(&in);
        return cli_fail("report", &err);
    }
    if (in.cell && r.failed && r.err.code == CF_EINVAL) { /* bad input, not a limit of the cell */
        sim_free(&r);
        inputs_free(&in);
        return cli_fail("report", &r.err);
    }
    cf_outfile *out = NULL;
    int n_plots = 0;
    rc = strcmp(a.html, "-") != 0 ? make_parent_dirs(a.html, &err) : CF_OK;
    if (!rc) rc = cf_outfile_open(a.html, &out, &err);
    if (!rc) {
        rc = write_page(cf_outfile_stream(out), &a, &in, &r, &n_plots, &err);
        if (rc) cf_outfile_abort(out);
        else rc = cf_outfile_commit(out, &err);
    }
    if (!rc && in.cell && r.failed)
        fprintf(stderr, "cellforge report: warning: the simulation failed (%s); the report says so\n",
                cli_esc(r.err.message));
    else if (!rc && in.cell && (r.partial || !r.sol->end.completed))
        fprintf(stderr, "cellforge report: warning: the simulation stopped early (%s: %s); the report shows the "
                        "rows up to t = %.1f s and says why\n",
                cf_end_reason_code(r.sol->end.reason), cli_esc(r.partial ? r.err.message : r.sol->end.message),
                r.sol->t[r.sol->n - 1]);
    if (!rc && strcmp(a.html, "-") != 0)
        printf("wrote %s (%s%s%s, %d plot%s)\n", cli_esc(a.html), in.cell ? "cell, simulation" : "simulation not available",
               in.recipe ? ", design, " : "", in.recipe ? "claims" : "", n_plots, n_plots == 1 ? "" : "s");
    sim_free(&r);
    inputs_free(&in);
    return rc ? cli_fail("report", &err) : 0;
}
