/* expr_internal.h — the compiled form of a cf_expr (cf_expr.h).
 *
 * A program is a postfix list of operations run on a value stack; each stack
 * slot carries a dual number (value, d/dx).  The parser (expr_parse.c) knows
 * the deepest stack the program reaches, so evaluation (expr_eval.c) uses a
 * fixed array on the C stack and never allocates — it runs inside the model's
 * residual. */
#ifndef CF_EXPR_INTERNAL_H
#define CF_EXPR_INTERNAL_H

#include <stddef.h>

#include "cellforge/cf_expr.h"

/* Nesting is limited to CF_EXPR_MAX_DEPTH, so the stack never needs more
 * than about twice that; the parser rejects a program that would. */
#define CF_EXPR_MAX_STACK 160

typedef enum {
    EXPR_OP_CONST, /* push value           */
    EXPR_OP_X,     /* push x (derivative 1) */
    EXPR_OP_NEG,
    EXPR_OP_ADD,
    EXPR_OP_SUB,
    EXPR_OP_MUL,
    EXPR_OP_DIV,
    EXPR_OP_POW,
    EXPR_OP_FN     /* apply function `fn` to the top */
} expr_opcode;

typedef enum {
    EXPR_FN_EXP, EXPR_FN_LOG, EXPR_FN_LOG10, EXPR_FN_SQRT, EXPR_FN_TANH, EXPR_FN_SINH,
    EXPR_FN_COSH, EXPR_FN_SIN, EXPR_FN_COS, EXPR_FN_TAN, EXPR_FN_ABS, EXPR_FN_COUNT
} expr_fn;

typedef struct {
    unsigned char code; /* expr_opcode */
    unsigned char fn;   /* expr_fn, for EXPR_OP_FN */
    double value;       /* EXPR_OP_CONST */
} expr_op;

/* One allocation: the header, then ops[n], then the text. */
struct cf_expr {
    size_t size;     /* bytes of the whole block (for copies) */
    int n;           /* operations */
    int max_stack;   /* deepest stack the program reaches */
    int uses_x;
    expr_op *ops;
    char *text;
};

/* Function names in expr_fn order (for the parser and messages). */
extern const char *const cf_expr_fn_names[EXPR_FN_COUNT];

#endif
