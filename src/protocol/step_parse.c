/* step_parse.c — one step of the experiment language.
 *
 *   step     = drive_step | hold_step | rest_step | run_step , limits , [ period ] ;
 *   limits   = { [ "or" ] ( "for" duration | "until" cond ) | "or" cond | "at" temperature } ;
 *
 * (full grammar in docs/protocols.md).  Everything that can be judged
 * without a cell is checked here, with the column of the offending word. */
#include "protocol/protocol_internal.h"
#include "cellforge/cf_ranges.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUANTITY_UNITS_HINT "C, C/n, A, mA, W, mW, Ohm, mOhm, V or mV"
#define DURATION_UNITS_HINT "s, sec, second(s), min, minute(s), h, hr, hour(s) or day(s)"

int cf_step_fail(cf_error *err, const cf_step_ctx *ctx, size_t off, const char *fmt, ...)
{
    char where[192];
    int col = ctx->column + (int)off;
    if (ctx->step_no > 0)
        snprintf(where, sizeof where, "%.120s:%d:%d: step %d", ctx->source, ctx->line, col,
                 ctx->step_no);
    else
        snprintf(where, sizeof where, "%.120s:%d:%d", ctx->source, ctx->line, col);
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Quote the statement so the user sees which one; keep it printable and short. */
    char shown[128];
    size_t o = 0;
    for (size_t i = 0; i < ctx->len && o + 5 < sizeof shown; i++) {
        unsigned char c = (unsigned char)ctx->text[i];
        shown[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (o + 5 >= sizeof shown) {
        memcpy(shown + o, "...", 3);
        o += 3;
    }
    shown[o] = '\0';
    return cf_error_set(err, CF_EINVAL, where, "%s in \"%s\"", msg, shown);
}

typedef struct {
    const cf_step_ctx *ctx;
    cf_lexer lx;
    cf_error *err;
} parser;

static const char *const VERBS[] = {"Discharge", "Charge", "Hold", "Rest", "Run", "repeat", "terminate", NULL};
static const char *const LIMIT_WORDS[] = {"for", "until", "or", "at", NULL};
static const char *const TIME_WORDS[] = {"seconds", "minutes", "hours", "days", "sec", "min", "hr", NULL};

/* "unexpected 'X' (did you mean 'Y'?): expected ..." */
static int fail_near(parser *ps, const cf_tok *t, const char *const *cands, const char *what, const char *expected)
{
    char d[64], hint[48] = "";
    cf_tok_describe(&ps->lx, t, d, sizeof d);
    const char *near = (cands && t->kind == CF_TOK_WORD) ? cf_suggest(ps->lx.s + t->pos, t->len, cands) : NULL;
    if (near) snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
    return cf_step_fail(ps->err, ps->ctx, t->pos, "%s %s%s: expected %s", what, d, hint, expected);
}

static int fail_tok(parser *ps, const cf_tok *t, const char *expected)
{
    return fail_near(ps, t, NULL, "unexpected", expected);
}

static int expect_word(parser *ps, const char *word, const char *after)
{
    cf_tok t = cf_lex_next(&ps->lx);
    if (cf_tok_is(&ps->lx, &t, word)) return CF_OK;
    char expected[64];
    snprintf(expected, sizeof expected, "'%s' after '%s'", word, after);
    return fail_tok(ps, &t, expected);
}

/* The library's range for a quantity of this unit (cf_ranges.h): the same
 * check the simulator makes, so a parsed step never fails later for its
 * value alone. */
static int check_range(parser *ps, cf_unit_kind kind, double v, size_t pos)
{
    static const cf_quantity QTY[] = {[CF_UNIT_CRATE] = CF_QTY_CRATE, [CF_UNIT_CURRENT] = CF_QTY_CURRENT,
                                      [CF_UNIT_POWER] = CF_QTY_POWER, [CF_UNIT_RESISTANCE] = CF_QTY_RESISTANCE,
                                      [CF_UNIT_VOLTAGE] = CF_QTY_VOLTAGE};
    if (kind == CF_UNIT_NONE) return CF_OK;
    char msg[256];
    return cf_quantity_check(QTY[kind], v, msg, sizeof msg) ? cf_step_fail(ps->err, ps->ctx, pos, "%s", msg)
                                                           : CF_OK;
}

/* A number with a quantity unit, or C/n.  *pos is where the quantity begins. */
static int parse_quantity(parser *ps, cf_unit_kind *kind, double *value, size_t *pos)
{
    cf_tok t = cf_lex_next(&ps->lx);
    *pos = t.pos;
    if (cf_tok_is(&ps->lx, &t, "c") && cf_lex_peek(&ps->lx).kind == CF_TOK_SLASH) {
        cf_lex_next(&ps->lx);
        cf_tok n = cf_lex_next(&ps->lx);
        if (n.kind != CF_TOK_NUMBER) return fail_tok(ps, &n, "a number after 'C/' (as in C/20)");
        if (!isfinite(n.num) || !(n.num > 0))
            return cf_step_fail(ps->err, ps->ctx, n.pos,
                                "divisor of C/n must be a finite number > 0");
        *kind = CF_UNIT_CRATE;
        *value = 1.0 / n.num;
        return CF_OK;
    }
    if (t.kind != CF_TOK_NUMBER)
        return fail_tok(ps, &t, "a number with a unit (" QUANTITY_UNITS_HINT ")");
    if (!isfinite(t.num))
        return cf_step_fail(ps->err, ps->ctx, t.pos, "number out of range (not finite)");
    cf_tok u = cf_lex_next(&ps->lx);
    double scale = 0.0;
    cf_unit_kind k = u.kind == CF_TOK_WORD ? cf_unit_lookup(ps->lx.s + u.pos, u.len, &scale)
                                           : CF_UNIT_NONE;
    if (k == CF_UNIT_NONE) {
        if (u.kind == CF_TOK_PERCENT)
            return cf_step_fail(ps->err, ps->ctx, t.pos,
                                "a capacity limit ends the whole experiment, not a step: put "
                                "'terminate %g%% capacity' on its own line",
                                t.num);
        if (u.kind == CF_TOK_END || cf_tok_is(&ps->lx, &u, "for") || cf_tok_is(&ps->lx, &u, "until") ||
            cf_tok_is(&ps->lx, &u, "or"))
            return cf_step_fail(ps->err, ps->ctx, t.pos,
                                "missing unit after the number: expected " QUANTITY_UNITS_HINT);
        if (u.kind == CF_TOK_OTHER && (unsigned char)ps->lx.s[u.pos] >= 0x80)
            return cf_step_fail(ps->err, ps->ctx, u.pos,
                                "unknown unit (non-ASCII character): expected " QUANTITY_UNITS_HINT
                                " (write 'Ohm' for the ohm sign)");
        return fail_near(ps, &u, NULL, "unknown unit", QUANTITY_UNITS_HINT);
    }
    *kind = k;
    *value = t.num * scale;
    return CF_OK;
}

static int parse_duration(parser *ps, double *seconds, const char *what, const char *example)
{
    cf_tok t = cf_lex_next(&ps->lx);
    char expected[96];
    snprintf(expected, sizeof expected, "a duration after '%s' (as in '%s')", what, example);
    if (t.kind != CF_TOK_NUMBER) return fail_tok(ps, &t, expected);
    cf_tok u = cf_lex_next(&ps->lx);
    double unit = u.kind == CF_TOK_WORD ? cf_duration_unit(ps->lx.s + u.pos, u.len) : 0.0;
    if (unit == 0.0) {
        if (u.kind == CF_TOK_END)
            return cf_step_fail(ps->err, ps->ctx, t.pos,
                                "missing time unit: expected " DURATION_UNITS_HINT);
        return fail_near(ps, &u, TIME_WORDS, "unknown time unit", DURATION_UNITS_HINT);
    }
    double s = t.num * unit;
    if (!isfinite(s) || !(s > 0))
        return cf_step_fail(ps->err, ps->ctx, t.pos,
                            "duration after '%s' must be a finite number > 0 (got %g)", what, t.num);
    char msg[256];
    if (cf_quantity_check(CF_QTY_DURATION, s, msg, sizeof msg))
        return cf_step_fail(ps->err, ps->ctx, t.pos, "%s", msg);
    *seconds = s;
    return CF_OK;
}

/* A temperature's unit after its number: oC (degC) or K; *K the value in K. */
static int temperature_unit(parser *ps, const cf_tok *u, double num, double *K)
{
    if (u->kind != CF_TOK_WORD) return 0;
    if (cf_tok_is(&ps->lx, u, "oc") || cf_tok_is(&ps->lx, u, "degc")) {
        *K = num + 273.15;
        return 1;
    }
    if (cf_tok_is(&ps->lx, u, "k")) {
        *K = num;
        return 1;
    }
    return 0;
}

static int parse_condition(parser *ps, cf_step *st)
{
    cf_tok t = cf_lex_peek(&ps->lx);
    cf_cmp written = CF_CMP_AUTO;
    if (t.kind == CF_TOK_LT || t.kind == CF_TOK_GT) {
        written = t.kind == CF_TOK_LT ? CF_CMP_BELOW : CF_CMP_ABOVE;
        cf_lex_next(&ps->lx);
    }
    if (st->n_conditions >= CF_STEP_MAX_CONDITIONS)
        return cf_step_fail(ps->err, ps->ctx, cf_lex_peek(&ps->lx).pos,
                            "too many conditions (at most %d per step)", CF_STEP_MAX_CONDITIONS);
    cf_condition *c = &st->conditions[st->n_conditions];
    { /* "until 45 oC", "until 318 K": the cell's temperature */
        cf_lexer save = ps->lx;
        cf_tok n = cf_lex_next(&ps->lx), u = cf_lex_next(&ps->lx);
        double K;
        if (n.kind == CF_TOK_NUMBER && temperature_unit(ps, &u, n.num, &K)) {
            char msg[256];
            if (cf_quantity_check(CF_QTY_TEMPERATURE_K, K, msg, sizeof msg))
                return cf_step_fail(ps->err, ps->ctx, n.pos, "%s", msg);
            c->kind = CF_COND_TEMPERATURE;
            c->written = c->cmp = written;
            c->value = K;
            c->column = ps->ctx->column + (int)n.pos;
            st->n_conditions++;
            return CF_OK;
        }
        ps->lx = save;
    }
    cf_unit_kind kind;
    double v;
    size_t pos;
    int rc = parse_quantity(ps, &kind, &v, &pos);
    if (rc && strncmp(ps->err->message, "unknown unit", 12) == 0) { /* a condition may also be a temperature */
        char *m = ps->err->message, tail[sizeof ps->err->message];
        char *in = strstr(m, " in \"");
        size_t at = in ? (size_t)(in - m) : strlen(m);
        snprintf(tail, sizeof tail, "%s", m + at);
        snprintf(m + at, sizeof ps->err->message - at, ", or a temperature (oC, K)%s", tail);
    }
    if (rc) return rc;
    switch (kind) {
    case CF_UNIT_VOLTAGE: c->kind = CF_COND_VOLTAGE; break;
    case CF_UNIT_CURRENT: c->kind = CF_COND_CURRENT; break;
    case CF_UNIT_CRATE: c->kind = CF_COND_CRATE; break;
    default:
        return cf_step_fail(ps->err, ps->ctx, pos,
                            "a step can end on voltage (V, mV), current (A, mA) or C-rate (C, C/n), "
                            "not on %s",
                            kind == CF_UNIT_POWER ? "power" : "resistance");
    }
    if (!(v > 0))
        return cf_step_fail(ps->err, ps->ctx, pos,
                            "condition value must be > 0 (currents are magnitudes; use '<' or '>' "
                            "for the direction)");
    rc = check_range(ps, kind, v, pos);
    if (rc) return rc;
    c->written = written;
    c->cmp = written;
    c->value = v;
    c->column = ps->ctx->column + (int)pos;
    st->n_conditions++;
    return CF_OK;
}

/* "(10 s period)" at the end of a step, as in PyBaMM. */
static int parse_period(parser *ps, cf_step *st)
{
    size_t at = cf_lex_peek(&ps->lx).pos;
    int rc = parse_duration(ps, &st->period_s, "(", "(10 s period)");
    if (rc) return rc;
    /* the period is the step's output interval: the same range as --output-dt */
    char msg[256];
    if (cf_quantity_check(CF_QTY_OUTPUT_DT, st->period_s, msg, sizeof msg))
        return cf_step_fail(ps->err, ps->ctx, at, "period: %s", msg);
    cf_tok t = cf_lex_next(&ps->lx);
    if (!cf_tok_is(&ps->lx, &t, "period")) return fail_tok(ps, &t, "'period' (as in '(10 s period)')");
    t = cf_lex_next(&ps->lx);
    if (t.kind != CF_TOK_RPAREN) return fail_tok(ps, &t, "')'");
    t = cf_lex_next(&ps->lx);
    if (t.kind != CF_TOK_END) return fail_tok(ps, &t, "end of step after the period");
    return CF_OK;
}

/* "at 45 oC", "at 45oC", "at 318.15 K": the step's ambient temperature. */
static int parse_ambient(parser *ps, cf_step *st, const cf_tok *at)
{
    if (st->ambient_K > 0) return cf_step_fail(ps->err, ps->ctx, at->pos, "a step takes one 'at' temperature");
    cf_tok n = cf_lex_next(&ps->lx);
    if (n.kind != CF_TOK_NUMBER) return fail_tok(ps, &n, "a temperature after 'at' (as in 'at 45 oC')");
    cf_tok u = cf_lex_next(&ps->lx);
    double K;
    if (!temperature_unit(ps, &u, n.num, &K)) return fail_tok(ps, &u, "a temperature unit, oC or K (as in 'at 45 oC')");
    char msg[256];
    if (cf_quantity_check(CF_QTY_TEMPERATURE_K, K, msg, sizeof msg))
        return cf_step_fail(ps->err, ps->ctx, n.pos, "%s", msg);
    st->ambient_K = K;
    return CF_OK;
}

static int parse_limits(parser *ps, cf_step *st)
{
    int have_for = 0, have_limit = 0, last_until = 0;
    for (;;) {
        cf_tok t = cf_lex_next(&ps->lx);
        if (t.kind == CF_TOK_END) return CF_OK;
        if (t.kind == CF_TOK_LPAREN) return parse_period(ps, st);
        if (cf_tok_is(&ps->lx, &t, "at")) {
            int rc = parse_ambient(ps, st, &t);
            if (rc) return rc;
            last_until = 0;
            continue;
        }
        if (cf_tok_is(&ps->lx, &t, "or")) {
            if (!have_limit) return fail_tok(ps, &t, "'for' or 'until' (nothing to join with 'or')");
            cf_tok n = cf_lex_peek(&ps->lx);
            if (cf_tok_is(&ps->lx, &n, "for") || cf_tok_is(&ps->lx, &n, "until")) continue;
            if (!last_until) return fail_tok(ps, &n, "'for' or 'until' after 'or'");
            int rc = parse_condition(ps, st);
            if (rc) return rc;
            continue;
        }
        if (cf_tok_is(&ps->lx, &t, "for")) {
            if (have_for)
                return cf_step_fail(ps->err, ps->ctx, t.pos, "a step takes one 'for' duration");
            int rc = parse_duration(ps, &st->duration_s, "for", "for 30 minutes");
            if (rc) return rc;
            have_for = have_limit = 1;
            last_until = 0;
            continue;
        }
        if (cf_tok_is(&ps->lx, &t, "until")) {
            int rc = parse_condition(ps, st);
            if (rc) return rc;
            have_limit = last_until = 1;
            continue;
        }
        return fail_near(ps, &t, LIMIT_WORDS, "unexpected",
                         have_limit ? "'or', 'for', 'until', 'at', '(' or end of step"
                                    : "'for', 'until', 'at', '(' or end of step");
    }
}

/* Natural direction of a condition written without '<' or '>': see the
 * table in docs/protocols.md.  0 means the condition makes no sense here. */
static cf_cmp auto_direction(const cf_step *st, cf_cond_kind kind)
{
    /* the cell warms or cools towards it, whichever side it starts on */
    if (kind == CF_COND_TEMPERATURE) return CF_CMP_CROSS;
    int charge = st->verb == CF_VERB_CHARGE;
    if (kind == CF_COND_VOLTAGE) {
        switch (st->mode) {
        case CF_STEP_CURRENT:
        case CF_STEP_CRATE:
        case CF_STEP_POWER: return charge ? CF_CMP_ABOVE : CF_CMP_BELOW;
        case CF_STEP_RESISTANCE: return CF_CMP_BELOW;
        case CF_STEP_REST:
        case CF_STEP_DRIVE_CURRENT:
        case CF_STEP_DRIVE_POWER: return CF_CMP_CROSS;
        case CF_STEP_VOLTAGE: return CF_CMP_AUTO;
        }
        return CF_CMP_AUTO;
    }
    switch (st->mode) {
    case CF_STEP_VOLTAGE: return CF_CMP_BELOW; /* the current tapers at constant voltage */
    case CF_STEP_POWER: return charge ? CF_CMP_BELOW : CF_CMP_ABOVE; /* I = P/V */
    case CF_STEP_RESISTANCE: return CF_CMP_BELOW;                   /* I = V/R falls with V */
    case CF_STEP_DRIVE_POWER: return CF_CMP_CROSS;
    default: return CF_CMP_AUTO;
    }
}

static int check_conditions(parser *ps, cf_step *st)
{
    for (int i = 0; i < st->n_conditions; i++) {
        cf_condition *c = &st->conditions[i];
        size_t off = (size_t)(c->column - ps->ctx->column);
        if (c->kind == CF_COND_VOLTAGE && st->mode == CF_STEP_VOLTAGE)
            return cf_step_fail(ps->err, ps->ctx, off,
                                "a voltage condition cannot end a voltage hold (the voltage is held "
                                "at %g V): end it on current (as in 'until 50 mA' or 'until C/50') "
                                "or with 'for'",
                                st->value);
        if (c->kind == CF_COND_CURRENT || c->kind == CF_COND_CRATE) {
            const char *why = NULL;
            if (st->mode == CF_STEP_CURRENT || st->mode == CF_STEP_CRATE)
                why = "the current is fixed by this step";
            else if (st->mode == CF_STEP_REST)
                why = "the current is zero during a rest";
            else if (st->mode == CF_STEP_DRIVE_CURRENT)
                why = "the current is set by the drive cycle";
            if (why)
                return cf_step_fail(ps->err, ps->ctx, off,
                                    "a current condition cannot end this step (%s): end it on "
                                    "voltage or with 'for'",
                                    why);
        }
        if (c->written == CF_CMP_AUTO) c->cmp = auto_direction(st, c->kind);
    }
    return CF_OK;
}

static char *resolve_path(const char *base_dir, const char *path, size_t len)
{
    int rel = base_dir && base_dir[0] && path[0] != '/';
    size_t blen = rel ? strlen(base_dir) : 0;
    char *full = malloc(blen + len + 2);
    if (!full) return NULL;
    size_t o = 0;
    if (rel) {
        memcpy(full, base_dir, blen);
        o = blen;
        if (full[o - 1] != '/') full[o++] = '/';
    }
    memcpy(full + o, path, len);
    full[o + len] = '\0';
    return full;
}

static int parse_run(parser *ps, cf_step *st, cf_drive_cycle **drive)
{
    cf_lexer *lx = &ps->lx;
    while (lx->pos < lx->n && isspace((unsigned char)lx->s[lx->pos])) lx->pos++;
    size_t start = lx->pos, len;
    if (start < lx->n && lx->s[start] == '"') {
        cf_tok t = cf_lex_next(lx);
        if (t.kind == CF_TOK_BAD_STRING)
            return cf_step_fail(ps->err, ps->ctx, start, "file name without its closing '\"'");
        start = t.pos;
        len = t.len;
    } else {
        while (lx->pos < lx->n && !isspace((unsigned char)lx->s[lx->pos])) lx->pos++;
        len = lx->pos - start;
    }
    if (len == 0)
        return cf_step_fail(ps->err, ps->ctx, start,
                            "expected a drive-cycle CSV file after 'Run' (as in 'Run us06.csv')");
    char *path = resolve_path(ps->ctx->base_dir, lx->s + start, len);
    if (!path) return cf_error_set(ps->err, CF_ENOMEM, ps->ctx->source, "out of memory");
    int rc = cf_drive_cycle_load(path, drive, ps->err);
    free(path);
    if (rc) {
        char where[192];
        snprintf(where, sizeof where, "%.120s:%d:%d: step %d", ps->ctx->source, ps->ctx->line,
                 ps->ctx->column + (int)start, ps->ctx->step_no);
        cf_error_prefix_where(ps->err, where);
        return rc;
    }
    st->mode = cf_drive_cycle_kind(*drive) == CF_DRIVE_POWER ? CF_STEP_DRIVE_POWER : CF_STEP_DRIVE_CURRENT;
    st->drive = *drive;
    return CF_OK;
}

/* "Discharge at X", "Charge at X", "Hold at X": the set-point. */
static int parse_setpoint(parser *ps, cf_step *st, const char *verb)
{
    int rc = expect_word(ps, "at", verb);
    if (rc) return rc;
    cf_unit_kind kind;
    double v;
    size_t pos;
    rc = parse_quantity(ps, &kind, &v, &pos);
    if (rc) return rc;
    if (st->verb == CF_VERB_HOLD && kind != CF_UNIT_VOLTAGE)
        return cf_step_fail(ps->err, ps->ctx, pos,
                            "'Hold at' takes a voltage (V or mV); for a current use 'Charge at' or "
                            "'Discharge at'");
    if (v < 0)
        return cf_step_fail(ps->err, ps->ctx, pos,
                            "negative set-point: write the direction with 'Charge' or 'Discharge' "
                            "and a value > 0");
    if (!(v > 0))
        return cf_step_fail(ps->err, ps->ctx, pos,
                            "set-point must be > 0 (for no current use 'Rest for ...')");
    rc = check_range(ps, kind, v, pos);
    if (rc) return rc;
    switch (kind) {
    case CF_UNIT_CRATE: st->mode = CF_STEP_CRATE; break;
    case CF_UNIT_CURRENT: st->mode = CF_STEP_CURRENT; break;
    case CF_UNIT_POWER: st->mode = CF_STEP_POWER; break;
    case CF_UNIT_RESISTANCE: st->mode = CF_STEP_RESISTANCE; break;
    case CF_UNIT_VOLTAGE: st->mode = CF_STEP_VOLTAGE; break;
    case CF_UNIT_NONE: break;
    }
    if (st->mode == CF_STEP_RESISTANCE && st->verb == CF_VERB_CHARGE)
        return cf_step_fail(ps->err, ps->ctx, pos,
                            "a resistance can only discharge the cell: use 'Discharge at %g Ohm'", v);
    /* Positive = discharge; a voltage or resistance has no sign of its own. */
    int signed_mode = st->mode == CF_STEP_CRATE || st->mode == CF_STEP_CURRENT || st->mode == CF_STEP_POWER;
    st->value = (signed_mode && st->verb == CF_VERB_CHARGE) ? -v : v;
    return CF_OK;
}

int cf_step_parse(const cf_step_ctx *ctx, cf_step *out, cf_drive_cycle **drive, cf_error *err)
{
    parser ps = {ctx, {NULL, 0, 0}, err};
    cf_lex_init(&ps.lx, ctx->text, ctx->len);
    cf_step st;
    memset(&st, 0, sizeof st);
    *drive = NULL;
    cf_tok t = cf_lex_next(&ps.lx);
    int rc;
    if (cf_tok_is(&ps.lx, &t, "discharge")) {
        st.verb = CF_VERB_DISCHARGE;
        rc = parse_setpoint(&ps, &st, "Discharge");
    } else if (cf_tok_is(&ps.lx, &t, "charge")) {
        st.verb = CF_VERB_CHARGE;
        rc = parse_setpoint(&ps, &st, "Charge");
    } else if (cf_tok_is(&ps.lx, &t, "hold")) {
        st.verb = CF_VERB_HOLD;
        rc = parse_setpoint(&ps, &st, "Hold");
    } else if (cf_tok_is(&ps.lx, &t, "rest")) {
        st.verb = CF_VERB_REST;
        st.mode = CF_STEP_REST;
        rc = CF_OK;
    } else if (cf_tok_is(&ps.lx, &t, "run")) {
        st.verb = CF_VERB_RUN;
        rc = parse_run(&ps, &st, drive);
    } else {
        rc = fail_near(&ps, &t, VERBS, "unexpected",
                       "a step starting with Discharge, Charge, Hold, Rest or Run (or 'repeat N {', "
                       "'}', 'terminate')");
    }
    if (!rc) rc = parse_limits(&ps, &st);
    if (!rc) rc = check_conditions(&ps, &st);
    if (!rc && (st.mode == CF_STEP_REST || st.mode == CF_STEP_VOLTAGE) && st.duration_s == 0 &&
        st.n_conditions == 0)
        rc = cf_step_fail(err, ctx, 0,
                          "this step never ends by itself: add 'for <duration>' or 'until <condition>'");
    if (!rc && st.drive && st.duration_s == 0) st.duration_s = cf_drive_cycle_duration(st.drive);
    if (rc) {
        cf_drive_cycle_free(*drive);
        *drive = NULL;
        return rc;
    }
    *out = st;
    return CF_OK;
}
