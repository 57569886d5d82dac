/* cf_io.h — how cellforge reads input files and writes output files.
 *
 * Output (cf_outfile): what happens depends on what the path is.
 *   - a regular file or a new path: written to a temporary file beside it and
 *     renamed into place on commit, so a failure half-way never leaves a
 *     partial file and the old content survives until the new is complete;
 *   - a symbolic link (or a chain of them): the same, done to the file the
 *     link finally names, beside it, so the link stays a link; a dangling
 *     link creates its target;
 *   - a FIFO, a character device (/dev/null, a terminal) or "-" (standard
 *     output): written directly as a stream — no temporary file, the node is
 *     never replaced;
 *   - a directory, a socket, a block device: refused, naming the path and
 *     what it is.
 *
 * Input (cf_read_file): only regular files (and "-" for standard input where
 * the caller allows it), never more than a size cap that depends on the kind
 * of file; see cf_input_kind. Nothing is read without a bound. */
#ifndef CELLFORGE_CF_IO_H
#define CELLFORGE_CF_IO_H

#include <stddef.h>
#include <stdio.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cf_outfile cf_outfile;

/* Opens `path` for output under the rules above ("-" is standard output). */
int cf_outfile_open(const char *path, cf_outfile **out, cf_error *err);
FILE *cf_outfile_stream(cf_outfile *f);
/* Flushes and checks for write errors; a file is renamed into place, a
 * stream closed (standard output is only flushed). Frees f. */
int cf_outfile_commit(cf_outfile *f, cf_error *err);
/* Removes the temporary file (a stream is just closed) and frees f (NULL is
 * harmless). */
void cf_outfile_abort(cf_outfile *f);

/* Outputs that appear together or not at all: opens every non-NULL
 * paths[i] into files[i] (NULL otherwise); on failure none stays open. */
int cf_outfile_open_all(const char *const *paths, size_t n, cf_outfile **files, cf_error *err);
/* Flushes all and checks each for write errors before any is renamed into
 * place; on a write error all are abandoned (a stream has of course already
 * been written). Frees all. */
int cf_outfile_commit_all(cf_outfile **files, size_t n, cf_error *err);
void cf_outfile_abort_all(cf_outfile **files, size_t n);

/* Checks that `path` can be opened for output under the rules above without
 * writing anything (a FIFO is not opened: its reader would see an end). */
int cf_outfile_check(const char *path, cf_error *err);

/* Kinds of input file, each with its own size cap. The cap is in MiB and an
 * environment variable raises (or lowers) it for users with larger files. */
typedef enum {
    CF_INPUT_JSON = 0, /* cell, recipe, BPX, run record, sweep spec:   16 MiB, CELLFORGE_MAX_JSON_MB     */
    CF_INPUT_PROTOCOL, /* protocol files:                                4 MiB, CELLFORGE_MAX_PROTOCOL_MB */
    CF_INPUT_DATA,     /* instrument files, drive cycles, checkpoints: 256 MiB, CELLFORGE_MAX_DATA_MB     */
    CF_INPUT_KINDS
} cf_input_kind;

/* Or-ed into the kind: "-" means standard input (read to EOF, same cap). */
#define CF_INPUT_STDIN 0x100

/* The cap in bytes for a kind (the environment variable applied); 0 with err
 * set if the variable is not a whole number of MiB in [1, 1048576]. */
size_t cf_input_limit(cf_input_kind kind, cf_error *err);
/* The environment variable that sets a kind's cap. */
const char *cf_input_limit_variable(cf_input_kind kind);

/* Reads a whole input file into a NUL-terminated buffer (free() it). `kind`
 * is a cf_input_kind, optionally | CF_INPUT_STDIN. Refuses directories,
 * devices, FIFOs and sockets (a FIFO is never waited on) and files over the
 * kind's cap, each with a message naming the path. */
int cf_read_file(const char *path, int kind, char **text, size_t *len, cf_error *err);

/* Checks that `path` names a regular file (following links) without reading
 * it; the message says what it is instead. For readers that open the file
 * themselves. */
int cf_input_check_regular(const char *path, cf_error *err);

/* Writes `in` to fp with control characters escaped as cf_text_escape does
 * (for user text: names, descriptions, file names). EOF on a write error. */
int cf_fputs_escaped(const char *in, FILE *fp);

#ifdef __cplusplus
}
#endif
#endif
