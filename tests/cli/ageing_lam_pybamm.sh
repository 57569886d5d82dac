#!/usr/bin/env bash
# Stress-driven loss of active material against PyBaMM
# (validation/pybamm_lam_reference.py, data in
# validation/data/ageing/lam_reference.json): PyBaMM's Chen2020 with
# OKane2022's mechanics and LAM parameters, "loss of active material":
# "stress-driven" on both electrodes, the CC-CV cycles of the reference.
# Limits per cycle (relative), from what the models share:
#  - DFN (PyBaMM's stress-induced diffusion on, its default): capacity 1e-3,
#    LLI and LAM of each electrode 1e-3 (measured: ~1e-5);
#  - SPMe: capacity 1e-3, LAM and LLI 3 % — PyBaMM's x-averaged particle
#    with stress-induced diffusion loses ~2 % more positive material per
#    cycle than its DFN does; cellforge's SPMe stays with the DFN (measured
#    over 20 cycles: positive LAM 1.9 %, negative 0.2 %, LLI 1.2 %; capacity
#    1e-6).  Without stress-induced diffusion both SPMs agree to ~5e-6.
# cellforge runs PyBaMM's finite volumes on its mesh (--discretisation fv).
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
ref="$CF_SOURCE_DIR/validation/data/ageing/lam_reference.json"
[ -f "$ref" ] || fail "no $ref"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$ref" "$tmp/protocol.txt" <<'PY' || fail "reference"
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("repeat %d\n{\n%s\n}\n" % (d["cycles"], "\n".join(d["protocol"])))
PY
lam="--lam-negative stress-driven --lam-positive stress-driven"
"$CELLFORGE" simulate --discretisation fv --model spme $lam --protocol-file "$tmp/protocol.txt" --cycles-out "$tmp/spme.csv" > /dev/null \
  || fail "spme: exit $?"
"$CELLFORGE" simulate --discretisation fv --model dfn $lam --protocol-file "$tmp/protocol.txt" --cycles-out "$tmp/dfn.csv" > /dev/null \
  || fail "dfn: exit $?"
python3 - "$ref" "$tmp" <<'PY' || fail "comparison"
import csv, json, sys
d = json.load(open(sys.argv[1]))
limits = {"dfn": (1e-3, 1e-3), "spme": (1e-3, 0.03)}
assert sorted(c["model"] for c in d["cases"]) == sorted(limits), [c["model"] for c in d["cases"]]
for case in d["cases"]:
    rows = list(csv.DictReader(open(f"{sys.argv[2]}/{case['model']}.csv")))
    ref = case["per_cycle"]
    assert len(rows) == len(ref), (case["model"], len(rows), len(ref))
    worst = dict(discharge_Ah=0.0, lli_pct=0.0, lam_neg_pct=0.0, lam_pos_pct=0.0)
    for r, p in zip(rows, ref):
        for k in worst:
            worst[k] = max(worst[k], abs(float(r[k]) / p[k] - 1))
    last, plast = rows[-1], ref[-1]
    print(f"{case['model']:10s} cycle {len(rows)}: capacity {float(last['discharge_Ah']):.4f} Ah "
          f"(PyBaMM {plast['discharge_Ah']:.4f}), LAM {float(last['lam_neg_pct']):.5f} % / "
          f"{float(last['lam_pos_pct']):.5f} % ({plast['lam_neg_pct']:.5f} / {plast['lam_pos_pct']:.5f}), "
          f"LLI {float(last['lli_pct']):.5f} % ({plast['lli_pct']:.5f}); max rel. difference: "
          + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    qlim, llim = limits[case["model"]]
    assert worst["discharge_Ah"] < qlim, (case["model"], "capacity", worst)
    for k in ("lli_pct", "lam_neg_pct", "lam_pos_pct"):
        assert worst[k] < llim, (case["model"], k, worst)
PY
echo ok
