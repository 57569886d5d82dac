/* cmd_protocol.c — `cellforge protocol`: check an experiment protocol (or a
 * drive-cycle CSV) without simulating, and print it in canonical form, so a
 * typo is found before a long run rather than after. */
#include "cli.h"
#include "cellforge/cf_io.h"
#include "cellforge/cf_protocol.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: cellforge protocol (TEXT | -f FILE | --drive-cycle CSV) [--expand N] [-o OUT]\n\n"
    "Checks an experiment protocol without simulating it and prints it in canonical form with\n"
    "its cycle structure (language: docs/protocols.md).\n\n"
    "  TEXT               steps separated by ';' or newlines, e.g.\n"
    "                     \"Discharge at 1C until 2.5 V; Rest for 1 h; Charge at C/2 until 4.2 V\"\n"
    "  -f FILE            read the protocol from FILE (one step per line, '#' comments,\n"
    "                     'repeat N { ... }', 'terminate 80% capacity'); drive-cycle files named\n"
    "                     in it are found relative to FILE's directory\n"
    "  --drive-cycle CSV  check a drive-cycle CSV (time_s and current_A or power_W) and describe it\n"
    "  --expand N         also list the first N steps in execution order with their cycle and\n"
    "                     step numbers (from 1), [0, 1e9]\n"
    "  -o, --out OUT      write to OUT instead of standard output (written whole or not at all)\n"
    ;

static int describe_drive(FILE *out, const cf_drive_cycle *dc)
{
    size_t n = cf_drive_cycle_size(dc);
    const double *t = cf_drive_cycle_times(dc), *y = cf_drive_cycle_values(dc);
    double lo = y[0], hi = y[0], integral = 0;
    for (size_t i = 1; i < n; i++) {
        if (y[i] < lo) lo = y[i];
        if (y[i] > hi) hi = y[i];
        integral += 0.5 * (y[i] + y[i - 1]) * (t[i] - t[i - 1]); /* exact for linear interpolation */
    }
    int power = cf_drive_cycle_kind(dc) == CF_DRIVE_POWER;
    const char *u = power ? "W" : "A";
    fprintf(out, "drive cycle: %s\n", cli_esc(cf_drive_cycle_name(dc)));
    fprintf(out, "  kind:      %s (positive = discharge)\n", power ? "power" : "current");
    fprintf(out, "  points:    %zu\n", n);
    fprintf(out, "  duration:  %.10g s\n", cf_drive_cycle_duration(dc));
    fprintf(out, "  range:     %.6g to %.6g %s\n", lo, hi, u);
    fprintf(out, "  net:       %.6g %s discharged per pass\n", integral / 3600, power ? "Wh" : "Ah");
    return 0;
}

static int describe_protocol(FILE *out, const cf_protocol *p, long expand, cf_error *err)
{
    int rc = cf_protocol_write(p, out, err);
    if (rc) return rc;
    fprintf(out, "# %d distinct step(s), %" PRId64 " cycle(s), %" PRId64 " step(s) executed\n",
            cf_protocol_step_count(p), cf_protocol_cycle_count(p), cf_protocol_total_steps(p));
    if (expand > 0) {
        cf_protocol_iter it;
        cf_step_visit v;
        cf_protocol_iter_init(&it, p);
        for (long k = 0; k < expand && cf_protocol_iter_next(&it, &v); k++) {
            char line[512];
            cf_step_format(v.step, line, sizeof line);
            fprintf(out, "# cycle %" PRId64 " step %" PRId64 ": %s%s\n", v.cycle + 1, v.step_in_cycle + 1, cli_esc(line),
                    v.cycle_end ? "   [end of cycle]" : "");
        }
    }
    return CF_OK;
}

int cmd_protocol(int argc, char **argv)
{
    const char *cmd = "protocol";
    if (cli_wants_help(argc, argv)) {
        cli_help(stdout, "protocol", USAGE);
        return 0;
    }
    const char *text = NULL, *file = NULL, *drive = NULL, *outpath = "-";
    long expand = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-f") == 0 || strcmp(a, "--file") == 0) {
            if (++i >= argc) return cli_usage_error(cmd, "%s needs a file name", a);
            file = argv[i];
        } else if (strcmp(a, "--drive-cycle") == 0) {
            if (++i >= argc) return cli_usage_error(cmd, "--drive-cycle needs a CSV file");
            drive = argv[i];
        } else if (strcmp(a, "--expand") == 0) {
            if (cli_parse_int(cmd, "--expand", i + 1 < argc ? argv[++i] : NULL, 0, 1000000000L, &expand)) return 2;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) {
            if (++i >= argc) return cli_usage_error(cmd, "%s needs a file name", a);
            outpath = argv[i];
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_usage_error(cmd, "unknown option '%s'", a);
        } else {
            if (text) return cli_usage_error(cmd, "give the protocol as one argument (quote it)");
            text = a;
        }
    }
    if ((text != NULL) + (file != NULL) + (drive != NULL) != 1)
        return cli_usage_error(cmd, "give exactly one of TEXT, -f FILE or --drive-cycle CSV");

    cf_error err;
    cf_error_clear(&err);
    cf_protocol *p = NULL;
    cf_drive_cycle *dc = NULL;
    int rc = drive ? cf_drive_cycle_load(drive, &dc, &err)
                   : file ? cf_protocol_load_file(file, &p, &err)
                          : cf_protocol_parse(text, &p, &err);
    if (rc) return cli_fail(cmd, &err);
    cf_outfile *of = NULL;
    rc = cf_outfile_open(outpath, &of, &err);
    if (!rc) {
        FILE *out = cf_outfile_stream(of);
        rc = dc ? describe_drive(out, dc) : describe_protocol(out, p, expand, &err);
        if (rc && rc != CF_EIO) {
            cf_outfile_abort(of);
        } else {
            /* A failed write is reported by the commit, which knows whether
             * the output was a file or standard output. */
            int wrc = cf_outfile_commit(of, &err);
            if (wrc) rc = wrc;
        }
    }
    cf_protocol_free(p);
    cf_drive_cycle_free(dc);
    return rc ? cli_fail(cmd, &err) : 0;
}
