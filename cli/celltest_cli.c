/* celltest_cli.c — human, CSV and JSON renderings of a cell-test table. */
#include "celltest_cli.h"

#include <math.h>
#include <string.h>

#include "cellforge/cf_io.h"

static double cell_value(const ct_table *t, size_t row, const ct_col *c)
{
    const char *base = (const char *)t->rows + row * t->stride + c->offset;
    if (c->type == CT_INT) {
        int v;
        memcpy(&v, base, sizeof v);
        return v;
    }
    double v;
    memcpy(&v, base, sizeof v);
    return v;
}

void ct_table_print(const ct_table *t, FILE *out)
{
    /* Each column is as wide as its header or 9, whichever is wider. */
    for (size_t j = 0; j < t->n_cols; j++) {
        const ct_col *c = &t->cols[j];
        if (!c->head) continue;
        int w = (int)strlen(c->head) > 9 ? (int)strlen(c->head) : 9;
        fprintf(out, "%s%*s", j ? "  " : "", w, c->head);
    }
    fputc('\n', out);
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            const ct_col *c = &t->cols[j];
            if (!c->head) continue;
            int w = (int)strlen(c->head) > 9 ? (int)strlen(c->head) : 9;
            double v = cell_value(t, i, c);
            fputs(j ? "  " : "", out);
            if (c->type == CT_INT) fprintf(out, "%*d", w, (int)v);
            else if (isfinite(v)) fprintf(out, "%*.*f", w, c->decimals, v * c->scale);
            else fprintf(out, "%*s", w, "-");
        }
        fputc('\n', out);
    }
}

void ct_table_write_csv(const ct_table *t, FILE *fp)
{
    for (size_t j = 0; j < t->n_cols; j++) fprintf(fp, "%s%s", j ? "," : "", t->cols[j].key);
    fputc('\n', fp);
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            const ct_col *c = &t->cols[j];
            double v = cell_value(t, i, c);
            if (j) fputc(',', fp);
            if (c->type == CT_INT) fprintf(fp, "%d", (int)v);
            else if (isfinite(v)) fprintf(fp, "%.9g", v);
            /* NaN: an empty cell, "not measured" */
        }
        fputc('\n', fp);
    }
}

json_t *ct_json_num(double v) { return isfinite(v) ? json_real(v) : json_null(); }

json_t *ct_table_json(const ct_table *t)
{
    json_t *a = json_array();
    for (size_t i = 0; i < t->n_rows; i++) {
        json_t *o = json_object();
        for (size_t j = 0; j < t->n_cols; j++) {
            const ct_col *c = &t->cols[j];
            double v = cell_value(t, i, c);
            json_object_set_new(o, c->key, c->type == CT_INT ? json_integer((json_int_t)v) : ct_json_num(v));
        }
        json_array_append_new(a, o);
    }
    return a;
}
