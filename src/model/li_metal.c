/* li_metal.c — lithium metal in the DFN: a planar negative at x = 0 (lithium
 * plating and stripping on a foil or bare copper) and a reservoir of lithium
 * shorted to the positive (seed 001).
 *
 * Negative surface (Xu et al., JES 166 (2019) A3456, as PyBaMM's Xu2019 set):
 *   j = j0 [s(n) exp(alpha f eta) - exp(-(1-alpha) f eta)],  eta = 0 - phi_e(0),
 *   j0 = j0_ref (c_e / 1 M)^0.3, alpha = 0.5, and s(n) = n / (n + n_s) switches
 *   stripping off as the lithium n (mol/m2) runs out — an anode-free cell
 *   starts at n = 0 and can only plate.  The surface carries the whole cell
 *   current, j = I / A, which replaces the first cell's (redundant) ionic
 *   charge balance and fixes the potential level; the electrolyte receives
 *   (1 - t+) I / (A F) of Li+ there.  Plated lithium stays active with the
 *   plating efficiency; the rest becomes dead lithium.
 * Reservoir: I_res R + (2/f) asinh(I_res / (2 A_res j0_res s(n_res))) =
 *   phi_s,p(L) - phi_e(L): the metal sits at the positive collector's
 *   potential and reacts through the electrolyte path's resistance R (given,
 *   or path length / (kappa_eff A_res), cf_reservoir_resistance); its Li+
 *   enters the last positive cell and its electrons the positive collector. */
#include <math.h>

#include "model/li_metal.h"

#define LI_ALPHA 0.5
#define LI_N_SWITCH 1e-6 /* mol/m2 (~0.013 nm of lithium): where stripping fades */

/* Share of the metal surface that can strip: s = m / (m + n_s) with
 * m = n_f softplus(n / n_f), a smooth positive stand-in for the lithium n.
 * On bare copper (n = 0) a trace m ~ n_f keeps the open-circuit potential
 * defined (a mixed potential ~0.2 V above Li); once the lithium is gone,
 * stripping dies within ~n_f and the voltage collapses to the cut-off. */
double cf_li_switch_floor(double n, double n_switch, double n_floor, double *ds_dn)
{
    double z = n / n_floor, m, dm;
    if (z > 30) { m = n; dm = 1; }
    else if (z < -30) { m = n_floor * exp(z); dm = exp(z); }
    else { m = n_floor * log1p(exp(z)); dm = 1 / (1 + exp(-z)); }
    double d = m + n_switch;
    if (ds_dn) *ds_dn = dm * n_switch / (d * d);
    return m / d;
}

double cf_li_switch(double n, double n_switch, double *ds_dn)
{
    return cf_li_switch_floor(n, n_switch, 1e-3 * n_switch, ds_dn);
}

/* The reservoir fades over its last 0.1 % of lithium (the solver resolves
 * its inventory to rtol, so a sharper switch would only stall it). */
#define RES_SWITCH 1e-3

static double kappa_eff0(const cf_plan *p, double c0, double *dk)
{
    double d, g, cf = cf_ce_floor(c0, CF_CE_FLOOR_TRANSPORT, &g);
    double k = cf_fn_eval(&p->cell->electrolyte.conductivity, cf, p->T, &d);
    *dk = d * g * p->epsb[0];
    return k * p->epsb[0];
}

/* (c_e / 1000 mol/m3)^0.3 of the lithium-metal exchange currents, the power
 * regularised as the intercalation roots are (model_common.c). */
static double ce_power(const cf_plan *p, double ce, double *d)
{
    const double ref = pow(1000.0, 0.3);
    double v = cf_reg_power(ce, 0.3, p->cell->electrolyte.c_init, d);
    *d /= ref;
    return v / ref;
}

void cf_li_surface(const cf_plan *p, const double *y, int ice0, cf_li_eq *q)
{
    const cf_electrode *e = &p->cell->neg;
    double A = p->cell->area_m2, I = y[p->iI], c0 = y[ice0], phie0 = y[ice0 + 1], n = y[p->iNLi];
    double dk, k = kappa_eff0(p, c0, &dk);
    double half = 0.5 * p->dx[0];
    double eta = -(phie0 + half * I / (A * k));
    double ds, s = cf_li_switch(n, LI_N_SWITCH, &ds);
    double dp, j0 = e->li_j0_ref * ce_power(p, c0, &dp);
    double ea = exp(LI_ALPHA * p->f * eta), eb = exp(-(1 - LI_ALPHA) * p->f * eta);
    double j = j0 * (s * ea - eb);
    double dj_deta = j0 * p->f * (LI_ALPHA * s * ea + (1 - LI_ALPHA) * eb);
    q->F = j - I / A;
    q->d_phie0 = -dj_deta;
    q->d_I = -dj_deta * half / (A * k) - 1.0 / A;
    q->d_c0 = e->li_j0_ref * dp * (s * ea - eb) + dj_deta * half * I / A * dk / (k * k);
    q->d_n = j0 * ea * ds;
}

void cf_li_reservoir(const cf_plan *p, const double *y, int ice_last, cf_li_eq *q)
{
    const cf_reservoir *r = &p->cell->reservoir;
    double Ir = y[p->iIres], c = y[ice_last], n = y[p->iNres];
    double ds, s = cf_li_switch(n / r->li_mol, RES_SWITCH, &ds); /* fraction of the reservoir left */
    double dp, K = r->area_m2 * r->j0_ref * ce_power(p, c, &dp);
    double I0 = K * s; /* s > 0 always (softplus), and vanishes as the lithium runs out */
    double drive = y[p->iV] - y[ice_last + 1];
    if (!p->reservoir_active) {
        /* dissolved: disconnected, I_res = 0 (same Jacobian pattern) */
        q->F = Ir;
        q->d_I = 1.0;
        q->d_c0 = q->d_n = q->d_phie0 = 0.0;
        q->d_V = 0.0;
        return;
    }
    q->d_V = -1.0;
    double R = cf_reservoir_resistance(p->cell);
    double de_dI, de_dI0;
    q->F = Ir * R + cf_bv_eta(p->f, Ir, I0, &de_dI, &de_dI0) - drive;
    q->d_I = R + de_dI; /* w.r.t. I_res */
    q->d_c0 = de_dI0 * r->area_m2 * r->j0_ref * dp * s;
    q->d_n = de_dI0 * K * ds / r->li_mol;
    q->d_phie0 = 1.0; /* w.r.t. phi_e of the last cell; -1 w.r.t. V */
}

/* Collector alloying, Li+ + e- + Al -> LiAl at U_al (eta = V - phi_e(L) - U_al):
 * Butler-Volmer with the alloy at unit activity, I_al = A j0 (e^{-(1-alpha) f
 * eta} - 1), kept for eta < 0 only (the alloy is not stripped back): x =
 * e^{-(1-alpha) f eta} - 1 passes through h(x) = (x + sqrt(x^2 + e^2)) / 2, a
 * smooth max(x, 0) with e = 1e-3, so above U_al the current is ~e^2/4 of
 * A j0 (~25 nA for a 0.1 m2 cell: nothing in a positive at 3-4 V). */
#define ALLOY_EXP_MAX 60.0
#define ALLOY_SMOOTH 1e-3
double cf_li_collector_alloy(const cf_plan *p, const double *y, int ice_last, double *dI)
{
    const cf_reservoir *r = &p->cell->reservoir;
    double k = -(1 - LI_ALPHA) * p->f, z = k * (y[p->iV] - y[ice_last + 1] - r->alloy_potential_V);
    double e = exp(fmin(z, ALLOY_EXP_MAX)), x = e - 1, root = sqrt(x * x + ALLOY_SMOOTH * ALLOY_SMOOTH);
    double A = p->cell->area_m2 * r->alloy_j0_A_m2;
    *dI = z < ALLOY_EXP_MAX ? A * 0.5 * (1 + x / root) * e * k : 0.0;
    return A * 0.5 * (x + root);
}

/* Charging (I < 0) plates: only the efficient share stays active.  The
 * share lost, 1 - CE, grows with the plating current density i = -I/A as
 * (1 - CE_ref) (i / i_ref)^beta, at most all of it: faster plating leaves
 * more isolated ("dead") lithium (Fang et al., Nature 572 (2019) 511: the
 * unreacted metallic lithium, not the SEI, is the main inactive lithium, and
 * it grows with the current density).  *dwI = d(w I)/dI, finite also as
 * i -> 0 for beta < 1 (w I = -A i + A i lambda, lambda ~ i^beta). */
double cf_li_plated_fraction(const cf_plan *p, double I, double *dwI)
{
    const cf_electrode *e = &p->cell->neg;
    if (!(I < 0)) {
        *dwI = 1.0;
        return 1.0;
    }
    double loss = 1.0 - e->plating_efficiency, beta = e->plating_efficiency_exponent;
    if (beta == 0.0) {
        *dwI = 1.0 - loss;
        return 1.0 - loss;
    }
    double A = p->cell->area_m2, i = -I / A;
    double iref = e->plating_efficiency_ref_A_m2 > 0 ? e->plating_efficiency_ref_A_m2 : CF_LI_EFFICIENCY_REF_DEFAULT_A_M2;
    double lam = loss * pow(i / iref, beta);
    if (lam >= 1.0) { /* every plated atom lost: w = 0 */
        *dwI = 0.0;
        return 0.0;
    }
    /* d(w I)/dI = w + I dw/dI, dw/dI = -dlam/di di/dI = beta lam / (i A) */
    *dwI = 1.0 - lam - beta * lam;
    return 1.0 - lam;
}

double cf_li_rest_potential(const cf_plan *p, double n)
{
    /* s e^{alpha f eta} = e^{-(1-alpha) f eta} at rest: eta = -ln(s) / f (alpha = 1/2),
     * and the negative's potential vs the electrolyte's Li/Li+ is -eta... as seen
     * from phi_s = 0: phi_e = -eta, i.e. the surface sits eta above lithium. */
    return -log(cf_li_switch(n, LI_N_SWITCH, NULL)) / p->f;
}

/* Lithium plating on a porous negative's particles (reversible plating):
 * j = j0 [s(n) e^{alpha f eta} - e^{-(1-alpha) f eta}], eta = phi_s - phi_e
 * (lithium at 0 V), j0 = plating_j0 (c_e / 1 M)^0.3, n the plated lithium
 * per electrode volume (stripping fades as it runs out). */
#define PLATING_SWITCH 1e-3 /* mol/m3 of electrode */
#define PLATING_FLOOR 1e-4  /* mol/m3: the switch's softplus scale (below) */
#define STRIP_CAP 0.3       /* V */
#define STRIP_W 0.025       /* V */
double cf_li_plating(const cf_plan *p, double ce, double eta, double n, double *dj_dce, double *dj_deta,
                     double *dj_dn)
{
    /* The switch's floor is smooth on PLATING_FLOOR.  A host above lithium
     * holds only a trace of plated lithium, where s(n) = e^{-(1-alpha) f
     * eta} / e^{alpha f eta_a}: with a floor of ~0 (a kink at n = 0, stripping off and d/dn =
     * 0 below it) Newton iterates that crossed zero lost the restoring term
     * and cycled, and the first charge of an empty graphite negative failed
     * to converge near 1.4 V.  With the floor, n settles smoothly a little
     * below zero (n_f ln(s n_s / n_f): -4e-3 mol/m3 at 1.7 V); the floor is
     * 100 times the plated lithium's absolute tolerance (plan.c), so the
     * exponential tail is smooth on the solver's steps (at 1e-6 mol/m3 the
     * modified Newton iteration still failed near 0.22 V with spectral
     * particles or IDA).  STRIP_CAP keeps that trace's stripping below ~0.3 j0. */
    double ds, s = cf_li_switch_floor(n, PLATING_SWITCH, PLATING_FLOOR, &ds);
    double dp, j0 = p->cell->neg.plating_j0_A_m2 * ce_power(p, ce, &dp);
    /* The stripping branch sees at most ~STRIP_CAP of overpotential: a host
     * as made sits volts above lithium, where e^{alpha f eta} ~ 1e14 would
     * make the (absent) plated lithium's balance absurdly stiff; a trace of
     * lithium strips within microseconds either way. */
    double z = (eta - STRIP_CAP) / STRIP_W, sp = z > 30 ? z : log1p(exp(z));
    double eta_a = eta - STRIP_W * sp, deta_a = 1.0 / (1.0 + exp(z));
    double ea = exp(LI_ALPHA * p->f * eta_a), eb = exp(-(1 - LI_ALPHA) * p->f * eta);
    double j = j0 * (s * ea - eb);
    *dj_dce = p->cell->neg.plating_j0_A_m2 * dp * (s * ea - eb);
    *dj_deta = j0 * p->f * (LI_ALPHA * s * ea * deta_a + (1 - LI_ALPHA) * eb);
    *dj_dn = j0 * ea * ds;
    return j;
}
