/* fuzz_xrd.c — XRD patterns (two columns, 2θ and intensity): read, then the
 * (002) analysis, Kα2 stripping and the standard fit as `cellforge xrd` runs
 * them. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_xrd_pattern p;
    int rc = cf_xrd_pattern_parse(text, "fuzz.xy", &p, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    FUZZ_CHECK(p.n > 0);
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    unsigned c = fuzz_choice(data, size, 4);
    o.strip_ka2 = (int)(c & 1u);
    o.broadening = (c & 2u) ? CF_XRD_BROADENING_LORENTZIAN : CF_XRD_BROADENING_GAUSSIAN;
    if (c & 2u) o.instrument_fwhm_deg = 0.05;
    cf_xrd_result r;
    rc = cf_xrd_analyze(&p, &o, &r, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    if (c == 0) { /* the standard fit on a quarter of the inputs: it costs as much as the analysis */
        cf_xrd_standard st;
        rc = cf_xrd_standard_fit(&p, 20.0, 40.0, o.strip_ka2, 0.5, &st, &err);
        if (rc != CF_OK) fuzz_check_error(rc, &err);
    }
    cf_xrd_pattern_free(&p);
    return 0;
}
