/* cmd_shape.c — `cellforge shape FILE`: sphericity distribution from image analysis. */
#include "charact_cli.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char *CMD = "shape";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cellforge shape FILE [options]\n"
            "\n"
            "Sphericity of particles from image analysis.  Two columns per particle:\n"
            "projected area and perimeter (one length unit), or with --axes the major and\n"
            "minor axis lengths.  Definitions (stated in the output):\n"
            "  circularity  4πA/P²  (default for area/perimeter; 1 for a circle)\n"
            "  wadell       sqrt(4πA/P²) = perimeter of the equal-area circle / P\n"
            "  aspect       minor/major (default for --axes)\n"
            "\n"
            "options:\n"
            "  --axes                 columns are major, minor axis\n"
            "  --definition circularity|wadell|aspect\n"
            "  --threshold T          report the fraction of particles >= T, [0, 1] (default 0.8)\n"
            "  --json                 one JSON object on stdout\n"
            "  --into RECIPE COMPONENT  write sphericity (the number mean)\n");
}

int cmd_shape(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        cli_help(stdout, CMD, NULL);
        return 0;
    }
    const char *file = NULL;
    cf_shape_input kind = CF_SHAPE_AREA_PERIMETER;
    cf_shape_definition def = CF_SHAPE_DEF_DEFAULT;
    double threshold = 0.8;
    cx_common c = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int k = cx_common_arg(CMD, argc, argv, &i, &c);
        if (k < 0) return 2;
        if (k > 0) continue;
        if (strcmp(a, "--axes") == 0) {
            kind = CF_SHAPE_AXES;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            if (!(v = cx_value(CMD, argc, argv, &i))) return 2;
            int rc = 0;
            if (strcmp(a, "--definition") == 0) {
                if (strcmp(v, "circularity") == 0) def = CF_SHAPE_DEF_CIRCULARITY;
                else if (strcmp(v, "wadell") == 0) def = CF_SHAPE_DEF_WADELL;
                else if (strcmp(v, "aspect") == 0) def = CF_SHAPE_DEF_ASPECT;
                else rc = cli_usage_error(CMD, "--definition expects circularity, wadell or aspect, got '%s'", v);
            } else if (strcmp(a, "--threshold") == 0)
                rc = cli_parse_double(CMD, a, v, 0.0, 1.0, &threshold);
            else
                rc = cli_usage_error(CMD, "unknown option '%s'", a);
            if (rc) return 2;
            continue;
        }
        if (file) return cli_usage_error(CMD, "more than one input file ('%s' and '%s')", file, a);
        file = a;
    }
    if (!file) return cli_usage_error(CMD, "no particle table given");
    if (def == CF_SHAPE_DEF_ASPECT && kind != CF_SHAPE_AXES)
        return cli_usage_error(CMD, "--definition aspect needs --axes (major, minor columns)");

    cf_error err;
    cf_error_clear(&err);
    cf_shape_data d;
    if (cf_shape_read(file, kind, &d, &err) != CF_OK) return cli_fail(CMD, &err);
    cf_shape_result r;
    int rc = cf_shape_analyze(&d, def, threshold, &r, &err);
    cf_shape_free(&d);
    if (rc != CF_OK) {
        cf_error_prefix_where(&err, file);
        return cli_fail(CMD, &err);
    }
    cf_charact_field f[] = {{"sphericity", r.mean}};
    const char *dname = cf_shape_definition_name(r.definition);
    if (c.json) {
        json_t *j = json_object();
        json_object_set_new(j, "command", json_string("shape"));
        json_object_set_new(j, "file", json_string(file));
        json_object_set_new(j, "definition", json_string(dname));
        cx_json_vu(j, "sphericity", r.mean, r.mean_u);
        cx_json_num(j, "sd", r.sd);
        cx_json_num(j, "median", r.median);
        cx_json_num(j, "min", r.min);
        cx_json_num(j, "max", r.max);
        cx_json_num(j, "threshold", r.threshold);
        cx_json_num(j, "fraction_at_least_threshold", r.frac_at_least);
        json_t *h = json_array();
        for (int i = 0; i < CF_SHAPE_HIST_BINS; i++) json_array_append_new(h, json_integer((json_int_t)r.hist[i]));
        json_object_set_new(j, "histogram_0_to_1", h);
        json_object_set_new(j, "n", json_integer((json_int_t)r.n));
        json_object_set_new(j, "n_above_1", json_integer((json_int_t)r.n_above_1));
        rc = cx_into(CMD, &c, f, 1, j);
        if (rc == 0) rc = cx_emit_json(j);
        json_decref(j);
        return rc;
    }
    char a[64];
    printf("cellforge shape: %s (%zu particles; definition: %s)\n", cli_esc(file), r.n, dname);
    cx_format(a, sizeof a, r.mean, r.mean_u, 4);
    printf("  sphericity    mean %s (± is the standard error)   median %.3f   sd %.3f   range %.3f–%.3f\n", a,
           r.median, r.sd, r.min, r.max);
    printf("  >= %.2f       %.1f %% of particles\n", r.threshold, 100.0 * r.frac_at_least);
    if (r.n_above_1)
        printf("  note          %zu values slightly above 1 (perimeter scatter), kept as measured\n", r.n_above_1);
    printf("  distribution ");
    for (int i = 0; i < CF_SHAPE_HIST_BINS; i++) printf(" %.1f:%zu", 0.1 * i, r.hist[i]);
    printf("\n");
    return cx_into(CMD, &c, f, 1, NULL);
}
