/* ocp_table.c — the open-circuit potentials (and stoichiometry-dependent
 * diffusivities) the models evaluate at every residual, from a table filled
 * as the run visits it.
 *
 * A fitted OCP (a built-in function or a BPX expression: exponentials,
 * tanh, logarithms) costs some hundreds of instructions, and the DFN
 * evaluates it at every electrode cell of every residual and Jacobian (a
 * D(sto) at every particle node).  The
 * table holds the function's value and slope at stoichiometries k/n
 * (n = CF_OCP_TABLE_N) and gives the cubic Hermite interpolant between two
 * nodes with its exact derivative (so the Jacobian stays the derivative of
 * what the residual evaluates).  An interval is used only once its
 * midpoint, evaluated when the interval is first visited, is within the
 * table's tolerance of the interpolant (OCPs: 1e-9 V; diffusivities: 1e-9
 * of the value); steeper intervals (near the ends of
 * logarithmic OCPs) are evaluated directly ever after.  So the error is below
 * that tolerance wherever the table answers (the cubic's error peaks at the
 * midpoint for a smooth function), and the first and last intervals, where
 * a function may be singular at 0 or 1, are always direct.  The table
 * follows the temperature it was filled at (a new T empties it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_internal.h"

enum { IV_UNKNOWN = 0, IV_TABLE = 1, IV_DIRECT = 2 };

int cf_ocp_table_init(cf_ocp_table *tb, const cf_fn *f, double tol_abs, double tol_rel)
{
    memset(tb, 0, sizeof *tb);
    tb->tol_abs = tol_abs;
    tb->tol_rel = tol_rel;
    if (f->kind != CF_FN_BUILTIN && f->kind != CF_FN_EXPR) return CF_OK; /* constants and tables are cheap */
    int n = CF_OCP_TABLE_N;
    tb->U = malloc((size_t)(n + 1) * 2 * sizeof(double));
    tb->node = calloc((size_t)(n + 1), 1);
    tb->iv = calloc((size_t)n, 1);
    if (!tb->U || !tb->node || !tb->iv) {
        cf_ocp_table_free(tb);
        return CF_ENOMEM;
    }
    tb->dU = tb->U + n + 1;
    tb->T = NAN;
    return CF_OK;
}

void cf_ocp_table_free(cf_ocp_table *tb)
{
    free(tb->U);
    free(tb->node);
    free(tb->iv);
    memset(tb, 0, sizeof *tb);
}

cf_ocp_table *cf_ocp_table_new(const cf_fn *f, double tol_abs, double tol_rel)
{
    cf_ocp_table *tb = malloc(sizeof *tb);
    if (!tb) return NULL;
    if (cf_ocp_table_init(tb, f, tol_abs, tol_rel)) {
        free(tb);
        return NULL;
    }
    return tb;
}

void cf_ocp_table_delete(cf_ocp_table *tb)
{
    if (!tb) return;
    cf_ocp_table_free(tb);
    free(tb);
}

static void fill_node(cf_ocp_table *tb, const cf_fn *f, int k, double T)
{
    if (tb->node[k]) return;
    tb->U[k] = cf_fn_eval(f, (double)k / CF_OCP_TABLE_N, T, &tb->dU[k]);
    tb->node[k] = 1;
}

/* The cubic Hermite interpolant on [k, k+1] at t in [0, 1] as U0 plus a
 * Horner polynomial in t: the value's rounding is that of one addition to U0
 * (the basis-function form rounds every term on U's scale, which a nearly
 * flat OCP's finite differences see as noise).  *d: its exact derivative. */
static double hermite(const cf_ocp_table *tb, int k, double t, double *d)
{
    const double h = 1.0 / CF_OCP_TABLE_N;
    double U0 = tb->U[k], dU = tb->U[k + 1] - U0, m0 = h * tb->dU[k], m1 = h * tb->dU[k + 1];
    double c2 = 3.0 * dU - 2.0 * m0 - m1, c3 = m0 + m1 - 2.0 * dU;
    if (d) *d = (m0 + t * (2.0 * c2 + t * 3.0 * c3)) / h;
    return U0 + t * (m0 + t * (c2 + t * c3));
}

double cf_ocp_table_eval(cf_ocp_table *tb, const cf_fn *f, double x, double T, double *d)
{
    if (!tb->U) return cf_fn_eval(f, x, T, d);
    if (T != tb->T) { /* filled at another temperature (or never) */
        memset(tb->node, 0, CF_OCP_TABLE_N + 1);
        memset(tb->iv, 0, CF_OCP_TABLE_N);
        tb->T = T;
    }
    double u = x * CF_OCP_TABLE_N;
    int k = (int)u;
    if (!(k >= 1 && k < CF_OCP_TABLE_N - 1)) return cf_fn_eval(f, x, T, d); /* the end intervals, or NaN */
    if (tb->iv[k] == IV_DIRECT) return cf_fn_eval(f, x, T, d);
    if (tb->iv[k] == IV_UNKNOWN) {
        fill_node(tb, f, k, T);
        fill_node(tb, f, k + 1, T);
        double dm, mid = cf_fn_eval(f, (k + 0.5) / CF_OCP_TABLE_N, T, &dm);
        int ok = isfinite(tb->U[k]) && isfinite(tb->U[k + 1]) && isfinite(tb->dU[k]) && isfinite(tb->dU[k + 1]) &&
                 fabs(hermite(tb, k, 0.5, NULL) - mid) <= tb->tol_abs + tb->tol_rel * fabs(mid);
        tb->iv[k] = ok ? IV_TABLE : IV_DIRECT;
        if (!ok) return cf_fn_eval(f, x, T, d);
    }
    return hermite(tb, k, u - k, d);
}
