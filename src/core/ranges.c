/* ranges.c — the allowed range of every user-set physical quantity (see
 * cf_ranges.h). Why these bounds:
 *   - C-rate 1000 C: a 3.6 s discharge, beyond any cell's transport; the
 *     models are still well posed there (they report the cut-off);
 *   - current 1e5 A, power 1e6 W: a 1000 Ah cell at 100 C; the simulator also
 *     checks a current against the cell's own capacity with the C-rate bound;
 *   - voltage (0, 10) V: every lithium chemistry sits between 0 and 5 V;
 *   - resistance from 1 uOhm (below any contact) to 1 MOhm;
 *   - duration 1e9 s: the simulator's longest segment, so a step the parser
 *     accepts can end by its own duration;
 *   - temperature, SOC, mesh, tolerance and output interval: the ranges the
 *     models and tolerances were validated over;
 *   - run budgets: up to 10^9 solver steps, 10^7 s (~4 months) of wall time;
 *   - thermal data: densities up to 30 t/m3 (beyond osmium), specific heats
 *     up to 1e5 J/(kg K) (water is 4.2e3), conductivities up to 1e4 W/(m K)
 *     (beyond diamond), heat transfer from 0 (adiabatic) to 1e5 W/(m2 K)
 *     (beyond boiling water); none may be negative;
 *   - contact resistance 0 to 10 Ohm: a 21700 cell's tabs and welds are
 *     ~1-10 mOhm, a coin cell's spring and cases up to ~10 Ohm. */
#include "cellforge/cf_ranges.h"

#include <math.h>
#include <stdio.h>

/* One temperature range, given in both units the inputs use. */
#define T_MIN_C (-70.0)
#define T_MAX_C 120.0

static const cf_range RANGES[CF_QTY_COUNT] = {
    [CF_QTY_CRATE] = {"C-rate", "C", 0, 1000, 1, 0, 1, 0},
    [CF_QTY_CURRENT] = {"current", "A", 0, 1e5, 1, 0, 1, 0},
    [CF_QTY_POWER] = {"power", "W", 0, 1e6, 1, 0, 1, 0},
    [CF_QTY_VOLTAGE] = {"voltage", "V", 0, 10, 1, 1, 0, 0},
    [CF_QTY_RESISTANCE] = {"resistance", "Ohm", 1e-6, 1e6, 0, 0, 0, 0},
    [CF_QTY_DURATION] = {"duration", "s", 0, 1e9, 1, 0, 0, 0},
    [CF_QTY_TEMPERATURE_C] = {"temperature", "degC", T_MIN_C, T_MAX_C, 0, 0, 0, 0},
    [CF_QTY_TEMPERATURE_K] = {"temperature", "K", T_MIN_C + 273.15, T_MAX_C + 273.15, 0, 0, 0, 0},
    [CF_QTY_SOC] = {"state of charge", "", 0, 1, 0, 0, 0, 0},
    [CF_QTY_MESH] = {"mesh", "", 2, 500, 0, 0, 0, 1},
    [CF_QTY_RTOL] = {"relative tolerance", "", 1e-12, 1e-2, 0, 0, 0, 0},
    [CF_QTY_OUTPUT_DT] = {"output interval", "s", 1e-3, 1e6, 0, 0, 0, 0},
    [CF_QTY_MAX_STEPS] = {"step budget", "", 1, 1e9, 0, 0, 0, 1},
    [CF_QTY_MAX_WALL_S] = {"wall-time budget", "s", 1e-3, 1e7, 0, 0, 0, 0},
    [CF_QTY_DENSITY] = {"density", "kg/m3", 0, 3e4, 1, 0, 0, 0},
    [CF_QTY_HEAT_CAPACITY] = {"specific heat capacity", "J/(kg K)", 0, 1e5, 1, 0, 0, 0},
    [CF_QTY_THERMAL_CONDUCTIVITY] = {"thermal conductivity", "W/(m K)", 0, 1e4, 1, 0, 0, 0},
    [CF_QTY_HEAT_TRANSFER] = {"heat-transfer coefficient", "W/(m2 K)", 0, 1e5, 0, 0, 0, 0},
    [CF_QTY_CONTACT_RESISTANCE] = {"contact resistance", "Ohm", 0, 10, 0, 0, 0, 0},
};

const cf_range *cf_quantity_range(cf_quantity q)
{
    return (unsigned)q < CF_QTY_COUNT ? &RANGES[q] : NULL;
}

int cf_quantity_check(cf_quantity q, double v, char *msg, size_t n)
{
    const cf_range *r = cf_quantity_range(q);
    if (!r) {
        snprintf(msg, n, "unknown quantity %d", (int)q);
        return CF_EINVAL;
    }
    const char *sp = r->unit[0] ? " " : "";
    if (!isfinite(v)) {
        snprintf(msg, n, "%s must be a finite number", r->name);
        return CF_EINVAL;
    }
    double m = r->is_signed ? fabs(v) : v;
    int ok = (r->lo_open ? m > r->lo : m >= r->lo) && (r->hi_open ? m < r->hi : m <= r->hi);
    if (ok && r->whole && m != floor(m)) {
        snprintf(msg, n, "%s %g must be a whole number in [%g, %g]", r->name, v, r->lo, r->hi);
        return CF_EINVAL;
    }
    if (ok) return CF_OK;
    if (r->is_signed && v == 0)
        snprintf(msg, n, "%s 0 never ends; give a non-zero %s in [-%g, %g]%s%s (positive discharges, negative "
                         "charges)", r->name, r->name, r->hi, r->hi, sp, r->unit);
    else if (r->is_signed)
        snprintf(msg, n, "%s %g%s%s is outside the allowed range [-%g, %g]%s%s without 0 (positive discharges, "
                         "negative charges)", r->name, v, sp, r->unit, r->hi, r->hi, sp, r->unit);
    else
        snprintf(msg, n, "%s %g%s%s is outside the allowed range %c%g, %g%c%s%s", r->name, v, sp, r->unit,
                 r->lo_open ? '(' : '[', r->lo, r->hi, r->hi_open ? ')' : ']', sp, r->unit);
    return CF_EINVAL;
}

int cf_check_quantity(cf_quantity q, double v, const char *where, cf_error *err)
{
    char msg[256];
    int rc = cf_quantity_check(q, v, msg, sizeof msg);
    return rc ? cf_error_set(err, rc, where, "%s", msg) : CF_OK;
}
