/* ageing.h — degradation terms of the models (ageing_sei.c), behind one
 * small interface so that dfn.c and spm.c only ask for rates and their
 * derivatives.
 *
 * SEI growth (docs/ageing.md).  The state is n, the lithium held in the SEI
 * per electrode volume (mol/m3), one per negative x cell (DFN) or one for
 * the electrode (SPM, SPMe: PyBaMM's x-averaged side reactions).  The SEI
 * covers the particles' whole surface a = sum_i a_i, so its thickness is
 * L = n V_bar / (z a), and it grows as
 *     dn/dt = -a j_sei / F        (j_sei <= 0: a reduction)
 * while its current joins the electrode's reaction current in the charge
 * and electrolyte balances (the particles get only their intercalation
 * current).  The film's resistance R L sits in series with the
 * intercalation reaction: eta_i = phi_s - phi_e - U_i - j_i R L, with j_i
 * solved from Butler-Volmer (cf_bv_film). */
#ifndef CF_AGEING_H
#define CF_AGEING_H
#include "model/plan_internal.h"

struct cf_ageing {
    int sei;            /* SEI grows on the negative                          */
    cf_sei prm;         /* its parameters                                      */
    double a;           /* particle surface it covers per electrode volume, 1/m */
    double n0;          /* initial SEI lithium per electrode volume, mol/m3    */
    double arr;         /* SEI's Arrhenius factor at the cell temperature      */
    double dlnarr;      /* d ln(arr) / dT, 1/K                                 */
    double pl_arr, pl_dlnarr; /* the same for the plating rate constant        */
    double L_per_n;     /* dL/dn = V_bar / (z a)                               */
    /* per x cell (DFN; index 0 for the SPM): the SEI current and derivatives */
    double *j, *dj_ddphi, *dj_dn, *dj_djm, *dj_dT;
    /* per x cell and phase: d j_i / d n through the film resistance */
    double *dji_dn;
    int i_n;            /* SPM/SPMe: the SEI unknown; -1 otherwise             */
    /* O'Kane lithium plating on the negative (ageing_plating.c): plated and
     * dead lithium per electrode volume (mol/m3), per x cell (DFN) or one
     * each (SPM, SPMe: x-averaged, at the electrode's mean c_e) */
    int plating;
    cf_plating_params pl;
    double *pj, *pj_ddphi, *pj_dce, *pj_dc, *pj_dn, *pj_djm, *pj_dT; /* per x cell */
    int i_pl, i_dead;   /* SPM/SPMe unknowns; -1 otherwise                    */
    /* Loss of active material per electrode (ageing_lam.c): f, the share of
     * the as-built active material still active (every phase alike), and
     * m, the lithium lost with the rest (mol per m3 of electrode); per x
     * cell (DFN) or one each (SPM, SPMe).  f scales the particles' surface
     * per electrode volume (a_i f) and so every reaction on it. */
    int lam[2];             /* CF_LAM_* bits per side; 0 none                  */
    cf_lam_params lp[2];
    double eps0[2];         /* sum of the phases' as-built active fractions    */
    int i_f[2];             /* SPM/SPMe: f's unknown (m's is next); -1 otherwise */
    double lam_arr[2], lam_dlnarr[2]; /* mechanical rates' Arrhenius factor, d ln/dT */
    /* Particle cracking per electrode (ageing_crack.c): the crack length l
     * (m), per x cell (DFN) or one each (SPM, SPMe), after f and m; with SEI
     * on the cracks (negative) the crack SEI's lithium n_cr (mol per m3 of
     * electrode) next.  The crack walls' area per electrode volume is
     * a_cr = acr_per_l l (times f, as every surface). */
    int crack[2];           /* CF_CRACK_* per side                             */
    cf_crack_params cp[2];
    double cr_rate[2];      /* k_cr Arrhenius / 3600 s at p->T                 */
    double acr_per_l[2];    /* 2 rho w a, 1/m2                                 */
    double ncr0;            /* initial crack SEI lithium per electrode volume  */
    int i_l[2];             /* SPM/SPMe: l's unknown (n_cr next); -1 otherwise */
    /* per x cell (DFN; index 0 for the SPM): the crack SEI's current density
     * and its derivatives by dphi, n_cr, l and j_m */
    double *jc, *jc_ddphi, *jc_dn, *jc_dl, *jc_djm;
    double *jcv;            /* a_cr j_cr (A/m3, as-built surface) per x cell   */
};

/* Sets p->ageing from the cell (NULL when no ageing term applies); CF_ENOMEM. */
int cf_ageing_setup(cf_plan *p);
void cf_ageing_free(cf_plan *p);
/* Temperature-dependent factors at p->T: at reset, and under the lumped
 * thermal model whenever the temperature unknown moves (cf_thermal_set_T). */
void cf_ageing_set_temperature(cf_plan *p);
static inline int cf_sei_on(const cf_plan *p) { return p->ageing && p->ageing->sei; }

/* SEI thickness (m) of SEI lithium n (mol/m3) and the film's area resistance
 * R L (Ohm m2); 0 without a film resistance. */
double cf_sei_thickness(const cf_plan *p, double n);
double cf_sei_film(const cf_plan *p, double n);

/* SEI current density (A/m2, <= 0) at surface potential difference dphi =
 * phi_s - phi_e, SEI lithium n and the intercalation current density jm
 * on the same surface, at the plan's temperature p->T; derivatives by each
 * and by T at fixed dphi, n, jm (may be NULL together). */
double cf_sei_current(const cf_plan *p, double dphi, double n, double jm, double *d_dphi, double *d_n, double *d_jm,
                      double *d_T);

static inline int cf_okane_plating_on(const cf_plan *p) { return p->ageing && p->ageing->plating; }

/* Plating current density (A/m2, < 0 plating) at surface potential
 * difference dphi, electrolyte c_e, plated lithium c (mol/m3), SEI lithium
 * n (its film, when SEI grows) and intercalation current j_m, at p->T;
 * derivatives by each and by T (NULL together: none). */
double cf_plating_current(const cf_plan *p, double dphi, double ce, double c, double n, double jm, double *d_dphi,
                          double *d_ce, double *d_c, double *d_n, double *d_jm, double *d_T);
/* Rate (1/s) at which plated lithium turns dead (partially reversible;
 * 0 otherwise) at SEI lithium n, and its derivative by n. */
double cf_plating_dead_rate(const cf_plan *p, double n, double *d_n);

/* The same law at film thickness L (m) held above floor (m); derivative by
 * L instead of n (0 where held).  Used for the SEI on crack walls. */
double cf_sei_current_at(const cf_plan *p, double dphi, double L, double floor, double jm, double *d_dphi,
                         double *d_L, double *d_jm, double *d_T);

/* Butler-Volmer through a film of area resistance r (Ohm m2):
 * j = j0 [e^{alpha f eta} - e^{-(1-alpha) f eta}] with eta = eta0 - r j,
 * solved for j; its derivatives by eta0, j0 and r.  r = 0 is plain BV. */
double cf_bv_film(double j0, double eta0, double alpha, double f, double r, double *dj_deta0, double *dj_dj0,
                  double *dj_dr);

/* ---- loss of active material (ageing_lam.c) ----
 * df/dt = sum of the rate terms that depend on the electrode's own state
 * (its particles, f), each of cf_lam_local_rate's mechanisms; the
 * reaction-driven term, which needs the SEI current, is added by the model
 * (cf_lam_reaction_coeff).  A new mechanism is one more term in
 * cf_lam_local_rate with its derivatives. */
static inline int cf_lam_on(const cf_plan *p, int s) { return p->ageing && p->ageing->lam[s]; }
/* The local rate (1/s, <= 0) of side s whose phase i has its shells at
 * y[shell_off[i]..] (f at y[i_f]); with J, adds scale * its derivatives to
 * row `row` (and its temperature's column under the lumped thermal model). */
double cf_lam_local_rate(cf_plan *p, int s, const double *y, const int *shell_off, int i_f, cf_asm *J, int row,
                         double scale);
/* The volume-driven rate (1/s, <= 0) of side s at active share f whose
 * phase i takes the intercalation current density j[i] (A/m2 on its
 * particles, > 0 delithiating): -beta_v A(T) f |eps_v'|, with the active
 * phase mix's volumetric strain rate
 *     eps_v' = sum_i w_i dsto_i/dt,  dsto_i/dt = -3 j_i / (F R_i c_max,i),
 * w_i = eps_i0 e_i / (1 + e_i sto_i0) / sum eps_0 (e_i: phase i's
 * volume_expansion) and |x| smoothed as sqrt(x^2 + d^2) - d.  d_dj[i] and
 * *d_df its derivatives (its T-derivative is rate * lam_dlnarr[s]); 0 when
 * the mechanism is off. */
double cf_lam_volume_rate(const cf_plan *p, int s, double f, const double *j, double *d_dj, double *d_df);
/* d f/dt of reaction-driven LAM per unit of the SEI's current per electrode
 * volume a f j_sei (A/m3): beta_r / (F eps0); 0 when it is off. */
double cf_lam_reaction_coeff(const cf_plan *p, int s);
/* Lithium (mol/m3 of electrode) the active material holds per unit of f:
 * sum_i eps_i0 cbar_i; with J, adds scale * its derivatives to row `row`. */
double cf_lam_lithium(const cf_plan *p, int s, const double *y, const int *shell_off, cf_asm *J, int row,
                      double scale);
/* DFN: the unknown of f in electrode cell k (m's is next). */
static inline int cf_lam_index(const cf_plan *p, int k)
{
    int neg = p->dom[k] == DOM_NEG;
    return p->off[k] + p->side[neg ? 0 : 1].ncs + 3 +
           (neg ? p->plating + cf_sei_on(p) + 2 * cf_okane_plating_on(p) : 0);
}
/* theta (m3/mol) of stress-induced diffusion on side s, D (1 + theta c);
 * 0 when it is off (no stress mechanism there, or switched off). */
double cf_lam_stress_diffusion(const cf_plan *p, int s);
/* Surface hydrostatic stress (Pa) of phase i's particle at shells cs. */
double cf_lam_surface_stress(const cf_plan *p, int s, int i, const double *cs);

/* ---- particle cracking (ageing_crack.c) ---- */
static inline int cf_crack_on(const cf_plan *p, int s) { return p->ageing && p->ageing->crack[s]; }
static inline int cf_crack_sei_on(const cf_plan *p) { return p->ageing && p->ageing->crack[0] == CF_CRACK_SEI; }
/* unknowns per electrode (x cell) the cracking of side s adds */
static inline int cf_crack_states(const cf_plan *p, int s)
{
    return cf_crack_on(p, s) ? 1 + (s == 0 && cf_crack_sei_on(p)) : 0;
}
/* DFN: the crack length's unknown in electrode cell k (n_cr's next). */
static inline int cf_crack_index(const cf_plan *p, int k)
{
    return cf_lam_index(p, k) + 2 * cf_lam_on(p, p->dom[k] == DOM_NEG ? 0 : 1);
}
/* Growth rate dl/dt (m/s) of side s's crack of length l on phase 0's
 * particle at shells cs (Paris' law under the surface's tensile tangential
 * stress); with J, adds scale * its derivatives to row `row` (shells from
 * column shell_off, l at column il). */
double cf_crack_rate(const cf_plan *p, int s, const double *cs, double l, cf_asm *J, int row, int shell_off, int il,
                     double scale);
/* The crack SEI's thickness (m) at lithium n and crack length l. */
double cf_crack_sei_thickness(const cf_plan *p, double n, double l);
/* Crack SEI current per electrode volume on the as-built surface, a_cr j
 * (A/m3), with j at surface potential difference dphi and intercalation j_m;
 * stores j and its derivatives into the ageing arrays at index k. */
double cf_crack_sei_kinetics(cf_plan *p, int k, double dphi, double n, double l, double jm);
/* Derivatives of a_cr j at index k by n_cr, l; returns a_cr (the other
 * derivatives are jc_ddphi and jc_djm times a_cr). */
double cf_crack_sei_dvol(const cf_plan *p, int k, double l, double *d_n, double *d_l);
/* Arrhenius factor of k_cr at p->T (cf_ageing_set_temperature). */
void cf_crack_set_temperature(cf_plan *p);
#endif
