"""Cell tests as ``cellforge test`` runs them: HPPC, rate capability, GITT
and cycling, each with its analysis table (docs/cell-tests.md).

The table's columns are the CLI's ``test --json`` / CSV keys (SI units in
the names: ``r_dis_ohm``, ``retention`` as a fraction).  ``TestResult.table``
is a pandas DataFrame when pandas is installed, else a dict of numpy arrays
(``TestResult.columns`` is always the dict)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

import numpy as np

from . import _core
from ._errors import Error
from ._simulate import CellLike, _cell_arg


class TestResult:
    """The result of a cell test.

    - ``test``: ``"hppc"``, ``"rate"``, ``"gitt"`` or ``"cycle"``; ``cell``, ``model``
    - ``columns``: the analysis table, ``{column: numpy array}``, one row per
      SOC level (HPPC), C-rate (rate), pulse (GITT) or cycle; a value that
      could not be measured (a pulse cut by a voltage limit) is NaN
    - ``table``: the same as a pandas DataFrame when pandas is installed,
      else the dict
    - ``info``: the test's figures (pulse currents, the cell's limits, the
      particle radius of GITT, the cycling protocol ...), as in the CLI's JSON
    - ``series``: the raw time series (``t``, ``current``, ``voltage``,
      ``capacity``, ``energy``, ``step``, ``cycle`` arrays) of HPPC and
      GITT; None for rate and cycle
    - ``note``: why the test ended before its last point, or ``""``
    - ``completed``: False when it ended early (then also raised, see below)
    """

    __test__ = False  # not a pytest test class

    def __init__(self, raw: Dict[str, Any]) -> None:
        self.test: str = raw["test"]
        self.cell: str = raw["cell"]
        self.model: str = raw["model"]
        self.note: str = raw["note"]
        self.info: Dict[str, Any] = raw["info"]
        self.completed: bool = raw["completed"]
        self.columns: Dict[str, np.ndarray] = {
            k: np.asarray(v, dtype=np.int64 if v and isinstance(v[0], int) and not isinstance(v[0], bool) else float)
            for k, v in raw["table"].items()}
        series = raw.get("series")
        self.series: Optional[Dict[str, np.ndarray]] = None
        if series is not None:
            self.series = {k: np.frombuffer(v, dtype=np.int64 if k in ("step", "cycle") else np.float64)
                           for k, v in series.items()}

    @property
    def table(self) -> Any:
        """A pandas DataFrame of :attr:`columns` when pandas is installed, else the dict."""
        try:
            import pandas as pd
        except ImportError:
            return self.columns
        return pd.DataFrame(self.columns)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __repr__(self) -> str:
        end = "" if self.completed else f", stopped early: {self.note}"
        return f"<cellforge.TestResult {self.test} on {self.cell} ({self.model}): {len(self)} rows{end}>"


def _run(kind: str, options: Dict[str, Any], cell: CellLike, model: str, temperature_C: Optional[float],
         mesh: Optional[int], rtol: float, max_steps: Optional[int], max_wall_time: Optional[float],
         discretisation: Optional[str]) -> TestResult:
    try:
        raw = _core.celltest(kind, options, cell=_cell_arg(cell), model=model, temperature_C=temperature_C,
                             mesh=mesh, rtol=rtol, max_steps=max_steps, max_wall_time=max_wall_time,
                             discretisation=discretisation)
    except Error as exc:
        if isinstance(exc.solution, dict):
            exc.solution = TestResult(exc.solution)
        raise
    return TestResult(raw)


def hppc(cell: CellLike = "chen2020", model: str = "dfn", *, soc_step: float = 0.1, rest_s: float = 3600,
         pulse_crate: float = 1, pulse_s: float = 10, pulse_rest_s: float = 40, charge_ratio: float = 0.75,
         move_crate: float = 1, soc: Optional[float] = 1.0, temperature_C: Optional[float] = None, mesh: Optional[int] = None,
         rtol: float = 1e-6, max_steps: Optional[int] = None, max_wall_time: Optional[float] = None,
         discretisation: Optional[str] = None) -> TestResult:
    """Hybrid pulse power characterisation (``cellforge test hppc``): from
    ``soc`` down in steps of ``soc_step``, rest, a discharge pulse at
    ``pulse_crate`` for ``pulse_s``, rest, a charge pulse at ``charge_ratio``
    of its current, rest; the table has the OCV, the 1 s and end-of-pulse
    resistances and the pulse powers at each level.  ``soc=None`` starts
    from the cell's own state.  Raises as :func:`simulate` does; a test
    that fails after some levels carries them in ``e.solution``."""
    opts = dict(soc_step=soc_step, rest_s=rest_s, pulse_crate=pulse_crate, pulse_s=pulse_s,
                pulse_rest_s=pulse_rest_s, charge_ratio=charge_ratio, move_crate=move_crate,
                soc=soc)
    return _run("hppc", opts, cell, model, temperature_C, mesh, rtol, max_steps, max_wall_time, discretisation)


def rate(cell: CellLike = "chen2020", model: str = "dfn", *, crates: Sequence[float] = (0.2, 0.5, 1, 2, 3, 5),
         soc: Optional[float] = 1.0, temperature_C: Optional[float] = None, mesh: Optional[int] = None, rtol: float = 1e-6,
         max_steps: Optional[int] = None, max_wall_time: Optional[float] = None,
         discretisation: Optional[str] = None) -> TestResult:
    """Rate capability (``cellforge test rate``): a constant-current
    discharge from ``soc`` to the lower cut-off at each C-rate; capacity,
    energy, mean voltage and retention against the lowest rate."""
    opts = dict(crates=list(crates), soc=soc)
    return _run("rate", opts, cell, model, temperature_C, mesh, rtol, max_steps, max_wall_time, discretisation)


def gitt(cell: CellLike = "chen2020", model: str = "dfn", *, pulse_crate: float = 0.05, pulse_s: float = 600,
         relax_s: float = 3600, electrode: str = "positive", phase: int = 0, max_pulses: int = 0,
         soc: Optional[float] = 1.0, temperature_C: Optional[float] = None, mesh: Optional[int] = None, rtol: float = 1e-6,
         max_steps: Optional[int] = None, max_wall_time: Optional[float] = None,
         discretisation: Optional[str] = None) -> TestResult:
    """Galvanostatic intermittent titration (``cellforge test gitt``):
    pulses of ``pulse_s`` at ``pulse_crate`` with ``relax_s`` relaxations
    (``max_pulses=0``: until the lower cut-off); the table has the relaxed
    voltages, IR drop, dEs, dEt and the apparent diffusivity
    4/(pi tau) (R/3)^2 (dEs/dEt)^2 with the radius of ``electrode``."""
    opts = dict(pulse_crate=pulse_crate, pulse_s=pulse_s, relax_s=relax_s, electrode=electrode, phase=phase,
                max_pulses=max_pulses, soc=soc)
    return _run("gitt", opts, cell, model, temperature_C, mesh, rtol, max_steps, max_wall_time, discretisation)


def cycle(cell: CellLike = "chen2020", model: str = "dfn", *, cycles: int = 3, charge_crate: float = 0.5,
          cv_cutoff_crate: float = 0.05, discharge_crate: float = 1, rest_s: float = 600,
          soc: Optional[float] = 0.0, temperature_C: Optional[float] = None, mesh: Optional[int] = None, rtol: float = 1e-6,
          max_steps: Optional[int] = None, max_wall_time: Optional[float] = None,
         discretisation: Optional[str] = None) -> TestResult:
    """Cycling (``cellforge test cycle``): ``cycles`` x (CC charge to the
    upper cut-off, CV hold until ``cv_cutoff_crate``, rest, CC discharge to
    the lower cut-off, rest); charge, discharge, efficiencies and retention
    per cycle."""
    opts = dict(cycles=cycles, charge_crate=charge_crate, cv_cutoff_crate=cv_cutoff_crate,
                discharge_crate=discharge_crate, rest_s=rest_s, soc=soc)
    return _run("cycle", opts, cell, model, temperature_C, mesh, rtol, max_steps, max_wall_time, discretisation)
