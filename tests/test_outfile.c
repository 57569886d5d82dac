#define _POSIX_C_SOURCE 200809L
/* test_outfile.c — atomic output files: content appears only on commit, an
 * aborted write leaves nothing behind, and a committed file gets ordinary
 * permissions (0666 less the umask, or those of the file it replaces). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_file_follows_umask),
        cmocka_unit_test(test_replaced_file_keeps_its_mode),
        cmocka_unit_test(test_abort_leaves_nothing),
        cmocka_unit_test(test_unwritable_directory_is_an_error),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(dir);
    return rc;
}
