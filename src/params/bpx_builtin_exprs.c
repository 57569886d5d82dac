/* bpx_builtin_exprs.c — built-in material functions (src/materials/) as BPX
 * expression text in x, so a cell written as BPX carries its published
 * functions as formulas, not samples.
 *
 * Each text restates the formula of the function's source file (same
 * constants, same published fit); test_bpx_builtin_exprs checks every entry
 * against the built-in, value and slope, so the two cannot drift apart.
 * Functions that are piecewise (linio2, limn2o4), depend on temperature
 * (Valoen-Reimers) or are built from many smoothed steps (the Li-Sn curves)
 * have no entry: the writer tabulates them.
 *
 * The reader maps a text that is exactly one of these back to the built-in
 * (same values, computed by its C code): a cell written and read back is then
 * the same cell to the last bit, and a file edited by hand (any change to the
 * text) is read as the expression it has become. */
#include <string.h>

#include "bpx_internal.h"

static const struct {
    const char *name, *text;
} EXPRS[] = {
    /* Chen et al., JES 167 (2020) 080534 (graphite_chen2020.c) */
    {"graphite_chen2020", "1.9793 * exp(-39.3631 * x) + 0.2482 - 0.0909 * tanh(29.8538 * (x - 0.1234))"
                          " - 0.04478 * tanh(14.9159 * (x - 0.2769)) - 0.0205 * tanh(30.4444 * (x - 0.6103))"},
    /* Chen et al., JES 167 (2020) 080534 (nmc811_chen2020.c) */
    {"nmc811_chen2020", "-0.809 * x + 4.4875 - 0.0428 * tanh(18.5138 * (x - 0.5542))"
                        " - 17.7326 * tanh(15.789 * (x - 0.3117)) + 17.5842 * tanh(15.9308 * (x - 0.312))"},
    /* Nyman et al., Electrochim. Acta 53 (2008) 6356, c in mol/m3 (electrolyte_nyman2008.c) */
    {"nyman2008_diffusivity", "8.794e-11 * (x / 1000) ** 2 - 3.972e-10 * (x / 1000) + 4.862e-10"},
    {"nyman2008_conductivity", "0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000)"},
    /* Albertus fit, DUALFOIL 5.2 (nca_albertus.c) */
    {"nca_ocp_albertus", "0.99 * x ** 2 - 2.35 * x + 4.9 - exp(45 * (x - 1.012)) + exp((0.04 - x) / 0.085)"
                         " - exp(100 * (x - 1.005))"},
    /* [ASSUME] shape of hard_carbon.c: softplus written as log(1 + exp(z)) */
    {"hard_carbon_ocp", "0.15 - 0.14 * x + 1.3 * 0.03 * log(1 + exp((0.5 - x) / 0.03)) + 0.3 * exp(-x / 0.1)"},
};

const char *cf_bpx_builtin_expression(const char *name)
{
    for (size_t i = 0; i < sizeof EXPRS / sizeof EXPRS[0]; i++)
        if (strcmp(EXPRS[i].name, name) == 0) return EXPRS[i].text;
    return NULL;
}

const char *cf_bpx_builtin_for_expression(const char *text)
{
    for (size_t i = 0; i < sizeof EXPRS / sizeof EXPRS[0]; i++)
        if (strcmp(EXPRS[i].text, text) == 0) return EXPRS[i].name;
    return NULL;
}
