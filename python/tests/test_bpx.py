"""BPX from Python: read, write (round trip), validate, against the CLI."""

import json
import os
import subprocess

import numpy as np
import pytest

import cellforge

REF = "tests/data/bpx/chen2020_pybamm.bpx.json"


def test_read_gives_the_cell_and_the_validation_data(source_dir):
    cell, info = cellforge.bpx.read(source_dir / REF)
    assert isinstance(cell, cellforge.Cell) and info["model"] == "dfn"
    assert 0 < info["initial_soc"] <= 1
    ex = info["experiments"]
    assert [e["name"] for e in ex] == ["PyBaMM DFN 1C discharge", "PyBaMM DFN 2C discharge"]
    e = ex[0]
    assert e["time_s"].shape == e["voltage_V"].shape == (300,) and np.all(np.diff(e["time_s"]) > 0)
    # a 1C discharge of the 5 A h cell, in BPX's sign (negative on discharge)
    assert np.allclose(e["current_A"], -5.0, rtol=1e-6)


def test_write_round_trip(tmp_path):
    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.thickness_m = 70e-6
    path = tmp_path / "c.bpx.json"
    notes = cellforge.bpx.write(cell, path, title="thin", model="spme")
    assert isinstance(notes, list)
    data = json.loads(path.read_text())
    assert data["Header"]["Title"] == "thin" and data["Header"]["Model"] == "SPMe"
    back, info = cellforge.bpx.read(path)
    assert info["title"] == "thin" and back.negative.thickness_m == pytest.approx(70e-6)
    a = cellforge.simulate(cell, model="spme", crate=1, mesh=10)
    b = cellforge.simulate(back, model="spme", crate=1, mesh=10)
    assert b.capacity_Ah == pytest.approx(a.capacity_Ah, rel=1e-9)


def test_validate_as_the_cli(source_dir):
    mine = cellforge.bpx.validate(source_dir / REF, mesh=10, experiment="PyBaMM DFN 1C discharge", discretisation="fv")
    exe = os.environ.get("CELLFORGE")
    if not exe:
        pytest.skip("set CELLFORGE to compare with the CLI")
    out = subprocess.run([exe, "validate", "--cell", str(source_dir / REF), "--mesh", "10", "--experiment",
                          "PyBaMM DFN 1C discharge", "--discretisation", "fv", "--json"], capture_output=True, text=True)
    theirs = json.loads(out.stdout)
    assert len(mine["experiments"]) == 1
    a, b = mine["experiments"][0], theirs["experiments"][0]
    assert a["compared"] == b["compared"] == 300
    assert a["rms_mV"] == pytest.approx(b["rms_mV"], rel=1e-9) and a["rms_mV"] < 5


def test_bad_input(source_dir, tmp_path):
    with pytest.raises(cellforge.FileError):
        cellforge.bpx.read(tmp_path / "missing.json")
    (tmp_path / "x.json").write_text('{"not": "bpx"}')
    with pytest.raises(cellforge.InvalidInputError):
        cellforge.bpx.read(tmp_path / "x.json")
    with pytest.raises(cellforge.InvalidInputError, match="model"):
        cellforge.bpx.write("chen2020", tmp_path / "y.json", model="p2d")
    assert not (tmp_path / "y.json").exists()
    with pytest.raises(cellforge.Error):
        cellforge.bpx.write("chen2020", tmp_path)  # a directory
    with pytest.raises(cellforge.InvalidInputError, match="no experiment"):
        cellforge.bpx.validate(source_dir / REF, experiment="nope")
    with pytest.raises(TypeError):
        cellforge.bpx.write(42, tmp_path / "z.json")
