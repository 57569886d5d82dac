/* run.c — simulations from Python, as `cellforge simulate` runs them.
 *
 * simulate() builds its own plan, runs and frees it in one call, with the GIL
 * released from loading the protocol to the end of the run: threads share no
 * library state, so a thread pool over many cells scales with the cores.
 * plan_new()/plan_solve() keep a plan for repeated runs (sweeps over rates or
 * protocols on one cell); a plan is used by one thread at a time, which is
 * enforced with a busy flag checked under the GIL.
 *
 * Every argument is checked here (type, finiteness, the CLI's ranges) before
 * the GIL is released; the library checks again. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cellforge/cf_experiment.h"
#include "cellforge/cf_model.h"
#include "cellforge/cf_protocol.h"

/* ---- requests, parsed under the GIL ---- */


typedef struct {
    char *protocol_text, *protocol_file, *drive_cycle;
    int has_crate;
    double crate;
    double soc; /* NAN: the cell's own initial state */
} run_request;

typedef struct {
    cf_solution *sol;
    cf_experiment_result *res;   /* NULL for a constant-rate run */
    double soc;                  /* initial SOC used, NAN if none */
    double crate;                /* the rate of a constant-rate run */
    double wall_ms;
    cf_solver_stats stats;       /* this run's solver work */
} run_output;

void cfpy_plan_request_free(cfpy_plan_request *r)
{
    free(r->cell_src);
    cf_cell_free(r->cell);
}

static void run_request_free(run_request *r)
{
    free(r->protocol_text);
    free(r->protocol_file);
    free(r->drive_cycle);
}

static void run_output_free(run_output *o)
{
    cf_solution_free(o->sol);
    cf_experiment_result_free(o->res);
    o->sol = NULL;
    o->res = NULL;
}

/* An optional quantity: None means "not given" (the default applies). */
static int opt_quantity(PyObject *m, PyObject *o, const char *name, cf_quantity q, int *has, double *out)
{
    *has = o != Py_None;
    return *has ? cfpy_quantity(m, o, name, q, out) : 0;
}

int cfpy_plan_request_parse(PyObject *m, PyObject *cell, PyObject *model, PyObject *temperature_C, PyObject *mesh,
                              PyObject *rtol, PyObject *output_dt, PyObject *integrator, PyObject *linear_solver,
                              PyObject *max_steps, PyObject *max_wall_time, PyObject *discretisation,
                              PyObject *mesh_x, PyObject *mesh_r, PyObject *thermal, PyObject *sei,
                              PyObject *plating, PyObject *store_states,
                            cfpy_plan_request *r)
{
    memset(r, 0, sizeof *r);
    cf_model_options_default(&r->opt);
    if (PyCapsule_IsValid(cell, CFPY_CELL_CAPSULE)) {
        cf_error err;
        cf_error_clear(&err);
        /* A copy taken under the GIL: the caller may change its Cell while we run. */
        if (cf_cell_copy(cfpy_cell_from_capsule(cell), &r->cell, &err)) {
            cfpy_raise(m, &err);
            return -1;
        }
    } else if (cfpy_path(cell, "cell", &r->cell_src)) {
        return -1;
    }
    char *mname;
    if (cfpy_string(model, "model", 0, &mname)) return -1;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_model_kind_parse(mname, &r->opt.kind, &err);
    free(mname);
    if (rc) {
        cfpy_raise(m, &err);
        return -1;
    }
    long n;
    double tol, dt;
    int has_dt;
    n = 0; /* mesh None: the discretisation's default (cf_model_mesh_default) */
    if ((mesh != Py_None && cfpy_quantity_int(m, mesh, "mesh", CF_QTY_MESH, &n)) ||
        cfpy_quantity(m, rtol, "rtol", CF_QTY_RTOL, &tol) ||
        opt_quantity(m, output_dt, "output_dt", CF_QTY_OUTPUT_DT, &has_dt, &dt) ||
        opt_quantity(m, temperature_C, "temperature_C", CF_QTY_TEMPERATURE_C, &r->has_temperature, &r->temperature_C))
        return -1;
    r->opt.n_neg = r->opt.n_sep = r->opt.n_pos = r->opt.nr_neg = r->opt.nr_pos = (int)n;
    /* mesh_x, mesh_r: as the CLI's --mesh-x, --mesh-r (None: mesh) */
    if (mesh_x != Py_None && (PyTuple_Check(mesh_x) || PyList_Check(mesh_x))) {
        /* (negative, separator, positive) */
        if (PySequence_Size(mesh_x) != 3) {
            cfpy_type_error("mesh_x", "an integer or a sequence of three (negative, separator, positive)", mesh_x);
            return -1;
        }
        const char *names[3] = {"mesh_x[0] (negative)", "mesh_x[1] (separator)", "mesh_x[2] (positive)"};
        int *dst[3] = {&r->opt.n_neg, &r->opt.n_sep, &r->opt.n_pos};
        for (int q = 0; q < 3; q++) {
            PyObject *it = PySequence_GetItem(mesh_x, q);
            if (!it) return -1;
            int bad = cfpy_int(m, it, names[q], 2, 2000, &n);
            Py_DECREF(it);
            if (bad) return -1;
            *dst[q] = (int)n;
        }
    } else if (mesh_x != Py_None) {
        if (cfpy_int(m, mesh_x, "mesh_x", 2, 2000, &n)) return -1;
        r->opt.n_neg = r->opt.n_sep = r->opt.n_pos = (int)n;
    }
    if (mesh_r != Py_None) {
        if (cfpy_int(m, mesh_r, "mesh_r", 2, 2000, &n)) return -1;
        r->opt.nr_neg = r->opt.nr_pos = (int)n;
    }
    r->opt.rtol = r->opt.atol = tol; /* as the CLI: absolute tolerances scale with rtol */
    if (sei && sei != Py_None) { /* as the CLI's --sei */
        char *text;
        if (cfpy_string(sei, "sei", 0, &text)) return -1;
        rc = cf_sei_model_parse(text, "sei", &r->sei, &err);
        free(text);
        if (rc) {
            cfpy_raise(m, &err);
            return -1;
        }
        r->has_sei = 1;
    }
    if (plating && plating != Py_None) { /* as the CLI's --plating */
        char *text;
        if (cfpy_string(plating, "plating", 0, &text)) return -1;
        rc = cf_plating_model_parse(text, "plating", &r->plating, &err);
        free(text);
        if (rc) {
            cfpy_raise(m, &err);
            return -1;
        }
        r->has_plating = 1;
    }
    if (store_states) { /* not given: on (the variables need the states) */
        if (!PyBool_Check(store_states)) {
            cfpy_type_error("store_states", "True or False", store_states);
            return -1;
        }
        r->opt.store_states = store_states == Py_True;
    } else {
        r->opt.store_states = 1;
    }
    r->opt.output_dt_s = has_dt ? dt : 0.0;
    /* the run's budgets, in the CLI's ranges (--max-steps, --max-wall-time) */
    if (max_steps != Py_None) {
        if (cfpy_quantity_int(m, max_steps, "max_steps", CF_QTY_MAX_STEPS, &n)) return -1;
        r->opt.max_steps = n;
    }
    int has_wall;
    if (opt_quantity(m, max_wall_time, "max_wall_time", CF_QTY_MAX_WALL_S, &has_wall, &r->opt.max_wall_s)) return -1;
    if (!has_wall) r->opt.max_wall_s = 0.0;
    /* solver choices (for comparisons): the names the CLI takes */
    const struct {
        PyObject *o;
        const char *name;
    } choice[4] = {{integrator, "integrator"}, {linear_solver, "linear_solver"}, {discretisation, "discretisation"},
                   {thermal, "thermal"}};
    for (int i = 0; i < 4; i++) {
        if (!choice[i].o) continue; /* not given: the default; None is a TypeError like any non-str */
        char *text;
        if (cfpy_string(choice[i].o, choice[i].name, 0, &text)) return -1;
        rc = i == 0   ? cf_integrator_parse(text, &r->opt.integrator, &err)
             : i == 1 ? cf_linear_solver_parse(text, &r->opt.linear_solver, &err)
             : i == 2 ? cf_discretisation_parse(text, &r->opt.discretisation, &err)
                      : cf_thermal_mode_parse(text, &r->opt.thermal, &err);
        free(text);
        if (rc) {
            snprintf(err.where, sizeof err.where, "%s", choice[i].name);
            cfpy_raise(m, &err);
            return -1;
        }
    }
    return 0;
}

static int parse_run_request(PyObject *m, PyObject *protocol, PyObject *protocol_file, PyObject *drive_cycle,
                             PyObject *crate, PyObject *soc, run_request *r)
{
    memset(r, 0, sizeof *r);
    r->soc = NAN;
    int sources = (protocol != Py_None) + (protocol_file != Py_None) + (drive_cycle != Py_None) + (crate != Py_None);
    if (sources > 1) {
        cfpy_invalid(m, "simulate", "give only one of protocol, protocol_file, drive_cycle and crate");
        return -1;
    }
    if (cfpy_string(protocol, "protocol", 1, &r->protocol_text)) return -1;
    if (protocol_file != Py_None && cfpy_path(protocol_file, "protocol_file", &r->protocol_file)) return -1;
    if (drive_cycle != Py_None && cfpy_path(drive_cycle, "drive_cycle", &r->drive_cycle)) return -1;
    if (opt_quantity(m, crate, "crate", CF_QTY_CRATE, &r->has_crate, &r->crate)) return -1;
    int has_soc;
    if (opt_quantity(m, soc, "soc", CF_QTY_SOC, &has_soc, &r->soc)) return -1;
    if (!has_soc) r->soc = NAN;
    return 0;
}

/* ---- the work, without the GIL ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

int cfpy_plan_request_lam(PyObject *m, PyObject *neg, PyObject *pos, cfpy_plan_request *r)
{
    PyObject *o[2] = {neg, pos};
    const char *names[2] = {"lam_negative", "lam_positive"};
    for (int s = 0; s < 2; s++) { /* as the CLI's --lam-negative, --lam-positive */
        if (!o[s] || o[s] == Py_None) continue;
        char *text;
        if (cfpy_string(o[s], names[s], 0, &text)) return -1;
        cf_error err;
        cf_error_clear(&err);
        int rc = cf_lam_model_parse(text, names[s], &r->lam[s], &err);
        free(text);
        if (rc) {
            cfpy_raise(m, &err);
            return -1;
        }
        r->has_lam[s] = 1;
    }
    return 0;
}

int cfpy_plan_request_cracking(PyObject *m, PyObject *neg, PyObject *pos, cfpy_plan_request *r)
{
    PyObject *o[2] = {neg, pos};
    const char *names[2] = {"cracking_negative", "cracking_positive"};
    for (int s = 0; s < 2; s++) { /* as the CLI's --cracking-negative, --cracking-positive */
        if (!o[s] || o[s] == Py_None) continue;
        char *text;
        if (cfpy_string(o[s], names[s], 0, &text)) return -1;
        cf_error err;
        cf_error_clear(&err);
        int rc = cf_crack_model_parse(text, names[s], &r->crack[s], &err);
        free(text);
        if (rc) {
            cfpy_raise(m, &err);
            return -1;
        }
        r->has_crack[s] = 1;
    }
    return 0;
}

int cfpy_plan_build(cfpy_plan_request *r, cf_plan **plan, cf_error *err)
{
    *plan = NULL;
    if (!r->cell) {
        int rc = cf_cell_load(r->cell_src, &r->cell, err);
        if (rc) return rc;
    }
    if (r->has_temperature) r->cell->T_K = r->cell->thermal.T_ambient_K = r->temperature_C + 273.15;
    if (r->has_sei) cf_electrode_set_sei(&r->cell->neg, r->sei);
    if (r->has_plating) cf_electrode_set_li_plating(&r->cell->neg, r->plating);
    for (int s = 0; s < 2; s++)
        if (r->has_lam[s]) cf_electrode_set_lam(s == 0 ? &r->cell->neg : &r->cell->pos, s, r->lam[s]);
    for (int s = 0; s < 2; s++)
        if (r->has_crack[s]) cf_electrode_set_cracking(s == 0 ? &r->cell->neg : &r->cell->pos, s, r->crack[s]);
    int rc = cf_plan_new(r->cell, &r->opt, plan, err);
    if (rc) cfpy_cell_translate_where(err);
    return rc;
}

static int load_protocol(const run_request *r, cf_protocol **proto, cf_error *err)
{
    *proto = NULL;
    if (r->protocol_text) return cf_protocol_parse(r->protocol_text, proto, err);
    if (r->protocol_file) return cf_protocol_load_file(r->protocol_file, proto, err);
    if (r->drive_cycle) {
        cf_drive_cycle *dc;
        int rc = cf_drive_cycle_load(r->drive_cycle, &dc, err);
        return rc ? rc : cf_protocol_from_drive_cycle(dc, proto, err);
    }
    return CF_OK;
}

/* What cmd_simulate does after building the plan. */
static int run_plan(cf_plan *plan, const run_request *r, run_output *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    cf_solver_stats s0, s1;
    cf_sim_stats(plan, &s0);
    double t0 = now_ms();
    cf_protocol *proto = NULL;
    int rc = load_protocol(r, &proto, err);
    out->crate = r->has_crate ? r->crate : 1.0;
    /* The CLI's default start (cf_cell_start_soc): a charge starts empty, a
     * recipe's discharge full, anything else from the cell's own state. */
    out->soc = isnan(r->soc) && !proto ? cf_cell_start_soc(cf_plan_cell(plan), out->crate) : r->soc;
    if (!rc && proto) {
        cf_experiment_options eo;
        cf_experiment_options_default(&eo);
        eo.initial_soc = out->soc;
        rc = cf_simulate_protocol(plan, proto, &eo, &out->sol, &out->res, err);
        if (!rc && out->sol->n == 0)
            rc = cf_error_set(err, CF_ELIMIT, "protocol",
                              "no step could run: every step's end condition already holds at its start");
    } else if (!rc) {
        rc = isnan(out->soc) ? cf_sim_reset(plan, err) : cf_sim_reset_soc(plan, out->soc, err);
        if (!rc) rc = cf_sim_run_crate(plan, out->crate, &out->sol, err);
        if (rc && (err->code == CF_ELIMIT || err->code == CF_ESOLVER)) {
            char where[sizeof err->where];
            snprintf(where, sizeof where, "%s at %gC", cf_plan_cell(plan)->name, out->crate);
            cf_error_prefix_where(err, where);
        }
    }
    out->wall_ms = now_ms() - t0;
    cf_protocol_free(proto);
    cf_sim_stats(plan, &s1);
    out->stats = (cf_solver_stats){s1.steps - s0.steps, s1.residual_evals - s0.residual_evals,
                                   s1.jacobian_evals - s0.jacobian_evals, s1.newton_iters - s0.newton_iters,
                                   s1.error_test_fails - s0.error_test_fails, s1.newton_fails - s0.newton_fails};
    /* a failure after some rows keeps them (out->sol), for the exception */
    if (rc && !(out->sol && out->sol->n > 0)) run_output_free(out);
    return rc;
}

/* ---- results, back under the GIL ---- */

static PyObject *column_f64(const double *v, size_t n)
{
    return PyByteArray_FromStringAndSize((const char *)v, (Py_ssize_t)(n * sizeof(double)));
}

/* Temperatures (K) as degC. */
static PyObject *column_f64_celsius(const double *v, size_t n)
{
    PyObject *b = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(double)));
    if (!b) return NULL;
    double *w = (double *)(void *)PyByteArray_AsString(b);
    for (size_t i = 0; i < n; i++) w[i] = v[i] - 273.15;
    return b;
}

static double max_of(const double *v, size_t n)
{
    double m = n ? v[0] : NAN;
    for (size_t i = 1; i < n; i++) m = fmax(m, v[i]);
    return m;
}

static PyObject *column_i64(const int *v, size_t n)
{
    PyObject *b = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(long long)));
    if (!b) return NULL;
    long long *w = (long long *)(void *)PyByteArray_AsString(b);
    for (size_t i = 0; i < n; i++) w[i] = (long long)v[i] + 1; /* numbered from 1, as every output */
    return b;
}

static PyObject *cycles_list(const cf_experiment_result *res)
{
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && res && i < res->n; i++) {
        const cf_cycle_stats *c = &res->cycles[i];
        PyObject *d = PyDict_New();
        int bad = !d || cfpy_put(d, "cycle", PyLong_FromLongLong((long long)c->cycle + 1)) ||
                  cfpy_put(d, "charge_Ah", cfpy_num_or_none(c->charge_Ah)) ||
                  cfpy_put(d, "discharge_Ah", cfpy_num_or_none(c->discharge_Ah)) ||
                  cfpy_put(d, "charge_Wh", cfpy_num_or_none(c->charge_Wh)) ||
                  cfpy_put(d, "discharge_Wh", cfpy_num_or_none(c->discharge_Wh)) ||
                  cfpy_put(d, "coulombic_efficiency", cfpy_num_or_none(c->coulombic_efficiency)) ||
                  cfpy_put(d, "energy_efficiency", cfpy_num_or_none(c->energy_efficiency)) ||
                  cfpy_put(d, "duration_s", cfpy_num_or_none(c->duration_s)) ||
                  cfpy_put(d, "min_voltage_V", cfpy_num_or_none(c->min_voltage_V)) ||
                  cfpy_put(d, "max_voltage_V", cfpy_num_or_none(c->max_voltage_V)) ||
                  cfpy_put(d, "lli_pct", cfpy_num_or_none(c->lli_pct)) ||
                  cfpy_put(d, "lam_neg_pct", cfpy_num_or_none(c->lam_neg_pct)) ||
                  cfpy_put(d, "lam_pos_pct", cfpy_num_or_none(c->lam_pos_pct)) ||
                  cfpy_put(d, "sei_thickness_m", cfpy_num_or_none(c->sei_thickness_m)) ||
                  cfpy_put(d, "li_sei_Ah", cfpy_num_or_none(c->li_sei_Ah)) ||
                  cfpy_put(d, "plated_li_Ah", cfpy_num_or_none(c->plated_li_Ah)) ||
                  cfpy_put(d, "dead_li_Ah", cfpy_num_or_none(c->dead_li_Ah)) ||
                  cfpy_put(d, "crack_length_neg_m", cfpy_num_or_none(c->crack_length_neg_m)) ||
                  cfpy_put(d, "crack_length_pos_m", cfpy_num_or_none(c->crack_length_pos_m)) ||
                  cfpy_put(d, "crack_sei_thickness_m", cfpy_num_or_none(c->crack_sei_thickness_m)) ||
                  cfpy_put(d, "li_crack_sei_Ah", cfpy_num_or_none(c->li_crack_sei_Ah)) || PyList_Append(list, d) < 0;
        Py_XDECREF(d);
        if (bad) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static PyObject *text(const char *s) { return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace"); }

/* A library message as Python users read it (parameters, not CLI options). */
static PyObject *message_text(const char *s)
{
    char buf[1024];
    cfpy_python_names(s, buf, sizeof buf);
    return text(buf);
}

/* The steps that could not start (their end condition already held), as the
 * CLI's JSON "skipped_steps": step and cycle numbered from 1, the reason.
 * The library lists the first CF_SKIPPED_LISTED; steps_skipped counts all. */
static PyObject *skipped_list(const cf_experiment_result *res)
{
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && res && i < res->n_skipped_listed; i++) {
        const cf_skipped_step *k = &res->skipped[i];
        PyObject *d = PyDict_New();
        int bad = !d || cfpy_put(d, "step", PyLong_FromLongLong((long long)k->index + 1)) ||
                  cfpy_put(d, "cycle", PyLong_FromLongLong((long long)k->cycle + 1)) ||
                  cfpy_put(d, "reason", message_text(k->reason)) || PyList_Append(list, d) < 0;
        Py_XDECREF(d);
        if (bad) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

/* How the run ended, as the CLI's JSON "termination" (steps and cycles
 * numbered from 1, as in messages). */
static PyObject *termination_dict(const cf_run_end *e)
{
    PyObject *d = PyDict_New();
    if (!d) return NULL;
    int bad = cfpy_put(d, "reason", PyUnicode_FromString(cf_end_reason_code(e->reason))) ||
              cfpy_put(d, "message", message_text(e->message)) || cfpy_put(d, "time_s", cfpy_num_or_none(e->t_s)) ||
              cfpy_put(d, "step", e->step >= 0 ? PyLong_FromLongLong(e->step + 1) : (Py_INCREF(Py_None), Py_None)) ||
              cfpy_put(d, "cycle", e->cycle >= 0 ? PyLong_FromLongLong(e->cycle + 1) : (Py_INCREF(Py_None), Py_None)) ||
              cfpy_put(d, "step_text", e->step_text[0] ? text(e->step_text) : (Py_INCREF(Py_None), Py_None));
    if (bad) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *stats_dict(const cf_solver_stats *s)
{
    return Py_BuildValue("{s:l,s:l,s:l,s:l,s:l,s:l}", "steps", s->steps, "residual_evals", s->residual_evals,
                         "jacobian_evals", s->jacobian_evals, "newton_iters", s->newton_iters, "error_test_fails",
                         s->error_test_fails, "newton_fails", s->newton_fails);
}

/* The process record of a protocol run, with the keys of `simulate --record`
 * (what `claims --run` reads); None for a constant-rate run. */
static PyObject *process_dict(const cf_experiment_result *res)
{
    if (!res) Py_RETURN_NONE;
    const cf_process_record *pr = &res->process;
    PyObject *d = PyDict_New();
    if (!d) return NULL;
    int bad = (isfinite(pr->first_charge_s) &&
               cfpy_put(d, "first_charge_after_contact_h", PyFloat_FromDouble(pr->first_charge_s / 3600.0))) ||
              (isfinite(pr->min_positive_potential_V) &&
               cfpy_put(d, "min_positive_potential_V", PyFloat_FromDouble(pr->min_positive_potential_V))) ||
              (isfinite(pr->li_o_at_first_charge) &&
               cfpy_put(d, "li_o_ratio_after_prelithiation", PyFloat_FromDouble(pr->li_o_at_first_charge))) ||
              cfpy_put(d, "li_metal_plated_Ah", PyFloat_FromDouble(pr->li_plated_Ah)) ||
              cfpy_put(d, "threshold_V", PyFloat_FromDouble(pr->threshold_V)) ||
              cfpy_put(d, "time_below_threshold_s", PyFloat_FromDouble(pr->time_below_threshold_s)) ||
              (isfinite(pr->first_below_threshold_s) &&
               cfpy_put(d, "first_below_threshold_h", PyFloat_FromDouble(pr->first_below_threshold_s / 3600.0))) ||
              cfpy_put(d, "li_below_threshold_Ah", PyFloat_FromDouble(pr->li_below_threshold_Ah)) ||
              cfpy_put(d, "li_alloyed_Ah", PyFloat_FromDouble(pr->li_alloyed_Ah));
    if (bad) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* The CLI's JSON fields, plus the columns as bytearrays of float64/int64. */
static PyObject *result_dict(const cf_plan *plan, const cf_model_options *opt, run_output *o)
{
    cf_model_kind kind = opt->kind;
    const cf_solution *s = o->sol;
    const cf_cell *cell = cf_plan_cell(plan);
    size_t n = s->n, last = n - 1;
    double cap = 0, energy = 0, charge = 0, charge_wh = 0;
    if (!o->res) {
        cap = fabs(s->capacity_Ah[last]);
        energy = fabs(s->energy_Wh[last]);
        if (s->capacity_Ah[last] < 0) { /* a constant-rate charge: what it charged */
            charge = cap;
            charge_wh = energy;
        }
    } else {
        for (size_t i = 0; i < o->res->n; i++) {
            cap += o->res->cycles[i].discharge_Ah;
            energy += o->res->cycles[i].discharge_Wh;
            charge += o->res->cycles[i].charge_Ah;
            charge_wh += o->res->cycles[i].charge_Wh;
        }
    }
    PyObject *d = PyDict_New();
    if (!d) return NULL;
    int bad = cfpy_put(d, "t", column_f64(s->t, n)) || cfpy_put(d, "current", column_f64(s->current, n)) ||
              cfpy_put(d, "voltage", column_f64(s->voltage, n)) ||
              cfpy_put(d, "capacity", column_f64(s->capacity_Ah, n)) ||
              cfpy_put(d, "energy", column_f64(s->energy_Wh, n)) || cfpy_put(d, "step", column_i64(s->step, n)) ||
              cfpy_put(d, "cycle", column_i64(s->cycle, n)) || cfpy_put(d, "rows", PyLong_FromSize_t(n)) ||
              cfpy_put(d, "neg_thickness_change_pct", column_f64(s->thickness_change_pct[0], n)) ||
              cfpy_put(d, "pos_thickness_change_pct", column_f64(s->thickness_change_pct[1], n)) ||
              cfpy_put(d, "neg_porosity", column_f64(s->porosity[0], n)) ||
              cfpy_put(d, "pos_porosity", column_f64(s->porosity[1], n)) ||
              cfpy_put(d, "positive_potential", column_f64(s->pos_potential, n)) ||
              cfpy_put(d, "negative_potential", column_f64(s->neg_potential, n)) ||
              cfpy_put(d, "positive_li_o", column_f64(s->pos_li_o, n)) ||
              cfpy_put(d, "li_metal", column_f64(s->li_metal_Ah, n)) ||
              cfpy_put(d, "reservoir_li", column_f64(s->reservoir_Ah, n)) ||
              cfpy_put(d, "alloyed_li", column_f64(s->alloyed_Ah, n)) ||
              cfpy_put(d, "temperature", column_f64_celsius(s->temperature_K, n)) ||
              cfpy_put(d, "heat_ohmic_solid", column_f64(s->heat_ohmic_solid_W, n)) ||
              cfpy_put(d, "heat_ohmic_electrolyte", column_f64(s->heat_ohmic_electrolyte_W, n)) ||
              cfpy_put(d, "heat_reaction", column_f64(s->heat_reaction_W, n)) ||
              cfpy_put(d, "heat_reversible", column_f64(s->heat_reversible_W, n)) ||
              cfpy_put(d, "heat_collector", column_f64(s->heat_collector_W, n)) ||
              cfpy_put(d, "heat_total", column_f64(s->heat_total_W, n)) ||
              cfpy_put(d, "cooling", column_f64(s->cooling_W, n)) ||
              cfpy_put(d, "thermal", PyUnicode_FromString(cf_thermal_mode_name((cf_thermal_mode)s->has_thermal))) ||
              cfpy_put(d, "final_temperature_C", PyFloat_FromDouble(n ? s->temperature_K[n - 1] - 273.15 : NAN)) ||
              cfpy_put(d, "max_temperature_C", PyFloat_FromDouble(max_of(s->temperature_max_K, n) - 273.15)) ||
              cfpy_put(d, "temperature_max", column_f64_celsius(s->temperature_max_K, n)) ||
              cfpy_put(d, "temperature_negative_collector", column_f64_celsius(s->layer_temperature_K[CF_LAYER_NCC], n)) ||
              cfpy_put(d, "temperature_negative", column_f64_celsius(s->layer_temperature_K[CF_LAYER_NEG], n)) ||
              cfpy_put(d, "temperature_separator", column_f64_celsius(s->layer_temperature_K[CF_LAYER_SEP], n)) ||
              cfpy_put(d, "temperature_positive", column_f64_celsius(s->layer_temperature_K[CF_LAYER_POS], n)) ||
              cfpy_put(d, "temperature_positive_collector", column_f64_celsius(s->layer_temperature_K[CF_LAYER_PCC], n)) ||
              cfpy_put(d, "cell", PyUnicode_DecodeUTF8(cell->name, (Py_ssize_t)strlen(cell->name), "replace")) ||
              cfpy_put(d, "model", PyUnicode_FromString(cf_model_kind_name(kind))) ||
              cfpy_put(d, "temperature_C", PyFloat_FromDouble(cell->T_K - 273.15)) ||
              cfpy_put(d, "initial_soc", cfpy_num_or_none(o->soc)) ||
              cfpy_put(d, "crate", o->res ? (Py_INCREF(Py_None), Py_None) : PyFloat_FromDouble(o->crate)) ||
              cfpy_put(d, "capacity_Ah", PyFloat_FromDouble(cap)) ||
              cfpy_put(d, "energy_Wh", PyFloat_FromDouble(energy)) ||
              cfpy_put(d, "charge_Ah", PyFloat_FromDouble(charge)) ||
              cfpy_put(d, "charge_Wh", PyFloat_FromDouble(charge_wh)) ||
              cfpy_put(d, "duration_s", PyFloat_FromDouble(s->t[last] - s->t[0])) ||
              cfpy_put(d, "final_voltage_V", PyFloat_FromDouble(s->voltage[last])) ||
              cfpy_put(d, "solve_time_ms", PyFloat_FromDouble(o->wall_ms)) ||
              cfpy_put(d, "solver_stats", stats_dict(&o->stats)) ||
              cfpy_put(d, "cycles", cycles_list(o->res)) ||
              cfpy_put(d, "steps_run", PyLong_FromLongLong(o->res ? (long long)o->res->steps_run : 1)) ||
              cfpy_put(d, "steps_skipped", PyLong_FromLongLong(o->res ? (long long)o->res->steps_skipped : 0)) ||
              cfpy_put(d, "skipped_steps", skipped_list(o->res)) ||
              cfpy_put(d, "stopped_early", PyBool_FromLong(o->res ? o->res->stopped_early : !s->end.completed)) ||
              cfpy_put(d, "completed", PyBool_FromLong(s->end.completed)) ||
              cfpy_put(d, "termination", termination_dict(&s->end)) ||
              cfpy_put(d, "note", message_text(o->res ? o->res->note : s->end.message)) ||
              cfpy_put(d, "process_record", process_dict(o->res));
    /* the solution itself, for its variables (computed from the stored states) */
    if (!bad) bad = cfpy_put(d, "_evaluator", cfpy_evaluator_new(&o->sol, cell, opt));
    if (bad) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* The run's exception, carrying its results up to the failure (the raw
 * dict, made a Solution by the Python layer) when there are any. */
static PyObject *raise_run_error(PyObject *m, const cf_error *err, const cf_plan *plan,
                                 const cf_model_options *opt, run_output *o)
{
    if (!plan || !o->sol || o->sol->n == 0) return cfpy_raise(m, err);
    PyObject *partial = result_dict(plan, opt, o);
    if (!partial) return NULL;
    cfpy_raise_with_solution(m, err, partial);
    Py_DECREF(partial);
    return NULL;
}

/* ---- entry points ---- */

static PyObject *py_simulate(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"cell", "model", "protocol", "protocol_file", "drive_cycle", "crate", "soc",
                             "temperature_C", "mesh", "rtol", "output_dt", "integrator", "linear_solver",
                             "max_steps", "max_wall_time", "discretisation", "mesh_x", "mesh_r", "thermal", "sei",
                             "plating", "store_states", "lam_negative", "lam_positive", "cracking_negative",
                             "cracking_positive", NULL};
    PyObject *cell, *model, *protocol = Py_None, *protocol_file = Py_None, *drive_cycle = Py_None, *crate = Py_None,
                            *soc = Py_None, *temperature_C = Py_None, *mesh, *rtol, *output_dt = Py_None,
                            *integrator = NULL, *linear_solver = NULL, *max_steps = Py_None,
                            *max_wall_time = Py_None, *discretisation = NULL, *mesh_x = Py_None, *mesh_r = Py_None,
                            *thermal = NULL, *sei = Py_None, *plating = Py_None,
                            *store_states = NULL, *lam_negative = Py_None, *lam_positive = Py_None,
                            *cracking_negative = Py_None, *cracking_positive = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOOOOOOOOOO|OOOOOOOOOOOOOOO:simulate", kwlist, &cell, &model, &protocol,
                                     &protocol_file, &drive_cycle, &crate, &soc, &temperature_C, &mesh, &rtol,
                                     &output_dt, &integrator, &linear_solver, &max_steps, &max_wall_time,
                                     &discretisation, &mesh_x, &mesh_r, &thermal, &sei, &plating, &store_states,
                                     &lam_negative, &lam_positive, &cracking_negative, &cracking_positive))
        return NULL;
    cfpy_plan_request pr;
    run_request rr;
    memset(&rr, 0, sizeof rr);
    if (cfpy_plan_request_parse(m, cell, model, temperature_C, mesh, rtol, output_dt, integrator, linear_solver, max_steps,
                           max_wall_time, discretisation, mesh_x, mesh_r, thermal, sei, plating, store_states, &pr) ||
        cfpy_plan_request_lam(m, lam_negative, lam_positive, &pr) ||
        cfpy_plan_request_cracking(m, cracking_negative, cracking_positive, &pr) ||
        parse_run_request(m, protocol, protocol_file, drive_cycle, crate, soc, &rr)) {
        cfpy_plan_request_free(&pr);
        run_request_free(&rr);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_plan *plan = NULL;
    run_output out;
    memset(&out, 0, sizeof out);
    int rc;
    double t0 = 0;
    Py_BEGIN_ALLOW_THREADS
    t0 = now_ms();
    rc = cfpy_plan_build(&pr, &plan, &err);
    if (!rc) rc = run_plan(plan, &rr, &out, &err);
    out.wall_ms = now_ms() - t0; /* as the CLI's wall_time_ms: plan + run */
    Py_END_ALLOW_THREADS
    PyObject *result = rc ? raise_run_error(m, &err, plan, &pr.opt, &out) : result_dict(plan, &pr.opt, &out);
    run_output_free(&out);
    cf_plan_free(plan);
    cfpy_plan_request_free(&pr);
    run_request_free(&rr);
    return result;
}

/* A plan kept between runs. */
typedef struct {
    cf_plan *plan;
    cf_model_kind kind;
    cf_model_options opt;
    int busy;          /* a thread is running it (read and written under the GIL) */
} py_plan;

static void plan_capsule_free(PyObject *cap)
{
    py_plan *p = PyCapsule_GetPointer(cap, CFPY_PLAN_CAPSULE);
    if (!p) return;
    cf_plan_free(p->plan);
    free(p);
}

static py_plan *plan_from_capsule(PyObject *obj)
{
    if (!PyCapsule_IsValid(obj, CFPY_PLAN_CAPSULE)) {
        cfpy_type_error("plan", "a cellforge.Simulation handle", obj);
        return NULL;
    }
    return PyCapsule_GetPointer(obj, CFPY_PLAN_CAPSULE);
}

static PyObject *py_plan_new(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"cell", "model", "temperature_C", "mesh", "rtol", "output_dt", "integrator",
                             "linear_solver", "max_steps", "max_wall_time", "discretisation", "mesh_x", "mesh_r", "thermal",
                             "sei", "plating", "store_states", "lam_negative", "lam_positive", "cracking_negative",
                             "cracking_positive", NULL};
    PyObject *cell, *model, *temperature_C, *mesh, *rtol, *output_dt, *integrator = NULL, *linear_solver = NULL,
                                                                      *max_steps = Py_None, *max_wall_time = Py_None,
                                                                      *discretisation = NULL, *mesh_x = Py_None,
                                                                      *mesh_r = Py_None, *thermal = NULL, *sei = Py_None, *plating = Py_None, *store_states = NULL;
    PyObject *lam_negative = Py_None, *lam_positive = Py_None, *cracking_negative = Py_None,
             *cracking_positive = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOOOOO|OOOOOOOOOOOOOOO:plan_new", kwlist, &cell, &model, &temperature_C, &mesh,
                                     &rtol, &output_dt, &integrator, &linear_solver, &max_steps, &max_wall_time,
                                     &discretisation, &mesh_x, &mesh_r, &thermal, &sei, &plating, &store_states,
                                     &lam_negative, &lam_positive, &cracking_negative, &cracking_positive))
        return NULL;
    cfpy_plan_request pr;
    if (cfpy_plan_request_parse(m, cell, model, temperature_C, mesh, rtol, output_dt, integrator, linear_solver, max_steps,
                           max_wall_time, discretisation, mesh_x, mesh_r, thermal, sei, plating, store_states, &pr) ||
        cfpy_plan_request_lam(m, lam_negative, lam_positive, &pr) ||
        cfpy_plan_request_cracking(m, cracking_negative, cracking_positive, &pr)) {
       cfpy_plan_request_free(&pr);
        return NULL;
    }
    py_plan *p = calloc(1, sizeof *p);
    if (!p) {
        cfpy_plan_request_free(&pr);
        return PyErr_NoMemory();
    }
    p->kind = pr.opt.kind;
    p->opt = pr.opt;
    cf_error err;
    cf_error_clear(&err);
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cfpy_plan_build(&pr, &p->plan, &err);
    Py_END_ALLOW_THREADS
    cfpy_plan_request_free(&pr);
    if (rc) {
        free(p);
        return cfpy_raise(m, &err);
    }
    PyObject *cap = PyCapsule_New(p, CFPY_PLAN_CAPSULE, plan_capsule_free);
    if (!cap) {
        cf_plan_free(p->plan);
        free(p);
    }
    return cap;
}

static PyObject *py_plan_solve(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"plan", "protocol", "protocol_file", "drive_cycle", "crate", "soc", NULL};
    PyObject *cap, *protocol, *protocol_file, *drive_cycle, *crate, *soc;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOOOOO:plan_solve", kwlist, &cap, &protocol, &protocol_file,
                                     &drive_cycle, &crate, &soc))
        return NULL;
    py_plan *p = plan_from_capsule(cap);
    if (!p) return NULL;
    run_request rr;
    if (parse_run_request(m, protocol, protocol_file, drive_cycle, crate, soc, &rr)) {
        run_request_free(&rr);
        return NULL;
    }
    if (p->busy) {
        run_request_free(&rr);
        PyErr_SetString(PyExc_RuntimeError, "this Simulation is already solving in another thread; use one "
                                            "Simulation per thread (or cellforge.simulate, which builds its own plan)");
        return NULL;
    }
    p->busy = 1;
    cf_error err;
    cf_error_clear(&err);
    run_output out;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = run_plan(p->plan, &rr, &out, &err);
    Py_END_ALLOW_THREADS
    p->busy = 0;
    run_request_free(&rr);
    PyObject *result = rc ? raise_run_error(m, &err, p->plan, &p->opt, &out) : result_dict(p->plan, &p->opt, &out);
    run_output_free(&out);
    return result;
}

static PyObject *py_plan_info(PyObject *m, PyObject *cap)
{
    (void)m;
    py_plan *p = plan_from_capsule(cap);
    if (!p) return NULL;
    const cf_cell *c = cf_plan_cell(p->plan);
    return Py_BuildValue("{s:s,s:s,s:i,s:d}", "cell", c->name, "model", cf_model_kind_name(p->kind), "unknowns",
                         cf_plan_size(p->plan), "temperature_C", c->T_K - 273.15);
}

PyMethodDef cfpy_run_methods[] = {
    {"simulate", (PyCFunction)(void (*)(void))py_simulate, METH_VARARGS | METH_KEYWORDS,
     "simulate(cell, model, protocol, protocol_file, drive_cycle, crate, soc, temperature_C, mesh, rtol, output_dt,"
     " integrator, linear_solver, max_steps, max_wall_time) -> dict\n\nOne run on a new plan, GIL released; see "
     "cellforge.simulate."},
    {"plan_new", (PyCFunction)(void (*)(void))py_plan_new, METH_VARARGS | METH_KEYWORDS,
     "plan_new(cell, model, temperature_C, mesh, rtol, output_dt, integrator, linear_solver, max_steps,"
     " max_wall_time) -> handle"},
    {"plan_solve", (PyCFunction)(void (*)(void))py_plan_solve, METH_VARARGS | METH_KEYWORDS,
     "plan_solve(plan, protocol, protocol_file, drive_cycle, crate, soc) -> dict"},
    {"plan_info", py_plan_info, METH_O, "plan_info(plan) -> dict: cell, model, unknowns, temperature_C"},
    {NULL, NULL, 0, NULL},
};
