/* plan_internal.h — the discretised model behind a cf_plan.
 *
 * Unknowns are ordered node by node in x so the Jacobian stays narrow:
 *   DFN  electrode cell: c_s[0..nr-1], c_e, phi_e, phi_s;  separator cell: c_e, phi_e
 *   SPM  c_s,n[nr_n], c_s,p[nr_p]
 *   SPMe c_s,n[nr_n], c_s,p[nr_p], c_e[nx]
 * followed by the globals V, I, Q (Ah) and E (Wh).  V and I are unknowns with
 * their own algebraic equations, so every control mode (current, voltage,
 * power, resistance) is one row of the same system. */
#ifndef CF_PLAN_INTERNAL_H
#define CF_PLAN_INTERNAL_H

#include <ida/ida.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include "cellforge/cf_model.h"
#include "solver/bdf.h"
#include "solver/sparse_assembly.h"
#include "model/thermal.h"

typedef struct cf_ageing cf_ageing;
enum { DOM_NEG = 0, DOM_SEP = 1, DOM_POS = 2 };
/* Side (0 negative, 1 positive) of an electrode domain. */
#define SIDE_OF_DOM(d) ((d) == DOM_NEG ? 0 : 1)

/* Most nodes of a spectral particle (particle_spectral.c). */
#define CF_SPECTRAL_MAX 64

typedef struct {
    int nr;               /* radial volumes (spectral: nodes)                */
    double R, dr;
    double *area;         /* r^2 at the nr+1 edges (spectral: only area[nr]) */
    double *inv_vol;      /* 3 / (r_{i+1/2}^3 - r_{i-1/2}^3)                 */
    double *vol;          /* shell volume / (4 pi) (spectral: w_i R^3/3)     */
    /* spectral discretisation (particle_spectral.c); NULL/0 for FV */
    int spectral;
    double *node_s;       /* nodes in s = (r/R)^2, the last 1                */
    double *Ds;           /* d/ds at the nodes: Ds[i*nr+j] = l_j'(s_i)       */
    double *Kq;           /* 4 w_q s_q: stiffness weights                    */
    double *A0;           /* diffusion rows for D = 1 (times D at run time)  */
    /* its response to a step of surface flux (particle_spectral.c, "step
     * starts"): the modes mu_m of the rows for R = D = 1 and the weights
     * 3 b_m^2 / mu_m of their surface values, and the tau = D t / R^2 from
     * which it equals the exact sphere's to 1e-12 */
    int nmodes;
    double *mode_mu, *mode_w;
    double mode_zero;     /* weight of the uniform mode (3, to rounding)     */
    double tau_cut;
    double beta2[40];     /* the exact sphere's beta_k^2, tan beta_k = beta_k */
} cf_particle_mesh;

/* Step starts of spectral particles (particle_spectral.c; every model): the
 * surface concentration the kinetics see is the surface node's plus, for
 * each recent jump dj of a particle's reaction current (A/m2) at a segment
 * start t0, dj/F R/D (S(tau) - S_n(tau)), tau = D (t - t0) / R^2: the exact
 * sphere's surface response to a unit step of outward flux less the n-node
 * polynomial's.  The nodes keep the lithium; the correction restores the
 * surface's short-time sqrt(t) layer the polynomial cannot hold, and it
 * vanishes once the step's fast modes have decayed. */
#define CF_START_SLOTS 8
typedef struct {
    int n;                                     /* active steps                 */
    int from_rest;                             /* no flux since the reset      */
    double t0[CF_START_SLOTS];
    double rate[CF_START_SLOTS][2][CF_MAX_PHASES];  /* D / R^2, 1/s (0: none)  */
    double scale[CF_START_SLOTS][2][CF_MAX_PHASES]; /* R / (F D)               */
    double *dj;                                /* [slot][k * CF_MAX_PHASES + i];
                                                  k: DFN x cell, SPM/SPMe side */
    double *j_before;                          /* one slot's columns           */
    double *shift;                             /* one slot's columns: work     */
    double cache_t;                            /* g below is for this time     */
    int cache_ok;
    double g[CF_START_SLOTS][2][CF_MAX_PHASES];
} cf_step_start;

/* A phase's OCP (or D(sto)) from a table filled as a run visits it
 * (ocp_table.c): values and slopes at k/n, a cubic Hermite interpolant
 * where its midpoint check passed (error below tol_abs + tol_rel |f|), the
 * function elsewhere.  U is NULL for functions that are cheap already
 * (constants, tables). */
#define CF_OCP_TABLE_N 1024
typedef struct {
    double *U, *dU;        /* at the n + 1 nodes (dU: d/dx)                */
    unsigned char *node;   /* node filled                                  */
    unsigned char *iv;     /* interval: unknown, tabulated or direct       */
    double T;              /* the temperature it holds                     */
    double tol_abs, tol_rel;
} cf_ocp_table;
int cf_ocp_table_init(cf_ocp_table *tb, const cf_fn *f, double tol_abs, double tol_rel);
void cf_ocp_table_free(cf_ocp_table *tb);
/* The same on the heap (for the const paths of the diffusivity). */
cf_ocp_table *cf_ocp_table_new(const cf_fn *f, double tol_abs, double tol_rel);
void cf_ocp_table_delete(cf_ocp_table *tb);
/* f(x, T) and df/dx, from the table where it answers. */
double cf_ocp_table_eval(cf_ocp_table *tb, const cf_fn *f, double x, double T, double *d);

/* One electrode as the model sees it (side 0 negative, side 1 positive). */
typedef struct {
    const cf_electrode *el;          /* points into the plan's cell copy             */
    int nph;                         /* active phases                                */
    cf_particle_mesh pm[CF_MAX_PHASES];
    int ph_off[CF_MAX_PHASES];       /* first shell of phase i inside a node's block */
    int ncs;                         /* shells of all phases per node                */
    double a[CF_MAX_PHASES];         /* surface area per electrode volume, 1/m       */
    double arr_j0[CF_MAX_PHASES], Ds[CF_MAX_PHASES];  /* set at reset (temperature)  */
    int Dvar[CF_MAX_PHASES];         /* D depends on stoichiometry (particle.c)      */
    double Darr[CF_MAX_PHASES];      /* its Arrhenius factor at the cell temperature */
    double cs0[CF_MAX_PHASES];       /* initial concentrations (SOC-adjusted)        */
    double sigma_eff;
    int first, last;                 /* its x cells                                  */
    int off_cs[CF_MAX_PHASES];       /* SPM/SPMe: unknown index of phase i's shells  */
    int i_dphi;                      /* SPM/SPMe: surface potential difference       */
    int i_j[CF_MAX_PHASES];          /* SPM/SPMe blends: each phase's current, A/m2  */
    int expanding;                   /* some phase changes volume with lithiation    */
    double eps_inert;                /* binder + additive volume fraction            */
    double exp_w[CF_MAX_PHASES];     /* eps_s,i0 beta_i / (1 + beta_i sbar_i0)        */
    double swell;                    /* thickness_swelling: share of free swelling   */
    double solid0;                   /* initial solid volume fraction 1 - eps_0      */
    cf_ocp_table ocp[CF_MAX_PHASES]; /* each phase's OCP table (ocp_table.c)         */
    cf_ocp_table *dtab[CF_MAX_PHASES]; /* its D(sto) table (NULL: D constant)        */
} cf_side;

struct cf_plan {
    cf_cell *cell;
    cf_model_options opt;
    int n;                /* unknowns */

    /* x mesh (DFN, SPMe) */
    int nx, n_neg, n_sep, n_pos;
    int *dom;             /* domain of each x cell                          */
    double *dx, *xc;      /* widths and centres                             */
    double *eps, *epsb;   /* porosity and eps^b / lam per cell (current: they
                             follow particle expansion in the DFN, porosity.c) */
    double min_porosity;  /* lowest porosity of any electrode cell so far      */
    double *h;            /* node distance at the nx+1 edges (0 at ends)     */
    double *w_left;       /* node-to-edge weight of the left node            */
    double *epsb_edge;    /* eps^b interpolated to edges                     */

    cf_side side[2];
    cf_step_start start;  /* spectral particles: step-start corrections    */
    const double *var_shift; /* variables.c: the corrections of the row it
                                evaluates (cf_solution.surface_shift), or NULL */

    /* unknown layout */
    int *off;             /* first unknown of each x cell (DFN)               */
    int off_ce;           /* SPMe block                                       */
    int iV, iI, iQ, iE;
    /* Reported charge and energy counters (simulate.c): integrated over each
     * IDA step from the step's end values and slopes, so they are exact for
     * the piecewise-linear currents of drive cycles and do not inherit the
     * integrator's loose low-order start on the iQ/iE unknowns. */
    struct {
        double q_Ah, e_Wh;   /* totals since the reset                        */
        double t, I, V;      /* point they are integrated up to               */
        double dI, dV;       /* slopes there (valid if has_slope)             */
        int has_slope;
    } counter;
    /* lithium metal (DFN): a planar negative's active and dead lithium
     * (mol/m2), the reservoir's current (A) and lithium (mol); -1 if absent */
    int iNLi, iNdead, iIres, iNres;
    int iNal;              /* lithium alloyed into the positive collector (mol), with a reservoir */
    int reservoir_active;  /* 0 once the reservoir has dissolved (simulate.c)   */
    int stalled;           /* the last segment ended with a stalled solution    */
    /* budgets of the run since the last reset (options max_steps, max_wall_s) */
    long run_steps;        /* accepted solver steps                            */
    double run_wall0;      /* monotonic clock at the reset, s                  */
    cf_end_reason end_reason; /* a failed segment's reason, when it is not the
                              one its status implies (the budgets)           */
    int plating;           /* porous negative cells carry plated lithium (DFN):
                              one more unknown after phi_s                       */
    double a_plating;      /* particle surface per electrode volume it plates on */
    struct cf_ageing *ageing; /* degradation terms (ageing.h); NULL: none        */

    /* temperature-dependent factors: set at reset, and from the temperature
     * unknown at every residual of a thermal model (thermal.c) */
    double T, f;          /* F/(RT)                                           */
    int iT;               /* temperature unknown (lumped thermal), -1: none   */
    cf_thermal_plan th;   /* the energy balance's constants and work (thermal.h) */

    cf_observer observer;  /* called after each accepted step (may be NULL)   */
    void *observer_user;

    /* segment being run */
    cf_segment seg;
    double seg_t0;

    /* solver */
    SUNContext ctx;
    void *ida;
    N_Vector y, yp, id, atol_v; /* atol_v: per-unknown absolute tolerances */
    SUNMatrix J;
    SUNLinearSolver LS;
    cf_asm jac;
    cf_bdf *bdf;          /* our integrator (options.integrator), else ida    */
    N_Vector bdf_work;    /* view of its linear-solve vector                  */
    cf_bdf_stats bdf_stats_mark; /* its counters at the segment's start          */
    int integ_started;    /* a segment re-initialised the integrator (stats)  */
    cf_solver_stats stats;
    N_Vector tmp, tmp2;   /* interpolated output, Newton work                  */
    double *w_F, *w_F1, *w_F2; /* work for the consistent initialisation       */
    double *w_y_keep;     /* its state before a guessed start (fallback)      */
    long ic_newton_iters; /* Newton iterations of the initialisations so far  */
    double t;             /* current time                                     */

    /* work arrays (no allocation in the residual) */
    double *w_j, *w_dj_dcs, *w_dj_dce, *w_dj_deta;  /* per x cell and phase: [k*CF_MAX_PHASES+i] */
    double *w_s1, *w_s2, *w_s3;                      /* per x cell scratch (SPMe) */
    double *w_pl, *w_pl_dce, *w_pl_deta, *w_pl_dn;   /* plating current per x cell */
    double *w_G, *w_ie;                              /* per x edge      */
    double *w_pD, *w_pdD;                            /* per particle shell (particle.c) */
    double *lam;          /* thickness stretch of each x cell (1: as built; porosity.c) */
    int failed_reason;    /* why the residual refused a state (for messages) */
};

/* Model residuals F(t, y, y') and Jacobians dF/dy + cj dF/dy'. */
int cf_dfn_residual(cf_plan *p, double t, const double *y, const double *yp, double *F);
/* The first part of the DFN residual: the kinetics (w_j, the OCPs) and the
 * electrolyte's face fluxes (w_G, w_ie) at y, what the heat sources read. */
int cf_dfn_fluxes(cf_plan *p, double t, const double *y);
void cf_dfn_jacobian(cf_plan *p, double t, const double *y, const double *yp, double cj, cf_asm *J);
int cf_spm_residual(cf_plan *p, double t, const double *y, const double *yp, double *F);
/* SPM/SPMe (spm.c): the surface concentration of side s's phase i the
 * kinetics see at time t (the surface node or the finite volumes' outer
 * extrapolation, plus a spectral particle's step-start correction) and the
 * weights of the last two unknowns in it; the intercalation current density
 * (A/m2, the SEI's and plating's shares of a single material's current left
 * out) of that particle in state y, as its surface row takes it. */
double cf_spm_surface(const cf_plan *p, int s, int i, const double *y, double t, double *wl, double *wp);
double cf_spm_particle_current(cf_plan *p, int s, int i, const double *y);
void cf_spm_jacobian(cf_plan *p, double t, const double *y, const double *yp, double cj, cf_asm *J);

/* Porosity of electrode cells from particle expansion (porosity.c):
 * eps = 1 - eps_inert - sum_i eps_s,i0 (1 + beta_i sbar_i) / (1 + beta_i sbar_i0).
 * cf_porosity_update refreshes p->eps/epsb of the DFN's expanding cells from
 * y (returns 1 when a cell's pores close); cf_porosity_min gives the lowest
 * porosity of any electrode cell in state y (all models). */
void cf_porosity_setup(cf_plan *p);
int cf_porosity_update(cf_plan *p, const double *y);
double cf_porosity_min(const cf_plan *p, const double *y);
/* d eps_k / d (shell r of phase i in cell k) = -w_i * vol_r / (R^3/3) / c_max,i
 * for a held thickness, i.e. d(-S)/d shell; the derivatives below are per
 * unit of -S, so each times cf_porosity_dshell is a derivative by a shell:
 * of the stored electrolyte volume lambda eps, of the stretch lambda, and of
 * cell k's transport factor eps^b / lambda. */
double cf_porosity_dshell(const cf_plan *p, int side, int i, int r);
double cf_porosity_dstore(const cf_plan *p, int side);
double cf_porosity_dstretch(const cf_plan *p, int side);
double cf_porosity_dtau(const cf_plan *p, int k);
/* Thickness change (%) and mean porosity of side s (0 negative) in state y;
 * NAN for a planar lithium negative. */
void cf_swelling_state(const cf_plan *p, int s, const double *y, double *thickness_change_pct, double *porosity);

/* Particles whose diffusivity depends on the stoichiometry (particle.c):
 * D at the shell centres, the harmonic mean at the faces.  Rows
 * F_r = c_r' + (N_r - N_{r-1}) inv_vol_r with the surface term N_surf
 * (= r_R^2 times the outward molar flux) given; the Jacobian adds the
 * diffusion part (and cj on the diagonal) of the shells starting at unknown o. */
double cf_solid_diffusivity(const cf_plan *p, const cf_side *sd, int i, double c, double *dD_dc);
void cf_particle_rows_var(cf_plan *p, const cf_side *sd, int i, const double *cs, const double *csp,
                          double N_surf, double *F);
void cf_particle_jac_var(cf_plan *p, const cf_side *sd, int i, const double *cs, double cj, int o, cf_asm *J);

/* Spectral particles (particle_spectral.c): a mesh of n nodes (2..CF_SPECTRAL_MAX),
 * the rows F_r = c_r' + diffusion + (surface row) inv_vol N_surf for constant
 * D or D(sto), and their Jacobian (with cj on the diagonal), a dense block. */
int cf_particle_mesh_init_spectral(cf_particle_mesh *m, int n, double R);
void cf_particle_rows_spectral(cf_plan *p, const cf_side *sd, int i, const double *cs, const double *csp,
                               double N_surf, double *F);
void cf_particle_jac_spectral(cf_plan *p, const cf_side *sd, int i, const double *cs, double cj, int o, cf_asm *J);

/* Step starts (particle_spectral.c; cf_step_start above).  The shape
 * S(tau) - S_n(tau) for unit outward flux (R = D = 1); the correction of
 * DFN cell k's phase i (side s) at time t (SPM/SPMe: k = s); the plan's segment bookkeeping:
 * _before with the state as the previous segment left it (its currents),
 * _after with the new segment's consistent state; _clear at a reset. */
double cf_step_start_shape(const cf_particle_mesh *m, double tau);
double cf_step_start_correction(const cf_plan *p, int k, int s, int i, double t);
void cf_step_start_prepare(cf_plan *p, double t);
int cf_step_start_alloc(cf_plan *p);
void cf_step_start_free(cf_plan *p);
void cf_step_start_clear(cf_plan *p);
void cf_step_start_before(cf_plan *p);
void cf_step_start_after(cf_plan *p);
int cf_step_start_applies(const cf_plan *p);
/* Its particle columns (cf_solution.surface_shift) and their corrections at t. */
int cf_step_start_cols(const cf_plan *p);
void cf_step_start_shifts(const cf_plan *p, double t, double *out);

/* Residual and Jacobian of the plan's model (plan.c). */
int cf_plan_residual(cf_plan *p, double t, const double *y, const double *yp, double *F);
void cf_plan_fill_jacobian(cf_plan *p, double t, const double *y, const double *yp, double cj, SUNMatrix Jm);
/* Discards the linear solver's numeric factorisation (a new control mode
 * moves nonzeros; KLU would otherwise reuse a pivot order chosen for others). */
int cf_plan_linear_solver_reset(cf_plan *p);
/* Consistent initial conditions: algebraic unknowns by damped Newton with the
 * differential ones fixed, then y' of the differential ones (consistent_ic.c). */
int cf_consistent_ic(cf_plan *p, double t);
/* DFN: solid potentials set from the mean reaction current of a known cell
 * current I (a starting point for cf_consistent_ic). */
void cf_dfn_guess_potentials(cf_plan *p, double *y, double I);

/* Electrolyte transport coefficients at internal edge e between cells e-1
 * and e, as PyBaMM's finite volumes form them: a node coefficient that
 * multiplies a gradient goes to the edge by the width-weighted harmonic mean
 * (D_eff = tor*D_e, and the diffusion-potential factor H = 2(1-t+)chi/(f c)),
 * the conductivity tor*kappa by linear interpolation. */
typedef struct {
    double D, dD_dl, dD_dr;   /* eps^b D_e                     */
    double K, dK_dl, dK_dr;   /* eps^b kappa                   */
    double dD_dtl, dD_dtr, dK_dtl, dK_dtr; /* w.r.t. tor = eps^b of each cell */
    double H, dH_dl, dH_dr;   /* 2 (1-t+) chi RT/(F c_e)       */
    double dD_dT, dK_dT, dH_dT; /* w.r.t. the temperature (thermal models; else 0) */
    double dD_dTl, dD_dTr, dK_dTl, dK_dTr, dH_dTl, dH_dTr; /* w.r.t. each node's (x thermal) */
} cf_edge_coeffs;
void cf_electrolyte_edge(const cf_plan *p, int e, double cl, double cr, cf_edge_coeffs *out);
/* The same with the two nodes at temperatures Tl and Tr (x thermal). */
void cf_electrolyte_edge_T(const cf_plan *p, int e, double cl, double cr, double Tl, double Tr, cf_edge_coeffs *out);

/* Shared pieces (model_common.c). */
int cf_particle_mesh_init(cf_particle_mesh *m, int nr, double R);
void cf_particle_mesh_free(cf_particle_mesh *m);
/* Surface concentration from the outer two volumes, and its weights. */
void cf_particle_surface_weights(const cf_particle_mesh *m, double *w_last, double *w_prev);
/* The surface concentration of a particle whose shell concentrations are cs. */
double cf_particle_surface(const cf_particle_mesh *m, const double *cs);
/* Control row: residual and (through J) its derivatives in V and I. */
double cf_control_residual(const cf_plan *p, double t, double V, double I);
void cf_control_jacobian(const cf_plan *p, double t, double V, double I, int row, cf_asm *J);
double cf_segment_value_at(const cf_segment *s, double tau);
/* Rows for Q' = I/3600 and E' = I V/3600. */
void cf_counters_residual(const cf_plan *p, const double *y, const double *yp, double *F);
void cf_counters_jacobian(const cf_plan *p, const double *y, double cj, cf_asm *J);
/* Electrode helpers */
double cf_bv_current(double j0, double eta, double alpha, double f, double *dj_deta);
/* Exchange current density k c_e^1/2 c_s^1/2 (c_max - c_s)^1/2 with each root
 * regularised (docs/models.md, "Limits"): finite with finite derivatives for
 * every c_e and c_s; zero outside 0 < c_s < c_max, odd in c_e (negative for
 * c_e < 0).  The plan gives the scales (its model and electrolyte). */
double cf_j0(const cf_plan *p, const cf_phase *e, double arr, double ce, double cs, double *dj0_dce, double *dj0_dcs);
/* The same regularised power c^a (scale s) for other exponents, with c
 * clamped at 0 first: 0 with zero slope for c <= 0. */
double cf_reg_power(double c, double a, double s, double *d);
/* Inverse Butler-Volmer (symmetric): eta = (2/f) asinh(j / (2 j0)), with
 * 2 j0 replaced by hypot(2 j0, 1e-16 A/m2) so that it stays finite at j0 = 0. */
double cf_bv_eta(double f, double j, double j0, double *deta_dj, double *deta_dj0);
/* Open-circuit potential of a phase at surface concentration cs, and dU/dcs:
 * the material's OCP at the stoichiometry clipped to [1e-10, 1 - 1e-10], plus
 * PyBaMM's barriers at the two ends (1 mV at 0.001 from an end, 1 V at it). */
double cf_phase_ocp(const cf_phase *ph, double cs, double T, double *dU_dcs);
/* The same through the plan's table of side s's phase i (ocp_table.c). */
double cf_side_ocp(cf_plan *p, int s, int i, double cs, double *dU_dcs);
/* Electrolyte concentration as transport sees it: c itself from 2m up, the
 * C1 floor m + c^2/(4m) below (>= m > 0 for every c); *d = its derivative. */
double cf_ce_floor(double c, double m, double *d);
/* Floors (mol/m3): diffusivity and conductivity are evaluated at c_e >= 10
 * (as PyBaMM clamps them), the diffusion-potential factor 1/c_e at
 * c_e >= 0.01 (PyBaMM's); each floor is exact from twice its m upwards. */
#define CF_CE_FLOOR_TRANSPORT 5.0
#define CF_CE_FLOOR_DIFFPOT 0.005

/* ---- thermal (thermal.c): the lumped energy balance ----
 * cf_thermal_setup: checks the cell's thermal data, the constants and work
 * arrays (plan creation); cf_thermal_set_T: the temperature and every
 * factor that follows it (F/RT, Arrhenius factors and their T-derivatives).
 * cf_thermal_ocp: a phase's OCP with the entropic shift (T - T_ref) S, S the
 * entropic coefficient dU/dT of the data, and its derivatives: in c_s, of S in
 * c_s, and the OCP's full T-derivative (S and the OCP function's own).
 * cf_thermal_fn_dT: a material function's T-derivative (0 for constants and
 * tables; a fourth-order central difference of 0.05 K steps for built-ins and
 * expressions, exact to ~1e-12 relative for the smooth Arrhenius forms).
 * cf_thermal_particle_dT: adds the T column of one particle's rows.
 * cf_thermal_residual/jacobian: the temperature row (with its T column). */
int cf_thermal_setup(cf_plan *p, cf_error *err);
void cf_thermal_free(cf_plan *p);
/* A segment's ambient temperature (K; 0: the cell's): a thermal model's
 * surroundings, an isothermal model's temperature (its factors follow). */
void cf_thermal_segment(cf_plan *p, double ambient_K);
void cf_thermal_set_T(cf_plan *p, double T);
double cf_thermal_ocp(const cf_plan *p, const cf_phase *ph, double cs, double *dU_dcs, double *S, double *dS_dcs,
                      double *dU_dT);
double cf_thermal_fn_dT(const cf_fn *f, double x, double T);
void cf_thermal_particle_dT(cf_plan *p, const cf_side *sd, int i, const double *cs, int o, int tc, cf_asm *J);
int cf_thermal_residual(cf_plan *p, const double *y, const double *yp, double *F);
void cf_thermal_jacobian(cf_plan *p, const double *y, double cj, cf_asm *J);
/* The heat sources of state y (t for the residual evaluation it needs). */
void cf_thermal_heat(cf_plan *p, double t, const double *y, cf_heat *h);
/* ---- the through-cell model (thermal_x.c; docs/thermal.md) ----
 * cf_thermal_x_setup: constants and layout checks (from cf_thermal_setup);
 * cf_thermal_x_node: the plan's temperature factors at x cell k's temperature
 * in y (every kinetic and transport term of cell k reads them);
 * cf_thermal_x_residual/jacobian: the temperature rows (after the DFN's own,
 * whose kinetics and fluxes they read); cf_thermal_x_heat: the outputs. */
int cf_thermal_x_setup(cf_plan *p, cf_error *err);
void cf_thermal_x_free(cf_plan *p);
void cf_thermal_x_set(cf_plan *p, int k, double T);
static inline void cf_thermal_x_node(cf_plan *p, int k, const double *y) { cf_thermal_x_set(p, k, y[p->th.tx[k]]); }
/* 1 when a side's particle rows depend on the temperature (an activation
 * energy of D_s, or D_s a function of the stoichiometry that may take T) */
static inline int cf_thermal_x_particles_T(const cf_plan *p, const cf_side *sd)
{
    for (int i = 0; i < sd->nph; i++)
        if (sd->el->phase[i].diffusivity_Ea_J_mol != 0 || sd->Dvar[i]) return 1;
    return 0;
}
void cf_thermal_x_residual(cf_plan *p, const double *y, const double *yp, double *F);
void cf_thermal_x_jacobian(cf_plan *p, const double *y, double cj, cf_asm *J);
void cf_thermal_x_heat(cf_plan *p, const double *y, cf_heat *h);
/* 1 with a thermal model; the temperature column that x cell k's terms read (-1: none) */
static inline int cf_thermal_on(const cf_plan *p) { return p->iT >= 0 || p->th.x; }
/* The through-cell model's mean temperature at state y (thickness-weighted, as its outputs'). */
double cf_thermal_x_mean(const cf_plan *p, const double *y);
/* The cell's temperature at state y: the lumped unknown, the through-cell
 * mean, or the temperature an isothermal plan holds. */
static inline double cf_cell_temperature(const cf_plan *p, const double *y)
{
    return p->iT >= 0 ? y[p->iT] : p->th.x ? cf_thermal_x_mean(p, y) : p->T;
}
static inline int cf_tcol(const cf_plan *p, int k) { return p->iT >= 0 ? p->iT : p->th.x ? p->th.tx[k] : -1; }
/* DFN: solid current density (A/m2) through the left face of electrode cell k (dfn.c). */
double cf_dfn_solid_face(const cf_plan *p, const double *y, int k);

#endif
