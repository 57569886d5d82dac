#!/usr/bin/env bash
# SEI growth and lithium plating from the CLI and cell files: --sei and a cell file's
# negative.sei give the same run; the per-cycle CSV and JSON carry the
# ageing columns (the SEI thickens, takes lithium, the inventory falls);
# bad names, values and places are refused with the key, the value and the
# allowed range or names (exit 2), and nothing is written.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
P="Discharge at 1C until 2.5 V; Charge at 0.5C until 4.2 V; Hold at 4.2 V until C/20"
expect2() { # expect2 PATTERN ARGS...: exit 2 with PATTERN in the message
  local pat=$1; shift
  out=$("$CELLFORGE" simulate "$@" 2>&1 >/dev/null); rc=$?
  [ $rc -eq 2 ] || fail "exit $rc for $*: $out"
  echo "$out" | grep -qF -- "$pat" || fail "no '$pat' in: $out"
}

"$CELLFORGE" simulate --model spm --sei reaction-limited --protocol "$P" --cycles-out "$tmp/a.csv" --json \
  > "$tmp/a.json" || fail "--sei run exit $?"
cat > "$tmp/cell.json" <<'J'
{"base": "chen2020", "name": "chen2020 sei", "negative": {"sei": {"model": "reaction", "comment": "O'Kane 2022"}}}
J
"$CELLFORGE" simulate --cell "$tmp/cell.json" --model spm --protocol "$P" --cycles-out "$tmp/b.csv" > /dev/null \
  || fail "cell-file run exit $?"
python3 - "$tmp/a.csv" "$tmp/b.csv" "$tmp/a.json" <<'PY' || fail "outputs"
import csv, json, sys
a = list(csv.DictReader(open(sys.argv[1]))); b = list(csv.DictReader(open(sys.argv[2])))
assert a == b, "the cell file's sei and --sei differ"
L = [float(r["sei_thickness_m"]) for r in a]; lli = [float(r["lli_pct"]) for r in a]
sei = [float(r["li_sei_Ah"]) for r in a]
assert 5e-9 < L[0] < L[1] < L[2], L
assert 0 < lli[0] < lli[1] < lli[2] and 0 < sei[0] < sei[1] < sei[2], (lli, sei)
assert all(float(r["lam_neg_pct"]) == 0 and float(r["dead_li_Ah"]) == 0 for r in a)
j = json.load(open(sys.argv[3]))["cycles"]
assert abs(j[-1]["sei_thickness_m"] / L[-1] - 1) < 1e-7, (j[-1], L[-1])
PY

expect2 "--sei: unknown SEI model 'tunnelling' (allowed: none, reaction-limited" --sei tunnelling --crate 1
expect2 "--sei: SEI growth applies to a porous negative's particles" \
  --cell "$CF_SOURCE_DIR/examples/li_metal_cell.json" --sei reaction --crate 1
bad() { # bad JSON-OF-NEGATIVE PATTERN
  echo "{\"base\": \"chen2020\", \"negative\": $1}" > "$tmp/bad.json"
  expect2 "$2" --cell "$tmp/bad.json" --crate 1 --out "$tmp/bad.csv"
  [ -e "$tmp/bad.csv" ] && fail "CSV written for $1"
  return 0
}
bad '{"sei": {"model": "reaction", "initial_thickness_m": -1e-9}}' \
  "negative.sei.initial_thickness_m: -1e-09 m is outside the allowed range (0, 1e-05] m"
bad '{"sei": {"model": "solvent-diffusion", "solvent_diffusivity_m2_s": 0}}' \
  "negative.sei.solvent_diffusivity_m2_s"
bad '{"sei": {"model": "reaction", "growth_rate": 1}}' "growth_rate"
bad '{"sei": {"thickness": 1}}' "negative.sei"
bad '{"sei": "fast"}' "negative.sei: unknown SEI model 'fast'"
bad '{"lithium_plating": {"model": "partially-reversible", "rate_constant_m_s": -1}}' \
  "negative.lithium_plating.rate_constant_m_s: -1 m/s is outside the allowed range (0, 0.0001] m/s"
bad '{"lithium_plating": "dendritic"}' "negative.lithium_plating: unknown lithium plating model 'dendritic'"
bad '{"lithium_plating": "reversible", "plating_exchange_current_A_m2": 1}' "not both"
expect2 "--plating: lithium plating applies to a host's particles" \
  --cell "$CF_SOURCE_DIR/examples/li_metal_cell.json" --plating reversible --crate 1
expect2 "--plating: unknown lithium plating model 'full'" --plating full --crate 1
# plating from the CLI: a cold fast charge plates; the rest strips it back, some of it dead
"$CELLFORGE" simulate --model spm --plating partially-reversible --sei reaction --temperature 0 --soc 0 \
  --protocol "Charge at 2C until 4.2 V; Rest for 2 hours" --cycles-out "$tmp/pl.csv" > /dev/null || fail "plating exit $?"
python3 - "$tmp/pl.csv" <<'PY' || fail "plating outputs"
import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))
p0, p1 = float(r[0]["plated_li_Ah"]), float(r[1]["plated_li_Ah"])
d0, d1 = float(r[0]["dead_li_Ah"]), float(r[1]["dead_li_Ah"])
assert p0 > 0.01 and p1 < 0.1 * p0 and d1 > d0 > 0, (p0, p1, d0, d1)
PY
# calendar ageing: a month's rest; reaction-limited SEI grows faster on a full (low-potential) graphite
for soc in 1 0.2; do
  "$CELLFORGE" simulate --cell okane2022 --sei reaction --model spm --soc $soc --protocol "Rest for 720 hours" \
    --cycles-out "$tmp/cal_$soc.csv" > /dev/null || fail "calendar $soc: exit $?"
done
python3 - "$tmp/cal_1.csv" "$tmp/cal_0.2.csv" <<'PY' || fail "calendar ageing"
import csv, sys
hi, lo = (float(list(csv.DictReader(open(f)))[-1]["li_sei_Ah"]) for f in sys.argv[1:3])
assert hi > 5 * lo > 0, (hi, lo)
PY
echo '{"base": "chen2020", "positive": {"sei": "reaction"}}' > "$tmp/pos.json"
expect2 "positive.sei: SEI growth is modelled on the negative electrode only" --cell "$tmp/pos.json" --crate 1
echo ok
