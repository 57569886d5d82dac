/* variables.c — the model's states and derived quantities by PyBaMM's names,
 * computed from a stored state (cf_variables.h).
 *
 * The list is generated per plan: global scalars, then per electrode and per
 * phase (a blend's phases are "primary", "secondary", ... as in PyBaMM), then
 * the electrolyte.  Each entry is a kind (what to compute) with its side and
 * phase; evaluation is one switch over the kind, reading the state y with the
 * plan's layout (plan_internal.h) — the same formulas the residuals use. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_variables.h"
#include "model/ageing.h"
#include "model/plan_internal.h"
#include "model/sim_internal.h"

typedef enum {
    /* from the solution's columns */
    K_TIME_S, K_TIME_MIN, K_TIME_H, K_CURRENT, K_VOLTAGE, K_TERMINAL_VOLTAGE, K_CAPACITY, K_ENERGY, K_POWER, K_CRATE,
    /* scalars from the state */
    K_TEMPERATURE, K_LI_PARTICLES, K_LI_ELECTROLYTE, K_LI_TOTAL, K_LI_CAP_PARTICLES, K_LI_CAP_TOTAL, K_LLI,
    K_SURFACE_OCV, K_LI_LOST, K_SEI_LOSS, K_SEI_CAP_LOSS, K_XAV_SEI_THICKNESS, K_PLATING_LOSS, K_PLATING_CAP_LOSS,
    K_SIDE_LOSS, K_SIDE_CAP_LOSS, K_CRACK_SEI_LOSS, K_CRACK_SEI_CAP_LOSS, K_XAV_CRACK_SEI_THICKNESS,
    /* per electrode */
    K_SEI_THICKNESS, K_CRACK_SEI_THICKNESS, K_CRACK_LEN, K_XAV_CRACK_LEN,
    K_LI_SIDE, K_PHI_S, K_XAV_PHI_S, K_DPHI, K_XAV_DPHI, K_POROSITY, K_XAV_POROSITY, K_AJ_TOTAL,
    K_AM_FRAC, K_XAV_AM_FRAC, K_SURF_RATIO, K_XAV_SURF_RATIO,
    /* per phase */
    K_CS, K_CS_SURF, K_STO, K_STO_SURF, K_XAV_CS, K_XAV_CS_SURF, K_XAV_STO_SURF, K_AVG_CS, K_AVG_STO, K_OCP,
    K_XAV_OCP, K_J0, K_XAV_J0, K_J, K_XAV_J, K_AJ, K_ETA, K_XAV_ETA,
    /* electrolyte: dom = -1 all cells, else DOM_NEG/SEP/POS */
    K_CE, K_XAV_CE, K_PHI_E
} kind;

typedef struct {
    kind k;
    int side, phase, dom;
    int n_x, n_r;
    char name[CF_VARIABLE_NAME_MAX];
} entry;

#define MAX_ENTRIES 256

typedef struct {
    entry e[MAX_ENTRIES];
    int n;
} entry_list;

static const char *SIDE_CAP[2] = {"Negative", "Positive"};
static const char *SIDE_LOW[2] = {"negative", "positive"};
static const char *PHASE_WORD[CF_MAX_PHASES] = {"primary ", "secondary ", "tertiary ", "quaternary "};

static void add(entry_list *l, kind k, int side, int phase, int dom, int n_x, int n_r, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
static void add(entry_list *l, kind k, int side, int phase, int dom, int n_x, int n_r, const char *fmt, ...)
{
    if (l->n >= MAX_ENTRIES) return;
    entry *e = &l->e[l->n++];
    e->k = k;
    e->side = side;
    e->phase = phase;
    e->dom = dom;
    e->n_x = n_x;
    e->n_r = n_r;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->name, sizeof e->name, fmt, ap);
    va_end(ap);
}

/* x cells of an electrode side (DFN), or 1 for the SPM/SPMe's single particle. */
static int side_nx(const cf_plan *p, int s)
{
    return p->opt.kind == CF_MODEL_DFN ? p->side[s].last - p->side[s].first + 1 : 1;
}

static int dom_cells(const cf_plan *p, int dom)
{
    if (dom < 0) return p->nx;
    return dom == DOM_NEG ? p->n_neg : dom == DOM_SEP ? p->n_sep : p->n_pos;
}

static void build(const cf_plan *p, entry_list *l)
{
    l->n = 0;
    int dfn = p->opt.kind == CF_MODEL_DFN;
    add(l, K_TIME_S, 0, 0, 0, 1, 1, "Time [s]");
    add(l, K_TIME_MIN, 0, 0, 0, 1, 1, "Time [min]");
    add(l, K_TIME_H, 0, 0, 0, 1, 1, "Time [h]");
    add(l, K_CURRENT, 0, 0, 0, 1, 1, "Current [A]");
    add(l, K_VOLTAGE, 0, 0, 0, 1, 1, "Voltage [V]");
    add(l, K_TERMINAL_VOLTAGE, 0, 0, 0, 1, 1, "Terminal voltage [V]");
    add(l, K_CAPACITY, 0, 0, 0, 1, 1, "Discharge capacity [A.h]");
    add(l, K_ENERGY, 0, 0, 0, 1, 1, "Discharge energy [W.h]");
    add(l, K_POWER, 0, 0, 0, 1, 1, "Power [W]");
    add(l, K_CRATE, 0, 0, 0, 1, 1, "C-rate");
    add(l, K_TEMPERATURE, 0, 0, 0, 1, 1, "Volume-averaged cell temperature [K]");
    add(l, K_LI_PARTICLES, 0, 0, 0, 1, 1, "Total lithium in particles [mol]");
    add(l, K_LI_ELECTROLYTE, 0, 0, 0, 1, 1, "Total lithium in electrolyte [mol]");
    add(l, K_LI_TOTAL, 0, 0, 0, 1, 1, "Total lithium [mol]");
    add(l, K_LI_CAP_PARTICLES, 0, 0, 0, 1, 1, "Total lithium capacity in particles [A.h]");
    add(l, K_LI_CAP_TOTAL, 0, 0, 0, 1, 1, "Total lithium capacity [A.h]");
    add(l, K_LLI, 0, 0, 0, 1, 1, "Loss of lithium inventory [%%]");
    add(l, K_LI_LOST, 0, 0, 0, 1, 1, "Total lithium lost [mol]");
    /* side reactions on the negative: lithium taken from the inventory */
    if (cf_sei_on(p)) {
        add(l, K_SEI_LOSS, 0, 0, 0, 1, 1, "Loss of lithium to negative SEI [mol]");
        add(l, K_SEI_CAP_LOSS, 0, 0, 0, 1, 1, "Loss of capacity to negative SEI [A.h]");
        add(l, K_SEI_THICKNESS, 0, 0, 0, side_nx(p, 0), 1, "Negative SEI thickness [m]");
        add(l, K_XAV_SEI_THICKNESS, 0, 0, 0, 1, 1, "X-averaged negative SEI thickness [m]");
    }
    if (cf_okane_plating_on(p)) {
        add(l, K_PLATING_LOSS, 0, 0, 0, 1, 1, "Loss of lithium to negative lithium plating [mol]");
        add(l, K_PLATING_CAP_LOSS, 0, 0, 0, 1, 1, "Loss of capacity to negative lithium plating [A.h]");
    }
    if (cf_crack_sei_on(p)) {
        add(l, K_CRACK_SEI_LOSS, 0, 0, 0, 1, 1, "Loss of lithium to negative SEI on cracks [mol]");
        add(l, K_CRACK_SEI_CAP_LOSS, 0, 0, 0, 1, 1, "Loss of capacity to negative SEI on cracks [A.h]");
        add(l, K_CRACK_SEI_THICKNESS, 0, 0, 0, side_nx(p, 0), 1, "Negative SEI on cracks thickness [m]");
        add(l, K_XAV_CRACK_SEI_THICKNESS, 0, 0, 0, 1, 1, "X-averaged negative SEI on cracks thickness [m]");
    }
    for (int s = 0; s < 2; s++)
        if (cf_crack_on(p, s)) {
            add(l, K_CRACK_LEN, s, 0, 0, side_nx(p, s), 1, "%s particle crack length [m]", SIDE_CAP[s]);
            add(l, K_XAV_CRACK_LEN, s, 0, 0, 1, 1, "X-averaged %s particle crack length [m]", SIDE_LOW[s]);
        }
    add(l, K_SIDE_LOSS, 0, 0, 0, 1, 1, "Total lithium lost to side reactions [mol]");
    add(l, K_SIDE_CAP_LOSS, 0, 0, 0, 1, 1, "Total capacity lost to side reactions [A.h]");
    if (p->side[0].nph > 0 && p->side[1].nph > 0) add(l, K_SURFACE_OCV, 0, 0, 0, 1, 1, "Surface open-circuit voltage [V]");
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        if (sd->nph == 0) continue; /* a lithium-metal negative: no layer */
        int nx = side_nx(p, s);
        const char *S = SIDE_CAP[s], *lo = SIDE_LOW[s];
        add(l, K_LI_SIDE, s, 0, 0, 1, 1, "Total lithium in %s electrode [mol]", lo);
        if (dfn) {
            add(l, K_PHI_S, s, 0, 0, nx, 1, "%s electrode potential [V]", S);
            add(l, K_XAV_PHI_S, s, 0, 0, 1, 1, "X-averaged %s electrode potential [V]", lo);
        }
        add(l, K_DPHI, s, 0, 0, nx, 1, "%s electrode surface potential difference [V]", S);
        add(l, K_XAV_DPHI, s, 0, 0, 1, 1, "X-averaged %s electrode surface potential difference [V]", lo);
        add(l, K_POROSITY, s, 0, 0, nx, 1, "%s electrode porosity", S);
        add(l, K_XAV_POROSITY, s, 0, 0, 1, 1, "X-averaged %s electrode porosity", lo);
        if (sd->nph > 1)
            add(l, K_AJ_TOTAL, s, 0, 0, nx, 1, "%s electrode volumetric interfacial current density [A.m-3]", S);
        /* the active material and its reacting surface as they are now (a loss of active material shrinks them) */
        add(l, K_AM_FRAC, s, 0, 0, nx, 1, "%s electrode active material volume fraction", S);
        add(l, K_XAV_AM_FRAC, s, 0, 0, 1, 1, "X-averaged %s electrode active material volume fraction", lo);
        add(l, K_SURF_RATIO, s, 0, 0, nx, 1, "%s electrode surface area to volume ratio [m-1]", S);
        add(l, K_XAV_SURF_RATIO, s, 0, 0, 1, 1, "X-averaged %s electrode surface area to volume ratio [m-1]", lo);
        for (int i = 0; i < sd->nph; i++) {
            const char *ph = sd->nph > 1 ? PHASE_WORD[i] : "";
            int nr = sd->pm[i].nr;
            add(l, K_CS, s, i, 0, nx, nr, "%s %sparticle concentration [mol.m-3]", S, ph);
            add(l, K_CS_SURF, s, i, 0, nx, 1, "%s %sparticle surface concentration [mol.m-3]", S, ph);
            add(l, K_STO, s, i, 0, nx, nr, "%s %sparticle stoichiometry", S, ph);
            add(l, K_STO_SURF, s, i, 0, nx, 1, "%s %sparticle surface stoichiometry", S, ph);
            add(l, K_XAV_CS, s, i, 0, 1, nr, "X-averaged %s %sparticle concentration [mol.m-3]", lo, ph);
            add(l, K_XAV_CS_SURF, s, i, 0, 1, 1, "X-averaged %s %sparticle surface concentration [mol.m-3]", lo, ph);
            add(l, K_XAV_STO_SURF, s, i, 0, 1, 1, "X-averaged %s %sparticle surface stoichiometry", lo, ph);
            add(l, K_AVG_CS, s, i, 0, 1, 1, "Average %s %sparticle concentration [mol.m-3]", lo, ph);
            add(l, K_AVG_STO, s, i, 0, 1, 1, "Average %s %sparticle stoichiometry", lo, ph);
            add(l, K_OCP, s, i, 0, nx, 1, "%s electrode %sopen-circuit potential [V]", S, ph);
            add(l, K_XAV_OCP, s, i, 0, 1, 1, "X-averaged %s electrode %sopen-circuit potential [V]", lo, ph);
            add(l, K_J0, s, i, 0, nx, 1, "%s electrode %sexchange current density [A.m-2]", S, ph);
            add(l, K_XAV_J0, s, i, 0, 1, 1, "X-averaged %s electrode %sexchange current density [A.m-2]", lo, ph);
            add(l, K_J, s, i, 0, nx, 1, "%s electrode %sinterfacial current density [A.m-2]", S, ph);
            add(l, K_XAV_J, s, i, 0, 1, 1, "X-averaged %s electrode %sinterfacial current density [A.m-2]", lo, ph);
            add(l, K_AJ, s, i, 0, nx, 1, "%s electrode %svolumetric interfacial current density [A.m-3]", S, ph);
            add(l, K_ETA, s, i, 0, nx, 1, "%s electrode %sreaction overpotential [V]", S, ph);
            add(l, K_XAV_ETA, s, i, 0, 1, 1, "X-averaged %s electrode %sreaction overpotential [V]", lo, ph);
        }
    }
    if (p->opt.kind == CF_MODEL_SPM) return; /* its electrolyte is not modelled */
    add(l, K_CE, 0, 0, -1, p->nx, 1, "Electrolyte concentration [mol.m-3]");
    add(l, K_XAV_CE, 0, 0, -1, 1, 1, "X-averaged electrolyte concentration [mol.m-3]");
    static const char *DOM_CAP[3] = {"Negative", "Separator", "Positive"};
    for (int d = 0; d < 3; d++)
        if (dom_cells(p, d) > 0)
            add(l, K_CE, 0, 0, d, dom_cells(p, d), 1, "%s electrolyte concentration [mol.m-3]", DOM_CAP[d]);
    if (!dfn) return;
    add(l, K_PHI_E, 0, 0, -1, p->nx, 1, "Electrolyte potential [V]");
    for (int d = 0; d < 3; d++)
        if (dom_cells(p, d) > 0)
            add(l, K_PHI_E, 0, 0, d, dom_cells(p, d), 1, "%s electrolyte potential [V]", DOM_CAP[d]);
}

/* ---- evaluation from a state ---- */

static double particle_mean(const cf_particle_mesh *m, const double *cs)
{
    double s = 0.0;
    for (int i = 0; i < m->nr; i++) s += cs[i] * m->vol[i];
    return s / (m->R * m->R * m->R / 3.0);
}

/* First x cell of electrode s (DFN); the SPM/SPMe's particle is "cell" 0. */
static int cell_of(const cf_plan *p, int s, int n) { return p->opt.kind == CF_MODEL_DFN ? p->side[s].first + n : n; }

static const double *shells(const cf_plan *p, int s, int i, int k, const double *y)
{
    const cf_side *sd = &p->side[s];
    return p->opt.kind == CF_MODEL_DFN ? y + p->off[k] + sd->ph_off[i] : y + sd->off_cs[i];
}

/* Electrolyte concentration of cell k (k < 0: the SPM's, its initial value). */
static double ce_at(const cf_plan *p, int k, const double *y)
{
    if (p->opt.kind == CF_MODEL_DFN)
        return y[p->off[k] + (p->dom[k] == DOM_SEP ? 0 : p->side[SIDE_OF_DOM(p->dom[k])].ncs)];
    if (p->opt.kind == CF_MODEL_SPME && k >= 0) return y[p->off_ce + k];
    return p->cell->electrolyte.c_init;
}

/* The electrolyte concentration an SPM/SPMe particle sees: the x-average over
 * its electrode (SPMe), the initial value (SPM). */
static double ce_side_mean(const cf_plan *p, int s, const double *y)
{
    if (p->opt.kind != CF_MODEL_SPME) return p->cell->electrolyte.c_init;
    const cf_side *sd = &p->side[s];
    double sum = 0, w = 0;
    for (int k = sd->first; k <= sd->last; k++) {
        sum += p->dx[k] * y[p->off_ce + k];
        w += p->dx[k];
    }
    return sum / w;
}

/* Surface potential difference phi_s - phi_e at electrode cell n of side s. */
static double dphi_at(const cf_plan *p, int s, int n, const double *y)
{
    if (p->opt.kind != CF_MODEL_DFN) return y[p->side[s].i_dphi];
    int o = p->off[cell_of(p, s, n)] + p->side[s].ncs;
    return y[o + 2] - y[o + 1];
}

typedef struct {
    double cs_surf, U, j0, j, eta;
} local;

/* The step-start correction of the surface of phase i of side s in cell k
 * (the SPM/SPMe: k = 0) for the row being evaluated (0 without one): the
 * surface the kinetics saw is the surface node's value plus this. */
static double surface_shift(const cf_plan *p, int s, int i, int k)
{
    if (!p->var_shift) return 0.0;
    return p->var_shift[(p->opt.kind == CF_MODEL_DFN ? k : s) * CF_MAX_PHASES + i];
}

/* Kinetics of phase i of side s at its cell n (the SPM/SPMe: n = 0). */
/* The active share f of electrode s at its n-th cell (the SPM/SPMe: its one
 * value; 1 without a loss of active material): the reacting surface is a_i f. */
static double lam_f_at(const cf_plan *p, int s, int n, const double *y)
{
    if (!cf_lam_on(p, s)) return 1.0;
    return p->opt.kind == CF_MODEL_DFN ? y[cf_lam_index(p, cell_of(p, s, n))] : y[p->ageing->i_f[s]];
}

static void phase_local(const cf_plan *p, int s, int i, int n, const double *y, local *L)
{
    const cf_side *sd = &p->side[s];
    const cf_phase *ph = &sd->el->phase[i];
    int k = cell_of(p, s, n);
    /* through the cell: the kinetics at the cell's own temperature (the
     * plan's temperature factors are work space, as in the residual) */
    if (p->th.x && p->opt.kind == CF_MODEL_DFN) cf_thermal_x_node((cf_plan *)p, k, y);
    L->cs_surf = cf_particle_surface(&sd->pm[i], shells(p, s, i, k, y)) + surface_shift(p, s, i, k);
    double ce = p->opt.kind == CF_MODEL_DFN ? ce_at(p, k, y) : ce_side_mean(p, s, y);
    /* the OCP the kinetics use: with the entropic shift in a thermal model */
    int entropic = cf_thermal_on(p) || ph->entropic.kind != CF_FN_CONSTANT || ph->entropic.value != 0;
    double S;
    L->U = entropic ? cf_thermal_ocp(p, ph, L->cs_surf, NULL, &S, NULL, NULL) : cf_phase_ocp(ph, L->cs_surf, p->T, NULL);
    L->j0 = cf_j0(p, ph, sd->arr_j0[i], ce, L->cs_surf, NULL, NULL);
    L->eta = dphi_at(p, s, n, y) - L->U;
    if (p->opt.kind == CF_MODEL_DFN) {
        L->j = cf_bv_current(L->j0, L->eta, ph->alpha, p->f, NULL);
    } else if (sd->nph == 1) { /* the electrode's current, spread over its particles' surface as it is now */
        double sign = s == 0 ? 1.0 : -1.0;
        L->j = sign * y[p->iI] / (sd->a[i] * lam_f_at(p, s, n, y) * sd->el->thickness_m * p->cell->area_m2);
    } else {
        L->j = y[sd->i_j[i]];
    }
}

static double side_li_mol(const cf_plan *p, int s, const double *y)
{
    const cf_side *sd = &p->side[s];
    double A = p->cell->area_m2, li = 0;
    for (int i = 0; i < sd->nph; i++) {
        const cf_phase *ph = &sd->el->phase[i];
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = sd->first; k <= sd->last; k++)
                li += ph->active_fraction * p->dx[k] * A * particle_mean(&sd->pm[i], shells(p, s, i, k, y));
        else
            li += ph->active_fraction * sd->el->thickness_m * A * particle_mean(&sd->pm[i], shells(p, s, i, 0, y));
    }
    return li;
}

static double electrolyte_li_mol(cf_plan *p, const double *y)
{
    const cf_cell *c = p->cell;
    double A = c->area_m2, li = 0;
    if (p->opt.kind == CF_MODEL_DFN) {
        cf_porosity_update(p, y); /* the porosity cache follows y */
        for (int k = 0; k < p->nx; k++) li += p->lam[k] * p->eps[k] * p->dx[k] * A * ce_at(p, k, y);
    } else if (p->opt.kind == CF_MODEL_SPME) {
        for (int k = 0; k < p->nx; k++) li += p->eps[k] * p->dx[k] * A * y[p->off_ce + k];
    } else {
        li = (c->neg.thickness_m * c->neg.porosity + c->sep.thickness_m * c->sep.porosity +
              c->pos.thickness_m * c->pos.porosity) * A * c->electrolyte.c_init;
    }
    return li;
}

/* Lithium metal, a reservoir and the positive collector's alloy (mol). */
static double other_li_mol(const cf_plan *p, const double *y)
{
    double mol = cf_li_metal_Ah(p, y) * 3600.0 / CF_FARADAY;
    if (p->iNdead >= 0) mol += y[p->iNdead] * p->cell->area_m2;
    if (p->iNres >= 0) mol += y[p->iNres];
    if (p->iNal >= 0) mol += y[p->iNal];
    return mol;
}

/* SEI lithium per electrode volume (mol/m3) at negative cell n (the
 * SPM/SPMe: its one value); the layout is ageing.h's. */
static double sei_n_at(const cf_plan *p, int n, const double *y)
{
    if (p->opt.kind != CF_MODEL_DFN) return y[p->ageing->i_n];
    return y[p->off[cell_of(p, 0, n)] + p->side[0].ncs + 3 + p->plating];
}

/* Lithium the SEI took since the cell's initial SEI (mol); 0 without SEI. */
static double sei_loss_mol(const cf_plan *p, const double *y)
{
    if (!cf_sei_on(p)) return 0.0;
    const cf_cell *c = p->cell;
    double mol = 0;
    if (p->opt.kind == CF_MODEL_DFN)
        for (int n = 0; n < side_nx(p, 0); n++) mol += sei_n_at(p, n, y) * p->dx[cell_of(p, 0, n)];
    else
        mol = sei_n_at(p, 0, y) * c->neg.thickness_m;
    return (mol - p->ageing->n0 * c->neg.thickness_m) * c->area_m2;
}

/* The crack length's unknown of side s at electrode cell n (the crack
 * SEI's lithium next on the negative; ageing.h). */
static int crack_at(const cf_plan *p, int s, int n)
{
    return p->opt.kind == CF_MODEL_DFN ? cf_crack_index(p, cell_of(p, s, n)) : p->ageing->i_l[s];
}

/* Lithium the SEI on the negative's cracks took since the start (mol). */
static double crack_sei_loss_mol(const cf_plan *p, const double *y)
{
    if (!cf_crack_sei_on(p)) return 0.0;
    const cf_cell *c = p->cell;
    double mol = 0;
    if (p->opt.kind == CF_MODEL_DFN)
        for (int n = 0; n < side_nx(p, 0); n++) mol += y[crack_at(p, 0, n) + 1] * p->dx[cell_of(p, 0, n)];
    else
        mol = y[crack_at(p, 0, 0) + 1] * c->neg.thickness_m;
    return (mol - p->ageing->ncr0 * c->neg.thickness_m) * c->area_m2;
}

/* Plated and dead lithium (O'Kane) beyond the initial plated lithium (mol). */
static double plating_loss_mol(const cf_plan *p, const double *y)
{
    if (!cf_okane_plating_on(p)) return 0.0;
    const cf_cell *c = p->cell;
    double mol = 0;
    if (p->opt.kind == CF_MODEL_DFN) {
        for (int k = p->side[0].first; k <= p->side[0].last; k++) {
            int o = p->off[k] + p->side[0].ncs + 3 + p->plating + cf_sei_on(p);
            mol += (y[o] + y[o + 1]) * p->dx[k];
        }
    } else {
        mol = (y[p->ageing->i_pl] + y[p->ageing->i_dead]) * c->neg.thickness_m;
    }
    return (mol - p->ageing->pl.initial_mol_m3 * c->neg.thickness_m) * c->area_m2;
}

/* dx-weighted mean of a per-cell quantity over electrode s (the SPM: its value). */
static double xavg(const cf_plan *p, int s, const double *v)
{
    int nx = side_nx(p, s);
    if (nx == 1) return v[0];
    double sum = 0, w = 0;
    for (int n = 0; n < nx; n++) {
        double dx = p->dx[cell_of(p, s, n)];
        sum += dx * v[n];
        w += dx;
    }
    return sum / w;
}

/* Per-cell values of a per-phase field kind into v (side_nx values). */
static void phase_field(const cf_plan *p, kind k, int s, int i, const double *y, double *v)
{
    const cf_side *sd = &p->side[s];
    for (int n = 0; n < side_nx(p, s); n++) {
        local L;
        phase_local(p, s, i, n, y, &L);
        switch (k) {
        case K_CS_SURF: v[n] = L.cs_surf; break;
        case K_STO_SURF: v[n] = L.cs_surf / sd->el->phase[i].c_max; break;
        case K_OCP: v[n] = L.U; break;
        case K_J0: v[n] = L.j0; break;
        case K_J: v[n] = L.j; break;
        case K_AJ: v[n] = sd->a[i] * lam_f_at(p, s, n, y) * L.j; break;
        case K_ETA: v[n] = L.eta; break;
        default: v[n] = NAN;
        }
    }
}

static void side_field(cf_plan *p, kind k, int s, const double *y, double *v)
{
    const cf_side *sd = &p->side[s];
    int nx = side_nx(p, s);
    if (k == K_POROSITY && p->opt.kind == CF_MODEL_DFN) cf_porosity_update(p, y);
    for (int n = 0; n < nx; n++) {
        switch (k) {
        case K_PHI_S: v[n] = y[p->off[cell_of(p, s, n)] + sd->ncs + 2]; break;
        case K_DPHI: v[n] = dphi_at(p, s, n, y); break;
        case K_POROSITY:
            if (p->opt.kind == CF_MODEL_DFN) v[n] = p->eps[cell_of(p, s, n)];
            else {
                double dt;
                cf_swelling_state(p, s, y, &dt, &v[n]);
            }
            break;
        case K_AJ_TOTAL: {
            v[n] = 0;
            for (int i = 0; i < sd->nph; i++) {
                local L;
                phase_local(p, s, i, n, y, &L);
                v[n] += sd->a[i] * lam_f_at(p, s, n, y) * L.j;
            }
            break;
        }
        case K_AM_FRAC: case K_SURF_RATIO:
            v[n] = 0;
            for (int i = 0; i < sd->nph; i++)
                v[n] += (k == K_AM_FRAC ? sd->el->phase[i].active_fraction : sd->a[i]) * lam_f_at(p, s, n, y);
            break;
        default: v[n] = NAN;
        }
    }
}

static kind field_of_xavg(kind k)
{
    switch (k) {
    case K_XAV_PHI_S: return K_PHI_S;
    case K_XAV_DPHI: return K_DPHI;
    case K_XAV_POROSITY: return K_POROSITY;
    case K_XAV_AM_FRAC: return K_AM_FRAC;
    case K_XAV_SURF_RATIO: return K_SURF_RATIO;
    case K_XAV_CS_SURF: return K_CS_SURF;
    case K_XAV_STO_SURF: return K_STO_SURF;
    case K_XAV_OCP: return K_OCP;
    case K_XAV_J0: return K_J0;
    case K_XAV_J: return K_J;
    case K_XAV_ETA: return K_ETA;
    default: return k;
    }
}

/* First cell of an electrolyte domain (dom < 0: all). */
static int dom_first(const cf_plan *p, int dom)
{
    return dom <= 0 ? 0 : dom == DOM_SEP ? p->n_neg : p->n_neg + p->n_sep;
}

/* Values of entry e in state y (one solution row) into out (n_x * n_r). */
static void eval_state(cf_plan *p, const entry *e, const double *y, double *out, double *work)
{
    int s = e->side, i = e->phase;
    const cf_side *sd = &p->side[s];
    switch (e->k) {
    case K_TEMPERATURE: out[0] = p->T; return;
    case K_LI_PARTICLES: out[0] = side_li_mol(p, 0, y) + side_li_mol(p, 1, y); return;
    case K_LI_ELECTROLYTE: out[0] = electrolyte_li_mol(p, y); return;
    case K_LI_TOTAL:
        out[0] = side_li_mol(p, 0, y) + side_li_mol(p, 1, y) + electrolyte_li_mol(p, y) + other_li_mol(p, y);
        return;
    case K_LI_CAP_PARTICLES: out[0] = (side_li_mol(p, 0, y) + side_li_mol(p, 1, y)) * CF_FARADAY / 3600.0; return;
    case K_LI_CAP_TOTAL:
        out[0] = (side_li_mol(p, 0, y) + side_li_mol(p, 1, y) + electrolyte_li_mol(p, y) + other_li_mol(p, y)) *
                 CF_FARADAY / 3600.0;
        return;
    case K_LLI: out[0] = side_li_mol(p, 0, y) + side_li_mol(p, 1, y) + other_li_mol(p, y); return; /* finished by caller */
    case K_LI_LOST: /* "Total lithium [mol]" here; the caller subtracts it from the first row's */
        out[0] = side_li_mol(p, 0, y) + side_li_mol(p, 1, y) + electrolyte_li_mol(p, y) + other_li_mol(p, y);
        return;
    case K_SEI_LOSS: out[0] = sei_loss_mol(p, y); return;
    case K_SEI_CAP_LOSS: out[0] = sei_loss_mol(p, y) * CF_FARADAY / 3600.0; return;
    case K_SEI_THICKNESS:
        for (int n = 0; n < e->n_x; n++) out[n] = cf_sei_thickness(p, sei_n_at(p, n, y));
        return;
    case K_XAV_SEI_THICKNESS:
        for (int n = 0; n < side_nx(p, 0); n++) work[n] = cf_sei_thickness(p, sei_n_at(p, n, y));
        out[0] = xavg(p, 0, work);
        return;
    case K_PLATING_LOSS: out[0] = plating_loss_mol(p, y); return;
    case K_PLATING_CAP_LOSS: out[0] = plating_loss_mol(p, y) * CF_FARADAY / 3600.0; return;
    case K_SIDE_LOSS: out[0] = sei_loss_mol(p, y) + crack_sei_loss_mol(p, y) + plating_loss_mol(p, y); return;
    case K_SIDE_CAP_LOSS:
        out[0] = (sei_loss_mol(p, y) + crack_sei_loss_mol(p, y) + plating_loss_mol(p, y)) * CF_FARADAY / 3600.0;
        return;
    case K_CRACK_SEI_LOSS: out[0] = crack_sei_loss_mol(p, y); return;
    case K_CRACK_SEI_CAP_LOSS: out[0] = crack_sei_loss_mol(p, y) * CF_FARADAY / 3600.0; return;
    case K_CRACK_SEI_THICKNESS:
    case K_XAV_CRACK_SEI_THICKNESS: {
        double *v = e->k == K_CRACK_SEI_THICKNESS ? out : work;
        for (int n = 0; n < side_nx(p, 0); n++) {
            int ic = crack_at(p, 0, n);
            v[n] = cf_crack_sei_thickness(p, y[ic + 1], y[ic]);
        }
        if (e->k == K_XAV_CRACK_SEI_THICKNESS) out[0] = xavg(p, 0, work);
        return;
    }
    case K_CRACK_LEN:
    case K_XAV_CRACK_LEN: {
        double *v = e->k == K_CRACK_LEN ? out : work;
        for (int n = 0; n < side_nx(p, e->side); n++) v[n] = y[crack_at(p, e->side, n)];
        if (e->k == K_XAV_CRACK_LEN) out[0] = xavg(p, e->side, work);
        return;
    }
    case K_SURFACE_OCV: {
        /* capacity-weighted over phases, dx-averaged over x, as one OCV per electrode */
        double U[2];
        for (int t = 0; t < 2; t++) {
            double sum = 0, w = 0;
            for (int j = 0; j < p->side[t].nph; j++) {
                const cf_phase *ph = &p->side[t].el->phase[j];
                phase_field(p, K_OCP, t, j, y, work);
                double wt = ph->active_fraction * ph->c_max;
                sum += wt * xavg(p, t, work);
                w += wt;
            }
            U[t] = sum / w;
        }
        out[0] = U[1] - U[0];
        return;
    }
    case K_LI_SIDE: out[0] = side_li_mol(p, s, y); return;
    case K_PHI_S: case K_DPHI: case K_POROSITY: case K_AJ_TOTAL: case K_AM_FRAC: case K_SURF_RATIO:
        side_field(p, e->k, s, y, out);
        return;
    case K_XAV_PHI_S: case K_XAV_DPHI: case K_XAV_POROSITY: case K_XAV_AM_FRAC: case K_XAV_SURF_RATIO:
        side_field(p, field_of_xavg(e->k), s, y, work);
        out[0] = xavg(p, s, work);
        return;
    case K_CS: case K_STO: {
        double scale = e->k == K_STO ? 1.0 / sd->el->phase[i].c_max : 1.0;
        for (int n = 0; n < e->n_x; n++) {
            int k = cell_of(p, s, n);
            const double *cs = shells(p, s, i, k, y);
            for (int r = 0; r < e->n_r; r++) out[n * e->n_r + r] = cs[r] * scale;
            /* a spectral particle's last node is its surface: as the kinetics saw it */
            if (sd->pm[i].spectral) out[n * e->n_r + e->n_r - 1] += surface_shift(p, s, i, k) * scale;
        }
        return;
    }
    case K_XAV_CS: {
        int nx = side_nx(p, s);
        for (int r = 0; r < e->n_r; r++) {
            for (int n = 0; n < nx; n++) {
                int k = cell_of(p, s, n);
                work[n] = shells(p, s, i, k, y)[r];
                if (sd->pm[i].spectral && r == e->n_r - 1) work[n] += surface_shift(p, s, i, k);
            }
            out[r] = xavg(p, s, work);
        }
        return;
    }
    case K_AVG_CS: case K_AVG_STO: {
        int nx = side_nx(p, s);
        for (int n = 0; n < nx; n++) work[n] = particle_mean(&sd->pm[i], shells(p, s, i, cell_of(p, s, n), y));
        out[0] = xavg(p, s, work) / (e->k == K_AVG_STO ? sd->el->phase[i].c_max : 1.0);
        return;
    }
    case K_CS_SURF: case K_STO_SURF: case K_OCP: case K_J0: case K_J: case K_AJ: case K_ETA:
        phase_field(p, e->k, s, i, y, out);
        return;
    case K_XAV_CS_SURF: case K_XAV_STO_SURF: case K_XAV_OCP: case K_XAV_J0: case K_XAV_J: case K_XAV_ETA:
        phase_field(p, field_of_xavg(e->k), s, i, y, work);
        out[0] = xavg(p, s, work);
        return;
    case K_CE: case K_PHI_E: {
        int k0 = dom_first(p, e->dom);
        for (int n = 0; n < e->n_x; n++) {
            int k = k0 + n;
            if (e->k == K_CE) out[n] = ce_at(p, k, y);
            else out[n] = y[p->off[k] + (p->dom[k] == DOM_SEP ? 0 : p->side[SIDE_OF_DOM(p->dom[k])].ncs) + 1];
        }
        return;
    }
    case K_XAV_CE: {
        double sum = 0, w = 0;
        for (int k = 0; k < p->nx; k++) {
            sum += p->dx[k] * ce_at(p, k, y);
            w += p->dx[k];
        }
        out[0] = sum / w;
        return;
    }
    default:
        for (int n = 0; n < e->n_x * e->n_r; n++) out[n] = NAN;
    }
}

static int needs_states(kind k) { return k >= K_TEMPERATURE; }

/* ---- public ---- */

int cf_variable_count(const cf_plan *p)
{
    entry_list *l = malloc(sizeof *l);
    if (!l) return 0;
    build(p, l);
    int n = l->n;
    free(l);
    return n;
}

/* A field over an electrode (the SPM/SPMe: its single particle). */
static int is_field(kind k)
{
    return k == K_SEI_THICKNESS || k == K_CRACK_SEI_THICKNESS || k == K_CRACK_LEN ||
           k == K_PHI_S || k == K_DPHI || k == K_POROSITY || k == K_AJ_TOTAL || k == K_AM_FRAC ||
           k == K_SURF_RATIO || k == K_CS || k == K_CS_SURF ||
           k == K_STO || k == K_STO_SURF || k == K_OCP || k == K_J0 || k == K_J || k == K_AJ || k == K_ETA ||
           k == K_XAV_CS;
}

static const char *domain_name(const entry *e)
{
    if (e->k >= K_CE) {
        if (e->n_x == 1) return "";
        return e->dom < 0 ? "cell" : e->dom == DOM_NEG ? "negative electrode" : e->dom == DOM_SEP ? "separator" : "positive electrode";
    }
    if (!is_field(e->k)) return "";
    return e->side ? "positive electrode" : "negative electrode";
}

static void fill_info(const entry *e, cf_variable_info *info)
{
    memset(info, 0, sizeof *info);
    snprintf(info->name, sizeof info->name, "%s", e->name);
    info->n_x = e->n_x;
    info->n_r = e->n_r;
    info->needs_states = needs_states(e->k);
    info->domain = domain_name(e);
}

int cf_variable_info_at(const cf_plan *p, int i, cf_variable_info *info)
{
    entry_list *l = malloc(sizeof *l);
    if (!l) return CF_ENOMEM;
    build(p, l);
    int rc = i >= 0 && i < l->n ? CF_OK : CF_EINVAL;
    if (!rc) fill_info(&l->e[i], info);
    free(l);
    return rc;
}

/* Edit distance, case-insensitive (names differ mostly in case and words). */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 200 || lb > 200) return 1000;
    int row[201];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int ca = a[i - 1] | 0x20, cb = b[j - 1] | 0x20;
            int sub = prev + (ca != cb);
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

int cf_variable_find(const cf_plan *p, const char *name, int *index, cf_error *err)
{
    entry_list *l = malloc(sizeof *l);
    if (!l) return cf_error_set(err, CF_ENOMEM, "variables", "out of memory");
    build(p, l);
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->e[i].name, name) == 0) {
            *index = i;
            free(l);
            return CF_OK;
        }
    /* the three closest names */
    int best[3] = {-1, -1, -1}, bd[3] = {1 << 30, 1 << 30, 1 << 30};
    for (int i = 0; i < l->n; i++) {
        int d = distance(name, l->e[i].name);
        for (int j = 0; j < 3; j++)
            if (d < bd[j]) {
                for (int m = 2; m > j; m--) {
                    bd[m] = bd[m - 1];
                    best[m] = best[m - 1];
                }
                bd[j] = d;
                best[j] = i;
                break;
            }
    }
    char hint[3 * CF_VARIABLE_NAME_MAX + 16] = "";
    for (int j = 0; j < 3 && best[j] >= 0; j++) {
        size_t len = strlen(hint);
        snprintf(hint + len, sizeof hint - len, "%s'%s'", j ? ", " : "", l->e[best[j]].name);
    }
    char model[16];
    snprintf(model, sizeof model, "%s", cf_model_kind_name(p->opt.kind));
    int n = l->n;
    free(l);
    return cf_error_set(err, CF_EINVAL, "variables",
                        "unknown variable '%.*s' for this %s cell (%d variables); did you mean %s?", 120, name, model, n,
                        hint);
}

int cf_variable_grid(const cf_plan *p, int i, double *x_m, double *r_m)
{
    entry_list *l = malloc(sizeof *l);
    if (!l) return CF_ENOMEM;
    build(p, l);
    if (i < 0 || i >= l->n) {
        free(l);
        return CF_EINVAL;
    }
    entry e = l->e[i];
    free(l);
    if (x_m) {
        if (e.k >= K_CE) {
            int k0 = dom_first(p, e.dom);
            if (e.n_x == 1) x_m[0] = NAN;
            else for (int n = 0; n < e.n_x; n++) x_m[n] = p->xc[k0 + n];
        } else if (e.n_x > 1) {
            for (int n = 0; n < e.n_x; n++) x_m[n] = p->xc[cell_of(p, e.side, n)];
        } else if (is_field(e.k) && e.k != K_XAV_CS) {
            const cf_cell *c = p->cell; /* the single particle: the electrode's middle */
            x_m[0] = e.side == 0 ? 0.5 * c->neg.thickness_m
                                 : c->neg.thickness_m + c->sep.thickness_m + 0.5 * c->pos.thickness_m;
        } else {
            x_m[0] = NAN;
        }
    }
    if (r_m) {
        if (e.n_r > 1) {
            const cf_particle_mesh *m = &p->side[e.side].pm[e.phase];
            for (int r = 0; r < e.n_r; r++) r_m[r] = m->spectral ? m->R * sqrt(m->node_s[r]) : (r + 0.5) * m->dr;
        } else {
            r_m[0] = NAN;
        }
    }
    return CF_OK;
}

int cf_variable_values(cf_plan *p, int i, const cf_solution *sol, size_t row0, size_t nrows, double *out,
                       cf_error *err)
{
    entry_list *l = malloc(sizeof *l);
    if (!l) return cf_error_set(err, CF_ENOMEM, "variables", "out of memory");
    build(p, l);
    if (i < 0 || i >= l->n || row0 + nrows > sol->n) {
        free(l);
        return cf_error_set(err, CF_EINVAL, "variables", "variable %d or rows [%zu, %zu) out of range", i, row0,
                            row0 + nrows);
    }
    entry e = l->e[i];
    free(l);
    size_t w = (size_t)e.n_x * (size_t)e.n_r;
    if (!needs_states(e.k)) {
        for (size_t r = 0; r < nrows; r++) {
            size_t k = row0 + r;
            double v = NAN, Q = p->cell->nominal_capacity_Ah;
            switch (e.k) {
            case K_TIME_S: v = sol->t[k]; break;
            case K_TIME_MIN: v = sol->t[k] / 60.0; break;
            case K_TIME_H: v = sol->t[k] / 3600.0; break;
            case K_CURRENT: v = sol->current[k]; break;
            case K_VOLTAGE: case K_TERMINAL_VOLTAGE: v = sol->voltage[k]; break;
            case K_CAPACITY: v = sol->capacity_Ah[k]; break;
            case K_ENERGY: v = sol->energy_Wh[k]; break;
            case K_POWER: v = sol->current[k] * sol->voltage[k]; break;
            case K_CRATE: v = Q > 0 ? sol->current[k] / Q : NAN; break;
            default: break;
            }
            out[r] = v;
        }
        return CF_OK;
    }
    if (!sol->states || sol->state_n != p->n || sol->state_cap < sol->n)
        return cf_error_set(err, CF_EINVAL, "variables",
                            "'%s' is computed from the model's states, which this solution did not store "
                            "(run with store_states / --variables)", e.name);
    int nwork = p->nx > 1 ? p->nx : 1;
    for (int s = 0; s < 2; s++)
        for (int j = 0; j < p->side[s].nph; j++)
            if (p->side[s].pm[j].nr > nwork) nwork = p->side[s].pm[j].nr;
    double *work = malloc((size_t)nwork * sizeof(double));
    if (!work) return cf_error_set(err, CF_ENOMEM, "variables", "out of memory");
    double li0 = NAN;
    if (e.k == K_LLI || e.k == K_LI_LOST) eval_state(p, &e, sol->states, &li0, work); /* the run's first row (no T needed) */
    /* the step-start corrections the run stored with its states (spectral particles) */
    int shifts = sol->surface_shift && sol->shift_n == cf_step_start_cols(p) && sol->shift_cap >= sol->n;
    for (size_t r = 0; r < nrows; r++) {
        const double *y = sol->states + (row0 + r) * (size_t)p->n;
        if (p->iT >= 0) cf_thermal_set_T(p, y[p->iT]); /* a thermal model: the row's temperature */
        p->var_shift = shifts ? sol->surface_shift + (row0 + r) * (size_t)sol->shift_n : NULL;
        eval_state(p, &e, y, out + r * w, work);
        if (e.k == K_LLI) out[r] = 100.0 * (1.0 - out[r] / li0);
        if (e.k == K_LI_LOST) out[r] = li0 - out[r];
    }
    p->var_shift = NULL;
    free(work);
    return CF_OK;
}
