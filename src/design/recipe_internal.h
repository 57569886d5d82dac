/* recipe_internal.h — the validated recipe as the design code sees it.
 * The JSON schema is in docs/recipe.md; recipe.c fills this struct. */
#ifndef CF_DESIGN_RECIPE_INTERNAL_H
#define CF_DESIGN_RECIPE_INTERNAL_H

#include "cellforge/cf_cell.h"
#include "cellforge/cf_design.h"
#include "design/material_props.h"

/* An optional number: used only when have != 0. */
typedef struct {
    int have;
    double v;
} cf_ropt;

typedef enum { CF_FORMAT_POUCH = 1, CF_FORMAT_CYLINDRICAL, CF_FORMAT_COIN } cf_rformat_type;

/* Optional measured properties of a component, addressed by index so the
 * parser, the claims and the design-around search share one table
 * (recipe_props.c). */
typedef enum {
    CF_P_NI_MASS_FRACTION,
    CF_P_SN_MASS_FRACTION,
    CF_P_Z,
    CF_P_D002_NM,
    CF_P_LC_NM,
    CF_P_H_C_ATOMIC,
    CF_P_DV50_UM,
    CF_P_SPHERICITY,
    CF_P_BULK_DENSITY,
    CF_P_D4_D1,
    CF_P_BET_M2_G,
    CF_P_EXOTHERM_C,
    CF_P_SI_COATING_WT_PCT,
    CF_P_N_WT_PCT,
    CF_P_OXIDATION_C,
    CF_P_LI_O_RATIO,
    CF_P_SPECIFIC_CAPACITY,
    CF_P_DENSITY,
    CF_P_PARTICLE_RADIUS_UM,
    CF_P_AVERAGE_POTENTIAL,
    CF_P_COUNT
} cf_rprop_id;

/* Which materials accept a property. */
enum { CF_PK_ANY = 0, CF_PK_SNNI = 1, CF_PK_CARBON = 2, CF_PK_POSITIVE = 4 };

typedef struct {
    const char *key;
    const char *unit;
    double lo, hi;   /* allowed range, inclusive */
    int kinds;       /* CF_PK_* mask; 0 = any material */
    const char *help;
} cf_rprop_info;

const cf_rprop_info *cf_rprop_info_at(int id);
int cf_rprop_find(const char *key); /* -1 if none */

/* Text properties of a hard-carbon component (seed 002 claims 2 and 9). */
typedef enum {
    CF_T_PRECURSOR,
    CF_T_PRECURSOR_SHAPE,
    CF_T_PRECURSOR_POLYMERIZATION,
    CF_T_OXIDATION_ATMOSPHERE,
    CF_T_CARBONIZATION_ATMOSPHERE,
    CF_T_FORM,
    CF_T_COUNT
} cf_rtext_id;

typedef struct {
    char material[32];
    const cf_dmat *mat;
    double mass_fraction;
    cf_ropt p[CF_P_COUNT];
    char t[CF_T_COUNT][40]; /* "" when absent */
    int n_phases;           /* sn_ni_alloy "phases": measured phase list */
    char phases[4][16];
    char third_element[8];  /* sn_ni_alloy: inert third element X of Sn-Ni-X ("" none) */
} cf_recipe_component;

typedef struct {
    char collector_name[32];
    const cf_dmat *collector;
    double collector_thickness_um;
    int sides;
    double coating_g_m2;
    cf_ropt porosity, thickness_um, density_g_cm3;
    cf_ropt thickness_swelling; /* share of free swelling the thickness takes (0 if absent) */
    cf_ropt plating_exchange_current_A_m2, plating_efficiency; /* negative: lithium plating */
    int li_metal_plating;   /* negative: lithium beyond the host plates and is cycled
                               as metal (a lithium-metal cell formed by charging) */
    /* negative: ageing the cell built from the recipe carries (docs/ageing.md):
     * SEI growth, O'Kane plating on the host, and a lithium-metal negative's
     * efficiency against the plating current density (0/0: fixed) */
    cf_sei sei;
    cf_plating_params li_plating;
    cf_ropt plating_efficiency_current_A_m2, plating_efficiency_exponent;
    /* either electrode: particle cracking (and, on the negative, SEI on the
     * cracks) with the particles' mechanics it uses (docs/ageing.md) */
    cf_crack_params cracking;
    cf_lam_params mechanics;
    size_t n_comp;
    cf_recipe_component comp[CF_DESIGN_MAX_COMPONENTS];
} cf_recipe_electrode;

struct cf_recipe {
    char source[160];
    char name[128];
    cf_ropt nominal_voltage_V;
    struct {
        int type;
        int layers;
        double electrode_width_mm, electrode_height_mm; /* pouch; cylindrical uses width x length */
        double electrode_length_mm;                     /* cylindrical */
        double electrode_diameter_mm;                   /* coin */
        cf_ropt cell_width_mm, cell_height_mm, cell_thickness_mm; /* pouch outer */
        cf_ropt diameter_mm, height_mm;                  /* cylindrical / coin outer */
        cf_ropt case_mass_g;
    } format;
    cf_recipe_electrode neg, pos;
    struct {
        char name[32];
        const cf_dmat *mat;
        double thickness_um, porosity;
    } sep;
    struct {
        int porous_polymer;
        char salt[24];
        double concentration_mol_L;
        cf_ropt amount_g_per_Ah, mass_g, density_g_cm3;
    } electrolyte;
    struct {
        int present;
        double mass_mg;
        int on_positive; /* 1 positive, 0 negative */
        cf_ropt area_cm2, path_length_mm, exchange_current_A_m2; /* its electrode kinetics */
    } reservoir;
    struct {
        cf_ropt first_charge_after_electrolyte_h;
    } process;
    /* the cell's thermal data (docs/recipe.md, "thermal"; recipe_thermal.c):
     * what the materials cannot give; the design computes the rest */
    struct {
        int present;
        cf_ropt heat_transfer_W_m2_K, cooling_area_cm2;
        cf_ropt heat_capacity_J_kg_K, mass_g, case_heat_capacity_J_kg_K;
        cf_ropt ambient_C, initial_C;
        cf_ropt entropic_V_K[2]; /* negative [0], positive [1]: every phase's dU/dT */
    } thermal;
    cf_ropt contact_resistance_ohm; /* tab and terminal resistance in series */
};

struct json_t;
/* The recipe's "thermal" block and top-level contact_resistance_ohm (recipe_thermal.c). */
int cf_recipe_parse_thermal(const struct json_t *root, const char *source, struct cf_recipe *r, cf_error *err);

#endif
