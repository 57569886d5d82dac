/* cmd_validate.c — `cellforge validate`: run each "Validation" experiment of
 * a BPX file (its measured current as a drive cycle, from the file's initial
 * state) and compare the simulated voltage with the measured one. */
#include "cli.h"
#include "cellforge/cellforge.h"
#include "cellforge/cf_bpx.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

static const char USAGE[] =
    "usage: cellforge validate FILE.json [--model spm|spme|dfn] [--mesh N] [--discretisation D]\n"
    "                          [--experiment NAME]\n"
    "                          [--max-rms-mV X] [--json]\n\n"
    "Runs every experiment of a BPX file's Validation section: the measured current (BPX:\n"
    "negative on discharge) drives the model from the file's initial state, and the simulated\n"
    "voltage is compared with the measured one at the measured times.\n\n"
    "  FILE, --cell FILE  a BPX file with a Validation section\n"
    "  --model M          spm, spme or dfn (default: the file's Header/Model)\n"
    "  --mesh N           x volumes per domain and particle nodes (fv: volumes), {R:mesh}\n"
    "                     (default: the discretisation's, as simulate)\n"
    "  --discretisation D spectral (default) or fv (PyBaMM's finite volumes), as simulate\n"
    "  --experiment NAME  run only this experiment\n"
    "  --max-rms-mV X     exit with status 1 when an experiment's RMS error exceeds X mV,\n"
    "                     [0, 1e6]\n"
    "  --json             print one JSON object instead of the table\n";

/* One experiment's result as printed. */
typedef struct {
    cf_bpx_comparison cmp;
    int failed;
    char error[400];
} outcome;

static void print_table(const char *path, const cf_bpx_info *in, const char *model, const cf_bpx_experiment *ex,
                        const outcome *out, size_t n)
{
    printf("%s: %s, model %s, initial SOC %g, %g K\n", cli_esc(path), cli_esc(in->title[0] ? in->title : "(no title)"), cli_esc(model),
           in->initial_soc, in->ambient_temperature_K);
    printf("  %-28s %8s %12s %10s %10s %10s\n", "experiment", "points", "compared", "RMS [mV]", "max [mV]",
           "at t [s]");
    for (size_t i = 0; i < n; i++) {
        const cf_bpx_comparison *c = &out[i].cmp;
        if (out[i].failed) {
            printf("  %-28.28s %8zu  failed: %s\n", cli_esc(ex[i].name), ex[i].n, cli_esc(out[i].error));
            continue;
        }
        char cmp[48];
        snprintf(cmp, sizeof cmp, "%zu/%zu", c->compared, ex[i].n);
        printf("  %-28.28s %8zu %12s %10.3f %10.3f %10g\n", cli_esc(ex[i].name), ex[i].n, cmp, 1e3 * c->rms_V, 1e3 * c->max_V,
               c->t_max_s);
        if (c->note[0]) printf("  %-28s note: %s\n", "", c->note);
    }
}

static void print_json(const char *path, const cf_bpx_info *in, const char *model, const cf_bpx_experiment *ex,
                       const outcome *out, size_t n)
{
    json_t *root = json_object(), *arr = json_array();
    json_object_set_new(root, "cell", json_string(path));
    json_object_set_new(root, "title", json_string(in->title));
    json_object_set_new(root, "model", json_string(model));
    json_object_set_new(root, "initial_soc", json_real(in->initial_soc));
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(ex[i].name));
        json_object_set_new(o, "points", json_integer((json_int_t)ex[i].n));
        const cf_bpx_comparison *c = &out[i].cmp;
        json_object_set_new(o, "compared", json_integer((json_int_t)c->compared));
        if (!out[i].failed && c->compared) {
            json_object_set_new(o, "rms_mV", json_real(1e3 * c->rms_V));
            json_object_set_new(o, "max_mV", json_real(1e3 * c->max_V));
            json_object_set_new(o, "t_max_s", json_real(c->t_max_s));
        }
        json_object_set_new(o, "failed", json_boolean(out[i].failed));
        if (out[i].failed) json_object_set_new(o, "error", json_string(out[i].error));
        else if (c->note[0]) json_object_set_new(o, "note", json_string(c->note));
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "experiments", arr);
    cf_json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    printf("\n");
    json_decref(root);
}

int cmd_validate(int argc, char **argv)
{
    const char *path = NULL, *model = NULL, *only = NULL, *disc = NULL;
    long mesh = 0; /* the discretisation's default */
    double max_rms = INFINITY;
    int json = 0;
    static const struct option opts[] = {
        {"cell", required_argument, 0, 'c'},       {"model", required_argument, 0, 'm'},
        {"mesh", required_argument, 0, 'n'},       {"experiment", required_argument, 0, 'e'},
        {"max-rms-mV", required_argument, 0, 'x'}, {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},             {"discretisation", required_argument, 0, 'Z'},
        {0, 0, 0, 0}};
    optind = 1;
    opterr = 0;
    int ch;
    int has_cell = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': path = optarg; has_cell = 1; break;
        case 'm': model = optarg; break;
        case 'Z': disc = optarg; break;
        case 'e': only = optarg; break;
        case 'j': json = 1; break;
        case 'n':
            if (cli_parse_quantity_long("validate", "--mesh", optarg, CF_QTY_MESH, &mesh)) return 2;
            break;
        case 'x':
            if (cli_parse_double("validate", "--max-rms-mV", optarg, 0, 1e6, &max_rms)) return 2;
            break;
        case 'h': cli_help(stdout, "validate", USAGE); return 0;
        default: return cli_usage_error("validate", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (cli_positional_cell("validate", argc, argv, &optind, &path, has_cell)) return 2;
    if (!path) return cli_usage_error("validate", "give the BPX file with Validation data (FILE or --cell FILE)");
    cf_error err;
    cf_error_clear(&err);
    cf_cell *cell = NULL;
    cf_bpx_info info;
    if (cf_bpx_load(path, &cell, &info, &err)) return cli_fail("validate", &err);
    for (int i = 0; i < info.notes.n; i++) fprintf(stderr, "cellforge validate: note: %s\n", cli_esc(info.notes.text[i]));
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = info.model;
    opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = (int)mesh;
    int rc = model ? cf_model_kind_parse(model, &opt.kind, &err) : CF_OK;
    if (!rc && disc) rc = cf_discretisation_parse(disc, &opt.discretisation, &err);
    if (!rc && info.n_experiments == 0)
        rc = cf_error_set(&err, CF_EINVAL, path, "the file has no Validation experiments to run");
    if (!rc && info.spm_only && opt.kind != CF_MODEL_SPM)
        rc = cf_error_set(&err, CF_EINVAL, "--model",
                          "%s is an SPM parameterisation (no electrolyte or porosity data); only --model spm applies",
                          path);
    size_t first = 0, count = info.n_experiments;
    if (!rc && only) {
        for (first = 0; first < info.n_experiments && strcmp(info.experiments[first].name, only) != 0; first++) {}
        if (first == info.n_experiments)
            rc = cf_error_set(&err, CF_EINVAL, "--experiment", "no experiment '%s' in %s", only, path);
        count = 1;
    }
    cf_plan *plan = NULL;
    if (!rc) rc = cf_plan_new(cell, &opt, &plan, &err);
    if (rc) {
        cf_bpx_info_clear(&info);
        cf_cell_free(cell);
        return cli_fail("validate", &err);
    }
    outcome *out = calloc(count, sizeof *out);
    int status = out ? 0 : 1;
    for (size_t i = 0; out && i < count; i++) {
        cf_error e;
        cf_error_clear(&e);
        if (cf_bpx_run_experiment(plan, &info.experiments[first + i], &out[i].cmp, &e)) {
            out[i].failed = 1;
            snprintf(out[i].error, sizeof out[i].error, "%.150s%s%.240s", e.where, e.where[0] ? ": " : "", e.message);
            status = 1;
        } else if (1e3 * out[i].cmp.rms_V > max_rms) {
            status = 1;
        }
    }
    const char *model_name = cf_model_kind_name(opt.kind);
    if (out && json) print_json(path, &info, model_name, info.experiments + first, out, count);
    else if (out) print_table(path, &info, model_name, info.experiments + first, out, count);
    else fprintf(stderr, "cellforge validate: error: out of memory\n");
    if (out && status && isfinite(max_rms))
        for (size_t i = 0; i < count; i++)
            if (!out[i].failed && 1e3 * out[i].cmp.rms_V > max_rms)
                fprintf(stderr, "cellforge validate: %s: RMS error %.3f mV exceeds --max-rms-mV %g\n",
                        cli_esc(info.experiments[first + i].name), 1e3 * out[i].cmp.rms_V, max_rms);
    free(out);
    cf_plan_free(plan);
    cf_bpx_info_clear(&info);
    cf_cell_free(cell);
    return status;
}
