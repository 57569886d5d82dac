/* sparse_assembly.c — pattern learning for cf_asm (see the header). */
#include "sparse_assembly.h"

#include <stdlib.h>
#include <string.h>

void cf_asm_init(cf_asm *a, int n)
{
    memset(a, 0, sizeof *a);
    a->n = n;
    a->recording = 1;
}

int cf_asm_grow(cf_asm *a)
{
    size_t cap = a->rec_cap ? a->rec_cap * 2 : 1024;
    int *r = realloc(a->rec_row, cap * sizeof *r);
    if (!r) {
        a->overflow = 1;
        return 1;
    }
    a->rec_row = r;
    int *c = realloc(a->rec_col, cap * sizeof *c);
    if (!c) {
        a->overflow = 1;
        return 1;
    }
    a->rec_col = c;
    a->rec_cap = cap;
    return 0;
}

typedef struct {
    int row, col;
    size_t call;
} entry;

static int cmp_entry(const void *pa, const void *pb)
{
    const entry *x = pa, *y = pb;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->call < y->call ? -1 : (x->call > y->call);
}

int cf_asm_finish_pattern(cf_asm *a)
{
    if (a->overflow) return 1;
    size_t m = a->rec_count;
    entry *e = malloc((m ? m : 1) * sizeof *e);
    a->slot = malloc((m ? m : 1) * sizeof *a->slot);
    a->row_ptr = calloc((size_t)a->n + 1, sizeof *a->row_ptr);
    a->col_idx = malloc((m ? m : 1) * sizeof *a->col_idx);
    if (!e || !a->slot || !a->row_ptr || !a->col_idx) {
        free(e);
        return 1;
    }
    for (size_t k = 0; k < m; k++) e[k] = (entry){a->rec_row[k], a->rec_col[k], k};
    qsort(e, m, sizeof *e, cmp_entry);
    size_t nnz = 0;
    for (size_t k = 0; k < m; k++) {
        if (k == 0 || e[k].row != e[k - 1].row || e[k].col != e[k - 1].col) {
            a->col_idx[nnz] = e[k].col;
            a->row_ptr[e[k].row + 1]++;
            nnz++;
        }
        a->slot[e[k].call] = nnz - 1;
    }
    for (int i = 0; i < a->n; i++) a->row_ptr[i + 1] += a->row_ptr[i];
    a->nnz = nnz;
    a->calls = m;
    free(e);
    free(a->rec_row);
    free(a->rec_col);
    a->rec_row = a->rec_col = NULL;
    a->recording = 0;
    return 0;
}

void cf_asm_begin_fill(cf_asm *a, double *data)
{
    a->data = data;
    a->pos = 0;
    memset(data, 0, a->nnz * sizeof *data);
}

void cf_asm_free(cf_asm *a)
{
    free(a->rec_row);
    free(a->rec_col);
    free(a->row_ptr);
    free(a->col_idx);
    free(a->slot);
    memset(a, 0, sizeof *a);
}
