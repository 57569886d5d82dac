/* soc.c — initial state from a state of charge.
 *
 * SOC is defined between the two open-circuit states at which the cell's
 * OCV equals its lower and upper cut-off voltages, with the cyclable lithium
 * of the cell's initial concentrations conserved (the same definition as
 * PyBaMM's initial_soc).  Those two states are the cell's open-circuit
 * window (src/params/cell_ocv.c, the one implementation the recipe design
 * and the BPX windows use too); each phase's stoichiometry at SOC s is
 * interpolated linearly between them (exactly PyBaMM's definition for
 * single-phase electrodes). */
#include "model/plan_internal.h"
#include "model/sim_internal.h"

int cf_sim_reset_soc(cf_plan *p, double soc, cf_error *err)
{
    if (!(soc >= 0 && soc <= 1))
        return cf_error_set(err, CF_EINVAL, "--soc", "state of charge %g is outside the allowed range [0, 1]", soc);
    const cf_cell *c = p->cell;
    if (c->neg.planar)
        return cf_error_set(err, CF_EINVAL, "--soc",
                            "--soc %g: a lithium-metal negative has no state-of-charge window (its lithium, "
                            "negative.lithium_mol_m2 = %g mol/m2, is what the run moves); the cell starts as "
                            "assembled: leave out --soc, or run a protocol that charges first",
                            soc, c->neg.li_metal_mol_m2);
    double n_li = cf_cell_lithium_mol_m2(c);
    cf_ocv_window w;
    if (cf_cell_ocv_window(c, n_li, &w))
        return cf_error_set(err, CF_EINVAL, "--soc",
                            "the cell's open-circuit voltage never reaches both cut-offs %.3f V and %.3f V with "
                            "its lithium inventory, so a state of charge cannot be set",
                            c->v_min, c->v_max);
    /* Interpolate each phase's stoichiometry between the two end states. */
    const cf_electrode *es[2] = {&c->neg, &c->pos};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            p->side[s].cs0[i] = (w.sto[0][s][i] + soc * (w.sto[1][s][i] - w.sto[0][s][i])) * es[s]->phase[i].c_max;
    /* The root finders leave a last-digit imbalance; give it to the
     * positive's first phase so the lithium inventory is kept exactly. */
    double li = 0;
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < es[s]->n_phases; i++)
            li += es[s]->phase[i].active_fraction * es[s]->thickness_m * p->side[s].cs0[i];
    p->side[1].cs0[0] += (n_li - li) / (es[1]->phase[0].active_fraction * es[1]->thickness_m);
    return cf_sim_initial_state(p, err);
}
