/* design.c — recipes, the design calculation, claims and design-around from
 * Python, as `cellforge design` and `cellforge claims` compute them.
 *
 * A recipe travels as its JSON text with a source name for messages (the
 * Python Recipe keeps a dict and writes it out); each call parses it with
 * cf_recipe_parse, so Python and the CLI read one schema with one set of
 * checks.  The work is fast (microseconds) except design-around, which runs
 * many designs: the GIL is released around the library calls. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_design.h"

/* Parses (text, source) into a recipe; -1 with the exception set. */
static int parse_recipe(PyObject *m, PyObject *text_obj, PyObject *source_obj, cf_recipe **r)
{
    char *text = NULL, *source = NULL;
    if (cfpy_string(text_obj, "recipe", 0, &text) || cfpy_string(source_obj, "source", 0, &source)) {
        free(text);
        return -1;
    }
    cf_error err;
    cf_error_clear(&err);
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_recipe_parse(text, source, r, &err);
    Py_END_ALLOW_THREADS
    free(text);
    free(source);
    if (rc) {
        cfpy_raise(m, &err);
        return -1;
    }
    return 0;
}

static int parse_run(PyObject *m, PyObject *run_obj, cf_run_record *run, int *has)
{
    *has = 0;
    if (run_obj == Py_None) return 0;
    char *text;
    if (cfpy_string(run_obj, "run", 0, &text)) return -1;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_run_record_parse(text, "run", run, &err);
    free(text);
    if (rc) {
        cfpy_raise(m, &err);
        return -1;
    }
    *has = 1;
    return 0;
}

/* design(text, source) -> str: the JSON of `cellforge design --json`. */
static PyObject *py_design(PyObject *m, PyObject *args)
{
    PyObject *text, *source;
    if (!PyArg_ParseTuple(args, "OO:design", &text, &source)) return NULL;
    cf_recipe *r = NULL;
    if (parse_recipe(m, text, source, &r)) return NULL;
    cf_design *ds = calloc(1, sizeof *ds);
    if (!ds) {
        cf_recipe_free(r);
        return PyErr_NoMemory();
    }
    cf_error err;
    cf_error_clear(&err);
    int rc;
    char *json = NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_design_compute(r, ds, &err);
    if (!rc) json = cf_design_json(ds);
    Py_END_ALLOW_THREADS
    cf_recipe_free(r);
    free(ds);
    if (rc) return cfpy_raise(m, &err);
    if (!json) return PyErr_NoMemory();
    PyObject *out = cfpy_str(json);
    free(json);
    return out;
}

/* recipe_to_cell(text, source) -> cell handle (the simulator's cell). */
static PyObject *py_recipe_to_cell(PyObject *m, PyObject *args)
{
    PyObject *text, *source;
    if (!PyArg_ParseTuple(args, "OO:recipe_to_cell", &text, &source)) return NULL;
    cf_recipe *r = NULL;
    if (parse_recipe(m, text, source, &r)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_cell *c = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_recipe_to_cell(r, &c, &err);
    Py_END_ALLOW_THREADS
    cf_recipe_free(r);
    if (rc) return cfpy_raise(m, &err);
    return cfpy_wrap_cell(c);
}

static PyObject *values_dict(const cf_claim_value *v, size_t n)
{
    PyObject *d = PyDict_New();
    for (size_t i = 0; d && i < n; i++)
        if (cfpy_put(d, v[i].name, v[i].is_text ? cfpy_str(v[i].text) : cfpy_num_or_none(v[i].num))) Py_CLEAR(d);
    return d;
}

static PyObject *deps_list(const int *deps, size_t n)
{
    PyObject *l = PyList_New(0);
    for (size_t i = 0; l && i < n; i++) {
        PyObject *v = PyLong_FromLong(deps[i]);
        if (!v || PyList_Append(l, v) < 0) Py_CLEAR(l);
        Py_XDECREF(v);
    }
    return l;
}

/* claims(text, source, run_text or None) -> [dict per claim] */
static PyObject *py_claims(PyObject *m, PyObject *args)
{
    PyObject *text, *source, *run_obj;
    if (!PyArg_ParseTuple(args, "OOO:claims", &text, &source, &run_obj)) return NULL;
    cf_run_record run;
    int has_run;
    memset(&run, 0, sizeof run);
    if (parse_run(m, run_obj, &run, &has_run)) return NULL;
    cf_recipe *r = NULL;
    if (parse_recipe(m, text, source, &r)) return NULL;
    cf_claims_report *rep = calloc(1, sizeof *rep);
    if (!rep) {
        cf_recipe_free(r);
        return PyErr_NoMemory();
    }
    cf_error err;
    cf_error_clear(&err);
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_claims_check(r, has_run ? &run : NULL, rep, &err);
    Py_END_ALLOW_THREADS
    cf_recipe_free(r);
    if (rc) {
        free(rep);
        return cfpy_raise(m, &err);
    }
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && i < rep->n; i++) {
        const cf_claim_result *c = &rep->r[i];
        PyObject *d = PyDict_New();
        int bad = !d || cfpy_put(d, "seed", cfpy_str(c->seed)) || cfpy_put(d, "claim", PyLong_FromLong(c->claim)) ||
                  cfpy_put(d, "status", cfpy_str(cf_claim_status_name(c->status))) ||
                  cfpy_put(d, "values", values_dict(c->values, c->n_values)) ||
                  cfpy_put(d, "range", cfpy_str(c->range)) ||
                  cfpy_put(d, "depends_on", deps_list(c->depends_on, c->n_deps)) ||
                  cfpy_put(d, "reason", cfpy_str(c->reason)) ||
                  PyList_Append(list, d) < 0;
        Py_XDECREF(d);
        if (bad) Py_CLEAR(list);
    }
    free(rep);
    return list;
}

/* design_around(text, source, run_text or None, seed, claim) -> dict */
static PyObject *py_design_around(PyObject *m, PyObject *args)
{
    PyObject *text, *source, *run_obj, *seed_obj, *claim_obj;
    if (!PyArg_ParseTuple(args, "OOOOO:design_around", &text, &source, &run_obj, &seed_obj, &claim_obj)) return NULL;
    long claim;
    char *seed;
    if (cfpy_int(m, claim_obj, "claim", 1, 1000, &claim)) return NULL;
    if (cfpy_string(seed_obj, "seed", 0, &seed)) return NULL;
    cf_run_record run;
    int has_run;
    memset(&run, 0, sizeof run);
    cf_recipe *r = NULL;
    if (parse_run(m, run_obj, &run, &has_run) || parse_recipe(m, text, source, &r)) {
        free(seed);
        return NULL;
    }
    cf_design_around *da = calloc(1, sizeof *da);
    if (!da) {
        free(seed);
        cf_recipe_free(r);
        return PyErr_NoMemory();
    }
    cf_error err;
    cf_error_clear(&err);
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_claims_design_around(r, has_run ? &run : NULL, seed, (int)claim, da, &err);
    Py_END_ALLOW_THREADS
    free(seed);
    cf_recipe_free(r);
    if (rc) {
        free(da);
        return cfpy_raise(m, &err);
    }
    PyObject *changes = PyList_New(0);
    for (size_t i = 0; changes && i < da->n; i++) {
        const cf_design_change *c = &da->c[i];
        PyObject *d = PyDict_New();
        int bad = !d || cfpy_put(d, "variable", cfpy_str(c->variable)) ||
                  cfpy_put(d, "from", c->is_text ? cfpy_str(c->from_text) : cfpy_num_or_none(c->from)) ||
                  cfpy_put(d, "to", c->is_text ? cfpy_str(c->to_text) : cfpy_num_or_none(c->to)) ||
                  cfpy_put(d, "relative_change", cfpy_num_or_none(c->relative_change)) ||
                  cfpy_put(d, "new_status", cfpy_str(cf_claim_status_name(c->new_status))) ||
                  cfpy_put(d, "d_wh_per_kg", cfpy_num_or_none(c->d_wh_per_kg)) ||
                  cfpy_put(d, "d_wh_per_L", cfpy_num_or_none(c->d_wh_per_L)) ||
                  cfpy_put(d, "wh_per_kg", cfpy_num_or_none(c->wh_per_kg)) ||
                  cfpy_put(d, "wh_per_L", cfpy_num_or_none(c->wh_per_L)) ||
                  PyList_Append(changes, d) < 0;
        Py_XDECREF(d);
        if (bad) Py_CLEAR(changes);
    }
    PyObject *out = NULL;
    if (changes) {
        out = PyDict_New();
        if (!out || cfpy_put(out, "seed", cfpy_str(da->seed ? da->seed : "")) ||
                    cfpy_put(out, "claim", PyLong_FromLong(da->claim)) ||
            cfpy_put(out, "status", cfpy_str(cf_claim_status_name(da->status))) ||
            cfpy_put(out, "wh_per_kg", cfpy_num_or_none(da->wh_per_kg)) ||
            cfpy_put(out, "wh_per_L", cfpy_num_or_none(da->wh_per_L)) || cfpy_put(out, "changes", changes) ||
            cfpy_put(out, "note", cfpy_str(da->note))) {
            Py_XDECREF(out);
            out = NULL;
        }
        changes = NULL;
    }
    Py_XDECREF(changes);
    free(da);
    return out;
}

/* claim_seeds() -> [full seed names] */
static PyObject *py_claim_seeds(PyObject *m, PyObject *unused)
{
    (void)m;
    (void)unused;
    PyObject *l = PyList_New(0);
    for (size_t i = 0; l && i < cf_claims_seed_count(); i++) {
        PyObject *s = cfpy_str(cf_claims_seed_name(i));
        if (!s || PyList_Append(l, s) < 0) Py_CLEAR(l);
        Py_XDECREF(s);
    }
    return l;
}

/* material_facts() -> str: the JSON array of `cellforge materials --json`
 * (one writer for both). */
static PyObject *py_material_facts(PyObject *m, PyObject *unused)
{
    (void)unused;
    char *s = cf_material_facts_json();
    if (!s) return PyErr_NoMemory();
    PyObject *out = cfpy_str(s);
    free(s);
    return out;
}

/* claim_explain(seed, claim) -> dict with the keys of `cellforge claims
 * --explain SEED N --json`: seed, claim, depends_on, text, check. */
static PyObject *py_claim_explain(PyObject *m, PyObject *args)
{
    PyObject *seed_obj, *claim_obj;
    if (!PyArg_ParseTuple(args, "OO:claim_explain", &seed_obj, &claim_obj)) return NULL;
    char *seed = NULL;
    long claim;
    if (cfpy_string(seed_obj, "seed", 0, &seed)) return NULL;
    if (cfpy_int(m, claim_obj, "claim", 1, 1000, &claim)) {
        free(seed);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_claim_info info;
    int rc = cf_claims_explain(seed, (int)claim, &info, &err);
    free(seed);
    if (rc) return cfpy_raise(m, &err);
    PyObject *d = PyDict_New(), *deps = PyList_New(0);
    for (size_t i = 0; deps && i < info.n_deps; i++) {
        PyObject *v = PyLong_FromLong(info.depends_on[i]);
        if (!v || PyList_Append(deps, v) < 0) Py_CLEAR(deps);
        Py_XDECREF(v);
    }
    if (!d || !deps || cfpy_put(d, "seed", cfpy_str(info.seed)) < 0 ||
        cfpy_put(d, "claim", PyLong_FromLong(info.claim)) < 0 || cfpy_put(d, "depends_on", Py_NewRef(deps)) < 0 ||
        cfpy_put(d, "text", cfpy_str(info.text)) < 0 || cfpy_put(d, "check", cfpy_str(info.check)) < 0)
        Py_CLEAR(d);
    Py_XDECREF(deps);
    return d;
}

PyMethodDef cfpy_design_methods[] = {
    {"material_facts", py_material_facts, METH_NOARGS, "material_facts() -> str: the JSON of cellforge materials --json"},
    {"claim_explain", py_claim_explain, METH_VARARGS, "claim_explain(seed, claim) -> dict: claims --explain --json"},
    {"design", py_design, METH_VARARGS, "design(recipe_json, source) -> str: the JSON of cellforge design --json"},
    {"recipe_to_cell", py_recipe_to_cell, METH_VARARGS, "recipe_to_cell(recipe_json, source) -> cell handle"},
    {"claims", py_claims, METH_VARARGS, "claims(recipe_json, source, run_json or None) -> list of dicts"},
    {"design_around", py_design_around, METH_VARARGS,
     "design_around(recipe_json, source, run_json or None, seed, claim) -> dict"},
    {"claim_seeds", py_claim_seeds, METH_NOARGS, "claim_seeds() -> list of seed names"},
    {NULL, NULL, 0, NULL},
};
