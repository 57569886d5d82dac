/* fuzz_chn.c — CHN elemental analysis: the input's first three lines are the
 * C, H and N values as given to `cellforge chn --C .. --H .. --N ..` (one
 * value or comma-separated replicates); parse, then the atomic ratios. */
#include "fuzz_common.h"

#include "cellforge/cf_charact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char *line[3] = {text, NULL, NULL};
    for (int i = 1; i < 3 && line[i - 1]; i++) {
        char *nl = strchr(line[i - 1], '\n');
        if (nl) {
            *nl = '\0';
            line[i] = nl + 1;
        }
    }
    char *nl = line[2] ? strchr(line[2], '\n') : NULL;
    if (nl) *nl = '\0';
    cf_chn_input in = {0.0, 0.0, 0.0, 0.0, -1.0, 0.0};
    double *mean[3] = {&in.c_wt, &in.h_wt, &in.n_wt}, *u[3] = {&in.c_u, &in.h_u, &in.n_u};
    static const char *const what[3] = {"--C", "--H", "--N"};
    cf_error err;
    cf_error_clear(&err);
    int rc = CF_OK;
    for (int i = 0; i < 3 && rc == CF_OK; i++) {
        if (!line[i] || (i == 2 && !line[i][0])) continue; /* N is optional */
        int nrep = 0;
        rc = cf_chn_parse_replicates(line[i], what[i], mean[i], u[i], &nrep, &err);
        if (rc == CF_OK) FUZZ_CHECK(nrep >= 1 && nrep <= CF_CHN_MAX_REPLICATES && *u[i] >= 0.0);
    }
    free(text);
    if (rc != CF_OK) {
        fuzz_check_error(rc, &err);
        return 0;
    }
    cf_chn_result r;
    rc = cf_chn_compute(&in, &r, &err);
    if (rc != CF_OK) fuzz_check_error(rc, &err);
    else FUZZ_CHECK(r.h_c_atomic >= 0.0 && r.rest_wt_pct >= 0.0);
    return 0;
}
