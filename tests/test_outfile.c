#define _POSIX_C_SOURCE 200809L
/* test_outfile.c — atomic output files: content appears only on commit, an
 * aborted write leaves nothing behind, and a committed file gets ordinary
 * permissions (0666 less the umask, or those of the file it replaces); a
 * symbolic link is written through to its target, a FIFO as a stream, a
 * directory refused; a group of outputs appears together or not at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cellforge/cf_io.h"

static char dir[] = "/tmp/cf_outfile_XXXXXX";

static void path_in_dir(char *buf, size_t n, const char *name) { snprintf(buf, n, "%s/%s", dir, name); }

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static void write_text(const char *path, const char *text)
{
    cf_error err = {0};
    cf_outfile *f = NULL;
    assert_int_equal(cf_outfile_open(path, &f, &err), CF_OK);
    fputs(text, cf_outfile_stream(f));
    assert_int_equal(cf_outfile_commit(f, &err), CF_OK);
}

static void test_new_file_follows_umask(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "new.csv");
    mode_t old = umask(027);
    write_text(path, "a,b\n1,2\n");
    umask(old);
    assert_int_equal(mode_of(path), 0640);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[32];
    assert_non_null(fgets(line, sizeof line, fp));
    assert_string_equal(line, "a,b\n");
    fclose(fp);
    remove(path);
}

static void test_replaced_file_keeps_its_mode(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "kept.csv");
    write_text(path, "first\n");
    assert_int_equal(chmod(path, 0604), 0);
    write_text(path, "second\n");
    assert_int_equal(mode_of(path), 0604);
    remove(path);
}

static void test_abort_leaves_nothing(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "aborted.csv");
    cf_error err = {0};
    cf_outfile *f = NULL;
    assert_int_equal(cf_outfile_open(path, &f, &err), CF_OK);
    fputs("half", cf_outfile_stream(f));
    cf_outfile_abort(f);
    assert_int_not_equal(access(path, F_OK), 0);
    /* No temporary file is left in the directory either. */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_unwritable_directory_is_an_error(void **state)
{
    (void)state;
    cf_error err = {0};
    cf_outfile *f = NULL;
    assert_int_equal(cf_outfile_open("/nonexistent-dir/x.csv", &f, &err), CF_EIO);
    assert_null(f);
    assert_non_null(strstr(err.message, "cannot create output file"));
}

static void read_back(const char *path, char *buf, size_t n)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t got = fread(buf, 1, n - 1, fp);
    buf[got] = '\0';
    fclose(fp);
}

static void test_symlink_chain_written_through(void **state)
{
    (void)state;
    char target[256], l1[256], l2[256], buf[64];
    path_in_dir(target, sizeof target, "target.csv");
    path_in_dir(l1, sizeof l1, "l1");
    path_in_dir(l2, sizeof l2, "l2");
    write_text(target, "old\n");
    assert_int_equal(symlink("target.csv", l1), 0); /* relative: resolved beside the link */
    assert_int_equal(symlink(l1, l2), 0);           /* absolute */
    write_text(l2, "new\n");
    struct stat st;
    assert_int_equal(lstat(l1, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(l2, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    read_back(target, buf, sizeof buf);
    assert_string_equal(buf, "new\n");
    remove(l2);
    remove(l1);
    remove(target);
}

static void test_dangling_symlink_creates_target(void **state)
{
    (void)state;
    char target[256], link[256], buf[64];
    path_in_dir(target, sizeof target, "made.csv");
    path_in_dir(link, sizeof link, "dangling");
    assert_int_equal(symlink("made.csv", link), 0);
    write_text(link, "made\n");
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    read_back(target, buf, sizeof buf);
    assert_string_equal(buf, "made\n");
    remove(link);
    remove(target);
}

static void test_symlink_loop_is_an_error(void **state)
{
    (void)state;
    char a[256], b[256];
    path_in_dir(a, sizeof a, "loop_a");
    path_in_dir(b, sizeof b, "loop_b");
    assert_int_equal(symlink("loop_b", a), 0);
    assert_int_equal(symlink("loop_a", b), 0);
    cf_error err = {0};
    cf_outfile *f = NULL;
    assert_int_not_equal(cf_outfile_open(a, &f, &err), CF_OK);
    assert_null(f);
    assert_non_null(strstr(err.message, "symbolic links"));
    remove(a);
    remove(b);
}

static void test_fifo_written_as_stream(void **state)
{
    (void)state;
    char fifo[256];
    path_in_dir(fifo, sizeof fifo, "pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* A reader first, so opening for writing does not wait. */
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    write_text(fifo, "through\n");
    char buf[32] = {0};
    assert_int_equal(read(rd, buf, sizeof buf - 1), 8);
    assert_string_equal(buf, "through\n");
    close(rd);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    /* Checking a FIFO as an output does not open it (no reader here: an
     * open would block). */
    cf_error err = {0};
    assert_int_equal(cf_outfile_check(fifo, &err), CF_OK);
    remove(fifo);
}

static void test_directory_refused(void **state)
{
    (void)state;
    char sub[256], link[256];
    path_in_dir(sub, sizeof sub, "subdir");
    path_in_dir(link, sizeof link, "to_subdir");
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(symlink("subdir", link), 0);
    cf_error err = {0};
    cf_outfile *f = NULL;
    assert_int_equal(cf_outfile_open(sub, &f, &err), CF_EINVAL);
    assert_null(f);
    assert_string_equal(err.where, sub);
    assert_non_null(strstr(err.message, "is a directory"));
    assert_int_equal(cf_outfile_open(link, &f, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "a link to"));
    assert_non_null(strstr(err.message, "a directory"));
    assert_int_equal(cf_outfile_check(sub, &err), CF_EINVAL);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    remove(link);
    rmdir(sub);
}

static void test_group_all_or_none(void **state)
{
    (void)state;
    char a[256], b[256];
    path_in_dir(a, sizeof a, "first.csv");
    path_in_dir(b, sizeof b, "second.csv");
    const char *paths[3] = {a, NULL, b};
    cf_outfile *f[3];
    cf_error err = {0};
    assert_int_equal(cf_outfile_open_all(paths, 3, f, &err), CF_OK);
    assert_null(f[1]);
    fputs("one\n", cf_outfile_stream(f[0]));
    fputs("two\n", cf_outfile_stream(f[2]));
    assert_int_equal(cf_outfile_commit_all(f, 3, &err), CF_OK);
    assert_int_equal(access(a, F_OK), 0);
    assert_int_equal(access(b, F_OK), 0);
    remove(a);
    remove(b);
    /* One bad path: nothing is created, and the others are closed. */
    const char *bad[2] = {a, "/nonexistent-dir/x.csv"};
    assert_int_not_equal(cf_outfile_open_all(bad, 2, f, &err), CF_OK);
    assert_null(f[0]);
    assert_null(f[1]);
    assert_int_not_equal(access(a, F_OK), 0);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_file_follows_umask),
        cmocka_unit_test(test_replaced_file_keeps_its_mode),
        cmocka_unit_test(test_abort_leaves_nothing),
        cmocka_unit_test(test_unwritable_directory_is_an_error),
        cmocka_unit_test(test_symlink_chain_written_through),
        cmocka_unit_test(test_dangling_symlink_creates_target),
        cmocka_unit_test(test_symlink_loop_is_an_error),
        cmocka_unit_test(test_fifo_written_as_stream),
        cmocka_unit_test(test_directory_refused),
        cmocka_unit_test(test_group_all_or_none),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(dir);
    return rc;
}
