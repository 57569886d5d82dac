# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # cellforge and PyBaMM side by side
#
# The same DFN (Chen2020 parameters, 20 volumes per domain and particle, 1C discharge to
# 2.5 V) in both, compared variable by variable with the same names. Without PyBaMM
# installed, the comparison uses the reference values PyBaMM produced for the test suite
# (`tests/data/pybamm/dfn_1C_variables.json`, made by
# `validation/pybamm_variables_reference.py`).

# %%
import json
import os

import numpy as np

import cellforge

ROOT = os.environ.get("CF_SOURCE_DIR", os.path.join(os.getcwd()))
sol = cellforge.simulate("chen2020", model="dfn", crate=1, output_dt=600, discretisation="fv")

try:
    import pybamm

    params = pybamm.ParameterValues("Chen2020")
    params["Current function [A]"] = 5.0
    sim = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=params)
    ref_sol = sim.solve([0, 3000], t_interp=np.array([0, 600, 1800, 3000]))
    reference = {f"{t:.6f}": {n: np.asarray(ref_sol[n].entries)[..., k].tolist()
                              for n in ("Negative particle surface concentration [mol.m-3]",
                                        "Electrolyte potential [V]",
                                        "X-averaged negative electrode reaction overpotential [V]")}
                 for k, t in enumerate(ref_sol.t) if t > 0}
    source = f"PyBaMM {pybamm.__version__}"
except ImportError:
    with open(os.path.join(ROOT, "tests", "data", "pybamm", "dfn_1C_variables.json")) as fh:
        data = json.load(fh)
    reference = {k: v for k, v in data["values"].items() if float(k) < 3500}
    source = f"PyBaMM {data['pybamm_version']} (stored reference)"

# %%
print(f"cellforge {cellforge.__version__} against {source}")
worst = 0.0
for key, row in reference.items():
    k = int(np.argmin(abs(sol.t - float(key))))
    for name, want in row.items():
        want = np.ravel(want)
        got = np.ravel(sol[name][k])
        rel = np.max(abs(got - want)) / np.max(abs(want))
        worst = max(worst, rel)
        print(f"t = {float(key):6.0f} s  {name:60s} max difference {rel:.1e} of its scale")
assert worst < 1e-3
