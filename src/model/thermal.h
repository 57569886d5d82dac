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
    /* the through-cell model (thermal_x.c; x = 1): a temperature per x cell
     * and per collector, each collector one node of its thickness */
    int x;
    int x_side;        /* the side whose factors cf_thermal_x_set set last (-1: both by set_T) */
    double *x_T, *x_arr, *x_Darr; /* per x cell: the temperature its factors were
                          last made for, and those (per phase) */
    int *tx;           /* each x cell's temperature unknown                            */
    int iTcn, iTcp;    /* the collectors' temperature unknowns                         */
    double *Cx;        /* heat capacity of each x cell per electrode area, J/(m2 K)    */
    double *Gx;        /* conductance per area of edge e (0: to the negative collector,
                          nx: to the positive), W/(m2 K)                               */
    double Ccn, Ccp;   /* the collectors' heat capacity per area, J/(m2 K)             */
    double hf;         /* each face's heat transfer to the ambient per area, W/(m2 K)  */
    double *w_q;       /* heat source of each x cell per area, W/m2                    */
    void *w_ec;        /* cf_edge_coeffs of each edge (the Jacobian's)                 */
} cf_thermal_plan;

/* One output row's heat balance, W (positive: heat into the cell). */
typedef struct {
    double T_K;        /* the cell's (thickness-weighted) mean temperature          */
    double T_max_K;    /* the hottest node's                                        */
    double T_layer_K[CF_N_LAYERS]; /* each layer's mean (collectors, coatings, separator) */
    double ohm_solid, ohm_electrolyte, reaction, reversible, collector, total;
    double cooling;    /* heat given to the ambient (h A (T - T_amb)), W               */
} cf_heat;

#endif
