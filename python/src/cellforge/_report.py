"""report(): the self-contained HTML report of ``cellforge report``.

The page is written by the library's report code, the code the CLI runs:
the same inputs give the same page (docs/plots.md describes its sections).
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Any, Optional, Sequence, Union

from . import _core
from ._cell import Cell
from ._design import Recipe
from ._simulate import ProtocolLike, _protocol_args

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Report:
    """What :func:`report` wrote.

    Attributes
    ----------
    path
        The file written, or None when the page was returned in ``html``.
    html
        The page itself when no ``out`` was given (else None).
    plots
        How many figures the page holds (0 when cellforge was built without cairo).
    cell
        True when the page has a cell section and a simulation was attempted
        (False: a recipe that cannot be turned into model parameters).
    design
        True when the page has the design and claim sections (a recipe).
    simulation
        ``"complete"``, ``"stopped"`` (the page shows the rows up to the stop
        and why), ``"failed"`` (the page says why) or ``"not_available"``.
    reason
        For a run that stopped early: the reason code (``"cutoff"``,
        ``"physical_limit"``, ...), as ``Solution.termination``; else None.
    message
        Why the run stopped or failed; else None.
    t_end_s
        For a run that stopped early: the time of its last row, s.
    """

    path: Optional[str]
    html: Optional[str]
    plots: int
    cell: bool
    design: bool
    simulation: str
    reason: Optional[str]
    message: Optional[str]
    t_end_s: Optional[float]

    def _repr_html_(self) -> Optional[str]:
        """Jupyter shows the page itself when it was returned as text."""
        return self.html


def report(cell: Union[Cell, Recipe, PathLike] = "chen2020", out: Optional[PathLike] = None, *,
           model: str = "dfn", protocol: Optional[ProtocolLike] = None, crate: Optional[float] = None,
           soc: Optional[float] = None, plot_profiles: Optional[Sequence[float]] = None) -> Report:
    """Writes the cell report, as ``cellforge report CELL --out OUT`` does.

    One self-contained HTML page (inline CSS and SVG plots, no scripts,
    nothing fetched): the cell's parameters, a simulation summary with plots
    and, for a recipe, the design breakdown and the claim table.  The same
    library code writes it for the CLI and for Python, so the same inputs give
    the same page (its date and the solve time aside).

    Parameters
    ----------
    cell
        A built-in cell name, a cell JSON or recipe JSON file (as the CLI's
        ``CELL``), a :class:`Cell` or a :class:`Recipe`.
    out
        The file to write: a name ending in ``.html`` or ``.htm`` (missing
        folders are created; the file appears whole or not at all).  None:
        the page is returned in ``Report.html`` (in Jupyter the result then
        displays as the page).
    model
        ``"spm"``, ``"spme"`` or ``"dfn"`` (``--model``).
    protocol
        What to run, as in :func:`simulate`: PyBaMM-style text, a list of
        steps, an :class:`Experiment` or a path to a protocol file
        (``--protocol``, ``--protocol-file``).  Not together with ``crate``.
    crate
        A constant current in C (``--crate``): > 0 discharges, < 0 charges
        from 0 % SOC.  With neither: a 1C discharge from the cell's initial
        state (a recipe: from full).
    soc
        Initial state of charge in [0, 1] (``--soc``).
    plot_profiles
        Times of the profile panels in s, at most 16 (``--plot-profiles``;
        default: 5 evenly spaced over the run).

    Returns
    -------
    Report
        What was written; a run that failed or stopped early also raises a
        :class:`RuntimeWarning` saying so (the page says it too), as the CLI
        warns on stderr.

    Raises
    ------
    InvalidInputError (a ValueError)
        Bad input, nothing written: an unknown cell, a malformed cell,
        recipe or protocol, an output name that does not end in .html, a
        value out of range; the message is the library's.
    FileError (an OSError)
        A file could not be read, or the report could not be written.
    TypeError
        An argument of the wrong type.
    """
    recipe_text = recipe_source = None
    cell_arg: Any = cell
    if isinstance(cell, Recipe):
        recipe_text, recipe_source, cell_arg = cell.to_json(), cell.source, None
    elif isinstance(cell, Cell):
        cell_arg = cell._h
    elif not isinstance(cell, (str, bytes)) and not hasattr(cell, "__fspath__"):
        raise TypeError(f"cell must be a cellforge.Cell, a cellforge.Recipe, a built-in cell name or a file path "
                        f"(got {type(cell).__name__})")
    text, path = _protocol_args(protocol)
    raw = _core.report(cell=cell_arg, recipe=recipe_text, recipe_source=recipe_source, out=out, model=model,
                       protocol=text, protocol_file=path, crate=crate, soc=soc, plot_profiles=plot_profiles)
    result = Report(**raw)
    if result.simulation == "failed":
        warnings.warn(f"the simulation failed ({result.message}); the report says so", RuntimeWarning, stacklevel=2)
    elif result.simulation == "stopped":
        warnings.warn(f"the simulation stopped early ({result.reason}: {result.message}); the report shows the rows "
                      f"up to t = {result.t_end_s:.1f} s and says why", RuntimeWarning, stacklevel=2)
    return result
