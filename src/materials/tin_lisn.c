/* tin_lisn.c — OCP of Li_ySn vs Li/Li+, sto = y/4.4 (0 = Sn, 1 = Li22Sn5).
 * Room temperature, lithiation branch; plateaus from Huggins, Handbook of
 * Battery Materials, 2nd ed., ch. 14, Fig. 14.16, smoothed as described in li_sn_steps.c [ASSUME shape].
 * T is ignored (no temperature dependence in the source). */
#include "li_sn_steps.h"
#include "material_fns.h"

double cf_ocp_tin_li44sn(double s, double T, double *dU)
{
    (void)T;
    /* Rise of 0.6 V centred at sto 0.01 (y 0.044), width 0.008: U(0) ~ 1.3 V
     * with a peak slope of 0.6/(2*0.008) = 37.5 V per unit sto. */
    static const cf_li_sn_start start = {0.6, 0.01, 0.008};
    double d;
    double u = cf_li_sn_plateaus(s, 0.0, &start, &d);
    if (dU) *dU = d;
    return u;
}
