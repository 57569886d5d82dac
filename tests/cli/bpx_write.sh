#!/usr/bin/env bash
# `cellforge bpx`: any cell written as BPX v1.1 reads back as the same cell —
# the same simulated voltage, row for row — with built-in functions written as
# formulas; without --out it says what a BPX file holds.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$CF_SOURCE_DIR/tests/data/bpx"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$CELLFORGE" bpx --cell chen2020 --out "$T/chen.bpx.json" 2>"$T/err" || fail "write exit $?: $(cat "$T/err")"
grep -q "wrote $T/chen.bpx.json (BPX 1.1.0, model DFN, from chen2020)" "$T/err" || fail "message: $(cat "$T/err")"
grep -q '"BPX": "1.1.0"' "$T/chen.bpx.json" || fail "no version"
grep -q '"OCP \[V\]": "1.9793 \* exp(-39.3631 \* x) + 0.2482' "$T/chen.bpx.json" || fail "graphite OCP not a formula"
grep -q '"Conductivity \[S.m-1\]": "0.1297 \* (x / 1000) \*\* 3' "$T/chen.bpx.json" || fail "conductivity not a formula"

# Same voltage curve on the same mesh: the same rows, and voltages within
# 0.1 uV (the formulas evaluate to the built-in functions' values within a
# few ulps, which may move a step of the adaptive integrator; its own error
# at the default rtol 1e-6 is some uV).
"$CELLFORGE" simulate --cell chen2020 --output-dt 10 --out "$T/a.csv" >/dev/null || fail "simulate built-in"
"$CELLFORGE" simulate --cell "$T/chen.bpx.json" --output-dt 10 --out "$T/b.csv" >/dev/null || fail "simulate bpx"
[ "$(wc -l < "$T/a.csv")" = "$(wc -l < "$T/b.csv")" ] || fail "built-in and BPX runs have different rows"
worst=$(paste -d, "$T/a.csv" "$T/b.csv" | awk -F, -v n="$(head -1 "$T/a.csv" | awk -F, '{print NF}')" '
  NR > 1 { d = $3 - $(n + 3); if (d < 0) d = -d; if (d > w) w = d; dt = $1 - $(n + 1); if (dt < 0) dt = -dt; if (dt > 1e-6) bad = 1 }
  END { if (bad) print "rows"; else printf "%.3e", w }')
[ "$worst" != rows ] || fail "built-in and BPX rows at different times"
awk -v w="$worst" 'BEGIN { exit !(w <= 1e-7) }' || fail "built-in and BPX voltage curves differ by $worst V"
[ "$(wc -l < "$T/a.csv")" -gt 300 ] || fail "too few rows"

# A cell file (the shipped example) goes the same way.
"$CELLFORGE" bpx --cell "$CF_SOURCE_DIR/examples/chen2020_cell.json" --out "$T/ex.bpx.json" 2>/dev/null || fail "example"
"$CELLFORGE" simulate --cell "$T/ex.bpx.json" --model spm --output-dt 30 --out "$T/c.csv" >/dev/null || fail "sim ex"
"$CELLFORGE" simulate --cell "$CF_SOURCE_DIR/examples/chen2020_cell.json" --model spm --output-dt 30 --out "$T/d.csv" \
    >/dev/null || fail "sim example"
cmp -s "$T/c.csv" "$T/d.csv" || fail "example and its BPX differ"

# Header options, and BPX -> BPX keeps the title and the validation data.
"$CELLFORGE" bpx --cell chen2020 --model spm --title "My cell" --out - > "$T/spm.json" 2>/dev/null || fail "stdout"
grep -q '"Model": "SPM"' "$T/spm.json" || fail "--model"
grep -q '"Title": "My cell"' "$T/spm.json" || fail "--title"
"$CELLFORGE" bpx --cell "$D/kinds.bpx.json" --out "$T/kinds2.json" 2>"$T/notes" || fail "bpx to bpx"
grep -q '"Title": "Every value kind' "$T/kinds2.json" || fail "title lost"
grep -q '"Entropic change coefficient \[V.K-1\]": -0.0001' "$T/kinds2.json" || fail "entropic term lost"
grep -q '"Conductivity activation energy \[J.mol-1\]": 17100.0' "$T/kinds2.json" || fail "activation energy lost"
grep -q '"Rest": {' "$T/kinds2.json" || fail "validation lost"
# the positive's table diffusivity D(sto) is written back as the table it is
python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['Parameterisation']['Positive electrode']; \
t=d['Diffusivity [m2.s-1]']; sys.exit(0 if isinstance(t, dict) and t['y'][0] < t['y'][-1] and \
d['Diffusivity activation energy [J.mol-1]'] == 12000 else 1)" "$T/kinds2.json" || fail "D(sto) table lost"

# Expression diffusivities D(x) (Ecker 2015) survive BPX -> BPX as expressions.
"$CELLFORGE" bpx --cell "$D/chen2020_ecker_dsto.bpx.json" --out "$T/dsto2.json" 2>/dev/null || fail "bpx dsto"
grep -q '"Diffusivity \[m2.s-1\]": "(8.4e-13 \* exp(-11.3 \* x)' "$T/dsto2.json" || fail "D(x) expression lost"

# Without --out: what the file holds.
out=$("$CELLFORGE" bpx --cell "$D/v0.bpx.json" 2>/dev/null) || fail "info exit"
echo "$out" | grep -q "BPX 0.1 (converted to 1.x), model DFN" || fail "info: $out"
echo "$out" | grep -q "initial SOC   1" || fail "info soc: $out"
out=$("$CELLFORGE" bpx --cell "$D/kinds.bpx.json" 2>/dev/null) || fail "info kinds"
echo "$out" | grep -q "Rest: 3 points over 20 s" || fail "info validation: $out"

# Every test file simulates through the ordinary --cell.
for f in kinds blend v0 chen2020_pybamm chen2020_ecker_dsto; do
    "$CELLFORGE" simulate --cell "$D/$f.bpx.json" --mesh 8 >/dev/null 2>&1 || fail "simulate $f"
done
"$CELLFORGE" simulate --cell "$D/spm.bpx.json" --model spm >/dev/null 2>&1 || fail "simulate spm"
echo "ok"
