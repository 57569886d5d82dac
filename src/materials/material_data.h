/* material_data.h — the facts about each active material that both the
 * design calculation and the recipe -> cell mapping use: site
 * concentration, density and theoretical capacity (tied by
 * c_max = rho * q_theo * 3.6 / F), the stable potential window vs Li/Li+,
 * first-cycle efficiency, expansion, transport and kinetics.  Sources and
 * [ASSUME] labels: material_data.c and docs/materials.md. */
#ifndef CF_MATERIAL_DATA_H
#define CF_MATERIAL_DATA_H

typedef struct {
    const char *name;            /* lookup key ("tin", "linio2", ...)                          */
    const char *formula;         /* the formula unit molar_mass refers to                      */
    double c_max_mol_m3;         /* Li at sto = 1 per m3 of the reference (density) state      */
    double density_kg_m3;        /* true density of the reference (as-made) state              */
    double molar_mass_kg_mol;    /* of `formula`                                               */
    double q_theo_mAh_g;         /* charge from sto 0 to 1 per gram of the reference state     */
    double volume_expansion;     /* V(sto = 1)/V_ref - 1 (0.1 = +10 %)                         */
    double diffusivity_m2_s;     /* suggested apparent solid diffusivity at 298 K (0: n/a)    */
    double j0_ref;               /* A/m2 (m3/mol)^1.5: j0 = j0_ref ce^.5 cs^.5 (cmax - cs)^.5  */
    double j0_typical_A_m2;      /* j0 at c_e = 1000 mol/m3, sto = 0.5, 298 K                  */
    const char *ocp;             /* registered OCP function name; NULL if none                 */
    double sto_min, sto_max;     /* range of sto the OCP covers                                */
    double sto_as_made;          /* sto of the material as synthesised / assembled             */
    double u_min_V, u_max_V;     /* stable potential window vs Li/Li+                          */
    double first_cycle_efficiency; /* reversible / first-charge capacity in a half cell         */
    int fce_applied;             /* 1: its first-cycle loss enters formation (negative: SEI;
                                    positive: sites not refilled; the larger is lost); 0: n/a   */
    double radius_typical_m;     /* particle radius a recipe without a size gets (0: 5 um)     */
    const char *source;          /* where the numbers come from                                */
} cf_material_data;

/* The row called `name`, or NULL (also for NULL). */
const cf_material_data *cf_material_data_find(const char *name);
/* Rows for iteration: count and row by index (NULL out of range). */
int cf_material_data_count(void);
const cf_material_data *cf_material_data_get(int index);

/* c_max = rho * q * 3.6 / F (mol/m3 from kg/m3 and mAh/g: 1 mAh = 3.6 C). */
double cf_material_c_max(double density_kg_m3, double q_mAh_g);

/* The stoichiometries at which the material's OCP equals u_max_V (sto_lo)
 * and u_min_V (sto_hi), clamped to [sto_min, sto_max]; 0 on success, -1 when
 * the material has no OCP.  The practical specific capacity between the
 * window edges is q_theo * (sto_hi - sto_lo). */
int cf_material_window_sto(const cf_material_data *m, double *sto_lo, double *sto_hi);

#endif
