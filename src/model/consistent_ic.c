/* consistent_ic.c — consistent initial conditions for the DAE.
 *
 * At the start of every segment the differential unknowns (concentrations,
 * charge and energy counters) are known and the algebraic ones (potentials,
 * V, I) must satisfy the algebraic equations under the new control.  A damped
 * Newton iteration on the algebraic rows, with the differential rows replaced
 * by identity rows, does this with the model's own analytic Jacobian and the
 * plan's linear solver; then y' of the differential unknowns follows directly
 * because every differential row is m_i y'_i - rhs_i(y).  This proved far more
 * robust than IDACalcIC on these problems (a large step in I from rest). */
#include <math.h>
#include <string.h>

#include "model/plan_internal.h"

#define IC_MAX_ITERS 50
#define IC_MAX_HALVINGS 12

static double weighted_norm(const cf_plan *p, const double *dx, const double *y, const double *id)
{
    double m = 0.0;
    for (int i = 0; i < p->n; i++) {
        if (id[i] != 0.0) continue;
        double w = p->opt.rtol * fabs(y[i]) + p->opt.atol;
        double v = fabs(dx[i]) / w;
        if (v > m) m = v;
    }
    return m;
}

/* Merit of a trial point: the algebraic residuals, each divided by its row's
 * largest Jacobian entry, so rows in A/m3 and rows in V weigh alike (an
 * unscaled norm let one stiff row veto every step). */
static double algebraic_residual_norm(const cf_plan *p, const double *F, const double *id, const double *row_scale)
{
    double s = 0.0;
    for (int i = 0; i < p->n; i++)
        if (id[i] == 0.0) {
            double r = F[i] / row_scale[i];
            s += r * r;
        }
    return sqrt(s);
}

static int solve_ic(cf_plan *p, double t);

/* With a known current, the DFN first tries a start from the kinetic guess
 * (cf_dfn_guess_potentials), and falls back to the state as it is. */
int cf_consistent_ic(cf_plan *p, double t)
{
    double *y = N_VGetArrayPointer(p->y);
    const cf_segment *s = &p->seg;
    int known_current = s->mode == CF_CONTROL_CURRENT || s->mode == CF_CONTROL_POWER;
    if (p->opt.kind != CF_MODEL_DFN || !known_current || p->n_neg == 0) return solve_ic(p, t);
    double *keep = p->w_y_keep;
    memcpy(keep, y, (size_t)p->n * sizeof *y);
    cf_dfn_guess_potentials(p, y, y[p->iI]);
    if (solve_ic(p, t) == 0) return 0;
    memcpy(y, keep, (size_t)p->n * sizeof *y);
    return solve_ic(p, t);
}

static int solve_ic(cf_plan *p, double t)
{
    double *y = N_VGetArrayPointer(p->y), *yp = N_VGetArrayPointer(p->yp);
    const double *id = N_VGetArrayPointer(p->id);
    double *F = p->w_F, *Fn = p->w_F1;
    double *dx = N_VGetArrayPointer(p->tmp), *ysave = N_VGetArrayPointer(p->tmp2);
    memset(yp, 0, (size_t)p->n * sizeof *yp);
    /* A new control mode moves nonzeros (e.g. the control row's dI/dV), and
     * KLU's refactorisation reuses the old pivot order: discard the numeric
     * factorisation so the first solve of the segment pivots afresh. */
    if (cf_plan_linear_solver_reset(p)) return 1;
    if (cf_plan_residual(p, t, y, yp, F)) return 1;
    double *row_scale = p->w_F2;
    for (int i = 0; i < p->n; i++) row_scale[i] = 1.0;
    double fnorm = INFINITY;
    int converged = 0;
    /* Chord iterations: the Jacobian of the first iterate is kept while each
     * correction is at most a quarter of the one before (the kinetic guess
     * is close, so that is most of the time: chen2020 1C from 4 Jacobians and
     * factorisations to 1); a slower or refused one gets a fresh Jacobian. */
    int fresh = 1;
    double prev_step = INFINITY;
    for (int it = 0; it < IC_MAX_ITERS && !converged; it++) {
        if (fresh) {
            cf_plan_fill_jacobian(p, t, y, yp, 0.0, p->J);
            /* Differential rows become identity rows: their unknowns stay fixed. */
            sunindextype *ptr = SM_INDEXPTRS_S(p->J), *col = SM_INDEXVALS_S(p->J);
            double *val = SM_DATA_S(p->J);
            if (it == 0) {
                for (int i = 0; i < p->n; i++) {
                    double m = 0;
                    for (sunindextype k = ptr[i]; k < ptr[i + 1]; k++) m = fmax(m, fabs(val[k]));
                    row_scale[i] = m > 0 ? m : 1.0;
                }
                fnorm = algebraic_residual_norm(p, F, id, row_scale);
            }
            for (int i = 0; i < p->n; i++) {
                if (id[i] == 0.0) continue;
                for (sunindextype k = ptr[i]; k < ptr[i + 1]; k++) val[k] = col[k] == i ? 1.0 : 0.0;
            }
            if (SUNLinSolSetup(p->LS, p->J) != 0) return 1;
        }
        for (int i = 0; i < p->n; i++) ysave[i] = id[i] == 0.0 ? -F[i] : 0.0;
        if (SUNLinSolSolve(p->LS, p->J, p->tmp, p->tmp2, 0.0) != 0) return 1;
        double step_norm = weighted_norm(p, dx, y, id);
        if (!fresh && !(step_norm <= 0.25 * prev_step)) { /* the chord converges too slowly */
            fresh = 1;
            it--; /* a refused chord step is not a Newton iteration: the budget stays Newton's */
            continue;
        }
        memcpy(ysave, y, (size_t)p->n * sizeof *y);
        double lambda = 1.0;
        int accepted = 0;
        for (int h = 0; h < IC_MAX_HALVINGS; h++, lambda *= 0.5) {
            for (int i = 0; i < p->n; i++) y[i] = ysave[i] + (id[i] == 0.0 ? lambda * dx[i] : 0.0);
            if (cf_plan_residual(p, t, y, yp, Fn)) continue;
            double nn = algebraic_residual_norm(p, Fn, id, row_scale);
            if (nn < fnorm || nn < 1e-12 || lambda * step_norm < 1.0) {
                memcpy(F, Fn, (size_t)p->n * sizeof *F);
                fnorm = nn;
                accepted = 1;
                break;
            }
        }
        if (!accepted) {
            memcpy(y, ysave, (size_t)p->n * sizeof *y);
            if (!fresh) { /* the chord's direction refused: a fresh Jacobian's */
                fresh = 1;
                it--;
                continue;
            }
            return 1;
        }
        converged = lambda == 1.0 && step_norm < 1e-3;
        prev_step = lambda * step_norm;
        fresh = 0;
        p->ic_newton_iters++;
    }
    if (!converged) return 1;
    /* y'_d = rhs_d / m_d, with m_d read off by a unit perturbation of y'. */
    if (cf_plan_residual(p, t, y, yp, F)) return 1;
    for (int i = 0; i < p->n; i++) ysave[i] = id[i] != 0.0 ? 1.0 : 0.0;
    if (cf_plan_residual(p, t, y, ysave, Fn)) return 1;
    for (int i = 0; i < p->n; i++) {
        if (id[i] == 0.0) continue;
        double m = Fn[i] - F[i];
        yp[i] = m != 0.0 ? -F[i] / m : 0.0;
    }
    return 0;
}
