#!/usr/bin/env bash
# CLI: a recipe with a LiCoO2 positive simulates. On a graphite negative with
# N/P 1.5 the positive limits the cell, so the C/10 capacity per gram of LCO
# must be the textbook 4.2 V figure: half the lithium of LiCoO2, 0.5 F /
# 97.872 g/mol = 137 mAh/g, within 10 % (the full-cell window shifts the
# positive's by the graphite potential at either end).
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

# LFP has no OCP: a clear error naming the component and the materials that do
sed 's/"nmc811"/"lfp"/' "$CF_SOURCE_DIR/examples/recipe_commercial_graphite_nmc.json" > "$tmp/lfp.json"
err=$("$CELLFORGE" simulate --cell "$tmp/lfp.json" 2>&1); rc=$?
[ "$rc" -eq 2 ] || fail "LFP recipe exited $rc, expected 2"
echo "$err" | grep -q "positive.components\[0\]: 'lfp' has no electrochemical data" || fail "LFP message: $err"
echo "$err" | grep -q "known: .*graphite.*lco" || fail "LFP message lists no known materials: $err"
echo "ok"
