/* iter.c — steps in execution order, repeat blocks walked, not expanded.
 *
 * The protocol's ops read like  STEP 0, BEGIN 3, STEP 1, STEP 2, END, ...
 * The iterator keeps a program counter and, per open block, how many passes
 * are left.  A new cycle starts at every top-level STEP and at every pass of
 * a top-level block's body. */
#include "protocol/protocol_internal.h"

#include <string.h>

void cf_protocol_iter_init(cf_protocol_iter *it, const cf_protocol *p)
{
    memset(it, 0, sizeof *it);
    it->p = p;
    it->cycle = -1;
}

static void new_cycle(cf_protocol_iter *it, int group)
{
    it->cycle++;
    it->step_in_cycle = 0;
    it->group = group;
}

int cf_protocol_iter_next(cf_protocol_iter *it, cf_step_visit *v)
{
    const cf_protocol *p = it->p;
    if (!p) return 0;
    while (it->pc < p->n_ops) {
        const cf_op *op = &p->ops[it->pc];
        if (op->kind == CF_OP_BEGIN) {
            /* The parser caps nesting at CF_PROTOCOL_MAX_DEPTH; the check keeps
             * a corrupted op list from writing past the stack. */
            if (it->depth >= CF_PROTOCOL_MAX_DEPTH) return 0;
            it->stack[it->depth].begin = it->pc;
            it->stack[it->depth].left = op->count;
            it->depth++;
            if (it->depth == 1) new_cycle(it, op->arg);
            it->pc++;
        } else if (op->kind == CF_OP_END) {
            if (it->depth == 0) return 0;
            if (--it->stack[it->depth - 1].left > 0) {
                it->pc = it->stack[it->depth - 1].begin + 1;
                if (it->depth == 1) new_cycle(it, op->arg);
            } else {
                it->depth--;
                it->pc++;
            }
        } else {
            if (it->depth == 0) new_cycle(it, p->steps[op->arg].group);
            const cf_step *st = &p->steps[op->arg];
            const cf_cycle_group *g = &p->groups[it->group];
            v->step = st;
            v->cycle = it->cycle;
            v->step_in_cycle = it->step_in_cycle;
            v->index = it->index;
            v->group = it->group;
            v->cycle_start = it->step_in_cycle == 0;
            v->cycle_end = it->step_in_cycle == g->steps_per_cycle - 1;
            it->step_in_cycle++;
            it->index++;
            it->pc++;
            return 1;
        }
    }
    return 0;
}
