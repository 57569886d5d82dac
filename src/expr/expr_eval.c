/* expr_eval.c — running a compiled cf_expr with forward-mode dual numbers.
 *
 * Every stack slot holds (v, d) = (value, d value / dx); each operation
 * applies the chain rule, so the derivative is exact to rounding.  A term of
 * the chain rule is added only when its inner derivative is non-zero, so a
 * constant exponent never brings in log(base) (x**1.5 at x = 0 has slope 0,
 * not NaN) and an infinite outer slope times a zero inner slope is 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_internal.h"

static void apply_fn(int fn, double *v, double *d)
{
    double u = *v, du = *d, f, df; /* f(u) and f'(u) */
    switch (fn) {
    case EXPR_FN_EXP: f = exp(u); df = f; break;
    case EXPR_FN_LOG: f = log(u); df = 1.0 / u; break;
    case EXPR_FN_LOG10: f = log10(u); df = 1.0 / (u * 2.302585092994045684); break;
    case EXPR_FN_SQRT: f = sqrt(u); df = 0.5 / f; break;
    case EXPR_FN_TANH: f = tanh(u); df = 1.0 - f * f; break;
    case EXPR_FN_SINH: f = sinh(u); df = cosh(u); break;
    case EXPR_FN_COSH: f = cosh(u); df = sinh(u); break;
    case EXPR_FN_SIN: f = sin(u); df = cos(u); break;
    case EXPR_FN_COS: f = cos(u); df = -sin(u); break;
    case EXPR_FN_TAN: {
        double c = cos(u);
        f = tan(u);
        df = 1.0 / (c * c);
        break;
    }
    case EXPR_FN_ABS:
    default: f = fabs(u); df = u > 0 ? 1.0 : u < 0 ? -1.0 : 0.0; break;
    }
    *v = f;
    *d = du != 0.0 ? df * du : 0.0;
}

/* a**b with its derivative: b a^(b-1) a' + a^b ln(a) b'. */
static void apply_pow(double a, double da, double b, double db, double *v, double *d)
{
    double p = pow(a, b), s = 0.0;
    if (da != 0.0) s += b * pow(a, b - 1.0) * da;
    if (db != 0.0) s += p * log(a) * db;
    *v = p;
    *d = s;
}

double cf_expr_eval(const cf_expr *e, double x, double *dfdx)
{
    double v[CF_EXPR_MAX_STACK + 1], d[CF_EXPR_MAX_STACK + 1];
    int sp = -1;
    for (int i = 0; i < e->n; i++) {
        const expr_op *op = &e->ops[i];
        switch (op->code) {
        case EXPR_OP_CONST: ++sp; v[sp] = op->value; d[sp] = 0.0; break;
        case EXPR_OP_X: ++sp; v[sp] = x; d[sp] = 1.0; break;
        case EXPR_OP_NEG: v[sp] = -v[sp]; d[sp] = -d[sp]; break;
        case EXPR_OP_FN: apply_fn(op->fn, &v[sp], &d[sp]); break;
        default: {
            double a = v[sp - 1], da = d[sp - 1], b = v[sp], db = d[sp];
            sp--;
            switch (op->code) {
            case EXPR_OP_ADD: v[sp] = a + b; d[sp] = da + db; break;
            case EXPR_OP_SUB: v[sp] = a - b; d[sp] = da - db; break;
            case EXPR_OP_MUL: v[sp] = a * b; d[sp] = da * b + a * db; break;
            case EXPR_OP_DIV: v[sp] = a / b; d[sp] = (da * b - a * db) / (b * b); break;
            default: apply_pow(a, da, b, db, &v[sp], &d[sp]); break;
            }
        }
        }
    }
    if (dfdx) *dfdx = d[0];
    return v[0];
}

const char *cf_expr_text(const cf_expr *e) { return e->text; }

int cf_expr_uses_x(const cf_expr *e) { return e->uses_x; }

int cf_expr_copy(const cf_expr *e, cf_expr **out, cf_error *err)
{
    *out = malloc(e->size);
    if (!*out) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    memcpy(*out, e, e->size);
    /* The block is position-independent apart from these two pointers. */
    (*out)->ops = (expr_op *)(*out + 1);
    (*out)->text = (char *)*out + ((const char *)e->text - (const char *)e);
    return CF_OK;
}

void cf_expr_free(cf_expr *e) { free(e); }
