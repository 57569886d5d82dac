/* dfn.c — the Doyle–Fuller–Newman (P2D) model: residual and analytic Jacobian.
 *
 * Finite volumes in x (negative | separator | positive) and in r (spherical
 * particles, one per active phase and electrode cell; blended electrodes
 * have several phases sharing phi_s and phi_e).  Equations (SI, isothermal):
 *   particles   dc_s/dt = 1/r^2 d/dr(r^2 D_s dc_s/dr),  -D_s dc_s/dr|_R = j_i/F
 *   electrolyte eps dc_e/dt = d/dx(eps^b D_e dc_e/dx) + (1-t+) sum_i a_i j_i / F
 *   charge      d i_e/dx = sum_i a_i j_i,   i_e = -eps^b kappa (dphi_e/dx - 2RT/F (1-t+) chi dln c_e/dx)
 *               d i_s/dx = -sum_i a_i j_i,  i_s = -sigma_eff dphi_s/dx
 *   kinetics    j_i = j0_i [exp(alpha f eta_i) - exp(-(1-alpha) f eta_i)],  eta_i = phi_s - phi_e - U_i
 * Boundary conditions: no flux of Li+ or ionic current at the collectors;
 * phi_s = 0 at x = 0; i_s = I/A at x = L.  V = phi_s at x = L by linear
 * extrapolation of the last two cells (as PyBaMM's boundary value). */
#include <math.h>

#include "model/ageing.h"
#include "model/li_metal.h"
#include "model/plan_internal.h"

#define FARADAY CF_FARADAY
#define W(k, i) ((k) * CF_MAX_PHASES + (i))

static inline int is_electrode(const cf_plan *p, int k) { return p->dom[k] != DOM_SEP; }
static inline const cf_side *side_at(const cf_plan *p, int k) { return &p->side[SIDE_OF_DOM(p->dom[k])]; }

/* Unknown indices inside x cell k. */
static inline int idx_ce(const cf_plan *p, int k)
{
    return is_electrode(p, k) ? p->off[k] + side_at(p, k)->ncs : p->off[k];
}
static inline int idx_phie(const cf_plan *p, int k) { return idx_ce(p, k) + 1; }
static inline int idx_phis(const cf_plan *p, int k) { return idx_ce(p, k) + 2; }
/* plated lithium of a negative cell (when plating is modelled) */
static inline int has_plating(const cf_plan *p, int k) { return p->plating && p->dom[k] == DOM_NEG; }
static inline int idx_plated(const cf_plan *p, int k) { return idx_ce(p, k) + 3; }
/* SEI lithium of a negative cell (when SEI growth is modelled; ageing.h) */
static inline int has_sei(const cf_plan *p, int k) { return cf_sei_on(p) && p->dom[k] == DOM_NEG; }
static inline int idx_sei(const cf_plan *p, int k) { return idx_ce(p, k) + 3 + p->plating; }
/* O'Kane plated lithium of a negative cell, its dead lithium next (ageing.h) */
static inline int has_opl(const cf_plan *p, int k) { return cf_okane_plating_on(p) && p->dom[k] == DOM_NEG; }
static inline int idx_opl(const cf_plan *p, int k) { return idx_ce(p, k) + 3 + p->plating + cf_sei_on(p); }

/* Active share f of electrode cell k (loss of active material; 1 without):
 * it scales the particles' surface per volume, so every reaction on it. */
static inline int has_lam(const cf_plan *p, int k) { return is_electrode(p, k) && cf_lam_on(p, SIDE_OF_DOM(p->dom[k])); }
static inline double lam_share(const cf_plan *p, int k, const double *y) { return has_lam(p, k) ? y[cf_lam_index(p, k)] : 1.0; }

/* Particle cracking of electrode cell k: its crack length's unknown, the
 * crack SEI's lithium next on the negative (ageing_crack.c). */
static inline int has_crack(const cf_plan *p, int k) { return is_electrode(p, k) && cf_crack_on(p, SIDE_OF_DOM(p->dom[k])); }
static inline int has_crack_sei(const cf_plan *p, int k) { return cf_crack_sei_on(p) && p->dom[k] == DOM_NEG; }

/* A starting point for the consistent initialisation when the current is
 * known: each electrode cell's solid potential set so that its first phase
 * carries the electrode's mean reaction current, eta = (2/f) asinh(j / 2 j0)
 * (symmetric kinetics), over the electrolyte potential it has.  From rest to
 * a 1C load this replaces the several Newton iterations that Butler-Volmer's
 * exponential otherwise takes to walk back from the linearised overpotential.
 * Cells outside the physical range are left as they are. */
void cf_dfn_guess_potentials(cf_plan *p, double *y, double I)
{
    const cf_cell *c = p->cell;
    double ref = p->n_neg > 0 ? y[idx_phis(p, 0)] : 0.0;
    for (int k = 0; k < p->nx; k++) {
        if (!is_electrode(p, k)) continue;
        const cf_side *sd = side_at(p, k);
        double a = 0.0;
        for (int i = 0; i < sd->nph; i++) a += sd->a[i];
        const cf_phase *ph = &sd->el->phase[0];
        int ice = idx_ce(p, k);
        double cs = cf_particle_surface(&sd->pm[0], y + p->off[k] + sd->ph_off[0]) +
                    cf_step_start_correction(p, k, SIDE_OF_DOM(p->dom[k]), 0, p->t),
               ce = y[ice];
        if (!(cs > 0 && cs < ph->c_max && ce > 0 && a > 0)) continue;
        /* discharge (I > 0) oxidises the negative (j > 0) and reduces the positive */
        double j = (p->dom[k] == DOM_NEG ? I : -I) / (c->area_m2 * sd->el->thickness_m * a);
        double j0 = cf_j0(p, ph, sd->arr_j0[0], ce, cs, NULL, NULL);
        double U = cf_phase_ocp(ph, cs, p->T, NULL);
        double eta = 2.0 / p->f * asinh(j / (2.0 * j0));
        if (isfinite(eta) && isfinite(U)) y[ice + 2] = y[ice + 1] + U + eta;
    }
    /* The negative collector is the potential reference (phi_s = 0 there):
     * shift every potential so that the first negative cell keeps its value. */
    if (p->n_neg > 0) {
        double d = ref - y[idx_phis(p, 0)];
        for (int k = 0; k < p->nx; k++) {
            y[idx_phie(p, k)] += d;
            if (is_electrode(p, k)) y[idx_phis(p, k)] += d;
        }
    }
}

/* Plating current of negative cell k into the w_pl arrays. */
static void plating_kinetics(cf_plan *p, int k, const double *y)
{
    int ice = idx_ce(p, k);
    p->w_pl[k] = cf_li_plating(p, y[ice], y[ice + 2] - y[ice + 1], y[ice + 3], &p->w_pl_dce[k], &p->w_pl_deta[k],
                               &p->w_pl_dn[k]);
}

/* Kinetics of phase i in electrode cell k: fills w_j and, with derivs, the
 * w_dj_ arrays (only the Jacobian reads them: it recomputes the kinetics). */
static void phase_kinetics(cf_plan *p, double t, int k, int i, const double *y, int derivs)
{
    const cf_side *sd = side_at(p, k);
    const cf_phase *ph = &sd->el->phase[i];
    /* the surface node plus the short-time layer of recent current steps
     * (spectral particles; a function of t only, so no Jacobian term) */
    double cs = cf_particle_surface(&sd->pm[i], y + p->off[k] + sd->ph_off[i]) +
                cf_step_start_correction(p, k, SIDE_OF_DOM(p->dom[k]), i, t);
    int ice = idx_ce(p, k);
    double ce = y[ice];
    const int thermal = cf_thermal_on(p);
    /* No state is rejected here: the regularised j0 and the clipped OCP keep
     * every term finite, so the Newton iteration can pass through states just
     * beyond a limit on its way to a solution at it (docs/models.md, "Limits"). */
    double dU, UT = 0.0, dS = 0.0, S = 0.0;
    double U = thermal || ph->entropic.kind != CF_FN_CONSTANT || ph->entropic.value != 0
                   ? cf_thermal_ocp(p, ph, cs, derivs ? &dU : NULL, &S, &dS, derivs ? &UT : NULL)
                   : cf_side_ocp(p, SIDE_OF_DOM(p->dom[k]), i, cs, derivs ? &dU : NULL);
    if (thermal) { /* the heat row reads the OCP the kinetics used */
        p->th.w_U[W(k, i)] = U;
        p->th.w_S[W(k, i)] = S;
    }
    if (has_sei(p, k) && p->ageing->prm.resistivity_ohm_m > 0) {
        /* in series with the SEI film's resistance (ageing_sei.c) */
        double n = y[idx_sei(p, k)], r = cf_sei_film(p, n), eta0 = y[ice + 2] - y[ice + 1] - U;
        if (!derivs) {
            p->w_j[W(k, i)] = cf_bv_film(cf_j0(p, ph, sd->arr_j0[i], ce, cs, NULL, NULL), eta0, ph->alpha, p->f, r,
                                         NULL, NULL, NULL);
            return;
        }
        double dj0_dce, dj0_dcs, dj_deta, dj_dj0, dj_dr;
        double j0 = cf_j0(p, ph, sd->arr_j0[i], ce, cs, &dj0_dce, &dj0_dcs);
        double j = cf_bv_film(j0, eta0, ph->alpha, p->f, r, &dj_deta, &dj_dj0, &dj_dr);
        p->w_j[W(k, i)] = j;
        p->w_dj_deta[W(k, i)] = dj_deta;
        p->w_dj_dce[W(k, i)] = dj_dj0 * dj0_dce;
        p->w_dj_dcs[W(k, i)] = dj_dj0 * dj0_dcs - dj_deta * dU;
        p->ageing->dji_dn[W(k, i)] =
            r > 0 ? dj_dr * p->ageing->prm.resistivity_ohm_m * p->ageing->L_per_n : 0.0;
        if (thermal) { /* as below, with the film's current and derivatives */
            int w = W(k, i);
            double eta = eta0 - r * j;
            p->th.w_dj_dT[w] = dj_dj0 * j0 * p->th.dlnj0[SIDE_OF_DOM(p->dom[k])][i] - dj_deta * (eta / p->T + UT);
            p->th.w_dU[w] = dU;
            p->th.w_UT[w] = UT;
            p->th.w_dS[w] = dS;
        }
        return;
    }
    if (!derivs) { /* the same value without the derivative work */
        double eta = y[ice + 2] - y[ice + 1] - U;
        p->w_j[W(k, i)] =
            cf_bv_current(cf_j0(p, ph, sd->arr_j0[i], ce, cs, NULL, NULL), eta, ph->alpha, p->f, NULL);
        return;
    }
    double dj0_dce, dj0_dcs;
    double j0 = cf_j0(p, ph, sd->arr_j0[i], ce, cs, &dj0_dce, &dj0_dcs);
    double eta = y[ice + 2] - y[ice + 1] - U;
    double dj_deta;
    double j = cf_bv_current(j0, eta, ph->alpha, p->f, &dj_deta);
    /* dj/dj0 = j / j0, also where j0 vanishes at a limit */
    double dj_dj0 = j0 != 0 ? j / j0 : cf_bv_current(1.0, eta, ph->alpha, p->f, NULL);
    p->w_j[W(k, i)] = j;
    p->w_dj_deta[W(k, i)] = dj_deta;
    p->w_dj_dce[W(k, i)] = dj_dj0 * dj0_dce;
    p->w_dj_dcs[W(k, i)] = dj_dj0 * dj0_dcs - dj_deta * dU;
    if (thermal) {
        /* T moves j through j0's Arrhenius factor, through f = F/RT at fixed
         * eta (d/dT of exp(a f eta) terms: -dj_deta eta / T) and through U */
        int w = W(k, i);
        p->th.w_dj_dT[w] = dj_dj0 * j0 * p->th.dlnj0[SIDE_OF_DOM(p->dom[k])][i] - dj_deta * (eta / p->T + UT);
        p->th.w_dU[w] = dU;
        p->th.w_UT[w] = UT;
        p->th.w_dS[w] = dS;
    }
}

/* sum_i a_i j_i of electrode cell k (A/m3): the phases' intercalation
 * current on the as-built surface; over the side reactions' area a it is
 * the mean current the SEI and plating laws see. */
static double intercalation(const cf_plan *p, int k)
{
    const cf_side *sd = side_at(p, k);
    double s = 0;
    for (int i = 0; i < sd->nph; i++) s += sd->a[i] * p->w_j[W(k, i)];
    return s;
}

/* SEI current of negative cell k into the ageing arrays (after the phases'
 * kinetics: it sees their mean intercalation current). */
static void sei_kinetics(cf_plan *p, int k, const double *y)
{
    cf_ageing *g = p->ageing;
    double jm = intercalation(p, k) / g->a;
    int ice = idx_ce(p, k);
    g->j[k] = cf_sei_current(p, y[ice + 2] - y[ice + 1], y[idx_sei(p, k)], jm, &g->dj_ddphi[k], &g->dj_dn[k],
                             &g->dj_djm[k], &g->dj_dT[k]);
}

/* O'Kane plating current of negative cell k into the ageing arrays (after
 * the phases' kinetics: behind the SEI film it sees their mean current). */
static void opl_kinetics(cf_plan *p, int k, const double *y)
{
    cf_ageing *g = p->ageing;
    double jm = intercalation(p, k) / g->a;
    int ice = idx_ce(p, k);
    double n = has_sei(p, k) ? y[idx_sei(p, k)] : 0.0;
    g->pj[k] = cf_plating_current(p, y[ice + 2] - y[ice + 1], y[ice], y[idx_opl(p, k)], n, jm, &g->pj_ddphi[k],
                                  &g->pj_dce[k], &g->pj_dc[k], &g->pj_dn[k], &g->pj_djm[k], &g->pj_dT[k]);
}

/* SEI current on the crack walls of negative cell k (after the phases'
 * kinetics: it sees their mean intercalation current, as the SEI). */
static void crack_kinetics(cf_plan *p, int k, const double *y)
{
    const cf_side *sd = side_at(p, k);
    double jm = 0;
    for (int i = 0; i < sd->nph; i++) jm += sd->a[i] * p->w_j[W(k, i)];
    jm /= p->ageing->a;
    int ice = idx_ce(p, k), ic = cf_crack_index(p, k);
    cf_crack_sei_kinetics(p, k, y[ice + 2] - y[ice + 1], y[ic + 1], y[ic], jm);
}

static void add_dsei(cf_plan *p, cf_asm *J, int row, int k, double scale);
static void add_dj(cf_plan *p, cf_asm *J, int row, int k, int i, double scale);

/* sum_i a_i j_i of electrode cell k (A/m3) on the as-built surface: the
 * reactions a loss of active material scales by f. */
static double surface_reaction(const cf_plan *p, int k)
{
    if (!is_electrode(p, k)) return 0.0;
    double s = intercalation(p, k);
    if (has_sei(p, k)) s += p->ageing->a * p->ageing->j[k];
    if (has_opl(p, k)) s += p->ageing->a * p->ageing->pj[k];
    if (has_crack_sei(p, k)) s += p->ageing->jcv[k];
    return s;
}

/* All of cell k's reaction current per volume (A/m3). */
static double reaction(const cf_plan *p, int k, const double *y)
{
    if (!is_electrode(p, k)) return 0.0;
    double s = lam_share(p, k, y) * surface_reaction(p, k);
    if (has_plating(p, k)) s += p->a_plating * p->w_pl[k];
    return s;
}

/* Loss of active material in cell k: F_f = f' - rate, F_m = m' + S rate,
 * rate = the local terms (ageing_lam.c) + the reaction-driven share of the
 * SEI current a f j_sei; with J, the Jacobian of both rows instead. */
static void lam_rows(cf_plan *p, int k, const double *y, const double *yp, double *F, double cj, cf_asm *J)
{
    const cf_side *sd = side_at(p, k);
    int s = SIDE_OF_DOM(p->dom[k]), il = cf_lam_index(p, k);
    int off[CF_MAX_PHASES];
    for (int i = 0; i < sd->nph; i++) off[i] = p->off[k] + sd->ph_off[i];
    double f = y[il], cr = cf_lam_reaction_coeff(p, s), a = has_sei(p, k) ? p->ageing->a : 0.0;
    double jsei = has_sei(p, k) ? p->ageing->j[k] : 0.0;
    /* volume-driven: from the phases' intercalation currents */
    double jv[CF_MAX_PHASES], dv[CF_MAX_PHASES], dv_df;
    for (int i = 0; i < sd->nph; i++) jv[i] = p->w_j[W(k, i)];
    double rv = cf_lam_volume_rate(p, s, f, jv, dv, &dv_df);
    double rate = cf_lam_local_rate(p, s, y, off, il, NULL, 0, 0.0) + cr * a * f * jsei + rv;
    double S = cf_lam_lithium(p, s, y, off, NULL, 0, 0.0);
    if (!J) {
        F[il] = yp[il] - rate;
        F[il + 1] = yp[il + 1] + S * rate;
        return;
    }
    cf_asm_add(J, il, il, cj);
    cf_asm_add(J, il + 1, il + 1, cj);
    for (int r = 0; r < 2; r++) { /* d rate, times -1 in f's row and S in m's */
        int row = il + r;
        double sc = r == 0 ? -1.0 : S;
        cf_lam_local_rate(p, s, y, off, il, J, row, sc);
        if (has_sei(p, k)) {
            cf_asm_add(J, row, il, sc * cr * a * jsei);
            add_dsei(p, J, row, k, sc * cr * a * f);
        }
        if (p->ageing->lam[s] & CF_LAM_VOLUME) {
            cf_asm_add(J, row, il, sc * dv_df);
            for (int i = 0; i < sd->nph; i++) add_dj(p, J, row, k, i, sc * dv[i]);
            if (p->iT >= 0) cf_asm_add(J, row, p->iT, sc * rv * p->ageing->lam_dlnarr[s]);
        }
    }
    cf_lam_lithium(p, s, y, off, J, il + 1, rate); /* m's row: rate dS */
}

/* Adds the derivatives of `scale * j_plating,k` to row `row`. */
static void add_dpl(cf_plan *p, cf_asm *J, int row, int k, double scale)
{
    int ice = idx_ce(p, k);
    cf_asm_add(J, row, ice, scale * p->w_pl_dce[k]);
    cf_asm_add(J, row, ice + 1, -scale * p->w_pl_deta[k]);
    cf_asm_add(J, row, ice + 2, scale * p->w_pl_deta[k]);
    cf_asm_add(J, row, ice + 3, scale * p->w_pl_dn[k]);
}

/* d(lambda eps)/dt of cell k = g sum_i 3 w_i j_i / (F R_i c_max,i): the
 * particles gain -dS/dt = sum_i 3 w_i j_i / (F R_i c_max,i) and the electrolyte
 * volume per as-built volume, lambda - S, changes by g = 1 - sigma/S_0 times
 * that (porosity.c; g = 1 for a held thickness: the pores lose what the
 * particles gain). */
static double rate_coefficient(const cf_plan *p, const cf_side *sd, int i)
{
    const cf_phase *ph = &sd->el->phase[i];
    return 3.0 * sd->exp_w[i] / (FARADAY * ph->particle_radius_m * ph->c_max) *
           cf_porosity_dstore(p, (int)(sd - p->side));
}

static int expanding_cell(const cf_plan *p, int k) { return is_electrode(p, k) && side_at(p, k)->expanding; }
/* cell k's thickness follows its particles (lambda varies) */
static int swelling_cell(const cf_plan *p, int k) { return expanding_cell(p, k) && side_at(p, k)->swell > 0; }

/* Solid current (A/m2) through the left face of electrode cell k, and its
 * derivatives in phi_s of k, of k-1 and in lambda of k-1 and k (porosity.c:
 * the two half-cells of as-built width dx stretched by lambda, in series). */
static double solid_left(const cf_plan *p, const double *y, int k, double *d_self, double *d_prev, double *dl_prev,
                         double *dl_self)
{
    const cf_side *sd = side_at(p, k);
    double sigma = sd->sigma_eff, dx = p->dx[k], phi = y[idx_phis(p, k)];
    *d_prev = *dl_prev = *dl_self = 0.0;
    if (k == sd->first) {
        if (p->dom[k] != DOM_NEG) {
            *d_self = 0.0;
            return 0.0;
        }
        /* phi_s = 0 at the collector, half a cell away */
        if (!swelling_cell(p, k)) {
            *d_self = -sigma / (0.5 * dx);
            return -sigma * phi / (0.5 * dx);
        }
        double lam = p->lam[k], i_s = -sigma * phi / (0.5 * dx * lam);
        *d_self = -sigma / (0.5 * dx * lam);
        *dl_self = -i_s / lam;
        return i_s;
    }
    double dphi = phi - y[idx_phis(p, k - 1)];
    if (!swelling_cell(p, k)) {
        *d_self = -sigma / dx;
        *d_prev = sigma / dx;
        return -sigma * dphi / dx;
    }
    double lsum = p->lam[k - 1] + p->lam[k], g = 2.0 * sigma / (lsum * dx), i_s = -g * dphi;
    *d_self = -g;
    *d_prev = g;
    *dl_prev = *dl_self = -i_s / lsum;
    return i_s;
}

static double porosity_rate(const cf_plan *p, int k)
{
    if (!expanding_cell(p, k)) return 0.0;
    const cf_side *sd = side_at(p, k);
    double r = 0;
    for (int i = 0; i < sd->nph; i++) r += rate_coefficient(p, sd, i) * p->w_j[W(k, i)];
    return r;
}

/* Adds scale * d eps_m / d shell for every shell of cell m (expanding cells only). */
static void add_deps(cf_plan *p, cf_asm *J, int row, int m, double scale)
{
    const cf_side *sd = side_at(p, m);
    int s = SIDE_OF_DOM(p->dom[m]);
    for (int i = 0; i < sd->nph; i++)
        for (int r = 0; r < sd->pm[i].nr; r++)
            cf_asm_add(J, row, p->off[m] + sd->ph_off[i] + r, scale * cf_porosity_dshell(p, s, i, r));
}

/* Fluxes at nb consecutive internal edges j = 0..nb-1 between nodes j and
 * j+1 (node arrays offset to the block's first node, edge arrays to its first
 * edge); the operations of cf_electrolyte_edge's D, K and H (K harmonic if
 * harm_k: the spectral discretisation) from the nodes' reciprocals iD, iK
 * (harm_k; else K itself) and iH, one division per mean. */
static void edge_block(int nb, const double *restrict dx, const double *restrict h, const double *restrict iD,
                       const double *restrict Kn, const double *restrict iH, const double *restrict c,
                       const double *restrict phi, double *restrict G, double *restrict ie, int harm_k)
{
    for (int j = 0; j < nb; j++) {
        double beta = dx[j] / (dx[j] + dx[j + 1]); /* weight of the left node */
        double D = 1.0 / (beta * iD[j] + (1.0 - beta) * iD[j + 1]);
        double K = harm_k ? 1.0 / (beta * Kn[j] + (1.0 - beta) * Kn[j + 1]) : (1.0 - beta) * Kn[j] + beta * Kn[j + 1];
        double H = 1.0 / (beta * iH[j] + (1.0 - beta) * iH[j + 1]);
        double ihe = 1.0 / h[j], dc = (c[j + 1] - c[j]) * ihe;
        G[j] = D * dc;
        ie[j] = -K * ((phi[j + 1] - phi[j]) * ihe - H * dc);
    }
}

/* Electrolyte fluxes at the internal edges (ends carry no flux).
 *
 * The same coefficients as cf_electrolyte_edge (model_common.c), formed with
 * the same operations so the values are bitwise equal, but each node's
 * eps^b D_e, eps^b kappa and H factor is evaluated once (not once per
 * adjacent edge) into the per-cell scratch w_s1..w_s3 (unused by the DFN
 * otherwise), and without the derivatives only the Jacobian needs. */
static void electrolyte_edges(cf_plan *p, const double *y)
{
    const cf_electrolyte *el = &p->cell->electrolyte;
    const int nx = p->nx;
    const double T = p->T;
    const double gel = 1.0 - el->transport_reduction;
    const double kd = 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / p->f;
    double *restrict Dn = p->w_s1, *restrict Kn = p->w_s2, *restrict Hn = p->w_s3;
    const int x = p->th.x;
    const int harm_k = p->opt.discretisation == CF_DISC_SPECTRAL;
    for (int k = 0; k < nx; k++) {
        double c = y[idx_ce(p, k)], tk = gel * p->epsb[k], dd;
        double ct = cf_ce_floor(c, CF_CE_FLOOR_TRANSPORT, &dd);
        /* the through-cell model: each node at its own temperature */
        double Tk = x ? y[p->th.tx[k]] : T;
        double kdk = x ? 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / (FARADAY / (CF_GAS_CONSTANT * Tk)) : kd;
        /* reciprocals for the harmonic means (edge_block) */
        Dn[k] = 1.0 / (tk * cf_fn_eval(&el->diffusivity, ct, Tk, &dd));
        Kn[k] = tk * cf_fn_eval(&el->conductivity, ct, Tk, &dd);
        if (harm_k) Kn[k] = 1.0 / Kn[k];
        Hn[k] = 1.0 / (kdk / cf_ce_floor(c, CF_CE_FLOOR_DIFFPOT, &dd));
    }
    double *restrict G = p->w_G, *restrict ie = p->w_ie;
    const double *dx = p->dx, *h = p->h;
    G[0] = G[nx] = 0.0;
    ie[0] = ie[nx] = 0.0;
    /* edges in blocks of up to B, their nodes' c_e and phi_e gathered into
     * stack buffers so that the edge loop (a dozen divisions per edge)
     * vectorises */
    enum { B = 64 };
    double cb[B + 1], pb[B + 1];
    for (int e0 = 1; e0 < nx; e0 += B) {
        int nb = nx - e0 < B ? nx - e0 : B; /* edges e0 .. e0+nb-1, nodes e0-1 .. e0+nb-1 */
        for (int j = 0; j <= nb; j++) {
            int ic = idx_ce(p, e0 - 1 + j);
            cb[j] = y[ic];
            pb[j] = y[ic + 1];
        }
        edge_block(nb, dx + e0 - 1, h + e0, Dn + e0 - 1, Kn + e0 - 1, Hn + e0 - 1, cb, pb, G + e0, ie + e0, harm_k);
    }
}

/* Rows of one particle's shells: F_r = c_r' + (N_r - N_{r-1}) / vol_r, where
 * N_r = r^2 * outward flux at the outer edge of shell r: -D (c_{r+1} - c_r)/dr
 * r_{r+1}^2 inside, N_surf = r_R^2 j/F at the surface, 0 at the centre.  The
 * edge fluxes go through a small stack buffer so both loops vectorise; the
 * operations are those of one loop carrying N_{r-1}. */
static void particle_rows(int nr, const double *restrict ys, const double *restrict yps, double *restrict Fs,
                          const double *restrict area, const double *restrict inv_vol, double negD, double dr,
                          double N_surf)
{
    enum { B = 64 };
    double N[B + 1];
    N[0] = 0.0; /* r^2 * flux at the inner edge of the block */
    for (int r0 = 0; r0 < nr; r0 += B) {
        int nb = nr - r0 < B ? nr - r0 : B;  /* shells in this block          */
        int ni = r0 + nb < nr ? nb : nb - 1; /* of which with an inner outer edge */
        const double *yb = ys + r0, *ab = area + r0 + 1;
        for (int r = 0; r < ni; r++) N[r + 1] = negD * (yb[r + 1] - yb[r]) / dr * ab[r];
        if (ni < nb) N[nb] = N_surf;
        const double *ypb = yps + r0, *ivb = inv_vol + r0;
        double *Fb = Fs + r0;
        for (int r = 0; r < nb; r++) Fb[r] = ypb[r] + (N[r + 1] - N[r]) * ivb[r];
        N[0] = N[nb];
    }
}

int cf_dfn_fluxes(cf_plan *p, double t, const double *y)
{
    if (p->iT >= 0) {
        if (!(y[p->iT] > 100.0 && y[p->iT] < 1000.0)) return 1; /* no kinetics at such a temperature */
        cf_thermal_set_T(p, y[p->iT]);
    }
    if (p->th.x) {
        for (int k = 0; k < p->nx; k++)
            if (!(y[p->th.tx[k]] > 100.0 && y[p->th.tx[k]] < 1000.0)) return 1;
        if (!(y[p->th.iTcn] > 100.0 && y[p->th.iTcn] < 1000.0 && y[p->th.iTcp] > 100.0 && y[p->th.iTcp] < 1000.0))
            return 1;
    }
    if (cf_porosity_update(p, y)) return 1;
    cf_step_start_prepare(p, t);
    for (int k = 0; k < p->nx; k++) {
        if (is_electrode(p, k)) {
            const cf_side *sd = side_at(p, k);
            if (p->th.x) cf_thermal_x_node(p, k, y); /* its kinetics at its temperature */
            for (int i = 0; i < sd->nph; i++) phase_kinetics(p, t, k, i, y, 0);
            if (has_plating(p, k)) plating_kinetics(p, k, y);
            if (has_sei(p, k)) sei_kinetics(p, k, y);
            if (has_opl(p, k)) opl_kinetics(p, k, y);
            if (has_crack_sei(p, k)) crack_kinetics(p, k, y);
        }
    }
    electrolyte_edges(p, y);
    return 0;
}

int cf_dfn_residual(cf_plan *p, double t, const double *y, const double *yp, double *F)
{
    const cf_cell *c = p->cell;
    const double tp = c->electrolyte.t_plus;
    const double A = c->area_m2;
    const double I = y[p->iI];
    if (cf_dfn_fluxes(p, t, y)) return 1;

    int carry_k = -1; /* the solid current at cell carry_k's left face, from cell carry_k - 1 */
    double carry_is = 0.0;
    for (int k = 0; k < p->nx; k++) {
        double aj = reaction(p, k, y);
        int ice = idx_ce(p, k), ipe = idx_phie(p, k);
        /* d(eps c_e)/dt: with expansion the pores shrink or grow as eps_dot */
        F[ice] = p->lam[k] * p->eps[k] * yp[ice] + y[ice] * porosity_rate(p, k) - (p->w_G[k + 1] - p->w_G[k]) / p->dx[k] -
                 (1 - tp) * aj / FARADAY;
        F[ipe] = (p->w_ie[k + 1] - p->w_ie[k]) / p->dx[k] - aj;
        if (!is_electrode(p, k)) continue;
        const cf_side *sd = side_at(p, k);
        if (has_plating(p, k)) {
            int ipl = idx_plated(p, k);
            F[ipl] = yp[ipl] + p->a_plating * p->w_pl[k] / FARADAY;
        }
        double fk = lam_share(p, k, y);
        if (has_sei(p, k)) { /* the SEI takes lithium as it grows */
            int isei = idx_sei(p, k);
            F[isei] = yp[isei] + fk * p->ageing->a * p->ageing->j[k] / FARADAY;
        }
        if (has_opl(p, k)) { /* plated lithium, and what of it turns dead */
            int ip = idx_opl(p, k);
            double dg, g = cf_plating_dead_rate(p, has_sei(p, k) ? y[idx_sei(p, k)] : 0.0, &dg);
            double src = fk * p->ageing->a * p->ageing->pj[k] / FARADAY;
            if (p->ageing->pl.model == CF_PLATING_IRREVERSIBLE) {
                F[ip] = yp[ip];
                F[ip + 1] = yp[ip + 1] + src;
            } else {
                F[ip] = yp[ip] + src + g * y[ip];
                F[ip + 1] = yp[ip + 1] - g * y[ip];
            }
        }
        if (has_lam(p, k)) lam_rows(p, k, y, yp, F, 0.0, NULL);
        if (has_crack(p, k)) { /* crack growth; the crack SEI takes lithium as it grows */
            int ic = cf_crack_index(p, k);
            F[ic] = yp[ic] - cf_crack_rate(p, SIDE_OF_DOM(p->dom[k]), y + p->off[k] + sd->ph_off[0], y[ic], NULL, 0, 0,
                                           0, 0.0);
            if (has_crack_sei(p, k)) F[ic + 1] = yp[ic + 1] + fk * p->ageing->jcv[k] / FARADAY;
        }

        /* particles: shells 0..nr-1 of each phase, outward molar flux j/F at the surface */
        if (p->th.x && cf_thermal_x_particles_T(p, sd)) cf_thermal_x_node(p, k, y); /* D_s at the cell's temperature */
        for (int i = 0; i < sd->nph; i++) {
            const cf_particle_mesh *m = &sd->pm[i];
            int o = p->off[k] + sd->ph_off[i];
            if (m->spectral)
                cf_particle_rows_spectral(p, sd, i, y + o, yp + o, p->w_j[W(k, i)] / FARADAY * m->area[m->nr], F + o);
            else if (sd->Dvar[i])
                cf_particle_rows_var(p, sd, i, y + o, yp + o, p->w_j[W(k, i)] / FARADAY * m->area[m->nr], F + o);
            else
                particle_rows(m->nr, y + o, yp + o, F + o, m->area, m->inv_vol, -sd->Ds[i], m->dr,
                              p->w_j[W(k, i)] / FARADAY * m->area[m->nr]);
        }

        /* solid phase: i_s at the two faces of cell k */
        int ips = idx_phis(p, k);
        double d1, d2, d3, d4, is_right;
        double is_left = k == carry_k ? carry_is : solid_left(p, y, k, &d1, &d2, &d3, &d4);
        if (k == sd->last) {
            is_right = (p->dom[k] == DOM_NEG) ? 0.0 : I / A;
        } else { /* the next cell's left face: computed once */
            is_right = solid_left(p, y, k + 1, &d1, &d2, &d3, &d4);
            carry_k = k + 1;
            carry_is = is_right;
        }
        F[ips] = (is_right - is_left) / p->dx[k] + aj;
    }

    int kL = p->nx - 1;
    if (p->iNLi >= 0) {
        /* planar lithium negative at x = 0: its kinetics replace cell 0's ionic balance */
        int ice0 = idx_ce(p, 0);
        cf_li_eq q;
        cf_li_surface(p, y, ice0, &q);
        F[ice0 + 1] = q.F;
        F[ice0] -= (1 - tp) * I / (A * FARADAY * p->dx[0]);
        double dwI, w = cf_li_plated_fraction(p, I, &dwI);
        F[p->iNLi] = yp[p->iNLi] + w * I / (A * FARADAY);
        F[p->iNdead] = yp[p->iNdead] + (1 - w) * I / (A * FARADAY);
    }
    if (p->iIres >= 0) {
        int icl = idx_ce(p, kL);
        double Ir = y[p->iIres];
        cf_li_eq q;
        cf_li_reservoir(p, y, icl, &q);
        F[p->iIres] = q.F;
        F[icl] -= (1 - tp) * Ir / (A * FARADAY * p->dx[kL]);
        F[icl + 1] -= Ir / (A * p->dx[kL]);
        F[idx_phis(p, kL)] += Ir / (A * p->dx[kL]);
        F[p->iNres] = yp[p->iNres] + Ir / FARADAY;
        /* the collector alloying: Li+ and electrons leave where the reservoir's arrive */
        double dIal, Ial = cf_li_collector_alloy(p, y, icl, &dIal);
        F[icl] += (1 - tp) * Ial / (A * FARADAY * p->dx[kL]);
        F[icl + 1] += Ial / (A * p->dx[kL]);
        F[idx_phis(p, kL)] -= Ial / (A * p->dx[kL]);
        F[p->iNal] = yp[p->iNal] - Ial / FARADAY;
    }
    /* the terminal: the positive's face less the contact resistance's drop */
    F[p->iV] = y[p->iV] - (1.5 * y[idx_phis(p, kL)] - 0.5 * y[idx_phis(p, kL - 1)]) + I * c->contact_resistance_ohm;
    F[p->iI] = cf_control_residual(p, t, y[p->iV], I);
    cf_counters_residual(p, y, yp, F);
    if (p->iT >= 0) cf_thermal_residual(p, y, yp, F);
    if (p->th.x) cf_thermal_x_residual(p, y, yp, F);
    return 0;
}

/* Adds the derivatives of `scale * j_{k,i}` to row `row`. */
static void add_dj(cf_plan *p, cf_asm *J, int row, int k, int i, double scale)
{
    const cf_side *sd = side_at(p, k);
    const cf_particle_mesh *m = &sd->pm[i];
    int o = p->off[k] + sd->ph_off[i], nr = m->nr, ice = idx_ce(p, k);
    double wl, wp;
    cf_particle_surface_weights(m, &wl, &wp);
    cf_asm_add(J, row, o + nr - 2, scale * p->w_dj_dcs[W(k, i)] * wp);
    cf_asm_add(J, row, o + nr - 1, scale * p->w_dj_dcs[W(k, i)] * wl);
    cf_asm_add(J, row, ice, scale * p->w_dj_dce[W(k, i)]);
    cf_asm_add(J, row, ice + 1, -scale * p->w_dj_deta[W(k, i)]);
    cf_asm_add(J, row, ice + 2, scale * p->w_dj_deta[W(k, i)]);
    if (cf_thermal_on(p)) cf_asm_add(J, row, cf_tcol(p, k), scale * p->th.w_dj_dT[W(k, i)]);
    if (has_sei(p, k) && p->ageing->prm.resistivity_ohm_m > 0)
        cf_asm_add(J, row, idx_sei(p, k), scale * p->ageing->dji_dn[W(k, i)]);
}

/* Adds the derivatives of `scale * j_plating,k` (O'Kane) to row `row`. */
static void add_dopl(cf_plan *p, cf_asm *J, int row, int k, double scale)
{
    const cf_ageing *g = p->ageing;
    const cf_side *sd = side_at(p, k);
    int ice = idx_ce(p, k);
    cf_asm_add(J, row, ice, scale * g->pj_dce[k]);
    cf_asm_add(J, row, ice + 1, -scale * g->pj_ddphi[k]);
    cf_asm_add(J, row, ice + 2, scale * g->pj_ddphi[k]);
    cf_asm_add(J, row, idx_opl(p, k), scale * g->pj_dc[k]);
    if (cf_thermal_on(p)) cf_asm_add(J, row, cf_tcol(p, k), scale * g->pj_dT[k]);
    if (!has_sei(p, k) || !(g->prm.resistivity_ohm_m > 0)) return;
    cf_asm_add(J, row, idx_sei(p, k), scale * g->pj_dn[k]);
    for (int i = 0; i < sd->nph; i++) add_dj(p, J, row, k, i, scale * g->pj_djm[k] * sd->a[i] / g->a);
}

/* Adds the derivatives of `scale * j_sei,k` to row `row`: through the
 * surface potential difference, the SEI lithium and the mean intercalation
 * current it sees. */
static void add_dsei(cf_plan *p, cf_asm *J, int row, int k, double scale)
{
    const cf_ageing *g = p->ageing;
    const cf_side *sd = side_at(p, k);
    int ice = idx_ce(p, k);
    cf_asm_add(J, row, ice + 1, -scale * g->dj_ddphi[k]);
    cf_asm_add(J, row, ice + 2, scale * g->dj_ddphi[k]);
    cf_asm_add(J, row, idx_sei(p, k), scale * g->dj_dn[k]);
    if (cf_thermal_on(p)) cf_asm_add(J, row, cf_tcol(p, k), scale * g->dj_dT[k]); /* its rate at the cell's temperature */
    if (g->prm.model == CF_SEI_REACTION_LIMITED) /* the only law that sees j_m */
        for (int i = 0; i < sd->nph; i++) add_dj(p, J, row, k, i, scale * g->dj_djm[k] * sd->a[i] / g->a);
}

/* Adds `scale` in column f (the active share) of cell k to row `row`: the
 * derivative of `scale * f` for the reaction rows' f. */
static void add_dlam(cf_plan *p, cf_asm *J, int row, int k, double scale)
{
    cf_asm_add(J, row, cf_lam_index(p, k), scale);
}

/* The derivatives of `scale * x` of one reaction term x of cell k added to
 * row `row` (add_dpl, add_dsei, add_dopl, add_dlam). */
typedef void (*reaction_deriv)(cf_plan *p, cf_asm *J, int row, int k, double scale);

/* A reaction term x times a in cell k enters the rows as reaction() sums
 * it: the electrolyte loses (1 - t+) a x / F of Li+ and a x of ionic
 * current, the solid gains a x.  With store >= 0, the lithium a side
 * reaction deposits, d n/dt + a x / F = 0, is that row (plated lithium, SEI
 * lithium).  a carries the active share f where it scales the term. */
static void add_reaction(cf_plan *p, cf_asm *J, int k, double a, reaction_deriv add, int store, double cj)
{
    const double tp = p->cell->electrolyte.t_plus;
    add(p, J, idx_ce(p, k), k, -(1 - tp) * a / FARADAY);
    add(p, J, idx_phie(p, k), k, -a);
    add(p, J, idx_phis(p, k), k, a);
    if (store < 0) return;
    cf_asm_add(J, store, store, cj);
    add(p, J, store, k, a / FARADAY);
}

/* Adds the derivatives of `scale * a_cr j_cr` (crack SEI, cell k) to row `row`. */
static void add_dcrack(cf_plan *p, cf_asm *J, int row, int k, const double *y, double scale)
{
    const cf_ageing *g = p->ageing;
    const cf_side *sd = side_at(p, k);
    int ice = idx_ce(p, k), ic = cf_crack_index(p, k);
    double dn, dl, acr = cf_crack_sei_dvol(p, k, y[ic], &dn, &dl);
    cf_asm_add(J, row, ice + 1, -scale * acr * g->jc_ddphi[k]);
    cf_asm_add(J, row, ice + 2, scale * acr * g->jc_ddphi[k]);
    cf_asm_add(J, row, ic, scale * dl);
    cf_asm_add(J, row, ic + 1, scale * dn);
    if (g->prm.model == CF_SEI_REACTION_LIMITED)
        for (int i = 0; i < sd->nph; i++) add_dj(p, J, row, k, i, scale * acr * g->jc_djm[k] * sd->a[i] / g->a);
}

void cf_dfn_jacobian(cf_plan *p, double t, const double *y, const double *yp, double cj, cf_asm *J)
{
    const cf_cell *c = p->cell;
    const double tp = c->electrolyte.t_plus;
    const double A = c->area_m2;
    if (p->iT >= 0) cf_thermal_set_T(p, y[p->iT]);
    cf_porosity_update(p, y);
    cf_step_start_prepare(p, t);
    for (int k = 0; k < p->nx; k++) {
        if (p->th.x && is_electrode(p, k)) cf_thermal_x_node(p, k, y);
        if (is_electrode(p, k))
            for (int i = 0; i < side_at(p, k)->nph; i++) phase_kinetics(p, t, k, i, y, 1);
        if (has_plating(p, k)) plating_kinetics(p, k, y);
        if (has_sei(p, k)) sei_kinetics(p, k, y);
        if (has_opl(p, k)) opl_kinetics(p, k, y);
        if (has_crack_sei(p, k)) crack_kinetics(p, k, y);
    }

    /* each internal edge's coefficients are formed once: as the right edge
     * of cell k, then reused as the left edge of cell k+1 */
    cf_edge_coeffs ec_prev = {0}, ec_right = {0};
    int e_prev = -1;
    for (int k = 0; k < p->nx; k++) {
        int ice = idx_ce(p, k), ipe = idx_phie(p, k);
        double inv_dx = 1.0 / p->dx[k];

        /* electrolyte rows: contributions of the right (+) and left (-) edges */
        cf_asm_add(J, ice, ice, cj * p->lam[k] * p->eps[k]);
        for (int side = 0; side < 2; side++) {
            int e = side == 0 ? k + 1 : k;
            if (e <= 0 || e >= p->nx) continue; /* boundary edges carry no flux */
            double sgn = side == 0 ? -inv_dx : inv_dx; /* F_ce = ... - (G_r - G_l)/dx */
            int kl = e - 1, kr = e;
            int icl = idx_ce(p, kl), icr = idx_ce(p, kr);
            double cl = y[icl], cr = y[icr];
            double pl = y[idx_phie(p, kl)], pr = y[idx_phie(p, kr)];
            double h = p->h[e];
            cf_edge_coeffs ec;
            if (e == e_prev)
                ec = ec_prev;
            else if (p->th.x) /* each node at its own temperature; the heat rows read them too */
                cf_electrolyte_edge_T(p, e, cl, cr, y[p->th.tx[kl]], y[p->th.tx[kr]], &ec),
                    ((cf_edge_coeffs *)p->th.w_ec)[e] = ec;
            else
                cf_electrolyte_edge(p, e, cl, cr, &ec);
            if (side == 0) ec_right = ec;
            double grad = (cr - cl) / h;
            double Q = (pr - pl) / h - ec.H * grad; /* ie = -K Q */
            cf_asm_add(J, ice, icl, sgn * (ec.dD_dl * grad - ec.D / h));
            cf_asm_add(J, ice, icr, sgn * (ec.dD_dr * grad + ec.D / h));
            /* F_pe = (ie_r - ie_l)/dx; a planar negative's kinetics replace cell 0's */
            double s2 = (k == 0 && p->iNLi >= 0) ? 0.0 : -sgn;
            cf_asm_add(J, ipe, icl, s2 * (-ec.dK_dl * Q + ec.K * (ec.dH_dl * grad - ec.H / h)));
            cf_asm_add(J, ipe, icr, s2 * (-ec.dK_dr * Q + ec.K * (ec.dH_dr * grad + ec.H / h)));
            cf_asm_add(J, ipe, idx_phie(p, kl), s2 * (ec.K / h));
            cf_asm_add(J, ipe, idx_phie(p, kr), s2 * (-ec.K / h));
            if (p->iT >= 0) {
                cf_asm_add(J, ice, p->iT, sgn * ec.dD_dT * grad);
                cf_asm_add(J, ipe, p->iT, s2 * (-ec.dK_dT * Q + ec.K * ec.dH_dT * grad));
            } else if (p->th.x) {
                int tl = p->th.tx[kl], tr = p->th.tx[kr];
                cf_asm_add(J, ice, tl, sgn * ec.dD_dTl * grad);
                cf_asm_add(J, ice, tr, sgn * ec.dD_dTr * grad);
                cf_asm_add(J, ipe, tl, s2 * (-ec.dK_dTl * Q + ec.K * ec.dH_dTl * grad));
                cf_asm_add(J, ipe, tr, s2 * (-ec.dK_dTr * Q + ec.K * ec.dH_dTr * grad));
            }
            /* transport through the current porosity of expanding neighbours */
            for (int lr = 0; lr < 2; lr++) {
                int m = lr == 0 ? kl : kr;
                if (!expanding_cell(p, m)) continue;
                double dtau = cf_porosity_dtau(p, m);
                double dD = lr == 0 ? ec.dD_dtl : ec.dD_dtr, dK = lr == 0 ? ec.dK_dtl : ec.dK_dtr;
                add_deps(p, J, ice, m, sgn * dD * grad * dtau);
                add_deps(p, J, ipe, m, s2 * (-dK * Q) * dtau);
            }
        }
        ec_prev = ec_right; /* cell k+1's left edge (when k+1 < nx) */
        e_prev = k + 1;
        if (expanding_cell(p, k)) {
            /* storage lambda eps c_e' + c_e (lambda eps)_dot */
            add_deps(p, J, ice, k, yp[ice] * cf_porosity_dstore(p, SIDE_OF_DOM(p->dom[k])));
            cf_asm_add(J, ice, ice, porosity_rate(p, k));
            const cf_side *sx = side_at(p, k);
            for (int i = 0; i < sx->nph; i++) add_dj(p, J, ice, k, i, y[ice] * rate_coefficient(p, sx, i));
        }
        if (!is_electrode(p, k)) continue;
        const cf_side *sd = side_at(p, k);
        int ips = idx_phis(p, k);
        double fk = lam_share(p, k, y);
        if (p->th.x && cf_thermal_x_particles_T(p, sd)) cf_thermal_x_node(p, k, y); /* D_s and its T column at the cell's T */
        if (has_lam(p, k)) {
            /* the reaction rows through f (all of the surface's reactions), and f's own rows */
            add_reaction(p, J, k, surface_reaction(p, k), add_dlam, -1, cj);
            lam_rows(p, k, y, yp, NULL, cj, J);
        }
        if (has_plating(p, k)) add_reaction(p, J, k, p->a_plating, add_dpl, idx_plated(p, k), cj);
        if (has_sei(p, k)) {
            int isei = idx_sei(p, k);
            add_reaction(p, J, k, p->ageing->a * fk, add_dsei, isei, cj);
            if (has_lam(p, k)) cf_asm_add(J, isei, cf_lam_index(p, k), p->ageing->a * p->ageing->j[k] / FARADAY);
        }
        if (has_crack(p, k)) {
            int ic = cf_crack_index(p, k);
            cf_asm_add(J, ic, ic, cj);
            cf_crack_rate(p, SIDE_OF_DOM(p->dom[k]), y + p->off[k] + sd->ph_off[0], y[ic], J, ic, p->off[k] + sd->ph_off[0],
                          ic, -1.0);
            if (has_crack_sei(p, k)) {
                add_dcrack(p, J, ice, k, y, -(1 - tp) * fk / FARADAY);
                add_dcrack(p, J, ipe, k, y, -fk);
                add_dcrack(p, J, ips, k, y, fk);
                cf_asm_add(J, ic + 1, ic + 1, cj);
                add_dcrack(p, J, ic + 1, k, y, fk / FARADAY);
                if (has_lam(p, k)) cf_asm_add(J, ic + 1, cf_lam_index(p, k), p->ageing->jcv[k] / FARADAY);
            }
        }
        if (has_opl(p, k)) {
            double a = p->ageing->a * fk;
            int ip = idx_opl(p, k);
            if (has_lam(p, k)) /* the plating source's f */
                cf_asm_add(J, p->ageing->pl.model == CF_PLATING_IRREVERSIBLE ? ip + 1 : ip, cf_lam_index(p, k),
                           p->ageing->a * p->ageing->pj[k] / FARADAY);
            add_reaction(p, J, k, a, add_dopl, -1, cj); /* two storage rows, below */
            cf_asm_add(J, ip, ip, cj);
            cf_asm_add(J, ip + 1, ip + 1, cj);
            if (p->ageing->pl.model == CF_PLATING_IRREVERSIBLE) {
                add_dopl(p, J, ip + 1, k, a / FARADAY);
            } else {
                double dg, g = cf_plating_dead_rate(p, has_sei(p, k) ? y[idx_sei(p, k)] : 0.0, &dg);
                add_dopl(p, J, ip, k, a / FARADAY);
                cf_asm_add(J, ip, ip, g);
                cf_asm_add(J, ip + 1, ip, -g);
                if (has_sei(p, k)) {
                    cf_asm_add(J, ip, idx_sei(p, k), dg * y[ip]);
                    cf_asm_add(J, ip + 1, idx_sei(p, k), -dg * y[ip]);
                }
            }
        }

        for (int i = 0; i < sd->nph; i++) {
            double a = sd->a[i] * fk;
            add_dj(p, J, ice, k, i, -(1 - tp) * a / FARADAY);
            add_dj(p, J, ipe, k, i, -a);
            add_dj(p, J, ips, k, i, a);

            /* particle rows of phase i */
            const cf_particle_mesh *m = &sd->pm[i];
            double D = sd->Ds[i];
            int o = p->off[k] + sd->ph_off[i], nr = m->nr;
            if (m->spectral) cf_particle_jac_spectral(p, sd, i, y + o, cj, o, J);
            else if (sd->Dvar[i]) cf_particle_jac_var(p, sd, i, y + o, cj, o, J);
            for (int r = 0; r < nr && !sd->Dvar[i] && !m->spectral; r++) {
                double iv = m->inv_vol[r], diag = cj;
                if (r < nr - 1) {
                    double g = D / m->dr * m->area[r + 1] * iv;
                    diag += g;
                    cf_asm_add(J, o + r, o + r + 1, -g);
                }
                if (r > 0) {
                    double g = D / m->dr * m->area[r] * iv;
                    diag += g;
                    cf_asm_add(J, o + r, o + r - 1, -g);
                }
                cf_asm_add(J, o + r, o + r, diag);
            }
            add_dj(p, J, o + nr - 1, k, i, m->area[nr] * m->inv_vol[nr - 1] / FARADAY);
            if (cf_thermal_on(p)) cf_thermal_particle_dT(p, sd, i, y + o, o, cf_tcol(p, k), J);
        }

        /* solid-phase row F = (i_right - i_left)/dx + aj */
        {
            double d_self, d_prev, dl_prev, dl_self;
            solid_left(p, y, k, &d_self, &d_prev, &dl_prev, &dl_self);
            double diag = -d_self * inv_dx;
            if (k != sd->first) cf_asm_add(J, ips, idx_phis(p, k - 1), -d_prev * inv_dx);
            int sw = swelling_cell(p, k), side = SIDE_OF_DOM(p->dom[k]);
            double dlam = cf_porosity_dstretch(p, side);
            if (sw) {
                if (k != sd->first) add_deps(p, J, ips, k - 1, -dl_prev * inv_dx * dlam);
                if (k != sd->first || p->dom[k] == DOM_NEG) add_deps(p, J, ips, k, -dl_self * inv_dx * dlam);
            }
            if (k == sd->last) {
                if (p->dom[k] == DOM_POS) cf_asm_add(J, ips, p->iI, inv_dx / A);
            } else {
                /* the right face is cell k+1's left face: k is its "prev" */
                solid_left(p, y, k + 1, &d_self, &d_prev, &dl_prev, &dl_self);
                diag += d_prev * inv_dx;
                cf_asm_add(J, ips, idx_phis(p, k + 1), d_self * inv_dx);
                if (sw) {
                    add_deps(p, J, ips, k, dl_prev * inv_dx * dlam);
                    add_deps(p, J, ips, k + 1, dl_self * inv_dx * dlam);
                }
            }
            cf_asm_add(J, ips, ips, diag);
        }
    }

    int kL = p->nx - 1;
    if (p->iNLi >= 0) {
        int ice0 = idx_ce(p, 0);
        double I = y[p->iI];
        cf_li_eq q;
        cf_li_surface(p, y, ice0, &q);
        cf_asm_add(J, ice0 + 1, ice0 + 1, q.d_phie0);
        cf_asm_add(J, ice0 + 1, ice0, q.d_c0);
        cf_asm_add(J, ice0 + 1, p->iI, q.d_I);
        cf_asm_add(J, ice0 + 1, p->iNLi, q.d_n);
        cf_asm_add(J, ice0, p->iI, -(1 - tp) / (A * FARADAY * p->dx[0]));
        double dwI;
        cf_li_plated_fraction(p, I, &dwI);
        cf_asm_add(J, p->iNLi, p->iNLi, cj);
        cf_asm_add(J, p->iNLi, p->iI, dwI / (A * FARADAY));
        cf_asm_add(J, p->iNdead, p->iNdead, cj);
        cf_asm_add(J, p->iNdead, p->iI, (1 - dwI) / (A * FARADAY));
    }
    if (p->iIres >= 0) {
        int icl = idx_ce(p, kL);
        cf_li_eq q;
        cf_li_reservoir(p, y, icl, &q);
        cf_asm_add(J, p->iIres, p->iIres, q.d_I);
        cf_asm_add(J, p->iIres, icl, q.d_c0);
        cf_asm_add(J, p->iIres, icl + 1, q.d_phie0);
        cf_asm_add(J, p->iIres, p->iV, q.d_V);
        cf_asm_add(J, p->iIres, p->iNres, q.d_n);
        cf_asm_add(J, icl, p->iIres, -(1 - tp) / (A * FARADAY * p->dx[kL]));
        cf_asm_add(J, icl + 1, p->iIres, -1.0 / (A * p->dx[kL]));
        cf_asm_add(J, idx_phis(p, kL), p->iIres, 1.0 / (A * p->dx[kL]));
        cf_asm_add(J, p->iNres, p->iNres, cj);
        cf_asm_add(J, p->iNres, p->iIres, 1.0 / FARADAY);
        double dIal;
        cf_li_collector_alloy(p, y, icl, &dIal);
        const int rows[3] = {icl, icl + 1, idx_phis(p, kL)};
        const double scale[3] = {(1 - tp) / (A * FARADAY * p->dx[kL]), 1.0 / (A * p->dx[kL]), -1.0 / (A * p->dx[kL])};
        for (int m = 0; m < 3; m++) {
            cf_asm_add(J, rows[m], p->iV, scale[m] * dIal);
            cf_asm_add(J, rows[m], icl + 1, -scale[m] * dIal);
        }
        cf_asm_add(J, p->iNal, p->iNal, cj);
        cf_asm_add(J, p->iNal, p->iV, -dIal / FARADAY);
        cf_asm_add(J, p->iNal, icl + 1, dIal / FARADAY);
    }
    cf_asm_add(J, p->iV, p->iV, 1.0);
    cf_asm_add(J, p->iV, idx_phis(p, kL), -1.5);
    cf_asm_add(J, p->iV, idx_phis(p, kL - 1), 0.5);
    if (p->cell->contact_resistance_ohm > 0) cf_asm_add(J, p->iV, p->iI, p->cell->contact_resistance_ohm);
    cf_control_jacobian(p, t, y[p->iV], y[p->iI], p->iI, J);
    cf_counters_jacobian(p, y, cj, J);
    if (p->iT >= 0) cf_thermal_jacobian(p, y, cj, J);
    if (p->th.x) cf_thermal_x_jacobian(p, y, cj, J);
}

double cf_dfn_solid_face(const cf_plan *p, const double *y, int k)
{
    double d1, d2, d3, d4;
    return solid_left(p, y, k, &d1, &d2, &d3, &d4);
}
