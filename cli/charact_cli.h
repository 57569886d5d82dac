/* charact_cli.h — what the six characterisation commands (xrd, psd, bet,
 * dta, chn, shape) share: value ± uncertainty printing, JSON output and the
 * --into RECIPE COMPONENT option. */
#ifndef CELLFORGE_CHARACT_CLI_H
#define CELLFORGE_CHARACT_CLI_H

#include <jansson.h>
#include <stddef.h>

#include "cellforge/cf_charact.h"

/* Options every characterisation command takes. */
typedef struct {
    int json;
    const char *recipe;    /* --into RECIPE COMPONENT */
    const char *component;
} cx_common;

/* If argv[*i] is --json or --into, consumes it (and its values) and returns
 * 1; returns 0 if it is something else; returns -1 after printing a usage
 * error (exit status 2). */
int cx_common_arg(const char *cmd, int argc, char **argv, int *i, cx_common *c);

/* Value of option argv[*i] (advancing *i), or NULL after a usage error. */
const char *cx_value(const char *cmd, int argc, char **argv, int *i);

/* "LO:HI" within [lo, hi] with LO < HI; 0 on success, else 2 after a message. */
int cx_parse_range(const char *cmd, const char *opt, const char *text, double lo, double hi,
                   double *a, double *b);

/* Formats v ± u with two significant digits of u ("0.3801 ± 0.0012"), or v
 * alone with `sig` significant digits when u is 0. */
void cx_format(char *buf, size_t n, double v, double u, int sig);

/* Sets key (and key_u when u > 0, else null) on o; non-finite values become null. */
void cx_json_vu(json_t *o, const char *key, double v, double u);
void cx_json_num(json_t *o, const char *key, double v);

/* Writes the result into the recipe if --into was given: fills the "into"
 * member of out (if non-NULL) or prints a line.  Returns the exit status. */
int cx_into(const char *cmd, const cx_common *c, const cf_charact_field *f, size_t n, json_t *out);

/* Prints o as one JSON object on stdout; returns the exit status. */
int cx_emit_json(json_t *o);

#endif
