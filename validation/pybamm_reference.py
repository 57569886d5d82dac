#!/usr/bin/env python3
"""Produce PyBaMM reference discharges for cellforge's peer-code validation.

Cases: PyBaMM's SPM, SPMe and DFN (default options) with the Chen2020 parameter
set (LG M50, 5 A h), constant-current discharge at 0.5C, 1C and 2C from the
initial concentrations stored in the parameter set down to the 2.5 V cut-off,
on the model's default mesh, solved with IDAKLU at tight tolerances.

Outputs (relative to the repository root, or --out):
  tests/data/pybamm/<model>_<rate>C.csv   time_s,current_A,voltage_V,capacity_Ah
  tests/data/pybamm/dfn_1C_profiles.csv   x_m,ce_600,ce_1800,ce_3000
  tests/data/pybamm/reference.json        versions, solver, mesh, per-case summary

Each discharge is solved twice: the first solve finds the cut-off time t_end
(IDA's root finder on the "Minimum voltage [V]" event); the second solve runs
on [0, t_end] and asks IDAKLU for output on a uniform grid, so the last row is
the cut-off itself and every row is an exact solver output (IDA's own dense
output), not a post-hoc spline of ours.

Usage: python validation/pybamm_reference.py [--out DIR] [--rows N]
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
    sys.exit(
        f"pybamm_reference.py: cannot import pybamm/numpy ({exc}); "
        "run validation/make-reference, which creates validation/.venv"
    )

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refdata import repo_root, write_csv  # noqa: E402,F401  (shared with the other reference scripts)

NOMINAL_CAPACITY_AH = 5.0
RATES = (("0.5", 0.5), ("1", 1.0), ("2", 2.0))
MODELS = (
    ("spm", pybamm.lithium_ion.SPM),
    ("spme", pybamm.lithium_ion.SPMe),
    ("dfn", pybamm.lithium_ion.DFN),
)
RTOL = 1e-8
ATOL = 1e-8
V_CUTOFF = 2.5
PROFILE_TIMES = (600.0, 1800.0, 3000.0)


def make_solver():
    return pybamm.IDAKLUSolver(rtol=RTOL, atol=ATOL)


def build_sim(model_cls, current_a):
    model = model_cls()  # default options, on purpose
    params = pybamm.ParameterValues("Chen2020")
    if abs(params["Lower voltage cut-off [V]"] - V_CUTOFF) > 0:
        raise SystemExit("Chen2020 lower cut-off is not 2.5 V; update V_CUTOFF")
    params["Current function [A]"] = current_a
    # Default geometry, mesh and spatial methods are taken from the model;
    # record them so the C side can reproduce the exact grid.
    sim = pybamm.Simulation(model, parameter_values=params, solver=make_solver())
    return sim


def solve_case(model_cls, current_a, rows, extra_times=()):
    """Return (solution on the uniform grid, t_end, termination, extra solution)."""
    t_guess = 3600.0 * NOMINAL_CAPACITY_AH / current_a * 1.3
    sim = build_sim(model_cls, current_a)
    first = sim.solve([0.0, t_guess])
    if "Minimum voltage" not in str(first.termination):
        raise SystemExit(
            f"{model_cls.__name__} at {current_a} A ended by "
            f"'{first.termination}', not by the 2.5 V cut-off"
        )
    t_end = float(first.t[-1])

    sim2 = build_sim(model_cls, current_a)
    grid = np.linspace(0.0, t_end, rows)
    sol = sim2.solve([0.0, t_end], t_interp=grid)

    extra = None
    if extra_times:
        sim3 = build_sim(model_cls, current_a)
        pts = np.array([0.0, *extra_times])
        extra = sim3.solve([0.0, max(extra_times)], t_interp=pts)
    return sim2, sol, t_end, str(first.termination), extra


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo_root(), "tests", "data", "pybamm"))
    ap.add_argument("--rows", type=int, default=300)
    args = ap.parse_args()
    if args.rows < 2:
        sys.exit("pybamm_reference.py: --rows must be >= 2")
    os.makedirs(args.out, exist_ok=True)

    cases = {}
    var_pts = None
    for mname, mcls in MODELS:
        for rlabel, crate in RATES:
            current = crate * NOMINAL_CAPACITY_AH
            want_profiles = mname == "dfn" and rlabel == "1"
            sim, sol, t_end, term, extra = solve_case(
                mcls, current, args.rows, PROFILE_TIMES if want_profiles else ()
            )
            if var_pts is None:
                var_pts = {k: int(v) for k, v in sim.var_pts.items()}
            t = sol.t
            cur = sol["Current [A]"].entries
            volt = sol["Voltage [V]"].entries
            cap = sol["Discharge capacity [A.h]"].entries
            # The second solve may meet the cut-off event a few microseconds
            # before t_end (the root finder's own tolerance); its event point
            # then replaces the last grid point. Accept that, but nothing more.
            if len(t) != args.rows or abs(t[-1] - t_end) > 1e-7 * t_end:
                sys.exit(
                    f"{mname} {rlabel}C: expected {args.rows} rows ending at "
                    f"{t_end} s, got {len(t)} ending at {t[-1]} s"
                )
            if abs(volt[-1] - V_CUTOFF) > 1e-6:
                sys.exit(f"{mname} {rlabel}C: last voltage {volt[-1]} V is not the cut-off")
            t_end = float(t[-1])
            if not np.all(np.isfinite(volt)):
                sys.exit(f"{mname} {rlabel}C: non-finite voltage in solution")
            fname = f"{mname}_{rlabel}C.csv"
            write_csv(
                os.path.join(args.out, fname),
                ("time_s", "current_A", "voltage_V", "capacity_Ah"),
                (t, cur, volt, cap),
            )
            cases[f"{mname}_{rlabel}C"] = {
                "file": fname,
                "model": mcls().name,
                "c_rate": crate,
                "current_A": current,
                "final_time_s": t_end,
                "discharged_capacity_Ah": float(cap[-1]),
                "initial_voltage_V": float(volt[0]),
                "final_voltage_V": float(volt[-1]),
                "termination": term,
                "rows": len(t),
            }
            print(
                f"{mname:4s} {rlabel:>3s}C  t_end={t_end:10.3f} s  "
                f"Q={cap[-1]:.6f} A h  V0={volt[0]:.6f} V"
            )

            if want_profiles:
                x = extra["x [m]"].entries[:, 0]
                ce = extra["Electrolyte concentration [mol.m-3]"]
                cols = [x]
                for tp in PROFILE_TIMES:
                    k = int(np.argmin(np.abs(extra.t - tp)))
                    if abs(extra.t[k] - tp) > 1e-9:
                        sys.exit(f"profile time {tp} s not in solution output")
                    cols.append(ce.entries[:, k])
                write_csv(
                    os.path.join(args.out, "dfn_1C_profiles.csv"),
                    ("x_m", *(f"ce_{int(tp)}" for tp in PROFILE_TIMES)),
                    cols,
                )

    meta = {
        "generator": "validation/pybamm_reference.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "parameter_set": "Chen2020 (pybamm.ParameterValues('Chen2020'))",
        "model_options": "PyBaMM defaults (lithium_ion.SPM/SPMe/DFN())",
        "nominal_capacity_Ah": NOMINAL_CAPACITY_AH,
        "lower_voltage_cutoff_V": V_CUTOFF,
        "initial_state": "initial concentrations of the parameter set "
        "(c_n0=29866, c_p0=17038, c_e0=1000 mol/m3), T=298.15 K",
        "solver": {
            "name": "IDAKLUSolver",
            "rtol": RTOL,
            "atol": ATOL,
            "output": "uniform grid on [0, t_end] via t_interp; "
            "t_end from a first solve ended by the 'Minimum voltage [V]' event",
        },
        "var_pts": var_pts,
        "mesh": "Uniform1DSubMesh in every domain (x_n, x_s, x_p, r_n, r_p); "
        "FiniteVolume spatial method, default extrapolation options",
        "profiles": {
            "file": "dfn_1C_profiles.csv",
            "case": "dfn_1C",
            "variable": "Electrolyte concentration [mol.m-3] at x cell centres",
            "times_s": list(PROFILE_TIMES),
        },
        "cases": cases,
    }
    tmp = os.path.join(args.out, "reference.json.tmp")
    with open(tmp, "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, os.path.join(args.out, "reference.json"))
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
