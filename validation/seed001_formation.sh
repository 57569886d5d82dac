#!/usr/bin/env bash
# Seed 001 from its recipe: design vs simulated formation, and the claims with
# and without the simulation's process record.
#   validation/seed001_formation.sh [path/to/cellforge]
# Runs "Rest for 1 hour; Charge at C/20 until V_MAX; Discharge at C/20 until
# V_MIN" (the design's cut-offs) and prints the design's first charge, plated
# lithium and reversible capacity against the record's and the run's, the
# electrodes' potentials at the cut-offs against the design's, and the seed-001
# claim statuses from the design alone and with --run.  Exits 1 when a figure
# differs by more than 2 %.
set -u
bad=0
root=$(cd "$(dirname "$0")/.." && pwd)
cf=${1:-$root/build/cellforge}
recipe=$root/examples/recipe_li_reservoir.json
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$cf" design "$recipe" --json > "$tmp/d.json" || { echo "design failed"; exit 1; }
lim=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cell"]; print(c["voltage_min_V"], c["voltage_max_V"])' "$tmp/d.json")
set -- $lim
protocol="Rest for 1 hour; Charge at C/20 until $2 V; Discharge at C/20 until $1 V"
echo "protocol: $protocol"
if ! "$cf" simulate --cell "$recipe" --record "$tmp/rr.json" --protocol "$protocol" --json --out "$tmp/sim.csv" > "$tmp/sim.json" 2>"$tmp/sim.err"; then
  echo "simulation failed:"; cat "$tmp/sim.err"; exit 1
fi
python3 - "$tmp/d.json" "$tmp/rr.json" "$tmp/sim.json" "$tmp/sim.csv" <<'PY' || bad=1
import json, sys
d = json.load(open(sys.argv[1]))["cell"]; r = json.load(open(sys.argv[2])); o = json.load(open(sys.argv[3]))
charged = o["process"]["first_charge_passed_Ah"]
rows = [("first charge (Ah)", d["first_charge_Ah"], charged),
        ("plated lithium (Ah)", d["li_plated_Ah"], r["li_metal_plated_Ah"]),
        ("capacity, C/20 discharge (Ah)", d["capacity_Ah"], o["capacity_Ah"])]
print(f"{'':32s} {'design':>9s} {'simulated':>9s} {'diff':>7s}")
worst = 0
for name, a, b in rows:
    worst = max(worst, abs(b / a - 1))
    print(f"{name:32s} {a:9.5f} {b:9.5f} {100 * (b / a - 1):+6.2f} %")
print(f"Li/O of the positive at the first charge: {r['li_o_ratio_after_prelithiation']:.4f}")
import csv
end = {}  # the last row of each step: the charge's and the discharge's cut-off
for row in csv.DictReader(open(sys.argv[4])):
    end[row["step"]] = row
cut = [end[k] for k in sorted(end, key=int)[-2:]]
for side in ("negative", "positive"):
    sim = [float(x[side + "_potential_V"]) for x in cut]
    des = d[side + "_potential_V"]
    w = d[side + "_window_V"]
    print(f"{side} vs Li/Li+ at {d['voltage_max_V']:g} / {d['voltage_min_V']:g} V: design {des[1]:6.3f} / {des[0]:6.3f} V, "
          f"simulated {sim[0]:6.3f} / {sim[1]:6.3f} V (window {w[0]:g}-{w[1]:g} V)")
sys.exit(1 if worst > 0.02 else 0)
PY
"$cf" claims "$recipe" --seed 001 | awk '/^ +[0-9]+ /{print $1, $2}' > "$tmp/c0"
"$cf" claims "$recipe" --seed 001 --run "$tmp/rr.json" | awk '/^ +[0-9]+ /{print $1, $2}' > "$tmp/c1"
echo "claim  design  with --run"
paste -d' ' "$tmp/c0" "$tmp/c1" | awk '{printf "%5s  %-7s %s%s\n", $1, $2, $4, ($2 != $4 ? "   <- differs" : "")}'
exit $bad
