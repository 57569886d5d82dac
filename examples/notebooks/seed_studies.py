# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # The seed chemistries: recipes, designs and claims
#
# Each seed is a recipe (docs/recipe.md). Its design gives masses, capacities and energy
# density; its claims are checked against the recipe and, for process claims, against the
# record of a simulated formation; design-around finds the smallest change that flips a claim.

# %%
import os

import cellforge

ROOT = os.environ.get("CF_SOURCE_DIR", os.getcwd())
recipes = {"000 (Sn-Ni alloy)": "recipe_sn_ni.json", "001 (Li reservoir)": "recipe_li_reservoir.json",
           "002 (hard carbon)": "recipe_hard_carbon.json"}
for seed, name in recipes.items():
    r = cellforge.Recipe.load(os.path.join(ROOT, "examples", name))
    c = r.design()["cell"]
    statuses = [x["status"] for x in r.claims()]
    print(f"seed {seed}: {c['capacity_Ah']:.3f} Ah, {c['wh_per_kg']:.1f} Wh/kg, {c['wh_per_L']:.0f} Wh/L; "
          f"claims met {statuses.count('met')}, not met {statuses.count('not_met')}, "
          f"undetermined {statuses.count('undetermined')}")

# %% [markdown]
# Seed 001: the first charge 2 h after electrolyte contact, simulated, is the run record
# its process claims need:

# %%
r = cellforge.Recipe.load(os.path.join(ROOT, "examples", "recipe_li_reservoir.json"))
sol = cellforge.simulate(r.to_cell(), protocol="Rest for 2 hours; Charge at C/10 until 4.2 V")
print(sol.process_record)
for c in cellforge.claims(r, run=sol):
    if c["seed"].startswith("001"):
        print(f"  claim {c['claim']:2d}: {c['status']:12s} {c['reason'][:90]}")

# %%
da = cellforge.design_around(r, "001", 1)
best = da["changes"][0]
print(f"claim 1 flips with {best['variable']} {best['from']} -> {best['to']} "
      f"({best['d_wh_per_kg']:+.1f} Wh/kg)")

# %% [markdown]
# A seed on one page: the HTML report (the page `cellforge report` writes from the same
# inputs) has the cell, the formation run with its plots (electrode potentials, the
# reservoir's lithium), the design breakdown and the claim table. In Jupyter,
# `cellforge.report(r, protocol=...)` with no file returns the page and displays it.

# %%
page = cellforge.report(r, "seed_001_report.html", protocol="Rest for 2 hours; Charge at C/10 until 4.2 V")
print(f"{page.path}: {page.plots} plots, simulation {page.simulation}, "
      f"cell section {page.cell}, design and claims {page.design}")
