/* fast_nvector.c — optimised serial vector kernels (see the header). */
#include "solver/fast_nvector.h"

#include <math.h>
#include <string.h>

#define LEN(v) ((long)NV_LENGTH_S(v))
#define DATA(v) NV_DATA_S(v)

/* The element-wise kernels are also compiled for AVX2 and picked at load
 * time (GCC/Clang function multiversioning through glibc ifuncs, x86-64
 * only): the same operations in the same order on wider registers, so the
 * results do not change; the default clone is the portable SSE2 build.  No
 * FMA is enabled (it would round differently).  The reductions (dot, norms)
 * stay sequential sums in index order, as SUNDIALS' own. */
#if defined(__x86_64__) && defined(__ELF__) && defined(__GLIBC__) && defined(__GNUC__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define KERNEL __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef KERNEL
#define KERNEL
#endif

KERNEL static void linear_sum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z)
{
    const double *restrict xd = DATA(x), *restrict yd = DATA(y);
    double *zd = DATA(z);
    long n = LEN(x);
    /* IDA mostly adds (a = b = 1) or adds a multiple; 1*x is exact, so these
     * branches give the same bits as the general one */
    if (a == 1.0 && b == 1.0)
        for (long i = 0; i < n; i++) zd[i] = xd[i] + yd[i];
    else if (a == 1.0)
        for (long i = 0; i < n; i++) zd[i] = xd[i] + b * yd[i];
    else if (b == 1.0)
        for (long i = 0; i < n; i++) zd[i] = a * xd[i] + yd[i];
    else
        for (long i = 0; i < n; i++) zd[i] = a * xd[i] + b * yd[i];
}

KERNEL static void set_const(sunrealtype c, N_Vector z)
{
    double *zd = DATA(z);
    long n = LEN(z);
    for (long i = 0; i < n; i++) zd[i] = c;
}

KERNEL static void prod(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = DATA(x), *yd = DATA(y);
    double *zd = DATA(z);
    long n = LEN(x);
    for (long i = 0; i < n; i++) zd[i] = xd[i] * yd[i];
}

KERNEL static void divide(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = DATA(x), *yd = DATA(y);
    double *zd = DATA(z);
    long n = LEN(x);
    for (long i = 0; i < n; i++) zd[i] = xd[i] / yd[i];
}

KERNEL static void scale(sunrealtype c, N_Vector x, N_Vector z)
{
    const double *xd = DATA(x);
    double *zd = DATA(z);
    long n = LEN(x);
    if (c == 1.0) { /* IDA and the KLU wrapper copy vectors this way; 1*x is exact */
        if (zd != xd) memcpy(zd, xd, (size_t)n * sizeof *zd);
        return;
    }
    for (long i = 0; i < n; i++) zd[i] = c * xd[i];
}

KERNEL static void vabs(N_Vector x, N_Vector z)
{
    const double *xd = DATA(x);
    double *zd = DATA(z);
    long n = LEN(x);
    for (long i = 0; i < n; i++) zd[i] = fabs(xd[i]);
}

KERNEL static void inv(N_Vector x, N_Vector z)
{
    const double *xd = DATA(x);
    double *zd = DATA(z);
    long n = LEN(x);
    for (long i = 0; i < n; i++) zd[i] = 1.0 / xd[i];
}

KERNEL static void add_const(N_Vector x, sunrealtype b, N_Vector z)
{
    const double *xd = DATA(x);
    double *zd = DATA(z);
    long n = LEN(x);
    for (long i = 0; i < n; i++) zd[i] = xd[i] + b;
}

static sunrealtype dot(N_Vector x, N_Vector y)
{
    const double *xd = DATA(x), *yd = DATA(y);
    long n = LEN(x);
    double s = 0;
    for (long i = 0; i < n; i++) s += xd[i] * yd[i];
    return s;
}

static sunrealtype max_norm(N_Vector x)
{
    const double *xd = DATA(x);
    long n = LEN(x);
    double m = 0;
    for (long i = 0; i < n; i++) m = fmax(m, fabs(xd[i]));
    return m;
}

static sunrealtype wsqrsum(N_Vector x, N_Vector w)
{
    const double *xd = DATA(x), *wd = DATA(w);
    long n = LEN(x);
    double s = 0;
    for (long i = 0; i < n; i++) {
        double p = xd[i] * wd[i];
        s += p * p;
    }
    return s;
}

static sunrealtype wsqrsum_mask(N_Vector x, N_Vector w, N_Vector id)
{
    const double *xd = DATA(x), *wd = DATA(w), *idd = DATA(id);
    long n = LEN(x);
    double s = 0;
    for (long i = 0; i < n; i++)
        if (idd[i] > 0.0) {
            double p = xd[i] * wd[i];
            s += p * p;
        }
    return s;
}

static sunrealtype wrms(N_Vector x, N_Vector w) { return sqrt(wsqrsum(x, w) / (double)LEN(x)); }

static sunrealtype wrms_mask(N_Vector x, N_Vector w, N_Vector id)
{
    return sqrt(wsqrsum_mask(x, w, id) / (double)LEN(x));
}

static sunrealtype vmin(N_Vector x)
{
    const double *xd = DATA(x);
    long n = LEN(x);
    double m = xd[0];
    for (long i = 1; i < n; i++) m = fmin(m, xd[i]);
    return m;
}

KERNEL static void compare(sunrealtype c, N_Vector x, N_Vector z)
{
    const double *xd = DATA(x);
    double *zd = DATA(z);
    long n = LEN(x);
    for (long i = 0; i < n; i++) zd[i] = fabs(xd[i]) >= c ? 1.0 : 0.0;
}

/* z = c0 X0 + c1 X1 + ... in one pass over the data for up to four vectors
 * (then three more per pass), each element summed left to right, so the
 * result is bitwise the one of a pass per vector.  z may alias X[0] (each
 * element is read before it is written; c0 = 1 multiplies exactly). */
KERNEL static int linear_combination(int nv, sunrealtype *c, N_Vector *X, N_Vector z)
{
    long n = LEN(z);
    double *zd = DATA(z);
    const double *x0 = DATA(X[0]);
    const double c0 = c[0];
    if (nv == 1) {
        if (x0 == zd && c0 == 1.0) return 0;
        for (long i = 0; i < n; i++) zd[i] = c0 * x0[i];
        return 0;
    }
    const double *x1 = DATA(X[1]);
    const double c1 = c[1];
    if (nv == 2) {
        for (long i = 0; i < n; i++) zd[i] = c0 * x0[i] + c1 * x1[i];
        return 0;
    }
    const double *x2 = DATA(X[2]);
    const double c2 = c[2];
    if (nv == 3) {
        for (long i = 0; i < n; i++) zd[i] = c0 * x0[i] + c1 * x1[i] + c2 * x2[i];
        return 0;
    }
    const double *x3 = DATA(X[3]);
    const double c3 = c[3];
    for (long i = 0; i < n; i++) zd[i] = c0 * x0[i] + c1 * x1[i] + c2 * x2[i] + c3 * x3[i];
    int k = 4;
    for (; k + 3 <= nv; k += 3) {
        const double *a = DATA(X[k]), *b = DATA(X[k + 1]), *d = DATA(X[k + 2]);
        const double ca = c[k], cb = c[k + 1], cd = c[k + 2];
        for (long i = 0; i < n; i++) zd[i] = zd[i] + ca * a[i] + cb * b[i] + cd * d[i];
    }
    if (nv - k == 2) {
        const double *a = DATA(X[k]), *b = DATA(X[k + 1]);
        const double ca = c[k], cb = c[k + 1];
        for (long i = 0; i < n; i++) zd[i] = zd[i] + ca * a[i] + cb * b[i];
    } else if (nv - k == 1) {
        const double *a = DATA(X[k]);
        const double ca = c[k];
        for (long i = 0; i < n; i++) zd[i] = zd[i] + ca * a[i];
    }
    return 0;
}

KERNEL static int scale_add_multi(int nv, sunrealtype *a, N_Vector x, N_Vector *Y, N_Vector *Z)
{
    long n = LEN(x);
    const double *xd = DATA(x);
    for (int k = 0; k < nv; k++) {
        const double *yd = DATA(Y[k]);
        double *zd = DATA(Z[k]);
        double ak = a[k];
        for (long i = 0; i < n; i++) zd[i] = ak * xd[i] + yd[i];
    }
    return 0;
}

static int linear_sum_array(int nv, sunrealtype a, N_Vector *X, sunrealtype b, N_Vector *Y, N_Vector *Z)
{
    for (int k = 0; k < nv; k++) linear_sum(a, X[k], b, Y[k], Z[k]);
    return 0;
}

static int scale_array(int nv, sunrealtype *c, N_Vector *X, N_Vector *Z)
{
    for (int k = 0; k < nv; k++) scale(c[k], X[k], Z[k]);
    return 0;
}

static int const_array(int nv, sunrealtype c, N_Vector *Z)
{
    for (int k = 0; k < nv; k++) set_const(c, Z[k]);
    return 0;
}

static int wrms_array(int nv, N_Vector *X, N_Vector *W, sunrealtype *out)
{
    for (int k = 0; k < nv; k++) out[k] = wrms(X[k], W[k]);
    return 0;
}

static int wrms_mask_array(int nv, N_Vector *X, N_Vector *W, N_Vector id, sunrealtype *out)
{
    for (int k = 0; k < nv; k++) out[k] = wrms_mask(X[k], W[k], id);
    return 0;
}

static int dot_multi(int nv, N_Vector x, N_Vector *Y, sunrealtype *out)
{
    for (int k = 0; k < nv; k++) out[k] = dot(x, Y[k]);
    return 0;
}

void cf_nvector_speedup(N_Vector v)
{
    N_Vector_Ops o = v->ops;
    o->nvlinearsum = linear_sum;
    o->nvconst = set_const;
    o->nvprod = prod;
    o->nvdiv = divide;
    o->nvscale = scale;
    o->nvabs = vabs;
    o->nvinv = inv;
    o->nvaddconst = add_const;
    o->nvdotprod = dot;
    o->nvdotprodlocal = dot;
    o->nvmaxnorm = max_norm;
    o->nvmaxnormlocal = max_norm;
    o->nvwrmsnorm = wrms;
    o->nvwrmsnormmask = wrms_mask;
    o->nvwsqrsumlocal = wsqrsum;
    o->nvwsqrsummasklocal = wsqrsum_mask;
    o->nvmin = vmin;
    o->nvminlocal = vmin;
    o->nvcompare = compare;
    o->nvlinearcombination = linear_combination;
    o->nvscaleaddmulti = scale_add_multi;
    /* the array forms too: without them SUNDIALS falls back to its own
     * unoptimised loops over the single-vector operations */
    o->nvlinearsumvectorarray = linear_sum_array;
    o->nvscalevectorarray = scale_array;
    o->nvconstvectorarray = const_array;
    o->nvwrmsnormvectorarray = wrms_array;
    o->nvwrmsnormmaskvectorarray = wrms_mask_array;
    o->nvdotprodmulti = dot_multi;
}
