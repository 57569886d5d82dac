/* report_html.h — pieces of the self-contained HTML report (cf_report.h;
 * `cellforge report`, cellforge.report): page frame with inline CSS,
 * escaping, tables, and the report's sections.  Nothing here fetches
 * anything: the page works offline. */
#ifndef CELLFORGE_REPORT_HTML_H
#define CELLFORGE_REPORT_HTML_H

#include <stdio.h>

#include "cellforge/cellforge.h"
#include "plot/cf_plot.h"

/* ---- report_html.c: generic pieces ---- */
void html_escape(FILE *f, const char *s);
/* <!DOCTYPE html> ... <main>, with the stylesheet inline. */
void html_begin(FILE *f, const char *title);
void html_end(FILE *f);
/* A number with a printf format, or an en dash when it is not finite (a
 * report never shows NaN). */
void html_num(FILE *f, const char *fmt, double v);
/* <tr><th>label</th><td class="num">value unit</td></tr> */
void html_row_num(FILE *f, const char *label, const char *fmt, double v, const char *unit);
void html_row_text(FILE *f, const char *label, const char *value);
/* One <figure> of inline SVG per panel of fig (ids prefixed id_prefix<i>-),
 * captioned by panel title, in a responsive grid.  Returns how many, or -1
 * with err set. */
int html_figures(FILE *f, const cf_plot_figure *fig, const char *id_prefix, cf_error *err);

/* ---- report_sections.c: what the report says ---- */
typedef struct {
    const char *model;            /* "dfn"                                   */
    const char *what;             /* "1C discharge from ..." or "protocol"   */
    const cf_protocol *protocol;  /* may be NULL                             */
    const cf_solution *sol;
    const cf_experiment_result *res; /* may be NULL                          */
    double wall_ms;
} report_sim;

void report_cell_section(FILE *f, const cf_cell *cell, const char *source);
void report_sim_summary(FILE *f, const report_sim *s);
/* Adds its breakdown plots to *n_plots; CF_OK or the plots' error. */
int report_design_section(FILE *f, const cf_design *d, int *n_plots, cf_error *err);
void report_claims_section(FILE *f, const cf_claims_report *c);

#endif
