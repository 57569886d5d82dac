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
    /* Messages echo file names, keys and values from the input: escape
     * control characters here, once, so no caller can print them raw.
     * Both are built aside first: the arguments may point into err. */
    char raw[sizeof err->message], w[sizeof err->where];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    cf_text_escape(w, sizeof w, where);
    cf_text_escape(err->message, sizeof err->message, raw);
    memcpy(err->where, w, sizeof w);
    return code;
}

void cf_error_prefix_where(cf_error *err, const char *outer)
{
    if (!err || !outer || !outer[0]) return;
    /* Build in a larger buffer, then cut to fit: a long path is still useful. */
    char tmp[2 * sizeof err->where + 4];
    char safe[sizeof err->where];
    cf_text_escape(safe, sizeof safe, outer);
    if (err->where[0])
        snprintf(tmp, sizeof tmp, "%s: %s", safe, err->where);
    else
        snprintf(tmp, sizeof tmp, "%s", safe);
    /* Cut on a whole character: tmp holds escaped text, so this only drops
     * the tail (escaping it again changes nothing). */
    cf_text_escape(err->where, sizeof err->where, tmp);
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
