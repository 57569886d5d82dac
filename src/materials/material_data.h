/* material_data.h — per-material numbers a recipe -> cell mapping needs
 * alongside the OCP: site concentration, density, expansion, transport and
 * kinetics.  Sources and [ASSUME] labels: material_data.c and
 * docs/materials.md ("Electrochemical material functions"). */
#ifndef CF_MATERIAL_DATA_H
#define CF_MATERIAL_DATA_H

typedef struct {
    const char *name;            /* lookup key ("tin", "linio2", ...)                          */
    const char *formula;         /* the formula unit molar_mass refers to                      */
    double c_max_mol_m3;         /* Li at sto = 1 per m3 of the reference (density) state      */
    double density_kg_m3;        /* true density of the reference (as-made) state       */
    double molar_mass_kg_mol;    /* of `formula`                                               */
    double volume_expansion;     /* V(sto = 1)/V_ref - 1 (0.1 = +10 %)                         */
    double diffusivity_m2_s;     /* suggested apparent solid diffusivity at 298 K (0: n/a)    */
    double j0_ref;               /* A/m2 (m3/mol)^1.5: j0 = j0_ref ce^.5 cs^.5 (cmax - cs)^.5  */
    double j0_typical_A_m2;      /* j0 at c_e = 1000 mol/m3, sto = 0.5, 298 K                  */
    const char *ocp;             /* registered OCP function name; NULL if none                 */
    double sto_min, sto_max;     /* range of sto the OCP covers                                */
    double sto_as_made;          /* sto of the material as synthesised / assembled             */
    const char *source;          /* where the numbers come from                                */
} cf_material_data;

/* The row called `name`, or NULL (also for NULL). */
const cf_material_data *cf_material_data_find(const char *name);
/* Rows for iteration: count and row by index (NULL out of range). */
int cf_material_data_count(void);
const cf_material_data *cf_material_data_get(int index);

#endif
