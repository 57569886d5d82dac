/* linio2.c — OCP of Li_yNiO2 vs Li/Li+ over y in [0, 2], sto = y/2
 * (sto 0.5 = LiNiO2 as made, sto 1 = Li2NiO2), so a positive that is
 * over-lithiated by a lithium reservoir (seed 001) stays on the curve.
 *
 * Three pieces joined with matching value and slope (C1, what Newton needs):
 * - 0.47 <= y <= 0.99: the DUALFOIL 5.2 LiyNiO2 fit by M. Doyle [SRC],
 *     U = 6.515 + 2.3192 y - 5.3342 sqrt(y) + 0.41082 e^(200(0.44-y))
 *         - 0.24247 e^(60(y-0.99)),
 *   stated valid for 0.45 < y < 1.0 (data source not stated).
 * - y < 0.47 [ASSUME]: the fit's e^(200(0.44-y)) term diverges below
 *   y ~ 0.43 (it models the end of Doyle's data, not a real wall).  Below
 *   y = 0.47, where that term is still only 1 mV, the curve continues as
 *   U(0.47) + U'(0.47)(y - 0.47) + (0.47 - y)^2: a rise that steepens with
 *   delithiation and reaches 4.50 V at y = 0.2 (5.0 V at y = 0).  Between
 *   y = 0.45 and 0.47 this sits up to 51 mV below the fit's upturn.
 * - y > 0.99 [ASSUME]: Li(1+x)NiO2 -> Li2NiO2 is reported near 1.9 V (Dahn et
 *   al., Solid State Ionics 44 (1990) 87 [SRC for the reaction, the voltage
 *   is ASSUME]).  P(y) = 1.9 - 0.05 (y - 1.5) - 0.475(1 + tanh((y - 1.94)/0.02))
 *   is a 1.9 V plateau (0.05 V/unit-y residual slope, for invertibility)
 *   ending in a fall to lithium's potential as the last sites fill (0.3 V
 *   at y = 1.97, 0 V at y = 1.985 [ASSUME]): a positive given more lithium
 *   than it can hold, by a reservoir shorted to it, is pulled down to where
 *   its aluminium collector alloys with lithium.  The fit's drop at
 *   y = 0.99 decays into it as P(y) + G e^(-t/lam - (t/0.1)^2), t = y - 0.99,
 *   G = U(0.99) - P(0.99): lam (~0.09) matches the slope at 0.99, and the
 *   Gaussian factor ends the 3.3 -> 1.9 V step by y ~ 1.2 (a single
 *   exponential with that slope would still be 40 mV high at y = 1.3).
 * Every piece decreases with y.  T is ignored.  Steepest slopes: 30 V per
 * unit sto (the fit at y = 0.99) and 95 V (the end fall at y = 1.94). */
#include <math.h>

#include "material_fns.h"
#include "smooth.h"

#define Y_LOW_JOIN 0.47
#define Y_HIGH_JOIN 0.99
#define LOW_CURVATURE 1.0     /* V per unit y^2 */
#define PLATEAU_V 1.9
#define PLATEAU_SLOPE 0.05
#define END_FALL_V 2.5
#define END_CENTRE 1.965
#define END_W 0.015
#define STEP_TAU 0.1          /* Gaussian width of the 3.3 -> 1.9 V step, in y */

/* The DUALFOIL fit and dU/dy; only called for y >= Y_LOW_JOIN > 0. */
static double doyle_fit(double y, double *d)
{
    double r = sqrt(y);
    double lo = 0.41082 * exp(200.0 * (0.44 - y));
    double hi = 0.24247 * exp(60.0 * (y - 0.99));
    *d = 2.3192 - 0.5 * 5.3342 / r - 200.0 * lo - 60.0 * hi;
    return 6.515 + 2.3192 * y - 5.3342 * r + lo - hi;
}

static double over_lithiated_plateau(double y, double *d)
{
    double t = cf_tanh((y - END_CENTRE) / END_W);
    *d = -PLATEAU_SLOPE - 0.5 * END_FALL_V * (1.0 - t * t) / END_W;
    return PLATEAU_V - PLATEAU_SLOPE * (y - 1.5) - 0.5 * END_FALL_V * (1.0 + t);
}

static double linio2_y(double y, double *d)
{
    if (y < Y_LOW_JOIN) {
        double d0, u0 = doyle_fit(Y_LOW_JOIN, &d0), dy = Y_LOW_JOIN - y;
        *d = d0 - 2.0 * LOW_CURVATURE * dy;
        return u0 - d0 * dy + LOW_CURVATURE * dy * dy;
    }
    if (y <= Y_HIGH_JOIN) return doyle_fit(y, d);
    double du, dp, u0 = doyle_fit(Y_HIGH_JOIN, &du), p0 = over_lithiated_plateau(Y_HIGH_JOIN, &dp);
    double gap = u0 - p0, lam = gap / (dp - du); /* gap > 0 and dp > du: lam > 0 */
    double t = y - Y_HIGH_JOIN, k = t / STEP_TAU;
    double e = gap * exp(-t / lam - k * k), p = over_lithiated_plateau(y, &dp);
    *d = dp - e * (1.0 / lam + 2.0 * k / STEP_TAU);
    return p + e;
}

double cf_ocp_linio2(double s, double T, double *dU)
{
    (void)T;
    double d, u = linio2_y(2.0 * s, &d);
    if (dU) *dU = 2.0 * d;
    return u;
}
