/* render.c — drawing figures with cairo into PNG, SVG and PDF surfaces.
 *
 * One drawing routine serves the three formats; only the surface differs.
 * Units are pixels for PNG and points for SVG/PDF (same numbers, so every
 * format has the same proportions).  Without cairo (optional dependency)
 * the render calls report CF_EUNSUPPORTED and what to install. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_io.h"
#include "plot/plot_internal.h"

#define CF_PI 3.14159265358979323846

#ifndef CF_HAVE_CAIRO

int cf_plot_available(void) { return 0; }

static int unsupported(cf_error *err)
{
    return cf_error_set(err, CF_EUNSUPPORTED, "plot",
                        "this cellforge was built without cairo, so it cannot draw plots; install "
                        "libcairo2-dev (scripts/install-deps) and rebuild");
}

int cf_plot_figure_write(const cf_plot_figure *f, const char *path, cf_error *err)
{
    cf_plot_format fmt;
    int rc = cf_plot_format_from_path(path, &fmt, err);
    return rc ? rc : unsupported(err);
}

int cf_plot_figure_svg(const cf_plot_figure *f, const char *id_prefix, char **svg, size_t *len, cf_error *err)
{
    *svg = NULL;
    return unsupported(err);
}

int cf_plot_panel_svg(const cf_plot_figure *f, size_t i, const char *id_prefix, char **svg, size_t *len,
                      cf_error *err)
{
    *svg = NULL;
    return unsupported(err);
}

#else

#include <pthread.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#define PANEL_W 560.0
#define PANEL_H 360.0
#define TITLE_BAND 44.0
#define FONT "DejaVu Sans"
#define MAX_LEGEND 10

int cf_plot_available(void) { return 1; }

/* cairo keeps fonts (and fontconfig patterns) in process-wide caches that
 * are never freed; a figure is drawn rarely, so they are dropped after each
 * one: leak checkers (the sanitizer builds) then see a clean exit.  Dropping
 * them is not thread-safe (cairo_debug_reset_static_data must not run while
 * any cairo call does), and Python threads draw reports concurrently: the
 * caches go only when the last figure being drawn in the process is done,
 * and a figure starting meanwhile waits for that. */
static pthread_mutex_t drawing_lock = PTHREAD_MUTEX_INITIALIZER;
static int drawing; /* figures being drawn now, under drawing_lock */

static void drawing_begin(void)
{
    pthread_mutex_lock(&drawing_lock);
    drawing++;
    pthread_mutex_unlock(&drawing_lock);
}

static void drawing_end(void)
{
    pthread_mutex_lock(&drawing_lock);
    if (--drawing == 0) cairo_debug_reset_static_data();
    pthread_mutex_unlock(&drawing_lock);
}


typedef struct {
    cairo_t *cr;
    cf_plot_text_log *log;
} ctx;

enum { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END };

/* Draws s with its baseline at y (or centred on y when vmiddle) and logs it
 * for the SVG text layer.  Returns the advance width. */
static double text(ctx *c, double x, double y, const char *s, double size, int anchor, int vmiddle, int bold,
                   int rotated, double gray)
{
    cairo_t *cr = c->cr;
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, s, &ext);
    double w = ext.x_advance;
    double dx = anchor == ANCHOR_MIDDLE ? -w / 2 : anchor == ANCHOR_END ? -w : 0;
    double dy = vmiddle ? 0.36 * size : 0; /* about half the x-height: looks centred */
    cf_plot_text t = {0};
    cairo_save(cr);
    cairo_set_source_rgb(cr, gray, gray, gray);
    if (rotated) {
        cairo_translate(cr, x, y);
        cairo_rotate(cr, -CF_PI / 2);
        cairo_move_to(cr, dx, dy);
        /* In the page frame the baseline start is (x + dy, y - dx). */
        t.x = x + dy;
        t.y = y - dx;
    } else {
        cairo_move_to(cr, x + dx, y + dy);
        t.x = x + dx;
        t.y = y + dy;
    }
    cairo_show_text(cr, s);
    cairo_restore(cr);
    t.size = size;
    t.width = w;
    t.rotated = rotated;
    t.bold = bold;
    snprintf(t.text, sizeof t.text, "%s", s);
    cf_plot_text_log_add(c->log, &t);
    return w;
}

static double text_width(ctx *c, const char *s, double size)
{
    cairo_select_font_face(c->cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c->cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(c->cr, s, &ext);
    return ext.x_advance;
}

typedef struct {
    double l, r, t, b;          /* plot area in page units */
    double xlo, xhi, ylo, yhi;  /* data range shown         */
} frame;

static double px(const frame *f, double x) { return f->l + (x - f->xlo) / (f->xhi - f->xlo) * (f->r - f->l); }
static double py(const frame *f, double y) { return f->b - (y - f->ylo) / (f->yhi - f->ylo) * (f->b - f->t); }

static int data_range(const cf_plot_panel *p, double *xlo, double *xhi, double *ylo, double *yhi)
{
    int any = 0;
    *xlo = *ylo = INFINITY;
    *xhi = *yhi = -INFINITY;
    for (size_t s = 0; s < p->ns; s++)
        for (size_t i = 0; i < p->series[s].n; i++) {
            double x = p->series[s].x[i], y = p->series[s].y[i];
            if (!isfinite(x) || !isfinite(y)) continue;
            if (p->has_xrange && (x < p->xlo || x > p->xhi)) continue;
            any = 1;
            if (x < *xlo) *xlo = x;
            if (x > *xhi) *xhi = x;
            if (y < *ylo) *ylo = y;
            if (y > *yhi) *yhi = y;
        }
    if (p->has_xrange) {
        *xlo = p->xlo;
        *xhi = p->xhi;
    }
    return any;
}

static void set_color(cairo_t *cr, int color)
{
    double rgb[3];
    cf_plot_palette(color, rgb);
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

/* Adds a polyline to the path, merging points that fall in the same pixel
 * column into first/min/max/last: the picture is unchanged while a 100 000-row
 * cycling run stays a small SVG/PDF.  NAN points lift the pen. */
static void line_path(cairo_t *cr, const frame *fr, const cf_plot_series *s)
{
    int pen = 0;
    long col = 0;
    double fx = 0, fy = 0, mny = 0, mxy = 0, lx = 0, ly = 0;
    int have = 0;
#define FLUSH()                                                                                                        \
    do {                                                                                                               \
        if (have) {                                                                                                    \
            if (!pen) {                                                                                                \
                cairo_move_to(cr, fx, fy);                                                                             \
                pen = 1;                                                                                               \
            } else                                                                                                     \
                cairo_line_to(cr, fx, fy);                                                                             \
            if (mny < fy && mny < ly) cairo_line_to(cr, fx, mny);                                                      \
            if (mxy > fy && mxy > ly) cairo_line_to(cr, fx, mxy);                                                      \
            cairo_line_to(cr, lx, ly);                                                                                 \
            have = 0;                                                                                                  \
        }                                                                                                              \
    } while (0)
    for (size_t i = 0; i < s->n; i++) {
        if (!isfinite(s->x[i]) || !isfinite(s->y[i])) {
            FLUSH();
            pen = 0;
            continue;
        }
        double x = px(fr, s->x[i]), y = py(fr, s->y[i]);
        long c = lround(x * 2); /* half-pixel columns */
        if (have && c == col) {
            if (y < mny) mny = y;
            if (y > mxy) mxy = y;
            lx = x;
            ly = y;
            continue;
        }
        FLUSH();
        have = 1;
        col = c;
        fx = lx = x;
        fy = ly = mny = mxy = y;
    }
    FLUSH();
#undef FLUSH
}

static void draw_series(cairo_t *cr, const frame *fr, const cf_plot_series *s)
{
    set_color(cr, s->color);
    if (s->style & CF_PLOT_LINE) {
        cairo_set_line_width(cr, 1.8);
        if (s->style & CF_PLOT_DASHED) {
            double dash[] = {6.0, 4.0};
            cairo_set_dash(cr, dash, 2, 0);
        }
        cairo_new_path(cr);
        line_path(cr, fr, s);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    if (s->style & CF_PLOT_MARKERS) {
        for (size_t i = 0; i < s->n; i++) {
            if (!isfinite(s->x[i]) || !isfinite(s->y[i])) continue;
            cairo_new_sub_path(cr);
            cairo_arc(cr, px(fr, s->x[i]), py(fr, s->y[i]), 3.2, 0, 2 * CF_PI);
        }
        cairo_fill(cr);
    }
}

/* Counts curve samples inside a box (points and, for lines, four points
 * along each drawn segment): the legend goes where it hides least. */
static size_t points_in(const cf_plot_panel *p, const frame *fr, double x0, double y0, double x1, double y1)
{
    size_t hits = 0;
    for (size_t s = 0; s < p->ns; s++) {
        const cf_plot_series *ser = &p->series[s];
        size_t stride = ser->n / 400 + 1;
        int sub = (ser->style & CF_PLOT_LINE) ? 4 : 1;
        for (size_t i = 0; i < ser->n; i += stride) {
            size_t j = i + stride < ser->n ? i + stride : i;
            double ax = px(fr, ser->x[i]), ay = py(fr, ser->y[i]), bx = px(fr, ser->x[j]), by = py(fr, ser->y[j]);
            for (int k = 0; k < sub; k++) {
                double f = (double)k / sub, x = ax + f * (bx - ax), y = ay + f * (by - ay);
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) hits += stride;
            }
        }
    }
    return hits;
}

static void draw_legend(ctx *c, const cf_plot_panel *p, const frame *fr)
{
    size_t idx[MAX_LEGEND + 1], n = 0, labelled = 0;
    for (size_t s = 0; s < p->ns; s++)
        if (p->series[s].label[0]) {
            if (n < MAX_LEGEND) idx[n++] = s;
            labelled++;
        }
    if (n == 0) return;
    const double fs = 11.0, row = 16.0;
    char more[48] = "";
    if (labelled > n) snprintf(more, sizeof more, "and %zu more", labelled - n);
    double w = more[0] ? text_width(c, more, fs) : 0;
    for (size_t k = 0; k < n; k++) w = fmax(w, text_width(c, p->series[idx[k]].label, fs));
    double bw = w + 38, bh = (n + (more[0] ? 1 : 0)) * row + 8;
    /* Corners first, then the middles of the sides; below the marker labels. */
    double top = fr->t + (p->nv ? 22 : 8), midy = 0.5 * (fr->t + fr->b - bh);
    double cand[6][2] = {{fr->r - bw - 8, top},          {fr->l + 8, top},  {fr->r - bw - 8, fr->b - bh - 8},
                         {fr->l + 8, fr->b - bh - 8}, {fr->r - bw - 8, midy}, {fr->l + 8, midy}};
    int best = 0;
    size_t best_hits = (size_t)-1;
    for (int k = 0; k < 6; k++) {
        size_t h = points_in(p, fr, cand[k][0], cand[k][1], cand[k][0] + bw, cand[k][1] + bh);
        if (h < best_hits) {
            best_hits = h;
            best = k;
        }
    }
    double x0 = cand[best][0], y0 = cand[best][1];
    cairo_t *cr = c->cr;
    cairo_rectangle(cr, x0, y0, bw, bh);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    for (size_t k = 0; k < n; k++) {
        const cf_plot_series *s = &p->series[idx[k]];
        double yy = y0 + 4 + row * (k + 0.5);
        set_color(cr, s->color);
        if (s->style & CF_PLOT_LINE) {
            cairo_set_line_width(cr, 2.0);
            if (s->style & CF_PLOT_DASHED) {
                double dash[] = {5.0, 3.0};
                cairo_set_dash(cr, dash, 2, 0);
            }
            cairo_move_to(cr, x0 + 6, yy);
            cairo_line_to(cr, x0 + 28, yy);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        }
        if (s->style & CF_PLOT_MARKERS) {
            cairo_arc(cr, x0 + 17, yy, 3.2, 0, 2 * CF_PI);
            cairo_fill(cr);
        }
        text(c, x0 + 33, yy, s->label, fs, ANCHOR_START, 1, 0, 0, 0.1);
    }
    if (more[0]) text(c, x0 + 33, y0 + 4 + row * (n + 0.5), more, fs, ANCHOR_START, 1, 0, 0, 0.4);
}

static void draw_axes(ctx *c, const frame *fr, const double *xt, int nxt, const double *yt, int nyt)
{
    cairo_t *cr = c->cr;
    char buf[48];
    cairo_set_line_width(cr, 0.8);
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    for (int i = 0; i < nxt; i++) {
        double x = floor(px(fr, xt[i])) + 0.5;
        cairo_move_to(cr, x, fr->t);
        cairo_line_to(cr, x, fr->b);
    }
    for (int i = 0; i < nyt; i++) {
        double y = floor(py(fr, yt[i])) + 0.5;
        cairo_move_to(cr, fr->l, y);
        cairo_line_to(cr, fr->r, y);
    }
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, floor(fr->l) + 0.5, floor(fr->t) + 0.5, floor(fr->r - fr->l), floor(fr->b - fr->t));
    cairo_stroke(cr);
    double xstep = nxt > 1 ? xt[1] - xt[0] : 1, ystep = nyt > 1 ? yt[1] - yt[0] : 1;
    for (int i = 0; i < nxt; i++) {
        double x = floor(px(fr, xt[i])) + 0.5;
        cairo_move_to(cr, x, fr->b);
        cairo_line_to(cr, x, fr->b + 5);
        cairo_stroke(cr);
        cf_plot_format_tick(xt[i], xstep, buf, sizeof buf);
        text(c, x, fr->b + 18, buf, 11.5, ANCHOR_MIDDLE, 0, 0, 0, 0.15);
    }
    for (int i = 0; i < nyt; i++) {
        double y = floor(py(fr, yt[i])) + 0.5;
        cairo_move_to(cr, fr->l - 5, y);
        cairo_line_to(cr, fr->l, y);
        cairo_stroke(cr);
        cf_plot_format_tick(yt[i], ystep, buf, sizeof buf);
        text(c, fr->l - 8, y, buf, 11.5, ANCHOR_END, 1, 0, 0, 0.15);
    }
}

/* Horizontal bars: categories down the left, values along x from zero. */
static void draw_bars(ctx *c, const cf_plot_panel *p, double ox, double oy, double top)
{
    cairo_t *cr = c->cr;
    double vmax = 0;
    for (size_t i = 0; i < p->nbars; i++)
        if (isfinite(p->bar_values[i])) vmax = fmax(vmax, p->bar_values[i]);
    double xt[16], xlo, xhi;
    int nxt = cf_plot_nice_ticks(0, vmax > 0 ? vmax * 1.02 : 1, 5, xt, 16, &xlo, &xhi);
    const double fs = p->nbars > 16 ? 9.5 : 11.0;
    double wlab = 0;
    for (size_t i = 0; i < p->nbars; i++) wlab = fmax(wlab, text_width(c, p->bar_labels[i], fs));
    wlab = fmin(wlab, 0.45 * PANEL_W);
    frame fr = {.l = ox + 16 + wlab, .r = ox + PANEL_W - 24, .t = top, .b = oy + PANEL_H - 50,
                .xlo = xlo, .xhi = xhi, .ylo = 0, .yhi = 1};
    draw_axes(c, &fr, xt, nxt, NULL, 0);
    text(c, (fr.l + fr.r) / 2, oy + PANEL_H - 14, p->xlabel, 13, ANCHOR_MIDDLE, 0, 0, 0, 0.1);
    double row = (fr.b - fr.t) / (double)p->nbars;
    for (size_t i = 0; i < p->nbars; i++) {
        double y = fr.t + row * ((double)i + 0.5), v = p->bar_values[i];
        if (isfinite(v) && v > 0) {
            set_color(cr, 0);
            cairo_rectangle(cr, fr.l, y - 0.35 * row, px(&fr, v) - fr.l, 0.7 * row);
            cairo_fill(cr);
        }
        text(c, fr.l - 6, y, p->bar_labels[i], fs, ANCHOR_END, 1, 0, 0, 0.15);
    }
}

static void draw_panel(ctx *c, const cf_plot_panel *p, double ox, double oy)
{
    cairo_t *cr = c->cr;
    text(c, ox + PANEL_W / 2, oy + 24, p->title, 15, ANCHOR_MIDDLE, 0, 1, 0, 0.1);
    double top = oy + 40;
    if (p->note[0]) {
        text(c, ox + PANEL_W / 2, oy + 42, p->note, 11, ANCHOR_MIDDLE, 0, 0, 0, 0.35);
        top += 12;
    }
    if (p->nbars) {
        draw_bars(c, p, ox, oy, top);
        return;
    }
    double xlo, xhi, ylo, yhi;
    int any = data_range(p, &xlo, &xhi, &ylo, &yhi);
    if (!any) {
        if (!p->has_xrange) xlo = 0, xhi = 1;
        ylo = 0;
        yhi = 1;
    }
    if (any && yhi > ylo) { /* a little room so no curve runs along the frame */
        double pad = 0.03 * (yhi - ylo);
        ylo = ylo >= 0 && ylo - pad < 0 ? 0 : ylo - pad;
        yhi += pad;
    }
    if (any && p->integer_x && !p->has_xrange) { /* counted things sit inside the frame */
        xlo -= 0.3;
        xhi += 0.3;
    }
    double xt[16], yt[16];
    int nxt = cf_plot_nice_ticks(xlo, xhi, 6, xt, 16, &xlo, &xhi);
    int nyt = cf_plot_nice_ticks(ylo, yhi, 6, yt, 16, &ylo, &yhi);
    if (p->integer_x && nxt > 1 && xt[1] - xt[0] < 1) { /* whole numbers only */
        double a = ceil(xlo), b = floor(xhi);
        nxt = 0;
        for (double v = a; v <= b && nxt < 16; v += 1) xt[nxt++] = v;
    }
    if (p->has_xrange) { /* keep the fixed range; drop ticks outside it */
        xlo = p->xlo;
        xhi = p->xhi;
        int k = 0;
        for (int i = 0; i < nxt; i++)
            if (xt[i] >= xlo - 1e-9 * (xhi - xlo) && xt[i] <= xhi + 1e-9 * (xhi - xlo)) xt[k++] = xt[i];
        nxt = k;
    }
    /* The left margin fits the widest y tick label. */
    char buf[48];
    double wmax = 0, ystep = nyt > 1 ? yt[1] - yt[0] : 1;
    for (int i = 0; i < nyt; i++) {
        cf_plot_format_tick(yt[i], ystep, buf, sizeof buf);
        wmax = fmax(wmax, text_width(c, buf, 11.5));
    }
    frame fr = {.l = ox + 40 + wmax, .r = ox + PANEL_W - 18, .t = top, .b = oy + PANEL_H - 50,
                .xlo = xlo, .xhi = xhi, .ylo = ylo, .yhi = yhi};
    draw_axes(c, &fr, xt, nxt, yt, nyt);
    text(c, (fr.l + fr.r) / 2, oy + PANEL_H - 14, p->xlabel, 13, ANCHOR_MIDDLE, 0, 0, 0, 0.1);
    text(c, ox + 16, (fr.t + fr.b) / 2, p->ylabel, 13, ANCHOR_MIDDLE, 1, 0, 1, 0.1);
    cairo_save(cr);
    cairo_rectangle(cr, fr.l, fr.t, fr.r - fr.l, fr.b - fr.t);
    cairo_clip(cr);
    for (size_t v = 0; v < p->nv; v++) {
        double x = px(&fr, p->vlines[v].x);
        if (x < fr.l - 0.5 || x > fr.r + 0.5) continue;
        double dash[] = {3.0, 3.0};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(cr, 1.0);
        cairo_move_to(cr, floor(x) + 0.5, fr.t);
        cairo_line_to(cr, floor(x) + 0.5, fr.b);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        if (p->vlines[v].label[0]) text(c, x + 4, fr.t + 13, p->vlines[v].label, 10.5, ANCHOR_START, 0, 0, 0, 0.45);
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t s = 0; s < p->ns; s++) draw_series(cr, &fr, &p->series[s]);
    cairo_restore(cr);
    if (!any) text(c, (fr.l + fr.r) / 2, (fr.t + fr.b) / 2, "no data", 13, ANCHOR_MIDDLE, 1, 0, 0, 0.5);
    else draw_legend(c, p, &fr);
}

static int columns_of(const cf_plot_figure *f)
{
    int cols = f->columns ? f->columns : (f->n > 1 ? 2 : 1);
    return (size_t)cols > f->n ? (int)f->n : cols;
}

static void figure_size(const cf_plot_figure *f, double *w, double *h)
{
    int cols = columns_of(f);
    size_t rows = (f->n + (size_t)cols - 1) / (size_t)cols;
    *w = cols * PANEL_W;
    *h = rows * PANEL_H + (f->title[0] ? TITLE_BAND : 0);
}

static int draw_figure(cairo_t *cr, const cf_plot_figure *f, cf_plot_text_log *log)
{
    ctx c = {cr, log};
    double w, h;
    figure_size(f, &w, &h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    double y0 = 0;
    if (f->title[0]) {
        text(&c, w / 2, 30, f->title, 17, ANCHOR_MIDDLE, 0, 1, 0, 0.05);
        y0 = TITLE_BAND;
    }
    int cols = columns_of(f);
    for (size_t i = 0; i < f->n; i++)
        draw_panel(&c, f->panels[i], (double)(i % (size_t)cols) * PANEL_W, y0 + (double)(i / (size_t)cols) * PANEL_H);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CF_OK : CF_EIO;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, (FILE *)closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

typedef struct {
    unsigned char *p;
    size_t n, cap;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *m = closure;
    if (m->n + len + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->n + len + 1) cap *= 2;
        unsigned char *np = realloc(m->p, cap);
        if (!np) return CAIRO_STATUS_NO_MEMORY;
        m->p = np;
        m->cap = cap;
    }
    memcpy(m->p + m->n, data, len);
    m->n += len;
    m->p[m->n] = 0;
    return CAIRO_STATUS_SUCCESS;
}

static int check_figure(const cf_plot_figure *f, const char *where, cf_error *err)
{
    if (!f || f->oom) return cf_error_set(err, CF_ENOMEM, where, "out of memory while building the plot");
    if (f->n == 0) return cf_error_set(err, CF_EINVAL, where, "nothing to plot: the figure has no panels");
    return CF_OK;
}

static int surface_failed(cairo_surface_t *s, const char *where, cf_error *err)
{
    cairo_status_t st = cairo_surface_status(s);
    return st == CAIRO_STATUS_SUCCESS ? CF_OK
                                      : cf_error_set(err, st == CAIRO_STATUS_NO_MEMORY ? CF_ENOMEM : CF_EIO, where,
                                                     "cairo: %s", cairo_status_to_string(st));
}

/* Raw cairo SVG into memory, with the text log. */
static int render_svg(const cf_plot_figure *f, membuf *m, cf_plot_text_log *log, const char *where, cf_error *err)
{
    double w, h;
    figure_size(f, &w, &h);
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_mem, m, w, h);
    int rc = surface_failed(s, where, err);
    if (!rc) {
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
        cairo_t *cr = cairo_create(s);
        rc = draw_figure(cr, f, log);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (!rc) rc = surface_failed(s, where, err);
        else cf_error_set(err, rc, where, "cairo could not draw the figure");
    }
    cairo_surface_destroy(s);
    return rc;
}

int cf_plot_figure_svg(const cf_plot_figure *f, const char *id_prefix, char **svg, size_t *len, cf_error *err)
{
    *svg = NULL;
    int rc = check_figure(f, "svg", err);
    if (rc) return rc;
    membuf m = {0};
    cf_plot_text_log log = {0};
    drawing_begin();
    rc = render_svg(f, &m, &log, "svg", err);
    drawing_end();
    if (!rc) rc = cf_plot_svg_post((const char *)m.p, m.n, f->title[0] ? f->title : (f->n ? f->panels[0]->title : ""),
                                   &log, id_prefix, 1, svg, len, err);
    free(m.p);
    free(log.v);
    return rc;
}

int cf_plot_panel_svg(const cf_plot_figure *f, size_t i, const char *id_prefix, char **svg, size_t *len,
                      cf_error *err)
{
    *svg = NULL;
    int rc = check_figure(f, "svg", err);
    if (rc) return rc;
    if (i >= f->n) return cf_error_set(err, CF_EINVAL, "svg", "panel %zu of %zu does not exist", i + 1, f->n);
    /* A one-panel view sharing the panel (not copied, not freed). */
    cf_plot_figure one = {.panels = &f->panels[i], .n = 1, .cap = 1, .columns = 1};
    return cf_plot_figure_svg(&one, id_prefix, svg, len, err);
}

static int write_png(const cf_plot_figure *f, FILE *fp, const char *path, cf_error *err)
{
    double w, h;
    figure_size(f, &w, &h);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w), (int)ceil(h));
    int rc = surface_failed(s, path, err);
    if (!rc) {
        cairo_t *cr = cairo_create(s);
        rc = draw_figure(cr, f, NULL);
        cairo_destroy(cr);
        if (rc) cf_error_set(err, rc, path, "cairo could not draw the figure");
        else {
            cairo_status_t st = cairo_surface_write_to_png_stream(s, write_stream, fp);
            if (st != CAIRO_STATUS_SUCCESS) rc = cf_error_set(err, CF_EIO, path, "cairo: %s", cairo_status_to_string(st));
        }
    }
    cairo_surface_destroy(s);
    return rc;
}

static int write_pdf(const cf_plot_figure *f, FILE *fp, const char *path, cf_error *err)
{
    double w, h;
    figure_size(f, &w, &h);
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_stream, fp, w, h);
    int rc = surface_failed(s, path, err);
    if (!rc) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                       f->title[0] ? f->title : f->panels[0]->title);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "cellforge");
        cairo_t *cr = cairo_create(s);
        rc = draw_figure(cr, f, NULL);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (rc) cf_error_set(err, rc, path, "cairo could not draw the figure");
        else rc = surface_failed(s, path, err);
    }
    cairo_surface_destroy(s);
    return rc;
}

static int write_svg_file(const cf_plot_figure *f, FILE *fp, const char *path, cf_error *err)
{
    membuf m = {0};
    cf_plot_text_log log = {0};
    char *svg = NULL;
    size_t len = 0;
    int rc = render_svg(f, &m, &log, path, err);
    if (!rc) rc = cf_plot_svg_post((const char *)m.p, m.n, f->title[0] ? f->title : f->panels[0]->title, &log, NULL,
                                   0, &svg, &len, err);
    if (!rc && fwrite(svg, 1, len, fp) != len) rc = cf_error_set(err, CF_EIO, path, "write failed");
    free(svg);
    free(m.p);
    free(log.v);
    return rc;
}

int cf_plot_figure_write(const cf_plot_figure *f, const char *path, cf_error *err)
{
    cf_plot_format fmt;
    int rc = cf_plot_format_from_path(path, &fmt, err);
    if (!rc) rc = check_figure(f, path, err);
    if (rc) return rc;
    cf_outfile *out;
    if ((rc = cf_outfile_open(path, &out, err))) return rc;
    FILE *fp = cf_outfile_stream(out);
    drawing_begin();
    rc = fmt == CF_PLOT_PNG ? write_png(f, fp, path, err)
         : fmt == CF_PLOT_SVG ? write_svg_file(f, fp, path, err)
                              : write_pdf(f, fp, path, err);
    drawing_end();
    if (rc) {
        cf_outfile_abort(out);
        return rc;
    }
    return cf_outfile_commit(out, err);
}

#endif
