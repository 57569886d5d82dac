/* charact.c — characterisation from Python, as `cellforge xrd|psd|bet|dta|
 * chn|shape` computes it: the library's readers and analyses with the CLI's
 * options and ranges (cf_charact.h), the result as a dict whose keys are the
 * CLI's --json keys (value, and `<key>_u` its 1-sigma uncertainty or None),
 * plus the data as read, for tables and plots.
 *
 * Reading and analysing run without the GIL (the library is reentrant), so
 * threads may analyse files side by side; bad input raises the library's
 * error (file:line:column and the allowed range) as an exception. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_charact.h"

/* ------------------------------------------------------------ helpers */

static int put(PyObject *d, const char *key, PyObject *v)
{
    if (!v) return -1;
    int rc = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rc;
}

/* The CLI's cx_json_num: a non-finite value is None. */
static int put_num(PyObject *d, const char *key, double v)
{
    if (!isfinite(v)) return PyDict_SetItemString(d, key, Py_None);
    return put(d, key, PyFloat_FromDouble(v));
}

/* The CLI's cx_json_vu: key, and key_u when u > 0 (else None). */
static int put_vu(PyObject *d, const char *key, double v, double u)
{
    char k[96];
    PyOS_snprintf(k, sizeof k, "%s_u", key);
    if (put_num(d, key, v) < 0) return -1;
    if (u > 0.0 && isfinite(u)) return put(d, k, PyFloat_FromDouble(u));
    return PyDict_SetItemString(d, k, Py_None);
}

static int put_str(PyObject *d, const char *key, const char *s)
{
    return put(d, key, PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace"));
}

static int put_int(PyObject *d, const char *key, long long v) { return put(d, key, PyLong_FromLongLong(v)); }

static int put_bool(PyObject *d, const char *key, int v) { return PyDict_SetItemString(d, key, v ? Py_True : Py_False); }

/* A list of n doubles (non-finite kept: these are data as read). */
static PyObject *list_of(const double *v, size_t n)
{
    PyObject *l = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; l && i < n; i++) {
        PyObject *x = PyFloat_FromDouble(v[i]);
        if (!x) {
            Py_CLEAR(l);
            break;
        }
        PyList_SetItem(l, (Py_ssize_t)i, x); /* steals x */
    }
    return l;
}

/* An optional number: None keeps *out (the library's default). */
static int opt_double(PyObject *m, PyObject *obj, const char *name, double lo, double hi, double *out)
{
    if (!obj || obj == Py_None) return 0;
    return cfpy_double(m, obj, name, lo, hi, out);
}

static int opt_long(PyObject *m, PyObject *obj, const char *name, long lo, long hi, long *out)
{
    if (!obj || obj == Py_None) return 0;
    return cfpy_int(m, obj, name, lo, hi, out);
}

/* (lo, hi) within [min, max] with lo < hi, as the CLI's LO:HI. */
static int opt_range(PyObject *m, PyObject *obj, const char *name, double min, double max, double *a, double *b)
{
    if (!obj || obj == Py_None) return 0;
    if (PyUnicode_Check(obj) || !PySequence_Check(obj) || PySequence_Size(obj) != 2) {
        if (!PyErr_Occurred()) cfpy_type_error(name, "a (low, high) pair of numbers", obj);
        return -1;
    }
    double v[2];
    for (Py_ssize_t i = 0; i < 2; i++) {
        PyObject *x = PySequence_GetItem(obj, i);
        if (!x) return -1;
        int rc = cfpy_double(m, x, name, min, max, &v[i]);
        Py_DECREF(x);
        if (rc) return -1;
    }
    if (!(v[0] < v[1])) {
        cfpy_invalid(m, name, "low (%g) must be below high (%g)", v[0], v[1]);
        return -1;
    }
    *a = v[0];
    *b = v[1];
    return 0;
}

/* One of `names` (NULL-terminated); *out its index.  None keeps *out. */
static int opt_choice(PyObject *m, PyObject *obj, const char *name, const char *const *names, int *out)
{
    if (!obj || obj == Py_None) return 0;
    if (!PyUnicode_Check(obj)) {
        cfpy_type_error(name, "a str", obj);
        return -1;
    }
    const char *s = PyUnicode_AsUTF8AndSize(obj, NULL);
    if (!s) return -1;
    char allowed[160] = "";
    for (int i = 0; names[i]; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 0;
        }
        size_t used = strlen(allowed);
        PyOS_snprintf(allowed + used, sizeof allowed - used, "%s%s", i ? ", " : "", names[i]);
    }
    cfpy_invalid(m, name, "'%.60s' is not one of %s", s, allowed);
    return -1;
}

static int opt_bool(PyObject *obj, const char *name, int *out)
{
    if (!obj || obj == Py_None) return 0;
    if (!PyBool_Check(obj)) {
        cfpy_type_error(name, "a bool", obj);
        return -1;
    }
    *out = obj == Py_True;
    return 0;
}

/* into=(recipe, component): both paths as malloc'ed strings. */
typedef struct {
    char *recipe, *component;
} into_arg;

static int opt_into(PyObject *obj, into_arg *in)
{
    in->recipe = in->component = NULL;
    if (!obj || obj == Py_None) return 0;
    if (PyUnicode_Check(obj) || !PySequence_Check(obj) || PySequence_Size(obj) != 2) {
        if (!PyErr_Occurred())
            cfpy_type_error("into", "a (recipe file, component) pair, e.g. ('recipe.json', 'negative')", obj);
        return -1;
    }
    PyObject *r = PySequence_GetItem(obj, 0), *c = r ? PySequence_GetItem(obj, 1) : NULL;
    int rc = (!r || !c || cfpy_path(r, "into[0] (the recipe)", &in->recipe) ||
              cfpy_string(c, "into[1] (the component)", 0, &in->component)) ? -1 : 0;
    Py_XDECREF(r);
    Py_XDECREF(c);
    if (rc) {
        free(in->recipe);
        in->recipe = NULL;
    }
    return rc;
}

static void into_free(into_arg *in)
{
    free(in->recipe);
    free(in->component);
}

/* Writes the fields into the recipe (when asked) and records it under
 * "into" as the CLI's --json does; -1 with the exception set. */
static int do_into(PyObject *m, const into_arg *in, const cf_charact_field *f, size_t n, PyObject *out)
{
    if (!in->recipe) return PyDict_SetItemString(out, "into", Py_None);
    char resolved[192];
    cf_error err;
    cf_error_clear(&err);
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_charact_into_recipe(in->recipe, in->component, f, n, resolved, sizeof resolved, &err);
    Py_END_ALLOW_THREADS
    if (rc != CF_OK) {
        cfpy_raise(m, &err);
        return -1;
    }
    PyObject *d = PyDict_New(), *keys = PyList_New(0);
    int bad = !d || !keys || put_str(d, "recipe", in->recipe) < 0 || put_str(d, "component", resolved) < 0;
    for (size_t i = 0; !bad && i < n; i++) {
        PyObject *k = PyUnicode_FromString(f[i].key);
        bad = !k || PyList_Append(keys, k) < 0;
        Py_XDECREF(k);
    }
    if (!bad) bad = PyDict_SetItemString(d, "keys", keys) < 0 || PyDict_SetItemString(out, "into", d) < 0;
    Py_XDECREF(keys);
    Py_XDECREF(d);
    return bad ? -1 : 0;
}

/* The file name as given, for "file" in the result and messages. */
static int path_and_name(PyObject *obj, const char *name, char **path) { return cfpy_path(obj, name, path); }

/* ---------------------------------------------------------------- XRD */

static PyObject *py_xrd(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"file", "window", "bg_order", "strip_ka2", "ka2_ratio", "lambda_nm", "K",
                             "instr_fwhm", "instr_fwhm_u", "standard", "standard_range", "broadening",
                             "zero_shift", "into", NULL};
    PyObject *file_o, *window = NULL, *bg = NULL, *strip = NULL, *ratio = NULL, *lambda = NULL, *k = NULL,
                      *fwhm = NULL, *fwhm_u = NULL, *std_o = NULL, *std_range = NULL, *broad = NULL, *zero = NULL,
                      *into_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$OOOOOOOOOOOOO:xrd", kwlist, &file_o, &window, &bg, &strip, &ratio,
                                     &lambda, &k, &fwhm, &fwhm_u, &std_o, &std_range, &broad, &zero, &into_o))
        return NULL;
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    long order = o.background_order;
    int broadening = (int)o.broadening;
    double std_lo = 0.0, std_hi = 0.0;
    static const char *const BROAD[] = {"gaussian", "lorentzian", NULL};
    if (opt_range(m, window, "window", CF_XRD_ANGLE_MIN_DEG, CF_XRD_ANGLE_MAX_DEG, &o.window_min_deg,
                  &o.window_max_deg) ||
        opt_long(m, bg, "bg_order", 0, CF_XRD_BG_ORDER_MAX, &order) || opt_bool(strip, "strip_ka2", &o.strip_ka2) ||
        opt_double(m, ratio, "ka2_ratio", 0.0, 1.0, &o.ka2_ratio) ||
        opt_double(m, lambda, "lambda_nm", CF_XRD_LAMBDA_MIN_NM, CF_XRD_LAMBDA_MAX_NM, &o.lambda_nm) ||
        opt_double(m, k, "K", CF_XRD_K_MIN, CF_XRD_K_MAX, &o.scherrer_k) ||
        opt_double(m, fwhm, "instr_fwhm", 0.0, CF_XRD_FWHM_MAX_DEG, &o.instrument_fwhm_deg) ||
        opt_double(m, fwhm_u, "instr_fwhm_u", 0.0, CF_XRD_FWHM_MAX_DEG, &o.instrument_fwhm_u_deg) ||
        opt_range(m, std_range, "standard_range", CF_XRD_ANGLE_MIN_DEG, CF_XRD_ANGLE_MAX_DEG, &std_lo, &std_hi) ||
        opt_choice(m, broad, "broadening", BROAD, &broadening) ||
        opt_double(m, zero, "zero_shift", -CF_XRD_ZERO_SHIFT_MAX_DEG, CF_XRD_ZERO_SHIFT_MAX_DEG, &o.zero_shift_deg))
        return NULL;
    o.background_order = (int)order;
    o.broadening = (cf_xrd_broadening)broadening;
    int has_std = std_o && std_o != Py_None;
    if (has_std && o.instrument_fwhm_deg > 0.0)
        return cfpy_invalid(m, "standard", "give either instr_fwhm or standard, not both");
    if (!has_std && std_range && std_range != Py_None)
        return cfpy_invalid(m, "standard_range", "needs standard (the standard's pattern file)");
    char *file = NULL, *std_file = NULL;
    into_arg in = {0};
    if (path_and_name(file_o, "file", &file) || (has_std && path_and_name(std_o, "standard", &std_file)) ||
        opt_into(into_o, &in)) {
        free(file);
        free(std_file);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_xrd_pattern p = {0};
    cf_xrd_result r;
    double std_eta = 0.0;
    int rc = CF_OK;
    Py_BEGIN_ALLOW_THREADS
    if (std_file) {
        cf_xrd_pattern sp;
        rc = cf_xrd_pattern_read(std_file, &sp, &err);
        if (rc == CF_OK) {
            cf_xrd_standard st;
            rc = cf_xrd_standard_fit(&sp, std_lo, std_hi, o.strip_ka2, o.ka2_ratio, &st, &err);
            cf_xrd_pattern_free(&sp);
            if (rc != CF_OK) {
                cf_error_prefix_where(&err, std_file);
            } else {
                o.instrument_fwhm_deg = st.fwhm_deg;
                o.instrument_fwhm_u_deg = st.fwhm_u_deg;
                std_eta = st.eta;
            }
        }
    }
    if (rc == CF_OK) rc = cf_xrd_pattern_read(file, &p, &err);
    if (rc == CF_OK) {
        rc = cf_xrd_analyze(&p, &o, &r, &err);
        if (rc != CF_OK) cf_error_prefix_where(&err, file);
    }
    Py_END_ALLOW_THREADS
    PyObject *d = rc == CF_OK ? PyDict_New() : NULL;
    if (rc != CF_OK) cfpy_raise(m, &err);
    int bad = !d;
    if (!bad) {
        bad = put_str(d, "command", "xrd") < 0 || put_str(d, "file", file) < 0 ||
              put_vu(d, "d002_nm", r.d002_nm, r.d002_u_nm) < 0 || put_vu(d, "lc_nm", r.lc_nm, r.lc_u_nm) < 0 ||
              put_vu(d, "two_theta_deg", r.two_theta_deg, r.two_theta_u_deg) < 0 ||
              put_vu(d, "fwhm_deg", r.fwhm_deg, r.fwhm_u_deg) < 0 ||
              put_vu(d, "beta_deg", r.beta_deg, r.beta_u_deg) < 0 ||
              put_vu(d, "instrument_fwhm_deg", o.instrument_fwhm_deg, o.instrument_fwhm_u_deg) < 0 ||
              put_str(d, "instrument_source", std_file ? std_file : o.instrument_fwhm_deg > 0 ? "given" : "none") < 0 ||
              (std_file ? put_num(d, "standard_eta", std_eta) : PyDict_SetItemString(d, "standard_eta", Py_None)) < 0 ||
              put_str(d, "broadening_correction",
                      o.broadening == CF_XRD_BROADENING_LORENTZIAN ? "lorentzian" : "gaussian") < 0 ||
              put_vu(d, "eta", r.eta, r.eta_u) < 0 || put_vu(d, "height", r.height, r.height_u) < 0 ||
              put_num(d, "lambda_nm", r.lambda_nm) < 0 || put_num(d, "scherrer_k", r.scherrer_k) < 0 ||
              put_bool(d, "ka2_stripped", r.ka2_stripped) < 0 ||
              put(d, "window_deg", Py_BuildValue("(dd)", r.window_min_deg, r.window_max_deg)) < 0 ||
              put_int(d, "background_order", r.background_order) < 0 ||
              put_int(d, "n_points", (long long)r.n_points) < 0 || put_num(d, "r2", r.r2) < 0 ||
              put_num(d, "residual_sd", r.noise) < 0 || put_int(d, "iterations", r.iterations) < 0 ||
              put(d, "background", list_of(r.background, (size_t)r.background_order + 1)) < 0 ||
              put(d, "pattern_two_theta_deg", list_of(p.two_theta_deg, p.n)) < 0 ||
              put(d, "pattern_intensity", list_of(p.intensity, p.n)) < 0;
        cf_charact_field f[] = {{"d002_nm", r.d002_nm}, {"lc_nm", r.lc_nm}};
        if (!bad) bad = do_into(m, &in, f, 2, d) < 0;
    }
    cf_xrd_pattern_free(&p);
    free(file);
    free(std_file);
    into_free(&in);
    if (bad) Py_CLEAR(d);
    return d;
}

/* ---------------------------------------------------------------- PSD */

static PyObject *py_psd(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"file", "basis", "sizes", "bet", "bet_u", "bootstrap", "seed", "into", NULL};
    PyObject *file_o, *basis_o = NULL, *sizes_o = NULL, *bet = NULL, *bet_u = NULL, *boot = NULL, *seed = NULL,
                      *into_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$OOOOOOO:psd", kwlist, &file_o, &basis_o, &sizes_o, &bet, &bet_u,
                                     &boot, &seed, &into_o))
        return NULL;
    static const char *const BASIS[] = {"volume", "number", NULL};
    static const char *const SIZES[] = {"center", "upper", "lower", "centre", NULL};
    int basis = CF_PSD_VOLUME, sizes = CF_PSD_SIZE_CENTER;
    cf_psd_options o;
    cf_psd_options_default(&o);
    long nboot = (long)o.bootstrap, nseed = 0;
    int seed_given = seed && seed != Py_None;
    if (opt_choice(m, basis_o, "basis", BASIS, &basis) || opt_choice(m, sizes_o, "sizes", SIZES, &sizes) ||
        opt_double(m, bet, "bet", CF_PSD_BET_MIN_M2_G, CF_PSD_BET_MAX_M2_G, &o.bet_m2_g) ||
        opt_double(m, bet_u, "bet_u", 0.0, CF_PSD_BET_MAX_M2_G, &o.bet_u_m2_g) ||
        opt_long(m, boot, "bootstrap", 0, CF_PSD_BOOTSTRAP_MAX, &nboot) ||
        opt_long(m, seed, "seed", 0, CF_PSD_SEED_MAX, &nseed))
        return NULL;
    if (sizes == 3) sizes = CF_PSD_SIZE_CENTER; /* "centre" */
    o.bootstrap = (unsigned)nboot;
    if (seed_given) o.seed = (unsigned long long)nseed;
    if (o.bet_u_m2_g > 0.0 && !(o.bet_m2_g > 0.0)) return cfpy_invalid(m, "bet_u", "needs bet");
    char *file = NULL;
    into_arg in = {0};
    if (path_and_name(file_o, "file", &file) || opt_into(into_o, &in)) {
        free(file);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_psd_dist dist = {0};
    cf_psd_result r;
    double *frac = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_psd_read(file, (cf_psd_basis)basis, (cf_psd_size_is)sizes, &dist, &err);
    if (rc == CF_OK && dist.is_list && basis_o && basis_o != Py_None && basis == CF_PSD_VOLUME)
        rc = cf_error_set(&err, CF_EINVAL, file,
                          "one column, a list of particle diameters (number basis): basis='volume' does not apply");
    if (rc == CF_OK) {
        rc = cf_psd_analyze(&dist, &o, &r, &err);
        if (rc != CF_OK) cf_error_prefix_where(&err, file);
    }
    if (rc == CF_OK && !dist.is_list) { /* the CLI's --table: number and volume fractions per class */
        frac = malloc(2 * dist.n * sizeof *frac);
        rc = frac ? cf_psd_convert(&dist, frac, frac + dist.n, &err)
                  : cf_error_set(&err, CF_ENOMEM, file, "out of memory");
    }
    Py_END_ALLOW_THREADS
    PyObject *d = rc == CF_OK ? PyDict_New() : NULL;
    if (rc != CF_OK) cfpy_raise(m, &err);
    int bad = !d;
    int have_bet = o.bet_m2_g > 0.0;
    if (!bad) {
        bad = put_str(d, "command", "psd") < 0 || put_str(d, "file", file) < 0 ||
              put_str(d, "kind", r.is_list ? "particle_list" : "classes") < 0 ||
              put_str(d, "basis", r.basis == CF_PSD_NUMBER ? "number" : "volume") < 0 ||
              put_int(d, "n", (long long)r.n) < 0 || put_vu(d, "dv10_um", r.dv10_um, r.dv10_u_um) < 0 ||
              put_vu(d, "dv50_um", r.dv50_um, r.dv50_u_um) < 0 || put_vu(d, "dv90_um", r.dv90_um, r.dv90_u_um) < 0 ||
              put_num(d, "dn10_um", r.dn10_um) < 0 || put_num(d, "dn50_um", r.dn50_um) < 0 ||
              put_num(d, "dn90_um", r.dn90_um) < 0 || put_vu(d, "d10_um", r.d10_um, r.d10_u_um) < 0 ||
              put_vu(d, "d32_um", r.d32_um, r.d32_u_um) < 0 || put_vu(d, "d43_um", r.d43_um, r.d43_u_um) < 0 ||
              put_vu(d, "d4_d1", r.d4_d1, r.d4_d1_u) < 0 || put_num(d, "span", r.span) < 0 ||
              (have_bet ? put_vu(d, "s_dv50", r.s_dv50, r.s_dv50_u) : 0) < 0 ||
              put_str(d, "uncertainty", r.uncertainty_kind ? "bootstrap" : "class_width") < 0 ||
              (!r.is_list ? put_num(d, "amount_sum", r.amount_sum) : 0) < 0;
        if (!bad && frac) {
            PyObject *t = PyDict_New();
            bad = !t || put(t, "lower_um", list_of(dist.lower_um, dist.n)) < 0 ||
                  put(t, "upper_um", list_of(dist.upper_um, dist.n)) < 0 ||
                  put(t, "size_um", list_of(dist.mid_um, dist.n)) < 0;
            for (size_t i = 0; !bad && i < 2 * dist.n; i++) frac[i] *= 100.0;
            if (!bad)
                bad = put(t, "number_pct", list_of(frac, dist.n)) < 0 ||
                      put(t, "volume_pct", list_of(frac + dist.n, dist.n)) < 0;
            if (!bad) bad = PyDict_SetItemString(d, "table", t) < 0;
            Py_XDECREF(t);
        } else if (!bad) {
            bad = put(d, "diameters_um", list_of(dist.mid_um, dist.n)) < 0;
        }
        cf_charact_field f[] = {{"dv50_um", r.dv50_um}, {"d4_d1", r.d4_d1}, {"bet_m2_g", o.bet_m2_g}};
        if (!bad) bad = do_into(m, &in, f, have_bet ? 3 : 2, d) < 0;
    }
    free(frac);
    cf_psd_free(&dist);
    free(file);
    into_free(&in);
    if (bad) Py_CLEAR(d);
    return d;
}

/* ---------------------------------------------------------------- BET */

static PyObject *py_bet(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"file", "range", "min_points", "min_r2", "cross_section", "into", NULL};
    PyObject *file_o, *range = NULL, *minp = NULL, *minr2 = NULL, *cross = NULL, *into_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$OOOOO:bet", kwlist, &file_o, &range, &minp, &minr2, &cross,
                                     &into_o))
        return NULL;
    cf_bet_options o;
    cf_bet_options_default(&o);
    long npts = (long)o.min_points;
    if (opt_range(m, range, "range", CF_BET_P_MIN, CF_BET_P_MAX, &o.p_min, &o.p_max) ||
        opt_long(m, minp, "min_points", CF_BET_MIN_POINTS_MIN, CF_BET_MIN_POINTS_MAX, &npts) ||
        opt_double(m, minr2, "min_r2", 0.0, 1.0, &o.min_r2) ||
        opt_double(m, cross, "cross_section", CF_BET_CROSS_SECTION_MIN_NM2, CF_BET_CROSS_SECTION_MAX_NM2,
                   &o.cross_section_nm2))
        return NULL;
    o.min_points = (size_t)npts;
    char *file = NULL;
    into_arg in = {0};
    if (path_and_name(file_o, "file", &file) || opt_into(into_o, &in)) {
        free(file);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_bet_isotherm iso = {0};
    cf_bet_result r;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_bet_read(file, &iso, &err);
    if (rc == CF_OK) {
        rc = cf_bet_analyze(&iso, &o, &r, &err);
        if (rc != CF_OK) cf_error_prefix_where(&err, file);
    }
    Py_END_ALLOW_THREADS
    PyObject *d = rc == CF_OK ? PyDict_New() : NULL;
    if (rc != CF_OK) cfpy_raise(m, &err);
    int bad = !d;
    if (!bad) {
        bad = put_str(d, "command", "bet") < 0 || put_str(d, "file", file) < 0 ||
              put_vu(d, "bet_m2_g", r.area_m2_g, r.area_u_m2_g) < 0 ||
              put_vu(d, "vm_cm3_g", r.vm_cm3_g, r.vm_u_cm3_g) < 0 || put_vu(d, "c", r.c, r.c_u) < 0 ||
              put_num(d, "r2", r.r2) < 0 || put(d, "range_p_rel", Py_BuildValue("(dd)", r.p_lo, r.p_hi)) < 0 ||
              put_int(d, "n_points", (long long)r.count) < 0 ||
              put_str(d, "range_choice", r.automatic ? "rouquerol" : "fixed") < 0 ||
              put_int(d, "n_candidate_ranges", (long long)r.n_candidates) < 0 ||
              put_num(d, "p_rel_monolayer", r.p_monolayer) < 0 || put_num(d, "p_rel_at_vm", r.p_at_vm) < 0 ||
              put_num(d, "cross_section_nm2", o.cross_section_nm2) < 0 ||
              put_int(d, "n_adsorption_points", (long long)iso.n) < 0 ||
              put_int(d, "n_desorption_ignored", (long long)iso.n_desorption_ignored) < 0 ||
              put_int(d, "first", (long long)r.first) < 0 || put(d, "p_rel", list_of(iso.p_rel, iso.n)) < 0 ||
              put(d, "v_cm3_g", list_of(iso.v_cm3_g, iso.n)) < 0;
        cf_charact_field f[] = {{"bet_m2_g", r.area_m2_g}};
        if (!bad) bad = do_into(m, &in, f, 1, d) < 0;
    }
    cf_bet_free(&iso);
    free(file);
    into_free(&in);
    if (bad) Py_CLEAR(d);
    return d;
}

/* ---------------------------------------------------------------- DTA */

static PyObject *py_dta(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"file", "exo_down", "range", "cols", "smooth", "min_fraction", "into", NULL};
    PyObject *file_o, *exo = NULL, *range = NULL, *cols = NULL, *smooth = NULL, *minf = NULL, *into_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$OOOOOO:dta", kwlist, &file_o, &exo, &range, &cols, &smooth, &minf,
                                     &into_o))
        return NULL;
    cf_dta_options o;
    cf_dta_options_default(&o);
    size_t tc = 0, sc = 0;
    if (opt_bool(exo, "exo_down", &o.exo_down) ||
        opt_range(m, range, "range", CF_DTA_T_MIN_C, CF_DTA_T_MAX_C, &o.t_min_c, &o.t_max_c) ||
        opt_double(m, smooth, "smooth", 0.0, CF_DTA_SMOOTH_MAX_C, &o.smooth_c) ||
        opt_double(m, minf, "min_fraction", 0.0, CF_DTA_MIN_FRACTION_MAX, &o.min_fraction))
        return NULL;
    if (cols && cols != Py_None) { /* (T, S), 1-based as the CLI's --cols T,S */
        if (PyUnicode_Check(cols) || !PySequence_Check(cols) || PySequence_Size(cols) != 2) {
            if (!PyErr_Occurred()) cfpy_type_error("cols", "a (temperature, signal) pair of column numbers", cols);
            return NULL;
        }
        long c[2];
        for (Py_ssize_t i = 0; i < 2; i++) {
            PyObject *x = PySequence_GetItem(cols, i);
            int bad = !x || cfpy_int(m, x, "cols", 1, CF_DTA_COLUMNS_MAX, &c[i]);
            Py_XDECREF(x);
            if (bad) return NULL;
        }
        if (c[0] == c[1]) return cfpy_invalid(m, "cols", "temperature and signal need two different columns");
        tc = (size_t)c[0] - 1;
        sc = (size_t)c[1] - 1;
    }
    char *file = NULL;
    into_arg in = {0};
    if (path_and_name(file_o, "file", &file) || opt_into(into_o, &in)) {
        free(file);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_dta_curve cv = {0};
    cf_dta_result r;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_dta_read(file, tc, sc, &cv, &err);
    if (rc == CF_OK) {
        rc = cf_dta_analyze(&cv, &o, &r, &err);
        if (rc != CF_OK) cf_error_prefix_where(&err, file);
    }
    Py_END_ALLOW_THREADS
    PyObject *d = rc == CF_OK ? PyDict_New() : NULL;
    if (rc != CF_OK) cfpy_raise(m, &err);
    int bad = !d;
    if (!bad) {
        const cf_dta_peak *mp = &r.peaks[r.main];
        PyObject *peaks = PyList_New(0);
        bad = !peaks;
        for (size_t i = 0; !bad && i < r.n_peaks; i++) {
            PyObject *p = PyDict_New();
            bad = !p || put_vu(p, "peak_C", r.peaks[i].t_c, r.peaks[i].t_u_c) < 0 ||
                  put_num(p, "onset_C", r.peaks[i].onset_c) < 0 || put_num(p, "height", r.peaks[i].height) < 0 ||
                  put_num(p, "area", r.peaks[i].area) < 0 || put_bool(p, "main", i == r.main) < 0 ||
                  PyList_Append(peaks, p) < 0;
            Py_XDECREF(p);
        }
        if (!bad)
            bad = put_str(d, "command", "dta") < 0 || put_str(d, "file", file) < 0 ||
                  put_vu(d, "exotherm_peak_C", mp->t_c, mp->t_u_c) < 0 || PyDict_SetItemString(d, "peaks", peaks) < 0 ||
                  put_bool(d, "exo_down", o.exo_down) < 0 || put_num(d, "noise", r.noise) < 0 ||
                  put_num(d, "smooth_C", r.smooth_c) < 0 || put_int(d, "n_points", (long long)cv.n) < 0 ||
                  put(d, "baseline", Py_BuildValue("(dd)", r.baseline[0], r.baseline[1])) < 0 ||
                  put(d, "t_C", list_of(cv.t_c, cv.n)) < 0 || put(d, "signal", list_of(cv.signal, cv.n)) < 0;
        Py_XDECREF(peaks);
        cf_charact_field f[] = {{"exotherm_peak_C", mp->t_c}};
        if (!bad) bad = do_into(m, &in, f, 1, d) < 0;
    }
    cf_dta_free(&cv);
    free(file);
    into_free(&in);
    if (bad) Py_CLEAR(d);
    return d;
}

/* ---------------------------------------------------------------- CHN */

/* A mass percentage: one number, or replicates (a sequence of numbers)
 * whose mean and standard error the library computes; *nrep their count. */
static int chn_value(PyObject *m, PyObject *obj, const char *name, double *mean, double *u, int *nrep)
{
    double v[CF_CHN_MAX_REPLICATES];
    size_t n = 0;
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || !PySequence_Check(obj)) {
        if (cfpy_double(m, obj, name, 0.0, CF_CHN_PCT_MAX, &v[0])) return -1;
        n = 1;
    } else {
        Py_ssize_t len = PySequence_Size(obj);
        if (len < 0) return -1;
        if (len == 0 || len > CF_CHN_MAX_REPLICATES) {
            cfpy_invalid(m, name, "give 1 to %d replicate values (got %zd)", CF_CHN_MAX_REPLICATES, len);
            return -1;
        }
        for (Py_ssize_t i = 0; i < len; i++) {
            PyObject *x = PySequence_GetItem(obj, i);
            int bad = !x || cfpy_double(m, x, name, 0.0, CF_CHN_PCT_MAX, &v[n]);
            Py_XDECREF(x);
            if (bad) return -1;
            n++;
        }
    }
    cf_error err;
    cf_error_clear(&err);
    if (cf_chn_replicates(v, n, mean, u, &err) != CF_OK) {
        cfpy_raise(m, &err);
        return -1;
    }
    *nrep = (int)n;
    return 0;
}

static PyObject *py_chn(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"C", "H", "N", "uC", "uH", "uN", "into", NULL};
    PyObject *c_o, *h_o, *n_o = NULL, *uc_o = NULL, *uh_o = NULL, *un_o = NULL, *into_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|$OOOOO:chn", kwlist, &c_o, &h_o, &n_o, &uc_o, &uh_o, &un_o,
                                     &into_o))
        return NULL;
    cf_chn_input in = {0.0, 0.0, 0.0, 0.0, -1.0, 0.0};
    int nc = 0, nh = 0, nn = 0;
    double uc = -1, uh = -1, un = -1;
    if (chn_value(m, c_o, "C", &in.c_wt, &in.c_u, &nc) || chn_value(m, h_o, "H", &in.h_wt, &in.h_u, &nh) ||
        (n_o && n_o != Py_None && chn_value(m, n_o, "N", &in.n_wt, &in.n_u, &nn)) ||
        opt_double(m, uc_o, "uC", 0.0, CF_CHN_PCT_MAX, &uc) || opt_double(m, uh_o, "uH", 0.0, CF_CHN_PCT_MAX, &uh) ||
        opt_double(m, un_o, "uN", 0.0, CF_CHN_PCT_MAX, &un))
        return NULL;
    if (un >= 0.0 && in.n_wt < 0.0) return cfpy_invalid(m, "uN", "needs N");
    if (uc >= 0.0) in.c_u = uc;
    if (uh >= 0.0) in.h_u = uh;
    if (un >= 0.0) in.n_u = un;
    into_arg ia = {0};
    if (opt_into(into_o, &ia)) return NULL;
    cf_error err;
    cf_error_clear(&err);
    cf_chn_result r;
    if (cf_chn_compute(&in, &r, &err) != CF_OK) {
        into_free(&ia);
        return cfpy_raise(m, &err);
    }
    PyObject *d = PyDict_New();
    int bad = !d || put_str(d, "command", "chn") < 0 || put_vu(d, "c_wt_pct", in.c_wt, in.c_u) < 0 ||
              put_vu(d, "h_wt_pct", in.h_wt, in.h_u) < 0 || put_vu(d, "h_c_atomic", r.h_c_atomic, r.h_c_u) < 0;
    if (!bad && r.has_n)
        bad = put_vu(d, "n_wt_pct", r.n_wt_pct, r.n_u) < 0 || put_vu(d, "n_c_atomic", r.n_c_atomic, r.n_c_u) < 0;
    else if (!bad)
        bad = PyDict_SetItemString(d, "n_wt_pct", Py_None) < 0;
    if (!bad)
        bad = put_num(d, "rest_wt_pct", r.rest_wt_pct) < 0 ||
              put(d, "replicates", Py_BuildValue("{s:i,s:i,s:i}", "C", nc, "H", nh, "N", nn)) < 0;
    cf_charact_field f[] = {{"h_c_atomic", r.h_c_atomic}, {"n_wt_pct", r.n_wt_pct}};
    if (!bad) bad = do_into(m, &ia, f, r.has_n ? 2 : 1, d) < 0;
    into_free(&ia);
    if (bad) Py_CLEAR(d);
    return d;
}

/* -------------------------------------------------------------- shape */

static PyObject *py_shape(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"file", "axes", "definition", "threshold", "into", NULL};
    PyObject *file_o, *axes_o = NULL, *def_o = NULL, *thr_o = NULL, *into_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$OOOO:shape", kwlist, &file_o, &axes_o, &def_o, &thr_o, &into_o))
        return NULL;
    static const char *const DEFS[] = {"default", "circularity", "wadell", "aspect", NULL};
    int axes = 0, def = CF_SHAPE_DEF_DEFAULT;
    double threshold = 0.8;
    if (opt_bool(axes_o, "axes", &axes) || opt_choice(m, def_o, "definition", DEFS, &def) ||
        opt_double(m, thr_o, "threshold", 0.0, 1.0, &threshold))
        return NULL;
    if (def == CF_SHAPE_DEF_ASPECT && !axes)
        return cfpy_invalid(m, "definition", "'aspect' needs axes=True (major, minor columns)");
    char *file = NULL;
    into_arg in = {0};
    if (path_and_name(file_o, "file", &file) || opt_into(into_o, &in)) {
        free(file);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_shape_data sd = {0};
    cf_shape_result r;
    double *values = NULL;
    size_t above = 0;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cf_shape_read(file, axes ? CF_SHAPE_AXES : CF_SHAPE_AREA_PERIMETER, &sd, &err);
    if (rc == CF_OK) rc = cf_shape_analyze(&sd, (cf_shape_definition)def, threshold, &r, &err);
    if (rc == CF_OK) {
        values = malloc(sd.n * sizeof *values);
        rc = values ? cf_shape_values(&sd, r.definition, values, &above, &err)
                    : cf_error_set(&err, CF_ENOMEM, file, "out of memory");
    }
    if (rc != CF_OK && sd.n) cf_error_prefix_where(&err, file);
    Py_END_ALLOW_THREADS
    PyObject *d = rc == CF_OK ? PyDict_New() : NULL;
    if (rc != CF_OK) cfpy_raise(m, &err);
    int bad = !d;
    if (!bad) {
        PyObject *h = PyList_New(CF_SHAPE_HIST_BINS);
        for (int i = 0; h && i < CF_SHAPE_HIST_BINS; i++) {
            PyObject *x = PyLong_FromSize_t(r.hist[i]);
            if (!x) {
                Py_CLEAR(h);
                break;
            }
            PyList_SetItem(h, i, x);
        }
        bad = put_str(d, "command", "shape") < 0 || put_str(d, "file", file) < 0 ||
              put_str(d, "definition", cf_shape_definition_name(r.definition)) < 0 ||
              put_vu(d, "sphericity", r.mean, r.mean_u) < 0 || put_num(d, "sd", r.sd) < 0 ||
              put_num(d, "median", r.median) < 0 || put_num(d, "min", r.min) < 0 || put_num(d, "max", r.max) < 0 ||
              put_num(d, "threshold", r.threshold) < 0 ||
              put_num(d, "fraction_at_least_threshold", r.frac_at_least) < 0 ||
              put(d, "histogram_0_to_1", h) < 0 || put_int(d, "n", (long long)r.n) < 0 ||
              put_int(d, "n_above_1", (long long)r.n_above_1) < 0 || put(d, "values", list_of(values, sd.n)) < 0;
        cf_charact_field f[] = {{"sphericity", r.mean}};
        if (!bad) bad = do_into(m, &in, f, 1, d) < 0;
    }
    free(values);
    cf_shape_free(&sd);
    free(file);
    into_free(&in);
    if (bad) Py_CLEAR(d);
    return d;
}

PyMethodDef cfpy_charact_methods[] = {
    {"xrd", (PyCFunction)(void (*)(void))py_xrd, METH_VARARGS | METH_KEYWORDS,
     "xrd(file, **options) -> dict: `cellforge xrd FILE --json` and the pattern"},
    {"psd", (PyCFunction)(void (*)(void))py_psd, METH_VARARGS | METH_KEYWORDS,
     "psd(file, **options) -> dict: `cellforge psd FILE --json` and the class table"},
    {"bet", (PyCFunction)(void (*)(void))py_bet, METH_VARARGS | METH_KEYWORDS,
     "bet(file, **options) -> dict: `cellforge bet FILE --json` and the isotherm"},
    {"dta", (PyCFunction)(void (*)(void))py_dta, METH_VARARGS | METH_KEYWORDS,
     "dta(file, **options) -> dict: `cellforge dta FILE --json` and the curve"},
    {"chn", (PyCFunction)(void (*)(void))py_chn, METH_VARARGS | METH_KEYWORDS,
     "chn(C, H, **options) -> dict: `cellforge chn --C .. --H .. --json`"},
    {"shape", (PyCFunction)(void (*)(void))py_shape, METH_VARARGS | METH_KEYWORDS,
     "shape(file, **options) -> dict: `cellforge shape FILE --json` and each particle's value"},
    {NULL, NULL, 0, NULL},
};
