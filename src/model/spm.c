/* spm.c — single-particle models (SPM and SPMe) on the same core as the DFN.
 *
 * Each electrode is one representative particle carrying the electrode's
 * mean reaction current j = +-I / (A a L).  SPM uses the initial electrolyte
 * concentration everywhere; SPMe adds the electrolyte diffusion equation in x
 * with that uniform source and corrects the voltage for the electrolyte's
 * concentration overpotential and ohmic drop (see docs/models.md). */
#include <math.h>

#include "model/plan_internal.h"

#define FARADAY CF_FARADAY

typedef struct {
    double j, j0;              /* reaction current per ampere, exchange current */
    double U, dU;              /* OCP and dU/dc_surf                             */
} spm_side;

/* OCP and exchange current of one electrode's representative particle; j is
 * the reaction current per ampere of cell current (sign +1 negative, -1 positive). */
static int side_eval(const cf_plan *p, const cf_electrode *e, const cf_particle_mesh *m, double arr,
                     const double *cs, double ce, double sign, spm_side *s)
{
    double wl, wp;
    cf_particle_surface_weights(m, &wl, &wp);
    double c = wl * cs[m->nr - 1] + wp * cs[m->nr - 2];
    if (!(c > 0 && c < e->c_max) || !(ce > 0)) return 1;
    double a = 3.0 * e->active_fraction / e->particle_radius_m;
    s->j0 = cf_j0(e, arr, ce, c, NULL, NULL);
    s->j = sign / (p->cell->area_m2 * a * e->thickness_m);
    s->U = cf_fn_eval(&e->ocp, c / e->c_max, p->T, &s->dU);
    s->dU /= e->c_max;
    return 0;
}

static double asinh_eta(double f, double j, double j0, double *deta_dj, double *deta_dj0)
{
    double x = j / (2.0 * j0);
    double s = sqrt(1.0 + x * x);
    *deta_dj = (2.0 / f) / s / (2.0 * j0);
    *deta_dj0 = -(2.0 / f) / s * x / j0;
    return (2.0 / f) * asinh(x);
}

/* Everything the voltage row needs, with derivatives. */
typedef struct {
    double V_model;
    double dV_dI;
    double dV_dcs_n[2], dV_dcs_p[2]; /* w.r.t. the outer two shells */
    double *dV_dce;                  /* nx entries (SPMe), scratch in w_G */
} spm_voltage;

/* Mean of ln c_e over one domain, and the weights dx_k / L of its cells. */
static double domain_mean(const cf_plan *p, const double *ce, int dom, int use_log, double *w)
{
    double L = 0, s = 0;
    for (int k = 0; k < p->nx; k++)
        if (dom < 0 || p->dom[k] == dom) {
            L += p->dx[k];
            s += p->dx[k] * (use_log ? log(ce[k]) : ce[k]);
        }
    for (int k = 0; k < p->nx; k++) w[k] = (dom < 0 || p->dom[k] == dom) ? p->dx[k] / L : 0.0;
    return s / L;
}

/* Reaction overpotential of one electrode, averaged over its x cells as
 * PyBaMM's inverse kinetics do: eta_i = (2/f) asinh(jbar / (2 j0(c_e,i, c_surf))).
 * For the SPM (ce == NULL) c_e is the initial concentration.  Returns the mean
 * and its derivatives in I, c_surf and (added into dce, SPMe) each c_e,i. */
static double mean_eta(const cf_plan *p, const cf_electrode *e, double arr, int dom, double j_per_A, double I,
                       double cs, const double *ce, double sign_out, double *d_dI, double *d_dcs, double *dce)
{
    double f = p->f, jbar = j_per_A * I, sum = 0, sI = 0, scs = 0, L = 0;
    int count = ce ? p->nx : 1;
    for (int k = 0; k < count; k++) {
        if (ce && p->dom[k] != dom) continue;
        double w = ce ? p->dx[k] : 1.0;
        double c = ce ? ce[k] : p->cell->electrolyte.c_init;
        double dj0_dce, dj0_dcs, de_dj, de_dj0;
        double j0 = cf_j0(e, arr, c, cs, &dj0_dce, &dj0_dcs);
        double eta = asinh_eta(f, jbar, j0, &de_dj, &de_dj0);
        sum += w * eta;
        sI += w * de_dj * j_per_A;
        scs += w * de_dj0 * dj0_dcs;
        if (ce) dce[k] += sign_out * de_dj0 * dj0_dce; /* scaled by 1/L below */
        L += w;
    }
    if (ce)
        for (int k = 0; k < p->nx; k++)
            if (p->dom[k] == dom) dce[k] *= p->dx[k] / L;
    *d_dI = sI / L;
    *d_dcs = scs / L;
    return sum / L;
}

/* Voltage of the SPM and SPMe (PyBaMM's default SPMe: "composite"
 * electrolyte conductivity, inverse Butler–Volmer, docs/pybamm-discretisation.md §6):
 *   V = U_p - U_n + <eta_p> - <eta_n> + eta_c + dphi_e + dphi_s
 *   <eta_k> = x-average of (2/f) asinh(jbar_k / (2 j0_k(c_e,i))), c_e = c_e0 in the SPM
 *   eta_c  = 2(1-t+)chi/f * (<ln c_e>_p - <ln c_e>_n)
 *   dphi_e = -(I/A) (L_n/(3 tor_n) + L_s/tor_s + L_p/(3 tor_p)) / kappa(cbar)
 *            with PyBaMM's cbar = <eps c_e> <1/eps>
 *   dphi_s = -(I/A) (L_n/(3 sigma_n) + L_p/(3 sigma_p))   (SPMe only)          */
static int voltage(cf_plan *p, const double *y, spm_voltage *v)
{
    const cf_cell *c = p->cell;
    const cf_electrolyte *el = &c->electrolyte;
    double I = y[p->iI], A = c->area_m2;
    const double *csn = y + p->off_csn, *csp = y + p->off_csp;
    const double *ce = p->opt.kind == CF_MODEL_SPME ? y + p->off_ce : NULL;
    double *wn = p->w_dj_dcs, *wpos = p->w_dj_dce; /* scratch (nx each) */
    if (ce)
        for (int k = 0; k < p->nx; k++) {
            if (!(ce[k] > 0)) {
                p->failed_reason = 3;
                return 1;
            }
            v->dV_dce[k] = 0.0;
        }
    spm_side n, s;
    if (side_eval(p, &c->neg, &p->pn, p->arr_j0_n, csn, el->c_init, 1.0, &n)) { p->failed_reason = 1; return 1; }
    if (side_eval(p, &c->pos, &p->pp, p->arr_j0_p, csp, el->c_init, -1.0, &s)) { p->failed_reason = 2; return 1; }
    double wl, wp;
    cf_particle_surface_weights(&p->pn, &wl, &wp);
    double cn = wl * csn[p->pn.nr - 1] + wp * csn[p->pn.nr - 2];
    double cp = wl * csp[p->pp.nr - 1] + wp * csp[p->pp.nr - 2];
    double dn_dI, dn_dcs, dp_dI, dp_dcs;
    double eta_n = mean_eta(p, &c->neg, p->arr_j0_n, DOM_NEG, n.j, I, cn, ce, -1.0, &dn_dI, &dn_dcs, v->dV_dce);
    double eta_p = mean_eta(p, &c->pos, p->arr_j0_p, DOM_POS, s.j, I, cp, ce, 1.0, &dp_dI, &dp_dcs, v->dV_dce);
    v->V_model = s.U - n.U + eta_p - eta_n;
    v->dV_dI = dp_dI - dn_dI;
    double dVdcn = -n.dU - dn_dcs;
    double dVdcp = s.dU + dp_dcs;
    v->dV_dcs_n[0] = dVdcn * wl; v->dV_dcs_n[1] = dVdcn * wp;
    v->dV_dcs_p[0] = dVdcp * wl; v->dV_dcs_p[1] = dVdcp * wp;
    if (!ce) return 0;
    /* The solid-phase ohmic term appears in PyBaMM's SPMe (composite ohm), not its SPM. */
    double rs = c->neg.thickness_m / (3.0 * p->sigma_eff_n) + c->pos.thickness_m / (3.0 * p->sigma_eff_p);
    v->V_model -= rs * I / A;
    v->dV_dI -= rs / A;

    double kd = 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / p->f;
    double mln_n = domain_mean(p, ce, DOM_NEG, 1, wn);
    double mln_p = domain_mean(p, ce, DOM_POS, 1, wpos);
    v->V_model += kd * (mln_p - mln_n);
    for (int k = 0; k < p->nx; k++) v->dV_dce[k] += kd * (wpos[k] - wn[k]) / ce[k];

    double L = 0, sec = 0, sie = 0;
    for (int k = 0; k < p->nx; k++) {
        L += p->dx[k];
        sec += p->eps[k] * ce[k] * p->dx[k];
        sie += p->dx[k] / p->eps[k];
    }
    double c_bar = (sec / L) * (sie / L);
    double dk;
    double kappa = cf_fn_eval(&el->conductivity, c_bar, p->T, &dk);
    if (!(kappa > 0)) {
        p->failed_reason = 3;
        return 1;
    }
    double S = c->neg.thickness_m / (3.0 * pow(c->neg.porosity, c->neg.bruggeman_electrolyte)) +
               c->sep.thickness_m / pow(c->sep.porosity, c->sep.bruggeman_electrolyte) +
               c->pos.thickness_m / (3.0 * pow(c->pos.porosity, c->pos.bruggeman_electrolyte));
    v->V_model -= I / A * S / kappa;
    v->dV_dI -= S / (A * kappa);
    for (int k = 0; k < p->nx; k++)
        v->dV_dce[k] += I / A * S * dk / (kappa * kappa) * p->eps[k] * p->dx[k] / L * (sie / L);
    return 0;
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

int cf_spm_residual(cf_plan *p, double t, const double *y, const double *yp, double *F)
{
    const cf_cell *c = p->cell;
    double I = y[p->iI], A = c->area_m2;
    double an = 3.0 * c->neg.active_fraction / c->neg.particle_radius_m;
    double ap = 3.0 * c->pos.active_fraction / c->pos.particle_radius_m;
    double jn = I / (A * an * c->neg.thickness_m), jp = -I / (A * ap * c->pos.thickness_m);
    spm_voltage v;
    v.dV_dce = p->w_G;
    if (voltage(p, y, &v)) return 1;
    particle_rows(&p->pn, p->Ds_n, jn / FARADAY, y + p->off_csn, yp + p->off_csn, F + p->off_csn);
    particle_rows(&p->pp, p->Ds_p, jp / FARADAY, y + p->off_csp, yp + p->off_csp, F + p->off_csp);
    if (p->opt.kind == CF_MODEL_SPME) {
        const double *ce = y + p->off_ce;
        double flux_l = 0.0;
        for (int k = 0; k < p->nx; k++) {
            double flux_r = 0.0;
            if (k < p->nx - 1) {
                cf_edge_coeffs ec;
                cf_electrolyte_edge(p, k + 1, ce[k], ce[k + 1], &ec);
                flux_r = ec.D * (ce[k + 1] - ce[k]) / p->h[k + 1];
            }
            double aj = p->dom[k] == DOM_NEG ? an * jn : (p->dom[k] == DOM_POS ? ap * jp : 0.0);
            F[p->off_ce + k] = p->eps[k] * yp[p->off_ce + k] - (flux_r - flux_l) / p->dx[k] -
                               (1 - c->electrolyte.t_plus) * aj / FARADAY;
            flux_l = flux_r;
        }
    }
    F[p->iV] = y[p->iV] - v.V_model;
    F[p->iI] = cf_control_residual(p, t, y[p->iV], I);
    cf_counters_residual(p, y, yp, F);
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

void cf_spm_jacobian(cf_plan *p, double t, const double *y, double cj, cf_asm *J)
{
    const cf_cell *c = p->cell;
    double A = c->area_m2;
    double an = 3.0 * c->neg.active_fraction / c->neg.particle_radius_m;
    double ap = 3.0 * c->pos.active_fraction / c->pos.particle_radius_m;
    double djn_dI = 1.0 / (A * an * c->neg.thickness_m), djp_dI = -1.0 / (A * ap * c->pos.thickness_m);
    spm_voltage v = {0};
    v.dV_dce = p->w_G;
    for (int k = 0; k < p->nx; k++) p->w_G[k] = 0.0;
    voltage(p, y, &v);

    particle_jac(&p->pn, p->Ds_n, cj, p->off_csn, J);
    particle_jac(&p->pp, p->Ds_p, cj, p->off_csp, J);
    int ln = p->off_csn + p->pn.nr - 1, lp = p->off_csp + p->pp.nr - 1;
    cf_asm_add(J, ln, p->iI, djn_dI / FARADAY * p->pn.area[p->pn.nr] * p->pn.inv_vol[p->pn.nr - 1]);
    cf_asm_add(J, lp, p->iI, djp_dI / FARADAY * p->pp.area[p->pp.nr] * p->pp.inv_vol[p->pp.nr - 1]);

    if (p->opt.kind == CF_MODEL_SPME) {
        const cf_electrolyte *el = &c->electrolyte;
        const double *ce = y + p->off_ce;
        for (int k = 0; k < p->nx; k++) {
            int row = p->off_ce + k;
            cf_asm_add(J, row, row, cj * p->eps[k]);
            for (int side = 0; side < 2; side++) {
                int e = side == 0 ? k + 1 : k;
                if (e <= 0 || e >= p->nx) continue;
                double sgn = side == 0 ? -1.0 / p->dx[k] : 1.0 / p->dx[k];
                double cl = ce[e - 1], cr = ce[e], h = p->h[e];
                cf_edge_coeffs ec;
                cf_electrolyte_edge(p, e, cl, cr, &ec);
                double grad = (cr - cl) / h;
                cf_asm_add(J, row, p->off_ce + e - 1, sgn * (ec.dD_dl * grad - ec.D / h));
                cf_asm_add(J, row, p->off_ce + e, sgn * (ec.dD_dr * grad + ec.D / h));
            }
            double daj = p->dom[k] == DOM_NEG ? an * djn_dI : (p->dom[k] == DOM_POS ? ap * djp_dI : 0.0);
            cf_asm_add(J, row, p->iI, -(1 - el->t_plus) * daj / FARADAY);
        }
    }

    cf_asm_add(J, p->iV, p->iV, 1.0);
    cf_asm_add(J, p->iV, p->iI, -v.dV_dI);
    cf_asm_add(J, p->iV, ln, -v.dV_dcs_n[0]);
    cf_asm_add(J, p->iV, ln - 1, -v.dV_dcs_n[1]);
    cf_asm_add(J, p->iV, lp, -v.dV_dcs_p[0]);
    cf_asm_add(J, p->iV, lp - 1, -v.dV_dcs_p[1]);
    if (p->opt.kind == CF_MODEL_SPME)
        for (int k = 0; k < p->nx; k++) cf_asm_add(J, p->iV, p->off_ce + k, -v.dV_dce[k]);
    cf_control_jacobian(p, t, y[p->iV], y[p->iI], p->iI, J);
    cf_counters_jacobian(p, y, cj, J);
}
