#!/usr/bin/env bash
# CLI: cellforge design on bad recipes — exit 2, a message naming the key (with a
# suggestion for a typo) or file:line:col, and no output file left behind.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$CF_SOURCE_DIR/examples/recipe_sn_ni.json"

bad() { # bad NAME EXPECTED-TEXT : recipe in $tmp/NAME.json
  err=$("$CELLFORGE" design "$tmp/$1.json" -o "$tmp/out.txt" 2>&1 >/dev/null); rc=$?
  [ $rc -eq 2 ] || fail "$1: exit $rc, expected 2 ($err)"
  echo "$err" | grep -qF -- "$2" || fail "$1: message lacks '$2': $err"
  [ -e "$tmp/out.txt" ] && fail "$1: output file written"
  ls "$tmp" | grep -q "out.txt.tmp" && fail "$1: temporary file left"
  return 0
}
sed 's/"porosity": 0.45/"porosty": 0.45/' "$ex" > "$tmp/typo.json"
bad typo "did you mean 'porosity'"
sed 's/"porosity": 0.45,/"porosity": 0.45, "thickness_um": 60, "density_g_cm3": 3.0,/' "$ex" > "$tmp/three.json"
bad three "disagree"
sed 's/"mass_fraction": 0.80/"mass_fraction": 0.75/' "$ex" > "$tmp/sum.json"
bad sum "sum to 0.95"
sed 's/"coating_g_m2": 50,//' "$ex" > "$tmp/missing.json"
bad missing "missing required key 'coating_g_m2'"
sed '3s/.*/  "description": oops,/' "$ex" > "$tmp/syntax.json"
bad syntax "syntax.json:3:"
sed 's/"sn_ni_alloy"/"sn_ni_aloy"/' "$ex" > "$tmp/material.json"
bad material "did you mean 'sn_ni_alloy'"
sed 's/"porosity": 0.45,/"porosity": 0.45, "thickness_swelling": 1.5,/' "$ex" > "$tmp/swell.json"
bad swell "thickness_swelling"

"$CELLFORGE" design "$tmp/nonexistent.json" >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing file not exit 1"
"$CELLFORGE" design >/dev/null 2>&1; [ $? -eq 2 ] || fail "no file not exit 2"
"$CELLFORGE" design "$ex" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option not exit 2"
echo "ok"
