/* outfile.c — write-to-temp-then-rename output files (see cf_io.h). */
#define _POSIX_C_SOURCE 200809L
#include "cellforge/cf_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The process umask, read without changing it: umask(2) can only be queried
 * by setting it, which would race with other threads (sweeps write files from
 * worker threads). Linux reports it in /proc/self/status; elsewhere assume the
 * common 022. */
static mode_t process_umask(void)
{
    mode_t mask = 022;
    FILE *fp = fopen("/proc/self/status", "r");
    if (!fp) return mask;
    char line[256];
    while (fgets(line, sizeof line, fp)) {
        unsigned int value;
        if (sscanf(line, "Umask: %o", &value) == 1) {
            mask = (mode_t)(value & 0777u);
            break;
        }
    }
    fclose(fp);
    return mask;
}

/* mkstemp creates 0600 files; a result file should get the permissions any
 * other program's output would: those of the file it replaces, otherwise
 * 0666 less the umask. */
static mode_t output_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) return st.st_mode & 07777;
    return (mode_t)(0666 & ~process_umask());
}

struct cf_outfile {
    FILE *fp;
    char *path;
    char *tmp;
    int is_stdout;
};

int cf_outfile_open(const char *path, cf_outfile **out, cf_error *err)
{
    *out = NULL;
    if (!path || !path[0])
        return cf_error_set(err, CF_EINVAL, "output", "empty output file name");
    cf_outfile *f = calloc(1, sizeof *f);
    if (!f) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        f->is_stdout = 1;
        *out = f;
        return CF_OK;
    }
    size_t n = strlen(path);
    f->path = malloc(n + 1);
    f->tmp = malloc(n + 16);
    if (!f->path || !f->tmp) {
        cf_outfile_abort(f);
        return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    }
    memcpy(f->path, path, n + 1);
    snprintf(f->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        int e = errno;
        free(f->tmp);
        f->tmp = NULL;
        cf_outfile_abort(f);
        return cf_error_set(err, CF_EIO, path, "cannot create output file: %s", strerror(e));
    }
    if (fchmod(fd, output_mode(path)) != 0) {
        int e = errno;
        close(fd);
        cf_outfile_abort(f);
        return cf_error_set(err, CF_EIO, path, "cannot set output file permissions: %s", strerror(e));
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        close(fd);
        cf_outfile_abort(f);
        return cf_error_set(err, CF_EIO, path, "cannot open output file");
    }
    *out = f;
    return CF_OK;
}

FILE *cf_outfile_stream(cf_outfile *f) { return f ? f->fp : NULL; }

int cf_outfile_commit(cf_outfile *f, cf_error *err)
{
    if (!f) return cf_error_set(err, CF_EINVAL, "output", "no file to commit");
    if (f->is_stdout) {
        int bad = fflush(stdout) != 0 || ferror(stdout);
        free(f);
        return bad ? cf_error_set(err, CF_EIO, "stdout", "write to standard output failed") : CF_OK;
    }
    int bad = fflush(f->fp) != 0 || ferror(f->fp);
    bad |= fclose(f->fp) != 0;
    f->fp = NULL;
    if (bad || rename(f->tmp, f->path) != 0) {
        int e = errno;
        cf_error_set(err, CF_EIO, f->path, "cannot write output file: %s", strerror(e));
        cf_outfile_abort(f);
        return CF_EIO;
    }
    free(f->tmp);
    free(f->path);
    free(f);
    return CF_OK;
}

void cf_outfile_abort(cf_outfile *f)
{
    if (!f) return;
    if (f->fp && !f->is_stdout) fclose(f->fp);
    if (f->tmp) remove(f->tmp);
    free(f->tmp);
    free(f->path);
    free(f);
}

int cf_read_file(const char *path, char **text, size_t *len, cf_error *err)
{
    *text = NULL;
    if (len) *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) return cf_error_set(err, CF_EIO, path, "cannot open file: %s", strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(fp);
        return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(fp);
                return cf_error_set(err, CF_ENOMEM, path, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        free(buf);
        return cf_error_set(err, CF_EIO, path, "read error");
    }
    buf[n] = '\0';
    *text = buf;
    if (len) *len = n;
    return CF_OK;
}
