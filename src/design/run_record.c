/* run_record.c — the process record a simulation (or a real formation)
 * writes, read back for the process claims.  Schema: docs/recipe.md,
 * "Process record". */
#include "design/json_util.h"
#include "cellforge/cf_io.h"

#include <stdlib.h>
#include <string.h>

int cf_run_record_parse(const char *text, const char *source, cf_run_record *out, cf_error *err)
{
    static const char *const keys[] = {"first_charge_after_contact_h", "min_positive_potential_V",
                                       "li_o_ratio_after_prelithiation", "li_metal_plated_Ah", "cellforge_version",
                                       "recipe", "threshold_V", "time_below_threshold_s", "first_below_threshold_h",
                                       "li_below_threshold_Ah", "li_alloyed_Ah", NULL};
    memset(out, 0, sizeof *out);
    if (!source) source = "<string>";
    json_t *root;
    int st = cf_rj_parse_text(text, source, &root, err);
    if (st) return st;
    cf_rjloc top;
    top.source = source;
    top.path[0] = '\0';
    cf_ropt v;
    cf_run_record r;
    memset(&r, 0, sizeof r);
    if ((st = cf_rj_check_keys(root, keys, &top, err))) goto done;
    if ((st = cf_rj_number(root, "first_charge_after_contact_h", 0, 0, 1e6, "h", &top, &v, err))) goto done;
    r.has_first_charge_after_contact_h = v.have;
    r.first_charge_after_contact_h = v.v;
    if ((st = cf_rj_number(root, "min_positive_potential_V", 0, -1, 10, "V", &top, &v, err))) goto done;
    r.has_min_positive_potential_V = v.have;
    r.min_positive_potential_V = v.v;
    if ((st = cf_rj_number(root, "li_o_ratio_after_prelithiation", 0, 0, 2, "", &top, &v, err))) goto done;
    r.has_li_o_ratio_after_prelithiation = v.have;
    r.li_o_ratio_after_prelithiation = v.v;
    if ((st = cf_rj_number(root, "li_metal_plated_Ah", 0, 0, 1e6, "Ah", &top, &v, err))) goto done;
    r.has_li_metal_plated_Ah = v.have;
    r.li_metal_plated_Ah = v.v;
    if ((st = cf_rj_number(root, "time_below_threshold_s", 0, 0, 1e12, "s", &top, &v, err))) goto done;
    r.has_time_below_threshold_s = v.have;
    r.time_below_threshold_s = v.v;
    if ((st = cf_rj_number(root, "threshold_V", 0, -1, 5, "V", &top, &v, err))) goto done;
    r.threshold_V = v.have ? v.v : 0.3;
    if ((st = cf_rj_number(root, "li_alloyed_Ah", 0, 0, 1e6, "Ah", &top, &v, err))) goto done;
    r.has_li_alloyed_Ah = v.have;
    r.li_alloyed_Ah = v.v;
    if ((st = cf_rj_number(root, "first_below_threshold_h", 0, 0, 1e9, "h", &top, &v, err)) ||
        (st = cf_rj_number(root, "li_below_threshold_Ah", 0, 0, 1e6, "Ah", &top, &v, err)))
        goto done;
    /* Provenance keys are text. */
    char txt[200];
    if ((st = cf_rj_text(root, "cellforge_version", 0, &top, txt, sizeof txt, err)) ||
        (st = cf_rj_text(root, "recipe", 0, &top, txt, sizeof txt, err)))
        goto done;
    *out = r;
done:
    json_decref(root);
    return st;
}

int cf_run_record_load(const char *path, cf_run_record *out, cf_error *err)
{
    memset(out, 0, sizeof *out);
    char *text;
    int st = cf_read_file(path, CF_INPUT_JSON, &text, NULL, err);
    if (st) return st;
    st = cf_run_record_parse(text, path, out, err);
    free(text);
    return st;
}
