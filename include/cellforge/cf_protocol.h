/* cf_protocol.h — the experiment language: what happens to the cell.
 *
 * A protocol is parsed once from text such as
 *
 *     Charge at C/2 until 4.2 V; Hold at 4.2 V until C/50; Discharge at 1C until 2.5 V
 *
 * or from a file with repeat blocks and an experiment-level termination:
 *
 *     repeat 100 {
 *         Discharge at 1C until 2.5 V
 *         Rest for 30 minutes
 *         Charge at 0.5 C for 1 hour or until 4.2 V
 *         Hold at 4.2 V until C/50
 *     }
 *     terminate 80% capacity
 *
 * The grammar, units and semantics are in docs/protocols.md.  This header is
 * what a step machine needs to execute the result:
 *
 *   - cf_step: one step, set-point in SI with sign positive = discharge, an
 *     optional duration, up to CF_STEP_MAX_CONDITIONS "until" conditions whose
 *     comparison direction is already resolved, its text and position;
 *   - cf_protocol_iter: yields the steps in execution order with their cycle
 *     number, without expanding repeat blocks in memory;
 *   - helpers that turn C-rates into amperes with the cell's nominal capacity
 *     and decide whether a condition or the termination criterion is reached.
 *
 * A parsed protocol is immutable: several threads may iterate the same one,
 * each with its own cf_protocol_iter.  Every fallible call returns a
 * cf_status and fills cf_error; `where` reads "source:line:column: step N"
 * (line and column 1-based, N 1-based in text order). */
#ifndef CELLFORGE_CF_PROTOCOL_H
#define CELLFORGE_CF_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Drive cycles: a time series of current or power, linearly interpolated.  */
/* ------------------------------------------------------------------------ */

typedef struct cf_drive_cycle cf_drive_cycle;

typedef enum {
    CF_DRIVE_CURRENT = 0, /* values in A, positive = discharge */
    CF_DRIVE_POWER = 1    /* values in W, positive = discharge */
} cf_drive_kind;

/* Reads a CSV file whose header names `time_s` and exactly one of
 * `current_A` or `power_W` (case-insensitive; PyBaMM-style "Time [s]",
 * "Current [A]", "Power [W]" also accepted; other columns ignored).  Blank
 * lines and lines starting with '#' are skipped.  Times must start at >= 0 and
 * increase strictly; at least two rows; every used value a finite number.
 * Errors name the file, line and column.  *out is NULL on failure. */
int cf_drive_cycle_load(const char *path, cf_drive_cycle **out, cf_error *err);

/* The same from text in memory; `name` is used in messages and as the
 * cycle's name (NULL means "drive cycle"). */
int cf_drive_cycle_parse(const char *text, const char *name, cf_drive_cycle **out, cf_error *err);

/* From arrays (copied), with the same checks as the CSV reader. */
int cf_drive_cycle_new(cf_drive_kind kind, const double *time_s, const double *values, size_t n,
                       const char *name, cf_drive_cycle **out, cf_error *err);

void cf_drive_cycle_free(cf_drive_cycle *dc); /* NULL is harmless */

cf_drive_kind cf_drive_cycle_kind(const cf_drive_cycle *dc);
const char *cf_drive_cycle_name(const cf_drive_cycle *dc); /* path as loaded */
size_t cf_drive_cycle_size(const cf_drive_cycle *dc);
/* Times relative to the first row (so the first is 0), s. */
const double *cf_drive_cycle_times(const cf_drive_cycle *dc);
const double *cf_drive_cycle_values(const cf_drive_cycle *dc); /* A or W */

/* Length of one pass: last time minus first time in the file (s).  The
 * series is shifted so that its first row is the start of the step. */
double cf_drive_cycle_duration(const cf_drive_cycle *dc);

/* Value (A or W, positive = discharge) at `t` seconds after the step began,
 * by linear interpolation.  t <= 0 gives the first value; a step longer than
 * one pass repeats the series (t = duration gives the last value, just after
 * it the series starts again). */
double cf_drive_cycle_eval(const cf_drive_cycle *dc, double t);

/* The first data point strictly after `t` (step-relative seconds, repeats
 * included).  The set-point has a kink there, so an integrator should stop
 * on it rather than step across. */
double cf_drive_cycle_next_knot(const cf_drive_cycle *dc, double t);

/* ------------------------------------------------------------------------ */
/* Steps                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum {
    CF_STEP_CURRENT = 0,       /* value: A, signed                              */
    CF_STEP_CRATE = 1,         /* value: C-rate, signed; x nominal capacity (Ah)
                                  gives A — see cf_step_setpoint               */
    CF_STEP_POWER = 2,         /* value: W, signed                              */
    CF_STEP_RESISTANCE = 3,    /* value: Ohm, > 0, discharge only: I = V / R    */
    CF_STEP_VOLTAGE = 4,       /* value: V, > 0; current follows                */
    CF_STEP_REST = 5,          /* value: 0; I = 0                               */
    CF_STEP_DRIVE_CURRENT = 6, /* value: 0; follow `drive` (A)                 */
    CF_STEP_DRIVE_POWER = 7    /* value: 0; follow `drive` (W)                 */
} cf_step_mode;

/* The word the step began with.  Kept because it fixes the natural
 * direction of "until" conditions and the canonical text. */
typedef enum {
    CF_VERB_DISCHARGE = 0,
    CF_VERB_CHARGE = 1,
    CF_VERB_HOLD = 2,
    CF_VERB_REST = 3,
    CF_VERB_RUN = 4
} cf_step_verb;

typedef enum {
    CF_COND_VOLTAGE = 0, /* terminal voltage, V                          */
    CF_COND_CURRENT = 1, /* |I|, A                                       */
    CF_COND_CRATE = 2,   /* |I| / nominal capacity, C (value in C units) */
    CF_COND_TEMPERATURE = 3 /* the cell's temperature, K ("until 45 oC"):
                               a thermal model's; CROSS unless written */
} cf_cond_kind;

typedef enum {
    CF_CMP_AUTO = 0,  /* as written: no '<' or '>' (never in cf_condition.cmp) */
    CF_CMP_BELOW = 1, /* reached when quantity <= threshold ('<')             */
    CF_CMP_ABOVE = 2, /* reached when quantity >= threshold ('>')             */
    CF_CMP_CROSS = 3  /* reached when the quantity reaches the threshold from
                         whichever side it was on at the start of the step    */
} cf_cmp;

typedef struct {
    cf_cond_kind kind;
    cf_cmp written; /* AUTO, BELOW or ABOVE: what the text said                  */
    cf_cmp cmp;     /* BELOW, ABOVE or CROSS: resolved; the step machine uses it  */
    double value;   /* V, A or C-rate; always > 0 (currents are magnitudes)      */
    int column;     /* 1-based column of the condition's number, for messages    */
} cf_condition;

#define CF_STEP_MAX_CONDITIONS 4

/* One step.  Read-only; owned by its cf_protocol.
 *
 * A step ends at the first of: its duration, any of its conditions, or (for
 * the step machine to enforce) the cell's own voltage cut-offs.  A current,
 * C-rate, power or resistance step with neither `for` nor `until` is legal and
 * runs to the cell's cut-off.  Rest and Hold need a `for` or an `until`. */
typedef struct {
    cf_step_mode mode;
    cf_step_verb verb;
    double value;      /* SI set-point, sign positive = discharge (see cf_step_mode) */
    double duration_s; /* > 0: time limit; 0: none.  Drive steps always have one: a
                          pass of the series, or the `for` (longer repeats it)   */
    double period_s;   /* output sampling period from "(10 s period)"; 0: default  */
    int n_conditions;
    cf_condition conditions[CF_STEP_MAX_CONDITIONS];
    const cf_drive_cycle *drive; /* for CF_STEP_DRIVE_*; owned by the protocol */
    int index;          /* 0-based position among the protocol's steps (text order) */
    int group;          /* 0-based top-level group (cf_cycle_group) it belongs to  */
    int line;           /* 1-based line of the step in its source               */
    int column;         /* 1-based column where the step text starts            */
    const char *text;   /* the step as written, trimmed                         */
    const char *source; /* "protocol" or the file name                          */
    double ambient_K;   /* "at 45 oC" (or "at 318 K") after the limits: the ambient
                           temperature during the step, K; 0: the cell's own.  A
                           thermal model exchanges heat with it; an isothermal one
                           holds the cell at it (PyBaMM's step temperature)         */
} cf_step;

/* "current", "C-rate", "power", "resistance", "voltage", "rest",
 * "drive current", "drive power". */
const char *cf_step_mode_name(cf_step_mode mode);

/* Renders a step as canonical text that cf_protocol_parse reads back to the
 * same step, e.g. "Charge at C/2 for 1 h or until 4.2 V".  Contains no ',',
 * ';' or newline (unless a drive-cycle file name does), so it can go in a CSV
 * column.  Returns the length the full
 * text needs (as snprintf); buf may be NULL when size is 0. */
size_t cf_step_format(const cf_step *step, char *buf, size_t size);

/* The set-point for a cell of `nominal_capacity_Ah`: A for current and C-rate
 * steps (C-rate x capacity), W, Ohm or V for the others, 0 for rest, and the
 * value at the step's start for drive steps (use cf_drive_cycle_eval). */
double cf_step_setpoint(const cf_step *step, double nominal_capacity_Ah);

/* A condition's threshold in SI: V, or A for current and C-rate conditions,
 * K for temperature conditions. */
double cf_condition_threshold(const cf_condition *c, double nominal_capacity_Ah);

/* Whether condition c is reached.  `now` and `at_start` are the measured
 * quantity now and when the step began: terminal voltage (V) for voltage
 * conditions, |I| (A) for current and C-rate conditions. */
int cf_condition_reached(const cf_condition *c, double now, double at_start,
                         double nominal_capacity_Ah);

/* The sign of d(quantity)/dt with which the quantity reaches the threshold:
 * -1 falling (BELOW), +1 rising (ABOVE); for CROSS decided by `at_start`
 * (0 when at_start is exactly at the threshold).  Suits IDA's root direction. */
int cf_condition_direction(const cf_condition *c, double at_start, double nominal_capacity_Ah);

/* A step's conditions merged into at most one threshold per quantity and
 * direction, the form root functions want (NAN = not used).  CROSS
 * conditions are resolved with the values at the step's start; of several
 * thresholds on one side the first one reached wins (the highest "below",
 * the lowest "above"). */
typedef struct {
    double v_below, v_above;         /* V */
    double abs_i_below, abs_i_above; /* A, compared with |I| */
    double T_below, T_above;         /* K, the cell's temperature (cf_step_temperature_stops) */
} cf_step_stops;

/* Fills *out and returns 1 when a condition is already reached at the start
 * (v_start in V, abs_i_start = |I| in A at the start, e.g. the previous
 * step's end), else 0.  Then the step would end at once: the step machine
 * decides whether to skip it or report it as infeasible (e.g. "Charge at 1C
 * until 3 V" on a cell at 3.7 V). */
int cf_step_stops_resolve(const cf_step *step, double nominal_capacity_Ah, double v_start,
                          double abs_i_start, cf_step_stops *out);
/* The temperature conditions into out->T_below / T_above; returns 1 when
 * one is already reached at T_start_K, the cell's temperature at the start.
 * A bare condition on a rest goes the way the cell relaxes, towards
 * ambient_K, the step's surroundings ("Rest until 30 oC" in a 25 degC room:
 * until it has cooled to 30 degC, met at once if it is cooler); otherwise
 * CROSS is resolved with T_start_K.  cf_step_stops_resolve leaves them NAN. */
int cf_step_temperature_stops(const cf_step *step, double T_start_K, double ambient_K, cf_step_stops *out);

/* ------------------------------------------------------------------------ */
/* Protocols, cycles, termination                                           */
/* ------------------------------------------------------------------------ */

typedef struct cf_protocol cf_protocol;

/* A top-level group: either a `repeat N { ... }` block (N cycles, each one
 * pass of the body) or a single step outside any block (one cycle of one
 * step, as each string is a cycle in PyBaMM).  Its steps are the contiguous
 * range [first_step, first_step + n_steps) of the protocol's steps. */
typedef struct {
    int first_step;
    int n_steps;             /* distinct steps written inside the group          */
    int64_t repeat;          /* number of cycles this group makes (>= 1)         */
    int64_t first_cycle;     /* 0-based cycle number of the group's first pass  */
    int64_t steps_per_cycle; /* steps executed per pass (nested repeats counted) */
    int line;                /* where the group starts                           */
} cf_cycle_group;

/* Experiment-level termination, checked at the end of each cycle.  A field
 * of 0 means "not set"; any set criterion that is met ends the experiment. */
typedef struct {
    double capacity_fraction; /* "80% capacity" -> 0.8: stop when the cycle's capacity
                                 <= fraction x the first cycle's capacity          */
    double capacity_Ah;       /* "4 Ah capacity": stop when the cycle's capacity <= it */
    double min_voltage;       /* "2.5 V": stop when the cycle's minimum voltage <= it */
} cf_termination;

/* Whether t is met after a cycle.  Capacities in Ah: the experiment's first
 * cycle and the one just finished (measured capacity = max - min of the
 * discharged charge over the cycle, as PyBaMM).  first_cycle_Ah <= 0 makes the
 * percentage criterion inert. */
int cf_termination_reached(const cf_termination *t, double first_cycle_Ah, double cycle_Ah,
                           double cycle_min_voltage);

/* Parses protocol text: statements separated by ';' or newlines, '#'
 * comments, `repeat N { ... }` / `cycle { ... }` blocks (nested up to
 * CF_PROTOCOL_MAX_DEPTH), `terminate ...` lines.  Source name "protocol";
 * drive-cycle paths in `Run` steps are relative to the working directory. */
int cf_protocol_parse(const char *text, cf_protocol **out, cf_error *err);

/* As cf_protocol_parse with a source name for messages and a directory
 * against which relative drive-cycle paths are resolved (NULL: cwd). */
int cf_protocol_parse_ex(const char *text, const char *source, const char *base_dir,
                         cf_protocol **out, cf_error *err);

/* Reads and parses a protocol file; drive-cycle paths are relative to the
 * file's directory. */
int cf_protocol_load_file(const char *path, cf_protocol **out, cf_error *err);

/* A protocol of one step that follows dc for one pass.  Takes ownership of
 * dc, also on failure. */
int cf_protocol_from_drive_cycle(cf_drive_cycle *dc, cf_protocol **out, cf_error *err);

void cf_protocol_free(cf_protocol *p); /* NULL is harmless */

int cf_protocol_step_count(const cf_protocol *p); /* distinct steps */
const cf_step *cf_protocol_step(const cf_protocol *p, int i);
int cf_protocol_group_count(const cf_protocol *p);
const cf_cycle_group *cf_protocol_group(const cf_protocol *p, int i);
int64_t cf_protocol_cycle_count(const cf_protocol *p);  /* cycles in execution */
int64_t cf_protocol_total_steps(const cf_protocol *p);  /* steps in execution  */
const cf_termination *cf_protocol_termination(const cf_protocol *p);
/* 1 when any termination criterion is set. */
int cf_protocol_has_termination(const cf_protocol *p);

/* Writes the protocol back as canonical text (repeat blocks kept, one step
 * per line) that parses to the same protocol.  Returns CF_EIO on a write
 * error. */
int cf_protocol_write(const cf_protocol *p, FILE *out, cf_error *err);

/* ------------------------------------------------------------------------ */
/* Execution order                                                          */
/* ------------------------------------------------------------------------ */

#define CF_PROTOCOL_MAX_DEPTH 8

/* One executed step. */
typedef struct {
    const cf_step *step;
    int64_t cycle;         /* 0-based cycle number                          */
    int64_t step_in_cycle; /* 0-based position within the cycle             */
    int64_t index;         /* 0-based count of steps executed before it     */
    int group;             /* top-level group                               */
    int cycle_start;       /* 1 on the first step of a cycle                */
    int cycle_end;         /* 1 on the last step of a cycle: check termination after it */
} cf_step_visit;

/* Walks the protocol in execution order in O(1) memory.  Lives on the
 * caller's stack; the fields are private (use the functions). */
typedef struct {
    const cf_protocol *p;
    size_t pc;
    int depth;
    struct {
        size_t begin;
        int64_t left;
    } stack[CF_PROTOCOL_MAX_DEPTH];
    int64_t cycle, step_in_cycle, index;
    int group;
} cf_protocol_iter;

void cf_protocol_iter_init(cf_protocol_iter *it, const cf_protocol *p);
/* Fills *v with the next step and returns 1, or returns 0 at the end. */
int cf_protocol_iter_next(cf_protocol_iter *it, cf_step_visit *v);

#ifdef __cplusplus
}
#endif
#endif
