/* ageing_plating.c — lithium plating on the negative's particles as O'Kane
 * et al. (JES 167 (2020) 090540; PCCP 24 (2022) 7909) model it, in PyBaMM's
 * form (docs/ageing.md):
 *   j = F k c_Li e^{(1-alpha) f eta} - F k c_e e^{-alpha f eta}   (reversible, partially reversible)
 *   j = -F k c_e e^{-alpha f eta}                                 (irreversible)
 *   eta = phi_s - phi_e - j_m R L_sei   (lithium metal at 0 V, behind the SEI film)
 *   k = k_ref exp(E/R (1/T_ref - 1/T))  (E = 0, as O'Kane 2022, unless given)
 *   reversible:           dc_Li/dt = -a j / F
 *   irreversible:         dc_dead/dt = -a j / F
 *   partially reversible: dc_Li/dt = -a j / F - g c_Li,  dc_dead/dt = g c_Li,
 *                         g = gamma_0 L_sei,0 / L_sei (gamma_0 without SEI growth). */
#include <math.h>

#include "model/ageing.h"

#define FARADAY CF_FARADAY
#define EXP_MAX 60.0
#define L_FLOOR 1e-11

static double held_exp(double x, double *d)
{
    if (x > EXP_MAX) { *d = 0; return exp(EXP_MAX); }
    if (x < -EXP_MAX) { *d = 0; return exp(-EXP_MAX); }
    double e = exp(x);
    *d = e;
    return e;
}

double cf_plating_current(const cf_plan *p, double dphi, double ce, double c, double n, double jm, double *d_dphi,
                          double *d_ce, double *d_c, double *d_n, double *d_jm, double *d_T)
{
    const cf_ageing *g = p->ageing;
    const cf_plating_params *pl = &g->pl;
    double Fk = FARADAY * pl->rate_constant_m_s * g->pl_arr, al = pl->transfer_coefficient, f = p->f;
    /* the SEI film's drop, when SEI grows with a resistance */
    double r = 0, dr_dn = 0;
    if (g->sei && g->prm.resistivity_ohm_m > 0) {
        r = cf_sei_film(p, n);
        dr_dn = n > 0 ? g->prm.resistivity_ohm_m * g->L_per_n : 0.0;
    }
    double eta = dphi - jm * r, ds, dp;
    double es = held_exp((1 - al) * f * eta, &ds), ep = held_exp(-al * f * eta, &dp);
    int strip = pl->model != CF_PLATING_IRREVERSIBLE;
    double j = (strip ? Fk * c * es : 0.0) - Fk * ce * ep;
    double dj_deta = (strip ? Fk * c * ds * (1 - al) * f : 0.0) + Fk * ce * dp * al * f;
    if (d_dphi) {
        *d_dphi = dj_deta;
        *d_ce = -Fk * ep;
        *d_c = strip ? Fk * es : 0.0;
        *d_n = dj_deta * (-jm * dr_dn);
        *d_jm = dj_deta * (-r);
        /* k's Arrhenius factor, and f = F/RT at fixed eta: d(f eta)/dT = -f eta / T */
        *d_T = j * g->pl_dlnarr - dj_deta * eta / p->T;
    }
    return j;
}

double cf_plating_dead_rate(const cf_plan *p, double n, double *d_n)
{
    const cf_ageing *g = p->ageing;
    *d_n = 0.0;
    if (g->pl.model != CF_PLATING_PARTIALLY_REVERSIBLE) return 0.0;
    double g0 = g->pl.dead_decay_s;
    if (!g->sei) return g0;
    /* thicker SEI, slower isolation (O'Kane 2022): g0 L0 / L */
    double L = n * g->L_per_n;
    if (L < L_FLOOR) return g0 * g->prm.initial_thickness_m / L_FLOOR;
    double rate = g0 * g->prm.initial_thickness_m / L;
    *d_n = -rate / n;
    return rate;
}
