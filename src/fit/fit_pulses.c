/* fit_pulses.c — the standard fits of pulse tests: HPPC -> exchange current
 * (and the measured pulse resistance) vs SOC, GITT -> solid diffusivity vs
 * stoichiometry.
 *
 * The data are cut into windows, each starting from a relaxed cell: the
 * last rest sample before a current pulse that follows a rest of at least
 * min_rest_s, up to the start of the next such pulse (GITT: the pulse and
 * its relaxation) or of a current run longer than max_pulse_s (HPPC: the
 * discharge and charge pulses with their short rests, up to the move to the
 * next level).  Each window is one cf_fit_run of two parameters: the
 * electrode's quantity and the window's initial SOC (the relaxed voltage
 * fixes it; its start comes from the cell's open-circuit curve).  A window
 * whose fit fails or is not identifiable is kept with its reason. */
#define _POSIX_C_SOURCE 200809L
#include "fit/fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

typedef struct {
    size_t a, b; /* data rows [a, b) */
} window;

static int is_rest(double i, double thr) { return fabs(i) <= thr; }

/* Windows as described above. */
static size_t find_windows(const cf_fit_data *d, double min_rest_s, double max_pulse_s, window *w, size_t cap)
{
    double imax = 0;
    for (size_t i = 0; i < d->n; i++) imax = fmax(imax, fabs(d->current_A[i]));
    double thr = 1e-3 * imax;
    size_t nw = 0;
    size_t i = 0;
    while (i < d->n && nw < cap) {
        /* a rest run [i, j) */
        size_t j = i;
        while (j < d->n && is_rest(d->current_A[j], thr)) j++;
        if (j >= d->n) break;
        double rest_s = j > i ? d->t_s[j - 1] - d->t_s[i] : 0;
        /* the current run [j, k) */
        size_t k = j;
        while (k < d->n && !is_rest(d->current_A[k], thr)) k++;
        double run_s = (k < d->n ? d->t_s[k] : d->t_s[d->n - 1]) - d->t_s[j];
        if (j == 0 || rest_s < min_rest_s || run_s > max_pulse_s) {
            i = k;
            continue;
        }
        /* a window from the last rest sample: further short pulses and
         * rests belong to it until a long rest ends before a pulse or a
         * long run starts */
        size_t end = k, rest_start = k;
        for (;;) {
            size_t r = end;
            while (r < d->n && is_rest(d->current_A[r], thr)) r++;
            rest_start = end;
            if (r >= d->n) {
                end = d->n;
                break;
            }
            double rs = d->t_s[r - 1] - d->t_s[end];
            size_t q = r;
            while (q < d->n && !is_rest(d->current_A[q], thr)) q++;
            double qs = (q < d->n ? d->t_s[q] : d->t_s[d->n - 1]) - d->t_s[r];
            if (rs >= min_rest_s || qs > max_pulse_s) {
                end = r; /* ends with the rest, before the next pulse or run */
                break;
            }
            end = q;
        }
        w[nw].a = j - 1;
        w[nw].b = end;
        nw++;
        /* the next window may start from this one's closing rest */
        i = rest_start > j ? rest_start : end;
    }
    return nw;
}

/* The cell's open-circuit voltage at SOC 0, 0.02, ..., 1 (the initial
 * states cf_sim_reset_soc makes), to start each window's SOC from its
 * relaxed voltage. */
static int ocv_curve(const char *cell_name, const cf_fit_options *opt, double *v51, cf_error *err)
{
    cf_cell *cell = NULL;
    cf_plan *plan = NULL;
    int rc = cf_cell_load(cell_name, &cell, err);
    cf_model_options mo = opt->model;
    mo.kind = CF_MODEL_SPM;
    if (!rc) rc = cf_plan_new(cell, &mo, &plan, err);
    for (int k = 0; k <= 50 && !rc; k++) {
        rc = cf_sim_reset_soc(plan, k / 50.0, err);
        cf_state_summary s;
        if (!rc) rc = cf_sim_state(plan, &s);
        if (!rc) v51[k] = s.voltage_V;
    }
    cf_plan_free(plan);
    cf_cell_free(cell);
    return rc;
}

static double soc_from_ocv(const double *v51, double v)
{
    /* The curve rises with SOC; outside it, its ends. */
    if (v <= v51[0]) return 0.01;
    if (v >= v51[50]) return 0.99;
    for (int k = 0; k < 50; k++)
        if (v <= v51[k + 1]) {
            double f = (v - v51[k]) / (v51[k + 1] - v51[k]);
            return fmin(fmax((k + f) / 50.0, 0.01), 0.99);
        }
    return 0.5;
}

/* The electrode's mean stoichiometry at SOC soc (GITT's abscissa). */
static double electrode_sto(const char *cell_json, int side, double soc, const cf_fit_options *opt)
{
    cf_cell *cell = NULL;
    cf_plan *plan = NULL;
    cf_error e;
    cf_error_clear(&e);
    double sto = NAN;
    cf_model_options mo = opt->model;
    mo.kind = CF_MODEL_SPM;
    if (!cf_cell_parse(cell_json, strlen(cell_json), "fitted", &cell, &e) && !cf_plan_new(cell, &mo, &plan, &e) &&
        !cf_sim_reset_soc(plan, soc, &e)) {
        cf_phase_state ps;
        if (!cf_sim_phase_state(plan, side, 0, &ps)) sto = ps.sto_avg;
    }
    cf_plan_free(plan);
    cf_cell_free(cell);
    return sto;
}

void cf_fit_pulse_result_free(cf_fit_pulse_result *r)
{
    if (!r) return;
    free(r->points);
    free(r->cell_json);
    free(r);
}

static int cmp_point_x(const void *a, const void *b)
{
    const cf_fit_pulse_point *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

int cf_fit_pulses(const char *cell, const cf_fit_data *data, cf_fit_pulse_kind kind, int side,
                  const cf_fit_options *opt_in, cf_fit_pulse_result **out, cf_error *err)
{
    *out = NULL;
    cf_fit_options opt;
    if (opt_in) opt = *opt_in;
    else cf_fit_options_default(&opt);
    if (kind != CF_FIT_PULSES_HPPC && kind != CF_FIT_PULSES_GITT)
        return cf_error_set(err, CF_EINVAL, "fit", "unknown pulse test");
    if (side != 0 && side != 1) return cf_error_set(err, CF_EINVAL, "--electrode", "negative or positive");
    if (!data || data->n < 3) return cf_error_set(err, CF_EINVAL, "data", "too few points");
    const char *sname = side ? "positive" : "negative";
    char path[CF_FIT_PATH_MAX];
    snprintf(path, sizeof path, "%s.%s", sname,
             kind == CF_FIT_PULSES_HPPC ? "exchange_current_coefficient" : "diffusivity_m2_s");
    /* The cell's own value centres the bounds (a factor 100 either way). */
    cf_cell *c0 = NULL;
    int rc = cf_cell_load(cell, &c0, err);
    if (rc) return rc;
    const cf_electrode *el = side ? &c0->pos : &c0->neg;
    if (el->n_phases != 1 || el->planar) {
        cf_cell_free(c0);
        return cf_error_set(err, CF_EINVAL, cell, "pulse fits take one active material per electrode");
    }
    double v0 = kind == CF_FIT_PULSES_HPPC ? el->phase[0].j0_ref : el->phase[0].diffusivity_m2_s;
    cf_cell_free(c0);
    if (!(v0 > 0))
        return cf_error_set(err, CF_EINVAL, path, "the cell's value is not a positive number (a function?): "
                            "fit a cell whose %s is a number", path);
    window *w = malloc(data->n * sizeof *w);
    if (!w) return cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    size_t nw = find_windows(data, 600.0, kind == CF_FIT_PULSES_HPPC ? 60.0 : INFINITY, w, data->n);
    if (nw == 0) {
        free(w);
        return cf_error_set(err, CF_EINVAL, "data", "no %s pulse found: a pulse is a current run after a rest of "
                            "at least 600 s%s", kind == CF_FIT_PULSES_HPPC ? "HPPC" : "GITT",
                            kind == CF_FIT_PULSES_HPPC ? ", at most 60 s long" : "");
    }
    double v51[51];
    rc = ocv_curve(cell, &opt, v51, err);
    cf_fit_pulse_result *res = calloc(1, sizeof *res);
    if (res) res->points = calloc(nw, sizeof *res->points);
    if (!rc && (!res || !res->points)) rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    if (rc) {
        free(w);
        cf_fit_pulse_result_free(res);
        return rc;
    }
    snprintf(res->path, sizeof res->path, "%s", path);
    res->kind = kind;
    double log_sum = 0;
    size_t n_ok = 0;
    for (size_t k = 0; k < nw; k++) {
        cf_fit_pulse_point *p = &res->points[res->n++];
        p->t_start_s = data->t_s[w[k].a];
        p->x = p->value = p->lower = p->upper = p->soc = p->resistance_ohm = NAN;
        cf_fit_data sub = {.n = w[k].b - w[k].a, .t_s = data->t_s + w[k].a, .current_A = data->current_A + w[k].a,
                           .voltage_V = data->voltage_V + w[k].a, .format = data->format};
        /* The measured pulse resistance: relaxed voltage minus the voltage at
         * the end of the first current run, over its current. */
        size_t e = 1;
        while (e + 1 < sub.n && fabs(sub.current_A[e + 1]) > 1e-3 * fabs(sub.current_A[1])) e++;
        if (sub.n > 2 && fabs(sub.current_A[e]) > 0)
            p->resistance_ohm = (sub.voltage_V[0] - sub.voltage_V[e]) / sub.current_A[e];
        double s0 = soc_from_ocv(v51, sub.voltage_V[0]);
        cf_fit_param prm[2] = {
            {.path = path, .lower = v0 / 100, .upper = v0 * 100, .initial = v0, .log_scale = 1},
            {.path = "initial_soc", .lower = fmax(0, s0 - 0.1), .upper = fmin(1, s0 + 0.1), .initial = s0,
             .log_scale = 0},
        };
        cf_fit_result *r = NULL;
        cf_error e2;
        cf_error_clear(&e2);
        int r2 = cf_fit_run(cell, &sub, prm, 2, &opt, &r, &e2);
        if (r2) {
            snprintf(p->note, sizeof p->note, "%.255s", e2.message);
        } else {
            p->value = r->params[0].value;
            p->lower = r->params[0].lower_ci;
            p->upper = r->params[0].upper_ci;
            p->soc = r->params[1].value;
            p->rms_V = r->rms_V;
            p->ok = 1;
            log_sum += log(p->value);
            n_ok++;
            p->x = kind == CF_FIT_PULSES_GITT ? electrode_sto(r->cell_json, side, p->soc, &opt) : p->soc;
            if (r->params[0].at_bound) snprintf(p->note, sizeof p->note, "at a bound");
        }
        res->simulations += r ? r->simulations : 0;
        cf_fit_result_free(r);
    }
    free(w);
    if (n_ok == 0) {
        rc = cf_error_set(err, CF_EINVAL, "fit", "no pulse could be fitted; the first: %s", res->points[0].note);
        cf_fit_pulse_result_free(res);
        return rc;
    }
    /* The fitted cell: HPPC the geometric mean of the levels' exchange
     * currents (a cell file holds one number); GITT the diffusivity as a
     * table of the stoichiometry (linear in log D between the points). */
    json_t *base = NULL;
    char stem[CF_NAME_MAX];
    rc = fit_base_json(cell, &base, stem, sizeof stem, err);
    if (!rc && kind == CF_FIT_PULSES_HPPC) rc = fit_json_set(base, path, exp(log_sum / (double)n_ok), err);
    if (!rc && kind == CF_FIT_PULSES_GITT) {
        cf_fit_pulse_point *pts = malloc(res->n * sizeof *pts);
        json_t *xs = json_array(), *ys = json_array();
        size_t m = 0;
        if (pts && xs && ys) {
            for (size_t k = 0; k < res->n; k++)
                if (res->points[k].ok && isfinite(res->points[k].x)) pts[m++] = res->points[k];
            qsort(pts, m, sizeof *pts, cmp_point_x);
            /* Held at the end values over the rest of 0..1 (a table is
             * interpolated by monotone cubics, which would extrapolate). */
            double last = -1;
            if (m && pts[0].x > 1e-6) {
                json_array_append_new(xs, json_real(0.0));
                json_array_append_new(ys, json_real(pts[0].value));
                last = 0;
            }
            for (size_t k = 0; k < m; k++)
                if (pts[k].x > last + 1e-9 && pts[k].x < 1) {
                    json_array_append_new(xs, json_real(pts[k].x));
                    json_array_append_new(ys, json_real(pts[k].value));
                    last = pts[k].x;
                }
            if (m && last < 1 - 1e-6) {
                json_array_append_new(xs, json_real(1.0));
                json_array_append_new(ys, json_real(pts[m - 1].value));
            }
        }
        free(pts);
        if (!xs || !ys) rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
        else if (json_array_size(xs) < 3) {
            rc = fit_json_set(base, path, exp(log_sum / (double)n_ok), err);
            json_decref(xs);
            json_decref(ys);
        } else {
            json_t *side_obj = json_object_get(base, sname);
            if (!side_obj) {
                side_obj = json_object();
                json_object_set_new(base, sname, side_obj);
            }
            json_object_set_new(side_obj, "diffusivity_m2_s", json_pack("{soso}", "x", xs, "y", ys));
        }
    }
    cf_cell *check = NULL;
    if (!rc) rc = fit_cell_from_json(base, stem, &check, err);
    cf_cell_free(check);
    if (!rc) {
        res->cell_json = cf_json_dumps(base, JSON_INDENT(2) | JSON_REAL_PRECISION(10) | JSON_PRESERVE_ORDER);
        if (!res->cell_json) rc = cf_error_set(err, CF_ENOMEM, "fit", "out of memory");
    }
    json_decref(base);
    if (rc) {
        cf_fit_pulse_result_free(res);
        return rc;
    }
    *out = res;
    return CF_OK;
}

char *cf_fit_pulse_result_json(const cf_fit_pulse_result *r)
{
    json_t *root = json_object(), *arr = json_array();
    if (!root || !arr) {
        json_decref(root);
        json_decref(arr);
        return NULL;
    }
    json_object_set_new(root, "parameter", json_string(r->path));
    json_object_set_new(root, "abscissa", json_string(r->kind == CF_FIT_PULSES_GITT ? "stoichiometry" : "soc"));
    for (size_t k = 0; k < r->n; k++) {
        const cf_fit_pulse_point *p = &r->points[k];
        json_t *o = json_object();
        json_object_set_new(o, "t_start_s", json_real(p->t_start_s));
        json_object_set_new(o, "fitted", json_boolean(p->ok));
        if (p->ok) {
            json_object_set_new(o, "soc", json_real(p->soc));
            if (isfinite(p->x)) json_object_set_new(o, "x", json_real(p->x));
            json_object_set_new(o, "value", json_real(p->value));
            if (isfinite(p->lower) && isfinite(p->upper)) {
                json_object_set_new(o, "lower", json_real(p->lower));
                json_object_set_new(o, "upper", json_real(p->upper));
            }
            json_object_set_new(o, "rms_V", json_real(p->rms_V));
        }
        if (isfinite(p->resistance_ohm)) json_object_set_new(o, "pulse_resistance_ohm", json_real(p->resistance_ohm));
        if (p->note[0]) json_object_set_new(o, "note", json_string(p->note));
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "pulses", arr);
    json_object_set_new(root, "simulations", json_integer(r->simulations));
    char *s = cf_json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(root);
    return s;
}
