/* help.c — what every `cellforge CMD --help` ends with: EXAMPLES and EXIT
 * STATUS, from one table, and the allowed ranges of numeric options written
 * as {R:name} in a help text, expanded from src/core/ranges.c so that help,
 * parser and simulator state the same range.  The man pages (help2man) and
 * the shell completions (scripts/man-pages, scripts/completions) are made
 * from this output, and tests/cli/cli_grammar.sh runs every example. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *cmd;
    const char *examples; /* one command per line, each run by tests/cli/cli_grammar.sh */
    const char *exit_status;
} help_tail;

#define EXIT_PLAIN                                                                                                     \
    "  0  success\n"                                                                                                   \
    "  2  bad input or usage: the message names the option, file, line or key and the allowed\n"                      \
    "     range; nothing is written\n"                                                                                 \
    "  1  any other failure (a file that cannot be read or written); nothing is written\n"
#define EXIT_RUNS                                                                                                      \
    "  0  the run completed\n"                                                                                         \
    "  3  the run stopped early: everything computed up to the stop is written and printed,\n"                        \
    "     the reason on stderr (docs/cli.md)\n"                                                                        \
    "  2  bad input or usage (the message names the option and its allowed range); nothing\n"                         \
    "     is written\n"                                                                                                \
    "  1  any other failure; nothing is written\n"

static const help_tail TAILS[] = {
    {"", /* cellforge --help */
     "  cellforge simulate --model spm --crate 2\n"
     "  cellforge design examples/recipe_hard_carbon.json\n"
     "  cellforge help simulate\n",
     EXIT_PLAIN "  3  simulate, test: the run stopped early, its results up to the stop are kept\n"},
    {"bet",
     "  cellforge bet examples/charact/isotherm_n2.txt\n"
     "  cellforge bet examples/charact/isotherm_n2.txt --range 0.05:0.30 --json\n",
     EXIT_PLAIN},
    {"bpx",
     "  cellforge bpx tests/data/bpx/spm.bpx.json\n"
     "  cellforge bpx --cell chen2020 --out chen2020.bpx.json\n",
     EXIT_PLAIN},
    {"cells",
     "  cellforge cells\n"
     "  cellforge cells --json --out cells.json\n",
     EXIT_PLAIN},
    {"chn",
     "  cellforge chn --C 95.0,95.2,95.1 --H 0.45 --N 0.3\n",
     EXIT_PLAIN},
    {"claims",
     "  cellforge claims examples/recipe_hard_carbon.json\n"
     "  cellforge claims --explain 002 10\n"
     "  cellforge claims examples/recipe_hard_carbon.json --seed 002 --json --out claims.json\n",
     "  0  the claims were checked, whatever their statuses\n"
     "  2  bad input or usage: the message names the key or option and the allowed range;\n"
     "     nothing is written\n"
     "  1  any other failure; nothing is written\n"},
    {"design",
     "  cellforge design examples/recipe_hard_carbon.json\n"
     "  cellforge design --cell examples/recipe_commercial_graphite_nmc.json --json --out design.json\n",
     EXIT_PLAIN},
    {"dta",
     "  cellforge dta examples/charact/dta_air.txt\n",
     EXIT_PLAIN},
    {"fit",
     "  cellforge fit --cell chen2020 --model spm --data examples/fit/discharge_rest.csv \\\n"
     "      --param negative.diffusivity_m2_s=1e-15:1e-12 --param positive.diffusivity_m2_s=1e-16:1e-13 \\\n"
     "      --param initial_soc=0.5:1 --out fitted.json\n"
     "  cellforge fit ocv --cell chen2020 --data examples/fit/ocv_c50.csv --out balanced.json\n",
     EXIT_PLAIN},
    {"materials",
     "  cellforge materials\n"
     "  cellforge materials --json --out materials.json\n",
     EXIT_PLAIN},
    {"protocol",
     "  cellforge protocol \"(Discharge at 1C until 3 V, Rest for 1 h); Charge at C/2 until 4.2 V (1 minute period)\"\n"
     "  cellforge protocol -f tests/data/protocol/cycling.txt --expand 6\n",
     EXIT_PLAIN},
    {"psd",
     "  cellforge psd examples/charact/psd_laser.csv\n"
     "  cellforge psd examples/charact/particles.txt --basis number --json\n",
     EXIT_PLAIN},
    {"report",
     "  cellforge report --out chen2020.html --model spm\n"
     "  cellforge report examples/recipe_hard_carbon.json --model spm --out hard_carbon.html\n",
     EXIT_PLAIN},
    {"shape",
     "  cellforge shape examples/charact/shape_particles.txt\n",
     EXIT_PLAIN},
    {"simulate",
     "  cellforge simulate\n"
     "  cellforge simulate examples/chen2020_thin_cell.json --model spme --crate 3 --out run.csv\n"
     "  cellforge simulate --model spm --protocol \"(Discharge at 1C until 3 V; Charge at 1C until 4.1 V)\" \\\n"
     "      --cycles-out cycles.csv\n",
     EXIT_RUNS},
    {"sweep",
     "  cellforge sweep examples/sweep_porosity.json --threads 2 --out sweep.csv\n",
     "  0  the sweep ran, whatever its runs did: each row says how its run went\n"
     "  2  bad input or usage (the spec's key and its allowed range); nothing is written\n"
     "  1  any other failure\n"},
    {"test",
     "  cellforge test rate --model spm --crates 0.5,1,2\n"
     "  cellforge test hppc --model spm --soc-step 0.2 --out hppc.csv\n",
     EXIT_RUNS},
    {"validate",
     "  cellforge validate tests/data/bpx/chen2020_pybamm.bpx.json --model spm --mesh 10\n",
     "  0  every experiment ran (and is within --max-rms-mV when given)\n"
     "  1  an experiment's RMS error exceeds --max-rms-mV, or any other failure\n"
     "  2  bad input or usage; nothing is written\n"},
    {"xrd",
     "  cellforge xrd examples/charact/hard_carbon.xy\n"
     "  cellforge xrd examples/charact/hard_carbon.xy --standard examples/charact/si_standard.xy --json\n",
     EXIT_PLAIN},
};

/* The range of quantity `name` as help shows it: "[0.001, 1e+06] s". */
static int range_text(const char *name, size_t len, char *buf, size_t size)
{
    static const struct {
        const char *name;
        cf_quantity q;
    } Q[] = {{"crate", CF_QTY_CRATE},           {"current", CF_QTY_CURRENT},      {"power", CF_QTY_POWER},
             {"voltage", CF_QTY_VOLTAGE},       {"resistance", CF_QTY_RESISTANCE}, {"duration", CF_QTY_DURATION},
             {"temperature", CF_QTY_TEMPERATURE_C}, {"soc", CF_QTY_SOC},          {"mesh", CF_QTY_MESH},
             {"rtol", CF_QTY_RTOL},             {"output_dt", CF_QTY_OUTPUT_DT},  {"max_steps", CF_QTY_MAX_STEPS},
             {"max_wall", CF_QTY_MAX_WALL_S}};
    for (size_t i = 0; i < sizeof Q / sizeof Q[0]; i++) {
        if (strlen(Q[i].name) != len || strncmp(Q[i].name, name, len) != 0) continue;
        const cf_range *r = cf_quantity_range(Q[i].q);
        const char *sp = r->unit[0] ? " " : "";
        if (r->is_signed)
            snprintf(buf, size, "[-%g, %g]%s%s without 0", r->hi, r->hi, sp, r->unit);
        else
            snprintf(buf, size, "%c%g, %g%c%s%s", r->lo_open ? '(' : '[', r->lo, r->hi, r->hi_open ? ')' : ']', sp,
                     r->unit);
        return 1;
    }
    return 0;
}

void cli_help_text(FILE *out, const char *text)
{
    for (const char *p = text; *p;) {
        const char *open = strstr(p, "{R:");
        const char *close = open ? strchr(open, '}') : NULL;
        char buf[96];
        if (!open || !close || !range_text(open + 3, (size_t)(close - open - 3), buf, sizeof buf)) {
            fputs(p, out);
            return;
        }
        fwrite(p, 1, (size_t)(open - p), out);
        fputs(buf, out);
        p = close + 1;
    }
}

void cli_help(FILE *out, const char *cmd, const char *text)
{
    if (text) cli_help_text(out, text);
    for (size_t i = 0; i < sizeof TAILS / sizeof TAILS[0]; i++) {
        if (strcmp(TAILS[i].cmd, cmd) != 0) continue;
        fprintf(out, "\nEXAMPLES\n%s\nEXIT STATUS\n%s", TAILS[i].examples, TAILS[i].exit_status);
        fprintf(out, "\nThe command-line grammar, shared by every command: docs/cli.md.\n");
        return;
    }
}
