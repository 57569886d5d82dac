#!/usr/bin/env python3
"""PyBaMM reference for SEI growth over CC-CV cycling (docs/ageing.md).

The cell is PyBaMM's Chen2020 (LG M50, the built-in `chen2020` of cellforge)
with the SEI parameters of PyBaMM's OKane2022 set (O'Kane et al., PCCP 24
(2022) 7909): only the SEI keys are taken from OKane2022, so the rest of the
cell is the one cellforge's chen2020 reproduces.  Models: SPMe and DFN with
options {"SEI": "reaction limited" | "solvent-diffusion limited"} (SEI film
resistance "distributed", PyBaMM's default with SEI; the SPMe's side
reactions x-averaged, its default).  Mesh: PyBaMM's default (20 points per
domain and particle); IDAKLU solver, rtol = atol = 1e-6.

Protocol (from the parameter set's initial, charged state), N cycles of
    Discharge at 1C until 2.5 V
    Charge at 0.3C until 4.2 V
    Hold at 4.2 V until C/20
Per cycle it records the discharge capacity, the loss of lithium inventory
(PyBaMM's "Loss of lithium inventory [%]": lithium lost from both electrodes'
particles) and the mean SEI thickness at the cycle's end.

Output: validation/data/ageing/sei_reference.json (or --out FILE), with
PyBaMM's version and these settings.  Solving the four cases of 100 cycles
takes a few minutes (the DFN most of it).

Usage: validation/.venv/bin/python validation/pybamm_sei_reference.py [--cycles N] [--out FILE]
"""

import argparse
import json
import os
import platform
import sys
import time

try:
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_sei_reference.py: cannot import pybamm ({exc}); run validation/make-reference first")

STEPS = ("Discharge at 1C until 2.5 V", "Charge at 0.3C until 4.2 V", "Hold at 4.2 V until C/20")
SEI_KEYS = (
    "Ratio of lithium moles to SEI moles",
    "SEI partial molar volume [m3.mol-1]",
    "SEI reaction exchange current density [A.m-2]",
    "SEI resistivity [Ohm.m]",
    "SEI solvent diffusivity [m2.s-1]",
    "Bulk solvent concentration [mol.m-3]",
    "SEI open-circuit potential [V]",
    "SEI electron conductivity [S.m-1]",
    "SEI lithium interstitial diffusivity [m2.s-1]",
    "Lithium interstitial reference concentration [mol.m-3]",
    "Initial SEI thickness [m]",
    "SEI growth activation energy [J.mol-1]",
)
CASES = (
    ("spme", pybamm.lithium_ion.SPMe, "reaction limited"),
    ("spme", pybamm.lithium_ion.SPMe, "solvent-diffusion limited"),
    ("dfn", pybamm.lithium_ion.DFN, "reaction limited"),
    ("dfn", pybamm.lithium_ion.DFN, "solvent-diffusion limited"),
)


def parameters():
    params = pybamm.ParameterValues("Chen2020")
    okane = pybamm.ParameterValues("OKane2022")
    params.update({k: okane[k] for k in SEI_KEYS}, check_already_exists=False)
    return params, {k: okane[k] for k in SEI_KEYS}


def solve(model_cls, sei, cycles):
    model = model_cls({"SEI": sei})
    params, _ = parameters()
    exp = pybamm.Experiment([STEPS] * cycles)
    solver = pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-6)
    sim = pybamm.Simulation(model, parameter_values=params, experiment=exp, solver=solver)
    t0 = time.perf_counter()
    sol = sim.solve()
    wall = time.perf_counter() - t0
    rows = []
    for i, cyc in enumerate(sol.cycles):
        if cyc is None:
            break
        dis = cyc.steps[0]
        q = dis["Discharge capacity [A.h]"].entries
        rows.append({
            "cycle": i,
            "discharge_Ah": float(q[-1] - q[0]),
            "lli_pct": float(cyc["Loss of lithium inventory [%]"].entries[-1]),
            "sei_thickness_m": float(cyc["X-averaged negative SEI thickness [m]"].entries[-1]),
            "li_sei_Ah": float(cyc["Loss of capacity to negative SEI [A.h]"].entries[-1]),
        })
    return rows, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cycles", type=int, default=100)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "data", "ageing", "sei_reference.json"))
    args = ap.parse_args()
    _, sei_params = parameters()
    out = {
        "generator": "validation/pybamm_sei_reference.py",
        "pybamm_version": pybamm.__version__,
        "python": platform.python_version(),
        "parameter_set": "Chen2020 with OKane2022's SEI parameters",
        "sei_parameters": {k: float(v) for k, v in sei_params.items()},
        "mesh": "PyBaMM default (20 per domain and particle)",
        "solver": "IDAKLUSolver rtol=atol=1e-6",
        "protocol": list(STEPS),
        "cycles": args.cycles,
        "cases": [],
    }
    for name, cls, sei in CASES:
        rows, wall = solve(cls, sei, args.cycles)
        print(f"{name} {sei}: {len(rows)} cycles in {wall:.1f} s; capacity {rows[0]['discharge_Ah']:.4f} -> "
              f"{rows[-1]['discharge_Ah']:.4f} Ah, LLI {rows[-1]['lli_pct']:.4f} %", flush=True)
        out["cases"].append({"model": name, "sei": sei, "wall_s": wall, "per_cycle": rows})
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
