/* bdf.c — variable-order, variable-step BDF for index-1 DAEs (see bdf.h). */
#include "solver/bdf.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ORDER 5
#define N_PHI (MAX_ORDER + 3)   /* phi_0 .. phi_{k+2} at the highest order           */
#define NEWTON_MAX_ITERS 4
#define NEWTON_COEF 0.33        /* Newton stops when its error estimate is this fraction of the error test */
#define NEWTON_RATE_MAX 0.9
#define DCJ_MAX 0.25            /* the Jacobian is refreshed when cj moved more than this, relatively */
#define MAX_ERR_FAILS 10        /* per step */
#define MAX_CONV_FAILS 10       /* per step */
#define UROUND DBL_EPSILON

struct cf_bdf {
    int n, n_roots;
    cf_bdf_fns fn;
    void *user;
    double rtol, *atol, *ewt;
    double *cj_scale_mask;   /* 1 for differential unknowns, 0 for algebraic ones */
    double hmax;
    int kmax;
    int *rootdir;

    /* committed history at t_n */
    double t;                /* t_n                                              */
    double psi[N_PHI + 1];   /* psi_i(n) = t_n - t_{n-i}, i >= 1                 */
    double *phi[N_PHI];      /* modified divided differences                     */
    double *yp;              /* y'(t_n)                                          */
    int k, kused;            /* order of the next step, of the last one           */
    double h, hused;         /* step to try next, last step taken                 */
    int phase;               /* 0: start-up (order up, step doubled each step)     */
    int ns;                  /* steps since the order or step size last changed   */
    int first;               /* no step taken since reinit                       */

    /* Newton */
    double cj, cj_setup, ss; /* ss: the convergence rate's ratio rate/(1-rate)   */
    int have_setup;
    double *y, *ypn, *e, *delta;

    double tstop;
    int has_tstop;

    /* roots */
    double *glo, *ghi, *gmid, tlo;
    int *rinfo;
    int root_recheck;        /* a root was returned inside the last step: search the rest of it first */

    cf_bdf_stats st;
};

/* ---- small helpers ------------------------------------------------------------ */

static double wrms(const cf_bdf *b, const double *v)
{
    double s = 0.0;
    for (int i = 0; i < b->n; i++) {
        double x = v[i] * b->ewt[i];
        s += x * x;
    }
    return sqrt(s / b->n);
}

static void set_weights(cf_bdf *b, const double *restrict y)
{
    double *restrict ewt = b->ewt;
    const double *restrict atol = b->atol, rtol = b->rtol;
    for (int i = 0; i < b->n; i++) ewt[i] = 1.0 / (rtol * fabs(y[i]) + atol[i]);
}

const char *cf_bdf_code_name(int code)
{
    switch (code) {
    case CF_BDF_SUCCESS: return "success";
    case CF_BDF_ROOT: return "root found";
    case CF_BDF_TSTOP: return "stop time reached";
    case CF_BDF_ERR_FAILS: return "the error test failed repeatedly";
    case CF_BDF_CONV_FAILS: return "the Newton iteration failed repeatedly";
    case CF_BDF_STEP_TOO_SMALL: return "the step size fell below the round-off of t";
    case CF_BDF_FATAL: return "the model refused the state";
    case CF_BDF_BAD_INPUT: return "bad input to the integrator";
    }
    return "unknown";
}

/* ---- creation and settings ------------------------------------------------------ */

cf_bdf *cf_bdf_new(int n, int n_roots, const cf_bdf_fns *fns, void *user)
{
    if (n < 1 || n_roots < 0 || !fns || !fns->residual || !fns->setup || !fns->solve ||
        (n_roots > 0 && !fns->roots))
        return NULL;
    cf_bdf *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->n = n;
    b->n_roots = n_roots;
    b->fn = *fns;
    b->user = user;
    b->kmax = MAX_ORDER;
    b->rtol = 1e-6;
    size_t N = (size_t)n, R = (size_t)(n_roots > 0 ? n_roots : 1);
    int ok = (b->atol = malloc(N * sizeof(double))) && (b->ewt = malloc(N * sizeof(double))) &&
             (b->yp = calloc(N, sizeof(double))) && (b->y = calloc(N, sizeof(double))) &&
             (b->ypn = calloc(N, sizeof(double))) && (b->e = calloc(N, sizeof(double))) &&
             (b->delta = calloc(N, sizeof(double))) && (b->glo = calloc(R, sizeof(double))) &&
             (b->ghi = calloc(R, sizeof(double))) && (b->gmid = calloc(R, sizeof(double))) &&
             (b->rinfo = calloc(R, sizeof(int))) && (b->rootdir = calloc(R, sizeof(int))) &&
             (b->cj_scale_mask = malloc(N * sizeof(double)));
    for (int j = 0; ok && j < N_PHI; j++) ok = (b->phi[j] = calloc(N, sizeof(double))) != NULL;
    if (!ok) {
        cf_bdf_free(b);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        b->atol[i] = 1e-6;
        b->cj_scale_mask[i] = 1.0;
    }
    return b;
}

void cf_bdf_free(cf_bdf *b)
{
    if (!b) return;
    free(b->atol);
    free(b->ewt);
    free(b->yp);
    free(b->y);
    free(b->ypn);
    free(b->e);
    free(b->delta);
    free(b->glo);
    free(b->ghi);
    free(b->gmid);
    free(b->rinfo);
    free(b->rootdir);
    free(b->cj_scale_mask);
    for (int j = 0; j < N_PHI; j++) free(b->phi[j]);
    free(b);
}

int cf_bdf_set_tolerances(cf_bdf *b, double rtol, const double *atol)
{
    if (!(rtol > 0 && rtol < 1)) return CF_BDF_BAD_INPUT;
    for (int i = 0; i < b->n; i++)
        if (!(atol[i] > 0) || !isfinite(atol[i])) return CF_BDF_BAD_INPUT;
    b->rtol = rtol;
    memcpy(b->atol, atol, (size_t)b->n * sizeof(double));
    return CF_BDF_SUCCESS;
}

void cf_bdf_set_differential(cf_bdf *b, const double *id)
{
    for (int i = 0; i < b->n; i++) b->cj_scale_mask[i] = id[i] != 0.0 ? 1.0 : 0.0;
}

void cf_bdf_set_max_step(cf_bdf *b, double hmax) { b->hmax = hmax > 0 ? hmax : 0.0; }

void cf_bdf_set_max_order(cf_bdf *b, int kmax) { b->kmax = kmax < 1 ? 1 : kmax > MAX_ORDER ? MAX_ORDER : kmax; }

void cf_bdf_set_root_directions(cf_bdf *b, const int *dir)
{
    for (int i = 0; i < b->n_roots; i++) b->rootdir[i] = dir[i];
}

void cf_bdf_set_stop_time(cf_bdf *b, double tstop)
{
    b->tstop = tstop;
    b->has_tstop = 1;
}

int cf_bdf_reinit(cf_bdf *b, double t0, const double *y0, const double *yp0)
{
    for (int i = 0; i < b->n; i++)
        if (!isfinite(y0[i]) || !isfinite(yp0[i])) return CF_BDF_BAD_INPUT;
    b->t = t0;
    memcpy(b->phi[0], y0, (size_t)b->n * sizeof(double));
    memcpy(b->yp, yp0, (size_t)b->n * sizeof(double));
    for (int j = 1; j < N_PHI; j++) memset(b->phi[j], 0, (size_t)b->n * sizeof(double));
    set_weights(b, y0);
    b->k = 1;
    b->kused = 0;
    b->hused = 0.0;
    b->phase = 0;
    b->ns = 0;
    b->first = 1;
    b->have_setup = 0;
    b->ss = 20.0;
    b->has_tstop = 0;
    b->root_recheck = 0;
    b->tlo = t0;
    if (b->n_roots > 0 && b->fn.roots(t0, y0, yp0, b->glo, b->user) < 0) return CF_BDF_FATAL;
    return CF_BDF_SUCCESS;
}

/* The first step: 0.001 of the way to the stop time, or less where y'
 * predicts a change of more than half the tolerance. */
static void start_history(cf_bdf *b)
{
    double h = b->has_tstop && b->tstop > b->t ? 1e-3 * (b->tstop - b->t) : 1e-3;
    double ypnorm = wrms(b, b->yp);
    if (ypnorm * h > 0.5) h = 0.5 / ypnorm;
    if (b->hmax > 0 && h > b->hmax) h = b->hmax;
    b->h = h;
    for (int i = 0; i < b->n; i++) b->phi[1][i] = h * b->yp[i];
    /* a fictitious equally spaced past, which the first steps replace */
    for (int i = 0; i <= N_PHI; i++) b->psi[i] = i * h;
    b->first = 0;
}

/* ---- dense output ------------------------------------------------------------- */

int cf_bdf_dky(const cf_bdf *b, double t, int k, double *out)
{
    if (k < 0 || k > 1) return CF_BDF_BAD_INPUT;
    double fuzz = 100.0 * UROUND * (fabs(b->t) + fabs(b->hused));
    if (b->kused == 0) { /* no step yet: the initial state */
        memcpy(out, k == 0 ? b->phi[0] : b->yp, (size_t)b->n * sizeof(double));
        return fabs(t - b->t) <= fuzz ? CF_BDF_SUCCESS : CF_BDF_BAD_INPUT;
    }
    if (t > b->t + fuzz || t < b->t - b->hused - fuzz) return CF_BDF_BAD_INPUT;
    double c[N_PHI] = {0}, d[N_PHI] = {0};
    double s = t - b->t;
    c[0] = 1.0;
    for (int j = 1; j <= b->kused; j++) {
        double f = s + b->psi[j - 1];
        c[j] = c[j - 1] * f / b->psi[j];
        d[j] = (d[j - 1] * f + c[j - 1]) / b->psi[j];
    }
    const double *w = k == 0 ? c : d;
    for (int i = 0; i < b->n; i++) {
        double v = 0.0;
        for (int j = k; j <= b->kused; j++) v += w[j] * b->phi[j][i];
        out[i] = v;
    }
    return CF_BDF_SUCCESS;
}

/* ---- roots -------------------------------------------------------------------- */

/* Component i crosses zero going from ga to gb, in an allowed direction. */
static int crosses(const cf_bdf *b, int i, double ga, double gb)
{
    if (ga == 0.0 || !((ga > 0 && gb <= 0) || (ga < 0 && gb >= 0))) return 0;
    int dir = gb > ga ? 1 : -1;
    return b->rootdir[i] == 0 || b->rootdir[i] == dir;
}

static int any_crossing(const cf_bdf *b, const double *ga, const double *gb)
{
    for (int i = 0; i < b->n_roots; i++)
        if (crosses(b, i, ga[i], gb[i])) return 1;
    return 0;
}

static int g_at(cf_bdf *b, double t, double *g)
{
    if (cf_bdf_dky(b, t, 0, b->y) || cf_bdf_dky(b, t, 1, b->ypn)) return CF_BDF_FATAL;
    return b->fn.roots(t, b->y, b->ypn, g, b->user) < 0 ? CF_BDF_FATAL : 0;
}

/* A crossing lies in (tlo, thi] with g values glo, ghi: narrow it by the
 * Illinois variant of regula falsi to within round-off of t, and leave the
 * root at thi (where the sign has changed, so it is not found again). */
static int locate_root(cf_bdf *b, double tlo, double thi, double *troot)
{
    double ttol = 100.0 * UROUND * fmax(fabs(thi), fabs(thi - tlo));
    double wlo = 1.0, whi = 1.0;
    int last_side = 0;
    while (thi - tlo > ttol) {
        /* the earliest linear crossing among the components that cross */
        double frac = 1.0;
        for (int i = 0; i < b->n_roots; i++) {
            if (!crosses(b, i, b->glo[i], b->ghi[i])) continue;
            double a = wlo * b->glo[i], c = whi * b->ghi[i];
            double f = a / (a - c);
            if (f < frac) frac = f;
        }
        double tmid = tlo + frac * (thi - tlo);
        double lo_lim = tlo + 0.5 * ttol, hi_lim = thi - 0.5 * ttol;
        if (tmid < lo_lim) tmid = lo_lim;
        if (tmid > hi_lim) tmid = hi_lim;
        if (g_at(b, tmid, b->gmid)) return CF_BDF_FATAL;
        if (any_crossing(b, b->glo, b->gmid)) {
            thi = tmid;
            memcpy(b->ghi, b->gmid, (size_t)b->n_roots * sizeof(double));
            whi = 1.0;
            if (last_side == -1) wlo *= 0.5; /* the low end stuck twice: weigh it down */
            last_side = -1;
        } else {
            tlo = tmid;
            memcpy(b->glo, b->gmid, (size_t)b->n_roots * sizeof(double));
            wlo = 1.0;
            if (last_side == 1) whi *= 0.5;
            last_side = 1;
        }
    }
    for (int i = 0; i < b->n_roots; i++)
        b->rinfo[i] = crosses(b, i, b->glo[i], b->ghi[i]) ? (b->ghi[i] > b->glo[i] ? 1 : -1) : 0;
    *troot = thi;
    return CF_BDF_SUCCESS;
}

/* Looks for roots in (b->tlo, t_end] of the last step; glo holds g at tlo and
 * ghi at t_end.  1 if found (output at the root), 0 if not, < 0 on failure. */
static int find_root(cf_bdf *b, double t_end, double *t, double *y, double *yp)
{
    if (!any_crossing(b, b->glo, b->ghi)) return 0;
    double troot;
    if (locate_root(b, b->tlo, t_end, &troot)) return CF_BDF_FATAL;
    if (cf_bdf_dky(b, troot, 0, y) || cf_bdf_dky(b, troot, 1, yp)) return CF_BDF_FATAL;
    *t = troot;
    /* continue from the root: g there becomes the low end */
    b->tlo = troot;
    memcpy(b->glo, b->ghi, (size_t)b->n_roots * sizeof(double));
    b->root_recheck = troot < b->t;
    return 1;
}

void cf_bdf_root_info(const cf_bdf *b, int *info)
{
    for (int i = 0; i < b->n_roots; i++) info[i] = b->rinfo[i];
}

/* ---- one step ----------------------------------------------------------------- */

/* Modified Newton on F(t, y, y'_p + cj (y - y_p)) = 0 from the predictor in
 * b->y / b->ypn; b->e collects y - y_p.  0 converged, 1 failed (retry with a
 * shorter step), < 0 fatal. */
static int newton(cf_bdf *b, double t)
{
    int n = b->n;
    double cj = b->cj;
    int setup_now = !b->have_setup || fabs(cj / b->cj_setup - 1.0) > DCJ_MAX;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (setup_now) {
            int rc = b->fn.setup(t, cj, b->y, b->ypn, b->user);
            b->st.setups++;
            if (rc < 0) return CF_BDF_FATAL;
            if (rc > 0) return 1;
            b->cj_setup = cj;
            b->have_setup = 1;
            b->ss = 20.0;
        }
        /* A Jacobian set up for another cj: the classic scaling of the
         * correction, and no trust in a convergence rate measured with the
         * old cj — accepting first iterates on a stale rate left Newton
         * noise in y that the error estimates then amplified (measured with
         * a variable-coefficient cj, which moved at every step: 158 instead
         * of 98 steps and twice the voltage error). */
        double scale = 2.0 / (1.0 + cj / b->cj_setup);
        if (fabs(cj / b->cj_setup - 1.0) > 1e-12) b->ss = 20.0;
        /* the scaling corrects cj's weight in the differential rows; an
         * algebraic unknown takes its correction as solved (a linear
         * constraint such as I = I(t) is then met exactly) */
        const double *restrict mask = b->cj_scale_mask;
        double oldnrm = 0.0;
        int converged = 0;
        for (int m = 0; m < NEWTON_MAX_ITERS; m++) {
            int rc = b->fn.residual(t, b->y, b->ypn, b->delta, b->user);
            b->st.residual_evals++;
            if (rc < 0) return CF_BDF_FATAL;
            if (rc > 0) break; /* a state the model refuses: not converged */
            rc = b->fn.solve(b->delta, b->user); /* J d = F: the correction is -d */
            b->st.newton_iters++;
            if (rc < 0) return CF_BDF_FATAL;
            if (rc > 0) break;
            double s = 0.0, *restrict y = b->y, *restrict ypn = b->ypn, *restrict e = b->e;
            const double *restrict delta = b->delta, *restrict ewt = b->ewt, ds = scale - 1.0;
            if (ds == 0.0) { /* a Jacobian for this cj: the correction as solved */
                for (int i = 0; i < n; i++) {
                    double d = -delta[i];
                    y[i] += d;
                    ypn[i] += cj * d;
                    e[i] += d;
                    double x = d * ewt[i];
                    s += x * x;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double d = -(1.0 + ds * mask[i]) * delta[i];
                    y[i] += d;
                    ypn[i] += cj * d;
                    e[i] += d;
                    double x = d * ewt[i];
                    s += x * x;
                }
            }
            double delnrm = sqrt(s / n);
            if (!isfinite(delnrm)) break;
            if (m == 0) {
                oldnrm = delnrm;
                if (delnrm <= 1e-4 * NEWTON_COEF) {
                    converged = 1;
                    break;
                }
            } else {
                double rate = pow(delnrm / oldnrm, 1.0 / m);
                if (rate > NEWTON_RATE_MAX) break; /* diverging or too slow */
                b->ss = rate / (1.0 - rate);
            }
            if (b->ss * delnrm <= NEWTON_COEF) {
                converged = 1;
                break;
            }
        }
        if (converged) return 0;
        /* A stale Jacobian gets one more chance, fresh, from the predictor. */
        if (setup_now) return 1;
        for (int i = 0; i < n; i++) {
            b->y[i] -= b->e[i];
            b->ypn[i] -= cj * b->e[i];
            b->e[i] = 0.0;
        }
        setup_now = 1;
    }
    return 1;
}

/* Coefficients of a step of size h at order k from t_n (see bdf.h). */
typedef struct {
    double psi[N_PHI + 1]; /* psi_i(n+1)                                      */
    double beta[N_PHI];    /* predictor's rescaling of phi_j                   */
    double gamma[N_PHI];   /* sum_{i<=j} 1/psi_i(n+1): y'_p weights             */
    double alpha_s;        /* 1 + 1/2 + ... + 1/k: cj = alpha_s / h             */
} step_coeffs;

static void coefficients(const cf_bdf *b, double h, int k, step_coeffs *c)
{
    c->psi[0] = 0.0;
    c->psi[1] = h;
    for (int i = 2; i <= N_PHI; i++) c->psi[i] = h + b->psi[i - 1];
    c->beta[0] = 1.0;
    c->gamma[0] = 0.0;
    for (int j = 1; j < N_PHI; j++) {
        c->beta[j] = c->beta[j - 1] * c->psi[j] / b->psi[j];
        c->gamma[j] = c->gamma[j - 1] + 1.0 / c->psi[j];
    }
    c->alpha_s = 0.0;
    for (int j = 1; j <= k; j++) c->alpha_s += 1.0 / j;
}

/* The predictor into y, y' (and e = 0): phi_j <- beta_j phi_j, kept for the
 * history update; y_p = sum phi_j, y'_p = sum gamma_j phi_j. */
static void predict(cf_bdf *b, int k, const step_coeffs *c)
{
    const int n = b->n;
    double *restrict y = b->y, *restrict ypn = b->ypn;
    memcpy(y, b->phi[0], (size_t)n * sizeof *y);
    memset(ypn, 0, (size_t)n * sizeof *ypn);
    memset(b->e, 0, (size_t)n * sizeof *b->e);
    for (int j = 1; j <= k; j++) {
        double *restrict ph = b->phi[j];
        const double bj = c->beta[j], gj = c->gamma[j];
        if (bj == 1.0) { /* steps of one size: beta is exactly 1, nothing to store */
            for (int i = 0; i < n; i++) {
                y[i] += ph[i];
                ypn[i] += gj * ph[i];
            }
            continue;
        }
        for (int i = 0; i < n; i++) {
            double v = ph[i] * bj;
            ph[i] = v;
            y[i] += v;
            ypn[i] += gj * v;
        }
    }
}

static void undo_prediction(cf_bdf *b, int k, const step_coeffs *c)
{
    for (int j = 1; j <= k; j++)
        if (c->beta[j] != 1.0) {
            double inv = 1.0 / c->beta[j];
            for (int i = 0; i < b->n; i++) b->phi[j][i] *= inv;
        }
}

/* Estimates of h^(q+1) y^(q+1) for q = k, k-1, k-2 (weighted RMS norms of
 * e, phi_k + e and phi_{k-1} + phi_k + e, the last two 0 below order 2, 3),
 * in one pass. */
static void error_estimates(const cf_bdf *b, int k, double *terk, double *terkm1, double *terkm2)
{
    const int n = b->n;
    double s0 = 0.0, s1 = 0.0, s2 = 0.0;
    const double *restrict ev = b->e, *restrict ewt = b->ewt;
    const double *restrict pk = b->phi[k], *restrict pk1 = b->phi[k > 1 ? k - 1 : k];
    if (k > 2) {
        for (int i = 0; i < n; i++) {
            double w = ewt[i], a = ev[i] * w, p1 = (pk[i] + ev[i]) * w, p2 = p1 + pk1[i] * w;
            s0 += a * a;
            s1 += p1 * p1;
            s2 += p2 * p2;
        }
    } else if (k == 2) {
        for (int i = 0; i < n; i++) {
            double w = ewt[i], a = ev[i] * w, p1 = (pk[i] + ev[i]) * w;
            s0 += a * a;
            s1 += p1 * p1;
        }
    } else {
        for (int i = 0; i < n; i++) {
            double a = ev[i] * ewt[i];
            s0 += a * a;
        }
    }
    *terk = sqrt(s0 / n);
    *terkm1 = sqrt(s1 / n);
    *terkm2 = sqrt(s2 / n);
}

/* Commits the step: the history becomes that of t_{n+1} (phi_{k+1} = e, phi_j
 * += phi_{j+1} from j = k down, phi_0 = y), y' and the error weights follow.
 * With raise, returns the order-(k+1) estimate ||e - beta_{k+1} phi_{k+1}(n)||
 * (else INFINITY). */
static double accept(cf_bdf *b, int k, double h, double tnew, const step_coeffs *c, int raise)
{
    const int n = b->n;
    const double *restrict ev = b->e, *restrict ewt = b->ewt;
    double *restrict pk1 = b->phi[k + 1];
    double terkp1 = INFINITY;
    if (raise) {
        double sp = 0.0, bk1 = c->beta[k + 1];
        for (int i = 0; i < n; i++) {
            double d = (ev[i] - bk1 * pk1[i]) * ewt[i];
            sp += d * d;
        }
        terkp1 = sqrt(sp / n);
    }
    memcpy(pk1, ev, (size_t)n * sizeof *pk1);
    for (int j = k; j >= 1; j--) {
        double *restrict pj = b->phi[j];
        const double *restrict pn = b->phi[j + 1];
        for (int i = 0; i < n; i++) pj[i] += pn[i];
    }
    memcpy(b->phi[0], b->y, (size_t)n * sizeof(double));
    memcpy(b->yp, b->ypn, (size_t)n * sizeof(double));
    b->t = tnew;
    for (int i = 1; i <= N_PHI; i++) b->psi[i] = c->psi[i];
    b->hused = h;
    b->kused = k;
    b->st.steps++;
    set_weights(b, b->y);
    return terkp1;
}

/* Step-size factor from an error estimate at order q: at most 2, no change
 * between 1 and 2 (so Jacobians and rates stay valid), else in [0.5, 0.9]. */
static double step_ratio(double err, int q)
{
    double r = pow(2.0 * err + 1e-4, -1.0 / (q + 1));
    return r >= 2.0 ? 2.0 : r <= 1.0 ? fmax(0.5, fmin(0.9, r)) : 1.0;
}

/* Order and step for the next step after an accepted one.  e[] holds the
 * estimates h^(q+1) y^(q+1) at q = k-1, k, k+1 (terkm1, terk, terkp1). */
static void next_order_and_step(cf_bdf *b, int k, int knew, double h, double err, const double e[3],
                                const step_coeffs *c, int raise, int clipped)
{
    const double terkm1 = e[0], terk = e[1], terkp1 = e[2];
    double hnew = h;
    int korder = k;
    if (b->phase == 0) { /* start-up: one order up and twice the step, until something objects */
        if (knew < k) {
            korder = knew;
            b->phase = 1;
            hnew = h * step_ratio(terkm1 * h / c->psi[k], korder);
        } else {
            korder = k < b->kmax ? k + 1 : k;
            hnew = 2.0 * h;
            if (korder == b->kmax) b->phase = 1;
        }
    } else {
        double errq = err;
        if (knew < k) {
            korder = knew;
            errq = terkm1 * h / c->psi[k];
        } else if (raise) {
            if (k == 1) {
                if (terkp1 < 0.5 * terk) korder = 2;
            } else if (terkm1 <= fmin(terk, terkp1)) {
                korder = k - 1;
            } else if (terkp1 < terk) {
                korder = k + 1;
            }
            if (korder == k - 1) errq = terkm1 * h / c->psi[k];
            if (korder == k + 1) errq = terkp1 * h / c->psi[k + 2];
        }
        hnew = h * step_ratio(errq, korder);
    }
    b->ns = (korder != k || hnew != h) ? 0 : b->ns + 1;
    b->k = korder;
    /* a step clipped at the stop time says nothing about the next one */
    b->h = clipped && hnew < b->h ? b->h : hnew;
}

/* Shorter step (and maybe lower order) after the nef-th error-test failure. */
static void after_error_failure(cf_bdf *b, int nef, int k, int knew, double h, double err, double terkm1,
                                const step_coeffs *c)
{
    double r = 0.25;
    if (nef == 1) {
        double errq = knew < k ? terkm1 * h / c->psi[k] : err;
        r = 0.9 * pow(2.0 * errq + 1e-4, -1.0 / (knew + 1));
        r = isfinite(r) ? fmax(0.25, fmin(0.9, r)) : 0.25;
    } else if (nef > 2) {
        knew = 1;
    }
    b->phase = 1;
    b->ns = 0;
    b->k = knew;
    b->h = h * r;
}

/* Takes one accepted step from t_n; *clipped when it ends at the stop time.
 * CF_BDF_SUCCESS or a failure code. */
static int take_step(cf_bdf *b, int *clipped)
{
    int nef = 0, ncf = 0;
    step_coeffs c;
    for (;;) {
        int k = b->k;
        double h = b->h;
        if (b->hmax > 0 && h > b->hmax) h = b->hmax;
        *clipped = b->has_tstop && b->t + h >= b->tstop;
        if (*clipped) h = b->tstop - b->t;
        if (!(h > 10.0 * UROUND * fabs(b->t)) || !(h > 0)) return CF_BDF_STEP_TOO_SMALL;
        double tnew = *clipped ? b->tstop : b->t + h;
        coefficients(b, h, k, &c);
        b->cj = c.alpha_s / h;
        predict(b, k, &c);

        int rc = newton(b, tnew);
        if (rc != 0) {
            undo_prediction(b, k, &c);
            if (rc < 0) return CF_BDF_FATAL;
            b->st.newton_fails++;
            if (++ncf >= MAX_CONV_FAILS) return CF_BDF_CONV_FAILS;
            b->h = 0.25 * h;
            b->phase = 1;
            b->ns = 0;
            continue;
        }

        double terk, terkm1, terkm2;
        error_estimates(b, k, &terk, &terkm1, &terkm2);
        int knew = k;
        if (k == 2 && terkm1 <= 0.5 * terk) knew = 1;
        if (k > 2 && fmax(terkm1, terkm2) <= terk) knew = k - 1;
        /* error constant |alpha_{k+1} + alpha_s - alpha_0| (1/(k+1) at constant steps) */
        double err = terk * fabs(h / c.psi[k + 1] - c.alpha_s + h * c.gamma[k]);
        if (err <= 1.0 && isfinite(err)) {
            int raise = b->phase == 1 && knew == k && k < b->kmax && b->kused == k && b->ns >= k + 1;
            double terkp1 = accept(b, k, h, tnew, &c, raise);
            const double est[3] = {terkm1, terk, terkp1};
            next_order_and_step(b, k, knew, h, err, est, &c, raise, *clipped);
            return CF_BDF_SUCCESS;
        }
        undo_prediction(b, k, &c);
        b->st.error_test_fails++;
        if (++nef >= MAX_ERR_FAILS) return CF_BDF_ERR_FAILS;
        after_error_failure(b, nef, k, knew, h, err, terkm1, &c);
    }
}

static void output_current(const cf_bdf *b, double *t_out, double *y_out, double *yp_out)
{
    *t_out = b->t;
    memcpy(y_out, b->phi[0], (size_t)b->n * sizeof(double));
    memcpy(yp_out, b->yp, (size_t)b->n * sizeof(double));
}

int cf_bdf_step(cf_bdf *b, double *t_out, double *y_out, double *yp_out)
{
    if (b->root_recheck) { /* the rest of the step after a root returned inside it */
        b->root_recheck = 0;
        if (g_at(b, b->t, b->ghi)) return CF_BDF_FATAL;
        int r = find_root(b, b->t, t_out, y_out, yp_out);
        if (r < 0) return r;
        if (r) return CF_BDF_ROOT;
        b->tlo = b->t;
        memcpy(b->glo, b->ghi, (size_t)b->n_roots * sizeof(double));
    }
    if (b->has_tstop && b->t >= b->tstop - 10.0 * UROUND * fabs(b->tstop)) {
        output_current(b, t_out, y_out, yp_out);
        return CF_BDF_TSTOP;
    }
    if (b->first) start_history(b);
    int clipped, rc = take_step(b, &clipped);
    if (rc != CF_BDF_SUCCESS) return rc;
    /* roots inside the step just taken */
    if (b->n_roots > 0) {
        if (b->fn.roots(b->t, b->phi[0], b->yp, b->ghi, b->user) < 0) return CF_BDF_FATAL;
        int r = find_root(b, b->t, t_out, y_out, yp_out);
        if (r < 0) return r;
        if (r) return CF_BDF_ROOT;
        b->tlo = b->t;
        memcpy(b->glo, b->ghi, (size_t)b->n_roots * sizeof(double));
    }
    output_current(b, t_out, y_out, yp_out);
    return clipped ? CF_BDF_TSTOP : CF_BDF_SUCCESS;
}

void cf_bdf_get_stats(const cf_bdf *b, cf_bdf_stats *s) { *s = b->st; }

double *cf_bdf_work_vector(cf_bdf *b) { return b->delta; }
