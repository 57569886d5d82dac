#!/usr/bin/env bash
# CLI: cellforge claims --explain SEED CLAIM — the claim text and what the check computes.
set -u
fail() { echo "FAIL: $*"; exit 1; }
out=$("$CELLFORGE" claims --explain 001 2) || fail "explain exited $?"
echo "$out" | grep -q "from greater than 0.5 to not greater than 1" || fail "claim text missing"
echo "$out" | grep -q "a < Li/O <= b" || fail "check description missing"
out=$("$CELLFORGE" claims --explain 002_e1fce42b0ed87cbc 3 --json) || fail "explain --json exited $?"
echo "$out" | grep -q '"depends_on"' || fail "JSON lacks depends_on"
echo "$out" | grep -q "below 0.60" || fail "claim 3 text"
"$CELLFORGE" claims --explain 000 11 >/dev/null 2>&1; [ $? -eq 2 ] || fail "claim 11 of seed 000 accepted"
"$CELLFORGE" claims --explain 000 >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing claim number accepted"
echo "ok"
