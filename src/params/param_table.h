/* param_table.h — an electrode's side model with named parameters (SEI
 * growth in sei_params.c, lithium plating in plating_params.c, loss of
 * active material in lam_params.c): its cell-file object, how a model name
 * turns it on, and one allowed range per parameter, read and checked by
 * param_table.c for all three. */
#ifndef CF_PARAM_TABLE_H
#define CF_PARAM_TABLE_H
#include <jansson.h>
#include <stddef.h>

#include "cellforge/cf_cell.h"

/* One parameter: its cell-file key, where its double sits in the model's
 * parameter struct, and its allowed range [lo, hi] ((lo with lo_open, hi)
 * with hi_open). */
typedef struct {
    const char *key;
    size_t off;
    double lo, hi;
    int lo_open, hi_open;
    const char *unit;
} cf_param_range;

typedef struct {
    const char *object;         /* the electrode's key: "sei", "lithium_plating", "loss_of_active_material",
                                   "particle_cracking" */
    const char *what;           /* the model in messages: "SEI", "lithium plating", "loss-of-active-material" */
    size_t params_off;          /* of the model's parameter struct inside cf_electrode */
    const cf_param_range *ranges;
    size_t n_ranges;
    /* Parses a model name (an error placed at `key`) and turns that model on
     * with its default parameters (those of `side`: 0 negative, 1 positive)
     * where none were set. */
    int (*set_model)(cf_electrode *e, int side, const char *name, const char *key, cf_error *err);
} cf_param_table;

extern const cf_param_table cf_sei_table, cf_li_plating_table, cf_lam_table, cf_crack_table;

/* The keys the model's object may hold ("model", "comment", then the
 * parameters), NULL-terminated, into keys[0..n-1]; 0 when n is too small. */
int cf_param_table_keys(const cf_param_table *t, const char **keys, size_t n);
/* Sets the parameter named by its cell-file key; `where` places an error. */
int cf_param_table_set(const cf_param_table *t, cf_electrode *e, const char *key, double v, const char *where,
                       cf_error *err);
/* Every parameter within its range; an error names "<side>.<object>.<key>",
 * the value and the range. */
int cf_param_table_check(const cf_param_table *t, const cf_electrode *e, const char *side, cf_error *err);

/* A JSON value of the model (a model name, or an object with "model" and
 * parameter keys) into e's parameters of it, those of `side` (0 negative, 1
 * positive) by default; `key` names the value in errors.  Cell files and
 * recipes share it (cell_json_params.c). */
int cf_json_read_side_model(const cf_param_table *t, const json_t *v, const char *key, int side, cf_electrode *e,
                            cf_error *err);

/* Range and consistency checks of an electrode's SEI, lithium plating and
 * loss of active material (side "negative"/"positive" names the keys). */
int cf_sei_validate(const cf_electrode *e, const char *side, cf_error *err);
int cf_li_plating_validate(const cf_electrode *e, const char *side, cf_error *err);
int cf_lam_validate(const cf_electrode *e, const char *side, cf_error *err);
/* ... and of its particle cracking (crack_params.c). */
int cf_crack_validate(const cf_electrode *e, const char *side, cf_error *err);
#endif
