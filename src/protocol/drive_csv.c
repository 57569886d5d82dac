/* drive_csv.c — drive cycles from CSV text and files.
 *
 * The reader is strict on purpose: a drive cycle with a NaN or a repeated
 * time stamp would make the model's forcing undefined, and the error is far
 * easier to fix when it names the line than when the solver fails later. */
#define _POSIX_C_SOURCE 200809L
#include "protocol/protocol_internal.h"
#include "cellforge/cf_io.h"
#include "cellforge/cf_ranges.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s; /* field start in the line */
    size_t len;
    size_t col; /* 1-based column of the field in its line */
} field;

static field trim_field(const char *line, size_t a, size_t b)
{
    while (a < b && (line[a] == ' ' || line[a] == '\t')) a++;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) b--;
    if (b - a >= 2 && line[a] == '"' && line[b - 1] == '"') a++, b--;
    field f = {line + a, b - a, a + 1};
    return f;
}

/* The field that starts at *at (a byte offset in the line), or len = (size_t)-1
 * past the last field; *at moves to the next field.  Walking a line with this
 * is linear in its length, whatever its number of fields. */
static field next_field(const char *line, size_t len, size_t *at)
{
    if (*at > len) {
        field none = {line, (size_t)-1, len + 1};
        return none;
    }
    size_t a = *at, b = a;
    while (b < len && line[b] != ',') b++;
    *at = b + 1; /* past the comma, or past the end after the last field */
    return trim_field(line, a, b);
}

/* Field number `want` (0-based) of a line, or len = (size_t)-1 if the line is shorter. */
static field get_field(const char *line, size_t len, int want)
{
    size_t at = 0;
    field f = next_field(line, len, &at);
    for (int k = 0; k < want && f.len != (size_t)-1; k++) f = next_field(line, len, &at);
    return f;
}

static int field_is(const field *f, const char *const *names)
{
    for (; *names; names++) {
        size_t n = strlen(*names);
        if (n != f->len) continue;
        size_t i = 0;
        while (i < n && tolower((unsigned char)f->s[i]) == (*names)[i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

static const char *const TIME_NAMES[] = {"time_s", "time [s]", NULL};
static const char *const CURRENT_NAMES[] = {"current_a", "current [a]", NULL};
static const char *const POWER_NAMES[] = {"power_w", "power [w]", NULL};

typedef struct {
    const char *name;
    int line;
    cf_error *err;
} csv_ctx;

static int csv_fail(const csv_ctx *c, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int csv_fail(const csv_ctx *c, size_t col, const char *fmt, ...)
{
    char where[192];
    if (col)
        snprintf(where, sizeof where, "%.150s:%d:%zu", c->name, c->line, col);
    else
        snprintf(where, sizeof where, "%.150s:%d", c->name, c->line);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cf_error_set(c->err, CF_EINVAL, where, "%s", msg);
}

/* Printable copy of at most 40 bytes of a field, for messages. */
static void show(const field *f, char *buf, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < f->len && i < 40 && o + 1 < size; i++) {
        unsigned char ch = (unsigned char)f->s[i];
        buf[o++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
    }
    buf[o] = '\0';
}

static int parse_value(const csv_ctx *c, const field *f, const char *column, double *out)
{
    char txt[64];
    show(f, txt, sizeof txt);
    if (f->len == 0) return csv_fail(c, f->col, "empty value in column '%s'", column);
    char buf[128];
    if (f->len >= sizeof buf) return csv_fail(c, f->col, "value in column '%s' is too long: '%s...'", column, txt);
    memcpy(buf, f->s, f->len);
    buf[f->len] = '\0';
    char *end = NULL;
    double v = strtod(buf, &end);
    int full = end == buf + f->len;
    /* strtod also reads hex floats; a drive cycle is decimal. */
    int decimal = strspn(buf, "0123456789+-.eE") == f->len;
    if (full && !isfinite(v))
        return csv_fail(c, f->col, "value '%s' in column '%s' is not a finite number (NaN and infinity are not allowed)",
                        txt, column);
    if (!full || !decimal)
        return csv_fail(c, f->col, "value '%s' in column '%s' is not a number", txt, column);
    *out = v;
    return CF_OK;
}

/* Finds the columns in the header line. */
static int read_header(const csv_ctx *c, const char *line, size_t len, int *col_t, int *col_y,
                       cf_drive_kind *kind)
{
    int ct = -1, cc = -1, cp = -1;
    size_t at = 0; /* one pass over the header: a header of many fields stays linear */
    for (int k = 0;; k++) {
        field f = next_field(line, len, &at);
        if (f.len == (size_t)-1) break;
        int *slot = field_is(&f, TIME_NAMES) ? &ct : field_is(&f, CURRENT_NAMES) ? &cc
                                                  : field_is(&f, POWER_NAMES) ? &cp
                                                                                  : NULL;
        if (!slot) continue;
        if (*slot >= 0) {
            char txt[64];
            show(&f, txt, sizeof txt);
            return csv_fail(c, f.col, "column '%s' appears twice in the header", txt);
        }
        *slot = k;
    }
    char hdr[80];
    field whole = {line, len < 70 ? len : 70, 1};
    show(&whole, hdr, sizeof hdr);
    if (ct < 0)
        return csv_fail(c, 0, "header has no 'time_s' column (header: '%s'%s); expected time_s and "
                              "current_A or power_W",
                        hdr, len > 70 ? "..." : "");
    if (cc < 0 && cp < 0)
        return csv_fail(c, 0, "header has no 'current_A' or 'power_W' column (header: '%s'%s)", hdr,
                        len > 70 ? "..." : "");
    if (cc >= 0 && cp >= 0)
        return csv_fail(c, 0, "header has both 'current_A' and 'power_W': keep one");
    *col_t = ct;
    *col_y = cc >= 0 ? cc : cp;
    *kind = cc >= 0 ? CF_DRIVE_CURRENT : CF_DRIVE_POWER;
    return CF_OK;
}

int cf_drive_cycle_parse(const char *text, const char *name, cf_drive_cycle **out, cf_error *err)
{
    *out = NULL;
    if (!name || !name[0]) name = "drive cycle";
    if (!text) return cf_error_set(err, CF_EINVAL, name, "no drive-cycle text");
    cf_drive_cycle *dc = cf_dc_alloc(name);
    if (!dc) return cf_error_set(err, CF_ENOMEM, name, "out of memory");
    csv_ctx c = {dc->name, 0, err};
    const char *p = text;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    int have_header = 0, col_t = -1, col_y = -1, last_line = 0;
    size_t cap = 0;
    int rc = CF_OK;
    const char *yname = "current_A";
    while (*p && !rc) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *line = p;
        p = nl ? nl + 1 : p + len;
        c.line++;
        if (len > 0 && line[len - 1] == '\r') len--;
        size_t lead = 0;
        while (lead < len && (line[lead] == ' ' || line[lead] == '\t')) lead++;
        if (lead == len || line[lead] == '#') continue;
        if (!have_header) {
            rc = read_header(&c, line, len, &col_t, &col_y, &dc->kind);
            have_header = 1;
            if (dc->kind == CF_DRIVE_POWER) yname = "power_W";
            continue;
        }
        field ft = get_field(line, len, col_t), fy = get_field(line, len, col_y);
        if (ft.len == (size_t)-1 || fy.len == (size_t)-1) {
            rc = csv_fail(&c, 0, "row has no value for column '%s' (too few fields)",
                          ft.len == (size_t)-1 ? "time_s" : yname);
            break;
        }
        double t, y;
        if ((rc = parse_value(&c, &ft, "time_s", &t)) != CF_OK) break;
        if ((rc = parse_value(&c, &fy, yname, &y)) != CF_OK) break;
        char range_msg[256]; /* the simulator's bound for a current or power (0 is a rest) */
        if (y != 0 && cf_quantity_check(dc->kind == CF_DRIVE_POWER ? CF_QTY_POWER : CF_QTY_CURRENT, y, range_msg,
                                        sizeof range_msg)) {
            rc = csv_fail(&c, fy.col, "%s", range_msg);
            break;
        }
        char time_msg[200];
        if (cf_dc_time_problem(dc->n, t, dc->n ? dc->t[dc->n - 1] : 0.0, time_msg, sizeof time_msg)) {
            if (dc->n > 0 && t <= dc->t[dc->n - 1]) /* name the earlier row's line too */
                rc = csv_fail(&c, ft.col, "time_s %.10g is not after %.10g on line %d: time must increase strictly",
                              t, dc->t[dc->n - 1], last_line);
            else
                rc = csv_fail(&c, ft.col, "time_s: %s", time_msg);
            break;
        }
        if (cf_dc_reserve(dc, &cap)) {
            rc = cf_error_set(err, CF_ENOMEM, dc->name, "out of memory (drive cycle too long)");
            break;
        }
        dc->t[dc->n] = t;
        dc->y[dc->n] = y;
        dc->n++;
        last_line = c.line;
    }
    if (!rc && !have_header)
        rc = cf_error_set(err, CF_EINVAL, dc->name,
                          "drive cycle is empty: expected a header with time_s and current_A or power_W, "
                          "then one row per time");
    else if (!rc && dc->n < 2)
        rc = cf_error_set(err, CF_EINVAL, dc->name, "drive cycle needs at least two rows (has %zu)", dc->n);
    if (rc) {
        cf_drive_cycle_free(dc);
        return rc;
    }
    cf_dc_shift_to_zero(dc);
    *out = dc;
    return CF_OK;
}

int cf_drive_cycle_load(const char *path, cf_drive_cycle **out, cf_error *err)
{
    *out = NULL;
    if (!path || !path[0]) return cf_error_set(err, CF_EINVAL, "drive cycle", "empty drive-cycle file name");
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_DATA, &text, &len, err);
    if (rc) return rc;
    if (strlen(text) != len) {
        size_t at = strlen(text);
        free(text);
        return cf_error_set(err, CF_EINVAL, path, "file contains a NUL byte at offset %zu: not a CSV text file", at);
    }
    rc = cf_drive_cycle_parse(text, path, out, err);
    free(text);
    return rc;
}

