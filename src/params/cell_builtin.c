/* cell_builtin.c — the table of built-in cells: each one's constructor and
 * what `cellforge cells` says about it.  The list of names (and the refusal
 * of an unknown name) is made from this one table. */
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_cell.h"
#include "params_internal.h"

typedef struct {
    const char *name;
    int (*make)(cf_cell **out, cf_error *err);
    const char *chemistry, *format, *source;
} builtin_cell;

/* X(name, chemistry, format, source) — the one list of built-in cells. */
#define CF_BUILTIN_CELLS(X)                                                                                       \
    X(chen2020, "graphite-SiOx | NMC811, LiPF6 EC:EMC", "LG M50 21700 cylindrical",                              \
      "Chen et al., J. Electrochem. Soc. 167 (2020) 080534")                                                      \
    X(ecker2015, "graphite | LiNi0.4Co0.6O2 (NCO), LiPF6 EC:DMC", "Kokam SLPB 75106100 pouch, one electrode pair", \
      "Ecker et al., J. Electrochem. Soc. 162 (2015) A1836, A1849")                                               \
    X(marquis2019, "graphite MCMB 2528 | LiCoO2, LiPF6 EC:DMC", "Kokam SLPB78205130H pouch, one electrode pair",  \
      "Marquis et al., J. Electrochem. Soc. 166 (2019) A3693")                                                    \
    X(mohtat2020, "graphite | NMC, LiPF6 EC:DMC", "pouch",                                                        \
      "Mohtat et al., J. Electrochem. Soc. 167 (2020) 110561")                                                    \
    X(nca_kim2011, "graphite | NCA, LiPF6 EC", "pouch",                                                           \
      "Kim et al., J. Electrochem. Soc. 158 (2011) A955")                                                         \
    X(okane2022, "graphite-SiOx | NMC811, LiPF6 EC:EMC; SEI and lithium plating on",                              \
      "LG M50 21700 cylindrical", "O'Kane et al., Phys. Chem. Chem. Phys. 24 (2022) 7909")                        \
    X(prada2013, "graphite | LiFePO4, LiPF6 EC:EMC", "A123 ANR26650 cylindrical",                                 \
      "Prada et al., J. Electrochem. Soc. 160 (2013) A616")

#define CF_BUILTIN_ROW(n, chem, fmt, src) {#n, cf_cell_builtin_##n, chem, fmt, src},
#define CF_BUILTIN_NAME(n, chem, fmt, src) #n,
static const builtin_cell BUILTINS[] = {CF_BUILTIN_CELLS(CF_BUILTIN_ROW)};
static const char *const NAMES[] = {CF_BUILTIN_CELLS(CF_BUILTIN_NAME) NULL};
#define N_BUILTINS ((int)(sizeof BUILTINS / sizeof BUILTINS[0]))

const char *const *cf_cell_builtin_names(void) { return NAMES; }

int cf_cell_builtin_count(void) { return N_BUILTINS; }

int cf_cell_builtin_info(int i, cf_builtin_cell_info *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    if (i < 0 || i >= N_BUILTINS)
        return cf_error_set(err, CF_EINVAL, "built-in cell", "index %d is outside the allowed range [0, %d]", i,
                            N_BUILTINS - 1);
    cf_cell *c;
    int rc = BUILTINS[i].make(&c, err);
    if (rc) return rc;
    out->name = BUILTINS[i].name;
    out->chemistry = BUILTINS[i].chemistry;
    out->format = BUILTINS[i].format;
    out->source = BUILTINS[i].source;
    out->nominal_capacity_Ah = c->nominal_capacity_Ah;
    out->v_min = c->v_min;
    out->v_max = c->v_max;
    out->T_K = c->T_K;
    cf_cell_free(c);
    return CF_OK;
}

void cf_cell_builtin_name_list(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < N_BUILTINS && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", BUILTINS[i].name);
}

int cf_cell_builtin(const char *name, cf_cell **out, cf_error *err)
{
    *out = NULL;
    for (int i = 0; i < N_BUILTINS; i++)
        if (strcmp(name, BUILTINS[i].name) == 0) return BUILTINS[i].make(out, err);
    char list[512];
    cf_cell_builtin_name_list(list, sizeof list);
    return cf_error_set(err, CF_EINVAL, "--cell", "unknown built-in cell '%s' (known: %s; or give a JSON file path)",
                        name, list);
}
