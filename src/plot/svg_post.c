/* svg_post.c — finishing cairo's SVG output for people and for HTML pages.
 *
 * cairo draws text as glyph outlines (<symbol id="glyph0-1">), so the words
 * on a plot are not in the file as words.  Here the same strings are added
 * as a transparent text layer (searchable, selectable, read by screen
 * readers), a <title> names the figure, and — for SVG inlined in a page with
 * other SVGs — every id and reference gets a prefix, because ids share one
 * namespace per HTML document and cairo numbers them the same in every
 * figure (glyph0-1 would otherwise draw another figure's letter).  cairo's
 * per-process surface numbers are renumbered per figure, so the same figure
 * is the same bytes every time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/plot_internal.h"

typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

static void put_escaped(sbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': puts_(b, "&amp;"); break;
        case '<': puts_(b, "&lt;"); break;
        case '>': puts_(b, "&gt;"); break;
        case '"': puts_(b, "&quot;"); break;
        default: put(b, s, 1);
        }
    }
}

void cf_plot_text_log_add(cf_plot_text_log *log, const cf_plot_text *t)
{
    if (!log || log->oom) return;
    if (log->n == log->cap) {
        size_t cap = log->cap ? 2 * log->cap : 64;
        cf_plot_text *nv = realloc(log->v, cap * sizeof *nv);
        if (!nv) {
            log->oom = 1;
            return;
        }
        log->v = nv;
        log->cap = cap;
    }
    log->v[log->n++] = *t;
}

static void text_layer(sbuf *b, const cf_plot_text_log *log)
{
    char num[160];
    puts_(b, "<g class=\"cf-text\" fill=\"#000\" fill-opacity=\"0\" font-family=\"DejaVu Sans, sans-serif\">\n");
    for (size_t i = 0; log && i < log->n; i++) {
        const cf_plot_text *t = &log->v[i];
        if (t->rotated)
            snprintf(num, sizeof num, "<text transform=\"translate(%.2f %.2f) rotate(-90)\" x=\"0\" y=\"0\"",
                     t->x, t->y);
        else
            snprintf(num, sizeof num, "<text x=\"%.2f\" y=\"%.2f\"", t->x, t->y);
        puts_(b, num);
        snprintf(num, sizeof num, " font-size=\"%.1f\"%s textLength=\"%.2f\" lengthAdjust=\"spacingAndGlyphs\">",
                 t->size, t->bold ? " font-weight=\"bold\"" : "", t->width > 0 ? t->width : 1.0);
        puts_(b, num);
        put_escaped(b, t->text);
        puts_(b, "</text>\n");
    }
    puts_(b, "</g>\n");
}

/* cairo names each surface "surface<N>" with N from a process-wide counter,
 * so the same figure drawn twice (or in another thread meanwhile) would get
 * other ids.  They are renumbered 1, 2, ... in order of appearance in each
 * SVG: the same figure is then the same bytes in every run and process. */
typedef struct {
    unsigned long seen[32];
    size_t n;
} surface_ids;

/* At s[0..n): "surface<digits>" is written renumbered; returns the length
 * consumed (0: not a surface id, nothing written). */
static size_t put_surface_id(sbuf *b, const char *s, size_t n, surface_ids *ids)
{
    static const char SURF[] = "surface";
    size_t m = sizeof SURF - 1, d = m;
    if (n <= m || memcmp(s, SURF, m) != 0) return 0;
    unsigned long v = 0;
    while (d < n && d < m + 9 && s[d] >= '0' && s[d] <= '9') v = v * 10 + (unsigned long)(s[d++] - '0');
    if (d == m || (d < n && s[d] >= '0' && s[d] <= '9')) return 0;
    size_t k = 0;
    while (k < ids->n && ids->seen[k] != v) k++;
    if (k == ids->n) {
        if (ids->n == sizeof ids->seen / sizeof ids->seen[0]) return 0; /* keep cairo's number */
        ids->seen[ids->n++] = v;
    }
    char buf[32];
    int len = snprintf(buf, sizeof buf, "surface%zu", k + 1);
    put(b, buf, (size_t)len);
    return d;
}

/* Copies raw[0..n) adding `prefix` after every id=", href="# and url(#
 * (surface ids renumbered, see above). */
static void copy_prefixed(sbuf *b, const char *s, size_t n, const char *prefix, surface_ids *ids)
{
    static const char *const PAT[] = {" id=\"", "href=\"#", "url(#"};
    size_t plen = prefix ? strlen(prefix) : 0;
    size_t i = 0, from = 0;
    while (i < n) {
        size_t hit = 0;
        for (size_t k = 0; k < 3 && !hit; k++) {
            size_t m = strlen(PAT[k]);
            if (i + m <= n && memcmp(s + i, PAT[k], m) == 0) hit = m;
        }
        if (hit) {
            put(b, s + from, i + hit - from);
            if (plen) put(b, prefix, plen);
            i += hit;
            i += put_surface_id(b, s + i, n - i, ids);
            from = i;
        } else {
            i++;
        }
    }
    put(b, s + from, n - from);
}

int cf_plot_svg_post(const char *raw, size_t len, const char *title, const cf_plot_text_log *log,
                     const char *id_prefix, int inline_svg, char **out, size_t *out_len, cf_error *err)
{
    const char *open = strstr(raw, "<svg");
    const char *open_end = open ? strchr(open, '>') : NULL;
    const char *close = NULL;
    for (const char *q = raw; (q = strstr(q, "</svg>")) != NULL; q++) close = q;
    if (!open || !open_end || !close || close < open_end || (size_t)(close - raw) > len)
        return cf_error_set(err, CF_EIO, "svg", "cairo produced SVG without an <svg> element");
    sbuf b = {0};
    if (!inline_svg) put(&b, raw, (size_t)(open - raw)); /* keep the XML declaration */
    /* role/aria make screen readers announce the figure by its title. */
    put(&b, open, 4);
    puts_(&b, " role=\"img\"");
    surface_ids ids = {.n = 0};
    copy_prefixed(&b, open + 4, (size_t)(open_end + 1 - (open + 4)), id_prefix, &ids);
    puts_(&b, "\n<title>");
    put_escaped(&b, title && title[0] ? title : "cellforge plot");
    puts_(&b, "</title>\n");
    copy_prefixed(&b, open_end + 1, (size_t)(close - (open_end + 1)), id_prefix, &ids);
    text_layer(&b, log);
    puts_(&b, "</svg>\n");
    if (b.oom || (log && log->oom)) {
        free(b.p);
        return cf_error_set(err, CF_ENOMEM, "svg", "out of memory while writing the SVG");
    }
    *out = b.p;
    if (out_len) *out_len = b.n;
    return CF_OK;
}
