/* state.c — reading the plan's current state: lithium inventory, reaction
 * currents per phase and profiles (for conservation checks, outputs, plots). */
#include <math.h>
#include <string.h>

#include "model/ageing.h"
#include "model/plan_internal.h"
#include "model/sim_internal.h"

/* Mean concentration of one particle column (shell-volume weighted). */
static double particle_mean(const cf_particle_mesh *m, const double *cs)
{
    double s = 0.0;
    for (int i = 0; i < m->nr; i++) s += cs[i] * m->vol[i];
    return s / (m->R * m->R * m->R / 3.0);
}

/* Reaction current density (A/m2) of phase i at surface c_s, electrolyte c_e
 * and surface potential difference dphi = phi_s - phi_e. */
static double phase_j(const cf_plan *p, const cf_side *sd, int i, double cs, double ce, double dphi)
{
    const cf_phase *ph = &sd->el->phase[i];
    if (!(cs > 0 && cs < ph->c_max && ce > 0)) return NAN;
    double U = cf_phase_ocp(ph, cs, p->T, NULL);
    double j0 = cf_j0(p, ph, sd->arr_j0[i], ce, cs, NULL, NULL);
    return cf_bv_current(j0, dphi - U, ph->alpha, p->f, NULL);
}

int cf_sim_phase_state(const cf_plan *p, int side, int phase, cf_phase_state *out)
{
    memset(out, 0, sizeof *out);
    if (side < 0 || side > 1 || phase < 0 || phase >= p->side[side].nph) return CF_EINVAL;
    const cf_side *sd = &p->side[side];
    const cf_phase *ph = &sd->el->phase[phase];
    const cf_particle_mesh *m = &sd->pm[phase];
    const double *y = N_VGetArrayPointer(p->y);
    double A = p->cell->area_m2, L = sd->el->thickness_m;
    if (p->opt.kind == CF_MODEL_DFN) {
        for (int k = sd->first; k <= sd->last; k++) {
            const double *cs = y + p->off[k] + sd->ph_off[phase];
            int ice = p->off[k] + sd->ncs;
            double mean = particle_mean(m, cs),
                   surf = cf_particle_surface(m, cs) + cf_step_start_correction(p, k, side, phase, p->t);
            double j = phase_j(p, sd, phase, surf, y[ice], y[ice + 2] - y[ice + 1]);
            double f = cf_lam_on(p, side) ? y[cf_lam_index(p, k)] : 1.0; /* active share */
            out->li_mol += f * ph->active_fraction * p->dx[k] * A * mean;
            out->sto_avg += mean / ph->c_max * p->dx[k] / L;
            out->sto_surf += surf / ph->c_max * p->dx[k] / L;
            out->current_A += f * sd->a[phase] * j * p->dx[k] * A;
        }
        return CF_OK;
    }
    const double *cs = y + sd->off_cs[phase];
    double mean = particle_mean(m, cs), surf = cf_particle_surface(m, cs) + cf_step_start_correction(p, side, side, phase, p->t);
    double f = cf_lam_on(p, side) ? y[p->ageing->i_f[side]] : 1.0;
    out->li_mol = f * ph->active_fraction * L * A * mean;
    out->sto_avg = mean / ph->c_max;
    out->sto_surf = surf / ph->c_max;
    double sign = side == 0 ? 1.0 : -1.0;
    /* A single material carries the electrode's current; a blend's phases
     * carry their own (unknowns of the model). */
    out->current_A = sd->nph == 1 ? sign * y[p->iI] : f * sd->a[phase] * y[sd->i_j[phase]] * L * A;
    return CF_OK;
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
    for (int side = 0; side < 2; side++) {
        double cap = 0;
        for (int i = 0; i < p->side[side].nph; i++) {
            cf_phase_state ps;
            cf_sim_phase_state(p, side, i, &ps);
            const cf_phase *ph = &p->side[side].el->phase[i];
            double w = ph->active_fraction * ph->c_max; /* weight: lithium capacity */
            if (side == 0) {
                s->li_solid_neg_mol += ps.li_mol;
                s->reaction_current_neg_A += ps.current_A;
                s->sto_surf_neg_avg += w * ps.sto_surf;
            } else {
                s->li_solid_pos_mol += ps.li_mol;
                s->reaction_current_pos_A += ps.current_A;
                s->sto_surf_pos_avg += w * ps.sto_surf;
            }
            cap += w;
        }
        if (side == 0) s->sto_surf_neg_avg /= cap; else s->sto_surf_pos_avg /= cap;
    }
    s->positive_li_o = cf_positive_li_o(p, y);
    if (p->iNLi >= 0) {
        s->li_metal_mol = y[p->iNLi] * A;
        s->li_dead_mol = y[p->iNdead] * A;
    }
    if (p->plating) /* lithium plated on the negative's particles */
        for (int k = p->side[0].first; k <= p->side[0].last; k++)
            s->li_metal_mol += y[p->off[k] + p->side[0].ncs + 3] * p->dx[k] * A;
    if (cf_sei_on(p)) {
        const cf_ageing *g = p->ageing;
        if (p->opt.kind == CF_MODEL_DFN) {
            const cf_side *sd = &p->side[0];
            for (int k = sd->first; k <= sd->last; k++) {
                double n = y[p->off[k] + sd->ncs + 3 + p->plating];
                s->li_sei_mol += n * p->dx[k] * A;
                s->sei_thickness_m += cf_sei_thickness(p, n) * p->dx[k] / c->neg.thickness_m;
            }
        } else {
            s->li_sei_mol = y[g->i_n] * c->neg.thickness_m * A;
            s->sei_thickness_m = cf_sei_thickness(p, y[g->i_n]);
        }
        s->li_sei_initial_mol = g->n0 * c->neg.thickness_m * A;
    }
    if (cf_okane_plating_on(p)) {
        if (p->opt.kind == CF_MODEL_DFN) {
            const cf_side *sd = &p->side[0];
            for (int k = sd->first; k <= sd->last; k++) {
                int o = p->off[k] + sd->ncs + 3 + p->plating + cf_sei_on(p);
                s->li_metal_mol += y[o] * p->dx[k] * A;
                s->li_dead_mol += y[o + 1] * p->dx[k] * A;
            }
        } else {
            s->li_metal_mol += y[p->ageing->i_pl] * c->neg.thickness_m * A;
            s->li_dead_mol += y[p->ageing->i_dead] * c->neg.thickness_m * A;
        }
    }
    for (int side = 0; side < 2; side++) {
        if (!cf_lam_on(p, side)) continue;
        const cf_side *sd = &p->side[side];
        double L = sd->el->thickness_m, share = 0.0;
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = sd->first; k <= sd->last; k++) {
                int il = cf_lam_index(p, k);
                share += y[il] * p->dx[k] / L;
                s->li_lam_mol += y[il + 1] * p->dx[k] * A;
            }
        else {
            share = y[p->ageing->i_f[side]];
            s->li_lam_mol += y[p->ageing->i_f[side] + 1] * L * A;
        }
        s->lam_pct[side] = 100.0 * (1.0 - share);
    }
    for (int side = 0; side < 2; side++) {
        if (!cf_crack_on(p, side)) continue;
        const cf_side *sd = &p->side[side];
        double L = sd->el->thickness_m;
        int sei = cf_crack_states(p, side) > 1;
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = sd->first; k <= sd->last; k++) {
                int ic = cf_crack_index(p, k);
                s->crack_length_m[side] += y[ic] * p->dx[k] / L;
                if (!sei) continue;
                s->li_crack_sei_mol += y[ic + 1] * p->dx[k] * A;
                s->crack_sei_thickness_m += cf_crack_sei_thickness(p, y[ic + 1], y[ic]) * p->dx[k] / L;
            }
        else {
            int ic = p->ageing->i_l[side];
            s->crack_length_m[side] = y[ic];
            if (sei) {
                s->li_crack_sei_mol = y[ic + 1] * L * A;
                s->crack_sei_thickness_m = cf_crack_sei_thickness(p, y[ic + 1], y[ic]);
            }
        }
        if (sei) s->li_crack_sei_initial_mol = p->ageing->ncr0 * L * A;
    }
    if (p->iIres >= 0) {
        s->li_reservoir_mol = y[p->iNres];
        s->li_alloyed_mol = y[p->iNal];
        s->reservoir_current_A = y[p->iIres];
    }
    s->positive_potential_V = cf_positive_potential(p, y);
    if (p->opt.kind == CF_MODEL_DFN) {
        /* The porosity cache follows the state it was last evaluated at. */
        cf_porosity_update((cf_plan *)p, y);
        for (int k = 0; k < p->nx; k++) {
            int o = p->off[k] + (p->dom[k] == DOM_SEP ? 0 : p->side[SIDE_OF_DOM(p->dom[k])].ncs);
            s->li_electrolyte_mol += p->lam[k] * p->eps[k] * p->dx[k] * A * y[o]; /* per as-built volume */
        }
    } else if (p->opt.kind == CF_MODEL_SPME) {
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
            int o = p->off[k] + (p->dom[k] == DOM_SEP ? 0 : p->side[SIDE_OF_DOM(p->dom[k])].ncs);
            if (c_e) c_e[k] = y[o];
            if (phi_e) phi_e[k] = y[o + 1];
        } else {
            if (c_e) c_e[k] = y[p->off_ce + k];
            if (phi_e) phi_e[k] = NAN;
        }
    }
    return n;
}

int cf_sim_profile_surface_sto(const cf_plan *p, int side, double *x_m, double *sto, int cap)
{
    if (side < 0 || side > 1 || cap < 1) return 0;
    const cf_side *sd = &p->side[side];
    const double *y = N_VGetArrayPointer(p->y);
    double wsum = 0;
    for (int i = 0; i < sd->nph; i++) wsum += sd->el->phase[i].active_fraction * sd->el->phase[i].c_max;
    if (p->opt.kind != CF_MODEL_DFN) {
        double v = 0;
        for (int i = 0; i < sd->nph; i++) {
            const cf_phase *ph = &sd->el->phase[i];
            v += ph->active_fraction * ph->c_max / wsum *
                 (cf_particle_surface(&sd->pm[i], y + sd->off_cs[i]) + cf_step_start_correction(p, side, side, i, p->t)) /
                 ph->c_max;
        }
        if (x_m) x_m[0] = side == 0 ? 0.5 * p->cell->neg.thickness_m
                                    : p->cell->neg.thickness_m + p->cell->sep.thickness_m + 0.5 * p->cell->pos.thickness_m;
        if (sto) sto[0] = v;
        return 1;
    }
    int n = 0;
    for (int k = sd->first; k <= sd->last && n < cap; k++, n++) {
        double v = 0;
        for (int i = 0; i < sd->nph; i++) {
            const cf_phase *ph = &sd->el->phase[i];
            v += ph->active_fraction * ph->c_max / wsum *
                 (cf_particle_surface(&sd->pm[i], y + p->off[k] + sd->ph_off[i]) +
                  cf_step_start_correction(p, k, side, i, p->t)) / ph->c_max;
        }
        if (x_m) x_m[n] = p->xc[k];
        if (sto) sto[n] = v;
    }
    return n;
}

double cf_positive_potential(const cf_plan *p, const double *y)
{
    /* phi_s at the collector minus the electrolyte beside it: a lithium
     * reference electrode there would read this.  SPM/SPMe: the positive's
     * surface potential difference. */
    if (p->opt.kind == CF_MODEL_DFN) return y[p->iV] - y[p->off[p->nx - 1] + p->side[1].ncs + 1];
    return y[p->side[1].i_dphi];
}

double cf_li_metal_Ah(const cf_plan *p, const double *y)
{
    double mol = 0, A = p->cell->area_m2;
    if (p->iNLi >= 0) mol += y[p->iNLi] * A;
    if (p->plating)
        for (int k = p->side[0].first; k <= p->side[0].last; k++)
            mol += y[p->off[k] + p->side[0].ncs + 3] * p->dx[k] * A;
    return mol * CF_FARADAY / 3600.0;
}

/* Li/O of the positive in state y: its lithium over its oxygen, oxygen
 * counted from each phase's Li/O at full lithiation; NAN unless every phase
 * is an oxide with a known Li/O. */
double cf_positive_li_o(const cf_plan *p, const double *y)
{
    const cf_side *sd = &p->side[1];
    double li = 0, oxygen = 0;
    if (sd->nph < 1) return NAN;
    for (int i = 0; i < sd->nph; i++) {
        const cf_phase *ph = &sd->el->phase[i];
        const cf_particle_mesh *m = &sd->pm[i];
        if (!(ph->li_o_at_full > 0)) return NAN;
        oxygen += ph->active_fraction * sd->el->thickness_m * ph->c_max / ph->li_o_at_full;
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = sd->first; k <= sd->last; k++)
                li += ph->active_fraction * p->dx[k] * particle_mean(m, y + p->off[k] + sd->ph_off[i]);
        else
            li += ph->active_fraction * sd->el->thickness_m * particle_mean(m, y + sd->off_cs[i]);
    }
    return li / oxygen;
}

double cf_negative_potential(const cf_plan *p, const double *y)
{
    /* phi_s = 0 at the negative collector, minus the electrolyte beside it
     * (the first cell: the negative's, or the separator's beside a planar
     * lithium surface).  SPM/SPMe: the negative's surface potential difference. */
    if (p->opt.kind == CF_MODEL_DFN)
        return -y[p->off[0] + (p->dom[0] == DOM_SEP ? 0 : p->side[0].ncs) + 1];
    return y[p->side[0].i_dphi];
}

void cf_process_values_at(const cf_plan *p, const double *y, cf_process_values *v)
{
    v->positive_potential_V = cf_positive_potential(p, y);
    v->negative_potential_V = cf_negative_potential(p, y);
    v->positive_li_o = cf_positive_li_o(p, y);
    v->li_metal_Ah = cf_li_metal_Ah(p, y);
    v->reservoir_li_Ah = p->iNres >= 0 ? y[p->iNres] * CF_FARADAY / 3600.0 : 0.0;
    v->alloyed_li_Ah = p->iNal >= 0 ? y[p->iNal] * CF_FARADAY / 3600.0 : 0.0;
}
