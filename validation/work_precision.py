#!/usr/bin/env python3
"""Work-precision comparison of cellforge and PyBaMM (DFN, chen2020, 1C to 2.5 V).

Case: PyBaMM's DFN with Chen2020 ("Current function [A]" = 5 A, i.e. 1C), 20
points in each of x_n, x_s, x_p, r_n, r_p, IDAKLUSolver; cellforge's built-in
chen2020 cell, DFN, --discretisation fv --mesh 20 (the same finite-volume discretisation, see
docs/pybamm-discretisation.md). Discharge from the initial state to 2.5 V.

For each code:
  * a tight reference: rtol = atol = --tight (default 1e-9; cellforge's --rtol
    also sets atol = rtol, each unknown's atol scaled by its natural size, as
    src/model/plan.c set_absolute_tolerances does);
  * for rtol in --rtols (default 1e-3 3e-4 1e-4 3e-5 1e-5 1e-6):
      - PyBaMM: IDAKLUSolver(rtol, atol=1e-6) (PyBaMM's default atol);
      - cellforge: `cellforge simulate --rtol R` (atol = R by cellforge's rule);
    the voltage error against the same code's tight reference (max and RMS on a
    1 s grid over the common time range, each solution read through its own
    dense output: cellforge's --output-dt rows (IDA's interpolating polynomial,
    IDAGetDky), PyBaMM's sol["Voltage [V]"](t) (cubic Hermite on the IDAKLU
    steps); the reference is interpolated on time), the max error at the
    solution's own solver steps (no interpolation of the tested solution), and
    the discharge-capacity error at the cut-off;
  * the solve time: cellforge's build/bench/bench_dfn --discretisation fv --mesh 20 --rtol R
    --atol R --runs N (plan once, median of N warm runs; --atol R so the timed
    runs use the CLI's tolerances), PyBaMM's solver.solve(built_model, t_eval)
    timed N times after one warm-up (as bench/pybamm_bench.py does). With
    --passes P the timings are repeated P times, interleaved, and the median of
    the P medians is reported (the machine is shared; medians damp the noise).

Then the cross error (cellforge tight vs PyBaMM tight) and, for each PyBaMM
rtol, the fastest cellforge rtol whose max voltage error is equal or smaller,
with the time ratio at equal accuracy.

Usage (from the repository root):
  validation/.venv/bin/python validation/work_precision.py
  validation/.venv/bin/python validation/work_precision.py --passes 1 --runs 10 --out /tmp/wp.txt

cellforge is driven only through build/cellforge and build/bench/bench_dfn;
if either is missing or being rebuilt the script waits and retries.
"""

import argparse
import csv
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.interpolate import CubicSpline

try:
    import pybamm
except ImportError as exc:
    sys.exit(f"work_precision.py: cannot import pybamm ({exc}); run validation/make-reference "
             "first and use validation/.venv/bin/python")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MESH = 20
CURRENT_A = 5.0
T_EVAL = [0.0, 3600.0 * 1.3]  # the 2.5 V event ends the run near 3555 s
PYBAMM_ATOL = 1e-6
GRID_DT = 1.0          # s, error grid
REF_OUTPUT_DT = 0.05   # s, cellforge reference output spacing (cubic spline between rows)


# --------------------------------------------------------------------------- cellforge

def wait_for_binary(path, timeout_s=900):
    """Wait until path exists, is executable and has not changed for 5 s."""
    t0 = time.time()
    while True:
        try:
            st = os.stat(path)
            if os.access(path, os.X_OK) and time.time() - st.st_mtime > 5:
                return
        except FileNotFoundError:
            pass
        if time.time() - t0 > timeout_s:
            sys.exit(f"work_precision.py: {path} missing or changing for {timeout_s} s")
        time.sleep(5)


def run_binary(cmd, tries=20):
    """Run cmd (a list); on failure (binary mid-rebuild) wait and retry."""
    last = None
    for _ in range(tries):
        wait_for_binary(cmd[0])
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except OSError as exc:  # e.g. ETXTBSY / ENOENT while being relinked
            last = str(exc)
            time.sleep(10)
            continue
        if r.returncode == 0:
            return r.stdout
        last = f"exit {r.returncode}: {r.stderr.strip()}"
        time.sleep(10)
    sys.exit(f"work_precision.py: {' '.join(cmd)} failed: {last}")


def read_csv(path):
    t, v, q = [], [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            t.append(float(row["time_s"]))
            v.append(float(row["voltage_V"]))
            q.append(float(row["capacity_Ah"]))
    return np.array(t), np.array(v), np.array(q)


def cellforge_solution(exe, rtol, output_dt, tmpdir):
    """(t, V, Q) from `cellforge simulate --rtol R --out CSV` (output_dt 0 = one row per step)."""
    path = os.path.join(tmpdir, f"cf_{rtol:g}_{output_dt:g}.csv")
    cmd = [exe, "simulate", "--cell", "chen2020", "--model", "dfn", "--crate", "1",
           "--discretisation", "fv", "--mesh", str(MESH), "--rtol", repr(rtol), "--out", path]
    if output_dt > 0:
        cmd += ["--output-dt", repr(output_dt)]
    run_binary(cmd)
    t, v, q = read_csv(path)
    if abs(v[-1] - 2.5) > 1e-6:
        sys.exit(f"work_precision.py: cellforge rtol {rtol:g} ended at {v[-1]} V, not at 2.5 V")
    return t, v, q


class CellforgeRun:
    def __init__(self, exe, rtol, tmpdir, reference=False):
        self.rtol = rtol
        self.steps_t, self.steps_v, _ = cellforge_solution(exe, rtol, 0.0, tmpdir)
        dt = REF_OUTPUT_DT if reference else GRID_DT
        self.t, self.v, self.q = cellforge_solution(exe, rtol, dt, tmpdir)
        self.t_end = self.t[-1]
        self.capacity = self.q[-1]
        # the reference is read between its fine rows (0.05 s apart, plus the cut-off row)
        self._spline = CubicSpline(self.t, self.v) if reference else None

    def voltage_at(self, t):
        """Reference only: V at arbitrary t (cubic spline through the fine rows)."""
        return self._spline(t)

    def voltage_on_grid(self, grid):
        """V at the grid points from the --output-dt rows (exact rows, no interpolation)."""
        if self._spline is not None:
            return self._spline(grid)
        idx = np.searchsorted(self.t, grid - 1e-7)
        if np.any(np.abs(self.t[np.minimum(idx, len(self.t) - 1)] - grid) > 1e-5):
            raise RuntimeError("grid point missing from the cellforge output rows")
        return self.v[idx]


def bench_cellforge(bench, rtol, runs):
    out = run_binary([bench, "--discretisation", "fv", "--mesh", str(MESH), "--rtol", repr(rtol), "--atol", repr(rtol),
                      "--runs", str(runs)])
    ms = float(re.search(r"^median_ms\s+([0-9.eE+-]+)", out, re.M).group(1))
    steps = float(re.search(r"^steps\s+([0-9.eE+-]+)", out, re.M).group(1))
    cap = float(re.search(r"^capacity_Ah\s+([0-9.eE+-]+)", out, re.M).group(1))
    return ms, steps, cap


# --------------------------------------------------------------------------- PyBaMM

class PybammRun:
    def __init__(self, rtol, atol):
        self.rtol, self.atol = rtol, atol
        var_pts = {"x_n": MESH, "x_s": MESH, "x_p": MESH, "r_n": MESH, "r_p": MESH}
        params = pybamm.ParameterValues("Chen2020")
        params["Current function [A]"] = CURRENT_A
        self.solver = pybamm.IDAKLUSolver(rtol=rtol, atol=atol)
        sim = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=params,
                                solver=self.solver, var_pts=var_pts)
        sim.build()
        self.built = sim.built_model
        sol = self.solver.solve(self.built, T_EVAL)  # warm-up, and the solution measured
        if "Minimum voltage" not in str(sol.termination):
            sys.exit(f"work_precision.py: PyBaMM rtol {rtol:g} ended by '{sol.termination}'")
        self.sol = sol
        self.voltage = sol["Voltage [V]"]
        self.steps_t = sol.t
        self.steps_v = self.voltage.entries
        self.t_end = sol.t[-1]
        self.capacity = float(sol["Discharge capacity [A.h]"].entries[-1])
        self.steps = sol.solver_statistics.number_of_steps

    def voltage_at(self, t):
        return np.asarray(self.voltage(np.asarray(t, dtype=float))).ravel()

    voltage_on_grid = voltage_at

    def time_ms(self, repeats):
        ms = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            sol = self.solver.solve(self.built, T_EVAL)
            ms.append(1e3 * (time.perf_counter() - t0))
        if abs(sol.t[-1] - self.t_end) > 1e-6 * self.t_end:
            sys.exit("work_precision.py: a timed PyBaMM solve differs from the warm-up solve")
        return statistics.median(ms)


# --------------------------------------------------------------------------- errors

def errors(run, ref):
    """max and RMS |V - V_ref| in mV on the grid, max at run's own steps, capacity error %."""
    t_common = min(run.t_end, ref.t_end)
    grid = np.arange(0.0, t_common, GRID_DT)
    dv = run.voltage_on_grid(grid) - ref.voltage_at(grid)
    keep = run.steps_t <= t_common
    dv_steps = run.steps_v[keep] - ref.voltage_at(run.steps_t[keep])
    return {
        "max_mV": 1e3 * float(np.max(np.abs(dv))),
        "rms_mV": 1e3 * float(np.sqrt(np.mean(dv * dv))),
        "max_steps_mV": 1e3 * float(np.max(np.abs(dv_steps))),
        "cap_pct": 100.0 * (run.capacity - ref.capacity) / ref.capacity,
        "dt_end_s": run.t_end - ref.t_end,
    }


def equal_error_time(e_target, points):
    """points: (error, time) of one code, loosest rtol first. Time at error e_target,
    interpolated log-log between the first consecutive pair that brackets it."""
    for (e_a, t_a), (e_b, t_b) in zip(points, points[1:]):
        if e_a > e_target >= e_b and e_b > 0:
            w = (np.log(e_target) - np.log(e_a)) / (np.log(e_b) - np.log(e_a))
            return float(np.exp(np.log(t_a) + w * (np.log(t_b) - np.log(t_a))))
    return None


# --------------------------------------------------------------------------- main

def machine_info():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return nproc, cpu


def git_head():
    """HEAD's short hash, flagged when the library/CLI sources differ from it (the
    binaries may then be built from uncommitted code)."""
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "include", "cli"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return head + (" + uncommitted changes in src/include/cli" if dirty else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rtols", type=float, nargs="+", default=[1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 1e-6])
    ap.add_argument("--tight", type=float, default=1e-9, help="reference rtol = atol (default 1e-9)")
    ap.add_argument("--runs", type=int, default=20, help="timed solves per case and pass (>= 10)")
    ap.add_argument("--passes", type=int, default=3, help="interleaved timing passes (median of medians)")
    ap.add_argument("--cellforge", default=os.path.join(ROOT, "build", "cellforge"))
    ap.add_argument("--bench", default=os.path.join(ROOT, "build", "bench", "bench_dfn"))
    ap.add_argument("--out", default=os.path.join(ROOT, "validation", "work_precision.txt"),
                    help="table file ('-' for none)")
    args = ap.parse_args()
    if args.runs < 10 or args.passes < 1:
        ap.error("--runs must be >= 10 and --passes >= 1")

    rtols = sorted(args.rtols, reverse=True)
    tmpdir = tempfile.mkdtemp(prefix="work_precision_")
    log = lambda msg: print(msg, file=sys.stderr, flush=True)

    # accuracy (each code against its own tight reference)
    log(f"references (rtol = atol = {args.tight:g}) ...")
    cf_ref = CellforgeRun(args.cellforge, args.tight, tmpdir, reference=True)
    pb_ref = PybammRun(args.tight, args.tight)
    check = args.tight / 10
    log(f"reference check (rtol = atol = {check:g}) ...")
    cf_check = errors(CellforgeRun(args.cellforge, check, tmpdir, reference=True), cf_ref)
    pb_check = errors(PybammRun(check, check), pb_ref)
    cf_runs = {r: CellforgeRun(args.cellforge, r, tmpdir) for r in rtols}
    pb_runs = {r: PybammRun(r, PYBAMM_ATOL) for r in rtols}

    # timing, interleaved over passes
    cf_ms = {r: [] for r in [args.tight] + rtols}
    pb_ms = {r: [] for r in [args.tight] + rtols}
    cf_steps = {}
    pb_all = dict(pb_runs)
    pb_all[args.tight] = pb_ref
    for p in range(args.passes):
        log(f"timing pass {p + 1}/{args.passes} ...")
        for r in [args.tight] + rtols:
            ms, steps, cap = bench_cellforge(args.bench, r, args.runs)
            run = cf_ref if r == args.tight else cf_runs[r]
            if abs(cap - run.capacity) > 2e-5:
                sys.exit(f"work_precision.py: bench_dfn capacity {cap} != CLI {run.capacity} at rtol {r:g}")
            cf_ms[r].append(ms)
            cf_steps[r] = steps
            pb_ms[r].append(pb_all[r].time_ms(args.runs))
    med = lambda xs: statistics.median(xs)

    rows = []  # (code, rtol, atol, steps, ms, err dict or None)
    rows.append(("cellforge", args.tight, "=rtol", cf_steps[args.tight], med(cf_ms[args.tight]), None))
    for r in rtols:
        rows.append(("cellforge", r, "=rtol", cf_steps[r], med(cf_ms[r]), errors(cf_runs[r], cf_ref)))
    rows.append(("PyBaMM", args.tight, f"{args.tight:g}", pb_ref.steps, med(pb_ms[args.tight]), None))
    for r in rtols:
        rows.append(("PyBaMM", r, f"{PYBAMM_ATOL:g}", pb_runs[r].steps, med(pb_ms[r]), errors(pb_runs[r], pb_ref)))

    cross = errors(cf_ref, pb_ref)

    # ---- text
    nproc, cpu = machine_info()
    lines = []
    lines.append("# Work-precision: cellforge vs PyBaMM, DFN chen2020 1C (5 A) discharge to 2.5 V, "
                 f"mesh {MESH} (x_n = x_s = x_p = r_n = r_p = {MESH})")
    lines.append(f"# date {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}; "
                 f"machine: nproc {nproc}, {cpu}; shared machine (others benchmarking): timings are medians")
    lines.append(f"# PyBaMM {pybamm.__version__} (IDAKLUSolver, t_eval [0, {T_EVAL[1]:g}] s, atol "
                 f"{PYBAMM_ATOL:g}); cellforge {git_head()} (build/cellforge simulate --rtol R: atol = R, "
                 "scaled per unknown by c_max, c_e0, nominal Ah)")
    lines.append(f"# references: each code at rtol = atol = {args.tight:g}; errors vs the code's OWN reference")
    lines.append(f"# V errors on a {GRID_DT:g} s grid over the common time range (dense output of each "
                 "solution; reference interpolated on time); 'max@steps' = at the solution's own steps")
    lines.append(f"# time: median of {args.runs} warm solves, median over {args.passes} interleaved passes; "
                 "cellforge: bench_dfn --discretisation fv --mesh 20 --rtol R --atol R; PyBaMM: solver.solve(built_model, t_eval)")
    lines.append("")
    hdr = (f"{'code':<10} {'rtol':>6} {'atol':>6} {'steps':>6} {'time ms':>8} {'V max mV':>10} "
           f"{'V RMS mV':>10} {'max@steps':>10} {'cap err %':>10} {'dt_end s':>9}")
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for code, r, atol, steps, ms, e in rows:
        if e is None:
            lines.append(f"{code:<10} {r:>6.0e} {atol:>6} {steps:>6.0f} {ms:>8.2f} {'(reference)':>10}")
        else:
            lines.append(f"{code:<10} {r:>6.0e} {atol:>6} {steps:>6.0f} {ms:>8.2f} {e['max_mV']:>10.4f} "
                         f"{e['rms_mV']:>10.4f} {e['max_steps_mV']:>10.4f} {e['cap_pct']:>+10.5f} "
                         f"{e['dt_end_s']:>+9.3f}")
    lines.append("")
    lines.append(f"cross error, cellforge tight vs PyBaMM tight (rtol = atol = {args.tight:g}): "
                 f"V max {1e3 * cross['max_mV']:.2f} uV, V RMS {1e3 * cross['rms_mV']:.2f} uV, "
                 f"max@steps {1e3 * cross['max_steps_mV']:.2f} uV, capacity {cross['cap_pct']:+.6f} % "
                 f"({cf_ref.capacity:.7f} vs {pb_ref.capacity:.7f} Ah), "
                 f"t_end {cf_ref.t_end:.4f} vs {pb_ref.t_end:.4f} s")
    lines.append(f"reference check, rtol = atol = {check:g} vs {args.tight:g}, same code: "
                 f"cellforge V max {1e3 * cf_check['max_mV']:.3f} uV, capacity {cf_check['cap_pct']:+.7f} %; "
                 f"PyBaMM V max {1e3 * pb_check['max_mV']:.3f} uV, capacity {pb_check['cap_pct']:+.7f} %")
    lines.append("")
    lines.append("equal accuracy: for each PyBaMM rtol, the fastest cellforge rtol with V max error <= PyBaMM's")
    lines.append(f"{'PyBaMM rtol':>11} {'V max mV':>9} {'ms':>8}   {'cellforge rtol':>14} {'V max mV':>9} "
                 f"{'ms':>8}   {'PyBaMM/cellforge time':>21}   {'interpolated':>12}")
    for r in rtols:
        e_p = errors(pb_runs[r], pb_ref)["max_mV"]
        t_p = med(pb_ms[r])
        ok = [(med(cf_ms[c]), c) for c in rtols if errors(cf_runs[c], cf_ref)["max_mV"] <= e_p]
        if not ok:
            lines.append(f"{r:>11.0e} {e_p:>9.4f} {t_p:>8.2f}   {'none reaches it':>14}")
            continue
        t_c, c = min(ok)
        e_c = errors(cf_runs[c], cf_ref)["max_mV"]
        interp = equal_error_time(e_p, [(errors(cf_runs[c], cf_ref)["max_mV"], med(cf_ms[c])) for c in rtols])
        itxt = f"{t_p / interp:>11.2f}x" if interp else f"{'-':>12}"
        lines.append(f"{r:>11.0e} {e_p:>9.4f} {t_p:>8.2f}   {c:>14.0e} {e_c:>9.4f} {t_c:>8.2f}   "
                     f"{t_p / t_c:>20.2f}x   {itxt}")
    lines.append("interpolated: cellforge's time at exactly PyBaMM's V max error, log-log between the two "
                 "cellforge rtols that bracket it ('-' = none bracket it)")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.out != "-":
        with open(args.out, "w") as f:
            f.write(text)
        log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
