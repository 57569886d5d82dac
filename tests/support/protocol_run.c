/* protocol_run.c — see protocol_run.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "protocol_run.h"

cf_cell *cf_test_builtin_cell(const char *name)
{
    cf_error err;
    cf_cell *cell;
    assert_int_equal(cf_cell_builtin(name, &cell, &err), 0);
    return cell;
}

int cf_test_run_protocol(cf_plan *plan, const char *text, double soc, cf_solution **sol, cf_experiment_result **res,
                         cf_error *err)
{
    cf_protocol *proto;
    assert_int_equal(cf_protocol_parse(text, &proto, err), 0);
    cf_experiment_options eo;
    cf_experiment_options_default(&eo);
    eo.initial_soc = soc;
    cf_experiment_result *r = NULL;
    int rc = cf_simulate_protocol(plan, proto, &eo, sol, &r, err);
    if (res)
        *res = r;
    else
        cf_experiment_result_free(r);
    cf_protocol_free(proto);
    return rc;
}

cf_solution *cf_test_run_ok(const cf_cell *cell, const cf_model_options *opt, const char *text, double soc,
                            cf_experiment_result **res)
{
    cf_error err;
    cf_model_options o;
    if (opt)
        o = *opt;
    else
        cf_model_options_default(&o);
    cf_plan *plan;
    assert_int_equal(cf_plan_new(cell, &o, &plan, &err), 0);
    cf_solution *sol;
    int rc = cf_test_run_protocol(plan, text, soc, &sol, res, &err);
    if (rc) print_error("%s: %s\n", err.where, err.message);
    assert_int_equal(rc, 0);
    cf_plan_free(plan);
    return sol;
}

void cf_test_rows_load(const char *name, int ncol, int min_rows, cf_test_rows *r)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/pybamm/%s", CF_TEST_DATA_DIR, name);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, fp)); /* the header */
    int cap = 1024;
    r->n = 0;
    r->ncol = ncol;
    r->v = malloc((size_t)cap * ncol * sizeof(double));
    assert_non_null(r->v);
    while (fgets(line, sizeof line, fp)) {
        if (r->n == cap) {
            cap *= 2;
            r->v = realloc(r->v, (size_t)cap * ncol * sizeof(double));
            assert_non_null(r->v);
        }
        char *p = line, *end;
        for (int c = 0; c < ncol; c++) {
            r->v[r->n * ncol + c] = strtod(p, &end);
            assert_true(end != p); /* a number in every column */
            p = end + (*end == ',');
        }
        r->n++;
    }
    fclose(fp);
    assert_true(r->n > min_rows);
}

void cf_test_rows_free(cf_test_rows *r)
{
    free(r->v);
    r->v = NULL;
    r->n = 0;
}

double cf_test_step_value(const cf_solution *s, const double *y, int k, double t)
{
    size_t lo = (size_t)-1, hi = (size_t)-1;
    for (size_t j = 0; j < s->n; j++) {
        if (s->step[j] != k) continue;
        if (s->t[j] <= t) lo = j;
        if (s->t[j] >= t && hi == (size_t)-1) hi = j;
    }
    if (lo == (size_t)-1) return y[hi];
    if (hi == (size_t)-1 || hi == lo) return y[lo];
    return y[lo] + (y[hi] - y[lo]) * (t - s->t[lo]) / (s->t[hi] - s->t[lo]);
}
