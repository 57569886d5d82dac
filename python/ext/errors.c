/* errors.c — library errors (cf_error) become Python exceptions.
 *
 * The class follows the status (InvalidInputError is a ValueError, SolverError
 * and LimitError are RuntimeErrors, FileError an OSError, OutOfMemoryError a
 * MemoryError) and the instance carries the library's own message and where,
 * so Python users read the same text as CLI users. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The library names some inputs after CLI options ("--crate"); in Python
 * they are keyword arguments ("crate").  Rewrites every "--word-word" token. */
void cfpy_python_names(const char *in, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; in[i] && o + 1 < size;) {
        int starts_token = (i == 0 || !isalnum((unsigned char)in[i - 1]));
        if (starts_token && in[i] == '-' && in[i + 1] == '-' && isalpha((unsigned char)in[i + 2])) {
            i += 2;
            while (in[i] && (isalnum((unsigned char)in[i]) || in[i] == '-') && o + 1 < size)
                out[o++] = in[i] == '-' ? '_' : in[i], i++;
            continue;
        }
        out[o++] = in[i++];
    }
    out[o] = '\0';
}

static PyObject *class_for(cfpy_state *st, int code)
{
    switch (code) {
    case CF_EINVAL: return st->invalid;
    case CF_EIO: return st->file;
    case CF_ESOLVER: return st->solver;
    case CF_ENOMEM: return st->nomem;
    case CF_ELIMIT: return st->limit;
    case CF_EUNSUPPORTED: return st->unsupported;
    default: return st->error;
    }
}

static int set_attr_str(PyObject *o, const char *name, const char *value)
{
    /* Messages are UTF-8 from our sources, but file names may not be: never
     * let a decoding problem replace the real error. */
    PyObject *v = PyUnicode_DecodeUTF8(value, (Py_ssize_t)strlen(value), "replace");
    if (!v) return -1;
    int rc = PyObject_SetAttrString(o, name, v);
    Py_DECREF(v);
    return rc;
}

PyObject *cfpy_raise(PyObject *module, const cf_error *err) { return cfpy_raise_with_solution(module, err, NULL); }

PyObject *cfpy_raise_with_solution(PyObject *module, const cf_error *err, PyObject *solution)
{
    cfpy_state *st = cfpy_get_state(module);
    int code = err->code ? err->code : CF_ESOLVER; /* a failure without a code is still a failure */
    char where[sizeof err->where], message[sizeof err->message], text[sizeof where + sizeof message + 4];
    cfpy_python_names(err->where, where, sizeof where);
    cfpy_python_names(err->message, message, sizeof message);
    if (!message[0]) snprintf(message, sizeof message, "%s", cf_status_name(code));
    if (where[0]) snprintf(text, sizeof text, "%s: %s", where, message);
    else snprintf(text, sizeof text, "%s", message);
    PyObject *cls = class_for(st, code);
    PyObject *arg = PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "replace");
    if (!arg) return NULL;
    PyObject *exc = PyObject_CallFunctionObjArgs(cls, arg, NULL);
    Py_DECREF(arg);
    if (!exc) return NULL;
    PyObject *code_obj = PyLong_FromLong(code);
    int bad = !code_obj || PyObject_SetAttrString(exc, "code", code_obj) < 0 ||
              set_attr_str(exc, "status", cf_status_name(code)) < 0 || set_attr_str(exc, "where", where) < 0 ||
              set_attr_str(exc, "message", message) < 0 ||
              PyObject_SetAttrString(exc, "solution", solution ? solution : Py_None) < 0;
    Py_XDECREF(code_obj);
    if (bad) {
        Py_DECREF(exc);
        return NULL;
    }
    PyErr_SetObject(cls, exc);
    Py_DECREF(exc);
    return NULL;
}

PyObject *cfpy_invalid(PyObject *module, const char *where, const char *fmt, ...)
{
    cf_error err;
    cf_error_clear(&err);
    char msg[sizeof err.message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cf_error_set(&err, CF_EINVAL, where, "%s", msg); /* escapes control characters, as every message */
    return cfpy_raise(module, &err);
}
