/* fit_internal.h — what the fits share: the base cell as JSON (edited by
 * key path, as sweeps edit it), the least-squares driver over GSL, and the
 * interval / identifiability analysis of a Jacobian. */
#ifndef CF_FIT_INTERNAL_H
#define CF_FIT_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "cellforge/cf_fit.h"

#define FIT_PATH_MAX_DEPTH 8

/* The base cell: the cell file's JSON ({"base": name} for a built-in). */
int fit_base_json(const char *cell, json_t **out, char *stem, size_t stem_cap, cf_error *err);
/* Sets number v at dotted path `path` of root (missing objects created). */
int fit_json_set(json_t *root, const char *path, double v, cf_error *err);
/* A cell from an edited base. */
int fit_cell_from_json(const json_t *root, const char *stem, cf_cell **out, cf_error *err);

/* A least-squares problem in the fitted scale s (log or value per
 * parameter): residuals r(s) (weighted) of length n. */
typedef int (*fit_residual_fn)(void *user, const double *s, double *r);

typedef struct {
    size_t n, p;
    double lo[CF_FIT_MAX_PARAMS], hi[CF_FIT_MAX_PARAMS]; /* bounds in the fitted scale */
    double s0[CF_FIT_MAX_PARAMS];
    double fd_step[CF_FIT_MAX_PARAMS];                   /* in the fitted scale         */
    const char *names[CF_FIT_MAX_PARAMS];
    fit_residual_fn f;
    void *user;
    int max_iter;
    double confidence, max_condition;
} fit_problem;

typedef struct {
    double s[CF_FIT_MAX_PARAMS], se[CF_FIT_MAX_PARAMS];
    double lo_ci[CF_FIT_MAX_PARAMS], hi_ci[CF_FIT_MAX_PARAMS]; /* fitted scale */
    int at_bound[CF_FIT_MAX_PARAMS];
    double corr[CF_FIT_MAX_PARAMS * CF_FIT_MAX_PARAMS];
    double chi2, chi2_initial, condition;
    int iterations, evaluations;
    char stop[128];
} fit_outcome;

/* Runs GSL's trust-region Levenberg-Marquardt on prob (bounds through
 * s = lo + (hi - lo)(1 + tanh u)/2), then the intervals.  CF_EINVAL with a
 * message naming the dependent parameters when the Jacobian at the optimum
 * is rank deficient (out is filled all the same). */
int fit_solve(const fit_problem *prob, fit_outcome *out, cf_error *err);

#endif
