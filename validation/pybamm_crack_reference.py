#!/usr/bin/env python3
"""PyBaMM reference for particle cracking with SEI on the cracks over CC-CV
cycling (docs/ageing.md).

The cell is PyBaMM's Chen2020 (the LG M50, cellforge's `chen2020`) with the
SEI, particle-mechanics and cracking parameters of PyBaMM's OKane2022 set
(O'Kane et al., PCCP 24 (2022) 7909): only those keys are taken from
OKane2022, so the rest of the cell is the one cellforge's chen2020
reproduces.  Models: SPMe and DFN with options {"SEI": "solvent-diffusion
limited" (O'Kane's), "particle mechanics": "swelling and cracking" (both
electrodes), "SEI on cracks": "true"} (PyBaMM then grows SEI on the
negative's cracks only, and turns stress-induced diffusion on, its default
with mechanics); the case "dfn-lam" adds "loss of active material":
"stress-driven".  Mesh: PyBaMM's default (20 points per domain and
particle); IDAKLU solver, rtol = atol = 1e-6.

Protocol (from the parameter set's initial, charged state), N cycles of
    Discharge at 1C until 2.5 V
    Charge at 0.3C until 4.2 V
    Hold at 4.2 V until C/20

Per cycle at the cycle's end: the discharge capacity, the loss of lithium
inventory (PyBaMM's "Loss of lithium inventory [%]"), the lithium taken by
the SEI and by the SEI on cracks, the x-averaged crack length of each
electrode, the mean SEI and SEI-on-cracks thicknesses (and with LAM, each
electrode's loss).  Each case also records the lithium its particles held
at the start (A.h), of which its LLI is a share.

Output: validation/data/ageing/crack_reference.json (or --out FILE), with
PyBaMM's version and these settings.  --cases solves only the named cases
and keeps the others already in --out.

Usage: validation/.venv/bin/python validation/pybamm_crack_reference.py [--cycles N] [--cases a,b] [--out FILE]
"""

import json
import os
import platform
import sys

try:
    import pybamm
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"pybamm_crack_reference.py: cannot import pybamm ({exc}); run validation/make-reference first")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pybamm_ageing_common as common  # noqa: E402
from pybamm_lam_reference import MECH_KEYS  # noqa: E402

CRACK_KEYS = ("Initial SEI on cracks thickness [m]",) + tuple(
    f"{d} electrode {k}" for d in ("Negative", "Positive") for k in (
        "initial crack length [m]", "initial crack width [m]", "number of cracks per unit area [m-2]",
        "Paris' law constant b", "Paris' law constant m", "cracking rate"))
KEYS = common.SEI_KEYS + MECH_KEYS + CRACK_KEYS
OPTIONS = {"SEI": "solvent-diffusion limited", "particle mechanics": "swelling and cracking", "SEI on cracks": "true"}
CASES = (("spme", pybamm.lithium_ion.SPMe, {}), ("dfn", pybamm.lithium_ion.DFN, {}),
         ("dfn-lam", pybamm.lithium_ion.DFN, {"loss of active material": "stress-driven"}))
COLUMNS = {
    "li_crack_sei_Ah": "Loss of capacity to negative SEI on cracks [A.h]",
    "li_sei_Ah": "Loss of capacity to negative SEI [A.h]",
    "crack_length_neg_m": "X-averaged negative particle crack length [m]",
    "crack_length_pos_m": "X-averaged positive particle crack length [m]",
    "crack_sei_thickness_m": "X-averaged negative SEI on cracks thickness [m]",
    "li_particles_Ah": "Total lithium capacity in particles [A.h]",
}
LAM_COLUMNS = {"lam_neg_pct": "Loss of active material in negative electrode [%]",
               "lam_pos_pct": "Loss of active material in positive electrode [%]"}


def main():
    args = common.parse_args(__doc__, "crack_reference.json", cases=[c[0] for c in CASES])
    wanted = args.cases.split(",")
    _, taken, _ = common.chen2020_with(KEYS)
    out = {"generator": "validation/pybamm_crack_reference.py", "pybamm_version": pybamm.__version__,
           "python": platform.python_version(),
           "parameter_set": "Chen2020 with OKane2022's SEI, particle-mechanics and cracking parameters",
           "okane2022_values": {k: (v if isinstance(v, (int, float)) else str(v)) for k, v in taken.items()},
           "options": OPTIONS, "mesh": common.MESH, "solver": common.SOLVER, "protocol": list(common.STEPS),
           "cycles": args.cycles, "cases": []}
    kept = []
    if os.path.exists(args.out):  # the cases not solved now, from the same settings
        old = json.load(open(args.out))
        if old.get("cycles") == args.cycles and old.get("pybamm_version") == pybamm.__version__:
            kept = [c for c in old["cases"] if c["model"] not in wanted]
    for name, cls, extra in CASES:
        if name not in wanted:
            continue
        model = cls({**OPTIONS, **extra})
        columns = {**COLUMNS, **(LAM_COLUMNS if extra else {})}
        rows, wall = common.solve_cycles(model, common.chen2020_with(KEYS)[0], args.cycles, columns)
        # LLI = 100 (1 - n / n0): the particles' lithium at the start from the first row's
        li0 = rows[0]["li_particles_Ah"] / (1 - rows[0]["lli_pct"] / 100)
        common.report(name, rows, wall)
        last = rows[-1]
        print(f"  SEI on cracks {last['li_crack_sei_Ah']:.4e} Ah ({last['crack_sei_thickness_m']:.3e} m), cracks "
              f"{last['crack_length_neg_m']:.6e} / {last['crack_length_pos_m']:.6e} m", flush=True)
        opts = dict(model.options.items())
        out["cases"].append({"model": name, "extra_options": extra, "wall_s": wall, "li_particles_initial_Ah": li0,
                             "effective_options": {k: str(opts[k]) for k in (
                                 "SEI", "SEI on cracks", "particle mechanics", "stress-induced diffusion",
                                 "loss of active material")},
                             "per_cycle": rows})
    order = [c[0] for c in CASES]
    out["cases"] = sorted(out["cases"] + kept, key=lambda c: order.index(c["model"]))
    common.write(out, args.out)


if __name__ == "__main__":
    main()
