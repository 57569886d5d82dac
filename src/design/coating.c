/* coating.c — composition and geometry of a coated layer.
 *
 * Any one of porosity, thickness or apparent density fixes the other two
 * once the areal mass m and the pore-free (skeleton) density rho_s are known:
 *     rho_app = m / t,   porosity = 1 - rho_app / rho_s.
 * Two or three given must agree (to 1 % in the thickness they imply). */
#include "design/coating.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "materials/material_data.h"

#define CONSISTENCY_REL 0.01

int cf_dsnni_resolve(const cf_recipe_component *c, cf_dsnni_state *s)
{
    memset(s, 0, sizeof *s);
    const cf_ropt *ni = &c->p[CF_P_NI_MASS_FRACTION], *z = &c->p[CF_P_Z];
    double k = cf_dsnni_ni_in_ni3sn4();
    if (ni->have) {
        s->ni = ni->v;
    } else if (z->have) {
        /* Only Z known: all Ni sits in Ni3Sn4, so w_Ni = 0.27051 f with f = Z/(1+Z). */
        s->ni = k * z->v / (1.0 + z->v);
    }
    s->sn = 1.0 - s->ni;
    if (c->third_element[0]) {
        /* Sn-Ni-X: sn_mass_fraction given, the rest is X */
        s->sn = c->p[CF_P_SN_MASS_FRACTION].v;
        s->w_third = 1.0 - s->ni - s->sn;
        s->third_density = cf_dsnni_third_density(c->third_element);
    }
    if (cf_dsnni_phases_x(s->ni, s->w_third, z->have ? z->v : -1.0, &s->w_ni3sn4, &s->w_sn, &s->w_free_ni) != 0)
        return -1;
    s->z_from_lever_rule = !z->have;
    if (z->have)
        s->z = z->v;
    else
        s->z = s->w_sn > 1e-6 ? s->w_ni3sn4 / s->w_sn : 1e6;
    if (s->z > 1e6) s->z = 1e6;
    return 0;
}

/* The material's row in the shared material table (src/materials), or NULL
 * for materials the simulator has no data for (inactive components). */
static const cf_material_data *facts(const cf_recipe_component *c)
{
    const cf_material_data *md = cf_material_data_find(c->mat->name);
    return md && md->ocp ? md : NULL;
}

double cf_dsnni_density_x(const cf_dsnni_state *s)
{
    double inv = 1.0 / cf_dsnni_density(s->w_ni3sn4, s->w_sn, s->w_free_ni); /* sum of w_i / rho_i */
    if (s->w_third > 0 && s->third_density > 0) inv += s->w_third / s->third_density;
    return 1.0 / inv;
}

double cf_rcomp_density(const cf_recipe_component *c)
{
    if (c->p[CF_P_DENSITY].have) return c->p[CF_P_DENSITY].v;
    if (strcmp(c->mat->name, "sn_ni_alloy") == 0) {
        cf_dsnni_state s;
        if (cf_dsnni_resolve(c, &s) == 0) return cf_dsnni_density_x(&s);
    }
    const cf_material_data *md = facts(c);
    return md ? md->density_kg_m3 / 1000.0 : c->mat->density_g_cm3;
}

double cf_rcomp_theoretical(const cf_recipe_component *c)
{
    if (c->p[CF_P_SPECIFIC_CAPACITY].have) return c->p[CF_P_SPECIFIC_CAPACITY].v;
    if (strcmp(c->mat->name, "sn_ni_alloy") == 0) {
        cf_dsnni_state s;
        if (cf_dsnni_resolve(c, &s) == 0) return cf_dsnni_capacity(s.w_ni3sn4, s.w_sn);
    }
    const cf_material_data *md = facts(c);
    return md ? md->q_theo_mAh_g : c->mat->capacity_mAh_g;
}

/* Share of the sto-1 capacity between the window edges: from as made for a
 * positive (it starts full), the whole window for a host negative. */
static double window_share(const cf_material_data *md)
{
    double lo, hi;
    if (cf_material_window_sto(md, &lo, &hi)) return 1.0;
    if (md->sto_as_made > 0) hi = fmin(hi, md->sto_as_made);
    return fmax(0.0, hi - lo);
}

double cf_rcomp_capacity(const cf_recipe_component *c)
{
    if (c->mat->role == CF_ROLE_LITHIUM_METAL) return c->mat->capacity_mAh_g;
    if (strcmp(c->mat->name, "sn_ni_alloy") == 0) {
        cf_dsnni_state s;
        if (cf_dsnni_resolve(c, &s) != 0) return 0.0;
        double q = s.w_ni3sn4 * cf_material_data_find("ni3sn4")->q_theo_mAh_g *
                       window_share(cf_material_data_find("ni3sn4")) +
                   s.w_sn * cf_material_data_find("tin")->q_theo_mAh_g * window_share(cf_material_data_find("tin"));
        if (c->p[CF_P_SPECIFIC_CAPACITY].have)
            q *= c->p[CF_P_SPECIFIC_CAPACITY].v / cf_dsnni_capacity(s.w_ni3sn4, s.w_sn);
        return q;
    }
    const cf_material_data *md = facts(c);
    if (!md) return c->p[CF_P_SPECIFIC_CAPACITY].have ? c->p[CF_P_SPECIFIC_CAPACITY].v : c->mat->capacity_mAh_g;
    return cf_rcomp_theoretical(c) * window_share(md);
}

double cf_rcomp_first_cycle_efficiency(const cf_recipe_component *c)
{
    if (strcmp(c->mat->name, "sn_ni_alloy") == 0) return cf_material_data_find("tin")->first_cycle_efficiency;
    const cf_material_data *md = facts(c);
    return md ? md->first_cycle_efficiency : 1.0;
}

double cf_rcomp_potential(const cf_recipe_component *c)
{
    if (c->p[CF_P_AVERAGE_POTENTIAL].have) return c->p[CF_P_AVERAGE_POTENTIAL].v;
    return c->mat->potential_V;
}

double cf_rcoat_skeleton_density(const cf_recipe_electrode *e)
{
    double inv = 0.0;
    for (size_t i = 0; i < e->n_comp; i++) inv += e->comp[i].mass_fraction / cf_rcomp_density(&e->comp[i]);
    return inv > 0 ? 1.0 / inv : 0.0;
}

int cf_rcoat_solve(const cf_recipe_electrode *e, const char *where, double *thickness_um,
                     double *porosity, double *density_g_cm3, cf_error *err)
{
    double m = e->coating_g_m2;
    if (m <= 0.0) {
        /* Bare collector (lithium plates on it): no layer. */
        *thickness_um = 0.0;
        *porosity = e->porosity.have ? e->porosity.v : 0.0;
        *density_g_cm3 = 0.0;
        return CF_OK;
    }
    double rs = cf_rcoat_skeleton_density(e);
    double t_por = 0, t_thk = 0, t_den = 0;
    int n = 0;
    double t = 0;
    if (e->porosity.have) {
        t_por = m / (rs * (1.0 - e->porosity.v));
        t = t_por;
        n++;
    }
    if (e->thickness_um.have) {
        t_thk = e->thickness_um.v;
        if (!n) t = t_thk;
        n++;
    }
    if (e->density_g_cm3.have) {
        t_den = m / e->density_g_cm3.v;
        if (!n) t = t_den;
        n++;
    }
    if (n == 0)
        return cf_error_set(err, CF_EINVAL, where,
                            "give one of porosity, thickness_um or density_g_cm3 for the coating");
    if (n > 1) {
        double tmin = INFINITY, tmax = 0;
        const double ts[3] = {e->porosity.have ? t_por : -1, e->thickness_um.have ? t_thk : -1,
                              e->density_g_cm3.have ? t_den : -1};
        for (int i = 0; i < 3; i++)
            if (ts[i] >= 0) {
                tmin = fmin(tmin, ts[i]);
                tmax = fmax(tmax, ts[i]);
            }
        if (tmax - tmin > CONSISTENCY_REL * tmin) {
            char parts[240] = "";
            size_t u = 0;
            if (e->porosity.have)
                u += (size_t)snprintf(parts + u, sizeof parts - u, " porosity %g -> %.4g um;", e->porosity.v, t_por);
            if (e->thickness_um.have && u < sizeof parts)
                u += (size_t)snprintf(parts + u, sizeof parts - u, " thickness_um %g -> %.4g um;", t_thk, t_thk);
            if (e->density_g_cm3.have && u < sizeof parts)
                snprintf(parts + u, sizeof parts - u, " density_g_cm3 %g -> %.4g um;", e->density_g_cm3.v, t_den);
            return cf_error_set(err, CF_EINVAL, where,
                                "porosity, thickness_um and density_g_cm3 disagree for coating %g g/m2 "
                                "with pore-free density %.4g g/cm3:%s they must imply the same thickness "
                                "within 1 %% — give only one",
                                m, rs, parts);
        }
    }
    double rho = m / t;
    double eps = 1.0 - rho / rs;
    if (eps < -1e-9)
        return cf_error_set(err, CF_EINVAL, where,
                            "apparent density %.4g g/cm3 (coating %g g/m2 over %.4g um) exceeds the "
                            "pore-free density %.4g g/cm3 of this composition: porosity would be %.3g",
                            rho, m, t, rs, eps);
    if (eps > 0.99)
        return cf_error_set(err, CF_EINVAL, where,
                            "porosity %.4g (coating %g g/m2 over %.4g um) is above 0.99: check the units "
                            "(g/m2 per side, um per side)",
                            eps, m, t);
    if (eps < 0) eps = 0;
    *thickness_um = t;
    /* Keep the given porosity exactly when it was given: claims compare it at its bounds. */
    *porosity = e->porosity.have ? e->porosity.v : eps;
    *density_g_cm3 = e->density_g_cm3.have && !e->porosity.have && !e->thickness_um.have ? e->density_g_cm3.v : rho;
    return CF_OK;
}
