"""Solution.plot(): the panels of the CLI's --plot (docs/plots.md) in
matplotlib: voltage vs capacity, voltage and current vs time, profiles
inside the cell, dQ/dV, capacity per cycle and the process columns."""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

import numpy as np

KINDS = ("voltage", "time", "current", "profiles", "dqdv", "cycles", "process")


def applicable(sol: Any) -> List[str]:
    """The kinds that apply to this run, as the CLI's default."""
    kinds = ["voltage", "time", "current"]
    if "Negative particle surface stoichiometry" in sol.variables or any(
            v.endswith("particle surface stoichiometry") for v in sol.variables):
        kinds.append("profiles")
    kinds.append("dqdv")
    if len(sol.cycles) > 1:
        kinds.append("cycles")
    if np.any(np.isfinite(sol.positive_li_o)) or np.any(sol.li_metal != 0) or np.any(sol.reservoir_li != 0):
        kinds.append("process")
    return kinds


def _surface_sto(sol: Any, side: str) -> Optional[Any]:
    """The electrode's surface stoichiometry (one material) or its first phase's."""
    for name in (f"{side} particle surface stoichiometry", f"{side} primary particle surface stoichiometry"):
        if name in sol.variables:
            return sol.variable(name)
    return None


def plot(sol: Any, kinds: Optional[Sequence[str]] = None, times: Optional[Sequence[float]] = None,
         show: bool = False) -> Any:
    import importlib

    plt = importlib.import_module("matplotlib.pyplot")
    if kinds is None:
        kinds = applicable(sol)
    elif isinstance(kinds, str):
        kinds = [kinds]
    kinds = list(kinds)
    for k in kinds:
        if k not in KINDS:
            raise ValueError(f"unknown plot kind '{k}' (allowed: {', '.join(KINDS)})")
    panels: List[str] = []
    for k in kinds:
        panels += ["profiles_ce", "profiles_phie", "profiles_sto"] if k == "profiles" else [k]
    if "profiles_phie" in panels and "Electrolyte potential [V]" not in sol.variables:
        panels.remove("profiles_phie")
    if "profiles_ce" in panels and "Electrolyte concentration [mol.m-3]" not in sol.variables:
        panels.remove("profiles_ce")
    n = len(panels)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6 * cols, 3.6 * rows), squeeze=False)
    flat = list(axes.ravel())
    hours = sol.t / 3600.0
    if times is None:
        times = np.linspace(sol.t[0], sol.t[-1], 5)
    picks = sorted({int(np.argmin(abs(sol.t - t))) for t in times})
    for ax, p in zip(flat, panels):
        if p == "voltage":
            for c in np.unique(sol.cycle):
                m = sol.cycle == c
                ax.plot(sol.capacity[m], sol.voltage[m], label=f"cycle {c + 1}" if len(np.unique(sol.cycle)) > 1 else None)
            ax.set_xlabel("Discharge capacity [A.h]")
            ax.set_ylabel("Voltage [V]")
            if len(np.unique(sol.cycle)) > 1:
                ax.legend(fontsize="small")
        elif p == "time":
            ax.plot(hours, sol.voltage)
            ax.set_xlabel("Time [h]")
            ax.set_ylabel("Voltage [V]")
        elif p == "current":
            ax.plot(hours, sol.current)
            ax.set_xlabel("Time [h]")
            ax.set_ylabel("Current [A] (+ discharge)")
        elif p == "profiles_ce":
            v = sol.variable("Electrolyte concentration [mol.m-3]")
            for k in picks:
                ax.plot(v.x * 1e6, v.values[k], label=f"{sol.t[k] / 60:.0f} min")
            ax.set_xlabel("x [um]")
            ax.set_ylabel("Electrolyte concentration [mol.m-3]")
            ax.legend(fontsize="small")
        elif p == "profiles_phie":
            v = sol.variable("Electrolyte potential [V]")
            for k in picks:
                ax.plot(v.x * 1e6, v.values[k])
            ax.set_xlabel("x [um]")
            ax.set_ylabel("Electrolyte potential [V]")
        elif p == "profiles_sto":
            for side in ("Negative", "Positive"):
                v = _surface_sto(sol, side)
                if v is None:
                    continue
                for j, k in enumerate(picks):
                    vals = np.atleast_1d(v.values[k])
                    x = v.x if v.x is not None else np.zeros(1)
                    ax.plot(np.atleast_1d(x) * 1e6, vals, "o-" if len(vals) == 1 else "-", color=f"C{j}")
            ax.set_xlabel("x [um]")
            ax.set_ylabel("Particle surface stoichiometry")
        elif p == "dqdv":
            for s in np.unique(sol.step):
                m = sol.step == s
                v, q = sol.voltage[m], sol.capacity[m]
                if len(v) < 3 or np.ptp(v) < 1e-3:
                    continue
                dv = np.diff(v)
                ok = abs(dv) > 1e-6
                ax.plot(0.5 * (v[1:] + v[:-1])[ok], (np.diff(q)[ok] / dv[ok]))
            ax.set_xlabel("Voltage [V]")
            ax.set_ylabel("dQ/dV [A.h/V]")
        elif p == "cycles":
            c = sol.cycles
            ax.plot([x["cycle"] for x in c], [x["discharge_Ah"] for x in c], "o-", label="discharge")
            ax.plot([x["cycle"] for x in c], [x["charge_Ah"] for x in c], "s--", label="charge")
            ax.set_xlabel("Cycle")
            ax.set_ylabel("Capacity [A.h]")
            ax.legend(fontsize="small")
        elif p == "process":
            ax.plot(hours, sol.positive_potential, label="positive vs Li/Li+")
            ax.plot(hours, sol.negative_potential, label="negative vs Li/Li+")
            ax.set_xlabel("Time [h]")
            ax.set_ylabel("Electrode potential [V]")
            if np.any(sol.li_metal != 0) or np.any(sol.reservoir_li != 0):
                ax2 = ax.twinx()
                ax2.plot(hours, sol.li_metal, "k:", label="Li metal [A.h]")
                ax2.plot(hours, sol.reservoir_li, "k--", label="reservoir [A.h]")
                ax2.set_ylabel("Lithium [A.h]")
            ax.legend(fontsize="small")
    for ax in flat[n:]:
        ax.set_visible(False)
    fig.suptitle(f"{sol.cell}, {sol.model.upper()}, {sol.temperature_C:g} degC")
    fig.tight_layout()
    if show:
        plt.show()
    return fig
