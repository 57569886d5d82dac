#!/usr/bin/env bash
# CLI: lithium-metal, anode-free and reservoir cells (seed 001) through
# simulate, report, plots and BPX, and their bad input.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$CF_SOURCE_DIR/examples"
# fontconfig (under --plot and the report) keeps a cache for the life of the process
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"

# --crate from the assembled state, with messages about what was given
"$CELLFORGE" simulate --cell "$ex/li_metal_cell.json" --crate 0.1 >/dev/null 2>"$tmp/e" && fail "empty discharge ran"
grep -q "holds no lithium" "$tmp/e" && grep -q "lithium_mol_m2" "$tmp/e" || fail "empty negative: $(cat "$tmp/e")"
grep -q "cannot sustain" "$tmp/e" && fail "says 'cannot sustain' for an empty cell"
out=$("$CELLFORGE" simulate --cell "$ex/li_metal_cell.json" --crate -0.5 2>"$tmp/e") || fail "charge failed: $(cat "$tmp/e")"
grep -q -- "--soc" "$tmp/e" && fail "a charge without --soc mentions --soc"
cap=$(echo "$out" | awk '/capacity/ {print $2}')
awk -v c="$cap" 'BEGIN { exit !(c > 3.0) }' || fail "charge moved only $cap Ah"
"$CELLFORGE" simulate --cell "$ex/li_metal_cell.json" --crate 0.5 --soc 1 >/dev/null 2>"$tmp/e"
[ $? -eq 2 ] || fail "--soc on a lithium-metal cell: not exit 2"
grep -q -- "--soc 1: a lithium-metal negative" "$tmp/e" || fail "--soc message: $(cat "$tmp/e")"

# cell tests that set states of charge say why a lithium-metal cell has none,
# in the test's terms (no --soc was given); the cycle test runs
for t in hppc rate gitt; do
  "$CELLFORGE" test $t --cell "$ex/li_metal_cell.json" >/dev/null 2>"$tmp/e"
  [ $? -eq 2 ] || fail "test $t on a lithium-metal cell: not exit 2"
  grep -q "test $t sets states of charge" "$tmp/e" || fail "test $t message: $(cat "$tmp/e")"
  grep -q -- "--soc 1" "$tmp/e" && fail "test $t mentions an --soc that was not given"
done

# process columns in the CSV, finite
"$CELLFORGE" simulate --cell "$ex/li_reservoir_cell.json" --protocol "Rest for 1 hour; Charge at C/10 for 1 hour" \
  --out "$tmp/r.csv" --plot "$tmp/p.svg" --plot-kinds process >/dev/null || fail "reservoir run failed"
head -1 "$tmp/r.csv" | grep -q ",negative_potential_V,positive_potential_V,positive_li_o,li_metal_Ah,reservoir_li_Ah,alloyed_li_Ah$" ||
  fail "CSV header: $(head -1 "$tmp/r.csv")"
grep -qi nan "$tmp/r.csv" && fail "NaN in CSV"
grep -q "Positive Li/O" "$tmp/p.svg" || grep -q "Li/O" "$tmp/p.svg" || fail "process plot lacks Li/O"
"$CELLFORGE" simulate --cell chen2020 --crate 1 --model spm --out "$tmp/c.csv" >/dev/null || fail "chen2020 run"
head -1 "$tmp/c.csv" | grep -q "cycle,negative_potential_V,positive_potential_V$" || fail "porous CSV header"

# the report describes a lithium-metal negative, not the base cell's layer
"$CELLFORGE" report --html "$tmp/r.html" --cell "$ex/li_reservoir_cell.json" \
  --protocol "Rest for 1 hour; Charge at C/10 for 1 hour" >/dev/null 2>&1 || fail "report failed"
grep -q "lithium metal (planar, anode-free)" "$tmp/r.html" || fail "report: no lithium-metal negative"
grep -q "lithium foil thickness" "$tmp/r.html" && grep -q "reservoir: contact area" "$tmp/r.html" || fail "report rows"
grep -q ">85.2<" "$tmp/r.html" && fail "report shows the base cell's negative thickness"

# BPX says why not
"$CELLFORGE" bpx --cell "$ex/li_metal_cell.json" --out "$tmp/b.json" 2>"$tmp/e"; [ $? -eq 2 ] || fail "bpx exit"
grep -q "no BPX form" "$tmp/e" || fail "bpx message"; [ -e "$tmp/b.json" ] && fail "bpx wrote a file"

# bad input: key, value and range; exit 2; nothing written
bad() { # $1: jq-free edit as a python expression on dict c; $2: expected text
  python3 -c "import json,sys; c=json.load(open('$ex/li_reservoir_cell.json')); $1; json.dump(c, open('$tmp/bad.json','w'))"
  "$CELLFORGE" simulate --cell "$tmp/bad.json" --protocol "Rest for 1 hour" --out "$tmp/bad.csv" >/dev/null 2>"$tmp/e"
  [ $? -eq 2 ] || fail "$1: not exit 2"
  grep -q "$2" "$tmp/e" || fail "$1: message $(cat "$tmp/e")"
  [ -e "$tmp/bad.csv" ] && fail "$1: wrote the CSV"
}
bad "c['reservoir']['area_m2']=0" "reservoir.area_m2: 0 is outside the allowed range \[1e-08, 1\]"
bad "c['reservoir']['exchange_current_A_m2']=1e9" "reservoir.exchange_current_A_m2: 1e+09 is outside"
bad "c['reservoir']['path_length_m']=5; del c['reservoir']['ionic_resistance_ohm']" "reservoir.path_length_m: 5 is outside"
bad "c['reservoir']['path_length_m']=1e-3" "not both"
bad "c['negative']['lithium_mol_m2']=-1" "negative.lithium_mol_m2: -1 is outside the allowed range \[0, 10000\]"
bad "c['separator']={'thickness_m': 2e-5, 'porosity': 0, 'bruggeman_electrolyte': 1.5}" "separator.porosity"
bad "c['reservoir']['collector_alloying_potential_V']=2" "reservoir.collector_alloying_potential_V: 2 is outside the allowed range \[0, 1\]"

# recipes: a bare copper negative simulates as anode-free; bad reservoir keys
python3 - "$ex/recipe_li_reservoir.json" "$tmp" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["negative"] = {"collector": {"material": "copper", "thickness_um": 10}, "sides": 1, "coating_g_m2": 0}
json.dump(r, open(sys.argv[2] + "/af.json", "w"))
r["reservoir"]["area_cm2"] = 0
json.dump(r, open(sys.argv[2] + "/af_bad.json", "w"))
PY
out=$("$CELLFORGE" simulate --cell "$tmp/af.json" --protocol "Rest for 1 hour; Charge at C/10 until 4.2 V" \
  --record "$tmp/rec.json") || fail "anode-free recipe failed"
echo "$out" | grep -q "plated Li" || fail "anode-free recipe plated nothing: $out"
grep -q '"li_metal_plated_Ah": 0\.[01]' "$tmp/rec.json" || fail "record: $(cat "$tmp/rec.json")"
"$CELLFORGE" simulate --cell "$tmp/af_bad.json" --crate -0.1 >/dev/null 2>"$tmp/e"; [ $? -eq 2 ] || fail "recipe area 0"
grep -q "reservoir.area_cm2" "$tmp/e" && grep -q "0.0001, 10000" "$tmp/e" || fail "recipe area message: $(cat "$tmp/e")"
echo "li_metal_frontends: ok"
