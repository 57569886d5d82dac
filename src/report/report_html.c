/* report_html.c — the page frame and small HTML helpers of the report.
 *
 * The stylesheet is inline and uses only system fonts, so the file opens the
 * same offline, on a laptop and on a phone: sections stack, plots flow into
 * as many columns as fit (at least 480 px each, one on a phone), and wide
 * tables scroll sideways inside their section instead of the page. */
#include "report_html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_error.h"
#include "plot/cf_plot.h"

static const char CSS[] =
    ":root{--fg:#1d2327;--muted:#5b6770;--line:#dde3e8;--accent:#0072b2;--met:#1b7f4b;--not:#b3261e;"
    "--und:#8a6d00}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "color:var(--fg);background:#f4f6f8}\n"
    "main{max-width:1240px;margin:0 auto;padding:16px}\n"
    "header h1{font-size:1.7rem;margin:.2em 0 .1em}\n"
    ".sub{color:var(--muted);margin:0}\n"
    "nav{margin:12px 0;display:flex;flex-wrap:wrap;gap:8px}\n"
    "nav a{color:var(--accent);text-decoration:none;border:1px solid var(--line);border-radius:16px;"
    "padding:2px 12px;background:#fff}\n"
    "section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:16px 0}\n"
    "h2{font-size:1.3rem;margin:0 0 .6em}\n"
    "h3{font-size:1.05rem;margin:1.2em 0 .4em}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}\n"
    "th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
    "thead th{background:#f0f3f6;font-weight:600;white-space:nowrap}\n"
    "table.summary th{font-weight:500;color:var(--muted);width:55%}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;margin-bottom:12px}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:8px 12px}\n"
    ".card span{color:var(--muted);font-size:.85rem}.card b{display:block;font-size:1.35rem}\n"
    ".grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:16px}\n"
    ".plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,480px),1fr));gap:12px;"
    "margin-top:12px}\n"
    "figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:6px;background:#fff}\n"
    "figure svg{display:block;width:100%;height:auto}\n"
    "figcaption{font-size:.85rem;color:var(--muted);padding:2px 6px}\n"
    ".badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:.82rem;font-weight:600;"
    "color:#fff;white-space:nowrap}\n"
    ".met{background:var(--met)}.not_met{background:var(--not)}.undetermined{background:var(--und)}\n"
    ".bar{display:inline-block;height:10px;background:var(--accent);border-radius:2px;vertical-align:middle}\n"
    ".muted{color:var(--muted)}\n"
    ".notice{background:#fff7e0;border-left:4px solid #e6a700;padding:8px 12px;border-radius:4px}\n"
    "ul.notes{margin:.4em 0;padding-left:1.2em}\n"
    "footer{color:var(--muted);font-size:.85rem;text-align:center;margin:24px 0}\n"
    "@media (max-width:640px){main{padding:8px}section{padding:10px 12px}th,td{padding:4px 6px}"
    "body{font-size:15px}header h1{font-size:1.35rem}table.summary th{width:50%}}\n"
    "@media print{body{background:#fff}section{border:none;break-inside:avoid}nav{display:none}}\n";

void html_escape(FILE *f, const char *s)
{
    /* Control characters first (a report may be printed to a terminal),
     * then HTML's own. */
    size_t need = cf_text_escape(NULL, 0, s) + 1;
    char *safe = malloc(need);
    if (!safe) return;
    cf_text_escape(safe, need, s);
    for (s = safe; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
    free(safe);
}

void html_begin(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"cellforge\">\n<title>",
          f);
    html_escape(f, title);
    fputs("</title>\n<style>\n", f);
    fputs(CSS, f);
    fputs("</style>\n</head>\n<body>\n<main>\n", f);
}

void html_end(FILE *f)
{
    fprintf(f, "<footer>made by cellforge %s &middot; one self-contained file: no scripts, no network</footer>\n",
            cf_version());
    fputs("</main>\n</body>\n</html>\n", f);
}

void html_num(FILE *f, const char *fmt, double v)
{
    if (isfinite(v)) fprintf(f, fmt, v);
    else fputs("&ndash;", f);
}

void html_row_num(FILE *f, const char *label, const char *fmt, double v, const char *unit)
{
    fputs("<tr><th>", f);
    html_escape(f, label);
    fputs("</th><td class=\"num\">", f);
    html_num(f, fmt, v);
    if (unit && unit[0] && isfinite(v)) {
        fputc(' ', f);
        html_escape(f, unit);
    }
    fputs("</td></tr>\n", f);
}

void html_row_text(FILE *f, const char *label, const char *value)
{
    fputs("<tr><th>", f);
    html_escape(f, label);
    fputs("</th><td>", f);
    html_escape(f, value);
    fputs("</td></tr>\n", f);
}

static const char *caption_for(const char *title)
{
    static const struct {
        const char *title, *caption;
    } C[] = {
        {"Voltage vs capacity", "Terminal voltage against the charge passed in each charge or discharge run."},
        {"Voltage vs time", "Terminal voltage over the run."},
        {"Current", "Applied current; positive discharges the cell."},
        {"Incremental capacity dQ/dV",
         "|dQ/dV| of each constant-current segment: Q(V) interpolated onto a 2 mV grid, central differences, "
         "Gaussian smoothing with sigma = 10 mV."},
        {"Electrolyte concentration", "Salt concentration across negative electrode, separator and positive "
                                      "electrode at the solver steps nearest to the chosen times."},
        {"Electrolyte potential", "Electrolyte potential across the cell at the same times."},
        {"Particle surface stoichiometry", "Lithium fraction at the particle surfaces in each electrode."},
        {"Capacity per cycle", "Charge and discharge capacity of every cycle."},
        {"Mass breakdown", "Mass of each part of the cell, from the recipe's design."},
        {"Volume breakdown", "Volume of each part of the cell (pores filled by electrolyte count as pores)."},
    };
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++)
        if (strcmp(C[i].title, title) == 0) return C[i].caption;
    return "";
}

int html_figures(FILE *f, const cf_plot_figure *fig, const char *id_prefix, cf_error *err)
{
    int written = 0;
    fputs("<div class=\"plots\">\n", f);
    for (size_t i = 0; i < cf_plot_figure_panel_count(fig); i++) {
        char prefix[32], *svg = NULL;
        size_t len = 0;
        snprintf(prefix, sizeof prefix, "%s%zu-", id_prefix, i);
        if (cf_plot_panel_svg(fig, i, prefix, &svg, &len, err)) return -1;
        /* The <title> cairo's SVG got from the panel names the caption. */
        const char *t0 = strstr(svg, "<title>"), *t1 = t0 ? strstr(t0, "</title>") : NULL;
        char title[128] = "";
        if (t0 && t1 && (size_t)(t1 - t0 - 7) < sizeof title) memcpy(title, t0 + 7, (size_t)(t1 - t0 - 7));
        fputs("<figure>\n", f);
        fwrite(svg, 1, len, f);
        const char *cap = caption_for(title);
        if (cap[0]) {
            fputs("<figcaption>", f);
            html_escape(f, cap);
            fputs("</figcaption>\n", f);
        }
        fputs("</figure>\n", f);
        free(svg);
        written++;
    }
    fputs("</div>\n", f);
    return written;
}
