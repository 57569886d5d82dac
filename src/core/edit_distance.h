/* edit_distance.h — the one Levenshtein distance behind every "did you
 * mean ...?" suggestion (cell files, recipes, sweeps, protocols). */
#ifndef CF_EDIT_DISTANCE_H
#define CF_EDIT_DISTANCE_H
#include <stddef.h>

#define CF_EDIT_WORD_MAX 63

/* Distance between a[0..la) and b[0..lb), case-insensitive when fold_case;
 * words longer than CF_EDIT_WORD_MAX are never close (returns 1000). */
size_t cf_edit_distance(const char *a, size_t la, const char *b, size_t lb, int fold_case);

/* The entry of the NULL-terminated `known` closest to word (case-sensitive;
 * the first of several as close) when within max_d edits, else NULL. */
const char *cf_edit_nearest(const char *word, const char *const *known, size_t max_d);

#endif
