/* dfn.c — the Doyle–Fuller–Newman (P2D) model: residual and analytic Jacobian.
 *
 * Finite volumes in x (negative | separator | positive) and in r (spherical
 * particles, one per electrode cell).  Equations (SI, isothermal):
 *   particles   dc_s/dt = 1/r^2 d/dr(r^2 D_s dc_s/dr),  -D_s dc_s/dr|_R = j/F
 *   electrolyte eps dc_e/dt = d/dx(eps^b D_e dc_e/dx) + (1-t+) a j / F
 *   charge      d i_e/dx = a j,   i_e = -eps^b kappa (dphi_e/dx - 2RT/F (1-t+) chi dln c_e/dx)
 *               d i_s/dx = -a j,  i_s = -sigma_eff dphi_s/dx
 *   kinetics    j = j0 [exp(alpha f eta) - exp(-(1-alpha) f eta)],  eta = phi_s - phi_e - U
 * Boundary conditions: no flux of Li+ or ionic current at the collectors;
 * phi_s = 0 at x = 0; i_s = I/A at x = L.  V = phi_s(L) from the last cell
 * and the boundary gradient. */
#include <math.h>

#include "model/plan_internal.h"

#define FARADAY CF_FARADAY

static inline int is_electrode(const cf_plan *p, int k) { return p->dom[k] != DOM_SEP; }

/* Unknown indices inside x cell k. */
static inline int idx_ce(const cf_plan *p, int k)
{
    if (!is_electrode(p, k)) return p->off[k];
    return p->off[k] + (p->dom[k] == DOM_NEG ? p->pn.nr : p->pp.nr);
}
static inline int idx_phie(const cf_plan *p, int k) { return idx_ce(p, k) + 1; }
static inline int idx_phis(const cf_plan *p, int k) { return idx_ce(p, k) + 2; }

/* Kinetics of electrode cell k: fills w_j and the derivatives. Returns 1 when
 * the state is outside the physical range (IDA then retries a smaller step). */
static int cell_kinetics(cf_plan *p, int k, const double *y)
{
    const cf_electrode *e = p->dom[k] == DOM_NEG ? &p->cell->neg : &p->cell->pos;
    const cf_particle_mesh *m = p->dom[k] == DOM_NEG ? &p->pn : &p->pp;
    double arr = p->dom[k] == DOM_NEG ? p->arr_j0_n : p->arr_j0_p;
    int o = p->off[k], nr = m->nr;
    double wl, wp;
    cf_particle_surface_weights(m, &wl, &wp);
    double cs = wl * y[o + nr - 1] + wp * y[o + nr - 2];
    double ce = y[o + nr];
    if (!(cs > 0 && cs < e->c_max)) {
        p->failed_reason = p->dom[k] == DOM_NEG ? 1 : 2;
        return 1;
    }
    if (!(ce > 0)) {
        p->failed_reason = 3;
        return 1;
    }
    double dU;
    double U = cf_fn_eval(&e->ocp, cs / e->c_max, p->T, &dU);
    double dj0_dce, dj0_dcs;
    double j0 = cf_j0(e, arr, ce, cs, &dj0_dce, &dj0_dcs);
    double eta = y[o + nr + 2] - y[o + nr + 1] - U;
    double dj_deta;
    double j = cf_bv_current(j0, eta, e->alpha, p->f, &dj_deta);
    double dj_dj0 = j0 > 0 ? j / j0 : 0.0;
    p->w_j[k] = j;
    p->w_dj_deta[k] = dj_deta;
    p->w_dj_dce[k] = dj_dj0 * dj0_dce;
    p->w_dj_dcs[k] = dj_dj0 * dj0_dcs - dj_deta * dU / e->c_max;
    return 0;
}

/* Electrolyte fluxes at the internal edges (ends carry no flux). */
static void electrolyte_edges(cf_plan *p, const double *y)
{
    p->w_G[0] = p->w_G[p->nx] = 0.0;
    p->w_ie[0] = p->w_ie[p->nx] = 0.0;
    for (int e = 1; e < p->nx; e++) {
        int kl = e - 1, kr = e;
        double cl = y[idx_ce(p, kl)], cr = y[idx_ce(p, kr)];
        double pl = y[idx_phie(p, kl)], pr = y[idx_phie(p, kr)];
        cf_edge_coeffs ec;
        cf_electrolyte_edge(p, e, cl, cr, &ec);
        double h = p->h[e];
        p->w_G[e] = ec.D * (cr - cl) / h;
        p->w_ie[e] = -ec.K * ((pr - pl) / h - ec.H * (cr - cl) / h);
    }
}

int cf_dfn_residual(cf_plan *p, double t, const double *y, const double *yp, double *F)
{
    const cf_cell *c = p->cell;
    const double tp = c->electrolyte.t_plus;
    const double A = c->area_m2;
    const double I = y[p->iI];
    for (int k = 0; k < p->nx; k++) {
        if (is_electrode(p, k)) {
            if (cell_kinetics(p, k, y)) return 1;
        } else {
            p->w_j[k] = 0.0;
            if (!(y[idx_ce(p, k)] > 0)) {
                p->failed_reason = 3;
                return 1;
            }
        }
    }
    electrolyte_edges(p, y);

    for (int k = 0; k < p->nx; k++) {
        double aj = p->a[k] * p->w_j[k];
        int ice = idx_ce(p, k), ipe = idx_phie(p, k);
        F[ice] = p->eps[k] * yp[ice] - (p->w_G[k + 1] - p->w_G[k]) / p->dx[k] - (1 - tp) * aj / FARADAY;
        F[ipe] = (p->w_ie[k + 1] - p->w_ie[k]) / p->dx[k] - aj;
        if (!is_electrode(p, k)) continue;

        /* particle: shells 0..nr-1, outward molar flux j/F at the surface */
        const cf_particle_mesh *m = p->dom[k] == DOM_NEG ? &p->pn : &p->pp;
        double D = p->dom[k] == DOM_NEG ? p->Ds_n : p->Ds_p;
        int o = p->off[k], nr = m->nr;
        double N_in = 0.0; /* r^2 * flux at the inner edge */
        for (int i = 0; i < nr; i++) {
            double N_out = (i < nr - 1) ? -D * (y[o + i + 1] - y[o + i]) / m->dr * m->area[i + 1]
                                        : p->w_j[k] / FARADAY * m->area[nr];
            F[o + i] = yp[o + i] + (N_out - N_in) * m->inv_vol[i];
            N_in = N_out;
        }

        /* solid phase: i_s at the two faces of cell k */
        double sigma = p->dom[k] == DOM_NEG ? p->sigma_eff_n : p->sigma_eff_p;
        int ips = idx_phis(p, k);
        int first = p->dom[k] == DOM_NEG ? 0 : p->n_neg + p->n_sep;
        int last = p->dom[k] == DOM_NEG ? p->n_neg - 1 : p->nx - 1;
        double is_left, is_right;
        if (k == first)
            is_left = (p->dom[k] == DOM_NEG) ? -sigma * y[ips] / (0.5 * p->dx[k]) : 0.0;
        else
            is_left = -sigma * (y[ips] - y[idx_phis(p, k - 1)]) / p->dx[k];
        if (k == last)
            is_right = (p->dom[k] == DOM_NEG) ? 0.0 : I / A;
        else
            is_right = -sigma * (y[idx_phis(p, k + 1)] - y[ips]) / p->dx[k];
        F[ips] = (is_right - is_left) / p->dx[k] + aj;
    }

    /* V = phi_s at x = L by linear extrapolation from the last two cells (as
     * PyBaMM's boundary_value without boundary conditions). */
    int kL = p->nx - 1;
    F[p->iV] = y[p->iV] - (1.5 * y[idx_phis(p, kL)] - 0.5 * y[idx_phis(p, kL - 1)]);
    F[p->iI] = cf_control_residual(p, t, y[p->iV], I);
    cf_counters_residual(p, y, yp, F);
    return 0;
}

/* Adds the derivatives of `scale * j_k` to row `row`. */
static void add_dj(cf_plan *p, cf_asm *J, int row, int k, double scale)
{
    const cf_particle_mesh *m = p->dom[k] == DOM_NEG ? &p->pn : &p->pp;
    int o = p->off[k], nr = m->nr;
    double wl, wp;
    cf_particle_surface_weights(m, &wl, &wp);
    cf_asm_add(J, row, o + nr - 2, scale * p->w_dj_dcs[k] * wp);
    cf_asm_add(J, row, o + nr - 1, scale * p->w_dj_dcs[k] * wl);
    cf_asm_add(J, row, o + nr, scale * p->w_dj_dce[k]);
    cf_asm_add(J, row, o + nr + 1, -scale * p->w_dj_deta[k]);
    cf_asm_add(J, row, o + nr + 2, scale * p->w_dj_deta[k]);
}

void cf_dfn_jacobian(cf_plan *p, double t, const double *y, double cj, cf_asm *J)
{
    const cf_cell *c = p->cell;
    const double tp = c->electrolyte.t_plus;
    const double A = c->area_m2;
    for (int k = 0; k < p->nx; k++)
        if (is_electrode(p, k)) cell_kinetics(p, k, y);

    for (int k = 0; k < p->nx; k++) {
        int ice = idx_ce(p, k), ipe = idx_phie(p, k);
        double inv_dx = 1.0 / p->dx[k];

        /* electrolyte rows: contributions of the right (+) and left (-) edges */
        cf_asm_add(J, ice, ice, cj * p->eps[k]);
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
            cf_electrolyte_edge(p, e, cl, cr, &ec);
            double grad = (cr - cl) / h;
            double Q = (pr - pl) / h - ec.H * grad; /* ie = -K Q */
            /* G = D * grad */
            cf_asm_add(J, ice, icl, sgn * (ec.dD_dl * grad - ec.D / h));
            cf_asm_add(J, ice, icr, sgn * (ec.dD_dr * grad + ec.D / h));
            /* F_pe = (ie_r - ie_l)/dx: sign flips relative to F_ce */
            double s2 = -sgn;
            cf_asm_add(J, ipe, icl, s2 * (-ec.dK_dl * Q + ec.K * (ec.dH_dl * grad - ec.H / h)));
            cf_asm_add(J, ipe, icr, s2 * (-ec.dK_dr * Q + ec.K * (ec.dH_dr * grad + ec.H / h)));
            cf_asm_add(J, ipe, idx_phie(p, kl), s2 * (ec.K / h));
            cf_asm_add(J, ipe, idx_phie(p, kr), s2 * (-ec.K / h));
        }
        if (!is_electrode(p, k)) continue;

        double a = p->a[k];
        add_dj(p, J, ice, k, -(1 - tp) * a / FARADAY);
        add_dj(p, J, ipe, k, -a);

        /* particle rows */
        const cf_particle_mesh *m = p->dom[k] == DOM_NEG ? &p->pn : &p->pp;
        double D = p->dom[k] == DOM_NEG ? p->Ds_n : p->Ds_p;
        int o = p->off[k], nr = m->nr;
        for (int i = 0; i < nr; i++) {
            double iv = m->inv_vol[i];
            double diag = cj;
            if (i < nr - 1) {
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
        add_dj(p, J, o + nr - 1, k, m->area[nr] * m->inv_vol[nr - 1] / FARADAY);

        /* solid-phase row */
        double sigma = p->dom[k] == DOM_NEG ? p->sigma_eff_n : p->sigma_eff_p;
        int ips = idx_phis(p, k);
        int first = p->dom[k] == DOM_NEG ? 0 : p->n_neg + p->n_sep;
        int last = p->dom[k] == DOM_NEG ? p->n_neg - 1 : p->nx - 1;
        double g = sigma / p->dx[k] * inv_dx;
        double diag = 0.0;
        if (k == first) {
            if (p->dom[k] == DOM_NEG) diag += 2.0 * g; /* Dirichlet phi_s = 0 half a cell away */
        } else {
            diag += g;
            cf_asm_add(J, ips, idx_phis(p, k - 1), -g);
        }
        if (k == last) {
            if (p->dom[k] == DOM_POS) cf_asm_add(J, ips, p->iI, inv_dx / A);
        } else {
            diag += g;
            cf_asm_add(J, ips, idx_phis(p, k + 1), -g);
        }
        cf_asm_add(J, ips, ips, diag);
        add_dj(p, J, ips, k, a);
    }

    int kL = p->nx - 1;
    cf_asm_add(J, p->iV, p->iV, 1.0);
    cf_asm_add(J, p->iV, idx_phis(p, kL), -1.5);
    cf_asm_add(J, p->iV, idx_phis(p, kL - 1), 0.5);
    cf_control_jacobian(p, t, y[p->iV], y[p->iI], p->iI, J);
    cf_counters_jacobian(p, y, cj, J);
}
