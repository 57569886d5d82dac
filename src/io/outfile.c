/* outfile.c — output files by what the path is (see cf_io.h): regular files
 * and new paths atomically, links through to their target, FIFOs and
 * character devices as streams, anything else refused. */
#define _POSIX_C_SOURCE 200809L
#include "cellforge/cf_io.h"
#include "io/file_type.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

/* Follows `path` through any chain of symbolic links to the name that is not
 * a link (which may not exist yet: a dangling link's target is created, like
 * any shell redirection would). Returns a malloc'd path; *st_out gets its
 * lstat, *exists whether it exists. */
static int resolve_links(const char *path, char **final, struct stat *st_out, int *exists, cf_error *err)
{
    *final = NULL;
    char *cur = strdup(path);
    if (!cur) return cf_error_set(err, CF_ENOMEM, path, "out of memory");
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0) {
            if (errno != ENOENT) {
                int e = errno;
                cf_error_set(err, CF_EIO, path, "cannot use as output: %s%s%s", strerror(e),
                             hops ? "; the link leads to " : "", hops ? cur : "");
                free(cur);
                return CF_EIO;
            }
            *exists = 0;
            *final = cur;
            return CF_OK;
        }
        if (!S_ISLNK(st.st_mode)) {
            *exists = 1;
            *st_out = st;
            *final = cur;
            return CF_OK;
        }
        if (hops == 40) { /* the kernel's own limit (ELOOP) */
            free(cur);
            return cf_error_set(err, CF_EIO, path, "too many levels of symbolic links");
        }
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0) {
            int e = errno;
            free(cur);
            return cf_error_set(err, CF_EIO, path, "cannot read symbolic link: %s", strerror(e));
        }
        target[n] = '\0';
        /* A relative target is relative to the directory holding the link. */
        const char *slash = strrchr(cur, '/');
        size_t dir_len = (target[0] != '/' && slash) ? (size_t)(slash - cur) + 1 : 0;
        char *next = malloc(dir_len + (size_t)n + 1);
        if (!next) {
            free(cur);
            return cf_error_set(err, CF_ENOMEM, path, "out of memory");
        }
        memcpy(next, cur, dir_len);
        memcpy(next + dir_len, target, (size_t)n + 1);
        free(cur);
        cur = next;
    }
}

struct cf_outfile {
    FILE *fp;
    char *path; /* the file written (a link's final target)       */
    char *tmp;  /* the temporary beside it; NULL for a stream      */
    int is_stdout;
};

/* A FIFO or character device: opened for writing as it is, and checked again
 * after opening in case the name was replaced in between. */
static int open_stream(cf_outfile *f, const char *shown, cf_error *err)
{
    int fd = open(f->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return cf_error_set(err, CF_EIO, shown, "cannot open for writing: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
        close(fd);
        return cf_error_set(err, CF_EIO, shown, "changed while being opened for output; not written");
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        close(fd);
        return cf_error_set(err, CF_EIO, shown, "cannot open for writing: %s", strerror(errno));
    }
    return CF_OK;
}

/* A regular file or a new path: a temporary file beside it, renamed on commit. */
static int open_atomic(cf_outfile *f, const char *shown, cf_error *err)
{
    size_t n = strlen(f->path);
    f->tmp = malloc(n + 16);
    if (!f->tmp) return cf_error_set(err, CF_ENOMEM, shown, "out of memory");
    snprintf(f->tmp, n + 16, "%s.tmp.XXXXXX", f->path);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        int e = errno;
        free(f->tmp);
        f->tmp = NULL;
        return cf_error_set(err, CF_EIO, shown, "cannot create output file: %s", strerror(e));
    }
    if (fchmod(fd, output_mode(f->path)) != 0) {
        int e = errno;
        close(fd);
        return cf_error_set(err, CF_EIO, shown, "cannot set output file permissions: %s", strerror(e));
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        close(fd);
        return cf_error_set(err, CF_EIO, shown, "cannot open output file");
    }
    return CF_OK;
}

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
    struct stat st;
    int exists = 0;
    int rc = resolve_links(path, &f->path, &st, &exists, err);
    if (!rc && exists && !S_ISREG(st.st_mode)) {
        if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
            rc = open_stream(f, path, err);
        } else if (strcmp(f->path, path) == 0) {
            rc = cf_error_set(err, CF_EINVAL, path, "is %s: refusing to write output there", cf_file_type_name(st.st_mode));
        } else {
            rc = cf_error_set(err, CF_EINVAL, path, "is a link to %s, which is %s: refusing to write output there",
                              f->path, cf_file_type_name(st.st_mode));
        }
    } else if (!rc) {
        rc = open_atomic(f, path, err);
    }
    if (rc) {
        cf_outfile_abort(f);
        return rc;
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
        int e = errno;
        free(f);
        return bad ? cf_error_set(err, CF_EIO, "stdout", "write error: %s", strerror(e)) : CF_OK;
    }
    int bad = fflush(f->fp) != 0 || ferror(f->fp);
    int e = errno;
    if (fclose(f->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    f->fp = NULL;
    if (!bad && f->tmp && rename(f->tmp, f->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
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

int cf_outfile_open_all(const char *const *paths, size_t n, cf_outfile **files, cf_error *err)
{
    for (size_t i = 0; i < n; i++) files[i] = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!paths[i]) continue;
        int rc = cf_outfile_open(paths[i], &files[i], err);
        if (rc) {
            cf_outfile_abort_all(files, n);
            return rc;
        }
    }
    return CF_OK;
}

int cf_outfile_commit_all(cf_outfile **files, size_t n, cf_error *err)
{
    /* Flush everything first: a full disk shows up here, while every file
     * can still be abandoned. Only then rename them into place. */
    for (size_t i = 0; i < n; i++) {
        if (!files[i]) continue;
        FILE *fp = files[i]->fp;
        errno = 0;
        if (fflush(fp) != 0 || ferror(fp)) {
            int e = errno ? errno : EIO;
            if (files[i]->is_stdout) cf_error_set(err, CF_EIO, "stdout", "write error: %s", strerror(e));
            else cf_error_set(err, CF_EIO, files[i]->path, "cannot write output file: %s", strerror(e));
            cf_outfile_abort_all(files, n);
            return CF_EIO;
        }
    }
    int rc = CF_OK;
    for (size_t i = 0; i < n; i++) {
        if (!files[i]) continue;
        int r = rc ? (cf_outfile_abort(files[i]), CF_OK) : cf_outfile_commit(files[i], err);
        files[i] = NULL;
        if (r) rc = r;
    }
    return rc;
}

void cf_outfile_abort_all(cf_outfile **files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cf_outfile_abort(files[i]);
        files[i] = NULL;
    }
}

int cf_outfile_check(const char *path, cf_error *err)
{
    if (path && strcmp(path, "-") == 0) return CF_OK;
    /* Everything opening does, short of opening a stream: a FIFO opened and
     * closed here would hand its reader an end of file. */
    struct stat st;
    int exists = 0;
    char *final = NULL;
    if (!path || !path[0]) return cf_error_set(err, CF_EINVAL, "output", "empty output file name");
    int rc = resolve_links(path, &final, &st, &exists, err);
    if (rc) return rc;
    int stream = exists && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode));
    free(final);
    if (stream) return access(path, W_OK) == 0 ? CF_OK
                                               : cf_error_set(err, CF_EIO, path, "cannot open for writing: %s",
                                                              strerror(errno));
    cf_outfile *f = NULL;
    rc = cf_outfile_open(path, &f, err);
    cf_outfile_abort(f);
    return rc;
}
