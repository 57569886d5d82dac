/* bpx_builtin_exprs.c — built-in material functions (src/materials/) as BPX
 * expression text in x, so a cell written as BPX carries its published
 * functions as formulas, not samples.
 *
 * Each text restates the formula of the function's source file (same
 * constants, same published fit); test_bpx_builtin_exprs checks every entry
 * against the built-in, value and slope, so the two cannot drift apart.
 * Functions that are piecewise (linio2, limn2o4), depend on temperature other
 * than by an Arrhenius factor (Valoen-Reimers) or are built from many smoothed
 * steps (the Li-Sn curves) have no entry: the writer tabulates them.  An
 * Arrhenius built-in (Capiglia) is its text at 298.15 K and its activation
 * energy, which the writer puts under BPX's activation-energy key; the reader
 * then builds the same function as an expression with that Arrhenius factor
 * (it maps back to a built-in only texts without a temperature term).
 *
 * The reader maps a text that is exactly one of these back to the built-in
 * (same values, computed by its C code): a cell written and read back is then
 * the same cell to the last bit, and a file edited by hand (any change to the
 * text) is read as the expression it has become. */
#include <string.h>

#include "bpx_internal.h"

static const struct {
    const char *name, *text;
    double Ea; /* J/mol, Arrhenius about CF_BPX_BUILTIN_T_REF; 0: none */
} EXPRS[] = {
    /* Chen et al., JES 167 (2020) 080534 (graphite_chen2020.c) */
    {"graphite_chen2020", "1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234))"
                          " - 0.04478 * tanh(14.9159 * (x - 0.2769)) - 0.0205 * tanh(30.4444 * (x - 0.6103))", 0.0},
    /* Chen et al., JES 167 (2020) 080534 (nmc811_chen2020.c) */
    {"nmc811_chen2020", "-0.809 * x + 4.4875 - 0.0428 * tanh(18.5138 * (x - 0.5542))"
                        " - 17.7326 * tanh(15.789 * (x - 0.3117)) + 17.5842 * tanh(15.9308 * (x - 0.312))", 0.0},
    /* Nyman et al., Electrochim. Acta 53 (2008) 6356, c in mol/m3 (electrolyte_nyman2008.c) */
    {"nyman2008_diffusivity", "8.794e-11 * (x / 1000) ** 2 - 3.972e-10 * (x / 1000) + 4.862e-10", 0.0},
    {"nyman2008_conductivity", "0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)", 0.0},
    /* Albertus fit, DUALFOIL 5.2 (nca_albertus.c) */
    {"nca_ocp_albertus", "0.99 * x ** 2 - 2.35 * x + 4.9 - exp(45 * (x - 1.012)) + exp((0.04 - x) / 0.085)"
                         " - exp(100 * (x - 1.005))", 0.0},
    /* [ASSUME] shape of hard_carbon.c: softplus written as log(1 + exp(z)) */
    {"hard_carbon_ocp", "0.15 - 0.14 * x + 1.3 * 0.03 * log(1 + exp((0.5 - x) / 0.03)) + 0.3 * exp(-x / 0.1)", 0.0},
    /* Dualfoil's fits as in Marquis et al., JES 166 (2019) A3693 (graphite_mcmb2528_dualfoil.c,
     * lco_dualfoil1998.c); the same text as validation/marquis2019_bpx.py writes */
    {"graphite_mcmb2528_dualfoil",
                          "0.194 + 1.5 * exp(-120.0 * x) + 0.0351 * tanh((x - 0.286) / 0.083)"
                          " - 0.0045 * tanh((x - 0.849) / 0.119) - 0.035 * tanh((x - 0.9233) / 0.05)"
                          " - 0.0147 * tanh((x - 0.5) / 0.034) - 0.102 * tanh((x - 0.194) / 0.142)"
                          " - 0.022 * tanh((x - 0.9) / 0.0164) - 0.011 * tanh((x - 0.124) / 0.0226)"
                          " + 0.0155 * tanh((x - 0.105) / 0.029)", 0.0},
    {"lco_ocp_dualfoil1998",
                          "2.16216 + 0.07645 * tanh(30.834 - 54.4806 * (1.062 * x))"
                          " + 2.1581 * tanh(52.294 - 50.294 * (1.062 * x))"
                          " - 0.14169 * tanh(11.0923 - 19.8543 * (1.062 * x))"
                          " + 0.2051 * tanh(1.4684 - 5.4888 * (1.062 * x))"
                          " + 0.2531 * tanh((-(1.062 * x) + 0.56478) / 0.1316)"
                          " - 0.02167 * tanh(((1.062 * x) - 0.525) / 0.006)", 0.0},
    /* Capiglia et al. 1999, c in mol/m3, at 298.15 K (electrolyte_capiglia1999.c) */
    {"capiglia1999_diffusivity", "5.34e-10 * exp(-0.65 * x / 1000)", 37040.0},
    {"capiglia1999_conductivity",
     "0.0911 + 1.9101 * (x / 1000) - 1.052 * (x / 1000) ** 2 + 0.1554 * (x / 1000) ** 3", 34700.0},
    /* Afshar et al. 2017's LFP fit, as in PyBaMM's Prada2013 set (lfp_prada2013.c) */
    {"lfp_ocp_prada2013", "3.4077 - 0.020269 * x + 0.5 * exp(-150 * x) - 0.9 * exp(-30 * (1 - x))", 0.0},
    /* Ecker et al. 2015 (graphite_ecker2015.c, nco_ecker2015.c) */
    {"graphite_ocp_ecker2015",
     "0.716502 * exp(-369.028 * x) + 0.12193 * exp(-35.6478 * (x - 0.0530947))"
     " - 0.0189193 * tanh(21.1967 * (x - 0.196176)) - 0.0169644 * tanh(27.1365 * (x - 0.312832))"
     " - 0.0199313 * tanh(28.5697 * (x - 0.614221)) - 0.931153 * exp(36.328 * (x - 1.10743)) + 0.140031", 0.0},
    {"nco_ocp_ecker2015",
     "-2.35211 * x - 0.0747061 * tanh(31.886 * (x - 0.0219921)) + 6.34984 * tanh(2.66395 * (x - 0.174352))"
     " - 0.640243 * tanh(5.48623 * (x - 0.439245)) - 3.82383 * tanh(4.12167 * (x - 0.176187))"
     " - 0.0542123 * tanh(18.2919 * (x - 0.762272)) + 4.23285", 0.0},
    /* Mohtat et al. 2020 (graphite_mohtat2020.c, nmc_mohtat2020.c, electrolyte_mohtat2020.c) */
    {"graphite_ocp_mohtat2020",
     "0.063 + 0.8 * exp(-75 * (x + 0.001)) - 0.012 * tanh((x - 0.127) / 0.016)"
     " - 0.0118 * tanh((x - 0.155) / 0.016) - 0.0035 * tanh((x - 0.22) / 0.02)"
     " - 0.0095 * tanh((x - 0.19) / 0.013) - 0.0145 * tanh((x - 0.49) / 0.02)"
     " - 0.08 * tanh((x - 1.03) / 0.055)", 0.0},
    {"nmc_ocp_mohtat2020",
     "4.3452 - 1.6518 * x + 1.6225 * x ** 2 - 2.0843 * x ** 3 + 3.5146 * x ** 4 - 2.2166 * x ** 5"
     " - 0.5623e-4 * exp(109.451 * x - 100.006)", 0.0},
    {"mohtat2020_diffusivity", "5.35e-10", 37040.0},
    {"mohtat2020_conductivity", "1.3", 34700.0},
    /* Kim et al. 2011 (graphite_kim2011.c, nca_kim2011.c) */
    {"graphite_ocp_kim2011",
     "0.124 + 1.5 * exp(-70 * x) - 0.0351 * tanh((x - 0.286) / 0.083) - 0.0045 * tanh((x - 0.9) / 0.119)"
     " - 0.035 * tanh((x - 0.99) / 0.05) - 0.0147 * tanh((x - 0.5) / 0.034) - 0.102 * tanh((x - 0.194) / 0.142)"
     " - 0.022 * tanh((x - 0.98) / 0.0164) - 0.011 * tanh((x - 0.124) / 0.0226)"
     " + 0.0155 * tanh((x - 0.105) / 0.029)", 0.0},
    {"nca_ocp_kim2011",
     "1.638 * x ** 10 - 2.222 * x ** 9 + 15.056 * x ** 8 - 23.488 * x ** 7 + 81.246 * x ** 6"
     " - 344.566 * x ** 5 + 621.3475 * x ** 4 - 554.774 * x ** 3 + 264.427 * x ** 2 - 66.3691 * x + 11.8058"
     " - 0.61386 * exp(5.8201 * x ** 136.4)", 0.0},
};

const char *cf_bpx_builtin_expression(const char *name)
{
    for (size_t i = 0; i < sizeof EXPRS / sizeof EXPRS[0]; i++)
        if (strcmp(EXPRS[i].name, name) == 0) return EXPRS[i].text;
    return NULL;
}

double cf_bpx_builtin_activation(const char *name)
{
    for (size_t i = 0; i < sizeof EXPRS / sizeof EXPRS[0]; i++)
        if (strcmp(EXPRS[i].name, name) == 0) return EXPRS[i].Ea;
    return 0.0;
}

const char *cf_bpx_builtin_for_expression(const char *text)
{
    for (size_t i = 0; i < sizeof EXPRS / sizeof EXPRS[0]; i++)
        if (EXPRS[i].Ea == 0.0 && strcmp(EXPRS[i].text, text) == 0) return EXPRS[i].name;
    return NULL;
}
