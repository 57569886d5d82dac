#define _POSIX_C_SOURCE 200809L /* clock_gettime */
/* simulate.c — running segments of a protocol on a plan.
 *
 * Each segment finds a consistent state for its control (consistent_ic.c,
 * since the control row changes the algebraic solution), re-initialises the
 * integrator (integrator.c: our BDF or IDA) there, integrates step by step,
 * and stops exactly at the first stop condition through root finding. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cellforge/cf_ranges.h"
#include "model/ageing.h"
#include "model/li_metal.h"
#include "model/sim_internal.h"

enum { ROOT_V_BELOW, ROOT_V_ABOVE, ROOT_I_BELOW, ROOT_I_ABOVE, ROOT_VMIN, ROOT_VMAX, ROOT_RESERVOIR, ROOT_LITHIUM,
       ROOT_WINDOW_NEG, ROOT_WINDOW_POS, ROOT_T_BELOW, ROOT_T_ABOVE, N_ROOTS };
_Static_assert(N_ROOTS == CF_SIM_N_ROOTS, "sim_internal.h's root count");
/* A lithium-metal negative is empty below this (mol/m2, ~3 nm of lithium):
 * its voltage would collapse within milliseconds, so the step ends here. */
#define LITHIUM_EMPTY_MOL_M2 1e-7
/* The reservoir is disconnected once this share of its lithium is left: it
 * has dissolved, and its current would only creep on (ever smaller, ever
 * stiffer) as the metal's last atoms go. */
#define RESERVOIR_EMPTY 1e-6
/* A segment that never meets a stop is ended with an error after this long:
 * the longest duration a step may have (cf_ranges.h). */
#define CF_MAX_SEGMENT_S (cf_quantity_range(CF_QTY_DURATION)->hi)
/* ... or after this many solver steps (a 1C DFN discharge takes ~300). */
#define CF_MAX_SEGMENT_STEPS 2000000L

void cf_segment_init(cf_segment *s, cf_control_mode mode, double value)
{
    memset(s, 0, sizeof *s);
    s->mode = mode;
    s->value = value;
    s->duration_s = INFINITY;
    s->stop_v_below = s->stop_v_above = NAN;
    s->stop_abs_i_below = s->stop_abs_i_above = NAN;
    s->stop_T_below = s->stop_T_above = NAN;
}

const char *cf_stop_reason_name(cf_stop_reason r)
{
    switch (r) {
    case CF_STOP_NONE: return "none";
    case CF_STOP_DURATION: return "duration";
    case CF_STOP_V_BELOW: return "voltage below limit";
    case CF_STOP_V_ABOVE: return "voltage above limit";
    case CF_STOP_I_BELOW: return "current below limit";
    case CF_STOP_I_ABOVE: return "current above limit";
    case CF_STOP_VMIN_LIMIT: return "lower cut-off voltage";
    case CF_STOP_VMAX_LIMIT: return "upper cut-off voltage";
    case CF_STOP_LITHIUM_EXHAUSTED: return "no lithium left on the negative";
    case CF_STOP_WINDOW: return "electrode outside its potential window";
    case CF_STOP_T_BELOW: return "temperature below limit";
    case CF_STOP_T_ABOVE: return "temperature above limit";
    }
    return "unknown";
}

void cf_sim_stats(const cf_plan *p, cf_solver_stats *s) { *s = p->stats; }

static int holds_voltage(const cf_segment *s) { return s->mode == CF_CONTROL_VOLTAGE; }

/* +1 discharge, -1 charge, 0 rest or both ways (drive cycles). */
static int step_direction(const cf_segment *s)
{
    if (s->series_t) return 0;
    if (s->mode == CF_CONTROL_RESISTANCE) return 1;
    if (s->mode == CF_CONTROL_CURRENT || s->mode == CF_CONTROL_POWER) return (s->value > 0) - (s->value < 0);
    return 0;
}

static void root_values(const cf_plan *p, double V, double I, double *g)
{
    const cf_segment *s = &p->seg;
    /* Inactive roots return a constant, which never changes sign. */
    g[ROOT_V_BELOW] = isnan(s->stop_v_below) ? 1.0 : V - s->stop_v_below;
    g[ROOT_V_ABOVE] = isnan(s->stop_v_above) ? 1.0 : V - s->stop_v_above;
    g[ROOT_I_BELOW] = isnan(s->stop_abs_i_below) ? 1.0 : fabs(I) - s->stop_abs_i_below;
    g[ROOT_I_ABOVE] = isnan(s->stop_abs_i_above) ? 1.0 : fabs(I) - s->stop_abs_i_above;
    /* The cut-offs guard the direction the step drives the cell: a discharge
     * stops at v_min, a charge at v_max; rests and drive cycles (which may go
     * both ways) see both.  A rest of a cell whose reservoir is lithiating its
     * positive must not end because that pulls the voltage below v_min. */
    int dir = step_direction(s);
    g[ROOT_VMIN] = holds_voltage(s) || dir < 0 || (dir == 0 && p->iIres >= 0) ? 1.0 : V - p->cell->v_min;
    g[ROOT_VMAX] = holds_voltage(s) || dir > 0 ? 1.0 : V - p->cell->v_max;
}

static double reservoir_root(const cf_plan *p, const double *y)
{
    if (p->iNres < 0 || !p->reservoir_active) return 1.0;
    return y[p->iNres] / p->cell->reservoir.li_mol - RESERVOIR_EMPTY;
}

void cf_sim_root_values(const cf_plan *p, const double *y, double *g)
{
    root_values(p, y[p->iV], y[p->iI], g);
    g[ROOT_RESERVOIR] = reservoir_root(p, y);
    g[ROOT_LITHIUM] = p->iNLi >= 0 && y[p->iI] > 0 ? y[p->iNLi] - LITHIUM_EMPTY_MOL_M2 : 1.0;
    /* distance to the nearer window edge, falling through 0 on leaving it */
    const cf_cell *c = p->cell;
    g[ROOT_WINDOW_NEG] = g[ROOT_WINDOW_POS] = 1.0;
    if (c->stop_on_window && c->neg.has_window && !c->neg.planar) {
        double E = cf_negative_potential(p, y);
        g[ROOT_WINDOW_NEG] = fmin(E - c->neg.window_min_V, c->neg.window_max_V - E);
    }
    if (c->stop_on_window && c->pos.has_window) {
        double E = cf_positive_potential(p, y);
        g[ROOT_WINDOW_POS] = fmin(E - c->pos.window_min_V, c->pos.window_max_V - E);
    }
    /* the cell's temperature ("until 45 oC"; a thermal model's unknown) */
    const cf_segment *s = &p->seg;
    double T = cf_cell_temperature(p, y);
    g[ROOT_T_BELOW] = isnan(s->stop_T_below) ? 1.0 : T - s->stop_T_below;
    g[ROOT_T_ABOVE] = isnan(s->stop_T_above) ? 1.0 : T - s->stop_T_above;
}

const int *cf_sim_root_directions(void)
{
    /* voltage/current falling through a lower stop, rising through an upper one */
    static const int dir[N_ROOTS] = {-1, 1, -1, 1, -1, 1, -1, -1, -1, -1, -1, 1};
    return dir;
}

/* Fills the shells of every phase of side s, starting at unknown `o` with the
 * side's per-node layout (DFN) or its phase blocks (SPM/SPMe). */
static void fill_particles(cf_plan *p, int s, int node_off, double *y, double *id)
{
    const cf_side *sd = &p->side[s];
    for (int i = 0; i < sd->nph; i++) {
        int o = node_off >= 0 ? node_off + sd->ph_off[i] : sd->off_cs[i];
        for (int r = 0; r < sd->pm[i].nr; r++) {
            y[o + r] = sd->cs0[i];
            id[o + r] = 1;
        }
    }
}

/* Restart the counters' integration at time t from state y (segment start,
 * re-initialisation): the slope there is not yet known. */
static void counter_restart(cf_plan *p, double t, const double *y)
{
    p->counter.t = t;
    p->counter.I = y[p->iI];
    p->counter.V = y[p->iV];
    p->counter.has_slope = 0;
}

/* Advance the charge and energy counters to t1. With slopes at both ends
 * (yp1 from IDA) the corrected trapezoid h/2 (f0 + f1) + h^2/12 (f0' - f1')
 * is exact for cubics; otherwise the plain trapezoid, exact for the linear
 * ramps between drive-cycle points. */
static void counter_advance(cf_plan *p, double t1, const double *y1, const double *yp1)
{
    double h = t1 - p->counter.t;
    double I0 = p->counter.I, V0 = p->counter.V, I1 = y1[p->iI], V1 = y1[p->iV];
    if (h > 0) {
        double q = 0.5 * h * (I0 + I1), e = 0.5 * h * (I0 * V0 + I1 * V1);
        if (p->counter.has_slope && yp1) {
            double dI0 = p->counter.dI, dV0 = p->counter.dV, dI1 = yp1[p->iI], dV1 = yp1[p->iV];
            q += h * h / 12.0 * (dI0 - dI1);
            e += h * h / 12.0 * ((dI0 * V0 + I0 * dV0) - (dI1 * V1 + I1 * dV1));
        }
        p->counter.q_Ah += q / 3600.0;
        p->counter.e_Wh += e / 3600.0;
    }
    p->counter.t = t1;
    p->counter.I = I1;
    p->counter.V = V1;
    p->counter.has_slope = yp1 != NULL;
    if (yp1) {
        p->counter.dI = yp1[p->iI];
        p->counter.dV = yp1[p->iV];
    }
}

static double wall_clock_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int cf_sim_initial_state(cf_plan *p, cf_error *err)
{
    const cf_cell *c = p->cell;
    /* the cell's temperature, a thermal model's start; the ageing rates'
     * Arrhenius factors follow it (cf_thermal_set_T) */
    cf_thermal_set_T(p, c->T_K);
    double *y = N_VGetArrayPointer(p->y), *yp = N_VGetArrayPointer(p->yp), *id = N_VGetArrayPointer(p->id);
    memset(yp, 0, (size_t)p->n * sizeof(double));
    /* Potentials start at the first phase's open circuit; the consistent
     * initialisation then solves them with the actual control. */
    const cf_phase *pn = &c->neg.phase[0], *pp = &c->pos.phase[0];
    /* lithium metal is the reference: 0 V vs Li/Li+ */
    double Un = c->neg.planar ? cf_li_rest_potential(p, c->neg.li_metal_mol_m2)
                              : cf_phase_ocp(pn, p->side[0].cs0[0], p->T, NULL);
    double Up = cf_phase_ocp(pp, p->side[1].cs0[0], p->T, NULL);
    if (!isfinite(Un) || !isfinite(Up))
        return cf_error_set(err, CF_EINVAL, "ocp", "open-circuit potential is not finite at the initial state");
    double ce0 = c->electrolyte.c_init;
    if (p->opt.kind == CF_MODEL_DFN) {
        for (int k = 0; k < p->nx; k++) {
            int o = p->off[k];
            if (p->dom[k] == DOM_SEP) {
                y[o] = ce0; id[o] = 1;
                y[o + 1] = -Un; id[o + 1] = 0;
                continue;
            }
            int s = SIDE_OF_DOM(p->dom[k]), ncs = p->side[s].ncs;
            fill_particles(p, s, o, y, id);
            y[o + ncs] = ce0; id[o + ncs] = 1;
            y[o + ncs + 1] = -Un; id[o + ncs + 1] = 0;
            y[o + ncs + 2] = s == 0 ? 0.0 : Up - Un; id[o + ncs + 2] = 0;
            if (s == 0 && p->plating) { y[o + ncs + 3] = 0.0; id[o + ncs + 3] = 1; } /* no plated lithium yet */
            if (s == 0 && cf_sei_on(p)) { /* the initial SEI */
                int is = o + ncs + 3 + p->plating;
                y[is] = p->ageing->n0;
                id[is] = 1;
            }
            if (s == 0 && cf_okane_plating_on(p)) { /* plated and dead lithium */
                int ip = o + ncs + 3 + p->plating + cf_sei_on(p);
                y[ip] = p->ageing->pl.initial_mol_m3;
                y[ip + 1] = 0.0;
                id[ip] = id[ip + 1] = 1;
            }
            if (cf_lam_on(p, s)) { /* all the active material, no lithium lost with it */
                int il = cf_lam_index(p, k);
                y[il] = 1.0;
                y[il + 1] = 0.0;
                id[il] = id[il + 1] = 1;
            }
            if (cf_crack_on(p, s)) { /* the initial cracks and the SEI on them */
                int ic = cf_crack_index(p, k);
                y[ic] = p->ageing->cp[s].initial_length_m;
                id[ic] = 1;
                if (cf_crack_states(p, s) > 1) { y[ic + 1] = p->ageing->ncr0; id[ic + 1] = 1; }
            }
        }
    } else {
        fill_particles(p, 0, -1, y, id);
        fill_particles(p, 1, -1, y, id);
        if (p->opt.kind == CF_MODEL_SPME)
            for (int k = 0; k < p->nx; k++) { y[p->off_ce + k] = ce0; id[p->off_ce + k] = 1; }
        if (cf_sei_on(p)) { y[p->ageing->i_n] = p->ageing->n0; id[p->ageing->i_n] = 1; }
        if (cf_okane_plating_on(p)) {
            y[p->ageing->i_pl] = p->ageing->pl.initial_mol_m3;
            y[p->ageing->i_dead] = 0.0;
            id[p->ageing->i_pl] = id[p->ageing->i_dead] = 1;
        }
        for (int s = 0; s < 2; s++)
            if (cf_lam_on(p, s)) {
                int il = p->ageing->i_f[s];
                y[il] = 1.0;
                y[il + 1] = 0.0;
                id[il] = id[il + 1] = 1;
            }
        for (int s = 0; s < 2; s++)
            if (cf_crack_on(p, s)) {
                int ic = p->ageing->i_l[s];
                y[ic] = p->ageing->cp[s].initial_length_m;
                id[ic] = 1;
                if (cf_crack_states(p, s) > 1) { y[ic + 1] = p->ageing->ncr0; id[ic + 1] = 1; }
            }
        y[p->side[0].i_dphi] = Un; id[p->side[0].i_dphi] = 0;
        y[p->side[1].i_dphi] = Up; id[p->side[1].i_dphi] = 0;
        for (int s = 0; s < 2; s++)
            for (int i = 0; p->side[s].nph > 1 && i < p->side[s].nph; i++) {
                y[p->side[s].i_j[i]] = 0.0;
                id[p->side[s].i_j[i]] = 0;
            }
    }
    y[p->iV] = Up - Un; id[p->iV] = 0;
    y[p->iI] = 0.0; id[p->iI] = 0;
    if (p->iNLi >= 0) {
        y[p->iNLi] = c->neg.li_metal_mol_m2; id[p->iNLi] = 1;
        y[p->iNdead] = 0.0; id[p->iNdead] = 1;
    }
    p->reservoir_active = p->iIres >= 0;
    if (p->iIres >= 0) {
        y[p->iIres] = 0.0; id[p->iIres] = 0;
        y[p->iNres] = c->reservoir.li_mol; id[p->iNres] = 1;
        y[p->iNal] = 0.0; id[p->iNal] = 1;
    }
    p->min_porosity = cf_porosity_min(p, y);
    y[p->iQ] = 0.0; id[p->iQ] = 1;
    y[p->iE] = 0.0; id[p->iE] = 1;
    if (p->iT >= 0) {
        y[p->iT] = c->thermal.T_initial_K > 0 ? c->thermal.T_initial_K : c->T_K;
        id[p->iT] = 1;
        cf_thermal_set_T(p, y[p->iT]);
    }
    if (p->th.x) { /* every node and collector at the start temperature */
        double T0 = c->thermal.T_initial_K > 0 ? c->thermal.T_initial_K : c->T_K;
        for (int k = 0; k < p->nx; k++) {
            y[p->th.tx[k]] = T0;
            id[p->th.tx[k]] = 1;
        }
        y[p->th.iTcn] = y[p->th.iTcp] = T0;
        id[p->th.iTcn] = id[p->th.iTcp] = 1;
        cf_thermal_set_T(p, T0);
    }
    p->t = 0.0;
    cf_step_start_clear(p);
    p->run_steps = 0;
    p->run_wall0 = wall_clock_s();
    p->counter.q_Ah = p->counter.e_Wh = 0.0;
    counter_restart(p, 0.0, y);
    return CF_OK;
}

int cf_sim_reset(cf_plan *p, cf_error *err)
{
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < p->side[s].nph; i++) p->side[s].cs0[i] = p->side[s].el->phase[i].c_init;
    return cf_sim_initial_state(p, err);
}

/* What holds a stalled solution: a particle surface at a stoichiometry limit. */
static const char *stall_cause(const cf_plan *p)
{
    static const char *what[2][2] = {
        {"the negative particles' surface is fully delithiated", "the negative particles' surface is fully lithiated"},
        {"the positive particles' surface is fully delithiated", "the positive particles' surface is fully lithiated"}};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < p->side[s].nph; i++) {
            cf_phase_state ps;
            cf_sim_phase_state(p, s, i, &ps);
            if (ps.sto_surf > 0.995) return what[s][1];
            if (ps.sto_surf < 0.005) return what[s][0];
        }
    if (p->opt.kind != CF_MODEL_SPM) {
        double ce_min = INFINITY;
        const double *y = N_VGetArrayPointer(p->y);
        for (int k = 0; k < p->nx; k++) {
            int o = p->opt.kind == CF_MODEL_DFN
                        ? p->off[k] + (p->dom[k] == DOM_SEP ? 0 : p->side[SIDE_OF_DOM(p->dom[k])].ncs)
                        : p->off_ce + k;
            ce_min = fmin(ce_min, y[o]);
        }
        if (ce_min < 0.02 * p->cell->electrolyte.c_init)
            return "the electrolyte is depleted (concentration near zero): the current is beyond what "
                   "transport through the electrolyte can carry";
    }
    return NULL;
}

/* The SPMe's lowest electrolyte concentration (mol/m3). */
static double spme_ce_min(const cf_plan *p, const double *y)
{
    double m = INFINITY;
    for (int k = 0; k < p->nx; k++) m = fmin(m, y[p->off_ce + k]);
    return m;
}

/* The states a residual still refuses (the kinetics and transport take every
 * state, docs/models.md "Limits"): an SPMe conductivity that is not positive
 * at the mean concentration, pores closed by expansion. */
static const char *failure_cause(const cf_plan *p)
{
    switch (p->failed_reason) {
    case 3: return "the electrolyte's conductivity vanished (concentration near zero)";
    case 4: return "the electrode's pores closed (particle expansion filled them)";
    default: return "the solver could not converge";
    }
}

/* The physical limit that stopped the solution: the one the residual
 * reported, else one seen in the state; NULL when neither names one. */
static const char *limit_cause(const cf_plan *p)
{
    return p->failed_reason ? failure_cause(p) : stall_cause(p);
}

/* The set-point, duration and series values against the library's ranges
 * (cf_ranges.h: the same the protocol parser and the CLI check), and a
 * current also against this cell: at most the C-rate bound times its
 * nominal capacity, beyond which the models are no longer meaningful. */
static int check_segment(const cf_segment *s, double capacity_Ah, cf_error *err)
{
    static const cf_quantity QTY[] = {[CF_CONTROL_CURRENT] = CF_QTY_CURRENT,
                                      [CF_CONTROL_VOLTAGE] = CF_QTY_VOLTAGE,
                                      [CF_CONTROL_POWER] = CF_QTY_POWER,
                                      [CF_CONTROL_RESISTANCE] = CF_QTY_RESISTANCE};
    if (s->mode < CF_CONTROL_CURRENT || s->mode > CF_CONTROL_RESISTANCE)
        return cf_error_set(err, CF_EINVAL, "segment", "unknown control mode %d", (int)s->mode);
    if (s->ambient_K != 0 && cf_check_quantity(CF_QTY_TEMPERATURE_K, s->ambient_K, "segment.ambient_K", err))
        return CF_EINVAL;
    cf_quantity q = QTY[s->mode];
    /* Zero current or power is a rest (steps and cell tests rest this way). */
    int rest = s->value == 0 && (q == CF_QTY_CURRENT || q == CF_QTY_POWER);
    if (!s->series_t && !rest) {
        int rc = cf_check_quantity(q, s->value, "segment", err);
        if (rc) return rc;
    }
    if (s->mode == CF_CONTROL_CURRENT && !s->series_t && !rest && capacity_Ah > 0) {
        double c = s->value / capacity_Ah;
        char msg[256];
        if (cf_quantity_check(CF_QTY_CRATE, c, msg, sizeof msg))
            return cf_error_set(err, CF_EINVAL, "segment", "current %g A is %g C for this cell's %g Ah: %s", s->value,
                                c, capacity_Ah, msg);
    }
    if (isfinite(s->duration_s) || !(s->duration_s > 0)) {
        int rc = cf_check_quantity(CF_QTY_DURATION, s->duration_s, "segment", err);
        if (rc) return rc;
    }
    if (!(s->output_dt_s >= 0) || (s->output_dt_s > 0 && cf_check_quantity(CF_QTY_OUTPUT_DT, s->output_dt_s, "segment", err)))
        return s->output_dt_s >= 0 ? CF_EINVAL
                                   : cf_error_set(err, CF_EINVAL, "segment", "output period %g s must be >= 0",
                                                  s->output_dt_s);
    if (s->series_t) {
        if (s->series_n < 2 || !s->series_v)
            return cf_error_set(err, CF_EINVAL, "segment", "a time series needs at least two points");
        for (int i = 0; i < s->series_n; i++) {
            if (!isfinite(s->series_t[i]) || !isfinite(s->series_v[i]) ||
                (i > 0 && !(s->series_t[i] > s->series_t[i - 1])))
                return cf_error_set(err, CF_EINVAL, "segment",
                                    "time series point %d: times must increase strictly and values be finite", i);
            /* A drive cycle may rest (0) between pulses; only the bound applies. */
            char msg[256];
            if (s->series_v[i] != 0 && cf_quantity_check(q, s->series_v[i], msg, sizeof msg))
                return cf_error_set(err, CF_EINVAL, "segment", "time series point %d: %s", i, msg);
        }
    }
    return CF_OK;
}

static int stop_already_met(const cf_plan *p, double V, double I, cf_stop_reason *why)
{
    const cf_segment *s = &p->seg;
    if (!isnan(s->stop_v_below) && V <= s->stop_v_below) { *why = CF_STOP_V_BELOW; return 1; }
    if (!isnan(s->stop_v_above) && V >= s->stop_v_above) { *why = CF_STOP_V_ABOVE; return 1; }
    if (!isnan(s->stop_abs_i_below) && fabs(I) <= s->stop_abs_i_below) { *why = CF_STOP_I_BELOW; return 1; }
    if (!isnan(s->stop_abs_i_above) && fabs(I) >= s->stop_abs_i_above) { *why = CF_STOP_I_ABOVE; return 1; }
    double T = cf_cell_temperature(p, N_VGetArrayPointer(p->y));
    if (!isnan(s->stop_T_below) && T <= s->stop_T_below) { *why = CF_STOP_T_BELOW; return 1; }
    if (!isnan(s->stop_T_above) && T >= s->stop_T_above) { *why = CF_STOP_T_ABOVE; return 1; }
    if (!holds_voltage(s) && V <= p->cell->v_min && I > 0) { *why = CF_STOP_VMIN_LIMIT; return 1; }
    if (!holds_voltage(s) && V >= p->cell->v_max && I < 0) { *why = CF_STOP_VMAX_LIMIT; return 1; }
    if (p->iNLi >= 0 && I > 0 && N_VGetArrayPointer(p->y)[p->iNLi] <= LITHIUM_EMPTY_MOL_M2) {
        *why = CF_STOP_LITHIUM_EXHAUSTED;
        return 1;
    }
    return 0;
}

/* Output rows every dt seconds (model option output_dt_s) fall on the
 * multiples k dt of the run's time, computed from k rather than by adding dt
 * up, so they stay on the grid over long runs and across segments.  A
 * segment's own period (a step's "(1 minute period)") counts from the
 * segment's start instead, as PyBaMM's step period does. */
typedef struct {
    double dt; /* <= 0: one row per solver step instead */
    long long k;
    double t0; /* origin of the multiples */
} out_grid;

static double grid_time(const out_grid *g) { return g->t0 + (double)g->k * g->dt; }

/* Two times this close are the same row (1 ns, or round-off late in long runs). */
static double grid_tol(double t) { return 1e-9 + 8.0 * DBL_EPSILON * fabs(t); }

/* Moves to the first multiple past the row just written at t. */
static void grid_skip(out_grid *g, double t)
{
    if (!(g->dt > 0)) return;
    g->k = (long long)floor((t - g->t0) / g->dt);
    while (grid_time(g) <= t + grid_tol(t)) g->k++;
}

/* y is the state at t, which the counters have been advanced to. */
static int record(cf_plan *p, cf_solution *sol, double t, const double *y, int step, int cycle, cf_error *err)
{
    if (!sol) return CF_OK;
    cf_process_values pv;
    cf_process_values_at(p, y, &pv);
    sol->has_li_o = isfinite(pv.positive_li_o);
    sol->has_li_metal = p->iNLi >= 0 || p->plating;
    sol->has_reservoir = p->iNres >= 0;
    if (cf_solution_append(sol, t, y[p->iI], y[p->iV], p->counter.q_Ah, p->counter.e_Wh, &pv, step, cycle))
        return cf_error_set(err, CF_ENOMEM, "solution", "out of memory storing the results");
    if (p->opt.store_states && cf_solution_append_state(sol, y, p->n) == CF_ENOMEM)
        return cf_error_set(err, CF_ENOMEM, "solution", "out of memory storing the states");
    if (p->opt.store_states && cf_step_start_applies(p)) { /* the surfaces the kinetics saw (variables.c) */
        int n = cf_step_start_cols(p);
        cf_step_start_shifts(p, t, p->start.shift);
        if (cf_solution_append_shift(sol, p->start.shift, n) == CF_ENOMEM)
            return cf_error_set(err, CF_ENOMEM, "solution", "out of memory storing the states");
    }
    for (int e = 0; e < 2; e++)
        cf_swelling_state(p, e, y, &sol->thickness_change_pct[e][sol->n - 1], &sol->porosity[e][sol->n - 1]);
    cf_heat h;
    cf_thermal_heat(p, t, y, &h);
    cf_solution_set_heat(sol, sol->n - 1, &h, cf_thermal_on(p) ? (int)p->opt.thermal : 0);
    return CF_OK;
}

/* The run's budgets (model options max_steps, max_wall_s), checked after
 * each accepted step whose rows are stored: a spent budget stops the run
 * there, as a failure that keeps its rows. */
static int check_budgets(cf_plan *p, cf_error *err)
{
    if (p->opt.max_steps > 0 && p->run_steps >= p->opt.max_steps) {
        p->end_reason = CF_END_STEP_LIMIT;
        return cf_error_set(err, CF_ELIMIT, "segment",
                            "stopped at t = %.1f s after %ld solver steps: the run's step budget (--max-steps %ld) "
                            "is spent", p->t, p->run_steps, p->opt.max_steps);
    }
    if (p->opt.max_wall_s > 0) {
        double used = wall_clock_s() - p->run_wall0;
        if (used >= p->opt.max_wall_s) {
            p->end_reason = CF_END_WALL_TIME;
            return cf_error_set(err, CF_ELIMIT, "segment",
                                "stopped at t = %.1f s after %.3g s of computing: the run's wall-time budget "
                                "(--max-wall-time %g s) is spent", p->t, used, p->opt.max_wall_s);
        }
    }
    return CF_OK;
}

/* Before a failure returns: with output rows on a grid, the last accepted
 * state (the counters are at it) becomes a row too, so the rows reach the
 * time of the stop. */
static void keep_last_state(cf_plan *p, const out_grid *g, cf_solution *sol, int step, int cycle)
{
    if (!(g->dt > 0) || !sol || sol->n == 0 || !(p->t > sol->t[sol->n - 1] + grid_tol(p->t))) return;
    record(p, sol, p->t, N_VGetArrayPointer(p->y), step, cycle, NULL);
}

static int run_segment(cf_plan *p, const cf_segment *seg, int step, int cycle, cf_solution *sol,
                       cf_stop_reason *why, cf_error *err)
{
    *why = CF_STOP_NONE;
    int rc = check_segment(seg, p->cell->nominal_capacity_Ah, err);
    if (rc) return rc;
    p->seg = *seg;
    p->seg_t0 = p->t;
    cf_thermal_segment(p, seg->ambient_K);
    p->failed_reason = 0;
    p->stalled = 0;
    double *y = N_VGetArrayPointer(p->y);
    cf_step_start_before(p); /* the particles' currents as the last segment left them (before the guesses
                                below: the SPM/SPMe's particles take their current from I) */
    /* Initial guesses for the new algebraic state. */
    double v0 = cf_segment_value_at(seg, 0.0);
    if (seg->mode == CF_CONTROL_CURRENT) y[p->iI] = v0;
    else if (seg->mode == CF_CONTROL_VOLTAGE) y[p->iV] = v0;
    else if (seg->mode == CF_CONTROL_POWER && y[p->iV] > 0) y[p->iI] = v0 / y[p->iV];
    else if (seg->mode == CF_CONTROL_RESISTANCE) y[p->iI] = y[p->iV] / v0;

    double t_end = p->t + (isfinite(seg->duration_s) ? seg->duration_s : CF_MAX_SEGMENT_S);
    if (cf_consistent_ic(p, p->t))
        return cf_error_set(err, CF_ELIMIT, "segment",
                            "no consistent state at the start of the step (t = %.1f s): %s — the requested "
                            "current, power or voltage is beyond what the cell can deliver",
                            p->t, failure_cause(p));
    cf_step_start_after(p); /* their jumps start the surfaces' sqrt(t) layers */
    if (cf_integ_reinit(p, t_end))
        return cf_error_set(err, CF_ESOLVER, "segment", "cannot re-initialise the integrator");
    y = N_VGetArrayPointer(p->y);
    counter_restart(p, p->t, y);
    if ((rc = record(p, sol, p->t, y, step, cycle, err))) return rc;
    if (p->observer) p->observer(p->observer_user, p, p->t);
    if (stop_already_met(p, y[p->iV], y[p->iI], why)) return CF_OK;

    out_grid grid = {p->opt.output_dt_s, 0, 0.0};
    if (seg->output_dt_s > 0) {
        grid.dt = seg->output_dt_s;
        grid.t0 = p->t;
    }
    grid_skip(&grid, p->t); /* the start row covers a multiple at the start */
    long seg_steps = 0, stalled = 0;
    double V_prev = y[p->iV], I_prev = y[p->iI];
    for (;;) {
        double tret = p->t;
        int flag = cf_integ_step(p, t_end, &tret);
        if (flag >= 0) p->run_steps++;
        if (flag < 0) {
            keep_last_state(p, &grid, sol, step, cycle);
            /* Nearly closed pores starve the electrolyte first: name the cause. */
            if ((p->side[0].expanding || p->side[1].expanding) &&
                cf_porosity_min(p, N_VGetArrayPointer(p->y)) < 0.01)
                p->failed_reason = 4;
            /* a step size shrinking to nothing at a particle surface or in a
             * drained electrolyte is a physical limit, not a solver fault */
            const char *limit = limit_cause(p);
            return cf_error_set(err, limit ? CF_ELIMIT : CF_ESOLVER, "segment",
                                "integration failed at t = %.1f s (%s): %s", p->t, cf_integ_flag_name(p, flag),
                                limit ? limit : failure_cause(p));
        }
        /* A state pressed against a physical limit (a particle surface at full
         * lithiation, an electrode with no lithium left) makes the integrator creep in
         * ever smaller steps: report it instead of spinning. */
        /* measured against the segment's own elapsed time: late in a long
         * cycling run a fast transition legitimately takes sub-millisecond steps */
        /* A step that moves the voltage or current by a measurable amount is
         * progress however short it is: approaching an electrolyte that runs
         * dry, the SPMe's voltage falls like ln(c_e), which takes many short
         * steps, each a little lower. */
        double tiny = fmax(1e-13 * fabs(tret), 1e-9 * fmax(1.0, tret - p->seg_t0));
        const double *yn = N_VGetArrayPointer(p->y);
        int moved = fabs(yn[p->iV] - V_prev) > 1e-5 ||
                    fabs(yn[p->iI] - I_prev) > 1e-5 * fmax(p->cell->nominal_capacity_Ah, fabs(I_prev));
        V_prev = yn[p->iV];
        I_prev = yn[p->iI];
        stalled = tret - p->t <= tiny && !moved ? stalled + 1 : 0;
        if (stalled > 100 || ++seg_steps > CF_MAX_SEGMENT_STEPS) {
            p->t = tret;
            p->stalled = 1;
            const char *limit = limit_cause(p);
            return cf_error_set(err, CF_ELIMIT, "segment",
                                "the solution stalled at t = %.1f s (%ld steps): %s", tret, seg_steps,
                                limit ? limit : failure_cause(p));
        }
        int last = flag == CF_INTEG_ROOT || flag == CF_INTEG_TSTOP;
        if (grid.dt > 0) {
            /* The multiples inside this step; one within round-off of a
             * segment's end is that end's own row.  A step that ends just
             * past a multiple still holds it (its dense output covers
             * [t - h, t]), so none is lost however the steps fall. */
            double upto = last ? tret - grid_tol(tret) : tret;
            for (double tk = grid_time(&grid); tk <= upto; tk = grid_time(&grid)) {
                double *yk = N_VGetArrayPointer(p->tmp), *ypk = N_VGetArrayPointer(p->tmp2);
                if (cf_integ_dky(p, tk, 0, yk) || cf_integ_dky(p, tk, 1, ypk))
                    return cf_error_set(err, CF_ESOLVER, "segment",
                                        "cannot interpolate the output row at t = %.9g s (step %.9g to %.9g s)", tk,
                                        p->t, tret);
                counter_advance(p, tk, yk, ypk);
                if ((rc = record(p, sol, tk, yk, step, cycle, err))) return rc;
                grid.k++;
            }
        }
        p->t = tret;
        y = N_VGetArrayPointer(p->y);
        counter_advance(p, tret, y, N_VGetArrayPointer(p->yp));
        if (p->observer) p->observer(p->observer_user, p, p->t);
        if (p->side[0].expanding || p->side[1].expanding) {
            double eps = cf_porosity_min(p, y);
            if (eps < p->min_porosity) p->min_porosity = eps;
            if (eps <= 1e-4) {
                p->failed_reason = 4;
                keep_last_state(p, &grid, sol, step, cycle);
                return cf_error_set(err, CF_ELIMIT, "segment", "at t = %.1f s %s: porosity %.4f", p->t,
                                    failure_cause(p), eps);
            }
        }
        if (grid.dt <= 0 || last) {
            if ((rc = record(p, sol, tret, y, step, cycle, err))) return rc;
            grid_skip(&grid, tret);
        }
        /* The SPMe under voltage control: its electrolyte equation does not
         * feel the kinetics, so once a cell runs dry nothing slows the current
         * the hold draws, the dry cells' concentration goes negative and their
         * floors decide the current (docs/models.md, "Limits").  A real cell
         * holds at its limiting current there, which the SPMe cannot give
         * (PyBaMM 26.10's SPMe fails at this point): stop on the named limit. */
        if (p->opt.kind == CF_MODEL_SPME && seg->mode == CF_CONTROL_VOLTAGE) {
            double ce_min = spme_ce_min(p, y);
            if (ce_min < 0.0) {
                keep_last_state(p, &grid, sol, step, cycle);
                return cf_error_set(err, CF_ELIMIT, "segment",
                                    "at t = %.1f s the electrolyte is depleted (lowest concentration %.2g mol/m3 at "
                                    "%.3g A): the SPMe cannot follow a voltage hold beyond its limiting current; "
                                    "the DFN can (--model dfn)",
                                    p->t, ce_min, y[p->iI]);
            }
        }
        if (flag == CF_INTEG_ROOT) {
            int info[N_ROOTS];
            cf_integ_root_info(p, info);
            if (info[ROOT_RESERVOIR]) {
                /* not a stop: the reservoir is spent, the step goes on without it */
                p->reservoir_active = 0;
                if (cf_consistent_ic(p, p->t) || cf_integ_reinit(p, t_end))
                    return cf_error_set(err, CF_ESOLVER, "segment", "cannot continue after the reservoir emptied");
                counter_restart(p, p->t, N_VGetArrayPointer(p->y));
                int other = 0;
                for (int i = 0; i < N_ROOTS; i++) other |= i != ROOT_RESERVOIR && info[i];
                if (!other) continue;
            }
            static const cf_stop_reason map[N_ROOTS] = {CF_STOP_V_BELOW,    CF_STOP_V_ABOVE,    CF_STOP_I_BELOW,
                                                        CF_STOP_I_ABOVE,    CF_STOP_VMIN_LIMIT, CF_STOP_VMAX_LIMIT,
                                                        CF_STOP_NONE,       CF_STOP_LITHIUM_EXHAUSTED,
                                                        CF_STOP_WINDOW,     CF_STOP_WINDOW,
                                                        CF_STOP_T_BELOW,    CF_STOP_T_ABOVE};
            for (int i = 0; i < N_ROOTS; i++)
                if (info[i]) { *why = map[i]; break; }
            return CF_OK;
        }
        if (flag == CF_INTEG_TSTOP) {
            if (!isfinite(seg->duration_s))
                return cf_error_set(err, CF_ELIMIT, "segment",
                                    "the step did not reach any of its end conditions within %.0f s", CF_MAX_SEGMENT_S);
            *why = CF_STOP_DURATION;
            return CF_OK;
        }
        if ((rc = check_budgets(p, err))) {
            keep_last_state(p, &grid, sol, step, cycle);
            return rc;
        }
    }
}

/* The reason a failed segment records: its own (a budget) or its status's. */
static cf_end_reason failure_reason(const cf_plan *p, int status)
{
    if (p->end_reason != CF_END_COMPLETED) return p->end_reason;
    return status == CF_ELIMIT ? CF_END_PHYSICAL_LIMIT : status == CF_ESOLVER ? CF_END_SOLVER_FAILURE : CF_END_ERROR;
}

int cf_sim_run_segment(cf_plan *p, const cf_segment *seg, int step, int cycle, cf_solution *sol,
                       cf_stop_reason *why, cf_error *err)
{
    cf_error local;
    if (!err) {
        err = &local; /* the message also goes into sol->end */
        cf_error_clear(err);
    }
    p->end_reason = CF_END_COMPLETED;
    int rc = run_segment(p, seg, step, cycle, sol, why, err);
    cf_integ_collect_stats(p);
    p->end_reason = rc ? failure_reason(p, rc) : CF_END_COMPLETED;
    if (rc && sol) {
        cf_solution_set_end(sol, p->end_reason, rc, err->message);
        sol->end.step = step;
        sol->end.cycle = cycle;
        sol->end.t_s = sol->n ? fmax(p->t, sol->t[sol->n - 1]) : NAN;
    }
    return rc;
}

int cf_simulate_crate(cf_plan *p, double crate, cf_solution **out, cf_error *err)
{
    *out = NULL;
    int rc = cf_sim_reset(p, err);
    if (rc) return rc;
    return cf_sim_run_crate(p, crate, out, err);
}

int cf_sim_run_crate(cf_plan *p, double crate, cf_solution **out, cf_error *err)
{
    *out = NULL;
    int rc;
    rc = cf_check_quantity(CF_QTY_CRATE, crate, "--crate", err);
    if (rc) return rc;
    if (crate > 0 && p->iNLi >= 0 && N_VGetArrayPointer(p->y)[p->iNLi] <= LITHIUM_EMPTY_MOL_M2)
        return cf_error_set(err, CF_ELIMIT, "--crate",
                            "cannot discharge at %g C: the lithium-metal negative holds no lithium in this state "
                            "(%s: %g mol/m2; anode-free as assembled), so there is nothing to discharge; charge "
                            "first (a negative --crate, or a --protocol that charges)",
                            crate, p->t > 0 ? "now" : "negative.lithium_mol_m2", p->cell->neg.li_metal_mol_m2);
    cf_solution *sol = cf_solution_new();
    if (!sol) return cf_error_set(err, CF_ENOMEM, "solution", "out of memory");
    cf_segment seg;
    cf_segment_init(&seg, CF_CONTROL_CURRENT, crate * p->cell->nominal_capacity_Ah);
    cf_stop_reason why;
    rc = cf_sim_run_segment(p, &seg, 0, 0, sol, &why, err);
    if (!rc && sol->t[sol->n - 1] <= sol->t[0]) {
        /* Ended where it started: the loaded voltage is already past the cut-off. */
        double V = sol->voltage[0];
        sol->n = 0; /* nothing ran: no partial result either */
        rc = crate > 0 ? cf_error_set(err, CF_ELIMIT, "--crate",
                                      "the cell cannot sustain %g C: its voltage under load is %.3f V at the start, "
                                      "below the lower cut-off %.3f V", crate, V, p->cell->v_min)
                       : cf_error_set(err, CF_ELIMIT, "--crate",
                                      "cannot charge at %g C: the voltage under load is %.3f V at the start, "
                                      "above the upper cut-off %.3f V", -crate, V, p->cell->v_max);
    }
    if (rc && sol->n < 2) { /* failed at its start: nothing computed to keep */
        cf_solution_free(sol);
        return rc;
    }
    if (!rc) cf_solution_set_end(sol, CF_END_COMPLETED, CF_OK, ""); /* to the cut-off: complete */
    *out = sol; /* on a failure: the rows up to it, sol->end saying why */
    return rc;
}

double cf_sim_min_porosity(const cf_plan *p) { return p->min_porosity; }

void cf_sim_swelling(const cf_plan *p, int side, double *thickness_change_pct, double *porosity)
{
    cf_swelling_state(p, side, N_VGetArrayPointer(p->y), thickness_change_pct, porosity);
}

int cf_sim_stalled(const cf_plan *p) { return p->stalled; }

cf_end_reason cf_sim_last_failure(const cf_plan *p) { return p->end_reason; }
