#!/usr/bin/env bash
# Seed 000 (docs/seeds.md): the Sn-Ni layer's initial porosity across the
# claimed 30-75 % window, with its thickness held (thickness_swelling 0, the
# pores take the particles' growth), half constrained (0.5) and free (1, the
# porosity is kept and the layer thickens).  C/5 discharge from 100 % SOC of
# examples/sn_ni_cell.json (DFN); the thickness change is from the layer as
# built (discharged), so the charged start is its most swollen state.
# Usage: examples/studies/swelling_study.sh [path/to/cellforge]
set -euo pipefail
CF=${1:-build/cellforge}
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo "== Seed 000: Sn-Ni layer porosity x thickness constraint (examples/sn_ni_cell.json), C/5 from 100 % SOC"
echo "   porosity %  thickness_swelling  capacity Ah  energy Wh  neg. thickness max %  neg. min porosity  outcome"
for P in 0.30 0.45 0.60 0.75; do
  for S in 0 0.5 1; do
    python3 - "$P" "$S" > "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open('examples/sn_ni_cell.json'))
r['negative']['porosity'] = float(sys.argv[1])
r['negative']['thickness_swelling'] = float(sys.argv[2])
print(json.dumps(r))
PY
    if "$CF" simulate --cell "$tmp/r.json" --crate 0.2 --json > "$tmp/o.json" 2> "$tmp/e"; then
      python3 - "$P" "$S" "$tmp/o.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[3]))
sw = d['swelling']['negative']
print("   %-10s  %18s  %11.4f  %9.3f  %20.1f  %17.4f  ok" % (round(float(sys.argv[1]) * 100), sys.argv[2],
      d['capacity_Ah'], d['energy_Wh'], sw['max_thickness_change_pct'], sw['min_porosity']))
PY
    else
      printf "   %-10s  %18s  %11s  %9s  %20s  %17s  %s\n" "$(python3 -c "print(round($P*100))")" "$S" - - - - \
        "$(sed 's/.*: //' "$tmp/e" | cut -c1-60)"
    fi
  done
done
