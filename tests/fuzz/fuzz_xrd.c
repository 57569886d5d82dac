/* fuzz_xrd.c — XRD patterns (two columns, 2θ and intensity): the reader, the
 * pattern it returns, and Kα2 stripping (linear in the points).  The peak
 * fits are fuzz_xrd_fit (a least-squares fit per input is ~100x the cost of
 * reading it). */
#include "fuzz_common.h"

#include <math.h>

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
    for (size_t i = 0; i < p.n; i++) {
        FUZZ_CHECK(isfinite(p.two_theta_deg[i]) && isfinite(p.intensity[i]) && p.intensity[i] >= 0);
        if (i) FUZZ_CHECK(p.two_theta_deg[i] > p.two_theta_deg[i - 1]);
    }
    if (fuzz_choice(data, size, 2)) {
        rc = cf_xrd_strip_ka2(&p, 0.5, &err);
        if (rc != CF_OK) fuzz_check_error(rc, &err);
        else
            for (size_t i = 0; i < p.n; i++) FUZZ_CHECK(isfinite(p.intensity[i]));
    }
    cf_xrd_pattern_free(&p);
    return 0;
}
