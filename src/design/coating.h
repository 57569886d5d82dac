/* coating.h — composition and geometry of one coated electrode layer (internal).
 * Units: g/m2 per side, um, g/cm3 (1 g/m2 / 1 um = 1 g/cm3). */
#ifndef CF_DESIGN_COATING_H
#define CF_DESIGN_COATING_H

#include "cellforge/cf_error.h"
#include "design/recipe_internal.h"

/* Sn-Ni alloy split into phases (seed 000). */
typedef struct {
    double ni, sn, z;          /* mass fractions; Z = m(Ni3Sn4)/m(Sn) (capped at 1e6) */
    double w_ni3sn4, w_sn, w_free_ni;
    double w_third, third_density; /* inert third element X of Sn-Ni-X (g/cm3) */
    int z_from_lever_rule;
} cf_dsnni_state;

/* 1 / (a/8.65 + b/7.285 + c/8.908 + x/rho_x) g/cm3. */
double cf_dsnni_density_x(const cf_dsnni_state *s);

/* Returns 0, or -1 when a measured Z needs more Ni than the alloy has. */
int cf_dsnni_resolve(const cf_recipe_component *c, cf_dsnni_state *s);

double cf_rcomp_density(const cf_recipe_component *c);     /* g/cm3 */
double cf_rcomp_capacity(const cf_recipe_component *c);    /* practical mAh/g (window), 0 inactive */
double cf_rcomp_theoretical(const cf_recipe_component *c); /* mAh/g from sto 0 to 1 */
double cf_rcomp_first_cycle_efficiency(const cf_recipe_component *c);
double cf_rcomp_potential(const cf_recipe_component *c);   /* V vs Li/Li+ */

/* Pore-free density of the dry coating: 1 / sum(w_i / rho_i). */
double cf_rcoat_skeleton_density(const cf_recipe_electrode *e);

/* Solves thickness / porosity / apparent density from the one (or more,
 * consistent) given; `where` names the electrode in messages. */
int cf_rcoat_solve(const cf_recipe_electrode *e, const char *where, double *thickness_um,
                     double *porosity, double *density_g_cm3, cf_error *err);

#endif
