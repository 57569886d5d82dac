#!/usr/bin/env python3
"""Throughput of cellforge from Python: N DFN 1C discharges of chen2020
(20 volumes per domain and particle, to 2.5 V), and PyBaMM's time for the
same N solves when PyBaMM is importable.

What it measures
  simulate            cellforge.simulate() in a loop: a new plan every call
                      (what a thread pool over many cells does)
  Simulation.solve    one plan, solved N times (what bench_dfn times in C)
  threads             simulate() over a ThreadPoolExecutor with --threads workers
  pybamm              PyBaMM's DFN, built once, solved N times by sim.solve()
                      with IDAKLU, at PyBaMM's default tolerances;
                      cellforge is timed at the same rtol for the ratio

Python call overhead is reported two ways: wall time per call against the
time the C library itself measured for the same calls (solve_time_ms, the
GIL-free part), and against build/bench/bench_dfn's median for the same case.

Usage (from the checkout; docs/python.md):
  python3 -m venv /tmp/cf && /tmp/cf/bin/pip install ./python
  /tmp/cf/bin/python bench/python_bench.py --runs 1000

  # beside PyBaMM, leaving validation/.venv untouched:
  validation/.venv/bin/pip install --no-deps --target /tmp/cf-target ./python
  PYTHONPATH=/tmp/cf-target validation/.venv/bin/python bench/python_bench.py --runs 1000
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import cellforge

HERE = os.path.dirname(os.path.abspath(__file__))


def timed_loop(fn, runs):
    """Calls fn() runs times; returns (wall s, per-call ms list, per-call C ms list)."""
    walls, cms = [], []
    t_all = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        sol = fn()
        walls.append(1e3 * (time.perf_counter() - t0))
        cms.append(sol.solve_time_ms)
    return time.perf_counter() - t_all, walls, cms


def report(label, total_s, runs, walls=None, cms=None):
    line = f"{label:<28} {runs / total_s:8.1f} runs/s  {1e3 * total_s / runs:7.3f} ms/run"
    if walls:
        line += f"  (median {statistics.median(walls):.3f}, min {min(walls):.3f} ms)"
    print(line)
    if walls and cms:
        # Paired per call, so machine load (which slows C and Python alike) cancels.
        over = statistics.median([w - c for w, c in zip(walls, cms)])
        c = statistics.median(cms)
        print(f"{'':<28} time in C {c:.3f} ms median; Python overhead {1e3 * over:.1f} us/call "
              f"= {100 * over / c:.2f} % (median of per-call wall - C)")
    return walls


def bench_dfn(path, runs, rtol):
    if not path or not os.access(path, os.X_OK):
        return None
    out = subprocess.run([path, "--discretisation", "fv", "--mesh", "20", "--runs", str(runs), "--rtol", str(rtol),
                          "--atol", str(rtol)],
                         capture_output=True, text=True, check=True).stdout
    vals = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("median_ms", "plan_ms", "capacity_Ah"):
            vals[parts[0]] = float(parts[1])
        if parts and parts[0] == "median_ms":  # "median_ms X (min Y, max Z, N runs)"
            vals["min_ms"] = float(parts[3].rstrip(","))
    return vals


def pybamm_loop(runs, rtol, atol):
    try:
        import pybamm
    except ImportError:
        return None
    model = pybamm.lithium_ion.DFN()
    params = pybamm.ParameterValues("Chen2020")
    params["Current function [A]"] = 5.0
    solver = pybamm.IDAKLUSolver(rtol=rtol, atol=atol)
    n = 20
    sim = pybamm.Simulation(model, parameter_values=params, solver=solver,
                            var_pts={"x_n": n, "x_s": n, "x_p": n, "r_n": n, "r_p": n})
    t_eval = [0.0, 3600.0 * 1.3]
    first = sim.solve(t_eval)  # build and set-up excluded, as in bench/pybamm_bench.py
    t0 = time.perf_counter()
    for _ in range(runs):  # the loop the issue names: sim.solve() on the built simulation
        sol = sim.solve(t_eval)
    total = time.perf_counter() - t0
    cap = float(first["Discharge capacity [A.h]"].entries[-1])
    return pybamm.__version__, total, cap, float(sol.t[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1000, help="discharges per measurement (default 1000)")
    ap.add_argument("--threads", type=int, default=2, help="workers for the threaded run (default 2)")
    ap.add_argument("--rtol", type=float, default=1e-6, help="cellforge rtol (default 1e-6, its default)")
    ap.add_argument("--bench-dfn", default=None,
                    help="path of the C benchmark (default: build*/bench/bench_dfn next to this script)")
    ap.add_argument("--no-pybamm", action="store_true", help="skip PyBaMM even when importable")
    a = ap.parse_args()
    if a.runs < 1 or a.threads < 1 or not 0 < a.rtol < 1e-1:
        ap.error("--runs and --threads must be >= 1, --rtol in (0, 0.1)")
    dfn_path = a.bench_dfn
    if dfn_path is None:  # build/ (scripts/build) first, then any other build directory
        found = sorted(glob.glob(os.path.join(HERE, "..", "build*", "bench", "bench_dfn")))
        default = os.path.join(HERE, "..", "build", "bench", "bench_dfn")
        dfn_path = default if default in found else (found[0] if found else None)

    print(f"load average {os.getloadavg()[0]:.2f} at the start")
    print(f"cellforge {cellforge.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s); "
          f"chen2020 DFN 1C discharge, PyBaMM's finite volumes and mesh 20 (as PyBaMM's below), rtol {a.rtol:g}, "
          f"{a.runs} runs each")
    kw = dict(model="dfn", mesh=20, rtol=a.rtol, discretisation="fv")
    ref = cellforge.simulate(**kw)  # warm-up (page faults, first allocations)
    print(f"{'capacity':<28} {ref.capacity_Ah:.5f} Ah, {len(ref)} rows")

    total_sim, walls, cms = timed_loop(lambda: cellforge.simulate(**kw), a.runs)
    report("simulate (plan per call)", total_sim, a.runs, walls, cms)

    sim = cellforge.Simulation(**kw)
    sim.solve()
    total_solve, walls, cms = timed_loop(sim.solve, a.runs)
    w_solve = report("Simulation.solve (1 plan)", total_solve, a.runs, walls, cms)

    with ThreadPoolExecutor(max_workers=a.threads) as pool:
        list(pool.map(lambda _: cellforge.simulate(**kw), range(2 * a.threads)))
        t0, cpu0 = time.perf_counter(), time.process_time()
        list(pool.map(lambda _: cellforge.simulate(**kw), range(a.runs)))
        total_t, cpu_t = time.perf_counter() - t0, time.process_time() - cpu0
    report(f"simulate, {a.threads} threads", total_t, a.runs)
    # CPU time / wall time: how many cores the threads kept busy (the GIL
    # would hold it near 1); other processes on the machine lower it.
    print(f"{'':<28} speed-up over the 1-thread simulate loop: {total_sim / total_t:.2f}x; "
          f"{cpu_t / total_t:.2f} cores busy")

    c = bench_dfn(dfn_path, min(a.runs, 200), a.rtol)
    if c:
        print(f"{'bench_dfn (C, 1 plan)':<28} median {c['median_ms']:.3f}, min {c['min_ms']:.3f} ms/run, "
              f"plan {c['plan_ms']:.3f} ms ({dfn_path})")
        print(f"{'':<28} Simulation.solve / bench_dfn: median {statistics.median(w_solve) / c['median_ms']:.3f}, "
              f"min {min(w_solve) / c['min_ms']:.3f} (run one after the other; load moves both)")
    else:
        print("(bench_dfn not found: build the project or pass --bench-dfn)")

    print(f"load average {os.getloadavg()[0]:.2f} now")
    if a.no_pybamm:
        return
    pb_rtol, pb_atol = 1e-4, 1e-6  # PyBaMM's defaults, as bench/pybamm_bench.py
    res = pybamm_loop(a.runs, pb_rtol, pb_atol)
    if res is None:
        print("(PyBaMM not importable: run with validation/.venv's python, see the docstring)")
        return
    version, pb_total, pb_cap, _t_end = res
    print(f"{'pybamm ' + version + ' sim.solve':<28} {a.runs / pb_total:8.1f} runs/s  {1e3 * pb_total / a.runs:7.3f} ms/run"
          f"  (rtol {pb_rtol:g}, atol {pb_atol:g}; capacity {pb_cap:.5f} Ah)")
    kw_same = dict(kw, rtol=pb_rtol)
    sim_same = cellforge.Simulation(**kw_same)
    t_same, _, _ = timed_loop(lambda: cellforge.simulate(**kw_same), a.runs)
    t_same_solve, _, _ = timed_loop(sim_same.solve, a.runs)
    report(f"simulate, rtol {pb_rtol:g}", t_same, a.runs)
    report(f"Simulation.solve, rtol {pb_rtol:g}", t_same_solve, a.runs)
    print(f"{'':<28} PyBaMM / cellforge: {pb_total / t_same:.1f}x (simulate), "
          f"{pb_total / t_same_solve:.1f}x (Simulation.solve), at the same rtol; "
          f"{pb_total / total_sim:.1f}x against simulate at rtol {a.rtol:g}")


if __name__ == "__main__":
    main()
