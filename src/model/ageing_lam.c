/* ageing_lam.c — loss of active material (see ageing.h and docs/ageing.md).
 *
 * State f per electrode (per x cell in the DFN): the share of the as-built
 * active material still active; the models scale the particles' surface per
 * electrode volume by f.  Its rate is PyBaMM's d eps_s/dt divided by the
 * as-built eps_s0 (so f = eps_s / eps_s0):
 *   stress-driven    -beta (sigma_h+ / sigma_c)^m / eps0, with the surface
 *                    hydrostatic stress sigma_h = 2/3 sigma_t (sigma_r = 0 at
 *                    the surface), sigma_t = Omega E (cbar - c_surf) / (3 (1 - nu))
 *                    (Ai et al., JES 167 (2020) 013512, eqs 7-8), only its
 *                    tensile part acting (O'Kane et al. 2022);
 *   reaction-driven  beta_r a f j_sei / (F eps0)  (the model adds it);
 *   volume-driven    -beta_v f |eps_v'|, the volumetric strain rate of the
 *                    active phase mix (alloys: tin swells +258 % to
 *                    Li22Sn5), from the phases' intercalation currents (the
 *                    model passes them: cf_lam_volume_rate).
 * With several phases each contributes by its share of eps0.  The
 * mechanical rates (stress, volume) take the Arrhenius factor of the
 * parameters' activation energy (cf_ageing_set_temperature). */
#include <math.h>

#include "model/ageing.h"

#define FARADAY CF_FARADAY
/* Smoothing of |eps_v'| (1/s): the rate sqrt(x^2 + d^2) - d is within d of
 * |x| and differentiable through rests; 1e-9 1/s is ~1e-5 of a 1C alloy's
 * strain rate (tin over half its lithiation in an hour: ~4e-4 1/s). */
#define STRAIN_RATE_SMOOTH 1e-9

/* Volume mean of a particle column: sum vol_r c_r / (R^3/3). */
static double column_mean(const cf_particle_mesh *m, const double *cs)
{
    double s = 0.0;
    for (int r = 0; r < m->nr; r++) s += cs[r] * m->vol[r];
    return s / (m->R * m->R * m->R / 3.0);
}

/* sigma_h per unit of (cbar - c_surf). */
static double stress_factor(const cf_lam_params *l)
{
    return 2.0 / 3.0 * l->partial_molar_volume_m3_mol * l->young_modulus_Pa / (3.0 * (1.0 - l->poisson_ratio));
}

double cf_lam_surface_stress(const cf_plan *p, int s, int i, const double *cs)
{
    const cf_particle_mesh *m = &p->side[s].pm[i];
    return stress_factor(&p->ageing->lp[s]) * (column_mean(m, cs) - cf_particle_surface(m, cs));
}

double cf_lam_local_rate(cf_plan *p, int s, const double *y, const int *shell_off, int i_f, cf_asm *J, int row,
                         double scale)
{
    (void)i_f; /* no local mechanism depends on f itself yet */
    const cf_ageing *g = p->ageing;
    const cf_lam_params *l = &g->lp[s];
    const cf_side *sd = &p->side[s];
    double rate = 0.0;
    if (g->lam[s] & CF_LAM_STRESS) {
        double k = stress_factor(l), sc = l->critical_stress_Pa, mexp = l->stress_exponent;
        for (int i = 0; i < sd->nph; i++) {
            const cf_particle_mesh *m = &sd->pm[i];
            const double *cs = y + shell_off[i];
            double sh = k * (column_mean(m, cs) - cf_particle_surface(m, cs));
            double w = sd->el->phase[i].active_fraction / g->eps0[s];
            double pre = -l->stress_rate_s * g->lam_arr[s] * w / g->eps0[s], ds = 0.0, xm = 0.0;
            if (sh > 0) { /* compressive stress takes no material */
                double x = sh / sc;
                xm = pow(x, mexp);
                rate += pre * xm;
                ds = scale * pre * mexp * xm / x / sc * k; /* d/d(cbar - c_surf) */
            }
            if (!J) continue;
            if (p->iT >= 0) cf_asm_add(J, row, p->iT, scale * pre * xm * g->lam_dlnarr[s]);
            /* the same calls whatever the stress: the Jacobian's pattern is fixed */
            double V = m->R * m->R * m->R / 3.0, wl, wp;
            for (int r = 0; r < m->nr; r++) cf_asm_add(J, row, shell_off[i] + r, ds * m->vol[r] / V);
            cf_particle_surface_weights(m, &wl, &wp);
            cf_asm_add(J, row, shell_off[i] + m->nr - 1, -ds * wl);
            if (m->nr > 1 && wp != 0.0) cf_asm_add(J, row, shell_off[i] + m->nr - 2, -ds * wp);
        }
    }
    return rate;
}

double cf_lam_volume_rate(const cf_plan *p, int s, double f, const double *j, double *d_dj, double *d_df)
{
    const cf_ageing *g = p->ageing;
    const cf_side *sd = &p->side[s];
    for (int i = 0; i < sd->nph; i++) d_dj[i] = 0.0;
    *d_df = 0.0;
    if (!(g->lam[s] & CF_LAM_VOLUME)) return 0.0;
    double gi[CF_MAX_PHASES], x = 0.0;
    for (int i = 0; i < sd->nph; i++) {
        const cf_phase *ph = &sd->el->phase[i];
        double e = ph->volume_expansion, s0 = ph->c_init / ph->c_max;
        double w = ph->active_fraction * e / (1.0 + e * s0) / g->eps0[s];
        gi[i] = -3.0 * w / (FARADAY * sd->pm[i].R * ph->c_max);
        x += gi[i] * j[i];
    }
    double d = STRAIN_RATE_SMOOTH, r = sqrt(x * x + d * d), a = r - d, da = x / r;
    double k = -g->lp[s].volume_rate * g->lam_arr[s];
    for (int i = 0; i < sd->nph; i++) d_dj[i] = k * f * da * gi[i];
    *d_df = k * a;
    return k * f * a;
}

double cf_lam_reaction_coeff(const cf_plan *p, int s)
{
    const cf_ageing *g = p->ageing;
    if (!(g->lam[s] & CF_LAM_REACTION)) return 0.0;
    return g->lp[s].reaction_factor_m3_mol / (FARADAY * g->eps0[s]);
}

double cf_lam_lithium(const cf_plan *p, int s, const double *y, const int *shell_off, cf_asm *J, int row,
                      double scale)
{
    const cf_side *sd = &p->side[s];
    double q = 0.0;
    for (int i = 0; i < sd->nph; i++) {
        const cf_particle_mesh *m = &sd->pm[i];
        double e = sd->el->phase[i].active_fraction;
        q += e * column_mean(m, y + shell_off[i]);
        if (!J) continue;
        double V = m->R * m->R * m->R / 3.0;
        for (int r = 0; r < m->nr; r++) cf_asm_add(J, row, shell_off[i] + r, scale * e * m->vol[r] / V);
    }
    return q;
}

double cf_lam_stress_diffusion(const cf_plan *p, int s)
{
    /* particle mechanics on: stress-driven loss or cracking (PyBaMM's default) */
    if (!p->ageing || !((p->ageing->lam[s] & CF_LAM_STRESS) || p->ageing->crack[s])) return 0.0;
    const cf_lam_params *l = &p->ageing->lp[s];
    if (!l->stress_induced_diffusion) return 0.0;
    double om = l->partial_molar_volume_m3_mol;
    return om / (CF_GAS_CONSTANT * p->T) * 2.0 * om * l->young_modulus_Pa / (9.0 * (1.0 - l->poisson_ratio));
}
