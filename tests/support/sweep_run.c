/* sweep_run.c — see sweep_run.h. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sweep_run.h"

static int collect(void *user, size_t run, const char *row)
{
    (void)run;
    cf_error err;
    return cf_sweep_results_put(user, row, &err);
}

cf_sweep *cf_test_sweep_parse(const char *text)
{
    cf_error err;
    cf_error_clear(&err);
    cf_sweep *s = NULL;
    int rc = cf_sweep_parse(text, "spec", NULL, &s, &err);
    if (rc) fprintf(stderr, "unexpected error: %s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    return s;
}

cf_sweep_results *cf_test_sweep_run_all(const cf_sweep *s, int threads)
{
    cf_error err;
    cf_sweep_results *r;
    assert_int_equal(cf_sweep_results_new(s, &r, &err), 0);
    cf_sweep_exec_options o = {.threads = threads, .on_row = collect, .user = r};
    assert_int_equal(cf_sweep_execute(s, &o, &err), 0);
    assert_int_equal(cf_sweep_results_count(r), cf_sweep_run_count(s));
    return r;
}

void cf_test_sweep_reuse_equals_fresh(const cf_sweep *s, const size_t *order, size_t n)
{
    cf_error err;
    cf_sweep_worker *w;
    assert_int_equal(cf_sweep_worker_new(s, &w, &err), 0);
    for (size_t k = 0; k < n; k++) {
        char *row, *fresh_row;
        assert_int_equal(cf_sweep_worker_run(w, order[k], &row, &err), 0);
        cf_sweep_worker *f;
        assert_int_equal(cf_sweep_worker_new(s, &f, &err), 0);
        assert_int_equal(cf_sweep_worker_run(f, order[k], &fresh_row, &err), 0);
        assert_string_equal(row, fresh_row);
        free(row);
        free(fresh_row);
        cf_sweep_worker_free(f);
    }
    cf_sweep_worker_free(w);
}

double cf_test_csv_field(const char *row, int k)
{
    const char *p = row;
    for (int i = 0; i < k; i++) {
        p = strchr(p, ',');
        assert_non_null(p);
        p++;
    }
    if (*p == ',' || *p == '\0') return NAN;
    return strtod(p, NULL);
}

double cf_test_sweep_value(const cf_sweep_results *r, size_t row, int k)
{
    const char *text = cf_sweep_results_row(r, row);
    assert_non_null(text);
    return cf_test_csv_field(text, k);
}
