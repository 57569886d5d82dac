/* particle_spectral.c — radial diffusion in a spherical particle by a
 * nodal polynomial Galerkin method (the "spectral" discretisation).
 *
 * The profile is a polynomial of degree n-1 in s = (r/R)^2 (even in r, so
 * smooth at the centre), held by its values c_1..c_n at n nodes: the n-1
 * Gauss nodes of the weight (1-s) s^(1/2) on [0, 1] and the surface s = 1
 * (a Gauss-Radau rule for the sphere's volume weight 3u^2 du = 3/2 s^(1/2) ds).
 * Testing dc/dt = 1/r^2 d/dr(r^2 D dc/dr) against each nodal basis function
 * l_i and integrating by parts over the sphere gives
 *     w_i c_i' + 1/R^2 sum_j K_ij c_j + 3/R^3 N_surf delta_in = 0,
 *     K_ij = int_0^1 3u^2 D dl_i/du dl_j/du du = sum_q w_q 4 s_q D_q l_i'(s_q) l_j'(s_q),
 * with N_surf = R^2 * the outward molar flux j/F.  The Radau rule is exact
 * for polynomials of degree 2n-2 in s, so the mass matrix is exactly the
 * diagonal of the weights w_i and, for a constant D, K is exact as well; a
 * D(sto) is taken at the nodes (the same rule).  Since sum_i l_i' = 0 the
 * diffusion part of the rows sums to zero: the particle's lithium,
 * R^3/3 sum_i w_i c_i, changes only by the surface flux, to rounding.  The
 * surface concentration is the surface node's value; no extrapolation.
 *
 * In the plan the mesh looks like a finite-volume one: vol_i = w_i R^3/3 is
 * the node's share of the particle (what inventories and the porosity of a
 * swelling electrode sum), inv_vol its inverse and area[n] = R^2, so the
 * surface row takes N_surf exactly as the finite-volume rows do.  The
 * block of one particle is dense (n x n); the static LU eliminates it in the
 * plan's order without fill outside the block. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_internal.h"

#define CF_PI_ 3.14159265358979323846

static int spectral_modes(cf_particle_mesh *m);

/* Eigenvalues of the symmetric tridiagonal matrix (diagonal a[0..m-1],
 * off-diagonal sqrt(b[1..m-1])) in [-1, 1], ascending, by Sturm bisection:
 * the count of negative pivots of T - x I is the count of eigenvalues below x. */
static int sturm_count(int m, const double *a, const double *b, double x)
{
    int neg = 0;
    double d = 1.0;
    for (int i = 0; i < m; i++) {
        d = (a[i] - x) - (i > 0 ? b[i] / d : 0.0);
        if (d == 0.0) d = -1e-300;
        if (d < 0) neg++;
    }
    return neg;
}

/* Gauss nodes (in [-1, 1]) of the Jacobi weight (1-x)^ja (1+x)^jb: the
 * eigenvalues of its Jacobi matrix (Golub and Welsch), from the monic
 * three-term recurrence of the Jacobi polynomials. */
static void jacobi_gauss_nodes(int m, double ja, double jb, double *x)
{
    double a[CF_SPECTRAL_MAX + 2], b[CF_SPECTRAL_MAX + 2];
    for (int k = 0; k < m; k++) {
        double t = 2.0 * k + ja + jb;
        a[k] = (k == 0) ? (jb - ja) / (ja + jb + 2.0) : (jb * jb - ja * ja) / (t * (t + 2.0));
        b[k] = (k == 0) ? 0.0 : 4.0 * k * (k + ja) * (k + jb) * (k + ja + jb) / (t * t * (t + 1.0) * (t - 1.0));
    }
    for (int k = 0; k < m; k++) {
        double lo = -1.0, hi = 1.0;
        for (int it = 0; it < 200 && hi - lo > 1e-16; it++) {
            double mid = 0.5 * (lo + hi);
            if (sturm_count(m, a, b, mid) > k) hi = mid;
            else lo = mid;
        }
        x[k] = 0.5 * (lo + hi);
    }
}

/* Lagrange basis polynomial j of nodes s[0..n-1] (barycentric weights lam) at x. */
static double lagrange(int n, const double *s, const double *lam, int j, double x)
{
    double v = lam[j];
    for (int k = 0; k < n; k++)
        if (k != j) v *= x - s[k];
    return v;
}

int cf_particle_mesh_init_spectral(cf_particle_mesh *m, int n, double R)
{
    if (n < 2 || n > CF_SPECTRAL_MAX) return CF_EINVAL;
    memset(m, 0, sizeof *m);
    m->spectral = 1;
    m->nr = n;
    m->R = R;
    m->dr = R / n;
    m->area = calloc((size_t)n + 1, sizeof(double));
    m->inv_vol = malloc((size_t)n * sizeof(double));
    m->vol = malloc((size_t)n * sizeof(double));
    m->node_s = malloc((size_t)n * sizeof(double));
    m->Ds = malloc((size_t)n * n * sizeof(double));
    m->Kq = malloc((size_t)n * sizeof(double));
    m->A0 = malloc((size_t)n * n * sizeof(double));
    if (!m->area || !m->inv_vol || !m->vol || !m->node_s || !m->Ds || !m->Kq || !m->A0) return CF_ENOMEM;
    double *s = m->node_s, lam[CF_SPECTRAL_MAX], w[CF_SPECTRAL_MAX];
    jacobi_gauss_nodes(n - 1, 1.0, 0.5, s);
    for (int i = 0; i < n - 1; i++) s[i] = 0.5 * (s[i] + 1.0);
    s[n - 1] = 1.0;
    for (int j = 0; j < n; j++) {
        double d = 1.0;
        for (int k = 0; k < n; k++)
            if (k != j) d *= s[j] - s[k];
        lam[j] = 1.0 / d;
    }
    /* w_j = int_0^1 3u^2 l_j(u^2) du (a polynomial of degree 2n in u) by
     * Gauss-Legendre in u with n+2 points (exact to degree 2n+3). */
    int M = n + 2;
    double xg[CF_SPECTRAL_MAX + 2];
    jacobi_gauss_nodes(M, 0.0, 0.0, xg);
    for (int j = 0; j < n; j++) w[j] = 0.0;
    for (int q = 0; q < M; q++) {
        /* Legendre P_M'(x) from the recurrence: weight 2 / ((1-x^2) P_M'^2) */
        double x = xg[q], p0 = 1.0, p1 = x;
        for (int k = 2; k <= M; k++) {
            double p2 = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
            p0 = p1;
            p1 = p2;
        }
        double dp = M * (x * p1 - p0) / (x * x - 1.0);
        double wq = 2.0 / ((1.0 - x * x) * dp * dp) * 0.5, u = 0.5 * (x + 1.0);
        for (int j = 0; j < n; j++) w[j] += wq * 3.0 * u * u * lagrange(n, s, lam, j, u * u);
    }
    /* differentiation in s at the nodes: Ds[i*n+j] = l_j'(s_i) */
    for (int i = 0; i < n; i++) {
        double diag = 0.0;
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            double v = lam[j] / lam[i] / (s[i] - s[j]);
            m->Ds[i * n + j] = v;
            diag -= v;
        }
        m->Ds[i * n + i] = diag;
    }
    for (int i = 0; i < n; i++) {
        m->vol[i] = w[i] * R * R * R / 3.0;
        m->inv_vol[i] = 1.0 / m->vol[i];
        m->Kq[i] = 4.0 * w[i] * s[i];
    }
    m->area[n] = R * R;
    /* rows for D = 1: A0[i*n+k] = inv_vol_i R/3 sum_q Kq_q Ds_qi Ds_qk */
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double v = 0.0;
            for (int q = 0; q < n; q++) v += m->Kq[q] * m->Ds[q * n + i] * m->Ds[q * n + k];
            m->A0[i * n + k] = m->inv_vol[i] * R / 3.0 * v;
        }
    return spectral_modes(m);
}

/* D at the nodes (constant or D(sto)) and its derivatives (0 if constant). */
static void node_diffusivities(cf_plan *p, const cf_side *sd, int i, const double *cs, double *D, double *dD)
{
    int n = sd->pm[i].nr;
    for (int q = 0; q < n; q++) {
        if (sd->Dvar[i]) {
            D[q] = cf_solid_diffusivity(p, sd, i, cs[q], &dD[q]);
        } else {
            D[q] = sd->Ds[i];
            dD[q] = 0.0;
        }
    }
}

void cf_particle_rows_spectral(cf_plan *p, const cf_side *sd, int i, const double *cs, const double *csp,
                               double N_surf, double *F)
{
    const cf_particle_mesh *m = &sd->pm[i];
    int n = m->nr;
    if (!sd->Dvar[i]) {
        double D = sd->Ds[i];
        for (int r = 0; r < n; r++) {
            const double *a = m->A0 + r * n;
            double v = 0.0;
            for (int k = 0; k < n; k++) v += a[k] * cs[k];
            F[r] = csp[r] + D * v;
        }
    } else {
        double D[CF_SPECTRAL_MAX], dD[CF_SPECTRAL_MAX], G[CF_SPECTRAL_MAX];
        node_diffusivities(p, sd, i, cs, D, dD);
        for (int q = 0; q < n; q++) {
            double g = 0.0;
            for (int k = 0; k < n; k++) g += m->Ds[q * n + k] * cs[k];
            G[q] = m->Kq[q] * D[q] * g;
        }
        for (int r = 0; r < n; r++) {
            double v = 0.0;
            for (int q = 0; q < n; q++) v += G[q] * m->Ds[q * n + r];
            F[r] = csp[r] + m->inv_vol[r] * m->R / 3.0 * v;
        }
    }
    F[n - 1] += m->inv_vol[n - 1] * N_surf;
}

void cf_particle_jac_spectral(cf_plan *p, const cf_side *sd, int i, const double *cs, double cj, int o, cf_asm *J)
{
    const cf_particle_mesh *m = &sd->pm[i];
    int n = m->nr;
    double D[CF_SPECTRAL_MAX], dD[CF_SPECTRAL_MAX], g[CF_SPECTRAL_MAX];
    node_diffusivities(p, sd, i, cs, D, dD);
    if (!sd->Dvar[i]) {
        for (int r = 0; r < n; r++)
            for (int k = 0; k < n; k++) cf_asm_add(J, o + r, o + k, D[0] * m->A0[r * n + k] + (r == k ? cj : 0.0));
        return;
    }
    for (int q = 0; q < n; q++) {
        g[q] = 0.0;
        for (int k = 0; k < n; k++) g[q] += m->Ds[q * n + k] * cs[k];
    }
    /* dF_r/dc_k = cj delta + inv_vol_r R/3 (sum_q Kq_q D_q Ds_qr Ds_qk + Kq_k D'_k g_k Ds_kr) */
    for (int r = 0; r < n; r++)
        for (int k = 0; k < n; k++) {
            double v = m->Kq[k] * dD[k] * g[k] * m->Ds[k * n + r];
            for (int q = 0; q < n; q++) v += m->Kq[q] * D[q] * m->Ds[q * n + r] * m->Ds[q * n + k];
            cf_asm_add(J, o + r, o + k, m->inv_vol[r] * m->R / 3.0 * v + (r == k ? cj : 0.0));
        }
}

/* ---- step starts ---------------------------------------------------------
 * After a jump of the surface flux the exact surface concentration moves as
 * sqrt(t) at first: for a sphere (R = D = 1) under a unit outward flux from
 * t = 0 (Crank, "The Mathematics of Diffusion", 2nd ed., eq. 6.59 at r = R)
 *     S(tau) = -(3 tau + 1/5 - 2 sum_k exp(-beta_k^2 tau) / beta_k^2),  tan beta_k = beta_k,
 * and at short times (its Laplace transform -1/(s (sqrt(s) coth sqrt(s) - 1))
 * with coth = 1, exact to O(exp(-1/tau)))
 *     S(tau) = 1 - exp(tau) erfc(-sqrt(tau)) = -(2 sqrt(tau/pi) + tau + ...).
 * The n-node polynomial's own response is a sum of its n modes,
 *     S_n(tau) = -3 b_0^2 tau - sum_m 3 b_m^2 / mu_m (1 - exp(-mu_m tau)),
 * with mu_m the eigenvalues of W^-1/2 K W^-1/2 and b_m the surface values of
 * the W-normalised eigenvectors.  Both end in the same polynomial profile
 * (3 tau + 1/5 at the surface; exactly representable), so their difference
 * is a short-lived function of tau alone: computed once per mesh. */

/* Eigenvalues and vectors of the symmetric n x n matrix a (destroyed) by
 * cyclic Jacobi rotations: a's diagonal ends as the eigenvalues, column m
 * of v (v[i*n+m]) as the eigenvector. */
static void jacobi_eigen(int n, double *a, double *v)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) v[i * n + j] = i == j;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, diag = 0.0;
        for (int i = 0; i < n; i++) {
            diag += a[i * n + i] * a[i * n + i];
            for (int j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
        }
        if (off <= 1e-30 * diag) return;
        for (int p = 0; p < n; p++)
            for (int q = p + 1; q < n; q++) {
                double apq = a[p * n + q];
                if (fabs(apq) < 1e-300) continue;
                double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < n; k++) { /* columns p, q */
                    double akp = a[k * n + p], akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for (int k = 0; k < n; k++) { /* rows p, q */
                    double apk = a[p * n + k], aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < n; k++) {
                    double vkp = v[k * n + p], vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
    }
}

/* beta_k^2 for the 40 smallest positive roots of tan b = b (in (k pi, (k + 1/2) pi)),
 * by Newton on b cos b - sin b. */
static void sphere_roots(double *beta2)
{
    for (int k = 1; k <= 40; k++) {
        double b = (k + 0.5) * CF_PI_ - 1.0 / ((k + 0.5) * CF_PI_);
        for (int it = 0; it < 8; it++) {
            double f = b * cos(b) - sin(b), df = -b * sin(b);
            b -= f / df;
        }
        beta2[k - 1] = b * b;
    }
}

/* The exact sphere's S(tau) (above); from tau = 0.04 the series' terms fall
 * below 1e-17 before the 40th (beta_40^2 tau > 600). */
static double exact_surface_step(const double *beta2, double tau)
{
    if (tau <= 0) return 0.0;
    if (tau < 0.04) return 1.0 - exp(tau) * erfc(-sqrt(tau));
    double sum = 0.0;
    for (int k = 0; k < 40; k++) {
        double e = exp(-beta2[k] * tau);
        sum += e / beta2[k];
        if (e < 1e-17) break;
    }
    return -(3.0 * tau + 0.2 - 2.0 * sum);
}

static double discrete_surface_step(const cf_particle_mesh *m, double tau)
{
    /* the uniform mode carries the mean: exactly -3 tau (sum w_i = 1; its
     * computed weight, 3 to rounding, would drift linearly) */
    double s = -3.0 * tau;
    for (int q = 0; q < m->nmodes; q++) s -= m->mode_w[q] * -expm1(-m->mode_mu[q] * tau);
    return s;
}

double cf_step_start_shape(const cf_particle_mesh *m, double tau)
{
    if (!m->spectral || !(tau > 0) || tau >= m->tau_cut) return 0.0;
    return exact_surface_step(m->beta2, tau) - discrete_surface_step(m, tau);
}

/* The modes of a spectral mesh (R = D = 1) and the time after which its
 * step response is the exact one; called by cf_particle_mesh_init_spectral. */
static int spectral_modes(cf_particle_mesh *m)
{
    int n = m->nr;
    double *a = malloc((size_t)n * n * sizeof(double)), *v = malloc((size_t)n * n * sizeof(double));
    m->mode_mu = malloc((size_t)n * sizeof(double));
    m->mode_w = malloc((size_t)n * sizeof(double));
    if (!a || !v || !m->mode_mu || !m->mode_w) {
        free(a);
        free(v);
        return CF_ENOMEM;
    }
    /* w_i = 3 vol_i / R^3; K_ik = w_i A0_ik / R^2 (A0 is W^-1 K R^-2 for this R) */
    double w[CF_SPECTRAL_MAX];
    for (int i = 0; i < n; i++) w[i] = 3.0 * m->vol[i] / (m->R * m->R * m->R);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double K_ik = w[i] * m->A0[i * n + k] * m->R * m->R;
            a[i * n + k] = K_ik / sqrt(w[i] * w[k]);
        }
    for (int i = 0; i < n; i++) /* symmetrise the rounding */
        for (int k = i + 1; k < n; k++) a[i * n + k] = a[k * n + i] = 0.5 * (a[i * n + k] + a[k * n + i]);
    sphere_roots(m->beta2);
    jacobi_eigen(n, a, v);
    double mu_max = 0.0;
    for (int q = 0; q < n; q++) mu_max = fmax(mu_max, fabs(a[q * n + q]));
    m->nmodes = 0;
    m->mode_zero = 0.0;
    for (int q = 0; q < n; q++) {
        double mu = a[q * n + q], b = v[(n - 1) * n + q] / sqrt(w[n - 1]);
        if (fabs(mu) <= 1e-10 * mu_max) {
            m->mode_zero += 3.0 * b * b;
        } else {
            m->mode_mu[m->nmodes] = mu;
            m->mode_w[m->nmodes] = 3.0 * b * b / mu;
            m->nmodes++;
        }
    }
    free(a);
    free(v);
    /* from large tau down: the first tau where the two responses differ by
     * more than 1e-12 (the particle's own scale is 1/5) */
    m->tau_cut = INFINITY;
    double tau = 10.0;
    while (tau > 1e-6 && fabs(exact_surface_step(m->beta2, tau) - discrete_surface_step(m, tau)) < 1e-12) tau /= 1.05;
    m->tau_cut = tau * 1.05;
    return CF_OK;
}

/* ---- the plan's bookkeeping ---- */

#define FARADAY CF_FARADAY

int cf_step_start_applies(const cf_plan *p)
{
    return p->opt.discretisation == CF_DISC_SPECTRAL && p->start.dj;
}

/* Particle columns of the jumps: the DFN's x cells (k), or the SPM/SPMe's
 * two particles (k = the side). */
static size_t start_cols(const cf_plan *p)
{
    return (size_t)(p->opt.kind == CF_MODEL_DFN ? p->nx : 2) * CF_MAX_PHASES;
}

int cf_step_start_cols(const cf_plan *p) { return (int)start_cols(p); }

void cf_step_start_shifts(const cf_plan *p, double t, double *out)
{
    int nk = p->opt.kind == CF_MODEL_DFN ? p->nx : 2;
    for (int k = 0; k < nk; k++) {
        int s = p->opt.kind == CF_MODEL_DFN ? (p->dom[k] == DOM_SEP ? -1 : SIDE_OF_DOM(p->dom[k])) : k;
        for (int i = 0; i < CF_MAX_PHASES; i++)
            out[k * CF_MAX_PHASES + i] = s >= 0 && i < p->side[s].nph ? cf_step_start_correction(p, k, s, i, t) : 0.0;
    }
}

int cf_step_start_alloc(cf_plan *p)
{
    if (p->opt.discretisation != CF_DISC_SPECTRAL) return CF_OK;
    size_t m = start_cols(p);
    p->start.dj = calloc(CF_START_SLOTS * m, sizeof(double));
    p->start.j_before = calloc(m, sizeof(double));
    p->start.shift = calloc(m, sizeof(double));
    return p->start.dj && p->start.j_before && p->start.shift ? CF_OK : CF_ENOMEM;
}

void cf_step_start_free(cf_plan *p)
{
    free(p->start.dj);
    free(p->start.j_before);
    free(p->start.shift);
    p->start.dj = p->start.j_before = p->start.shift = NULL;
}

void cf_step_start_clear(cf_plan *p)
{
    p->start.n = 0;
    p->start.from_rest = 1;
    p->start.cache_ok = 0;
}

/* The correction of one step start at t.  The shape starts like sqrt(tau),
 * whose unbounded derivatives at tau = 0 would make the integrator's error
 * test ask for steps below the round-off of t at tight tolerances (chen2020,
 * 2C discharge then 1C charge: at rtol 1e-10 the charge failed at its start,
 * t = 1641 s).  So the shape is taken from tau + e with the offset fading
 * over e,
 *   G(tau) = shape(tau + e) - shape(e) exp(-tau / e),
 * G(0) = 0, smooth, and G - shape = O(sqrt(e)) only over the first few e,
 * O(e / sqrt(tau)) after; e is 1e6 round-offs of t0 (0.36 us at t0 = 1641 s),
 * far below any output row's time.  (rtol 1e-11 then runs; 1e-12 still
 * fails there, where finite volumes run.) */
static double slot_g(const cf_plan *p, int sl, int s, int i, double t)
{
    double rate = p->start.rate[sl][s][i];
    if (rate == 0.0) return 0.0;
    const cf_particle_mesh *pm = &p->side[s].pm[i];
    double t0 = p->start.t0[sl], tau = rate * (t - t0);
    if (!(tau > 0)) return 0.0;
    double e = rate * 1e6 * DBL_EPSILON * fmax(fabs(t0), 1.0);
    double g = cf_step_start_shape(pm, tau + e) - cf_step_start_shape(pm, e) * exp(-tau / e);
    return p->start.scale[sl][s][i] * g;
}

void cf_step_start_prepare(cf_plan *p, double t)
{
    if (p->start.n == 0 || (p->start.cache_ok && p->start.cache_t == t)) return;
    for (int sl = 0; sl < p->start.n; sl++)
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < p->side[s].nph; i++) p->start.g[sl][s][i] = slot_g(p, sl, s, i, t);
    p->start.cache_t = t;
    p->start.cache_ok = 1;
}

double cf_step_start_correction(const cf_plan *p, int k, int s, int i, double t)
{
    const cf_step_start *st = &p->start;
    if (st->n == 0) return 0.0;
    int cached = st->cache_ok && st->cache_t == t;
    double c = 0.0;
    for (int sl = 0; sl < st->n; sl++) {
        double dj = st->dj[(size_t)sl * start_cols(p) + (size_t)k * CF_MAX_PHASES + i];
        if (dj != 0.0) c += dj * (cached ? st->g[sl][s][i] : slot_g(p, sl, s, i, t));
    }
    return c;
}

/* The particles' intercalation currents (A/m2) at the plan's state: the
 * DFN's electrode cells, or the SPM/SPMe's particles (spm.c). */
static void current_currents(cf_plan *p, double *out)
{
    const double *y = N_VGetArrayPointer(p->y);
    cf_plan_residual(p, p->t, y, N_VGetArrayPointer(p->yp), p->w_F);
    if (p->opt.kind == CF_MODEL_DFN) {
        memcpy(out, p->w_j, (size_t)p->nx * CF_MAX_PHASES * sizeof(double));
        return;
    }
    memset(out, 0, start_cols(p) * sizeof(double));
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < p->side[s].nph; i++) out[s * CF_MAX_PHASES + i] = cf_spm_particle_current(p, s, i, y);
}

void cf_step_start_before(cf_plan *p)
{
    if (!cf_step_start_applies(p)) return;
    if (p->start.from_rest) memset(p->start.j_before, 0, start_cols(p) * sizeof(double));
    else current_currents(p, p->start.j_before);
}

void cf_step_start_after(cf_plan *p)
{
    if (!cf_step_start_applies(p)) return;
    cf_step_start *st = &p->start;
    size_t m = start_cols(p);
    double *ja = st->dj + (size_t)(CF_START_SLOTS - 1) * m; /* scratch: the last slot */
    /* drop the steps whose start has ended for every particle */
    int keep = 0;
    for (int sl = 0; sl < st->n; sl++) {
        int live = 0;
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < p->side[s].nph; i++)
                if (st->rate[sl][s][i] > 0 && st->rate[sl][s][i] * (p->t - st->t0[sl]) < p->side[s].pm[i].tau_cut)
                    live = 1;
        if (!live) continue;
        if (keep != sl) {
            memcpy(st->dj + (size_t)keep * m, st->dj + (size_t)sl * m, m * sizeof(double));
            st->t0[keep] = st->t0[sl];
            memcpy(st->rate[keep], st->rate[sl], sizeof st->rate[0]);
            memcpy(st->scale[keep], st->scale[sl], sizeof st->scale[0]);
        }
        keep++;
    }
    st->n = keep;
    st->cache_ok = 0;
    if (st->n == CF_START_SLOTS) { /* full: the oldest goes (its start is the most decayed) */
        memmove(st->dj, st->dj + m, (size_t)(CF_START_SLOTS - 1) * m * sizeof(double));
        memmove(st->t0, st->t0 + 1, (CF_START_SLOTS - 1) * sizeof st->t0[0]);
        memmove(st->rate, st->rate + 1, (CF_START_SLOTS - 1) * sizeof st->rate[0]);
        memmove(st->scale, st->scale + 1, (CF_START_SLOTS - 1) * sizeof st->scale[0]);
        st->n--;
    }
    current_currents(p, ja);
    st->from_rest = 0;
    double big = 0.0, jump = 0.0;
    for (size_t q = 0; q < m; q++) {
        big = fmax(big, fmax(fabs(ja[q]), fabs(st->j_before[q])));
        jump = fmax(jump, fabs(ja[q] - st->j_before[q]));
    }
    if (!(jump > 1e-9 * big) || !isfinite(jump)) return; /* continuous: nothing starts */
    int sl = st->n;
    double *dj = st->dj + (size_t)sl * m;
    for (size_t q = 0; q < m; q++) dj[q] = ja[q] - st->j_before[q]; /* ja may be this slot: same index */
    st->t0[sl] = p->t;
    const double *y = N_VGetArrayPointer(p->y);
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        for (int i = 0; i < CF_MAX_PHASES; i++) st->rate[sl][s][i] = st->scale[sl][s][i] = 0.0;
        if (sd->nph == 0 || (p->opt.kind == CF_MODEL_DFN && sd->first > sd->last) || (s == 0 && p->iNLi >= 0))
            continue; /* no porous electrode */
        for (int i = 0; i < sd->nph; i++) {
            const cf_particle_mesh *pm = &sd->pm[i];
            if (!pm->spectral) continue;
            /* D(sto): at the electrode's mean surface stoichiometry at the start */
            double D = sd->Ds[i];
            if (sd->Dvar[i]) {
                double cs = 0.0;
                if (p->opt.kind == CF_MODEL_DFN) {
                    for (int k = sd->first; k <= sd->last; k++) cs += y[p->off[k] + sd->ph_off[i] + pm->nr - 1];
                    cs /= sd->last - sd->first + 1;
                } else {
                    cs = y[sd->off_cs[i] + pm->nr - 1];
                }
                D = cf_solid_diffusivity(p, sd, i, cs, NULL);
            }
            if (!(D > 0) || !isfinite(D)) continue;
            st->rate[sl][s][i] = D / (pm->R * pm->R);
            st->scale[sl][s][i] = pm->R / (FARADAY * D);
        }
    }
    st->n++;
}
