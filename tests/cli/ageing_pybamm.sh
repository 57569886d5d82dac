#!/usr/bin/env bash
# SEI growth against PyBaMM (validation/pybamm_sei_reference.py, data in
# validation/data/ageing/sei_reference.json): the same cell (Chen2020 with
# O'Kane 2022's SEI parameters), models (SPMe, DFN), SEI laws
# (reaction-limited, solvent-diffusion-limited) and 100 CC-CV cycles.  Each
# cycle's discharge capacity must agree within 1 % and the loss of lithium
# inventory within 2 % (relative); the SEI thickness is printed beside them.
# The same for partially reversible lithium plating beside reaction-limited
# SEI (validation/pybamm_plating_reference.py, plating_reference.json), with
# the lithium lost to plating (plated and dead) printed beside.  cellforge runs
# PyBaMM's finite volumes on its mesh (--discretisation fv).
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
ref="$CF_SOURCE_DIR/validation/data/ageing/sei_reference.json"
[ -f "$ref" ] || fail "no $ref"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$ref" "$tmp/protocol.txt" <<'PY' || fail "reference"
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("repeat %d\n{\n%s\n}\n" % (d["cycles"], "\n".join(d["protocol"])))
PY
for model in spme dfn; do
  for sei in reaction solvent-diffusion; do
    "$CELLFORGE" simulate --discretisation fv --model $model --sei $sei --protocol-file "$tmp/protocol.txt" \
      --cycles-out "$tmp/${model}_$sei.csv" > /dev/null || fail "$model $sei: exit $?"
  done
done
python3 - "$ref" "$tmp" <<'PY' || fail "comparison"
import csv, json, sys
d = json.load(open(sys.argv[1]))
worst = {}
for case in d["cases"]:
    name = case["sei"].split()[0]
    rows = list(csv.DictReader(open(f"{sys.argv[2]}/{case['model']}_{name}.csv")))
    ref = case["per_cycle"]
    assert len(rows) == len(ref), (case["model"], name, len(rows), len(ref))
    dq = dl = dL = 0.0
    for r, p in zip(rows, ref):
        dq = max(dq, abs(float(r["discharge_Ah"]) / p["discharge_Ah"] - 1))
        dl = max(dl, abs(float(r["lli_pct"]) / p["lli_pct"] - 1))
        dL = max(dL, abs(float(r["sei_thickness_m"]) / p["sei_thickness_m"] - 1))
    last, plast = rows[-1], ref[-1]
    print(f"{case['model']:4s} {case['sei']:26s} cycle {len(rows)}: capacity {float(last['discharge_Ah']):.4f} Ah "
          f"(PyBaMM {plast['discharge_Ah']:.4f}), LLI {float(last['lli_pct']):.4f} % ({plast['lli_pct']:.4f}); "
          f"max rel. difference: capacity {dq:.2e}, LLI {dl:.2e}, SEI thickness {dL:.2e}")
    assert dq < 0.01, ("capacity", case["model"], name, dq)
    assert dl < 0.02, ("LLI", case["model"], name, dl)
PY
pref="$CF_SOURCE_DIR/validation/data/ageing/plating_reference.json"
[ -f "$pref" ] || fail "no $pref"
for model in spme dfn; do
  "$CELLFORGE" simulate --discretisation fv --model $model --sei reaction --plating partially-reversible \
    --protocol-file "$tmp/protocol.txt" --cycles-out "$tmp/${model}_plating.csv" > /dev/null || fail "$model plating: exit $?"
done
python3 - "$pref" "$tmp" <<'PY' || fail "plating comparison"
import csv, json, sys
d = json.load(open(sys.argv[1]))
for case in d["cases"]:
    rows = list(csv.DictReader(open(f"{sys.argv[2]}/{case['model']}_plating.csv")))
    ref = case["per_cycle"]
    assert len(rows) == len(ref), (case["model"], len(rows), len(ref))
    dq = dl = dp = 0.0
    for r, p in zip(rows, ref):
        dq = max(dq, abs(float(r["discharge_Ah"]) / p["discharge_Ah"] - 1))
        dl = max(dl, abs(float(r["lli_pct"]) / p["lli_pct"] - 1))
        dp = max(dp, abs((float(r["plated_li_Ah"]) + float(r["dead_li_Ah"])) / p["loss_to_plating_Ah"] - 1))
    last, plast = rows[-1], ref[-1]
    print(f"{case['model']:4s} SEI + partially reversible plating cycle {len(rows)}: capacity "
          f"{float(last['discharge_Ah']):.4f} Ah (PyBaMM {plast['discharge_Ah']:.4f}), LLI {float(last['lli_pct']):.4f} % "
          f"({plast['lli_pct']:.4f}); max rel. difference: capacity {dq:.2e}, LLI {dl:.2e}, plated+dead {dp:.2e}")
    assert dq < 0.01, ("capacity", case["model"], dq)
    assert dl < 0.02, ("LLI", case["model"], dl)
PY
echo ok
