/* fuzz_protocol.c — protocol strings as given to `--protocol "..."`
 * (steps separated by ';'): parse, then the checks of fuzz_protocol_check.h. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "fuzz_protocol_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse(text, &p, &err);
    free(text);
    fuzz_check_protocol(rc, p, &err, NULL);
    return 0;
}
