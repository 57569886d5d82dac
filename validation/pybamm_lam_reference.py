#!/usr/bin/env python3
"""PyBaMM reference for stress-driven loss of active material over CC-CV
cycling (docs/ageing.md).

The cell is PyBaMM's Chen2020 (the LG M50, cellforge's `chen2020`) with the
particle-mechanics and LAM parameters of PyBaMM's OKane2022 set (O'Kane et
al., PCCP 24 (2022) 7909): partial molar volume, Young's modulus, Poisson's
ratio, reference concentration, LAM proportional term beta, exponent m and
critical stress of each electrode.  Only those keys are taken from
OKane2022, so the rest of the cell is the one cellforge's chen2020
reproduces.  Models: SPMe and DFN with options {"loss of active material":
"stress-driven"} (PyBaMM then sets "particle mechanics": "swelling only" and
"stress-induced diffusion": "true", its defaults with mechanics).  Mesh:
PyBaMM's default (20 points per domain and particle); IDAKLU solver,
rtol = atol = 1e-6.

Protocol (from the parameter set's initial, charged state), N cycles of
    Discharge at 1C until 2.5 V
    Charge at 0.3C until 4.2 V
    Hold at 4.2 V until C/20

Per cycle it records the discharge capacity, the loss of lithium inventory
(lithium lost from both electrodes' particles, here with the active material
lost) and the loss of active material of each electrode (PyBaMM's "Loss of
active material in negative/positive electrode [%]") at the cycle's end.

Output: validation/data/ageing/lam_reference.json (or --out FILE), with
PyBaMM's version and these settings.

--cases solves only the named cases and keeps the others already in --out.

Usage: validation/.venv/bin/python validation/pybamm_lam_reference.py [--cycles N] [--cases a,b] [--out FILE]
"""

import json
import os
import platform
import sys

try:
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_lam_reference.py: cannot import pybamm ({exc}); run validation/make-reference first")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pybamm_ageing_common as common  # noqa: E402

MECH_KEYS = tuple(f"{d} electrode {k}" for d in ("Negative", "Positive") for k in (
    "partial molar volume [m3.mol-1]", "Young's modulus [Pa]", "Poisson's ratio",
    "reference concentration for free of deformation [mol.m-3]", "LAM constant proportional term [s-1]",
    "LAM constant exponential term", "critical stress [Pa]", "volume change"))
OPTIONS = {"loss of active material": "stress-driven"}
# name, model, options beyond OPTIONS (PyBaMM's defaults).  Without
# stress-induced diffusion the LG M50's NMC811 loses ~10 % of its material per
# cycle at these rates (its gradients, so its stresses, are ~350 times
# larger): no case to cycle 20 times.
CASES = (("spme", pybamm.lithium_ion.SPMe, {}), ("dfn", pybamm.lithium_ion.DFN, {}))
COLUMNS = {"lam_neg_pct": "Loss of active material in negative electrode [%]",
           "lam_pos_pct": "Loss of active material in positive electrode [%]"}


def main():
    args = common.parse_args(__doc__, "lam_reference.json", cases=[c[0] for c in CASES])
    wanted = args.cases.split(",")
    _, taken, _ = common.chen2020_with(MECH_KEYS)
    out = {"generator": "validation/pybamm_lam_reference.py", "pybamm_version": pybamm.__version__,
           "python": platform.python_version(),
           "parameter_set": "Chen2020 with OKane2022's particle-mechanics and LAM parameters",
           "okane2022_values": {k: (v if isinstance(v, (int, float)) else str(v)) for k, v in taken.items()},
           "options": OPTIONS, "mesh": common.MESH, "solver": common.SOLVER, "protocol": list(common.STEPS),
           "cycles": args.cycles, "cases": []}
    kept = []
    if os.path.exists(args.out):  # the cases not solved now, from the same settings
        old = json.load(open(args.out))
        if old.get("cycles") == args.cycles and old.get("pybamm_version") == pybamm.__version__:
            kept = [c for c in old["cases"] if c["model"] not in wanted]
    for name, cls, extra in CASES:
        if name not in wanted:
            continue
        model = cls({**OPTIONS, **extra})
        rows, wall = common.solve_cycles(model, common.chen2020_with(MECH_KEYS)[0], args.cycles, COLUMNS, sei=False)
        opts = dict(model.options.items())
        print(f"{name}: {len(rows)} cycles in {wall:.1f} s; capacity {rows[0]['discharge_Ah']:.4f} -> "
              f"{rows[-1]['discharge_Ah']:.4f} Ah, LAM {rows[-1]['lam_neg_pct']:.5f} % / "
              f"{rows[-1]['lam_pos_pct']:.5f} %, LLI {rows[-1]['lli_pct']:.5f} %", flush=True)
        out["cases"].append({"model": name, "wall_s": wall, "effective_options": {
            k: opts[k] for k in ("loss of active material", "particle mechanics", "stress-induced diffusion")},
            "per_cycle": rows})
    order = [c[0] for c in CASES]
    out["cases"] = sorted(out["cases"] + kept, key=lambda c: order.index(c["model"]))
    common.write(out, args.out)


if __name__ == "__main__":
    main()
