/* thermal_x.c — the through-cell energy balance (docs/thermal.md).
 *
 * A temperature in every finite volume of the DFN's x mesh (negative coating,
 * separator, positive coating) and one in each collector (a node of its own
 * thickness, as PyBaMM's "x-full" model; Timms et al., JES 168 (2021)
 * 070503).  Per electrode area:
 *   C_k dT_k/dt = q_k - q_{k+1} + Q_k,          C_k = rho_l c_p,l dx_k,
 *   q_e = -G_e (T_right - T_left),               G_e = 1 / (dx_l/2lambda_l + dx_r/2lambda_r),
 *   C_cn dT_cn/dt = -q_0 + Q_cn - h_f (T_cn - T_amb),   (likewise the positive
 *   collector with +q_nx), with the collectors' C = rho c_p L_cc and h_f =
 *   h A_cool / (2 A): the cell's heat-transfer coefficient over its cooling
 *   area, shared by the two faces (uniform temperatures cool as the lumped
 *   model's).  The edges next to a collector conduct over half a volume.
 *
 * Q_k, the heat of x cell k (W/m2), is the finite-volume form of the local
 * sources: a_i j_i (phi_s - phi_e - U_i + T_k dU_i/dT) dx_k for each phase,
 * and the ohmic heat of each face, i (phi_left - phi_right) for the solid and
 * the electrolyte (the diffusion potential in i_e), shared by the face's two
 * half-volumes in proportion to their widths; the outer half-volumes of the
 * two electrodes hold the drops to the collectors.  Summed, with the discrete
 * charge balances, these are exactly the lumped model's total (thermal.c),
 * so the cell conserves energy to the tolerance of the charge balances.  The
 * collectors' Q: i^2 L_cc / sigma_cc and half of I^2 R_c / A each.
 *
 * Every kinetic and transport term of x cell k sees T_k (the DFN sets the
 * plan's temperature factors per cell: cf_thermal_x_node); an electrolyte
 * edge's coefficients see its two nodes' temperatures (cf_electrolyte_edge_T). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/ageing.h"
#include "model/plan_internal.h"

#define W(k, i) ((k) * CF_MAX_PHASES + (i))

static int layer_of(const cf_plan *p, int k)
{
    return p->dom[k] == DOM_NEG ? CF_LAYER_NEG : p->dom[k] == DOM_SEP ? CF_LAYER_SEP : CF_LAYER_POS;
}

static int idx_ce(const cf_plan *p, int k)
{
    return p->dom[k] == DOM_SEP ? p->off[k] : p->off[k] + p->side[SIDE_OF_DOM(p->dom[k])].ncs;
}

int cf_thermal_x_setup(cf_plan *p, cf_error *err)
{
    const cf_cell *c = p->cell;
    const cf_thermal *t = &c->thermal;
    if (p->opt.thermal != CF_THERMAL_X) return CF_OK;
    if (!t->present)
        return cf_error_set(err, CF_EINVAL, "thermal",
                            "cell '%s' has no thermal data (densities, heat capacities, conductivities, heat "
                            "transfer): --thermal x needs them (docs/thermal.md); allowed for it: isothermal",
                            c->name);
    if (p->opt.kind != CF_MODEL_DFN)
        return cf_error_set(err, CF_EINVAL, "thermal",
                            "the through-cell thermal model (--thermal x) runs with the DFN only (--model dfn); "
                            "allowed with the %s: isothermal, lumped",
                            cf_model_kind_name(p->opt.kind));
    if (c->neg.planar || c->reservoir.present || c->neg.plating)
        return cf_error_set(err, CF_EINVAL, "thermal",
                            "the through-cell thermal model takes porous electrodes only (no lithium metal, plating "
                            "or reservoir); allowed for this cell: isothermal");
    if (p->ageing)
        return cf_error_set(err, CF_EINVAL, "thermal",
                            "the through-cell thermal model runs without SEI growth, lithium plating or loss of "
                            "active material; allowed for this cell: isothermal, lumped");
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < p->side[s].nph; i++) {
            const cf_phase *ph = &p->side[s].el->phase[i];
            if (ph->volume_expansion != 0)
                return cf_error_set(err, CF_EINVAL, "thermal",
                                    "the through-cell thermal model takes electrodes of fixed volume (no particle "
                                    "expansion); allowed for this cell: isothermal, lumped");
        }
    int nx = p->nx;
    cf_thermal_plan *th = &p->th;
    th->x = 1;
    th->tx = calloc((size_t)nx, sizeof(int));
    th->Cx = calloc((size_t)nx, sizeof(double));
    th->Gx = calloc((size_t)nx + 1, sizeof(double));
    th->w_q = calloc((size_t)nx, sizeof(double));
    th->w_ec = calloc((size_t)nx + 1, sizeof(cf_edge_coeffs));
    th->x_T = calloc((size_t)nx, sizeof(double)); /* 0 K: none made yet */
    th->x_arr = calloc((size_t)nx * CF_MAX_PHASES, sizeof(double));
    th->x_Darr = calloc((size_t)nx * CF_MAX_PHASES, sizeof(double));
    if (!th->tx || !th->Cx || !th->Gx || !th->w_q || !th->w_ec || !th->x_T || !th->x_arr || !th->x_Darr)
        return cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
    for (int k = 0; k < nx; k++) {
        int l = layer_of(p, k);
        th->Cx[k] = t->density_kg_m3[l] * t->heat_capacity_J_kg_K[l] * p->dx[k];
    }
    for (int e = 0; e <= nx; e++) {
        double r = 0.0; /* thermal resistance per area between the edge's two nodes */
        if (e > 0) r += 0.5 * p->dx[e - 1] / t->conductivity_W_m_K[layer_of(p, e - 1)];
        if (e < nx) r += 0.5 * p->dx[e] / t->conductivity_W_m_K[layer_of(p, e)];
        th->Gx[e] = 1.0 / r;
    }
    th->Ccn = t->density_kg_m3[CF_LAYER_NCC] * t->heat_capacity_J_kg_K[CF_LAYER_NCC] * t->cc_thickness_m[0];
    th->Ccp = t->density_kg_m3[CF_LAYER_PCC] * t->heat_capacity_J_kg_K[CF_LAYER_PCC] * t->cc_thickness_m[1];
    th->hf = t->h_W_m2_K * t->cooling_area_m2 / (2.0 * c->area_m2);
    return CF_OK;
}

/* The factors x cell k's terms read, at its temperature T: F/RT and its
 * side's Arrhenius factors (cf_thermal_set_T's, for one side; the factors of
 * the cell last set are kept, so the residual's second pass over a cell —
 * its particles after the kinetics — costs no exponentials). */
void cf_thermal_x_set(cf_plan *p, int k, double T)
{
    int s = SIDE_OF_DOM(p->dom[k]);
    if (T == p->T && (s == p->th.x_side || p->th.x_side < 0)) return;
    const cf_cell *c = p->cell;
    p->T = T;
    p->f = CF_FARADAY / (CF_GAS_CONSTANT * T);
    double inv = 1.0 / c->T_ref - 1.0 / T, dinv = 1.0 / (T * T);
    cf_side *sd = &p->side[s];
    int fresh = p->th.x_T[k] == T; /* the cell's factors are already made for T */
    for (int i = 0; i < sd->nph; i++) {
        const cf_phase *ph = &sd->el->phase[i];
        double Ej = ph->j0_Ea_J_mol, Ed = ph->diffusivity_Ea_J_mol;
        double *ca = &p->th.x_arr[W(k, i)], *cd = &p->th.x_Darr[W(k, i)];
        if (!fresh) {
            *ca = Ej != 0 ? exp(Ej / CF_GAS_CONSTANT * inv) : 1.0;
            *cd = Ed != 0 ? exp(Ed / CF_GAS_CONSTANT * inv) : 1.0;
        }
        sd->arr_j0[i] = *ca;
        sd->Darr[i] = *cd;
        sd->Ds[i] = ph->diffusivity_m2_s * sd->Darr[i];
        p->th.dlnj0[s][i] = Ej / CF_GAS_CONSTANT * dinv;
        p->th.dlnD[s][i] = Ed / CF_GAS_CONSTANT * dinv;
    }
    p->th.x_T[k] = T;
    p->th.x_side = s;
}

void cf_thermal_x_free(cf_plan *p)
{
    free(p->th.tx);
    free(p->th.Cx);
    free(p->th.Gx);
    free(p->th.w_q);
    free(p->th.w_ec);
    free(p->th.x_T);
    free(p->th.x_arr);
    free(p->th.x_Darr);
}

/* The collectors' heat per area (W/m2): i^2 L/sigma and half the contact's
 * I^2 R_c / A each; d/dI in *dq. */
static double collector_heat(const cf_plan *p, int s, double I, double *dq)
{
    const cf_cell *c = p->cell;
    double A = c->area_m2, r = c->thermal.cc_thickness_m[s] / c->thermal.cc_conductivity_S_m[s];
    double Rc = c->contact_resistance_ohm;
    if (dq) *dq = 2.0 * I * r / (A * A) + I * Rc / A;
    return I * I * r / (A * A) + 0.5 * I * I * Rc / A;
}

/* Width share of the left node in the heat of edge e. */
static double left_share(const cf_plan *p, int e) { return p->dx[e - 1] / (p->dx[e - 1] + p->dx[e]); }

/* Q_k of every x cell into th.w_q (W/m2), from the kinetics and fluxes the
 * residual just evaluated at y; the parts summed over the cell (W/m2) when
 * asked: ohmic solid, ohmic electrolyte, reaction, reversible. */
static void node_heat(cf_plan *p, const double *y, double part[4])
{
    double *q = p->th.w_q, ps = 0, pe = 0, pr = 0, pv = 0;
    const double A = p->cell->area_m2, I = y[p->iI];
    for (int k = 0; k < p->nx; k++) {
        q[k] = 0.0;
        if (p->dom[k] == DOM_SEP) continue;
        const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
        int ice = idx_ce(p, k);
        double phie = y[ice + 1], phis = y[ice + 2], Tk = y[p->th.tx[k]];
        for (int i = 0; i < sd->nph; i++) {
            int w = W(k, i);
            double aj = sd->a[i] * p->w_j[w] * p->dx[k];
            double rx = aj * (phis - phie - p->th.w_U[w]), rv = aj * Tk * p->th.w_S[w];
            q[k] += rx + rv;
            pr += rx;
            pv += rv;
        }
        /* the solid's face on the left of k (to the collector for the negative's
         * first): sigma (dphi)^2 / width, the electrodes being of fixed volume */
        if (k == sd->first) {
            if (p->dom[k] == DOM_NEG) {
                double hs = sd->sigma_eff * phis * phis / (0.5 * p->dx[k]);
                q[k] += hs;
                ps += hs;
            }
        } else {
            int ipl = idx_ce(p, k - 1) + 2;
            double d = y[ipl] - phis, hs = sd->sigma_eff * d * d / p->dx[k], b = left_share(p, k);
            q[k - 1] += b * hs;
            q[k] += (1.0 - b) * hs;
            ps += hs;
        }
        if (k == sd->last && p->dom[k] == DOM_POS) { /* to the positive collector's face */
            double hs = I / A * 0.5 * (y[idx_ce(p, k - 1) + 2] - phis);
            q[k] += hs;
            ps += hs;
        }
    }
    for (int e = 1; e < p->nx; e++) {
        double he = p->w_ie[e] * (y[idx_ce(p, e - 1) + 1] - y[idx_ce(p, e) + 1]), b = left_share(p, e);
        q[e - 1] += b * he;
        q[e] += (1.0 - b) * he;
        pe += he;
    }
    if (part) {
        part[0] = ps;
        part[1] = pe;
        part[2] = pr;
        part[3] = pv;
    }
}

static double T_left(const cf_plan *p, const double *y, int e) { return y[e == 0 ? p->th.iTcn : p->th.tx[e - 1]]; }
static double T_right(const cf_plan *p, const double *y, int e)
{
    return y[e == p->nx ? p->th.iTcp : p->th.tx[e]];
}

void cf_thermal_x_residual(cf_plan *p, const double *y, const double *yp, double *F)
{
    const cf_thermal_plan *th = &p->th;
    node_heat(p, y, NULL);
    double I = y[p->iI];
    for (int k = 0; k < p->nx; k++) {
        int r = th->tx[k];
        double Tk = y[r];
        F[r] = th->Cx[k] * yp[r] + th->Gx[k] * (Tk - T_left(p, y, k)) + th->Gx[k + 1] * (Tk - T_right(p, y, k + 1)) -
               th->w_q[k];
    }
    double Tn = y[th->iTcn], Tp = y[th->iTcp];
    F[th->iTcn] = th->Ccn * yp[th->iTcn] + th->Gx[0] * (Tn - y[th->tx[0]]) - collector_heat(p, 0, I, NULL) +
                  th->hf * (Tn - th->T_amb);
    F[th->iTcp] = th->Ccp * yp[th->iTcp] + th->Gx[p->nx] * (Tp - y[th->tx[p->nx - 1]]) -
                  collector_heat(p, 1, I, NULL) + th->hf * (Tp - th->T_amb);
}

/* d(heat of edge e's electrolyte) into the rows of its two nodes, times -1
 * (the rows subtract Q): H = i_e (phi_l - phi_r). */
static void electrolyte_face_jac(cf_plan *p, const double *y, int e, cf_asm *J)
{
    const cf_edge_coeffs *ec = &((const cf_edge_coeffs *)p->th.w_ec)[e];
    int kl = e - 1, kr = e, icl = idx_ce(p, kl), icr = idx_ce(p, kr);
    double cl = y[icl], cr = y[icr], pl = y[icl + 1], pr = y[icr + 1], h = p->h[e];
    double grad = (cr - cl) / h, Qv = (pr - pl) / h - ec->H * grad, ie = -ec->K * Qv, dl = pl - pr;
    double d[7];
    int col[7] = {icl, icr, icl + 1, icr + 1, p->th.tx[kl], p->th.tx[kr], 0};
    d[0] = (-ec->dK_dl * Qv + ec->K * (ec->dH_dl * grad - ec->H / h)) * dl;
    d[1] = (-ec->dK_dr * Qv + ec->K * (ec->dH_dr * grad + ec->H / h)) * dl;
    d[2] = ec->K / h * dl + ie;
    d[3] = -ec->K / h * dl - ie;
    d[4] = (-ec->dK_dTl * Qv + ec->K * ec->dH_dTl * grad) * dl;
    d[5] = (-ec->dK_dTr * Qv + ec->K * ec->dH_dTr * grad) * dl;
    double b = left_share(p, e);
    for (int m = 0; m < 6; m++) {
        cf_asm_add(J, p->th.tx[kl], col[m], -b * d[m]);
        cf_asm_add(J, p->th.tx[kr], col[m], -(1.0 - b) * d[m]);
    }
}

void cf_thermal_x_jacobian(cf_plan *p, const double *y, double cj, cf_asm *J)
{
    const cf_thermal_plan *th = &p->th;
    const double A = p->cell->area_m2, I = y[p->iI];
    for (int k = 0; k < p->nx; k++) { /* storage and conduction */
        int r = th->tx[k];
        cf_asm_add(J, r, r, cj * th->Cx[k] + th->Gx[k] + th->Gx[k + 1]);
        cf_asm_add(J, r, k == 0 ? th->iTcn : th->tx[k - 1], -th->Gx[k]);
        cf_asm_add(J, r, k == p->nx - 1 ? th->iTcp : th->tx[k + 1], -th->Gx[k + 1]);
    }
    double dq;
    cf_asm_add(J, th->iTcn, th->iTcn, cj * th->Ccn + th->Gx[0] + th->hf);
    cf_asm_add(J, th->iTcn, th->tx[0], -th->Gx[0]);
    collector_heat(p, 0, I, &dq);
    cf_asm_add(J, th->iTcn, p->iI, -dq);
    cf_asm_add(J, th->iTcp, th->iTcp, cj * th->Ccp + th->Gx[p->nx] + th->hf);
    cf_asm_add(J, th->iTcp, th->tx[p->nx - 1], -th->Gx[p->nx]);
    collector_heat(p, 1, I, &dq);
    cf_asm_add(J, th->iTcp, p->iI, -dq);

    /* the reactions' heat a j (phi_s - phi_e - (U - T S)) dx, from the
     * kinetics' derivatives the DFN's Jacobian just formed at each cell's T */
    for (int k = 0; k < p->nx; k++) {
        if (p->dom[k] == DOM_SEP) continue;
        const cf_side *sd = &p->side[SIDE_OF_DOM(p->dom[k])];
        int ice = idx_ce(p, k), row = th->tx[k];
        double phie = y[ice + 1], phis = y[ice + 2], Tk = y[row];
        for (int i = 0; i < sd->nph; i++) {
            int w = W(k, i), o = p->off[k] + sd->ph_off[i], nr = sd->pm[i].nr;
            double g = sd->a[i] * p->dx[k], j = p->w_j[w];
            double z = phis - phie - (th->w_U[w] - Tk * th->w_S[w]);
            double wl, wp;
            cf_particle_surface_weights(&sd->pm[i], &wl, &wp);
            double dcs = g * (p->w_dj_dcs[w] * z - j * (th->w_dU[w] - Tk * th->w_dS[w]));
            cf_asm_add(J, row, o + nr - 2, -dcs * wp);
            cf_asm_add(J, row, o + nr - 1, -dcs * wl);
            cf_asm_add(J, row, ice, -g * p->w_dj_dce[w] * z);
            cf_asm_add(J, row, ice + 1, g * (p->w_dj_deta[w] * z + j));
            cf_asm_add(J, row, ice + 2, -g * (p->w_dj_deta[w] * z + j));
            cf_asm_add(J, row, row, -g * (th->w_dj_dT[w] * z - j * (th->w_UT[w] - th->w_S[w])));
        }
        /* the solid's ohmic heat: H = i (phi_left - phi_right) = sigma (dphi)^2 / width */
        if (k == sd->first) {
            if (p->dom[k] == DOM_NEG) {
                double is = cf_dfn_solid_face(p, y, k);
                cf_asm_add(J, row, ice + 2, 2.0 * is); /* d/dphi = -2 i, times -1 */
            }
        } else {
            int ipl = idx_ce(p, k - 1) + 2;
            double is = cf_dfn_solid_face(p, y, k), b = left_share(p, k);
            /* dH/dphi_k = -2 i, dH/dphi_{k-1} = 2 i */
            cf_asm_add(J, th->tx[k - 1], ice + 2, b * 2.0 * is);
            cf_asm_add(J, th->tx[k - 1], ipl, -b * 2.0 * is);
            cf_asm_add(J, row, ice + 2, (1.0 - b) * 2.0 * is);
            cf_asm_add(J, row, ipl, -(1.0 - b) * 2.0 * is);
        }
        if (k == sd->last && p->dom[k] == DOM_POS) {
            int ipl = idx_ce(p, k - 1) + 2;
            cf_asm_add(J, row, p->iI, -0.5 * (y[ipl] - phis) / A);
            cf_asm_add(J, row, ipl, -0.5 * I / A);
            cf_asm_add(J, row, ice + 2, 0.5 * I / A);
        }
    }
    for (int e = 1; e < p->nx; e++) electrolyte_face_jac(p, y, e, J);
}

void cf_thermal_x_heat(cf_plan *p, const double *y, cf_heat *h)
{
    const cf_cell *c = p->cell;
    const cf_thermal_plan *th = &p->th;
    const cf_thermal *t = &c->thermal;
    double A = c->area_m2, Tn = y[th->iTcn], Tp = y[th->iTcp];
    double sumT[CF_N_LAYERS] = {0}, sumL[CF_N_LAYERS] = {0};
    sumT[CF_LAYER_NCC] = Tn * t->cc_thickness_m[0];
    sumL[CF_LAYER_NCC] = t->cc_thickness_m[0];
    sumT[CF_LAYER_PCC] = Tp * t->cc_thickness_m[1];
    sumL[CF_LAYER_PCC] = t->cc_thickness_m[1];
    double Tmax = fmax(Tn, Tp);
    for (int k = 0; k < p->nx; k++) {
        double Tk = y[th->tx[k]];
        int l = layer_of(p, k);
        sumT[l] += Tk * p->dx[k];
        sumL[l] += p->dx[k];
        Tmax = fmax(Tmax, Tk);
    }
    double aT = 0, aL = 0;
    for (int l = 0; l < CF_N_LAYERS; l++) {
        aT += sumT[l];
        aL += sumL[l];
        /* a collector of no thickness: its node's temperature */
        h->T_layer_K[l] = sumL[l] > 0 ? sumT[l] / sumL[l] : (l == CF_LAYER_NCC ? Tn : Tp);
    }
    h->T_K = aT / aL;
    h->T_max_K = Tmax;
    h->cooling = A * th->hf * (Tn - th->T_amb + Tp - th->T_amb);
    if (!p->opt.heat_sources) {
        h->ohm_solid = h->ohm_electrolyte = h->reaction = h->reversible = h->collector = h->total = NAN;
        return;
    }
    double part[4], I = y[p->iI];
    node_heat(p, y, part);
    h->ohm_solid = A * part[0];
    h->ohm_electrolyte = A * part[1];
    h->reaction = A * part[2];
    h->reversible = A * part[3];
    h->collector = A * (collector_heat(p, 0, I, NULL) + collector_heat(p, 1, I, NULL));
    h->total = h->ohm_solid + h->ohm_electrolyte + h->reaction + h->reversible + h->collector;
}

double cf_thermal_x_mean(const cf_plan *p, const double *y)
{
    /* thickness-weighted over the collectors and the x cells, as the outputs' mean */
    const cf_thermal *t = &p->cell->thermal;
    double aT = y[p->th.iTcn] * t->cc_thickness_m[0] + y[p->th.iTcp] * t->cc_thickness_m[1];
    double aL = t->cc_thickness_m[0] + t->cc_thickness_m[1];
    for (int k = 0; k < p->nx; k++) {
        aT += y[p->th.tx[k]] * p->dx[k];
        aL += p->dx[k];
    }
    return aT / aL;
}
