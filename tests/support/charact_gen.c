/* charact_gen.c — synthetic instrument files with known answers (see charact_gen.h). */
#include "charact_gen.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_PI 3.14159265358979323846
#define GEN_LAMBDA_KA1 0.1540562
#define GEN_LAMBDA_KA2 0.1544390
#define GEN_LAMBDA_KA 0.15418

/* ---- random numbers: xorshift64* (state owned by the caller) ---- */
void cfgen_seed(cfgen_rng *r, unsigned long long seed) { r->s = seed * 2654435761ULL + 88172645463325252ULL; }

double cfgen_uniform(cfgen_rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    unsigned long long v = r->s * 2685821657736338717ULL;
    return ((double)(v >> 11) + 0.5) / 9007199254740992.0;
}

double cfgen_normal(cfgen_rng *r)
{
    double u1 = cfgen_uniform(r), u2 = cfgen_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * GEN_PI * u2);
}

/* ---- a growing text buffer ---- */
typedef struct {
    char *p;
    size_t n, cap;
} gbuf;

static void gb_printf(gbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0) abort();
        if (b->p && b->n + (size_t)w < b->cap) {
            b->n += (size_t)w;
            return;
        }
        size_t nc = b->cap ? b->cap * 2 : 4096;
        while (nc < b->n + (size_t)w + 1) nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) abort();
        b->p = np;
        b->cap = nc;
    }
}

int cfgen_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int bad = fputs(text, f) == EOF;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

/* ---- XRD ---- */
void cfgen_xrd_default(cfgen_xrd_spec *s)
{
    memset(s, 0, sizeof *s);
    s->d002_nm = 0.380;
    s->lc_nm = 1.5;
    s->k = 0.9;
    s->eta = 0.4;
    s->height = 3000.0;
    s->bg[0] = 400.0;
    s->bg[1] = -6.0;
    s->tt_min = 5.0;
    s->tt_max = 60.0;
    s->step = 0.02;
    s->poisson = 1;
    s->seed = 1;
}

static double gen_pv(double x, double x0, double w, double eta)
{
    double u = (x - x0) / w;
    return eta / (1.0 + 4.0 * u * u) + (1.0 - eta) * exp(-4.0 * log(2.0) * u * u);
}

static void line_of(const cfgen_xrd_spec *s, double lambda, double *c, double *w)
{
    double th = asin(lambda / (2.0 * s->d002_nm));
    double beta = s->k * lambda / (s->lc_nm * cos(th)) * 180.0 / GEN_PI;
    *c = 2.0 * th * 180.0 / GEN_PI;
    *w = sqrt(beta * beta + s->instr_fwhm_deg * s->instr_fwhm_deg);
}

void cfgen_xrd_peak(const cfgen_xrd_spec *s, double *center_deg, double *fwhm_deg)
{
    line_of(s, s->ka2 ? GEN_LAMBDA_KA1 : GEN_LAMBDA_KA, center_deg, fwhm_deg);
}

char *cfgen_xrd(const cfgen_xrd_spec *s)
{
    cfgen_rng r;
    cfgen_seed(&r, s->seed);
    double c1, w1, c2 = 0, w2 = 0;
    line_of(s, s->ka2 ? GEN_LAMBDA_KA1 : GEN_LAMBDA_KA, &c1, &w1);
    if (s->ka2) line_of(s, GEN_LAMBDA_KA2, &c2, &w2);
    gbuf b = {0};
    gb_printf(&b, "# synthetic hard-carbon pattern (tests/support/charact_gen.c)\n"
                  "# known answer: d002 = %.4f nm, Lc = %.3f nm (K = %.2f)%s\n"
                  "2Theta\tIntensity\n",
              s->d002_nm, s->lc_nm, s->k, s->ka2 ? ", Cu Ka1+Ka2" : "");
    size_t n = (size_t)floor((s->tt_max - s->tt_min) / s->step + 0.5) + 1;
    for (size_t i = 0; i < n; i++) {
        double x = s->tt_min + (double)i * s->step;
        double y = s->bg[0] + s->bg[1] * x + s->bg[2] * x * x;
        if (s->bg_exp > 0.0) y += s->bg_exp * exp(-x / s->bg_exp_w);
        y += s->height * gen_pv(x, c1, w1, s->eta);
        if (s->ka2) y += 0.5 * s->height * gen_pv(x, c2, w2, s->eta);
        if (s->peak2_height > 0.0) y += s->peak2_height * gen_pv(x, s->peak2_center_deg, s->peak2_fwhm_deg, 0.5);
        if (y < 0.0) y = 0.0;
        if (s->poisson) y = floor(y + sqrt(y) * cfgen_normal(&r) + 0.5);
        if (s->noise_sd > 0.0) y += s->noise_sd * cfgen_normal(&r);
        if (y < 0.0) y = 0.0;
        gb_printf(&b, "%.3f\t%.1f\n", x, y);
    }
    return b.p;
}

/* ---- PSD ---- */
double cfgen_lognormal_dpq(double xg, double s, int p, int q)
{
    /* Moment k of a number log-normal: xg^k e^{k² s²/2}. */
    double mp = exp(0.5 * p * p * s * s), mq = exp(0.5 * q * q * s * s);
    return xg * pow(mp / mq, 1.0 / (p - q));
}

static double phi(double z) { return 0.5 * erfc(-z / sqrt(2.0)); }

char *cfgen_psd_classes(double xg, double s, double x_lo, double x_hi, double ratio, int columns,
                        int volume)
{
    double mu = log(xg) + (volume ? 3.0 * s * s : 0.0);
    gbuf b = {0};
    gb_printf(&b, "# synthetic laser-diffraction table: log-normal, number median %.4g um, ln-sd %.4g\n", xg, s);
    gb_printf(&b, columns == 3 ? "Lower (um),Upper (um),%s\n" : "Size (um),%s\n",
              volume ? "Volume (%)" : "Number (%)");
    for (double lo = x_lo; lo < x_hi * (1.0 - 1e-12); lo *= ratio) {
        double hi = lo * ratio;
        double f = 100.0 * (phi((log(hi) - mu) / s) - phi((log(lo) - mu) / s));
        if (columns == 3)
            gb_printf(&b, "%.6g,%.6g,%.8g\n", lo, hi, f);
        else
            gb_printf(&b, "%.6g,%.8g\n", sqrt(lo * hi), f);
    }
    return b.p;
}

char *cfgen_psd_list(double xg, double s, size_t n, unsigned long long seed)
{
    cfgen_rng r;
    cfgen_seed(&r, seed);
    gbuf b = {0};
    gb_printf(&b, "# synthetic image-analysis particle list: diameter (um)\nDiameter_um\n");
    for (size_t i = 0; i < n; i++) gb_printf(&b, "%.5f\n", xg * exp(s * cfgen_normal(&r)));
    return b.p;
}

/* ---- BET ---- */
double cfgen_bet_area(double vm) { return vm / 22414.0 * 6.02214076e23 * 0.162e-18; }

static double bet_v(double vm, double c, double x) { return vm * c * x / ((1.0 - x) * (1.0 - x + c * x)); }

char *cfgen_bet(double vm, double c, const double *x, size_t n, double x_break, double plateau_slope,
                double rel_noise, unsigned long long seed)
{
    cfgen_rng r;
    cfgen_seed(&r, seed);
    gbuf b = {0};
    gb_printf(&b, "# synthetic N2 isotherm at 77 K: BET vm = %.4g cm3/g STP, C = %.4g\n"
                  "Relative Pressure (P/Po)\tQuantity Adsorbed (cm3/g STP)\n", vm, c);
    for (size_t i = 0; i < n; i++) {
        double v = x[i] <= x_break ? bet_v(vm, c, x[i])
                                   : bet_v(vm, c, x_break) + plateau_slope * vm * (x[i] - x_break);
        v *= 1.0 + rel_noise * cfgen_normal(&r);
        gb_printf(&b, "%.6f\t%.6f\n", x[i], v);
    }
    return b.p;
}

/* ---- DTA ---- */
char *cfgen_dta_kissinger(double tm_c, double e_j_mol, double beta_k_min, double amp, double b0,
                          double b1, double t0, double t1, double dt, double noise,
                          unsigned long long seed)
{
    const double R = 8.314462618;
    double tm = tm_c + 273.15;
    /* Kissinger: β E / (R Tm²) = A exp(−E / (R Tm)). */
    double A = beta_k_min * e_j_mol / (R * tm * tm) * exp(e_j_mol / (R * tm));
    size_t n = (size_t)floor((t1 - t0) / dt + 0.5) + 1;
    double *rate = malloc(n * sizeof *rate);
    if (!rate) abort();
    /* dα/dT = (A/β) e^{−E/RT} (1 − α), integrated with RK4 on 20 sub-steps. */
    double alpha = 0.0, peak = 0.0;
    for (size_t i = 0; i < n; i++) {
        double T = t0 + (double)i * dt + 273.15;
        rate[i] = A / beta_k_min * exp(-e_j_mol / (R * T)) * (1.0 - alpha);
        peak = fmax(peak, rate[i]);
        double h = dt / 20.0;
        for (int k = 0; k < 20; k++) {
            double Tk = T + k * h;
#define F(TT, AA) (A / beta_k_min * exp(-e_j_mol / (R * (TT))) * (1.0 - (AA)))
            double k1 = F(Tk, alpha), k2 = F(Tk + 0.5 * h, alpha + 0.5 * h * k1);
            double k3 = F(Tk + 0.5 * h, alpha + 0.5 * h * k2), k4 = F(Tk + h, alpha + h * k3);
#undef F
            alpha += h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
    }
    cfgen_rng r;
    cfgen_seed(&r, seed);
    gbuf b = {0};
    gb_printf(&b, "# synthetic DTA in air, first-order exotherm, rate maximum at %.2f C\n"
                  "Temperature (C);DTA (uV)\n", tm_c);
    for (size_t i = 0; i < n; i++) {
        double T = t0 + (double)i * dt;
        double y = amp * rate[i] / peak + b0 + b1 * T + noise * cfgen_normal(&r);
        gb_printf(&b, "%.3f;%.5f\n", T, y);
    }
    free(rate);
    return b.p;
}

char *cfgen_dta_gauss(const double *amp, const double *center, const double *sigma, size_t npk,
                      double b0, double b1, double t0, double t1, double dt, double noise,
                      int exo_down, unsigned long long seed)
{
    cfgen_rng r;
    cfgen_seed(&r, seed);
    gbuf b = {0};
    gb_printf(&b, "# synthetic DSC, Gaussian exotherms\nT/C  HF/mW\n");
    size_t n = (size_t)floor((t1 - t0) / dt + 0.5) + 1;
    for (size_t i = 0; i < n; i++) {
        double T = t0 + (double)i * dt, y = 0.0;
        for (size_t k = 0; k < npk; k++) {
            double u = (T - center[k]) / sigma[k];
            y += amp[k] * exp(-0.5 * u * u);
        }
        if (exo_down) y = -y;
        y += b0 + b1 * T + noise * cfgen_normal(&r);
        gb_printf(&b, "%.2f  %.6f\n", T, y);
    }
    return b.p;
}

/* ---- shape ---- */
double cfgen_polygon_circularity(int sides)
{
    return sides == 0 ? 1.0 : GEN_PI / (sides * tan(GEN_PI / sides));
}

char *cfgen_shape_polygons(const int *sides, const size_t *counts, size_t nkinds, double rel_noise,
                           unsigned long long seed)
{
    cfgen_rng r;
    cfgen_seed(&r, seed);
    size_t total = 0;
    for (size_t k = 0; k < nkinds; k++) total += counts[k];
    int *kind = malloc(total * sizeof *kind);
    if (!kind) abort();
    size_t j = 0;
    for (size_t k = 0; k < nkinds; k++)
        for (size_t i = 0; i < counts[k]; i++) kind[j++] = sides[k];
    for (size_t i = total; i > 1; i--) { /* Fisher–Yates */
        size_t m = (size_t)(cfgen_uniform(&r) * (double)i);
        int t = kind[i - 1];
        kind[i - 1] = kind[m];
        kind[m] = t;
    }
    gbuf b = {0};
    gb_printf(&b, "# synthetic image analysis: projected area (um2), perimeter (um)\nArea\tPerimeter\n");
    for (size_t i = 0; i < total; i++) {
        double R = 2.0 + 8.0 * cfgen_uniform(&r), a, p;
        int n = kind[i];
        if (n == 0) {
            a = GEN_PI * R * R;
            p = 2.0 * GEN_PI * R;
        } else {
            a = 0.5 * n * R * R * sin(2.0 * GEN_PI / n);
            p = 2.0 * n * R * sin(GEN_PI / n);
        }
        a *= 1.0 + rel_noise * cfgen_normal(&r);
        p *= 1.0 + rel_noise * cfgen_normal(&r);
        gb_printf(&b, "%.6f\t%.6f\n", a, p);
    }
    free(kind);
    return b.p;
}

char *cfgen_shape_ellipses(size_t n, double q_lo, double q_hi, unsigned long long seed,
                           double *mean_aspect)
{
    cfgen_rng r;
    cfgen_seed(&r, seed);
    gbuf b = {0};
    gb_printf(&b, "# synthetic image analysis: major, minor axis (um)\nMajor,Minor\n");
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        double a = 3.0 + 10.0 * cfgen_uniform(&r);
        double q = q_lo + (q_hi - q_lo) * cfgen_uniform(&r);
        s += q;
        gb_printf(&b, "%.6f,%.6f\n", a, a * q);
    }
    if (mean_aspect) *mean_aspect = s / (double)n;
    return b.p;
}
