/* spm.c — single-particle models (SPM and SPMe) on the same core as the DFN.
 *
 * Each active phase of an electrode is one representative particle.  The
 * unknowns are the particles' shells, [SPMe: c_e in x], the surface
 * potential difference dphi = phi_s - phi_e of each electrode, then V, I, Q, E.
 *   single phase:  dphi = U(c_surf) + <eta>, with <eta> the x-average of
 *                  (2/f) asinh(jbar / (2 j0(c_e))) and jbar = +-I / (A a L) — PyBaMM's
 *                  inverse Butler–Volmer, so results match it exactly;
 *   blend:         the phases share dphi, each j_i = BV(j0_i, dphi - U_i), and
 *                  sum_i a_i j_i = +-I / (A L) closes the system (j0 at the
 *                  electrode-averaged c_e).
 * V = dphi_p - dphi_n [+ SPMe: eta_c + dphi_e + dphi_s], see voltage(). */
#include <math.h>

#include "model/ageing.h"
#include "model/plan_internal.h"

#define FARADAY CF_FARADAY

static double side_sign(int s) { return s == 0 ? 1.0 : -1.0; }
static double side_L(const cf_plan *p, int s) { return p->side[s].el->thickness_m; }

double cf_spm_surface(const cf_plan *p, int s, int i, const double *y, double t, double *wl, double *wp)
{
    const cf_side *sd = &p->side[s];
    cf_particle_surface_weights(&sd->pm[i], wl, wp);
    int o = sd->off_cs[i], nr = sd->pm[i].nr;
    /* plus the short-time layer of recent current steps (spectral particles;
     * a function of t only, so no Jacobian term) */
    return *wl * y[o + nr - 1] + *wp * y[o + nr - 2] + cf_step_start_correction(p, s, s, i, t);
}

/* The SPMe's electrolyte beyond its limit.  Its c_e obeys a linear equation
 * that does not see the kinetics, so at a high enough current c_e reaches
 * zero (and goes below) in some cells while the voltage, an x-average, is
 * still above the cut-off.  PyBaMM's SPMe then takes ln(c_e/c_e0) floored at
 * 1e-15 in the concentration overpotential, and j0 = 0 with its inverse
 * Butler-Volmer's 2 j0 floored at 1e-16 A/m2, so that each cell that runs
 * dry adds its share of a volt-sized overpotential and the voltage
 * collapses to the cut-off.  Reached within 1e-12 mol/m3 of zero, those
 * floors would be crossed in less than the round-off of t; here they are
 * spread over 0 < c_e < 1e-6 mol/m3: ln c_eff = ln c_e from 1e-6 up and a
 * cubic (Hermite, C1, monotone) below, reaching ln c_min at c_e <= 0, with
 * c_min = 1e-15 c_e0 for the overpotential and 1e-18 mol/m3 for j0 (which
 * makes 2 j0 negligible beside the 1e-16 floor).  *dl = d ln c_eff / dc_e. */
#define SPME_CE_EDGE 1e-6
#define SPME_CE_MIN_KINETICS 1e-18
static double spme_log_ce(double c, double cmin, double *dl)
{
    if (c >= SPME_CE_EDGE) {
        *dl = 1.0 / c;
        return log(c);
    }
    if (c <= 0.0) {
        *dl = 0.0;
        return log(cmin);
    }
    double s = c / SPME_CE_EDGE, D = log(SPME_CE_EDGE / cmin);
    *dl = (6.0 * D * s * (1.0 - s) + 3.0 * s * s - 2.0 * s) / SPME_CE_EDGE;
    return log(cmin) + D * s * s * (3.0 - 2.0 * s) + s * s * (s - 1.0);
}

static double spme_log_floor(const cf_plan *p) { return 1e-15 * p->cell->electrolyte.c_init; }

/* Mean of c_e (or ln c_eff) over one domain (dom < 0: the whole cell), and
 * the weights dx_k / L of its cells. */
static double domain_mean(const cf_plan *p, const double *ce, int dom, int use_log, double *w)
{
    double L = 0, s = 0, d;
    for (int k = 0; k < p->nx; k++)
        if (dom < 0 || p->dom[k] == dom) {
            L += p->dx[k];
            s += p->dx[k] * (use_log ? spme_log_ce(ce[k], spme_log_floor(p), &d) : ce[k]);
        }
    for (int k = 0; k < p->nx; k++) w[k] = (dom < 0 || p->dom[k] == dom) ? p->dx[k] / L : 0.0;
    return s / L;
}

/* ---- kinetics rows ----
 * <eta_i>(j) = x-average over the electrode's cells of (2/f) asinh(j / (2 j0_i(c_e,k)))
 * (SPMe), or the value at c_e0 (SPM); returns it with its derivatives in j,
 * c_surf and (added into dce, times `scale`) each c_e,k. */
static double mean_eta(const cf_plan *p, int s, int i, double j, double cs, const double *ce, double scale,
                       double *d_dj, double *d_dcs, double *dce, double *d_dT)
{
    const cf_side *sd = &p->side[s];
    const cf_phase *ph = &sd->el->phase[i];
    int dom = s == 0 ? DOM_NEG : DOM_POS;
    double sum = 0, sj = 0, scs = 0, sT = 0, Lw = 0;
    int count = ce ? p->nx : 1;
    for (int k = 0; k < count; k++) {
        if (ce && p->dom[k] != dom) continue;
        double w = ce ? p->dx[k] : 1.0, c = p->cell->electrolyte.c_init, dc = 1.0;
        if (ce) { /* c_eff (spme_log_ce), exactly c_e from 1e-6 mol/m3 up */
            double dl;
            c = ce[k] >= SPME_CE_EDGE ? ce[k] : exp(spme_log_ce(ce[k], SPME_CE_MIN_KINETICS, &dl));
            if (ce[k] < SPME_CE_EDGE) dc = c * dl;
        }
        double dj0_dce, dj0_dcs, de_dj, de_dj0;
        double j0 = cf_j0(p, ph, sd->arr_j0[i], c, cs, &dj0_dce, &dj0_dcs);
        dj0_dce *= dc;
        double eta = cf_bv_eta(p->f, j, j0, &de_dj, &de_dj0);
        sum += w * eta;
        /* (2/f) grows as T; j0 by its Arrhenius factor */
        if (d_dT) sT += w * (eta / p->T + de_dj0 * j0 * p->th.dlnj0[s][i]);
        sj += w * de_dj;
        scs += w * de_dj0 * dj0_dcs;
        if (ce && dce) dce[k] += scale * w * de_dj0 * dj0_dce;
        Lw += w;
    }
    if (ce && dce)
        for (int k = 0; k < p->nx; k++)
            if (p->dom[k] == dom) dce[k] /= Lw;
    *d_dj = sj / Lw;
    *d_dcs = scs / Lw;
    if (d_dT) *d_dT = sT / Lw;
    return sum / Lw;
}

/* A phase's OCP as the kinetics see it: with the entropic shift in a thermal
 * model or when the phase has entropic data (thermal.c); *UT its T-derivative. */
static double phase_ocp(cf_plan *p, int s, int i, double cs, double *dU, double *UT)
{
    const cf_phase *ph = &p->side[s].el->phase[i];
    if (UT) *UT = 0.0;
    if (p->iT >= 0 || ph->entropic.kind != CF_FN_CONSTANT || ph->entropic.value != 0)
        return cf_thermal_ocp(p, ph, cs, dU, NULL, NULL, UT);
    return cf_side_ocp(p, s, i, cs, dU);
}

/* Active share f of side s (loss of active material; 1 without): it scales
 * the particles' surface per volume. */
static double lam_share(const cf_plan *p, int s, const double *y)
{
    return cf_lam_on(p, s) ? y[p->ageing->i_f[s]] : 1.0;
}

/* Current density (A/m2) on phase i's particle surface: the electrode's
 * uniform jbar for a single material, the phase's own unknown in a blend. */
static double phase_current(const cf_plan *p, int s, int i, const double *y)
{
    const cf_side *sd = &p->side[s];
    if (sd->nph > 1) return y[sd->i_j[i]];
    return side_sign(s) * y[p->iI] / (p->cell->area_m2 * sd->a[0] * lam_share(p, s, y) * side_L(p, s));
}
/* Adds scale * d jbar (one material) to row `row`: in I, and in f (jbar ~ 1/f). */
static void add_djbar(cf_plan *p, cf_asm *J, int s, const double *y, int row, double scale)
{
    const cf_side *sd = &p->side[s];
    double f = lam_share(p, s, y);
    cf_asm_add(J, row, p->iI, scale * side_sign(s) / (p->cell->area_m2 * sd->a[0] * f * side_L(p, s)));
    if (cf_lam_on(p, s)) cf_asm_add(J, row, p->ageing->i_f[s], -scale * phase_current(p, s, 0, y) / f);
}

/* Area resistance of the negative's SEI film (0 elsewhere or without one). */
static double film_r(const cf_plan *p, int s, const double *y)
{
    return s == 0 && cf_sei_on(p) ? cf_sei_film(p, y[p->ageing->i_n]) : 0.0;
}
static double film_dr_dn(const cf_plan *p, const double *y)
{
    const cf_ageing *g = p->ageing;
    return y[g->i_n] > 0 ? g->prm.resistivity_ohm_m * g->L_per_n : 0.0;
}

/* The SEI current of the electrode (into ageing->j[0] and its derivatives):
 * it sees the electrode's surface potential difference, the SEI lithium and
 * the intercalation current density, jbar for one material (PyBaMM's total
 * current, as its inverse kinetics do) or sum_i a_i j_i / a in a blend. */
static double negative_jm(const cf_plan *p, const double *y)
{
    const cf_side *sd = &p->side[0];
    if (sd->nph == 1) return phase_current(p, 0, 0, y);
    double jm = 0;
    for (int i = 0; i < sd->nph; i++) jm += sd->a[i] * y[sd->i_j[i]];
    return jm / p->ageing->a;
}
/* Adds scale * d j_m to row `row`. */
static void add_djm(cf_plan *p, cf_asm *J, const double *y, int row, double scale)
{
    const cf_side *sd = &p->side[0];
    if (sd->nph == 1)
        add_djbar(p, J, 0, y, row, scale);
    else
        for (int i = 0; i < sd->nph; i++) cf_asm_add(J, row, sd->i_j[i], scale * sd->a[i] / p->ageing->a);
}

static void sei_kinetics(cf_plan *p, const double *y)
{
    cf_ageing *g = p->ageing;
    g->j[0] = cf_sei_current(p, y[p->side[0].i_dphi], y[g->i_n], negative_jm(p, y), &g->dj_ddphi[0], &g->dj_dn[0],
                             &g->dj_djm[0], &g->dj_dT[0]);
}

/* Adds the derivatives of scale * j_sei to row `row`. */
static void add_dsei(cf_plan *p, cf_asm *J, const double *y, int row, double scale)
{
    const cf_ageing *g = p->ageing;
    cf_asm_add(J, row, p->side[0].i_dphi, scale * g->dj_ddphi[0]);
    cf_asm_add(J, row, g->i_n, scale * g->dj_dn[0]);
    if (p->iT >= 0) cf_asm_add(J, row, p->iT, scale * g->dj_dT[0]); /* its rate at the cell's temperature */
    if (g->prm.model == CF_SEI_REACTION_LIMITED) add_djm(p, J, y, row, scale * g->dj_djm[0]); /* the only law that sees j_m */
}

/* The SEI current on the negative's crack walls (ageing_crack.c): the
 * electrode's surface potential difference and j_m, as the SEI's. */
static void crack_kinetics(cf_plan *p, const double *y)
{
    int ic = p->ageing->i_l[0];
    cf_crack_sei_kinetics(p, 0, y[p->side[0].i_dphi], y[ic + 1], y[ic], negative_jm(p, y));
}
/* Adds the derivatives of scale * a_cr j_cr to row `row`. */
static void add_dcrack(cf_plan *p, cf_asm *J, const double *y, int row, double scale)
{
    const cf_ageing *g = p->ageing;
    int ic = g->i_l[0];
    double dn, dl, acr = cf_crack_sei_dvol(p, 0, y[ic], &dn, &dl);
    cf_asm_add(J, row, p->side[0].i_dphi, scale * acr * g->jc_ddphi[0]);
    cf_asm_add(J, row, ic, scale * dl);
    cf_asm_add(J, row, ic + 1, scale * dn);
    if (g->prm.model == CF_SEI_REACTION_LIMITED) add_djm(p, J, y, row, scale * acr * g->jc_djm[0]);
}
/* Crack growth of side s and the crack SEI's lithium: F_l = l' - rate,
 * F_n = n_cr' + f a_cr j_cr / F; with J, their Jacobian instead. */
static void crack_rows(cf_plan *p, int s, const double *y, const double *yp, double *F, double cj, cf_asm *J)
{
    const cf_ageing *g = p->ageing;
    int ic = g->i_l[s], o = p->side[s].off_cs[0];
    if (!J) {
        F[ic] = yp[ic] - cf_crack_rate(p, s, y + o, y[ic], NULL, 0, 0, 0, 0.0);
        if (cf_crack_states(p, s) > 1) F[ic + 1] = yp[ic + 1] + lam_share(p, 0, y) * g->jcv[0] / FARADAY;
        return;
    }
    cf_asm_add(J, ic, ic, cj);
    cf_crack_rate(p, s, y + o, y[ic], J, ic, o, ic, -1.0);
    if (cf_crack_states(p, s) < 2) return;
    cf_asm_add(J, ic + 1, ic + 1, cj);
    add_dcrack(p, J, y, ic + 1, lam_share(p, 0, y) / FARADAY);
    if (cf_lam_on(p, 0)) cf_asm_add(J, ic + 1, g->i_f[0], g->jcv[0] / FARADAY);
}

/* The negative's mean electrolyte concentration the x-averaged plating sees
 * (SPMe: over the negative's cells, weights into w_s2; SPM: c_e0). */
static double negative_ce(cf_plan *p, const double *y)
{
    if (p->opt.kind != CF_MODEL_SPME) return p->cell->electrolyte.c_init;
    double L = 0, m = 0;
    for (int k = 0; k < p->nx; k++)
        if (p->dom[k] == DOM_NEG) {
            L += p->dx[k];
            m += p->dx[k] * y[p->off_ce + k];
        }
    return m / L;
}

static void opl_kinetics(cf_plan *p, const double *y)
{
    cf_ageing *g = p->ageing;
    double n = g->sei ? y[g->i_n] : 0.0;
    g->pj[0] = cf_plating_current(p, y[p->side[0].i_dphi], negative_ce(p, y), y[g->i_pl], n, negative_jm(p, y),
                                  &g->pj_ddphi[0], &g->pj_dce[0], &g->pj_dc[0], &g->pj_dn[0], &g->pj_djm[0],
                                  &g->pj_dT[0]);
}

/* Adds the derivatives of scale * j_plating (O'Kane) to row `row`. */
static void add_dopl(cf_plan *p, cf_asm *J, const double *y, int row, double scale)
{
    const cf_ageing *g = p->ageing;
    cf_asm_add(J, row, p->side[0].i_dphi, scale * g->pj_ddphi[0]);
    cf_asm_add(J, row, g->i_pl, scale * g->pj_dc[0]);
    if (p->iT >= 0) cf_asm_add(J, row, p->iT, scale * g->pj_dT[0]);
    if (p->opt.kind == CF_MODEL_SPME) {
        double L = p->cell->neg.thickness_m;
        for (int k = 0; k < p->nx; k++)
            if (p->dom[k] == DOM_NEG) cf_asm_add(J, row, p->off_ce + k, scale * g->pj_dce[0] * p->dx[k] / L);
    }
    if (g->sei && g->prm.resistivity_ohm_m > 0) {
        cf_asm_add(J, row, g->i_n, scale * g->pj_dn[0]);
        add_djm(p, J, y, row, scale * g->pj_djm[0]);
    }
}

/* Plated and dead lithium rows (residual, or Jacobian when J). */
static void opl_rows(cf_plan *p, const double *y, const double *yp, double *F, double cj, cf_asm *J)
{
    cf_ageing *g = p->ageing;
    int ip = g->i_pl, id = g->i_dead;
    double dg, rate = cf_plating_dead_rate(p, g->sei ? y[g->i_n] : 0.0, &dg), f = lam_share(p, 0, y), a = g->a * f;
    int irr = g->pl.model == CF_PLATING_IRREVERSIBLE;
    if (!J) {
        double src = a * g->pj[0] / FARADAY;
        F[ip] = yp[ip] + (irr ? 0.0 : src + rate * y[ip]);
        F[id] = yp[id] + (irr ? src : -rate * y[ip]);
        return;
    }
    cf_asm_add(J, ip, ip, cj);
    cf_asm_add(J, id, id, cj);
    if (cf_lam_on(p, 0)) cf_asm_add(J, irr ? id : ip, g->i_f[0], g->a * g->pj[0] / FARADAY);
    if (irr) {
        add_dopl(p, J, y, id, a / FARADAY);
        return;
    }
    add_dopl(p, J, y, ip, a / FARADAY);
    cf_asm_add(J, ip, ip, rate);
    cf_asm_add(J, id, ip, -rate);
    if (g->sei) {
        cf_asm_add(J, ip, g->i_n, dg * y[ip]);
        cf_asm_add(J, id, g->i_n, -dg * y[ip]);
    }
}

/* The intercalation current density (A/m2) into phase i's particle: the
 * blend's own unknown, or for one material the electrode's jbar less the
 * negative's side reactions (as its particle rows take it). */
static double intercalation_current(const cf_plan *p, int s, int i, const double *y)
{
    double j = phase_current(p, s, i, y);
    if (s == 0 && p->side[s].nph == 1 && cf_sei_on(p)) j -= p->ageing->j[0];
    if (s == 0 && p->side[s].nph == 1 && cf_okane_plating_on(p)) j -= p->ageing->pj[0];
    return j;
}
/* Adds scale * d intercalation_current(s, i) to row `row`. */
static void add_dintercalation(cf_plan *p, cf_asm *J, int s, int i, const double *y, int row, double scale)
{
    const cf_side *sd = &p->side[s];
    if (sd->nph > 1) {
        cf_asm_add(J, row, sd->i_j[i], scale);
        return;
    }
    add_djbar(p, J, s, y, row, scale);
    if (s == 0 && cf_sei_on(p)) add_dsei(p, J, y, row, -scale);
    if (s == 0 && cf_okane_plating_on(p)) add_dopl(p, J, y, row, -scale);
}

/* Loss of active material of side s: F_f = f' - rate, F_m = m' + S rate,
 * rate = the local terms (ageing_lam.c) + the reaction-driven share of the
 * SEI current a f j_sei; with J, the Jacobian of both rows instead. */
static void lam_rows(cf_plan *p, int s, const double *y, const double *yp, double *F, double cj, cf_asm *J)
{
    const cf_side *sd = &p->side[s];
    const cf_ageing *g = p->ageing;
    int il = g->i_f[s];
    double f = y[il], cr = cf_lam_reaction_coeff(p, s), a = s == 0 && cf_sei_on(p) ? g->a : 0.0;
    double jsei = a > 0 ? g->j[0] : 0.0;
    /* volume-driven: from the phases' intercalation currents */
    double jv[CF_MAX_PHASES], dv[CF_MAX_PHASES], dv_df;
    for (int i = 0; i < sd->nph; i++) jv[i] = intercalation_current(p, s, i, y);
    double rv = cf_lam_volume_rate(p, s, f, jv, dv, &dv_df);
    double rate = cf_lam_local_rate(p, s, y, sd->off_cs, il, NULL, 0, 0.0) + cr * a * f * jsei + rv;
    double S = cf_lam_lithium(p, s, y, sd->off_cs, NULL, 0, 0.0);
    if (!J) {
        F[il] = yp[il] - rate;
        F[il + 1] = yp[il + 1] + S * rate;
        return;
    }
    cf_asm_add(J, il, il, cj);
    cf_asm_add(J, il + 1, il + 1, cj);
    for (int r = 0; r < 2; r++) {
        int row = il + r;
        double sc = r == 0 ? -1.0 : S;
        cf_lam_local_rate(p, s, y, sd->off_cs, il, J, row, sc);
        if (a > 0) {
            cf_asm_add(J, row, il, sc * cr * a * jsei);
            add_dsei(p, J, y, row, sc * cr * a * f);
        }
        if (g->lam[s] & CF_LAM_VOLUME) {
            cf_asm_add(J, row, il, sc * dv_df);
            for (int i = 0; i < sd->nph; i++) add_dintercalation(p, J, s, i, y, row, sc * dv[i]);
            if (p->iT >= 0) cf_asm_add(J, row, p->iT, sc * rv * g->lam_dlnarr[s]);
        }
    }
    cf_lam_lithium(p, s, y, sd->off_cs, J, il + 1, rate);
}

/* A blend's reactions per volume on the as-built surface (A/m3): the
 * phases' and, on the negative, the SEI's and plating's. */
static double blend_surface_reaction(const cf_plan *p, int s, const double *y)
{
    const cf_side *sd = &p->side[s];
    double u = 0.0;
    for (int i = 0; i < sd->nph; i++) u += sd->a[i] * y[sd->i_j[i]];
    if (s == 0 && cf_sei_on(p)) u += p->ageing->a * p->ageing->j[0];
    if (s == 0 && cf_okane_plating_on(p)) u += p->ageing->a * p->ageing->pj[0];
    return u;
}

/* Residuals of the kinetics rows of side s:
 *   single: F_dphi = dphi - U(c_surf) - <eta>(jbar)
 *   blend:  F_dphi = sum_i a_i j_i -+ I/(A L);  F_ji = dphi - U_i - <eta_i>(j_i) */
static void kinetics_rows(cf_plan *p, int s, double t, const double *y, double *F)
{
    const cf_side *sd = &p->side[s];
    const double *ce = p->opt.kind == CF_MODEL_SPME ? y + p->off_ce : NULL;
    double dphi = y[sd->i_dphi], d1, d2;
    if (sd->nph == 1) {
        double wl, wp, cs = cf_spm_surface(p, s, 0, y, t, &wl, &wp);
        double U = phase_ocp(p, s, 0, cs, NULL, NULL), j = phase_current(p, s, 0, y);
        /* PyBaMM's inverse kinetics: the total current through the SEI film */
        F[sd->i_dphi] = dphi - U - mean_eta(p, s, 0, j, cs, ce, 0, &d1, &d2, NULL, NULL) - j * film_r(p, s, y);
        return;
    }
    double r = film_r(p, s, y);
    for (int i = 0; i < sd->nph; i++) {
        double wl, wp, cs = cf_spm_surface(p, s, i, y, t, &wl, &wp), j = y[sd->i_j[i]];
        double U = phase_ocp(p, s, i, cs, NULL, NULL);
        F[sd->i_j[i]] = dphi - U - mean_eta(p, s, i, j, cs, ce, 0, &d1, &d2, NULL, NULL) - j * r;
    }
    F[sd->i_dphi] = lam_share(p, s, y) * blend_surface_reaction(p, s, y) -
                    side_sign(s) * y[p->iI] / (p->cell->area_m2 * side_L(p, s));
}

static void kinetics_jacobian(cf_plan *p, int s, double t, const double *y, cf_asm *J)
{
    const cf_side *sd = &p->side[s];
    const double *ce = p->opt.kind == CF_MODEL_SPME ? y + p->off_ce : NULL;
    double A = p->cell->area_m2, L = side_L(p, s), sg = side_sign(s);
    double *dce = p->w_G;
    for (int i = 0; i < sd->nph; i++) {
        double wl, wp, cs = cf_spm_surface(p, s, i, y, t, &wl, &wp), dU, UT;
        phase_ocp(p, s, i, cs, &dU, p->iT >= 0 ? &UT : NULL);
        for (int k = 0; k < p->nx; k++) dce[k] = 0.0;
        double de_dj, de_dcs, de_dT;
        mean_eta(p, s, i, phase_current(p, s, i, y), cs, ce, -1.0, &de_dj, &de_dcs, dce, p->iT >= 0 ? &de_dT : NULL);
        int row = sd->nph == 1 ? sd->i_dphi : sd->i_j[i];
        int last = sd->off_cs[i] + sd->pm[i].nr - 1;
        cf_asm_add(J, row, sd->i_dphi, 1.0);
        if (p->iT >= 0) cf_asm_add(J, row, p->iT, -(UT + de_dT));
        cf_asm_add(J, row, last, -(dU + de_dcs) * wl);
        cf_asm_add(J, row, last - 1, -(dU + de_dcs) * wp);
        if (ce)
            for (int k = 0; k < p->nx; k++) cf_asm_add(J, row, p->off_ce + k, dce[k]);
        double r = film_r(p, s, y);
        if (sd->nph == 1) {
            add_djbar(p, J, s, y, row, -(de_dj + r));
        } else {
            cf_asm_add(J, row, sd->i_j[i], -de_dj - r);
            cf_asm_add(J, sd->i_dphi, sd->i_j[i], sd->a[i] * lam_share(p, s, y));
        }
        if (s == 0 && cf_sei_on(p)) /* the film thickens with the SEI lithium */
            cf_asm_add(J, row, p->ageing->i_n, -phase_current(p, s, i, y) * film_dr_dn(p, y));
    }
    if (sd->nph > 1) cf_asm_add(J, sd->i_dphi, p->iI, -sg / (A * L));
    double f = lam_share(p, s, y);
    if (sd->nph > 1 && cf_lam_on(p, s)) cf_asm_add(J, sd->i_dphi, p->ageing->i_f[s], blend_surface_reaction(p, s, y));
    if (s == 0 && sd->nph > 1 && cf_sei_on(p)) add_dsei(p, J, y, sd->i_dphi, p->ageing->a * f);
    if (s == 0 && sd->nph > 1 && cf_okane_plating_on(p)) add_dopl(p, J, y, sd->i_dphi, p->ageing->a * f);
}

/* ---- voltage: V = dphi_p - dphi_n [+ SPMe electrolyte and solid terms] ----
 * SPMe terms (PyBaMM's default SPMe, docs/pybamm-discretisation.md §6):
 *   eta_c  = 2(1-t+)chi/f * (<ln c_e>_p - <ln c_e>_n)
 *   dphi_e = -(I/A) (L_n/(3 tor_n) + L_s/tor_s + L_p/(3 tor_p)) / kappa(cbar),
 *            cbar = <eps c_e> <1/eps> as PyBaMM forms it
 *   dphi_s = -(I/A) (L_n/(3 sigma_n) + L_p/(3 sigma_p))                        */
typedef struct {
    double V_model, dV_dI, dV_dT;
    double *dV_dce; /* nx entries */
} spm_voltage;

static int voltage(cf_plan *p, const double *y, spm_voltage *v)
{
    const cf_cell *c = p->cell;
    const cf_electrolyte *el = &c->electrolyte;
    double I = y[p->iI], A = c->area_m2;
    v->V_model = y[p->side[1].i_dphi] - y[p->side[0].i_dphi] - I * c->contact_resistance_ohm;
    v->dV_dI = -c->contact_resistance_ohm;
    v->dV_dT = 0;
    if (p->opt.kind != CF_MODEL_SPME) return 0;
    const double *ce = y + p->off_ce;
    double *wn = p->w_s1, *wpos = p->w_s2;
    double rs = c->neg.thickness_m / (3.0 * p->side[0].sigma_eff) + c->pos.thickness_m / (3.0 * p->side[1].sigma_eff);
    v->V_model -= rs * I / A;
    v->dV_dI -= rs / A;
    double kd = 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / p->f;
    double mln_n = domain_mean(p, ce, DOM_NEG, 1, wn);
    double mln_p = domain_mean(p, ce, DOM_POS, 1, wpos);
    v->V_model += kd * (mln_p - mln_n);
    v->dV_dT += kd / p->T * (mln_p - mln_n); /* kd is proportional to T */
    for (int k = 0; k < p->nx; k++) {
        double dl;
        spme_log_ce(ce[k], spme_log_floor(p), &dl);
        v->dV_dce[k] = kd * (wpos[k] - wn[k]) * dl;
    }
    double L = 0, sec = 0, sie = 0;
    for (int k = 0; k < p->nx; k++) {
        L += p->dx[k];
        sec += p->eps[k] * ce[k] * p->dx[k];
        sie += p->dx[k] / p->eps[k];
    }
    double c_bar = (sec / L) * (sie / L);
    double dk, g;
    double cb = cf_ce_floor(c_bar, CF_CE_FLOOR_TRANSPORT, &g);
    double kappa = cf_fn_eval(&el->conductivity, cb, p->T, &dk) * (1.0 - el->transport_reduction);
    dk *= g * (1.0 - el->transport_reduction);
    if (!(kappa > 0)) {
        p->failed_reason = 3;
        return 1;
    }
    double S = c->neg.thickness_m / (3.0 * pow(c->neg.porosity, c->neg.bruggeman_electrolyte)) +
               c->sep.thickness_m / pow(c->sep.porosity, c->sep.bruggeman_electrolyte) +
               c->pos.thickness_m / (3.0 * pow(c->pos.porosity, c->pos.bruggeman_electrolyte));
    v->V_model -= I / A * S / kappa;
    v->dV_dI -= S / (A * kappa);
    if (p->iT >= 0)
        v->dV_dT += I / A * S / (kappa * kappa) * (1.0 - el->transport_reduction) *
                    cf_thermal_fn_dT(&el->conductivity, cb, p->T);
    for (int k = 0; k < p->nx; k++)
        v->dV_dce[k] += I / A * S * dk / (kappa * kappa) * p->eps[k] * p->dx[k] / L * (sie / L);
    return 0;
}

/* ---- SPMe electrolyte diffusion ----
 * The edge diffusivity is cf_electrolyte_edge's harmonic mean of the nodes'
 * eps^b D_e(c_e, T) (at the transport floor, scaled for a gel), formed here
 * from each node's value once: the SPMe needs neither the edges'
 * conductivity nor their diffusion potential, which cf_electrolyte_edge
 * forms for the DFN (a quarter of a long SPMe run's time went there). */
static double node_D(const cf_plan *p, double c, int k, double *d_c, double *d_T)
{
    const cf_electrolyte *el = &p->cell->electrolyte;
    double t = (1.0 - el->transport_reduction) * p->epsb[k], g, d;
    double f = cf_ce_floor(c, CF_CE_FLOOR_TRANSPORT, &g);
    double D = t * cf_fn_eval(&el->diffusivity, f, p->T, &d);
    if (d_c) *d_c = t * d * g;
    if (d_T) *d_T = p->iT >= 0 ? t * cf_thermal_fn_dT(&el->diffusivity, f, p->T) : 0.0;
    return D;
}
/* 1 / (beta/Dl + (1-beta)/Dr), beta = dx_l / (dx_l + dx_r); its derivatives by Dl, Dr */
static double edge_D(const cf_plan *p, int e, double Dl, double Dr, double *da, double *db)
{
    double beta = p->dx[e - 1] / (p->dx[e - 1] + p->dx[e]);
    double m = 1.0 / (beta / Dl + (1.0 - beta) / Dr);
    *da = m * m * beta / (Dl * Dl);
    *db = m * m * (1.0 - beta) / (Dr * Dr);
    return m;
}

static void particle_rows(const cf_particle_mesh *m, double D, double flux_out, const double *cs,
                          const double *csp, double *F)
{
    double N_in = 0.0;
    for (int i = 0; i < m->nr; i++) {
        double N_out = (i < m->nr - 1) ? -D * (cs[i + 1] - cs[i]) / m->dr * m->area[i + 1] : flux_out * m->area[m->nr];
        F[i] = csp[i] + (N_out - N_in) * m->inv_vol[i];
        N_in = N_out;
    }
}

/* Needs the ageing currents of state y (sei_kinetics, opl_kinetics). */
double cf_spm_particle_current(cf_plan *p, int s, int i, const double *y)
{
    const cf_side *sd = &p->side[s];
    double j = phase_current(p, s, i, y);
    /* one material: the SEI's share of the electrode current is not intercalation */
    if (s == 0 && sd->nph == 1 && cf_sei_on(p)) j -= p->ageing->j[0];
    if (s == 0 && sd->nph == 1 && cf_okane_plating_on(p)) j -= p->ageing->pj[0];
    if (s == 0 && cf_crack_sei_on(p)) j -= p->ageing->jcv[0] / p->ageing->a; /* one material (cf_crack_validate) */
    return j;
}

int cf_spm_residual(cf_plan *p, double t, const double *y, const double *yp, double *F)
{
    const cf_cell *c = p->cell;
    double I = y[p->iI], A = c->area_m2;
    cf_step_start_prepare(p, t);
    if (p->iT >= 0) {
        if (!(y[p->iT] > 100.0 && y[p->iT] < 1000.0)) return 1; /* no kinetics at such a temperature */
        cf_thermal_set_T(p, y[p->iT]);
    }
    if (cf_sei_on(p)) {
        sei_kinetics(p, y);
        /* the SEI takes lithium as it grows */
        F[p->ageing->i_n] = yp[p->ageing->i_n] + lam_share(p, 0, y) * p->ageing->a * p->ageing->j[0] / FARADAY;
    }
    if (cf_okane_plating_on(p)) {
        opl_kinetics(p, y);
        opl_rows(p, y, yp, F, 0.0, NULL);
    }
    if (cf_crack_sei_on(p)) crack_kinetics(p, y);
    for (int s = 0; s < 2; s++)
        if (cf_crack_on(p, s)) crack_rows(p, s, y, yp, F, 0.0, NULL);
    for (int s = 0; s < 2; s++)
        if (cf_lam_on(p, s)) lam_rows(p, s, y, yp, F, 0.0, NULL);
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        kinetics_rows(p, s, t, y, F);
        for (int i = 0; i < sd->nph; i++) {
            double flux = phase_current(p, s, i, y) / FARADAY;
            /* one material: the SEI's share of the electrode current is not
             * intercalation (cf_spm_particle_current, in this order of rounding) */
            if (s == 0 && sd->nph == 1 && cf_sei_on(p)) flux -= p->ageing->j[0] / FARADAY;
            if (s == 0 && sd->nph == 1 && cf_okane_plating_on(p)) flux -= p->ageing->pj[0] / FARADAY;
            if (s == 0 && cf_crack_sei_on(p)) flux -= p->ageing->jcv[0] / p->ageing->a / FARADAY;
            int o = sd->off_cs[i];
            if (sd->pm[i].spectral)
                cf_particle_rows_spectral(p, sd, i, y + o, yp + o, flux * sd->pm[i].area[sd->pm[i].nr], F + o);
            else if (sd->Dvar[i])
                cf_particle_rows_var(p, sd, i, y + o, yp + o, flux * sd->pm[i].area[sd->pm[i].nr], F + o);
            else
                particle_rows(&sd->pm[i], sd->Ds[i], flux, y + o, yp + o, F + o);
        }
    }
    if (p->opt.kind == CF_MODEL_SPME) {
        const double *ce = y + p->off_ce;
        double flux_l = 0.0, Dl = p->nx > 1 ? node_D(p, ce[0], 0, NULL, NULL) : 0.0;
        for (int k = 0; k < p->nx; k++) {
            double flux_r = 0.0;
            if (k < p->nx - 1) { /* each node's D once: the right node's is the next edge's left */
                double Dr = node_D(p, ce[k + 1], k + 1, NULL, NULL), da, db;
                flux_r = edge_D(p, k + 1, Dl, Dr, &da, &db) * (ce[k + 1] - ce[k]) / p->h[k + 1];
                Dl = Dr;
            }
            /* the uniform reaction of each electrode, whatever its phases */
            double aj = p->dom[k] == DOM_SEP ? 0.0 : side_sign(SIDE_OF_DOM(p->dom[k])) * I / (A * side_L(p, SIDE_OF_DOM(p->dom[k])));
            F[p->off_ce + k] = p->eps[k] * yp[p->off_ce + k] - (flux_r - flux_l) / p->dx[k] -
                               (1 - c->electrolyte.t_plus) * aj / FARADAY;
            flux_l = flux_r;
        }
    }
    spm_voltage v;
    v.dV_dce = p->w_s3;
    if (voltage(p, y, &v)) return 1;
    F[p->iV] = y[p->iV] - v.V_model;
    F[p->iI] = cf_control_residual(p, t, y[p->iV], I);
    cf_counters_residual(p, y, yp, F);
    if (p->iT >= 0) cf_thermal_residual(p, y, yp, F);
    return 0;
}

static void particle_jac(const cf_particle_mesh *m, double D, double cj, int o, cf_asm *J)
{
    for (int i = 0; i < m->nr; i++) {
        double iv = m->inv_vol[i], diag = cj;
        if (i < m->nr - 1) {
            double g = D / m->dr * m->area[i + 1] * iv;
            diag += g;
            cf_asm_add(J, o + i, o + i + 1, -g);
        }
        if (i > 0) {
            double g = D / m->dr * m->area[i] * iv;
            diag += g;
            cf_asm_add(J, o + i, o + i - 1, -g);
        }
        cf_asm_add(J, o + i, o + i, diag);
    }
}

void cf_spm_jacobian(cf_plan *p, double t, const double *y, const double *yp, double cj, cf_asm *J)
{
    (void)yp;
    const cf_cell *c = p->cell;
    double A = c->area_m2;
    int spme = p->opt.kind == CF_MODEL_SPME;
    cf_step_start_prepare(p, t);
    if (p->iT >= 0) cf_thermal_set_T(p, y[p->iT]);
    if (cf_sei_on(p)) {
        sei_kinetics(p, y);
        int in = p->ageing->i_n;
        cf_asm_add(J, in, in, cj);
        add_dsei(p, J, y, in, lam_share(p, 0, y) * p->ageing->a / FARADAY);
        if (cf_lam_on(p, 0)) cf_asm_add(J, in, p->ageing->i_f[0], p->ageing->a * p->ageing->j[0] / FARADAY);
    }
    if (cf_okane_plating_on(p)) {
        opl_kinetics(p, y);
        opl_rows(p, y, yp, NULL, cj, J);
    }
    if (cf_crack_sei_on(p)) crack_kinetics(p, y);
    for (int s = 0; s < 2; s++)
        if (cf_crack_on(p, s)) crack_rows(p, s, y, yp, NULL, cj, J);
    for (int s = 0; s < 2; s++)
        if (cf_lam_on(p, s)) lam_rows(p, s, y, yp, NULL, cj, J);
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        kinetics_jacobian(p, s, t, y, J);
        /* particles: diffusion, and the surface flux j_i/F */
        for (int i = 0; i < sd->nph; i++) {
            const cf_particle_mesh *m = &sd->pm[i];
            if (m->spectral)
                cf_particle_jac_spectral(p, sd, i, y + sd->off_cs[i], cj, sd->off_cs[i], J);
            else if (sd->Dvar[i])
                cf_particle_jac_var(p, sd, i, y + sd->off_cs[i], cj, sd->off_cs[i], J);
            else
                particle_jac(m, sd->Ds[i], cj, sd->off_cs[i], J);
            if (p->iT >= 0) cf_thermal_particle_dT(p, sd, i, y + sd->off_cs[i], sd->off_cs[i], p->iT, J);
            int last = sd->off_cs[i] + m->nr - 1;
            double g = m->area[m->nr] * m->inv_vol[m->nr - 1] / FARADAY;
            if (sd->nph == 1) {
                add_djbar(p, J, s, y, last, g);
                if (s == 0 && cf_sei_on(p)) add_dsei(p, J, y, last, -g);
                if (s == 0 && cf_okane_plating_on(p)) add_dopl(p, J, y, last, -g);
                if (s == 0 && cf_crack_sei_on(p)) add_dcrack(p, J, y, last, -g / p->ageing->a);
            } else
                cf_asm_add(J, last, sd->i_j[i], g);
        }
    }

    if (spme) {
        const double *ce = y + p->off_ce;
        /* the nodes' D, dD/dc_e and dD/dT once (scratch: voltage() below refills w_s1, w_s2) */
        double *Dn = p->w_s1, *dDn = p->w_s2, *DTn = p->w_G;
        for (int k = 0; k < p->nx; k++) Dn[k] = node_D(p, ce[k], k, &dDn[k], &DTn[k]);
        for (int k = 0; k < p->nx; k++) {
            int row = p->off_ce + k;
            cf_asm_add(J, row, row, cj * p->eps[k]);
            for (int side = 0; side < 2; side++) {
                int e = side == 0 ? k + 1 : k;
                if (e <= 0 || e >= p->nx) continue;
                double sgn = side == 0 ? -1.0 / p->dx[k] : 1.0 / p->dx[k];
                double cl = ce[e - 1], cr = ce[e], h = p->h[e], da, db;
                double D = edge_D(p, e, Dn[e - 1], Dn[e], &da, &db);
                double grad = (cr - cl) / h;
                cf_asm_add(J, row, p->off_ce + e - 1, sgn * (da * dDn[e - 1] * grad - D / h));
                cf_asm_add(J, row, p->off_ce + e, sgn * (db * dDn[e] * grad + D / h));
                if (p->iT >= 0) cf_asm_add(J, row, p->iT, sgn * (da * DTn[e - 1] + db * DTn[e]) * grad);
            }
            double daj = p->dom[k] == DOM_SEP ? 0.0
                                              : side_sign(SIDE_OF_DOM(p->dom[k])) / (A * side_L(p, SIDE_OF_DOM(p->dom[k])));
            cf_asm_add(J, row, p->iI, -(1 - c->electrolyte.t_plus) * daj / FARADAY);
        }
    }

    spm_voltage v;
    v.dV_dce = p->w_s3;
    for (int k = 0; k < p->nx; k++) p->w_s3[k] = 0.0;
    voltage(p, y, &v);
    cf_asm_add(J, p->iV, p->iV, 1.0);
    cf_asm_add(J, p->iV, p->iI, -v.dV_dI);
    cf_asm_add(J, p->iV, p->side[1].i_dphi, -1.0);
    cf_asm_add(J, p->iV, p->side[0].i_dphi, 1.0);
    if (spme)
        for (int k = 0; k < p->nx; k++) cf_asm_add(J, p->iV, p->off_ce + k, -v.dV_dce[k]);
    if (p->iT >= 0) cf_asm_add(J, p->iV, p->iT, -v.dV_dT);
    cf_control_jacobian(p, t, y[p->iV], y[p->iI], p->iI, J);
    cf_counters_jacobian(p, y, cj, J);
    if (p->iT >= 0) cf_thermal_jacobian(p, y, cj, J);
}
