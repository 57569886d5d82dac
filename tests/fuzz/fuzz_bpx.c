/* fuzz_bpx.c — BPX documents (v0.x converted, v1.x): parse with the header,
 * state and validation data, turn each validation experiment into a drive
 * cycle as `cellforge bpx validate` does, evaluate the cell's functions. */
#include "fuzz_common.h"

#include "cellforge/cf_bpx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_error err;
    cf_error_clear(&err);
    cf_cell *cell = NULL;
    cf_bpx_info info;
    int rc = cf_bpx_parse((const char *)data, size, "fuzz.bpx.json", &cell, &info, &err);
    if (rc != CF_OK) {
        FUZZ_CHECK(cell == NULL && info.n_experiments == 0 && info.experiments == NULL);
        fuzz_check_error(rc, &err);
        return 0;
    }
    FUZZ_CHECK(cf_cell_validate(cell, &err) == CF_OK);
    FUZZ_CHECK(info.notes.n >= 0 && info.notes.n <= CF_BPX_MAX_NOTES);
    for (int e = 0; e < 2; e++) {
        const cf_electrode *el = e ? &cell->pos : &cell->neg;
        for (int k = 0; k < el->n_phases; k++) {
            double d;
            (void)cf_fn_eval(&el->phase[k].ocp, 0.5, cell->T_K, &d);
        }
    }
    double d;
    (void)cf_fn_eval(&cell->electrolyte.conductivity, 1000.0, cell->T_K, &d);
    (void)cf_fn_eval(&cell->electrolyte.diffusivity, 1000.0, cell->T_K, &d);
    for (size_t i = 0; i < info.n_experiments; i++) {
        cf_drive_cycle *dc = NULL;
        rc = cf_bpx_validation_drive(&info.experiments[i], &dc, &err);
        if (rc != CF_OK) {
            FUZZ_CHECK(dc == NULL);
            fuzz_check_error(rc, &err);
            continue;
        }
        FUZZ_CHECK(cf_drive_cycle_size(dc) >= 2);
        cf_drive_cycle_free(dc);
    }
    cf_bpx_info_clear(&info);
    cf_cell_free(cell);
    return 0;
}
