/* test_bpx_builtin_exprs.c — every built-in material function that the BPX
 * writer states as a formula (src/params/bpx_builtin_exprs.c) matches the
 * built-in itself, value and slope, over the range it is used on, so the
 * text and the C function cannot drift apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "cellforge/cf_expr.h"
#include "materials/material_fns.h"
#include "params/bpx_internal.h"

static void test_expressions_match_builtins(void **state)
{
    (void)state;
    int checked = 0;
    for (int i = 0; i < cf_material_fn_count(); i++) {
        const cf_material_fn_entry *m = cf_material_fn_get(i);
        const char *text = cf_bpx_builtin_expression(m->name);
        if (!text) continue;
        cf_expr *e;
        cf_error err;
        cf_error_clear(&err);
        if (cf_expr_compile(text, &e, &err)) fail_msg("%s: %s: %s", m->name, err.where, err.message);
        int ocp = m->role == CF_FN_ROLE_OCP;
        double lo = ocp ? 0.0 : 1.0, hi = ocp ? 1.0 : 4000.0;
        for (int k = 0; k <= 400; k++) {
            double x = lo + (hi - lo) * k / 400.0, db, de;
            double vb = m->fn(x, 298.15, &db), ve = cf_expr_eval(e, x, &de);
            if (!(fabs(vb - ve) <= 1e-13 * fmax(1.0, fabs(vb))))
                fail_msg("%s at %g: built-in %.17g, expression %.17g", m->name, x, vb, ve);
            if (!(fabs(db - de) <= 1e-10 * fmax(1.0, fabs(db))))
                fail_msg("%s at %g: slope built-in %.17g, expression %.17g", m->name, x, db, de);
        }
        /* An Arrhenius built-in: the text times its factor, 15 K warmer */
        double Ea = cf_bpx_builtin_activation(m->name), T = 313.15;
        double f = exp(Ea / 8.314462618 * (1.0 / CF_BPX_BUILTIN_T_REF - 1.0 / T));
        for (int k = 0; Ea != 0.0 && k <= 40; k++) {
            double x = lo + (hi - lo) * k / 40.0, db, de;
            double vb = m->fn(x, T, &db), ve = f * cf_expr_eval(e, x, &de);
            if (!(fabs(vb - ve) <= 1e-12 * fmax(1e-300, fabs(vb))))
                fail_msg("%s at %g, %g K: built-in %.17g, expression x Arrhenius %.17g", m->name, x, T, vb, ve);
        }
        if (Ea != 0.0) assert_null(cf_bpx_builtin_for_expression(text)); /* not read back without its Ea */
        cf_expr_free(e);
        checked++;
    }
    /* At least the chen2020 cell's four functions. */
    assert_true(checked >= 4);
    static const char *const chen[] = {"graphite_chen2020", "nmc811_chen2020", "nyman2008_diffusivity",
                                       "nyman2008_conductivity"};
    for (int i = 0; i < 4; i++) assert_non_null(cf_bpx_builtin_expression(chen[i]));
    assert_null(cf_bpx_builtin_expression("no such function"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_expressions_match_builtins)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
