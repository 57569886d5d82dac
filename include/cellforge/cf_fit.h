/* cf_fit.h — fitting a cell's parameters to measured voltage.
 *
 *   cf_fit_data_read / _parse   voltage and current vs time from a cycler
 *                               export (generic CSV, Maccor, Arbin, BioLogic,
 *                               Neware; docs/fitting.md lists the columns)
 *   cf_fit_run                  weighted least squares on voltage: chosen
 *                               cell-file keys (and the initial SOC) within
 *                               bounds, with confidence intervals
 *   cf_fit_ocv_balance          electrode stoichiometry windows from a slow
 *                               OCV curve and the two electrode OCPs
 *   cf_fit_pulses               HPPC -> exchange current vs SOC, GITT ->
 *                               solid diffusivity vs stoichiometry
 *
 * The model runs the measured current (positive = discharge) from the
 * first to the last data time; the data, not the cell's cut-offs, decide
 * where a run ends.  The least-squares solver is GSL's trust-region
 * gsl_multifit_nlinear (Levenberg–Marquardt); the model's sensitivities to
 * the parameters are forward finite differences, one simulation per
 * parameter per Jacobian.  Intervals come from the Jacobian at the optimum:
 * covariance (J^T J)^-1 times the residual variance, Student-t quantiles.  A
 * Jacobian whose columns are (nearly) dependent, or an interval wider than
 * its parameter's bounds, is reported as non-identifiable (CF_EINVAL naming
 * the parameter combination the data see least) instead of an optimum. */
#ifndef CELLFORGE_CF_FIT_H
#define CELLFORGE_CF_FIT_H

#include <stddef.h>
#include "cellforge/cf_error.h"
#include "cellforge/cf_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- measured data ---- */

typedef enum {
    CF_FIT_FORMAT_AUTO = 0, /* recognised from the header                       */
    CF_FIT_FORMAT_GENERIC,  /* time/current/voltage with units in the header    */
    CF_FIT_FORMAT_MACCOR,   /* "Test (Sec)", "Amps", "Volts", "State" (C/D/R)   */
    CF_FIT_FORMAT_ARBIN,    /* "Test_Time(s)", "Current(A)", "Voltage(V)"       */
    CF_FIT_FORMAT_BIOLOGIC, /* EC-Lab text: "time/s", "Ewe/V" or "Ecell/V", "I/mA" */
    CF_FIT_FORMAT_NEWARE    /* "Total Time", "Current(mA)" or "(A)", "Voltage(V)" */
} cf_fit_format;
/* "auto", "generic", "maccor", "arbin", "biologic", "neware"; the error
 * names --format and the allowed values. */
int cf_fit_format_parse(const char *name, cf_fit_format *f, cf_error *err);
const char *cf_fit_format_name(cf_fit_format f);

/* Which sign of the file's current discharges the cell. */
typedef enum {
    CF_CURRENT_SIGN_FORMAT = 0,         /* the format's documented convention       */
    CF_CURRENT_SIGN_DISCHARGE_POSITIVE, /* cellforge's (generic files' default)     */
    CF_CURRENT_SIGN_CHARGE_POSITIVE     /* Arbin, BioLogic, Neware (their default)  */
} cf_current_sign;
/* "format", "discharge-positive", "charge-positive" (--current-sign). */
int cf_current_sign_parse(const char *name, cf_current_sign *s, cf_error *err);

typedef struct {
    size_t n;
    double *t_s;       /* strictly increasing, from the file (not shifted)        */
    double *current_A; /* positive = discharge (converted)                        */
    double *voltage_V;
    cf_fit_format format; /* the format read (never AUTO)                         */
} cf_fit_data;

/* Reads text (len bytes; need not be NUL-terminated); `source` names it in
 * messages ("file:line:column").  Refuses, with CF_EINVAL: a header without
 * the format's time, current and voltage columns or without their units,
 * unknown units, non-numeric or missing values, time that is not strictly
 * increasing, fewer than 3 rows, and currents whose sign contradicts the
 * voltage (the voltage rises under what the convention calls discharge: the
 * message says so and names --current-sign). */
int cf_fit_data_parse(const char *text, size_t len, const char *source, cf_fit_format fmt, cf_current_sign sign,
                      cf_fit_data **out, cf_error *err);
/* The same from a file (a regular file within the data size cap, cf_io.h). */
int cf_fit_data_read(const char *path, cf_fit_format fmt, cf_current_sign sign, cf_fit_data **out, cf_error *err);
void cf_fit_data_free(cf_fit_data *d); /* NULL is harmless */

/* ---- the fit ---- */

#define CF_FIT_MAX_PARAMS 16
#define CF_FIT_PATH_MAX 128

/* One fitted quantity: a cell-file key path ("negative.diffusivity_m2_s",
 * "positive.exchange_current_coefficient"; docs/cell-files.md) or
 * "initial_soc" (the state of charge the run starts from, between the
 * cell's cut-offs at open circuit). */
typedef struct {
    const char *path;
    double lower, upper; /* bounds, lower < upper                              */
    double initial;      /* start; NAN: the middle of the bounds (geometric
                            mean on a log scale)                              */
    int log_scale;       /* 1: fitted as log(value) (positive bounds), 0: as the
                            value, -1: log when lower > 0 and upper/lower >= 10 */
} cf_fit_param;

typedef struct {
    cf_model_options model; /* the model that runs the data (default DFN)      */
    double initial_soc;     /* [0, 1]; NAN: the cell's own initial state (unless
                               "initial_soc" is a fitted parameter)            */
    double sigma_V;         /* voltage noise for the weights 1/sigma^2 (default
                               0.001); the intervals scale by the residual
                               variance, so it sets only the reported chi^2   */
    int max_iter;           /* trust-region iterations (default 50)            */
    double fd_step;         /* finite-difference step in the fitted scale
                               (log or value) as a fraction of the bounds'
                               span (default 1e-3)                            */
    double confidence;      /* two-sided interval level, (0, 1) (default 0.95)  */
    double max_condition;   /* non-identifiable above this condition number of
                               the column-scaled Jacobian (default 1e8)       */
} cf_fit_options;
void cf_fit_options_default(cf_fit_options *o);

typedef struct {
    char path[CF_FIT_PATH_MAX];
    double initial, value;
    double std_error;        /* in the fitted scale: log units for log scale   */
    double lower_ci, upper_ci; /* the interval at options.confidence           */
    int log_scale;
    int at_bound;            /* the optimum is at (within 1e-6 of) a bound      */
} cf_fit_param_result;

typedef struct {
    size_t n_params;
    cf_fit_param_result params[CF_FIT_MAX_PARAMS];
    double correlation[CF_FIT_MAX_PARAMS * CF_FIT_MAX_PARAMS]; /* row-major, n_params^2 */
    size_t n_points;
    double rms_V, initial_rms_V;
    double chi2;             /* sum ((V_model - V_data) / sigma)^2 at the optimum */
    double condition;        /* of the column-scaled Jacobian at the optimum     */
    int iterations, simulations;
    double wall_s;
    double *model_V;         /* model voltage at each data time (optimum)        */
    char *cell_json;         /* the fitted cell file (the base with the fitted
                                keys set), NUL-terminated                        */
    char stop[128];          /* why the iterations ended                          */
} cf_fit_result;

/* Fits `params` of the cell `cell` (a built-in name or a cell JSON file, not
 * BPX or a recipe) to `data`.  Returns CF_EINVAL for bad parameters (unknown
 * key, bounds, initial outside them) and for a non-identifiable fit (the
 * message names the dependent combination; *out is still set, with the
 * optimum reached, for inspection); CF_ESOLVER when no simulation ran. */
int cf_fit_run(const char *cell, const cf_fit_data *data, const cf_fit_param *params, size_t n_params,
               const cf_fit_options *opt, cf_fit_result **out, cf_error *err);
void cf_fit_result_free(cf_fit_result *r);

/* Writes the parameter table (path, initial, fitted, interval) and the fit's
 * figures as JSON (cf_json_dumps style) into a malloc'd string. */
char *cf_fit_result_json(const cf_fit_result *r, const cf_fit_options *opt);

/* ---- OCV balancing ---- */

/* Fits the electrodes' stoichiometry windows to an open-circuit curve:
 * V(Q) = U_pos(y_full + Q / C_pos) - U_neg(x_full - Q / C_neg), with Q the
 * charge removed from the first point (Ah, from the data's current) and the
 * four unknowns x_full, y_full (stoichiometries at the first point) and the
 * electrodes' capacities C_neg, C_pos (Ah).  The result's parameters are, in
 * this order: negative.sto_start, positive.sto_start, negative.capacity_Ah,
 * positive.capacity_Ah; its cell file sets the coatings' thicknesses
 * (capacity, at the cell's porosity and active fraction) and the initial
 * concentrations (stoichiometry at the first point). */
int cf_fit_ocv_balance(const char *cell, const cf_fit_data *data, const cf_fit_options *opt,
                       cf_fit_result **out, cf_error *err);

/* ---- pulse tests: HPPC and GITT ---- */

typedef enum { CF_FIT_PULSES_HPPC = 0, CF_FIT_PULSES_GITT = 1 } cf_fit_pulse_kind;

typedef struct {
    double t_start_s;        /* the window's first time (the relaxed point)      */
    int ok;                  /* fitted; else note says why                        */
    double soc;              /* the fitted SOC at the window's start              */
    double x;                /* HPPC: soc; GITT: the electrode's stoichiometry    */
    double value, lower, upper; /* the fitted quantity and its interval          */
    double rms_V;
    double resistance_ohm;   /* measured: (V relaxed - V at the first pulse's end) / I */
    char note[256];
} cf_fit_pulse_point;

typedef struct {
    cf_fit_pulse_kind kind;
    char path[CF_FIT_PATH_MAX]; /* the fitted key                                */
    size_t n;
    cf_fit_pulse_point *points; /* in time order                                */
    int simulations;
    char *cell_json;         /* HPPC: the levels' geometric mean exchange current;
                                GITT: the diffusivity as a table of stoichiometry */
} cf_fit_pulse_result;

/* The standard fits of pulse tests (e.g. `cellforge test hppc|gitt
 * --series` or a cycler's export of one).  The data are cut into windows
 * that start from a relaxed cell (a current run after at least 600 s of
 * rest; HPPC: runs of at most 60 s with their short rests, up to the move
 * to the next level; GITT: a pulse and its relaxation).  In each window the
 * model fits the electrode's (`side` 0 negative, 1 positive) exchange-current
 * coefficient (HPPC) or solid diffusivity (GITT), within a factor 100 of
 * the cell's value, and the window's initial SOC.  A window that cannot be
 * fitted keeps its note; CF_EINVAL when none can. */
int cf_fit_pulses(const char *cell, const cf_fit_data *data, cf_fit_pulse_kind kind, int side,
                  const cf_fit_options *opt, cf_fit_pulse_result **out, cf_error *err);
void cf_fit_pulse_result_free(cf_fit_pulse_result *r);
/* The per-pulse table as JSON (malloc'd). */
char *cf_fit_pulse_result_json(const cf_fit_pulse_result *r);

#ifdef __cplusplus
}
#endif
#endif
