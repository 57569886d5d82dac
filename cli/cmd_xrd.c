/* cmd_xrd.c — `cellforge xrd FILE`: d002 and Lc from a powder pattern. */
#include "charact_cli.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char *CMD = "xrd";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cellforge xrd FILE [options]\n"
            "\n"
            "Fits the (002) band of a hard-carbon powder pattern (2theta in degrees, intensity;\n"
            ".xy/.csv/.txt, header and # comment lines allowed) with a pseudo-Voigt on a\n"
            "polynomial background, and reports d002 (Bragg) and Lc (Scherrer) with fit\n"
            "uncertainties (1 sigma).  Formulas: docs/characterisation.md.\n"
            "\n"
            "options:\n"
            "  --window LO:HI         fit window in degrees 2theta, within [0.01, 179.99] (default 10:35)\n"
            "  --bg-order N           background polynomial order, [0, 3] (default 1)\n"
            "  --strip-ka2            remove Cu Ka2 (Rachinger); lambda becomes Cu Ka1 0.1540562 nm\n"
            "  --ka2-ratio R          I(Ka2)/I(Ka1) for stripping, [0, 1] (default 0.5)\n"
            "  --lambda NM            wavelength, [0.001, 0.999] nm (default Cu Ka mean 0.15418 nm)\n"
            "  --K K                  Scherrer constant, [0.5, 2] (default 0.9; the JSPS/Gakushin practice is\n"
            "                         discussed in the docs)\n"
            "  --instr-fwhm DEG       instrumental FWHM b to remove, [0, 10] deg (optionally\n"
            "                         --instr-fwhm-u DEG, [0, 10])\n"
            "  --standard FILE        take b from the strongest line of a standard's pattern (Si, LaB6)\n"
            "  --standard-range LO:HI where to look for that line, within [0.01, 179.99] (default: whole\n"
            "                         pattern)\n"
            "  --broadening gaussian|lorentzian\n"
            "                         beta = sqrt(B^2 - b^2) (default) or beta = B - b\n"
            "  --zero-shift DEG       subtract a 2theta zero offset, [-5, 5] deg (e.g. from an internal\n"
            "                         standard)\n"
            "  --json                 one JSON object on stdout\n"
            "  --into RECIPE COMPONENT  write d002_nm and lc_nm into the recipe's hard-carbon\n"
            "                         component (COMPONENT: negative or negative.components[0])\n");
}

static int parse_args(int argc, char **argv, const char **file, cf_xrd_options *o, const char **std_file,
                      double *std_lo, double *std_hi, cx_common *c)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int k = cx_common_arg(CMD, argc, argv, &i, c);
        if (k < 0) return 2;
        if (k > 0) continue;
        if (strcmp(a, "--strip-ka2") == 0) {
            o->strip_ka2 = 1;
            continue;
        }
        if (a[0] == '-' && a[1] == '-') {
            if (!(v = cx_value(CMD, argc, argv, &i))) return 2;
            int rc = 0;
            long n;
            if (strcmp(a, "--window") == 0)
                rc = cx_parse_range(CMD, a, v, CF_XRD_ANGLE_MIN_DEG, CF_XRD_ANGLE_MAX_DEG, &o->window_min_deg, &o->window_max_deg);
            else if (strcmp(a, "--bg-order") == 0) {
                rc = cli_parse_int(CMD, a, v, 0, CF_XRD_BG_ORDER_MAX, &n);
                o->background_order = (int)n;
            } else if (strcmp(a, "--ka2-ratio") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, 1.0, &o->ka2_ratio);
            else if (strcmp(a, "--lambda") == 0)
                rc = cli_parse_double(CMD, a, v, CF_XRD_LAMBDA_MIN_NM, CF_XRD_LAMBDA_MAX_NM, &o->lambda_nm);
            else if (strcmp(a, "--K") == 0)
                rc = cli_parse_double(CMD, a, v, CF_XRD_K_MIN, CF_XRD_K_MAX, &o->scherrer_k);
            else if (strcmp(a, "--instr-fwhm") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, CF_XRD_FWHM_MAX_DEG, &o->instrument_fwhm_deg);
            else if (strcmp(a, "--instr-fwhm-u") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, CF_XRD_FWHM_MAX_DEG, &o->instrument_fwhm_u_deg);
            else if (strcmp(a, "--standard") == 0)
                *std_file = v;
            else if (strcmp(a, "--standard-range") == 0)
                rc = cx_parse_range(CMD, a, v, CF_XRD_ANGLE_MIN_DEG, CF_XRD_ANGLE_MAX_DEG, std_lo, std_hi);
            else if (strcmp(a, "--zero-shift") == 0)
                rc = cli_parse_double(CMD, a, v, -CF_XRD_ZERO_SHIFT_MAX_DEG, CF_XRD_ZERO_SHIFT_MAX_DEG, &o->zero_shift_deg);
            else if (strcmp(a, "--broadening") == 0) {
                if (strcmp(v, "gaussian") == 0) o->broadening = CF_XRD_BROADENING_GAUSSIAN;
                else if (strcmp(v, "lorentzian") == 0) o->broadening = CF_XRD_BROADENING_LORENTZIAN;
                else rc = cli_usage_error(CMD, "--broadening expects gaussian or lorentzian, got '%s'", v);
            } else
                rc = cli_usage_error(CMD, "unknown option '%s'", a);
            if (rc) return 2;
            continue;
        }
        if (*file) return cli_usage_error(CMD, "more than one input file ('%s' and '%s')", *file, a);
        *file = a;
    }
    if (!*file) return cli_usage_error(CMD, "no pattern file given");
    if (*std_file && o->instrument_fwhm_deg > 0.0)
        return cli_usage_error(CMD, "give either --instr-fwhm or --standard, not both");
    return 0;
}

static void print_human(const char *file, const cf_xrd_pattern *p, const cf_xrd_result *r,
                        const cf_xrd_options *o, const char *std_file, double std_eta)
{
    char a[64], b[64], c[64];
    printf("cellforge xrd: %s (%zu points; fit %.2f–%.2f° 2θ, %zu points%s)\n", cli_esc(file), p->n, r->window_min_deg,
           r->window_max_deg, r->n_points, r->ka2_stripped ? ", Cu Kα2 stripped" : "");
    cx_format(a, sizeof a, r->two_theta_deg, r->two_theta_u_deg, 5);
    cx_format(b, sizeof b, r->fwhm_deg, r->fwhm_u_deg, 4);
    cx_format(c, sizeof c, r->eta, r->eta_u, 3);
    printf("  (002) peak    2θ = %s°   FWHM B = %s°   η (Lorentzian fraction) = %s\n", a, b, c);
    if (o->instrument_fwhm_deg > 0.0) {
        cx_format(a, sizeof a, o->instrument_fwhm_deg, o->instrument_fwhm_u_deg, 4);
        cx_format(b, sizeof b, r->beta_deg, r->beta_u_deg, 4);
        printf("  instrument    b = %s° (%s); %s: β = %s°\n", a, cli_esc(std_file ? std_file : "given"),
               o->broadening == CF_XRD_BROADENING_LORENTZIAN ? "Lorentzian, β = B − b"
                                                             : "Gaussian, β = sqrt(B² − b²)",
               b);
        if (std_file)
            printf("  standard      line shape η = %.2f (0 Gaussian, 1 Lorentzian; see --broadening)\n", std_eta);
    } else {
        printf("  instrument    no broadening correction (β = B)\n");
    }
    cx_format(a, sizeof a, r->d002_nm, r->d002_u_nm, 5);
    printf("  d002          %s nm   (Bragg, λ = %.7g nm)\n", a, r->lambda_nm);
    cx_format(a, sizeof a, r->lc_nm, r->lc_u_nm, 4);
    printf("  Lc(002)       %s nm   (Scherrer, K = %g)\n", a, r->scherrer_k);
    printf("  fit           R² = %.4f, residual σ = %.3g, background order %d, %d iterations\n", r->r2,
           r->noise, r->background_order, r->iterations);
}

static json_t *to_json(const char *file, const cf_xrd_result *r, const cf_xrd_options *o,
                       const char *std_file, double std_eta)
{
    json_t *j = json_object();
    json_object_set_new(j, "command", json_string("xrd"));
    json_object_set_new(j, "file", json_string(file));
    cx_json_vu(j, "d002_nm", r->d002_nm, r->d002_u_nm);
    cx_json_vu(j, "lc_nm", r->lc_nm, r->lc_u_nm);
    cx_json_vu(j, "two_theta_deg", r->two_theta_deg, r->two_theta_u_deg);
    cx_json_vu(j, "fwhm_deg", r->fwhm_deg, r->fwhm_u_deg);
    cx_json_vu(j, "beta_deg", r->beta_deg, r->beta_u_deg);
    cx_json_vu(j, "instrument_fwhm_deg", o->instrument_fwhm_deg, o->instrument_fwhm_u_deg);
    json_object_set_new(j, "instrument_source", std_file ? json_string(std_file) : json_string(o->instrument_fwhm_deg > 0 ? "given" : "none"));
    json_object_set_new(j, "standard_eta", std_file ? json_real(std_eta) : json_null());
    json_object_set_new(j, "broadening_correction",
                        json_string(o->broadening == CF_XRD_BROADENING_LORENTZIAN ? "lorentzian" : "gaussian"));
    cx_json_vu(j, "eta", r->eta, r->eta_u);
    cx_json_vu(j, "height", r->height, r->height_u);
    cx_json_num(j, "lambda_nm", r->lambda_nm);
    cx_json_num(j, "scherrer_k", r->scherrer_k);
    json_object_set_new(j, "ka2_stripped", json_boolean(r->ka2_stripped));
    json_object_set_new(j, "window_deg", json_pack("[f,f]", r->window_min_deg, r->window_max_deg));
    json_object_set_new(j, "background_order", json_integer(r->background_order));
    json_object_set_new(j, "n_points", json_integer((json_int_t)r->n_points));
    cx_json_num(j, "r2", r->r2);
    cx_json_num(j, "residual_sd", r->noise);
    json_object_set_new(j, "iterations", json_integer(r->iterations));
    return j;
}

int cmd_xrd(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        cli_help(stdout, CMD, NULL);
        return 0;
    }
    const char *file = NULL, *std_file = NULL;
    double std_lo = 0.0, std_hi = 0.0, std_eta = 0.0;
    cf_xrd_options o;
    cf_xrd_options_default(&o);
    cx_common c = {0};
    if (parse_args(argc, argv, &file, &o, &std_file, &std_lo, &std_hi, &c)) return 2;

    cf_error err;
    cf_error_clear(&err);
    if (std_file) {
        cf_xrd_pattern sp;
        if (cf_xrd_pattern_read(std_file, &sp, &err) != CF_OK) return cli_fail(CMD, &err);
        cf_xrd_standard st;
        int rc = cf_xrd_standard_fit(&sp, std_lo, std_hi, o.strip_ka2, o.ka2_ratio, &st, &err);
        cf_xrd_pattern_free(&sp);
        if (rc != CF_OK) {
            cf_error_prefix_where(&err, std_file);
            return cli_fail(CMD, &err);
        }
        o.instrument_fwhm_deg = st.fwhm_deg;
        o.instrument_fwhm_u_deg = st.fwhm_u_deg;
        std_eta = st.eta;
    }
    cf_xrd_pattern p;
    if (cf_xrd_pattern_read(file, &p, &err) != CF_OK) return cli_fail(CMD, &err);
    cf_xrd_result r;
    int rc = cf_xrd_analyze(&p, &o, &r, &err);
    if (rc != CF_OK) {
        cf_xrd_pattern_free(&p);
        cf_error_prefix_where(&err, file);
        return cli_fail(CMD, &err);
    }
    cf_charact_field f[] = {{"d002_nm", r.d002_nm}, {"lc_nm", r.lc_nm}};
    if (c.json) {
        cf_xrd_pattern_free(&p);
        json_t *j = to_json(file, &r, &o, std_file, std_eta);
        rc = cx_into(CMD, &c, f, 2, j);
        if (rc == 0) rc = cx_emit_json(j);
        json_decref(j);
        return rc;
    }
    print_human(file, &p, &r, &o, std_file, std_eta);
    cf_xrd_pattern_free(&p);
    return cx_into(CMD, &c, f, 2, NULL);
}
