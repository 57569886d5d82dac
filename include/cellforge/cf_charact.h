/* cf_charact.h — hard-carbon characterisation: instrument files -> claimed properties.
 *
 * Six analyses, each "read a file, analyse, report values with uncertainties":
 *   cf_xrd_   (002) peak of a powder pattern -> d002 (Bragg), Lc (Scherrer)
 *   cf_psd_   particle-size classes or particle lists -> Dv10/50/90, D[1,0], D[3,2], D[4,3]
 *   cf_bet_   N2 isotherm -> BET area over a Rouquerol-consistent range
 *   cf_dta_   DTA/DSC heating curve -> exothermic peak temperatures
 *   cf_chn_   CHN mass percentages -> H/C atomic ratio, N wt%
 *   cf_shape_ per-particle area/perimeter or axes -> sphericity distribution
 * plus cf_charact_into_recipe(), which writes results into a recipe's
 * hard-carbon component.  Formulas and conventions: docs/characterisation.md.
 *
 * Units follow the instruments, not SI, because these numbers are compared
 * with claims written in those units: degrees 2θ, nm, µm, m2/g, cm3/g STP, °C.
 * Every *_u field is a one-standard-deviation uncertainty in the same unit;
 * a quantity that cannot be given an uncertainty has u = 0 and says so in
 * its comment.  Data structs own their arrays; free them with *_free (NULL
 * and zeroed structs are harmless).  Reader errors name file:line[:column]. */
#ifndef CELLFORGE_CF_CHARACT_H
#define CELLFORGE_CF_CHARACT_H

#include <stddef.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------- the options' ranges
 * The one allowed range of each analysis option: `cellforge xrd|psd|bet|dta|
 * chn|shape` and the Python package check their options against these (an
 * analysis given values outside them is not defined). */
#define CF_XRD_ANGLE_MIN_DEG 0.01      /* fit window, standard range: 2θ in degrees */
#define CF_XRD_ANGLE_MAX_DEG 179.99
#define CF_XRD_BG_ORDER_MAX 3          /* background polynomial order 0..3          */
#define CF_XRD_LAMBDA_MIN_NM 0.001     /* wavelength                                */
#define CF_XRD_LAMBDA_MAX_NM 0.999
#define CF_XRD_K_MIN 0.5               /* Scherrer constant                         */
#define CF_XRD_K_MAX 2.0
#define CF_XRD_FWHM_MAX_DEG 10.0       /* instrumental FWHM and its uncertainty, [0, this] */
#define CF_XRD_ZERO_SHIFT_MAX_DEG 5.0  /* |zero shift|                              */
#define CF_PSD_BET_MIN_M2_G 1e-6       /* specific surface area for S·Dv50          */
#define CF_PSD_BET_MAX_M2_G 1e5        /* (also its uncertainty's upper bound)      */
#define CF_PSD_BOOTSTRAP_MAX 100000    /* bootstrap resamples, 0..this              */
#define CF_PSD_SEED_MAX 2147483647L    /* bootstrap seed, 0..this                   */
#define CF_BET_P_MIN 1e-9              /* fixed p/p0 range                          */
#define CF_BET_P_MAX 0.999999
#define CF_BET_MIN_POINTS_MIN 3        /* smallest range considered                 */
#define CF_BET_MIN_POINTS_MAX 1000
#define CF_BET_CROSS_SECTION_MIN_NM2 0.01 /* adsorbate cross-section                */
#define CF_BET_CROSS_SECTION_MAX_NM2 0.99
#define CF_DTA_T_MIN_C (-273.15)       /* temperature range                         */
#define CF_DTA_T_MAX_C 3000.0
#define CF_DTA_SMOOTH_MAX_C 100.0      /* smoothing σ, [0, this] °C                 */
#define CF_DTA_MIN_FRACTION_MAX 0.99   /* min peak fraction, [0, this]              */
#define CF_DTA_COLUMNS_MAX 16          /* temperature and signal columns, 1..this   */
#define CF_CHN_PCT_MAX 100.0           /* mass %, and uncertainties, [0, this]      */

/* ------------------------------------------------------------------ XRD */

#define CF_XRD_LAMBDA_CU_KA_NM 0.15418      /* Cu Kα weighted mean (2 Kα1 + Kα2)/3 */
#define CF_XRD_LAMBDA_CU_KA1_NM 0.1540562   /* Cu Kα1 */
#define CF_XRD_LAMBDA_CU_KA2_NM 0.1544390   /* Cu Kα2 */

typedef struct {
    size_t n;
    double *two_theta_deg; /* strictly increasing */
    double *intensity;     /* >= 0, counts or arbitrary units */
} cf_xrd_pattern;

/* Two-column 2θ (degrees) / intensity text; see docs for the accepted syntax. */
int cf_xrd_pattern_read(const char *path, cf_xrd_pattern *pat, cf_error *err);
int cf_xrd_pattern_parse(const char *text, const char *name, cf_xrd_pattern *pat, cf_error *err);
void cf_xrd_pattern_free(cf_xrd_pattern *pat);

typedef enum {
    CF_XRD_BROADENING_GAUSSIAN = 0,  /* β = sqrt(B² − b²) */
    CF_XRD_BROADENING_LORENTZIAN = 1 /* β = B − b          */
} cf_xrd_broadening;

typedef struct {
    double lambda_nm;         /* 0: Cu Kα mean, or Cu Kα1 when strip_ka2 is set  */
    double window_min_deg;    /* (002) fit window, default 10–35° 2θ              */
    double window_max_deg;
    int background_order;     /* polynomial fitted with the peak, 0..3, default 1 */
    int strip_ka2;            /* Rachinger stripping of Cu Kα2 before the fit     */
    double ka2_ratio;         /* I(Kα2)/I(Kα1), default 0.5                       */
    double scherrer_k;        /* default 0.9                                      */
    double instrument_fwhm_deg;   /* b; 0 = no instrument correction             */
    double instrument_fwhm_u_deg; /* its uncertainty                              */
    cf_xrd_broadening broadening;
    double zero_shift_deg;    /* subtracted from every 2θ (e.g. from an Si standard) */
} cf_xrd_options;

void cf_xrd_options_default(cf_xrd_options *opt);

typedef struct {
    double d002_nm, d002_u_nm;
    double lc_nm, lc_u_nm;
    double two_theta_deg, two_theta_u_deg; /* fitted (002) centre                 */
    double fwhm_deg, fwhm_u_deg;           /* measured B                         */
    double beta_deg, beta_u_deg;           /* instrument-corrected β             */
    double eta, eta_u;                     /* Lorentzian fraction of the pseudo-Voigt */
    double height, height_u;               /* peak height above the background   */
    double background[4];                  /* coefficients in t = (2θ − mid)/half-width */
    int background_order;
    double lambda_nm, scherrer_k;
    double window_min_deg, window_max_deg; /* window actually used               */
    double noise;                          /* residual standard deviation        */
    double r2;                             /* coefficient of determination       */
    size_t n_points;
    int iterations;
    int ka2_stripped;
} cf_xrd_result;

/* Fits background + pseudo-Voigt to the (002) band and derives d002 and Lc.
 * CF_EINVAL when no peak is found in the window, or b >= B. */
int cf_xrd_analyze(const cf_xrd_pattern *pat, const cf_xrd_options *opt, cf_xrd_result *res,
                   cf_error *err);

/* Removes Cu Kα2 in place (Rachinger), ratio I(Kα2)/I(Kα1). */
int cf_xrd_strip_ka2(cf_xrd_pattern *pat, double ratio, cf_error *err);

typedef struct {
    double two_theta_deg, two_theta_u_deg;
    double fwhm_deg, fwhm_u_deg;
    double eta;
} cf_xrd_standard;

/* Fits the strongest peak of a line-width standard (Si, LaB6) between lo and
 * hi degrees (lo = hi = 0: whole pattern) to get the instrumental FWHM b. */
int cf_xrd_standard_fit(const cf_xrd_pattern *pat, double lo_deg, double hi_deg, int strip_ka2,
                        double ka2_ratio, cf_xrd_standard *st, cf_error *err);

/* Bragg: d = λ / (2 sin θ).  Scherrer: L = K λ / (β cos θ), β in radians. */
double cf_xrd_bragg_d_nm(double two_theta_deg, double lambda_nm);
double cf_xrd_scherrer_nm(double k, double lambda_nm, double beta_deg, double two_theta_deg);

/* ------------------------------------------------------------------ PSD */

typedef enum { CF_PSD_VOLUME = 0, CF_PSD_NUMBER = 1 } cf_psd_basis;

/* What the size column of a two-column table means. */
typedef enum {
    CF_PSD_SIZE_CENTER = 0, /* the class's representative size (edges: geometric midpoints) */
    CF_PSD_SIZE_UPPER = 1,  /* the class's upper limit                                */
    CF_PSD_SIZE_LOWER = 2   /* the class's lower limit                                */
} cf_psd_size_is;

typedef struct {
    size_t n;              /* classes, or particles for a list               */
    double *lower_um;      /* class limits                                   */
    double *upper_um;
    double *mid_um;        /* representative size: the particle, or the class's
                              geometric mean (arithmetic when it starts at 0) */
    double *amount;        /* as read, >= 0                                  */
    cf_psd_basis basis;
    int is_list;           /* one row per particle (image analysis)          */
    double amount_sum;     /* sum of the amount column as read               */
} cf_psd_dist;

/* One column: particle diameters (µm, number basis).  Two: size, amount.
 * Three: lower, upper, amount.  Amounts are % or fractions (normalised). */
int cf_psd_read(const char *path, cf_psd_basis basis, cf_psd_size_is size_is, cf_psd_dist *d,
                cf_error *err);
int cf_psd_parse(const char *text, const char *name, cf_psd_basis basis, cf_psd_size_is size_is,
                 cf_psd_dist *d, cf_error *err);
void cf_psd_free(cf_psd_dist *d);

/* Number and volume fractions per class (each sums to 1), n ∝ v / x³ at
 * the representative size. */
int cf_psd_convert(const cf_psd_dist *d, double *number_frac, double *volume_frac, cf_error *err);

typedef struct {
    double bet_m2_g, bet_u_m2_g; /* > 0 adds S·Dv50                            */
    unsigned bootstrap;          /* resamples for particle lists, default 200  */
    unsigned long long seed;     /* bootstrap seed (deterministic)             */
} cf_psd_options;

void cf_psd_options_default(cf_psd_options *opt);

typedef struct {
    double dv10_um, dv50_um, dv90_um;     /* volume-weighted percentiles            */
    double dv10_u_um, dv50_u_um, dv90_u_um;
    double dn10_um, dn50_um, dn90_um;     /* number-weighted percentiles            */
    double d10_um, d32_um, d43_um;        /* D[1,0], D[3,2], D[4,3] (ISO 9276-2)     */
    double d10_u_um, d32_u_um, d43_u_um;
    double d4_d1, d4_d1_u;                /* D[4,3] / D[1,0]                         */
    double span;                          /* (Dv90 − Dv10) / Dv50                    */
    double s_dv50, s_dv50_u;              /* S·Dv50 in m2/g·µm, 0 when no S given    */
    size_t n;                             /* classes or particles                    */
    int is_list;
    cf_psd_basis basis;
    double amount_sum;
    int uncertainty_kind;                 /* 0 class width / grouping error, 1 bootstrap */
} cf_psd_result;

int cf_psd_analyze(const cf_psd_dist *d, const cf_psd_options *opt, cf_psd_result *res,
                   cf_error *err);

/* ------------------------------------------------------------------ BET */

typedef struct {
    size_t n;          /* adsorption branch only                            */
    double *p_rel;     /* p/p0, strictly increasing, in (0, 1)               */
    double *v_cm3_g;   /* adsorbed volume, cm3/g STP, >= 0                  */
    size_t n_desorption_ignored;
} cf_bet_isotherm;

int cf_bet_read(const char *path, cf_bet_isotherm *iso, cf_error *err);
int cf_bet_parse(const char *text, const char *name, cf_bet_isotherm *iso, cf_error *err);
void cf_bet_free(cf_bet_isotherm *iso);

typedef struct {
    double p_min, p_max;       /* both 0: automatic (Rouquerol); else a fixed range */
    size_t min_points;         /* default 3                                        */
    double min_r2;             /* default 0.995                                    */
    double cross_section_nm2;  /* default 0.162 (N2)                               */
    double pm_tolerance;       /* criterion 4 relative tolerance, default 0.10     */
} cf_bet_options;

void cf_bet_options_default(cf_bet_options *opt);

typedef struct {
    double area_m2_g, area_u_m2_g;
    double vm_cm3_g, vm_u_cm3_g;  /* monolayer capacity, cm3/g STP */
    double c, c_u;                /* BET C constant                */
    double r2;
    double p_lo, p_hi;            /* p/p0 range used               */
    size_t first, count;          /* indices into the isotherm     */
    double p_monolayer;           /* 1/(sqrt(C)+1)                 */
    double p_at_vm;               /* p/p0 where the data reach v_m (interpolated); 0 if not */
    int automatic;                /* range chosen by the criteria  */
    size_t n_candidates;          /* ranges that met every criterion */
} cf_bet_result;

/* CF_EINVAL for a flat isotherm or when no range meets the criteria. */
int cf_bet_analyze(const cf_bet_isotherm *iso, const cf_bet_options *opt, cf_bet_result *res,
                   cf_error *err);

/* ------------------------------------------------------------------ DTA */

typedef struct {
    size_t n;
    double *t_c;     /* temperature, °C, non-decreasing */
    double *signal;  /* heat flow or ΔT, any unit       */
} cf_dta_curve;

/* Two columns (temperature, signal), or more with t_col/s_col (0-based) picking them;
 * t_col = s_col = 0 means the default (0, 1) and requires exactly two columns. */
int cf_dta_read(const char *path, size_t t_col, size_t s_col, cf_dta_curve *c, cf_error *err);
int cf_dta_parse(const char *text, const char *name, size_t t_col, size_t s_col, cf_dta_curve *c,
                 cf_error *err);
void cf_dta_free(cf_dta_curve *c);

typedef struct {
    int exo_down;          /* signal convention: exothermic is negative (some DSCs) */
    double t_min_c, t_max_c; /* both 0: whole curve                                  */
    double smooth_c;       /* Gaussian smoothing σ in °C, 0 = automatic             */
    double min_fraction;   /* peaks smaller than this × the largest are ignored (0.05) */
} cf_dta_options;

void cf_dta_options_default(cf_dta_options *opt);

#define CF_DTA_MAX_PEAKS 8

typedef struct {
    double t_c, t_u_c;     /* peak (maximum exothermic signal) temperature */
    double height;         /* above the baseline, signal units             */
    double onset_c;        /* extrapolated onset (leading-edge tangent)    */
    double area;           /* ∫ signal dT over the peak, signal·°C         */
} cf_dta_peak;

typedef struct {
    size_t n_peaks;        /* sorted by temperature                        */
    cf_dta_peak peaks[CF_DTA_MAX_PEAKS];
    size_t main;           /* index of the largest peak                    */
    double noise;          /* signal noise σ                               */
    double smooth_c;       /* smoothing σ used                             */
    double baseline[2];    /* signal = b0 + b1·T (exo-up convention)       */
} cf_dta_result;

/* CF_EINVAL when no exothermic peak rises above the noise. */
int cf_dta_analyze(const cf_dta_curve *c, const cf_dta_options *opt, cf_dta_result *res,
                   cf_error *err);

/* ------------------------------------------------------------------ CHN */

typedef struct {
    double c_wt, c_u;  /* mass %, and uncertainty (0 = none given) */
    double h_wt, h_u;
    double n_wt, n_u;  /* n_wt < 0: not measured                   */
} cf_chn_input;

typedef struct {
    double h_c_atomic, h_c_u;   /* (H/1.008)/(C/12.011)          */
    double n_c_atomic, n_c_u;   /* (N/14.007)/(C/12.011)         */
    double n_wt_pct, n_u;
    double rest_wt_pct;         /* 100 − C − H − N (O, ash, ...) */
    int has_n;
} cf_chn_result;

int cf_chn_compute(const cf_chn_input *in, cf_chn_result *res, cf_error *err);

/* Mean and standard error of the mean of replicate values (u = 0 for one value). */
int cf_chn_replicates(const double *v, size_t n, double *mean, double *u, cf_error *err);

#define CF_CHN_MAX_REPLICATES 64
/* Parses one value or comma-separated replicates ("95.0,95.2,95.1"), each in
 * [0, 100] wt%, into their mean and standard error (cf_chn_replicates).
 * `what` names the input in messages (e.g. "--C"); *nrep is the count. */
int cf_chn_parse_replicates(const char *text, const char *what, double *mean, double *u, int *nrep,
                            cf_error *err);

/* ---------------------------------------------------------------- shape */

typedef enum {
    CF_SHAPE_AREA_PERIMETER = 0, /* columns: projected area, perimeter (same length unit) */
    CF_SHAPE_AXES = 1            /* columns: major, minor axis lengths (order free)     */
} cf_shape_input;

typedef enum {
    CF_SHAPE_DEF_DEFAULT = 0,     /* circularity for area/perimeter, aspect for axes   */
    CF_SHAPE_DEF_CIRCULARITY = 1, /* 4πA/P² (ISO 9276-6 form factor)                    */
    CF_SHAPE_DEF_WADELL = 2,      /* sqrt(4πA/P²): perimeter of the equal-area circle / P */
    CF_SHAPE_DEF_ASPECT = 3       /* minor / major axis                               */
} cf_shape_definition;

typedef struct {
    size_t n;
    double *a;  /* area or major axis */
    double *b;  /* perimeter or minor axis */
    cf_shape_input kind;
} cf_shape_data;

int cf_shape_read(const char *path, cf_shape_input kind, cf_shape_data *d, cf_error *err);
int cf_shape_parse(const char *text, const char *name, cf_shape_input kind, cf_shape_data *d,
                   cf_error *err);
void cf_shape_free(cf_shape_data *d);

#define CF_SHAPE_HIST_BINS 10

typedef struct {
    cf_shape_definition definition; /* resolved (never DEFAULT) */
    double mean, mean_u;            /* number mean, standard error of the mean */
    double sd, median, min, max;
    double threshold, frac_at_least; /* fraction of particles with value >= threshold */
    size_t hist[CF_SHAPE_HIST_BINS]; /* counts in [0,0.1), ..., [0.9,∞)               */
    size_t n, n_above_1;             /* values slightly above 1 (digitisation), kept  */
} cf_shape_result;

/* Per-particle values (out has d->n entries); n_above_1 counts values > 1. */
int cf_shape_values(const cf_shape_data *d, cf_shape_definition def, double *out, size_t *n_above_1,
                    cf_error *err);
/* threshold: the claim limit to count against (e.g. 0.8). */
int cf_shape_analyze(const cf_shape_data *d, cf_shape_definition def, double threshold,
                     cf_shape_result *res, cf_error *err);
const char *cf_shape_definition_name(cf_shape_definition def);

/* -------------------------------------------------- results into recipe */

typedef struct {
    const char *key; /* e.g. "d002_nm" */
    double value;
} cf_charact_field;

/* Sets the fields in the hard-carbon component `component` of the JSON recipe
 * at `recipe_path` and rewrites it atomically, keeping every other key.
 * component: "negative" (first component whose material is "hard_carbon")
 * or "negative.components[0]"; the electrode object is looked up at the top
 * level or under "electrodes".  The resolved path is copied to `resolved`. */
int cf_charact_into_recipe(const char *recipe_path, const char *component,
                           const cf_charact_field *fields, size_t n_fields, char *resolved,
                           size_t resolved_len, cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
