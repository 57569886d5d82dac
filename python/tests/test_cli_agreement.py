"""The Python binding computes what the CLI computes: the same library code
on the same inputs gives the same numbers (to the CLI's 10 printed digits),
and both agree with PyBaMM's reference solution."""

import json
import math

import pytest

import cellforge

REL = 1e-9  # the CLI prints 10 significant digits


def close(a: float, b: float, rel: float = REL) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


CASES = [
    # (CLI arguments, simulate() keyword arguments)
    ([], {}),
    (["--model", "spm", "--crate", "2"], {"model": "spm", "crate": 2}),
    (["--model", "spme", "--crate", "0.5", "--temperature", "10", "--soc", "0.8"],
     {"model": "spme", "crate": 0.5, "temperature_C": 10, "soc": 0.8}),
    (["--model", "dfn", "--mesh", "10", "--rtol", "1e-8"], {"mesh": 10, "rtol": 1e-8}),
    (["--model", "spm", "--crate", "-1"], {"model": "spm", "crate": -1}),
    (["--model", "dfn", "--output-dt", "60"], {"output_dt": 60}),
    (["--model", "dfn", "--discretisation", "spectral", "--mesh-x", "12", "--mesh-r", "6"],
     {"discretisation": "spectral", "mesh_x": 12, "mesh_r": 6}),
    (["--model", "dfn", "--discretisation", "spectral", "--mesh-x", "16,4,8", "--mesh-r", "4"],
     {"discretisation": "spectral", "mesh_x": (16, 4, 8), "mesh_r": 4}),
]


@pytest.mark.parametrize("args,kwargs", CASES, ids=[" ".join(a) or "default" for a, _ in CASES])
def test_constant_rate_matches_cli(cli, args, kwargs):
    ref = cli(*args)
    sol = cellforge.simulate(**kwargs)
    assert sol.model == ref["model"] and sol.cell == ref["cell"]
    for key in ("capacity_Ah", "energy_Wh", "final_voltage_V", "duration_s"):
        assert close(getattr(sol, key), ref[key]), (key, getattr(sol, key), ref[key])
    assert len(sol) == ref["rows"]
    # the summary is also consistent with the arrays it came from
    assert close(sol.capacity_Ah, abs(sol.capacity[-1]))
    assert close(sol.final_voltage_V, sol.voltage[-1])


def test_recipe_discharge_starts_full_as_cli(cli, source_dir):
    # a recipe is a cell as assembled (discharged): both start its discharge full
    recipe = str(source_dir / "examples" / "recipe_commercial_graphite_nmc.json")
    ref = cli("--cell", recipe, "--model", "spm", "--mesh", "8")
    sol = cellforge.simulate(cell=recipe, model="spm", mesh=8)
    assert sol.initial_soc == 1.0
    for key in ("capacity_Ah", "energy_Wh", "final_voltage_V", "duration_s"):
        assert close(getattr(sol, key), ref[key]), (key, getattr(sol, key), ref[key])
    assert sol.capacity_Ah > 25  # a 30 Ah design: not the few Ah left from its as-made state


PROTOCOL = "Charge at C/2 until 4.2 V; Hold at 4.2 V until C/20; Rest for 10 minutes; Discharge at 1C until 2.5 V"


def test_protocol_and_cycles_match_cli(cli):
    ref = cli("--model", "spm", "--soc", "0.3", "--protocol", PROTOCOL)
    sol = cellforge.simulate(model="spm", soc=0.3, protocol=PROTOCOL)
    for key in ("capacity_Ah", "energy_Wh", "charge_Ah", "charge_Wh", "final_voltage_V", "duration_s"):
        assert close(getattr(sol, key), ref[key]), key
    assert (sol.steps_run, sol.steps_skipped, sol.stopped_early) == (ref["steps_run"], ref["steps_skipped"],
                                                                   ref["stopped_early"])
    # every top-level step is a cycle, as in PyBaMM
    assert len(sol.cycles) == len(ref["cycles"]) == 4
    for mine, theirs in zip(sol.cycles, ref["cycles"]):
        for key, value in theirs.items():
            if value is None:
                assert mine[key] is None, key
            else:
                assert close(mine[key], value), key


def test_skipped_steps_match_cli(cli):
    # steps 2 and 4 end below a voltage the cell is already under: both are
    # skipped, listed with the step, the cycle and why, as the CLI lists them
    protocol = ("Discharge at 1C until 3.2 V; Discharge at C/2 until 3.5 V; Rest for 1 minute; "
                "Discharge at 1C until 3.6 V")
    ref = cli("--model", "spm", "--protocol", protocol)
    sol = cellforge.simulate(model="spm", protocol=protocol)
    assert (sol.steps_run, sol.steps_skipped) == (2, 2)
    assert [(s["step"], s["cycle"]) for s in sol.skipped_steps] == [(2, 2), (4, 4)]
    assert sol.skipped_steps == ref["skipped_steps"]
    assert "already at or below 3.5 V" in sol.skipped_steps[0]["reason"]
    assert sol.summary()["skipped_steps"] == sol.skipped_steps
    # no rows come from a skipped step
    assert set(sol.step.tolist()) == {1, 3}
    assert cellforge.simulate(model="spm").skipped_steps == []


def test_cell_file_matches_cli(cli, source_dir):
    path = source_dir / "examples" / "chen2020_thin_cell.json"
    ref = cli("--cell", str(path), "--model", "spme", "--crate", "3")
    sol = cellforge.simulate(cellforge.Cell.load(path), model="spme", crate=3)
    assert sol.cell == ref["cell"]
    assert close(sol.capacity_Ah, ref["capacity_Ah"]) and close(sol.energy_Wh, ref["energy_Wh"])


def test_changed_cell_saved_and_read_by_cli(cli, tmp_path):
    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.thickness_m = 70e-6
    cell.positive.initial_stoichiometry = 0.3
    cell.electrolyte.initial_concentration_mol_m3 = 1200
    cell.save(tmp_path / "c.json")
    ref = cli("--cell", str(tmp_path / "c.json"), "--model", "dfn", "--crate", "1.5")
    sol = cellforge.simulate(cell, crate=1.5)
    assert close(sol.capacity_Ah, ref["capacity_Ah"]) and close(sol.energy_Wh, ref["energy_Wh"])
    assert close(sol.final_voltage_V, ref["final_voltage_V"])


def test_dfn_agrees_with_pybamm(source_dir):
    """PyBaMM's DFN on the same cell and mesh (tests/data/pybamm): 1C and 2C
    discharged capacities agree to 1e-4 relative."""
    ref = json.loads((source_dir / "tests" / "data" / "pybamm" / "reference.json").read_text())["cases"]
    for crate, case in ((1, "dfn_1C"), (2, "dfn_2C")):
        sol = cellforge.simulate(crate=crate, discretisation="fv")  # PyBaMM's finite volumes
        assert math.isclose(sol.capacity_Ah, ref[case]["discharged_capacity_Ah"], rel_tol=1e-4)
        assert math.isclose(sol.duration_s, ref[case]["final_time_s"], rel_tol=1e-4)
