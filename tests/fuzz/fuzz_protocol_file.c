/* fuzz_protocol_file.c — protocol files (repeat blocks, terminate lines,
 * `Run` steps naming drive cycles beside the file): the text a protocol file
 * holds goes through the parser cf_protocol_load_file uses, with the drive
 * cycles of tests/fuzz/data as the file's directory. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "fuzz_protocol_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size)) return 0; /* refused before parsing (not a text file) */
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    int rc = cf_protocol_parse_ex(text, "fuzz.protocol", CF_FUZZ_DATA_DIR "/", &p, &err);
    free(text);
    fuzz_check_protocol(rc, p, &err, CF_FUZZ_DATA_DIR "/");
    return 0;
}
