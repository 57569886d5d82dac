/* file_parse.c — protocol text: statements, repeat blocks, cycles, termination.
 *
 * The text is cut into statements at ';', newlines, '{', '}' and '#'
 * comments (outside double quotes), so the one-line form
 * "repeat 3 { Discharge at 1C until 3 V; Rest for 1 h }" and a file with one
 * step per line and braces on their own lines are the same language.
 * A '(' that opens a statement starts a cycle group, PyBaMM's tuple: its steps
 * are separated by ';', ',' or newlines and it ends at the ')' that closes it
 * (a step's own "(1 minute period)" is matched inside the step). */
#include "protocol/protocol_internal.h"
#include "cellforge/cf_io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ST_TEXT, ST_LBRACE, ST_RBRACE, ST_LPAREN, ST_RPAREN, ST_END } stmt_kind;

typedef struct {
    stmt_kind kind;
    const char *s;
    size_t len;
    int line, column;
} stmt;

typedef struct {
    const char *s;
    size_t pos;
    int line;
    size_t line_start;
    int paren; /* open cycle groups '(': inside one, ',' also separates steps */
} splitter;

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static stmt next_stmt(splitter *sp)
{
    const char *s = sp->s;
    for (;;) {
        char c = s[sp->pos];
        if (is_blank(c) || c == ';' || (c == ',' && sp->paren > 0)) {
            sp->pos++;
        } else if (c == '\n') {
            sp->pos++;
            sp->line++;
            sp->line_start = sp->pos;
        } else if (c == '#') {
            while (s[sp->pos] && s[sp->pos] != '\n') sp->pos++;
        } else {
            break;
        }
    }
    stmt st = {ST_END, s + sp->pos, 0, sp->line, (int)(sp->pos - sp->line_start) + 1};
    char c = s[sp->pos];
    if (c == '\0') return st;
    if (c == '{' || c == '}' || c == '(' || c == ')') {
        st.kind = c == '{' ? ST_LBRACE : c == '}' ? ST_RBRACE : c == '(' ? ST_LPAREN : ST_RPAREN;
        st.len = 1;
        sp->pos++;
        return st;
    }
    st.kind = ST_TEXT;
    int quoted = 0, depth = 0; /* depth: the step's own parentheses */
    size_t i = sp->pos;
    for (; s[i] && s[i] != '\n'; i++) {
        if (s[i] == '"') quoted = !quoted;
        if (quoted) continue;
        if (s[i] == ';' || s[i] == '{' || s[i] == '}' || s[i] == '#') break;
        if (s[i] == ',' && sp->paren > 0 && depth == 0) break;
        if (s[i] == '(') depth++;
        if (s[i] == ')' && depth-- == 0) break; /* closes a cycle group */
    }
    size_t end = i;
    while (end > sp->pos && is_blank(s[end - 1])) end--;
    st.len = end - sp->pos;
    sp->pos = i;
    return st;
}

typedef struct {
    splitter sp;
    cf_protocol *p;
    const char *source;
    const char *base_dir;
    cf_error *err;
} fparser;

static cf_step_ctx ctx_for(const fparser *fp, const stmt *st, int step_no)
{
    cf_step_ctx c = {fp->source, fp->base_dir, st->s, st->len, st->line, st->column, step_no};
    return c;
}

static int stmt_fail(const fparser *fp, const stmt *st, const char *msg)
{
    char where[192];
    snprintf(where, sizeof where, "%.120s:%d:%d", fp->source, st->line, st->column);
    return cf_error_set(fp->err, CF_EINVAL, where, "%s", msg);
}

/* a + b*c within CF_PROTOCOL_MAX_EXECUTED, or -1. */
static int64_t add_mul(int64_t a, int64_t b, int64_t c)
{
    if (b > 0 && c > (CF_PROTOCOL_MAX_EXECUTED - a) / b) return -1;
    return a + b * c;
}

static int parse_step_stmt(fparser *fp, const stmt *st, int group)
{
    cf_protocol *p = fp->p;
    cf_step_ctx ctx = ctx_for(fp, st, p->n_steps + 1);
    cf_step step;
    cf_drive_cycle *dc = NULL;
    int rc = cf_step_parse(&ctx, &step, &dc, fp->err);
    if (rc) return rc;
    if (dc && (rc = cf_protocol_own_drive(p, dc, fp->err)) != CF_OK) return rc;
    step.index = p->n_steps;
    step.group = group;
    step.line = st->line;
    step.column = st->column;
    return cf_protocol_push_step(p, &step, st->s, st->len, fp->err);
}

/* "repeat N [times]" or "cycle": the repeat count, then the '{'. */
static int parse_repeat_header(fparser *fp, const stmt *st, int is_cycle, int64_t *count)
{
    cf_step_ctx ctx = ctx_for(fp, st, 0);
    cf_lexer lx;
    cf_lex_init(&lx, st->s, st->len);
    cf_lex_next(&lx); /* the keyword */
    *count = 1;
    if (!is_cycle) {
        cf_tok n = cf_lex_next(&lx);
        if (n.kind != CF_TOK_NUMBER)
            return cf_step_fail(fp->err, &ctx, n.pos, "expected a repeat count after 'repeat' (as in 'repeat 100 {')");
        if (!(n.num >= 1 && n.num <= (double)CF_PROTOCOL_MAX_REPEAT) || n.num != floor(n.num))
            return cf_step_fail(fp->err, &ctx, n.pos, "repeat count must be a whole number from 1 to %lld",
                                (long long)CF_PROTOCOL_MAX_REPEAT);
        *count = (int64_t)n.num;
        cf_tok t = cf_lex_peek(&lx);
        if (cf_tok_is(&lx, &t, "times")) cf_lex_next(&lx);
    }
    cf_tok t = cf_lex_next(&lx);
    if (t.kind != CF_TOK_END) {
        char d[64];
        cf_tok_describe(&lx, &t, d, sizeof d);
        return cf_step_fail(fp->err, &ctx, t.pos, "unexpected %s: expected '{'", d);
    }
    stmt brace = next_stmt(&fp->sp);
    if (brace.kind != ST_LBRACE)
        return stmt_fail(fp, brace.kind == ST_END ? st : &brace,
                         is_cycle ? "expected '{' after 'cycle'" : "expected '{' after 'repeat N'");
    return CF_OK;
}

static int parse_terminate(fparser *fp, const stmt *st, int depth)
{
    if (depth > 0)
        return stmt_fail(fp, st, "'terminate' applies to the whole experiment: put it outside any "
                                 "repeat block");
    cf_step_ctx ctx = ctx_for(fp, st, 0);
    cf_lexer lx;
    cf_lex_init(&lx, st->s, st->len);
    cf_lex_next(&lx);
    return cf_termination_parse(&ctx, &lx, &fp->p->term, fp->err);
}

static int parse_block(fparser *fp, int depth, const stmt *opener, int group, int64_t *per_pass, stmt_kind closer);

/* A block: "repeat N {", "cycle {" (is_cycle 1) or a '(' group (is_cycle 2),
 * whose opener st has been read. */
static int parse_repeat(fparser *fp, const stmt *st, int depth, int is_cycle, int group,
                        int64_t *per_pass)
{
    cf_protocol *p = fp->p;
    if (depth + 1 > CF_PROTOCOL_MAX_DEPTH)
        return stmt_fail(fp, st, "repeat blocks nested too deep (at most 8 levels)");
    int64_t count = 1;
    int rc = is_cycle == 2 ? CF_OK : parse_repeat_header(fp, st, is_cycle, &count);
    if (rc) return rc;
    if (depth == 0) {
        cf_cycle_group g = {p->n_steps, 0, count, p->n_cycles, 0, st->line};
        group = p->n_groups;
        if ((rc = cf_protocol_push_group(p, &g, fp->err)) != CF_OK) return rc;
    }
    size_t begin = p->n_ops;
    cf_op op = {CF_OP_BEGIN, group, count, 0};
    if ((rc = cf_protocol_push_op(p, op, fp->err)) != CF_OK) return rc;
    int64_t inner = 0;
    if (is_cycle == 2) fp->sp.paren++;
    rc = parse_block(fp, depth + 1, st, group, &inner, is_cycle == 2 ? ST_RPAREN : ST_RBRACE);
    if (is_cycle == 2) fp->sp.paren--;
    if (rc != CF_OK) return rc;
    if (inner == 0) return stmt_fail(fp, st, is_cycle == 2 ? "'( )' group has no steps" : "repeat block has no steps");
    cf_op end = {CF_OP_END, group, count, begin};
    if ((rc = cf_protocol_push_op(p, end, fp->err)) != CF_OK) return rc;
    p->ops[begin].match = p->n_ops - 1;
    int64_t total = add_mul(*per_pass, count, inner);
    if (total < 0) return stmt_fail(fp, st, "protocol expands to more than 1e15 steps");
    if (depth == 0) {
        cf_cycle_group *g = &p->groups[group];
        g->n_steps = p->n_steps - g->first_step;
        g->steps_per_cycle = inner;
        p->n_cycles += count;
        int64_t all = add_mul(p->total_steps, count, inner);
        if (all < 0) return stmt_fail(fp, st, "protocol expands to more than 1e15 steps");
        p->total_steps = all;
    }
    *per_pass = total;
    return CF_OK;
}

static int parse_block(fparser *fp, int depth, const stmt *opener, int group, int64_t *per_pass, stmt_kind closer)
{
    cf_protocol *p = fp->p;
    for (;;) {
        stmt st = next_stmt(&fp->sp);
        int rc = CF_OK;
        switch (st.kind) {
        case ST_END:
            if (depth > 0)
                return stmt_fail(fp, opener, closer == ST_RPAREN ? "'(' group is never closed: expected ')'"
                                                                 : "repeat block is never closed: expected '}'");
            return CF_OK;
        case ST_RBRACE:
        case ST_RPAREN:
            if (st.kind != closer || depth == 0)
                return stmt_fail(fp, &st, st.kind == ST_RBRACE ? "'}' without a 'repeat N {' to close"
                                                               : "')' without a '(' to close");
            return CF_OK;
        case ST_LBRACE:
            return stmt_fail(fp, &st, "'{' must follow 'repeat N' or 'cycle'");
        case ST_LPAREN:
            if ((rc = parse_repeat(fp, &st, depth, 2, group, per_pass)) != CF_OK) return rc;
            continue;
        case ST_TEXT: break;
        }
        cf_lexer lx;
        cf_lex_init(&lx, st.s, st.len);
        cf_tok first = cf_lex_next(&lx);
        if (cf_tok_is(&lx, &first, "repeat") || cf_tok_is(&lx, &first, "cycle")) {
            rc = parse_repeat(fp, &st, depth, cf_tok_is(&lx, &first, "cycle"), group, per_pass);
        } else if (cf_tok_is(&lx, &first, "terminate") || cf_tok_is(&lx, &first, "until")) {
            rc = parse_terminate(fp, &st, depth);
        } else if (depth == 0) {
            /* A step outside any block is a cycle of its own (as each string in PyBaMM). */
            cf_cycle_group g = {p->n_steps, 1, 1, p->n_cycles, 1, st.line};
            if ((rc = cf_protocol_push_group(p, &g, fp->err)) != CF_OK) return rc;
            rc = parse_step_stmt(fp, &st, p->n_groups - 1);
            if (!rc) {
                cf_op op = {CF_OP_STEP, p->n_steps - 1, 1, 0};
                rc = cf_protocol_push_op(p, op, fp->err);
            }
            if (!rc) {
                p->n_cycles += 1;
                p->total_steps = add_mul(p->total_steps, 1, 1);
                *per_pass += 1;
                if (p->total_steps < 0) rc = stmt_fail(fp, &st, "protocol expands to more than 1e15 steps");
            }
        } else {
            rc = parse_step_stmt(fp, &st, group);
            if (!rc) {
                cf_op op = {CF_OP_STEP, p->n_steps - 1, 1, 0};
                rc = cf_protocol_push_op(p, op, fp->err);
            }
            if (!rc) *per_pass += 1;
        }
        if (rc) return rc;
    }
}

int cf_protocol_parse_ex(const char *text, const char *source, const char *base_dir,
                         cf_protocol **out, cf_error *err)
{
    *out = NULL;
    if (!source || !source[0]) source = "protocol";
    if (!text) return cf_error_set(err, CF_EINVAL, source, "no protocol text");
    cf_protocol *p = cf_protocol_alloc(source);
    if (!p) return cf_error_set(err, CF_ENOMEM, source, "out of memory");
    fparser fp = {{text, 0, 1, 0, 0}, p, p->source, base_dir, err};
    /* A UTF-8 byte-order mark from a Windows editor is not part of the text. */
    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0) fp.sp.pos = fp.sp.line_start = 3;
    int64_t top = 0;
    int rc = parse_block(&fp, 0, NULL, 0, &top, ST_END);
    if (!rc && p->n_steps == 0)
        rc = cf_error_set(err, CF_EINVAL, source,
                          "protocol has no steps (expected e.g. \"Discharge at 1C until 2.5 V\")");
    if (rc) {
        cf_protocol_free(p);
        return rc;
    }
    *out = p;
    return CF_OK;
}

int cf_protocol_parse(const char *text, cf_protocol **out, cf_error *err)
{
    return cf_protocol_parse_ex(text, "protocol", NULL, out, err);
}

int cf_protocol_load_file(const char *path, cf_protocol **out, cf_error *err)
{
    *out = NULL;
    if (!path || !path[0]) return cf_error_set(err, CF_EINVAL, "protocol", "empty protocol file name");
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_PROTOCOL, &text, &len, err);
    if (rc) return rc;
    if (strlen(text) != len) {
        size_t at = strlen(text);
        free(text);
        return cf_error_set(err, CF_EINVAL, path, "file contains a NUL byte at offset %zu: not a text file",
                            at);
    }
    /* Drive cycles named in the file are found beside it. */
    const char *slash = strrchr(path, '/');
    char *dir = NULL;
    if (slash) {
        size_t n = (size_t)(slash - path) + 1;
        dir = malloc(n + 1);
        if (!dir) {
            free(text);
            return cf_error_set(err, CF_ENOMEM, path, "out of memory");
        }
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    rc = cf_protocol_parse_ex(text, path, dir, out, err);
    free(dir);
    free(text);
    return rc;
}
