/* getting_started.c — cellforge from C: load the built-in chen2020 cell,
 * discharge it at 1C with the DFN model and print what it delivered.
 *
 * Build against an installed cellforge (see Makefile, CMakeLists.txt and
 * docs/c-api.md):
 *   cc getting_started.c $(pkg-config --cflags --libs cellforge) -o getting_started
 *
 * Every call that can fail returns a cf_status (0 = ok) and fills a cf_error
 * with what went wrong and where. */
#include <stdio.h>
#include <cellforge/cellforge.h>

int main(void)
{
    cf_error err;
    cf_cell *cell = NULL;
    cf_plan *plan = NULL;
    cf_solution *sol = NULL;
    int status = 1;

    /* A cell: built-in by name, or a JSON file (cf_cell_load). */
    if (cf_cell_builtin("chen2020", &cell, &err) != CF_OK)
        goto fail;

    /* A plan: the discretised model of that cell, built once, run many times. */
    cf_model_options opt;
    cf_model_options_default(&opt); /* spectral particles, their default mesh, rtol = atol = 1e-6 */
    opt.kind = CF_MODEL_DFN;
    if (cf_plan_new(cell, &opt, &plan, &err) != CF_OK)
        goto fail;

    /* Constant current at 1C from the initial state to the cut-off voltage. */
    if (cf_simulate_crate(plan, 1.0, &sol, &err) != CF_OK)
        goto fail;

    size_t last = sol->n - 1;
    printf("cellforge %s: cell %s, model %s, 1C discharge\n", cf_version(), cell->name,
           cf_model_kind_name(opt.kind));
    printf("capacity_Ah %.6f\n", sol->capacity_Ah[last]);
    printf("energy_Wh %.6f\n", sol->energy_Wh[last]);
    printf("duration_s %.1f\n", sol->t[last]);
    printf("final_voltage_V %.4f\n", sol->voltage[last]);
    status = 0;
    goto done;

fail:
    fprintf(stderr, "getting_started: %s%s%s (%s)\n", err.where, err.where[0] ? ": " : "", err.message,
            cf_status_name(err.code));
done:
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return status;
}
