/* cf_ranges.h — the one allowed range of each physical quantity a user sets.
 *
 * The protocol parser, the simulator, the command line and the Python
 * package all check set-points, limits and options here, so a value one of
 * them accepts is never refused (or left to fail in the solver) by another.
 * Signed quantities (C-rate, current, power: positive = discharge) are
 * checked as magnitudes. */
#ifndef CELLFORGE_CF_RANGES_H
#define CELLFORGE_CF_RANGES_H

#include <stddef.h>
#include "cellforge/cf_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CF_QTY_CRATE = 0,     /* |C-rate|        (0, 1000] C            */
    CF_QTY_CURRENT,       /* |current|       (0, 1e5] A             */
    CF_QTY_POWER,         /* |power|         (0, 1e6] W             */
    CF_QTY_VOLTAGE,       /* voltage         (0, 10) V              */
    CF_QTY_RESISTANCE,    /* load resistance [1e-6, 1e6] Ohm        */
    CF_QTY_DURATION,      /* step duration   (0, 1e9] s (~31 years) */
    CF_QTY_TEMPERATURE_C, /* temperature     [-70, 120] degC        */
    CF_QTY_TEMPERATURE_K, /* the same in K:  [203.15, 393.15] K     */
    CF_QTY_SOC,           /* state of charge [0, 1]                 */
    CF_QTY_MESH,          /* finite volumes  [2, 500], whole        */
    CF_QTY_RTOL,          /* relative tol.   [1e-12, 1e-2]          */
    CF_QTY_OUTPUT_DT,     /* output interval [1e-3, 1e6] s          */
    CF_QTY_MAX_STEPS,     /* step budget     [1, 1e9], whole        */
    CF_QTY_MAX_WALL_S,    /* wall-time budget [1e-3, 1e7] s         */
    CF_QTY_DENSITY,       /* a layer's density (0, 3e4] kg/m3       */
    CF_QTY_HEAT_CAPACITY, /* specific heat     (0, 1e5] J/(kg K)    */
    CF_QTY_THERMAL_CONDUCTIVITY, /* (0, 1e4] W/(m K)                */
    CF_QTY_HEAT_TRANSFER, /* heat-transfer coeff. [0, 1e5] W/(m2 K) */
    CF_QTY_CONTACT_RESISTANCE, /* a cell's contact resistance [0, 10] Ohm */
    CF_QTY_COUNT
} cf_quantity;

typedef struct {
    const char *name;  /* "C-rate", "current", ...              */
    const char *unit;  /* "C", "A", ... ("" when dimensionless)  */
    double lo, hi;     /* bounds (of the magnitude if is_signed) */
    int lo_open, hi_open;
    int is_signed;     /* sign is a direction; 0 is refused      */
    int whole;         /* must be a whole number                 */
} cf_range;

/* The range of q (NULL for an unknown q). */
const cf_range *cf_quantity_range(cf_quantity q);

/* 0 when v is in q's range; otherwise writes "<name> <v> <unit> is outside
 * the allowed range (lo, hi] <unit>" (or "must be a finite number") into
 * msg[n] and returns CF_EINVAL. For callers that place the message
 * themselves (the protocol parser points at the column). */
int cf_quantity_check(cf_quantity q, double v, char *msg, size_t n);

/* The same, reported through err at `where`. */
int cf_check_quantity(cf_quantity q, double v, const char *where, cf_error *err);

#ifdef __cplusplus
}
#endif
#endif
