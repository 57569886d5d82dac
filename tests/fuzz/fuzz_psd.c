/* fuzz_psd.c — particle-size distributions (class tables or particle lists):
 * read with each basis and size convention, convert, analyse as `cellforge
 * psd` does. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cf_psd_size_is SIZE_IS[] = {CF_PSD_SIZE_CENTER, CF_PSD_SIZE_UPPER, CF_PSD_SIZE_LOWER};
    unsigned c = fuzz_choice(data, size, 6);
    cf_psd_basis basis = (c & 1u) ? CF_PSD_NUMBER : CF_PSD_VOLUME;
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_psd_dist d;
    int rc = cf_psd_parse(text, "fuzz.csv", basis, SIZE_IS[c / 2u], &d, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    FUZZ_CHECK(d.n > 0);
    double *nf = calloc(d.n, sizeof *nf), *vf = calloc(d.n, sizeof *vf);
    FUZZ_CHECK(nf && vf);
    rc = cf_psd_convert(&d, nf, vf, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    free(nf);
    free(vf);
    cf_psd_options o;
    cf_psd_options_default(&o);
    o.bootstrap = 20; /* the resampling is the same loop at 20 as at 200 */
    if (c & 1u) o.bet_m2_g = 5.0;
    cf_psd_result r;
    rc = cf_psd_analyze(&d, &o, &r, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    cf_psd_free(&d);
    return 0;
}
