/* cf_cell.h — what a cell is: geometry, materials, electrolyte, limits.
 *
 * A cf_cell is plain data (SI units throughout) so that sweeps, the Python
 * binding and the design module can read and change it directly.  Material
 * functions (OCPs, electrolyte transport) are cf_fn values: a constant, a
 * built-in published function looked up by name, or a table.  */
#ifndef CELLFORGE_CF_CELL_H
#define CELLFORGE_CF_CELL_H

#include <stddef.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CF_NAME_MAX 64
#define CF_FARADAY 96485.33212   /* C/mol */
#define CF_GAS_CONSTANT 8.314462618 /* J/(mol K) */

/* CF_FN_EXPR: an expression in x (BPX), with optional temperature terms;
 * see cellforge/cf_expr.h. */
typedef enum { CF_FN_CONSTANT = 0, CF_FN_BUILTIN = 1, CF_FN_TABLE = 2, CF_FN_EXPR = 3 } cf_fn_kind;

/* A material function f(x, T).  For OCPs x is the stoichiometry (-), for
 * electrolyte properties x is the concentration (mol/m3). */
typedef struct {
    cf_fn_kind kind;
    double value;               /* CF_FN_CONSTANT                              */
    int builtin;                /* CF_FN_BUILTIN: index into the registry      */
    int n;                      /* CF_FN_TABLE: points, x strictly increasing  */
    double *x, *y;              /* CF_FN_TABLE: owned by the cell              */
    void *expr;                 /* CF_FN_EXPR: compiled expression (opaque,
                                   owned by the cell; src/expr/fn_expr.h)      */
    char name[CF_NAME_MAX];     /* built-in name or "table"/"constant"         */
} cf_fn;

#define CF_MAX_PHASES 4

/* One active material of an electrode: its particles, kinetics and OCP.
 * Blended electrodes hold several, sharing the electrode's potentials. */
typedef struct {
    char name[CF_NAME_MAX];          /* material name (informative)                 */
    double active_fraction;          /* volume fraction of the electrode [0,1)      */
    double particle_radius_m;
    double c_max;                    /* mol/m3                                      */
    double c_init;                   /* initial (uniform) concentration, mol/m3    */
    double diffusivity_m2_s;         /* solid diffusivity at T_ref                  */
    /* Solid diffusivity as a function of the stoichiometry (m2/s at T_ref,
     * times the Arrhenius factor of diffusivity_Ea_J_mol): a built-in, a
     * table or an expression.  Kind CF_FN_CONSTANT (the zero value) means
     * none: the particles take the number diffusivity_m2_s. */
    cf_fn diffusivity_fn;
    double diffusivity_Ea_J_mol;     /* Arrhenius activation energy                 */
    double j0_ref;                   /* j0 = j0_ref*c_e^a*c_s^a*(c_max-c_s)^a ...   */
    double j0_Ea_J_mol;              /* ... * exp(Ea/R (1/T_ref - 1/T)), A/m2       */
    double alpha;                    /* charge-transfer coefficient (0.5)           */
    double volume_expansion;         /* particle volume growth from sto 0 to 1,
                                        V(sto) = V(0) (1 + volume_expansion sto)    */
    double li_o_at_full;             /* Li/O atomic ratio at sto = 1 (positives;
                                        0 = not an oxide / unknown)                 */
    cf_fn ocp;                       /* open-circuit potential vs Li/Li+ (V)        */
    /* Entropic change dU/dT (V/K) vs the stoichiometry: the OCP at T is
     * U(sto) + (T - T_ref) dU/dT(sto) and the reversible heat a j T dU/dT.
     * Kind CF_FN_CONSTANT with value 0 (the zero value): none. */
    cf_fn entropic;
} cf_phase;

/* Growth of a solid-electrolyte interphase (SEI) on an electrode's particle
 * surfaces (docs/ageing.md): the mechanism that limits it, and its
 * parameters (SI; defaults: O'Kane et al. 2022, the LG M50 fit).  The SEI
 * holds lithium taken from the cyclable inventory and adds a film
 * resistance to the electrode's reaction. */
typedef enum {
    CF_SEI_NONE = 0,
    CF_SEI_REACTION_LIMITED,               /* j = -j0 exp(-alpha f (dphi - U - j L R))     */
    CF_SEI_SOLVENT_DIFFUSION_LIMITED,      /* j = -F D_sol c_sol / L                        */
    CF_SEI_ELECTRON_MIGRATION_LIMITED,     /* j = kappa (dphi - U) / L  (dphi < U)          */
    CF_SEI_INTERSTITIAL_DIFFUSION_LIMITED  /* j = -F D_li c_li0 / L exp(-f dphi)            */
} cf_sei_model;

typedef struct {
    cf_sei_model model;
    double initial_thickness_m;            /* L_0                                          */
    double molar_volume_m3_mol;            /* partial molar volume of the SEI, V_bar       */
    double li_per_sei;                     /* lithium moles per SEI mole, z                */
    double exchange_current_A_m2;          /* reaction-limited j0                          */
    double alpha;                          /* reaction-limited transfer coefficient        */
    double ocp_V;                          /* SEI open-circuit potential vs Li/Li+, U      */
    double resistivity_ohm_m;              /* film resistance per thickness (0: none)      */
    double solvent_diffusivity_m2_s, solvent_concentration_mol_m3;
    double electron_conductivity_S_m;
    double interstitial_diffusivity_m2_s, interstitial_concentration_mol_m3;
    double activation_energy_J_mol;        /* Arrhenius factor of every mechanism           */
} cf_sei;

/* Lithium plating on a porous negative's particles as O'Kane et al. 2020
 * and 2022 model it (docs/ageing.md): Butler-Volmer between plated lithium
 * (c_Li, mol per m3 of electrode) and the electrolyte at 0 V vs Li/Li+,
 *   j = F k c_Li e^{(1-alpha) f eta} - F k c_e e^{-alpha f eta},  eta = phi_s - phi_e - j_m R L_sei,
 * plated lithium that stays (reversible), all of it lost at once
 * (irreversible: no stripping), or turning dead at the rate
 * gamma_0 L_sei,0 / L_sei (partially reversible). */
typedef enum {
    CF_PLATING_NONE = 0,
    CF_PLATING_REVERSIBLE,
    CF_PLATING_IRREVERSIBLE,
    CF_PLATING_PARTIALLY_REVERSIBLE
} cf_plating_model;

typedef struct {
    cf_plating_model model;
    double rate_constant_m_s;              /* k                                            */
    double transfer_coefficient;           /* alpha (plating); stripping 1 - alpha          */
    double dead_decay_s;                   /* gamma_0, 1/s (partially reversible)            */
    double initial_mol_m3;                 /* plated lithium at the start, per electrode volume */
    double activation_energy_J_mol;        /* Arrhenius factor of k (0: none, as O'Kane 2022) */
} cf_plating_params;

/* Loss of active material of an electrode (docs/ageing.md): the share f of
 * its as-built active material still active, a state of the model that
 * shrinks at a rate summed over the mechanisms switched on (bits of
 * `model`), as PyBaMM's "loss of active material" (Reniers et al. 2019,
 * Ai et al. 2020, O'Kane et al. 2022):
 *   stress-driven    d eps_s/dt = -beta (sigma_h+ / sigma_c)^m,
 *                    sigma_h = 2/3 Omega E (cbar - c_surf) / (3 (1 - nu)) at the particle surface;
 *   reaction-driven  d eps_s/dt = beta_r a j_sei / F   (the negative's SEI current).
 * The particles' stress also speeds their diffusion (below). */
enum { CF_LAM_STRESS = 1, CF_LAM_REACTION = 2, CF_LAM_VOLUME = 4 };
/* Volume-driven loss applies to an electrode with a phase that swells at
 * least this much (volume_expansion) from empty to full: an alloy (tin
 * +258 %, silicon), not a host (graphite ~10 %). */
#define CF_LAM_ALLOY_EXPANSION 0.5
typedef struct {
    int model;                             /* CF_LAM_* bits; 0 none                         */
    double stress_rate_s;                  /* beta, 1/s (PyBaMM: LAM constant proportional term) */
    double stress_exponent;                /* m                                             */
    double critical_stress_Pa;             /* sigma_c                                       */
    double reaction_factor_m3_mol;         /* beta_r                                        */
    double partial_molar_volume_m3_mol;    /* Omega                                         */
    double young_modulus_Pa;               /* E                                             */
    double poisson_ratio;                  /* nu                                            */
    /* Stress-induced diffusion with the stress mechanism (1, PyBaMM's default
     * with particle mechanics; 0 off): D (1 + theta c),
     * theta = Omega / (R T) 2 Omega E / (9 (1 - nu))  (Ai et al. 2020, eq 12) */
    double stress_induced_diffusion;
    /* Volume-driven loss (alloys): the share of the active material lost per
     * unit of volumetric strain its particles travel, df/dt = -beta_v A(T) f
     * |d eps_v/dt|, eps_v the active phase mix's volume change */
    double volume_rate;                    /* beta_v, -                                     */
    /* Arrhenius factor A(T) = exp(E/R (1/T_ref - 1/T)) of the mechanical
     * (stress- and volume-driven) rates; 0: none */
    double activation_energy_J_mol;
} cf_lam_params;

/* Particle cracking of an electrode (docs/ageing.md), as PyBaMM's "swelling
 * and cracking" (Deshpande et al., JES 159 (2012) A1730; Ai et al., JES 167
 * (2020) 013512; O'Kane et al. 2022): a crack length l per electrode (per x
 * cell in the DFN) that grows by Paris' law under the particle surface's
 * tensile tangential stress sigma_t (the mechanics of cf_lam_params),
 *   dl/dt = k_cr / (3600 s) (b sigma_t sqrt(pi l))^m   (sigma_t > 0),
 * and opens crack walls of area a_cr = 2 rho w l a per electrode volume.
 * With SEI on the cracks (CF_CRACK_SEI, negative with SEI growth) the SEI's
 * law also acts on that area with its own film. */
enum { CF_CRACK_NONE = 0, CF_CRACK_GROWTH = 1, CF_CRACK_SEI = 2 };
typedef struct {
    int model;                             /* CF_CRACK_*                                    */
    double initial_length_m;               /* l_0                                           */
    double width_m;                        /* w (PyBaMM: initial crack width)               */
    double density_m2;                     /* rho, cracks per particle surface area, 1/m2   */
    double paris_b;                        /* b, stress intensity factor's geometry constant */
    double paris_m;                        /* m_cr                                          */
    double rate_constant;                  /* k_cr, m/(Pa m^0.5)^m per hour                 */
    double activation_energy_J_mol;        /* Arrhenius factor of k_cr                      */
    double initial_sei_thickness_m;        /* L_cr0: crack SEI at the start (per as-built surface) */
} cf_crack_params;

typedef struct {
    double thickness_m;
    double porosity;                 /* electrolyte volume fraction (0,1)          */
    double conductivity_S_m;         /* solid electronic conductivity               */
    double bruggeman_electrolyte;    /* eps^b correction of electrolyte transport   */
    double bruggeman_electrode;      /* (1-eps)^b correction of sigma (0 = none)    */
    /* How far the coating's thickness follows its particles' volume change
     * (volume_expansion), [0, 1]: 0 = fully constrained (the thickness is
     * held, the pores take the change; the default), 1 = free (the thickness
     * grows so that the porosity is kept); between, the thickness strain is
     * this share of the free one (docs/models.md). */
    double thickness_swelling;
    int n_phases;                    /* active materials, 1..CF_MAX_PHASES          */
    cf_phase phase[CF_MAX_PHASES];
    /* A planar lithium-metal negative (n_phases = 0, no particles; thickness
     * and porosity unused): lithium plates on and strips from its surface.  */
    int planar;
    double li_metal_mol_m2;          /* lithium on it at the start (0: anode-free) */
    double li_j0_ref;                /* exchange current at c_e = 1 mol/L, A/m2    */
    double plating_efficiency;       /* share of plated lithium that stays active  */
    /* A lithium-metal negative's losses grow with the plating current
     * density i: 1 - CE(i) = (1 - plating_efficiency) (i / i_ref)^beta
     * (docs/ageing.md); beta = 0 (the default) keeps CE fixed. */
    double plating_efficiency_ref_A_m2;   /* i_ref, A/m2 (0: the default 5 A/m2) */
    double plating_efficiency_exponent;   /* beta, [0, 3]                        */
    /* Lithium plating on a porous negative (a lithium-absorbable host that
     * plates once full, seed 001 claims 3-4): reversible plating on the
     * particles' surface with exchange current plating_j0_A_m2 at 1 mol/L. */
    int plating;
    double plating_j0_A_m2;
    /* Stable potential window of the electrode vs Li/Li+ (its materials'):
     * leaving it is warned about, and stops a run when the cell's
     * stop_on_window is set.  has_window 0: none given. */
    int has_window;
    double window_min_V, window_max_V;
    cf_sei sei;                      /* SEI growth on its particles (negative only) */
    cf_plating_params li_plating;        /* O'Kane plating on its particles (negative only) */
    cf_lam_params lam;               /* loss of active material                     */
    cf_crack_params cracking;        /* particle cracking (and SEI on the cracks)   */
} cf_electrode;

/* Lithium metal electrically connected to the positive and in contact with
 * the electrolyte (seed 001): it lithiates the positive from electrolyte
 * contact on.  Its path to the positive through the electrolyte is lumped
 * into a resistance. */
typedef struct {
    int present;
    double li_mol;                   /* lithium metal in the reservoir, mol         */
    double area_m2;                  /* its surface wetted by electrolyte           */
    double j0_ref;                   /* exchange current at c_e = 1 mol/L, A/m2     */
    double ionic_resistance_ohm;     /* electrolyte path reservoir -> positive      */
    double path_length_m;            /* > 0: the path's length instead; its
                                        resistance is then path / (kappa_eff area)
                                        with the separator's effective conductivity
                                        (cf_reservoir_resistance)                   */
    /* The positive's collector alloys with lithium below alloy_potential_V
     * (aluminium, ~0.3 V vs Li/Li+): Li+ + e- + Al -> LiAl, cathodic Tafel
     * kinetics with exchange current alloy_j0_A_m2 over the electrode area
     * (0: a collector that does not alloy, e.g. nickel). */
    double alloy_potential_V;
    double alloy_j0_A_m2;
} cf_reservoir;

/* Defaults shared by cell files and recipes (docs/cell-format.md):
 * lithium exchange current at 1 mol/L, Xu et al. (2019): 3.5e-8 F c_Li^0.7
 * c_e^0.3 = 70.6 A/m2; plating efficiency in carbonates 99.0-99.5 % (Adams et
 * al. 2018), the middle; plating on a host's particles [ASSUME] 1 A/m2;
 * reservoir contact 1 cm2 over a 1 mm electrolyte path [ASSUME], or a cell
 * file's lumped path of 1 ohm [ASSUME: a reservoir at the cell's edge]. */
#define CF_LI_J0_DEFAULT_A_M2 70.6
#define CF_LI_PLATING_EFFICIENCY_DEFAULT 0.9925
/* the current density the plating efficiency is given at [ASSUME]: 0.5 mA/cm2,
 * a usual Li||Cu test density */
#define CF_LI_EFFICIENCY_REF_DEFAULT_A_M2 5.0
#define CF_HOST_PLATING_J0_DEFAULT_A_M2 1.0
#define CF_RESERVOIR_AREA_DEFAULT_M2 1e-4
#define CF_RESERVOIR_PATH_DEFAULT_M 1e-3
#define CF_RESERVOIR_R_DEFAULT_OHM 1.0
/* Aluminium alloys with lithium below ~0.3 V vs Li/Li+ [ASSUME: the usual
 * figure; LiAl forms at 0.2-0.4 V]; its kinetics [ASSUME] 1 A/m2, fast next to
 * a reservoir's path, so the path sets how fast lithium alloys. */
#define CF_AL_ALLOY_POTENTIAL_V 0.3
#define CF_AL_ALLOY_J0_A_M2 1.0

typedef struct {
    double thickness_m;
    double porosity;
    double bruggeman_electrolyte;
} cf_separator;

typedef struct {
    double c_init;                   /* mol/m3                                      */
    double t_plus;                   /* cation transference number                  */
    double thermodynamic_factor;     /* 1 + dln f/dln c                             */
    cf_fn diffusivity;               /* m2/s, f(c_e, T)                             */
    cf_fn conductivity;              /* S/m,  f(c_e, T)                             */
    double transport_reduction;      /* porous polymer (gel) electrolytes: the share
                                        of liquid transport (D_e, kappa) the polymer
                                        blocks, [0, 1); 0 for a liquid [ASSUME]      */
} cf_electrolyte;

/* Thermal data of a cell (docs/thermal.md): what the lumped energy balance
 * needs.  Layers are indexed CF_LAYER_*: the negative collector, negative
 * coating, separator, positive coating, positive collector. */
enum { CF_LAYER_NCC = 0, CF_LAYER_NEG, CF_LAYER_SEP, CF_LAYER_POS, CF_LAYER_PCC, CF_N_LAYERS };
typedef struct {
    int present;                           /* 1: the cell has thermal data              */
    double density_kg_m3[CF_N_LAYERS];
    double heat_capacity_J_kg_K[CF_N_LAYERS];
    double conductivity_W_m_K[CF_N_LAYERS];
    double cc_thickness_m[2];              /* negative [0] and positive [1] collector   */
    double cc_conductivity_S_m[2];         /* their electronic conductivity             */
    double h_W_m2_K;                       /* total heat-transfer coefficient to ambient */
    double cooling_area_m2;                /* cell surface that exchanges heat          */
    double volume_m3;                      /* the cell's thermal volume                 */
    double T_ambient_K;                    /* ambient temperature (0: the cell's T_K)   */
    double T_initial_K;                    /* starting temperature (0: the cell's T_K)  */
} cf_thermal;

typedef struct cf_cell {
    char name[CF_NAME_MAX];
    cf_electrode neg, pos;
    cf_separator sep;
    cf_electrolyte electrolyte;
    cf_reservoir reservoir;
    double area_m2;                  /* electrode area (one side, all layers)       */
    double nominal_capacity_Ah;      /* defines 1C                                  */
    double v_min, v_max;             /* voltage cut-offs, V                         */
    double T_ref, T_K;               /* reference and (isothermal) cell temperature */
    int assembled_discharged;        /* 1: the initial state is as assembled (a recipe):
                                        discharges start from a charged state (SOC 1) */
    int stop_on_window;              /* 1: an electrode leaving its window stops a step
                                        (CF_STOP_WINDOW)                             */
    cf_thermal thermal;              /* thermal data (thermal.present 0: none)       */
    /* Contact (tab and terminal) resistance in series with the cell, Ohm:
     * the terminal voltage is the electrodes' less I R, and I^2 R heats the
     * cell (the collectors' heat column).  0: none. */
    double contact_resistance_ohm;
} cf_cell;

/* A built-in cell by name ("chen2020"); the caller frees with cf_cell_free. */
int cf_cell_builtin(const char *name, cf_cell **out, cf_error *err);
/* Names of the built-in cells, NULL-terminated. */
const char *const *cf_cell_builtin_names(void);
/* What `cellforge cells` lists about a built-in cell (docs/cells.md): the
 * strings are static; capacity, cut-offs and temperature are the cell's. */
typedef struct {
    const char *name, *chemistry, *format, *source;
    double nominal_capacity_Ah, v_min, v_max, T_K;
} cf_builtin_cell_info;
/* Number of built-in cells; the i-th one's description (0 <= i < count). */
int cf_cell_builtin_count(void);
int cf_cell_builtin_info(int i, cf_builtin_cell_info *out, cf_error *err);
/* A cell from a JSON file (docs/cell-format.md) or a built-in name. */
int cf_cell_load(const char *name_or_path, cf_cell **out, cf_error *err);
/* A cell from JSON text in memory (len bytes, need not be NUL-terminated):
 * a cell parameter file or a BPX document, as a file would be read.  `name`
 * (e.g. the file it came from; NULL: "<string>") places messages and gives
 * the default cell name. */
int cf_cell_parse(const char *text, size_t len, const char *name, cf_cell **out, cf_error *err);
int cf_cell_copy(const cf_cell *src, cf_cell **out, cf_error *err);
void cf_cell_free(cf_cell *cell);
/* Checks every value for physical sense; messages name the key and range. */
int cf_cell_validate(const cf_cell *cell, cf_error *err);
/* The SOC a constant-current run at `crate` (> 0 discharge, < 0 charge)
 * starts from when the user gives none. A charge starts empty. A discharge
 * of a cell as assembled discharged (a recipe) starts full; otherwise, and
 * for lithium-metal and reservoir cells, whose assembled state is what the
 * run is about, NAN: the cell's own initial state. */
double cf_cell_start_soc(const cf_cell *cell, double crate);

/* Thickness of the negative's layer as the model meshes it (m): 0 for a
 * planar lithium-metal negative, a surface at x = 0. */
double cf_cell_negative_layer_m(const cf_cell *cell);
/* Resistance of the reservoir's electrolyte path to the positive (ohm):
 * ionic_resistance_ohm, or from path_length_m when that is given. */
double cf_reservoir_resistance(const cf_cell *cell);
/* ---- open-circuit balance (src/params/cell_ocv.c) ----
 * At open circuit every phase of an electrode sits at the electrode's
 * potential U, so each phase's stoichiometry is the inverse of its OCP at U
 * and the electrode's lithium (mol per m2 of electrode) is a monotone
 * function of U.  The SOC window (0 % at v_min, 100 % at v_max) is where
 * U_p(n_Li - X) - U_n(X) equals the cut-offs, X the negative's lithium:
 * the simulator's SOC, the BPX windows and the recipe design all use it. */
double cf_electrode_capacity_mol_m2(const cf_electrode *e);
double cf_cell_lithium_mol_m2(const cf_cell *c);   /* in both electrodes' particles, from c_init */
/* Potential of an electrode holding li mol/m2 and its phases' sto (may be NULL). */
double cf_electrode_ocv(const cf_electrode *e, double T, double li_mol_m2, double *sto);
/* Lithium (mol/m2) of an electrode at open-circuit potential U. */
double cf_electrode_lithium_at(const cf_electrode *e, double T, double U);
/* Negative lithium X at which the cell's OCV is V for inventory n_li; 1 when
 * the OCV never reaches V. */
int cf_cell_negative_lithium_at(const cf_cell *c, double V, double n_li, double *x);

typedef struct {
    double n_li_mol_m2;              /* cyclable lithium used                         */
    double x_empty, x_full;          /* negative lithium at v_min and v_max, mol/m2   */
    double capacity_Ah;              /* (x_full - x_empty) F area / 3600              */
    double u_neg[2], u_pos[2];       /* electrode potentials vs Li/Li+ at v_min [0], v_max [1] */
    double sto[2][2][CF_MAX_PHASES]; /* [0 v_min | 1 v_max][0 neg | 1 pos][phase]    */
} cf_ocv_window;
/* The window at the cell's cut-offs for inventory n_li (< 0: the cell's own);
 * 1 when the OCV does not reach both cut-offs. */
int cf_cell_ocv_window(const cf_cell *c, double n_li, cf_ocv_window *w);
/* The integral of the OCV over the window's charge (Wh). */
double cf_cell_ocv_energy_Wh(const cf_cell *c, const cf_ocv_window *w);

/* SEI parameters: O'Kane et al. 2022's values, model CF_SEI_NONE. */
void cf_sei_defaults(cf_sei *s);
/* Turns SEI growth on an electrode to `model`, filling the parameters with
 * the defaults when none were set. */
void cf_electrode_set_sei(cf_electrode *e, cf_sei_model model);
/* "none", "reaction-limited", "solvent-diffusion-limited",
 * "electron-migration-limited", "interstitial-diffusion-limited" (the
 * "-limited" may be left off); the error names `key` and the allowed names. */
int cf_sei_model_parse(const char *name, const char *key, cf_sei_model *m, cf_error *err);
const char *cf_sei_model_name(cf_sei_model m);

/* Lithium plating parameters: O'Kane et al. 2022's values, model NONE. */
void cf_li_plating_defaults(cf_plating_params *p);
void cf_electrode_set_li_plating(cf_electrode *e, cf_plating_model model);
/* "none", "reversible", "irreversible", "partially-reversible". */
int cf_plating_model_parse(const char *name, const char *key, cf_plating_model *m, cf_error *err);
const char *cf_plating_model_name(cf_plating_model m);

/* Loss of active material: O'Kane et al. 2022's values for side 0 (the
 * LG M50's graphite) or 1 (its NMC811), model 0. */
void cf_lam_defaults(cf_lam_params *l, int side);
/* Turns it on an electrode (side 0 negative, 1 positive) with `model` bits,
 * filling the parameters with the defaults when none were set. */
void cf_electrode_set_lam(cf_electrode *e, int side, int model);
/* "none", "stress-driven", "reaction-driven", "stress-and-reaction-driven". */
int cf_lam_model_parse(const char *name, const char *key, int *model, cf_error *err);
const char *cf_lam_model_name(int model);

/* Particle cracking: O'Kane et al. 2022's values (the same on both sides),
 * model CF_CRACK_NONE. */
void cf_crack_defaults(cf_crack_params *c);
/* Turns it on an electrode (side 0 negative, 1 positive), filling its
 * parameters and the particles' mechanics (cf_lam_params) with the defaults
 * when none were set. */
void cf_electrode_set_cracking(cf_electrode *e, int side, int model);
/* "none", "cracking", "cracking-with-sei". */
int cf_crack_model_parse(const char *name, const char *key, int *model, cf_error *err);
const char *cf_crack_model_name(int model);

/* Evaluates a material function and its x-derivative. */
double cf_fn_eval(const cf_fn *f, double x, double T, double *dfdx);
/* Sets f to a built-in function by name; CF_EINVAL with the list if unknown. */
int cf_fn_set_builtin(cf_fn *f, const char *name, cf_error *err);
void cf_fn_set_constant(cf_fn *f, double v);

#ifdef __cplusplus
}
#endif
#endif
