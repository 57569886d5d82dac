#!/usr/bin/env bash
# Characterisation commands on the example instrument files recover the
# answers the files were generated with (see each file's header); --help works.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
E="$CF_SOURCE_DIR/examples/charact"
# json KEY: the number for "KEY" in the one-line JSON object in $out
json() { printf '%s' "$out" | grep -o "\"$1\": *[-0-9.eE+]*" | head -1 | sed 's/.*: *//'; }
# near GOT WANT TOL: |GOT - WANT| <= TOL
near() { awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; }

out=$("$CELLFORGE" xrd "$E/hard_carbon.xy" --strip-ka2 --standard "$E/si_standard.xy" --json) || fail "xrd exit $?"
near "$(json d002_nm)" 0.381 0.001 || fail "xrd d002: $out"
near "$(json lc_nm)" 1.2 0.06 || fail "xrd Lc: $out"
printf '%s' "$out" | grep -q '"ka2_stripped": true' || fail "xrd ka2 flag"
out=$("$CELLFORGE" xrd "$E/hard_carbon.xy") || fail "xrd human exit $?"
echo "$out" | grep -q "d002 .* nm" || fail "xrd human output: $out"
echo "$out" | grep -q "Scherrer, K = 0.9" || fail "xrd K: $out"

out=$("$CELLFORGE" psd "$E/psd_laser.csv" --bet 3.92 --json) || fail "psd exit $?"
near "$(json d4_d1)" 1.4440 0.0144 || fail "psd D4/D1: $out"
near "$(json dv50_um)" 8.66 0.1 || fail "psd Dv50: $out"
near "$(json s_dv50)" 33.95 0.5 || fail "psd S*Dv50: $out"
out=$("$CELLFORGE" psd "$E/particles.txt" --json) || fail "psd list exit $?"
printf '%s' "$out" | grep -q '"kind": "particle_list"' || fail "psd list kind: $out"

out=$("$CELLFORGE" bet "$E/isotherm_n2.txt" --json) || fail "bet exit $?"
near "$(json bet_m2_g)" 3.918 0.078 || fail "bet area: $out"
printf '%s' "$out" | grep -q '"range_choice": "rouquerol"' || fail "bet range choice"

out=$("$CELLFORGE" dta "$E/dta_air.txt" --json) || fail "dta exit $?"
near "$(json exotherm_peak_C)" 672.0 1.0 || fail "dta peak: $out"

out=$("$CELLFORGE" chn --C 95.1 --H 0.4 --N 1.2 --json) || fail "chn exit $?"
# (0.4/1.008)/(95.1/12.011) = 0.050119
near "$(json h_c_atomic)" 0.050119 0.000001 || fail "chn H/C: $out"
near "$(json n_wt_pct)" 1.2 1e-12 || fail "chn N: $out"

out=$("$CELLFORGE" shape "$E/shape_particles.txt" --json) || fail "shape exit $?"
near "$(json sphericity)" 0.9499 0.01 || fail "shape mean: $out"
printf '%s' "$out" | grep -q '"definition": "circularity 4\*pi\*A/P^2"' || fail "shape definition: $out"

for c in xrd psd bet dta chn shape; do
  "$CELLFORGE" $c --help | grep -q "usage: cellforge $c" || fail "$c --help"
done
echo ok
