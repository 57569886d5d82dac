/* expr_parse.c — text to a cf_expr program: a tokeniser and a recursive-
 * descent parser with Python's operator rules (BPX expressions are Python):
 *
 *   expr   := term  (('+' | '-') term)*
 *   term   := unary (('*' | '/') unary)*
 *   unary  := ('+' | '-') unary | power
 *   power  := atom (('**' | '^') unary)?      right-associative; -x**2 = -(x**2)
 *   atom   := number | 'x' | 'pi' | name '(' expr ')' | '(' expr ')'
 *
 * Nothing in the text is executed: names are looked up in a fixed table.
 * Every recursion passes through `unary`, which counts the depth, so hostile
 * input ("((((...") ends with an error, not a stack overflow.  Each token
 * emits at most one operation, so the program fits in (length + 1) slots
 * allocated up front. */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_internal.h"
#include "core/edit_distance.h"

const char *const cf_expr_fn_names[EXPR_FN_COUNT] = {"exp",  "log", "log10", "sqrt", "tanh", "sinh",
                                                     "cosh", "sin", "cos",   "tan",  "abs"};

typedef enum { TOK_END, TOK_NUM, TOK_NAME, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_POW, TOK_LPAR,
               TOK_RPAR, TOK_COMMA, TOK_BAD } tok_kind;

typedef struct {
    tok_kind kind;
    size_t pos, len; /* byte offset and length in the text */
    double value;    /* TOK_NUM */
} token;

typedef struct {
    const char *s;
    token tok;        /* current token */
    expr_op *ops;
    int n, sp, max_sp, uses_x;
    int depth;
    cf_error *err;
    int failed;
} parser;

static int fail_at(parser *p, size_t pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Only the first error counts: later ones are consequences of it. */
static int fail_at(parser *p, size_t pos, const char *fmt, ...)
{
    if (p->failed) return CF_EINVAL;
    p->failed = 1;
    char where[32];
    snprintf(where, sizeof where, "column %zu", pos + 1);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cf_error_set(p->err, CF_EINVAL, where, "%s", msg);
}

/* A token as text for messages ("'tnh'", "end of text"). */
static const char *tok_text(const parser *p, const token *t, char *buf, size_t n)
{
    if (t->kind == TOK_END) return "the end of the text";
    size_t len = t->len < 24 ? t->len : 24;
    int printable = 1;
    for (size_t i = 0; i < len; i++) printable &= isprint((unsigned char)p->s[t->pos + i]) != 0;
    if (!printable) snprintf(buf, n, "byte 0x%02x", (unsigned char)p->s[t->pos]);
    else snprintf(buf, n, "'%.*s%s'", (int)len, p->s + t->pos, t->len > len ? "..." : "");
    return buf;
}

/* Reads a number at s[pos]: digits [. digits] [(e|E) [+-] digits], or . digits. */
static void lex_number(parser *p, size_t pos)
{
    const char *s = p->s;
    size_t i = pos;
    while (isdigit((unsigned char)s[i])) i++;
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i])) i++;
    }
    int bad = 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') j++;
        if (!isdigit((unsigned char)s[j])) bad = 1;
        while (isdigit((unsigned char)s[j])) j++;
        i = j;
    }
    /* "2x" or "1e3e4" read as one malformed word reads better than two tokens. */
    while (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.') {
        bad = 1;
        i++;
    }
    p->tok = (token){.kind = bad ? TOK_BAD : TOK_NUM, .pos = pos, .len = i - pos};
    if (bad) return;
    char buf[400];
    size_t len = i - pos < sizeof buf - 1 ? i - pos : sizeof buf - 1;
    memcpy(buf, s + pos, len);
    buf[len] = '\0';
    errno = 0;
    p->tok.value = strtod(buf, NULL);
    if (errno == ERANGE && fabs(p->tok.value) > 1.0) p->tok.kind = TOK_BAD; /* overflow; underflow to 0 is fine */
}

static void next(parser *p)
{
    const char *s = p->s;
    size_t i = p->tok.pos + p->tok.len;
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') i++;
    char c = s[i];
    if (c == '\0') {
        p->tok = (token){.kind = TOK_END, .pos = i, .len = 0};
        return;
    }
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)s[i + 1]))) {
        lex_number(p, i);
        return;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        size_t j = i;
        while (isalnum((unsigned char)s[j]) || s[j] == '_') j++;
        p->tok = (token){.kind = TOK_NAME, .pos = i, .len = j - i};
        return;
    }
    tok_kind k = TOK_BAD;
    size_t len = 1;
    switch (c) {
    case '+': k = TOK_PLUS; break;
    case '-': k = TOK_MINUS; break;
    case '*':
        k = s[i + 1] == '*' ? TOK_POW : TOK_STAR;
        len = s[i + 1] == '*' ? 2 : 1;
        break;
    case '^': k = TOK_POW; break;
    case '/': k = TOK_SLASH; break;
    case '(': k = TOK_LPAR; break;
    case ')': k = TOK_RPAR; break;
    case ',': k = TOK_COMMA; break;
    default: break;
    }
    p->tok = (token){.kind = k, .pos = i, .len = len};
}

static int emit(parser *p, expr_opcode code, int fn, double value)
{
    int delta = (code == EXPR_OP_CONST || code == EXPR_OP_X) ? 1
              : (code == EXPR_OP_NEG || code == EXPR_OP_FN) ? 0 : -1;
    p->sp += delta;
    if (p->sp > p->max_sp) p->max_sp = p->sp;
    if (p->max_sp > CF_EXPR_MAX_STACK)
        return fail_at(p, p->tok.pos, "expression too complex (it needs more than %d intermediate values)",
                       CF_EXPR_MAX_STACK);
    p->ops[p->n++] = (expr_op){.code = (unsigned char)code, .fn = (unsigned char)fn, .value = value};
    if (code == EXPR_OP_X) p->uses_x = 1;
    return CF_OK;
}

static int parse_expr(parser *p);
static int parse_unary(parser *p);

static int name_is(const parser *p, const token *t, const char *name)
{
    return t->len == strlen(name) && memcmp(p->s + t->pos, name, t->len) == 0;
}

/* name '(' expr ')' for a known function, at the current TOK_NAME. */
static int parse_call(parser *p, int fn)
{
    char nm[16], b[48];
    snprintf(nm, sizeof nm, "%s", cf_expr_fn_names[fn]);
    next(p);
    if (p->tok.kind != TOK_LPAR)
        return fail_at(p, p->tok.pos, "function '%s' needs its argument in parentheses, %s(...), but found %s", nm,
                       nm, tok_text(p, &p->tok, b, sizeof b));
    token open = p->tok;
    next(p);
    if (p->tok.kind == TOK_RPAR) return fail_at(p, p->tok.pos, "function '%s' needs one argument, got none", nm);
    if (parse_expr(p)) return CF_EINVAL;
    if (p->tok.kind == TOK_COMMA) return fail_at(p, p->tok.pos, "function '%s' takes one argument", nm);
    if (p->tok.kind != TOK_RPAR) {
        char col[24];
        snprintf(col, sizeof col, "%zu", open.pos + 1);
        return fail_at(p, p->tok.pos, "'(' opened at column %s is not closed (found %s)", col,
                       tok_text(p, &p->tok, b, sizeof b));
    }
    next(p);
    return emit(p, EXPR_OP_FN, fn, 0);
}

static int parse_name(parser *p)
{
    token t = p->tok;
    char word[48];
    snprintf(word, sizeof word, "%.*s", (int)(t.len < 40 ? t.len : 40), p->s + t.pos);
    if (name_is(p, &t, "x")) {
        next(p);
        if (p->tok.kind == TOK_LPAR) return fail_at(p, t.pos, "'x' is the variable, not a function");
        return emit(p, EXPR_OP_X, 0, 0);
    }
    if (name_is(p, &t, "pi")) {
        next(p);
        return emit(p, EXPR_OP_CONST, 0, 3.14159265358979323846);
    }
    for (int i = 0; i < EXPR_FN_COUNT; i++)
        if (name_is(p, &t, cf_expr_fn_names[i])) return parse_call(p, i);
    /* Unknown: a function if a '(' follows, else a variable. */
    size_t after = t.pos + t.len;
    while (p->s[after] == ' ' || p->s[after] == '\t') after++;
    const char *known[EXPR_FN_COUNT + 1];
    for (int i = 0; i < EXPR_FN_COUNT; i++) known[i] = cf_expr_fn_names[i];
    known[EXPR_FN_COUNT] = NULL;
    if (p->s[after] == '(') {
        const char *best = cf_edit_nearest(word, known, 2);
        if (best) return fail_at(p, t.pos, "unknown function '%s' (did you mean '%s'?)", word, best);
        return fail_at(p, t.pos, "unknown function '%s' (known: exp, log, log10, sqrt, tanh, sinh, cosh, sin, cos, "
                                 "tan, abs)", word);
    }
    /* Only near misses ("xx", "PI") get a suggestion: "sto" is not "pi". */
    static const char *const names[] = {"x", "pi"};
    for (int i = 0; i < 2; i++)
        if (strlen(word) > 1 && cf_edit_distance(word, strlen(word), names[i], strlen(names[i]), 0) <= 1)
            return fail_at(p, t.pos, "unknown name '%s' (did you mean '%s'?)", word, names[i]);
    return fail_at(p, t.pos, "unknown name '%s': the only variable is x (and the constant pi)", word);
}

static int parse_atom(parser *p)
{
    char b[48];
    switch (p->tok.kind) {
    case TOK_NUM: {
        double v = p->tok.value;
        next(p);
        return emit(p, EXPR_OP_CONST, 0, v);
    }
    case TOK_NAME:
        return parse_name(p);
    case TOK_LPAR: {
        token open = p->tok;
        next(p);
        if (p->tok.kind == TOK_RPAR) return fail_at(p, p->tok.pos, "empty parentheses '()'");
        if (parse_expr(p)) return CF_EINVAL;
        if (p->tok.kind != TOK_RPAR) {
            char col[24];
            snprintf(col, sizeof col, "%zu", open.pos + 1);
            return fail_at(p, p->tok.pos, "'(' opened at column %s is not closed (found %s)", col,
                           tok_text(p, &p->tok, b, sizeof b));
        }
        next(p);
        return CF_OK;
    }
    case TOK_BAD:
        if (isdigit((unsigned char)p->s[p->tok.pos]) || p->s[p->tok.pos] == '.') {
            /* "2x": a product written without '*'. */
            int letters = 0;
            for (size_t i = 0; i < p->tok.len; i++) {
                char c = p->s[p->tok.pos + i];
                letters |= isalpha((unsigned char)c) && c != 'e' && c != 'E';
            }
            return fail_at(p, p->tok.pos, "malformed or out-of-range number %s%s",
                           tok_text(p, &p->tok, b, sizeof b), letters ? " (write a product as 2*x)" : "");
        }
        return fail_at(p, p->tok.pos, "unexpected character %s", tok_text(p, &p->tok, b, sizeof b));
    case TOK_END:
        return fail_at(p, p->tok.pos, "the expression ends where a number, x, a function or '(' is expected");
    default:
        return fail_at(p, p->tok.pos, "expected a number, x, a function or '(' but found %s",
                       tok_text(p, &p->tok, b, sizeof b));
    }
}

static int parse_power(parser *p)
{
    if (parse_atom(p)) return CF_EINVAL;
    if (p->tok.kind != TOK_POW) return CF_OK;
    next(p);
    /* The exponent is a unary expression: 2**-1 and 2**3**2 = 2**9 as in Python. */
    if (parse_unary(p)) return CF_EINVAL;
    return emit(p, EXPR_OP_POW, 0, 0);
}

static int parse_unary(parser *p)
{
    if (++p->depth > CF_EXPR_MAX_DEPTH)
        return fail_at(p, p->tok.pos, "expression nested deeper than %d levels (parentheses, calls, signs, powers)",
                       CF_EXPR_MAX_DEPTH);
    int rc;
    if (p->tok.kind == TOK_MINUS) {
        next(p);
        rc = parse_unary(p);
        if (!rc) rc = emit(p, EXPR_OP_NEG, 0, 0);
    } else if (p->tok.kind == TOK_PLUS) {
        next(p);
        rc = parse_unary(p);
    } else {
        rc = parse_power(p);
    }
    p->depth--;
    return rc;
}

static int parse_term(parser *p)
{
    if (parse_unary(p)) return CF_EINVAL;
    while (p->tok.kind == TOK_STAR || p->tok.kind == TOK_SLASH) {
        expr_opcode op = p->tok.kind == TOK_STAR ? EXPR_OP_MUL : EXPR_OP_DIV;
        next(p);
        if (parse_unary(p) || emit(p, op, 0, 0)) return CF_EINVAL;
    }
    return CF_OK;
}

static int parse_expr(parser *p)
{
    if (parse_term(p)) return CF_EINVAL;
    while (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS) {
        expr_opcode op = p->tok.kind == TOK_PLUS ? EXPR_OP_ADD : EXPR_OP_SUB;
        next(p);
        if (parse_term(p) || emit(p, op, 0, 0)) return CF_EINVAL;
    }
    return CF_OK;
}

int cf_expr_compile(const char *text, cf_expr **out, cf_error *err)
{
    *out = NULL;
    if (!text) return cf_error_set(err, CF_EINVAL, "", "no expression (NULL)");
    size_t len = strnlen(text, CF_EXPR_MAX_LENGTH + 1);
    if (len > CF_EXPR_MAX_LENGTH)
        return cf_error_set(err, CF_EINVAL, "", "expression longer than %d characters", CF_EXPR_MAX_LENGTH);
    size_t cap = len + 1;
    size_t size = sizeof(cf_expr) + cap * sizeof(expr_op) + len + 1;
    cf_expr *e = malloc(size);
    if (!e) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    e->size = size;
    e->ops = (expr_op *)(e + 1);
    e->text = (char *)(e->ops + cap);
    memcpy(e->text, text, len + 1);
    parser p = {.s = e->text, .ops = e->ops, .err = err};
    p.tok = (token){.kind = TOK_END, .pos = 0, .len = 0};
    next(&p);
    int rc;
    if (p.tok.kind == TOK_END) {
        rc = cf_error_set(err, CF_EINVAL, "column 1", "empty expression");
    } else {
        rc = parse_expr(&p);
        if (!rc && p.tok.kind != TOK_END) {
            char b[48];
            if (p.tok.kind == TOK_BAD)
                rc = parse_atom(&p); /* reports the bad character or number */
            else if (p.tok.kind == TOK_RPAR)
                rc = fail_at(&p, p.tok.pos, "')' without a matching '('");
            else
                rc = fail_at(&p, p.tok.pos, "expected an operator (+ - * / **) or the end but found %s",
                             tok_text(&p, &p.tok, b, sizeof b));
        }
    }
    if (rc) {
        free(e);
        return rc;
    }
    e->n = p.n;
    e->max_stack = p.max_sp;
    e->uses_x = p.uses_x;
    *out = e;
    return CF_OK;
}
