#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of one chen2020 DFN discharge
# to 2.5 V, isothermal, lumped and through the cell (x; each without and
# with the heat columns): a measure of the thermal models' cost that a loaded
# machine does not blur.
# Each count is of bench_dfn --runs 1 (plan, a warm-up run and the run).
# usage: bench/thermal_callgrind.sh [BUILD_DIR] [CRATE]   (default build, 1)
set -eu
B=${1:-build}
CRATE=${2:-1}
exe="$B/bench/bench_dfn"
[ -x "$exe" ] || { echo "no $exe: build first (BUILD_DIR=$B scripts/build)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
# glibc copies blocks of 8 KiB and more with `rep movsb`, which callgrind
# counts one instruction per byte: a state vector that crosses 8 KiB (the
# DFN's 964 unknowns are 7.7 KiB, with a temperature per volume 8.2 KiB) would
# add ~22 million "instructions" that take a few hundred cycles each call.
# Every run copies with the vector loop instead, so the counts compare work.
export GLIBC_TUNABLES=glibc.cpu.x86_rep_movsb_threshold=4194304
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$exe" --runs 1 --crate "$CRATE" "$@" >/dev/null 2>&1
  awk '/^summary:/ {print $2}' "$tmp/out"
}
a=$(count --thermal isothermal)
b=$(count --thermal lumped --heat-sources 0)
c=$(count --thermal lumped --heat-sources 1)
d=$(count --thermal x --heat-sources 0)
e=$(count --thermal x --heat-sources 1)
printf "%-28s %14s %8s\n" "dfn ${CRATE}C" instructions ratio
printf "%-28s %14s %8.3f\n" isothermal "$a" 1
printf "%-28s %14s %8.3f\n" lumped "$b" "$(echo "$b / $a" | bc -l)"
printf "%-28s %14s %8.3f\n" "lumped + heat columns" "$c" "$(echo "$c / $a" | bc -l)"
printf "%-28s %14s %8.3f\n" "x (through the cell)" "$d" "$(echo "$d / $a" | bc -l)"
printf "%-28s %14s %8.3f\n" "x + heat columns" "$e" "$(echo "$e / $a" | bc -l)"
