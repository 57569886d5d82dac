/* lhs.c — seeded Latin hypercube sampling on the unit cube.
 *
 * Our own generator (SplitMix64, Steele, Lea & Flood 2014) rather than
 * rand(): the same seed must give the same samples on every platform and C
 * library, since run numbers, checkpoints and results hang on them. */
#include <stdint.h>

#include "sweep/sweep_internal.h"

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1) with 53 random bits. */
static double unit(uint64_t *state) { return (double)(splitmix64(state) >> 11) * 0x1.0p-53; }

/* Uniform integer in [0, n) without modulo bias (rejects the short tail). */
static uint64_t below(uint64_t *state, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = splitmix64(state);
    while (x >= limit);
    return x % n;
}

void sw_lhs_unit(uint64_t seed, size_t n, size_t n_dims, double *out)
{
    uint64_t state = seed;
    for (size_t d = 0; d < n_dims; d++) {
        /* A random permutation of the bins (Fisher-Yates) decides which bin
         * each sample takes in this dimension; then a uniform jitter places
         * the sample inside its bin. */
        for (size_t i = 0; i < n; i++) out[i * n_dims + d] = (double)i;
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)below(&state, i);
            double t = out[(i - 1) * n_dims + d];
            out[(i - 1) * n_dims + d] = out[j * n_dims + d];
            out[j * n_dims + d] = t;
        }
        for (size_t i = 0; i < n; i++) {
            double v = (out[i * n_dims + d] + unit(&state)) / (double)n;
            out[i * n_dims + d] = v < 1.0 ? v : 0x1.fffffffffffffp-1; /* rounding could touch 1 */
        }
    }
}
