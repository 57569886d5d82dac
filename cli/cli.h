/* cli.h — the cellforge command: one file per subcommand, shared helpers here.
 *
 * The CLI only parses arguments, calls the library and prints.  Every command
 * returns a process exit status (docs/cli.md): 0 success, 2 bad input or
 * usage, 1 any other failure (I/O, solver, limits), and for the commands that
 * run simulations 3: the run stopped early and its results up to the stop
 * were written and printed. */
#ifndef CELLFORGE_CLI_H
#define CELLFORGE_CLI_H

#include "cellforge/cf_error.h"
#include "cellforge/cf_model.h"
#include "cellforge/cf_ranges.h"

#include <stdio.h>

/* Exit statuses. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAILURE = 1, CLI_EXIT_INPUT = 2, CLI_EXIT_STOPPED_EARLY = 3 };

/* Help (help.c): prints `text` with every {R:name} replaced by that
 * quantity's allowed range from cf_ranges.h ("[0.001, 1e+06] s"), then the
 * command's EXAMPLES and EXIT STATUS sections (cmd "" = the top level).
 * Every `cellforge CMD --help` and `cellforge help CMD` prints through it. */
void cli_help(FILE *out, const char *cmd, const char *text);
void cli_help_text(FILE *out, const char *text);

/* Subcommands (cli/cmd_<name>.c). argv[0] is the subcommand name. */
int cmd_claims(int argc, char **argv);
int cmd_design(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_materials(int argc, char **argv);
int cmd_cells(int argc, char **argv);
int cmd_protocol(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_bet(int argc, char **argv);
int cmd_bpx(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_chn(int argc, char **argv);
int cmd_dta(int argc, char **argv);
int cmd_psd(int argc, char **argv);
int cmd_shape(int argc, char **argv);
int cmd_xrd(int argc, char **argv);

/* Prints "cellforge <cmd>: error: <where>: <message>" to stderr and returns
 * the exit status for err->code. */
int cli_fail(const char *cmd, const cf_error *err);

/* After a run that stopped early with its results kept: prints
 * "cellforge <cmd>: stopped early (<reason code>): <where>: <message>; the
 * results up to t = T s are kept" to stderr and returns 3. */
int cli_stopped_early(const char *cmd, const cf_run_end *end, const cf_error *err);

/* User text (cell, recipe and file names, titles, notes) made safe to print:
 * control characters shown as \x1b, \u009b... (cf_text_escape). The result
 * stays valid for the next 7 calls; print it at once. */
const char *cli_esc(const char *s);

/* Flushes and closes standard output at the end of a command; on a write
 * error prints "cellforge <cmd>: write error: <reason>" (cmd may be NULL)
 * and returns a non-zero status (`status` if it already is). */
int cli_close_stdout(const char *cmd, int status);
/* Flushes standard output mid-command (before a message on stderr),
 * keeping the reason of a failure for cli_close_stdout to report. */
void cli_flush_stdout(void);

/* Prints a usage error and returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parses a finite number for option `opt` within [lo, hi]; on failure prints
 * a message naming the option and range and returns 2, else 0. */
int cli_parse_double(const char *cmd, const char *opt, const char *text, double lo, double hi,
                     double *out);
int cli_parse_int(const char *cmd, const char *opt, const char *text, long lo, long hi, long *out);
/* A number for a physical quantity, checked against the library's one range
 * for it (cf_ranges.h), as the protocol parser, simulator and Python do. */
int cli_parse_quantity(const char *cmd, const char *opt, const char *text, cf_quantity q, double *out);
/* The same for a whole-number quantity (mesh). */
int cli_parse_quantity_long(const char *cmd, const char *opt, const char *text, cf_quantity q, long *out);

/* The cell named positionally ("cellforge simulate CELL"), the same as
 * --cell CELL: takes argv[*optind] (if any) into *cell; a second positional
 * argument, or one beside --cell, is a usage error (2). */
int cli_positional_cell(const char *cmd, int argc, char **argv, int *optind_io, const char **cell,
                        int cell_option_given);

/* True when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

#endif
