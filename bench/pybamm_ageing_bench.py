#!/usr/bin/env python3
"""PyBaMM's time for bench/ageing_bench.sh's case: Chen2020 with OKane2022's
SEI and plating parameters, {"SEI": "reaction limited", "lithium plating":
"partially reversible"}, N cycles of (Discharge at 1C until 2.5 V; Charge at
0.3C until 4.2 V; Hold at 4.2 V until C/20), IDAKLU rtol = atol = 1e-6, mesh N
points per domain and particle.  Prints one line like the cellforge ones:
cycles run, capacity and LLI at the last cycle, the solve's wall time (model
set-up excluded).

Usage: validation/.venv/bin/python bench/pybamm_ageing_bench.py --model spme --mesh 10 --cycles 100
"""

import argparse
import sys
import time

try:
    import pybamm
except ImportError as exc:
    sys.exit(f"pybamm_ageing_bench.py: cannot import pybamm ({exc}); run validation/make-reference")

STEPS = ("Discharge at 1C until 2.5 V", "Charge at 0.3C until 4.2 V", "Hold at 4.2 V until C/20")
KEYS = ("Ratio of lithium moles to SEI moles", "SEI partial molar volume [m3.mol-1]",
        "SEI reaction exchange current density [A.m-2]", "SEI resistivity [Ohm.m]", "SEI solvent diffusivity [m2.s-1]",
        "Bulk solvent concentration [mol.m-3]", "SEI open-circuit potential [V]", "SEI electron conductivity [S.m-1]",
        "SEI lithium interstitial diffusivity [m2.s-1]", "Lithium interstitial reference concentration [mol.m-3]",
        "Initial SEI thickness [m]", "SEI growth activation energy [J.mol-1]",
        "Lithium metal partial molar volume [m3.mol-1]", "Lithium plating kinetic rate constant [m.s-1]",
        "Exchange-current density for plating [A.m-2]", "Exchange-current density for stripping [A.m-2]",
        "Initial plated lithium concentration [mol.m-3]", "Typical plated lithium concentration [mol.m-3]",
        "Lithium plating transfer coefficient", "Dead lithium decay constant [s-1]", "Dead lithium decay rate [s-1]")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=("spm", "spme", "dfn"), default="spme")
    ap.add_argument("--mesh", type=int, default=10)
    ap.add_argument("--cycles", type=int, default=100)
    a = ap.parse_args()
    cls = {"spm": pybamm.lithium_ion.SPM, "spme": pybamm.lithium_ion.SPMe, "dfn": pybamm.lithium_ion.DFN}[a.model]
    model = cls({"SEI": "reaction limited", "lithium plating": "partially reversible"})
    params = pybamm.ParameterValues("Chen2020")
    okane = pybamm.ParameterValues("OKane2022")
    params.update({k: okane[k] for k in KEYS if k in okane.keys()}, check_already_exists=False)
    n = a.mesh
    pts = {"x_n": n, "x_s": n, "x_p": n, "r_n": n, "r_p": n}
    exp = pybamm.Experiment([STEPS] * a.cycles, termination="80% capacity")
    sim = pybamm.Simulation(model, parameter_values=params, experiment=exp, var_pts=pts,
                            solver=pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-6))
    t0 = time.perf_counter()
    try:
        sol = sim.solve()
        end = "completed"
    except Exception as exc:  # a failed run is a figure too
        print(f"PyBaMM {pybamm.__version__} {a.model} mesh {n}: failed after {time.perf_counter() - t0:.1f} s: {exc}")
        return
    wall = time.perf_counter() - t0
    cyc = [c for c in sol.cycles if c is not None]
    q = [c.steps[0]["Discharge capacity [A.h]"].entries for c in cyc]
    lli = cyc[-1]["Loss of lithium inventory [%]"].entries[-1]
    print(f"{'PyBaMM ' + pybamm.__version__ + ' ' + a.model + ' mesh ' + str(n):22s} {len(cyc):5d}/{a.cycles} cycles  "
          f"{end:60.60s}  capacity {q[-1][-1] - q[-1][0]:.4f} Ah (first {q[0][-1] - q[0][0]:.4f}), LLI {lli:.3f} %  "
          f"wall {wall:.2f} s")


if __name__ == "__main__":
    main()
