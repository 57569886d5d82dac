"""Experiment: PyBaMM-style protocols checked by the library's parser."""

import numpy as np
import pytest

import cellforge

CYCLE = ("Charge at C/2 until 4.2 V", "Hold at 4.2 V until C/50", "Rest for 30 minutes", "Discharge at 1C until 2.5 V")


def test_experiment_runs_as_the_same_list():
    exp = cellforge.Experiment([CYCLE] * 2)
    assert exp.cycles == 2 and exp.total_steps == 8 and not exp.terminated
    assert exp.steps[3] == "Discharge at 1 C until 2.5 V"
    a = cellforge.simulate(model="spm", mesh=8, soc=0.2, protocol=exp)
    b = cellforge.simulate(model="spm", mesh=8, soc=0.2, protocol=[CYCLE] * 2)
    assert np.array_equal(a.voltage, b.voltage) and len(a.cycles) == 2


def test_period_and_termination():
    exp = cellforge.Experiment([CYCLE] * 5, period="10 seconds", termination="2.6 V")
    assert exp.terminated and all(s.endswith("(10 s period)") for s in exp.steps)
    sol = cellforge.simulate(model="spm", mesh=8, soc=0.2, protocol=exp)
    # the first cycle's discharge reaches 2.5 V <= 2.6 V: the experiment ends after it
    assert len(sol.cycles) == 1 and sol.termination["reason"] == "termination"
    dt = np.diff(sol.t)
    assert np.max(dt) <= 10 + 1e-6  # a row at least every period


def test_text_and_errors():
    exp = cellforge.Experiment.from_text("repeat 3 { Discharge at 1C for 10 minutes; Rest for 5 minutes }")
    assert exp.cycles == 3 and exp.total_steps == 6 and str(exp) == exp.text
    with pytest.raises(cellforge.InvalidInputError, match=r"protocol:1:17: .*did you mean 'until'"):
        cellforge.Experiment(["Discharge at 1C untl 2.5 V"])
    with pytest.raises(TypeError):
        cellforge.Experiment("Discharge at 1C until 2.5 V")  # a list is needed, as in PyBaMM
    with pytest.raises(TypeError):
        cellforge.Experiment([42])
    with pytest.raises(TypeError):
        cellforge.Experiment(["Rest for 1 hour"], period=10)
    with pytest.raises(cellforge.InvalidInputError):
        cellforge.Experiment(["Rest for 1 hour"], termination="soon")


def test_canonical_and_expand_are_the_cli_protocol():
    import os
    import subprocess

    exe = os.environ.get("CELLFORGE")
    if not exe:
        pytest.skip("set CELLFORGE to compare with the CLI")
    text = ("Rest for 1 hour\nrepeat 3 {\n  Discharge at 1C until 2.5 V\n  Rest for 30 minutes\n"
            "  Charge at C/2 for 1 hour or until 4.2 V\n  Hold at 4.2 V until C/50\n}\nterminate 80% capacity")
    exp = cellforge.Experiment.from_text(text)
    out = subprocess.run([exe, "protocol", text, "--expand", "9"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    summary = next(i for i, l in enumerate(lines) if l.startswith("# ") and "distinct step" in l)
    assert exp.canonical == "\n".join(lines[:summary]) + "\n"
    expanded = exp.expand(9)
    cli_rows = lines[summary + 1:]
    assert len(expanded) == len(cli_rows) == 9
    for (cycle, step, step_text, end), row in zip(expanded, cli_rows):
        assert row == f"# cycle {cycle} step {step}: {step_text}" + ("   [end of cycle]" if end else "")
    # the walk is the protocol's: 1 rest, then 4 steps a cycle, the 4th ending it
    assert [r[:2] for r in expanded[:6]] == [(1, 1), (2, 1), (2, 2), (2, 3), (2, 4), (3, 1)]
    assert len(exp.expand(10 ** 6)) == exp.total_steps and exp.expand(0) == []
    with pytest.raises(cellforge.InvalidInputError):
        exp.expand(-1)
