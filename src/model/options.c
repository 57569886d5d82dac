/* options.c — model options, names and defaults. */
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_model.h"

/* the spectral default mesh (cf_model_mesh_default) */
enum { CF_SPECTRAL_X_NEG = 60, CF_SPECTRAL_X_SEP = 5, CF_SPECTRAL_X_POS = 30, CF_SPECTRAL_NR = 5 };

void cf_model_options_default(cf_model_options *o)
{
    /* The mesh is left at 0, "the discretisation's default", so that choosing
     * the discretisation after this call also chooses its mesh (see
     * cf_model_mesh_default); tolerances as PyBaMM's defaults. */
    o->kind = CF_MODEL_DFN;
    o->n_neg = o->n_sep = o->n_pos = 0;
    o->nr_neg = o->nr_pos = 0;
    o->rtol = 1e-6;
    o->atol = 1e-6;
    o->max_step_s = 0.0;
    o->output_dt_s = 0.0;
    o->linear_solver = CF_LINSOL_AUTO;
    o->integrator = CF_INTEGRATOR_BDF;
    o->max_steps = 0;   /* no budgets */
    o->max_wall_s = 0.0;
    o->discretisation = CF_DISC_SPECTRAL;
    o->store_states = 0;
    o->heat_sources = 1;
    o->thermal = CF_THERMAL_ISOTHERMAL;
}

/* The one place that says which mesh each discretisation gets by default.
 *   spectral: 60, 5, 30 x volumes (negative, separator, positive) and 5 nodes
 *     per particle: within 1 mV max and 0.2 mV RMS of the converged DFN on
 *     every case of validation/converged_dfn.py (bench/work_precision_dfn.py
 *     --errors-only prints them); the particles are converged at 5 nodes, the
 *     x error (first order where the porosity jumps) sets the x mesh.
 *   fv: PyBaMM's default, 20 per domain and per particle, so that results
 *     compare one to one with PyBaMM's (1.2 mV RMS, 12 mV max off the
 *     converged DFN for chen2020 at 1C). */
void cf_model_mesh_default(cf_discretisation d, int x[3], int *nr)
{
    if (d == CF_DISC_SPECTRAL) {
        x[0] = CF_SPECTRAL_X_NEG;
        x[1] = CF_SPECTRAL_X_SEP;
        x[2] = CF_SPECTRAL_X_POS;
        *nr = CF_SPECTRAL_NR;
    } else {
        x[0] = x[1] = x[2] = 20;
        *nr = 20;
    }
}

void cf_model_options_resolve(cf_model_options *o)
{
    int x[3], nr;
    cf_model_mesh_default(o->discretisation, x, &nr);
    int *dst[3] = {&o->n_neg, &o->n_sep, &o->n_pos};
    for (int i = 0; i < 3; i++)
        if (*dst[i] == 0) *dst[i] = x[i];
    if (o->nr_neg == 0) o->nr_neg = nr;
    if (o->nr_pos == 0) o->nr_pos = nr;
}

int cf_thermal_mode_parse(const char *name, cf_thermal_mode *m, cf_error *err)
{
    if (strcmp(name, "isothermal") == 0) *m = CF_THERMAL_ISOTHERMAL;
    else if (strcmp(name, "lumped") == 0) *m = CF_THERMAL_LUMPED;
    else if (strcmp(name, "x") == 0) *m = CF_THERMAL_X;
    else
        return cf_error_set(err, CF_EINVAL, "--thermal", "unknown thermal model '%s' (allowed: isothermal, lumped, x)",
                            name);
    return CF_OK;
}

const char *cf_thermal_mode_name(cf_thermal_mode m)
{
    return m == CF_THERMAL_LUMPED ? "lumped" : m == CF_THERMAL_X ? "x" : "isothermal";
}

int cf_discretisation_parse(const char *name, cf_discretisation *d, cf_error *err)
{
    if (strcmp(name, "fv") == 0) *d = CF_DISC_FV;
    else if (strcmp(name, "spectral") == 0) *d = CF_DISC_SPECTRAL;
    else
        return cf_error_set(err, CF_EINVAL, "--discretisation", "unknown discretisation '%s' (allowed: fv, spectral)",
                            name);
    return CF_OK;
}

const char *cf_discretisation_name(cf_discretisation d)
{
    return d == CF_DISC_SPECTRAL ? "spectral" : "fv";
}

int cf_integrator_parse(const char *name, cf_integrator *in, cf_error *err)
{
    if (strcmp(name, "bdf") == 0) *in = CF_INTEGRATOR_BDF;
    else if (strcmp(name, "ida") == 0) *in = CF_INTEGRATOR_IDA;
    else
        return cf_error_set(err, CF_EINVAL, "--integrator", "unknown integrator '%s' (allowed: bdf, ida)", name);
    return CF_OK;
}

int cf_linear_solver_parse(const char *name, cf_linear_solver *ls, cf_error *err)
{
    if (strcmp(name, "auto") == 0) *ls = CF_LINSOL_AUTO;
    else if (strcmp(name, "klu") == 0) *ls = CF_LINSOL_KLU;
    else
        return cf_error_set(err, CF_EINVAL, "--linear-solver", "unknown linear solver '%s' (allowed: auto, klu)",
                            name);
    return CF_OK;
}

int cf_model_kind_parse(const char *name, cf_model_kind *kind, cf_error *err)
{
    if (strcmp(name, "spm") == 0 || strcmp(name, "SPM") == 0) *kind = CF_MODEL_SPM;
    else if (strcmp(name, "spme") == 0 || strcmp(name, "SPMe") == 0) *kind = CF_MODEL_SPME;
    else if (strcmp(name, "dfn") == 0 || strcmp(name, "DFN") == 0) *kind = CF_MODEL_DFN;
    else
        return cf_error_set(err, CF_EINVAL, "--model", "unknown model '%s' (allowed: spm, spme, dfn)", name);
    return CF_OK;
}

const char *cf_model_kind_name(cf_model_kind kind)
{
    switch (kind) {
    case CF_MODEL_SPM: return "spm";
    case CF_MODEL_SPME: return "spme";
    case CF_MODEL_DFN: return "dfn";
    }
    return "unknown";
}
