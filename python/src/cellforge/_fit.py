"""fit() and fit_ocv(): a cell's parameters from measured voltage, as
``cellforge fit`` and ``cellforge fit ocv`` find them (docs/fitting.md)."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core

PathLike = Union[str, "os.PathLike[str]"]
Data = Union[PathLike, Mapping[str, Sequence[float]], Tuple[Sequence[float], Sequence[float], Sequence[float]]]


class FitResult:
    """The outcome of a fit: ``parameters`` (path -> dict with ``initial``,
    ``value``, ``lower``, ``upper`` (the interval at ``confidence``),
    ``scale``, ``at_bound``), ``rms_V``, ``iterations``, ``simulations``,
    the fitted cell file as ``cell_json`` (``save_cell`` writes it), and the
    series ``t``, ``current``, ``voltage`` (data, SI, discharge positive)
    and ``model_voltage`` (the model at the optimum)."""

    def __init__(self, report: str, cell_json: Optional[str], t: bytes, i: bytes, v: bytes, mv: bytes):
        self.report: Dict[str, Any] = json.loads(report)
        self.parameters: Dict[str, Dict[str, Any]] = {p["path"]: p for p in self.report["parameters"]}
        self.rms_V: float = self.report["rms_V"]
        self.iterations: int = self.report["iterations"]
        self.simulations: int = self.report["simulations"]
        self.confidence: float = self.report["confidence"]
        self.cell_json: Optional[str] = cell_json
        self.t = np.frombuffer(t, dtype=np.float64)
        self.current = np.frombuffer(i, dtype=np.float64)
        self.voltage = np.frombuffer(v, dtype=np.float64)
        self.model_voltage = np.frombuffer(mv, dtype=np.float64)

    def value(self, path: str) -> float:
        """The fitted value of one parameter."""
        return float(self.parameters[path]["value"])

    def save_cell(self, path: PathLike) -> None:
        """Writes the fitted cell file (the library's output rules: written
        whole or not at all)."""
        if self.cell_json is None:
            raise ValueError("this fit has no cell file")
        _core.write_file(path, self.cell_json + "\n")

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={p['value']:.5g}" for k, p in self.parameters.items())
        return f"FitResult({body}; rms {1e3 * self.rms_V:.3g} mV)"


def _data_args(data: Data) -> Tuple[Optional[PathLike], Optional[str]]:
    if isinstance(data, (str, os.PathLike)):
        return data, None
    if isinstance(data, Mapping):
        cols = [data[k] for k in ("t", "current", "voltage")]
    elif isinstance(data, (tuple, list)) and len(data) == 3:
        cols = list(data)
    else:
        raise TypeError("data must be a file path, a (t, current, voltage) tuple or a dict with those keys "
                        f"(got {type(data).__name__})")
    t, i, v = (np.asarray(c, dtype=float) for c in cols)
    if not (t.shape == i.shape == v.shape) or t.ndim != 1:
        raise ValueError("data: t, current and voltage must be 1-D and of one length")
    # The library's reader checks arrays as it checks files (generic format,
    # SI units, discharge positive).
    lines = ["time [s],current [A],voltage [V]"]
    lines += [f"{a!r},{b!r},{c!r}" for a, b, c in zip(t.tolist(), i.tolist(), v.tolist())]
    return None, "\n".join(lines) + "\n"


def _common(cell: PathLike, data: Data, fmt: str, current_sign: str, params: Mapping[str, Sequence[float]],
            model: str, mesh: Optional[int], initial_soc: Optional[float], sigma: float, max_iter: int,
            confidence: float, kind: str, electrode: str = "positive", discretisation: Optional[str] = None) -> Any:
    path, text = _data_args(data)
    plist = []
    for key, b in params.items():
        b = tuple(b)
        if len(b) not in (2, 3):
            raise ValueError(f"parameter {key}: give (lower, upper) or (lower, upper, start)")
        plist.append((key, b[0], b[1], b[2] if len(b) == 3 else None))
    out = _core.fit_run(cell, path, text, fmt, current_sign, plist, model, mesh, initial_soc, sigma, max_iter,
                        confidence, kind, electrode, discretisation)
    return PulseFitResult(*out) if kind in ("hppc", "gitt") else FitResult(*out)


def fit(cell: PathLike, data: Data, parameters: Mapping[str, Sequence[float]], *, format: str = "auto",
        current_sign: str = "format", model: str = "dfn", mesh: Optional[int] = None,
        initial_soc: Optional[float] = None, sigma: float = 1e-3, max_iter: int = 50, confidence: float = 0.95,
        discretisation: Optional[str] = None) -> FitResult:
    """Fits ``parameters`` ({cell-file key path or "initial_soc": (lower,
    upper[, start])}) of ``cell`` (a built-in name or cell file) to ``data``:
    a cycler export (``format``: auto, generic, maccor, arbin, biologic,
    neware) or arrays (t [s], current [A, discharge positive], voltage [V]).
    The model runs the measured current; GSL's trust-region least squares
    minimises sum(((V_model - V_data) / sigma)^2).  Raises InvalidInputError
    for bad data or parameters and for parameters the data cannot separate
    (non-identifiable).  ``mesh`` and ``discretisation`` as :func:`simulate`
    (None: the defaults)."""
    if not parameters:
        raise ValueError("parameters: name at least one parameter to fit")
    return _common(cell, data, format, current_sign, parameters, model, mesh, initial_soc, sigma, max_iter,
                   confidence, "run", discretisation=discretisation)


def fit_ocv(cell: PathLike, data: Data, *, format: str = "auto", current_sign: str = "format",
            sigma: float = 1e-3, max_iter: int = 50, confidence: float = 0.95) -> FitResult:
    """Electrode stoichiometry windows and capacities from a slow (near
    open-circuit) curve and the cell's electrode OCPs, as ``cellforge fit
    ocv``: parameters negative.sto_start, positive.sto_start,
    negative.capacity_Ah, positive.capacity_Ah."""
    return _common(cell, data, format, current_sign, {}, "dfn", 20, None, sigma, max_iter, confidence, "ocv")


class PulseFitResult:
    """The outcome of an HPPC or GITT fit: ``parameter`` (the fitted key),
    ``pulses`` (one dict per pulse window: ``t_start_s``, ``fitted``,
    ``soc``, ``x`` (SOC, or the electrode's stoichiometry for GITT),
    ``value``, ``lower``, ``upper``, ``rms_V``, ``pulse_resistance_ohm``,
    ``note``), the fitted cell file ``cell_json`` (``save_cell``) and the
    data ``t``, ``current``, ``voltage``."""

    def __init__(self, report: str, cell_json: Optional[str], t: bytes, i: bytes, v: bytes, _mv: bytes):
        self.report: Dict[str, Any] = json.loads(report)
        self.parameter: str = self.report["parameter"]
        self.pulses = self.report["pulses"]
        self.cell_json = cell_json
        self.t = np.frombuffer(t, dtype=np.float64)
        self.current = np.frombuffer(i, dtype=np.float64)
        self.voltage = np.frombuffer(v, dtype=np.float64)

    def save_cell(self, path: PathLike) -> None:
        """Writes the fitted cell file."""
        if self.cell_json is None:
            raise ValueError("this fit has no cell file")
        _core.write_file(path, self.cell_json + "\n")


def fit_pulses(cell: PathLike, data: Data, kind: str, *, electrode: str = "positive", format: str = "auto",
               current_sign: str = "format", model: str = "dfn", mesh: Optional[int] = None, sigma: float = 1e-3,
               max_iter: int = 50, confidence: float = 0.95, discretisation: Optional[str] = None) -> PulseFitResult:
    """The standard pulse-test fits, as ``cellforge fit hppc|gitt``: ``kind``
    "hppc" fits the electrode's exchange-current coefficient at each HPPC
    level (with the measured pulse resistance), "gitt" its solid diffusivity
    at each GITT pulse (vs its stoichiometry)."""
    if kind not in ("hppc", "gitt"):
        raise ValueError(f"kind must be 'hppc' or 'gitt' (got {kind!r})")
    return _common(cell, data, format, current_sign, {}, model, mesh, None, sigma, max_iter, confidence, kind,
                   electrode, discretisation)
