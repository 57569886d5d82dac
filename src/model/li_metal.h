/* li_metal.h — lithium-metal surfaces of the DFN (see li_metal.c). */
#ifndef CF_LI_METAL_H
#define CF_LI_METAL_H
#include "model/plan_internal.h"

typedef struct {
    double F;                 /* residual                                        */
    double d_phie0;           /* w.r.t. phi_e of the cell next to the surface    */
    double d_c0;              /* w.r.t. c_e of that cell                          */
    double d_I;               /* w.r.t. I (negative) or I_res (reservoir)         */
    double d_n;               /* w.r.t. the lithium inventory                     */
    double d_V;               /* w.r.t. V (reservoir)                             */
} cf_li_eq;

/* Kinetics row of a planar negative: j(eta) - I/A = 0. */
void cf_li_surface(const cf_plan *p, const double *y, int ice0, cf_li_eq *q);
/* Current row of the reservoir (its d(drive)/dV = -1 is the caller's). */
void cf_li_reservoir(const cf_plan *p, const double *y, int ice_last, cf_li_eq *q);
/* Lithium alloying into the positive's collector (A, > 0 alloying) in state
 * y and its derivative w.r.t. the collector's potential vs the electrolyte
 * (d/dV = dI, d/dphi_e(L) = -dI). */
double cf_li_collector_alloy(const cf_plan *p, const double *y, int ice_last, double *dI);
/* Open-circuit potential of the negative surface above Li/Li+ (V): 0 with
 * lithium on it, a mixed potential on bare copper. */
double cf_li_rest_potential(const cf_plan *p, double n_mol_m2);
/* Smooth share of a lithium surface that can strip (softplus switch). */
double cf_li_switch(double n, double n_switch, double *ds_dn);
double cf_li_switch_floor(double n, double n_switch, double n_floor, double *ds_dn);
/* Plating current density on a porous negative's particles (A/m2, negative
 * when plating) and its derivatives. */
double cf_li_plating(const cf_plan *p, double ce, double eta, double n, double *dj_dce, double *dj_deta,
                     double *dj_dn);
/* Share of the negative's current that changes its active lithium (the
 * plating efficiency at this current density while plating, 1 stripping);
 * *dwI = d(share x I)/dI. */
double cf_li_plated_fraction(const cf_plan *p, double I, double *dwI);
#endif
