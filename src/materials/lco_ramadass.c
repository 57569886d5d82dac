/* lco_ramadass.c — OCP of Li_yCoO2 (LCO) vs Li/Li+, sto = y.
 * Source: the rational fit of Ramadass et al., JES 151 (2004) A196, as used
 * by LIONSIMBA (Torchio et al., JES 163 (2016) A1192) [SRC]:
 *   U = (-4.656 + 88.669 y^2 - 401.119 y^4 + 342.909 y^6 - 462.471 y^8
 *        + 433.434 y^10)
 *     / (-1 + 18.933 y^2 - 79.532 y^4 + 37.311 y^6 - 73.083 y^8 + 95.96 y^10).
 * The denominator vanishes at y = 0.277 and 0.422, so the fit only holds on
 * the usual LCO window (4.2 V at y = 0.517, 3.0 V at y = 0.997). Outside
 * [0.47, 0.999] it is continued linearly with the slope at the join (C1,
 * strictly decreasing): deep delithiation of LCO is not a state a 4.2–4.3 V
 * cell reaches, and the linear pieces only keep a Newton iterate that strays
 * there finite [ASSUME]. T is ignored (no entropic term). */
#include "material_fns.h"

#define LCO_Y_LOW 0.47
#define LCO_Y_HIGH 0.999

/* The fit itself and its derivative, valid on [LCO_Y_LOW, LCO_Y_HIGH]. */
static double ramadass_fit(double y, double *dU)
{
    static const double num[] = {-4.656, 88.669, -401.119, 342.909, -462.471, 433.434};
    static const double den[] = {-1.0, 18.933, -79.532, 37.311, -73.083, 95.96};
    double y2 = y * y, n = 0.0, d = 0.0, dn = 0.0, dd = 0.0;
    /* Horner in y^2; the derivative by d/dy = 2y d/d(y^2). */
    for (int k = 5; k >= 0; k--) {
        dn = dn * y2 + n;
        dd = dd * y2 + d;
        n = n * y2 + num[k];
        d = d * y2 + den[k];
    }
    dn *= 2.0 * y;
    dd *= 2.0 * y;
    if (dU) *dU = (dn * d - n * dd) / (d * d);
    return n / d;
}

double cf_ocp_lco_ramadass(double y, double T, double *dU)
{
    (void)T;
    double join = y < LCO_Y_LOW ? LCO_Y_LOW : y > LCO_Y_HIGH ? LCO_Y_HIGH : y;
    double slope, u = ramadass_fit(join, &slope);
    if (dU) *dU = slope;
    return u + slope * (y - join);
}
