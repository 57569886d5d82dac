/* report_sections.c — what the HTML report says: the cell, the simulation,
 * the design breakdown and the claim table.  Each function writes one block
 * of HTML; values that are not defined show as a dash, never as NaN. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_html.h"

/* ------------------------------------------------------------------ cell */

static void row2(FILE *f, const char *label, const char *fmt, double a, double b)
{
    fputs("<tr><th>", f);
    html_escape(f, label);
    fputs("</th><td class=\"num\">", f);
    html_num(f, fmt, a);
    fputs("</td><td class=\"num\">", f);
    html_num(f, fmt, b);
    fputs("</td></tr>\n", f);
}

static void row2_text(FILE *f, const char *label, const char *a, const char *b)
{
    fputs("<tr><th>", f);
    html_escape(f, label);
    fputs("</th><td>", f);
    html_escape(f, a);
    fputs("</td><td>", f);
    html_escape(f, b);
    fputs("</td></tr>\n", f);
}

static void phase_names(const cf_electrode *e, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int i = 0; i < e->n_phases; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? " + " : "", e->phase[i].name[0] ? e->phase[i].name : "active");
    }
}

static double active_fraction(const cf_electrode *e)
{
    double s = 0;
    for (int i = 0; i < e->n_phases; i++) s += e->phase[i].active_fraction;
    return s;
}

void report_cell_section(FILE *f, const cf_cell *c, const char *source)
{
    fputs("<section id=\"cell\">\n<h2>Cell</h2>\n<div class=\"grid2\">\n<div class=\"scroll\">\n"
          "<table class=\"summary\" id=\"cell-summary\">\n",
          f);
    html_row_text(f, "name", c->name);
    html_row_text(f, "from", source);
    html_row_num(f, "nominal capacity", "%.4g", c->nominal_capacity_Ah, "Ah");
    char win[64];
    snprintf(win, sizeof win, "%.3g to %.3g V", c->v_min, c->v_max);
    html_row_text(f, "voltage window", win);
    html_row_num(f, "temperature", "%.1f", c->T_K - 273.15, "\xC2\xB0" "C");
    html_row_num(f, "electrode area (one side, all layers)", "%.4g", c->area_m2, "m\xC2\xB2");
    html_row_num(f, "separator thickness", "%.1f", c->sep.thickness_m * 1e6, "\xC2\xB5m");
    html_row_num(f, "separator porosity", "%.3f", c->sep.porosity, "");
    html_row_num(f, "electrolyte concentration", "%.3f", c->electrolyte.c_init / 1000.0, "mol/L");
    html_row_num(f, "cation transference number t+", "%.3f", c->electrolyte.t_plus, "");
    html_row_text(f, "electrolyte diffusivity", c->electrolyte.diffusivity.name);
    html_row_text(f, "electrolyte conductivity", c->electrolyte.conductivity.name);
    fputs("</table>\n</div>\n<div class=\"scroll\">\n<table id=\"electrodes\">\n"
          "<thead><tr><th>electrode</th><th>negative</th><th>positive</th></tr></thead>\n",
          f);
    char a[160], b[160];
    phase_names(&c->neg, a, sizeof a);
    phase_names(&c->pos, b, sizeof b);
    /* a planar lithium-metal negative has no layer: its column shows dashes
     * here and its own table below */
    int pl = c->neg.planar;
    if (pl) snprintf(a, sizeof a, "lithium metal (planar%s)", c->neg.li_metal_mol_m2 > 0 ? "" : ", anode-free");
    const cf_phase *n0 = &c->neg.phase[0], *p0 = &c->pos.phase[0];
#define NEG(v) (pl ? NAN : (v))
    row2_text(f, "active material", a, b);
    row2(f, "thickness (\xC2\xB5m)", "%.1f", NEG(c->neg.thickness_m * 1e6), c->pos.thickness_m * 1e6);
    row2(f, "porosity (-)", "%.3f", NEG(c->neg.porosity), c->pos.porosity);
    row2(f, "active volume fraction (-)", "%.3f", NEG(active_fraction(&c->neg)), active_fraction(&c->pos));
    row2(f, "particle radius (\xC2\xB5m)", "%.3g", NEG(n0->particle_radius_m * 1e6), p0->particle_radius_m * 1e6);
    row2(f, "max. concentration (mol/m\xC2\xB3)", "%.0f", NEG(n0->c_max), p0->c_max);
    row2(f, "initial stoichiometry (-)", "%.3f", NEG(n0->c_init / n0->c_max), p0->c_init / p0->c_max);
    row2(f, "solid diffusivity (m\xC2\xB2/s)", "%.3g", NEG(n0->diffusivity_m2_s), p0->diffusivity_m2_s);
    if ((!pl && n0->diffusivity_fn.kind != CF_FN_CONSTANT) || p0->diffusivity_fn.kind != CF_FN_CONSTANT)
        /* the number above is then D(sto = 0.5) at the reference temperature */
        row2_text(f, "solid diffusivity D(sto)", !pl && n0->diffusivity_fn.kind != CF_FN_CONSTANT ? n0->diffusivity_fn.name : "-",
                  p0->diffusivity_fn.kind != CF_FN_CONSTANT ? p0->diffusivity_fn.name : "-");
    row2(f, "electronic conductivity (S/m)", "%.4g", NEG(c->neg.conductivity_S_m), c->pos.conductivity_S_m);
    row2_text(f, "open-circuit potential", pl ? "0 V (lithium)" : n0->ocp.name, p0->ocp.name);
#undef NEG
    fputs("</table>\n</div>\n", f);
    if (!pl && !c->reservoir.present && !c->neg.plating) {
        fputs("</div>\n</section>\n", f);
        return;
    }
    fputs("<div class=\"scroll\">\n<table class=\"summary\" id=\"lithium-metal\">\n", f);
    double ah_per_mol = CF_FARADAY / 3600.0;
    if (pl) {
        /* 76 934 mol/m3: lithium metal, 0.534 g/cm3 and 6.941 g/mol */
        html_row_num(f, "negative: lithium foil thickness", "%.3g", c->neg.li_metal_mol_m2 / 76934.0 * 1e6,
                     "\xC2\xB5m");
        html_row_num(f, "negative: lithium inventory", "%.4g", c->neg.li_metal_mol_m2, "mol/m\xC2\xB2");
        html_row_num(f, "negative: lithium inventory", "%.4g", c->neg.li_metal_mol_m2 * c->area_m2 * ah_per_mol, "Ah");
        html_row_num(f, "negative: plating efficiency", "%.4g", c->neg.plating_efficiency, "");
        html_row_num(f, "negative: exchange current at 1 mol/L", "%.4g", c->neg.li_j0_ref, "A/m\xC2\xB2");
    } else if (c->neg.plating) {
        html_row_num(f, "negative: plating exchange current at 1 mol/L", "%.4g", c->neg.plating_j0_A_m2,
                     "A/m\xC2\xB2");
    }
    if (c->reservoir.present) {
        html_row_num(f, "reservoir: lithium", "%.4g", c->reservoir.li_mol * ah_per_mol, "Ah");
        html_row_num(f, "reservoir: contact area", "%.4g", c->reservoir.area_m2 * 1e4, "cm\xC2\xB2");
        if (c->reservoir.path_length_m > 0)
            html_row_num(f, "reservoir: electrolyte path", "%.4g", c->reservoir.path_length_m * 1e3, "mm");
        html_row_num(f, "reservoir: path resistance", "%.4g", cf_reservoir_resistance(c), "\xCE\xA9");
        html_row_num(f, "reservoir: exchange current at 1 mol/L", "%.4g", c->reservoir.j0_ref, "A/m\xC2\xB2");
    }
    fputs("</table>\n</div>\n", f);
    fputs("</div>\n</section>\n", f);
}

/* ------------------------------------------------------------ simulation */

typedef struct {
    double dis_Ah, dis_Wh, chg_Ah, chg_Wh;
} totals;

static totals sum(const report_sim *s)
{
    totals t = {0, 0, 0, 0};
    if (s->res) {
        for (size_t i = 0; i < s->res->n; i++) {
            t.dis_Ah += s->res->cycles[i].discharge_Ah;
            t.dis_Wh += s->res->cycles[i].discharge_Wh;
            t.chg_Ah += s->res->cycles[i].charge_Ah;
            t.chg_Wh += s->res->cycles[i].charge_Wh;
        }
        return t;
    }
    const cf_solution *sol = s->sol;
    double q = sol->capacity_Ah[sol->n - 1], e = sol->energy_Wh[sol->n - 1];
    if (q >= 0) t.dis_Ah = q, t.dis_Wh = e;
    else t.chg_Ah = -q, t.chg_Wh = -e;
    return t;
}

void report_sim_summary(FILE *f, const report_sim *s)
{
    const cf_solution *sol = s->sol;
    size_t last = sol->n - 1;
    double vmin = INFINITY, vmax = -INFINITY;
    for (size_t i = 0; i < sol->n; i++) {
        vmin = fmin(vmin, sol->voltage[i]);
        vmax = fmax(vmax, sol->voltage[i]);
    }
    totals t = sum(s);
    double dur = sol->t[last] - sol->t[0];
    fputs("<div class=\"cards\">\n", f);
    fprintf(f, "<div class=\"card\"><span>discharged</span><b>");
    html_num(f, "%.4g Ah", t.dis_Ah);
    fprintf(f, "</b></div>\n<div class=\"card\"><span>energy out</span><b>");
    html_num(f, "%.4g Wh", t.dis_Wh);
    fprintf(f, "</b></div>\n<div class=\"card\"><span>duration</span><b>");
    html_num(f, "%.3g h", dur / 3600);
    fprintf(f, "</b></div>\n<div class=\"card\"><span>final voltage</span><b>");
    html_num(f, "%.4f V", sol->voltage[last]);
    fputs("</b></div>\n</div>\n", f);
    fputs("<div class=\"grid2\">\n<div class=\"scroll\">\n<table class=\"summary\" id=\"sim-summary\">\n", f);
    html_row_text(f, "model", s->model);
    html_row_text(f, "run", s->what);
    html_row_num(f, "discharged capacity", "%.4f", t.dis_Ah, "Ah");
    html_row_num(f, "discharged energy", "%.4f", t.dis_Wh, "Wh");
    html_row_num(f, "mean discharge voltage", "%.4f", t.dis_Ah > 0 ? t.dis_Wh / t.dis_Ah : NAN, "V");
    if (t.chg_Ah > 0) {
        html_row_num(f, "charged capacity", "%.4f", t.chg_Ah, "Ah");
        html_row_num(f, "charged energy", "%.4f", t.chg_Wh, "Wh");
    }
    html_row_num(f, "duration", "%.1f", dur, "s");
    char range[64];
    snprintf(range, sizeof range, "%.4f to %.4f V", vmin, vmax);
    html_row_text(f, "voltage range", range);
    html_row_num(f, "final voltage", "%.4f", sol->voltage[last], "V");
    html_row_num(f, "solver rows", "%.0f", (double)sol->n, "");
    html_row_num(f, "solved in", "%.1f", s->wall_ms, "ms");
    if (s->res) {
        html_row_num(f, "steps run", "%.0f", (double)s->res->steps_run, "");
        html_row_num(f, "steps skipped (end condition already met)", "%.0f", (double)s->res->steps_skipped, "");
    }
    /* the process columns: electrodes vs Li/Li+, Li/O, lithium metal, reservoir */
    char pbuf[96];
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < sol->n; i++) {
        lo[0] = fmin(lo[0], sol->neg_potential[i]), hi[0] = fmax(hi[0], sol->neg_potential[i]);
        lo[1] = fmin(lo[1], sol->pos_potential[i]), hi[1] = fmax(hi[1], sol->pos_potential[i]);
    }
    snprintf(pbuf, sizeof pbuf, "%.3f to %.3f V vs Li/Li+", lo[0], hi[0]);
    html_row_text(f, "negative potential", pbuf);
    snprintf(pbuf, sizeof pbuf, "%.3f to %.3f V vs Li/Li+", lo[1], hi[1]);
    html_row_text(f, "positive potential", pbuf);
    if (sol->has_li_o) {
        snprintf(pbuf, sizeof pbuf, "%.4f at the start, %.4f at the end", sol->pos_li_o[0], sol->pos_li_o[last]);
        html_row_text(f, "positive Li/O", pbuf);
    }
    if (sol->has_li_metal) {
        snprintf(pbuf, sizeof pbuf, "%.4g Ah at the start, %.4g Ah at the end", sol->li_metal_Ah[0], sol->li_metal_Ah[last]);
        html_row_text(f, "lithium metal on the negative", pbuf);
    }
    if (sol->has_reservoir) {
        snprintf(pbuf, sizeof pbuf, "%.4g Ah at the start, %.4g Ah at the end", sol->reservoir_Ah[0], sol->reservoir_Ah[last]);
        html_row_text(f, "lithium in the reservoir", pbuf);
    }
    if (s->res && sol->has_reservoir) {
        const cf_process_record *pr = &s->res->process;
        html_row_num(f, "Li/O at the first charge", "%.4f", pr->li_o_at_first_charge, "");
        html_row_num(f, "first charge after electrolyte contact", "%.2f", pr->first_charge_s / 3600, "h");
        snprintf(pbuf, sizeof pbuf, "time below %.2f V (collector alloying)", pr->threshold_V);
        html_row_num(f, pbuf, "%.0f", pr->time_below_threshold_s, "s");
        html_row_num(f, "reservoir lithium delivered meanwhile", "%.4g", pr->li_below_threshold_Ah, "Ah");
        html_row_num(f, "lithium plated by the first charge", "%.4g", pr->li_plated_Ah, "Ah");
    }
    fputs("</table>\n</div>\n<div>\n", f);
    if (s->protocol) {
        fputs("<h3>Protocol steps</h3>\n<ol>\n", f);
        int n = cf_protocol_step_count(s->protocol);
        for (int i = 0; i < n && i < 50; i++) {
            char buf[256];
            cf_step_format(cf_protocol_step(s->protocol, i), buf, sizeof buf);
            fputs("<li>", f);
            html_escape(f, buf);
            fputs("</li>\n", f);
        }
        if (n > 50) fprintf(f, "<li class=\"muted\">and %d more</li>\n", n - 50);
        fputs("</ol>\n", f);
    }
    /* (A run that stopped early says so above the summary: report.c.) */
    if (s->res && s->res->n > 0) {
        fputs("<h3>Cycles</h3>\n<div class=\"scroll\"><table id=\"cycles\">\n<thead><tr><th>cycle</th>"
              "<th>charge (Ah)</th><th>discharge (Ah)</th><th>coulombic eff. (%)</th><th>energy eff. (%)</th>"
              "<th>duration (h)</th></tr></thead>\n",
              f);
        /* Long runs: the first 20 and the last 20 cycles. */
        for (size_t i = 0; i < s->res->n; i++) {
            if (s->res->n > 40 && i == 20)
                fprintf(f, "<tr><td colspan=\"6\" class=\"muted\">&hellip; %zu cycles &hellip;</td></tr>\n",
                        s->res->n - 40);
            if (s->res->n > 40 && i >= 20 && i < s->res->n - 20) continue;
            const cf_cycle_stats *c = &s->res->cycles[i];
            fprintf(f, "<tr><td class=\"num\">%lld</td><td class=\"num\">", (long long)c->cycle + 1);
            html_num(f, "%.4f", c->charge_Ah);
            fputs("</td><td class=\"num\">", f);
            html_num(f, "%.4f", c->discharge_Ah);
            fputs("</td><td class=\"num\">", f);
            html_num(f, "%.2f", 100 * c->coulombic_efficiency);
            fputs("</td><td class=\"num\">", f);
            html_num(f, "%.2f", 100 * c->energy_efficiency);
            fputs("</td><td class=\"num\">", f);
            html_num(f, "%.3f", c->duration_s / 3600);
            fputs("</td></tr>\n", f);
        }
        fputs("</table></div>\n", f);
    }
    fputs("</div>\n</div>\n", f);
}

/* ---------------------------------------------------------------- design */

static const char *given_name(int g)
{
    if (g & CF_DESIGN_GIVEN_POROSITY) return "porosity";
    if (g & CF_DESIGN_GIVEN_THICKNESS) return "thickness";
    if (g & CF_DESIGN_GIVEN_DENSITY) return "density";
    return "none";
}

static void card(FILE *f, const char *label, const char *fmt, double v)
{
    fputs("<div class=\"card\"><span>", f);
    html_escape(f, label);
    fputs("</span><b>", f);
    html_num(f, fmt, v);
    fputs("</b></div>\n", f);
}

/* Mass and volume breakdowns as bar charts (items that have any). */
static int design_plots(FILE *f, const cf_design *d, int *n_plots, cf_error *err)
{
    cf_plot_figure *fig = cf_plot_figure_new(NULL);
    if (!fig) return cf_error_set(err, CF_ENOMEM, "report", "out of memory");
    const char *labels[CF_DESIGN_MAX_ITEMS];
    double v[CF_DESIGN_MAX_ITEMS];
    for (int pass = 0; pass < 2; pass++) {
        size_t n = 0;
        for (size_t i = 0; i < d->n_items && i < CF_DESIGN_MAX_ITEMS; i++) {
            double x = pass ? d->items[i].volume_cm3 : d->items[i].mass_g;
            if (!(x > 0)) continue;
            labels[n] = d->items[i].name;
            v[n++] = x;
        }
        cf_plot_panel *p = pass ? cf_plot_panel_add(fig, "Volume breakdown", "volume (cm\xC2\xB3)", "")
                                : cf_plot_panel_add(fig, "Mass breakdown", "mass (g)", "");
        cf_plot_panel_bars(p, labels, v, n);
    }
    int n = html_figures(f, fig, "d", err);
    cf_plot_figure_free(fig);
    if (n > 0) *n_plots += n;
    return n < 0 ? err->code : CF_OK;
}

int report_design_section(FILE *f, const cf_design *d, int *n_plots, cf_error *err)
{
    const cf_design_electrode *n = &d->negative, *p = &d->positive;
    fputs("<section id=\"design\">\n<h2>Design</h2>\n<p class=\"muted\">From the recipe: ", f);
    html_escape(f, d->name);
    fputs("</p>\n<div class=\"cards\">\n", f);
    card(f, "capacity", "%.4g Ah", d->capacity_Ah);
    card(f, "energy", "%.4g Wh", d->energy_Wh);
    card(f, "specific energy", "%.1f Wh/kg", d->wh_per_kg);
    card(f, d->volume_is_outer ? "energy density" : "energy density (stack)", "%.1f Wh/L", d->wh_per_L);
    card(f, "N/P ratio", "%.3f", d->np_ratio);
    card(f, "mass", "%.4g g", d->mass_g);
    fputs("</div>\n<div class=\"grid2\">\n<div class=\"scroll\">\n<table id=\"design-electrodes\">\n"
          "<thead><tr><th>electrode</th><th>negative</th><th>positive</th></tr></thead>\n",
          f);
    row2_text(f, "given", given_name(n->given), given_name(p->given));
    row2(f, "coating per side (g/m\xC2\xB2)", "%.2f", n->coating_g_m2, p->coating_g_m2);
    row2(f, "coating thickness per side (\xC2\xB5m)", "%.2f", n->thickness_um, p->thickness_um);
    row2(f, "porosity (%)", "%.1f", 100 * n->porosity, 100 * p->porosity);
    row2(f, "apparent coating density (g/cm\xC2\xB3)", "%.3f", n->coating_density_g_cm3, p->coating_density_g_cm3);
    row2(f, "areal capacity per side (mAh/cm\xC2\xB2)", "%.3f", n->areal_capacity_mAh_cm2,
         p->areal_capacity_mAh_cm2);
    row2(f, "coated area, all sides (m\xC2\xB2)", "%.4g", n->area_m2, p->area_m2);
    row2(f, "capacity (Ah)", "%.4g", n->capacity_Ah, p->capacity_Ah);
    row2(f, "average potential (V vs Li/Li+)", "%.3f", n->average_potential_V, p->average_potential_V);
    fputs("</table>\n</div>\n<div class=\"scroll\">\n<table class=\"summary\" id=\"design-summary\">\n", f);
    html_row_num(f, "nominal voltage", "%.3f", d->nominal_voltage_V, "V");
    html_row_num(f, "volume", "%.4g", d->volume_cm3, d->volume_is_outer ? "cm\xC2\xB3 (outer)" : "cm\xC2\xB3 (stack)");
    html_row_num(f, "separator", "%.1f", d->separator_thickness_um, "\xC2\xB5m");
    html_row_num(f, "electrolyte", "%.4g", d->electrolyte_g, "g");
    html_row_num(f, "pore volume", "%.4g", d->pore_volume_cm3, "cm\xC2\xB3");
    if (d->reservoir_Ah > 0) html_row_num(f, "lithium reservoir", "%.4g", d->reservoir_Ah, "Ah");
    html_row_num(f, "first charge to the negative", "%.4g", d->first_charge_Ah, "Ah");
    if (d->li_plated_Ah > 0) html_row_num(f, "of it plated as metal", "%.4g", d->li_plated_Ah, "Ah");
    fputs("</table>\n</div>\n</div>\n", f);

    fputs("<h3>Mass and volume breakdown</h3>\n<div class=\"scroll\"><table id=\"breakdown\">\n"
          "<thead><tr><th>item</th><th>mass (g)</th><th>mass (%)</th><th></th><th>volume (cm\xC2\xB3)</th>"
          "</tr></thead>\n",
          f);
    double maxpct = 0;
    for (size_t i = 0; i < d->n_items; i++)
        if (d->mass_g > 0) maxpct = fmax(maxpct, 100 * d->items[i].mass_g / d->mass_g);
    for (size_t i = 0; i < d->n_items; i++) {
        const cf_design_item *it = &d->items[i];
        double pct = d->mass_g > 0 ? 100 * it->mass_g / d->mass_g : NAN;
        fputs("<tr><td>", f);
        html_escape(f, it->name);
        fputs("</td><td class=\"num\">", f);
        html_num(f, "%.4g", it->mass_g);
        fputs("</td><td class=\"num\">", f);
        html_num(f, "%.1f", pct);
        /* The bar is the share of the heaviest item, so small items stay visible. */
        fprintf(f, "</td><td style=\"width:30%%\"><span class=\"bar\" style=\"width:%.1f%%\"></span></td>"
                   "<td class=\"num\">",
                maxpct > 0 && isfinite(pct) ? 100 * pct / maxpct : 0.0);
        html_num(f, "%.4g", it->volume_cm3);
        fputs("</td></tr>\n", f);
    }
    fputs("</table></div>\n", f);
    if (d->n_notes) {
        fputs("<h3>Notes</h3>\n<ul class=\"notes\">\n", f);
        for (size_t i = 0; i < d->n_notes; i++) {
            fputs("<li>", f);
            html_escape(f, d->notes[i]);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    int rc = cf_plot_available() ? design_plots(f, d, n_plots, err) : CF_OK;
    fputs("</section>\n", f);
    return rc;
}

/* ---------------------------------------------------------------- claims */

void report_claims_section(FILE *f, const cf_claims_report *c)
{
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < c->n; i++)
        if (c->r[i].status >= 0 && c->r[i].status <= 2) count[c->r[i].status]++;
    fprintf(f, "<section id=\"claims\">\n<h2>Claims</h2>\n<p>%zu claims of %zu seeds: "
               "<span class=\"badge met\">%zu met</span> <span class=\"badge not_met\">%zu not met</span> "
               "<span class=\"badge undetermined\">%zu undetermined</span></p>\n",
            c->n, cf_claims_seed_count(), count[0], count[1], count[2]);
    fputs("<div class=\"scroll\"><table id=\"claims-table\">\n<thead><tr><th>seed</th><th>claim</th>"
          "<th>status</th><th>depends on</th><th>why</th><th>claimed range</th></tr></thead>\n",
          f);
    for (size_t i = 0; i < c->n; i++) {
        const cf_claim_result *r = &c->r[i];
        const char *st = cf_claim_status_name(r->status);
        fputs("<tr><td>", f);
        html_escape(f, r->seed);
        fprintf(f, "</td><td class=\"num\">%d</td><td><span class=\"badge %s\">", r->claim, st);
        for (const char *q = st; *q; q++) fputc(*q == '_' ? ' ' : *q, f);
        fputs("</span></td><td>", f);
        for (size_t k = 0; k < r->n_deps; k++) fprintf(f, "%s%d", k ? ", " : "", r->depends_on[k]);
        if (!r->n_deps) fputs("&ndash;", f);
        fputs("</td><td>", f);
        html_escape(f, r->reason);
        if (r->n_values) {
            fputs("<br><span class=\"muted\">", f);
            for (size_t k = 0; k < r->n_values; k++) {
                const cf_claim_value *v = &r->values[k];
                if (k) fputs("; ", f);
                html_escape(f, v->name);
                fputs(" = ", f);
                if (v->is_text) html_escape(f, v->text);
                else html_num(f, "%.6g", v->num);
            }
            fputs("</span>", f);
        }
        fputs("</td><td>", f);
        html_escape(f, r->range);
        fputs("</td></tr>\n", f);
    }
    fputs("</table></div>\n</section>\n", f);
}
