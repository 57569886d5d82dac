/* test_json_out.c — the JSON writer (src/io/json_out.c): C1 controls and the
 * bidi controls come out as \uXXXX escapes, every other character as
 * jansson writes it, and the text reads back as the same strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

/* Writes {"s": s} and checks it reads back; returns the text (free it). */
static char *dump_one(const char *s)
{
    json_t *o = json_pack("{ss}", "s", s);
    assert_non_null(o);
    char *text = cf_json_dumps(o, JSON_COMPACT);
    assert_non_null(text);
    json_t *back = json_loads(text, 0, NULL);
    assert_non_null(back);
    assert_string_equal(json_string_value(json_object_get(back, "s")), s);
    json_decref(back);
    json_decref(o);
    return text;
}

static void escaped_at_the_edges_of_each_range(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"\xc2\x80", "\\u0080"},       {"\xc2\x9b", "\\u009B"},     {"\xc2\x9f", "\\u009F"},
        {"\xe2\x80\x8e", "\\u200E"},   {"\xe2\x80\x8f", "\\u200F"}, {"\xe2\x80\xa8", "\\u2028"},
        {"\xe2\x80\xaa", "\\u202A"},   {"\xe2\x80\xae", "\\u202E"}, {"\xe2\x81\xa6", "\\u2066"},
        {"\xe2\x81\xa9", "\\u2069"},   {"\x1b", "\\u001B"},         {"\x07", "\\u0007"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = dump_one(cases[i].in);
        char want[64];
        snprintf(want, sizeof want, "{\"s\":\"%s\"}", cases[i].out);
        assert_string_equal(text, want);
        free(text);
    }
}

static void other_text_unchanged(void **state)
{
    (void)state;
    /* Just outside the ranges, and ordinary non-ASCII of 2, 3 and 4 bytes. */
    static const char *const safe[] = {"\xc2\xa0", "\xe2\x80\x8d", "\xe2\x80\xaf", "\xe2\x81\xa5",
                                       "\xe2\x81\xaa", "\xc2\xb0""C", "Li\xe2\x81\xba \xe2\x86\x92 x",
                                       "\xf0\x9f\x94\x8b", "plain"};
    for (size_t i = 0; i < sizeof safe / sizeof safe[0]; i++) {
        char *text = dump_one(safe[i]);
        char want[64];
        snprintf(want, sizeof want, "{\"s\":\"%s\"}", safe[i]);
        assert_string_equal(text, want);
        free(text);
    }
}

static void keys_and_streams(void **state)
{
    (void)state;
    json_t *o = json_pack("{s{si}}", "k\xc2\x9b", "\xe2\x80\xae", 1);
    assert_non_null(o);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(cf_json_dumpf(o, f, JSON_COMPACT | JSON_SORT_KEYS), 0);
    rewind(f);
    char buf[128] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    assert_string_equal(buf, "{\"k\\u009B\":{\"\\u202E\":1}}");
    fclose(f);
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escaped_at_the_edges_of_each_range),
        cmocka_unit_test(other_text_unchanged),
        cmocka_unit_test(keys_and_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
