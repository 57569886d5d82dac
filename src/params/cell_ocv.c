/* cell_ocv.c — a cell at open circuit: electrode potentials from their
 * lithium, and the stoichiometry window between the voltage cut-offs.
 *
 * One implementation for the simulator's SOC (src/model/soc.c), the BPX
 * windows (bpx_window.c) and the recipe design (src/design/recipe_cell.c),
 * so the design capacity is the capacity the simulator has between its
 * cut-offs.  The definition is PyBaMM's (initial_soc / electrode SOH): at
 * open circuit the phases of an electrode share one potential, each phase's
 * stoichiometry is the inverse of its (decreasing) OCP there. */
#include <math.h>
#include <stddef.h>

#include "cellforge/cf_cell.h"

#define STO_EPS 1e-9

static double phase_capacity(const cf_electrode *e, int i)
{
    return e->phase[i].active_fraction * e->thickness_m * e->phase[i].c_max;
}

double cf_electrode_capacity_mol_m2(const cf_electrode *e)
{
    double q = 0;
    for (int i = 0; i < e->n_phases; i++) q += phase_capacity(e, i);
    return q;
}

double cf_cell_lithium_mol_m2(const cf_cell *c)
{
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    double li = 0;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            li += es[s]->phase[i].active_fraction * es[s]->thickness_m * es[s]->phase[i].c_init;
    return li;
}


/* Root of a monotone f on [lo, hi] with f(lo) = flo, f(hi) = fhi of opposite
 * signs, to |hi - lo| <= tol: false position with the Illinois modification
 * (superlinear, never leaves the bracket), falling back to a bisection step
 * whenever the bracket did not at least halve, so it is never slower than
 * bisection by more than a factor of two. */
typedef double (*root_fn)(const void *ctx, double x);
static double illinois(root_fn f, const void *ctx, double lo, double hi, double flo, double fhi, double tol)
{
    int side = 0;
    for (int it = 0; it < 400 && hi - lo > tol; it++) {
        double width = hi - lo;
        double x = (flo != fhi) ? hi - fhi * (hi - lo) / (fhi - flo) : 0.5 * (lo + hi);
        if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
        double fx = f(ctx, x);
        if (fx == 0) return x;
        if ((fx < 0) == (flo < 0)) {
            lo = x;
            flo = fx;
            if (side == -1) fhi *= 0.5;
            side = -1;
        } else {
            hi = x;
            fhi = fx;
            if (side == 1) flo *= 0.5;
            side = 1;
        }
        if (hi - lo > 0.5 * width) { /* slow progress: one bisection step */
            double m = 0.5 * (lo + hi), fm = f(ctx, m);
            if ((fm < 0) == (flo < 0)) {
                lo = m;
                flo = fm;
            } else {
                hi = m;
                fhi = fm;
            }
            side = 0;
        }
    }
    return 0.5 * (lo + hi);
}

/* Stoichiometry of a phase at potential U (its OCP falls with sto): a
 * bisection, since the plateau OCPs (Li-Sn, LiMn2O4) are step-like and
 * defeat interpolating root finders. */
static double sto_at_potential(const cf_phase *ph, double T, double U)
{
    double lo = STO_EPS, hi = 1 - STO_EPS;
    if (cf_fn_eval(&ph->ocp, lo, T, NULL) <= U) return lo;
    if (cf_fn_eval(&ph->ocp, hi, T, NULL) >= U) return hi;
    for (int it = 0; it < 200 && hi - lo > 1e-16; it++) {
        double mid = 0.5 * (lo + hi);
        if (cf_fn_eval(&ph->ocp, mid, T, NULL) > U) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

double cf_electrode_lithium_at(const cf_electrode *e, double T, double U)
{
    double li = 0;
    for (int i = 0; i < e->n_phases; i++) li += phase_capacity(e, i) * sto_at_potential(&e->phase[i], T, U);
    return li;
}

typedef struct {
    const cf_electrode *e;
    double T, li;
} li_ctx;

static double li_excess(const void *ctx, double U)
{
    const li_ctx *c = ctx;
    return cf_electrode_lithium_at(c->e, c->T, U) - c->li;
}

/* A single phase is direct; a blend is solved for the common potential,
 * whose error only matters through the lithium it moves (plateaus are flat
 * in U, steep in lithium). */
double cf_electrode_ocv(const cf_electrode *e, double T, double li, double *sto)
{
    double tmp[CF_MAX_PHASES];
    if (!sto) sto = tmp;
    if (e->n_phases == 1) {
        sto[0] = li / phase_capacity(e, 0);
        return cf_fn_eval(&e->phase[0].ocp, sto[0], T, NULL);
    }
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < e->n_phases; i++) {
        lo = fmin(lo, cf_fn_eval(&e->phase[i].ocp, 1 - STO_EPS, T, NULL));
        hi = fmax(hi, cf_fn_eval(&e->phase[i].ocp, STO_EPS, T, NULL));
    }
    li_ctx ctx = {e, T, li};
    double U;
    double flo = li_excess(&ctx, lo), fhi = li_excess(&ctx, hi);
    if (flo <= 0) U = lo; /* more lithium than the phases hold at their ends */
    else if (fhi >= 0) U = hi;
    else U = illinois(li_excess, &ctx, lo, hi, flo, fhi, 1e-15);
    for (int i = 0; i < e->n_phases; i++) sto[i] = sto_at_potential(&e->phase[i], T, U);
    return U;
}

typedef struct {
    const cf_cell *c;
    double T, n_li, V;
} ocv_ctx;

static double ocv_excess(const void *ctx, double x)
{
    const ocv_ctx *o = ctx;
    return cf_electrode_ocv(&o->c->pos, o->T, o->n_li - x, NULL) - cf_electrode_ocv(&o->c->neg, o->T, x, NULL) - o->V;
}

int cf_cell_negative_lithium_at(const cf_cell *c, double V, double n_li, double *x_out)
{
    double T = c->T_K, qn = cf_electrode_capacity_mol_m2(&c->neg), qp = cf_electrode_capacity_mol_m2(&c->pos);
    double lo = fmax(0, n_li - qp) + STO_EPS * qn, hi = fmin(qn, n_li) - STO_EPS * qn;
    if (!(lo < hi)) return 1;
    ocv_ctx ctx = {c, T, n_li, V};
    double flo = ocv_excess(&ctx, lo), fhi = ocv_excess(&ctx, hi);
    if (!isfinite(flo) || !isfinite(fhi) || flo * fhi > 0) return 1;
    *x_out = illinois(ocv_excess, &ctx, lo, hi, flo, fhi, 1e-16 * qn);
    return 0;
}

int cf_cell_ocv_window(const cf_cell *c, double n_li, cf_ocv_window *w)
{
    double T = c->T_K;
    if (n_li < 0) n_li = cf_cell_lithium_mol_m2(c);
    w->n_li_mol_m2 = n_li;
    if (cf_cell_negative_lithium_at(c, c->v_min, n_li, &w->x_empty) ||
        cf_cell_negative_lithium_at(c, c->v_max, n_li, &w->x_full))
        return 1;
    double xs[2] = {w->x_empty, w->x_full};
    for (int k = 0; k < 2; k++) {
        w->u_neg[k] = cf_electrode_ocv(&c->neg, T, xs[k], w->sto[k][0]);
        w->u_pos[k] = cf_electrode_ocv(&c->pos, T, n_li - xs[k], w->sto[k][1]);
    }
    w->capacity_Ah = (w->x_full - w->x_empty) * c->area_m2 * CF_FARADAY / 3600.0;
    return 0;
}

double cf_cell_ocv_energy_Wh(const cf_cell *c, const cf_ocv_window *w)
{
    /* Simpson's rule over the charge; 100 intervals resolve the Li-Sn steps
     * (0.4 % wide in sto) to about 0.1 % of the energy. */
    enum { N = 100 };
    double T = c->T_K, n_li = w->n_li_mol_m2, e = 0;
    for (int i = 0; i <= N; i++) {
        double x = w->x_empty + (w->x_full - w->x_empty) * i / N;
        double v = cf_electrode_ocv(&c->pos, T, n_li - x, NULL) - cf_electrode_ocv(&c->neg, T, x, NULL);
        e += v * (i == 0 || i == N ? 1 : (i % 2 ? 4 : 2));
    }
    return e / (3.0 * N) * w->capacity_Ah;
}
