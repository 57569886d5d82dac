#!/usr/bin/env bash
# Ageing benchmark: chen2020 with reaction-limited SEI (O'Kane 2022) and
# partially reversible lithium plating, cycled at 1C discharge / 0.3C CC-CV
# charge (Discharge at 1C until 2.5 V; Charge at 0.3C until 4.2 V; Hold at
# 4.2 V until C/20) with "terminate 80% capacity":
#   SPMe 1000 and 5000 cycles, DFN (mesh 10) 1000 cycles, SPM 1000 cycles;
# then the coupled case, okane2022 with every degradation it has on (SEI,
# SEI on cracks, partially reversible plating, stress-driven loss of active
# material, particle cracking): SPMe 5000 cycles and DFN (mesh 10) 1000.
# Each line: cycles run, how the run ended (completed, or the termination
# named), capacity and LLI at the last cycle, CPU time (user+sys) and wall
# time.  With PyBaMM in validation/.venv, PyBaMM's time for the same cell,
# submodels and protocol (its "SEI": "reaction limited", "lithium plating":
# "partially reversible") over PYBAMM_CYCLES cycles (default 100) follows, and
# cellforge's time for the same number of cycles beside it.
# Usage: bench/ageing_bench.sh [SCALE]   (SCALE divides the cycle counts; default 1)
# PYBAMM_PYTHON names another interpreter with PyBaMM; PYBAMM_ONLY=1 runs only the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
CF=${CELLFORGE:-build/cellforge}
[ -x "$CF" ] || { scripts/build >/dev/null; CF=build/cellforge; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
protocol() { # protocol N > file
  printf 'repeat %d\n{\nDischarge at 1C until 2.5 V\nCharge at 0.3C until 4.2 V\nHold at 4.2 V until C/20\n}\nterminate 80%% capacity\n' "$1"
}
# The cell and its degradation submodels: chen2020 with SEI and plating, unless CELL_ARGS says otherwise.
CELL_ARGS="--sei reaction --plating partially-reversible"
run() { # run LABEL MODEL MESH CYCLES
  local n=$(( $4 / scale )); [ "$n" -ge 1 ] || n=1
  protocol "$n" > "$tmp/p.txt"
  # shellcheck disable=SC2086  # CELL_ARGS is a list of options
  /usr/bin/time -f "%U %S %e" -o "$tmp/time" "$CF" simulate --discretisation fv --model "$2" --mesh "$3" $CELL_ARGS \
    --protocol-file "$tmp/p.txt" --output-dt 3600 --json > "$tmp/out.json" || true
  read -r user sys wall < <(tail -1 "$tmp/time")
  python3 - "$tmp/out.json" "$1" "$n" "$user" "$sys" "$wall" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); c = d["cycles"]
cpu = float(sys.argv[4]) + float(sys.argv[5])
end = d["termination"]["reason"] + (": " + d["note"] if d.get("note") else "")
print(f"{sys.argv[2]:22s} {len(c):5d}/{sys.argv[3]} cycles  {end:60.60s}  capacity {c[-1]['discharge_Ah']:.4f} Ah "
      f"(first {c[0]['discharge_Ah']:.4f}), LLI {c[-1]['lli_pct']:.3f} %  cpu {cpu:.2f} s  wall {float(sys.argv[6]):.2f} s")
PY
}
echo "cellforge $("$CF" --version 2>/dev/null | head -1)"
if [ -z "${PYBAMM_ONLY:-}" ]; then
run "SPMe mesh 20" spme 20 1000
run "SPMe mesh 10" spme 10 1000
run "SPM mesh 10" spm 10 1000
run "DFN mesh 10" dfn 10 1000
run "SPMe mesh 10, 5000" spme 10 5000
CELL_ARGS="--cell okane2022"
run "coupled SPMe 10, 5000" spme 10 5000
run "coupled DFN 10, 1000" dfn 10 1000
CELL_ARGS="--sei reaction --plating partially-reversible"
fi
PY=${PYBAMM_PYTHON:-validation/.venv/bin/python}
if [ -x "$PY" ] && "$PY" -c "import pybamm" 2>/dev/null; then
  n=${PYBAMM_CYCLES:-100}
  for m in spme dfn; do
    "$PY" bench/pybamm_ageing_bench.py --model "$m" --mesh 10 --cycles "$n"
    scale=1 run "cellforge $m mesh 10" "$m" 10 "$n"
  done
else
  echo "PyBaMM: not installed in validation/.venv (validation/make-reference creates it)"
fi
