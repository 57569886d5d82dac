#!/usr/bin/env python3
"""PyBaMM reference values of the DFN's internal variables, for cellforge's
named variables (Solution["..."], simulate --variables).

Case: PyBaMM's DFN (default options), Chen2020 parameter set, 1C (5 A)
constant-current discharge from the parameter set's initial concentrations
to the 2.5 V cut-off, on the default mesh (20 volumes per domain and per
particle), IDAKLU at rtol = atol = 1e-8.  The cut-off time comes from a first
solve (the "Minimum voltage [V]" event); the second solve outputs at
600, 1800, 3000 s and the cut-off.

Output: tests/data/pybamm/dfn_1C_variables.json — PyBaMM's version and
settings, the grids (x_n, x_p, x, r_n, r_p in m) and, per output time, each
variable's values (a scalar, or a list over its grid).

Usage: validation/.venv/bin/python validation/pybamm_variables_reference.py [--out DIR]
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
    sys.exit(f"pybamm_variables_reference.py: cannot import pybamm/numpy ({exc}); "
             "run validation/make-reference, which creates validation/.venv")

CURRENT_A = 5.0
RTOL = ATOL = 1e-8
TIMES = (600.0, 1800.0, 3000.0)

# Variables over x (electrode or whole cell) and scalars, by PyBaMM's names.
PROFILES = (
    "Negative particle surface concentration [mol.m-3]",
    "Positive particle surface concentration [mol.m-3]",
    "Electrolyte concentration [mol.m-3]",
    "Electrolyte potential [V]",
    "Negative electrode potential [V]",
    "Positive electrode potential [V]",
    "Negative electrode interfacial current density [A.m-2]",
    "Positive electrode interfacial current density [A.m-2]",
    "Negative electrode exchange current density [A.m-2]",
    "Positive electrode exchange current density [A.m-2]",
    "Negative electrode reaction overpotential [V]",
    "Positive electrode reaction overpotential [V]",
    "Negative electrode open-circuit potential [V]",
    "Positive electrode open-circuit potential [V]",
)
SCALARS = (
    "Voltage [V]",
    "X-averaged negative electrode reaction overpotential [V]",
    "X-averaged positive electrode reaction overpotential [V]",
    "X-averaged negative particle surface concentration [mol.m-3]",
    "X-averaged positive particle surface concentration [mol.m-3]",
    "Average negative particle stoichiometry",
    "Average positive particle stoichiometry",
    "Total lithium in negative electrode [mol]",
    "Total lithium in positive electrode [mol]",
    "Total lithium in electrolyte [mol]",
    "Total lithium in particles [mol]",
)
RADIAL = ("X-averaged negative particle concentration [mol.m-3]", "X-averaged positive particle concentration [mol.m-3]")


def sim():
    params = pybamm.ParameterValues("Chen2020")
    params["Current function [A]"] = CURRENT_A
    return pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=params,
                             solver=pybamm.IDAKLUSolver(rtol=RTOL, atol=ATOL))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                  "tests", "data", "pybamm"))
    args = ap.parse_args()
    first = sim().solve([0.0, 3600.0 * 1.3])
    if "Minimum voltage" not in str(first.termination):
        sys.exit(f"the 1C discharge ended by '{first.termination}', not the cut-off")
    t_end = float(first.t[-1])
    s = sim()
    sol = s.solve([0.0, t_end], t_interp=np.array([0.0, *TIMES, t_end]))
    out_t = list(TIMES) + [float(sol.t[-1])]
    values = {}
    for k, t in enumerate(out_t):
        i = k + 1
        row = {}
        for name in PROFILES:
            row[name] = [float(v) for v in sol[name].entries[:, i]]
        for name in SCALARS:
            row[name] = float(sol[name].entries[i])
        for name in RADIAL:
            row[name] = [float(v) for v in sol[name].entries[:, i]]
        values[f"{t:.6f}"] = row
    grids = {g: [float(v) for v in sol[g].entries[:, 0]] for g in ("x_n [m]", "x_p [m]", "x [m]")}
    grids["r_n [m]"] = [float(v) for v in sol["r_n [m]"].entries[:, 0, 0]]
    grids["r_p [m]"] = [float(v) for v in sol["r_p [m]"].entries[:, 0, 0]]
    meta = {
        "generator": "validation/pybamm_variables_reference.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "parameter_set": "Chen2020",
        "model": "DFN, default options",
        "current_A": CURRENT_A,
        "solver": {"name": "IDAKLUSolver", "rtol": RTOL, "atol": ATOL},
        "var_pts": {str(k): int(v) for k, v in s.var_pts.items()},
        "times_s": out_t,
        "t_end_s": out_t[-1],
        "grids": grids,
        "values": values,
    }
    path = os.path.join(args.out, "dfn_1C_variables.json")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=1)
        fh.write("\n")
    os.replace(tmp, path)
    print(f"wrote {path}: {len(out_t)} times, t_end = {out_t[-1]:.3f} s")


if __name__ == "__main__":
    main()
