#!/usr/bin/env bash
# --into RECIPE COMPONENT: each analysis writes its keys into the hard-carbon
# component, keeps every other key, and refuses missing paths without
# touching the file.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
E="$CF_SOURCE_DIR/examples/charact"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
R="$T/recipe.json"
cat > "$R" <<'JSON'
{
  "name": "into test",
  "negative": {
    "components": [
      {"material": "carbon_black", "mass_fraction": 0.04},
      {"material": "hard_carbon", "mass_fraction": 0.9, "d002_nm": 0.5, "lc_nm": 9,
       "precursor": "vinyl_resin", "oxidation_C": 250, "bulk_density_g_cm3": 0.55}
    ]
  },
  "positive": {"components": [{"material": "limn2o4", "mass_fraction": 0.9}]}
}
JSON
# key K: the number stored for "K" in the recipe
key() { grep -o "\"$1\": *[-0-9.eE+]*" "$R" | head -1 | sed 's/.*: *//'; }
near() { awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; }

out=$("$CELLFORGE" xrd "$E/hard_carbon.xy" --strip-ka2 --into "$R" negative) || fail "xrd --into exit $?"
echo "$out" | grep -q "wrote         d002_nm, lc_nm into .* (negative.components\[1\])" || fail "xrd into line: $out"
near "$(key d002_nm)" 0.381 0.001 || fail "d002 not written: $(cat "$R")"
near "$(key lc_nm)" 1.2 0.06 || fail "lc not written"
"$CELLFORGE" psd "$E/psd_laser.csv" --bet 3.9 --into "$R" 'negative.components[1]' >/dev/null || fail "psd --into"
near "$(key dv50_um)" 8.66 0.1 || fail "dv50 not written"
near "$(key bet_m2_g)" 3.9 1e-9 || fail "bet from --bet not written"
out=$("$CELLFORGE" bet "$E/isotherm_n2.txt" --json --into "$R" negative) || fail "bet --into"
printf '%s' "$out" | grep -q '"into": {"recipe": ' || fail "json into member: $out"
near "$(key bet_m2_g)" 3.918 0.078 || fail "bet not written"
"$CELLFORGE" dta "$E/dta_air.txt" --into "$R" negative >/dev/null || fail "dta --into"
near "$(key exotherm_peak_C)" 672 1 || fail "exotherm not written"
"$CELLFORGE" chn --C 95.1 --H 0.4 --N 1.2 --into "$R" negative >/dev/null || fail "chn --into"
near "$(key h_c_atomic)" 0.050119 0.000001 || fail "h/c not written"
near "$(key n_wt_pct)" 1.2 1e-9 || fail "n not written"
"$CELLFORGE" shape "$E/shape_particles.txt" --into "$R" negative >/dev/null || fail "shape --into"
near "$(key sphericity)" 0.95 0.01 || fail "sphericity not written"
# Everything else kept.
grep -q '"precursor": "vinyl_resin"' "$R" || fail "precursor lost"
near "$(key oxidation_C)" 250 0 || fail "oxidation lost"
near "$(key bulk_density_g_cm3)" 0.55 0 || fail "bulk density lost"
grep -q '"name": "into test"' "$R" || fail "name lost"
[ "$(grep -c '"material"' "$R")" -eq 3 ] || fail "components changed"

# Errors: exit 2, clear message, file untouched.
cp "$R" "$T/before.json"
"$CELLFORGE" dta "$E/dta_air.txt" --into "$R" positive 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "positive has no hard carbon: exit"
grep -q 'no component with material "hard_carbon" (materials: limn2o4)' "$T/err" || fail "msg: $(cat "$T/err")"
"$CELLFORGE" dta "$E/dta_air.txt" --into "$R" 'negative.components[7]' 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "bad index exit"
grep -q 'has 2 entries: \[7\] does not exist' "$T/err" || fail "msg: $(cat "$T/err")"
"$CELLFORGE" dta "$E/dta_air.txt" --into "$R" 'negative.components[0]' 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "wrong material exit"
grep -q 'has material "carbon_black", expected "hard_carbon"' "$T/err" || fail "msg: $(cat "$T/err")"
"$CELLFORGE" dta "$E/dta_air.txt" --into "$R" separator 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "missing electrode exit"
grep -q "no key 'separator'" "$T/err" || fail "msg: $(cat "$T/err")"
cmp -s "$R" "$T/before.json" || fail "recipe changed by a failed --into"
ls "$T" | grep -q 'tmp' && fail "temporary file left behind"
"$CELLFORGE" dta "$E/dta_air.txt" --into "$T/missing.json" negative 2>/dev/null
[ $? -eq 1 ] || fail "missing recipe should be an I/O error (exit 1)"
echo ok
