#!/usr/bin/env bash
# Malformed instrument files and bad options: exit 2, and the message names
# the file, the line (and column) and what was expected.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# expect2 CMD-ARGS... -- PATTERN: exits 2 and stderr matches PATTERN
expect2() {
  local args=() pat
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  pat=$2
  "$CELLFORGE" "${args[@]}" >"$T/out" 2>"$T/err"
  local rc=$?
  [ $rc -eq 2 ] || fail "${args[*]}: exit $rc, expected 2 ($(cat "$T/err"))"
  grep -q -- "$pat" "$T/err" || fail "${args[*]}: message '$(cat "$T/err")' lacks '$pat'"
  [ ! -s "$T/out" ] || fail "${args[*]}: printed a result on failure"
}

printf '2theta counts\n10 5\n10.1 6 7\n' > "$T/cols.xy"
expect2 xrd "$T/cols.xy" -- "cols.xy:3: expected 2 columns (as on line 2), found 3"
printf '10 5\n10.1 1O\n' > "$T/text.xy"
expect2 xrd "$T/text.xy" -- "text.xy:2:6: expected a finite decimal number in column 2 (intensity), found '1O'"
printf '10 5\n10.2 6\n10.1 7\n' > "$T/dec.xy"
expect2 xrd "$T/dec.xy" -- "dec.xy:3: 2theta must increase strictly"
printf '10 5\n10.1 -6\n' > "$T/neg.xy"
expect2 xrd "$T/neg.xy" -- "neg.xy:2: negative intensity"
awk 'BEGIN { for (i = 0; i <= 1500; i++) printf "%.2f %d\n", 10 + 0.02 * i, 500 - i / 10 }' > "$T/flat.xy"
expect2 xrd "$T/flat.xy" -- "no peak between"
expect2 xrd "$T/flat.xy" --window 30:20 -- "LO (30) must be below HI (20)"
expect2 xrd "$T/flat.xy" --K abc -- "--K expects a number"
expect2 xrd -- "no pattern file given"

printf 'p/p0 V\n0.05 1\n1.3 2\n' > "$T/p.txt"
expect2 bet "$T/p.txt" -- "p.txt:3: p/p0 = 1.3 is outside (0, 1)"
printf '0.05 5\n0.1 5.01\n0.2 5.02\n0.3 5.0\n' > "$T/flatiso.txt"
expect2 bet "$T/flatiso.txt" -- "flat isotherm"

printf 'size,vol\n1,0\n2,0\n' > "$T/empty.csv"
expect2 psd "$T/empty.csv" -- "empty distribution"
printf 'size,vol\n' > "$T/none.csv"
expect2 psd "$T/none.csv" -- "no data rows"
printf '1,2\n3,4\n2,5\n' > "$T/order.csv"
expect2 psd "$T/order.csv" -- "order.csv:3: sizes must increase strictly"

printf 'T S\n100 1\n101 2\n100.5 3\n' > "$T/t.txt"
expect2 dta "$T/t.txt" -- "t.txt:4: temperature falls"

printf 'A P\n10 12\n10 x\n' > "$T/s.txt"
expect2 shape "$T/s.txt" -- "s.txt:3:4: expected a finite decimal number in column 2 (perimeter)"

expect2 chn --C 95 -- "--C and --H are required"
expect2 chn --C 99 --H 1.5 --N 1 -- "exceeds 100"
expect2 chn --C 95 --H x -- "--H expects a number"
expect2 xrd "$T/nosuchfile.xy" --json --into -- "--into needs two values"

# A missing file is an I/O error: exit 1.
"$CELLFORGE" xrd "$T/nosuchfile.xy" 2>/dev/null; [ $? -eq 1 ] || fail "missing file should exit 1"
echo ok
