#!/usr/bin/env bash
# `cellforge validate`: the chen2020 cell as BPX with PyBaMM's DFN runs of it
# as Validation data agrees to a fraction of a millivolt; the RMS limit, the
# experiment filter and the model choice work (PyBaMM's finite volumes and mesh:
# --discretisation fv).
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
F="$CF_SOURCE_DIR/tests/data/bpx/chen2020_pybamm.bpx.json"

out=$("$CELLFORGE" validate --discretisation fv --cell "$F") || fail "exit $?: $out"
echo "$out" | grep -q "PyBaMM DFN 1C discharge *300 *300/300" || fail "table: $out"

# "rms_mV": 0.0254 -> 0.0254, one per experiment
rms=$("$CELLFORGE" validate --discretisation fv --cell "$F" --json | sed -n 's/^ *"rms_mV": *\([-0-9.eE+]*\),*$/\1/p')
[ "$(echo "$rms" | wc -l)" -eq 2 ] || fail "rms values: $rms"
for r in $rms; do
    awk -v r="$r" 'BEGIN { exit !(r > 0 && r < 0.1) }' || fail "RMS $r mV vs PyBaMM not below 0.1 mV"
done

"$CELLFORGE" validate --discretisation fv --cell "$F" --max-rms-mV 0.001 >/dev/null 2>&1
[ $? -eq 1 ] || fail "--max-rms-mV below the error should exit 1"
"$CELLFORGE" validate --discretisation fv --cell "$F" --max-rms-mV 1 >/dev/null || fail "--max-rms-mV 1 should pass"

out=$("$CELLFORGE" validate --discretisation fv --cell "$F" --experiment "PyBaMM DFN 2C discharge") || fail "--experiment"
echo "$out" | grep -q "2C" || fail "experiment missing: $out"
echo "$out" | grep -q "1C" && fail "other experiment ran: $out"
"$CELLFORGE" validate --discretisation fv --cell "$F" --experiment "3C" >/dev/null 2>&1
[ $? -eq 2 ] || fail "unknown experiment should exit 2"

# The SPM runs too (and is further from PyBaMM's DFN than the DFN is).
out=$("$CELLFORGE" validate --discretisation fv --cell "$F" --model spm --experiment "PyBaMM DFN 1C discharge" --json) || fail "spm"
r=$(echo "$out" | sed -n 's/^ *"rms_mV": *\([-0-9.eE+]*\),*$/\1/p')
awk -v r="$r" 'BEGIN { exit !(r > 1) }' || fail "SPM RMS $r mV should exceed the DFN's"
echo "ok"
