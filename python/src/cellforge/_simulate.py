"""simulate() and Simulation: runs as `cellforge simulate` does them.

Both release the GIL for the whole numerical work (protocol parsing, plan
construction, integration), so threads run simulations in parallel.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Optional, Sequence, Tuple, Union

from . import _core
from ._cell import Cell
from ._errors import Error
from ._experiment import Experiment
from ._solution import Solution

PathLike = Union[str, "os.PathLike[str]"]
#: A protocol: text ("Charge at C/2 until 4.2 V; Rest for 1 hour"), a list of
#: steps as for pybamm.Experiment (a tuple inside the list is one cycle), or a
#: pathlib.Path / os.PathLike naming a protocol file.
ProtocolLike = Union[str, "os.PathLike[str]", Sequence[Union[str, Tuple[str, ...]]], Experiment]
CellLike = Union[Cell, str, "os.PathLike[str]"]

#: Model names accepted by ``model=``.
MODELS = ("spm", "spme", "dfn")


def _cell_arg(cell: Any) -> Any:
    if isinstance(cell, Cell):
        return cell._h
    if isinstance(cell, (str, bytes)) or hasattr(cell, "__fspath__"):
        return cell
    raise TypeError(f"cell must be a cellforge.Cell, a built-in cell name or a cell file path "
                    f"(got {type(cell).__name__})")


def _protocol_args(protocol: Any) -> Tuple[Optional[str], Optional[Any]]:
    """(protocol text, protocol file) from the user's protocol."""
    if protocol is None:
        return None, None
    if isinstance(protocol, Experiment):
        return protocol.text, None
    if isinstance(protocol, str):
        return protocol, None
    if hasattr(protocol, "__fspath__"):
        return None, protocol
    if isinstance(protocol, (list, tuple)):
        lines = []
        for i, item in enumerate(protocol):
            if isinstance(item, str):
                lines.append(item)
            elif isinstance(item, tuple) and all(isinstance(s, str) for s in item):
                # A tuple of steps is one cycle, as in pybamm.Experiment.
                lines.append("cycle {\n" + "\n".join(item) + "\n}")
            else:
                raise TypeError(f"protocol[{i}] must be a step (str) or a cycle (tuple of str), "
                                f"got {type(item).__name__}")
        return "\n".join(lines), None
    raise TypeError(f"protocol must be text, a list of steps or a path (got {type(protocol).__name__})")


def _solved(run: Any, **kwargs: Any) -> Solution:
    """The Solution of a run; a run that fails after computing rows raises
    with those rows as a Solution in the exception's ``solution``."""
    try:
        raw = run(**kwargs)
    except Error as exc:
        if isinstance(exc.solution, dict):
            exc.solution = Solution(exc.solution)
        raise
    return Solution(raw)


def simulate(cell: CellLike = "chen2020", model: str = "dfn", protocol: Optional[ProtocolLike] = None,
             soc: Optional[float] = None, crate: Optional[float] = None, temperature_C: Optional[float] = None,
             mesh: Optional[int] = None, rtol: float = 1e-6, output_dt: Optional[float] = None, *,
             drive_cycle: Optional[PathLike] = None, integrator: str = "bdf",
             linear_solver: str = "auto", max_steps: Optional[int] = None,
             max_wall_time: Optional[float] = None, discretisation: str = "spectral", mesh_x: Union[int, Sequence[int], None] = None,
             mesh_r: Optional[int] = None, thermal: str = "isothermal", sei: Optional[str] = None,
             plating: Optional[str] = None, store_states: bool = True, lam_negative: Optional[str] = None,
             lam_positive: Optional[str] = None, cracking_negative: Optional[str] = None,
             cracking_positive: Optional[str] = None) -> Solution:
    """Simulates a cell, as ``cellforge simulate`` does, and returns a :class:`Solution`.

    With neither ``protocol``, ``crate`` nor ``drive_cycle``: a 1C constant
    current discharge to the cell's lower cut-off voltage (the CLI's default).

    Parameters
    ----------
    cell
        A :class:`Cell`, a built-in cell name (``"chen2020"``) or a cell JSON
        file.  A Cell is copied at the call: changing it later does not affect
        a running simulation.
    model
        ``"spm"``, ``"spme"`` or ``"dfn"``.
    protocol
        PyBaMM-style steps: text with ``;`` or newlines (``"Charge at C/2
        until 4.2 V; Hold at 4.2 V until C/50"``, repeat blocks allowed), a
        list of steps as for ``pybamm.Experiment`` (a tuple in the list is one
        cycle), or a ``pathlib.Path`` to a protocol file (docs/protocols.md).
    soc
        Initial state of charge in [0, 1] (default: the cell's initial state;
        0 when charging with a negative ``crate``).
    crate
        Constant current in C: > 0 discharges to the lower cut-off, < 0
        charges to the upper one.  Not together with a protocol.
    temperature_C
        Cell temperature in degC, [-70, 120] (default: the cell's).
    mesh
        Volumes in x per domain and nodes (``"fv"``: volumes) per particle,
        [2, 500] (default None: the discretisation's mesh, ``"spectral"``
        60, 5, 30 in x and 5 nodes, ``"fv"`` 20 everywhere).
    mesh_x, mesh_r
        As the CLI's ``--mesh-x`` and ``--mesh-r``: finite volumes in x per
        domain, [2, 2000] — or a sequence of three, (negative, separator,
        positive) — and per particle spectral nodes, [2, 64], or finite
        volumes, [2, 2000] for ``"fv"`` (default: ``mesh``).
    discretisation
        As the CLI's ``--discretisation``: ``"spectral"`` (default;
        polynomial Galerkin particles, exact lithium balance, within 1 mV of
        the converged DFN on its default mesh) or ``"fv"`` (PyBaMM's finite
        volumes, for one-to-one comparisons with PyBaMM; docs/models.md).
    thermal
        The energy balance, as the CLI's ``--thermal``: ``"isothermal"``
        (default), ``"lumped"`` (one cell temperature heated by the cell's
        own heat and cooled to the ambient) or ``"x"`` (the temperature
        through the cell, each layer heated by its own sources and cooled at
        the two faces; DFN only); the cell needs thermal data;
        docs/thermal.md.  With ``"lumped"`` or ``"x"``, ``temperature_C`` is
        the start and the ambient.
    rtol
        Solver relative tolerance, [1e-12, 1e-2]; absolute tolerances scale with it.
    output_dt
        A row at every multiple of ``output_dt`` seconds of the run and at every
        step's end, [1e-3, 1e6] (default: one row per solver step).
    drive_cycle
        A CSV drive cycle (time_s and current_A or power_W) to follow once.
    integrator, linear_solver
        For comparisons, as the CLI's ``--integrator`` and ``--linear-solver``:
        ``"bdf"`` (cellforge's own, default) or ``"ida"`` (SUNDIALS IDA);
        ``"auto"`` (fixed-order sparse LU, KLU when it needs pivoting; default)
        or ``"klu"``.
    max_steps, max_wall_time
        Budgets of the run, as the CLI's ``--max-steps`` and
        ``--max-wall-time``: stop after this many solver steps, [1, 1e9], or
        seconds of computing, [1e-3, 1e7] (default: none).  A spent budget
        raises LimitError carrying the rows computed so far.
    sei
        As the CLI's ``--sei``: SEI growth on the negative's particles,
        ``"reaction-limited"``, ``"solvent-diffusion-limited"``,
        ``"electron-migration-limited"``, ``"interstitial-diffusion-limited"``
        (``"-limited"`` may be left off) or ``"none"``, with the cell's SEI
        parameters or O'Kane et al. (2022)'s (docs/ageing.md).  Default: the
        cell's own.  A protocol's ``cycles`` then carry ``lli_pct``,
        ``sei_thickness_m``, ``li_sei_Ah`` and the other ageing columns.
    plating
        As the CLI's ``--plating``: lithium plating on the negative's
        particles (O'Kane et al. 2022), ``"reversible"``, ``"irreversible"``,
        ``"partially-reversible"`` or ``"none"``.  Default: the cell's own.
    lam_negative, lam_positive
        As the CLI's ``--lam-negative`` and ``--lam-positive``: loss of active
        material of that electrode, ``"stress-driven"``, ``"reaction-driven"``
        (negative only, with SEI growth), ``"stress-and-reaction-driven"``,
        ``"volume-driven"`` (an alloy's swelling), ``"volume-and-reaction-driven"``
        or ``"none"``, with the cell's parameters or O'Kane et al. (2022)'s
        (docs/ageing.md).  Default: the cell's own.  A protocol's ``cycles``
        then carry ``lam_neg_pct`` and ``lam_pos_pct``.
    cracking_negative, cracking_positive
        As the CLI's ``--cracking-negative`` and ``--cracking-positive``:
        particle cracking of that electrode, ``"cracking"``,
        ``"cracking-with-sei"`` (SEI also grows on the crack walls; negative
        only, with SEI growth) or ``"none"``, with the cell's parameters or
        O'Kane et al. (2022)'s (docs/ageing.md).  Default: the cell's own.  A
        protocol's ``cycles`` then carry ``crack_length_neg_m``,
        ``crack_length_pos_m``, ``crack_sei_thickness_m`` and
        ``li_crack_sei_Ah``.
    store_states
        Keep the model's full state at every row (default True), from which
        ``Solution[name]`` computes every variable (particle, electrolyte and
        potential profiles, overpotentials, lithium inventories) on first
        use.  It costs the model's unknowns x 8 bytes per row: 5.9 kB for
        chen2020's DFN on the default mesh (1.7 MB for a 1C discharge of 290
        rows).  False keeps only the time series columns.

    Returns
    -------
    Solution
        ``completed`` is False when a cut-off ended a step before its own end
        or the cell stalled at a physical limit: the protocol stopped there,
        ``termination`` says why and where.

    Raises
    ------
    InvalidInputError (a ValueError)
        Bad input; the message says what, where and the allowed range.
    LimitError, SolverError (RuntimeErrors)
        The cell cannot do what was asked; the solver failed; a budget was
        spent.  When the run had computed rows before, the exception's
        ``solution`` is a Solution holding every one of them (``completed``
        False, ``termination`` saying why, in which step and when); else None.
    FileError (an OSError)
        A cell, protocol or drive-cycle file could not be read.
    TypeError
        An argument of the wrong type.
    """
    text, path = _protocol_args(protocol)
    return _solved(_core.simulate, cell=_cell_arg(cell), model=model, protocol=text, protocol_file=path,
                   drive_cycle=drive_cycle, crate=crate, soc=soc, temperature_C=temperature_C, mesh=mesh,
                   rtol=rtol, output_dt=output_dt, integrator=integrator, linear_solver=linear_solver,
                   max_steps=max_steps, max_wall_time=max_wall_time, discretisation=discretisation, mesh_x=mesh_x,
                   mesh_r=mesh_r, thermal=thermal, sei=sei, plating=plating, store_states=store_states,
                   lam_negative=lam_negative, lam_positive=lam_positive, cracking_negative=cracking_negative,
                   cracking_positive=cracking_positive)


class Simulation:
    """A model of one cell built once and solved many times (sweeps over
    rates, protocols or initial states), like ``pybamm.Simulation``.

    Building the plan (mesh, Jacobian pattern, solver memory) is done here;
    each :meth:`solve` then starts from the cell's initial state.  The cell is
    copied at construction: to change parameters, make a new Simulation (or
    use :func:`simulate`).  A Simulation is used by one thread at a time (a
    second thread calling :meth:`solve` meanwhile gets a RuntimeError); give
    each thread its own.
    """

    def __init__(self, cell: CellLike = "chen2020", model: str = "dfn", *, temperature_C: Optional[float] = None,
                 mesh: Optional[int] = None, rtol: float = 1e-6, output_dt: Optional[float] = None, integrator: str = "bdf",
                 linear_solver: str = "auto", max_steps: Optional[int] = None,
                 max_wall_time: Optional[float] = None, discretisation: str = "spectral", mesh_x: Union[int, Sequence[int], None] = None,
                 mesh_r: Optional[int] = None, thermal: str = "isothermal", sei: Optional[str] = None,
                 plating: Optional[str] = None, store_states: bool = True, lam_negative: Optional[str] = None,
                 lam_positive: Optional[str] = None, cracking_negative: Optional[str] = None,
                 cracking_positive: Optional[str] = None) -> None:
        self._plan = _core.plan_new(cell=_cell_arg(cell), model=model, temperature_C=temperature_C, mesh=mesh,
                                    rtol=rtol, output_dt=output_dt, integrator=integrator,
                                    linear_solver=linear_solver, max_steps=max_steps, max_wall_time=max_wall_time,
                                    discretisation=discretisation, mesh_x=mesh_x, mesh_r=mesh_r, thermal=thermal,
                                    sei=sei, plating=plating, store_states=store_states,
                                    lam_negative=lam_negative, lam_positive=lam_positive, cracking_negative=cracking_negative,
                   cracking_positive=cracking_positive)
        self._info: Dict[str, Any] = _core.plan_info(self._plan)

    @property
    def cell_name(self) -> str:
        """Name of the simulated cell."""
        return str(self._info["cell"])

    @property
    def model(self) -> str:
        """The model: spm, spme or dfn."""
        return str(self._info["model"])

    @property
    def unknowns(self) -> int:
        """Size of the discretised system (number of unknowns)."""
        return int(self._info["unknowns"])

    def solve(self, protocol: Optional[ProtocolLike] = None, soc: Optional[float] = None,
              crate: Optional[float] = None, *, drive_cycle: Optional[PathLike] = None) -> Solution:
        """Runs from the cell's initial state (or ``soc``); the arguments mean
        what they mean for :func:`simulate`, and so do its return value and
        exceptions (a failure's ``solution`` holds the rows up to it)."""
        text, path = _protocol_args(protocol)
        return _solved(_core.plan_solve, plan=self._plan, protocol=text, protocol_file=path,
                       drive_cycle=drive_cycle, crate=crate, soc=soc)

    def __repr__(self) -> str:
        return f"<cellforge.Simulation {self.cell_name} {self.model}, {self.unknowns} unknowns>"
