/* fuzz_protocol_check.h — what a parsed protocol must satisfy, shared by the
 * protocol-string and protocol-file harnesses: consistent steps, a canonical
 * text that parses back to the same steps, an execution order that agrees
 * with the counts, and clean, printable errors. */
#ifndef CF_FUZZ_PROTOCOL_CHECK_H
#define CF_FUZZ_PROTOCOL_CHECK_H

#include <math.h>

#include "cellforge/cf_protocol.h"
#include "fuzz_common.h"

static inline void fuzz_check_printable(const char *s)
{
    for (; *s; s++) FUZZ_CHECK((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f);
}

static inline void fuzz_check_step(const cf_step *s, const char *base_dir)
{
    FUZZ_CHECK(isfinite(s->value) && isfinite(s->duration_s) && s->duration_s >= 0 && s->period_s >= 0);
    FUZZ_CHECK(s->n_conditions >= 0 && s->n_conditions <= CF_STEP_MAX_CONDITIONS);
    if (s->mode == CF_STEP_REST) FUZZ_CHECK(s->value == 0);
    else if (s->mode != CF_STEP_DRIVE_CURRENT && s->mode != CF_STEP_DRIVE_POWER) FUZZ_CHECK(s->value != 0);
    else FUZZ_CHECK(s->drive != NULL && s->duration_s > 0);
    for (int k = 0; k < s->n_conditions; k++) {
        FUZZ_CHECK(s->conditions[k].value > 0 && isfinite(s->conditions[k].value));
        FUZZ_CHECK(s->conditions[k].cmp != CF_CMP_AUTO);
    }
    char buf[1024];
    size_t need = cf_step_format(s, buf, sizeof buf);
    if (need >= sizeof buf) return;
    FUZZ_CHECK(strlen(buf) == need);
    cf_error e2;
    cf_error_clear(&e2);
    cf_protocol *q = NULL;
    int rc = cf_protocol_parse_ex(buf, "canonical", base_dir, &q, &e2);
    if (rc != CF_OK) fprintf(stderr, "canonical \"%s\" does not parse: %s: %s\n", buf, e2.where, e2.message);
    FUZZ_CHECK(rc == CF_OK);
    FUZZ_CHECK(cf_protocol_step_count(q) == 1);
    const cf_step *t = cf_protocol_step(q, 0);
    FUZZ_CHECK(t->mode == s->mode && t->verb == s->verb && t->n_conditions == s->n_conditions);
    FUZZ_CHECK(t->value == s->value || fabs(t->value - s->value) <= 1e-9 * fabs(s->value));
    cf_protocol_free(q);
}

/* Checks the outcome of a parse and frees the protocol. */
static inline void fuzz_check_protocol(int rc, cf_protocol *p, const cf_error *err, const char *base_dir)
{
    if (rc != CF_OK) {
        FUZZ_CHECK(p == NULL);
        FUZZ_CHECK(rc == CF_EINVAL || rc == CF_EIO);
        fuzz_check_error(rc, err);
        fuzz_check_printable(err->message);
        return;
    }
    FUZZ_CHECK(p != NULL);
    int n = cf_protocol_step_count(p);
    FUZZ_CHECK(n >= 1);
    for (int i = 0; i < n; i++) fuzz_check_step(cf_protocol_step(p, i), base_dir);
    cf_protocol_iter it;
    cf_step_visit v;
    cf_protocol_iter_init(&it, p);
    int64_t last_cycle = -1, count = 0;
    while (count < 2000 && cf_protocol_iter_next(&it, &v)) {
        FUZZ_CHECK(v.cycle == last_cycle || v.cycle == last_cycle + 1);
        FUZZ_CHECK(v.step_in_cycle < cf_protocol_group(p, v.group)->steps_per_cycle);
        FUZZ_CHECK(v.cycle_start == (v.step_in_cycle == 0));
        last_cycle = v.cycle;
        count++;
    }
    if (cf_protocol_total_steps(p) <= 2000) FUZZ_CHECK(count == cf_protocol_total_steps(p));
    /* The whole protocol written back parses to the same shape. */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    FUZZ_CHECK(mem != NULL);
    cf_error e2;
    cf_error_clear(&e2);
    int wrc = cf_protocol_write(p, mem, &e2);
    fclose(mem);
    FUZZ_CHECK(wrc == CF_OK);
    cf_protocol *q = NULL;
    int qrc = cf_protocol_parse_ex(buf, "written", base_dir, &q, &e2);
    if (qrc != CF_OK) fprintf(stderr, "written protocol does not parse: %s: %s\n%s\n", e2.where, e2.message, buf);
    FUZZ_CHECK(qrc == CF_OK);
    FUZZ_CHECK(cf_protocol_step_count(q) == n);
    FUZZ_CHECK(cf_protocol_total_steps(q) == cf_protocol_total_steps(p));
    FUZZ_CHECK(cf_protocol_cycle_count(q) == cf_protocol_cycle_count(p));
    FUZZ_CHECK(cf_protocol_has_termination(q) == cf_protocol_has_termination(p));
    cf_protocol_free(q);
    free(buf);
    cf_protocol_free(p);
}

#endif
