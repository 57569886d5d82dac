/* cell.c — cf_cell for Python: load, copy, read and set parameters.
 *
 * A cell travels as a capsule owning a cf_cell.  Parameters are addressed by
 * path ("negative.thickness_m", "negative.phases[1].ocp") and named as in
 * cell JSON files (docs/cell-format.md), so Cell.to_dict() is a valid cell
 * file; as there, the material of a single-material electrode reads flat
 * ("negative.ocp").  The tables below map each name onto the struct member
 * and onto the key cf_cell_validate uses in its messages ("c_init"), which
 * is rewritten to the Python name before it reaches the user.
 *
 * Setting checks only the type and finiteness of a value; ranges and the
 * constraints between values (porosity + active fraction <= 1, v_min < v_max,
 * c_init < c_max) are checked as a whole by validate() and by every
 * simulation, as for cell files: a sweep may pass through intermediate states. */
#include "cfpy.h" /* Python.h first: it sets the feature macros */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "cellforge/cf_expr.h"
#include "materials/material_fns.h"

/* F_SOLID_D: a phase's solid diffusivity, a number (diffusivity_m2_s) or a
 * function of the stoichiometry (diffusivity_fn), as in cell files.
 * F_TYPE: an electrode's "type" ("porous" / "lithium_metal"); F_OPT: a
 * number that may be absent (None), here the plating exchange current whose
 * presence turns plating on. */
typedef enum { F_DOUBLE, F_NAME, F_FN, F_STO, F_SOLID_D, F_TYPE, F_OPT } field_kind;

typedef struct {
    const char *name;  /* Python attribute and cell-file key                */
    const char *lib;   /* key in cf_cell_validate messages (NULL: same)     */
    field_kind kind;
    size_t off;        /* within the group's struct                         */
    int role;          /* F_FN: cf_fn_role                                  */
    const char *unit;
    const char *doc;
} field;

/* Offsets that fail to compile when a member changes type, so a change of
 * cf_cell.h cannot make this table read the wrong bytes silently. */
#define OFF_AS(T, m, type) (offsetof(T, m) + 0 * sizeof(_Generic(((T *)0)->m, type: (char)0)))
#define DBL(T, name, lib, m, unit, doc) {name, lib, F_DOUBLE, OFF_AS(T, m, double), 0, unit, doc}
#define FN(T, name, lib, m, role, unit, doc) {name, lib, F_FN, OFF_AS(T, m, cf_fn), role, unit, doc}
#define NAME(T, name, m, doc) {name, NULL, F_NAME, OFF_AS(T, m, char *), 0, "", doc}

static const field CELL_FIELDS[] = {
    NAME(cf_cell, "name", name, "name shown in results, 1-63 characters"),
    DBL(cf_cell, "nominal_capacity_Ah", NULL, nominal_capacity_Ah, "A h", "nominal capacity, defines 1C; (0, 1e6]"),
    DBL(cf_cell, "voltage_min_V", "v_min", v_min, "V", "lower cut-off voltage; [0, 10]"),
    DBL(cf_cell, "voltage_max_V", "v_max", v_max, "V", "upper cut-off voltage; (voltage_min_V, 10]"),
    DBL(cf_cell, "electrode_area_m2", "area_m2", area_m2, "m2", "electrode area, one side, all layers; (0, 1e4]"),
    DBL(cf_cell, "temperature_K", NULL, T_K, "K",
        "(isothermal) cell temperature; [203.15, 393.15] (-70 to 120 degC)"),
    DBL(cf_cell, "reference_temperature_K", "T_ref", T_ref, "K",
        "temperature at which Arrhenius-corrected values are given; [150, 500]"),
};

static const field ELECTRODE_FIELDS[] = {
    DBL(cf_electrode, "thickness_m", NULL, thickness_m, "m", "coating thickness; (0, 0.01]"),
    DBL(cf_electrode, "porosity", NULL, porosity, "-", "electrolyte volume fraction; (0, 1)"),
    DBL(cf_electrode, "conductivity_S_m", NULL, conductivity_S_m, "S/m", "electronic conductivity of the solid; (0, 1e9]"),
    DBL(cf_electrode, "bruggeman_electrolyte", NULL, bruggeman_electrolyte, "-",
        "electrolyte transport x porosity^b; [0, 10]"),
    DBL(cf_electrode, "thickness_swelling", NULL, thickness_swelling, "-",
        "share of free swelling the coating's thickness takes: 0 held (the pores take the particles' growth), "
        "1 free (porosity kept); [0, 1]"),
    DBL(cf_electrode, "bruggeman_electrode", NULL, bruggeman_electrode, "-",
        "solid conductivity x (1 - porosity)^b, 0 = no correction; [0, 10]"),
    {"type", NULL, F_TYPE, 0, 0, "",
     "'porous' (particles) or 'lithium_metal' (a planar lithium or bare copper negative; setting it drops the "
     "negative's particles)"},
    {"plating_exchange_current_A_m2", "plating_j0_A_m2", F_OPT, OFF_AS(cf_electrode, plating_j0_A_m2, double), 0,
     "A/m2", "porous negative: lithium plating on its particles at this exchange current (1 mol/L); None = none"},
    DBL(cf_electrode, "lithium_mol_m2", "li_metal_mol_m2", li_metal_mol_m2, "mol/m2",
        "lithium-metal negative: lithium on it at the start, 0 = anode-free; [0, 1e4]"),
    DBL(cf_electrode, "exchange_current_A_m2", "li_j0_ref", li_j0_ref, "A/m2",
        "lithium-metal negative: exchange current at 1 mol/L; (0, 1e5]"),
    DBL(cf_electrode, "plating_efficiency", NULL, plating_efficiency, "-",
        "lithium-metal negative: share of plated lithium that stays active; (0, 1]"),
};

/* Only for a lithium-metal negative (the rest only for porous electrodes). */
static int planar_only(const char *name)
{
    return strcmp(name, "lithium_mol_m2") == 0 || strcmp(name, "exchange_current_A_m2") == 0 ||
           strcmp(name, "plating_efficiency") == 0;
}

/* One active material; a single-material electrode shows these flat. */
static const field PHASE_FIELDS[] = {
    NAME(cf_phase, "material", name, "material name (informative), up to 63 characters"),
    DBL(cf_phase, "active_volume_fraction", "active_fraction", active_fraction, "-",
        "active material volume fraction; (0, 1], porosity + all fractions <= 1"),
    DBL(cf_phase, "particle_radius_m", NULL, particle_radius_m, "m", "spherical particle radius; (0, 1e-3]"),
    DBL(cf_phase, "max_concentration_mol_m3", "c_max", c_max, "mol/m3",
        "lithium concentration at stoichiometry 1; (0, 1e6]"),
    DBL(cf_phase, "initial_concentration_mol_m3", "c_init", c_init, "mol/m3",
        "uniform initial lithium concentration; (0, max_concentration_mol_m3)"),
    {"initial_stoichiometry", NULL, F_STO, 0, 0, "-",
     "initial concentration / max concentration; (0, 1); setting it sets initial_concentration_mol_m3"},
    {"diffusivity_m2_s", NULL, F_SOLID_D, OFF_AS(cf_phase, diffusivity_fn, cf_fn), CF_FN_ROLE_SOLID_D, "m2/s",
     "solid diffusivity at the reference temperature, (0, 1e-6]: a number, or a function of the stoichiometry "
     "(a built-in name or a table (x, y))"},
    DBL(cf_phase, "diffusivity_activation_energy_J_mol", "diffusivity_Ea_J_mol", diffusivity_Ea_J_mol, "J/mol",
        "Arrhenius activation energy of the diffusivity; [0, 5e5]"),
    DBL(cf_phase, "exchange_current_coefficient", "j0_ref", j0_ref, "A/m2 (m3/mol)^1.5",
        "k in j0 = k c_e^0.5 c_s^0.5 (c_max - c_s)^0.5 at the reference temperature; (0, 1e3]"),
    DBL(cf_phase, "exchange_current_activation_energy_J_mol", "j0_Ea_J_mol", j0_Ea_J_mol, "J/mol",
        "Arrhenius activation energy of j0; [0, 5e5]"),
    DBL(cf_phase, "charge_transfer_coefficient", "alpha", alpha, "-", "Butler-Volmer alpha; (0, 1)"),
    DBL(cf_phase, "volume_expansion", NULL, volume_expansion, "-",
        "particle volume growth from stoichiometry 0 to 1, V = V0 (1 + this sto); [-0.9, 10]"),
    DBL(cf_phase, "li_o_at_full", NULL, li_o_at_full, "-",
        "Li/O atomic ratio at stoichiometry 1 (oxide positives; 0 = not an oxide / unknown)"),
    FN(cf_phase, "ocp", NULL, ocp, CF_FN_ROLE_OCP, "V",
       "open-circuit potential vs Li/Li+ of the stoichiometry: a built-in name, a constant or a table (x, y)"),
};

static const field SEPARATOR_FIELDS[] = {
    DBL(cf_separator, "thickness_m", NULL, thickness_m, "m", "thickness; (0, 0.01]"),
    DBL(cf_separator, "porosity", NULL, porosity, "-", "electrolyte volume fraction; (0, 1)"),
    DBL(cf_separator, "bruggeman_electrolyte", NULL, bruggeman_electrolyte, "-",
        "electrolyte transport x porosity^b; [0, 10]"),
};

static const field ELECTROLYTE_FIELDS[] = {
    DBL(cf_electrolyte, "initial_concentration_mol_m3", "c_init", c_init, "mol/m3",
        "uniform initial salt concentration; (0, 2e4]"),
    DBL(cf_electrolyte, "transference_number", "t_plus", t_plus, "-", "cation transference number; [0, 1)"),
    DBL(cf_electrolyte, "thermodynamic_factor", NULL, thermodynamic_factor, "-", "1 + dln f/dln c; (0, 100]"),
    FN(cf_electrolyte, "diffusivity_m2_s", "diffusivity", diffusivity, CF_FN_ROLE_ELECTROLYTE_D, "m2/s",
       "salt diffusivity of c_e (mol/m3): a built-in name, a constant or a table (x, y); > 0"),
    FN(cf_electrolyte, "conductivity_S_m", "conductivity", conductivity, CF_FN_ROLE_ELECTROLYTE_KAPPA, "S/m",
       "ionic conductivity of c_e (mol/m3): a built-in name, a constant or a table (x, y); > 0"),
    DBL(cf_electrolyte, "transport_reduction", NULL, transport_reduction, "-",
        "share of the liquid's transport a porous polymer (gel) blocks; [0, 1), 0 for a liquid"),
};

/* A lithium reservoir shorted to the positive (Cell.add_reservoir). */
static const field RESERVOIR_FIELDS[] = {
    DBL(cf_reservoir, "lithium_mol", "li_mol", li_mol, "mol", "lithium metal in the reservoir; >= 0"),
    DBL(cf_reservoir, "area_m2", NULL, area_m2, "m2", "its contact with the electrolyte; [1e-8, 1]"),
    DBL(cf_reservoir, "exchange_current_A_m2", NULL, j0_ref, "A/m2", "lithium kinetics at 1 mol/L; [1e-3, 1e4]"),
    DBL(cf_reservoir, "ionic_resistance_ohm", NULL, ionic_resistance_ohm, "ohm",
        "electrolyte path to the positive as a resistance (when path_length_m is 0); [0, 1e9]"),
    DBL(cf_reservoir, "path_length_m", NULL, path_length_m, "m",
        "electrolyte path to the positive as a length through the separator (0 = use ionic_resistance_ohm); "
        "[1e-6, 1]"),
    DBL(cf_reservoir, "collector_alloying_potential_V", "alloy_potential_V", alloy_potential_V, "V",
        "the positive's collector alloys with lithium below this potential vs Li/Li+; [0, 1]"),
    DBL(cf_reservoir, "collector_alloying_exchange_current_A_m2", "alloy_j0_A_m2", alloy_j0_A_m2, "A/m2",
        "its alloying kinetics over the electrode area, 0 = does not alloy; [0, 1e4]"),
};

typedef struct {
    const char *name;   /* as cell_fields() reports it */
    const field *fields;
    size_t n;
} group;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
static const group GROUPS[] = {
    {"cell", CELL_FIELDS, COUNT(CELL_FIELDS)},
    {"electrode", ELECTRODE_FIELDS, COUNT(ELECTRODE_FIELDS)},
    {"phase", PHASE_FIELDS, COUNT(PHASE_FIELDS)},
    {"separator", SEPARATOR_FIELDS, COUNT(SEPARATOR_FIELDS)},
    {"electrolyte", ELECTROLYTE_FIELDS, COUNT(ELECTROLYTE_FIELDS)},
    {"reservoir", RESERVOIR_FIELDS, COUNT(RESERVOIR_FIELDS)},
};

/* Tables hold measured curves (hundreds of points); the cell-file reader's limit. */
#define TABLE_MAX_POINTS 1000000

/* ---- addressing: "name", "negative.porosity", "negative.ocp" (one
 * material), "negative.phases[1].ocp", "electrolyte.t_plus"... ---- */

static const field *in_table(const field *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].name, name) == 0) return &fields[i];
    return NULL;
}

static cf_electrode *side_of(cf_cell *c, const char *name, size_t len)
{
    if (len == 8 && strncmp(name, "negative", 8) == 0) return &c->neg;
    if (len == 8 && strncmp(name, "positive", 8) == 0) return &c->pos;
    return NULL;
}

/* Finds the field and the struct it lives in; -1 with an exception set. */
static int resolve(PyObject *m, cf_cell *c, const char *path, char **base, const field **fd)
{
    const char *dot = strchr(path, '.');
    if (!dot) {
        *base = (char *)c;
        if ((*fd = in_table(CELL_FIELDS, COUNT(CELL_FIELDS), path))) return 0;
    } else if (strncmp(path, "separator.", 10) == 0) {
        *base = (char *)&c->sep;
        if ((*fd = in_table(SEPARATOR_FIELDS, COUNT(SEPARATOR_FIELDS), dot + 1))) return 0;
    } else if (strncmp(path, "electrolyte.", 12) == 0) {
        *base = (char *)&c->electrolyte;
        if ((*fd = in_table(ELECTROLYTE_FIELDS, COUNT(ELECTROLYTE_FIELDS), dot + 1))) return 0;
    } else if (strncmp(path, "reservoir.", 10) == 0) {
        *base = (char *)&c->reservoir;
        if ((*fd = in_table(RESERVOIR_FIELDS, COUNT(RESERVOIR_FIELDS), dot + 1))) {
            if (c->reservoir.present) return 0;
            cfpy_invalid(m, path, "the cell has no reservoir (Cell.add_reservoir adds one)");
            return -1;
        }
    } else {
        cf_electrode *e = side_of(c, path, (size_t)(dot - path));
        const char *rest = dot + 1;
        long idx = -1;
        const char *after = NULL;
        if (e && strncmp(rest, "phases[", 7) == 0 && isdigit((unsigned char)rest[7])) {
            char *end;
            errno = 0;
            idx = strtol(rest + 7, &end, 10); /* not sscanf: its overflow is undefined */
            if (errno == 0 && end[0] == ']' && end[1] == '.') after = end + 2;
        }
        if (after) {
            if (idx >= e->n_phases) {
                /* PyErr_Format has no %.*s: format the message here */
                char msg[160];
                snprintf(msg, sizeof msg, "%.*s has %d phase(s); phase %ld does not exist", (int)(dot - path), path,
                         e->n_phases, idx);
                PyErr_SetString(PyExc_IndexError, msg);
                return -1;
            }
            *base = (char *)&e->phase[idx];
            if ((*fd = in_table(PHASE_FIELDS, COUNT(PHASE_FIELDS), after))) return 0;
        } else if (e) {
            *base = (char *)e;
            if ((*fd = in_table(ELECTRODE_FIELDS, COUNT(ELECTRODE_FIELDS), rest))) return 0;
            if (e->planar && in_table(PHASE_FIELDS, COUNT(PHASE_FIELDS), rest)) {
                cfpy_invalid(m, path, "%.*s is a lithium-metal negative: it has no particles (no %s)",
                             (int)(dot - path), path, rest);
                return -1;
            }
            if ((*fd = in_table(PHASE_FIELDS, COUNT(PHASE_FIELDS), rest))) {
                /* As in cell files: one material is written flat on its electrode. */
                if (e->n_phases == 1) {
                    *base = (char *)&e->phase[0];
                    return 0;
                }
                cfpy_invalid(m, path, "%.*s is a blend of %d materials: use %.*s.phases[i].%s", (int)(dot - path), path,
                             e->n_phases, (int)(dot - path), path, rest);
                return -1;
            }
        }
    }
    PyErr_Format(PyExc_AttributeError, "a cell has no parameter '%s'", path);
    return -1;
}

void cfpy_cell_translate_where(cf_error *err)
{
    /* The last component of a validation key is a struct member name
     * ("negative.phases[1].c_init"): swap it for the Python name. */
    char *last = strrchr(err->where, '.');
    char *leaf = last ? last + 1 : err->where;
    char out[sizeof err->where];
    if (strcmp(leaf, "porosity+active_fraction") == 0) {
        snprintf(out, sizeof out, "%.*sporosity+active_volume_fraction", (int)(leaf - err->where), err->where);
        memcpy(err->where, out, sizeof out);
        return;
    }
    for (size_t g = 0; g < COUNT(GROUPS); g++)
        for (size_t i = 0; i < GROUPS[g].n; i++) {
            const field *fd = &GROUPS[g].fields[i];
            if (!fd->lib || strcmp(fd->lib, leaf) != 0) continue;
            snprintf(out, sizeof out, "%.*s%s", (int)(leaf - err->where), err->where, fd->name);
            memcpy(err->where, out, sizeof out);
            return;
        }
}

cf_cell *cfpy_cell_from_capsule(PyObject *obj)
{
    if (!PyCapsule_IsValid(obj, CFPY_CELL_CAPSULE)) {
        cfpy_type_error("cell", "a cellforge.Cell handle", obj);
        return NULL;
    }
    return PyCapsule_GetPointer(obj, CFPY_CELL_CAPSULE);
}

static void cell_capsule_free(PyObject *cap) { cf_cell_free(PyCapsule_GetPointer(cap, CFPY_CELL_CAPSULE)); }

PyObject *cfpy_wrap_cell(cf_cell *c)
{
    PyObject *cap = PyCapsule_New(c, CFPY_CELL_CAPSULE, cell_capsule_free);
    if (!cap) cf_cell_free(c);
    return cap;
}

/* ---- material functions ---- */

/* Tables and compiled expressions (BPX cells) are owned by the cell. */
static void fn_release(cf_fn *f) { cf_fn_release(f); }

static PyObject *fn_get(const cf_fn *f)
{
    if (f->kind == CF_FN_BUILTIN) return PyUnicode_FromString(f->name);
    if (f->kind == CF_FN_CONSTANT) return PyFloat_FromDouble(f->value);
    if (f->kind == CF_FN_EXPR) return PyUnicode_FromString(cf_fn_expression_text(f)); /* "x**2 + ..." */
    PyObject *x = PyTuple_New(f->n), *y = PyTuple_New(f->n);
    if (!x || !y) goto fail;
    for (int i = 0; i < f->n; i++) {
        PyObject *xi = PyFloat_FromDouble(f->x[i]), *yi = PyFloat_FromDouble(f->y[i]);
        if (!xi || !yi) {
            Py_XDECREF(xi);
            Py_XDECREF(yi);
            goto fail;
        }
        PyTuple_SetItem(x, i, xi);
        PyTuple_SetItem(y, i, yi);
    }
    PyObject *t = PyTuple_Pack(2, x, y);
    Py_DECREF(x);
    Py_DECREF(y);
    return t;
fail:
    Py_XDECREF(x);
    Py_XDECREF(y);
    return NULL;
}

static const char *role_text(int role)
{
    switch (role) {
    case CF_FN_ROLE_OCP: return "an open-circuit potential";
    case CF_FN_ROLE_ELECTROLYTE_D: return "an electrolyte diffusivity";
    case CF_FN_ROLE_ELECTROLYTE_KAPPA: return "an electrolyte conductivity";
    case CF_FN_ROLE_SOLID_D: return "a solid diffusivity";
    default: return "another kind of material function";
    }
}

static int fn_set_name(PyObject *m, const field *fd, const char *path, cf_fn *f, PyObject *value)
{
    char *name;
    if (cfpy_string(value, path, 0, &name)) return -1;
    cf_fn nf;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_fn_set_builtin(&nf, name, &err);
    free(name);
    if (rc) {
        snprintf(err.where, sizeof err.where, "%s", path);
        cfpy_raise(m, &err);
        return -1;
    }
    const cf_material_fn_entry *e = cf_material_fn_get(nf.builtin);
    if (!e || (int)e->role != fd->role) {
        cfpy_invalid(m, path, "'%s' is %s, but %s must be %s", nf.name, e ? role_text((int)e->role) : "unknown", path,
                     role_text(fd->role));
        return -1;
    }
    fn_release(f);
    *f = nf;
    return 0;
}

/* Reads a sequence of finite numbers into a new malloc'ed vector. */
static int read_axis(PyObject *m, PyObject *seq, const char *path, const char *axis, double **out, Py_ssize_t *n)
{
    char where[200];
    snprintf(where, sizeof where, "%s.%s", path, axis);
    *out = NULL;
    if (PyUnicode_Check(seq) || PyBytes_Check(seq) || !PySequence_Check(seq)) {
        cfpy_type_error(where, "a sequence of numbers", seq);
        return -1;
    }
    *n = PySequence_Size(seq);
    if (*n < 0) return -1;
    if (*n > TABLE_MAX_POINTS) {
        cfpy_invalid(m, where, "%zd points; at most %d are allowed", *n, TABLE_MAX_POINTS);
        return -1;
    }
    double *v = malloc(((size_t)*n ? (size_t)*n : 1) * sizeof *v);
    if (!v) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        char item[sizeof where + 24];
        snprintf(item, sizeof item, "%s[%zd]", where, i);
        PyObject *o = PySequence_GetItem(seq, i);
        int bad = !o || cfpy_double(m, o, item, -HUGE_VAL, HUGE_VAL, &v[i]);
        Py_XDECREF(o);
        if (bad) {
            free(v);
            return -1;
        }
    }
    *out = v;
    return 0;
}

static int fn_set_table(PyObject *m, const field *fd, const char *path, cf_fn *f, PyObject *value)
{
    if (PySequence_Size(value) != 2) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s: a table is a pair (x, y) of sequences of numbers", path);
        return -1;
    }
    PyObject *xs = PySequence_GetItem(value, 0), *ys = PySequence_GetItem(value, 1);
    double *x = NULL, *y = NULL;
    Py_ssize_t nx = 0, ny = 0;
    int rc = (!xs || !ys) ? -1 : read_axis(m, xs, path, "x", &x, &nx);
    if (!rc) rc = read_axis(m, ys, path, "y", &y, &ny);
    Py_XDECREF(xs);
    Py_XDECREF(ys);
    if (!rc && nx != ny) rc = -1, cfpy_invalid(m, path, "x has %zd points and y has %zd; they must match", nx, ny);
    if (!rc && nx < 2) rc = -1, cfpy_invalid(m, path, "a table needs at least 2 points (got %zd)", nx);
    for (Py_ssize_t i = 1; !rc && i < nx; i++)
        if (!(x[i] > x[i - 1])) {
            char where[200];
            snprintf(where, sizeof where, "%s.x[%zd]", path, i);
            cfpy_invalid(m, where, "x must be strictly increasing: x[%zd] = %g is not greater than x[%zd] = %g", i,
                         x[i], i - 1, x[i - 1]);
            rc = -1;
        }
    /* Transport properties divide and take roots downstream: keep them positive. */
    for (Py_ssize_t i = 0; !rc && fd->role != CF_FN_ROLE_OCP && i < ny; i++)
        if (!(y[i] > 0)) {
            char where[200];
            snprintf(where, sizeof where, "%s.y[%zd]", path, i);
            cfpy_invalid(m, where, "must be > 0 everywhere (y[%zd] = %g)", i, y[i]);
            rc = -1;
        }
    if (rc) {
        free(x);
        free(y);
        return -1;
    }
    fn_release(f);
    memset(f, 0, sizeof *f);
    f->kind = CF_FN_TABLE;
    f->n = (int)nx;
    f->x = x;
    f->y = y;
    snprintf(f->name, sizeof f->name, "table");
    return 0;
}

static int fn_set(PyObject *m, const field *fd, const char *path, cf_fn *f, PyObject *value)
{
    if (PyUnicode_Check(value)) return fn_set_name(m, fd, path, f, value);
    if (PySequence_Check(value) && !PyBytes_Check(value)) return fn_set_table(m, fd, path, f, value);
    if (!PyBool_Check(value) && (PyFloat_Check(value) || PyLong_Check(value) || PyIndex_Check(value) ||
                                 PyObject_HasAttrString(value, "__float__"))) {
        double v;
        if (cfpy_double(m, value, path, -HUGE_VAL, HUGE_VAL, &v)) return -1;
        if (fd->role != CF_FN_ROLE_OCP && !(v > 0)) {
            cfpy_invalid(m, path, "a constant transport property must be > 0 (got %g)", v);
            return -1;
        }
        fn_release(f);
        cf_fn_set_constant(f, v);
        return 0;
    }
    cfpy_type_error(path, "a built-in function name (str), a number or a table (x, y)", value);
    return -1;
}

/* ---- Python entry points ---- */

static PyObject *py_cell_builtin(PyObject *m, PyObject *arg)
{
    char *name;
    if (cfpy_string(arg, "name", 0, &name)) return NULL;
    cf_cell *c;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_cell_builtin(name, &c, &err);
    free(name);
    return rc ? cfpy_raise(m, &err) : cfpy_wrap_cell(c);
}

static PyObject *py_cell_load(PyObject *m, PyObject *arg)
{
    char *path;
    if (cfpy_path(arg, "path", &path)) return NULL;
    cf_cell *c = NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc;
    Py_BEGIN_ALLOW_THREADS /* reads and parses a file */
    rc = cf_cell_load(path, &c, &err);
    Py_END_ALLOW_THREADS
    free(path);
    return rc ? cfpy_raise(m, &err) : cfpy_wrap_cell(c);
}

static PyObject *py_cell_is_handle(PyObject *m, PyObject *arg)
{
    (void)m;
    return PyBool_FromLong(PyCapsule_IsValid(arg, CFPY_CELL_CAPSULE));
}

static PyObject *py_cell_copy(PyObject *m, PyObject *arg)
{
    cf_cell *src = cfpy_cell_from_capsule(arg), *c;
    if (!src) return NULL;
    cf_error err;
    cf_error_clear(&err);
    return cf_cell_copy(src, &c, &err) ? cfpy_raise(m, &err) : cfpy_wrap_cell(c);
}

static int parse_path(PyObject *m, PyObject *args, const char *fmt, cf_cell **cell, char **base, const field **fd,
                      char *path, size_t size, PyObject **value)
{
    PyObject *cap, *key;
    if (value ? !PyArg_ParseTuple(args, fmt, &cap, &key, value) : !PyArg_ParseTuple(args, fmt, &cap, &key)) return -1;
    if (!(*cell = cfpy_cell_from_capsule(cap))) return -1;
    char *k;
    if (cfpy_string(key, "parameter", 0, &k)) return -1;
    int too_long = strlen(k) >= size;
    snprintf(path, size, "%s", k);
    free(k);
    if (too_long) {
        PyErr_Format(PyExc_AttributeError, "a cell has no parameter '%.40s...'", path);
        return -1;
    }
    return resolve(m, *cell, path, base, fd);
}

static PyObject *py_cell_get(PyObject *m, PyObject *args)
{
    cf_cell *c;
    char *base;
    const field *fd;
    char path[160];
    if (parse_path(m, args, "OO:cell_get", &c, &base, &fd, path, sizeof path, NULL)) return NULL;
    switch (fd->kind) {
    case F_NAME: {
        const char *s = base + fd->off;
        return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strnlen(s, CF_NAME_MAX), "replace");
    }
    case F_FN: return fn_get((const cf_fn *)(base + fd->off));
    case F_SOLID_D: {
        const cf_phase *ph = (const cf_phase *)base;
        if (ph->diffusivity_fn.kind == CF_FN_CONSTANT) return PyFloat_FromDouble(ph->diffusivity_m2_s);
        return fn_get(&ph->diffusivity_fn);
    }
    case F_STO: {
        const cf_phase *ph = (const cf_phase *)base;
        return PyFloat_FromDouble(ph->c_init / ph->c_max);
    }
    case F_TYPE: return PyUnicode_FromString(((const cf_electrode *)base)->planar ? "lithium_metal" : "porous");
    case F_OPT:
        if (!((const cf_electrode *)base)->plating) Py_RETURN_NONE;
        return PyFloat_FromDouble(*(const double *)(base + fd->off));
    default: return PyFloat_FromDouble(*(const double *)(base + fd->off));
    }
}

/* "type" of an electrode: only a negative turns into lithium metal (its
 * particles dropped, lithium defaults as in cell files); a lithium-metal
 * negative cannot grow particles in place. */
static int set_type(PyObject *m, cf_cell *c, cf_electrode *e, const char *path, PyObject *value)
{
    char *t;
    if (cfpy_string(value, path, 0, &t)) return -1;
    int li = strcmp(t, "lithium_metal") == 0, porous = strcmp(t, "porous") == 0;
    free(t);
    if (!li && !porous) {
        cfpy_invalid(m, path, "%s must be 'porous' or 'lithium_metal'", path);
        return -1;
    }
    if (porous && e->planar) {
        cfpy_invalid(m, path, "a lithium-metal negative cannot become porous in place: start from a cell with a "
                              "porous negative (e.g. Cell.builtin('chen2020'))");
        return -1;
    }
    if (li && e != &c->neg) {
        cfpy_invalid(m, path, "only the negative can be lithium metal");
        return -1;
    }
    if (li && !e->planar) {
        e->planar = 1;
        e->n_phases = 0; /* the slots keep owning their OCPs, freed with the cell */
        e->plating = 0;
        e->li_metal_mol_m2 = 0.0;
        e->li_j0_ref = CF_LI_J0_DEFAULT_A_M2;
        e->plating_efficiency = CF_LI_PLATING_EFFICIENCY_DEFAULT;
    }
    return 0;
}

static PyObject *py_cell_set(PyObject *m, PyObject *args)
{
    cf_cell *c;
    char *base;
    const field *fd;
    char path[160];
    PyObject *value;
    if (parse_path(m, args, "OOO:cell_set", &c, &base, &fd, path, sizeof path, &value)) return NULL;
    switch (fd->kind) {
    case F_NAME: {
        char *s;
        if (cfpy_string(value, path, 0, &s)) return NULL;
        size_t n = strlen(s), min = strcmp(fd->name, "name") == 0; /* a cell needs a name, a material not */
        if (n < min || n >= CF_NAME_MAX) {
            free(s);
            return cfpy_invalid(m, path, "a name has %zu to %d characters (got %zu)", min, CF_NAME_MAX - 1, n);
        }
        memcpy(base + fd->off, s, n + 1);
        free(s);
        break;
    }
    case F_FN:
        if (fn_set(m, fd, path, (cf_fn *)(base + fd->off), value)) return NULL;
        break;
    case F_SOLID_D: {
        cf_phase *ph = (cf_phase *)base;
        if (PyUnicode_Check(value) || (PySequence_Check(value) && !PyBytes_Check(value))) {
            if (fn_set(m, fd, path, &ph->diffusivity_fn, value)) return NULL;
            ph->diffusivity_m2_s = cf_fn_eval(&ph->diffusivity_fn, 0.5, 298.15, NULL); /* for reports */
        } else {
            if (cfpy_double(m, value, path, -HUGE_VAL, HUGE_VAL, &ph->diffusivity_m2_s)) return NULL;
            fn_release(&ph->diffusivity_fn);
        }
        break;
    }
    case F_STO: {
        double v;
        if (cfpy_double(m, value, path, 0, 1, &v)) return NULL;
        if (v == 0 || v == 1) return cfpy_invalid(m, path, "%g is outside the allowed range (0, 1)", v);
        cf_phase *ph = (cf_phase *)base;
        ph->c_init = v * ph->c_max;
        break;
    }
    case F_TYPE:
        if (set_type(m, c, (cf_electrode *)base, path, value)) return NULL;
        break;
    case F_OPT: {
        cf_electrode *e = (cf_electrode *)base;
        if (value == Py_None) {
            e->plating = 0;
            break;
        }
        if (e->planar) return cfpy_invalid(m, path, "a lithium-metal negative plates on its surface, not particles");
        if (cfpy_double(m, value, path, -HUGE_VAL, HUGE_VAL, (double *)(base + fd->off))) return NULL;
        e->plating = 1;
        if (!(e->plating_efficiency > 0)) e->plating_efficiency = 1.0;
        break;
    }
    default:
        if ((base == (char *)&c->neg || base == (char *)&c->pos) && in_table(ELECTRODE_FIELDS, COUNT(ELECTRODE_FIELDS),
                                                                             fd->name)) {
            int planar = ((cf_electrode *)base)->planar;
            if (planar_only(fd->name) && !planar)
                return cfpy_invalid(m, path, "%s is a parameter of a lithium-metal negative (set type first)", path);
            if (!planar_only(fd->name) && planar)
                return cfpy_invalid(m, path, "%s: a lithium-metal negative is a surface: it has no particles and "
                                             "no porous layer", path);
        }
        if (cfpy_double(m, value, path, -HUGE_VAL, HUGE_VAL, (double *)(base + fd->off))) return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *py_cell_reservoir(PyObject *m, PyObject *args)
{
    PyObject *cap;
    int present = -1;
    if (!PyArg_ParseTuple(args, "O|p:cell_reservoir", &cap, &present)) return NULL;
    cf_cell *c = cfpy_cell_from_capsule(cap);
    if (!c) return NULL;
    if (present == 1 && !c->reservoir.present)
        c->reservoir = (cf_reservoir){.present = 1, .area_m2 = CF_RESERVOIR_AREA_DEFAULT_M2,
                                      .j0_ref = CF_LI_J0_DEFAULT_A_M2,
                                      .ionic_resistance_ohm = CF_RESERVOIR_R_DEFAULT_OHM,
                                      .alloy_potential_V = CF_AL_ALLOY_POTENTIAL_V, .alloy_j0_A_m2 = CF_AL_ALLOY_J0_A_M2};
    else if (present == 0)
        memset(&c->reservoir, 0, sizeof c->reservoir);
    (void)m;
    return PyBool_FromLong(c->reservoir.present);
}

static PyObject *py_cell_validate(PyObject *m, PyObject *arg)
{
    cf_cell *c = cfpy_cell_from_capsule(arg);
    if (!c) return NULL;
    cf_error err;
    cf_error_clear(&err);
    if (cf_cell_validate(c, &err)) {
        cfpy_cell_translate_where(&err);
        return cfpy_raise(m, &err);
    }
    Py_RETURN_NONE;
}

/* ---- blends: the number of active materials of an electrode ---- */

static cf_electrode *electrode_of(PyObject *cap, const char *side)
{
    cf_cell *c = cfpy_cell_from_capsule(cap);
    if (!c) return NULL;
    cf_electrode *e = side_of(c, side, strlen(side));
    if (!e) PyErr_Format(PyExc_ValueError, "side must be 'negative' or 'positive' (got '%s')", side);
    return e;
}

static PyObject *py_cell_phase_count(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *cap;
    const char *side;
    if (!PyArg_ParseTuple(args, "Os:cell_phase_count", &cap, &side)) return NULL;
    cf_electrode *e = electrode_of(cap, side);
    return e ? PyLong_FromLong(e->n_phases) : NULL;
}

static int copy_fn(cf_fn *dst, const cf_fn *src)
{
    cf_fn f;
    cf_error err;
    if (cf_fn_copy(&f, src, &err) != CF_OK) {
        PyErr_NoMemory();
        return -1;
    }
    fn_release(dst);
    *dst = f;
    return 0;
}

static PyObject *py_cell_add_phase(PyObject *m, PyObject *args)
{
    PyObject *cap;
    const char *side;
    int like;
    if (!PyArg_ParseTuple(args, "Osi:cell_add_phase", &cap, &side, &like)) return NULL;
    cf_electrode *e = electrode_of(cap, side);
    if (!e) return NULL;
    if (e->n_phases >= CF_MAX_PHASES)
        return cfpy_invalid(m, "phases", "an electrode has at most %d active materials", CF_MAX_PHASES);
    if (like < 0 || like >= e->n_phases)
        return PyErr_Format(PyExc_IndexError, "phase %d does not exist (the electrode has %d)", like, e->n_phases);
    /* Slots past n_phases still own their OCP (freed with the cell): replace
     * it properly before copying the model phase in. */
    cf_phase *dst = &e->phase[e->n_phases];
    cf_fn keep = dst->ocp, keep_d = dst->diffusivity_fn;
    *dst = e->phase[like];
    dst->ocp = keep;
    dst->diffusivity_fn = keep_d;
    if (copy_fn(&dst->ocp, &e->phase[like].ocp) || copy_fn(&dst->diffusivity_fn, &e->phase[like].diffusivity_fn))
        return NULL;
    e->n_phases++;
    return PyLong_FromLong(e->n_phases - 1);
}

static PyObject *py_cell_remove_phase(PyObject *m, PyObject *args)
{
    PyObject *cap;
    const char *side;
    int index;
    if (!PyArg_ParseTuple(args, "Osi:cell_remove_phase", &cap, &side, &index)) return NULL;
    cf_electrode *e = electrode_of(cap, side);
    if (!e) return NULL;
    if (index < 0 || index >= e->n_phases)
        return PyErr_Format(PyExc_IndexError, "phase %d does not exist (the electrode has %d)", index, e->n_phases);
    if (e->n_phases == 1) return cfpy_invalid(m, "phases", "an electrode keeps at least one active material");
    /* Rotate the removed phase to the end: it keeps owning its OCP table. */
    cf_phase gone = e->phase[index];
    memmove(&e->phase[index], &e->phase[index + 1], (size_t)(e->n_phases - 1 - index) * sizeof(cf_phase));
    e->phase[e->n_phases - 1] = gone;
    e->n_phases--;
    Py_RETURN_NONE;
}

static const char *kind_name(field_kind k)
{
    switch (k) {
    case F_NAME:
    case F_TYPE: return "str";
    case F_OPT: return "optional float";
    case F_FN: case F_SOLID_D: return "function";
    default: return "float";
    }
}

static PyObject *py_cell_fields(PyObject *m, PyObject *unused)
{
    (void)m; (void)unused;
    PyObject *out = PyList_New(0);
    for (size_t g = 0; out && g < COUNT(GROUPS); g++)
        for (size_t i = 0; i < GROUPS[g].n; i++) {
            const field *fd = &GROUPS[g].fields[i];
            PyObject *t = Py_BuildValue("(sssssi)", GROUPS[g].name, fd->name, kind_name(fd->kind), fd->unit,
                                        fd->doc, fd->kind == F_STO);
            if (!t || PyList_Append(out, t) < 0) {
                Py_XDECREF(t);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(t);
        }
    return out;
}

static PyObject *py_builtin_cells(PyObject *m, PyObject *unused)
{
    (void)m; (void)unused;
    PyObject *out = PyList_New(0);
    for (const char *const *n = cf_cell_builtin_names(); out && *n; n++) {
        PyObject *s = PyUnicode_FromString(*n);
        if (!s || PyList_Append(out, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(s);
    }
    return out;
}

static PyObject *py_cells(PyObject *m, PyObject *unused)
{
    (void)unused;
    int n = cf_cell_builtin_count();
    PyObject *out = PyList_New(0);
    for (int i = 0; out && i < n; i++) {
        cf_builtin_cell_info f;
        cf_error err;
        cf_error_clear(&err);
        if (cf_cell_builtin_info(i, &f, &err)) {
            Py_DECREF(out);
            return cfpy_raise(m, &err);
        }
        PyObject *d = Py_BuildValue("{s:s,s:s,s:s,s:d,s:(dd),s:d,s:s}", "name", f.name, "chemistry", f.chemistry,
                                    "format", f.format, "nominal_capacity_Ah", f.nominal_capacity_Ah,
                                    "voltage_cutoffs_V", f.v_min, f.v_max, "temperature_K", f.T_K, "source",
                                    f.source);
        if (!d || PyList_Append(out, d) < 0) {
            Py_XDECREF(d);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(d);
    }
    return out;
}

static const char *role_key(int role)
{
    switch (role) {
    case CF_FN_ROLE_OCP: return "ocp";
    case CF_FN_ROLE_ELECTROLYTE_D: return "electrolyte_diffusivity";
    case CF_FN_ROLE_ELECTROLYTE_KAPPA: return "electrolyte_conductivity";
    case CF_FN_ROLE_SOLID_D: return "solid_diffusivity";
    default: return "other"; /* roles added to the registry later */
    }
}

static PyObject *py_material_functions(PyObject *m, PyObject *unused)
{
    (void)m; (void)unused;
    PyObject *out = PyList_New(0);
    for (int i = 0; out && i < cf_material_fn_count(); i++) {
        const cf_material_fn_entry *e = cf_material_fn_get(i);
        PyObject *t = Py_BuildValue("(sss)", e->name, role_key((int)e->role), e->source);
        if (!t || PyList_Append(out, t) < 0) {
            Py_XDECREF(t);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(t);
    }
    return out;
}

PyMethodDef cfpy_cell_methods[] = {
    {"cell_builtin", py_cell_builtin, METH_O, "cell_builtin(name) -> handle: a built-in cell."},
    {"cell_load", py_cell_load, METH_O, "cell_load(path_or_name) -> handle: a cell file or built-in name."},
    {"cell_is_handle", py_cell_is_handle, METH_O, "cell_is_handle(obj) -> bool: whether obj is a cell handle."},
    {"cell_copy", py_cell_copy, METH_O, "cell_copy(handle) -> handle: an independent copy."},
    {"cell_get", py_cell_get, METH_VARARGS, "cell_get(handle, 'negative.phases[0].ocp') -> value."},
    {"cell_set", py_cell_set, METH_VARARGS, "cell_set(handle, 'negative.porosity', value): type-checked assignment."},
    {"cell_phase_count", py_cell_phase_count, METH_VARARGS, "cell_phase_count(handle, side) -> int."},
    {"cell_add_phase", py_cell_add_phase, METH_VARARGS,
     "cell_add_phase(handle, side, like) -> index: a new active material, a copy of phase `like`."},
    {"cell_remove_phase", py_cell_remove_phase, METH_VARARGS, "cell_remove_phase(handle, side, index)."},
    {"cell_reservoir", py_cell_reservoir, METH_VARARGS,
     "cell_reservoir(handle[, present]) -> bool: whether the cell has a reservoir; True adds one (defaults), False "
     "removes it."},
    {"cell_validate", py_cell_validate, METH_O, "cell_validate(handle): raises InvalidInputError if out of range."},
    {"cell_fields", py_cell_fields, METH_NOARGS,
     "cell_fields() -> [(group, name, kind, unit, doc, derived)]: the parameters of cell, electrode, phase,\n"
     "separator and electrolyte."},
    {"builtin_cells", py_builtin_cells, METH_NOARGS, "builtin_cells() -> [str]: names of the built-in cells."},
    {"cells", py_cells, METH_NOARGS,
     "cells() -> [dict]: the built-in cells: name, chemistry, format, nominal_capacity_Ah, voltage_cutoffs_V,\n"
     "temperature_K, source."},
    {"material_functions", py_material_functions, METH_NOARGS,
     "material_functions() -> [(name, role, source)]: the built-in material functions."},
    {NULL, NULL, 0, NULL},
};
