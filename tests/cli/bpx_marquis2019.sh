#!/usr/bin/env bash
# A second published cell in BPX form: the Kokam cell of Marquis et al. (2019),
# graphite | LiCoO2 with temperature-dependent transport (validation/data/
# marquis2019.bpx.json, written by validation/marquis2019_bpx.py from PyBaMM's
# Marquis2019 set with PyBaMM's DFN 1C and 2C discharges as Validation data).
# cellforge's DFN on the same mesh (--discretisation fv) must agree to a fraction of a millivolt,
# and the cell must simulate from the file's own state.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
F="$CF_SOURCE_DIR/validation/data/marquis2019.bpx.json"

out=$("$CELLFORGE" validate --discretisation fv --cell "$F" --json) || fail "validate exit $?: $out"
rms=$(echo "$out" | sed -n 's/^ *"rms_mV": *\([-0-9.eE+]*\),*$/\1/p')
[ "$(echo "$rms" | wc -l)" -eq 2 ] || fail "rms values: $rms"
for r in $rms; do
    awk -v r="$r" 'BEGIN { exit !(r > 0 && r < 0.5) }' || fail "RMS $r mV vs PyBaMM not below 0.5 mV"
done

# 1C from the file's initial state (SOC 0.805) to 3.105 V: PyBaMM gives 0.68402 A h.
out=$("$CELLFORGE" simulate --cell "$F" --json) || fail "simulate exit $?: $out"
cap=$(echo "$out" | sed -n 's/^ *"capacity_Ah": *\([-0-9.eE+]*\),*$/\1/p')
awk -v c="$cap" 'BEGIN { exit !(c > 0.6806 && c < 0.6874) }' || fail "1C capacity $cap A h not within 0.5 % of 0.68402"
echo "ok"
