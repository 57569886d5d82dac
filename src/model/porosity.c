/* porosity.c — electrode porosity that follows particle expansion.
 *
 * A phase whose particles grow by the fraction beta from stoichiometry 0 to 1
 * (Sn to Li22Sn5: beta ~ 2.6) takes up eps_s,i(t) = eps_s,i0 (1 + beta sbar)/
 * (1 + beta sbar_0) of the electrode, sbar being its mean stoichiometry and
 * sbar_0 the cell's stated initial one.  In a layer held at constant
 * thickness the pores absorb the growth: eps = 1 - eps_inert - sum_i eps_s,i,
 * so solid plus pore volume is conserved by construction.  In the DFN the
 * electrolyte then sees the current porosity in its storage term and in
 * eps^b transport; particle diffusion is kept in the unexpanded reference
 * frame and the surface area per volume at its initial value (assumptions,
 * docs/models.md). */
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
    }
}

static double particle_mean_sto(const cf_particle_mesh *m, const double *cs, double c_max)
{
    double v = 0;
    for (int r = 0; r < m->nr; r++) v += cs[r] * m->vol[r];
    return v / (m->R * m->R * m->R / 3.0) / c_max;
}

/* Porosity of a node whose phase shells start at cs[ph_off[i]]. */
static double node_porosity(const cf_side *sd, const double *cs_block, const int *offs)
{
    double eps = 1.0 - sd->eps_inert;
    for (int i = 0; i < sd->nph; i++) {
        const cf_phase *ph = &sd->el->phase[i];
        double sbar = particle_mean_sto(&sd->pm[i], cs_block + offs[i], ph->c_max);
        double s0 = ph->c_init / ph->c_max;
        eps -= ph->active_fraction * (1 + ph->volume_expansion * sbar) / (1 + ph->volume_expansion * s0);
    }
    return eps;
}

double cf_porosity_dshell(const cf_plan *p, int side, int i, int r)
{
    const cf_side *sd = &p->side[side];
    const cf_particle_mesh *m = &sd->pm[i];
    return -sd->exp_w[i] * m->vol[r] / (m->R * m->R * m->R / 3.0) / sd->el->phase[i].c_max;
}

int cf_porosity_update(cf_plan *p, const double *y)
{
    if (p->opt.kind != CF_MODEL_DFN) return 0;
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        if (!sd->expanding) continue;
        double b = sd->el->bruggeman_electrolyte;
        for (int k = sd->first; k <= sd->last; k++) {
            double eps = node_porosity(sd, y + p->off[k], sd->ph_off);
            if (!(eps > 1e-4)) {
                p->failed_reason = 4;
                return 1;
            }
            p->eps[k] = eps;
            p->epsb[k] = pow(eps, b);
        }
    }
    return 0;
}

double cf_porosity_min(const cf_plan *p, const double *y)
{
    double m = INFINITY;
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        if (p->opt.kind == CF_MODEL_DFN) {
            for (int k = sd->first; k <= sd->last; k++) m = fmin(m, node_porosity(sd, y + p->off[k], sd->ph_off));
        } else {
            int offs[CF_MAX_PHASES];
            for (int i = 0; i < sd->nph; i++) offs[i] = sd->off_cs[i];
            m = fmin(m, node_porosity(sd, y, offs));
        }
    }
    return m;
}
