#!/usr/bin/env python3
"""Produce PyBaMM reference data for cellforge's experiment-protocol validation.

Two cases, both PyBaMM's DFN (default options) with the Chen2020 parameter set
(LG M50, nominal 5 A h, so C/50 = 0.1 A), the default 20-point mesh and IDAKLU
at rtol = atol = 1e-8, solved as a pybamm.Experiment with a 5 s output period:

  protocol_dfn        from 0 % SOC (cellforge's definition, see below):
                      Charge at 0.5C until 4.2 V; Hold at 4.2 V until C/50;
                      Rest for 1 hour; Discharge at 1C until 2.5 V
  protocol_power_dfn  from the parameter set's own initial concentrations:
                      Discharge at 10 W for 10 minutes; Discharge at 2 Ohm for
                      10 minutes; Rest for 10 minutes; Charge at 1 A for 5 minutes

0 % SOC is set the way cellforge's cf_sim_reset_soc (src/model/soc.c) does it:
with the cyclable lithium of the parameter set's initial concentrations
conserved, x Q_n + y Q_p = n_Li (Q = eps_s L c_max), solve
U_p(y) - U_n(x) = 2.5 V for x by the same bisection (same bracket, same stop
rule), then c_n0 = x c_n,max and c_p0 = y c_p,max. PyBaMM's own
set_initial_state(0) is evaluated too and both are recorded.

Outputs (relative to the repository root, or --out):
  tests/data/pybamm/protocol_dfn.csv         time_s,current_A,voltage_V,step
  tests/data/pybamm/protocol_power_dfn.csv   same columns
  tests/data/pybamm/protocol_reference.json  versions, settings, initial state,
                                             per-step times, capacities, ...

CSV rows: every row is an exact solver output (IDAKLU's dense output at the
experiment's t_interp points). Each step's rows are its start time plus
multiples of 5 s, and its end time (the event root or the step's duration).
A transition time therefore appears twice: as the last row of step k and as
the first row of step k+1 (current and voltage may jump between the two, e.g.
CV hold -> rest). current_A is PyBaMM's "Current [A]": positive = discharge.

Usage: python validation/pybamm_protocol_reference.py [--out DIR]
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
        f"pybamm_protocol_reference.py: cannot import pybamm/numpy ({exc}); "
        "run validation/make-reference, which creates validation/.venv"
    )

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refdata import repo_root  # noqa: E402,F401  (shared with the other reference scripts)

NOMINAL_CAPACITY_AH = 5.0
RTOL = 1e-8
ATOL = 1e-8
PERIOD_S = 5.0
V_MIN = 2.5
V_MAX = 4.2
# Times after the start of the CV hold at which its current is recorded. The
# hold lasts about 3480 s here, so 3600 s is not inside it; 3000 s is. They are
# multiples of PERIOD_S, so each is an exact output row of the hold step.
HOLD_SAMPLE_TIMES_S = (60.0, 300.0, 900.0, 1800.0, 3000.0)

CASES = (
    {
        "name": "protocol_dfn",
        "file": "protocol_dfn.csv",
        "initial_state": "soc0",
        "steps": (
            "Charge at 0.5C until 4.2 V",
            "Hold at 4.2 V until C/50",
            "Rest for 1 hour",
            "Discharge at 1C until 2.5 V",
        ),
    },
    {
        "name": "protocol_power_dfn",
        "file": "protocol_power_dfn.csv",
        "initial_state": "default",
        "steps": (
            "Discharge at 10 W for 10 minutes",
            "Discharge at 2 Ohm for 10 minutes",
            "Rest for 10 minutes",
            "Charge at 1 A for 5 minutes",
        ),
    },
)


def ocp(fn, sto):
    """The parameter set's OCP function (U_ref, no PyBaMM asymptote terms)."""
    return float(fn(pybamm.Scalar(sto)).evaluate())


def cellforge_soc_state(params):
    """Stoichiometries at 0 % and 100 % SOC, as src/model/soc.c computes them."""
    eps_n = params["Negative electrode active material volume fraction"]
    eps_p = params["Positive electrode active material volume fraction"]
    L_n = params["Negative electrode thickness [m]"]
    L_p = params["Positive electrode thickness [m]"]
    cmax_n = params["Maximum concentration in negative electrode [mol.m-3]"]
    cmax_p = params["Maximum concentration in positive electrode [mol.m-3]"]
    c0_n = params["Initial concentration in negative electrode [mol.m-3]"]
    c0_p = params["Initial concentration in positive electrode [mol.m-3]"]
    U_n = params["Negative electrode OCP [V]"]
    U_p = params["Positive electrode OCP [V]"]
    Q_n = eps_n * L_n * cmax_n
    Q_p = eps_p * L_p * cmax_p
    n_li = eps_n * L_n * c0_n + eps_p * L_p * c0_p

    def y_of_x(x):
        return (n_li - x * Q_n) / Q_p

    def f(x, v):
        return ocp(U_p, y_of_x(x)) - ocp(U_n, x) - v

    def solve_x(v):
        # Same bracket and stop rule as solve_x() in src/model/soc.c.
        lo = max(1e-6, (n_li - Q_p * (1 - 1e-6)) / Q_n)
        hi = min(1 - 1e-6, (n_li - Q_p * 1e-6) / Q_n)
        flo, fhi = f(lo, v), f(hi, v)
        if not (lo < hi) or not np.isfinite(flo) or not np.isfinite(fhi) or flo * fhi > 0:
            sys.exit(f"pybamm_protocol_reference.py: OCV never reaches {v} V")
        it = 0
        while it < 200 and hi - lo > 1e-14:
            mid = 0.5 * (lo + hi)
            fm = f(mid, v)
            if (fm < 0) == (flo < 0):
                lo, flo = mid, fm
            else:
                hi = mid
            it += 1
        return 0.5 * (lo + hi)

    x0, x100 = solve_x(V_MIN), solve_x(V_MAX)
    return {
        "Q_n_mol_m2": Q_n,
        "Q_p_mol_m2": Q_p,
        "n_Li_mol_m2": n_li,
        "x_0": x0,
        "y_0": y_of_x(x0),
        "x_100": x100,
        "y_100": y_of_x(x100),
        "c_n_max": cmax_n,
        "c_p_max": cmax_p,
        "c_n_init": c0_n,
        "c_p_init": c0_p,
    }


def pybamm_soc0(params):
    p = params.copy()
    p.set_initial_state(0.0)
    return (
        float(p["Initial concentration in negative electrode [mol.m-3]"]),
        float(p["Initial concentration in positive electrode [mol.m-3]"]),
    )


def run_experiment(params, steps):
    exp = pybamm.Experiment(list(steps), period=f"{PERIOD_S:g} seconds")
    sim = pybamm.Simulation(
        pybamm.lithium_ion.DFN(),  # default options, on purpose
        parameter_values=params,
        experiment=exp,
        solver=pybamm.IDAKLUSolver(rtol=RTOL, atol=ATOL),
    )
    sol = sim.solve()
    step_sols = [s for cyc in sol.cycles for s in cyc.steps]
    if len(step_sols) != len(steps):
        sys.exit(f"expected {len(steps)} step solutions, got {len(step_sols)}")
    for k, s in enumerate(step_sols):
        if isinstance(s, pybamm.EmptySolution):
            sys.exit(f"step {k} ('{steps[k]}') was skipped by PyBaMM")
    return sim, step_sols


def step_summary(k, text, s):
    t = s.t
    cur = s["Current [A]"].entries
    volt = s["Voltage [V]"].entries
    q = s["Discharge capacity [A.h]"].entries
    if not (np.all(np.isfinite(cur)) and np.all(np.isfinite(volt))):
        sys.exit(f"step {k}: non-finite current or voltage")
    # Rows between the first and the last must sit on the 5 s grid of the step.
    inner = t[1:-1] - t[0]
    if len(inner) and np.max(np.abs(inner - PERIOD_S * np.round(inner / PERIOD_S))) > 1e-6:
        sys.exit(f"step {k}: output rows are not on the {PERIOD_S} s grid")
    return {
        "index": k,
        "step": text,
        "start_time_s": float(t[0]),
        "end_time_s": float(t[-1]),
        "duration_s": float(t[-1] - t[0]),
        "termination": str(s.termination),
        "rows": int(len(t)),
        "start_current_A": float(cur[0]),
        "end_current_A": float(cur[-1]),
        "start_voltage_V": float(volt[0]),
        "end_voltage_V": float(volt[-1]),
        "min_voltage_V": float(np.min(volt)),
        "max_voltage_V": float(np.max(volt)),
        # From PyBaMM's capacity ODE dQ/dt = I/3600 (not a quadrature of the
        # 5 s rows). Signed like the current: positive = discharged.
        "net_discharge_Ah": float(q[-1] - q[0]),
    }


def fmt(v, digits=10):
    if v == 0.0:
        v = 0.0  # no "-0" in the file
    return f"{v:.{digits}g}"


def write_csv(path, step_sols):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write("time_s,current_A,voltage_V,step\n")
        for k, s in enumerate(step_sols):
            t = s.t
            cur = s["Current [A]"].entries
            volt = s["Voltage [V]"].entries
            for ti, ii, vi in zip(t, cur, volt):
                # 12 digits for time: 1e-7 s resolution at 17000 s.
                fh.write(f"{fmt(ti, 12)},{fmt(ii)},{fmt(vi)},{k}\n")
    os.replace(tmp, path)  # never leave a half-written file behind
    return sum(len(s.t) for s in step_sols)


def hold_samples(step_sol):
    t = step_sol.t
    cur = step_sol["Current [A]"].entries
    out = []
    for dt in HOLD_SAMPLE_TIMES_S:
        target = t[0] + dt
        if target >= t[-1]:
            sys.exit(f"CV hold ends {t[-1] - t[0]:.3f} s after it starts; {dt} s is outside it")
        k = int(np.argmin(np.abs(t - target)))
        if abs(t[k] - target) > 1e-6:
            sys.exit(f"CV hold: no output row at {dt} s after the start")
        out.append({"time_after_hold_start_s": dt, "time_s": float(t[k]), "current_A": float(cur[k])})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo_root(), "tests", "data", "pybamm"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    base = pybamm.ParameterValues("Chen2020")
    if base["Lower voltage cut-off [V]"] != V_MIN or base["Upper voltage cut-off [V]"] != V_MAX:
        sys.exit("Chen2020 cut-offs are not 2.5 V / 4.2 V; update V_MIN/V_MAX")
    if base["Nominal cell capacity [A.h]"] != NOMINAL_CAPACITY_AH:
        sys.exit("Chen2020 nominal capacity is not 5 A h; update NOMINAL_CAPACITY_AH")

    soc = cellforge_soc_state(base)
    cn0_cf = soc["x_0"] * soc["c_n_max"]
    cp0_cf = soc["y_0"] * soc["c_p_max"]
    cn0_pb, cp0_pb = pybamm_soc0(base)
    x_def = soc["c_n_init"] / soc["c_n_max"]
    soc_default = (x_def - soc["x_0"]) / (soc["x_100"] - soc["x_0"])
    print(f"0 % SOC (cellforge bisection): c_n0={cn0_cf:.10g}  c_p0={cp0_cf:.10g}")
    print(f"0 % SOC (PyBaMM initial_soc=0): c_n0={cn0_pb:.10g}  c_p0={cp0_pb:.10g}")
    print(f"parameter-set initial state is SOC {soc_default:.6f} by the same definition")

    cases = {}
    var_pts = None
    for case in CASES:
        params = pybamm.ParameterValues("Chen2020")
        if case["initial_state"] == "soc0":
            params["Initial concentration in negative electrode [mol.m-3]"] = cn0_cf
            params["Initial concentration in positive electrode [mol.m-3]"] = cp0_cf
            init = {
                "kind": "0 % SOC, cellforge definition (src/model/soc.c bisection)",
                "c_n0_mol_m3": cn0_cf,
                "c_p0_mol_m3": cp0_cf,
            }
        else:
            init = {
                "kind": "parameter set's initial concentrations (not exactly 100 % SOC: "
                f"SOC {soc_default:.6f} by the cellforge/PyBaMM definition)",
                "c_n0_mol_m3": soc["c_n_init"],
                "c_p0_mol_m3": soc["c_p_init"],
                "soc": soc_default,
            }
        init["c_e0_mol_m3"] = float(params["Initial concentration in electrolyte [mol.m-3]"])
        init["T_K"] = float(params["Initial temperature [K]"])

        sim, step_sols = run_experiment(params, case["steps"])
        if var_pts is None:
            var_pts = {k: int(v) for k, v in sim.var_pts.items()}
        rows = write_csv(os.path.join(args.out, case["file"]), step_sols)
        steps = [step_summary(k, txt, s) for k, (txt, s) in enumerate(zip(case["steps"], step_sols))]
        for a, b in zip(steps, steps[1:]):
            # PyBaMM starts step k+1 at step k's end time, up to one ulp.
            if abs(a["end_time_s"] - b["start_time_s"]) > 1e-9 * max(1.0, a["end_time_s"]):
                sys.exit(f"{case['name']}: step {b['index']} does not start where {a['index']} ended")

        entry = {
            "file": case["file"],
            "experiment": list(case["steps"]),
            "initial_state": init,
            "rows": rows,
            "initial_voltage_V": steps[0]["start_voltage_V"],
            "steps": steps,
        }
        if case["name"] == "protocol_dfn":
            entry["charge_capacity_step0_Ah"] = -steps[0]["net_discharge_Ah"]
            entry["charge_capacity_step1_Ah"] = -steps[1]["net_discharge_Ah"]
            entry["discharge_capacity_step3_Ah"] = steps[3]["net_discharge_Ah"]
            entry["cv_hold_current_A"] = hold_samples(step_sols[1])
            entry["rest_final_voltage_V"] = steps[2]["end_voltage_V"]
        else:
            s0, s1 = step_sols[0], step_sols[1]
            p0 = s0["Voltage [V]"].entries * s0["Current [A]"].entries
            r1 = s1["Voltage [V]"].entries / s1["Current [A]"].entries
            entry["power_step0_max_abs_error_W"] = float(np.max(np.abs(p0 - 10.0)))
            entry["resistance_step1_max_abs_error_Ohm"] = float(np.max(np.abs(r1 - 2.0)))
            entry["rest_final_voltage_V"] = steps[2]["end_voltage_V"]
            entry["final_voltage_V"] = steps[3]["end_voltage_V"]
        cases[case["name"]] = entry

        print(f"{case['name']}: {rows} rows -> {case['file']}")
        for st in steps:
            print(
                f"  step {st['index']} {st['step']:<34s} {st['start_time_s']:12.5f} -> "
                f"{st['end_time_s']:12.5f} s  Q={st['net_discharge_Ah']:+.7f} A h  "
                f"V {st['start_voltage_V']:.6f} -> {st['end_voltage_V']:.6f}  [{st['termination']}]"
            )

    meta = {
        "generator": "validation/pybamm_protocol_reference.py",
        "pybamm_version": pybamm.__version__,
        "python_version": platform.python_version(),
        "numpy_version": np.__version__,
        "parameter_set": "Chen2020 (pybamm.ParameterValues('Chen2020'))",
        "model": "pybamm.lithium_ion.DFN() with default options",
        "nominal_capacity_Ah": NOMINAL_CAPACITY_AH,
        "voltage_cutoffs_V": [V_MIN, V_MAX],
        "solver": {"name": "IDAKLUSolver", "rtol": RTOL, "atol": ATOL},
        "output_period_s": PERIOD_S,
        "var_pts": var_pts,
        "csv_format": {
            "columns": ["time_s", "current_A", "voltage_V", "step"],
            "number_format": "time_s %.12g; current_A, voltage_V %.10g; step integer",
            "current_sign": "PyBaMM 'Current [A]': positive = discharge, negative = charge",
            "step": "0-based index into the experiment list",
            "rows": "per step: its start time, start + n*5 s, and its end time; "
            "a transition time appears twice (last row of step k, first row of step k+1)",
        },
        "capacity_note": "net_discharge_Ah = change of PyBaMM's 'Discharge capacity [A.h]' "
        "(ODE dQ/dt = I/3600) over the step, positive = discharged",
        "soc_definition": {
            "rule": "x Q_n + y Q_p = n_Li (Q = eps_s L c_max, n_Li from the parameter set's "
            "initial concentrations); U_p(y) - U_n(x) = V by bisection on x, U = the parameter "
            "set's OCP functions (PyBaMM's asymptote terms are exactly 0 at these stoichiometries)",
            "x_0": soc["x_0"],
            "y_0": soc["y_0"],
            "x_100": soc["x_100"],
            "y_100": soc["y_100"],
            "Q_n_mol_m2": soc["Q_n_mol_m2"],
            "Q_p_mol_m2": soc["Q_p_mol_m2"],
            "n_Li_mol_m2": soc["n_Li_mol_m2"],
            "soc0_cellforge_bisection": {"c_n0_mol_m3": cn0_cf, "c_p0_mol_m3": cp0_cf},
            "soc0_pybamm_set_initial_state": {"c_n0_mol_m3": cn0_pb, "c_p0_mol_m3": cp0_pb},
            "soc_of_parameter_set_initial_state": soc_default,
        },
        "cases": cases,
    }
    tmp = os.path.join(args.out, "protocol_reference.json.tmp")
    with open(tmp, "w", encoding="ascii") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, os.path.join(args.out, "protocol_reference.json"))
    print(f"wrote {len(cases)} protocol cases to {args.out}")


if __name__ == "__main__":
    main()
