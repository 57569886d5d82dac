"""cellforge: lithium-ion cell simulation (SPM, SPMe, DFN) from Python.

The numerical work runs in the C library libcellforge (compiled into the
extension module cellforge._core); this package gives it a Python face::

    import cellforge
    sol = cellforge.simulate("chen2020", model="dfn", protocol="Discharge at 1C until 2.5 V")
    print(sol.capacity_Ah, sol.voltage[-1])

    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.thickness_m = 70e-6
    sol = cellforge.simulate(cell, crate=2)

Errors from the library are exceptions deriving from both cellforge.Error
and a built-in class: InvalidInputError (ValueError), LimitError and
SolverError (RuntimeError), FileError (OSError), OutOfMemoryError
(MemoryError), UnsupportedError (NotImplementedError); each carries
``where`` and ``message``.  See docs/python.md.

cellforge.report writes the self-contained HTML report of ``cellforge
report`` (one code path for both).

Characterisation of instrument files (xrd, psd, bet, dta, chn, shape)
returns typed results with the CLI's --json keys; see docs/python.md.
"""

from ._core import version as _c_version
from ._errors import (Error, FileError, InvalidInputError, LimitError, OutOfMemoryError, SolverError,
                      UnsupportedError)
from ._cell import Cell, Electrode, Electrolyte, Phase, Separator, builtin_cells, cells, material_functions
from ._solution import Solution, Variable
from ._simulate import MODELS, Simulation, simulate
from ._design import Recipe, claim_seeds, claims, design, design_around, explain_claim, materials
from ._celltest import TestResult, cycle, gitt, hppc, rate
from . import bpx
from ._experiment import Experiment
from ._sweep import sweep
from ._charact import (BetResult, ChnResult, DtaResult, PsdResult, ShapeResult, XrdResult, bet, chn, dta, psd,
                       shape, xrd)
from ._fit import FitResult, PulseFitResult, fit, fit_ocv, fit_pulses
from ._report import Report, report

__version__: str = _c_version()

__all__ = [
    "simulate", "Simulation", "Solution", "Variable", "Recipe", "design", "claims", "design_around", "claim_seeds", "explain_claim", "materials", "TestResult", "hppc", "rate", "gitt", "cycle", "bpx", "Experiment", "sweep", "fit", "fit_ocv", "fit_pulses", "FitResult", "PulseFitResult", "report", "Report", "xrd", "psd", "bet", "dta", "chn", "shape", "XrdResult", "PsdResult", "BetResult",
    "DtaResult", "ChnResult", "ShapeResult", "Cell", "Electrode", "Phase", "Separator", "Electrolyte", "builtin_cells", "cells",
    "material_functions", "MODELS", "Error", "InvalidInputError", "FileError", "SolverError", "LimitError",
    "OutOfMemoryError", "UnsupportedError", "__version__",
]
