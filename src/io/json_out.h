/* json_out.h — the one JSON writer of every JSON the library and the CLI
 * write (json_out.c). */
#ifndef CF_IO_JSON_OUT_H
#define CF_IO_JSON_OUT_H

#include <jansson.h>
#include <stdio.h>

/* json_dumpf / json_dumps (same flags and results), with the characters a
 * terminal or a reader acts on rather than shows written as \uXXXX escapes
 * inside strings: jansson escapes only C0 controls, so C1 controls
 * (U+0080-U+009F, U+009B is a one-character CSI) and the bidi controls
 * would otherwise reach whoever cats or views the file (the set is
 * cf_codepoint_is_unsafe's, core/escape.h).  The escaped text reads back
 * as the same strings. */
int cf_json_dumpf(const json_t *json, FILE *f, size_t flags);
char *cf_json_dumps(const json_t *json, size_t flags); /* free() it; NULL on failure */

#endif
