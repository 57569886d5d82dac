"""sweep() against `cellforge sweep`: the same rows, as a table."""

import csv
import os
import subprocess

import numpy as np
import pytest

import cellforge

SPEC = {"cell": "chen2020", "model": "spm", "mesh": 6, "vary": {"negative.porosity": [0.2, 0.25],
                                                                "crate": [0.5, 1, 2]},
        "outputs": ["capacity_Ah", "energy_Wh", "duration_s"]}


def columns(table):
    return {k: np.asarray(table[k]) for k in table} if isinstance(table, dict) else \
        {k: table[k].to_numpy() for k in table.columns}


def test_sweep_is_the_cli_sweep(source_dir, tmp_path):
    path = source_dir / "examples" / "sweep_porosity.json"
    mine = columns(cellforge.sweep(path, threads=2))
    exe = os.environ.get("CELLFORGE")
    if not exe:
        pytest.skip("set CELLFORGE to compare with the CLI")
    out = tmp_path / "s.csv"
    subprocess.run([exe, "sweep", str(path), "--out", str(out), "--threads", "1"], check=True, capture_output=True)
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == len(mine["run"]) == 72
    for key in rows[0]:
        if key == "error":
            assert [r[key] for r in rows] == list(mine[key])
        else:
            want = np.array([float(r[key]) if r[key] else np.nan for r in rows])
            np.testing.assert_allclose(mine[key].astype(float), want, rtol=1e-9, equal_nan=True, err_msg=key)


def test_dict_spec_and_physics():
    t = columns(cellforge.sweep(SPEC, threads=1))
    assert list(t["run"]) == list(range(6))
    cap = t["capacity_Ah"].reshape(2, 3)
    assert np.all(np.diff(cap, axis=1) < 0)  # less at higher rates
    same = columns(cellforge.sweep(SPEC, threads=2))  # rows do not depend on the threads
    np.testing.assert_array_equal(same["capacity_Ah"], t["capacity_Ah"])


def test_bad_specs():
    with pytest.raises(cellforge.InvalidInputError, match="crates|crate|vary"):
        cellforge.sweep(dict(SPEC, vary={"crat": [1]}))
    with pytest.raises(cellforge.InvalidInputError, match="threads"):
        cellforge.sweep(SPEC, threads=0)
    with pytest.raises(TypeError):
        cellforge.sweep(42)
    with pytest.raises(FileNotFoundError):
        cellforge.sweep("/no/such/spec.json")
