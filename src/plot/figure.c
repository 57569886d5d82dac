/* figure.c — building figures: panels, curves, markers, notes.
 *
 * Strings are copied into fixed buffers (truncated, never overrun) and curve
 * data into owned arrays, so a figure outlives whatever it was built from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/plot_internal.h"

/* Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008),
 * without its yellow, which is unreadable on white; 8 colours for the at
 * most 8 curves the simulation plots draw. */
static const unsigned char PALETTE[][3] = {
    {0x00, 0x72, 0xB2}, /* blue          */
    {0xD5, 0x5E, 0x00}, /* vermillion    */
    {0x00, 0x9E, 0x73}, /* bluish green  */
    {0xCC, 0x79, 0xA7}, /* reddish purple */
    {0xE6, 0x9F, 0x00}, /* orange        */
    {0x56, 0xB4, 0xE9}, /* sky blue      */
    {0x00, 0x00, 0x00}, /* black         */
    {0x88, 0x22, 0x55}, /* wine (Tol's muted palette): an 8th curve */
};
#define N_PALETTE ((int)(sizeof PALETTE / sizeof PALETTE[0]))

int cf_plot_palette_size(void) { return N_PALETTE; }

void cf_plot_palette(int i, double rgb[3])
{
    int k = ((i % N_PALETTE) + N_PALETTE) % N_PALETTE;
    for (int c = 0; c < 3; c++) rgb[c] = PALETTE[k][c] / 255.0;
}

static void copy_text(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

cf_plot_figure *cf_plot_figure_new(const char *title)
{
    cf_plot_figure *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    copy_text(f->title, sizeof f->title, title);
    return f;
}

static void panel_free(cf_plot_panel *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->ns; i++) {
        free(p->series[i].x);
        free(p->series[i].y);
    }
    free(p->series);
    free(p->bar_labels);
    free(p->bar_values);
    free(p);
}

void cf_plot_figure_free(cf_plot_figure *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) panel_free(f->panels[i]);
    free(f->panels);
    free(f);
}

void cf_plot_figure_set_columns(cf_plot_figure *f, int columns)
{
    if (f) f->columns = columns < 1 ? 1 : columns > 4 ? 4 : columns;
}

size_t cf_plot_figure_panel_count(const cf_plot_figure *f) { return f ? f->n : 0; }

cf_plot_panel *cf_plot_panel_add(cf_plot_figure *f, const char *title, const char *xlabel, const char *ylabel)
{
    if (!f) return NULL;
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 8;
        cf_plot_panel **np = realloc(f->panels, cap * sizeof *np);
        if (!np) {
            f->oom = 1;
            return NULL;
        }
        f->panels = np;
        f->cap = cap;
    }
    cf_plot_panel *p = calloc(1, sizeof *p);
    if (!p) {
        f->oom = 1;
        return NULL;
    }
    copy_text(p->title, sizeof p->title, title);
    copy_text(p->xlabel, sizeof p->xlabel, xlabel);
    copy_text(p->ylabel, sizeof p->ylabel, ylabel);
    p->oom = &f->oom;
    f->panels[f->n++] = p;
    return p;
}

void cf_plot_panel_series(cf_plot_panel *p, const double *x, const double *y, size_t n, const char *label,
                          int style, int color)
{
    if (!p || n == 0 || !x || !y) return;
    if (p->ns == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 4;
        cf_plot_series *ns = realloc(p->series, cap * sizeof *ns);
        if (!ns) {
            *p->oom = 1;
            return;
        }
        p->series = ns;
        p->cap = cap;
    }
    cf_plot_series *s = &p->series[p->ns];
    memset(s, 0, sizeof *s);
    s->x = malloc(n * sizeof *s->x);
    s->y = malloc(n * sizeof *s->y);
    if (!s->x || !s->y) {
        free(s->x);
        free(s->y);
        *p->oom = 1;
        return;
    }
    memcpy(s->x, x, n * sizeof *x);
    memcpy(s->y, y, n * sizeof *y);
    s->n = n;
    copy_text(s->label, sizeof s->label, label);
    s->style = style ? style : CF_PLOT_LINE;
    s->color = color >= 0 ? color : p->next_color++;
    p->ns++;
}

void cf_plot_panel_vline(cf_plot_panel *p, double x, const char *label)
{
    if (!p || p->nv >= CF_PLOT_MAX_VLINES) return;
    p->vlines[p->nv].x = x;
    copy_text(p->vlines[p->nv].label, sizeof p->vlines[p->nv].label, label);
    p->nv++;
}

void cf_plot_panel_xrange(cf_plot_panel *p, double lo, double hi)
{
    if (!p || !(hi > lo)) return;
    p->has_xrange = 1;
    p->xlo = lo;
    p->xhi = hi;
}

void cf_plot_panel_integer_x(cf_plot_panel *p)
{
    if (p) p->integer_x = 1;
}

void cf_plot_panel_note(cf_plot_panel *p, const char *fmt, ...)
{
    if (!p) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->note, sizeof p->note, fmt, ap);
    va_end(ap);
}

size_t cf_plot_panel_series_count(const cf_plot_panel *p) { return p ? p->ns : 0; }

void cf_plot_panel_bars(cf_plot_panel *p, const char *const *labels, const double *values, size_t n)
{
    if (!p || n == 0) return;
    char(*l)[48] = malloc(n * sizeof *l);
    double *v = malloc(n * sizeof *v);
    if (!l || !v) {
        free(l);
        free(v);
        *p->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        copy_text(l[i], sizeof l[i], labels[i]);
        v[i] = values[i];
    }
    free(p->bar_labels);
    free(p->bar_values);
    p->bar_labels = l;
    p->bar_values = v;
    p->nbars = n;
}

int cf_plot_format_from_path(const char *path, cf_plot_format *fmt, cf_error *err)
{
    static const struct {
        const char *ext;
        cf_plot_format fmt;
    } EXT[] = {{".png", CF_PLOT_PNG}, {".svg", CF_PLOT_SVG}, {".pdf", CF_PLOT_PDF}};
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (dot && (!slash || dot > slash) && strlen(dot) == 4) {
        char low[5];
        for (int i = 0; i < 4; i++) low[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ? dot[i] - 'A' + 'a' : dot[i]);
        low[4] = '\0';
        for (size_t i = 0; i < sizeof EXT / sizeof EXT[0]; i++)
            if (strcmp(low, EXT[i].ext) == 0) {
                *fmt = EXT[i].fmt;
                return CF_OK;
            }
    }
    return cf_error_set(err, CF_EINVAL, path ? path : "(none)",
                        "unknown plot file type '%s': the name must end in .png, .svg or .pdf",
                        dot && (!slash || dot > slash) ? dot : "(no extension)");
}
