/* cmd_bpx.c — `cellforge bpx`: write any cell as a BPX v1.1 file, or (without
 * --out) check a BPX file and say what was read from it. */
#include "cli.h"
#include "cellforge/cellforge.h"
#include "cellforge/cf_bpx.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: cellforge bpx [CELL] [--out FILE.json] [--title TEXT] [--model spm|spme|dfn]\n\n"
            "Writes the cell (a built-in name, a cellforge cell file or a BPX file) as a BPX v1.1\n"
            "parameter file that loads back to the same cell.  Without --out, reads the cell and\n"
            "prints what a BPX file holds (header, initial state, validation data) and every note.\n\n"
            "  CELL, --cell CELL  the cell: a built-in name, a cell file or a BPX file (default chen2020)\n"
            "  -o, --out FILE     the BPX file to write ('-' = standard output)\n"
            "  --title TEXT       Header/Title (default: the BPX file's title or the cell name)\n"
            "  --model M          Header/Model: spm, spme or dfn (default: the BPX file's or DFN)\n"
            "See docs/bpx.md for the mappings.\n");
}

static void print_notes(const cf_bpx_notes *n)
{
    for (int i = 0; i < n->n; i++) fprintf(stderr, "cellforge bpx: note: %s\n", cli_esc(n->text[i]));
    if (n->dropped) fprintf(stderr, "cellforge bpx: note: (%d more notes)\n", n->dropped);
}

static void print_info(const char *path, const cf_cell *c, const cf_bpx_info *in)
{
    printf("%s: BPX %s%s, model %s\n", cli_esc(path), cli_esc(in->version), in->converted_from_v0 ? " (converted to 1.x)" : "",
           cli_esc(in->model_name));
    if (in->title[0]) printf("  title         %s\n", cli_esc(in->title));
    printf("  cell          %s: %g Ah, %g-%g V, %d+%d active materials\n", cli_esc(c->name), c->nominal_capacity_Ah,
           c->v_min, c->v_max, c->neg.n_phases, c->pos.n_phases);
    printf("  initial SOC   %g\n", in->initial_soc);
    printf("  temperature   %g K (ambient; initial %g K, reference %g K)\n", c->T_K, in->initial_temperature_K,
           c->T_ref);
    if (in->lli > 0 || in->lam_neg[0] > 0 || in->lam_pos[0] > 0)
        printf("  degradation   LLI %g, LAM negative %g, positive %g\n", in->lli, in->lam_neg[0], in->lam_pos[0]);
    printf("  validation    %zu experiment%s\n", in->n_experiments, in->n_experiments == 1 ? "" : "s");
    for (size_t i = 0; i < in->n_experiments; i++)
        printf("                %s: %zu points over %g s\n", cli_esc(in->experiments[i].name), in->experiments[i].n,
               in->experiments[i].time_s[in->experiments[i].n - 1] - in->experiments[i].time_s[0]);
}

int cmd_bpx(int argc, char **argv)
{
    const char *cell_name = "chen2020", *out = NULL, *title = NULL, *model = NULL;
    static const struct option opts[] = {{"cell", required_argument, 0, 'c'}, {"out", required_argument, 0, 'o'},
                                         {"title", required_argument, 0, 't'}, {"model", required_argument, 0, 'm'},
                                         {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    optind = 1;
    opterr = 0;
    int ch;
    int has_cell = 0;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': cell_name = optarg; has_cell = 1; break;
        case 'o': out = optarg; break;
        case 't': title = optarg; break;
        case 'm': model = optarg; break;
        case 'h': usage(stdout); cli_help(stdout, "bpx", NULL); return 0;
        default: return cli_usage_error("bpx", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (cli_positional_cell("bpx", argc, argv, &optind, &cell_name, has_cell)) return 2;
    cf_error err;
    cf_error_clear(&err);
    const char *model_name = NULL;
    if (model) {
        cf_model_kind kind;
        if (cf_model_kind_parse(model, &kind, &err)) return cli_fail("bpx", &err);
        model_name = kind == CF_MODEL_SPM ? "SPM" : kind == CF_MODEL_SPME ? "SPMe" : "DFN";
    }
    cf_cell *cell = NULL;
    cf_bpx_info info;
    memset(&info, 0, sizeof info);
    int is_bpx = cf_bpx_is_bpx_file(cell_name);
    int rc = is_bpx ? cf_bpx_load(cell_name, &cell, &info, &err) : cf_cell_load(cell_name, &cell, &err);
    if (rc) return cli_fail("bpx", &err);
    print_notes(&info.notes);
    if (!out) {
        if (is_bpx) print_info(cell_name, cell, &info);
        else printf("%s: a cellforge cell (not BPX); give --out FILE to write it as BPX\n", cli_esc(cell->name));
        cf_bpx_info_clear(&info);
        cf_cell_free(cell);
        return 0;
    }
    cf_bpx_meta meta;
    cf_bpx_meta_from_info(&meta, is_bpx ? &info : NULL);
    if (title) meta.title = title;
    if (model_name) meta.model_name = model_name;
    cf_bpx_notes notes = {0};
    rc = cf_bpx_write(cell, &meta, out, &notes, &err);
    print_notes(&notes);
    if (!rc && strcmp(out, "-") != 0)
        fprintf(stderr, "cellforge bpx: wrote %s (BPX 1.1.0, model %s, from %s)\n", cli_esc(out),
                cli_esc(meta.model_name ? meta.model_name : "DFN"), cli_esc(cell->name));
    cf_bpx_info_clear(&info);
    cf_cell_free(cell);
    return rc ? cli_fail("bpx", &err) : 0;
}
