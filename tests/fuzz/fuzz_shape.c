/* fuzz_shape.c — particle-shape tables (area and perimeter, or two axes):
 * read, then every shape definition the input kind allows. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_shape_input kind = fuzz_choice(data, size, 2) ? CF_SHAPE_AXES : CF_SHAPE_AREA_PERIMETER;
    char *text = fuzz_text(data, size);
    cf_error err;
    cf_error_clear(&err);
    cf_shape_data d;
    int rc = cf_shape_parse(text, "fuzz.txt", kind, &d, &err);
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    static const cf_shape_definition DEFS[] = {CF_SHAPE_DEF_DEFAULT, CF_SHAPE_DEF_CIRCULARITY,
                                               CF_SHAPE_DEF_WADELL, CF_SHAPE_DEF_ASPECT};
    for (size_t i = 0; i < sizeof DEFS / sizeof DEFS[0]; i++) {
        cf_shape_result r;
        rc = cf_shape_analyze(&d, DEFS[i], 0.8, &r, &err);
        if (rc != CF_OK) {
            fuzz_check_error(rc, &err);
            continue;
        }
        size_t total = 0;
        for (size_t b = 0; b < CF_SHAPE_HIST_BINS; b++) total += r.hist[b];
        FUZZ_CHECK(total == r.n && r.n == d.n);
    }
    cf_shape_free(&d);
    return 0;
}
