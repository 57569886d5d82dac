/* li_sn_steps.c — a smoothed multi-plateau Li–Sn OCP (lithiation branch).
 *
 * Data: the room-temperature two-phase plateaus of the Li–Sn series read from
 * Huggins, Handbook of Battery Materials, 2nd ed., ch. 14, Fig. 14.16, with
 * the y ranges of the Li–Sn phase sequence as read from the same figure:
 *   0.76 V  y 0–0.4     Sn / Li2Sn5          0.42 V  y 2.5–2.6  Li5Sn2 / Li13Sn5
 *   0.66 V  y 0.4–1.0   Li2Sn5 / LiSn        0.38 V  y 2.6–3.5  Li13Sn5 / Li7Sn2
 *   0.53 V  y 1.0–2.33  LiSn / Li7Sn3        0.35 V  y 3.5–4.4  Li7Sn2 / Li22Sn5
 *   0.485 V y 2.33–2.5  Li7Sn3 / Li5Sn2
 * The phase assignment is NOT verified (check Wang, Raistrick & Huggins, JES
 * 133 (1986) 457).  Thin-film Sn shows 0.1–0.3 V of hysteresis between
 * lithiation and delithiation (Courtney & Dahn); this curve is a single
 * equilibrium-like branch and does not model hysteresis.
 *
 * Shape [ASSUME]: U(s) = A - k s + sum_i h_i S((s - b_i)/w) + start - end,
 * S(z) = (1 - tanh z)/2 a falling step at each phase boundary b_i = y_i/4.4.
 * - w = 0.004 in sto (0.018 Li per Sn): the steepest step (0.13 V) then has
 *   |dU/dsto| = h/(2w) ~ 16 V, well under the 50 V per unit sto a Newton
 *   solver on a coarse mesh tolerates, and the tails at the middle of the
 *   narrowest plateau (0.42 V, 0.023 wide) stay below 1 mV.
 * - k = 0.02 V per unit sto: a small residual slope on every plateau so the
 *   curve is strictly decreasing (invertible) rather than numerically flat.
 *   The step heights h_i absorb it, so each plateau's middle sits at its
 *   listed voltage.
 * - start: a rise of `start->height_V` centred near sto = 0 (the solid
 *   solution before the first two-phase region) takes U(0) above 1 V.
 * - end: a 0.25 V fall centred at sto 0.985, width 0.008, takes U(1) to
 *   about 0.1 V, as Li22Sn5 runs out of sites. */
#include <math.h>

#include "li_sn_steps.h"
#include "smooth.h"

#define N_PLATEAU 7
#define LI_PER_SN 4.4
#define STEP_W 0.004
#define PLATEAU_SLOPE 0.02
#define END_HEIGHT 0.25
#define END_CENTRE 0.985
#define END_W 0.008

static const double PLATEAU_V[N_PLATEAU] = {0.76, 0.66, 0.53, 0.485, 0.42, 0.38, 0.35};
/* y (Li per Sn) where each plateau begins and the last one ends. */
static const double EDGE_Y[N_PLATEAU + 1] = {0.0, 0.4, 1.0, 2.33, 2.5, 2.6, 3.5, 4.4};

static double mid_sto(int i) { return 0.5 * (EDGE_Y[i] + EDGE_Y[i + 1]) / LI_PER_SN; }

double cf_li_sn_plateaus(double s, double shift_V, const cf_li_sn_start *start, double *dU)
{
    const int last = N_PLATEAU - 1;
    double d, slope = -PLATEAU_SLOPE;
    double u = PLATEAU_V[last] + shift_V + PLATEAU_SLOPE * mid_sto(last) - PLATEAU_SLOPE * s;
    for (int i = 0; i < last; i++) {
        /* Height chosen so that plateau i's middle lands on PLATEAU_V[i]. */
        double h = PLATEAU_V[i] - PLATEAU_V[i + 1] - PLATEAU_SLOPE * (mid_sto(i + 1) - mid_sto(i));
        double b = EDGE_Y[i + 1] / LI_PER_SN;
        u += h * cf_step_down((s - b) / STEP_W, &d);
        slope += h * d / STEP_W;
    }
    u += start->height_V * cf_step_down((s - start->centre) / start->width, &d);
    slope += start->height_V * d / start->width;
    /* 1 - S(z) is the rising step; subtracting it makes the end fall. */
    u -= END_HEIGHT * (1.0 - cf_step_down((s - END_CENTRE) / END_W, &d));
    slope += END_HEIGHT * d / END_W;
    *dU = slope;
    return u;
}
