#!/usr/bin/env bash
# CLI: in a sweep, a run that stops early (here: its step budget, max_steps)
# keeps its figures up to the stop, with the reason in the error column; a run
# that computed nothing keeps empty outputs; complete runs are unchanged.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/full.json" <<'JSON'
{"cell": "chen2020", "model": "spme", "mesh": 10, "soc": 1, "vary": {"crate": [0.2, 5, -1]},
 "outputs": ["capacity_Ah", "duration_s"]}
JSON
# the SPMe's 0.2 C takes ~210 solver steps, its 5 C ~540 (the electrolyte runs
# dry before the cut-off): a budget of 300 stops the 5 C run
sed 's/"mesh": 10,/"mesh": 10, "max_steps": 300,/' "$tmp/full.json" > "$tmp/budget.json"
"$CELLFORGE" sweep "$tmp/full.json" --threads 1 --out "$tmp/full.csv" 2> /dev/null || fail "sweep exited $?"
"$CELLFORGE" sweep "$tmp/budget.json" --threads 2 --out "$tmp/budget.csv" 2> "$tmp/err" || fail "budget sweep exited $?"
grep -q "2 of 3 runs failed or stopped early" "$tmp/err" || fail "count: $(cat "$tmp/err")"
# the complete run is the same row
[ "$(sed -n 2p "$tmp/full.csv")" = "$(sed -n 2p "$tmp/budget.csv")" ] || fail "run 0 changed under a budget it fits"
row=$(sed -n 3p "$tmp/budget.csv")
echo "$row" | grep -q '^1,5,[0-9.]*,[0-9.]*,"stopped early (step_limit) at t = ' || fail "run 1: $row"
# its figures are those of the rows up to the stop: less than the complete run's
awk -F, 'NR == 3 { c = $3; d = $4 } END { exit !(c > 0 && d > 0) }' "$tmp/budget.csv" || fail "run 1 figures: $row"
c_full=$(awk -F, 'NR == 3 { print $3 }' "$tmp/full.csv")
d_full=$(awk -F, 'NR == 3 { print $4 }' "$tmp/full.csv")
awk -F, -v c="$c_full" -v d="$d_full" 'NR == 3 { exit !($3 <= c && $4 < d) }' "$tmp/budget.csv" ||
  fail "run 1 figures are not those of a shorter run: $row vs $c_full Ah, $d_full s"
# nothing computed (charging a full cell): empty outputs and the message
sed -n 4p "$tmp/budget.csv" | grep -q '^2,-1,,,.*upper cut-off' || fail "run 2: $(sed -n 4p "$tmp/budget.csv")"
# a bad budget is a spec error
sed 's/"mesh": 10,/"mesh": 10, "max_steps": 0,/' "$tmp/full.json" > "$tmp/bad.json"
"$CELLFORGE" sweep "$tmp/bad.json" > /dev/null 2> "$tmp/err"; rc=$?
[ "$rc" -eq 2 ] || fail "max_steps 0 exited $rc"
grep -q "max_steps" "$tmp/err" || fail "bad max_steps: $(cat "$tmp/err")"
echo "sweep_partial: ok"
