/* protocol_run.h — running a protocol on a cell in a test, and reading the
 * PyBaMM reference rows the runs are checked against (test support, shared
 * by the validation and limit tests). */
#ifndef CF_TEST_PROTOCOL_RUN_H
#define CF_TEST_PROTOCOL_RUN_H
#include "cellforge/cellforge.h"
#include "cellforge/cf_experiment.h"

/* The built-in cell `name` (asserted to load); the caller frees it. */
cf_cell *cf_test_builtin_cell(const char *name);

/* Runs the protocol `text` (asserted to parse) on `plan` from initial SOC
 * `soc` (NAN: the cell's initial state) and returns cf_simulate_protocol's
 * status; *sol and, with res not NULL, *res are the caller's (res NULL: the
 * experiment result is freed here). */
int cf_test_run_protocol(cf_plan *plan, const char *text, double soc, cf_solution **sol, cf_experiment_result **res,
                         cf_error *err);

/* The same on a plan of `cell` under `opt` (NULL: the defaults) made and
 * freed here, asserting that the run succeeds (its error printed if not). */
cf_solution *cf_test_run_ok(const cf_cell *cell, const cf_model_options *opt, const char *text, double soc,
                            cf_experiment_result **res);

/* Rows of a reference CSV in tests/data/pybamm/: a header line, then rows of
 * ncol numbers; row j's column c is v[j * ncol + c]. */
typedef struct {
    int n, ncol;
    double *v;
} cf_test_rows;

/* Reads tests/data/pybamm/<name>, asserting more than min_rows rows. */
void cf_test_rows_load(const char *name, int ncol, int min_rows, cf_test_rows *r);
static inline double cf_test_row(const cf_test_rows *r, int j, int c) { return r->v[j * r->ncol + c]; }
void cf_test_rows_free(cf_test_rows *r);

/* y at time t within executed step k, linear between that step's rows only:
 * two codes end a step within milliseconds of each other, and across a
 * step's end the voltage jumps. */
double cf_test_step_value(const cf_solution *s, const double *y, int k, double t);

#endif
