#!/usr/bin/env bash
# The SPMe at its electrolyte limit: voltage holds from rest (SOC 0.1-0.9,
# 2.5-4.2 V, until C/50) and constant current at +-3, 4, 5C, on chen2020 and
# the example cells the SPMe takes (those with lithium metal, plating or a
# reservoir need the DFN).  Each run is classified from its exit status and JSON:
#   completed  - ended on its own end condition (exit 0)
#   limit      - stopped on a named physical limit, rows kept (exit 3,
#                termination physical_limit, not an integration failure)
#   failed     - anything else (an integration failure, an error, a crash)
# and the totals are printed last.  Not part of CI (about a minute).
#   validation/spme_limits.sh            # uses build/cellforge
#   CELLFORGE=path/to/cellforge validation/spme_limits.sh [-v]
set -uo pipefail
cd "$(dirname "$0")/.."
CF=${CELLFORGE:-build/cellforge}
VERBOSE=${1:-}
CELLS="chen2020 examples/chen2020_thin_cell.json examples/hard_carbon_hev_cell.json examples/sn_ni_cell.json"
n_ok=0 n_lim=0 n_fail=0
run() { # label, then cellforge arguments
  local label=$1; shift
  local out rc cls
  out=$(timeout 300 "$CF" simulate --model spme --json "$@" 2>/dev/null); rc=$?
  cls=$(printf '%s' "$out" | python3 -c '
import json, sys
rc = int(sys.argv[1])
try:
    d = json.load(sys.stdin)
except Exception:
    print("failed no-json"); sys.exit()
t = d.get("termination") or {}
msg = t.get("message", "")
if rc == 0 and d.get("completed"):
    print("completed", d.get("rows"), "rows"); sys.exit()
if rc == 3 and t.get("reason") == "physical_limit" and "integration failed" not in msg and d.get("rows", 0) > 0:
    print("limit", d.get("rows"), "rows:", msg[:90]); sys.exit()
print("failed rc", rc, t.get("reason"), msg[:120])
' "$rc")
  case $cls in
    completed*) n_ok=$((n_ok + 1));;
    limit*) n_lim=$((n_lim + 1));;
    *) n_fail=$((n_fail + 1));;
  esac
  if [ -n "$VERBOSE" ] || [[ $cls == failed* ]]; then echo "$label: $cls"; fi
}
for cell in $CELLS; do
  for soc in 0.1 0.3 0.5 0.7 0.9; do
    for v in 2.5 3.0 3.5 4.0 4.2; do
      run "$cell hold $v V from SOC $soc" --cell "$cell" --soc "$soc" --protocol "Hold at $v V until C/50"
    done
  done
  for c in 3 4 5; do
    run "$cell ${c}C discharge" --cell "$cell" --crate "$c"
    run "$cell ${c}C charge" --cell "$cell" --crate "-$c"
  done
done
echo "SPMe limits: $((n_ok + n_lim + n_fail)) runs: $n_ok completed, $n_lim stopped on a named physical limit, $n_fail failed"
