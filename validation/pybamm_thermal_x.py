#!/usr/bin/env python3
"""Produce PyBaMM reference data for cellforge's through-cell thermal model.

PyBaMM's DFN with options {"thermal": "x-full"} (which implies the "pouch"
cell geometry; everything else default): a temperature across the negative
coating, separator and positive coating on the x mesh, and one node in each
current collector.  The Chen2020 parameter set (LG M50, 5 A h) with its
thermal data (densities, heat capacities, thermal conductivities of the five
layers, T_amb = T_init = 298.15 K), and the cooling cellforge's x model uses
(docs/thermal.md): each collector face exchanges heat with the ambient at
h_f = h A_cool / (2 A), the parameter set's total heat-transfer coefficient
h = 10 W/(m2 K) over its cooling area A_cool = 0.00531 m2, shared by the two
faces of the electrode area A = 0.065 m x 1.58 m, i.e. PyBaMM's "Negative/
Positive current collector surface heat transfer coefficient" = h_f, its
edge and tab heat-transfer coefficients 0 (the x model has no edges or tabs).
The default 20-point mesh, IDAKLU at rtol = atol = 1e-8, each case solved as
a pybamm.Experiment with a 5 s output period from the parameter set's
initial concentrations:

  thermal_x_1C      Discharge at 1C until 2.5 V
  thermal_x_3C      Discharge at 3C until 2.5 V
  thermal_x_cccv    Discharge at 1C until 2.5 V; Rest for 30 minutes;
                    Charge at 1C until 4.2 V; Hold at 4.2 V until C/20

Outputs (relative to the repository root, or --out):
  tests/data/pybamm/thermal_x_<case>.csv   time_s,current_A,voltage_V,temperature_C,step,temperature_max_C
      (temperature_C: PyBaMM's "Volume-averaged cell temperature", the
      thickness-weighted mean of collectors and coatings; temperature_max_C:
      the hottest of the x nodes and the two collectors)
  tests/data/pybamm/thermal_x_reference.json versions, settings, per-case summary

Usage: /path/to/venv/bin/python validation/pybamm_thermal_x.py [--out DIR]
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
    sys.exit(f"pybamm_thermal_x.py: cannot import pybamm/numpy ({exc}); run validation/make-reference")

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


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_csv(path, header, columns):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(",".join(header) + "\n")
        for row in zip(*columns):
            fh.write(",".join(f"{v:.10g}" for v in row) + "\n")
    os.replace(tmp, path)  # never leave a half-written file behind


def face_cooling(params):
    """Each collector face's heat-transfer coefficient, h A_cool / (2 A), and no edge or tab cooling."""
    area = params["Electrode height [m]"] * params["Electrode width [m]"]
    h_f = params["Total heat transfer coefficient [W.m-2.K-1]"] * params["Cell cooling surface area [m2]"] / (2 * area)
    # The x-full model reads the tabs' widths for their cooling, which is
    # switched off here: Chen2020 has no tabs, so the Marquis2019 set's widths
    # (Marquis et al., JES 166 (2019) A3693) stand in; they change nothing.
    tabs = pybamm.ParameterValues("Marquis2019")
    return {
        "Negative tab width [m]": tabs["Negative tab width [m]"],
        "Positive tab width [m]": tabs["Positive tab width [m]"],
        "Negative current collector surface heat transfer coefficient [W.m-2.K-1]": h_f,
        "Positive current collector surface heat transfer coefficient [W.m-2.K-1]": h_f,
        "Negative tab heat transfer coefficient [W.m-2.K-1]": 0.0,
        "Positive tab heat transfer coefficient [W.m-2.K-1]": 0.0,
        "Edge heat transfer coefficient [W.m-2.K-1]": 0.0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo_root(), "tests", "data", "pybamm"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cases = {}
    var_pts = None
    for name, steps in CASES:
        model = pybamm.lithium_ion.DFN({"thermal": "x-full"})
        params = pybamm.ParameterValues("Chen2020")
        params.update(face_cooling(params), check_already_exists=False)
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
        cols = {k: [] for k in ("t", "i", "v", "T", "q", "step", "Tmax")}
        for k, s in enumerate(parts):
            cols["t"].append(s.t)
            cols["i"].append(s["Current [A]"].entries)
            cols["v"].append(s["Voltage [V]"].entries)
            cols["T"].append(s["Volume-averaged cell temperature [C]"].entries)
            cols["q"].append(s["Total heating [W]"].entries)
            cols["step"].append(np.full(len(s.t), k))
            nodes = np.vstack(
                (
                    s["Cell temperature [C]"].entries,
                    s["Negative current collector temperature [C]"].entries,
                    s["Positive current collector temperature [C]"].entries,
                )
            )
            cols["Tmax"].append(np.max(nodes, axis=0))
        t, cur, volt, temp, heat, step, tmax = (
            np.concatenate(cols[k]) for k in ("t", "i", "v", "T", "q", "step", "Tmax")
        )
        if not (np.all(np.isfinite(volt)) and np.all(np.isfinite(temp))):
            sys.exit(f"{name}: non-finite voltage or temperature")
        fname = f"thermal_x_{name}.csv"
        write_csv(
            os.path.join(args.out, fname),
            ("time_s", "current_A", "voltage_V", "temperature_C", "step", "temperature_max_C"),
            (t, cur, volt, temp, step, tmax),
        )
        cases[name] = {
            "file": fname,
            "steps": list(steps),
            "final_time_s": float(t[-1]),
            "final_temperature_C": float(temp[-1]),
            "max_temperature_C": float(np.max(temp)),
            "max_node_temperature_C": float(np.max(tmax)),
            "final_voltage_V": float(volt[-1]),
            "max_total_heating_W": float(np.max(heat)),
            "rows": int(len(t)),
        }
        print(f"{name:5s} t_end={t[-1]:9.1f} s  T_end={temp[-1]:.4f} degC  T_max={np.max(temp):.4f} degC")
    meta = {
        "generator": "validation/pybamm_thermal_x.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "parameter_set": "Chen2020 (pybamm.ParameterValues('Chen2020')) with the face cooling above",
        "parameter_updates": face_cooling(pybamm.ParameterValues("Chen2020")),
        "model": "lithium_ion.DFN({'thermal': 'x-full'}) (cell geometry 'pouch'), other options default",
        "solver": {"name": "IDAKLUSolver", "rtol": RTOL, "atol": ATOL},
        "output_period_s": PERIOD_S,
        "var_pts": var_pts,
        "initial_state": "the parameter set's initial concentrations, T_init = T_amb = 298.15 K",
        "cases": cases,
    }
    path = os.path.join(args.out, "thermal_x_reference.json")
    with open(path + ".tmp", "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
