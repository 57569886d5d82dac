/* json_out.c — JSON text out through jansson, with unsafe characters escaped.
 *
 * jansson writes a string's characters raw except '"', '\\' and C0
 * controls.  Every other byte it writes outside a string is ASCII, so a
 * non-ASCII character in its output is inside a string, where \uXXXX is the
 * same character to a JSON reader.  The filter below sits between jansson
 * and the sink and replaces the unsafe ones (all in the Basic Multilingual
 * Plane, so one \uXXXX each).  jansson hands over whole characters, but a
 * sequence cut between two calls is completed from the next one anyway. */
#include "io/json_out.h"

#include <stdlib.h>
#include <string.h>

#include "core/escape.h"

typedef struct {
    FILE *f;              /* the stream, or NULL: to memory          */
    char *mem;            /* memory sink (NUL-terminated when done)  */
    size_t len, cap;
    unsigned char seq[4]; /* a UTF-8 sequence waiting for its tail   */
    size_t have, need;
} sink;

static int emit(sink *s, const void *p, size_t n)
{
    if (!n) return 0;
    if (s->f) return fwrite(p, 1, n, s->f) == n ? 0 : -1;
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (s->len + n + 1 > cap) cap *= 2;
        char *m = realloc(s->mem, cap);
        if (!m) return -1;
        s->mem = m;
        s->cap = cap;
    }
    memcpy(s->mem + s->len, p, n);
    s->len += n;
    s->mem[s->len] = '\0';
    return 0;
}

/* A complete multi-byte sequence: as is, or escaped when unsafe. */
static int emit_seq(sink *s, const unsigned char *q, size_t n)
{
    unsigned long cp = q[0] & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (size_t i = 1; i < n; i++) cp = (cp << 6) | (q[i] & 0x3Fu);
    if (cp <= 0xFFFF && cf_codepoint_is_unsafe(cp)) {
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04X", (unsigned)(cp & 0xFFFFu)); /* as jansson writes C0 */
        return emit(s, esc, 6);
    }
    return emit(s, q, n);
}

static int filter(const char *buf, size_t size, void *data)
{
    sink *s = data;
    const unsigned char *b = (const unsigned char *)buf;
    size_t run = 0; /* start of the pending run of bytes passed as they are */
    for (size_t i = 0; i < size; i++) {
        unsigned char c = b[i];
        if (s->have) { /* completing a sequence begun in an earlier call */
            s->seq[s->have++] = c;
            if (s->have == s->need) {
                if (emit_seq(s, s->seq, s->need)) return -1;
                s->have = 0;
            }
            run = i + 1;
            continue;
        }
        size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (n == 1) continue; /* ASCII (jansson writes valid UTF-8 only) */
        if (emit(s, b + run, i - run)) return -1;
        if (i + n <= size) {
            if (emit_seq(s, b + i, n)) return -1;
            i += n - 1;
        } else { /* the rest comes in the next call */
            memcpy(s->seq, b + i, size - i);
            s->have = size - i;
            s->need = n;
            i = size - 1;
        }
        run = i + 1;
    }
    return run < size ? emit(s, b + run, size - run) : 0;
}

int cf_json_dumpf(const json_t *json, FILE *f, size_t flags)
{
    sink s = {.f = f};
    int rc = json_dump_callback(json, filter, &s, flags);
    if (!rc && s.have) rc = emit(&s, s.seq, s.have); /* cannot happen: jansson ends whole sequences */
    return rc ? -1 : 0;
}

char *cf_json_dumps(const json_t *json, size_t flags)
{
    sink s = {0};
    int rc = json_dump_callback(json, filter, &s, flags);
    if (!rc && s.have) rc = emit(&s, s.seq, s.have);
    if (!rc && !s.mem) rc = (s.mem = calloc(1, 1)) == NULL;
    if (rc) {
        free(s.mem);
        return NULL;
    }
    return s.mem;
}
