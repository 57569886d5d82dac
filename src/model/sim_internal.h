/* sim_internal.h — state set-up and root functions used by plan.c. */
#ifndef CF_SIM_INTERNAL_H
#define CF_SIM_INTERNAL_H
#include "model/plan_internal.h"

/* Fills y, y', id with the initial state (uniform concentrations, potentials
 * at equilibrium) and sets the temperature-dependent factors. */
int cf_sim_initial_state(cf_plan *p, cf_error *err);
/* Root functions of the segment being run (voltage and current stops, the
 * reservoir emptying, lithium metal running out) at state y, and their
 * directions (-1 falling, +1 rising). */
#define CF_SIM_N_ROOTS 12
void cf_sim_root_values(const cf_plan *p, const double *y, double *g);
const int *cf_sim_root_directions(void);

/* The time integrator (integrator.c): our BDF or IDA, per the plan's options. */
enum { CF_INTEG_STEP = 0, CF_INTEG_ROOT = 1, CF_INTEG_TSTOP = 2 };
int cf_integ_create(cf_plan *p);
void cf_integ_free(cf_plan *p);
/* Restarts at (p->t, p->y, p->yp), which must be consistent; no step past t_end. */
int cf_integ_reinit(cf_plan *p, double t_end);
/* One step into p->y, p->yp; CF_INTEG_* or a negative failure code. */
int cf_integ_step(cf_plan *p, double t_end, double *tret);
const char *cf_integ_flag_name(const cf_plan *p, int flag);
/* y (k = 0) or y' (k = 1) at t inside the last step. 0 on success. */
int cf_integ_dky(cf_plan *p, double t, int k, double *out);
void cf_integ_root_info(cf_plan *p, int *info);
/* Adds the counters of the segment run since the last re-initialisation. */
void cf_integ_collect_stats(cf_plan *p);
/* Appends one row to a solution; CF_ENOMEM on failure. */
int cf_solution_append(cf_solution *s, double t, double I, double V, double Q, double E, const cf_process_values *pv,
                       int step, int cycle);
/* Row k's temperature and heat columns (thermal: 1 when the plan has a
 * temperature unknown; sets s->has_thermal). */
void cf_solution_set_heat(cf_solution *s, size_t k, const cf_heat *h, int thermal);
/* Keeps state y (n unknowns) as the last row's state (store_states). */
int cf_solution_append_state(cf_solution *s, const double *y, int n);
/* The last row's step-start surface corrections (cf_solution.surface_shift). */
int cf_solution_append_shift(cf_solution *s, const double *v, int n);
/* Records how the run in s ended: reason, status and message; the time,
 * step and cycle of its last row (a caller may then refine them). */
void cf_solution_set_end(cf_solution *s, cf_end_reason reason, int status, const char *message);
/* The process columns of a row (cf_process_values) in state y. */
void cf_process_values_at(const cf_plan *p, const double *y, cf_process_values *v);
double cf_positive_li_o(const cf_plan *p, const double *y);
/* Negative electrode potential vs Li/Li+ beside its collector in state y. */
double cf_negative_potential(const cf_plan *p, const double *y);
/* Lithium metal on the negative in state y (Ah): planar foil or plated. */
double cf_li_metal_Ah(const cf_plan *p, const double *y);
/* Positive electrode potential vs Li/Li+ at its collector in state y. */
double cf_positive_potential(const cf_plan *p, const double *y);

#endif
