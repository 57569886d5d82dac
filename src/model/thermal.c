/* thermal.c — the lumped energy balance (docs/thermal.md).
 *
 * One temperature T for the whole cell, an unknown after the model's own:
 *   C dT/dt = Q - h A_cool (T - T_amb),
 *   C = V_cell sum_l rho_l c_p,l L_l / sum_l L_l  (collectors, coatings, separator),
 *   Q = -I V - A sum_x sum_i a_i j_i (U_i - T dU_i/dT) + I^2 r_cc / A,
 * with r_cc = L_cn/sigma_cn + L_cp/sigma_cp, and a_i f with a loss of active
 * material (its share f scales the reacting surface, as in the charge
 * balances).  The first two terms are the
 * ohmic, irreversible-reaction and reversible heat together: the electrical
 * power into the cell less the power the reactions store at their
 * equilibrium (enthalpy) potential.  Summing the finite-volume heat sources
 * -i_s.grad phi_s - i_e.grad phi_e + a j eta + a j T dU/dT over the cells,
 * with the discrete charge balances, gives exactly this (the sources are
 * also evaluated one by one for the outputs: cf_thermal_heat).  The
 * collectors' heat is PyBaMM's 0-D collector term (i^2 / sigma_cc over their
 * thickness); it does not lower the terminal voltage.
 *
 * T enters every temperature-dependent term: F/RT in the kinetics and the
 * diffusion potential, the Arrhenius factors of j0 and of the solid
 * diffusivity, electrolyte functions of T, and the OCP's entropic shift
 * (T - T_ref) dU/dT.  Each term's T-derivative is in the models' Jacobians
 * (dfn.c, spm.c, model_common.c call the helpers here). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/ageing.h"
#include "model/plan_internal.h"

#define R_GAS CF_GAS_CONSTANT
#define W(k, i) ((k) * CF_MAX_PHASES + (i))

int cf_thermal_setup(cf_plan *p, cf_error *err)
{
    const cf_cell *c = p->cell;
    const cf_thermal *t = &c->thermal;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < p->side[s].nph; i++) {
            const cf_fn *f = &p->side[s].el->phase[i].ocp;
            int dep = 0;
            for (int k = 1; k < 10 && !dep && (f->kind == CF_FN_BUILTIN || f->kind == CF_FN_EXPR); k++)
                dep = cf_fn_eval(f, 0.1 * k, 290.0, NULL) != cf_fn_eval(f, 0.1 * k, 310.0, NULL);
            p->th.ocpT[s][i] = dep;
        }
    /* Electrolyte functions without T (Nyman's, tables) have no T-derivative
     * to take: the Jacobian skips their four evaluations per face. */
    const cf_fn *ef[2] = {&c->electrolyte.diffusivity, &c->electrolyte.conductivity};
    int *efT[2] = {&p->th.DeT, &p->th.kappaT};
    for (int q = 0; q < 2; q++) {
        int dep = 0;
        for (int k = 1; k < 12 && !dep && (ef[q]->kind == CF_FN_BUILTIN || ef[q]->kind == CF_FN_EXPR); k++)
            for (int m = 0; m < 3 && !dep; m++)
                dep = cf_fn_eval(ef[q], 250.0 * k, 260.0 + 40.0 * m, NULL) != cf_fn_eval(ef[q], 250.0 * k, 300.0, NULL);
        *efT[q] = dep;
    }
    if (p->iT < 0 && !p->th.x) return CF_OK;
    if (!t->present)
        return cf_error_set(err, CF_EINVAL, "thermal",
                            "cell '%s' has no thermal data (densities, heat capacities, heat transfer): "
                            "--thermal lumped needs them (docs/thermal.md); allowed for it: isothermal",
                            c->name);
    if (c->neg.planar || c->reservoir.present || c->neg.plating)
        return cf_error_set(err, CF_EINVAL, "thermal",
                            "the lumped thermal model takes porous electrodes only (no lithium metal, plating or "
                            "reservoir); allowed for this cell: isothermal");
    double L[CF_N_LAYERS] = {t->cc_thickness_m[0], c->neg.thickness_m, c->sep.thickness_m, c->pos.thickness_m,
                             t->cc_thickness_m[1]};
    double sL = 0, rc = 0;
    for (int l = 0; l < CF_N_LAYERS; l++) {
        sL += L[l];
        rc += t->density_kg_m3[l] * t->heat_capacity_J_kg_K[l] * L[l];
    }
    p->th.C = rc / sL * t->volume_m3;
    p->th.hA = t->h_W_m2_K * t->cooling_area_m2;
    p->th.T_amb = t->T_ambient_K > 0 ? t->T_ambient_K : c->T_K;
    p->th.r_cc = t->cc_thickness_m[0] / t->cc_conductivity_S_m[0] + t->cc_thickness_m[1] / t->cc_conductivity_S_m[1];
    size_t nw = (size_t)(p->nx > 0 ? p->nx : 1) * CF_MAX_PHASES;
    int nr = p->opt.nr_neg > p->opt.nr_pos ? p->opt.nr_neg : p->opt.nr_pos;
    double **arrs[] = {&p->th.w_dj_dT, &p->th.w_U, &p->th.w_dU, &p->th.w_S, &p->th.w_dS, &p->th.w_UT};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++)
        if (!(*arrs[i] = calloc(nw, sizeof(double)))) return cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
    p->th.w_rows = calloc((size_t)6 * nr, sizeof(double));
    p->th.w_F = calloc((size_t)p->n, sizeof(double));
    p->th.w_yp = calloc((size_t)p->n, sizeof(double));
    if (!p->th.w_rows || !p->th.w_F || !p->th.w_yp) return cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
    return CF_OK;
}

void cf_thermal_segment(cf_plan *p, double ambient_K)
{
    const cf_cell *c = p->cell;
    if (p->iT >= 0 || p->th.x) {
        p->th.T_amb = ambient_K > 0 ? ambient_K : c->thermal.T_ambient_K > 0 ? c->thermal.T_ambient_K : c->T_K;
        return;
    }
    /* isothermal: the cell is at the ambient (as PyBaMM's isothermal model) */
    double T = ambient_K > 0 ? ambient_K : c->T_K;
    if (T != p->T) cf_thermal_set_T(p, T);
}

void cf_thermal_free(cf_plan *p)
{
    double *a[] = {p->th.w_dj_dT, p->th.w_U, p->th.w_dU, p->th.w_S, p->th.w_dS, p->th.w_UT, p->th.w_rows, p->th.w_F,
                   p->th.w_yp};
    for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) free(a[i]);
    cf_thermal_x_free(p);
    memset(&p->th, 0, sizeof p->th);
}

void cf_thermal_set_T(cf_plan *p, double T)
{
    const cf_cell *c = p->cell;
    p->T = T;
    p->th.x_side = -1; /* both sides' factors at T */
    p->f = CF_FARADAY / (R_GAS * T);
    double inv = 1.0 / c->T_ref - 1.0 / T, dinv = 1.0 / (T * T);
    for (int s = 0; s < 2; s++) {
        cf_side *sd = &p->side[s];
        for (int i = 0; i < sd->nph; i++) {
            const cf_phase *ph = &sd->el->phase[i];
            sd->arr_j0[i] = exp(ph->j0_Ea_J_mol / R_GAS * inv);
            sd->Darr[i] = exp(ph->diffusivity_Ea_J_mol / R_GAS * inv);
            sd->Dvar[i] = ph->diffusivity_fn.kind != CF_FN_CONSTANT || cf_lam_stress_diffusion(p, s) > 0;
            sd->Ds[i] = ph->diffusivity_m2_s * sd->Darr[i];
            p->th.dlnj0[s][i] = ph->j0_Ea_J_mol / R_GAS * dinv;
            p->th.dlnD[s][i] = ph->diffusivity_Ea_J_mol / R_GAS * dinv;
        }
    }
    cf_ageing_set_temperature(p); /* SEI and plating rates at this temperature */
}

double cf_thermal_fn_dT(const cf_fn *f, double x, double T)
{
    if (f->kind == CF_FN_CONSTANT || f->kind == CF_FN_TABLE) return 0.0;
    const double h = 0.05;
    double a = cf_fn_eval(f, x, T - 2 * h, NULL), b = cf_fn_eval(f, x, T - h, NULL);
    double d = cf_fn_eval(f, x, T + h, NULL), e = cf_fn_eval(f, x, T + 2 * h, NULL);
    return (a - 8.0 * b + 8.0 * d - e) / (12.0 * h);
}

static int has_entropic(const cf_phase *ph) { return !(ph->entropic.kind == CF_FN_CONSTANT && ph->entropic.value == 0); }

/* 1 when phase ph's OCP function depends on T itself (a BPX OCP carries its
 * entropic term inside: U0(x) + (T - T_ref) dU/dT(x)). */
static int ocp_has_T(const cf_plan *p, const cf_phase *ph)
{
    for (int s = 0; s < 2; s++) {
        const cf_electrode *e = p->side[s].el;
        if (ph >= e->phase && ph < e->phase + CF_MAX_PHASES) return p->th.ocpT[s][ph - e->phase];
    }
    return 0;
}

double cf_thermal_ocp(const cf_plan *p, const cf_phase *ph, double cs, double *dU_dcs, double *S_out, double *dS_dcs,
                      double *dU_dT)
{
    double T = p->T;
    double U = cf_phase_ocp(ph, cs, T, dU_dcs);
    double S = 0.0, dS = 0.0;
    double sto = cs / ph->c_max;
    int in = sto > 0 && sto < 1;
    if (has_entropic(ph)) {
        double sc = in ? sto : (sto <= 0 ? 0.0 : 1.0);
        S = cf_fn_eval(&ph->entropic, sc, T, &dS);
        dS = in ? dS / ph->c_max : 0.0;
        U += (T - p->cell->T_ref) * S;
        if (dU_dcs) *dU_dcs += (T - p->cell->T_ref) * dS;
    }
    if ((S_out || dS_dcs || dU_dT) && ocp_has_T(p, ph)) {
        /* the OCP function's own dU/dT and its slope in c_s: fourth-order
         * central differences in T (exact for an OCP linear in T, as BPX's) */
        const double h = 0.05, w[4] = {1.0, -8.0, 8.0, -1.0}, off[4] = {-2 * h, -h, h, 2 * h};
        double sc = fmin(fmax(sto, 1e-10), 1.0 - 1e-10), g = 0.0, gx = 0.0;
        for (int q = 0; q < 4; q++) {
            double dx;
            g += w[q] * cf_fn_eval(&ph->ocp, sc, T + off[q], &dx);
            gx += w[q] * dx;
        }
        S += g / (12.0 * h);
        if (in) dS += gx / (12.0 * h) / ph->c_max;
    }
    if (dS_dcs) *dS_dcs = dS;
    if (S_out) *S_out = S;
    if (dU_dT) *dU_dT = S;
    return U;
}

/* The phase's dU/dT at surface concentration cs (entropic data and the OCP's own). */
static double entropic(const cf_plan *p, const cf_phase *ph, double cs)
{
    double S;
    cf_thermal_ocp(p, ph, cs, NULL, &S, NULL, NULL);
    return S;
}

void cf_thermal_particle_dT(cf_plan *p, const cf_side *sd, int i, const double *cs, int o, int tc, cf_asm *J)
{
    const cf_particle_mesh *m = &sd->pm[i];
    int s = (int)(sd - p->side), nr = m->nr;
    if (!m->spectral && !sd->Dvar[i]) {
        /* F_r = c_r' + (N_r - N_{r-1}) / vol_r with N linear in D = D_ref Arr(T) */
        double g = p->th.dlnD[s][i], N_in = 0.0;
        /* through the cell, D without an activation energy: no column (its
         * zeros would couple every shell to the cell's temperature, which
         * the LU's particle peeling cannot take) */
        if (p->th.x && sd->el->phase[i].diffusivity_Ea_J_mol == 0) return;
        for (int r = 0; r < nr; r++) {
            double N_out = r < nr - 1 ? -sd->Ds[i] * (cs[r + 1] - cs[r]) / m->dr * m->area[r + 1] : 0.0;
            cf_asm_add(J, o + r, tc, g * (N_out - N_in) * m->inv_vol[r]);
            N_in = N_out;
        }
        return;
    }
    /* the diffusion part of the rows (no storage, no surface flux) at T +- h,
     * T +- 2h: a fourth-order central difference (error ~1e-12 relative for
     * Arrhenius factors; D(sto, T) may carry its own T dependence) */
    double *zero = p->th.w_rows, *R = p->th.w_rows + nr;
    memset(zero, 0, (size_t)nr * sizeof(double));
    const double T0 = p->T, h = 0.05, off[4] = {-2 * h, -h, h, 2 * h};
    for (int q = 0; q < 4; q++) {
        cf_thermal_set_T(p, T0 + off[q]);
        if (m->spectral) cf_particle_rows_spectral(p, sd, i, cs, zero, 0.0, R + q * nr);
        else cf_particle_rows_var(p, sd, i, cs, zero, 0.0, R + q * nr);
    }
    cf_thermal_set_T(p, T0);
    for (int r = 0; r < nr; r++)
        cf_asm_add(J, o + r, tc, (R[r] - 8.0 * R[nr + r] + 8.0 * R[2 * nr + r] - R[3 * nr + r]) / (12.0 * h));
}

/* ---- the temperature row ---- */

static int dfn_ice(const cf_plan *p, int k)
{
    return p->dom[k] == DOM_SEP ? p->off[k] : p->off[k] + p->side[SIDE_OF_DOM(p->dom[k])].ncs;
}

/* The active share f (loss of active material) of DFN cell k, or of side s
 * in the SPM/SPMe (k ignored); 1 without the mechanism. */
static double lam_f(const cf_plan *p, int s, int k, const double *y)
{
    if (!cf_lam_on(p, s)) return 1.0;
    return p->opt.kind == CF_MODEL_DFN ? y[cf_lam_index(p, k)] : y[p->ageing->i_f[s]];
}
/* f's unknown in the same places (-1 without it) */
static int lam_f_index(const cf_plan *p, int s, int k)
{
    if (!cf_lam_on(p, s)) return -1;
    return p->opt.kind == CF_MODEL_DFN ? cf_lam_index(p, k) : p->ageing->i_f[s];
}

/* SPM/SPMe: the current density on phase i's surface (spm.c's phase_current
 * without its 1/f: for one material a j L is I/A whatever f; a blend's
 * phases take their own unknown and the reactions on the surface a_i f) */
static double spm_phase_j(const cf_plan *p, int s, int i, const double *y)
{
    const cf_side *sd = &p->side[s];
    if (sd->nph > 1) return y[sd->i_j[i]];
    return (s == 0 ? 1.0 : -1.0) * y[p->iI] / (p->cell->area_m2 * sd->a[0] * sd->el->thickness_m);
}

/* as the kinetics saw it in the residual or Jacobian just evaluated at y
 * (whose time the step-start corrections were prepared for) */
static double spm_surface(const cf_plan *p, int s, int i, const double *y, double *wl, double *wp)
{
    return cf_spm_surface(p, s, i, y, p->start.cache_ok ? p->start.cache_t : p->t, wl, wp);
}

/* sum over the electrodes of a_i j_i (U_i - T dU_i/dT) dx (W/m2 per V... A/m2 x V). */
static double stored_power_density(const cf_plan *p, const double *y)
{
    double sum = 0.0, T = p->T;
    if (p->opt.kind == CF_MODEL_DFN) {
        for (int k = 0; k < p->nx; k++) {
            if (p->dom[k] == DOM_SEP) continue;
            const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
            double f = lam_f(p, SIDE_OF_DOM(p->dom[k]), k, y);
            for (int i = 0; i < sd->nph; i++)
                sum += p->dx[k] * sd->a[i] * f * p->w_j[W(k, i)] * (p->th.w_U[W(k, i)] - T * p->th.w_S[W(k, i)]);
        }
        return sum;
    }
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        double f = sd->nph > 1 ? lam_f(p, s, 0, y) : 1.0;
        for (int i = 0; i < sd->nph; i++) {
            double wl, wp, cs = spm_surface(p, s, i, y, &wl, &wp);
            double U = cf_thermal_ocp(p, &sd->el->phase[i], cs, NULL, NULL, NULL, NULL);
            sum += sd->el->thickness_m * sd->a[i] * f * spm_phase_j(p, s, i, y) * (U - T * entropic(p, &sd->el->phase[i], cs));
        }
    }
    return sum;
}

static double total_heat(const cf_plan *p, const double *y)
{
    double I = y[p->iI], V = y[p->iV], A = p->cell->area_m2;
    return -I * V - A * stored_power_density(p, y) + I * I * p->th.r_cc / A;
}

int cf_thermal_residual(cf_plan *p, const double *y, const double *yp, double *F)
{
    double T = y[p->iT];
    F[p->iT] = p->th.C * yp[p->iT] - total_heat(p, y) + p->th.hA * (T - p->th.T_amb);
    return 0;
}

void cf_thermal_jacobian(cf_plan *p, const double *y, double cj, cf_asm *J)
{
    const int row = p->iT;
    double I = y[p->iI], V = y[p->iV], A = p->cell->area_m2, T = p->T;
    double dT = cj * p->th.C + p->th.hA;
    cf_asm_add(J, row, p->iI, V - 2.0 * I * p->th.r_cc / A);
    cf_asm_add(J, row, p->iV, I);
    if (p->opt.kind == CF_MODEL_DFN) {
        for (int k = 0; k < p->nx; k++) {
            if (p->dom[k] == DOM_SEP) continue;
            const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
            int ice = dfn_ice(p, k), jf = lam_f_index(p, SIDE_OF_DOM(p->dom[k]), k);
            double f = lam_f(p, SIDE_OF_DOM(p->dom[k]), k, y);
            for (int i = 0; i < sd->nph; i++) {
                int w = W(k, i), o = p->off[k] + sd->ph_off[i], nr = sd->pm[i].nr;
                double g = A * p->dx[k] * sd->a[i] * f, j = p->w_j[w];
                double e = p->th.w_U[w] - T * p->th.w_S[w]; /* the enthalpy potential */
                double wl, wp;
                cf_particle_surface_weights(&sd->pm[i], &wl, &wp);
                double dcs = g * (e * p->w_dj_dcs[w] + j * (p->th.w_dU[w] - T * p->th.w_dS[w]));
                cf_asm_add(J, row, o + nr - 2, dcs * wp);
                cf_asm_add(J, row, o + nr - 1, dcs * wl);
                cf_asm_add(J, row, ice, g * e * p->w_dj_dce[w]);
                cf_asm_add(J, row, ice + 1, -g * e * p->w_dj_deta[w]);
                cf_asm_add(J, row, ice + 2, g * e * p->w_dj_deta[w]);
                /* through the SEI film (its lithium sits after the cell's c_e, phi_e,
                 * phi_s and host-plated lithium: dfn.c's idx_sei) */
                if (p->dom[k] == DOM_NEG && cf_sei_on(p) && p->ageing->prm.resistivity_ohm_m > 0)
                    cf_asm_add(J, row, ice + 3 + p->plating, g * e * p->ageing->dji_dn[w]);
                dT += g * (e * p->th.w_dj_dT[w] + j * (p->th.w_UT[w] - p->th.w_S[w]));
                if (jf >= 0) cf_asm_add(J, row, jf, A * p->dx[k] * sd->a[i] * j * e); /* through f */
            }
        }
    } else {
        for (int s = 0; s < 2; s++) {
            const cf_side *sd = &p->side[s];
            double L = sd->el->thickness_m, f = sd->nph > 1 ? lam_f(p, s, 0, y) : 1.0;
            int jf = sd->nph > 1 ? lam_f_index(p, s, 0) : -1;
            for (int i = 0; i < sd->nph; i++) {
                const cf_phase *ph = &sd->el->phase[i];
                double wl, wp, cs = spm_surface(p, s, i, y, &wl, &wp), dU, UT, dS, S;
                double U = cf_thermal_ocp(p, ph, cs, &dU, &S, &dS, &UT);
                double j = spm_phase_j(p, s, i, y), g = A * L * sd->a[i] * f, e = U - T * S;
                if (jf >= 0) cf_asm_add(J, row, jf, A * L * sd->a[i] * j * e); /* through f */
                int last = sd->off_cs[i] + sd->pm[i].nr - 1;
                double dcs = g * j * (dU - T * dS);
                cf_asm_add(J, row, last, dcs * wl);
                cf_asm_add(J, row, last - 1, dcs * wp);
                if (sd->nph > 1) cf_asm_add(J, row, sd->i_j[i], g * e);
                else cf_asm_add(J, row, p->iI, (s == 0 ? 1.0 : -1.0) * e);
                dT += g * j * (UT - S);
            }
        }
    }
    cf_asm_add(J, row, row, dT);
}

void cf_thermal_heat(cf_plan *p, double t, const double *y, cf_heat *h)
{
    memset(h, 0, sizeof *h);
    h->T_K = p->iT >= 0 ? y[p->iT] : p->T;
    h->T_max_K = h->T_K;
    for (int l = 0; l < CF_N_LAYERS; l++) h->T_layer_K[l] = h->T_K;
    if (p->th.x) {
        if (p->opt.heat_sources) cf_dfn_fluxes(p, t, y);
        cf_thermal_x_heat(p, y, h);
        if (p->opt.heat_sources) {
            /* the total as the lumped model's: the electrical power less the
             * stored (the sum of the sources equals it as far as the charge
             * balances are solved: the test suite compares the two) */
            double I = y[p->iI], st = 0.0;
            for (int k = 0; k < p->nx; k++) {
                if (p->dom[k] == DOM_SEP) continue;
                const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
                double Tk = y[p->th.tx[k]];
                for (int i = 0; i < sd->nph; i++)
                    st += p->dx[k] * sd->a[i] * p->w_j[W(k, i)] * (p->th.w_U[W(k, i)] - Tk * p->th.w_S[W(k, i)]);
            }
            h->total = -I * y[p->iV] - p->cell->area_m2 * st + I * I * p->th.r_cc / p->cell->area_m2;
        }
        return;
    }
    if (p->iT < 0) return;
    h->cooling = p->th.hA * (h->T_K - p->th.T_amb);
    if (!p->opt.heat_sources) { /* not asked for: the temperature alone */
        h->ohm_solid = h->ohm_electrolyte = h->reaction = h->reversible = h->collector = h->total = NAN;
        return;
    }
    /* the kinetics and the fluxes at y (the DFN's without its rows; the
     * SPM's and SPMe's from a residual evaluation) */
    if (p->opt.kind == CF_MODEL_DFN) {
        cf_dfn_fluxes(p, t, y);
    } else {
        memset(p->th.w_yp, 0, (size_t)p->n * sizeof(double));
        cf_plan_residual(p, t, y, p->th.w_yp, p->th.w_F);
    }
    const cf_cell *c = p->cell;
    double I = y[p->iI], V = y[p->iV], A = c->area_m2, T = p->T;
    double Rc = c->contact_resistance_ohm;
    h->collector = I * I * (p->th.r_cc / A + Rc); /* collectors and contacts */
    h->total = total_heat(p, y);
    h->cooling = p->th.hA * (h->T_K - p->th.T_amb);
    if (p->opt.kind == CF_MODEL_DFN) {
        double rxn = 0, rev = 0, ohs = 0, ohe = 0;
        for (int k = 0; k < p->nx; k++) {
            if (p->dom[k] == DOM_SEP) continue;
            const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
            int ice = dfn_ice(p, k);
            double phie = y[ice + 1], phis = y[ice + 2], f = lam_f(p, SIDE_OF_DOM(p->dom[k]), k, y);
            for (int i = 0; i < sd->nph; i++) {
                int w = W(k, i);
                double aj = sd->a[i] * f * p->w_j[w] * p->dx[k];
                rxn += aj * (phis - phie - p->th.w_U[w]);
                rev += aj * T * p->th.w_S[w];
            }
            /* the solid current through the cell's left face times the potential drop across it */
            double left = k == sd->first ? (p->dom[k] == DOM_NEG ? 0.0 : phis) : y[dfn_ice(p, k - 1) + 2];
            ohs += cf_dfn_solid_face(p, y, k) * (left - phis);
            if (k == sd->last && p->dom[k] == DOM_POS) ohs += I / A * (phis - (V + I * Rc)); /* to the face */
        }
        for (int e = 1; e < p->nx; e++) ohe += p->w_ie[e] * (y[dfn_ice(p, e - 1) + 1] - y[dfn_ice(p, e) + 1]);
        h->reaction = A * rxn;
        h->reversible = A * rev;
        h->ohm_solid = A * ohs;
        h->ohm_electrolyte = A * ohe;
        return;
    }
    double rxn = 0, rev = 0;
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        double f = sd->nph > 1 ? lam_f(p, s, 0, y) : 1.0;
        for (int i = 0; i < sd->nph; i++) {
            const cf_phase *ph = &sd->el->phase[i];
            double wl, wp, cs = spm_surface(p, s, i, y, &wl, &wp);
            double U = cf_thermal_ocp(p, ph, cs, NULL, NULL, NULL, NULL);
            double aj = A * sd->el->thickness_m * sd->a[i] * f * spm_phase_j(p, s, i, y);
            rxn += aj * (y[sd->i_dphi] - U);
            rev += aj * T * entropic(p, ph, cs);
        }
    }
    h->reaction = rxn;
    h->reversible = rev;
    if (p->opt.kind == CF_MODEL_SPME)
        h->ohm_solid = I * I / A *
                       (c->neg.thickness_m / (3.0 * p->side[0].sigma_eff) + c->pos.thickness_m / (3.0 * p->side[1].sigma_eff));
    /* the SPMe's electrolyte (ohmic and concentration) heat: the rest */
    h->ohm_electrolyte = h->total - h->collector - h->reaction - h->reversible - h->ohm_solid;
}
