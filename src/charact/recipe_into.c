/* recipe_into.c — write characterisation results into a recipe's hard-carbon component.
 *
 * Only the named keys change; every other key, and the order of keys, is
 * kept.  Numbers are re-printed with the fewest digits (15, 16 or 17) that
 * reproduce every number of the file exactly, so hand-written values such as
 * 0.9 stay 0.9.  The file is replaced atomically (cf_outfile). */
#include "cellforge/cf_charact.h"
#include "cellforge/cf_io.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

#define HARD_CARBON "hard_carbon"

static int all_reals_roundtrip(json_t *j, int prec)
{
    if (json_is_real(j)) {
        char buf[64];
        double v = json_real_value(j);
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        return strtod(buf, NULL) == v;
    }
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v)
            if (!all_reals_roundtrip(v, prec)) return 0;
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
            if (!all_reals_roundtrip(v, prec)) return 0;
    }
    return 1;
}

static double round_sig(double v, int digits)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*g", digits, v);
    return strtod(buf, NULL);
}

static void list_keys(json_t *obj, char *buf, size_t n)
{
    buf[0] = '\0';
    const char *k;
    json_t *v;
    size_t used = 0;
    json_object_foreach(obj, k, v) {
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", k);
        if (w < 0 || (size_t)w >= n - used) break;
        used += (size_t)w;
    }
    if (!buf[0]) snprintf(buf, n, "none");
}

static void list_materials(json_t *arr, char *buf, size_t n)
{
    buf[0] = '\0';
    size_t used = 0, i;
    json_t *c;
    json_array_foreach(arr, i, c) {
        const char *m = json_string_value(json_object_get(c, "material"));
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", m ? m : "(no material)");
        if (w < 0 || (size_t)w >= n - used) break;
        used += (size_t)w;
    }
    if (!buf[0]) snprintf(buf, n, "none");
}

/* Appends to the resolved path, keeping it terminated and bounded. */
static void path_add(char *p, size_t n, const char *fmt, const char *s, long idx)
{
    size_t l = strlen(p);
    if (l + 1 >= n) return;
    if (s)
        snprintf(p + l, n - l, fmt, s);
    else
        snprintf(p + l, n - l, fmt, idx);
}

/* Walks `component` from the root.  The first name may also be found under
 * "electrodes".  An electrode (an object with "components") resolves to its
 * first hard-carbon component. */
static int resolve(json_t *root, const char *component, const char *file, json_t **out, char *rp,
                   size_t rpn, cf_error *err)
{
    char where[192];
    snprintf(where, sizeof where, "%s: %s", file, component);
    rp[0] = '\0';
    const char *s = component;
    json_t *cur = root;
    char name[128], keys[256];
    int first = 1;
    if (!*s) return cf_error_set(err, CF_EINVAL, where, "empty component path (expected e.g. negative or negative.components[0])");
    while (*s) {
        if (*s == '[') {
            char *end;
            long idx = strtol(s + 1, &end, 10);
            if (end == s + 1 || *end != ']' || idx < 0)
                return cf_error_set(err, CF_EINVAL, where, "bad index at '%s': expected [N] with N >= 0", s);
            if (!json_is_array(cur))
                return cf_error_set(err, CF_EINVAL, where, "%s is not an array, cannot take [%ld]",
                                    rp[0] ? rp : "the recipe", idx);
            if ((size_t)idx >= json_array_size(cur))
                return cf_error_set(err, CF_EINVAL, where, "%s has %zu entries: [%ld] does not exist", rp,
                                    json_array_size(cur), idx);
            cur = json_array_get(cur, (size_t)idx);
            path_add(rp, rpn, "[%ld]", NULL, idx);
            s = end + 1;
            continue;
        }
        if (*s == '.') {
            if (first) return cf_error_set(err, CF_EINVAL, where, "path starts with '.'");
            s++;
        }
        size_t k = 0;
        while (*s && *s != '.' && *s != '[' && k + 1 < sizeof name) name[k++] = *s++;
        name[k] = '\0';
        if (k == 0) return cf_error_set(err, CF_EINVAL, where, "empty name in component path");
        if (!json_is_object(cur))
            return cf_error_set(err, CF_EINVAL, where, "%s is not an object, cannot look up '%s'",
                                rp[0] ? rp : "the recipe", name);
        json_t *next = json_object_get(cur, name);
        if (!next && first) {
            json_t *el = json_object_get(root, "electrodes");
            if (json_is_object(el) && (next = json_object_get(el, name)) != NULL)
                path_add(rp, rpn, "%s.", "electrodes", 0);
        }
        if (!next) {
            list_keys(cur, keys, sizeof keys);
            return cf_error_set(err, CF_EINVAL, where, "no key '%s' in %s (keys there: %s)", name,
                                rp[0] ? rp : "the recipe", keys);
        }
        path_add(rp, rpn, first ? "%s" : ".%s", name, 0);
        cur = next;
        first = 0;
    }
    if (json_is_object(cur) && json_is_array(json_object_get(cur, "components"))) {
        json_t *arr = json_object_get(cur, "components");
        size_t i;
        json_t *c;
        json_array_foreach(arr, i, c) {
            const char *m = json_string_value(json_object_get(c, "material"));
            if (m && strcmp(m, HARD_CARBON) == 0) {
                path_add(rp, rpn, ".components[%ld]", NULL, (long)i);
                *out = c;
                return CF_OK;
            }
        }
        list_materials(arr, keys, sizeof keys);
        return cf_error_set(err, CF_EINVAL, where,
                            "%s.components has no component with material \"%s\" (materials: %s)", rp,
                            HARD_CARBON, keys);
    }
    if (!json_is_object(cur))
        return cf_error_set(err, CF_EINVAL, where, "%s is not a component object", rp);
    const char *m = json_string_value(json_object_get(cur, "material"));
    if (!m || strcmp(m, HARD_CARBON) != 0)
        return cf_error_set(err, CF_EINVAL, where, "%s has material %s%s%s, expected \"%s\"", rp,
                            m ? "\"" : "", m ? m : "(none)", m ? "\"" : "", HARD_CARBON);
    *out = cur;
    return CF_OK;
}

int cf_charact_into_recipe(const char *recipe_path, const char *component,
                           const cf_charact_field *fields, size_t n_fields, char *resolved,
                           size_t resolved_len, cf_error *err)
{
    char rp[192];
    if (resolved && resolved_len) resolved[0] = '\0';
    for (size_t i = 0; i < n_fields; i++)
        if (!fields[i].key || !fields[i].key[0] || !isfinite(fields[i].value))
            return cf_error_set(err, CF_EINVAL, "into", "field %zu has no key or a non-finite value", i + 1);
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(recipe_path, CF_INPUT_JSON, &text, &len, err);
    if (rc != CF_OK) return rc;
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    free(text);
    if (!root) {
        char where[192];
        snprintf(where, sizeof where, "%s:%d:%d", recipe_path, je.line, je.column);
        return cf_error_set(err, CF_EINVAL, where, "recipe is not valid JSON: %s", je.text);
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return cf_error_set(err, CF_EINVAL, recipe_path, "recipe must be a JSON object");
    }
    json_t *comp = NULL;
    rc = resolve(root, component, recipe_path, &comp, rp, sizeof rp, err);
    if (rc != CF_OK) {
        json_decref(root);
        return rc;
    }
    for (size_t i = 0; i < n_fields; i++) {
        /* Six significant digits: more than any of these measurements carries. */
        if (json_object_set_new(comp, fields[i].key, json_real(round_sig(fields[i].value, 6))) != 0) {
            json_decref(root);
            return cf_error_set(err, CF_ENOMEM, recipe_path, "cannot set %s", fields[i].key);
        }
    }
    int prec = 15;
    while (prec < 17 && !all_reals_roundtrip(root, prec)) prec++;
    cf_outfile *of = NULL;
    rc = cf_outfile_open(recipe_path, &of, err);
    if (rc != CF_OK) {
        json_decref(root);
        return rc;
    }
    FILE *fp = cf_outfile_stream(of);
    int bad = cf_json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(prec)) != 0;
    bad |= fputc('\n', fp) == EOF;
    json_decref(root);
    if (bad) {
        cf_outfile_abort(of);
        return cf_error_set(err, CF_EIO, recipe_path, "cannot write the updated recipe");
    }
    rc = cf_outfile_commit(of, err);
    if (rc != CF_OK) return rc;
    if (resolved && resolved_len) snprintf(resolved, resolved_len, "%s", rp);
    return CF_OK;
}
