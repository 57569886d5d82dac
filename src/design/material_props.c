/* material_props.c — densities, capacities, molar masses and stoichiometry
 * used by the design calculation.  Every number carries its source; [CALC]
 * means computed here from stated inputs, [ASSUME] a typical value with no
 * single source yet (listed as such in docs/materials.md). */
#include "design/material_props.h"

#include <math.h>
#include <string.h>

/* Theoretical capacities (F = 96485.33 C/mol, 1 mAh = 3.6 C) [CALC]:
 *   Sn -> Li22Sn5 (4.4 Li/Sn): 4.4 F / (3.6 * 118.71)  = 993.4 mAh/g
 *   Ni3Sn4 + 17.6 Li -> 4 Li4.4Sn + 3 Ni: 17.6 F / (3.6 * 650.92) = 724.7 mAh/g
 *   LiNiO2 (97.63 g/mol), 1 Li: 274.5 mAh/g;  LiMn2O4 (180.81 g/mol): 148.2 mAh/g. */
#define SN_mAh_g 993.4
#define NI3SN4_mAh_g 724.7
#define SN_DENSITY 7.285     /* beta-Sn, Poettgen, Z. Naturforsch. 61b (2006) 677 */
#define NI3SN4_DENSITY 8.65  /* [CALC] lattice C2/m a=12.214 b=4.0616 c=5.2174 A, beta=105.0 deg, Z=2 */
#define NI_DENSITY 8.908     /* CRC Handbook of Chemistry and Physics */

static const cf_dmat MATERIALS[] = {
    /* name, alias, label, role, carbon, absorbs, rho g/cm3, mAh/g, V vs Li, M g/mol, O, Li, Li/O max, d002,
     * most lithiated form.  For the simulable actives (src/materials/material_data.c) density and
     * capacity come from that table (coating.c); these two columns serve the other materials. */

    /* Negative actives */
    /* Graphite: crystal density 2.26 g/cm3 and d002 0.3354 nm (Franklin, Acta Cryst. 4 (1951) 253);
     * LiC6 372 mAh/g theoretical; 350 mAh/g practical [ASSUME typical commercial];
     * average delithiation potential ~0.13 V [ASSUME]. */
    {"graphite", NULL, "graphite", CF_ROLE_NEGATIVE_ACTIVE, 1, 1, 2.26, 350.0, 0.13, 12.011, 0, 0, 0, 0.3354, NULL},
    /* Hard carbon: true density 1.5-1.6, reversible 250-400 mAh/g [ASSUME: typical figures, no single source];
     * average potential 0.3 V for a slope + low plateau [ASSUME]. */
    {"hard_carbon", NULL, "hard carbon", CF_ROLE_NEGATIVE_ACTIVE, 1, 1, 1.55, 300.0, 0.30, 12.011, 0, 0, 0, 0, NULL},
    /* Tin: density and capacity above; average ~0.5 V from the Li-Sn plateaus 0.76..0.35 V
     * (Huggins, Handbook of Battery Materials, ch. 14) [ASSUME as an average]. */
    {"tin", "sn", "Sn", CF_ROLE_NEGATIVE_ACTIVE, 0, 1, SN_DENSITY, SN_mAh_g, 0.50, CF_M_SN, 0, 0, 0, 0, NULL},
    /* Sn-Ni alloy: density and capacity follow the phase split (cf_snni_*); these are the
     * Ni-free limits and are overridden per component. */
    {"sn_ni_alloy", NULL, "Sn-Ni alloy", CF_ROLE_NEGATIVE_ACTIVE, 0, 1, SN_DENSITY, SN_mAh_g, 0.50, 0, 0, 0, 0, 0, NULL},
    /* Lithium metal: 0.534 g/cm3 (CRC Handbook of Chemistry and Physics), 3860 mAh/g [CALC]. */
    {"lithium", "li", "Li metal", CF_ROLE_LITHIUM_METAL, 0, 0, 0.534, CF_LI_METAL_mAh_g, 0.0, CF_M_LI, 0, 1, 0, 0, NULL},

    /* Positive actives.  Molar masses [CALC] from standard atomic weights. */
    /* LiNiO2: 97.63 g/mol; crystal density 4.78 g/cm3 (R-3m, a=2.878 c=14.19 A, Z=3) [CALC];
     * 274.5 mAh/g per Li [CALC]; practical ~220 mAh/g to 4.3 V [ASSUME];
     * average 3.8 V (DUALFOIL 5.2 LiyNiO2 OCP 4.04..3.54 V) [ASSUME as an average].
     * Li/O as made 0.5; Li2NiO2 1.0 (Dahn et al., Solid State Ionics 44 (1990) 87). */
    {"linio2", "lini_o2", "LiNiO2", CF_ROLE_POSITIVE_ACTIVE, 0, 0, 4.78, 220.0, 3.80, 97.632, 2, 1, 1.0, 0, "Li2NiO2"},
    /* LiMn2O4: 180.81 g/mol; 4.14 g/cm3 (Doyle/Newman as in DUALFOIL 5.2); 148.2 mAh/g per Li
     * [CALC]; practical ~120 mAh/g [ASSUME]; average 4.0 V [ASSUME]. Li/O 0.25; Li2Mn2O4 0.5. */
    {"limn2o4", "lmo", "LiMn2O4", CF_ROLE_POSITIVE_ACTIVE, 0, 0, 4.14, 120.0, 4.00, 180.813, 4, 1, 0.5, 0, "Li2Mn2O4"},
    /* NMC811 LiNi0.8Mn0.1Co0.1O2: 97.28 g/mol; ~4.75 g/cm3 [ASSUME crystallographic];
     * 200 mAh/g to 4.2-4.3 V and 3.80 V average [ASSUME typical]. */
    {"nmc811", NULL, "NMC811", CF_ROLE_POSITIVE_ACTIVE, 0, 0, 4.75, 200.0, 3.80, 97.281, 2, 1, 0.5, 0, "LiNi0.8Mn0.1Co0.1O2"},
    /* LiCoO2: 97.87 g/mol; 5.05 g/cm3; ~145 mAh/g to 4.2 V; 3.9 V average [ASSUME typical]. */
    {"lco", "licoo2", "LiCoO2", CF_ROLE_POSITIVE_ACTIVE, 0, 0, 5.05, 145.0, 3.90, 97.872, 2, 1, 0.5, 0, "LiCoO2"},
    /* NCA LiNi0.8Co0.15Al0.05O2: 96.08 g/mol; 4.71 g/cm3 (DUALFOIL 5.2); ~190 mAh/g to 4.3 V and
     * 3.70 V average [ASSUME typical]. Li/O 0.5 (LiMO2). */
    {"nca", NULL, "NCA", CF_ROLE_POSITIVE_ACTIVE, 0, 0, 4.71, 190.0, 3.70, 96.083, 2, 1, 0.5, 0, "LiNi0.8Co0.15Al0.05O2"},
    /* LiFePO4: 157.76 g/mol; 3.60 g/cm3 [CALC, olivine lattice, material_data.c]; 160 mAh/g (170
     * theoretical); 3.40 V [ASSUME typical]. */
    {"lfp", "lifepo4", "LiFePO4", CF_ROLE_POSITIVE_ACTIVE, 0, 0, 3.60, 160.0, 3.40, 157.756, 4, 1, 0.25, 0, "LiFePO4"},

    /* Conductive additives and binders (inactive). */
    /* Carbon black: ~1.9 g/cm3 true density [ASSUME, 1.8-2.1 reported]. */
    {"carbon_black", "super_p", "carbon black", CF_ROLE_CONDUCTIVE, 1, 0, 1.90, 0, 0, 12.011, 0, 0, 0, 0, NULL},
    /* PVDF 1.78 g/cm3 (supplier data sheets: 1.75-1.80). */
    {"pvdf", NULL, "PVDF", CF_ROLE_BINDER, 0, 0, 1.78, 0, 0, 0, 0, 0, 0, 0, NULL},
    /* Na-CMC ~1.6 g/cm3 [ASSUME]; SBR 0.94 g/cm3 (0.93-0.96 typical). */
    {"cmc", NULL, "CMC", CF_ROLE_BINDER, 0, 0, 1.60, 0, 0, 0, 0, 0, 0, 0, NULL},
    {"sbr", NULL, "SBR", CF_ROLE_BINDER, 0, 0, 0.94, 0, 0, 0, 0, 0, 0, 0, NULL},

    /* Current collectors (CRC Handbook densities). */
    {"copper", "cu", "Cu foil", CF_ROLE_COLLECTOR, 0, 0, 8.96, 0, 0, 63.546, 0, 0, 0, 0, NULL},
    {"aluminium", "aluminum", "Al foil", CF_ROLE_COLLECTOR, 0, 0, 2.70, 0, 0, 26.982, 0, 0, 0, 0, NULL},
    {"nickel", "ni", "Ni foil", CF_ROLE_COLLECTOR, 0, 0, NI_DENSITY, 0, 0, CF_M_NI, 0, 0, 0, 0, NULL},

    /* Separator polymers: HDPE 0.94-0.97, PP 0.90-0.91 g/cm3 (polymer handbooks). */
    {"pe", NULL, "PE", CF_ROLE_SEPARATOR, 0, 0, 0.95, 0, 0, 0, 0, 0, 0, 0, NULL},
    {"pp", NULL, "PP", CF_ROLE_SEPARATOR, 0, 0, 0.90, 0, 0, 0, 0, 0, 0, 0, NULL},
};

size_t cf_dmat_count(void) { return sizeof MATERIALS / sizeof MATERIALS[0]; }

const cf_dmat *cf_dmat_at(size_t i)
{
    return i < cf_dmat_count() ? &MATERIALS[i] : NULL;
}

const cf_dmat *cf_dmat_find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < cf_dmat_count(); i++) {
        if (strcmp(MATERIALS[i].name, name) == 0) return &MATERIALS[i];
        if (MATERIALS[i].alias && strcmp(MATERIALS[i].alias, name) == 0) return &MATERIALS[i];
    }
    return NULL;
}

double cf_dsnni_ni_in_ni3sn4(void)
{
    return 3.0 * CF_M_NI / (3.0 * CF_M_NI + 4.0 * CF_M_SN); /* 0.27051 [CALC] */
}

/* Lever rule with all Ni in Ni3Sn4: f = w_Ni / 0.27051, Z = f / (1 - f). */
double cf_dsnni_z_lever(double w_ni)
{
    double f = w_ni / cf_dsnni_ni_in_ni3sn4();
    if (f >= 1.0) return INFINITY;
    return f / (1.0 - f);
}

/* Mass balance over the Sn + Ni part m = 1 - w_x (w_x: an inert third
 * element): a + b + c = m, a / b = Z, 0.27051 a + c = w_Ni
 *   => a = (m - w_Ni) / (1 + 1/Z - 0.27051),  c = w_Ni - 0.27051 a.
 * Without a measured Z (z < 0) all Ni is in Ni3Sn4 (c = 0) as far as the
 * Sn lasts. */
int cf_dsnni_phases_x(double w_ni, double w_x, double z, double *a, double *b, double *c)
{
    double k = cf_dsnni_ni_in_ni3sn4(), m = 1.0 - w_x;
    if (z < 0) {
        double f = w_ni / k;
        if (f > m) { /* more Ni than Ni3Sn4 holds: the rest is free Ni, no Sn */
            *a = (m - w_ni) / (1.0 - k);
            *b = 0.0;
            *c = m - *a;
            return 0;
        }
        *a = f;
        *b = m - f;
        *c = 0.0;
        return 0;
    }
    if (z == 0.0) {
        *a = 0.0;
        *c = w_ni;
        *b = m - w_ni;
        return 0;
    }
    *a = (m - w_ni) / (1.0 + 1.0 / z - k);
    *b = *a / z;
    *c = w_ni - k * *a;
    if (*c < -1e-9) return -1;
    if (*c < 0) *c = 0;
    return 0;
}

int cf_dsnni_phases(double w_ni, double z, double *a, double *b, double *c)
{
    return cf_dsnni_phases_x(w_ni, 0.0, z, a, b, c);
}

/* Third elements of Sn-Ni-X alloys, taken as inert (no lithiation data):
 * densities at 20 degC, CRC Handbook of Chemistry and Physics. */
static const struct { const char *symbol; double rho; } INERT[] = {
    {"Cu", 8.96}, {"Fe", 7.874}, {"Co", 8.90}, {"Ti", 4.506}, {"Mn", 7.21}, {"Cr", 7.19},
    {"Zn", 7.14}, {"Ag", 10.49}, {"Sb", 6.697}, {"Al", 2.70}, {"In", 7.31}, {"Bi", 9.78}};

double cf_dsnni_third_density(const char *symbol)
{
    for (size_t i = 0; i < sizeof INERT / sizeof INERT[0]; i++)
        if (strcmp(INERT[i].symbol, symbol) == 0) return INERT[i].rho;
    return 0.0;
}

const char *cf_dsnni_third_list(void) { return "Cu, Fe, Co, Ti, Mn, Cr, Zn, Ag, Sb, Al, In, Bi"; }

double cf_dsnni_density(double a, double b, double c)
{
    return 1.0 / (a / NI3SN4_DENSITY + b / SN_DENSITY + c / NI_DENSITY);
}

double cf_dsnni_capacity(double a, double b) { return a * NI3SN4_mAh_g + b * SN_mAh_g; }
