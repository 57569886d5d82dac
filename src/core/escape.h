/* escape.h — the one set of characters that user text may not carry raw
 * (escape.c): the terminal escapes and the JSON writer (src/io/json_out.c)
 * both ask it. */
#ifndef CF_CORE_ESCAPE_H
#define CF_CORE_ESCAPE_H

/* C0 controls, DEL, C1 controls (U+0080-U+009F), the directional marks
 * U+200E/U+200F, the line/paragraph separators and bidi embeddings and
 * overrides (U+2028-U+202E) and the bidi isolates (U+2066-U+2069). */
int cf_codepoint_is_unsafe(unsigned long cp);

#endif
