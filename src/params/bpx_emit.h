/* bpx_emit.h — JSON output with shortest exact numbers (bpx_emit.c). */
#ifndef CF_BPX_EMIT_H
#define CF_BPX_EMIT_H

#include <jansson.h>
#include <stdio.h>

/* The shortest "%.Ng" text of v that strtod reads back as v (a real keeps a
 * '.' or an exponent). */
void cf_bpx_format_double(double v, char *buf, size_t n);
/* Writes root as indented JSON; errors show up in ferror(f). */
void cf_bpx_emit(FILE *f, const json_t *root);

#endif
