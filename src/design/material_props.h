/* material_props.h — physical data the design calculation uses (internal).
 * Values and their sources: material_props.c and docs/materials.md,
 * section "Physical properties used by design". */
#ifndef CF_DESIGN_MATERIAL_PROPS_H
#define CF_DESIGN_MATERIAL_PROPS_H

#include <stddef.h>

typedef enum {
    CF_ROLE_NEGATIVE_ACTIVE = 1,
    CF_ROLE_POSITIVE_ACTIVE,
    CF_ROLE_CONDUCTIVE,
    CF_ROLE_BINDER,
    CF_ROLE_LITHIUM_METAL,
    CF_ROLE_COLLECTOR,
    CF_ROLE_SEPARATOR
} cf_material_role;

typedef struct {
    const char *name;       /* registry name used in recipes                  */
    const char *alias;      /* another accepted spelling, or NULL             */
    const char *label;      /* for people: "LiNiO2"                           */
    int role;               /* cf_material_role                               */
    int is_carbon;          /* a carbon material (seed 000 claim 3, seed 002) */
    int li_absorbing;       /* hosts lithium (alloy / intercalation negative) */
    double density_g_cm3;   /* true density                                   */
    double capacity_mAh_g;  /* default reversible specific capacity, 0 if none */
    double potential_V;     /* average potential vs Li/Li+ while cycling      */
    double molar_mass_g_mol;/* formula unit; 0 when not used                  */
    double o_per_formula;   /* O atoms per formula unit (oxides)              */
    double li_per_formula;  /* Li atoms per formula unit as made              */
    double li_o_max;        /* highest Li/O possible (positives); 0 = not used */
    double d002_nm;         /* typical (002) spacing for carbons; 0 unknown   */
    const char *most_lithiated; /* positives: the phase at li_o_max ("Li2NiO2") */
} cf_dmat;

const cf_dmat *cf_dmat_find(const char *name);
size_t cf_dmat_count(void);
const cf_dmat *cf_dmat_at(size_t i);

/* Physical constants (CODATA / IUPAC standard atomic weights). */
#define CF_FARADAY_C_MOL 96485.33212
#define CF_M_LI 6.941
#define CF_M_NI 58.6934
#define CF_M_SN 118.710
#define CF_M_O 15.999
#define CF_LI_METAL_mAh_g 3860.0 /* F / (3.6 * 6.941) = 3861.7, quoted as 3860 [CALC] */

/* Sn–Ni alloy (seed 000).  Phases: Ni3Sn4 (the seed's "Sn4Ni3"), beta-Sn and,
 * when a measured Z leaves Ni over, free Ni. */
double cf_dsnni_ni_in_ni3sn4(void);             /* 3 M_Ni / M(Ni3Sn4) = 0.27051 */
double cf_dsnni_z_lever(double w_ni);           /* all Ni in Ni3Sn4; +inf past 0.27051 */
/* Phase mass fractions from w_ni and, if z >= 0, a measured Z.  Returns 0 on
 * success, -1 if Z needs more Ni than the alloy holds (c < 0). */
int cf_dsnni_phases(double w_ni, double z, double *w_ni3sn4, double *w_sn, double *w_free_ni);
/* The same for a ternary Sn-Ni-X alloy with w_x of an inert element X. */
int cf_dsnni_phases_x(double w_ni, double w_x, double z, double *w_ni3sn4, double *w_sn, double *w_free_ni);
/* Density (g/cm3) of an allowed third element by symbol ("Cu"), 0 if unknown;
 * the allowed symbols as text. */
double cf_dsnni_third_density(const char *symbol);
const char *cf_dsnni_third_list(void);
double cf_dsnni_density(double w_ni3sn4, double w_sn, double w_free_ni);
double cf_dsnni_capacity(double w_ni3sn4, double w_sn); /* mAh/g, Ni3Sn4 fully active */

#endif
