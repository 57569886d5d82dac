# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # Cell tests: rate, HPPC, GITT, cycling
#
# The tests of `cellforge test`, each with its analysis (a pandas DataFrame when pandas is
# installed, else a dict of numpy arrays; `columns` is always the dict).

# %%
import numpy as np

import cellforge

rate = cellforge.rate("chen2020", model="spme", crates=[0.5, 1, 2, 3], mesh=10)
print(rate.table)
assert np.all(np.diff(rate.columns["capacity_Ah"]) < 0)

# %%
hppc = cellforge.hppc("chen2020", model="spm", soc_step=0.2, mesh=10)
for soc, r in zip(hppc.columns["soc"], hppc.columns["r_dis_ohm"]):
    print(f"SOC {soc * 100:5.1f} %: 10 s discharge resistance {r * 1e3:.2f} mOhm")

# %%
gitt = cellforge.gitt("chen2020", model="spm", mesh=10, pulse_crate=0.5, max_pulses=4)
print("apparent D of the positive (m2/s):", gitt.columns["diffusivity_m2_s"])

# %%
cyc = cellforge.cycle("chen2020", model="spm", cycles=2, mesh=10)
print("coulombic efficiency per cycle:", cyc.columns["coulombic_efficiency"])
