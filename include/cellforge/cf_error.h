/* cf_error.h — how every cellforge call reports failure.
 *
 * A function that can fail returns a cf_status (0 = ok) and, when given a
 * non-NULL cf_error, fills it with a message a user can act on: what went
 * wrong, where (file:line:column, JSON key, protocol step) and the allowed
 * range.  Messages never contain NaN placeholders or pointers. */
#ifndef CELLFORGE_CF_ERROR_H
#define CELLFORGE_CF_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CF_OK = 0,
    CF_EINVAL = 1,   /* bad input: value out of range, unknown name, malformed text */
    CF_EIO = 2,      /* file could not be read or written                          */
    CF_ESOLVER = 3,  /* the numerical solver failed                                */
    CF_ENOMEM = 4,   /* allocation failed                                          */
    CF_ELIMIT = 5,   /* the cell cannot do what was asked (e.g. rate too high)     */
    CF_EUNSUPPORTED = 6 /* feature not built in (e.g. MPI)                         */
} cf_status;

typedef struct {
    int code;           /* a cf_status                                       */
    char where[192];    /* file:line:col, key path or step; may be empty     */
    char message[512];  /* what is wrong and the allowed range               */
} cf_error;

/* Clears err (NULL is harmless). */
void cf_error_clear(cf_error *err);

/* Sets err (NULL is harmless) and returns code, so callers can write
 * `return cf_error_set(err, CF_EINVAL, "cell.json:12", "...", ...);` */
int cf_error_set(cf_error *err, int code, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Prefixes the existing `where` with `outer` ("outer: inner"), for errors
 * that pass through several layers (file -> key -> value). */
void cf_error_prefix_where(cf_error *err, const char *outer);

/* Copies `in` (NULL reads as "") into out[cap] with every character a
 * terminal would act on shown visibly: C0 controls and DEL as \xNN, C1
 * controls and bidirectional overrides as \uNNNN, bytes that are not UTF-8 as
 * \xNN. Cuts only between whole characters and always NUL-terminates (cap >
 * 0). Returns the length the escaped text needs (without the NUL).
 * cf_error_set applies it to every message, so user text in errors is safe. */
size_t cf_text_escape(char *out, size_t cap, const char *in);

/* True when `in` has nothing cf_text_escape would change. */
int cf_text_is_safe(const char *in);

/* A short name for a status code ("invalid input", "solver failure", ...). */
const char *cf_status_name(int code);

#ifdef __cplusplus
}
#endif
#endif
