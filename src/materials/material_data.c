/* material_data.c — the table behind cf_material_data_find().
 *
 * One set of facts per active material, used by the design calculation
 * (capacity, density) and the recipe -> cell mapping (c_max, OCP, window,
 * first-cycle loss) alike, so the two cannot disagree.
 *
 * Reference state: c_max and the density refer to the material as made (Sn,
 * Ni3Sn4, hard carbon, graphite, NMC811, NCA, LiCoO2, LiNiO2, LiMn2O4), so
 * c_max is "Li per m3 of the particle as it goes into the electrode", sto is
 * Li per formula unit / Li at sto 1, and volume_expansion is the growth from
 * that state to sto = 1.  Every row obeys c_max = rho * q_theo * 3.6 / F
 * (test_materials checks it to 0.1 %).  [CALC] lines use F = 96485.33212
 * C/mol, N_A = 6.02214076e23.
 *
 * Windows vs Li/Li+ (u_min, u_max): hosts (graphite, hard carbon, Sn,
 * Ni3Sn4) end at 0 V, where metallic lithium deposits instead of entering
 * the host (thermodynamics: 0 V vs Li/Li+ is the Li/Li+ equilibrium); their
 * upper limit, 1.0 V, is a usual upper cut-off of negative half-cell tests
 * [ASSUME] (the hosts hold < 2 % of their lithium above it), far below
 * copper's dissolution (Cu2+/Cu 0.342 V vs SHE, Li+/Li -3.040 V: 3.38 V vs
 * Li/Li+ [CALC, CRC Handbook standard potentials]).
 *
 * j0_ref [ASSUME] where no source gives kinetics: chosen so that
 * j0 = j0_ref * sqrt(1000) * (c_max/2) is 1–2 A/m2 at 1 M and half lithiation,
 * the middle of the usual 1–5 A/m2 for Li-ion insertion electrodes. */
#include <math.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "material_data.h"

static const cf_material_data TABLE[] = {
    /* Sn: 4.4 Li per Sn (Sn -> Li22Sn5): 4.4 F / (3.6 * 118.71) = 993.4 mAh/g;
     * 7285/0.11871 = 61 368 Sn/m3 * 4.4 = 270 019 mol/m3 [CALC]; density
     * beta-Sn [SRC Pöttgen 2006].  Expansion: 96.7 A^3 per Sn in Li22Sn5 /
     * 27.05 A^3 in beta-Sn - 1 = 2.575 [CALC from the lattice constants].  D: apparent
     * (PITT on Cu6Sn5) 1e-15..1e-14 m2/s [SRC range], 3e-15 its geometric
     * middle [ASSUME].  j0 2.0 A/m2 [ASSUME].  First-cycle efficiency 0.80
     * [ASSUME: Sn powders lose 15-30 % on the first lithiation to SEI on the
     * fresh surface that cracking exposes; Winter & Besenhard, Electrochim.
     * Acta 45 (1999) 31]. */
    {.name = "tin", .formula = "Sn", .c_max_mol_m3 = 270019.0, .density_kg_m3 = 7285.0,
     .molar_mass_kg_mol = 0.11871, .q_theo_mAh_g = 993.4, .volume_expansion = 2.575, .diffusivity_m2_s = 3e-15,
     .j0_ref = 4.68e-7, .j0_typical_A_m2 = 2.0, .ocp = "tin_ocp_li4.4sn", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 0.0, .u_min_V = 0.0, .u_max_V = 1.0, .first_cycle_efficiency = 0.80, .fce_applied = 1,
     .source = "Huggins handbook ch. 14 plateaus; Pottgen 2006 density; Winter & Besenhard 1999"},
    /* Ni3Sn4 + 17.6 Li -> 4 Li4.4Sn + 3 Ni: 17.6 F / (3.6 * 650.92) = 724.7
     * mAh/g; 8650/0.65092 = 13 289 f.u./m3 * 17.6 = 233 884 mol/m3 [CALC];
     * density from the C2/m lattice [CALC].  Expansion from molar volumes:
     * Ni3Sn4 650.92/8.65 = 75.25 cm3/mol; Li4.4Sn 96.7 A^3 * N_A = 58.23
     * cm3/mol per Sn; Ni 58.6934/8.908 = 6.589; (4*58.23 + 3*6.589)/75.25 - 1
     * = 2.358 [CALC] (the Ni stays in the particle as inert nanograins).
     * D: lower end of the Sn range, 1e-15 [ASSUME: conversion slower than
     * alloying].  j0 1.0 A/m2 [ASSUME].  First-cycle efficiency as Sn
     * [ASSUME]. */
    {.name = "ni3sn4", .formula = "Ni3Sn4", .c_max_mol_m3 = 233884.0, .density_kg_m3 = 8650.0,
     .molar_mass_kg_mol = 0.65092, .q_theo_mAh_g = 724.7, .volume_expansion = 2.358, .diffusivity_m2_s = 1e-15,
     .j0_ref = 2.70e-7, .j0_typical_A_m2 = 1.0, .ocp = "ni3sn4_ocp", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 0.0, .u_min_V = 0.0, .u_max_V = 1.0, .first_cycle_efficiency = 0.80, .fce_applied = 1,
     .source = "[ASSUME] conversion profile; density from the C2/m lattice and molar volumes [CALC]"},
    /* 300 mAh/g * 3.6 C/mAh * 1.55e6 g/m3 / F = 17 350 mol/m3 [CALC from
     * ASSUME density 1.55 g/cm3 and 300 mAh/g reversible, the middle of the
     * typical 1.5-1.6 g/cm3, 250-400 mAh/g].  sto 1 is that reversible capacity.
     * Expansion ~1 % [ASSUME: hard carbons barely swell].  D 1e-14 [ASSUME].
     * j0 2.0 A/m2 [ASSUME].  First-cycle efficiency 0.80: the middle of the
     * 75-85 % typical of hard carbons [ASSUME: no single source].  Molar mass
     * per C atom. */
    {.name = "hard_carbon", .formula = "C", .c_max_mol_m3 = 17350.0, .density_kg_m3 = 1550.0,
     .molar_mass_kg_mol = 0.012011, .q_theo_mAh_g = 300.0, .volume_expansion = 0.01, .diffusivity_m2_s = 1e-14,
     .j0_ref = 7.29e-6, .j0_typical_A_m2 = 2.0, .ocp = "hard_carbon_ocp", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 0.0, .u_min_V = 0.0, .u_max_V = 1.0, .first_cycle_efficiency = 0.80, .fce_applied = 1,
     .source = "[ASSUME] typical hard carbons: 1.5-1.6 g/cm3, 250-400 mAh/g, 75-85 % first cycle"},
    /* LiC6: F / (3.6 * 72.066) = 371.9 mAh/g; density 2260 [SRC Franklin
     * 1951] gives 2260/0.072066 = 31 360 mol/m3 [CALC] (Chen2020 fitted
     * 33 133, 5.7 % above the site density; the built-in chen2020 cell keeps
     * Chen's value).  OCP, D 3.3e-14 and m_ref 6.48e-7 from Chen2020 (Chen et
     * al., JES 167 (2020) 080534, as PyBaMM's set): j0 = 0.32 A/m2 at 1 M, half lithiation [CALC] (low,
     * as published).  Expansion LiC6 ~ +10 % [ASSUME: commonly quoted].
     * First-cycle efficiency 0.92 [ASSUME: 90-95 % typical of commercial
     * graphites; the loss scales with surface area: Fong, von Sacken & Dahn,
     * JES 137 (1990) 2009]. */
    {.name = "graphite", .formula = "C6", .c_max_mol_m3 = 31360.0, .density_kg_m3 = 2260.0,
     .molar_mass_kg_mol = 0.072066, .q_theo_mAh_g = 371.9, .volume_expansion = 0.10, .diffusivity_m2_s = 3.3e-14,
     .j0_ref = 6.48e-7, .j0_typical_A_m2 = 0.3213, .ocp = "graphite_chen2020", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 0.0, .u_min_V = 0.0, .u_max_V = 1.0, .first_cycle_efficiency = 0.92, .fce_applied = 1,
     .source = "Chen et al., JES 167 (2020) 080534 (OCP, D, m_ref); Franklin 1951 density; Fong et al. 1990"},
    /* LiNi0.8Mn0.1Co0.1O2: F / (3.6 * 97.281) = 275.5 mAh/g; at 4750 kg/m3
     * [ASSUME crystallographic] that is 4750/0.097281 = 48 828 mol/m3 [CALC].
     * Chen2020 fitted 63 104, 29 % above this site density (their c_max and
     * active fraction are fitted together); here sto is Li per formula unit,
     * Chen's OCP is read on that scale (its 0 % SOC, sto 0.91, is then 91 %
     * lithiated, as a formed cell after its first-cycle loss) and c_max is the
     * site density, so the capacity follows from mass, density and window.
     * D 4e-15, m_ref 3.42e-6 (Chen2020) -> j0 2.64 A/m2 [CALC].  As made
     * Li1.0: sto 1.  Window: 3.0 V [ASSUME: usual lower cut-off of half-cell
     * tests] to 4.3 V (lattice oxygen release sets in at ~80 % delithiation,
     * ~4.3 V, for NMC811: Jung et al., JES 164 (2017) A1361).  First-cycle
     * efficiency 0.89 [ASSUME: 86-90 % typical of Ni-rich NMC]: sites the first
     * discharge cannot refill (Kasnatscheew et al., PCCP 18 (2016) 3956). */
    {.name = "nmc811", .formula = "LiNi0.8Mn0.1Co0.1O2", .c_max_mol_m3 = 48828.0, .density_kg_m3 = 4750.0,
     .molar_mass_kg_mol = 0.097281, .q_theo_mAh_g = 275.5, .volume_expansion = 0.0, .diffusivity_m2_s = 4e-15,
     .j0_ref = 3.42e-6, .j0_typical_A_m2 = 2.640, .ocp = "nmc811_chen2020", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 1.0, .u_min_V = 3.0, .u_max_V = 4.3, .first_cycle_efficiency = 0.89, .fce_applied = 1,
     .source = "Chen et al., JES 167 (2020) 080534 (OCP, D, m_ref); Jung et al., JES 164 (2017) A1361 (4.3 V)"},
    /* sto = y/2 in Li_yNiO2 (as made y = 1): 2 F / (3.6 * 97.632) = 549.0
     * mAh/g; 2 * 4780/0.097632 = 97 919 mol/m3 [CALC]; density from the
     * R-3m lattice [CALC].  Expansion LiNiO2 -> Li2NiO2 (1T) ~ +24 % [ASSUME:
     * from a = 3.09, c = 5.08 A recalled for 1T-Li2NiO2, unverified].  D 5e-15
     * [ASSUME].  j0 2.0 A/m2 [ASSUME].  Window 1.5-4.3 V: the over-lithiation
     * to Li2NiO2 near 1.9 V is reversible (Dahn et al., SSI 44 (1990) 87) and
     * is the seed-001 use, so the lower limit sits below it [ASSUME]; upper
     * as Ni-rich NMC [ASSUME].  First-cycle efficiency 0.85 [ASSUME]. */
    {.name = "linio2", .formula = "LiNiO2", .c_max_mol_m3 = 97919.0, .density_kg_m3 = 4780.0,
     .molar_mass_kg_mol = 0.097632, .q_theo_mAh_g = 549.0, .volume_expansion = 0.24, .diffusivity_m2_s = 5e-15,
     .j0_ref = 1.29e-6, .j0_typical_A_m2 = 2.0, .ocp = "linio2_ocp", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 0.5, .u_min_V = 1.5, .u_max_V = 4.3, .first_cycle_efficiency = 0.85, .fce_applied = 1,
     .source = "DUALFOIL 5.2 (Doyle) OCP; Dahn et al., SSI 44 (1990) 87; [ASSUME] over-lithiation"},
    /* sto = y/2 in Li_yMn2O4 (as made y = 1): 2 F / (3.6 * 180.813) = 296.5
     * mAh/g; 2 * 4140/0.180813 = 45 793 mol/m3 [CALC]; density 4140
     * (Doyle/Newman, DUALFOIL 5.2).  Expansion LiMn2O4 -> tetragonal
     * Li2Mn2O4 ~ +6.5 % [ASSUME: commonly quoted for the Jahn–Teller
     * transition].  D 1e-13 [ASSUME].  j0 2.0 A/m2 [ASSUME].  Window 2.0-4.3
     * V: the 2.9 V Li(1+x)Mn2O4 plateau (Thackeray et al., Mater. Res. Bull.
     * 18 (1983) 461) is the seed-001 over-lithiation, so the lower limit sits
     * below it; upper 4.3 V [ASSUME: usual cut-off, electrolyte oxidation and
     * Mn dissolution beyond].  First-cycle efficiency 0.95 [ASSUME]. */
    {.name = "limn2o4", .formula = "LiMn2O4", .c_max_mol_m3 = 45793.0, .density_kg_m3 = 4140.0,
     .molar_mass_kg_mol = 0.180813, .q_theo_mAh_g = 296.5, .volume_expansion = 0.065, .diffusivity_m2_s = 1e-13,
     .j0_ref = 2.76e-6, .j0_typical_A_m2 = 2.0, .ocp = "limn2o4_ocp", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 0.5, .u_min_V = 2.0, .u_max_V = 4.3, .first_cycle_efficiency = 0.95, .fce_applied = 1,
     .source = "Doyle et al. 1996 and DUALFOIL 5.2 lower plateau; Thackeray et al. 1983; [ASSUME] joins"},
    /* NCA: F / (3.6 * 96.083) = 278.9 mAh/g (DUALFOIL 5.2: 279), 4710 kg/m3
     * (DUALFOIL 5.2) -> 49 030 mol/m3 [CALC]; PyBaMM NCA_Kim2011 uses 49 000
     * and D 3e-15 [SRC].  As made sto = 1, so the expansion to sto 1 is 0.  j0
     * 2.0 A/m2 [ASSUME].  Window 3.0-4.3 V as NMC811 [ASSUME: same Ni-rich
     * layered oxide family]; NCA turns two-phase below 2.14 V (Robert & Novák,
     * Chem. Mater. 30 (2018) 1907).  First-cycle efficiency 0.90 [ASSUME]. */
    {.name = "nca", .formula = "LiNi0.8Co0.15Al0.05O2", .c_max_mol_m3 = 49030.0, .density_kg_m3 = 4710.0,
     .molar_mass_kg_mol = 0.096083, .q_theo_mAh_g = 278.9, .volume_expansion = 0.0, .diffusivity_m2_s = 3e-15,
     .j0_ref = 2.58e-6, .j0_typical_A_m2 = 2.0, .ocp = "nca_ocp_albertus", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 1.0, .u_min_V = 3.0, .u_max_V = 4.3, .first_cycle_efficiency = 0.90, .fce_applied = 1,
     .source = "Albertus fit, DUALFOIL 5.2; PyBaMM NCA_Kim2011; Robert & Novak 2018"},
    /* LiCoO2: F / (3.6 * 97.872) = 273.8 mAh/g; 5050/0.097872 = 51 598 mol/m3
     * [CALC] (Ramadass 2004 and LIONSIMBA use 51 555); density 5.05 g/cm3
     * [ASSUME typical].  D 1e-14 (Ramadass 2004) [SRC].  Kinetics: the
     * LIONSIMBA rate constant k = 2.334e-11 m^2.5/(mol^0.5 s) gives j0_ref =
     * F k = 2.25e-6, j0 = 1.84 A/m2 at 1 M, half lithiation [CALC].  As made
     * y = 1; delithiation to y 0.5 changes the volume by ~2 %, not modelled
     * (expansion 0).  Window 3.0-4.3 V [ASSUME: usual half-cell cut-offs;
     * beyond ~Li0.45CoO2 the O3 host distorts, Reimers & Dahn, JES 139 (1992)
     * 2091].  First-cycle efficiency 0.96 [ASSUME]. */
    {.name = "lco", .formula = "LiCoO2", .c_max_mol_m3 = 51598.0, .density_kg_m3 = 5050.0,
     .molar_mass_kg_mol = 0.097872, .q_theo_mAh_g = 273.8, .volume_expansion = 0.0, .diffusivity_m2_s = 1e-14,
     .j0_ref = 2.252e-6, .j0_typical_A_m2 = 1.84, .ocp = "lco_ocp_ramadass", .sto_min = 0.47, .sto_max = 1.0,
     .sto_as_made = 1.0, .u_min_V = 3.0, .u_max_V = 4.3, .first_cycle_efficiency = 0.96, .fce_applied = 1,
     .source = "Ramadass et al., JES 151 (2004) A196; Torchio et al. (LIONSIMBA), JES 163 (2016) A1192; "
               "Reimers & Dahn 1992"},
    /* LiFePO4: F / (3.6 * 157.756) = 169.9 mAh/g; density 3600 kg/m3 [CALC:
     * olivine Pnma, a = 10.334, b = 6.008, c = 4.693 A, Z = 4 (Padhi,
     * Nanjundaswamy & Goodenough, JES 144 (1997) 1188) gives 3.596 g/cm3]
     * -> 3600/0.157756 = 22 820 mol/m3 [CALC] (Prada 2013 in PyBaMM: 22 806).
     * OCP: Afshar 2017 as in PyBaMM's Prada2013 set [SRC].  D 5.9e-18 m2/s and
     * radius 50 nm (Prada et al., JES 160 (2013) A616) [SRC]: the olivine's
     * slow transport is why it is made as nanoparticles, so a recipe without
     * a size gets Prada's radius.  m_ref 6e-7 (Kashkooli et al., as in
     * PyBaMM's Prada2013 set) [SRC] -> j0 0.216 A/m2 at 1 M, half lithiation
     * [CALC] (low per area, as published; the 50 nm particles' area makes up
     * for it).  As made y = 1, so the expansion to sto 1 is 0 (FePO4 is 6.8 %
     * smaller: Padhi 1997; not modelled).  Window 2.5-4.2 V [ASSUME: usual
     * half-cell cut-offs of LFP; the OCP stays below 3.91 V, so the upper
     * limit never binds and the sto margin does].  First-cycle efficiency
     * 0.97 [ASSUME: 95-99 % typical of carbon-coated LFP]. */
    {.name = "lfp", .formula = "LiFePO4", .c_max_mol_m3 = 22820.0, .density_kg_m3 = 3600.0,
     .molar_mass_kg_mol = 0.157756, .q_theo_mAh_g = 169.9, .volume_expansion = 0.0, .diffusivity_m2_s = 5.9e-18,
     .j0_ref = 6e-7, .j0_typical_A_m2 = 0.2165, .ocp = "lfp_ocp_prada2013", .sto_min = 0.0, .sto_max = 1.0,
     .sto_as_made = 1.0, .u_min_V = 2.5, .u_max_V = 4.2, .first_cycle_efficiency = 0.97, .fce_applied = 1,
     .radius_typical_m = 5e-8,
     .source = "Afshar et al. 2017 OCP and Prada et al., JES 160 (2013) A616 (D, radius) as in PyBaMM's Prada2013; "
               "Padhi et al. 1997 lattice"},
    /* Li metal: F / (3.6 * 6.941) = 3861 mAh/g; 534/0.006941 = 76 934 mol/m3
     * [CALC]; molar volume 1.3e-5 m3/mol [SRC PyBaMM Xu2019].  No OCP: 0 V vs
     * Li/Li+ by definition; sto is meaningless (always 1).  Not a host: it
     * dissolves and plates, so expansion and D do not apply (0).  Kinetics
     * are not of the j0_ref form: i0 = 3.5e-8 F c_Li^0.7 c_e^0.3 (Xu et al.,
     * JES 166 (2019) A3456) = 70.6 A/m2 at 1 M [CALC], which j0_typical
     * carries; j0_ref is 0.  Its plating efficiency (99.0-99.5 %, Adams et al.
     * 2018) is the cell's, not a first-cycle loss. */
    {.name = "lithium_metal", .formula = "Li", .c_max_mol_m3 = 76934.0, .density_kg_m3 = 534.0,
     .molar_mass_kg_mol = 0.006941, .q_theo_mAh_g = 3861.3, .volume_expansion = 0.0, .diffusivity_m2_s = 0.0,
     .j0_ref = 0.0, .j0_typical_A_m2 = 70.6, .ocp = NULL, .sto_min = 1.0, .sto_max = 1.0, .sto_as_made = 1.0,
     .u_min_V = 0.0, .u_max_V = 0.0, .first_cycle_efficiency = 1.0, .fce_applied = 0,
     .source = "molar volume as PyBaMM Xu2019; Xu et al., JES 166 (2019) A3456"},
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

double cf_material_c_max(double density_kg_m3, double q_mAh_g)
{
    return density_kg_m3 * 1000.0 * q_mAh_g * 3.6 / CF_FARADAY;
}

/* OCPs fall with sto: bisection for U(sto) = u on [sto_min, sto_max]. */
static double sto_at(const cf_fn *f, double lo, double hi, double u)
{
    if (cf_fn_eval(f, lo, 298.15, NULL) <= u) return lo;
    if (cf_fn_eval(f, hi, 298.15, NULL) >= u) return hi;
    for (int it = 0; it < 80 && hi - lo > 1e-13; it++) {
        double mid = 0.5 * (lo + hi);
        if (cf_fn_eval(f, mid, 298.15, NULL) > u) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

int cf_material_window_sto(const cf_material_data *m, double *sto_lo, double *sto_hi)
{
    cf_fn f;
    if (!m || !m->ocp || cf_fn_set_builtin(&f, m->ocp, NULL)) return -1;
    *sto_lo = sto_at(&f, m->sto_min, m->sto_max, m->u_max_V);
    *sto_hi = sto_at(&f, m->sto_min, m->sto_max, m->u_min_V);
    return 0;
}
