/* celltest.c — the cell tests (HPPC, rate, GITT, cycling) from Python, as
 * `cellforge test` runs them: a plan from simulate()'s arguments, the test's
 * options from a dict, the analysis table as rows with the CLI's column
 * names (its --json / CSV keys), the test's figures and its raw series.
 *
 * A test that fails after measuring something raises with those points in
 * the exception's `solution` (the Python layer makes it a TestResult), as a
 * failed simulation carries its rows. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_celltest.h"
#include "cellforge/cf_model.h"

static PyObject *num(double v)
{
    if (isfinite(v)) return PyFloat_FromDouble(v);
    return PyFloat_FromDouble(NAN); /* a table cell that was not measured: NaN */
}

/* One column of a result table: the CLI's key, and where the value is. */
typedef struct {
    const char *key;
    size_t offset;
    int is_int;
} col;

#define D(key, type, field) {key, offsetof(type, field), 0}
#define I(key, type, field) {key, offsetof(type, field), 1}

static const col HPPC[] = {
    D("soc", cf_hppc_point, soc), D("discharged_Ah", cf_hppc_point, discharged_Ah), D("ocv_V", cf_hppc_point, ocv_V),
    D("r_dis_1s_ohm", cf_hppc_point, r_dis_1s_ohm), D("r_dis_ohm", cf_hppc_point, r_dis_ohm),
    D("ocv_chg_V", cf_hppc_point, ocv_chg_V), D("r_chg_1s_ohm", cf_hppc_point, r_chg_1s_ohm),
    D("r_chg_ohm", cf_hppc_point, r_chg_ohm), D("p_dis_W", cf_hppc_point, p_dis_W), D("p_chg_W", cf_hppc_point, p_chg_W),
    D("v_dis_1s_V", cf_hppc_point, v_dis_1s_V), D("v_dis_end_V", cf_hppc_point, v_dis_end_V),
    D("v_chg_1s_V", cf_hppc_point, v_chg_1s_V), D("v_chg_end_V", cf_hppc_point, v_chg_end_V),
    I("dis_limited", cf_hppc_point, dis_limited), I("chg_limited", cf_hppc_point, chg_limited),
};
static const col RATE[] = {
    D("crate", cf_rate_point, crate), D("current_A", cf_rate_point, current_A),
    D("capacity_Ah", cf_rate_point, capacity_Ah), D("energy_Wh", cf_rate_point, energy_Wh),
    D("mean_voltage_V", cf_rate_point, mean_voltage_V), D("retention", cf_rate_point, retention),
    D("duration_s", cf_rate_point, duration_s), I("limited", cf_rate_point, limited),
};
static const col GITT[] = {
    D("soc", cf_gitt_point, soc), D("discharged_Ah", cf_gitt_point, discharged_Ah),
    D("ocv_before_V", cf_gitt_point, ocv_before_V), D("ocv_V", cf_gitt_point, ocv_V),
    D("ir_drop_V", cf_gitt_point, ir_drop_V), D("delta_es_V", cf_gitt_point, delta_es_V),
    D("delta_et_V", cf_gitt_point, delta_et_V), D("diffusivity_m2_s", cf_gitt_point, diffusivity_m2_s),
    I("complete", cf_gitt_point, complete),
};
static const col CYCLE[] = {
    I("cycle", cf_cycle_point, cycle), D("charge_Ah", cf_cycle_point, charge_Ah),
    D("discharge_Ah", cf_cycle_point, discharge_Ah), D("charge_Wh", cf_cycle_point, charge_Wh),
    D("discharge_Wh", cf_cycle_point, discharge_Wh), D("coulombic_efficiency", cf_cycle_point, coulombic_efficiency),
    D("energy_efficiency", cf_cycle_point, energy_efficiency), D("retention", cf_cycle_point, retention),
    D("duration_s", cf_cycle_point, duration_s),
};

/* {key: [value per row]} */
static PyObject *table(const col *cols, size_t ncols, const void *rows, size_t n, size_t stride)
{
    PyObject *d = PyDict_New();
    for (size_t c = 0; d && c < ncols; c++) {
        PyObject *l = PyList_New((Py_ssize_t)n);
        for (size_t i = 0; l && i < n; i++) {
            const char *p = (const char *)rows + i * stride + cols[c].offset;
            double dv;
            int iv;
            PyObject *v;
            if (cols[c].is_int) {
                memcpy(&iv, p, sizeof iv);
                v = PyLong_FromLong(iv);
            } else {
                memcpy(&dv, p, sizeof dv);
                v = num(dv);
            }
            if (!v) Py_CLEAR(l);
            else PyList_SetItem(l, (Py_ssize_t)i, v);
        }
        if (cfpy_put(d, cols[c].key, l)) Py_CLEAR(d);
    }
    return d;
}

static PyObject *series(const cf_solution *s)
{
    if (!s || s->n == 0) Py_RETURN_NONE;
    PyObject *d = PyDict_New();
    const double *cols[5] = {s->t, s->current, s->voltage, s->capacity_Ah, s->energy_Wh};
    static const char *names[5] = {"t", "current", "voltage", "capacity", "energy"};
    for (int c = 0; d && c < 5; c++)
        if (cfpy_put(d, names[c],
                     PyByteArray_FromStringAndSize((const char *)cols[c], (Py_ssize_t)(s->n * sizeof(double)))))
            Py_CLEAR(d);
    const int *icols[2] = {s->step, s->cycle};
    static const char *inames[2] = {"step", "cycle"};
    for (int c = 0; d && c < 2; c++) {
        PyObject *b = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(s->n * sizeof(long long)));
        if (b) {
            long long *w = (long long *)(void *)PyByteArray_AsString(b);
            for (size_t i = 0; i < s->n; i++) w[i] = icols[c][i];
        }
        if (cfpy_put(d, inames[c], b)) Py_CLEAR(d);
    }
    return d;
}

/* An option from the dict: a finite number (the library checks its range). */
static int opt_num(PyObject *m, PyObject *opts, const char *key, double *out)
{
    PyObject *v = PyDict_GetItemString(opts, key); /* borrowed */
    if (!v || v == Py_None) return 0;
    return cfpy_double(m, v, key, -INFINITY, INFINITY, out);
}

/* The start: None is the cell's own state (NAN), else a SOC in [0, 1]. */
static int opt_soc(PyObject *m, PyObject *opts, double *out)
{
    PyObject *v = PyDict_GetItemString(opts, "soc");
    if (!v) return 0;
    if (v == Py_None) {
        *out = NAN;
        return 0;
    }
    return cfpy_quantity(m, v, "soc", CF_QTY_SOC, out);
}

static int opt_int(PyObject *m, PyObject *opts, const char *key, long lo, long hi, int *out)
{
    PyObject *v = PyDict_GetItemString(opts, key);
    if (!v || v == Py_None) return 0;
    long x;
    if (cfpy_int(m, v, key, lo, hi, &x)) return -1;
    *out = (int)x;
    return 0;
}

typedef struct {
    int kind; /* 0 hppc, 1 rate, 2 gitt, 3 cycle */
    cf_hppc_options hppc;
    cf_rate_options rate;
    double crates[CF_RATE_MAX_CRATES];
    cf_gitt_options gitt;
    cf_cycle_options cycle;
} test_request;

static int parse_options(PyObject *m, const char *kind, PyObject *opts, test_request *t)
{
    if (!PyDict_Check(opts)) {
        cfpy_type_error("options", "a dict", opts);
        return -1;
    }
    if (strcmp(kind, "hppc") == 0) {
        t->kind = 0;
        cf_test_hppc_options_default(&t->hppc);
        cf_hppc_options *o = &t->hppc;
        return opt_num(m, opts, "soc_step", &o->soc_step) || opt_num(m, opts, "rest_s", &o->rest_s) ||
                       opt_num(m, opts, "pulse_crate", &o->pulse_crate) || opt_num(m, opts, "pulse_s", &o->pulse_s) ||
                       opt_num(m, opts, "pulse_rest_s", &o->pulse_rest_s) ||
                       opt_num(m, opts, "charge_ratio", &o->charge_ratio) ||
                       opt_num(m, opts, "move_crate", &o->move_crate) || opt_soc(m, opts, &o->initial_soc)
                   ? -1
                   : 0;
    }
    if (strcmp(kind, "rate") == 0) {
        t->kind = 1;
        cf_test_rate_options_default(&t->rate);
        PyObject *cr = PyDict_GetItemString(opts, "crates");
        if (cr && cr != Py_None) {
            if (!PyList_Check(cr) && !PyTuple_Check(cr)) {
                cfpy_type_error("crates", "a list or tuple of numbers", cr);
                return -1;
            }
            Py_ssize_t n = PySequence_Size(cr);
            if (n < 1 || n > CF_RATE_MAX_CRATES) {
                cfpy_invalid(m, "crates", "%zd C-rates given; allowed 1 to %d", (Py_ssize_t)n, CF_RATE_MAX_CRATES);
                return -1;
            }
            for (Py_ssize_t i = 0; i < n; i++) {
                PyObject *item = PySequence_GetItem(cr, i);
                int bad = !item || cfpy_quantity(m, item, "crates", CF_QTY_CRATE, &t->crates[i]);
                Py_XDECREF(item);
                if (bad) return -1;
            }
            t->rate.crates = t->crates;
            t->rate.n_crates = (size_t)n;
        }
        return opt_soc(m, opts, &t->rate.initial_soc);
    }
    if (strcmp(kind, "gitt") == 0) {
        t->kind = 2;
        cf_test_gitt_options_default(&t->gitt);
        cf_gitt_options *o = &t->gitt;
        PyObject *el = PyDict_GetItemString(opts, "electrode");
        if (el && el != Py_None) {
            char *s;
            if (cfpy_string(el, "electrode", 0, &s)) return -1;
            int neg = strcmp(s, "negative") == 0, pos = strcmp(s, "positive") == 0;
            free(s);
            if (!neg && !pos) {
                cfpy_invalid(m, "electrode", "must be \"negative\" or \"positive\"");
                return -1;
            }
            o->electrode = neg ? CF_SIDE_NEGATIVE : CF_SIDE_POSITIVE;
        }
        return opt_num(m, opts, "pulse_crate", &o->pulse_crate) || opt_num(m, opts, "pulse_s", &o->pulse_s) ||
                       opt_num(m, opts, "relax_s", &o->relax_s) || opt_int(m, opts, "phase", 0, 3, &o->phase) ||
                       opt_int(m, opts, "max_pulses", 0, 100000, &o->max_pulses) ||
                       opt_soc(m, opts, &o->initial_soc)
                   ? -1
                   : 0;
    }
    if (strcmp(kind, "cycle") == 0) {
        t->kind = 3;
        cf_test_cycle_options_default(&t->cycle);
        cf_cycle_options *o = &t->cycle;
        return opt_int(m, opts, "cycles", 1, 100000, &o->cycles) ||
                       opt_num(m, opts, "charge_crate", &o->charge_crate) ||
                       opt_num(m, opts, "cv_cutoff_crate", &o->cv_cutoff_crate) ||
                       opt_num(m, opts, "discharge_crate", &o->discharge_crate) ||
                       opt_num(m, opts, "rest_s", &o->rest_s) || opt_soc(m, opts, &o->initial_soc)
                   ? -1
                   : 0;
    }
    cfpy_invalid(m, "test", "unknown cell test '%.40s' (allowed: hppc, rate, gitt, cycle)", kind);
    return -1;
}

/* celltest(kind, options, cell, model, temperature_C, mesh, rtol, max_steps, max_wall_time, discretisation)
 * -> dict */
static PyObject *py_celltest(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"kind", "options", "cell", "model", "temperature_C", "mesh", "rtol", "max_steps",
                             "max_wall_time", "discretisation", NULL};
    const char *kind;
    PyObject *opts, *cell, *model, *temperature_C, *mesh, *rtol, *max_steps = Py_None, *max_wall_time = Py_None,
             *disc = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "sOOOOOO|OOO:celltest", kwlist, &kind, &opts, &cell, &model,
                                     &temperature_C, &mesh, &rtol, &max_steps, &max_wall_time, &disc))
        return NULL;
    test_request t;
    memset(&t, 0, sizeof t);
    if (parse_options(m, kind, opts, &t)) return NULL;
    cfpy_plan_request pr;
    if (cfpy_plan_request_parse(m, cell, model, temperature_C, mesh, rtol, Py_None, NULL, NULL, max_steps,
                                max_wall_time, disc == Py_None ? NULL : disc, Py_None, Py_None, NULL, Py_None, Py_None,
                                Py_False, &pr)) {
        cfpy_plan_request_free(&pr);
        return NULL;
    }
    cf_error err;
    cf_error_clear(&err);
    cf_plan *plan = NULL;
    void *res = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = cfpy_plan_build(&pr, &plan, &err);
    if (!rc) {
        switch (t.kind) {
        case 0: rc = cf_test_hppc(plan, &t.hppc, (cf_hppc_result **)&res, &err); break;
        case 1: rc = cf_test_rate(plan, &t.rate, (cf_rate_result **)&res, &err); break;
        case 2: rc = cf_test_gitt(plan, &t.gitt, (cf_gitt_result **)&res, &err); break;
        default: rc = cf_test_cycle(plan, &t.cycle, (cf_cycle_result **)&res, &err); break;
        }
    }
    Py_END_ALLOW_THREADS
    PyObject *d = NULL;
    if (res) {
        d = PyDict_New();
        PyObject *info = PyDict_New();
        int bad = !d || !info;
        if (!bad && t.kind == 0) {
            cf_hppc_result *r = res;
            bad = cfpy_put(d, "table", table(HPPC, sizeof HPPC / sizeof HPPC[0], r->points, r->n, sizeof *r->points)) ||
                  cfpy_put(d, "series", series(r->series)) || cfpy_put(d, "note", PyUnicode_FromString(r->note)) ||
                  cfpy_put(info, "discharge_current_A", num(r->discharge_current_A)) ||
                  cfpy_put(info, "charge_current_A", num(r->charge_current_A)) ||
                  cfpy_put(info, "pulse_s", num(t.hppc.pulse_s)) || cfpy_put(info, "rest_s", num(t.hppc.rest_s)) ||
                  cfpy_put(info, "v_min_V", num(r->v_min_V)) || cfpy_put(info, "v_max_V", num(r->v_max_V));
        } else if (!bad && t.kind == 1) {
            cf_rate_result *r = res;
            Py_INCREF(Py_None);
            bad = cfpy_put(d, "table", table(RATE, sizeof RATE / sizeof RATE[0], r->points, r->n, sizeof *r->points)) ||
                  cfpy_put(d, "series", Py_None) || cfpy_put(d, "note", PyUnicode_FromString(r->note));
        } else if (!bad && t.kind == 2) {
            cf_gitt_result *r = res;
            bad = cfpy_put(d, "table", table(GITT, sizeof GITT / sizeof GITT[0], r->points, r->n, sizeof *r->points)) ||
                  cfpy_put(d, "series", series(r->series)) || cfpy_put(d, "note", PyUnicode_FromString(r->note)) ||
                  cfpy_put(info, "current_A", num(r->current_A)) || cfpy_put(info, "tau_s", num(r->tau_s)) ||
                  cfpy_put(info, "relax_s", num(t.gitt.relax_s)) ||
                  cfpy_put(info, "electrode",
                      PyUnicode_FromString(t.gitt.electrode == CF_SIDE_NEGATIVE ? "negative" : "positive")) ||
                  cfpy_put(info, "radius_m", num(r->radius_m)) || cfpy_put(info, "total_Ah", num(r->total_Ah));
        } else if (!bad) {
            cf_cycle_result *r = res;
            bad = cfpy_put(d, "table",
                           table(CYCLE, sizeof CYCLE / sizeof CYCLE[0], r->points, r->n, sizeof *r->points)) ||
                  cfpy_put(d, "series", (Py_INCREF(Py_None), Py_None)) ||
                  cfpy_put(d, "note", PyUnicode_FromString(r->note)) ||
                  cfpy_put(info, "protocol", PyUnicode_FromString(r->protocol)) ||
                  cfpy_put(info, "stopped_early", PyBool_FromLong(r->stopped_early));
        }
        if (!bad) {
            Py_INCREF(info);
            bad = cfpy_put(d, "info", info) || cfpy_put(d, "test", PyUnicode_FromString(kind)) ||
                  cfpy_put(d, "cell", PyUnicode_FromString(cf_plan_cell(plan)->name)) ||
                  cfpy_put(d, "model", PyUnicode_FromString(cf_model_kind_name(pr.opt.kind))) ||
                  cfpy_put(d, "completed", PyBool_FromLong(rc == 0));
        }
        Py_XDECREF(info);
        if (bad) Py_CLEAR(d);
        switch (t.kind) {
        case 0: cf_test_hppc_result_free(res); break;
        case 1: cf_test_rate_result_free(res); break;
        case 2: cf_test_gitt_result_free(res); break;
        default: cf_test_cycle_result_free(res); break;
        }
    }
    cf_plan_free(plan);
    cfpy_plan_request_free(&pr);
    if (rc) {
        if (d && !PyErr_Occurred()) cfpy_raise_with_solution(m, &err, d);
        else if (!PyErr_Occurred()) cfpy_raise(m, &err);
        Py_XDECREF(d);
        return NULL;
    }
    return d;
}

PyMethodDef cfpy_celltest_methods[] = {
    {"celltest", (PyCFunction)(void (*)(void))py_celltest, METH_VARARGS | METH_KEYWORDS,
     "celltest(kind, options, cell, model, temperature_C, mesh, rtol, max_steps, max_wall_time, discretisation) -> dict"},
    {NULL, NULL, 0, NULL},
};
