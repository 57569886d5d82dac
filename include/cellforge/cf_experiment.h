/* cf_experiment.h — running a protocol (cf_protocol.h) on a plan: the step
 * machine, and per-cycle summaries.
 *
 * Each executed step becomes one segment of the model (cf_segment) with its
 * control mode, set-point and stops; the cell's cut-off voltages also end a
 * step, and when a step is ended by a cut-off that is not its own condition
 * the experiment stops there (as PyBaMM's "infeasible experiment"), with the
 * reason in the result's note.  A step whose end condition already holds at
 * its start is skipped, counted and listed with the reason.  Conditions on
 * the current are judged once the step's control is applied (as PyBaMM does):
 * "Hold at 4.1 V until 50 mA" after a rest starts, since holding draws a
 * current; it is skipped only when the held cell's current is already below
 * 50 mA.  Conditions on the voltage are judged on the state the previous
 * step left. */
#ifndef CELLFORGE_CF_EXPERIMENT_H
#define CELLFORGE_CF_EXPERIMENT_H

#include <stdint.h>
#include "cellforge/cf_model.h"
#include "cellforge/cf_protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One cycle as the protocol groups steps (docs/protocols.md, "Cycles"): a
 * `repeat N { }` pass, a `( ... )` or `cycle { }` group, or a lone step.
 * The C API indexes cycles and steps from 0; every output the CLI and the
 * Python package show numbers them from 1 (cycle + 1). */
#define CF_CYCLE_MIN_PASSED 1e-3 /* of the nominal capacity: a direction counts
                                    for the efficiencies above it           */
typedef struct {
    int64_t cycle;                 /* 0-based index (outputs show cycle + 1)      */
    double charge_Ah, discharge_Ah; /* charge passed in each direction            */
    double charge_Wh, discharge_Wh;
    /* discharge / charge: only for a cycle that both charges and discharges
     * (each > CF_CYCLE_MIN_PASSED x nominal capacity); NAN otherwise */
    double coulombic_efficiency;   /* discharge_Ah / charge_Ah                    */
    double energy_efficiency;      /* discharge_Wh / charge_Wh                    */
    double duration_s;
    double min_voltage_V, max_voltage_V;
    /* Ageing at the cycle's end, against the run's start (docs/ageing.md);
     * 0 where the cell ages by no such mechanism. */
    double lli_pct;                /* loss of lithium inventory: lithium in both
                                      electrodes' particles lost, %               */
    double lam_neg_pct, lam_pos_pct; /* loss of active material per electrode, % */
    double sei_thickness_m;        /* mean SEI thickness on the negative          */
    double li_sei_Ah;              /* lithium the SEI took since the start        */
    double plated_li_Ah;           /* lithium metal on the negative, active (plated
                                      on a host; a lithium negative: all its metal) */
    double dead_li_Ah;             /* plated lithium lost to inactivity           */
    double crack_length_neg_m, crack_length_pos_m; /* mean particle crack length   */
    double crack_sei_thickness_m;  /* mean thickness of the SEI on the cracks     */
    double li_crack_sei_Ah;        /* lithium the SEI on the cracks took          */
} cf_cycle_stats;

/* What a cell went through during its process (seed 001's claims): time zero
 * is electrolyte contact. */
typedef struct {
    double first_charge_s;           /* start of the first charging step; NAN: none   */
    double li_o_at_first_charge;     /* positive Li/O then (NAN: unknown)             */
    double min_positive_potential_V; /* lowest positive potential vs Li/Li+           */
    double threshold_V;              /* the Al/Li alloying threshold used             */
    double time_below_threshold_s;   /* time the positive spent below it              */
    double first_below_threshold_s;  /* when it first fell below it (NAN: never)      */
    double li_below_threshold_Ah;    /* reservoir lithium delivered while below it: what
                                        the collector could alloy (the model puts it
                                        into the positive; an upper bound)            */
    double li_plated_Ah;             /* lithium metal on the negative after the first
                                        charge (0 for porous negatives)               */
    double charge_passed_Ah;         /* charge passed in the first charging step      */
    double reservoir_left_mol;       /* at the end of the run                         */
    double li_alloyed_Ah;            /* lithium alloyed into the positive collector by
                                        the end of the run                            */
    double plating_onset_s;          /* first time lithium plated on a porous negative
                                        (> 1 uAh); NAN: never                          */
} cf_process_record;

/* A step that could not start: its end condition already held at its start. */
typedef struct {
    int64_t index, cycle;          /* 0-based executed step and its cycle         */
    char reason[160];              /* e.g. "voltage 4.200 V already >= 4.2 V"      */
} cf_skipped_step;

typedef struct {
    size_t n, cap;
    cf_cycle_stats *cycles;
    cf_process_record process;
    int64_t steps_run, steps_skipped;
    int stopped_early;             /* a cut-off or the termination criterion ended it */
    char note[384];                /* why it stopped early, or empty                 */
    /* The skipped steps in order (the first CF_SKIPPED_LISTED of them;
     * steps_skipped counts them all). */
    size_t n_skipped_listed;
    cf_skipped_step *skipped;
    double li_particles_initial_mol; /* lithium in both electrodes' particles at the
                                        start: the reference of lli_pct          */
    double li_sei_initial_mol;       /* lithium in the SEI at the start           */
    double li_crack_sei_initial_mol; /* ... in the SEI on the cracks              */
} cf_experiment_result;
#define CF_SKIPPED_LISTED 1000

typedef struct {
    double initial_soc;            /* NAN: the cell's own initial state              */
    double threshold_V;            /* positive potential threshold (default 0.3 V)   */
    /* Called after every executed step (may be NULL): steps done, total steps. */
    void (*progress)(void *user, int64_t done, int64_t total);
    void *progress_user;
} cf_experiment_options;

void cf_experiment_options_default(cf_experiment_options *o);

/* Runs `proto` on `plan` from the initial state; *sol gets one row per
 * solver step tagged with the executed step index and cycle; *res (may be
 * NULL) the per-cycle table.  Errors name the step ("step N (cycle C): text").
 *
 * (*sol)->end says how the run ended: completed (every step, or the
 * termination criterion), or stopped early on a cut-off or a physical limit
 * (returning CF_OK), or on a failure (returning its status).  A failure
 * after some rows still sets *sol and *res to everything computed up to it
 * (the cycle in progress counted as a last, partial cycle; stopped_early and
 * note set): the caller frees them.  They are NULL when the run failed at
 * its start (no row beyond the initial state). */
int cf_simulate_protocol(cf_plan *plan, const cf_protocol *proto, const cf_experiment_options *opt,
                         cf_solution **sol, cf_experiment_result **res, cf_error *err);
void cf_experiment_result_free(cf_experiment_result *res);

#ifdef __cplusplus
}
#endif
#endif
