/* static_lu.c — sparse LU on a fixed elimination order (see the header). */
#include "solver/static_lu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>

/* A pivot smaller than this fraction of its row's largest entry in A means
 * the fixed order has hit cancellation: pivoting is needed (KLU). */
#define PIVOT_REL_MIN 1e-10
/* L+U may hold at most this many times A's entries (plus a few per row);
 * beyond it the fixed order is not the right tool and KLU does everything. */
#define FILL_MAX_RATIO 30
/* Unknowns moved to the end of the order after a vanishing pivot, at most
 * this many over the solver's life; later small pivots go to KLU. */
#define MAX_REORDERS 16
/* Unknowns the caller names as coupled to (nearly) all others, at most
 * this many, are eliminated last as a dense Schur complement (static_lu.h). */
#define MAX_BORDER CF_STATIC_LU_MAX_BORDER

typedef struct {
    int n;                 /* unknowns in the elimination order (N - nb)     */
    int N;                 /* unknowns of the whole system                    */
    /* The system [A11 B; C D] with the nb border unknowns last: A11's pattern
     * as CSR in its own numbering (sptr, scol), its entries' positions in A's
     * values (ssrc; NULL when nb = 0: A11 is A) and gathered values (sval);
     * inner: A11 index -> unknown; perm_full: elimination position -> unknown. */
    int nb, border[MAX_BORDER];
    sunindextype *sptr, *scol;
    long *ssrc;
    double *sval;
    int *inner, *perm_full;
    long full_nnz;         /* entries of A's pattern                          */
    /* B's column b: nbe[b] entries at rows brow (unknowns), values at bsrc; C's
     * row b likewise (ccol, csrc); D's entries dsrc (-1: none) */
    int nbe[MAX_BORDER], nce[MAX_BORDER];
    int *brow[MAX_BORDER], *ccol[MAX_BORDER];
    long *bsrc[MAX_BORDER], *csrc[MAX_BORDER], dsrc[MAX_BORDER][MAX_BORDER];
    double *z[MAX_BORDER];  /* A11^-1 B's columns, by unknown (0 at the border) */
    double S[MAX_BORDER][MAX_BORDER]; /* D - C A11^-1 B, LU-factorised in place */
    int spiv[MAX_BORDER];
    /* L+U by rows: strictly lower part (unit L), diagonal, strictly upper part */
    int *ptr, *col, *diag; /* n+1, nnz, n                                       */
    double *val, *inv_diag;
    double *w;             /* dense work row (factor) and permuted vector (solve) */
    int *perm;             /* elimination position -> unknown                 */
    int *pcol;             /* A's column indices as elimination positions     */
    /* Rows [0, n_chain) have at most one entry left and one right of the
     * diagonal (the peeled particle shells): they are factorised and solved
     * without inner loops from these copies.  An absent entry has value 0
     * and column n, where the solve's work vector holds a 0.  chain_a* are
     * the positions of the row's entries in A's values (-1: none). */
    int n_chain;
    int *chain_lcol, *chain_ucol;
    double *chain_l, *chain_u;
    long *chain_al, *chain_ad, *chain_au;
    long nnz;
    sunindextype a_nnz;    /* entries of the analysed pattern of A            */
    int usable;            /* the pattern's fill fitted (else KLU only)       */
    int factored_by_klu;   /* the current factorisation is the fallback's     */
    SUNLinearSolver klu;   /* fallback with partial pivoting, made when first needed */
    N_Vector y_template;   /* for making it                                   */
    SUNContext ctx;
    sunindextype last_flag;
    cf_static_lu_stats stats;
} static_lu;

#define CONTENT(S) ((static_lu *)(S)->content)

/* ---- symbolic factorisation ------------------------------------------------ */

typedef struct {
    int *a;
    int n;
} min_heap;

static void heap_push(min_heap *h, int v)
{
    int i = h->n++;
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (h->a[parent] <= v) break;
        h->a[i] = h->a[parent];
        i = parent;
    }
    h->a[i] = v;
}

static int heap_pop(min_heap *h)
{
    int top = h->a[0], last = h->a[--h->n], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && h->a[c + 1] < h->a[c]) c++;
        if (last <= h->a[c]) break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (h->n > 0) h->a[i] = last;
    return top;
}

/* Elimination order: first peel the tree-like parts of the (symmetrised)
 * graph leaf by leaf — in the DFN the particle shells, from the centre out,
 * a level holding one shell of every particle — then the remaining core in
 * the plan's own order.  Eliminating a leaf creates no fill, and the rows of
 * one level do not depend on each other, so the triangular solves overlap
 * them instead of walking each particle's chain one row after the other. */
static int peel_order(int n, const sunindextype *aptr, const sunindextype *acol, int *perm)
{
    long a_nnz = (long)aptr[n];
    int *deg = calloc((size_t)n + 1, sizeof *deg), *adj_ptr = calloc((size_t)n + 1, sizeof *adj_ptr);
    int *adj = malloc((size_t)(2 * a_nnz + 1) * sizeof *adj), *mark = malloc((size_t)n * sizeof *mark);
    int *state = calloc((size_t)n, sizeof *state), *level = malloc((size_t)n * sizeof *level);
    int ok = deg && adj_ptr && adj && mark && state && level;
    if (ok) {
        /* symmetrised adjacency without self loops or duplicates */
        for (int i = 0; i < n; i++)
            for (sunindextype q = aptr[i]; q < aptr[i + 1]; q++)
                if (acol[q] != i) {
                    adj_ptr[i + 1]++;
                    adj_ptr[acol[q] + 1]++;
                }
        for (int i = 0; i < n; i++) adj_ptr[i + 1] += adj_ptr[i];
        int *fillp = level; /* borrowed as insertion cursors */
        for (int i = 0; i < n; i++) fillp[i] = adj_ptr[i];
        for (int i = 0; i < n; i++)
            for (sunindextype q = aptr[i]; q < aptr[i + 1]; q++)
                if (acol[q] != i) {
                    adj[fillp[i]++] = (int)acol[q];
                    adj[fillp[acol[q]]++] = i;
                }
        for (int i = 0; i < n; i++) mark[i] = -1;
        for (int i = 0; i < n; i++)
            for (int q = adj_ptr[i]; q < adj_ptr[i + 1]; q++)
                if (mark[adj[q]] != i) {
                    mark[adj[q]] = i;
                    deg[i]++;
                }
        /* level by level: state 0 in the graph, 1 queued, 2 removed */
        int placed = 0, start = 0, count = 0;
        for (int i = 0; i < n; i++)
            if (deg[i] <= 1) {
                level[count++] = i;
                state[i] = 1;
            }
        while (start < count) {
            int end = count;
            for (int k = start; k < end; k++) {
                int v = level[k];
                perm[placed++] = v;
                state[v] = 2;
            }
            for (int k = start; k < end; k++) {
                int v = level[k];
                for (int q = adj_ptr[v]; q < adj_ptr[v + 1]; q++) {
                    int u = adj[q];
                    if (state[u] != 0 || mark[u] == -2 - v) continue;
                    mark[u] = -2 - v; /* each neighbour once per v */
                    if (--deg[u] <= 1) {
                        level[count++] = u;
                        state[u] = 1;
                    }
                }
            }
            start = end;
        }
        for (int i = 0; i < n; i++)
            if (state[i] == 0) perm[placed++] = i;
    }
    free(deg);
    free(adj_ptr);
    free(adj);
    free(mark);
    free(state);
    free(level);
    return !ok;
}

/* Row i of L+U is A's row i plus, for every k < i in it (taken in increasing
 * order, including fill found on the way), the upper part of row k — rows and
 * columns taken in the elimination order lu->perm. */
static int symbolic(static_lu *lu, const sunindextype *aptr, const sunindextype *acol)
{
    int n = lu->n;
    lu->n_chain = 0;
    lu->pcol = malloc((size_t)(aptr[n] + 1) * sizeof *lu->pcol);
    int *iperm = malloc((size_t)n * sizeof *iperm);
    if (!lu->pcol || !iperm) {
        free(iperm);
        return 1;
    }
    for (int i = 0; i < n; i++) iperm[lu->perm[i]] = i;
    for (sunindextype q = 0; q < aptr[n]; q++) lu->pcol[q] = iperm[acol[q]];
    free(iperm);
    long a_nnz = (long)aptr[n], cap = FILL_MAX_RATIO * a_nnz + 16L * n, size = a_nnz + n;
    int *mark = malloc((size_t)n * sizeof *mark), *row = malloc((size_t)n * sizeof *row);
    min_heap h = {malloc((size_t)n * sizeof(int)), 0};
    lu->ptr = malloc((size_t)(n + 1) * sizeof *lu->ptr);
    lu->diag = malloc((size_t)n * sizeof *lu->diag);
    lu->col = malloc((size_t)size * sizeof *lu->col);
    int ok = mark && row && h.a && lu->ptr && lu->diag && lu->col;
    if (ok) {
        for (int j = 0; j < n; j++) mark[j] = -1;
        lu->ptr[0] = 0;
    }
    for (int i = 0; ok && i < n; i++) {
        int len = 0;
        h.n = 0;
        mark[i] = i; /* the diagonal is always stored */
        row[len++] = i;
        for (sunindextype q = aptr[lu->perm[i]]; q < aptr[lu->perm[i] + 1]; q++) {
            int j = lu->pcol[q];
            if (mark[j] == i) continue;
            mark[j] = i;
            row[len++] = j;
            if (j < i) heap_push(&h, j);
        }
        while (h.n > 0) {
            int k = heap_pop(&h);
            for (int q = lu->diag[k] + 1; q < lu->ptr[k + 1]; q++) {
                int j = lu->col[q];
                if (mark[j] == i) continue;
                mark[j] = i;
                row[len++] = j;
                if (j < i) heap_push(&h, j);
            }
        }
        for (int a = 1; a < len; a++) { /* insertion sort: rows hold a few entries */
            int v = row[a], b = a;
            while (b > 0 && row[b - 1] > v) {
                row[b] = row[b - 1];
                b--;
            }
            row[b] = v;
        }
        long start = lu->ptr[i];
        if (start + len > cap) {
            ok = 0;
            break;
        }
        if (start + len > size) {
            while (size < start + len) size *= 2;
            if (size > cap) size = cap;
            int *grown = realloc(lu->col, (size_t)size * sizeof *grown);
            if (!grown) {
                ok = 0;
                break;
            }
            lu->col = grown;
        }
        for (int q = 0; q < len; q++) {
            lu->col[start + q] = row[q];
            if (row[q] == i) lu->diag[i] = (int)(start + q);
        }
        lu->ptr[i + 1] = (int)(start + len);
    }
    free(mark);
    free(row);
    free(h.a);
    if (!ok) return 1;
    lu->nnz = lu->ptr[n];
    lu->a_nnz = aptr[n];
    while (lu->n_chain < n && lu->diag[lu->n_chain] - lu->ptr[lu->n_chain] <= 1 &&
           lu->ptr[lu->n_chain + 1] - lu->diag[lu->n_chain] <= 2)
        lu->n_chain++;
    size_t nc = (size_t)lu->n_chain + 1;
    lu->chain_lcol = malloc(nc * sizeof(int));
    lu->chain_ucol = malloc(nc * sizeof(int));
    lu->chain_l = calloc(nc, sizeof(double));
    lu->chain_u = calloc(nc, sizeof(double));
    lu->chain_al = malloc(nc * sizeof(long));
    lu->chain_ad = malloc(nc * sizeof(long));
    lu->chain_au = malloc(nc * sizeof(long));
    if (!lu->chain_lcol || !lu->chain_ucol || !lu->chain_l || !lu->chain_u || !lu->chain_al || !lu->chain_ad ||
        !lu->chain_au)
        return 1;
    for (int i = 0; i < lu->n_chain; i++) {
        int has_l = lu->diag[i] > lu->ptr[i], has_u = lu->ptr[i + 1] > lu->diag[i] + 1;
        lu->chain_lcol[i] = has_l ? lu->col[lu->ptr[i]] : n;
        lu->chain_ucol[i] = has_u ? lu->col[lu->diag[i] + 1] : n;
        lu->chain_al[i] = lu->chain_ad[i] = lu->chain_au[i] = -1;
        for (sunindextype q = aptr[lu->perm[i]]; q < aptr[lu->perm[i] + 1]; q++) {
            int c = lu->pcol[q];
            if (c == i) lu->chain_ad[i] = (long)q;
            else if (c == lu->chain_lcol[i]) lu->chain_al[i] = (long)q;
            else lu->chain_au[i] = (long)q; /* the only other column a chain row can hold */
        }
    }
    lu->val = malloc((size_t)lu->nnz * sizeof *lu->val);
    lu->inv_diag = malloc((size_t)n * sizeof *lu->inv_diag);
    return !lu->val || !lu->inv_diag;
}

static void free_pattern(static_lu *lu)
{
    free(lu->ptr);
    free(lu->col);
    free(lu->diag);
    free(lu->val);
    free(lu->inv_diag);
    free(lu->pcol);
    free(lu->chain_lcol);
    free(lu->chain_ucol);
    free(lu->chain_l);
    free(lu->chain_u);
    free(lu->chain_al);
    free(lu->chain_ad);
    free(lu->chain_au);
    lu->chain_al = lu->chain_ad = lu->chain_au = NULL;
    lu->ptr = lu->col = lu->diag = lu->pcol = lu->chain_lcol = lu->chain_ucol = NULL;
    lu->val = lu->inv_diag = lu->chain_l = lu->chain_u = NULL;
    lu->n_chain = 0;
    lu->usable = 0;
    lu->stats.fill_nnz = 0;
}

/* (Re)analyses the pattern in the current order; on failure (fill beyond the
 * cap, no memory) the solver keeps to KLU. */
static void analyse(static_lu *lu, const sunindextype *aptr, const sunindextype *acol)
{
    for (int i = 0; i < lu->n; i++) lu->perm_full[i] = lu->inner[lu->perm[i]];
    free_pattern(lu);
    if (symbolic(lu, aptr, acol) == 0) {
        lu->usable = 1;
        lu->stats.fill_nnz = lu->nnz;
        lu->stats.border = lu->nb;
    } else {
        free_pattern(lu);
    }
}

/* ---- numeric factorisation and solves -------------------------------------- */

/* Row-by-row elimination in a dense work row.  -1, or the position of a
 * pivot too small against its row of A (the factorisation is then unusable). */
static int factor(static_lu *lu, const sunindextype *aptr, const double *aval)
{
    const int *ptr = lu->ptr, *col = lu->col, *diag = lu->diag, *pcol = lu->pcol;
    double *val = lu->val, *inv_diag = lu->inv_diag, *w = lu->w;
    const int nc = lu->n_chain, *lcol = lu->chain_lcol, *ucol = lu->chain_ucol;
    double *cl = lu->chain_l, *cu = lu->chain_u;
    for (int i = 0; i < nc; i++) {
        long al = lu->chain_al[i], ad = lu->chain_ad[i], au = lu->chain_au[i];
        double wl = al >= 0 ? aval[al] : 0.0, wd = ad >= 0 ? aval[ad] : 0.0, wu = au >= 0 ? aval[au] : 0.0;
        double row_max = fmax(fabs(wl), fmax(fabs(wd), fabs(wu)));
        int k = lcol[i];
        double l = 0.0;
        if (k < lu->n) { /* row k is a chain row too: its one upper entry updates ours */
            l = wl * inv_diag[k];
            if (ucol[k] == i) wd -= l * cu[k];
            else if (ucol[k] == ucol[i]) wu -= l * cu[k];
            val[ptr[i]] = l;
        }
        if (!(fabs(wd) > PIVOT_REL_MIN * row_max) || !isfinite(wd)) return i;
        cl[i] = l;
        cu[i] = wu;
        val[diag[i]] = wd;
        inv_diag[i] = 1.0 / wd;
        if (ucol[i] < lu->n) val[diag[i] + 1] = wu;
    }
    for (int i = nc; i < lu->n; i++) {
        for (int q = ptr[i]; q < ptr[i + 1]; q++) w[col[q]] = 0.0;
        double row_max = 0.0;
        int arow = lu->perm[i];
        for (sunindextype q = aptr[arow]; q < aptr[arow + 1]; q++) {
            w[pcol[q]] += aval[q];
            double av = fabs(aval[q]); /* not fmax: a libm call in the factorisation's inner loop */
            row_max = av > row_max ? av : row_max;
        }
        for (int q = ptr[i]; q < diag[i]; q++) {
            int k = col[q];
            double l = w[k] * inv_diag[k];
            val[q] = l;
            if (l == 0.0) continue;
            for (int r = diag[k] + 1; r < ptr[k + 1]; r++) w[col[r]] -= l * val[r];
        }
        double pivot = w[i];
        if (!(fabs(pivot) > PIVOT_REL_MIN * row_max) || !isfinite(pivot)) return i;
        val[diag[i]] = pivot;
        inv_diag[i] = 1.0 / pivot;
        for (int q = diag[i] + 1; q < ptr[i + 1]; q++) val[q] = w[col[q]];
    }
    return -1;
}

/* x = A^-1 b in A's order: the permutations are fused with the chain rows'
 * loops.  w (n + 1 entries, w[n] = 0) holds the permuted vector. */
static void solve_permuted(const static_lu *lu, const double *b, double *x)
{
    const int n = lu->n, nc = lu->n_chain, *perm = lu->perm_full;
    const int *ptr = lu->ptr, *col = lu->col, *diag = lu->diag, *lcol = lu->chain_lcol, *ucol = lu->chain_ucol;
    const double *val = lu->val, *inv_diag = lu->inv_diag, *cl = lu->chain_l, *cu = lu->chain_u;
    double *w = lu->w;
    for (int i = 0; i < nc; i++) w[i] = b[perm[i]] - cl[i] * w[lcol[i]];
    for (int i = nc; i < n; i++) {
        double s = b[perm[i]];
        for (int q = ptr[i]; q < diag[i]; q++) s -= val[q] * w[col[q]];
        w[i] = s;
    }
    for (int i = n - 1; i >= nc; i--) {
        double s = w[i];
        for (int q = diag[i] + 1; q < ptr[i + 1]; q++) s -= val[q] * w[col[q]];
        w[i] = s * inv_diag[i];
        x[perm[i]] = w[i];
    }
    for (int i = nc - 1; i >= 0; i--) {
        w[i] = (w[i] - cu[i] * w[ucol[i]]) * inv_diag[i];
        x[perm[i]] = w[i];
    }
}

/* ---- SUNLinearSolver operations --------------------------------------------- */

static SUNLinearSolver_Type get_type(SUNLinearSolver S)
{
    (void)S;
    return SUNLINEARSOLVER_DIRECT;
}

static SUNLinearSolver_ID get_id(SUNLinearSolver S)
{
    (void)S;
    return SUNLINEARSOLVER_CUSTOM;
}

static int initialize(SUNLinearSolver S)
{
    static_lu *lu = CONTENT(S);
    lu->factored_by_klu = 0;
    lu->last_flag = lu->klu ? SUNLinSolInitialize(lu->klu) : SUNLS_SUCCESS;
    return (int)lu->last_flag;
}

static int setup_with_klu(static_lu *lu, SUNMatrix A)
{
    /* The fallback is rare: start its pivot order afresh each time, since
     * KLU's refactorisation would reuse one chosen for other values. */
    lu->stats.fallbacks++;
    if (!lu->klu) {
        lu->klu = SUNLinSol_KLU(lu->y_template, A, lu->ctx);
        if (!lu->klu || SUNLinSolInitialize(lu->klu) != SUNLS_SUCCESS) return SUNLS_MEM_FAIL;
    }
    lu->factored_by_klu = 1;
    if (SUNLinSol_KLUReInit(lu->klu, A, SM_NNZ_S(A), SUNKLU_REINIT_PARTIAL) != SUNLS_SUCCESS)
        return SUNLS_PACKAGE_FAIL_UNREC;
    return SUNLinSolSetup(lu->klu, A);
}

/* The border's Schur complement once A11 is factorised: z_b = A11^-1 B e_b,
 * S = D - C Z, LU with partial pivoting (nb <= MAX_BORDER).  0, or 1 when S
 * is singular to working precision (then KLU factorises the whole). */
static int border_factor(static_lu *lu, const double *aval)
{
    const int nb = lu->nb;
    double smax = 0.0;
    for (int b = 0; b < nb; b++) {
        double *z = lu->z[b];
        memset(z, 0, (size_t)lu->N * sizeof *z);
        for (int e = 0; e < lu->nbe[b]; e++) z[lu->brow[b][e]] = aval[lu->bsrc[b][e]];
        solve_permuted(lu, z, z);
    }
    for (int r = 0; r < nb; r++)
        for (int b = 0; b < nb; b++) {
            double s = lu->dsrc[r][b] >= 0 ? aval[lu->dsrc[r][b]] : 0.0, cz = 0.0;
            for (int e = 0; e < lu->nce[r]; e++) cz += aval[lu->csrc[r][e]] * lu->z[b][lu->ccol[r][e]];
            smax = fmax(smax, fmax(fabs(s), fabs(cz)));
            lu->S[r][b] = s - cz;
        }
    for (int k = 0; k < nb; k++) {
        int piv = k;
        for (int r = k + 1; r < nb; r++)
            if (fabs(lu->S[r][k]) > fabs(lu->S[piv][k])) piv = r;
        if (!(fabs(lu->S[piv][k]) > 1e-14 * smax) || !isfinite(lu->S[piv][k])) return 1;
        lu->spiv[k] = piv;
        for (int c = 0; c < nb; c++) {
            double t = lu->S[k][c];
            lu->S[k][c] = lu->S[piv][c];
            lu->S[piv][c] = t;
        }
        for (int r = k + 1; r < nb; r++) {
            double l = lu->S[r][k] /= lu->S[k][k];
            for (int c = k + 1; c < nb; c++) lu->S[r][c] -= l * lu->S[k][c];
        }
    }
    return 0;
}

static int setup(SUNLinearSolver S, SUNMatrix A)
{
    static_lu *lu = CONTENT(S);
    const sunindextype *aptr = SM_INDEXPTRS_S(A);
    /* A Jacobian evaluated at a state outside the model's range holds NaN or
     * Inf: no order or pivoting helps, and the integrator should take a
     * shorter step (a recoverable failure, which spends no reordering). */
    const double *aval = SM_DATA_S(A);
    for (sunindextype q = 0; q < aptr[lu->N]; q++)
        if (!isfinite(aval[q])) {
            lu->last_flag = SUNLS_LUFACT_FAIL;
            return SUNLS_LUFACT_FAIL;
        }
    const double *av = aval;
    if (lu->nb && aptr[lu->N] == lu->full_nnz) {
        for (sunindextype q = 0; q < lu->sptr[lu->n]; q++) lu->sval[q] = aval[lu->ssrc[q]];
        av = lu->sval;
    }
    while (lu->usable && aptr[lu->N] == lu->full_nnz) {
        int bad = factor(lu, lu->sptr, av);
        if (bad < 0) {
            if (lu->nb && border_factor(lu, aval)) break;
            lu->stats.factorisations++;
            lu->factored_by_klu = 0;
            lu->last_flag = SUNLS_SUCCESS;
            return SUNLS_SUCCESS;
        }
        if (lu->stats.reorders >= MAX_REORDERS) break;
        /* Delay the unknown whose pivot vanished to the end of the order: a
         * row whose own unknown enters only through others (a constraint such
         * as "the phases' currents add up to I") gets its pivot once those
         * are eliminated.  The order is kept for later factorisations. */
        int v = lu->perm[bad];
        memmove(lu->perm + bad, lu->perm + bad + 1, (size_t)(lu->n - bad - 1) * sizeof *lu->perm);
        lu->perm[lu->n - 1] = v;
        lu->stats.reorders++;
        analyse(lu, lu->sptr, lu->scol);
    }
    lu->last_flag = setup_with_klu(lu, A);
    return (int)lu->last_flag;
}

static int solve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, sunrealtype tol)
{
    static_lu *lu = CONTENT(S);
    if (lu->factored_by_klu) {
        lu->last_flag = SUNLinSolSolve(lu->klu, A, x, b, tol);
        return (int)lu->last_flag;
    }
    double *xa = N_VGetArrayPointer(x);
    const double *ba = N_VGetArrayPointer(b);
    const int nb = lu->nb;
    double r[MAX_BORDER];
    for (int k = 0; k < nb; k++) r[k] = ba[lu->border[k]]; /* before x (maybe b) is written */
    solve_permuted(lu, ba, xa);                           /* A11 y = b1, y in x's inner entries */
    if (nb) {
        /* x2 = S^-1 (b2 - C y), x1 = y - Z x2 */
        const double *aval = SM_DATA_S(A);
        for (int k = 0; k < nb; k++)
            for (int e = 0; e < lu->nce[k]; e++) r[k] -= aval[lu->csrc[k][e]] * xa[lu->ccol[k][e]];
        for (int k = 0; k < nb; k++) {
            double t = r[k];
            r[k] = r[lu->spiv[k]];
            r[lu->spiv[k]] = t;
            for (int q = k + 1; q < nb; q++) r[q] -= lu->S[q][k] * r[k];
        }
        for (int k = nb - 1; k >= 0; k--) {
            for (int c = k + 1; c < nb; c++) r[k] -= lu->S[k][c] * r[c];
            r[k] /= lu->S[k][k];
        }
        for (int k = 0; k < nb; k++) {
            const double *z = lu->z[k], xk = r[k];
            for (int i = 0; i < lu->N; i++) xa[i] -= z[i] * xk;
        }
        for (int k = 0; k < nb; k++) xa[lu->border[k]] = r[k];
    }
    lu->stats.solves++;
    lu->last_flag = SUNLS_SUCCESS;
    return SUNLS_SUCCESS;
}

static sunindextype last_flag(SUNLinearSolver S)
{
    return CONTENT(S)->last_flag;
}

static int space(SUNLinearSolver S, long *lrw, long *liw)
{
    static_lu *lu = CONTENT(S);
    *lrw = lu->usable ? lu->nnz + 2L * lu->n : 0;
    *liw = lu->usable ? lu->nnz + 2L * lu->n + 1 : 0;
    return SUNLS_SUCCESS;
}

static void content_free(static_lu *lu)
{
    if (!lu) return;
    if (lu->klu) SUNLinSolFree(lu->klu);
    free_pattern(lu);
    free(lu->w);
    free(lu->perm);
    free(lu->perm_full);
    free(lu->inner);
    free(lu->sptr);
    free(lu->scol);
    free(lu->ssrc);
    free(lu->sval);
    for (int b = 0; b < MAX_BORDER; b++) {
        free(lu->brow[b]);
        free(lu->ccol[b]);
        free(lu->bsrc[b]);
        free(lu->csrc[b]);
        free(lu->z[b]);
    }
    free(lu);
}

static int free_solver(SUNLinearSolver S)
{
    if (!S) return SUNLS_SUCCESS;
    content_free(S->content);
    S->content = NULL;
    SUNLinSolFreeEmpty(S);
    return SUNLS_SUCCESS;
}

/* Builds A11's pattern (A without the border's rows and columns) and the
 * border's entry lists.  Without a border A11 is A. */
static int split_border(static_lu *lu, const sunindextype *aptr, const sunindextype *acol)
{
    const int N = lu->N;
    int *cnt = calloc((size_t)N, sizeof *cnt);
    lu->inner = malloc((size_t)N * sizeof *lu->inner);
    if (!cnt || !lu->inner) {
        free(cnt);
        return 1;
    }
    /* cnt becomes unknown -> A11 index, or -1 - b for border unknown b */
    for (int i = 0; i < N; i++) cnt[i] = 0;
    for (int b = 0; b < lu->nb; b++) cnt[lu->border[b]] = -1 - b;
    int n1 = 0;
    for (int i = 0; i < N; i++)
        if (cnt[i] >= 0) {
            cnt[i] = n1;
            lu->inner[n1++] = i;
        }
    lu->n = n1;
    long nnz = (long)aptr[N];
    lu->sptr = malloc((size_t)(n1 + 1) * sizeof *lu->sptr);
    lu->scol = malloc((size_t)(nnz + 1) * sizeof *lu->scol);
    int ok = lu->sptr && lu->scol;
    if (ok && lu->nb == 0) { /* A11 is A: its pattern, and its values read in place */
        memcpy(lu->sptr, aptr, (size_t)(N + 1) * sizeof *aptr);
        memcpy(lu->scol, acol, (size_t)nnz * sizeof *acol);
        free(cnt);
        return 0;
    }
    lu->ssrc = malloc((size_t)(nnz + 1) * sizeof *lu->ssrc);
    lu->sval = malloc((size_t)(nnz + 1) * sizeof *lu->sval);
    ok = ok && lu->ssrc && lu->sval;
    for (int b = 0; ok && b < lu->nb; b++) {
        lu->brow[b] = malloc((size_t)N * sizeof(int));
        lu->ccol[b] = malloc((size_t)N * sizeof(int));
        lu->bsrc[b] = malloc((size_t)N * sizeof(long));
        lu->csrc[b] = malloc((size_t)N * sizeof(long));
        lu->z[b] = calloc((size_t)N, sizeof(double));
        ok = lu->brow[b] && lu->ccol[b] && lu->bsrc[b] && lu->csrc[b] && lu->z[b];
        for (int c = 0; c < lu->nb; c++) lu->dsrc[b][c] = -1;
    }
    if (ok) {
        long m = 0;
        lu->sptr[0] = 0;
        for (int i = 0; i < N; i++) {
            for (sunindextype q = aptr[i]; q < aptr[i + 1]; q++) {
                int ri = cnt[i], cj = cnt[acol[q]];
                if (ri >= 0 && cj >= 0) {
                    lu->scol[m] = cj;
                    lu->ssrc[m++] = (long)q;
                } else if (ri >= 0) { /* B: border column -1 - cj */
                    int b = -1 - cj;
                    lu->brow[b][lu->nbe[b]] = i;
                    lu->bsrc[b][lu->nbe[b]++] = (long)q;
                } else if (cj >= 0) { /* C: border row */
                    int b = -1 - ri;
                    lu->ccol[b][lu->nce[b]] = (int)acol[q];
                    lu->csrc[b][lu->nce[b]++] = (long)q;
                } else {
                    lu->dsrc[-1 - ri][-1 - cj] = (long)q;
                }
            }
            if (cnt[i] >= 0) lu->sptr[cnt[i] + 1] = (sunindextype)m;
        }
    }
    free(cnt);
    return !ok;
}

SUNLinearSolver cf_static_lu_new(N_Vector y, SUNMatrix A, SUNContext ctx)
{
    return cf_static_lu_new_bordered(y, A, ctx, NULL, 0);
}

SUNLinearSolver cf_static_lu_new_bordered(N_Vector y, SUNMatrix A, SUNContext ctx, const int *border, int nb)
{
    if (SUNMatGetID(A) != SUNMATRIX_SPARSE || SM_SPARSETYPE_S(A) != CSR_MAT || SM_ROWS_S(A) != SM_COLUMNS_S(A))
        return NULL;
    if (nb < 0 || nb > MAX_BORDER || nb >= SM_ROWS_S(A)) return NULL;
    for (int b = 0; b < nb; b++) {
        if (border[b] < 0 || border[b] >= SM_ROWS_S(A)) return NULL;
        for (int c = 0; c < b; c++)
            if (border[c] == border[b]) return NULL;
    }
    static_lu *lu = calloc(1, sizeof *lu);
    if (!lu) return NULL;
    lu->nb = nb;
    for (int b = 0; b < nb; b++) lu->border[b] = border[b];
    lu->N = (int)SM_ROWS_S(A);
    lu->full_nnz = (long)SM_INDEXPTRS_S(A)[lu->N];
    lu->y_template = y;
    lu->ctx = ctx;
    if (split_border(lu, SM_INDEXPTRS_S(A), SM_INDEXVALS_S(A))) {
        content_free(lu);
        return NULL;
    }
    lu->perm = malloc((size_t)lu->n * sizeof *lu->perm);
    lu->perm_full = malloc((size_t)lu->n * sizeof *lu->perm_full);
    lu->w = calloc((size_t)lu->n + 1, sizeof *lu->w);
    if (!lu->perm || !lu->perm_full || !lu->w || peel_order(lu->n, lu->sptr, lu->scol, lu->perm)) {
        content_free(lu);
        return NULL;
    }
    analyse(lu, lu->sptr, lu->scol); /* unusable: KLU does every solve */
    SUNLinearSolver S = SUNLinSolNewEmpty(ctx);
    if (!S) {
        content_free(lu);
        return NULL;
    }
    S->content = lu;
    S->ops->gettype = get_type;
    S->ops->getid = get_id;
    S->ops->initialize = initialize;
    S->ops->setup = setup;
    S->ops->solve = solve;
    S->ops->lastflag = last_flag;
    S->ops->space = space;
    S->ops->free = free_solver;
    return S;
}

void cf_static_lu_get_stats(SUNLinearSolver S, cf_static_lu_stats *out)
{
    *out = CONTENT(S)->stats;
}
