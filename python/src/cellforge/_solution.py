"""Solution: what came out of a simulation — time series as numpy arrays,
the per-cycle table and the same summary the CLI prints with --json."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from . import _core
from ._errors import InvalidInputError

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
# the lumped or through-cell model's; an isothermal run's temperature is its
# own, its heat 0.  The hottest point and each layer's mean temperature
# differ only through the cell (thermal="x").
_THERMAL_COLUMNS = ("temperature", "heat_ohmic_solid", "heat_ohmic_electrolyte", "heat_reaction", "heat_reversible",
                    "heat_collector", "heat_total", "cooling", "temperature_max", "temperature_negative_collector",
                    "temperature_negative", "temperature_separator", "temperature_positive",
                    "temperature_positive_collector")

# Column names as in the CLI's CSV output (simulate --out).
_CSV_NAMES = {"t": "time_s", "current": "current_A", "voltage": "voltage_V", "capacity": "capacity_Ah",
              "energy": "energy_Wh", "step": "step", "cycle": "cycle",
              "positive_potential": "positive_potential_V", "negative_potential": "negative_potential_V",
              "positive_li_o": "positive_li_o", "li_metal": "li_metal_Ah", "reservoir_li": "reservoir_li_Ah",
              "alloyed_li": "alloyed_li_Ah", "temperature": "temperature_C", "heat_ohmic_solid": "heat_ohmic_solid_W",
              "heat_ohmic_electrolyte": "heat_ohmic_electrolyte_W", "heat_reaction": "heat_reaction_W",
              "heat_reversible": "heat_reversible_W", "heat_collector": "heat_collector_W",
              "heat_total": "heat_total_W", "cooling": "cooling_W", "temperature_max": "temperature_max_C",
              "temperature_negative_collector": "temperature_negative_collector_C",
              "temperature_negative": "temperature_negative_C", "temperature_separator": "temperature_separator_C",
              "temperature_positive": "temperature_positive_C",
              "temperature_positive_collector": "temperature_positive_collector_C"}



@dataclass(frozen=True)
class Variable:
    """One variable of a :class:`Solution` with its grids.

    ``values`` has one row per solution row: shape ``(rows,)`` for a scalar,
    ``(rows, n_x)`` for a profile across x, ``(rows, n_r)`` for one particle's
    radial profile and ``(rows, n_x, n_r)`` for the particles across an
    electrode.  (PyBaMM's ``ProcessedVariable.entries`` puts time last:
    ``values.T`` for a profile.)  ``x`` are the cell centres in m (as built,
    measured from the negative collector) and ``r`` the shell centres in m,
    each ``None`` when the variable has no such axis; ``t`` is the time of
    each row in s; ``domain`` is ``"negative electrode"``, ``"separator"``,
    ``"positive electrode"``, ``"cell"`` or ``""`` (a scalar)."""

    name: str
    values: np.ndarray
    t: np.ndarray
    x: Optional[np.ndarray]
    r: Optional[np.ndarray]
    domain: str

    @property
    def unit(self) -> str:
        """The unit in the name's brackets (``"mol.m-3"``), ``""`` when dimensionless."""
        if self.name.endswith("]") and "[" in self.name:
            return self.name[self.name.rindex("[") + 1:-1]
        return ""


_CYCLE_KEYS = ("cycle", "charge_Ah", "discharge_Ah", "charge_Wh", "discharge_Wh", "coulombic_efficiency",
               "energy_efficiency", "duration_s", "min_voltage_V", "max_voltage_V", "lli_pct", "lam_neg_pct",
               "lam_pos_pct", "sei_thickness_m", "li_sei_Ah", "plated_li_Ah", "dead_li_Ah", "crack_length_neg_m",
               "crack_length_pos_m", "crack_sei_thickness_m", "li_crack_sei_Ah")


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
      ``thermal="x"``: the mean through the cell; isothermal: constant)
    - ``temperature_max`` — the hottest point's, and ``temperature_negative_collector``,
      ``temperature_negative``, ``temperature_separator``, ``temperature_positive``,
      ``temperature_positive_collector`` — each layer's mean, degC (``thermal="x"``;
      otherwise the cell's temperature)
    - ``heat_ohmic_solid``, ``heat_ohmic_electrolyte``, ``heat_reaction``,
      ``heat_reversible``, ``heat_collector``, ``heat_total`` — heat sources,
      W, and ``cooling``, the heat given to the ambient, W (docs/thermal.md;
      0 when isothermal)

    Summary (as ``cellforge simulate --json``): ``capacity_Ah`` and
    ``energy_Wh`` (a constant-rate run: the magnitude at the end; a protocol:
    the total discharged), ``charge_Ah``, ``charge_Wh`` (protocols),
    ``duration_s``, ``final_voltage_V``, ``cell``, ``model``,
    ``temperature_C`` (the cell's set temperature), ``thermal``
    (``"isothermal"``, ``"lumped"`` or ``"x"``), ``final_temperature_C`` (the mean) and
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
    ``plated_li_Ah``, ``dead_li_Ah``, ``crack_length_neg_m``,
    ``crack_length_pos_m`` (mean particle crack length),
    ``crack_sei_thickness_m`` and ``li_crack_sei_Ah`` (the SEI on the
    cracks); a value that is not defined (an
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
    temperature_max: np.ndarray
    temperature_negative_collector: np.ndarray
    temperature_negative: np.ndarray
    temperature_separator: np.ndarray
    temperature_positive: np.ndarray
    temperature_positive_collector: np.ndarray
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
        self._evaluator = raw.pop("_evaluator", None)
        self._variable_cache: Dict[str, Variable] = {}
        self._variable_lock = threading.Lock()
        self._variable_info: Optional[List[Any]] = None
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
        """A variable's values by PyBaMM name (``"Voltage [V]"``,
        ``"Negative particle surface concentration [mol.m-3]"``,
        ``"Electrolyte potential [V]"``; :attr:`variables` lists them), or a
        column by attribute name (``"voltage"``) or CSV name (``"voltage_V"``).

        Raises KeyError, with the closest names, for a name this solution's
        model does not have.  See :meth:`variable` for the grids."""
        if not isinstance(name, str):
            raise TypeError(f"a variable name must be a str (got {type(name).__name__})")
        key = _PYBAMM_NAMES.get(name, name)
        for attr, csv in _CSV_NAMES.items():
            if key == csv:
                key = attr
        if key in _COLUMNS + _SWELL_COLUMNS + _THERMAL_COLUMNS:
            column: np.ndarray = getattr(self, key)
            return column
        return self.variable(name).values

    @property
    def variables(self) -> List[str]:
        """Names of every variable this solution has (its model's states and
        the quantities derived from them, PyBaMM's names and units)."""
        return [v[0] for v in self._info()]

    def _info(self) -> List[Any]:
        if self._evaluator is None:
            return []
        if self._variable_info is None:
            self._variable_info = _core.variable_list(self._evaluator)
        return self._variable_info

    def variable(self, name: str) -> Variable:
        """One variable with its grids (:class:`Variable`), computed from the
        stored states on first use and kept.  Raises KeyError with the closest
        names for an unknown name."""
        if not isinstance(name, str):
            raise TypeError(f"a variable name must be a str (got {type(name).__name__})")
        with self._variable_lock:
            cached = self._variable_cache.get(name)
        if cached is not None:
            return cached
        if self._evaluator is None:
            raise KeyError(f"no variable '{name}': this solution has no variables")
        try:
            vals, rows, n_x, n_r, x, r = _core.variable_get(self._evaluator, name)
        except InvalidInputError as exc:
            if "unknown variable" in exc.message:
                raise KeyError(exc.message) from None
            raise
        values = np.frombuffer(vals, dtype=np.float64)
        shape = (rows,) + ((n_x,) if n_x > 1 else ()) + ((n_r,) if n_r > 1 else ())
        domain = next((v[3] for v in self._info() if v[0] == name), "")
        xs = np.frombuffer(x, dtype=np.float64)
        var = Variable(name=name, values=values.reshape(shape), t=self.t,
                       x=None if (n_x == 1 and np.isnan(xs[0])) else xs,
                       r=np.frombuffer(r, dtype=np.float64) if n_r > 1 else None, domain=domain)
        with self._variable_lock:
            self._variable_cache[name] = var
        return var

    def search(self, text: str) -> List[str]:
        """Variable names containing ``text`` (case-insensitive), as
        ``pybamm.Solution.search`` (which prints them)."""
        low = text.lower()
        return [n for n in self.variables if low in n.lower()]

    @property
    def state_memory_bytes(self) -> int:
        """Memory the stored states hold: unknowns x 8 bytes per row (0 with
        ``store_states=False``)."""
        if self._evaluator is None:
            return 0
        per_row, rows = _core.variable_state_size(self._evaluator)
        return int(per_row * rows)

    def summary(self) -> Dict[str, Any]:
        """The scalar results, as ``cellforge simulate --json`` prints them."""
        keys = ("cell", "model", "temperature_C", "thermal", "final_temperature_C", "max_temperature_C", "initial_soc",
                "crate", "capacity_Ah", "energy_Wh", "charge_Ah", "charge_Wh", "steps_run", "steps_skipped",
                "skipped_steps", "stopped_early", "note", "completed", "termination",
                "duration_s", "final_voltage_V", "solve_time_ms")
        return {k: getattr(self, k) for k in keys}

    #: The process record of a protocol run, with the keys of ``cellforge
    #: simulate --record`` (first charge after electrolyte contact, minimum
    #: positive potential, Li/O after pre-lithiation, plated and alloyed
    #: lithium); None for a constant-rate run.  :func:`cellforge.claims`
    #: takes it (or the Solution) as ``run``.
    process_record: Optional[Dict[str, Any]]

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

    def plot(self, kinds: Optional[Sequence[str]] = None, times: Optional[Sequence[float]] = None,
             show: bool = False) -> Any:
        """The panels of the CLI's ``--plot`` (docs/plots.md) in a matplotlib
        Figure, returned: ``"voltage"`` (vs capacity, one line per cycle),
        ``"time"``, ``"current"``, ``"profiles"`` (electrolyte concentration
        and potential across the cell and the particle surface stoichiometry,
        at the rows nearest to ``times`` in s; default 5 evenly spaced),
        ``"dqdv"``, ``"cycles"`` (capacity per cycle) and ``"process"``
        (electrode potentials, lithium metal and reservoir).  ``kinds=None``:
        every kind that applies to the run, as the CLI.  ``show=True`` also
        calls ``matplotlib.pyplot.show()``.  Needs matplotlib."""
        _require("matplotlib", "Solution.plot()")
        from ._plot import plot

        return plot(self, kinds=kinds, times=times, show=show)

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
