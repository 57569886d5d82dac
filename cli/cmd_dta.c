/* cmd_dta.c — `cellforge dta FILE`: exothermic peak temperatures of a DTA/DSC curve. */
#include "charact_cli.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *CMD = "dta";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cellforge dta FILE [options]\n"
            "\n"
            "Exothermic peaks of a DTA or DSC heating curve: two columns, temperature (°C,\n"
            "non-decreasing) and signal (ΔT or heat flow, any unit; exothermic up unless\n"
            "--exo-down).  A straight baseline through the first and last 5 %% is removed;\n"
            "each peak temperature is the maximum of a cubic fitted to the peak's top.\n"
            "\n"
            "options:\n"
            "  --exo-down             exothermic signal is negative (common DSC convention)\n"
            "  --range LO:HI          analyse only this temperature range, within [-273.15, 3000] °C\n"
            "  --cols T,S             1-based temperature and signal columns of a wider table\n"
            "  --smooth C             Gaussian smoothing σ for peak finding, [0, 100] °C (default auto)\n"
            "  --min-fraction F       ignore peaks smaller than F × the largest, [0, 0.99] (default 0.05)\n"
            "  --json                 one JSON object on stdout\n"
            "  --into RECIPE COMPONENT  write exotherm_peak_C (the largest peak)\n");
}

static int parse_cols(const char *v, size_t *tc, size_t *sc)
{
    char *end;
    long a = strtol(v, &end, 10);
    if (end == v || *end != ',') return -1;
    const char *s = end + 1;
    long b = strtol(s, &end, 10);
    if (end == s || *end || a < 1 || b < 1 || a > CF_DTA_COLUMNS_MAX || b > CF_DTA_COLUMNS_MAX || a == b) return -1;
    *tc = (size_t)a - 1;
    *sc = (size_t)b - 1;
    return 0;
}

int cmd_dta(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        cli_help(stdout, CMD, NULL);
        return 0;
    }
    const char *file = NULL;
    size_t tc = 0, sc = 0;
    cf_dta_options o;
    cf_dta_options_default(&o);
    cx_common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int k = cx_common_arg(CMD, argc, argv, &i, &c);
        if (k < 0) return 2;
        if (k > 0) continue;
        if (strcmp(a, "--exo-down") == 0) {
            o.exo_down = 1;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            if (!(v = cx_value(CMD, argc, argv, &i))) return 2;
            int rc = 0;
            if (strcmp(a, "--range") == 0)
                rc = cx_parse_range(CMD, a, v, CF_DTA_T_MIN_C, CF_DTA_T_MAX_C, &o.t_min_c, &o.t_max_c);
            else if (strcmp(a, "--cols") == 0) {
                if (parse_cols(v, &tc, &sc) != 0)
                    rc = cli_usage_error(CMD, "--cols expects two different column numbers 1..16 as T,S, got '%s'", v);
            } else if (strcmp(a, "--smooth") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, CF_DTA_SMOOTH_MAX_C, &o.smooth_c);
            else if (strcmp(a, "--min-fraction") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, CF_DTA_MIN_FRACTION_MAX, &o.min_fraction);
            else
                rc = cli_usage_error(CMD, "unknown option '%s'", a);
            if (rc) return 2;
            continue;
        }
        if (file) return cli_usage_error(CMD, "more than one input file ('%s' and '%s')", file, a);
        file = a;
    }
    if (!file) return cli_usage_error(CMD, "no DTA/DSC file given");

    cf_error err;
    cf_error_clear(&err);
    cf_dta_curve cv;
    if (cf_dta_read(file, tc, sc, &cv, &err) != CF_OK) return cli_fail(CMD, &err);
    cf_dta_result r;
    int rc = cf_dta_analyze(&cv, &o, &r, &err);
    size_t npts = cv.n;
    cf_dta_free(&cv);
    if (rc != CF_OK) {
        cf_error_prefix_where(&err, file);
        return cli_fail(CMD, &err);
    }
    const cf_dta_peak *m = &r.peaks[r.main];
    cf_charact_field f[] = {{"exotherm_peak_C", m->t_c}};
    if (c.json) {
        json_t *j = json_object();
        json_object_set_new(j, "command", json_string("dta"));
        json_object_set_new(j, "file", json_string(file));
        cx_json_vu(j, "exotherm_peak_C", m->t_c, m->t_u_c);
        json_t *arr = json_array();
        for (size_t i = 0; i < r.n_peaks; i++) {
            json_t *p = json_object();
            cx_json_vu(p, "peak_C", r.peaks[i].t_c, r.peaks[i].t_u_c);
            cx_json_num(p, "onset_C", r.peaks[i].onset_c);
            cx_json_num(p, "height", r.peaks[i].height);
            cx_json_num(p, "area", r.peaks[i].area);
            json_object_set_new(p, "main", json_boolean(i == r.main));
            json_array_append_new(arr, p);
        }
        json_object_set_new(j, "peaks", arr);
        json_object_set_new(j, "exo_down", json_boolean(o.exo_down));
        cx_json_num(j, "noise", r.noise);
        cx_json_num(j, "smooth_C", r.smooth_c);
        json_object_set_new(j, "n_points", json_integer((json_int_t)npts));
        rc = cx_into(CMD, &c, f, 1, j);
        if (rc == 0) rc = cx_emit_json(j);
        json_decref(j);
        return rc;
    }
    char a[64];
    printf("cellforge dta: %s (%zu points, exothermic %s, smoothing σ = %.3g °C)\n", cli_esc(file), npts,
           o.exo_down ? "down" : "up", r.smooth_c);
    cx_format(a, sizeof a, m->t_c, m->t_u_c, 5);
    printf("  exotherm peak %s °C   (largest of %zu)\n", a, r.n_peaks);
    printf("  peaks         %-20s %-12s %-12s %s\n", "T peak (°C)", "onset (°C)", "height", "area (·°C)");
    for (size_t i = 0; i < r.n_peaks; i++) {
        cx_format(a, sizeof a, r.peaks[i].t_c, r.peaks[i].t_u_c, 5);
        printf("                %-20s %-12.1f %-12.4g %.4g%s\n", a, r.peaks[i].onset_c, r.peaks[i].height,
               r.peaks[i].area, i == r.main ? "   <- main" : "");
    }
    return cx_into(CMD, &c, f, 1, NULL);
}
