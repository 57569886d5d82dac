/* sparse_assembly.h — analytic Jacobians assembled into a fixed CSR pattern.
 *
 * A model's Jacobian routine calls cf_asm_add(row, col, value) in the same
 * sequence every time (no value-dependent branches around the calls).  The
 * first, recording pass learns the pattern and, for each call, the slot of its
 * entry in the CSR arrays; later passes just add into data[slot[k]].  This
 * keeps the hot path free of searches and allocation, and the pattern is
 * built once per plan ("plan once, run many"). */
#ifndef CF_SPARSE_ASSEMBLY_H
#define CF_SPARSE_ASSEMBLY_H

#include <stddef.h>

typedef struct {
    int n;            /* matrix dimension                          */
    int recording;    /* 1 while learning the pattern              */
    /* recording */
    int *rec_row, *rec_col;
    size_t rec_count, rec_cap;
    int overflow;     /* allocation failed while recording          */
    /* pattern (CSR) */
    long long *row_ptr; /* n+1                                      */
    long long *col_idx; /* nnz                                      */
    size_t nnz;
    size_t *slot;     /* per call index                             */
    size_t calls;     /* number of calls in one pass                */
    /* filling */
    double *data;     /* points into the solver's matrix values     */
    size_t pos;       /* call counter of the current pass           */
} cf_asm;

/* Grows the recording arrays; sets overflow and returns 1 on failure. */
int cf_asm_grow(cf_asm *a);

static inline void cf_asm_add(cf_asm *a, int row, int col, double v)
{
    if (!a->recording) {
        a->data[a->slot[a->pos++]] += v;
        return;
    }
    if (a->rec_count == a->rec_cap) {
        if (cf_asm_grow(a)) return;
    }
    a->rec_row[a->rec_count] = row;
    a->rec_col[a->rec_count] = col;
    a->rec_count++;
}

void cf_asm_init(cf_asm *a, int n);
/* Ends recording: builds the CSR pattern and slots. 0 on success. */
int cf_asm_finish_pattern(cf_asm *a);
/* Starts a filling pass into `data` (nnz values, zeroed here). */
void cf_asm_begin_fill(cf_asm *a, double *data);
void cf_asm_free(cf_asm *a);

#endif
