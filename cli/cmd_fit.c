#define _POSIX_C_SOURCE 200809L
/* cmd_fit.c — `cellforge fit`: a cell's parameters from measured voltage
 * (weighted least squares, intervals), and `cellforge fit ocv`: electrode
 * stoichiometry windows from a slow OCV curve. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_fit.h"
#include "cellforge/cf_io.h"

static const char *const USAGE =
            "usage: cellforge fit [CELL | --cell CELL] --data FILE --param KEY=LO:HI[:START] ... [options]\n"
            "       cellforge fit ocv [CELL | --cell CELL] --data FILE [options]\n"
            "       cellforge fit hppc|gitt [CELL | --cell CELL] --data FILE [--electrode SIDE] [options]\n"
            "\n"
            "Fits chosen parameters of a cell to measured voltage: the model runs the file's\n"
            "current (positive = discharge) from its first to its last time, and GSL's\n"
            "trust-region least squares minimises sum ((V_model - V_data)/sigma)^2.  The\n"
            "sensitivities are forward finite differences (one simulation per parameter per\n"
            "iteration).  Intervals come from the Jacobian at the optimum (covariance times\n"
            "residual variance, Student t); parameters the data cannot separate are reported\n"
            "as non-identifiable (exit 2) instead of an optimum.  `fit ocv` fits the two\n"
            "electrodes' stoichiometry windows and capacities to a slow (near open-circuit)\n"
            "curve from the cell's electrode OCPs.  `fit hppc` fits an electrode's exchange\n"
            "current at each HPPC level (and reports the measured pulse resistance), `fit gitt`\n"
            "its solid diffusivity at each GITT pulse, vs SOC and stoichiometry; the fitted\n"
            "cell takes their mean (HPPC) or a table of stoichiometry (GITT).  Formats,\n"
            "columns and methods: docs/fitting.md.\n"
            "\n"
            "options:\n"
            "  CELL, --cell CELL    built-in cell or cell JSON file (default chen2020)\n"
            "  --data FILE          voltage and current vs time (a cycler export)\n"
            "  --format F           auto | generic | maccor | arbin | biologic | neware (default auto)\n"
            "  --current-sign SIGN  format | discharge-positive | charge-positive (default format:\n"
            "                       the export's documented convention)\n"
            "  --param KEY=LO:HI[:START]  fit cell-file key KEY (e.g. negative.diffusivity_m2_s)\n"
            "                       or initial_soc within [LO, HI]; log scale when 0 < LO and\n"
            "                       HI/LO >= 10.  Repeat for each parameter (at most 16)\n"
            "  --initial-soc X      start the run at SOC X in [0, 1] (default: the cell's state)\n"
            "  --electrode SIDE     hppc, gitt: negative | positive (default positive)\n"
            "  --model M            spm | spme | dfn (default dfn)\n"
            "  --mesh N             x volumes per domain and particle nodes (fv: volumes), {R:mesh}\n"
            "                       (default: the discretisation's, as simulate)\n"
            "  --discretisation D   spectral (default) or fv (PyBaMM's finite volumes), as simulate\n"
            "  --sigma V            voltage noise for the weights, (0, 1] V (default 0.001)\n"
            "  --max-iter N         iterations, [1, 10000] (default 50)\n"
            "  --confidence C       interval level, (0, 1) (default 0.95)\n"
            "  -o, --out FILE       write the fitted cell file ('-' = standard output)\n"
            "  --report FILE        write the fit report (JSON: parameters, intervals, figures)\n"
            "  --series FILE        write t, current, data and model voltage as CSV\n"
            "  --json               print the report as JSON on stdout\n";

typedef struct {
    const char *cell, *data, *format, *sign, *model, *out_cell, *report, *series, *discretisation;
    int json, ocv, pulses; /* pulses: 1 + cf_fit_pulse_kind, 0 none */
    int side;
    long mesh;
    cf_fit_param params[CF_FIT_MAX_PARAMS];
    char *paths[CF_FIT_MAX_PARAMS];
    size_t np;
    cf_fit_options opt;
} fit_args;

static int parse_param(const char *cmd, const char *v, fit_args *a)
{
    if (a->np == CF_FIT_MAX_PARAMS) return cli_usage_error(cmd, "more than %d --param options", CF_FIT_MAX_PARAMS);
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || (size_t)(eq - v) >= CF_FIT_PATH_MAX)
        return cli_usage_error(cmd, "--param expects KEY=LO:HI[:START] (KEY a cell-file key path or initial_soc), "
                               "got '%s'", v);
    double x[3] = {NAN, NAN, NAN};
    const char *p = eq + 1;
    int n = 0;
    while (n < 3) {
        char *end;
        x[n] = strtod(p, &end);
        if (end == p || !isfinite(x[n]))
            return cli_usage_error(cmd, "--param %.*s: expected numbers LO:HI[:START], got '%s'", (int)(eq - v), v,
                                   eq + 1);
        n++;
        if (*end == ':') p = end + 1;
        else if (*end == 0) break;
        else
            return cli_usage_error(cmd, "--param %.*s: expected numbers LO:HI[:START], got '%s'", (int)(eq - v), v,
                                   eq + 1);
    }
    if (n < 2) return cli_usage_error(cmd, "--param %.*s: give the bounds LO:HI", (int)(eq - v), v);
    char *path = strndup(v, (size_t)(eq - v));
    if (!path) return cli_usage_error(cmd, "out of memory");
    a->paths[a->np] = path;
    a->params[a->np] = (cf_fit_param){.path = path, .lower = x[0], .upper = x[1], .initial = x[2], .log_scale = -1};
    a->np++;
    return 0;
}

static int parse_args(const char *cmd, int argc, char **argv, fit_args *a)
{
    static const struct option opts[] = {
        {"cell", required_argument, 0, 'c'},       {"data", required_argument, 0, 'd'},
        {"format", required_argument, 0, 'f'},     {"current-sign", required_argument, 0, 'S'},
        {"param", required_argument, 0, 'p'},      {"initial-soc", required_argument, 0, 's'},
        {"model", required_argument, 0, 'm'},      {"mesh", required_argument, 0, 'n'},
        {"sigma", required_argument, 0, 'g'},      {"max-iter", required_argument, 0, 'i'},
        {"confidence", required_argument, 0, 'C'}, {"out", required_argument, 0, 'o'},
        {"report", required_argument, 0, 'r'},     {"series", required_argument, 0, 'e'},
        {"json", no_argument, 0, 'j'},             {"electrode", required_argument, 0, 'E'},
        {"discretisation", required_argument, 0, 'Z'},
        {0, 0, 0, 0}};
    optind = 1;
    opterr = 0;
    int c;
    int cell_given = 0;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        int rc = 0;
        long l;
        switch (c) {
        case 'c':
            a->cell = optarg;
            cell_given = 1;
            break;
        case 'd': a->data = optarg; break;
        case 'f': a->format = optarg; break;
        case 'S': a->sign = optarg; break;
        case 'p': rc = parse_param(cmd, optarg, a); break;
        case 's': rc = cli_parse_double(cmd, "--initial-soc", optarg, 0, 1, &a->opt.initial_soc); break;
        case 'm': a->model = optarg; break;
        case 'Z': a->discretisation = optarg; break;
        case 'n': rc = cli_parse_quantity_long(cmd, "--mesh", optarg, CF_QTY_MESH, &a->mesh); break;
        case 'g': rc = cli_parse_double(cmd, "--sigma", optarg, 1e-9, 1, &a->opt.sigma_V); break;
        case 'i':
            rc = cli_parse_int(cmd, "--max-iter", optarg, 1, 10000, &l);
            a->opt.max_iter = (int)l;
            break;
        case 'C': rc = cli_parse_double(cmd, "--confidence", optarg, 1e-6, 1 - 1e-6, &a->opt.confidence); break;
        case 'o': a->out_cell = optarg; break;
        case 'r': a->report = optarg; break;
        case 'e': a->series = optarg; break;
        case 'j': a->json = 1; break;
        case 'E':
            if (!a->pulses) return cli_usage_error(cmd, "--electrode belongs to fit hppc and fit gitt");
            if (!strcmp(optarg, "negative")) a->side = 0;
            else if (!strcmp(optarg, "positive")) a->side = 1;
            else return cli_usage_error(cmd, "--electrode: negative or positive, not '%s'", optarg);
            break;
        case ':': return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
        if (rc) return 2;
    }
    int oi = optind;
    if (cli_positional_cell(cmd, argc, argv, &oi, &a->cell, cell_given)) return 2;
    if (!a->data) return cli_usage_error(cmd, "no --data FILE given");
    if (!a->ocv && !a->pulses && a->np == 0)
        return cli_usage_error(cmd, "no --param KEY=LO:HI given: name what to fit");
    if ((a->ocv || a->pulses) && a->np)
        return cli_usage_error(cmd, "%s chooses its parameters itself: drop --param", cmd);
    return 0;
}

static void print_table(const char *cmd, const fit_args *a, const cf_fit_result *r, const cf_fit_data *d)
{
    printf("cellforge %s: cell %s, %zu points (%s), model %s\n", cmd, cli_esc(a->cell), r->n_points,
           cf_fit_format_name(d->format), a->ocv ? "open circuit" : a->model);
    printf("  %-40s %12s %12s   %s\n", "parameter", "start", "fitted", "interval");
    for (size_t k = 0; k < r->n_params; k++) {
        const cf_fit_param_result *p = &r->params[k];
        char ci[64];
        if (isfinite(p->lower_ci) && isfinite(p->upper_ci))
            snprintf(ci, sizeof ci, "[%.4g, %.4g]", p->lower_ci, p->upper_ci);
        else snprintf(ci, sizeof ci, "-");
        printf("  %-40s %12.5g %12.5g   %s%s\n", cli_esc(p->path), p->initial, p->value, ci,
               p->at_bound ? "  (at a bound)" : "");
    }
    printf("  %.0f %% intervals; rms %.3g mV (start %.3g mV); %d iterations, %d simulations, %s\n",
           100 * a->opt.confidence, 1e3 * r->rms_V, 1e3 * r->initial_rms_V, r->iterations, r->simulations,
           r->stop);
}

/* The data and (when one model ran all of it) the model voltage. */
static int write_series(FILE *fp, const cf_fit_data *d, const cf_fit_result *r)
{
    fprintf(fp, "time [s],current [A],voltage [V]%s\n", r ? ",model voltage [V]" : "");
    for (size_t i = 0; i < d->n; i++) {
        fprintf(fp, "%.9g,%.9g,%.9g", d->t_s[i], d->current_A[i], d->voltage_V[i]);
        if (r) fprintf(fp, ",%.9g", r->model_V[i]);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

static void print_pulses(const char *cmd, const fit_args *a, const cf_fit_pulse_result *r, const cf_fit_data *d)
{
    int gitt = r->kind == CF_FIT_PULSES_GITT;
    printf("cellforge %s: cell %s, %zu points (%s), model %s: %s at %zu pulses\n", cmd, cli_esc(a->cell), d->n,
           cf_fit_format_name(d->format), a->model, r->path, r->n);
    printf("  %9s %7s %9s %12s   %-24s %s\n", "t (s)", "SOC", gitt ? "sto" : "R (Ohm)", "fitted", "interval",
           "rms (mV)");
    for (size_t k = 0; k < r->n; k++) {
        const cf_fit_pulse_point *p = &r->points[k];
        if (!p->ok) {
            printf("  %9.0f  not fitted: %s\n", p->t_start_s, cli_esc(p->note));
            continue;
        }
        char ci[64];
        if (isfinite(p->lower) && isfinite(p->upper)) snprintf(ci, sizeof ci, "[%.4g, %.4g]", p->lower, p->upper);
        else snprintf(ci, sizeof ci, "-");
        printf("  %9.0f %7.4f %9.4g %12.5g   %-24s %.3g%s%s\n", p->t_start_s, p->soc,
               gitt ? p->x : p->resistance_ohm, p->value, ci, 1e3 * p->rms_V, p->note[0] ? "  " : "",
               cli_esc(p->note));
    }
    printf("  %.0f %% intervals; %d simulations; the fitted cell takes %s\n", 100 * a->opt.confidence,
           r->simulations, gitt ? "the diffusivity as a table of stoichiometry" : "the levels' geometric mean");
}

int cmd_fit(int argc, char **argv)
{
    const char *cmd = "fit";
    if (cli_wants_help(argc, argv)) {
        cli_help(stdout, "fit", USAGE);
        return 0;
    }
    fit_args a = {.cell = "chen2020", .format = "auto", .sign = "format", .model = "dfn", .mesh = 0}; /* mesh 0: the default */
    cf_fit_options_default(&a.opt);
    int shift = 0;
    a.side = 1;
    if (argc > 1 && !strcmp(argv[1], "ocv")) {
        a.ocv = 1;
        cmd = "fit ocv";
        shift = 1;
    } else if (argc > 1 && (!strcmp(argv[1], "hppc") || !strcmp(argv[1], "gitt"))) {
        a.pulses = 1 + (argv[1][0] == 'g' ? CF_FIT_PULSES_GITT : CF_FIT_PULSES_HPPC);
        cmd = a.pulses == 1 + CF_FIT_PULSES_GITT ? "fit gitt" : "fit hppc";
        shift = 1;
    }
    int rc = parse_args(cmd, argc - shift, argv + shift, &a);
    cf_fit_data *d = NULL;
    cf_fit_result *r = NULL;
    cf_fit_pulse_result *pr = NULL;
    char *report = NULL;
    cf_error err;
    cf_error_clear(&err);
    if (rc) goto out;
    cf_fit_format fmt;
    cf_current_sign sign;
    a.opt.model.n_neg = a.opt.model.n_sep = a.opt.model.n_pos = a.opt.model.nr_neg = a.opt.model.nr_pos = (int)a.mesh;
    if (cf_fit_format_parse(a.format, &fmt, &err) || cf_current_sign_parse(a.sign, &sign, &err) ||
        cf_model_kind_parse(a.model, &a.opt.model.kind, &err) ||
        (a.discretisation && cf_discretisation_parse(a.discretisation, &a.opt.model.discretisation, &err))) {
        rc = cli_fail(cmd, &err);
        goto out;
    }
    /* Outputs are checked before the fit spends its time. */
    const char *paths[3] = {a.out_cell, a.report, a.series};
    for (int k = 0; k < 3; k++)
        if (paths[k] && cf_outfile_check(paths[k], &err)) {
            rc = cli_fail(cmd, &err);
            goto out;
        }
    if (cf_fit_data_read(a.data, fmt, sign, &d, &err)) {
        rc = cli_fail(cmd, &err);
        goto out;
    }
    int frc = a.pulses ? cf_fit_pulses(a.cell, d, (cf_fit_pulse_kind)(a.pulses - 1), a.side, &a.opt, &pr, &err)
              : a.ocv  ? cf_fit_ocv_balance(a.cell, d, &a.opt, &r, &err)
                       : cf_fit_run(a.cell, d, a.params, a.np, &a.opt, &r, &err);
    if (frc) {
        rc = cli_fail(cmd, &err);
        goto out;
    }
    report = pr ? cf_fit_pulse_result_json(pr) : cf_fit_result_json(r, &a.opt);
    if (!report) {
        cf_error_set(&err, CF_ENOMEM, "fit", "out of memory");
        rc = cli_fail(cmd, &err);
        goto out;
    }
    cf_outfile *files[3] = {NULL, NULL, NULL};
    if (cf_outfile_open_all(paths, 3, files, &err)) {
        rc = cli_fail(cmd, &err);
        goto out;
    }
    int bad = 0;
    const char *cell_json = pr ? pr->cell_json : r->cell_json;
    if (files[0]) bad |= fputs(cell_json, cf_outfile_stream(files[0])) < 0 || fputc('\n', cf_outfile_stream(files[0])) < 0;
    if (files[1]) bad |= fputs(report, cf_outfile_stream(files[1])) < 0 || fputc('\n', cf_outfile_stream(files[1])) < 0;
    if (files[2]) bad |= write_series(cf_outfile_stream(files[2]), d, pr ? NULL : r) != 0;
    if (bad) {
        cf_outfile_abort_all(files, 3);
        cf_error_set(&err, CF_EIO, "fit", "write error");
        rc = cli_fail(cmd, &err);
        goto out;
    }
    if (cf_outfile_commit_all(files, 3, &err)) {
        rc = cli_fail(cmd, &err);
        goto out;
    }
    /* An output on standard output is the output: no table beside it. */
    int to_stdout = 0;
    for (int k = 0; k < 3; k++) to_stdout |= paths[k] && !strcmp(paths[k], "-");
    if (a.json && !to_stdout) printf("%s\n", report);
    else if (!to_stdout && pr) print_pulses(cmd, &a, pr, d);
    else if (!to_stdout) print_table(cmd, &a, r, d);
    rc = 0;
out:
    free(report);
    cf_fit_result_free(r);
    cf_fit_pulse_result_free(pr);
    cf_fit_data_free(d);
    for (size_t k = 0; k < a.np; k++) free(a.paths[k]);
    return rc;
}
