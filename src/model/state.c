/* state.c — reading the plan's current state: lithium inventory, reaction
 * currents and profiles (for conservation checks, outputs and plots). */
#include <math.h>
#include <string.h>

#include "model/plan_internal.h"

/* Moles of lithium in one particle column per unit electrode volume fraction:
 * the mean concentration times the particle volume fraction. */
static double particle_mean(const cf_particle_mesh *m, const double *cs)
{
    double s = 0.0;
    for (int i = 0; i < m->nr; i++) s += cs[i] * m->vol[i];
    return s / (m->R * m->R * m->R / 3.0);
}

int cf_sim_state(const cf_plan *p, cf_state_summary *s)
{
    memset(s, 0, sizeof *s);
    const cf_cell *c = p->cell;
    const double *y = N_VGetArrayPointer(p->y);
    double A = c->area_m2;
    s->t_s = p->t;
    s->voltage_V = y[p->iV];
    s->current_A = y[p->iI];
    double wl, wp;
    cf_particle_surface_weights(&p->pn, &wl, &wp);
    if (p->opt.kind == CF_MODEL_DFN) {
        cf_plan *mp = (cf_plan *)p; /* kinetics scratch only */
        double Ln = 0, Lp = 0;
        for (int k = 0; k < p->nx; k++) {
            int o = p->off[k];
            if (p->dom[k] == DOM_SEP) {
                s->li_electrolyte_mol += p->eps[k] * p->dx[k] * A * y[o];
                continue;
            }
            const cf_particle_mesh *m = p->dom[k] == DOM_NEG ? &p->pn : &p->pp;
            const cf_electrode *e = p->dom[k] == DOM_NEG ? &c->neg : &c->pos;
            double li = e->active_fraction * p->dx[k] * A * particle_mean(m, y + o);
            double csurf = wl * y[o + m->nr - 1] + wp * y[o + m->nr - 2];
            s->li_electrolyte_mol += p->eps[k] * p->dx[k] * A * y[o + m->nr];
            /* reaction current from the current state */
            double arr = p->dom[k] == DOM_NEG ? p->arr_j0_n : p->arr_j0_p;
            double ce = y[o + m->nr];
            double j = 0.0;
            if (csurf > 0 && csurf < e->c_max && ce > 0) {
                double U = cf_fn_eval(&e->ocp, csurf / e->c_max, p->T, NULL);
                double j0 = cf_j0(e, arr, ce, csurf, NULL, NULL);
                j = cf_bv_current(j0, y[o + m->nr + 2] - y[o + m->nr + 1] - U, e->alpha, p->f, NULL);
            }
            if (p->dom[k] == DOM_NEG) {
                s->li_solid_neg_mol += li;
                s->reaction_current_neg_A += p->a[k] * j * p->dx[k] * A;
                s->sto_surf_neg_avg += csurf / e->c_max * p->dx[k];
                Ln += p->dx[k];
            } else {
                s->li_solid_pos_mol += li;
                s->reaction_current_pos_A += p->a[k] * j * p->dx[k] * A;
                s->sto_surf_pos_avg += csurf / e->c_max * p->dx[k];
                Lp += p->dx[k];
            }
        }
        (void)mp;
        s->sto_surf_neg_avg /= Ln;
        s->sto_surf_pos_avg /= Lp;
        return CF_OK;
    }
    const double *csn = y + p->off_csn, *csp = y + p->off_csp;
    s->li_solid_neg_mol = c->neg.active_fraction * c->neg.thickness_m * A * particle_mean(&p->pn, csn);
    s->li_solid_pos_mol = c->pos.active_fraction * c->pos.thickness_m * A * particle_mean(&p->pp, csp);
    s->sto_surf_neg_avg = (wl * csn[p->pn.nr - 1] + wp * csn[p->pn.nr - 2]) / c->neg.c_max;
    s->sto_surf_pos_avg = (wl * csp[p->pp.nr - 1] + wp * csp[p->pp.nr - 2]) / c->pos.c_max;
    s->reaction_current_neg_A = s->current_A;
    s->reaction_current_pos_A = -s->current_A;
    if (p->opt.kind == CF_MODEL_SPME) {
        for (int k = 0; k < p->nx; k++) s->li_electrolyte_mol += p->eps[k] * p->dx[k] * A * y[p->off_ce + k];
    } else {
        double L = c->neg.thickness_m * c->neg.porosity + c->sep.thickness_m * c->sep.porosity +
                   c->pos.thickness_m * c->pos.porosity;
        s->li_electrolyte_mol = L * A * c->electrolyte.c_init;
    }
    return CF_OK;
}

int cf_sim_profile_electrolyte(const cf_plan *p, double *x_m, double *c_e, double *phi_e, int cap)
{
    if (p->opt.kind == CF_MODEL_SPM) return 0;
    const double *y = N_VGetArrayPointer(p->y);
    int n = p->nx < cap ? p->nx : cap;
    for (int k = 0; k < n; k++) {
        if (x_m) x_m[k] = p->xc[k];
        if (p->opt.kind == CF_MODEL_DFN) {
            int o = p->off[k] + (p->dom[k] == DOM_SEP ? 0 : (p->dom[k] == DOM_NEG ? p->pn.nr : p->pp.nr));
            if (c_e) c_e[k] = y[o];
            if (phi_e) phi_e[k] = y[o + 1];
        } else {
            if (c_e) c_e[k] = y[p->off_ce + k];
            if (phi_e) phi_e[k] = NAN;
        }
    }
    return n;
}
