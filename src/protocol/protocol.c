/* protocol.c — the cf_protocol object: storage, accessors, free. */
#include "protocol/protocol_internal.h"

#include <stdlib.h>
#include <string.h>

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

cf_protocol *cf_protocol_alloc(const char *source)
{
    cf_protocol *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->source = dup_n(source, strlen(source));
    if (!p->source) {
        free(p);
        return NULL;
    }
    return p;
}

/* Room for element n: returns the (possibly moved) array, or NULL with the
 * old array untouched.  Doubling keeps appends O(1). */
static void *grow(void *arr, size_t elem, size_t n, size_t *cap)
{
    if (n < *cap) return arr;
    size_t nc = *cap ? *cap * 2 : 8;
    if (nc > ((size_t)-1) / elem / 2 || nc > 0x3fffffff) return NULL;
    void *na = realloc(arr, nc * elem);
    if (na) *cap = nc;
    return na;
}

#define OOM(p, err) cf_error_set(err, CF_ENOMEM, (p)->source, "out of memory (protocol too large)")

int cf_protocol_push_step(cf_protocol *p, const cf_step *s, const char *text, size_t len, cf_error *err)
{
    char *t = dup_n(text, len);
    cf_step *na = t ? grow(p->steps, sizeof *na, (size_t)p->n_steps, &p->cap_steps) : NULL;
    if (!na) {
        free(t);
        return OOM(p, err);
    }
    p->steps = na;
    cf_step *d = &p->steps[p->n_steps++];
    *d = *s;
    d->text = t;
    d->source = p->source;
    return CF_OK;
}

int cf_protocol_push_group(cf_protocol *p, const cf_cycle_group *g, cf_error *err)
{
    cf_cycle_group *na = grow(p->groups, sizeof *na, (size_t)p->n_groups, &p->cap_groups);
    if (!na) return OOM(p, err);
    p->groups = na;
    p->groups[p->n_groups++] = *g;
    return CF_OK;
}

int cf_protocol_push_op(cf_protocol *p, cf_op op, cf_error *err)
{
    cf_op *na = grow(p->ops, sizeof *na, p->n_ops, &p->cap_ops);
    if (!na) return OOM(p, err);
    p->ops = na;
    p->ops[p->n_ops++] = op;
    return CF_OK;
}

int cf_protocol_own_drive(cf_protocol *p, cf_drive_cycle *dc, cf_error *err)
{
    cf_drive_cycle **na = grow(p->drives, sizeof *na, (size_t)p->n_drives, &p->cap_drives);
    if (!na) {
        cf_drive_cycle_free(dc);
        return OOM(p, err);
    }
    p->drives = na;
    p->drives[p->n_drives++] = dc;
    return CF_OK;
}

void cf_protocol_free(cf_protocol *p)
{
    if (!p) return;
    for (int i = 0; i < p->n_steps; i++) free((char *)p->steps[i].text);
    for (int i = 0; i < p->n_drives; i++) cf_drive_cycle_free(p->drives[i]);
    free(p->steps);
    free(p->groups);
    free(p->ops);
    free(p->drives);
    free(p->source);
    free(p);
}

int cf_protocol_from_drive_cycle(cf_drive_cycle *dc, cf_protocol **out, cf_error *err)
{
    *out = NULL;
    if (!dc) return cf_error_set(err, CF_EINVAL, "drive cycle", "no drive cycle given");
    cf_protocol *p = cf_protocol_alloc(cf_drive_cycle_name(dc));
    if (!p) {
        cf_drive_cycle_free(dc);
        return cf_error_set(err, CF_ENOMEM, "drive cycle", "out of memory");
    }
    int rc = cf_protocol_own_drive(p, dc, err);
    if (rc) {
        cf_protocol_free(p);
        return rc;
    }
    cf_step st;
    memset(&st, 0, sizeof st);
    st.mode = cf_drive_cycle_kind(dc) == CF_DRIVE_POWER ? CF_STEP_DRIVE_POWER : CF_STEP_DRIVE_CURRENT;
    st.verb = CF_VERB_RUN;
    st.drive = dc;
    st.duration_s = cf_drive_cycle_duration(dc);
    st.line = 1;
    st.column = 1;
    char text[320];
    size_t n = cf_step_format(&st, text, sizeof text);
    if (n >= sizeof text) n = sizeof text - 1;
    cf_cycle_group g = {0, 1, 1, 0, 1, 1};
    cf_op op = {CF_OP_STEP, 0, 1, 0};
    if ((rc = cf_protocol_push_step(p, &st, text, n, err)) != CF_OK ||
        (rc = cf_protocol_push_group(p, &g, err)) != CF_OK || (rc = cf_protocol_push_op(p, op, err)) != CF_OK) {
        cf_protocol_free(p);
        return rc;
    }
    p->n_cycles = 1;
    p->total_steps = 1;
    *out = p;
    return CF_OK;
}

int cf_protocol_step_count(const cf_protocol *p) { return p ? p->n_steps : 0; }

const cf_step *cf_protocol_step(const cf_protocol *p, int i)
{
    return (p && i >= 0 && i < p->n_steps) ? &p->steps[i] : NULL;
}

int cf_protocol_group_count(const cf_protocol *p) { return p ? p->n_groups : 0; }

const cf_cycle_group *cf_protocol_group(const cf_protocol *p, int i)
{
    return (p && i >= 0 && i < p->n_groups) ? &p->groups[i] : NULL;
}

int64_t cf_protocol_cycle_count(const cf_protocol *p) { return p ? p->n_cycles : 0; }
int64_t cf_protocol_total_steps(const cf_protocol *p) { return p ? p->total_steps : 0; }
const cf_termination *cf_protocol_termination(const cf_protocol *p) { return p ? &p->term : NULL; }

int cf_protocol_has_termination(const cf_protocol *p)
{
    return p && (p->term.capacity_fraction > 0 || p->term.capacity_Ah > 0 || p->term.min_voltage > 0);
}
