/* experiment.c — the step machine: a cf_protocol run on a cf_plan. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_experiment.h"
#include "model/sim_internal.h"

void cf_experiment_options_default(cf_experiment_options *o)
{
    memset(o, 0, sizeof *o);
    o->initial_soc = NAN;
    /* Aluminium alloys with lithium below ~0.3 V vs Li/Li+ [ASSUME: the commonly cited figure]. */
    o->threshold_V = 0.3;
}

void cf_experiment_result_free(cf_experiment_result *r)
{
    if (!r) return;
    free(r->cycles);
    free(r->skipped);
    free(r);
}

/* Splits the increment d over a row interval of length h into its
 * discharge (positive) and charge parts.  When the rate changes sign inside
 * (r0 and r1 of opposite signs) it is taken as linear there — exact for the
 * linear ramps of drive cycles — so the interval is not counted whole on one
 * side. */
static void split_increment(double d, double r0, double r1, double h, double *pos, double *neg)
{
    if ((r0 > 0 && r1 < 0) || (r0 < 0 && r1 > 0)) {
        double f = r0 / (r0 - r1); /* where the rate crosses zero */
        double p = 0.5 * h * (fmax(r0, 0) * f + fmax(r1, 0) * (1 - f));
        double n = 0.5 * h * (fmax(-r0, 0) * f + fmax(-r1, 0) * (1 - f));
        double rest = d - (p - n); /* the counters' own (slope-corrected) integral */
        *pos += p + fmax(rest, 0);
        *neg += n + fmax(-rest, 0);
        return;
    }
    if (d >= 0) *pos += d;
    else *neg -= d;
}

/* Per-cycle totals from the solution rows [first, last]: each row-to-row
 * increment of the charge and energy counters counts as discharge or charge
 * by its sign (split where the current changes sign inside), which stays
 * exact through drive cycles that change direction.  The efficiencies need
 * a cycle that both charges and discharges, each by more than
 * CF_CYCLE_MIN_PASSED of the cell's nominal capacity: a discharge-only cycle
 * (or one whose "charge" is a hold's last microamperes) has none. */
static void cycle_stats(const cf_solution *s, size_t first, size_t last, int64_t cycle, double nominal_Ah,
                        cf_cycle_stats *c)
{
    memset(c, 0, sizeof *c);
    c->cycle = cycle;
    c->min_voltage_V = INFINITY;
    c->max_voltage_V = -INFINITY;
    for (size_t i = first; i <= last && i < s->n; i++) {
        c->min_voltage_V = fmin(c->min_voltage_V, s->voltage[i]);
        c->max_voltage_V = fmax(c->max_voltage_V, s->voltage[i]);
        if (i == first) continue;
        double dq = s->capacity_Ah[i] - s->capacity_Ah[i - 1];
        double de = s->energy_Wh[i] - s->energy_Wh[i - 1];
        double h = (s->t[i] - s->t[i - 1]) / 3600.0;
        double I0 = s->current[i - 1], I1 = s->current[i];
        split_increment(dq, I0, I1, h, &c->discharge_Ah, &c->charge_Ah);
        split_increment(de, I0 * s->voltage[i - 1], I1 * s->voltage[i], h, &c->discharge_Wh, &c->charge_Wh);
    }
    c->duration_s = s->t[last] - s->t[first];
    double least = CF_CYCLE_MIN_PASSED * nominal_Ah;
    int both = c->charge_Ah > least && c->discharge_Ah > least && c->charge_Wh > 0 && c->discharge_Wh > 0;
    c->coulombic_efficiency = both ? c->discharge_Ah / c->charge_Ah : NAN;
    c->energy_efficiency = both ? c->discharge_Wh / c->charge_Wh : NAN;
}

/* The ageing columns of a cycle from the plan's state at its end. */
static void cycle_ageing(const cf_plan *plan, const cf_experiment_result *r, cf_cycle_stats *c)
{
    cf_state_summary st;
    cf_sim_state(plan, &st);
    const double Ah = CF_FARADAY / 3600.0;
    double li = st.li_solid_neg_mol + st.li_solid_pos_mol;
    c->lli_pct = r->li_particles_initial_mol > 0 ? 100.0 * (1.0 - li / r->li_particles_initial_mol) : 0.0;
    c->lam_neg_pct = st.lam_pct[0];
    c->lam_pos_pct = st.lam_pct[1];
    c->sei_thickness_m = st.sei_thickness_m;
    c->li_sei_Ah = (st.li_sei_mol - r->li_sei_initial_mol) * Ah;
    c->plated_li_Ah = st.li_metal_mol * Ah;
    c->dead_li_Ah = st.li_dead_mol * Ah;
    c->crack_length_neg_m = st.crack_length_m[0];
    c->crack_length_pos_m = st.crack_length_m[1];
    c->crack_sei_thickness_m = st.crack_sei_thickness_m;
    c->li_crack_sei_Ah = (st.li_crack_sei_mol - r->li_crack_sei_initial_mol) * Ah;
}

static int push_cycle(cf_experiment_result *r, const cf_plan *plan, cf_cycle_stats *c)
{
    cycle_ageing(plan, r, c);
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        cf_cycle_stats *nc = realloc(r->cycles, cap * sizeof *nc);
        if (!nc) return CF_ENOMEM;
        r->cycles = nc;
        r->cap = cap;
    }
    r->cycles[r->n++] = *c;
    return CF_OK;
}

/* Minimum positive potential and time spent below the threshold, from the
 * rows (linear between rows, so crossings are placed where they happen). */
static void potential_history(const cf_solution *s, double thr, cf_process_record *pr)
{
    pr->min_positive_potential_V = INFINITY;
    pr->time_below_threshold_s = 0;
    pr->first_below_threshold_s = NAN;
    pr->li_below_threshold_Ah = 0;
    for (size_t i = 0; i < s->n; i++) {
        pr->min_positive_potential_V = fmin(pr->min_positive_potential_V, s->pos_potential[i]);
        if (i == 0) continue;
        double a = s->pos_potential[i - 1] - thr, b = s->pos_potential[i] - thr, dt = s->t[i] - s->t[i - 1];
        double share = 0; /* of the interval spent below */
        if (a < 0 && b < 0) share = 1;
        else if (a < 0 || b < 0) share = (a < 0 ? a : b) / (a - b) * (a < 0 ? 1 : -1);
        if (share > 0 && isnan(pr->first_below_threshold_s))
            pr->first_below_threshold_s = a < 0 ? s->t[i - 1] : s->t[i] - share * dt;
        pr->time_below_threshold_s += share * dt;
        /* lithium the reservoir delivered meanwhile (the collector's to alloy) */
        pr->li_below_threshold_Ah += share * fmax(s->reservoir_Ah[i - 1] - s->reservoir_Ah[i], 0.0);
    }
}

static int is_charge_step(const cf_step *st, const cf_plan *plan)
{
    if (st->verb == CF_VERB_CHARGE) return 1;
    if (st->mode == CF_STEP_REST || st->mode == CF_STEP_VOLTAGE) return 0;
    return cf_step_setpoint(st, cf_plan_cell(plan)->nominal_capacity_Ah) < 0;
}

static cf_control_mode control_of(cf_step_mode m)
{
    switch (m) {
    case CF_STEP_POWER:
    case CF_STEP_DRIVE_POWER: return CF_CONTROL_POWER;
    case CF_STEP_RESISTANCE: return CF_CONTROL_RESISTANCE;
    case CF_STEP_VOLTAGE: return CF_CONTROL_VOLTAGE;
    default: return CF_CONTROL_CURRENT;
    }
}

static void describe(const cf_step_visit *v, char *buf, size_t size)
{
    snprintf(buf, size, "step %lld (cycle %lld): %s", (long long)v->index + 1, (long long)v->cycle + 1,
             v->step->text);
}

/* Records that the run ended in step v (why: see cf_solution_set_end). */
static void end_in_step(cf_solution *sol, const cf_step_visit *v, cf_end_reason reason, int status, const char *msg)
{
    double t = sol->end.t_s; /* a failed segment's own stop time, which may be past the last row */
    int had_time = !sol->end.completed && isfinite(t);
    cf_solution_set_end(sol, reason, status, msg);
    if (had_time) sol->end.t_s = t;
    sol->end.step = v->index;
    sol->end.cycle = v->cycle;
    snprintf(sol->end.step_text, sizeof sol->end.step_text, "%s", v->step->text);
}

/* The cycle in progress when a run stops early, counted as a last, partial
 * cycle: its rows are part of the results too. */
static void push_partial_cycle(cf_experiment_result *res, const cf_plan *plan, const cf_solution *sol,
                               size_t first_row, int64_t cycle)
{
    if (sol->n <= first_row) return;
    cf_cycle_stats c;
    cycle_stats(sol, first_row, sol->n - 1, cycle, cf_plan_cell(plan)->nominal_capacity_Ah, &c);
    push_cycle(res, plan, &c);
}

/* Records a skipped step (the first CF_SKIPPED_LISTED of them). */
static int note_skipped(cf_experiment_result *r, const cf_step_visit *v, const char *reason)
{
    r->steps_skipped++;
    if (r->n_skipped_listed >= CF_SKIPPED_LISTED) return CF_OK;
    if (!r->skipped) {
        r->skipped = malloc(CF_SKIPPED_LISTED * sizeof *r->skipped);
        if (!r->skipped) return CF_ENOMEM;
    }
    cf_skipped_step *k = &r->skipped[r->n_skipped_listed++];
    k->index = v->index;
    k->cycle = v->cycle;
    snprintf(k->reason, sizeof k->reason, "%s", reason);
    return CF_OK;
}

/* Whether a voltage stop already holds at V (a condition exactly at its
 * threshold, which gives no direction, counts as reached). */
static int voltage_stop_met(const cf_step *st, double Q, double V, const cf_step_stops *s, char *why, size_t n)
{
    if (!isnan(s->v_below) && V <= s->v_below) {
        snprintf(why, n, "the voltage %.4f V is already at or below %.4g V", V, s->v_below);
        return 1;
    }
    if (!isnan(s->v_above) && V >= s->v_above) {
        snprintf(why, n, "the voltage %.4f V is already at or above %.4g V", V, s->v_above);
        return 1;
    }
    for (int i = 0; i < st->n_conditions && i < CF_STEP_MAX_CONDITIONS; i++) {
        const cf_condition *c = &st->conditions[i];
        if (c->kind == CF_COND_VOLTAGE && cf_condition_direction(c, V, Q) == 0 &&
            cf_condition_reached(c, V, V, Q)) {
            snprintf(why, n, "the voltage %.4f V is already at %.4g V", V, cf_condition_threshold(c, Q));
            return 1;
        }
    }
    return 0;
}

/* The cell's temperature now (K): a thermal model's (lumped, or the
 * through-cell mean), else the temperature it is held at. */
static double cell_temperature(const cf_plan *p)
{
    return cf_cell_temperature(p, N_VGetArrayPointer(p->y));
}

/* A temperature condition ("until 45 oC") ends a step on the cell's own
 * temperature, which an isothermal model holds: refused before the run. */
static int check_temperature_conditions(const cf_plan *plan, const cf_protocol *proto, cf_error *err)
{
    if (cf_thermal_on(plan)) return CF_OK;
    for (int i = 0; i < cf_protocol_step_count(proto); i++) {
        const cf_step *st = cf_protocol_step(proto, i);
        for (int k = 0; k < st->n_conditions && k < CF_STEP_MAX_CONDITIONS; k++) {
            if (st->conditions[k].kind != CF_COND_TEMPERATURE) continue;
            char where[200];
            snprintf(where, sizeof where, "%.120s:%d:%d", st->source ? st->source : "protocol", st->line,
                     st->conditions[k].column);
            return cf_error_set(err, CF_EINVAL, where,
                                "step '%.80s' ends on the cell's temperature (%g oC), which only a thermal model "
                                "moves: run it with --thermal lumped or x (an isothermal cell stays at its temperature)",
                                st->text ? st->text : "", st->conditions[k].value - 273.15);
        }
    }
    return CF_OK;
}

/* Runs one executed step; drive cycles longer than one pass run pass by pass
 * because the segment's series does not wrap.  *own_stop = -1 and `skip`
 * filled when the step could not start. */
static int run_step(cf_plan *plan, const cf_step_visit *v, cf_solution *sol, cf_stop_reason *why,
                    int *own_stop, char *skip, size_t skip_size, cf_error *err)
{
    const cf_step *st = v->step;
    const cf_cell *cell = cf_plan_cell(plan);
    double Q = cell->nominal_capacity_Ah;
    cf_state_summary now;
    cf_sim_state(plan, &now);
    cf_step_stops stops;
    /* Voltage conditions are judged on the state the previous step left; a
     * condition on the current only once the step's control is applied (the
     * segment checks its stops at its consistent start), since the control
     * itself sets the current: a hold from rest draws one. */
    if (cf_step_stops_resolve(st, Q, now.voltage_V, fabs(now.current_A), &stops) &&
        voltage_stop_met(st, Q, now.voltage_V, &stops, skip, skip_size)) {
        *why = CF_STOP_NONE;
        *own_stop = -1; /* skipped */
        return CF_OK;
    }
    /* temperature conditions on the temperature the previous step left */
    double T0 = cell_temperature(plan);
    /* the step's surroundings, as cf_thermal_segment will set them */
    const cf_cell *cc = cf_plan_cell(plan);
    double amb = st->ambient_K > 0 ? st->ambient_K : cc->thermal.T_ambient_K > 0 ? cc->thermal.T_ambient_K : cc->T_K;
    if (cf_step_temperature_stops(st, T0, amb, &stops)) {
        snprintf(skip, skip_size, "the cell's temperature %.2f oC is already at or past its condition", T0 - 273.15);
        *why = CF_STOP_NONE;
        *own_stop = -1;
        return CF_OK;
    }
    double t_start = now.t_s;
    size_t rows_before = sol->n;
    cf_segment seg;
    cf_segment_init(&seg, control_of(st->mode), cf_step_setpoint(st, Q));
    seg.stop_v_below = stops.v_below;
    seg.stop_v_above = stops.v_above;
    seg.stop_abs_i_below = stops.abs_i_below;
    seg.stop_abs_i_above = stops.abs_i_above;
    seg.stop_T_below = stops.T_below;
    seg.stop_T_above = stops.T_above;
    seg.output_dt_s = st->period_s; /* "(1 minute period)": its rows; 0 keeps the plan's */
    seg.ambient_K = st->ambient_K;  /* "at 45 oC": this step's surroundings */
    double total = st->duration_s > 0 ? st->duration_s : INFINITY;
    int step_tag = (int)(v->index > INT32_MAX ? INT32_MAX : v->index);
    int cycle_tag = (int)(v->cycle > INT32_MAX ? INT32_MAX : v->cycle);
    if (st->drive) {
        double pass = cf_drive_cycle_duration(st->drive), done = 0;
        seg.series_t = cf_drive_cycle_times(st->drive);
        seg.series_v = cf_drive_cycle_values(st->drive);
        seg.series_n = (int)cf_drive_cycle_size(st->drive);
        for (;;) {
            seg.duration_s = fmin(pass, total - done);
            int rc = cf_sim_run_segment(plan, &seg, step_tag, cycle_tag, sol, why, err);
            if (rc) return rc;
            done += seg.duration_s;
            if (*why != CF_STOP_DURATION || done >= total * (1 - 1e-12)) break;
        }
    } else {
        seg.duration_s = total;
        int rc = cf_sim_run_segment(plan, &seg, step_tag, cycle_tag, sol, why, err);
        if (rc) return rc;
    }
    cf_sim_state(plan, &now);
    if (now.t_s <= t_start && (*why == CF_STOP_I_BELOW || *why == CF_STOP_I_ABOVE)) {
        /* its current condition held as soon as its control was applied: the
         * step could not start (the one row its start recorded is dropped) */
        snprintf(skip, skip_size, "the current %.4g A under its control is already %s %.4g A",
                 fabs(now.current_A), *why == CF_STOP_I_BELOW ? "at or below" : "at or above",
                 *why == CF_STOP_I_BELOW ? stops.abs_i_below : stops.abs_i_above);
        sol->n = rows_before;
        *own_stop = -1;
        return CF_OK;
    }
    /* A step with neither `for` nor `until` is meant to run to the cut-off. */
    int open_ended = st->n_conditions == 0 && !(st->duration_s > 0);
    *own_stop = open_ended || (*why != CF_STOP_VMIN_LIMIT && *why != CF_STOP_VMAX_LIMIT && *why != CF_STOP_WINDOW);
    return CF_OK;
}

int cf_simulate_protocol(cf_plan *plan, const cf_protocol *proto, const cf_experiment_options *opt,
                         cf_solution **sol_out, cf_experiment_result **res_out, cf_error *err)
{
    *sol_out = NULL;
    if (res_out) *res_out = NULL;
    cf_experiment_options defaults;
    if (!opt) {
        cf_experiment_options_default(&defaults);
        opt = &defaults;
    }
    int rc = check_temperature_conditions(plan, proto, err);
    if (rc) return rc;
    rc = isnan(opt->initial_soc) ? cf_sim_reset(plan, err) : cf_sim_reset_soc(plan, opt->initial_soc, err);
    if (rc) return rc;
    cf_solution *sol = cf_solution_new();
    cf_experiment_result *res = calloc(1, sizeof *res);
    if (!sol || !res) {
        cf_solution_free(sol);
        free(res);
        return cf_error_set(err, CF_ENOMEM, "experiment", "out of memory");
    }
    {
        cf_state_summary st0; /* the ageing columns' reference */
        cf_sim_state(plan, &st0);
        res->li_particles_initial_mol = st0.li_solid_neg_mol + st0.li_solid_pos_mol;
        res->li_sei_initial_mol = st0.li_sei_mol;
        res->li_crack_sei_initial_mol = st0.li_crack_sei_mol;
    }
    const cf_termination *term = cf_protocol_termination(proto);
    int has_term = cf_protocol_has_termination(proto);
    int64_t total = cf_protocol_total_steps(proto);
    double first_cycle_Ah = 0.0;
    size_t cycle_first_row = 0;
    cf_protocol_iter it;
    cf_step_visit v;
    cf_protocol_iter_init(&it, proto);
    cf_process_record *pr = &res->process;
    pr->first_charge_s = pr->li_o_at_first_charge = NAN;
    pr->threshold_V = opt->threshold_V;
    int charging_first = 0;
    double q_before = 0;
    while (cf_protocol_iter_next(&it, &v)) {
        if (v.cycle_start) cycle_first_row = sol->n;
        cf_stop_reason why;
        int own = 0;
        char skip[160] = "";
        charging_first = isnan(pr->first_charge_s) && is_charge_step(v.step, plan);
        if (charging_first) {
            cf_state_summary st;
            cf_sim_state(plan, &st);
            pr->first_charge_s = st.t_s;
            pr->li_o_at_first_charge = st.positive_li_o;
            q_before = sol->n ? sol->capacity_Ah[sol->n - 1] : 0;
        }
        rc = run_step(plan, &v, sol, &why, &own, skip, sizeof skip, err);
        if (rc == CF_ELIMIT && cf_sim_stalled(plan) && sol->n > 0) {
            /* A long experiment that reaches a physical limit (an electrode
             * emptied, say) ends there with its results, not as a failure. */
            char where[256];
            describe(&v, where, sizeof where);
            res->stopped_early = 1;
            snprintf(res->note, sizeof res->note, "stopped at %.150s: %.220s", where, err->message);
            push_partial_cycle(res, plan, sol, cycle_first_row, v.cycle);
            end_in_step(sol, &v, CF_END_PHYSICAL_LIMIT, CF_OK, err->message);
            rc = CF_OK;
            break;
        }
        if (charging_first) { /* (after a failure: up to it) */
            cf_state_summary st;
            cf_sim_state(plan, &st);
            pr->li_plated_Ah = st.li_metal_mol * CF_FARADAY / 3600.0;
            pr->charge_passed_Ah = q_before - (sol->n ? sol->capacity_Ah[sol->n - 1] : 0);
        }
        if (rc) {
            /* A failure keeps what was computed: the rows, the cycles and
             * the partial cycle, with the failure in the note and sol->end. */
            char where[256];
            describe(&v, where, sizeof where);
            res->stopped_early = 1;
            snprintf(res->note, sizeof res->note, "stopped at %.150s: %.220s", where, err->message);
            push_partial_cycle(res, plan, sol, cycle_first_row, v.cycle);
            end_in_step(sol, &v, sol->end.completed ? CF_END_ERROR : sol->end.reason, rc, err->message);
            cf_error_prefix_where(err, where);
            break;
        }
        if (own < 0) {
            if ((rc = note_skipped(res, &v, skip))) {
                cf_error_set(err, CF_ENOMEM, "experiment", "out of memory");
                break;
            }
        } else {
            res->steps_run++;
        }
        if (opt->progress) opt->progress(opt->progress_user, v.index + 1, total);
        int cutoff = own == 0;
        if ((v.cycle_end || cutoff) && sol->n > cycle_first_row) {
            cf_cycle_stats c;
            cycle_stats(sol, cycle_first_row, sol->n - 1, v.cycle, cf_plan_cell(plan)->nominal_capacity_Ah, &c);
            if ((rc = push_cycle(res, plan, &c))) {
                cf_error_set(err, CF_ENOMEM, "experiment", "out of memory");
                break;
            }
            if (first_cycle_Ah <= 0) first_cycle_Ah = c.discharge_Ah;
            if (!cutoff && has_term && cf_termination_reached(term, first_cycle_Ah, c.discharge_Ah, c.min_voltage_V)) {
                res->stopped_early = 1;
                snprintf(res->note, sizeof res->note,
                         "termination criterion met after cycle %lld (discharge %.4f Ah, first cycle %.4f Ah)",
                         (long long)v.cycle + 1, c.discharge_Ah, first_cycle_Ah);
                end_in_step(sol, &v, CF_END_TERMINATION, CF_OK, res->note);
                break;
            }
        }
        if (cutoff) {
            char where[256];
            describe(&v, where, sizeof where);
            res->stopped_early = 1;
            snprintf(res->note, sizeof res->note, "stopped at %s: reached the cell's %s before the step's own end",
                     where, cf_stop_reason_name(why));
            char what[128];
            snprintf(what, sizeof what, "reached the cell's %s before the step's own end", cf_stop_reason_name(why));
            end_in_step(sol, &v, CF_END_CUTOFF, CF_OK, what);
            break;
        }
        /* (still going: the last step run so far is where it ends if none follows) */
        end_in_step(sol, &v, CF_END_COMPLETED, CF_OK, "");
    }
    if (rc && sol->n < 2) { /* failed at its start: nothing computed to keep */
        cf_solution_free(sol);
        cf_experiment_result_free(res);
        return rc;
    }
    potential_history(sol, opt->threshold_V, pr);
    pr->plating_onset_s = NAN;
    if (cf_plan_cell(plan)->neg.plating)
        for (size_t i = 0; i < sol->n; i++)
            if (sol->li_metal_Ah[i] > 1e-6) {
                pr->plating_onset_s = sol->t[i];
                break;
            }
    cf_state_summary end;
    cf_sim_state(plan, &end);
    pr->reservoir_left_mol = end.li_reservoir_mol;
    pr->li_alloyed_Ah = end.li_alloyed_mol * CF_FARADAY / 3600.0;
    *sol_out = sol;
    if (res_out) *res_out = res; else cf_experiment_result_free(res);
    return rc; /* on a failure: with everything computed up to it */
}
