/* edit_distance.c — Levenshtein distance with two rows (see the header). */
#include "core/edit_distance.h"

#include <ctype.h>
#include <string.h>

size_t cf_edit_distance(const char *a, size_t la, const char *b, size_t lb, int fold_case)
{
    if (la > CF_EDIT_WORD_MAX || lb > CF_EDIT_WORD_MAX) return 1000;
    size_t prev[CF_EDIT_WORD_MAX + 1], cur[CF_EDIT_WORD_MAX + 1];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            int ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
            if (fold_case) {
                ca = tolower(ca);
                cb = tolower(cb);
            }
            size_t sub = prev[j - 1] + (ca != cb), del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

const char *cf_edit_nearest(const char *word, const char *const *known, size_t max_d)
{
    const char *best = NULL;
    size_t best_d = max_d + 1, lw = strlen(word);
    for (size_t i = 0; known[i]; i++) {
        size_t d = cf_edit_distance(word, lw, known[i], strlen(known[i]), 0);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    return best;
}
