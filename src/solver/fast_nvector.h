/* fast_nvector.h — optimised kernels for SUNDIALS serial vectors.
 *
 * Debian 12's libsundials 6.4.1 is built without optimisation (its vector
 * loops run at ~20 instructions per element), and those loops dominated a
 * DFN run (>70 % of the time under callgrind).  cf_nvector_speedup replaces
 * the per-element operations of a serial N_Vector with our own compiled
 * ones; clones made by IDA copy the ops table, so one call on the template
 * vector covers every vector IDA creates.  The data layout stays SUNDIALS'
 * serial layout, so nothing else changes. */
#ifndef CF_FAST_NVECTOR_H
#define CF_FAST_NVECTOR_H
#include <nvector/nvector_serial.h>
void cf_nvector_speedup(N_Vector v);
#endif
