"""A run that stops early keeps what it computed: an exception carries the
Solution of every row up to the failure, a returned Solution says whether it
completed and why it ended; output rows fall on every multiple of
output_dt."""

import math
from pathlib import Path

import numpy as np
import pytest

import cellforge

PROTOCOL = "Discharge at 1C for 20 minutes; Rest for 10 minutes; Charge at 1C until 4.1 V"


def test_complete_run_says_so():
    sol = cellforge.simulate(model="spm", protocol=PROTOCOL)
    assert sol.completed is True
    assert sol.termination["reason"] == "completed"
    assert sol.termination["step"] == 3 and sol.termination["step_text"] == "Charge at 1C until 4.1 V"
    assert sol.termination["time_s"] == sol.t[-1]
    assert sol.summary()["completed"] is True
    crate = cellforge.simulate(model="spm", crate=1)
    assert crate.completed and crate.termination["reason"] == "completed"


def test_failure_carries_every_row():
    full = cellforge.simulate(model="spm", protocol=PROTOCOL)
    rest_first = int(np.argmax(full.step == 2))
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.simulate(model="spm", protocol=PROTOCOL, max_steps=rest_first + 3)
    exc = info.value
    sol = exc.solution
    assert isinstance(sol, cellforge.Solution)
    assert sol.completed is False
    assert sol.termination["reason"] == "step_limit"
    assert sol.termination["step"] == 2 and sol.termination["step_text"] == "Rest for 10 minutes"
    assert sol.termination["time_s"] == sol.t[-1]
    assert "max_steps" in sol.termination["message"]  # named as the keyword argument
    assert "Rest for 10 minutes" in exc.where
    # the rows are the complete run's first rows, bit for bit
    n = len(sol)
    assert rest_first < n < len(full)
    for column in ("t", "voltage", "current", "capacity", "energy", "step", "cycle"):
        assert np.array_equal(getattr(sol, column), getattr(full, column)[:n]), column
    # and the cycles up to there: the first whole, the second partial
    assert len(sol.cycles) == 2
    assert sol.cycles[0]["discharge_Ah"] == pytest.approx(full.cycles[0]["discharge_Ah"], rel=1e-12)
    assert 0 < sol.cycles[1]["duration_s"] < 600
    assert sol.stopped_early and "stopped early" in repr(sol)


def test_nothing_computed_carries_no_solution():
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.simulate(model="spm", crate=-1, soc=1)  # charging a full cell
    assert info.value.solution is None
    # errors raised before any run have the attribute too
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(model="spm", mesh=1)
    assert info.value.solution is None


def test_cutoff_returns_a_solution_that_stopped_early():
    sol = cellforge.simulate(model="spm", protocol="Discharge at 1C for 10 minutes; Discharge at 2C for 5 hours; "
                                                   "Rest for 1 hour")
    assert sol.completed is False
    assert sol.termination["reason"] == "cutoff"
    assert sol.termination["step"] == 2
    assert sol.voltage[-1] == pytest.approx(2.5, abs=1e-6)


def test_simulation_solve_and_constant_rate_keep_rows():
    sim = cellforge.Simulation("chen2020", "spme", mesh=10, max_steps=25)
    with pytest.raises(cellforge.LimitError) as info:
        sim.solve(crate=1)
    sol = info.value.solution
    assert len(sol) == 26 and sol.termination["reason"] == "step_limit"
    assert sol.capacity_Ah == pytest.approx(abs(sol.capacity[-1]))
    # the plan is reusable: the same budget stops the same run at the same row
    with pytest.raises(cellforge.LimitError) as again:
        sim.solve(crate=1)
    assert np.array_equal(again.value.solution.voltage, sol.voltage)


def test_wall_time_budget():
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.simulate(model="dfn", max_wall_time=1e-3,
                           protocol="repeat 100 { Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V }")
    sol = info.value.solution
    assert sol.termination["reason"] == "wall_time" and len(sol) >= 2


@pytest.mark.parametrize("bad", [{"max_steps": 0}, {"max_steps": 1.5}, {"max_wall_time": 0}, {"max_wall_time": math.nan}])
def test_bad_budgets(bad):
    with pytest.raises((cellforge.InvalidInputError, TypeError)):
        cellforge.simulate(model="spm", **bad)


def test_cli_agrees_on_a_stopped_run(cli):
    ref = cli("--model", "spm", "--protocol", PROTOCOL, "--max-steps", "120", status=3)
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.simulate(model="spm", protocol=PROTOCOL, max_steps=120)
    sol = info.value.solution
    assert ref["completed"] is False and sol.completed is False
    assert len(sol) == ref["rows"]
    for key in ("reason", "step", "cycle", "step_text"):
        assert sol.termination[key] == ref["termination"][key], key
    assert math.isclose(sol.termination["time_s"], ref["termination"]["time_s"], rel_tol=1e-9)
    assert math.isclose(sol.capacity_Ah, ref["capacity_Ah"], rel_tol=1e-9)


@pytest.mark.parametrize("model", ["spm", "spme", "dfn"])
def test_output_dt_rows_on_every_multiple(model, source_dir: Path):
    drive = source_dir / "tests" / "data" / "protocol" / "drive_long.csv"
    sol = cellforge.simulate(model=model, mesh=10, soc=0.5, rtol=1e-11, output_dt=1.0, drive_cycle=drive)
    assert sol.completed
    whole = np.arange(0, math.floor(sol.t[-1]) + 1, dtype=float)
    for k in whole:
        assert np.count_nonzero(np.abs(sol.t - k) <= 1e-9) == 1, k
    assert len(sol) == len(whole) + 1  # and the drive cycle's end at 552.5 s
