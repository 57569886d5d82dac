/* fuzz_common.h — what every libFuzzer harness in tests/fuzz/ shares.
 *
 * A harness feeds the bytes libFuzzer gives it through one reader's in-memory
 * entry point (the same code path the file reader takes after reading the
 * file), runs what the CLI would run on the result, checks the outcome is
 * either a usable result or a clean error, and frees everything, so that
 * AddressSanitizer, UBSan and LeakSanitizer see every path. */
#ifndef CF_FUZZ_COMMON_H
#define CF_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A failed check is a crash for libFuzzer: it saves the input. */
#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* The input as a NUL-terminated string (the text readers take C strings;
 * an embedded NUL simply ends the text, as it would for a caller). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    FUZZ_CHECK(s != NULL);
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A failure must say what went wrong, with a known status. */
static inline void fuzz_check_error(int rc, const cf_error *err)
{
    FUZZ_CHECK(rc > CF_OK && rc <= CF_EUNSUPPORTED);
    FUZZ_CHECK(err->code == rc);
    FUZZ_CHECK(err->message[0] != '\0');
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL);
    FUZZ_CHECK(memchr(err->where, '\0', sizeof err->where) != NULL);
}

/* A small choice (0..n-1) among a reader's options, from the input's last
 * byte (kept in the text: for seed files it is usually the final newline). */
static inline unsigned fuzz_choice(const uint8_t *data, size_t size, unsigned n)
{
    return size ? data[size - 1] % n : 0;
}

#endif
