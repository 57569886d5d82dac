/* sim_internal.h — state set-up and root functions used by plan.c. */
#ifndef CF_SIM_INTERNAL_H
#define CF_SIM_INTERNAL_H
#include "model/plan_internal.h"

/* Fills y, y', id with the initial state (uniform concentrations, potentials
 * at equilibrium) and sets the temperature-dependent factors. */
int cf_sim_initial_state(cf_plan *p, cf_error *err);
/* Registers the root functions (voltage and current stops) with IDA. */
int cf_sim_setup_roots(cf_plan *p);
/* Appends one row to a solution; CF_ENOMEM on failure. */
int cf_solution_append(cf_solution *s, double t, double I, double V, double Q, double E, double Upos, double li_Ah,
                       int step, int cycle);
/* Lithium metal on the negative in state y (Ah): planar foil or plated. */
double cf_li_metal_Ah(const cf_plan *p, const double *y);
/* Positive electrode potential vs Li/Li+ at its collector in state y. */
double cf_positive_potential(const cf_plan *p, const double *y);

#endif
