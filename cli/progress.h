/* progress.h — a progress bar on stderr for long runs (protocols, cell
 * tests, sweeps): what is running, done/total, elapsed and remaining time.
 *
 * Shown when stderr is a terminal, or when forced (--progress), as plain
 * lines then; never on stdout.  Plain state in a struct (no globals), so a
 * command can own one per run.  Any command may use it:
 *
 *     cli_progress p;
 *     cli_progress_start(&p, "sweep", "runs", forced);
 *     ... cli_progress_update(&p, done, total); ...
 *     cli_progress_end(&p);
 *
 * For cf_experiment_options: .progress = cli_progress_experiment,
 * .progress_user = &p. */
#ifndef CELLFORGE_CLI_PROGRESS_H
#define CELLFORGE_CLI_PROGRESS_H

#include <stdint.h>

typedef struct {
    char what[32];      /* "simulate", "test cycle", ...   */
    char unit[16];      /* "steps", "runs", "cycles"        */
    int on;             /* drawing at all                   */
    int tty;            /* redraw in place (else lines)     */
    int drawn;          /* a bar is on the terminal line    */
    double t0, last_draw;
    int64_t done, total;
} cli_progress;

/* forced: draw even when stderr is not a terminal. */
void cli_progress_start(cli_progress *p, const char *what, const char *unit, int forced);
/* New counts; redraws at most 10 times a second on a terminal, every 2 s
 * otherwise, and always when done reaches total. */
void cli_progress_update(cli_progress *p, int64_t done, int64_t total);
/* Refreshes the elapsed time between updates (cheap; rate-limited). */
void cli_progress_tick(cli_progress *p);
/* Draws the final state and ends the line; harmless when off or repeated. */
void cli_progress_end(cli_progress *p);
/* Adapter for cf_experiment_options.progress (user = a cli_progress). */
void cli_progress_experiment(void *user, int64_t done, int64_t total);

#endif
