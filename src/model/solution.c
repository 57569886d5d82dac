/* solution.c — growing time-series storage for simulation results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/sim_internal.h"

cf_solution *cf_solution_new(void)
{
    cf_solution *s = calloc(1, sizeof(cf_solution));
    if (!s) return NULL;
    /* complete until a run says otherwise */
    s->end.completed = 1;
    s->end.reason = CF_END_COMPLETED;
    s->end.step = s->end.cycle = -1;
    s->end.t_s = NAN;
    return s;
}

const char *cf_end_reason_code(cf_end_reason r)
{
    switch (r) {
    case CF_END_COMPLETED: return "completed";
    case CF_END_TERMINATION: return "termination";
    case CF_END_CUTOFF: return "cutoff";
    case CF_END_PHYSICAL_LIMIT: return "physical_limit";
    case CF_END_SOLVER_FAILURE: return "solver_failure";
    case CF_END_STEP_LIMIT: return "step_limit";
    case CF_END_WALL_TIME: return "wall_time";
    case CF_END_ERROR: return "error";
    }
    return "error";
}

void cf_solution_set_end(cf_solution *s, cf_end_reason reason, int status, const char *message)
{
    cf_run_end *e = &s->end;
    e->completed = reason == CF_END_COMPLETED || reason == CF_END_TERMINATION;
    e->reason = reason;
    e->status = status;
    snprintf(e->message, sizeof e->message, "%s", message ? message : "");
    e->t_s = s->n ? s->t[s->n - 1] : NAN;
    if (s->n) {
        e->step = s->step[s->n - 1];
        e->cycle = s->cycle[s->n - 1];
    }
}

void cf_solution_free(cf_solution *s)
{
    if (!s) return;
    free(s->t);
    free(s->current);
    free(s->voltage);
    free(s->capacity_Ah);
    free(s->energy_Wh);
    free(s->pos_potential);
    free(s->li_metal_Ah);
    for (int e = 0; e < 2; e++) {
        free(s->thickness_change_pct[e]);
        free(s->porosity[e]);
    }
    free(s->neg_potential);
    free(s->pos_li_o);
    free(s->reservoir_Ah);
    free(s->alloyed_Ah);
    double *th[] = {s->temperature_K, s->heat_ohmic_solid_W, s->heat_ohmic_electrolyte_W, s->heat_reaction_W,
                    s->heat_reversible_W, s->heat_collector_W, s->heat_total_W, s->cooling_W};
    for (size_t i = 0; i < sizeof th / sizeof th[0]; i++) free(th[i]);
    free(s->temperature_max_K);
    for (int l = 0; l < CF_N_LAYERS; l++) free(s->layer_temperature_K[l]);
    free(s->step);
    free(s->cycle);
    free(s->states);
    free(s->surface_shift);
    free(s);
}

static int grow(cf_solution *s)
{
    size_t cap = s->cap ? s->cap * 2 : 256;
    double **d[] = {&s->t,           &s->current,     &s->voltage,
                    &s->capacity_Ah, &s->energy_Wh,   &s->pos_potential,
                    &s->li_metal_Ah, &s->thickness_change_pct[0], &s->thickness_change_pct[1],
                    &s->porosity[0], &s->porosity[1], &s->neg_potential,
                    &s->pos_li_o,    &s->reservoir_Ah, &s->alloyed_Ah,
                    &s->temperature_K, &s->heat_ohmic_solid_W, &s->heat_ohmic_electrolyte_W, &s->heat_reaction_W,
                    &s->heat_reversible_W, &s->heat_collector_W, &s->heat_total_W, &s->cooling_W,
                    &s->temperature_max_K, &s->layer_temperature_K[0], &s->layer_temperature_K[1],
                    &s->layer_temperature_K[2], &s->layer_temperature_K[3], &s->layer_temperature_K[4]};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        double *nd = realloc(*d[i], cap * sizeof(double));
        if (!nd) return CF_ENOMEM;
        *d[i] = nd;
    }
    int **ii[] = {&s->step, &s->cycle};
    for (size_t i = 0; i < 2; i++) {
        int *ni = realloc(*ii[i], cap * sizeof(int));
        if (!ni) return CF_ENOMEM;
        *ii[i] = ni;
    }
    s->cap = cap;
    return CF_OK;
}

int cf_solution_append(cf_solution *s, double t, double I, double V, double Q, double E, const cf_process_values *pv,
                       int step, int cycle)
{
    if (s->n == s->cap && grow(s)) return CF_ENOMEM;
    size_t k = s->n++;
    s->t[k] = t;
    s->current[k] = I;
    s->voltage[k] = V;
    s->capacity_Ah[k] = Q;
    s->energy_Wh[k] = E;
    s->pos_potential[k] = pv->positive_potential_V;
    s->neg_potential[k] = pv->negative_potential_V;
    s->pos_li_o[k] = pv->positive_li_o;
    s->li_metal_Ah[k] = pv->li_metal_Ah;
    s->reservoir_Ah[k] = pv->reservoir_li_Ah;
    s->alloyed_Ah[k] = pv->alloyed_li_Ah;
    for (int e = 0; e < 2; e++) s->thickness_change_pct[e][k] = s->porosity[e][k] = NAN;
    s->temperature_K[k] = s->temperature_max_K[k] = NAN;
    for (int l = 0; l < CF_N_LAYERS; l++) s->layer_temperature_K[l][k] = NAN;
    s->heat_ohmic_solid_W[k] = s->heat_ohmic_electrolyte_W[k] = s->heat_reaction_W[k] = s->heat_reversible_W[k] = 0.0;
    s->heat_collector_W[k] = s->heat_total_W[k] = s->cooling_W[k] = 0.0;
    s->step[k] = step;
    s->cycle[k] = cycle;
    return CF_OK;
}

void cf_solution_set_heat(cf_solution *s, size_t k, const cf_heat *h, int thermal)
{
    s->has_thermal = thermal;
    s->has_heat_sources = thermal && !isnan(h->total);
    s->temperature_K[k] = h->T_K;
    s->temperature_max_K[k] = h->T_max_K;
    for (int l = 0; l < CF_N_LAYERS; l++) s->layer_temperature_K[l][k] = h->T_layer_K[l];
    s->heat_ohmic_solid_W[k] = h->ohm_solid;
    s->heat_ohmic_electrolyte_W[k] = h->ohm_electrolyte;
    s->heat_reaction_W[k] = h->reaction;
    s->heat_reversible_W[k] = h->reversible;
    s->heat_collector_W[k] = h->collector;
    s->heat_total_W[k] = h->total;
    s->cooling_W[k] = h->cooling;
}

int cf_solution_append_state(cf_solution *s, const double *y, int n)
{
    if (s->n == 0 || n <= 0) return CF_OK;
    if (s->state_n && s->state_n != n) return CF_EINVAL; /* another plan's layout: not kept */
    if (s->state_cap < s->cap) {
        double *ns = realloc(s->states, s->cap * (size_t)n * sizeof(double));
        if (!ns) return CF_ENOMEM;
        s->states = ns;
        s->state_cap = s->cap;
    }
    s->state_n = n;
    memcpy(s->states + (s->n - 1) * (size_t)n, y, (size_t)n * sizeof(double));
    return CF_OK;
}

int cf_solution_append_shift(cf_solution *s, const double *v, int n)
{
    if (s->n == 0 || n <= 0) return CF_OK;
    if (s->shift_n && s->shift_n != n) return CF_EINVAL;
    if (s->shift_cap < s->cap) {
        double *ns = realloc(s->surface_shift, s->cap * (size_t)n * sizeof(double));
        if (!ns) return CF_ENOMEM;
        s->surface_shift = ns;
        s->shift_cap = s->cap;
    }
    s->shift_n = n;
    memcpy(s->surface_shift + (s->n - 1) * (size_t)n, v, (size_t)n * sizeof(double));
    return CF_OK;
}
