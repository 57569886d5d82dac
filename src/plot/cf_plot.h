/* cf_plot.h — figures a person looks at: panels of x-y curves drawn with
 * cairo into PNG, SVG or PDF (static library cellforge_plot, linked only into
 * the CLI so that libcellforge stays free of graphics).
 *
 * A figure is a grid of panels; a panel has a title, axis labels with units,
 * curves (copied in), optional vertical markers and a note.  Building never
 * fails loudly: an allocation failure is remembered and reported by the
 * write call, so callers can add panels without checking every step.
 *
 * The simulation-specific builders (voltage, current, profiles, dQ/dV,
 * cycles) are in cf_plot_sim.h. */
#ifndef CELLFORGE_CF_PLOT_H
#define CELLFORGE_CF_PLOT_H

#include <stddef.h>
#include "cellforge/cf_error.h"

typedef enum { CF_PLOT_PNG = 0, CF_PLOT_SVG = 1, CF_PLOT_PDF = 2 } cf_plot_format;

/* From a file name's extension (.png, .svg, .pdf, any case); CF_EINVAL
 * naming the allowed extensions otherwise. */
int cf_plot_format_from_path(const char *path, cf_plot_format *fmt, cf_error *err);

/* 1 when the library was built with cairo (else every render call returns
 * CF_EUNSUPPORTED with what to install). */
int cf_plot_available(void);

/* Curve styles (bits). */
enum { CF_PLOT_LINE = 1, CF_PLOT_MARKERS = 2, CF_PLOT_DASHED = 4 };

typedef struct cf_plot_figure cf_plot_figure;
typedef struct cf_plot_panel cf_plot_panel;

/* title may be NULL (no title band).  NULL on allocation failure. */
cf_plot_figure *cf_plot_figure_new(const char *title);
void cf_plot_figure_free(cf_plot_figure *f); /* NULL is harmless */
/* Panels per row (default: 1 for a single panel, else 2). */
void cf_plot_figure_set_columns(cf_plot_figure *f, int columns);
size_t cf_plot_figure_panel_count(const cf_plot_figure *f);

/* Adds a panel; labels carry their units, e.g. "voltage (V)".  Returns NULL
 * on allocation failure (then every call below ignores it). */
cf_plot_panel *cf_plot_panel_add(cf_plot_figure *f, const char *title, const char *xlabel, const char *ylabel);
/* Copies n points; NAN breaks a line.  color < 0 picks the next palette
 * colour; label NULL leaves the curve out of the legend. */
void cf_plot_panel_series(cf_plot_panel *p, const double *x, const double *y, size_t n, const char *label,
                          int style, int color);
/* A dashed vertical marker at x with a short label (e.g. a domain boundary). */
void cf_plot_panel_vline(cf_plot_panel *p, double x, const char *label);
/* Fixes the x range instead of fitting it to the data. */
void cf_plot_panel_xrange(cf_plot_panel *p, double lo, double hi);
/* x counts things (cycles): ticks on whole numbers only. */
void cf_plot_panel_integer_x(cf_plot_panel *p);
/* A line of explanation drawn in the panel (replaces an earlier note). */
void cf_plot_panel_note(cf_plot_panel *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
size_t cf_plot_panel_series_count(const cf_plot_panel *p);
/* Makes p a horizontal bar chart: one bar per label, value along x (the
 * x label names the unit), drawn top to bottom in the order given. */
void cf_plot_panel_bars(cf_plot_panel *p, const char *const *labels, const double *values, size_t n);

/* Number of palette colours before they repeat. */
int cf_plot_palette_size(void);

/* Renders into `path` (format from its extension) through cf_outfile: the
 * file is complete or absent. */
int cf_plot_figure_write(const cf_plot_figure *f, const char *path, cf_error *err);

/* Renders SVG into memory for inlining in HTML: no XML declaration, every
 * id prefixed with id_prefix so several figures can share one page.
 * *svg is NUL-terminated; free() it. */
int cf_plot_figure_svg(const cf_plot_figure *f, const char *id_prefix, char **svg, size_t *len, cf_error *err);

/* The same for panel i alone (no figure title): for pages that lay out
 * panels themselves. */
int cf_plot_panel_svg(const cf_plot_figure *f, size_t i, const char *id_prefix, char **svg, size_t *len,
                      cf_error *err);

/* ---- axis ticks (ticks.c; exposed for tests) ---- */

/* "Nice" tick positions covering [lo, hi]: a step of 1, 2 or 5 x 10^k giving
 * about `target` ticks; the range widened to whole steps is returned in
 * lo_out and hi_out (may be NULL).  Returns the tick count (<= cap). */
int cf_plot_nice_ticks(double lo, double hi, int target, double *ticks, int cap, double *lo_out, double *hi_out);
/* Formats tick value v for a tick step: as few decimals as the step needs. */
void cf_plot_format_tick(double v, double step, char *buf, size_t len);

#endif
