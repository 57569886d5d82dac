#!/usr/bin/env bash
# CLI: cellforge sweep gives the same file with 1 thread, 2 threads and 2 MPI
# ranks; capacities fall with the C-rate and rise with temperature.  Exits 77
# (skip) only when mpirun is not installed, after the thread checks passed.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/spec.json" <<'JSON'
{"cell": "chen2020", "model": "spm", "mesh": 8,
 "vary": {"negative.thickness_m": [7.5e-5, 8.52e-5], "temperature_C": [5, 25, 45],
          "crate": [0.5, 1, 2, 3]},
 "outputs": ["capacity_Ah", "energy_Wh", "min_voltage_V", "duration_s"]}
JSON

"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/t1.csv" --threads 1 2>"$tmp/err" || fail "1 thread: exit $? $(cat "$tmp/err")"
"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/t2.csv" --threads 2 2>"$tmp/err" || fail "2 threads: exit $?"
cmp -s "$tmp/t1.csv" "$tmp/t2.csv" || fail "1 and 2 threads differ: $(diff "$tmp/t1.csv" "$tmp/t2.csv" | head -5)"
[ "$(wc -l < "$tmp/t1.csv")" -eq 25 ] || fail "expected 24 rows and a header"
head -1 "$tmp/t1.csv" | grep -qx "run,negative.thickness_m,temperature_C,crate,capacity_Ah,energy_Wh,min_voltage_V,duration_s,error" \
  || fail "header: $(head -1 "$tmp/t1.csv")"
grep -qi nan "$tmp/t1.csv" && fail "NaN in results"
# Runs in order 0..23; the last dimension (crate) varies fastest.
awk -F, 'NR > 1 && $1 != NR - 2 { exit 1 }' "$tmp/t1.csv" || fail "rows out of order"
# Physics: within each (thickness, T) group capacity falls with the rate; at
# 3C a warmer cell gives more (faster diffusion and kinetics); every
# discharge ends at the 2.5 V cut-off.
awk -F, 'NR > 1 { g = int(($1) / 4); if ($1 % 4 && !($5 < prev)) bad = 1; prev = $5; if ($9 != "") bad = 1
                   if ($7 < 2.4999 || $7 > 2.5001) bad = 1 } END { exit bad }' "$tmp/t1.csv" \
  || fail "capacity does not fall with the C-rate, a run failed, or a run missed the cut-off"
awk -F, 'NR > 1 && $4 == 3 { q[$1] = $5 } END { exit !(q[3] < q[7] && q[7] < q[11] && q[15] < q[19] && q[19] < q[23]) }' \
  "$tmp/t1.csv" || fail "capacity at 3C does not rise with temperature"

command -v mpirun >/dev/null 2>&1 || { echo "skip: mpirun is not installed (threads checked)"; exit 77; }
# Open MPI's own allocations are not ours to check for leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
MPIRUN=(mpirun -np 2 --oversubscribe --allow-run-as-root)
if "$CELLFORGE" sweep --help | grep -q "built with MPI support"; then
  timeout 120 "${MPIRUN[@]}" "$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/m.csv" --threads 1 2>"$tmp/err" \
    || fail "mpirun -np 2: exit $? $(cat "$tmp/err")"
  cmp -s "$tmp/t1.csv" "$tmp/m.csv" || fail "MPI result differs: $(diff "$tmp/t1.csv" "$tmp/m.csv" | head -5)"
  # ranks x threads, and stdout output, give the same bytes too
  timeout 120 "${MPIRUN[@]}" "$CELLFORGE" sweep "$tmp/spec.json" --threads 2 >"$tmp/m2.csv" 2>"$tmp/err" \
    || fail "mpirun with 2 threads per rank: exit $?"
  cmp -s "$tmp/t1.csv" "$tmp/m2.csv" || fail "MPI (2 threads per rank) result differs"
else
  # Without MPI support the command must refuse to run once per rank.
  timeout 120 "${MPIRUN[@]}" "$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/m.csv" >/dev/null 2>"$tmp/err" \
    && fail "a build without MPI ran under mpirun"
  grep -q "without MPI support" "$tmp/err" || fail "no clear message under mpirun: $(cat "$tmp/err")"
  [ -e "$tmp/m.csv" ] && fail "wrote results under mpirun without MPI"
fi
exit 0
