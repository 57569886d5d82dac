#!/usr/bin/env bash
# CLI: cellforge claims FILE --design-around SEED CLAIM — the smallest change that
# flips a claim, and its cost in Wh/kg and Wh/L.
set -u
fail() { echo "FAIL: $*"; exit 1; }
ex="$CF_SOURCE_DIR/examples"
# porosity 45 % -> just below the claimed 30 %: thinner layer, more Wh/L
out=$("$CELLFORGE" claims "$ex/recipe_sn_ni.json" --design-around 000 5) || fail "exited $?"
echo "$out" | grep -q "smallest change: negative.porosity 0.45 -> 0.2999 flips the claim to not_met" \
  || fail "unexpected smallest change: $out"
json=$("$CELLFORGE" claims "$ex/recipe_sn_ni.json" --design-around 000 5 --json) || fail "json exited $?"
for k in variable from to new_status d_wh_per_kg d_wh_per_L; do
  echo "$json" | grep -q "\"$k\"" || fail "JSON lacks $k"
done
# Li/O of the reservoir example (0.75) flips at the reservoir mass that leaves LiNiO2 at 0.5
out=$("$CELLFORGE" claims "$ex/recipe_li_reservoir.json" --design-around 001 2) || fail "001/2 exited $?"
echo "$out" | grep -q "reservoir.mass_mg" || fail "reservoir not among the changes: $out"
"$CELLFORGE" claims "$ex/recipe_sn_ni.json" --design-around 000 x >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad claim number"
echo "ok"
