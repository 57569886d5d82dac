/* fuzz_cell_json.c — cell files (docs/cell-format.md; BPX documents take
 * the same route): parse, then what every `--cell FILE` user does with the
 * cell — copy it and evaluate its material functions. */
#include "fuzz_common.h"

#include <math.h>

#include "cellforge/cf_cell.h"

static void eval_fn(const cf_fn *f, double x, double T)
{
    double d = 0.0;
    (void)cf_fn_eval(f, x, T, &d);
}

static void exercise(const cf_cell *c)
{
    static const double X[] = {0.0, 0.01, 0.5, 0.99, 1.0};
    const cf_electrode *el[2] = {&c->neg, &c->pos};
    for (int e = 0; e < 2; e++)
        for (int k = 0; k < el[e]->n_phases && k < CF_MAX_PHASES; k++)
            for (size_t i = 0; i < sizeof X / sizeof X[0]; i++) eval_fn(&el[e]->phase[k].ocp, X[i], c->T_K);
    static const double CE[] = {0.0, 500.0, 1000.0, 4000.0};
    for (size_t i = 0; i < sizeof CE / sizeof CE[0]; i++) {
        eval_fn(&c->electrolyte.diffusivity, CE[i], c->T_K);
        eval_fn(&c->electrolyte.conductivity, CE[i], c->T_K);
    }
    (void)cf_cell_start_soc(c, 1.0);
    (void)cf_cell_start_soc(c, -1.0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_error err;
    cf_error_clear(&err);
    cf_cell *cell = NULL;
    int rc = cf_cell_parse((const char *)data, size, "fuzz_cell.json", &cell, &err);
    if (rc != CF_OK) {
        FUZZ_CHECK(cell == NULL);
        fuzz_check_error(rc, &err);
        return 0;
    }
    FUZZ_CHECK(cell != NULL);
    /* What a reader returns has passed validation. */
    FUZZ_CHECK(cf_cell_validate(cell, &err) == CF_OK);
    exercise(cell);
    cf_cell *copy = NULL;
    rc = cf_cell_copy(cell, &copy, &err);
    FUZZ_CHECK(rc == CF_OK && copy != NULL);
    exercise(copy);
    cf_cell_free(copy);
    cf_cell_free(cell);
    return 0;
}
