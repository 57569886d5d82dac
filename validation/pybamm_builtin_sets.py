#!/usr/bin/env python3
"""PyBaMM reference discharges of cellforge's built-in literature cells.

For each built-in cell that restates one of PyBaMM's parameter sets (see
docs/cells.md), PyBaMM's DFN (default options, default mesh) discharges the set
at 1C (the set's "Nominal cell capacity [A.h]") from the set's initial
concentrations at its initial temperature (298.15 K; Prada2013: 298 K) down to
its "Lower voltage cut-off [V]", solved with IDAKLU at rtol = atol = 1e-8.  The
set is used as published, unchanged; a set whose initial concentrations are a
discharged cell (Mohtat2020) starts from initial_soc = 1 instead (START_SOC).

Outputs (relative to the repository root, or --out):
  tests/data/pybamm/sets/<cell>_dfn_1C.csv   time_s,current_A,voltage_V,capacity_Ah
  tests/data/pybamm/sets/reference.json      versions, settings, mesh, summary

As in validation/pybamm_reference.py, a first solve finds the cut-off time and
a second one is output on a uniform grid of --rows points (IDA's dense output).

Usage: python validation/pybamm_builtin_sets.py [--out DIR] [--rows N] [--only CELL]
"""

import argparse
import json
import os
import platform
import sys

try:
    import numpy as np
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_builtin_sets.py: cannot import pybamm/numpy ({exc}); run validation/make-reference first")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refdata import repo_root, write_csv  # noqa: E402,F401  (shared with the other reference scripts)

# cellforge built-in cell name -> PyBaMM parameter set name
SETS = {
    "ecker2015": "Ecker2015",
    "marquis2019": "Marquis2019",
    "mohtat2020": "Mohtat2020",
    "nca_kim2011": "NCA_Kim2011",
    "prada2013": "Prada2013",
}
# Sets whose initial concentrations are a discharged cell: the discharge starts
# from initial_soc = 1 (PyBaMM's electrode SOH with the set's cyclable lithium,
# between its OCV limits), as cellforge's --soc 1 does.
START_SOC = {
    "mohtat2020": 1.0,
}
RTOL = 1e-8
ATOL = 1e-8
C_RATE = 1.0


def build_sim(set_name, current_a):
    params = pybamm.ParameterValues(set_name)
    params["Current function [A]"] = current_a
    model = pybamm.lithium_ion.DFN()  # default options, on purpose
    return pybamm.Simulation(model, parameter_values=params, solver=pybamm.IDAKLUSolver(rtol=RTOL, atol=ATOL))


def solve(sim, t_eval, soc, **kw):
    if soc is None:
        return sim.solve(t_eval, **kw)
    return sim.solve(t_eval, initial_soc=soc, **kw)


def run(cell, set_name, rows, out):
    soc = START_SOC.get(cell)
    params = pybamm.ParameterValues(set_name)
    q_nom = float(params["Nominal cell capacity [A.h]"])
    v_cut = float(params["Lower voltage cut-off [V]"])
    current = C_RATE * q_nom
    first = solve(build_sim(set_name, current), [0.0, 3600.0 / C_RATE * 1.5], soc)
    if "Minimum voltage" not in str(first.termination):
        sys.exit(f"{set_name}: ended by '{first.termination}', not by the {v_cut} V cut-off")
    t_end = float(first.t[-1])
    sim = build_sim(set_name, current)
    sol = solve(sim, [0.0, t_end], soc, t_interp=np.linspace(0.0, t_end, rows))
    t = sol.t
    volt = sol["Voltage [V]"].entries
    cap = sol["Discharge capacity [A.h]"].entries
    if abs(t[-1] - t_end) > 1e-7 * t_end or abs(volt[-1] - v_cut) > 1e-6 or not np.all(np.isfinite(volt)):
        sys.exit(f"{set_name}: the output does not end at the cut-off ({t[-1]} s, {volt[-1]} V)")
    fname = f"{cell}_dfn_1C.csv"
    write_csv(os.path.join(out, fname), ("time_s", "current_A", "voltage_V", "capacity_Ah"),
              (t, sol["Current [A]"].entries, volt, cap))
    print(f"{cell:12s} ({set_name}) 1C = {current:.6g} A: t_end {t[-1]:.3f} s, Q {cap[-1]:.6f} A h, V0 {volt[0]:.6f} V")
    return {
        "file": fname,
        "parameter_set": set_name,
        "model": "DFN (default options)",
        "c_rate": C_RATE,
        "current_A": current,
        "lower_voltage_cutoff_V": v_cut,
        "initial_state": ("the set's initial concentrations" if soc is None else
                          f"initial_soc = {soc} from the set's initial concentrations (cyclable lithium kept)")
        + f", {float(params['Initial temperature [K]'])} K",
        "final_time_s": float(t[-1]),
        "discharged_capacity_Ah": float(cap[-1]),
        "initial_voltage_V": float(volt[0]),
        "rows": len(t),
        "var_pts": {k: int(v) for k, v in sim.var_pts.items()},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo_root(), "tests", "data", "pybamm", "sets"))
    ap.add_argument("--rows", type=int, default=300)
    ap.add_argument("--only", choices=sorted(SETS), help="regenerate one cell's curve (the others are kept)")
    args = ap.parse_args()
    if args.rows < 2:
        sys.exit("pybamm_builtin_sets.py: --rows must be >= 2")
    os.makedirs(args.out, exist_ok=True)
    meta_path = os.path.join(args.out, "reference.json")
    cases = {}
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as fh:
            cases = json.load(fh).get("cases", {})
    for cell, set_name in SETS.items():
        if args.only and cell != args.only:
            continue
        cases[cell] = run(cell, set_name, args.rows, args.out)
    meta = {
        "generator": "validation/pybamm_builtin_sets.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "solver": {"name": "IDAKLUSolver", "rtol": RTOL, "atol": ATOL,
                   "output": "uniform grid on [0, t_end]; t_end from a first solve ended by the 'Minimum voltage [V]' event"},
        "mesh": "PyBaMM's default: Uniform1DSubMesh in x_n, x_s, x_p, r_n, r_p (var_pts per case); FiniteVolume",
        "cases": cases,
    }
    tmp = meta_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, meta_path)


if __name__ == "__main__":
    main()
