/* cmd_chn.c — `cellforge chn --C .. --H .. [--N ..]`: H/C atomic ratio and N content. */
#include "charact_cli.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *CMD = "chn";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cellforge chn --C PCT --H PCT [--N PCT] [options]\n"
            "\n"
            "H/C atomic ratio = (H%%/1.008)/(C%%/12.011) and N content from CHN elemental\n"
            "analysis (mass %%).  Each of --C/--H/--N takes one value or comma-separated\n"
            "replicates (e.g. --C 95.0,95.2,95.1): their mean is used and the standard error\n"
            "of the mean is the uncertainty.\n"
            "\n"
            "options:\n"
            "  --uC U, --uH U, --uN U  uncertainty of one element, [0, 100] wt%%, overriding replicates\n"
            "  --json                 one JSON object on stdout\n"
            "  --into RECIPE COMPONENT  write h_c_atomic (and n_wt_pct with --N)\n");
}

/* "v" or "v1,v2,...": mean and standard error (the library parses). */
static int parse_list(const char *opt, const char *text, double *mean, double *u, int *nrep)
{
    cf_error err;
    cf_error_clear(&err);
    if (cf_chn_parse_replicates(text, opt, mean, u, nrep, &err) != CF_OK) return cli_usage_error(CMD, "%s", err.message);
    return 0;
}

int cmd_chn(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        cli_help(stdout, CMD, NULL);
        return 0;
    }
    cf_chn_input in = {0.0, 0.0, 0.0, 0.0, -1.0, 0.0};
    double uc = -1, uh = -1, un = -1;
    int have_c = 0, have_h = 0, nc = 0, nh = 0, nn = 0;
    cx_common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int k = cx_common_arg(CMD, argc, argv, &i, &c);
        if (k < 0) return 2;
        if (k > 0) continue;
        if (!(v = cx_value(CMD, argc, argv, &i))) return 2;
        int rc;
        if (strcmp(a, "--C") == 0) {
            rc = parse_list(a, v, &in.c_wt, &in.c_u, &nc);
            have_c = 1;
        } else if (strcmp(a, "--H") == 0) {
            rc = parse_list(a, v, &in.h_wt, &in.h_u, &nh);
            have_h = 1;
        } else if (strcmp(a, "--N") == 0)
            rc = parse_list(a, v, &in.n_wt, &in.n_u, &nn);
        else if (strcmp(a, "--uC") == 0)
            rc = cli_parse_double(CMD, a, v, 0.0, CF_CHN_PCT_MAX, &uc);
        else if (strcmp(a, "--uH") == 0)
            rc = cli_parse_double(CMD, a, v, 0.0, CF_CHN_PCT_MAX, &uh);
        else if (strcmp(a, "--uN") == 0)
            rc = cli_parse_double(CMD, a, v, 0.0, CF_CHN_PCT_MAX, &un);
        else
            rc = cli_usage_error(CMD, "unknown option or argument '%s'", a);
        if (rc) return rc;
    }
    if (!have_c || !have_h) return cli_usage_error(CMD, "--C and --H are required (mass %%)");
    if (un >= 0.0 && in.n_wt < 0.0) return cli_usage_error(CMD, "--uN needs --N");
    if (uc >= 0.0) in.c_u = uc;
    if (uh >= 0.0) in.h_u = uh;
    if (un >= 0.0) in.n_u = un;

    cf_error err;
    cf_error_clear(&err);
    cf_chn_result r;
    if (cf_chn_compute(&in, &r, &err) != CF_OK) return cli_fail(CMD, &err);
    cf_charact_field f[] = {{"h_c_atomic", r.h_c_atomic}, {"n_wt_pct", r.n_wt_pct}};
    size_t nf = r.has_n ? 2 : 1;
    int any_u = in.c_u > 0.0 || in.h_u > 0.0;
    if (c.json) {
        json_t *j = json_object();
        json_object_set_new(j, "command", json_string("chn"));
        cx_json_vu(j, "c_wt_pct", in.c_wt, in.c_u);
        cx_json_vu(j, "h_wt_pct", in.h_wt, in.h_u);
        cx_json_vu(j, "h_c_atomic", r.h_c_atomic, r.h_c_u);
        if (r.has_n) {
            cx_json_vu(j, "n_wt_pct", r.n_wt_pct, r.n_u);
            cx_json_vu(j, "n_c_atomic", r.n_c_atomic, r.n_c_u);
        } else {
            json_object_set_new(j, "n_wt_pct", json_null());
        }
        cx_json_num(j, "rest_wt_pct", r.rest_wt_pct);
        json_object_set_new(j, "replicates", json_pack("{s:i,s:i,s:i}", "C", nc, "H", nh, "N", nn));
        int rc = cx_into(CMD, &c, f, nf, j);
        if (rc == 0) rc = cx_emit_json(j);
        json_decref(j);
        return rc;
    }
    char a[64], b[64];
    printf("cellforge chn: C %s wt%%, H %s wt%%", (cx_format(a, sizeof a, in.c_wt, in.c_u, 4), a),
           (cx_format(b, sizeof b, in.h_wt, in.h_u, 4), b));
    if (r.has_n) {
        cx_format(a, sizeof a, in.n_wt, in.n_u, 4);
        printf(", N %s wt%%", a);
    }
    printf("\n");
    cx_format(a, sizeof a, r.h_c_atomic, r.h_c_u, 4);
    printf("  H/C atomic    %s   ((H/1.008)/(C/12.011))%s\n", a,
           any_u ? "" : "   (no uncertainty: give replicates or --uC/--uH)");
    if (r.has_n) {
        cx_format(a, sizeof a, r.n_wt_pct, r.n_u, 4);
        cx_format(b, sizeof b, r.n_c_atomic, r.n_c_u, 4);
        printf("  N             %s wt%%   (N/C atomic %s)\n", a, b);
    }
    printf("  rest          %.2f wt%% (O, ash, ... by difference)\n", r.rest_wt_pct);
    return cx_into(CMD, &c, f, nf, NULL);
}
