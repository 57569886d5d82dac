/* jacobian_fd.c — finite-difference check of analytic Jacobians (see header). */
#include "jacobian_fd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int residual(cf_plan *p, double t, const double *y, const double *yp, double *F)
{
    return p->opt.kind == CF_MODEL_DFN ? cf_dfn_residual(p, t, y, yp, F) : cf_spm_residual(p, t, y, yp, F);
}

double cf_test_jacobian_fd(cf_plan *p, double t, double *y, double *yp, double cj)
{
    int n = p->n;
    double *F0 = malloc(n * sizeof *F0), *F1 = malloc(n * sizeof *F1), *F2 = malloc(n * sizeof *F2),
           *F3 = malloc(n * sizeof *F3), *Jd = malloc(p->jac.nnz * sizeof *Jd);
    if (!F0 || !F1 || !F2 || !F3 || !Jd) abort();
    cf_asm_begin_fill(&p->jac, Jd);
    if (p->opt.kind == CF_MODEL_DFN) cf_dfn_jacobian(p, t, y, yp, cj, &p->jac);
    else cf_spm_jacobian(p, t, y, yp, cj, &p->jac);
    double worst = 0.0;
    if (p->jac.pos != p->jac.calls || residual(p, t, y, yp, F0)) worst = INFINITY; /* pattern or state broken */
    for (int j = 0; j < n && isfinite(worst); j++) {
        /* steps relative to the unknown, floored at 1e-2 of its natural size
         * when that is below 1 (a crack length of nanometres; plan.c's scales) */
        double scale = N_VGetArrayPointer(p->atol_v)[j] / p->opt.atol;
        double h = 1e-6 * fmax(fabs(y[j]), 1e-2 * fmin(scale, 1.0)), sv = y[j], svp = yp[j], hp = 1e-3;
        y[j] = sv + h; residual(p, t, y, yp, F1);
        y[j] = sv - h; residual(p, t, y, yp, F2);
        y[j] = sv;
        yp[j] = svp + hp; residual(p, t, y, yp, F3); /* F is linear in y' */
        yp[j] = svp;
        for (int i = 0; i < n; i++) {
            double fd = (F1[i] - F2[i]) / (2 * h) + cj * (F3[i] - F0[i]) / hp, an = 0.0;
            for (long long k = p->jac.row_ptr[i]; k < p->jac.row_ptr[i + 1]; k++)
                if (p->jac.col_idx[k] == j) an = Jd[k];
            double sc = fmax(fabs(fd), fabs(an)), noise = 1e-13 * (fabs(F0[i]) + 1) / h;
            if (sc > 1e-8 && fabs(fd - an) > fmax(1e-4 * sc, noise)) {
                worst = fmax(worst, fabs(fd - an) / sc);
                fprintf(stderr, "row %d col %d: analytic %.10g vs FD %.10g\n", i, j, an, fd);
            }
        }
    }
    free(F0); free(F1); free(F2); free(F3); free(Jd);
    return worst;
}
