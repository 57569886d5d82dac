/* rows.c — the CSV text of a sweep: header, exact numbers, quoted messages.
 *
 * Rows are text from the moment a run ends, and are passed between threads,
 * ranks and checkpoint files as text, so a resumed or distributed sweep
 * writes exactly the bytes an uninterrupted one does. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep/sweep_internal.h"

int sw_buf_printf(sw_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) return CF_ENOMEM;
    if (b->n + (size_t)need + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->n + (size_t)need + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) return CF_ENOMEM;
        b->p = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
    return CF_OK;
}

int sw_buf_exact(sw_buf *b, double v)
{
    /* The varied values are inputs: print them so that they read back to
     * the very double the run used (0.3, not 0.29999999999999999). */
    char t[40];
    snprintf(t, sizeof t, "%.15g", v);
    if (strtod(t, NULL) != v) snprintf(t, sizeof t, "%.17g", v);
    return sw_buf_printf(b, "%s", t);
}

int sw_buf_csv_text(sw_buf *b, const char *text)
{
    int quote = strpbrk(text, ",\"\r\n\t") != NULL;
    int rc = quote ? sw_buf_printf(b, "\"") : CF_OK;
    for (const char *c = text; *c && !rc; c++) {
        if (*c == '"') rc = sw_buf_printf(b, "\"\"");
        else if ((unsigned char)*c < 0x20) rc = sw_buf_printf(b, " "); /* one row stays one line */
        else rc = sw_buf_printf(b, "%c", *c);
    }
    if (!rc && quote) rc = sw_buf_printf(b, "\"");
    return rc;
}

int sw_build_header(cf_sweep *s)
{
    sw_buf b = {0};
    int rc = sw_buf_printf(&b, "run");
    for (size_t d = 0; d < s->n_dims && !rc; d++) {
        rc = sw_buf_printf(&b, ",");
        if (!rc) rc = sw_buf_csv_text(&b, s->dims[d].name);
    }
    for (size_t k = 0; k < s->n_outputs && !rc; k++) rc = sw_buf_printf(&b, ",%s", s->outputs[k].name);
    if (!rc) rc = sw_buf_printf(&b, ",error");
    if (rc) {
        free(b.p);
        return CF_ENOMEM;
    }
    s->header = b.p;
    return CF_OK;
}

long long cf_sweep_row_run(const char *row)
{
    long long v = 0;
    const char *c = row;
    if (*c < '0' || *c > '9') return -1;
    for (; *c >= '0' && *c <= '9'; c++) {
        if (v > (long long)CF_SWEEP_MAX_RUNS * 10) return -1;
        v = v * 10 + (*c - '0');
    }
    return *c == ',' ? v : -1;
}
