/* cmd_cells.c — `cellforge cells`: the built-in cells with their chemistry,
 * format and capacity (docs/cells.md shows its output). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "cellforge/cf_cell.h"
#include "cellforge/cf_io.h"
#include "io/json_out.h"

static const char *USAGE =
    "usage: cellforge cells [--json] [-o OUT]\n\n"
    "The built-in cells (--cell NAME, \"base\": NAME in a cell file): name,\n"
    "nominal capacity (defines 1C), voltage cut-offs, chemistry, format and the\n"
    "published source each restates.  Values, units and assumptions: docs/cells.md.\n\n"
    "  --json      one JSON array instead of the table\n"
    "  -o, --out OUT  write to OUT instead of standard output (written whole or not at all)\n"
    "  -h, --help  this help\n";

/* The spaces that fill UTF-8 text t to `width` columns on a terminal (one
 * column a character: the cut-offs' en dash is three bytes), 0 if wider. */
static int pad_to(const char *t, int width)
{
    int n = 0;
    for (; *t; t++) n += ((unsigned char)*t & 0xC0) != 0x80;
    return n < width ? width - n : 0;
}

int cmd_cells(int argc, char **argv)
{
    int json = 0;
    const char *outpath = "-";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0) {
            if (++i >= argc) return cli_usage_error("cells", "%s needs a file name", argv[i - 1]);
            outpath = argv[i];
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_help(stdout, "cells", USAGE);
            return 0;
        } else {
            return cli_usage_error("cells", "unknown argument '%s'", argv[i]);
        }
    }
    cf_error err;
    cf_error_clear(&err);
    /* every cell is made (and checked) before anything is written */
    int n = cf_cell_builtin_count();
    cf_builtin_cell_info *info = calloc((size_t)n, sizeof *info);
    if (!info) {
        cf_error_set(&err, CF_ENOMEM, "cells", "out of memory");
        return cli_fail("cells", &err);
    }
    for (int i = 0; i < n; i++)
        if (cf_cell_builtin_info(i, &info[i], &err)) {
            free(info);
            return cli_fail("cells", &err);
        }
    cf_outfile *of;
    if (cf_outfile_open(outpath, &of, &err)) {
        free(info);
        return cli_fail("cells", &err);
    }
    FILE *out = cf_outfile_stream(of);
    if (json) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            const cf_builtin_cell_info *f = &info[i];
            json_t *o = json_object();
            json_object_set_new(o, "name", json_string(f->name));
            json_object_set_new(o, "chemistry", json_string(f->chemistry));
            json_object_set_new(o, "format", json_string(f->format));
            json_object_set_new(o, "nominal_capacity_Ah", json_real(f->nominal_capacity_Ah));
            json_object_set_new(o, "voltage_cutoffs_V", json_pack("[ff]", f->v_min, f->v_max));
            json_object_set_new(o, "temperature_K", json_real(f->T_K));
            json_object_set_new(o, "source", json_string(f->source));
            json_array_append_new(arr, o);
        }
        char *s = cf_json_dumps(arr, JSON_INDENT(2) | JSON_REAL_PRECISION(8));
        if (s) fprintf(out, "%s\n", s);
        free(s);
        json_decref(arr);
    } else {
        fprintf(out, "%-12s %11s  %-14s %s\n", "cell", "capacity", "cut-offs", "chemistry; format");
        for (int i = 0; i < n; i++) {
            const cf_builtin_cell_info *f = &info[i];
            /* every cut-off to the mV, as the cells state them (marquis2019: 3.105 V) */
            char cut[48];
            snprintf(cut, sizeof cut, "%.3f–%.3f V", f->v_min, f->v_max);
            fprintf(out, "%-12s %8.6g Ah  %s%*s %s; %s\n", f->name, f->nominal_capacity_Ah, cut,
                    pad_to(cut, 14), "", f->chemistry, f->format);
        }
        fprintf(out, "(sources, values and assumptions: docs/cells.md; cellforge cells --json gives the sources)\n");
    }
    free(info);
    if (cf_outfile_commit(of, &err)) return cli_fail("cells", &err);
    return 0;
}
