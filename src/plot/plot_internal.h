/* plot_internal.h — the figure data that render.c draws (figure.c builds it). */
#ifndef CELLFORGE_PLOT_INTERNAL_H
#define CELLFORGE_PLOT_INTERNAL_H

#include <stddef.h>
#include "plot/cf_plot.h"

#define CF_PLOT_MAX_VLINES 8

typedef struct {
    double *x, *y;
    size_t n;
    char label[96];
    int style, color;
} cf_plot_series;

typedef struct {
    double x;
    char label[32];
} cf_plot_vline;

struct cf_plot_panel {
    char title[128], xlabel[96], ylabel[96], note[240];
    cf_plot_series *series;
    size_t ns, cap;
    cf_plot_vline vlines[CF_PLOT_MAX_VLINES];
    size_t nv;
    int has_xrange, integer_x;
    double xlo, xhi;
    int next_color;
    char (*bar_labels)[48]; /* bar chart when nbars > 0 */
    double *bar_values;
    size_t nbars;
    int *oom; /* the owning figure's allocation-failure flag */
};

struct cf_plot_figure {
    char title[160];
    cf_plot_panel **panels;
    size_t n, cap;
    int columns;
    int oom;
};

/* Palette colour i (wraps) as r, g, b in [0, 1]. */
void cf_plot_palette(int i, double rgb[3]);

#endif

/* ---- text drawn into a figure, kept for the SVG text layer (svg_post.c) ----
 * cairo writes glyph outlines into SVG, which cannot be searched, selected
 * or read aloud; the same strings are added as transparent <text>. */
typedef struct {
    double x, y;     /* baseline start after the anchor shift, user units */
    double size;     /* font size                                          */
    double width;    /* measured advance, for textLength                   */
    int rotated;     /* 1: turned -90 degrees about (x, y)                 */
    int bold;
    char text[160];
} cf_plot_text;

typedef struct {
    cf_plot_text *v;
    size_t n, cap;
    int oom;
} cf_plot_text_log;

void cf_plot_text_log_add(cf_plot_text_log *log, const cf_plot_text *t);

/* Turns cairo's SVG (raw, len) into the final document: an accessible
 * <title>, the text layer, ids prefixed with id_prefix (may be NULL or ""),
 * and without the XML declaration when inline_svg.  CF_ENOMEM on failure. */
int cf_plot_svg_post(const char *raw, size_t len, const char *title, const cf_plot_text_log *log,
                     const char *id_prefix, int inline_svg, char **out, size_t *out_len, cf_error *err);
