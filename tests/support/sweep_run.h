/* sweep_run.h — running a whole sweep in a test and reading its CSV rows
 * (test support, shared by test_sweep_exec.c and test_sweep_recipe.c). */
#ifndef CF_TEST_SWEEP_RUN_H
#define CF_TEST_SWEEP_RUN_H
#include "cellforge/cf_sweep.h"

/* The spec text parsed (source name "spec"), asserting success; the error
 * printed if not. */
cf_sweep *cf_test_sweep_parse(const char *text);

/* Runs every run of s on `threads` threads into a new result set, asserting
 * success and one row per run. */
cf_sweep_results *cf_test_sweep_run_all(const cf_sweep *s, int threads);

/* Runs the runs order[0..n-1] one after another on one worker, asserting
 * that each gives the same row as a fresh worker does: a reused plan keeps
 * nothing of the runs before. */
void cf_test_sweep_reuse_equals_fresh(const cf_sweep *s, const size_t *order, size_t n);

/* Field k (0-based) of an unquoted CSV row as a number (NAN if empty);
 * fails the test if the row has fewer fields. */
double cf_test_csv_field(const char *row, int k);
/* The same for row `row` of a result set. */
double cf_test_sweep_value(const cf_sweep_results *r, size_t row, int k);

#endif
