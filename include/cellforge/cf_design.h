/* cf_design.h — cell design from a recipe file, and the seed-claim checks.
 *
 * A recipe (JSON, schema in docs/recipe.md) names the materials, loadings and
 * format of a cell.  From it:
 *   cf_design_compute()      masses, volumes, capacities, N/P, Wh/kg, Wh/L;
 *   cf_design_cell_params()  per-electrode quantities for the simulator (SI);
 *   cf_claims_check()        met / not_met / undetermined for every claim of
 *                            the three seeds, following their dependencies;
 *   cf_claims_design_around() the smallest single-variable change that flips
 *                            one claim, with its cost in Wh/kg and Wh/L.
 * Results are plain structs the caller owns (no allocation inside them). */
#ifndef CELLFORGE_CF_DESIGN_H
#define CELLFORGE_CF_DESIGN_H

#include <stddef.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CF_DESIGN_MAX_COMPONENTS 8
#define CF_DESIGN_MAX_ITEMS 32
#define CF_DESIGN_MAX_NOTES 8

/* ---------------------------------------------------------------- recipe */

typedef struct cf_recipe cf_recipe; /* opaque: a validated recipe */

/* Reads and validates a recipe file.  Unknown keys (with a suggestion),
 * missing fields, values out of range and inconsistent inputs are CF_EINVAL
 * with `where` = file:line:col or file: key.path. */
int cf_recipe_load(const char *path, cf_recipe **out, cf_error *err);
/* Same from text; `source` names it in messages (e.g. "<string>"). */
int cf_recipe_parse(const char *text, const char *source, cf_recipe **out, cf_error *err);
int cf_recipe_clone(const cf_recipe *r, cf_recipe **out, cf_error *err);
void cf_recipe_free(cf_recipe *r); /* NULL is harmless */
const char *cf_recipe_name(const cf_recipe *r);

/* ------------------------------------------------------- material facts
 * The one table both the design and the recipe -> cell mapping use
 * (docs/materials.md, "Material facts"): for every simulable material. */
typedef struct {
    const char *name, *formula;
    double density_kg_m3, molar_mass_g_mol;
    double theoretical_mAh_g;       /* sto 0 -> 1                                  */
    double c_max_mol_m3;            /* = density * theoretical * 3.6 / F            */
    double window_V[2];             /* stable potential window vs Li/Li+           */
    double sto_window[2];           /* sto at window_V[1] and window_V[0] (its OCP) */
    double sto_as_made;
    double practical_mAh_g;         /* between the window edges (from as made)     */
    double first_cycle_efficiency;  /* reversible / first charge                   */
    int first_cycle_loss_applied;   /* 1: its loss enters formation (the larger of
                                       the two electrodes' losses is lost)        */
    const char *ocp, *source;
} cf_material_facts;
int cf_material_facts_count(void);
/* Fills out for row i (0 <= i < count); CF_EINVAL out of range. */
int cf_material_facts_get(int i, cf_material_facts *out);
/* Every row as a JSON array (what `cellforge materials --json` prints),
 * malloc'ed: the caller frees it; NULL when out of memory. */
char *cf_material_facts_json(void);

/* ---------------------------------------------------------------- design */

/* How the coating's third quantity was obtained. */
typedef enum {
    CF_DESIGN_GIVEN_POROSITY = 1,
    CF_DESIGN_GIVEN_THICKNESS = 2,
    CF_DESIGN_GIVEN_DENSITY = 4
} cf_design_given;

/* Where a positive component's Li/O atomic ratio came from. */
typedef enum {
    CF_LIO_NONE = 0,      /* not an oxide with a known stoichiometry      */
    CF_LIO_NOMINAL = 1,   /* as-made stoichiometry (LiNiO2 0.5, ...)       */
    CF_LIO_GIVEN = 2,     /* the recipe's li_o_ratio                       */
    CF_LIO_RESERVOIR = 3  /* nominal + reservoir lithium, see docs/recipe.md */
} cf_lio_source;

/* One component of a coating; also what the simulator reads. */
typedef struct {
    char material[32];              /* registry name, e.g. "graphite"            */
    int is_active;                  /* stores lithium (specific capacity > 0)    */
    double mass_fraction;           /* of the dry coating                        */
    double volume_fraction;         /* of the coating volume (solid part), 0..1  */
    double density_kg_m3;           /* true (skeletal) density                   */
    double specific_capacity_mAh_g; /* practical: charge between the material's window
                                       edges (from as made, for positives); 0 inactive */
    double theoretical_capacity_mAh_g; /* sto 0 -> 1 of the material's OCP scale   */
    double first_cycle_efficiency;  /* reversible / first charge (material table) */
    double particle_radius_m;       /* 0 when unknown (from dv50_um / 2 or particle_radius_um) */
    double average_potential_V;     /* vs Li/Li+, 0 for inactive                 */
    double mass_g;                  /* in the whole cell                         */
    double capacity_Ah;             /* in the whole cell                         */
    /* positives: Li/O atomic ratio in the cell as assembled */
    double li_o_ratio;
    int li_o_source;                /* cf_lio_source                             */
    /* sn_ni_alloy: Ni mass fraction, Z = m(Ni3Sn4)/m(Sn), phase mass fractions */
    double ni_mass_fraction, sn_mass_fraction, z_ratio;
    double w_ni3sn4, w_sn, w_free_ni;
    int z_from_lever_rule;          /* 1: Z computed assuming all Ni in Ni3Sn4   */
    /* ternary Sn-Ni-X alloys: the third element, inert in the model */
    char third_element[8];
    double w_third, third_density_kg_m3;
} cf_design_component;

typedef struct {
    int given;                      /* cf_design_given bits the recipe gave      */
    int sides;                      /* coated sides per collector foil           */
    double coating_g_m2;            /* dry coating mass per side                 */
    double thickness_um;            /* coating thickness per side                */
    double porosity;                /* coating porosity, 0..1                    */
    double coating_density_g_cm3;   /* apparent density of the composite layer   */
    double skeleton_density_g_cm3;  /* pore-free density of the coating          */
    double electrode_density_g_cm3; /* coatings + collector, over their thickness */
    double collector_thickness_um;
    double areal_capacity_mAh_cm2;  /* per coated side                           */
    double area_m2;                 /* per side x sides x layers                 */
    double capacity_Ah;             /* reversible, whole electrode               */
    double host_capacity_Ah;        /* excluding lithium metal                   */
    double average_potential_V;     /* capacity-weighted, vs Li/Li+              */
    double mass_g, volume_cm3;      /* coatings + collector                      */
    size_t n_components;
    cf_design_component comp[CF_DESIGN_MAX_COMPONENTS];
} cf_design_electrode;

typedef struct {
    char name[48];     /* "positive nmc811", "negative collector copper", ...   */
    double mass_g;
    double volume_cm3;
} cf_design_item;

typedef struct {
    char name[128];
    cf_design_electrode negative, positive;
    double separator_thickness_um, separator_porosity;
    double np_ratio;                /* negative / positive reversible capacity   */
    double capacity_Ah;             /* nominal cell capacity                     */
    double nominal_voltage_V;
    int nominal_voltage_given;
    double energy_Wh;
    double reservoir_Ah;            /* lithium reservoir (3860 mAh/g)            */
    double first_charge_Ah;         /* lithium moved to the negative on 1st charge */
    double li_plated_Ah;            /* of it, plated as metal beyond the host    */
    int li_metal_negative;          /* Li metal serves as negative active material */
    /* From the open-circuit window (docs/recipe.md, "Capacity from the
     * window"): the same cell, OCPs and cut-offs the simulator uses. */
    int capacity_from_window;       /* 1: capacity and energy from the window; 0:
                                       from table capacities (a material has no OCP,
                                       or lithium metal is the negative)           */
    double v_min_V, v_max_V;        /* cell cut-offs, from both electrodes' windows */
    double neg_window_V[2], pos_window_V[2]; /* the electrodes' stable windows vs Li/Li+ */
    double u_neg_V[2], u_pos_V[2];  /* electrode potentials at v_min [0] and v_max [1] */
    double first_charge_cell_Ah;    /* formation: first charge to v_max          */
    double first_cycle_loss_Ah;     /* cyclable lithium it loses: the larger of  */
    double first_cycle_loss_neg_Ah; /*   the negative's (SEI it keeps) and       */
    double first_cycle_loss_pos_Ah; /*   the positive's (sites not refilled)     */
    double plating_risk_Ah;         /* first charge beyond the host's capacity on a
                                       host negative not declared for plating: a
                                       risk, not counted as capacity (0: none)     */
    double electrolyte_g;
    int electrolyte_source;         /* 0 g/Ah, 1 mass_g, 2 filled pore volume    */
    double pore_volume_cm3;
    double mass_g;                  /* whole cell incl. case                     */
    double volume_cm3;              /* used for Wh/L                             */
    double stack_volume_cm3;
    int volume_is_outer;            /* 1: outer dimensions; 0: stack volume       */
    double wh_per_kg, wh_per_L;
    /* Thermal data, when the recipe has a "thermal" block (docs/recipe.md):
     * the simulated cell's lumped heat capacity is heat_capacity_J_K. */
    int has_thermal;
    double heat_capacity_J_K;       /* sum of mass x specific heat (or the given ones) */
    double specific_heat_J_kg_K;    /* heat_capacity_J_K / thermal_mass_g            */
    double thermal_mass_g;          /* the cell's mass, or the recipe's thermal.mass_g */
    double cooling_area_m2;         /* given, or the outer size's surface            */
    double heat_transfer_W_m2_K;
    size_t n_items;
    cf_design_item items[CF_DESIGN_MAX_ITEMS];
    size_t n_notes;
    char notes[CF_DESIGN_MAX_NOTES][200]; /* assumptions and warnings            */
} cf_design;

int cf_design_compute(const cf_recipe *r, cf_design *out, cf_error *err);
/* The design as JSON text (what `cellforge design --json` prints), malloc'ed:
 * the caller frees it; NULL when out of memory. */
char *cf_design_json(const cf_design *d);
/* What the recipe gave of a coating (cf_design_given bits): "porosity", ... */
const char *cf_design_given_name(int given);

/* ------------------------------------------------- simulator parameters
 * Everything the model needs from the design, SI units.  The electrode
 * entries are the same structs as in cf_design (coating thickness is
 * thickness_um; here also in metres). */
typedef struct {
    double thickness_m;             /* coating thickness, one side               */
    double porosity;
    double area_m2;                 /* per side x sides x layers                 */
    double nominal_capacity_Ah;
    double collector_thickness_m;
    double active_volume_fraction;  /* sum over active components                */
    double thickness_swelling;      /* recipe's thickness_swelling (0: held)     */
    size_t n_components;
    cf_design_component comp[CF_DESIGN_MAX_COMPONENTS]; /* volume fractions incl. actives */
} cf_design_electrode_params;

typedef struct {
    cf_design_electrode_params negative, positive;
    double separator_thickness_m, separator_porosity;
    double electrolyte_concentration_mol_m3;
    int electrolyte_porous_polymer; /* 1: porous polymer (gel) electrolyte        */
    double reservoir_li_mol;        /* lithium metal reservoir, 0 if none        */
    int reservoir_on_positive;      /* 1: connected to the positive              */
    double reservoir_area_m2;       /* its wetted area; 0: the default            */
    double reservoir_path_m;        /* electrolyte path to the positive; 0: default */
    double reservoir_j0_A_m2;       /* its exchange current at 1 M; 0: default    */
    double plating_j0_A_m2;         /* plating on the negative; 0: the default    */
    double plating_efficiency;      /* share of plated lithium kept; 0: default   */
    double li_plated_Ah;            /* the design's lithium plated on the first charge */
    int positive_collector_aluminium; /* 1: the positive's collector is aluminium */
    double nominal_capacity_Ah, nominal_voltage_V;
    double first_charge_after_electrolyte_s; /* < 0 when the recipe does not say */
} cf_design_params;

int cf_design_cell_params(const cf_recipe *r, cf_design_params *out, cf_error *err);

/* The recipe as model parameters for the simulator (src/design/recipe_cell.c):
 * phases from the active components with the material table's
 * electrochemistry; the cell is marked assembled_discharged. */
struct cf_cell;
int cf_recipe_to_cell(const cf_recipe *r, struct cf_cell **out, cf_error *err);

/* ---------------------------------------------------------- process record
 * What a simulation (or a real formation) reports; schema in docs/recipe.md.
 * A field is used only when its has_ flag is set. */
typedef struct {
    int has_first_charge_after_contact_h;
    double first_charge_after_contact_h;
    int has_min_positive_potential_V;
    double min_positive_potential_V;
    int has_li_o_ratio_after_prelithiation;
    double li_o_ratio_after_prelithiation;
    int has_li_metal_plated_Ah;
    double li_metal_plated_Ah;
    /* the positive's collector: time below the alloying threshold, lithium alloyed */
    int has_time_below_threshold_s;
    double time_below_threshold_s, threshold_V;
    int has_li_alloyed_Ah;
    double li_alloyed_Ah;
} cf_run_record;

int cf_run_record_load(const char *path, cf_run_record *out, cf_error *err);
int cf_run_record_parse(const char *text, const char *source, cf_run_record *out, cf_error *err);

/* ------------------------------------------------------------------ claims */

typedef enum { CF_CLAIM_MET = 0, CF_CLAIM_NOT_MET = 1, CF_CLAIM_UNDETERMINED = 2 } cf_claim_status;

#define CF_CLAIM_MAX_VALUES 12
#define CF_CLAIM_MAX_DEPS 8
#define CF_CLAIMS_MAX 48

typedef struct {
    char name[32];      /* "Z", "porosity_pct", "electrolyte_type"             */
    int is_text;
    double num;         /* when !is_text                                       */
    char text[40];      /* when is_text                                        */
} cf_claim_value;

typedef struct {
    const char *seed;   /* "000_441cfe1333df67aa" (static storage)              */
    int claim;
    int status;         /* cf_claim_status                                     */
    size_t n_values;
    cf_claim_value values[CF_CLAIM_MAX_VALUES];
    char range[320];    /* the claimed range, in the claim's wording as bounds */
    size_t n_deps;
    int depends_on[CF_CLAIM_MAX_DEPS]; /* "according to claim a or b": any one */
    char reason[400];
} cf_claim_result;

typedef struct {
    size_t n;
    cf_claim_result r[CF_CLAIMS_MAX];
} cf_claims_report;

const char *cf_claim_status_name(int status); /* "met", "not_met", "undetermined" */

/* Checks every claim of every seed.  run may be NULL. */
int cf_claims_check(const cf_recipe *r, const cf_run_record *run, cf_claims_report *out,
                    cf_error *err);

/* Seeds and claims known to the checker. */
size_t cf_claims_seed_count(void);
const char *cf_claims_seed_name(size_t i);
/* Resolves "000", "000_441cfe1333df67aa" or "441cfe1333df67aa" to the full name. */
const char *cf_claims_seed_resolve(const char *name);

typedef struct {
    const char *seed;
    int claim;
    size_t n_deps;
    int depends_on[CF_CLAIM_MAX_DEPS];
    const char *text;   /* the claim text as in the seed (OCR noise removed)   */
    const char *check;  /* what the check computes and how bounds are read     */
} cf_claim_info;

int cf_claims_explain(const char *seed, int claim, cf_claim_info *out, cf_error *err);

/* ------------------------------------------------------------ design-around */

#define CF_DESIGN_AROUND_MAX 8

typedef struct {
    char variable[96];      /* recipe key path, e.g. "negative.porosity"       */
    int is_text;
    double from, to;        /* numeric change                                  */
    char from_text[40], to_text[40];
    double relative_change; /* |to - from| / |from| (text changes: +inf rank)  */
    int new_status;
    double d_wh_per_kg, d_wh_per_L; /* after - before                          */
    double wh_per_kg, wh_per_L;     /* after                                   */
} cf_design_change;

typedef struct {
    const char *seed;
    int claim;
    int status;             /* before                                          */
    double wh_per_kg, wh_per_L; /* before                                      */
    size_t n;               /* candidates found, best (smallest) first         */
    cf_design_change c[CF_DESIGN_AROUND_MAX];
    char note[400];         /* why nothing was found, or what was assumed      */
} cf_design_around;

int cf_claims_design_around(const cf_recipe *r, const cf_run_record *run, const char *seed,
                            int claim, cf_design_around *out, cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
