/* variables.c — a solution's variables (cf_variables.h) from Python.
 *
 * A run that stored its states hands its cf_solution to an evaluator capsule
 * together with a copy of the cell and the model options.  The first
 * variable asked for builds a plan from them (the same layout as the run's);
 * each request then computes its values from the stored states.  The work
 * runs without the GIL, under the evaluator's own mutex: two threads reading
 * one Solution take turns, solutions of different runs share nothing. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_model.h"
#include "cellforge/cf_variables.h"

#define CFPY_EVAL_CAPSULE "cellforge.evaluator"

typedef struct {
    cf_solution *sol;
    cf_cell *cell;
    cf_model_options opt;
    cf_plan *plan; /* built on first use */
    pthread_mutex_t lock;
} evaluator;

static void evaluator_free(evaluator *ev)
{
    if (!ev) return;
    cf_plan_free(ev->plan);
    cf_cell_free(ev->cell);
    cf_solution_free(ev->sol);
    pthread_mutex_destroy(&ev->lock);
    free(ev);
}

static void evaluator_capsule_free(PyObject *cap)
{
    evaluator_free(PyCapsule_GetPointer(cap, CFPY_EVAL_CAPSULE));
}

PyObject *cfpy_evaluator_new(cf_solution **sol, const cf_cell *cell, const cf_model_options *opt)
{
    evaluator *ev = calloc(1, sizeof *ev);
    if (!ev) return PyErr_NoMemory();
    cf_error err;
    cf_error_clear(&err);
    if (cf_cell_copy(cell, &ev->cell, &err)) {
        free(ev);
        return PyErr_NoMemory();
    }
    pthread_mutex_init(&ev->lock, NULL);
    ev->opt = *opt;
    ev->opt.store_states = 0;
    PyObject *cap = PyCapsule_New(ev, CFPY_EVAL_CAPSULE, evaluator_capsule_free);
    if (!cap) {
        evaluator_free(ev);
        return NULL;
    }
    ev->sol = *sol; /* the capsule owns the solution from here */
    *sol = NULL;
    return cap;
}

static evaluator *from_capsule(PyObject *obj)
{
    if (!PyCapsule_IsValid(obj, CFPY_EVAL_CAPSULE)) {
        cfpy_type_error("solution", "a cellforge Solution's variables handle", obj);
        return NULL;
    }
    return PyCapsule_GetPointer(obj, CFPY_EVAL_CAPSULE);
}

/* Builds the plan once (caller holds ev->lock). */
static int ensure_plan(evaluator *ev, cf_error *err)
{
    if (ev->plan) return CF_OK;
    int rc = cf_plan_new(ev->cell, &ev->opt, &ev->plan, err);
    if (!rc && ev->sol->states && ev->sol->state_n != cf_plan_size(ev->plan))
        rc = cf_error_set(err, CF_EINVAL, "variables", "the stored states do not match the model's layout");
    return rc;
}

/* variable_list(ev) -> [(name, n_x, n_r, domain, needs_states)] */
static PyObject *py_variable_list(PyObject *m, PyObject *cap)
{
    evaluator *ev = from_capsule(cap);
    if (!ev) return NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc, n = 0;
    cf_variable_info *info = NULL;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&ev->lock);
    rc = ensure_plan(ev, &err);
    if (!rc) {
        n = cf_variable_count(ev->plan);
        info = calloc(n > 0 ? (size_t)n : 1, sizeof *info);
        if (!info) rc = cf_error_set(&err, CF_ENOMEM, "variables", "out of memory");
        for (int i = 0; !rc && i < n; i++) cf_variable_info_at(ev->plan, i, &info[i]);
    }
    pthread_mutex_unlock(&ev->lock);
    Py_END_ALLOW_THREADS
    if (rc) {
        free(info);
        return cfpy_raise(m, &err);
    }
    int has_states = ev->sol->states != NULL;
    PyObject *list = PyList_New(0);
    for (int i = 0; list && i < n; i++) {
        PyObject *t = Py_BuildValue("(siisO)", info[i].name, info[i].n_x, info[i].n_r, info[i].domain,
                                    info[i].needs_states && !has_states ? Py_False : Py_True);
        if (!t || PyList_Append(list, t) < 0) Py_CLEAR(list);
        Py_XDECREF(t);
    }
    free(info);
    return list;
}

/* variable_get(ev, name) -> (values bytes, rows, n_x, n_r, x bytes, r bytes)
 * An unknown name raises InvalidInputError with the closest names. */
static PyObject *py_variable_get(PyObject *m, PyObject *args)
{
    PyObject *cap, *name_obj;
    if (!PyArg_ParseTuple(args, "OO:variable_get", &cap, &name_obj)) return NULL;
    evaluator *ev = from_capsule(cap);
    if (!ev) return NULL;
    char *name;
    if (cfpy_string(name_obj, "name", 0, &name)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc, idx = -1;
    cf_variable_info info;
    memset(&info, 0, sizeof info);
    size_t rows = ev->sol->n;
    double *vals = NULL, *x = NULL, *r = NULL;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&ev->lock);
    rc = ensure_plan(ev, &err);
    if (!rc) rc = cf_variable_find(ev->plan, name, &idx, &err);
    if (!rc) rc = cf_variable_info_at(ev->plan, idx, &info);
    if (!rc) {
        size_t w = (size_t)info.n_x * (size_t)info.n_r;
        vals = malloc((rows ? rows : 1) * w * sizeof(double));
        x = malloc((size_t)info.n_x * sizeof(double));
        r = malloc((size_t)info.n_r * sizeof(double));
        if (!vals || !x || !r) rc = cf_error_set(&err, CF_ENOMEM, "variables", "out of memory");
    }
    if (!rc) rc = cf_variable_grid(ev->plan, idx, x, r);
    if (!rc) rc = cf_variable_values(ev->plan, idx, ev->sol, 0, rows, vals, &err);
    pthread_mutex_unlock(&ev->lock);
    Py_END_ALLOW_THREADS
    free(name);
    PyObject *out = NULL;
    if (rc) {
        cfpy_raise(m, &err);
    } else {
        out = Py_BuildValue("(y#niiy#y#)", (const char *)vals, (Py_ssize_t)(rows * (size_t)info.n_x * (size_t)info.n_r * sizeof(double)),
                            (Py_ssize_t)rows, info.n_x, info.n_r, (const char *)x, (Py_ssize_t)(info.n_x * sizeof(double)),
                            (const char *)r, (Py_ssize_t)(info.n_r * sizeof(double)));
    }
    free(vals);
    free(x);
    free(r);
    return out;
}

/* state_bytes(ev) -> bytes per stored row and rows (the memory the states hold). */
static PyObject *py_state_size(PyObject *m, PyObject *cap)
{
    (void)m;
    evaluator *ev = from_capsule(cap);
    if (!ev) return NULL;
    return Py_BuildValue("(nn)", (Py_ssize_t)(ev->sol->states ? ev->sol->state_n * (Py_ssize_t)sizeof(double) : 0),
                         (Py_ssize_t)ev->sol->n);
}

PyMethodDef cfpy_variable_methods[] = {
    {"variable_list", py_variable_list, METH_O,
     "variable_list(handle) -> list of (name, n_x, n_r, domain, available)"},
    {"variable_get", py_variable_get, METH_VARARGS,
     "variable_get(handle, name) -> (values, rows, n_x, n_r, x, r): float64 bytes, grids in m"},
    {"variable_state_size", py_state_size, METH_O,
     "variable_state_size(handle) -> (bytes per row, rows) of the stored states"},
    {NULL, NULL, 0, NULL},
};
