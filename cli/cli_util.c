/* cli_util.c — argument parsing and error printing shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *cmd, const cf_error *err)
{
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
            fprintf(stderr, "step %lld (cycle %lld): %s: ", end->step + 1, end->cycle + 1, end->step_text);
        fprintf(stderr, "%s", end->message);
    }
    if (isfinite(end->t_s)) fprintf(stderr, "; the results up to t = %.1f s are kept\n", end->t_s);
    else fputc('\n', stderr);
    return CLI_EXIT_STOPPED_EARLY;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "cellforge %s: error: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'cellforge %s --help')\n", cmd);
    return 2;
}

int cli_parse_double(const char *cmd, const char *opt, const char *text, double lo, double hi,
                     double *out)
{
    if (!text)
        return cli_usage_error(cmd, "%s needs a value", opt);
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v))
        return cli_usage_error(cmd, "%s expects a number, got '%s'", opt, text);
    if (v < lo || v > hi)
        return cli_usage_error(cmd, "%s = %g is outside the allowed range [%g, %g]", opt, v, lo, hi);
    *out = v;
    return 0;
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
