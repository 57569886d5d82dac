#!/usr/bin/env bash
# `cellforge protocol`: a good protocol prints its canonical form and exit 0;
# a bad one exits 2 with the step, line and column; nothing partial is written.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$CF_SOURCE_DIR/tests/data/protocol"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

out=$("$CELLFORGE" protocol "Charge at 0.5 C for 1 hour or until 4.2 V; Hold at 4.2V until 50 mA") || fail "good text exit $?"
echo "$out" | grep -qx "Charge at C/2 for 1 h or until 4.2 V" || fail "canonical step 1: $out"
echo "$out" | grep -qx "Hold at 4.2 V until 50 mA" || fail "canonical step 2: $out"
echo "$out" | grep -q "2 distinct step(s), 2 cycle(s), 2 step(s) executed" || fail "summary: $out"

out=$("$CELLFORGE" protocol -f "$D/cycling.txt" --expand 3) || fail "file exit $?"
echo "$out" | grep -q "6 distinct step(s), 5 cycle(s), 14 step(s) executed" || fail "file summary: $out"
echo "$out" | grep -qx "terminate 80% capacity" || fail "termination: $out"
echo "$out" | grep -q "^# cycle 2 step 2: Rest for 30 min" || fail "expand: $out"

"$CELLFORGE" protocol "Rest for 1 h; Hold at 4.2 V until 3 V" 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "bad protocol should exit 2"
grep -q "protocol:1:35: step 2: a voltage condition cannot end a voltage hold" "$T/err" || fail "message: $(cat "$T/err")"

"$CELLFORGE" protocol "Rest for 1 h" -o "$T/out.txt" || fail "-o exit"
grep -qx "Rest for 1 h" "$T/out.txt" || fail "-o content"
"$CELLFORGE" protocol "Rest for x" -o "$T/bad.txt" 2>/dev/null
[ $? -eq 2 ] || fail "bad -o exit"
[ ! -e "$T/bad.txt" ] || fail "partial output written"

out=$("$CELLFORGE" protocol --drive-cycle "$D/drive_current.csv") || fail "drive exit"
# rows (0,0) (10,5) (20,-2) (40,1): trapezoids 25 + 15 - 10 = 30 A s
echo "$out" | grep -q "net:       0.00833333 Ah" || fail "drive net: $out"
"$CELLFORGE" protocol --drive-cycle "$D/drive_nonmono.csv" 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "bad drive exit"
grep -q "drive_nonmono.csv:5:1" "$T/err" || fail "drive message: $(cat "$T/err")"

"$CELLFORGE" protocol 2>/dev/null; [ $? -eq 2 ] || fail "no argument should exit 2"
"$CELLFORGE" protocol --help | grep -q "usage: cellforge protocol" || fail "help"
echo "ok"
