/* bpx_window.c — the stoichiometry window of every phase: the open-circuit
 * states at which the cell's OCV equals its lower and upper cut-off voltage
 * with a given lithium inventory.
 *
 * This is the same definition of 0 % and 100 % SOC as the model's
 * cf_sim_reset_soc (and PyBaMM's electrode SOH), computed on a cf_cell
 * without building a plan (cf_cell_ocv_window, src/params/cell_ocv.c): the BPX writer needs it for the "Minimum/Maximum
 * stoichiometry" it writes, and the reader to place a degraded cell.  At open
 * circuit the phases of an electrode share one potential U, so each phase's
 * stoichiometry is the inverse of its OCP at U (OCPs fall with lithiation). */
#include <math.h>

#include "bpx_internal.h"

double cf_bpx_cell_lithium(const cf_cell *c) { return cf_cell_lithium_mol_m2(c); }

int cf_bpx_windows(const cf_cell *c, double n_li, double sto0[2][CF_MAX_PHASES], double sto100[2][CF_MAX_PHASES])
{
    cf_ocv_window w;
    if (cf_cell_ocv_window(c, n_li, &w)) return 1;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < CF_MAX_PHASES; i++) {
            sto0[s][i] = w.sto[0][s][i];
            sto100[s][i] = w.sto[1][s][i];
        }
    return 0;
}
