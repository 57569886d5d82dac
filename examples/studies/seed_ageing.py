#!/usr/bin/env python3
"""Cycle-ageing studies of the seed cells (docs/seeds.md).

  seed_ageing.py 000 [cellforge]  the Sn-Ni alloy negative (examples/sn_ni_cell.json):
                                  capacity fade from volume-driven loss of active
                                  material over 150 cycles vs the Ni3Sn4/Sn mass
                                  ratio Z, inside and outside the claimed 0.2-3
  seed_ageing.py 001 [cellforge]  lithium-metal cell with a lithium reservoir
                                  (examples/li_reservoir_cell.json): retention over
                                  100 cycles with and without the reservoir, at two
                                  charge rates, the coulombic efficiency fixed or
                                  falling with the plating current density
  seed_ageing.py 002 [cellforge]  hard carbon against graphite in the seed-002 HEV
                                  recipe (examples/hard_carbon_hev_cell.json) under
                                  300 pulse cycles at 50 % SOC, with SEI growth and
                                  lithium plating

Each runs in a few seconds of CPU time.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cf, args):
    """Runs cellforge simulate --json; returns (its JSON, stderr), None when it failed."""
    p = subprocess.run([cf, "simulate", *args, "--output-dt", "3600", "--json"], capture_output=True, text=True)
    if p.returncode not in (0, 3):
        return None, p.stderr.strip()
    return json.loads(p.stdout), p.stderr.strip()


def seed000(cf, tmp):
    base = os.path.join(ROOT, "examples", "sn_ni_cell.json")
    n = 150
    at = (1, 25, 50, 100, 150)
    print("== Seed 000: Sn-Ni alloy negative, fade vs Z (examples/sn_ni_cell.json, from 100 % SOC,")
    print(f"   {n} x (1C discharge to the lower cut-off + 20 mV, 0.5C charge to the upper cut-off, hold to C/20);")
    print("   SPM, mesh 10; volume-driven loss of active material on the negative, default parameters)")
    print("   Z (Ni3Sn4/Sn)  Ni wt%  cut-offs V    first discharge Ah  retention at cycle:"
          + "".join(f"{c:>6}" for c in at) + "   LAM neg. %  LLI %   first below 80 %")
    for z in (0.1, 0.2, 0.587, 1.0, 3.0, 5.0):
        w = 0.27051 * z / (1 + z)  # the lever rule: all Ni in Ni3Sn4 (27.051 mass% Ni)
        with open(base) as f:
            r = json.load(f)
        r["negative"]["components"][0]["ni_mass_fraction"] = w
        path = os.path.join(tmp, "recipe.json")
        with open(path, "w") as f:
            json.dump(r, f)
        # the cell's voltage window follows both electrodes' windows, so it moves with Z
        p = subprocess.run([cf, "design", "--cell", path, "--json"], capture_output=True, text=True)
        cell = json.loads(p.stdout)["cell"]
        vmin, vmax = cell["voltage_min_V"], cell["voltage_max_V"]
        proto = os.path.join(tmp, "p.txt")
        with open(proto, "w") as f:
            f.write(f"repeat {n}\n{{\nDischarge at 1C until {vmin + 0.02:.3f} V\nCharge at 0.5C until {vmax:.3f} V\n"
                    f"Hold at {vmax:.3f} V until C/20\n}}\n")
        d, err = run(cf, ["--cell", path, "--model", "spm", "--mesh", "10", "--soc", "1",
                          "--lam-negative", "volume-driven", "--protocol-file", proto])
        label = f"   {z:<13g}  {100 * w:5.1f}  {vmin:.3f}-{vmax:.3f}"
        if d is None:
            print(f"{label}  failed: {err[:60]}")
            continue
        cyc = d["cycles"]
        q1 = cyc[0]["discharge_Ah"]
        ret = {int(c["cycle"]): c["discharge_Ah"] / q1 for c in cyc}
        below = next((c for c in sorted(ret) if ret[c] < 0.8), None)
        last = cyc[-1]
        print(f"{label}  {q1:18.4f}  {'':18s}" + "".join(f"{ret.get(c, float('nan')):6.3f}" for c in at)
              + f"   {last['lam_neg_pct']:10.2f}  {last['lli_pct']:5.2f}   {below if below else 'never'}")


def seed001(cf, tmp):
    base = os.path.join(ROOT, "examples", "li_reservoir_cell.json")
    n = 100
    at = (1, 25, 50, 75, 100)
    print("== Seed 001: lithium-metal cell, reservoir and current density (examples/li_reservoir_cell.json,")
    print(f"   2 h rest, then {n} cycles: CC charge to 4.3 V, 1C discharge to 3.0 V; DFN, mesh 10)")
    print("   reservoir  charge  CE law            first discharge Ah  Li metal left Ah  retention at cycle:"
          + "".join(f"{c:>6}" for c in at) + "   first below 80 %")
    for res in (False, True):
        for crate, beta in ((0.5, 0.0), (0.5, 0.5), (1.0, 0.5)):
            with open(base) as f:
                cell = json.load(f)
            if not res:
                del cell["reservoir"]
            cell["negative"]["plating_efficiency_exponent"] = beta
            path = os.path.join(tmp, "cell.json")
            with open(path, "w") as f:
                json.dump(cell, f)
            proto = os.path.join(tmp, "p.txt")
            with open(proto, "w") as f:
                f.write(f"Rest for 2 hours\nrepeat {n}\n{{\nCharge at {crate}C until 4.3 V\n"
                        "Discharge at 1C until 3.0 V\n}\n")
            d, err = run(cf, ["--cell", path, "--mesh", "10", "--protocol-file", proto])
            law = "fixed 99.25 %" if beta == 0 else f"(i/i_ref)^{beta:g}"
            label = f"   {'yes' if res else 'no':9s}  {str(crate) + 'C':6s}  {law:16s}"
            if d is None:
                print(f"{label}  failed: {err[:60]}")
                continue
            cyc = [r for r in d["cycles"] if r["discharge_Ah"] > 0]  # the rest is cycle 1
            q1 = cyc[0]["discharge_Ah"]
            ret = {int(r["cycle"]) - 1: r["discharge_Ah"] / q1 for r in cyc}
            below = next((c for c in sorted(ret) if ret[c] < 0.8), None)
            print(f"{label}  {q1:18.3f}  {cyc[0]['plated_li_Ah']:16.3f}  {'':18s}"
                  + "".join(f"{ret.get(c, float('nan')):6.3f}" for c in at)
                  + f"   {below if below else 'never'}")


def seed002(cf, tmp):
    base = os.path.join(ROOT, "examples", "hard_carbon_hev_cell.json")
    n = 300
    print("== Seed 002: hard carbon vs graphite under HEV pulses (examples/hard_carbon_hev_cell.json, 55 g/m2;")
    print(f"   from 50 % SOC, {n} x (5C discharge 10 s, rest 20 s, 5C charge 10 s, rest 20 s); SPMe;")
    print("   reaction-limited SEI and partially reversible plating, O'Kane 2022's graphite parameters on both)")
    print("   negative      capacity Ah  min neg. V  LLI %    SEI Li mAh  plated Li mAh  dead Li mAh")
    proto = os.path.join(tmp, "hev.txt")
    with open(proto, "w") as f:
        f.write(f"repeat {n}\n{{\nDischarge at 5C for 10 seconds\nRest for 20 seconds\n"
                "Charge at 5C for 10 seconds\nRest for 20 seconds\n}\n")
    for name in ("hard_carbon", "graphite"):
        with open(base) as f:
            r = json.load(f)
        r["negative"]["sei"] = "reaction-limited"
        r["negative"]["lithium_plating"] = "partially-reversible"
        if name == "graphite":
            r["negative"]["components"][0] = {"material": "graphite",
                                              "mass_fraction": r["negative"]["components"][0]["mass_fraction"]}
        path = os.path.join(tmp, "recipe.json")
        with open(path, "w") as f:
            json.dump(r, f)
        p = subprocess.run([cf, "simulate", "--cell", path, "--model", "spme", "--crate", "0.3333", "--json"],
                           capture_output=True, text=True)
        cap = json.loads(p.stdout)["capacity_Ah"] if p.returncode == 0 else float("nan")
        d, err = run(cf, ["--cell", path, "--model", "spme", "--soc", "0.5", "--protocol-file", proto])
        if d is None:
            print(f"   {name:12s}  failed: {err[:60]}")
            continue
        neg_min = d["electrode_potentials"]["negative"]["min_V"]
        rows = d["cycles"]
        last = rows[-1]
        print(f"   {name:12s}  {cap:11.3f}  {neg_min:10.3f}  {last['lli_pct']:6.3f}  {1e3 * last['li_sei_Ah']:10.3f}"
              f"  {1e3 * last['plated_li_Ah']:13.3f}  {1e3 * last['dead_li_Ah']:11.3f}")


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    cf = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "build", "cellforge")
    studies = {"000": seed000, "001": seed001, "002": seed002}
    if which not in studies:
        sys.stderr.write(__doc__)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        studies[which](cf, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
