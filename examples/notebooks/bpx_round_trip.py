# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # BPX round trip
#
# Write a changed cell as a BPX file, read it back, and check that it simulates the same;
# then run a BPX file's own validation data.

# %%
import os
import tempfile

import cellforge

ROOT = os.environ.get("CF_SOURCE_DIR", os.getcwd())
cell = cellforge.Cell.builtin("chen2020")
cell.positive.porosity = 0.30
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "cell.bpx.json")
    notes = cellforge.bpx.write(cell, path, title="LG M50, denser positive")
    back, info = cellforge.bpx.read(path)
print(info["title"], info["version"], "notes:", notes)
a = cellforge.simulate(cell, model="spme", crate=1, mesh=10)
b = cellforge.simulate(back, model="spme", crate=1, mesh=10)
print(f"capacity {a.capacity_Ah:.6f} Ah written, {b.capacity_Ah:.6f} Ah read back")
assert abs(a.capacity_Ah - b.capacity_Ah) < 1e-9 * a.capacity_Ah

# %%
report = cellforge.bpx.validate(os.path.join(ROOT, "tests", "data", "bpx", "chen2020_pybamm.bpx.json"), mesh=10)
for e in report["experiments"]:
    print(f"{e['name']}: RMS {e['rms_mV']:.2f} mV, max {e['max_mV']:.2f} mV over {e['compared']} points")
