/* fuzz_drive_cycle.c — drive-cycle CSV files (time and current or power):
 * parse, interpolate, find knots, and make a protocol of it. */
#include "fuzz_common.h"

#include <math.h>

#include "cellforge/cf_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size)) return 0; /* refused before parsing (not a text file) */
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_drive_cycle *dc = NULL;
    int rc = cf_drive_cycle_parse(text, "fuzz_drive.csv", &dc, &err);
    free(text);
    if (rc != CF_OK) {
        FUZZ_CHECK(dc == NULL);
        fuzz_check_error(rc, &err);
        return 0;
    }
    size_t n = cf_drive_cycle_size(dc);
    FUZZ_CHECK(n >= 2);
    const double *t = cf_drive_cycle_times(dc), *v = cf_drive_cycle_values(dc);
    FUZZ_CHECK(t[0] == 0.0);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(isfinite(t[i]) && isfinite(v[i]));
        if (i) FUZZ_CHECK(t[i] > t[i - 1]);
    }
    double dur = cf_drive_cycle_duration(dc);
    FUZZ_CHECK(dur > 0.0 && isfinite(dur));
    const double probe[] = {-1.0, 0.0, 0.5 * dur, dur, 1.5 * dur, 3.0 * dur + 0.1};
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        FUZZ_CHECK(isfinite(cf_drive_cycle_eval(dc, probe[i])));
        double k = cf_drive_cycle_next_knot(dc, probe[i]);
        FUZZ_CHECK(k > probe[i] || !isfinite(k));
    }
    cf_protocol *p = NULL;
    rc = cf_protocol_from_drive_cycle(dc, &p, &err); /* takes dc */
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    FUZZ_CHECK(cf_protocol_step_count(p) == 1);
    cf_protocol_free(p);
    return 0;
}
