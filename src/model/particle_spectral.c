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
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_internal.h"

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
    return CF_OK;
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
