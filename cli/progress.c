#define _POSIX_C_SOURCE 200809L
/* progress.c — the stderr progress bar (see progress.h).
 *
 * Remaining time is extrapolated linearly from the work done so far
 * (elapsed * (total - done) / done): honest for runs of similar steps, and
 * shown as "?" until there is something to extrapolate from. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 24

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void clock_text(double s, char *buf, size_t len)
{
    if (!(s >= 0) || s > 99 * 3600.0) {
        snprintf(buf, len, "?");
        return;
    }
    long t = (long)(s + 0.5);
    if (t >= 3600) snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

void cli_progress_start(cli_progress *p, const char *what, const char *unit, int forced)
{
    memset(p, 0, sizeof *p);
    snprintf(p->what, sizeof p->what, "%s", what ? what : "");
    snprintf(p->unit, sizeof p->unit, "%s", unit ? unit : "");
    p->tty = isatty(fileno(stderr));
    p->on = forced || p->tty;
    p->t0 = now_s();
    p->last_draw = -1e9;
}

static void draw(cli_progress *p, double t)
{
    double elapsed = t - p->t0;
    char el[32], left[32];
    clock_text(elapsed, el, sizeof el);
    if (p->done > 0 && p->total >= p->done)
        clock_text(elapsed * (double)(p->total - p->done) / (double)p->done, left, sizeof left);
    else snprintf(left, sizeof left, "?");
    double frac = p->total > 0 ? (double)p->done / (double)p->total : 0;
    if (frac > 1) frac = 1;
    if (p->total <= 0) { /* nothing to count: say it runs, and for how long */
        if (p->tty) fprintf(stderr, "\r\033[K%s: running, %s elapsed", p->what, el);
        else fprintf(stderr, "%s: running, %s elapsed\n", p->what, el);
        p->drawn = p->tty;
    } else if (p->tty) {
        char bar[BAR_WIDTH + 1];
        int full = (int)(frac * BAR_WIDTH + 1e-9);
        for (int i = 0; i < BAR_WIDTH; i++) bar[i] = i < full ? '#' : '.';
        bar[BAR_WIDTH] = '\0';
        /* \r and "erase line" redraw in place without scrolling. */
        fprintf(stderr, "\r\033[K%s [%s] %lld/%lld %s  %s elapsed  ~%s left", p->what, bar, (long long)p->done,
                (long long)p->total, p->unit, el, left);
        p->drawn = 1;
    } else {
        fprintf(stderr, "%s: %lld/%lld %s (%.0f %%), %s elapsed, ~%s left\n", p->what, (long long)p->done,
                (long long)p->total, p->unit, 100 * frac, el, left);
    }
    fflush(stderr);
    p->last_draw = t;
}

void cli_progress_update(cli_progress *p, int64_t done, int64_t total)
{
    if (!p || !p->on) return;
    int changed = done != p->done || total != p->total;
    p->done = done;
    p->total = total;
    double t = now_s();
    double gap = p->tty ? 0.1 : 2.0;
    if ((changed && done >= total && total > 0) || t - p->last_draw >= gap) draw(p, t);
}

void cli_progress_tick(cli_progress *p)
{
    if (!p || !p->on || !p->tty) return; /* lines only when counts change */
    double t = now_s();
    if (t - p->last_draw >= 0.25) draw(p, t);
}

void cli_progress_end(cli_progress *p)
{
    if (!p || !p->on) return;
    if (p->tty) {
        draw(p, now_s());
        fputc('\n', stderr);
    } else if (p->last_draw < p->t0 || p->done < p->total) {
        draw(p, now_s());
    }
    fflush(stderr);
    p->on = 0;
}

void cli_progress_experiment(void *user, int64_t done, int64_t total) { cli_progress_update(user, done, total); }
