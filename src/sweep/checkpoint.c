#define _POSIX_C_SOURCE 200809L
/* checkpoint.c — finished runs appended to a file as they complete, read
 * back when the same sweep is started again.
 *
 * Format: a first line naming the sweep's fingerprint, then one line per
 * run, "<8 hex checksum> <CSV row>\n", each written with a single write()
 * on an O_APPEND descriptor.  A kill can only tear the last line; on
 * opening, lines without their newline or with a wrong checksum are
 * dropped (their runs are simply done again) and a torn tail is cut off so
 * the next line starts clean.  A POSIX record lock keeps two sweeps from
 * appending to one file at once. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cellforge/cf_io.h"
#include "sweep/sweep_internal.h"

#define MAGIC "# cellforge sweep checkpoint v1"

struct cf_sweep_checkpoint {
    int fd;
    char *path;
};

static unsigned checksum(const char *row, size_t n) { return (unsigned)(sw_fnv1a(SW_FNV_START, row, n) & 0xffffffffu); }

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads the rows of an existing file into r; *keep = bytes of whole lines. */
static int read_rows(const char *path, const char *text, size_t len, const char *header, cf_sweep_results *r,
                     size_t *keep, cf_error *err)
{
    size_t hl = strlen(header);
    if (len < sizeof MAGIC - 1 || memcmp(text, MAGIC, sizeof MAGIC - 1) != 0)
        return cf_error_set(err, CF_EINVAL, path, "exists and is not a sweep checkpoint; refusing to append to it "
                                                  "(remove it or name another file)");
    if (len < hl || memcmp(text, header, hl) != 0) {
        const char *nl = memchr(text, '\n', len);
        int shown = nl ? (int)(nl - text) : (int)(len > 120 ? 120 : len);
        return cf_error_set(err, CF_EINVAL, path,
                            "was written by a different sweep ('%.*s'; this one is '%.*s'): the spec, base cell "
                            "or protocol changed. Remove it to start over, or name another file", shown, text,
                            (int)hl - 1, header);
    }
    size_t pos = hl;
    *keep = hl;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        if (!nl) break; /* torn last line */
        size_t end = (size_t)(nl - text);
        const char *line = text + pos;
        size_t n = end - pos;
        unsigned want;
        char hex[9];
        if (n > 9 && line[8] == ' ') {
            memcpy(hex, line, 8);
            hex[8] = '\0';
            char *e;
            want = (unsigned)strtoul(hex, &e, 16);
            if (*e == '\0' && checksum(line + 9, n - 9) == want) {
                char *row = malloc(n - 8);
                if (!row) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
                memcpy(row, line + 9, n - 9);
                row[n - 9] = '\0';
                cf_error e2;
                int rc = cf_sweep_results_put(r, row, &e2);
                free(row);
                if (rc == CF_ENOMEM) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
                /* A row with a bad run number is dropped like a torn one. */
            }
        }
        pos = end + 1;
        *keep = pos;
    }
    return CF_OK;
}

int cf_sweep_checkpoint_open(const char *path, const cf_sweep *s, cf_sweep_results *r, cf_sweep_checkpoint **out,
                             cf_error *err)
{
    *out = NULL;
    char header[128];
    snprintf(header, sizeof header, MAGIC " fingerprint=%016" PRIx64 " runs=%zu\n", s->fingerprint, s->n_runs);
    /* The checkpoint is read back and cut, so it must be a regular file: a
     * FIFO or device is refused (O_NONBLOCK: opening one must not wait). */
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0644);
    if (fd < 0) return cf_error_set(err, CF_EIO, path, "cannot open the checkpoint file: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        int rc = cf_input_check_regular(path, err);
        return rc ? rc : cf_error_set(err, CF_EIO, path, "is not a regular file");
    }
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_SETLK, &lk) != 0) {
        close(fd);
        return cf_error_set(err, CF_EIO, path, "is in use by another running sweep");
    }
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_DATA, &text, &len, err);
    size_t keep = 0;
    if (!rc && len > 0) rc = read_rows(path, text, len, header, r, &keep, err);
    free(text);
    if (!rc && len > 0 && keep < len && ftruncate(fd, (off_t)keep) != 0)
        rc = cf_error_set(err, CF_EIO, path, "cannot cut off a torn last line: %s", strerror(errno));
    if (!rc && len == 0 && write_all(fd, header, strlen(header)) != 0)
        rc = cf_error_set(err, CF_EIO, path, "cannot write: %s", strerror(errno));
    cf_sweep_checkpoint *ck = rc ? NULL : calloc(1, sizeof *ck);
    if (!rc && !ck) rc = cf_error_set(err, CF_ENOMEM, path, "out of memory");
    if (!rc && !(ck->path = sw_strdup(path))) rc = cf_error_set(err, CF_ENOMEM, path, "out of memory");
    if (rc) {
        if (ck) free(ck);
        close(fd);
        return rc;
    }
    ck->fd = fd;
    *out = ck;
    return CF_OK;
}

int cf_sweep_checkpoint_append(cf_sweep_checkpoint *ck, const char *row, cf_error *err)
{
    size_t n = strlen(row);
    char *line = malloc(n + 11);
    if (!line) return cf_error_set(err, CF_ENOMEM, ck->path, "out of memory");
    snprintf(line, 10, "%08x ", checksum(row, n));
    memcpy(line + 9, row, n);
    line[n + 9] = '\n';
    /* One write() per line: a kill leaves whole lines and at most one torn
     * tail, never two rows interleaved. */
    int bad = write_all(ck->fd, line, n + 10);
    free(line);
    if (bad) return cf_error_set(err, CF_EIO, ck->path, "cannot append to the checkpoint: %s", strerror(errno));
    return CF_OK;
}

int cf_sweep_checkpoint_close(cf_sweep_checkpoint *ck, cf_error *err)
{
    if (!ck) return CF_OK;
    int rc = close(ck->fd) != 0 ? cf_error_set(err, CF_EIO, ck->path, "cannot close: %s", strerror(errno)) : CF_OK;
    free(ck->path);
    free(ck);
    return rc;
}
