/* bpx.c — BPX files from Python, as `cellforge bpx` and `cellforge validate`
 * read, write and check them: bpx_read (the cell and what else the file
 * holds), bpx_write (a cell as BPX v1.1, with the notes on what BPX cannot
 * carry) and bpx_validate (each validation experiment's measured current
 * driving the model, simulated against measured voltage). */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_bpx.h"
#include "cellforge/cf_model.h"

static PyObject *column(const double *v, size_t n)
{
    if (!v) Py_RETURN_NONE;
    return PyByteArray_FromStringAndSize((const char *)v, (Py_ssize_t)(n * sizeof(double)));
}

static PyObject *notes_list(const cf_bpx_notes *n)
{
    PyObject *l = PyList_New(0);
    for (int i = 0; l && i < n->n; i++) {
        PyObject *s = cfpy_str(n->text[i]);
        if (!s || PyList_Append(l, s) < 0) Py_CLEAR(l);
        Py_XDECREF(s);
    }
    return l;
}

/* bpx_read(path) -> (cell handle, info dict) */
static PyObject *py_bpx_read(PyObject *m, PyObject *arg)
{
    char *path;
    if (cfpy_path(arg, "path", &path)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_cell *cell = NULL;
    cf_bpx_info info;
    memset(&info, 0, sizeof info);
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_bpx_load(path, &cell, &info, &err);
    Py_END_ALLOW_THREADS
    free(path);
    if (rc) return cfpy_raise(m, &err);
    PyObject *d = PyDict_New(), *ex = PyList_New(0);
    int bad = !d || !ex;
    for (size_t i = 0; !bad && i < info.n_experiments; i++) {
        const cf_bpx_experiment *e = &info.experiments[i];
        PyObject *o = PyDict_New();
        bad = !o || cfpy_put(o, "name", cfpy_str(e->name)) || cfpy_put(o, "time_s", column(e->time_s, e->n)) ||
              cfpy_put(o, "current_A", column(e->current_A, e->n)) ||
              cfpy_put(o, "voltage_V", column(e->voltage_V, e->n)) ||
              cfpy_put(o, "temperature_K", column(e->temperature_K, e->n)) || PyList_Append(ex, o) < 0;
        Py_XDECREF(o);
    }
    if (!bad) {
        Py_INCREF(ex);
        bad = cfpy_put(d, "version", cfpy_str(info.version)) ||
              cfpy_put(d, "converted_from_v0", PyBool_FromLong(info.converted_from_v0)) ||
              cfpy_put(d, "title", cfpy_str(info.title)) ||
              cfpy_put(d, "model", cfpy_str(cf_model_kind_name(info.model))) ||
              cfpy_put(d, "spm_only", PyBool_FromLong(info.spm_only)) ||
              cfpy_put(d, "initial_soc", cfpy_num_or_none(info.initial_soc)) ||
              cfpy_put(d, "initial_temperature_K", cfpy_num_or_none(info.initial_temperature_K)) ||
              cfpy_put(d, "ambient_temperature_K", cfpy_num_or_none(info.ambient_temperature_K)) ||
              cfpy_put(d, "heat_transfer_coefficient", cfpy_num_or_none(info.heat_transfer_coefficient)) ||
              cfpy_put(d, "lli", cfpy_num_or_none(info.lli)) || cfpy_put(d, "experiments", ex) ||
              cfpy_put(d, "notes", notes_list(&info.notes));
    }
    Py_XDECREF(ex);
    cf_bpx_info_clear(&info);
    PyObject *h = bad ? NULL : cfpy_wrap_cell(cell);
    if (bad) cf_cell_free(cell);
    PyObject *out = h ? Py_BuildValue("(NN)", h, d) : NULL;
    if (!out) Py_XDECREF(d);
    return out;
}

/* bpx_write(cell handle, path, title or None, model or None) -> [notes] */
static PyObject *py_bpx_write(PyObject *m, PyObject *args)
{
    PyObject *cap, *path_obj, *title_obj, *model_obj;
    if (!PyArg_ParseTuple(args, "OOOO:bpx_write", &cap, &path_obj, &title_obj, &model_obj)) return NULL;
    cf_cell *src = cfpy_cell_from_capsule(cap);
    if (!src) return NULL;
    char *path = NULL, *title = NULL, *model = NULL;
    if (cfpy_path(path_obj, "path", &path) || cfpy_string(title_obj, "title", 1, &title) ||
        cfpy_string(model_obj, "model", 1, &model)) {
        free(path);
        free(title);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_bpx_meta meta;
    cf_bpx_meta_default(&meta);
    cf_model_kind kind = CF_MODEL_DFN;
    int rc = model ? cf_model_kind_parse(model, &kind, &err) : CF_OK;
    if (rc) snprintf(err.where, sizeof err.where, "model");
    meta.title = title;
    meta.model_name = kind == CF_MODEL_SPM ? "SPM" : kind == CF_MODEL_SPME ? "SPMe" : "DFN";
    cf_cell *cell = NULL;
    if (!rc) rc = cf_cell_copy(src, &cell, &err); /* the caller may change its Cell meanwhile */
    cf_bpx_notes notes;
    memset(&notes, 0, sizeof notes);
    if (!rc) {
        Py_BEGIN_ALLOW_THREADS
        rc = cf_bpx_write(cell, &meta, path, &notes, &err);
        Py_END_ALLOW_THREADS
    }
    cf_cell_free(cell);
    free(path);
    free(title);
    free(model);
    if (rc) return cfpy_raise(m, &err);
    return notes_list(&notes);
}

/* bpx_validate(path, model or None, mesh or None, experiment or None[, discretisation or None]) -> dict */
static PyObject *py_bpx_validate(PyObject *m, PyObject *args)
{
    PyObject *path_obj, *model_obj, *mesh_obj, *only_obj, *disc_obj = Py_None;
    if (!PyArg_ParseTuple(args, "OOOO|O:bpx_validate", &path_obj, &model_obj, &mesh_obj, &only_obj, &disc_obj))
        return NULL;
    char *path = NULL, *model = NULL, *only = NULL, *disc = NULL;
    long mesh = 0; /* None: the discretisation's default */
    if ((mesh_obj != Py_None && cfpy_quantity_int(m, mesh_obj, "mesh", CF_QTY_MESH, &mesh)) ||
        cfpy_path(path_obj, "path", &path))
        return NULL;
    if (cfpy_string(model_obj, "model", 1, &model) || cfpy_string(only_obj, "experiment", 1, &only) ||
        cfpy_string(disc_obj, "discretisation", 1, &disc)) {
        free(path);
        free(model);
        free(only);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_cell *cell = NULL;
    cf_bpx_info info;
    memset(&info, 0, sizeof info);
    cf_model_options opt;
    cf_model_options_default(&opt);
    cf_plan *plan = NULL;
    size_t first = 0, count = 0;
    cf_bpx_comparison *cmp = NULL;
    char (*errors)[400] = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_bpx_load(path, &cell, &info, &err);
    if (!rc) {
        opt.kind = info.model;
        opt.n_neg = opt.n_sep = opt.n_pos = opt.nr_neg = opt.nr_pos = (int)mesh;
        if (model && cf_model_kind_parse(model, &opt.kind, &err)) {
            snprintf(err.where, sizeof err.where, "model");
            rc = CF_EINVAL;
        }
        if (!rc && disc && cf_discretisation_parse(disc, &opt.discretisation, &err)) {
            snprintf(err.where, sizeof err.where, "discretisation");
            rc = CF_EINVAL;
        }
    }
    if (!rc && info.n_experiments == 0)
        rc = cf_error_set(&err, CF_EINVAL, path, "the file has no Validation experiments to run");
    if (!rc && info.spm_only && opt.kind != CF_MODEL_SPM)
        rc = cf_error_set(&err, CF_EINVAL, "model",
                          "%s is an SPM parameterisation (no electrolyte or porosity data); only model='spm' applies",
                          path);
    count = info.n_experiments;
    if (!rc && only) {
        for (first = 0; first < info.n_experiments && strcmp(info.experiments[first].name, only) != 0; first++) {}
        if (first == info.n_experiments)
            rc = cf_error_set(&err, CF_EINVAL, "experiment", "no experiment '%s' in %s", only, path);
        count = 1;
    }
    if (!rc) rc = cf_plan_new(cell, &opt, &plan, &err);
    if (!rc) {
        cmp = calloc(count, sizeof *cmp);
        errors = calloc(count, sizeof *errors);
        if (!cmp || !errors) rc = cf_error_set(&err, CF_ENOMEM, "validate", "out of memory");
    }
    for (size_t i = 0; !rc && i < count; i++) {
        cf_error e;
        cf_error_clear(&e);
        if (cf_bpx_run_experiment(plan, &info.experiments[first + i], &cmp[i], &e))
            snprintf(errors[i], sizeof errors[i], "%.150s%s%.240s", e.where, e.where[0] ? ": " : "", e.message);
    }
    Py_END_ALLOW_THREADS
    PyObject *out = NULL;
    if (rc) {
        cfpy_raise(m, &err);
    } else {
        PyObject *list = PyList_New(0);
        for (size_t i = 0; list && i < count; i++) {
            const cf_bpx_experiment *e = &info.experiments[first + i];
            const cf_bpx_comparison *c = &cmp[i];
            int failed = errors[i][0] != 0;
            PyObject *o = PyDict_New();
            int bad = !o || cfpy_put(o, "name", cfpy_str(e->name)) || cfpy_put(o, "points", PyLong_FromSize_t(e->n)) ||
                      cfpy_put(o, "compared", PyLong_FromSize_t(c->compared)) ||
                      cfpy_put(o, "rms_mV", failed ||
                      !c->compared ? (Py_INCREF(Py_None), Py_None) : cfpy_num_or_none(1e3 * c->rms_V)) ||
                      cfpy_put(o, "max_mV", failed ||
                      !c->compared ? (Py_INCREF(Py_None), Py_None) : cfpy_num_or_none(1e3 * c->max_V)) ||
                      cfpy_put(o, "t_max_s", failed ||
                      !c->compared ? (Py_INCREF(Py_None), Py_None) : cfpy_num_or_none(c->t_max_s)) ||
                      cfpy_put(o, "failed", PyBool_FromLong(failed)) ||
                      cfpy_put(o, "error", failed ? cfpy_str(errors[i]) : (Py_INCREF(Py_None), Py_None)) ||
                      cfpy_put(o, "note", cfpy_str(c->note)) || PyList_Append(list, o) < 0;
            Py_XDECREF(o);
            if (bad) Py_CLEAR(list);
        }
        if (list)
            out = Py_BuildValue("{s:s,s:s,s:d,s:N}", "title", info.title, "model", cf_model_kind_name(opt.kind),
                                "initial_soc", info.initial_soc, "experiments", list);
    }
    free(cmp);
    free(errors);
    cf_plan_free(plan);
    cf_bpx_info_clear(&info);
    cf_cell_free(cell);
    free(path);
    free(model);
    free(only);
    free(disc);
    return out;
}

PyMethodDef cfpy_bpx_methods[] = {
    {"bpx_read", py_bpx_read, METH_O, "bpx_read(path) -> (cell handle, info dict)"},
    {"bpx_write", py_bpx_write, METH_VARARGS, "bpx_write(cell, path, title, model) -> list of notes"},
    {"bpx_validate", py_bpx_validate, METH_VARARGS, "bpx_validate(path, model, mesh, experiment) -> dict"},
    {NULL, NULL, 0, NULL},
};
