/* cf_model.h — models, plans and simulations.
 *
 * A plan is a discretised model of one cell (mesh, unknown layout, sparse
 * Jacobian pattern, solver memory), built once and run many times, as in
 * FFTW.  A plan belongs to one thread at a time.
 *
 * Sign convention: positive current discharges the cell. */
#ifndef CELLFORGE_CF_MODEL_H
#define CELLFORGE_CF_MODEL_H

#include <stddef.h>
#include "cellforge/cf_cell.h"
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { CF_MODEL_SPM = 0, CF_MODEL_SPME = 1, CF_MODEL_DFN = 2 } cf_model_kind;

/* Linear solver of the Newton iterations.  AUTO: a sparse LU on the plan's
 * fixed elimination order (src/solver/static_lu.c), falling back to KLU with
 * pivoting for any factorisation with a too small pivot.  KLU: KLU always. */
typedef enum { CF_LINSOL_AUTO = 0, CF_LINSOL_KLU = 1 } cf_linear_solver;

/* Time integrator.  BDF: cellforge's own variable-order BDF (src/solver/bdf.c);
 * IDA: SUNDIALS IDA.  Both take the same kind of steps and share the
 * residual, Jacobian, linear solver and root functions. */
typedef enum { CF_INTEGRATOR_BDF = 0, CF_INTEGRATOR_IDA = 1 } cf_integrator;

/* Spatial discretisation.  FV: PyBaMM's finite volumes (particles: nr
 * shells of equal width, surface value extrapolated from the outer two).
 * SPECTRAL: a polynomial Galerkin method on nr nodes in (r/R)^2, the last on
 * the surface, conserving lithium exactly (docs/models.md); nr in [2, 64];
 * and the electrolyte conductivity at the x faces by the harmonic mean
 * (second order in x where the porosity jumps; FV interpolates linearly). */
typedef enum { CF_DISC_FV = 0, CF_DISC_SPECTRAL = 1 } cf_discretisation;
/* The default is SPECTRAL: on its default mesh it is within 1 mV max and
 * 0.2 mV RMS of the converged DFN; FV on PyBaMM's mesh (20 everywhere) gives
 * PyBaMM's answer, 1.2 mV RMS and 12 mV max off it (chen2020, 1C). */

/* Energy balance.  ISOTHERMAL: the cell stays at its temperature T_K.
 * LUMPED: one temperature, heated by the cell's ohmic, reaction, reversible
 * and collector heat and cooled to the ambient through h and the cooling
 * area (docs/thermal.md); the cell needs thermal data.  X: the temperature
 * through the cell (both collectors, the coatings and the separator: one
 * per finite volume and collector), each volume heated by its own sources
 * and cooled at the two faces (DFN only). */
typedef enum { CF_THERMAL_ISOTHERMAL = 0, CF_THERMAL_LUMPED = 1, CF_THERMAL_X = 2 } cf_thermal_mode;
/* "isothermal", "lumped" or "x"; the error names --thermal and the allowed values. */
int cf_thermal_mode_parse(const char *name, cf_thermal_mode *m, cf_error *err);
const char *cf_thermal_mode_name(cf_thermal_mode m);

typedef struct {
    cf_model_kind kind;
    /* The mesh; 0 (the default) = the discretisation's default mesh
     * (cf_model_mesh_default), resolved by cf_plan_new; a value set wins. */
    int n_neg, n_sep, n_pos;  /* finite volumes in x per domain                  */
    int nr_neg, nr_pos;       /* per particle: finite volumes (fv), nodes (spectral) */
    double rtol, atol;        /* solver tolerances (defaults 1e-6, 1e-6)           */
    double max_step_s;        /* 0 = no limit                                      */
    double output_dt_s;       /* > 0: one row every output_dt_s (interpolated);
                                 0: one row per solver step                         */
    cf_linear_solver linear_solver; /* default CF_LINSOL_AUTO                    */
    cf_integrator integrator;       /* default CF_INTEGRATOR_BDF                 */
    /* Budgets of one run (counted from the last cf_sim_reset / _reset_soc):
     * a run that exceeds one stops there with CF_ELIMIT, keeping its rows
     * (cf_run_end reason CF_END_STEP_LIMIT / CF_END_WALL_TIME).  0 = none. */
    long max_steps;                 /* accepted solver steps                     */
    double max_wall_s;              /* wall-clock seconds                        */
    cf_discretisation discretisation; /* default CF_DISC_SPECTRAL (see above)   */
    cf_thermal_mode thermal;          /* default CF_THERMAL_ISOTHERMAL            */
    /* 1: every solution row also keeps the full state (cf_plan_size doubles
     * per row, e.g. 5.9 kB for chen2020's DFN on the default mesh), from
     * which cf_variable_values (cf_variables.h) computes every variable. */
    int store_states;
    /* With a thermal model: 1 (default) evaluates the heat sources at every
     * row (cf_solution's heat columns: one evaluation of the kinetics and the
     * electrolyte's fluxes per row, a fifth of a DFN discharge's time with a
     * row per step); 0 keeps only the temperature and the heat given to the
     * ambient, the other heat columns NaN (has_heat_sources 0). */
    int heat_sources;
} cf_model_options;

void cf_model_options_default(cf_model_options *opt);
/* The default mesh of a discretisation: x volumes (negative, separator,
 * positive) and particle nodes or volumes.  spectral: 60, 5, 30 and 5;
 * fv: 20, 20, 20 and 20 (PyBaMM's). */
void cf_model_mesh_default(cf_discretisation d, int x[3], int *nr);
/* Replaces each mesh field that is 0 by its discretisation's default. */
void cf_model_options_resolve(cf_model_options *opt);
int cf_model_kind_parse(const char *name, cf_model_kind *kind, cf_error *err);
const char *cf_model_kind_name(cf_model_kind kind);
/* "auto" or "klu"; the error names --linear-solver and the allowed values. */
int cf_linear_solver_parse(const char *name, cf_linear_solver *ls, cf_error *err);
/* "bdf" or "ida"; the error names --integrator and the allowed values. */
int cf_integrator_parse(const char *name, cf_integrator *in, cf_error *err);
/* "fv" or "spectral"; the error names --discretisation and the allowed values. */
int cf_discretisation_parse(const char *name, cf_discretisation *d, cf_error *err);
const char *cf_discretisation_name(cf_discretisation d);

typedef struct cf_plan cf_plan;

int cf_plan_new(const cf_cell *cell, const cf_model_options *opt, cf_plan **out, cf_error *err);
void cf_plan_free(cf_plan *plan);
const cf_cell *cf_plan_cell(const cf_plan *plan);
int cf_plan_size(const cf_plan *plan);          /* number of unknowns */

/* ---- controls: what the cycler does during one segment ---- */
typedef enum {
    CF_CONTROL_CURRENT = 0,    /* value: A (positive = discharge)                */
    CF_CONTROL_VOLTAGE = 1,    /* value: V                                        */
    CF_CONTROL_POWER = 2,      /* value: W (positive = discharge)                 */
    CF_CONTROL_RESISTANCE = 3, /* value: Ohm (external load, discharge)           */
} cf_control_mode;

typedef struct {
    cf_control_mode mode;
    double value;
    /* Optional time series replacing `value` (current or power modes): the
     * value at segment time tau is linearly interpolated in (series_t, series_v). */
    const double *series_t, *series_v;
    int series_n;
    double duration_s;        /* segment length; INFINITY = until a stop below  */
    /* Stops (NAN = not used): */
    double stop_v_below;      /* V <= this                                       */
    double stop_v_above;      /* V >= this                                       */
    double stop_abs_i_below;  /* |I| <= this (A)                                 */
    double stop_abs_i_above;  /* |I| >= this (A)                                 */
    double stop_T_below;      /* the cell's temperature <= this (K)              */
    double stop_T_above;      /* the cell's temperature >= this (K)              */
    /* > 0: the ambient temperature (K) during the segment: a thermal model's
     * surroundings, an isothermal model's cell temperature; 0: the cell's. */
    double ambient_K;
    /* > 0: one output row every output_dt_s from the segment's start (a
     * protocol step's "(1 minute period)"), replacing the plan's output_dt_s
     * during this segment; 0: the plan's. */
    double output_dt_s;
} cf_segment;

/* A segment with every stop unset and no duration limit. */
void cf_segment_init(cf_segment *seg, cf_control_mode mode, double value);

typedef enum {
    CF_STOP_NONE = 0, CF_STOP_DURATION, CF_STOP_V_BELOW, CF_STOP_V_ABOVE,
    CF_STOP_I_BELOW, CF_STOP_I_ABOVE, CF_STOP_VMIN_LIMIT, CF_STOP_VMAX_LIMIT,
    CF_STOP_LITHIUM_EXHAUSTED, /* a lithium-metal negative has no lithium left to strip */
    CF_STOP_WINDOW,            /* an electrode left its potential window (cell stop_on_window) */
    CF_STOP_T_BELOW, CF_STOP_T_ABOVE /* the cell's temperature reached a step's "until 45 oC" */
} cf_stop_reason;
const char *cf_stop_reason_name(cf_stop_reason r);

/* ---- how a run ended ----
 * COMPLETED and TERMINATION are complete runs; every other reason is a run
 * that stopped early and keeps every row it computed up to the stop. */
typedef enum {
    CF_END_COMPLETED = 0,   /* every step ran (a constant-rate run: to its cut-off)        */
    CF_END_TERMINATION,     /* the protocol's termination criterion ended it               */
    CF_END_CUTOFF,          /* a cut-off voltage ended a step before its own end condition */
    CF_END_PHYSICAL_LIMIT,  /* the cell reached a physical limit (a particle surface fully
                               (de)lithiated, electrolyte depleted, pores closed) or cannot
                               carry the requested current                                */
    CF_END_SOLVER_FAILURE,  /* the solver could not continue                               */
    CF_END_STEP_LIMIT,      /* model option max_steps                                      */
    CF_END_WALL_TIME,       /* model option max_wall_s                                     */
    CF_END_ERROR            /* any other failure (out of memory)                           */
} cf_end_reason;
/* Machine-readable name: "completed", "termination", "cutoff",
 * "physical_limit", "solver_failure", "step_limit", "wall_time", "error". */
const char *cf_end_reason_code(cf_end_reason r);

typedef struct {
    int completed;          /* 1: COMPLETED or TERMINATION                             */
    cf_end_reason reason;
    int status;             /* the cf_status the run returned (CF_OK unless it failed) */
    char message[512];      /* what stopped it, for people; "" when completed          */
    long long step, cycle;  /* executed step and cycle (0-based) it ended in; -1: none */
    char step_text[160];    /* that step's protocol text, or ""                        */
    double t_s;             /* time of the end (s): the last row's time; NAN: no rows  */
} cf_run_end;

/* ---- solutions: time series, one row per solver step ---- */
typedef struct {
    size_t n, cap;
    double *t;            /* s                          */
    double *current;      /* A, positive = discharge     */
    double *voltage;      /* V                          */
    double *capacity_Ah;  /* net discharged charge since start */
    double *energy_Wh;    /* net discharged energy since start */
    int *step, *cycle;    /* protocol step and cycle (0-based) */
    double *pos_potential; /* positive electrode vs Li/Li+ at its collector, V */
    double *neg_potential; /* negative electrode vs Li/Li+ at its collector, V */
    double *pos_li_o;      /* positive's Li/O atomic ratio (NAN: not an oxide) */
    double *li_metal_Ah;   /* lithium metal on the negative (plated or foil), Ah */
    /* Swelling, per electrode [0] negative, [1] positive: the coating's
     * thickness change from as built (%) and its mean porosity (NAN for a
     * planar lithium negative); see cf_sim_swelling. */
    double *thickness_change_pct[2], *porosity[2];
    cf_run_end end;        /* how the run ended (cf_solution_new: completed)       */
    double *reservoir_Ah;  /* lithium left in a reservoir, Ah (0: none)       */
    double *alloyed_Ah;    /* lithium alloyed into the positive collector, Ah */
    /* which process columns mean something for this cell (CSV, plots) */
    int has_li_o, has_li_metal, has_reservoir;
    /* Thermal model (has_thermal): the cell's temperature (K; the mean and
     * maximum are the same in the lumped model) and the heat sources, W
     * (docs/thermal.md): ohmic in the solid and the electrolyte, irreversible
     * reaction, reversible (entropic), collectors; their total; and the heat
     * given to the ambient.  Isothermal runs: T_K at the cell's temperature,
     * the heat columns 0.  has_thermal: 0 (isothermal) or the run's
     * cf_thermal_mode (CF_THERMAL_LUMPED, CF_THERMAL_X). */
    int has_thermal;
    int has_heat_sources; /* the heat columns were evaluated (see heat_sources) */
    double *temperature_K;
    /* the hottest point's temperature and each layer's mean (K; CF_LAYER_*:
     * negative collector, negative, separator, positive, positive collector),
     * which the through-cell model (CF_THERMAL_X) tells apart; the lumped
     * model's are its one temperature */
    double *temperature_max_K, *layer_temperature_K[CF_N_LAYERS];
    double *heat_ohmic_solid_W, *heat_ohmic_electrolyte_W, *heat_reaction_W, *heat_reversible_W;
    double *heat_collector_W, *heat_total_W, *cooling_W;
    /* With cf_model_options.store_states: row k's state (the plan's unknowns)
     * at states + k * state_n; NULL and 0 otherwise. */
    double *states;
    int state_n;
    size_t state_cap;      /* rows the states array holds */
    /* With store_states and spectral particles: row k's step-start
     * corrections of the particles' surface concentrations (mol/m3; the
     * surface the kinetics see is the surface node's value plus this) at
     * surface_shift + k * shift_n, one per particle column (the DFN's x cell
     * times CF_MAX_PHASES plus the phase; the SPM/SPMe's side instead of the
     * cell); NULL and 0 otherwise. */
    double *surface_shift;
    int shift_n;
    size_t shift_cap;
} cf_solution;

/* One row's process values (electrode potentials, Li/O, lithium metal). */
typedef struct {
    double positive_potential_V, negative_potential_V, positive_li_o, li_metal_Ah, reservoir_li_Ah, alloyed_li_Ah;
} cf_process_values;

cf_solution *cf_solution_new(void);
void cf_solution_free(cf_solution *sol);

/* Puts the plan at the cell's initial state (uniform concentrations from the
 * cell, t = 0, Q = E = 0). */
int cf_sim_reset(cf_plan *plan, cf_error *err);
/* Sets the initial stoichiometries for a state of charge in [0,1] between the
 * cell's voltage limits (at open circuit), keeping the cyclable lithium. */
int cf_sim_reset_soc(cf_plan *plan, double soc, cf_error *err);

/* Runs one segment from the plan's current state, appending rows to sol
 * tagged with (step, cycle).  The cell's v_min/v_max always stop a segment
 * (reported as CF_STOP_VMIN_LIMIT / CF_STOP_VMAX_LIMIT) unless the segment is
 * a voltage hold.  A failure keeps the rows appended before it and records
 * itself in sol->end (reason, status, message, step, cycle, time). */
int cf_sim_run_segment(cf_plan *plan, const cf_segment *seg, int step, int cycle, cf_solution *sol,
                       cf_stop_reason *why, cf_error *err);

/* Convenience: constant current at `crate` C (positive discharges) from the
 * initial state to the cut-off voltage. */
int cf_simulate_crate(cf_plan *plan, double crate, cf_solution **out, cf_error *err);
/* The same from the plan's current state (after cf_sim_reset or
 * cf_sim_reset_soc); CF_ELIMIT when the cut-off is already passed at the start.
 * A run that fails after it has advanced returns the failure's status and
 * still sets *out to the rows up to the failure, with (*out)->end saying
 * why: the caller frees it.  *out is NULL when it failed at its start. */
int cf_sim_run_crate(cf_plan *plan, double crate, cf_solution **out, cf_error *err);

/* ---- state inspection (for tests, profiles and conservation checks) ---- */
typedef struct {
    double t_s, voltage_V, current_A;
    double li_solid_neg_mol, li_solid_pos_mol, li_electrolyte_mol;
    double reaction_current_neg_A;  /* integral of a*j over the negative * area */
    double reaction_current_pos_A;
    double sto_surf_neg_avg, sto_surf_pos_avg;
    /* lithium metal (DFN with a planar negative and/or a reservoir; 0 otherwise) */
    double li_metal_mol;             /* active lithium on the planar negative      */
    double li_dead_mol;              /* plated lithium lost to inactivity          */
    double li_reservoir_mol;         /* lithium left in the reservoir              */
    double li_alloyed_mol;           /* lithium alloyed into the positive collector */
    double reservoir_current_A;      /* reservoir -> positive (positive: lithiating) */
    double positive_potential_V;     /* positive vs Li/Li+ in the electrolyte at x = L */
    double positive_li_o;            /* Li/O atomic ratio of the positive (NAN: unknown) */
    /* SEI growth on the negative (0 without it; docs/ageing.md) */
    double li_sei_mol;               /* lithium held in the SEI (its initial film too) */
    double li_sei_initial_mol;       /* ... of which the initial film held             */
    double sei_thickness_m;          /* mean SEI thickness over the negative           */
    /* loss of active material (0 without it; docs/ageing.md) */
    double li_lam_mol;               /* lithium lost with the active material          */
    double lam_pct[2];               /* active material lost, negative [0], positive [1], % */
    /* particle cracking (0 without it; docs/ageing.md) */
    double crack_length_m[2];        /* mean crack length, negative [0], positive [1] */
    double li_crack_sei_mol;         /* lithium held in the SEI on the negative's cracks */
    double li_crack_sei_initial_mol; /* ... of which at the start                      */
    double crack_sei_thickness_m;    /* mean thickness of the SEI on the cracks        */
} cf_state_summary;
int cf_sim_state(const cf_plan *plan, cf_state_summary *s);

/* One active phase of an electrode (side 0 negative, 1 positive): its
 * lithium, mean and surface stoichiometry (electrode-averaged) and the
 * current it carries (A, positive = delithiation). */
typedef struct {
    double li_mol, sto_avg, sto_surf, current_A;
} cf_phase_state;
int cf_sim_phase_state(const cf_plan *plan, int side, int phase, cf_phase_state *out);

/* An observer is called after every accepted solver step (and at the start
 * of each segment) with the plan at its current state: for progress bars,
 * profile snapshots and live plots.  It must not run segments itself.
 * NULL removes it. */
typedef void (*cf_observer)(void *user, const cf_plan *plan, double t);
void cf_plan_set_observer(cf_plan *plan, cf_observer fn, void *user);

/* Particle surface stoichiometry across an electrode (side 0 negative, 1
 * positive), averaged over its phases by lithium capacity, at the x cell
 * centres (m): DFN only (SPM/SPMe return 1 point per electrode at its middle).
 * Returns the count written (<= cap). */
int cf_sim_profile_surface_sto(const cf_plan *plan, int side, double *x_m, double *sto, int cap);

/* Lowest porosity any electrode cell has reached since the last reset
 * (particles that expand with lithiation fill the pores; a simulation stops
 * with CF_ELIMIT when they close). */
double cf_sim_min_porosity(const cf_plan *plan);
/* Electrode `side` (0 negative, 1 positive) in the current state: its
 * thickness change from as built (%, > 0 thicker) as its particles change
 * volume and its thickness_swelling lets it, and its mean porosity (pore
 * volume over current coating volume).  NAN for a planar lithium negative.
 * The SPM and SPMe take the electrode's particles for all of it. */
void cf_sim_swelling(const cf_plan *plan, int side, double *thickness_change_pct, double *porosity);
/* 1 when the last segment failed because the solution stalled against a
 * physical limit (its rows up to that point are valid). */
int cf_sim_stalled(const cf_plan *plan);

/* Why the last segment failed: CF_END_PHYSICAL_LIMIT, CF_END_SOLVER_FAILURE,
 * CF_END_STEP_LIMIT, CF_END_WALL_TIME or CF_END_ERROR; CF_END_COMPLETED
 * after a segment that succeeded. */
cf_end_reason cf_sim_last_failure(const cf_plan *plan);

/* Solver work since the plan was created (cumulative over segments). */
typedef struct {
    long steps, residual_evals, jacobian_evals, newton_iters, error_test_fails, newton_fails;
} cf_solver_stats;
void cf_sim_stats(const cf_plan *plan, cf_solver_stats *stats);

/* Profiles across the cell at the current time: x at cell centres (m) and
 * values, for n_x = number of x cells of the model (DFN/SPMe) — returns the
 * count written (<= cap).  x is the as-built position (a swelling layer's
 * cells keep their as-built coordinates; docs/models.md). */
int cf_sim_profile_electrolyte(const cf_plan *plan, double *x_m, double *c_e, double *phi_e, int cap);

#ifdef __cplusplus
}
#endif
#endif
