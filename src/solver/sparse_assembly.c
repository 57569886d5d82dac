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
    /* Entries by row (a counting sort, stable in call order), then by column
     * within each row (insertion sort, stable: rows hold a few dozen calls).
     * qsort through a comparison callback took half of a plan's build time. */
    long long *start = a->row_ptr; /* borrowed as row counters, reset below */
    for (size_t k = 0; k < m; k++) start[a->rec_row[k] + 1]++;
    for (int i = 0; i < a->n; i++) start[i + 1] += start[i];
    for (size_t k = 0; k < m; k++) e[(size_t)start[a->rec_row[k]]++] = (entry){a->rec_row[k], a->rec_col[k], k};
    for (size_t k = 0, r0 = 0; k <= m; k++) {
        if (k < m && (k == 0 || e[k].row == e[k - 1].row)) continue;
        for (size_t i = r0 + 1; i < k; i++) { /* the row's entries are [r0, k) */
            entry x = e[i];
            size_t j = i;
            while (j > r0 && e[j - 1].col > x.col) {
                e[j] = e[j - 1];
                j--;
            }
            e[j] = x;
        }
        r0 = k;
    }
    memset(a->row_ptr, 0, ((size_t)a->n + 1) * sizeof *a->row_ptr);
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
