#!/usr/bin/env bash
# simulate --thermal: the lumped model's columns and summary keys; thermal
# data from cell files and BPX; bad thermal input refused with key, value and
# range (exit 2); a thermal option on a cell without thermal data refused.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# chen2020 carries PyBaMM's thermal data: a 2C discharge warms it
"$CELLFORGE" simulate --thermal lumped --crate 2 --mesh 8 --out "$tmp/t.csv" --json > "$tmp/t.json" \
    || fail "lumped run failed"
head -1 "$tmp/t.csv" | grep -q "temperature_C,heat_ohmic_solid_W,heat_ohmic_electrolyte_W,heat_reaction_W,heat_reversible_W,heat_collector_W,heat_total_W,cooling_W" \
    || fail "columns: $(head -1 "$tmp/t.csv")"
python3 - "$tmp/t.json" "$tmp/t.csv" <<'PY' || fail "summary/CSV"
import json, sys, csv
j = json.load(open(sys.argv[1]))
assert j["thermal"] == "lumped", j
rows = list(csv.DictReader(open(sys.argv[2])))
T = [float(r["temperature_C"]) for r in rows]
assert abs(T[0] - 25.0) < 1e-9, T[0]
assert abs(j["final_temperature_C"] - T[-1]) < 1e-6 and abs(j["max_temperature_C"] - max(T)) < 1e-6
assert j["max_temperature_C"] > 35, j["max_temperature_C"]   # 2C for ~28 minutes
assert all(float(r["heat_total_W"]) > 0 for r in rows[1:])
PY
# isothermal: no thermal columns, the key says so
"$CELLFORGE" simulate --crate 1 --mesh 6 --out "$tmp/i.csv" --json > "$tmp/i.json" || fail "isothermal run"
grep -q temperature_C "$tmp/i.csv" && fail "isothermal CSV has thermal columns"
grep -q '"thermal": "isothermal"' "$tmp/i.json" || fail "isothermal JSON"
grep -q final_temperature_C "$tmp/i.json" && fail "isothermal JSON has final_temperature_C"

# through the cell: the mean, the hottest point and each layer's mean
"$CELLFORGE" simulate --thermal x --crate 2 --mesh 8 --out "$tmp/x.csv" --json > "$tmp/x.json" || fail "x run failed"
head -1 "$tmp/x.csv" | grep -q "cooling_W,temperature_max_C,temperature_negative_collector_C,temperature_negative_C,temperature_separator_C,temperature_positive_C,temperature_positive_collector_C" \
    || fail "x columns: $(head -1 "$tmp/x.csv")"
python3 - "$tmp/x.json" "$tmp/x.csv" <<'PY' || fail "x summary/CSV"
import json, sys, csv
j = json.load(open(sys.argv[1]))
assert j["thermal"] == "x", j
rows = list(csv.DictReader(open(sys.argv[2])))
T = [float(r["temperature_C"]) for r in rows]
Tm = [float(r["temperature_max_C"]) for r in rows]
assert abs(j["final_temperature_C"] - T[-1]) < 1e-6 and abs(j["max_temperature_C"] - max(Tm)) < 1e-6
assert all(m >= t - 1e-9 for m, t in zip(Tm, T)) and j["max_temperature_C"] > 35
PY
"$CELLFORGE" simulate --thermal x --crate 2 --mesh 8 | grep -q "(hottest point; through the cell)" || fail "x summary"

# --ambient: a cell at 25 degC in a 0 degC room cools while it rests
"$CELLFORGE" simulate --thermal lumped --ambient 0 --protocol "Rest for 1 hour" --mesh 6 --json > "$tmp/a.json" \
    || fail "ambient run"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['final_temperature_C'] < 10, j" "$tmp/a.json" \
    || fail "no cooling to the ambient"

# expect_error ARGS... -- TEXT...: exit 2, stderr holds every TEXT
expect_error() {
    local args=()
    while [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    "$CELLFORGE" simulate "${args[@]}" >/dev/null 2>"$tmp/err"
    local rc=$?
    [ $rc -eq 2 ] || fail "${args[*]}: exit $rc, want 2 ($(cat "$tmp/err"))"
    for t in "$@"; do grep -qF -- "$t" "$tmp/err" || fail "${args[*]}: no '$t' in: $(cat "$tmp/err")"; done
}
cell() { echo "{\"base\": \"chen2020\", \"thermal\": $1}" > "$tmp/$2.json"; }
cell '{"negative": {"heat_capacity_J_kg_K": -700}}' neg_cp
expect_error --cell "$tmp/neg_cp.json" --thermal lumped -- "thermal.negative.heat_capacity_J_kg_K" "-700" "(0, 100000]"
cell '{"separator": {"conductivity_W_m_K": -0.1}}' neg_k
expect_error --cell "$tmp/neg_k.json" -- "thermal.separator.conductivity_W_m_K" "-0.1" "(0, 10000]"
cell '{"heat_transfer_W_m2_K": -5}' neg_h
expect_error --cell "$tmp/neg_h.json" -- "thermal.heat_transfer_W_m2_K" "-5" "[0, 100000]"
cell '{"ambient_K": 450}' hot
expect_error --cell "$tmp/hot.json" --thermal lumped -- "thermal.ambient_K" "450" "[203.15, 393.15]"
cell '{"initial_K": 150}' cold
expect_error --cell "$tmp/cold.json" --thermal lumped -- "thermal.initial_K" "150" "[203.15, 393.15]"
cell '{"positive": {"density_kg_m3": "heavy"}}' str
expect_error --cell "$tmp/str.json" -- "thermal.positive.density_kg_m3"
cell '{"cooling_area_m2": 0.01, "bogus": 1}' key
expect_error --cell "$tmp/key.json" -- "thermal.bogus"
expect_error --thermal lumpd -- "--thermal" "allowed: isothermal, lumped, x"
expect_error --cell "$tmp/neg_k.json" --thermal x -- "thermal.separator.conductivity_W_m_K" "-0.1" "(0, 10000]"
expect_error --thermal x --model spm -- "thermal" "DFN only" "allowed with the spm: isothermal, lumped"
expect_error --thermal lumped --ambient 200 -- "--ambient" "[-70, 120]"
# a cell without thermal data
B="$CF_SOURCE_DIR/tests/data/bpx/chen2020_pybamm.bpx.json"
expect_error --cell "$B" --thermal lumped -- "thermal" "has no thermal data" "allowed for it: isothermal"
expect_error --cell "$B" --thermal x -- "thermal" "has no thermal data" "allowed for it: isothermal"
# a cell file over chen2020 keeps its thermal data
echo '{"base": "chen2020"}' > "$tmp/ok.json"
"$CELLFORGE" simulate --cell "$tmp/ok.json" --thermal lumped --crate 1 --mesh 6 >/dev/null || fail "base cell"

# BPX thermal data: density, heat capacity, surface and volume, and the
# thermal environment's heat transfer
python3 - "$B" "$tmp/th.bpx.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
c = b["Parameterisation"]["Cell"]
c.update({"Density [kg.m-3]": 1800.0, "Specific heat capacity [J.K-1.kg-1]": 850.0,
          "External surface area [m2]": 0.00531, "Volume [m3]": 2.42e-5})
b["State"]["Thermal environment"]["Heat transfer coefficient [W.m-2.K-1]"] = 10.0
json.dump(b, open(sys.argv[2], "w"))
PY
"$CELLFORGE" simulate --cell "$tmp/th.bpx.json" --thermal lumped --crate 1 --mesh 6 --json > "$tmp/b.json" \
    || fail "BPX thermal run"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['max_temperature_C'] > 30, j" "$tmp/b.json" \
    || fail "BPX cell did not warm"
# chen2020 written as BPX carries its thermal data (the collectors' heat, a
# few mW, has no BPX key): the round trip warms within 0.3 K of the built-in
"$CELLFORGE" bpx --cell chen2020 --out "$tmp/c.bpx.json" 2>"$tmp/notes" || fail "bpx write"
grep -q "collectors' ohmic heat" "$tmp/notes" || fail "no collector note: $(cat "$tmp/notes")"
"$CELLFORGE" simulate --cell "$tmp/c.bpx.json" --thermal lumped --crate 1 --mesh 6 --json > "$tmp/rt.json" || fail "rt"
"$CELLFORGE" simulate --thermal lumped --crate 1 --mesh 6 --json > "$tmp/bi.json" || fail "built-in"
python3 -c "
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
d=a['final_temperature_C']-b['final_temperature_C']
assert -0.3 < d <= 0, (a['final_temperature_C'], b['final_temperature_C'])" "$tmp/rt.json" "$tmp/bi.json" \
    || fail "BPX round trip temperature"
# steps that end on the cell's temperature: a 3C discharge until 40 oC, a
# cooling rest until 30 oC (the run ends there), and the isothermal refusal
"$CELLFORGE" simulate --thermal lumped --model spm --protocol "Discharge at 3C until 40 oC; Rest until 30 oC" \
    --json > "$tmp/ts.json" || fail "temperature stops"
python3 -c "
import json,sys
j=json.load(open(sys.argv[1]))
assert abs(j['max_temperature_C'] - 40) < 1e-3 and abs(j['final_temperature_C'] - 30) < 1e-3, j" "$tmp/ts.json" \
    || fail "temperature stops: $(cat "$tmp/ts.json")"
expect_error --model spm --protocol "Rest until 30 oC" -- "until" "--thermal lumped" "protocol:1:"
# through the cell the stop reads the mean temperature (the hottest point may pass it)
"$CELLFORGE" simulate --thermal x --mesh 8 --protocol "Discharge at 3C until 40 oC; Rest until 30 oC" \
    --out "$tmp/x.csv" > /dev/null || fail "through-cell temperature stops"
python3 -c "
import csv,sys
r=list(csv.DictReader(open(sys.argv[1])))
T=[float(x['temperature_C']) for x in r]
assert abs(max(T) - 40) < 1e-3 and abs(T[-1] - 30) < 1e-3, (max(T), T[-1])" "$tmp/x.csv" || fail "x stops"
# a recipe with a thermal block runs lumped; its heat capacity is the design's
"$CELLFORGE" design "$CF_SOURCE_DIR/examples/hard_carbon_hev_cell.json" --json > "$tmp/d.json" || fail "design"
python3 -c "
import json,sys
c=json.load(open(sys.argv[1]))['cell']
assert c['heat_capacity_J_K'] > 0 and abs(c['cooling_area_m2'] - 0.0254) < 1e-12, c" "$tmp/d.json" || fail "design thermal"
"$CELLFORGE" simulate --cell "$CF_SOURCE_DIR/examples/hard_carbon_hev_cell.json" --thermal lumped --model spme \
    --soc 0.5 --protocol "Discharge at 10C for 10 seconds" --json > "$tmp/r.json" || fail "recipe lumped"
python3 -c "
import json,sys
j=json.load(open(sys.argv[1]))
assert 25.3 < j['final_temperature_C'] < 26, j" "$tmp/r.json" || fail "recipe pulse: $(cat "$tmp/r.json")"
# a sweep over the recipe's heat-transfer coefficient, lumped, with per-step
# ambient and a cooling rest: the better cooled cell ends its pulses cooler
# than 26 oC and skips the rest; the others rest until they have cooled to it
cp "$CF_SOURCE_DIR/examples/hard_carbon_hev_cell.json" "$tmp/hev.json"
cat > "$tmp/sw.json" <<'JSON'
{"recipe": "hev.json", "model": "spme", "mesh": 6, "thermal": "lumped", "soc": 0.5,
 "protocol": "repeat 10 {Discharge at 10C for 10 seconds; Rest for 20 seconds; Charge at 10C for 10 seconds; Rest for 20 seconds}; Rest until 26 oC at 25 oC",
 "vary": {"thermal.heat_transfer_W_m2_K": [5, 100]},
 "outputs": ["final_temperature_C", "max_temperature_C"]}
JSON
"$CELLFORGE" sweep "$tmp/sw.json" --out "$tmp/sw.csv" 2>"$tmp/err" || fail "thermal sweep: $(cat "$tmp/err")"
python3 -c "
import csv,sys
r=list(csv.DictReader(open(sys.argv[1])))
a,b=(float(x['final_temperature_C']) for x in r)
assert abs(a - 26) < 1e-3 and 25 < b < 26 and not any(x['error'] for x in r), r" "$tmp/sw.csv" \
    || fail "thermal sweep: $(cat "$tmp/sw.csv")"
echo ok
