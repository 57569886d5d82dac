/* bpx_window.c — the stoichiometry window of every phase: the open-circuit
 * states at which the cell's OCV equals its lower and upper cut-off voltage
 * with a given lithium inventory.
 *
 * This is the same definition of 0 % and 100 % SOC as the model's
 * cf_sim_reset_soc (and PyBaMM's electrode SOH), computed on a cf_cell
 * without building a plan: the BPX writer needs it for the "Minimum/Maximum
 * stoichiometry" it writes, and the reader to place a degraded cell.  At open
 * circuit the phases of an electrode share one potential U, so each phase's
 * stoichiometry is the inverse of its OCP at U (OCPs fall with lithiation). */
#include <math.h>

#include "bpx_internal.h"

#define STO_EPS 1e-9

static double phase_capacity(const cf_electrode *e, int i)
{
    return e->phase[i].active_fraction * e->thickness_m * e->phase[i].c_max;
}

static double electrode_capacity(const cf_electrode *e)
{
    double q = 0;
    for (int i = 0; i < e->n_phases; i++) q += phase_capacity(e, i);
    return q;
}

double cf_bpx_cell_lithium(const cf_cell *c)
{
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    double li = 0;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            li += es[s]->phase[i].active_fraction * es[s]->thickness_m * es[s]->phase[i].c_init;
    return li;
}

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

static double lithium_at_potential(const cf_electrode *e, double T, double U)
{
    double li = 0;
    for (int i = 0; i < e->n_phases; i++) li += phase_capacity(e, i) * sto_at_potential(&e->phase[i], T, U);
    return li;
}

/* The open-circuit potential of an electrode holding `li` mol/m2, and its
 * phases' stoichiometries. */
static double electrode_state(const cf_electrode *e, double T, double li, double *sto)
{
    if (e->n_phases == 1) {
        sto[0] = li / phase_capacity(e, 0);
        return cf_fn_eval(&e->phase[0].ocp, sto[0], T, NULL);
    }
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < e->n_phases; i++) {
        lo = fmin(lo, cf_fn_eval(&e->phase[i].ocp, 1 - STO_EPS, T, NULL));
        hi = fmax(hi, cf_fn_eval(&e->phase[i].ocp, STO_EPS, T, NULL));
    }
    for (int it = 0; it < 200 && hi - lo > 1e-15; it++) {
        double mid = 0.5 * (lo + hi);
        if (lithium_at_potential(e, T, mid) > li) lo = mid;
        else hi = mid;
    }
    double U = 0.5 * (lo + hi);
    for (int i = 0; i < e->n_phases; i++) sto[i] = sto_at_potential(&e->phase[i], T, U);
    return U;
}

/* Lithium X in the negative at which the OCV is V; 1 when there is none. */
static int negative_lithium_at(const cf_cell *c, double V, double n_li, double *x_out)
{
    double T = c->T_K, qn = electrode_capacity(&c->neg), qp = electrode_capacity(&c->pos);
    double lo = fmax(0, n_li - qp) + STO_EPS * qn, hi = fmin(qn, n_li) - STO_EPS * qn;
    if (!(lo < hi)) return 1;
    double sto[CF_MAX_PHASES];
#define OCV(X) (electrode_state(&c->pos, T, n_li - (X), sto) - electrode_state(&c->neg, T, (X), sto))
    double flo = OCV(lo) - V, fhi = OCV(hi) - V;
    if (!isfinite(flo) || !isfinite(fhi) || flo * fhi > 0) return 1;
    for (int it = 0; it < 200 && hi - lo > 1e-16 * qn; it++) {
        double mid = 0.5 * (lo + hi), fm = OCV(mid) - V;
        if ((fm < 0) == (flo < 0)) {
            lo = mid;
            flo = fm;
        } else {
            hi = mid;
        }
    }
#undef OCV
    *x_out = 0.5 * (lo + hi);
    return 0;
}

int cf_bpx_windows(const cf_cell *c, double n_li, double sto0[2][CF_MAX_PHASES], double sto100[2][CF_MAX_PHASES])
{
    double x0, x100;
    if (negative_lithium_at(c, c->v_min, n_li, &x0) || negative_lithium_at(c, c->v_max, n_li, &x100)) return 1;
    electrode_state(&c->neg, c->T_K, x0, sto0[0]);
    electrode_state(&c->pos, c->T_K, n_li - x0, sto0[1]);
    electrode_state(&c->neg, c->T_K, x100, sto100[0]);
    electrode_state(&c->pos, c->T_K, n_li - x100, sto100[1]);
    return 0;
}
