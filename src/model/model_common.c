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
    free(m->mode_mu);
    free(m->mode_w);
    m->area = m->inv_vol = m->vol = m->node_s = m->Ds = m->Kq = m->A0 = m->mode_mu = m->mode_w = NULL;
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
    /* Exponents beyond +-200 (an overpotential of some 10 V, met only by Newton
     * iterates far beyond a limit, where the OCP's barrier is volts high) are
     * held there so the current stays finite. */
    double x = fmin(fmax(f * eta, -200.0 / fmax(alpha, 1e-3)), 200.0 / fmax(alpha, 1e-3));
    int held = x != f * eta;
    /* symmetric kinetics (alpha = 1/2, nearly every cell): one exp */
    double ea = exp(alpha * x), eb = alpha == 0.5 ? 1.0 / ea : exp(-(1.0 - alpha) * x);
    if (held) {
        if (dj_deta) *dj_deta = 0.0;
        return j0 * (ea - eb);
    }
    if (dj_deta) *dj_deta = j0 * f * (alpha * ea + (1.0 - alpha) * eb);
    return j0 * (ea - eb);
}

/* PyBaMM's regularised power for a = 1/2 (its RegPower, delta = 1e-3):
 *   R(c; s) = sqrt(s) x (x^2 + d^2)^(-1/4),  x = c / s,
 * which is sqrt(c) for c >> d s (relative change d^2 s^2 / (4 c^2)) and
 * linear, x sqrt(s) / sqrt(d), below: its slope at 0 is finite. */
#define REG_DELTA 1e-3
/* With inv_s = 1/s and rs = sqrt(s) given (a phase's scale serves two roots)
 * and 1/q = r^4: two square roots and one division, where the plain form took
 * three roots and four divisions (cf_j0 was a tenth of a DFN residual). */
static double reg_sqrt(double c, double inv_s, double rs, double *d)
{
    double x = c * inv_s, q = x * x + REG_DELTA * REG_DELTA;
    double r = 1.0 / sqrt(sqrt(q)), r2 = r * r; /* q^(-1/4) */
    *d = (0.5 * x * x + REG_DELTA * REG_DELTA) * (r2 * r2 * r) * inv_s * rs;
    return rs * x * r;
}

double cf_reg_power(double c, double a, double s, double *d)
{
    if (!(c > 0)) { /* clamped at zero */
        *d = 0.0;
        return 0.0;
    }
    double x = c / s, q = x * x + REG_DELTA * REG_DELTA;
    double sa = pow(s, a), qa = pow(q, 0.5 * (a - 1.0));
    *d = sa / s * qa / q * (a * x * x + REG_DELTA * REG_DELTA);
    return sa * x * qa;
}

double cf_j0(const cf_plan *p, const cf_phase *e, double arr, double ce, double cs, double *dj0_dce, double *dj0_dcs)
{
    /* j0 = k R(c_e) R(c_s) R(c_max - c_s).  The particle concentration is
     * first clamped to its range (as PyBaMM does; beyond it j0 = 0, and the
     * OCP's barrier pushes the surface back).  The electrolyte's is not: R is
     * odd, so j0 changes sign with c_e and a cell whose c_e dipped below zero
     * gives Li+ back instead of taking none — smooth through zero, where a
     * clamp (PyBaMM's max(c_e, 0)) leaves a kink on which a drained cell
     * chatters in microsecond steps.  The scales are PyBaMM 26.10's, model by
     * model: c_e0 for c_e (the SPM's c_e is the constant c_e0, its root
     * exact), c_max for the particle roots, except in its SPMe, whose
     * particle roots get a scale of 1 mol/m3 (there the regularisation acts
     * only within 1e-3 mol/m3 of a limit). */
    double k = e->j0_ref * arr, cmax = e->c_max;
    int cs_in = cs > 0 && cs < cmax;
    double csc = cs_in ? cs : (cs > 0 ? cmax : 0.0);
    double ss = p->opt.kind == CF_MODEL_SPME ? 1.0 : cmax;
    double da, db, dm, a;
    if (p->opt.kind == CF_MODEL_SPM) {
        a = sqrt(ce);
        da = 0.0; /* c_e is not an unknown of the SPM */
    } else {
        double s0 = p->cell->electrolyte.c_init;
        a = reg_sqrt(ce, 1.0 / s0, sqrt(s0), &da);
    }
    double inv_ss = 1.0 / ss, rss = sqrt(ss);
    double b = reg_sqrt(csc, inv_ss, rss, &db), m = reg_sqrt(cmax - csc, inv_ss, rss, &dm);
    if (dj0_dce) *dj0_dce = k * da * b * m;
    if (dj0_dcs) *dj0_dcs = cs_in ? k * a * (db * m - b * dm) : 0.0;
    return k * a * b * m;
}

double cf_bv_eta(double f, double j, double j0, double *deta_dj, double *deta_dj0)
{
    double b = hypot(2.0 * j0, 1e-16), x = j / b;
    double s = sqrt(1.0 + x * x);
    *deta_dj = (2.0 / f) / s / b;
    *deta_dj0 = -(2.0 / f) / s * x / b * (4.0 * j0 / b);
    return (2.0 / f) * asinh(x);
}

/* The OCP's barrier at an empty end (stoichiometry s -> 0), as PyBaMM 26.10
 * adds it to every OCP: a softplus, a ln(1 + exp(-b (s - c))), worth 1 V at
 * s = 0 and 1 mV at s = 0.001, nil from s ~ 0.01 on; linear (slope -a b)
 * where exp would swamp the 1 (so the two branches agree to round-off). */
static double ocp_barrier(double s, double *d)
{
    const double a = 205.0568621937484, b = 6910.192179565431, c = -7.7e-4;
    double z = -b * (s - c);
    if (z > 36.7) {
        *d = -a * b;
        return a * z;
    }
    /* Away from the end (nearly always) the same values without the libm
     * calls: exp underflows to 0 below -746, and below -40 (e < 5e-18)
     * log1p(e) and e / (1 + e) are e to the last bit. */
    if (z < -746.0) {
        *d = -0.0;
        return 0.0;
    }
    if (z < -40.0) {
        double e = exp(z);
        *d = -a * b * e;
        return a * e;
    }
    double e = exp(z);
    *d = -a * b * e / (1.0 + e);
    return a * log1p(e);
}

static double phase_ocp_with(const cf_phase *ph, cf_ocp_table *tb, double cs, double T, double *dU_dcs)
{
    /* the tabulated or fitted OCP at a stoichiometry clipped into (0, 1), plus
     * barriers that rise towards +1 V at empty and fall towards -1 V at full:
     * a particle surface is pushed back from its limits by the OCP itself */
    const double tol = 1e-10;
    double sto = cs / ph->c_max, d = 0.0, sc = sto;
    int in = sto >= tol && sto <= 1.0 - tol;
    if (!in) sc = sto < tol ? tol : 1.0 - tol;
    double U = tb ? cf_ocp_table_eval(tb, &ph->ocp, sc, T, dU_dcs ? &d : NULL)
                  : cf_fn_eval(&ph->ocp, sc, T, dU_dcs ? &d : NULL);
    double d0, d1;
    U += ocp_barrier(sto, &d0) - ocp_barrier(1.0 - sto, &d1);
    if (dU_dcs) *dU_dcs = ((in ? d : 0.0) + d0 + d1) / ph->c_max;
    return U;
}

double cf_side_ocp(cf_plan *p, int s, int i, double cs, double *dU_dcs)
{
    return phase_ocp_with(&p->side[s].el->phase[i], &p->side[s].ocp[i], cs, p->T, dU_dcs);
}

double cf_phase_ocp(const cf_phase *ph, double cs, double T, double *dU_dcs)
{
    return phase_ocp_with(ph, NULL, cs, T, dU_dcs);
}

double cf_ce_floor(double c, double m, double *d)
{
    if (c >= 2.0 * m) { *d = 1.0; return c; }
    if (c <= 0.0) { *d = 0.0; return m; }
    *d = c / (2.0 * m);
    return m + c * c / (4.0 * m);
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
    double m = 1.0 / (beta * (1.0 / a) + (1.0 - beta) * (1.0 / b)); /* as dfn.c's edge loop forms it */
    *da = m * m * beta / (a * a);
    *db = m * m * (1.0 - beta) / (b * b);
    return m;
}

void cf_electrolyte_edge_T(const cf_plan *p, int e, double cl, double cr, double Tl, double Tr, cf_edge_coeffs *o)
{
    const cf_electrolyte *el = &p->cell->electrolyte;
    double dxl = p->dx[e - 1], dxr = p->dx[e];
    double beta = dxl / (dxl + dxr); /* weight of the left node */
    /* a gel's polymer blocks part of the liquid's transport: scale eps^b */
    double gel = 1.0 - el->transport_reduction;
    double tl = gel * p->epsb[e - 1], tr = gel * p->epsb[e];
    double dDl, dDr, dkl, dkr, da, db;
    /* transport evaluated at floored concentrations (plan_internal.h) */
    double gl, gr, ql, qr;
    double fl = cf_ce_floor(cl, CF_CE_FLOOR_TRANSPORT, &gl), fr = cf_ce_floor(cr, CF_CE_FLOOR_TRANSPORT, &gr);
    double Dl = tl * cf_fn_eval(&el->diffusivity, fl, Tl, &dDl);
    double Dr = tr * cf_fn_eval(&el->diffusivity, fr, Tr, &dDr);
    dDl *= gl;
    dDr *= gr;
    o->D = harmonic(beta, Dl, Dr, &da, &db);
    o->dD_dl = da * tl * dDl;
    o->dD_dr = db * tr * dDr;
    o->dD_dtl = gel * da * Dl / tl; /* w.r.t. the cell's eps^b */
    o->dD_dtr = gel * db * Dr / tr;
    double kl = tl * cf_fn_eval(&el->conductivity, fl, Tl, &dkl);
    double kr = tr * cf_fn_eval(&el->conductivity, fr, Tr, &dkr);
    dkl *= gl;
    dkr *= gr;
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
    /* 2 (1-t+) chi / f at each node's temperature (the same operations as
     * p->f's when both are the plan's) */
    double kdl = 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / (CF_FARADAY / (CF_GAS_CONSTANT * Tl));
    double kdr = Tr == Tl ? kdl : 2.0 * (1.0 - el->t_plus) * el->thermodynamic_factor / (CF_FARADAY / (CF_GAS_CONSTANT * Tr));
    double hcl = cf_ce_floor(cl, CF_CE_FLOOR_DIFFPOT, &ql), hcr = cf_ce_floor(cr, CF_CE_FLOOR_DIFFPOT, &qr);
    double hl = kdl / hcl, hr = kdr / hcr;
    o->H = harmonic(beta, hl, hr, &da, &db);
    o->dH_dl = -da * kdl / (hcl * hcl) * ql;
    o->dH_dr = -db * kdr / (hcr * hcr) * qr;
    o->dD_dT = o->dK_dT = o->dH_dT = 0.0;
    o->dD_dTl = o->dD_dTr = o->dK_dTl = o->dK_dTr = o->dH_dTl = o->dH_dTr = 0.0;
    if (p->iT >= 0 || p->th.x) {
        /* H is proportional to T (RT/F); D_e and kappa through their functions */
        o->dH_dT = o->H / Tl;
        o->dH_dTl = da * hl / Tl;
        o->dH_dTr = db * hr / Tr;
        double gDl = 0.0, gDr = 0.0, gKl = 0.0, gKr = 0.0;
        if (p->th.DeT) {
            gDl = tl * cf_thermal_fn_dT(&el->diffusivity, fl, Tl);
            gDr = tr * cf_thermal_fn_dT(&el->diffusivity, fr, Tr);
        }
        if (p->th.kappaT) {
            gKl = tl * cf_thermal_fn_dT(&el->conductivity, fl, Tl);
            gKr = tr * cf_thermal_fn_dT(&el->conductivity, fr, Tr);
        }
        double mD2 = o->D * o->D;
        o->dD_dTl = mD2 * beta / (Dl * Dl) * gDl;
        o->dD_dTr = mD2 * (1.0 - beta) / (Dr * Dr) * gDr;
        if (p->opt.discretisation == CF_DISC_SPECTRAL) {
            double mK2 = o->K * o->K;
            o->dK_dTl = mK2 * beta / (kl * kl) * gKl;
            o->dK_dTr = mK2 * (1.0 - beta) / (kr * kr) * gKr;
        } else {
            o->dK_dTl = (1.0 - beta) * gKl;
            o->dK_dTr = beta * gKr;
        }
        double mD = o->D; /* harmonic: dm/da = m^2 beta / a^2 */
        o->dD_dT = mD * mD * (beta / (Dl * Dl) * gDl + (1.0 - beta) / (Dr * Dr) * gDr);
        if (p->opt.discretisation == CF_DISC_SPECTRAL)
            o->dK_dT = o->K * o->K * (beta / (kl * kl) * gKl + (1.0 - beta) / (kr * kr) * gKr);
        else
            o->dK_dT = (1.0 - beta) * gKl + beta * gKr;
    }
}

void cf_electrolyte_edge(const cf_plan *p, int e, double cl, double cr, cf_edge_coeffs *o)
{
    cf_electrolyte_edge_T(p, e, cl, cr, p->T, p->T, o);
}
