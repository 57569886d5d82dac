/* bpx_validation.c — BPX "Validation": named experiments, each a measured
 * time series of current and voltage (and optionally temperature).
 *
 * BPX currents are negative on discharge (the About:Energy files discharge at
 * "Current [A]": -12.5); cellforge's are positive on discharge, so the drive
 * cycle built from an experiment flips the sign. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpx_internal.h"
#include "cell_json_internal.h"

#define MAX_EXPERIMENTS 1000

static const char *const EXPERIMENT_KEYS[] = {"Time [s]", "Current [A]", "Voltage [V]", "Temperature [K]", NULL};

static int read_series(const json_t *o, const char *P, const char *key, int required, size_t *n, double **out,
                       cf_error *err)
{
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, P, key);
    const json_t *a = json_object_get(o, key);
    *out = NULL;
    if (!a) return required ? cf_error_set(err, CF_EINVAL, where, "%s is required (a list of numbers)", where) : CF_OK;
    if (!json_is_array(a))
        return cf_error_set(err, CF_EINVAL, where, "%s must be a list of numbers (got %s)", where,
                            cf_cell_json_type_name(a));
    size_t m = json_array_size(a);
    if (*n == 0) *n = m;
    if (m != *n)
        return cf_error_set(err, CF_EINVAL, where, "%s has %zu values but Time [s] has %zu; they must match", where, m,
                            *n);
    double *v = malloc((m ? m : 1) * sizeof *v);
    if (!v) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
    for (size_t i = 0; i < m; i++) {
        char item[CF_BPX_PATH_MAX + 24];
        snprintf(item, sizeof item, "%s[%zu]", where, i);
        if (cf_cell_json_number(json_array_get(a, i), item, &v[i], err)) {
            free(v);
            return CF_EINVAL;
        }
    }
    *out = v;
    return CF_OK;
}

static int read_experiment(const json_t *o, const char *name, cf_bpx_experiment *e, cf_error *err)
{
    char P[CF_BPX_PATH_MAX];
    cf_bpx_path(P, sizeof P, "Validation", name);
    if (!json_is_object(o))
        return cf_error_set(err, CF_EINVAL, P, "%s must be an object of time series (got %s)", P,
                            cf_cell_json_type_name(o));
    if (cf_bpx_check_keys(o, P, EXPERIMENT_KEYS, NULL, err)) return CF_EINVAL;
    snprintf(e->name, sizeof e->name, "%s", name);
    if (read_series(o, P, "Time [s]", 1, &e->n, &e->time_s, err) ||
        read_series(o, P, "Current [A]", 1, &e->n, &e->current_A, err) ||
        read_series(o, P, "Voltage [V]", 1, &e->n, &e->voltage_V, err) ||
        read_series(o, P, "Temperature [K]", 0, &e->n, &e->temperature_K, err))
        return CF_EINVAL;
    char where[CF_BPX_PATH_MAX];
    cf_bpx_path(where, sizeof where, P, "Time [s]");
    if (e->n < 2) return cf_error_set(err, CF_EINVAL, where, "%s needs at least 2 points (got %zu)", where, e->n);
    if (e->time_s[0] < 0)
        return cf_error_set(err, CF_EINVAL, where, "%s starts at %g s; times must be >= 0", where, e->time_s[0]);
    for (size_t i = 1; i < e->n; i++)
        if (!(e->time_s[i] > e->time_s[i - 1]))
            return cf_error_set(err, CF_EINVAL, where, "%s must increase: %g s at index %zu follows %g s", where,
                                e->time_s[i], i, e->time_s[i - 1]);
    return CF_OK;
}

int cf_bpx_read_validation(const json_t *v, cf_bpx_info *info, cf_error *err)
{
    if (!v) return CF_OK;
    if (!json_is_object(v))
        return cf_error_set(err, CF_EINVAL, "Validation", "Validation must be an object of named experiments (got %s)",
                            cf_cell_json_type_name(v));
    size_t n = json_object_size(v);
    if (n > MAX_EXPERIMENTS)
        return cf_error_set(err, CF_EINVAL, "Validation", "Validation has %zu experiments; at most %d are read", n,
                            MAX_EXPERIMENTS);
    if (n == 0) return CF_OK;
    info->experiments = calloc(n, sizeof *info->experiments);
    if (!info->experiments) return cf_error_set(err, CF_ENOMEM, "Validation", "out of memory");
    const char *name;
    json_t *o;
    json_object_foreach((json_t *)v, name, o) {
        /* Counted before reading so cf_bpx_info_clear frees a half-read one. */
        cf_bpx_experiment *e = &info->experiments[info->n_experiments++];
        if (read_experiment(o, name, e, err)) return CF_EINVAL;
    }
    return CF_OK;
}

int cf_bpx_validation_drive(const cf_bpx_experiment *e, cf_drive_cycle **out, cf_error *err)
{
    *out = NULL;
    double *I = malloc((e->n ? e->n : 1) * sizeof *I);
    if (!I) return cf_error_set(err, CF_ENOMEM, e->name, "out of memory");
    for (size_t i = 0; i < e->n; i++) I[i] = -e->current_A[i];
    int rc = cf_drive_cycle_new(CF_DRIVE_CURRENT, e->time_s, I, e->n, e->name, out, err);
    free(I);
    return rc;
}
