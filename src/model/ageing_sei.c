/* ageing_sei.c — SEI growth on the negative's particles (see ageing.h and
 * docs/ageing.md).  The growth laws are those of Marquis (thesis, Oxford
 * 2020, section 5.6.4) as PyBaMM states them, with one Arrhenius factor
 * exp(E/R (1/T_ref - 1/T)) on every mechanism:
 *   reaction-limited               j = -j0 exp(-alpha f (dphi - U - j_m R L))
 *   solvent-diffusion-limited      j = -F D_sol c_sol / L
 *   electron-migration-limited     j = kappa (dphi - U) / L   for dphi < U, else 0
 *   interstitial-diffusion-limited j = -F D_li c_li0 / L exp(-f dphi)
 * with dphi = phi_s - phi_e, j_m the intercalation current density on the
 * same surface, L the SEI thickness and R its resistivity. */
#include <math.h>
#include <stdlib.h>

#include "model/ageing.h"

#define FARADAY CF_FARADAY
/* Thickness floor (m): Newton iterates may take n below zero; the
 * diffusion-limited laws divide by L.  Far below any real film (0.01 nm). */
#define L_FLOOR 1e-11
/* Exponents held within +-EXP_MAX (a volt-sized excursion of an iterate). */
#define EXP_MAX 60.0

int cf_ageing_setup(cf_plan *p)
{
    const cf_electrode *e = &p->cell->neg;
    p->ageing = NULL;
    int sei = !e->planar && e->sei.model != CF_SEI_NONE;
    int pl = !e->planar && e->li_plating.model != CF_PLATING_NONE;
    int lam0 = !e->planar ? e->lam.model : 0, lam1 = p->cell->pos.lam.model;
    int cr0 = !e->planar ? e->cracking.model : 0, cr1 = p->cell->pos.cracking.model;
    if (!sei && !pl && !lam0 && !lam1 && !cr0 && !cr1) return CF_OK;
    cf_ageing *g = calloc(1, sizeof *g);
    if (!g) return CF_ENOMEM;
    p->ageing = g;
    g->sei = sei;
    g->plating = pl;
    g->prm = e->sei;
    g->pl = e->li_plating;
    for (int i = 0; i < p->side[0].nph; i++) g->a += p->side[0].a[i];
    if (sei) {
        g->L_per_n = g->prm.molar_volume_m3_mol / (g->prm.li_per_sei * g->a);
        g->n0 = g->prm.initial_thickness_m / g->L_per_n;
    }
    g->i_n = g->i_pl = g->i_dead = -1;
    g->lam[0] = lam0;
    g->lam[1] = lam1;
    for (int s = 0; s < 2; s++) {
        g->lp[s] = s == 0 ? e->lam : p->cell->pos.lam;
        g->i_f[s] = -1;
        for (int i = 0; i < p->side[s].nph; i++) g->eps0[s] += p->side[s].el->phase[i].active_fraction;
    }
    g->crack[0] = cr0;
    g->crack[1] = cr1;
    for (int s = 0; s < 2; s++) {
        g->cp[s] = s == 0 ? e->cracking : p->cell->pos.cracking;
        g->i_l[s] = -1;
        if (g->crack[s]) /* crack walls per unit length, on the as-built surface (one phase) */
            g->acr_per_l[s] = 2.0 * g->cp[s].density_m2 * g->cp[s].width_m * p->side[s].a[0];
    }
    if (g->crack[0] == CF_CRACK_SEI) /* PyBaMM's initial crack SEI: L_cr0 over the particles' surface a */
        g->ncr0 = g->cp[0].initial_sei_thickness_m * g->prm.li_per_sei * g->a / g->prm.molar_volume_m3_mol;
    size_t nx = p->nx > 0 ? (size_t)p->nx : 1;
    double **arrs[] = {&g->j,       &g->dj_ddphi, &g->dj_dn, &g->dj_djm, &g->dj_dT, &g->pj,
                       &g->pj_ddphi, &g->pj_dce,   &g->pj_dc, &g->pj_dn,  &g->pj_djm, &g->pj_dT,
                       &g->jc,      &g->jc_ddphi, &g->jc_dn, &g->jc_dl,  &g->jc_djm, &g->jcv};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++)
        if (!(*arrs[i] = calloc(nx, sizeof(double)))) return CF_ENOMEM;
    g->dji_dn = calloc(nx * CF_MAX_PHASES, sizeof(double));
    if (!g->dji_dn) return CF_ENOMEM;
    g->arr = g->pl_arr = g->lam_arr[0] = g->lam_arr[1] = 1.0; /* set with the temperature at each reset */
    return CF_OK;
}

void cf_ageing_free(cf_plan *p)
{
    cf_ageing *g = p->ageing;
    if (!g) return;
    free(g->j);
    free(g->dj_ddphi);
    free(g->dj_dn);
    free(g->dj_djm);
    free(g->dj_dT);
    free(g->pj_dT);
    free(g->dji_dn);
    free(g->pj);
    free(g->pj_ddphi);
    free(g->pj_dce);
    free(g->pj_dc);
    free(g->pj_dn);
    free(g->pj_djm);
    free(g->jc);
    free(g->jc_ddphi);
    free(g->jc_dn);
    free(g->jc_dl);
    free(g->jc_djm);
    free(g->jcv);
    free(g);
    p->ageing = NULL;
}

void cf_ageing_set_temperature(cf_plan *p)
{
    cf_ageing *g = p->ageing;
    if (!g) return;
    const cf_cell *c = p->cell;
    double inv = 1.0 / c->T_ref - 1.0 / p->T, dinv = 1.0 / (p->T * p->T);
    double E = g->sei ? g->prm.activation_energy_J_mol : 0.0, Ep = g->plating ? g->pl.activation_energy_J_mol : 0.0;
    g->arr = exp(E / CF_GAS_CONSTANT * inv);
    g->dlnarr = E / CF_GAS_CONSTANT * dinv;
    g->pl_arr = exp(Ep / CF_GAS_CONSTANT * inv);
    g->pl_dlnarr = Ep / CF_GAS_CONSTANT * dinv;
    for (int s = 0; s < 2; s++) { /* loss of active material's mechanical rates */
        double El = g->lam[s] ? g->lp[s].activation_energy_J_mol : 0.0;
        g->lam_arr[s] = exp(El / CF_GAS_CONSTANT * inv);
        g->lam_dlnarr[s] = El / CF_GAS_CONSTANT * dinv;
    }
    cf_crack_set_temperature(p);
}

double cf_sei_thickness(const cf_plan *p, double n) { return n * p->ageing->L_per_n; }

double cf_sei_film(const cf_plan *p, double n)
{
    if (!cf_sei_on(p)) return 0.0;
    return p->ageing->prm.resistivity_ohm_m * fmax(n * p->ageing->L_per_n, 0.0);
}

/* exp(x) with x held within +-EXP_MAX; *d = its derivative (0 where held). */
static double held_exp(double x, double *d)
{
    if (x > EXP_MAX) { *d = 0; return exp(EXP_MAX); }
    if (x < -EXP_MAX) { *d = 0; return exp(-EXP_MAX); }
    double e = exp(x);
    *d = e;
    return e;
}

double cf_sei_current(const cf_plan *p, double dphi, double n, double jm, double *d_dphi, double *d_n, double *d_jm,
                      double *d_T)
{
    double dL = 0.0, j = cf_sei_current_at(p, dphi, n * p->ageing->L_per_n, L_FLOOR, jm, d_dphi, d_n ? &dL : NULL, d_jm, d_T);
    if (d_n) *d_n = dL * p->ageing->L_per_n;
    return j;
}

double cf_sei_current_at(const cf_plan *p, double dphi, double L, double floor, double jm, double *d_dphi,
                         double *d_L, double *d_jm, double *d_T)
{
    const cf_ageing *g = p->ageing;
    const cf_sei *s = &g->prm;
    double dL = 1.0;
    if (L < floor) { L = floor; dL = 0.0; }
    /* jT: the T-derivative beyond the Arrhenius factor's (f = F/RT in an
     * exponent x = c f: dx/dT = -x/T) */
    double j = 0, jd = 0, jL = 0, jjm = 0, jT = 0, de;
    switch (s->model) {
    case CF_SEI_REACTION_LIMITED: {
        double R = s->resistivity_ohm_m;
        double eta = dphi - s->ocp_V - jm * L * R, k = -s->alpha * p->f;
        j = -s->exchange_current_A_m2 * g->arr * held_exp(k * eta, &de);
        double dj_deta = -s->exchange_current_A_m2 * g->arr * de * k;
        jd = dj_deta;
        jL = dj_deta * (-jm * R);
        jjm = dj_deta * (-L * R);
        jT = -s->exchange_current_A_m2 * g->arr * de * (-k * eta / p->T);
        break;
    }
    case CF_SEI_SOLVENT_DIFFUSION_LIMITED:
        j = -FARADAY * s->solvent_diffusivity_m2_s * s->solvent_concentration_mol_m3 * g->arr / L;
        jL = -j / L;
        break;
    case CF_SEI_ELECTRON_MIGRATION_LIMITED: {
        double eta = dphi - s->ocp_V;
        if (eta < 0) {
            j = s->electron_conductivity_S_m * g->arr * eta / L;
            jd = s->electron_conductivity_S_m * g->arr / L;
            jL = -j / L;
        }
        break;
    }
    case CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED: {
        double c = FARADAY * s->interstitial_diffusivity_m2_s * s->interstitial_concentration_mol_m3 * g->arr;
        double e = held_exp(-p->f * dphi, &de);
        j = -c / L * e;
        jd = c / L * de * p->f;
        jL = -j / L;
        jT = -c / L * de * (p->f * dphi / p->T);
        break;
    }
    default: break;
    }
    if (d_dphi) {
        *d_dphi = jd;
        *d_L = jL * dL;
        *d_jm = jjm;
        *d_T = j * g->dlnarr + jT;
    }
    return j;
}

double cf_bv_film(double j0, double eta0, double alpha, double f, double r, double *dj_deta0, double *dj_dj0,
                  double *dj_dr)
{
    double g_eta;
    if (!(r > 0)) {
        double j = cf_bv_current(j0, eta0, alpha, f, &g_eta);
        if (dj_deta0) {
            *dj_deta0 = g_eta;
            *dj_dj0 = j0 != 0 ? j / j0 : cf_bv_current(1.0, eta0, alpha, f, NULL);
            *dj_dr = 0.0;
        }
        return j;
    }
    if (alpha == 0.5) {
        /* Symmetric kinetics (nearly every cell): in the current, h(j) =
         * eta(j) + r j - eta0 = 0 with eta(j) = (2/f) asinh(j / 2 j0), the
         * inverse that cf_bv_eta regularises at j0 = 0.  h rises, concave for
         * j > 0 and convex for j < 0, so Newton from j = 0 approaches the root
         * monotonically, and the logarithm keeps its steps long where the
         * exponential form would creep (a thick film at a volt of eta0). */
        double j = 0.0, de_dj = 0.0, de_dj0 = 0.0;
        for (int it = 0; it < 100; it++) {
            double e = cf_bv_eta(f, j, j0, &de_dj, &de_dj0);
            double h = e + r * j - eta0, step = h / (de_dj + r);
            j -= step;
            if (fabs(step) <= 1e-14 * (fabs(j) + 1e-12)) break;
        }
        cf_bv_eta(f, j, j0, &de_dj, &de_dj0);
        if (dj_deta0) {
            double den = de_dj + r;
            *dj_deta0 = 1.0 / den;
            *dj_dj0 = -de_dj0 / den;
            *dj_dr = -j / den;
        }
        return j;
    }
    /* Otherwise in the overpotential: q(eta) = eta - eta0 + r g(eta) = 0 rises
     * (q' = 1 + r g' >= 1) with its root between 0 and eta0 (the root has
     * eta0's sign); Newton kept inside that bracket, bisection when a step
     * leaves it or the bracket shrinks too slowly. */
    double lo = fmin(0.0, eta0), hi = fmax(0.0, eta0), eta = eta0, j = 0;
    for (int it = 0; it < 200; it++) {
        j = cf_bv_current(j0, eta, alpha, f, &g_eta);
        double q = eta - eta0 + r * j;
        if (q > 0) hi = eta; else lo = eta;
        double next = eta - q / (1.0 + r * g_eta), width = hi - lo;
        if (!(next > lo && next < hi) || (it % 4 == 3)) next = 0.5 * (lo + hi);
        if (fabs(next - eta) <= 1e-15 * (1.0 + fabs(eta)) || width <= 1e-15 * (1.0 + fabs(eta))) {
            eta = next;
            break;
        }
        eta = next;
    }
    j = cf_bv_current(j0, eta, alpha, f, &g_eta);
    if (dj_deta0) {
        double den = 1.0 + r * g_eta;
        double g_j0 = j0 != 0 ? j / j0 : cf_bv_current(1.0, eta, alpha, f, NULL);
        *dj_deta0 = g_eta / den;
        *dj_dj0 = g_j0 / den;
        *dj_dr = -g_eta * j / den;
    }
    return j;
}
