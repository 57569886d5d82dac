/* fuzz_sweep.c — sweep specs (docs/sweeps.md): parse, then the run table a
 * sweep runs from: dimensions, values, the CSV header.
 *
 * Work bounds: the cell and recipe files a spec names are read from
 * tests/fuzz/data/sweep/ (a cell file and a single-material recipe from
 * examples/; a blended recipe's design costs 0.7-5 s per input, see
 * fuzz_recipe.c), and a spec asking for more than SWEEP_MAX_COUNT Latin
 * hypercube samples or range points is dropped before the reader sees it:
 * both are linear in the count (10^7 allowed) and take the same code path
 * at any count. */
#include "fuzz_common.h"

#include <jansson.h>

#include "cellforge/cf_sweep.h"

#define SWEEP_MAX_COUNT 4096

/* Whether any "samples" or "n" in the document is an integer above the bound. */
static int too_many(const json_t *v, int depth)
{
    if (depth > 64) return 0;
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, x) {
            if ((strcmp(key, "samples") == 0 || strcmp(key, "n") == 0) && json_is_integer(x) &&
                json_integer_value(x) > SWEEP_MAX_COUNT)
                return 1;
            if (too_many(x, depth + 1)) return 1;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x) if (too_many(x, depth + 1)) return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *doc = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
    int skip = doc && too_many(doc, 0);
    json_decref(doc);
    if (skip) return 0;
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_sweep *s = NULL;
    int rc = cf_sweep_parse(text, "fuzz_sweep.json", CF_FUZZ_DATA_DIR "/sweep", &s, &err);
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
