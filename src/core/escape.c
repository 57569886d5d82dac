/* escape.c — user-supplied text made safe to print on a terminal.
 *
 * A cell name, a description or a file name comes from a file someone else
 * may have written. Printed raw, an ESC (0x1b) or a C1 control (U+009B is a
 * one-character CSI) can retitle the terminal, clear the screen or recolour
 * what follows, and a bidirectional override can reorder what a reader sees.
 * Every such character is shown visibly instead: C0 controls and DEL as \xNN,
 * C1 controls and the bidi/line-separator characters as \uNNNN, and bytes that
 * are not UTF-8 as \xNN. Printable text (ASCII and valid UTF-8) passes as is,
 * and so does the backslash, so escaping twice changes nothing. */
#include "cellforge/cf_io.h"

#include <stdio.h>
#include <string.h>

#include "core/escape.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if s does not start
 * one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF,
 * truncated); *cp gets the code point. */
static int utf8_sequence(const unsigned char *s, unsigned long *cp)
{
    unsigned char c = s[0];
    int n;
    unsigned long v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) n = 2, v = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, v = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, v = c & 0x07u;
    else return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u) return 0; /* also stops at the NUL */
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    static const unsigned long least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

/* Code points a terminal or a reader would act on rather than show. */
int cf_codepoint_is_unsafe(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200E && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Writes the visible form of the character at s into piece (at most 7 bytes
 * plus NUL) and returns how many input bytes it covers. */
static size_t escape_one(const unsigned char *s, char piece[8])
{
    unsigned long cp;
    int n = utf8_sequence(s, &cp);
    if (n == 0) {
        snprintf(piece, 8, "\\x%02x", s[0]);
        return 1;
    }
    if (cf_codepoint_is_unsafe(cp)) {
        /* (all of them below U+2070: four hex digits) */
        if (cp < 0x80) snprintf(piece, 8, "\\x%02x", (unsigned)(cp & 0x7Fu));
        else snprintf(piece, 8, "\\u%04x", (unsigned)(cp & 0xFFFFu));
    } else {
        memcpy(piece, s, (size_t)n);
        piece[n] = '\0';
    }
    return (size_t)n;
}

size_t cf_text_escape(char *out, size_t cap, const char *in)
{
    size_t need = 0, used = 0;
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    int full = 0;
    while (*s) {
        char piece[8];
        s += escape_one(s, piece);
        size_t k = strlen(piece);
        need += k;
        /* Whole pieces only: a cut escape or UTF-8 sequence would be garbage. */
        if (!full && out && used + k < cap) {
            memcpy(out + used, piece, k);
            used += k;
        } else {
            full = 1;
        }
    }
    if (out && cap) out[used] = '\0';
    return need;
}

int cf_text_is_safe(const char *in)
{
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    while (*s) {
        unsigned long cp;
        int n = utf8_sequence(s, &cp);
        if (n == 0 || cf_codepoint_is_unsafe(cp)) return 0;
        s += n;
    }
    return 1;
}

int cf_fputs_escaped(const char *in, FILE *fp)
{
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    while (*s) {
        char piece[8];
        s += escape_one(s, piece);
        if (fputs(piece, fp) == EOF) return EOF;
    }
    return 0;
}
