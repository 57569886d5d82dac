/* thermal_props.c — specific heats and conductivities of the recipe's
 * materials, for the cell's thermal data (docs/recipe.md, "thermal").
 *
 * Elements: the CRC Handbook of Chemistry and Physics (molar heat capacity
 * at 298.15 K over the molar mass; thermal conductivity and resistivity at
 * room temperature).  Compounds without a measured value at hand are
 * [CALC] Neumann-Kopp sums of the CRC's oxides or [ASSUME] typical values,
 * said per row.  Numbers in J/(kg K). */
#include "design/thermal_props.h"

#include <string.h>

typedef struct {
    const char *name;
    double cp_J_kg_K;
} cp_row;

static const cp_row CP[] = {
    /* graphite 8.517 J/(mol K) / 12.011 g/mol (CRC) */
    {"graphite", 709.0},
    /* hard carbon and carbon black: graphite's [ASSUME: disordered carbons
     * lie within a few percent of it at room temperature] */
    {"hard_carbon", 709.0},
    {"carbon_black", 709.0},
    /* tin 27.112 J/(mol K) / 118.71 (CRC) */
    {"tin", 228.4},
    /* Ni3Sn4 [CALC] Neumann-Kopp: (3 x 26.07 + 4 x 27.112) / 650.92 */
    {"ni3sn4", 286.8}, /* the Sn-Ni alloy: its phases by mass (design_thermal.c) */
    /* lithium 24.86 J/(mol K) / 6.941 (CRC) */
    {"lithium", 3582.0},
    /* LiMn2O4 [CALC] Neumann-Kopp over 1/2 Li2O + MnO2 + 1/2 Mn2O3 (CRC: 54.1,
     * 54.1, 107.7 J/(mol K)) = 135.0 J/(mol K) / 180.81 */
    {"limn2o4", 746.6},
    /* layered oxides and LiFePO4 [ASSUME]: 700 J/(kg K), the coatings' value
     * of Marquis et al., JES 166 (2019) A3693 */
    {"linio2", 700.0},
    {"nmc811", 700.0},
    {"nca", 700.0},
    {"lco", 700.0},
    {"lfp", 700.0},
    /* binders [ASSUME: polymer handbook ranges, the middle]: PVDF 1.2-1.4,
     * CMC ~1.2, SBR ~1.9 kJ/(kg K) */
    {"pvdf", 1300.0},
    {"cmc", 1200.0},
    {"sbr", 1900.0},
    /* collectors: Cu 24.44 / 63.546, Al 24.20 / 26.982, Ni 26.07 / 58.693 (CRC) */
    {"copper", 384.6},
    {"aluminium", 896.9},
    {"nickel", 444.2},
    /* separators [ASSUME: polymer handbook]: HDPE ~1.9, PP ~1.9 kJ/(kg K) */
    {"pe", 1900.0},
    {"pp", 1900.0},
};

double cf_thermal_material_cp(const char *name)
{
    for (size_t i = 0; i < sizeof CP / sizeof CP[0]; i++)
        if (strcmp(CP[i].name, name) == 0) return CP[i].cp_J_kg_K;
    return 0.0;
}

/* Collectors' thermal conductivity (W/(m K)) and electronic conductivity
 * (S/m, 1 / resistivity at 20 degC), CRC Handbook: Cu 401, 1.678e-8 Ohm m;
 * Al 237, 2.65e-8 Ohm m; Ni 90.9, 6.93e-8 Ohm m. */
int cf_thermal_collector(const char *name, double *k_W_m_K, double *sigma_S_m)
{
    static const struct { const char *name; double k, rho_e; } C[] = {
        {"copper", 401.0, 1.678e-8}, {"aluminium", 237.0, 2.65e-8}, {"nickel", 90.9, 6.93e-8}};
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++)
        if (strcmp(C[i].name, name) == 0) {
            *k_W_m_K = C[i].k;
            *sigma_S_m = 1.0 / C[i].rho_e;
            return 1;
        }
    return 0;
}
