/* fuzz_dta.c — DTA/DSC curves: read (default columns or 2,3), then the peak
 * analysis as `cellforge dta` runs it. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned c = fuzz_choice(data, size, 4);
    size_t tc = (c & 1u) ? 2 : 0, sc = (c & 1u) ? 3 : 0;
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_dta_curve cv;
    int rc = cf_dta_parse(text, "fuzz.txt", tc, sc, &cv, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    cf_dta_options o;
    cf_dta_options_default(&o);
    o.exo_down = (c & 2u) ? 1 : 0;
    cf_dta_result r;
    rc = cf_dta_analyze(&cv, &o, &r, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    else FUZZ_CHECK(r.n_peaks <= CF_DTA_MAX_PEAKS && (r.n_peaks == 0 || r.main < r.n_peaks));
    cf_dta_free(&cv);
    return 0;
}
