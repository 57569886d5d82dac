#define _POSIX_C_SOURCE 200809L
/* cmd_sweep.c — `cellforge sweep SPEC.json`: many variants of a cell across
 * threads, or across MPI ranks when built with MPI and started by mpirun. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cellforge/cf_sweep.h"
#include "cli.h"
#include "sweep_cli.h"

static const char *USAGE =
    "usage: cellforge sweep SPEC.json [--out results.csv] [--threads N] [--checkpoint FILE] [--progress]\n"
    "\n"
    "Runs every variant that SPEC.json describes (a base cell or recipe, a model,\n"
    "a protocol or C-rate, and the keys to vary; docs/sweeps.md) and writes one\n"
    "CSV row per run, in run order whatever the parallelism: run, the varied\n"
    "values, the outputs, and an error column (a failed run keeps its row with\n"
    "the message; a run that stops early keeps its figures up to the stop, the\n"
    "error column saying why; the sweep goes on).\n"
    "\n"
    "options:\n"
    "  -o, --out FILE     results CSV (default: standard output); written whole at the end\n"
    "  --threads N        worker threads, [1, 1024] (default: the number of cores; under mpirun,\n"
    "                     the cores divided among the ranks of each machine)\n"
    "  --checkpoint FILE  append each finished run to FILE; running the same command\n"
    "                     again skips the runs it holds and gives the same results\n"
    "  --progress         progress on stderr even when stderr is not a terminal\n"
    "                     (on a terminal it is always shown)\n"
    "  --delay S          pause S seconds before each run, [0, 3600] (for trying out resumes)\n"
    "  -h, --help         this help\n"
    "\n"
    "MPI: 'mpirun -np 4 cellforge sweep SPEC.json --out r.csv' splits the runs across\n"
    "ranks (each also using threads); rank 0 writes the results and the checkpoint.\n";

static int parse_args(int argc, char **argv, sweep_args *a)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},   {"threads", required_argument, 0, 't'},
        {"checkpoint", required_argument, 0, 'c'}, {"progress", no_argument, 0, 'p'},
        {"delay", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': a->out = optarg; break;
        case 'c': a->checkpoint = optarg; break;
        case 'p': a->progress = 1; break;
        case 't':
            if (cli_parse_int("sweep", "--threads", optarg, 1, 1024, &a->threads)) return 2;
            break;
        case 'd':
            if (cli_parse_double("sweep", "--delay", optarg, 0, 3600, &a->delay_s)) return 2;
            break;
        case 'h':
            cli_help_text(stdout, USAGE);
#ifdef CF_HAVE_MPI
            fputs("This cellforge is built with MPI support.\n", stdout);
#else
            fputs("This cellforge is built without MPI support (install libopenmpi-dev and rebuild).\n", stdout);
#endif
            cli_help(stdout, "sweep", NULL);
            return -1;
        default: return cli_usage_error("sweep", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) return cli_usage_error("sweep", "name a sweep spec file (SPEC.json)");
    a->spec = argv[optind++];
    if (optind < argc) return cli_usage_error("sweep", "unexpected argument '%s'", argv[optind]);
    if (a->out && a->checkpoint && strcmp(a->out, a->checkpoint) == 0)
        return cli_usage_error("sweep", "--out and --checkpoint must be different files");
    return 0;
}

static int on_row(void *user, size_t run, const char *row)
{
    (void)run;
    return sweep_sink_row(user, row);
}

static int run_threads(const sweep_args *a)
{
    cf_error err;
    cf_error_clear(&err);
    sweep_sink k;
    size_t *todo = NULL, n_todo = 0;
    int rc = sweep_prepare(a, &k, &todo, &n_todo, &err);
    if (!rc && n_todo > 0) {
        cf_sweep_exec_options o = {.threads = (int)a->threads, .runs = todo, .n_runs = n_todo, .on_row = on_row,
                                   .user = &k, .delay_s = a->delay_s};
        rc = cf_sweep_execute(k.sweep, &o, &err);
        if (rc && k.failed) err = k.err; /* the checkpoint's own message */
    }
    if (!rc) rc = sweep_finish(a, &k, &err);
    free(todo);
    sweep_sink_close(&k);
    return rc ? cli_fail("sweep", &err) : 0;
}

int cmd_sweep(int argc, char **argv)
{
    sweep_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? 0 : rc;
    long ranks = sweep_launcher_size();
    if (ranks > 1) {
#ifdef CF_HAVE_MPI
        return sweep_run_mpi(&a);
#else
        /* Every rank would run the whole sweep and race on the same files. */
        fprintf(stderr,
                "cellforge sweep: error: started by an MPI launcher with %ld ranks, but this cellforge was built "
                "without MPI support, so each rank would run the whole sweep. Install Open MPI (Debian: "
                "libopenmpi-dev openmpi-bin, see scripts/install-deps) and rebuild, or run without mpirun: one "
                "process already uses every core (--threads).\n",
                ranks);
        return 1;
#endif
    }
    return run_threads(&a);
}
