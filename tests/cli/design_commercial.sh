#!/usr/bin/env bash
# CLI: cellforge design on the documented commercial-like recipe — capacity,
# mass, Wh/kg and Wh/L within 2 % of the worked example in docs/recipe.md.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$CF_SOURCE_DIR/examples/recipe_commercial_graphite_nmc.json"

"$CELLFORGE" design "$ex" --json -o "$tmp/d.json" || fail "design --json exited $?"
val() { sed -n '/"cell": {/,/}/p' "$tmp/d.json" | grep -m1 "\"$1\":" | sed 's/.*: *//; s/,$//'; }  # the cell block
near() { awk -v v="$1" -v w="$2" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= 0.02 * w) }'; }
# hand calculation (docs/recipe.md, "Worked example")
near "$(val capacity_Ah)" 27.62 || fail "capacity $(val capacity_Ah) Ah, doc 27.62"
near "$(val mass_g)" 369.066 || fail "mass $(val mass_g) g, hand 369.066"
near "$(val wh_per_kg)" 275.8 || fail "Wh/kg $(val wh_per_kg), doc 275.8"
near "$(val wh_per_L)" 618.6 || fail "Wh/L $(val wh_per_L), doc 618.6"
near "$(val np_ratio)" 1.1074 || fail "N/P $(val np_ratio), hand 1.107"
near "$(val first_cycle_loss_Ah)" "$(awk -v q="$(val first_charge_cell_Ah)" 'BEGIN { print 0.08 * q }')" ||
  fail "first-cycle loss $(val first_cycle_loss_Ah) Ah is not 8 % of the first charge $(val first_charge_cell_Ah) Ah"
grep -qi nan "$tmp/d.json" && fail "NaN in JSON"

# the human table carries units in its headers
out=$("$CELLFORGE" design "$ex") || fail "table run failed"
for h in "(g/m2)" "(um)" "(mAh/cm2)" "(Wh/kg)" "(Wh/L)" "mass (g)" "volume (cm3)"; do
  echo "$out" | grep -qF "$h" || fail "table lacks '$h'"
done
echo "$out" | grep -q "specific energy (Wh/kg) *275.8" || fail "table Wh/kg not 275.8"
echo "$out" | grep -q "first-cycle loss (Ah)" || fail "table lacks the first-cycle loss"
"$CELLFORGE" design --help | grep -q "usage: cellforge design" || fail "no --help"
echo "ok"
