#!/usr/bin/env python3
"""PyBaMM references for the cases at the edge of the operating window.

Same parameter set (Chen2020, LG M50, nominal 5 A h), models (PyBaMM defaults),
mesh (the default 20 points per domain and particle) and solver (IDAKLU,
rtol = atol = 1e-8) as pybamm_reference.py and pybamm_protocol_reference.py,
whose solving and writing functions this script reuses, so the three sets of
data are made the same way:

  dfn_2.5C, dfn_3C, spme_3C   constant-current discharges from the parameter
                              set's initial concentrations to 2.5 V (the
                              electrolyte at the positive current collector
                              nearly empties at 3C; PyBaMM's voltage collapses
                              to the cut-off). 300 rows uniform in time, the
                              last one the cut-off (pybamm_reference.solve_case).
  protocol_cccv_cycle_dfn     DFN, pybamm.Experiment with a 5 s period, from the
                              parameter set's initial concentrations:
                              Discharge at 1C until 2.5 V; Rest for 30 minutes;
                              Charge at 1C until 4.2 V; Hold at 4.2 V until C/50;
                              Rest for 30 minutes; Discharge at 2C until 2.5 V
                              (the hold drives the negative surface to
                              stoichiometry ~0.9994, recorded below).

Outputs (relative to the repository root, or --out):
  tests/data/pybamm/<model>_<rate>C.csv          time_s,current_A,voltage_V,capacity_Ah
  tests/data/pybamm/protocol_cccv_cycle_dfn.csv  time_s,current_A,voltage_V,step
  tests/data/pybamm/extended_reference.json      versions, settings, per-case summary

It writes its own JSON file so that the other two scripts, which rewrite theirs
whole, cannot drop these entries. Solving takes about a minute.

Usage: python validation/pybamm_extended_reference.py [--out DIR]
"""

import argparse
import json
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import numpy as np
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(
        f"pybamm_extended_reference.py: cannot import pybamm/numpy ({exc}); "
        "run validation/make-reference, which creates validation/.venv"
    )

import pybamm_protocol_reference as proto_ref  # noqa: E402
import pybamm_reference as cc_ref  # noqa: E402

ROWS = 300
CC_CASES = (
    ("dfn", pybamm.lithium_ion.DFN, "2.5", 2.5),
    ("dfn", pybamm.lithium_ion.DFN, "3", 3.0),
    ("spme", pybamm.lithium_ion.SPMe, "3", 3.0),
)
CYCLE_NAME = "protocol_cccv_cycle_dfn"
CYCLE_STEPS = (
    "Discharge at 1C until 2.5 V",
    "Rest for 30 minutes",
    "Charge at 1C until 4.2 V",
    "Hold at 4.2 V until C/50",
    "Rest for 30 minutes",
    "Discharge at 2C until 2.5 V",
)


def cc_case(out, mname, mcls, rlabel, crate):
    current = crate * cc_ref.NOMINAL_CAPACITY_AH
    sim, sol, t_end, term, _ = cc_ref.solve_case(mcls, current, ROWS)
    t = sol.t
    cur = sol["Current [A]"].entries
    volt = sol["Voltage [V]"].entries
    cap = sol["Discharge capacity [A.h]"].entries
    if len(t) != ROWS or abs(t[-1] - t_end) > 1e-7 * t_end:
        sys.exit(f"{mname} {rlabel}C: expected {ROWS} rows ending at {t_end} s, got {len(t)}")
    if abs(volt[-1] - cc_ref.V_CUTOFF) > 1e-6:
        sys.exit(f"{mname} {rlabel}C: last voltage {volt[-1]} V is not the cut-off")
    if not np.all(np.isfinite(volt)):
        sys.exit(f"{mname} {rlabel}C: non-finite voltage in solution")
    ce_min = float(np.min(sol["Electrolyte concentration [mol.m-3]"].entries))
    fname = f"{mname}_{rlabel}C.csv"
    cc_ref.write_csv(
        os.path.join(out, fname), ("time_s", "current_A", "voltage_V", "capacity_Ah"), (t, cur, volt, cap)
    )
    print(f"{mname:4s} {rlabel:>3s}C  t_end={t[-1]:10.3f} s  Q={cap[-1]:.6f} A h  min c_e={ce_min:.3f}")
    return sim, {
        "file": fname,
        "model": mcls().name,
        "c_rate": crate,
        "current_A": current,
        "final_time_s": float(t[-1]),
        "discharged_capacity_Ah": float(cap[-1]),
        "initial_voltage_V": float(volt[0]),
        "final_voltage_V": float(volt[-1]),
        "min_electrolyte_concentration_mol_m3": ce_min,
        "termination": term,
        "rows": len(t),
    }


def cycle_case(out):
    params = pybamm.ParameterValues("Chen2020")
    sim, step_sols = proto_ref.run_experiment(params, CYCLE_STEPS)
    fname = f"{CYCLE_NAME}.csv"
    rows = proto_ref.write_csv(os.path.join(out, fname), step_sols)
    steps = [proto_ref.step_summary(k, txt, s) for k, (txt, s) in enumerate(zip(CYCLE_STEPS, step_sols))]
    # The most lithiated negative surface anywhere during the cycle (the CV hold
    # is where it peaks): the state the exchange current must survive.
    sto_max = max(
        float(np.max(s["Negative particle surface stoichiometry"].entries)) for s in step_sols
    )
    for st in steps:
        print(
            f"  step {st['index']} {st['step']:<30s} {st['start_time_s']:11.3f} -> {st['end_time_s']:11.3f} s"
            f"  Q={st['net_discharge_Ah']:+.6f} A h  [{st['termination']}]"
        )
    print(f"{CYCLE_NAME}: {rows} rows -> {fname}; max negative surface stoichiometry {sto_max:.6f}")
    return sim, {
        "file": fname,
        "model": "DFN",
        "experiment": list(CYCLE_STEPS),
        "initial_state": "parameter set's initial concentrations (c_n0=29866, c_p0=17038, "
        "c_e0=1000 mol/m3), T=298.15 K",
        "rows": rows,
        "max_negative_surface_stoichiometry": sto_max,
        "steps": steps,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(cc_ref.repo_root(), "tests", "data", "pybamm"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    cases = {}
    var_pts = None
    for mname, mcls, rlabel, crate in CC_CASES:
        sim, entry = cc_case(args.out, mname, mcls, rlabel, crate)
        var_pts = var_pts or {k: int(v) for k, v in sim.var_pts.items()}
        cases[f"{mname}_{rlabel}C"] = entry
    sim, entry = cycle_case(args.out)
    cases[CYCLE_NAME] = entry

    meta = {
        "generator": "validation/pybamm_extended_reference.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "parameter_set": "Chen2020 (pybamm.ParameterValues('Chen2020'))",
        "model_options": "PyBaMM defaults (lithium_ion.SPMe/DFN())",
        "nominal_capacity_Ah": cc_ref.NOMINAL_CAPACITY_AH,
        "voltage_cutoffs_V": [proto_ref.V_MIN, proto_ref.V_MAX],
        "solver": {"name": "IDAKLUSolver", "rtol": cc_ref.RTOL, "atol": cc_ref.ATOL},
        "var_pts": var_pts,
        "mesh": "Uniform1DSubMesh in every domain (x_n, x_s, x_p, r_n, r_p); "
        "FiniteVolume spatial method, default extrapolation options",
        "cc_output": "uniform grid on [0, t_end] via t_interp; t_end from a first solve ended "
        "by the 'Minimum voltage [V]' event (as validation/pybamm_reference.py)",
        "experiment_output": "5 s period; per step its start, start + n*5 s and its end "
        "(as validation/pybamm_protocol_reference.py); current + = discharge",
        "cases": cases,
    }
    tmp = os.path.join(args.out, "extended_reference.json.tmp")
    with open(tmp, "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, os.path.join(args.out, "extended_reference.json"))
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
