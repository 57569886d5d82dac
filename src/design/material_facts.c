/* material_facts.c — the material table (src/materials/material_data.c) as
 * public facts, with the stoichiometry window and practical capacity its
 * potential window gives through the material's own OCP. */
#include <math.h>
#include <string.h>

#include "cellforge/cf_design.h"
#include "materials/material_data.h"

/* Materials with an OCP (the simulable ones); lithium metal has none. */
static const cf_material_data *row(int i)
{
    int k = 0;
    for (int j = 0; j < cf_material_data_count(); j++) {
        const cf_material_data *m = cf_material_data_get(j);
        if (!m->ocp) continue;
        if (k++ == i) return m;
    }
    return NULL;
}

int cf_material_facts_count(void)
{
    int n = 0;
    while (row(n)) n++;
    return n;
}

int cf_material_facts_get(int i, cf_material_facts *out)
{
    const cf_material_data *m = row(i);
    if (!m) return CF_EINVAL;
    memset(out, 0, sizeof *out);
    out->name = m->name;
    out->formula = m->formula;
    out->density_kg_m3 = m->density_kg_m3;
    out->molar_mass_g_mol = m->molar_mass_kg_mol * 1000.0;
    out->theoretical_mAh_g = m->q_theo_mAh_g;
    out->c_max_mol_m3 = m->c_max_mol_m3;
    out->window_V[0] = m->u_min_V;
    out->window_V[1] = m->u_max_V;
    out->sto_as_made = m->sto_as_made;
    double lo = 0, hi = 1;
    cf_material_window_sto(m, &lo, &hi);
    out->sto_window[0] = lo;
    out->sto_window[1] = hi;
    /* a positive starts full (as made) and is charged from there */
    double top = m->sto_as_made > 0 ? fmin(hi, m->sto_as_made) : hi;
    out->practical_mAh_g = m->q_theo_mAh_g * fmax(0.0, top - lo);
    out->first_cycle_efficiency = m->first_cycle_efficiency;
    out->first_cycle_loss_applied = m->fce_applied;
    out->ocp = m->ocp;
    out->source = m->source;
    return CF_OK;
}
