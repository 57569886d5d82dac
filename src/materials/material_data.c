/* material_data.c — the table behind cf_material_data_find().
 *
 * Reference state: c_max and the density refer to the material as made (Sn,
 * Ni3Sn4, hard carbon, graphite, NMC811 and NCA as given by their sources,
 * LiNiO2, LiMn2O4), so c_max is "Li per m3 of the particle as it goes into the
 * electrode" and volume_expansion is the growth from that state to sto = 1.
 * [CALC] lines use F = 96485.33212 C/mol, N_A = 6.02214076e23.
 *
 * j0_ref [ASSUME] where no source gives kinetics: chosen so that
 * j0 = j0_ref * sqrt(1000) * (c_max/2) is 1–2 A/m2 at 1 M and half lithiation,
 * the middle of the usual 1–5 A/m2 for Li-ion insertion electrodes. */
#include <string.h>

#include "material_data.h"

static const cf_material_data TABLE[] = {
    /* Sn: 4.4 Li per Sn (Sn -> Li22Sn5); 7285/0.11871 = 61 368 Sn/m3 * 4.4
     * = 270 019 mol/m3 [CALC]; density beta-Sn [SRC Pöttgen 2006].
     * Expansion: 96.7 A^3 per Sn in Li22Sn5 / 27.05 A^3 in beta-Sn - 1 = 2.575
     * [CALC, REFERENCE §1].  D: apparent (PITT on Cu6Sn5) 1e-15..1e-14 m2/s
     * [SRC range], 3e-15 its geometric middle [ASSUME].  j0 2.0 A/m2 [ASSUME]. */
    {"tin", "Sn", 270019.0, 7285.0, 0.11871, 2.575, 3e-15, 4.68e-7, 2.0, "tin_ocp_li4.4sn", 0.0, 1.0,
     0.0, "Huggins handbook ch. 14 plateaus; Pottgen 2006 density; REFERENCE.md §1"},
    /* Ni3Sn4 + 17.6 Li -> 4 Li4.4Sn + 3 Ni.  8650/0.65092 = 13 289 f.u./m3 *
     * 17.6 = 233 884 mol/m3 [CALC]; density from the C2/m lattice [CALC].
     * Expansion from molar volumes: Ni3Sn4 650.92/8.65 = 75.25 cm3/mol;
     * Li4.4Sn 96.7 A^3 * N_A = 58.23 cm3/mol per Sn; Ni 58.6934/8.908 = 6.589;
     * (4*58.23 + 3*6.589)/75.25 - 1 = 2.358 [CALC] (the Ni stays in the
     * particle as inert nanograins).  D: lower end of the Sn range, 1e-15
     * [ASSUME: conversion slower than alloying].  j0 1.0 A/m2 [ASSUME]. */
    {"ni3sn4", "Ni3Sn4", 233884.0, 8650.0, 0.65092, 2.358, 1e-15, 2.70e-7, 1.0, "ni3sn4_ocp", 0.0, 1.0,
     0.0, "[ASSUME] conversion profile; lattice density and molar volumes [CALC]; REFERENCE.md §1"},
    /* 300 mAh/g * 3.6 C/mAh * 1.55e6 g/m3 / F = 17 350 mol/m3 [CALC from
     * ASSUME density 1.55 g/cm3 and 300 mAh/g reversible, REFERENCE §3].
     * Expansion ~1 % [ASSUME: hard carbons barely swell].  D 1e-14 [ASSUME].
     * j0 2.0 A/m2 [ASSUME].  Molar mass per C atom. */
    {"hard_carbon", "C", 17350.0, 1550.0, 0.012011, 0.01, 1e-14, 7.29e-6, 2.0, "hard_carbon_ocp", 0.0, 1.0,
     0.0, "[ASSUME] REFERENCE.md §3 (1.5-1.6 g/cm3, 250-400 mAh/g)"},
    /* Chen2020 (PyBaMM set, REFERENCE §5): c_max 33 133, D 3.3e-14, m_ref
     * 6.48e-7 -> j0 = 0.34 A/m2 at 1 M, half lithiation [CALC] (low, as
     * published).  Density 2260 [SRC Franklin 1951] (sites at that density:
     * 2260/0.072066 = 31 360 per m3 of LiC6 sites, 5 % under Chen's fitted
     * c_max).  Expansion LiC6 ~ +10 % [ASSUME: commonly quoted]. */
    {"graphite", "C6", 33133.0, 2260.0, 0.072066, 0.10, 3.3e-14, 6.48e-7, 0.339, "graphite_chen2020", 0.0,
     1.0, 0.0, "Chen et al., JES 167 (2020) 080534 (PyBaMM Chen2020)"},
    /* Chen2020: c_max 63 104, D 4e-15, m_ref 3.42e-6 -> 3.41 A/m2 [CALC].
     * Density 4750 [ASSUME] (at that density 1 Li/f.u. is only 48 828 mol/m3:
     * Chen's fitted c_max is 29 % above the crystallographic site density).
     * As made the oxide is fully lithiated; on Chen's scale that is about
     * sto 0.91, the positive's stoichiometry at 0 % SOC [ASSUME: recalled from
     * Chen 2020, check].  Expansion from there to sto 1: ~0 [ASSUME]
     * (delithiation shrinks NMC811 by up to ~5 %, not modelled here). */
    {"nmc811", "LiNi0.8Mn0.1Co0.1O2", 63104.0, 4750.0, 0.097281, 0.0, 4e-15, 3.42e-6, 3.41,
     "nmc811_chen2020", 0.0, 1.0, 0.91, "Chen et al., JES 167 (2020) 080534 (PyBaMM Chen2020)"},
    /* sto = y/2 in Li_yNiO2 (as made y = 1).  2 * 4780/0.097632 = 97 919
     * mol/m3 [CALC]; density from the R-3m lattice [CALC, design table].
     * Expansion LiNiO2 -> Li2NiO2 (1T) ~ +24 % [ASSUME: from a = 3.09,
     * c = 5.08 A recalled for 1T-Li2NiO2, unverified].  D 5e-15 [ASSUME].
     * j0 2.0 A/m2 [ASSUME]. */
    {"linio2", "LiNiO2", 97919.0, 4780.0, 0.097632, 0.24, 5e-15, 1.29e-6, 2.0, "linio2_ocp", 0.0, 1.0, 0.5,
     "DUALFOIL 5.2 (Doyle) OCP; Dahn et al., SSI 44 (1990) 87; [ASSUME] over-lithiation"},
    /* sto = y/2 in Li_yMn2O4 (as made y = 1).  2 * 4140/0.180813 = 45 793
     * mol/m3 [CALC]; density 4140 (Doyle/Newman, DUALFOIL 5.2).  Expansion
     * LiMn2O4 -> tetragonal Li2Mn2O4 ~ +6.5 % [ASSUME: commonly quoted for the
     * Jahn–Teller transition].  D 1e-13 [ASSUME].  j0 2.0 A/m2 [ASSUME]. */
    {"limn2o4", "LiMn2O4", 45793.0, 4140.0, 0.180813, 0.065, 1e-13, 2.76e-6, 2.0, "limn2o4_ocp", 0.0, 1.0,
     0.5, "Doyle et al. 1996 and DUALFOIL 5.2 lower plateau; [ASSUME] joins"},
    /* NCA: 279 mAh/g, 4710 kg/m3 (DUALFOIL 5.2) -> 49 030 mol/m3 [CALC];
     * PyBaMM NCA_Kim2011 uses 49 000 and D 3e-15 [SRC].  As made sto = 1, so
     * the expansion to sto 1 is 0.  j0 2.0 A/m2 [ASSUME]. */
    {"nca", "LiNi0.8Co0.15Al0.05O2", 49030.0, 4710.0, 0.096083, 0.0, 3e-15, 2.58e-6, 2.0, "nca_ocp_albertus",
     0.0, 1.0, 1.0, "Albertus fit, DUALFOIL 5.2; PyBaMM NCA_Kim2011"},
    /* LiCoO2: 1 Li per f.u., 5050/0.097872 = 51 598 mol/m3 [CALC] (Ramadass
     * 2004 and LIONSIMBA use 51 555); density 5.05 g/cm3 as in the design
     * table [ASSUME typical].  D 1e-14 (Ramadass 2004) [SRC].  Kinetics: the
     * LIONSIMBA rate constant k = 2.334e-11 m^2.5/(mol^0.5 s) gives j0_ref =
     * F k = 2.25e-6, j0 = 1.84 A/m2 at 1 M, half lithiation [CALC].  As made
     * y = 1; delithiation to y 0.5 changes the volume by ~2 %, not modelled
     * (expansion 0). */
    {"lco", "LiCoO2", 51598.0, 5050.0, 0.097872, 0.0, 1e-14, 2.252e-6, 1.84, "lco_ocp_ramadass", 0.47, 1.0, 1.0,
     "Ramadass et al., JES 151 (2004) A196; Torchio et al. (LIONSIMBA), JES 163 (2016) A1192"},
    /* Li metal: 534/0.006941 = 76 934 mol/m3 [CALC]; molar volume 1.3e-5
     * m3/mol [SRC PyBaMM Xu2019].  No OCP: 0 V vs Li/Li+ by definition; sto is
     * meaningless (always 1).  Not a host: it dissolves and plates, so
     * expansion and D do not apply (0).  Kinetics are not of the j0_ref form:
     * i0 = 3.5e-8 F c_Li^0.7 c_e^0.3 (Xu et al., JES 166 (2019) A3456) = 70.6
     * A/m2 at 1 M [CALC], which j0_typical carries; j0_ref is 0. */
    {"lithium_metal", "Li", 76934.0, 534.0, 0.006941, 0.0, 0.0, 0.0, 70.6, NULL, 1.0, 1.0, 1.0,
     "REFERENCE.md §2; Xu et al., JES 166 (2019) A3456"},
};

int cf_material_data_count(void) { return (int)(sizeof TABLE / sizeof TABLE[0]); }

const cf_material_data *cf_material_data_get(int index)
{
    if (index < 0 || index >= cf_material_data_count()) return NULL;
    return &TABLE[index];
}

const cf_material_data *cf_material_data_find(const char *name)
{
    if (!name) return NULL;
    for (int i = 0; i < cf_material_data_count(); i++)
        if (strcmp(TABLE[i].name, name) == 0) return &TABLE[i];
    return NULL;
}
