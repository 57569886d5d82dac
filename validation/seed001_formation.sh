#!/usr/bin/env bash
# Seed 001 from its recipe: design vs simulated formation, and the claims with
# and without the simulation's process record.
#   validation/seed001_formation.sh [path/to/cellforge]
# Prints the design's first charge and plated lithium, the record of
# "Rest for 1 hour; Charge at C/10 until 4.2 V; Discharge at C/10 until 3.0 V"
# (Li/O at the first charge, plated lithium), their difference, and the seed-001
# claim statuses from the design alone and with --run.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cf=${1:-$root/build/cellforge}
recipe=$root/examples/recipe_li_reservoir.json
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$cf" design "$recipe" --json > "$tmp/d.json" || { echo "design failed"; exit 1; }
if ! "$cf" simulate --cell "$recipe" --record "$tmp/rr.json" \
     --protocol "Rest for 1 hour; Charge at C/10 until 4.2 V; Discharge at C/10 until 3.0 V" > "$tmp/sim.txt" 2>&1; then
  echo "simulation failed:"; cat "$tmp/sim.txt"; exit 1
fi
python3 - "$tmp/d.json" "$tmp/rr.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
cell = d.get("cell", d)
def find(o, key):
    if isinstance(o, dict):
        if key in o: return o[key]
        for v in o.values():
            x = find(v, key)
            if x is not None: return x
    return None
plated_d = find(d, "li_plated_Ah") or find(d, "li_metal_plated_Ah")
first_d = find(d, "first_charge_Ah")
print(f"design:     first charge {first_d:.5f} Ah, of it plated as lithium metal {plated_d:.5f} Ah")
print(f"simulation: Li/O at the first charge {r['li_o_ratio_after_prelithiation']:.4f}, "
      f"plated {r['li_metal_plated_Ah']:.5f} Ah")
if plated_d:
    print(f"plated lithium, simulation / design - 1: {100 * (r['li_metal_plated_Ah'] / plated_d - 1):+.1f} %")
PY
"$cf" claims "$recipe" --seed 001 | awk '/^ +[0-9]+ /{print $1, $2}' > "$tmp/c0"
"$cf" claims "$recipe" --seed 001 --run "$tmp/rr.json" | awk '/^ +[0-9]+ /{print $1, $2}' > "$tmp/c1"
echo "claim  design  with --run"
paste -d' ' "$tmp/c0" "$tmp/c1" | awk '{printf "%5s  %-7s %s%s\n", $1, $2, $4, ($2 != $4 ? "   <- differs" : "")}'
