#!/usr/bin/env bash
# cellforge's side of validation/pybamm_limits.py: the runs that reach a
# physical limit (docs/models.md, "Limits"), printed as one summary each, with
# PyBaMM's finite volumes (--discretisation fv).
#   validation/limits.sh            # uses build/cellforge
#   CELLFORGE=path/to/cellforge validation/limits.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CF=${CELLFORGE:-build/cellforge}
CCCV="Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C until 4.2 V; Hold at 4.2 V until C/50; Rest for 30 minutes; Discharge at 2C until 2.5 V"
for mesh in 20 10; do
  for integ in bdf ida; do
    echo "== CC-CV cycle, DFN, mesh $mesh, $integ"
    "$CF" simulate --discretisation fv --mesh "$mesh" --integrator "$integ" --protocol "$CCCV" | grep -E "charged|discharged|duration"
  done
done
for rate in 3 2.5; do
  for model in dfn spme; do
    echo "== ${rate}C discharge, $model"
    "$CF" simulate --discretisation fv --model "$model" --crate "$rate" | grep -E "capacity|duration|final"
  done
done
echo "== Hold at 4.1 V until 50 mA from 50 % SOC (and after a rest)"
"$CF" simulate --discretisation fv --soc 0.5 --protocol "Hold at 4.1 V until 50 mA" | grep -E "charged|duration"
"$CF" simulate --discretisation fv --soc 0.5 --protocol "Rest for 10 minutes; Hold at 4.1 V until 50 mA" | grep -E "run|charged|duration"
