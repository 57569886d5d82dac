/* fn_expr.c — material functions of kind CF_FN_EXPR (see fn_expr.h) and the
 * cf_fn helpers of cf_expr.h that know how to copy and free every kind. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/fn_expr.h"

double cf_term_eval(const cf_term *t, double x, double *dfdx)
{
    switch (t->kind) {
    case CF_TERM_EXPR: return cf_expr_eval(t->expr, x, dfdx);
    case CF_TERM_TABLE: return cf_fn_eval(&t->table, x, 0.0, dfdx);
    case CF_TERM_CONST:
        if (dfdx) *dfdx = 0.0;
        return t->value;
    case CF_TERM_NONE:
    default:
        if (dfdx) *dfdx = 0.0;
        return 0.0;
    }
}

double cf_fn_expr_eval(const void *expr, double x, double T, double *dfdx)
{
    const cf_fn_expr *c = expr;
    double db = 0.0, dh = 0.0;
    double f = cf_term_eval(&c->base, x, dfdx ? &db : NULL);
    if (c->dT.kind != CF_TERM_NONE) {
        double h = cf_term_eval(&c->dT, x, dfdx ? &dh : NULL);
        f += (T - c->T_ref) * h;
        db += (T - c->T_ref) * dh;
    }
    if (c->Ea_J_mol != 0.0) {
        double a = exp(c->Ea_J_mol / CF_GAS_CONSTANT * (1.0 / c->T_ref - 1.0 / T));
        f *= a;
        db *= a;
    }
    if (dfdx) *dfdx = db;
    return f;
}

void cf_term_clear(cf_term *t)
{
    if (t->kind == CF_TERM_EXPR) cf_expr_free(t->expr);
    if (t->kind == CF_TERM_TABLE) cf_fn_release(&t->table);
    memset(t, 0, sizeof *t);
}

static int term_copy(cf_term *dst, const cf_term *src)
{
    *dst = *src;
    dst->expr = NULL;
    memset(&dst->table, 0, sizeof dst->table);
    if (src->kind == CF_TERM_EXPR && cf_expr_copy(src->expr, &dst->expr, NULL)) goto fail;
    if (src->kind == CF_TERM_TABLE && cf_fn_copy(&dst->table, &src->table, NULL)) goto fail;
    return CF_OK;
fail:
    dst->kind = CF_TERM_NONE;
    return CF_ENOMEM;
}

int cf_fn_expr_clone(const void *src, void **dst)
{
    const cf_fn_expr *s = src;
    cf_fn_expr *c = calloc(1, sizeof *c);
    if (!c) return CF_ENOMEM;
    c->Ea_J_mol = s->Ea_J_mol;
    c->T_ref = s->T_ref;
    if (term_copy(&c->base, &s->base) || term_copy(&c->dT, &s->dT)) {
        cf_fn_expr_destroy(c);
        return CF_ENOMEM;
    }
    *dst = c;
    return CF_OK;
}

void cf_fn_expr_destroy(void *expr)
{
    cf_fn_expr *c = expr;
    if (!c) return;
    cf_term_clear(&c->base);
    cf_term_clear(&c->dT);
    free(c);
}

int cf_fn_set_composite(cf_fn *f, cf_fn_expr *c, cf_error *err)
{
    if (!c) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    memset(f, 0, sizeof *f);
    f->kind = CF_FN_EXPR;
    f->expr = c;
    strcpy(f->name, "expression");
    return CF_OK;
}

const cf_fn_expr *cf_fn_composite(const cf_fn *f) { return f->kind == CF_FN_EXPR ? f->expr : NULL; }

/* ---- cf_expr.h: cf_fn helpers ---- */

int cf_fn_set_expression(cf_fn *f, const char *text, cf_error *err)
{
    cf_expr *e;
    int rc = cf_expr_compile(text, &e, err);
    if (rc) return rc;
    cf_fn_expr *c = calloc(1, sizeof *c);
    if (!c) {
        cf_expr_free(e);
        return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    }
    c->base.kind = CF_TERM_EXPR;
    c->base.expr = e;
    c->T_ref = 298.15;
    cf_fn_release(f);
    return cf_fn_set_composite(f, c, err);
}

const char *cf_fn_expression_text(const cf_fn *f)
{
    const cf_fn_expr *c = cf_fn_composite(f);
    return c && c->base.kind == CF_TERM_EXPR ? cf_expr_text(c->base.expr) : NULL;
}

int cf_fn_copy(cf_fn *dst, const cf_fn *src, cf_error *err)
{
    cf_fn f = *src;
    if (src->kind == CF_FN_TABLE) {
        size_t n = (size_t)(src->n > 0 ? src->n : 1);
        f.x = malloc(n * sizeof(double));
        f.y = malloc(n * sizeof(double));
        if (!f.x || !f.y) {
            free(f.x);
            free(f.y);
            return cf_error_set(err, CF_ENOMEM, "", "out of memory");
        }
        memcpy(f.x, src->x, (size_t)src->n * sizeof(double));
        memcpy(f.y, src->y, (size_t)src->n * sizeof(double));
    } else if (src->kind == CF_FN_EXPR) {
        if (cf_fn_expr_clone(src->expr, &f.expr)) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    }
    *dst = f;
    return CF_OK;
}

void cf_fn_release(cf_fn *f)
{
    if (f->kind == CF_FN_TABLE) {
        free(f->x);
        free(f->y);
    } else if (f->kind == CF_FN_EXPR) {
        cf_fn_expr_destroy(f->expr);
    }
    memset(f, 0, sizeof *f);
    f->kind = CF_FN_CONSTANT;
    strcpy(f->name, "constant");
}
