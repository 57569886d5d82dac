"""Cell tests from Python (HPPC, rate, GITT, cycling) against `cellforge test --json`."""

import json
import os
import subprocess

import numpy as np
import pytest

import cellforge


def cli_test(*args):
    exe = os.environ.get("CELLFORGE")
    if not exe:
        pytest.skip("set CELLFORGE to compare with the CLI")
    out = subprocess.run([exe, "test", *args, "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def same_table(result, rows):
    assert len(result) == len(rows)
    for key in rows[0]:
        want = np.array([np.nan if r[key] is None else r[key] for r in rows], dtype=float)
        np.testing.assert_allclose(result.columns[key].astype(float), want, rtol=1e-8, equal_nan=True, err_msg=key)


def test_rate_as_the_cli():
    r = cellforge.rate(model="spm", mesh=10, crates=[0.5, 1, 2])
    same_table(r, cli_test("rate", "--model", "spm", "--mesh", "10", "--crates", "0.5,1,2")["rows"])
    # less capacity at higher rates, retention against the lowest
    cap = r.columns["capacity_Ah"]
    assert np.all(np.diff(cap) < 0) and r.columns["retention"][0] == 1.0
    np.testing.assert_allclose(r.columns["retention"], cap / cap[0])
    assert r.completed and r.note == "" and r.series is None


def test_hppc_as_the_cli():
    h = cellforge.hppc(model="spm", mesh=10, soc_step=0.25)
    cli = cli_test("hppc", "--model", "spm", "--mesh", "10", "--soc-step", "0.25")
    same_table(h, cli["rows"])
    assert h.info["discharge_current_A"] == pytest.approx(5.0) and h.info["charge_current_A"] == pytest.approx(3.75)
    # the resistance is the voltage drop over the current
    c = h.columns
    np.testing.assert_allclose(c["r_dis_ohm"], (c["ocv_V"] - c["v_dis_end_V"]) / 5.0, rtol=1e-12)
    s = h.series
    assert np.all(np.diff(s["t"]) >= 0) and set(np.unique(s["cycle"])) == {0, 1, 2}


def test_gitt_and_cycle_as_the_cli():
    g = cellforge.gitt(model="spm", mesh=10, max_pulses=3, pulse_crate=0.5)
    same_table(g, cli_test("gitt", "--model", "spm", "--mesh", "10", "--max-pulses", "3",
                           "--pulse-crate", "0.5")["rows"])
    assert np.all(g.columns["diffusivity_m2_s"] > 0)
    c = cellforge.cycle(model="spm", mesh=10, cycles=2)
    same_table(c, cli_test("cycle", "--model", "spm", "--mesh", "10", "--cycles", "2")["rows"])
    # no side reactions: after the first cycle, what goes in comes out
    assert c.columns["coulombic_efficiency"][1] == pytest.approx(1.0, abs=1e-5)


def test_table_is_a_dataframe_with_pandas():
    r = cellforge.rate(model="spm", mesh=6, crates=[1, 2])
    try:
        import pandas as pd
    except ImportError:
        assert isinstance(r.table, dict)
        return
    assert isinstance(r.table, pd.DataFrame) and list(r.table.columns) == list(r.columns)


def test_bad_options():
    with pytest.raises(cellforge.InvalidInputError, match=r"soc_step = 0.9 is outside the allowed range \(0, 0.5\]"):
        cellforge.hppc(soc_step=0.9)
    with pytest.raises(cellforge.InvalidInputError, match="soc_step: must be a finite number"):
        cellforge.hppc(soc_step=float("nan"))
    with pytest.raises(cellforge.InvalidInputError, match="crates"):
        cellforge.rate(crates=[0])
    with pytest.raises(cellforge.InvalidInputError, match="crates"):
        cellforge.rate(crates=[])
    with pytest.raises(TypeError):
        cellforge.rate(crates="1,2")
    with pytest.raises(cellforge.InvalidInputError, match="electrode"):
        cellforge.gitt(electrode="middle")
    with pytest.raises(TypeError):
        cellforge.cycle(cycles="3")


def test_a_failed_test_keeps_its_points():
    # the 0.2 C discharge fits the step budget, the 5 C one (its electrolyte
    # running dry takes ~1000 steps) does not
    alone = cellforge.rate(model="spme", crates=[0.2])
    rows = len(cellforge.simulate(model="spme", crate=0.2))
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.rate(model="spme", crates=[0.2, 5], max_steps=rows + 20)
    partial = info.value.solution
    assert isinstance(partial, cellforge.TestResult) and not partial.completed
    assert len(partial) == 1 and "stopped at 5 C" in partial.note
    assert partial.columns["capacity_Ah"][0] == alone.columns["capacity_Ah"][0]
