/* bpx_map.c — the BPX <-> cellforge conversions in one place, used by the
 * reader as they are and by the writer backwards.
 *
 * The writer wants a file that reads back to the *same* doubles, not merely
 * close ones: the adaptive solver turns a one-ulp change of an initial
 * concentration into ~1e-11 V of difference in the voltage curve.  So for
 * each number it writes, it searches the doubles next to the naive inverse
 * for one that the reader's own formula maps exactly onto the cell's value
 * (there usually is one within a few ulps). */
#include <math.h>

#include "bpx_internal.h"

#define SEARCH_ULPS 64

double cf_bpx_map_active_fraction(double a, double R) { return a * R / 3.0; }

double cf_bpx_map_j0_ref(double k, double c_max, double ce0) { return CF_FARADAY * k / (c_max * sqrt(ce0)); }

double cf_bpx_map_bruggeman(double te, double eps) { return te == 1.0 ? 0.0 : log(te) / log(eps); }

double cf_bpx_map_sto(int side, double lo, double hi, double soc)
{
    /* BPX: the negative fills from its minimum, the positive empties from its
     * maximum (hi - soc (hi - lo)).  Both are computed from the minimum: the
     * sum then lands on the finer grid of the smaller number, so every
     * stoichiometry the writer needs can be reached exactly. */
    return lo + (side == 0 ? soc : 1.0 - soc) * (hi - lo);
}

double cf_bpx_exact_inverse(double guess, double target, double (*f)(double, const double *), const double *p)
{
    if (!isfinite(guess) || f(guess, p) == target) return guess;
    double up = guess, down = guess;
    for (int k = 0; k < SEARCH_ULPS; k++) {
        up = nextafter(up, INFINITY);
        if (f(up, p) == target) return up;
        down = nextafter(down, -INFINITY);
        if (f(down, p) == target) return down;
    }
    return guess;
}
