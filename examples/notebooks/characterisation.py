# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # Characterising a hard carbon
#
# The instrument files of one hard-carbon powder, analysed as `cellforge xrd|psd|bet|dta|chn|shape`
# analyse them (the same C code): d002 and Lc from the X-ray pattern, the particle sizes, the BET
# area, the burn-off exotherm, H/C and the sphericity; then the results go into a recipe, which
# designs a cell from them. Formulas: docs/characterisation.md.

# %%
import os
import shutil
import tempfile

import numpy as np

import cellforge

ROOT = os.environ.get("CF_SOURCE_DIR", os.getcwd())
DATA = os.path.join(ROOT, "examples", "charact")

x = cellforge.xrd(os.path.join(DATA, "hard_carbon.xy"), standard=os.path.join(DATA, "si_standard.xy"))
print(f"(002) at 2θ = {x.two_theta_deg:.3f}°, FWHM {x.fwhm_deg:.3f}°, instrument b = {x.instrument_fwhm_deg:.4f}°")
print(f"d002 = {x.d002_nm:.4f} ± {x.d002_nm_u:.4f} nm, Lc = {x.lc_nm:.3f} ± {x.lc_nm_u:.3f} nm (R² {x.r2:.4f})")

# %% [markdown]
# The fitted band over the pattern as read (the background is a polynomial in
# t = (2θ − mid)/half-width of the fit window).

# %%
import matplotlib.pyplot as plt

tt, counts = np.asarray(x.pattern["two_theta_deg"]), np.asarray(x.pattern["intensity"])
lo, hi = x.window_deg
t = (tt - (lo + hi) / 2) / ((hi - lo) / 2)
bg = sum(c * t**k for k, c in enumerate(x.background))
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(tt, counts, ".", ms=2, label="pattern")
inside = (tt >= lo) & (tt <= hi)
ax.plot(tt[inside], bg[inside], label="background")
ax.axvline(x.two_theta_deg, ls=":", c="k", label="(002) centre")
ax.set_xlabel("2θ (°)")
ax.set_ylabel("intensity")
ax.legend()
fig.tight_layout()

# %%
p = cellforge.psd(os.path.join(DATA, "psd_laser.csv"))
print(f"Dv10/50/90 = {p.dv10_um:.2f} / {p.dv50_um:.2f} / {p.dv90_um:.2f} µm, D4/D1 = {p.d4_d1:.3f}")
b = cellforge.bet(os.path.join(DATA, "isotherm_n2.txt"))
print(f"BET {b.bet_m2_g:.3f} ± {b.bet_m2_g_u:.3f} m2/g over p/p0 {b.range_p_rel[0]}–{b.range_p_rel[1]} ({b.range_choice})")
d = cellforge.dta(os.path.join(DATA, "dta_air.txt"))
print(f"exotherm peak {d.exotherm_peak_C:.1f} °C")
c = cellforge.chn([95.0, 95.2, 95.1], 0.45, 0.3)
print(f"H/C = {c.h_c_atomic:.4f} ± {c.h_c_atomic_u:.5f}, N {c.n_wt_pct} wt%")
s = cellforge.shape(os.path.join(DATA, "shape_particles.txt"))
print(f"sphericity ({s.definition}) {s.sphericity:.4f}, {100 * s.fraction_at_least_threshold:.0f} % ≥ {s.threshold}")
print(p.table.iloc[::10] if hasattr(p.table, "iloc") else p.table)

# %% [markdown]
# Into a recipe: each analysis writes its keys into the hard-carbon component (the claims
# about the material are checked against them), and the recipe still designs a cell.

# %%
with tempfile.TemporaryDirectory() as tmp:
    recipe = os.path.join(tmp, "recipe.json")
    shutil.copy(os.path.join(ROOT, "examples", "recipe_hard_carbon.json"), recipe)
    for r in (cellforge.xrd(os.path.join(DATA, "hard_carbon.xy"), into=(recipe, "negative")),
              cellforge.psd(os.path.join(DATA, "psd_laser.csv"), bet=b.bet_m2_g, into=(recipe, "negative")),
              cellforge.dta(os.path.join(DATA, "dta_air.txt"), into=(recipe, "negative"))):
        print(r.command, "wrote", ", ".join(r.into["keys"]), "into", r.into["component"])
    with open(recipe) as f:
        text = f.read()
    design = cellforge.design(recipe)
for key in ("d002_nm", "lc_nm", "dv50_um", "d4_d1", "bet_m2_g", "exotherm_peak_C"):
    assert f'"{key}"' in text, key
print(f"designed cell: {design['cell']['capacity_Ah']:.2f} Ah, {design['cell']['wh_per_kg']:.0f} Wh/kg")
