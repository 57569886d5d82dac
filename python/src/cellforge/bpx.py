"""BPX (Battery Parameter eXchange) files, as ``cellforge bpx`` and
``cellforge validate`` handle them (docs/bpx.md)::

    cell, info = cellforge.bpx.read("cell.bpx.json")      # a Cell and the rest of the file
    notes = cellforge.bpx.write(cell, "out.bpx.json")     # BPX v1.1; notes on what BPX cannot carry
    report = cellforge.bpx.validate("cell.bpx.json")      # simulated vs measured voltage
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np

from . import _core
from ._cell import Cell

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["read", "write", "validate"]


def read(path: PathLike) -> Tuple[Cell, Dict[str, Any]]:
    """Reads a BPX file (v1.x, or v0.x converted on reading): the cell at the
    file's initial state, and a dict with ``version``, ``converted_from_v0``,
    ``title``, ``model`` (the Header's, as ``"spm"``/``"spme"``/``"dfn"``),
    ``spm_only``, ``initial_soc``, the temperatures, ``lli``, ``notes`` (what
    was mapped or assumed) and ``experiments`` (the Validation data: each a
    dict with ``name`` and numpy arrays ``time_s``, ``current_A`` (as in the
    file: BPX's sign, negative on discharge), ``voltage_V``, ``temperature_K`` or None)."""
    handle, info = _core.bpx_read(path)
    for e in info["experiments"]:
        for k in ("time_s", "current_A", "voltage_V", "temperature_K"):
            if e[k] is not None:
                e[k] = np.frombuffer(e[k], dtype=np.float64)
    return Cell(handle), info


def write(cell: Union[Cell, str], path: PathLike, title: Optional[str] = None, model: Optional[str] = None) -> List[str]:
    """Writes ``cell`` (a Cell or a built-in name) as a BPX v1.1 file that
    loads back to the same cell, complete or not at all (``"-"``: standard
    output).  ``title`` (default: the cell's name) and ``model`` (``"spm"``,
    ``"spme"`` or ``"dfn"``, default DFN) go into the Header.  Returns the
    notes on what BPX cannot carry exactly (tables for built-in functions
    BPX cannot express, a charge-transfer coefficient other than 0.5)."""
    if isinstance(cell, str):
        cell = Cell.builtin(cell)
    if not isinstance(cell, Cell):
        raise TypeError(f"cell must be a cellforge.Cell or a built-in name (got {type(cell).__name__})")
    notes: List[str] = _core.bpx_write(cell._h, path, title, model)
    return notes


def validate(path: PathLike, model: Optional[str] = None, mesh: Optional[int] = None,
             experiment: Optional[str] = None, discretisation: Optional[str] = None) -> Dict[str, Any]:
    """Runs every experiment of a BPX file's Validation section (or only
    ``experiment``): its measured current drives the model from the file's
    initial state and the voltage is compared at the measured times.
    Returns ``title``, ``model``, ``initial_soc`` and ``experiments``, each
    with ``name``, ``points``, ``compared``, ``rms_mV``, ``max_mV``,
    ``t_max_s`` (None when it failed), ``failed``, ``error`` and ``note``,
    as ``cellforge validate --json``.  ``mesh`` and ``discretisation`` as
    :func:`cellforge.simulate` (None: the defaults)."""
    out: Dict[str, Any] = _core.bpx_validate(path, model, mesh, experiment, discretisation)
    return out
