/* charact_cli.c — helpers shared by the characterisation commands. */
#include "charact_cli.h"
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

const char *cx_value(const char *cmd, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        cli_usage_error(cmd, "%s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

int cx_common_arg(const char *cmd, int argc, char **argv, int *i, cx_common *c)
{
    if (strcmp(argv[*i], "--json") == 0) {
        c->json = 1;
        return 1;
    }
    if (strcmp(argv[*i], "--into") == 0) {
        if (*i + 2 >= argc) {
            cli_usage_error(cmd, "--into needs two values: RECIPE.json COMPONENT (e.g. negative or "
                                 "negative.components[0])");
            return -1;
        }
        c->recipe = argv[*i + 1];
        c->component = argv[*i + 2];
        *i += 2;
        return 1;
    }
    return 0;
}

int cx_parse_range(const char *cmd, const char *opt, const char *text, double lo, double hi,
                   double *a, double *b)
{
    const char *colon = text ? strchr(text, ':') : NULL;
    if (!colon) return cli_usage_error(cmd, "%s expects LO:HI, got '%s'", opt, text ? text : "");
    char left[64];
    size_t n = (size_t)(colon - text);
    if (n == 0 || n >= sizeof left) return cli_usage_error(cmd, "%s expects LO:HI, got '%s'", opt, text);
    memcpy(left, text, n);
    left[n] = '\0';
    if (cli_parse_double(cmd, opt, left, lo, hi, a) != 0) return 2;
    if (cli_parse_double(cmd, opt, colon + 1, lo, hi, b) != 0) return 2;
    if (!(*a < *b)) return cli_usage_error(cmd, "%s: LO (%g) must be below HI (%g)", opt, *a, *b);
    return 0;
}

void cx_format(char *buf, size_t n, double v, double u, int sig)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return;
    }
    if (!(u > 0.0) || !isfinite(u)) {
        snprintf(buf, n, "%.*g", sig, v);
        return;
    }
    /* Two significant digits of u, but never more than 6 of v. */
    int dec = 1 - (int)floor(log10(u));
    if (v != 0.0) {
        int cap = 5 - (int)floor(log10(fabs(v)));
        if (dec > cap) dec = cap;
    }
    if (dec < 0) dec = 0;
    if (dec > 8) dec = 8;
    snprintf(buf, n, "%.*f ± %.*f", dec, v, dec, u);
}

void cx_json_num(json_t *o, const char *key, double v)
{
    json_object_set_new(o, key, isfinite(v) ? json_real(v) : json_null());
}

void cx_json_vu(json_t *o, const char *key, double v, double u)
{
    char k[96];
    cx_json_num(o, key, v);
    snprintf(k, sizeof k, "%s_u", key);
    json_object_set_new(o, k, (u > 0.0 && isfinite(u)) ? json_real(u) : json_null());
}

int cx_into(const char *cmd, const cx_common *c, const cf_charact_field *f, size_t n, json_t *out)
{
    if (!c->recipe) return 0;
    char resolved[192];
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_charact_into_recipe(c->recipe, c->component, f, n, resolved, sizeof resolved, &err);
    if (rc != CF_OK) return cli_fail(cmd, &err);
    if (out) {
        json_t *into = json_object();
        json_object_set_new(into, "recipe", json_string(c->recipe));
        json_object_set_new(into, "component", json_string(resolved));
        json_t *keys = json_array();
        for (size_t i = 0; i < n; i++) json_array_append_new(keys, json_string(f[i].key));
        json_object_set_new(into, "keys", keys);
        json_object_set_new(out, "into", into);
    } else {
        printf("  wrote         ");
        for (size_t i = 0; i < n; i++) printf("%s%s", i ? ", " : "", f[i].key);
        printf(" into %s (%s)\n", cli_esc(c->recipe), cli_esc(resolved));
    }
    return 0;
}

int cx_emit_json(json_t *o)
{
    /* A failed write is reported once, by the check of standard output at
     * exit (cli_close_stdout), as every command's is. */
    cf_json_dumpf(o, stdout, JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    return 0;
}
