/* cmd_bet.c — `cellforge bet FILE`: BET specific surface area from an N2 isotherm. */
#include "charact_cli.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char *CMD = "bet";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cellforge bet FILE [options]\n"
            "\n"
            "BET specific surface area from an N2 (77 K) isotherm: two columns, p/p0 in (0, 1)\n"
            "and adsorbed volume in cm3/g STP.  The adsorption branch is used; a desorption\n"
            "branch after it is ignored.  The linear range is chosen by the Rouquerol criteria\n"
            "(V(1-p/p0) rising, C > 0, monolayer p/p0 inside the range and consistent with the\n"
            "data), preferring the range with most points, then the highest R².\n"
            "\n"
            "options:\n"
            "  --range LO:HI          use this p/p0 range instead, within [1e-9, 0.999999]\n"
            "                         (classical 0.05:0.30)\n"
            "  --min-points N         smallest range considered, [3, 1000] (default 3)\n"
            "  --min-r2 R             smallest acceptable R² of the BET plot, [0, 1] (default 0.995)\n"
            "  --cross-section NM2    adsorbate cross-section, [0.01, 0.99] nm2 (default N2 0.162)\n"
            "  --json                 one JSON object on stdout\n"
            "  --into RECIPE COMPONENT  write bet_m2_g into the recipe's hard-carbon component\n");
}

int cmd_bet(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        cli_help(stdout, CMD, NULL);
        return 0;
    }
    const char *file = NULL;
    cf_bet_options o;
    cf_bet_options_default(&o);
    cx_common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int k = cx_common_arg(CMD, argc, argv, &i, &c);
        if (k < 0) return 2;
        if (k > 0) continue;
        if (a[0] == '-' && a[1]) {
            if (!(v = cx_value(CMD, argc, argv, &i))) return 2;
            int rc = 0;
            long n;
            if (strcmp(a, "--range") == 0)
                rc = cx_parse_range(CMD, a, v, CF_BET_P_MIN, CF_BET_P_MAX, &o.p_min, &o.p_max);
            else if (strcmp(a, "--min-points") == 0) {
                rc = cli_parse_int(CMD, a, v, CF_BET_MIN_POINTS_MIN, CF_BET_MIN_POINTS_MAX, &n);
                o.min_points = (size_t)n;
            } else if (strcmp(a, "--min-r2") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, 1.0, &o.min_r2);
            else if (strcmp(a, "--cross-section") == 0)
                rc = cli_parse_double(CMD, a, v, CF_BET_CROSS_SECTION_MIN_NM2, CF_BET_CROSS_SECTION_MAX_NM2, &o.cross_section_nm2);
            else
                rc = cli_usage_error(CMD, "unknown option '%s'", a);
            if (rc) return 2;
            continue;
        }
        if (file) return cli_usage_error(CMD, "more than one input file ('%s' and '%s')", file, a);
        file = a;
    }
    if (!file) return cli_usage_error(CMD, "no isotherm file given");

    cf_error err;
    cf_error_clear(&err);
    cf_bet_isotherm iso;
    if (cf_bet_read(file, &iso, &err) != CF_OK) return cli_fail(CMD, &err);
    cf_bet_result r;
    int rc = cf_bet_analyze(&iso, &o, &r, &err);
    size_t n_ads = iso.n, n_des = iso.n_desorption_ignored;
    cf_bet_free(&iso);
    if (rc != CF_OK) {
        cf_error_prefix_where(&err, file);
        return cli_fail(CMD, &err);
    }
    cf_charact_field f[] = {{"bet_m2_g", r.area_m2_g}};
    if (c.json) {
        json_t *j = json_object();
        json_object_set_new(j, "command", json_string("bet"));
        json_object_set_new(j, "file", json_string(file));
        cx_json_vu(j, "bet_m2_g", r.area_m2_g, r.area_u_m2_g);
        cx_json_vu(j, "vm_cm3_g", r.vm_cm3_g, r.vm_u_cm3_g);
        cx_json_vu(j, "c", r.c, r.c_u);
        cx_json_num(j, "r2", r.r2);
        json_object_set_new(j, "range_p_rel", json_pack("[f,f]", r.p_lo, r.p_hi));
        json_object_set_new(j, "n_points", json_integer((json_int_t)r.count));
        json_object_set_new(j, "range_choice", json_string(r.automatic ? "rouquerol" : "fixed"));
        json_object_set_new(j, "n_candidate_ranges", json_integer((json_int_t)r.n_candidates));
        cx_json_num(j, "p_rel_monolayer", r.p_monolayer);
        cx_json_num(j, "p_rel_at_vm", r.p_at_vm);
        cx_json_num(j, "cross_section_nm2", o.cross_section_nm2);
        json_object_set_new(j, "n_adsorption_points", json_integer((json_int_t)n_ads));
        json_object_set_new(j, "n_desorption_ignored", json_integer((json_int_t)n_des));
        rc = cx_into(CMD, &c, f, 1, j);
        if (rc == 0) rc = cx_emit_json(j);
        json_decref(j);
        return rc;
    }
    char a[64], b[64], cc[64];
    printf("cellforge bet: %s (%zu adsorption points%s)\n", cli_esc(file), n_ads,
           n_des ? ", desorption branch ignored" : "");
    cx_format(a, sizeof a, r.area_m2_g, r.area_u_m2_g, 4);
    printf("  BET area      %s m2/g   (N2, σ = %g nm2)\n", a, o.cross_section_nm2);
    cx_format(b, sizeof b, r.vm_cm3_g, r.vm_u_cm3_g, 4);
    cx_format(cc, sizeof cc, r.c, r.c_u, 4);
    printf("  monolayer     Vm = %s cm3/g STP,  C = %s\n", b, cc);
    printf("  range         p/p0 %.4g–%.4g, %zu points (%s), R² = %.5f\n", r.p_lo, r.p_hi, r.count,
           r.automatic ? "Rouquerol criteria, most points" : "fixed by --range", r.r2);
    if (r.automatic)
        printf("  criteria      monolayer at p/p0 = %.4g (1/(√C+1)); data reach Vm at p/p0 = %.4g; "
               "%zu ranges qualified\n", r.p_monolayer, r.p_at_vm, r.n_candidates);
    return cx_into(CMD, &c, f, 1, NULL);
}
