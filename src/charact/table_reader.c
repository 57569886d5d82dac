/* table_reader.c — numeric text tables from instruments, with line numbers.
 *
 * Instrument exports differ in separators, headers and comments but agree on
 * "one record per line".  This reader accepts that variety (see
 * charact_internal.h) and is strict about the numbers themselves: a
 * malformed file is reported at file:line:column with what was expected,
 * never silently skipped, because a skipped row changes the answer. */
#include "charact_internal.h"
#include "cellforge/cf_io.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 64

typedef struct {
    const char *start; /* points into the line */
    size_t len;
    size_t col;        /* 1-based character column */
} field;

static int is_sep(char c) { return c == ',' || c == ';'; }

static int is_comment_start(const char *s)
{
    return *s == '#' || *s == '%' || *s == '!' || *s == ';' || (s[0] == '/' && s[1] == '/');
}

/* Splits [s, e) into fields.  Returns the count, or -1 for an empty field
 * between two separators (reported at *bad_col), or -2 for too many fields. */
static int split_fields(const char *s, const char *e, field *f, size_t *bad_col)
{
    const char *line0 = s;
    int n = 0;
    const char *p = s;
    int need_field = 0; /* a separator was seen: a field must follow */
    for (;;) {
        while (p < e && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
        if (p >= e) break;
        if (is_sep(*p)) {
            if (n == 0 || need_field) {
                *bad_col = (size_t)(p - line0) + 1;
                return -1;
            }
            need_field = 1;
            p++;
            continue;
        }
        if (n == MAX_FIELDS) return -2;
        const char *q = p;
        while (q < e && *q != ' ' && *q != '\t' && *q != '\r' && !is_sep(*q)) q++;
        f[n].start = p;
        f[n].len = (size_t)(q - p);
        f[n].col = (size_t)(p - line0) + 1;
        n++;
        need_field = 0;
        p = q;
    }
    /* One trailing separator ("1.0,2.0,") is common in spreadsheet exports. */
    return n;
}

/* Parses a whole field as a finite decimal number (no hex, inf or nan). */
static int parse_number(const field *f, double *out)
{
    char buf[64];
    if (f->len == 0 || f->len >= sizeof buf) return -1;
    for (size_t i = 0; i < f->len; i++) {
        char c = f->start[i];
        if (!(isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E'))
            return -1;
    }
    memcpy(buf, f->start, f->len);
    buf[f->len] = '\0';
    char *end = NULL;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0' || errno == ERANGE || !isfinite(v)) return -1;
    *out = v;
    return 0;
}

static void set_name(cf_ctab *t, const char *name)
{
    snprintf(t->name, sizeof t->name, "%s", name && name[0] ? name : "<input>");
}

static int fail_at(const char *name, int line, size_t col, cf_error *err, int code, const char *fmt,
                   ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int fail_at(const char *name, int line, size_t col, cf_error *err, int code, const char *fmt,
                   ...)
{
    char where[192];
    if (col)
        snprintf(where, sizeof where, "%s:%d:%zu", name, line, col);
    else
        snprintf(where, sizeof where, "%s:%d", name, line);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cf_error_set(err, code, where, "%s", msg);
}

static const char *col_label(const char *const *names, size_t i, char *buf, size_t n)
{
    if (names && names[i])
        snprintf(buf, n, "column %zu (%s)", i + 1, names[i]);
    else
        snprintf(buf, n, "column %zu", i + 1);
    return buf;
}

static int grow(cf_ctab *t, size_t *cap, cf_error *err)
{
    size_t nc = *cap ? *cap * 2 : 256;
    double *v = realloc(t->v, nc * t->ncols * sizeof *v);
    if (!v) return cf_error_set(err, CF_ENOMEM, t->name, "out of memory reading table");
    t->v = v;
    int *l = realloc(t->line, nc * sizeof *l);
    if (!l) return cf_error_set(err, CF_ENOMEM, t->name, "out of memory reading table");
    t->line = l;
    *cap = nc;
    return CF_OK;
}

static void expected_cols(size_t min_cols, size_t max_cols, char *buf, size_t n)
{
    if (min_cols == max_cols)
        snprintf(buf, n, "%zu", min_cols);
    else
        snprintf(buf, n, "%zu to %zu", min_cols, max_cols);
}

int cf_ctab_parse(const char *text, const char *name, size_t min_cols, size_t max_cols,
                  const char *const *col_names, cf_ctab *t, cf_error *err)
{
    memset(t, 0, sizeof *t);
    set_name(t, name);
    if (min_cols < 1) min_cols = 1;
    if (max_cols < min_cols) max_cols = min_cols;
    if (max_cols > MAX_FIELDS) max_cols = MAX_FIELDS;
    size_t cap = 0;
    int lineno = 0;
    int first_data_line = 0;
    const char *p = text;
    /* A UTF-8 byte-order mark is invisible to the user; skip it. */
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) p += 3;
    field f[MAX_FIELDS];
    char lab[64], exp[32];
    while (*p) {
        lineno++;
        const char *e = p;
        while (*e && *e != '\n') e++;
        const char *next = *e ? e + 1 : e;
        const char *s = p;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r')) s++;
        if (s == e || is_comment_start(s)) {
            p = next;
            continue;
        }
        /* Trailing comment on a data line. */
        const char *hash = memchr(s, '#', (size_t)(e - s));
        const char *end = hash ? hash : e;
        size_t bad_col = 0;
        int nf = split_fields(p, end, f, &bad_col);
        if (nf == -2) {
            cf_ctab_free(t);
            return fail_at(t->name, lineno, 0, err, CF_EINVAL, "more than %d fields on one line",
                           MAX_FIELDS);
        }
        /* The first token decides header vs data, even when the rest of the
         * line does not split cleanly (CSV headers often have empty cells). */
        field tok0 = {s, 0, (size_t)(s - p) + 1};
        while (s + tok0.len < end && !strchr(" \t\r,;", s[tok0.len])) tok0.len++;
        double first;
        int first_is_num = parse_number(&tok0, &first) == 0;
        if (!t->ncols && !first_is_num) { /* header or metadata line */
            p = next;
            continue;
        }
        if (nf == -1) {
            cf_ctab_free(t);
            return fail_at(t->name, lineno, bad_col, err, CF_EINVAL,
                           "empty field: expected a number between the separators");
        }
        if (!t->ncols) {
            if ((size_t)nf < min_cols || (size_t)nf > max_cols) {
                expected_cols(min_cols, max_cols, exp, sizeof exp);
                cf_ctab_free(t);
                return fail_at(t->name, lineno, 0, err, CF_EINVAL,
                               "expected %s numeric columns, found %d", exp, nf);
            }
            t->ncols = (size_t)nf;
            first_data_line = lineno;
        } else if ((size_t)nf != t->ncols) {
            size_t want = t->ncols;
            cf_ctab_free(t);
            if (!first_is_num)
                return fail_at(t->name, lineno, f[0].col, err, CF_EINVAL,
                               "expected a number in %s, found '%.*s'",
                               col_label(col_names, 0, lab, sizeof lab), (int)(f[0].len > 40 ? 40 : f[0].len),
                               f[0].start);
            return fail_at(t->name, lineno, 0, err, CF_EINVAL,
                           "expected %zu columns (as on line %d), found %d", want,
                           first_data_line, nf);
        }
        if (t->nrows == cap && grow(t, &cap, err) != CF_OK) {
            cf_ctab_free(t);
            return CF_ENOMEM;
        }
        for (size_t i = 0; i < t->ncols; i++) {
            double v;
            if (parse_number(&f[i], &v) != 0) {
                cf_ctab_free(t);
                return fail_at(t->name, lineno, f[i].col, err, CF_EINVAL,
                               "expected a finite decimal number in %s, found '%.*s'",
                               col_label(col_names, i, lab, sizeof lab),
                               (int)(f[i].len > 40 ? 40 : f[i].len), f[i].start);
            }
            t->v[t->nrows * t->ncols + i] = v;
        }
        t->line[t->nrows] = lineno;
        t->nrows++;
        p = next;
    }
    if (t->nrows == 0) {
        expected_cols(min_cols, max_cols, exp, sizeof exp);
        char where[192];
        snprintf(where, sizeof where, "%s", t->name);
        cf_ctab_free(t);
        return cf_error_set(err, CF_EINVAL, where, "no data rows (expected lines of %s numbers)", exp);
    }
    return CF_OK;
}

int cf_ctab_read(const char *path, size_t min_cols, size_t max_cols,
                 const char *const *col_names, cf_ctab *t, cf_error *err)
{
    memset(t, 0, sizeof *t);
    char *text = NULL;
    size_t len = 0;
    /* "-": an instrument export piped in (read with the same cap). */
    int rc = cf_read_file(path, CF_INPUT_DATA | CF_INPUT_STDIN, &text, &len, err);
    if (rc != CF_OK) return rc;
    if (memchr(text, '\0', len)) {
        free(text);
        return cf_error_set(err, CF_EINVAL, path, "binary file: expected a text table of numbers");
    }
    rc = cf_ctab_parse(text, path, min_cols, max_cols, col_names, t, err);
    free(text);
    return rc;
}

void cf_ctab_free(cf_ctab *t)
{
    if (!t) return;
    free(t->v);
    free(t->line);
    t->v = NULL;
    t->line = NULL;
    t->nrows = t->ncols = 0;
}

int cf_ctab_fail(const cf_ctab *t, size_t r, cf_error *err, const char *fmt, ...)
{
    char where[192];
    snprintf(where, sizeof where, "%s:%d", t->name, r < t->nrows ? t->line[r] : 0);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cf_error_set(err, CF_EINVAL, where, "%s", msg);
}
