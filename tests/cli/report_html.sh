#!/usr/bin/env bash
# CLI: `cellforge report --html` writes one self-contained page (no scripts,
# nothing fetched) whose numbers agree with `simulate`, `design` and
# `claims`, with inline SVG plots; headless Chromium renders it to a
# screenshot that is not blank, at laptop and phone widths.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# fontconfig's one-time allocation is not ours (see the file)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"
cd "$tmp" || exit 1
if ! "$CELLFORGE" simulate --model spm --plot probe.svg >/dev/null 2>err.txt; then
  grep -q "without cairo" err.txt && { echo "skip: built without cairo (the report has no plots)"; exit 77; }
  fail "plotting failed: $(cat err.txt)"
fi

# ---- a cell: summary, simulation, plots
out=$("$CELLFORGE" report --html cell.html) || fail "report of chen2020 failed"
echo "$out" | grep -q "wrote cell.html" || fail "no 'wrote' line: $out"
head -1 cell.html | grep -qi "<!DOCTYPE html>" || fail "not an HTML5 document"
for id in 'id="cell-summary"' 'id="sim-summary"' 'class="summary"' '<meta name="viewport"' '<style>'; do
  grep -qF "$id" cell.html || fail "cell.html lacks $id"
done
[ "$(grep -c "<svg" cell.html)" -ge 2 ] || fail "cell.html has fewer than 2 inline SVG plots"
grep -qi "<script" cell.html && fail "cell.html has a script"
grep -Eiq '(src|href)="(https?:)?//' cell.html && fail "cell.html loads something from the network"
grep -Ewq 'nan|NaN|inf' cell.html && fail "cell.html shows NaN or inf"
# inline SVGs share one id namespace: every id must be unique in the page
dups=$(grep -o ' id="[^"]*"' cell.html | sort | uniq -d | head -3)
[ -z "$dups" ] && true || fail "duplicate ids in the page: $dups"
# the numbers are the simulation's
cap=$("$CELLFORGE" simulate --json | awk -F': ' '/"capacity_Ah"/ {gsub(",", "", $2); printf "%.4f", $2}')
grep -qF "discharged capacity</th><td class=\"num\">$cap Ah" cell.html || fail "report capacity differs from simulate ($cap Ah)"

# ---- a recipe: design, claims, and the simulation or why it did not run
# (this Sn-Ni | LCO recipe simulates; with a denser negative its pores close
# and the report says so instead)
"$CELLFORGE" report --cell "$CF_SOURCE_DIR/examples/recipe_sn_ni.json" --html recipe.html >/dev/null ||
  fail "report of a recipe failed"
for id in 'id="design"' 'id="breakdown"' 'id="claims-table"'; do
  grep -qF "$id" recipe.html || fail "recipe.html lacks $id"
done
grep -qF 'id="sim-summary"' recipe.html || fail "recipe.html has no simulation (a recipe discharges from full)"
grep -qF "from 100 % SOC" recipe.html || fail "recipe.html does not start the discharge full"
# a recipe whose pores close before full charge: the page says why
sed '0,/"porosity": 0.45/s//"porosity": 0.2/' "$CF_SOURCE_DIR/examples/recipe_sn_ni.json" > closed.json
"$CELLFORGE" report --cell closed.json --html closed.html >/dev/null 2>&1 || fail "report of a failing recipe failed"
grep -q "The simulation did not complete: .*pores closed" closed.html || fail "closed.html does not say the pores closed"
[ "$(grep -c "<svg" recipe.html)" -ge 2 ] || fail "recipe.html has fewer than 2 inline SVG plots"
"$CELLFORGE" claims "$CF_SOURCE_DIR/examples/recipe_sn_ni.json" --json > claims.json || fail "claims failed"
for s in met not_met undetermined; do
  n=$(grep -c "\"status\": \"$s\"" claims.json)
  label=${s//_/ }
  grep -qF ">$n $label</span>" recipe.html || fail "claims say $n $label; the report does not"
done
whkg=$("$CELLFORGE" design "$CF_SOURCE_DIR/examples/recipe_sn_ni.json" --json |
  awk -F': ' '/"wh_per_kg"/ {gsub(",", "", $2); printf "%.1f", $2}')
grep -qF "$whkg Wh/kg" recipe.html || fail "report Wh/kg differs from design ($whkg)"

# ---- bad input: exit 2 and nothing written
bad() {
  "$CELLFORGE" report "$@" >/dev/null 2>err.txt; rc=$?
  [ "$rc" -eq 2 ] || fail "report $* exited $rc, expected 2"
  grep -q error err.txt || fail "report $* printed no error"
}
bad --cell no_such_cell --html bad.html; [ -e bad.html ] && fail "a failed report left a file"
bad --cell chen2020
bad --html bad.txt
bad --html bad.html --protocol "Dance at 1C"; [ -e bad.html ] && fail "a bad protocol left a file"

# ---- render it as a person would see it
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    "$CF_SOURCE_DIR/scripts/install-chromium" || fail "could not install chromium"
  else
    echo "skip: chromium is missing (scripts/install-chromium installs it)"; exit 77
  fi
fi
shot() { # file width height
  timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
    --screenshot="$tmp/$1.png" --window-size="$2,$3" "file://$tmp/$1.html" >/dev/null 2>&1
  [ -s "$tmp/$1.png" ] || fail "chromium made no screenshot of $1.html"
  cp "$tmp/$1.png" "$tmp/$1-$2.png"
}
check_shot() { # png min_colours
  [ "$(stat -c %s "$1")" -gt 20000 ] || fail "$1 is too small to hold a rendered page"
  if command -v python3 >/dev/null; then
    read -r w h colours < <(python3 "$CF_SOURCE_DIR/tests/support/png_colors.py" "$1") || fail "$1 does not decode"
    [ "$colours" -gt "$2" ] || fail "$1 has only $colours colours: blank page?"
  fi
}
shot cell 1280 2000; check_shot cell-1280.png 200
shot recipe 1280 2000; check_shot recipe-1280.png 100
shot cell 390 1600; check_shot cell-390.png 100
echo "report_html: ok"
