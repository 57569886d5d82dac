#!/usr/bin/env bash
# The lumped thermal model's cost on a discharge: bench_dfn's median CPU time
# (in-process) of a chen2020 discharge to 2.5 V, isothermal and lumped,
# at 1C and 3C (20 volumes per domain and particle), and the ratios: the
# lumped model alone (temperature, heat to the ambient: what the summary and
# JSON show) and with the heat-source columns evaluated at every row (one
# row per solver step: the CSV and plots); for the DFN also the through-cell
# model (x), without and with the heat columns.
# usage: bench/thermal_bench.sh [BUILD_DIR] [RUNS]   (default build, 20)
set -eu
B=${1:-build}
RUNS=${2:-20}
exe="$B/bench/bench_dfn"
[ -x "$exe" ] || { echo "no $exe: build first (BUILD_DIR=$B scripts/build)" >&2; exit 2; }
median() { "$exe" --runs "$RUNS" "$@" | awk '/^cpu_ms/ {print $2}'; }
printf "%-6s %-6s %12s %12s %8s %14s %8s\n" model crate "isothermal" "lumped" "ratio" "+heat columns" "ratio"
for model in dfn spme spm; do
  for crate in 1 3; do
    a=$(median --model $model --crate $crate --thermal isothermal)
    b=$(median --model $model --crate $crate --thermal lumped --heat-sources 0)
    c=$(median --model $model --crate $crate --thermal lumped --heat-sources 1)
    printf "%-6s %-6s %9s ms %9s ms %8.3f %11s ms %8.3f\n" $model ${crate}C "$a" "$b" "$(echo "$b / $a" | bc -l)" \
      "$c" "$(echo "$c / $a" | bc -l)"
  done
done
printf "\n%-6s %-6s %12s %12s %8s %14s %8s\n" model crate "isothermal" "x" "ratio" "+heat columns" "ratio"
for crate in 1 3; do
  a=$(median --model dfn --crate $crate --thermal isothermal)
  b=$(median --model dfn --crate $crate --thermal x --heat-sources 0)
  c=$(median --model dfn --crate $crate --thermal x --heat-sources 1)
  printf "%-6s %-6s %9s ms %9s ms %8.3f %11s ms %8.3f\n" dfn ${crate}C "$a" "$b" "$(echo "$b / $a" | bc -l)" \
    "$c" "$(echo "$c / $a" | bc -l)"
done
