/* fit.c — fitting from Python, as `cellforge fit` does it: the data from a
 * file or from text the Python layer writes (the same reader either way, so
 * the same checks), the fit with the GIL released, and the report, fitted
 * cell file and series back as JSON text and bytes of doubles. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_fit.h"

static PyObject *doubles(const double *v, size_t n)
{
    return PyBytes_FromStringAndSize((const char *)v, (Py_ssize_t)(n * sizeof(double)));
}

/* fit_run(cell, data_path, data_text, fmt, sign, params, model, mesh,
 *         initial_soc, sigma, max_iter, confidence, kind, electrode[, discretisation])
 * mesh None: the discretisation's default; discretisation None: the default
 * kind: "run", "ocv", "hppc" or "gitt"; electrode: "negative"/"positive"
 * -> (report_json, cell_json, t, current, voltage, model_voltage: b"" for
 *    the pulse fits, whose windows run separately) */
static PyObject *py_fit_run(PyObject *m, PyObject *args)
{
    PyObject *cell_o, *path_o, *text_o, *fmt_o, *sign_o, *params_o, *model_o, *mesh_o, *soc_o, *sigma_o, *iter_o,
        *conf_o, *kind_o, *side_o, *disc_o = Py_None;
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOOOO|O:fit_run", &cell_o, &path_o, &text_o, &fmt_o, &sign_o, &params_o,
                          &model_o, &mesh_o, &soc_o, &sigma_o, &iter_o, &conf_o, &kind_o, &side_o, &disc_o))
        return NULL;
    char *cell = NULL, *path = NULL, *text = NULL, *fmt_s = NULL, *sign_s = NULL, *model_s = NULL, *kind_s = NULL,
         *side_s = NULL, *disc_s = NULL;
    char *paths[CF_FIT_MAX_PARAMS] = {0};
    cf_fit_param params[CF_FIT_MAX_PARAMS];
    size_t np = 0;
    cf_fit_options opt;
    cf_fit_options_default(&opt);
    long mesh = 0, max_iter = 50; /* mesh 0: the discretisation's default */
    PyObject *ret = NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_fit_format fmt;
    cf_current_sign sign;
    int kind = -1, side = 1;
    if (cfpy_string(kind_o, "kind", 0, &kind_s) || cfpy_string(side_o, "electrode", 0, &side_s)) goto out;
    kind = !strcmp(kind_s, "run") ? 0 : !strcmp(kind_s, "ocv") ? 1 : !strcmp(kind_s, "hppc") ? 2
         : !strcmp(kind_s, "gitt") ? 3 : -1;
    side = !strcmp(side_s, "negative") ? 0 : !strcmp(side_s, "positive") ? 1 : -1;
    if (kind < 0) {
        cfpy_invalid(m, "kind", "'%s': run, ocv, hppc or gitt", kind_s);
        goto out;
    }
    if (side < 0) {
        cfpy_invalid(m, "electrode", "'%s': negative or positive", side_s);
        goto out;
    }
    if (cfpy_path(cell_o, "cell", &cell) || (path_o != Py_None && cfpy_path(path_o, "data", &path)) ||
        cfpy_string(text_o, "data", 1, &text) || cfpy_string(fmt_o, "format", 0, &fmt_s) ||
        cfpy_string(sign_o, "current_sign", 0, &sign_s) || cfpy_string(model_o, "model", 0, &model_s) ||
        (mesh_o != Py_None && cfpy_quantity_int(m, mesh_o, "mesh", CF_QTY_MESH, &mesh)) ||
        (disc_o != Py_None && cfpy_string(disc_o, "discretisation", 0, &disc_s)) ||
        (soc_o != Py_None && cfpy_double(m, soc_o, "initial_soc", 0, 1, &opt.initial_soc)) ||
        cfpy_double(m, sigma_o, "sigma", 1e-9, 1, &opt.sigma_V) || cfpy_int(m, iter_o, "max_iter", 1, 10000, &max_iter) ||
        cfpy_double(m, conf_o, "confidence", 1e-6, 1 - 1e-6, &opt.confidence))
        goto out;
    if (cf_fit_format_parse(fmt_s, &fmt, &err) || cf_current_sign_parse(sign_s, &sign, &err) ||
        cf_model_kind_parse(model_s, &opt.model.kind, &err) ||
        (disc_s && cf_discretisation_parse(disc_s, &opt.model.discretisation, &err))) {
        cfpy_raise(m, &err);
        goto out;
    }
    opt.max_iter = (int)max_iter;
    opt.model.n_neg = opt.model.n_sep = opt.model.n_pos = opt.model.nr_neg = opt.model.nr_pos = (int)mesh;
    if (!PyList_Check(params_o)) {
        cfpy_type_error("parameters", "a list", params_o);
        goto out;
    }
    np = (size_t)PyList_Size(params_o);
    if (np > CF_FIT_MAX_PARAMS) {
        cfpy_invalid(m, "parameters", "%zu parameters: fit 1 to %d", np, CF_FIT_MAX_PARAMS);
        np = 0;
        goto out;
    }
    for (size_t k = 0; k < np; k++) {
        PyObject *t = PyList_GetItem(params_o, (Py_ssize_t)k);
        if (!PyTuple_Check(t) || PyTuple_Size(t) != 4) {
            cfpy_type_error("parameters", "(path, lower, upper, start or None) tuples", t);
            goto out;
        }
        params[k] = (cf_fit_param){.initial = NAN, .log_scale = -1};
        if (cfpy_string(PyTuple_GetItem(t, 0), "parameter path", 0, &paths[k]) ||
            cfpy_double(m, PyTuple_GetItem(t, 1), "lower bound", -INFINITY, INFINITY, &params[k].lower) ||
            cfpy_double(m, PyTuple_GetItem(t, 2), "upper bound", -INFINITY, INFINITY, &params[k].upper) ||
            (PyTuple_GetItem(t, 3) != Py_None &&
             cfpy_double(m, PyTuple_GetItem(t, 3), "start", -INFINITY, INFINITY, &params[k].initial)))
            goto out;
        params[k].path = paths[k];
    }
    cf_fit_data *d = NULL;
    cf_fit_result *r = NULL;
    cf_fit_pulse_result *pr = NULL;
    char *report = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = path ? cf_fit_data_read(path, fmt, sign, &d, &err)
              : cf_fit_data_parse(text ? text : "", text ? strlen(text) : 0, "data", fmt, sign, &d, &err);
    if (!rc)
        rc = kind >= 2 ? cf_fit_pulses(cell, d, kind == 3 ? CF_FIT_PULSES_GITT : CF_FIT_PULSES_HPPC, side, &opt, &pr,
                                       &err)
             : kind == 1 ? cf_fit_ocv_balance(cell, d, &opt, &r, &err)
                         : cf_fit_run(cell, d, params, np, &opt, &r, &err);
    if (!rc) {
        report = pr ? cf_fit_pulse_result_json(pr) : cf_fit_result_json(r, &opt);
        if (!report) rc = cf_error_set(&err, CF_ENOMEM, "fit", "out of memory");
    }
    Py_END_ALLOW_THREADS
    if (rc) cfpy_raise(m, &err);
    else
        ret = Py_BuildValue("(ssNNNN)", report, pr ? pr->cell_json : r->cell_json, doubles(d->t_s, d->n),
                            doubles(d->current_A, d->n), doubles(d->voltage_V, d->n),
                            pr ? doubles(NULL, 0) : doubles(r->model_V, d->n));
    free(report);
    cf_fit_result_free(r);
    cf_fit_pulse_result_free(pr);
    cf_fit_data_free(d);
out:
    for (size_t k = 0; k < CF_FIT_MAX_PARAMS; k++) free(paths[k]);
    free(cell);
    free(path);
    free(text);
    free(fmt_s);
    free(sign_s);
    free(model_s);
    free(kind_s);
    free(side_s);
    free(disc_s);
    return ret;
}

PyMethodDef cfpy_fit_methods[] = {
    {"fit_run", py_fit_run, METH_VARARGS,
     "fit_run(cell, data_path, data_text, format, current_sign, parameters, model, mesh, initial_soc, sigma, "
     "max_iter, confidence, kind, electrode) -> (report_json, cell_json, t, current, voltage, model_voltage)"},
    {NULL, NULL, 0, NULL},
};
