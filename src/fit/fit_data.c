/* fit_data.c — measured voltage and current vs time from cycler exports.
 *
 * Each cycler names its columns differently and carries the unit in the
 * name ("Current(mA)", "I/mA", "Amps"); this reader maps the names of each
 * supported export to time, current and voltage, converts units to SI and
 * the current to cellforge's sign (positive = discharge).  It is strict: a
 * column without a unit, a value that is not a number, a time that does not
 * increase, or currents whose sign contradicts the voltage are refused with
 * file:line:column, because a silently misread column changes every fitted
 * value. */
#include "cellforge/cf_fit.h"
#include "cellforge/cf_io.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 128
#define NAME_MAX_LEN 96

typedef enum { Q_TIME = 0, Q_CURRENT, Q_VOLTAGE, Q_STATE, Q_N } quantity;
static const char *const Q_NAME[Q_N] = {"time", "current", "voltage", "state"};

/* Column names of each format, as lower-case "base" (the name without its
 * unit).  A name whose unit is part of the name ("amps") has it after '='. */
typedef struct {
    cf_fit_format fmt;
    const char *name;
    const char *bases[Q_N][5];
    cf_current_sign sign; /* the format's documented convention */
} format_spec;

static const format_spec FORMATS[] = {
    /* Arbin MITS Pro CSV: Test_Time(s), Current(A), Voltage(V); charge positive. */
    {CF_FIT_FORMAT_ARBIN, "arbin",
     {{"test_time", "test time"}, {"current"}, {"voltage"}, {NULL}}, CF_CURRENT_SIGN_CHARGE_POSITIVE},
    /* Maccor text/CSV export: "Test (Sec)", "Amps", "Volts" and the step
     * state (C charge, D discharge, R/O/S rest); Amps is a magnitude. */
    {CF_FIT_FORMAT_MACCOR, "maccor",
     {{"test", "test time", "testtime"}, {"amps=a", "current"}, {"volts=v", "voltage"}, {"state", "md"}},
     CF_CURRENT_SIGN_FORMAT},
    /* BioLogic EC-Lab text export (.mpt/.txt): time/s, Ewe/V or Ecell/V,
     * I/mA or <I>/mA; anodic (charge) current positive. */
    {CF_FIT_FORMAT_BIOLOGIC, "biologic",
     {{"time"}, {"i", "<i>"}, {"ecell", "ewe"}, {NULL}}, CF_CURRENT_SIGN_CHARGE_POSITIVE},
    /* Neware BTS CSV: Total Time (h:min:s.ms), Current(mA) or Current(A),
     * Voltage(V); charge positive. */
    {CF_FIT_FORMAT_NEWARE, "neware",
     {{"total time", "total_time"}, {"current"}, {"voltage"}, {NULL}}, CF_CURRENT_SIGN_CHARGE_POSITIVE},
    /* cellforge's generic CSV: time, current, voltage with units. */
    {CF_FIT_FORMAT_GENERIC, "generic",
     {{"time", "t"}, {"current", "i"}, {"voltage", "v"}, {NULL}}, CF_CURRENT_SIGN_DISCHARGE_POSITIVE},
};
#define N_FORMATS (sizeof FORMATS / sizeof FORMATS[0])

static const char *const FORMAT_NAMES[] = {"auto", "generic", "maccor", "arbin", "biologic", "neware"};

int cf_fit_format_parse(const char *name, cf_fit_format *f, cf_error *err)
{
    for (int k = 0; k < 6; k++)
        if (name && !strcmp(name, FORMAT_NAMES[k])) {
            *f = (cf_fit_format)k;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, "--format", "unknown data format '%s': use auto, generic, maccor, arbin, "
                        "biologic or neware", name ? name : "");
}

const char *cf_fit_format_name(cf_fit_format f)
{
    return (unsigned)f < 6 ? FORMAT_NAMES[f] : "?";
}

int cf_current_sign_parse(const char *name, cf_current_sign *s, cf_error *err)
{
    static const char *const names[] = {"format", "discharge-positive", "charge-positive"};
    for (int k = 0; k < 3; k++)
        if (name && !strcmp(name, names[k])) {
            *s = (cf_current_sign)k;
            return CF_OK;
        }
    return cf_error_set(err, CF_EINVAL, "--current-sign", "unknown current sign '%s': use format, "
                        "discharge-positive or charge-positive", name ? name : "");
}

/* ---- units ---- */

typedef struct {
    const char *name;
    quantity q;
    double scale; /* to SI */
} unit_def;

static const unit_def UNITS[] = {
    {"s", Q_TIME, 1}, {"sec", Q_TIME, 1}, {"second", Q_TIME, 1}, {"seconds", Q_TIME, 1},
    {"min", Q_TIME, 60}, {"h", Q_TIME, 3600}, {"hr", Q_TIME, 3600},
    {"a", Q_CURRENT, 1}, {"ma", Q_CURRENT, 1e-3}, {"ua", Q_CURRENT, 1e-6},
    {"v", Q_VOLTAGE, 1}, {"mv", Q_VOLTAGE, 1e-3},
};
/* A clock unit: values are [d-]h:m:s(.ms), as Neware writes times. */
#define CLOCK_SCALE (-1.0)

static int unit_scale(const char *u, quantity q, double *scale)
{
    if (q == Q_TIME && (!strcmp(u, "h:min:s.ms") || !strcmp(u, "h:mm:ss") || !strcmp(u, "hh:mm:ss") ||
                        !strcmp(u, "h:min:s"))) {
        *scale = CLOCK_SCALE;
        return 1;
    }
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++)
        if (UNITS[k].q == q && !strcmp(UNITS[k].name, u)) {
            *scale = UNITS[k].scale;
            return 1;
        }
    return 0;
}

static const char *unit_list(quantity q)
{
    switch (q) {
    case Q_TIME: return "s, min, h (or h:min:s.ms clock times)";
    case Q_CURRENT: return "A, mA, uA";
    case Q_VOLTAGE: return "V, mV";
    default: return "";
    }
}

/* Splits a header name into a lower-case base and unit: "Current(mA)",
 * "current [mA]", "I/mA", "time_s", "Test (Sec)".  unit is "" when none. */
static void split_name(const char *s, size_t len, char *base, char *unit)
{
    char low[NAME_MAX_LEN];
    size_t n = 0;
    for (size_t k = 0; k < len && n + 1 < sizeof low; k++) {
        char c = s[k];
        if (c == '"') continue;
        low[n++] = (char)tolower((unsigned char)c);
    }
    low[n] = 0;
    while (n && low[n - 1] == ' ') low[--n] = 0;
    char *p = low;
    while (*p == ' ') p++;
    unit[0] = 0;
    char *open = strpbrk(p, "([");
    char *slash = strchr(p, '/');
    if (slash && (!open || slash < open)) { /* BioLogic: "I/mA", "control/V/mA" has two */
        *slash = 0;
        snprintf(unit, NAME_MAX_LEN, "%s", slash + 1);
    } else if (open) {
        char *close = strpbrk(open + 1, ")]");
        if (close) *close = 0;
        snprintf(unit, NAME_MAX_LEN, "%s", open + 1);
        *open = 0;
    } else {
        /* "time_s": a known unit after the last underscore. */
        char *us = strrchr(p, '_');
        double sc;
        if (us && (unit_scale(us + 1, Q_TIME, &sc) || unit_scale(us + 1, Q_CURRENT, &sc) ||
                   unit_scale(us + 1, Q_VOLTAGE, &sc))) {
            snprintf(unit, NAME_MAX_LEN, "%s", us + 1);
            *us = 0;
        }
    }
    size_t bl = strlen(p);
    while (bl && p[bl - 1] == ' ') p[--bl] = 0;
    char *u = unit;
    while (*u == ' ') u++;
    memmove(unit, u, strlen(u) + 1);
    size_t ul = strlen(unit);
    while (ul && unit[ul - 1] == ' ') unit[--ul] = 0;
    snprintf(base, NAME_MAX_LEN, "%s", p);
}

/* ---- lines and fields ---- */

typedef struct {
    const char *s;
    size_t len, col; /* col: 1-based */
} field;

static int split_fields(const char *s, const char *e, char sep, field *f, int max)
{
    int n = 0;
    const char *p = s;
    for (;;) {
        const char *q = p;
        while (q < e && *q != sep) q++;
        const char *a = p, *b = q;
        while (a < b && (*a == ' ' || *a == '\r' || (sep != '\t' && *a == '\t'))) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\r' || (sep != '\t' && b[-1] == '\t'))) b--;
        if (b - a >= 2 && *a == '"' && b[-1] == '"') {
            a++;
            b--;
        }
        if (n == max) return -1;
        f[n].s = a;
        f[n].len = (size_t)(b - a);
        f[n].col = (size_t)(a - s) + 1;
        n++;
        if (q >= e) break;
        p = q + 1;
    }
    return n;
}

static char detect_sep(const char *s, const char *e)
{
    int tabs = 0, commas = 0, semis = 0;
    for (const char *p = s; p < e; p++) {
        tabs += *p == '\t';
        commas += *p == ',';
        semis += *p == ';';
    }
    if (tabs) return '\t';
    if (semis > commas) return ';';
    return ',';
}

/* A number, with a decimal comma when the separator is not a comma
 * (BioLogic in European locales).  Clock times "[d-]h:m:s.ms" when clock. */
static int parse_value(const field *f, char sep, int clock, double *v)
{
    char buf[64];
    if (f->len == 0 || f->len >= sizeof buf) return 0;
    memcpy(buf, f->s, f->len);
    buf[f->len] = 0;
    if (sep != ',')
        for (char *p = buf; *p; p++)
            if (*p == ',') *p = '.';
    if (clock && strchr(buf, ':')) {
        double days = 0, acc = 0;
        char *p = buf;
        char *dash = strchr(p, '-');
        if (dash && dash != p) {
            char *end;
            errno = 0;
            days = strtod(p, &end);
            if (end != dash || errno) return 0;
            p = dash + 1;
        }
        int parts = 0;
        for (;;) {
            char *end;
            errno = 0;
            double x = strtod(p, &end);
            if (end == p || errno || x < 0 || !isfinite(x)) return 0;
            acc = acc * 60 + x;
            parts++;
            if (*end == ':') {
                p = end + 1;
                continue;
            }
            if (*end) return 0;
            break;
        }
        if (parts < 2 || parts > 3) return 0;
        *v = days * 86400 + acc;
        return 1;
    }
    char *end;
    errno = 0;
    double x = strtod(buf, &end);
    if (end == buf || *end || errno == ERANGE || !isfinite(x)) return 0;
    *v = x;
    return 1;
}

/* ---- header ---- */

typedef struct {
    int idx[Q_N];      /* field index, -1: none */
    double scale[Q_N];
    size_t col[Q_N];
} columns;

/* Does this header line hold the format's columns?  Returns 1 with the
 * columns, 0 when a required name is missing, -1 with err set when the
 * names are there but a unit is missing or unknown. */
static int match_header(const format_spec *fs, const field *f, int nf, const char *source, size_t line,
                        columns *c, cf_error *err)
{
    int found_any = 0;
    for (int q = 0; q < Q_N; q++) {
        c->idx[q] = -1;
        c->scale[q] = 1;
        c->col[q] = 0;
    }
    for (int q = 0; q < Q_N; q++) {
        for (int k = 0; k < nf && c->idx[q] < 0; k++) {
            char base[NAME_MAX_LEN], unit[NAME_MAX_LEN];
            split_name(f[k].s, f[k].len, base, unit);
            for (int a = 0; a < 5 && fs->bases[q][a]; a++) {
                const char *alias = fs->bases[q][a];
                const char *eq = strchr(alias, '=');
                size_t al = eq ? (size_t)(eq - alias) : strlen(alias);
                if (strlen(base) != al || strncmp(base, alias, al)) continue;
                c->idx[q] = k;
                c->col[q] = f[k].col;
                if (q == Q_STATE) break;
                const char *u = unit[0] ? unit : eq ? eq + 1 : "";
                found_any = 1;
                c->scale[q] = 0;
                if (u[0] && !unit_scale(u, (quantity)q, &c->scale[q]))
                    return cf_error_set(err, CF_EINVAL, "", "%s:%zu:%zu: the %s column '%.*s' has the unit '%s', "
                                        "which is not one of %s", source, line, f[k].col, Q_NAME[q], (int)f[k].len,
                                        f[k].s, u, unit_list((quantity)q)),
                           -1;
                if (!u[0]) c->scale[q] = 0; /* decided below: a unit-less column */
                break;
            }
        }
    }
    if (c->idx[Q_TIME] < 0 || c->idx[Q_CURRENT] < 0 || c->idx[Q_VOLTAGE] < 0) return 0;
    (void)found_any;
    for (int q = 0; q < Q_STATE; q++)
        if (c->scale[q] == 0) {
            int k = c->idx[q];
            /* Neware's "Total Time" column holds clock times and no unit. */
            if (q == Q_TIME && fs->fmt == CF_FIT_FORMAT_NEWARE) {
                c->scale[q] = CLOCK_SCALE;
                continue;
            }
            return cf_error_set(err, CF_EINVAL, "", "%s:%zu:%zu: the %s column '%.*s' has no unit: name it with "
                                "one, e.g. '%s [%s]' (units: %s)", source, line, f[k].col, Q_NAME[q],
                                (int)f[k].len, f[k].s, Q_NAME[q], q == Q_TIME ? "s" : q == Q_CURRENT ? "A" : "V",
                                unit_list((quantity)q)),
                   -1;
        }
    return 1;
}

/* ---- reading ---- */

typedef struct {
    double *t, *i, *v;
    size_t *line;
    size_t n, cap;
} series;

static int series_push(series *s, double t, double i, double v, size_t line)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        double *t2 = realloc(s->t, cap * sizeof *t2);
        if (t2) s->t = t2;
        double *i2 = realloc(s->i, cap * sizeof *i2);
        if (i2) s->i = i2;
        double *v2 = realloc(s->v, cap * sizeof *v2);
        if (v2) s->v = v2;
        size_t *l2 = realloc(s->line, cap * sizeof *l2);
        if (l2) s->line = l2;
        if (!t2 || !i2 || !v2 || !l2) return CF_ENOMEM;
        s->cap = cap;
    }
    s->t[s->n] = t;
    s->i[s->n] = i;
    s->v[s->n] = v;
    s->line[s->n] = line;
    s->n++;
    return CF_OK;
}

static void series_free(series *s)
{
    free(s->t);
    free(s->i);
    free(s->v);
    free(s->line);
}

/* The voltage must fall while the cell discharges.  Over consecutive
 * samples under current of one sign, sum sign(I) dV: a clearly positive
 * sum (the voltage rises under "discharge") means the file's sign
 * convention is the other one. */
static int check_sign(const series *s, const char *source, cf_fit_format fmt, cf_current_sign sign, cf_error *err)
{
    double imax = 0;
    for (size_t k = 0; k < s->n; k++) imax = fmax(imax, fabs(s->i[k]));
    if (imax == 0) return CF_OK;
    double thr = 0.01 * imax, along = 0, total = 0;
    size_t n_up = 0, n_all = 0;
    for (size_t k = 0; k + 1 < s->n; k++) {
        double a = s->i[k], b = s->i[k + 1];
        if (fabs(a) < thr || fabs(b) < thr || (a > 0) != (b > 0)) continue;
        double dv = (s->v[k + 1] - s->v[k]) * (a > 0 ? 1 : -1);
        along += dv;
        total += fabs(dv);
        n_all++;
        n_up += dv > 0;
    }
    if (total > 1e-3 && along > 0.5 * total) {
        const char *conv = sign == CF_CURRENT_SIGN_FORMAT
                               ? (fmt == CF_FIT_FORMAT_GENERIC ? "the generic format's discharge-positive"
                                                               : "the format's documented one")
                           : sign == CF_CURRENT_SIGN_CHARGE_POSITIVE ? "charge-positive"
                                                                     : "discharge-positive";
        return cf_error_set(err, CF_EINVAL, source,
                            "the currents have the wrong sign for their convention (%s): the voltage moves "
                            "against the current (rises under what it calls discharge, falls under charge) at %zu "
                            "of %zu steps under current (by %.3g V in all); "
                            "cellforge takes discharge as positive: give --current-sign %s if the file "
                            "counts charge as positive, or check the current column",
                            conv, n_up, n_all, along,
                            sign == CF_CURRENT_SIGN_CHARGE_POSITIVE ? "discharge-positive" : "charge-positive");
    }
    return CF_OK;
}

static const format_spec *spec_of(cf_fit_format f)
{
    for (size_t k = 0; k < N_FORMATS; k++)
        if (FORMATS[k].fmt == f) return &FORMATS[k];
    return NULL;
}

int cf_fit_data_parse(const char *text, size_t len, const char *source, cf_fit_format fmt, cf_current_sign sign,
                      cf_fit_data **out, cf_error *err)
{
    *out = NULL;
    if (!source) source = "data";
    if ((unsigned)fmt > CF_FIT_FORMAT_NEWARE)
        return cf_error_set(err, CF_EINVAL, "--format", "unknown data format");
    if ((unsigned)sign > CF_CURRENT_SIGN_CHARGE_POSITIVE)
        return cf_error_set(err, CF_EINVAL, "--current-sign", "unknown current sign");
    if (memchr(text, 0, len)) return cf_error_set(err, CF_EINVAL, source, "a NUL byte: this is not a text export");
    field *f = malloc(MAX_FIELDS * sizeof *f);
    if (!f) return cf_error_set(err, CF_ENOMEM, source, "out of memory");
    const char *end = text + len, *p = text;
    size_t line = 0, header_line = 0, biologic_header = 0;
    const format_spec *fs = NULL;
    columns col;
    char sep = ',';
    series s = {0};
    int rc = CF_OK;
    while (p < end && !rc) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e) e = end;
        line++;
        const char *ls = p;
        p = e < end ? e + 1 : end;
        const char *t = ls;
        while (t < e && (*t == ' ' || *t == '\t' || *t == '\r')) t++;
        if (!fs) {
            /* EC-Lab: "Nb header lines : 62" says where the column names are. */
            if (!strncmp(ls, "Nb header lines", 15) && e - ls < 60) {
                const char *c = memchr(ls, ':', (size_t)(e - ls));
                if (c) biologic_header = (size_t)strtoul(c + 1, NULL, 10);
            }
            if (t == e || line > 200) {
                if (line > 200) break;
                continue;
            }
            if (biologic_header && line < biologic_header) continue;
            char sp = detect_sep(ls, e);
            int nf = split_fields(ls, e, sp, f, MAX_FIELDS);
            if (nf < 3) continue;
            for (size_t k = 0; k < N_FORMATS && !fs; k++) {
                if (fmt != CF_FIT_FORMAT_AUTO && FORMATS[k].fmt != fmt) continue;
                int m = match_header(&FORMATS[k], f, nf, source, line, &col, err);
                if (m < 0) {
                    rc = CF_EINVAL;
                    break;
                }
                if (m) {
                    fs = &FORMATS[k];
                    sep = sp;
                    header_line = line;
                }
            }
            continue;
        }
        if (t == e || *t == '#') continue;
        int nf = split_fields(ls, e, sep, f, MAX_FIELDS);
        if (nf < 0) {
            rc = cf_error_set(err, CF_EINVAL, "", "%s:%zu: more than %d fields", source, line, MAX_FIELDS);
            break;
        }
        double val[3] = {0, 0, 0};
        for (int q = 0; q < 3 && !rc; q++) {
            int k = col.idx[q];
            if (k >= nf) {
                rc = cf_error_set(err, CF_EINVAL, "", "%s:%zu: the row has %d fields but the %s column is field %d "
                                  "(line %zu)", source, line, nf, Q_NAME[q], k + 1, header_line);
                break;
            }
            if (!parse_value(&f[k], sep, col.scale[q] == CLOCK_SCALE, &val[q])) {
                rc = cf_error_set(err, CF_EINVAL, "", "%s:%zu:%zu: expected a %s in the %s column, found '%.*s'",
                                  source, line, f[k].col, col.scale[q] == CLOCK_SCALE ? "clock time h:m:s" : "number",
                                  Q_NAME[q], (int)(f[k].len > 40 ? 40 : f[k].len), f[k].s);
                break;
            }
            if (col.scale[q] != CLOCK_SCALE) val[q] *= col.scale[q];
        }
        if (rc) break;
        /* Cellforge's sign: positive discharges. */
        if (fs->fmt == CF_FIT_FORMAT_MACCOR && sign == CF_CURRENT_SIGN_FORMAT) {
            if (col.idx[Q_STATE] < 0) {
                rc = cf_error_set(err, CF_EINVAL, "", "%s:%zu: a Maccor export gives the current as a magnitude "
                                  "and its direction in the State column (C charge, D discharge), which this file "
                                  "lacks: add it, or give --current-sign", source, header_line);
                break;
            }
            int k = col.idx[Q_STATE];
            char st = k < nf && f[k].len ? (char)toupper((unsigned char)f[k].s[0]) : 0;
            if (st == 'D') val[1] = fabs(val[1]);
            else if (st == 'C') val[1] = -fabs(val[1]);
            else if (st == 'R' || st == 'O' || st == 'S') val[1] = 0;
            else {
                rc = cf_error_set(err, CF_EINVAL, "", "%s:%zu:%zu: the State column holds '%.*s': expected C "
                                  "(charge), D (discharge), R, O or S (rest)", source, line,
                                  k < nf ? f[k].col : 0, (int)(k < nf ? (f[k].len > 20 ? 20 : f[k].len) : 0),
                                  k < nf ? f[k].s : "");
                break;
            }
        } else {
            cf_current_sign conv = sign == CF_CURRENT_SIGN_FORMAT ? fs->sign : sign;
            if (conv == CF_CURRENT_SIGN_CHARGE_POSITIVE) val[1] = -val[1];
        }
        if (s.n && !(val[0] > s.t[s.n - 1])) {
            rc = cf_error_set(err, CF_EINVAL, "", "%s:%zu:%zu: time goes from %.9g s (line %zu) to %.9g s: time must "
                              "increase strictly (one test's records, in order, without repeated rows)",
                              source, line, f[col.idx[0]].col, s.t[s.n - 1], s.line[s.n - 1], val[0]);
            break;
        }
        if (series_push(&s, val[0], val[1], val[2], line)) rc = cf_error_set(err, CF_ENOMEM, source, "out of memory");
    }
    free(f);
    if (!rc && !fs) {
        if (fmt == CF_FIT_FORMAT_AUTO)
            rc = cf_error_set(err, CF_EINVAL, source, "no header line with time, current and voltage columns of a "
                              "known export (generic: time [s], current [A], voltage [V]; Arbin: Test_Time(s), "
                              "Current(A), Voltage(V); Maccor: Test (Sec), Amps, Volts, State; BioLogic: time/s, "
                              "I/mA, Ewe/V; Neware: Total Time, Current(mA), Voltage(V))");
        else {
            const format_spec *want = spec_of(fmt);
            rc = cf_error_set(err, CF_EINVAL, source, "no header line with the %s columns: time (%s), current (%s), "
                              "voltage (%s), each with its unit", want->name, want->bases[0][0], want->bases[1][0],
                              want->bases[2][0]);
        }
    }
    if (!rc && s.n < 3)
        rc = cf_error_set(err, CF_EINVAL, source, "%zu data rows after the header (line %zu): a fit needs at least 3",
                          s.n, header_line);
    if (!rc) rc = check_sign(&s, source, fs->fmt, sign, err);
    if (!rc) {
        cf_fit_data *d = calloc(1, sizeof *d);
        if (!d) rc = cf_error_set(err, CF_ENOMEM, source, "out of memory");
        else {
            d->n = s.n;
            d->t_s = s.t;
            d->current_A = s.i;
            d->voltage_V = s.v;
            d->format = fs->fmt;
            free(s.line);
            *out = d;
            return CF_OK;
        }
    }
    series_free(&s);
    return rc;
}

int cf_fit_data_read(const char *path, cf_fit_format fmt, cf_current_sign sign, cf_fit_data **out, cf_error *err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_DATA, &text, &len, err);
    if (rc) return rc;
    rc = cf_fit_data_parse(text, len, path, fmt, sign, out, err);
    free(text);
    return rc;
}

void cf_fit_data_free(cf_fit_data *d)
{
    if (!d) return;
    free(d->t_s);
    free(d->current_A);
    free(d->voltage_V);
    free(d);
}
