/* bpx_emit.c — writes a jansson tree as indented JSON with every number in
 * its shortest form that reads back to the same double.
 *
 * jansson prints reals with a fixed precision ("%.17g" gives 0.1 as
 * 0.10000000000000001): exact, but unreadable for a parameter file people
 * edit.  Here each number takes the fewest significant digits (1..17) for
 * which strtod returns the same bits, so files stay short and a round trip
 * through BPX is exact.  Arrays of numbers go on one line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpx_emit.h"
#include "cellforge/cf_io.h"
#include "io/json_out.h"

void cf_bpx_format_double(double v, char *buf, size_t n)
{
    /* (Also tells GCC's ASan build, whose -Wformat-truncation otherwise
     * assumes buf may be NULL in the loop below, that it is not.) */
    if (!buf || n == 0) return;
    if (!isfinite(v)) {
        snprintf(buf, n, "null"); /* JSON has no NaN; callers never pass one */
        return;
    }
    /* Whole numbers of ordinary size read better as 35000.0 than 3.5e+04. */
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, n, "%.1f", v);
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v) break;
    }
    /* "3" would read back as an integer: keep reals real ("3.0"). */
    if (!strpbrk(buf, ".eEn")) {
        size_t len = strlen(buf);
        if (len + 2 < n) memcpy(buf + len, ".0", 3);
    }
}

/* Strings (keys and values) go through the one JSON writer: jansson's
 * escapes plus the unsafe characters as \uXXXX (io/json_out.h). */
static void put_string(FILE *f, const char *s)
{
    json_t *j = json_string(s);
    if (!j) { /* not UTF-8 (a name set through the C API): its bytes shown as \xNN */
        size_t n = cf_text_escape(NULL, 0, s) + 1;
        char *t = malloc(n);
        if (t) cf_text_escape(t, n, s);
        j = json_string(t ? t : "");
        free(t);
    }
    if (j) cf_json_dumpf(j, f, JSON_ENCODE_ANY);
    json_decref(j);
}

static int all_scalars(const json_t *a)
{
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) if (json_is_object(v) || json_is_array(v)) return 0;
    return 1;
}

static void put_value(FILE *f, const json_t *v, int indent)
{
    char buf[40];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (json_object_size(v) == 0) {
            fputs("{}", f);
            break;
        }
        fputs("{\n", f);
        const char *key;
        json_t *item;
        size_t k = 0, n = json_object_size(v);
        json_object_foreach((json_t *)v, key, item) {
            fprintf(f, "%*s", indent + 2, "");
            put_string(f, key);
            fputs(": ", f);
            put_value(f, item, indent + 2);
            fputs(++k < n ? ",\n" : "\n", f);
        }
        fprintf(f, "%*s}", indent, "");
        break;
    }
    case JSON_ARRAY: {
        size_t i, n = json_array_size(v);
        json_t *item;
        int flat = all_scalars(v);
        fputc('[', f);
        json_array_foreach(v, i, item) {
            if (!flat) fprintf(f, "\n%*s", indent + 2, "");
            put_value(f, item, indent + 2);
            if (i + 1 < n) fputs(flat ? ", " : ",", f);
        }
        if (!flat && n) fprintf(f, "\n%*s", indent, "");
        fputc(']', f);
        break;
    }
    case JSON_STRING: put_string(f, json_string_value(v)); break;
    case JSON_INTEGER: fprintf(f, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
    case JSON_REAL:
        cf_bpx_format_double(json_real_value(v), buf, sizeof buf);
        fputs(buf, f);
        break;
    case JSON_TRUE: fputs("true", f); break;
    case JSON_FALSE: fputs("false", f); break;
    default: fputs("null", f); break;
    }
}

void cf_bpx_emit(FILE *f, const json_t *root)
{
    put_value(f, root, 0);
    fputc('\n', f);
}
