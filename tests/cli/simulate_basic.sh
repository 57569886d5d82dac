#!/usr/bin/env bash
# CLI: cellforge simulate — defaults, JSON, CSV output and bad input.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

out=$("$CELLFORGE" simulate) || fail "default run exited $?"
echo "$out" | grep -q "capacity" || fail "summary lacks capacity"
echo "$out" | grep -q "model dfn" || fail "default model is not dfn"
cap=$(echo "$out" | awk '/capacity/ {print $2}')
# 1C DFN discharge of chen2020: PyBaMM gives 4.9382 Ah (tests/data/pybamm/reference.json)
awk -v c="$cap" 'BEGIN { exit !(c > 4.92 && c < 4.96) }' || fail "capacity $cap Ah not near 4.938"
[ -z "$(ls -A "$tmp")" ] || fail "default run wrote files"

json=$("$CELLFORGE" simulate --model spm --crate 2 --json) || fail "json run failed"
for k in capacity_Ah energy_Wh duration_s final_voltage_V model cell; do
  echo "$json" | grep -q "\"$k\"" || fail "JSON lacks $k"
done

"$CELLFORGE" simulate --model spme --crate 0.5 --out "$tmp/d.csv" >/dev/null || fail "csv run failed"
head -1 "$tmp/d.csv" | grep -q "^time_s,current_A,voltage_V,capacity_Ah" || fail "bad CSV header"
[ "$(wc -l < "$tmp/d.csv")" -gt 20 ] || fail "CSV too short"
grep -qi nan "$tmp/d.csv" && fail "NaN in CSV"

# charging from a full cell cannot start: reported, not a silent empty run
"$CELLFORGE" simulate --crate -1 --soc 1 >/dev/null 2>"$tmp/e" && fail "charging a full cell succeeded"
grep -q "upper cut-off" "$tmp/e" || fail "no upper cut-off message"; rm -f "$tmp/e"
# a charge without --soc starts empty and charges most of the capacity at 1C
chg=$("$CELLFORGE" simulate --crate -1 --model spm) || fail "1C charge failed"
echo "$chg" | grep -q "0 % SOC" || fail "charge does not start from 0 % SOC"
c=$(echo "$chg" | awk '/capacity/ {print $2}')
awk -v c="$c" 'BEGIN { exit !(c > 4.0 && c < 5.2) }' || fail "1C charge capacity $c Ah implausible"
# a half-charged cell discharges about half the capacity
h=$("$CELLFORGE" simulate --soc 0.5 --crate 0.2 --model spm | awk '/capacity/ {print $2}')
awk -v c="$h" 'BEGIN { exit !(c > 2.3 && c < 2.7) }' || fail "discharge from 50 % SOC gave $h Ah"

# bad input: exit 2 and a message naming the option
expect_fail() {
  code=$1; shift
  err=$("$CELLFORGE" simulate "$@" --out "$tmp/bad.csv" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq "$code" ] || fail "'$*' exited $rc, expected $code ($err)"
  [ -e "$tmp/bad.csv" ] && fail "'$*' left an output file"
  echo "$err" | grep -q "error" || fail "'$*' printed no error"
}
expect_fail 2 --model foo
expect_fail 2 --crate abc
expect_fail 2 --crate 0
expect_fail 2 --crate nan
expect_fail 2 --cell no_such_cell
expect_fail 2 --mesh 1
expect_fail 2 --soc 1.5
expect_fail 2 --bogus
expect_fail 1 --crate 1000
# a cell whose negative empties before any cut-off of its own OCP (constant):
# the OCP's barrier at an empty surface collapses the voltage to the cut-off,
# in well under a minute, never an endless crawl of tiny solver steps; the
# negative's lithium (0.196 mol, 5.25 Ah) bounds what it delivers
echo '{"base": "chen2020", "negative": {"ocp": -1}}' > "$tmp/flat.json"
for m in spm spme dfn; do
  timeout 60 "$CELLFORGE" simulate --cell "$tmp/flat.json" --model $m > "$tmp/flat_out.txt" 2> "$tmp/e"; rc=$?
  [ "$rc" -eq 0 ] || fail "flat-OCP cell ($m) exited $rc ($(cat "$tmp/e"))"
  awk '/capacity/ {q = $2} /final voltage/ {v = $3} END { exit !(v > 2.499 && v < 2.501 && q > 4.9 && q < 5.25) }' \
    "$tmp/flat_out.txt" || fail "flat-OCP cell ($m): not ended at the cut-off with the negative's lithium ($(cat "$tmp/flat_out.txt"))"
done
echo "simulate_basic: ok"
