#!/usr/bin/env bash
# `cellforge test hppc|rate|gitt|cycle`: tables, CSV, JSON and raw series;
# outputs are complete or absent.  Physics is asserted in the cmocka tests
# (tests/test_celltest_*.c); here the columns must agree with the documented
# formulas and orderings.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
C="$CELLFORGE"
FAST="--model spm --mesh 10"

# HPPC: table, analysis CSV and raw series.
out=$("$C" test hppc $FAST --out "$T/hppc.csv" --series "$T/series.csv") || fail "hppc exit $?"
echo "$out" | grep -q "Rdis mOhm" || fail "hppc table header: $out"
echo "$out" | grep -q "pulses 5.000 A discharge, 3.750 A charge, 10 s" || fail "hppc pulse line: $out"
head -1 "$T/hppc.csv" | grep -q "^soc,discharged_Ah,ocv_V,r_dis_1s_ohm,r_dis_ohm,ocv_chg_V,r_chg_1s_ohm,r_chg_ohm,p_dis_W,p_chg_W" \
    || fail "hppc csv header: $(head -1 "$T/hppc.csv")"
[ "$(wc -l < "$T/hppc.csv")" -eq 10 ] || fail "hppc csv rows: $(wc -l < "$T/hppc.csv")"
# SOC 0.9..0.1, OCV falling with SOC, R > 0, and P_dis = 2.5 (OCV - 2.5) / R_dis, P_chg = 4.2 (4.2 - OCV_chg) / R_chg.
awk -F, 'NR > 1 {
    if (($1 - (1.0 - 0.1 * (NR - 1))) ^ 2 > 1e-12) { print "soc " $1; exit 1 }
    if (NR > 2 && !($3 < prev)) { print "ocv order " $3; exit 1 }
    prev = $3
    if (!($5 > 0 && $8 > 0 && $4 > 0 && $7 > 0)) { print "resistance " $0; exit 1 }
    pd = 2.5 * ($3 - 2.5) / $5; pc = 4.2 * (4.2 - $6) / $8
    if ((pd / $9 - 1) ^ 2 > 1e-12 || (pc / $10 - 1) ^ 2 > 1e-12) { print "power " $0; exit 1 }
}' "$T/hppc.csv" || fail "hppc csv values"
head -1 "$T/series.csv" | grep -qx "time_s,current_A,voltage_V,capacity_Ah,energy_Wh,step,cycle" || fail "series header"
# Time never goes back; every discharge pulse (step 6k+3) runs at 5 A, every charge pulse (6k+5) at -3.75 A.
awk -F, 'NR > 1 {
    if ($1 < t - 1e-9) { print "time " $1; exit 1 } t = $1
    if ($6 % 6 == 3 && ($2 - 5) ^ 2 > 1e-12) { print "dis pulse " $0; exit 1 }
    if ($6 % 6 == 5 && ($2 + 3.75) ^ 2 > 1e-12) { print "chg pulse " $0; exit 1 }
    n++ } END { if (n < 500) { print "rows " n; exit 1 } }' "$T/series.csv" || fail "series values"

# Rate: JSON rows in the given order, capacity falling with C-rate, retention vs the lowest.
out=$("$C" test rate $FAST --crates 2,0.5,1 --json) || fail "rate exit $?"
echo "$out" | grep -q '"test": "rate"' || fail "rate json: $out"
[ "$(echo "$out" | grep -c '"crate"')" -eq 3 ] || fail "rate rows: $out"
caps=$(echo "$out" | awk -F': ' '/"capacity_Ah"/ { gsub(",", "", $2); print $2 }' | tr '\n' ' ')
set -- $caps
awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { exit !(b > c && c > a) }' || fail "rate capacities (2C, C/2, 1C): $caps"
echo "$out" | grep -q '"retention": 1.0,' || fail "retention of the lowest rate: $out"

# GITT: a few pulses, series and JSON; D = 4/(pi tau) (R/3)^2 (dEs/dEt)^2 from the printed columns.
"$C" test gitt $FAST --max-pulses 3 --pulse-time 10min --relax 1h --out "$T/gitt.csv" --series "$T/gs.csv" >/dev/null \
    || fail "gitt exit $?"
[ "$(wc -l < "$T/gitt.csv")" -eq 4 ] || fail "gitt rows"
awk -F, 'NR > 1 { R = 5.22e-6; d = 4 / (3.14159265358979 * 600) * (R / 3) ^ 2 * ($6 / $7) ^ 2
    if ((d / $8 - 1) ^ 2 > 1e-10) { print $0; exit 1 } }' "$T/gitt.csv" || fail "gitt D column"
out=$("$C" test gitt $FAST --max-pulses 2 --electrode negative --json) || fail "gitt json exit"
echo "$out" | grep -q '"electrode": "negative"' || fail "gitt electrode: $out"
echo "$out" | grep -q '"radius_m": 5.86e-6' || fail "gitt negative radius: $out"

# Cycle: per-cycle table; no ageing, so cycle 2 has CE and retention 100 %.
out=$("$C" test cycle $FAST --cycles 2) || fail "cycle exit $?"
echo "$out" | grep -q "2 x (charge 0.5 C to 4.200 V, hold until 0.05 C" || fail "cycle line: $out"
echo "$out" | awk 'NF == 8 && $1 == 2 { ok = ($6 == "100.000" && $8 == "100.000") } END { exit !ok }' || fail "cycle 2: $out"

# All outputs or none: a bad --out leaves no series behind.
"$C" test hppc $FAST --soc-step 0.4 --series "$T/s2.csv" --out "$T/missing/x.csv" >/dev/null 2>"$T/err"
[ $? -eq 1 ] || fail "bad --out should exit 1"
[ ! -e "$T/s2.csv" ] || fail "series left behind after a failed --out"
grep -q "missing/x.csv" "$T/err" || fail "message: $(cat "$T/err")"
# A failed run writes nothing.
"$C" test hppc $FAST --soc 0.05 --out "$T/none.csv" >/dev/null 2>"$T/err"
[ $? -eq 2 ] || fail "hppc from 5 % SOC should exit 2"
grep -q "leaves no SOC level above 0" "$T/err" || fail "message: $(cat "$T/err")"
[ ! -e "$T/none.csv" ] || fail "partial output"
left=$(ls "$T" | grep -v -E '^(hppc.csv|series.csv|gitt.csv|gs.csv|err)$' || true)
[ -z "$left" ] || fail "stray files: $left"
echo "ok"
