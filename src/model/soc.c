/* soc.c — initial state from a state of charge.
 *
 * SOC is defined between the two open-circuit states at which the cell's
 * OCV equals its lower and upper cut-off voltages, with the cyclable lithium
 * of the cell's initial concentrations conserved (the same definition as
 * PyBaMM's initial_soc).  At open circuit every phase of an electrode sits
 * at the electrode's potential U, so each phase's stoichiometry is the
 * inverse of its OCP at U and the electrode's lithium is a monotone function
 * of U.  The negative's lithium X is found by bisection such that
 *   U_p(n_Li - X) - U_n(X) = V
 * for V = v_min (0 %) and v_max (100 %); each phase's stoichiometry at SOC s
 * is interpolated linearly between the two end states (exactly PyBaMM's
 * definition for single-phase electrodes). */
#include <math.h>

#include "model/plan_internal.h"
#include "model/sim_internal.h"

#define STO_EPS 1e-9

typedef struct {
    const cf_electrode *e;
    double T;
} side_ocv;

/* The OCP the models use (with its barriers at the two ends, model_common.c),
 * so that an open-circuit state is one the models hold at rest. */
static double ocp(const cf_phase *ph, double T, double sto) { return cf_phase_ocp(ph, sto * ph->c_max, T, NULL); }

/* Stoichiometry of a phase at potential U (OCPs decrease with sto). */
static double sto_at(const cf_phase *ph, double T, double U)
{
    double lo = STO_EPS, hi = 1 - STO_EPS;
    if (ocp(ph, T, lo) <= U) return lo;
    if (ocp(ph, T, hi) >= U) return hi;
    for (int it = 0; it < 100 && hi - lo > 1e-15; it++) {
        double mid = 0.5 * (lo + hi);
        if (ocp(ph, T, mid) > U) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
}

static double capacity_of(const cf_electrode *e)
{
    double q = 0;
    for (int i = 0; i < e->n_phases; i++) q += e->phase[i].active_fraction * e->thickness_m * e->phase[i].c_max;
    return q;
}

/* Lithium per electrode area (mol/m2) at potential U. */
static double lithium_at(const cf_electrode *e, double T, double U)
{
    double li = 0;
    for (int i = 0; i < e->n_phases; i++)
        li += e->phase[i].active_fraction * e->thickness_m * e->phase[i].c_max * sto_at(&e->phase[i], T, U);
    return li;
}

/* Open-circuit state of an electrode holding `li` mol/m2: the phases'
 * stoichiometries and the common potential.  A single phase is direct; a
 * blend is solved by bisection on the potential, whose error only matters
 * through the lithium it moves (plateaus are flat in U, steep in lithium). */
static double electrode_state(const cf_electrode *e, double T, double li, double *sto)
{
    if (e->n_phases == 1) {
        const cf_phase *ph = &e->phase[0];
        sto[0] = li / (ph->active_fraction * e->thickness_m * ph->c_max);
        return ocp(ph, T, sto[0]);
    }
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < e->n_phases; i++) {
        lo = fmin(lo, ocp(&e->phase[i], T, 1 - STO_EPS));
        hi = fmax(hi, ocp(&e->phase[i], T, STO_EPS));
    }
    for (int it = 0; it < 200 && hi - lo > 1e-15; it++) {
        double mid = 0.5 * (lo + hi);
        if (lithium_at(e, T, mid) > li) lo = mid; else hi = mid;
    }
    double U = 0.5 * (lo + hi);
    for (int i = 0; i < e->n_phases; i++) sto[i] = sto_at(&e->phase[i], T, U);
    return U;
}

/* Negative lithium X (mol/m2) at which the OCV is V; 1 when none exists. */
static int solve_x(const cf_cell *c, double T, double V, double n_li, double *x_out)
{
    double qn = capacity_of(&c->neg), qp = capacity_of(&c->pos);
    double lo = fmax(0, n_li - qp) + STO_EPS * qn, hi = fmin(qn, n_li) - STO_EPS * qn;
    if (!(lo < hi)) return 1;
    double sto[CF_MAX_PHASES];
#define OCV(X) (electrode_state(&c->pos, T, n_li - (X), sto) - electrode_state(&c->neg, T, (X), sto))
    double flo = OCV(lo) - V, fhi = OCV(hi) - V;
    if (!isfinite(flo) || !isfinite(fhi) || flo * fhi > 0) return 1;
    for (int it = 0; it < 200 && hi - lo > 1e-15 * qn; it++) {
        double mid = 0.5 * (lo + hi), fm = OCV(mid) - V;
        if ((fm < 0) == (flo < 0)) { lo = mid; flo = fm; } else hi = mid;
    }
#undef OCV
    *x_out = 0.5 * (lo + hi);
    return 0;
}

int cf_sim_reset_soc(cf_plan *p, double soc, cf_error *err)
{
    if (!(soc >= 0 && soc <= 1))
        return cf_error_set(err, CF_EINVAL, "--soc", "state of charge %g is outside the allowed range [0, 1]", soc);
    const cf_cell *c = p->cell;
    if (c->neg.planar)
        return cf_error_set(err, CF_EINVAL, "--soc",
                            "--soc %g: a lithium-metal negative has no state-of-charge window (its lithium, "
                            "negative.lithium_mol_m2 = %g mol/m2, is what the run moves); the cell starts as "
                            "assembled: leave out --soc, or run a protocol that charges first",
                            soc, c->neg.li_metal_mol_m2);
    double T = c->T_K, n_li = 0;
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            n_li += es[s]->phase[i].active_fraction * es[s]->thickness_m * es[s]->phase[i].c_init;
    double x0, x100;
    if (solve_x(c, T, c->v_min, n_li, &x0) || solve_x(c, T, c->v_max, n_li, &x100))
        return cf_error_set(err, CF_EINVAL, "--soc",
                            "the cell's open-circuit voltage never reaches both cut-offs %.3f V and %.3f V with "
                            "its lithium inventory, so a state of charge cannot be set",
                            c->v_min, c->v_max);
    /* Interpolate each phase's stoichiometry between the two end states. */
    for (int s = 0; s < 2; s++) {
        double st0[CF_MAX_PHASES], st1[CF_MAX_PHASES];
        electrode_state(es[s], T, s == 0 ? x0 : n_li - x0, st0);
        electrode_state(es[s], T, s == 0 ? x100 : n_li - x100, st1);
        for (int i = 0; i < es[s]->n_phases; i++)
            p->side[s].cs0[i] = (st0[i] + soc * (st1[i] - st0[i])) * es[s]->phase[i].c_max;
    }
    /* The bisections leave a last-digit imbalance; give it to the positive's
     * first phase so the lithium inventory is kept exactly. */
    double li = 0;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            li += es[s]->phase[i].active_fraction * es[s]->thickness_m * p->side[s].cs0[i];
    p->side[1].cs0[0] += (n_li - li) / (es[1]->phase[0].active_fraction * es[1]->thickness_m);
    return cf_sim_initial_state(p, err);
}
