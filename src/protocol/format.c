/* format.c — steps and protocols rendered back as canonical text.
 *
 * The canonical form reads back to the same step (tests check the round
 * trip), so a log line or the `step` column of a results file can be pasted
 * into --protocol unchanged. */
#include "protocol/protocol_internal.h"
#include "cellforge/cf_io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t size;
    size_t len; /* length the full text needs */
} sbuf;

static void put(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *dst = b->len < b->size ? b->buf + b->len : NULL;
    size_t room = b->len < b->size ? b->size - b->len : 0;
    int n = vsnprintf(dst, room, fmt, ap);
    va_end(ap);
    if (n > 0) b->len += (size_t)n;
}

/* A magnitude with its unit, switching to the milli-unit below 1 so that
 * 0.05 A reads "50 mA" as a person would write it. */
static void put_scaled(sbuf *b, double v, const char *unit, const char *milli)
{
    if (milli && v != 0 && fabs(v) < 1)
        put(b, "%.10g %s", v * 1e3, milli);
    else
        put(b, "%.10g %s", v, unit);
}

static void put_crate(sbuf *b, double c)
{
    if (c > 0 && c < 1) {
        double n = 1.0 / c, r = floor(n + 0.5);
        if (r >= 2 && r <= 100000 && fabs(n - r) <= 1e-9 * r) {
            put(b, "C/%.0f", r);
            return;
        }
    }
    put(b, "%.10g C", c);
}

static void put_duration(sbuf *b, double s)
{
    if (s >= 3600 && fmod(s, 3600) == 0)
        put(b, "%.10g h", s / 3600);
    else if (s >= 60 && fmod(s, 60) == 0)
        put(b, "%.10g min", s / 60);
    else
        put(b, "%.10g s", s);
}

static void put_condition(sbuf *b, const cf_condition *c)
{
    if (c->written == CF_CMP_BELOW) put(b, "< ");
    if (c->written == CF_CMP_ABOVE) put(b, "> ");
    switch (c->kind) {
    case CF_COND_VOLTAGE: put(b, "%.10g V", c->value); break;
    case CF_COND_CURRENT: put_scaled(b, c->value, "A", "mA"); break;
    case CF_COND_CRATE: put_crate(b, c->value); break;
    case CF_COND_TEMPERATURE: put(b, "%.10g oC", c->value - 273.15); break;
    }
}

static const char *verb_word(cf_step_verb v)
{
    switch (v) {
    case CF_VERB_DISCHARGE: return "Discharge";
    case CF_VERB_CHARGE: return "Charge";
    case CF_VERB_HOLD: return "Hold";
    case CF_VERB_REST: return "Rest";
    case CF_VERB_RUN: return "Run";
    }
    return "?";
}

size_t cf_step_format(const cf_step *s, char *buf, size_t size)
{
    sbuf b = {buf, size, 0};
    if (buf && size) buf[0] = '\0';
    if (!s) return 0;
    double mag = fabs(s->value);
    switch (s->mode) {
    case CF_STEP_CURRENT: put(&b, "%s at ", verb_word(s->verb)); put_scaled(&b, mag, "A", "mA"); break;
    case CF_STEP_CRATE: put(&b, "%s at ", verb_word(s->verb)); put_crate(&b, mag); break;
    case CF_STEP_POWER: put(&b, "%s at ", verb_word(s->verb)); put_scaled(&b, mag, "W", "mW"); break;
    case CF_STEP_RESISTANCE: put(&b, "%s at ", verb_word(s->verb)); put_scaled(&b, mag, "Ohm", "mOhm"); break;
    case CF_STEP_VOLTAGE: put(&b, "%s at %.10g V", verb_word(s->verb), mag); break;
    case CF_STEP_REST: put(&b, "Rest"); break;
    case CF_STEP_DRIVE_CURRENT:
    case CF_STEP_DRIVE_POWER:
        put(&b, "Run \"%s\"", s->drive ? cf_drive_cycle_name(s->drive) : "?");
        break;
    }
    /* A drive step's default duration is one pass: only a different one is written. */
    int show_for = s->duration_s > 0 &&
                   !(s->drive && s->duration_s == cf_drive_cycle_duration(s->drive));
    if (show_for) {
        put(&b, " for ");
        put_duration(&b, s->duration_s);
    }
    for (int i = 0; i < s->n_conditions && i < CF_STEP_MAX_CONDITIONS; i++) {
        put(&b, i == 0 ? (show_for ? " or until " : " until ") : " or ");
        put_condition(&b, &s->conditions[i]);
    }
    if (s->ambient_K > 0) put(&b, " at %.10g K", s->ambient_K);
    if (s->period_s > 0) {
        put(&b, " (");
        put_duration(&b, s->period_s);
        put(&b, " period)");
    }
    return b.len;
}

const char *cf_step_mode_name(cf_step_mode mode)
{
    switch (mode) {
    case CF_STEP_CURRENT: return "current";
    case CF_STEP_CRATE: return "C-rate";
    case CF_STEP_POWER: return "power";
    case CF_STEP_RESISTANCE: return "resistance";
    case CF_STEP_VOLTAGE: return "voltage";
    case CF_STEP_REST: return "rest";
    case CF_STEP_DRIVE_CURRENT: return "drive current";
    case CF_STEP_DRIVE_POWER: return "drive power";
    }
    return "unknown";
}

int cf_protocol_write(const cf_protocol *p, FILE *out, cf_error *err)
{
    if (!p || !out) return cf_error_set(err, CF_EINVAL, "protocol", "nothing to write");
    int depth = 0;
    for (size_t i = 0; i < p->n_ops; i++) {
        const cf_op *op = &p->ops[i];
        if (op->kind == CF_OP_END) depth--;
        fprintf(out, "%*s", 4 * depth, "");
        if (op->kind == CF_OP_BEGIN) {
            /* one pass at the top level is a cycle group: "( ... )", "cycle { }" */
            if (op->count == 1 && depth == 0) fprintf(out, "cycle {\n");
            else fprintf(out, "repeat %lld {\n", (long long)op->count);
            depth++;
        } else if (op->kind == CF_OP_END) {
            fprintf(out, "}\n");
        } else {
            char line[512];
            size_t n = cf_step_format(&p->steps[op->arg], line, sizeof line);
            if (n >= sizeof line) return cf_error_set(err, CF_EINVAL, p->source, "step %d too long to write", op->arg + 1);
            cf_fputs_escaped(line, out); /* a drive-cycle file name is user text */
            fputc('\n', out);
        }
    }
    const cf_termination *t = &p->term;
    if (t->capacity_fraction > 0) fprintf(out, "terminate %.10g%% capacity\n", t->capacity_fraction * 100);
    if (t->capacity_Ah > 0) fprintf(out, "terminate %.10g Ah capacity\n", t->capacity_Ah);
    if (t->min_voltage > 0) fprintf(out, "terminate %.10g V\n", t->min_voltage);
    if (fflush(out) != 0 || ferror(out))
        return cf_error_set(err, CF_EIO, p->source, "cannot write the protocol: %s", strerror(errno ? errno : EIO));
    return CF_OK;
}
