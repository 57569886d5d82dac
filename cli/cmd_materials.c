/* cmd_materials.c — `cellforge materials`: the material facts that design
 * and simulation share, as a table (docs/materials.md shows its output). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cellforge/cf_cell.h"
#include "cellforge/cf_design.h"
#include "cellforge/cf_io.h"

static const char *USAGE =
    "usage: cellforge materials [--json] [-o OUT]\n\n"
    "The facts every design and simulation of a recipe uses, per active material:\n"
    "density, molar mass, theoretical capacity (sto 0 -> 1), c_max and the check\n"
    "c_max = density x capacity x 3.6 / F, the stable potential window vs Li/Li+,\n"
    "the stoichiometry window that its OCP gives there, the practical capacity in\n"
    "that window (from as made for a positive), and the first-cycle efficiency\n"
    "(applied: its loss consumes cyclable lithium on formation).  Sources:\n"
    "docs/materials.md.\n\n"
    "  --json      one JSON array instead of the table\n"
    "  -o, --out OUT  write to OUT instead of standard output (written whole or not at all)\n"
    "  -h, --help  this help\n";

int cmd_materials(int argc, char **argv)
{
    int json = 0;
    const char *outpath = "-";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0) {
            if (++i >= argc) return cli_usage_error("materials", "%s needs a file name", argv[i - 1]);
            outpath = argv[i];
        }
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_help(stdout, "materials", USAGE);
            return 0;
        } else {
            return cli_usage_error("materials", "unknown argument '%s'", argv[i]);
        }
    }
    cf_error err;
    cf_error_clear(&err);
    cf_outfile *of;
    if (cf_outfile_open(outpath, &of, &err)) return cli_fail("materials", &err);
    FILE *out = cf_outfile_stream(of);
    if (json) {
        char *s = cf_material_facts_json(); /* the writer Python's materials() reads */
        if (!s) {
            cf_outfile_abort(of);
            cf_error_set(&err, CF_ENOMEM, "materials", "out of memory");
            return cli_fail("materials", &err);
        }
        fprintf(out, "%s\n", s);
        free(s);
    } else {
        fprintf(out, "%-12s %7s %8s %8s %16s %11s %13s %9s %5s\n", "material", "rho", "q_theo", "c_max",
                "rho*q*3.6/F", "window V", "sto window", "q_prac", "FCE");
        for (int i = 0; i < cf_material_facts_count(); i++) {
            cf_material_facts f;
            cf_material_facts_get(i, &f);
            double check = f.density_kg_m3 * 1000.0 * f.theoretical_mAh_g * 3.6 / CF_FARADAY;
            fprintf(out, "%-12s %7.0f %8.1f %8.0f %8.0f %+6.2f%% %5.2f-%-5.2f %6.3f-%-6.3f %9.1f %5.2f%s\n", f.name,
                    f.density_kg_m3, f.theoretical_mAh_g, f.c_max_mol_m3, check, 100 * (f.c_max_mol_m3 / check - 1),
                    f.window_V[0], f.window_V[1], f.sto_window[0], f.sto_window[1], f.practical_mAh_g,
                    f.first_cycle_efficiency, f.first_cycle_loss_applied ? "*" : "");
        }
        fprintf(out, "(rho kg/m3, q mAh/g, c_max mol/m3; FCE first-cycle efficiency, * = its loss is applied on formation)\n");
    }
    if (cf_outfile_commit(of, &err)) return cli_fail("materials", &err);
    return 0;
}
