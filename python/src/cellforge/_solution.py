"""Solution: what came out of a simulation — time series as numpy arrays,
the per-cycle table and the same summary the CLI prints with --json."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import numpy as np

# PyBaMM's variable names for the columns we have, so sol["Voltage [V]"]
# reads as in PyBaMM (values are numpy arrays, not ProcessedVariables).
_PYBAMM_NAMES = {
    "Time [s]": "t",
    "Current [A]": "current",
    "Voltage [V]": "voltage",
    "Terminal voltage [V]": "voltage",
    "Discharge capacity [A.h]": "capacity",
    "Discharge energy [W.h]": "energy",
    "Volume-averaged cell temperature [C]": "temperature",
    "Total heating [W]": "heat_total",
}

_COLUMNS = ("t", "current", "voltage", "capacity", "energy", "step", "cycle", "negative_potential",
            "positive_potential", "positive_li_o", "li_metal", "reservoir_li", "alloyed_li")
# Swelling of each electrode (the CLI's CSV has them when a particle changes
# volume): thickness change from as built (%) and mean porosity.
_SWELL_COLUMNS = ("neg_thickness_change_pct", "pos_thickness_change_pct", "neg_porosity", "pos_porosity")
# The cell's temperature (degC) and the heat sources (W) (docs/thermal.md):
# the lumped model's; an isothermal run's temperature is its own, its heat 0.
_THERMAL_COLUMNS = ("temperature", "heat_ohmic_solid", "heat_ohmic_electrolyte", "heat_reaction", "heat_reversible",
                    "heat_collector", "heat_total", "cooling")

# Column names as in the CLI's CSV output (simulate --out).
_CSV_NAMES = {"t": "time_s", "current": "current_A", "voltage": "voltage_V", "capacity": "capacity_Ah",
              "energy": "energy_Wh", "step": "step", "cycle": "cycle",
              "positive_potential": "positive_potential_V", "negative_potential": "negative_potential_V",
              "positive_li_o": "positive_li_o", "li_metal": "li_metal_Ah", "reservoir_li": "reservoir_li_Ah",
              "alloyed_li": "alloyed_li_Ah", "temperature": "temperature_C", "heat_ohmic_solid": "heat_ohmic_solid_W",
              "heat_ohmic_electrolyte": "heat_ohmic_electrolyte_W", "heat_reaction": "heat_reaction_W",
              "heat_reversible": "heat_reversible_W", "heat_collector": "heat_collector_W",
              "heat_total": "heat_total_W", "cooling": "cooling_W"}

_CYCLE_KEYS = ("cycle", "charge_Ah", "discharge_Ah", "charge_Wh", "discharge_Wh", "coulombic_efficiency",
               "energy_efficiency", "duration_s", "min_voltage_V", "max_voltage_V", "lli_pct", "lam_neg_pct",
               "lam_pos_pct", "sei_thickness_m", "li_sei_Ah", "plated_li_Ah", "dead_li_Ah")


class Solution:
    """Result of :func:`cellforge.simulate` or :meth:`Simulation.solve`.

    Time series (numpy arrays, one row per solver step, or one every
    ``output_dt`` seconds):

    - ``t`` — time, s
    - ``current`` — A, positive = discharge
    - ``voltage`` — terminal voltage, V
    - ``capacity`` — net discharged charge since the start, A h
    - ``energy`` — net discharged energy since the start, W h
    - ``step``, ``cycle`` — executed protocol step and cycle (numbered from 1, as in the CLI's CSV; int64)
    - ``neg_thickness_change_pct``, ``pos_thickness_change_pct`` — each
      electrode's thickness change from as built, % (particles that change
      volume, as the electrode's ``thickness_swelling`` lets them; NaN for a
      lithium-metal negative)
    - ``neg_porosity``, ``pos_porosity`` — each electrode's mean porosity
    - ``positive_potential``, ``negative_potential`` — each electrode vs
      Li/Li+ in the electrolyte beside its collector, V
    - ``positive_li_o`` — the positive's Li/O atomic ratio (NaN when the
      positive is not an oxide with a known Li/O)
    - ``li_metal`` — lithium metal on the negative (foil or plated), A h
    - ``reservoir_li`` — lithium left in a reservoir shorted to the
      positive, A h (0 without one)
    - ``alloyed_li`` — lithium alloyed into the positive's (aluminium)
      collector, A h (0 without a reservoir)
    - ``temperature`` — the cell's temperature, degC (``thermal="lumped"``;
      isothermal: constant)
    - ``heat_ohmic_solid``, ``heat_ohmic_electrolyte``, ``heat_reaction``,
      ``heat_reversible``, ``heat_collector``, ``heat_total`` — heat sources,
      W, and ``cooling``, the heat given to the ambient, W (docs/thermal.md;
      0 when isothermal)

    Summary (as ``cellforge simulate --json``): ``capacity_Ah`` and
    ``energy_Wh`` (a constant-rate run: the magnitude at the end; a protocol:
    the total discharged), ``charge_Ah``, ``charge_Wh`` (protocols),
    ``duration_s``, ``final_voltage_V``, ``cell``, ``model``,
    ``temperature_C`` (the cell's set temperature), ``thermal``
    (``"isothermal"`` or ``"lumped"``), ``final_temperature_C`` and
    ``max_temperature_C``, ``initial_soc`` (None: the cell's own state),
    ``crate`` (None for protocols), ``steps_run``, ``steps_skipped``,
    ``skipped_steps``, ``stopped_early``, ``note``, ``solve_time_ms`` and
    ``solver_stats``.

    ``skipped_steps`` lists the protocol steps that could not start because
    their end condition already held (a charge to 4.2 V on a cell at 4.2 V):
    dicts with ``step`` and ``cycle`` (numbered from 1) and ``reason``, the
    first 1000 of them (``steps_skipped`` counts all); ``[]`` for a
    constant-rate run.

    How the run ended (as the CLI's JSON): ``completed`` (True when every
    step ran, or the protocol's termination criterion ended it) and
    ``termination``, a dict with ``reason`` (``"completed"``,
    ``"termination"``, ``"cutoff"``, ``"physical_limit"``,
    ``"solver_failure"``, ``"step_limit"``, ``"wall_time"`` or ``"error"``),
    ``message``, ``time_s``, ``step`` and ``cycle`` (numbered from 1) and
    ``step_text``.  A run that stopped early holds every row up to the stop.

    ``cycles`` is the per-cycle table of a protocol run: a list of dicts
    with keys ``cycle, charge_Ah, discharge_Ah, charge_Wh, discharge_Wh,
    coulombic_efficiency, energy_efficiency, duration_s, min_voltage_V,
    max_voltage_V`` and the ageing at the cycle's end against the run's
    start (docs/ageing.md): ``lli_pct`` (lithium lost from both electrodes'
    particles, %), ``lam_neg_pct``, ``lam_pos_pct`` (active material lost,
    %), ``sei_thickness_m``, ``li_sei_Ah`` (lithium the SEI took),
    ``plated_li_Ah`` and ``dead_li_Ah``; a value that is not defined (an
    efficiency without charge) is None.  A constant-rate run has no cycles (``[]``).
    """

    t: np.ndarray
    current: np.ndarray
    voltage: np.ndarray
    capacity: np.ndarray
    energy: np.ndarray
    step: np.ndarray
    cycle: np.ndarray
    neg_thickness_change_pct: np.ndarray
    pos_thickness_change_pct: np.ndarray
    neg_porosity: np.ndarray
    pos_porosity: np.ndarray
    positive_potential: np.ndarray
    negative_potential: np.ndarray
    positive_li_o: np.ndarray
    li_metal: np.ndarray
    reservoir_li: np.ndarray
    alloyed_li: np.ndarray
    temperature: np.ndarray
    heat_ohmic_solid: np.ndarray
    heat_ohmic_electrolyte: np.ndarray
    heat_reaction: np.ndarray
    heat_reversible: np.ndarray
    heat_collector: np.ndarray
    heat_total: np.ndarray
    cooling: np.ndarray
    cycles: List[Dict[str, Optional[float]]]
    cell: str
    model: str
    temperature_C: float
    thermal: str
    final_temperature_C: float
    max_temperature_C: float
    initial_soc: Optional[float]
    crate: Optional[float]
    capacity_Ah: float
    energy_Wh: float
    charge_Ah: float
    charge_Wh: float
    duration_s: float
    final_voltage_V: float
    steps_run: int
    steps_skipped: int
    skipped_steps: List[Dict[str, Any]]
    stopped_early: bool
    note: str
    completed: bool
    termination: Dict[str, Any]
    solve_time_ms: float
    solver_stats: Dict[str, int]

    def __init__(self, raw: Dict[str, Any]) -> None:
        """Internal: built from the C module's result."""
        for name in _COLUMNS + _SWELL_COLUMNS + _THERMAL_COLUMNS:
            # frombuffer on the C module's bytearray: no copy, writable.
            dtype = np.int64 if name in ("step", "cycle") else np.float64
            setattr(self, name, np.frombuffer(raw.pop(name), dtype=dtype))
        raw.pop("rows", None)
        for key, value in raw.items():
            setattr(self, key, value)

    def __len__(self) -> int:
        return int(self.t.shape[0])

    def __getitem__(self, name: str) -> np.ndarray:
        """A column by attribute name (``"voltage"``), CSV name
        (``"voltage_V"``) or PyBaMM name (``"Voltage [V]"``, ``"Time [s]"``,
        ``"Current [A]"``, ``"Discharge capacity [A.h]"``)."""
        key = _PYBAMM_NAMES.get(name, name)
        for attr, csv in _CSV_NAMES.items():
            if key == csv:
                key = attr
        if key == "Time [h]":
            return self.t / 3600.0
        if key not in _COLUMNS + _SWELL_COLUMNS + _THERMAL_COLUMNS:
            known = list(_COLUMNS + _SWELL_COLUMNS + _THERMAL_COLUMNS) + list(_PYBAMM_NAMES) + ["Time [h]"]
            raise KeyError(f"no variable '{name}' in a cellforge Solution (known: {', '.join(known)})")
        column: np.ndarray = getattr(self, key)
        return column

    def summary(self) -> Dict[str, Any]:
        """The scalar results, as ``cellforge simulate --json`` prints them."""
        keys = ("cell", "model", "temperature_C", "thermal", "final_temperature_C", "max_temperature_C", "initial_soc",
                "crate", "capacity_Ah", "energy_Wh", "charge_Ah", "charge_Wh", "steps_run", "steps_skipped",
                "skipped_steps", "stopped_early", "note", "completed", "termination",
                "duration_s", "final_voltage_V", "solve_time_ms")
        return {k: getattr(self, k) for k in keys}

    def to_pandas(self) -> Any:
        """The time series as a pandas DataFrame with the CLI's CSV column
        names (time_s, current_A, voltage_V, capacity_Ah, energy_Wh, step,
        cycle, negative_potential_V, positive_potential_V).  Needs pandas."""
        pd = _require("pandas", "Solution.to_pandas()")
        return pd.DataFrame({_CSV_NAMES[c]: getattr(self, c) for c in _COLUMNS})

    def cycles_to_pandas(self) -> Any:
        """The per-cycle table as a pandas DataFrame (undefined values NaN),
        the columns of ``simulate --cycles-out``.  Needs pandas."""
        pd = _require("pandas", "Solution.cycles_to_pandas()")
        return pd.DataFrame([{k: (np.nan if c[k] is None else c[k]) for k in _CYCLE_KEYS} for c in self.cycles],
                            columns=list(_CYCLE_KEYS))

    def plot(self, show: bool = False) -> Any:
        """Voltage and current against time (h) in a matplotlib Figure,
        returned; ``show=True`` also calls ``matplotlib.pyplot.show()``.
        Needs matplotlib."""
        _require("matplotlib", "Solution.plot()")
        import importlib

        plt = importlib.import_module("matplotlib.pyplot")

        fig, (ax_v, ax_i) = plt.subplots(2, 1, sharex=True, figsize=(7, 5))
        hours = self.t / 3600.0
        ax_v.plot(hours, self.voltage)
        ax_v.set_ylabel("Voltage [V]")
        ax_i.plot(hours, self.current)
        ax_i.set_ylabel("Current [A] (+ discharge)")
        ax_i.set_xlabel("Time [h]")
        ax_v.set_title(f"{self.cell}, {self.model.upper()}, {self.temperature_C:g} degC")
        fig.tight_layout()
        if show:
            plt.show()
        return fig

    def __repr__(self) -> str:
        what = f"{self.crate:g}C" if self.crate is not None else f"protocol, {len(self.cycles)} cycle(s)"
        if not self.completed:
            what += f", stopped early ({self.termination['reason']})"
        return (f"<cellforge.Solution {self.cell} {self.model} {what}: {len(self)} rows, "
                f"{self.capacity_Ah:.4f} Ah, {self.energy_Wh:.4f} Wh, {self.duration_s:.1f} s, "
                f"final {self.final_voltage_V:.4f} V>")


def _require(module: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{what} needs {module}, which is not installed: pip install {module} "
                          f"(or pip install 'cellforge[{'plot' if module == 'matplotlib' else module}]')") from exc
