/* protocol.c — protocol text checked and described by the library's parser
 * (the language of docs/protocols.md), for cellforge.Experiment. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

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

PyMethodDef cfpy_protocol_methods[] = {
    {"protocol_describe", py_protocol_describe, METH_O,
     "protocol_describe(text) -> dict: steps, cycles, total_steps, terminated"},
    {NULL, NULL, 0, NULL},
};
