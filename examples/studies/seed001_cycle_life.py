#!/usr/bin/env python3
"""Seed 001: cycle life of a lithium-metal cell vs its lithium excess.

Runs `cellforge test cycle --cycles 200 --mesh 10` (CC-CV 0.5C charge to
4.3 V, 1C discharge to 3.0 V) on examples/li_metal_cell.json (LiNiO2 against
lithium metal, plating efficiency 99 %) with 0, 0.669 and 1.338 mol/m2 of
lithium on the negative as assembled, and prints the capacity retention at
chosen cycles and the first cycle below 80 %.
Usage: examples/studies/seed001_cycle_life.py [path/to/cellforge]  (about 30 s)
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "cellforge")
BASE = os.path.join(ROOT, "examples", "li_metal_cell.json")
AT = (1, 40, 80, 100, 120, 140, 160, 200)
AREA_M2 = 0.1027  # the electrode area, chen2020's
AH_PER_MOL = 96485.33212 / 3600.0


def main():
    print("== Seed 001: retention vs lithium excess (examples/li_metal_cell.json, 200 cycles 0.5C CC-CV / 1C)")
    print("   Li on the negative            retention at cycle:" + "".join(f"{c:>7}" for c in AT)
          + "   first below 80 %")
    with tempfile.TemporaryDirectory() as tmp:
        for li in (0.0, 0.669, 1.338):
            with open(BASE) as f:
                cell = json.load(f)
            cell["negative"]["lithium_mol_m2"] = li
            path = os.path.join(tmp, "cell.json")
            with open(path, "w") as f:
                json.dump(cell, f)
            p = subprocess.run([CF, "test", "cycle", "--cell", path, "--cycles", "200", "--mesh", "10", "--json"],
                               capture_output=True, text=True)
            label = f"{li:.3f} mol/m2 ({li * AREA_M2 * AH_PER_MOL:.2f} Ah)"
            if p.returncode != 0:
                print(f"   {label:<29} failed: {p.stderr.strip()[:60]}")
                continue
            rows = json.loads(p.stdout)["rows"]
            ret = {r["cycle"]: r["retention"] for r in rows}
            below = next((r["cycle"] for r in rows if r["retention"] < 0.8), None)
            print(f"   {label:<29} first discharge {rows[0]['discharge_Ah']:.3f} Ah "
                  + "".join(f"{ret[c]:7.3f}" for c in AT) + f"   {below if below else 'never'}")


if __name__ == "__main__":
    main()
