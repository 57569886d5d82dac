#!/usr/bin/env python3
"""PyBaMM reference discharges for stoichiometry-dependent solid diffusivity.

Case: PyBaMM's Chen2020 parameter set with both particle diffusivities replaced
by Ecker et al. (2015)'s published D(sto, T) functions as PyBaMM's Ecker2015
set holds them (graphite_diffusivity_Ecker2015, nco_diffusivity_Ecker2015,
taken from pybamm.ParameterValues('Ecker2015') itself, not restated here);
SPM, SPMe and DFN (default options, default 20-point meshes) at 1C (5 A) from
the set's initial concentrations to the 2.5 V cut-off, T = 298.15 K; and the
DFN at 313.15 K (ambient and initial temperature), where the diffusivities'
Arrhenius terms (and the set's exchange-current ones) act.

The same cell for cellforge is written as a BPX file whose particle
diffusivities are Ecker's formulas as expressions in x: at BPX's reference
temperature (298.15 K) the Arrhenius factor to Ecker's reference
temperatures (296 K graphite, 296.15 K NCO) is folded into the expression
and the activation energy kept beside it.

Outputs (relative to the repository root, or --out / --bpx):
  tests/data/pybamm/dsto_<model>_1C.csv     time_s,current_A,voltage_V,capacity_Ah
  tests/data/pybamm/dsto_dfn_1C_313K.csv    the same, DFN at 313.15 K
  tests/data/pybamm/dsto_reference.json     versions, solver, mesh, per-case summary
  tests/data/bpx/chen2020_ecker_dsto.bpx.json  the cell for cellforge

Usage: python validation/pybamm_dsto_reference.py [--out DIR] [--bpx FILE] [--rows N]
"""

import argparse
import json
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pybamm_reference import (  # noqa: E402  (same solver settings and CSV writer)
    ATOL,
    NOMINAL_CAPACITY_AH,
    RTOL,
    V_CUTOFF,
    make_solver,
    repo_root,
    write_csv,
)

import numpy as np  # noqa: E402
import pybamm  # noqa: E402

MODELS = (
    ("spm", pybamm.lithium_ion.SPM),
    ("spme", pybamm.lithium_ion.SPMe),
    ("dfn", pybamm.lithium_ion.DFN),
)
CRATE = 1.0
T_BPX = 298.15
R_GAS = 8.314462618  # pybamm.constants.R
# Ecker et al., JES 162 (2015) A1836/A1849, as in PyBaMM's Ecker2015.py:
# D_ref(sto) at the reference temperature T0 and activation energy Ea.
ECKER = {
    "Negative": ("8.4e-13 * exp(-11.3 * x) + 8.2e-15", 3.03e4, 296.0),
    "Positive": ("3.7e-13 - 3.4e-13 * exp(-12 * (x - 0.62) * (x - 0.62))", 8.06e4, 296.15),
}


def parameters(T=T_BPX):
    params = pybamm.ParameterValues("Chen2020")
    params["Ambient temperature [K]"] = T
    params["Initial temperature [K]"] = T
    ecker = pybamm.ParameterValues("Ecker2015")
    for side in ("Negative", "Positive"):
        key = f"{side} particle diffusivity [m2.s-1]"
        params[key] = ecker[key]
    return params


def solve(model_cls, rows, T=T_BPX):
    current = CRATE * NOMINAL_CAPACITY_AH
    params = parameters(T)
    params["Current function [A]"] = current
    sim = pybamm.Simulation(model_cls(), parameter_values=params, solver=make_solver())
    first = sim.solve([0.0, 3600.0 * 1.3 / CRATE])
    if "Minimum voltage" not in str(first.termination):
        sys.exit(f"{model_cls.__name__}: ended by '{first.termination}', not the cut-off")
    t_end = float(first.t[-1])
    params = parameters(T)
    params["Current function [A]"] = current
    sim = pybamm.Simulation(model_cls(), parameter_values=params, solver=make_solver())
    sol = sim.solve([0.0, t_end], t_interp=np.linspace(0.0, t_end, rows))
    return sim, sol, t_end, str(first.termination)


def write_bpx(path):
    src = os.path.join(repo_root(), "tests", "data", "bpx", "chen2020_pybamm.bpx.json")
    with open(src, encoding="utf-8") as fh:
        bpx = json.load(fh)
    bpx.pop("Validation", None)
    bpx["Header"]["Title"] = "Chen2020 cell with Ecker2015 stoichiometry-dependent particle diffusivities"
    bpx["Header"]["Description"] = (
        "Written by validation/pybamm_dsto_reference.py: the chen2020 cell with "
        "Ecker et al., JES 162 (2015) A1836 particle diffusivities D(x) at 298.15 K"
    )
    for side, (text, ea, t0) in ECKER.items():
        factor = f"exp({ea:g} / {R_GAS} * (1 / {t0:g} - 1 / {T_BPX}))"
        node = bpx["Parameterisation"][f"{side} electrode"]
        node["Diffusivity [m2.s-1]"] = f"({text}) * {factor}"
        node["Diffusivity activation energy [J.mol-1]"] = ea
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(bpx, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo_root(), "tests", "data", "pybamm"))
    ap.add_argument("--bpx", default=os.path.join(repo_root(), "tests", "data", "bpx", "chen2020_ecker_dsto.bpx.json"))
    ap.add_argument("--rows", type=int, default=300)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    write_bpx(args.bpx)
    cases, var_pts = {}, None
    cases_to_run = [(m, c, T_BPX, f"dsto_{m}_1C") for m, c in MODELS]
    cases_to_run.append(("dfn", pybamm.lithium_ion.DFN, 313.15, "dsto_dfn_1C_313K"))
    for mname, mcls, temp, label in cases_to_run:
        sim, sol, t_end, term = solve(mcls, args.rows, temp)
        var_pts = var_pts or {k: int(v) for k, v in sim.var_pts.items()}
        t, volt = sol.t, sol["Voltage [V]"].entries
        cur, cap = sol["Current [A]"].entries, sol["Discharge capacity [A.h]"].entries
        if abs(volt[-1] - V_CUTOFF) > 1e-6 or not np.all(np.isfinite(volt)):
            sys.exit(f"{mname}: last voltage {volt[-1]} V is not the cut-off")
        fname = f"{label}.csv"
        write_csv(os.path.join(args.out, fname), ("time_s", "current_A", "voltage_V", "capacity_Ah"),
                  (t, cur, volt, cap))
        cases[label] = {
            "file": fname, "model": mcls().name, "c_rate": CRATE, "temperature_K": temp, "final_time_s": float(t[-1]),
            "discharged_capacity_Ah": float(cap[-1]), "termination": term, "rows": len(t),
        }
        print(f"{mname:4s} 1C {temp:.2f} K  t_end={t_end:10.3f} s  Q={cap[-1]:.6f} A h  V0={volt[0]:.6f} V")
    meta = {
        "generator": "validation/pybamm_dsto_reference.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "parameter_set": "Chen2020 with 'Negative/Positive particle diffusivity [m2.s-1]' from "
        "pybamm.ParameterValues('Ecker2015') (graphite_diffusivity_Ecker2015, nco_diffusivity_Ecker2015)",
        "model_options": "PyBaMM defaults (lithium_ion.SPM/SPMe/DFN())",
        "particle_flux": "N = -D(c) grad c; FiniteVolume maps the node values D(c_i) to the faces by the "
        "harmonic mean (node_to_edge 'harmonic')",
        "temperature_K": "298.15 (dsto_<model>_1C), 313.15 (dsto_dfn_1C_313K), ambient = initial",
        "lower_voltage_cutoff_V": V_CUTOFF,
        "solver": {"name": "IDAKLUSolver", "rtol": RTOL, "atol": ATOL},
        "var_pts": var_pts,
        "cellforge_cell": os.path.relpath(args.bpx, repo_root()),
        "cases": cases,
    }
    tmp = os.path.join(args.out, "dsto_reference.json.tmp")
    with open(tmp, "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, os.path.join(args.out, "dsto_reference.json"))
    print(f"wrote {len(cases)} cases to {args.out} and the cell to {args.bpx}")


if __name__ == "__main__":
    main()
