#!/usr/bin/env python3
"""Cell temperature of the seed-002 HEV cell under repeated 10C pulses (docs/seeds.md).

  seed002_thermal.py [cellforge]

The recipe examples/hard_carbon_hev_cell.json (its heat capacity from the design,
its cooling by the recipe's thermal block) runs one hour of charge-sustaining
pulse pairs from 50 % SOC with the lumped thermal model (DFN): 10C discharge 10 s,
rest 20 s, 10C charge 10 s, rest 20 s.  For each cooling (heat-transfer
coefficient h; still air, the recipe's forced air, a cooling plate): the cell's temperature after 1, 10, 30 and 60 minutes,
the hottest, the mean heat over the last 10 minutes and the rise it sustains,
mean heat / (h A), against the mean rise simulated over them.  A few seconds of CPU.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CYCLES = 60  # one hour of 60 s pulse pairs


def run(cf, tmp, h, ambient):
    with open(os.path.join(ROOT, "examples", "hard_carbon_hev_cell.json")) as f:
        r = json.load(f)
    r["thermal"]["heat_transfer_W_m2_K"] = h
    recipe = os.path.join(tmp, "recipe.json")
    with open(recipe, "w") as f:
        json.dump(r, f)
    proto = os.path.join(tmp, "pulses.txt")
    with open(proto, "w") as f:
        f.write(f"repeat {CYCLES}\n{{\nDischarge at 10C for 10 seconds\nRest for 20 seconds\n"
                "Charge at 10C for 10 seconds\nRest for 20 seconds\n}\n")
    out = os.path.join(tmp, "run.csv")
    p = subprocess.run([cf, "simulate", "--cell", recipe, "--thermal", "lumped", "--temperature", str(ambient),
                        "--soc", "0.5", "--protocol-file", proto, "--output-dt", "5", "--out", out, "--json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    with open(out) as f:
        rows = list(csv.DictReader(f))
    design = subprocess.run([cf, "design", recipe, "--json"], capture_output=True, text=True)
    return (json.loads(p.stdout), rows, json.loads(design.stdout)["cell"]), ""


def temperature_at(rows, t):
    """The temperature (degC) at the last row at or before t seconds."""
    best = rows[0]
    for r in rows:
        if float(r["time_s"]) <= t + 1e-9:
            best = r
    return float(best["temperature_C"])


def mean(rows, key, t0, t1):
    """Time-average of a column over [t0, t1] (trapezoids over the rows)."""
    q = 0.0
    for a, b in zip(rows, rows[1:]):
        ta, tb = float(a["time_s"]), float(b["time_s"])
        if ta >= t0 and tb <= t1:
            q += 0.5 * (tb - ta) * (float(a[key]) + float(b[key]))
    return q / (t1 - t0)


def main():
    cf = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "cellforge")
    print("== Seed 002: cell temperature under repeated 10C pulses (examples/hard_carbon_hev_cell.json, lumped")
    print(f"   thermal, DFN; from 50 % SOC, {CYCLES} x (10C discharge 10 s, rest 20 s, 10C charge 10 s, rest 20 s))")
    print("   ambient 25 C; over the last 10 minutes: mean heat, the rise it sustains (mean heat / (h A)) and the")
    print("   simulated mean rise")
    print("   h W/(m2 K)  T at 1 / 10 / 30 / 60 min, C    max C   mean heat W   rise: heat/hA   simulated")
    with tempfile.TemporaryDirectory() as tmp:
        for h in (5, 20, 100):
            ambient = 25
            res, err = run(cf, tmp, h, ambient)
            if res is None:
                print(f"   {h:<10g}  failed: {err[:70]}")
                continue
            d, rows, cell = res
            end = float(rows[-1]["time_s"])
            ts = [temperature_at(rows, 60 * m) for m in (1, 10, 30, 60)]
            q = mean(rows, "heat_total_W", end - 600, end)
            t_mean = mean(rows, "temperature_C", end - 600, end)
            rise = q / (h * cell["cooling_area_m2"])
            print(f"   {h:<10g}  " + " / ".join(f"{t:.1f}" for t in ts)
                  + f"   {d['max_temperature_C']:6.1f}   {q:11.2f}   {rise:13.2f}   {t_mean - ambient:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
