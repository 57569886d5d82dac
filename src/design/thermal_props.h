/* thermal_props.h — the recipe materials' thermal facts (thermal_props.c). */
#ifndef CF_DESIGN_THERMAL_PROPS_H
#define CF_DESIGN_THERMAL_PROPS_H

/* Specific heat capacity J/(kg K) of a design material by registry name
 * (cf_dmat name), 0 when the table has none. */
double cf_thermal_material_cp(const char *name);
/* A collector's thermal and electronic conductivity; 0 when unknown. */
int cf_thermal_collector(const char *name, double *k_W_m_K, double *sigma_S_m);

/* Specific heat of the electrolyte [ASSUME]: dimethyl carbonate's, ~163
 * J/(mol K) / 90.08 g/mol (NIST Chemistry WebBook, liquid at 298 K), for a
 * carbonate solution of LiPF6; and of a case with no material given
 * [ASSUME]: aluminium's (a laminate pouch or an aluminium can). */
#define CF_ELECTROLYTE_CP_J_KG_K 1810.0
#define CF_CASE_CP_J_KG_K 897.0
/* Coatings' and separators' thermal conductivity [ASSUME]: the values of
 * Marquis et al., JES 166 (2019) A3693 (negative 1.7, separator 0.16,
 * positive 2.1 W/(m K)); used by a through-cell model, not the lumped one. */
#define CF_NEG_COATING_K_W_M_K 1.7
#define CF_SEPARATOR_K_W_M_K 0.16
#define CF_POS_COATING_K_W_M_K 2.1

#endif
