/* static_lu.h — sparse LU on a fixed elimination order, as a SUNLinearSolver.
 *
 * The plans order their unknowns node by node in x (particle shells, then the
 * node's electrolyte and solid unknowns), globals last.  In that order Gaussian
 * elimination without pivoting fills in only within a narrow band plus the
 * columns of the globals, and its pivots are the diagonal entries of
 * diagonally dominant rows (transport, kinetics, cj on the differential rows).
 * So the fill pattern is computed once per plan and every factorisation is a
 * fixed sequence of row updates — no ordering, no pivot search, no transpose
 * solves — which is several times cheaper than a general sparse LU for these
 * systems.
 *
 * It stays safe on any pattern.  A pivot that is zero or tiny against its row
 * (a constraint row whose own unknown enters only through others) moves that
 * unknown to the end of the order and the factorisation is redone; if that
 * keeps failing, the factorisation and the solves that use it go to KLU with
 * partial pivoting.  Patterns whose fill would be too large use KLU from the
 * start.
 *
 * An unknown coupled to (nearly) every other one, such as a lumped
 * temperature (every rate depends on it, its row on every reaction), would
 * join almost every row of L+U and keep the particle shells from being
 * peeled.  The caller may name up to four such unknowns ("the border"): they
 * are left out of the order, the rest is factorised exactly as without them,
 * and they are eliminated last as a dense Schur complement D - C A11^-1 B,
 * which costs one extra solve per factorisation
 * and a dot product and an axpy per solve. */
#ifndef CF_STATIC_LU_H
#define CF_STATIC_LU_H

#include <sundials/sundials_context.h>
#include <sundials/sundials_linearsolver.h>
#include <sundials/sundials_matrix.h>
#include <sundials/sundials_nvector.h>

/* A is a CSR SUNSparseMatrix whose pattern (not values) stays fixed for the
 * solver's life; y a template vector.  NULL when out of memory. */
SUNLinearSolver cf_static_lu_new(N_Vector y, SUNMatrix A, SUNContext ctx);
/* The same with nb (<= CF_STATIC_LU_MAX_BORDER) distinct border unknowns;
 * NULL also for a bad border. */
#define CF_STATIC_LU_MAX_BORDER 4
SUNLinearSolver cf_static_lu_new_bordered(N_Vector y, SUNMatrix A, SUNContext ctx, const int *border, int nb);

/* Counters for tests and benchmarks. */
typedef struct {
    long factorisations;        /* setups done by the fixed-order LU          */
    long fallbacks;             /* setups handed to KLU (small pivot)         */
    long solves;                /* solves with the fixed-order factors        */
    long reorders;              /* unknowns delayed after a vanishing pivot   */
    long fill_nnz;              /* entries of L+U (0: pattern too large, KLU)  */
    long border;                /* unknowns eliminated last as a dense Schur
                                   complement (the border)                    */
} cf_static_lu_stats;
void cf_static_lu_get_stats(SUNLinearSolver S, cf_static_lu_stats *out);

#endif
