/* cf_expr.h — expression-valued material functions (cf_fn kind CF_FN_EXPR).
 *
 * BPX files give open-circuit potentials and transport properties as text in
 * one variable x, e.g. "1.9793*exp(-39.3631*x) + 0.2482 - 0.0909*tanh(...)".
 * cf_expr_compile turns such text into a small stack program once (no code
 * is executed: a tokeniser and a recursive-descent parser with bounded depth
 * emit numbered operations); cf_expr_eval runs it with forward-mode dual
 * numbers, so the x-derivative the Newton solver needs is exact, not a finite
 * difference.  The grammar (Python's operator rules) is in docs/bpx.md:
 *
 *   numbers 1, 2.5, .5, 1e-3;  x;  pi;  + - * / ** ^;  unary + -;  ( );
 *   exp log log10 sqrt tanh sinh cosh sin cos tan abs
 *
 * A cf_expr is immutable after compilation: threads may share one. */
#ifndef CELLFORGE_CF_EXPR_H
#define CELLFORGE_CF_EXPR_H

#include "cellforge/cf_cell.h"
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CF_EXPR_MAX_DEPTH 64       /* nesting of parentheses, calls, unary signs, powers */
#define CF_EXPR_MAX_LENGTH 65536   /* characters of source text                          */

typedef struct cf_expr cf_expr;

/* Compiles `text`.  On failure *out is NULL and err has code CF_EINVAL,
 * `where` "column N" (1-based byte column of the offending token) and a
 * message such as "unknown function 'tnh' (did you mean 'tanh'?)". */
int cf_expr_compile(const char *text, cf_expr **out, cf_error *err);
/* f(x); the exact df/dx in *dfdx when dfdx is not NULL. */
double cf_expr_eval(const cf_expr *e, double x, double *dfdx);
/* The source text as compiled. */
const char *cf_expr_text(const cf_expr *e);
/* 1 when the value depends on x (the text mentions x). */
int cf_expr_uses_x(const cf_expr *e);
int cf_expr_copy(const cf_expr *e, cf_expr **out, cf_error *err);
void cf_expr_free(cf_expr *e); /* NULL is harmless */

/* Sets f to the expression `text` in x (f(x, T) = text, T not used).  On
 * success what f held before is released; on failure f is unchanged. */
int cf_fn_set_expression(cf_fn *f, const char *text, cf_error *err);
/* The source text of an expression function, or NULL for other kinds. */
const char *cf_fn_expression_text(const cf_fn *f);
/* Deep copy of a material function (tables and expressions duplicated).
 * dst must not own anything (release it first). */
int cf_fn_copy(cf_fn *dst, const cf_fn *src, cf_error *err);
/* Frees what f owns (table points, expression) and leaves a constant 0. */
void cf_fn_release(cf_fn *f);

#ifdef __cplusplus
}
#endif
#endif
