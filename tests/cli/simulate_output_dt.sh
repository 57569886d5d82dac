#!/usr/bin/env bash
# CLI: `simulate --output-dt P` writes a row at every multiple of P in the run
# (exactly once, to 1e-9 s) and at the step ends, and nowhere else: for every
# model, for a drive cycle at a tight tolerance (whose solver steps crowd the
# drive cycle's kinks and land within nanoseconds of whole seconds) and for a
# protocol whose steps end off the grid.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
D="$CF_SOURCE_DIR/tests/data/protocol"

# check_grid FILE P: every multiple of P in [first row, last row] appears once;
# every other row is a step boundary (the first or last row of a step, or the
# end of a drive-cycle pass: where the step or cycle column changes, or a time
# repeated by a segment's start row).
check_grid() {
  awk -F, -v P="$2" '
    NR == 1 { next }
    { n++; t[n] = $1 + 0; s[n] = $6 "," $7 }
    END {
      if (n < 3) { print "only " n " rows"; exit 1 }
      # the CSV holds 6 decimals: 1e-6 s is the round-off of the file itself
      tol = 2e-6
      for (i = 1; i <= n; i++) {
        k = int(t[i] / P + 0.5)
        on = (t[i] - k * P < tol && k * P - t[i] < tol)
        if (on) cnt[k]++
        boundary = (i == 1 || i == n || s[i] != s[i - 1] || s[i] != s[i + 1] ||
                    t[i] == t[i - 1] || t[i] == t[i + 1])
        if (!on && !boundary) { printf "row %d at t = %.6f s is neither on the grid nor a step end\n", i + 1, t[i]; exit 1 }
        if (i > 1 && t[i] < t[i - 1]) { printf "time goes back at row %d\n", i + 1; exit 1 }
      }
      for (k = 0; k * P <= t[n] + tol; k++) {
        if (!(k in cnt)) { printf "no row at t = %.6f s\n", k * P; exit 1 }
        # a multiple on a step boundary carries the end row and the next start row
        if (cnt[k] > 2) { printf "%d rows at t = %.6f s\n", cnt[k], k * P; exit 1 }
        if (cnt[k] == 2) twice++
        total++
      }
      if (twice > total / 10) { printf "%d of %d multiples appear twice\n", twice, total; exit 1 }
      printf "%d rows, %d multiples\n", n, total
    }' "$1"
}

for m in spm spme dfn; do
  "$CELLFORGE" simulate --model $m --mesh 10 --soc 0.5 --rtol 1e-11 --drive-cycle "$D/drive_long.csv" \
    --output-dt 1 --out "$tmp/d_$m.csv" > /dev/null || fail "$m drive cycle exited $?"
  r=$(check_grid "$tmp/d_$m.csv" 1) || fail "$m drive cycle, --output-dt 1: $r"
  # 552.5 s of drive cycle: 553 whole seconds from 0 to 552 and the end row
  rows=$(($(wc -l < "$tmp/d_$m.csv") - 1))
  [ "$rows" -eq 554 ] || fail "$m drive cycle: $rows rows, expected 553 whole seconds + the end"
done

# steps ending off the grid: rows stay on multiples of the run's time, not of
# each step's start (the steps end at voltage stops and odd durations)
for m in spm spme dfn; do
  "$CELLFORGE" simulate --model $m --mesh 10 --output-dt 7.5 --out "$tmp/p_$m.csv" \
    --protocol "Discharge at 1C until 3.6 V; Rest for 10 minutes; Charge at 0.5C for 7.3 minutes; Discharge at 2C for 1 minute" \
    > /dev/null || fail "$m protocol exited $?"
  r=$(check_grid "$tmp/p_$m.csv" 7.5) || fail "$m protocol, --output-dt 7.5: $r"
  # the off-grid rows are the step ends: at most two per step (end + next start)
  off=$(awk -F, 'NR > 1 { k = int($1 / 7.5 + 0.5); d = $1 - k * 7.5; if (d > 2e-6 || d < -2e-6) n++ } END { print n + 0 }' "$tmp/p_$m.csv")
  [ "$off" -ge 3 ] && [ "$off" -le 8 ] || fail "$m protocol: $off rows off the grid, expected the step ends only"
done
echo "simulate_output_dt: ok"
