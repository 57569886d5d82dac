/* test_materials.c — the built-in material functions and the material data
 * table: finite on their domains, analytic derivatives equal to finite
 * differences, OCPs strictly decreasing, and known values recomputed here
 * from the published formulas (not copied from the code's output). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cf_cell.h"
#include "materials/material_data.h"
#include "materials/material_fns.h"
#include "materials/smooth.h"

#define F_CONST 96485.33212
#define N_AVOGADRO 6.02214076e23

static const cf_material_fn_entry *entry(const char *name)
{
    int i = cf_material_fn_find(name);
    if (i < 0) fail_msg("material function '%s' is not registered", name);
    return cf_material_fn_get(i);
}

static double eval(const char *name, double x, double T)
{
    double d;
    return entry(name)->fn(x, T, &d);
}

static double deriv(const char *name, double x, double T)
{
    double d;
    entry(name)->fn(x, T, &d);
    return d;
}

/* Central difference against the analytic derivative; |error| must be under
 * 1e-5 relative or 1e-8 absolute.  `log_form` compares d ln f / d ln x (for
 * electrolyte properties, whose magnitudes span 1e-21..10). */
static void check_derivative(const cf_material_fn_entry *e, double x, double T, double h, int log_form)
{
    double an, dp, dm;
    double f = e->fn(x, T, &an);
    double fd = (e->fn(x + h, T, &dp) - e->fn(x - h, T, &dm)) / (2 * h);
    if (log_form) {
        an *= x / f;
        fd *= x / f;
    }
    double tol = fmax(1e-5 * fabs(an), 1e-8);
    if (!(fabs(fd - an) <= tol))
        fail_msg("%s: derivative at x = %.9g, T = %g: analytic %.9g, finite difference %.9g", e->name, x, T, an,
                 fd);
}

/* ---- registry ------------------------------------------------------------ */

/* The OCPs' one-exp tanh: within a few 1e-16 of libm's in absolute terms,
 * exactly +-1 far out, and NaN in, NaN out. */
static void test_fast_tanh(void **state)
{
    (void)state;
    double worst = 0.0;
    for (double z = -40.0; z <= 40.0; z += 0.001) worst = fmax(worst, fabs(cf_tanh(z) - tanh(z)));
    assert_true(worst < 5e-16);
    assert_true(cf_tanh(800.0) == 1.0 && cf_tanh(-800.0) == -1.0 && cf_tanh(0.0) == 0.0);
    assert_true(cf_tanh(INFINITY) == 1.0 && cf_tanh(-INFINITY) == -1.0 && isnan(cf_tanh(NAN)));
}

static void test_registry(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        cf_fn_role role;
    } expect[] = {
        {"graphite_chen2020", CF_FN_ROLE_OCP},
        {"nmc811_chen2020", CF_FN_ROLE_OCP},
        {"nyman2008_diffusivity", CF_FN_ROLE_ELECTROLYTE_D},
        {"nyman2008_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
        {"tin_ocp_li4.4sn", CF_FN_ROLE_OCP},
        {"ni3sn4_ocp", CF_FN_ROLE_OCP},
        {"hard_carbon_ocp", CF_FN_ROLE_OCP},
        {"linio2_ocp", CF_FN_ROLE_OCP},
        {"limn2o4_ocp", CF_FN_ROLE_OCP},
        {"nca_ocp_albertus", CF_FN_ROLE_OCP},
        {"lco_ocp_ramadass", CF_FN_ROLE_OCP},
        {"lfp_ocp_prada2013", CF_FN_ROLE_OCP},
        {"valoen_reimers2005_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
        {"valoen_reimers2005_diffusivity", CF_FN_ROLE_ELECTROLYTE_D},
        {"valoen_reimers2005_thermodynamic_factor", CF_FN_ROLE_ELECTROLYTE_TDF},
        {"graphite_diffusivity_ecker2015", CF_FN_ROLE_SOLID_D},
        {"nco_diffusivity_ecker2015", CF_FN_ROLE_SOLID_D},
        {"graphite_mcmb2528_dualfoil", CF_FN_ROLE_OCP},
        {"lco_ocp_dualfoil1998", CF_FN_ROLE_OCP},
        {"capiglia1999_diffusivity", CF_FN_ROLE_ELECTROLYTE_D},
        {"capiglia1999_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
        {"graphite_ocp_ecker2015", CF_FN_ROLE_OCP},
        {"nco_ocp_ecker2015", CF_FN_ROLE_OCP},
        {"ecker2015_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
        {"ecker2015_diffusivity", CF_FN_ROLE_ELECTROLYTE_D},
        {"graphite_ocp_mohtat2020", CF_FN_ROLE_OCP},
        {"nmc_ocp_mohtat2020", CF_FN_ROLE_OCP},
        {"mohtat2020_diffusivity", CF_FN_ROLE_ELECTROLYTE_D},
        {"mohtat2020_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
        {"graphite_ocp_kim2011", CF_FN_ROLE_OCP},
        {"nca_ocp_kim2011", CF_FN_ROLE_OCP},
        {"kim2011_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
        {"kim2011_diffusivity", CF_FN_ROLE_ELECTROLYTE_D},
        {"prada2013_conductivity", CF_FN_ROLE_ELECTROLYTE_KAPPA},
    };
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
        assert_int_equal(entry(expect[k].name)->role, expect[k].role);
    int n = cf_material_fn_count();
    for (int i = 0; i < n; i++) {
        const cf_material_fn_entry *e = cf_material_fn_get(i);
        assert_non_null(e->fn);
        assert_true(e->source && strlen(e->source) > 10);
        assert_int_equal(cf_material_fn_find(e->name), i); /* names are unique */
        assert_true(strlen(e->name) < CF_NAME_MAX);
    }
    assert_null(cf_material_fn_get(n));
    assert_int_equal(cf_material_fn_find("tin_ocp_li4.4s"), -1);

    /* Reachable through the cell's cf_fn, as a cell file would use them. */
    cf_fn f;
    cf_error err;
    assert_int_equal(cf_fn_set_builtin(&f, "valoen_reimers2005_thermodynamic_factor", &err), CF_OK);
    double d1, d2;
    assert_true(cf_fn_eval(&f, 1200.0, 300.0, &d1) ==
                cf_electrolyte_tdf_valoen2005(1200.0, 300.0, &d2));
    assert_true(d1 == d2);
}

/* ---- every OCP ----------------------------------------------------------- */

static void test_ocps_finite_monotone_smooth(void **state)
{
    (void)state;
    const int n = 20000;
    for (int i = 0; i < cf_material_fn_count(); i++) {
        const cf_material_fn_entry *e = cf_material_fn_get(i);
        if (e->role != CF_FN_ROLE_OCP) continue;
        /* Fits kept as published that are not monotone in a narrow window,
         * each bounded: Dualfoil's MCMB 2528 graphite rises by 0.043 mV on
         * sto [0.3136, 0.3333]; Ecker et al.'s NCO by 0.034 mV below sto
         * 0.00092 (checked to 0.002; no cut-off reaches either window). */
        static const struct {
            const char *name;
            double lo, hi, rise_V;
        } BUMPS[] = {{"graphite_mcmb2528_dualfoil", 0.3135, 0.3334, 0.05e-3}, {"nco_ocp_ecker2015", -1.0, 0.002, 0.04e-3}};
        int bump = -1;
        for (int b = 0; b < 2; b++)
            if (strcmp(e->name, BUMPS[b].name) == 0) bump = b;
        double prev = INFINITY, bump_low = INFINITY;
        for (int k = 0; k <= n; k++) {
            double s = (double)k / n, d;
            double u = e->fn(s, 298.15, &d);
            if (!isfinite(u) || !isfinite(d)) fail_msg("%s: not finite at sto %g", e->name, s);
            if (bump >= 0 && s > BUMPS[bump].lo && s < BUMPS[bump].hi) {
                bump_low = fmin(bump_low, u);
                if (u - bump_low > BUMPS[bump].rise_V) fail_msg("%s: rises %g V by sto %g", e->name, u - bump_low, s);
                prev = u;
                continue;
            }
            if (!(u < prev) || !(d < 0))
                fail_msg("%s: not strictly decreasing at sto %g (U %.9g after %.9g, dU %g)", e->name, s, u, prev, d);
            prev = u;
        }
        /* Off-grid points (joins between pieces are checked separately). */
        for (int k = 0; k < 1000; k++) check_derivative(e, (k + 0.37) / 1000.0, 298.15, 1e-6, 0);
    }
}

/* The piecewise OCPs join with equal value and slope (C1): the joins listed
 * in linio2.c / limn2o4.c and docs/materials.md, in sto = y/2. */
static void test_ocp_joins_are_c1(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        double sto;
    } joins[] = {{"linio2_ocp", 0.47 / 2}, {"linio2_ocp", 0.99 / 2}, {"limn2o4_ocp", 0.2 / 2},
                 {"limn2o4_ocp", 0.99 / 2}};
    for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++) {
        const double s = joins[k].sto, eps = 1e-11;
        double dl = deriv(joins[k].name, s - eps, 298.15), dr = deriv(joins[k].name, s + eps, 298.15);
        double ul = eval(joins[k].name, s - eps, 298.15), ur = eval(joins[k].name, s + eps, 298.15);
        if (fabs(ur - ul) > 1e-9 || fabs(dr - dl) > 1e-6 * fabs(dl))
            fail_msg("%s: not C1 at sto %g: U %.12g | %.12g, dU %.9g | %.9g", joins[k].name, s, ul, ur, dl, dr);
        /* A one-sided difference on either side matches the analytic slope. */
        double h = 1e-8;
        assert_true(fabs((eval(joins[k].name, s + h, 298.15) - eval(joins[k].name, s, 298.15)) / h - dr) <
                    1e-4 * fabs(dr));
        assert_true(fabs((eval(joins[k].name, s, 298.15) - eval(joins[k].name, s - h, 298.15)) / h - dl) <
                    1e-4 * fabs(dl));
    }
}

/* ---- Sn and Ni3Sn4 --------------------------------------------------------- */

/* Room-temperature Li–Sn plateaus and their y ranges (Huggins,
 * Handbook of Battery Materials, 2nd ed., ch. 14, Fig. 14.16): the curve must sit on each within 10 mV mid-plateau. */
static const double SN_V[7] = {0.76, 0.66, 0.53, 0.485, 0.42, 0.38, 0.35};
static const double SN_Y[8] = {0.0, 0.4, 1.0, 2.33, 2.5, 2.6, 3.5, 4.4};

static void test_tin_plateaus(void **state)
{
    (void)state;
    for (int i = 0; i < 7; i++) {
        double s = 0.5 * (SN_Y[i] + SN_Y[i + 1]) / 4.4;
        double u = eval("tin_ocp_li4.4sn", s, 298.15);
        if (fabs(u - SN_V[i]) > 0.010) fail_msg("tin: %.4f V at y = %.3f, plateau is %.3f V", u, s * 4.4, SN_V[i]);
        /* Ni3Sn4 [ASSUME]: the same plateaus 30–50 mV lower (the first one
         * also carries the sloping start, so it may sit higher). */
        double v = eval("ni3sn4_ocp", s, 298.15);
        if (i > 0 && !(u - v >= 0.030 && u - v <= 0.050))
            fail_msg("ni3sn4: %.4f V vs tin %.4f V at sto %.3f", v, u, s);
    }
    /* Ends: above 1 V as sto -> 0, 0.05–0.3 V at sto = 1. */
    assert_true(eval("tin_ocp_li4.4sn", 0.0, 298.15) > 1.0);
    assert_true(eval("ni3sn4_ocp", 0.0, 298.15) > 1.0);
    double u1 = eval("tin_ocp_li4.4sn", 1.0, 298.15), v1 = eval("ni3sn4_ocp", 1.0, 298.15);
    assert_true(u1 >= 0.05 && u1 <= 0.3);
    assert_true(v1 >= 0.05 && v1 <= 0.3);
    /* Steps steep enough to be plateaus, gentle enough for Newton. */
    double smax = 0, nmax = 0;
    for (int k = 0; k <= 100000; k++) {
        smax = fmax(smax, fabs(deriv("tin_ocp_li4.4sn", k / 1e5, 298.15)));
        nmax = fmax(nmax, fabs(deriv("ni3sn4_ocp", k / 1e5, 298.15)));
    }
    assert_true(smax < 50.0 && smax > 5.0);
    assert_true(nmax < 50.0);
    /* Between two plateaus the curve passes their mean at the phase boundary. */
    double ub = eval("tin_ocp_li4.4sn", 1.0 / 4.4, 298.15);
    assert_true(fabs(ub - 0.5 * (0.66 + 0.53)) < 0.01);
}

/* ---- hard carbon ---------------------------------------------------------- */

static void test_hard_carbon_shape(void **state)
{
    (void)state;
    const char *hc = "hard_carbon_ocp";
    assert_true(fabs(eval(hc, 0.0, 298.15) - 1.1) < 0.05);     /* slope starts ~1.1 V */
    double u5 = eval(hc, 0.5, 298.15);
    assert_true(u5 > 0.08 && u5 < 0.13);                        /* ~0.1 V at sto 0.5  */
    for (double s = 0.55; s <= 1.0; s += 0.05) {                /* low plateau        */
        double u = eval(hc, s, 298.15);
        assert_true(u > 0.005 && u < 0.09);
    }
    assert_true(fabs(eval(hc, 1.0, 298.15) - 0.01) < 0.005);
    /* The sloping half is much steeper than the plateau half. */
    assert_true(fabs(deriv(hc, 0.25, 298.15)) > 5 * fabs(deriv(hc, 0.75, 298.15)));
}

/* ---- LiNiO2 ---------------------------------------------------------------- */

/* DUALFOIL 5.2 LiyNiO2 fit (Doyle), recomputed here from its coefficients. */
static double dualfoil_linio2(double y)
{
    return 6.515 + 2.3192 * y - 5.3342 * sqrt(y) + 0.41082 * exp(200 * (0.44 - y)) -
           0.24247 * exp(60 * (y - 0.99));
}

static void test_linio2(void **state)
{
    (void)state;
    /* Doyle's fit (DUALFOIL 5.2) is quoted at y = 0.5..0.9 to 10 mV.  Its 3.78 V at
     * y = 0.6 is the fit's 3.7747 V rounded the wrong way (5.3 mV), so the
     * listed values get 6 mV and the recomputed formula 5 mV (in fact the
     * curve is the formula there, to rounding). */
    static const double y[] = {0.5, 0.6, 0.7, 0.8, 0.9};
    static const double listed[] = {3.90, 3.78, 3.68, 3.60, 3.54};
    for (int i = 0; i < 5; i++) {
        double u = eval("linio2_ocp", y[i] / 2, 298.15);
        if (fabs(u - dualfoil_linio2(y[i])) > 0.005 || fabs(u - listed[i]) > 0.006)
            fail_msg("LiNiO2 at y = %.2f: %.4f V (DUALFOIL %.4f, listed %.2f)", y[i], u, dualfoil_linio2(y[i]),
                     listed[i]);
    }
    assert_true(fabs(eval("linio2_ocp", 0.99 / 2, 298.15) - 3.26) < 0.005);
    /* [ASSUME] extensions: ~4.5 V at y = 0.2; a ~1.9 V plateau for 1 < y < 2
     * (Li2NiO2 formation), falling as y -> 2. */
    assert_true(fabs(eval("linio2_ocp", 0.1, 298.15) - 4.5) < 0.05);
    for (double yy = 1.3; yy <= 1.85; yy += 0.05) {
        double u = eval("linio2_ocp", yy / 2, 298.15);
        if (fabs(u - 1.9) > 0.03) fail_msg("LiNiO2 over-lithiation plateau at y = %.2f: %.4f V", yy, u);
    }
    assert_true(eval("linio2_ocp", 1.0, 298.15) < 1.5);
}

/* ---- LiMn2O4 --------------------------------------------------------------- */

static double doyle1996_limn2o4(double y)
{
    return 4.19829 + 0.0565661 * tanh(-14.5546 * y + 8.60942) -
           0.0275479 * (pow(0.998432 - y, -0.492465) - 1.90111) - 0.157123 * exp(-0.04738 * pow(y, 8)) +
           0.810239 * exp(-40 * (y - 0.133875));
}

static void test_limn2o4(void **state)
{
    (void)state;
    static const double y[] = {0.3, 0.5, 0.7};
    for (int i = 0; i < 3; i++) {
        double u = eval("limn2o4_ocp", y[i] / 2, 298.15);
        if (fabs(u - doyle1996_limn2o4(y[i])) > 0.005)
            fail_msg("LiMn2O4 at y = %.1f: %.4f V, Doyle 1996 %.4f V", y[i], u, doyle1996_limn2o4(y[i]));
    }
    /* Over-lithiation: the DUALFOIL lower plateau, 2.06307 - 0.869705
     * tanh(8.65375 (x - 0.981258)) with x = y - 1, once the 4 V step has
     * decayed (y >= 1.3). */
    for (double x = 0.3; x <= 1.0; x += 0.1) {
        double p = 2.06307 - 0.869705 * tanh(8.65375 * (x - 0.981258));
        double u = eval("limn2o4_ocp", (1 + x) / 2, 298.15);
        if (fabs(u - p) > 0.005) fail_msg("LiMn2O4 lower plateau at x = %.1f: %.4f V, DUALFOIL %.4f V", x, u, p);
    }
    assert_true(fabs(eval("limn2o4_ocp", 0.75, 298.15) - 2.93) < 0.01);
    /* The 4 V fit is singular at y = 0.998432; the curve stays finite there. */
    assert_true(isfinite(eval("limn2o4_ocp", 0.998432 / 2, 298.15)));
    assert_true(isfinite(deriv("limn2o4_ocp", 0.998432 / 2, 298.15)));
}

static void test_nca_albertus(void **state)
{
    (void)state;
    for (double y = 0.1; y < 1.0; y += 0.2) {
        double f = 0.99 * y * y - 2.35 * y + 4.9 - exp(45 * (y - 1.012)) + exp((0.04 - y) / 0.085) -
                   exp(100 * (y - 1.005));
        assert_true(fabs(eval("nca_ocp_albertus", y, 298.15) - f) < 1e-12);
    }
}

/* LiFePO4 (Afshar 2017 fit of PyBaMM's Prada2013 set): the formula, a flat
 * plateau at 3.38-3.41 V over 0.1 <= y <= 0.85, its ends 3.908 V and 2.487 V;
 * the material's window 2.5 V is reached within 1e-3 of full lithiation
 * and its upper limit 4.2 V never (sto 0); c_max = rho / M from Padhi's
 * lattice (a 10.334, b 6.008, c 4.693 A, Z = 4). */
static void test_lfp_prada2013(void **state)
{
    (void)state;
    for (double y = 0.05; y < 1.0; y += 0.1) {
        double f = 3.4077 - 0.020269 * y + 0.5 * exp(-150 * y) - 0.9 * exp(-30 * (1 - y));
        assert_true(fabs(eval("lfp_ocp_prada2013", y, 298.15) - f) < 1e-12);
    }
    for (double y = 0.1; y <= 0.85; y += 0.05) {
        double u = eval("lfp_ocp_prada2013", y, 298.15);
        assert_true(u > 3.38 && u < 3.41);
    }
    assert_true(fabs(eval("lfp_ocp_prada2013", 0.0, 298.15) - 3.9077) < 1e-9);
    assert_true(fabs(eval("lfp_ocp_prada2013", 1.0, 298.15) - (3.4077 - 0.020269 - 0.9)) < 1e-9);
    const cf_material_data *m = cf_material_data_find("lfp");
    double lo, hi;
    assert_int_equal(cf_material_window_sto(m, &lo, &hi), 0);
    assert_true(lo == 0.0 && hi > 0.999 && hi < 1.0);
    double rho = 4 * 157.756 / (N_AVOGADRO * 10.334 * 6.008 * 4.693e-24) * 1000; /* kg/m3 */
    assert_true(fabs(m->density_kg_m3 / rho - 1) < 2e-3);
}

/* The Ramadass fit inside its window; 4.2 V near y = 0.517 and 3.0 V near
 * 0.997; C1 linear continuations at the joins 0.47 and 0.999. */
static void test_lco_ramadass(void **state)
{
    (void)state;
    for (double y = 0.48; y < 0.999; y += 0.05) {
        double y2 = y * y;
        double f = (-4.656 + 88.669 * y2 - 401.119 * pow(y2, 2) + 342.909 * pow(y2, 3) - 462.471 * pow(y2, 4) +
                    433.434 * pow(y2, 5)) /
                   (-1 + 18.933 * y2 - 79.532 * pow(y2, 2) + 37.311 * pow(y2, 3) - 73.083 * pow(y2, 4) +
                    95.96 * pow(y2, 5));
        assert_true(fabs(eval("lco_ocp_ramadass", y, 298.15) - f) < 1e-12);
    }
    assert_true(fabs(eval("lco_ocp_ramadass", 0.5168, 298.15) - 4.2) < 1e-3);
    assert_true(fabs(eval("lco_ocp_ramadass", 0.9967, 298.15) - 3.0) < 2e-3);
    static const double joins[] = {0.47, 0.999};
    for (int k = 0; k < 2; k++) {
        double s = joins[k], eps = 1e-11;
        double ul = eval("lco_ocp_ramadass", s - eps, 298.15), ur = eval("lco_ocp_ramadass", s + eps, 298.15);
        double dl = deriv("lco_ocp_ramadass", s - eps, 298.15), dr = deriv("lco_ocp_ramadass", s + eps, 298.15);
        /* the values differ by the slope times 2 eps (up to 250 V per unit y) */
        if (fabs(ur - ul) > 1e-9 + 4 * eps * fabs(dl) || fabs(dr - dl) > 1e-6 * fabs(dl))
            fail_msg("lco: not C1 at %g: U %.12g | %.12g, dU %.9g | %.9g", s, ul, ur, dl, dr);
    }
    /* Finite through the fit's poles at y = 0.277 and 0.422. */
    assert_true(isfinite(eval("lco_ocp_ramadass", 0.422, 298.15)) && eval("lco_ocp_ramadass", 0.0, 298.15) < 7.0);
}

/* ---- electrolytes ---------------------------------------------------------- */

static void test_electrolytes_finite_and_derivatives(void **state)
{
    (void)state;
    for (int i = 0; i < cf_material_fn_count(); i++) {
        const cf_material_fn_entry *e = cf_material_fn_get(i);
        if (e->role == CF_FN_ROLE_OCP || e->role == CF_FN_ROLE_SOLID_D) continue;
        for (double T = 233.0; T <= 353.0 + 1e-9; T += 7.5) {
            for (int k = 0; k <= 300; k++) {
                double c = 1.0 + (6000.0 - 1.0) * k / 300.0, d;
                double f = e->fn(c, T, &d);
                if (!isfinite(f) || !isfinite(d) || !(f > 0))
                    fail_msg("%s: %g (slope %g) at c = %g mol/m3, T = %g K", e->name, f, d, c, T);
                check_derivative(e, c, T, 1e-6 * c, 1);
            }
            /* The lower end of the range, log-spaced. */
            for (double c = 1.0; c < 1000.0; c *= 1.37) check_derivative(e, c, T, 1e-6 * c, 1);
        }
    }
}

/* Solid diffusivities of the stoichiometry: positive and finite on [0, 1]
 * over 233..353 K with the right slope (log form), and Ecker et al. (2015)'s
 * values at their reference temperatures: graphite 8.4e-13 + 8.2e-15 at
 * sto 0 (296 K), NCO 3.7e-13 - 3.4e-13 = 3e-14 at its minimum sto 0.62
 * (296.15 K); 10 K warmer multiplies them by exp(Ea/R (1/T0 - 1/T)). */
static void test_solid_diffusivities(void **state)
{
    (void)state;
    for (int i = 0; i < cf_material_fn_count(); i++) {
        const cf_material_fn_entry *e = cf_material_fn_get(i);
        if (e->role != CF_FN_ROLE_SOLID_D) continue;
        for (double T = 233.0; T <= 353.0 + 1e-9; T += 7.5)
            for (int k = 0; k <= 100; k++) {
                double s = k / 100.0, d, f = e->fn(s, T, &d);
                if (!isfinite(f) || !isfinite(d) || !(f > 0 && f < 1e-9))
                    fail_msg("%s: %g (slope %g) at sto %g, T = %g K", e->name, f, d, s, T);
                check_derivative(e, fmax(s, 1e-3), T, 1e-6, 1);
            }
    }
    double R = 8.314462618;
    assert_true(fabs(eval("graphite_diffusivity_ecker2015", 0.0, 296.0) / 8.482e-13 - 1) < 1e-12);
    assert_true(fabs(eval("nco_diffusivity_ecker2015", 0.62, 296.15) / 3e-14 - 1) < 1e-12);
    assert_true(fabs(eval("graphite_diffusivity_ecker2015", 0.0, 306.0) /
                         (8.482e-13 * exp(3.03e4 / R * (1 / 296.0 - 1 / 306.0))) - 1) < 1e-12);
    assert_true(fabs(eval("nco_diffusivity_ecker2015", 0.62, 306.15) /
                         (3e-14 * exp(8.06e4 / R * (1 / 296.15 - 1 / 306.15))) - 1) < 1e-12);
}

static void test_electrolyte_known_values(void **state)
{
    (void)state;
    /* Valøen–Reimers conductivity at c = 1 mol/L, T = 298 K, by hand:
     *   a0 = -10.5 + 0.0740*298 - 6.96e-5*298^2 = -10.5 + 22.052 - 6.1807584 = 5.3712416
     *   a1 = 0.668 - 0.0178*298 + 2.80e-5*298^2 = 0.668 - 5.3044 + 2.486512  = -2.149888
     *   a2 = 0.494 - 8.86e-4*298               = 0.494 - 0.264028           = 0.229972
     *   p  = a0 + a1 + a2 = 3.4513256;  kappa = 0.1 * 1 * p^2 = 1.19116 S/m.
     * (Not 0.95–1.0 S/m as the task guessed: that is the range of other
     * LiPF6 fits, e.g. Nyman's 0.9487 below.) */
    double k = eval("valoen_reimers2005_conductivity", 1000.0, 298.0);
    assert_true(fabs(k - 1.19116) < 2e-5);
    /* D at 1 mol/L, 298.15 K: 1e-4 * 10^(-4.43 - 54/64.15 - 0.22)
     *   = 1e-4 * 10^-5.491777 = 3.2227e-10 m2/s. */
    double D = eval("valoen_reimers2005_diffusivity", 1000.0, 298.15);
    assert_true(fabs(D / 3.2227e-10 - 1) < 1e-4);
    /* TDF at 1 mol/L, 294 K: (0.601 - 0.24 + 0.982)/(1 - 0.38) = 2.166129. */
    double t = eval("valoen_reimers2005_thermodynamic_factor", 1000.0, 294.0);
    assert_true(fabs(t - 1.343 / 0.62) < 1e-6);
    /* Conductivity and diffusivity rise with temperature at 1 M. */
    assert_true(eval("valoen_reimers2005_conductivity", 1000.0, 273.15) < k);
    assert_true(eval("valoen_reimers2005_conductivity", 1000.0, 323.15) > k);
    assert_true(eval("valoen_reimers2005_diffusivity", 1000.0, 273.15) < D);
    /* Nyman 2008 at 1 mol/L: 0.1297 - 2.51 + 3.329 = 0.9487 S/m;
     * D = 8.794e-11 - 3.972e-10 + 4.862e-10 = 1.7694e-10 m2/s. */
    assert_true(fabs(eval("nyman2008_conductivity", 1000.0, 298.15) - 0.9487) < 1e-12);
    assert_true(fabs(eval("nyman2008_diffusivity", 1000.0, 298.15) / 1.7694e-10 - 1) < 1e-12);
}

/* The functions of the literature sets (docs/cells.md) against PyBaMM
 * 26.10.1.1's own functions of the same sets, evaluated there (OCPs at sto
 * 0.5; electrolytes at 1200 mol/m3 and 310 K, off every reference
 * temperature so the Arrhenius and 1/T factors count). */
static void test_literature_set_values(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        double x, want;
    } V[] = {
        {"graphite_ocp_ecker2015", 0.5, 0.12402174861596846},
        {"nco_ocp_ecker2015", 0.5, 3.9478335866199044},
        {"graphite_ocp_mohtat2020", 0.5, 0.099499300537268964},
        {"nmc_ocp_mohtat2020", 0.5, 3.8147812500000007},
        {"graphite_ocp_kim2011", 0.5, 0.055995789914284583},
        {"nca_ocp_kim2011", 0.5, 3.9759622656249975},
        {"ecker2015_conductivity", 1200.0, 1.194650476991699},
        {"ecker2015_diffusivity", 1200.0, 2.7563407223796294e-10},
        {"kim2011_conductivity", 1200.0, 1.1243044567612022},
        {"kim2011_diffusivity", 1200.0, 1.7428576248906159e-10},
        {"prada2013_conductivity", 1200.0, 1.8984959519999998},
        {"mohtat2020_conductivity", 1200.0, 2.21985595936449},
        {"mohtat2020_diffusivity", 1200.0, 9.4712195560349345e-10},
    };
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++) {
        double got = eval(V[i].name, V[i].x, 310.0);
        /* rounding: PyBaMM forms the Ecker conductivity's factors
         * differently (6e-12) */
        double tol = 1e-10;
        if (!(fabs(got / V[i].want - 1) < tol)) fail_msg("%s(%g): %.17g, PyBaMM %.17g", V[i].name, V[i].x, got, V[i].want);
    }
}

/* ---- material data --------------------------------------------------------- */

static void test_material_data_rows(void **state)
{
    (void)state;
    static const char *const required[] = {"tin",     "ni3sn4",  "hard_carbon",  "graphite",
                                           "nmc811",  "linio2",  "limn2o4",      "nca",
                                           "lco",     "lfp",     "lithium_metal"};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (!cf_material_data_find(required[k])) fail_msg("no material data row '%s'", required[k]);
    assert_null(cf_material_data_find(NULL));
    assert_null(cf_material_data_find("unobtainium"));
    assert_null(cf_material_data_get(-1));
    assert_null(cf_material_data_get(cf_material_data_count()));

    for (int i = 0; i < cf_material_data_count(); i++) {
        const cf_material_data *m = cf_material_data_get(i);
        assert_ptr_equal(cf_material_data_find(m->name), m);
        assert_true(m->c_max_mol_m3 > 0 && m->density_kg_m3 > 0 && m->molar_mass_kg_mol > 0);
        assert_true(m->volume_expansion >= 0 && m->diffusivity_m2_s >= 0 && m->j0_ref >= 0);
        assert_true(m->sto_min >= 0 && m->sto_max <= 1 && m->sto_min <= m->sto_as_made &&
                    m->sto_as_made <= m->sto_max);
        assert_true(m->source && m->formula);
        if (m->ocp) assert_int_equal(entry(m->ocp)->role, CF_FN_ROLE_OCP);
        /* j0_typical is j0_ref at c_e = 1000 mol/m3 and half lithiation. */
        if (m->j0_ref > 0) {
            double j0 = m->j0_ref * sqrt(1000.0) * 0.5 * m->c_max_mol_m3;
            if (fabs(j0 / m->j0_typical_A_m2 - 1) > 0.01)
                fail_msg("%s: j0_ref gives %.3f A/m2, j0_typical says %.3f", m->name, j0, m->j0_typical_A_m2);
            /* graphite and LFP: as published (LFP's 50 nm particles have the area) */
            if (strcmp(m->name, "graphite") != 0 && strcmp(m->name, "lfp") != 0) assert_true(j0 >= 0.9 && j0 <= 5.0);
        }
    }
    /* Site concentrations from Li per formula unit, density and molar mass. */
    static const struct {
        const char *name;
        double li_per_unit, rho, M;
    } sites[] = {{"tin", 4.4, 7285, 0.11871},       {"ni3sn4", 17.6, 8650, 0.65092},
                 {"linio2", 2.0, 4780, 0.097632},   {"limn2o4", 2.0, 4140, 0.180813},
                 {"lfp", 1.0, 3600, 0.157756},      {"lithium_metal", 1.0, 534, 0.006941}};
    for (size_t k = 0; k < sizeof sites / sizeof sites[0]; k++) {
        const cf_material_data *m = cf_material_data_find(sites[k].name);
        double c = sites[k].li_per_unit * sites[k].rho / sites[k].M;
        if (fabs(m->c_max_mol_m3 / c - 1) > 1e-3) fail_msg("%s: c_max %g, expected %g", m->name, m->c_max_mol_m3, c);
    }
    /* Hard carbon: 300 mAh/g at 1.55 g/cm3 (1 mAh = 3.6 C). */
    assert_true(fabs(cf_material_data_find("hard_carbon")->c_max_mol_m3 / (300 * 3.6 * 1.55e6 / F_CONST) - 1) < 1e-3);
    /* Li metal: molar volume 1.3e-5 m3/mol is 76 923 mol/m3. */
    assert_true(fabs(cf_material_data_find("lithium_metal")->c_max_mol_m3 * 1.3e-5 - 1) < 2e-3);
    assert_null(cf_material_data_find("lithium_metal")->ocp);
    /* c_max, density and theoretical capacity agree for every material:
     * c_max = rho q 3.6 / F (1 mAh = 3.6 C), to 0.1 %; and the window is a
     * window, the first-cycle efficiency a fraction, and the OCP reaches the
     * window's edges inside its range (sto_lo < sto_hi). */
    for (int i = 0; i < cf_material_data_count(); i++) {
        const cf_material_data *m = cf_material_data_get(i);
        double c = cf_material_c_max(m->density_kg_m3, m->q_theo_mAh_g);
        assert_true(fabs(c - m->density_kg_m3 * 1000 * m->q_theo_mAh_g * 3.6 / F_CONST) < 1e-9 * c);
        if (fabs(m->c_max_mol_m3 / c - 1) > 1e-3)
            fail_msg("%s: c_max %g but rho q 3.6/F = %g", m->name, m->c_max_mol_m3, c);
        assert_true(m->first_cycle_efficiency > 0 && m->first_cycle_efficiency <= 1);
        if (!m->ocp) continue;
        assert_true(m->u_min_V >= 0 && m->u_min_V < m->u_max_V && m->u_max_V <= 5);
        double lo, hi;
        assert_int_equal(cf_material_window_sto(m, &lo, &hi), 0);
        assert_true(lo < hi);
    }
    /* Graphite and NMC811 at their crystal site densities (Chen2020 fitted
     * 33 133 and 63 104; the built-in chen2020 cell keeps those). */
    assert_true(fabs(cf_material_data_find("graphite")->c_max_mol_m3 / (2260 / 0.072066) - 1) < 1e-3);
    assert_true(fabs(cf_material_data_find("nmc811")->c_max_mol_m3 / (4750 / 0.097281) - 1) < 1e-3);
    /* NMC811 to its 4.3 V limit from Li1.0: 1 - sto(4.3 V) of 275.5 mAh/g */
    double lo, hi;
    cf_material_window_sto(cf_material_data_find("nmc811"), &lo, &hi);
    assert_true(lo > 0.2 && lo < 0.3 && hi == 1.0);
    /* Expansion: Sn 27.05 -> 96.7 A^3 per Sn; Ni3Sn4 -> 4 Li4.4Sn + 3 Ni from
     * molar volumes (cm3/mol). */
    assert_true(fabs(cf_material_data_find("tin")->volume_expansion - (96.7 / 27.05 - 1)) < 2e-3);
    double v_li44sn = 96.7e-24 * N_AVOGADRO, v_ni = 58.6934 / 8.908, v_ni3sn4 = 650.92 / 8.65;
    assert_true(fabs(cf_material_data_find("ni3sn4")->volume_expansion - ((4 * v_li44sn + 3 * v_ni) / v_ni3sn4 - 1)) <
                2e-3);
    /* Sn diffusivity within the apparent range 1e-15..1e-14 m2/s. */
    double dsn = cf_material_data_find("tin")->diffusivity_m2_s;
    assert_true(dsn >= 1e-15 && dsn <= 1e-14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_tanh), cmocka_unit_test(test_registry),
        cmocka_unit_test(test_ocps_finite_monotone_smooth),
        cmocka_unit_test(test_ocp_joins_are_c1),
        cmocka_unit_test(test_tin_plateaus),
        cmocka_unit_test(test_hard_carbon_shape),
        cmocka_unit_test(test_linio2),
        cmocka_unit_test(test_limn2o4),
        cmocka_unit_test(test_nca_albertus),
        cmocka_unit_test(test_lfp_prada2013),
        cmocka_unit_test(test_lco_ramadass),
        cmocka_unit_test(test_electrolytes_finite_and_derivatives),
        cmocka_unit_test(test_electrolyte_known_values),
        cmocka_unit_test(test_literature_set_values),
        cmocka_unit_test(test_solid_diffusivities),
        cmocka_unit_test(test_material_data_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
