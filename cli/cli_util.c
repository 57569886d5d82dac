/* cli_util.c — argument parsing and error printing shared by the subcommands. */
#include "cli.h"
#include "cellforge/cf_io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once a failed write to standard output has been reported, so the
 * check at exit does not report it twice. */
static int stdout_error_reported;

int cli_fail(const char *cmd, const cf_error *err)
{
    /* cf_outfile reports a failed "-" as where "stdout", message "write
     * error: ..."; print it in the one form every command uses. */
    if (err->code == CF_EIO && strcmp(err->where, "stdout") == 0) {
        fprintf(stderr, "cellforge %s: %s\n", cmd, err->message);
        stdout_error_reported = 1;
        return 1;
    }
    if (err->where[0])
        fprintf(stderr, "cellforge %s: error: %s: %s\n", cmd, err->where, err->message);
    else
        fprintf(stderr, "cellforge %s: error: %s\n", cmd, err->message);
    return err->code == CF_EINVAL ? CLI_EXIT_INPUT : CLI_EXIT_FAILURE;
}

int cli_stopped_early(const char *cmd, const cf_run_end *end, const cf_error *err)
{
    fprintf(stderr, "cellforge %s: stopped early (%s): ", cmd, cf_end_reason_code(end->reason));
    if (err && err->code) {
        if (err->where[0]) fprintf(stderr, "%s: ", err->where);
        fprintf(stderr, "%s", err->message);
    } else {
        if (end->step >= 0 && end->step_text[0])
            fprintf(stderr, "step %lld (cycle %lld): %s: ", end->step + 1, end->cycle + 1, cli_esc(end->step_text));
        fprintf(stderr, "%s", cli_esc(end->message));
    }
    if (isfinite(end->t_s)) fprintf(stderr, "; the results up to t = %.1f s are kept\n", end->t_s);
    else fputc('\n', stderr);
    return CLI_EXIT_STOPPED_EARLY;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    /* The message echoes arguments: escape them like any user text. */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "cellforge %s: error: ", cmd);
    cf_fputs_escaped(msg, stderr);
    fprintf(stderr, "\n(see 'cellforge %s --help')\n", cmd);
    return 2;
}

const char *cli_esc(const char *s)
{
    /* A few buffers in turn, so one printf can show several values. The CLI
     * prints from its main thread only. */
    static char ring[8][4096];
    static unsigned next;
    char *buf = ring[next++ % 8];
    cf_text_escape(buf, sizeof ring[0], s);
    return buf;
}

/* The reason of the first failed flush of standard output: glibc may drop
 * the buffer then, so the final flush can succeed with the cause lost. */
static int stdout_errno;

void cli_flush_stdout(void)
{
    errno = 0;
    if (fflush(stdout) != 0 && !stdout_errno) stdout_errno = errno;
}

int cli_close_stdout(const char *cmd, int status)
{
    /* As coreutils does at exit: a full disk, a closed pipe or /dev/full
     * shows up only here for output still in the buffer, and a command
     * that "succeeded" without its output must not exit 0. glibc keeps
     * unwritten data, so the final flush repeats the failing write and
     * errno names the cause. */
    int bad = ferror(stdout) != 0;
    errno = 0;
    if (fflush(stdout) != 0) bad = 1;
    int e = errno ? errno : stdout_errno;
    if (fclose(stdout) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (!bad) return status;
    if (!stdout_error_reported)
        fprintf(stderr, "cellforge%s%s: write error: %s\n", cmd ? " " : "", cmd ? cmd : "",
                strerror(e ? e : EIO));
    return status ? status : 1;
}

/* The one reading of an option's number: present, wholly numeric, finite. */
static int parse_finite(const char *cmd, const char *opt, const char *text, double *out)
{
    if (!text)
        return cli_usage_error(cmd, "%s needs a value", opt);
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v))
        return cli_usage_error(cmd, "%s expects a number, got '%s'", opt, text);
    *out = v;
    return 0;
}

int cli_parse_double(const char *cmd, const char *opt, const char *text, double lo, double hi,
                     double *out)
{
    double v = 0;
    int rc = parse_finite(cmd, opt, text, &v);
    if (rc) return rc;
    if (v < lo || v > hi)
        return cli_usage_error(cmd, "%s = %g is outside the allowed range [%g, %g]", opt, v, lo, hi);
    *out = v;
    return 0;
}

int cli_parse_quantity(const char *cmd, const char *opt, const char *text, cf_quantity q, double *out)
{
    double v = 0;
    int rc = parse_finite(cmd, opt, text, &v);
    if (rc) return rc;
    char msg[256];
    if (cf_quantity_check(q, v, msg, sizeof msg)) return cli_usage_error(cmd, "%s: %s", opt, msg);
    *out = v;
    return 0;
}

int cli_parse_quantity_long(const char *cmd, const char *opt, const char *text, cf_quantity q, long *out)
{
    double v;
    int rc = cli_parse_quantity(cmd, opt, text, q, &v);
    if (!rc) *out = (long)v; /* whole and bounded: checked */
    return rc;
}

int cli_parse_int(const char *cmd, const char *opt, const char *text, long lo, long hi, long *out)
{
    if (!text)
        return cli_usage_error(cmd, "%s needs a value", opt);
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE)
        return cli_usage_error(cmd, "%s expects a whole number, got '%s'", opt, text);
    if (v < lo || v > hi)
        return cli_usage_error(cmd, "%s = %ld is outside the allowed range [%ld, %ld]", opt, v, lo, hi);
    *out = v;
    return 0;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
    return 0;
}

int cli_positional_cell(const char *cmd, int argc, char **argv, int *optind_io, const char **cell, int cell_option_given)
{
    int i = *optind_io;
    if (i < argc) {
        if (cell_option_given)
            return cli_usage_error(cmd, "the cell is given twice: --cell %s and '%s' (give one)", *cell, argv[i]);
        *cell = argv[i++];
    }
    if (i < argc) return cli_usage_error(cmd, "unexpected argument '%s' (one cell only)", argv[i]);
    *optind_io = i;
    return 0;
}
