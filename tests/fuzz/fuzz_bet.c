/* fuzz_bet.c — N2 isotherms: read, then the BET analysis (automatic
 * Rouquerol range or a fixed one) as `cellforge bet` runs it. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_bet_isotherm iso;
    int rc = cf_bet_parse(text, "fuzz.txt", &iso, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    cf_bet_options o;
    cf_bet_options_default(&o);
    if (fuzz_choice(data, size, 2)) {
        o.p_min = 0.05;
        o.p_max = 0.3;
    }
    cf_bet_result r;
    rc = cf_bet_analyze(&iso, &o, &r, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    cf_bet_free(&iso);
    return 0;
}
