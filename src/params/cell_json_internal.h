/* cell_json_internal.h — the pieces of the cell-file reader (docs/cell-format.md).
 *
 * cell_json.c reads and parses the file and picks a reader by the file's
 * shape; cell_json_params.c reads the cellforge cell-parameter schema;
 * cell_json_fn.c reads material functions (name | number | table);
 * cell_json_util.c holds the strict key and number helpers.
 *
 * Errors raised below the file level carry only the key path in `where`
 * ("negative.porosity"); cf_cell_load_json prefixes the file path. */
#ifndef CF_CELL_JSON_INTERNAL_H
#define CF_CELL_JSON_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "cellforge/cf_cell.h"
#include "materials/material_fns.h"

/* Reads a cell-parameter object.  `stem` names the cell when the file has no
 * "name" and no "base".  On failure *out is NULL and nothing is leaked. */
int cf_cell_json_read_params(const json_t *root, const char *stem, cf_cell **out, cf_error *err);

/* Reads a material function at `key` (a name of the given role, a number or
 * an {"x","y"} table) into f.  On success the old contents of f (including
 * an owned table) are released; on failure f is unchanged. */
int cf_cell_json_read_fn(const json_t *value, const char *key, cf_fn_role role, cf_fn *f, cf_error *err);

/* The file's "thermal" section into t (cell_json_thermal.c); none: t unchanged. */
int cf_cell_json_read_thermal(const json_t *root, cf_thermal *t, cf_error *err);

/* The closest of the NULL-terminated `known` within edit distance 3, or NULL. */
const char *cf_cell_json_suggest(const char *word, const char *const *known);

/* JSON text -> *root (any JSON value), duplicate keys refused (they would
 * silently drop a value); malformed text is CF_EINVAL placed at
 * "name:line:column". */
int cf_cell_json_load(const char *text, size_t len, const char *name, json_t **root, cf_error *err);

/* Every key of obj must be in `known` (NULL-terminated); "comment" is always
 * allowed.  `path` is the object's key path ("" at the top level). */
int cf_cell_json_check_keys(const json_t *obj, const char *path, const char *const *known, cf_error *err);

/* "parent.key" (or "key" at the top level) into buf. */
const char *cf_cell_json_join(char *buf, size_t n, const char *parent, const char *key);

/* A finite JSON number (integer or real) at `key`; *out unchanged on error. */
int cf_cell_json_number(const json_t *value, const char *key, double *out, cf_error *err);

/* A short name of a JSON value's type for "must be a number (got a string)". */
const char *cf_cell_json_type_name(const json_t *v);

#endif
