#!/usr/bin/env python3
"""PyBaMM reference for partially reversible lithium plating beside
reaction-limited SEI over CC-CV cycling (docs/ageing.md).

The cell, protocol, mesh and solver are those of pybamm_sei_reference.py
(Chen2020 with OKane2022's SEI parameters, 20 points per domain and particle,
IDAKLU rtol = atol = 1e-6), with OKane2022's plating parameters too and
options {"SEI": "reaction limited", "lithium plating": "partially
reversible"} in the SPMe and the DFN.  Per cycle: discharge capacity, loss of
lithium inventory, SEI thickness and the lithium lost to plating (plated and dead) at the
cycle's end.

Output: validation/data/ageing/plating_reference.json (or --out FILE).

Usage: validation/.venv/bin/python validation/pybamm_plating_reference.py [--cycles N] [--out FILE]
"""

import argparse
import json
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pybamm_sei_reference as sei_ref  # noqa: E402
import pybamm  # noqa: E402

PLATING_KEYS = ("Lithium plating kinetic rate constant [m.s-1]", "Exchange-current density for plating [A.m-2]",
                "Exchange-current density for stripping [A.m-2]", "Initial plated lithium concentration [mol.m-3]",
                "Typical plated lithium concentration [mol.m-3]", "Lithium plating transfer coefficient",
                "Dead lithium decay constant [s-1]", "Dead lithium decay rate [s-1]",
                "Lithium metal partial molar volume [m3.mol-1]")
CASES = (("spme", pybamm.lithium_ion.SPMe), ("dfn", pybamm.lithium_ion.DFN))


def solve(model_cls, cycles):
    model = model_cls({"SEI": "reaction limited", "lithium plating": "partially reversible"})
    params, _ = sei_ref.parameters()
    okane = pybamm.ParameterValues("OKane2022")
    params.update({k: okane[k] for k in PLATING_KEYS if k in okane.keys()}, check_already_exists=False)
    sim = pybamm.Simulation(model, parameter_values=params, experiment=pybamm.Experiment([sei_ref.STEPS] * cycles),
                            solver=pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-6))
    t0 = time.perf_counter()
    sol = sim.solve()
    wall = time.perf_counter() - t0
    rows = []
    for i, cyc in enumerate(sol.cycles):
        if cyc is None:
            break
        q = cyc.steps[0]["Discharge capacity [A.h]"].entries
        rows.append({
            "cycle": i,
            "discharge_Ah": float(q[-1] - q[0]),
            "lli_pct": float(cyc["Loss of lithium inventory [%]"].entries[-1]),
            "sei_thickness_m": float(cyc["X-averaged negative SEI thickness [m]"].entries[-1]),
            # plated and dead lithium together
            "loss_to_plating_Ah": float(cyc["Loss of capacity to negative lithium plating [A.h]"].entries[-1]),
        })
    return rows, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cycles", type=int, default=100)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "data", "ageing", "plating_reference.json"))
    args = ap.parse_args()
    out = {"generator": "validation/pybamm_plating_reference.py", "pybamm_version": pybamm.__version__,
           "python": platform.python_version(),
           "parameter_set": "Chen2020 with OKane2022's SEI and lithium plating parameters",
           "options": {"SEI": "reaction limited", "lithium plating": "partially reversible"},
           "mesh": "PyBaMM default (20 per domain and particle)", "solver": "IDAKLUSolver rtol=atol=1e-6",
           "protocol": list(sei_ref.STEPS), "cycles": args.cycles, "cases": []}
    for name, cls in CASES:
        rows, wall = solve(cls, args.cycles)
        print(f"{name}: {len(rows)} cycles in {wall:.1f} s; capacity {rows[0]['discharge_Ah']:.4f} -> "
              f"{rows[-1]['discharge_Ah']:.4f} Ah, LLI {rows[-1]['lli_pct']:.4f} %", flush=True)
        out["cases"].append({"model": name, "wall_s": wall, "per_cycle": rows})
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
