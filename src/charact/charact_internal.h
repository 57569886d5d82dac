/* charact_internal.h — pieces shared by the characterisation analyses:
 * the numeric-table reader, the Levenberg–Marquardt fitter, small helpers.
 * Not installed: the public surface is cellforge/cf_charact.h. */
#ifndef CF_CHARACT_INTERNAL_H
#define CF_CHARACT_INTERNAL_H

#include <stddef.h>
#include "cellforge/cf_error.h"

#define CF_PI 3.14159265358979323846

/* ---- numeric tables (table_reader.c) ----
 * Text with one record per line.  Blank lines and comment lines (# % ! ; //)
 * are skipped, as is anything after '#' on a data line.  Lines before the
 * first data row whose first field is not a number are headers/metadata.
 * Fields are separated by whitespace, ',' or ';'.  Every data row must have
 * the same number of fields, each a finite decimal number. */
typedef struct {
    size_t nrows, ncols;
    double *v;  /* nrows × ncols, row-major */
    int *line;  /* 1-based source line of each row */
    char name[160];
} cf_ctab;

int cf_ctab_parse(const char *text, const char *name, size_t min_cols, size_t max_cols,
                  const char *const *col_names, cf_ctab *t, cf_error *err);
int cf_ctab_read(const char *path, size_t min_cols, size_t max_cols,
                 const char *const *col_names, cf_ctab *t, cf_error *err);
void cf_ctab_free(cf_ctab *t);

static inline double cf_ctab_at(const cf_ctab *t, size_t r, size_t c) { return t->v[r * t->ncols + c]; }

/* Sets err with where = "<table name>:<line of row r>". */
int cf_ctab_fail(const cf_ctab *t, size_t r, cf_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---- Levenberg–Marquardt least squares (lm.c) ---- */
#define CF_LM_MAXP 10

/* Fills r[0..m-1] with residuals (model − data, optionally weighted) at p.
 * Returns non-zero if p is outside the model's domain. */
typedef int (*cf_lm_fn)(const double *p, double *r, void *ctx);

typedef struct {
    size_t m, np;
    const double *lower, *upper; /* box bounds (NULL: none)                  */
    const double *scale;         /* typical magnitude of each parameter (NULL: 1) */
    int max_iter;                /* 0: 200 */
} cf_lm_problem;

typedef struct {
    double rss;                          /* Σ r² at the solution                    */
    double s2;                           /* rss / (m − np)                          */
    double cov[CF_LM_MAXP * CF_LM_MAXP]; /* s2 · (JᵀJ)⁻¹                           */
    int cov_ok;                          /* JᵀJ was positive definite               */
    int iterations;
    int converged;
    int at_bound[CF_LM_MAXP];
} cf_lm_result;

/* Minimises Σ r² from the start point in p (updated in place). */
int cf_lm_fit(const cf_lm_problem *pb, cf_lm_fn fn, void *ctx, double *p, cf_lm_result *res,
              cf_error *err);

/* Solves the symmetric positive-definite n×n system A x = b (A, b overwritten,
 * x returned in b).  Returns 0 on success, -1 if A is not positive definite. */
int cf_spd_solve(double *a, double *b, size_t n);
/* Inverts the SPD n×n matrix A in place.  Returns 0 or -1. */
int cf_spd_invert(double *a, size_t n);

/* ---- helpers (numeric_util.c) ---- */
/* Robust noise σ of a sampled signal from successive differences (MAD). */
double cf_noise_sigma(const double *y, size_t n);
/* Median of v (copied; v untouched).  n > 0. */
double cf_median(const double *v, size_t n);
/* Least-squares polynomial of degree deg through (x, y); c has deg+1 entries.
 * cov (may be NULL) receives the (deg+1)² coefficient covariance scaled by the
 * residual variance.  Returns 0, or -1 if singular. */
int cf_polyfit(const double *x, const double *y, size_t n, int deg, double *c, double *cov);
/* splitmix64 step: a small deterministic generator whose state the caller owns. */
unsigned long long cf_rng_next(unsigned long long *state);
double cf_rng_uniform(unsigned long long *state); /* [0, 1) */

#endif
