#!/usr/bin/env python3
"""Time PyBaMM's DFN (Chen2020, 1C CC discharge to 2.5 V) with IDAKLU.

The model is built and discretised once; one warm-up solve absorbs set-up
costs (casadi function generation, solver construction); then N solves of the
same discharge are timed and the median wall time per solve is reported.
This is the peer figure for cellforge's own DFN benchmark.

Usage:
  validation/.venv/bin/python bench/pybamm_bench.py --mesh 20
  validation/.venv/bin/python bench/pybamm_bench.py --mesh 10 --repeats 50

--mesh N sets N points in each of x_n, x_s, x_p, r_n and r_p.
Output lines:
  pybamm_version <version>
  pybamm_dfn_1C_mesh<N>_ms <median ms per solve>
"""

import argparse
import statistics
import sys
import time

try:
    import pybamm
except ImportError as exc:
    sys.stderr.write(
        f"pybamm_bench.py: cannot import pybamm ({exc}).\n"
        "Create the venv first: validation/make-reference (it installs pybamm into "
        "validation/.venv), then run validation/.venv/bin/python bench/pybamm_bench.py\n"
    )
    sys.exit(1)

NOMINAL_CAPACITY_AH = 5.0


def positive_int(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an integer")
    if v < 1:
        raise argparse.ArgumentTypeError(f"{v} is out of range (must be >= 1)")
    return v


def main():
    ap = argparse.ArgumentParser(description="PyBaMM DFN 1C solve-time benchmark")
    ap.add_argument("--mesh", type=int, choices=(10, 20), required=True,
                    help="points per domain in x_n, x_s, x_p, r_n, r_p")
    ap.add_argument("--repeats", type=positive_int, default=20,
                    help="timed solves (default 20)")
    ap.add_argument("--rtol", type=float, default=1e-4,
                    help="IDAKLU rtol (default 1e-4, PyBaMM's default)")
    ap.add_argument("--atol", type=float, default=1e-6,
                    help="IDAKLU atol (default 1e-6, PyBaMM's default)")
    args = ap.parse_args()
    if not (0 < args.rtol < 1 and 0 < args.atol < 1):
        ap.error("--rtol and --atol must be in (0, 1)")

    n = args.mesh
    var_pts = {"x_n": n, "x_s": n, "x_p": n, "r_n": n, "r_p": n}
    model = pybamm.lithium_ion.DFN()
    params = pybamm.ParameterValues("Chen2020")
    params["Current function [A]"] = 1.0 * NOMINAL_CAPACITY_AH
    solver = pybamm.IDAKLUSolver(rtol=args.rtol, atol=args.atol)
    sim = pybamm.Simulation(model, parameter_values=params, solver=solver,
                            var_pts=var_pts)
    t_eval = [0.0, 3600.0 * 1.3]  # 1C: the 2.5 V event ends it near 3555 s

    sim.build()
    first = sim.solve(t_eval)  # warm-up: set-up cost is excluded on purpose
    if "Minimum voltage" not in str(first.termination):
        sys.exit(f"pybamm_bench.py: warm-up ended by '{first.termination}', "
                 "not by the 2.5 V cut-off")
    built = sim.built_model

    times_ms = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        sol = solver.solve(built, t_eval)
        times_ms.append(1e3 * (time.perf_counter() - t0))
    if abs(sol.t[-1] - first.t[-1]) > 1e-6 * first.t[-1]:
        sys.exit("pybamm_bench.py: repeated solve differs from the warm-up solve")

    print(f"pybamm_version {pybamm.__version__}")
    print(f"pybamm_dfn_1C_mesh{n}_ms {statistics.median(times_ms):.3f}")
    print(f"# rtol={args.rtol} atol={args.atol} repeats={args.repeats} "
          f"min_ms={min(times_ms):.3f} max_ms={max(times_ms):.3f} "
          f"t_end_s={sol.t[-1]:.3f} states={built.len_rhs_and_alg}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
