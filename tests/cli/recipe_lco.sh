#!/usr/bin/env bash
# CLI: a recipe with a LiCoO2 positive simulates. On a graphite negative with
# N/P 1.5 the positive limits the cell, so the C/10 capacity per gram of LCO
# must be the textbook 4.2 V figure: half the lithium of LiCoO2, 0.5 F /
# 97.872 g/mol = 137 mAh/g, within 10 % (the full-cell window shifts the
# positive's by the graphite potential at either end).  And the same pouch
# with LiFePO4.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed 's/"nmc811"/"lco"/' "$CF_SOURCE_DIR/examples/recipe_commercial_graphite_nmc.json" > "$tmp/lco.json"

"$CELLFORGE" design "$tmp/lco.json" --json -o "$tmp/d.json" || fail "design exited $?"
lco_g=$(grep -A8 '"material": "lco"' "$tmp/d.json" | grep -m1 '"mass_g":' | sed 's/.*: *//; s/,$//')
[ -n "$lco_g" ] || fail "no LCO mass in the design"

out=$("$CELLFORGE" simulate --cell "$tmp/lco.json" --crate 0.1 --model spme 2>&1) || fail "simulate exited $?: $out"
q=$(echo "$out" | awk '/capacity/ { print $2; exit }')
awk -v q="$q" -v g="$lco_g" 'BEGIN { s = q * 1000 / g; exit !(s > 0.9 * 137 && s < 1.1 * 137) }' ||
  fail "C/10 gives $q Ah from $lco_g g LCO; expected 137 mAh/g within 10 %"
echo "$out" | grep -qi nan && fail "NaN in output"

# LiFePO4 (Prada 2013 OCP, 50 nm particles when the recipe gives no size):
# the same pouch with LFP designs and simulates, C/20 within 2 % of the design
# and both electrodes inside their windows
sed 's/"nmc811", "mass_fraction": 0.96, "dv50_um": [0-9.]*/"lfp", "mass_fraction": 0.96/; s/"density_g_cm3": 3.4/"density_g_cm3": 2.3/' \
  "$CF_SOURCE_DIR/examples/recipe_commercial_graphite_nmc.json" > "$tmp/lfp.json"
grep -q '"lfp"' "$tmp/lfp.json" || fail "no LFP in the edited recipe"
"$CELLFORGE" design "$tmp/lfp.json" --json -o "$tmp/dl.json" || fail "LFP design exited $?"
dq=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cell"]; assert c["capacity_from_window"]; print(c["capacity_Ah"])' "$tmp/dl.json") ||
  fail "LFP design has no window capacity"
"$CELLFORGE" simulate --cell "$tmp/lfp.json" --crate 0.05 --json > "$tmp/sl.json" || fail "LFP simulate exited $?"
python3 - "$tmp/sl.json" "$dq" <<'PY' || fail "LFP C/20 vs design $dq Ah"
import json, sys
o = json.load(open(sys.argv[1])); d = float(sys.argv[2]); q = o["capacity_Ah"]
assert abs(q / d - 1) < 0.02, (q, d)
assert all(v["inside_window"] for v in o["electrode_potentials"].values()), o["electrode_potentials"]
PY
echo "ok"
