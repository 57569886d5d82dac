/* plot_cli.c — --plot, --plot-kinds, --plot-profiles and --progress for the
 * commands that run simulations (see plot_cli.h). */
#include "plot_cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot/cf_plot.h"

/* "600", "30min", "1.5h", "90s" -> seconds. */
static int parse_time(const char *text, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf) return -1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || errno == ERANGE || !isfinite(v)) return -1;
    double scale = 1;
    if (*end == '\0' || strcmp(end, "s") == 0) scale = 1;
    else if (strcmp(end, "min") == 0) scale = 60;
    else if (strcmp(end, "h") == 0) scale = 3600;
    else return -1;
    *out = v * scale;
    return 0;
}

static int parse_times(plot_cli_args *a, const char *cmd, const char *arg)
{
    a->n_times = 0;
    const char *p = arg;
    while (*p) {
        size_t len = strcspn(p, ",");
        double t;
        if (a->n_times == CF_SNAP_MAX_TIMES)
            return cli_usage_error(cmd, "--plot-profiles takes at most %d times", CF_SNAP_MAX_TIMES);
        if (parse_time(p, len, &t))
            return cli_usage_error(cmd, "--plot-profiles: '%.*s' is not a time (a number of seconds, or with min or h)",
                                   (int)len, p);
        if (t < 0) return cli_usage_error(cmd, "--plot-profiles: time %.*s is negative; times must be >= 0", (int)len, p);
        a->times[a->n_times++] = t;
        p += len;
        if (*p == ',') p++;
    }
    if (a->n_times == 0) return cli_usage_error(cmd, "--plot-profiles needs at least one time, e.g. 0,600,1800");
    return 0;
}

int plot_cli_option(plot_cli_args *a, const char *cmd, int opt, const char *arg)
{
    cf_error err;
    cf_error_clear(&err);
    cf_plot_format fmt;
    switch (opt) {
    case PLOT_CLI_OPT_PLOT:
        if (cf_plot_format_from_path(arg, &fmt, &err))
            return cli_usage_error(cmd, "--plot %s: %s", arg, err.message);
        a->path = arg;
        return 0;
    case PLOT_CLI_OPT_KINDS:
        if (cf_plot_kinds_parse(arg, &a->kinds, &err)) return cli_usage_error(cmd, "--plot-kinds: %s", err.message);
        return 0;
    case PLOT_CLI_OPT_PROFILES: return parse_times(a, cmd, arg);
    case PLOT_CLI_OPT_PROGRESS: a->progress_forced = 1; return 0;
    default: return cli_usage_error(cmd, "unknown plot option");
    }
}

static void observe(void *user, const cf_plan *plan, double t)
{
    plot_cli_args *a = user;
    if (a->snaps) cf_plot_snapshots_observe(a->snaps, plan, t);
    if (a->rec) {
        cf_plot_recorder_observe(a->rec, plan, t);
        size_t runs = cf_plot_recorder_runs(a->rec);
        int64_t done = a->test == 'r' ? (int64_t)(runs ? runs - 1 : 0)
                       : a->test == 'c' ? cf_plot_recorder_cycles_done(a->rec)
                                        : 0;
        cli_progress_update(&a->prog, done, a->total);
    } else {
        cli_progress_tick(&a->prog);
    }
}

int plot_cli_attach(plot_cli_args *a, const char *cmd, cf_plan *plan, cf_error *err)
{
    a->cmd = cmd;
    if (a->test != 'r') a->kinds_named = a->kinds;
    if (!a->path && (a->kinds || a->n_times))
        return cf_error_set(err, CF_EINVAL, a->kinds ? "--plot-kinds" : "--plot-profiles",
                            "needs --plot FILE (.png, .svg or .pdf) to draw into");
    if (a->path && !cf_plot_available()) /* say so before a long run, not after */
        return cf_error_set(err, CF_EUNSUPPORTED, a->path,
                            "this cellforge was built without cairo, so it cannot draw plots; install libcairo2-dev "
                            "(scripts/install-deps) and rebuild");
    if (a->path && a->n_times && a->kinds && !(a->kinds & CF_PLOT_KIND_PROFILES))
        return cf_error_set(err, CF_EINVAL, "--plot-profiles",
                            "the profile times are unused: --plot-kinds does not include profiles");
    if (a->path && (!a->kinds || (a->kinds & CF_PLOT_KIND_PROFILES))) {
        int rc = cf_plot_snapshots_new(a->times, a->n_times, 5, &a->snaps, err);
        if (rc) return rc;
    }
    if (a->snaps || a->progress_forced) cf_plan_set_observer(plan, observe, a);
    return CF_OK;
}

void plot_cli_progress(plot_cli_args *a, cf_experiment_options *eo)
{
    cli_progress_start(&a->prog, a->cmd ? a->cmd : "run", "steps", a->progress_forced);
    if (!a->prog.on) return;
    eo->progress = cli_progress_experiment;
    eo->progress_user = &a->prog;
}

static int wants(const plot_cli_args *a, unsigned kind) { return a->kinds == 0 || (a->kinds & kind); }

int plot_cli_finish_runs(plot_cli_args *a, const cf_cell *cell, const cf_solution *const *runs,
                         const char *const *labels, size_t n, const plot_cli_cycles *cycles, cf_error *err)
{
    cli_progress_end(&a->prog);
    if (!a->path) return CF_OK;
    char title[160];
    snprintf(title, sizeof title, "%s: %s", a->cmd ? a->cmd : "cellforge", cell->name);
    cf_plot_figure *f = cf_plot_figure_new(title);
    if (!f) return cf_error_set(err, CF_ENOMEM, a->path, "out of memory");
    double nominal = cell->nominal_capacity_Ah;
    if (wants(a, CF_PLOT_KIND_VOLTAGE)) cf_plot_add_voltage_capacity(f, runs, labels, n, nominal);
    if (wants(a, CF_PLOT_KIND_TIME)) cf_plot_add_voltage_time(f, runs, labels, n);
    if (wants(a, CF_PLOT_KIND_CURRENT)) cf_plot_add_current(f, runs, labels, n);
    if (wants(a, CF_PLOT_KIND_DQDV)) cf_plot_add_dqdv(f, runs, labels, n, nominal);
    if (wants(a, CF_PLOT_KIND_PROCESS) && n == 1) cf_plot_add_process(f, runs[0]);
    int rc = CF_OK;
    if (a->snaps && wants(a, CF_PLOT_KIND_PROFILES)) {
        rc = cf_plot_snapshots_finish(a->snaps, err);
        if (!rc) cf_plot_add_profiles(f, a->snaps, cell);
    }
    /* Per-cycle capacity only says something from two discharges on (a
     * protocol's steps may each be a "cycle"), unless asked for by name. */
    int named = a->kinds_named & CF_PLOT_KIND_CYCLES;
    size_t with_discharge = 0;
    for (size_t i = 0; cycles && i < cycles->n; i++) with_discharge += cycles->discharge_Ah[i] > 0;
    if (!rc && wants(a, CF_PLOT_KIND_CYCLES)) {
        if (cycles && cycles->n > 0 && (with_discharge >= 2 || named))
            cf_plot_add_cycles(f, cycles->cycle, cycles->charge_Ah, cycles->discharge_Ah, cycles->n);
        else if (named)
            cf_plot_panel_note(cf_plot_panel_add(f, "Capacity per cycle", "cycle", "capacity (Ah)"),
                               "no cycles: this run has no protocol cycles");
    }
    if (!rc) rc = cf_plot_figure_write(f, a->path, err);
    cf_plot_figure_free(f);
    return rc;
}

int plot_cli_finish(plot_cli_args *a, const cf_cell *cell, const cf_solution *sol, const cf_experiment_result *res,
                    cf_error *err)
{
    if (!a->path) {
        cli_progress_end(&a->prog);
        return CF_OK;
    }
    plot_cli_cycles cy = {0};
    double *buf = NULL;
    if (res && res->n > 0) {
        buf = malloc(3 * res->n * sizeof *buf);
        if (!buf) return cf_error_set(err, CF_ENOMEM, a->path, "out of memory");
        for (size_t i = 0; i < res->n; i++) {
            buf[i] = (double)res->cycles[i].cycle + 1;
            buf[res->n + i] = res->cycles[i].charge_Ah;
            buf[2 * res->n + i] = res->cycles[i].discharge_Ah;
        }
        cy = (plot_cli_cycles){buf, buf + res->n, buf + 2 * res->n, res->n};
    }
    const cf_solution *runs[1] = {sol};
    int rc = plot_cli_finish_runs(a, cell, runs, NULL, 1, res ? &cy : NULL, err);
    free(buf);
    return rc;
}

int plot_cli_attach_test(plot_cli_args *a, const char *cmd, const char *test, cf_plan *plan,
                         const cf_rate_options *rate, const cf_cycle_options *cycle, cf_error *err)
{
    a->test = test ? test[0] : 0;
    /* Profiles of a rate test would only show its last C-rate. */
    if (a->test == 'r' && a->path && !a->kinds)
        a->kinds = CF_PLOT_KIND_VOLTAGE | CF_PLOT_KIND_TIME | CF_PLOT_KIND_CURRENT | CF_PLOT_KIND_DQDV |
                   (a->n_times ? CF_PLOT_KIND_PROFILES : 0); /* times given: profiles wanted */
    else a->kinds_named = a->kinds;
    int rc = plot_cli_attach(a, cmd, plan, err);
    if (rc) return rc;
    const char *unit = "steps";
    if (a->test == 'r' && rate) {
        a->crates = rate->crates;
        a->n_crates = rate->n_crates;
        a->total = (int64_t)rate->n_crates;
        unit = "C-rates";
    } else if (a->test == 'c' && cycle) {
        a->total = cycle->cycles;
        unit = "cycles";
    }
    cli_progress_start(&a->prog, cmd, unit, a->progress_forced);
    if (a->path || a->prog.on) {
        if ((rc = cf_plot_recorder_new(a->test == 'c', &a->rec, err))) return rc;
        cf_plan_set_observer(plan, observe, a);
    }
    return CF_OK;
}

int plot_cli_finish_test(plot_cli_args *a, const cf_cell *cell, const cf_solution *series, const void *result,
                         cf_error *err)
{
    if (a->total > 0) cli_progress_update(&a->prog, a->total, a->total);
    cli_progress_end(&a->prog);
    if (!a->path) return CF_OK;
    if (a->rec && cf_plot_recorder_failed(a->rec))
        return cf_error_set(err, CF_ENOMEM, a->path, "out of memory while recording the run for the plot");
    size_t n = a->rec ? cf_plot_recorder_runs(a->rec) : 0;
    if (a->test != 'r') n = n ? 1 : 0;
    const cf_solution **runs = calloc(n + 1, sizeof *runs);
    char (*names)[32] = calloc(n + 1, sizeof *names);
    const char **labels = calloc(n + 1, sizeof *labels);
    double *buf = NULL;
    int rc = CF_OK;
    if (!runs || !names || !labels) {
        rc = cf_error_set(err, CF_ENOMEM, a->path, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        runs[i] = cf_plot_recorder_run(a->rec, i);
        if (i < a->n_crates) snprintf(names[i], sizeof names[i], "%gC", a->crates[i]);
        else snprintf(names[i], sizeof names[i], "run %zu", i + 1);
        labels[i] = names[i];
    }
    if (series && series->n > 0) { /* the test's own series is exact: prefer it */
        runs[0] = series;
        n = 1;
    }
    plot_cli_cycles cy = {0}, *cyp = NULL;
    if (a->test == 'c' && result) {
        const cf_cycle_result *r = result;
        buf = malloc(3 * (r->n + 1) * sizeof *buf);
        if (!buf) {
            rc = cf_error_set(err, CF_ENOMEM, a->path, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < r->n; i++) {
            buf[i] = r->points[i].cycle;
            buf[r->n + i] = r->points[i].charge_Ah;
            buf[2 * r->n + i] = r->points[i].discharge_Ah;
        }
        cy = (plot_cli_cycles){buf, buf + r->n, buf + 2 * r->n, r->n};
        cyp = &cy;
    }
    if (n == 0) rc = cf_error_set(err, CF_EINVAL, a->path, "the test recorded no time series to plot");
    else rc = plot_cli_finish_runs(a, cell, runs, a->test == 'r' ? labels : NULL, n, cyp, err);
done:
    free(buf);
    free(runs);
    free(names);
    free(labels);
    return rc;
}

void plot_cli_release(plot_cli_args *a)
{
    cli_progress_end(&a->prog);
    cf_plot_snapshots_free(a->snaps);
    a->snaps = NULL;
    cf_plot_recorder_free(a->rec);
    a->rec = NULL;
}
