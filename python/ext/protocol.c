/* protocol.c — protocol text checked and described by the library's parser
 * (the language of docs/protocols.md), for cellforge.Experiment. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_protocol.h"

/* protocol_describe(text) -> dict: steps (canonical text of each distinct
 * step), cycles, total_steps, terminated; InvalidInputError with line and
 * column for text the parser refuses. */
static PyObject *py_protocol_describe(PyObject *m, PyObject *arg)
{
    char *text;
    if (cfpy_string(arg, "protocol", 0, &text)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    free(text);
    if (rc) return cfpy_raise(m, &err);
    PyObject *steps = PyList_New(0);
    for (int i = 0; steps && i < cf_protocol_step_count(p); i++) {
        char buf[512];
        cf_step_format(cf_protocol_step(p, i), buf, sizeof buf);
        PyObject *s = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "replace");
        if (!s || PyList_Append(steps, s) < 0) Py_CLEAR(steps);
        Py_XDECREF(s);
    }
    PyObject *out = steps ? Py_BuildValue("{s:N,s:L,s:L,s:O}", "steps", steps, "cycles",
                                          (long long)cf_protocol_cycle_count(p), "total_steps",
                                          (long long)cf_protocol_total_steps(p), "terminated",
                                          cf_protocol_has_termination(p) ? Py_True : Py_False)
                          : NULL;
    cf_protocol_free(p);
    return out;
}

/* protocol_canonical(text) -> str: the protocol in canonical form, as
 * `cellforge protocol TEXT` prints it (cf_protocol_write). */
static PyObject *py_protocol_canonical(PyObject *m, PyObject *arg)
{
    char *text;
    if (cfpy_string(arg, "protocol", 0, &text)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    free(text);
    if (rc) return cfpy_raise(m, &err);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        cf_protocol_free(p);
        return PyErr_NoMemory();
    }
    rc = cf_protocol_write(p, f, &err);
    int closed = fclose(f);
    cf_protocol_free(p);
    PyObject *out = NULL;
    if (rc) cfpy_raise(m, &err);
    else if (closed != 0 || !buf) PyErr_NoMemory();
    else out = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)len, "replace");
    free(buf);
    return out;
}

/* protocol_expand(text, n) -> [(cycle, step, text, end_of_cycle)]: the
 * first n steps in execution order, cycle and step numbers from 1 (as
 * `cellforge protocol --expand N`). */
static PyObject *py_protocol_expand(PyObject *m, PyObject *args)
{
    PyObject *text_obj, *n_obj;
    if (!PyArg_ParseTuple(args, "OO:protocol_expand", &text_obj, &n_obj)) return NULL;
    long n;
    char *text;
    if (cfpy_int(m, n_obj, "n", 0, 1000000000L, &n)) return NULL;
    if (cfpy_string(text_obj, "protocol", 0, &text)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    free(text);
    if (rc) return cfpy_raise(m, &err);
    PyObject *l = PyList_New(0);
    cf_protocol_iter it;
    cf_step_visit v;
    cf_protocol_iter_init(&it, p);
    for (long k = 0; l && k < n && cf_protocol_iter_next(&it, &v); k++) {
        char buf[512];
        cf_step_format(v.step, buf, sizeof buf);
        PyObject *row = Py_BuildValue("(LLNO)", (long long)v.cycle + 1, (long long)v.step_in_cycle + 1,
                                      PyUnicode_DecodeUTF8(buf, (Py_ssize_t)strlen(buf), "replace"),
                                      v.cycle_end ? Py_True : Py_False);
        if (!row || PyList_Append(l, row) < 0) Py_CLEAR(l);
        Py_XDECREF(row);
    }
    cf_protocol_free(p);
    return l;
}

PyMethodDef cfpy_protocol_methods[] = {
    {"protocol_canonical", py_protocol_canonical, METH_O, "protocol_canonical(text) -> str: the canonical form"},
    {"protocol_expand", py_protocol_expand, METH_VARARGS,
     "protocol_expand(text, n) -> [(cycle, step, text, end_of_cycle)]: the first n steps run"},
    {"protocol_describe", py_protocol_describe, METH_O,
     "protocol_describe(text) -> dict: steps, cycles, total_steps, terminated"},
    {NULL, NULL, 0, NULL},
};
