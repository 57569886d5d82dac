/* module.c — cellforge._core: module definition, exception classes, version.
 *
 * Multi-phase initialisation with per-module state, so the module holds no
 * C-level globals and could be loaded in several interpreters. */
#include "cfpy.h"

#include "cellforge/cellforge.h"
#include "cellforge/cf_io.h"

#include <stdlib.h>

/* One line per binding area (see cfpy.h). */
static PyMethodDef *const METHOD_TABLES[] = {
    cfpy_cell_methods,
    cfpy_run_methods,
    cfpy_variable_methods,
    cfpy_design_methods,
    cfpy_celltest_methods,
    cfpy_bpx_methods,
    cfpy_protocol_methods,
    cfpy_sweep_methods,
    cfpy_charact_methods,
    cfpy_fit_methods,
    cfpy_report_methods,
};

cfpy_state *cfpy_get_state(PyObject *module) { return (cfpy_state *)PyModule_GetState(module); }

static PyObject *py_version(PyObject *self, PyObject *unused)
{
    (void)self; (void)unused;
    return PyUnicode_FromString(cf_version());
}

/* write_file(path, text): the library's output rules (cf_io.h), so a file
 * saved from Python is treated exactly as the command line treats it. */
static PyObject *py_write_file(PyObject *m, PyObject *args)
{
    PyObject *path_obj, *text_obj;
    if (!PyArg_ParseTuple(args, "OO:write_file", &path_obj, &text_obj)) return NULL;
    if (!PyUnicode_Check(text_obj)) {
        cfpy_type_error("text", "a str", text_obj);
        return NULL;
    }
    Py_ssize_t n;
    const char *text = PyUnicode_AsUTF8AndSize(text_obj, &n);
    if (!text) return NULL;
    char *path;
    if (cfpy_path(path_obj, "path", &path)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_outfile *f = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS /* a FIFO blocks until its reader comes */
    rc = cf_outfile_open(path, &f, &err);
    if (!rc) {
        fwrite(text, 1, (size_t)n, cf_outfile_stream(f));
        rc = cf_outfile_commit(f, &err);
    }
    Py_END_ALLOW_THREADS
    free(path);
    if (rc) return cfpy_raise(m, &err);
    Py_RETURN_NONE;
}

/* escape_text(s): cf_text_escape, for messages built in Python. */
static PyObject *py_escape_text(PyObject *m, PyObject *arg)
{
    (void)m;
    if (!PyUnicode_Check(arg)) {
        cfpy_type_error("text", "a str", arg);
        return NULL;
    }
    Py_ssize_t n; /* the limited API has only the sized form */
    const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (!s) return NULL;
    size_t need = cf_text_escape(NULL, 0, s) + 1;
    char *buf = malloc(need);
    if (!buf) return PyErr_NoMemory();
    cf_text_escape(buf, need, s);
    PyObject *out = PyUnicode_FromString(buf);
    free(buf);
    return out;
}

static PyMethodDef core_methods[] = {
    {"version", py_version, METH_NOARGS, "version() -> str\n\nThe C library's version (from CMakeLists.txt)."},
    {"escape_text", py_escape_text, METH_O,
     "escape_text(text) -> str\n\nText with control characters shown visibly (\\x1b, \\u009b), as in every\n"
     "message of the library."},
    {"write_file", py_write_file, METH_VARARGS,
     "write_file(path, text) -> None\n\nWrites text as cellforge writes any output file: a regular file or new\n"
     "path atomically, through a symbolic link to its target, to a FIFO or character\n"
     "device as a stream; a directory or socket is refused (FileError / InvalidInputError)."},
    {NULL, NULL, 0, NULL},
};

/* Creates cellforge.<name> deriving from `base` (and cellforge.Error when
 * given) and adds it to the module. */
static PyObject *new_error(PyObject *m, const char *name, PyObject *error_base, PyObject *builtin, const char *doc)
{
    char qual[96];
    PyOS_snprintf(qual, sizeof qual, "cellforge.%s", name);
    PyObject *bases = error_base ? PyTuple_Pack(2, error_base, builtin) : PyTuple_Pack(1, builtin);
    if (!bases) return NULL;
    PyObject *cls = PyErr_NewExceptionWithDoc(qual, doc, bases, NULL);
    Py_DECREF(bases);
    if (!cls) return NULL;
    if (PyModule_AddObjectRef(m, name, cls) < 0) {
        Py_DECREF(cls);
        return NULL;
    }
    return cls;
}

static int core_exec(PyObject *m)
{
    cfpy_state *st = cfpy_get_state(m);
    st->error = new_error(m, "Error", NULL, PyExc_Exception,
                          "Base class of every error the cellforge library reports.\n\n"
                          "Attributes: code (the library's cf_status number), status (its name),\n"
                          "where (file:line:col, parameter, key or protocol step; may be empty),\n"
                          "message (what is wrong and the allowed range) and solution (a run that\n"
                          "failed after computing rows: a Solution with every row up to the failure;\n"
                          "else None).");
    /* None unless a failed run sets its results (errors.c) */
    if (!st->error || PyObject_SetAttrString(st->error, "solution", Py_None) < 0) return -1;
    st->invalid = new_error(m, "InvalidInputError", st->error, PyExc_ValueError,
                            "Bad input: a value out of range, an unknown name, malformed text (CF_EINVAL).");
    st->file = new_error(m, "FileError", st->error, PyExc_OSError,
                         "A file could not be read or written (CF_EIO).");
    st->solver = new_error(m, "SolverError", st->error, PyExc_RuntimeError,
                           "The numerical solver failed (CF_ESOLVER).");
    st->nomem = new_error(m, "OutOfMemoryError", st->error, PyExc_MemoryError,
                          "The library ran out of memory (CF_ENOMEM).");
    st->limit = new_error(m, "LimitError", st->error, PyExc_RuntimeError,
                          "The cell cannot do what was asked, e.g. a rate too high (CF_ELIMIT).");
    st->unsupported = new_error(m, "UnsupportedError", st->error, PyExc_NotImplementedError,
                                "A feature that is not built in (CF_EUNSUPPORTED).");
    if (!st->invalid || !st->file || !st->solver || !st->nomem || !st->limit || !st->unsupported) return -1;
    if (PyModule_AddFunctions(m, core_methods) < 0) return -1;
    for (size_t i = 0; i < sizeof METHOD_TABLES / sizeof METHOD_TABLES[0]; i++)
        if (PyModule_AddFunctions(m, METHOD_TABLES[i]) < 0) return -1;
    return 0;
}

static int core_traverse(PyObject *m, visitproc visit, void *arg)
{
    cfpy_state *st = cfpy_get_state(m);
    if (!st) return 0;
    Py_VISIT(st->error);
    Py_VISIT(st->invalid);
    Py_VISIT(st->file);
    Py_VISIT(st->solver);
    Py_VISIT(st->nomem);
    Py_VISIT(st->limit);
    Py_VISIT(st->unsupported);
    return 0;
}

static int core_clear(PyObject *m)
{
    cfpy_state *st = cfpy_get_state(m);
    if (!st) return 0;
    Py_CLEAR(st->error);
    Py_CLEAR(st->invalid);
    Py_CLEAR(st->file);
    Py_CLEAR(st->solver);
    Py_CLEAR(st->nomem);
    Py_CLEAR(st->limit);
    Py_CLEAR(st->unsupported);
    return 0;
}

static void core_free(void *m) { core_clear((PyObject *)m); }

static PyModuleDef_Slot core_slots[] = {
    {Py_mod_exec, (void *)core_exec},
    {0, NULL},
};

static struct PyModuleDef core_module = {
    PyModuleDef_HEAD_INIT,
    "cellforge._core",
    "C binding of libcellforge. Use the cellforge package; this module is its engine.",
    sizeof(cfpy_state),
    NULL,
    core_slots,
    core_traverse,
    core_clear,
    core_free,
};

PyMODINIT_FUNC PyInit__core(void);
PyMODINIT_FUNC PyInit__core(void) { return PyModuleDef_Init(&core_module); }
