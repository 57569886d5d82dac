/* thermal.h — the energy balance's constants and work space inside a plan
 * (thermal.c; its functions are declared at the end of plan_internal.h). */
#ifndef CF_THERMAL_H
#define CF_THERMAL_H

#include "cellforge/cf_cell.h"

typedef struct {
    double C;          /* heat capacity of the cell, J/K: rho c_p (layer-weighted) x volume */
    double hA;         /* h x cooling area, W/K                                        */
    double T_amb;      /* ambient temperature, K                                       */
    double r_cc;       /* collectors' resistance per electrode area, Ohm m2            */
    /* d ln(Arrhenius factor) / dT of each phase's j0 and solid diffusivity */
    double dlnj0[2][CF_MAX_PHASES], dlnD[2][CF_MAX_PHASES];
    int ocpT[2][CF_MAX_PHASES]; /* the phase's OCP function depends on T itself */
    int DeT, kappaT;   /* the electrolyte's diffusivity / conductivity functions depend on T */
    double *w_dj_dT;   /* DFN: dj/dT per x cell and phase (like w_dj_deta)            */
    double *w_U, *w_dU, *w_S, *w_dS, *w_UT; /* DFN: the OCP the kinetics used, dU/dc_s, its entropic
                                             coefficient S, dS/dc_s, and dU/dT */
    double *w_rows;    /* 6 x the largest particle: rows for the T derivative          */
    double *w_F, *w_yp; /* a residual's scratch (heat outputs)                          */
} cf_thermal_plan;

/* One output row's heat balance, W (positive: heat into the cell). */
typedef struct {
    double T_K;
    double ohm_solid, ohm_electrolyte, reaction, reversible, collector, total;
    double cooling;    /* heat given to the ambient (h A (T - T_amb)), W               */
} cf_heat;

#endif
