/* main.c — the cellforge command: dispatches to one subcommand. */
#include "cli.h"
#include "cellforge/cellforge.h"
#include "cellforge/cf_io.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

/* One line per subcommand; keep alphabetical. */
static const command COMMANDS[] = {
    {"bet", cmd_bet, "BET surface area from an N2 isotherm (Rouquerol range)"},
    {"bpx", cmd_bpx, "write a cell as a BPX v1.1 parameter file"},
    {"cells", cmd_cells, "the built-in cells: chemistry, format, capacity, cut-offs, source"},
    {"chn", cmd_chn, "H/C atomic ratio and N wt% from CHN elemental analysis"},
    {"claims", cmd_claims, "check a recipe against every claim of the seeds; --explain, --design-around"},
    {"design", cmd_design, "mass, volume, capacity and energy of a recipe; model inputs per electrode"},
    {"dta", cmd_dta, "exothermic peak temperatures from a DTA/DSC curve"},
    {"fit", cmd_fit, "fit a cell's parameters to measured voltage; fit ocv: electrode windows from an OCV curve"},
    {"materials", cmd_materials, "the material facts design and simulation share (capacity, c_max, windows)"},
    {"protocol", cmd_protocol, "check an experiment protocol or drive cycle and print it in canonical form"},
    {"psd", cmd_psd, "particle-size statistics: Dv50, D[4,3]/D[1,0], S*Dv50"},
    {"report", cmd_report, "self-contained HTML report: design, claims, plots"},
    {"shape", cmd_shape, "particle sphericity distribution from image analysis"},
    {"simulate", cmd_simulate, "simulate a cell under a protocol (default: 1C DFN discharge)"},
    {"sweep", cmd_sweep, "run many variants of a cell across threads or MPI ranks"},
    {"test", cmd_test, "standard cell tests: hppc, rate, gitt, cycle"},
    {"validate", cmd_validate, "run a BPX file's Validation experiments and compare"},
    {"xrd", cmd_xrd, "d002 and Lc of hard carbon from an XRD pattern"},
};

static void print_help(FILE *out)
{
    fprintf(out,
            "cellforge %s — design, simulate and check non-aqueous lithium secondary cells\n\n"
            "usage: cellforge <command> [options]\n"
            "       cellforge help <command>     (the same as cellforge <command> --help)\n"
            "       cellforge --version | --help\n\ncommands:\n",
            cf_version());
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(out, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\n'cellforge help <command>' or 'cellforge <command> --help' describes a command's options.\n"
                 "Every command takes its cell or input file as CELL/FILE or --cell, writes its output file\n"
                 "with -o/--out, and prints JSON with --json where it has one (docs/cli.md).\n");
    cli_help(out, "", NULL);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(name, COMMANDS[i].name) == 0) return &COMMANDS[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    fprintf(stderr, "cellforge: error: unknown command '");
    cf_fputs_escaped(name, stderr);
    fprintf(stderr, "' (known:");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) fprintf(stderr, " %s", COMMANDS[i].name);
    fprintf(stderr, ")\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    if (strcmp(argv[1], "help") == 0 && argc >= 3) {
        /* `cellforge help CMD [SUB]` is `cellforge CMD [SUB] --help` */
        const command *c = find_command(argv[2]);
        if (!c) return unknown_command(argv[2]);
        char *args[4] = {argv[2], argc >= 4 ? argv[3] : (char *)"--help", (char *)"--help", NULL};
        return cli_close_stdout(c->name, c->run(argc >= 4 ? 3 : 2, args));
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return cli_close_stdout(NULL, 0);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("cellforge %s\n", cf_version());
        return cli_close_stdout(NULL, 0);
    }
    const command *c = find_command(argv[1]);
    if (c) return cli_close_stdout(c->name, c->run(argc - 1, argv + 1));
    return unknown_command(argv[1]);
}
