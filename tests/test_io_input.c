#define _POSIX_C_SOURCE 200809L
/* test_io_input.c — bounded input reads and terminal-safe text.
 *
 * cf_read_file reads regular files only, up to its kind's cap (which the
 * kind's environment variable changes), refuses a FIFO without waiting for a
 * writer, takes "-" only when the caller allows it; cf_text_escape shows every
 * control character visibly, cuts only between whole characters, and leaves
 * printable text (ASCII and UTF-8) alone. */
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

static char dir[] = "/tmp/cf_input_XXXXXX";

static void path_in_dir(char *buf, size_t n, const char *name) { snprintf(buf, n, "%s/%s", dir, name); }

static void make_file(const char *path, size_t bytes)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    for (size_t i = 0; i < bytes; i++) fputc('a' + (int)(i % 26), fp);
    assert_int_equal(fclose(fp), 0);
}

static void test_regular_file_read_whole(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "small.json");
    make_file(path, 10000); /* more than the first buffer of 4096 */
    char *text = NULL;
    size_t len = 0;
    cf_error err = {0};
    assert_int_equal(cf_read_file(path, CF_INPUT_JSON, &text, &len, &err), CF_OK);
    assert_int_equal(len, 10000);
    assert_int_equal(strlen(text), 10000);
    assert_int_equal(text[9999], 'a' + 9999 % 26);
    free(text);
    remove(path);
}

static void test_cap_and_its_variable(void **state)
{
    (void)state;
    char path[256];
    path_in_dir(path, sizeof path, "big.csv");
    make_file(path, (1u << 20) + 1); /* one byte over 1 MiB */
    char *text = NULL;
    size_t len = 0;
    cf_error err = {0};
    assert_int_equal(cf_input_limit(CF_INPUT_JSON, &err), (size_t)16 << 20);
    assert_int_equal(cf_input_limit(CF_INPUT_PROTOCOL, &err), (size_t)4 << 20);
    assert_int_equal(cf_input_limit(CF_INPUT_DATA, &err), (size_t)256 << 20);
    setenv("CELLFORGE_MAX_DATA_MB", "1", 1);
    assert_int_equal(cf_read_file(path, CF_INPUT_DATA, &text, &len, &err), CF_EINVAL);
    assert_null(text);
    assert_non_null(strstr(err.message, "1 MiB limit for data files"));
    assert_non_null(strstr(err.message, "CELLFORGE_MAX_DATA_MB"));
    setenv("CELLFORGE_MAX_DATA_MB", "2", 1);
    assert_int_equal(cf_read_file(path, CF_INPUT_DATA, &text, &len, &err), CF_OK);
    assert_int_equal(len, (1u << 20) + 1);
    free(text);
    setenv("CELLFORGE_MAX_DATA_MB", "0", 1);
    assert_int_equal(cf_input_limit(CF_INPUT_DATA, &err), 0);
    assert_string_equal(err.where, "CELLFORGE_MAX_DATA_MB");
    setenv("CELLFORGE_MAX_DATA_MB", "-5", 1);
    assert_int_equal(cf_input_limit(CF_INPUT_DATA, &err), 0);
    unsetenv("CELLFORGE_MAX_DATA_MB");
    /* Each kind has its own variable: the JSON cap is not the data cap. */
    setenv("CELLFORGE_MAX_JSON_MB", "1", 1);
    assert_int_equal(cf_read_file(path, CF_INPUT_DATA, &text, &len, &err), CF_OK);
    free(text);
    assert_int_equal(cf_read_file(path, CF_INPUT_JSON, &text, &len, &err), CF_EINVAL);
    unsetenv("CELLFORGE_MAX_JSON_MB");
    remove(path);
}

static void expect_refused(const char *path, const char *what)
{
    char *text = NULL;
    size_t len = 0;
    cf_error err = {0};
    assert_int_equal(cf_read_file(path, CF_INPUT_JSON, &text, &len, &err), CF_EINVAL);
    assert_null(text);
    assert_string_equal(err.where, path);
    assert_non_null(strstr(err.message, what));
    assert_int_equal(cf_input_check_regular(path, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, what));
}

static void test_non_regular_refused(void **state)
{
    (void)state;
    char fifo[256];
    path_in_dir(fifo, sizeof fifo, "pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    expect_refused(fifo, "is a FIFO"); /* no writer: an ordinary open would block */
    remove(fifo);
    expect_refused(dir, "is a directory");
    expect_refused("/dev/zero", "is a character device");
}

static void test_stdin_only_when_allowed(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    cf_error err = {0};
    assert_int_equal(cf_read_file("-", CF_INPUT_JSON, &text, &len, &err), CF_EINVAL);
    assert_non_null(strstr(err.message, "standard input"));
    /* Allowed: stdin redirected from a file here. */
    char path[256];
    path_in_dir(path, sizeof path, "in.txt");
    make_file(path, 100);
    assert_non_null(freopen(path, "rb", stdin));
    assert_int_equal(cf_read_file("-", CF_INPUT_DATA | CF_INPUT_STDIN, &text, &len, &err), CF_OK);
    assert_int_equal(len, 100);
    free(text);
    remove(path);
}

static void test_escape_controls(void **state)
{
    (void)state;
    char out[128];
    /* C0, DEL, C1 (U+009B as UTF-8), a bidi override, invalid UTF-8. */
    assert_int_equal(cf_text_escape(out, sizeof out, "a\x1b[2Jb\x07\x7f"), strlen("a\\x1b[2Jb\\x07\\x7f"));
    assert_string_equal(out, "a\\x1b[2Jb\\x07\\x7f");
    cf_text_escape(out, sizeof out, "x\xc2\x9b" "31m\xe2\x80\xae" "y");
    assert_string_equal(out, "x\\u009b31m\\u202ey");
    cf_text_escape(out, sizeof out, "bad\xff\xc3");
    assert_string_equal(out, "bad\\xff\\xc3");
    /* Printable text passes; escaping twice changes nothing. */
    cf_text_escape(out, sizeof out, "25 \xc2\xb0" "C, \xce\xb7 = 0.5 \\x1b");
    assert_string_equal(out, "25 \xc2\xb0" "C, \xce\xb7 = 0.5 \\x1b");
    assert_true(cf_text_is_safe(out));
    assert_false(cf_text_is_safe("a\nb"));
    /* A cut falls between whole escapes. */
    char small[8];
    size_t need = cf_text_escape(small, sizeof small, "ab\x1b\x1b");
    assert_int_equal(need, 10);
    assert_string_equal(small, "ab\\x1b");
}

static void test_errors_are_escaped(void **state)
{
    (void)state;
    cf_error err = {0};
    cf_error_set(&err, CF_EINVAL, "cell\x1b]0;t\x07.json", "name '%s' is bad", "x\x1b[31m");
    assert_string_equal(err.where, "cell\\x1b]0;t\\x07.json");
    assert_string_equal(err.message, "name 'x\\x1b[31m' is bad");
    cf_error_prefix_where(&err, "dir\x1b/");
    assert_string_equal(err.where, "dir\\x1b/: cell\\x1b]0;t\\x07.json");
    /* An argument may point into err itself. */
    cf_error_set(&err, CF_EIO, err.where, "%s", err.message);
    assert_string_equal(err.message, "name 'x\\x1b[31m' is bad");
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular_file_read_whole),
        cmocka_unit_test(test_cap_and_its_variable),
        cmocka_unit_test(test_non_regular_refused),
        cmocka_unit_test(test_stdin_only_when_allowed),
        cmocka_unit_test(test_escape_controls),
        cmocka_unit_test(test_errors_are_escaped),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(dir);
    return rc;
}
