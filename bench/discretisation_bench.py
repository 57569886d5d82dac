#!/usr/bin/env python3
"""Error against the converged DFN and in-process time per discharge, for
finite-volume and spectral particles at several meshes (chen2020 1C by
default).  Python standard library only.

  bench/discretisation_bench.py [--case chen2020_1C] [--runs fv:20:20 spectral:20:8 ...]
                                [--rtol 1e-6] [--repeat 20]

For each DISC:X:R (--discretisation DISC --mesh-x X --mesh-r R):
  * the voltage error, RMS and max in mV on a 1 s grid, of `cellforge
    simulate` against the stored converged DFN of validation/converged_dfn.py
    (validation/data/converged_dfn/<case>.csv.gz; `converged_dfn.py
    reference` remakes it);
  * the in-process time of one discharge: build/bench/bench_dfn (plan once,
    warm, median and minimum of --repeat runs; the machine may be shared, the
    minimum is the least disturbed), its unknowns and solver steps.
Timing needs a constant-current discharge case (0.5C, 1C, 2C).
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "validation"))
import converged_dfn as cd  # noqa: E402


def bench(exe, cell, crate, disc, mx, mr, rtol, repeat):
    cmd = [exe, "--cell", cell, "--crate", str(crate), "--discretisation", disc, "--mesh-x", str(mx), "--mesh-r",
           str(mr), "--rtol", str(rtol), "--atol", str(rtol), "--runs", str(repeat)]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: {p.stderr.strip()}")
    med = re.search(r"median_ms\s+([0-9.]+) \(min ([0-9.]+)", p.stdout)
    unk = re.search(r"(\d+) unknowns", p.stdout)
    steps = re.search(r"steps\s+([0-9.]+)", p.stdout)
    return float(med.group(1)), float(med.group(2)), int(unk.group(1)), float(steps.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--case", default="chen2020_1C")
    ap.add_argument("--runs", nargs="+", default=[
        "fv:10:10", "fv:20:20", "fv:40:40", "fv:80:80",
        "spectral:10:4", "spectral:10:6", "spectral:20:6", "spectral:20:8", "spectral:20:10",
        "spectral:40:8", "spectral:80:8", "spectral:80:10"])
    ap.add_argument("--rtol", type=float, default=1e-6)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    a = ap.parse_args()
    if a.case not in cd.ALL_CASES or a.case.endswith("cccv"):
        sys.exit(f"discretisation_bench.py: --case must be a discharge of {', '.join(cd.ALL_CASES)}")
    exe = os.path.join(a.build, "cellforge")
    bench_exe = os.path.join(a.build, "bench", "bench_dfn")
    cell_key, proto = a.case.rsplit("_", 1)
    cell = cd.CELLS[cell_key][0]
    ref = cd.load_ref(a.case)
    print(f"{a.case}: error against the converged DFN (validation/data/converged_dfn), rtol {a.rtol}; "
          f"time in-process, warm, {a.repeat} runs")
    print(f"{'run':16s} {'unknowns':>8s} {'V RMS mV':>9s} {'V max mV':>9s} {'median ms':>10s} {'min ms':>8s} "
          f"{'steps':>6s}")
    for spec in a.runs:
        disc, mx, mr = spec.split(":")
        rows, _ = cd.run(exe, a.case, disc, int(mx), int(mr), a.rtol)
        vr, vm, _, _ = cd.compare(rows, ref, 1.0)
        med, mn, unk, steps = bench(bench_exe, cell, proto[:-1], disc, mx, mr, a.rtol, a.repeat)
        print(f"{spec:16s} {unk:8d} {vr * 1e3:9.3f} {vm * 1e3:9.3f} {med:10.2f} {mn:8.2f} {steps:6.0f}", flush=True)


if __name__ == "__main__":
    main()
