/* soc.c — initial state from a state of charge.
 *
 * SOC is defined between the two open-circuit states at which the cell's
 * OCV equals its lower and upper cut-off voltages, with the cyclable lithium
 * of the cell's initial concentrations conserved (the same definition as
 * PyBaMM's initial_soc).  With x the negative and y the positive
 * stoichiometry and Q_n, Q_p the electrodes' lithium capacities (mol/m2),
 *   x Q_n + y Q_p = n_Li,   U_p(y) - U_n(x) = V_cut-off
 * is solved by bisection for x at 0 % and 100 %, then x = x0 + SOC (x100 - x0). */
#include <math.h>

#include "model/plan_internal.h"
#include "model/sim_internal.h"

typedef struct {
    const cf_cell *c;
    double Qn, Qp, nLi, T;
} soc_ctx;

static double y_of_x(const soc_ctx *s, double x) { return (s->nLi - x * s->Qn) / s->Qp; }

static double ocv_at(const soc_ctx *s, double x)
{
    return cf_fn_eval(&s->c->pos.ocp, y_of_x(s, x), s->T, NULL) - cf_fn_eval(&s->c->neg.ocp, x, s->T, NULL);
}

/* x in the range where both stoichiometries lie in (0, 1) with OCV(x) = V. */
static int solve_x(const soc_ctx *s, double V, double *x_out)
{
    double lo = fmax(1e-6, (s->nLi - s->Qp * (1 - 1e-6)) / s->Qn);
    double hi = fmin(1 - 1e-6, (s->nLi - s->Qp * 1e-6) / s->Qn);
    if (!(lo < hi)) return 1;
    double flo = ocv_at(s, lo) - V, fhi = ocv_at(s, hi) - V;
    if (!isfinite(flo) || !isfinite(fhi) || flo * fhi > 0) return 1;
    for (int it = 0; it < 200 && hi - lo > 1e-14; it++) {
        double mid = 0.5 * (lo + hi), fm = ocv_at(s, mid) - V;
        if ((fm < 0) == (flo < 0)) { lo = mid; flo = fm; } else hi = mid;
    }
    *x_out = 0.5 * (lo + hi);
    return 0;
}

int cf_sim_reset_soc(cf_plan *p, double soc, cf_error *err)
{
    if (!(soc >= 0 && soc <= 1))
        return cf_error_set(err, CF_EINVAL, "--soc", "state of charge %g is outside the allowed range [0, 1]", soc);
    const cf_cell *c = p->cell;
    soc_ctx s = {.c = c, .T = c->T_K};
    s.Qn = c->neg.active_fraction * c->neg.thickness_m * c->neg.c_max;
    s.Qp = c->pos.active_fraction * c->pos.thickness_m * c->pos.c_max;
    s.nLi = c->neg.active_fraction * c->neg.thickness_m * c->neg.c_init +
            c->pos.active_fraction * c->pos.thickness_m * c->pos.c_init;
    double x0, x100;
    if (solve_x(&s, c->v_min, &x0) || solve_x(&s, c->v_max, &x100))
        return cf_error_set(err, CF_EINVAL, "--soc",
                            "the cell's open-circuit voltage never reaches both cut-offs %.3f V and %.3f V with "
                            "its lithium inventory, so a state of charge cannot be set",
                            c->v_min, c->v_max);
    double x = x0 + soc * (x100 - x0), y = y_of_x(&s, x);
    p->cs0_n = x * c->neg.c_max;
    p->cs0_p = y * c->pos.c_max;
    return cf_sim_initial_state(p, err);
}
