#!/usr/bin/env bash
# CLI: `cellforge report` on a run that stops early draws the rows computed
# (summary and plots from the same rows `simulate` keeps) and says why above
# them: a failure after some rows (an SPMe voltage hold that drains its
# electrolyte, a named physical limit) and a step ended by the cut-off.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"
cd "$tmp" || exit 1
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
plots=1
if ! "$CELLFORGE" simulate --model spm --plot probe.svg >/dev/null 2>err.txt; then
  grep -q "without cairo" err.txt || fail "plotting failed: $(cat err.txt)"
  plots=0
fi

# A failure after rows: simulate keeps them (exit 3); the report draws them.
H="Hold at 3.0 V until C/50"
"$CELLFORGE" simulate --model spme --soc 0.5 --protocol "$H" --json >sim.json 2>/dev/null
[ $? -eq 3 ] || fail "the SPMe hold no longer stops early: the test needs another failure"
[ "$(json_get sim.json 'd["termination"]["reason"]')" = physical_limit ] || fail "simulate: reason"
rows=$(json_get sim.json 'd["rows"]')
t_end=$(json_get sim.json '"%.1f" % d["termination"]["time_s"]')
"$CELLFORGE" report --html r.html --model spme --soc 0.5 --protocol "$H" >out 2>err || fail "report: exit $? $(cat err)"
grep -q 'id="sim-stopped">The simulation stopped early (physical_limit): step 1 (cycle 1): Hold at 3.0 V until C/50: ' r.html ||
  fail "no reason above the summary: $(grep -o 'class="notice"[^<]*' r.html)"
grep -q "electrolyte is depleted" r.html || fail "the page does not name the limit"
grep -q "the $rows rows computed up to t = $t_end s" r.html || fail "rows or time differ from simulate's ($rows, $t_end s)"
grep -q 'id="sim-summary"' r.html || fail "no summary of the rows computed"
grep -q "solver rows</th><td class=\"num\">$rows<" r.html || fail "summary rows differ from simulate's $rows"
grep -q "did not complete" r.html && fail "the page drops the rows as if nothing was computed"
grep -q "stopped early (physical_limit" err || fail "stderr: $(cat err)"
if [ $plots -eq 1 ]; then
  [ "$(grep -c '<svg' r.html)" -ge 2 ] || fail "the rows are not drawn"
  grep -q ", [1-9][0-9]* plots)" out || fail "report line: $(cat out)"
fi
grep -Ewq 'nan|NaN|inf' r.html && fail "NaN or inf in the page"

# A later step ended by the cut-off (the run returns normally, not completed).
P="Discharge at 1C for 10 minutes; Discharge at 500C for 1 minute"
"$CELLFORGE" report --html c.html --model spm --protocol "$P" >out 2>err || fail "cut-off report: exit $?"
grep -q 'id="sim-stopped">The simulation stopped early (cutoff): step 2 (cycle 2): Discharge at 500C for 1 minute: ' c.html ||
  fail "cut-off: $(grep -o 'class="notice"[^<]*' c.html)"
[ "$(grep -c 'id="sim-stopped"' c.html)" -eq 1 ] || fail "the stop is stated more than once"

# A complete run says nothing of the kind.
"$CELLFORGE" report --html ok.html --model spm >/dev/null 2>&1 || fail "complete run's report"
grep -q 'sim-stopped' ok.html && fail "a complete run is reported as stopped"
echo "report_partial: ok"
