#!/usr/bin/env python3
"""Produce PyBaMM reference data for cellforge's lumped thermal model.

PyBaMM's DFN with options {"thermal": "lumped"} (everything else default),
the Chen2020 parameter set (LG M50, 5 A h, its thermal data: h = 10 W/(m2 K),
cooling area 0.00531 m2, cell volume 2.42e-5 m3, T_amb = T_init = 298.15 K),
the default 20-point mesh, IDAKLU at rtol = atol = 1e-8, each case solved as a
pybamm.Experiment with a 5 s output period from the parameter set's initial
concentrations:

  thermal_1C      Discharge at 1C until 2.5 V
  thermal_3C      Discharge at 3C until 2.5 V
  thermal_cccv    Discharge at 1C until 2.5 V; Rest for 30 minutes;
                  Charge at 1C until 4.2 V; Hold at 4.2 V until C/20
                  (a CC-CV charge of a cell warm from its discharge, after a
                  cooling rest)

Outputs (relative to the repository root, or --out):
  tests/data/pybamm/thermal_<case>.csv    time_s,current_A,voltage_V,temperature_C,step
  tests/data/pybamm/thermal_reference.json versions, settings, per-case summary

Usage: /path/to/venv/bin/python validation/pybamm_thermal.py [--out DIR]
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
    sys.exit(f"pybamm_thermal.py: cannot import pybamm/numpy ({exc}); run validation/make-reference")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refdata import repo_root, write_csv  # noqa: E402,F401  (shared with the other reference scripts)

RTOL = 1e-8
ATOL = 1e-8
PERIOD_S = 5.0
CASES = (
    ("1C", ("Discharge at 1C until 2.5 V",)),
    ("3C", ("Discharge at 3C until 2.5 V",)),
    (
        "cccv",
        (
            "Discharge at 1C until 2.5 V",
            "Rest for 30 minutes",
            "Charge at 1C until 4.2 V",
            "Hold at 4.2 V until C/20",
        ),
    ),
)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo_root(), "tests", "data", "pybamm"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cases = {}
    var_pts = None
    for name, steps in CASES:
        model = pybamm.lithium_ion.DFN({"thermal": "lumped"})
        params = pybamm.ParameterValues("Chen2020")
        exp = pybamm.Experiment(list(steps), period=f"{PERIOD_S:g} seconds")
        sim = pybamm.Simulation(
            model, parameter_values=params, experiment=exp, solver=pybamm.IDAKLUSolver(rtol=RTOL, atol=ATOL)
        )
        sol = sim.solve()
        if var_pts is None:
            var_pts = {k: int(v) for k, v in sim.var_pts.items()}
        # each step's own rows (a step boundary's time appears in both steps)
        parts = [s for cyc in sol.cycles for s in cyc.steps]
        if len(parts) != len(steps):
            sys.exit(f"{name}: expected {len(steps)} step solutions, got {len(parts)}")
        cols = {k: [] for k in ("t", "i", "v", "T", "q", "step")}
        for k, s in enumerate(parts):
            cols["t"].append(s.t)
            cols["i"].append(s["Current [A]"].entries)
            cols["v"].append(s["Voltage [V]"].entries)
            cols["T"].append(s["Volume-averaged cell temperature [C]"].entries)
            cols["q"].append(s["Total heating [W]"].entries)
            cols["step"].append(np.full(len(s.t), k))
        t, cur, volt, temp, heat, step = (np.concatenate(cols[k]) for k in ("t", "i", "v", "T", "q", "step"))
        if not (np.all(np.isfinite(volt)) and np.all(np.isfinite(temp))):
            sys.exit(f"{name}: non-finite voltage or temperature")
        fname = f"thermal_{name}.csv"
        write_csv(
            os.path.join(args.out, fname),
            ("time_s", "current_A", "voltage_V", "temperature_C", "step"),
            (t, cur, volt, temp, step),
        )
        cases[name] = {
            "file": fname,
            "steps": list(steps),
            "final_time_s": float(t[-1]),
            "final_temperature_C": float(temp[-1]),
            "max_temperature_C": float(np.max(temp)),
            "final_voltage_V": float(volt[-1]),
            "max_total_heating_W": float(np.max(heat)),
            "rows": int(len(t)),
        }
        print(f"{name:5s} t_end={t[-1]:9.1f} s  T_end={temp[-1]:.4f} degC  T_max={np.max(temp):.4f} degC")
    meta = {
        "generator": "validation/pybamm_thermal.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "parameter_set": "Chen2020 (pybamm.ParameterValues('Chen2020'))",
        "model": "lithium_ion.DFN({'thermal': 'lumped'}), other options default",
        "solver": {"name": "IDAKLUSolver", "rtol": RTOL, "atol": ATOL},
        "output_period_s": PERIOD_S,
        "var_pts": var_pts,
        "initial_state": "the parameter set's initial concentrations, T_init = T_amb = 298.15 K",
        "cases": cases,
    }
    path = os.path.join(args.out, "thermal_reference.json")
    with open(path + ".tmp", "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
