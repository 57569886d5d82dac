#!/usr/bin/env python3
"""The converged DFN: reference curves by mesh refinement, and the error of any
mesh or discretisation against them.  Python standard library only; drives
build/cellforge (or --cellforge PATH).

Cases: three cells (the built-in chen2020; the BPX file
tests/data/bpx/chen2020_ecker_dsto.bpx.json, chen2020 with Ecker et al.
(2015)'s stoichiometry-dependent solid diffusivities; the seed cell
examples/hard_carbon_hev_cell.json, hard carbon | LiMn2O4) under four
protocols each: 0.5C, 1C and 2C constant-current discharges from the cell's
initial state to its lower cut-off, and a CC-CV charge from SOC 0 (1C to
0.1 V below the upper cut-off, hold until C/20).

  converged_dfn.py reference [--cases ...]
      For each case, refine until the voltage changes by less than --tol
      (default 0.01 mV, max over the common time range, 1 s grid; in the CV
      hold the current, scaled to volts by the cell's 1C current and 1 V):
        1. the particles: spectral nodes 8, 16, 32, 64 at 20 x volumes per domain
           (the spectral particles converge exponentially; the finite-volume
           particles converge to the same curves at second order, see
           `check`);
        2. x: volumes per domain 20, 40, ..., up to 640 with those nodes (the
           spectral discretisation: harmonic-mean conductivity at the x
           faces, second order); successive pairs are extrapolated,
           (4 V_h - V_2h)/3, and the extrapolated curves must change by
           less than --tol.
      rtol 1e-9 throughout.  The finest curves are written, decimated so
      that linear interpolation reproduces every 1 s sample to 1 uV (and the
      current to 1 uA), to validation/data/converged_dfn/<case>.csv.gz with
      the settings and the last changes in its header.

  converged_dfn.py error [--cases ...] [--runs "fv:20:20" "spectral:20:6" ...]
      Runs each discretisation (DISC:X:R = --discretisation DISC --mesh-x X
      --mesh-r R, X a number or NEG,SEP,POS; rtol --rtol, default 1e-6;
      "default": none of these options, the CLI's defaults) and prints the voltage error
      (RMS and max, mV; CV hold: current error in mA) against the stored
      reference and the CLI's solve time (median of --repeat runs, ms).

  converged_dfn.py check
      The finite-volume particles (mesh-r 20..320) of chen2020 1C: in the SPM
      against 32 spectral nodes (the particles alone: falls at second order
      towards 0, an independent check of the reference's particles), and in
      the DFN at x 80 against the reference.
"""
import argparse
import csv
import gzip
import io
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data", "converged_dfn")

CELLS = {
    "chen2020": ("chen2020", 4.2),
    "ecker_dsto_bpx": (os.path.join("tests", "data", "bpx", "chen2020_ecker_dsto.bpx.json"), 4.2),
    "hard_carbon_seed": (os.path.join("examples", "hard_carbon_hev_cell.json"), 4.258),
}
PROTOCOLS = ["0.5C", "1C", "2C", "cccv"]
X_MAX = 640  # finest x mesh of the reference (volumes per domain)
ALL_CASES = [f"{c}_{p}" for c in CELLS for p in PROTOCOLS]


def case_args(case):
    cell, proto = case.rsplit("_", 1)
    path, vmax = CELLS[cell]
    args = ["--cell", path]
    if proto == "cccv":
        v = vmax - 0.1
        args += ["--protocol", f"Charge at 1C until {v:.2f} V; Hold at {v:.2f} V until C/20", "--soc", "0"]
    else:
        args += ["--crate", proto[:-1]]
    return args


def run(exe, case, disc, mx, mr, rtol, dt=1.0, model="dfn"):
    """One simulation: returns (rows [(t, I, V, step)], wall ms).  disc
    "default": the CLI's own discretisation, mesh and tolerance."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "s.csv")
        cmd = [exe, "simulate", *case_args(case), "--model", model, "--out", out, "--json"]
        if disc != "default":
            cmd += ["--discretisation", disc, "--mesh-x", str(mx), "--mesh-r", str(mr), "--rtol", str(rtol)]
        if dt:
            cmd += ["--output-dt", str(dt)]
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError(f"{' '.join(cmd)}: {p.stderr.strip()}")
        wall = json.loads(p.stdout)["wall_time_ms"]
        with open(out) as f:
            rows = [(float(r["time_s"]), float(r["current_A"]), float(r["voltage_V"]), int(r["step"]))
                    for r in csv.DictReader(f)]
    return rows, wall


def interp(ts, vs, t):
    """Linear interpolation in sorted ts (t inside the range)."""
    lo, hi = 0, len(ts) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ts[mid] <= t:
            lo = mid
        else:
            hi = mid
    if ts[hi] == ts[lo]:
        return vs[hi]
    w = (t - ts[lo]) / (ts[hi] - ts[lo])
    return vs[lo] + w * (vs[hi] - vs[lo])


def compare(rows, ref, i_scale):
    """Errors of rows against ref (both lists of (t, I, V, step)) on the 1 s
    grid of the common range: voltage where both are in the first step
    (constant current), current/i_scale where both are in a later step (the
    CV hold). Returns (v_rms, v_max, i_rms, i_max) in V and A (NaN if none)."""
    t_end = min(rows[-1][0], ref[-1][0])
    cols = [list(c) for c in zip(*ref)]
    rcols = [list(c) for c in zip(*rows)]
    first = rows[0][3]
    ev, ei = [], []
    t = 0.0
    while t <= t_end + 1e-9:
        s_a = interp(rcols[0], rcols[3], t)
        s_b = interp(cols[0], cols[3], t)
        if s_a < 0 or s_b < 0:
            pass  # a row of an extrapolated curve that is not extrapolated (near a step change)
        elif s_a == first and s_b == first:
            ev.append(interp(rcols[0], rcols[2], t) - interp(cols[0], cols[2], t))
        elif s_a != first and s_b != first and s_a == round(s_a) and s_b == round(s_b):
            ei.append(interp(rcols[0], rcols[1], t) - interp(cols[0], cols[1], t))
        t += 1.0

    def stats(e):
        if not e:
            return float("nan"), float("nan")
        return math.sqrt(sum(x * x for x in e) / len(e)), max(abs(x) for x in e)

    return (*stats(ev), *stats(ei))


def change(a, b, i_scale):
    """The refinement change: max voltage difference, or the current
    difference in volts per 1C current (CV hold), whichever is larger."""
    _, vmax, _, imax = compare(a, b, i_scale)
    imax = 0.0 if math.isnan(imax) else imax / i_scale
    return max(0.0 if math.isnan(vmax) else vmax, imax)


def decimate(rows, vtol=1e-6, itol=1e-6):
    """Keeps the rows needed so that linear interpolation between kept rows
    reproduces every row to vtol (V) and itol (A); step changes are kept."""
    keep = [0]
    a = 0
    n = len(rows)
    b = a + 1
    while b < n:
        ok = rows[b][3] == rows[a][3]
        if ok and b + 1 < n:
            c = b + 1
            ok = rows[c][3] == rows[a][3]
            if ok:
                ta, tc = rows[a][0], rows[c][0]
                for k in range(a + 1, c):
                    w = (rows[k][0] - ta) / (tc - ta)
                    if (abs(rows[a][2] + w * (rows[c][2] - rows[a][2]) - rows[k][2]) > vtol or
                            abs(rows[a][1] + w * (rows[c][1] - rows[a][1]) - rows[k][1]) > itol):
                        ok = False
                        break
            if ok:
                b = c
                continue
        keep.append(b)
        a = b
        b = a + 1
    if keep[-1] != n - 1:
        keep.append(n - 1)
    return [rows[k] for k in keep]


def richardson(fine, coarse):
    """(4 fine - coarse)/3 at the times (1 s grid) both have in the same step, up
    to the end of the shorter run; elsewhere (a step change between the two,
    the extra row at a step's end) the fine value."""
    at = {round(b[0], 6): b for b in coarse}
    t_end = min(fine[-1][0], coarse[-1][0])
    out = []
    for a in fine:
        if a[0] > t_end + 1e-9:
            break
        b = at.get(round(a[0], 6))
        if b is None or a[3] != b[3]:
            out.append((a[0], a[1], a[2], -1, a[3]))  # step -1: not extrapolated, left out of `change`
        else:
            out.append((a[0], (4 * a[1] - b[1]) / 3, (4 * a[2] - b[2]) / 3, a[3], a[3]))
    return out


def ref_path(case):
    return os.path.join(DATA, f"{case}.csv.gz")


def load_ref(case):
    with gzip.open(ref_path(case), "rt") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    r = csv.DictReader(io.StringIO("".join(lines)))
    rows = [(float(x["time_s"]), float(x["current_A"]), float(x["voltage_V"]), int(x["step"])) for x in r]
    # references written before steps were numbered from 1 (as the CLI's CSV now is) start at step 0
    shift = 1 if rows and min(x[3] for x in rows) == 0 else 0
    return [(t, i, v, s + shift) for t, i, v, s in rows]


def one_c_current(exe, case):
    rows, _ = run(exe, case.rsplit("_", 1)[0] + "_1C", "spectral", 10, 6, 1e-6, dt=0)
    return abs(rows[0][1])


def reference(exe, case, tol, rtol, log):
    i1c = one_c_current(exe, case)
    x0, settings = 20, []
    prev, nodes = None, None
    for n in (8, 16, 32, 64):
        rows, _ = run(exe, case, "spectral", x0, n, rtol)
        if prev is not None:
            d = change(rows, prev, i1c)
            log(f"  {case}: nodes {n // 2} -> {n} at x {x0}: change {d * 1e3:.5f} mV")
            settings.append(f"nodes {n // 2}->{n} at x {x0}: {d * 1e3:.5f} mV")
            if d < tol:
                nodes = n // 2
                break
        prev = rows
    if nodes is None:
        raise RuntimeError(f"{case}: the particles did not converge to {tol * 1e3} mV with 64 nodes")
    # x: with the spectral discretisation's harmonic-mean conductivity at
    # the faces the x volumes converge at second order (the changes drop 4x
    # per doubling, printed), so each pair of levels is extrapolated,
    # E = (4 V_h - V_2h)/3 (Richardson, order 2), and refinement stops when
    # E changes by less than tol.
    levels, extrap, x = [], [], x0
    while True:
        rows, _ = run(exe, case, "spectral", x, nodes, rtol)
        levels.append(rows)
        if len(levels) >= 2:
            d = change(levels[-1], levels[-2], i1c)
            log(f"  {case}: x {x // 2} -> {x} with {nodes} nodes: change {d * 1e3:.5f} mV")
            settings.append(f"x {x // 2}->{x}: {d * 1e3:.5f} mV")
            extrap.append(richardson(levels[-1], levels[-2]))
        if len(extrap) >= 2:
            d = change(extrap[-1], extrap[-2], i1c)
            log(f"  {case}: extrapolated x {x // 2}/{x} vs {x // 4}/{x // 2}: change {d * 1e3:.5f} mV")
            settings.append(f"extrapolated {x // 2}/{x} vs {x // 4}/{x // 2}: {d * 1e3:.5f} mV")
            if d < tol:
                break
        if x >= X_MAX:
            log(f"  {case}: WARNING: x not converged to {tol * 1e3} mV by {X_MAX} volumes per domain")
            settings.append(f"NOT converged to {tol * 1e3} mV")
            break
        x *= 2
    rows = extrap[-1]
    kept = decimate([r[:3] + (r[-1],) for r in rows])
    os.makedirs(DATA, exist_ok=True)
    ver = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    buf = io.StringIO()
    buf.write(f"# converged DFN, case {case}: cellforge simulate {' '.join(case_args(case))}\n")
    buf.write(f"# {ver}; --discretisation spectral --mesh-r {nodes} --rtol {rtol} --output-dt 1; "
              f"(4 x (--mesh-x {x}) - (--mesh-x {x // 2}))/3 (Richardson, second order in x)\n")
    buf.write("# refinement changes (max |dV|, CV hold: |dI| / I_1C * 1 V): " + "; ".join(settings) + "\n")
    buf.write(f"# decimated: linear interpolation of these rows gives every 1 s row to 1 uV and 1 uA "
              f"({len(kept)} of {len(rows)} rows)\n")
    buf.write("time_s,current_A,voltage_V,step\n")
    for r in kept:
        buf.write(f"{r[0]:.3f},{r[1]:.9g},{r[2]:.9g},{r[-1]}\n")  # the row's own step
    with gzip.GzipFile(ref_path(case), "wb", mtime=0) as f:
        f.write(buf.getvalue().encode())
    return nodes, x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["reference", "error", "check"])
    ap.add_argument("--cellforge", default=os.path.join(ROOT, "build", "cellforge"))
    ap.add_argument("--cases", nargs="+", default=ALL_CASES)
    ap.add_argument("--runs", nargs="+", default=["fv:10:10", "fv:20:20", "fv:40:40", "fv:80:80",
                                                   "spectral:10:4", "spectral:10:6", "spectral:20:6",
                                                   "spectral:20:8"])
    ap.add_argument("--rtol", type=float, default=1e-6)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--tol", type=float, default=1e-5, help="refinement stop, V (default 1e-5 = 0.01 mV)")
    a = ap.parse_args()
    for c in a.cases:
        if c not in ALL_CASES:
            sys.exit(f"converged_dfn.py: unknown case '{c}' (allowed: {', '.join(ALL_CASES)})")
    exe = os.path.abspath(a.cellforge)
    log = lambda s: print(s, flush=True)  # noqa: E731
    if a.what == "reference":
        for c in a.cases:
            nodes, x = reference(exe, c, a.tol, 1e-9, log)
            log(f"{c}: reference at {nodes} nodes, x {x} -> {os.path.relpath(ref_path(c), ROOT)}")
        return
    if a.what == "check":
        case = "chen2020_1C"
        ref = load_ref(case)
        i1c = one_c_current(exe, case)
        sp, _ = run(exe, case, "spectral", 20, 32, 1e-9, model="spm")
        log(f"{case}: finite-volume particles, rtol 1e-9: SPM against 32 spectral nodes (the particles "
            f"alone), and DFN at x 80 against the reference (particles and PyBaMM's first-order x)")
        for nr in (20, 40, 80, 160, 320):
            rows, _ = run(exe, case, "fv", 20, nr, 1e-9, model="spm")
            sr, sm, _, _ = compare(rows, sp, i1c)
            rows, _ = run(exe, case, "fv", 80, nr, 1e-9)
            vr, vm, _, _ = compare(rows, ref, i1c)
            log(f"  fv mesh-r {nr:4d}: vs spectral RMS {sr * 1e3:8.4f} max {sm * 1e3:8.4f} mV; "
                f"vs reference RMS {vr * 1e3:8.4f} max {vm * 1e3:8.4f} mV")
        return
    print(f"{'case':24s} {'run':16s} {'V RMS mV':>9s} {'V max mV':>9s} {'I RMS mA':>9s} {'I max mA':>9s} "
          f"{'ms':>8s}")
    for c in a.cases:
        ref = load_ref(c)
        for spec in a.runs:
            disc, mx, mr = spec.split(":") if spec != "default" else ("default", 0, 0)
            walls = []
            for _ in range(a.repeat):
                rows, wall = run(exe, c, disc, mx, int(mr), a.rtol)
                walls.append(wall)
            vr, vm, ir, im = compare(rows, ref, 1.0)
            print(f"{c:24s} {spec:16s} {vr * 1e3:9.3f} {vm * 1e3:9.3f} {ir * 1e3:9.3f} {im * 1e3:9.3f} "
                  f"{statistics.median(walls):8.1f}", flush=True)


if __name__ == "__main__":
    main()
