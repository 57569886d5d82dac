/* fuzz_expr.c — BPX expressions (src/expr): compile, evaluate with the exact
 * derivative at a few points, copy, and use as a material function. */
#include "fuzz_common.h"

#include <math.h>

#include "cellforge/cf_expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > CF_EXPR_MAX_LENGTH + 16) return 0; /* the limit itself is tested, not beyond */
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_expr *e = NULL;
    int rc = cf_expr_compile(text, &e, &err);
    if (rc != CF_OK) {
        FUZZ_CHECK(e == NULL);
        fuzz_check_error(rc, &err);
        free(text);
        return 0;
    }
    FUZZ_CHECK(strcmp(cf_expr_text(e), text) == 0);
    static const double X[] = {0.0, 0.5, 1.0, -1.0, 1e3, 1e-300};
    double v0[sizeof X / sizeof X[0]];
    for (size_t i = 0; i < sizeof X / sizeof X[0]; i++) {
        double d;
        v0[i] = cf_expr_eval(e, X[i], &d);
        (void)cf_expr_eval(e, X[i], NULL);
    }
    cf_expr *c = NULL;
    FUZZ_CHECK(cf_expr_copy(e, &c, &err) == CF_OK);
    /* A copy computes the same values (NaN where the original gave NaN). */
    for (size_t i = 0; i < sizeof X / sizeof X[0]; i++) {
        double v = cf_expr_eval(c, X[i], NULL);
        FUZZ_CHECK(v == v0[i] || (isnan(v) && isnan(v0[i])));
    }
    if (!cf_expr_uses_x(e)) {
        double a = cf_expr_eval(e, 0.25, NULL), b = cf_expr_eval(e, 0.75, NULL);
        FUZZ_CHECK(a == b || (isnan(a) && isnan(b)));
    }
    cf_expr_free(c);
    cf_expr_free(e);
    cf_fn f;
    memset(&f, 0, sizeof f);
    cf_fn_set_constant(&f, 0.0);
    if (cf_fn_set_expression(&f, text, &err) == CF_OK) {
        double d;
        (void)cf_fn_eval(&f, 0.5, 298.15, &d);
        cf_fn g;
        memset(&g, 0, sizeof g);
        FUZZ_CHECK(cf_fn_copy(&g, &f, &err) == CF_OK);
        cf_fn_release(&g);
    }
    cf_fn_release(&f);
    free(text);
    return 0;
}
