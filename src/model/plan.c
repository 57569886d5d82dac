/* plan.c — building a plan: mesh, unknown layout, Jacobian pattern, solver.
 * Everything that can be done once per (cell, options) is done here, so a
 * simulation only re-initialises the integrator. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/ageing.h"
#include "model/plan_internal.h"
#include "model/sim_internal.h"
#include "solver/fast_nvector.h"
#include "solver/static_lu.h"

int cf_plan_residual(cf_plan *p, double t, const double *y, const double *yp, double *F)
{
    return p->opt.kind == CF_MODEL_DFN ? cf_dfn_residual(p, t, y, yp, F) : cf_spm_residual(p, t, y, yp, F);
}

static void set_jacobian_pattern(const cf_plan *p, SUNMatrix Jm)
{
    sunindextype *ptr = SM_INDEXPTRS_S(Jm), *col = SM_INDEXVALS_S(Jm);
    for (int i = 0; i <= p->n; i++) ptr[i] = (sunindextype)p->jac.row_ptr[i];
    for (size_t k = 0; k < p->jac.nnz; k++) col[k] = (sunindextype)p->jac.col_idx[k];
}

void cf_plan_fill_jacobian(cf_plan *p, double t, const double *y, const double *yp, double cj, SUNMatrix Jm)
{
    /* SUNMatZero wipes the pattern too, so it is restored on every call. */
    set_jacobian_pattern(p, Jm);
    cf_asm_begin_fill(&p->jac, SM_DATA_S(Jm));
    if (p->opt.kind == CF_MODEL_DFN) cf_dfn_jacobian(p, t, y, yp, cj, &p->jac);
    else cf_spm_jacobian(p, t, y, yp, cj, &p->jac);
}

static int build_x_mesh(cf_plan *p)
{
    const cf_cell *c = p->cell;
    int nx = p->nx = p->n_neg + p->n_sep + p->n_pos;
    p->dom = calloc((size_t)nx, sizeof *p->dom);
    p->off = calloc((size_t)nx, sizeof *p->off);
    double **arrs[] = {&p->dx, &p->xc, &p->eps, &p->epsb, &p->lam, &p->w_s1, &p->w_s2, &p->w_s3,
                       &p->w_pl, &p->w_pl_dce, &p->w_pl_deta, &p->w_pl_dn};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++) {
        *arrs[i] = calloc((size_t)nx, sizeof(double));
        if (!*arrs[i]) return CF_ENOMEM;
    }
    double **parrs[] = {&p->w_j, &p->w_dj_dcs, &p->w_dj_dce, &p->w_dj_deta};
    for (size_t i = 0; i < sizeof parrs / sizeof parrs[0]; i++) {
        *parrs[i] = calloc((size_t)nx * CF_MAX_PHASES, sizeof(double));
        if (!*parrs[i]) return CF_ENOMEM;
    }
    double **earrs[] = {&p->h, &p->w_left, &p->epsb_edge, &p->w_G, &p->w_ie};
    for (size_t i = 0; i < sizeof earrs / sizeof earrs[0]; i++) {
        *earrs[i] = calloc((size_t)nx + 1, sizeof(double));
        if (!*earrs[i]) return CF_ENOMEM;
    }
    if (!p->dom || !p->off) return CF_ENOMEM;
    double x0 = 0.0;
    for (int k = 0; k < nx; k++) {
        int d = k < p->n_neg ? DOM_NEG : (k < p->n_neg + p->n_sep ? DOM_SEP : DOM_POS);
        double L, eps, b;
        int n;
        if (d == DOM_NEG) {
            L = c->neg.thickness_m; n = p->n_neg; eps = c->neg.porosity; b = c->neg.bruggeman_electrolyte;
        } else if (d == DOM_SEP) {
            L = c->sep.thickness_m; n = p->n_sep; eps = c->sep.porosity; b = c->sep.bruggeman_electrolyte;
        } else {
            L = c->pos.thickness_m; n = p->n_pos; eps = c->pos.porosity; b = c->pos.bruggeman_electrolyte;
        }
        p->dom[k] = d;
        p->dx[k] = L / n;
        p->xc[k] = x0 + 0.5 * p->dx[k];
        x0 += p->dx[k];
        p->eps[k] = eps;
        p->epsb[k] = pow(eps, b);
        p->lam[k] = 1.0;
    }
    for (int e = 1; e < nx; e++) {
        p->h[e] = p->xc[e] - p->xc[e - 1];
        p->w_left[e] = 0.5;
        p->epsb_edge[e] = p->w_left[e] * p->epsb[e - 1] + (1 - p->w_left[e]) * p->epsb[e];
    }
    return CF_OK;
}

static int build_sides(cf_plan *p, const cf_model_options *o)
{
    for (int s = 0; s < 2; s++) {
        cf_side *sd = &p->side[s];
        const cf_electrode *e = s == 0 ? &p->cell->neg : &p->cell->pos;
        sd->el = e;
        sd->nph = e->n_phases;
        sd->ncs = 0;
        int nr = s == 0 ? o->nr_neg : o->nr_pos;
        for (int i = 0; i < sd->nph; i++) {
            const cf_phase *ph = &e->phase[i];
            int rc = o->discretisation == CF_DISC_SPECTRAL
                         ? cf_particle_mesh_init_spectral(&sd->pm[i], nr, ph->particle_radius_m)
                         : cf_particle_mesh_init(&sd->pm[i], nr, ph->particle_radius_m);
            if (rc) return CF_ENOMEM;
            sd->ph_off[i] = sd->ncs;
            sd->ncs += nr;
            if (cf_ocp_table_init(&sd->ocp[i], &ph->ocp, 1e-9, 0.0)) return CF_ENOMEM;
            if (ph->diffusivity_fn.kind == CF_FN_BUILTIN || ph->diffusivity_fn.kind == CF_FN_EXPR) {
                sd->dtab[i] = cf_ocp_table_new(&ph->diffusivity_fn, 0.0, 1e-9);
                if (!sd->dtab[i]) return CF_ENOMEM;
            }
            sd->a[i] = 3.0 * ph->active_fraction / ph->particle_radius_m;
            sd->cs0[i] = ph->c_init;
        }
        sd->sigma_eff = e->conductivity_S_m * pow(1.0 - e->porosity, e->bruggeman_electrode);
        sd->first = s == 0 ? 0 : p->n_neg + p->n_sep;
        sd->last = s == 0 ? p->n_neg - 1 : p->nx - 1;
    }
    return CF_OK;
}

static void layout_unknowns(cf_plan *p)
{
    int n = 0;
    if (p->opt.kind == CF_MODEL_DFN) {
        for (int k = 0; k < p->nx; k++) {
            p->off[k] = n;
            n += p->dom[k] == DOM_SEP ? 2
                                      : p->side[SIDE_OF_DOM(p->dom[k])].ncs + 3 +
                                            (p->dom[k] == DOM_NEG) *
                                                (p->plating + cf_sei_on(p) + 2 * cf_okane_plating_on(p)) +
                                            2 * cf_lam_on(p, SIDE_OF_DOM(p->dom[k])) + /* active share, lost lithium */
                                            cf_crack_states(p, SIDE_OF_DOM(p->dom[k])); /* crack length, its SEI */
            if (p->th.x) { /* its temperature last; the collectors' beside the end cells' */
                p->th.tx[k] = n++;
                if (k == 0) p->th.iTcn = n++;
                if (k == p->nx - 1) p->th.iTcp = n++;
            }
        }
    } else {
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < p->side[s].nph; i++) {
                p->side[s].off_cs[i] = n;
                n += p->side[s].pm[i].nr;
            }
        if (p->opt.kind == CF_MODEL_SPME) {
            p->off_ce = n;
            n += p->nx;
        }
        if (cf_sei_on(p)) p->ageing->i_n = n++; /* the electrode's SEI lithium */
        if (cf_okane_plating_on(p)) { /* its plated and dead lithium */
            p->ageing->i_pl = n++;
            p->ageing->i_dead = n++;
        }
        for (int s = 0; s < 2; s++)
            if (cf_lam_on(p, s)) { /* the electrode's active share and the lithium lost with the rest */
                p->ageing->i_f[s] = n;
                n += 2;
            }
        for (int s = 0; s < 2; s++)
            if (cf_crack_on(p, s)) { /* the crack length (and the crack SEI's lithium) */
                p->ageing->i_l[s] = n;
                n += cf_crack_states(p, s);
            }
        for (int s = 0; s < 2; s++) {
            p->side[s].i_dphi = n++;
            if (p->side[s].nph > 1)
                for (int i = 0; i < p->side[s].nph; i++) p->side[s].i_j[i] = n++;
        }
    }
    p->iV = n++;
    p->iI = n++;
    p->iQ = n++;
    p->iE = n++;
    p->iNLi = p->iNdead = p->iIres = p->iNres = p->iNal = -1;
    if (p->cell->neg.planar) {
        p->iNLi = n++;
        p->iNdead = n++;
    }
    if (p->cell->reservoir.present) {
        p->iIres = n++;
        p->iNres = n++;
        p->iNal = n++;
    }
    p->iT = p->opt.thermal == CF_THERMAL_LUMPED ? n++ : -1; /* last: couples to every row */
    p->n = n;
}

/* Absolute tolerances per unknown, scaled by each quantity's natural size
 * (as PyBaMM's solver sees its scaled variables): concentrations by c_max or
 * c_e0, potentials in volts, current and counters by the nominal capacity. */
static void set_absolute_tolerances(cf_plan *p)
{
    const cf_cell *c = p->cell;
    double *a = N_VGetArrayPointer(p->atol_v);
    const double *id = N_VGetArrayPointer(p->id);
    double atol = p->opt.atol;
    for (int i = 0; i < p->n; i++) a[i] = id[i] != 0.0 ? atol * c->electrolyte.c_init : atol; /* refined below */
    for (int s = 0; s < 2; s++) {
        const cf_side *sd = &p->side[s];
        for (int i = 0; i < sd->nph; i++) {
            double cmax = sd->el->phase[i].c_max;
            if (p->opt.kind == CF_MODEL_DFN) {
                for (int k = sd->first; k <= sd->last; k++)
                    for (int r = 0; r < sd->pm[i].nr; r++) a[p->off[k] + sd->ph_off[i] + r] = atol * cmax;
            } else {
                for (int r = 0; r < sd->pm[i].nr; r++) a[sd->off_cs[i] + r] = atol * cmax;
            }
        }
    }
    a[p->iI] = atol * c->nominal_capacity_Ah;
    /* plated lithium per electrode volume by 1 mol/m3, not c_e0: its
     * stripping switch acts within 1e-3 mol/m3 of zero, smooth on 1e-4
     * (li_metal.c), and at c_e0's scale the solver let the trace a host holds
     * above lithium swing to minus 0.1 mol/m3 (over-stripped) */
    if (p->plating && p->opt.kind == CF_MODEL_DFN)
        for (int k = p->side[0].first; k <= p->side[0].last; k++) a[p->off[k] + p->side[0].ncs + 3] = atol;
    if (cf_sei_on(p)) {
        /* SEI lithium by its initial amount (tens of mol/m3) */
        double sc = atol * fmax(p->ageing->n0, 1.0);
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = p->side[0].first; k <= p->side[0].last; k++)
                a[p->off[k] + p->side[0].ncs + 3 + p->plating] = sc;
        else
            a[p->ageing->i_n] = sc;
    }
    if (cf_okane_plating_on(p)) {
        /* plated and dead lithium per electrode volume by 1 mol/m3, as the host plating's */
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = p->side[0].first; k <= p->side[0].last; k++) {
                int o = p->off[k] + p->side[0].ncs + 3 + p->plating + cf_sei_on(p);
                a[o] = a[o + 1] = atol;
            }
        else
            a[p->ageing->i_pl] = a[p->ageing->i_dead] = atol;
    }
    for (int s = 0; s < 2; s++) {
        if (!cf_lam_on(p, s)) continue;
        /* the active share by 1; its lost lithium by the electrode's c_max */
        double cm = atol * p->side[s].el->phase[0].c_max * p->ageing->eps0[s];
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = p->side[s].first; k <= p->side[s].last; k++) {
                int o = cf_lam_index(p, k);
                a[o] = atol;
                a[o + 1] = cm;
            }
        else {
            a[p->ageing->i_f[s]] = atol;
            a[p->ageing->i_f[s] + 1] = cm;
        }
    }
    for (int s = 0; s < 2; s++) {
        if (!cf_crack_on(p, s)) continue;
        /* the crack length by its start; the crack SEI by the main SEI's scale */
        double sl = atol * p->ageing->cp[s].initial_length_m, sn = atol * fmax(p->ageing->n0, 1.0);
        if (p->opt.kind == CF_MODEL_DFN)
            for (int k = p->side[s].first; k <= p->side[s].last; k++) {
                int o = cf_crack_index(p, k);
                a[o] = sl;
                if (cf_crack_states(p, s) > 1) a[o + 1] = sn;
            }
        else {
            a[p->ageing->i_l[s]] = sl;
            if (cf_crack_states(p, s) > 1) a[p->ageing->i_l[s] + 1] = sn;
        }
    }
    if (p->iNLi >= 0) {
        /* lithium metal per area: scale by the positive's lithium capacity */
        double q = 0;
        for (int i = 0; i < c->pos.n_phases; i++)
            q += c->pos.phase[i].active_fraction * c->pos.thickness_m * c->pos.phase[i].c_max;
        a[p->iNLi] = a[p->iNdead] = atol * q;
    }
    if (p->iIres >= 0) {
        a[p->iIres] = atol * c->nominal_capacity_Ah;
        a[p->iNres] = a[p->iNal] = atol * c->reservoir.li_mol;
    }
    a[p->iQ] = atol * c->nominal_capacity_Ah;
    a[p->iE] = atol * c->nominal_capacity_Ah * c->v_max;
    if (p->iT >= 0) a[p->iT] = atol * c->T_ref; /* temperature scaled by T_ref, as PyBaMM's */
    if (p->th.x) {
        for (int k = 0; k < p->nx; k++) a[p->th.tx[k]] = atol * c->T_ref;
        a[p->th.iTcn] = a[p->th.iTcp] = atol * c->T_ref;
    }
}

static int check_options(const cf_model_options *o, cf_error *err)
{
    if (o->kind != CF_MODEL_SPM && o->kind != CF_MODEL_SPME && o->kind != CF_MODEL_DFN)
        return cf_error_set(err, CF_EINVAL, "model", "unknown model kind %d", (int)o->kind);
    /* Electrodes need two volumes: V extrapolates phi_s from the last two. */
    const int *vals[] = {&o->n_neg, &o->n_sep, &o->n_pos};
    const char *names[] = {"n_neg", "n_sep", "n_pos"};
    const int lo[] = {2, 1, 2};
    for (int i = 0; i < 3; i++)
        if (*vals[i] < lo[i] || *vals[i] > 2000)
            return cf_error_set(err, CF_EINVAL, names[i], "%d x volumes is outside the allowed range [%d, 2000]",
                                *vals[i], lo[i]);
    if (o->nr_neg < 2 || o->nr_neg > 2000 || o->nr_pos < 2 || o->nr_pos > 2000)
        return cf_error_set(err, CF_EINVAL, "nr", "radial volumes must be in [2, 2000] (got %d, %d)", o->nr_neg,
                            o->nr_pos);
    if (o->discretisation != CF_DISC_FV && o->discretisation != CF_DISC_SPECTRAL)
        return cf_error_set(err, CF_EINVAL, "discretisation", "unknown discretisation %d (allowed: fv, spectral)",
                            (int)o->discretisation);
    if (o->discretisation == CF_DISC_SPECTRAL &&
        (o->nr_neg > CF_SPECTRAL_MAX || o->nr_pos > CF_SPECTRAL_MAX))
        return cf_error_set(err, CF_EINVAL, "nr",
                            "the spectral discretisation (the default) takes 2 to %d nodes per particle (got "
                            "%d, %d); finite volumes (--discretisation fv) take up to 2000",
                            CF_SPECTRAL_MAX, o->nr_neg, o->nr_pos);
    if (!(o->rtol > 0 && o->rtol < 1e-1) || !(o->atol > 0 && o->atol < 1))
        return cf_error_set(err, CF_EINVAL, "tolerances", "rtol must be in (0, 0.1) and atol in (0, 1)");
    if (!(o->max_step_s >= 0) || !(o->output_dt_s >= 0))
        return cf_error_set(err, CF_EINVAL, "options", "max_step_s and output_dt_s must be >= 0");
    if (o->max_steps < 0 || !(o->max_wall_s >= 0) || !isfinite(o->max_wall_s))
        return cf_error_set(err, CF_EINVAL, "options", "max_steps and max_wall_s must be >= 0 (0: no budget)");
    if (o->integrator != CF_INTEGRATOR_BDF && o->integrator != CF_INTEGRATOR_IDA)
        return cf_error_set(err, CF_EINVAL, "integrator", "unknown integrator %d (allowed: bdf, ida)",
                            (int)o->integrator);
    if (o->thermal != CF_THERMAL_ISOTHERMAL && o->thermal != CF_THERMAL_LUMPED && o->thermal != CF_THERMAL_X)
        return cf_error_set(err, CF_EINVAL, "thermal", "unknown thermal model %d (allowed: isothermal, lumped, x)",
                            (int)o->thermal);
    if (o->linear_solver != CF_LINSOL_AUTO && o->linear_solver != CF_LINSOL_KLU)
        return cf_error_set(err, CF_EINVAL, "linear_solver", "unknown linear solver %d (allowed: auto, klu)",
                            (int)o->linear_solver);
    return CF_OK;
}

int cf_plan_new(const cf_cell *cell, const cf_model_options *opt, cf_plan **out, cf_error *err)
{
    *out = NULL;
    cf_model_options o;
    if (opt) o = *opt; else cf_model_options_default(&o);
    cf_model_options_resolve(&o); /* 0: the discretisation's default mesh */
    int rc = check_options(&o, err);
    if (rc) return rc;
    rc = cf_cell_validate(cell, err);
    if (rc) return rc;
    if ((cell->neg.planar || cell->reservoir.present || cell->neg.plating) && o.kind != CF_MODEL_DFN)
        return cf_error_set(err, CF_EINVAL, "model",
                            "a lithium-metal negative, lithium plating or a lithium reservoir needs the DFN model "
                            "(--model dfn)");
    cf_plan *p = calloc(1, sizeof *p);
    if (!p) return cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
    p->opt = o;
    p->n_neg = cell->neg.planar ? 0 : o.n_neg; /* lithium metal is a surface, not a layer */
    p->n_sep = o.n_sep;
    p->n_pos = o.n_pos;
    if ((rc = cf_cell_copy(cell, &p->cell, err))) goto fail;
    if (build_x_mesh(p) || build_sides(p, &o)) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
        goto fail;
    }
    p->plating = cell->neg.plating && !cell->neg.planar;
    for (int i = 0; i < p->side[0].nph; i++) p->a_plating += p->side[0].a[i];
    if (cf_ageing_setup(p)) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
        goto fail;
    }
    if ((cell->neg.cracking.model || cell->pos.cracking.model) && o.thermal != CF_THERMAL_ISOTHERMAL) {
        /* the crack SEI's heat and the rates' temperature columns are not modelled yet */
        rc = cf_error_set(err, CF_EINVAL, "thermal",
                          "particle cracking runs with the isothermal model only (allowed: isothermal)");
        goto fail;
    }
    if ((cell->neg.lam.model || cell->pos.lam.model) && o.thermal == CF_THERMAL_X) {
        /* the through-cell heat sources do not follow the active share yet (the lumped ones do) */
        rc = cf_error_set(err, CF_EINVAL, "thermal",
                          "loss of active material runs with the isothermal and lumped thermal models only "
                          "(allowed: isothermal, lumped)");
        goto fail;
    }
    if ((rc = cf_thermal_x_setup(p, err))) goto fail; /* before the layout: its unknowns */
    layout_unknowns(p);
    cf_porosity_setup(p);
    if (cf_step_start_alloc(p)) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
        goto fail;
    }

    if (SUNContext_Create(NULL, &p->ctx)) {
        rc = cf_error_set(err, CF_ESOLVER, "plan", "cannot create the SUNDIALS context");
        goto fail;
    }
    p->y = N_VNew_Serial(p->n, p->ctx);
    p->yp = N_VNew_Serial(p->n, p->ctx);
    p->id = N_VNew_Serial(p->n, p->ctx);
    p->tmp = N_VNew_Serial(p->n, p->ctx);
    p->tmp2 = N_VNew_Serial(p->n, p->ctx);
    p->w_F = calloc((size_t)p->n, sizeof(double));
    p->w_F1 = calloc((size_t)p->n, sizeof(double));
    p->w_F2 = calloc((size_t)p->n, sizeof(double));
    p->w_y_keep = calloc((size_t)p->n, sizeof(double));
    if ((rc = cf_thermal_setup(p, err))) goto fail;
    int nr_max = o.nr_neg > o.nr_pos ? o.nr_neg : o.nr_pos;
    p->w_pD = calloc((size_t)nr_max, sizeof(double));
    p->w_pdD = calloc((size_t)nr_max, sizeof(double));
    if (!p->w_pD || !p->w_pdD || !p->y || !p->yp || !p->id || !p->tmp || !p->tmp2 || !p->w_F || !p->w_F1 || !p->w_F2 || !p->w_y_keep) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
        goto fail;
    }
    N_Vector vecs[] = {p->y, p->yp, p->id, p->tmp, p->tmp2};
    for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) cf_nvector_speedup(vecs[i]);
    p->atol_v = N_VClone(p->y);
    if (!p->atol_v) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "out of memory");
        goto fail;
    }
    /* Record the Jacobian pattern once at the initial state. */
    if ((rc = cf_sim_initial_state(p, err))) goto fail;
    cf_asm_init(&p->jac, p->n);
    if (p->opt.kind == CF_MODEL_DFN) {
        cf_dfn_jacobian(p, 0.0, N_VGetArrayPointer(p->y), N_VGetArrayPointer(p->yp), 1.0, &p->jac);
    } else {
        cf_spm_jacobian(p, 0.0, N_VGetArrayPointer(p->y), N_VGetArrayPointer(p->yp), 1.0, &p->jac);
    }
    if (cf_asm_finish_pattern(&p->jac)) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "out of memory building the Jacobian pattern");
        goto fail;
    }
    set_absolute_tolerances(p);
    p->J = SUNSparseMatrix(p->n, p->n, (sunindextype)p->jac.nnz, CSR_MAT, p->ctx);
    if (p->J) set_jacobian_pattern(p, p->J); /* the fixed-order LU analyses it now */
    /* a lumped temperature enters every row: the fixed-order LU eliminates it
     * last, as the border of the isothermal pattern (static_lu.h) */
    if (p->J) p->LS = o.linear_solver == CF_LINSOL_KLU ? SUNLinSol_KLU(p->y, p->J, p->ctx)
                                                       : cf_static_lu_new_bordered(p->y, p->J, p->ctx, &p->iT, p->iT >= 0);
    if (!p->J || !p->LS) {
        rc = cf_error_set(err, CF_ENOMEM, "plan", "cannot create the sparse solver");
        goto fail;
    }
    if (cf_integ_create(p)) {
        rc = cf_error_set(err, CF_ESOLVER, "plan", "cannot create the time integrator");
        goto fail;
    }
    *out = p;
    return CF_OK;
fail:
    cf_plan_free(p);
    return rc ? rc : CF_ENOMEM;
}

void cf_plan_free(cf_plan *p)
{
    if (!p) return;
    cf_integ_free(p);
    cf_ageing_free(p);
    if (p->LS) SUNLinSolFree(p->LS);
    if (p->J) SUNMatDestroy(p->J);
    if (p->y) N_VDestroy(p->y);
    if (p->yp) N_VDestroy(p->yp);
    if (p->id) N_VDestroy(p->id);
    if (p->tmp) N_VDestroy(p->tmp);
    if (p->tmp2) N_VDestroy(p->tmp2);
    if (p->atol_v) N_VDestroy(p->atol_v);
    free(p->w_F);
    free(p->w_F1);
    free(p->w_F2);
    free(p->w_y_keep);
    cf_step_start_free(p);
    cf_thermal_free(p);
    if (p->ctx) SUNContext_Free(&p->ctx);
    cf_asm_free(&p->jac);
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < CF_MAX_PHASES; i++) {
            cf_particle_mesh_free(&p->side[s].pm[i]);
            cf_ocp_table_free(&p->side[s].ocp[i]);
            cf_ocp_table_delete(p->side[s].dtab[i]);
        }
    void *arrs[] = {p->dom, p->off, p->dx, p->xc, p->eps, p->epsb, p->lam, p->w_pD, p->w_pdD, p->h, p->w_left, p->epsb_edge, p->w_j,
                    p->w_dj_dcs, p->w_dj_dce, p->w_dj_deta, p->w_G, p->w_ie, p->w_s1, p->w_s2, p->w_s3,
                    p->w_pl, p->w_pl_dce, p->w_pl_deta, p->w_pl_dn};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++) free(arrs[i]);
    cf_cell_free(p->cell);
    free(p);
}

const cf_cell *cf_plan_cell(const cf_plan *p) { return p->cell; }
int cf_plan_size(const cf_plan *p) { return p->n; }

int cf_plan_linear_solver_reset(cf_plan *p)
{
    /* the fixed-order LU has no pivot order to forget, and its KLU fallback
     * starts afresh on every use */
    if (p->opt.linear_solver != CF_LINSOL_KLU) return 0;
    return SUNLinSol_KLUReInit(p->LS, p->J, (sunindextype)p->jac.nnz, SUNKLU_REINIT_PARTIAL) != SUNLS_SUCCESS;
}

void cf_plan_set_observer(cf_plan *p, cf_observer fn, void *user)
{
    p->observer = fn;
    p->observer_user = user;
}
