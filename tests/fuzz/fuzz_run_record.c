/* fuzz_run_record.c — process records (the --record JSON `claims --run`
 * reads): parse, then check every claim of a fixed recipe with it, as
 * `cellforge claims RECIPE --run RECORD` does. */
#include "fuzz_common.h"

#include "cellforge/cf_design.h"

static cf_recipe *recipe;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    cf_error err;
    /* A recipe with a lithium reservoir: its process claims read the record. */
    if (cf_recipe_load(CF_SOURCE_DIR "/examples/recipe_li_reservoir.json", &recipe, &err) != CF_OK) {
        fprintf(stderr, "fuzz_run_record: %s: %s\n", err.where, err.message);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_run_record run;
    int rc = cf_run_record_parse(text, "fuzz_record.json", &run, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    static cf_claims_report rep;
    rc = cf_claims_check(recipe, &run, &rep, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    else FUZZ_CHECK(rep.n > 0 && rep.n <= CF_CLAIMS_MAX);
    return 0;
}
