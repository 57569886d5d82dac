/* pyvalues.c — the small value conversions every binding area uses to fill
 * its result dicts (cfpy.h). */
#include <math.h>
#include <string.h>

#include "cfpy.h"

int cfpy_put(PyObject *d, const char *key, PyObject *v)
{
    if (!v) return -1;
    int rc = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rc;
}

PyObject *cfpy_num_or_none(double v)
{
    if (isfinite(v)) return PyFloat_FromDouble(v);
    Py_RETURN_NONE;
}

PyObject *cfpy_str(const char *s) { return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace"); }
