#!/usr/bin/env python3
"""PyBaMM reference for SEI growth over CC-CV cycling (docs/ageing.md).

The cell is PyBaMM's Chen2020 (LG M50, the built-in `chen2020` of cellforge)
with the SEI parameters of PyBaMM's OKane2022 set (O'Kane et al., PCCP 24
(2022) 7909): only the SEI keys are taken from OKane2022, so the rest of the
cell is the one cellforge's chen2020 reproduces.  Models: SPMe and DFN with
options {"SEI": "reaction limited" | "solvent-diffusion limited"} (SEI film
resistance "distributed", PyBaMM's default with SEI; the SPMe's side
reactions x-averaged, its default).  Mesh: PyBaMM's default (20 points per
domain and particle); IDAKLU solver, rtol = atol = 1e-6.

Protocol (from the parameter set's initial, charged state), N cycles of
    Discharge at 1C until 2.5 V
    Charge at 0.3C until 4.2 V
    Hold at 4.2 V until C/20
Per cycle it records the discharge capacity, the loss of lithium inventory
(PyBaMM's "Loss of lithium inventory [%]": lithium lost from both electrodes'
particles) and the mean SEI thickness at the cycle's end.

Output: validation/data/ageing/sei_reference.json (or --out FILE), with
PyBaMM's version and these settings.  Solving the four cases of 100 cycles
takes a few minutes (the DFN most of it).

Usage: validation/.venv/bin/python validation/pybamm_sei_reference.py [--cycles N] [--out FILE]
"""

import os
import platform
import sys

try:
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_sei_reference.py: cannot import pybamm ({exc}); run validation/make-reference first")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pybamm_ageing_common as common  # noqa: E402

CASES = (
    ("spme", pybamm.lithium_ion.SPMe, "reaction limited"),
    ("spme", pybamm.lithium_ion.SPMe, "solvent-diffusion limited"),
    ("dfn", pybamm.lithium_ion.DFN, "reaction limited"),
    ("dfn", pybamm.lithium_ion.DFN, "solvent-diffusion limited"),
)


def main():
    args = common.parse_args(__doc__, "sei_reference.json")
    _, sei_params = common.parameters()
    out = {
        "generator": "validation/pybamm_sei_reference.py",
        "pybamm_version": pybamm.__version__,
        "python": platform.python_version(),
        "parameter_set": "Chen2020 with OKane2022's SEI parameters",
        "sei_parameters": {k: float(v) for k, v in sei_params.items()},
        "mesh": common.MESH,
        "solver": common.SOLVER,
        "protocol": list(common.STEPS),
        "cycles": args.cycles,
        "cases": [],
    }
    for name, cls, sei in CASES:
        rows, wall = common.solve_cycles(cls({"SEI": sei}), common.parameters()[0], args.cycles,
                                         {"li_sei_Ah": "Loss of capacity to negative SEI [A.h]"})
        common.report(f"{name} {sei}", rows, wall)
        out["cases"].append({"model": name, "sei": sei, "wall_s": wall, "per_cycle": rows})
    common.write(out, args.out)


if __name__ == "__main__":
    main()
