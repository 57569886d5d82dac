/* celltest_cli.h — one description of a result table (its columns) drives
 * the three outputs of `cellforge test`: the human table, the CSV file and
 * the JSON rows, so the three never disagree. */
#ifndef CELLFORGE_CELLTEST_CLI_H
#define CELLFORGE_CELLTEST_CLI_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "cellforge/cf_error.h"

typedef enum { CT_DOUBLE = 0, CT_INT = 1 } ct_col_type;

typedef struct {
    const char *key;     /* CSV header and JSON member (SI units in the name) */
    const char *head;    /* human table header, 0 = not in the human table    */
    double scale;        /* human value = value * scale (e.g. 1000 for mOhm)  */
    int decimals;        /* human table decimals                              */
    size_t offset;       /* offsetof the field in the row struct              */
    ct_col_type type;
} ct_col;

typedef struct {
    const ct_col *cols;
    size_t n_cols;
    const void *rows;    /* array of row structs */
    size_t n_rows, stride;
} ct_table;

/* Human table on `out`: a header line and one line per row ("-" for NaN). */
void ct_table_print(const ct_table *t, FILE *out);
/* CSV through cf_outfile (complete or absent); empty cells for NaN. */
void ct_table_write_csv(const ct_table *t, FILE *fp);
/* A JSON array of row objects (NaN -> null). */
json_t *ct_table_json(const ct_table *t);
/* A number or null. */
json_t *ct_json_num(double v);

#endif
