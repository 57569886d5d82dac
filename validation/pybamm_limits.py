#!/usr/bin/env python3
"""Print PyBaMM's figures for runs that reach a physical limit (the peer side
of docs/models.md, "Limits", and tests/test_limits.c).

Cases (Chen2020, default options and mesh, IDAKLU at rtol = atol = 1e-8):
  cccv   DFN, "Discharge at 1C until 2.5 V; Rest for 30 minutes; Charge at 1C
         until 4.2 V; Hold at 4.2 V until C/50; Rest for 30 minutes; Discharge
         at 2C until 2.5 V" (1 s period): end time and the most lithiated
         negative particle surface (over x and the output times)
  3c, 2.5c   DFN and SPMe constant-current discharges to the 2.5 V cut-off:
         end time, capacity, lowest electrolyte concentration
  hold   DFN from 50 % SOC, "Hold at 4.1 V until 50 mA": end time, charge
  spme_hold  SPMe "Hold at 3.5 V until C/50" from 90 % SOC (end time, charge
         passed, lowest c_e) and "Hold at 3.0 V until C/50" from 50 % SOC
         (the current at 1, 2, 4, 5, 6 s; whether it completes)

Usage: validation/.venv/bin/python validation/pybamm_limits.py [case ...]
Nothing is written; the figures are printed with PyBaMM's version.
"""

import sys

try:
    import numpy as np
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_limits.py: cannot import pybamm/numpy ({exc}); run validation/make-reference first")

CCCV = [
    "Discharge at 1C until 2.5 V",
    "Rest for 30 minutes",
    "Charge at 1C until 4.2 V",
    "Hold at 4.2 V until C/50",
    "Rest for 30 minutes",
    "Discharge at 2C until 2.5 V",
]


def solver():
    return pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-8)


def cccv():
    sim = pybamm.Simulation(
        pybamm.lithium_ion.DFN(),
        parameter_values=pybamm.ParameterValues("Chen2020"),
        experiment=pybamm.Experiment(CCCV, period="1 second"),
        solver=solver(),
    )
    s = sim.solve()
    sto = s["Negative particle surface stoichiometry"].entries
    print(f"cccv DFN: end {s.t[-1]:.2f} s, most lithiated negative surface {sto.max():.5f}")


def discharge(model, name, crate):
    p = pybamm.ParameterValues("Chen2020")
    p["Current function [A]"] = 5.0 * crate
    sim = pybamm.Simulation(model(), parameter_values=p, solver=solver())
    s = sim.solve([0, 3600 / crate * 1.3])
    q = s["Discharge capacity [A.h]"].entries[-1]
    ce = s["Electrolyte concentration [mol.m-3]"].entries.min()
    print(f"{crate}C {name}: end {s.t[-1]:.2f} s, {q:.5f} Ah, V {s['Voltage [V]'].entries[-1]:.4f}, "
          f"lowest c_e {ce:.3g} mol/m3, {s.termination}")


def hold():
    sim = pybamm.Simulation(
        pybamm.lithium_ion.DFN(),
        parameter_values=pybamm.ParameterValues("Chen2020"),
        experiment=pybamm.Experiment(["Hold at 4.1 V until 50 mA"], period="10 seconds"),
        solver=solver(),
    )
    s = sim.solve(initial_soc=0.5)
    q = -s["Discharge capacity [A.h]"].entries[-1]
    print(f"hold DFN from 50 % SOC: end {s.t[-1]:.1f} s, charged {q:.4f} Ah")


def spme_hold():
    for soc, volts in ((0.9, 3.5), (0.5, 3.0)):
        sim = pybamm.Simulation(
            pybamm.lithium_ion.SPMe(),
            parameter_values=pybamm.ParameterValues("Chen2020"),
            experiment=pybamm.Experiment([f"Hold at {volts} V until C/50"], period="1 second"),
            solver=solver(),
        )
        try:
            s = sim.solve(initial_soc=soc)
        except pybamm.SolverError as exc:
            # the solve fails as the electrolyte runs dry: the current up to then
            model = pybamm.lithium_ion.SPMe({"operating mode": "voltage"})
            p = pybamm.ParameterValues("Chen2020")
            p["Voltage function [V]"] = volts
            p.set_initial_state(soc) if hasattr(p, "set_initial_state") else p.set_initial_stoichiometries(soc)
            ts = pybamm.Simulation(model, parameter_values=p, solver=solver()).solve(np.linspace(0, 6, 13))
            cur = ts["Current [A]"].entries
            shown = ", ".join(f"{np.interp(t, ts.t, cur):.4f} A at {t} s" for t in (1, 2, 4, 5, 6))
            print(f"SPMe hold {volts} V from {soc:.0%} SOC: fails ({str(exc)[:60]}...); {shown}; "
                  f"lowest c_e at 6 s {ts['Electrolyte concentration [mol.m-3]'].entries[:, -1].min():.3g} mol/m3")
            continue
        ce = s["Electrolyte concentration [mol.m-3]"].entries.min()
        q = s["Discharge capacity [A.h]"].entries[-1]
        print(f"SPMe hold {volts} V from {soc:.0%} SOC: end {s.t[-1]:.2f} s, {q:.4f} Ah, lowest c_e {ce:.3g} mol/m3")


def main():
    cases = sys.argv[1:] or ["cccv", "3c", "2.5c", "hold", "spme_hold"]
    print(f"PyBaMM {pybamm.__version__}, Chen2020, IDAKLU rtol = atol = 1e-8, default mesh")
    for c in cases:
        if c == "cccv":
            cccv()
        elif c in ("3c", "2.5c"):
            rate = float(c[:-1])
            discharge(pybamm.lithium_ion.DFN, "DFN", rate)
            discharge(pybamm.lithium_ion.SPMe, "SPMe", rate)
        elif c == "hold":
            hold()
        elif c == "spme_hold":
            spme_hold()
        else:
            sys.exit(f"pybamm_limits.py: unknown case '{c}' (cccv, 3c, 2.5c, hold, spme_hold)")


if __name__ == "__main__":
    main()
