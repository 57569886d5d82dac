/* cli.h — the cellforge command: one file per subcommand, shared helpers here.
 *
 * The CLI only parses arguments, calls the library and prints.  Every command
 * returns a process exit status: 0 success, 2 bad input or usage, 1 any other
 * failure (I/O, solver, limits). */
#ifndef CELLFORGE_CLI_H
#define CELLFORGE_CLI_H

#include "cellforge/cf_error.h"

/* Subcommands (cli/cmd_<name>.c). argv[0] is the subcommand name. */
int cmd_claims(int argc, char **argv);
int cmd_design(int argc, char **argv);
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

/* True when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

#endif
