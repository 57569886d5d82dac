# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # Getting started with cellforge in Python
#
# Simulate the LG M50 cell (`chen2020`, 5 A h) with the DFN, read its voltage and its
# internal variables by PyBaMM's names, and change a parameter.

# %%
import numpy as np

import cellforge

sol = cellforge.simulate("chen2020", model="dfn", crate=1)
print(sol)
print(f"capacity {sol.capacity_Ah:.4f} Ah, energy {sol.energy_Wh:.3f} Wh, {len(sol)} rows")

# %% [markdown]
# Every state of the model and the quantities derived from it have PyBaMM's names:

# %%
print(len(sol.variables), "variables, e.g.", sol.search("overpotential")[:3])
cs = sol.variable("Negative particle surface concentration [mol.m-3]")
print("surface concentration at the end across the negative (x in um):")
for x, c in zip(cs.x[::5] * 1e6, cs.values[-1, ::5]):
    print(f"  x = {x:6.1f} um: {c:8.1f} mol/m3")

# the lithium in the cell is conserved
total = sol["Total lithium [mol]"]
assert np.max(abs(total - total[0])) < 1e-9 * total[0]

# %% [markdown]
# A thinner negative electrode gives less capacity:

# %%
cell = cellforge.Cell.builtin("chen2020")
cell.negative.thickness_m = 60e-6
thin = cellforge.simulate(cell, model="dfn", crate=1)
print(f"60 um negative: {thin.capacity_Ah:.4f} Ah (85.2 um: {sol.capacity_Ah:.4f} Ah)")
assert thin.capacity_Ah < sol.capacity_Ah

# %% [markdown]
# With matplotlib installed, `sol.plot()` draws voltage and current:

# %%
try:
    import matplotlib

    matplotlib.use("Agg")
    fig = sol.plot()
except ImportError:
    print("matplotlib is not installed: no figure")
