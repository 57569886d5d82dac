/* test_fit_data.c — measured data for fits: each cycler export's columns,
 * units and sign convention give the same SI series with discharge positive,
 * and bad files are refused with file:line:column.
 *
 * The seed files of tests/fuzz/corpus/fit_data are small exports in each
 * format; every one describes a 2.5 A discharge (1 A charge or rest after),
 * so after conversion the current is +2.5 A while the voltage falls. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cellforge/cf_fit.h"

#define assert_close(a, b) assert_true(fabs((a) - (b)) <= 1e-9)
#define CORPUS CF_SOURCE_DIR "/tests/fuzz/corpus/fit_data/"

static cf_fit_data *read_ok(const char *name, cf_fit_format fmt, cf_fit_format expect)
{
    cf_fit_data *d = NULL;
    cf_error err;
    cf_error_clear(&err);
    int rc = cf_fit_data_read(name, fmt, CF_CURRENT_SIGN_FORMAT, &d, &err);
    if (rc) fprintf(stderr, "%s: %s: %s\n", name, err.where, err.message);
    assert_int_equal(rc, CF_OK);
    assert_int_equal(d->format, expect);
    return d;
}

static void test_formats(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        cf_fit_format fmt;
        size_t n, k_dis; /* rows; a row under discharge */
        double t_dis;
    } cases[] = {
        {CORPUS "arbin.csv", CF_FIT_FORMAT_ARBIN, 4, 1, 30.0},
        {CORPUS "maccor.txt", CF_FIT_FORMAT_MACCOR, 4, 1, 10.0},
        {CORPUS "biologic.mpt", CF_FIT_FORMAT_BIOLOGIC, 4, 1, 10.0},
        {CORPUS "neware.csv", CF_FIT_FORMAT_NEWARE, 5, 1, 10.0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int named = 0; named < 2; named++) {
            cf_fit_data *d = read_ok(cases[c].file, named ? cases[c].fmt : CF_FIT_FORMAT_AUTO, cases[c].fmt);
            assert_int_equal(d->n, cases[c].n);
            assert_close(d->t_s[cases[c].k_dis], cases[c].t_dis);
            /* mA -> A, charge-positive or magnitude + state -> discharge positive */
            assert_close(d->current_A[cases[c].k_dis], 2.5);
            assert_true(d->voltage_V[cases[c].k_dis] > 4.0 && d->voltage_V[cases[c].k_dis] < 4.1);
            cf_fit_data_free(d);
        }
    }
    /* Neware clock times with milliseconds; Maccor's charge state. */
    cf_fit_data *d = read_ok(CORPUS "neware.csv", CF_FIT_FORMAT_AUTO, CF_FIT_FORMAT_NEWARE);
    assert_close(d->t_s[3], 30.5);
    assert_close(d->current_A[4], -1.0);
    cf_fit_data_free(d);
    d = read_ok(CORPUS "maccor.txt", CF_FIT_FORMAT_AUTO, CF_FIT_FORMAT_MACCOR);
    assert_close(d->current_A[0], 0.0);
    assert_close(d->current_A[3], -1.0);
    cf_fit_data_free(d);
}

static int parse(const char *text, cf_fit_format fmt, cf_current_sign sign, cf_fit_data **d, cf_error *err)
{
    cf_error_clear(err);
    return cf_fit_data_parse(text, strlen(text), "x.csv", fmt, sign, d, err);
}

static void test_generic_units(void **state)
{
    (void)state;
    cf_fit_data *d = NULL;
    cf_error err;
    int rc = parse("# a comment line\nTime (min);Current (mA);Voltage (mV)\n0;2000;4100\n0.5;2000;4050\n1;2000;4000\n",
                   CF_FIT_FORMAT_GENERIC, CF_CURRENT_SIGN_FORMAT, &d, &err);
    assert_int_equal(rc, CF_OK);
    assert_close(d->t_s[2], 60.0);
    assert_close(d->current_A[1], 2.0);
    assert_close(d->voltage_V[1], 4.05);
    cf_fit_data_free(d);
    /* charge-positive given explicitly: a falling voltage under negative current */
    rc = parse("time_s,current_A,voltage_V\n0,-2,4.1\n1,-2,4.0\n2,-2,3.9\n", CF_FIT_FORMAT_AUTO,
               CF_CURRENT_SIGN_CHARGE_POSITIVE, &d, &err);
    assert_int_equal(rc, CF_OK);
    assert_close(d->current_A[0], 2.0);
    cf_fit_data_free(d);
}

static void refused(const char *text, cf_fit_format fmt, cf_current_sign sign, const char *needle)
{
    cf_fit_data *d = (cf_fit_data *)1;
    cf_error err;
    int rc = parse(text, fmt, sign, &d, &err);
    if (rc != CF_EINVAL || !strstr(err.message, needle))
        fprintf(stderr, "want '%s', got %d: %s\n", needle, rc, err.message);
    assert_int_equal(rc, CF_EINVAL);
    assert_null(d);
    assert_non_null(strstr(err.message, needle));
}

static void test_bad_input(void **state)
{
    (void)state;
    const cf_fit_format A = CF_FIT_FORMAT_AUTO;
    const cf_current_sign F = CF_CURRENT_SIGN_FORMAT;
    refused("time,current [A],voltage [V]\n0,1,4\n1,1,3.9\n2,1,3.8\n", A, F, "x.csv:1:1: the time column 'time' has no unit");
    refused("time [s],current,voltage [V]\n0,1,4\n1,1,3.9\n2,1,3.8\n", A, F, "x.csv:1:10: the current column");
    refused("time [fortnight],current [A],voltage [V]\n0,1,4\n", A, F, "unit 'fortnight'");
    refused("time [s],current [A],voltage [V]\n0,1,4\n2,1,3.9\n1,1,3.8\n", A, F,
            "x.csv:4:1: time goes from 2 s (line 3) to 1 s");
    refused("time [s],current [A],voltage [V]\n0,1,4\n0,1,3.9\n1,1,3.8\n", A, F, "time must increase strictly");
    refused("time [s],current [A],voltage [V]\n0,1,4\n1,1,abc\n2,1,3.8\n", A, F,
            "x.csv:3:5: expected a number in the voltage column, found 'abc'");
    refused("time [s],current [A],voltage [V]\n0,1,4\n1,1\n2,1,3.8\n", A, F, "x.csv:3: the row has 2 fields");
    refused("time [s],current [A],voltage [V]\n0,1,4\n1,1,3.9\n", A, F, "2 data rows");
    refused("time [s],voltage [V]\n0,4\n1,3.9\n2,3.8\n", A, F, "no header line");
    refused("time [s],voltage [V]\n0,4\n1,3.9\n2,3.8\n", CF_FIT_FORMAT_ARBIN, F, "no header line with the arbin");
    /* The wrong sign convention: a generic file (discharge positive) whose
     * voltage falls under negative current — written charge-positive. */
    refused("time [s],current [A],voltage [V]\n0,-2,4.1\n10,-2,4.0\n20,-2,3.9\n30,0,4.0\n", A, F,
            "--current-sign charge-positive");
    /* An Arbin file (charge positive) whose voltage falls under positive current. */
    refused("Test_Time(s),Current(A),Voltage(V)\n0,2,4.1\n10,2,4.0\n20,2,3.9\n", A, F, "the voltage moves against");
    refused("Test (Sec)\tAmps\tVolts\n0\t1\t4\n1\t1\t3.9\n2\t1\t3.8\n", CF_FIT_FORMAT_MACCOR, F, "State column");
    refused("Test (Sec)\tAmps\tVolts\tState\n0\t1\t4\tX\n1\t1\t3.9\tD\n2\t1\t3.8\tD\n", A, F, "the State column holds 'X'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_generic_units),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
