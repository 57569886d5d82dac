#!/usr/bin/env bash
# A failed write to standard output is an error: with /dev/full as stdout,
# every command prints "cellforge <cmd>: write error: <reason>" on stderr and
# exits non-zero (and with a working stdout the same commands exit 0, so the
# failure is the write, not the arguments).
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -c /dev/full ] || { echo "skip: no /dev/full"; exit 77; }
E="$CF_SOURCE_DIR/examples"
C="$E/charact"
BPX="$CF_SOURCE_DIR/tests/data/bpx/chen2020_pybamm.bpx.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # check NAME ARGS...: ok to a file, write error to /dev/full
  local name=$1
  shift
  "$CELLFORGE" "$@" >"$tmp/out" 2>"$tmp/err" || fail "$name: exit $? with a working stdout: $(cat "$tmp/err")"
  [ -s "$tmp/out" ] || fail "$name: printed nothing"
  "$CELLFORGE" "$@" >/dev/full 2>"$tmp/err"
  rc=$?
  [ $rc -ne 0 ] || fail "$name: exit 0 with stdout on /dev/full"
  grep -q "^cellforge $1: write error: No space left on device$" "$tmp/err" ||
    fail "$name: stderr: $(cat "$tmp/err")"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$name: the error is reported more than once: $(cat "$tmp/err")"
}

check simulate simulate --model spm
check simulate-csv simulate --model spm --out -
check simulate-json simulate --model spm --json
check test test rate --model spm --crates 0.5,1
check validate validate --cell "$BPX" --model spm --experiment "PyBaMM DFN 1C discharge"
check design design "$E/recipe_commercial_graphite_nmc.json"
check design-json design "$E/recipe_commercial_graphite_nmc.json" --json
check claims claims "$E/recipe_li_reservoir.json"
check claims-json claims "$E/recipe_li_reservoir.json" --json
check test-json test rate --model spm --crates 0.5,1 --json
check xrd xrd "$C/hard_carbon.xy"
check xrd-json xrd "$C/hard_carbon.xy" --json
check psd psd "$C/psd_laser.csv"
check bet bet "$C/isotherm_n2.txt"
check dta dta "$C/dta_air.txt"
check chn chn --C 95.1 --H 0.4 --N 1.2
check shape shape "$C/shape_particles.txt"
check protocol protocol "Discharge at 1C until 3 V"
check bpx bpx --cell chen2020

"$CELLFORGE" --version >/dev/full 2>"$tmp/err" && fail "--version: exit 0 on /dev/full"
grep -q "^cellforge: write error: " "$tmp/err" || fail "--version: $(cat "$tmp/err")"
echo ok
