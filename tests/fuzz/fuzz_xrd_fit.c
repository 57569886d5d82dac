/* fuzz_xrd_fit.c — the XRD fits on a read pattern: the (002) analysis (with
 * or without Kα2 stripping, Gaussian or Lorentzian broadening) and the
 * line-width standard's fit, as `cellforge xrd` runs them.
 *
 * Work bound: patterns of more than XRD_FIT_MAX_POINTS points are read and
 * dropped.  A fit's cost grows with the points in its window (each
 * Levenberg-Marquardt iteration evaluates the model and its Jacobian on
 * every point) while its code paths do not; the reader itself is fuzzed on
 * inputs of any size by fuzz_xrd. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

#define XRD_FIT_MAX_POINTS 64

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
    if (p.n > XRD_FIT_MAX_POINTS) {
        cf_xrd_pattern_free(&p);
        return 0;
    }
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    unsigned c = fuzz_choice(data, size, 4);
    o.strip_ka2 = (int)(c & 1u);
    o.broadening = (c & 2u) ? CF_XRD_BROADENING_LORENTZIAN : CF_XRD_BROADENING_GAUSSIAN;
    if (c & 2u) o.instrument_fwhm_deg = 0.05;
    cf_xrd_result r;
    rc = cf_xrd_analyze(&p, &o, &r, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    else FUZZ_CHECK(r.n_points <= p.n);
    cf_xrd_standard st;
    rc = cf_xrd_standard_fit(&p, 20.0, 40.0, o.strip_ka2, 0.5, &st, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    cf_xrd_pattern_free(&p);
    return 0;
}
