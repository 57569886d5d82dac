/* infile.c — bounded reads of input files (see cf_io.h).
 *
 * Every input is read whole into memory, so every read has a cap: a file
 * named by mistake (/dev/zero, a multi-gigabyte log) must fail at once with a
 * message, not grow the process until the machine swaps. Only regular files
 * are read: a directory is an error, a device or FIFO could be endless or
 * block forever. The caps are far above any real file of the kind:
 *   - JSON (cell, recipe, BPX, run record, sweep spec), 16 MiB: a BPX file
 *     with every function tabulated at 10^4 points is ~1 MiB;
 *   - protocol files, 4 MiB: ~10^5 step lines (repeat blocks make long
 *     protocols short);
 *   - data (instrument files, drive cycles, sweep checkpoints), 256 MiB: a
 *     week-long 10 Hz drive cycle is ~6x10^6 rows (~150 MiB); a checkpoint of
 *     10^6 runs is ~150 MiB; XRD, PSD, BET, DTA, CHN and shape files are
 *     kilobytes to a few MiB.
 * An environment variable per kind changes the cap (whole MiB). */
#define _POSIX_C_SOURCE 200809L
#include "cellforge/cf_io.h"
#include "io/file_type.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *what;
    const char *variable;
    size_t default_mib;
} KINDS[CF_INPUT_KINDS] = {
    [CF_INPUT_JSON] = {"JSON input", "CELLFORGE_MAX_JSON_MB", 16},
    [CF_INPUT_PROTOCOL] = {"protocol", "CELLFORGE_MAX_PROTOCOL_MB", 4},
    [CF_INPUT_DATA] = {"data", "CELLFORGE_MAX_DATA_MB", 256},
};

#define MAX_MIB 1048576ul /* 1 TiB: anything larger is a typo */

const char *cf_input_limit_variable(cf_input_kind kind)
{
    return (unsigned)kind < CF_INPUT_KINDS ? KINDS[kind].variable : "";
}

size_t cf_input_limit(cf_input_kind kind, cf_error *err)
{
    if ((unsigned)kind >= CF_INPUT_KINDS) {
        cf_error_set(err, CF_EINVAL, "input", "unknown input kind %d", (int)kind);
        return 0;
    }
    size_t mib = KINDS[kind].default_mib;
    const char *env = getenv(KINDS[kind].variable);
    if (env && env[0]) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(env, &end, 10);
        if (errno || *end || env[0] == '-' || v < 1 || v > MAX_MIB) {
            cf_error_set(err, CF_EINVAL, KINDS[kind].variable,
                         "must be a whole number of MiB in [1, %lu] (got '%.40s')", MAX_MIB, env);
            return 0;
        }
        mib = v;
    }
    return mib << 20;
}

static int not_regular(const char *path, mode_t m, cf_error *err)
{
    return cf_error_set(err, CF_EINVAL, path, "is %s; only regular files are read as input", cf_file_type_name(m));
}

int cf_input_check_regular(const char *path, cf_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) return cf_error_set(err, CF_EIO, path, "cannot open file: %s", strerror(errno));
    return S_ISREG(st.st_mode) ? CF_OK : not_regular(path, st.st_mode, err);
}

static int too_large(const char *path, cf_input_kind kind, size_t cap, cf_error *err)
{
    return cf_error_set(err, CF_EINVAL, path,
                        "is larger than the %zu MiB limit for %s files (set %s to a number of MiB to raise it)",
                        cap >> 20, KINDS[kind].what, KINDS[kind].variable);
}

/* Reads fd to EOF, at most cap bytes; one more byte means too large. */
static int read_bounded(int fd, const char *path, cf_input_kind kind, size_t cap, size_t hint, char **text,
                        size_t *len, cf_error *err)
{
    size_t size = (hint < cap ? hint : cap) + 2, n = 0;
    if (size < 4096) size = 4096;
    char *buf = malloc(size);
    if (!buf) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    for (;;) {
        if (n + 1 >= size) {
            size_t grown = size > (cap + 2) / 2 ? cap + 2 : size * 2;
            char *nb = grown > size ? realloc(buf, grown) : NULL;
            if (!nb) {
                free(buf);
                return cf_error_set(err, CF_ENOMEM, path, "out of memory");
            }
            buf = nb;
            size = grown;
        }
        ssize_t got = read(fd, buf + n, size - n - 1);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            return cf_error_set(err, CF_EIO, path, "read error: %s", strerror(e));
        }
        if (got == 0) break;
        n += (size_t)got;
        if (n > cap) {
            free(buf);
            return too_large(path, kind, cap, err);
        }
    }
    buf[n] = '\0';
    *text = buf;
    if (len) *len = n;
    return CF_OK;
}

int cf_read_file(const char *path, int kind_flags, char **text, size_t *len, cf_error *err)
{
    *text = NULL;
    if (len) *len = 0;
    cf_input_kind kind = (cf_input_kind)(kind_flags & 0xff);
    if (!path || !path[0]) return cf_error_set(err, CF_EINVAL, "input", "empty file name");
    size_t cap = cf_input_limit(kind, err);
    if (!cap) return CF_EINVAL;
    if (strcmp(path, "-") == 0) {
        if (!(kind_flags & CF_INPUT_STDIN))
            return cf_error_set(err, CF_EINVAL, path, "standard input ('-') cannot be read here; name a file");
        /* Chosen deliberately, so a pipe or terminal is fine; the cap holds. */
        return read_bounded(STDIN_FILENO, "stdin", kind, cap, 0, text, len, err);
    }
    /* O_NONBLOCK: opening a FIFO must not wait for a writer before we can
     * see what it is. It does not affect reads of a regular file. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return cf_error_set(err, CF_EIO, path, "cannot open file: %s", strerror(errno));
    struct stat st;
    int rc;
    if (fstat(fd, &st) != 0) rc = cf_error_set(err, CF_EIO, path, "cannot open file: %s", strerror(errno));
    else if (!S_ISREG(st.st_mode)) rc = not_regular(path, st.st_mode, err);
    else if ((unsigned long long)st.st_size > cap) rc = too_large(path, kind, cap, err);
    else rc = read_bounded(fd, path, kind, cap, (size_t)st.st_size, text, len, err);
    close(fd);
    return rc;
}
