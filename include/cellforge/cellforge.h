/* cellforge.h — umbrella header for libcellforge.
 *
 * Units are SI inside the library (m, s, A, V, K, mol/m3) unless a name says
 * otherwise; every call that can fail returns a cf_status and fills a
 * cf_error (see cf_error.h). */
#ifndef CELLFORGE_H
#define CELLFORGE_H

#include "cellforge/cf_error.h"
#include "cellforge/cf_io.h"
#include "cellforge/cf_ranges.h"
#include "cellforge/cf_cell.h"
#include "cellforge/cf_model.h"
#include "cellforge/cf_protocol.h"
#include "cellforge/cf_experiment.h"
#include "cellforge/cf_design.h"
#include "cellforge/cf_charact.h"
#include "cellforge/cf_celltest.h"
#include "cellforge/cf_bpx.h"
#include "cellforge/cf_expr.h"
#include "cellforge/cf_sweep.h"
#include "cellforge/cf_variables.h"
#include "cellforge/cf_fit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Library version, "MAJOR.MINOR.PATCH". */
const char *cf_version(void);

#ifdef __cplusplus
}
#endif
#endif
