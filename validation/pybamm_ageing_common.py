"""What the PyBaMM ageing references share (pybamm_sei_reference.py,
pybamm_plating_reference.py, pybamm_lam_reference.py): the cell (PyBaMM's
Chen2020 with chosen keys of its OKane2022 set), the CC-CV cycle, the solver
(IDAKLU, rtol = atol = 1e-6, PyBaMM's default mesh), the per-cycle rows and
the command line and output.

PyBaMM is imported by the scripts before this module (they say how to get
it when it is missing)."""

import argparse
import json
import os
import time

import pybamm

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
MESH = "PyBaMM default (20 per domain and particle)"
SOLVER = "IDAKLUSolver rtol=atol=1e-6"


def chen2020_with(keys):
    """Chen2020 with OKane2022's values of keys; also those values and the
    OKane2022 set."""
    params = pybamm.ParameterValues("Chen2020")
    okane = pybamm.ParameterValues("OKane2022")
    taken = {k: okane[k] for k in keys}
    params.update(taken, check_already_exists=False)
    return params, taken, okane


def parameters(extra_keys=()):
    """Chen2020 with OKane2022's SEI keys and those of extra_keys that
    OKane2022 has; also the SEI keys' values taken."""
    params, taken, okane = chen2020_with(SEI_KEYS)
    if extra_keys:
        params.update({k: okane[k] for k in extra_keys if k in okane.keys()}, check_already_exists=False)
    return params, taken


def solve_cycles(model, params, cycles, columns, sei=True):
    """Runs `cycles` cycles of STEPS; one row a cycle: its discharge capacity,
    then at its end PyBaMM's loss of lithium inventory, the mean SEI
    thickness (with sei) and each of `columns` (row key -> PyBaMM variable).
    Returns the rows and the solve's wall time (s)."""
    sim = pybamm.Simulation(model, parameter_values=params, experiment=pybamm.Experiment([STEPS] * cycles),
                            solver=pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-6))
    t0 = time.perf_counter()
    sol = sim.solve()
    wall = time.perf_counter() - t0
    rows = []
    for i, cyc in enumerate(sol.cycles):
        if cyc is None:
            break
        q = cyc.steps[0]["Discharge capacity [A.h]"].entries
        row = {
            "cycle": i,
            "discharge_Ah": float(q[-1] - q[0]),
            "lli_pct": float(cyc["Loss of lithium inventory [%]"].entries[-1]),
        }
        if sei:
            row["sei_thickness_m"] = float(cyc["X-averaged negative SEI thickness [m]"].entries[-1])
        for key, name in columns.items():
            row[key] = float(cyc[name].entries[-1])
        rows.append(row)
    return rows, wall


def parse_args(doc, default_name, cases=None):
    """--cycles N (100) and --out FILE (validation/data/ageing/<default_name>);
    with cases (their names), --cases a,b (all of them)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--cycles", type=int, default=100)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "data", "ageing", default_name))
    if cases:
        ap.add_argument("--cases", default=",".join(cases))
    return ap.parse_args()


def report(label, rows, wall):
    print(f"{label}: {len(rows)} cycles in {wall:.1f} s; capacity {rows[0]['discharge_Ah']:.4f} -> "
          f"{rows[-1]['discharge_Ah']:.4f} Ah, LLI {rows[-1]['lli_pct']:.4f} %", flush=True)


def write(out, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {path}")
