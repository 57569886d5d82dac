/* options.c — model options, names and defaults. */
#include <stdio.h>
#include <string.h>

#include "cellforge/cf_model.h"

void cf_model_options_default(cf_model_options *o)
{
    /* PyBaMM's default mesh (20 volumes per domain and per particle) so that
     * results compare one to one; tolerances as PyBaMM's defaults. */
    o->kind = CF_MODEL_DFN;
    o->n_neg = o->n_sep = o->n_pos = 20;
    o->nr_neg = o->nr_pos = 20;
    o->rtol = 1e-6;
    o->atol = 1e-6;
    o->max_step_s = 0.0;
    o->output_dt_s = 0.0;
    o->linear_solver = CF_LINSOL_AUTO;
    o->integrator = CF_INTEGRATOR_BDF;
    o->max_steps = 0;   /* no budgets */
    o->max_wall_s = 0.0;
    o->discretisation = CF_DISC_FV;
    o->store_states = 0;
    o->heat_sources = 1;
    o->thermal = CF_THERMAL_ISOTHERMAL;
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
