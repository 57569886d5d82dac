/* error.c — filling cf_error records. */
#include "cellforge/cf_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cf_error_clear(cf_error *err)
{
    if (!err) return;
    err->code = CF_OK;
    err->where[0] = '\0';
    err->message[0] = '\0';
}

int cf_error_set(cf_error *err, int code, const char *where, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void cf_error_prefix_where(cf_error *err, const char *outer)
{
    if (!err || !outer || !outer[0]) return;
    /* Build in a larger buffer, then cut to fit: a long path is still useful. */
    char tmp[2 * sizeof err->where + 4];
    if (err->where[0])
        snprintf(tmp, sizeof tmp, "%.*s: %s", (int)sizeof err->where, outer, err->where);
    else
        snprintf(tmp, sizeof tmp, "%.*s", (int)sizeof err->where, outer);
    size_t n = strlen(tmp);
    if (n >= sizeof err->where) n = sizeof err->where - 1;
    memcpy(err->where, tmp, n);
    err->where[n] = '\0';
}

const char *cf_status_name(int code)
{
    switch (code) {
    case CF_OK: return "ok";
    case CF_EINVAL: return "invalid input";
    case CF_EIO: return "I/O error";
    case CF_ESOLVER: return "solver failure";
    case CF_ENOMEM: return "out of memory";
    case CF_ELIMIT: return "beyond the cell's limits";
    case CF_EUNSUPPORTED: return "not supported in this build";
    default: return "error";
    }
}
