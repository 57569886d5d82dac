#!/usr/bin/env bash
# CLI: electrode windows and recipe bounds.
#  - a recipe's cell stays inside both electrodes' windows at C/20, its
#    potentials are CSV columns, and its C/20 capacity is the design's (2 %);
#  - a cell file whose protocol drives the positive past its window is warned
#    about (electrode, potential, limit), and --stop-on-window ends the step
#    there, inside the window;
#  - bad inputs (an impossible Li/O, a bad window, a ternary alloy without
#    room for its third element) exit 2 naming key, value and allowed range,
#    and leave no output file.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$CF_SOURCE_DIR/examples"

# recipe inside its windows, potentials as columns
out=$("$CELLFORGE" simulate --cell "$ex/sn_ni_cell.json" --crate 0.05 --model spm --out "$tmp/s.csv" 2>"$tmp/err") ||
  fail "sn_ni_cell exited $?: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "warnings for a recipe inside its windows: $(cat "$tmp/err")"
head -1 "$tmp/s.csv" | grep -q ",cycle,negative_potential_V,positive_potential_V" || fail "CSV header: $(head -1 "$tmp/s.csv")"
awk -F, 'NR > 1 { if ($9 > 4.301 || $9 < 2.999 || $8 < -0.001 || $8 > 1.001) exit 1 }' "$tmp/s.csv" ||
  fail "an electrode left its window in the CSV"
q=$(echo "$out" | awk '/capacity/ { print $2; exit }')
d=$("$CELLFORGE" design "$ex/sn_ni_cell.json" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["cell"]["capacity_Ah"])')
awk -v q="$q" -v d="$d" 'BEGIN { r = q / d - 1; exit !(r < 0.02 && r > -0.02) }' || fail "C/20 $q Ah vs design $d Ah"

# a cell file driven past its positive's window
cat > "$tmp/w.json" <<'JSON'
{"base": "chen2020", "name": "windowed", "positive": {"potential_window_V": [3.0, 4.1]},
 "negative": {"potential_window_V": [0.0, 1.5]}}
JSON
"$CELLFORGE" simulate --cell "$tmp/w.json" --crate -1 > "$tmp/o1" 2> "$tmp/e1" || fail "windowed charge exited $?"
grep -q "warning: the positive electrode reaches 4.1[0-9][0-9] V vs Li/Li+ at t = .* above its window's upper limit 4.100 V" "$tmp/e1" ||
  fail "no window warning: $(cat "$tmp/e1")"
"$CELLFORGE" simulate --cell "$tmp/w.json" --crate -1 --stop-on-window --out "$tmp/w.csv" > "$tmp/o2" 2> "$tmp/e2" ||
  fail "--stop-on-window exited $?"
[ -s "$tmp/e2" ] && fail "warning although the step stopped at the window: $(cat "$tmp/e2")"
tail -1 "$tmp/w.csv" | awk -F, '{ exit !($9 > 4.099 && $9 < 4.1005 && $3 < 4.2) }' || fail "did not stop at 4.1 V: $(tail -1 "$tmp/w.csv")"
q1=$(awk '/capacity/ { print $2; exit }' "$tmp/o1"); q2=$(awk '/capacity/ { print $2; exit }' "$tmp/o2")
awk -v a="$q1" -v b="$q2" 'BEGIN { exit !(b < a) }' || fail "stopping at the window did not shorten the charge ($q2 vs $q1 Ah)"
# the stop as a cell-file key
sed 's/"name": "windowed",/"name": "windowed", "stop_on_window": true,/' "$tmp/w.json" > "$tmp/w2.json"
"$CELLFORGE" simulate --cell "$tmp/w2.json" --crate -1 2> "$tmp/e3" | grep -q "final voltage 4.1[0-9]" || fail "stop_on_window key"

# bad inputs: exit 2, key, value and range, no output file
bad() { # file expected-text...
  local f=$1; shift
  "$CELLFORGE" design "$f" --json -o "$tmp/out.json" > /dev/null 2> "$tmp/e"; local rc=$?
  [ "$rc" -eq 2 ] || fail "$f exited $rc, expected 2: $(cat "$tmp/e")"
  for t in "$@"; do grep -qF -- "$t" "$tmp/e" || fail "message lacks '$t': $(cat "$tmp/e")"; done
  [ -e "$tmp/out.json" ] && fail "partial output written for $f"
  return 0
}
python3 - "$ex/recipe_li_reservoir.json" "$tmp/lio.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r.pop("reservoir")
r["positive"]["components"][0]["li_o_ratio"] = 1.6
json.dump(r, open(sys.argv[2], "w"))
PY
bad "$tmp/lio.json" "li_o_ratio" "1.6" "0 < Li/O <= 1" "Li2NiO2"
python3 - "$ex/sn_ni_cell.json" "$tmp/tern.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); c = r["negative"]["components"][0]
c.update({"ni_mass_fraction": 0.15, "sn_mass_fraction": 0.78, "third_element": "Cu"})
json.dump(r, open(sys.argv[2], "w"))
PY
"$CELLFORGE" design "$tmp/tern.json" > /dev/null || fail "Ni 15 / Sn 78 / Cu 7 refused"
sed 's/"sn_mass_fraction": 0.78/"sn_mass_fraction": 0.9/' "$tmp/tern.json" > "$tmp/tern_bad.json"
bad "$tmp/tern_bad.json" "ni_mass_fraction 0.15 + sn_mass_fraction 0.9" "Cu" "more than 0.001"
sed 's/"third_element": "Cu"/"third_element": "Kr"/' "$tmp/tern.json" > "$tmp/tern_x.json"
bad "$tmp/tern_x.json" "third_element" "Kr" "allowed: Cu"
echo '{"base": "chen2020", "name": "b", "positive": {"potential_window_V": [4.3, 3.0]}}' > "$tmp/bw.json"
"$CELLFORGE" simulate --cell "$tmp/bw.json" --out "$tmp/bw.csv" > /dev/null 2> "$tmp/e"; rc=$?
[ "$rc" -eq 2 ] || fail "bad window exited $rc"
grep -qF "positive.potential_window_V [4.3, 3] is outside the allowed range 0 <= low < high <= 6 V" "$tmp/e" || fail "window message: $(cat "$tmp/e")"
[ -e "$tmp/bw.csv" ] && fail "partial CSV for a bad cell"
echo "ok"
