#!/usr/bin/env bash
# CLI: a simulation that stops early keeps what it computed.  Exit status 3;
# --out, --cycles-out, --record, --plot and --json hold every row up to the
# stop (the same rows as the complete run's), JSON says "completed": false
# with the reason, step and time; stderr says so.  The failures are made on
# purpose (a step budget; a step the cell cannot carry), not by physics that
# may change.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# fontconfig (under the --plot below) keeps a cache for the life of the process
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"
P="Discharge at 1C for 20 minutes; Rest for 10 minutes; Charge at 1C until 4.1 V"
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# the complete run
"$CELLFORGE" simulate --model spm --protocol "$P" --out "$tmp/full.csv" --json > "$tmp/full.json" ||
  fail "complete run exited $?"
[ "$(json_get "$tmp/full.json" 'd["completed"]')" = True ] || fail "complete run: completed is not true"
[ "$(json_get "$tmp/full.json" 'd["termination"]["reason"]')" = completed ] || fail "complete run: reason"
[ "$(json_get "$tmp/full.json" 'd["termination"]["step"]')" = 3 ] || fail "complete run: it ends in step 3"

# a step budget spent inside the rest (step 2)
rest_row=$(awk -F, 'NR > 1 && $6 == 2 { print NR - 1; exit }' "$tmp/full.csv")
budget=$((rest_row + 3))
"$CELLFORGE" simulate --model spm --protocol "$P" --max-steps $budget --out "$tmp/p.csv" --cycles-out "$tmp/c.csv" \
  --record "$tmp/r.json" --plot "$tmp/p.svg" --json > "$tmp/p.json" 2> "$tmp/e"; rc=$?
[ "$rc" -eq 3 ] || fail "stopped run exited $rc ($(cat "$tmp/e"))"
for f in p.csv c.csv r.json p.svg; do [ -s "$tmp/$f" ] || fail "stopped run: $f not written"; done
grep -q "stopped early (step_limit)" "$tmp/e" || fail "stderr lacks the reason: $(cat "$tmp/e")"
grep -q "Rest for 10 minutes" "$tmp/e" || fail "stderr lacks the step: $(cat "$tmp/e")"
grep -q "are kept" "$tmp/e" || fail "stderr does not say the results are kept"
[ "$(json_get "$tmp/p.json" 'd["completed"]')" = False ] || fail "JSON: completed is not false"
[ "$(json_get "$tmp/p.json" 'd["termination"]["reason"]')" = step_limit ] || fail "JSON: reason"
[ "$(json_get "$tmp/p.json" 'd["termination"]["step"]')" = 2 ] || fail "JSON: step"
[ "$(json_get "$tmp/p.json" 'd["termination"]["step_text"]')" = "Rest for 10 minutes" ] || fail "JSON: step text"
json_get "$tmp/p.json" 'd["termination"]["message"]' | grep -q "max-steps" || fail "JSON: message"
rows=$(json_get "$tmp/p.json" 'd["rows"]')
[ "$(($(wc -l < "$tmp/p.csv") - 1))" -eq "$rows" ] || fail "CSV rows differ from JSON rows ($rows)"
[ "$rows" -gt "$rest_row" ] || fail "only $rows rows: the rows of step 1 are not all there"
# the time of the stop is the last row's; the rows are the complete run's first rows
t_end=$(json_get "$tmp/p.json" '"%.6f" % d["termination"]["time_s"]')
[ "$(tail -1 "$tmp/p.csv" | cut -d, -f1)" = "$t_end" ] || fail "stop time $t_end is not the last row's"
head -n $((rows + 1)) "$tmp/full.csv" | cmp -s - "$tmp/p.csv" || fail "the kept rows differ from the complete run's"
# cycles: the first whole, the second partial
[ "$(($(wc -l < "$tmp/c.csv") - 1))" -eq 2 ] || fail "cycles CSV: expected 2 cycles"
full_dis=$(json_get "$tmp/full.json" '"%.9f" % d["cycles"][0]["discharge_Ah"]')
part_dis=$(json_get "$tmp/p.json" '"%.9f" % d["cycles"][0]["discharge_Ah"]')
[ "$full_dis" = "$part_dis" ] || fail "first cycle's discharge $part_dis differs from the complete run's $full_dis"
grep -q "min_positive_potential_V" "$tmp/r.json" || fail "process record incomplete"

# the summary says it stopped early and the outputs are listed
"$CELLFORGE" simulate --model spm --protocol "$P" --max-steps $budget > "$tmp/s" 2> /dev/null; rc=$?
[ "$rc" -eq 3 ] || fail "summary run exited $rc"
grep -q "STOPPED EARLY step_limit" "$tmp/s" || fail "summary lacks the stop: $(cat "$tmp/s")"

# a constant-rate run out of budget: its rows too
"$CELLFORGE" simulate --model spme --max-steps 30 --out "$tmp/k.csv" > /dev/null 2>&1; rc=$?
[ "$rc" -eq 3 ] || fail "constant-rate run exited $rc"
[ "$(($(wc -l < "$tmp/k.csv") - 1))" -eq 31 ] || fail "constant-rate run: expected the start row and 30 steps"

# a later step the cell cannot carry (500C): the earlier step's rows are kept
"$CELLFORGE" simulate --model spm --protocol "Discharge at 1C for 10 minutes; Discharge at 500C for 1 minute" \
  --out "$tmp/x.csv" --json > "$tmp/x.json" 2> "$tmp/e"; rc=$?
[ "$rc" -eq 3 ] || fail "500C step: exited $rc ($(cat "$tmp/e"))"
[ "$(json_get "$tmp/x.json" 'd["termination"]["step"]')" = 2 ] || fail "500C step: not stopped in step 2"
awk -F, 'NR > 1 && $6 == 1 { n++ } END { exit !(n > 5) }' "$tmp/x.csv" || fail "500C step: step 1's rows lost"

# wall-time budget: stops a long run (whatever it reached) with its rows
"$CELLFORGE" simulate --model dfn --max-wall-time 0.001 --out "$tmp/w.csv" \
  --protocol "Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V" 2> "$tmp/e" > /dev/null; rc=$?
[ "$rc" -eq 3 ] || fail "wall-time budget: exited $rc"
grep -q "stopped early (wall_time)" "$tmp/e" || fail "wall-time budget: $(cat "$tmp/e")"
[ "$(wc -l < "$tmp/w.csv")" -ge 3 ] || fail "wall-time budget: rows not written"

# a named physical limit: an SPMe voltage hold that drains its electrolyte
# (docs/models.md, "Limits") ends there, exit 3, rows kept, reason physical_limit
"$CELLFORGE" simulate --model spme --soc 0.5 --protocol "Hold at 3.0 V until C/50" --out "$tmp/d.csv" \
  --json > "$tmp/d.json" 2> "$tmp/e"; rc=$?
[ "$rc" -eq 3 ] || fail "drained SPMe hold: exited $rc ($(cat "$tmp/e"))"
grep -q "stopped early (physical_limit)" "$tmp/e" || fail "drained SPMe hold: stderr $(cat "$tmp/e")"
[ "$(json_get "$tmp/d.json" 'd["completed"]')" = False ] || fail "drained SPMe hold: completed is not false"
[ "$(json_get "$tmp/d.json" 'd["termination"]["reason"]')" = physical_limit ] || fail "drained SPMe hold: reason"
json_get "$tmp/d.json" 'd["termination"]["message"]' | grep -q "electrolyte is depleted" ||
  fail "drained SPMe hold: message does not name the limit"
json_get "$tmp/d.json" 'd["termination"]["message"]' | grep -q "integration failed" &&
  fail "drained SPMe hold: a solver failure, not the named limit"
rows=$(json_get "$tmp/d.json" 'd["rows"]')
[ "$rows" -gt 20 ] && [ "$(($(wc -l < "$tmp/d.csv") - 1))" -eq "$rows" ] || fail "drained SPMe hold: $rows rows"
awk -F, 'NR > 1 && ($3 < 2.999999 || $3 > 3.000001) { exit 1 }' "$tmp/d.csv" || fail "drained SPMe hold: voltage not held"

# outputs that cannot be written: exit 1, and none of the files is left
rm -f "$tmp"/*.csv
"$CELLFORGE" simulate --model spm --protocol "$P" --max-steps $budget --out "$tmp/o.csv" \
  --cycles-out "$tmp/no/such/dir/c.csv" > /dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] || fail "unwritable output after an early stop exited $rc"
[ -e "$tmp/o.csv" ] && fail "an output was left after another failed"

# nothing computed: an error (exit 1), no file
"$CELLFORGE" simulate --crate 1000 --out "$tmp/n.csv" > /dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] || fail "--crate 1000 exited $rc"
[ -e "$tmp/n.csv" ] && fail "--crate 1000 wrote a file"

# bad budgets: exit 2
for bad in "--max-steps 0" "--max-steps x" "--max-wall-time 0" "--max-wall-time nan"; do
  # shellcheck disable=SC2086
  "$CELLFORGE" simulate $bad > /dev/null 2>&1; rc=$?
  [ "$rc" -eq 2 ] || fail "'$bad' exited $rc"
done
"$CELLFORGE" simulate --help | grep -q "^  3  the run stopped early" || fail "--help does not document exit status 3"
echo "simulate_partial: ok"
