/* sim_plots.c — the panels drawn from a simulation: voltage, current,
 * dQ/dV, profiles and per-cycle capacity.
 *
 * A protocol's solution is one long series; a voltage-capacity plot of it is
 * only readable when split where the current changes direction, so each
 * charge or discharge "run" starts again at zero capacity (rests stay with
 * the run they follow).  Many cycles are thinned to at most MAX_CURVES,
 * always keeping the first and the last. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/cf_plot_sim.h"

#define MAX_CURVES 8
#define MAX_DQDV 6

/* ---------------------------------------------------------------- units */

typedef struct {
    double scale;
    const char *name;
} unit;

static unit time_unit(double duration_s)
{
    if (duration_s < 600) return (unit){1.0, "s"};
    if (duration_s < 3 * 3600.0) return (unit){1.0 / 60, "min"};
    return (unit){1.0 / 3600, "h"};
}

static unit charge_unit(double max_Ah) { return max_Ah < 0.1 ? (unit){1000.0, "mAh"} : (unit){1.0, "Ah"}; }

static double duration_of(const cf_solution *s) { return s->n ? s->t[s->n - 1] - s->t[0] : 0; }

/* Evenly spread picks of k out of n (first and last included), in order. */
static size_t pick_even(size_t n, size_t k, size_t *out)
{
    if (n <= k) {
        for (size_t i = 0; i < n; i++) out[i] = i;
        return n;
    }
    for (size_t i = 0; i < k; i++) out[i] = (size_t)llround((double)i * (double)(n - 1) / (double)(k - 1));
    return k;
}

static void crate_text(double current_A, double nominal_Ah, char *buf, size_t len)
{
    if (nominal_Ah > 0) {
        double c = fabs(current_A) / nominal_Ah;
        snprintf(buf, len, " at %.3gC", c);
    } else {
        snprintf(buf, len, " at %.3g A", fabs(current_A));
    }
}

/* ---------------------------------------------------- charge/discharge runs */

typedef struct {
    size_t a, b;   /* rows, inclusive               */
    int dir;       /* +1 discharge, -1 charge        */
    int cycle;
    double i_min, i_max; /* |I| over the non-rest rows */
} run_span;

static double max_abs_current(const cf_solution *s)
{
    double m = 0;
    for (size_t i = 0; i < s->n; i++)
        if (isfinite(s->current[i])) m = fmax(m, fabs(s->current[i]));
    return m;
}

/* Splits a solution where the current changes sign; returns the count
 * (runs that pass no charge are dropped). */
static size_t split_runs(const cf_solution *s, run_span **out)
{
    *out = NULL;
    double eps = 1e-6 * max_abs_current(s);
    if (!(eps > 0)) return 0;
    size_t cap = 16, n = 0;
    run_span *r = malloc(cap * sizeof *r);
    if (!r) return 0;
    int open = 0;
    for (size_t i = 0; i < s->n; i++) {
        double I = s->current[i];
        int sign = I > eps ? 1 : I < -eps ? -1 : 0;
        if (open && (sign == 0 || sign == r[n - 1].dir)) {
            r[n - 1].b = i;
            if (sign) {
                r[n - 1].i_min = fmin(r[n - 1].i_min, fabs(I));
                r[n - 1].i_max = fmax(r[n - 1].i_max, fabs(I));
            }
            continue;
        }
        if (sign == 0) continue; /* rest before any current */
        if (n == cap) {
            run_span *nr = realloc(r, 2 * cap * sizeof *nr);
            if (!nr) break;
            r = nr;
            cap *= 2;
        }
        r[n++] = (run_span){i, i, sign, s->cycle[i], fabs(I), fabs(I)};
        open = 1;
    }
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        double dq = 0;
        for (size_t i = r[j].a; i <= r[j].b; i++) dq = fmax(dq, fabs(s->capacity_Ah[i] - s->capacity_Ah[r[j].a]));
        if (dq > 1e-12) r[k++] = r[j];
    }
    *out = r;
    return k;
}

static void run_xy(const cf_solution *s, const run_span *r, double qscale, double *x, double *y)
{
    double q0 = s->capacity_Ah[r->a];
    for (size_t i = r->a; i <= r->b; i++) {
        x[i - r->a] = fabs(s->capacity_Ah[i] - q0) * qscale;
        y[i - r->a] = s->voltage[i];
    }
}

static void run_label(const run_span *r, int with_cycle, double nominal_Ah, char *buf, size_t len)
{
    char rate[32] = "";
    /* A C-rate only when the current held steady (CC), not for CV or drive cycles. */
    if (r->i_max <= 1.02 * r->i_min) crate_text(0.5 * (r->i_min + r->i_max), nominal_Ah, rate, sizeof rate);
    if (with_cycle) snprintf(buf, len, "cycle %d %s%s", r->cycle + 1, r->dir > 0 ? "discharge" : "charge", rate);
    else snprintf(buf, len, "%s%s", r->dir > 0 ? "discharge" : "charge", rate);
}

static double max_run_charge(const cf_solution *s, const run_span *r, size_t n)
{
    double m = 0;
    for (size_t j = 0; j < n; j++)
        for (size_t i = r[j].a; i <= r[j].b; i++) m = fmax(m, fabs(s->capacity_Ah[i] - s->capacity_Ah[r[j].a]));
    return m;
}

static void voltage_capacity_single(cf_plot_figure *f, const cf_solution *s, double nominal_Ah)
{
    run_span *r;
    size_t n = split_runs(s, &r);
    unit qu = charge_unit(max_run_charge(s, r, n));
    char xl[48];
    snprintf(xl, sizeof xl, "capacity (%s)", qu.name);
    cf_plot_panel *p = cf_plot_panel_add(f, "Voltage vs capacity", xl, "voltage (V)");
    double *x = malloc((s->n + 1) * sizeof *x), *y = malloc((s->n + 1) * sizeof *y);
    if (!p || !x || !y) goto done;
    /* distinct cycles, in order */
    size_t ncyc = 0;
    int *cycles = malloc((n + 1) * sizeof *cycles);
    if (!cycles) goto done;
    for (size_t j = 0; j < n; j++)
        if (ncyc == 0 || cycles[ncyc - 1] != r[j].cycle) cycles[ncyc++] = r[j].cycle;
    size_t pick[MAX_CURVES];
    char label[96];
    if (ncyc > 1) {
        size_t np = pick_even(ncyc, MAX_CURVES, pick);
        int any_charge = 0;
        for (size_t k = 0; k < np; k++) {
            int cyc = cycles[pick[k]], labelled = 0;
            for (size_t j = 0; j < n; j++) {
                if (r[j].cycle != cyc) continue;
                run_xy(s, &r[j], qu.scale, x, y);
                int charge = r[j].dir < 0;
                any_charge |= charge;
                snprintf(label, sizeof label, "cycle %d", cyc + 1);
                cf_plot_panel_series(p, x, y, r[j].b - r[j].a + 1, labelled ? NULL : label,
                                     CF_PLOT_LINE | (charge ? CF_PLOT_DASHED : 0), (int)k);
                labelled = 1;
            }
        }
        if (ncyc > np) cf_plot_panel_note(p, "%zu of %zu cycles shown%s", np, ncyc,
                                          any_charge ? "; solid: discharge, dashed: charge" : "");
        else if (any_charge) cf_plot_panel_note(p, "solid: discharge, dashed: charge");
    } else {
        size_t np = pick_even(n, MAX_CURVES, pick);
        for (size_t k = 0; k < np; k++) {
            const run_span *rr = &r[pick[k]];
            run_xy(s, rr, qu.scale, x, y);
            run_label(rr, 0, nominal_Ah, label, sizeof label);
            cf_plot_panel_series(p, x, y, rr->b - rr->a + 1, label, CF_PLOT_LINE, -1);
        }
        if (n > np) cf_plot_panel_note(p, "%zu of %zu charge/discharge runs shown", np, n);
    }
    if (n == 0) cf_plot_panel_note(p, "no charge passed");
    free(cycles);
done:
    free(x);
    free(y);
    free(r);
}

void cf_plot_add_voltage_capacity(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels,
                                  size_t n, double nominal_Ah)
{
    if (n == 1) {
        voltage_capacity_single(f, runs[0], nominal_Ah);
        return;
    }
    double qmax = 0;
    size_t rows = 0;
    for (size_t k = 0; k < n; k++) {
        rows = runs[k]->n > rows ? runs[k]->n : rows;
        for (size_t i = 0; i < runs[k]->n; i++)
            qmax = fmax(qmax, fabs(runs[k]->capacity_Ah[i] - runs[k]->capacity_Ah[0]));
    }
    unit qu = charge_unit(qmax);
    char xl[48];
    snprintf(xl, sizeof xl, "capacity (%s)", qu.name);
    cf_plot_panel *p = cf_plot_panel_add(f, "Voltage vs capacity", xl, "voltage (V)");
    double *x = malloc((rows + 1) * sizeof *x);
    if (!p || !x) {
        free(x);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const cf_solution *s = runs[k];
        for (size_t i = 0; i < s->n; i++) x[i] = fabs(s->capacity_Ah[i] - s->capacity_Ah[0]) * qu.scale;
        cf_plot_panel_series(p, x, s->voltage, s->n, labels ? labels[k] : NULL, CF_PLOT_LINE, -1);
    }
    free(x);
}

/* ------------------------------------------------------------ time series */

static void vs_time(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels, size_t n,
                    int current)
{
    double dur = 0;
    size_t rows = 0;
    for (size_t k = 0; k < n; k++) {
        dur = fmax(dur, duration_of(runs[k]));
        rows = runs[k]->n > rows ? runs[k]->n : rows;
    }
    unit tu = time_unit(dur);
    char xl[32];
    snprintf(xl, sizeof xl, "time (%s)", tu.name);
    cf_plot_panel *p = current ? cf_plot_panel_add(f, "Current", xl, "current (A)")
                               : cf_plot_panel_add(f, "Voltage vs time", xl, "voltage (V)");
    double *x = malloc((rows + 1) * sizeof *x);
    if (!p || !x) {
        free(x);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const cf_solution *s = runs[k];
        for (size_t i = 0; i < s->n; i++) x[i] = (s->t[i] - s->t[0]) * tu.scale;
        cf_plot_panel_series(p, x, current ? s->current : s->voltage, s->n, labels ? labels[k] : NULL, CF_PLOT_LINE,
                             -1);
    }
    if (current) cf_plot_panel_note(p, "positive current discharges the cell");
    free(x);
}

void cf_plot_add_voltage_time(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels, size_t n)
{
    vs_time(f, runs, labels, n, 0);
}

void cf_plot_add_current(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels, size_t n)
{
    vs_time(f, runs, labels, n, 1);
}

/* ---------------------------------------------------------------- process */

void cf_plot_add_process(cf_plot_figure *f, const cf_solution *s)
{
    if (s->n == 0) return;
    unit tu = time_unit(duration_of(s));
    char xl[32];
    snprintf(xl, sizeof xl, "time (%s)", tu.name);
    double *x = malloc(s->n * sizeof *x);
    if (!x) return;
    for (size_t i = 0; i < s->n; i++) x[i] = (s->t[i] - s->t[0]) * tu.scale;
    cf_plot_panel *p = cf_plot_panel_add(f, "Electrode potentials", xl, "potential vs Li/Li+ (V)");
    cf_plot_panel_series(p, x, s->pos_potential, s->n, "positive", CF_PLOT_LINE, -1);
    cf_plot_panel_series(p, x, s->neg_potential, s->n, "negative", CF_PLOT_LINE, -1);
    if (s->has_li_o) {
        p = cf_plot_panel_add(f, "Positive Li/O", xl, "Li/O (-)");
        cf_plot_panel_series(p, x, s->pos_li_o, s->n, NULL, CF_PLOT_LINE, -1);
    }
    if (s->has_li_metal || s->has_reservoir) {
        p = cf_plot_panel_add(f, "Lithium metal", xl, "lithium (Ah)");
        if (s->has_li_metal) cf_plot_panel_series(p, x, s->li_metal_Ah, s->n, "on the negative", CF_PLOT_LINE, -1);
        if (s->has_reservoir) cf_plot_panel_series(p, x, s->reservoir_Ah, s->n, "left in the reservoir", CF_PLOT_LINE, -1);
    }
    double *tc = s->has_thermal ? malloc(s->n * sizeof *tc) : NULL;
    if (tc) { /* a thermal model: the cell's temperature and where its heat comes from */
        for (size_t i = 0; i < s->n; i++) tc[i] = s->temperature_K[i] - 273.15;
        p = cf_plot_panel_add(f, "Cell temperature", xl, "temperature (degC)");
        int tx = s->has_thermal == CF_THERMAL_X;
        cf_plot_panel_series(p, x, tc, s->n, tx ? "mean" : NULL, CF_PLOT_LINE, -1);
        if (tx) {
            /* through the cell: the hottest point, and each layer's mean less
             * the cell's (a few mK to K: on the same axis they would overlap) */
            for (size_t i = 0; i < s->n; i++) tc[i] = s->temperature_max_K[i] - 273.15;
            cf_plot_panel_series(p, x, tc, s->n, "hottest point", CF_PLOT_LINE, -1);
            static const char *const names[CF_N_LAYERS] = {"negative collector", "negative", "separator", "positive",
                                                           "positive collector"};
            p = cf_plot_panel_add(f, "Temperature through the cell", xl, "layer mean less cell mean (K)");
            for (int l = 0; l < CF_N_LAYERS; l++) {
                for (size_t i = 0; i < s->n; i++) tc[i] = s->layer_temperature_K[l][i] - s->temperature_K[i];
                cf_plot_panel_series(p, x, tc, s->n, names[l], CF_PLOT_LINE, -1);
            }
        }
        p = cf_plot_panel_add(f, "Heat sources", xl, "heat (W)");
        cf_plot_panel_series(p, x, s->heat_total_W, s->n, "total", CF_PLOT_LINE, -1);
        cf_plot_panel_series(p, x, s->heat_ohmic_solid_W, s->n, "ohmic, solid", CF_PLOT_LINE, -1);
        cf_plot_panel_series(p, x, s->heat_ohmic_electrolyte_W, s->n, "ohmic, electrolyte", CF_PLOT_LINE, -1);
        cf_plot_panel_series(p, x, s->heat_reaction_W, s->n, "reaction", CF_PLOT_LINE, -1);
        cf_plot_panel_series(p, x, s->heat_reversible_W, s->n, "reversible", CF_PLOT_LINE, -1);
        cf_plot_panel_series(p, x, s->heat_collector_W, s->n, "collectors", CF_PLOT_LINE, -1);
        cf_plot_panel_series(p, x, s->cooling_W, s->n, "to the ambient", CF_PLOT_LINE, -1);
        free(tc);
    }
    free(x);
}

/* ------------------------------------------------------------------ dQ/dV */

typedef struct {
    size_t a, b;
    double current, dq;
    int cycle;
} cc_seg;

/* Constant-current segments (rows with one step and cycle, current steady
 * within 1 %, at least 5 rows). */
static size_t cc_segments(const cf_solution *s, cc_seg **out)
{
    size_t cap = 16, n = 0;
    cc_seg *v = malloc(cap * sizeof *v);
    *out = v;
    if (!v) return 0;
    double eps = 1e-6 * max_abs_current(s);
    for (size_t a = 0; a < s->n;) {
        size_t b = a;
        while (b + 1 < s->n && s->step[b + 1] == s->step[a] && s->cycle[b + 1] == s->cycle[a]) b++;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = a; i <= b; i++) {
            lo = fmin(lo, s->current[i]);
            hi = fmax(hi, s->current[i]);
        }
        double mid = 0.5 * (lo + hi);
        if (b - a + 1 >= 5 && fabs(mid) > eps && hi - lo <= 0.02 * fabs(mid)) {
            if (n == cap) {
                cc_seg *nv = realloc(v, 2 * cap * sizeof *nv);
                if (!nv) break;
                v = nv;
                *out = v;
                cap *= 2;
            }
            v[n++] = (cc_seg){a, b, mid, fabs(s->capacity_Ah[b] - s->capacity_Ah[a]), s->cycle[a]};
        }
        a = b + 1;
    }
    return n;
}

/* Adds the dQ/dV curve of one segment; returns 1 if it had one. */
static int dqdv_curve(cf_plot_panel *p, const cf_solution *s, const cc_seg *g, double qscale, const char *label,
                      int color)
{
    double *v, *d;
    size_t m = cf_plot_dqdv(s->voltage + g->a, s->capacity_Ah + g->a, g->b - g->a + 1, CF_DQDV_GRID_V,
                            CF_DQDV_SIGMA_V, &v, &d);
    if (m == 0) return 0;
    for (size_t i = 0; i < m; i++) d[i] *= qscale;
    cf_plot_panel_series(p, v, d, m, label, CF_PLOT_LINE | (g->current < 0 ? CF_PLOT_DASHED : 0), color);
    free(v);
    free(d);
    return 1;
}

void cf_plot_add_dqdv(cf_plot_figure *f, const cf_solution *const *runs, const char *const *labels, size_t n,
                      double nominal_Ah)
{
    double qmax = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < runs[k]->n; i++) qmax = fmax(qmax, fabs(runs[k]->capacity_Ah[i]));
    unit qu = charge_unit(qmax);
    char yl[48], label[96], rate[32];
    snprintf(yl, sizeof yl, "|dQ/dV| (%s/V)", qu.name);
    cf_plot_panel *p = cf_plot_panel_add(f, "Incremental capacity dQ/dV", "voltage (V)", yl);
    if (!p) return;
    int drawn = 0, any_charge = 0;
    for (size_t k = 0; k < n; k++) {
        cc_seg *g;
        size_t ng = cc_segments(runs[k], &g);
        if (n > 1) { /* one curve per run: its largest constant-current segment */
            size_t best = 0;
            for (size_t j = 1; j < ng; j++)
                if (g[j].dq > g[best].dq) best = j;
            if (ng && dqdv_curve(p, runs[k], &g[best], qu.scale, labels ? labels[k] : NULL, (int)k)) {
                drawn++;
                any_charge |= g[best].current < 0;
            }
        } else {
            /* segments that span enough voltage to differentiate */
            size_t usable = 0;
            for (size_t j = 0; j < ng; j++) {
                double dv = fabs(runs[k]->voltage[g[j].b] - runs[k]->voltage[g[j].a]);
                if (dv >= 5 * CF_DQDV_GRID_V) g[usable++] = g[j];
            }
            int multi = usable > 0 && g[usable - 1].cycle != g[0].cycle;
            size_t pick[MAX_DQDV];
            size_t np = pick_even(usable, MAX_DQDV, pick);
            for (size_t j = 0; j < np; j++) {
                const cc_seg *gg = &g[pick[j]];
                crate_text(gg->current, nominal_Ah, rate, sizeof rate);
                if (multi)
                    snprintf(label, sizeof label, "cycle %d %s%s", gg->cycle + 1, gg->current > 0 ? "discharge" : "charge",
                             rate);
                else snprintf(label, sizeof label, "%s%s", gg->current > 0 ? "discharge" : "charge", rate);
                if (dqdv_curve(p, runs[k], gg, qu.scale, label, -1)) {
                    drawn++;
                    any_charge |= gg->current < 0;
                }
            }
        }
        free(g);
    }
    if (!drawn) cf_plot_panel_note(p, "no constant-current segment spans enough voltage");
    else cf_plot_panel_note(p, "Gaussian-smoothed, sigma = %.0f mV%s", CF_DQDV_SIGMA_V * 1e3,
                            any_charge ? "; dashed: charge" : "");
}

/* --------------------------------------------------------------- profiles */

void cf_plot_add_profiles(cf_plot_figure *f, const cf_plot_snapshots *s, const cf_cell *cell)
{
    size_t n = cf_plot_snapshots_count(s);
    cf_plot_snapshot sn;
    double tmax = 0;
    int has_ce = 0, has_phi = 0, single = 0;
    for (size_t i = 0; i < n; i++) {
        if (cf_plot_snapshots_get(s, i, &sn) != CF_OK) continue;
        tmax = fmax(tmax, sn.t_s);
        has_ce |= sn.n_x > 0;
        for (int j = 0; j < sn.n_x; j++) has_phi |= isfinite(sn.phi_e[j]);
        single |= sn.n_neg == 1;
    }
    /* Panels only for what the model has: the SPM has no electrolyte
     * profile, the SPMe no electrolyte potential. */
    const char *xl = "position across the cell (\xC2\xB5m)";
    cf_plot_panel *pc = has_ce ? cf_plot_panel_add(f, "Electrolyte concentration", xl, "c_e (mol/m\xC2\xB3)") : NULL;
    cf_plot_panel *pp = has_phi ? cf_plot_panel_add(f, "Electrolyte potential", xl, "\xCF\x86_e (V)") : NULL;
    cf_plot_panel *ps = cf_plot_panel_add(f, "Particle surface stoichiometry", xl, "surface stoichiometry (-)");
    /* the regions as the model meshes this cell (a lithium-metal negative is the surface at 0) */
    double ln = cf_cell_negative_layer_m(cell) * 1e6, lsep = cell->sep.thickness_m * 1e6,
           lp = cell->pos.thickness_m * 1e6;
    cf_plot_panel *all[3] = {pc, pp, ps};
    for (int k = 0; k < 3; k++) {
        cf_plot_panel_xrange(all[k], 0, ln + lsep + lp);
        cf_plot_panel_vline(all[k], 0, cell->neg.planar ? "Li | sep" : "neg");
        if (!cell->neg.planar) cf_plot_panel_vline(all[k], ln, "sep");
        cf_plot_panel_vline(all[k], ln + lsep, "pos");
    }
    unit tu = time_unit(tmax);
    for (size_t i = 0; i < n; i++) {
        if (cf_plot_snapshots_get(s, i, &sn) != CF_OK) continue;
        char label[64];
        snprintf(label, sizeof label, "t = %.3g %s", sn.t_s * tu.scale, tu.name);
        int nmax = sn.n_x > sn.n_neg ? sn.n_x : sn.n_neg;
        if (sn.n_pos > nmax) nmax = sn.n_pos;
        double *x = malloc(((size_t)nmax + 1) * sizeof *x);
        if (!x) continue;
        for (int j = 0; j < sn.n_x; j++) x[j] = sn.x_m[j] * 1e6;
        cf_plot_panel_series(pc, x, sn.c_e, (size_t)sn.n_x, label, CF_PLOT_LINE, (int)i);
        cf_plot_panel_series(pp, x, sn.phi_e, (size_t)sn.n_x, label, CF_PLOT_LINE, (int)i);
        int style = sn.n_neg > 1 || sn.n_pos > 1 ? CF_PLOT_LINE : CF_PLOT_MARKERS; /* markers: one particle each */
        for (int j = 0; j < sn.n_neg; j++) x[j] = sn.x_neg_m[j] * 1e6;
        cf_plot_panel_series(ps, x, sn.sto_neg, (size_t)sn.n_neg, label, style, (int)i);
        for (int j = 0; j < sn.n_pos; j++) x[j] = sn.x_pos_m[j] * 1e6;
        cf_plot_panel_series(ps, x, sn.sto_pos, (size_t)sn.n_pos, NULL, style, (int)i);
        free(x);
    }
    if (single) cf_plot_panel_note(ps, "single-particle model: one particle per electrode");
    else if (n == 0) cf_plot_panel_note(ps, "no snapshot was taken");
}

/* ------------------------------------------------------------------ cycles */

void cf_plot_add_cycles(cf_plot_figure *f, const double *cycle, const double *charge_Ah, const double *discharge_Ah,
                        size_t n)
{
    double qmax = 0;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(charge_Ah[i])) qmax = fmax(qmax, charge_Ah[i]);
        if (isfinite(discharge_Ah[i])) qmax = fmax(qmax, discharge_Ah[i]);
    }
    unit qu = charge_unit(qmax);
    char yl[48];
    snprintf(yl, sizeof yl, "capacity (%s)", qu.name);
    cf_plot_panel *p = cf_plot_panel_add(f, "Capacity per cycle", "cycle", yl);
    double *y = malloc((n + 1) * sizeof *y);
    if (!p || !y) {
        free(y);
        return;
    }
    int style = CF_PLOT_LINE | (n <= 60 ? CF_PLOT_MARKERS : 0);
    for (size_t i = 0; i < n; i++) y[i] = discharge_Ah[i] > 0 ? discharge_Ah[i] * qu.scale : NAN;
    cf_plot_panel_series(p, cycle, y, n, "discharge", style, 0);
    for (size_t i = 0; i < n; i++) y[i] = charge_Ah[i] > 0 ? charge_Ah[i] * qu.scale : NAN;
    cf_plot_panel_series(p, cycle, y, n, "charge", style | CF_PLOT_DASHED, 1);
    cf_plot_panel_integer_x(p);
    free(y);
}

/* ------------------------------------------------------------------ kinds */

int cf_plot_kinds_parse(const char *list, unsigned *kinds, cf_error *err)
{
    static const struct {
        const char *name;
        unsigned bit;
    } K[] = {{"voltage", CF_PLOT_KIND_VOLTAGE}, {"time", CF_PLOT_KIND_TIME},   {"current", CF_PLOT_KIND_CURRENT},
             {"profiles", CF_PLOT_KIND_PROFILES}, {"dqdv", CF_PLOT_KIND_DQDV}, {"cycles", CF_PLOT_KIND_CYCLES},
             {"process", CF_PLOT_KIND_PROCESS}, {"all", CF_PLOT_KIND_ALL}};
    *kinds = 0;
    const char *p = list ? list : "";
    while (*p) {
        size_t len = strcspn(p, ",");
        size_t i;
        for (i = 0; i < sizeof K / sizeof K[0]; i++)
            if (strlen(K[i].name) == len && strncmp(p, K[i].name, len) == 0) break;
        if (i == sizeof K / sizeof K[0])
            return cf_error_set(err, CF_EINVAL, "plot kinds",
                                "unknown plot kind '%.*s'; known: voltage, time, current, profiles, dqdv, cycles, process, all",
                                (int)len, p);
        *kinds |= K[i].bit;
        p += len;
        if (*p == ',') p++;
    }
    if (*kinds == 0)
        return cf_error_set(err, CF_EINVAL, "plot kinds",
                            "no plot kind given; known: voltage, time, current, profiles, dqdv, cycles, process, all");
    return CF_OK;
}
