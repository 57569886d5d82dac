/* model_common.c — pieces shared by SPM, SPMe and DFN: particle mesh,
 * Butler–Volmer kinetics, the control row and the charge/energy counters. */
#include <math.h>
#include <stdlib.h>

#include "model/plan_internal.h"

int cf_particle_mesh_init(cf_particle_mesh *m, int nr, double R)
{
    m->nr = nr;
    m->R = R;
    m->dr = R / nr;
    m->area = malloc((size_t)(nr + 1) * sizeof(double));
    m->inv_vol = malloc((size_t)nr * sizeof(double));
    m->vol = malloc((size_t)nr * sizeof(double));
    if (!m->area || !m->inv_vol || !m->vol) return CF_ENOMEM;
    for (int i = 0; i <= nr; i++) {
        double r = i * m->dr;
        m->area[i] = r * r;
    }
    for (int i = 0; i < nr; i++) {
        double r0 = i * m->dr, r1 = (i + 1) * m->dr;
        m->vol[i] = (r1 * r1 * r1 - r0 * r0 * r0) / 3.0;
        m->inv_vol[i] = 1.0 / m->vol[i];
    }
    return CF_OK;
}

void cf_particle_mesh_free(cf_particle_mesh *m)
{
    free(m->area);
    free(m->inv_vol);
    free(m->vol);
    free(m->node_s);
    free(m->Ds);
    free(m->Kq);
    free(m->A0);
    m->area = m->inv_vol = m->vol = m->node_s = m->Ds = m->Kq = m->A0 = NULL;
}

/* Linear extrapolation of the outer two cell-centre values to r = R:
 * c_surf = c_{N-1} + (c_{N-1} - c_{N-2}) * (R - r_{N-1}) / dr = 1.5 c_{N-1} - 0.5 c_{N-2}
 * on a uniform mesh (PyBaMM's default "linear" boundary-value extrapolation). */
void cf_particle_surface_weights(const cf_particle_mesh *m, double *w_last, double *w_prev)
{
    if (m->nr < 2 || m->spectral) { /* spectral: the last node is on the surface */
        *w_last = 1.0;
        *w_prev = 0.0;
        return;
    }
    *w_last = 1.5;
    *w_prev = -0.5;
}

double cf_particle_surface(const cf_particle_mesh *m, const double *cs)
{
    double wl, wp;
    cf_particle_surface_weights(m, &wl, &wp);
    return wl * cs[m->nr - 1] + wp * cs[m->nr - 2];
}

double cf_bv_current(double j0, double eta, double alpha, double f, double *dj_deta)
{
    /* symmetric kinetics (alpha = 1/2, nearly every cell): one exp */
    double ea = exp(alpha * f * eta), eb = alpha == 0.5 ? 1.0 / ea : exp(-(1.0 - alpha) * f * eta);
    if (dj_deta) *dj_deta = j0 * f * (alpha * ea + (1.0 - alpha) * eb);
    return j0 * (ea - eb);
}

double cf_j0(const cf_phase *e, double arr, double ce, double cs, double *dj0_dce, double *dj0_dcs)
{
    /* j0 = k c_e^1/2 c_s^1/2 (c_max - c_s)^1/2; the caller guarantees
     * 0 < c_s < c_max and c_e > 0 (the residual rejects other states). */
    double k = e->j0_ref * arr;
    double se = sqrt(ce), ss = sqrt(cs), sm = sqrt(e->c_max - cs);
    double j0 = k * se * ss * sm;
    if (dj0_dce) *dj0_dce = 0.5 * j0 / ce;
    if (dj0_dcs) *dj0_dcs = 0.5 * j0 * (1.0 / cs - 1.0 / (e->c_max - cs));
    return j0;
}

double cf_segment_value_at(const cf_segment *s, double tau)
{
    if (!s->series_t || s->series_n < 1) return s->value;
    const double *t = s->series_t, *v = s->series_v;
    int n = s->series_n;
    if (tau <= t[0]) return v[0];
    if (tau >= t[n - 1]) return v[n - 1];
    int lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (t[mid] <= tau) lo = mid; else hi = mid;
    }
    double w = (tau - t[lo]) / (t[hi] - t[lo]);
    return v[lo] + w * (v[hi] - v[lo]);
}

double cf_control_residual(const cf_plan *p, double t, double V, double I)
{
    const cf_segment *s = &p->seg;
    double target = cf_segment_value_at(s, t - p->seg_t0);
    switch (s->mode) {
    case CF_CONTROL_VOLTAGE: return V - target;
    case CF_CONTROL_POWER: return I * V - target;
    case CF_CONTROL_RESISTANCE: return V - I * target;
    case CF_CONTROL_CURRENT:
    default: return I - target;
    }
}

void cf_control_jacobian(const cf_plan *p, double t, double V, double I, int row, cf_asm *J)
{
    const cf_segment *s = &p->seg;
    double dV = 0, dI = 0;
    switch (s->mode) {
    case CF_CONTROL_VOLTAGE: dV = 1; break;
    case CF_CONTROL_POWER: dV = I; dI = V; break;
    case CF_CONTROL_RESISTANCE: dV = 1; dI = -cf_segment_value_at(s, t - p->seg_t0); break;
    case CF_CONTROL_CURRENT:
    default: dI = 1; break;
    }
    /* Both entries are always added so the pattern is the same for every mode. */
    cf_asm_add(J, row, p->iV, dV);
    cf_asm_add(J, row, p->iI, dI);
}

void cf_counters_residual(const cf_plan *p, const double *y, const double *yp, double *F)
{
    double V = y[p->iV], I = y[p->iI];
    F[p->iQ] = yp[p->iQ] - I / 3600.0;
    F[p->iE] = yp[p->iE] - I * V / 3600.0;
}

void cf_counters_jacobian(const cf_plan *p, const double *y, double cj, cf_asm *J)
{
    double V = y[p->iV], I = y[p->iI];
    cf_asm_add(J, p->iQ, p->iQ, cj);
    cf_asm_add(J, p->iQ, p->iI, -1.0 / 3600.0);
    cf_asm_add(J, p->iE, p->iE, cj);
    cf_asm_add(J, p->iE, p->iI, -V / 3600.0);
    cf_asm_add(J, p->iE, p->iV, -I / 3600.0);
}

/* Width-weighted harmonic mean 1/(beta/a + (1-beta)/b) and its derivatives. */
static double harmonic(double beta, double a, double b, double *da, double *db)
{
    double m = 1.0 / (beta / a + (1.0 - beta) / b);
    *da = m * m * beta / (a * a);
    *db = m * m * (1.0 - beta) / (b * b);
    return m;
}

void cf_electrolyte_edge(const cf_plan *p, int e, double cl, double cr, cf_edge_coeffs *o)
{
    const cf_electrolyte *el = &p->cell->electrolyte;
    double dxl = p->dx[e - 1], dxr = p->dx[e];
    double beta = dxl / (dxl + dxr); /* weight of the left node */
    /* a gel's polymer blocks part of the liquid's transport: scale eps^b */
    double gel = 1.0 - el->transport_reduction;
    double tl = gel * p->epsb[e - 1], tr = gel * p->epsb[e];
    double dDl, dDr, dkl, dkr, da, db;
    double Dl = tl * cf_fn_eval(&el->diffusivity, cl, p->T, &dDl);
    double Dr = tr * cf_fn_eval(&el->diffusivity, cr, p->T, &dDr);
    o->D = harmonic(beta, Dl, Dr, &da, &db);
    o->dD_dl = da * tl * dDl;
    o->dD_dr = db * tr * dDr;
    o->dD_dtl = gel * da * Dl / tl; /* w.r.t. the cell's eps^b */
    o->dD_dtr = gel * db * Dr / tr;
    double kl = tl * cf_fn_eval(&el->conductivity, cl, p->T, &dkl);
    double kr = tr * cf_fn_eval(&el->conductivity, cr, p->T, &dkr);
    if (p->opt.discretisation == CF_DISC_SPECTRAL) {
        /* the high-order scheme: the harmonic mean, as for D_e — eps^b kappa
         * jumps at the electrode/separator interfaces, where linear
         * interpolation makes x first order (docs/models.md) */
        o->K = harmonic(beta, kl, kr, &da, &db);
        o->dK_dl = da * tl * dkl;
        o->dK_dr = db * tr * dkr;
        o->dK_dtl = gel * da * kl / tl;
        o->dK_dtr = gel * db * kr / tr;
    } else {
        o->K = (1.0 - beta) * kl + beta * kr;
        o->dK_dl = (1.0 - beta) * tl * dkl;
        o->dK_dr = beta * tr * dkr;
        o->dK_dtl = gel * (1.0 - beta) * kl / tl;
        o->dK_dtr = gel * beta * kr / tr;
    }
    double kd = 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / p->f;
    double hl = kd / cl, hr = kd / cr;
    o->H = harmonic(beta, hl, hr, &da, &db);
    o->dH_dl = -da * kd / (cl * cl);
    o->dH_dr = -db * kd / (cr * cr);
}
