#!/usr/bin/env bash
# `cellforge test`: bad input exits 2 naming the option and its allowed range.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

expect() { # expect "message part" args...
    local msg="$1"; shift
    "$CELLFORGE" "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || fail "'$*' exit $rc (expected 2): $(cat "$T/err")"
    grep -qF -- "$msg" "$T/err" || fail "'$*' message: $(cat "$T/err") (expected: $msg)"
    [ ! -s "$T/out" ] || fail "'$*' printed results: $(cat "$T/out")"
}

expect "unknown integrator 'rk4' (allowed: bdf, ida)" test rate --integrator rk4
expect "unknown linear solver 'lapack' (allowed: auto, klu)" test cycle --linear-solver lapack
expect "unknown integrator 'euler' (allowed: bdf, ida)" simulate --integrator euler
expect "unknown linear solver 'x' (allowed: auto, klu)" simulate --linear-solver x
expect "name a test: hppc, rate, gitt or cycle" test
expect "unknown test 'ocv' (known: hppc, rate, gitt, cycle)" test ocv
expect "--soc-step = 0 is outside the allowed range [0.001, 0.5]" test hppc --soc-step 0
expect "--pulse-time = 1 s is outside the allowed range (1, 3600] s" test hppc --pulse-time 1
expect "--rest: unknown unit 'days' in '2 days' (allowed: s, min, h)" test hppc --rest "2 days"
expect "--pulse-crate = 500 is outside the allowed range [0.0001, 100]" test gitt --pulse-crate 500
expect "--crates does not apply to this test (it is for: rate)" test hppc --crates 1,2
expect "--series does not apply to this test (it is for: hppc, gitt)" test rate --series x.csv
expect "--crates value 3 = -1 is outside the allowed range (0, 100]" test rate --crates 0.5,1,-1
expect "--crates expects a comma-separated list of C-rates, got '1,,2'" test rate --crates 1,,2
expect "--electrode 'both': allowed negative or positive" test gitt --electrode both
expect "--max-pulses = -3 is outside the allowed range [0, 100000]" test gitt --max-pulses -3
expect "--cycles = 0 is outside the allowed range [1, 100000]" test cycle --cycles 0
expect "--cv-cutoff = 1 C must not exceed --charge-crate = 0.5 C" test cycle --cv-cutoff 1
expect "--temperature: temperature 300 degC is outside the allowed range [-70, 120] degC" test rate --temperature 300
expect "--soc: state of charge 1.5 is outside the allowed range [0, 1]" test gitt --soc 1.5
expect "unknown model 'p2d'" test rate --model p2d
expect "--out and --series name the same file" test hppc --out "$T/a.csv" --series "$T/a.csv"
expect "unknown or incomplete option '--pulse'" test hppc --pulse 2
expect "unexpected argument 'now' (one cell only)" test cycle chen2020 now
expect "option phase = 1 is outside the allowed range [0, 0]" test gitt --model spm --mesh 5 --phase 1

"$CELLFORGE" test --help | grep -q "usage: cellforge test <hppc|rate|gitt|cycle>" || fail "help"
"$CELLFORGE" test rate -h | grep -q "hppc:   --soc-step" || fail "test rate -h"
"$CELLFORGE" --help | grep -q "test       standard cell tests: hppc, rate, gitt, cycle" || fail "main help"
echo "ok"
