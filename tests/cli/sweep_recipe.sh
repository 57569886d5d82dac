#!/usr/bin/env bash
# CLI: a recipe sweep that simulates (examples/sn_ni_cell.json over the
# negative's porosity, C/10 and 1C, SPM): design and simulation figures in one
# row; a porosity too low for the tin's swelling fails its runs only; the
# same bytes on 1 and 2 threads, under mpirun, after a resume from a partial
# checkpoint, and with the recipe named as "cell" (also an anode-free one);
# a design-only checkpoint is refused by the simulating spec.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
recipe="$CF_SOURCE_DIR/examples/sn_ni_cell.json"

cat > "$tmp/spec.json" <<JSON
{"recipe": "$recipe", "model": "spm", "mesh": 8,
 "vary": {"negative.porosity": [0.2, 0.45, 0.55], "crate": [0.1, 1]},
 "outputs": ["capacity_Ah", "design_capacity_Ah", "wh_per_kg", "wh_per_L", "np_ratio", "min_voltage_V",
             "duration_s", "claim_000_1"]}
JSON

"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/t1.csv" --threads 1 2>"$tmp/err" || fail "1 thread: exit $? $(cat "$tmp/err")"
"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/t2.csv" --threads 2 2>/dev/null || fail "2 threads: exit $?"
cmp -s "$tmp/t1.csv" "$tmp/t2.csv" || fail "1 and 2 threads differ: $(diff "$tmp/t1.csv" "$tmp/t2.csv" | head -5)"
head -1 "$tmp/t1.csv" | grep -qx "run,negative.porosity,crate,capacity_Ah,design_capacity_Ah,wh_per_kg,wh_per_L,np_ratio,min_voltage_V,duration_s,claim_000_1,error" \
  || fail "header: $(head -1 "$tmp/t1.csv")"
[ "$(wc -l < "$tmp/t1.csv")" -eq 7 ] || fail "expected 6 rows and a header"
grep -qi nan "$tmp/t1.csv" && fail "NaN in results"

# Porosity 20 %: from SOC 1 (lithiated tin) the particles need more room than
# the pores give; both rates fail with that reason, the sweep goes on.
grep -q "2 of 6 runs failed" "$tmp/err" || fail "failed runs not counted: $(cat "$tmp/err")"
awk -F, 'NR == 2 || NR == 3 { if ($4 != "" || $0 !~ /pores closed/) exit 1 }' "$tmp/t1.csv" \
  || fail "porosity 0.2 did not fail for lack of pore room: $(sed -n 2,3p "$tmp/t1.csv")"
# The others run to the design's lower cut-off (from the electrodes' windows)
# with Q = I t (1C = the design capacity), C/10 gives more than 1C, and the
# claim column holds a status.
vmin=$("$CELLFORGE" design "$recipe" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["cell"]["voltage_min_V"])')
awk -F, -v vmin="$vmin" 'NR > 3 { if ($12 != "" || $9 < vmin - 1e-4 || $9 > vmin + 1e-4) exit 1
                  if (($4 / ($3 * $5 * $10 / 3600)) - 1 > 1e-6 || ($4 / ($3 * $5 * $10 / 3600)) - 1 < -1e-6) exit 1
                  if ($11 !~ /^(met|not_met|undetermined)$/) exit 1 }
         NR > 3 && $3 == 1 { if (!($4 < q)) exit 1 } { q = $4 }' "$tmp/t1.csv" \
  || fail "runs at 45/55 % porosity: bad cut-off, Q != I t, or 1C above C/10: $(cat "$tmp/t1.csv")"
# Same loading, same electrolyte per Ah: Wh/kg and N/P do not move; the
# thicker, more porous coating lowers Wh/L (this recipe counts the stack).
awk -F, 'NR == 4 { kg = $6; l = $7; np = $8 } NR == 6 { if (!($6 == kg && $8 == np && $7 < l)) exit 1 }' "$tmp/t1.csv" \
  || fail "design figures do not follow the porosity: $(cat "$tmp/t1.csv")"

# The recipe named as "cell" is the same sweep (same rows).
sed 's/"recipe":/"cell":/' "$tmp/spec.json" > "$tmp/as_cell.json"
"$CELLFORGE" sweep "$tmp/as_cell.json" --out "$tmp/c.csv" --threads 2 2>/dev/null || fail "recipe as cell: exit $?"
cmp -s "$tmp/t1.csv" "$tmp/c.csv" || fail "recipe as \"cell\" differs: $(diff "$tmp/t1.csv" "$tmp/c.csv" | head -5)"
# So is an anode-free recipe (a bare copper negative: components on the
# positive only), which `simulate --cell` also reads as a recipe: the same
# test of "is this a recipe" decides for both.
python3 - "$CF_SOURCE_DIR/examples/recipe_li_reservoir.json" "$tmp/af.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["negative"] = {"collector": {"material": "copper", "thickness_um": 10}, "sides": 1, "coating_g_m2": 0}
json.dump(r, open(sys.argv[2], "w"))
PY
cat > "$tmp/af_cell.json" <<JSON
{"cell": "$tmp/af.json", "model": "dfn", "mesh": 8, "protocol": "Charge at C/10 for 10 minutes",
 "vary": {"positive.coating_g_m2": [100, 120]}, "outputs": ["wh_per_kg", "duration_s"]}
JSON
sed 's/"cell":/"recipe":/' "$tmp/af_cell.json" > "$tmp/af_recipe.json"
"$CELLFORGE" sweep "$tmp/af_cell.json" --out "$tmp/af1.csv" 2>"$tmp/err" || fail "anode-free recipe as cell: $(cat "$tmp/err")"
"$CELLFORGE" sweep "$tmp/af_recipe.json" --out "$tmp/af2.csv" 2>/dev/null || fail "anode-free recipe: exit $?"
cmp -s "$tmp/af1.csv" "$tmp/af2.csv" || fail "anode-free recipe as \"cell\" differs: $(cat "$tmp/af1.csv" "$tmp/af2.csv")"
awk -F, 'NR > 1 { if (!($3 > 0) || $4 != 600 || $5 != "") exit 1 }' "$tmp/af1.csv" || fail "anode-free rows: $(cat "$tmp/af1.csv")"

# Resume: a checkpoint cut back to its first two runs is completed to the same file.
"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/full.csv" --checkpoint "$tmp/ck" --threads 1 2>/dev/null || fail "checkpointed run"
head -3 "$tmp/ck" > "$tmp/ck2"
"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/r.csv" --checkpoint "$tmp/ck2" --threads 2 2>/dev/null || fail "resume: exit $?"
cmp -s "$tmp/t1.csv" "$tmp/r.csv" || fail "resumed file differs"
[ "$(tail -n +2 "$tmp/ck2" | wc -l)" -eq 6 ] || fail "resumed checkpoint does not hold every run once"

# A design-only checkpoint of the same recipe is refused by the simulating spec.
printf '{"recipe": "%s", "vary": {"negative.porosity": [0.2, 0.45, 0.55]}}' "$recipe" > "$tmp/d.json"
"$CELLFORGE" sweep "$tmp/d.json" --out "$tmp/d.csv" --checkpoint "$tmp/dck" 2>/dev/null || fail "design-only sweep: exit $?"
printf '{"recipe": "%s", "model": "spm", "vary": {"negative.porosity": [0.2, 0.45, 0.55]}}' "$recipe" > "$tmp/ds.json"
"$CELLFORGE" sweep "$tmp/ds.json" --out "$tmp/ds.csv" --checkpoint "$tmp/dck" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "design-only checkpoint not refused (exit 2) by the simulating spec"
grep -q "different sweep" "$tmp/err" || fail "no message for the foreign checkpoint: $(cat "$tmp/err")"

command -v mpirun >/dev/null 2>&1 || { echo "skip: mpirun is not installed (threads checked)"; exit 77; }
"$CELLFORGE" sweep --help | grep -q "built with MPI support" || exit 0
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
timeout 120 mpirun -np 2 --oversubscribe --allow-run-as-root "$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/m.csv" \
  --threads 1 2>"$tmp/err" || fail "mpirun -np 2: exit $? $(cat "$tmp/err")"
cmp -s "$tmp/t1.csv" "$tmp/m.csv" || fail "MPI result differs: $(diff "$tmp/t1.csv" "$tmp/m.csv" | head -5)"
exit 0
