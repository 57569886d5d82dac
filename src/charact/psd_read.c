/* psd_read.c — particle-size tables: classes with amounts, or particle lists.
 *
 * Laser-diffraction exports give classes (a size per row, or lower/upper
 * limits) with volume %; image analysis gives number % per class or one
 * diameter per particle.  Everything is turned into classes with explicit
 * limits and a representative size, so one analysis serves all of them. */
#include "cellforge/cf_charact.h"
#include "charact_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cf_psd_free(cf_psd_dist *d)
{
    if (!d) return;
    free(d->lower_um);
    free(d->upper_um);
    free(d->mid_um);
    free(d->amount);
    memset(d, 0, sizeof *d);
}

static int alloc_dist(cf_psd_dist *d, size_t n, const char *name, cf_error *err)
{
    d->lower_um = malloc(n * sizeof(double));
    d->upper_um = malloc(n * sizeof(double));
    d->mid_um = malloc(n * sizeof(double));
    d->amount = malloc(n * sizeof(double));
    if (!d->lower_um || !d->upper_um || !d->mid_um || !d->amount) {
        cf_psd_free(d);
        return cf_error_set(err, CF_ENOMEM, name, "out of memory");
    }
    d->n = n;
    return CF_OK;
}

static int check_row(const cf_ctab *t, size_t r, cf_error *err)
{
    size_t nc = t->ncols;
    if (nc == 1) {
        double x = cf_ctab_at(t, r, 0);
        if (!(x > 0.0)) return cf_ctab_fail(t, r, err, "particle diameter %g µm: expected a size > 0", x);
        return CF_OK;
    }
    double amount = cf_ctab_at(t, r, nc - 1);
    if (amount < 0.0)
        return cf_ctab_fail(t, r, err, "negative amount %g in column %zu: expected a %% or fraction >= 0",
                            amount, nc);
    if (nc == 2) {
        double x = cf_ctab_at(t, r, 0);
        if (!(x > 0.0)) return cf_ctab_fail(t, r, err, "size %g µm in column 1: expected a size > 0", x);
        if (r > 0 && !(x > cf_ctab_at(t, r - 1, 0)))
            return cf_ctab_fail(t, r, err, "sizes must increase strictly: %g µm after %g µm on line %d",
                                x, cf_ctab_at(t, r - 1, 0), t->line[r - 1]);
        return CF_OK;
    }
    double lo = cf_ctab_at(t, r, 0), hi = cf_ctab_at(t, r, 1);
    if (!(lo >= 0.0 && hi > lo))
        return cf_ctab_fail(t, r, err, "class %g–%g µm: expected 0 <= lower < upper", lo, hi);
    if (r > 0) {
        double prev = cf_ctab_at(t, r - 1, 1);
        if (lo < prev * (1.0 - 1e-9))
            return cf_ctab_fail(t, r, err,
                                "class %g–%g µm overlaps the previous class ending at %g µm (line %d): "
                                "classes must be in increasing size without overlap",
                                lo, hi, prev, t->line[r - 1]);
    }
    return CF_OK;
}

static void edges_from_sizes(const cf_ctab *t, cf_psd_size_is size_is, cf_psd_dist *d)
{
    size_t n = t->nrows;
    const double *x = d->mid_um; /* sizes as read, stored in mid first */
    if (n == 1) { /* a single size: a class of zero width */
        d->lower_um[0] = d->upper_um[0] = x[0];
        return;
    }
    switch (size_is) {
    case CF_PSD_SIZE_CENTER:
        /* Classes of laser diffraction are geometric: the boundary between two
         * representative sizes is their geometric mean. */
        for (size_t i = 0; i < n; i++) {
            d->lower_um[i] = i > 0 ? sqrt(x[i - 1] * x[i]) : x[0] * sqrt(x[0] / x[1]);
            d->upper_um[i] = i + 1 < n ? sqrt(x[i] * x[i + 1]) : x[n - 1] * sqrt(x[n - 1] / x[n - 2]);
        }
        return;
    case CF_PSD_SIZE_UPPER:
        for (size_t i = 0; i < n; i++) {
            d->upper_um[i] = x[i];
            d->lower_um[i] = i > 0 ? x[i - 1] : x[0] * x[0] / x[1];
        }
        break;
    case CF_PSD_SIZE_LOWER:
        for (size_t i = 0; i < n; i++) {
            d->lower_um[i] = x[i];
            d->upper_um[i] = i + 1 < n ? x[i + 1] : x[n - 1] * x[n - 1] / x[n - 2];
        }
        break;
    }
    (void)t;
    for (size_t i = 0; i < n; i++) d->mid_um[i] = sqrt(d->lower_um[i] * d->upper_um[i]);
}

static int dist_from_table(const cf_ctab *t, cf_psd_basis basis, cf_psd_size_is size_is,
                           cf_psd_dist *d, cf_error *err)
{
    for (size_t r = 0; r < t->nrows; r++) {
        int rc = check_row(t, r, err);
        if (rc != CF_OK) return rc;
    }
    int rc = alloc_dist(d, t->nrows, t->name, err);
    if (rc != CF_OK) return rc;
    size_t nc = t->ncols;
    d->basis = nc == 1 ? CF_PSD_NUMBER : basis;
    d->is_list = nc == 1;
    double sum = 0.0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (nc == 1) {
            double x = cf_ctab_at(t, r, 0);
            d->lower_um[r] = d->upper_um[r] = d->mid_um[r] = x;
            d->amount[r] = 1.0;
        } else if (nc == 2) {
            d->mid_um[r] = cf_ctab_at(t, r, 0);
            d->amount[r] = cf_ctab_at(t, r, 1);
        } else {
            double lo = cf_ctab_at(t, r, 0), hi = cf_ctab_at(t, r, 1);
            d->lower_um[r] = lo;
            d->upper_um[r] = hi;
            d->mid_um[r] = lo > 0.0 ? sqrt(lo * hi) : 0.5 * (lo + hi);
            d->amount[r] = cf_ctab_at(t, r, 2);
        }
        sum += d->amount[r];
    }
    if (nc == 2) edges_from_sizes(t, size_is, d);
    d->amount_sum = sum;
    if (!(sum > 0.0)) {
        cf_psd_free(d);
        return cf_error_set(err, CF_EINVAL, t->name,
                            "empty distribution: every amount is zero (expected at least one class "
                            "with an amount > 0)");
    }
    return CF_OK;
}

int cf_psd_parse(const char *text, const char *name, cf_psd_basis basis, cf_psd_size_is size_is,
                 cf_psd_dist *d, cf_error *err)
{
    memset(d, 0, sizeof *d);
    cf_ctab t;
    int rc = cf_ctab_parse(text, name, 1, 3, NULL, &t, err);
    if (rc != CF_OK) return rc;
    rc = dist_from_table(&t, basis, size_is, d, err);
    cf_ctab_free(&t);
    return rc;
}

int cf_psd_read(const char *path, cf_psd_basis basis, cf_psd_size_is size_is, cf_psd_dist *d,
                cf_error *err)
{
    memset(d, 0, sizeof *d);
    cf_ctab t;
    int rc = cf_ctab_read(path, 1, 3, NULL, &t, err);
    if (rc != CF_OK) return rc;
    rc = dist_from_table(&t, basis, size_is, d, err);
    cf_ctab_free(&t);
    return rc;
}
