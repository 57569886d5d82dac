# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # A sweep on two threads
#
# Capacity and energy of the LG M50 against its negative coating thickness and the
# discharge rate, with a thread pool (the library releases the GIL while it computes).

# %%
from concurrent.futures import ThreadPoolExecutor
from itertools import product

import cellforge

base = cellforge.Cell.builtin("chen2020")


def run(case):
    thickness_um, crate = case
    cell = base.copy()
    cell.negative.thickness_m = thickness_um * 1e-6
    sol = cellforge.simulate(cell, model="spme", crate=crate, mesh=10)
    return {"thickness_um": thickness_um, "crate": crate, "capacity_Ah": sol.capacity_Ah, "energy_Wh": sol.energy_Wh}


cases = list(product([60, 70, 80, 90], [0.5, 1, 2]))
with ThreadPoolExecutor(max_workers=2) as pool:
    rows = list(pool.map(run, cases))

try:
    import pandas as pd

    table = pd.DataFrame(rows)
    print(table.pivot(index="thickness_um", columns="crate", values="capacity_Ah").round(3))
except ImportError:
    for r in rows:
        print(r)

# thicker coatings hold more; higher rates deliver less
by = {(r["thickness_um"], r["crate"]): r["capacity_Ah"] for r in rows}
assert by[(90, 1)] > by[(60, 1)] and by[(80, 2)] < by[(80, 0.5)]

# %%
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    for crate in (0.5, 1, 2):
        xs = [r["thickness_um"] for r in rows if r["crate"] == crate]
        ax.plot(xs, [r["capacity_Ah"] for r in rows if r["crate"] == crate], "o-", label=f"{crate} C")
    ax.set_xlabel("negative coating thickness [um]")
    ax.set_ylabel("capacity [A h]")
    ax.legend()
except ImportError:
    print("matplotlib is not installed: no figure")
