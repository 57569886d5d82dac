#!/usr/bin/env python3
"""Work-precision against the converged DFN: error and time per discharge of
cellforge's finite-volume (fv) and spectral discretisations at several meshes
and tolerances, on every stored reference case, and PyBaMM's time at the mesh
it needs for the same error (when PyBaMM can be imported).

  python3 bench/work_precision_dfn.py [--cases ...] [--runs fv:20:20:1e-6 spectral:20:8:1e-4 ...]
                                      [--repeat 10] [--pybamm-meshes 20:20 80:80 ...] [--errors-only]
  validation/.venv/bin/python bench/work_precision_dfn.py      # with PyBaMM

Each run is DISC:X:R:RTOL (--discretisation DISC --mesh-x X --mesh-r R
--rtol RTOL, X a number or NEG,SEP,POS; absolute tolerances scale with rtol).  Printed per case and run:
  * unknowns, the voltage error against the converged DFN of
    validation/converged_dfn.py (RMS and max on a 1 s grid, mV; the CC-CV
    charge: also the hold current's max error, mA), from `cellforge simulate
    --output-dt 1`;
  * the in-process CPU time of one run: build/bench/bench_dfn (plan once,
    warm; the process's CPU time, minimum and median of --repeat runs: the
    machine may be shared, CPU time leaves out the waits and the minimum is
    the least disturbed), with its solver steps, Newton iterations and
    Jacobian evaluations (constant-current discharges only; the CC-CV case
    shows '-'; --errors-only: no timing at all).
After the table, per run, the largest RMS and max error over the cases and
whether they meet the targets (<= 0.2 mV RMS and <= 1 mV max on every case).
Then, for chen2020 1C, the whole `cellforge simulate` process (no output
file; wall and CPU time, median and minimum of --repeat, and the peak
resident memory of the child), and a `cellforge sweep` of --sweep 1C
discharges on one thread at the fastest run within the errors on chen2020 1C
(runs per CPU second of the sweep process).

PyBaMM (pybamm.lithium_ion.DFN, ParameterValues("Chen2020"), IDAKLUSolver,
rtol --pybamm-rtol, atol 1e-6), for the chen2020 discharges only: each
X:R of --pybamm-meshes (x_n = x_s = x_p = X, r_n = r_p = R) is solved once
to its cut-off, its voltage (sol["Voltage [V]"] at the 1 s grid) compared
with the same converged DFN, and solver.solve(built_model) timed (CPU time
of the process, minimum of --pybamm-repeat after a warm-up).  For each cellforge run the fastest PyBaMM
mesh with RMS and max errors no larger gives the time ratio; when no mesh in
the list is accurate enough the ratio is given against the most accurate one
as a lower bound ('>').

Last, every target with a verdict: chen2020 1C within 1 mV max and 0.2 mV
RMS in <= 1 ms (the fastest run within those errors); the same errors on
every case (the runs that meet them); >= 20x PyBaMM's time at equal accuracy
(chen2020 1C); the whole process <= 10 ms (CPU and wall); <= 1 MB per plan
and run (the heap a plan, a run and its solution hold, from bench_dfn); and
>= 1000 discharges per second per core in a sweep.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "validation"))
import converged_dfn as cd  # noqa: E402

DEFAULT_RUNS = ["fv:20:20:1e-6", "fv:80:80:1e-6",
                "spectral:16,4,8:3:2e-4", "spectral:20,5,10:3:3e-4", "spectral:20,5,10:4:1e-4",
                "spectral:40,5,20:6:1e-4", "spectral:60,5,30:5:1e-4", "spectral:80,5,40:5:5e-5"]
DEFAULT_PYBAMM = ["20:20", "40:40", "80:80", "20:80", "40:160", "80:160"]


def bench_in_process(bench_exe, case, disc, mx, mr, rtol, repeat):
    cell_key, proto = case.rsplit("_", 1)
    cmd = [bench_exe, "--cell", cd.CELLS[cell_key][0], "--crate", proto[:-1], "--discretisation", disc,
           "--mesh-x", str(mx), "--mesh-r", str(mr), "--rtol", str(rtol), "--atol", str(rtol), "--runs", str(repeat)]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: {p.stderr.strip()}")
    g = lambda pat: re.search(pat, p.stdout).group(1)  # noqa: E731
    return {"median": float(g(r"cpu_ms\s+([0-9.]+)")), "min": float(g(r"cpu_ms\s+[0-9.]+ \(min ([0-9.]+)")),
            "wall_min": float(g(r"median_ms\s+[0-9.]+ \(min ([0-9.]+)")),
            "unknowns": int(g(r"(\d+) unknowns")), "steps": float(g(r"steps\s+([0-9.]+)")),
            "newton": float(g(r"newton_iters\s+([0-9.]+)")), "jac": float(g(r"jacobian_evals\s+([0-9.]+)")),
            "heap_run_kB": float(g(r"heap_kB\s+[0-9.]+ plan, ([0-9.]+) plan \+ run"))}


def whole_process(exe, case, disc, mx, mr, rtol, repeat):
    """Median and min wall time (ms) of `cellforge simulate` as a process
    (started by posix_spawn, waited for), and its peak RSS (MB) by
    /usr/bin/time -f %M (a child forked from this Python would count the
    Python's own pages in its maximum)."""
    cmd = [exe, "simulate", *cd.case_args(case), "--discretisation", disc, "--mesh-x", str(mx), "--mesh-r", str(mr),
           "--rtol", str(rtol)]
    walls, cpus = [], []
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for _ in range(repeat):
            t0 = time.perf_counter()
            pid = os.posix_spawn(exe, cmd, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                                                      (os.POSIX_SPAWN_DUP2, devnull, 2)])
            _, status, ru = os.wait4(pid, 0)
            walls.append(1e3 * (time.perf_counter() - t0))
            cpus.append(1e3 * (ru.ru_utime + ru.ru_stime))
            if os.waitstatus_to_exitcode(status):
                raise RuntimeError(f"{' '.join(cmd)}: exit {os.waitstatus_to_exitcode(status)}")
    finally:
        os.close(devnull)
    rss = float("nan")
    if os.path.exists("/usr/bin/time"):
        p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=ROOT, capture_output=True, text=True)
        rss = int(p.stderr.strip().splitlines()[-1]) / 1024.0
    return statistics.median(walls), min(walls), statistics.median(cpus), min(cpus), rss


def sweep_rate(exe, disc, mx, mr, rtol, n, tmpdir):
    """`cellforge sweep` of n chen2020 1C discharges (the starting SOC varied
    from 0.999 to 1: one plan for all) on one thread: runs per second of the
    process's CPU time (user + system, process start and CSV output included)
    and of its wall time, and the number of runs that failed."""
    import json
    xs = [int(v) for v in mx.split(",")] if "," in mx else int(mx)
    spec = {"cell": "chen2020", "model": "dfn", "discretisation": disc, "mesh_x": xs, "mesh_r": mr, "rtol": rtol,
            "crate": 1, "vary": {"soc": {"from": 0.999, "to": 1.0, "n": n}}}
    path, out = os.path.join(tmpdir, "sweep.json"), os.path.join(tmpdir, "sweep.csv")
    with open(path, "w") as f:
        json.dump(spec, f)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawn(exe, [exe, "sweep", path, "--threads", "1", "--out", out], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"cellforge sweep {path}: exit {os.waitstatus_to_exitcode(status)}")
    with open(out) as f:
        rows = f.read().splitlines()[1:]
    failed = sum(1 for r in rows if not r.endswith(","))
    return len(rows) / (ru.ru_utime + ru.ru_stime), len(rows) / wall, len(rows), failed


def pybamm_runs(cases, meshes, rtol, repeat, log):
    """{case: [(mesh, rms, max, ms, t_end)]} for the chen2020 discharges."""
    import pybamm  # noqa: F401 (caller checked)
    out = {}
    for case in cases:
        cell_key, proto = case.rsplit("_", 1)
        if cell_key != "chen2020" or proto == "cccv":
            continue
        ref = cd.load_ref(case)
        crate = float(proto[:-1])
        res = []
        for m in meshes:
            x, r = (int(v) for v in m.split(":"))
            params = pybamm.ParameterValues("Chen2020")
            params["Current function [A]"] = 5.0 * crate
            solver = pybamm.IDAKLUSolver(rtol=rtol, atol=1e-6)
            sim = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=params, solver=solver,
                                    var_pts={"x_n": x, "x_s": x, "x_p": x, "r_n": r, "r_p": r})
            t_eval = [0.0, 3600.0 * 1.3 / crate]
            sol = sim.solve(t_eval)
            if "Minimum voltage" not in str(sol.termination):
                raise RuntimeError(f"PyBaMM {case} mesh {m}: ended by {sol.termination}")
            t_end = float(sol.t[-1])
            grid = [float(t) for t in range(int(t_end) + 1)]
            v = sol["Voltage [V]"](grid)
            step = ref[0][3]
            rows = [(t, 0.0, float(vv), step) for t, vv in zip(grid, v)] + [(t_end, 0.0, float(sol["Voltage [V]"](t_end)), step)]
            vr, vm, _, _ = cd.compare(rows, ref, 1.0)
            times = []
            for _ in range(repeat):
                t0 = time.process_time()
                solver.solve(sim.built_model, t_eval)
                times.append(1e3 * (time.process_time() - t0))
            ms = min(times)
            res.append((m, vr * 1e3, vm * 1e3, ms, sim.built_model.len_rhs_and_alg))
            log(f"  PyBaMM {case} x {x} r {r}: {sim.built_model.len_rhs_and_alg} unknowns, RMS {vr * 1e3:.3f} "
                f"max {vm * 1e3:.3f} mV, {ms:.1f} ms")
        out[case] = res
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", nargs="+", default=cd.ALL_CASES)
    ap.add_argument("--runs", nargs="+", default=DEFAULT_RUNS)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--pybamm-meshes", nargs="*", default=DEFAULT_PYBAMM)
    ap.add_argument("--pybamm-rtol", type=float, default=1e-4)
    ap.add_argument("--pybamm-repeat", type=int, default=3)
    ap.add_argument("--errors-only", action="store_true", help="the error table and the targets only: no timing")
    ap.add_argument("--sweep", type=int, default=1000,
                    help="runs of the sweep throughput measurement (0: none)")
    a = ap.parse_args()
    for c in a.cases:
        if c not in cd.ALL_CASES:
            sys.exit(f"work_precision_dfn.py: unknown case '{c}' (allowed: {', '.join(cd.ALL_CASES)})")
    runs = []
    for spec in a.runs:
        parts = spec.split(":")
        if len(parts) != 4 or parts[0] not in ("fv", "spectral"):
            sys.exit(f"work_precision_dfn.py: run '{spec}' must be DISC:X:R:RTOL with DISC fv or spectral")
        runs.append((spec, parts[0], parts[1], int(parts[2]), float(parts[3])))
    if not (1 <= a.repeat <= 1000):
        sys.exit("work_precision_dfn.py: --repeat must be in [1, 1000]")
    exe = os.path.abspath(os.path.join(a.build, "cellforge"))
    os.chdir(ROOT)  # cell paths are relative to the repository (posix_spawn takes no cwd)
    bench_exe = os.path.join(a.build, "bench", "bench_dfn")
    log = lambda s: print(s, flush=True)  # noqa: E731

    try:
        import pybamm
        have_pybamm = bool(a.pybamm_meshes)
    except ImportError:
        have_pybamm = False

    log(f"error against the converged DFN (validation/data/converged_dfn), 1 s grid; in-process CPU time: "
        f"bench_dfn, plan once, warm, min and median of {a.repeat} runs (CPU ms of the process: a shared "
        f"machine's waits left out); one core")
    hdr = (f"{'case':22s} {'run':22s} {'unknowns':>8s} {'V RMS mV':>9s} {'V max mV':>9s} {'I max mA':>9s} "
           f"{'CPU ms':>8s} {'median':>8s} {'steps':>6s} {'newton':>7s} {'jac':>5s}")
    log(hdr)
    table = {}
    for case in a.cases:
        ref = cd.load_ref(case)
        for spec, disc, mx, mr, rtol in runs:
            rows, _ = cd.run(exe, case, disc, mx, mr, rtol)
            vr, vm, _, im = cd.compare(rows, ref, 1.0)
            ims = "-" if im != im else f"{im * 1e3:.3f}"
            if case.endswith("cccv") or a.errors_only:
                b = None
                tcols = f"{'-':>8s} {'-':>8s} {'-':>6s} {'-':>7s} {'-':>5s}"
                unk = "-"
            else:
                b = bench_in_process(bench_exe, case, disc, mx, mr, rtol, a.repeat)
                tcols = f"{b['min']:8.2f} {b['median']:8.2f} {b['steps']:6.0f} {b['newton']:7.0f} {b['jac']:5.0f}"
                unk = str(b["unknowns"])
            table[(case, spec)] = (vr * 1e3, vm * 1e3, b)
            log(f"{case:22s} {spec:22s} {unk:>8s} {vr * 1e3:9.3f} {vm * 1e3:9.3f} {ims:>9s} {tcols}")

    log("")
    log("targets: <= 0.2 mV RMS and <= 1 mV max against the converged DFN on every case above")
    for spec, *_ in runs:
        worst_r = max(table[(c, spec)][0] for c in a.cases)
        worst_m = max(table[(c, spec)][1] for c in a.cases)
        miss = [c for c in a.cases if table[(c, spec)][0] > 0.2 or table[(c, spec)][1] > 1.0]
        verdict = "met" if not miss else "missed on " + ", ".join(miss)
        log(f"  {spec:24s} worst RMS {worst_r:6.3f} mV, worst max {worst_m:6.3f} mV: {verdict}")
    if a.errors_only:
        return

    proc = {}
    if "chen2020_1C" in a.cases:
        log("")
        log(f"whole process, chen2020 1C: `cellforge simulate --cell chen2020 --crate 1 --discretisation D --mesh-x X "
            f"--mesh-r R --rtol T` (summary to /dev/null), median (min) of {a.repeat}: wall time, the child's CPU time "
            f"(user + system), peak RSS of the process")
        for spec, disc, mx, mr, rtol in runs:
            med, mn, cmed, cmn, rss = whole_process(exe, "chen2020_1C", disc, mx, mr, rtol, a.repeat)
            proc[spec] = (mn, cmn, rss)
            log(f"  {spec:22s} wall {med:8.2f} ms (min {mn:.2f})  CPU {cmed:8.2f} ms (min {cmn:.2f})  "
                f"peak RSS {rss:6.1f} MB")

    # the run the chen2020 1C targets are judged on: the fastest one within
    # the accuracy targets on that case
    ok1 = [spec for spec, *_ in runs if ("chen2020_1C", spec) in table and table[("chen2020_1C", spec)][2]
           and table[("chen2020_1C", spec)][0] <= 0.2 and table[("chen2020_1C", spec)][1] <= 1.0]
    best1 = min(ok1, key=lambda sp: table[("chen2020_1C", sp)][2]["min"]) if ok1 else None
    sweep = None
    if best1 and a.sweep > 0:
        import tempfile
        _, disc, mx, mr, rtol = next(r for r in runs if r[0] == best1)
        with tempfile.TemporaryDirectory() as td:
            sweep = sweep_rate(exe, disc, mx, mr, rtol, a.sweep, td)
        log("")
        log(f"sweep, {best1}: `cellforge sweep` of {sweep[2]} chen2020 1C discharges (starting SOC 0.999 to 1, one "
            f"plan), one thread: {sweep[0]:.0f} runs per CPU second of the process ({1e3 / sweep[0]:.2f} ms each, "
            f"process start and CSV included), {sweep[1]:.0f} per wall second; {sweep[3]} failed")

    pb = None
    if not have_pybamm:
        log("")
        log("PyBaMM: not importable by this Python (run with validation/.venv/bin/python for the comparison)")
    else:
        log("")
        log(f"PyBaMM {pybamm.__version__}: DFN, Chen2020, IDAKLUSolver rtol {a.pybamm_rtol:g} atol 1e-6, "
            f"solver.solve(built_model): CPU time (time.process_time), min of {a.pybamm_repeat} after a warm-up; "
            f"error against the same converged DFN")
        pb = pybamm_runs(a.cases, a.pybamm_meshes, a.pybamm_rtol, a.pybamm_repeat, log)
        log("")
        log("equal accuracy: the fastest PyBaMM mesh (x:r) with V RMS and max no larger than cellforge's run")
        log(f"{'case':22s} {'cellforge run':22s} {'RMS':>6s} {'max':>6s} {'ms':>7s}   {'PyBaMM x:r':>10s} {'RMS':>6s} "
            f"{'max':>6s} {'ms':>8s}  {'ratio':>8s}")
        for case, res in pb.items():
            for spec, *_ in runs:
                vr, vm, b = table[(case, spec)]
                if b is None:
                    continue
                best, tag = pybamm_match(res, vr, vm)
                ratio = best[3] / b["min"]
                log(f"{case:22s} {spec:22s} {vr:6.3f} {vm:6.3f} {b['min']:7.2f}   {best[0]:>10s} {best[1]:6.3f} "
                    f"{best[2]:6.3f} {best[3]:8.1f}  {tag + format(ratio, '.1f') + 'x':>8s}")

    # every target of the high-order discretisation, with a verdict
    verdict = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    log("")
    log("targets (one core, warm, in-process; CPU times, as above)")
    if best1 is None:
        log("  chen2020 1C within 1 mV max and 0.2 mV RMS: no run above is (no verdicts on the time targets)")
    else:
        vr, vm, b = table[("chen2020_1C", best1)]
        log(f"  chen2020 1C <= 1 mV max, <= 0.2 mV RMS in <= 1 ms: fastest run within the errors {best1} "
            f"({vr:.3f} mV RMS, {vm:.3f} mV max) {b['min']:.2f} ms: {verdict(b['min'] <= 1.0)}")
    allok = [spec for spec, *_ in runs
             if all(table[(c, spec)][0] <= 0.2 and table[(c, spec)][1] <= 1.0 for c in a.cases)]
    log(f"  the same accuracy on every case ({len(a.cases)} cases): "
        + (f"met by {', '.join(allok)}" if allok else "MISSED by every run"))
    if best1 is not None and pb and "chen2020_1C" in pb:
        vr, vm, b = table[("chen2020_1C", best1)]
        best, tag = pybamm_match(pb["chen2020_1C"], vr, vm)
        ratio = best[3] / b["min"]
        log(f"  >= 20x PyBaMM's time at equal accuracy (chen2020 1C): {best1} {b['min']:.2f} ms vs PyBaMM x:r "
            f"{best[0]} {best[3]:.1f} ms = {tag}{ratio:.0f}x: {verdict(ratio >= 20)}"
            + (" (no PyBaMM mesh as accurate: a lower bound)" if tag else ""))
    else:
        log("  >= 20x PyBaMM's time at equal accuracy: not measured (PyBaMM not importable or chen2020 1C not run)")
    if best1 is not None and best1 in proc:
        mn, cmn, rss = proc[best1]
        log(f"  whole `cellforge simulate` process <= 10 ms ({best1}): CPU {cmn:.2f} ms: {verdict(cmn <= 10)}; "
            f"wall {mn:.2f} ms: {verdict(mn <= 10)} (wall includes the shared machine's waits)")
    if best1 is not None:
        kb = table[("chen2020_1C", best1)][2]["heap_run_kB"]
        log(f"  <= 1 MB per plan and run in-process ({best1}): heap held by the plan, a run and its solution "
            f"{kb:.0f} kB: {verdict(kb <= 1024)}")
    if sweep:
        log(f"  sweeps >= 1000 DFN 1C discharges per second per core ({best1}): {sweep[0]:.0f}: "
            f"{verdict(sweep[0] >= 1000 and sweep[3] == 0)}")


def pybamm_match(res, vr, vm):
    """The fastest PyBaMM run with RMS and max errors no larger than (vr, vm);
    when none is, the most accurate one and '>' (the ratio is a lower bound)."""
    ok = [r for r in res if r[1] <= vr and r[2] <= vm]
    if ok:
        return min(ok, key=lambda r: r[3]), ""
    return min(res, key=lambda r: (r[2], r[1])), ">"


if __name__ == "__main__":
    main()
