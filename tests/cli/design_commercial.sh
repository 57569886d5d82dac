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
near "$(val capacity_Ah)" 26.69 || fail "capacity $(val capacity_Ah) Ah, doc 26.69"
near "$(val mass_g)" 367.481 || fail "mass $(val mass_g) g, hand 367.481"
near "$(val wh_per_kg)" 268.2 || fail "Wh/kg $(val wh_per_kg), doc 268.2"
near "$(val wh_per_L)" 599.0 || fail "Wh/L $(val wh_per_L), doc 599.0"
near "$(val np_ratio)" 1.1074 || fail "N/P $(val np_ratio), hand 1.107"
# formation: graphite keeps 8 % of the first charge, NMC811 cannot refill 11 %; the larger is lost
near "$(val first_cycle_loss_negative_Ah)" "$(awk -v q="$(val first_charge_cell_Ah)" 'BEGIN { print 0.08 * q }')" ||
  fail "negative's loss $(val first_cycle_loss_negative_Ah) Ah is not 8 % of the first charge $(val first_charge_cell_Ah) Ah"
near "$(val first_cycle_loss_positive_Ah)" "$(awk -v q="$(val first_charge_cell_Ah)" 'BEGIN { print 0.11 * q }')" ||
  fail "positive's loss $(val first_cycle_loss_positive_Ah) Ah is not 11 % of the first charge $(val first_charge_cell_Ah) Ah"
near "$(val first_cycle_loss_Ah)" "$(val first_cycle_loss_positive_Ah)" ||
  fail "first-cycle loss $(val first_cycle_loss_Ah) Ah is not the larger, the positive's"
grep -qi nan "$tmp/d.json" && fail "NaN in JSON"

# the human table carries units in its headers
out=$("$CELLFORGE" design "$ex") || fail "table run failed"
for h in "(g/m2)" "(um)" "(mAh/cm2)" "(Wh/kg)" "(Wh/L)" "mass (g)" "volume (cm3)"; do
  echo "$out" | grep -qF "$h" || fail "table lacks '$h'"
done
echo "$out" | grep -q "specific energy (Wh/kg) *268.2" || fail "table Wh/kg not 268.2"
echo "$out" | grep -q "first-cycle loss, the larger (Ah)" || fail "table lacks the first-cycle loss"
"$CELLFORGE" design --help | grep -q "usage: cellforge design" || fail "no --help"
echo "ok"
