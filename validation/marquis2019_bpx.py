#!/usr/bin/env python3
"""Write validation/data/marquis2019.bpx.json: a BPX v1.1 file of the Kokam
SLPB78205130H cell as parameterised by Marquis, Sulzer, Timms, Please and Chapman,
"An asymptotic derivation of a single particle model with electrolyte",
J. Electrochem. Soc. 166 (2019) A3693 (graphite MCMB 2528 | LiCoO2, LiPF6 in EC:DMC;
the material functions are Dualfoil's fits, Capiglia et al. 1999 for the electrolyte).

The values are read from PyBaMM's "Marquis2019" parameter set (so that the file and
its Validation data describe exactly the same cell) and mapped to BPX as docs/bpx.md
describes:
  - Transport efficiency = porosity ** 1.5 (Bruggeman 1.5 in electrodes and separator);
  - solid conductivity: BPX's value is used without a Bruggeman correction, so the file
    carries the effective value sigma * (1 - porosity) ** 1.5;
  - surface area per unit volume a = 3 eps_s / R;
  - reaction rate constant k = m_ref c_max sqrt(c_e0) / F (BPX: j0 = F k sqrt(c_e/c_e0
    x (1 - x)) with x = c_s / c_max; the parameter set: j0 = m_ref sqrt(c_e c_s (c_max - c_s)));
  - the material functions (OCPs, electrolyte diffusivity and conductivity) are written
    as BPX expressions of the same formulas, with their Arrhenius activation energies;
  - minimum / maximum stoichiometries: where the open-circuit voltage reaches the
    cut-offs 3.105 V and 4.1 V with the lithium of the parameter set's initial
    concentrations (the same bisection as src/model/soc.c); the initial SOC puts the
    cell exactly at those initial concentrations;
  - the separator's porosity 1.0 becomes 0.999 (a porosity must lie in (0, 1)).
Its Validation section holds PyBaMM's DFN (default options, default 20-point mesh,
IDAKLU rtol = atol = 1e-8) 1C and 2C discharges of the same parameter set from its
initial concentrations to 3.105 V (current negated to BPX's sign: negative = discharge),
so that `cellforge validate --cell validation/data/marquis2019.bpx.json` compares
cellforge with PyBaMM on a second published cell.

Usage: python validation/marquis2019_bpx.py [--out FILE]  (run with validation/.venv)
"""

import argparse
import json
import math
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import numpy as np
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"marquis2019_bpx.py: cannot import pybamm/numpy ({exc}); run validation/make-reference first")

import pybamm_protocol_reference as proto_ref  # noqa: E402

F = 96485.33212
BRUGGEMAN = 1.5
ROWS = 120
SEPARATOR_POROSITY = 0.999

# Dualfoil's fits, as in the parameter set (x = stoichiometry, c_e in mol/m3).
OCP_NEG = (
    "0.194 + 1.5 * exp(-120.0 * x) + 0.0351 * tanh((x - 0.286) / 0.083)"
    " - 0.0045 * tanh((x - 0.849) / 0.119) - 0.035 * tanh((x - 0.9233) / 0.05)"
    " - 0.0147 * tanh((x - 0.5) / 0.034) - 0.102 * tanh((x - 0.194) / 0.142)"
    " - 0.022 * tanh((x - 0.9) / 0.0164) - 0.011 * tanh((x - 0.124) / 0.0226)"
    " + 0.0155 * tanh((x - 0.105) / 0.029)"
)
OCP_POS = (
    "2.16216 + 0.07645 * tanh(30.834 - 54.4806 * (1.062 * x))"
    " + 2.1581 * tanh(52.294 - 50.294 * (1.062 * x))"
    " - 0.14169 * tanh(11.0923 - 19.8543 * (1.062 * x))"
    " + 0.2051 * tanh(1.4684 - 5.4888 * (1.062 * x))"
    " + 0.2531 * tanh((-(1.062 * x) + 0.56478) / 0.1316)"
    " - 0.02167 * tanh(((1.062 * x) - 0.525) / 0.006)"
)
D_E = "5.34e-10 * exp(-0.65 * x / 1000)"
KAPPA_E = "0.0911 + 1.9101 * (x / 1000) - 1.052 * (x / 1000) ** 2 + 0.1554 * (x / 1000) ** 3"
EA = {  # activation energies in the parameter set's functions [J/mol]
    "neg_D": 42770.0,
    "pos_D": 18550.0,
    "neg_j0": 37480.0,
    "pos_j0": 39570.0,
    "D_e": 37040.0,
    "kappa_e": 34700.0,
}
M_REF = {"neg": 2e-5, "pos": 6e-7}  # j0 coefficients [A/m2 (m3/mol)^1.5]
D_REF = {"neg": 3.9e-14, "pos": 1e-13}


def check_formulas(p):
    """The expressions above must be the parameter set's functions."""
    xs = np.linspace(0.02, 0.98, 25)
    for key, text in (("Negative electrode OCP [V]", OCP_NEG), ("Positive electrode OCP [V]", OCP_POS)):
        fn = p[key]
        for x in xs:
            ref = float(fn(pybamm.Scalar(x)).evaluate())
            ours = eval(text, {"exp": math.exp, "tanh": math.tanh, "x": x})  # our own text, no input
            if abs(ref - ours) > 1e-12:
                sys.exit(f"{key}: expression differs from the parameter set at x={x}: {ours} vs {ref}")
    T = pybamm.Scalar(298.15)
    for key, text in (("Electrolyte diffusivity [m2.s-1]", D_E), ("Electrolyte conductivity [S.m-1]", KAPPA_E)):
        for c in (200.0, 1000.0, 2000.0):
            ref = float(p[key](pybamm.Scalar(c), T).evaluate())
            ours = eval(text, {"exp": math.exp, "x": c})
            if abs(ref / ours - 1) > 1e-12:
                sys.exit(f"{key}: expression differs from the parameter set at c={c}")
    for side, name in (("neg", "Negative"), ("pos", "Positive")):
        ref = float(p[f"{name} particle diffusivity [m2.s-1]"](pybamm.Scalar(0.5), T).evaluate())
        if abs(ref / D_REF[side] - 1) > 1e-12:
            sys.exit(f"{name} particle diffusivity is not {D_REF[side]} at 298.15 K")
        cmax = p[f"Maximum concentration in {name.lower()} electrode [mol.m-3]"]
        j0 = float(p[f"{name} electrode exchange-current density [A.m-2]"](
            pybamm.Scalar(1000.0), pybamm.Scalar(0.5 * cmax), pybamm.Scalar(cmax), T).evaluate())
        if abs(j0 / (M_REF[side] * math.sqrt(1000.0 * 0.25 * cmax * cmax)) - 1) > 1e-12:
            sys.exit(f"{name} exchange current is not m_ref sqrt(c_e c_s (c_max - c_s))")


def discharge(p, crate, cap_ah):
    params = p.copy()
    params["Current function [A]"] = crate * cap_ah
    sim = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=params,
                            solver=pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-8))
    first = sim.solve([0.0, 3600.0 / crate * 1.3])
    if "Minimum voltage" not in str(first.termination):
        sys.exit(f"{crate}C discharge ended by {first.termination}, not the cut-off")
    t_end = float(first.t[-1])
    sim2 = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=params,
                             solver=pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-8))
    sol = sim2.solve([0.0, t_end], t_interp=np.linspace(0.0, t_end, ROWS))
    t = sol.t
    return {
        "Time [s]": [float(f"{v:.10g}") for v in t],
        "Current [A]": [float(f"{-v:.10g}") for v in sol["Current [A]"].entries],
        "Voltage [V]": [float(f"{v:.10g}") for v in sol["Voltage [V]"].entries],
    }, float(sol["Discharge capacity [A.h]"].entries[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(proto_ref.repo_root(), "validation", "data", "marquis2019.bpx.json"))
    args = ap.parse_args()
    p = pybamm.ParameterValues("Marquis2019")
    check_formulas(p)
    vmin, vmax = p["Lower voltage cut-off [V]"], p["Upper voltage cut-off [V]"]
    # Reuse the SOC bisection of the protocol reference with this cell's cut-offs.
    proto_ref.V_MIN, proto_ref.V_MAX = vmin, vmax
    soc = proto_ref.cellforge_soc_state(p)
    x_init = soc["c_n_init"] / soc["c_n_max"]
    s0 = (x_init - soc["x_0"]) / (soc["x_100"] - soc["x_0"])
    cap = p["Nominal cell capacity [A.h]"]
    area = p["Electrode height [m]"] * p["Electrode width [m]"]
    ce0 = p["Initial concentration in electrolyte [mol.m-3]"]

    def electrode(name, side, xmin, xmax):
        eps = p[f"{name} electrode porosity"]
        eps_s = p[f"{name} electrode active material volume fraction"]
        R = p[f"{name} particle radius [m]"]
        cmax = p[f"Maximum concentration in {name.lower()} electrode [mol.m-3]"]
        if p[f"{name} electrode Bruggeman coefficient (electrolyte)"] != BRUGGEMAN:
            sys.exit("Bruggeman coefficient is not 1.5")
        return {
            "Thickness [m]": p[f"{name} electrode thickness [m]"],
            "Porosity": eps,
            "Transport efficiency": eps ** BRUGGEMAN,
            "Conductivity [S.m-1]": p[f"{name} electrode conductivity [S.m-1]"] * (1 - eps) ** BRUGGEMAN,
            "Minimum stoichiometry": xmin,
            "Maximum stoichiometry": xmax,
            "Maximum concentration [mol.m-3]": cmax,
            "Particle radius [m]": R,
            "Surface area per unit volume [m-1]": 3 * eps_s / R,
            "Diffusivity [m2.s-1]": D_REF[side],
            "Diffusivity activation energy [J.mol-1]": EA[f"{side}_D"],
            "OCP [V]": OCP_NEG if side == "neg" else OCP_POS,
            "Reaction rate constant [mol.m-2.s-1]": M_REF[side] * cmax * math.sqrt(ce0) / F,
            "Reaction rate constant activation energy [J.mol-1]": EA[f"{side}_j0"],
        }

    validation = {}
    for crate in (1.0, 2.0):
        data, q = discharge(p, crate, cap)
        validation[f"PyBaMM DFN {crate:g}C discharge"] = data
        print(f"PyBaMM DFN {crate:g}C: {data['Time [s]'][-1]:.3f} s, {q:.6f} A h")
    sep_eps = SEPARATOR_POROSITY
    doc = {
        "Header": {
            "BPX": "1.1.0",
            "Title": "Kokam SLPB78205130H (Marquis et al. 2019)",
            "Description": (
                "Graphite (MCMB 2528) | LiCoO2 pouch cell, 0.68 A h, parameters of Marquis, Sulzer, Timms, "
                "Please and Chapman, J. Electrochem. Soc. 166 (2019) A3693 (Dualfoil material fits; electrolyte "
                "after Capiglia et al., J. Power Sources 81 (1999) 859), as in PyBaMM's Marquis2019 set. "
                "Separator porosity 1.0 written as 0.999. Validation: PyBaMM "
                f"{pybamm.__version__} DFN (default options and mesh, IDAKLU rtol = atol = 1e-8) 1C and 2C "
                "discharges of the same parameter set. Written by validation/marquis2019_bpx.py."
            ),
            "Model": "DFN",
        },
        "Parameterisation": {
            "Cell": {
                "Electrode area [m2]": area,
                "Number of electrode pairs connected in parallel to make a cell": 1,
                "Lower voltage cut-off [V]": vmin,
                "Upper voltage cut-off [V]": vmax,
                "Nominal cell capacity [A.h]": cap,
                "Reference temperature [K]": p["Reference temperature [K]"],
            },
            "Electrolyte": {
                "Cation transference number": p["Cation transference number"],
                "Diffusivity [m2.s-1]": D_E,
                "Diffusivity activation energy [J.mol-1]": EA["D_e"],
                "Conductivity [S.m-1]": KAPPA_E,
                "Conductivity activation energy [J.mol-1]": EA["kappa_e"],
            },
            "Negative electrode": electrode("Negative", "neg", soc["x_0"], soc["x_100"]),
            "Positive electrode": electrode("Positive", "pos", soc["y_100"], soc["y_0"]),
            "Separator": {
                "Thickness [m]": p["Separator thickness [m]"],
                "Porosity": sep_eps,
                "Transport efficiency": sep_eps ** BRUGGEMAN,
            },
        },
        "State": {
            "Initial conditions": {
                "Initial state-of-charge": s0,
                "Initial temperature [K]": p["Initial temperature [K]"],
                "Initial electrolyte concentration [mol.m-3]": ce0,
            },
            "Thermal environment": {"Ambient temperature [K]": p["Ambient temperature [K]"]},
        },
        "Validation": validation,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="ascii") as fh:
        json.dump(doc, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, args.out)
    print(f"wrote {args.out} (PyBaMM {pybamm.__version__}, Python {platform.python_version()}); "
          f"stoichiometry windows n [{soc['x_0']:.6f}, {soc['x_100']:.6f}], p [{soc['y_100']:.6f}, "
          f"{soc['y_0']:.6f}], initial SOC {s0:.6f}")


if __name__ == "__main__":
    main()
