/* registry.c — the built-in material functions by name.
 * Adding a material function is one file plus one line here. */
#include <string.h>
#include "material_fns.h"

static const cf_material_fn_entry REGISTRY[] = {
    {"graphite_chen2020", CF_FN_ROLE_OCP, cf_ocp_graphite_chen2020,
     "Chen et al., JES 167 (2020) 080534 (LG M50 graphite)"},
    {"nmc811_chen2020", CF_FN_ROLE_OCP, cf_ocp_nmc811_chen2020,
     "Chen et al., JES 167 (2020) 080534 (LG M50 NMC811)"},
    {"nyman2008_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_nyman2008,
     "Nyman et al., Electrochim. Acta 53 (2008) 6356"},
    {"nyman2008_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_nyman2008,
     "Nyman et al., Electrochim. Acta 53 (2008) 6356"},
    {"tin_ocp_li4.4sn", CF_FN_ROLE_OCP, cf_ocp_tin_li44sn,
     "Li-Sn room-temperature plateaus, Huggins, Handbook of Battery Materials ch. 14; smoothed [ASSUME]"},
    {"ni3sn4_ocp", CF_FN_ROLE_OCP, cf_ocp_ni3sn4,
     "[ASSUME] Li-Sn plateaus shifted -40 mV with a sloping start (no source found)"},
    {"hard_carbon_ocp", CF_FN_ROLE_OCP, cf_ocp_hard_carbon,
     "[ASSUME] slope 1.1 -> 0.1 V to sto 0.5, plateau 0.08 -> 0.01 V (no citable fit found)"},
    {"linio2_ocp", CF_FN_ROLE_OCP, cf_ocp_linio2,
     "DUALFOIL 5.2 LiyNiO2 fit (Doyle), 0.47 <= y <= 0.99; extensions and 1.9 V Li2NiO2 plateau [ASSUME]"},
    {"limn2o4_ocp", CF_FN_ROLE_OCP, cf_ocp_limn2o4,
     "Doyle et al. 1996 4 V curve and DUALFOIL 5.2 lower plateau; joins [ASSUME]"},
    {"nca_ocp_albertus", CF_FN_ROLE_OCP, cf_ocp_nca_albertus,
     "Albertus NCA fit as in DUALFOIL 5.2"},
    {"lco_ocp_ramadass", CF_FN_ROLE_OCP, cf_ocp_lco_ramadass,
     "Ramadass et al., JES 151 (2004) A196 LiCoO2 fit (as in LIONSIMBA), 0.47 <= y <= 0.999; linear beyond [ASSUME]"},
    {"lfp_ocp_prada2013", CF_FN_ROLE_OCP, cf_ocp_lfp_prada2013,
     "Afshar et al., arXiv:1709.03970 (2017) LiFePO4 fit, as in PyBaMM's Prada2013 set (Prada et al., JES 160 (2013) "
     "A616)"},
    {"valoen_reimers2005_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_valoen2005,
     "Valoen & Reimers, JES 152 (2005) A882"},
    {"valoen_reimers2005_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_valoen2005,
     "Valoen & Reimers, JES 152 (2005) A882"},
    {"valoen_reimers2005_thermodynamic_factor", CF_FN_ROLE_ELECTROLYTE_TDF, cf_electrolyte_tdf_valoen2005,
     "Valoen & Reimers, JES 152 (2005) A882 (with their t+ = 0.38)"},
    {"graphite_diffusivity_ecker2015", CF_FN_ROLE_SOLID_D, cf_solid_D_graphite_ecker2015,
     "Ecker et al., JES 162 (2015) A1836/A1849 (Kokam graphite, GITT fit with Arrhenius, Ea 30.3 kJ/mol)"},
    {"nco_diffusivity_ecker2015", CF_FN_ROLE_SOLID_D, cf_solid_D_nco_ecker2015,
     "Ecker et al., JES 162 (2015) A1836/A1849 (Kokam NCO, GITT fit with Arrhenius, Ea 80.6 kJ/mol)"},
    {"graphite_mcmb2528_dualfoil", CF_FN_ROLE_OCP, cf_ocp_graphite_mcmb2528_dualfoil,
     "Dualfoil MCMB 2528 graphite fit, as in Marquis et al., JES 166 (2019) A3693"},
    {"lco_ocp_dualfoil1998", CF_FN_ROLE_OCP, cf_ocp_lco_dualfoil1998,
     "Dualfoil LiCoO2 fit (sto stretched by 1.062), as in Marquis et al., JES 166 (2019) A3693"},
    {"capiglia1999_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_capiglia1999,
     "Capiglia et al., J. Power Sources 81-82 (1999) 859 (LiPF6 EC:DMC), Arrhenius Ea 37.04 kJ/mol"},
    {"capiglia1999_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_capiglia1999,
     "Capiglia et al., J. Power Sources 81-82 (1999) 859 (LiPF6 EC:DMC), Arrhenius Ea 34.70 kJ/mol"},
    {"graphite_ocp_ecker2015", CF_FN_ROLE_OCP, cf_ocp_graphite_ecker2015,
     "Ecker et al., JES 162 (2015) A1836 (Kokam SLPB 75106100 graphite), analytic fit of PyBaMM's Ecker2015 set"},
    {"nco_ocp_ecker2015", CF_FN_ROLE_OCP, cf_ocp_nco_ecker2015,
     "Ecker et al., JES 162 (2015) A1836 (Kokam SLPB 75106100 LiNi0.4Co0.6O2), analytic fit of PyBaMM's Ecker2015 set"},
    {"ecker2015_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_ecker2015,
     "Ecker et al., JES 162 (2015) A1836 (LiPF6 EC:DMC), cubic at 296 K, Ea 17.1 kJ/mol with a 1/T factor"},
    {"ecker2015_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_ecker2015,
     "Ecker et al., JES 162 (2015) A1836 (LiPF6 EC:DMC), Nernst-Einstein from its conductivity"},
    {"graphite_ocp_mohtat2020", CF_FN_ROLE_OCP, cf_ocp_graphite_mohtat2020,
     "Mohtat et al., JES 167 (2020) 110561 (graphite), the fit of PyBaMM's Mohtat2020 set"},
    {"nmc_ocp_mohtat2020", CF_FN_ROLE_OCP, cf_ocp_nmc_mohtat2020,
     "Mohtat et al., JES 167 (2020) 110561 (NMC), the fit of PyBaMM's Mohtat2020 set"},
    {"mohtat2020_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_mohtat2020,
     "Mohtat et al., JES 167 (2020) 110561: 5.35e-10 m2/s, Arrhenius Ea 37.04 kJ/mol"},
    {"mohtat2020_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_mohtat2020,
     "Mohtat et al., JES 167 (2020) 110561: 1.3 S/m, Arrhenius Ea 34.70 kJ/mol"},
    {"graphite_ocp_kim2011", CF_FN_ROLE_OCP, cf_ocp_graphite_kim2011,
     "Kim et al., JES 158 (2011) A955 (graphite), as in PyBaMM's NCA_Kim2011 set"},
    {"nca_ocp_kim2011", CF_FN_ROLE_OCP, cf_ocp_nca_kim2011,
     "Kim et al., JES 158 (2011) A955 (NCA), as in PyBaMM's NCA_Kim2011 set"},
    {"kim2011_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_kim2011,
     "Kim et al., JES 158 (2011) A955 (LiPF6 EC)"},
    {"kim2011_diffusivity", CF_FN_ROLE_ELECTROLYTE_D, cf_electrolyte_D_kim2011,
     "Kim et al., JES 158 (2011) A955 (LiPF6 EC)"},
    {"prada2013_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA, cf_electrolyte_kappa_prada2013,
     "Prada et al., JES 160 (2013) A616 (LiPF6 EC:EMC 3:7), as in PyBaMM's Prada2013 set; floored at 1 mS/m [ASSUME]"},
};

int cf_material_fn_count(void) { return (int)(sizeof REGISTRY / sizeof REGISTRY[0]); }

const cf_material_fn_entry *cf_material_fn_get(int index)
{
    if (index < 0 || index >= cf_material_fn_count()) return NULL;
    return &REGISTRY[index];
}

int cf_material_fn_find(const char *name)
{
    for (int i = 0; i < cf_material_fn_count(); i++)
        if (strcmp(REGISTRY[i].name, name) == 0) return i;
    return -1;
}
