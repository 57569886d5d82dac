#!/usr/bin/env bash
# Particle cracking with SEI on the cracks against PyBaMM
# (validation/pybamm_crack_reference.py, data in
# validation/data/ageing/crack_reference.json): PyBaMM's Chen2020 with
# OKane2022's SEI, mechanics and cracking parameters, solvent-diffusion-limited
# SEI, "swelling and cracking" on both electrodes and SEI on the negative's
# cracks (the "-lam" case adds stress-driven LAM), the reference's CC-CV cycles.
# Limits per cycle (relative): capacity 1 %, LLI and LAM 2 %, the lithium the
# SEI on the cracks took 2 %.  Where the models differ by design: PyBaMM's
# SPMe takes the SEI-on-cracks current out of its x-averaged total current
# nowhere (its inverse kinetics subtract the SEI's and plating's only), so its
# particles do not lose that lithium; cellforge's do (lithium is conserved),
# and its SPMe LLI is compared with PyBaMM's plus the SEI on the cracks' share
# of the particles' initial lithium.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
ref="$CF_SOURCE_DIR/validation/data/ageing/crack_reference.json"
[ -f "$ref" ] || fail "no $ref"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$ref" "$tmp" <<'PY' || fail "reference"
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2] + "/protocol.txt", "w") as f:
    f.write("repeat %d\n{\n%s\n}\n" % (d["cycles"], "\n".join(d["protocol"])))
with open(sys.argv[2] + "/cases", "w") as f:
    f.write("\n".join(c["model"] for c in d["cases"]) + "\n")
PY
# PyBaMM's scheme and mesh (--discretisation fv), as every same-mesh comparison with PyBaMM
common="--discretisation fv --sei solvent-diffusion-limited --cracking-negative cracking-with-sei --cracking-positive cracking"
while read -r case; do
  model=${case%%-*}
  extra=""
  [ "$case" = "${model}-lam" ] && extra="--lam-negative stress-driven --lam-positive stress-driven"
  # shellcheck disable=SC2086
  "$CELLFORGE" simulate --cell chen2020 --model "$model" $common $extra --protocol-file "$tmp/protocol.txt" \
    --cycles-out "$tmp/$case.csv" > /dev/null || fail "$case: exit $?"
done < "$tmp/cases"
python3 - "$ref" "$tmp" <<'PY' || fail "comparison"
import csv, json, sys
d = json.load(open(sys.argv[1]))
for case in d["cases"]:
    name = case["model"]
    rows = list(csv.DictReader(open(f"{sys.argv[2]}/{name}.csv")))
    ref = case["per_cycle"]
    assert len(rows) == len(ref), (name, len(rows), len(ref))
    keys = ["discharge_Ah", "lli_pct", "li_crack_sei_Ah", "crack_length_neg_m", "crack_sei_thickness_m"]
    if "lam_neg_pct" in ref[0]:
        keys += ["lam_neg_pct", "lam_pos_pct"]
    worst = dict.fromkeys(keys, 0.0)
    for r, p in zip(rows, ref):
        want = dict(p)
        if name.startswith("spme"):  # PyBaMM's SPMe particles keep the SEI on cracks' lithium
            want["lli_pct"] = p["lli_pct"] + 100 * p["li_crack_sei_Ah"] / case["li_particles_initial_Ah"]
        for k in keys:
            worst[k] = max(worst[k], abs(float(r[k]) / want[k] - 1))
    last, plast = rows[-1], ref[-1]
    print(f"{name:8s} cycle {len(rows)}: capacity {float(last['discharge_Ah']):.4f} Ah "
          f"(PyBaMM {plast['discharge_Ah']:.4f}), LLI {float(last['lli_pct']):.4f} % ({plast['lli_pct']:.4f}), "
          f"SEI on cracks {float(last['li_crack_sei_Ah']):.4e} Ah ({plast['li_crack_sei_Ah']:.4e}); "
          "max rel. difference: " + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    assert worst["discharge_Ah"] < 0.01, (name, "capacity", worst)
    for k in keys[1:]:
        assert worst[k] < 0.02, (name, k, worst)
PY
echo ok
