/* fuzz_fit_data.c — measured data for fits: every format (auto and each
 * named one) and current sign, as `cellforge fit --data` reads them. */
#include "fuzz_common.h"

#include "cellforge/cf_fit.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned c = fuzz_choice(data, size, 18);
    cf_fit_format fmt = (cf_fit_format)(c % 6);
    cf_current_sign sign = (cf_current_sign)(c / 6);
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_fit_data *d = NULL;
    int rc = cf_fit_data_parse(text, strlen(text), "fuzz.csv", fmt, sign, &d, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(d == NULL);
        return 0;
    }
    FUZZ_CHECK(d && d->n >= 3 && d->format != CF_FIT_FORMAT_AUTO);
    for (size_t i = 0; i < d->n; i++) {
        FUZZ_CHECK(isfinite(d->t_s[i]) && isfinite(d->current_A[i]) && isfinite(d->voltage_V[i]));
        if (i) FUZZ_CHECK(d->t_s[i] > d->t_s[i - 1]);
    }
    cf_fit_data_free(d);
    return 0;
}
