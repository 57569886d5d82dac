/* cf_celltest.h — standard cell tests run on a model, each with its analysis:
 *
 *   cf_test_hppc   pulse resistance and pulse power vs SOC (FreedomCAR HPPC)
 *   cf_test_rate   capacity and energy vs C-rate
 *   cf_test_gitt   galvanostatic intermittent titration: OCV and apparent
 *                  solid diffusivity (Weppner–Huggins) vs SOC
 *   cf_test_cycle  CC-CV charge / CC discharge cycling: efficiencies and
 *                  capacity retention per cycle
 *
 * Each test takes a plan (cf_model.h) that it resets and drives itself, an
 * options struct (fill it with the matching *_options_default first, then
 * change fields), and returns a result that the caller frees.  Procedures,
 * formulas and sources are in docs/cell-tests.md.  Units are SI (A, V, s, Ohm,
 * W, m2/s) except where a name says Ah or Wh; C-rates are multiples of the
 * cell's nominal capacity; currents are positive for discharge.
 *
 * A quantity that cannot be measured (a pulse cut short by a voltage limit, a
 * ratio without a reference) is NAN, never a made-up number.
 *
 * A test that fails after measuring something (the solver gives up, a run
 * budget of the plan's options is spent) returns the failure's status and
 * still sets *out to what it measured up to there (the points completed,
 * the raw series), its note saying where and why; the caller frees it. */
#ifndef CELLFORGE_CF_CELLTEST_H
#define CELLFORGE_CF_CELLTEST_H

#include <stddef.h>
#include "cellforge/cf_error.h"
#include "cellforge/cf_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* HPPC: hybrid pulse power characterisation                                */
/* ------------------------------------------------------------------------ */

typedef struct {
    double soc_step;        /* SOC between levels, (0, 0.5]; default 0.1 -> 90 %..10 % */
    double rest_s;          /* rest before each pulse pair (default 3600)            */
    double pulse_crate;     /* discharge pulse, C (default 1)                        */
    double pulse_s;         /* length of each pulse, > 1 s (default 10)              */
    double pulse_rest_s;    /* rest after each pulse (default 40)                    */
    double charge_ratio;    /* charge pulse current / discharge pulse current (0.75) */
    double move_crate;      /* C-rate of the discharge between levels (default 1)    */
    double initial_soc;     /* start, [0, 1] (default 1: full); NAN = the cell's own
                               initial state, taken as 100 % for the levels         */
} cf_hppc_options;

typedef struct {
    double soc;             /* level: initial SOC - removed charge / nominal capacity */
    double discharged_Ah;   /* net charge removed since the start, at the level      */
    double ocv_V;           /* voltage at the end of the rest, before the pulse       */
    double v_dis_1s_V, v_dis_end_V;   /* during the discharge pulse                   */
    double r_dis_1s_ohm;    /* (ocv - V(1 s)) / I: "instantaneous" resistance         */
    double r_dis_ohm;       /* (ocv - V(end)) / I: the 10 s discharge resistance      */
    double ocv_chg_V;       /* voltage after the rest that follows the discharge pulse */
    double v_chg_1s_V, v_chg_end_V;   /* during the charge pulse                      */
    double r_chg_1s_ohm, r_chg_ohm;   /* (V - ocv_chg) / |I_chg| at 1 s and at the end */
    double p_dis_W;         /* v_min (ocv - v_min) / r_dis                            */
    double p_chg_W;         /* v_max (v_max - ocv_chg) / r_chg                        */
    double sto_neg, sto_pos; /* model surface stoichiometries at the end of the rest  */
    int dis_limited;        /* the discharge pulse hit v_min: its values are NAN      */
    int chg_limited;        /* the charge pulse hit v_max: its values are NAN         */
} cf_hppc_point;

typedef struct {
    size_t n;
    cf_hppc_point *points;  /* one per SOC level reached, highest SOC first           */
    double discharge_current_A, charge_current_A; /* pulse magnitudes                 */
    double v_min_V, v_max_V;                      /* the cell's limits used for power */
    /* Raw time series.  Segments are tagged cycle = level (0-based) and
     * step = 6 * level + k, k: 0 move to the level, 1 rest, 2 discharge pulse,
     * 3 rest, 4 charge pulse, 5 rest. */
    cf_solution *series;
    char note[384];         /* why the test ended before the last level, or empty     */
} cf_hppc_result;

void cf_test_hppc_options_default(cf_hppc_options *o);
int cf_test_hppc(cf_plan *plan, const cf_hppc_options *opt, cf_hppc_result **out, cf_error *err);
void cf_test_hppc_result_free(cf_hppc_result *r); /* NULL is harmless */

/* ------------------------------------------------------------------------ */
/* Rate capability                                                          */
/* ------------------------------------------------------------------------ */

#define CF_RATE_MAX_CRATES 64

typedef struct {
    const double *crates;   /* discharge C-rates, each in (0, 100]; not owned        */
    size_t n_crates;        /* 1 .. CF_RATE_MAX_CRATES (default 0.2,0.5,1,2,3,5)      */
    double initial_soc;     /* start of every discharge (default 1); NAN = the cell's
                               own initial state                                     */
} cf_rate_options;

typedef struct {
    double crate, current_A;
    double capacity_Ah, energy_Wh;
    double mean_voltage_V;  /* energy / capacity; NAN when nothing was delivered     */
    double retention;       /* capacity / capacity at the lowest C-rate               */
    double duration_s;
    int limited;            /* ended by a model limit (e.g. electrolyte depletion or a
                               voltage under load already below v_min), not v_min    */
} cf_rate_point;

typedef struct {
    size_t n;
    cf_rate_point *points;  /* in the order of options.crates                         */
    char note[384];         /* the first limit met, or empty                          */
} cf_rate_result;

void cf_test_rate_options_default(cf_rate_options *o);
int cf_test_rate(cf_plan *plan, const cf_rate_options *opt, cf_rate_result **out, cf_error *err);
void cf_test_rate_result_free(cf_rate_result *r);

/* ------------------------------------------------------------------------ */
/* GITT                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum { CF_SIDE_NEGATIVE = 0, CF_SIDE_POSITIVE = 1 } cf_electrode_side;

typedef struct {
    double pulse_crate;     /* discharge pulse, C (default 0.05)                     */
    double pulse_s;         /* pulse length tau (default 600)                        */
    double relax_s;         /* relaxation after each pulse (default 3600)            */
    cf_electrode_side electrode; /* whose particle radius enters D (default positive) */
    int phase;              /* which active phase of it, for blends (default 0)      */
    int max_pulses;         /* 0 = until the lower cut-off (default)                 */
    double initial_soc;     /* default 1; NAN = the cell's own initial state          */
} cf_gitt_options;

typedef struct {
    double soc;             /* after the pulse: 1 - removed / total removed in the test
                               (run to the cut-off); initial SOC - removed / nominal
                               capacity when max_pulses ended it                   */
    double discharged_Ah;   /* removed since the start, after the pulse               */
    double ocv_before_V;    /* relaxed voltage before the pulse (E_s of the previous)  */
    double ocv_V;           /* relaxed voltage after the relaxation                   */
    double ir_drop_V;       /* ocv_before - V just after the current step             */
    double delta_es_V;      /* ocv - ocv_before (negative on discharge)               */
    double delta_et_V;      /* V(end of pulse) - V(just after the step): no IR drop   */
    double diffusivity_m2_s; /* 4/(pi tau) (R/3)^2 (dEs/dEt)^2; NAN if incomplete     */
    int complete;           /* 0: the pulse or relaxation was cut by v_min            */
} cf_gitt_point;

typedef struct {
    size_t n;
    cf_gitt_point *points;
    double current_A, tau_s, radius_m;
    double total_Ah;        /* charge removed over the whole test                     */
    /* Tagged cycle = pulse (0-based), step = 2 * pulse + k (k: 0 pulse, 1 relax). */
    cf_solution *series;
    char note[384];
} cf_gitt_result;

void cf_test_gitt_options_default(cf_gitt_options *o);
int cf_test_gitt(cf_plan *plan, const cf_gitt_options *opt, cf_gitt_result **out, cf_error *err);
void cf_test_gitt_result_free(cf_gitt_result *r);

/* ------------------------------------------------------------------------ */
/* Cycling                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
    int cycles;             /* 1 .. 100000 (default 3)                               */
    double charge_crate;    /* CC charge to v_max (default 0.5)                      */
    double cv_cutoff_crate; /* CV hold at v_max until |I| <= this (default 0.05)     */
    double discharge_crate; /* CC discharge to v_min (default 1)                     */
    double rest_s;          /* after charge and after discharge (default 600)        */
    double initial_soc;     /* default 0 (start with a full charge); NAN = the cell's
                               own initial state                                     */
} cf_cycle_options;

typedef struct {
    int cycle;              /* 1-based                                               */
    double charge_Ah, discharge_Ah, charge_Wh, discharge_Wh;
    double coulombic_efficiency, energy_efficiency; /* NAN without charge           */
    double retention;       /* discharge_Ah / discharge_Ah of cycle 1                */
    double duration_s;
} cf_cycle_point;

typedef struct {
    size_t n;
    cf_cycle_point *points;
    char protocol[512];     /* the protocol text that was run                        */
    int stopped_early;
    char note[384];
} cf_cycle_result;

void cf_test_cycle_options_default(cf_cycle_options *o);
int cf_test_cycle(cf_plan *plan, const cf_cycle_options *opt, cf_cycle_result **out, cf_error *err);
void cf_test_cycle_result_free(cf_cycle_result *r);

#ifdef __cplusplus
}
#endif
#endif
