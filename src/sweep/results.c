/* results.c — the rows of a sweep, kept by run number until they can be
 * written in order, whatever order they finished in. */
#include <stdlib.h>
#include <string.h>

#include "sweep/sweep_internal.h"

struct cf_sweep_results {
    const cf_sweep *s;
    char **rows;
    size_t count;
};

int cf_sweep_results_new(const cf_sweep *s, cf_sweep_results **out, cf_error *err)
{
    *out = NULL;
    cf_sweep_results *r = calloc(1, sizeof *r);
    if (r) r->rows = calloc(s->n_runs ? s->n_runs : 1, sizeof *r->rows);
    if (!r || !r->rows) {
        free(r);
        return cf_error_set(err, CF_ENOMEM, "sweep", "out of memory for %zu result rows", s->n_runs);
    }
    r->s = s;
    *out = r;
    return CF_OK;
}

void cf_sweep_results_free(cf_sweep_results *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->s->n_runs; i++) free(r->rows[i]);
    free(r->rows);
    free(r);
}

int cf_sweep_results_put(cf_sweep_results *r, const char *row, cf_error *err)
{
    long long run = cf_sweep_row_run(row);
    if (run < 0 || (size_t)run >= r->s->n_runs)
        return cf_error_set(err, CF_EINVAL, "row", "a result row must start with a run number in [0, %zu]",
                            r->s->n_runs - 1);
    if (r->rows[run]) return CF_OK; /* the first copy of a run wins */
    size_t n = strlen(row) + 1;
    char *copy = malloc(n);
    if (!copy) return cf_error_set(err, CF_ENOMEM, "row", "out of memory");
    memcpy(copy, row, n);
    r->rows[run] = copy;
    r->count++;
    return CF_OK;
}

size_t cf_sweep_results_count(const cf_sweep_results *r) { return r->count; }

const char *cf_sweep_results_row(const cf_sweep_results *r, size_t run)
{
    return run < r->s->n_runs ? r->rows[run] : NULL;
}

int cf_sweep_results_write(const cf_sweep_results *r, FILE *out, cf_error *err)
{
    for (size_t i = 0; i < r->s->n_runs; i++)
        if (!r->rows[i])
            return cf_error_set(err, CF_EINVAL, "results", "run %zu has no result (%zu of %zu done)", i, r->count,
                                r->s->n_runs);
    fprintf(out, "%s\n", r->s->header);
    for (size_t i = 0; i < r->s->n_runs; i++) fprintf(out, "%s\n", r->rows[i]);
    return ferror(out) ? cf_error_set(err, CF_EIO, "results", "write error") : CF_OK;
}
