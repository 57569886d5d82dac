/* bpx_load.c — a BPX file into a cf_cell and a cf_bpx_info: parse, read the
 * Header, convert a 0.x file, then read State, Parameterisation and
 * Validation.  Also the entry for cf_cell_load's format dispatcher
 * (cell_json.c), which passes the parsed JSON and wants only the cell. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpx_internal.h"
#include "cell_json_internal.h"
#include "cellforge/cf_io.h"

static const char *const ROOT_KEYS[] = {"Header", "Parameterisation", "State", "Validation", NULL};
static const char *const HEADER_KEYS[] = {"BPX", "Title", "Description", "References", "Model", NULL};

/* "1.1.0", "0.4" or a number 0.1 -> the text and the major version. */
static int read_version(const json_t *v, cf_bpx_info *info, int *major, cf_error *err)
{
    const char *W = "Header/BPX";
    if (!v) return cf_error_set(err, CF_EINVAL, W, "Header/BPX is required (the BPX version, e.g. \"1.1.0\")");
    if (json_is_number(v)) {
        /* Old files write the version as a number; bpx reads it as "%.1f". */
        double x = json_number_value(v);
        if (!(x >= 0 && x < 100))
            return cf_error_set(err, CF_EINVAL, W, "BPX version %g is not a version number like \"1.1.0\"", x);
        snprintf(info->version, sizeof info->version, "%.1f", x);
        *major = (int)floor(x);
        return CF_OK;
    }
    if (!json_is_string(v))
        return cf_error_set(err, CF_EINVAL, W, "Header/BPX must be a version string like \"1.1.0\" (got %s)",
                            cf_cell_json_type_name(v));
    const char *s = json_string_value(v);
    int a, b, c, n = 0;
    int ok = (sscanf(s, "%3d.%3d%n", &a, &b, &n) == 2 && s[n] == '\0') ||
             (sscanf(s, "%3d.%3d.%3d%n", &a, &b, &c, &n) == 3 && s[n] == '\0');
    if (!ok || a < 0 || s[0] == '-' || s[0] == '+' || s[0] == ' ')
        return cf_error_set(err, CF_EINVAL, W, "'%.40s' is not a BPX version (expected MAJOR.MINOR[.PATCH], e.g. "
                                               "\"1.1.0\")", s);
    snprintf(info->version, sizeof info->version, "%s", s);
    *major = a;
    return CF_OK;
}

static int read_header(const json_t *root, cf_bpx_info *info, int *major, cf_error *err)
{
    const json_t *h;
    if (cf_bpx_object(root, "", "Header", 1, &h, err)) return CF_EINVAL;
    if (cf_bpx_check_keys(h, "Header", HEADER_KEYS, NULL, err)) return CF_EINVAL;
    if (read_version(json_object_get(h, "BPX"), info, major, err)) return CF_EINVAL;
    if (*major > 1)
        return cf_error_set(err, CF_EINVAL, "Header/BPX",
                            "BPX %s is newer than this reader (BPX 0.x and 1.x are supported)", info->version);
    const json_t *t = json_object_get(h, "Title");
    if (t && !json_is_string(t))
        return cf_error_set(err, CF_EINVAL, "Header/Title", "Header/Title must be a string (got %s)",
                            cf_cell_json_type_name(t));
    if (t) snprintf(info->title, sizeof info->title, "%s", json_string_value(t));
    static const char *const TEXTS[] = {"Description", "References"};
    for (size_t i = 0; i < 2; i++) {
        const json_t *d = json_object_get(h, TEXTS[i]);
        char where[64];
        snprintf(where, sizeof where, "Header/%s", TEXTS[i]);
        if (d && !json_is_string(d))
            return cf_error_set(err, CF_EINVAL, where, "%s must be a string (got %s)", where,
                                cf_cell_json_type_name(d));
    }
    const json_t *m = json_object_get(h, "Model");
    if (!m)
        return cf_error_set(err, CF_EINVAL, "Header/Model", "Header/Model is required (\"SPM\", \"SPMe\" or \"DFN\")");
    const char *name = json_is_string(m) ? json_string_value(m) : "";
    static const struct {
        const char *name;
        cf_model_kind kind;
    } MODELS[] = {{"SPM", CF_MODEL_SPM}, {"SPMe", CF_MODEL_SPME}, {"DFN", CF_MODEL_DFN}};
    for (size_t i = 0; i < sizeof MODELS / sizeof MODELS[0]; i++)
        if (strcmp(name, MODELS[i].name) == 0) {
            snprintf(info->model_name, sizeof info->model_name, "%s", name);
            info->model = MODELS[i].kind;
            return CF_OK;
        }
    if (strcmp(name, "Partial") == 0)
        return cf_error_set(err, CF_EINVAL, "Header/Model",
                            "a \"Partial\" parameterisation does not describe a whole cell; complete it and set Model "
                            "to \"SPM\", \"SPMe\" or \"DFN\"");
    int text = json_is_string(m);
    return cf_error_set(err, CF_EINVAL, "Header/Model",
                        "Header/Model must be \"SPM\", \"SPMe\" or \"DFN\" (got %s%.20s%s)", text ? "\"" : "",
                        text ? name : cf_cell_json_type_name(m), text ? "\"" : "");
}

static int read_doc(const json_t *doc, const char *stem, bpx_ctx *ctx, cf_cell **out, cf_error *err)
{
    cf_cell *c = calloc(1, sizeof *c);
    if (!c) return cf_error_set(err, CF_ENOMEM, "", "out of memory");
    snprintf(c->name, sizeof c->name, "%.*s", CF_NAME_MAX - 1, stem && stem[0] ? stem : "bpx");
    const json_t *state = json_object_get(doc, "State"), *param;
    int rc = cf_bpx_read_state(state, ctx, c, err);
    if (!rc) rc = cf_bpx_object(doc, "", "Parameterisation", 1, &param, err);
    if (!rc) rc = cf_bpx_read_params(param, ctx, c, err);
    if (!rc) rc = cf_bpx_apply_state(state, ctx, c, err);
    if (!rc && (rc = cf_cell_validate(c, err)) != CF_OK)
        cf_error_prefix_where(err, "the cell made from this file (cellforge field names)");
    if (!rc) rc = cf_bpx_read_validation(json_object_get(doc, "Validation"), ctx->info, err);
    if (rc) {
        cf_cell_free(c);
        return rc;
    }
    *out = c;
    return CF_OK;
}

int cf_bpx_read_json(const json_t *root, const char *stem, cf_cell **out, cf_bpx_info *info, cf_error *err)
{
    *out = NULL;
    cf_bpx_info scratch;
    cf_bpx_info *in = info ? info : &scratch;
    memset(in, 0, sizeof *in);
    bpx_ctx ctx = {.info = in, .T_ref = 298.15, .ce0 = 1000.0};
    int major = 1;
    int rc = cf_bpx_check_keys(root, "", ROOT_KEYS, NULL, err);
    if (!rc) rc = read_header(root, in, &major, err);
    json_t *converted = NULL;
    const json_t *doc = root;
    if (!rc && major == 0) {
        converted = json_deep_copy(root);
        if (!converted) rc = cf_error_set(err, CF_ENOMEM, "", "out of memory");
        else rc = cf_bpx_convert_v0(converted, &in->notes, err);
        in->converted_from_v0 = 1;
        doc = converted;
    }
    if (!rc) rc = read_doc(doc, stem, &ctx, out, err);
    json_decref(converted);
    if (rc || !info) cf_bpx_info_clear(in);
    return rc;
}

/* JSON text -> the root object of a BPX document; `name` places errors. */
static int parse_text(const char *text, size_t len, const char *name, json_t **root, cf_error *err)
{
    if (cf_cell_json_load(text, len, name, root, err)) return CF_EINVAL;
    if (!json_is_object(*root) || !json_is_object(json_object_get(*root, "Header"))) {
        json_decref(*root);
        *root = NULL;
        return cf_error_set(err, CF_EINVAL, name,
                            "not a BPX file: BPX files are JSON objects with a \"Header\" object");
    }
    return CF_OK;
}

static int parse(const char *path, json_t **root, cf_error *err)
{
    char *text = NULL;
    size_t len = 0;
    *root = NULL;
    int rc = cf_read_file(path, CF_INPUT_JSON, &text, &len, err);
    if (rc) return rc;
    rc = parse_text(text, len, path, root, err);
    free(text);
    return rc;
}

int cf_bpx_parse(const char *text, size_t len, const char *name, cf_cell **out, cf_bpx_info *info, cf_error *err)
{
    *out = NULL;
    if (info) memset(info, 0, sizeof *info);
    if (!name || !name[0]) name = "<string>";
    json_t *root;
    int rc = parse_text(text, len, name, &root, err);
    if (rc) return rc;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    char stem[CF_NAME_MAX];
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".json") == 0) n -= 5;
    if (n > 4 && strncmp(base + n - 4, ".bpx", 4) == 0) n -= 4;
    snprintf(stem, sizeof stem, "%.*s", (int)(n < CF_NAME_MAX - 1 ? n : CF_NAME_MAX - 1), base);
    rc = cf_bpx_read_json(root, stem, out, info, err);
    json_decref(root);
    if (rc) cf_error_prefix_where(err, name);
    return rc;
}

int cf_bpx_load(const char *path, cf_cell **out, cf_bpx_info *info, cf_error *err)
{
    *out = NULL;
    if (info) memset(info, 0, sizeof *info);
    if (!path || !path[0]) return cf_error_set(err, CF_EINVAL, "--cell", "empty BPX file name");
    char *text = NULL;
    size_t len = 0;
    int rc = cf_read_file(path, CF_INPUT_JSON, &text, &len, err);
    if (rc) return rc;
    rc = cf_bpx_parse(text, len, path, out, info, err);
    free(text);
    return rc;
}

int cf_bpx_is_bpx_file(const char *path)
{
    json_t *root;
    if (parse(path, &root, NULL)) return 0;
    json_decref(root);
    return 1;
}

void cf_bpx_info_clear(cf_bpx_info *info)
{
    if (!info) return;
    for (size_t i = 0; i < info->n_experiments; i++) {
        cf_bpx_experiment *e = &info->experiments[i];
        free(e->time_s);
        free(e->current_A);
        free(e->voltage_V);
        free(e->temperature_K);
    }
    free(info->experiments);
    memset(info, 0, sizeof *info);
}

void cf_bpx_meta_default(cf_bpx_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    meta->initial_temperature_K = NAN;
    meta->heat_transfer_coefficient = NAN;
}

void cf_bpx_meta_from_info(cf_bpx_meta *meta, const cf_bpx_info *info)
{
    cf_bpx_meta_default(meta);
    if (!info) return;
    meta->title = info->title[0] ? info->title : NULL;
    meta->model_name = info->model_name[0] ? info->model_name : NULL;
    meta->initial_temperature_K = info->initial_temperature_K;
    meta->heat_transfer_coefficient = info->heat_transfer_coefficient;
    meta->n_experiments = info->n_experiments;
    meta->experiments = info->experiments;
}
