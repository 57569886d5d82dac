/* json_util.h — strict reading of JSON objects for recipes and run records:
 * unknown keys with a "did you mean" suggestion, missing keys named, numbers
 * checked against their allowed range.  Messages carry `source: key.path`. */
#ifndef CF_DESIGN_JSON_UTIL_H
#define CF_DESIGN_JSON_UTIL_H

#include <jansson.h>
#include <stddef.h>

#include "cellforge/cf_error.h"
#include "design/recipe_internal.h"

/* Where a value sits: the file (or "<string>") and the key path inside it. */
typedef struct {
    const char *source;
    char path[160];
} cf_rjloc;

/* loc for `key` (or "[i]") below `parent`. */
cf_rjloc cf_rjloc_child(const cf_rjloc *parent, const char *key);
cf_rjloc cf_rjloc_index(const cf_rjloc *parent, size_t i);

/* Levenshtein distance (ASCII, case-sensitive), capped at 99. */
size_t cf_rj_edit_distance(const char *a, const char *b);
/* Nearest of the NULL-terminated list, or NULL when nothing is close. */
const char *cf_rj_suggest(const char *word, const char *const *list);

/* Parses text (jansson, duplicate keys rejected); parse errors name
 * source:line:col. */
int cf_rj_parse_text(const char *text, const char *source, json_t **out, cf_error *err);

/* Every key of obj must be in allowed (NULL-terminated; "comment" is always
 * allowed).  Reports the first unknown key, a suggestion and the allowed set. */
int cf_rj_check_keys(const json_t *obj, const char *const *allowed, const cf_rjloc *loc,
                       cf_error *err);

/* Object member getters.  Missing + required -> error naming the key; missing
 * + optional -> out->have = 0 / text unchanged. */
int cf_rj_number(const json_t *obj, const char *key, int required, double lo, double hi,
                   const char *unit, const cf_rjloc *loc, cf_ropt *out, cf_error *err);
int cf_rj_int(const json_t *obj, const char *key, int required, long lo, long hi,
                const cf_rjloc *loc, int *have, long *out, cf_error *err);
int cf_rj_text(const json_t *obj, const char *key, int required, const cf_rjloc *loc,
                 char *buf, size_t n, cf_error *err);
/* Text that must be one of the NULL-terminated choices; *index gets its position. */
int cf_rj_choice(const json_t *obj, const char *key, int required, const char *const *choices,
                   const cf_rjloc *loc, int *index, cf_error *err);
/* A member that must be an object (NULL when optional and missing). */
int cf_rj_object(const json_t *obj, const char *key, int required, const cf_rjloc *loc,
                   json_t **out, cf_error *err);

#endif
