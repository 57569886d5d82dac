#!/usr/bin/env bash
# CLI: cellforge design on the documented commercial-like recipe — capacity,
# mass, Wh/kg and Wh/L within 2 % of the hand calculation in docs/recipe.md.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$CF_SOURCE_DIR/examples/recipe_commercial_graphite_nmc.json"

"$CELLFORGE" design "$ex" --json -o "$tmp/d.json" || fail "design --json exited $?"
val() { sed -n '/"cell": {/,/}/p' "$tmp/d.json" | grep -m1 "\"$1\":" | sed 's/.*: *//; s/,$//'; }  # the cell block
near() { awk -v v="$1" -v w="$2" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= 0.02 * w) }'; }
# hand calculation (docs/recipe.md, "Worked example")
near "$(val capacity_Ah)" 30.72 || fail "capacity $(val capacity_Ah) Ah, hand 30.72"
near "$(val mass_g)" 374.328 || fail "mass $(val mass_g) g, hand 374.328"
near "$(val wh_per_kg)" 301.19 || fail "Wh/kg $(val wh_per_kg), hand 301.19"
near "$(val wh_per_L)" 685.1 || fail "Wh/L $(val wh_per_L), hand 685.1"
near "$(val np_ratio)" 1.09375 || fail "N/P $(val np_ratio), hand 1.094"
grep -qi nan "$tmp/d.json" && fail "NaN in JSON"

# the human table carries units in its headers
out=$("$CELLFORGE" design "$ex") || fail "table run failed"
for h in "(g/m2)" "(um)" "(mAh/cm2)" "(Wh/kg)" "(Wh/L)" "mass (g)" "volume (cm3)"; do
  echo "$out" | grep -qF "$h" || fail "table lacks '$h'"
done
echo "$out" | grep -q "specific energy (Wh/kg) *301.2" || fail "table Wh/kg not 301.2"
"$CELLFORGE" design --help | grep -q "usage: cellforge design" || fail "no --help"
echo "ok"
