/* cf_variables.h — every state and derived quantity of a model, by name.
 *
 * Names and units follow PyBaMM ("Negative particle surface concentration
 * [mol.m-3]", "Electrolyte potential [V]", "X-averaged negative electrode
 * reaction overpotential [V]", "Total lithium in electrolyte [mol]"), so a
 * script written for PyBaMM's solution reads the same quantity here.  Which
 * variables exist depends on the plan: the model (the SPM has no electrolyte
 * profile, only the DFN has solid and electrolyte potentials), the electrodes
 * (a blend names its phases "primary", "secondary", ... as PyBaMM does; a
 * lithium-metal negative has no particles).
 *
 * A variable is a time series of n_x * n_r values per solution row: a scalar
 * (1 x 1), a profile across x (n_x x 1: the x cells of its domain), a
 * particle's radial profile (1 x n_r) or the particles across an electrode
 * (n_x x n_r, row-major: x outer).  Grids are in metres: x at the cell
 * centres (as built), r at the shell centres (spectral particles: the nodes).
 *
 * Values are computed from the states the solution stored per row
 * (cf_model_options.store_states; n_unknowns doubles per row) with the plan
 * that ran it, or any plan built from the same cell and options. */
#ifndef CELLFORGE_CF_VARIABLES_H
#define CELLFORGE_CF_VARIABLES_H

#include <stddef.h>
#include "cellforge/cf_error.h"
#include "cellforge/cf_model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CF_VARIABLE_NAME_MAX 112

typedef struct {
    char name[CF_VARIABLE_NAME_MAX]; /* with its unit in brackets, as PyBaMM     */
    int n_x, n_r;                    /* values per row: n_x * n_r (1, 1: scalar) */
    int needs_states;                /* 0: read from the solution's columns      */
    const char *domain;              /* of x: "", "negative electrode",
                                        "separator", "positive electrode", "cell" */
} cf_variable_info;

/* Number of variables the plan has, and the i-th (0 <= i < count). */
int cf_variable_count(const cf_plan *plan);
int cf_variable_info_at(const cf_plan *plan, int i, cf_variable_info *info);
/* Index of a variable by its exact name; an unknown name is CF_EINVAL with
 * the closest names ("did you mean ...") in err. */
int cf_variable_find(const cf_plan *plan, const char *name, int *index, cf_error *err);
/* Its grids: x (n_x values, m; may be NULL) and r (n_r values, m; may be NULL). */
int cf_variable_grid(const cf_plan *plan, int i, double *x_m, double *r_m);
/* Values of variable i at rows [row0, row0 + nrows) of sol into out
 * (nrows * n_x * n_r doubles).  A variable that needs states is CF_EINVAL
 * when the solution stored none (run with store_states) or stored them for
 * another plan size.  The plan's porosity cache follows the last state
 * evaluated (it is not running: do not call this during a run). */
int cf_variable_values(cf_plan *plan, int i, const cf_solution *sol, size_t row0, size_t nrows, double *out,
                       cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
