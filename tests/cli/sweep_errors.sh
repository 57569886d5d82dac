#!/usr/bin/env bash
# CLI: cellforge sweep — spec errors exit 2 and say where, progress goes to
# stderr only, failed runs keep their row, recipe sweeps compute designs
# (and refuse outputs or recipes they cannot simulate).
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

bad() { # bad SPEC-TEXT EXPECTED-FRAGMENT...
  printf '%s' "$1" > "$tmp/bad.json"; shift
  "$CELLFORGE" sweep "$tmp/bad.json" --out "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
  local rc=$?
  [ $rc -eq 2 ] || fail "exit $rc (want 2) for $(cat "$tmp/bad.json"): $(cat "$tmp/err")"
  for frag in "$@"; do grep -qF -- "$frag" "$tmp/err" || fail "message lacks '$frag': $(cat "$tmp/err")"; done
  [ -e "$tmp/bad.csv" ] && fail "wrote results for a bad spec"
  return 0
}
bad '{"cell": "chen2020", "vary": {"negative.porosty": [0.2]}}' "vary.negative.porosty" "did you mean 'porosity'"
bad '{"cell": "chen2020", "vary": {"negative.porosity": {"from": 0.2, "to": 0.3, "n": 0}}}' "vary.negative.porosity.n" "[1, "
bad '{"cell": "chen2020", "sampling": "latin_hypercube", "samples": 8, "vary": {"soc": {"from": 1, "to": 0.2}}}' \
    "vary.soc" "from <= to"
bad '{"cell": "chen2020", "vary": {"negative.porosity.x": [0.2]}}' "no key 'x'"
bad '{"cell": "chen2020", "samplng": "grid"}' "did you mean 'sampling'"
bad '{"cell": "chen2020", "vary": {"temperature_C": [25, 200]}}' "vary.temperature_C[1]" "[-70, 120]"
bad '{"cell": "chen2020", "protocol": "Discharge at 1C untill 2.5 V"}' "protocol:1:"
bad '{"cell": "chen2020", "vary": {"soc": [0.5]}' "malformed JSON"
bad '{"cell": "nosuchcell.json"}' "nosuchcell.json"

"$CELLFORGE" sweep >/dev/null 2>&1; [ $? -eq 2 ] || fail "no spec: not exit 2"
"$CELLFORGE" sweep "$tmp/missing.json" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] || fail "missing spec: not exit 2"
grep -q "missing.json" "$tmp/err" || fail "missing spec not named"
echo '{"cell": "chen2020", "model": "spm", "mesh": 6}' > "$tmp/one.json"
"$CELLFORGE" sweep "$tmp/one.json" --threads 0 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--threads 0 accepted"
"$CELLFORGE" sweep "$tmp/one.json" --out "$tmp/nodir/x.csv" >/dev/null 2>&1 && fail "unwritable --out accepted"

# Progress on stderr only; stdout is exactly the CSV.  A failed run (porosity
# plus active fraction above 1) keeps its row and the others go on.
cat > "$tmp/s.json" <<'JSON'
{"cell": "chen2020", "model": "spm", "mesh": 6, "crate": 1,
 "vary": {"negative.porosity": [0.2, 0.3, 0.24]}, "outputs": ["capacity_Ah", "duration_s"]}
JSON
"$CELLFORGE" sweep "$tmp/s.json" --progress >"$tmp/out.csv" 2>"$tmp/err" || fail "sweep with a failing run: exit $?"
grep -q "runs/s" "$tmp/err" || fail "no progress on stderr with --progress"
grep -q "1 of 3 runs failed" "$tmp/err" || fail "failed runs not counted: $(cat "$tmp/err")"
head -1 "$tmp/out.csv" | grep -qx "run,negative.porosity,capacity_Ah,duration_s,error" || fail "stdout is not the CSV"
[ "$(wc -l < "$tmp/out.csv")" -eq 4 ] || fail "stdout has other lines"
sed -n 3p "$tmp/out.csv" | grep -q '^1,0.3,,,.*exceed 1' || fail "failed row: $(sed -n 3p "$tmp/out.csv")"
# 1C from the full cell: about one hour to the cut-off, a little under 5 Ah.
awk -F, 'NR == 2 || NR == 4 { if (!($3 > 4.5 && $3 < 5.1 && $4 > 3200 && $4 < 3700)) exit 1 }' "$tmp/out.csv" \
  || fail "1C runs out of range: $(cat "$tmp/out.csv")"
"$CELLFORGE" sweep "$tmp/s.json" >/dev/null 2>"$tmp/err2"
grep -q "runs/s" "$tmp/err2" && fail "progress shown on a non-terminal without --progress"

# Recipe sweep (design only): a thinner separator weighs less, so Wh/kg
# rises; this recipe gives the cell's outer size, so Wh/L stays the same.
# The claims columns hold statuses.
recipe="$CF_SOURCE_DIR/examples/recipe_commercial_graphite_nmc.json"
if [ -f "$recipe" ]; then
  printf '{"recipe": "%s", "vary": {"separator.thickness_um": [20, 12, 8]}, "outputs": ["wh_per_kg", "wh_per_L", "claim_000_1"]}' \
    "$recipe" > "$tmp/r.json"
  "$CELLFORGE" sweep "$tmp/r.json" --out "$tmp/r.csv" 2>"$tmp/err" || fail "recipe sweep: exit $? $(cat "$tmp/err")"
  awk -F, 'NR > 2 && !($3 > pkg && $4 == pl) { exit 1 } NR > 1 { pkg = $3; pl = $4 }' "$tmp/r.csv" \
    || fail "Wh/kg does not rise as the separator thins (or Wh/L moved): $(cat "$tmp/r.csv")"
  awk -F, 'NR > 1 && $5 !~ /^(met|not_met|undetermined)$/ { exit 1 }' "$tmp/r.csv" || fail "bad claim status"
  # A simulation-only output needs a simulating spec; a recipe the simulator
  # cannot take (lithium metal beside graphite in the negative) is a spec error that says why.
  printf '{"recipe": "%s", "outputs": ["duration_s"]}' "$recipe" > "$tmp/r2.json"
  "$CELLFORGE" sweep "$tmp/r2.json" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] || fail "duration_s of a design-only sweep accepted"
  grep -q "comes from a simulation" "$tmp/err" || fail "no reason for refusing duration_s: $(cat "$tmp/err")"
  sed 's/{"material": "graphite", "mass_fraction": 0.96/{"material": "lithium", "mass_fraction": 0.05}, {"material": "graphite", "mass_fraction": 0.91/' \
    "$recipe" > "$tmp/limix.json"
  grep -q '"lithium"' "$tmp/limix.json" || fail "no lithium in the edited recipe"
  echo '{"recipe": "limix.json", "crate": 1}' > "$tmp/r3.json"
  "$CELLFORGE" sweep "$tmp/r3.json" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] || fail "unsimulatable recipe not refused"
  grep -q "cannot be simulated.*lithium-metal negative cannot hold" "$tmp/err" || fail "no reason for refusing the recipe: $(cat "$tmp/err")"
  grep -q "does not offer yet" "$tmp/err" && fail "stale refusal message"
fi

# Without MPI support, a launch by mpirun is refused instead of running the
# sweep once per rank (the launcher is recognised by its environment).
if ! "$CELLFORGE" sweep --help | grep -q "built with MPI support"; then
  OMPI_COMM_WORLD_SIZE=2 "$CELLFORGE" sweep "$tmp/one.json" >/dev/null 2>"$tmp/err" && fail "ran under a fake launcher"
  grep -q "without MPI support" "$tmp/err" || fail "no MPI message"
fi
exit 0
