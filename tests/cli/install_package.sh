#!/usr/bin/env bash
# The library installs with headers, a pkg-config file and a CMake package
# config, and a C program links against it both ways and simulates.
set -u
fail() { echo "FAIL: $*"; exit 1; }
# An outside program cannot link a sanitizer-instrumented library without the runtime.
[ "${CF_SANITIZE:-OFF}" = "ON" ] && { echo "skipped under sanitizers"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
build=$(dirname "$CELLFORGE")
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || fail "cmake --install failed"
[ -f "$tmp/prefix/include/cellforge/cellforge.h" ] || fail "headers not installed"
[ -x "$tmp/prefix/bin/cellforge" ] || fail "CLI not installed"

cat > "$tmp/main.c" <<'C'
#include <stdio.h>
#include <cellforge/cellforge.h>
int main(void)
{
    cf_error err;
    cf_cell *cell;
    cf_plan *plan;
    cf_solution *sol;
    cf_model_options opt;
    cf_model_options_default(&opt);
    opt.kind = CF_MODEL_SPM;
    if (cf_cell_builtin("chen2020", &cell, &err) || cf_plan_new(cell, &opt, &plan, &err) ||
        cf_simulate_crate(plan, 1.0, &sol, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("%.4f\n", sol->capacity_Ah[sol->n - 1]);
    cf_solution_free(sol);
    cf_plan_free(plan);
    cf_cell_free(cell);
    return 0;
}
C
libdir=$(ls -d "$tmp"/prefix/lib*/pkgconfig | head -1)
flags=$(PKG_CONFIG_PATH="$libdir" pkg-config --cflags --libs --static cellforge) || fail "pkg-config cannot find cellforge"
cc -std=c11 "$tmp/main.c" -o "$tmp/by_pkgconfig" $flags || fail "link via pkg-config failed"
cap=$("$tmp/by_pkgconfig") || fail "program via pkg-config failed"
awk -v c="$cap" 'BEGIN { exit !(c > 4.9 && c < 5.0) }' || fail "capacity $cap"

mkdir -p "$tmp/cm"
cat > "$tmp/cm/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.18)
project(use_cellforge C)
find_package(cellforge REQUIRED)
add_executable(use main.c)
target_link_libraries(use PRIVATE cellforge::cellforge)
CM
cp "$tmp/main.c" "$tmp/cm/"
cmake -S "$tmp/cm" -B "$tmp/cm/b" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null || fail "find_package(cellforge) failed"
cmake --build "$tmp/cm/b" >/dev/null || fail "build via CMake package failed"
"$tmp/cm/b/use" >/dev/null || fail "program via CMake package failed"
echo "install_package: ok"
