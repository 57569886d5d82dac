/* sweep.c — parameter sweeps from Python, as `cellforge sweep` runs them: a
 * spec (docs/sweeps.md) as JSON text, the runs on the library's own threads
 * with the GIL released, the result as the CSV `sweep --out` writes (one row
 * per run, in run order), which the Python layer makes a table. */
#define _POSIX_C_SOURCE 200809L
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_sweep.h"

typedef struct {
    cf_sweep_results *res;
    cf_error err;
} collect;

static int on_row(void *user, size_t run, const char *row)
{
    (void)run;
    collect *c = user;
    return cf_sweep_results_put(c->res, row, &c->err);
}

/* sweep_run(spec_json, source, base_dir or None, threads) -> CSV text */
static PyObject *py_sweep_run(PyObject *m, PyObject *args)
{
    PyObject *text_obj, *source_obj, *base_obj, *threads_obj;
    if (!PyArg_ParseTuple(args, "OOOO:sweep_run", &text_obj, &source_obj, &base_obj, &threads_obj)) return NULL;
    char *text = NULL, *source = NULL, *base = NULL;
    long threads = 0;
    if (threads_obj != Py_None && cfpy_int(m, threads_obj, "threads", 1, 1024, &threads)) return NULL;
    if (cfpy_string(text_obj, "spec", 0, &text) || cfpy_string(source_obj, "source", 0, &source) ||
        (base_obj != Py_None && cfpy_path(base_obj, "base_dir", &base))) {
        free(text);
        free(source);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_sweep *s = NULL;
    collect c;
    memset(&c, 0, sizeof c);
    cf_error_clear(&c.err);
    char *csv = NULL;
    size_t csv_len = 0;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_sweep_parse(text, source, base, &s, &err);
    if (!rc) rc = cf_sweep_results_new(s, &c.res, &err);
    if (!rc) {
        cf_sweep_exec_options eo;
        memset(&eo, 0, sizeof eo);
        eo.threads = (int)threads;
        eo.on_row = on_row;
        eo.user = &c;
        rc = cf_sweep_execute(s, &eo, &err);
        if (rc && c.err.code) err = c.err;
    }
    if (!rc) {
        FILE *fp = open_memstream(&csv, &csv_len);
        if (!fp) rc = cf_error_set(&err, CF_ENOMEM, "sweep", "out of memory");
        else {
            rc = cf_sweep_results_write(c.res, fp, &err);
            fclose(fp);
        }
    }
    cf_sweep_results_free(c.res);
    cf_sweep_free(s);
    Py_END_ALLOW_THREADS
    free(text);
    free(source);
    free(base);
    if (rc) {
        free(csv);
        return cfpy_raise(m, &err);
    }
    PyObject *out = PyUnicode_DecodeUTF8(csv ? csv : "", (Py_ssize_t)csv_len, "replace");
    free(csv);
    return out;
}

PyMethodDef cfpy_sweep_methods[] = {
    {"sweep_run", py_sweep_run, METH_VARARGS, "sweep_run(spec_json, source, base_dir, threads) -> CSV text"},
    {NULL, NULL, 0, NULL},
};
