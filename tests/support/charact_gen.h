/* charact_gen.h — synthetic instrument files with known answers, for the
 * characterisation tests.  Every generator is deterministic for a given
 * seed and returns a malloc'd NUL-terminated text (free() it), formatted as
 * an instrument would export it (header lines, comments).  The physics used
 * to build the data is written here independently of src/charact. */
#ifndef CF_TEST_CHARACT_GEN_H
#define CF_TEST_CHARACT_GEN_H

#include <stddef.h>

typedef struct {
    unsigned long long s;
} cfgen_rng;

void cfgen_seed(cfgen_rng *r, unsigned long long seed);
double cfgen_uniform(cfgen_rng *r);           /* (0, 1) */
double cfgen_normal(cfgen_rng *r);            /* N(0, 1) */

/* ---- XRD: (002) band of hard carbon ---- */
typedef struct {
    double d002_nm, lc_nm;    /* the answers                                   */
    double k;                 /* Scherrer constant used to set the width      */
    double eta;               /* pseudo-Voigt Lorentzian fraction             */
    double height;            /* counts at the Kα1 peak maximum               */
    int ka2;                  /* add the Cu Kα2 line at half intensity        */
    double instr_fwhm_deg;    /* instrumental FWHM added in quadrature         */
    double bg[3];             /* background c0 + c1·2θ + c2·2θ² (counts)       */
    double bg_exp, bg_exp_w;  /* + bg_exp·exp(−2θ/bg_exp_w) small-angle rise  */
    double tt_min, tt_max, step;
    int poisson;              /* counting noise                               */
    double noise_sd;          /* extra Gaussian noise (counts)                */
    unsigned long long seed;
    double peak2_center_deg, peak2_fwhm_deg, peak2_height; /* optional second band, height 0 = none */
} cfgen_xrd_spec;

void cfgen_xrd_default(cfgen_xrd_spec *s);
/* λ used to place the lines: Kα1 when ka2 is set, else the Kα mean. */
char *cfgen_xrd(const cfgen_xrd_spec *s);
/* The Kα1 (or single-line) peak centre and FWHM the generator used. */
void cfgen_xrd_peak(const cfgen_xrd_spec *s, double *center_deg, double *fwhm_deg);

/* ---- PSD: log-normal distributions ---- */
/* Number-based log-normal with median xg (µm) and ln-sd s:
 *   D[1,0] = xg e^{s²/2}, D[3,2] = xg e^{5s²/2}, D[4,3] = xg e^{7s²/2},
 *   volume median = xg e^{3s²}. */
double cfgen_lognormal_dpq(double xg, double s, int p, int q);
/* Classes with geometric ratio `ratio` from x_lo to x_hi.  columns = 3:
 * lower, upper, amount; columns = 2: geometric centre, amount.
 * volume = 1: volume %, else number %. */
char *cfgen_psd_classes(double xg, double s, double x_lo, double x_hi, double ratio, int columns,
                        int volume);
/* n particle diameters drawn from the number distribution (one per line). */
char *cfgen_psd_list(double xg, double s, size_t n, unsigned long long seed);

/* ---- BET ---- */
/* BET isotherm V = vm C x / ((1−x)(1−x+Cx)) at the given p/p0 points up to
 * x_break; above it V grows only linearly (slope plateau_slope·vm) so the
 * Rouquerol criterion 1 ends the range there.  Relative noise rel_noise. */
char *cfgen_bet(double vm, double c, const double *x, size_t n, double x_break, double plateau_slope,
                double rel_noise, unsigned long long seed);
/* S (m2/g) for vm (cm3/g STP), σ = 0.162 nm2. */
double cfgen_bet_area(double vm);

/* ---- DTA ---- */
/* First-order reaction under linear heating with activation energy E
 * (J/mol), placed so its rate maximum is at tm_c (Kissinger's condition,
 * exact for first order).  Signal = amp·dα/dT (normalised to peak 1) +
 * baseline b0 + b1·T + noise. */
char *cfgen_dta_kissinger(double tm_c, double e_j_mol, double beta_k_min, double amp, double b0,
                          double b1, double t0, double t1, double dt, double noise,
                          unsigned long long seed);
/* Gaussian exotherm(s): amps[i], centres[i], sigmas[i]; known onset t0 − 2σ. */
char *cfgen_dta_gauss(const double *amp, const double *center, const double *sigma, size_t npk,
                      double b0, double b1, double t0, double t1, double dt, double noise,
                      int exo_down, unsigned long long seed);

/* ---- shape ---- */
/* Particles that are regular polygons (sides = 3, 4, 6) or circles (0),
 * counts[k] of shape sides[k], random sizes, area/perimeter with relative
 * noise.  Known mean circularity: Σ counts·c(sides) / Σ counts, with
 * c(n) = π / (n tan(π/n)), c(0) = 1.  Rows are shuffled. */
char *cfgen_shape_polygons(const int *sides, const size_t *counts, size_t nkinds, double rel_noise,
                           unsigned long long seed);
double cfgen_polygon_circularity(int sides);
/* Ellipses with aspect ratios uniform in [q_lo, q_hi]: rows major, minor.
 * The mean aspect is returned through *mean_aspect. */
char *cfgen_shape_ellipses(size_t n, double q_lo, double q_hi, unsigned long long seed,
                           double *mean_aspect);

/* Writes text to path (returns 0 on success). */
int cfgen_write(const char *path, const char *text);

#endif
