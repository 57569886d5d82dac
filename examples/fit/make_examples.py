#!/usr/bin/env python3
"""Makes the example data of docs/fitting.md with cellforge itself, from
known parameters, so that a fit can be checked against the truth.

discharge_rest.csv: chen2020 with the negative's solid diffusivity set to
1.2e-14 m2/s (the cell file says 3.3e-14) and the positive's to 8e-15
(4e-15), SPM, from SOC 0.9: 1C (5 A) for 40 min, then 30 min rest, sampled
every 10 s, plus Gaussian noise of 2 mV (seed 1).  Generic format.

ocv_c50.csv: a C/50 discharge of chen2020 (SPM) from SOC 1 to 2.6 V,
sampled every 5 min, plus 1 mV noise (seed 2), written as a Neware export
(Total Time as h:mm:ss, Current(mA) charge-positive, Voltage(V)).

hppc.csv, gitt.csv: `cellforge test hppc` (levels every 20 % SOC) and `test gitt`
(4 pulses of 0.05C for 600 s, 1 h relaxations) of chen2020 with the positive's
exchange-current coefficient set to 1e-5 (the cell file says 3.42e-6) and its solid
diffusivity to 1e-14 m2/s (4e-15), SPM, the raw series (one point per solver step; where
a segment ends and the next starts at one time, the earlier point is put 1 ms before it,
as a cycler records a current step) plus 2 mV noise (seeds 3 and 4).

Usage: examples/fit/make_examples.py [path/to/cellforge]   (default build/cellforge)
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "cellforge")


def simulate(cell, protocol, soc, tmp):
    out = os.path.join(tmp, "sim.csv")
    subprocess.run([EXE, "simulate", "--cell", cell, "--model", "spm", "--soc", str(soc), "--protocol", protocol,
                    "--out", out], check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        return list(csv.DictReader(f))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        # the measured current: 5 A for 2400 s, then rest, every 10 s
        drive = os.path.join(tmp, "drive.csv")
        with open(drive, "w") as f:
            f.write("time_s,current_A\n")
            for k in range(421):
                t = 10.0 * k
                f.write(f"{t:g},{5.0 if t <= 2400 else 0.0:g}\n")
        cell = os.path.join(tmp, "truth.json")
        with open(cell, "w") as f:
            json.dump({"base": "chen2020", "negative": {"diffusivity_m2_s": 1.2e-14},
                       "positive": {"diffusivity_m2_s": 8e-15}}, f)
        rows = simulate(cell, f'Run "{drive}" (10 second period)', 0.9, tmp)
        rng = random.Random(1)
        seen = set()
        with open(os.path.join(HERE, "discharge_rest.csv"), "w") as f:
            f.write("# made by examples/fit/make_examples.py: chen2020 with D_neg 1.2e-14, D_pos 8e-15 m2/s,\n")
            f.write("# SPM from SOC 0.9, 2 mV Gaussian noise (seed 1)\n")
            f.write("time [s],current [A],voltage [V]\n")
            for r in rows:
                t = float(r["time_s"])
                if t in seen:
                    continue
                seen.add(t)
                v = float(r["voltage_V"]) + rng.gauss(0, 2e-3)
                f.write(f"{t:g},{float(r['current_A']):.6g},{v:.5f}\n")

        rows = simulate("chen2020", "Discharge at C/50 until 2.6 V (5 minute period)", 1.0, tmp)
        rng = random.Random(2)
        seen = set()
        with open(os.path.join(HERE, "ocv_c50.csv"), "w") as f:
            f.write("Record ID,Step ID,Status,Total Time,Current(mA),Voltage(V)\n")
            for k, r in enumerate(rows):
                t = float(r["time_s"])
                if t in seen:
                    continue
                seen.add(t)
                s = int(round(t))
                clock = f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
                i_ma = -1000 * float(r["current_A"])  # Neware: charge positive
                v = float(r["voltage_V"]) + rng.gauss(0, 1e-3)
                f.write(f"{k + 1},1,CC DChg,{clock},{i_ma:.4g},{v:.4f}\n")


def pulse_tests():
    with tempfile.TemporaryDirectory() as tmp:
        cell = os.path.join(tmp, "truth.json")
        with open(cell, "w") as f:
            json.dump({"base": "chen2020", "positive": {"exchange_current_coefficient": 1e-5,
                                                        "diffusivity_m2_s": 1e-14}}, f)
        for name, args, seed in (("hppc", ["--soc-step", "0.2"], 3), ("gitt", ["--max-pulses", "4"], 4)):
            series = os.path.join(tmp, name + ".csv")
            subprocess.run([EXE, "test", name, "--cell", cell, "--model", "spm", *args, "--series", series],
                           check=True, stdout=subprocess.DEVNULL)
            with open(series) as f:
                rows = list(csv.DictReader(f))
            points = []
            for r in rows:  # a step: the earlier of two points at one time 1 ms before it
                t = float(r["time_s"])
                if points and t <= points[-1][0]:
                    points[-1] = (t - 1e-3, points[-1][1])
                points.append((t, r))
            rng = random.Random(seed)
            with open(os.path.join(HERE, name + ".csv"), "w") as f:
                f.write(f"# made by examples/fit/make_examples.py: `cellforge test {name}` of chen2020 with the\n")
                f.write("# positive's j0 coefficient 1e-5 and D 1e-14 m2/s, SPM, 2 mV noise\n")
                f.write("time [s],current [A],voltage [V]\n")
                for t, r in points:
                    v = float(r["voltage_V"]) + rng.gauss(0, 2e-3)
                    f.write(f"{t:.6f},{float(r['current_A']):.9g},{v:.5f}\n")


if __name__ == "__main__":
    pulse_tests()
    main()
