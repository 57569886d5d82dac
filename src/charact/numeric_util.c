/* numeric_util.c — small numeric helpers shared by the analyses. */
#include "charact_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double cf_median(const double *v, size_t n)
{
    if (n == 0) return 0.0;
    double *c = malloc(n * sizeof *c);
    if (!c) return v[n / 2]; /* out of memory: an element is a usable stand-in */
    memcpy(c, v, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_double);
    double m = (n % 2) ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    free(c);
    return m;
}

double cf_noise_sigma(const double *y, size_t n)
{
    /* Second differences cancel a smooth signal (peaks many points wide) and
     * leave noise: for white noise var(y[i-1] − 2y[i] + y[i+1]) = 6σ².  The
     * median absolute value, /0.6745, makes it robust to a few outliers. */
    if (n < 3) return 0.0;
    double *d = malloc((n - 2) * sizeof *d);
    if (!d) return 0.0;
    for (size_t i = 1; i + 1 < n; i++) d[i - 1] = fabs(y[i - 1] - 2.0 * y[i] + y[i + 1]);
    double med = cf_median(d, n - 2);
    free(d);
    return med / 0.6745 / sqrt(6.0);
}

int cf_polyfit(const double *x, const double *y, size_t n, int deg, double *c, double *cov)
{
    size_t k = (size_t)deg + 1;
    if (deg < 0 || k > CF_LM_MAXP || n < k) return -1;
    double a[CF_LM_MAXP * CF_LM_MAXP] = {0}, b[CF_LM_MAXP] = {0}, pw[CF_LM_MAXP];
    for (size_t i = 0; i < n; i++) {
        pw[0] = 1.0;
        for (size_t j = 1; j < k; j++) pw[j] = pw[j - 1] * x[i];
        for (size_t r = 0; r < k; r++) {
            b[r] += pw[r] * y[i];
            for (size_t s = 0; s < k; s++) a[r * k + s] += pw[r] * pw[s];
        }
    }
    double a2[CF_LM_MAXP * CF_LM_MAXP];
    memcpy(a2, a, sizeof a);
    memcpy(c, b, k * sizeof *c);
    if (cf_spd_solve(a2, c, k) != 0) return -1;
    if (cov) {
        double rss = 0.0;
        for (size_t i = 0; i < n; i++) {
            double f = 0.0;
            for (size_t j = k; j-- > 0;) f = f * x[i] + c[j];
            rss += (y[i] - f) * (y[i] - f);
        }
        double s2 = n > k ? rss / (double)(n - k) : 0.0;
        if (cf_spd_invert(a, k) != 0) return -1;
        for (size_t i = 0; i < k * k; i++) cov[i] = a[i] * s2;
    }
    return 0;
}

unsigned long long cf_rng_next(unsigned long long *state)
{
    /* splitmix64 (Steele, Lea & Flood 2014): tiny, good enough for resampling. */
    unsigned long long z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double cf_rng_uniform(unsigned long long *state)
{
    return (double)(cf_rng_next(state) >> 11) * (1.0 / 9007199254740992.0);
}
