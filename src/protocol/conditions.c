/* conditions.c — what a step machine asks of a step: set-point in SI for a
 * given cell, thresholds, and whether an "until" condition is reached. */
#include "protocol/protocol_internal.h"

#include <math.h>

double cf_step_setpoint(const cf_step *s, double nominal_capacity_Ah)
{
    if (!s) return 0.0;
    switch (s->mode) {
    /* 1C drains the nominal capacity in one hour: I [A] = C-rate x Q [Ah] / 1 h. */
    case CF_STEP_CRATE: return s->value * nominal_capacity_Ah;
    case CF_STEP_CURRENT:
    case CF_STEP_POWER:
    case CF_STEP_RESISTANCE:
    case CF_STEP_VOLTAGE: return s->value;
    case CF_STEP_REST: return 0.0;
    case CF_STEP_DRIVE_CURRENT:
    case CF_STEP_DRIVE_POWER: return s->drive ? cf_drive_cycle_eval(s->drive, 0.0) : 0.0;
    }
    return 0.0;
}

double cf_condition_threshold(const cf_condition *c, double nominal_capacity_Ah)
{
    if (!c) return 0.0;
    return c->kind == CF_COND_CRATE ? c->value * nominal_capacity_Ah : c->value;
}

int cf_condition_reached(const cf_condition *c, double now, double at_start, double nominal_capacity_Ah)
{
    if (!c) return 0;
    double thr = cf_condition_threshold(c, nominal_capacity_Ah);
    switch (c->cmp) {
    case CF_CMP_BELOW: return now <= thr;
    case CF_CMP_ABOVE: return now >= thr;
    case CF_CMP_CROSS:
    case CF_CMP_AUTO: /* never stored resolved; treat like CROSS to stay safe */
        if (at_start > thr) return now <= thr;
        if (at_start < thr) return now >= thr;
        return 1;
    }
    return 0;
}

int cf_condition_direction(const cf_condition *c, double at_start, double nominal_capacity_Ah)
{
    if (!c) return 0;
    double thr = cf_condition_threshold(c, nominal_capacity_Ah);
    switch (c->cmp) {
    case CF_CMP_BELOW: return -1;
    case CF_CMP_ABOVE: return 1;
    case CF_CMP_CROSS:
    case CF_CMP_AUTO:
        if (at_start > thr) return -1;
        if (at_start < thr) return 1;
        return 0;
    }
    return 0;
}

int cf_step_stops_resolve(const cf_step *s, double nominal_capacity_Ah, double v_start,
                          double abs_i_start, cf_step_stops *out)
{
    out->v_below = out->v_above = NAN;
    out->abs_i_below = out->abs_i_above = NAN;
    out->T_below = out->T_above = NAN;
    if (!s) return 0;
    int met = 0;
    for (int i = 0; i < s->n_conditions && i < CF_STEP_MAX_CONDITIONS; i++) {
        const cf_condition *c = &s->conditions[i];
        if (c->kind == CF_COND_TEMPERATURE) continue; /* cf_step_temperature_stops */
        int volt = c->kind == CF_COND_VOLTAGE;
        double start = volt ? v_start : abs_i_start;
        double thr = cf_condition_threshold(c, nominal_capacity_Ah);
        if (cf_condition_reached(c, start, start, nominal_capacity_Ah)) met = 1;
        int dir = cf_condition_direction(c, start, nominal_capacity_Ah);
        double *below = volt ? &out->v_below : &out->abs_i_below;
        double *above = volt ? &out->v_above : &out->abs_i_above;
        /* fmax/fmin ignore the NAN of an unused slot. */
        if (dir < 0) *below = fmax(*below, thr);
        if (dir > 0) *above = fmin(*above, thr);
    }
    return met;
}

int cf_step_temperature_stops(const cf_step *s, double T_start_K, double ambient_K, cf_step_stops *out)
{
    out->T_below = out->T_above = NAN;
    if (!s) return 0;
    int met = 0;
    for (int i = 0; i < s->n_conditions && i < CF_STEP_MAX_CONDITIONS; i++) {
        cf_condition rc = s->conditions[i];
        const cf_condition *c = &rc;
        if (c->kind != CF_COND_TEMPERATURE) continue;
        /* a resting cell only relaxes towards its ambient */
        if (s->mode == CF_STEP_REST && c->written == CF_CMP_AUTO && ambient_K > 0 && ambient_K != c->value)
            rc.cmp = ambient_K < c->value ? CF_CMP_BELOW : CF_CMP_ABOVE;
        if (cf_condition_reached(c, T_start_K, T_start_K, 0.0)) met = 1;
        int dir = cf_condition_direction(c, T_start_K, 0.0);
        if (dir < 0) out->T_below = fmax(out->T_below, c->value);
        if (dir > 0) out->T_above = fmin(out->T_above, c->value);
    }
    return met;
}
