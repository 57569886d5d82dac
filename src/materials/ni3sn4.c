/* ni3sn4.c — OCP of Ni3Sn4 lithiated by conversion,
 *   Ni3Sn4 + 17.6 Li -> 4 Li4.4Sn + 3 Ni,
 * with sto = fraction of the full conversion (17.6 Li per Ni3Sn4), so sto
 * counts Li per Sn atom / 4.4 exactly as for tin.
 *
 * [ASSUME] No published lithiation profile of Ni3Sn4 was found: it is
 * taken to convert to Li_xSn + inert Ni at or below the Sn plateaus, modelled
 * as the same plateau structure as tin_lisn.c moved down by 40 mV (the middle
 * of the 30–50 mV asked for: the Ni–Sn bonds must be broken first), with a
 * broad sloping start (0.6 V rise centred at sto 0, width 0.03, peak slope
 * 10 V per unit sto) in place of tin's sharp one.  T is ignored. */
#include "li_sn_steps.h"
#include "material_fns.h"

#define NI3SN4_SHIFT_V (-0.040)

double cf_ocp_ni3sn4(double s, double T, double *dU)
{
    (void)T;
    static const cf_li_sn_start start = {0.6, 0.0, 0.03};
    double d;
    double u = cf_li_sn_plateaus(s, NI3SN4_SHIFT_V, &start, &d);
    if (dU) *dU = d;
    return u;
}
