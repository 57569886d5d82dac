/* lexer.c — tokens of one protocol statement.
 *
 * Numbers are scanned by hand rather than with strtod alone so that "1C",
 * "4.2V" and "2e" split the way a reader expects (strtod would also accept
 * "inf", "nan" and hex floats, which are not numbers in this language). */
#include "protocol/protocol_internal.h"
#include "core/edit_distance.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cf_lex_init(cf_lexer *lx, const char *s, size_t n)
{
    lx->s = s;
    lx->n = n;
    lx->pos = 0;
}

static int is_digit_at(const cf_lexer *lx, size_t i)
{
    return i < lx->n && isdigit((unsigned char)lx->s[i]);
}

/* Length of a number starting at i, or 0 if none starts there. */
static size_t scan_number(const cf_lexer *lx, size_t i)
{
    size_t j = i, digits = 0;
    if (j < lx->n && (lx->s[j] == '+' || lx->s[j] == '-')) j++;
    while (is_digit_at(lx, j)) j++, digits++;
    if (j < lx->n && lx->s[j] == '.') {
        size_t k = j + 1;
        size_t frac = 0;
        while (is_digit_at(lx, k)) k++, frac++;
        if (digits + frac > 0) {
            j = k;
            digits += frac;
        }
    }
    if (digits == 0) return 0;
    /* An exponent only when digits follow: "2e" stays "2" then "e". */
    if (j < lx->n && (lx->s[j] == 'e' || lx->s[j] == 'E')) {
        size_t k = j + 1;
        if (k < lx->n && (lx->s[k] == '+' || lx->s[k] == '-')) k++;
        if (is_digit_at(lx, k)) {
            while (is_digit_at(lx, k)) k++;
            j = k;
        }
    }
    return j - i;
}

static double number_value(const char *s, size_t len)
{
    char buf[128];
    if (len >= sizeof buf) return HUGE_VAL; /* absurdly long: reported as not finite */
    memcpy(buf, s, len);
    buf[len] = '\0';
    return strtod(buf, NULL);
}

cf_tok cf_lex_next(cf_lexer *lx)
{
    while (lx->pos < lx->n && isspace((unsigned char)lx->s[lx->pos])) lx->pos++;
    cf_tok t = {CF_TOK_END, lx->pos, 0, 0.0};
    if (lx->pos >= lx->n) return t;
    const char *s = lx->s;
    size_t i = lx->pos;
    unsigned char c = (unsigned char)s[i];
    size_t nlen = scan_number(lx, i);
    if (nlen > 0) {
        t.kind = CF_TOK_NUMBER;
        t.len = nlen;
        t.num = number_value(s + i, nlen);
    } else if (isalpha(c)) {
        size_t j = i;
        while (j < lx->n && isalpha((unsigned char)s[j])) j++;
        t.kind = CF_TOK_WORD;
        t.len = j - i;
    } else if (c == '"') {
        const char *q = memchr(s + i + 1, '"', lx->n - i - 1);
        if (!q) {
            t.kind = CF_TOK_BAD_STRING;
            t.len = lx->n - i;
        } else {
            t.kind = CF_TOK_STRING;
            t.pos = i + 1;
            t.len = (size_t)(q - (s + i + 1));
            lx->pos = (size_t)(q - s) + 1;
            return t;
        }
    } else {
        t.len = 1;
        switch (c) {
        case '/': t.kind = CF_TOK_SLASH; break;
        case '<': t.kind = CF_TOK_LT; break;
        case '>': t.kind = CF_TOK_GT; break;
        case '%': t.kind = CF_TOK_PERCENT; break;
        case '(': t.kind = CF_TOK_LPAREN; break;
        case ')': t.kind = CF_TOK_RPAREN; break;
        case '.': t.kind = CF_TOK_DOT; break;
        default:
            t.kind = CF_TOK_OTHER;
            /* Keep a UTF-8 character whole so a message shows all its bytes. */
            if (c >= 0xC0)
                while (i + t.len < lx->n && ((unsigned char)s[i + t.len] & 0xC0) == 0x80 && t.len < 4) t.len++;
            break;
        }
    }
    lx->pos = i + t.len;
    return t;
}

cf_tok cf_lex_peek(const cf_lexer *lx)
{
    cf_lexer copy = *lx;
    return cf_lex_next(&copy);
}

int cf_tok_is(const cf_lexer *lx, const cf_tok *t, const char *word)
{
    if (t->kind != CF_TOK_WORD) return 0;
    size_t n = strlen(word);
    if (n != t->len) return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)lx->s[t->pos + i]) != tolower((unsigned char)word[i])) return 0;
    return 1;
}

void cf_tok_describe(const cf_lexer *lx, const cf_tok *t, char *buf, size_t size)
{
    if (t->kind == CF_TOK_END) {
        snprintf(buf, size, "end of step");
        return;
    }
    /* Quote the token; show control or non-ASCII bytes as \xNN so messages
     * stay printable whatever the input. */
    size_t o = 0;
    size_t pos = t->kind == CF_TOK_STRING ? t->pos - 1 : t->pos;
    size_t len = t->kind == CF_TOK_STRING ? t->len + 2 : t->len;
    if (len > 40) len = 40;
    if (size < 8) {
        if (size) buf[0] = '\0';
        return;
    }
    buf[o++] = '\'';
    for (size_t i = 0; i < len && pos + i < lx->n && o + 6 < size; i++) {
        unsigned char c = (unsigned char)lx->s[pos + i];
        if (c >= 0x20 && c < 0x7f)
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, size - o, "\\x%02X", c);
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

const char *cf_suggest(const char *word, size_t len, const char *const *cands)
{
    /* Edit distance on short words only: enough for typos like "untill". */
    enum { MAXW = 24 };
    if (len == 0 || len > MAXW) return NULL;
    const char *best = NULL;
    size_t best_d = 3;
    for (; *cands; cands++) {
        const char *c = *cands;
        size_t m = strlen(c);
        if (m > MAXW) continue;
        size_t d = cf_edit_distance(word, len, c, m, 1);
        if (d < best_d && d < len && d < m) {
            best_d = d;
            best = c;
        }
    }
    return best;
}
