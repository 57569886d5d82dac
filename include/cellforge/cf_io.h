/* cf_io.h — output files that are either complete or absent.
 *
 * A cf_outfile writes to a temporary file beside the target and renames it
 * into place on commit, so a failure half-way never leaves a partial file. */
#ifndef CELLFORGE_CF_IO_H
#define CELLFORGE_CF_IO_H

#include <stdio.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cf_outfile cf_outfile;

/* Opens a temporary file for `path`. "-" means stdout (commit just flushes). */
int cf_outfile_open(const char *path, cf_outfile **out, cf_error *err);
FILE *cf_outfile_stream(cf_outfile *f);
/* Flushes, checks for write errors, renames into place, frees f. */
int cf_outfile_commit(cf_outfile *f, cf_error *err);
/* Removes the temporary file and frees f (NULL is harmless). */
void cf_outfile_abort(cf_outfile *f);

/* Reads a whole file into a NUL-terminated buffer (free() it). */
int cf_read_file(const char *path, char **text, size_t *len, cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
