/* cell.c — cell lifetime (copy, free) and physical validation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_cell.h"

static int copy_fn(cf_fn *dst, const cf_fn *src)
{
    *dst = *src;
    if (src->kind != CF_FN_TABLE) return CF_OK;
    dst->x = malloc((size_t)src->n * sizeof(double));
    dst->y = malloc((size_t)src->n * sizeof(double));
    if (!dst->x || !dst->y) {
        free(dst->x);
        free(dst->y);
        dst->x = dst->y = NULL;
        dst->kind = CF_FN_CONSTANT;
        return CF_ENOMEM;
    }
    memcpy(dst->x, src->x, (size_t)src->n * sizeof(double));
    memcpy(dst->y, src->y, (size_t)src->n * sizeof(double));
    return CF_OK;
}

static void free_fn(cf_fn *f)
{
    if (f->kind == CF_FN_TABLE) {
        free(f->x);
        free(f->y);
    }
    f->x = f->y = NULL;
}

void cf_cell_free(cf_cell *cell)
{
    if (!cell) return;
    free_fn(&cell->neg.ocp);
    free_fn(&cell->pos.ocp);
    free_fn(&cell->electrolyte.diffusivity);
    free_fn(&cell->electrolyte.conductivity);
    free(cell);
}

int cf_cell_copy(const cf_cell *src, cf_cell **out, cf_error *err)
{
    *out = NULL;
    cf_cell *c = malloc(sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, src->name, "out of memory");
    *c = *src;
    /* Tables are re-pointed below; mark them empty first so a failed copy frees safely. */
    cf_fn *dst[4] = {&c->neg.ocp, &c->pos.ocp, &c->electrolyte.diffusivity, &c->electrolyte.conductivity};
    const cf_fn *from[4] = {&src->neg.ocp, &src->pos.ocp, &src->electrolyte.diffusivity,
                            &src->electrolyte.conductivity};
    for (int i = 0; i < 4; i++)
        if (dst[i]->kind == CF_FN_TABLE) dst[i]->kind = CF_FN_CONSTANT;
    for (int i = 0; i < 4; i++)
        if (copy_fn(dst[i], from[i]) != CF_OK) {
            cf_cell_free(c);
            return cf_error_set(err, CF_ENOMEM, src->name, "out of memory");
        }
    *out = c;
    return CF_OK;
}

/* Range checks.  `lo_open`/`hi_open` make a bound exclusive. */
static int check(cf_error *err, const char *key, double v, double lo, double hi, int lo_open, int hi_open)
{
    int bad = !isfinite(v) || (lo_open ? v <= lo : v < lo) || (hi_open ? v >= hi : v > hi);
    if (!bad) return CF_OK;
    return cf_error_set(err, CF_EINVAL, key, "%g is outside the allowed range %s%g, %g%s", v,
                        lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]");
}

static int validate_electrode(const cf_electrode *e, const char *side, cf_error *err)
{
    char key[96];
#define CHECK(field, lo, hi, lo_open, hi_open)                                             \
    do {                                                                                   \
        snprintf(key, sizeof key, "%s.%s", side, #field);                                 \
        if (check(err, key, e->field, lo, hi, lo_open, hi_open)) return CF_EINVAL;         \
    } while (0)
    CHECK(thickness_m, 0, 0.01, 1, 0);
    CHECK(porosity, 0, 1, 1, 1);
    CHECK(active_fraction, 0, 1, 1, 0);
    CHECK(particle_radius_m, 0, 1e-3, 1, 0);
    CHECK(c_max, 0, 1e6, 1, 0);
    CHECK(c_init, 0, e->c_max, 1, 1);
    CHECK(diffusivity_m2_s, 0, 1e-6, 1, 0);
    CHECK(diffusivity_Ea_J_mol, 0, 5e5, 0, 0);
    CHECK(conductivity_S_m, 0, 1e9, 1, 0);
    CHECK(bruggeman_electrolyte, 0, 10, 0, 0);
    CHECK(bruggeman_electrode, 0, 10, 0, 0);
    CHECK(j0_ref, 0, 1e3, 1, 0);
    CHECK(j0_Ea_J_mol, 0, 5e5, 0, 0);
    CHECK(alpha, 0, 1, 1, 1);
#undef CHECK
    snprintf(key, sizeof key, "%s.porosity+active_fraction", side);
    if (e->porosity + e->active_fraction > 1 + 1e-12)
        return cf_error_set(err, CF_EINVAL, key,
                            "porosity %g plus active volume fraction %g exceed 1 (no room for the solid)",
                            e->porosity, e->active_fraction);
    return CF_OK;
}

int cf_cell_validate(const cf_cell *c, cf_error *err)
{
    if (validate_electrode(&c->neg, "negative", err)) return CF_EINVAL;
    if (validate_electrode(&c->pos, "positive", err)) return CF_EINVAL;
    if (check(err, "separator.thickness_m", c->sep.thickness_m, 0, 0.01, 1, 0)) return CF_EINVAL;
    if (check(err, "separator.porosity", c->sep.porosity, 0, 1, 1, 1)) return CF_EINVAL;
    if (check(err, "separator.bruggeman_electrolyte", c->sep.bruggeman_electrolyte, 0, 10, 0, 0))
        return CF_EINVAL;
    if (check(err, "electrolyte.c_init", c->electrolyte.c_init, 0, 2e4, 1, 0)) return CF_EINVAL;
    if (check(err, "electrolyte.t_plus", c->electrolyte.t_plus, 0, 1, 0, 1)) return CF_EINVAL;
    if (check(err, "electrolyte.thermodynamic_factor", c->electrolyte.thermodynamic_factor, 0, 100, 1, 0))
        return CF_EINVAL;
    if (check(err, "area_m2", c->area_m2, 0, 1e4, 1, 0)) return CF_EINVAL;
    if (check(err, "nominal_capacity_Ah", c->nominal_capacity_Ah, 0, 1e6, 1, 0)) return CF_EINVAL;
    if (check(err, "v_min", c->v_min, 0, 10, 0, 0)) return CF_EINVAL;
    if (check(err, "v_max", c->v_max, c->v_min, 10, 1, 0)) return CF_EINVAL;
    if (check(err, "T_ref", c->T_ref, 150, 500, 0, 0)) return CF_EINVAL;
    if (check(err, "temperature_K", c->T_K, 200, 400, 0, 0)) return CF_EINVAL;
    /* Transport functions must be positive at the initial state. */
    double D = cf_fn_eval(&c->electrolyte.diffusivity, c->electrolyte.c_init, c->T_K, NULL);
    double k = cf_fn_eval(&c->electrolyte.conductivity, c->electrolyte.c_init, c->T_K, NULL);
    if (!(D > 0) || !isfinite(D))
        return cf_error_set(err, CF_EINVAL, "electrolyte.diffusivity",
                            "electrolyte diffusivity is %g m2/s at the initial concentration; must be > 0", D);
    if (!(k > 0) || !isfinite(k))
        return cf_error_set(err, CF_EINVAL, "electrolyte.conductivity",
                            "electrolyte conductivity is %g S/m at the initial concentration; must be > 0", k);
    return CF_OK;
}
