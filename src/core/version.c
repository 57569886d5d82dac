/* version.c — the library version, from CMake's project(VERSION). */
#include "cellforge/cellforge.h"
#include "cf_version_gen.h"

const char *cf_version(void) { return CF_VERSION_STRING; }
