/* fuzz_sweep.c — sweep specs (docs/sweeps.md): parse against examples/ (the
 * cell, recipe and protocol files they name are read from there), then the
 * run table a sweep runs from: dimensions, values, the CSV header. */
#include "fuzz_common.h"

#include "cellforge/cf_sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_sweep *s = NULL;
    int rc = cf_sweep_parse(text, "fuzz_sweep.json", CF_SOURCE_DIR "/examples", &s, &err);
    free(text);
    if (rc != CF_OK) {
        FUZZ_CHECK(s == NULL);
        fuzz_check_error(rc, &err);
        return 0;
    }
    size_t runs = cf_sweep_run_count(s), dims = cf_sweep_dim_count(s);
    FUZZ_CHECK(runs >= 1 && runs <= CF_SWEEP_MAX_RUNS);
    for (size_t d = 0; d < dims; d++) FUZZ_CHECK(cf_sweep_dim_name(s, d) != NULL);
    FUZZ_CHECK(cf_sweep_dim_name(s, dims) == NULL);
    /* The first and last runs' values (the table may be large). */
    for (size_t r = 0; r < runs && r < 4; r++)
        for (size_t d = 0; d < dims; d++) {
            (void)cf_sweep_value(s, r, d);
            (void)cf_sweep_value(s, runs - 1 - r, d);
        }
    for (size_t k = 0; k < cf_sweep_output_count(s); k++) FUZZ_CHECK(cf_sweep_output_name(s, k) != NULL);
    FUZZ_CHECK(strncmp(cf_sweep_csv_header(s), "run", 3) == 0);
    (void)cf_sweep_fingerprint(s);
    cf_sweep_free(s);
    return 0;
}
