/* integrator.c — the plan's time integrator behind one small interface:
 * cellforge's own BDF (src/solver/bdf.c, the default) or SUNDIALS IDA
 * (model option integrator = CF_INTEGRATOR_IDA).  Both use the plan's
 * residual, analytic Jacobian, linear solver and root functions, so a
 * segment runs the same way on either. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_internal.h"
#include "model/sim_internal.h"

/* ---- IDA adapters ------------------------------------------------------------ */

static int ida_residual(sunrealtype t, N_Vector y, N_Vector yp, N_Vector r, void *ud)
{
    return cf_plan_residual(ud, t, N_VGetArrayPointer(y), N_VGetArrayPointer(yp), N_VGetArrayPointer(r));
}

static int ida_jacobian(sunrealtype t, sunrealtype cj, N_Vector y, N_Vector yp, N_Vector r, SUNMatrix Jm,
                        void *ud, N_Vector t1, N_Vector t2, N_Vector t3)
{
    (void)r; (void)t1; (void)t2; (void)t3;
    cf_plan_fill_jacobian(ud, t, N_VGetArrayPointer(y), N_VGetArrayPointer(yp), cj, Jm);
    return 0;
}

static int ida_roots(sunrealtype t, N_Vector y, N_Vector yp, sunrealtype *g, void *ud)
{
    (void)t; (void)yp;
    cf_sim_root_values(ud, N_VGetArrayPointer(y), g);
    return 0;
}

/* IDA reports failures through return flags, which we turn into cf_error
 * messages; its own stderr printing is silenced. */
static void ida_quiet(int code, const char *module, const char *function, char *msg, void *ud)
{
    (void)code; (void)module; (void)function; (void)msg; (void)ud;
}

/* ---- BDF adapters ------------------------------------------------------------ */

static int bdf_residual(double t, const double *y, const double *yp, double *F, void *ud)
{
    return cf_plan_residual(ud, t, y, yp, F);
}

static int bdf_setup(double t, double cj, const double *y, const double *yp, void *ud)
{
    cf_plan *p = ud;
    /* (the fill zeroes the values itself: no SUNMatZero pass) */
    cf_plan_fill_jacobian(p, t, y, yp, cj, p->J);
    /* a factorisation that fails at a trial state only shortens the step;
     * repeated failures end the integration (CF_BDF_CONV_FAILS) */
    return SUNLinSolSetup(p->LS, p->J) == 0 ? 0 : 1;
}

static int bdf_solve(double *x, void *ud)
{
    cf_plan *p = ud;
    /* x is always the integrator's work vector, wrapped once in bdf_work;
     * both linear solvers accept the same vector as b and x */
    (void)x;
    int rc = SUNLinSolSolve(p->LS, p->J, p->bdf_work, p->bdf_work, 0.0);
    return rc == 0 ? 0 : rc > 0 ? 1 : -1;
}

static int bdf_roots(double t, const double *y, const double *yp, double *g, void *ud)
{
    (void)t; (void)yp;
    cf_sim_root_values(ud, y, g);
    return 0;
}

/* ---- the interface ----------------------------------------------------------- */

int cf_integ_create(cf_plan *p)
{
    const cf_model_options *o = &p->opt;
    if (o->integrator == CF_INTEGRATOR_BDF) {
        cf_bdf_fns fns = {bdf_residual, bdf_setup, bdf_solve, bdf_roots};
        p->bdf = cf_bdf_new(p->n, CF_SIM_N_ROOTS, &fns, p);
        if (p->bdf) p->bdf_work = N_VMake_Serial(p->n, cf_bdf_work_vector(p->bdf), p->ctx);
        if (!p->bdf || !p->bdf_work || cf_bdf_set_tolerances(p->bdf, o->rtol, N_VGetArrayPointer(p->atol_v))) return 1;
        cf_bdf_set_root_directions(p->bdf, cf_sim_root_directions());
        cf_bdf_set_differential(p->bdf, N_VGetArrayPointer(p->id)); /* fixed per plan (initial state) */
        if (o->max_step_s > 0) cf_bdf_set_max_step(p->bdf, o->max_step_s);
        return 0;
    }
    p->ida = IDACreate(p->ctx);
    if (!p->ida) return 1;
    if (IDAInit(p->ida, ida_residual, 0.0, p->y, p->yp) || IDASVtolerances(p->ida, o->rtol, p->atol_v) ||
        IDASetUserData(p->ida, p) || IDASetLinearSolver(p->ida, p->LS, p->J) || IDASetJacFn(p->ida, ida_jacobian) ||
        IDASetId(p->ida, p->id) || IDASetMaxNumSteps(p->ida, 500000) || IDASetErrHandlerFn(p->ida, ida_quiet, NULL) ||
        IDARootInit(p->ida, CF_SIM_N_ROOTS, ida_roots) ||
        IDASetRootDirection(p->ida, (int *)cf_sim_root_directions()))
        return 1;
    if (o->max_step_s > 0) IDASetMaxStep(p->ida, o->max_step_s);
    return 0;
}

void cf_integ_free(cf_plan *p)
{
    if (p->ida) IDAFree(&p->ida);
    cf_bdf_free(p->bdf);
    p->bdf = NULL;
    if (p->bdf_work) N_VDestroy(p->bdf_work);
    p->bdf_work = NULL;
}

int cf_integ_reinit(cf_plan *p, double t_end)
{
    if (p->bdf) {
        cf_bdf_get_stats(p->bdf, &p->bdf_stats_mark);
        if (cf_bdf_reinit(p->bdf, p->t, N_VGetArrayPointer(p->y), N_VGetArrayPointer(p->yp))) return 1;
        cf_bdf_set_stop_time(p->bdf, t_end);
    } else if (IDAReInit(p->ida, p->t, p->y, p->yp) != IDA_SUCCESS || IDASetStopTime(p->ida, t_end) != IDA_SUCCESS) {
        return 1;
    }
    p->integ_started = 1;
    return 0;
}

int cf_integ_step(cf_plan *p, double t_end, double *tret)
{
    if (p->bdf) {
        int flag = cf_bdf_step(p->bdf, tret, N_VGetArrayPointer(p->y), N_VGetArrayPointer(p->yp));
        switch (flag) {
        case CF_BDF_SUCCESS: return CF_INTEG_STEP;
        case CF_BDF_ROOT: return CF_INTEG_ROOT;
        case CF_BDF_TSTOP: return CF_INTEG_TSTOP;
        default: return flag < 0 ? flag : -100;
        }
    }
    int flag = IDASolve(p->ida, t_end, tret, p->y, p->yp, IDA_ONE_STEP);
    if (flag == IDA_ROOT_RETURN) return CF_INTEG_ROOT;
    if (flag == IDA_TSTOP_RETURN) return CF_INTEG_TSTOP;
    return flag < 0 ? flag : CF_INTEG_STEP;
}

const char *cf_integ_flag_name(const cf_plan *p, int flag)
{
    if (p->bdf) return cf_bdf_code_name(flag);
    return flag == IDA_CONV_FAIL ? "IDA: the Newton iteration failed repeatedly"
         : flag == IDA_ERR_FAIL  ? "IDA: the error test failed repeatedly"
                                 : "IDA failed";
}

int cf_integ_dky(cf_plan *p, double t, int k, double *out)
{
    if (p->bdf) return cf_bdf_dky(p->bdf, t, k, out) != CF_BDF_SUCCESS;
    N_Vector v = N_VMake_Serial(p->n, out, p->ctx);
    if (!v) return 1;
    int rc = IDAGetDky(p->ida, t, k, v) != IDA_SUCCESS;
    N_VDestroy(v);
    return rc;
}

void cf_integ_root_info(cf_plan *p, int *info)
{
    if (p->bdf) cf_bdf_root_info(p->bdf, info);
    else IDAGetRootInfo(p->ida, info);
}

/* Counters restart at every re-initialisation (IDA) or are cumulative
 * (BDF): either way the segment's share is added to the plan's totals. */
void cf_integ_collect_stats(cf_plan *p)
{
    if (!p->integ_started) return;
    p->integ_started = 0;
    if (p->bdf) {
        cf_bdf_stats s, m = p->bdf_stats_mark;
        cf_bdf_get_stats(p->bdf, &s);
        p->stats.steps += s.steps - m.steps;
        p->stats.residual_evals += s.residual_evals - m.residual_evals;
        p->stats.jacobian_evals += s.setups - m.setups;
        p->stats.newton_iters += s.newton_iters - m.newton_iters;
        p->stats.error_test_fails += s.error_test_fails - m.error_test_fails;
        p->stats.newton_fails += s.newton_fails - m.newton_fails;
        p->bdf_stats_mark = s;
        return;
    }
    long v;
    if (IDAGetNumSteps(p->ida, &v) == IDA_SUCCESS) p->stats.steps += v;
    if (IDAGetNumResEvals(p->ida, &v) == IDA_SUCCESS) p->stats.residual_evals += v;
    if (IDAGetNumJacEvals(p->ida, &v) == IDA_SUCCESS) p->stats.jacobian_evals += v;
    if (IDAGetNumNonlinSolvIters(p->ida, &v) == IDA_SUCCESS) p->stats.newton_iters += v;
    if (IDAGetNumErrTestFails(p->ida, &v) == IDA_SUCCESS) p->stats.error_test_fails += v;
    if (IDAGetNumNonlinSolvConvFails(p->ida, &v) == IDA_SUCCESS) p->stats.newton_fails += v;
}
