/* particle.c — radial diffusion in a particle whose solid diffusivity depends
 * on its stoichiometry, D(sto, T) (Ecker et al. 2015's graphite and NCO, for
 * example).
 *
 * The flux N = -D(c) dc/dr is discretised as PyBaMM's finite volumes do with
 * a node coefficient that multiplies a gradient (FiniteVolume.node_to_edge,
 * "harmonic"): D is evaluated at the shell centres from their concentrations
 * and carried to the face between shells r and r+1 by the width-weighted
 * harmonic mean
 *     D_{r+1/2} = 1 / (beta / D_r + (1 - beta) / D_{r+1}),  beta = 1/2,
 * the uniform radial mesh's weight: the two half-shells conduct in series.
 * The surface face carries the reaction flux j/F whatever D is, and the
 * centre none.  A constant diffusivity keeps the vectorised rows of dfn.c
 * and spm.c; this file is used only for a phase with D(sto). */
#include "model/ageing.h"
#include "model/plan_internal.h"

double cf_solid_diffusivity(const cf_plan *p, const cf_side *sd, int i, double c, double *dD_dc)
{
    const cf_phase *ph = &sd->el->phase[i];
    /* at a stoichiometry clipped to [1e-10, 1 - 1e-10], as PyBaMM does: a
     * Newton iterate beyond a limit (no state is refused, docs/models.md,
     * "Limits") must not take a fit outside its range */
    const double tol = 1e-10;
    double df, sto = c / ph->c_max;
    int in = sto >= tol && sto <= 1.0 - tol;
    if (!in) sto = sto < tol ? tol : 1.0 - tol;
    double D, dD;
    if (ph->diffusivity_fn.kind == CF_FN_CONSTANT) { /* a constant D sped up by stress (below) */
        D = ph->diffusivity_m2_s * sd->Darr[i];
        dD = 0.0;
    } else {
        /* from the plan's table (ocp_table.c) while the temperature holds still */
        D = sd->Darr[i] * (sd->dtab[i] && p->iT < 0 ? cf_ocp_table_eval(sd->dtab[i], &ph->diffusivity_fn, sto, p->T, &df)
                                                    : cf_fn_eval(&ph->diffusivity_fn, sto, p->T, &df));
        dD = in ? sd->Darr[i] * df / ph->c_max : 0.0;
    }
    /* stress-induced diffusion (ageing_lam.c): D (1 + theta c) */
    double th = cf_lam_stress_diffusion(p, (int)(sd - p->side));
    if (th > 0) {
        dD = dD * (1.0 + th * c) + D * th;
        D *= 1.0 + th * c;
    }
    if (dD_dc) *dD_dc = dD;
    return D;
}

void cf_particle_rows_var(cf_plan *p, const cf_side *sd, int i, const double *cs, const double *csp,
                          double N_surf, double *F)
{
    const cf_particle_mesh *m = &sd->pm[i];
    double *Dn = p->w_pD;
    for (int r = 0; r < m->nr; r++) Dn[r] = cf_solid_diffusivity(p, sd, i, cs[r], NULL);
    double N_in = 0.0;
    for (int r = 0; r < m->nr; r++) {
        double N_out = N_surf;
        if (r < m->nr - 1) {
            double De = 1.0 / (0.5 / Dn[r] + 0.5 / Dn[r + 1]);
            N_out = -De * (cs[r + 1] - cs[r]) / m->dr * m->area[r + 1];
        }
        F[r] = csp[r] + (N_out - N_in) * m->inv_vol[r];
        N_in = N_out;
    }
}

void cf_particle_jac_var(cf_plan *p, const cf_side *sd, int i, const double *cs, double cj, int o, cf_asm *J)
{
    const cf_particle_mesh *m = &sd->pm[i];
    double *Dn = p->w_pD, *dD = p->w_pdD;
    for (int r = 0; r < m->nr; r++) Dn[r] = cf_solid_diffusivity(p, sd, i, cs[r], &dD[r]);
    for (int r = 0; r < m->nr; r++) cf_asm_add(J, o + r, o + r, cj);
    /* face between shells r and r+1: N = -De (c_{r+1} - c_r) g, g = r_f^2/dr;
     * it leaves shell r (row r: + N inv_vol_r) and enters r+1 (- N inv_vol_{r+1}) */
    for (int r = 0; r < m->nr - 1; r++) {
        double a = Dn[r], b = Dn[r + 1], s = a + b;
        double De = 2.0 * a * b / s;
        double dDe_da = 2.0 * b * b / (s * s) * dD[r], dDe_db = 2.0 * a * a / (s * s) * dD[r + 1];
        double g = m->area[r + 1] / m->dr, dc = cs[r + 1] - cs[r];
        double dN_dl = -dDe_da * dc * g + De * g; /* d N / d c_r     */
        double dN_dr = -dDe_db * dc * g - De * g; /* d N / d c_{r+1} */
        cf_asm_add(J, o + r, o + r, dN_dl * m->inv_vol[r]);
        cf_asm_add(J, o + r, o + r + 1, dN_dr * m->inv_vol[r]);
        cf_asm_add(J, o + r + 1, o + r, -dN_dl * m->inv_vol[r + 1]);
        cf_asm_add(J, o + r + 1, o + r + 1, -dN_dr * m->inv_vol[r + 1]);
    }
}
