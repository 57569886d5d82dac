/* porosity.c — electrode porosity and thickness that follow particle
 * expansion.
 *
 * A phase whose particles grow by the fraction beta from stoichiometry 0 to 1
 * (Sn to Li22Sn5: beta ~ 2.6) takes up eps_s,i0 (1 + beta sbar)/(1 + beta sbar_0)
 * of the electrode's as-built volume, sbar being its mean stoichiometry and
 * sbar_0 the cell's stated initial one.  With the binder and additives that
 * is the solid volume S per as-built volume (S_0 = 1 - eps_0 at the start).
 *
 * How much of that growth the coating's thickness takes is the electrode's
 * thickness_swelling, sigma in [0, 1].  Each x cell stretches by
 *     lambda = 1 + sigma (S - S_0) / S_0,
 * and its porosity is eps = 1 - S / lambda: sigma = 0 holds the thickness
 * (lambda = 1, the pores absorb the growth: eps = 1 - S), sigma = 1 lets it
 * grow so that the porosity stays eps_0.
 *
 * The DFN is written in the as-built (material) coordinate X of each cell,
 * dx = lambda dX: the particles, their number and their surface per as-built
 * volume stay as built; the electrolyte a cell holds per as-built volume is
 * lambda eps = lambda - S; a gradient d/dx is (1/lambda) d/dX, so the
 * electrolyte's effective transport coefficient per cell is eps^b / lambda
 * (the face values then follow the existing harmonic / linear means, which
 * for the harmonic mean is exactly two stretched half-cells in series) and
 * the solid's conductance between two cells 2 sigma_eff / ((lambda_l +
 * lambda_r) dX).  Particle diffusion stays in the unexpanded reference frame
 * (assumptions, docs/models.md). */
#include <math.h>

#include "model/plan_internal.h"

void cf_porosity_setup(cf_plan *p)
{
    for (int s = 0; s < 2; s++) {
        cf_side *sd = &p->side[s];
        double solid = 0;
        sd->expanding = 0;
        for (int i = 0; i < sd->nph; i++) {
            const cf_phase *ph = &sd->el->phase[i];
            double s0 = ph->c_init / ph->c_max;
            solid += ph->active_fraction;
            sd->exp_w[i] = ph->active_fraction * ph->volume_expansion / (1 + ph->volume_expansion * s0);
            if (ph->volume_expansion != 0 && ph->active_fraction > 0) sd->expanding = 1;
        }
        sd->eps_inert = 1.0 - sd->el->porosity - solid;
        if (sd->eps_inert < 0) sd->eps_inert = 0; /* rounding of a full electrode */
        sd->solid0 = sd->eps_inert + solid;
        sd->swell = sd->el->planar ? 0.0 : sd->el->thickness_swelling;
    }
}

static double particle_mean_sto(const cf_particle_mesh *m, const double *cs, double c_max)
{
    double v = 0;
    for (int r = 0; r < m->nr; r++) v += cs[r] * m->vol[r];
    return v / (m->R * m->R * m->R / 3.0) / c_max;
}

/* Solid volume per as-built volume, S, of a node whose phase shells start at
 * cs_block[offs[i]]. */
static double node_solid(const cf_side *sd, const double *cs_block, const int *offs)
{
    double S = sd->eps_inert;
    for (int i = 0; i < sd->nph; i++) {
        const cf_phase *ph = &sd->el->phase[i];
        double sbar = particle_mean_sto(&sd->pm[i], cs_block + offs[i], ph->c_max);
        double s0 = ph->c_init / ph->c_max;
        S += ph->active_fraction * (1 + ph->volume_expansion * sbar) / (1 + ph->volume_expansion * s0);
    }
    return S;
}

static double stretch(const cf_side *sd, double S) { return 1.0 + sd->swell * (S - sd->solid0) / sd->solid0; }

double cf_porosity_dshell(const cf_plan *p, int side, int i, int r)
{
    const cf_side *sd = &p->side[side];
    const cf_particle_mesh *m = &sd->pm[i];
    return -sd->exp_w[i] * m->vol[r] / (m->R * m->R * m->R / 3.0) / sd->el->phase[i].c_max;
}

double cf_porosity_dstore(const cf_plan *p, int side)
{
    const cf_side *sd = &p->side[side];
    return 1.0 - sd->swell / sd->solid0;
}

double cf_porosity_dstretch(const cf_plan *p, int side)
{
    const cf_side *sd = &p->side[side];
    return -sd->swell / sd->solid0;
}

double cf_porosity_dtau(const cf_plan *p, int k)
{
    const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
    double b = sd->el->bruggeman_electrolyte, lam = p->lam[k], eps = p->eps[k];
    double S = lam * (1.0 - eps), dlam = sd->swell / sd->solid0; /* d lambda / dS */
    double deps = -1.0 / lam + S / (lam * lam) * dlam;           /* d eps / dS    */
    double dtau = b * pow(eps, b - 1.0) * deps / lam - pow(eps, b) / (lam * lam) * dlam;
    return -dtau; /* per unit of -S */
}

int cf_porosity_update(cf_plan *p, const double *y)
{
    if (p->opt.kind != CF_MODEL_DFN) return 0;
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        if (!sd->expanding) continue;
        double b = sd->el->bruggeman_electrolyte;
        for (int k = sd->first; k <= sd->last; k++) {
            double S = node_solid(sd, y + p->off[k], sd->ph_off), lam = stretch(sd, S);
            double eps = 1.0 - S / lam;
            if (!(eps > 1e-4) || !(lam > 0.05)) {
                p->failed_reason = 4;
                return 1;
            }
            p->eps[k] = eps;
            p->lam[k] = lam;
            p->epsb[k] = pow(eps, b) / lam;
        }
    }
    return 0;
}

/* The porosity of side s at state y: each cell's (DFN) or the electrode's
 * (SPM/SPMe: its particles stand for every cell), and the stretch. */
static double side_state(const cf_plan *p, int s, const double *y, int k, double *lam)
{
    const cf_side *sd = &p->side[s];
    double S;
    if (p->opt.kind == CF_MODEL_DFN) {
        S = node_solid(sd, y + p->off[k], sd->ph_off);
    } else {
        int offs[CF_MAX_PHASES];
        for (int i = 0; i < sd->nph; i++) offs[i] = sd->off_cs[i];
        S = node_solid(sd, y, offs);
    }
    *lam = stretch(sd, S);
    return 1.0 - S / *lam;
}

double cf_porosity_min(const cf_plan *p, const double *y)
{
    double m = INFINITY, lam;
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        if (sd->el->planar) continue;
        if (p->opt.kind == CF_MODEL_DFN) {
            for (int k = sd->first; k <= sd->last; k++) m = fmin(m, side_state(p, s, y, k, &lam));
        } else {
            m = fmin(m, side_state(p, s, y, 0, &lam));
        }
    }
    return m;
}

void cf_swelling_state(const cf_plan *p, int s, const double *y, double *thickness_change_pct, double *porosity)
{
    const cf_side *sd = &p->side[s];
    if (sd->el->planar || sd->nph == 0) {
        *thickness_change_pct = *porosity = NAN;
        return;
    }
    double lam, eps;
    if (p->opt.kind != CF_MODEL_DFN) {
        eps = side_state(p, s, y, 0, &lam);
        *thickness_change_pct = 100.0 * (lam - 1.0);
        *porosity = eps;
        return;
    }
    double L0 = 0, L = 0, pore = 0;
    for (int k = sd->first; k <= sd->last; k++) {
        eps = side_state(p, s, y, k, &lam);
        L0 += p->dx[k];
        L += p->dx[k] * lam;
        pore += p->dx[k] * lam * eps;
    }
    *thickness_change_pct = 100.0 * (L / L0 - 1.0);
    *porosity = pore / L;
}
