#!/usr/bin/env bash
# `simulate --cell FILE.json`: the shipped full example is the built-in chen2020
# written out, so it gives the built-in's capacity; the thin example (half-thick
# coatings at half the nominal capacity) gives half of it under SPM.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
EX="$CF_SOURCE_DIR/examples"

# "capacity_Ah": 4.955364789, -> 4.955364789
capacity() { sed -n 's/^ *"capacity_Ah": *\([-0-9.eE+]*\),*$/\1/p'; }

file_out=$("$CELLFORGE" simulate --cell "$EX/chen2020_cell.json" --model spm --json) || fail "file exit $?"
builtin_out=$("$CELLFORGE" simulate --cell chen2020 --model spm --json) || fail "built-in exit $?"
qf=$(echo "$file_out" | capacity)
qb=$(echo "$builtin_out" | capacity)
[ -n "$qf" ] && [ -n "$qb" ] || fail "no capacity in: $file_out"
echo "$file_out" | grep -q '"cell": "chen2020"' || fail "cell name: $file_out"
[ "$qf" = "$qb" ] || fail "file capacity $qf differs from built-in $qb"
# A 5 Ah cell at 1C delivers most, not all, of its nominal capacity.
awk -v q="$qf" 'BEGIN { exit !(q > 4.5 && q < 5.1) }' || fail "capacity $qf not near 5 Ah"

thin_out=$("$CELLFORGE" simulate --cell "$EX/chen2020_thin_cell.json" --model spm --json) || fail "thin exit $?"
qt=$(echo "$thin_out" | capacity)
echo "$thin_out" | grep -q '"cell": "chen2020 thin"' || fail "thin name: $thin_out"
awk -v a="$qt" -v b="$qb" 'BEGIN { r = a / b; exit !(r > 0.4999 && r < 0.5001) }' \
    || fail "thin capacity $qt is not half of $qb"

# The DFN reads the same file (all of it: electrolyte functions too).
"$CELLFORGE" simulate --cell "$EX/chen2020_cell.json" --model dfn --mesh 8 --json >/dev/null || fail "dfn exit $?"
echo "ok"
