/* spec_vary.c — the "vary" map and its sampling: which values each run gets.
 *
 * Grid: the Cartesian product of every dimension's list, the first
 * dimension varying slowest.  Latin hypercube: `samples` runs, each
 * dimension's range cut into that many equal bins with exactly one sample
 * per bin, placed by a seeded generator (lhs.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_ranges.h"
#include "sweep/sweep_internal.h"

static const char *const SPECIAL[] = {"crate", "temperature_C", "soc", NULL};

/* Allowed ranges of the special keys: the library's (cf_ranges.h), as
 * `cellforge simulate` and the protocol parser check them. */
static int check_special(const sw_dim *d, double v, const char *where, cf_error *err)
{
    switch (d->kind) {
    case SW_DIM_CRATE: return cf_check_quantity(CF_QTY_CRATE, v, where, err);
    case SW_DIM_TEMPERATURE: return cf_check_quantity(CF_QTY_TEMPERATURE_C, v, where, err);
    case SW_DIM_SOC: return cf_check_quantity(CF_QTY_SOC, v, where, err);
    case SW_DIM_PATH: break;
    }
    return CF_OK;
}

static int split_path(sw_dim *d, const char *where, cf_error *err)
{
    const char *p = d->name;
    if (!p[0]) return cf_error_set(err, CF_EINVAL, where, "empty key: name a cell key such as negative.porosity");
    while (1) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len == 0)
            return cf_error_set(err, CF_EINVAL, where, "'%s' has an empty segment (two dots, or a dot at an end)",
                                d->name);
        if (d->depth == SW_PATH_MAX_DEPTH)
            return cf_error_set(err, CF_EINVAL, where, "'%s' is nested deeper than %d levels", d->name,
                                SW_PATH_MAX_DEPTH);
        char *seg = malloc(len + 1);
        if (!seg) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
        memcpy(seg, p, len);
        seg[len] = '\0';
        d->seg[d->depth++] = seg;
        if (!dot) return CF_OK;
        p = dot + 1;
    }
}

static int parse_scale(sw_dim *d, const json_t *spec, const char *where, cf_error *err)
{
    const json_t *sc = json_object_get(spec, "scale");
    if (!sc) return CF_OK;
    const char *t = json_string_value(sc);
    if (!t || (strcmp(t, "linear") && strcmp(t, "log")))
        return cf_error_set(err, CF_EINVAL, where, "scale must be \"linear\" or \"log\"");
    d->log_scale = strcmp(t, "log") == 0;
    if (d->log_scale && !(d->from > 0 && d->to > 0))
        return cf_error_set(err, CF_EINVAL, where, "a log scale needs from > 0 and to > 0 (got %g and %g)", d->from,
                            d->to);
    return CF_OK;
}

/* A position in [0,1] along the dimension's range, on its scale. */
static double along(const sw_dim *d, double u)
{
    if (d->log_scale) return exp(log(d->from) + (log(d->to) - log(d->from)) * u);
    return d->from + (d->to - d->from) * u;
}

static int parse_range(sw_dim *d, const json_t *v, int lhs, const char *where, cf_error *err)
{
    static const char *const grid_keys[] = {"from", "to", "n", "scale", NULL};
    static const char *const lhs_keys[] = {"from", "to", "scale", NULL};
    int rc = sw_check_keys(v, where, lhs ? lhs_keys : grid_keys, err);
    if (rc) {
        if (lhs && json_object_get(v, "n"))
            cf_error_set(err, CF_EINVAL, where,
                         "under latin_hypercube the number of values is the top-level \"samples\", not \"n\"");
        return rc;
    }
    char key[256];
    const char *names[] = {"from", "to"};
    double *dst[] = {&d->from, &d->to};
    for (int i = 0; i < 2; i++) {
        snprintf(key, sizeof key, "%s.%s", where, names[i]);
        const json_t *x = json_object_get(v, names[i]);
        if (!x) return cf_error_set(err, CF_EINVAL, key, "missing: a range needs \"from\" and \"to\"");
        if ((rc = sw_number(x, key, dst[i], err))) return rc;
        if ((rc = check_special(d, *dst[i], key, err))) return rc;
    }
    if (lhs && d->from > d->to)
        return cf_error_set(err, CF_EINVAL, where,
                            "from %g is above to %g: a Latin hypercube range must have from <= to", d->from, d->to);
    if ((rc = parse_scale(d, v, where, err))) return rc;
    if (lhs) return CF_OK;
    snprintf(key, sizeof key, "%s.n", where);
    const json_t *n = json_object_get(v, "n");
    if (!n) return cf_error_set(err, CF_EINVAL, key, "missing: a grid range needs \"n\", the number of values");
    if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > CF_SWEEP_MAX_RUNS)
        return cf_error_set(err, CF_EINVAL, key, "n must be a whole number in [1, %d]", CF_SWEEP_MAX_RUNS);
    d->n_values = (size_t)json_integer_value(n);
    d->values = malloc(d->n_values * sizeof(double));
    if (!d->values) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
    for (size_t i = 0; i < d->n_values; i++) {
        double x = d->n_values == 1 ? d->from : along(d, (double)i / (double)(d->n_values - 1));
        /* 0.18 + 0.07 * 2/7 is 0.19999999999999998 in binary: round grid
         * points to 15 digits so that they read (and print) as the 0.2 the
         * user meant; the change is below 1e-15 relative. */
        char t[32];
        snprintf(t, sizeof t, "%.15g", x);
        d->values[i] = strtod(t, NULL);
    }
    if (d->n_values > 1) d->values[d->n_values - 1] = d->to; /* exact end, whatever the rounding */
    return CF_OK;
}

static int parse_list(sw_dim *d, const json_t *v, const char *where, cf_error *err)
{
    d->n_values = json_array_size(v);
    if (d->n_values == 0) return cf_error_set(err, CF_EINVAL, where, "the list of values is empty");
    d->values = malloc(d->n_values * sizeof(double));
    if (!d->values) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
    char key[256];
    for (size_t i = 0; i < d->n_values; i++) {
        snprintf(key, sizeof key, "%s[%zu]", where, i);
        int rc = sw_number(json_array_get(v, i), key, &d->values[i], err);
        if (!rc) rc = check_special(d, d->values[i], key, err);
        if (rc) return rc;
    }
    return CF_OK;
}

static int parse_dim(cf_sweep *s, sw_dim *d, const char *name, const json_t *v, cf_error *err)
{
    char where[224];
    snprintf(where, sizeof where, "vary.%s", name);
    if (!(d->name = sw_strdup(name))) return cf_error_set(err, CF_ENOMEM, where, "out of memory");
    d->kind = SW_DIM_PATH;
    for (int i = 0; SPECIAL[i]; i++)
        if (strcmp(name, SPECIAL[i]) == 0) d->kind = (sw_dim_kind)(i + 1);
    int rc = d->kind == SW_DIM_PATH ? split_path(d, where, err) : CF_OK;
    if (rc) return rc;
    if (json_is_array(v)) {
        if (s->lhs)
            return cf_error_set(err, CF_EINVAL, where,
                                "latin_hypercube samples a range: give {\"from\": a, \"to\": b}, not a list");
        return parse_list(d, v, where, err);
    }
    if (json_is_object(v)) return parse_range(d, v, s->lhs, where, err);
    return cf_error_set(err, CF_EINVAL, where,
                        "give a list of values [a, b, ...] or a range {\"from\": a, \"to\": b, \"n\": k}");
}

/* Keys the model cannot honour in this kind of sweep. */
static int check_applicable(const cf_sweep *s, const sw_dim *d, cf_error *err)
{
    char where[224];
    snprintf(where, sizeof where, "vary.%s", d->name);
    /* (Varying crate, soc or temperature_C makes a recipe sweep simulate:
     * spec.c decides that before the dimensions are read.) */
    if (d->kind == SW_DIM_CRATE && s->protocol)
        return cf_error_set(err, CF_EINVAL, where,
                            "crate varies a constant-current run; this sweep runs a protocol (write the rate into "
                            "the protocol, or drop \"protocol\")");
    return CF_OK;
}

static int parse_sampling(cf_sweep *s, const json_t *spec, size_t *samples, cf_error *err)
{
    const json_t *smp = json_object_get(spec, "sampling");
    const char *t = smp ? json_string_value(smp) : "grid";
    if (!t || (strcmp(t, "grid") && strcmp(t, "latin_hypercube"))) {
        const char *sug = t ? sw_suggest(t, (const char *const[]){"grid", "latin_hypercube", NULL}) : NULL;
        return cf_error_set(err, CF_EINVAL, "sampling", "sampling must be \"grid\" or \"latin_hypercube\"%s%s%s",
                            sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
    }
    s->lhs = strcmp(t, "latin_hypercube") == 0;
    const json_t *n = json_object_get(spec, "samples"), *seed = json_object_get(spec, "seed");
    if (!s->lhs) {
        if (n) return cf_error_set(err, CF_EINVAL, "samples", "samples applies to \"sampling\": \"latin_hypercube\"");
        if (seed) return cf_error_set(err, CF_EINVAL, "seed", "seed applies to \"sampling\": \"latin_hypercube\"");
        return CF_OK;
    }
    if (!n) return cf_error_set(err, CF_EINVAL, "samples", "latin_hypercube needs \"samples\": the number of runs");
    if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > CF_SWEEP_MAX_RUNS)
        return cf_error_set(err, CF_EINVAL, "samples", "samples must be a whole number in [1, %d]",
                            CF_SWEEP_MAX_RUNS);
    *samples = (size_t)json_integer_value(n);
    if (seed && (!json_is_integer(seed) || json_integer_value(seed) < 0))
        return cf_error_set(err, CF_EINVAL, "seed", "seed must be a whole number >= 0");
    s->seed = seed ? (uint64_t)json_integer_value(seed) : 0;
    return CF_OK;
}

int sw_parse_vary(cf_sweep *s, const json_t *spec, cf_error *err)
{
    size_t samples = 0;
    int rc = parse_sampling(s, spec, &samples, err);
    if (rc) return rc;
    const json_t *vary = json_object_get(spec, "vary");
    if (vary && !json_is_object(vary))
        return cf_error_set(err, CF_EINVAL, "vary", "vary must be an object {\"key\": values, ...}");
    size_t nd = vary ? json_object_size(vary) : 0;
    if (s->lhs && nd == 0) return cf_error_set(err, CF_EINVAL, "vary", "latin_hypercube needs at least one range");
    s->dims = calloc(nd ? nd : 1, sizeof *s->dims);
    if (!s->dims) return cf_error_set(err, CF_ENOMEM, "vary", "out of memory");
    const char *key;
    json_t *v;
    int has_tc = 0, has_tk = 0;
    json_object_foreach((json_t *)vary, key, v) {
        sw_dim *d = &s->dims[s->n_dims++];
        if ((rc = parse_dim(s, d, key, v, err)) || (rc = check_applicable(s, d, err))) return rc;
        if (d->kind == SW_DIM_PATH) s->has_path_dims = 1;
        has_tc |= d->kind == SW_DIM_TEMPERATURE;
        has_tk |= strcmp(key, "temperature_K") == 0;
    }
    if (has_tc && has_tk)
        return cf_error_set(err, CF_EINVAL, "vary", "vary either temperature_C or temperature_K, not both");
    if (s->lhs) {
        s->n_runs = samples;
        s->lhs_values = malloc(samples * nd * sizeof(double));
        if (!s->lhs_values) return cf_error_set(err, CF_ENOMEM, "vary", "out of memory");
        sw_lhs_unit(s->seed, samples, nd, s->lhs_values);
        for (size_t i = 0; i < samples; i++)
            for (size_t d = 0; d < nd; d++) s->lhs_values[i * nd + d] = along(&s->dims[d], s->lhs_values[i * nd + d]);
        return CF_OK;
    }
    s->n_runs = 1;
    for (size_t d = 0; d < nd; d++) {
        if (s->dims[d].n_values > CF_SWEEP_MAX_RUNS / s->n_runs)
            return cf_error_set(err, CF_EINVAL, "vary", "the grid has more than %d runs; use fewer values or "
                                                        "latin_hypercube sampling", CF_SWEEP_MAX_RUNS);
        s->n_runs *= s->dims[d].n_values;
    }
    return CF_OK;
}

void sw_dims_free(cf_sweep *s)
{
    for (size_t d = 0; d < s->n_dims; d++) {
        free(s->dims[d].name);
        free(s->dims[d].values);
        for (int i = 0; i < s->dims[d].depth; i++) free(s->dims[d].seg[i]);
    }
    free(s->dims);
    free(s->lhs_values);
}

double cf_sweep_value(const cf_sweep *s, size_t run, size_t dim)
{
    if (run >= s->n_runs || dim >= s->n_dims) return NAN;
    if (s->lhs) return s->lhs_values[run * s->n_dims + dim];
    /* Row-major: the last dimension varies fastest. */
    size_t stride = 1;
    for (size_t d = s->n_dims; d-- > dim + 1;) stride *= s->dims[d].n_values;
    return s->dims[dim].values[(run / stride) % s->dims[dim].n_values];
}
