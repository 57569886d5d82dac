/* cmd_psd.c — `cellforge psd FILE`: particle-size statistics (ISO 9276-2). */
#include "charact_cli.h"
#include "cli.h"
#include "cellforge/cf_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *CMD = "psd";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cellforge psd FILE [options]\n"
            "\n"
            "Particle-size statistics from a laser-diffraction or image-analysis table:\n"
            "  1 column   one particle diameter (µm) per line (number basis)\n"
            "  2 columns  size (µm), amount (%% or fraction) per class\n"
            "  3 columns  lower size, upper size (µm), amount per class\n"
            "Reports Dv10/50/90, Dn50, D[1,0], D[3,2], D[4,3] and D4/D1 = D[4,3]/D[1,0],\n"
            "converting between number and volume basis as needed (n ∝ v/x³).\n"
            "\n"
            "options:\n"
            "  --basis volume|number  what the amounts are (default volume)\n"
            "  --sizes center|upper|lower\n"
            "                         meaning of a 2-column size (default center: the class's\n"
            "                         representative size, limits at geometric midpoints)\n"
            "  --bet S                specific surface area, [1e-6, 1e5] m2/g: adds S·Dv50 (m2/g·µm)\n"
            "  --bet-u U              its uncertainty, [0, 1e5] m2/g\n"
            "  --bootstrap N          resamples for a particle list's uncertainties, [0, 100000]\n"
            "                         (default 200)\n"
            "  --seed N               bootstrap seed, [0, 2147483647] (default fixed: results repeat)\n"
            "  --table OUT.csv        write the classes with number %% and volume %%\n"
            "  --json                 one JSON object on stdout\n"
            "  --into RECIPE COMPONENT  write dv50_um and d4_d1 (and bet_m2_g with --bet)\n");
}

static int write_table(const char *path, const cf_psd_dist *d, cf_error *err)
{
    double *nf = malloc(2 * d->n * sizeof *nf);
    if (!nf) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    double *vf = nf + d->n;
    int rc = cf_psd_convert(d, nf, vf, err);
    cf_outfile *of = NULL;
    if (rc == CF_OK) rc = cf_outfile_open(path, &of, err);
    if (rc != CF_OK) {
        free(nf);
        return rc;
    }
    FILE *fp = cf_outfile_stream(of);
    fprintf(fp, "lower_um,upper_um,size_um,number_pct,volume_pct\n");
    for (size_t i = 0; i < d->n; i++)
        fprintf(fp, "%.6g,%.6g,%.6g,%.6g,%.6g\n", d->lower_um[i], d->upper_um[i], d->mid_um[i], 100.0 * nf[i],
                100.0 * vf[i]);
    free(nf);
    return cf_outfile_commit(of, err);
}

static void print_human(const char *file, const cf_psd_result *r, int have_bet, double bet)
{
    char a[64], b[64], c[64];
    if (r->is_list)
        printf("cellforge psd: %s (%zu particles, number basis; uncertainties by bootstrap)\n", cli_esc(file), r->n);
    else
        printf("cellforge psd: %s (%zu classes, %s basis, amounts sum to %.4g)\n", cli_esc(file), r->n,
               r->basis == CF_PSD_NUMBER ? "number" : "volume", r->amount_sum);
    cx_format(a, sizeof a, r->dv10_um, r->dv10_u_um, 4);
    cx_format(b, sizeof b, r->dv50_um, r->dv50_u_um, 4);
    cx_format(c, sizeof c, r->dv90_um, r->dv90_u_um, 4);
    printf("  Dv10 / Dv50 / Dv90   %s / %s / %s µm   (span %.3f)\n", a, b, c, r->span);
    printf("  Dn10 / Dn50 / Dn90   %.4g / %.4g / %.4g µm\n", r->dn10_um, r->dn50_um, r->dn90_um);
    cx_format(a, sizeof a, r->d10_um, r->d10_u_um, 4);
    printf("  D[1,0] (length, D1)  %s µm\n", a);
    cx_format(a, sizeof a, r->d32_um, r->d32_u_um, 4);
    printf("  D[3,2] (Sauter)      %s µm\n", a);
    cx_format(a, sizeof a, r->d43_um, r->d43_u_um, 4);
    printf("  D[4,3] (weight, D4)  %s µm\n", a);
    cx_format(a, sizeof a, r->d4_d1, r->d4_d1_u, 4);
    printf("  D4/D1                %s\n", a);
    if (have_bet) {
        cx_format(a, sizeof a, r->s_dv50, r->s_dv50_u, 4);
        printf("  S·Dv50               %s m2/g·µm   (S = %g m2/g)\n", a, bet);
    }
    if (!r->is_list)
        printf("  (percentile ± is class width/√12; moment ± is the class-grouping error estimate)\n");
}

static json_t *to_json(const char *file, const cf_psd_result *r, int have_bet)
{
    json_t *j = json_object();
    json_object_set_new(j, "command", json_string("psd"));
    json_object_set_new(j, "file", json_string(file));
    json_object_set_new(j, "kind", json_string(r->is_list ? "particle_list" : "classes"));
    json_object_set_new(j, "basis", json_string(r->basis == CF_PSD_NUMBER ? "number" : "volume"));
    json_object_set_new(j, "n", json_integer((json_int_t)r->n));
    cx_json_vu(j, "dv10_um", r->dv10_um, r->dv10_u_um);
    cx_json_vu(j, "dv50_um", r->dv50_um, r->dv50_u_um);
    cx_json_vu(j, "dv90_um", r->dv90_um, r->dv90_u_um);
    cx_json_num(j, "dn10_um", r->dn10_um);
    cx_json_num(j, "dn50_um", r->dn50_um);
    cx_json_num(j, "dn90_um", r->dn90_um);
    cx_json_vu(j, "d10_um", r->d10_um, r->d10_u_um);
    cx_json_vu(j, "d32_um", r->d32_um, r->d32_u_um);
    cx_json_vu(j, "d43_um", r->d43_um, r->d43_u_um);
    cx_json_vu(j, "d4_d1", r->d4_d1, r->d4_d1_u);
    cx_json_num(j, "span", r->span);
    if (have_bet) cx_json_vu(j, "s_dv50", r->s_dv50, r->s_dv50_u);
    json_object_set_new(j, "uncertainty", json_string(r->uncertainty_kind ? "bootstrap" : "class_width"));
    if (!r->is_list) cx_json_num(j, "amount_sum", r->amount_sum);
    return j;
}

int cmd_psd(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        cli_help(stdout, CMD, NULL);
        return 0;
    }
    const char *file = NULL, *table = NULL;
    cf_psd_basis basis = CF_PSD_VOLUME;
    cf_psd_size_is size_is = CF_PSD_SIZE_CENTER;
    int basis_given = 0;
    cf_psd_options o;
    cf_psd_options_default(&o);
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
            if (strcmp(a, "--basis") == 0) {
                basis_given = 1;
                if (strcmp(v, "volume") == 0) basis = CF_PSD_VOLUME;
                else if (strcmp(v, "number") == 0) basis = CF_PSD_NUMBER;
                else rc = cli_usage_error(CMD, "--basis expects volume or number, got '%s'", v);
            } else if (strcmp(a, "--sizes") == 0) {
                if (strcmp(v, "center") == 0 || strcmp(v, "centre") == 0) size_is = CF_PSD_SIZE_CENTER;
                else if (strcmp(v, "upper") == 0) size_is = CF_PSD_SIZE_UPPER;
                else if (strcmp(v, "lower") == 0) size_is = CF_PSD_SIZE_LOWER;
                else rc = cli_usage_error(CMD, "--sizes expects center, upper or lower, got '%s'", v);
            } else if (strcmp(a, "--bet") == 0)
                rc = cli_parse_double(CMD, a, v, CF_PSD_BET_MIN_M2_G, CF_PSD_BET_MAX_M2_G, &o.bet_m2_g);
            else if (strcmp(a, "--bet-u") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, CF_PSD_BET_MAX_M2_G, &o.bet_u_m2_g);
            else if (strcmp(a, "--bootstrap") == 0) {
                rc = cli_parse_int(CMD, a, v, 0, CF_PSD_BOOTSTRAP_MAX, &n);
                o.bootstrap = (unsigned)n;
            } else if (strcmp(a, "--seed") == 0) {
                rc = cli_parse_int(CMD, a, v, 0, CF_PSD_SEED_MAX, &n);
                o.seed = (unsigned long long)n;
            } else if (strcmp(a, "--table") == 0)
                table = v;
            else
                rc = cli_usage_error(CMD, "unknown option '%s'", a);
            if (rc) return 2;
            continue;
        }
        if (file) return cli_usage_error(CMD, "more than one input file ('%s' and '%s')", file, a);
        file = a;
    }
    if (!file) return cli_usage_error(CMD, "no distribution file given");
    if (o.bet_u_m2_g > 0.0 && !(o.bet_m2_g > 0.0)) return cli_usage_error(CMD, "--bet-u needs --bet");

    cf_error err;
    cf_error_clear(&err);
    cf_psd_dist d;
    if (cf_psd_read(file, basis, size_is, &d, &err) != CF_OK) return cli_fail(CMD, &err);
    if (d.is_list && basis_given && basis == CF_PSD_VOLUME) {
        cf_psd_free(&d);
        return cli_usage_error(CMD, "%s has one column, a list of particle diameters (number basis); "
                                    "--basis volume does not apply", file);
    }
    if (table && d.is_list) {
        cf_psd_free(&d);
        return cli_usage_error(CMD, "--table needs a class table, not a particle list");
    }
    cf_psd_result r;
    int rc = cf_psd_analyze(&d, &o, &r, &err);
    if (rc != CF_OK) {
        cf_psd_free(&d);
        cf_error_prefix_where(&err, file);
        return cli_fail(CMD, &err);
    }
    rc = table ? write_table(table, &d, &err) : CF_OK;
    cf_psd_free(&d);
    if (rc != CF_OK) return cli_fail(CMD, &err);
    int have_bet = o.bet_m2_g > 0.0;
    cf_charact_field f[] = {{"dv50_um", r.dv50_um}, {"d4_d1", r.d4_d1}, {"bet_m2_g", o.bet_m2_g}};
    size_t nf = have_bet ? 3 : 2;
    if (c.json) {
        json_t *j = to_json(file, &r, have_bet);
        rc = cx_into(CMD, &c, f, nf, j);
        if (rc == 0) rc = cx_emit_json(j);
        json_decref(j);
        return rc;
    }
    print_human(file, &r, have_bet, o.bet_m2_g);
    if (table) printf("  table         %s\n", table);
    return cx_into(CMD, &c, f, nf, NULL);
}
