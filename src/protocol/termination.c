/* termination.c — experiment-level stop criteria ("terminate 80% capacity").
 *
 * Checked by the step machine at the end of each cycle, as PyBaMM does with
 * its `termination` argument: a capacity fade relative to the first cycle, an
 * absolute capacity, or a minimum voltage reached during the cycle. */
#include "protocol/protocol_internal.h"

#include <math.h>
#include <stdio.h>

/* "Ah", "mAh", or "A.h" / "mA.h" split by the lexer at the dot.  Returns the
 * scale to Ah (0 when the words are not an amp-hour unit). */
static double amp_hour_unit(cf_lexer *lx, const cf_tok *u)
{
    if (cf_tok_is(lx, u, "ah")) return 1.0;
    if (cf_tok_is(lx, u, "mah")) return 1e-3;
    if (cf_tok_is(lx, u, "a") || cf_tok_is(lx, u, "ma")) {
        double scale = cf_tok_is(lx, u, "a") ? 1.0 : 1e-3;
        cf_lexer save = *lx;
        cf_tok dot = cf_lex_next(lx);
        cf_tok h = cf_lex_next(lx);
        if (dot.kind == CF_TOK_DOT && dot.pos == u->pos + u->len && cf_tok_is(lx, &h, "h")) return scale;
        *lx = save;
    }
    return 0.0;
}

static int expect_capacity_word(const cf_step_ctx *ctx, cf_lexer *lx, cf_error *err)
{
    cf_tok w = cf_lex_next(lx);
    if (cf_tok_is(lx, &w, "capacity")) return CF_OK;
    if (w.kind == CF_TOK_END) return cf_step_fail(err, ctx, w.pos, "incomplete termination: expected 'capacity'");
    char d[64];
    cf_tok_describe(lx, &w, d, sizeof d);
    return cf_step_fail(err, ctx, w.pos, "unexpected %s: expected 'capacity'", d);
}

int cf_termination_parse(const cf_step_ctx *ctx, cf_lexer *lx, cf_termination *t, cf_error *err)
{
    static const char *const HINT =
        "a criterion such as '80% capacity', '4 Ah capacity', '4000 mAh capacity' or '2.5 V'";
    cf_tok n = cf_lex_next(lx);
    if (n.kind == CF_TOK_END) return cf_step_fail(err, ctx, n.pos, "incomplete termination: expected %s", HINT);
    if (n.kind != CF_TOK_NUMBER) {
        char d[64];
        cf_tok_describe(lx, &n, d, sizeof d);
        return cf_step_fail(err, ctx, n.pos, "unexpected %s: expected %s", d, HINT);
    }
    if (!isfinite(n.num) || !(n.num > 0))
        return cf_step_fail(err, ctx, n.pos, "termination value must be a finite number > 0");
    cf_tok u = cf_lex_next(lx);
    double *slot;
    double value;
    const char *what;
    double scale;
    int rc;
    if (u.kind == CF_TOK_PERCENT) {
        if (n.num > 100)
            return cf_step_fail(err, ctx, n.pos, "capacity percentage must be in (0, 100] (got %g%%)",
                                n.num);
        if ((rc = expect_capacity_word(ctx, lx, err)) != CF_OK) return rc;
        slot = &t->capacity_fraction;
        value = n.num / 100.0;
        what = "relative capacity";
    } else if ((scale = amp_hour_unit(lx, &u)) > 0) {
        if ((rc = expect_capacity_word(ctx, lx, err)) != CF_OK) return rc;
        slot = &t->capacity_Ah;
        value = n.num * scale;
        what = "absolute capacity";
    } else if (cf_tok_is(lx, &u, "v") || cf_tok_is(lx, &u, "mv")) {
        slot = &t->min_voltage;
        value = n.num * (cf_tok_is(lx, &u, "v") ? 1.0 : 1e-3);
        what = "minimum voltage";
    } else {
        char d[64];
        cf_tok_describe(lx, &u, d, sizeof d);
        return cf_step_fail(err, ctx, u.pos, "unexpected %s after the number: expected %s", d, HINT);
    }
    cf_tok end = cf_lex_next(lx);
    if (end.kind != CF_TOK_END) {
        char d[64];
        cf_tok_describe(lx, &end, d, sizeof d);
        return cf_step_fail(err, ctx, end.pos, "unexpected %s: expected end of line", d);
    }
    if (*slot != 0)
        return cf_step_fail(err, ctx, 0, "termination by %s is given twice (keep one)", what);
    *slot = value;
    return CF_OK;
}

int cf_termination_reached(const cf_termination *t, double first_cycle_Ah, double cycle_Ah,
                           double cycle_min_voltage)
{
    if (!t) return 0;
    if (t->capacity_fraction > 0 && first_cycle_Ah > 0 &&
        cycle_Ah <= t->capacity_fraction * first_cycle_Ah)
        return 1;
    if (t->capacity_Ah > 0 && cycle_Ah <= t->capacity_Ah) return 1;
    if (t->min_voltage > 0 && cycle_min_voltage <= t->min_voltage) return 1;
    return 0;
}
