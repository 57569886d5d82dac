#!/usr/bin/env python3
"""Seed 001: the lithium reservoir as an electrode with a rate.

Prints, for examples/li_reservoir_cell.json with its reservoir resized and
its contact area changed:
  1. when the positive first falls below the aluminium-alloying threshold
     (0.3 V vs Li/Li+) during a 24 h rest, vs reservoir size and area, the
     time it spends there and the lithium that alloys with the collector;
  2. what starting the first charge (C/10 to 4.3 V) 0.5, 2, 6 or 24 h after
     electrolyte contact does, for a reservoir 1.5x what the positive holds.
The reservoir reaches the positive over 1 mm of electrolyte-filled separator
(path_length_m), so its contact area sets both its kinetics and its path.
Usage: examples/studies/seed001_reservoir.py [path/to/cellforge]  (about 5 s)
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "cellforge")
BASE = os.path.join(ROOT, "examples", "li_reservoir_cell.json")
# What the positive can take: Li/O 0.5 -> 1.0 (Li2NiO2) over its oxygen,
# O = 0.65 x 60e-6 m x 0.1027 m2 x 97919 mol/m3 = 0.39219 mol.
ROOM_MOL = 0.5 * 0.39219


def run(tmp, mult, area_cm2, protocol):
    with open(BASE) as f:
        cell = json.load(f)
    cell["reservoir"]["lithium_mol"] = mult * ROOM_MOL
    cell["reservoir"]["area_m2"] = area_cm2 * 1e-4
    # the electrolyte path over the contact: 1 mm of separator, so the
    # path's resistance scales with 1/area as the kinetics do
    cell["reservoir"].pop("ionic_resistance_ohm", None)
    cell["reservoir"]["path_length_m"] = 1e-3
    path = os.path.join(tmp, "cell.json")
    rec = os.path.join(tmp, "record.json")
    with open(path, "w") as f:
        json.dump(cell, f)
    p = subprocess.run([CF, "simulate", "--cell", path, "--protocol", protocol, "--record", rec],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1][:60]
    with open(rec) as f:
        return json.load(f), ""


def main():
    with tempfile.TemporaryDirectory() as tmp:
        print("== Seed 001: reservoir size and contact area, 24 h rest from electrolyte contact "
              "(examples/li_reservoir_cell.json)")
        print("   reservoir (x what the positive holds)  area cm2  Li/O at 2 h  below 0.3 V from h  "
              "time below h  Li alloyed Ah")
        for mult in (0.5, 0.9, 1.0, 1.5, 2.0):
            for area in (1.0, 10.0, 100.0):
                r2, _ = run(tmp, mult, area, "Rest for 2 hours; Charge at C/100 for 1 second")
                r, note = run(tmp, mult, area, "Rest for 24 hours; Charge at C/100 for 1 second")
                if r is None or r2 is None:
                    print(f"   {mult:<39} {area:<9} failed: {note}")
                    continue
                first = r.get("first_below_threshold_h")
                print(f"   {mult:<39} {area:<9} {r2['li_o_ratio_after_prelithiation']:<12.4f} "
                      f"{'never' if first is None else f'{first:.2f}':<19} "
                      f"{r['time_below_threshold_s'] / 3600:<13.2f} {r['li_alloyed_Ah']:.4f}")
        print()
        print("== Seed 001: start of the first charge (C/10 to 4.3 V), reservoir 1.5x what the positive holds, 10 cm2")
        print("   start h  Li/O at start  below 0.3 V from h  time below h  Li alloyed Ah  plated Li Ah")
        for start in (0.5, 2, 6, 24):
            r, note = run(tmp, 1.5, 10.0, f"Rest for {start} hours; Charge at C/10 until 4.3 V")
            if r is None:
                print(f"   {start:<8} failed: {note}")
                continue
            first = r.get("first_below_threshold_h")
            print(f"   {start:<8} {r['li_o_ratio_after_prelithiation']:<14.4f} "
                  f"{'never' if first is None else f'{first:.2f}':<19} {r['time_below_threshold_s'] / 3600:<12.2f} "
                  f"{r['li_alloyed_Ah']:<13.4f} {r['li_metal_plated_Ah']:.4f}")


if __name__ == "__main__":
    main()
