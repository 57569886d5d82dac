/* args.c — converting Python arguments, with the checks the CLI makes.
 *
 * Wrong types raise TypeError; NaN, infinities and out-of-range numbers raise
 * InvalidInputError naming the parameter and the allowed range, so no bad
 * argument reaches the library unchecked (the library checks again). */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Py_TYPE(o)->tp_name is not in the stable ABI: ask the type for __name__. */
void cfpy_type_error(const char *name, const char *what, PyObject *obj)
{
    PyObject *tn = PyObject_GetAttrString((PyObject *)Py_TYPE(obj), "__name__");
    if (!tn) return;
    PyErr_Format(PyExc_TypeError, "%s must be %s (got %S)", name, what, tn);
    Py_DECREF(tn);
}

int cfpy_double(PyObject *module, PyObject *obj, const char *name, double lo, double hi, double *out)
{
    /* bool is an int subclass; True as a C-rate is a mistake, not 1. */
    if (PyBool_Check(obj) || !(PyFloat_Check(obj) || PyLong_Check(obj) || PyIndex_Check(obj) ||
                               PyObject_HasAttrString(obj, "__float__"))) {
        cfpy_type_error(name, "a number", obj);
        return -1;
    }
    double v = PyFloat_AsDouble(obj);
    if (v == -1.0 && PyErr_Occurred()) {
        /* e.g. an int too large for a double: report it as out of range */
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return -1;
        PyErr_Clear();
        v = HUGE_VAL;
    }
    if (!isfinite(v)) {
        cfpy_invalid(module, name, "must be a finite number (got %g)", v);
        return -1;
    }
    if (v < lo || v > hi) {
        cfpy_invalid(module, name, "%g is outside the allowed range [%g, %g]", v, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int cfpy_quantity(PyObject *module, PyObject *obj, const char *name, cf_quantity q, double *out)
{
    /* The type and finiteness here; the range is the library's, the one the
     * CLI, the protocol parser and the simulator check. */
    if (cfpy_double(module, obj, name, -HUGE_VAL, HUGE_VAL, out)) return -1;
    char msg[256];
    if (cf_quantity_check(q, *out, msg, sizeof msg)) {
        cfpy_invalid(module, name, "%s", msg);
        return -1;
    }
    return 0;
}

int cfpy_quantity_int(PyObject *module, PyObject *obj, const char *name, cf_quantity q, long *out)
{
    const cf_range *r = cf_quantity_range(q);
    return cfpy_int(module, obj, name, (long)r->lo, (long)r->hi, out);
}

int cfpy_int(PyObject *module, PyObject *obj, const char *name, long lo, long hi, long *out)
{
    if (PyBool_Check(obj) || !PyIndex_Check(obj)) {
        cfpy_type_error(name, "an integer", obj);
        return -1;
    }
    PyObject *i = PyNumber_Index(obj);
    if (!i) return -1;
    int overflow = 0;
    long v = PyLong_AsLongAndOverflow(i, &overflow);
    Py_DECREF(i);
    if (v == -1 && PyErr_Occurred()) return -1;
    if (overflow || v < lo || v > hi) {
        if (overflow) cfpy_invalid(module, name, "the value is outside the allowed range [%ld, %ld]", lo, hi);
        else cfpy_invalid(module, name, "%ld is outside the allowed range [%ld, %ld]", v, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int cfpy_string(PyObject *obj, const char *name, int allow_none, char **out)
{
    *out = NULL;
    if (allow_none && obj == Py_None) return 0;
    if (!PyUnicode_Check(obj)) {
        cfpy_type_error(name, "a str", obj);
        return -1;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(obj, &n);
    if (!s) return -1;
    if ((Py_ssize_t)strlen(s) != n) {
        PyErr_Format(PyExc_ValueError, "%s contains a NUL character", name);
        return -1;
    }
    *out = malloc((size_t)n + 1);
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(*out, s, (size_t)n + 1);
    return 0;
}

int cfpy_path(PyObject *obj, const char *name, char **out)
{
    *out = NULL;
    if (!PyUnicode_Check(obj) && !PyBytes_Check(obj) && !PyObject_HasAttrString(obj, "__fspath__")) {
        cfpy_type_error(name, "a str or os.PathLike", obj);
        return -1;
    }
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(obj, &bytes)) return -1; /* also rejects embedded NULs */
    char *s = PyBytes_AsString(bytes);
    *out = s ? malloc(strlen(s) + 1) : NULL;
    if (*out) strcpy(*out, s);
    Py_DECREF(bytes);
    if (!*out) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        return -1;
    }
    return 0;
}
