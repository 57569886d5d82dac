/* report.c — the cell report from Python: cellforge.report runs the library's
 * report (src/report, cf_report.h), the code `cellforge report` runs, so
 * both write the same page from the same inputs.
 *
 * The request is checked and copied under the GIL (a Python Cell is copied,
 * a Recipe parsed from its JSON text); loading, the simulation and drawing
 * run with the GIL released. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_design.h"
#include "report/cf_report.h"

typedef struct {
    cf_report_request q;
    char *source, *model, *protocol, *protocol_file, *out;
    cf_cell *cell;
    cf_recipe *recipe;
    double times[CF_REPORT_MAX_PROFILE_TIMES];
} report_call;

static void call_free(report_call *c)
{
    free(c->source);
    free(c->model);
    free(c->protocol);
    free(c->protocol_file);
    free(c->out);
    cf_cell_free(c->cell);
    cf_recipe_free(c->recipe);
}

/* plot_profiles: None or a sequence of numbers (s); the library checks the
 * values, here only their count and type. */
static int parse_times(PyObject *m, PyObject *obj, report_call *c)
{
    if (obj == Py_None) return 0;
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || !PySequence_Check(obj)) {
        cfpy_type_error("plot_profiles", "a sequence of times in s", obj);
        return -1;
    }
    Py_ssize_t n = PySequence_Size(obj);
    if (n < 0) return -1;
    if (n > CF_REPORT_MAX_PROFILE_TIMES) {
        cfpy_invalid(m, "plot_profiles", "%zd times given; at most %d", n, CF_REPORT_MAX_PROFILE_TIMES);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_GetItem(obj, i);
        if (!item) return -1;
        if (PyBool_Check(item) || !PyNumber_Check(item)) {
            char name[40];
            snprintf(name, sizeof name, "plot_profiles[%zd]", i);
            cfpy_type_error(name, "a number of seconds", item);
            Py_DECREF(item);
            return -1;
        }
        double v = PyFloat_AsDouble(item);
        Py_DECREF(item);
        if (v == -1.0 && PyErr_Occurred()) return -1;
        c->times[i] = v;
    }
    c->q.profile_times = c->times;
    c->q.n_profile_times = (size_t)n;
    return 0;
}

static PyObject *outcome_dict(const cf_report_outcome *o, PyObject *html, const char *path)
{
    PyObject *d = PyDict_New();
    if (!d) return NULL;
    const char *sim = !o->has_cell ? "not_available" : o->sim_failed ? "failed" : o->sim_stopped ? "stopped" : "complete";
    char raw[sizeof o->sim_error.where + sizeof o->sim_error.message + 4] = "", why[sizeof raw] = "";
    if (o->sim_failed || o->sim_stopped) {
        snprintf(raw, sizeof raw, "%s%s%s", o->sim_error.where, o->sim_error.where[0] ? ": " : "",
                 o->sim_error.message);
        cfpy_python_names(raw, why, sizeof why); /* "--crate" is crate= here */
    }
    if (cfpy_put(d, "path", path ? cfpy_str(path) : Py_NewRef(Py_None)) < 0 ||
        cfpy_put(d, "html", Py_NewRef(html ? html : Py_None)) < 0 ||
        cfpy_put(d, "plots", PyLong_FromLong(o->n_plots)) < 0 ||
        cfpy_put(d, "cell", PyBool_FromLong(o->has_cell)) < 0 ||
        cfpy_put(d, "design", PyBool_FromLong(o->has_recipe)) < 0 ||
        cfpy_put(d, "simulation", cfpy_str(sim)) < 0 ||
        cfpy_put(d, "reason", o->sim_stopped ? cfpy_str(o->stop_reason) : Py_NewRef(Py_None)) < 0 ||
        cfpy_put(d, "message", why[0] ? cfpy_str(why) : Py_NewRef(Py_None)) < 0 ||
        cfpy_put(d, "t_end_s", o->sim_stopped ? PyFloat_FromDouble(o->t_end_s) : Py_NewRef(Py_None)) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* report(cell, recipe, recipe_source, out, model, protocol, protocol_file,
 * crate, soc, plot_profiles) -> dict.  cell: a cell handle or a built-in
 * name / file (str or path), ignored with a recipe's JSON text; out: a path,
 * or None for the page as a str in the result's "html". */
static PyObject *py_report(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"cell", "recipe", "recipe_source", "out", "model", "protocol", "protocol_file",
                             "crate", "soc", "plot_profiles", NULL};
    PyObject *cell, *recipe, *recipe_source, *out, *model, *protocol, *protocol_file, *crate, *soc, *times;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOOOOOOOOO:report", kwlist, &cell, &recipe, &recipe_source, &out,
                                     &model, &protocol, &protocol_file, &crate, &soc, &times))
        return NULL;
    report_call c;
    memset(&c, 0, sizeof c);
    cf_report_request_default(&c.q);
    cf_error err;
    cf_error_clear(&err);
    int bad = 0;
    if (recipe != Py_None) {
        char *text = NULL;
        bad = cfpy_string(recipe, "recipe", 0, &text) || cfpy_string(recipe_source, "recipe_source", 0, &c.source);
        if (!bad && cf_recipe_parse(text, c.source, &c.recipe, &err)) {
            cfpy_raise(m, &err);
            bad = 1;
        }
        free(text);
        c.q.recipe = c.recipe;
    } else if (PyCapsule_IsValid(cell, CFPY_CELL_CAPSULE)) {
        cf_cell *src = cfpy_cell_from_capsule(cell);
        if (cf_cell_copy(src, &c.cell, &err)) {
            cfpy_raise(m, &err);
            bad = 1;
        }
        c.q.cell = c.cell;
        c.q.source = c.cell ? c.cell->name : NULL;
    } else {
        bad = cfpy_path(cell, "cell", &c.source);
    }
    if (c.source) c.q.source = c.source;
    if (!bad && out != Py_None) bad = cfpy_path(out, "out", &c.out);
    if (!bad) bad = cfpy_string(model, "model", 0, &c.model);
    if (!bad) bad = cfpy_string(protocol, "protocol", 1, &c.protocol);
    if (!bad && protocol_file != Py_None) bad = cfpy_path(protocol_file, "protocol", &c.protocol_file);
    if (!bad && crate != Py_None) {
        bad = cfpy_quantity(m, crate, "crate", CF_QTY_CRATE, &c.q.crate);
        c.q.has_crate = 1;
    }
    if (!bad && soc != Py_None) bad = cfpy_quantity(m, soc, "soc", CF_QTY_SOC, &c.q.soc);
    if (!bad) bad = parse_times(m, times, &c);
    if (bad) {
        call_free(&c);
        return NULL;
    }
    c.q.model = c.model;
    c.q.protocol = c.protocol;
    c.q.protocol_file = c.protocol_file;
    cf_report_outcome o;
    char *html = NULL;
    size_t len = 0;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = c.out ? cf_report_write(&c.q, c.out, &o, &err) : cf_report_render(&c.q, &html, &len, &o, &err);
    Py_END_ALLOW_THREADS
    PyObject *result = NULL;
    if (rc) {
        /* Both readings, when a file was neither a cell nor a recipe. */
        if (o.recipe_error.code) {
            char both[sizeof err.message + sizeof o.recipe_error.where + sizeof o.recipe_error.message + 64];
            snprintf(both, sizeof both, "%s (read as a recipe instead: %s%s%s)", err.message, o.recipe_error.where,
                     o.recipe_error.where[0] ? ": " : "", o.recipe_error.message);
            size_t keep = strlen(both) < sizeof err.message ? strlen(both) : sizeof err.message - 1;
            memcpy(err.message, both, keep);
            err.message[keep] = '\0';
        }
        cfpy_raise(m, &err);
    } else {
        PyObject *text = html ? PyUnicode_DecodeUTF8(html, (Py_ssize_t)len, "replace") : NULL;
        if (!html || text) result = outcome_dict(&o, text, c.out);
        Py_XDECREF(text);
    }
    free(html);
    call_free(&c);
    return result;
}

PyMethodDef cfpy_report_methods[] = {
    {"report", (PyCFunction)(void (*)(void))py_report, METH_VARARGS | METH_KEYWORDS,
     "report(cell, recipe, recipe_source, out, model, protocol, protocol_file, crate, soc, plot_profiles) -> dict"
     "\n\nThe cell report (`cellforge report`), GIL released; see cellforge.report."},
    {NULL, NULL, 0, NULL},
};
