/* ageing_crack.c — particle cracking and SEI on the crack walls (see
 * ageing.h and docs/ageing.md).
 *
 * Crack length l per electrode (per x cell in the DFN) grows by Paris' law
 * under the particle surface's tensile tangential stress, as PyBaMM's
 * "swelling and cracking" (Deshpande et al., JES 159 (2012) A1730; Ai et
 * al., JES 167 (2020) 013512; O'Kane et al., PCCP 24 (2022) 7909):
 *   dl/dt = k_cr(T) / 3600 s (b sigma_t sqrt(pi l))^m     (sigma_t > 0; else 0)
 *   sigma_t = Omega E (cbar - c_surf) / (3 (1 - nu))     (Ai et al. eq 8 at r = R)
 * The cracks' walls add a_cr = 2 rho w l a of surface per electrode volume
 * (PyBaMM's roughness - 1 times a).  With SEI on the cracks, the SEI's law
 * acts on that area with the crack film's own thickness
 *   L_cr = n_cr V_bar / (z a_cr),   dn_cr/dt = -f a_cr j_cr / F,
 * n_cr the lithium in the crack SEI per electrode volume: new crack wall
 * thins the mean film as it opens (PyBaMM's state is the same amount). */
#include <math.h>

#include "model/ageing.h"

/* Crack lengths below this (m) are held there: Newton iterates may take l
 * to zero, where sqrt(l) has no derivative.  A thousandth of a nanometre. */
#define L_MIN 1e-12

static double column_mean(const cf_particle_mesh *m, const double *cs)
{
    double s = 0.0;
    for (int r = 0; r < m->nr; r++) s += cs[r] * m->vol[r];
    return s / (m->R * m->R * m->R / 3.0);
}

void cf_crack_set_temperature(cf_plan *p)
{
    cf_ageing *g = p->ageing;
    for (int s = 0; s < 2; s++) {
        if (!g->crack[s]) continue;
        const cf_crack_params *c = &g->cp[s];
        g->cr_rate[s] = c->rate_constant / 3600.0 *
                        exp(c->activation_energy_J_mol / CF_GAS_CONSTANT * (1.0 / p->cell->T_ref - 1.0 / p->T));
    }
}

double cf_crack_rate(const cf_plan *p, int s, const double *cs, double l, cf_asm *J, int row, int shell_off, int il,
                     double scale)
{
    const cf_ageing *g = p->ageing;
    const cf_crack_params *c = &g->cp[s];
    const cf_lam_params *mech = &g->lp[s];
    const cf_particle_mesh *m = &p->side[s].pm[0];
    double k = mech->partial_molar_volume_m3_mol * mech->young_modulus_Pa / (3.0 * (1.0 - mech->poisson_ratio));
    double sig = k * (column_mean(m, cs) - cf_particle_surface(m, cs));
    double le = l, dle = 1.0;
    if (le < L_MIN) { le = L_MIN; dle = 0.0; }
    double rate = 0.0, dsig = 0.0, dl = 0.0;
    if (sig > 0) { /* compression closes cracks: no growth */
        double K = c->paris_b * sig * sqrt(3.14159265358979323846 * le);
        rate = g->cr_rate[s] * pow(K, c->paris_m);
        dsig = rate * c->paris_m / sig;
        dl = rate * c->paris_m / (2.0 * le) * dle;
    }
    if (J) { /* the same calls whatever the stress: the Jacobian's pattern is fixed */
        double V = m->R * m->R * m->R / 3.0, wl, wp, ds = scale * dsig * k;
        for (int r = 0; r < m->nr; r++) cf_asm_add(J, row, shell_off + r, ds * m->vol[r] / V);
        cf_particle_surface_weights(m, &wl, &wp);
        cf_asm_add(J, row, shell_off + m->nr - 1, -ds * wl);
        if (m->nr > 1 && wp != 0.0) cf_asm_add(J, row, shell_off + m->nr - 2, -ds * wp);
        cf_asm_add(J, row, il, scale * dl);
    }
    return rate;
}

/* The crack SEI's thickness floor (m): below the films that matter, and
 * below its own start (PyBaMM's 5e-13 m over the crack walls). */
static double crack_floor(const cf_ageing *g) { return fmin(1e-11, 1e-3 * g->cp[0].initial_sei_thickness_m); }

double cf_crack_sei_thickness(const cf_plan *p, double n, double l)
{
    const cf_ageing *g = p->ageing;
    double acr = g->acr_per_l[0] * fmax(l, L_MIN);
    return n * g->prm.molar_volume_m3_mol / (g->prm.li_per_sei * acr);
}

double cf_crack_sei_kinetics(cf_plan *p, int k, double dphi, double n, double l, double jm)
{
    cf_ageing *g = p->ageing;
    double dT;
    double L = cf_crack_sei_thickness(p, n, l);
    double dL;
    g->jc[k] = cf_sei_current_at(p, dphi, L, crack_floor(g), jm, &g->jc_ddphi[k], &dL, &g->jc_djm[k], &dT);
    /* L = n V / (z acr_per_l l): dL/dn = L/n, dL/dl = -L/l (l above L_MIN) */
    double acr = g->acr_per_l[0] * fmax(l, L_MIN);
    g->jc_dn[k] = dL * g->prm.molar_volume_m3_mol / (g->prm.li_per_sei * acr);
    g->jc_dl[k] = l > L_MIN ? dL * (-L / l) : 0.0;
    return g->jcv[k] = acr * g->jc[k];
}

double cf_crack_sei_dvol(const cf_plan *p, int k, double l, double *d_n, double *d_l)
{
    const cf_ageing *g = p->ageing;
    double acr = g->acr_per_l[0] * fmax(l, L_MIN);
    *d_n = acr * g->jc_dn[k];
    *d_l = (l > L_MIN ? g->acr_per_l[0] * g->jc[k] : 0.0) + acr * g->jc_dl[k];
    return acr;
}
