/* sei_params.h — SEI parameters inside the params module (sei_params.c). */
#ifndef CF_SEI_PARAMS_H
#define CF_SEI_PARAMS_H
#include <jansson.h>

#include "cellforge/cf_cell.h"

/* Range checks of an electrode's SEI (side "negative"/"positive" names the keys). */
int cf_sei_validate(const cf_electrode *e, const char *side, cf_error *err);
/* The keys a cell file's "sei" object may hold, NULL-terminated. */
const char *const *cf_sei_keys(void);
/* Sets the parameter named by its cell-file key; `where` places an error. */
int cf_sei_set_number(cf_sei *s, const char *key, double v, const char *where, cf_error *err);
/* The same for O'Kane lithium plating (plating_params.c). */
int cf_li_plating_validate(const cf_electrode *e, const char *side, cf_error *err);
const char *const *cf_li_plating_keys(void);
int cf_li_plating_set_number(cf_plating_params *p, const char *key, double v, const char *where, cf_error *err);
/* A JSON "sei" / "lithium_plating" value (a model name, or an object with
 * "model" and parameter keys) into e's SEI / plating parameters; `key`
 * names the value in errors.  Cell files and recipes share them. */
int cf_json_read_sei(const json_t *v, const char *key, cf_electrode *e, cf_error *err);
int cf_json_read_li_plating(const json_t *v, const char *key, cf_electrode *e, cf_error *err);
/* The same for loss of active material (lam_params.c). */
int cf_lam_validate(const cf_electrode *e, const char *side, cf_error *err);
const char *const *cf_lam_keys(void);
int cf_lam_set_number(cf_lam_params *l, const char *key, double v, const char *where, cf_error *err);
#endif
