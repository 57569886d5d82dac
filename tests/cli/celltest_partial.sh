#!/usr/bin/env bash
# CLI: a cell test that stops early keeps what it measured.  A step budget
# (--max-steps) is spent inside the second level / pulse / rate / cycle: exit
# 3, the points before it are written (--out, --series, --json) and equal the
# complete test's, the note and stderr say where and why.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# first_row FILE CYCLE: 1-based data row where the series' cycle column first equals CYCLE
first_row() { awk -F, -v c="$2" 'NR > 1 && $7 == c { print NR - 1; exit }' "$1"; }

# expect_partial NAME ARGS...: the test with a budget exits 3 and prints its reason
expect_partial() {
  local name=$1; shift
  "$CELLFORGE" test "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"; rc=$?
  [ "$rc" -eq 3 ] || fail "$name: exited $rc ($(cat "$tmp/$name.err"))"
  grep -q "stopped early (step_limit)" "$tmp/$name.err" || fail "$name: stderr $(cat "$tmp/$name.err")"
}

# gitt: stopped in the second pulse; the first pulse's point and rows are kept
"$CELLFORGE" test gitt --model spm --max-pulses 3 --series "$tmp/gs.csv" --out "$tmp/g.csv" > /dev/null ||
  fail "gitt: complete run exited $?"
budget=$(($(first_row "$tmp/gs.csv" 2) + 3))
expect_partial gitt gitt --model spm --max-pulses 3 --max-steps $budget --series "$tmp/gs2.csv" --out "$tmp/g2.csv"
[ "$(($(wc -l < "$tmp/g2.csv") - 1))" -eq 1 ] || fail "gitt: expected the first pulse's point only"
[ "$(sed -n 2p "$tmp/g2.csv")" = "$(sed -n 2p "$tmp/g.csv")" ] || fail "gitt: the kept point differs from the complete test's"
n=$(wc -l < "$tmp/gs2.csv")
[ "$n" -gt "$budget" ] || fail "gitt: only $n series rows"
head -n "$n" "$tmp/gs.csv" | cmp -s - "$tmp/gs2.csv" || fail "gitt: the kept series differs from the complete test's"
grep -q "note: stopped early: gitt pulse 2" "$tmp/gitt.out" || fail "gitt: note $(grep note "$tmp/gitt.out")"

# hppc: stopped in the second level
"$CELLFORGE" test hppc --model spm --soc-step 0.3 --series "$tmp/hs.csv" --out "$tmp/h.csv" > /dev/null ||
  fail "hppc: complete run exited $?"
budget=$(($(first_row "$tmp/hs.csv" 2) + 3))
expect_partial hppc hppc --model spm --soc-step 0.3 --max-steps $budget --out "$tmp/h2.csv" --json
[ "$(($(wc -l < "$tmp/h2.csv") - 1))" -eq 1 ] || fail "hppc: expected the first level only"
[ "$(sed -n 2p "$tmp/h2.csv")" = "$(sed -n 2p "$tmp/h.csv")" ] || fail "hppc: the kept level differs"
[ "$(json_get "$tmp/hppc.out" 'd["completed"]')" = False ] || fail "hppc: JSON completed is not false"
json_get "$tmp/hppc.out" 'd["note"]' | grep -q "hppc level 2" || fail "hppc: JSON note"

# rate: the 0.2 C discharge fits the budget, the 5 C one does not (the SPMe's
# 5 C takes ~1000 steps as its electrolyte runs dry, its 0.2 C ~200)
"$CELLFORGE" test rate --model spme --crates 0.2 --out "$tmp/r.csv" > /dev/null || fail "rate: complete run exited $?"
rows=$("$CELLFORGE" simulate --model spme --crate 0.2 --json | json_get /dev/stdin 'd["rows"]')
expect_partial rate rate --model spme --crates 0.2,5 --max-steps $((rows + 20)) --out "$tmp/r2.csv"
cmp -s "$tmp/r.csv" "$tmp/r2.csv" || fail "rate: the kept 0.2 C point differs from a test of 0.2 C alone"
grep -q "stopped at 5 C" "$tmp/rate.out" || fail "rate: note $(grep note "$tmp/rate.out")"

# cycle: stopped in the second cycle; the first is whole, the second partial
"$CELLFORGE" test cycle --model spm --cycles 2 --out "$tmp/c.csv" --json > "$tmp/c.json" || fail "cycle: complete run exited $?"
proto=$(json_get "$tmp/c.json" 'd["protocol"]')
"$CELLFORGE" simulate --model spm --soc 0 --protocol "$proto" --out "$tmp/cs.csv" > /dev/null || fail "cycle protocol run"
budget=$(($(first_row "$tmp/cs.csv" 2) + 3))
expect_partial cycle cycle --model spm --cycles 2 --max-steps $budget --out "$tmp/c2.csv"
[ "$(($(wc -l < "$tmp/c2.csv") - 1))" -eq 2 ] || fail "cycle: expected a whole and a partial cycle"
[ "$(sed -n 2p "$tmp/c2.csv")" = "$(sed -n 2p "$tmp/c.csv")" ] || fail "cycle: the first cycle differs"
awk -F, 'NR == 3 { exit !($2 > 0 && $2 < 0.1) }' "$tmp/c2.csv" || fail "cycle: the partial cycle is not a few steps of charge"

# nothing measured: an error (exit 1)
"$CELLFORGE" test rate --model spm --crates 5 --max-steps 10 > /dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] || fail "rate with nothing measured exited $rc"
"$CELLFORGE" test rate --max-steps -1 > /dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "bad --max-steps exited $rc"
"$CELLFORGE" test --help | grep -q "^  3  the run stopped early" || fail "--help does not document exit status 3"
echo "celltest_partial: ok"
