/* material_fns.h — built-in material functions f(x, T) with df/dx.
 *
 * Each published function lives in its own file; registry.c lists them by
 * name.  x is stoichiometry for OCPs and concentration (mol/m3) for
 * electrolyte properties; T in K. */
#ifndef CF_MATERIAL_FNS_H
#define CF_MATERIAL_FNS_H

typedef double (*cf_material_fn)(double x, double T, double *dfdx);

/* CF_FN_ROLE_ELECTROLYTE_TDF: thermodynamic factor 1 + dln f/dln c (-) of
 * the salt, f(c_e, T). */
typedef enum {
    CF_FN_ROLE_OCP,
    CF_FN_ROLE_ELECTROLYTE_D,
    CF_FN_ROLE_ELECTROLYTE_KAPPA,
    CF_FN_ROLE_ELECTROLYTE_TDF,
    CF_FN_ROLE_SOLID_D /* solid diffusivity (m2/s) of the stoichiometry, f(sto, T) */
} cf_fn_role;

typedef struct {
    const char *name;
    cf_fn_role role;
    cf_material_fn fn;
    const char *source;   /* literature source, shown in docs and --help */
} cf_material_fn_entry;

/* Registry access: count, entry by index, index by name (-1 if unknown). */
int cf_material_fn_count(void);
const cf_material_fn_entry *cf_material_fn_get(int index);
int cf_material_fn_find(const char *name);

double cf_ocp_graphite_chen2020(double sto, double T, double *dU);
double cf_ocp_nmc811_chen2020(double sto, double T, double *dU);
double cf_electrolyte_D_nyman2008(double c, double T, double *dD);
double cf_electrolyte_kappa_nyman2008(double c, double T, double *dk);

/* Seed chemistries (docs/materials.md, "Electrochemical material functions"). */
double cf_ocp_tin_li44sn(double sto, double T, double *dU);
double cf_ocp_ni3sn4(double sto, double T, double *dU);
double cf_ocp_hard_carbon(double sto, double T, double *dU);
double cf_ocp_linio2(double sto, double T, double *dU);
double cf_ocp_limn2o4(double sto, double T, double *dU);
double cf_ocp_nca_albertus(double sto, double T, double *dU);
double cf_ocp_lco_ramadass(double sto, double T, double *dU);
double cf_ocp_lfp_prada2013(double sto, double T, double *dU);
double cf_electrolyte_kappa_valoen2005(double c, double T, double *dk);
double cf_electrolyte_D_valoen2005(double c, double T, double *dD);
double cf_electrolyte_tdf_valoen2005(double c, double T, double *dt);
double cf_solid_D_graphite_ecker2015(double sto, double T, double *dD);
double cf_solid_D_nco_ecker2015(double sto, double T, double *dD);

/* Marquis et al. 2019 (Kokam, Dualfoil's fits). */
double cf_ocp_graphite_mcmb2528_dualfoil(double sto, double T, double *dU);
double cf_ocp_lco_dualfoil1998(double sto, double T, double *dU);
double cf_electrolyte_D_capiglia1999(double c, double T, double *dD);
double cf_electrolyte_kappa_capiglia1999(double c, double T, double *dk);

/* The literature sets of docs/cells.md (Ecker 2015, Mohtat 2020, Kim 2011,
 * Prada 2013), one file per material. */
double cf_ocp_graphite_ecker2015(double sto, double T, double *dU);
double cf_ocp_nco_ecker2015(double sto, double T, double *dU);
double cf_electrolyte_kappa_ecker2015(double c, double T, double *dk);
double cf_electrolyte_D_ecker2015(double c, double T, double *dD);
double cf_ocp_graphite_mohtat2020(double sto, double T, double *dU);
double cf_ocp_nmc_mohtat2020(double sto, double T, double *dU);
double cf_electrolyte_D_mohtat2020(double c, double T, double *dD);
double cf_electrolyte_kappa_mohtat2020(double c, double T, double *dk);
double cf_ocp_graphite_kim2011(double sto, double T, double *dU);
double cf_ocp_nca_kim2011(double sto, double T, double *dU);
double cf_electrolyte_kappa_kim2011(double c, double T, double *dk);
double cf_electrolyte_D_kim2011(double c, double T, double *dD);
double cf_electrolyte_kappa_prada2013(double c, double T, double *dk);

#endif
