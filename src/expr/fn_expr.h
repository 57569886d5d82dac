/* fn_expr.h — what a cf_fn of kind CF_FN_EXPR points to.
 *
 * BPX gives a material function at the reference temperature plus, separately,
 * its temperature dependence: an entropic coefficient dU/dT for OCPs and an
 * activation energy for transport properties.  cf_fn takes (x, T), so the
 * pieces are kept together in one fixed form,
 *
 *     f(x, T) = [ base(x) + (T - T_ref) dT(x) ] * exp(Ea/R (1/T_ref - 1/T))
 *
 * where base and dT are each a constant, an expression or a table, dT may be
 * absent (0) and Ea may be 0.  Keeping the pieces (not one merged program)
 * lets the BPX writer give each back under its own key. */
#ifndef CF_FN_EXPR_H
#define CF_FN_EXPR_H

#include "cellforge/cf_cell.h"
#include "cellforge/cf_expr.h"

typedef enum { CF_TERM_NONE = 0, CF_TERM_CONST, CF_TERM_EXPR, CF_TERM_TABLE } cf_term_kind;

typedef struct {
    cf_term_kind kind;
    double value;  /* CF_TERM_CONST */
    cf_expr *expr; /* CF_TERM_EXPR (owned) */
    cf_fn table;   /* CF_TERM_TABLE: a CF_FN_TABLE (points owned) */
} cf_term;

typedef struct {
    cf_term base, dT;
    double Ea_J_mol; /* 0: no Arrhenius factor */
    double T_ref;    /* K; used when dT is present or Ea != 0 */
} cf_fn_expr;

/* Called by cf_fn_eval (fn_eval.c) and the cell's copy/free (cell.c). */
double cf_fn_expr_eval(const void *expr, double x, double T, double *dfdx);
int cf_fn_expr_clone(const void *src, void **dst); /* CF_OK or CF_ENOMEM */
void cf_fn_expr_destroy(void *expr);               /* NULL is harmless */

/* A term's value and d/dx. */
double cf_term_eval(const cf_term *t, double x, double *dfdx);
void cf_term_clear(cf_term *t);

/* Makes f (which must own nothing) an expression function holding c; takes
 * ownership of c (and frees it on failure).  name: "expression". */
int cf_fn_set_composite(cf_fn *f, cf_fn_expr *c, cf_error *err);
/* The composite behind an expression function, or NULL for other kinds. */
const cf_fn_expr *cf_fn_composite(const cf_fn *f);

#endif
