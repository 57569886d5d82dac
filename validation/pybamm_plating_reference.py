#!/usr/bin/env python3
"""PyBaMM reference for partially reversible lithium plating beside
reaction-limited SEI over CC-CV cycling (docs/ageing.md).

The cell, protocol, mesh and solver are those of pybamm_sei_reference.py
(Chen2020 with OKane2022's SEI parameters, 20 points per domain and particle,
IDAKLU rtol = atol = 1e-6), with OKane2022's plating parameters too and
options {"SEI": "reaction limited", "lithium plating": "partially
reversible"} in the SPMe and the DFN.  Per cycle: discharge capacity, loss of
lithium inventory, SEI thickness and the lithium lost to plating (plated and dead) at the
cycle's end.

Output: validation/data/ageing/plating_reference.json (or --out FILE).

Usage: validation/.venv/bin/python validation/pybamm_plating_reference.py [--cycles N] [--out FILE]
"""

import os
import platform
import sys

try:
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_plating_reference.py: cannot import pybamm ({exc}); run validation/make-reference first")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pybamm_ageing_common as common  # noqa: E402

PLATING_KEYS = ("Lithium plating kinetic rate constant [m.s-1]", "Exchange-current density for plating [A.m-2]",
                "Exchange-current density for stripping [A.m-2]", "Initial plated lithium concentration [mol.m-3]",
                "Typical plated lithium concentration [mol.m-3]", "Lithium plating transfer coefficient",
                "Dead lithium decay constant [s-1]", "Dead lithium decay rate [s-1]",
                "Lithium metal partial molar volume [m3.mol-1]")
OPTIONS = {"SEI": "reaction limited", "lithium plating": "partially reversible"}
CASES = (("spme", pybamm.lithium_ion.SPMe), ("dfn", pybamm.lithium_ion.DFN))


def main():
    args = common.parse_args(__doc__, "plating_reference.json")
    out = {"generator": "validation/pybamm_plating_reference.py", "pybamm_version": pybamm.__version__,
           "python": platform.python_version(),
           "parameter_set": "Chen2020 with OKane2022's SEI and lithium plating parameters",
           "options": OPTIONS, "mesh": common.MESH, "solver": common.SOLVER,
           "protocol": list(common.STEPS), "cycles": args.cycles, "cases": []}
    for name, cls in CASES:
        # plated and dead lithium together
        rows, wall = common.solve_cycles(cls(dict(OPTIONS)), common.parameters(PLATING_KEYS)[0], args.cycles,
                                         {"loss_to_plating_Ah": "Loss of capacity to negative lithium plating [A.h]"})
        common.report(name, rows, wall)
        out["cases"].append({"model": name, "wall_s": wall, "per_cycle": rows})
    common.write(out, args.out)


if __name__ == "__main__":
    main()
