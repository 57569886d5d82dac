#define _POSIX_C_SOURCE 200809L
/* cmd_report.c — `cellforge report`: one self-contained HTML file about a
 * cell: its parameters, a simulation with plots and, for a recipe, the design
 * breakdown and the claim table.
 *
 * The report itself is src/report (cf_report.h), the code path Python's
 * cellforge.report takes too; this file parses the options, shows progress
 * and says what was written.  A failed simulation (a limit of the cell, the
 * solver) does not lose the rest of the report: the page says what failed
 * and a warning says so here.  Bad input (unknown cell, malformed protocol,
 * bad option) writes nothing and exits 2. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cellforge/cellforge.h"
#include "cli.h"
#include "plot_cli.h"
#include "progress.h"
#include "report/cf_report.h"

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
    cf_error err;
    cf_error_clear(&err);
    if (cf_report_check_path(a->html, &err)) return cli_usage_error("report", "%s: %s", err.where, err.message);
    if (a->has_crate + !!a->protocol + !!a->protocol_file > 1)
        return cli_usage_error("report", "give only one of --crate, --protocol, --protocol-file");
    return 0;
}

int cmd_report(int argc, char **argv)
{
    report_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? 0 : rc;
    cf_report_request q;
    cf_report_request_default(&q);
    q.source = a.cell;
    q.model = a.model;
    q.has_crate = a.has_crate;
    q.crate = a.crate;
    q.soc = a.soc;
    q.protocol = a.protocol;
    q.protocol_file = a.protocol_file;
    q.profile_times = a.plot.times;
    q.n_profile_times = a.plot.n_times;
    cli_progress prog; /* protocols only: a constant-current run is one step */
    memset(&prog, 0, sizeof prog);
    if (a.protocol || a.protocol_file) {
        cli_progress_start(&prog, "report", "steps", a.plot.progress_forced);
        q.progress = cli_progress_experiment;
        q.progress_user = &prog;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_report_outcome o;
    rc = cf_report_write(&q, a.html, &o, &err);
    cli_progress_end(&prog);
    if (rc) {
        /* Say both readings when the file was neither a cell nor a recipe. */
        if (o.recipe_error.code)
            fprintf(stderr, "cellforge report: note: read as a recipe instead: %s%s%s\n", cli_esc(o.recipe_error.where),
                    o.recipe_error.where[0] ? ": " : "", cli_esc(o.recipe_error.message));
        return cli_fail("report", &err);
    }
    if (o.sim_failed)
        fprintf(stderr, "cellforge report: warning: the simulation failed (%s); the report says so\n",
                cli_esc(o.sim_error.message));
    else if (o.sim_stopped)
        fprintf(stderr, "cellforge report: warning: the simulation stopped early (%s: %s); the report shows the "
                        "rows up to t = %.1f s and says why\n",
                o.stop_reason, cli_esc(o.sim_error.message), o.t_end_s);
    if (strcmp(a.html, "-") != 0)
        printf("wrote %s (%s%s%s, %d plot%s)\n", cli_esc(a.html), o.has_cell ? "cell, simulation" : "simulation not available",
               o.has_recipe ? ", design, " : "", o.has_recipe ? "claims" : "", o.n_plots, o.n_plots == 1 ? "" : "s");
    return 0;
}
