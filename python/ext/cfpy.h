/* cfpy.h — shared pieces of the cellforge._core extension module.
 *
 * The extension is built against CPython's stable ABI (Py_LIMITED_API, 3.10+),
 * so one wheel serves every later CPython; it uses no numpy C API (columns go
 * out as bytearrays that the Python layer wraps with numpy.frombuffer).
 *
 * Library objects travel as PyCapsules ("cellforge.cell", "cellforge.plan")
 * held by the Python classes in cellforge/_cell.py and _simulate.py; every
 * C entry point is a module-level function, so no C types are defined here.
 *
 * Binding a new library area (design, claims, characterisation...) means one
 * new ext/<area>.c with its PyMethodDef table, one extern line below and one
 * line in METHOD_TABLES in module.c. */
#ifndef CFPY_H
#define CFPY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_model.h"
#include "cellforge/cf_error.h"
#include "cellforge/cf_ranges.h"

/* Per-module state: the exception classes (created in module.c). */
typedef struct {
    PyObject *error;        /* cellforge.Error (base of all below)               */
    PyObject *invalid;      /* InvalidInputError(Error, ValueError)   CF_EINVAL   */
    PyObject *file;         /* FileError(Error, OSError)              CF_EIO      */
    PyObject *solver;       /* SolverError(Error, RuntimeError)       CF_ESOLVER  */
    PyObject *nomem;        /* OutOfMemoryError(Error, MemoryError)   CF_ENOMEM   */
    PyObject *limit;        /* LimitError(Error, RuntimeError)        CF_ELIMIT   */
    PyObject *unsupported;  /* UnsupportedError(Error, NotImplementedError)       */
} cfpy_state;

cfpy_state *cfpy_get_state(PyObject *module);

/* Raises the Python exception matching err->code, carrying err's message and
 * where (CLI option names such as "--crate" become parameter names "crate").
 * Returns NULL so callers can `return cfpy_raise(m, &err);`. */
PyObject *cfpy_raise(PyObject *module, const cf_error *err);
/* The same with the exception's `solution` attribute set to `solution`
 * (a reference is taken; NULL: None): the results of a run up to its failure. */
PyObject *cfpy_raise_with_solution(PyObject *module, const cf_error *err, PyObject *solution);
/* The library's message text with CLI option names ("--max-steps") written
 * as Python parameters ("max_steps"). */
void cfpy_python_names(const char *in, char *out, size_t size);
/* Raises InvalidInputError with a formatted message and `where`. */
PyObject *cfpy_invalid(PyObject *module, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Raises TypeError "<name> must be <what> (got <type>)". */
void cfpy_type_error(const char *name, const char *what, PyObject *obj);

/* Argument conversion: each returns 0 on success, -1 with an exception set.
 * `name` is the parameter name used in messages. */
int cfpy_double(PyObject *module, PyObject *obj, const char *name, double lo, double hi, double *out);
int cfpy_int(PyObject *module, PyObject *obj, const char *name, long lo, long hi, long *out);
/* A number for a physical quantity: TypeError for a wrong type (None
 * included), InvalidInputError outside the library's range (cf_ranges.h). */
int cfpy_quantity(PyObject *module, PyObject *obj, const char *name, cf_quantity q, double *out);
/* The same for a whole-number quantity (mesh). */
int cfpy_quantity_int(PyObject *module, PyObject *obj, const char *name, cf_quantity q, long *out);
/* A str (UTF-8, no NUL) copied into a new malloc'ed string; *out stays NULL
 * for None when allow_none. */
int cfpy_string(PyObject *obj, const char *name, int allow_none, char **out);
/* A str or os.PathLike path, as a new malloc'ed file-system string. */
int cfpy_path(PyObject *obj, const char *name, char **out);

/* Result values (pyvalues.c): d[key] = v, dropping the reference to v (-1 on
 * failure, also for v NULL); a finite number, else None (as the CLI's JSON
 * null: not defined); a UTF-8 string, bad bytes replaced. */
int cfpy_put(PyObject *d, const char *key, PyObject *v);
PyObject *cfpy_num_or_none(double v);
PyObject *cfpy_str(const char *s);

/* The cf_cell inside a cell capsule (TypeError and NULL otherwise; the
 * capsule keeps ownership). */
cf_cell *cfpy_cell_from_capsule(PyObject *obj);
/* Rewrites a cf_cell_validate key ("negative.c_init") into the Python
 * parameter name ("negative.initial_concentration_mol_m3"). */
void cfpy_cell_translate_where(cf_error *err);

/* A plan's arguments as simulate() takes them (run.c): parsed and checked
 * under the GIL, the plan built without it. */
typedef struct {
    cf_model_options opt;
    char *cell_src;   /* built-in name or file; NULL when `cell` is set      */
    cf_cell *cell;    /* owned copy of a Python Cell                          */
    int has_temperature;
    double temperature_C;
    int has_sei;      /* sei= given: SEI growth on the negative */
    cf_sei_model sei;
    int has_plating;  /* plating= given: O'Kane plating on the negative */
    int has_lam[2];   /* lam_negative= / lam_positive= given: loss of active material */
    int lam[2];
    int has_crack[2]; /* cracking_negative= / cracking_positive= given: particle cracking */
    int crack[2];
    cf_plating_model plating;
} cfpy_plan_request;
int cfpy_plan_request_parse(PyObject *m, PyObject *cell, PyObject *model, PyObject *temperature_C, PyObject *mesh,
                            PyObject *rtol, PyObject *output_dt, PyObject *integrator, PyObject *linear_solver,
                            PyObject *max_steps, PyObject *max_wall_time, PyObject *discretisation,
                            PyObject *mesh_x, PyObject *mesh_r, PyObject *thermal, PyObject *sei,
                            PyObject *plating, PyObject *store_states, cfpy_plan_request *r);
/* lam_negative=, lam_positive= (None: the cell's own) into a parsed request. */
int cfpy_plan_request_lam(PyObject *m, PyObject *neg, PyObject *pos, cfpy_plan_request *r);
/* cracking_negative=, cracking_positive= (None: the cell's own) likewise. */
int cfpy_plan_request_cracking(PyObject *m, PyObject *neg, PyObject *pos, cfpy_plan_request *r);
void cfpy_plan_request_free(cfpy_plan_request *r);
int cfpy_plan_build(cfpy_plan_request *r, cf_plan **plan, cf_error *err);

/* A new cell capsule owning c (freed when the capsule cannot be made). */
PyObject *cfpy_wrap_cell(cf_cell *c);

/* Method tables of the binding areas. */
extern PyMethodDef cfpy_cell_methods[];
extern PyMethodDef cfpy_run_methods[];
extern PyMethodDef cfpy_variable_methods[];
extern PyMethodDef cfpy_design_methods[];
extern PyMethodDef cfpy_celltest_methods[];
extern PyMethodDef cfpy_bpx_methods[];
extern PyMethodDef cfpy_protocol_methods[];
extern PyMethodDef cfpy_sweep_methods[];
extern PyMethodDef cfpy_charact_methods[];
extern PyMethodDef cfpy_fit_methods[];
extern PyMethodDef cfpy_report_methods[];

/* A capsule owning the solution *sol (set to NULL) with a copy of the cell
 * and options its run used, for the solution's variables (variables.c). */
PyObject *cfpy_evaluator_new(cf_solution **sol, const cf_cell *cell, const cf_model_options *opt);

#define CFPY_CELL_CAPSULE "cellforge.cell"
#define CFPY_PLAN_CAPSULE "cellforge.plan"

#endif
