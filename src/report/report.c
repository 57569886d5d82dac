#define _POSIX_C_SOURCE 200809L
/* report.c — the report's one code path (cf_report.h): load the inputs,
 * run the simulation, write the page.
 *
 * A failed simulation (a limit of the cell, the solver) does not lose the
 * rest of the report: the page says what failed, and a run that stopped
 * after computing rows (a cut-off, a physical limit, a failure in a later
 * step) is drawn from those rows with the reason above it, as `simulate`
 * keeps them.  Bad input writes nothing. */
#include "report/cf_report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plot/cf_plot.h"
#include "plot/cf_plot_sim.h"
#include "report/report_html.h"

void cf_report_request_default(cf_report_request *r)
{
    memset(r, 0, sizeof *r);
    r->source = "chen2020";
    r->crate = 1.0;
    r->model = "dfn";
    r->soc = NAN;
}

int cf_report_check_path(const char *path, cf_error *err)
{
    if (!path || !path[0])
        return cf_error_set(err, CF_EINVAL, "--out", "the report's file name is empty; give a name ending in .html");
    size_t len = strlen(path);
    int html = (len >= 5 && strcmp(path + len - 5, ".html") == 0) || (len >= 4 && strcmp(path + len - 4, ".htm") == 0);
    if (strcmp(path, "-") != 0 && !html)
        return cf_error_set(err, CF_EINVAL, "--out", "%s: the report's name must end in .html or .htm", path);
    return CF_OK;
}

static int check_request(const cf_report_request *q, cf_error *err)
{
    if (q->has_crate + !!q->protocol + !!q->protocol_file > 1)
        return cf_error_set(err, CF_EINVAL, "report", "give only one of --crate, --protocol, --protocol-file");
    if (q->n_profile_times > CF_REPORT_MAX_PROFILE_TIMES)
        return cf_error_set(err, CF_EINVAL, "--plot-profiles", "%zu times given; at most %d", q->n_profile_times,
                            CF_REPORT_MAX_PROFILE_TIMES);
    for (size_t i = 0; i < q->n_profile_times; i++)
        if (!isfinite(q->profile_times[i]) || q->profile_times[i] < 0)
            return cf_error_set(err, CF_EINVAL, "--plot-profiles", "time %zu is %g s; times must be finite and >= 0",
                                i + 1, q->profile_times[i]);
    /* the ranges every front end checks (cf_ranges.h) */
    if (q->has_crate && cf_check_quantity(CF_QTY_CRATE, q->crate, "--crate", err)) return err->code;
    if (!isnan(q->soc) && cf_check_quantity(CF_QTY_SOC, q->soc, "--soc", err)) return err->code;
    if (!q->cell && !q->recipe && (!q->source || !q->source[0]))
        return cf_error_set(err, CF_EINVAL, "--cell", "no cell given: a built-in cell name, a cell file or a recipe");
    return CF_OK;
}

/* ---------------------------------------------------------------- inputs */

typedef struct {
    const char *source;        /* the name the page shows                  */
    const cf_recipe *recipe;   /* the caller's or recipe_owned             */
    cf_recipe *recipe_owned;
    const cf_cell *cell;       /* the caller's or cell_owned; NULL: a recipe that cannot be simulated */
    cf_cell *cell_owned;
    cf_error cell_err;         /* why the cell could not be made (recipe only) */
    cf_design design;
    cf_claims_report claims;
    cf_protocol *proto;
} inputs;

static void inputs_free(inputs *in)
{
    cf_recipe_free(in->recipe_owned);
    cf_cell_free(in->cell_owned);
    cf_protocol_free(in->proto);
}

/* A file is tried as a recipe first (silently), then as a cell; a recipe
 * that is not (yet) simulatable keeps its design and claims. */
static int load_inputs(const cf_report_request *q, inputs *in, cf_report_outcome *o, cf_error *err)
{
    memset(in, 0, sizeof *in);
    in->source = q->source && q->source[0] ? q->source : q->cell ? q->cell->name : cf_recipe_name(q->recipe);
    cf_error_clear(&in->cell_err);
    int rc = CF_OK;
    if (q->protocol) rc = cf_protocol_parse(q->protocol, &in->proto, err);
    else if (q->protocol_file) rc = cf_protocol_load_file(q->protocol_file, &in->proto, err);
    if (rc) return rc;
    if (q->recipe) {
        in->recipe = q->recipe;
        if (cf_recipe_to_cell(q->recipe, &in->cell_owned, &in->cell_err) == CF_OK) in->cell = in->cell_owned;
    } else if (q->cell) {
        in->cell = q->cell;
    } else {
        cf_error rerr;
        cf_error_clear(&rerr);
        int is_file = access(q->source, R_OK) == 0;
        if (is_file && cf_recipe_load(q->source, &in->recipe_owned, &rerr) != CF_OK) in->recipe_owned = NULL;
        in->recipe = in->recipe_owned;
        int crc = cf_cell_load(q->source, &in->cell_owned, &in->cell_err);
        if (crc && !in->recipe) {
            *err = in->cell_err;
            /* Both readings, when the file was neither a cell nor a recipe. */
            if (is_file && rerr.code) o->recipe_error = rerr;
            return crc;
        }
        in->cell = in->cell_owned;
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

/* Returns bad-input errors (bad model name, bad times) for the caller to
 * fail on; other failures are kept in r->err for the page. */
static int simulate(const cf_report_request *q, const inputs *in, sim_run *r, cf_error *err)
{
    cf_model_options opt;
    cf_model_options_default(&opt);
    int rc = cf_model_kind_parse(q->model ? q->model : "dfn", &opt.kind, err);
    if (!rc) rc = cf_plot_snapshots_new(q->profile_times, q->n_profile_times, 5, &r->snaps, err);
    if (rc) return rc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cf_error_clear(&r->err);
    rc = cf_plan_new(in->cell, &opt, &r->plan, &r->err);
    if (!rc) cf_plan_set_observer(r->plan, observe, r);
    r->soc = isnan(q->soc) && !in->proto ? cf_cell_start_soc(in->cell, q->crate) : q->soc;
    if (!rc && in->proto) {
        cf_experiment_options eo;
        cf_experiment_options_default(&eo);
        eo.initial_soc = r->soc;
        eo.progress = q->progress;
        eo.progress_user = q->progress_user;
        rc = cf_simulate_protocol(r->plan, in->proto, &eo, &r->sol, &r->res, &r->err);
        if (!rc && r->sol->n == 0)
            rc = cf_error_set(&r->err, CF_ELIMIT, "protocol", "no step could run: every step's end condition "
                                                              "already holds at its start");
        snprintf(r->what, sizeof r->what, "protocol %s", q->protocol_file ? q->protocol_file : "(below)");
    } else if (!rc) {
        rc = isnan(r->soc) ? cf_sim_reset(r->plan, &r->err) : cf_sim_reset_soc(r->plan, r->soc, &r->err);
        if (!rc) rc = cf_sim_run_crate(r->plan, q->crate, &r->sol, &r->err);
        snprintf(r->what, sizeof r->what, "%s at %g C (%.4g A)", q->crate > 0 ? "discharge" : "charge",
                 fabs(q->crate), fabs(q->crate) * in->cell->nominal_capacity_Ah);
        if (!isnan(r->soc)) {
            size_t used = strlen(r->what);
            snprintf(r->what + used, sizeof r->what - used, " from %.0f %% SOC", 100 * r->soc);
        }
    }
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
    if (r->failed && r->err.code == CF_EINVAL) { /* bad input, not a limit of the cell */
        *err = r->err;
        return CF_EINVAL;
    }
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

static int write_page(FILE *f, const cf_report_request *q, const inputs *in, const sim_run *r, int *n_plots,
                      cf_error *err)
{
    const char *name = in->recipe ? cf_recipe_name(in->recipe) : in->cell->name;
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
    html_escape(f, in->source);
    fprintf(f, " &middot; %s</p>\n</header>\n<nav>\n", date);
    if (in->cell) fputs("<a href=\"#cell\">Cell</a>\n", f);
    fputs("<a href=\"#simulation\">Simulation</a>\n", f);
    if (in->recipe) fputs("<a href=\"#design\">Design</a>\n<a href=\"#claims\">Claims</a>\n", f);
    fputs("</nav>\n", f);
    if (in->cell) report_cell_section(f, in->cell, in->source);
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
        report_sim s = {q->model ? q->model : "dfn", r->what, in->proto, r->sol, r->res, r->wall_ms};
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

/* ------------------------------------------------------------ the calls */

typedef struct {
    inputs in;
    sim_run run;
} report_state;

static void state_free(report_state *s)
{
    sim_free(&s->run);
    inputs_free(&s->in);
}

static void fill_outcome(const report_state *s, cf_report_outcome *o)
{
    const inputs *in = &s->in;
    const sim_run *r = &s->run;
    o->has_cell = in->cell != NULL;
    o->has_recipe = in->recipe != NULL;
    if (in->cell && r->failed) {
        o->sim_failed = 1;
        o->sim_error = r->err;
    } else if (in->cell && (r->partial || !r->sol->end.completed)) {
        o->sim_stopped = 1;
        o->stop_reason = cf_end_reason_code(r->sol->end.reason);
        if (r->partial) o->sim_error = r->err;
        else cf_error_set(&o->sim_error, CF_ELIMIT, "", "%s", r->sol->end.message);
        o->t_end_s = r->sol->t[r->sol->n - 1];
    }
}

/* Everything before the page: the request checked, the inputs loaded, the
 * simulation run (or its failure kept for the page). */
static int prepare(const cf_report_request *q, report_state *s, cf_report_outcome *o, cf_error *err)
{
    memset(s, 0, sizeof *s);
    memset(o, 0, sizeof *o);
    int rc = check_request(q, err);
    if (!rc) rc = load_inputs(q, &s->in, o, err);
    if (!rc && s->in.cell) rc = simulate(q, &s->in, &s->run, err);
    if (!rc) fill_outcome(s, o);
    return rc;
}

int cf_report_write(const cf_report_request *q, const char *path, cf_report_outcome *outcome, cf_error *err)
{
    cf_report_outcome scratch;
    cf_report_outcome *o = outcome ? outcome : &scratch;
    memset(o, 0, sizeof *o);
    int rc = cf_report_check_path(path, err);
    if (rc) return rc;
    report_state s;
    rc = prepare(q, &s, o, err);
    cf_outfile *out = NULL;
    if (!rc && strcmp(path, "-") != 0) rc = make_parent_dirs(path, err);
    if (!rc) rc = cf_outfile_open(path, &out, err);
    if (!rc) {
        rc = write_page(cf_outfile_stream(out), q, &s.in, &s.run, &o->n_plots, err);
        if (rc) cf_outfile_abort(out);
        else rc = cf_outfile_commit(out, err);
    }
    state_free(&s);
    return rc;
}

int cf_report_render(const cf_report_request *q, char **html, size_t *len, cf_report_outcome *outcome,
                     cf_error *err)
{
    *html = NULL;
    *len = 0;
    cf_report_outcome scratch;
    cf_report_outcome *o = outcome ? outcome : &scratch;
    report_state s;
    int rc = prepare(q, &s, o, err);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = NULL;
    if (!rc && !(f = open_memstream(&buf, &size))) rc = cf_error_set(err, CF_ENOMEM, "report", "out of memory");
    if (!rc) rc = write_page(f, q, &s.in, &s.run, &o->n_plots, err);
    if (f && fclose(f) != 0 && !rc) rc = cf_error_set(err, CF_ENOMEM, "report", "out of memory");
    state_free(&s);
    if (rc) {
        free(buf);
        return rc;
    }
    *html = buf;
    *len = size;
    return CF_OK;
}
