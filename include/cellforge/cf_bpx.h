/* cf_bpx.h — BPX (Battery Parameter eXchange, Faraday Institution) files.
 *
 * cf_bpx_load reads a BPX v1.x file (v0.x files are converted first, as the
 * bpx package and PyBaMM do) into a cf_cell plus what a cf_cell does not hold:
 * the header, the initial and thermal state and the validation data.
 * cf_bpx_write writes any cell as a BPX v1.1 file that loads back to the same
 * cell.  Every `--cell FILE` accepts a BPX file too (through cf_cell_load,
 * without the extra information).  Mappings, the supported subset and the
 * expression grammar: docs/bpx.md. */
#ifndef CELLFORGE_CF_BPX_H
#define CELLFORGE_CF_BPX_H

#include <stddef.h>
#include "cellforge/cf_cell.h"
#include "cellforge/cf_error.h"
#include "cellforge/cf_model.h"
#include "cellforge/cf_protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CF_BPX_MAX_NOTES 24
#define CF_BPX_NOTE_LEN 256

/* Things a reader or writer did that a user should know about (a value
 * ignored, approximated or not representable), one sentence each. */
typedef struct {
    int n;            /* notes kept (<= CF_BPX_MAX_NOTES) */
    int dropped;      /* notes beyond the limit, counted only */
    char text[CF_BPX_MAX_NOTES][CF_BPX_NOTE_LEN];
} cf_bpx_notes;

/* One "Validation" experiment: measured time series, in BPX's own signs
 * (current negative on discharge; cf_bpx_validation_drive flips it). */
typedef struct {
    char name[128];
    size_t n;
    double *time_s, *current_A, *voltage_V;
    double *temperature_K; /* NULL when the file has none */
} cf_bpx_experiment;

typedef struct {
    char version[32];          /* "BPX" as written ("1.1.0", "0.1")          */
    int converted_from_v0;     /* 1: a v0.x file, converted to v1 on reading   */
    char title[256];
    char model_name[8];        /* "SPM", "SPMe" or "DFN" as in the header      */
    cf_model_kind model;       /* the same as a cf_model_kind                  */
    int spm_only;              /* no electrolyte/separator data: placeholders
                                  were used, only the SPM is meaningful        */
    double initial_soc;        /* State: "Initial state-of-charge" (0..1)      */
    double initial_temperature_K;
    double ambient_temperature_K;  /* the (isothermal) cell temperature T_K    */
    double heat_transfer_coefficient; /* W/m2/K; NAN when absent (unused)     */
    double lli;                /* Degradation applied to the cell (0 if none)  */
    double lam_neg[CF_MAX_PHASES], lam_pos[CF_MAX_PHASES];
    size_t n_experiments;
    cf_bpx_experiment *experiments;
    cf_bpx_notes notes;
} cf_bpx_info;

/* Reads a BPX file.  *out is the cell at the file's initial state; info (may
 * be NULL) receives the rest — free it with cf_bpx_info_clear.  Errors name
 * the full key path ("Parameterisation/Negative electrode/Thickness [m]"). */
int cf_bpx_load(const char *path, cf_cell **out, cf_bpx_info *info, cf_error *err);
/* The same from JSON text in memory (len bytes); `name` (NULL: "<string>")
 * places messages and gives the default cell name. */
int cf_bpx_parse(const char *text, size_t len, const char *name, cf_cell **out, cf_bpx_info *info,
                 cf_error *err);
/* Frees the validation data and zeroes info (NULL is harmless). */
void cf_bpx_info_clear(cf_bpx_info *info);
/* 1 when `path` holds a JSON object with a top-level "Header" (a BPX file). */
int cf_bpx_is_bpx_file(const char *path);

/* What to put in the parts of a BPX file a cf_cell does not hold; NULL
 * fields (and a NULL meta) take defaults: title = the cell name, model DFN,
 * temperatures from the cell, no validation data. */
typedef struct {
    const char *title;
    const char *model_name;         /* "SPM", "SPMe" or "DFN"                  */
    double initial_temperature_K;   /* NAN: the cell's T_K                     */
    double heat_transfer_coefficient; /* NAN: 0 (the models are isothermal)    */
    size_t n_experiments;
    const cf_bpx_experiment *experiments;
} cf_bpx_meta;

/* Fills meta with defaults (all unset). */
void cf_bpx_meta_default(cf_bpx_meta *meta);
/* The parts of a loaded file that cf_bpx_write carries over. */
void cf_bpx_meta_from_info(cf_bpx_meta *meta, const cf_bpx_info *info);

/* Writes `cell` as a BPX v1.1 file at `path` ("-" = stdout), complete or not
 * at all.  Built-in functions become expression strings where BPX can express
 * them (tables otherwise, with a note); notes (may be NULL) says what BPX
 * cannot carry (e.g. a charge-transfer coefficient other than 0.5). */
int cf_bpx_write(const cf_cell *cell, const cf_bpx_meta *meta, const char *path, cf_bpx_notes *notes,
                 cf_error *err);

/* A validation experiment as a drive-cycle current (A, positive = discharge,
 * times from 0).  Returns CF_EINVAL when the series is unusable. */
int cf_bpx_validation_drive(const cf_bpx_experiment *e, cf_drive_cycle **out, cf_error *err);

/* Simulated against measured voltage for one experiment. */
typedef struct {
    size_t compared;       /* measured points inside the simulated time span */
    double rms_V, max_V;   /* over the compared points (NAN when none)        */
    double t_max_s;        /* the measured time of the largest error          */
    double t_end_s;        /* simulated time span                             */
    int stopped_early;     /* a cut-off ended the run before the data did     */
    char note[384];        /* why it stopped early, or empty                  */
} cf_bpx_comparison;

/* Runs experiment e on plan from the plan cell's initial state (the file's
 * SOC) with its measured current as a drive cycle, and compares the voltage
 * at every measured time (linear interpolation between solver rows; the
 * measured times are knots of the drive cycle, so rows fall on them). */
int cf_bpx_run_experiment(cf_plan *plan, const cf_bpx_experiment *e, cf_bpx_comparison *out, cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
